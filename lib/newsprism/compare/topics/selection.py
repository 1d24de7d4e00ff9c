"""Selection: the people, bodies and figures only some outlets mention.

A finding here is what the raw text can confirm: "Only X mentions A" holds when no other
outlet's article names A in any form, and "Every outlet except X mentions A" when X's
article does not. It does not claim that a whole fact is missing elsewhere: that needs
to know every way an outlet can tell it in other words, and a hand check of such
sentence-level findings found most of them partly false (see
:mod:`newsprism.compare.mentions`).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Iterable

import pandas as pd

from newsprism.compare.mentions import english_outlets, exclusive_mentions
from newsprism.compare.topics.common import FindingOptions, RunTables, Topic, _finding, _media, _squash, join_names


def _mentions(run: RunTables) -> pd.DataFrame | None:
    """The run's ``exclusive_mentions`` table, computed from the alignment when it was not passed in."""
    table = run.tables.get("exclusive_mentions")
    if table is not None:
        return table if not table.empty else None
    alignment = run.tables.get("alignment")
    if alignment is None or alignment.empty or run.articles is None or "body" not in run.articles:
        return None
    table = exclusive_mentions(alignment, run.articles, run.raw)
    return table if not table.empty else None


def _not_media(table: pd.DataFrame) -> pd.DataFrame:
    """News organisations are left to the credits findings: naming Reuters is a credit, not a choice of fact."""
    media = {_squash(m) for m in _media()}
    return table[[_squash(s) not in media for s in table.shown]]


#: Names and figures listed in one finding; the rest are counted ("and 5 more"). Each item
#: listed is one more chance of a wrong one, and one wrong item of six made a finding
#: partly false in the hand checks: the salient few tell the reader as much.
MAX_ITEMS = 4


def _what(rows: pd.DataFrame) -> str:
    """ "Olaf Scholz and the OSCE, and gives the figures 100,000 troops and 14,000 people"."""
    names = [s for s, k in zip(rows.shown, rows.kind) if k == "name"]
    figures = [s for s, k in zip(rows.shown, rows.kind) if k == "number"]
    parts = []
    if names:
        parts.append(f"mentions {join_names(names)}")
    if figures:
        parts.append(f"gives the figure{'s' if len(figures) > 1 else ''} {join_names(figures)}")
    return ", and ".join(parts)


_URL_DATE = re.compile(r"/((?:19|20)\d\d)/(\d\d)/(\d\d)/")


def _url_agrees(published: object, url: object) -> bool:
    """False when the page's address carries another date than the manifest ("/2014/06/11/" against 06-12).

    >>> _url_agrees("2014-06-12", "http://x.com/2014/06/11/a.html"), _url_agrees("2014-06-12", "")
    (False, True)
    """
    found = _URL_DATE.search(str(url or ""))
    return not found or str(published)[:10] == "-".join(found.groups())


def _dates(run: RunTables) -> dict[str, dt.date]:
    """The earliest publication date of each outlet's articles, where the manifest gives one.

    A date the page's own address contradicts is no date to reason from: a held-out check
    found a "published 2 days after" remark built on such a manifest date.
    """
    if run.articles is None or "published" not in run.articles:
        return {}
    days = _iso_days(run.articles.published)
    if days is not None:
        # Plain dates, as ingest writes them: read without pandas' parser of any format (its
        # "mixed" format reads each value on its own, and costs more than the rest of the finder).
        if "url" in run.articles:
            days = [d if _url_agrees(p, u) else None
                    for d, p, u in zip(days, run.articles.published, run.articles.url)]
        earliest: dict[str, dt.date] = {}
        for outlet, day in zip(run.articles.outlet, days):
            if day is not None and not pd.isna(outlet):
                earliest[outlet] = min(earliest.get(outlet, day), day)
        return earliest
    dates = pd.to_datetime(run.articles.published, errors="coerce", format="mixed")
    if "url" in run.articles:
        agrees = [_url_agrees(p, u) for p, u in zip(run.articles.published, run.articles.url)]
        dates = dates.where(pd.Series(agrees, index=dates.index))
    known = pd.DataFrame({"outlet": run.articles.outlet, "date": dates}).dropna()
    return {o: d.date() for o, d in known.groupby("outlet").date.min().items()}


