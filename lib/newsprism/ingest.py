"""Read a folder of news articles into one clean ``articles`` table.

Input formats: ``.txt`` (copied from a browser), ``.html``/``.htm`` (saved
pages, article extracted with trafilatura), ``.md``, and ``.jsonl``/``.csv``
with one article per record. An optional ``manifest.csv`` or ``manifest.yaml``
gives per-file ``outlet``, ``url``, ``published``, ``country`` and
``headline``; those values win over what is inferred from the text.

Files that cannot be used (empty, binary, undecodable, too large, unsupported
extension, duplicate, nothing left after cleaning) and invalid manifest rows
become rows of a ``rejected`` table with a reason a person understands; each
is also logged as a warning and the run continues. Nothing in the input
folder is ever written to.

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
===============  ================================================================
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import logging
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml

from newsprism.furniture import CleanPage, clean_page, normalise_line, words
from newsprism.metadata import (
    outlet_by_name,
    outlet_from_url,
    parse_date,
    photo_credit,
    split_dateline,
)
from newsprism.quote_spans import AMBIGUOUS, CLOSING, SINGLE_CLOSERS

log = logging.getLogger("newsprism")

ARTICLE_COLUMNS = [
    "article_id", "file", "outlet", "headline", "dateline", "published", "url", "country",
    "language", "english", "body", "word_count", "furniture", "credits", "content_hash",
]
REJECTED_COLUMNS = ["file", "reason"]
FURNITURE_COLUMNS = ["article_id", "file", "position", "text", "category", "region"]
SUPPORTED_EXTENSIONS = (".txt", ".html", ".htm", ".md", ".jsonl", ".csv")
MANIFEST_NAMES = ("manifest.csv", "manifest.yaml", "manifest.yml")
MANIFEST_FIELDS = ("outlet", "url", "published", "country", "headline")
DEFAULT_MAX_BYTES = 5_000_000

# Field names accepted in .jsonl/.csv records and Markdown front matter, in order of preference.
RECORD_FIELDS = {
    "body": ("body", "text", "content", "article", "maintext", "article_text", "body-paragraphs", "paragraphs"),
    "headline": ("headline", "title"),
    "outlet": ("outlet", "source", "sitename", "site_name", "site", "publisher", "source_name"),
    "url": ("url", "link", "source_url"),
    "published": ("published", "date", "publish_date", "published_at", "date_publish", "pubdate", "datetime"),
    "country": ("country",),
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


@dataclass
class Reject:
    """One unusable file, record or manifest row, with a reason a person understands."""

    file: str
    reason: str


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
    credits: list[dict] = field(default_factory=list)


class _Unusable(Exception):
    """Raised by the readers; becomes a :class:`Reject`."""


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
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None  # UTF-16 with a byte-order mark: NUL bytes are expected
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


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode file bytes as text; returns ``(text, encoding)``.

    UTF-8 (with or without BOM) and UTF-16 with a BOM are read as such.
    Windows-1252 is accepted only when the result looks like Western text
    (few accented letters, no control characters); anything else raises
    ``ValueError`` rather than garbling the article.

    >>> decode_text("Kyiv – Київ".encode("utf-8"))
    ('Kyiv – Київ', 'utf-8')
    >>> decode_text("café society".encode("cp1252"))
    ('café society', 'cp1252')
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data.decode("utf-8-sig"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as err:
            raise ValueError(f"starts like UTF-16 text but byte {err.start} cannot be decoded") from err
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as err:
        utf8_error = err
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


def read_text_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Read a file as text after the bad-input checks; raises ``_Unusable`` with the reason.

    The file is opened read-only and never changed.
    """
    size = path.stat().st_size
    if size > max_bytes:
        raise _Unusable(f"larger than the {_size(max_bytes, limit=True)} limit ({_size(size)})")
    if size == 0:
        raise _Unusable("empty file")
    with path.open("rb") as handle:
        data = handle.read()
    what = sniff_binary(data)
    if what:
        raise _Unusable(f"not text: looks like {what}")
    try:
        text, encoding = decode_text(data)
    except ValueError as err:
        raise _Unusable(str(err)) from err
    if encoding == "cp1252":
        log.warning("%s: not UTF-8; read as Windows-1252 text", path.name)
    if not text.strip():
        raise _Unusable("empty file (only whitespace)")
    return text


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


