from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from documents.models import RenderedDocument
from documents.services import retry_document


@admin.register(RenderedDocument)
class RenderedDocumentAdmin(admin.ModelAdmin):
    list_display = [
        "council",
        "meeting",
        "kind",
        "audience",
        "status",
        "page_count",
        "render_seconds",
        "attempts",
        "queued_at",
    ]
    list_filter = ["status", "kind", "audience", "council"]
    search_fields = ["council__name", "key", "content_hash", "error"]
    list_select_related = ["council", "meeting"]
    date_hierarchy = "queued_at"
    readonly_fields = [field.name for field in RenderedDocument._meta.fields]
    actions = ["retry"]

    def has_add_permission(self, request):
        return False  # documents are requested from the pages they belong to

    @admin.action(description=_("Dan de valgte dokumenter igen (fejlede)"))
    def retry(self, request, queryset):
        for document in queryset.filter(status=RenderedDocument.Status.FAILED):
            retry_document(document)
