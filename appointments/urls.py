from django.urls import path

from appointments import views
from documents.urls import document_paths

app_name = "appointments"

base = "<slug:council_slug>/udpegninger/"

urlpatterns = [
    # Reading (public)
    path(base, views.overview, name="overview"),
    path(base + "udpegninger.csv", views.export_csv, name="export_csv"),
    path(base + "udpegninger.pdf", views.export_pdf, name="export_pdf"),
    *document_paths(base + "pdf/", views.register_reading, name="register_pdf"),
    path(base + "organ/<slug:body_slug>/", views.body, name="body"),
    path(base + "person/<int:person_id>/", views.person, name="person"),
    # The secretariat's
    path(base + "historik/", views.history, name="history"),
    path(base + "plads/<int:seat_id>/udpeg/", views.appoint, name="appoint"),
    path(base + "raadet/ny-plads/", views.membership_new, name="membership_new"),
    path(base + "<str:kind>/<int:pk>/afslut/", views.end, name="end"),
    path(base + "person/<int:person_id>/udtraeder/", views.leave, name="leave"),
    path(base + "person/<int:person_id>/partiskifte/", views.party_change, name="party_change"),
    path(base + "ny-person/", views.person_new, name="person_new"),
    path(base + "nyt-organ/", views.body_new, name="body_new"),
    path(base + "organ/<slug:body_slug>/nye-pladser/", views.seat_new, name="seat_new"),
    path(base + "valgperioder/", views.terms, name="terms"),
]