_ISO_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


def _iso_days(values: Iterable[object]) -> list[dt.date | None] | None:
    """Each value as a date when every one is a plain date ("2014-06-12") or empty; None otherwise.

    An impossible date ("2014-02-30") is no date, as for pandas' parser; a year outside 1900-2200
    (which pandas' timestamps may not hold) leaves the values to it.

    >>> _iso_days(["2014-06-12", "", None, "2014-02-30"])
    [datetime.date(2014, 6, 12), None, None, None]
    >>> _iso_days(["June 12, 2014"]) is None
    True
    """
    days = []
    for value in values:
        if value is None or isinstance(value, float) and math.isnan(value) or isinstance(value, str) and not value:
            days.append(None)
            continue
        if not isinstance(value, str):
            return None  # a timestamp, pandas' NA...: left to pandas
        found = _ISO_DAY.fullmatch(value)
        if not found or not 1900 <= int(found.group(1)) <= 2200:
            return None
        try:
            days.append(dt.date(*map(int, found.groups())))
        except ValueError:
            days.append(None)
    return days


def _days(days: int, uneven: bool) -> str:
    """ "2 days", or "at least 1 day" when the others were not published on one day."""
    return f"{'at least ' if uneven else ''}{days} day{'s' if days > 1 else ''}"


def _timing(outlet: str, relation: str, dates: dict[str, dt.date], outlets: list[str]) -> str:
    """A note when publication dates may explain the difference: an earlier article cannot name later events."""
    if outlet not in dates or len(dates) < len(outlets):
        return ""
    others = [dates[o] for o in outlets if o != outlet]
    if relation == "all_but" and dates[outlet] < min(others):
        days = (min(others) - dates[outlet]).days
        return (f" ({outlet} was published {_days(days, min(others) != max(others))} before the others, "
                "so it may predate this)")
    if relation == "only" and dates[outlet] > max(others):
        days = (dates[outlet] - max(others)).days
        return f" ({outlet} was published {_days(days, min(others) != max(others))} after the others)"
    return ""


def _mention_findings(run: RunTables, options: FindingOptions) -> list[dict]:
    """Per outlet: the names and figures only it mentions, and those every other outlet mentions but it."""
    table = _mentions(run)
    outlets = run.outlets
    if table is None or len(outlets) < 2:
        return []
    table = _not_media(table)
    compared = english_outlets(run.articles)
    dates = _dates(run)
    findings = []
    for (relation, outlet), rows in table.groupby(["relation", "outlet"], sort=False):
        rows = rows.sort_values("salience", ascending=False, kind="stable")
        shown = rows.head(MAX_ITEMS)
        more = len(rows) - len(shown)
        extra = f" (and {more} more name{'s' if more > 1 else ''} or figure{'s' if more > 1 else ''})" if more else ""
        if relation == "only":
            lead, kind, group = f"Only {outlet}", "only_mentions", [outlet]
        else:
            lead, kind, group = f"Every outlet except {outlet}", "all_but_mentions", [o for o in compared if o != outlet]
        among = "" if len(compared) == len(outlets) else " (of the articles in English)"
        sentence = f"{lead}{among} {_what(shown)}{extra}{_timing(outlet, relation, dates, compared)}."
        evidence = [e for ev in shown.evidence for e in json.loads(ev)]
        # Plain columns, not itertuples (a new namedtuple class on every call): a few rows each.
        titles = shown["titles"] if "titles" in shown else [None] * len(shown)
        claim = {"kind": "mentions", "outlet": outlet, "relation": relation,
                 "items": [{"kind": kind_, "label": label, "forms": json.loads(forms), "shown": shown_as,
                            "value": None if pd.isna(value) else float(value), "titles": json.loads(titles_ or "[]")}
                           for kind_, label, forms, shown_as, value, titles_
                           in zip(shown.kind, shown.label, shown.forms, shown.shown, shown.value, titles)]}
        findings.append(_finding(sentence, evidence, group, float(shown.salience.sum()), claim, measured_as=kind))
    return findings


TOPIC = Topic("selection", 3.0, (_mention_findings,))
