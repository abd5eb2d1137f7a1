from django.urls import path

from minutes import views

app_name = "minutes"

base = "<slug:council_slug>/<isodate:date>/referat/"
edit = base + "rediger/"

urlpatterns = [
    path(base, views.minutes_page, name="minutes"),
    path(edit, views.edit, name="edit"),
    path(edit + "beslutning/<int:item_id>/", views.save_decision, name="save_decision"),
    path(edit + "deltagere/", views.attendance, name="attendance"),
    path(edit + "fravaer/", views.add_absence, name="add_absence"),
    path(edit + "fravaer/<int:absence_id>/slet/", views.remove_absence, name="remove_absence"),
    path(edit + "udsend/", views.send, name="send"),
    path(edit + "traek-tilbage/", views.unsend, name="unsend"),
    path(edit + "offentliggoer/", views.publish, name="publish"),
]
