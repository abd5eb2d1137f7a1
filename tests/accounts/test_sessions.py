"""Sessions: a login idle for SESSION_IDLE_MINUTES ends, "Log ud på alle enheder" ends every login of
the user, and a forgotten password is reset by e-mail under Django's password rules."""

import datetime
import re

import pytest
import time_machine
from django.utils import timezone

from tests.factories import make_council, make_member, make_user

pytestmark = pytest.mark.django_db


def test_an_idle_login_ends(client, settings):
    settings.SESSION_IDLE_MINUTES = 30
    member = make_member(make_council())
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        client.force_login(member)
        traveller.shift(datetime.timedelta(minutes=29))
        assert client.get("/").context["user"] == member
        traveller.shift(datetime.timedelta(minutes=29))  # 29 minutes after the last page
        assert client.get("/").context["user"] == member
        traveller.shift(datetime.timedelta(minutes=31))
        response = client.get("/")
        assert not response.context["user"].is_authenticated
        assert "Du er logget ud, fordi du ikke har brugt portalen i 30 minutter" in response.content.decode()
        assert not client.get("/mine-noter/").wsgi_request.user.is_authenticated


def test_log_out_on_all_devices(client, django_user_model):
    from django.test import Client

    member, other = make_member(make_council()), make_user()
    phone, elsewhere = Client(), Client()
    phone.force_login(member)
    client.force_login(member)
    elsewhere.force_login(other)
    assert "Log ud på alle enheder" in client.get("/konto/sikkerhed/").content.decode()

    response = client.post("/log-ud/alle-enheder/", follow=True)
    assert "Du er logget ud på alle enheder (2 sessioner afsluttet)" in response.content.decode()
    assert not client.get("/").context["user"].is_authenticated
    assert not phone.get("/").context["user"].is_authenticated
    assert elsewhere.get("/").context["user"] == other  # someone else's login stays


def test_password_reset_by_email(client, mailoutbox):
    user = make_user(email="anne@aalborg.dk")
    assert "Glemt adgangskode?" in client.get("/log-ind/").content.decode()
    response = client.post("/log-ind/glemt/", {"email": "ANNE@aalborg.dk"}, follow=True)
    assert "Tjek din indbakke" in response.content.decode()
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["anne@aalborg.dk"]
    assert mailoutbox[0].subject == "Ny adgangskode til KKR Mødeportal"
    link = re.search(r"http://testserver(/log-ind/ny-adgangskode/\S+)", mailoutbox[0].body).group(1)

    form = client.get(link, follow=True)
    url = form.redirect_chain[-1][0]
    # Django's password rules hold, in Danish.
    response = client.post(url, {"new_password1": "12345678", "new_password2": "12345678"})
    assert "Denne adgangskode er for almindelig" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password("test-password")
    response = client.post(url, {"new_password1": "Lang-og-god-2026!", "new_password2": "Lang-og-god-2026!"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Lang-og-god-2026!")
    # The link works once.
    assert "Linket virker ikke" in client.get(link, follow=True).content.decode()


def test_password_reset_tells_nothing_of_unknown_addresses(client, mailoutbox):
    response = client.post("/log-ind/glemt/", {"email": "ingen@example.org"}, follow=True)
    assert "Tjek din indbakke" in response.content.decode()
    assert mailoutbox == []
