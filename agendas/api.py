"""A read-only JSON API of meetings and agendas, with the same access rules as the pages: drafts for
the council's secretariat only, closed items in full for its members and secretariat only."""

import re

from django.db.models import F
from django.http import Http404, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from agendas.content import AgendaContent, Facts
from agendas.models import Meeting
from kkr.access import council_accesses, meeting_access, visible_meetings
from kkr.lib.richtext import sanitize
from kkr.models import Council

# A meeting's "status" in the API: whether it has a published version.
PUBLISHED, DRAFT = "published", "draft"


def _json(data, *, status=200):
    # Drafts and closed texts reach only the logged-in, whose answers are never stored
    # (kkr.middleware.PrivateForLoggedInMiddleware).
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def _error(message, status):
    return _json({"error": message}, status=status)


def _time(value):
    return value.strftime("%H:%M") if value else None


def _council(council):
    return {"slug": council.slug, "name": council.name}


@require_GET
def meeting_list(request):
    """/api/v1/moeder/?council=<slug>&year=<year>: the meetings this user may see, oldest first."""
    councils = Council.objects.all()
    if slug := request.GET.get("council"):
        councils = councils.filter(slug=slug)
    councils = list(councils)
    if slug and not councils:
        return _error(_("Rådet findes ikke."), 404)
    meetings = Meeting.objects.none()
    for access in council_accesses(request.user, councils):
        meetings |= visible_meetings(access)
    if year := request.GET.get("year"):
        # ASCII digits only: str.isdigit() takes "²⁰²¹" too, which int() refuses; year 0 is no date.
        if not (re.fullmatch(r"[0-9]{4}", year) and int(year) >= 1):
            return _error(_("Året skal skrives med fire cifre, fx 2021."), 400)
        meetings = meetings.filter(date__year=int(year))
    meetings = (
        meetings.select_related("council")
        .annotate(
            version_number=F("published_version__number"),
            version_sent_on=F("published_version__sent_on"),
            version_facts=F("published_version__content__facts"),
        )
        .order_by("date", "council__name")
    )
    data = [_list_entry(request, meeting) for meeting in meetings]
    return _json({"meetings": data})


def _list_entry(request, meeting):
    # A published meeting as its version states it; a draft (for its secretariat) as it stands.
    facts = Facts.from_snapshot(meeting.version_facts) if meeting.version_number else meeting
    return {
        "council": _council(meeting.council),
        "date": meeting.date.isoformat(),
        "start": _time(facts.start_time),
        "end": _time(facts.end_time),
        "place": facts.place,
        "kind": facts.kind,
        "status": PUBLISHED if meeting.version_number else DRAFT,
        "url": request.build_absolute_uri(meeting.get_absolute_url()),
        "api_url": request.build_absolute_uri(
            reverse("agendas:api_meeting", args=[meeting.council.slug, meeting.date])
        ),
        "version": {"number": meeting.version_number, "sent_on": meeting.version_sent_on.isoformat()}
        if meeting.version_number
        else None,
    }


@require_GET
def meeting_detail(request, council_slug, date):
    """/api/v1/moeder/<council>/<date>/: the meeting's facts and its agenda as readers see it."""
    try:
        access = meeting_access(request.user, council_slug, date)
    except Http404:
        return _error(_("Mødet findes ikke."), 404)
    meeting = access.meeting
    if meeting.is_published:
        content = AgendaContent.for_readers(meeting)
    else:
        content = AgendaContent.live(meeting, published=False)  # its secretariat's draft
    content = content.for_audience(access.audience)
    facts, version = content.facts, content.version
    data = {
        "council": _council(meeting.council),
        "date": meeting.date.isoformat(),
        "start": _time(facts.start_time),
        "end": _time(facts.end_time),
        "place": facts.place,
        "kind": facts.kind,
        "kind_label": facts.get_kind_display(),
        "status": PUBLISHED if meeting.is_published else DRAFT,
        "url": request.build_absolute_uri(meeting.get_absolute_url()),
        "version": {
            "number": version.number,
            "sent_on": version.sent_on.isoformat(),
            "published_at": version.published_at.isoformat(),
            "change_note": version.change_note,
        }
        if version
        else None,
        "sections": [
            {
                "number": section.number,
                "title": section.title,
                "items": [_item(request, meeting, section, item) for item in section.items],
            }
            for section in content.sections
        ],
    }
    return _json(data)


def _item(request, meeting, section, item):
    number = f"{section.position}.{item.position}."
    if item.hidden:
        return {"number": number, "title": item.title, "is_closed": True}
    return {
        "number": number,
        "title": item.title,
        "case_number": item.case_number,
        "case_handler": item.case_handler,
        "background": sanitize(item.background),
        "recommendation": sanitize(item.recommendation),
        "presentation": sanitize(item.presentation),
        "is_closed": item.is_closed,
        "is_supplement": item.is_supplement,
        "attachments": [
            {
                "title": attachment.title,
                "pages": attachment.page_count,
                "is_closed": attachment.is_restricted,
                "url": request.build_absolute_uri(
                    reverse("agendas:attachment", args=[meeting.council.slug, meeting.date, attachment.pk])
                ),
            }
            for attachment in item.attachments
        ],
    }
