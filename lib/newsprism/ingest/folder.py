"""Read a folder of news articles into one clean ``articles`` table.

Input formats: ``.txt`` (copied from a browser), ``.html``/``.htm`` (saved
pages, article extracted with trafilatura), ``.md``, and ``.jsonl``/``.csv``
with one article per record. An optional ``manifest.csv`` or ``manifest.yaml``
gives per-file ``outlet``, ``url``, ``published``, ``country``, ``headline``
and ``story``; those values win over what is inferred from the text.

Every entry of the input folder becomes an article or a row of the
``rejected`` table with a reason a person understands: files that cannot be
used (empty, binary, undecodable, too large, too long for the parser,
unsupported extension, duplicate, nothing left after cleaning), entries that
are not read at all (subfolders, named pipes and other special files,
symbolic links that leave the folder, are broken or loop, files that cannot
be opened, names that are not valid UTF-8), a second manifest, and invalid
manifest rows. Each reject is also logged as a warning and the run
continues; only hidden files (``.DS_Store``) are skipped, with an info
message. Nothing in the input folder is ever written to, and a file is never
opened before it is known to be a regular file inside the folder.

All text read (file text, record fields, HTML extraction, manifest values)
goes through :func:`clean_control_characters` before it is used.

``articles`` columns:

===============  ================================================================
article_id       first 12 hex digits of SHA-256 of the body, whitespace collapsed
file             file name; ``name.jsonl#N`` / ``name.csv#N`` for record N (1-based)
outlet           manifest, record or page metadata, furniture, or URL domain; "" if unknown
headline         manifest, record/HTML title, or first title-like line of the page
dateline         place of the dateline (``WASHINGTON``), "" if none
published        ``YYYY-MM-DD`` or ""
url              web address, "" if unknown
country          manifest/record value, else the known outlet's country, else ""
language         ISO 639-1 code detected from the body (py3langid)
english          ``language == "en"``
body             clean article text, paragraphs joined with "\\n" (all offsets index into it)
word_count       words in ``body``
furniture        JSON list of the removed strings, in page order
credits          JSON list of ``{"text", "where"}`` (where: dateline, photo credit, byline)
content_hash     full SHA-256 of ``body`` (UTF-8)
story            the story (event) the manifest or record puts the article in, "" if none
                 (``stories.find_stories`` groups the rest)
===============  ================================================================
"""

from __future__ import annotations

import collections
import contextlib
import csv
import datetime as dt
import errno
import functools
import hashlib
import io
import json
import logging
import os
import re
import signal
import stat
import sys
import threading
import time
import traceback
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml

from newsprism.ingest.furniture import CleanPage, clean_page, match_rule, normalise_line, words
from newsprism.ingest.metadata import (
    find_dates,
    html_outlet,
    outlet_by_name,
    outlet_from_url,
    page_meta,
    parse_date,
    photo_credit,
    split_dateline,
    without_site_suffix,
)
from newsprism.text.parallel import map_in_processes
from newsprism.text.quote_spans import AMBIGUOUS, CLOSING, SINGLE_CLOSERS

log = logging.getLogger("newsprism")

ARTICLE_COLUMNS = [
    "article_id", "file", "outlet", "headline", "dateline", "published", "url", "country",
    "language", "english", "body", "word_count", "furniture", "credits", "content_hash", "story",
]
REJECTED_COLUMNS = ["file", "reason"]
FURNITURE_COLUMNS = ["article_id", "file", "position", "text", "category", "region"]
SUPPORTED_EXTENSIONS = (".txt", ".html", ".htm", ".md", ".pdf", ".jsonl", ".csv")
MANIFEST_NAMES = ("manifest.csv", "manifest.yaml", "manifest.yml")
MANIFEST_FIELDS = ("outlet", "url", "published", "country", "headline", "story")
DEFAULT_MAX_BYTES = 5_000_000
# spaCy's default nlp.max_length: a longer text makes the parse fail (and
# needs about 1 GB of memory per 100,000 characters), so it is refused here.
MAX_BODY_CHARS = 1_000_000
# A manifest or front matter is a few lines; more than this is not one.
MAX_YAML_CHARS = 1_000_000
# trafilatura reads about 1 MB of markup in 5 s; a page that takes a minute is pathological.
DEFAULT_HTML_SECONDS = 60
# Articles about one event are published within days of each other.
DATE_SPREAD_DAYS = 30

# Field names accepted in .jsonl/.csv records and Markdown front matter, in order of preference.
RECORD_FIELDS = {
    "body": ("body", "text", "content", "article", "maintext", "article_text", "body-paragraphs", "paragraphs"),
    "headline": ("headline", "title"),
    "outlet": ("outlet", "source", "sitename", "site_name", "site", "publisher", "source_name"),
    "url": ("url", "link", "source_url"),
    "published": ("published", "date", "publish_date", "published_at", "date_publish", "pubdate", "datetime"),
    "country": ("country",),
    "story": ("story", "story_id", "event"),
}

# First bytes of common binary formats, to say what a misnamed file really is.
MAGIC_NUMBERS = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"RIFF", "a RIFF file (WebP image, WAV audio or AVI video)"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx/.odt document, which are ZIP files)"),
    (b"\x1f\x8b", "a gzip-compressed file"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document (.doc/.xls)"),
    (b"{\\rtf", "an RTF document"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x7fELF", "a program (ELF executable)"),
    (b"MZ", "a Windows program"),
    (b"ID3", "an MP3 audio file"),
    (b"\x00\x00\x00\x18ftyp", "an MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "an MP4 video"),
    (b"SQLite format 3", "an SQLite database"),
)


class NoUsableArticles(ValueError):
    """The input folder holds no article that could be used; the message lists why."""


@dataclass
class Ingested:
    """What :func:`ingest_folder` read.

    ``articles``: one row per usable article (columns in :data:`ARTICLE_COLUMNS`);
    ``rejected``: one row per unusable file, record or manifest row (``file``, ``reason``);
    ``furniture``: one row per removed line (``article_id``, ``file``, ``position``,
    ``text``, ``category``, ``region``), for a reader who wants to see why a line went.
    """

    articles: pd.DataFrame
    rejected: pd.DataFrame
    furniture: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=FURNITURE_COLUMNS))

    @property
    def non_english(self) -> pd.DataFrame:
        """The kept articles whose body is not English: columns ``file`` and ``language``.

        The English analyses (reporting verbs, hedges, labels) may miss things in them.
        """
        articles = self.articles
        return articles.loc[~articles["english"].astype(bool), ["file", "language"]].reset_index(drop=True)


@dataclass
class Reject:
    """One unusable file, record or manifest row, with a reason a person understands."""

    file: str
    reason: str
    #: The traceback of an error that is a bug of ours (logged, not a column of the rejected table).
    error: str = ""


@dataclass
class RawArticle:
    """An article's text before cleaning, with whatever metadata its file gave."""

    file: str
    text: str
    source_file: str
    headline: str = ""
    outlet: str = ""
    url: str = ""
    published: str = ""
    country: str = ""
    story: str = ""
    credits: list[dict] = field(default_factory=list)
    extracted: bool = False  # an extractor has cut the page down to the article (no line rules then)


class _Unusable(Exception):
    """Raised by the readers; becomes a :class:`Reject`."""


class _TookTooLong(BaseException):
    """Raised by the alarm of :func:`_time_limit`.

    A ``BaseException``, like ``KeyboardInterrupt``, so that the broad
    ``except Exception`` blocks inside trafilatura do not swallow it.
    """


# --- text that is safe to show and to parse ------------------------------------------

