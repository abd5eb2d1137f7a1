"""Full-text search over what readers see: the items of each meeting's latest published version and the
text of their PDF attachments.

Every item is indexed once per audience, from AgendaContent.for_audience, so the public's entry of a
closed item holds its number and title only: closed text can reach neither a match nor a snippet.
PostgreSQL matches a tsvector with Danish stemming through its GIN index; other databases (SQLite in
development) fall back to matching every word with icontains. Both order the hits alike, title matches
first, then newest first, and count and page through at most settings.SEARCH_MAX_RESULTS of them, so a
search costs about the same for a rare word and for one in every item, however large the archive."""

import hashlib
import html
import io
import logging
import re
from dataclasses import dataclass
from functools import reduce
from math import ceil
from operator import and_

import pypdf
from django.conf import settings
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchVector
from django.core.paginator import Page, Paginator
from django.db import connection, transaction
from django.db.models import (
    BooleanField,
    Case,
    Count,
    ExpressionWrapper,
    F,
    Func,
    Max,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Concat
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from agendas.content import AgendaContent
from agendas.models import AgendaVersion, AttachmentText, Meeting, SearchEntry

logger = logging.getLogger(__name__)

Audience = SearchEntry.Audience
PAGE_SIZE = 20
# Far more than any real attachment's text, and it keeps a vector well below PostgreSQL's 1 MB limit.
MAX_ATTACHMENT_CHARS = 100_000
# ts_headline marks the matches with these private-use characters, which indexed text never holds (they
# are removed at indexing): the snippet is escaped first, and only then do they become <mark>.
START, STOP = "\ue000", "\ue001"


# Indexing


def extract_pdf_text(data: bytes) -> str:
    """The PDF's text, best effort: a PDF whose text cannot be read is still a valid attachment, only
    search does not find it by its content."""
    parts, size = [], 0
    try:
        for page in pypdf.PdfReader(io.BytesIO(data)).pages:
            parts.append(page.extract_text() or "")
            size += len(parts[-1])
            if size >= MAX_ATTACHMENT_CHARS:
                break
    except Exception:  # pypdf has many ways to fail on an odd file; none may stop an upload
        logger.warning("Could not extract the text of a PDF for search", exc_info=True)
    return _clean(" ".join(parts))[:MAX_ATTACHMENT_CHARS]


def store_attachment_text(sha256: str, data: bytes) -> None:
    """Keep an uploaded PDF's text for search, once per file content (agendas.services.add_attachment)."""
    if not AttachmentText.objects.filter(sha256=sha256).exists():
        AttachmentText.objects.get_or_create(sha256=sha256, defaults={"text": extract_pdf_text(data)})


@transaction.atomic
def index_version(version: AgendaVersion) -> int:
    """Index the items of a meeting's latest published version for each audience, in place of the
    entries of its older versions (agendas.services.publish_agenda). Returns the number of entries.

    Each row is written once, its vector computed in the INSERT: an UPDATE after it would leave every
    row behind as a dead tuple."""
    meeting = version.meeting
    content = AgendaContent.from_version(version)
    texts = _attachment_texts(content)
    entries = [
        SearchEntry(
            meeting=meeting,
            version=version,
            council_id=meeting.council_id,
            audience=audience,
            section_position=section.position,
            item_position=item.position,
            title=_clean(item.title),
            text=_plain(" ".join([item.background, item.recommendation, item.presentation])),
            attachments_text=" ".join(
                _clean(f"{a.title}. {texts.get(a.sha256, '')}") for a in item.attachments
            ),
            is_closed=item.is_closed,
        )
        for audience in Audience.values
        for section, item in content.for_audience(audience).items()
    ]
    if connection.vendor == "postgresql":
        for entry in entries:
            entry.search_vector = _vector(entry)
            entry.title_vector = SearchVector(Value(entry.title), config="danish")
    SearchEntry.objects.filter(meeting=meeting).delete()
    SearchEntry.objects.bulk_create(entries)
    return len(entries)


REINDEX_BATCH = 50  # meetings per transaction: about 2,000 entries


def reindex_all(*, extract_text: bool = False, batch_size: int = REINDEX_BATCH, progress=None) -> int:
    """Rebuild the whole index from each meeting's published version (manage.py reindex_search); with
    extract_text, the attachments' text is read from their files again. Returns the number of entries.

    Meetings are indexed in batches, each its own transaction, so memory stays flat whatever the size
    of the archive, and each meeting's entries are replaced where they are: readers keep finding every
    other meeting meanwhile. `progress(meetings, entries)` is called after each batch."""
    if extract_text:
        AttachmentText.objects.all().delete()
    published = Meeting.objects.published().select_related("published_version").order_by("pk")
    count, last = 0, 0
    while True:
        with transaction.atomic():
            batch = list(published.filter(pk__gt=last)[:batch_size])
            for meeting in batch:
                version = meeting.published_version
                version.meeting = meeting
                count += index_version(version)
        if not batch:
            break
        last = batch[-1].pk
        if progress:
            progress(len(batch), count)
    # A meeting that is no longer published keeps no entries.
    SearchEntry.objects.exclude(meeting__in=Meeting.objects.published()).delete()
    return count


def _vector(entry: SearchEntry):
    """The entry's tsvector, computed by PostgreSQL in the INSERT: title (A), texts (B), attachments
    (C), with Danish stemming."""
    return (
        SearchVector(Value(entry.title), weight="A", config="danish")
        + SearchVector(Value(entry.text), weight="B", config="danish")
        + SearchVector(Value(entry.attachments_text), weight="C", config="danish")
    )


def _attachment_texts(content: AgendaContent) -> dict[str, str]:
    """SHA-256 → text of the content's attachments. A file uploaded before search existed is read
    now, once."""
    files = {a.sha256: a for _section, _item, a in content.attachments()}
    texts = dict(AttachmentText.objects.filter(sha256__in=files).values_list("sha256", "text"))
    for sha256 in files.keys() - texts.keys():
        try:
            with files[sha256].open() as handle:
                data = handle.read()
        except FileNotFoundError:
            logger.warning("Attachment file %s is missing; it is indexed by its title only", sha256)
            continue
        store_attachment_text(sha256, data)
        texts[sha256] = AttachmentText.objects.get(sha256=sha256).text
    return texts


# Block tags: their text is separated by a space, so paragraphs and list items do not run together.
_BLOCK_TAG = re.compile(r"<(?:/?(?:p|li|ul|ol|h5)|br)\b", re.IGNORECASE)


def _plain(richtext: str) -> str:
    """The text of sanitised agenda HTML (kkr.lib.richtext), unescaped: it is escaped when shown."""
    return _clean(html.unescape(strip_tags(_BLOCK_TAG.sub(r" \g<0>", richtext))))


def _clean(text: str) -> str:
    """One line with single spaces, without NUL (PostgreSQL refuses it) or the highlight markers."""
    return " ".join(text.replace("\x00", " ").replace(START, " ").replace(STOP, " ").split())


# Searching


def visible_entries(trusted: list[int]):
    """The entries a reader may search: the members' entries of the councils whose closed content
    they may see (`trusted`, from kkr.access), the public's entries of every other council. Never a
    draft's: drafts are never indexed, and a meeting that is no longer published is left out."""
    entries = SearchEntry.objects.filter(meeting__published_version__isnull=False)
    if not trusted:
        return entries.filter(audience=Audience.PUBLIC)
    return entries.filter(
        Q(audience=Audience.MEMBERS, council__in=trusted)
        | (Q(audience=Audience.PUBLIC) & ~Q(council__in=trusted))
    )


def index_state() -> str:
    """Changes whenever search results could: with the newest published version (each publish
    re-indexes its meeting) and the number of published meetings. One query."""
    state = Meeting.objects.published().aggregate(published=Count("pk"), newest=Max("published_version"))
    return f"{state['newest']}:{state['published']}"


def page_cache_key(state: str, params, trusted) -> str:
    """The cache key of a search page for one index state, query and reader."""
    search = hashlib.sha256(repr((params, sorted(trusted))).encode()).hexdigest()
    return f"search:{state}:{search}"


@dataclass
class Matches:
    """What matches a query: the keys of the first SEARCH_MAX_RESULTS + 1 entries, best first (one
    more than are shown, to know there are more), and the entries as a page shows them."""

    ranked: QuerySet  # of primary keys, in order
    shown: QuerySet


class Results(Paginator):
    """The pages of one search's results: at most settings.SEARCH_MAX_RESULTS of them, and whether
    there were more (the page says "Mere end …" then, as search engines do)."""

    def __init__(self, keys, count: int, more: bool):
        super().__init__(keys, PAGE_SIZE)
        self.count = count
        self.more = more


def result_page(matches: Matches, number) -> Page:
    """One page of results, in two queries whatever the page: the ranked keys (a few thousand bytes)
    and the page's entries with their marked titles and snippets. Paging is by offset within the
    capped keys, so any page costs what the first does, and keeps its number in the address ("Side 3
    af 50"); keyset paging would save nothing here, as the order is known only once every candidate
    has been ranked."""
    cap = settings.SEARCH_MAX_RESULTS
    try:
        number = max(int(number), 1)
    except (TypeError, ValueError):
        number = 1
    keys = _ranked_keys(matches.ranked)
    count = min(len(keys), cap)
    number = min(number, max(ceil(count / PAGE_SIZE), 1))  # past the end: the last page
    page_keys = keys[(number - 1) * PAGE_SIZE : min(number * PAGE_SIZE, cap)]
    shown = matches.shown.filter(pk__in=page_keys) if page_keys else []
    entries = {entry.pk: entry for entry in shown}
    rows = [entries[pk] for pk in page_keys if pk in entries]
    return Page(rows, number, Results(keys[:cap], count, len(keys) > cap))


# Sent before the ranked keys' query, in the same round trip (agendas.search._ranked_keys).
THROUGH_THE_INDEX = "SET LOCAL enable_seqscan = off"


def _ranked_keys(ranked: QuerySet) -> list[int]:
    """The keys, best first. On PostgreSQL the candidates are found through the GIN index, whatever
    the planner's statistics say (none right after an import or a restore; a common word in nine
    entries of ten): a sequential scan would have to read every entry's vector from out of line
    (TOAST) to test it, a cost its model does not see.

    The setting and the query go in one message, as one implicit transaction, so SET LOCAL holds for
    this query only (or until the end of the transaction the request is part of): no BEGIN, SET and
    COMMIT of their own, three round trips a search saved."""
    if connection.vendor != "postgresql":
        return list(ranked)
    sql, params = ranked.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"{THROUGH_THE_INDEX}; {sql}", params)
        cursor.nextset()  # past the SET's result, to the query's rows
        return [row[0] for row in cursor.fetchall()]


