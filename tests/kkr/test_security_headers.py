"""The headers every page gets: a Content-Security-Policy whose nonce the page's own inline style
carries, a Permissions-Policy, and caching only of what the public sees. (The crawls in
tests/test_crawl.py check every page's markup against the policy, and that no page a logged-in reader
sees may be stored.)"""

import re

import pytest
from django.core.management import call_command

from agendas.models import Meeting
from tests.factories import republish_with_changes

pytestmark = pytest.mark.django_db

MEETING = "/kkr-nordjylland/2021-02-05/"
PUBLIC_PAGES = [
    "/",
    "/kkr-nordjylland/",
    "/kkr-nordjylland/2021/",
    MEETING,
    "/kkr-nordjylland/2021-01-15/referat/",
    "/kkr-nordjylland/udpegninger/",
    "/tilgaengelighed/",
    "/kkr-nordjylland/dagsordener.atom",
    "/api/v1/moeder/kkr-nordjylland/2021-02-05/",
]


@pytest.fixture
def demo():
    call_command("load_demo", stdout=None)


def directives(response):
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def test_public_pages_stay_cacheable_for_anonymous_readers(client, demo):
    for url in PUBLIC_PAGES:
        response = client.get(url)
        assert response.status_code == 200, url
        assert not directives(response) & {"private", "no-store", "no-cache"}, url
    # A cache keeps the public's page apart from a logged-in reader's.
    assert "Cookie" in client.get(MEETING)["Vary"]


@pytest.mark.parametrize(
    ("username", "password"), [("medlem", "demo-medlem"), ("sekretariat", "demo-sekretariat")]
)
def test_the_same_pages_are_private_and_not_stored_for_the_logged_in(client, demo, username, password):
    assert client.login(username=username, password=password)
    for url in PUBLIC_PAGES:
        assert {"private", "no-store"} <= directives(client.get(url)), url


def test_every_page_gets_the_permissions_policy_and_the_csp(client, demo):
    for url in ("/", MEETING, "/log-ind/", "/admin/login/", "/side-der-ikke-findes/"):
        response = client.get(url)
        policy = response["Permissions-Policy"]
        assert "camera=()" in policy and "geolocation=()" in policy and "microphone=()" in policy, url
        csp = response["Content-Security-Policy"]
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp, url
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, url


def test_the_members_change_marks_carry_the_requests_nonce(client, demo):
    assert client.login(username="medlem", password="demo-medlem")
    client.get(MEETING)
    republish_with_changes(Meeting.objects.get(date="2021-02-05"))
    response = client.get(MEETING)
    style = re.search(r'<style nonce="([^"]+)">#punkt-3-2', response.content.decode())
    assert style, "the changed items are flagged by an inline style"
    assert f"'nonce-{style.group(1)}'" in response["Content-Security-Policy"]