def read_txt(path: Path, text: str) -> list[RawArticle]:
    """A plain-text page, e.g. copied from a browser: one article.

    A saved web page that was given a .txt name is read as HTML.
    """
    if re.match(r"\s*(?:<!doctype html|<html[\s>])", text[:1000], re.IGNORECASE):
        log.info("%s: HTML saved as .txt; reading it as a web page", path.name)
        return read_html(path, text)
    if _is_hard_wrapped(text):
        text = unwrap_paragraphs(text)
    return [RawArticle(path.name, text, path.name)]


_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)")
_MD_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_MD_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+.*$")
_MD_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_MD_EMPHASIS = (
    re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"),
    re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?!\w)"),
    re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?!\w)"),
    re.compile(r"~~(.+?)~~"),
    re.compile(r"`([^`]+)`"),
)


def markdown_to_text(markdown: str) -> tuple[str, str, dict]:
    """Plain text of a Markdown article: ``(text, first_heading, front_matter)``.

    Headings become lines, links keep their text, emphasis marks go, images
    go; a YAML front matter block (``---`` ... ``---``) is returned as a dict.

    >>> markdown_to_text("# Talks End\\n\\nThe **talks** [ended](http://x.org).")
    ('The talks ended.', 'Talks End', {})
    """
    front: dict = {}
    match = re.match(r"\A---\s*\n(.*?)\n---\s*\n", markdown, re.S)
    if match:
        try:
            loaded = yaml.safe_load(match[1])
        except yaml.YAMLError:
            loaded = None
        if isinstance(loaded, dict):
            front = {str(k).lower(): v for k, v in loaded.items()}
            markdown = markdown[match.end():]
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
        for pattern in _MD_EMPHASIS:
            line = pattern.sub(lambda m: m.group(m.lastindex), line)
        line = re.sub(r"^\s{0,3}>\s?", "", line)
        heading_match = _MD_HEADING.match(line)
        if heading_match:
            flush()
            if not seen_content and not heading:
                heading = heading_match[1].strip()
            else:
                blocks.append(heading_match[1].strip())
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
    )


def read_markdown(path: Path, text: str) -> list[RawArticle]:
    """A Markdown article: a leading ``#`` heading (or front-matter title) is the headline."""
    plain, heading, front = markdown_to_text(text)
    front_fields = {k: v for k, v in front.items() if k not in RECORD_FIELDS["body"]}
    raw = _raw_from_record(path.name, path.name, {**front_fields, "body": plain}) if plain.strip() else None
    if raw is None:
        raise _Unusable("no article text in the Markdown file")
    raw.headline = raw.headline or heading
    return [raw]


def read_html(path: Path, text: str) -> list[RawArticle]:
    """A saved web page: trafilatura extracts the article text and its metadata."""
    import trafilatura  # imported here: loading it takes a moment and only HTML needs it

    try:
        document = trafilatura.bare_extraction(
            text, with_metadata=True, include_comments=False, include_images=False, include_links=False
        )
    except Exception as err:  # trafilatura/lxml raise many kinds on broken markup
        raise _Unusable(f"could not be read as an HTML page ({type(err).__name__}: {err})") from err
    body = (getattr(document, "text", None) or "") if document is not None else ""
    if not body.strip():
        raise _Unusable("no article text found in the HTML page (trafilatura extracted nothing)")
    author = normalise_line(getattr(document, "author", None) or "")
    return [
        RawArticle(
            file=path.name,
            text=body,
            source_file=path.name,
            headline=normalise_line(getattr(document, "title", None) or ""),
            outlet=normalise_line(getattr(document, "sitename", None) or ""),
            url=(getattr(document, "url", None) or "").strip(),
            published=parse_date(getattr(document, "date", None)),
            credits=[{"text": author, "where": "byline"}] if author else [],
        )
    ]


