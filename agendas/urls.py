from django.urls import path, register_converter

from agendas import views
from kkr.lib.converters import IsoDateConverter

register_converter(IsoDateConverter, "isodate")

app_name = "agendas"
urlpatterns = [
    path("<slug:council_slug>/", views.council, name="council"),
    path("<slug:council_slug>/<isodate:date>/", views.meeting, name="meeting"),
    path(
        "<slug:council_slug>/<isodate:date>/bilag/<int:attachment_id>/",
        views.attachment,
        name="attachment",
    ),
]
