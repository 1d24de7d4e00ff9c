"""Partial quotations: a few of a speaker's words in quotation marks inside the writer's own sentence.

'Blinken claimed that the "high enough" risk ...': the marks show that "high
enough" are Blinken's words, not the writer's. The outlet chooses which words to
pick out, and beside a verb like "claimed" they can hold the speaker's words at a
distance; they are not the writer's own distancing (a scare quote). ``about``
names the speaker: the one the quotes stage found for the reporting verb, else
the subject the parse gives it. Words that a speaker is quoted saying elsewhere in
the text are that speaker's too (category "words quoted elsewhere"). Fragments whose
speaker cannot be found are left out rather than guessed.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsprism.framing.kinds.common import Article, MarkerKind, actor_of, row, speaker_of
from newsprism.framing.kinds.scare_quote import quoted_readings
from newsprism.quotes.attribution import noun_phrase

NAME = "partial_quote"
EXPLANATIONS = {
    "fragment in reported speech": ("{w}: words of {who}, picked out in quotation marks inside the writer's summary of "
                                    "what was said. Which words an outlet picks out, and the verb beside them, can make "
                                    "them sound doubtful; they are not the writer's own scare quotes."),
    "quoted label": "{w}: the word {who} used for it, in quotation marks; the writer reports the label without adopting it.",
    "words quoted elsewhere": ("{w}: words that {who} is quoted saying elsewhere in the article, repeated in quotation "
                               "marks; they are the speaker's words, not the writer's own scare quotes."),
}


def _speaker(cue: Token) -> Span | None:
    """Who speaks through a reporting verb or noun, from the parse."""
    if cue.pos_ == "NOUN":
        # "Washington's claims", "his claim"; not "'Imminent Threat' Claims", where a closing mark was read as a possessive
        owners = [c for c in cue.children if c.dep_ == "poss" and (c.tag_ == "PRP$" or any(
            g.dep_ == "case" and g.text in ("'s", "\u2019s") for g in c.children))]
        if owners:
            return noun_phrase(owners[0])
        verb = cue.head
        for _ in range(6):  # "doubling down on 'Imminent Threat' claims": the claims of the one doubling down
            if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
                break
            verb = verb.head
        return speaker_of(verb) if verb.pos_ in ("VERB", "AUX") else None
    if cue.lower_ == "according":
        objs = [c for c in cue.doc[cue.i + 1].children if c.dep_ == "pobj"] if cue.i + 1 < len(cue.doc) else []
        return noun_phrase(objs[0]) if objs else None
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in cue.children) or (cue.dep_ == "acl" and cue.tag_ == "VBN"):
        # 'was described as "incidental"', 'a group labeled "birthers"': only an agent ("by ...") speaks
        agents = [o for a in cue.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"]
        return noun_phrase(agents[0]) if agents else None
    return speaker_of(cue)


def find(article: Article) -> list[dict]:
    """Partial quotations, each with its speaker in ``about``.

    >>> from newsprism.text.nlp import parse
    >>> from newsprism.framing.kinds.common import Attributions
    >>> doc = parse('Blinken said the risk was "high enough".')
    >>> [(r["text"], r["about"]) for r in find(Article.build(doc, Attributions()))]
    [('"high enough"', 'Blinken')]
    """
    doc, text, cues = article.doc, article.text, article.attributions
    rows = []
    for reading in quoted_readings(article):
        if reading.kind != NAME:
            continue
        cue = reading.cue
        if cue.idx in cues.speakers:
            who = cues.speakers[cue.idx]
        elif cue.idx in cues.mentions:
            who = actor_of(doc.char_span(*cues.mentions[cue.idx], alignment_mode="expand"))
        else:
            said_by = _speaker(cue)
            who = actor_of(said_by)
            if said_by is not None and (who not in said_by.text or said_by.text.lower() == f"the {who.lower()}"):
                who = said_by.text  # the entity ran past the speaker ("Blinken Explains US Embassy"); "the West"
        if not who:
            continue  # someone's words, but nobody the text names: neither the writer's nor a known speaker's
        frag = reading.fragment
        quoted = text[frag.start : frag.end]
        rows.append(row(NAME, quoted, frag.start, frag.end, reading.category,
                        EXPLANATIONS[reading.category].format(w=quoted, who=who), "scare_quotes rule", article.where, who))
    return rows


KIND = MarkerKind(NAME, find)
