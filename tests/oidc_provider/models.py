from django.conf import settings
from django.db import models


class Identity(models.Model):
    """What the provider asserts about one of its users besides the username (the subject)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, related_name="identity", on_delete=models.CASCADE)
    email_verified = models.BooleanField(default=True)
