from django.contrib import admin

from appointments.models import Appointment, Body, Seat, Term


class SeatInline(admin.TabularInline):
    model = Seat
    extra = 0


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ["name", "kind"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [SeatInline]


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ["label", "start", "end"]


@admin.register(Appointment)
class AppointmentAdmin(admin.ModelAdmin):
    """For looking things up; changes go through the register's pages, which keep the rules."""

    list_display = ["person", "seat", "start", "end", "decided_by_label"]
    list_filter = ["seat__council", "seat__body"]
    search_fields = ["person__name", "seat__body__name"]
    readonly_fields = ["decided_by", "created_at"]
