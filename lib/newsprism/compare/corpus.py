"""The outlets across every story of a run: coverage, and per-outlet figures with their uncertainty.

A folder of many events (a month of feeds, a Media Cloud export) is compared story by story
(:mod:`newsprism.ingest.stories`); this module adds what only the whole corpus shows: which outlet
covered which story (:func:`coverage`), and per outlet how its reporting verbs lean, how it quotes,
how often it leans on unnamed sources, its scare quotes and hedges per 1,000 words, and its choice
between the forms of a name (:func:`outlet_aggregates`, :func:`naming_choices`).

A figure summed over a few stories can hang on one story, so each comes with an interval from
resampling stories: the outlet's stories are drawn again at random, with replacement, ``RESAMPLES``
times (a fixed seed, so a run is repeatable), the figure is computed on each draw, and the middle 95%
of the draws is the interval. Figures resting on fewer than ``FEW_STORIES`` stories or ``FEW_CASES``
cases are flagged ``few``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from newsprism.ingest.stories import story_of_articles

#: Draws of the stories for each interval.
RESAMPLES = 1000
#: Seed of the draws: the same tables give the same intervals.
SEED = 14
#: Below this many stories, or cases counted, a figure is flagged as resting on few.
FEW_STORIES = 5
FEW_CASES = 20

#: Each per-outlet figure: (name, what is counted, out of what, scale). Scale 1 gives a share,
#: 1000 a rate per 1,000 words. The counts are columns of :func:`story_outlet_counts`.
MEASURES = [
    ("distancing verbs", "distancing", "stance_known", 1),
    ("endorsing verbs", "endorsing", "stance_known", 1),
    ("emphatic verbs", "emphatic", "stance_known", 1),
    ("direct quotes", "direct", "attributions", 1),
    ("mixed quotes", "mixed", "attributions", 1),
    ("indirect reports", "indirect", "attributions", 1),
    ("unnamed sources", "anonymous", "attributions", 1),
    ("scare quotes", "scare_quote", "words", 1000),
    ("hedges", "hedge", "words", 1000),
]
COUNT_COLUMNS = ["articles", "words", "attributions", "stance_known", "distancing", "endorsing", "emphatic",
                 "direct", "mixed", "indirect", "anonymous", "scare_quote", "hedge"]
AGGREGATE_COLUMNS = ["measure", "outlet", "value", "low", "high", "scale", "stories", "cases", "few"]


def _story_column(articles: pd.DataFrame) -> pd.Series:
    """Each article's story as a string ("" when the articles name none)."""
    return articles["article_id"].map(story_of_articles(articles))


