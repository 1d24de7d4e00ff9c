"""Download news pages into a folder of articles that ``newsprism run`` reads.

The only part of newsprism that uses the network. :func:`collect` fetches each web
address once and saves the page as it came (``NNN_<host>_<path>.html``, bytes
untouched) with a ``manifest.csv`` row per page: ``file, url, outlet, published,
headline, fetched_at`` and ``requested_url`` (the address asked for, which differs
from ``url`` after a redirect; several, space-separated, when more than one led to the page). Addresses come from the command line, from a file
(:func:`urls_from_file`: one per line, or a CSV exported by Media Cloud or GDELT) or
from an RSS or Atom feed (:func:`urls_from_feed`).

Manners: the user agent names newsprism; robots.txt is read once per site and obeyed
(a site whose robots.txt cannot be read is treated as closed, as RFC 9309 says);
one request at a time, at least ``delay`` seconds apart on the same host (longer when
robots.txt asks for a Crawl-delay), with the queue ordered so that hosts take turns;
timeouts; retries with exponential backoff on connection errors, timeouts, 429 and
5xx; redirects followed (each hop checked against robots.txt); anything that is not
an HTML page, or is larger than the limit, refused with the reason. A re-run makes no
request for an address already in the folder, and no file of the user's is ever
overwritten.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import email.utils
import io
import itertools
import logging
import os
import re
import sys
import tempfile
import time
import unicodedata
import urllib.robotparser
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

import httpx

from newsprism import __version__
from newsprism.ingest.folder import DEFAULT_MAX_BYTES, _size, _Unusable, decode_text, manifest_files, read_text_file
from newsprism.ingest.furniture import normalise_line
from newsprism.ingest.metadata import html_outlet, page_meta, parse_date, url_host, without_site_suffix

log = logging.getLogger("newsprism")

MANIFEST_COLUMNS = ["file", "url", "outlet", "published", "headline", "fetched_at", "requested_url"]
HTML_TYPES = ("text/html", "application/xhtml+xml")
MAX_REDIRECTS = 10
# RFC 9309: a crawler must read at least 500 KiB of robots.txt; what follows may be ignored.
ROBOTS_MAX_BYTES = 500 * 1024
# A Retry-After longer than this is not waited for: the address fails, to be tried another day.
MAX_RETRY_AFTER = 60.0
# Column names (lower case) of an export that hold the address, then the hints carried into the manifest.
URL_COLUMNS = ("url", "documentidentifier", "sourceurl")
HINT_COLUMNS = {
    "headline": ("title", "headline"),
    "outlet": ("media_name", "media", "outlet", "source_name", "publisher"),
    "published": ("publish_date", "published", "date", "seendate", "pubdate"),
}
SLUG_CHARS = 60


USER_AGENT = f"newsprism/{__version__} (research tool comparing how outlets report one event; fetches each page once)"


@dataclass(frozen=True)
class Link:
    """A web address to collect, with what the list it came from says about the page.

    The hints (``headline``, ``outlet``, ``published``) go into the manifest only when the page
    itself does not give them.
    """

    url: str
    headline: str = ""
    outlet: str = ""
    published: str = ""


@dataclass(frozen=True)
class Outcome:
    """What became of one address: the ``file`` it is in, and for a skip or failure the ``reason``."""

    url: str
    file: str = ""
    reason: str = ""


@dataclass
class CollectResult:
    """The pages fetched this time, those already in the folder, and the addresses that failed."""

    folder: Path
    fetched: list[Outcome] = field(default_factory=list)
    skipped: list[Outcome] = field(default_factory=list)
    failed: list[Outcome] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether at least one of the addresses is now a page in the folder."""
        return bool(self.fetched or self.skipped)

    def summary(self) -> str:
        """The end-of-run report, one line per failure.

        >>> result = CollectResult(Path("articles"), [Outcome("https://a.example/1", "001_a.html")],
        ...                        [], [Outcome("https://b.example/x", reason="404 Not Found")])
        >>> print(result.summary())
        collected 1 page into articles; 1 failed:
          https://b.example/x: 404 Not Found
        """
        pages = len(self.fetched) + len(self.skipped)
        line = f"collected {pages} page{'' if pages == 1 else 's'} into {self.folder}"
        if self.skipped:
            line += f" ({len(self.skipped)} already there)"
        if self.failed:
            line += f"; {len(self.failed)} failed:"
        return "\n".join([line, *(f"  {failure.url}: {failure.reason}" for failure in self.failed)])