# Line ends of every kind (the ones str.splitlines() also splits on) become "\n".
_LINE_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
# Terminal escape sequences: CSI (ESC [ ... final letter), OSC (ESC ] ... BEL or ESC \),
# and two-character escapes. Whole sequences go, so no "[31m" is left behind.
_TERMINAL_ESCAPE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]")
# Bidirectional marks, embeddings, overrides and isolates: they can make shown
# text read differently from what it is ("Trojan source").
_BIDI = r"\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
# C0 and C1 controls except tab (\x09) and newline (\x0a), DEL, and the bidi controls.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f" + _BIDI + "]")
# Lone UTF-16 surrogates (from JSON "\ud800" escapes) cannot be written as UTF-8.
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
# Any character one of the rewrites below changes (line ends other than "\n", escapes, controls, surrogates).
_ANY_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff" + _BIDI + "]")


def clean_control_characters(text: str) -> str:
    r"""Text without control characters, terminal escapes or bidirectional overrides.

    Every line end (``\r\n``, ``\r``, form feed, Unicode line separators)
    becomes ``\n``; tabs stay; other C0/C1 control characters, whole
    terminal escape sequences (``ESC [ 31 m``) and the bidirectional marks,
    embeddings, overrides and isolates are removed; lone surrogates become
    U+FFFD.

    >>> clean_control_characters("Kyiv\r\nsaid \x1b[31mred\x1b[0m, \u202eevil\x00.")
    'Kyiv\nsaid red, evil.'
    """
    if not _ANY_CONTROL.search(text):
        return text  # most text has none: one search instead of four rewrites
    text = _LINE_BREAKS.sub("\n", text)
    text = _TERMINAL_ESCAPE.sub("", text)
    text = _CONTROL_CHARACTERS.sub("", text)
    return _LONE_SURROGATE.sub("\ufffd", text)


# Characters a file name must not have: any control character (newline and tab
# included) and the bidirectional controls.
_UNSAFE_IN_NAME = re.compile(r"[\x00-\x1f\x7f-\x9f" + _BIDI + "]")


def printable_name(name: str) -> str:
    r"""A file name that can be shown: bytes that are not UTF-8 and control characters escaped.

    Names that are valid UTF-8 without control characters come back unchanged.

    >>> printable_name(os.fsdecode(b"caf\xe9.txt"))
    'caf\\xe9.txt'
    >>> printable_name("report\u202etxt.exe")
    'report\\u202etxt.exe'
    """
    text = os.fsencode(name).decode("utf-8", "backslashreplace")
    return _UNSAFE_IN_NAME.sub(lambda m: m[0].encode("unicode_escape").decode("ascii"), text)


def _name_problem(name: str) -> str | None:
    """Why a file name cannot be used as the article's ``file`` value, or None."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return "the file name is not valid UTF-8 (shown here with \\x escapes): rename the file"
    if _UNSAFE_IN_NAME.search(name):
        return "the file name contains control or text-direction characters (shown here escaped): rename the file"
    return None


# --- bytes -> text ----------------------------------------------------------------

def _size(n: int, limit: bool = False) -> str:
    """A size as people say it: "5 MB" for a limit, "12.3 MB" (or "6.6 kB") for a file."""
    value, unit = (n / 1_000_000, "MB") if n >= 1_000_000 else (n / 1_000, "kB")
    return f"{value:g} {unit}" if limit else f"{value:.1f} {unit}"


def sniff_binary(data: bytes) -> str | None:
    """What a binary file is (e.g. "a PNG image"), or None when it may be text.

    >>> sniff_binary(b"\\x89PNG\\r\\n\\x1a\\n....")
    'a PNG image'
    >>> sniff_binary("Kyiv".encode()) is None
    True
    """
    for magic, what in MAGIC_NUMBERS:
        if data.startswith(magic):
            return what
    if data.startswith(_UTF32_BOMS + _UTF16_BOMS):
        return None  # UTF-16/32 with a byte-order mark: NUL bytes are expected; decode_text decides
    if b"\x00" in data[:65536]:
        return "a binary file (it contains NUL bytes)"
    return None


def _looks_like_western_text(text: str) -> bool:
    """Whether a Windows-1252 reading is plausible rather than mojibake of another encoding."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    accented = sum(1 for c in letters if ord(c) > 127)
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\t\n\r\f")
    return controls == 0 and accented / len(letters) < 0.1


# The UTF-32 little-endian BOM starts with the UTF-16 one: test UTF-32 first.
_UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
#: UTF-8 text with at most this many undecodable bytes is read (they become U+FFFD), not refused.
MAX_STRAY_BYTES = 8


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode file bytes as text; returns ``(text, encoding)``.

    UTF-8 (with or without BOM) and UTF-16 with a BOM are read as such; UTF-8
    with a few undecodable bytes (at most ``MAX_STRAY_BYTES``, and at least two
    well-formed non-ASCII characters for each) is read with each replaced by
    U+FFFD, and the encoding says how many.
    Windows-1252 is accepted only when the result looks like Western text
    (few accented letters, no control characters); anything else, UTF-32
    included, raises ``ValueError`` rather than garbling the article.

    >>> decode_text("Kyiv – Київ".encode("utf-8"))
    ('Kyiv – Київ', 'utf-8')
    >>> decode_text("café society".encode("cp1252"))
    ('café society', 'cp1252')
    >>> decode_text("Kyiv – Київ".encode("utf-8")[:-1] + " is the capital.".encode("utf-8"))[1]
    'utf-8 with 1 undecodable byte replaced by \ufffd'
    >>> decode_text("Kyiv".encode("utf-32"))
    Traceback (most recent call last):
    ValueError: UTF-32 text: save the file as UTF-8
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data.decode("utf-8-sig"), "utf-8-sig"
    if data.startswith(_UTF32_BOMS):
        # Python could decode it, but editors rarely write UTF-32 and a stray
        # match is more likely a binary file; ask for the common encoding instead.
        raise ValueError("UTF-32 text: save the file as UTF-8")
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as err:
            raise ValueError(f"starts like UTF-16 text but byte {err.start} cannot be decoded") from err
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as err:
        utf8_error = err
    as_utf8 = data.decode("utf-8", errors="replace")
    stray = as_utf8.count("\ufffd") - data.count("\ufffd".encode("utf-8"))
    decoded = sum(1 for char in as_utf8 if ord(char) > 127) - stray
    if stray <= MAX_STRAY_BYTES and decoded >= 2 * stray:
        # Good UTF-8 characters around a few bad bytes (a browser dump cut inside a character, a
        # damaged byte): UTF-8 text, not Windows-1252, which would garble every one of them.
        return as_utf8, f"utf-8 with {stray} undecodable byte{'s' if stray > 1 else ''} replaced by \ufffd"
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = ""
    if text and _looks_like_western_text(text):
        return text, "cp1252"
    raise ValueError(
        f"not UTF-8 text (byte 0x{data[utf8_error.start]:02X} at position {utf8_error.start} "
        "cannot be decoded) and not plain Windows-1252 text either: save the file as UTF-8"
    )


def _special_kind(mode: int) -> str:
    """What a folder entry that is not a regular file or folder is, in words."""
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a special file"


