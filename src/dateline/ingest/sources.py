"""Turn what a user names (files, folders, globs, ``-``, URLs, feeds) into a stream of Articles.

    for item in read_sources(["archive/", "feeds/*.xml", "https://example.org/rss"], options):
        ...  # an Item (an Article and where it came from) or a SourceFailure

Nothing here raises for bad input: a missing path, a binary file, a bad JSONL line, a malformed
feed or a refused URL each become a SourceFailure naming where it happened and why, and the
stream goes on with the next input.
"""

from __future__ import annotations

import glob
import io
import os
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import IO, Any, Literal

from dateline.errors import DateError, DatelineError, FormatError, InputError
from dateline.ingest.article import make_article
from dateline.ingest.bounded import bounded_lines, not_regular, open_regular, read_file, too_large
from dateline.ingest.dates import in_range, parse_published, read_date
from dateline.ingest.documents import read_document
from dateline.ingest.feeds import FeedItem, looks_like_feed, read_feed
from dateline.ingest.fetch import Fetcher, is_url
from dateline.ingest.jsontext import MAX_DEPTH, load_json
from dateline.ingest.tabular import (
    parse_field_map,
    read_csv,
    read_json_list,
    read_jsonl,
    record_fields,
)
from dateline.ingest.text import decode_text, displayable, refuse_surrogates
from dateline.records import Article
from dateline.settings import Settings

InputFormat = Literal["auto", "text", "html", "json", "jsonl", "csv", "tsv", "feed"]
INPUT_FORMATS: tuple[str, ...] = ("auto", "text", "html", "json", "jsonl", "csv", "tsv", "feed")
_BY_SUFFIX: dict[str, InputFormat] = {
    ".txt": "text", ".text": "text", ".md": "text", ".html": "html", ".htm": "html",
    ".xhtml": "html", ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv",
    ".tsv": "tsv", ".rss": "feed", ".atom": "feed", ".xml": "feed",
}
_GLOB_CHARS = frozenset("*?[")
_META = ("title", "published", "source", "url", "author")
_BLANK = b"\xef\xbb\xbf \t\r\n"


@dataclass(frozen=True)
class IngestOptions:
    """How to read sources; defaults for metadata apply only where an input has none."""

    fmt: InputFormat = "auto"
    field_map: Mapping[str, str] = field(default_factory=dict)
    follow_links: bool = False
    allow_private: bool = False
    fetch_timeout: float = 20.0
    fetch_deadline: float = 60.0
    fetch_max_bytes: int = 10_000_000
    max_bytes: int = 10_000_000
    max_chars: int = 1_000_000
    max_json_depth: int = MAX_DEPTH
    published: str | None = None
    source: str | None = None
    check_language: bool = True

    @classmethod
    def from_settings(cls, settings: Settings, **options: Any) -> IngestOptions:
        """Take limits and fetch rules from settings; ``options`` (None = unset) win."""
        given = {k: v for k, v in options.items() if v is not None}
        if "field_map" in given:
            given["field_map"] = parse_field_map(given["field_map"])
        names = ("allow_private", "fetch_timeout", "fetch_deadline", "fetch_max_bytes",
                 "max_bytes", "max_chars", "max_json_depth")
        base = {name: getattr(settings, name) for name in names}
        return cls(**{**base, **given})


@dataclass(frozen=True, slots=True)
class Item:
    """An article read from a source; ``origin`` says where (``file.jsonl:12``, a URL...)."""

    article: Article
    origin: str


@dataclass(frozen=True, slots=True)
class SourceFailure:
    """An input that did not become an article, and why."""

    origin: str
    error: str
    message: str


Read = Item | SourceFailure


def read_sources(sources: Iterable[str], options: IngestOptions | None = None,
                 stdin: IO[bytes] | None = None) -> Iterator[Read]:
    """Yield an Item or a SourceFailure for everything the sources hold, in order."""
    reader = _Reader(options or IngestOptions(), stdin)
    for source in sources:
        for found in reader.source(str(source)):
            yield _displayable(found)


def read_bytes(data: bytes, origin: str, options: IngestOptions | None = None) -> Iterator[Read]:
    """Yield what one file's bytes hold, read as ``dateline ingest`` reads that file.

    For runners that get files' contents from elsewhere (Spark's binary file source): the
    format goes by ``origin``'s suffix, and errors become SourceFailures as for a file.
    """
    reader = _Reader(options or IngestOptions(), None)
    try:
        fmt = reader.options.fmt
        if fmt == "auto":
            fmt = _BY_SUFFIX.get(Path(origin).suffix.lower(), "auto")
        if fmt in ("jsonl", "csv", "tsv"):
            found = reader.records(fmt, io.BytesIO(data), origin)
        elif len(data) > reader.options.max_bytes:
            raise too_large(origin, reader.options.max_bytes)
        else:
            found = reader.data(data, origin, fmt)
        for item in found:
            yield _displayable(item)
    except (DatelineError, OSError) as exc:
        yield _displayable(_failure(origin, exc))
    except Exception as exc:  # a bug costs this input, never the run
        yield _displayable(_unexpected(origin, exc))


