"""Check that an uploaded file is a PDF we are willing to publish: readable page by page, without active
content, and not a decompression bomb that would take a render worker's memory and time.

The check runs in two passes. The first reads the raw bytes, before any PDF library does: it finds every
stream by its `stream` keyword and measures what it decodes to, with a bound, so that not even the
opening of the file (which decodes object and cross-reference streams) can decode more than
`max_decoded_bytes`. The second opens the file with pikepdf, measures every stream again as pikepdf
parsed it, visits every object, however deeply nested, and decodes every page's content the way the
agenda pack will."""

import base64
import io
import logging
import re
import zlib
from collections.abc import Iterable, Iterator

import pikepdf
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

logger = logging.getLogger(__name__)

NOT_PDF = gettext_lazy("Filen er ikke en PDF-fil. Bilag skal uploades som PDF.")
BROKEN = gettext_lazy("PDF-filen er beskadiget og kan ikke åbnes.")
ENCRYPTED = gettext_lazy(
    "PDF-filen er krypteret eller beskyttet med adgangskode og kan ikke bruges som bilag. "
    "Gem den uden beskyttelse og prøv igen."
)
EMBEDDED_FILES = gettext_lazy(
    "PDF-filen indeholder vedhæftede filer. Gem den uden vedhæftninger og prøv igen."
)
JAVASCRIPT = gettext_lazy("PDF-filen indeholder JavaScript og kan ikke bruges som bilag.")
XFA_SCRIPTS = gettext_lazy("PDF-filen indeholder en formular med scripts (XFA) og kan ikke bruges som bilag.")
ACTIONS = gettext_lazy(
    "PDF-filen indeholder handlinger, der starter programmer, og kan ikke bruges som bilag."
)
OTHER_FILES = gettext_lazy(
    "PDF-filen indeholder links, der åbner andre filer, fx på et netværksdrev, og kan ikke bruges som "
    "bilag. Fjern linkene og prøv igen."
)
ON_OPEN = gettext_lazy(
    "PDF-filen åbner en internetadresse eller sender data af sig selv, når den vises, og kan ikke "
    "bruges som bilag."
)
NO_PAGES = gettext_lazy("PDF-filen har ingen sider.")

# Actions that make a PDF run code, open other programs or send data.
_ACTIVE_ACTIONS = {"/Launch", "/ImportData", "/SubmitForm", "/RichMediaExecute"}
# Actions that open another file: on a network path (\\server\share) they hand the reader's Windows
# credentials to that server.
_OTHER_FILE_ACTIONS = {"/GoToR", "/GoToE"}
# Harmless when the reader clicks a link, not when the document does it by itself.
_NOT_ON_OPEN = {"/URI", "/SubmitForm"}