def _os_problem(err: OSError) -> str:
    """An operating-system error as a reason: "permission denied (check the file's permissions)"."""
    if isinstance(err, PermissionError):
        return "permission denied (check the file's permissions)"
    return (err.strerror or type(err).__name__).lower()


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``; raises ``_Unusable`` otherwise.

    The size and kind are checked before the file is opened, so a file over
    the limit is never read and a named pipe is never opened (opening one
    waits for a writer forever). The file is opened non-blocking and checked
    again on the open handle, in case it was swapped in between.
    """
    try:
        info = path.stat()
    except OSError as err:
        raise _Unusable(f"could not be examined: {_os_problem(err)}") from err
    if not stat.S_ISREG(info.st_mode):
        raise _Unusable(f"{_special_kind(info.st_mode)}, not a regular file: not read")
    if info.st_size > max_bytes:
        raise _Unusable(f"larger than the {_size(max_bytes, limit=True)} limit ({_size(info.st_size)})")
    if info.st_size == 0:
        raise _Unusable("empty file")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as err:
        raise _Unusable(f"could not be opened: {_os_problem(err)}") from err
    try:
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise _Unusable("not a regular file: not read")
            data = handle.read(max_bytes + 1)  # + 1: a file that grew since stat() is still caught
    except OSError as err:
        raise _Unusable(f"could not be read: {_os_problem(err)}") from err
    if len(data) > max_bytes:
        raise _Unusable(f"larger than the {_size(max_bytes, limit=True)} limit (it grew while being read)")
    if not data:
        raise _Unusable("empty file")
    return data


def read_text_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Read a file as text after the bad-input checks; raises ``_Unusable`` with the reason.

    The file is opened read-only and never changed; a file over ``max_bytes``
    or that is not a regular file is not opened at all.
    """
    data = _read_bytes(path, max_bytes)
    what = sniff_binary(data)
    if what:
        raise _Unusable(f"not text: looks like {what}")
    try:
        text, encoding = decode_text(data)
    except ValueError as err:
        raise _Unusable(str(err)) from err
    if encoding == "cp1252":
        log.warning("%s: not UTF-8; read as Windows-1252 text", path.name)
    elif encoding.startswith("utf-8 with"):
        log.warning("%s: read as UTF-8 text, %s", path.name, encoding.removeprefix("utf-8 with "))
    if not text.strip():
        raise _Unusable("empty file (only whitespace)")
    # One line end for every reader: the csv module stops at a bare "\r"
    # (classic Mac line ends) inside an unquoted field.
    return re.sub(r"\r\n?", "\n", text)


# --- bounded work: time limit, YAML ---------------------------------------------------

@contextlib.contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
    """Raise ``_TookTooLong`` inside the block once ``seconds`` have passed.

    Uses SIGALRM, the only way to stop pure-Python work from outside without
    another process; it works in the main thread (where scripts and papermill
    kernels run code) on POSIX systems. Elsewhere the block runs without a
    limit. An alarm set by someone else (e.g. pytest-timeout) is restored.
    """
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not seconds or seconds <= 0 or not usable:
        if seconds and not usable:
            log.debug("no time limit: not in the main thread or no SIGALRM on this system")
        yield
        return

    def on_alarm(signum, frame):  # noqa: ARG001 - signal handler signature
        raise _TookTooLong

    previous_handler = signal.signal(signal.SIGALRM, on_alarm)
    previous_delay, _ = signal.setitimer(signal.ITIMER_REAL, seconds)
    started = time.monotonic()
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous_handler)
        if previous_delay:
            left = previous_delay - (time.monotonic() - started)
            signal.setitimer(signal.ITIMER_REAL, max(left, 0.001))


class _YamlRefused(ValueError):
    """YAML that is not parsed at all: too long, aliases, nested too deeply."""


class _NoAliasLoader(yaml.SafeLoader):
    """``yaml.SafeLoader`` that refuses aliases (``*name``).

    A few lines of aliases to aliases ("billion laughs") expand to gigabytes
    once the values are turned into text; manifests and front matter never
    need them.
    """

    def compose_node(self, parent, index):  # noqa: D102 - PyYAML hook
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise _YamlRefused(
                f"it uses the YAML alias *{event.anchor} (line {event.start_mark.line + 1}); "
                "aliases are not accepted: write each value out"
            )
        return super().compose_node(parent, index)


def load_yaml(text: str) -> object:
    """Parse YAML from an input folder: safe types only, no aliases, at most :data:`MAX_YAML_CHARS`.

    Raises ``ValueError`` with a reason a person understands.

    >>> load_yaml("- file: a.txt\\n  outlet: Oslo Daily")
    [{'file': 'a.txt', 'outlet': 'Oslo Daily'}]
    >>> try:
    ...     load_yaml("a: &a [x, x]\\nb: [*a, *a]")
    ... except ValueError as err:
    ...     print(err)
    it uses the YAML alias *a (line 2); aliases are not accepted: write each value out
    """
    if len(text) > MAX_YAML_CHARS:
        raise _YamlRefused(f"the YAML text has {len(text):,} characters, more than the {MAX_YAML_CHARS:,} read")
    try:
        return yaml.load(text, Loader=_NoAliasLoader)  # noqa: S506 - a SafeLoader subclass
    except RecursionError as err:
        raise _YamlRefused("the YAML is nested too deeply to read") from err
    except yaml.YAMLError as err:
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        mark = getattr(err, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        raise ValueError(f"not valid YAML: {problem}{where}") from err


# --- readers, one per format ---------------------------------------------------------

_WRAPPED_LINE_END = re.compile("[.!?…:)" + re.escape(CLOSING + AMBIGUOUS + SINGLE_CLOSERS) + "\\]]$")


def unwrap_paragraphs(text: str) -> str:
    """Join hard-wrapped lines into one line per paragraph (blank lines separate paragraphs).

    >>> unwrap_paragraphs("The talks\\nended.\\n\\nNext one.")
    'The talks ended.\\nNext one.'
    """
    blocks = re.split(r"\n\s*\n", text)
    return "\n".join(" ".join(line.strip() for line in block.splitlines() if line.strip()) for block in blocks if block.strip())


def _is_hard_wrapped(text: str) -> bool:
    """A text typed with line breaks inside paragraphs (e-mail or 72-column style)."""
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) < 6 or not re.search(r"\n\s*\n", text):
        return False
    lengths = sorted(len(line) for line in lines)
    unfinished = sum(1 for line in lines if not _WRAPPED_LINE_END.search(line.strip()))
    # Browser copies put a whole paragraph on one line, so some lines are long;
    # wrapped text has no line much longer than its wrap width.
    longest_usual = lengths[int(len(lengths) * 0.95) - 1]
    return 40 <= lengths[len(lengths) // 2] and longest_usual <= 100 and unfinished / len(lines) > 0.5


def read_txt(path: Path, text: str, html_seconds: float | None = DEFAULT_HTML_SECONDS) -> list[RawArticle]:
    """A plain-text page, e.g. copied from a browser: one article.

    A saved web page that was given a .txt name is read as HTML (with
    ``html_seconds`` as its time limit).
    """
    if re.match(r"\s*(?:<!doctype html|<html[\s>])", text[:1000], re.IGNORECASE):
        log.info("%s: HTML saved as .txt; reading it as a web page", path.name)
        return read_html(path, text, html_seconds)
    if _is_hard_wrapped(text):
        text = unwrap_paragraphs(text)
    return [RawArticle(path.name, text, path.name)]


# Every pattern below runs on one line and is linear in its length: a span
# cannot contain its own opening character ("[" in link text, "*" inside
# *emphasis*), so a failed match stops at the next opener instead of
# searching to the end of the line from every opener (which made a 1 MB line
# of "**a " take hours). Nested emphasis is undone by repeating the patterns.
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*)$")
_MD_IMAGE = re.compile(r"!\[([^\[\]]*)\]\([^()]*\)")
_MD_LINK = re.compile(r"\[([^\[\]]+)\]\((?:[^()]|\([^()]*\))*\)")
_MD_REF_LINK = re.compile(r"\[([^\[\]]+)\]\[[^\[\]]*\]")
_MD_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+.*$")
_MD_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_MD_EMPHASIS = (
    re.compile(r"\*\*(?=\S)([^*]+?)(?<=\S)\*\*"),
    re.compile(r"__(?=\S)([^_]+?)(?<=\S)__"),
    re.compile(r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?!\w)"),
    re.compile(r"(?<![\w_])_(?=\S)([^_]+?)(?<=\S)_(?!\w)"),
    re.compile(r"~~([^~]+?)~~"),
    re.compile(r"`([^`]+)`"),
)
_MD_EMPHASIS_DEPTH = 3  # ***bold italic*** and **bold with *italic* inside** need two rounds


def _strip_emphasis(line: str) -> str:
    """A line without Markdown emphasis marks, nested ones included."""
    for _ in range(_MD_EMPHASIS_DEPTH):
        before = line
        for pattern in _MD_EMPHASIS:
            line = pattern.sub(r"\1", line)
        if line == before:
            break
    return line


