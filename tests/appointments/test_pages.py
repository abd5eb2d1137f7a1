"""The register's pages, exports and the secretariat's forms, on the demo data of item 4.1."""

import csv
import datetime
import io
import subprocess

import pytest
from django.core.management import call_command
from django.urls import get_resolver, reverse

from appointments import views
from appointments.models import Appointment, Body, Seat, Term
from kkr.celery import app
from kkr.models import AuditEntry, Council, Membership, Person
from tests.factories import make_council, make_member, make_secretary, make_user

pytestmark = pytest.mark.django_db

OVERVIEW = "/kkr-nordjylland/udpegninger/"


@pytest.fixture
def demo():
    call_command("load_demo", stdout=None)
    return Council.objects.get(slug="kkr-nordjylland")


@pytest.fixture
def secretary(client, demo):
    assert client.login(username="sekretariat", password="demo-sekretariat")
    return client


def text(response):
    return " ".join(response.content.decode().split())


def rar_substitute_seat():
    return Seat.objects.get(body__slug="rar-nordjylland", role=Seat.Role.SUBSTITUTE)


def test_the_overview_answers_who_sits_where_and_who_is_missing(client, demo):
    page = text(client.get(OVERVIEW + "?dato=2021-02-05"))
    assert "Pr. 5. februar 2021" in page
    assert "Vibeke Merete Gamst</a> (C)" in page
    assert "Karsten Frederiksen" not in page  # left on 31 Dec 2020
    assert "Line Vanggaard Pedersen" not in page  # her RAR seat awaits a new appointment
    assert "ledige pladser" in page


def test_as_of_the_day_before_the_events(client, demo):
    page = text(client.get(OVERVIEW + "?dato=2020-12-31"))
    assert "Karsten Frederiksen</a> (C)" in page
    assert "Line Vanggaard Pedersen</a> (C)" in page  # still a Conservative then


def test_a_bad_date_shows_today_and_says_so(client, demo):
    response = client.get(OVERVIEW + "?dato=31-02-2021")
    assert response.status_code == 200
    assert "Datoen kunne ikke læses" in text(response)


def test_body_page_keeps_the_whole_history(client, demo):
    page = text(client.get("/kkr-nordjylland/udpegninger/organ/rar-nordjylland/"))
    assert "Line Vanggaard Pedersen</a> (C)" in page  # her party when appointed
    assert "Udtrådt af Det Konservative Folkeparti; blå blok finder en ny stedfortræder" in page


def test_person_page_shows_seats_and_party_history(client, demo):
    vibeke = Person.objects.get(name="Vibeke Merete Gamst")
    page = text(client.get(f"/kkr-nordjylland/udpegninger/person/{vibeke.pk}/"))
    assert "Stedfortræder for Karsten Frederiksen" in page
    assert "Indtrådt i stedet for Karsten Frederiksen" in page
    line = Person.objects.get(name="Line Vanggaard Pedersen")
    page = text(client.get(f"/kkr-nordjylland/udpegninger/person/{line.pk}/"))
    assert "C: fra før registreringen til 14-01-2021" in page
    assert "Løsgænger: fra 15-01-2021" in page


def test_csv_export_lists_holders_and_vacancies(client, demo):
    response = client.get("/kkr-nordjylland/udpegninger/udpegninger.csv?dato=2021-02-05")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["Organ", "Type", "Rolle", "Navn"]
    rar = [r[:4] for r in rows if r[0] == "RAR Nordjylland"]
    assert rar == [
        ["RAR Nordjylland", "politisk", "medlem", "Mogens Christen Gade"],
        ["RAR Nordjylland", "politisk", "stedfortræder", "LEDIG"],
    ]
    vibeke = next(r for r in rows if r[3] == "Vibeke Merete Gamst")
    assert vibeke[:8] == [
        "KKR Nordjylland",
        "",
        "medlem",
        "Vibeke Merete Gamst",
        "C",
        "Aalborg",
        "",
        "01-01-2021",
    ]


