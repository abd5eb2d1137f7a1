"""Anyone may subscribe by e-mail to a council's published agendas and minutes: double opt-in, the same
answer whatever the address, a limit on how often asking mails an address, one-click unsubscribing in
every mail, and nothing of a closed item beyond its number and title."""

import datetime
import re
import time

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from agendas.models import AgendaItem, Meeting
from agendas.services import publish_agenda
from kkr.models import Council, OutgoingMail, Subscription
from kkr.tasks import prune_subscriptions
from minutes.models import Decision, Minutes
from minutes.services import publish_minutes
from tests.factories import make_council, make_item, make_meeting, make_section

pytestmark = pytest.mark.django_db

FORM = "/kkr-nordjylland/abonnement/"
CLOSED_TEXT = "LUKKET-TEKST-MAA-IKKE-MAILES"
CLOSED_DECISION = "BESLUTNING-LUKKET-MAA-IKKE-MAILES"
LINK = re.compile(r"http://\S+/abonnement/(?:bekraeft|afmeld)/[\w-]+/")
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def council():
    call_command("load_demo", stdout=None)
    return Council.objects.get(slug="kkr-nordjylland")


def subscriber(council, email, *, confirmed=True, **kwargs):
    """A subscription as the subscriber's own links would have left it."""
    now = timezone.now()
    return Subscription.objects.create(
        council=council,
        email=email,
        confirmation_sent_at=now,
        confirmed_at=now if confirmed else None,
        **kwargs,
    )


def ask(client, email, what=("agendas", "minutes"), capture=None, **headers):
    """Post the form; with `capture` (django_capture_on_commit_callbacks) the mail goes out too."""
    data = {"email": email, "what": list(what)}
    if capture is None:
        return client.post(FORM, data, **headers)
    with capture(execute=True):
        return client.post(FORM, data, **headers)


def text(response):
    return response.content.decode()


def links(body):
    return LINK.findall(body)


def path_of(url):
    return url.removeprefix("http://127.0.0.1:8000")


# Asking


def test_the_council_page_links_to_the_form(client, council):
    page = text(client.get("/kkr-nordjylland/"))
    assert f'href="{FORM}"' in page
    form = client.get(FORM)
    assert form.status_code == 200
    assert "Din e-mailadresse" in text(form) and 'autocomplete="email"' in text(form)


def test_asking_without_javascript_mails_a_confirmation_link(
    client, council, django_capture_on_commit_callbacks, eager_tasks
):
    response = ask(client, " Borger@Example.ORG ", capture=django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert "Tjek din indbakke" in text(response) and "<html" in text(response)
    subscription = Subscription.objects.get()
    assert (subscription.email, subscription.confirmed_at) == ("borger@example.org", None)
    assert (subscription.agendas, subscription.minutes) == (True, True)
    [message] = mail.outbox
    assert message.to == ["borger@example.org"]
    assert message.subject == "Bekræft dit abonnement på KKR Nordjylland"
    assert links(message.body) == [f"http://127.0.0.1:8000/abonnement/bekraeft/{subscription.token}/"]
    assert "dagsordener og referater" in message.body


def test_asking_with_htmx_swaps_in_the_answer_or_the_errors(
    client, council, django_capture_on_commit_callbacks, eager_tasks
):
    refused = ask(client, "borger@", **HTMX)
    assert refused.status_code == 422  # swapped in by htmx (base.html's responseHandling)
    assert "<html" not in text(refused) and 'id="subscribe-answer"' in text(refused)
    assert "Skriv en gyldig e-mailadresse" in text(refused)
    answer = ask(
        client, "borger@example.org", what=["minutes"], capture=django_capture_on_commit_callbacks, **HTMX
    )
    assert answer.status_code == 200
    assert "<html" not in text(answer) and "Tjek din indbakke" in text(answer)
    assert Subscription.objects.get().agendas is False
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    ("email", "what", "error"),
    [
        ("", ["agendas"], "Skriv din e-mailadresse."),
        ("ikke en adresse", ["agendas"], "Skriv en gyldig e-mailadresse"),
        ("borger@example.org", [], "Vælg dagsordener, referater eller begge."),
        ("borger@example.org", ["nyheder"], "Vælg dagsordener, referater eller begge."),
        ("x" * 300 + "@example.org", ["agendas"], "e-mailadresse"),
    ],
)
def test_bad_input_is_refused_in_danish_and_saves_nothing(client, council, email, what, error):
    response = ask(client, email, what)
    assert response.status_code == 422
    assert error in text(response)
    assert 'action="/kkr-nordjylland/abonnement/"' in text(response)  # the form again, as typed
    assert not Subscription.objects.exists() and not OutgoingMail.objects.exists()


