"""The secretariat's "Importér dagsorden": upload an agenda (.pdf, .txt), check what was found, and
create it as a draft meeting. One address, three steps: the upload form, the preview (a POST with the
file), and the creation (a POST with the preview's signed result). With htmx each step swaps the
page's import block; without JavaScript each answers with the whole page."""

import dataclasses

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods
from django_htmx.http import HttpResponseClientRedirect

from agendas.forms import ImportMeetingForm, ImportUploadForm, sign_import
from agendas.importing import ImportRefused, read_agenda
from agendas.importing.meeting import (
    create_imported_meeting,
    date_taken_message,
    meeting_defaults,
    review_warnings,
    suggested_case_line,
)
from kkr.access import secretary_council_access
from kkr.lib.richtext import sanitize

PAGE = "agendas/import_agenda.html"


def _render(request, council, status=200, **context):
    template = f"{PAGE}#import" if request.htmx else PAGE
    context |= {"council": council, "upload_limit": settings.IMPORT_MAX_BYTES // 2**20}
    return render(request, template, context, status=status)


def _shown(item):
    """The item as the preview shows it: its texts sanitised once more before they reach the page."""
    texts = {name: sanitize(getattr(item, name)) for name in ("background", "recommendation", "presentation")}
    return dataclasses.replace(item, number=item.number.rstrip("."), **texts)


def _preview(request, council, agenda, filename, form=None, status=200):
    defaults = meeting_defaults(council, agenda)
    if form is None:
        case_number, case_handler = suggested_case_line(agenda)
        initial = {
            "date": defaults.date,
            "start_time": defaults.start_time,
            "end_time": defaults.end_time,
            "place": defaults.place,
            "case_number": case_number,
            "case_handler": case_handler,
            "agenda": sign_import(council, agenda, filename),
        }
        form = ImportMeetingForm(initial=initial, council=council)
    warnings = [*defaults.warnings, *review_warnings(agenda)]
    if defaults.date and council.meetings.filter(date=defaults.date).exists():
        warnings.insert(0, date_taken_message(council, defaults.date))
    sections = [
        dataclasses.replace(section, items=[_shown(item) for item in section.items])
        for section in agenda.sections
    ]
    return _render(
        request,
        council,
        status=status,
        form=form,
        filename=filename,
        sections=sections,
        item_count=len(agenda.items),
        marker_count=sum(len(item.attachment_markers) for item in agenda.items),
        warnings=warnings,
    )


@require_http_methods(["GET", "POST"])
def import_agenda(request, council_slug):
    council = secretary_council_access(request.user, council_slug).council
    if request.method == "GET":
        return _render(request, council, upload=ImportUploadForm())
    if "agenda" in request.POST:
        return _create(request, council)
    upload = ImportUploadForm(request.POST, request.FILES)
    if upload.is_valid():
        file = upload.cleaned_data["file"]
        try:
            agenda = read_agenda(file.read(), file.name)
        except ImportRefused as refused:
            upload.add_error("file", str(refused))
        else:
            return _preview(request, council, agenda, file.name)
    return _render(request, council, status=422, upload=upload)


def _create(request, council):
    form = ImportMeetingForm(request.POST, council=council)
    if form.is_valid():
        agenda, filename = form.cleaned_data["agenda"]
        fields = {name: form.cleaned_data[name] for name in ("date", "start_time", "end_time", "place")}
        try:
            meeting = create_imported_meeting(
                council,
                agenda,
                **fields,
                case_number=form.cleaned_data["case_number"],
                case_handler=form.cleaned_data["case_handler"],
                filename=filename,
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _created_message(agenda))
            url = reverse("agendas:edit", args=[council.slug, meeting.date])
            return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
    if form.imported is None:
        # Without a result that can be trusted there is no preview to show again: back to the upload.
        upload = ImportUploadForm()
        return _render(request, council, status=422, upload=upload, refused=form.errors["agenda"])
    agenda, filename = form.imported
    return _preview(request, council, agenda, filename, form=form, status=422)


def _created_message(agenda) -> str:
    items = len(agenda.items)
    markers = sum(len(item.attachment_markers) for item in agenda.items)
    created = ngettext(
        "Dagsordenen er importeret som kladde med %(count)d punkt.",
        "Dagsordenen er importeret som kladde med %(count)d punkter.",
        items,
    ) % {"count": items}
    if not markers:
        return created
    marked = ngettext(
        "%(count)d bilag er markeret (./.) og skal uploades.",
        "%(count)d bilag er markeret (./.) og skal uploades.",
        markers,
    ) % {"count": markers}
    return f"{created} {marked}"