def read_rows(rows: Iterable[tuple[str, Mapping[str, Any]]],
              options: IngestOptions | None = None) -> Iterator[Read]:
    """Yield an Item or a SourceFailure per ``(origin, record)``, with ingest's field names and
    ``--map`` (for records a runner reads itself, such as Parquet rows)."""
    reader = _Reader(options or IngestOptions(), None)

    def fields() -> Iterator[tuple[str, dict[str, Any] | DatelineError]]:
        for where, record in rows:
            try:
                yield where, record_fields(record, where, reader.options.field_map)
            except DatelineError as exc:
                yield where, exc

    for item in reader.fields(fields()):
        yield _displayable(item)


class _Reader:
    def __init__(self, options: IngestOptions, stdin: IO[bytes] | None) -> None:
        self.options = options
        self.stdin = stdin
        self.fetcher = Fetcher(allow_private=options.allow_private,
                               timeout=options.fetch_timeout, deadline=options.fetch_deadline,
                               max_bytes=options.fetch_max_bytes)

    def source(self, source: str) -> Iterator[Read]:
        try:
            if source == "-":
                yield from self.stream(self.stdin or sys.stdin.buffer, "standard input")
            elif is_url(source):
                yield from self.url(source)
            elif Path(source).is_dir():
                yield from self.folder(Path(source))
            elif Path(source).is_file():
                yield from self.file(Path(source))
            elif os.path.lexists(source):
                raise not_regular(source)  # a pipe, a device, a socket: never read
            elif _GLOB_CHARS & set(source):
                yield from self.pattern(source)
            else:
                raise InputError(f"{source} does not exist.")
        except (DatelineError, OSError) as exc:
            yield _failure(source, exc)
        except Exception as exc:  # a bug costs this input, never the run
            yield _unexpected(source, exc)

    # Where inputs come from ---------------------------------------------------------------------

    def pattern(self, pattern: str) -> Iterator[Read]:
        matches = sorted(glob.glob(pattern, recursive=True))
        if not matches:
            raise InputError(f"{pattern} matches no files.")
        for match in matches:
            yield from self.source(match)

    def folder(self, folder: Path) -> Iterator[Read]:
        # Every visible file is read (a stray binary file is reported, never silently skipped);
        # hidden files and folders (.git, .DS_Store) are not articles.
        for root, dirs, files in os.walk(folder, followlinks=False):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if not name.startswith("."):
                    yield from self.source(os.path.join(root, name))

    def file(self, path: Path) -> Iterator[Read]:
        fmt = self.options.fmt
        if fmt == "auto":
            fmt = _BY_SUFFIX.get(path.suffix.lower(), "auto")
        origin = str(path)
        if fmt in ("jsonl", "csv", "tsv"):
            with open_regular(path) as stream:
                yield from self.records(fmt, stream, origin)
            return
        yield from self.data(read_file(path, self.options.max_bytes), origin, fmt)

    def stream(self, stream: IO[bytes], origin: str) -> Iterator[Read]:
        """Read standard input: JSON Lines when the first line is a JSON object, else one document."""
        fmt = self.options.fmt
        limit = self.options.max_bytes
        first = stream.readline(limit + 1)
        # A first line over the limit that opens an object is taken for a JSON Lines line too
        # long to read: it becomes one failure and the lines after it are still read.
        jsonl = _is_json_object(first, self.options.max_json_depth) or (
            len(first) > limit and first.lstrip(_BLANK).startswith(b"{"))
        if fmt in ("jsonl", "csv", "tsv") or (fmt == "auto" and jsonl):
            rest = io.BufferedReader(_Chain(first, stream))
            yield from self.records("jsonl" if fmt == "auto" else fmt, rest, origin)
            return
        data = first + stream.read(limit + 1 - len(first))
        if len(data) > limit:
            raise too_large(origin, limit)
        yield from self.data(data, origin, fmt)

    def url(self, url: str) -> Iterator[Read]:
        fetched = self.fetcher.get(url)
        fmt = self.options.fmt
        content_type = fetched.content_type.lower()
        if fmt == "feed" or (fmt == "auto" and (looks_like_feed(fetched.data)
                                                or "rss" in content_type
                                                or "atom" in content_type)):
            yield from self.feed(fetched.data, url)
            return
        yield from self.data(fetched.data, url, fmt, url=fetched.url)

    # What inputs hold ------------------------------------------------------------------------

    def data(self, data: bytes, origin: str, fmt: str, url: str | None = None) -> Iterator[Read]:
        """Read one input held in memory: a feed, a JSON array, JSON Lines or one document."""
        if fmt == "feed" or (fmt == "auto" and looks_like_feed(data)):
            yield from self.feed(data, origin)
            return
        if fmt in ("jsonl", "csv", "tsv"):
            yield from self.records(fmt, io.BytesIO(data), origin)
            return
        if fmt in ("auto", "json"):
            head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
            if head == b"[":
                yield from self.json_array(data, origin)
                return
            if fmt == "auto" and head == b"{" and _is_json_lines(data, self.options.max_json_depth):
                yield from self.records("jsonl", io.BytesIO(data), origin)
                return
        if fmt == "feed":
            raise FormatError(f"{origin} is not an RSS or Atom feed.")
        article = read_document(data, name=origin, fmt=fmt if fmt != "auto" else "auto",  # type: ignore[arg-type]
                                max_bytes=self.options.max_bytes,
                                max_chars=self.options.max_chars,
                                max_depth=self.options.max_json_depth, url=url)
        yield Item(self.defaults(article), origin)

    def json_array(self, data: bytes, origin: str) -> Iterator[Read]:
        text = decode_text(data, max_bytes=self.options.max_bytes, name=origin)
        items = load_json(text, origin, self.options.max_json_depth)
        if not items:
            raise FormatError(f"{origin} is an empty JSON array: no article in it.")
        yield from self.fields(read_json_list(items, origin, self.options.field_map))

    def records(self, fmt: str, stream: IO[bytes], origin: str) -> Iterator[Read]:
        opts = self.options
        if fmt == "jsonl":
            found = read_jsonl(stream, origin, opts.field_map, max_bytes=opts.max_bytes,
                               max_depth=opts.max_json_depth)
        else:
            found = read_csv(stream, origin, opts.field_map, max_bytes=opts.max_bytes,
                             delimiter="\t" if fmt == "tsv" else ",")
        yield from self.fields(found)

    def fields(self, found: Iterable[tuple[str, dict[str, Any] | DatelineError]]
               ) -> Iterator[Read]:
        for where, fields_or_error in found:
            if isinstance(fields_or_error, DatelineError):
                yield _failure(where, fields_or_error)
                continue
            try:
                item = Item(self.article(fields_or_error, where), where)
            except DatelineError as exc:
                yield _failure(where, exc)
                continue
            except Exception as exc:  # a bug costs this record, never the file
                yield _unexpected(where, exc)
                continue
            yield item

    def feed(self, data: bytes, origin: str) -> Iterator[Read]:
        for item in read_feed(data, origin):
            where = item.link or f"{origin}#{item.index + 1}"
            try:
                if self.options.follow_links and item.link:
                    found = Item(self.linked(item), where)
                else:
                    found = Item(self.article({"text": item.text, "title": item.title,
                                               "url": item.link, "published": item.published,
                                               "author": item.author, "source": item.source},
                                              where), where)
            except (DatelineError, OSError) as exc:
                yield _failure(where, exc)
                continue
            except Exception as exc:  # a bug costs this item, never the feed
                yield _unexpected(where, exc)
                continue
            yield found

    def linked(self, item: FeedItem) -> Article:
        """Fetch a feed item's page and read it; the item's metadata fills what the page lacks."""
        assert item.link is not None
        fetched = self.fetcher.get(item.link)
        article = read_document(fetched.data, name=item.link, max_bytes=self.options.max_bytes,
                                max_chars=self.options.max_chars,
                                max_depth=self.options.max_json_depth)
        return self.defaults(replace(
            article, title=article.title or item.title, url=item.link,
            published=article.published or parse_published(item.published),
            author=article.author or item.author, source=article.source or item.source))

    # Articles ------------------------------------------------------------------------------------

    def article(self, fields: Mapping[str, Any], name: str) -> Article:
        values = dict(fields)
        text = values.pop("text", None)
        if not isinstance(text, str):
            raise FormatError(f"{name} has no article text.")
        refuse_surrogates(name, text=text, **{k: v for k, v in values.items() if k in _META})
        values = {k: (str(v) if k != "published" and v is not None else v)
                  for k, v in values.items() if k in _META}
        values["published"] = lenient_published(values.get("published"), name)
        article = make_article(text, max_chars=self.options.max_chars, name=name,
                               check_language=self.options.check_language, **values)
        return self.defaults(article)

    def defaults(self, article: Article) -> Article:
        opts = self.options
        if article.published is None and opts.published:
            article = replace(article, published=parse_published(opts.published))
        if article.source is None and opts.source:
            article = replace(article, source=opts.source)
        return article