class FetchFailed(Exception):
    """An address that gave no usable answer; ``reason`` says why in words, ``status`` is the HTTP status or 0,
    ``unreachable`` whether the server never answered (connection errors, timeouts)."""

    def __init__(self, reason: str, status: int = 0, unreachable: bool = False):
        super().__init__(reason)
        self.reason = reason
        self.status = status
        self.unreachable = unreachable


class _TryAgain(Exception):
    """A failure worth retrying (connection error, timeout, 429, 5xx); ``wait`` is the server's Retry-After."""

    def __init__(self, reason: str, status: int = 0, wait: float = 0.0):
        super().__init__(reason)
        self.reason = reason
        self.status = status
        self.wait = wait


@dataclass(frozen=True)
class Page:
    """An answer: the address it finally came from (after redirects) and its bytes as received."""

    url: str
    body: bytes


@dataclass
class _Robots:
    parser: urllib.robotparser.RobotFileParser | None  # None: every path may be fetched
    closed: str = ""  # why the whole site is closed to robots, or ""


# --- addresses ------------------------------------------------------------------------

def web_address(url: str) -> str:
    """``url`` without its #fragment and surrounding space, or "" when it is not an http(s) address.

    >>> web_address(" https://example.org/news/1.html#comments "), web_address("ftp://example.org/x")
    ('https://example.org/news/1.html', '')
    """
    url = urldefrag(url.strip())[0]
    try:
        parts = urlsplit(url)
        valid = parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
    except ValueError:  # a malformed port or bracketed host
        valid = False
    return url if valid else ""


def interleave_hosts(urls: Iterable[str]) -> list[str]:
    """``urls`` reordered so that hosts take turns: round-robin, each host's addresses in their order.

    A polite collector waits between two requests to one host, so the queue puts other hosts between
    them and the wait rarely comes.

    >>> interleave_hosts(["https://a.example/1", "https://a.example/2", "https://b.example/1",
    ...                   "https://a.example/3", "https://c.example/1"])
    ['https://a.example/1', 'https://b.example/1', 'https://c.example/1', 'https://a.example/2', 'https://a.example/3']
    """
    by_host: dict[str, list[str]] = {}
    for url in urls:
        by_host.setdefault(url_host(url), []).append(url)
    rounds = itertools.zip_longest(*by_host.values())
    return [url for turn in rounds for url in turn if url is not None]


def page_file_name(number: int, url: str) -> str:
    """The file name a page from ``url`` is saved under: number, host and path, safe on every file system.

    >>> page_file_name(7, "https://www.example.com/news/2024/03/05/harbour-bridge-reopens.html")
    '007_example-com_news-2024-03-05-harbour-bridge-reopens.html'
    >>> page_file_name(12, "http://127.0.0.1:8080/")
    '012_127-0-0-1_index.html'
    >>> page_file_name(1, "https://example.com/" + "long-words-" * 30)  # at most 60 letters between number and .html
    '001_example-com_long-words-long-words-long-words-long-words.html'
    """
    parts = urlsplit(url)
    path = re.sub(r"\.(s?html?|php|aspx?|jsp)$", "", unquote(parts.path), flags=re.I)
    if parts.query:
        path += "-" + unquote(parts.query)

    def slug(text: str) -> str:
        ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
        return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")

    name = f"{slug(url_host(url)) or 'page'}_{slug(path) or 'index'}"
    if len(name) > SLUG_CHARS:
        name = name[:SLUG_CHARS].rsplit("-", 1)[0].rstrip("-_")
    return f"{number:03d}_{name}.html"