@pytest.mark.django_db(transaction=True)  # the render job is queued after commit (and runs eagerly here)
def test_pdf_export_reads_like_a_kkr_list(client, demo, tmp_path, monkeypatch):
    monkeypatch.setitem(app.conf, "task_always_eager", True)  # whatever broker is configured
    response = client.get("/kkr-nordjylland/udpegninger/udpegninger.pdf?dato=2020-12-31", follow=True)
    assert response["Content-Type"] == "application/pdf"
    path = tmp_path / "register.pdf"
    path.write_bytes(b"".join(response.streaming_content))
    pdf_text = " ".join(
        subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout.split()
    )
    assert "UDPEGNINGER KKR Nordjylland" in pdf_text
    assert "KKR Nordjylland | 31-12-2020" in pdf_text
    assert "Line Vanggaard Pedersen (C)" in pdf_text
    assert "Stedfortræder Line" in pdf_text or "Line Vanggaard Pedersen (C)" in pdf_text


def edit_urls(council):
    seat = Seat.objects.filter(council=council).first()
    person = Person.objects.first()
    values = {
        "council_slug": council.slug,
        "seat_id": seat.pk,
        "person_id": person.pk,
        "kind": "udpegning",
        "pk": Appointment.objects.first().pk,
        "body_slug": seat.body.slug,
    }
    public = {"overview", "export_csv", "export_pdf", "body", "person"}
    patterns = next(p for p in get_resolver().url_patterns if getattr(p, "namespace", None) == "appointments")
    return [
        reverse(f"appointments:{p.name}", kwargs={n: values[n] for n in p.pattern.converters})
        for p in patterns.url_patterns
        if p.callback.__module__ == views.__name__ and p.name not in public
    ]


@pytest.mark.parametrize("role", ["anonymous", "member", "other user", "other secretariat"])
def test_only_the_councils_secretariat_edits_the_register(client, demo, role):
    if role == "member":
        client.force_login(make_member(demo))
    elif role == "other user":
        client.force_login(make_user())
    elif role == "other secretariat":
        client.force_login(make_secretary(make_council()))
    before = (Appointment.objects.count(), Membership.objects.count(), AuditEntry.objects.count())
    urls = edit_urls(demo)
    assert len(urls) == 10
    for url in urls:
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"start": "2021-02-05", "person": 1}).status_code in (403, 405), url
    assert (Appointment.objects.count(), Membership.objects.count(), AuditEntry.objects.count()) == before
    assert "Udpeg stedfortræder" not in text(client.get(OVERVIEW))


def test_the_secretariat_reaches_every_form(secretary, demo):
    for url in edit_urls(demo):
        assert secretary.get(url).status_code == 200, url


def test_appoint_lene_as_vibekes_substitute_from_item_4_1(secretary, demo):
    lene, vibeke = Person.objects.get(name="Lene Aalestrup"), Person.objects.get(name="Vibeke Merete Gamst")
    form_url = f"{OVERVIEW}raadet/ny-plads/?role=substitute&substitute_for={vibeke.pk}"
    form = text(secretary.get(form_url))
    assert "05-02-2021, punkt 4.1 Udpegninger" in form  # the item can be chosen as the decision
    item = Appointment._meta.get_field("decided_by").related_model.objects.get(
        section__meeting__date="2021-02-05", section__position=4
    )
    data = {
        "person": lene.pk,
        "role": "substitute",
        "substitute_for": vibeke.pk,
        "start": "2021-02-05",
        "decided_by": item.pk,
        "note": "",
    }
    response = secretary.post(form_url, data, follow=True)
    assert "Lene Aalestrup er registreret som stedfortræder i KKR Nordjylland." in text(response)
    row = Membership.objects.get(person=lene)
    assert (row.substitute_for, row.decided_by_label) == (vibeke, "KKR Nordjylland 05-02-2021, punkt 4.1")
    assert AuditEntry.objects.filter(council=demo, area="register", person=lene).exists()
    # the overview no longer flags Vibeke's substitute as vacant
    page = text(secretary.get(OVERVIEW + "?dato=2021-02-05"))
    assert f"substitute_for={vibeke.pk}" not in page


