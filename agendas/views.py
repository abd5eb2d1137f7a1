from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from agendas import search as search_index
from agendas.changes import changes_between
from agendas.content import AgendaContent, Facts
from agendas.forms import SearchForm
from agendas.models import Meeting, MemberNote, ReadingMark
from documents import registry
from documents.views import Reading
from kkr.access import (
    council_access,
    council_accesses,
    may_read_minutes,
    meeting_access,
    member_meeting_access,
    trusted_council_ids,
    visible_meetings,
    visible_meetings_of,
)
from kkr.models import Audience, Council
from minutes.models import Minutes

HOME_MEETINGS = 5


@dataclass(frozen=True)
class ListedMeeting:
    """A line of a list of meetings: a published meeting as its version states it, a draft (for its
    secretariat) as it stands."""

    meeting: Meeting
    facts: Facts


def _listed(meetings):
    return [ListedMeeting(meeting, Facts.listed(meeting)) for meeting in meetings.with_listed_facts()]


def _first_per_council(meetings, councils, order):
    """The first HOME_MEETINGS meetings of each council in this order ("date" or "-date"), in one query:
    a small indexed subquery per council, so the work does not grow with the archive."""
    firsts = Q(pk__in=[])
    for council in councils:
        first = meetings.filter(council=council).order_by(order).values("pk")[:HOME_MEETINGS]
        firsts |= Q(pk__in=first)
    return meetings.filter(firsts).order_by("council", order)


@require_GET
def home(request):
    """Every council's coming and latest meetings, in the same few queries however many councils."""
    today = timezone.localdate()
    accesses = council_accesses(request.user)
    meetings = visible_meetings_of(accesses)
    councils = [access.council for access in accesses]
    upcoming = _first_per_council(meetings.filter(date__gte=today), councils, "date")
    recent = _first_per_council(meetings.filter(date__lt=today), councils, "-date")
    by_council = {
        access.council.pk: {"council": access.council, "upcoming": [], "recent": []} for access in accesses
    }
    for name, rows in (("upcoming", upcoming), ("recent", recent)):
        for row in _listed(rows):
            entry = by_council[row.meeting.council_id]
            row.meeting.council = entry["council"]  # known already: no query for it
            entry[name].append(row)
    return render(request, "agendas/home.html", {"councils": list(by_council.values())})


RECENT_MEETINGS = 6


@require_GET
def council(request, council_slug):
    """A council's front page: its coming meetings, the latest held ones, and the archive by year."""
    access = council_access(request.user, council_slug)
    meetings = visible_meetings(access)
    today = timezone.localdate()
    context = {
        "council": access.council,
        "can_edit": access.is_secretary,
        "upcoming": _listed(meetings.filter(date__gte=today).order_by("date")),
        "recent": _listed(meetings.filter(date__lt=today).order_by("-date")[:RECENT_MEETINGS]),
        "years": _archive_years(meetings),
    }
    return render(request, "agendas/council.html", context)


@require_GET
def council_year(request, council_slug, year):
    """The archive of one council for one year, with links to the neighbouring years."""
    access = council_access(request.user, council_slug)
    meetings = visible_meetings(access)
    years = _archive_years(meetings)
    counts = dict(years)
    if year not in counts:
        raise Http404
    ordered = [y for y, _ in years]
    index = ordered.index(year)
    context = {
        "council": access.council,
        "year": year,
        "meetings": _listed(meetings.filter(date__year=year).order_by("date")),
        "years": years,
        "newer": ordered[index - 1] if index > 0 else None,
        "older": ordered[index + 1] if index + 1 < len(ordered) else None,
    }
    return render(request, "agendas/council_year.html", context)


def _archive_years(meetings):
    """[(year, number of meetings)], newest year first."""
    years = (
        meetings.annotate(year=ExtractYear("date"))
        .values("year")
        .annotate(count=Count("pk"))
        .order_by("-year")
        .values_list("year", "count")
    )
    return list(years)