def links_from_text(text: str, name: str = "the list") -> list[Link]:
    """The addresses in the text of a list file: one per line, or a CSV with a url column and hints.

    Lines that are blank or start with ``#`` are skipped. A CSV (tab- or comma-separated, with a header)
    needs a column named ``url``, ``DocumentIdentifier`` or ``SourceURL`` (letter case does not matter);
    ``title``, ``media_name`` and ``publish_date`` (and their GDELT and Media Cloud variants) become hints.
    Raises ``ValueError`` naming ``name`` when a CSV has no address column.

    >>> links_from_text("https://a.example/1\\n# a note\\nhttps://b.example/2\\n")
    [Link(url='https://a.example/1', headline='', outlet='', published=''), Link(url='https://b.example/2', headline='', outlet='', published='')]
    >>> links_from_text("stories_id,publish_date,title,url,media_name\\n"
    ...                 "9,2024-03-05 08:30:00,Bridge reopens,https://a.example/1,Ferryport Gazette\\n")
    [Link(url='https://a.example/1', headline='Bridge reopens', outlet='Ferryport Gazette', published='2024-03-05')]
    """
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    if not lines:
        return []
    first = lines[0].strip()
    delimiter = "\t" if "\t" in first else ","
    if first.lower().startswith(("http://", "https://")) or (delimiter not in first and first.lower() not in URL_COLUMNS):
        return [Link(line.strip()) for line in lines]
    reader = csv.DictReader(lines, delimiter=delimiter)
    columns = {str(column).strip().lower(): column for column in reader.fieldnames or [] if column is not None}
    url_column = next((columns[c] for c in URL_COLUMNS if c in columns), None)
    if url_column is None:
        shown = ", ".join(columns) or "none"
        raise ValueError(f"{name} has no column of web addresses (url, DocumentIdentifier or SourceURL); "
                         f"its columns: {shown}")
    hint_columns = {hint: next((columns[c] for c in names if c in columns), None) for hint, names in HINT_COLUMNS.items()}
    links = []
    for row in reader:
        hints = {hint: (row.get(column) or "").strip() if column else "" for hint, column in hint_columns.items()}
        hints["published"] = parse_date(hints["published"])
        links.append(Link((row.get(url_column) or "").strip(), **hints))
    return [link for link in links if link.url]


def urls_from_file(path: str | Path) -> list[Link]:
    """The addresses in a list file (see :func:`links_from_text`), in file order.

    Raises ``ValueError`` naming the file when it cannot be read or holds no address column.

    >>> urls_from_file("mediacloud-export.csv")  # doctest: +SKIP
    [Link(url='https://a.example/1', headline='Bridge reopens', outlet='Ferryport Gazette', published='2024-03-05')]
    """
    path = Path(path)
    if not path.is_file():
        raise ValueError(f"{path}: no such file" if not path.exists() else f"{path}: not a file")
    try:
        text = read_text_file(path)
    except _Unusable as err:
        raise ValueError(f"{path}: {err}") from None
    return links_from_text(text, str(path))


_ATOM = "{http://www.w3.org/2005/Atom}"


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1].lower()


def _child_text(element, *names: str) -> str:
    for name in names:
        for child in element:
            if _local(child.tag) == name and (child.text or "").strip():
                return child.text.strip()
    return ""


def feed_links(data: bytes, feed_url: str) -> list[Link]:
    """The articles an RSS or Atom feed links to, with their titles and dates as hints.

    RSS 2.0 (and 1.0): ``<item><link>`` (else a permalink ``<guid>``), ``<title>``, ``<pubDate>`` or
    ``<dc:date>``. Atom: ``<entry><link href>`` (the alternate link), ``<title>``, ``<published>`` or
    ``<updated>``. Relative links are read against ``feed_url``. The XML is parsed with defusedxml, so a
    feed cannot expand entities or reach other files. Raises ``ValueError`` when it is not a feed.

    >>> rss = b'''<rss version="2.0"><channel><title>Gazette</title><item><title>Bridge reopens</title>
    ... <link>https://gazette.example/bridge.html</link><pubDate>Tue, 05 Mar 2024 08:30:00 GMT</pubDate>
    ... </item></channel></rss>'''
    >>> feed_links(rss, "https://gazette.example/feed.xml")
    [Link(url='https://gazette.example/bridge.html', headline='Bridge reopens', outlet='', published='2024-03-05')]
    >>> atom = b'''<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>Ferry strike</title>
    ... <link rel="alternate" href="/news/strike.html"/><published>2024-03-06T07:00:00Z</published></entry></feed>'''
    >>> feed_links(atom, "https://courier.example/atom.xml")[0].url
    'https://courier.example/news/strike.html'
    """
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, fromstring

    try:
        root = fromstring(data)
    except ParseError as err:
        raise ValueError(f"not an RSS or Atom feed (the XML cannot be read: {err})") from None
    except DefusedXmlException as err:
        raise ValueError(f"refused: the feed declares entities or a DTD ({type(err).__name__}), which no feed needs") from None
    links = []
    for element in root.iter():
        kind = _local(element.tag)
        if kind == "item":
            url = _child_text(element, "link")
            guid = next((c for c in element if _local(c.tag) == "guid"), None)
            if not url and guid is not None and guid.get("isPermaLink", "true") == "true":
                url = (guid.text or "").strip()
            published = _child_text(element, "pubdate", "date")
        elif kind == "entry":
            hrefs = [c.get("href", "") for c in element
                     if _local(c.tag) == "link" and c.get("rel", "alternate") == "alternate" and c.get("href")]
            url = hrefs[0] if hrefs else ""
            published = _child_text(element, "published", "updated")
        else:
            continue
        if url:
            links.append(Link(urljoin(feed_url, url), headline=normalise_line(_child_text(element, "title")),
                              published=parse_date(published)))
    if not links and _local(root.tag) not in ("rss", "feed", "rdf"):
        raise ValueError(f"not an RSS or Atom feed (its root element is <{_local(root.tag)}>)")
    return links