def matching(entries, q: str) -> Matches:
    """The entries that match the query, best first, with what `hits` needs to mark the matches. Best
    is a match in the title first, then the newest meeting, in agenda order: an order that reads a few
    bytes per match, so it costs little even for a word in every entry."""
    if connection.vendor == "postgresql":
        candidates, shown = _matching_postgresql(entries, q)
    else:
        candidates, shown = _matching_fallback(entries, q)
    order = (
        F("title_match").desc(nulls_last=True),
        "-meeting__date",
        "section_position",
        "item_position",
        "pk",
    )
    ranked = candidates.order_by(*order).values_list("pk", flat=True)
    return Matches(ranked[: settings.SEARCH_MAX_RESULTS + 1], shown.select_related("meeting__council"))


# What ts_headline is given of an entry's texts: it reads and stems every word, so a long attachment
# (up to MAX_ATTACHMENT_CHARS) would cost it milliseconds per result.
SNIPPET_SOURCE_CHARS = 700  # about 100 words: room for the two fragments of the snippet


class _AroundFirstMatch(Func):
    """SNIPPET_SOURCE_CHARS characters of the text from a little before the first place the query's
    first stem appears in it (a Danish stem is mostly the start of the words it comes from), or from
    the start."""

    output_field = TextField()

    def as_sql(self, compiler, connection, **extra):
        text, text_params = compiler.compile(self.source_expressions[0])
        query, query_params = compiler.compile(self.source_expressions[1])
        stem = f"coalesce((regexp_match(querytree({query}), '''([^'']+)'''))[1], '')"
        start = f"greatest(strpos(lower({text}), {stem}) - 150, 1)"
        sql = f"substr({text}, {start}, {SNIPPET_SOURCE_CHARS})"
        return sql, (*text_params, *text_params, *query_params)


