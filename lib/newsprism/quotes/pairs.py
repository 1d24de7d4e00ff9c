"""Pair the same statement as two outlets report it, and show the difference word by word.

Two outlets relaying the same remark rarely agree on every word: a translation,
a paraphrase or a trimmed quotation changes "high enough ... prudent" into
"high ... wise". Pairs are sought sentence by sentence (a long quotation in one
outlet may hold the one sentence the other outlet reports), only between
attributions to the same speaker, and a direct quotation may pair with an
indirect report of the same words.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections import Counter
from dataclasses import dataclass

import pandas as pd

from newsprism.ingest.stories import story_of_articles
from newsprism.text.quote_spans import AMBIGUOUS, DOUBLE_MARKS, OPENING, SINGLE_CLOSERS, SINGLE_OPENERS, scan_quotes

# Words too common to show that two sentences say the same thing.
_FUNCTION_WORDS = frozenset(
    "a an the of to and or in on at for by with is are was were be been that this it its so".split()
)
# Similarity (difflib ratio over content words) from which two sentences count as the same remark.
MIN_SIMILARITY = 0.55
MIN_SHARED_WORDS = 3
# A sentence of a reported statement starts after . ! ? with a capital, a digit or an opening quotation mark.
_SENTENCE_START = re.escape(AMBIGUOUS + OPENING + SINGLE_OPENERS) + "A-Z0-9"
_SENTENCE_END = re.compile(rf"(?<=[.!?])\s+(?=[{_SENTENCE_START}])|\s+…\s+")
# Quotation marks, commas and spaces around a sentence cut out of a quotation.
_SENTENCE_EDGES = " ," + DOUBLE_MARKS + SINGLE_OPENERS + SINGLE_CLOSERS
_WORD = re.compile(r"[\w'’-]+")

PAIR_COLUMNS = [
    "speaker", "similarity", "change", "diff", "phrase_a", "phrase_b",
    "article_id_a", "outlet_a", "kind_a", "cue_a", "content_a",
    "article_id_b", "outlet_b", "kind_b", "cue_b", "content_b",
]


# The same content and sentences come back for every candidate pair of a speaker: cut and split once.
@functools.lru_cache(maxsize=4096)
def _sentences(content: str) -> tuple[str, ...]:
    parts = [p.strip(_SENTENCE_EDGES) for p in _SENTENCE_END.split(content or "")]
    return tuple(p for p in parts if len(_WORD.findall(p)) >= 2)


@functools.lru_cache(maxsize=8192)
def _content_words(sentence: str) -> tuple[str, ...]:
    return tuple(u.key for u in _units(sentence) if u.key not in _FUNCTION_WORDS)


def similarity(a: str, b: str) -> float:
    """How alike two reported sentences are, 0 to 1 (difflib ratio over content words).

    >>> round(similarity("a diplomatic path remains open", "The diplomatic road remains open"), 2)
    0.75
    """
    wa, wb = _content_words(a), _content_words(b)
    if not wa or not wb:
        return 0.0
    return difflib.SequenceMatcher(None, wa, wb, autojunk=False).ratio()


# Where a sentence's words are cut apart: numbers ("2,000"), letter abbreviations ("I.R.S."), words.
_UNIT = re.compile(r"\d+(?:[.,]\d+)*|(?:[A-Za-z]\.){2,}|\w+(?:['’]\w+)*")
# A contraction ("don't", "can't") is the same words as its long form ("do not", "cannot").
_NEGATED = re.compile(r"^(\w+?)n['’]t$", re.IGNORECASE)
_NEGATED_STEMS = {"ca": "can", "wo": "will", "sha": "shall"}
# Other contractions the same way ("it's" is "it is", "we'll" is "we will"); "'s" after a noun may be a
# possessive, so only pronouns and "that", "there", "what", "here" are opened up.
_CONTRACTED = re.compile(r"^(i|you|he|she|it|we|they|that|there|what|here|who|let)'(s|m|re|ll|ve|d)$", re.IGNORECASE)
_LONG_FORMS = {"s": "is", "m": "am", "re": "are", "ll": "will", "ve": "have", "d": "would"}
_ELLIPSIS = re.compile(r"…|\.\s?\.\s?\.")
# Words whose change alone leaves what a speaker said intact ("rules or regulations" → "rules
# and regulations" is reworded, not an altered quotation). Negations are not among them.
_MINOR_WORDS = _FUNCTION_WORDS | frozenset(
    "as if then than so just also there here who whom which what when where this these those such "
    "has have had do does did will would shall should can could may might must am being "
    "i me my we us our you your he him his she her they them their one some any very well oh now".split()
)
_NEGATIONS = frozenset({"not", "no", "never", "nor", "none", "nothing", "nobody", "neither"})
# The kinds of the ``change`` column, see :func:`classify_change`.
CHANGES = ("same", "trimmed", "minor", "reworded", "altered_quote")


@dataclass(frozen=True)
class _Unit:
    """One word of a sentence: its comparison key and its place in the sentence."""

    key: str
    start: int
    end: int
    ellipsis_before: bool  # an ellipsis between this word and the one before: words left out here


# A few words in brackets or parentheses: an editor's insertion into a quotation, not the speaker's words.
_EDITORIAL = re.compile(r"\[[^\]]{1,40}\]|\((?:\w+\W*){1,4}\)")


_NUMBER_WORDS = {word: str(n) for n, word in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
_NUMBER_WORDS.update({word: str(n) for n, word in zip(range(30, 100, 10),
                                                      "thirty forty fifty sixty seventy eighty ninety".split())})


@functools.lru_cache(maxsize=8192)
def _units(sentence: str) -> tuple[_Unit, ...]:
    """The words of a sentence as compared: case, punctuation, quotation marks and spacing ignored.

    >>> [u.key for u in _units("“I.R.S. rules,” he don’t-know 2,000")]
    ['irs', 'rules', 'he', 'do', 'not', 'know', '2000']
    >>> [u.key for u in _units("It’s not what we’ll do")]
    ['it', 'is', 'not', 'what', 'we', 'will', 'do']
    >>> [u.key for u in _units("the (local) store [manager] decides")]
    ['the', 'store', 'decides']
    >>> [u.key for u in _units("a two-in-three chance")] == [u.key for u in _units("a 2 in 3 chance")]
    True
    """
    units: list[_Unit] = []
    last_end = 0
    inserted = [(e.start(), e.end()) for e in _EDITORIAL.finditer(sentence)]
    for m in _UNIT.finditer(sentence):
        if any(a <= m.start() < b for a, b in inserted):
            continue  # an editor's "(local)" or "[the union]" inside the marks: no word of the speaker's
        word = m.group().replace("’", "'")
        gap = sentence[last_end:m.start()]
        ellipsis = bool(units) and bool(_ELLIPSIS.search(gap))
        negated = _NEGATED.match(word)
        if negated:
            stem = negated.group(1).casefold()
            keys = [_NEGATED_STEMS.get(stem, stem), "not"]
        elif word.casefold() == "cannot":
            keys = ["can", "not"]
        elif contracted := _CONTRACTED.match(word):
            rest = contracted.group(2).casefold()
            keys = [contracted.group(1).casefold(), "us" if contracted.group(1).lower() == "let" else _LONG_FORMS[rest]]
        else:
            keys = [re.sub(r"[\W_]", "", word).casefold()]
            keys = [_NUMBER_WORDS.get(keys[0], keys[0])]  # "two-in-three" and "2 in 3" are one house style apart
        for n, key in enumerate(keys):
            units.append(_Unit(key, m.start(), m.end(), ellipsis and n == 0))
        last_end = m.end()
    return tuple(units)


def _show(sentence: str, units: list[_Unit]) -> str:
    """The sentence's own text from the first to the last of ``units``."""
    return _clean_edges(sentence[units[0].start:units[-1].end]) if units else ""