# --- fetching ------------------------------------------------------------------------

def _status(response: httpx.Response) -> str:
    return f"{response.status_code} {response.reason_phrase}".strip()


def _retry_after(response: httpx.Response) -> float:
    """Seconds the server asks to wait (``Retry-After``: seconds or an HTTP date), 0 if it does not say."""
    value = response.headers.get("retry-after", "").strip()
    if value.isdigit():
        return float(value)
    with contextlib.suppress(TypeError, ValueError):
        when = email.utils.parsedate_to_datetime(value)
        return max(0.0, (when - dt.datetime.now(dt.timezone.utc)).total_seconds())
    return 0.0


class Fetcher:
    """One HTTP client with newsprism's manners: robots.txt, a delay per host, timeouts, retries, limits.

    Share one between :func:`urls_from_feed` and :func:`collect` so a site's robots.txt is read once and
    its delay holds across both. ``trust_env`` lets the client use the environment's proxy settings.

    >>> with Fetcher(delay=1.0) as fetcher:  # doctest: +SKIP
    ...     page = fetcher.get("https://example.org/news/1.html")
    """

    def __init__(self, *, delay: float = 1.0, timeout: float = 20.0, retries: int = 2, backoff: float = 1.0,
                 max_bytes: int = DEFAULT_MAX_BYTES, user_agent: str = USER_AGENT, trust_env: bool = True):
        if min(delay, retries, backoff) < 0 or min(timeout, max_bytes) <= 0:
            raise ValueError("delay, retries and backoff cannot be negative, nor timeout and max_bytes zero")
        self.delay, self.timeout, self.retries, self.backoff = delay, timeout, retries, backoff
        self.max_bytes, self.user_agent = max_bytes, user_agent
        self.client = httpx.Client(
            headers={"User-Agent": user_agent, "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"},
            timeout=httpx.Timeout(timeout), follow_redirects=False, trust_env=trust_env,
        )
        self._robots: dict[str, _Robots] = {}
        self._host_delay: dict[str, float] = {}
        self._last: dict[str, float] = {}

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.client.close()

    def get(self, url: str, kind: str = "page") -> Page:
        """The answer to ``url`` after redirects; ``kind`` "page" accepts only HTML, "feed" any type.

        Raises :class:`FetchFailed` with the reason.
        """
        for _ in range(MAX_REDIRECTS + 1):
            self._check_robots(url)
            answer = self._with_retries(url, kind)
            if isinstance(answer, Page):
                return answer
            if not web_address(answer):
                raise FetchFailed(f"redirected to {answer}, which is not a web address")
            url = answer
        raise FetchFailed(f"more than {MAX_REDIRECTS} redirects")

    # -- robots.txt --

    def _check_robots(self, url: str) -> None:
        parts = urlsplit(url)
        origin = f"{parts.scheme.lower()}://{parts.netloc.lower()}"
        if origin not in self._robots:
            self._robots[origin] = self._read_robots(origin)
        robots = self._robots[origin]
        if robots.closed:
            raise FetchFailed(robots.closed)
        if robots.parser is not None and not robots.parser.can_fetch(self.user_agent, url):
            raise FetchFailed(f"robots.txt of {parts.hostname} does not allow robots to fetch this page")

    def _read_robots(self, origin: str) -> _Robots:
        # One site, one turn: www.example.org and example.org share the delay (as they share the queue's turns).
        url, host = f"{origin}/robots.txt", url_host(origin)
        try:
            for _ in range(5 + 1):  # RFC 9309: follow at least five redirects
                answer = self._with_retries(url, "robots")
                if isinstance(answer, Page):
                    break
                url = answer
            else:
                raise FetchFailed("more than five redirects")
        except FetchFailed as err:
            if 400 <= err.status < 500 and err.status != 429:
                return _Robots(None)  # no robots.txt: every page may be fetched
            if err.unreachable:
                return _Robots(None, closed=f"{host} cannot be reached: {err.reason}")
            return _Robots(None, closed=(
                f"robots.txt of {host} could not be read ({err.reason}); until it can, the site counts as "
                "closed to robots (RFC 9309)"
            ))
        parser = urllib.robotparser.RobotFileParser(url)
        parser.parse(answer.body.decode("utf-8", errors="replace").splitlines())
        rate = parser.request_rate(self.user_agent)
        asked = max(float(parser.crawl_delay(self.user_agent) or 0),
                    rate.seconds / rate.requests if rate and rate.requests else 0.0)
        if asked > max(self.delay, self._host_delay.get(host, 0.0)):
            log.warning("robots.txt of %s asks for %g s between requests: waiting that long", host, asked)
            self._host_delay[host] = asked
        return _Robots(parser)

    # -- one request --

    def _wait_turn(self, host: str) -> None:
        wait = self._last.get(host, float("-inf")) + max(self.delay, self._host_delay.get(host, 0.0)) - time.monotonic()
        if wait > 0:
            time.sleep(wait)

    def _with_retries(self, url: str, kind: str) -> Page | str:
        tries = self.retries + 1
        for attempt in range(tries):
            try:
                return self._once(url, kind)
            except _TryAgain as err:
                failure = err
                if err.wait > MAX_RETRY_AFTER:
                    raise FetchFailed(f"{err.reason} (the server asks to wait {err.wait:.0f} s: try again later)",
                                      err.status) from None
                if attempt + 1 < tries:
                    time.sleep(max(self.backoff * 2 ** attempt, err.wait))
        raise FetchFailed(failure.reason + (f" (tried {tries} times)" if tries > 1 else ""), failure.status,
                          unreachable=not failure.status)

    def _once(self, url: str, kind: str) -> Page | str:
        """One request: the page, or the address a redirect points to."""
        host = url_host(url)
        self._wait_turn(host)
        self._last[host] = time.monotonic()
        try:
            with self.client.stream("GET", url) as response:
                if response.next_request is not None:
                    return str(response.next_request.url)
                status = response.status_code
                if status == 429 or status >= 500:
                    raise _TryAgain(_status(response), status, _retry_after(response))
                if not 200 <= status < 300:
                    raise FetchFailed(_status(response), status)
                if kind == "page":
                    self._check_type(response)
                return Page(str(response.url), self._body(response, truncate=kind == "robots"))
        except httpx.TimeoutException:
            raise _TryAgain(f"no answer within {self.timeout:g} s") from None
        except httpx.InvalidURL as err:
            raise FetchFailed(f"not a valid web address ({err})") from None
        except httpx.DecodingError as err:
            raise FetchFailed(f"the page's compression is broken ({err})") from None
        except httpx.TransportError as err:
            raise _TryAgain(f"could not connect ({err or type(err).__name__})") from None
        finally:
            self._last[host] = time.monotonic()

    def _check_type(self, response: httpx.Response) -> None:
        declared = response.headers.get("content-type", "")
        mime = declared.split(";")[0].strip().lower()
        if mime in HTML_TYPES:
            return
        if mime:
            raise FetchFailed(f"not a web page: {mime}")
        raise FetchFailed("not a web page: the server does not say what it sent (no Content-Type)")

    def _body(self, response: httpx.Response, truncate: bool) -> bytes:
        limit = ROBOTS_MAX_BYTES if truncate else self.max_bytes
        too_large = f"larger than {_size(limit, limit=True)}"
        length = response.headers.get("content-length", "")
        if not truncate and length.isdigit() and int(length) > limit:
            raise FetchFailed(f"{too_large} ({_size(int(length))})")
        deadline = time.monotonic() + self.timeout
        body = bytearray()
        for chunk in response.iter_bytes():
            body += chunk
            if len(body) > limit:
                if truncate:
                    return bytes(body[:limit])
                raise FetchFailed(too_large)
            if time.monotonic() > deadline:
                raise _TryAgain(f"the page took longer than {self.timeout:g} s to arrive")
        if not body and not truncate:
            raise FetchFailed(f"{_status(response)} with an empty page")
        return bytes(body)


