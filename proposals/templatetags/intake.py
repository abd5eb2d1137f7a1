from django import template
from django.utils import timezone

from proposals import services
from proposals.forms import DeadlineForm

register = template.Library()


@register.inclusion_tag("proposals/_meeting_intake.html")
def meeting_intake(meeting, form=None):
    """The block "Punktforslag" on the secretariat's edit page of a meeting: its deadline (a form to move
    it) and what has come in for it."""
    intake = services.meeting_intake(meeting)
    if form is None:
        deadline = intake.deadline
        form = DeadlineForm(
            initial={"deadline": timezone.localtime(deadline.deadline), "warning_days": deadline.warning_days}
        )
    return {"meeting": meeting, "intake": intake, "deadline_form": form}
