"""The minutes as PDF (referat): the agenda version the minutes decide on, in the agenda's layout, with
the attendance and each item's decision. Registered with documents as the meeting's "referat"."""

from django.http import Http404
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agendas import pdf as agenda_pdf
from agendas.models import Meeting
from documents.registry import Built, DocumentKind, Identity
from kkr.access import MeetingAccess, may_read_minutes
from minutes import services
from minutes.content import minutes_context
from minutes.models import Minutes

TEMPLATE = "minutes/pdf/minutes.html"


def minutes_of(source: Minutes | Meeting) -> Minutes:
    if isinstance(source, Minutes):
        return source
    return Minutes.objects.select_related("meeting__council", "version").get(meeting=source)


def identify(source) -> Identity:
    minutes = minutes_of(source)
    meeting = minutes.meeting
    return Identity(council_id=meeting.council_id, meeting_id=meeting.pk, version_id=minutes.version_id)


def source_of(document) -> Minutes:
    return minutes_of(document.meeting)


def for_reader(access: MeetingAccess) -> Minutes:
    """The meeting's minutes, if this reader may read them: published ones everyone; sent and approved
    ones the members; drafts the secretariat."""
    minutes = (
        Minutes.objects.filter(meeting=access.meeting).select_related("meeting__council", "version").first()
    )
    if not may_read_minutes(access, minutes):
        raise Http404
    return minutes


def build(source, audience: str) -> Built:
    minutes = minutes_of(source)
    content = services.content_of(minutes).for_audience(audience)
    document = _("Referat")
    context = agenda_pdf.context(content, audience, document=document)
    context.update(minutes_context(minutes, content, audience))
    return Built(
        html=render_to_string(TEMPLATE, context),
        title=agenda_pdf.title(content, document),
        author=content.meeting.council.name,
    )


MINUTES = DocumentKind(
    name="minutes",
    family="meeting",
    slug="referat",
    label=gettext_lazy("Referat"),
    label_definite=gettext_lazy("Referatet"),
    file_suffix="referat",
    build=build,
    identify=identify,
    source_of=source_of,
    for_reader=for_reader,
    code=(
        *agenda_pdf.CODE,
        agenda_pdf.ROOT / "minutes" / "pdf.py",
        agenda_pdf.ROOT / "minutes" / "content.py",
        agenda_pdf.ROOT / "minutes" / "templatetags",
        agenda_pdf.ROOT / "templates" / "minutes" / "pdf",
    ),
    sectioned=True,  # laid out in parts like the agenda (the attendance page goes with the contents)
)
