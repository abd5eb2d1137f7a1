import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def is_pdf(kind_slug):
    def check(response):
        return (
            f"/pdf/{kind_slug}/" in response.url and response.headers.get("content-type") == "application/pdf"
        )

    return check


def test_a_member_downloads_the_agenda_pack_from_the_meeting_page(desktop, demo_site, pdf_jobs):
    desktop.goto(f"{demo_site}/log-ind/?next=/kkr-nordjylland/2021-02-05/")
    desktop.get_by_label("Brugernavn").fill("medlem")
    desktop.get_by_label("Adgangskode").fill("demo-medlem")
    desktop.get_by_role("button", name="Log ind").click()

    button = desktop.get_by_role("link", name="Hent samlet dagsorden med bilag (PDF)")
    with desktop.expect_response(is_pdf("samlet"), timeout=90_000) as response:
        button.click()
        if pdf_jobs == "worker":
            # Shown while the worker renders; then the message becomes the link.
            expect(desktop.locator("#pdf-samlet")).to_contain_text("gøres klar som PDF")
            ready = desktop.locator("#pdf-samlet a.button")
            expect(ready).to_be_visible(timeout=90_000)
            expect(desktop.locator("#pdf-samlet")).to_contain_text(re.compile(r"\d+ sider"))
            ready.click()
    assert response.value.status == 200
    # Chromium shows the file in its PDF viewer; fetch it once more, with the member's cookies.
    pdf = desktop.request.get(response.value.url)
    assert pdf.body().startswith(b"%PDF-")
    assert pdf.headers["cache-control"] == "private, no-store"