def urls_from_feed(feed_url: str, *, fetcher: Fetcher | None = None, **settings) -> list[Link]:
    """The articles the RSS or Atom feed at ``feed_url`` links to (see :func:`feed_links`).

    The feed is fetched with ``fetcher`` (robots.txt and the delay apply), or with a new
    :class:`Fetcher` made from ``settings``. Raises :class:`FetchFailed` or ``ValueError`` with the reason.

    >>> urls_from_feed("https://gazette.example/feed.xml")  # doctest: +SKIP
    [Link(url='https://gazette.example/bridge.html', headline='Bridge reopens', outlet='', published='2024-03-05')]
    """
    with contextlib.ExitStack() as stack:
        fetcher = fetcher or stack.enter_context(Fetcher(**settings))
        page = fetcher.get(feed_url, kind="feed")
    return feed_links(page.body, page.url)


# --- the folder ----------------------------------------------------------------------

def page_fields(body: bytes, url: str, hint: Link = Link("")) -> dict[str, str]:
    """The manifest's ``outlet``, ``published`` and ``headline`` of a page, from the page where it says them.

    The outlet is read as ingest reads it (``og:site_name``, the known outlet of ``url``, the site name in
    the page's structured data, then the hint, then the domain); the date only from where a page states it
    (meta tags, structured data, a ``<time>`` element, the address), not guessed from stray years; the
    headline is the page's title without the site's name. A hint fills what the page leaves out.

    >>> page = b'''<html><head><title>Bridge reopens | Ferryport Gazette</title>
    ... <meta property="og:site_name" content="Ferryport Gazette">
    ... <meta property="article:published_time" content="2024-03-05T08:30:00Z"></head><body><p>Text.</p></body></html>'''
    >>> page_fields(page, "https://gazette.example/bridge.html")
    {'outlet': 'Ferryport Gazette', 'published': '2024-03-05', 'headline': 'Bridge reopens'}
    >>> page_fields(b"<html><body><p>Text.</p></body></html>", "https://x.example/1",
    ...             Link("https://x.example/1", "Ferry strike", "Courier", "2024-03-06"))
    {'outlet': 'Courier', 'published': '2024-03-06', 'headline': 'Ferry strike'}
    """
    import trafilatura  # imported here: loading it takes a moment
    from trafilatura.metadata import extract_metadata

    title = site_name = date = ""
    with contextlib.suppress(Exception):  # a page whose metadata cannot be read is still saved
        tree = trafilatura.load_html(body)
        if tree is not None:
            found = extract_metadata(tree, default_url=url, extensive=False)
            title, date = found.title or "", found.date or ""
            site_name = found.sitename or ""
            if url_host(site_name) in (url_host(found.url or ""), url_host(url)):
                site_name = ""  # trafilatura's stand-in when the page names no site: the domain
    try:  # the page's own encoding, as ingest will read it (a Windows-1252 page keeps its accents)
        markup = decode_text(body[:1_000_000])[0]
    except ValueError:
        markup = body[:1_000_000].decode("utf-8", errors="replace")
    meta = page_meta(markup)
    outlet = normalise_line(html_outlet(meta, url, site_name or hint.outlet))
    headline = without_site_suffix(normalise_line(title), outlet, url)
    return {"outlet": outlet, "published": parse_date(date) or hint.published, "headline": headline or hint.headline}


