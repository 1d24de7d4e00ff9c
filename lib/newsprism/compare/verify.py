"""A second, independent test of every finding against the articles' own words.

A finding comes from the analysis tables (quotes, naming, markers, exclusive facts);
a parser slip there becomes a false sentence that a teacher repeats with the
authority of a computed result. So before a finding is stated, this module checks it
again against the raw text of the ``articles`` table (``body`` and ``headline``),
never against the tables that produced it:

* every finding: each evidence item's text is really at its offsets in its
  article (:func:`check_evidence`);
* a finding with a ``claim`` (JSON, set by the finder that wrote the sentence):
  the one check registered for the claim's ``kind`` in ``CHECKS``.

A check returns ``None`` when the finding holds and otherwise the reason, in a
sentence a student can follow. :func:`verify_findings` splits the findings into
those kept and those dropped (with a ``reason`` column).

Without raw text (an articles table without ``body``, or an article whose body is
empty) there is nothing to check against: those findings and evidence items pass
unchecked. A new claim kind is one function ``check(claim, raw) -> reason | None``
and one entry in ``CHECKS``.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable

import pandas as pd

from newsprism.framing.kinds.source_credit import OUTLET_LIKE
from newsprism.text.accents import strip_accents
from newsprism.text.quote_spans import DOUBLE_MARKS, SINGLE_CLOSERS, SINGLE_OPENERS

__all__ = ["CHECKS", "REPORTING_WORDS", "RawText", "check_evidence", "verify_findings"]

# Forms of reporting verbs (and "according to") that introduce someone's words; a
# name this close to one of them in an article is a quotation of that person. Forms
# that are as often nouns ("states" in "United States", "notes", "quotes") are left out.
REPORTING_WORDS = ("say", "says", "said", "saying", "tell", "tells", "told", "according to", "claims", "claimed",
                   "adds", "added", "stated", "noted", "stressed", "insisted", "warns", "warned", "explained",
                   "writes", "wrote", "announced", "declared", "emphasised", "emphasising", "emphasized",
                   "emphasizing", "commented", "argues", "argued", "acknowledged", "denied", "urged", "asserted",
                   "writing", "called for", "calls for", "calling for", "tweeted", "replied", "responded")
# How many words may stand between a name and the reporting verb after it, in one sentence: a
# relative clause may come between ("Bill Kristol, who led the charge of conservatives calling
# for Steele to step down over the remark, said"); and between a reporting verb and the name after it.
NEAR_BEFORE, NEAR_AFTER = 20, 8
# Last words of institutions' names: "United States" is not quoted whenever "States" occurs.
_GENERIC_LAST = {"department", "ministry", "states", "union", "office", "council", "commission", "administration",
                 "house", "kingdom", "nations", "agency", "government", "party", "service", "forces", "army",
                 "court", "committee", "organization", "organisation", "bank", "fund", "news", "times", "post"}
# Capitalised words that open sentences and name nothing ("The", "In").
_NOT_NAMES = {"the", "a", "an", "in", "on", "at", "for", "of", "to", "by", "with", "from", "as", "after", "before",
              "he", "she", "it", "they", "we", "i", "you", "his", "her", "their", "its", "this", "that", "these",
              "those", "but", "and", "or", "if", "when", "while", "so", "there", "here", "mr", "mrs", "ms", "dr"}

_DOUBLE = re.compile(f"[{re.escape(DOUBLE_MARKS)}]")
_SINGLE = re.compile(f"[{re.escape(SINGLE_OPENERS + SINGLE_CLOSERS)}`´]")


def fold(text: object) -> str:
    """Text compared as a reader would: accents, case, quotation-mark style and spacing do not count.

    >>> fold("  Zakhárova’s\\n “claims” ")
    'zakharova\\'s "claims"'
    """
    text = strip_accents("" if text is None or text is pd.NA else str(text))
    text = _SINGLE.sub("'", _DOUBLE.sub('"', text))
    return re.sub(r"\s+", " ", text).strip().casefold()


@functools.lru_cache(maxsize=4096)
def _word_tuple(text: str) -> tuple[str, ...]:
    # Cached: the same phrases (reporting words, names) and bodies are folded for every finding.
    return tuple(re.findall(r"\w+", fold(text)))


def _words(text: str) -> list[str]:
    return list(_word_tuple(str(text)))


def _find_words(words: list[str], phrase: str) -> list[int]:
    """Positions where the words of ``phrase`` occur in ``words``, in a row."""
    target = list(_word_tuple(str(phrase)))
    n = len(target)
    if not n:
        return []
    first = target[0]
    return [i for i, w in enumerate(words[:len(words) - n + 1]) if w == first and words[i:i + n] == target]


class RawText:
    """The articles' raw text: body and headline per article, and all of an outlet's text.

    >>> raw = RawText(pd.DataFrame({"article_id": ["a"], "outlet": ["Daily A"], "body": ["Ann said so."],
    ...                             "headline": ["Ann speaks"]}))
    >>> raw.outlets, raw.of_outlet("Daily A")
    (['Daily A'], ['Ann said so.', 'Ann speaks'])
    """

    def __init__(self, articles: pd.DataFrame | None):
        self.body: dict[object, str] = {}
        self.headline: dict[object, str] = {}
        self.extra: dict[object, str] = {}
        self.outlet_of: dict[object, str] = {}
        self.outlets: list[str] = []
        if articles is None or not {"article_id", "outlet"} <= set(articles.columns):
            return
        for row in articles.to_dict("records"):
            aid = row["article_id"]
            self.outlet_of[aid] = row["outlet"]
            self.body[aid] = row.get("body") if isinstance(row.get("body"), str) else ""
            self.headline[aid] = row.get("headline") if isinstance(row.get("headline"), str) else ""
            self.extra[aid] = row.get("credits") if isinstance(row.get("credits"), str) else ""
        self.outlets = list(dict.fromkeys(self.outlet_of.values()))

    @property
    def has_text(self) -> bool:
        """True when at least one article has a body to check against."""
        return any(self.body.values())

    def of_outlet(self, outlet: str) -> list[str]:
        """Every body and headline of ``outlet`` (empty ones left out)."""
        return [t for aid, o in self.outlet_of.items() if o == outlet
                for t in (self.body[aid], self.headline[aid]) if t]

    def others(self, outlets: list[str]) -> list[str]:
        """The outlets of the run that are not in ``outlets`` and have text."""
        return [o for o in self.outlets if o not in set(outlets) and self.of_outlet(o)]


Check = Callable[[dict, RawText], "str | None"]


# ---------------------------------------------------------------- every finding

def check_evidence(evidence: list[dict], raw: RawText) -> str | None:
    """Each evidence item's text is at its offsets in its article's body (or headline, ``where``).

    Spacing, case, accents and the style of quotation marks do not count. An item
    without offsets (a credit in the dateline) must occur somewhere in its article.
    Example: ``{"article_id": "a", "start": 0, "end": 3, "text": "Ann"}`` passes
    for the body "Ann said so." and fails for "Bob said so.".
    """
    for item in evidence:
        aid, text = item.get("article_id"), fold(item.get("text", ""))
        if aid not in raw.outlet_of:
            return f"its evidence points to an article ({aid}) that is not in this run"
        where = item.get("where") or "body"
        source = raw.headline[aid] if where == "headline" else raw.body[aid]
        if not raw.body[aid] or not text:
            continue  # nothing to check against
        start, end = item.get("start"), item.get("end")
        # Offsets of a credit in the dateline or a photo caption count from there, not from the body.
        if start is None or end is None or pd.isna(start) or pd.isna(end) or where not in ("body", "headline"):
            anywhere = " ".join((raw.body[aid], raw.headline[aid], raw.extra[aid]))
            if text not in fold(anywhere):
                return f'the words "{item.get("text")}" shown as its evidence are not in {raw.outlet_of[aid]}\'s article'
            continue
        if fold(source[int(start):int(end)]) != text:
            return (f'the words "{item.get("text")}" shown as its evidence are not where the analysis '
                    f"placed them in {raw.outlet_of[aid]}'s article")
    return None


# ---------------------------------------------------------------- one check per claim kind

def _aliases(name: str, extra: list[str] = ()) -> list[str]:
    """The ways an article may name a speaker: the full name and, for a person, the surname.

    >>> _aliases("Maria Zakharova"), _aliases("US State Department")
    (['Maria Zakharova', 'Zakharova'], ['US State Department'])
    """
    words = str(name).split()
    names = [str(name), *extra]
    if 2 <= len(words) <= 4 and words[-1][:1].isupper() and words[-1].lower() not in _GENERIC_LAST:
        names.append(words[-1])
    return list(dict.fromkeys(n for n in names if n))


# After its verb, a speaker's name ends the clause ("said Maria Zakharova, ...", "said Ushakov on Sunday");
# words between that make the name part of what was said, or of someone cited.
_AFTER_SPEAKER = {"on", "in", "at", "who", "of", "during", "when", "after", "before", "earlier", "later"}
_NOT_SPEAKER = {"that", "citing", "like", "about", "to", "and", "or", "as"}


def _quoted_near(text: str, names: list[str]) -> str | None:
    """A few words of ``text`` where one of ``names`` is the speaker of a reporting word, or None.

    In one sentence, the name stands up to NEAR_BEFORE words before the reporting word
    ("Zakharova, the ministry's spokeswoman, said"), or up to NEAR_AFTER words after it
    ending the clause, with no "that" between ("said Maria Zakharova, ...", "according to
    Zakharova."); after "told" a name is the listener, not the speaker, and "said Paul
    Ryan and the party are wrong" names Ryan in what was said.

    >>> _quoted_near("The ministry's spokeswoman Maria Zakharova, 46, later said so.", ["Zakharova"])
    'zakharova 46 later said'
    >>> _quoted_near("Biden told Putin the West would respond. Blinken said that Russia may invade.", ["West", "Russia"])
    >>> _quoted_near("They said Paul Ryan and the party are wrong; citing senators like John Ashcroft.", ["Ryan", "Ashcroft"])
    >>> _quoted_near("The war goes on, said Ryan.", ["Ryan"])
    'said ryan'
    """
    for sentence in re.split(r"(?<=[.!?])[\"'”’»]?\s+", str(text)):
        words = re.findall(r"\w+|[^\w\s']", fold(sentence))  # punctuation kept (it ends a name), not "O'Neill"'s
        verbs = [(j, len(_words(v)), v) for v in REPORTING_WORDS for j in _find_words(words, v)]
        for name in names:
            n = len(_words(name))
            for i in _find_words(words, name):
                ends = i + n == len(words) or not words[i + n][0].isalnum() or words[i + n] in _AFTER_SPEAKER
                for j, m, verb in verbs:
                    before = i + n <= j <= i + n + NEAR_BEFORE
                    after = j + m <= i <= j + m + NEAR_AFTER and ends and not _NOT_SPEAKER & set(words[j + m:i]) \
                        and verb not in ("tell", "tells", "told")
                    if before or after:
                        lo, hi = min(i, j), max(i + n, j + m)
                        return " ".join(w for w in words[lo:hi] if w[0].isalnum())[:80]
    return None


def check_only_quotes(claim: dict, raw: RawText) -> str | None:
    """"Only X quotes Y": in no other outlet does Y's name stand near a reporting verb.

    Y's name is the full name, its surname, and any ``aliases`` of the claim, with
    accents and case folded. Example: the claim ``{"kind": "only_quotes", "outlets":
    ["Daily A"], "speakers": ["Maria Zakharova"]}`` fails when Daily B's body reads
    "Zakharova said on Monday that ...".
    """
    aliases = claim.get("aliases") or {}
    for speaker in claim.get("speakers", []):
        names = _aliases(speaker, aliases.get(speaker, []))
        for outlet in raw.others(claim.get("outlets", [])):
            for text in raw.of_outlet(outlet):
                near = _quoted_near(text, names)
                if near:
                    return (f'{outlet} also names {speaker} next to a reporting word ("…{near}…"), '
                            f"so {speaker} may be quoted there too")
    return None


def _inflections(word: str, lemma: str = "") -> set[str]:
    """The forms of a reporting verb: "claimed" (lemma "claim") -> claimed, claims, claiming.

    The bare lemma counts only when it is the word itself ("a claim" is a noun).

    >>> sorted(_inflections("stated", "state"))
    ['stated', 'states', 'stating']
    """
    word, lemma = fold(word), fold(lemma or word)
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    forms = {word, lemma + "s", lemma + "es" if lemma.endswith(("s", "sh", "ch", "x")) else lemma + "s",
             stem + "ed", stem + "ing", lemma + lemma[-1] + "ed" if lemma[-1:] not in ("", *"aeiouwxy") else ""}
    return {f for f in forms if f}


def check_never_uses(claim: dict, raw: RawText) -> str | None:
    """"X never uses 'claimed'": no form of the word is in X's body or headline.

    Example: ``{"kind": "never_uses", "outlets": ["Daily B"], "word": "claimed",
    "lemma": "claim"}`` fails when Daily B's body has "he claims" or "claimed".
    """
    forms = _inflections(claim["word"], claim.get("lemma", ""))
    for outlet in claim.get("outlets") or [claim.get("outlet")]:
        for text in raw.of_outlet(outlet):
            found = sorted(forms & set(_words(text)))
            if found:
                return f"{outlet} does use the word '{found[0]}', so it is not true that it never does"
    return None


def _count(texts: list[str], form: str) -> int:
    pattern = re.compile(rf"(?<!\w){re.escape(form)}(?!\w)")
    return sum(len(pattern.findall(t)) for t in texts)


def check_variant_choice(claim: dict, raw: RawText) -> str | None:
    """"X writes Kiev, Y writes Kyiv": the raw counts agree in direction.

    ``choices`` maps each outlet to its forms, most used first. Each form stated for
    an outlet occurs in its text; its first form occurs at least as often as any
    other outlet's first form; an outlet said not to name it (``silent``) has none of
    the forms. Example: ``{"Daily A": [["Kiev", 5]], "Daily B": [["Kyiv", 2]]}``
    fails when Daily A's body has "Kyiv" three times and "Kiev" once.
    """
    choices = claim.get("choices", {})
    firsts = {forms[0][0] for forms in choices.values() if forms}
    for outlet, forms in choices.items():
        texts = raw.of_outlet(outlet)
        if not texts:
            continue
        for form, _ in forms:
            if not _count(texts, form):
                return f"{outlet}'s article never writes {form}"
        first = forms[0][0]
        for other in firsts - {first}:
            if _count(texts, other) > _count(texts, first):
                return f"{outlet}'s article writes {other} more often than {first}"
    for outlet in claim.get("silent", []):
        found = [f for forms in choices.values() for f, _ in forms if _count(raw.of_outlet(outlet), f)]
        if found:
            return f"{outlet}'s article does write {found[0]}"
    return None


def _distinctive_terms(text: str, key_terms: list[str] = ()) -> list[str]:
    """A fact's numbers and capitalised names (its key terms when it has neither).

    >>> _distinctive_terms("The troops, 100,000 of them, met Olaf Scholz in Kiev")
    ['100000', 'olaf', 'scholz', 'kiev']
    """
    numbers = [re.sub(r"[,\s]", "", n) for n in re.findall(r"\d[\d,]*(?:\.\d+)?", str(text))]
    numbers = [n.rstrip(",") for n in numbers]
    names = [fold(w) for w in re.findall(r"\b[A-Z][\w'’-]*", str(text))]
    names = [re.sub(r"['’]s$", "", w) for w in names if w not in _NOT_NAMES]
    terms = list(dict.fromkeys(numbers + names))
    return terms or list(dict.fromkeys(fold(t) for t in key_terms if str(t).strip()))


def _has_term(words: set[str], numbers: str, term: str) -> bool:
    if term[:1].isdigit():
        return re.search(rf"(?<![\d.]){re.escape(term)}(?![\d])", numbers) is not None
    return all(w in words for w in _words(term))


def check_exclusive_fact(claim: dict, raw: RawText) -> str | None:
    """"Only X reports <fact>": no other outlet's text holds all the fact's numbers and names.

    Example: the fact "Scholz visits Kiev with 100,000 euros" (terms scholz, kiev,
    100000) fails when Daily B's body has "Scholz", "Kiev" and "100 000".
    """
    for fact in claim.get("facts", []):
        terms = _distinctive_terms(fact.get("text", ""), fact.get("terms", []))
        if not terms:
            continue
        for outlet in raw.others(claim.get("outlets", [])):
            text = " ".join(raw.of_outlet(outlet))
            words, numbers = set(_words(text)), re.sub(r"(?<=\d)[,\s](?=\d)", "", text)
            if all(_has_term(words, numbers, t) for t in terms):
                return (f"{outlet}'s article also has every number and name of the fact "
                        f"({', '.join(terms[:6])}), so it may report it too")
    return None


def check_count_contrast(claim: dict, raw: RawText) -> str | None:
    """"X uses N <kind> ("a", "b"); Y uses none": X's examples are in X's text, and none is in Y's.

    An example counts in Y only outside quotation marks when ``outside_quotes`` is
    true (a hedge inside a quotation is the speaker's, not the outlet's). Example:
    ``{"outlet": "Daily A", "examples": ["allegedly"], "none": ["Daily B"]}`` fails
    when Daily B writes "allegedly" in its own words.
    """
    examples = [e for e in claim.get("examples", []) if _words(e)]
    for example in examples:
        if not any(_find_words(_words(t), example) for t in raw.of_outlet(claim.get("outlet"))):
            return f"\"{example}\" is not in {claim.get('outlet')}'s article"
    for outlet in claim.get("none", []):
        for text in raw.of_outlet(outlet):
            if claim.get("outside_quotes"):
                text = re.sub(r'"[^"]*"', " ", fold(text))
            hit = next((e for e in examples if _find_words(_words(text), e)), None)
            if hit:
                return f"{outlet}'s article also has \"{hit}\", so it may use one too"
    return None


def _in_quotation_marks(text: str, phrase: str) -> bool:
    """True when ``phrase`` stands inside quotation marks in ``text`` (any style, case folded)."""
    words = r"\W+".join(re.escape(w) for w in _words(phrase))
    return bool(words) and re.search(rf"[\"']\s*{words}\W{{0,3}}[\"']", fold(text)) is not None


def check_quoted_words(claim: dict, raw: RawText) -> str | None:
    """"X puts N words in quotation marks ("a", ...); Y none": the words are in quotation marks in X's
    text, and in no other listed outlet's text inside quotation marks.

    Y may use the same word plainly ("the invasion"): only marking it counts. Example:
    ``{"outlet": "Daily A", "examples": ["optimize"], "none": ["Daily B"]}`` fails when
    Daily B writes 'to "optimize" the staff'.
    """
    examples = [e for e in claim.get("examples", []) if _words(e)]
    for example in examples:
        if not any(_in_quotation_marks(t, example) for t in raw.of_outlet(claim.get("outlet"))):
            return f"\"{example}\" is not in quotation marks in {claim.get('outlet')}'s article"
    for outlet in claim.get("none", []):
        hit = next((e for e in examples for t in raw.of_outlet(outlet) if _in_quotation_marks(t, e)), None)
        if hit:
            return f"{outlet}'s article also puts \"{hit}\" in quotation marks"
    return None


# A capitalised name ending in a word that names a paper or a site ("the Spokesman-Review", "Politics
# Daily"), or a web address ("FactCheck.org"): a news outlet the lists may not know, enough to doubt an absence.
_OUTLET_WORDS = re.compile(OUTLET_LIKE)


@functools.lru_cache(maxsize=1)
def _outlet_names() -> tuple[tuple[tuple[str, ...], re.Pattern], ...]:
    """Every news organisation of ``source_credits.csv`` and ``outlets.csv``: its aliases and one pattern for them.

    An ALL-CAPS name of up to five letters ("AP", "NBC") matches only in capitals, others in any case.
    """
    from newsprism.text.datafiles import read_data_csv

    rows = [[a.strip() for a in str(text).split("|") if a.strip()] for text in read_data_csv("source_credits")["text"]]
    rows += [[str(name).strip()] for name in read_data_csv("outlets")["outlet"]]
    table = []
    for aliases in rows:
        parts = [rf"(?<![\w-]){re.escape(a)}(?![\w-])" if a.isupper() and len(a) <= 5
                 else rf"(?i:(?<![\w-]){re.escape(a)}(?![\w-]))" for a in aliases]
        table.append((tuple(aliases), re.compile("|".join(parts))))
    return tuple(table)


def _squash_name(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", re.sub(r"^the\s+", "", name.lower()))


def named_outlets(text: str, outlet: str) -> list[str]:
    """News organisations other than ``outlet`` that ``text`` names, or that look like one ("the Spokesman-Review").

    Read from the raw text, not from the credits found: an outlet that "credits none" must name none.

    >>> named_outlets("Ann said on Fox News, the Tri-City Herald reports.", "HuffPost")
    ['Fox News', 'Tri-City Herald']
    >>> named_outlets("Ann told the Huffington Post so.", "HuffPost"), named_outlets("Ann said so.", "HuffPost")
    ([], [])
    """
    own = _squash_name(outlet)
    is_own = lambda name: bool(own) and (_squash_name(name) in own or own in _squash_name(name))  # noqa: E731
    found, own_aliases = [], set()
    for aliases, pattern in _outlet_names():
        if any(is_own(a) for a in aliases):
            own_aliases |= {_squash_name(a) for a in aliases}
            continue  # the outlet itself, by any of its names
        hit = pattern.search(text)
        if hit and not any(_squash_name(hit.group(0)) == _squash_name(f) for f in found):
            found.append(hit.group(0))
    for hit in _OUTLET_WORDS.finditer(text):
        name = re.sub(r"^(?:The|the)\s+", "", hit.group(0))
        if not (is_own(name) or _squash_name(name) in own_aliases
                or any(_squash_name(name) == _squash_name(f) for f in found)):
            found.append(name)
    return found


def check_credits(claim: dict, raw: RawText) -> str | None:
    """"Y names no other agency or outlet": no news organisation but Y itself is named in Y's text or credit lines.

    Example: ``{"none": ["Daily B"]}`` fails when Daily B writes "said in an interview with Fox News".
    """
    for outlet in claim.get("none", []):
        texts = raw.of_outlet(outlet) + [raw.extra[a] for a, o in raw.outlet_of.items() if o == outlet and raw.extra[a]]
        for text in texts:
            names = named_outlets(text, outlet)
            if names:
                return f"{outlet}'s article names {names[0]}, so it may credit an outlet"
    return None


# Words of an unnamed source (as in ``anonymous_sources.csv``, plus their plurals and the phrases of
# anonymity): an outlet is said to quote no unnamed source only when its own words hold none of them.
_UNNAMED_WORDS = re.compile(r"\b(?:sources?|officials?|aides?|advis[eo]rs?|insiders?|diplomats?|lawmakers?|legislators?|"
                            r"staffers?|strategists?|operatives?|confidants?|people close|person close|those close|"
                            r"familiar with|briefed|anonymity|anonymous(?:ly)?|not authori[sz]ed|be named|be identified)\b")


def unnamed_source_words(texts: list[str]) -> list[str]:
    """The words of unnamed sources that ``texts`` hold in their own words (outside quotation marks).

    >>> unnamed_source_words(['"Aides are wrong," Ann said.', "Officials said so."]), unnamed_source_words(["Ann said so."])
    (['officials'], [])
    """
    found = []
    for text in texts:
        own = re.sub(r'"[^"]*"', " ", fold(text))
        found += [m.group(0) for m in _UNNAMED_WORDS.finditer(own)]
    return list(dict.fromkeys(found))


def check_unnamed_sources(claim: dict, raw: RawText) -> str | None:
    """"X relies on unnamed sources ("a", ...); Y on none": X's examples are in X's text; Y's own words hold no
    word of an unnamed source ("officials", "aides", "familiar with", "anonymity", ...).

    Example: ``{"outlets": {"Daily A": ["a senior official"]}, "none": ["Daily B"]}`` fails when Daily B
    writes "aides said".
    """
    for outlet, examples in claim.get("outlets", {}).items():
        for example in (e for e in examples if _words(e)):
            if not any(_find_words(_words(t), example) for t in raw.of_outlet(outlet)):
                return f"\"{example}\" is not in {outlet}'s article"
    for outlet in claim.get("none", []):
        words = unnamed_source_words(raw.of_outlet(outlet))
        if words:
            return f"{outlet}'s article also has \"{words[0]}\", so it may rely on an unnamed source too"
    return None


CHECKS: dict[str, Check] = {
    "quoted_words": check_quoted_words,
    "only_quotes": check_only_quotes,
    "never_uses": check_never_uses,
    "variant_choice": check_variant_choice,
    "exclusive_fact": check_exclusive_fact,
    "count_contrast": check_count_contrast,
    "credits": check_credits,
    "unnamed_sources": check_unnamed_sources,
}


def check_finding(evidence: str, claim: str, raw: RawText) -> str | None:
    """The reason a finding fails (its evidence first, then its claim), or None when it holds."""
    try:
        items = json.loads(evidence) if isinstance(evidence, str) and evidence else []
    except json.JSONDecodeError:
        return "its evidence could not be read"
    reason = check_evidence(items, raw)
    if reason or not isinstance(claim, str) or not claim:
        return reason
    parsed = json.loads(claim)
    if parsed.get("kind") not in CHECKS:
        raise ValueError(f"no check is registered in newsprism.compare.verify.CHECKS for the claim kind "
                         f"{parsed.get('kind')!r}; add one")
    return CHECKS[parsed["kind"]](parsed, raw)


def verify_findings(findings: pd.DataFrame, articles: pd.DataFrame | None,
                    raw: RawText | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split ``findings`` into those that pass their checks and those dropped, with a ``reason``.

    ``articles`` gives the raw text (``article_id``, ``outlet``, ``body``,
    ``headline``). Without any body, nothing can be checked and every finding is kept.

    >>> arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["A", "B"],
    ...                      "body": ["Ann Lee said no.", "Lee said yes."], "headline": ["", ""]})
    >>> f = pd.DataFrame({"finding": ["Only A quotes Ann Lee."], "evidence": ["[]"],
    ...                   "claim": ['{"kind": "only_quotes", "outlets": ["A"], "speakers": ["Ann Lee"]}']})
    >>> kept, dropped = verify_findings(f, arts)
    >>> len(kept), dropped.reason.iat[0]
    (0, 'B also names Ann Lee next to a reporting word ("…lee said…"), so Ann Lee may be quoted there too')
    """
    raw = raw if raw is not None else RawText(articles)  # a run passes the one it already built
    if findings.empty or not raw.has_text:
        return findings, findings.iloc[0:0].assign(reason=pd.Series(dtype=str))
    claims = findings["claim"] if "claim" in findings else pd.Series("", index=findings.index)
    reasons = pd.Series([check_finding(e, c, raw) for e, c in zip(findings.evidence, claims)],
                        index=findings.index, dtype=object)
    failed = reasons.notna()
    dropped = findings[failed].assign(reason=reasons[failed].astype(str))
    return findings[~failed].reset_index(drop=True), dropped.reset_index(drop=True)
