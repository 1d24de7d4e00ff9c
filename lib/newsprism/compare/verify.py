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

from newsprism.compare.align import normalise_name, synonyms
from newsprism.entities.actors import demonyms
from newsprism.entities.mentions import first_names, is_title_word, title_words, title_written_out
from newsprism.framing.kinds.source_credit import OUTLET_LIKE
from newsprism.text.accents import strip_accents
from newsprism.text.datafiles import read_data_csv
from newsprism.text.quote_spans import DOUBLE_MARKS, SINGLE_CLOSERS, SINGLE_OPENERS
from newsprism.text.rows import records

__all__ = ["CHECKS", "REPORTING_WORDS", "RawText", "check_evidence", "is_generic_name", "mention_found",
           "news_organisations", "number_value", "numbers_in", "quoted_fragments", "verify_findings"]

# Forms of reporting verbs (and "according to") that introduce someone's words; a
# name this close to one of them in an article is a quotation of that person. Forms
# that are as often nouns ("states" in "United States", "notes", "quotes") are left out.
REPORTING_WORDS = ("say", "says", "said", "saying", "tell", "tells", "told", "according to", "claims", "claimed",
                   "adds", "added", "stated", "noted", "stressed", "insisted", "warns", "warned", "explained",
                   "writes", "wrote", "announced", "declared", "emphasised", "emphasising", "emphasized",
                   "emphasizing", "commented", "argues", "argued", "acknowledged", "denied", "urged", "asserted",
                   "writing", "called for", "calls for", "calling for", "tweeted", "replied", "responded",
                   "admitted", "conceded", "complained", "suggested", "predicted", "recalled", "remarked", "insists",
                   "contended", "maintained", "testified", "countered", "confirmed", "joked", "quoted")
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
    first, last, found, i = target[0], len(words) - n, [], -1
    # ``index`` finds the first word at C speed: most phrases are looked for in many long texts.
    while True:
        try:
            i = words.index(first, i + 1, last + 1)
        except ValueError:
            return found
        if words[i:i + n] == target:
            found.append(i)


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
        for row in records(articles):
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


# Words right before a name that make it the object of something, not the one who speaks:
# "contact with Steele told", "a letter to Issa", "criticizing Boehner".
_OBJECT_BEFORE = {"with", "to", "of", "about", "against", "for", "by", "from", "on", "at", "toward", "towards",
                  "like", "than", "between", "among", "including", "over", "into", "whom", "named", "called",
                  "criticizing", "criticising", "accusing", "urging", "asking", "telling", "thanking"}
# Between a name and its verb: auxiliaries and adverbs ("Lee has also said", "Lee later told").
_BETWEEN = {"has", "had", "have", "also", "later", "then", "again", "once", "earlier", "recently", "who",
            "previously", "still", "will", "would", "had", "has", "quickly", "repeatedly", "has", "often", "had"}
# Before a verb, a form of "be" makes it passive or an adjective ("is noted for", "was told").
_BE = {"is", "was", "were", "are", "be", "been", "being"}


# Words before a surname, besides the titles of ``data/titles.csv``, that keep it the same person.
_SURNAME_MODIFIERS = {"former", "speaker"}


def _before_surname(word: str) -> bool:
    """True for a folded word that may stand before a person's surname without being a given name.

    A title ("Sen. Cheney", "President Obama", from ``data/titles.csv``), "former" or "Speaker", or a
    word that names nothing ("The", "And").

    >>> _before_surname("sen"), _before_surname("former"), _before_surname("liz")
    (True, True, False)
    """
    return is_title_word(word) or is_title_word(word + ".") or word in _NOT_NAMES or word in _SURNAME_MODIFIERS


def _inside_marks(words: list[str], i: int) -> bool:
    """True when position ``i`` of a folded sentence stands inside double quotation marks."""
    return words[:i].count('"') % 2 == 1


# Who speaks for a person: "Lee's office said", "a spokeswoman for Lee said" report Lee's word.
_VOICE_OF = {"office", "spokesman", "spokeswoman", "spokesperson", "spokesmen", "campaign", "lawyer", "lawyers",
             "attorney", "attorneys", "aide", "aides"}


def _speaks_before(words: list[str], i: int, n: int, j: int, between: frozenset[str] | set[str] = frozenset()) -> bool:
    """The name at ``i`` (``n`` words) is the subject of the verb at ``j`` after it.

    Only auxiliaries and adverbs may stand between ("Lee later said"), or an aside set off
    by commas right after the name ("Lee, the ministry's spokeswoman, said"), or the name's
    voice ("Lee's office said"). ``between`` are more words allowed there ("was" before "quoted").
    """
    allowed = _BETWEEN | between
    gap = words[i + n:j]
    if gap[:1] in (["'"], ["’"]):
        gap = gap[1:]
    if len(gap) >= 2 and gap[0] == "s" and gap[1] in _VOICE_OF:
        gap = gap[2:]  # "Lee's office said": the office speaks for Lee
    if all(w in allowed for w in gap) and len(gap) <= 3:
        return True
    if gap[:1] == [","] and "," in gap[1:] and len(gap) <= NEAR_BEFORE:
        close = len(gap) - 1 - gap[::-1].index(",")
        aside, rest = gap[1:close], gap[close + 1:]
        return '"' not in aside and all(w in allowed for w in rest) and len(rest) <= 3
    return False


# Where a sentence ends in raw text: after its full stop and any closing mark.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"'”’»]?\s+")


