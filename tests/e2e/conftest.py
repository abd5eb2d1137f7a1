import os
from pathlib import Path

import pytest

# Django's live server and Playwright's sync API share a thread that runs an event loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("CI must run the browser tests: /usr/bin/chromium is missing")
        pytest.skip("browser tests need Chromium at /usr/bin/chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="da-DK", is_mobile=True)
    yield context.new_page()
    context.close()


@pytest.fixture
def desktop(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="da-DK")
    yield context.new_page()
    context.close()


@pytest.fixture
def demo_site(live_server, transactional_db):
    from django.core.management import call_command

    call_command("load_demo", stdout=None)
    return live_server.url


@pytest.fixture
def pdf_jobs(request):
    """Whatever renders PDFs in this configuration: a real worker when a broker is set, else the
    web process itself (eager tasks)."""
    if os.environ.get("CELERY_BROKER_URL"):
        request.getfixturevalue("start_worker")()
        return "worker"
    return "eager"
