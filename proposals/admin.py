from django.contrib import admin

from proposals.models import (
    CouncilRole,
    IntakeSettings,
    MeetingDeadline,
    Notice,
    Proposal,
    ProposalAttachment,
    ProposalComment,
)


@admin.register(CouncilRole)
class CouncilRoleAdmin(admin.ModelAdmin):
    list_display = ["user", "council", "role", "step", "initials"]
    list_filter = ["council", "role", "step"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "initials"]
    autocomplete_fields = ["user"]


@admin.register(IntakeSettings)
class IntakeSettingsAdmin(admin.ModelAdmin):
    list_display = ["council", "review_steps", "deadline_working_days", "warning_days"]


@admin.register(MeetingDeadline)
class MeetingDeadlineAdmin(admin.ModelAdmin):
    list_display = ["meeting", "deadline", "warning_days", "is_custom"]
    list_filter = ["meeting__council"]
    list_select_related = ["meeting__council"]


class ProposalAttachmentInline(admin.TabularInline):
    model = ProposalAttachment
    extra = 0
    fields = ["position", "title", "is_closed", "file", "page_count"]
    readonly_fields = ["file", "page_count"]


class ProposalCommentInline(admin.TabularInline):
    model = ProposalComment
    extra = 0
    fields = ["created_at", "author", "kind", "text"]
    readonly_fields = ["created_at", "author", "kind", "text"]


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    """For looking things up; the way through review is the proposal's page (proposals.services)."""

    list_display = [
        "title",
        "council",
        "handler",
        "state",
        "review_step",
        "is_late",
        "wished_meeting",
        "updated_at",
    ]
    list_filter = ["council", "state", "is_late"]
    list_select_related = ["council", "handler", "wished_meeting__council"]
    search_fields = ["title", "case_number"]
    inlines = [ProposalAttachmentInline, ProposalCommentInline]
    readonly_fields = [
        "state",
        "review_step",
        "submitted_at",
        "is_late",
        "late_accepted_by",
        "late_accepted_at",
        "item",
        "placed_meeting",
        "revision",
        "created_at",
        "updated_at",
    ]
    raw_id_fields = ["handler", "wished_meeting"]


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    list_display = ["kind", "meeting", "user", "sent_at"]
    list_filter = ["kind"]
    list_select_related = ["meeting__council", "user"]

    def has_add_permission(self, request):
        return False