def _utc_now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


class _Manifest:
    """The folder's ``manifest.csv``: rows kept as they were, new rows added, written whole each time."""

    def __init__(self, folder: Path):
        self.folder = folder
        present = {p.name for p in folder.iterdir() if p.is_file()}
        found = manifest_files(present)
        if found and not found[0].lower().endswith(".csv"):
            raise ValueError(f"{folder} has a {found[0]}; collect writes a manifest.csv, which would take its place: "
                             "collect into another folder, or turn the manifest into manifest.csv first")
        self.path = folder / (found[0] if found else "manifest.csv")
        self.comments: list[str] = []
        self.columns = list(MANIFEST_COLUMNS)
        self.rows: list[dict[str, str]] = []
        self._keys = {c: c for c in MANIFEST_COLUMNS}  # our column -> the existing file's spelling of it
        if found:
            self._read()

    def _read(self) -> None:
        try:
            text = read_text_file(self.path)
        except _Unusable as err:
            raise ValueError(f"cannot add to {self.path}: {err}") from None
        lines = text.splitlines()
        self.comments = [line for line in lines if line.lstrip().startswith("#")]
        reader = csv.DictReader([line for line in lines if not line.lstrip().startswith("#")])
        columns = [c for c in reader.fieldnames or [] if c is not None]
        if "file" not in {c.strip().lower() for c in columns}:
            raise ValueError(f"cannot add to {self.path}: it has no 'file' column")
        self.rows = [{k: v for k, v in row.items() if k is not None} for row in reader]
        known = {c.strip().lower() for c in columns}
        self.columns = columns + [c for c in MANIFEST_COLUMNS if c not in known]
        self._keys = {c: next((k for k in columns if k.strip().lower() == c), c) for c in MANIFEST_COLUMNS}

    def value(self, row: dict, column: str) -> str:
        return (row.get(self._keys[column]) or "").strip()

    def row_for(self, url: str) -> dict | None:
        """The row of ``url`` (as finally fetched, or one of the addresses asked for that led to it), or None."""
        return next((row for row in self.rows
                     if url == self.value(row, "url") or url in self.value(row, "requested_url").split()), None)

    def add_address(self, row: dict, url: str) -> None:
        """Note that ``url`` also leads to the page of ``row`` (addresses in ``requested_url`` are space-separated)."""
        row[self._keys["requested_url"]] = " ".join([*self.value(row, "requested_url").split(), url])
        self._write()

    def names(self) -> set[str]:
        return {self.value(row, "file") for row in self.rows}

    def put(self, values: dict[str, str], replacing: dict | None = None) -> None:
        row = {self._keys[c]: v for c, v in values.items()}
        if replacing is not None:
            # A value the user wrote (an outlet, a country, a story) stays; where the page was fetched
            # from and when are this fetch's.
            fetched = {self._keys[c] for c in ("file", "url", "fetched_at", "requested_url")}
            replacing.update({k: v for k, v in row.items() if k in fetched or not (replacing.get(k) or "").strip()})
        else:
            self.rows.append(row)
        self._write()

    def _write(self) -> None:
        out = io.StringIO()
        out.writelines(line + "\n" for line in self.comments)
        writer = csv.DictWriter(out, fieldnames=self.columns, restval="", lineterminator="\n")
        writer.writeheader()
        writer.writerows(self.rows)
        _write_new(self.folder, self.path.name, out.getvalue().encode("utf-8"), replace=True)