def _matching_postgresql(entries, q):
    """(the candidates, the entries as shown: with their title and snippet marked)."""
    query = SearchQuery(q, config="danish", search_type="websearch")
    marks = {"config": "danish", "start_sel": START, "stop_sel": STOP}
    texts = Concat("text", Value(" "), "attachments_text", output_field=TextField())
    shown = SearchEntry.objects.annotate(
        title_headline=SearchHeadline("title", query, highlight_all=True, **marks),
        snippet_headline=SearchHeadline(
            _AroundFirstMatch(texts, query),
            query,
            max_words=30,
            min_words=15,
            max_fragments=2,
            fragment_delimiter=" … ",
            **marks,
        ),
    ).defer("text", "attachments_text", "search_vector", "title_vector")
    # Whether the title matches: a test of the small title vector kept in the row, cheaper than ranking
    # it (ts_rank), and the same order as the fallback's: title matches first, then the newest.
    title_match = ExpressionWrapper(Q(title_vector=query), output_field=BooleanField())
    return entries.filter(search_vector=query).annotate(title_match=title_match), shown


def _matching_fallback(entries, q):
    words = query_words(q)
    if not words:
        return entries.none().annotate(title_match=Value(False)), SearchEntry.objects.none()
    anywhere = [
        Q(title__icontains=word) | Q(text__icontains=word) | Q(attachments_text__icontains=word)
        for word in words
    ]
    in_title = reduce(and_, [Q(title__icontains=w) for w in words])
    title_match = Case(When(in_title, then=True), default=False, output_field=BooleanField())
    candidates = entries.filter(reduce(and_, anywhere)).annotate(title_match=title_match)
    # The snippet is cut from the text in Python (hits): the shown rows keep it.
    return candidates, SearchEntry.objects.defer("search_vector", "title_vector")


