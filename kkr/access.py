"""Who may see what: the one place that answers it for every view, feed and document."""

from dataclasses import dataclass

from kkr.models import Audience, Council, Membership


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


@dataclass(frozen=True)
class MeetingAccess:
    """A meeting and what the viewer may do with it."""

    meeting: object
    is_secretary: bool
    is_member: bool

    @property
    def sees_closed(self) -> bool:
        return self.is_secretary or self.is_member

    @property
    def audience(self) -> str:
        return Audience.MEMBERS if self.sees_closed else Audience.PUBLIC
