from django.contrib import admin

from minutes.models import Minutes


@admin.register(Minutes)
class MinutesAdmin(admin.ModelAdmin):
    list_display = ["meeting", "status", "sent_on", "approved_on"]
    list_filter = ["status", "meeting__council"]
    search_fields = ["meeting__council__name"]
    list_select_related = ["meeting__council"]