@functools.lru_cache(maxsize=512)
def _reporting_sentences(text: str) -> tuple[tuple[list[str], list[str], list[tuple[int, int, str]]], ...]:
    # Cached: every "only X quotes Y" claim reads the same bodies again, for each speaker.
    # Each sentence's folded words, the same words as written, and where each reporting word stands (read only).
    sentences = []
    for sentence in _SENTENCE_BREAK.split(text):
        words = re.findall(r"\w+|[^\w\s']", fold(sentence))  # punctuation kept (it ends a name), not "O'Neill"'s
        cased = re.findall(r"\w+|[^\w\s']", strip_accents(sentence).replace("’", "'"))
        # Only the reporting words whose first word the sentence has are looked for in it.
        present = set(words)
        verbs = [(j, len(_words(v)), v) for v in REPORTING_WORDS if _word_tuple(v)[0] in present
                 for j in _find_words(words, v)]
        sentences.append((words, cased, verbs))
    return tuple(sentences)


@functools.lru_cache(maxsize=512)
def _word_set(text: str) -> frozenset[str]:
    """The folded words of ``text`` (:func:`_word_tuple`), as a set made once per text.

    Every word of a sentence of :func:`_reporting_sentences` is one of them: the sentences are
    split where a space follows, so no word is cut.
    """
    return frozenset(_word_tuple(text))


def _quoted_near(text: str, names: list[str], full: str = "") -> str | None:
    """A few words of ``text`` where one of ``names`` is the speaker of a reporting word, or None.

    The speaker stands before the reporting word, with at most auxiliaries and adverbs or an
    aside set off by commas between ("Zakharova, the ministry's spokeswoman, said"), or
    after it, up to NEAR_AFTER words, ending the clause, with no "that" between ("said Maria
    Zakharova, ...", "according to Zakharova."). A name is no speaker inside quotation
    marks ('"... Romney and Obama," said Gallagher'), as the object of a preposition or
    verb ("contact with Steele told"), before "according to" (its speaker comes after it),
    before a passive ("Taylor, who is noted"), or after "told" (the listener). A surname
    after another capitalised given name is someone else ("Liz Cheney" for ``full`` "Dick
    Cheney").

    >>> _quoted_near("The ministry's spokeswoman Maria Zakharova, 46, later said so.", ["Zakharova"])
    'zakharova 46 later said'
    >>> _quoted_near("Biden told Putin the West would respond. Blinken said that Russia may invade.", ["West", "Russia"])
    >>> _quoted_near("They said Paul Ryan and the party are wrong; citing senators like John Ashcroft.", ["Ryan", "Ashcroft"])
    >>> _quoted_near("The war goes on, said Ryan.", ["Ryan"])
    'said ryan'
    >>> _quoted_near('An aide in contact with Lee told the Post. "Lee and Roe," said Kim.', ["Lee"])
    >>> _quoted_near("Liz Cheney said so.", ["Dick Cheney", "Cheney"], full="Dick Cheney")
    >>> _quoted_near("Schumer was quoted in The Hill as saying so.", ["Schumer"])
    'schumer was quoted'
    >>> _quoted_near("Sen. Charles Schumer, a New York Democrat, was quoted in The Hill as saying so.", ["Schumer"])
    'schumer a new york democrat was quoted'
    >>> _quoted_near("Fishman's office said it would review the case.", ["Fishman"])
    'fishman s office said'
    >>> _quoted_near("A spokeswoman for Fishman said it would.", ["Fishman"])
    'fishman said'
    """
    # A name whose first word the text lacks is in none of its sentences: most texts of the other
    # outlets lack the name, and need not be split into sentences and searched one by one.
    present = _word_set(str(text))
    if not any(_word_tuple(str(name))[:1] and _word_tuple(str(name))[0] in present for name in names):
        return None
    given = fold(full).split()[0] if len(fold(full).split()) >= 2 else ""
    for words, cased, verbs in _reporting_sentences(str(text)):
        for name in names:
            n = len(_words(name))
            for i in _find_words(words, name):
                spoken_for = i >= 2 and words[i - 1] == "for" and words[i - 2] in _VOICE_OF
                if _inside_marks(words, i) or (i and words[i - 1] in _OBJECT_BEFORE and not spoken_for):
                    continue
                if given and n == 1 and i and len(cased) == len(words) and cased[i - 1][:1].isupper() \
                        and words[i - 1] != given and not _before_surname(words[i - 1]):
                    continue  # "Liz Cheney" is not "Dick Cheney"
                ends = i + n == len(words) or not words[i + n][0].isalnum() or words[i + n] in _AFTER_SPEAKER
                for j, m, verb in verbs:
                    if _inside_marks(words, j):
                        continue
                    # a passive is no speaking, except "X was quoted (in The Hill) as saying"
                    passive = j and words[j - 1] in _BE and verb != "quoted"
                    before = j >= i + n and verb != "according to" and not passive \
                        and (_speaks_before(words, i, n, j)
                             or verb == "quoted" and _speaks_before(words, i, n, j, _BE))
                    after = j + m <= i <= j + m + NEAR_AFTER and ends and not _NOT_SPEAKER & set(words[j + m:i]) \
                        and verb not in ("tell", "tells", "told")
                    if before or after:
                        lo, hi = min(i, j), max(i + n, j + m)
                        return " ".join(w for w in words[lo:hi] if w[0].isalnum())[:80]
    return None


# Words in a row that make a quoted passage the same one in another outlet's text, and how many of
# them must be words of substance (longer than three letters, not "that", "with"...): a phrase
# of the story's topic ("on the construction of a mosque") is in every outlet's text.
SHARED_RUN, SHARED_SUBSTANCE = 7, 4
_LIGHT = {"that", "this", "with", "from", "have", "been", "were", "they", "their", "there", "what", "would", "will",
          "about", "which", "when", "said", "says", "just", "also", "than", "them", "then", "into", "over", "does"}


