"""Source credits: agencies and outlets credited or cited ("citing Reuters", "(AFP)", "a Reuters witness").

:func:`credit_markers` reads the credits that cleaning moved out of the body
(datelines, photo credits, an agency named in the byline); :func:`find` reads the text itself.

A name is not a credit when it only says where someone works ("Fox News host
Glenn Beck", "CNN's anchor", "an NBC correspondent"), where someone gave an
interview ("in an interview with Reuters"), where someone appeared or spoke
("said on Fox News", "speaking on NBC's \"Today\"", "a CBS affiliate"), or is
part of a person's name ("Michael Bloomberg"); nor is the page's own author in its
byline a source, nor a credit inside someone's quotation (the speaker's, not the outlet's).
"""

from __future__ import annotations

import functools
import json
import re

import pandas as pd
from spacy.tokens import Span

from newsprism.framing.kinds.common import MARKER_COLUMNS, Article, MarkerKind, empty_markers, row, typed
from newsprism.framing.lexicons import PhraseIndex, load_lexicon
from newsprism.quotes.attribution import cue_lemma

NAME = "source_credit"
# Words that turn an agency's name into the person or piece the article relies on.
CREDIT_HEADS = frozenset("""witness reporter correspondent journalist photographer cameraman report tally count calculation
    analysis poll survey investigation review source article story editorial""".split())
CITING_CUES = ("citing", "according to", "told", "tell", "tells", "cited by", "quoted by", "reported by", "speaking to",
               "said to", "provided to", "obtained by")
# Where someone appeared or spoke ("said on Fox News", "speaking on ABC News", "on the Fox News program",
# "told NBC's \"Today\" show", "a CBS affiliate in Denver", "the Fox News/Washington Examiner debate"):
# the outlet is the venue, not a source of reporting the article relies on. A local affiliate is not even
# the network. "on" counts only before a broadcaster: "on the Hill" is Capitol Hill, not The Hill.
VENUE_BEFORE = re.compile(r"\bon\s+(?:the\s+)?[\"\u201c']?$", re.I)
VENUE_AFTER = re.compile(r"^(?:'s?|\u2019s?)?\s*(?:/\s*[\w.&' ]{1,40}?\s+)?(?:[\"\u201c][^\"\u201d]{1,40}[\"\u201d]\s*"
                         r"|(?-i:[A-Z][\w.&'-]*\s+){1,3})?"
                         r"(?:show|program|programme|affiliate|station|debate|broadcast|interview|appearance"
                         r"|town\s+hall|forum)\b", re.I)  # singular: "an NBC/WSJ poll released Monday shows" is no show
# "The Daily Bugle is reporting", "the Post first reported": the outlet's own reporting, relied on here.
# "Vanity Fair magazine, which estimated", "FactCheck.org rated", "the Examiner's Jane Roe notes": the same.
REPORTING_AFTER = re.compile(r"^(?:\s+(?:magazine|newspaper|website))?(?:,?\s+(?:which|that))?(?:\s+(?:is|was|has|had|have|also|"
                             r"further|first|later|earlier|recently))*\s+(?:reporting|reported|reports|notes|noted|wrote|writes|"
                             r"confirmed|estimated|estimates|rated|rates|found|finds|calculated|revealed|obtained|published)\b"
                             r"|^(?:'s|\u2019s)\s+(?:[A-Z][\w.'-]*\s+){1,3}(?:notes|noted|writes|wrote|reports|reported)\b")
# "according to Jane Roe at Vanity Fair": the outlet's journalist is cited.
CITED_JOURNALIST_BEFORE = re.compile(r"\b(?i:according to|citing|reported by)\s+(?:[A-Z][\w.'-]*\s+){1,3}(?:at|of|from)\s+(?:the\s+)?$")
# A news organisation the lists do not know, named where the article relies on it ("according to the
# Tri-City Herald", "citing FactCheck.org"): its name ends in a word that names a paper or a site.
OUTLET_LIKE = (r"(?:[A-Z][\w&'.]*[-\s]){0,3}(?:Times|Post|News|Journal|Magazine|Review|Standard|Examiner|Tribune|Herald|"
               r"Daily|Press|Wire|Gazette|Observer|Monitor|Caller|Beacon|Report|Network|Radio|Hotline|Blog|Insider|"
               r"Week|Weekly|Digest|Telegraph|Chronicle|Inquirer|Register|Sun|Star|Dispatch|Bulletin|Ledger|Courier|"
               r"Globe|Mail)\b(?![-\s]+[A-Z])|[\w-]+\.(?:com|org|net)\b")  # "Press Secretary" goes on: no paper
