"""The secretariat's pages: build, edit and publish agendas. Every view here answers 403 to anyone
who is not in the council's secretariat.

Each change answers an htmx request with the part of the edit page it changed (the whole agenda when
numbers move, one item, or one item's attachments), and a plain form post with a redirect back to the
edit page, so the pages work without JavaScript too. Without JavaScript a refused change answers with
the whole page, holding what was sent, the error at its field (focused) or the conflict."""

from dataclasses import dataclass, field
from functools import wraps

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect, reswap, retarget

from agendas import pdf, services
from agendas.content import AgendaContent
from agendas.forms import (
    AttachmentForm,
    ItemForm,
    MeetingForm,
    NewItemForm,
    NewMeetingForm,
    PlanItemForm,
    PublishForm,
    UploadForm,
)
from agendas.models import AgendaItem, AgendaSection, Attachment, Meeting
from documents import registry
from documents.views import Reading
from kkr.access import secretary_council_access, secretary_meeting_access
from kkr.lib.richtext import sanitize
from kkr.models import Audience, AuditEntry

EDIT_PAGE = "agendas/edit.html"


def _get_item(meeting, item_id):
    return get_object_or_404(
        AgendaItem.objects.select_related("section"), pk=item_id, section__meeting=meeting
    )


def _get_attachment(meeting, attachment_id):
    return get_object_or_404(
        Attachment.objects.select_related("item__section"), pk=attachment_id, item__section__meeting=meeting
    )


def _edit_url(meeting, anchor=""):
    url = reverse("agendas:edit", args=[meeting.council.slug, meeting.date])
    return f"{url}#{anchor}" if anchor else url


def _page_context(meeting, new_item_form=None, refused=None, **extra):
    """The whole edit page. Without JavaScript a refused change comes back in it, with what was
    sent: `new_item_form`, or `refused` for a change to one item."""
    items = {
        item.pk: item
        for item in AgendaItem.objects.filter(section__meeting=meeting).select_related("section")
    }
    content = AgendaContent.live(meeting)
    for _section, entry in content.items():
        entry.form = ItemForm(instance=items[entry.pk], prefix=f"item-{entry.pk}")
        if refused is not None and refused.item_pk == entry.pk:
            refused.show_on(entry)
    defaults = _defaults(items.values())
    for section in content.sections:
        if new_item_form is not None and new_item_form.section_id == section.pk:
            section.new_item_form = new_item_form
        else:
            section.new_item_form = NewItemForm(initial=defaults, section_id=section.pk)
    return {
        "meeting": meeting,
        "content": content,
        "sections": meeting.sections.order_by("position"),
        "versions": meeting.versions.order_by("-number")[:5],
        "meeting_form": MeetingForm(instance=meeting),
        "publish_form": PublishForm(meeting=meeting),
        "upload_form": UploadForm(),
        "lock": services.agenda_lock(meeting.pk),
        **extra,
    }


def _unless_locked(view):
    """Once the minutes are sent the agenda is locked: a change answers with the reason (422), on the
    whole edit page, or by htmx at the top of the page, instead of reaching the services."""

    @wraps(view)
    def wrapper(request, council_slug, date, **kwargs):
        meeting = secretary_meeting_access(request.user, council_slug, date).meeting
        lock = services.agenda_lock(meeting.pk)
        if not lock:
            return view(request, council_slug, date, **kwargs)
        if request.htmx:
            response = render(request, f"{EDIT_PAGE}#lock", {"lock": lock}, status=422)
            return reswap(retarget(response, "#main"), "afterbegin")
        return render(request, EDIT_PAGE, _page_context(meeting), status=422)

    return wrapper


def _defaults(items):
    """New items take the case number and handler most recently used on the meeting, from its items
    the page has loaded already (asking the database for the meeting's newest item by primary key
    walks the key's index backwards through every newer meeting's items)."""
    last = max(items, key=lambda item: item.pk, default=None)
    return {"case_number": last.case_number, "case_handler": last.case_handler} if last else {}


def _agenda_response(request, meeting, anchor="", status=200, **extra):
    """The whole agenda part of the edit page: numbers may have changed anywhere. Without htmx a
    success goes back to the page at `anchor`, and a refusal shows the page with its errors."""
    if request.htmx:
        return render(request, f"{EDIT_PAGE}#agenda", _page_context(meeting, **extra), status=status)
    if status >= 400:
        return render(request, EDIT_PAGE, _page_context(meeting, **extra), status=status)
    return HttpResponseRedirect(_edit_url(meeting, anchor))


