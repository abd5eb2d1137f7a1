"""A read-only JSON API of meetings and agendas, with the same access rules as the pages: drafts for
the council's secretariat only, closed items in full for its members and secretariat only."""

import datetime
import re
from urllib.parse import urlencode

from django.db.models import F, Q
from django.http import Http404, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from agendas.content import AgendaContent, Facts
from agendas.models import Meeting
from kkr.access import council_accesses, meeting_access, visible_meetings_of
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


PAGE_SIZE, MAX_PAGE_SIZE = 50, 200


class BadRequest(Exception):
    """A parameter the API refuses, with the message that says why."""


def _year(value):
    # ASCII digits only: str.isdigit() takes "²⁰²¹" too, which int() refuses; year 0 is no date.
    if not (re.fullmatch(r"[0-9]{4}", value) and int(value) >= 1):
        raise BadRequest(_("Året skal skrives med fire cifre, fx 2021."))
    return int(value)


def _page_size(value):
    if not re.fullmatch(r"[0-9]{1,3}", value) or not 1 <= int(value) <= MAX_PAGE_SIZE:
        raise BadRequest(_("page_size skal være et helt tal fra 1 til %(max)s.") % {"max": MAX_PAGE_SIZE})
    return int(value)


def _position(meeting):
    """A meeting's place in the list, as the `after` and `before` links write it: "2021-02-05.kkr-nord"."""
    return f"{meeting.date.isoformat()}.{meeting.council.slug}"


def _parse_position(value):
    match = re.fullmatch(r"([0-9]{4}-[0-9]{2}-[0-9]{2})\.([-a-zA-Z0-9_]+)", value)
    try:
        return datetime.date.fromisoformat(match[1]), match[2]
    except (TypeError, ValueError):  # no match, or no such day
        raise BadRequest(_("after og before skal være et link, API'et selv har givet.")) from None


def _page(meetings, params):
    """One page of the meetings, ordered by date and council, from the position in `after` or up to the one
    in `before` (keyset paging: every page costs the same, however long the list):
    (meetings, has_next, has_previous).

    The page's meetings are found first (through the index on their date), then only those are read
    with their published version's listing: sorting every visible meeting with its listing to keep
    the first 51 read all of them. Two queries, whatever the page and the size of the archive."""
    size = _page_size(params["page_size"]) if "page_size" in params else PAGE_SIZE
    if "after" in params and "before" in params:
        raise BadRequest(_("Brug enten after eller before, ikke begge."))
    order = ("date", "council__slug")
    backwards = "before" in params
    if backwards:
        date, slug = _parse_position(params["before"])
        # date <= the position's, beside the exact test: a range the date's index can start from
        meetings = meetings.filter(Q(date__lt=date) | Q(date=date, council__slug__lt=slug), date__lte=date)
        order = tuple(f"-{field}" for field in order)
    elif "after" in params:
        date, slug = _parse_position(params["after"])
        meetings = meetings.filter(Q(date__gt=date) | Q(date=date, council__slug__gt=slug), date__gte=date)
    keys = list(meetings.order_by(*order).values_list("pk", flat=True)[: size + 1])
    rows = list(_listed(Meeting.objects.filter(pk__in=keys)).order_by(*order))
    more = len(rows) > size
    if backwards:
        return rows[:size][::-1], True, more
    return rows[:size], more, "after" in params


def _listed(meetings):
    """With what a list entry shows: the council, and the published version's facts and number."""
    return (
        meetings.select_related("council")
        .with_listed_facts()
        .annotate(
            version_number=F("published_version__number"),
            version_sent_on=F("published_version__sent_on"),
        )
    )


def _link(request, params, **position):
    query = {name: value for name, value in params.items() if name not in ("after", "before")}
    return request.build_absolute_uri(f"{request.path}?{urlencode({**query, **position})}")


@require_GET
def meeting_list(request):
    """/api/v1/moeder/?council=<slug>&year=<year>&page_size=<n>: the meetings this user may see, oldest
    first, a page at a time; `next` and `previous` link the neighbouring pages."""
    params = {
        name: request.GET[name]
        for name in ("council", "year", "page_size", "after", "before")
        if name in request.GET
    }
    councils = Council.objects.all()
    if slug := params.get("council"):
        councils = councils.filter(slug=slug)
    councils = list(councils)
    if slug and not councils:
        return _error(_("Rådet findes ikke."), 404)
    meetings = visible_meetings_of(council_accesses(request.user, councils))
    try:
        if "year" in params:
            meetings = meetings.filter(date__year=_year(params["year"]))
        page, has_next, has_previous = _page(meetings, params)
    except BadRequest as refusal:
        return _error(str(refusal), 400)
    data = {
        "meetings": [_list_entry(request, meeting) for meeting in page],
        "next": _link(request, params, after=_position(page[-1])) if has_next and page else None,
        "previous": _link(request, params, before=_position(page[0])) if has_previous and page else None,
    }
    response = _json(data)
    links = [f'<{data[rel]}>; rel="{rel}"' for rel in ("next", "previous") if data[rel]]
    if links:
        response["Link"] = ", ".join(links)
    return response


def _list_entry(request, meeting):
    # A published meeting as its version states it; a draft (for its secretariat) as it stands.
    facts = Facts.listed(meeting)
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
