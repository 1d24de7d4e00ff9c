"""Separate a copied news page into headline, article paragraphs and page furniture.

A page copied from a browser (or extracted from HTML) holds more than the
article: the site's header and tagline, photo captions and credits, subscribe
prompts, teasers for other articles, comment widgets and UI strings, sometimes
in another language. The rules here are general shapes, not lines of any one
page:

* *pattern rules* from ``data/furniture_patterns.csv`` (site-name lines,
  captions ending "- Outlet, 1920, dd.mm.yyyy", lines starting with ©,
  "Subscribe", "SEE ALSO:", "log in or register", ...);
* *structure*: the article is the densest run of text on the page
  (:func:`article_block`), and never runs on past the start of the readers'
  comments ("34 responses to ...", "1. name says:"); lines before and after it are furniture;
  inside it, lone numbers, one- or two-word labels, lines in another script
  than the page, repeated lines and title-case lines without final punctuation
  (teasers for other articles) are furniture.

Every removed line is kept, in order and with its category, so a reader can
check what was taken out.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from newsprism.text.datafiles import read_data_csv
from newsprism.ingest.metadata import find_dates
from newsprism.text.quote_spans import AMBIGUOUS, CLOSING, SINGLE_CLOSERS, doubled_apostrophes_as_marks


@dataclass(frozen=True)
class FurnitureRule:
    """One row of ``data/furniture_patterns.csv``: a whole-line pattern and its category."""

    category: str
    pattern: re.Pattern
    note: str


@functools.lru_cache(maxsize=1)
def load_rules() -> tuple[FurnitureRule, ...]:
    """The page-furniture patterns shipped with newsprism.

    >>> rules = load_rules()
    >>> any(rule.category == "photo credit" for rule in rules)
    True
    """
    table = read_data_csv("furniture_patterns.csv")
    return tuple(
        FurnitureRule(category, re.compile(pattern, re.IGNORECASE), note)
        for category, pattern, note in zip(table.category, table.pattern, table.note)
    )


@dataclass(frozen=True)
class RemovedLine:
    """A line taken out of the page.

    ``category`` says why (e.g. "photo credit", "teaser", "before the article");
    ``fields`` holds what the line tells about the article (``outlet``,
    ``date``, ``credit``, ``byline``); ``region`` is "header", "body" or "footer".
    """

    text: str
    category: str
    region: str
    fields: dict = field(default_factory=dict)


@dataclass
class CleanPage:
    """Result of :func:`clean_page`: headline, body paragraphs and the removed lines."""

    headline: str
    paragraphs: list[str]
    removed: list[RemovedLine]

    @property
    def body(self) -> str:
        return "\n".join(self.paragraphs)


# --- line shapes --------------------------------------------------------------

_SPACES = re.compile(r"[ \t\u00a0\u2007\u2009\u202f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# What may follow a sentence's final stop: closing quotation marks and brackets.
_CLOSERS = CLOSING + AMBIGUOUS + SINGLE_CLOSERS + ")]*"
_SENTENCE_END = re.compile(r"[.!?…:;。！？：；][" + re.escape(_CLOSERS) + r"]*$")
_PARAGRAPH_END = re.compile(r"[.!?…。！？][" + re.escape(_CLOSERS) + r"]*$")
_WORD = re.compile(r"[^\W\d_](?:[\w'’-]|\.(?=\w))*")
_NUMBERS_ONLY = re.compile(r"[\d\s.,:/%+()#–—-]+")
# Words a title-case headline leaves in lower case.
_MINOR_WORDS = frozenset(
    "a an the of in on at to for and or but nor with from by as vs via per into over than off up out "
    "about after before is are be".split()
)


def normalise_line(line: str) -> str:
    """Collapse spaces (including no-break and thin spaces), drop invisible characters, and read
    two apostrophes typed for a quotation mark as one mark.

    >>> normalise_line("  Kyiv\u00a0 said\u200b so ")
    'Kyiv said so'
    >>> normalise_line("He called it ''total political crap.''")
    'He called it "total political crap."'
    """
    return _SPACES.sub(" ", _INVISIBLE.sub("", doubled_apostrophes_as_marks(line))).strip()


def words(line: str) -> list[str]:
    """The words of a line (letters first; numbers are not words here).

    >>> words("U.S. troops, 100,000 of them")
    ['U.S', 'troops', 'of', 'them']
    """
    return list(_words_of(line))


@functools.lru_cache(maxsize=8192)
def _words_of(line: str) -> tuple[str, ...]:
    # The rules ask for a line's words five times on average while a page is cleaned: found once per line.
    return tuple(_WORD.findall(line))


def title_case_share(line: str) -> float:
    """Share of a line's content words that start with a capital letter.

    >>> title_case_share("Lavrov Tells Blinken Propaganda Has Provocative Purposes")
    1.0
    >>> title_case_share("the talks ended without a deal") < 0.2
    True
    """
    content = [w for w in words(line) if w.lower() not in _MINOR_WORDS]
    if not content:
        return 0.0
    return sum(w[0].isupper() for w in content) / len(content)


def is_paragraph(line: str) -> bool:
    """A line that reads like article prose: several words ending a sentence, or long.

    >>> is_paragraph("Blinken spoke after talks on Saturday with his counterparts.")
    True
    >>> is_paragraph("Subscribe")
    False
    """
    count = word_count(line)
    if count >= 8 and _PARAGRAPH_END.search(line):
        # A title-case line is a headline even with a final full stop ("... G.O.P.").
        return count >= 20 or title_case_share(line) < 0.8

    return count >= 25 and title_case_share(line) < 0.6


def is_sentence(line: str) -> bool:
    """A line ending like a sentence (., !, ?, :, ;, with closing quotes allowed).

    >>> is_sentence("He declined to comment.")
    True
    """
    return word_count(line) >= 2 and bool(_SENTENCE_END.search(line))


# Japanese mixes kanji, hiragana and katakana in every sentence: one writing system, not three.
_ONE_SYSTEM = {"HIRAGANA": "CJK", "KATAKANA": "CJK", "HALFWIDTH": "CJK"}
# Scripts written without spaces between words: a line's length in words is its letters over two.
_UNSPACED = frozenset({"CJK", "THAI", "LAO", "KHMER", "MYANMAR"})


@functools.lru_cache(maxsize=4096)
def _script_of(char: str) -> str:
    try:
        script = unicodedata.name(char).split(" ")[0]
    except ValueError:
        return ""
    return _ONE_SYSTEM.get(script, script)


def word_count(line: str) -> int:
    """How many words a line holds; for scripts written without spaces (Chinese, Japanese, Thai),
    about one word per two letters.

    >>> word_count("The talks in Moscow ended."), word_count("首相は月曜日に記者会見を開き、新しい経済対策を発表した。")
    (5, 13)
    """
    found = words(line)
    if len(found) > 3 or not line or line.isascii():
        return len(found)
    counts = script_counts(line)
    unspaced = sum(n for script, n in counts.items() if script in _UNSPACED)
    if unspaced * 2 < sum(counts.values()):
        return len(found)
    return max(len(found), unspaced // 2)


def script_counts(text: str) -> dict[str, int]:
    """Letters per writing system (LATIN, CYRILLIC, ARABIC, CJK, ...).

    >>> script_counts("Kyiv Київ")
    {'LATIN': 4, 'CYRILLIC': 4}
    """
    counts: dict[str, int] = {}
    # Each distinct character once (Counter counts in C), in order of first use: the scripts keep that order.
    for char, n in Counter(text).items():
        if char.isalpha():
            script = _script_of(char)
            counts[script] = counts.get(script, 0) + n
    return counts


def dominant_script(text: str) -> str:
    """The writing system most letters of ``text`` are in ("" for no letters).

    >>> dominant_script("The talks in Moscow ended.")
    'LATIN'
    """
    counts = script_counts(text)
    return max(counts, key=lambda s: (counts[s], s)) if counts else ""


def _in_other_script(line: str, page_script: str) -> bool:
    if line.isascii():  # every letter Latin (most lines of most pages): no letter needs naming
        return page_script != "LATIN" and any(char.isalpha() for char in line)
    counts = script_counts(line)
    total = sum(counts.values())
    return bool(total) and counts.get(page_script, 0) / total < 0.5


def _date_only(line: str) -> bool:
    """A line that is a date (with perhaps a time, weekday or 'Updated')."""
    # The word count first: most lines are paragraphs, and looking for dates in them costs more.
    if len(words(line)) > 5 or _PARAGRAPH_END.search(line):
        return False
    return bool(find_dates(line))


def match_rule(line: str) -> tuple[str, dict] | None:
    """Category and metadata fields of the first pattern rule matching the whole line.

    >>> match_rule("- Sputnik International, 1920")
    ('site name', {'outlet': 'Sputnik International'})
    >>> match_rule("The talks ended without a deal.") is None
    True
    """
    for rule in load_rules():
        match = rule.pattern.fullmatch(line)
        if not match:
            continue
        fields = {k: v.strip() for k, v in match.groupdict().items() if v and k != "caption"}
        # A "Published ..." rule only counts when a real date follows.
        if "date" in fields and not find_dates(fields["date"]):
            continue
        if "date" in fields:
            fields["date"] = find_dates(fields["date"])[0]
        return rule.category, fields
    return None


def classify_line(line: str, page_script: str) -> tuple[str, str, dict]:
    """Shape of one line: ("furniture", category, fields) or ("paragraph"|"sentence"|"short", "", {}).

    >>> classify_line("Newsfeed", "LATIN")[:2]
    ('furniture', 'comment widget')
    >>> classify_line("Заголовок открываемого материала", "LATIN")[:2]
    ('furniture', 'text in another script')
    """
    hit = match_rule(line)
    if hit:
        return "furniture", hit[0], hit[1]
    if page_script and _in_other_script(line, page_script):
        return "furniture", "text in another script", {}
    if _NUMBERS_ONLY.fullmatch(line):
        dates = find_dates(line)
        return "furniture", "date" if dates else "number", {"date": dates[0]} if dates else {}
    if _date_only(line):
        return "furniture", "date", {"date": find_dates(line)[0]}
    if word_count(line) <= 2 and not is_sentence(line):
        return "furniture", "label", {}
    if is_paragraph(line):
        return "paragraph", "", {}
    if is_sentence(line):
        return "sentence", "", {}
    return "short", "", {}


def same_text_key(line: str) -> str:
    """What two lines must share to count as the same text: their words, case-folded.

    Lines are compared through this key (a dict or set lookup) rather than with
    each other, so that finding repeated lines stays linear in the page's length.

    >>> same_text_key("Talks END, without deal!") == same_text_key("talks end without deal")
    True
    """
    return " ".join(words(line)).casefold()


#: A line that is not article text costs the block as much as this many words of it: a run of
#: paragraphs goes on across a caption or a share bar, but not across a page's worth of links.
#: (Body F1 on pages-dev's copied pages moves by less than 0.01 anywhere from 4 to 15.)
LINE_COST = 8
# A line that says the article is over (the readers' comments begin): no run of text goes on across it.
_BARRIER = float("-inf")
#: Furniture categories that end the article: what follows them is never its text.
ENDING_CATEGORIES = frozenset({"comment section"})
_NOT_TEXT = frozenset({"furniture", "article end", "date line"})
#: Words of text an "article end" line must follow to start the comments ("Leave a comment" in a
#: blog's header, above the post, does not).
TEXT_BEFORE_COMMENTS = 50
#: Once a run holds this many words of text, a line that is only a date ends it: below an
#: article, each teaser for another story and each reader's comment carries its own date.
DATED_ITEM_TEXT = 50
#: A paragraph at most this many lines below a byline or a date line is a lead: it counts
#: ``LEAD_BONUS`` words more. (Any bonus from 10 to 40 and reach from 3 to 5 gives the same
#: pages-dev figures within 0.002.)
LEAD_REACH = 4
LEAD_BONUS = 20
_SIGNATURE_OR_FILE = re.compile(r"[@\[]")
#: How far above the article the headline may stand (bylines, dates, captions, share bars between).
HEADLINE_REACH = 25
#: The article's opening paragraphs, whose words its headline shares.
OPENING_LINES = 4
#: A headline's byline or date stands at most this many lines below it.
BYLINE_REACH = 3
#: What a byline or date just below a line adds to its score as the headline (shared words: 0 to 1).
#: (Any weight from 0.15 to 0.3 and reach from 2 to 5 helps on pages-dev; 0.6 starts to hurt.)
ANCHOR_WEIGHT = 0.3
_BYLINE_START = re.compile(r"\W*by\s", re.IGNORECASE)
# A byline without "By": a short line naming the writer's role ("Steve Peoples, AP National Political Writer").
_BYLINE_ROLE = re.compile(r"\b(?:writer|reporter|correspondent|editor|staff|columnist|contributor)s?\b", re.IGNORECASE)
#: The words a byline without "By" has at most.
BYLINE_WORDS = 8
#: A line with a byline this many lines below it is signed: the headline of the article whose
#: byline it is (teasers for other stories, between a headline and its article, carry none).
#: (On pages-dev a reach of 2 or 3 also signs the deck under a headline: fewer headlines right.)
SIGNED_REACH = 1
#: How far above the article a signed headline may stand when no line nearer is signed (a
#: comment form or a list of related stories between them).
SIGNED_HEADLINE_REACH = 60
#: Names in a byline without "By" ("Elliot Brownstein Florida Today"): a writer's name and outlet.
BYLINE_NAMES = (2, 6)
#: The most words a headline at the top of the article block has (when no line above it is one).
OPENING_HEADLINE_WORDS = 15
# "Updated Nov 19, 9:41 AM": a date line even where the date has no year to find.
_DATE_LABEL = re.compile(r"\W*(?:updated|posted|published|last (?:updated|modified)|first published)\b", re.IGNORECASE)


def _is_byline(line: str) -> bool:
    """Whether ``line`` is a byline: "By Jill Disis, CNN Business", "Eric Song, IGN Staff"."""
    return bool(_BYLINE_START.match(line)) or (word_count(line) <= BYLINE_WORDS and bool(_BYLINE_ROLE.search(line)))


def _is_name_byline(lines: list[str], i: int) -> bool:
    """Whether line ``i`` is a byline without "By": two to six capitalised words, no date, and a
    date line right below it ("Elliot Brownstein Florida Today" over "Published 2:16 AM EST Nov 20")."""
    names = words(lines[i])
    when = lines[i + 1] if i + 1 < len(lines) else ""
    return (BYLINE_NAMES[0] <= len(names) <= BYLINE_NAMES[1] and all(w[:1].isupper() for w in names)
            and not find_dates(lines[i])
            and bool(_DATE_LABEL.match(when) or (word_count(when) <= 12 and find_dates(when))))


def _is_date_line(line: str, category: str) -> bool:
    """A line that is a date and nothing more ("Wednesday November 20, 2019"): not a tweet's
    signature ("Name (@handle) November 18, 2019") or a picture's file name holding a date."""
    return category == "date" and len(words(line)) <= 4 and not _SIGNATURE_OR_FILE.search(line)