@dataclass
class Refused:
    """A refused change to one item, to show on its card as it was sent: the item's form, the
    conflict with what someone else saved, the uploads' errors, or an attachment's form."""

    item_pk: int
    form: ItemForm | None = None
    conflict: list | None = None
    upload_errors: list[str] = field(default_factory=list)
    attachment_form: AttachmentForm | None = None

    def show_on(self, entry):
        if self.form is not None:
            entry.form = self.form
        entry.conflict = self.conflict
        entry.upload_errors = self.upload_errors
        for attachment in entry.attachments:
            if self.attachment_form is not None and self.attachment_form.instance.pk == attachment.pk:
                attachment.form = self.attachment_form


def _item_context(meeting, item, refused=None, **extra):
    section, entry = next((s, e) for s, e in AgendaContent.live(meeting).items() if e.pk == item.pk)
    entry.form = ItemForm(instance=item, prefix=f"item-{item.pk}")
    if refused is not None:
        refused.show_on(entry)
    return {"meeting": meeting, "item": entry, "section": section, "upload_form": UploadForm(), **extra}


@require_GET
def edit(request, council_slug, date):
    meeting = secretary_meeting_access(request.user, council_slug, date).meeting
    # Without JavaScript a deletion comes back here, to show its undo where the item was.
    deleted = _undoable_deletion(meeting, request.GET.get("slettet", ""))
    return render(request, EDIT_PAGE, _page_context(meeting, deleted=deleted))


def _undoable_deletion(meeting, entry_id):
    """The meeting's deletion with this id, if it can still be undone."""
    if not entry_id.isdigit():
        return None
    deletions = _history(meeting).filter(action=AuditEntry.Action.DELETE, snapshot__isnull=False)
    entry = deletions.filter(pk=entry_id).first()
    if entry is None:
        return None
    restored = AuditEntry.objects.filter(action=AuditEntry.Action.RESTORE, changes__restored_from=entry.pk)
    return None if restored.exists() else entry


