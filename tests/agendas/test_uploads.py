"""Attachments must be what they claim: a PDF, readable page by page, without active content, and not
a decompression bomb."""

import base64
import io
import struct
import time
import zlib
from pathlib import Path

import pikepdf
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from agendas.models import Meeting
from agendas.services import add_attachment
from documents.services import render_pdf
from kkr.lib.pdfcheck import decoded_size, inspect_pdf
from kkr.lib.simplepdf import text_pdf
from tests.factories import MB, flate_zeros, make_item, pdf_with_stream

pytestmark = pytest.mark.django_db


def pdf_with(change, pages=3) -> bytes:
    pdf = pikepdf.open(io.BytesIO(text_pdf("Bilag", ["Tekst"], pages=pages)))
    change(pdf)
    out = io.BytesIO()
    pdf.save(out, **getattr(change, "save_options", {}))
    return out.getvalue()


def open_action_javascript(pdf):
    pdf.Root.OpenAction = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))


def link(pdf, action, subtype=pikepdf.Name.Link, **fields):
    annotation = pikepdf.Dictionary(
        Type=pikepdf.Name.Annot, Subtype=subtype, Rect=[0, 0, 100, 100], A=action, **fields
    )
    pdf.pages[0].Annots = pdf.make_indirect(pikepdf.Array([annotation]))


def launch_link(pdf):
    link(pdf, pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("cmd.exe")))


def embedded_file(pdf):
    pdf.attachments["virus.exe"] = pikepdf.AttachedFileSpec(pdf, b"MZ...", filename="virus.exe")


def encrypted(pdf):
    pass


encrypted.save_options = {"encryption": pikepdf.Encryption(owner="ejer", user="hemmelig")}


def owner_encrypted(pdf):
    pass


owner_encrypted.save_options = {"encryption": pikepdf.Encryption(owner="ejer", user="")}


def on_open_after_ten_steps(last):
    """An /OpenAction of eleven GoTo actions, each nested in the one before as its /Next, then `last`:
    deeper than a walk that stops at some depth looks."""

    def change(pdf):
        action = last
        for _ in range(11):
            action = pikepdf.Dictionary(
                S=pikepdf.Name.GoTo, D=[pdf.pages[0].obj, pikepdf.Name.Fit], Next=action
            )
        pdf.Root.OpenAction = action

    change.__name__ = f"next-chain-to-{last.S}"
    return change


def unc_link(pdf):
    link(pdf, pikepdf.Dictionary(S=pikepdf.Name.GoToR, F=pikepdf.String(r"\\fil.example\del\x.pdf"), D=[0]))


def uri_on_open(pdf):
    pdf.Root.OpenAction = pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String("https://spor.example/"))


def uri_on_page_open(pdf):
    action = pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String("https://spor.example/"))
    pdf.pages[1].AA = pikepdf.Dictionary(O=pikepdf.Dictionary(S=pikepdf.Name.GoTo, D=[0], Next=[action]))


def xfa_script(pdf):
    template = pdf.make_stream(
        b'<template xmlns="http://www.xfa.org/schema/xfa-template/3.3/"><subform><event activity="ready">'
        b'<script contentType="application/x-javascript">app.launchURL("https://spor.example/")</script>'
        b"</event></subform></template>"
    )
    pdf.Root.AcroForm = pikepdf.Dictionary(Fields=[], XFA=[pikepdf.String("template"), template])


def file_in_a_screen_annotation(pdf):
    """A media clip embedded through a rendition: no name tree, no /Type on the file's stream."""
    clip = pikepdf.Dictionary(
        Type=pikepdf.Name.Filespec,
        F=pikepdf.String("klip.exe"),
        EF=pikepdf.Dictionary(F=pdf.make_stream(b"MZ")),
    )
    media = pikepdf.Dictionary(S=pikepdf.Name.MR, C=pikepdf.Dictionary(S=pikepdf.Name.MCD, D=clip))
    link(pdf, pikepdf.Dictionary(S=pikepdf.Name.Rendition, OP=0, R=media), subtype=pikepdf.Name.Screen)


def corrupt_page_3(pdf):
    pdf.pages[2].Contents.write(b"x\x9c" + b"ikke flate" * 20, filter=pikepdf.Name.FlateDecode)


def null_in_page_2(pdf):
    pdf.pages[1].Contents = pikepdf.Array([None, pdf.pages[1].Contents])