def _clean_edges(text: str) -> str:
    return " ".join(text.split())


def _opcodes(ua: list[_Unit], ub: list[_Unit]) -> list[tuple[str, int, int, int, int]]:
    return difflib.SequenceMatcher(None, [u.key for u in ua], [u.key for u in ub], autojunk=False).get_opcodes()


def word_diff(a: str, b: str, context: int = 1) -> str:
    """The words that differ between two renderings of one statement.

    ``[x→y]`` x replaced by y, ``[-x]`` only in a, ``[+y]`` only in b; unchanged
    runs of more than three words keep ``context`` words beside each change and
    are otherwise shown as "…". Case, punctuation, the style of quotation marks
    and spacing are no change; "(same words)" when nothing else differs.

    >>> word_diff("The risk is high enough and this is the prudent thing to do",
    ...           "The risk is high and this is a wise thing to do")
    '… high [-enough] and this is [the prudent→a wise] thing to do'
    >>> word_diff('“The road remains open,” he said.', '"the road remains open" he said')
    '(same words)'
    """
    ua, ub = _units(a), _units(b)
    opcodes = _opcodes(ua, ub)
    if all(op == "equal" for op, *_ in opcodes):
        return "(same words)"
    out: list[str] = []
    for n, (op, i1, i2, j1, j2) in enumerate(opcodes):
        if op == "equal":
            run = ua[i1:i2]
            head = run[:context] if n > 0 else []
            tail = run[-context:] if n < len(opcodes) - 1 and context else []
            if len(run) <= max(3, len(head) + len(tail)):
                out.append(_show(a, run))
            else:
                out.extend([_show(a, head), "…", _show(a, tail)])
        elif op == "replace":
            out.append(f"[{_show(a, ua[i1:i2])}→{_show(b, ub[j1:j2])}]")
        elif op == "delete":
            out.append(f"[-{_show(a, ua[i1:i2])}]")
        else:
            out.append(f"[+{_show(b, ub[j1:j2])}]")
    text = " ".join(part for part in out if part)
    return re.sub(r"(… )+…", "…", text).strip()