def _front_matter(markdown: str, name: str) -> tuple[dict, str]:
    """The YAML front matter of a Markdown text as a dict, and the text after it.

    Front matter that is refused (aliases, too long, too deep) is dropped with
    a warning; a block that is not YAML at all stays in the text, as before.
    """
    match = re.match(r"\A---\s*\n(.*?)\n---\s*\n", markdown, re.S)
    if not match:
        return {}, markdown
    try:
        loaded = load_yaml(match[1])
    except _YamlRefused as err:
        log.warning("%s: front matter ignored: %s", name or "Markdown", err)
        return {}, markdown[match.end():]
    except ValueError:
        return {}, markdown
    if not isinstance(loaded, dict):
        return {}, markdown
    return {str(k).lower(): v for k, v in loaded.items()}, markdown[match.end():]


def markdown_to_text(markdown: str, name: str = "") -> tuple[str, str, dict]:
    """Plain text of a Markdown article: ``(text, first_heading, front_matter)``.

    Headings become lines, links keep their text, emphasis marks go, images
    go; a YAML front matter block (``---`` ... ``---``) is returned as a dict.
    ``name`` (the file's) is used in warnings. Linear in the length of the text.

    >>> markdown_to_text("# Talks End\\n\\nThe **talks** [ended](http://x.org).")
    ('The talks ended.', 'Talks End', {})
    """
    front, markdown = _front_matter(markdown, name)
    heading = ""
    blocks: list[str] = []
    current: list[str] = []
    seen_content = False

    def flush() -> None:
        if current:
            blocks.append(" ".join(current))
            current.clear()

    for raw in markdown.splitlines():
        if _MD_REF_DEF.match(raw) or _MD_RULE.match(raw):
            flush()
            continue
        line = _MD_IMAGE.sub("", raw)
        line = _MD_LINK.sub(r"\1", line)
        line = _MD_REF_LINK.sub(r"\1", line)
        line = _strip_emphasis(line)
        line = re.sub(r"^\s{0,3}>\s?", "", line)
        heading_match = _MD_HEADING.match(line)
        if heading_match:
            flush()
            # Closing hashes ("## Title ##") are not part of the title.
            title = heading_match[1].rstrip().rstrip("#").strip()
            if not seen_content and not heading:
                heading = title
            else:
                blocks.append(title)
            continue
        list_item = re.match(r"^\s*(?:[-*+]|\d+[.)])\s+(.*)$", line)
        if list_item:
            flush()
            current.append(list_item[1].strip())
            seen_content = True
            continue
        if not line.strip():
            flush()
            continue
        current.append(line.strip())
        seen_content = True
    flush()
    return "\n".join(blocks), heading, front


def _pick(record: dict, name: str) -> object:
    for key in RECORD_FIELDS[name]:
        if key in record and record[key] not in (None, ""):
            return record[key]
    return None


def _as_text(value: object) -> str:
    """A record's text field as text; lists of paragraphs (or of sentences) are joined."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "\n".join(" ".join(map(str, item)) if isinstance(item, list) else str(item) for item in value)
    if isinstance(value, float) and value != value:  # NaN from a spreadsheet
        return ""
    return str(value)


def _raw_from_record(label: str, source_file: str, record: dict) -> RawArticle:
    record = {str(k).strip().lower(): v for k, v in record.items()}
    body = _as_text(_pick(record, "body"))
    if not body.strip():
        names = ", ".join(RECORD_FIELDS["body"][:3])
        raise _Unusable(f"no article text (expected a non-empty field named {names})")
    return RawArticle(
        file=label,
        text=body,
        source_file=source_file,
        headline=normalise_line(_as_text(_pick(record, "headline"))),
        outlet=normalise_line(_as_text(_pick(record, "outlet"))),
        url=_as_text(_pick(record, "url")).strip(),
        published=parse_date(_pick(record, "published")),
        country=normalise_line(_as_text(_pick(record, "country"))),
        story=normalise_line(_as_text(_pick(record, "story"))),
    )


def read_markdown(path: Path, text: str) -> list[RawArticle]:
    """A Markdown article: a leading ``#`` heading (or front-matter title) is the headline."""
    plain, heading, front = markdown_to_text(text, path.name)
    front_fields = {k: v for k, v in front.items() if k not in RECORD_FIELDS["body"]}
    raw = _raw_from_record(path.name, path.name, {**front_fields, "body": plain}) if plain.strip() else None
    if raw is None:
        raise _Unusable("no article text in the Markdown file")
    raw.headline = raw.headline or heading
    return [raw]


# A character reference to a C0 control or DEL (&#27; &#x1b;): lxml refuses the
# whole document for one, so trafilatura would extract nothing.
_CONTROL_REFERENCE = re.compile(r"&#(?:[xX]0*([0-9a-fA-F]{1,2})|0*([0-9]{1,3}));?")


def _without_control_references(markup: str) -> str:
    """Markup without character references to control characters (tab and line ends stay)."""

    def replace(match: re.Match) -> str:
        value = int(match[1], 16) if match[1] else int(match[2])
        return "" if (value < 32 and value not in (9, 10, 13)) or value == 127 else match[0]

    return _CONTROL_REFERENCE.sub(replace, markup)


def read_html(path: Path, text: str, seconds: float | None = DEFAULT_HTML_SECONDS) -> list[RawArticle]:
    """A saved web page: trafilatura extracts the article text and its metadata.

    Extraction is stopped after ``seconds`` (see :func:`_time_limit`; None or 0:
    no limit). trafilatura reads about 1 MB of markup in 5 s, so only a
    pathological page reaches the limit.
    """
    import trafilatura  # imported here: loading it takes a moment and only HTML needs it

    # Control characters in the markup would leave "[1m" behind or stop lxml.
    text = _without_control_references(clean_control_characters(text))
    try:
        with _time_limit(seconds):
            document = trafilatura.bare_extraction(
                # favor_precision: on 91 real saved pages (pages-dev) body F1 0.967 -> 0.976, recall kept
                text, with_metadata=True, include_comments=False, include_images=False, include_links=False,
                favor_precision=True,
            )
    except _TookTooLong:
        raise _Unusable(
            f"HTML extraction took longer than {seconds:g} s: the page ({_size(len(text))} of markup) is too "
            "large or too tangled; save only the article (or copy its text into a .txt file)"
        ) from None
    except Exception as err:  # trafilatura/lxml raise many kinds on broken markup
        raise _Unusable(f"could not be read as an HTML page ({type(err).__name__}: {err})") from err
    body = (getattr(document, "text", None) or "") if document is not None else ""
    if not body.strip():
        raise _Unusable("no article text found in the HTML page (trafilatura extracted nothing)")
    author = normalise_line(getattr(document, "author", None) or "")
    url = (getattr(document, "url", None) or "").strip()
    # trafilatura may name the site by its handle ("SputnikInt"): that is no name a reader knows it by
    outlet = normalise_line(html_outlet(page_meta(text), url, getattr(document, "sitename", None) or ""))
    return [
        RawArticle(
            file=path.name,
            text=body,
            source_file=path.name,
            headline=without_site_suffix(normalise_line(getattr(document, "title", None) or ""), outlet, url),
            outlet=outlet,
            url=url,
            published=parse_date(getattr(document, "date", None)),
            credits=[{"text": author, "where": "byline"}] if author else [],
            extracted=True,
        )
    ]


# Typeset ligatures a PDF's text layer keeps ("ﬁnal"): as letters, the words are words again.
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
                            "\ufb05": "st", "\ufb06": "st"})
# A line that ends a sentence, a heading or a quotation: the next line starts a paragraph of its own.
_LINE_ENDS_PARAGRAPH = re.compile(r"[.!?:\"\u201d\u2019')\]]\s*$")


