"""A council's meetings as an iCalendar feed (RFC 5545) and its published agendas as an Atom feed.

Both are built from what the public sees: item numbers and titles only, a closed item marked
"Lukket punkt", never its texts or attachments.
"""

import datetime
import html
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from agendas.content import Facts
from agendas.models import AgendaVersion, Meeting
from kkr.access import council_access, visible_meetings
from kkr.models import Council

MEETING_LENGTH = datetime.timedelta(hours=2)  # when a meeting has no end time
# The newest versions only: a reader polls often, and the archive is paged by the year pages and the API.
FEED_ENTRIES = 20


def _site_host():
    # UIDs and tag URIs must not change with the host name a request happened to use.
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def _item_lines(listing):
    for item in listing["items"]:
        line = f"{item['number']} {item['title']}"
        if item["is_closed"]:
            line += f" ({_('Lukket punkt')})"
        yield line


# iCalendar


def _ical_text(value):
    """A TEXT value escaped as RFC 5545 section 3.3.11 requires."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def _fold(line):
    """Split a content line into lines of at most 75 octets, never inside a UTF-8 character."""
    parts, current, size, limit = [], "", 0, 75
    for char in line:
        octets = len(char.encode())
        if size + octets > limit:
            parts.append(current)
            current, size, limit = "", 0, 74  # a continuation line starts with a space
        current += char
        size += octets
    parts.append(current)
    return "\r\n ".join(parts)


def _utc(moment):
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _local(date, time):
    return datetime.datetime.combine(date, time, tzinfo=timezone.get_default_timezone())


def _vevent(request, meeting, stamp):
    council = meeting.council
    version = meeting.published_version
    # A published meeting as its version states it; a draft (for its secretariat) as it stands.
    facts = Facts.from_snapshot(version.listing["facts"]) if version else Facts.of_meeting(meeting)
    if version:
        description = [_("Dagsorden, udsendt %(date)s") % {"date": f"{version.sent_on:%d-%m-%Y}"}]
        description += _item_lines(version.listing)
    else:
        description = [_("Dagsordenen er ikke offentliggjort endnu.")]
    kind = _("møde") if facts.kind == Meeting.Kind.ORDINARY else Meeting.Kind(facts.kind).label
    start = _local(meeting.date, facts.start_time)
    end = _local(meeting.date, facts.end_time) if facts.end_time else start + MEETING_LENGTH
    url = request.build_absolute_uri(meeting.get_absolute_url())
    description = "\n".join([*description, url])
    lines = [
        "BEGIN:VEVENT",
        f"UID:meeting-{meeting.pk}@{_site_host()}",
        f"DTSTAMP:{stamp}",
        f"DTSTART:{_utc(start)}",
        f"DTEND:{_utc(end)}",
        f"SUMMARY:{_ical_text(f'{council.name} – {kind}')}",
        f"LOCATION:{_ical_text(facts.place)}",
        f"URL:{url}",
        f"DESCRIPTION:{_ical_text(description)}",
        f"STATUS:{'CONFIRMED' if meeting.is_published else 'TENTATIVE'}",
    ]
    if version:
        lines += [
            f"SEQUENCE:{version.number - 1}",
            f"LAST-MODIFIED:{_utc(version.published_at)}",
        ]
    return [*lines, "END:VEVENT"]


def _year_back(today):
    try:
        return today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        return today.replace(year=today.year - 1, day=28)


@require_GET
def council_calendar(request, council_slug):
    """The council's meetings of the last twelve months and all coming ones, as an iCalendar file a
    calendar program can subscribe to."""
    access = council_access(request.user, council_slug)
    council = access.council
    meetings = (
        visible_meetings(access)
        .filter(date__gte=_year_back(timezone.localdate()))
        .select_related("published_version")
        .defer("published_version__content")
        .order_by("date")
    )
    stamp = _utc(timezone.now())
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//{_site_host()}//KKR Mødeportal//DA",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_ical_text(council.name)}",
    ]
    for meeting in meetings:
        lines += _vevent(request, meeting, stamp)
    lines.append("END:VCALENDAR")
    body = "".join(_fold(line) + "\r\n" for line in lines)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{council.slug}.ics"'
    if access.is_secretary:
        response["Cache-Control"] = "private"  # it lists drafts
    return response


# Atom


def _entry_title(version):
    meeting = version.meeting
    title = f"{meeting.council.name} {meeting.date:%d-%m-%Y}"
    if version.number == 1:
        return _("Dagsorden: %(title)s") % {"title": title}
    return _("Rettet dagsorden: %(title)s (version %(number)s)") % {"title": title, "number": version.number}


def _entry_summary(version):
    note = ""
    if version.number > 1 and version.change_note:
        note = format_html("<p>{}: {}</p>", _("Rettelse"), version.change_note)
    sent = format_html("<p>{} {}.</p>", _("Udsendt"), f"{version.sent_on:%d-%m-%Y}")
    # Escaped as format_html would (its escape is html.escape), without its cost per line: a feed has
    # up to 100 entries of 20 items.
    items = "".join(f"<li>{html.escape(line)}</li>" for line in _item_lines(version.listing))
    return note + sent + (f"<ul>{items}</ul>" if items else "")


def _agenda_feed(request, title, author, link, versions):
    feed = Atom1Feed(
        title=title,
        link=request.build_absolute_uri(link),
        description="",
        feed_url=request.build_absolute_uri(),
        language="da",
        author_name=author,
    )
    for version in versions:
        meeting = version.meeting
        url = meeting.get_absolute_url()
        feed.add_item(
            title=_entry_title(version),
            link=request.build_absolute_uri(url),
            description=_entry_summary(version),
            author_name=meeting.council.name,
            pubdate=version.published_at,
            updateddate=version.published_at,
            unique_id=f"tag:{_site_host()},{version.published_at:%Y-%m-%d}:{url}version-{version.number}",
        )
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response


def _published_versions():
    """Every published version, newest first; the feed is public whoever asks."""
    return (
        AgendaVersion.objects.filter(meeting__published_version__isnull=False)
        .select_related("meeting__council")
        .defer("content")
        .order_by("-published_at", "-pk")
    )


@require_GET
def council_agenda_feed(request, council_slug):
    council = get_object_or_404(Council, slug=council_slug)
    versions = _published_versions().filter(meeting__council=council)[:FEED_ENTRIES]
    title = _("%(council)s – dagsordener") % {"council": council.name}
    return _agenda_feed(request, title, council.name, council.get_absolute_url(), versions)


@require_GET
def agenda_feed(request):
    title = _("KKR Mødeportal – dagsordener")
    versions = _published_versions()[:FEED_ENTRIES]
    return _agenda_feed(request, title, _("KKR Mødeportal"), reverse("home"), versions)
