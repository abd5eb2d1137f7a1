from django.urls import path

from proposals import views

app_name = "proposals"

urlpatterns = [
    path("punktforslag/<int:proposal_id>/", views.detail, name="detail"),
]
