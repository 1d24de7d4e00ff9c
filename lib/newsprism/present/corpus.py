"""The corpus report, for a run of many stories, and the page of each story.

When a folder holds more than one story, ``report.html`` opens with the whole corpus: which outlet
covered which story (:func:`coverage_table`), what each outlet left out (:func:`left_out_table`), the
outlets' figures across the stories with their uncertainty (:func:`outlet_figures_table`,
:func:`naming_choices_table`), the stories most outlets covered with their findings
(:func:`top_stories_html`) and a link to every story's own page (:func:`story_links_html`). Every
table is capped (``first N of M; all rows in data/X.csv``), so the report stays small whatever the
corpus size; the charts and the articles side by side, which grow with the articles, are on the
stories' pages (:func:`story_sections`), built from the same views as the single-story report.
Every piece of text is escaped here.
"""

from __future__ import annotations

import hashlib
import html
import re

import pandas as pd

from newsprism.compare.corpus import FEW_CASES, FEW_STORIES, RESAMPLES, coverage
from newsprism.entities.actors import actors_table
from newsprism.ingest.stories import story_rows
from newsprism.present.charts import length_bars_html
from newsprism.present.highlight import render_side_by_side
from newsprism.present.overview import outlet_overview
from newsprism.present.summary import findings_html, mentions_html
from newsprism.present.surety import surety_html
from newsprism.present.tables import plain, reader_table
from newsprism.quotes.voices import outlet_summary, voices_table

#: Folder of the stories' pages, beside report.html.
STORIES_FOLDER = "stories"
#: Rows of each corpus table shown in the report; the rest are in data/.
TABLE_ROWS = 30
#: Stories shown with their findings, and findings shown per story.
TOP_STORIES = 10
FINDINGS_PER_STORY = 3
#: Stories linked from the report; all are linked from stories/index.html.
LINKED_STORIES = 300

UNCERTAINTY_NOTE = (
    f"The range in brackets says how sure each figure is: we drew the outlet's stories again at random, "
    f"{RESAMPLES:,} times (the same story may be drawn twice), computed the figure each time, and kept the "
    f"middle 95% of the results. A wide range means the figure depends on which stories happen to be in the "
    f"folder. \u201cfew\u201d marks a figure resting on fewer than {FEW_STORIES} stories or {FEW_CASES} "
    f"cases: read it as a hint, not a result.")


def story_page_name(story: str) -> str:
    """The page of ``story``, relative to the run folder; a story named in a manifest gets a safe file name.

    >>> story_page_name("12"), story_page_name("Ferry crash/2")
    ('stories/story-12.html', 'stories/story-Ferry-crash-2-a98230.html')
    """
    safe = re.sub(r"[^A-Za-z0-9_-]+", "-", str(story)).strip("-")[:40] or "story"
    if safe != str(story):  # two names that make the same file name must not share a page
        safe += "-" + hashlib.sha1(str(story).encode("utf-8")).hexdigest()[:6]
    return f"{STORIES_FOLDER}/story-{safe}.html"


def _story_name(story: str, label: str) -> str:
    return f"Story {story}" + (f": {label}" if label else "")


def _labels(stories: pd.DataFrame) -> dict[str, str]:
    return {str(s): str(label or "") for s, label in zip(stories["story"], stories["label"])}


def coverage_table(articles: pd.DataFrame, stories: pd.DataFrame, limit: int = TABLE_ROWS):
    """Which outlet covered which story: articles per story (rows) and outlet (columns), "—" for none.

    Stories most outlets covered come first; the first ``limit`` are shown, all in ``data/coverage.csv``.

    >>> arts = pd.DataFrame({"article_id": list("abc"), "outlet": ["X", "Y", "X"], "story": ["1", "1", "2"]})
    >>> page = coverage_table(arts, pd.DataFrame({"story": ["1", "2"], "label": ["Ferry", "Tram"]})).data
    >>> "<th>articles in X</th>" in page, page.count("<td>—</td>")
    (True, 1)
    """
    table = coverage(articles)
    shown = table.astype(object).where(table > 0, None).reset_index()
    labels = _labels(stories)
    shown.insert(1, "label", shown["story"].map(labels))
    shown.insert(2, "outlets", (table > 0).sum(axis=1).to_numpy())
    columns = {"story": "story", "label": "what it is about", "outlets": "outlets covering it",
               **{outlet: f"articles in {outlet}" for outlet in table.columns}}
    return reader_table(shown, columns, limit=limit, full_table="coverage")