JAVASCRIPT = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))
LAUNCH = pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("cmd.exe"))


@pytest.mark.parametrize(
    "data, message",
    [
        (b"GIF89a not a pdf at all", "ikke en PDF-fil"),
        (b"%PDF-1.7\n this only looks like one", "beskadiget"),
        (pdf_with(open_action_javascript), "JavaScript"),
        (pdf_with(launch_link), "starter programmer"),
        (pdf_with(embedded_file), "vedhæftede filer"),
        (pdf_with(encrypted), "adgangskode"),
        (pdf_with(owner_encrypted), "krypteret"),
        (pdf_with(on_open_after_ten_steps(JAVASCRIPT)), "JavaScript"),
        (pdf_with(on_open_after_ten_steps(LAUNCH)), "starter programmer"),
        (pdf_with(unc_link), "åbner andre filer"),
        (pdf_with(uri_on_open), "åbner en internetadresse"),
        (pdf_with(uri_on_page_open), "åbner en internetadresse"),
        (pdf_with(xfa_script), "formular med scripts"),
        (pdf_with(file_in_a_screen_annotation), "vedhæftede filer"),
        (pdf_with(corrupt_page_3), "Side 3 i PDF-filen kan ikke læses"),
        (pdf_with(null_in_page_2), "Side 2 i PDF-filen kan ikke læses"),
    ],
    ids=[
        "not-pdf",
        "broken",
        "javascript",
        "launch",
        "embedded-file",
        "encrypted",
        "owner-encrypted",
        "javascript-after-ten-next",
        "launch-after-ten-next",
        "gotor-unc",
        "uri-on-open",
        "uri-on-page-open",
        "xfa-script",
        "embedded-in-rendition",
        "corrupt-flate-page",
        "null-contents",
    ],
)
def test_refused_upload_says_why_in_danish_and_saves_nothing(data, message, settings):
    item = make_item()
    with pytest.raises(ValidationError, match=message):
        add_attachment(item, "Bilag", data)
    assert item.attachments.count() == 0
    assert not Path(settings.MEDIA_ROOT, "attachments").exists()


def test_links_and_plain_actions_are_allowed():
    """What real documents hold: a web link, a link to a page, a page that opens at a destination."""

    def links(pdf):
        link(pdf, pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String("https://www.kl.dk/")))
        pdf.Root.OpenAction = [pdf.pages[0].obj, pikepdf.Name.Fit]
        pdf.pages[1].AA = pikepdf.Dictionary(O=pikepdf.Dictionary(S=pikepdf.Name.GoTo, D=[0]))

    assert add_attachment(make_item(), "Bilag", pdf_with(links)).page_count == 3


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


# Decompression bombs: what a file decodes to is measured before any PDF library decodes it.


def test_a_decompression_bomb_is_refused_without_being_decoded(settings):
    settings.ATTACHMENT_MAX_DECODED_BYTES = 16 * MB
    bomb = pdf_with_stream(flate_zeros(2048 * MB), ["FlateDecode"], content=True)
    assert len(bomb) < 3 * MB
    item = make_item()
    started = time.perf_counter()
    with pytest.raises(ValidationError, match="fylder mere end 16 MB, når det pakkes ud"):
        add_attachment(item, "Bilag", bomb)
    assert time.perf_counter() - started < 10  # decoding 2 GB takes half a minute
    assert decoded_size(bomb, 16 * MB) <= 17 * MB  # counting stops at the limit
    assert item.attachments.count() == 0


