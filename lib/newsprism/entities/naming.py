"""Naming variants: the different words outlets use for the same place, person or group.

Two sources of evidence:

* the curated table ``data/naming_variants.csv`` (Kiev/Kyiv, Donbass/Donbas,
  "separatists"/"rebels"...), read by :func:`known_variants`;
* spelling variants found in the articles themselves (:func:`detect_spelling_variants`):
  two entity names of the same type, written almost alike, used by different
  outlets ("Zelensky"/"Zelenskiy").

:func:`naming_table` counts both per outlet.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections import Counter

import pandas as pd

from newsprism.ingest.stories import story_of_articles, story_rows
from newsprism.text.datafiles import read_data_csv

VARIANT_COLUMNS = ["variant", "canonical", "concept", "kind", "source", "requires"]
# English endings that make a different word form, not a different spelling.
_INFLECTIONS = {"s", "es", "ic", "n", "an", "ian", "ns", "ans", "ians", "ics"}
NAMING_COLUMNS = ["concept", "canonical", "variant", "outlet", "count", "kind", "origin"]


@functools.lru_cache(maxsize=1)
def _known_variants() -> pd.DataFrame:
    table = read_data_csv("naming_variants.csv")
    missing = set(VARIANT_COLUMNS) - set(table.columns)
    if missing:
        raise ValueError(f"newsprism/data/naming_variants.csv lacks columns {sorted(missing)}")
    return table[VARIANT_COLUMNS].copy()


def known_variants() -> pd.DataFrame:
    """The curated naming variants, one row per written form.

    Columns: ``variant`` (as written), ``canonical`` (the form newsprism names the
    concept by), ``concept`` (what is named), ``kind`` (spelling | transliteration |
    label), ``source`` (where the variant is documented) and ``requires`` (for
    generic label words such as "rebels": words separated by ``|`` of which an
    article must contain one for the variant to count there; empty = always). The
    canonical form has a row of its own, so that using it can be counted too.
    :func:`find_known_variants` applies ``requires``; callers matching variants
    themselves should too.

    >>> kv = known_variants()
    >>> kv.loc[kv.variant == "Kiev", ["canonical", "kind"]].values.tolist()
    [['Kyiv', 'transliteration']]
    """
    return _known_variants().copy()


@functools.lru_cache(maxsize=1)
def _metonyms() -> pd.DataFrame:
    table = read_data_csv("metonyms.csv")
    missing = {"term", "state", "scope"} - set(table.columns)
    if missing:
        raise ValueError(f"newsprism/data/metonyms.csv lacks columns {sorted(missing)}")
    bad = set(table.scope) - {"always", "agent"}
    if bad:
        raise ValueError(f"newsprism/data/metonyms.csv: unknown scope {sorted(bad)} (use always or agent)")
    return table


def metonyms() -> pd.DataFrame:
    """Places and buildings that stand for a state: ``term``, ``state``, ``scope``, ``note``.

    ``scope`` is ``always`` (Washington, the Kremlin) or ``agent`` (Kyiv, Berlin: the
    state only when the word is the subject of a verb or a possessor).

    >>> metonyms().set_index("term").loc["Kremlin", "state"]
    'Russia'
    """
    return _metonyms().copy()


@functools.lru_cache(maxsize=4096)
def _variant_pattern(variant: str) -> re.Pattern:
    # Word boundaries that also work for forms starting or ending in non-letters.
    return re.compile(rf"(?<![\w-]){re.escape(variant)}(?![\w-])")


def applies_in(requires: str, context: str) -> bool:
    """Whether a variant with this ``requires`` entry counts in an article with text ``context``.

    >>> applies_in("Donetsk|Ukraine", "rebels near Donetsk"), applies_in("Donetsk|Ukraine", "rebels in Syria")
    (True, False)
    """
    if not requires:
        return True
    return any(_variant_pattern(word).search(context) for word in requires.split("|") if word)


@functools.lru_cache(maxsize=1)
def _all_variants_pattern() -> tuple[re.Pattern, dict[str, list[dict]]]:
    """One regular expression for every curated form (longest first), and the rows of each form."""
    forms: dict[str, list[dict]] = {}
    for row in _known_variants().to_dict("records"):
        written = [row["variant"]]
        if row["kind"] == "label" and row["variant"][:1].islower():
            written.append(row["variant"][:1].upper() + row["variant"][1:])
        for form in written:
            forms.setdefault(form, []).append(row)
    alternation = "|".join(re.escape(f) for f in sorted(forms, key=lambda f: (-len(f), f)))
    return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])"), forms


def find_known_variants(text: str, context: str | None = None) -> pd.DataFrame:
    """Every curated naming variant written in ``text``, with character offsets.

    Columns: ``start``, ``end``, ``text`` plus the columns of :func:`known_variants`.
    Case matters for names (``Kiev``); labels (lower-case in the table) also
    match with a capital first letter at the start of a sentence. Generic label
    words count only when ``context`` (default: ``text``; pass the whole article
    when ``text`` is its headline) contains one of their ``requires`` words.

    >>> find_known_variants("Staff left Kiev for Lviv.")[["text", "canonical"]].values.tolist()
    [['Kiev', 'Kyiv'], ['Lviv', 'Lviv']]
    >>> len(find_known_variants("Rebels attacked.")), len(find_known_variants("Rebels attacked Donetsk."))
    (0, 1)
    """
    columns = ["start", "end", "text", *VARIANT_COLUMNS]
    return pd.DataFrame(known_variant_rows(text, context), columns=columns)


def known_variant_rows(text: str, context: str | None = None) -> list[dict]:
    """The rows of :func:`find_known_variants` as dicts, without building a table (callers read a few fields).

    >>> [(r["text"], r["start"]) for r in known_variant_rows("Staff left Kiev for Lviv.")]
    [('Kiev', 11), ('Lviv', 20)]
    """
    context = text if context is None else context
    pattern, forms = _all_variants_pattern()
    rows = []
    # One search of the context per distinct requirement, not one per match: a long article
    # with many matches would otherwise be searched again for every one of them.
    applies: dict[str, bool] = {}
    for match in pattern.finditer(text):
        for row in forms[match.group()]:
            requires = row["requires"]
            if requires not in applies:
                applies[requires] = applies_in(requires, context)
            if applies[requires]:
                rows.append({"start": match.start(), "end": match.end(), "text": match.group(), **row})
    # A shorter form inside a longer one (Lavrov inside Sergey Lavrov) is counted once.
    rows.sort(key=lambda r: (r["start"], -r["end"]))  # stable, as the table's sort on two columns
    kept, last_end = [], -1
    for r in rows:
        if r["start"] >= last_end:
            kept.append(r)
            last_end = max(last_end, r["end"])
    return kept


def _fold(name: str) -> str:
    """Lower-case ASCII skeleton used to compare spellings."""
    name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z]", "", name.lower())


def spelling_similarity(a: str, b: str) -> float:
    """How alike two names are written, 0..1, ignoring case, accents and punctuation.

    >>> round(spelling_similarity("Zelensky", "Zelenskiy"), 2)
    0.94
    """
    fa, fb = _fold(a), _fold(b)
    if not fa or not fb:
        return 0.0
    return difflib.SequenceMatcher(None, fa, fb).ratio()


# The labels whose names may be spelled two ways (not NORP: see detect_spelling_variants).
_VARIANT_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC"})


def detect_spelling_variants(
    entities: pd.DataFrame, articles: pd.DataFrame, min_similarity: float = 0.8
) -> pd.DataFrame:
    """Find unlisted spelling variants: near-identical names of one type used by different outlets.

    ``entities`` needs ``article_id``, ``text``, ``label``, ``actor``; ``articles``
    needs ``article_id`` and ``outlet``. Two actor names qualify when they have the
    same label, are at least 5 letters long, differ in spelling but fold to names
    with similarity >= ``min_similarity``, start with the same letter, are not already
    in the curated table, and one outlet never uses the other's form.

    Returns the columns of :data:`NAMING_COLUMNS` with ``origin = "detected"``. Names are compared
    within each story (``articles``' ``story`` column); with more than one story the table starts
    with ``story``.

    >>> ents = pd.DataFrame({"article_id": ["a", "b"], "text": ["Navalny", "Navalnyi"],
    ...                      "label": ["PERSON", "PERSON"], "actor": ["Navalny", "Navalnyi"]})
    >>> arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"]})
    >>> detect_spelling_variants(ents, arts)[["variant", "outlet"]].values.tolist()
    [['Navalny', 'X'], ['Navalnyi', 'Y']]
    """
    if entities.empty:
        return pd.DataFrame(columns=NAMING_COLUMNS if len(story_rows(articles)) == 1 else ["story", *NAMING_COLUMNS])
    # Group words (NORP) are left out: "Islamic"/"Islamist" differ in meaning, not spelling.
    # Mentions per (label, actor, outlet) counted in plain dicts, as a merge with the articles and a
    # groupby would count them (an entity of no known outlet, or of no actor, is not counted), in
    # the groupby's sorted order: a DataFrame per step costs more than the counting.
    # Outlets are compared within each story: counts are kept per (story, label, actor, outlet).
    story_of = story_of_articles(articles)
    outlets_of_article: dict[object, list] = {}
    for article_id, outlet in zip(articles.article_id, articles.outlet):
        outlets_of_article.setdefault(article_id, []).append((story_of[article_id], outlet))
    counted: Counter = Counter()
    for article_id, label, actor in zip(entities.article_id, entities.label, entities.actor):
        if label in _VARIANT_LABELS and not pd.isna(actor):
            counted.update((story, label, actor, outlet) for story, outlet in outlets_of_article.get(article_id, ())
                           if not pd.isna(outlet))
    usage: dict[tuple, dict[str, int]] = {}  # (story, label, actor) -> {outlet: mentions}
    for story, label, actor, outlet in sorted(counted):
        usage.setdefault((story, label, actor), {})[outlet] = counted[story, label, actor, outlet]
    names_of: dict[tuple, dict[str, frozenset]] = {}  # (story, label) -> {actor: its outlets}
    for (story, label, name), outlets in usage.items():
        names_of.setdefault((story, label), {})[name] = frozenset(outlets)
    listed = set(_known_variants().variant)
    rows = []
    for (story, label), outlets_by_name in names_of.items():
        # Each name folded once and its outlets in a dict: the pairs below are many, and a fold or a
        # pandas lookup per pair cost more than the rest of the finder.
        folded = {name: _fold(name) for name in outlets_by_name}
        names = [name for name in outlets_by_name if len(folded[name]) >= 5 and name not in listed]
        for a, b in _close_spellings(names, folded, min_similarity):
            # "Democrat"/"Democrats"/"Democratic": an inflection, not a different spelling.
            short, long_ = sorted((folded[a], folded[b]), key=len)
            if long_.startswith(short) and long_[len(short):] in _INFLECTIONS:
                continue
            # One name a word of the other ("Biden" / "Joe Biden") is a short form, not a variant.
            if set(a.lower().split()) & set(b.lower().split()):
                continue
            oa, ob = outlets_by_name[a], outlets_by_name[b]
            if oa == ob:
                continue
            canonical = a if len(oa) >= len(ob) else b
            concept = f"{canonical} ({label})"
            for name in (a, b):
                for outlet, count in usage[story, label, name].items():
                    rows.append({"story": story, "concept": concept, "canonical": canonical, "variant": name,
                                 "outlet": outlet, "count": count, "kind": "spelling", "origin": "detected"})
    table = pd.DataFrame(rows, columns=["story", *NAMING_COLUMNS]).drop_duplicates().reset_index(drop=True)
    return table if len(set(story_of.values())) > 1 else table.drop(columns="story")


def _close_spellings(names: list[str], folded: dict[str, str], min_similarity: float) -> list[tuple[str, str]]:
    """The pairs ``(a, b)`` of ``names`` (``a`` before ``b`` in ``names``) whose folds differ, start with the
    same letter and are alike by at least ``min_similarity`` (difflib ratio).

    Names are compared only within a block of one first letter, and within it only with names of a
    length that can reach the bar (a ratio is at most ``2 * shorter / (both lengths)``), so the work
    grows with the names that could be variants, not with every pair of distinct names.

    >>> names = ["Zelensky", "Zelenskiy", "Zhou", "Navalny"]
    >>> _close_spellings(names, {n: _fold(n) for n in names}, 0.8)
    [('Zelensky', 'Zelenskiy')]
    """
    position = {name: i for i, name in enumerate(names)}
    blocks: dict[str, list[str]] = {}
    for name in names:
        blocks.setdefault(folded[name][:1], []).append(name)
    pairs = []
    for block in blocks.values():
        block.sort(key=lambda name: len(folded[name]))
        for i, a in enumerate(block):
            fa = folded[a]
            for b in block[i + 1:]:
                fb = folded[b]
                if 2.0 * len(fa) / (len(fa) + len(fb)) < min_similarity:
                    break  # longer names still: none of them can reach the bar
                if fa == fb:
                    continue
                matcher = difflib.SequenceMatcher(None, fa, fb)
                if matcher.quick_ratio() >= min_similarity and matcher.ratio() >= min_similarity:
                    pairs.append((a, b) if position[a] < position[b] else (b, a))
    return sorted(pairs, key=lambda pair: (position[pair[0]], position[pair[1]]))


def naming_table(entities: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Count per outlet each form of every named concept that outlets name differently.

    Curated variants (:func:`known_variants`) are counted in each article's
    headline and body (``origin = "curated"``); unlisted spelling variants come from
    :func:`detect_spelling_variants` (``origin = "detected"``). Only concepts
    written in at least one article are listed.

    Columns: ``concept``, ``canonical``, ``variant``, ``outlet``, ``count``,
    ``kind`` (spelling | transliteration | label), ``origin`` (curated | detected).

    >>> arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"],
    ...                      "headline": ["Staff leave Kiev", ""], "body": ["In Kiev.", "In Kyiv."]})
    >>> empty = pd.DataFrame(columns=["article_id", "text", "label", "actor"])
    >>> naming_table(empty, arts)[["variant", "outlet", "count"]].values.tolist()
    [['Kiev', 'X', 2], ['Kyiv', 'Y', 1]]

    Outlets are compared within each story (``articles``' ``story`` column): when the articles
    hold more than one story, forms are counted per story and the table starts with ``story``.
    """
    story_of = story_of_articles(articles)
    rows = []
    for art in articles.itertuples(index=False):
        headline, body = getattr(art, "headline", "") or "", art.body or ""
        for part in (headline, body):
            for hit in known_variant_rows(part, context=f"{headline}\n{body}"):
                rows.append({"story": story_of[art.article_id], "concept": hit["concept"],
                             "canonical": hit["canonical"], "variant": hit["variant"], "outlet": art.outlet,
                             "kind": hit["kind"], "origin": "curated"})
    keys = ["story", "concept", "canonical", "variant", "outlet", "kind", "origin"]
    curated = pd.DataFrame(rows, columns=keys).groupby(keys).size().rename("count").reset_index()
    detected = detect_spelling_variants(entities, articles)
    several = "story" in detected.columns
    columns = ["story", *NAMING_COLUMNS] if several else NAMING_COLUMNS
    table = pd.concat([curated[columns], detected], ignore_index=True)
    if table.empty:
        return pd.DataFrame(columns=columns)
    table["count"] = table["count"].astype(int)
    if not several:
        return table.sort_values(["origin", "concept", "variant", "outlet"]).reset_index(drop=True)
    # Stories in the order of their first article, as everywhere else.
    rank = {story: n for n, story in enumerate(dict.fromkeys(story_of.values()))}
    table = table.assign(story_rank=table["story"].map(rank))
    return table.sort_values(["story_rank", "origin", "concept", "variant", "outlet"]).drop(
        columns="story_rank").reset_index(drop=True)