def _record_or_reject(label: str, source_file: str, record: dict) -> RawArticle | Reject:
    """One record of a JSON Lines or CSV file: an article, or a reject that names the record."""
    try:
        return _raw_from_record(label, source_file, record)
    except _Unusable as err:
        return Reject(label, str(err))


def read_jsonl(path: Path, text: str) -> list[RawArticle | Reject]:
    """One JSON object per line; record N is labelled ``name.jsonl#N``."""
    out: list[RawArticle | Reject] = []
    records = [line for line in text.splitlines() if line.strip()]
    for number, line in enumerate(records, start=1):
        label = f"{path.name}#{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            out.append(Reject(label, f"not valid JSON ({err.msg} at column {err.colno})"))
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
    for number, row in enumerate(reader, start=1):
        label = f"{path.name}#{number}"
        row = {k: v for k, v in row.items() if k is not None}
        out.append(_record_or_reject(label, path.name, row))
    if not out:
        raise _Unusable("no rows under the header")
    return out


READERS = {
    ".txt": read_txt,
    ".md": read_markdown,
    ".html": read_html,
    ".htm": read_html,
    ".jsonl": read_jsonl,
    ".csv": read_csv,
}


# --- manifest -----------------------------------------------------------------------

def read_manifest(folder: Path, present: set[str]) -> tuple[dict[str, dict], list[Reject]]:
    """Per-file values from ``manifest.csv`` or ``manifest.yaml`` in ``folder``.

    Returns ``({file: {field: value}}, rejects)``. A manifest row is rejected
    (and its values unused) when it names no file, names a file that is not in
    the folder, repeats a file, or has a ``published`` value that is not a
    date. Rows are counted from 1 without the header (CSV) or are the N-th
    entry (YAML). Accepted YAML shapes: a list of mappings with ``file``, a
    mapping ``{articles: [...]}``, or a mapping ``{file name: {field: value}}``.
    """
    path = next((folder / name for name in MANIFEST_NAMES if (folder / name).is_file()), None)
    if path is None:
        return {}, []
    try:
        text = read_text_file(path)
        entries, unit = _manifest_entries(path, text)
    except (_Unusable, ValueError, yaml.YAMLError, csv.Error) as err:
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
        entry = {str(k).strip().lower(): ("" if v is None else str(v).strip()) for k, v in entry.items() if k is not None}
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
    if path.suffix == ".csv":
        lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
        reader = csv.DictReader(lines)
        if "file" not in {str(c).strip().lower() for c in reader.fieldnames or []}:
            raise ValueError("it has no 'file' column (columns: file, outlet, url, published, country, headline)")
        return list(reader), "row"
    loaded = yaml.safe_load(text)
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


def detect_language(text: str) -> str:
    """ISO 639-1 code of the language of ``text`` (py3langid).

    >>> detect_language("The talks in Moscow ended without a deal on Sunday.")
    'en'
    """
    import py3langid

    return py3langid.classify(text)[0]


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


def _inferred(page: CleanPage, name: str) -> str:
    """First value of field ``name`` in the removed lines: header, then footer, then body.

    The page header is where a page states its own outlet and date; a date
    inside the body (a correction notice, a teaser's caption) is a last resort.
    """
    for region in ("header", "footer", "body"):
        for line in page.removed:
            if name in line.fields and line.region == region:
                return line.fields[name]
    return ""


