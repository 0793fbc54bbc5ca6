"""Import: meeting records (.json, .ndjson) and press statements (.txt, .md) into a store.

Records are validated one by one with the model; the first bad one stops the import with a
sentence naming its line (``line 37: meeting x: agenda[0].title: must not be empty``) and
the store is left untouched, because everything is handed to :meth:`Store.put_meetings`,
which writes all or nothing. NDJSON is read and validated a line at a time, a JSON array a
chunk and a record at a time (:class:`_ArrayReader`), so a file is never held in memory as
text or documents (memory stays ~100 MB at 100k meetings, issue 16); a single object is
parsed whole. Either way the first problem in file order is the one reported. A statement
becomes a draft meeting through :mod:`store.extract`.
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Literal

import orjson

from .errors import RecordInvalid, StoreError
from .model import Meeting
from .storage import gc_paused
from .store import OnConflict, PutReport, Store

if TYPE_CHECKING:
    from .extract import Extraction

MiB = 1024 * 1024
#: Largest records file accepted (bytes); ``DOSSIER_MAX_IMPORT_MB`` overrides it.
MAX_RECORDS_BYTES = 512 * MiB
#: Largest press statement accepted (bytes); ``DOSSIER_MAX_STATEMENT_MB`` overrides it.
MAX_STATEMENT_BYTES = 5 * MiB
RECORD_SUFFIXES = (".json", ".ndjson", ".jsonl")
STATEMENT_SUFFIXES = (".txt", ".md", ".text", ".markdown")
#: Saved web pages: the main text, title, date and canonical URL are read from the HTML.
PAGE_SUFFIXES = (".html", ".htm", ".xhtml")

Progress = Callable[[int, int], None]
"""Called with (bytes read so far, total bytes) while a records file is read; as
``writing``, with (shards written, shards to write) after."""


class ImportRefused(StoreError):
    """The file cannot be imported (too big, wrong kind, not JSON, a bad record)."""


@dataclass
class ImportReport:
    """What an import did (or, on a dry run, would do)."""

    path: Path
    kind: Literal["records", "statement"]
    dry_run: bool
    put: PutReport
    draft: Meeting | None = None
    warnings: list[str] = field(default_factory=list)
    #: For a statement: where the draft's date came from and how precise it is.
    date_origin: str | None = None
    date_precision: str | None = None
    #: For a statement: "in person", "call" or "video"; "announced" or "held".
    mode: str | None = None
    status: str | None = None

    @property
    def count(self) -> int:
        return len(self.put.added) + len(self.put.replaced) + len(self.put.skipped)

    def to_json_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "path": str(self.path), "kind": self.kind, "dry_run": self.dry_run,
            "added": list(self.put.added), "replaced": list(self.put.replaced),
            "skipped": list(self.put.skipped), "warnings": self.warnings,
        }
        if self.draft is not None:
            data["draft"] = self.draft.to_json_dict()
        if self.date_origin is not None:
            data["date_origin"] = self.date_origin
            data["date_precision"] = self.date_precision
            data["mode"] = self.mode
            data["status"] = self.status
        return data


def _limit(env: str, default: int) -> int:
    value = os.environ.get(env)
    if value:
        try:
            return max(1, int(float(value) * MiB))
        except ValueError:
            pass
    return default


def max_records_bytes() -> int:
    return _limit("DOSSIER_MAX_IMPORT_MB", MAX_RECORDS_BYTES)


def max_statement_bytes() -> int:
    return _limit("DOSSIER_MAX_STATEMENT_MB", MAX_STATEMENT_BYTES)


def _size(path: Path) -> int:
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise ImportRefused(f"{path} does not exist.") from None
    if path.is_dir():
        raise ImportRefused(f"{path} is a directory; give a .json, .ndjson, .txt or .md file.")
    return stat.st_size


def _check_size(path: Path, size: int, limit: int, what: str) -> None:
    if size > limit:
        raise ImportRefused(
            f"{path} is {size / MiB:,.1f} MB, more than the {limit / MiB:,.0f} MB allowed for "
            f"{what}; split it into smaller files.")


def _json_problem(exc: orjson.JSONDecodeError) -> str:
    message = str(exc)
    if message.startswith("depth limit exceeded") or "recursion" in message:
        return ("it nests arrays or objects more than 1,024 levels deep, which no meeting "
                "record does")
    return f"it is not valid JSON ({message.split(':', 1)[0]})"


# -- records ---------------------------------------------------------------------------------


def iter_records(path: Path, progress: Progress | None = None) -> Iterator[Meeting]:
    """Validated meetings from a .json (array or object) or .ndjson file, in file order."""
    path = Path(path)
    size = _size(path)
    _check_size(path, size, max_records_bytes(), "a records file")
    if path.suffix.lower() in (".ndjson", ".jsonl"):
        yield from _iter_ndjson(path, size, progress)
    else:
        yield from _iter_json(path, size, progress)


def _iter_ndjson(path: Path, size: int, progress: Progress | None) -> Iterator[Meeting]:
    done = 0
    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            done += len(line)
            if progress is not None and (number % 256 == 0 or done == size):
                progress(done, size)
            if not line.strip():
                continue
            try:
                data = orjson.loads(line)
            except orjson.JSONDecodeError as exc:
                raise ImportRefused(f"line {number}: {_json_problem(exc)}.") from None
            _refuse_duplicate_keys(line, lambda _, at=number: f"line {at}", data)
            _refuse_show_output(data, f"line {number}")
            try:
                yield Meeting.from_json_dict(data)
            except RecordInvalid as exc:
                raise ImportRefused(f"line {number}: {exc}") from None
    if progress is not None:
        progress(size, size)


#: Bytes of a JSON array read at a time (a record longer than this is read in several).
JSON_CHUNK = 1024 * 1024
_JSON_SPACE = re.compile(r"[ \t\n\r]*")


def _iter_json(path: Path, size: int, progress: Progress | None) -> Iterator[Meeting]:
    """A JSON array is read a chunk and validated a record at a time (an export of 100k
    meetings is a 1 GB array, several GB parsed whole); a single object, or a file that is
    not an array, is parsed whole."""
    with path.open("rb") as handle:
        head = handle.read(JSON_CHUNK)
        if head.lstrip(b" \t\r\n")[:1] == b"[":
            yield from _ArrayReader(path, handle, head, size, progress).meetings()
            return
        raw = head + handle.read()
    yield from _iter_json_whole(path, raw, size, progress)


def _iter_json_whole(path: Path, raw: bytes, size: int, progress: Progress | None,
                     start: int = 0) -> Iterator[Meeting]:
    """The records of a JSON file parsed whole, from the ``start``-th on."""
    if progress is not None:
        progress(size, size)
    try:
        with gc_paused():
            data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        line = f"line {exc.lineno}: " if getattr(exc, "lineno", None) else ""
        raise ImportRefused(f"{path}: {line}{_json_problem(exc)}.") from None
    _refuse_duplicate_keys(raw, lambda owner: f"{path}: " + (
        _where(raw, owner, 0) if isinstance(owner.get("id"), str) else "one record"), data)
    records = data if isinstance(data, list) else [data]
    for index in range(start, len(records)):
        record = records[index]
        if isinstance(record, dict) and "notes" in record:
            _refuse_show_output(record, _where(raw, record, index))
        try:
            yield Meeting.from_json_dict(record)
        except RecordInvalid as exc:
            raise ImportRefused(f"{_where(raw, record, index)}: {exc}") from None


class _NotAStream(Exception):
    """The array cannot be read a record at a time: it is read whole instead, which says
    what is wrong with it exactly as it always has (or reads it, if nothing is)."""


class _ArrayReader:
    """The records of a JSON array, one at a time, from text decoded a chunk at a time.

    The standard library's decoder finds where each record ends (``raw_decode``) and, with
    the same pass, any key an object names twice; orjson then parses the record's text, so
    what is accepted is what orjson accepts, as for a file parsed whole. Anything the
    reader does not expect (a syntax error, invalid UTF-8, nesting too deep for the
    standard library) hands the file to :func:`_iter_json_whole`, so the message is the
    one it always was; only the records already read are not read again.
    """

    def __init__(self, path: Path, handle: BinaryIO, head: bytes, size: int,
                 progress: Progress | None) -> None:
        self.path, self.handle, self.size, self.progress = path, handle, size, progress
        self.decoder = codecs.getincrementaldecoder("utf-8")()
        self.read = len(head)
        self.eof = not head
        self.text = self.decoder.decode(head, final=self.eof)
        self.at = self.text.index("[") + 1
        self.line = 1  # the line self.text starts on
        self.scanner = json.JSONDecoder(object_pairs_hook=_no_duplicates)

    def meetings(self) -> Iterator[Meeting]:
        index = 0
        try:
            while True:
                if self._next_char() == "]" and index == 0:
                    break
                if index:
                    if self._next_char() == "]":
                        break
                    if self._next_char() != ",":
                        raise _NotAStream
                    self.at += 1
                    self._next_char()
                record, start, text = self._record()
                yield self._meeting(record, index, start, text)
                index += 1
            self.at += 1
            if self._next_char(at_end=True) is not None:
                raise _NotAStream  # something after the array
        except (_NotAStream, UnicodeDecodeError, RecursionError):
            self.handle.seek(0)
            yield from _iter_json_whole(self.path, self.handle.read(), self.size,
                                        self.progress, index)
            return
        if self.progress is not None:
            self.progress(self.size, self.size)

    def _next_char(self, at_end: bool = False) -> str | None:
        """The next character that is not JSON whitespace (None at the end of the file,
        which only ``at_end`` expects)."""
        while True:
            found = _JSON_SPACE.match(self.text, self.at)
            self.at = found.end() if found else self.at
            if self.at < len(self.text):
                return self.text[self.at]
            if self.eof:
                if at_end:
                    return None
                raise _NotAStream  # the array is not closed
            self._more()

    def _more(self) -> None:
        """Read the next chunk; what was read and used before ``at`` is let go."""
        self.line += self.text.count("\n", 0, self.at)
        # A record longer than a chunk: read as much again as is held, so a long record is
        # tried a few times, not once per chunk.
        chunk = self.handle.read(max(JSON_CHUNK, 2 * (len(self.text) - self.at)))
        self.read += len(chunk)
        self.eof = not chunk
        self.text = self.text[self.at:] + self.decoder.decode(chunk, final=self.eof)
        self.at = 0
        if self.progress is not None:
            self.progress(min(self.read, self.size), self.size)

    def _record(self) -> tuple[Any, int, str]:
        """The next value of the array (orjson's), where it starts in the text, its text."""
        while True:
            try:
                _, end = self.scanner.raw_decode(self.text, self.at)
            except json.JSONDecodeError:
                if self.eof:
                    raise _NotAStream from None
                self._more()  # cut short by the chunk, or an error: read on to tell
                continue
            except _DuplicateKey as dup:
                # Only a closed object calls the hook: the repeat is there, whatever follows.
                text = self.text[self.at:]
                owner = dup.owner
                where = (_where_in(text, owner, 0, self._line_here())
                         if isinstance(owner.get("id"), str) else "one record")
                raise ImportRefused(f"{self.path}: {where}: the key \"{dup.key}\" appears "
                                    f"twice in one object, so one of its values would be "
                                    f"lost; keep one. Nothing was changed.") from None
            if end == len(self.text) and not self.eof:
                self._more()  # a number may go on in the next chunk
                continue
            text = self.text[self.at:end]
            try:
                with gc_paused():
                    record = orjson.loads(text)
            except orjson.JSONDecodeError:
                raise _NotAStream from None
            start, self.at = self.at, end
            return record, start, text

    def _line_here(self, at: int | None = None) -> int:
        """The line the text at ``at`` (default: where the reader is) is on; counted only
        for a message, as counting for every record would read the chunk again each time."""
        return self.line + self.text.count("\n", 0, self.at if at is None else at)

    def _meeting(self, record: Any, index: int, start: int, text: str) -> Meeting:
        if isinstance(record, dict) and "notes" in record:
            _refuse_show_output(record, _where_in(text, record, index, self._line_here(start)))
        try:
            return Meeting.from_json_dict(record)
        except RecordInvalid as exc:
            where = _where_in(text, record, index, self._line_here(start))
            raise ImportRefused(f"{where}: {exc}") from None


NEWLINE = "\n"


def _where_in(text: str, record: Any, index: int, first_line: int) -> str:
    """:func:`_where` for a record whose text starts on line ``first_line``."""
    record_id = record.get("id") if isinstance(record, dict) else None
    if isinstance(record_id, str) and record_id:
        found = re.search(r'"id"\s*:\s*' + re.escape(orjson.dumps(record_id).decode()), text)
        if found:
            return f"line {first_line + text.count(NEWLINE, 0, found.start())}"
    return f"record {index + 1}"


class _DuplicateKey(Exception):
    def __init__(self, key: str, owner: dict[str, Any]) -> None:
        self.key, self.owner = key, owner


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    built = dict(pairs)
    if len(built) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKey(key, built)
            seen.add(key)
    return built


def _refuse_duplicate_keys(raw: bytes, where: Callable[[dict[str, Any]], str],
                           parsed: Any) -> None:
    """Refuse a JSON object that names a key twice: orjson (like JSON itself) keeps the last
    silently, so one of the two values the file holds would be lost without a word. The
    standard library's parser tells; it runs after orjson has found the text valid (as
    ``parsed``), and costs about 40 µs per 10 KB record.

    Text that is exactly orjson's compact form of ``parsed`` names no key twice (that form
    has each key once: a repeat would be extra bytes), so it is not parsed again. Our
    exports and the generator write that form; the comparison costs a fifth of the parse,
    which was a quarter of an import's time."""
    try:
        if orjson.dumps(parsed) == raw.strip(b" \t\r\n"):
            return
    except orjson.JSONEncodeError:
        pass  # nested deeper than orjson writes (it reads deeper): the parse below tells
    import json

    try:
        json.loads(raw, object_pairs_hook=_no_duplicates)
    except _DuplicateKey as dup:
        raise ImportRefused(f"{where(dup.owner)}: the key \"{dup.key}\" appears twice in one "
                            f"object, so one of its values would be lost; keep one. Nothing "
                            f"was changed.") from None
    except ValueError:
        return  # orjson accepted it: a difference of dialect, not a duplicate


def _refuse_show_output(record: Any, where: str) -> None:
    """`dossier show --json` adds the meeting's notes to the record; say what to import
    instead of "notes: is not a known field"."""
    if isinstance(record, dict) and "notes" in record:
        raise ImportRefused(
            f"{where}: this record holds notes, as `dossier show --json` prints it; import "
            f"what `dossier export --format json` writes, the form that round-trips (notes "
            f"are the user's, kept in the store, and not imported). Nothing was changed.")


def _where(raw: bytes, record: Any, index: int) -> str:
    """The line a record of a JSON array starts on, found by its id, else its position."""
    record_id = record.get("id") if isinstance(record, dict) else None
    if isinstance(record_id, str) and record_id:
        found = re.search(rb'"id"\s*:\s*' + re.escape(orjson.dumps(record_id)), raw)
        if found:
            line = raw.count(b"\n", 0, found.start()) + 1
            return f"line {line}"
    return f"record {index + 1}"


def import_records(store: Store, path: Path, *, on_conflict: OnConflict = "fail",
                   dry_run: bool = False, progress: Progress | None = None,
                   writing: Progress | None = None) -> ImportReport:
    """Validate every record, then add them all or none. A record the store already holds
    exactly is skipped, not a conflict: importing an export again changes nothing.
    ``progress`` hears the bytes read, then ``writing`` the shards written."""
    put = store.put_meetings(iter_records(Path(path), progress), on_conflict=on_conflict,
                             dry_run=dry_run, same_is_skipped=True, progress=writing)
    return ImportReport(Path(path), "records", dry_run, put)


# -- statements ------------------------------------------------------------------------------


def read_statement(path: Path) -> str:
    path = Path(path)
    size = _size(path)
    _check_size(path, size, max_statement_bytes(), "a statement")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRefused(f"{path} is not UTF-8 text; save it as UTF-8 and try again.") \
            from None
    if not text.strip():
        raise ImportRefused(f"{path} is empty.")
    return text


@dataclass(frozen=True)
class Page:
    """A saved web page's statement: its main text and what the page says about itself."""

    text: str
    title: str
    published: dt.date | None
    url: str | None


def read_page(path: Path) -> Page:
    """The main text of a saved page (trafilatura), its title, publication date (htmldate,
    from the page's metadata, URL and text) and canonical URL."""
    path = Path(path)
    size = _size(path)
    _check_size(path, size, max_statement_bytes(), "a web page")
    return page_from_html(path.read_bytes().decode("utf-8", errors="replace"), str(path))


def page_from_html(html: str, where: str, url: str | None = None) -> Page:
    """A page's statement from its HTML (``url``: where it was fetched, used when the page
    names no canonical URL of its own)."""
    try:
        import htmldate
        import trafilatura
    except ImportError:
        raise ImportRefused(f"{where}: reading web pages needs trafilatura; install it with "
                            f"pip install 'meeting-dossier[web]'.") from None
    document = trafilatura.bare_extraction(html, url=url, with_metadata=True,
                                           include_comments=False, include_tables=False)
    body = (getattr(document, "text", None) or "").strip() if document is not None else ""
    if not body:
        raise ImportRefused(f"{where}: no main text found in this page.")
    title = (getattr(document, "title", None) or "").strip()
    # trafilatura gives paragraphs one a line; the extractor reads a blank line as a break.
    text = re.sub(r"\n+", "\n\n", body)
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    published = None
    found = htmldate.find_date(html, original_date=True, outputformat="%Y-%m-%d")
    if found:
        published = dt.date.fromisoformat(found)
    canonical = (getattr(document, "url", None) or "").strip() or url
    return Page(text + "\n", title, published, canonical)


# -- URLs and feeds ------------------------------------------------------------------------

FEED_SUFFIXES = (".xml", ".rss", ".atom")
#: Seconds to wait for a server to connect and to answer.
FETCH_TIMEOUT = 15.0


def is_url(value: str) -> bool:
    return value.startswith(("http://", "https://"))


def fetch(url: str) -> tuple[bytes, str, str]:
    """(body, final URL, content type) of ``url``: redirects followed, a timeout, and the
    statement size limit applied while reading, so a huge page is refused, not read."""
    try:
        import httpx
    except ImportError:
        raise ImportRefused(f"{url}: fetching needs httpx; install it with pip install "
                            f"'meeting-dossier[web]'.") from None
    limit = max_statement_bytes()
    try:
        with httpx.stream("GET", url, follow_redirects=True, timeout=FETCH_TIMEOUT,
                          headers={"User-Agent": "meeting-dossier"}) as response:
            if response.status_code >= 400:
                raise ImportRefused(f"{url}: the server answered {response.status_code} "
                                    f"{response.reason_phrase}.")
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > limit:
                    raise ImportRefused(f"{url}: more than the {limit / MiB:,.0f} MB allowed "
                                        f"for a statement; nothing was read past it.")
                chunks.append(chunk)
            return b"".join(chunks), str(response.url), \
                response.headers.get("content-type", "")
    except httpx.HTTPError as exc:
        reason = str(exc) or type(exc).__name__
        raise ImportRefused(f"{url}: could not fetch it ({reason}).") from None


def looks_like_feed(body: bytes, content_type: str = "") -> bool:
    head = body[:2000].lstrip().lower()
    return "rss" in content_type or "atom" in content_type or (
        head.startswith(b"<?xml") or head.startswith(b"<rss") or head.startswith(b"<feed")) \
        and (b"<rss" in head or b"<feed" in head or b"<rdf" in head)


@dataclass(frozen=True)
class FeedItem:
    text: str
    url: str | None
    published: dt.date | None
    title: str


def feed_items(body: bytes, where: str) -> list[FeedItem]:
    """Each item of an RSS or Atom feed as a statement: its title and text, link and date."""
    try:
        import feedparser
    except ImportError:
        raise ImportRefused(f"{where}: reading feeds needs feedparser; install it with pip "
                            f"install 'meeting-dossier[web]'.") from None
    parsed = feedparser.parse(body)
    if parsed.bozo and not parsed.entries:
        raise ImportRefused(f"{where}: not a feed that can be read "
                            f"({type(parsed.bozo_exception).__name__}).")
    items = []
    for entry in parsed.entries:
        title = (entry.get("title") or "").strip()
        content = entry.get("content") or []
        html = content[0].get("value", "") if content else entry.get("summary", "")
        text = _html_text(html)
        if not (title or text):
            continue
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        published = dt.date(*stamp[:3]) if stamp else None
        items.append(FeedItem(f"{title}\n\n{text}\n" if title else f"{text}\n",
                              entry.get("link"), published, title))
    return items


def _html_text(html: str) -> str:
    """The text of an item's HTML, a paragraph a block."""
    from html import unescape

    text = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", html)
    text = re.sub(r"(?i)</?(?:p|div|br|li|h[1-6]|blockquote)\b[^>]*>", "\n\n", text)
    text = unescape(re.sub(r"<[^>]+>", " ", text))
    text = re.sub(r"[ \t]+", " ", text)
    return re.sub(r"\s*\n\s*(?:\n\s*)*", "\n\n", text).strip()


def import_url(store: Store, url: str, *, year: int | None = None,
               published: dt.date | None = None, on_conflict: OnConflict = "fail",
               dry_run: bool = False) -> list[ImportReport]:
    """A web page (one draft) or a feed (one draft an item) fetched from ``url``."""
    body, final_url, content_type = fetch(url)
    if looks_like_feed(body, content_type):
        return import_feed(store, body, url, year=year, published=published,
                           on_conflict=on_conflict, dry_run=dry_run)
    page = page_from_html(body.decode("utf-8", errors="replace"), url, final_url)
    return [import_text(store, Path(url), page.text, url=page.url, year=year,
                        published=published or page.published, on_conflict=on_conflict,
                        dry_run=dry_run)]


def import_feed(store: Store, body: bytes, where: str, *, year: int | None = None,
                published: dt.date | None = None, on_conflict: OnConflict = "fail",
                dry_run: bool = False) -> list[ImportReport]:
    """Each item of a feed its own draft, with its link as the source URL and its date as
    the publication date (``published`` only for items that carry no date)."""
    reports = []
    for item in feed_items(body, where):
        reports.append(import_text(store, Path(item.url or where), item.text, url=item.url,
                                   year=year, published=item.published or published,
                                   on_conflict=on_conflict, dry_run=dry_run))
    return reports


def _text_hash(text: str) -> str:
    import hashlib

    normal = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def already_imported(store: Store, text: str, url: str | None) -> tuple[str, str] | None:
    """(meeting id, "source URL"|"text") of a stored meeting made from this statement."""
    digest = _text_hash(text)
    for doc in store.iter_meeting_docs():
        for source in (doc.get("sources") or ())[:1]:
            if not isinstance(source, dict):
                continue
            if url and source.get("url") == url:
                return doc["id"], "source URL"
            stored = source.get("text")
            if stored and len(stored.strip()) == len(text.replace("\r\n", "\n").strip()) \
                    and _text_hash(stored) == digest:
                return doc["id"], "text"
    return None


def draft_from_statement(store: Store | None, text: str, *, year: int | None = None,  # noqa: ANN201
                         published: dt.date | None = None):
    """The draft meeting a statement yields, with an id no stored meeting has."""
    from .extract import extract

    taken = {summary.id for summary in store.list_meetings()} if store is not None else set()
    extraction = extract(text, year=year, published=published, taken_ids=taken)
    if store is not None:
        extraction.meeting = same_people_same_ids(extraction.meeting, known_people(store))
    return extraction


def known_people(store: Store) -> dict[str, str]:
    """The participant id the store already uses for each person (by :func:`person_key`)."""
    from .extract.spans import person_key

    known: dict[str, str] = {}
    surnames: dict[str, set[str]] = {}
    for doc in store.iter_meeting_docs():
        for person in doc.get("participants") or ():
            if isinstance(person, dict) and not person.get("group") and person.get("name"):
                known.setdefault(person_key(person["name"]), person["id"])
                words = person["name"].split()
                if len(words) > 1:
                    surnames.setdefault(person_key(words[-1]), set()).add(person["id"])
    # "Putin" alone is the one stored person whose full name ends in it, if only one does.
    for surname, ids in surnames.items():
        if len(ids) == 1:
            known.setdefault(surname, next(iter(ids)))
    return known


def same_people_same_ids(meeting: Meeting, known: dict[str, str]) -> Meeting:
    """A person the store knows keeps their id, however this statement spells them
    ("Sergei Lavrov" here, "Sergey Lavrov" or "Сергей Лавров" there): one person, one id."""
    from .extract.spans import person_key

    if not known:
        return meeting
    taken: set[str] = set()
    people = []
    for person in meeting.participants:
        stored = known.get(person_key(person.name)) if not person.group else None
        if stored and stored not in taken:
            person = person.model_copy(update={"id": stored})
        taken.add(person.id)
        people.append(person)
    if len({p.id for p in people}) != len(people):
        return meeting  # a clash with another participant's own id: keep the draft's ids
    return meeting.model_copy(update={"participants": people})


def import_statement(store: Store, path: Path, *, year: int | None = None,
                     published: dt.date | None = None, on_conflict: OnConflict = "fail",
                     dry_run: bool = False) -> ImportReport:
    """A statement (.txt, .md) or a saved page (.html) as a draft meeting.

    The same statement is not imported twice: a stored meeting with the same source URL or
    the same text is reported and nothing is added, unless ``on_conflict`` is "replace",
    which makes the new draft replace it (same id)."""
    path = Path(path)
    url = None
    if path.suffix.lower() in PAGE_SUFFIXES:
        page = read_page(path)
        text, url = page.text, page.url
        published = published or page.published
    else:
        text = read_statement(path)
    return import_text(store, path, text, url=url, year=year, published=published,
                       on_conflict=on_conflict, dry_run=dry_run)


def import_text(store: Store, path: Path, text: str, *, url: str | None = None,
                year: int | None = None, published: dt.date | None = None,
                on_conflict: OnConflict = "fail", dry_run: bool = False) -> ImportReport:
    """One statement's text as a draft (see :func:`import_statement`)."""

    def build() -> tuple[Extraction, PutReport] | ImportReport:
        previous = already_imported(store, text, url)
        if previous is not None and on_conflict != "replace":
            meeting_id, how = previous
            return ImportReport(path, "statement", dry_run, PutReport((), (), (meeting_id,)),
                                None, [f"already imported as {meeting_id} (the same {how}); "
                                       f"nothing was added (--on-conflict replace imports it "
                                       f"again over it)"])
        extraction = draft_from_statement(store, text, year=year, published=published)
        meeting = extraction.meeting
        if url:
            meeting = meeting.model_copy(update={"sources": [
                meeting.sources[0].model_copy(update={"url": url}), *meeting.sources[1:]]})
        if previous is not None:
            meeting = meeting.model_copy(update={"id": previous[0]})
        extraction.meeting = meeting
        # A draft never replaces another meeting, whatever --on-conflict says; only the
        # meeting made from this same statement is replaced.
        put = store.put_meetings([meeting], on_conflict="replace" if previous else "fail",
                                 dry_run=dry_run)
        return extraction, put

    if dry_run:
        built = build()
    else:
        # The draft's id is chosen among the ids stored *now*, under the lock, and saved
        # before the lock is let go: two imports started together get two ids.
        with store.transaction():
            built = build()
    if isinstance(built, ImportReport):
        return built
    extraction, put = built
    return ImportReport(path, "statement", dry_run, put, extraction.meeting,
                        extraction.warnings, extraction.date_origin,
                        extraction.date_precision, extraction.mode, extraction.status)


def import_path(store: Store, path: Path, *, on_conflict: OnConflict = "fail",
                dry_run: bool = False, year: int | None = None,
                published: dt.date | None = None,
                progress: Progress | None = None,
                writing: Progress | None = None) -> ImportReport:
    """Import records or a statement, chosen by the file's extension (``progress`` and
    ``writing``: see :func:`import_records`)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in RECORD_SUFFIXES:
        return import_records(store, path, on_conflict=on_conflict, dry_run=dry_run,
                              progress=progress, writing=writing)
    if suffix in STATEMENT_SUFFIXES or suffix in PAGE_SUFFIXES:
        return import_statement(store, path, year=year, published=published,
                                on_conflict=on_conflict, dry_run=dry_run)
    raise ImportRefused(
        f"{path}: cannot tell what this is from its extension; use .json or .ndjson for "
        f"records, .txt or .md for a press statement and .html for a saved web page.")