def left_out_table(left_out: pd.DataFrame):
    """:func:`newsprism.compare.corpus.left_out` for readers.

    >>> t = pd.DataFrame({"outlet": ["X"], "stories": [3], "stories_missed": [1], "missed": ["story 4 (2 articles)"],
    ...                   "names_left_out": [2], "names_only_here": [5]})
    >>> "<th>stories the others covered without it</th>" in left_out_table(t).data
    True
    """
    return reader_table(left_out, {"outlet": "outlet", "stories": "stories it covered",
                                   "stories_missed": "stories the others covered without it",
                                   "missed": "the largest of those", "names_left_out":
                                   "names and figures all the other outlets of a story give, and it leaves out",
                                   "names_only_here": "names and figures only it gives"},
                        empty="No outlet covered any story.")


def figure_text(value: float, low: float, high: float, scale: int, few: bool) -> str:
    """A figure and its interval in words: "12% (8% to 17%)" for a share, "0.4 (0.1 to 0.8)" per 1,000 words.

    >>> figure_text(0.123, 0.08, 0.171, 1, False), figure_text(0.42, 0.1, 0.8, 1000, True)
    ('12% (8% to 17%)', '0.42 (0.10 to 0.80), few')
    >>> figure_text(float("nan"), float("nan"), float("nan"), 1, True)
    '—'
    """
    if pd.isna(value):
        return "—"
    shown = (lambda v: f"{100 * v:.0f}%") if scale == 1 else (lambda v: f"{v:.2f}")
    return f"{shown(value)} ({shown(low)} to {shown(high)})" + (", few" if few else "")


def outlet_figures_table(aggregates: pd.DataFrame):
    """Per outlet (rows), each figure of :func:`newsprism.compare.corpus.outlet_aggregates` with its range.

    >>> agg = pd.DataFrame({"measure": ["hedges"], "outlet": ["X"], "value": [0.5], "low": [0.2], "high": [0.9],
    ...                     "scale": [1000], "stories": [7], "cases": [30], "few": [False]})
    >>> "<td>0.50 (0.20 to 0.90)</td>" in outlet_figures_table(agg).data
    True
    """
    if aggregates.empty:
        return reader_table(aggregates, {}, empty="No outlet has an article with words in it.")
    cells = aggregates.assign(text=[figure_text(r.value, r.low, r.high, r.scale, r.few)
                                    for r in aggregates.itertuples()])
    wide = cells.pivot(index="outlet", columns="measure", values="text")
    stories = cells.groupby("outlet")["stories"].max()
    measures = list(dict.fromkeys(cells["measure"]))
    wide = wide[measures].assign(stories=stories).reset_index()
    names = {m: (f"{m} per 1,000 words" if scale != 1 else f"{m}, share") for m, scale in
             zip(cells["measure"], cells["scale"])}
    return reader_table(wide, {"outlet": "outlet", "stories": "stories", **names})


def naming_choices_table(choices: pd.DataFrame, limit: int = TABLE_ROWS):
    """:func:`newsprism.compare.corpus.naming_choices` for readers, the most written names first.

    >>> c = pd.DataFrame({"concept": ["Kyiv"], "variant": ["Kiev"], "outlet": ["Y"], "count": [2], "value": [0.5],
    ...                   "low": [0.0], "high": [1.0], "stories": [2], "cases": [4], "few": [True]})
    >>> "<td>50% (0% to 100%), few</td>" in naming_choices_table(c).data
    True
    """
    shown = choices.assign(share=[figure_text(r.value, r.low, r.high, 1, r.few) for r in choices.itertuples()])
    return reader_table(shown, {"concept": "name", "variant": "written as", "outlet": "outlet",
                                "count": "times", "stories": "in stories", "share": "share of the outlet's uses"},
                        limit=limit, full_table="naming_choices",
                        empty="No name is written in more than one way across the outlets.")


def _link(story: str, label: str, prefix: str = "") -> str:
    return f'<a href="{html.escape(prefix + story_page_name(story), quote=True)}">{html.escape(_story_name(story, label))}</a>'