def article_block(lines: list[str], kinds: list[str]) -> tuple[int, int] | None:
    """First and last line of the article in a whole page's lines: the run that holds the most text.

    Each paragraph line adds its words, a sentence-like line half of them, and every other line
    (links, buttons, labels, teasers' titles) takes ``LINE_COST`` away; the article is the run
    of lines with the largest sum (the maximum-subarray reading of body-text extraction: the
    article is where text is densest), so reader comments after a comment bar and lists of other
    stories before the article fall outside it. A line of kind "article end" (the heading of the
    readers' comments) is never crossed, and once it follows ``TEXT_BEFORE_COMMENTS`` words of
    text, nothing below it is the article. A "date line" (a line that is only a date) ends a run
    that already holds ``DATED_ITEM_TEXT`` words: the next story's teaser or a comment begins.
    (A live blog whose entries are set apart by such dates therefore keeps its first entries
    only; the rest are listed as removed lines.) None when the page has no paragraph or sentence.

    >>> lines = ["Home", "World", "Talks end", "The talks ended on Sunday without a deal, the ministry said.",
    ...          "Both sides said they would meet again in the spring to try once more.", "Share",
    ...          "Most read", "Five things to know", "Comments", "Great piece!"]
    >>> article_block(lines, ["furniture", "furniture", "short", "paragraph", "paragraph", "furniture",
    ...                       "furniture", "short", "furniture", "short"])
    (3, 4)
    """
    weights = [word_count(line) if kind == "paragraph" else word_count(line) / 2 if kind == "sentence"
               else -LINE_COST for line, kind in zip(lines, kinds)]
    # An article starts under its byline or date; a footer's "about us" paragraph does not.
    signed = [bool(_BYLINE_START.match(line)) or kind == "date line" for line, kind in zip(lines, kinds)]
    for i, kind in enumerate(kinds):
        if kind == "paragraph" and any(signed[max(i - LEAD_REACH, 0):i]):
            weights[i] += LEAD_BONUS
    # The readers' comments begin once an "article end" line follows some article text: the
    # comments may hold more text than the article, but the article is above them.
    text_so_far, last = 0.0, len(lines)
    for i, kind in enumerate(kinds):
        if kind == "article end" and text_so_far >= TEXT_BEFORE_COMMENTS:
            last = i
            break
        text_so_far += max(weights[i], 0)
    best, best_span, run, run_start, run_text = 0.0, None, 0.0, 0, 0.0
    for i in range(last):
        weight = _BARRIER if kinds[i] == "article end" or (kinds[i] == "date line" and run_text >= DATED_ITEM_TEXT) \
            else weights[i]
        if run <= 0:
            run, run_start, run_text = weight, i, 0.0
        else:
            run += weight
        run_text += max(weight, 0)
        if run > best:
            best, best_span = run, (run_start, i)
    return best_span