def _paragraph_lines(page: str) -> str:
    """A PDF page's printed lines joined back into paragraphs, one per line, as the line rules expect.

    A line runs on into the next when it does not end a sentence and either the next line
    starts in lower case or the line is nearly as wide as the page's widest (a line the
    printer broke); a word broken by a hyphen at the line end is joined whole.

    >>> _paragraph_lines("Council Delays Vote\\nThe council postponed its vote on the budget plan on\\n"
    ...                  "Tuesday, saying it needed more time to study the govern-\\nment's costs.\\nNext paragraph.")
    "Council Delays Vote\\nThe council postponed its vote on the budget plan on Tuesday, saying it needed more time to study the government's costs.\\nNext paragraph."
    """
    lines = [line.strip() for line in page.splitlines() if line.strip()]
    widest = max((len(line) for line in lines), default=0)
    joined: list[str] = []
    for line in lines:
        if joined and not _LINE_ENDS_PARAGRAPH.search(joined[-1]) and not match_rule(joined[-1]) \
                and not match_rule(line):  # what the browser printed stays a line of its own
            before = joined[-1]
            runs_on = line[:1].islower() or len(before) >= 0.8 * widest
            if runs_on and before.endswith("-") and line[:1].islower():
                joined[-1] = before[:-1] + line
                continue
            if runs_on:
                joined[-1] = f"{before} {line}"
                continue
        joined.append(line)
    return "\n".join(joined)


def read_pdf(path: Path, data: bytes, seconds: float | None = DEFAULT_HTML_SECONDS) -> list[RawArticle]:
    """A page saved as PDF from a browser ("Save as PDF", "Print to PDF"): its text, cleaned as copied text.

    The text layer is read with pypdf; the lines a browser prints on every page (date and
    title at the top, address and page number at the foot) are furniture like any other, and
    the printed address is the article's. A scanned PDF, pages of images with no text, is
    refused with that reason; so is one that takes longer than ``seconds`` to read.
    """
    from pypdf import PdfReader  # imported here: only PDFs need it

    try:
        with _time_limit(seconds):
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not reader.decrypt(""):
                raise _Unusable("a password-protected PDF: open it, then save it again without a password")
            pages = [page.extract_text() or "" for page in reader.pages]
    except _Unusable:
        raise
    except _TookTooLong:
        raise _Unusable(f"reading the PDF took longer than {seconds:g} s: copy its text into a .txt file") from None
    except Exception as err:  # pypdf raises many kinds on damaged files
        raise _Unusable(f"could not be read as a PDF ({type(err).__name__}: {err})") from err
    text = "\n".join(_paragraph_lines(page) for page in pages).translate(_LIGATURES)
    if not words(text):
        raise _Unusable(f"a scanned PDF: its {len(pages)} page{'s' if len(pages) != 1 else ''} hold no text layer "
                        "(only images), so there is no text to read; run it through OCR, or copy the article's "
                        "text into a .txt file")
    return [RawArticle(file=path.name, text=text, source_file=path.name)]


def _record_or_reject(label: str, source_file: str, record: dict) -> RawArticle | Reject:
    """One record of a JSON Lines or CSV file: an article, or a reject that names the record."""
    try:
        return _raw_from_record(label, source_file, record)
    except _Unusable as err:
        return Reject(label, str(err))


def read_jsonl(path: Path, text: str) -> list[RawArticle | Reject]:
    """One JSON object per line; record N is labelled ``name.jsonl#N``."""
    out: list[RawArticle | Reject] = []
    # Only "\n" ends a record: splitlines() would also split inside a string
    # holding U+2028 or a form feed, which JSON allows unescaped.
    records = [line for line in text.split("\n") if line.strip()]
    for number, line in enumerate(records, start=1):
        label = f"{path.name}#{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            out.append(Reject(label, f"not valid JSON ({err.msg} at column {err.colno})"))
            continue
        except RecursionError:
            out.append(Reject(label, "JSON nested too deeply to read"))
            continue
        except ValueError as err:  # e.g. a number with more than 4,300 digits
            out.append(Reject(label, f"not usable JSON ({err})"))
            continue
        if not isinstance(record, dict):
            out.append(Reject(label, f"a JSON {type(record).__name__}, not an object with a text field"))
            continue
        out.append(_record_or_reject(label, path.name, record))
    if not records:
        raise _Unusable("no records in the JSON Lines file")
    return out


def read_csv(path: Path, text: str) -> list[RawArticle | Reject]:
    """A table with one article per row; row N (header not counted) is ``name.csv#N``."""
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    # Spreadsheets in many locales save with ";" or tabs: the header line tells which.
    header = text.lstrip("\ufeff").split("\n", 1)[0]
    delimiter = max(",;\t", key=header.count)
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    columns = {str(c).strip().lower() for c in (reader.fieldnames or [])}
    if not columns & set(RECORD_FIELDS["body"]):
        raise _Unusable(
            "no article text column: name the column body, text or content "
            f"(columns found: {', '.join(sorted(columns)) or 'none'})"
        )
    out: list[RawArticle | Reject] = []
    number = 0
    try:
        for number, row in enumerate(reader, start=1):
            label = f"{path.name}#{number}"
            row = {k: v for k, v in row.items() if k is not None}
            out.append(_record_or_reject(label, path.name, row))
    except csv.Error as err:
        # The rows before stay; the rest of the table cannot be split into rows.
        out.append(Reject(f"{path.name}#{number + 1}",
                          f"the table cannot be read from here on (line {reader.line_num}: {err}); later rows not read"))
    if not out:
        raise _Unusable("no rows under the header")
    return out


READERS = {
    ".txt": read_txt,
    ".md": read_markdown,
    ".html": read_html,
    ".htm": read_html,
    ".pdf": read_pdf,
    ".jsonl": read_jsonl,
    ".csv": read_csv,
}
#: From this many files on, a folder's files are read and cleaned in several processes (see ``ingest_folder``).
MIN_FILES_FOR_PROCESSES = 64
# Readers given the file's bytes, not its decoded text.
BINARY_EXTENSIONS = frozenset({".pdf"})


def _readers(html_seconds: float | None) -> dict:
    """:data:`READERS` with the HTML time limit of this run."""
    html = functools.partial(read_html, seconds=html_seconds)
    return {**READERS, ".txt": functools.partial(read_txt, html_seconds=html_seconds), ".html": html, ".htm": html,
            ".pdf": functools.partial(read_pdf, seconds=html_seconds)}


# --- manifest -----------------------------------------------------------------------

def manifest_files(present: set[str]) -> list[str]:
    """The manifests among the file names ``present``, the one that is used first.

    ``manifest.csv`` wins over ``manifest.yaml`` over ``manifest.yml``; letter
    case does not matter.

    >>> manifest_files({"a.txt", "manifest.yaml", "Manifest.csv"})
    ['Manifest.csv', 'manifest.yaml']
    """
    found = [name for name in present if name.lower() in MANIFEST_NAMES]
    return sorted(found, key=lambda name: (MANIFEST_NAMES.index(name.lower()), name))