def test_an_unknown_council_has_no_form(client, council):
    assert client.get("/kkr-ingen/abonnement/").status_code == 404
    assert (
        client.post("/kkr-ingen/abonnement/", {"email": "a@example.org", "what": ["agendas"]}).status_code
        == 404
    )
    assert not Subscription.objects.exists()


def _answer(response, email):
    """The page as any address would get it: the address typed and the CSRF tokens taken out."""
    page = text(response).replace(email, "ADDRESS")
    return re.sub(r'(csrfmiddlewaretoken" value="|"x-csrftoken": ")[^"]+', r"\1TOKEN", page)


def test_the_answer_does_not_tell_whether_the_address_subscribes(client, council):
    subscriber(council, "bekraeftet@example.org")
    waiting = subscriber(council, "venter@example.org", confirmed=False)
    Subscription.objects.filter(pk=waiting.pk).update(
        confirmation_sent_at=timezone.now() - datetime.timedelta(days=1)
    )
    subscriber(council, "lige-spurgt@example.org", confirmed=False)  # within the resend limit
    answers = {
        email: ask(client, email)
        for email in (
            "ny@example.org",
            "bekraeftet@example.org",
            "venter@example.org",
            "lige-spurgt@example.org",
        )
    }
    assert {response.status_code for response in answers.values()} == {200}
    pages = {_answer(response, email) for email, response in answers.items()}
    assert len(pages) == 1