def object_stream_pdf(padding: int, keyword=b">>\nstream\n") -> bytes:
    """A PDF whose catalog and page tree sit in an object stream that decodes to `padding` more bytes:
    opening the file decodes it. `keyword`: how its dictionary ends and its data starts."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> >>",
    ]
    offsets, body = [], b""
    for obj in objects:
        offsets.append(len(body))
        body += obj + b"\n"
    index = b" ".join(b"%d %d" % (n, offset) for n, offset in enumerate(offsets, start=1)) + b"\n"
    packed = zlib.compress(index + body + bytes(padding), 1)
    out = b"%PDF-1.7\n"
    stream_at = len(out)
    out += b"4 0 obj\n<< /Type /ObjStm /N 3 /First %d /Filter /FlateDecode /Length %d " % (
        len(index),
        len(packed),
    )
    out += keyword
    out += packed + b"\nendstream\nendobj\n"
    rows = [b"\0\0\0\0\0\xff\xff"] + [b"\2\0\0\0\4\0" + bytes([n]) for n in range(3)]
    rows.append(b"\1" + struct.pack(">I", stream_at) + b"\0\0")
    rows.append(b"\1" + struct.pack(">I", len(out)) + b"\0\0")
    xref, xref_at = b"".join(rows), len(out)
    out += b"5 0 obj\n<< /Type /XRef /Size 6 /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n" % len(xref)
    return out + xref + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % xref_at


@pytest.mark.parametrize(
    "keyword",
    [b">>\nstream\n", b">> % en kommentar\nstream\r\n", b">>  stream\r", b">>\nstream \n"],
    ids=["plain", "comment", "cr-only", "extra-space"],
)
def test_a_bomb_that_opening_the_file_would_decode_is_refused_before_it_is_opened(keyword):
    with pikepdf.open(io.BytesIO(object_stream_pdf(0, keyword))) as pdf:
        assert pdf.Root.Pages.Count == 1  # a PDF that pikepdf opens
    bomb = object_stream_pdf(8 * MB, keyword)
    assert decoded_size(bomb, 4 * MB) > 4 * MB  # measured from the raw bytes, before pikepdf opens it
    with pytest.raises(ValidationError, match="fylder mere end 4 MB"):
        inspect_pdf(bomb, 25 * MB, 4 * MB)


def test_a_bomb_behind_a_dictionary_that_fools_patterns_is_refused():
    """Hex-encoded Flate, and a string in the stream's dictionary that looks like an object's start:
    the pattern-read pass cannot see the filters; the pass over what pikepdf parsed can."""
    pdf = pikepdf.open(io.BytesIO(pdf_with_stream(flate_zeros(64 * MB).hex().encode(), [], content=True)))
    contents = pdf.pages[0].Contents
    contents.Filter = pikepdf.Array([pikepdf.Name.ASCIIHexDecode, pikepdf.Name.FlateDecode])
    contents.Note = pikepdf.String("1 0 obj")
    out = io.BytesIO()
    pdf.save(out, stream_decode_level=pikepdf.StreamDecodeLevel.none, compress_streams=False)
    assert b"/Filter [ /ASCIIHexDecode /FlateDecode ] /Note (1 0 obj) /Length" in out.getvalue()
    assert decoded_size(out.getvalue(), 16 * MB) < 16 * MB
    with pytest.raises(ValidationError, match="fylder mere end 16 MB"):
        inspect_pdf(out.getvalue(), 25 * MB, 16 * MB)


def lzw(data: bytes) -> bytes:
    """LZW as PDF has it (TIFF's, early change), by Pillow's TIFF writer."""
    out = io.BytesIO()
    Image.frombytes("L", (len(data), 1), data).save(out, "TIFF", compression="tiff_lzw")
    tiff = Image.open(out)
    (offset,), (length,) = tiff.tag_v2[273], tiff.tag_v2[279]
    return out.getvalue()[offset : offset + length]


TEXT = b"BT /F1 11 Tf 72 700 Td (Det indstilles, at KKR tager orienteringen til efterretning.) Tj ET\n"


@pytest.mark.parametrize(
    "encoded, filters",
    [
        (zlib.compress(TEXT * 200), ["FlateDecode"]),
        (TEXT.hex().encode() + b">", ["ASCIIHexDecode"]),
        (base64.a85encode(bytes(40) + TEXT) + b"~>", ["ASCII85Decode"]),
        (b"\x04abcde\x81z\x00q\x80", ["RunLengthDecode"]),
        (lzw(TEXT * 40), ["LZWDecode"]),
        (base64.a85encode(zlib.compress(TEXT * 300)) + b"~>", ["ASCII85Decode", "FlateDecode"]),
        (zlib.compress(TEXT * 100), ["Fl"]),
        (b"\xff\xd8\xff not decoded", ["DCTDecode"]),
    ],
    ids=["flate", "hex", "ascii85", "run-length", "lzw", "ascii85-flate", "abbreviated", "jpeg"],
)
def test_what_the_check_measures_is_what_the_pdf_library_decodes(encoded, filters):
    data = pdf_with_stream(encoded, filters)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        expected = sum(len(decoded(obj)) for obj in pdf.objects if isinstance(obj, pikepdf.Stream))
    assert decoded_size(data, 100 * MB) == expected


def decoded(stream: pikepdf.Stream) -> bytes:
    try:
        return stream.read_bytes(pikepdf.StreamDecodeLevel.specialized)
    except pikepdf.PdfError:
        return stream.read_raw_bytes()  # an image codec: neither decoded here nor in the pack


def test_a_stream_with_a_wrong_length_is_measured_to_its_real_end():
    data = pdf_with_stream(flate_zeros(64 * MB), ["FlateDecode"])
    lying = data.replace(b"/Length %d" % len(flate_zeros(64 * MB)), b"/Length 100", 1)
    assert lying != data
    assert decoded_size(lying, 100 * MB) >= 64 * MB


# Real documents pass with the default limits.


def scanned_page() -> bytes:
    """A lossless A4 scan at 300 dpi: a white page with a few lines of "text", 9 MB decoded from a
    stream a thousandth of that."""
    pdf = pikepdf.new()
    width, height = 2480, 3508
    rows = bytearray(b"\xff" * width * height)
    for line in range(20):
        start = (300 + line * 120) * width
        rows[start + 250 : start + 2200] = b"\x20" * 1950
    image = pdf.make_stream(
        zlib.compress(bytes(rows)),
        Type=pikepdf.Name.XObject,
        Subtype=pikepdf.Name.Image,
        Width=width,
        Height=height,
        ColorSpace=pikepdf.Name.DeviceGray,
        BitsPerComponent=8,
        Filter=pikepdf.Name.FlateDecode,
    )
    pdf.add_blank_page(page_size=(595, 842))
    pdf.pages[0].Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Scan=image))
    pdf.pages[0].Contents = pdf.make_stream(b"q 595 0 0 842 0 0 cm /Scan Do Q")
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def test_real_documents_pass_with_the_default_limits(settings, demo):
    """The demo's attachments (the loader uploads them), the seed agenda as rendered here (fonts,
    tagging, links) and a scanned page that compresses 1000:1."""
    assert demo.council.meetings.filter(sections__items__attachments__isnull=False).exists()
    limits = settings.ATTACHMENT_MAX_BYTES, settings.ATTACHMENT_MAX_DECODED_BYTES
    meeting = Meeting.objects.select_related("council").get(date="2021-02-05")
    data, pages = render_pdf("agenda", meeting, "members")
    assert inspect_pdf(data, *limits) == pages
    scan = scanned_page()
    assert len(scan) * 500 < decoded_size(scan, settings.ATTACHMENT_MAX_DECODED_BYTES)
    assert inspect_pdf(scan, *limits) == 1


# The upload form.


@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "no-js"])
@pytest.mark.parametrize(
    "hostile, message",
    [
        ("corrupt-page", "Side 3 i PDF-filen kan ikke læses: sidens indhold er beskadiget."),
        ("bomb", "PDF-filens indhold fylder mere end 16 MB, når det pakkes ud"),
        ("unc-link", "PDF-filen indeholder links, der åbner andre filer"),
    ],
)
def test_a_refused_upload_says_why_in_the_form_and_stores_nothing(
    secretary_client, demo, htmx, settings, hostile, message
):
    settings.ATTACHMENT_MAX_DECODED_BYTES = 16 * MB
    data = {
        "corrupt-page": lambda: pdf_with(corrupt_page_3),
        "bomb": lambda: pdf_with_stream(flate_zeros(1024 * MB), ["FlateDecode"], content=True),
        "unc-link": lambda: pdf_with(unc_link),
    }[hostile]()
    item = demo.sections.get(position=3).items.first()
    count, stored = item.attachments.count(), sorted(Path(settings.MEDIA_ROOT).rglob("*.pdf"))
    response = secretary_client.post(
        f"/kkr-nordjylland/2021-04-23/rediger/punkt/{item.pk}/bilag/",
        {"files": [SimpleUploadedFile("Budget.pdf", data, "application/pdf")]},
        headers={"HX-Request": "true"} if htmx else {},
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert f"Budget.pdf: {message}" in html
    if not htmx:
        assert "<html" in html
    assert item.attachments.count() == count
    assert sorted(Path(settings.MEDIA_ROOT).rglob("*.pdf")) == stored
