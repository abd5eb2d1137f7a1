"""An anonymous visitor who follows every link from the home page never meets a closed item's text or
a closed attachment: not in pages, PDFs, feeds or files, nor in the mails a subscriber is sent. Nobody,
logged in or not, meets template syntax on a page, or markup the Content-Security-Policy refuses; and
no page a logged-in reader sees may be stored by a cache."""

import re
import shutil
import subprocess
from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from agendas.models import AgendaItem, Attachment, Meeting
from agendas.services import publish_agenda
from kkr.celery import app
from kkr.models import Council, Subscription
from minutes.models import Decision, Minutes
from minutes.services import notify_subscribers
from proposals import services as proposals
from proposals.models import Proposal
from tests.csp import assert_obeys_csp
from tests.template_syntax import assert_no_template_syntax

LINK = re.compile(r'(?:href|hx-get|src)="([^"#]+)')
JSON_URL = re.compile(r'"(?:https?://testserver)?(/[^"]*)"')
SKIP = ("/admin/", "/log-ud/", "/static/")


@pytest.fixture
def eager(monkeypatch, transactional_db):
    """PDFs render during the request, so the crawler reads them too."""
    monkeypatch.setitem(app.conf, "task_always_eager", True)


def text_of(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if body.startswith(b"%PDF-"):
        # Compressed bytes would hide a leak from the grep: the crawl must read the text.
        assert shutil.which("pdftotext"), "the crawl reads PDFs with pdftotext: install poppler-utils"
        result = subprocess.run(["pdftotext", "-", "-"], input=body, capture_output=True, check=True)
        return result.stdout.decode()
    return body.decode("utf-8", errors="replace")


def crawl(client, start=("/",), limit=400, cache_control=None):
    """The pages reached from `start`: {url: (status, text)}; each page's Cache-Control header goes
    into `cache_control` when given."""
    seen, queue, pages = set(start), deque(start), {}
    while queue and len(pages) < limit:
        url = queue.popleft()
        response = client.get(url)
        if cache_control is not None:
            cache_control[url] = response.get("Cache-Control", "")
        if response.status_code in (301, 302):
            location = response["Location"]
            if location.startswith("/") and location not in seen:
                seen.add(location)
                queue.append(location)
            continue
        text = text_of(response)
        pages[url] = (response.status_code, text)
        assert_no_template_syntax(url, response, text)
        assert_obeys_csp(url, response, text)
        content_type = response.get("Content-Type", "")
        if "json" in content_type:
            links = JSON_URL.findall(text)
        elif "html" in content_type:
            links = LINK.findall(text)
        else:
            continue
        for link in links:
            target = urljoin(url, link.replace("&amp;", "&"))
            parts = urlsplit(target)
            if parts.netloc or target in seen or target.startswith(SKIP):
                continue
            seen.add(target)
            queue.append(target)
    return pages


def test_an_anonymous_crawl_finds_no_closed_content(client, eager):
    call_command("load_demo", stdout=None)
    closed = Attachment.objects.get(is_closed=True)
    # The published minutes of 15 January decide the closed item in words only members may read.
    Decision.objects.filter(item_id=closed.item_id).update(text="BESLUTNING-LUKKET om personalesagen.")
    # A corrected agenda whose only change is in an item closed by that correction: its changes page
    # must not tell. (15 January's agenda is locked by its minutes; 5 February's minutes are a draft.)
    feb5 = Meeting.objects.get(date="2021-02-05")
    corrected = AgendaItem.objects.get(section__meeting=feb5, section__position=3, position=4)
    corrected.is_closed = True
    corrected.presentation += "<p>RETTELSE-LUKKET i det nu lukkede punkt.</p>"
    corrected.save()
    # A subscriber is mailed the correction and 15 January's minutes, as the public reads them.
    now = timezone.now()
    subscription = Subscription.objects.create(
        council=feb5.council, email="borger@example.org", confirmation_sent_at=now, confirmed_at=now
    )
    publish_agenda(feb5, change_note="Punkt 3.4 lukket og rettet", render=False)
    notify_subscribers(Minutes.objects.get(meeting__date="2021-01-15"))
    secrets = [
        "KODEORD-LUKKET",
        closed.title,
        "Sagsfremstillingen er opfundet til portalens demodata",
        "BESLUTNING-LUKKET",
        "RETTELSE-LUKKET",
    ]

    # From the home page, and from searches for the closed item's own words (a page that repeats the
    # query is no leak, so no query is a whole secret).
    searches = [
        f"/soeg/?q={word}" for word in ("KODEORD", "LUKKET", "personalesag", "Fortroligt notat", "demodata")
    ]
    links = [f"/abonnement/bekraeft/{subscription.token}/", f"/abonnement/afmeld/{subscription.token}/"]
    pages = crawl(client, start=("/", *searches, *links))

    assert "/kkr-nordjylland/2021-01-15/" in pages
    assert "/kkr-nordjylland/2021-01-15/referat/" in pages
    assert "/kkr-nordjylland/2021-02-05/aendringer/2/" in pages
    assert any("/pdf/referat/" in url and "REFERAT" in text for url, (_status, text) in pages.items())
    assert "/kkr-nordjylland/udpegninger/" in pages
    pdfs = [url for url, (_status, text) in pages.items() if "/pdf/" in url and "Dagsorden" in text]
    assert len(pdfs) >= 4, sorted(pages)  # both documents of at least two meetings were read
    assert any("/bilag/" in url for url in pages)
    assert "/kkr-nordjylland/moeder.ics" in pages and "/kkr-nordjylland/dagsordener.atom" in pages
    assert "/api/v1/moeder/kkr-nordjylland/2021-01-15/" in pages
    assert "/kkr-nordjylland/abonnement/" in pages and all(pages[link][0] == 200 for link in links)
    mails = [m for m in mail.outbox if m.to == ["borger@example.org"]]
    assert [m.subject for m in mails] == [
        "Rettet dagsorden: KKR Nordjylland 05-02-2021",
        "Referat: KKR Nordjylland 15-01-2021",
    ]
    assert f"3.4. {corrected.title} (lukket punkt)" in mails[0].body
    for message in mails:
        pages[f"mail: {message.subject}"] = (
            200,
            "\n".join([message.subject, message.body, str(message.extra_headers)]),
        )
    found = pages["/soeg/?q=personalesag"][1]
    assert "Fortrolig" in found and "Lukket punkt" in found  # found, by its title only
    for url, (status, text) in pages.items():
        assert status < 500, url
        for secret in secrets:
            assert secret not in text, (url, secret)
    assert "Lukket punkt" in pages["/kkr-nordjylland/2021-01-15/"][1]


COMMENT_SECRETS = ["INTERN-KOMMENTAR-CRAWL", "RETUR-KOMMENTAR-CRAWL", "GODKENDT-KOMMENTAR-CRAWL"]
CLOSED_PROPOSAL_TEXT = "LUKKET-FORSLAG-CRAWL"


def proposals_with_secrets():
    """The demo's proposals with internal comments, the approved one closed (its background a secret),
    placed on 23 April's agenda and published; the submitted one returned with a comment. Returns the
    placed proposal."""
    handler = User.objects.get(username="sagsbehandler")
    reviewer = User.objects.get(username="godkender")
    council = Council.objects.get(slug="kkr-nordjylland")
    secretary = council.secretariat.get()
    approved = Proposal.objects.get(state=Proposal.State.APPROVED)
    approved = proposals.update_proposal(
        approved,
        by=secretary,
        revision=approved.revision,
        is_closed=True,
        background=f"<p>{CLOSED_PROPOSAL_TEXT} i baggrunden.</p>",
    )
    proposals.add_comment(approved, f"{COMMENT_SECRETS[0]} fra sagsbehandleren", by=handler)
    submitted = Proposal.objects.get(state=Proposal.State.SUBMITTED)
    proposals.add_comment(submitted, f"{COMMENT_SECRETS[0]} om det indsendte", by=reviewer)
    proposals.return_proposal(submitted, f"{COMMENT_SECRETS[1]} til sagsbehandleren", by=reviewer)
    apr23 = Meeting.objects.get(council=council, date="2021-04-23")
    placed = proposals.place(
        approved, by=secretary, meeting=apr23, section=apr23.sections.order_by("position")[1]
    )
    publish_agenda(apr23, by=secretary, notify=False, render=False)
    return placed


@pytest.mark.parametrize("username", [None, "medlem"])
def test_no_crawl_meets_a_proposals_comments_nor_the_public_its_closed_texts(client, eager, username):
    """Internal comments stay with the handler, reviewers and secretariat: not on any page, PDF, feed or
    API answer the public or a member reaches; a closed proposal's texts reach the members only, once
    it is an item on a published agenda."""
    call_command("load_demo", stdout=None)
    placed = proposals_with_secrets()
    if username:
        assert client.login(username=username, password=f"demo-{username}")
    start = ("/", "/kkr-nordjylland/2021-04-23/", "/soeg/?q=CRAWL", "/soeg/?q=baggrunden")
    pages = crawl(client, start=start)

    assert "/kkr-nordjylland/2021-04-23/" in pages
    assert any("/pdf/" in url and "2021-04-23" in url for url in pages)
    meeting_page = pages["/kkr-nordjylland/2021-04-23/"][1]
    assert placed.title in meeting_page
    assert (CLOSED_PROPOSAL_TEXT in meeting_page) is (username == "medlem")  # members read closed items
    for url, (status, text) in pages.items():
        assert status < 500, url
        assert not url.startswith("/punktforslag/"), url  # no link leads readers to the proposals
        for secret in COMMENT_SECRETS:
            assert secret not in text, (url, secret)
        if username is None:
            assert CLOSED_PROPOSAL_TEXT not in text, url
    assert client.get(placed.get_absolute_url()).status_code in (302, 404)


@pytest.mark.parametrize(
    ("username", "password"),
    [
        ("medlem", "demo-medlem"),
        ("sekretariat", "demo-sekretariat"),
        ("sagsbehandler", "demo-sagsbehandler"),
        ("godkender", "demo-godkender"),
    ],
)
def test_a_logged_in_crawl_meets_no_template_syntax_and_no_storable_page(client, db, username, password):
    """A member's and the secretariat's pages (their own agenda, notes, editing) are checked too;
    PDFs are not rendered here (no commit), so their status pages are read instead. Every answer,
    redirects included, tells caches not to keep it (kkr.middleware.PrivateForLoggedInMiddleware)."""
    call_command("load_demo", stdout=None)
    assert client.login(username=username, password=password)
    cache_control = {}
    start = ("/", "/mine-noter/", "/punktforslag/", "/soeg/?q=masterplan")
    pages = crawl(client, start=start, limit=600, cache_control=cache_control)

    assert "/kkr-nordjylland/2021-02-05/" in pages
    if username in ("medlem", "sekretariat"):
        assert "/kkr-nordjylland/2021-02-05/noter/" in pages
    if username in ("sekretariat", "sagsbehandler", "godkender"):
        waiting = Proposal.objects.get(state=Proposal.State.SUBMITTED)
        assert "/punktforslag/" in pages and waiting.get_absolute_url() in pages
    if username == "sekretariat":
        assert "/kkr-nordjylland/2021-02-05/rediger/" in pages
        assert "/kkr-nordjylland/2021-02-05/rediger/historik/" in pages
        assert "/kkr-nordjylland/importer-dagsorden/" in pages
    for url, (status, _text) in pages.items():
        assert status < 500, url
    assert len(cache_control) > 50
    for url, value in cache_control.items():
        directives = {part.strip() for part in value.split(",")}
        assert {"private", "no-store"} <= directives, (url, value)
