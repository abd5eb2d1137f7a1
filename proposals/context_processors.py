from django.db.models import Q
from django.utils.functional import SimpleLazyObject

from kkr.models import Council


def intake(request):
    """`has_intake_role`: whether the user is a case handler, reviewer or secretariat in any council (the
    site header links to "Mine punkter" then); asked only when a page uses it, in one query."""
    user = getattr(request, "user", None)

    def has_role():
        if user is None or not user.is_authenticated:
            return False
        if user.is_superuser:
            return True
        return Council.objects.filter(Q(secretariat=user.pk) | Q(staff_roles__user=user.pk)).exists()

    return {"has_intake_role": SimpleLazyObject(has_role)}
