"""One form style across the portal, measured in a real browser: labels sit above their fields, fields
are spaced apart, selects look like the other inputs, and the page's edges leave room around the forms."""

import pytest
from playwright.sync_api import expect

from tests.e2e.test_register import log_in_as_secretariat

pytestmark = pytest.mark.e2e

OVERVIEW = "/kkr-nordjylland/udpegninger/"
ATTENDANCE = "/kkr-nordjylland/2021-02-05/referat/rediger/deltagere/"  # draft minutes: the forms are shown

# What is wrong with the form's layout, as sentences; [] when nothing is.
FORM_PROBLEMS = """(form) => {
  const problems = [];
  const box = (el) => el.getBoundingClientRect();
  const textual = "input:not([type=radio]):not([type=checkbox]):not([type=hidden]), select, textarea";
  const fields = [...form.querySelectorAll(textual)].filter((f) => f.offsetParent && f.labels.length);
  if (!fields.length) problems.push("no labelled fields");
  fields.forEach((field, i) => {
    const label = [...field.labels].find((l) => l.offsetParent);
    const name = label.textContent.trim();
    if (box(label).bottom > box(field).top + 1) problems.push(`"${name}" is beside its field, not above`);
    if (box(field).width < 200) problems.push(`"${name}": field only ${box(field).width}px wide`);
    const previous = fields[i - 1];
    if (previous && box(label).top >= box(previous).top && box(label).top - box(previous).bottom < 8)
      problems.push(`"${name}" is only ${box(label).top - box(previous).bottom}px below the field before`);
  });
  const look = (el) => {
    const s = getComputedStyle(el);
    const height = Math.round(box(el).height);
    return [height, s.borderTopWidth, s.borderTopColor, s.borderRadius, s.fontSize].join(" ");
  };
  const select = fields.find((f) => f.tagName === "SELECT");
  const input = fields.find((f) => f.tagName === "INPUT");
  if (select && input && look(select) !== look(input))
    problems.push(`a select (${look(select)}) looks unlike an input (${look(input)})`);
  return problems;
}"""


def form_problems(page, selector):
    form = page.locator(selector)
    expect(form).to_be_visible()
    return form.evaluate(FORM_PROBLEMS)


def test_the_login_card_keeps_clear_of_the_header_and_stacks_its_fields(desktop, demo_site):
    desktop.goto(demo_site + "/log-ind/")
    header = desktop.locator(".site-header").bounding_box()
    card = desktop.locator(".form-card").bounding_box()
    assert card["y"] >= header["y"] + header["height"] + 16
    assert form_problems(desktop, ".form-card form") == []


@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx"])
def test_the_registers_forms_stack_labels_over_styled_fields(desktop, demo_site, htmx):
    log_in_as_secretariat(desktop, demo_site, OVERVIEW)
    if htmx:
        desktop.get_by_role("link", name="Ny plads i rådet").click()
        selector = "#register-form form"
    else:
        desktop.goto(demo_site + OVERVIEW + "raadet/ny-plads/")
        selector = "main form"
    expect(desktop.get_by_role("heading", name="Ny plads i KKR Nordjylland")).to_be_visible()
    assert form_problems(desktop, selector) == []


def test_the_attendance_forms_stack_labels_over_styled_fields(desktop, demo_site):
    log_in_as_secretariat(desktop, demo_site, ATTENDANCE)
    assert form_problems(desktop, "form:has(textarea[name=guests])") == []
    assert form_problems(desktop, "form:has(select[name=reason])") == []


def test_new_meeting_spaces_its_fields_and_the_council_pages_actions_line_up(desktop, demo_site):
    log_in_as_secretariat(desktop, demo_site, "/kkr-nordjylland/")
    new, planned = (
        desktop.get_by_role("link", name=name, exact=True).bounding_box()
        for name in ("Nyt møde", "Planlagte punkter")
    )
    assert abs(new["y"] - planned["y"]) <= 1
    assert abs(new["height"] - planned["height"]) <= 1
    desktop.get_by_role("link", name="Nyt møde", exact=True).click()
    assert form_problems(desktop, "main form") == []
