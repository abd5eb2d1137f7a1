"""A minimal PDF writer for plain text pages (Helvetica, WinAnsi), used for demo attachments.

It writes a valid, deterministic PDF in microseconds, without the cost of a full layout engine.
"""

import textwrap

PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points


def _pdf_string(text: str) -> bytes:
    data = text.encode("cp1252", errors="replace")
    return b"(" + data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _page_stream(lines: list[tuple[int, str]]) -> bytes:
    """lines: (font size, text) from the top of the page down."""
    out = [b"BT"]
    y = PAGE_HEIGHT - 90
    for size, text in lines:
        out.append(b"/F1 %d Tf 1 0 0 1 72 %d Tm " % (size, y) + _pdf_string(text) + b" Tj")
        y -= int(size * 1.6)
    out.append(b"ET")
    return b"\n".join(out)


def text_pdf(
    title: str, paragraphs: list[str], pages: int = 1, *, footer: str = "Side {page} af {pages}"
) -> bytes:
    """A PDF of `pages` A4 pages, each with the title, the paragraphs and a page footer."""
    body = [(16, line) for line in textwrap.wrap(title, 55)]
    body.append((11, ""))
    for paragraph in paragraphs:
        body += [(11, line) for line in textwrap.wrap(paragraph, 85)]
        body.append((11, ""))

    objects: list[bytes] = []
    page_ids = [4 + 2 * i for i in range(pages)]
    objects.append(b"<< /Type /Catalog /Pages 2 0 R /Lang (da) >>")
    kids = b" ".join(b"%d 0 R" % pid for pid in page_ids)
    objects.append(b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages)
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    for number in range(1, pages + 1):
        lines = body + [(9, footer.format(page=number, pages=pages))]
        stream = _page_stream(lines)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] " % (PAGE_WIDTH, PAGE_HEIGHT)
            + b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (len(objects) + 2)
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