def read_manifest(folder: Path, present: set[str]) -> tuple[dict[str, dict], list[Reject]]:
    """Per-file values from ``manifest.csv`` or ``manifest.yaml`` in ``folder``.

    Returns ``({file: {field: value}}, rejects)``. A manifest row is rejected
    (and its values unused) when it names no file, names a file that is not in
    the folder, repeats a file, or has a ``published`` value that is not a
    date. Rows are counted from 1 without the header (CSV) or are the N-th
    entry (YAML). Accepted YAML shapes: a list of mappings with ``file``, a
    mapping ``{articles: [...]}``, or a mapping ``{file name: {field: value}}``.
    ``present`` holds the names of the regular files in the folder that may be
    read; the manifest is the first of :func:`manifest_files`. Values are
    cleaned with :func:`clean_control_characters`.
    """
    names = manifest_files(present)
    if not names:
        return {}, []
    path = folder / names[0]
    try:
        text = read_text_file(path)
        entries, unit = _manifest_entries(path, text)
    except (_Unusable, ValueError, csv.Error) as err:
        reason = f"manifest not used: {str(err).splitlines()[0]}"
        return {}, [Reject(path.name, reason)]

    values: dict[str, dict] = {}
    first_row: dict[str, int] = {}
    rejects: list[Reject] = []
    for number, entry in enumerate(entries, start=1):
        where = f"{path.name} {unit} {number}"
        if not isinstance(entry, dict):
            rejects.append(Reject(where, "not a set of field: value pairs"))
            continue
        entry = {
            clean_control_characters(str(k)).strip().lower(): ("" if v is None else clean_control_characters(str(v)).strip())
            for k, v in entry.items()
            if k is not None
        }
        name = entry.get("file", "")
        if not name:
            rejects.append(Reject(where, "no file name in the file column"))
            continue
        if name.split("#")[0] not in present:
            rejects.append(Reject(where, f"no file named {name} in the input folder"))
            continue
        if name in first_row:
            rejects.append(Reject(where, f"{name} is already described in {unit} {first_row[name]}"))
            continue
        if entry.get("published") and not parse_date(entry["published"]):
            rejects.append(Reject(where, f"published '{entry['published']}' is not a date (write YYYY-MM-DD)"))
            continue
        unknown = sorted(set(entry) - set(MANIFEST_FIELDS) - {"file"})
        if unknown:
            log.info("%s: ignored column(s) %s", where, ", ".join(unknown))
        first_row[name] = number
        values[name] = {k: entry[k] for k in MANIFEST_FIELDS if entry.get(k)}
        if "published" in values[name]:
            values[name]["published"] = parse_date(values[name]["published"])
    return values, rejects


def _manifest_entries(path: Path, text: str) -> tuple[list, str]:
    if path.suffix.lower() == ".csv":
        lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
        reader = csv.DictReader(lines)
        if "file" not in {str(c).strip().lower() for c in reader.fieldnames or []}:
            raise ValueError("it has no 'file' column (columns: file, outlet, url, published, country, headline, story)")
        return list(reader), "row"
    loaded = load_yaml(text)
    if isinstance(loaded, dict) and isinstance(loaded.get("articles"), list):
        loaded = loaded["articles"]
    if isinstance(loaded, dict):
        loaded = [{"file": name, **(fields if isinstance(fields, dict) else {"outlet": fields})} for name, fields in loaded.items()]
    if not isinstance(loaded, list):
        raise ValueError("expected a list of entries, each with a file name and its fields")
    return loaded, "entry"


# --- cleaning and the article row ------------------------------------------------

def _body_key(body: str) -> str:
    return hashlib.sha256(" ".join(body.split()).encode("utf-8")).hexdigest()


LANGUAGE_SAMPLE = 2000


def detect_language(text: str) -> str:
    """ISO 639-1 code of the language of ``text`` (py3langid).

    >>> detect_language("The talks in Moscow ended without a deal on Sunday.")
    'en'
    """
    # The first LANGUAGE_SAMPLE characters (some 300 words) say it as surely as the whole text; reading a
    # long article to the end costs more than extracting it from its page. The identifier is the one
    # language_confidence uses (its probabilities keep the order of the scores, so the likeliest language
    # is the same): py3langid's own module-level one would load the model a second time.
    return _language_identifier().classify(text[:LANGUAGE_SAMPLE])[0]


@functools.lru_cache(maxsize=1)
def _language_identifier():
    from py3langid import langid

    return langid.LanguageIdentifier.from_modelpath(langid.MODEL_DIR / langid.MODEL_FILE, norm_probs=True)


def language_confidence(text: str) -> tuple[str, float]:
    """The language of ``text`` and how sure py3langid is of it (a probability, 0 to 1).

    A line or two says little: "Kyiv. Blinken met Lavrov in Geneva." reads as Dutch,
    but with low confidence.

    >>> language, sure = language_confidence("Die Gespräche in Genf wurden am Montag fortgesetzt, sagten Diplomaten.")
    >>> language, sure > 0.9
    ('de', True)
    >>> language, sure = language_confidence("Kyiv. Blinken met Lavrov in Geneva.")
    >>> sure < 0.9
    True
    """
    language, probability = _language_identifier().classify(text)
    return language, float(probability)


@functools.lru_cache(maxsize=1)
def _english_bar() -> float:
    """Above this confidence, a body whose likeliest language is English is never set aside.

    The probabilities keep the order of py3langid's scores, so English, the top score, has
    the top probability of each column; only a language the model holds in k columns (two
    scripts: Serbian, Uzbek) adds them up, and k columns, none above English's, reach at most
    k/(k+1). Such a body skips the second reading (same answer, half the work).
    """
    classes = getattr(_language_identifier(), "nb_classes", None)
    if not classes:
        return 1.0  # a model that does not say: always read twice
    columns = max(collections.Counter(classes).values())
    return columns / (columns + 1)


# Names for the languages a reader is most likely to meet; other codes are shown as they are.
LANGUAGE_NAMES = {
    "ar": "Arabic", "de": "German", "es": "Spanish", "fr": "French", "id": "Indonesian", "it": "Italian",
    "ja": "Japanese", "ko": "Korean", "nl": "Dutch", "pl": "Polish", "pt": "Portuguese", "ru": "Russian",
    "tr": "Turkish", "uk": "Ukrainian", "zh": "Chinese",
}
# Below this confidence a non-English reading is more likely a short or name-heavy English text.
SET_ASIDE_CONFIDENCE = 0.9