def top_stories_html(articles: pd.DataFrame, stories: pd.DataFrame, findings: pd.DataFrame,
                     top: int = TOP_STORIES, per_story: int = FINDINGS_PER_STORY) -> str:
    """The ``top`` stories most outlets covered, each with its outlets, its first findings and a link to its page.

    >>> arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"], "story": ["1", "1"], "body": ["", ""]})
    >>> f = pd.DataFrame({"story": ["1"], "topic": ["voices"], "finding": ["In story 1: only X quotes Ann."],
    ...                   "evidence": ["[]"]})
    >>> page = top_stories_html(arts, pd.DataFrame({"story": ["1"], "label": ["Ferry"]}), f)
    >>> 'href="stories/story-1.html"' in page, "only X quotes Ann" in page
    (True, True)
    """
    table = coverage(articles)
    labels = _labels(stories)
    by_story = ({str(s): rows for s, rows in findings.groupby(findings["story"].astype(str), sort=False)}
                if "story" in findings.columns else {})
    # A story's findings cite its own articles: each list looks up only those (not every article of the corpus).
    rows_of = dict(story_rows(articles))
    parts = []
    for story in table.index[:top]:
        counts = table.loc[story]
        outlets = ", ".join(f"{html.escape(str(o))} ({n})" for o, n in counts[counts > 0].items())
        mine = by_story.get(story, findings.iloc[:0])
        more = (f' <a href="{html.escape(story_page_name(story), quote=True)}">All {len(mine)} findings, the articles '
                "side by side and the tables of this story</a>.")
        parts.append(f'<h3>{_link(story, labels.get(story, ""))}</h3><p class="story-outlets">Articles: {outlets}.{more}</p>'
                     + findings_html(mine, articles.iloc[rows_of[story]] if story in rows_of else articles,
                                   limit=per_story))
    return "".join(parts)


def story_links_html(articles: pd.DataFrame, stories: pd.DataFrame, limit: int = LINKED_STORIES,
                     prefix: str = "") -> str:
    """A list of links to the stories' pages, most covered first: the first ``limit``, and where the rest are.

    ``prefix`` goes before each page's path (``"../"`` from a page inside ``stories/``).

    >>> arts = pd.DataFrame({"article_id": list("abc"), "outlet": ["X", "Y", "X"], "story": ["1", "1", "2"]})
    >>> page = story_links_html(arts, pd.DataFrame({"story": ["1", "2"], "label": ["Ferry", "Tram"]}), limit=1)
    >>> page.count("<li>"), 'href="stories/index.html"' in page
    (1, True)
    """
    table = coverage(articles)
    labels = _labels(stories)
    shown = table.head(limit)
    # Each story's counts from whole columns at once (a row at a time cost 1 s for 5,400 stories).
    totals, outlets = shown.sum(axis=1).tolist(), (shown > 0).sum(axis=1).tolist()
    items = "".join(
        f"<li>{_link(story, labels.get(story, ''), prefix)}: {total} article{'s' if total != 1 else ''}, "
        f"{covering} outlet{'s' if covering != 1 else ''}</li>"
        for story, total, covering in zip(shown.index, totals, outlets))
    rest = (f'<p class="table-note">First {limit} of {len(table)} stories; every story is linked from '
            f'<a href="{prefix}{STORIES_FOLDER}/index.html">the list of all stories</a> and listed in data/stories.csv.</p>'
            if len(table) > limit else "")
    return f'<ul class="story-links">{items}</ul>{rest}'