def _quoted_mask(sentence: str, kind: object, content: object = None) -> list[bool]:
    """For each word of ``sentence`` (see :func:`_units`): is it inside quotation marks?

    A direct quotation is quoted throughout, an indirect report nowhere; in a mixed
    one only the words between marks are, found in ``content`` (the whole reported
    statement the sentence was cut from) when given, else in the sentence.
    """
    units = _units(sentence)
    if kind == "direct":
        return [True] * len(units)
    if kind != "mixed":
        return [False] * len(units)
    text, offset = sentence, 0
    if isinstance(content, str) and sentence in content:
        text, offset = content, content.index(sentence)
    spans = [(s.inner_start, s.inner_end) for s in scan_quotes(text)]
    return [any(s <= offset + u.start and offset + u.end <= e for s, e in spans) for u in units]


def _spelling_variant(ka: list[str], wa: str, kb: list[str], wb: str) -> bool:
    """Two spellings of one word: a name transliterated ("Kiev"/"Kyiv"), British/American ("honour"/"honor")."""
    if len(ka) != 1 or len(kb) != 1:
        return False
    x, y = ka[0], kb[0]
    if _us_spelling(x) == _us_spelling(y):
        return True
    names = wa[:1].isupper() and wb[:1].isupper()
    return names and min(len(x), len(y)) >= 4 and difflib.SequenceMatcher(None, x, y).ratio() >= 0.75


# Past forms of common irregular verbs in quotations, so "he said"/"he saying" is one word in two forms.
_IRREGULAR = {"said": "say", "told": "tell", "thought": "think", "made": "make", "went": "go", "gone": "go",
              "got": "get", "gotten": "get", "took": "take", "taken": "take", "gave": "give", "given": "give",
              "knew": "know", "known": "know", "saw": "see", "seen": "see", "came": "come", "was": "be",
              "were": "be", "been": "be", "is": "be", "are": "be", "had": "have", "has": "have", "did": "do",
              "done": "do", "does": "do", "felt": "feel", "left": "leave", "meant": "mean", "kept": "keep"}


