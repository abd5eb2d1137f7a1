"""Check that an uploaded file is a PDF we are willing to publish."""

import io

import pikepdf
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

NOT_PDF = gettext_lazy("Filen er ikke en PDF-fil. Bilag skal uploades som PDF.")
BROKEN = gettext_lazy("PDF-filen er beskadiget og kan ikke åbnes.")
PASSWORD = gettext_lazy("PDF-filen er beskyttet med adgangskode og kan ikke bruges som bilag.")
ENCRYPTED = gettext_lazy("PDF-filen er krypteret og kan ikke bruges som bilag.")
EMBEDDED_FILES = gettext_lazy(
    "PDF-filen indeholder vedhæftede filer. Gem den uden vedhæftninger og prøv igen."
)
JAVASCRIPT = gettext_lazy("PDF-filen indeholder JavaScript og kan ikke bruges som bilag.")
ACTIONS = gettext_lazy(
    "PDF-filen indeholder handlinger, der starter programmer, og kan ikke bruges som bilag."
)
NO_PAGES = gettext_lazy("PDF-filen har ingen sider.")

# Actions that make a PDF run code or open other programs when it is read.
_ACTIVE_ACTIONS = {"/JavaScript", "/Launch", "/ImportData", "/SubmitForm", "/RichMediaExecute"}


def inspect_pdf(data: bytes, max_bytes: int) -> int:
    """Return the page count, or raise a ValidationError with a Danish message saying why the file
    is refused. The content decides, never the file name."""
    if len(data) > max_bytes:
        raise ValidationError(
            _("Filen er for stor (%(size)s MB). Bilag må højst fylde %(limit)s MB.")
            % {"size": round(len(data) / 1024 / 1024, 1), "limit": max_bytes // (1024 * 1024)}
        )
    if not data.startswith(b"%PDF-"):
        raise ValidationError(NOT_PDF)
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            pages = len(pdf.pages)
            problem = _active_content(pdf)
    except pikepdf.PasswordError:
        raise ValidationError(PASSWORD) from None
    except pikepdf.PdfError:
        raise ValidationError(BROKEN) from None
    if problem:
        raise ValidationError(problem)
    if pages == 0:
        raise ValidationError(NO_PAGES)
    return pages


def _active_content(pdf):
    if pdf.is_encrypted:
        return ENCRYPTED
    if pdf.attachments:
        return EMBEDDED_FILES
    names = pdf.Root.get("/Names")
    if names is not None and "/JavaScript" in names:
        return JAVASCRIPT
    for obj in pdf.objects:
        for value in _dictionaries(obj):
            if value.get("/Type") == "/EmbeddedFile" or value.get("/Subtype") == "/FileAttachment":
                return EMBEDDED_FILES
            if "/JS" in value or value.get("/S") == "/JavaScript":
                return JAVASCRIPT
            if value.get("/S") in _ACTIVE_ACTIONS:
                return _(
                    "PDF-filen indeholder handlinger, der starter programmer, og kan ikke bruges som bilag."
                )
    return None


def _dictionaries(obj, depth=0):
    """The dictionaries in an object: itself (or a stream's dictionary) and those nested directly in
    it. Nested indirect objects are skipped: pdf.objects visits each of them on its own."""
    if depth > 8:
        return
    if isinstance(obj, pikepdf.Stream):
        obj = obj.stream_dict
    if isinstance(obj, pikepdf.Dictionary):
        yield obj
        children = obj.values()
    elif isinstance(obj, pikepdf.Array):
        children = obj
    else:
        return
    for child in children:
        if isinstance(child, pikepdf.Dictionary | pikepdf.Array) and not child.is_indirect:
            yield from _dictionaries(child, depth + 1)
