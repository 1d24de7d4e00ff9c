"""Names and figures only some outlets use: the selection findings a reader can check.

A sentence-level "only X reports <fact>" needs to know that no other outlet tells the
same fact in other words; word overlap cannot know that ("$4 billion for police" and
"$4 billion for 15,000 cops" are one fact), and a hand check of such findings on
stories the rules were not written on found most of them partly false. What can be
checked is narrower and still tells a reader what each outlet chose to include:

* **only X mentions** a person (with a full name), organisation or figure that X writes
  outside quotation marks: no other outlet's article names it in any spelling (surname,
  acronym, demonym), speaks of the person by a title alone ("the senator"), or gives the
  same figure (within 10 %, written in digits or words);
* **every outlet except X mentions** it: each other outlet names it, and X's article
  does not, in any form.

Each candidate comes from the sentence alignment's names and numbers
(:func:`newsprism.compare.align.sentence_terms`); each is then checked against the
articles' raw text by :func:`newsprism.compare.verify.mention_found`, the same check
the findings' verification runs, so a name another outlet writes differently
(a nickname's surname, "CBO" for "Congressional Budget Office") is never "only".
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections import Counter, namedtuple

import numpy as np
import pandas as pd

from newsprism.compare.verify import (RawText, is_generic_name, mention_found, number_value, person_titles,
                                      title_reference)
from newsprism.entities.actors import person_key, without_affiliation
from newsprism.entities.mentions import first_names, is_title_word
from newsprism.ingest.stories import for_each_story, several_stories, story_rows
from newsprism.text.quote_spans import scan_quotes

__all__ = ["MENTION_COLUMNS", "english_outlets", "exclusive_mentions"]

MENTION_COLUMNS = ["outlet", "relation", "term", "kind", "label", "shown", "mentions", "salience", "forms",
                   "value", "titles", "evidence"]

#: Which names count. Dates, years and nationality adjectives are left out: a day of the
#: week or "American" is no choice of what to report. So are places: an article that names
#: Miami has not left out Florida, and a place in someone's description ("Ron Paul of
#: Texas") is no place the story reports on; hand checks found most listed places
#: misleading for one of these reasons, and no text check can see the first.
_LABELS = {"PERSON", "ORG", "EVENT", "LAW", "WORK_OF_ART", "PRODUCT", "NUM"}
#: What a reader cares about first: people, then figures, then organisations and places.
_WEIGHT = {"PERSON": 1.5, "NUM": 1.25, "ORG": 1.0, "LAW": 1.0, "EVENT": 1.0}
#: A figure below this is a small count ("two senators") that other outlets write in
#: words or leave implicit; it is no telling detail.
MIN_FIGURE = 10
_SCALE_WORDS = r"thousand|million|billion|trillion|percent|per cent"
_SCALE_AFTER = re.compile(rf"(?:\s*(?:{_SCALE_WORDS})\b|\s*%)?", re.IGNORECASE)
_NEXT_WORD = re.compile(r"\s+([A-Za-z][A-Za-z-]*)")
_PLURALS = {"people", "women", "men", "children", "police", "staff", "personnel"}
#: Words ending in "s" after a figure that are no plural nouns ("$400,000 has").
_NOT_COUNTED = {"has", "was", "is", "does", "says", "seems", "comes", "goes", "this", "his", "its", "as", "us", "plus",
                "less", "across", "always", "perhaps", "thus", "unless", "whereas", "yes", "gets", "makes", "means"}
# A capitalised word right before a number makes it part of a name ("Project 21", "Title 9"); a
# month or a sentence's first word does not.
_NAME_BEFORE = re.compile(r"(?<![.!?]\s)(?<!^)\b(?!(?:January|February|March|April|May|June|July|August|September|"
                          r"October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|The|In|On|By|Of|"
                          r"About|Some|Nearly|Almost|Over|Under|Only|All)\b)[A-Z][a-z]+\s$")
# "a 911 caller", "a 747 jet": after "a" a bare number names a thing (a phone number, a model) instead of
# counting; "a $5 million fine" and "a 10 percent cut" keep their currency sign or scale word.
_ONE_THING_BEFORE = re.compile(r"\b[Aa]n?\s+$")
_AMOUNT = re.compile(rf"[$£€%]|\b(?:{_SCALE_WORDS})\b", re.IGNORECASE)
_NOT_NAME_CHARACTERS = re.compile(r"[^\w\s.&'’-]")


def _figure(body: str, start: int, end: int) -> tuple[str, int, int]:
    """A number as a reader would quote it: currency sign, scale word and the noun it counts.

    >>> _figure("He sent 100,000 troops there.", 8, 15)
    ('100,000 troops', 8, 22)
    >>> _figure("It cut $716 billion from Medicare.", 8, 11)
    ('$716 billion', 7, 19)
    """
    if start > 0 and body[start - 1] in "$£€":
        start -= 1
    end += _SCALE_AFTER.match(body, end).end() - end
    after = _NEXT_WORD.match(body, end)
    # The thing counted, when the next word plainly is one ("troops", "people"); not "19 separate".
    word = after.group(1) if after else ""
    if word[:1].islower() and word not in _NOT_COUNTED and (word.endswith("s") and not word.endswith("ss")
                                                            or word in _PLURALS):
        end = after.end()
    return body[start:end].strip(), start, end


def _joined(names: list[dict], body: str) -> list[dict]:
    """A given name and the name after it as one ("Yury" + "Ushakov" -> "Yury Ushakov", keyed by the surname).

    spaCy sometimes tags a Russian given name apart from its surname; "Foreign Affairs" before
    "Chung Eui-yong" is no part of his name, so only a known given name or two person names join.
    """
    joined: list[dict] = []
    for name in sorted(names, key=lambda n: n["start"]):
        last = joined[-1] if joined else None
        if last and name["kind"] == last["kind"] == "name" and body[last["end"]:name["start"]] == " " \
                and (last["text"] in first_names() or last["label"] == name["label"] == "PERSON"):
            label = "PERSON" if "PERSON" in {last["label"], name["label"]} else name["label"]
            joined[-1] = {**name, "start": last["start"], "label": label, "text": body[last["start"]:name["end"]]}
        else:
            joined.append(name)
    return joined


def _without_repeats(rows: list[dict]) -> list[int]:
    """The positions of ``rows`` to keep, in order: one row per thing named ("OSCE" is left out when
    the outlet's longer row spells it out, as is "Europe").

    >>> rows = [{"relation": "only", "outlet": "X", "kind": "name", "label": "ORG", "shown": s,
    ...          "forms": json.dumps([s]), "value": None} for s in ("NATO", "Europe", "OSCE",
    ...          "Organization for Security and Co-operation in Europe")]
    >>> _without_repeats(rows)
    [0, 3]
    """
    # The rows of each (relation, outlet), in the order the groups first appear (a groupby
    # without sorting, which leaves out a missing outlet).
    groups: dict[tuple, list[int]] = {}
    for i, row in enumerate(rows):
        if not pd.isna(row["relation"]) and not pd.isna(row["outlet"]):
            groups.setdefault((row["relation"], row["outlet"]), []).append(i)
    keep = []
    for members in groups.values():
        # Longest shown first, ties in the order of pandas' sort_values(ascending=False), whose
        # steps these are: the rows of a small table, without a DataFrame per group.
        lengths = np.array([len(rows[i]["shown"]) for i in members], dtype=np.int64)
        ordered = np.array(members)[::-1][lengths[::-1].argsort(kind="quicksort")][::-1]
        kept: list[tuple[str, str]] = []  # (kind, shown) of the rows kept
        for i in ordered.tolist():
            row = rows[i]
            kind, shown = row["kind"], row["shown"]
            item = {"kind": kind, "label": row["label"], "forms": json.loads(row["forms"]), "value": row["value"]}
            if kind == "name" and any(k == "name" and mention_found(item, s) for k, s in kept):
                continue
            kept.append((kind, shown))
            keep.append(i)
    return sorted(keep)


# Capital letters right before the name of a body or a programme, part of it though spaCy left them out
# ("KBFX Eyewitness News").
_CALL_LETTERS_BEFORE = re.compile(r"\b[A-Z]{3,5} $")


# One sentence of the alignment, the fields _candidates reads.
_Sentence = namedtuple("_Sentence", "outlet article_id key_terms sent_start sent_end")


def _candidates(alignment: pd.DataFrame, bodies: dict[object, str]) -> list[dict]:
    """One row per (outlet, name or figure) with its forms as written, mention count and first sentence."""
    rows = []
    quotations: dict[object, list[tuple[int, int]]] = {}
    # A sentence's first word that any article of the run writes in lower case is a common word
    # ("Local Republican Party affiliates"), even when the article that capitalises it never does.
    run_text = "\n".join(str(b) for b in bodies.values())
    # Each sentence once (the alignment has a row per other outlet), read as plain columns.
    seen: set[tuple] = set()
    for article_id, number, outlet, key_terms, sent_start, sent_end in zip(
            alignment.article_id, alignment.sentence, alignment.outlet, alignment.key_terms, alignment.sent_start,
            alignment.sent_end):
        if (article_id, number) in seen:
            continue
        seen.add((article_id, number))
        sent = _Sentence(outlet, article_id, key_terms, sent_start, sent_end)
        body = bodies.get(sent.article_id, "")
        if sent.article_id not in quotations:
            quotations[sent.article_id] = [(q.start, q.end) for q in scan_quotes(body)]
        for name in _joined(json.loads(sent.key_terms or "[]"), body):
            if name["kind"] not in {"name", "number"} or name.get("label") not in _LABELS:
                continue
            if name["kind"] == "number":
                if body[name["end"]:name["end"] + 1] in "/-" or body[max(name["start"] - 1, 0):name["start"]] in "/-":
                    continue  # part of a date, a score or a name ("9/11", "2-1"), not a figure
                if _NAME_BEFORE.search(body[max(name["start"] - 30, 0):name["start"]]):
                    continue  # part of a name ("Project 21", "Chapter 11"), not a figure
                shown, start, end = _figure(body, name["start"], name["end"])
                if _ONE_THING_BEFORE.search(body, max(start - 4, 0), start) and not _AMOUNT.search(shown):
                    continue  # "a 911 caller": a number naming a thing, not a figure
                value = number_value(shown)
                if value is None or value < MIN_FIGURE:
                    continue
                term = f"#{value:g}"
            else:
                shown, start, end, value = name["text"], name["start"], name["end"], None
                term = name["term"]
                letters = None if name["label"] == "PERSON" else \
                    _CALL_LETTERS_BEFORE.search(body, max(start - 8, 0), start)
                if letters:
                    # "KBFX Eyewitnesses News": the station's letters are the name other outlets use
                    shown, start = body[letters.start():end], letters.start()
                after = _NEXT_WORD.match(body, end)
                title = after and (is_title_word(after.group(1)) or is_title_word(after.group(1) + "."))
                if name["label"] in {"GPE", "LOC", "NORP"} and title:
                    continue  # part of someone's title ("the former Alaska Gov. Sarah Palin"), not a place named
                if name["label"] == "ORG" and after and is_title_word(after.group(1), ("title",)):
                    # a body named only as part of someone's job ("DNC Communications Director
                    # Brad Roe"): a reader meets the person, not a choice to cover the body
                    continue
            rows.append({"outlet": sent.outlet, "article_id": sent.article_id, "term": term, "kind": name["kind"],
                         "label": name["label"], "text": shown, "value": value, "start": start, "end": end,
                         "first": not body[int(sent.sent_start):start].strip(" \"“‘'"),
                         "quoted": any(q_start <= start < q_end for q_start, q_end in quotations[sent.article_id]),
                         "lower_first": _written_lower(shown.split()[0], run_text) if name["kind"] == "name" else False,
                         "sent_start": int(sent.sent_start), "sent_end": int(sent.sent_end)})
    return rows


@functools.lru_cache(maxsize=4096)
def _written_lower(word: str, body: str) -> bool:
    """Whether the article writes ``word`` in lower case somewhere: a common word, not a name's.

    >>> _written_lower("Local", "Local Republican Party affiliates met. The local party agreed.")
    True
    """
    lower = word.lower()
    # The plain string first: a name is seldom in the body in lower case, and its pattern costs more than the look.
    return word[:1].isupper() and lower in body and re.search(rf"(?<![\w.]){re.escape(lower)}(?!\w)", body) is not None


def _shown(forms: list[str], label: str) -> str:
    """The fullest written form: "Olaf Scholz" rather than "Scholz"; "Mitt Romney", not "Republican Mitt Romney".

    >>> _shown(["Romney", "Republican Mitt Romney"], "PERSON")
    'Mitt Romney'
    """
    if label != "PERSON":
        return forms[0]
    fullest = max(forms, key=lambda f: (len(f.split()), len(f)))
    return " ".join(without_affiliation(fullest.split()))


def _evidence(row: dict, bodies: dict[object, str]) -> dict:
    """The sentence of one mention, as evidence."""
    return {"article_id": row["article_id"], "start": row["sent_start"], "end": row["sent_end"],
            "text": bodies[row["article_id"]][row["sent_start"]:row["sent_end"]]}


def _is_name_worth_stating(rows: list[dict]) -> bool:
    """Whether the outlet's own words name it clearly enough to say it chose to report it.

    Only what the outlet writes outside quotation marks counts: a figure in a heckler's
    quip or a name in a quoted slogan is the speaker's, not the outlet's choice. A person
    needs a full name somewhere ("Sandi" or "Davis" alone may be someone the other
    articles name in full); a lone capitalised word, said once, is too often a stray word
    ("Furious", "Theology").
    """
    if all(r["quoted"] for r in rows):
        return False
    if rows[0]["kind"] == "number":
        return True
    forms = [r["text"] for r in rows]
    if any(r["label"] == "PERSON" for r in rows) and not any(len(f.split()) > 1 for f in forms):
        return False
    if len(rows) == 1 and len(forms[0].split()) == 1 and not forms[0].isupper():
        return False
    # A scrap of text is no name: "W]e", "Windsor $363,053", "lesbian group", "SC"; nor is "the Senate".
    if any(not f[:1].isupper() or _NOT_NAME_CHARACTERS.search(f) or len(f.replace(".", "")) <= 2
           or is_generic_name(f) for f in forms):
        return False
    if all(len(f.split()) == 1 for f in forms) and len(rows) == 1 and rows[0]["first"]:
        return False  # a capital at a sentence's start is no sign of a name ("Batting .300, he ...")
    if all(r["first"] and r["lower_first"] for r in rows):
        return False  # "Local Republican Party affiliates": the sentence's first word taken into the name
    if all(len(f.split()) == 1 for f in forms):
        # "Calif." or "Mo." (abbreviations other articles spell out), "Joe" or "Stacy" (a person
        # called by a first name, whose full name the other articles may well use).
        if any(f.endswith(".") or not f[:1].isupper() or f in first_names() for f in forms):
            return False
    return any(r["label"] != "PROPN" for r in rows) or len(rows) > 1 or any(len(f.split()) > 1 for f in forms)


def names_two_people(forms: list[str]) -> bool:
    """Do these forms of one surname name two people ("Ed Schultz", "Debbie Wasserman Schultz")?

    Nicknames, initials and titles do not make two people ("Bill Clinton", "William J. Clinton"), nor
    a middle name that one outlet uses alone ("Byron Todd Jones", "Todd Jones").

    >>> names_two_people(["Ed Schultz", "Debbie Wasserman Schultz"])
    True
    >>> names_two_people(["Bill Clinton", "President William J. Clinton", "Clinton"])
    False
    >>> names_two_people(["Byron Todd Jones", "Todd Jones"])
    False
    """
    given = [names for names in map(_given_names, forms) if names]
    return any(not (a & b) for i, a in enumerate(given) for b in given[i + 1:])


def _given_names(form: str) -> set[str]:
    """The given names a form of a person's name holds, nicknames made formal ("Byron Todd Jones": byron, todd)."""
    words = form.split()
    keys = (person_key(" ".join(words[i:])) for i in range(len(words) - 1))
    return {key[0] for key in keys if key and key[0]}


def english_outlets(articles: pd.DataFrame) -> list[str]:
    """The outlets with an article in English (all of them when the table does not say).

    >>> english_outlets(pd.DataFrame({"outlet": ["A", "B"], "english": [True, False]}))
    ['A']
    """
    if "english" not in articles:
        return list(dict.fromkeys(articles.outlet))
    english = articles.english.astype("boolean").fillna(True).astype(bool)
    return list(dict.fromkeys(articles.outlet[english]))


def exclusive_mentions(alignment: pd.DataFrame, articles: pd.DataFrame, raw: RawText | None = None,
                       workers: int = 1, several: bool | None = None) -> pd.DataFrame:
    """Names and figures only one outlet uses, and (three or more outlets) those all but one use.

    ``alignment`` is :func:`newsprism.compare.align.align_sentences`'s table; ``articles``
    needs ``article_id``, ``outlet`` and ``body`` (``headline`` is searched too). A row is
    kept only when the raw text agrees: for ``relation`` ``only``, no other outlet's
    text has the name or figure in any form; for ``all_but``, ``outlet``'s text (the
    outlet that leaves it out) has none. Articles not in English (an ``english`` column)
    are left out of the comparison: a translation writes names its own way.

    Columns: ``outlet``, ``relation`` (``only`` or ``all_but``), ``term`` (the key),
    ``kind`` (``name`` or ``number``), ``label``, ``shown`` (as a reader would write it),
    ``mentions`` (sentences naming it: in ``outlet`` for ``only``, the fewest of any other
    outlet for ``all_but``), ``salience`` (weight by label times 1 + ln(mentions)),
    ``forms`` and ``value`` (what the raw-text check looks for) and ``evidence`` (JSON:
    the first sentence naming it in each outlet that does).

    >>> import pandas as pd
    >>> from newsprism.compare.align import align_sentences
    >>> from newsprism.text.nlp import parse
    >>> bodies = ["Russia has 100,000 troops near Ukraine, NATO said.",
    ...           "Russia has troops near Ukraine. Olaf Scholz will visit Moscow."]
    >>> arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"], "body": bodies})
    >>> table = exclusive_mentions(align_sentences(arts, [parse(b) for b in bodies]), arts)
    >>> table[["outlet", "relation", "shown"]].values.tolist()
    [['X', 'only', '100,000 troops'], ['X', 'only', 'NATO'], ['Y', 'only', 'Olaf Scholz']]

    ("Moscow" is no name of its own here: it stands for Russia, which both name.)

    Outlets are compared within each story (the articles' ``story`` column): "only X" means only
    X of the outlets telling that story. When the articles hold more than one story, the table
    starts with a ``story`` column; with many stories, ``workers`` processes search them at once
    (:func:`newsprism.ingest.stories.for_each_story`: the same table; ``several`` as there).
    """
    if not several_stories(story_rows(articles), several):
        return _story_mentions(alignment, articles, raw)
    # ``raw`` holds every article of the run: each story is checked against its own articles only.
    # A story of one outlet has nothing "only" one outlet names: it is not searched.
    return for_each_story(articles, _mentions_of_story, alignment, min_outlets=2, workers=workers, several=True)


def _mentions_of_story(articles: pd.DataFrame, alignment: pd.DataFrame) -> pd.DataFrame:
    """:func:`_story_mentions` in :func:`for_each_story`'s order of arguments (a module's function: picklable)."""
    return _story_mentions(alignment, articles, None)


def _story_mentions(alignment: pd.DataFrame, articles: pd.DataFrame, raw: RawText | None) -> pd.DataFrame:
    """:func:`exclusive_mentions` of the articles of one story."""
    raw = raw if raw is not None else RawText(articles)
    bodies = dict(zip(articles.article_id, articles.body.fillna("")))
    outlets = english_outlets(articles)
    # A translation writes names its own way ("Moscú"): only articles in English are compared.
    alignment = alignment[alignment.outlet.isin(outlets)]
    if alignment.empty or len(outlets) < 2:
        return pd.DataFrame(columns=MENTION_COLUMNS)
    by_term: dict[str, list[dict]] = {}
    for row in _candidates(alignment, bodies):
        by_term.setdefault(row["term"], []).append(row)
    found_rows = []
    for term, rows in by_term.items():
        users = list(dict.fromkeys(r["outlet"] for r in rows))
        if len(users) == 1:
            relation, subject, others = "only", users[0], [o for o in outlets if o != users[0]]
        elif len(outlets) >= 3 and len(users) == len(outlets) - 1:
            relation, subject, others = "all_but", next(o for o in outlets if o not in users), users
        else:
            continue
        labels = Counter(r["label"] for r in rows)
        label = min(labels, key=lambda lab: (-labels[lab], lab))  # the most frequent, the first on a tie
        forms = list(dict.fromkeys(r["text"] for r in rows))
        if label == "PERSON" and names_two_people(forms):
            continue  # which outlet names which of two people with one surname, the count cannot say
        kind = rows[0]["kind"]
        item = {"term": term, "kind": kind, "label": label, "forms": forms,
                "value": rows[0]["value"] if kind == "number" else None}
        if not _is_name_worth_stating(rows if relation == "only" else [r for r in rows if r["outlet"] == users[0]]):
            continue
        # The raw text decides: a spelling, surname, acronym or figure the parse did not see.
        if relation == "only" and any(mention_found(item, text) for o in others for text in raw.of_outlet(o)):
            continue
        if relation == "all_but" and any(mention_found(item, text) for text in raw.of_outlet(subject)):
            continue
        # A person an article speaks of by title alone ("the president", "a spokesman for the
        # county") may be there without the name: absent or not, the text cannot say.
        titles = person_titles(forms, [t for o in outlets for t in raw.of_outlet(o)]) if label == "PERSON" else []
        unnamed_in = others if relation == "only" else [subject]
        if titles and any(title_reference(titles, text) for o in unnamed_in for text in raw.of_outlet(o)):
            continue
        sentences: dict[str, dict[tuple, dict]] = {}  # per outlet, its sentences naming it, in order
        for r in rows:
            sentences.setdefault(r["outlet"], {}).setdefault((r["article_id"], r["sent_start"]), r)
        mentions = min(len(v) for v in sentences.values())
        salience = _WEIGHT.get(label, 0.75) * (1.0 + math.log(max(mentions, 1)))
        evidence = [_evidence(next(iter(sentences[o].values())), bodies) for o in users]
        found_rows.append({"outlet": subject, "relation": relation, "term": term, "kind": kind,
                           "label": label, "shown": _shown(forms, label), "mentions": mentions,
                           "salience": round(salience, 3), "forms": json.dumps(forms, ensure_ascii=False),
                           "value": item["value"], "titles": json.dumps(titles),
                           "evidence": json.dumps(evidence, ensure_ascii=False)})
    # The table is made once, of every row found (its columns' types are those of all rows), and
    # the rows kept are taken from it in their order: "only" before "all_but", most salient first
    # (a stable sort, so that ties keep the order of the terms).
    table = pd.DataFrame(found_rows, columns=MENTION_COLUMNS)
    order = sorted(_without_repeats(found_rows), key=lambda i: (found_rows[i]["relation"], found_rows[i]["salience"]),
                   reverse=True)
    return table.take(order).reset_index(drop=True)
