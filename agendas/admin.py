import hashlib

from django import forms
from django.conf import settings
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from agendas.models import AgendaItem, AgendaSection, Attachment, Meeting, RenderedDocument
from agendas.services import retry_document
from kkr.lib.files import save_once
from kkr.lib.pdfcheck import inspect_pdf


class AgendaSectionInline(admin.TabularInline):
    model = AgendaSection
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["date", "council", "kind", "status", "place", "agenda_sent_on"]
    list_filter = ["council", "kind", "status"]
    search_fields = ["place", "council__name"]
    date_hierarchy = "date"
    inlines = [AgendaSectionInline]


class AgendaItemInline(admin.StackedInline):
    model = AgendaItem
    extra = 0
    fields = ["position", "title", "case_number", "case_handler", "is_closed"]
    show_change_link = True


@admin.register(AgendaSection)
class AgendaSectionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "meeting"]
    list_filter = ["meeting__council", "meeting"]
    search_fields = ["title"]
    inlines = [AgendaItemInline]


class AttachmentForm(forms.ModelForm):
    class Meta:
        model = Attachment
        fields = ["item", "position", "title", "file", "is_closed"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload and hasattr(upload, "content_type"):  # a new upload, not the stored file
            data = upload.read()
            self.instance.page_count = inspect_pdf(data, settings.ATTACHMENT_MAX_BYTES)
            self.instance.sha256 = hashlib.sha256(data).hexdigest()
            # Stored by content hash once, as agendas.services.add_attachment stores it; the field
            # then keeps the stored name.
            field = Attachment._meta.get_field("file")
            return save_once(field.storage, field.generate_filename(self.instance, upload.name), data)
        return upload


class AttachmentInline(admin.TabularInline):
    model = Attachment
    form = AttachmentForm
    extra = 0
    readonly_fields = ["page_count"]


@admin.register(AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    list_display = ["__str__", "case_number", "case_handler", "is_closed", "meeting"]
    list_filter = ["is_closed", "section__meeting__council", "section__meeting"]
    search_fields = ["title", "case_number", "case_handler"]
    list_select_related = ["section__meeting__council"]
    inlines = [AttachmentInline]

    @admin.display(description=_("møde"), ordering="section__meeting__date")
    def meeting(self, item):
        return item.section.meeting


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    form = AttachmentForm
    list_display = ["title", "item", "is_closed", "page_count"]
    list_filter = ["is_closed", "item__section__meeting__council"]
    search_fields = ["title", "item__title"]
    list_select_related = ["item__section"]
    readonly_fields = ["sha256", "page_count"]


@admin.register(RenderedDocument)
class RenderedDocumentAdmin(admin.ModelAdmin):
    list_display = [
        "meeting",
        "kind",
        "audience",
        "status",
        "page_count",
        "render_seconds",
        "attempts",
        "queued_at",
    ]
    list_filter = ["status", "kind", "audience", "meeting__council"]
    search_fields = ["meeting__council__name", "content_hash", "error"]
    list_select_related = ["meeting__council"]
    date_hierarchy = "queued_at"
    readonly_fields = [field.name for field in RenderedDocument._meta.fields]
    actions = ["retry"]

    def has_add_permission(self, request):
        return False  # documents are requested from the meeting pages

    @admin.action(description=_("Dan de valgte dokumenter igen (fejlede)"))
    def retry(self, request, queryset):
        for document in queryset.filter(status=RenderedDocument.Status.FAILED):
            retry_document(document)