@require_GET
def meeting(request, council_slug, date):
    access = meeting_access(request.user, council_slug, date)
    meeting = access.meeting
    context = {
        "meeting": meeting,
        "can_edit": access.is_secretary,
        "can_take_notes": access.sees_closed and meeting.is_published,
        "news": _news_since_last_visit(request, meeting) if access.sees_closed else None,
    }
    if access.sees_closed or not meeting.is_published:
        context["has_minutes"] = _has_minutes(access)
        context["agenda_html"] = _agenda_html(request, meeting, access.audience)
        return render(request, "agendas/meeting.html", context)
    # The public's page below the header is the same for every reader until the next publishing.
    key = f"meeting-page:{meeting.pk}:{meeting.revision}:{meeting.published_version_id}"
    context["page_html"] = cache.get(key)
    if context["page_html"] is None:
        context["has_minutes"] = _has_minutes(access)
        context["agenda_html"] = _agenda_html(request, meeting, Audience.PUBLIC)
        context["page_html"] = render_to_string("agendas/meeting.html#page", context, request)
        cache.set(key, context["page_html"], timeout=24 * 3600)
    return render(request, "agendas/meeting.html", context)


def _has_minutes(access):
    return may_read_minutes(access, Minutes.objects.filter(meeting=access.meeting).first())


def _news_since_last_visit(request, meeting):
    """For a member: what changed since the version they last opened, shown once; this visit is then
    remembered. None on a first visit, or when nothing was published since."""
    version = meeting.published_version
    if version is None:
        return None
    mark = ReadingMark.objects.filter(user=request.user, meeting=meeting).first()
    news = None
    if mark and mark.version_number < version.number:
        versions = {
            v.number: v for v in meeting.versions.filter(number__in=[mark.version_number, version.number])
        }
        if len(versions) == 2:
            old, new = (
                AgendaContent.from_version(versions[n]) for n in (mark.version_number, version.number)
            )
            news = {"since": mark.version_number, "items": changes_between(old, new)}
    if mark is None or mark.version_number != version.number:
        # An upsert: the same member's simultaneous first visits (several tabs) all land on one row.
        ReadingMark.objects.bulk_create(
            [ReadingMark(user=request.user, meeting=meeting, version_number=version.number)],
            update_conflicts=True,
            unique_fields=["user", "meeting"],
            update_fields=["version_number", "seen_at"],
        )
    return news


@require_GET
def version_changes(request, council_slug, date, number):
    """What changed in one corrected version of the agenda, since the version before it, as the
    reader's audience sees both: the lasting form of 'Nyt siden sidst'."""
    access = meeting_access(request.user, council_slug, date)
    meeting = access.meeting
    numbers = set(meeting.versions.values_list("number", flat=True))
    if number < 2 or number not in numbers or number - 1 not in numbers:
        raise Http404
    versions = {v.number: v for v in meeting.versions.filter(number__in=[number - 1, number])}
    old, new = (AgendaContent.from_version(versions[n]) for n in (number - 1, number))
    if not access.sees_closed:
        # An item closed now stays closed in older versions too (it may have been opened by mistake).
        closed = {item.pk for _s, item in AgendaContent.for_readers(meeting).items() if item.is_closed}
        old, new = (content.closing(closed) for content in (old, new))
    old, new = old.for_audience(access.audience), new.for_audience(access.audience)
    context = {
        "meeting": meeting,
        "version": versions[number],
        "previous": number - 1,
        "changes": changes_between(old, new),
        "earlier": sorted((n for n in numbers if 1 < n != number), reverse=True),
    }
    return render(request, "agendas/changes.html", context)


def _agenda_html(request, meeting, audience):
    """The agenda part of the meeting page. A published version never changes, so its HTML is kept
    for each audience; a draft (seen by the secretariat only) is rendered every time."""
    version_id = meeting.published_version_id
    key = f"agenda-html:{meeting.pk}:{meeting.revision}:{version_id}:{audience}" if version_id else None
    html = cache.get(key) if key else None
    if html is None:
        if version_id:
            version = meeting.published_version
            version.meeting = meeting  # known already: no query for it
            content = AgendaContent.from_version(version)
        else:
            content = AgendaContent.live(meeting, published=False)
        context = {
            "meeting": meeting,
            "content": content.for_audience(audience),
            "note_slots": audience == Audience.MEMBERS,
        }
        html = render_to_string("agendas/meeting.html#agenda", context, request)
        if key:
            cache.set(key, html, timeout=24 * 3600)
    return html


