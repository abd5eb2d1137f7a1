from django.urls import path

from agendas import edit_views, import_views, views
from agendas.api import meeting_detail, meeting_list
from agendas.feeds import agenda_feed, council_agenda_feed, council_calendar
from documents.urls import document_paths

app_name = "agendas"

meeting = "<slug:council_slug>/<isodate:date>/"
edit = meeting + "rediger/"

urlpatterns = [
    # Feeds and the read-only JSON API, listed first so no council or meeting pattern can take them.
    path("dagsordener.atom", agenda_feed, name="agenda_feed"),
    path("api/v1/moeder/", meeting_list, name="api_meetings"),
    path("api/v1/moeder/<slug:council_slug>/<isodate:date>/", meeting_detail, name="api_meeting"),
    path("<slug:council_slug>/moeder.ics", council_calendar, name="calendar"),
    path("<slug:council_slug>/dagsordener.atom", council_agenda_feed, name="council_agenda_feed"),
    # Before the council pattern, which would take "soeg" for a council's slug.
    path("soeg/", views.search, name="search"),
    path("mine-noter/", views.my_notes, name="my_notes"),
    path("<slug:council_slug>/", views.council, name="council"),
    path("<slug:council_slug>/<int:year>/", views.council_year, name="council_year"),
    path("<slug:council_slug>/nyt-moede/", edit_views.new_meeting, name="new_meeting"),
    path("<slug:council_slug>/planlagte-punkter/", edit_views.planned_items, name="planned_items"),
    path("<slug:council_slug>/importer-dagsorden/", import_views.import_agenda, name="import_agenda"),
    # Reading
    path(meeting, views.meeting, name="meeting"),
    path(meeting + "aendringer/<int:number>/", views.version_changes, name="changes"),
    path(meeting + "bilag/<int:attachment_id>/", views.attachment, name="attachment"),
    path(meeting + "noter/", views.meeting_notes, name="meeting_notes"),
    path(meeting + "noter/<int:item_id>/", views.save_note, name="save_note"),
    *document_paths(meeting + "pdf/", views.meeting_reading),
    # Editing (the council's secretariat)
    path(edit, edit_views.edit, name="edit"),
    path(edit + "moede/", edit_views.meeting_facts, name="meeting_facts"),
    path(edit + "historik/", edit_views.meeting_history, name="meeting_history"),
    path(edit + "offentliggoer/", edit_views.publish, name="publish"),
    *document_paths(edit + "pdf/", edit_views.preview_reading, name="preview_document"),
    path(edit + "hovedpunkt/<int:section_id>/nyt-punkt/", edit_views.item_create, name="item_create"),
    path(edit + "punkt/<int:item_id>/", edit_views.item_save, name="item_save"),
    path(edit + "punkt/<int:item_id>/flyt/", edit_views.item_move, name="item_move"),
    path(edit + "punkt/<int:item_id>/slet/", edit_views.item_delete, name="item_delete"),
    path(edit + "punkt/<int:item_id>/historik/", edit_views.item_history, name="item_history"),
    path(edit + "punkt/<int:item_id>/bilag/", edit_views.attachment_upload, name="attachment_upload"),
    path(edit + "gendan/<int:entry_id>/", edit_views.item_restore, name="item_restore"),
    path(edit + "bilag/<int:attachment_id>/", edit_views.attachment_update, name="attachment_update"),
    path(edit + "bilag/<int:attachment_id>/flyt/", edit_views.attachment_move, name="attachment_move"),
    path(edit + "bilag/<int:attachment_id>/slet/", edit_views.attachment_delete, name="attachment_delete"),
]
