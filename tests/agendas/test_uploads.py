"""Attachments must be what they claim: a PDF, readable, without active content."""

import io

import pikepdf
import pytest
from django.core.exceptions import ValidationError

from agendas.services import add_attachment
from kkr.lib.simplepdf import text_pdf
from tests.factories import make_item

pytestmark = pytest.mark.django_db


def pdf_with(change) -> bytes:
    pdf = pikepdf.open(io.BytesIO(text_pdf("Bilag", ["Tekst"], pages=1)))
    change(pdf)
    out = io.BytesIO()
    pdf.save(out, **getattr(change, "save_options", {}))
    return out.getvalue()


def open_action_javascript(pdf):
    pdf.Root.OpenAction = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))


def launch_link(pdf):
    annotation = pikepdf.Dictionary(
        Type=pikepdf.Name.Annot,
        Subtype=pikepdf.Name.Link,
        Rect=[0, 0, 100, 100],
        A=pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("cmd.exe")),
    )
    pdf.pages[0].Annots = pdf.make_indirect(pikepdf.Array([annotation]))


def embedded_file(pdf):
    pdf.attachments["virus.exe"] = pikepdf.AttachedFileSpec(pdf, b"MZ...", filename="virus.exe")


def encrypted(pdf):
    pass


encrypted.save_options = {"encryption": pikepdf.Encryption(owner="ejer", user="hemmelig")}


@pytest.mark.parametrize(
    "data, message",
    [
        (b"GIF89a not a pdf at all", "ikke en PDF-fil"),
        (b"%PDF-1.7\n this only looks like one", "beskadiget"),
        (pdf_with(open_action_javascript), "JavaScript"),
        (pdf_with(launch_link), "starter programmer"),
        (pdf_with(embedded_file), "vedhæftede filer"),
        (pdf_with(encrypted), "adgangskode"),
    ],
    ids=["not-pdf", "broken", "javascript", "launch", "embedded-file", "encrypted"],
)
def test_refused_upload_says_why_in_danish_and_saves_nothing(data, message):
    item = make_item()
    with pytest.raises(ValidationError, match=message):
        add_attachment(item, "Bilag", data)
    assert item.attachments.count() == 0


def test_too_large_upload_is_refused(settings):
    settings.ATTACHMENT_MAX_BYTES = 1000
    item = make_item()
    with pytest.raises(ValidationError, match="højst fylde"):
        add_attachment(item, "Stort bilag", text_pdf("Stort", ["x" * 2000], pages=3))
    assert item.attachments.count() == 0


def test_same_file_twice_is_stored_once():
    item = make_item()
    data = text_pdf("Notat", ["Tekst"], pages=2)
    first = add_attachment(item, "Notat", data)
    second = add_attachment(item, "Notat igen", data)
    assert first.file.name == second.file.name
    assert [a.position for a in item.attachments.all()] == [1, 2]