def set_aside_non_english(articles: pd.DataFrame, rejected: pd.DataFrame,
                          min_confidence: float = SET_ASIDE_CONFIDENCE) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Move articles that are surely not English from ``articles`` to ``rejected``, with the reason.

    Every analysis after ingest reads English (the parser, the reporting verbs,
    the hedges), so a German article would be analysed as broken English. An
    article is set aside only when py3langid is at least ``min_confidence`` sure;
    a short or name-heavy English text that merely looks foreign stays.
    Returns the new ``(articles, rejected)``.

    >>> articles = pd.DataFrame({"file": ["a.txt", "b.txt"], "body": [
    ...     "Talks resumed in Geneva on Monday, officials said.",
    ...     "Die Gespräche in Genf wurden am Montag fortgesetzt, sagten Diplomaten."]})
    >>> kept, rejected = set_aside_non_english(articles, pd.DataFrame(columns=["file", "reason"]))
    >>> kept["file"].tolist(), rejected["reason"].tolist()
    (['a.txt'], ['written in German (de), not English: left out of the analyses, which read English only'])
    """
    skip_english = min_confidence > _english_bar() + 1e-6  # a margin for float32 sums
    # Ingest wrote each body's language (detect_language) in the language column: read it, not the body again.
    languages = articles["language"] if "language" in articles else articles["body"].map(detect_language)
    readings = [("en", 0.0) if skip_english and language == "en" else language_confidence(body)
                for body, language in zip(articles["body"], languages)]
    foreign = pd.Series([language != "en" and sure >= min_confidence for language, sure in readings],
                        index=articles.index, dtype=bool)
    if not foreign.any():
        return articles, rejected
    reasons = []
    for file, (language, _) in zip(articles["file"][foreign], (r for r, f in zip(readings, foreign) if f)):
        name = LANGUAGE_NAMES.get(language, "a language other than English")
        reasons.append({"file": file, "reason": f"written in {name} ({language}), not English: "
                                               "left out of the analyses, which read English only"})
    if foreign.all():
        listed = "; ".join(f"{r['file']}: {r['reason']}" for r in reasons)
        raise NoUsableArticles(f"No English article to analyse: {listed}")
    for reason in reasons:
        log.warning("%s: %s", reason["file"], reason["reason"])
    set_aside = pd.DataFrame(reasons, columns=REJECTED_COLUMNS)
    rejected = set_aside if rejected.empty else pd.concat([rejected, set_aside], ignore_index=True)
    return articles[~foreign].reset_index(drop=True), rejected


def _credits(page: CleanPage, dateline_credit: str, raw: RawArticle) -> list[dict]:
    credits = []
    if dateline_credit:
        credits.append({"text": dateline_credit, "where": "dateline"})
    for line in page.removed:
        if "credit" in line.fields:
            credits.append({"text": photo_credit(line.fields["credit"]), "where": "photo credit"})
        if "byline" in line.fields:
            credits.append({"text": line.text, "where": "byline"})
    credits.extend(raw.credits)
    unique = []
    for credit in credits:
        if credit not in unique:
            unique.append(credit)
    return unique


def _inferred(page: CleanPage, name: str, regions: tuple[str, ...] = ("header", "footer", "body")) -> str:
    """First value of field ``name`` in the removed lines of ``regions``: header, then footer, then body.

    The page header is where a page states its own outlet and date; a date
    inside the body (a correction notice, a teaser's caption) is a last resort.
    """
    for region in regions:
        for line in page.removed:
            if name in line.fields and line.region == region:
                return line.fields[name]
    return ""


def _site_name(page: CleanPage) -> str:
    """The outlet a page's own lines name: a known outlet anywhere, or a site header above the article.

    A tweet's signature ("Name (@handle) November 18") or a caption's date has the shape of a site
    header too, and a wrong outlet is worse than none: a name that is not a known outlet counts only
    above the article, and never when it holds a handle, a digit or a date.

    >>> _site_name(clean_page("- Harbour Herald, 1920\\nTalks on the budget ended on Sunday without any deal, officials said."))
    'Harbour Herald'
    >>> _site_name(clean_page("Talks on the budget ended on Sunday without any deal, officials said.\\n"
    ...                       "- Ann Lee (@annlee), 2019"))
    ''
    """
    inferred = _inferred(page, "outlet")
    known = outlet_by_name(inferred) if inferred else None
    if known:
        return known.name
    header = _inferred(page, "outlet", ("header",))
    if not header or "@" in header or any(ch.isdigit() for ch in header) or find_dates(header):
        return ""
    return header


def _cleaned(raw: RawArticle) -> RawArticle:
    """``raw`` with every text field passed through :func:`clean_control_characters`.

    This is the one place all readers' text goes through: file text, record
    fields (JSON escapes can hold any character), HTML extraction (entities
    like ``&#8238;`` too) and the metadata each reader found.
    """
    return RawArticle(
        file=raw.file,
        text=clean_control_characters(raw.text),
        source_file=raw.source_file,
        headline=clean_control_characters(raw.headline),
        outlet=clean_control_characters(raw.outlet),
        url=clean_control_characters(raw.url),
        published=raw.published,
        country=clean_control_characters(raw.country),
        story=clean_control_characters(raw.story),
        credits=[{**c, "text": clean_control_characters(str(c.get("text", "")))} for c in raw.credits],
        extracted=raw.extracted,
    )


def _check_length(text: str) -> None:
    """Raise ``_Unusable`` for a text longer than the parser reads (:data:`MAX_BODY_CHARS`)."""
    if len(text) > MAX_BODY_CHARS:
        raise _Unusable(
            f"the article text has {len(text):,} characters, more than the {MAX_BODY_CHARS:,} "
            "the parser reads: split it into separate articles"
        )


def build_article(raw: RawArticle, manifest: dict) -> tuple[dict, list[dict]]:
    """Clean one article and fill its row; raises ``_Unusable`` when no body is left.

    Precedence for each field: manifest, then the file's own metadata (record
    fields, HTML metadata), then what the page's text says, then the outlet list.
    A text over :data:`MAX_BODY_CHARS` is refused before any cleaning.
    """
    raw = _cleaned(raw)
    # Checked on the text before furniture removal: that work grows with the
    # text, and a body only gets shorter.
    _check_length(raw.text)
    given = {**manifest.get(raw.source_file, {}), **manifest.get(raw.file, {})}
    headline = given.get("headline") or raw.headline
    page = clean_page(raw.text, headline=headline, extracted=raw.extracted)
    if not page.paragraphs:
        raise _Unusable("no article text left after removing page furniture")
    dateline = split_dateline(page.paragraphs[0])
    paragraphs = [dateline.rest, *page.paragraphs[1:]] if dateline.place else page.paragraphs
    body = "\n".join(paragraphs)
    if not words(body):
        raise _Unusable("no article text left after removing page furniture")

    url = given.get("url") or raw.url or _inferred(page, "url")  # a PDF's printed address
    known = outlet_from_url(url) if url else None
    outlet = given.get("outlet") or raw.outlet or _site_name(page) or (known.name if known else "")
    country = given.get("country") or raw.country
    if not country:
        by_name = outlet_by_name(outlet) if outlet else None
        country = (by_name or known).country if (by_name or known) else ""
    # The dateline is not furniture: it lives on in the dateline and credits columns.
    removed_texts = [line.text for line in page.removed]
    language = detect_language(body)
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
    row = {
        "article_id": _body_key(body)[:12],
        "file": raw.file,
        "outlet": outlet,
        "headline": page.headline or headline,
        "dateline": dateline.place,
        "published": given.get("published") or raw.published or _inferred(page, "date"),
        "url": url,
        "country": country,
        "language": language,
        "english": language == "en",
        "body": body,
        "word_count": len(words(body)),
        "furniture": json.dumps(removed_texts, ensure_ascii=False),
        "credits": json.dumps(_credits(page, dateline.credit, raw), ensure_ascii=False),
        "content_hash": digest,
        "story": normalise_line(given.get("story") or raw.story),
    }
    removed = [
        {"text": line.text, "category": line.category, "region": line.region} for line in page.removed
    ]
    return row, removed


# --- the folder ----------------------------------------------------------------------

def _reject(rejects: list[Reject], file: str, reason: str) -> None:
    # A reason may quote the input (a manifest value): keep it printable.
    reject = Reject(clean_control_characters(file), clean_control_characters(reason))
    log.warning("%s rejected: %s", reject.file, reject.reason)
    rejects.append(reject)


def _is_hidden(name: str) -> bool:
    """A hidden file (``.DS_Store``) or an Office lock file (``~$report.docx``)."""
    return name.startswith((".", "~$"))


def entry_problem(path: Path, folder: Path, follow_links: bool = False) -> str | None:
    """Why the folder entry ``path`` is not read, or None for a regular file that may be.

    Only metadata is looked at; the file is never opened. A symbolic link is
    followed only when it ends at a regular file inside ``folder``, or, with
    ``follow_links``, at a regular file anywhere (for a folder the user built
    from links to articles kept elsewhere).

    >>> entry_problem(Path("/etc"), Path("/"))
    'a folder: only files directly in / are read'
    """
    problem = _name_problem(path.name)
    if problem:
        return problem
    try:
        info = path.lstat()
    except OSError as err:
        return f"could not be examined: {_os_problem(err)}"
    if stat.S_ISLNK(info.st_mode):
        try:
            info = path.stat()
        except OSError as err:
            if err.errno == errno.ELOOP:
                return "symbolic link loop: not read"
            if err.errno == errno.ENOENT:
                return "broken symbolic link (its target does not exist): not read"
            return f"symbolic link that cannot be followed ({_os_problem(err)}): not read"
        target = Path(os.path.realpath(path))
        if not follow_links and not target.is_relative_to(Path(os.path.realpath(folder))):
            kind = "folder" if stat.S_ISDIR(info.st_mode) else "file"
            return f"symbolic link to a {kind} outside the input folder: not read"
    if stat.S_ISDIR(info.st_mode):
        return f"a folder: only files directly in {folder} are read"
    if not stat.S_ISREG(info.st_mode):
        return f"{_special_kind(info.st_mode)}, not a regular file: not read"
    return None


def date_spread_warning(articles: pd.DataFrame, max_days: int = DATE_SPREAD_DAYS) -> str | None:
    """A warning when the articles' known ``published`` dates are more than ``max_days`` apart.

    Coverage of one event is published within days; a wide spread usually
    means an article about another event (or a wrong date). Empty or
    unreadable dates are left out; None when there is nothing to warn about.

    >>> table = pd.DataFrame({"file": ["a.txt", "b.txt", "c.txt"],
    ...                       "published": ["2023-03-01", "", "2023-05-20"]})
    >>> date_spread_warning(table)
    'published dates are 80 days apart (2023-03-01 in a.txt, 2023-05-20 in c.txt), more than 30: check that the articles cover the same event'
    >>> date_spread_warning(table.iloc[:2]) is None
    True
    """
    dated = []
    for file, published in zip(articles["file"], articles["published"]):
        try:
            dated.append((dt.date.fromisoformat(str(published)), file))
        except ValueError:
            continue
    if len(dated) < 2:
        return None
    (first, first_file), (last, last_file) = min(dated), max(dated)
    days = (last - first).days
    if days <= max_days:
        return None
    return (
        f"published dates are {days} days apart ({first} in {first_file}, {last} in {last_file}), "
        f"more than {max_days}: check that the articles cover the same event"
    )


def _unexpected(err: Exception) -> str:
    """The reason for an error that is a bug in newsprism rather than a problem of the file."""
    return f"could not be read: unexpected {type(err).__name__} in newsprism ({err}); please report it"


def _read_entry(entry: tuple[Path, dict], max_bytes: int,
                html_seconds: float | None) -> list[tuple[dict, list[dict]] | Reject]:
    """Read one file of the folder, ``entry`` being its path and its rows of the manifest: each of its articles
    cleaned (``build_article``), or why it was refused.

    Never raises: a bad file, even through a bug of ours, is a ``Reject`` (with the traceback in ``error``).
    """
    path, manifest = entry
    name = printable_name(path.name)
    extension = path.suffix.lower()
    try:
        content = _read_bytes(path, max_bytes) if extension in BINARY_EXTENSIONS else read_text_file(path, max_bytes)
        items = _readers(html_seconds)[extension](path, content)
    except _Unusable as err:
        return [Reject(name, str(err))]
    except Exception as err:  # a bad file must not stop the run, even through a bug of ours
        return [Reject(name, _unexpected(err), error=traceback.format_exc())]
    outcomes: list[tuple[dict, list[dict]] | Reject] = []
    for item in items:
        if isinstance(item, Reject):
            outcomes.append(item)
            continue
        try:
            outcomes.append(build_article(item, manifest))
        except _Unusable as err:
            outcomes.append(Reject(item.file, str(err)))
        except Exception as err:  # as above
            outcomes.append(Reject(item.file, _unexpected(err), error=traceback.format_exc()))
    return outcomes


def ingest_folder(
    input_dir: str | Path, max_bytes: int = DEFAULT_MAX_BYTES, html_seconds: float | None = DEFAULT_HTML_SECONDS,
    follow_links: bool = False, workers: int = 1,
) -> Ingested:
    """Read every article in ``input_dir`` into a clean ``articles`` table.

    Files are read in name order (records in file order), so the same folder
    always gives the same tables. Every entry of the folder but hidden files
    becomes an article or a row of ``rejected`` (also logged as a warning);
    a bad file never stops the run. ``max_bytes`` is the file size limit,
    ``html_seconds`` the time limit for extracting the article from one web
    page. A symbolic link to a file outside the folder is rejected unless
    ``follow_links`` is true: a link such as ``passwd.txt -> /etc/passwd`` must
    never put a file the user did not choose into a report. The input folder
    is only read, never written.
    Raises ``NoUsableArticles`` (a ``ValueError``) when nothing usable is left. From
    :data:`MIN_FILES_FOR_PROCESSES` files on, ``workers`` processes read and clean them (the same tables).

    >>> result = ingest_folder("seeds")  # doctest: +SKIP
    >>> result.articles[["file", "outlet", "dateline", "published"]].iloc[0].tolist()  # doctest: +SKIP
    ['000_70f9a31eafa2dbbe.txt', 'Sputnik International', 'WASHINGTON', '2022-02-13']
    """
    folder = Path(input_dir)
    if not folder.is_dir():
        raise NotADirectoryError(f"input folder {folder} does not exist or is not a folder")
    entries = sorted(folder.iterdir(), key=lambda p: p.name)
    problems = {p.name: entry_problem(p, folder, follow_links) for p in entries if not _is_hidden(p.name)}
    present = {name for name, problem in problems.items() if problem is None}
    manifest, rejects = read_manifest(folder, present)
    for reject in rejects:
        log.warning("%s rejected: %s", reject.file, reject.reason)
    manifests = manifest_files(present)
    readers = _readers(html_seconds)

    to_read: list[Path] = []
    for path in entries:
        name = printable_name(path.name)
        if _is_hidden(path.name):
            log.info("%s: hidden file skipped", name)
            continue
        if problems[path.name]:
            _reject(rejects, name, problems[path.name])
            continue
        if path.name in manifests:
            if path.name != manifests[0]:
                _reject(rejects, name, f"second manifest ignored: {manifests[0]} is used")
            continue
        extension = path.suffix.lower()
        if extension not in readers:
            shown = extension or "(none)"
            _reject(rejects, name,
                    f"unsupported extension {shown}: use {', '.join(SUPPORTED_EXTENSIONS[:-1])} or {SUPPORTED_EXTENSIONS[-1]}")
            continue
        to_read.append(path)

    # Each file is read and cleaned on its own (in ``workers`` processes for a large folder); what is
    # kept, and which copy counts as the duplicate, is decided here, in the folder's order.
    # Each file goes to its worker with its own rows of the manifest (a file's articles look up only names that
    # start with the file's, "data.jsonl#3"): the whole manifest sent with every file was copied once per file
    # (the 10,000-file benchmark's folder was read in 20.4 s so, 12.5 s with each file's own rows).
    own_rows: dict[str, dict] = defaultdict(dict)
    for name, values in manifest.items():
        own_rows[name.split("#")[0]][name] = values
    read = functools.partial(_read_entry, max_bytes=max_bytes, html_seconds=html_seconds)
    rows: list[dict] = []
    furniture_rows: list[dict] = []
    first_with_body: dict[str, str] = {}
    for outcomes in map_in_processes(read, [(path, own_rows.get(path.name, {})) for path in to_read], workers,
                                     MIN_FILES_FOR_PROCESSES):
        for outcome in outcomes:
            if isinstance(outcome, Reject):
                if outcome.error:
                    log.error("%s: unexpected error\n%s", outcome.file, outcome.error)
                _reject(rejects, outcome.file, outcome.reason)
                continue
            row, removed = outcome
            key = _body_key(row["body"])
            if key in first_with_body:
                _reject(rejects, row["file"], f"duplicate of {first_with_body[key]} (same body)")
                continue
            first_with_body[key] = row["file"]
            if not row["english"]:
                log.warning("%s: the body looks %s, not English; kept, but the English analyses may miss things",
                            row["file"], row["language"])
            rows.append(row)
            furniture_rows.extend(
                {"article_id": row["article_id"], "file": row["file"], "position": n, **line}
                for n, line in enumerate(removed, start=1)
            )

    rejected = pd.DataFrame([vars(r) for r in rejects], columns=REJECTED_COLUMNS)
    if not rows:
        listed = "; ".join(f"{r.file}: {r.reason}" for r in rejects) or (
            f"no files with a supported extension ({', '.join(SUPPORTED_EXTENSIONS)})"
        )
        raise NoUsableArticles(f"No usable article in {folder}: {listed}")
    articles = pd.DataFrame(rows, columns=ARTICLE_COLUMNS)
    articles["english"] = articles["english"].astype(bool)
    articles["word_count"] = articles["word_count"].astype("int64")
    spread = date_spread_warning(articles)
    if spread:
        log.warning("%s", spread)
    furniture = pd.DataFrame(furniture_rows, columns=FURNITURE_COLUMNS)
    return Ingested(articles=articles, rejected=rejected, furniture=furniture)


def ingest_folder_following_links(input_dir: str | Path) -> Ingested:
    """:func:`ingest_folder` for a folder of links to articles kept elsewhere (links are followed).

    The evaluation scorer for saved pages builds such folders; call it as
    ``score_pages.py DATA --extractor newsprism.ingest.folder:ingest_folder_following_links``.
    """
    return ingest_folder(input_dir, follow_links=True)