SHARED_POLL = re.compile(r"\b([A-Z][\w.&]*(?: [A-Z][\w.&]*){0,2})\s*/\s*[A-Z][\w.&' ]{0,40}?\s+(poll|survey)\b")
UNLISTED_CREDIT = re.compile(rf"\b(?i:according to|citing|reported by)\s+(?:the\s+)?({OUTLET_LIKE})"
                             rf"|({OUTLET_LIKE})(?=(?:\s+(?:recently|also|first|later|earlier))?\s+(?:reported|reports|wrote|writes)\b)")
QUOTED_TITLE_AFTER = re.compile(r"^(?:'s|\u2019s)\s+[\"\u201c]", re.I)  # NBC's "Today": a programme
# "an NBC/WSJ poll", "an NBC News/Wall Street Journal poll": the first name shares the second one's poll.
SHARED_HEAD_AFTER = re.compile(r"^\s*/\s*[\w.&' ]{1,40}?\s+(poll|survey)\b", re.I)
# Jobs at an outlet: "Fox News host Glenn Beck", "CNN's anchor", "an NBC correspondent" say where a
# person works, not that the article relies on the outlet. A news agency's reporter or photographer
# (CREDIT_HEADS) is the exception: "a Reuters reporter saw" is the agency's reporting.
JOB_TITLES = frozenset("""host co-host anchor anchorman anchorwoman correspondent reporter journalist contributor commentator
    analyst pundit presenter personality producer editor columnist writer executive chief president chairman chairwoman
    publisher owner founder employee staffer star moderator interviewer spokesman spokeswoman spokesperson
    newsman newswoman broadcaster commentator""".split())
# "in an interview with Reuters", "told NBC News in an interview", "in an email to HuffPost", "did not
# respond to CNN's request for comment": the outlet asked the speaker, or received the statement.
INTERVIEW_BEFORE = re.compile(r"\b(?:interviews?|e-?mails?|statements?|letters?|messages?)\s+(?:sent\s+|given\s+)?"
                              r"(?:with|on|to|for)\s+(?:the\s+)?$", re.I)
INTERVIEW_AFTER = re.compile(r"^(?:'s?|\u2019s?)?\s*(?:(?:in|during)\s+(?:an?|the|its|his|her|their)\s+(?:\w+\s+){0,2}interview\b"
                             r"|(?:request|requests|inquiry|inquiries)\s+for\s+comment\b)", re.I)


@functools.lru_cache(maxsize=1)
def _credit_table() -> tuple[pd.DataFrame, dict[str, int], dict[str, int]]:
    """Source credits: the table, plus case-sensitive and lower-case name -> row lookups."""
    table = load_lexicon("source_credits", ("text", "category", "country", "source"))
    exact, folded = {}, {}
    for index, cell in enumerate(table["text"]):
        for name in cell.split("|"):
            name = name.strip()
            if name.isupper() and len(name) <= 5:
                exact[name] = index  # "AP", "RT", "DW": as a word only in capitals
            else:
                folded[name.lower()] = index
    return table, exact, folded


@functools.lru_cache(maxsize=1)
def _credit_index() -> PhraseIndex:
    table, exact, folded = _credit_table()
    # Case is checked after matching, so one index serves both lookups.
    return PhraseIndex(list(exact) + list(folded), plurals=False)


def _credit_name(article: Article) -> list[tuple[Span, int]]:
    table, exact, folded = _credit_table()
    found = []
    for match in _credit_index().find(article.doc, article.lowers):
        span = article.doc[match.start : match.end]
        index = exact.get(span.text, folded.get(span.text.lower()))
        if index is None:
            continue  # "ap" or "Rt" in lower case is not the agency
        found.append((span, index))
    return found


def _is_agency(entry: pd.Series) -> bool:
    return "agency" in str(entry["category"])


def _job_title(span: Span, entry: pd.Series) -> bool:
    """Does the name only say where someone works ("Fox News host Glenn Beck", "CNN's anchor")?"""
    doc = span.doc
    i = span.end
    if i < len(doc) and doc[i].tag_ == "POS":
        i += 1  # "CNN's anchor"
    if i >= len(doc) or doc[i].lower_ not in JOB_TITLES:
        return False
    if _is_agency(entry) and doc[i].lower_ in CREDIT_HEADS:
        # "a Reuters reporter saw": the agency's reporting, unless a name follows ("AP reporter Jane Doe")
        return i + 1 < len(doc) and doc[i + 1].ent_type_ == "PERSON"
    return True