# A line that is an item of a list (links, menus, "most read"): never a headline.
_LIST_ITEM = re.compile(r"\s*[+•*·☆★□■▪►▸◦●○]")
#: A credit line under a picture is this short ("Al Goldis, Associated Press"); a longer line naming a
#: photo is a caption of its own.
CREDIT_WORDS = 5
# Words of a picture's caption or credit line.
_PICTURE_WORDS = re.compile(
    r"\b(?:photo(?:graph)?s?|image|picture|getty|reuters|ap photo|shutterstock|istock|copyright|"
    r"submitted|file photo|credit|associated press)\b|©", re.IGNORECASE)


def _is_caption(lines: list[str], i: int) -> bool:
    """Whether line ``i`` is a picture's caption: it names a picture or credit, or a bare credit
    line ("Al Goldis, Associated Press") follows it."""
    if _PICTURE_WORDS.search(lines[i]):
        return True
    # A bare credit line below ("Al Goldis, Associated Press", "Getty Images"): the line is a caption.
    following = lines[i + 1] if i + 1 < len(lines) else ""
    return word_count(following) <= CREDIT_WORDS and bool(_PICTURE_WORDS.search(following))


def _headline_before(lines: list[str], kinds: list[str], start: int, loose: bool = False) -> int | None:
    """The line above the article that reads most like its headline, or None.

    A headline has four words or more, no full stop at the end, no date and no byline (those
    stand between a headline and its article, as do captions, share bars and decks); it is not
    an item of a list ("• Most read story") and not a picture's caption (it names a photo or a
    credit, or a credit line follows it). Of the lines within ``HEADLINE_REACH`` above the
    article, the one whose longer words the opening paragraphs use most is the headline (a
    caption's photographer or a share bar shares none), and a byline or date within
    ``BYLINE_REACH`` lines below a line adds ``ANCHOR_WEIGHT``: news pages print them right under
    the headline, while teasers for other stories stand alone. On a tie, the nearest. A line
    with a byline right below it (``SIGNED_REACH``) is signed and comes before all others: it is
    the headline of the article whose byline it is, however many of its words a teaser nearer
    the article shares. When no line within ``HEADLINE_REACH`` is signed, a signed line up to
    ``SIGNED_HEADLINE_REACH`` above the article that shares a word with it is taken (a comment
    form or a list of related stories may stand between a headline and its article).
    A byline is "By ...", a short line naming the writer's role ("..., Staff Writer") or two to
    six capitalised words over a date line ("Elliot Brownstein Florida Today").
    When the best line shares no word with the article and is not signed, or when there is none,
    the search is done again ``loose``: lines of three words and lines ending with a full stop
    count too, but only one that shares a word with the article or is signed (a page's first
    short line, "View Full Weather Report", is no headline); if that finds none, the weak guess
    stands.

    >>> lines = ["Ferry Strike Ends After Two Days", "Passengers wait in Helsinki harbour | Photo Agency",
    ...          "The ferry strike ended on Friday after two days, when crews accepted a new offer."]
    >>> _headline_before(lines, ["short", "short", "paragraph"], 2)
    0
    >>> lines = ["Ferry crews accept the new offer", "By Leena Virtanen", "• Ferry strike: five things to know",
    ...          "The ferry crews accepted a new offer on Friday, ending the strike after two days."]
    >>> _headline_before(lines, ["short", "furniture", "short", "paragraph"], 3)
    0
    >>> lines = ["Ferry crews back the deal", "Anna Berg, Staff Writer", "Ferry strike ends after crews accept offer",
    ...          "The ferry crews accepted a new offer on Friday, ending the strike after two days."]
    >>> _headline_before(lines, ["short", "short", "short", "paragraph"], 3)
    0
    """
    def headline_like(i: int) -> bool:
        return (kinds[i] not in _NOT_TEXT and word_count(lines[i]) >= (3 if loose else 4)
                and (loose or not lines[i].endswith("."))
                and not find_dates(lines[i]) and not _is_byline(lines[i])
                and not _DATE_LABEL.match(lines[i])
                and not _LIST_ITEM.match(lines[i]) and not _is_caption(lines, i))

    def signed(i: int) -> bool:
        return any(_is_byline(lines[j]) or (j + 1 < start and _is_name_byline(lines, j))
                   for j in range(i + 1, min(i + 1 + SIGNED_REACH, start)))

    candidates = [i for i in range(start - 1, max(start - 1 - HEADLINE_REACH, -1), -1) if headline_like(i)]
    opening = {w.casefold() for line in lines[start:start + OPENING_LINES] for w in words(line) if len(w) > 3}
    if not any(signed(i) for i in candidates):
        farther = range(start - 1 - HEADLINE_REACH, max(start - 1 - SIGNED_HEADLINE_REACH, -1), -1)
        signed_far = [i for i in farther if headline_like(i) and signed(i)
                      and any(w.casefold() in opening for w in words(lines[i]) if len(w) > 3)]
        candidates += signed_far[:1]
    if not candidates:
        return None if loose else _headline_before(lines, kinds, start, loose=True)

    def shared(i: int) -> float:
        longer = [w.casefold() for w in words(lines[i]) if len(w) > 3]
        below = lines[i + 1:min(i + 1 + BYLINE_REACH, start)]
        anchored = any(_BYLINE_START.match(line) or _DATE_LABEL.match(line)
                       or (word_count(line) <= 12 and find_dates(line)) for line in below)
        return round(sum(w in opening for w in longer) / max(len(longer), 1) + ANCHOR_WEIGHT * anchored, 3)

    best = max(candidates, key=lambda i: (signed(i), shared(i), i))  # candidates run upwards: a higher i is nearer
    if shared(best) > 0 or signed(best):
        return best
    if loose:
        return None
    # A line that shares no word with the article and has no byline is a weak guess: a line of
    # three words or ending with a full stop that does share words is a better one.
    better = _headline_before(lines, kinds, start, loose=True)
    return best if better is None else better