def query_words(q: str) -> list[str]:
    """The words of a query for the fallback, without web-search operators (quotes, a leading minus)."""
    return [w for w in (token.strip("-") for token in re.findall(r"[\w-]+", q)) if w][:10]


@dataclass
class Hit:
    entry: SearchEntry
    title: str  # safe HTML
    snippet: str  # safe HTML; empty for a closed item the reader may not read

    @property
    def hidden(self):
        return self.entry.is_closed and self.entry.audience == Audience.PUBLIC


def hits(entries, q: str) -> list[Hit]:
    """The results of one page, their titles and snippets as HTML with the matches marked."""
    words = query_words(q)
    postgresql = connection.vendor == "postgresql"
    results = []
    for entry in entries:
        if postgresql:
            title, snippet = _marked(entry.title_headline), _marked(entry.snippet_headline)
        else:
            title = _highlight(entry.title, words)
            snippet = _highlight(_excerpt(f"{entry.text} {entry.attachments_text}", words), words)
        hit = Hit(entry, title, snippet)
        if hit.hidden:
            hit.snippet = ""  # the public's entry has no text to show, and shows none
        results.append(hit)
    return results


def _marked(headline: str) -> str:
    return mark_safe(escape(headline).replace(START, "<mark>").replace(STOP, "</mark>"))


def _highlight(text: str, words: list[str]) -> str:
    if not words:
        return escape(text)
    pattern = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)), re.IGNORECASE)
    parts, last = [], 0
    for match in pattern.finditer(text):
        parts += [escape(text[last : match.start()]), "<mark>", escape(match.group()), "</mark>"]
        last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))


def _excerpt(text: str, words: list[str], length: int = 240) -> str:
    """About `length` characters of the text around the first match, cut at spaces."""
    text = text.strip()
    found = [i for i in (text.lower().find(w.lower()) for w in words) if i >= 0]
    start = max(0, min(found, default=0) - length // 3)
    if start:
        start = text.find(" ", start) + 1
    end = len(text)
    if end > start + length:
        end = max(text.rfind(" ", start, start + length), start + length // 2)
    return ("… " if start else "") + text[start:end] + (" …" if end < len(text) else "")