def inspect_pdf(data: bytes, max_bytes: int, max_decoded_bytes: int) -> int:
    """Return the page count, or raise a ValidationError with a Danish message saying why the file
    is refused. The content decides, never the file name. `max_decoded_bytes` bounds what all the
    file's streams may hold once decoded: what a render of it would have to decompress."""
    if len(data) > max_bytes:
        raise ValidationError(
            _("Filen er for stor (%(size)s MB). Bilag må højst fylde %(limit)s MB.")
            % {"size": round(len(data) / 1024 / 1024, 1), "limit": max_bytes // (1024 * 1024)}
        )
    if not data.startswith(b"%PDF-"):
        raise ValidationError(NOT_PDF)
    if _ENCRYPT.search(data):
        # Refused before it is opened: encrypted streams cannot be measured before they are decrypted.
        raise ValidationError(ENCRYPTED)
    too_big = _(
        "PDF-filens indhold fylder mere end %(limit)s MB, når det pakkes ud, og kan ikke bruges som bilag. "
        "Gem filen igen, fx med mindre billeder, og prøv igen."
    ) % {"limit": max_decoded_bytes // (1024 * 1024)}
    if decoded_size(data, max_decoded_bytes) > max_decoded_bytes:
        raise ValidationError(too_big)
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            if pdf.is_encrypted:
                problem = ENCRYPTED
            elif _parsed_size(pdf, max_decoded_bytes) > max_decoded_bytes:
                problem = too_big
            else:
                problem = _active_content(pdf) or _unreadable_page(pdf)
            pages = len(pdf.pages)
    except pikepdf.PasswordError:
        raise ValidationError(ENCRYPTED) from None
    except pikepdf.PdfError:
        raise ValidationError(BROKEN) from None
    except Exception:
        # Whatever else a hostile file makes the checks stumble on, it is not published.
        logger.exception("Checking an uploaded PDF failed")
        raise ValidationError(BROKEN) from None
    if problem:
        raise ValidationError(problem)
    if pages == 0:
        raise ValidationError(NO_PAGES)
    return pages


# The first pass: the raw bytes.

_ENCRYPT = re.compile(rb"/Encrypt\s*(?:\d+\s+\d+\s+R|<<)")
# The end of a stream's dictionary, comments, and the keyword that starts its data ("endstream" has no
# ">>"), then its end of line, which a PDF library tolerates a lack of.
_STREAM = re.compile(rb">>(?:\s|%[^\r\n]*)*stream(?:\r\n|\n|\r)?")
_SPACE = re.compile(rb"[\0\t\n\f\r ]*")
_ENDSTREAM = re.compile(rb"\s*endstream")
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[^\s/\[\]<>()]+|\d+\s+\d+\s+R)")
_REFERENCE = re.compile(rb"(\d+)\s+(\d+)\s+R")
_NAME = re.compile(rb"/([^\s/\[\]<>()]+)")
_LENGTH = re.compile(rb"/Length\s+(\d+)\b(?!\s+\d+\s+R)")
_CHUNK = 1 << 20
_FLATE = {"FlateDecode", "Fl"}
_DECODABLE = {
    *_FLATE,
    "LZWDecode",
    "LZW",
    "ASCIIHexDecode",
    "AHx",
    "ASCII85Decode",
    "A85",
    "RunLengthDecode",
    "RL",
}


def decoded_size(data: bytes, limit: int) -> int:
    """What all streams in a PDF decode to, in bytes, counted until it passes `limit`, from the raw
    bytes. Every stream is found by its keyword, referenced or not; filters that only images use (JPEG,
    fax) are not decoded, as neither the pack nor pikepdf's save decodes them. A stream that does not
    decode is counted up to where it breaks: whether a broken stream matters is the second pass's call.
    The dictionary is read with patterns, not parsed, so data that looks like a zlib stream is measured
    inflated whatever the dictionary seems to say."""
    total = 0
    position = 0
    view = memoryview(data)
    while total <= limit and (match := _STREAM.search(data, position)):
        start = match.end()
        # The stream's dictionary: from its "N 0 obj" to the keyword.
        window = max(0, match.start() - 65536)
        head = data.rfind(b"obj", window, match.start())
        dictionary = data[max(head + 3, window) : match.end()]
        filters = _filters(data, dictionary)
        length = _LENGTH.search(dictionary)
        end = start + int(length.group(1)) if length else -1
        known = 0 <= end <= len(data) and _ENDSTREAM.match(data, end) is not None
        if not known:
            # A wrong or indirect /Length: the decoders stop at their own end of data, the way a
            # PDF library recovers such a stream.
            end = -1 if filters else data.find(b"endstream", start)
            end = len(data) if end < 0 else end
        if (not filters or filters[0] not in _DECODABLE) and _looks_like_zlib(data, start):
            filters = ["FlateDecode"]  # whatever the patterns missed
        if filters and filters[0] in _FLATE:
            start = _SPACE.match(data, start).end()  # whitespace before zlib data is not data
        total += _measure(_chunks(view[start:end]), filters, _early_change(dictionary), limit - total)
        position = end if known else start
    return total


def _looks_like_zlib(data: bytes, start: int) -> bool:
    at = _SPACE.match(data, start).end()
    header = data[at : at + 2]
    return (
        len(header) == 2
        and header[0] & 0x0F == 8
        and header[0] >> 4 <= 7
        and int.from_bytes(header) % 31 == 0
    )


def _early_change(dictionary: bytes) -> int:
    return 0 if re.search(rb"/EarlyChange\s+0", dictionary) else 1


def _measure(chunks: Iterable[bytes], filters: list[str], early_change: int, limit: int) -> int:
    """What a stream decodes to through its filters, counted until it passes `limit`."""
    size = 0
    for chunk in _decode(chunks, filters, early_change):
        size += len(chunk)
        if size > limit:
            break
    return size


def _parsed_size(pdf: pikepdf.Pdf, limit: int) -> int:
    """decoded_size again, over the streams as the PDF library parsed them: their real filters and
    lengths, however their dictionaries were written."""
    total = 0
    for obj in pdf.objects:
        if total > limit:
            break
        if not isinstance(obj, pikepdf.Stream):
            continue
        filters = obj.stream_dict.get("/Filter")
        filters = filters if isinstance(filters, pikepdf.Array) else [filters] if filters is not None else []
        names = [str(name)[1:] for name in filters if isinstance(name, pikepdf.Name)]
        early_change = 0 if b"/EarlyChange 0" in obj.stream_dict.unparse() else 1
        total += _measure(_chunks(memoryview(obj.read_raw_bytes())), names, early_change, limit - total)
    return total


def _chunks(view: memoryview) -> Iterator[bytes]:
    for offset in range(0, len(view), _CHUNK):
        yield bytes(view[offset : offset + _CHUNK])


def _filters(data: bytes, dictionary: bytes) -> list[str]:
    match = _FILTER.search(dictionary)
    if match is None:
        return []
    value = match.group(1)
    if reference := _REFERENCE.fullmatch(value):
        # Filters in an object of their own: that object's value, else measured as the usual filter.
        number, generation = reference.groups()
        target = re.search(
            rb"(?<!\d)%s\s+%s\s+obj\s*(\[[^\]]*\]|/[^\s/\[\]<>()]+)" % (number, generation), data
        )
        value = target.group(1) if target else b"/FlateDecode"
    return [name.decode("latin-1") for name in _NAME.findall(value)]


def _decode(chunks: Iterable[bytes], filters: list[str], early_change: int) -> Iterator[bytes]:
    """The stream's data through its filters, chunk by chunk: never more than a chunk in memory."""
    for name in filters:
        if name in _FLATE:
            chunks = _inflate(chunks)
        elif name in ("LZWDecode", "LZW"):
            chunks = _lzw(chunks, early_change)
        elif name in ("ASCIIHexDecode", "AHx"):
            chunks = _ascii_hex(chunks)
        elif name in ("ASCII85Decode", "A85"):
            chunks = _ascii85(chunks)
        elif name in ("RunLengthDecode", "RL"):
            chunks = _run_length(chunks)
        else:
            break  # an image codec (or an unknown filter): left encoded
    return chunks


def _inflate(chunks):
    inflater = zlib.decompressobj()
    try:
        for chunk in chunks:
            while True:
                out = inflater.decompress(chunk, _CHUNK)
                if out:
                    yield out
                chunk = inflater.unconsumed_tail
                if inflater.eof or (not chunk and len(out) < _CHUNK):
                    break
            if inflater.eof:
                return
    except zlib.error:
        return


def _lzw(chunks, early_change=1):
    table = [bytes([n]) for n in range(256)] + [b"", b""]  # 256 clears the table, 257 ends the data
    bits = count = 0
    width, previous, out = 9, None, bytearray()
    for chunk in chunks:
        for byte in chunk:
            bits, count = (bits << 8) | byte, count + 8
            while count >= width:
                count -= width
                code, bits = bits >> count, bits & ((1 << count) - 1)
                if code == 256:
                    del table[258:]
                    width, previous = 9, None
                    continue
                if code < len(table) and code != 257:
                    entry = table[code]
                elif code == len(table) and previous is not None:
                    entry = previous + previous[:1]
                else:
                    yield bytes(out)  # the end of the data, or data that does not decode
                    return
                out += entry
                if previous is not None and len(table) < 4096:
                    table.append(previous + entry[:1])
                previous = entry
                if len(table) + early_change >= 1 << width and width < 12:
                    width += 1
            if len(out) >= _CHUNK:
                yield bytes(out)
                out.clear()
    yield bytes(out)


def _ascii_hex(chunks):
    pending = b""
    for chunk in chunks:
        end = chunk.find(b">")
        pending += re.sub(rb"[^0-9A-Fa-f]", b"", chunk if end < 0 else chunk[:end])
        whole = len(pending) // 2 * 2
        yield bytes.fromhex(pending[:whole].decode("ascii"))
        pending = pending[whole:]
        if end >= 0:
            break
    if pending:
        yield bytes.fromhex((pending + b"0").decode("ascii"))


def _ascii85(chunks):
    pending = b""
    try:
        for chunk in chunks:
            end = chunk.find(b"~")
            pending += re.sub(rb"\s", b"", chunk if end < 0 else chunk[:end]).replace(b"z", b"!!!!!")
            whole = len(pending) // 5 * 5
            yield base64.a85decode(pending[:whole])
            pending = pending[whole:]
            if end >= 0:
                break
        if pending:
            yield base64.a85decode(pending)
    except ValueError:
        return


def _run_length(chunks):
    pending = b""
    for chunk in chunks:
        pending += chunk
        out, at = bytearray(), 0
        while at < len(pending):
            length = pending[at]
            if length == 128:
                yield bytes(out)
                return
            if length < 128:
                if at + length + 2 > len(pending):
                    break
                out += pending[at + 1 : at + length + 2]
                at += length + 2
            else:
                if at + 2 > len(pending):
                    break
                out += pending[at + 1 : at + 2] * (257 - length)
                at += 2
            if len(out) >= _CHUNK:
                yield bytes(out)
                out.clear()
        yield bytes(out)
        pending = pending[at:]


# The second pass: every object, and every page's content.


# The keys that make a dictionary worth a closer look.
_WATCHED = {"/EF", "/Type", "/Subtype", "/S", "/JS", "/AA"}


def _active_content(pdf):
    if pdf.attachments:
        return EMBEDDED_FILES
    on_open = [pdf.Root.get("/OpenAction")]  # actions the document runs by itself: opening it, a page
    for obj in pdf.objects:
        for dictionary, keys in _dictionaries(obj):
            if _WATCHED.isdisjoint(keys):
                continue
            action = dictionary.get("/S")
            if "/EF" in keys or dictionary.get("/Type") == "/EmbeddedFile":
                return EMBEDDED_FILES
            if dictionary.get("/Subtype") == "/FileAttachment":
                return EMBEDDED_FILES
            if "/JS" in keys or action == "/JavaScript":
                return JAVASCRIPT
            if action in _ACTIVE_ACTIONS:
                return ACTIONS
            if action in _OTHER_FILE_ACTIONS:
                return OTHER_FILES
            if "/AA" in keys and isinstance(dictionary.AA, pikepdf.Dictionary):
                on_open.extend(dictionary.AA.values())
    if any(action.get("/S") in _NOT_ON_OPEN for action in _actions(on_open)):
        return ON_OPEN
    return _xfa_scripts(pdf)


def _dictionaries(obj) -> Iterator[tuple[pikepdf.Dictionary, set[str]]]:
    """Every dictionary in an object, with its keys, however deeply nested: itself (or a stream's
    dictionary) and those nested in it. Nested indirect objects are skipped: pdf.objects visits each
    of them on its own."""
    pending = [obj]
    while pending:
        obj = pending.pop()
        if isinstance(obj, pikepdf.Stream):
            obj = obj.stream_dict
        if isinstance(obj, pikepdf.Dictionary):
            yield obj, obj.keys()
            children = obj.values()
        elif isinstance(obj, pikepdf.Array):
            children = obj
        else:
            continue
        for child in children:
            if isinstance(child, pikepdf.Dictionary | pikepdf.Array) and not child.is_indirect:
                pending.append(child)


def _actions(actions) -> Iterator[pikepdf.Dictionary]:
    """The actions given and all that follow them (/Next: one action or an array of them)."""
    pending, seen = list(actions), set()
    while pending:
        action = pending.pop()
        if isinstance(action, pikepdf.Array):
            pending.extend(action)
            continue
        if not isinstance(action, pikepdf.Dictionary):
            continue  # a destination ([page /Fit]), or nothing
        if action.is_indirect:
            if action.objgen in seen:
                continue
            seen.add(action.objgen)
        yield action
        pending.append(action.get("/Next"))


_SCRIPT = re.compile(rb"<(?:[\w.-]+:)?script\b", re.IGNORECASE)


def _xfa_scripts(pdf):
    form = pdf.Root.get("/AcroForm")
    xfa = form.get("/XFA") if isinstance(form, pikepdf.Dictionary) else None
    if xfa is None:
        return None
    parts = xfa if isinstance(xfa, pikepdf.Array) else [xfa]
    for part in parts:
        # Safe to decode whole: the first pass measured every stream.
        if isinstance(part, pikepdf.Stream) and _SCRIPT.search(part.read_bytes()):
            return XFA_SCRIPTS
    return None


def _unreadable_page(pdf):
    """The message for the first page whose content does not decode as the agenda pack decodes it
    (it draws each attachment page from its content streams), or None."""
    decoded = set()
    for number, page in enumerate(pdf.pages, start=1):
        contents = page.obj.get("/Contents")
        if contents is None:
            continue  # an empty page
        streams = contents if isinstance(contents, pikepdf.Array) else [contents]
        try:
            for stream in streams:
                if not isinstance(stream, pikepdf.Stream):
                    raise pikepdf.PdfError(f"page {number}: contents hold a {type(stream).__name__}")
                if stream.objgen not in decoded:
                    stream.read_bytes()  # safe: the first pass measured every stream
                    decoded.add(stream.objgen)
        except pikepdf.PdfError:
            return _(
                "Side %(page)s i PDF-filen kan ikke læses: sidens indhold er beskadiget. Gem filen som PDF "
                "igen, fx med »Udskriv som PDF«, og prøv igen."
            ) % {"page": number}
    return None