def _write_new(folder: Path, name: str, data: bytes, replace: bool = False) -> None:
    """Write ``data`` to ``folder/name`` through a hidden temporary file; never over an existing file
    unless ``replace`` (raises ``FileExistsError``)."""
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        if replace:
            os.replace(temporary, folder / name)
        else:
            try:
                os.link(temporary, folder / name)  # fails if the name was taken meanwhile
            except FileExistsError:
                raise
            except OSError:
                # A file system without hard links (FAT or exFAT on a USB stick): create the name
                # exclusively instead, which also fails if it was taken meanwhile.
                with open(folder / name, "xb") as stream:
                    stream.write(data)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def _next_number(folder: Path, manifest: _Manifest) -> Iterator[int]:
    numbers = [int(m[1]) for name in [*(p.name for p in folder.iterdir()), *manifest.names()]
               if (m := re.match(r"(\d+)_", name))]
    return itertools.count(max(numbers, default=0) + 1)


def _save(folder: Path, page: Page, numbers: Iterator[int], manifest: _Manifest, reuse: str = "") -> str:
    """Save the page under a name no file and no manifest row holds (or ``reuse``, a row's missing file)."""
    taken = manifest.names()
    if reuse and not (folder / reuse).exists():
        with contextlib.suppress(FileExistsError):
            _write_new(folder, reuse, page.body)
            return reuse
    while True:
        name = page_file_name(next(numbers), page.url)
        if name in taken or (folder / name).exists():
            continue
        try:
            _write_new(folder, name, page.body)
        except FileExistsError:
            continue
        return name