def _shared_run(passage: str, text: str) -> str | None:
    """The first SHARED_RUN words in a row of ``passage`` that ``text`` has too, or None.

    >>> _shared_run("The First Amendment protects freedom of religion.", "Reid's office: the first amendment protects freedom of religion")
    'the first amendment protects freedom of religion'
    >>> _shared_run("He won't talk on the construction of a mosque there", "He spoke on the construction of a mosque there")
    """
    words, joined = _words(passage), _spaced_words(str(text))
    for k in range(len(words) - SHARED_RUN + 1):
        run = words[k:k + SHARED_RUN]
        if f" {' '.join(run)} " in joined and sum(len(w) > 3 and w not in _LIGHT for w in run) >= SHARED_SUBSTANCE:
            return " ".join(run)
    return None


@functools.lru_cache(maxsize=256)
def _spaced_words(text: str) -> str:
    """A text's words (:func:`_words`) joined by single spaces, with a space at each end, made once per text.

    Words hold no spaces, so a run of words is in the text, in a row, exactly when the run
    joined the same way (a space at each end too) is a substring of this: one look for each
    run, not a set of every run of the text. Each passage of each speaker is looked for in the same texts.

    >>> _spaced_words("He said: it's over.")
    ' he said it s over '
    """
    return f" {' '.join(_word_tuple(text))} "


def check_only_quotes(claim: dict, raw: RawText) -> str | None:
    """"Only X quotes Y": in no other outlet is Y the speaker of a reporting word, or are Y's words quoted.

    Y's name is the full name, its surname, and any ``aliases`` of the claim, with
    accents and case folded. Y's ``words`` (passages X quotes) must not stand in another
    outlet's text either: there they are Y's words under another name ("a statement from
    Y's office"). Example: the claim ``{"kind": "only_quotes", "outlets": ["Daily A"],
    "speakers": ["Maria Zakharova"]}`` fails when Daily B's body reads "Zakharova said
    on Monday that ...".
    """
    aliases, said = claim.get("aliases") or {}, claim.get("words") or {}
    for speaker in claim.get("speakers", []):
        names = _aliases(speaker, aliases.get(speaker, []))
        for outlet in raw.others(claim.get("outlets", [])):
            for text in raw.of_outlet(outlet):
                near = _quoted_near(text, names, full=speaker)
                if near:
                    return (f'{outlet} also names {speaker} next to a reporting word ("…{near}…"), '
                            f"so {speaker} may be quoted there too")
                shared = next((r for p in said.get(speaker, []) if (r := _shared_run(p, text))), None)
                if shared:
                    return (f'{outlet} also has {speaker}\'s words ("…{shared}…"), '
                            f"so it quotes {speaker} too, under another name")
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


# ---------------------------------------------------------------- names and figures

_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "k": 1e3, "m": 1e6, "bn": 1e9}
_NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen".split())}
_NUMBER_WORDS.update({w: 10 * i for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(),
                                                       2)})
_NUMBER_WORDS.update({"hundred": 100, "dozen": 12})
_DIGITS = re.compile(r"(?<![\d.,])(\d{1,3}(?:[,\u202f\u00a0 ]\d{3})+|\d+)(\.\d+)?"
                     r"(?:\s*-?\s*(thousand|million|billion|trillion|bn|k|m)\b)?", re.IGNORECASE)
_WORDED = re.compile(r"\b((?:(?:%s)[\s-]*)+)(thousand|million|billion|trillion)?\b" % "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)),
                     re.IGNORECASE)
# Name words that many organisations share: "Office" or "National" in another article is
# no sign that it names the same body.
_GENERIC_NAME_WORDS = _GENERIC_LAST | {"national", "united", "american", "federal", "republican", "democratic",
                                       "democrats", "republicans", "senate", "congress", "congressional", "supreme",
                                       "white", "state", "new", "york", "city", "county", "north", "south", "east",
                                       "west", "general", "international", "association", "institute", "center",
                                       "centre", "foundation", "group", "campaign", "board", "university", "press",
                                       "security", "public", "washington"}
_ACRONYM_SKIP = {"of", "for", "and", "the", "on", "in", "to", "&"}


def is_generic_name(form: str) -> bool:
    """True for a name made only of words many bodies share ("the Senate", "White House"), or a clipped one ("Cong").

    Such names are the cast of every story on their subject, and other articles write them in
    too many ways ("congressional", "Sen.") for "only X mentions Congress" to be worth stating.

    >>> is_generic_name("the Senate"), is_generic_name("White House"), is_generic_name("Cong"), is_generic_name("Third Way")
    (True, True, True, False)
    """
    words = [w.lower() for w in re.findall(r"[A-Za-z]+", form) if w.lower() not in _ACRONYM_SKIP]
    if not words:
        return True
    if len(words) == 1 and len(words[0]) <= 5 and any(g.startswith(words[0]) and g != words[0]
                                                      for g in _GENERIC_NAME_WORDS):
        return True
    return all(w in _GENERIC_NAME_WORDS for w in words)


@functools.lru_cache(maxsize=1)
def _states() -> dict[str, tuple[str, ...]]:
    """Every written form of a US state -> all its forms ("Conn." -> Connecticut, CT, Conn.)."""
    forms: dict[str, tuple[str, ...]] = {}
    for row in read_data_csv("us_states.csv").itertuples():
        names = tuple(f for f in (row.name, row.postal, row.ap) if f)
        for name in names:
            forms[name.rstrip(".").lower()] = names
    return forms


def _worded_value(words: str, scale: str | None) -> float | None:
    total = 0.0
    for word in re.findall(r"[a-z]+", words.lower()):
        value = _NUMBER_WORDS.get(word)
        if value is None:
            return None
        # "two dozen", "three hundred": a multiplier word multiplies what came before it.
        total = total * value if word in {"hundred", "dozen"} and total else total + value
    return total * _SCALES.get((scale or "").lower(), 1.0) if total else None


