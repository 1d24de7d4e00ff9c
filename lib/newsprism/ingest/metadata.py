"""Metadata of an article read from its own text: dates, dateline, credits, outlet.

A copied news page carries its metadata in a handful of conventional shapes:
a dateline opening the first paragraph (``WASHINGTON (Sputnik) -``,
``LONDON, Feb 13 (Reuters) -``, ``JAKARTA -``), a photo credit after a
copyright sign (``© REUTERS / POOL / caption``), a publication date in a
caption or a "Published" line, and a web address whose domain names the
outlet. These functions recognise those shapes; :mod:`newsprism.ingest.folder`
decides which value wins (a manifest always does).
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import re
from dataclasses import dataclass
from urllib.parse import urlparse

from newsprism.text.datafiles import read_data_csv

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"

# Each shape of written date, tried in this order at every position of a text.
_DATE_PATTERNS = [
    # 2022-02-13, 2022-02-13T10:00:00Z, 2022/02/13
    re.compile(r"(?<!\d)" + _YEAR + r"[-/](?P<num_month>\d{1,2})[-/](?P<day>\d{1,2})(?!\d)"),
    # 13.02.2022 (dots: day first, as everywhere that writes dates with dots)
    re.compile(r"\b(?P<day>\d{1,2})\.(?P<num_month>\d{1,2})\.(?P<year>(?:19|20)\d{2})\b"),
    # February 13, 2022 / Feb. 13 2022
    re.compile(r"\b" + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+" + _YEAR + r"\b", re.I),
    # 13 February 2022 / 13th Feb, 2022
    re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r",?\s+" + _YEAR + r"\b", re.I),
    # 02/13/2022 or 13/02/2022: only when the day is unambiguous (> 12)
    re.compile(r"\b(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>(?:19|20)\d{2})\b"),
]


def _date_from_match(match: re.Match) -> str:
    parts = match.groupdict()
    year = int(parts["year"])
    if parts.get("a"):
        first, second = int(parts["a"]), int(parts["b"])
        if first > 12 >= second:
            day, month = first, second
        elif second > 12 >= first:
            month, day = first, second
        else:
            return ""  # 03/04/2022: March 4 or 3 April? Refuse to guess.
    else:
        day = int(parts["day"])
        month = int(parts["num_month"]) if parts.get("num_month") else MONTHS[parts["month"].lower()]
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return ""


def find_dates(text: str) -> list[str]:
    """Every calendar date written in ``text``, as ``YYYY-MM-DD``, in reading order.

    >>> find_dates("Photo - Outlet, 1920, 13.02.2022; updated February 14, 2022")
    ['2022-02-13', '2022-02-14']
    """
    found: list[tuple[int, str]] = []
    taken: list[range] = []
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            if any(match.start() in span for span in taken):
                continue
            iso = _date_from_match(match)
            if iso:
                found.append((match.start(), iso))
                taken.append(range(match.start(), match.end()))
    return [iso for _, iso in sorted(found)]


# A whole value of digits with no separator, as GDELT and other exports write it: 20240305,
# 20240305083000, 20240305T083000Z.
_COMPACT_DATE = re.compile(r"((?:19|20)\d{2})(\d{2})(\d{2})(?:T?\d{4,6}Z?)?")


def parse_date(value: object) -> str:
    """Normalise one date value (string, date or timestamp) to ``YYYY-MM-DD``; "" if none.

    A value of digits alone is read as year, month, day (and a time), as exports write it.

    >>> parse_date("Sunday, 13 February 2022 10:05")
    '2022-02-13'
    >>> parse_date("20220213100500"), parse_date("20220213T100500Z")
    ('2022-02-13', '2022-02-13')
    >>> parse_date("next week")
    ''
    """
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.strftime("%Y-%m-%d")
    compact = _COMPACT_DATE.fullmatch(str(value).strip())
    if compact:
        value = "-".join(compact.groups())
    dates = find_dates(str(value))
    return dates[0] if dates else ""


# --- dateline ---------------------------------------------------------------

# CITY in capitals, an optional ", Region" or ", Feb 13", an optional "(Agency)",
# then a dash. The hyphen needs a space on one side so "WASHINGTON-based" is no dateline.
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’\-]+(?:\s+[A-Z][A-Z.'’\-]+){0,3})"
    r"(?:,\s*(?P<extra>[A-Z][\w.]*(?:\s+[\w.]+){0,3}))?"
    r"\s*(?P<credit>\([^()]{1,40}\))?"
    r"(?:\s+[-–—]{1,3}\s*|\s*[-–—]{1,3}\s+|\s*[–—][-–—]{0,2}\s*)"
)


@dataclass(frozen=True)
class Dateline:
    """A dateline split off the start of the first paragraph.

    ``place`` is the city as printed (``WASHINGTON``); ``credit`` the agency in
    brackets (``(Sputnik)``) or ""; ``rest`` the paragraph without the dateline.
    """

    place: str
    credit: str
    rest: str


def split_dateline(paragraph: str) -> Dateline:
    """Split a news dateline off the start of ``paragraph``.

    >>> split_dateline("WASHINGTON (Sputnik) -On Saturday, the US said so.")
    Dateline(place='WASHINGTON', credit='(Sputnik)', rest='On Saturday, the US said so.')
    >>> split_dateline("LONDON, Feb 13 (Reuters) - Talks resumed.").place
    'LONDON'
    >>> split_dateline("No dateline here.").place
    ''
    """
    match = _DATELINE.match(paragraph)
    if not match:
        return Dateline("", "", paragraph)
    place = match["place"].strip(" .-")
    letters = [c for c in place if c.isalpha()]
    # At least two capital letters: a lone "A -" or "I -" is a sentence, not a city.
    if len(letters) < 2 or place in {"AND", "BUT", "THE", "UPDATE", "BREAKING", "EXCLUSIVE", "WATCH"}:
        return Dateline("", "", paragraph)
    rest = paragraph[match.end():].lstrip()
    if not rest:
        return Dateline("", "", paragraph)
    return Dateline(place, match["credit"] or "", rest)


# --- credits ----------------------------------------------------------------

def _is_credit_segment(segment: str) -> bool:
    words = segment.split()
    if not words or len(words) > 3 and segment != segment.upper():
        return False
    return not re.search(r"[.!?]$", segment) or segment == segment.upper()


def photo_credit(line: str) -> str:
    """The credit part of a copyright line: ``© AGENCY / PHOTOGRAPHER`` without the caption.

    Segments separated by " / " count as credit while they are short names or
    in capitals; the first sentence-like segment starts the caption.

    >>> photo_credit("© REUTERS / POOL / U.S. Secretary of State Blinken speaks in Washington")
    '© REUTERS / POOL'
    >>> photo_credit("Photo: AFP")
    'Photo: AFP'
    """
    line = line.strip()
    if not line.startswith("©"):
        return line
    segments = [part.strip() for part in line[1:].split("/")]
    credit = []
    for segment in segments:
        if not _is_credit_segment(segment):
            break
        credit.append(segment)
    if not credit:  # "© Caption text": the sign alone is all we can say
        first = segments[0].split()
        credit = [" ".join(first[:3])]
    return "© " + " / ".join(credit)


# --- outlets ----------------------------------------------------------------

@dataclass(frozen=True)
class Outlet:
    """One row of ``data/outlets.csv``."""

    name: str
    domains: tuple[str, ...]
    country: str


@functools.lru_cache(maxsize=1)
def load_outlets() -> tuple[Outlet, ...]:
    """The outlets newsprism can name from a URL (``data/outlets.csv``).

    >>> any(o.name == "Sputnik International" for o in load_outlets())
    True
    """
    table = read_data_csv("outlets.csv")
    return tuple(
        Outlet(name.strip(), tuple(d.strip().lower() for d in domains.split("|")), country.strip())
        for name, domains, country in zip(table.outlet, table.domains, table.country)
    )


def outlet_from_url(url: str) -> Outlet | None:
    """The known outlet whose domain the web address ``url`` belongs to, or None.

    >>> outlet_from_url("https://sputniknews.com/20220213/blinken.html").name
    'Sputnik International'
    >>> outlet_from_url("https://example.org/x") is None
    True
    """
    host = url_host(url)
    for outlet in load_outlets():
        if any(host == d or host.endswith("." + d) for d in outlet.domains):
            return outlet
    return None


_META_TAG = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")


def page_meta(markup: str) -> dict[str, str]:
    """A page's ``<meta>`` tags, property or name (lower case) -> content; the first of each name counts.

    Read in one pass over the markup: the site name (``og:site_name``) and the social handle
    (``twitter:site``, which is no outlet's name) come from the same tags.

    >>> meta = page_meta('<meta content="SFGate" property="og:site_name"><meta name="twitter:site" content="@SFGate">')
    >>> meta["og:site_name"], meta["twitter:site"]
    ('SFGate', '@SFGate')
    """
    found: dict[str, str] = {}
    for tag in _META_TAG.finditer(markup):
        attributes = {m[1].lower(): m[2] or m[3] or m[4] or "" for m in _ATTRIBUTE.finditer(tag[0])}
        key = (attributes.get("property") or attributes.get("name") or "").lower()
        if key and key not in found:
            found[key] = html.unescape(attributes.get("content", "")).strip()
    return found


def url_host(url: str) -> str:
    """The host of a web address, lower case, without "www." ("" for none).

    >>> url_host("https://www.SFGate.com/news/1.php"), url_host("sputniknews.com/x"), url_host("")
    ('sfgate.com', 'sputniknews.com', '')
    """
    if not url:
        return ""
    return (urlparse(url if "//" in url else f"//{url}").hostname or "").lower().removeprefix("www.")


def page_outlet(site_name: str, url: str, extracted_name: str = "") -> str:
    """A saved page's outlet: its own site name, then the known outlet of its address, then the name
    the extractor found, then the address's domain.

    >>> page_outlet("", "https://sputniknews.com/20220213/blinken.html", "SputnikInt")
    'Sputnik International'
    >>> page_outlet("", "https://www.ascom.example/news/1.html")
    'ascom.example'
    """
    if site_name:
        return site_name
    known = outlet_from_url(url) if url else None
    if known:
        return known.name
    if extracted_name:
        return extracted_name
    return url_host(url)


def html_outlet(meta: dict[str, str], url: str, extracted_name: str = "") -> str:
    """A web page's outlet (:func:`page_outlet`) from its meta tags (:func:`page_meta`), its address and the
    site name an extractor found, which does not count when it is only the page's social handle.

    >>> html_outlet({"twitter:site": "@SputnikInt"}, "https://sputniknews.com/a.html", "SputnikInt")
    'Sputnik International'
    >>> html_outlet({}, "https://www.ascom.example/news/1.html", "Ascom Daily")
    'Ascom Daily'
    """
    if extracted_name.lstrip("@") == meta.get("twitter:site", "").lstrip("@"):
        extracted_name = ""
    return page_outlet(meta.get("og:site_name", ""), url, extracted_name)


_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ")


def without_site_suffix(headline: str, outlet: str, url: str = "") -> str:
    """A page title without the site's name after it ("Talks end | The Daily" -> "Talks end").

    Only a short last part (four words at most) that names the outlet (or the address's domain) goes.

    >>> without_site_suffix("Simple Hiking Kit (with Kids) - The Anti-June Cleaver", "The Anti-June Cleaver")
    'Simple Hiking Kit (with Kids)'
    >>> without_site_suffix("Milan Design Week 2018 | Light installation", "Inexhibit")
    'Milan Design Week 2018 | Light installation'
    >>> without_site_suffix("Take Care - Acme at the Cologne trade fair 2018", "", "https://acme.example/a")
    'Take Care - Acme at the Cologne trade fair 2018'
    """
    names = {_squashed(outlet), _squashed(url_host(url).split(".")[0])} - {""}
    for separator in _TITLE_SEPARATORS:
        if separator in headline:
            head, tail = headline.rsplit(separator, 1)
            tail_key = _squashed(tail)
            if head.strip() and tail_key and len(tail.split()) <= 4 and \
                    any(n in tail_key or (len(tail_key) >= 4 and tail_key in n) for n in names):
                return head.strip()
    return headline


def _squashed(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


def outlet_by_name(name: str) -> Outlet | None:
    """The known outlet called ``name`` (case-insensitive), or None.

    >>> outlet_by_name("sputnik international").country
    'Russia'
    """
    wanted = name.strip().casefold()
    return next((o for o in load_outlets() if o.name.casefold() == wanted), None)