def test_a_full_seat_is_refused_with_a_clear_message_and_nothing_saved(secretary, demo):
    seat = Seat.objects.get(body__slug="rar-nordjylland", role=Seat.Role.MEMBER)
    before = Appointment.objects.count()
    lene = Person.objects.get(name="Lene Aalestrup")
    response = secretary.post(
        f"{OVERVIEW}plads/{seat.pk}/udpeg/",
        {"person": lene.pk, "start": "2021-03-01"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 422
    assert "Der er 1 plads(er) som medlem i RAR Nordjylland" in text(response)
    assert "Mogens Christen Gade" in text(response)
    assert Appointment.objects.count() == before


def test_appoint_to_the_vacant_rar_substitute_seat_by_htmx(secretary, demo):
    lene = Person.objects.get(name="Lene Aalestrup")
    url = f"{OVERVIEW}plads/{rar_substitute_seat().pk}/udpeg/"
    fragment = secretary.get(url, HTTP_HX_REQUEST="true")
    assert "<html" not in fragment.content.decode()  # only the form, for the slot on the overview
    response = secretary.post(url, {"person": lene.pk, "start": "2021-02-06"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response["HX-Redirect"] == OVERVIEW
    assert rar_substitute_seat().appointments.current(datetime.date(2021, 2, 6)).get().person == lene


def test_leaving_is_shown_first_and_applied_on_confirmation(secretary, demo):
    vibeke = Person.objects.get(name="Vibeke Merete Gamst")
    url = f"{OVERVIEW}person/{vibeke.pk}/udtraeder/"
    preview = secretary.post(url, {"on": "2021-06-30", "reason": "Flyttet"})
    assert "Vibeke Merete Gamst ophører som medlem i KKR Nordjylland den 30-06-2021." in text(preview)
    assert Membership.objects.get(person=vibeke, end__isnull=True)  # nothing changed yet
    done = secretary.post(url, {"on": "2021-06-30", "reason": "Flyttet", "confirmed": "True"}, follow=True)
    assert "Udtrædelsen er registreret" in text(done)
    assert Membership.objects.get(person=vibeke, start=datetime.date(2021, 1, 1)).end == datetime.date(
        2021, 6, 30
    )


def test_party_change_and_ending_by_form(secretary, demo):
    arne = Person.objects.get(name="Arne Boelt")
    response = secretary.post(f"{OVERVIEW}person/{arne.pk}/partiskifte/", {"party": "", "on": "2021-03-01"})
    assert response.status_code == 302
    arne.refresh_from_db()
    assert (arne.party, arne.party_on(datetime.date(2021, 2, 1))) == ("", "A")
    row = Appointment.objects.get(person=arne, seat__body__slug="brn")
    bad = secretary.post(f"{OVERVIEW}udpegning/{row.pk}/afslut/", {"end": "2017-01-01", "reason": "x"})
    assert bad.status_code == 422
    assert "vælg en senere slutdato" in text(bad)
    secretary.post(f"{OVERVIEW}udpegning/{row.pk}/afslut/", {"end": "2021-03-31", "reason": "Ny formand"})
    row.refresh_from_db()
    assert (row.end, row.end_reason) == (datetime.date(2021, 3, 31), "Ny formand")


def test_new_body_and_seats_then_appoint(secretary, demo):
    secretary.post(
        f"{OVERVIEW}nyt-organ/", {"name": "Vækstforum", "slug": "vaekstforum", "kind": "political"}
    )
    body = Body.objects.get(slug="vaekstforum")
    secretary.post(f"{OVERVIEW}organ/vaekstforum/nye-pladser/", {"role": "member", "count": 2})
    again = secretary.post(f"{OVERVIEW}organ/vaekstforum/nye-pladser/", {"role": "member", "count": 1})
    assert "Organet har allerede pladser med den rolle for rådet." in text(again)
    seat = body.seats.get()
    assert seat.count == 2
    page = text(secretary.get(OVERVIEW))
    assert "Vækstforum" in page
    assert f"/plads/{seat.pk}/udpeg/" in page


def test_terms_page_creates_a_term_and_carries_the_seats_over(secretary, demo):
    url = f"{OVERVIEW}valgperioder/"
    bad = secretary.post(
        url, {"term-label": "2026-2030", "term-start": "2026-02-01", "term-end": "2025-01-01"}
    )
    assert bad.status_code == 422
    assert "Valgperioden skal slutte efter den begynder." in text(bad)
    old_holders = Appointment.objects.current(datetime.date(2022, 1, 31)).filter(seat__council=demo).count()
    old, new = (Term.objects.get(label=label).pk for label in ("2018-2022", "2022-2026"))
    response = secretary.post(url, {"carry-old": old, "carry-new": new}, follow=True)
    assert f"{old_holders} udpegninger er videreført til 2022-2026." in text(response)
    page = text(secretary.get(OVERVIEW + "?dato=2022-02-01"))
    assert "Mogens Christen Gade</a> (V)" in page
    assert "fra 01-02-2022" in page


def test_from_a_decision_the_forms_cite_the_item(secretary, demo):
    item = Appointment._meta.get_field("decided_by").related_model.objects.get(
        section__meeting__date="2021-02-05", section__position=4
    )
    page = secretary.get(f"{OVERVIEW}?punkt={item.pk}").content.decode()
    assert "Du registrerer det, der blev besluttet under punkt 4.1. på mødet 05-02-2021." in text_of(page)
    end_url = page[page.index(f"{OVERVIEW}udpegning/") :].split('"')[0].replace("&amp;", "&")
    form = text(secretary.get(end_url))
    assert 'value="2021-02-05"' in form
    assert "Besluttet på mødet 05-02-2021, punkt 4.1" in form


def text_of(html):
    return " ".join(html.split())


def test_an_earlier_date_offers_to_end_only_what_has_not_ended(secretary, demo):
    # On 31 Dec 2020 Karsten Frederiksen and Vibeke (as his substitute) still sat; both ended that day.
    page = text(secretary.get(OVERVIEW + "?dato=2020-12-31"))
    assert "Karsten Frederiksen</a> (C)" in page
    assert "Afslut Karsten Frederiksen" not in page
    assert "Afslut Vibeke Merete Gamst" not in page
    assert "Afslut Line Vanggaard Pedersen" not in page  # her RAR seat ended 15 Jan 2021
    assert "Udpeg stedfortræder for Karsten Frederiksen" not in page
    assert "Afslut Arne Boelt" in page  # still sits today


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
def test_ending_a_seat_that_already_ended_is_refused(secretary, demo, htmx):
    karsten = Membership.objects.get(person__name="Karsten Frederiksen")
    url = f"{OVERVIEW}medlemskab/{karsten.pk}/afslut/"
    headers = {"HX-Request": "true"} if htmx else {}
    before = AuditEntry.objects.count()

    form = text(secretary.get(url, headers=headers))
    assert "Karsten Frederiksen er allerede ophørt som medlem i KKR Nordjylland den 31-12-2020." in form
    assert ">Afslut</button>" not in form

    response = secretary.post(url, {"end": "2020-06-30", "reason": "Fejl"}, headers=headers)
    assert response.status_code == 422
    assert "er allerede ophørt som medlem i KKR Nordjylland den 31-12-2020" in text(response)
    karsten.refresh_from_db()
    assert (karsten.end, karsten.end_reason) != (datetime.date(2020, 6, 30), "Fejl")
    assert karsten.end == datetime.date(2020, 12, 31)
    assert AuditEntry.objects.count() == before


def test_the_end_forms_title_keeps_the_councils_name(secretary, demo):
    arne = Membership.objects.get(person__name="Arne Boelt")
    page = text(secretary.get(f"{OVERVIEW}medlemskab/{arne.pk}/afslut/"))
    assert "Afslut: Formand i KKR Nordjylland – Arne Boelt" in page
    rar = Appointment.objects.get(person__name="Mogens Christen Gade", seat__body__slug="rar-nordjylland")
    page = text(secretary.get(f"{OVERVIEW}udpegning/{rar.pk}/afslut/"))
    assert "Afslut: Medlem i RAR Nordjylland – Mogens Christen Gade" in page