@require_GET
def attachment(request, council_slug, date, attachment_id):
    access = meeting_access(request.user, council_slug, date)
    meeting = access.meeting
    entry = None
    if meeting.is_published:
        content = AgendaContent.for_readers(meeting).for_audience(access.audience)
        entry = content.find_attachment(attachment_id)
    if entry is None and access.is_secretary:
        entry = AgendaContent.live(meeting).find_attachment(attachment_id)  # the working copy's
    if entry is None:
        raise Http404
    try:
        handle = entry.open()
    except FileNotFoundError:
        raise Http404("Bilagets fil mangler.") from None
    return FileResponse(handle, content_type="application/pdf", filename=f"{entry.title}.pdf")


# The meeting's documents as PDF (served by documents.views): which kind, from which source, for whom.


def _audience(show_closed):
    return Audience.MEMBERS if show_closed else Audience.PUBLIC


def meeting_reading(request, kind_slug, council_slug, date) -> Reading | str:
    """A reader's agenda, pack or minutes: what their audience sees of the published meeting, if they
    may read that kind (404 otherwise). A draft has no readers' PDF: its secretariat (the only one who
    sees it) is sent to the preview of the working copy."""
    access = meeting_access(request.user, council_slug, date)
    meeting = access.meeting
    kind = registry.by_slug(kind_slug, "meeting")
    if not meeting.is_published:
        return reverse("agendas:preview_document", args=[meeting.council.slug, meeting.date, kind_slug])
    return Reading(
        kind=kind,
        source=kind.for_reader(access),
        audience=access.audience,
        subject=f"{meeting.council.name} {meeting.date:%d-%m-%Y}",
        back_url=meeting.get_absolute_url(),
        back_label=_("%(council)s, møde %(date)s")
        % {"council": meeting.council.name, "date": f"{meeting.date:%d-%m-%Y}"},
        may_retry=access.is_secretary,
    )


SEARCH_CACHE_SECONDS = 600


@require_GET
def search(request):
    """Search. The page below the header depends only on the query parameters, the councils whose
    closed content the reader may see, and the index: it is kept per index state, so a repeated
    search costs one query (search.page_cache_key)."""
    trusted = trusted_council_ids(request.user)
    params = [request.GET.get(name, "")[:300] for name in ("q", "raad", "aar", "side")]
    state = search_index.index_state()
    key = search_index.page_cache_key(state, params, trusted)
    page = cache.get(key)
    if page is None:
        page = _search_page(request.GET, trusted, _search_choices(state), state)
        cache.set(key, page, SEARCH_CACHE_SECONDS)
    return render(request, "agendas/search.html", page)


def _search_choices(state):
    """The councils and years the search form offers, kept per index state."""
    key = f"search-choices:{state}"
    choices = cache.get(key)
    if choices is None:
        published = Meeting.objects.published()
        years = [day.year for day in published.dates("date", "year", order="DESC")]
        choices = {"councils": [(c.slug, c.name) for c in Council.objects.all()], "years": years}
        cache.set(key, choices, SEARCH_CACHE_SECONDS)
    return choices


def _search_page(data, trusted, choices, state=""):
    """The search form with the reader's values or errors, and the results: {"q", "body"}."""
    form = SearchForm(data, councils=choices["councils"], years=choices["years"])
    form.is_valid()  # a field with a bad value is left out of cleaned_data, and the form says why
    q, council, year = (form.cleaned_data.get(name) for name in ("q", "raad", "aar"))
    context = {"form": form, "q": q, "sees_closed": bool(trusted)}
    context["choice_fields"] = _choice_fields(form, state)
    if q:
        entries = search_index.visible_entries(trusted)
        if council:
            entries = entries.filter(council__slug=council)
        if year:
            entries = entries.filter(meeting__date__year=year)
        page = search_index.result_page(search_index.matching(entries, q), data.get("side"))
        context.update(
            page=page,
            hits=search_index.hits(page.object_list, q),
            query=urlencode({k: v for k, v in (("q", q), ("raad", council), ("aar", year)) if v}),
        )
    return {"q": q, "body": mark_safe(render_to_string("agendas/_search_body.html", context))}