def lenient_published(value: Any, name: str) -> datetime | None:
    """Read a record's date: ISO 8601 or RFC 2822 first, then the formats archives use.

    Archives and spreadsheets write "March 20, 2026" or "20/03/2026"; dateparser reads those
    (day first where ambiguous, as most of the world's news outside the US writes them).
    """
    if value is None or isinstance(value, datetime) or value == "":
        return parse_published(value)
    text = str(value).strip()
    found = read_date(text)
    # A date is short; a long field mapped by mistake is not worth parsing word by word.
    if found is None and len(text) <= 100:
        import dateparser

        found = dateparser.parse(text, languages=["en"], settings={
            "DATE_ORDER": "DMY", "REQUIRE_PARTS": ["day", "month", "year"],
            "PREFER_DATES_FROM": "past"})
    if found is None:
        raise DateError(f"{name}: cannot read the date {text[:40]!r}. Use ISO 8601, "
                        "e.g. 2026-03-20, or map another field with --map published=FIELD.")
    return in_range(found, text)


def _failure(origin: str, exc: BaseException) -> SourceFailure:
    if isinstance(exc, OSError) and not isinstance(exc, DatelineError):
        message = f"Cannot read {origin}: {exc.strerror or exc}."
        return SourceFailure(origin, "InputError", message)
    return SourceFailure(origin, type(exc).__name__, str(exc))