def _opens_with_headline(lines: list[str], kinds: list[str], start: int) -> bool:
    """Whether the article's first line is its headline, when no line above it is one: a line of at
    most ``OPENING_HEADLINE_WORDS`` words that does not end with a full stop (a question, a title),
    with a paragraph right below it."""
    return (start + 1 < len(lines) and kinds[start + 1] == "paragraph"
            and word_count(lines[start]) <= OPENING_HEADLINE_WORDS
            and not lines[start].rstrip(_CLOSERS).endswith("."))


def clean_page(text: str, headline: str = "", extracted: bool = False) -> CleanPage:
    """Split ``text`` into headline, body paragraphs and removed furniture.

    With ``headline`` given (from a manifest, an HTML title, a record field)
    lines repeating it are dropped; otherwise the line above the article that
    reads most like its headline becomes it (:func:`_headline_before`); the
    article is the densest run of text (:func:`article_block`). ``extracted``
    says an extractor has already
    cut the page down to the article (HTML through trafilatura): then every
    other line is body.

    >>> page = clean_page("Subscribe\\nTalks End Without Deal\\n"
    ...     "MOSCOW - The talks ended on Sunday without any deal, officials said.\\nlog in or register")
    >>> page.headline, page.paragraphs
    ('Talks End Without Deal', ['MOSCOW - The talks ended on Sunday without any deal, officials said.'])
    >>> [r.text for r in page.removed]
    ['Subscribe', 'log in or register']
    >>> clean_page("Talks End Without Deal\\nTour dates\\nMay 3 Oslo", headline="Talks End Without Deal",
    ...            extracted=True).paragraphs
    ['Tour dates', 'May 3 Oslo']
    """
    lines = [normalise_line(raw) for raw in text.splitlines()]
    lines = [line for line in lines if line]
    if extracted and headline:
        # An extractor (trafilatura) has cut the page down to the article already; the line rules,
        # written for a whole page's text, only take article lines away from it: lists and tables,
        # short and Title-Case lines, lines an article repeats (measured on saved pages).
        headline_key = same_text_key(headline)
        return CleanPage(headline, [line for line in lines if same_text_key(line) != headline_key], [])
    page_script = dominant_script(text)
    shapes = [classify_line(line, page_script) for line in lines]
    kinds = ["article end" if category in ENDING_CATEGORIES else "date line" if _is_date_line(line, category) else kind
             for line, (kind, category, _) in zip(lines, shapes)]

    block = article_block(lines, kinds)
    if block is None:
        start = next((i for i, k in enumerate(kinds) if k in ("sentence", "short")), len(lines))
    else:
        # The article opens with its first paragraph; a sentence-like line before it is a headline
        # ("Gay Marriages Get Recognition From the I.R.S.") unless the check below gives it to the body.
        start = next((i for i in range(block[0], block[1] + 1) if kinds[i] == "paragraph"), block[0])
    headline_index = None
    if not headline:
        headline_index = _headline_before(lines, kinds, start)
        if headline_index is None and _opens_with_headline(lines, kinds, start):
            headline_index, start = start, start + 1
    # A short opening sentence ("Call it X versus Y.") belongs to the body; a
    # title-case question ("Will Talks Resume?") does not.
    floor = headline_index if headline_index is not None else -1
    while start - 1 > floor and kinds[start - 1] == "sentence" and (
        _PARAGRAPH_END.search(lines[start - 1]) and lines[start - 1].rstrip(_CLOSERS).endswith(".")
        or title_case_share(lines[start - 1]) < 0.6
    ):
        start -= 1
    end = block[1] if block is not None else start
    end = max(end, start)

    removed: list[RemovedLine] = []
    paragraphs: list[str] = []
    kept_keys: set[str] = set()  # same_text_key of each kept paragraph
    headline_key = same_text_key(headline) if headline else None
    for i, (line, (kind, category, fields)) in enumerate(zip(lines, shapes)):
        region = "header" if i < start else "footer" if i > end else "body"
        key = same_text_key(line)
        if headline and key == headline_key and region != "footer":
            continue  # the headline repeated in the text: not body, not furniture
        if i == headline_index:
            continue
        if extracted:  # as above; only the headline was looked for
            paragraphs.append(line)
            continue
        if kind == "furniture":
            removed.append(RemovedLine(line, category, region, fields))
        elif region == "header":
            removed.append(RemovedLine(line, "before the article", region))
        elif region == "footer":
            removed.append(RemovedLine(line, "after the article", region))
        elif kind == "short" and len(words(line)) >= 3 and title_case_share(line) >= 0.6:
            removed.append(RemovedLine(line, "teaser or subheading", region))
        elif key in kept_keys:
            removed.append(RemovedLine(line, "repeated line", region))
        else:
            paragraphs.append(line)
            kept_keys.add(key)
    found_headline = headline or (lines[headline_index] if headline_index is not None else "")
    return CleanPage(found_headline, paragraphs, removed)