def _stem(word: str) -> str:
    word = _IRREGULAR.get(word, word)
    for suffix in ("ing", "ed", "es", "s", "d"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _inflection(ka: list[str], kb: list[str]) -> bool:
    """One word in two grammatical forms ("saying"/"said", "vote"/"votes"): a slip, not another word.

    >>> _inflection(["saying"], ["said"]), _inflection(["able"], ["have"])
    (True, False)
    """
    return len(ka) == 1 and len(kb) == 1 and _stem(ka[0]) == _stem(kb[0])


def _us_spelling(word: str) -> str:
    for british, american in (("our", "or"), ("ise", "ize"), ("isation", "ization"), ("yse", "yze"),
                              ("tre", "ter"), ("ogue", "og"), ("lled", "led"), ("lling", "ling")):
        if word.endswith(british) and len(word) > len(british) + 2:
            return word[: -len(british)] + american
    return word


@dataclass(frozen=True)
class Change:
    """How two renderings of one statement differ (:func:`classify_change`).

    ``change`` is one of :data:`CHANGES`; for an altered quotation ``phrase_a`` and
    ``phrase_b`` are the changed phrase as each outlet quotes it, with a word either side.
    """

    change: str
    phrase_a: str = ""
    phrase_b: str = ""


def classify_change(a: str, b: str, kind_a: object = None, kind_b: object = None,
                    content_a: object = None, content_b: object = None) -> Change:
    """Same words, trimmed, reworded, or a quotation altered inside its quotation marks.

    * ``same``: the same words, once case, punctuation (also American/British placing
      of a full stop inside or outside the marks), quotation-mark style, spacing and
      contractions ("don't"/"do not") are set aside;
    * ``trimmed``: one rendering only leaves words out at its start or end, or where
      it marks the cut with an ellipsis ("…");
    * ``altered_quote``: both renderings are in quotation marks (direct, or the quoted
      part of a mixed quotation) and a phrase inside the marks differs: a word with
      meaning of its own replaced, left out or added (a negation always counts); not
      a mere spelling of a name ("Kiev"/"Kyiv"), not one word in another grammatical
      form ("saying"/"said") and not only small words ("or"/"and");
    * ``minor``: only small words ("or"/"and", "the"/"a"), spellings or grammatical
      forms differ: no finding says "in different words" for these;
    * ``reworded``: any other difference in the words.

    >>> classify_change("this is the prudent thing to do", "This is a wise thing to do.", "direct", "direct")
    Change(change='altered_quote', phrase_a='is the prudent thing', phrase_b='is a wise thing')
    >>> classify_change("a diplomatic path remains open", "The diplomatic road remains open", "indirect", "direct").change
    'reworded'
    """
    ua, ub = _units(a), _units(b)
    opcodes = _opcodes(ua, ub)
    changes = [(n, op) for n, op in enumerate(opcodes) if op[0] != "equal"]
    if not changes:
        return Change("same")
    qa, qb = _quoted_mask(a, kind_a, content_a), _quoted_mask(b, kind_b, content_b)
    last = len(opcodes) - 1
    trimmed_only, altered, meaningful = True, [], False
    for n, (op, i1, i2, j1, j2) in changes:
        edge = n in (0, last)
        marked = (op == "delete" and j1 < len(ub) and j1 > 0 and ub[j1].ellipsis_before) or \
                 (op == "insert" and i1 < len(ua) and i1 > 0 and ua[i1].ellipsis_before)
        if op != "replace" and (edge or marked):
            continue  # words left out at an edge or at a marked cut: a shorter quotation, not other words
        trimmed_only = False
        ka, kb = [u.key for u in ua[i1:i2]], [u.key for u in ub[j1:j2]]
        if op == "replace" and (_spelling_variant(ka, _show(a, ua[i1:i2]), kb, _show(b, ub[j1:j2]))
                                or _inflection(ka, kb)):
            continue
        keys = set(ka) | set(kb)
        if not (keys - _MINOR_WORDS or keys & _NEGATIONS):
            continue  # only small words
        meaningful = True
        # Inside the marks on both sides: the changed words, and for words left out or added,
        # the words on either side of the gap they leave.
        ia = range(i1, i2) if i2 > i1 else [i for i in (i1 - 1, i1) if 0 <= i < len(ua)]
        ib = range(j1, j2) if j2 > j1 else [j for j in (j1 - 1, j1) if 0 <= j < len(ub)]
        if all(qa[i] for i in ia) and all(qb[j] for j in ib):
            altered.append((op != "replace", -len(keys - _MINOR_WORDS), n, i1, i2, j1, j2))
    if altered:
        _, _, _, i1, i2, j1, j2 = min(altered)  # a replaced phrase first, the weightiest of those
        return Change("altered_quote", _show(a, ua[max(i1 - 1, 0):i2 + 1]), _show(b, ub[max(j1 - 1, 0):j2 + 1]))
    if trimmed_only:
        return Change("trimmed")
    return Change("reworded" if meaningful else "minor")


def align_quotes(quotes: pd.DataFrame, articles: pd.DataFrame, min_similarity: float = MIN_SIMILARITY) -> pd.DataFrame:
    """Pairs of attributions, from different outlets, of the same statement by the same speaker.

    ``quotes`` is the quotes table of a run (with ``article_id``); ``articles``
    gives each article's ``outlet``. One row per aligned sentence, columns
    :data:`PAIR_COLUMNS`; ``content_a``/``content_b`` are the aligned sentences,
    ``similarity`` is :func:`similarity`, ``diff`` is :func:`word_diff`, ``change``
    (same | trimmed | reworded | altered_quote) and ``phrase_a``/``phrase_b`` (the
    altered phrase as each outlet quotes it, else empty) are :func:`classify_change`.
    A pair with the ``same`` words stays in the table: the same remark, not other words.
    Speakers left unresolved (``resolved`` False, "he (unresolved)") are never paired, nor are
    quotes from articles of different stories (``articles``' ``story`` column, when it has one).

    >>> arts = pd.DataFrame({"article_id": ["a1", "b1"], "outlet": ["Sputnik", "VOI"]})
    >>> qs = pd.DataFrame({"article_id": ["a1", "b1"], "speaker": ["Antony Blinken"] * 2,
    ...     "kind": ["indirect", "direct"], "cue": ["saying", "said"],
    ...     "content": ["a diplomatic path remains open", "The diplomatic road remains open. It is simple."]})
    >>> align_quotes(qs, arts)[["outlet_a", "outlet_b", "change", "diff"]].values.tolist()
    [['Sputnik', 'VOI', 'reworded', '[a→The] diplomatic [path→road] remains open']]
    """
    outlets = articles.set_index("article_id")["outlet"].to_dict()
    table = quotes.dropna(subset=["speaker"]).copy()
    if "resolved" in table:  # "he (unresolved)" is nobody in particular: no pair across outlets
        table = table[table["resolved"].fillna(False).astype(bool)]
    table["outlet"] = table["article_id"].map(outlets)
    table = table.dropna(subset=["outlet"])
    table["speaker_key"] = table["speaker"].str.casefold()
    table["story"] = table["article_id"].map(story_of_articles(articles))
    # Only the quotes of one speaker in one story can report the same remark: each block is paired
    # on its own, and two articles of different stories are never compared.
    blocks: dict[tuple, list] = {}  # one itertuples over the table, not one per speaker
    for row in table.itertuples():
        blocks.setdefault((row.speaker_key, row.story), []).append(row)
    candidates = []
    for _, rows in sorted(blocks.items(), key=lambda g: g[0]):
        candidates.extend(_candidate_pairs(rows, min_similarity))
    candidates.sort(key=lambda c: (-c[0], c[1].Index, c[3].Index, c[2], c[4]))
    used_a, used_b, rows_out = set(), set(), []
    for score, qa, sa, qb, sb in candidates:
        key_a, key_b = (qa.Index, sa), (qb.Index, sb)
        if key_a in used_a or key_b in used_b:
            continue  # each sentence pairs once, with its best match
        used_a.add(key_a)
        used_b.add(key_b)
        found = classify_change(sa, sb, qa.kind, qb.kind, qa.content, qb.content)
        rows_out.append({
            "speaker": qa.speaker, "similarity": round(score, 3), "change": found.change, "diff": word_diff(sa, sb),
            "phrase_a": found.phrase_a, "phrase_b": found.phrase_b,
            "article_id_a": qa.article_id, "outlet_a": qa.outlet, "kind_a": qa.kind, "cue_a": qa.cue, "content_a": sa,
            "article_id_b": qb.article_id, "outlet_b": qb.outlet, "kind_b": qb.kind, "cue_b": qb.cue, "content_b": sb,
        })
    pairs = pd.DataFrame(rows_out, columns=PAIR_COLUMNS)
    return pairs.sort_values(["speaker", "similarity"], ascending=[True, False], kind="stable").reset_index(drop=True)


def _candidate_pairs(rows: list, min_similarity: float) -> list[tuple]:
    """``(score, quote_a, sentence_a, quote_b, sentence_b)`` for each pair of sentences, from quotes of
    two outlets in ``rows`` (one speaker's quotes in one story), that reads as the same remark.

    Two sentences are the same remark only when they share :data:`MIN_SHARED_WORDS` content words,
    so only pairs that share a word among the rarest of each are compared (prefix filtering: two
    sets sharing ``t`` words share one of each set's ``len - t + 1`` rarest, in any fixed order of the
    words). A speaker quoted a thousand times costs the pairs that share rare words, not a
    million difflib comparisons; the pairs found are exactly those of comparing every pair.
    """
    entries = [(quote, sentence, frozenset(_content_words(sentence)), len(_content_words(sentence)))
               for quote in rows for sentence in _sentences(quote.content)]
    entries = [e for e in entries if len(e[2]) >= MIN_SHARED_WORDS]
    frequency = Counter(word for entry in entries for word in entry[2])
    postings: dict[str, list[int]] = {}  # word -> the earlier entries with it among their rarest
    found = []
    for number, (quote, sentence, words, length) in enumerate(entries):
        rarest = sorted(words, key=lambda w: (frequency[w], w))[:len(words) - MIN_SHARED_WORDS + 1]
        earlier = {other for word in rarest for other in postings.get(word, ())}
        for word in rarest:
            postings.setdefault(word, []).append(number)
        for other in sorted(earlier):
            qx, sx, wx, nx = entries[other]
            if qx.outlet == quote.outlet or 2.0 * min(nx, length) / (nx + length) < min_similarity \
                    or len(wx & words) < MIN_SHARED_WORDS:
                continue  # (the length bound is difflib's real_quick_ratio: no ratio of such lengths reaches the bar)
            qy, sy = quote, sentence
            if qx.outlet > qy.outlet:  # a stable side for each outlet
                qx, sx, qy, sy = qy, sy, qx, sx
            score = similarity(sx, sy)
            if score >= min_similarity:
                found.append((score, qx, sx, qy, sy))
    return found
