import re

import pytest

pytestmark = pytest.mark.e2e


def test_a_member_finds_the_changes_again_after_the_news_was_shown(desktop, demo_site):
    from playwright.sync_api import expect

    from agendas.models import AgendaItem, Meeting
    from agendas.services import publish_agenda

    desktop.goto(f"{demo_site}/log-ind/?next=/kkr-nordjylland/2021-02-05/")
    desktop.get_by_label("Brugernavn").fill("medlem")
    desktop.get_by_label("Adgangskode").fill("demo-medlem")
    desktop.get_by_role("button", name="Log ind").click()
    expect(desktop.get_by_role("heading", level=1)).to_have_text("KKR Nordjylland")

    item = AgendaItem.objects.get(section__meeting__date="2021-02-05", section__position=3, position=2)
    item.background = item.background.replace("18 nord- og midtjyske", "19 nord- og midtjyske")
    item.save()
    meeting = Meeting.objects.get(date="2021-02-05")
    publish_agenda(meeting, change_note="Antal kommuner rettet", notify=False, render=False)

    desktop.reload()
    expect(desktop.get_by_text("Nyt siden du sidst læste dagsordenen (version 1)")).to_be_visible()
    desktop.reload()
    expect(desktop.get_by_text("Nyt siden du sidst læste")).to_have_count(0)  # shown once

    desktop.get_by_role("link", name="Se ændringerne i version 2").click()
    expect(desktop.get_by_role("heading", level=1)).to_have_text("Ændringer i version 2")
    expect(desktop.locator("ins", has_text="19")).to_be_visible()
    desktop.get_by_role("link", name=re.compile(r"^3\.2\. Limfjordsrådet")).click()
    assert desktop.url.endswith("/kkr-nordjylland/2021-02-05/#punkt-3-2")
    expect(desktop.locator("#punkt-3-2-heading")).to_be_in_viewport()
