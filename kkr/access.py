"""Who may see what: the one place that answers it for every view, feed and document."""

from kkr.models import Council, Membership


def is_secretariat(user, council: Council) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return council.secretariat.filter(pk=user.pk).exists()


def is_member(user, council: Council) -> bool:
    """A current member or substitute of the council (substitutes read everything too)."""
    if not user.is_authenticated:
        return False
    return Membership.objects.current().filter(council=council, person__user=user).exists()


def can_see_closed(user, council: Council) -> bool:
    """Closed items, their texts and attachments are for the council's members and secretariat."""
    return is_secretariat(user, council) or is_member(user, council)
