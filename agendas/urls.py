from django.urls import path, register_converter

from agendas import edit_views, views
from kkr.lib.converters import IsoDateConverter

register_converter(IsoDateConverter, "isodate")

app_name = "agendas"
urlpatterns = [
    path("<slug:council_slug>/", views.council, name="council"),
    path("<slug:council_slug>/<isodate:date>/", views.meeting, name="meeting"),
    path("<slug:council_slug>/<isodate:date>/rediger/", edit_views.edit, name="edit"),
    path(
        "<slug:council_slug>/<isodate:date>/bilag/<int:attachment_id>/",
        views.attachment,
        name="attachment",
    ),
    path("<slug:council_slug>/<isodate:date>/pdf/<slug:kind_slug>/", views.document, name="document"),
    path(
        "<slug:council_slug>/<isodate:date>/pdf/<slug:kind_slug>/forbered/",
        views.document_prepare,
        name="document_prepare",
    ),
    path(
        "<slug:council_slug>/<isodate:date>/pdf/<slug:kind_slug>/<int:document_id>/status/",
        views.document_status,
        name="document_status",
    ),
    path(
        "<slug:council_slug>/<isodate:date>/pdf/<slug:kind_slug>/<int:document_id>/forsoeg-igen/",
        views.document_retry,
        name="document_retry",
    ),
]