def numbers_in(text: str) -> list[float]:
    """Every figure in ``text``, in digits or words, with its scale word.

    >>> numbers_in("$716 billion, 14 000 people, fourteen thousand, 1.6 million and 22%")
    [716000000000.0, 14000.0, 1600000.0, 22.0, 14000.0]
    """
    values = []
    for whole, decimals, scale in _DIGITS.findall(text):
        value = float(re.sub(r"[,\u202f\u00a0 ]", "", whole) + decimals)
        values.append(value * _SCALES.get(scale.lower(), 1.0) if scale else value)
    for words, scale in _WORDED.findall(text):
        value = _worded_value(words, scale)
        if value is not None:
            values.append(value)
    return values


def number_value(text: str) -> float | None:
    """The value of the first figure in ``text`` ("$716 billion" -> 716e9), or None.

    >>> number_value("100,000 troops"), number_value("the troops")
    (100000.0, None)
    """
    values = numbers_in(text)
    return values[0] if values else None


def _acronym(form: str) -> str:
    words = [w for w in re.findall(r"[A-Za-z][\w'-]*", form) if w.lower() not in _ACRONYM_SKIP]
    return "".join(w[0] for w in words).upper() if len(words) > 1 and all(w[0].isupper() for w in words) else ""


def _within(acronym: str, initials: str) -> bool:
    """True when ``acronym`` is ``initials`` or a run of them: "ATF" in Bureau of Alcohol, Tobacco, Firearms..."""
    return len(acronym) >= 2 and (acronym == initials or (len(acronym) >= 3 and acronym in initials))


@functools.lru_cache(maxsize=4096)
def _forms_of(forms: tuple[str, ...], label: object) -> tuple[tuple[str, ...], tuple[str, ...]]:
    # Cached: each name is looked for in every other article, and found by the same forms each time.
    phrases, words = [], []
    for form in forms:
        form = re.sub(r"^(?:the)\s+", "", str(form).strip(), flags=re.IGNORECASE)
        form = re.sub(r"['’]s?$", "", form).strip()
        if not form:
            continue
        phrases.append(form)
        # Other names of the same thing: "GOP" and "Republicans", "Washington" and "the United States".
        key = normalise_name(form)
        phrases += [term for term, canonical in synonyms().items() if canonical == key] + [key]
        first, _, rest = form.partition(" ")
        if rest and len(first) >= 4 and first[0].isupper() and label != "PERSON":
            words.append(first)  # "House of Representatives" may be "the House" elsewhere
        if rest and (first.replace(".", "") in {"US", "UK", "EU", "UN"} or first in demonyms()):
            phrases.append(rest)  # "the US State Department" is the "State Department" of another article
        if acronym := _acronym(form):
            words.append(acronym)
        for word in re.findall(r"[A-Z][\w']+", form):  # "Romney-Ryan" is Romney and Ryan
            word = re.sub(r"['’]s$", "", word)
            if len(word) < 3 or word.lower() in _GENERIC_NAME_WORDS or word.lower() in _NOT_NAMES:
                continue
            if label == "PERSON" and word in first_names() and word != form.split()[-1]:
                continue  # "John" in another article is someone else as often as not
            words.append(word)
    for form in list(phrases):
        words += [f for f in _states().get(form.rstrip(".").lower(), ()) if f != form]  # "Conn.", "CT"
    if label in {"GPE", "LOC", "NORP"}:
        countries = {fold(p) for p in phrases}
        words += [d for d, country in demonyms().items() if fold(country) in countries]
    return tuple(dict.fromkeys(phrases)), tuple(dict.fromkeys(words))  # cached: shared, so read-only


def _expands(acronym: str, text: str) -> bool:
    """True when ``text`` spells out ``acronym`` ("Organization for Security and Co-operation in Europe").

    >>> _expands("OSCE", "the Organization for Security and Co-operation in Europe said"), _expands("OSCE", "Europe")
    (True, False)
    """
    return any(_within(acronym, initials) for initials in _spelled_out(text))


@functools.lru_cache(maxsize=256)
def _spelled_out(text: str) -> tuple[str, ...]:
    # The initials of every run of capitalised words in ``text``, read once per text: every
    # acronym of every name is looked for in the same runs.
    found = []
    for run in re.findall(r"(?:[A-Z][\w-]*(?:,?\s+(?:of|for|and|the|on|in|&)\s+|,?\s+))+[A-Z][\w-]*", text):
        found += [_acronym(run.replace("Co-operation", "Co operation").replace("-", " ")), _acronym(run)]
    return tuple(found)


def _one_edit(a: str, b: str) -> bool:
    """True when ``b`` is ``a`` with one letter changed, added or dropped (not equal: equal was looked for).

    >>> _one_edit("Cowan", "Cowen"), _one_edit("Stacy", "Stacey"), _one_edit("Brady", "Brody's")
    (True, True, False)
    """
    if a == b or abs(len(a) - len(b)) > 1 or a[0] != b[0]:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


@functools.lru_cache(maxsize=256)
def _prepared(text: str) -> tuple[str, str, str, frozenset[str]]:
    """``text`` as :func:`mention_found` searches it, prepared once per article (every name asks again).

    "N.A.A.C.P." is read as NAACP; the squashed letters find "biggovernment.com" for Big Government;
    the capitalised words are those a one-letter misspelling is looked for among.
    """
    plain = re.sub(r"\b(?:[A-Za-z]\.){2,}", lambda m: m.group().replace(".", ""), strip_accents(text))
    folded = fold(plain)
    return plain, folded, re.sub(r"[^a-z]", "", folded), frozenset(re.findall(r"\b[A-Z][a-z]{3,}\b", plain))