# The council and year fields of the search form, rendered: (language, index state, council, year) →
# HTML. Django renders a select through a template per option, about 3 ms a search; these two fields
# depend only on the choices (kept per index state) and the selected values, so a fresh search reuses
# them. Only valid values are kept (a field with an error is rendered each time), so the few councils
# and years bound its size; it is emptied when the index state changes.
_CHOICE_FIELDS: dict[tuple, str] = {}


def _choice_fields(form, state):
    if not state or form["raad"].errors or form["aar"].errors:
        return ""
    key = (get_language(), state, form.data.get("raad", ""), form.data.get("aar", ""))
    html = _CHOICE_FIELDS.get(key)
    if html is None:
        if any(other[1] != state for other in _CHOICE_FIELDS) or len(_CHOICE_FIELDS) > 1000:
            _CHOICE_FIELDS.clear()
        html = _CHOICE_FIELDS[key] = mark_safe(
            render_to_string("agendas/_search_choices.html", {"form": form})
        )
    return html


# Personal notes: a member's own notes on the items, private, kept across versions.


def _note_entries(request, meeting):
    content = AgendaContent.for_readers(meeting)
    notes = {note.item_id: note for note in request.user.notes.filter(meeting=meeting)}
    return [
        {"section": section, "item": item, "note": notes.get(item.pk)} for section, item in content.items()
    ]


@require_GET
def meeting_notes(request, council_slug, date):
    """The user's notes on the meeting's items: a page of note forms, or for htmx the forms swapped
    into the meeting page's note slots (one request for all of them)."""
    meeting = member_meeting_access(request.user, council_slug, date).meeting
    context = {"meeting": meeting, "entries": _note_entries(request, meeting)}
    template = "agendas/notes.html#slots" if request.htmx else "agendas/notes.html"
    return render(request, template, context)


@require_POST
def save_note(request, council_slug, date, item_id):
    meeting = member_meeting_access(request.user, council_slug, date).meeting
    entry = next((e for e in _note_entries(request, meeting) if e["item"].pk == item_id), None)
    if entry is None:
        raise Http404
    text = request.POST.get("text", "").strip()[:5000]
    if text:
        entry["note"], _created = MemberNote.objects.update_or_create(
            user=request.user,
            item_id=item_id,
            defaults={"meeting": meeting, "item_title": entry["item"].title, "text": text},
        )
    else:
        MemberNote.objects.filter(user=request.user, item_id=item_id).delete()
        entry["note"] = None
    if not request.htmx:
        return redirect("agendas:meeting_notes", council_slug, meeting.date)
    return render(request, "agendas/notes.html#form", {"meeting": meeting, "entry": entry, "saved": True})


@dataclass
class NoteLine:
    """A note on 'Mine noter', named as its item is on the latest agenda: "3.2. Limfjordsrådet"."""

    note: MemberNote
    title: str
    number: str = ""  # empty when the item is no longer on the agenda
    url: str = ""  # the item on the meeting page


@login_required
@require_GET
def my_notes(request):
    notes = list(request.user.notes.select_related("meeting__council", "meeting__published_version"))
    lines = []
    for meeting in dict.fromkeys(note.meeting for note in notes):
        items = AgendaContent.for_readers(meeting).items() if meeting.is_published else []
        places = {item.pk: (order, section, item) for order, (section, item) in enumerate(items)}
        meeting_lines = []
        for note in (n for n in notes if n.meeting == meeting):
            if note.item_id not in places:
                meeting_lines.append((len(places), NoteLine(note, note.item_title)))
                continue
            order, section, item = places[note.item_id]
            number = f"{section.position}.{item.position}."
            anchor = f"#punkt-{section.position}-{item.position}"
            url = reverse("agendas:meeting", args=[meeting.council.slug, meeting.date]) + anchor
            meeting_lines.append((order, NoteLine(note, item.title, number, url)))
        lines += [line for _order, line in sorted(meeting_lines, key=lambda pair: pair[0])]
    return render(request, "agendas/my_notes.html", {"lines": lines})