def _unexpected(origin: str, exc: Exception) -> SourceFailure:
    return SourceFailure(origin, type(exc).__name__, f"Unexpected {type(exc).__name__} while "
                         f"reading {origin}: {exc}. The run went on; please report this.")


def _displayable(found: Read) -> Read:
    """Escape what cannot be stored as UTF-8 in an origin or message (non-UTF-8 file names)."""
    if isinstance(found, Item):
        origin = displayable(found.origin)
        return found if origin == found.origin else Item(found.article, origin)
    return SourceFailure(displayable(found.origin), found.error, displayable(found.message))


def _is_json_object(line: bytes, max_depth: int = MAX_DEPTH) -> bool:
    try:
        return isinstance(load_json(line.decode("utf-8-sig"), "line", max_depth), dict)
    except (UnicodeDecodeError, DatelineError):
        return False


def _is_json_lines(data: bytes, max_depth: int = MAX_DEPTH) -> bool:
    """True when the first line alone is a whole JSON object (so one object per line)."""
    first = data.lstrip(_BLANK).split(b"\n", 1)[0]
    return _is_json_object(first, max_depth)


class _Chain(io.RawIOBase):
    """A readable stream of already-read bytes followed by the rest of another stream."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self.head = head
        self.rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self.head:
            size = min(len(buffer), len(self.head))
            buffer[:size] = self.head[:size]
            self.head = self.head[size:]
            return size
        # read1 hands over what has arrived rather than waiting for a whole buffer.
        data = getattr(self.rest, "read1", self.rest.read)(len(buffer))
        buffer[:len(data)] = data
        return len(data)


def estimate_total(sources: Iterable[str]) -> int | None:
    """Guess how many articles the sources hold (for a progress bar); None when unknowable."""
    try:
        return _estimate(sources)
    except (OSError, DatelineError):  # unreadable: a failure row later, not a crash now
        return None


def _estimate(sources: Iterable[str]) -> int | None:
    total = 0
    for source in sources:
        if source == "-" or is_url(source):
            return None
        path = Path(source)
        paths: Iterable[Path]
        if path.is_dir():
            paths = (p for p in path.rglob("*") if p.is_file() and not any(
                part.startswith(".") for part in p.relative_to(path).parts))
        elif path.is_file():
            paths = [path]
        elif _GLOB_CHARS & set(source):
            paths = (Path(p) for p in glob.glob(source, recursive=True) if Path(p).is_file())
        else:
            continue
        for p in paths:
            kind = _BY_SUFFIX.get(p.suffix.lower())
            if kind == "feed":
                return None
            total += _count_lines(p) - (kind in ("csv", "tsv")) if kind in ("jsonl", "csv", "tsv") \
                else 1
    return total


def _count_lines(path: Path) -> int:
    """Count the lines that are not blank, holding no line in memory (limit 0 drops them all)."""
    with open_regular(path) as stream:
        return sum(line is None for _, line in bounded_lines(stream, 0))
