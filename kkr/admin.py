from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from kkr.models import AuditEntry, Council, Membership, Municipality, OutgoingMail, Person, Subscription

admin.site.site_header = _("KKR Mødeportal – administration")
admin.site.site_title = _("KKR Mødeportal")
admin.site.index_title = _("Administration")


class MunicipalityInline(admin.TabularInline):
    model = Municipality
    extra = 0


@admin.register(Council)
class CouncilAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["secretariat"]
    inlines = [MunicipalityInline]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "council"]
    list_filter = ["council"]
    search_fields = ["name"]


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "person"
    extra = 0
    autocomplete_fields = ["substitute_for"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "party", "municipality", "user"]
    list_filter = ["party", "municipality"]
    search_fields = ["name", "municipality__name"]
    autocomplete_fields = ["user"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["person", "council", "role", "substitute_for", "start", "end"]
    list_filter = ["council", "role"]
    search_fields = ["person__name", "substitute_for__name"]
    autocomplete_fields = ["person", "substitute_for"]
    date_hierarchy = "start"


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The audit trail is written only by kkr.audit.record, with the changes it logs: the admin shows
    it, nothing more."""

    list_display = ["at", "council", "area", "action", "summary", "user"]
    list_filter = ["area", "action", "council"]
    search_fields = ["summary", "council__name"]
    list_select_related = ["council", "user"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(OutgoingMail)
class OutgoingMailAdmin(admin.ModelAdmin):
    """The outbox (kkr.mail): what was sent, what waits, and what failed and why. Read-only: the jobs
    write it."""

    list_display = ["created_at", "subject", "status", "attempts", "sent_at"]
    list_filter = ["status"]
    search_fields = ["subject", "error"]
    date_hierarchy = "created_at"
    readonly_fields = [field.name for field in OutgoingMail._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    """The public's subscriptions (kkr.subscriptions), for support: who gets what, and whether they have
    confirmed. Read-only: only the subscriber's own links change one; support may delete one on request.
    The link's token is left out: it would let whoever reads it act as the subscriber."""

    list_display = ["email", "council", "agendas", "minutes", "confirmed_at", "created_at"]
    list_filter = ["council", ("confirmed_at", admin.EmptyFieldListFilter)]
    search_fields = ["email", "council__name"]
    list_select_related = ["council"]
    fields = readonly_fields = [
        "email",
        "council",
        "agendas",
        "minutes",
        "created_at",
        "confirmation_sent_at",
        "confirmed_at",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
