from django.urls import path

from proposals import views

app_name = "proposals"

urlpatterns = [
    path("punktforslag/<int:pk>/", views.detail, name="detail"),
]