@functools.lru_cache(maxsize=256)
def _capitalised(text: str) -> tuple[dict[str, tuple[str, ...]], frozenset[str]]:
    """The capitalised words of :func:`_prepared` by their first letter (a one-letter misspelling
    keeps the first letter), and the words of three to six capitals (acronyms), once per text."""
    plain, _, _, written = _prepared(text)
    by_initial: dict[str, list[str]] = {}
    for word in written:
        by_initial.setdefault(word[0], []).append(word)
    return ({k: tuple(v) for k, v in by_initial.items()},
            frozenset(re.findall(r"\b[A-Z]{3,6}\b", plain)))


@functools.lru_cache(maxsize=4096)
def _bounded(string: str, plural: bool) -> re.Pattern:
    """``string`` as a whole word or words (with a plural or possessive "s" when ``plural``), made once."""
    return re.compile(rf"(?<!\w){re.escape(string)}(?:s|'s)?(?!\w)" if plural else rf"(?<!\w){re.escape(string)}(?!\w)")


@functools.lru_cache(maxsize=4096)
def _name_patterns(forms: tuple[str, ...], label: object) -> tuple:
    """What :func:`mention_found` looks for, made once per name: it is looked for in every other article.

    Each phrase (case-folded) and each word (as written) is a plain string that its pattern
    (:func:`_bounded`) needs: most texts lack the string, and looking for a string costs far less
    than making and running a pattern.
    """
    phrases, words = _forms_of(forms, label)
    squashed = []
    for phrase in phrases:
        letters = re.sub(r"[^a-z]", "", fold(phrase))
        if len(phrase.split()) > 1 and len(letters) >= 8:
            squashed.append(letters)
    folded = tuple(map(fold, phrases))
    written = tuple(map(strip_accents, words))
    misspelt = tuple(strip_accents(w) for w in words if len(w) >= 5)
    acronyms = tuple(p for p in phrases if p.isupper() and 2 <= len(p) <= 6)
    initials = tuple(_acronym(p) for p in phrases if _acronym(p))
    return tuple(squashed), folded, written, misspelt, acronyms, initials


@functools.lru_cache(maxsize=256)
def _numbers_of(text: str) -> tuple[float, ...]:
    return tuple(numbers_in(text))


def mention_found(item: dict, text: str) -> bool:
    """True when ``text`` names ``item`` in any form a reader would recognise.

    ``item`` is ``{"kind": "name" | "number", "label", "forms": [as written], "value"}``.
    A figure is found within 10 % ("roughly $700 billion" for "$716 billion", "1.5 million" for "1.6 million":
    the two may be one fact). A name is found by any written form, a surname or other
    distinctive word (as written, so "Rice" is not "rice"), its acronym or spelled-out
    acronym, or a demonym of a place.

    >>> mention_found({"kind": "name", "label": "ORG", "forms": ["OSCE"]},
    ...               "monitors of the Organization for Security and Co-operation in Europe")
    True
    >>> mention_found({"kind": "name", "label": "PERSON", "forms": ["Olaf Scholz"]}, "Chancellor Scholz's trip")
    True
    >>> mention_found({"kind": "number", "label": "NUM", "value": 14000.0}, "fourteen thousand people")
    True
    >>> mention_found({"kind": "number", "label": "NUM", "value": 14000.0}, "some 10,000 people")
    False
    """
    if item.get("kind") == "number":
        value = float(item.get("value") or 0)
        return bool(value) and any(abs(v - value) <= 0.10 * value for v in _numbers_of(text))
    plain, folded, squashed, _ = _prepared(text)
    letters, phrases, words, misspelt, acronyms, initials = _name_patterns(
        tuple(str(f) for f in item.get("forms", [])), item.get("label"))
    if any(s in squashed for s in letters):
        return True
    if any(p in folded and _bounded(p, True).search(folded) for p in phrases):
        return True
    if any(w in plain and _bounded(w, False).search(plain) for w in words):
        return True
    # A name spelled one letter apart ("Cowen", "Cowan"; "Stacy", "Stacey") is as likely a typo as another person.
    written, capitals = _capitalised(text)
    if any(_one_edit(w, other) for w in misspelt for other in written.get(w[:1], ())):
        return True
    if any(_expands(p, plain) for p in acronyms):
        return True
    if any(_numbered_found(str(f), plain) for f in item.get("forms", [])):
        return True
    # The other article's acronym of this long name ("ATF" for the Bureau of Alcohol, Tobacco, Firearms ...).
    return any(_within(a, i) for a in capitals for i in initials)


_NUMBERED = re.compile(r"^(.*?[A-Za-z.])[\s.-]*(\d{2,})$")


def _initials_of(words: str) -> str:
    """ "SB", "S.B." and "Senate Bill" -> "SB"; "" for no letters."""
    parts = words.replace(".", " ").split()
    if len(parts) == 1 and parts[0].isupper():
        return parts[0]
    return "".join(p[0] for p in parts if p[:1].isupper())


def _numbered_found(form: str, text: str) -> bool:
    """A numbered name ("SB 1062", "H.R. 3590") written another way: "SB1062", "Senate Bill 1062".

    >>> _numbered_found("SB 1062", "Senate Bill 1062 passed"), _numbered_found("SB 1062", "the SB1062 vote")
    (True, True)
    >>> _numbered_found("SB 1062", "HB 1062 passed"), _numbered_found("Ann Lee", "Senate Bill 1062")
    (False, False)
    """
    numbered = _NUMBERED.match(form.strip())
    if not numbered or not _initials_of(numbered.group(1)):
        return False
    head, number = numbered.groups()
    wanted = _initials_of(head.split()[-1]) if head.split()[-1].replace(".", "").isupper() else _initials_of(head)
    for hit in re.finditer(rf"(?<!\d){number}(?!\d)", text):
        words = re.findall(r"[A-Za-z][A-Za-z.]*", text[max(0, hit.start() - 40):hit.start()])[-4:]
        if any(_initials_of(" ".join(words[-k:])) == wanted for k in range(1, len(words) + 1)):
            return True
    return False