def story_sections(tables: dict[str, pd.DataFrame], story: str, label: str = "") -> list[tuple[str, str]]:
    """The sections of one story's page as (heading, HTML) pairs, from that story's rows of ``tables`` only.

    ``tables`` holds the story's rows of the run's tables (:func:`newsprism.compare.findings.story_tables`):
    ``articles``, and when the run wrote them ``findings``, ``dropped_findings``, ``entities``, ``naming``,
    ``quotes``, ``quote_pairs``, ``markers`` and ``exclusive_mentions``. The views are those of the
    single-story report: the outlets, the findings with their evidence and how sure they are, who only one
    outlet names, naming differences, sourcing, the articles side by side with their markers, and the names
    and figures only one outlet gives.

    >>> arts = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "headline": ["H"], "body": ["Ann said so."],
    ...     "published": ["2024-01-02"], "dateline": [""], "word_count": [3], "language": ["en"], "file": ["a.txt"],
    ...     "furniture": ["[]"], "credits": ["[]"]})
    >>> [heading for heading, _ in story_sections({"articles": arts}, "1", "Ferry")][:2]
    ['The articles', 'Findings']
    """
    articles = tables["articles"]
    empty = pd.DataFrame()
    sections = []
    overview = reader_table(outlet_overview(articles), {"outlet": "outlet", "published": "published",
                                                        "dateline": "filed from", "headline": "headline",
                                                        "words": "words"}).data
    chart = length_bars_html(articles)
    sections.append(("The articles", "<p>One row per article of this story. A longer article has room for more "
                     f"voices and more detail.</p>{overview}{chart}"))

    if articles["outlet"].nunique() < 2:
        # One outlet told it: nothing to compare, so no findings, nor anyone "only one outlet" names.
        outlet = articles["outlet"].iloc[0] if len(articles) else "one outlet"
        sections.append(("Findings", f"<p>Only {html.escape(str(outlet))} told this story in these articles, so "
                         "there is no other outlet to compare it with: this page states no findings. Its "
                         "sources and the words it chose are below.</p>"))
        return sections + _per_outlet_sections(tables, articles)
    findings = tables.get("findings", empty)
    dropped = tables.get("dropped_findings")
    if dropped is not None and "finding" in dropped:  # the run's findings not stated name their story first
        said = dropped["finding"].astype(str)
        dropped = dropped[said.str.startswith(f"In story {story} (") | said.str.startswith(f"In story {story}:")]
    sections.append(("Findings", "<p>Each sentence was computed from this story's articles only. Open "
                     "\u201cEvidence\u201d to see the words in their article; a finding marked <em>check this</em> "
                     "is of a kind that was often wrong when checked by hand: read its evidence before you repeat it.</p>"
                     + (findings_html(findings, articles) if not findings.empty else
                        "<p>The tables show no difference strong enough to state as a finding.</p>")
                     + surety_html(findings, dropped)))

    entities = tables.get("entities")
    if entities is not None and not entities.empty:
        actors = actors_table(entities, articles)
        per_outlet = actors[actors["scope"] == "outlet"]
        outlets_of = per_outlet.groupby("actor")["outlet"].transform("nunique")
        only_one = per_outlet[outlets_of == 1].sort_values(["outlet", "label", "mentions"],
                                                            ascending=[True, False, False])
        sections.append(("Who appears in only one outlet", "<p>People and organisations one outlet mentions and no "
                         "other outlet of this story does.</p>" + reader_table(
                             only_one.assign(label=plain(only_one["label"])),
                             {"outlet": "outlet", "actor": "actor", "label": "kind", "mentions": "mentions",
                              "texts": "written as"}, limit=4, per="outlet", full_table="actors",
                             empty="Every actor is mentioned by more than one outlet.").data))

    sections += _per_outlet_sections(tables, articles)
    mentions = tables.get("exclusive_mentions")
    if mentions is not None and articles["outlet"].nunique() > 1:
        sections.append(("Who and what only one outlet names", "<p>Per outlet, the people, bodies and figures no "
                         "other outlet of this story names in any spelling we know.</p>"
                         + mentions_html(mentions, articles, per_outlet=3)))
    return sections


def _percents(shares: pd.Series) -> list[str]:
    """Shares as whole percents, "25%" (halves to the even number, as numpy rounds), from a plain list: a page
    shows a few outlets, and a Series per step cost more than the numbers.

    >>> _percents(pd.Series([0.25, 0.125, 1.0]))
    ['25%', '12%', '100%']
    """
    return [f"{int(round(100 * share))}%" for share in shares.tolist()]


def _per_outlet_sections(tables: dict[str, pd.DataFrame], articles: pd.DataFrame) -> list[tuple[str, str]]:
    """The sections of a story page that read each outlet on its own: naming, sourcing, the marked articles."""
    empty = pd.DataFrame()
    sections = []
    naming = tables.get("naming")
    if naming is not None and not naming.empty:
        forms = naming.groupby("concept")["variant"].transform("nunique")
        differing = naming[forms > 1]
        if not differing.empty:
            pivot = differing.pivot_table(index=["concept", "variant"], columns="outlet", values="count",
                                          fill_value=0, aggfunc="sum").reset_index()
            sections.append(("Naming differences", "<p>Each row is one way of writing a name, with how often each "
                             "outlet wrote it: outlets in different rows name the same thing differently.</p>"
                             + reader_table(pivot, {"concept": "name", "variant": "written as",
                                                    **{o: f"times in {o}" for o in pivot.columns[2:]}}).data))

    quotes = tables.get("quotes")
    if quotes is not None and not quotes.empty:
        sourcing = outlet_summary(voices_table(quotes, articles))
        sourcing = sourcing.assign(direct_share=_percents(sourcing["direct_share"]),
                                   anonymous_share=_percents(sourcing["anonymous_share"]))
        sections.append(("Who gets to speak", "<p>Each outlet's attributions in this story: how many, to how many "
                         "named speakers, and how many in the speakers' own words or from unnamed sources.</p>"
                         + reader_table(sourcing, {"outlet": "outlet", "quotes": "attributions",
                                                   "speakers": "named speakers",
                                                   "words_quoted": "words in quotation marks",
                                                   "direct_share": "in their own words",
                                                   "anonymous_share": "unnamed sources"}).data))

    markers = tables.get("markers")
    sections.append(("The articles side by side, with their markers highlighted",
                     "<p>Each colour (and underline style) is one type of marker; under each article, every "
                     "highlighted word is explained.</p>"
                     + render_side_by_side(articles, markers if markers is not None else empty.assign(article_id=[]),
                                           full_page=False)))

    return sections