@require_http_methods(["GET", "POST"])
def new_meeting(request, council_slug):
    council = secretary_council_access(request.user, council_slug).council
    form = NewMeetingForm(request.POST or None, council=council)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.create_meeting(council, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Mødet er oprettet med standarddagsordenen."))
            return redirect(_edit_url(meeting))
    return render(request, "agendas/new_meeting.html", {"council": council, "form": form})


@require_http_methods(["GET", "POST"])
def planned_items(request, council_slug):
    council = secretary_council_access(request.user, council_slug).council
    form = PlanItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_item(council, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Punktet er planlagt."))
            return redirect("agendas:planned_items", council.slug)
    planned = council.planned_items.filter(item__isnull=True).order_by("meeting_date")
    return render(
        request, "agendas/planned_items.html", {"council": council, "form": form, "planned": planned}
    )


@require_POST
def meeting_facts(request, council_slug, date):
    meeting = secretary_meeting_access(request.user, council_slug, date).meeting
    # A copy: a refused form has written what was typed onto its instance, and the page shown
    # with it must still be the meeting as saved (its address included).
    form = MeetingForm(request.POST, instance=Meeting.objects.get(pk=meeting.pk))
    if form.is_valid():
        changes = {
            name: [str(form.initial.get(name)), str(form.cleaned_data[name])] for name in form.changed_data
        }
        meeting = form.save()
        if changes:
            services.record_meeting_change(meeting, changes, by=request.user)
        messages.success(request, _("Mødets oplysninger er gemt."))
        if request.htmx:
            return HttpResponseClientRedirect(_edit_url(meeting))
        return redirect(_edit_url(meeting))
    return render(request, EDIT_PAGE, _page_context(meeting, meeting_form=form), status=422)


@require_POST
@_unless_locked
def item_save(request, council_slug, date, item_id):
    meeting = secretary_meeting_access(request.user, council_slug, date).meeting
    item = _get_item(meeting, item_id)
    form = ItemForm(request.POST, instance=AgendaItem.objects.get(pk=item.pk), prefix=f"item-{item.pk}")
    if not form.is_valid():
        return _item_response(request, meeting, item, Refused(item.pk, form), status=422)
    data = {name: form.cleaned_data[name] for name in form.Meta.fields}
    try:
        saved = services.update_item(item, data, revision=form.cleaned_data["revision"], by=request.user)
    except services.ItemConflict as conflict:
        return _conflict_response(request, meeting, conflict.current, data)
    except ValidationError as error:
        form.add_error(None, error)
        return _item_response(request, meeting, item, Refused(item.pk, form), status=422)
    if not request.htmx:
        messages.success(request, _("Punktet er gemt."))
    return _item_response(request, meeting, saved, saved_message=_("Gemt."))


def _item_response(request, meeting, item, refused=None, status=200, part="item", **extra):
    """A part of the item's card for htmx. Without JavaScript a change goes back to the page at
    the item, and a refusal shows the whole page with what was sent."""
    if not request.htmx:
        if refused is not None:
            return render(request, EDIT_PAGE, _page_context(meeting, refused=refused), status=status)
        return HttpResponseRedirect(_edit_url(meeting, f"punkt-{item.pk}"))
    context = _item_context(meeting, item, refused, **extra)
    return render(request, f"{EDIT_PAGE}#{part}", context, status=status)


def _conflict_response(request, meeting, current, mine):
    """Someone saved the item meanwhile: show their text beside ours, and keep ours in the form, now
    based on their revision, so saving again is a conscious choice."""
    fields = [
        {
            "label": ItemForm.base_fields[name].label,
            "mine": _shown(name, mine[name]),
            "theirs": _shown(name, getattr(current, name)),
        }
        for name in mine
        if mine[name] != getattr(current, name)
    ]
    form = ItemForm(
        instance=current,
        prefix=f"item-{current.pk}",
        initial={**mine, "revision": current.revision},
    )
    return _item_response(request, meeting, current, Refused(current.pk, form, fields), status=409)


def _shown(name, value):
    """A field's value as safe HTML for the side-by-side view: texts sanitised, the rest escaped."""
    if name in ("background", "recommendation", "presentation"):
        return mark_safe(sanitize(value))
    if isinstance(value, bool):
        return _("Ja") if value else _("Nej")
    return escape(value)


@require_POST
@_unless_locked
def item_create(request, council_slug, date, section_id):
    meeting = secretary_meeting_access(request.user, council_slug, date).meeting
    section = get_object_or_404(AgendaSection, pk=section_id, meeting=meeting)
    form = NewItemForm(request.POST, section_id=section.pk)
    if not form.is_valid():
        return _agenda_response(request, meeting, status=422, new_item_form=form)
    item = services.create_item(section, by=request.user, **form.cleaned_data)
    return _agenda_response(request, meeting, anchor=f"punkt-{item.pk}", focus=item.pk)


@require_POST
@_unless_locked
def item_move(request, council_slug, date, item_id):
    meeting = secretary_meeting_access(request.user, council_slug, date).meeting
    item = _get_item(meeting, item_id)
    direction = request.POST.get("direction")
    if direction in ("up", "down"):
        section, position = _neighbour_place(meeting, item, direction)
    else:
        section = get_object_or_404(AgendaSection, pk=request.POST.get("section") or 0, meeting=meeting)
        try:
            position = int(request.POST.get("position", ""))
        except ValueError:
            position = section.items.count() + 1
    if section is not None:
        services.move_item_by(item, section, position, by=request.user)
    return _agenda_response(request, meeting, anchor=f"punkt-{item.pk}", focus=item.pk)


def _neighbour_place(meeting, item, direction):
    """One step up or down; past the top or bottom of a section into the next section with a place."""
    section = item.section
    count = section.items.count()
    if direction == "up" and item.position > 1:
        return section, item.position - 1
    if direction == "down" and item.position < count:
        return section, item.position + 1
    sections = list(meeting.sections.order_by("position"))
    index = sections.index(section) + (-1 if direction == "up" else 1)
    if not 0 <= index < len(sections):
        return None, None
    target = sections[index]
    return target, (target.items.count() + 1 if direction == "up" else 1)


@require_POST
@_unless_locked
def item_delete(request, council_slug, date, item_id):
    meeting = secretary_meeting_access(request.user, council_slug, date).meeting
    item = _get_item(meeting, item_id)
    entry = services.delete_item_by(item, by=request.user)
    if not request.htmx:
        # No #anchor: the undo button's autofocus brings it into view and takes the focus.
        return HttpResponseRedirect(f"{_edit_url(meeting)}?slettet={entry.pk}")
    return _agenda_response(request, meeting, deleted=entry)


@require_POST
@_unless_locked
def item_restore(request, council_slug, date, entry_id):
    meeting = secretary_meeting_access(request.user, council_slug, date).meeting
    entry = get_object_or_404(_history(meeting), pk=entry_id)
    try:
        item = services.restore_item(entry, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _agenda_response(request, meeting)
    return _agenda_response(request, meeting, anchor=f"punkt-{item.pk}", focus=item.pk)


def _history(meeting):
    """The meeting's part of the council's audit trail: the changes to its agenda and its minutes."""
    return AuditEntry.objects.filter(
        council=meeting.council_id,
        meeting_id=meeting.pk,
        area__in=[AuditEntry.Area.AGENDA, AuditEntry.Area.MINUTES],
    )


@require_GET
def item_history(request, council_slug, date, item_id):
    meeting = secretary_meeting_access(request.user, council_slug, date).meeting
    entries = _history(meeting).filter(item_id=item_id).select_related("user")
    # An item of this meeting, or one deleted from it: no page for another meeting's items.
    if not entries.exists() and not AgendaItem.objects.filter(pk=item_id, section__meeting=meeting).exists():
        raise Http404
    context = {"meeting": meeting, "entries": entries, "item_id": item_id}
    template = "agendas/history.html#history" if request.htmx else "agendas/history.html"
    return render(request, template, context)


@require_GET
def meeting_history(request, council_slug, date):
    meeting = secretary_meeting_access(request.user, council_slug, date).meeting
    entries = _history(meeting).select_related("user")[:200]
    deleted = {e.pk for e in entries if e.action == AuditEntry.Action.DELETE and e.snapshot}
    return render(
        request, "agendas/history.html", {"meeting": meeting, "entries": entries, "restorable": deleted}
    )


@require_POST
@_unless_locked
def attachment_upload(request, council_slug, date, item_id):
    meeting = secretary_meeting_access(request.user, council_slug, date).meeting
    item = _get_item(meeting, item_id)
    form = UploadForm(request.POST, request.FILES)
    errors = []
    if form.is_valid():
        for upload in form.cleaned_data["files"]:
            title = upload.name.rsplit(".", 1)[0].replace("_", " ").strip() or _("Bilag")
            try:
                services.attach_file(
                    item,
                    title[:300],
                    upload.read(),
                    is_closed=form.cleaned_data["is_closed"],
                    by=request.user,
                )
            except ValidationError as error:
                errors.append(f"{upload.name}: {' '.join(error.messages)}")
    else:
        errors = [e for field_errors in form.errors.values() for e in field_errors]
    refused = Refused(item.pk, upload_errors=errors) if errors else None
    return _item_response(request, meeting, item, refused, status=422 if errors else 200, part="attachments")


@require_POST
@_unless_locked
def attachment_update(request, council_slug, date, attachment_id):
    meeting = secretary_meeting_access(request.user, council_slug, date).meeting
    attachment = _get_attachment(meeting, attachment_id)
    form = AttachmentForm(request.POST, instance=Attachment.objects.get(pk=attachment.pk))
    if not form.is_valid():
        refused = Refused(attachment.item_id, attachment_form=form)
        return _item_response(request, meeting, attachment.item, refused, status=422, part="attachments")
    data = form.cleaned_data
    services.update_attachment(attachment, title=data["title"], is_closed=data["is_closed"], by=request.user)
    return _item_response(request, meeting, attachment.item, part="attachments")


@require_POST
@_unless_locked
def attachment_move(request, council_slug, date, attachment_id):
    meeting = secretary_meeting_access(request.user, council_slug, date).meeting
    attachment = _get_attachment(meeting, attachment_id)
    step = -1 if request.POST.get("direction") == "up" else 1
    services.move_attachment(attachment, attachment.position + step, by=request.user)
    return _item_response(request, meeting, attachment.item, part="attachments")


@require_POST
@_unless_locked
def attachment_delete(request, council_slug, date, attachment_id):
    meeting = secretary_meeting_access(request.user, council_slug, date).meeting
    attachment = _get_attachment(meeting, attachment_id)
    item = attachment.item
    services.delete_attachment(attachment, by=request.user)
    return _item_response(request, meeting, item, part="attachments")


@require_POST
@_unless_locked
def publish(request, council_slug, date):
    meeting = secretary_meeting_access(request.user, council_slug, date).meeting
    form = PublishForm(request.POST, meeting=meeting)
    if form.is_valid():
        try:
            version = services.publish_agenda(
                meeting,
                request.user,
                sent_on=form.cleaned_data["sent_on"],
                change_note=form.cleaned_data["change_note"],
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for name, field_errors in error.error_dict.items():
                    form.add_error(name, field_errors)
            else:
                form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Dagsordenen er offentliggjort som version %(number)s. PDF-filerne dannes nu.")
                % {"number": version.number},
            )
            url = meeting.get_absolute_url()
            return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
    if request.htmx:
        return render(request, f"{EDIT_PAGE}#publish", _page_context(meeting, publish_form=form), status=422)
    return render(request, EDIT_PAGE, _page_context(meeting, publish_form=form), status=422)


def preview_reading(request, kind_slug, council_slug, date) -> Reading:
    """The working copy as PDF (agenda or pack), members' edition, before it is published: for the
    secretariat only (documents.views serves it)."""
    meeting = secretary_meeting_access(request.user, council_slug, date).meeting
    kind = registry.by_slug(kind_slug, "meeting")
    if kind not in (pdf.AGENDA, pdf.PACK):
        raise Http404
    return Reading(
        kind=kind,
        source=AgendaContent.live(meeting),
        audience=Audience.MEMBERS,
        subject=f"{meeting.council.name} {meeting.date:%d-%m-%Y}",
        back_url=reverse("agendas:edit", args=[meeting.council.slug, meeting.date]),
        back_label=_("Tilbage til redigering af dagsordenen"),
        preview=True,
        may_retry=True,
    )