_TITLE_BEFORE = re.compile(r"(?:[\w.,'’-]+\s+){1,5}$")
_APPOSITION = re.compile(r",\s+(?:a|an|the|[\w.'’-]+['’]s)\s+((?:[\w.'’-]+\s+){0,4}[\w.'’-]+)")
_DETERMINER = r"(?:the|a|an|his|her|its|their|our|both|two|three|[\w.-]+['’]s)"


def _role_word(word: str) -> str | None:
    """A title or a gendered person noun of ``data/titles.csv``, written out ("Sen." -> "senator").

    A plural before a comma counts too: "the state's two senators, Ann Roe and Tom Ray".
    """
    word = word.lower().rstrip(",;:")
    if word not in title_words() and word.endswith("s") and word[:-1] in title_words():
        word = word[:-1]
    entry = title_words().get(word)
    if not entry or entry[0] not in ("title", "noun"):
        return None
    return title_written_out().get(word) or word.rstrip(".")


_IN_TITLE = {"in", "for", "of"}  # a place or body inside a title written before the name


def person_titles(forms: list[str], texts: list[str]) -> list[str]:
    """The titles the articles write with a person's name: the role a reader may meet instead of the name.

    Read from the words right before the name ("White House spokesman Jay Carney", "Sen.
    Harry Reid") and from an apposition after it ("Ed Roe, a spokesman for the county").

    >>> person_titles(["Harry Reid"], ["Senate leader Sen. Harry Reid spoke.", "Reid, the majority leader, left."])
    ['leader', 'senator']
    >>> person_titles(["Jeff Flake"], ["The state's two senators, Jeff Flake and Ann Roe, spoke."])
    ['senator']
    >>> person_titles(["Ann Lee"], ["Aides of the United States attorney in Brooklyn, Ann Lee, declined."])
    ['attorney']
    """
    surnames = {f.split()[-1] for f in forms if f.split()}
    found: set[str] = set()
    for text in texts:
        for surname in surnames:
            if surname not in text:
                continue  # (the pattern below matches the surname as written: no need to run it)
            for match in re.finditer(rf"(?<!\w){re.escape(surname)}(?!\w)", text):
                before = _TITLE_BEFORE.search(text[max(match.start() - 80, 0):match.start()])
                # walk back over the name's own capitalised words and its titles; stop at anything else
                words = before.group(0).split() if before else []
                for k in range(len(words) - 1, -1, -1):
                    role = _role_word(words[k])
                    if role:
                        found.add(role)
                    elif words[k] in _IN_TITLE and k + 1 < len(words) and words[k + 1][:1].isupper():
                        continue  # "the United States attorney in Brooklyn, Ann Lee": the title's place
                    elif not words[k][:1].isupper():
                        break
                after = _APPOSITION.match(text, match.end())
                if after:
                    role = next((r for r in map(_role_word, after.group(1).split()) if r), None)
                    if role:
                        found.add(role)
    return sorted(found)


def title_reference(titles: list[str], text: str) -> str | None:
    """Where ``text`` speaks of someone by one of ``titles`` alone ("the president", "both senators").

    Such an article may well mention the person without the name, so "it does not mention
    them" cannot be said. A title before a name ("President Obama") is that name's, not this.

    >>> title_reference(["president"], "The bill was signed, and the president did not comment.")
    'the president'
    >>> title_reference(["senator"], "Both Republican U.S. senators asked for a veto.")
    'Both Republican U.S. senators'
    >>> title_reference(["president"], "President Obama signed it.") is None
    True
    >>> title_reference(["representative"], "It passed the House of Representatives.") is None
    True
    """
    for title in titles:
        if not re.search(re.escape(title), text, re.IGNORECASE):
            continue  # the title is nowhere in the text: no need to try every determiner for it
        # case-blind for the words, not for the capital that would make the title a name's
        pattern = rf"(?i:\b{_DETERMINER}\s+(?:[\w.-]+\s+){{0,3}}?({re.escape(title)}s?))\b(?![.'’]?\s+[A-Z])"
        for match in re.finditer(pattern, text):
            words = match.group(0).split()
            # a capitalised title after "of" or a capitalised word is part of a body's name ("the House of
            # Representatives", "the Joint Chiefs"), not a person
            if match.group(1)[:1].isupper() and len(words) > 2 and (words[-2] == "of" or words[-2][:1].isupper()):
                continue
            return match.group(0)
    return None


def check_mentions(claim: dict, raw: RawText) -> str | None:
    """"Only X mentions A" / "every outlet except X mentions A", checked on the raw text.

    ``claim`` is ``{"kind": "mentions", "outlet": X, "relation": "only" | "all_but",
    "items": [...]}`` with items as :func:`mention_found` reads them; an item's ``titles``
    (:func:`person_titles`) are looked for too, since an article may name a person by title alone.

    >>> raw = RawText(pd.DataFrame({"article_id": ["a", "b"], "outlet": ["A", "B"],
    ...                             "body": ["President Ann Roe spoke.", "The president spoke."]}))
    >>> print(check_mentions({"outlet": "A", "relation": "only", "items": [{"kind": "name", "label": "PERSON",
    ...                       "forms": ["Ann Roe"], "titles": ["president"]}]}, raw))
    B's article may mention Ann Roe as "The president"
    """
    outlet = claim.get("outlet", "")
    for item in claim.get("items", []):
        shown = item.get("shown") or (item.get("forms") or ["?"])[0]
        unnamed_in = [outlet] if claim.get("relation") == "all_but" else raw.others([outlet])
        for other in unnamed_in:
            texts = raw.of_outlet(other)
            if any(mention_found(item, t) for t in texts):
                if other == outlet:
                    return f"{outlet}'s article does mention {shown}"
                return f"{other}'s article also mentions {shown}"
            role = next((r for r in (title_reference(item.get("titles") or [], t) for t in texts) if r), None)
            if role:
                return f"{other}'s article may mention {shown} as \"{role}\""
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


