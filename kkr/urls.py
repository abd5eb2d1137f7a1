from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, register_converter

from accounts import views as account_views
from agendas import views as agenda_views
from kkr import views as kkr_views
from kkr.lib.converters import IsoDateConverter

# Meeting addresses end in their date: /kkr-nordjylland/2021-02-05/ (agendas, minutes).
register_converter(IsoDateConverter, "isodate")

urlpatterns = [
    path("", agenda_views.home, name="home"),
    path("admin/", admin.site.urls),
    path("health/", kkr_views.health, name="health"),
    path("tilgaengelighed/", kkr_views.accessibility_statement, name="accessibility"),
    path("log-ind/", account_views.LoginView.as_view(), name="login"),
    path("log-ud/", auth_views.LogoutView.as_view(), name="logout"),
    path("log-ud/alle-enheder/", account_views.log_out_everywhere, name="log_out_everywhere"),
    path("konto/sikkerhed/", account_views.security, name="security"),
    # Password reset by e-mail (Django's views, the portal's templates).
    path("log-ind/glemt/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path("log-ind/glemt/sendt/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "log-ind/ny-adgangskode/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "log-ind/ny-adgangskode/faerdig/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("konto/", include("accounts.urls")),
    # Public subscriptions: a subscriber's own links, and each council's form.
    path("abonnement/bekraeft/<slug:token>/", kkr_views.subscription_confirm, name="subscription_confirm"),
    path(
        "abonnement/afmeld/<slug:token>/", kkr_views.subscription_unsubscribe, name="subscription_unsubscribe"
    ),
    path("<slug:council_slug>/abonnement/", kkr_views.subscribe, name="subscribe"),
    path("", include("appointments.urls")),
    path("", include("proposals.urls")),
    path("", include("minutes.urls")),
    path("", include("agendas.urls")),
]
