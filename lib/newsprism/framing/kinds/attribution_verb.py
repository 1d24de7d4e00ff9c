"""Attribution verbs: the verb, noun or idiom that introduces what someone said, with its stance.

A cue the quotes stage found (``quotes.cue_start``) is taken as it is, with the
stance and speaker of its quotes row. The parse is read only for what that stage
does not give: flagged uses without a quotation ("claimed victory"), reporting
nouns ("Washington's claims"), "according to" without an attribution, and idioms
("doubling down").
"""

from __future__ import annotations

import functools

import pandas as pd
from spacy.tokens import Span, Token

from newsprism.framing.kinds.common import (Article, MarkerKind, actor_of, is_reporting_use, reporting_lemmas, speaker_of,
                                            span_row)
from newsprism.framing.lexicons import load_lexicon, packaged_index
from newsprism.quotes.attribution import cue_lemma, noun_phrase, stance_of
from newsprism.text.nlp import token_lemmas

NAME = "attribution_verb"
STANCE_EXPLANATIONS = {
    "neutral": "'{w}' reports the words without judging them.",
    "distancing": "'{w}' signals doubt where 'said' would be neutral.",
    "endorsing": "'{w}' presents what is reported as true, where 'said' would leave that open.",
    "emphatic": "'{w}' adds force to what is reported, where 'said' would be neutral.",
}


def _owners(token: Token) -> list[Token]:
    # "Washington's claims", "its claims"; not "'Imminent Threat' Claims", where a closing
    # quotation mark was parsed as a possessive.
    return [c for c in token.children if c.dep_ == "poss"
            and (c.tag_ == "PRP$" or any(g.dep_ == "case" and g.text in ("'s", "\u2019s") for g in c.children))]


def speaker_of_subject(token: Token) -> Span | None:
    """The subject of the verb a token belongs to, for idioms such as "doubling down"."""
    verb = token if token.pos_ in ("VERB", "AUX") else token.head
    return speaker_of(verb)


@functools.lru_cache(maxsize=1)
def _may_report() -> frozenset[str]:
    """The words a token's lemma or lower-case form must be for :func:`find` to give it a row.

    A reporting verb's lemma (:func:`cue_lemma`: the lexicon's verbs, "point" of "point out",
    "put" of "put it"), a reporting noun's (its plural too: ``find`` also tries the word less its
    last letter), and "according".
    """
    return reporting_lemmas("verb", "noun") | {"point", "put", "according"}


@functools.lru_cache(maxsize=1)
def _idioms() -> pd.DataFrame:
    # Read once: a copy of the lexicon per article costs more than finding its idioms.
    return load_lexicon("attribution_idioms", ("text", "stance", "explanation"))


def find(article: Article) -> list[dict]:
    """Reporting verbs, nouns ("Washington's claims") and idioms ("doubling down") with their stance.

    >>> from newsprism.text.nlp import parse
    >>> from newsprism.framing.kinds.common import Attributions
    >>> [(r["text"], r["category"]) for r in find(Article.build(parse("Moscow claimed victory."), Attributions()))]
    [('claimed', 'distancing')]
    """
    doc, where, cues = article.doc, article.where, article.attributions
    nouns = reporting_lemmas("noun")

    def about(span: Span, speaker) -> str:
        # the actor the quotes stage resolved for this cue, else its mention there, else the parse's subject
        start = span.start_char
        if start in cues.speakers:
            return cues.speakers[start]
        if start in cues.mentions:
            return actor_of(doc.char_span(*cues.mentions[start], alignment_mode="expand"))
        return actor_of(speaker())

    rows = []
    # The words as strings first: a Token only for a word that may add a row (see _may_report).
    may_report, lemmas, lowers = _may_report(), token_lemmas(doc), article.lowers
    for i, lower in enumerate(lowers):
        lemma = lemmas[i].lower()
        if lemma not in may_report and lower not in may_report and lemma[:-1] not in nouns and lower[:-1] not in nouns:
            continue
        token = doc[i]
        lemma = cue_lemma(token)
        stance = ""
        if lemma:
            stance = cues.stances.get(token.idx) or stance_of(lemma, "phrase" if " " in lemma else "verb") or "neutral"
        if lemma and (token.idx in cues.cue_starts or is_reporting_use(token, lemma, stance, where)):
            words = [token] + [c for c in token.children if c.dep_ == "prt" and " " in lemma]
            span = doc[min(t.i for t in words) : max(t.i for t in words) + 1]
            rows.append(span_row(NAME, span, stance, STANCE_EXPLANATIONS[stance].format(w=span.text),
                                 "reporting_verbs.csv", where, about(span, lambda: speaker_of(token)), stance != "neutral"))
            continue
        if token.pos_ in ("NOUN", "PROPN") or (where == "headline" and token.is_alpha):
            noun_lemma = token.lemma_.lower() if token.pos_ == "NOUN" else token.lower_
            if noun_lemma not in nouns and noun_lemma[:-1] not in nouns:
                continue
            stance = stance_of(noun_lemma, "noun")
            if stance is None:
                continue
            owners = _owners(token)
            if stance == "neutral" and not owners:
                continue  # "a report", "the statement": only a cue when someone owns it
            span = doc[min([token.i] + [o.left_edge.i for o in owners]) : token.i + 1]
            rows.append(span_row(NAME, span, stance,
                                 STANCE_EXPLANATIONS[stance].format(w=token.text).replace("'said'", "'statement'"),
                                 "reporting_verbs.csv (noun)", where,
                                 about(span, lambda: noun_phrase(owners[0]) if owners else None), stance != "neutral"))
        elif token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            span = doc[token.i : token.i + 2]
            objs = [c for c in doc[token.i + 1].children if c.dep_ == "pobj"]
            rows.append(span_row(NAME, span, "neutral", STANCE_EXPLANATIONS["neutral"].format(w=span.text),
                                 "reporting_verbs.csv", where, about(span, lambda: noun_phrase(objs[0]) if objs else None), False))
    for match in packaged_index("attribution_idioms").find(doc, article.lowers):
        entry = _idioms().iloc[match.row]
        span = doc[match.start : match.end]
        rows.append(span_row(NAME, span, entry["stance"], entry["explanation"], "attribution_idioms.csv", where,
                             about(span, lambda: speaker_of_subject(span.root)), entry["stance"] != "neutral"))
    return rows


# The speaker's own verb inside a quotation is not the outlet's choice.
KIND = MarkerKind(NAME, find, in_quote="unflag")
