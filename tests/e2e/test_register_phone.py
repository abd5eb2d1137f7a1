"""The register on a 390 px phone: the tables fold into cards, so every cell must say which column it
belongs to, a vacancy must say what is vacant, and nothing may run out of its card."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

OVERVIEW = "/kkr-nordjylland/udpegninger/"
PAGES = [
    OVERVIEW,
    OVERVIEW + "?dato=2020-12-31",
    OVERVIEW + "organ/rar-nordjylland/",
    OVERVIEW + "organ/sundhedskoordinationsudvalget/",
]

# The column header each table cell shows on a phone (its ::before), for every cell with content whose
# column has a visible header.
UNLABELLED_CELLS = """() => {
  const missing = [];
  for (const table of document.querySelectorAll("main table")) {
    const heads = [...table.querySelectorAll("thead th")].map(
      (th) => (th.querySelector(".visually-hidden") ? "" : th.textContent.trim()));
    for (const row of table.querySelectorAll("tbody tr")) {
      [...row.children].forEach((cell, i) => {
        if (!heads[i] || cell.colSpan > 1 || !cell.textContent.trim()) return;
        const before = getComputedStyle(cell, "::before");
        if (before.display === "none" || !before.content.includes(heads[i]))
          missing.push(`${heads[i]}: "${cell.textContent.trim().slice(0, 40)}" shows ${before.content}`);
      });
    }
  }
  return missing;
}"""

# Elements that stick out of the card (or, outside cards, the page column) they sit in.
OVERFLOWING = """() => {
  const out = [];
  for (const el of document.querySelectorAll("main *")) {
    if (el.closest(".visually-hidden")) continue;  // one pixel, clipped on purpose
    const box = el.closest(".register-block") || document.querySelector("main");
    const inner = box.getBoundingClientRect();
    const r = el.getBoundingClientRect();
    if (r.width && (r.right > inner.right + 0.5 || r.left < inner.left - 0.5))
      out.push(`${el.tagName}.${el.className} "${el.textContent.trim().slice(0, 30)}" ${r.left}-${r.right}`);
    if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== "visible")
      out.push(`${el.tagName}.${el.className} scrolls sideways`);
  }
  return out;
}"""


@pytest.mark.parametrize("path", PAGES)
def test_every_register_cell_says_its_column_on_a_phone(phone, demo_site, path):
    phone.goto(demo_site + path)
    assert phone.evaluate(UNLABELLED_CELLS) == []
    assert phone.evaluate(OVERFLOWING) == []
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390


def test_a_vacancy_on_a_phone_says_what_is_vacant(phone, demo_site):
    phone.goto(demo_site + OVERVIEW)
    council = phone.locator("section", has=phone.get_by_role("heading", name="KKR Nordjylland", exact=True))
    # Arne Boelt has no personal substitute: that is what the cell says, not that his seat is vacant.
    arne = council.get_by_role("row").filter(has_text="Arne Boelt")
    expect(arne).to_contain_text("Ingen personlig stedfortræder")
    expect(council.get_by_text("Ledig", exact=True)).to_have_count(0)
    rar = phone.locator("section", has=phone.get_by_role("heading", name="RAR Nordjylland"))
    substitute = rar.get_by_role("row").filter(has_text="Stedfortræder")
    expect(substitute).to_contain_text("Ledig plads")
    expect(substitute).to_contain_text("0 af 1")
    expect(phone.get_by_text("Ledig", exact=True)).to_have_count(0)

    phone.goto(demo_site + OVERVIEW + "organ/sundhedskoordinationsudvalget/")
    expect(phone.get_by_role("row").filter(has_text="Medlem").first).to_contain_text("Ledig plads")