def _in_person_name(span: Span) -> bool:
    """Is the name part of a longer person's name ("Mayor Michael Bloomberg")?"""
    root = span[0]
    if root.ent_type_ != "PERSON":
        return False
    doc, start, end = span.doc, span.start, span.end
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return end - start > len(span)


def _interview(text: str, start: int, end: int) -> bool:
    """Did the outlet interview the speaker or receive the statement ("in an interview with Reuters", "in an email to CNN")?"""
    return bool(INTERVIEW_BEFORE.search(text[max(0, start - 40) : start]) or INTERVIEW_AFTER.match(text[end : end + 50]))


def _venue(text: str, start: int, end: int, entry: pd.Series) -> bool:
    """Is the outlet only where someone appeared or spoke ("said on Fox News", "a CBS affiliate")?

    >>> entry = pd.Series({"category": "broadcaster"})
    >>> t = 'He said on Fox News that NBC’s "Today" show and a CBS affiliate asked.'
    >>> [_venue(t, t.index(n), t.index(n) + len(n), entry) for n in ("Fox News", "NBC", "CBS")]
    [True, True, True]
    >>> _venue("Selling it on the Hill is hard.", 17, 25, pd.Series({"category": "news website"}))
    False
    """
    after = text[end : end + 60]
    if VENUE_AFTER.match(after) or QUOTED_TITLE_AFTER.match(after):
        return True
    return "broadcaster" in str(entry["category"]) and bool(VENUE_BEFORE.search(text[max(0, start - 12) : start]))


def find(article: Article) -> list[dict]:
    """Agencies and outlets credited or cited in the text: "citing Reuters", "(AFP)", "a Reuters witness".

    >>> from newsprism.text.nlp import parse
    >>> from newsprism.framing.kinds.common import Attributions
    >>> doc = parse("Fox News host Jane Roe said so in an interview with Reuters, citing AFP.")
    >>> [r["text"] for r in find(Article.build(doc, Attributions()))]
    ['citing AFP']
    """
    table, exact, folded = _credit_table()
    doc, text = article.doc, article.text
    lowered = None  # text.lower(), made once for the first "citing ..." and reused
    rows = []
    for span, index in _credit_name(article):
        entry = table.iloc[index]
        start, end, category = span.start_char, span.end_char, "mentioned"
        if _job_title(span, entry) or _in_person_name(span) or _interview(text, start, end) or _venue(text, start, end, entry):
            continue
        before = text[max(0, start - 25) : start].lower()
        nxt = doc[span.end] if span.end < len(doc) else None
        if text[start - 1 : start] == "(" and text[end : end + 1] == ")":
            start, end, category = start - 1, end + 1, "dateline credit"
        elif journalist := CITED_JOURNALIST_BEFORE.search(text[max(0, start - 80) : start]):
            start, category = max(0, start - 80) + journalist.start(), "cited"
        elif any(before.rstrip().endswith(cue) for cue in CITING_CUES):
            cue = next(c for c in CITING_CUES if before.rstrip().endswith(c))
            lowered = text.lower() if lowered is None else lowered
            start, category = lowered.rfind(cue, 0, start), "cited"
        elif shared := SHARED_HEAD_AFTER.match(text[end : end + 50]):
            det = doc[span.start - 1] if span.start and doc[span.start - 1].lower_ in ("a", "an", "the") else None
            start = det.idx if det is not None else start
            end, category = end + shared.end(), f"{entry['category']} {shared.group(1).lower()}"
        elif nxt is not None and nxt.lower_ in CREDIT_HEADS:
            det = doc[span.start - 1] if span.start and doc[span.start - 1].lower_ in ("a", "an", "the") else None
            start = det.idx if det is not None else start
            end, category = nxt.idx + len(nxt.text), f"{entry['category']} {nxt.lower_}"
        elif (nxt is not None and (cue_lemma(nxt) or nxt.lower_ in ("reported", "reports", "said", "says"))) or \
                REPORTING_AFTER.match(text[end : end + 40]):
            category = "cited"
        if category == "mentioned" and re.fullmatch(r"the \w+", span.text):
            continue  # "on the Hill" is Capitol Hill and "the Atlantic" an ocean, unless credited as a source
        name = entry["text"].split("|")[0]
        why = {
            "cited": f"The article relies on {name} ({entry['category']}, {entry['country']}) for this information.",
            "dateline credit": f"The story is credited to {name} ({entry['category']}, {entry['country']}).",
            "mentioned": f"{name} ({entry['category']}, {entry['country']}) is named here; check whether it is a source of the story.",
        }.get(category, f"The article relies on {name} ({entry['category']}, {entry['country']}) staff for what they saw or counted.")
        rows.append(row(NAME, text[start:end], start, end, category, why, "source_credits.csv", article.where, about=name))
    for hit in SHARED_POLL.finditer(text):
        # "an NBC/ Wall Street Journal poll": a name glued to the slash is no token of its own.
        index = exact.get(hit.group(1), folded.get(hit.group(1).lower()))
        if index is None or any(r["start"] <= hit.start(1) < r["end"] for r in rows):
            continue
        entry = table.iloc[index]
        name = entry["text"].split("|")[0]
        rows.append(row(NAME, hit.group(0), hit.start(), hit.end(), f"{entry['category']} {hit.group(2).lower()}",
                        f"The article relies on {name} ({entry['category']}, {entry['country']}) staff for what they saw or counted.",
                        "source_credits.csv", article.where, about=name))
    for hit in UNLISTED_CREDIT.finditer(text):
        group = 1 if hit.group(1) else 2
        if any(r["start"] <= hit.start(group) < r["end"] or hit.start(group) <= r["start"] < hit.end(group) for r in rows):
            continue  # a listed name, already read
        name = re.sub(r"^(?:The|the)\s+", "", hit.group(group))
        if " " not in name.strip() and "-" not in name and "." not in name:
            # "according to the Times": a short form of a paper named before, else too vague to name
            earlier = [r["about"] for r in rows if r["about"] and r["about"].split()[-1] == name]
            if not earlier:
                continue
            name = earlier[0]
        rows.append(row(NAME, hit.group(0), hit.start(), hit.end(), "cited",
                        f"The article relies on {name} (a news organisation not in the list) for this information.",
                        "source_credits.csv", article.where, about=name))
    return rows


