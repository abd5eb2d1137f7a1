"""The secretariat's pages: build, edit and publish agendas. Every view here answers 403 to anyone
who is not in the council's secretariat."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from agendas.content import AgendaContent
from kkr.access import is_secretariat
from kkr.models import Council


def _get_meeting_for_secretary(request, council_slug, date):
    council = get_object_or_404(Council, slug=council_slug)
    if not is_secretariat(request.user, council):
        raise PermissionDenied
    meeting = get_object_or_404(council.meetings, date=date)
    meeting.council = council
    return meeting


@require_GET
def edit(request, council_slug, date):
    meeting = _get_meeting_for_secretary(request, council_slug, date)
    content = AgendaContent.live(meeting)
    return render(request, "agendas/edit.html", {"meeting": meeting, "content": content})
