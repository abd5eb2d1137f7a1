"""The one way to turn HTML into PDF bytes: WeasyPrint, with our fonts and stylesheets, reading only our
own static and media files.

Templates and stylesheets name their resources with two URL schemes of our own:
``static:pdf/fonts/SourceSans3-Regular.ttf`` (a static file, found like ``{% static %}`` finds it) and
``media:attachments/ab/ab12….pdf`` (a file in the default storage: MEDIA_ROOT or the bucket, read
through the storage API). The URL fetcher refuses everything else: no network, no file: URLs, no paths
outside those folders.
"""

import contextlib
import gc
import mimetypes
import threading
from collections.abc import Sequence
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import weasyprint
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from weasyprint.layout import inline as _inline
from weasyprint.layout import leader as _leader
from weasyprint.text.fonts import FontConfiguration
from weasyprint.text.line_break import split_first_line
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

PDF_UA = "pdf/ua-1"


def _one_leader_box(context, line, containing_block):
    """WeasyPrint's leader handling, then the leader's copies of its text (". " a hundred times on a
    line of the contents, each a text box of its own, laid out, drawn and written apart: about half of
    the contents' time) made one text box of the same glyphs at the same places. Kept only where the
    joined text is exactly as wide as its copies side by side (no kerning between them), so the dots
    print where they did."""
    _handle_leader(context, line, containing_block)
    _index, leader = _leader.leader_index(line)
    if leader is None or len(leader.children) < 2:
        return
    copies = leader.children
    first = min(copies, key=lambda box: box.position_x)
    text = first.text * len(copies)
    layout, length, _resume, width, _height, _baseline = split_first_line(
        text, first.style, context, float("inf"), first.justification_spacing, is_line_start=False
    )
    expected = sum(box.width for box in copies)
    if length != len(text.encode()) or abs(width - expected) > 0.01:
        return
    one = first.copy_with_text(layout.text)
    one.pango_layout = layout
    one.width = expected
    leader.children = (one,)


_handle_leader = _leader.handle_leader
_inline.handle_leader = _one_leader_box


class ResourceRefused(ValueError):
    """A document asked for a resource that is not one of our static or media files."""


def _static_roots() -> list[Path]:
    roots = [Path(settings.STATIC_ROOT)] if settings.STATIC_ROOT else []
    for finder in finders.get_finders():
        for storage in getattr(finder, "storages", {}).values():
            roots.append(Path(storage.location))
    return roots


def _inside(path: Path, roots: list[Path]) -> bool:
    return any(path.is_relative_to(root.resolve()) for root in roots)


def _checked(url: str) -> tuple[str, PurePosixPath]:
    """The scheme and relative path of a static: or media: URL, or ResourceRefused."""
    parts = urlsplit(url)
    relative = PurePosixPath(unquote(parts.path))
    if parts.scheme not in ("static", "media") or parts.netloc:
        raise ResourceRefused(f"PDF resources must be static: or media: URLs, not {url!r}")
    if not relative.parts or relative.is_absolute() or ".." in relative.parts:
        raise ResourceRefused(f"not a path inside the {parts.scheme} files: {url!r}")
    return parts.scheme, relative


def resolve_url(url: str) -> Path:
    """The file behind a static: URL, or ResourceRefused."""
    scheme, relative = _checked(url)
    if scheme != "static":
        raise ResourceRefused(f"only static: URLs are files on this machine, not {url!r}")
    roots = _static_roots()
    found = finders.find(str(relative))
    candidates = [Path(found)] if found else []
    if settings.STATIC_ROOT:
        candidates.append(Path(settings.STATIC_ROOT) / relative)
    for candidate in candidates:
        # resolve() follows symbolic links, so a link pointing out of the folder is refused too.
        path = candidate.resolve()
        if path.is_file() and _inside(path, roots):
            return path
    raise ResourceRefused(f"no such file in our static files: {url!r}")


def read_url(url: str) -> bytes:
    """The content behind a static: or media: URL, or ResourceRefused. Media files are read through
    the storage, wherever it keeps them."""
    scheme, relative = _checked(url)
    if scheme == "static":
        return resolve_url(url).read_bytes()
    try:
        with default_storage.open(str(relative), "rb") as handle:
            return handle.read()
    except (OSError, SuspiciousFileOperation):
        raise ResourceRefused(f"no such file in our media files: {url!r}") from None


class LocalURLFetcher(URLFetcher):
    """Serves WeasyPrint our static and media files and nothing else.

    fail_on_errors: a refused or missing resource stops the render (WeasyPrint would otherwise log a
    warning and, for a font, quietly fall back to whatever the machine has).
    """

    def __init__(self):
        super().__init__(fail_on_errors=True)

    def fetch(self, url, headers=None):
        data = read_url(url)
        content_type = mimetypes.guess_type(PurePosixPath(urlsplit(url).path).name)[0]
        return URLFetcherResponse(url, data, {"Content-Type": content_type or "application/octet-stream"})


# Kept per process: parsing CSS and loading @font-face fonts is the expensive part of a small render,
# and the font configuration must be the one the stylesheets were parsed with. Created lazily, so a
# forking worker creates them in each child, after the fork.
_lock = threading.Lock()
_fetcher = LocalURLFetcher()
_font_config: FontConfiguration | None = None
_stylesheets: dict[str, weasyprint.CSS] = {}


def _parsed(stylesheets: Sequence[str]) -> tuple[FontConfiguration, list[weasyprint.CSS]]:
    global _font_config
    with _lock:
        if _font_config is None:
            _font_config = FontConfiguration()
        for path in stylesheets:
            if path not in _stylesheets:
                _stylesheets[path] = weasyprint.CSS(
                    url=f"static:{path}", url_fetcher=_fetcher, font_config=_font_config
                )
        return _font_config, [_stylesheets[path] for path in stylesheets]


@contextlib.contextmanager
def _gc_paused(generation: int = 2):
    """A layout allocates hundreds of thousands of objects, many in reference cycles. The garbage
    collector's passes during it cost more than one full pass after it, which also returns the memory
    at once (a worker's memory stays flat from render to render). A small layout (a part of a
    document, documents.sections) collects only the youngest generation, where all its objects are:
    a full pass costs about 0.09 s whatever was laid out, most of a one-page part's time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
            gc.collect(generation)


def html_to_pdf(
    html: str,
    *,
    stylesheets: Sequence[str],
    title: str,
    author: str,
    lang: str = "da",
    pdf_variant: str | None = None,
    collect_generation: int = 2,
) -> tuple[bytes, int]:
    """The PDF of the HTML and its page count.

    stylesheets: static paths ("pdf/agenda.css"); their @font-face and url() use static: URLs.
    pdf_variant: PDF_UA for a tagged, accessible PDF; None for a plain one.
    collect_generation: the garbage collector's generation collected after the render (see _gc_paused).
    """
    font_config, css = _parsed(stylesheets)
    try:
        with _gc_paused(collect_generation):
            document = weasyprint.HTML(string=html, url_fetcher=_fetcher).render(
                font_config=font_config, stylesheets=css, pdf_variant=pdf_variant
            )
            document.metadata.title = title
            document.metadata.authors = [author]
            document.metadata.lang = lang
            data = document.write_pdf(pdf_variant=pdf_variant)
    except FatalURLFetchingError as error:
        # WeasyPrint wraps our exception in a BaseException; callers (Celery tasks) expect an Exception.
        raise (error.__cause__ or RuntimeError(str(error))) from None
    return data, len(document.pages)
