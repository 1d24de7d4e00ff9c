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
import re

import pandas as pd

from newsprism.text.quote_spans import AMBIGUOUS, DOUBLE_MARKS, OPENING, SINGLE_CLOSERS, SINGLE_OPENERS

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
    "speaker", "similarity", "diff",
    "article_id_a", "outlet_a", "kind_a", "cue_a", "content_a",
    "article_id_b", "outlet_b", "kind_b", "cue_b", "content_b",
]


def _sentences(content: str) -> list[str]:
    parts = [p.strip(_SENTENCE_EDGES) for p in _SENTENCE_END.split(content or "")]
    return [p for p in parts if len(_WORD.findall(p)) >= 2]


def _content_words(sentence: str) -> list[str]:
    words = [w.lower().replace("’", "'") for w in _WORD.findall(sentence)]
    return [w for w in words if w not in _FUNCTION_WORDS]


def similarity(a: str, b: str) -> float:
    """How alike two reported sentences are, 0 to 1 (difflib ratio over content words).

    >>> round(similarity("a diplomatic path remains open", "The diplomatic road remains open"), 2)
    0.75
    """
    wa, wb = _content_words(a), _content_words(b)
    if not wa or not wb:
        return 0.0
    return difflib.SequenceMatcher(None, wa, wb, autojunk=False).ratio()


def word_diff(a: str, b: str, context: int = 1) -> str:
    """The words that differ between two renderings of one statement.

    ``[x→y]`` x replaced by y, ``[-x]`` only in a, ``[+y]`` only in b; unchanged
    runs of more than three words keep ``context`` words beside each change and
    are otherwise shown as "…".

    >>> word_diff("The risk is high enough and this is the prudent thing to do",
    ...           "The risk is high and this is a wise thing to do")
    '… high [-enough] and this is [the prudent→a wise] thing to do'
    """
    wa, wb = a.split(), b.split()
    key_a = [re.sub(r"\W", "", w).lower() for w in wa]
    key_b = [re.sub(r"\W", "", w).lower() for w in wb]
    out: list[str] = []
    opcodes = difflib.SequenceMatcher(None, key_a, key_b, autojunk=False).get_opcodes()
    for n, (op, i1, i2, j1, j2) in enumerate(opcodes):
        if op == "equal":
            words = wa[i1:i2]
            head = words[:context] if n > 0 else []
            tail = words[-context:] if n < len(opcodes) - 1 and context else []
            if len(words) <= max(3, len(head) + len(tail)):
                out.extend(words)
            else:
                out.extend(head + ["…"] + tail)
        elif op == "replace":
            out.append(f"[{' '.join(wa[i1:i2])}→{' '.join(wb[j1:j2])}]")
        elif op == "delete":
            out.append(f"[-{' '.join(wa[i1:i2])}]")
        else:
            out.append(f"[+{' '.join(wb[j1:j2])}]")
    text = " ".join(out)
    return re.sub(r"(… )+…", "…", text).strip() or "(same words)"


def align_quotes(quotes: pd.DataFrame, articles: pd.DataFrame, min_similarity: float = MIN_SIMILARITY) -> pd.DataFrame:
    """Pairs of attributions, from different outlets, of the same statement by the same speaker.

    ``quotes`` is the quotes table of a run (with ``article_id``); ``articles``
    gives each article's ``outlet``. One row per aligned sentence, columns
    :data:`PAIR_COLUMNS`; ``content_a``/``content_b`` are the aligned sentences,
    ``similarity`` is :func:`similarity`, ``diff`` is :func:`word_diff`.

    >>> arts = pd.DataFrame({"article_id": ["a1", "b1"], "outlet": ["Sputnik", "VOI"]})
    >>> qs = pd.DataFrame({"article_id": ["a1", "b1"], "speaker": ["Antony Blinken"] * 2,
    ...     "kind": ["indirect", "direct"], "cue": ["saying", "said"],
    ...     "content": ["a diplomatic path remains open", "The diplomatic road remains open. It is simple."]})
    >>> align_quotes(qs, arts)[["outlet_a", "outlet_b", "diff"]].values.tolist()
    [['Sputnik', 'VOI', '[a→The] diplomatic [path→road] remains open']]
    """
    outlets = articles.set_index("article_id")["outlet"].to_dict()
    table = quotes.dropna(subset=["speaker"]).copy()
    if "resolved" in table:  # "he (unresolved)" is nobody in particular: no pair across outlets
        table = table[table["resolved"].fillna(False).astype(bool)]
    table["outlet"] = table["article_id"].map(outlets)
    table = table.dropna(subset=["outlet"])
    table["speaker_key"] = table["speaker"].str.casefold()
    candidates = []
    for _, group in table.groupby("speaker_key", sort=True):
        rows = list(group.itertuples())
        for i, qa in enumerate(rows):
            for qb in rows[i + 1:]:
                if qa.outlet == qb.outlet:
                    continue
                if qa.outlet > qb.outlet:  # a stable side for each outlet
                    qa_, qb_ = qb, qa
                else:
                    qa_, qb_ = qa, qb
                for sa in _sentences(qa_.content):
                    for sb in _sentences(qb_.content):
                        shared = set(_content_words(sa)) & set(_content_words(sb))
                        if len(shared) < MIN_SHARED_WORDS:
                            continue
                        score = similarity(sa, sb)
                        if score >= min_similarity:
                            candidates.append((score, qa_, sa, qb_, sb))
    candidates.sort(key=lambda c: (-c[0], c[1].Index, c[3].Index, c[2], c[4]))
    used_a, used_b, rows_out = set(), set(), []
    for score, qa, sa, qb, sb in candidates:
        key_a, key_b = (qa.Index, sa), (qb.Index, sb)
        if key_a in used_a or key_b in used_b:
            continue  # each sentence pairs once, with its best match
        used_a.add(key_a)
        used_b.add(key_b)
        rows_out.append({
            "speaker": qa.speaker, "similarity": round(score, 3), "diff": word_diff(sa, sb),
            "article_id_a": qa.article_id, "outlet_a": qa.outlet, "kind_a": qa.kind, "cue_a": qa.cue, "content_a": sa,
            "article_id_b": qb.article_id, "outlet_b": qb.outlet, "kind_b": qb.kind, "cue_b": qb.cue, "content_b": sb,
        })
    pairs = pd.DataFrame(rows_out, columns=PAIR_COLUMNS)
    return pairs.sort_values(["speaker", "similarity"], ascending=[True, False], kind="stable").reset_index(drop=True)
