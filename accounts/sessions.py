"""Ending every session of a user ("Log ud på alle enheder")."""

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.utils import timezone


def end_all(user) -> int:
    """Deletes the user's sessions from the session table (the database session engine, Django's
    default and the portal's), however many devices; returns how many. It reads every unexpired
    session: a rare action, on a table as large as the portal's logins of the last weeks."""
    ended = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if session.get_decoded().get(SESSION_KEY) == str(user.pk)
    ]
    Session.objects.filter(pk__in=ended).delete()
    return len(ended)