def test_asking_again_mails_an_address_at_most_once_per_period(
    client, council, settings, django_capture_on_commit_callbacks, eager_tasks
):
    settings.SUBSCRIPTION_RESEND_MINUTES = 15
    for email in ("borger@example.org", "BORGER@example.org", "borger@EXAMPLE.org "):
        assert ask(client, email, capture=django_capture_on_commit_callbacks).status_code == 200
    assert len(mail.outbox) == 1
    assert Subscription.objects.count() == 1
    # A quarter of an hour later the address may be mailed again, with the same link as before.
    Subscription.objects.update(confirmation_sent_at=timezone.now() - datetime.timedelta(minutes=16))
    ask(client, "borger@example.org", capture=django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2
    assert links(mail.outbox[0].body) == links(mail.outbox[1].body)
    # Another council is another subscription, with its own limit.
    other = make_council(name="KKR Syddanmark", slug="kkr-syddanmark")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/kkr-syddanmark/abonnement/", {"email": "borger@example.org", "what": ["agendas"]})
    assert len(mail.outbox) == 3 and mail.outbox[2].subject.endswith(other.name)


def test_a_subscribed_address_that_asks_again_is_told_so_and_keeps_its_choice(
    client, council, django_capture_on_commit_callbacks, eager_tasks
):
    subscription = subscriber(council, "borger@example.org", minutes=False)
    Subscription.objects.update(confirmation_sent_at=timezone.now() - datetime.timedelta(hours=1))
    ask(client, "borger@example.org", what=["minutes"], capture=django_capture_on_commit_callbacks)
    [message] = mail.outbox
    assert message.subject == "Du abonnerer allerede på KKR Nordjylland"
    assert links(message.body) == [f"http://127.0.0.1:8000/abonnement/afmeld/{subscription.token}/"]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    subscription.refresh_from_db()
    assert (subscription.agendas, subscription.minutes) == (True, False)


# Confirming


def test_opening_the_confirmation_link_changes_nothing_and_its_button_confirms(client, council):
    subscription = subscriber(council, "borger@example.org", confirmed=False)
    url = f"/abonnement/bekraeft/{subscription.token}/"
    page = client.get(url)
    assert page.status_code == 200
    assert "Bekræft abonnementet" in text(page) and "borger@example.org" in text(page)
    assert "no-store" in page["Cache-Control"]
    subscription.refresh_from_db()
    assert subscription.confirmed_at is None  # a mail scanner that opens links confirms nothing

    confirmed = client.post(url)
    assert confirmed.status_code == 200
    assert "Dit abonnement er bekræftet" in text(confirmed)
    subscription.refresh_from_db()
    first = subscription.confirmed_at
    assert first is not None
    # Again (the button twice, or the link opened later): still confirmed, from the first time.
    assert "Dit abonnement er bekræftet" in text(client.post(url, **HTMX))
    assert "Dit abonnement er bekræftet" in text(client.get(url))
    subscription.refresh_from_db()
    assert subscription.confirmed_at == first


def test_confirming_with_htmx_swaps_in_the_answer(client, council):
    subscription = subscriber(council, "borger@example.org", confirmed=False)
    response = client.post(f"/abonnement/bekraeft/{subscription.token}/", **HTMX)
    assert response.status_code == 200
    assert "<html" not in text(response) and "Dit abonnement er bekræftet" in text(response)


def test_the_confirmation_needs_the_pages_csrf_token(council):
    subscription = subscriber(council, "borger@example.org", confirmed=False)
    client = Client(enforce_csrf_checks=True)
    assert client.post(f"/abonnement/bekraeft/{subscription.token}/").status_code == 403
    subscription.refresh_from_db()
    assert subscription.confirmed_at is None


def test_an_unknown_or_expired_link_is_a_page_in_danish(client, council, settings):
    settings.SUBSCRIPTION_CONFIRM_DAYS = 7
    expired = subscriber(council, "gammel@example.org", confirmed=False)
    Subscription.objects.update(confirmation_sent_at=timezone.now() - datetime.timedelta(days=8))
    for method in (client.get, client.post):
        for url in (
            "/abonnement/bekraeft/findes-ikke/",
            "/abonnement/afmeld/findes-ikke/",
            f"/abonnement/bekraeft/{expired.token}/",
        ):
            response = method(url)
            assert response.status_code == 404, url
            assert "Linket virker ikke" in text(response) and "7 dage" in text(response)
    expired.refresh_from_db()
    assert expired.confirmed_at is None
    # An old confirmed subscription's links go on working.
    old = subscriber(council, "trofast@example.org")
    Subscription.objects.filter(pk=old.pk).update(
        confirmation_sent_at=timezone.now() - datetime.timedelta(days=400)
    )
    assert client.get(f"/abonnement/bekraeft/{old.token}/").status_code == 200


def test_unconfirmed_addresses_are_deleted_when_their_link_expires(council, settings):
    settings.SUBSCRIPTION_CONFIRM_DAYS = 7
    old = timezone.now() - datetime.timedelta(days=8)
    expired = subscriber(council, "gammel@example.org", confirmed=False)
    confirmed = subscriber(council, "trofast@example.org")
    fresh = subscriber(council, "ny@example.org", confirmed=False)
    Subscription.objects.filter(pk__in=[expired.pk, confirmed.pk]).update(confirmation_sent_at=old)
    assert prune_subscriptions() == 1
    assert set(Subscription.objects.values_list("pk", flat=True)) == {confirmed.pk, fresh.pk}


# Unsubscribing


def test_the_unsubscribe_link_shows_one_button_that_unsubscribes(client, council):
    subscription = subscriber(council, "borger@example.org")
    url = f"/abonnement/afmeld/{subscription.token}/"
    page = client.get(url)
    assert page.status_code == 200 and "Afmeld" in text(page)
    assert "no-store" in page["Cache-Control"]
    assert Subscription.objects.filter(pk=subscription.pk).exists()  # opening it changes nothing

    done = client.post(url)
    assert done.status_code == 200
    assert "Du er afmeldt" in text(done)
    assert not Subscription.objects.exists()  # the address is forgotten
    assert client.get(url).status_code == 404


def test_unsubscribing_with_htmx_swaps_in_the_answer(client, council):
    subscription = subscriber(council, "borger@example.org")
    response = client.post(f"/abonnement/afmeld/{subscription.token}/", **HTMX)
    assert response.status_code == 200
    assert "<html" not in text(response) and "Du er afmeldt" in text(response)
    assert not Subscription.objects.exists()


def test_a_mail_programs_one_click_unsubscribe_needs_no_csrf_token(council):
    """RFC 8058: the mail program POSTs "List-Unsubscribe=One-Click" to the header's address, with no
    cookie and no token."""
    subscription = subscriber(council, "borger@example.org")
    mail_program = Client(enforce_csrf_checks=True)
    response = mail_program.post(
        f"/abonnement/afmeld/{subscription.token}/",
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not Subscription.objects.exists()


def test_a_waiting_subscription_can_be_turned_down_by_its_link(client, council):
    subscription = subscriber(council, "borger@example.org", confirmed=False)
    assert client.post(f"/abonnement/afmeld/{subscription.token}/").status_code == 200
    assert not Subscription.objects.exists()


# What publishing sends


def draft_with_closed_item(council):
    """The demo's draft of 23 April with a closed item whose texts must stay with the members."""
    meeting = Meeting.objects.get(council=council, date="2021-04-23")
    make_item(
        section=meeting.sections.get(position=3),
        title="Lukket sag om en ansat",
        is_closed=True,
        case_number="SAG-2021-09999",
        background=f"<p>{CLOSED_TEXT} baggrund</p>",
        recommendation=f"<p>{CLOSED_TEXT} indstilling</p>",
        presentation=f"<p>{CLOSED_TEXT} sagsfremstilling</p>",
    )
    return meeting


def whole(message):
    return "\n".join([message.subject, message.body, *map(str, message.extra_headers.values())])


def test_publishing_an_agenda_mails_each_confirmed_subscriber_after_commit(
    council, django_capture_on_commit_callbacks, eager_tasks
):
    both = subscriber(council, "begge@example.org")
    subscriber(council, "referater@example.org", agendas=False)
    subscriber(council, "venter@example.org", confirmed=False)
    subscriber(make_council(), "andet-raad@example.org")
    meeting = draft_with_closed_item(council)

    with django_capture_on_commit_callbacks(execute=True):
        publish_agenda(meeting, render=False)
        assert mail.outbox == []  # nothing leaves before the publishing is committed
    to_subscribers = [m for m in mail.outbox if m.to != ["moedeportal@localhost"]]
    assert len(mail.outbox) == 2  # the members' notice, as before, and one subscriber's
    [message] = to_subscribers
    assert message.to == ["begge@example.org"] and message.bcc == []
    assert message.subject == "Dagsorden: KKR Nordjylland 23-04-2021"
    unsubscribe = f"http://127.0.0.1:8000/abonnement/afmeld/{both.token}/"
    assert message.extra_headers == {
        "List-Unsubscribe": f"<{unsubscribe}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    assert links(message.body) == [unsubscribe]
    assert "http://127.0.0.1:8000/kkr-nordjylland/2021-04-23/" in message.body
    assert "Dagsordenen til KKR Nordjyllands møde 23-04-2021 er offentliggjort." in message.body
    assert "\n3. Regionalpolitiske sager\n    3.1. SOSU-dimmensionering\n" in message.body
    assert re.search(r"\n +3\.\d+\. Lukket sag om en ansat \(lukket punkt\)\n", message.body)
    assert CLOSED_TEXT not in whole(message) and "SAG-2021-09999" not in whole(message)
    assert set(OutgoingMail.objects.values_list("status", flat=True)) == {OutgoingMail.Status.SENT}


def test_a_corrected_agenda_tells_subscribers_what_changed(
    council, django_capture_on_commit_callbacks, eager_tasks
):
    subscriber(council, "begge@example.org")
    meeting = draft_with_closed_item(council)
    publish_agenda(meeting, render=False, notify=False)
    make_item(section=meeting.sections.get(position=3), title="Ekstra punkt om vandløb")
    with django_capture_on_commit_callbacks(execute=True):
        publish_agenda(meeting, render=False, change_note="Punkt om vandløb tilføjet")
    [message] = [m for m in mail.outbox if m.to == ["begge@example.org"]]
    assert message.subject == "Rettet dagsorden: KKR Nordjylland 23-04-2021"
    assert "er rettet (version 2)" in message.body and "Punkt om vandløb tilføjet" in message.body
    assert "Ekstra punkt om vandløb (tillægspunkt)" in message.body
    assert CLOSED_TEXT not in whole(message)


def test_nothing_reaches_an_unconfirmed_or_unsubscribed_address(
    client, council, django_capture_on_commit_callbacks, eager_tasks
):
    subscriber(council, "venter@example.org", confirmed=False)
    gone = subscriber(council, "afmeldt@example.org")
    client.post(f"/abonnement/afmeld/{gone.token}/")
    with django_capture_on_commit_callbacks(execute=True):
        publish_agenda(draft_with_closed_item(council), render=False)
    recipients = {address for message in mail.outbox for address in message.to + message.bcc}
    assert not recipients & {"venter@example.org", "afmeldt@example.org"}


def test_publishing_minutes_mails_their_subscribers_the_open_decisions(
    council, django_capture_on_commit_callbacks, eager_tasks
):
    minutes_only = subscriber(council, "referater@example.org", agendas=False)
    subscriber(council, "dagsordener@example.org", minutes=False)
    subscriber(council, "venter@example.org", confirmed=False)
    # 15 January's minutes, taken back to approved, with a decision on the closed item that only the
    # members may read.
    minutes = Minutes.objects.get(meeting__council=council, meeting__date="2021-01-15")
    closed = AgendaItem.objects.get(section__meeting=minutes.meeting, is_closed=True)
    Decision.objects.filter(minutes=minutes, item_id=closed.pk).update(text=CLOSED_DECISION)
    Minutes.objects.filter(pk=minutes.pk).update(status=Minutes.Status.APPROVED)
    minutes.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=True):
        publish_minutes(minutes, render=False)
        assert mail.outbox == []
    [message] = mail.outbox
    assert message.to == ["referater@example.org"]
    assert message.subject == "Referat: KKR Nordjylland 15-01-2021"
    assert "Referatet af KKR Nordjyllands møde 15-01-2021 er offentliggjort." in message.body
    assert "Beslutning: Godkendt." in message.body
    assert "Demo: Fortrolig personalesag (lukket punkt)" in message.body
    assert CLOSED_DECISION not in whole(message) and "KODEORD-LUKKET" not in whole(message)
    assert "http://127.0.0.1:8000/kkr-nordjylland/2021-01-15/referat/" in message.body
    assert message.extra_headers["List-Unsubscribe"] == (
        f"<http://127.0.0.1:8000/abonnement/afmeld/{minutes_only.token}/>"
    )


def test_publishing_to_many_subscribers_takes_no_more_queries_than_to_few(
    django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    def meeting_with_subscribers(count):
        council = make_council()
        meeting = make_meeting(council=council)
        for _ in range(3):
            make_item(section=make_section(meeting=meeting), is_closed=False)
        for n in range(count):
            subscriber(council, f"borger{n}@example.org")
        return meeting

    few, many = meeting_with_subscribers(5), meeting_with_subscribers(50)
    with django_capture_on_commit_callbacks(), CaptureQueriesContext(connection) as queries:
        publish_agenda(few, render=False)
    with django_capture_on_commit_callbacks(), django_assert_max_num_queries(len(queries)):
        publish_agenda(many, render=False)
    assert OutgoingMail.objects.count() == 55
    assert OutgoingMail.objects.filter(headers__has_key="List-Unsubscribe").count() == 55


def test_the_admin_lists_subscriptions_without_their_links(admin_client, council):
    subscription = subscriber(council, "borger@example.org")
    listing = admin_client.get("/admin/kkr/subscription/", {"q": "borger"})
    assert listing.status_code == 200 and "borger@example.org" in text(listing)
    change = admin_client.get(f"/admin/kkr/subscription/{subscription.pk}/change/")
    assert change.status_code == 200
    assert subscription.token not in text(change) and subscription.token not in text(listing)
    assert admin_client.get("/admin/kkr/subscription/add/").status_code == 403


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_sends_each_subscriber_their_mail_once_after_the_commit(start_worker, tmp_path):
    """PostgreSQL, Redis and a Celery worker process: the mails wait for the publishing's commit, then
    each subscriber's goes out once, with their List-Unsubscribe header on the wire."""
    call_command("load_demo", stdout=None)
    council = Council.objects.get(slug="kkr-nordjylland")
    subscriptions = [subscriber(council, f"borger{n}@example.org") for n in range(3)]
    subscriber(council, "venter@example.org", confirmed=False)
    start_worker("mail")
    publish_agenda(draft_with_closed_item(council), render=False)

    deadline = time.monotonic() + 60
    while OutgoingMail.objects.exclude(status=OutgoingMail.Status.SENT).exists():
        assert time.monotonic() < deadline, (tmp_path / "worker.log").read_text()
        time.sleep(0.2)
    log = (tmp_path / "worker.log").read_text()
    assert log.count("List-Unsubscribe-Post: List-Unsubscribe=One-Click") == 3
    for subscription in subscriptions:  # each mail once, its header whole (kkr.lib.mailmessage)
        header = f"List-Unsubscribe: <http://127.0.0.1:8000/abonnement/afmeld/{subscription.token}/>\n"
        assert log.count(header) == 1
    assert "venter@example.org" not in log and CLOSED_TEXT not in log
    assert set(OutgoingMail.objects.values_list("attempts", flat=True)) == {1}
