from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from agendas.models import AgendaItem, AgendaSection, Attachment, Meeting


class ReadOnly:
    """Agenda content is changed and published only on the secretariat's edit pages, whose services
    keep the audit trail, the revisions and the published versions: the admin shows it, nothing more."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AgendaSectionInline(ReadOnly, admin.TabularInline):
    model = AgendaSection
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["date", "council", "kind", "is_published", "place", "agenda_sent_on"]
    list_filter = ["council", "kind", ("published_version", admin.EmptyFieldListFilter)]
    search_fields = ["place", "council__name"]
    date_hierarchy = "date"
    inlines = [AgendaSectionInline]

    @admin.display(description=_("offentliggjort"), boolean=True, ordering="published_version")
    def is_published(self, meeting):
        return meeting.is_published


class AgendaItemInline(ReadOnly, admin.StackedInline):
    model = AgendaItem
    extra = 0
    fields = ["position", "title", "case_number", "case_handler", "is_closed"]
    show_change_link = True


@admin.register(AgendaSection)
class AgendaSectionAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["__str__", "role", "meeting"]
    list_filter = ["meeting__council", "meeting"]
    search_fields = ["title"]
    inlines = [AgendaItemInline]


class AttachmentInline(ReadOnly, admin.TabularInline):
    model = Attachment
    extra = 0
    readonly_fields = ["page_count"]


@admin.register(AgendaItem)
class AgendaItemAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["__str__", "case_number", "case_handler", "is_closed", "meeting"]
    list_filter = ["is_closed", "section__meeting__council", "section__meeting"]
    search_fields = ["title", "case_number", "case_handler"]
    list_select_related = ["section__meeting__council"]
    inlines = [AttachmentInline]

    @admin.display(description=_("møde"), ordering="section__meeting__date")
    def meeting(self, item):
        return item.section.meeting


@admin.register(Attachment)
class AttachmentAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["title", "item", "is_closed", "page_count"]
    list_filter = ["is_closed", "item__section__meeting__council"]
    search_fields = ["title", "item__title"]
    list_select_related = ["item__section"]