# The longest span in quotation marks that still counts as a fragment of someone's words.
FRAGMENT_WORDS = 8


def quoted_fragments(text: str, max_words: int = FRAGMENT_WORDS) -> list[str]:
    """Short spans in double quotation marks inside the writer's own sentence, as the raw text has them.

    A span counts when it has 1 to ``max_words`` words and the writer's words come right
    before its opening mark on the same line ('called it "a war of choice."', 'the plan — "would
    end Medicare"'). A quotation that opens its line or follows a colon or comma is a speaker's
    full statement ('He said, "We will win."') unless it starts in lower case and the writer's
    sentence goes on after it ('as Lee put it, "the details" are left open'); a span whose every
    word is capitalised is a title ('on "Face the Nation"'). Marks are paired line by line.

    >>> quoted_fragments('He called it "a war of choice." "We will win," Lee said. He spoke on "Face the Nation".')
    ['a war of choice.']
    >>> quoted_fragments('The plan — "would end aid" — passed. As Lee put it, "the details" are open.')
    ['would end aid', 'the details']
    """
    found = []
    for line in str(text).split("\n"):
        line = _DOUBLE.sub('"', line)
        marks = [m.start() for m in re.finditer('"', line)]
        for open_, close in zip(marks[::2], marks[1::2]):
            inner, before = line[open_ + 1:close], line[:open_].rstrip()
            words = re.findall(r"[\w'’-]+", inner)
            if not 1 <= len(words) <= max_words or not before:
                continue
            goes_on = words[0][:1].islower() and re.match(r"\s*[a-z]", line[close + 1:])
            if not (before[-1].isalnum() or before[-1] in "—–" or (before[-1] in ",:" and goes_on)):
                continue
            if words[0][:1].isupper() and all(w[:1].isupper() or w[:1].isdigit() for w in words if len(w) > 3):
                continue  # a title: its short words ("the", "of") may stay lower-case
            found.append(inner.strip())
    return found


def check_quoted_words(claim: dict, raw: RawText) -> str | None:
    """"X puts N words in quotation marks ("a", ...); Y none": the words are in quotation marks in X's
    text, and in no other listed outlet's text inside quotation marks.

    Y may use the same word plainly ("the invasion"): only marking it counts. With
    ``fragments`` (partial quotations), Y's text must have no :func:`quoted_fragments` at all. Example:
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
        if claim.get("fragments"):
            # "Y uses no fragments of anyone's words": Y's raw text has no short span in quotation
            # marks inside a sentence of its own.
            fragment = next((f for t in raw.of_outlet(outlet) for f in quoted_fragments(t)), None)
            if fragment:
                return f"{outlet}'s article does put a few words in quotation marks (\"{fragment}\")"
    return None


# A capitalised name ending in a word that names a paper or a site ("the Spokesman-Review", "Politics
# Daily"), or a web address ("FactCheck.org"): a news outlet the lists may not know, enough to doubt an absence.
_OUTLET_WORDS = re.compile(OUTLET_LIKE)
# A broadcaster by its call sign ("WMUR", "KDVR-TV") or a programme it airs ("his radio show"): a
# source no list of outlets holds, enough to doubt that an article names no other outlet.
_BROADCAST = re.compile(r"\b[KW][A-Z]{3}(?:-(?:TV|FM|AM))?\b|\b[KW][A-Z]{2}-(?:TV|FM|AM)\b"
                        r"|\b(?:radio|television|TV|talk)\s+(?:show|program|programme)\b")


@functools.lru_cache(maxsize=1)
def news_organisations() -> tuple[tuple[str, ...], ...]:
    """Every news organisation newsprism knows, as its aliases (``source_credits.csv`` and ``outlets.csv``).

    >>> ("Reuters",) in news_organisations()
    True
    """
    rows = [tuple(a.strip() for a in str(text).split("|") if a.strip())
            for text in read_data_csv("source_credits")["text"]]
    rows += [(str(name).strip(),) for name in read_data_csv("outlets")["outlet"]]
    return tuple(r for r in rows if r)


@functools.lru_cache(maxsize=1)
def _outlet_names() -> tuple[tuple[tuple[str, ...], re.Pattern, tuple[tuple[str, bool], ...]], ...]:
    """Every news organisation (:func:`news_organisations`): its aliases, one pattern for them, and
    each alias as a plain string that any match contains (``(alias, True)`` in capitals, else lower-case).

    An ALL-CAPS name of up to five letters ("AP", "NBC") matches only in capitals, others in any case.
    """
    table = []
    for aliases in news_organisations():
        exact = [a.isupper() and len(a) <= 5 for a in aliases]
        parts = [rf"(?<![\w-]){re.escape(a)}(?![\w-])" if e else rf"(?i:(?<![\w-]){re.escape(a)}(?![\w-]))"
                 for a, e in zip(aliases, exact)]
        needles = tuple((a if e else a.lower(), e) for a, e in zip(aliases, exact))
        table.append((tuple(aliases), re.compile("|".join(parts)), needles))
    return tuple(table)


# Characters that a case-blind pattern matches to an ASCII letter although ``str.lower`` does not
# make them one (dotted and dotless i, long s, the kelvin sign): a text with one is searched in full.
_FOLDS_TO_ASCII = "\u0130\u0131\u017f\u212a"


@functools.lru_cache(maxsize=256)
def _own_names(outlet: str) -> tuple[frozenset[int], frozenset[str]]:
    """The news organisations that are ``outlet`` itself (by their place in :func:`_outlet_names`), and
    all their names squashed. Cached: each outlet's texts are searched one by one."""
    own = _squash_name(outlet)
    indices, aliases_of_own = set(), set()
    for i, (aliases, _, _) in enumerate(_outlet_names()):
        if own and any(_squash_name(a) in own or own in _squash_name(a) for a in aliases):
            indices.add(i)
            aliases_of_own |= {_squash_name(a) for a in aliases}
    return frozenset(indices), frozenset(aliases_of_own)