def credit_markers(credits_json: str | list | None) -> pd.DataFrame:
    """Markers for the credits that cleaning moved out of the body (the articles table's ``credits``).

    Offsets index into each credit's own text; ``where`` is the credit's place
    ("dateline", "photo credit"). A byline is the page's own author: it is a
    credit only when it names an agency or outlet ("By Jane Doe, Associated Press").

    >>> credit_markers('[{"text": "(Sputnik)", "where": "dateline"}]')[["text", "where", "about"]].values.tolist()
    [['(Sputnik)', 'dateline', 'Sputnik']]
    >>> len(credit_markers('[{"text": "By Jane Doe", "where": "byline"}]'))
    0
    """
    rows = credit_rows(credits_json)
    return typed(pd.DataFrame(rows, columns=MARKER_COLUMNS)) if rows else empty_markers()


def credit_rows(credits_json: str | list | None) -> list[dict]:
    """The rows of :func:`credit_markers`, before they become a table.

    >>> [r["about"] for r in credit_rows('[{"text": "(Sputnik)", "where": "dateline"}]')]
    ['Sputnik']
    """
    if credits_json is None or (isinstance(credits_json, float) and pd.isna(credits_json)) or credits_json == "":
        return []
    try:
        credits = json.loads(credits_json) if isinstance(credits_json, str) else list(credits_json)
    except json.JSONDecodeError as exc:
        raise ValueError(f"credits must be a JSON list of {{'text','where'}} objects: {exc}: {credits_json[:80]!r}") from exc
    table, exact, folded = _credit_table()
    rows = []
    for item in credits:
        text, where = str(item.get("text", "")).strip(), str(item.get("where", "credit"))
        if not text:
            continue
        # As whole words: "RT" inside "ROBERT SMITH" or "dpa" inside "sandpaper" names no outlet.
        names = [n for n in list(exact) + list(folded)
                 if re.search(rf"(?<!\w){re.escape(n)}(?!\w)", text if n in exact else text.lower())]
        name = max(names, key=len) if names else ""
        index = exact.get(name, folded.get(name))
        outlet = table.iloc[index]["text"].split("|")[0] if index is not None else ""
        if where == "byline" and not outlet:
            continue  # the author of the page, not a source it relies on
        kind = f" ({table.iloc[index]['category']}, {table.iloc[index]['country']})" if index is not None else ""
        why = (f"The {where} credits {outlet}{kind}: the story or picture comes from there."
               if outlet else f"The {where} credits who supplied the story or picture.")
        rows.append(row(NAME, text, 0, len(text), f"{where}", why, f"credits ({where})", where, about=outlet))
    return rows


# A credit inside someone's quotation ("according to ABC News" in a candidate's words) is the speaker's.
KIND = MarkerKind(NAME, find, in_quote="drop")