def coverage(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles per story (rows) and outlet (columns), stories with most outlets, then most articles, first.

    >>> arts = pd.DataFrame({"article_id": list("abcd"), "outlet": ["X", "Y", "X", "X"], "story": ["1", "1", "2", "2"]})
    >>> coverage(arts).to_dict("index")
    {'1': {'X': 1, 'Y': 1}, '2': {'X': 2, 'Y': 0}}
    """
    # What pd.crosstab gives (stories and outlets sorted, NaN left out), a sixth of its time.
    counts = (articles.groupby([_story_column(articles).rename("story"), articles["outlet"].rename(None)]).size()
              .unstack(fill_value=0).rename_axis(index="story", columns=None))
    # The keys from whole columns at once: a story's row read by label cost 0.4 s for 5,400 stories.
    values = counts.to_numpy()
    keys = list(zip((-(values > 0).sum(axis=1)).tolist(), (-values.sum(axis=1)).tolist(),
                    map(_natural, counts.index)))
    return counts.iloc[sorted(range(len(keys)), key=keys.__getitem__)]


def _natural(story: str) -> tuple:
    """Sort key: story "2" before "10", named stories after numbered ones."""
    return (0, int(story), "") if story.isdigit() else (1, 0, story)


#: The columns :func:`story_outlet_counts` reads of the quotes and markers tables (besides the articles).
COUNTED_FROM = {"quotes": ["article_id", "stance", "kind", "anonymous"],
                "markers": ["article_id", "where", "flagged", "type"]}


def story_outlet_counts(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per story and outlet that covered it: the counts behind :func:`outlet_aggregates`.

    Columns: ``story``, ``outlet`` and :data:`COUNT_COLUMNS`: articles, body words, attributions (of
    which ``stance_known`` have a verb in the reporting-verb list, and ``distancing``/``endorsing``/
    ``emphatic`` how many lean so), ``direct``/``mixed``/``indirect`` attributions, ``anonymous``
    (unnamed sources), and flagged ``scare_quote`` and ``hedge`` markers in the body.

    >>> arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"], "story": ["1", "1"],
    ...                      "word_count": [100, 50]})
    >>> quotes = pd.DataFrame({"article_id": ["a", "a"], "kind": ["direct", "indirect"],
    ...                        "stance": ["distancing", None], "anonymous": [False, True]})
    >>> row = story_outlet_counts({"articles": arts, "quotes": quotes}).iloc[0]
    >>> row["outlet"], [int(row[c]) for c in ("words", "attributions", "stance_known", "distancing", "anonymous")]
    ('X', [100, 2, 1, 1, 1])
    """
    articles = tables["articles"]
    story_of = dict(zip(articles["article_id"], _story_column(articles)))
    outlet_of = dict(zip(articles["article_id"], articles["outlet"]))
    counts = pd.DataFrame({"story": articles["article_id"].map(story_of), "outlet": articles["outlet"],
                           "articles": 1, "words": articles["word_count"]})
    quotes = tables.get("quotes")
    if quotes is not None and not quotes.empty:
        stance = quotes["stance"].astype("string")
        counts = pd.concat([counts, pd.DataFrame({
            "story": quotes["article_id"].map(story_of), "outlet": quotes["article_id"].map(outlet_of),
            "attributions": 1, "stance_known": stance.notna().astype(int),
            **{lean: (stance == lean).fillna(False).astype(int) for lean in ("distancing", "endorsing", "emphatic")},
            **{kind: (quotes["kind"].astype("string") == kind).fillna(False).astype(int)
               for kind in ("direct", "mixed", "indirect")},
            "anonymous": quotes["anonymous"].fillna(False).astype(bool).astype(int)})])
    markers = tables.get("markers")
    if markers is not None and not markers.empty:
        body = markers[(markers["where"] == "body") & markers["flagged"].astype(bool)
                       & markers["type"].isin(["scare_quote", "hedge"])]
        counts = pd.concat([counts, pd.DataFrame({
            "story": body["article_id"].map(story_of), "outlet": body["article_id"].map(outlet_of),
            "scare_quote": (body["type"] == "scare_quote").astype(int), "hedge": (body["type"] == "hedge").astype(int)})])
    counts = counts.reindex(columns=["story", "outlet", *COUNT_COLUMNS]).dropna(subset=["story", "outlet"])
    summed = counts.groupby(["story", "outlet"], sort=False)[COUNT_COLUMNS].sum().astype(int).reset_index()
    return summed[summed["articles"] > 0].reset_index(drop=True)


def story_draws(stories: int, resamples: int = RESAMPLES, seed: int = SEED) -> np.ndarray:
    """How often each of ``stories`` stories is drawn in each of ``resamples`` draws with replacement.

    One row per draw, one column per story; each row sums to ``stories``. The same arguments give the same draws.

    >>> draws = story_draws(3, resamples=4)
    >>> draws.shape, draws.sum(axis=1).tolist()
    ((4, 3), [3, 3, 3, 3])
    """
    return np.random.default_rng(seed).multinomial(stories, np.full(stories, 1 / stories), size=resamples
                                                   ).astype(np.int32)


def resampled_interval(counted: np.ndarray, out_of: np.ndarray, draws: np.ndarray | None = None) -> tuple[float, float]:
    """The middle 95% of ``sum(counted) / sum(out_of)`` over stories drawn again with replacement.

    ``counted`` and ``out_of`` hold one value per story; ``draws`` are :func:`story_draws` for as many
    stories (drawn afresh when not given). NaN when nothing is counted out of anything.

    >>> resampled_interval(np.array([5, 5, 5]), np.array([10, 10, 10]))
    (0.5, 0.5)
    >>> resampled_interval(np.array([0, 10]), np.array([10, 10]))
    (0.0, 1.0)
    """
    counted, out_of = np.asarray(counted, dtype=float), np.asarray(out_of, dtype=float)
    if len(counted) == 0 or out_of.sum() == 0:
        return float("nan"), float("nan")
    draws = story_draws(len(counted)) if draws is None else draws
    totals = draws @ out_of
    with np.errstate(invalid="ignore", divide="ignore"):
        ratios = np.where(totals > 0, (draws @ counted) / totals, np.nan)
    low, high = np.nanpercentile(ratios, [2.5, 97.5])
    return float(low), float(high)


def _figure(measure: str, outlet: str, counted: np.ndarray, out_of: np.ndarray, scale: int,
            draws: np.ndarray) -> dict:
    """One figure with its interval, its stories and cases counted, and whether they are few."""
    stories = int((out_of > 0).sum())
    value = float(counted.sum() / out_of.sum()) if out_of.sum() else float("nan")
    low, high = resampled_interval(counted, out_of, draws)
    # A rate per 1,000 words rests on the markers counted; a share on the cases it is a share of.
    cases = int(counted.sum() if scale != 1 else out_of.sum())
    return {"measure": measure, "outlet": outlet, "value": value * scale, "low": low * scale, "high": high * scale,
            "scale": scale, "stories": stories, "cases": cases, "few": stories < FEW_STORIES or cases < FEW_CASES}


def outlet_aggregates(counts: pd.DataFrame, resamples: int = RESAMPLES, seed: int = SEED) -> pd.DataFrame:
    """Per outlet and :data:`MEASURES` entry: the figure over all its stories, with a 95% interval from resampling them.

    ``counts`` is :func:`story_outlet_counts`'s table. Columns (:data:`AGGREGATE_COLUMNS`): ``value``
    (a share, or with ``scale`` 1000 a rate per 1,000 words), ``low``/``high`` (the interval), ``stories``
    the figure rests on, ``cases`` counted, and ``few`` when either is below ``FEW_STORIES``/``FEW_CASES``.

    >>> counts = pd.DataFrame({"story": ["1", "2"], "outlet": ["X", "X"], **{c: [0, 0] for c in COUNT_COLUMNS}})
    >>> counts["attributions"], counts["anonymous"] = [10, 30], [1, 9]
    >>> row = outlet_aggregates(counts).set_index("measure").loc["unnamed sources"]
    >>> float(row.value), int(row.stories), int(row.cases), bool(row.few)
    (0.25, 2, 40, True)
    """
    rows = []
    for outlet, mine in counts.groupby("outlet", sort=True):
        draws = story_draws(len(mine), resamples, seed)  # one set of draws of the outlet's stories for every figure
        for measure, counted, out_of, scale in MEASURES:
            rows.append(_figure(measure, outlet, mine[counted].to_numpy(), mine[out_of].to_numpy(), scale, draws))
    return pd.DataFrame(rows, columns=AGGREGATE_COLUMNS)


def naming_choices(naming: pd.DataFrame, resamples: int = RESAMPLES, seed: int = SEED) -> pd.DataFrame:
    """Per name written in more than one way across the corpus: each outlet's share of each form, with its interval.

    ``naming`` is the run's naming table (``concept``, ``variant``, ``outlet``, ``count``, and ``story``
    when the run holds several). Columns: ``concept``, ``variant``, ``outlet``, ``count`` (times the
    outlet wrote this form), and as in :func:`outlet_aggregates` ``value`` (its share of the outlet's
    writings of the name), ``low``, ``high``, ``stories``, ``cases`` and ``few``. Most written names first.

    >>> naming = pd.DataFrame({"story": ["1", "1", "2"], "concept": ["Kyiv"] * 3, "variant": ["Kyiv", "Kiev", "Kyiv"],
    ...                        "outlet": ["X", "Y", "Y"], "count": [4, 2, 2]})
    >>> naming_choices(naming)[["variant", "outlet", "count", "value", "stories"]].values.tolist()
    [['Kiev', 'Y', 2, 0.5, 2], ['Kyiv', 'X', 4, 1.0, 1], ['Kyiv', 'Y', 2, 0.5, 2]]
    """
    columns = ["concept", "variant", "outlet", "count", *AGGREGATE_COLUMNS[2:]]
    if naming is None or naming.empty:
        return pd.DataFrame(columns=columns)
    naming = naming.assign(story=naming["story"].astype(str) if "story" in naming else "")
    forms = naming.groupby("concept")["variant"].nunique()
    differing = naming[naming["concept"].isin(forms[forms > 1].index)]
    rows = []
    for (concept, outlet), mine in differing.groupby(["concept", "outlet"], sort=True):
        per_story = mine.pivot_table(index="story", columns="variant", values="count", aggfunc="sum", fill_value=0)
        out_of = per_story.sum(axis=1).to_numpy()
        draws = story_draws(len(per_story), resamples, seed)
        for variant in per_story.columns:
            figure = _figure("", outlet, per_story[variant].to_numpy(), out_of, 1, draws)
            rows.append({"concept": concept, "variant": variant, "count": int(per_story[variant].sum()),
                         **{k: figure[k] for k in columns if k in figure and k != "measure"}})
    table = pd.DataFrame(rows, columns=columns)
    written = table.groupby("concept")["count"].transform("sum")
    return (table.assign(_written=written).sort_values(["_written", "concept", "variant", "outlet"],
                                                        ascending=[False, True, True, True])
            .drop(columns="_written").reset_index(drop=True))


def left_out(articles: pd.DataFrame, mentions: pd.DataFrame | None) -> pd.DataFrame:
    """Per outlet: the stories it covered and those others covered without it, and the names it alone left out.

    Columns: ``outlet``, ``stories`` (covered), ``stories_missed`` (covered by another outlet, not by
    this one), ``missed`` (the largest of those, with their articles), ``names_left_out`` (people,
    bodies and figures every other outlet of a story names and this one does not: the ``all_but``
    rows of ``exclusive_mentions``) and ``names_only_here`` (those only this outlet names).

    >>> arts = pd.DataFrame({"article_id": list("abc"), "outlet": ["X", "Y", "Y"], "story": ["1", "1", "2"]})
    >>> left_out(arts, None)[["outlet", "stories", "stories_missed", "missed"]].values.tolist()
    [['X', 1, 1, 'story 2 (1 article)'], ['Y', 2, 0, '']]
    """
    table = coverage(articles)
    relation = (mentions.groupby(["outlet", "relation"]).size() if mentions is not None and not mentions.empty
                else pd.Series(dtype=int))
    rows = []
    for outlet in table.columns:
        missed = table.index[table[outlet] == 0]
        # coverage() puts the stories with most outlets and articles first: the most notable misses.
        named = ", ".join(f"story {s} ({n} article{'s' if n != 1 else ''})"
                          for s, n in table.loc[missed[:3]].sum(axis=1).items())
        rows.append({"outlet": outlet, "stories": int((table[outlet] > 0).sum()), "stories_missed": len(missed),
                     "missed": named + (f" and {len(missed) - 3} more" if len(missed) > 3 else ""),
                     "names_left_out": int(relation.get((outlet, "all_but"), 0)),
                     "names_only_here": int(relation.get((outlet, "only"), 0))})
    return pd.DataFrame(rows)