def build_article(raw: RawArticle, manifest: dict) -> tuple[dict, list[dict]]:
    """Clean one article and fill its row; raises ``_Unusable`` when no body is left.

    Precedence for each field: manifest, then the file's own metadata (record
    fields, HTML metadata), then what the page's text says, then the outlet list.
    """
    given = {**manifest.get(raw.source_file, {}), **manifest.get(raw.file, {})}
    headline = given.get("headline") or raw.headline
    page = clean_page(raw.text, headline=headline)
    if not page.paragraphs:
        raise _Unusable("no article text left after removing page furniture")
    dateline = split_dateline(page.paragraphs[0])
    paragraphs = [dateline.rest, *page.paragraphs[1:]] if dateline.place else page.paragraphs
    body = "\n".join(paragraphs)
    if not words(body):
        raise _Unusable("no article text left after removing page furniture")

    url = given.get("url") or raw.url
    known = outlet_from_url(url) if url else None
    outlet = given.get("outlet") or raw.outlet or _inferred(page, "outlet") or (known.name if known else "")
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
    }
    removed = [
        {"text": line.text, "category": line.category, "region": line.region} for line in page.removed
    ]
    return row, removed


# --- the folder ----------------------------------------------------------------------

def _reject(rejects: list[Reject], file: str, reason: str) -> None:
    log.warning("%s rejected: %s", file, reason)
    rejects.append(Reject(file, reason))


def ingest_folder(input_dir: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Ingested:
    """Read every article in ``input_dir`` into a clean ``articles`` table.

    Files are read in name order (records in file order), so the same folder
    always gives the same tables. Unusable inputs become rows of ``rejected``
    and a logged warning; the input folder is only read, never written.
    Raises ``NoUsableArticles`` (a ``ValueError``) when nothing usable is left.

    >>> result = ingest_folder("seeds")  # doctest: +SKIP
    >>> result.articles[["file", "outlet", "dateline", "published"]].iloc[0].tolist()  # doctest: +SKIP
    ['000_70f9a31eafa2dbbe.txt', 'Sputnik International', 'WASHINGTON', '2022-02-13']
    """
    folder = Path(input_dir)
    if not folder.is_dir():
        raise NotADirectoryError(f"input folder {folder} does not exist or is not a folder")
    entries = sorted(folder.iterdir(), key=lambda p: p.name)
    present = {p.name for p in entries if p.is_file()}
    manifest, rejects = read_manifest(folder, present)
    for reject in rejects:
        log.warning("%s rejected: %s", reject.file, reject.reason)

    rows: list[dict] = []
    furniture_rows: list[dict] = []
    first_with_body: dict[str, str] = {}
    for path in entries:
        if path.name.startswith(".") or path.name.startswith("~$"):
            log.info("%s: hidden file skipped", path.name)
            continue
        if path.is_dir():
            log.info("%s: folder skipped (only files directly in %s are read)", path.name, folder)
            continue
        if path.name.lower() in MANIFEST_NAMES:
            continue
        extension = path.suffix.lower()
        if extension not in READERS:
            shown = extension or "(none)"
            _reject(rejects, path.name,
                    f"unsupported extension {shown}: use {', '.join(SUPPORTED_EXTENSIONS[:-1])} or {SUPPORTED_EXTENSIONS[-1]}")
            continue
        try:
            text = read_text_file(path, max_bytes)
            items = READERS[extension](path, text)
        except _Unusable as err:
            _reject(rejects, path.name, str(err))
            continue
        for item in items:
            if isinstance(item, Reject):
                _reject(rejects, item.file, item.reason)
                continue
            try:
                row, removed = build_article(item, manifest)
            except _Unusable as err:
                _reject(rejects, item.file, str(err))
                continue
            key = _body_key(row["body"])
            if key in first_with_body:
                _reject(rejects, item.file, f"duplicate of {first_with_body[key]} (same body)")
                continue
            first_with_body[key] = item.file
            if not row["english"]:
                log.warning("%s: the body looks %s, not English; kept, but the English analyses may miss things",
                            item.file, row["language"])
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
    furniture = pd.DataFrame(furniture_rows, columns=FURNITURE_COLUMNS)
    return Ingested(articles=articles, rejected=rejected, furniture=furniture)