def collect(urls: Iterable[str | Link], out_dir: str | Path, *, progress: bool = True, fetcher: Fetcher | None = None,
            **settings) -> CollectResult:
    """Fetch each address once into ``out_dir`` as ``.html`` with a ``manifest.csv`` row per page.

    ``urls`` are addresses or :class:`Link` (with hints from an export or feed); a repeated address is
    fetched once. An address already in the folder's manifest with its file present is skipped without
    any request; new pages are added and the manifest rewritten (its earlier rows as they were), after
    each page, so an interrupted run keeps what it fetched. A file of the user's is never overwritten.
    ``settings`` are :class:`Fetcher`'s: ``delay`` is the least time between two requests to one host,
    ``timeout`` the longest wait for an answer, ``retries`` how often a connection error, timeout, 429
    or 5xx is tried again (after ``backoff``, then twice as long each time), ``max_bytes`` the largest
    page taken; ``trust_env`` lets the environment's proxy settings apply. ``fetcher`` (shared with
    :func:`urls_from_feed`) replaces the one built from these settings. Raises ``ValueError`` when
    ``out_dir`` cannot take the pages (a file, or a folder whose manifest is YAML).

    >>> result = collect(["https://example.org/news/1.html"], "articles/harbour")  # doctest: +SKIP
    >>> print(result.summary())  # doctest: +SKIP
    collected 1 page into articles/harbour
    """
    folder = Path(out_dir)
    if folder.exists() and not folder.is_dir():
        raise ValueError(f"{folder} is a file, not a folder")
    folder.mkdir(parents=True, exist_ok=True)
    manifest = _Manifest(folder)
    result = CollectResult(folder)
    links: dict[str, Link] = {}
    for item in urls:
        link = item if isinstance(item, Link) else Link(str(item))
        address = web_address(link.url)
        if not address:
            result.failed.append(Outcome(link.url, reason="not a web address (it must start with http:// or https://)"))
        elif address not in links:
            links[address] = Link(address, link.headline, link.outlet, link.published)
    queue = []
    for url in links:
        row = manifest.row_for(url)
        file = manifest.value(row, "file") if row else ""
        if file and (folder / file).is_file():
            result.skipped.append(Outcome(url, file, "already collected"))
        else:
            queue.append(url)
    numbers = _next_number(folder, manifest)
    with contextlib.ExitStack() as stack:
        if fetcher is None:
            fetcher = stack.enter_context(Fetcher(**settings))
        bar = stack.enter_context(_progress(len(queue), progress))
        for url in interleave_hosts(queue):
            bar.set_postfix_str(url_host(url), refresh=False)
            try:
                page = fetcher.get(url)
            except FetchFailed as err:
                result.failed.append(Outcome(url, reason=err.reason))
                bar.update()
                continue
            same = manifest.row_for(page.url) if page.url != url else None
            if same and (folder / manifest.value(same, "file")).is_file():
                manifest.add_address(same, url)  # so that a re-run does not ask for it again
                result.skipped.append(Outcome(url, manifest.value(same, "file"), f"already collected as {page.url}"))
                bar.update()
                continue
            stale = manifest.row_for(url)
            file = _save(folder, page, numbers, manifest, reuse=manifest.value(stale, "file") if stale else "")
            manifest.put({"file": file, "url": page.url, **page_fields(page.body, page.url, links[url]),
                          "fetched_at": _utc_now(), "requested_url": url}, replacing=stale)
            result.fetched.append(Outcome(url, file))
            bar.update()
    return result


def _progress(total: int, show: bool):
    from tqdm import tqdm

    # disable=None: shown only on a terminal
    return tqdm(total=total, unit="page", desc="collect", file=sys.stderr, disable=None if show else True)