def _squash_name(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", re.sub(r"^the\s+", "", name.lower()))


def named_outlets(text: str, outlet: str) -> list[str]:
    """News organisations other than ``outlet`` that ``text`` names, or that look like one ("the Spokesman-Review").

    Read from the raw text, not from the credits found: an outlet that "credits none" must name none.

    >>> named_outlets("Ann said on Fox News, the Tri-City Herald reports.", "HuffPost")
    ['Fox News', 'Tri-City Herald']
    >>> named_outlets("Ann told the Huffington Post so.", "HuffPost"), named_outlets("Ann said so.", "HuffPost")
    ([], [])
    >>> named_outlets("Ann told WMUR, then spoke on a talk show.", "HuffPost")
    ['WMUR', 'talk show']
    >>> named_outlets("Mayor Michael Bloomberg backed it. Bloomberg said so.", "HuffPost")
    []
    """
    own = _squash_name(outlet)
    is_own = lambda name: bool(own) and (_squash_name(name) in own or own in _squash_name(name))  # noqa: E731
    found = []
    own_indices, own_aliases = _own_names(outlet)
    # A pattern can match only where one of its names stands as a plain string: looking for the
    # strings first spares a pattern search per organisation in every text.
    lowered, whole = text.lower(), any(c in text for c in _FOLDS_TO_ASCII)
    for i, (aliases, pattern, needles) in enumerate(_outlet_names()):
        if i in own_indices:
            continue  # the outlet itself, by any of its names
        if not whole and not any((n in text) if exact else (n in lowered) for n, exact in needles):
            continue
        hit = next((h for h in pattern.finditer(text) if not _a_persons_surname(text, h)), None)
        if hit and not any(_squash_name(hit.group(0)) == _squash_name(f) for f in found):
            found.append(hit.group(0))
    for hit in _OUTLET_WORDS.finditer(text):
        name = re.sub(r"^(?:The|the)\s+", "", hit.group(0))
        if not (is_own(name) or _squash_name(name) in own_aliases
                or any(_squash_name(name) == _squash_name(f) for f in found)):
            found.append(name)
    found += [hit.group(0) for hit in _BROADCAST.finditer(text) if hit.group(0) not in found]
    return found


def _a_persons_surname(text: str, hit: re.Match) -> bool:
    """Whether an outlet's one-word name stands for a person here: "Michael Bloomberg", "Mayor
    Bloomberg", or a bare "Bloomberg" in a text that names a person so (the mayor, not the agency)."""
    name = hit.group(0)
    if " " in name.strip():
        return False
    for before in re.finditer(rf"([A-Z][a-z]+\.?)\s+{re.escape(name)}\b(?!\s+(?:News|reported|reports))", text):
        if before.group(1) in first_names() or is_title_word(before.group(1)):
            return True
    return False


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
        # Hand checks found an outlet said to name no source while it printed the same paragraphs
        # as another outlet: copy from an agency that neither names.
        for other in raw.others([outlet]):
            shared = next((s for t in raw.of_outlet(outlet) for o in raw.of_outlet(other)
                           for s in shared_copy(t, o)), None)
            if shared:
                return (f"{outlet} and {other} print the same sentence word for word (\"{shared[:60]}…\"): "
                        "copy neither may credit")
    return None


# A sentence this long printed word for word by two outlets is copy from one source, not a coincidence.
SHARED_COPY_WORDS = 20


def shared_copy(text: str, other: str) -> list[str]:
    """The sentences that two texts print word for word, with at least ``SHARED_COPY_WORDS`` words of
    the writer's own: words in quotation marks are a speaker's, which any two outlets may print alike.

    >>> line = "The board approved the plan in October after a long public hearing that drew more than two hundred residents and several local officials."
    >>> shared_copy("Ann spoke. " + line, line + " Then it rained.") == [line]
    True
    >>> shared_copy("The board approved it.", "The board approved it.")
    []
    >>> quote = '"I remember how humiliating that was and how angry I was, and I will never forget that day," Ann Lee said.'
    >>> shared_copy(quote, quote)
    []
    """
    mine, theirs = _long_sentences(text), _long_sentences(other)
    return [mine[key] for key in mine if key in theirs]


@functools.lru_cache(maxsize=256)
def _long_sentences(body: str) -> dict[tuple[str, ...], str]:
    # Cached: each outlet's bodies are compared with every other outlet's. Words folded as _word_tuple
    # folds them (not through its cache, which one-off sentences would fill), keyed to the sentence as
    # written; read only.
    found = {}
    for sentence in _SENTENCE_BREAK.split(body):
        own = re.sub(r"[\"“][^\"“”]*(?:[\"”]|$)", " ", sentence)  # a quotation left open runs to the end
        words = tuple(re.findall(r"\w+", fold(sentence)))
        if len(words) >= SHARED_COPY_WORDS and len(re.findall(r"\w+", own)) >= SHARED_COPY_WORDS:
            found.setdefault(words, sentence.strip())
    return found


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
    "mentions": check_mentions,
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
