"""Findings: the differences between outlets, said in plain sentences, each with its evidence.

:func:`generate_findings` reads whichever analysis tables a run produced and writes
one sentence per difference a reader should notice, for example::

    Sputnik International introduces Antony Blinken's statements with 'claimed' 2 times out of 6; VOI (Jakarta) never does.
    Only Sputnik International quotes Russian officials (Maria Zakharova, Yury Ushakov).
    Sputnik International writes Kiev (5 times); VOI (Jakarta) writes Kyiv (2 times).

Every outlet name, count and example is computed from the tables; nothing is
written for particular articles. Each finding needs evidence: a frequency contrast
needs at least ``min_count`` occurrences in the outlet that stands out, and a
contrast of presence ("only X quotes ...") needs the quotes themselves. With
more than two outlets the sentences say "only X", "all outlets except Z" or rank
the outlets.

Each topic (voices, naming, framing, sourcing, selection) is one module of
:mod:`newsprism.compare.topics`, registered in order in its ``REGISTRY`` with its base
weight; this module runs them and orders their rows for a reader.

Tables used (any may be missing; the findings that need it are then skipped):

=================  ===================================================================
``articles``       article_id, outlet, headline, body, word_count, credits
``quotes``         article_id, speaker, speaker_mention, cue, cue_lemma, stance,
                   anonymous, content_start, content_end, cue_start, cue_end
``quote_pairs``    speaker, similarity, diff, article_id_a/_b, outlet_a/_b, kind_a/_b,
                   content_a/_b (``newsprism.quotes.pairs.align_quotes``)
``naming``         concept, variant, outlet, count
``entities``       article_id, start, end, text, actor, role (roles of speakers)
``markers``        article_id, type, text, start, end, category, about, where
``exclusive_mentions``  from :func:`newsprism.compare.mentions.exclusive_mentions`
``alignment``      from :func:`newsprism.compare.align.align_sentences`
=================  ===================================================================
"""

from __future__ import annotations

import functools
import math
from collections import Counter

import pandas as pd

from newsprism.compare.topics import REGISTRY
from newsprism.compare.topics.common import FindingOptions, RunTables, join_names
from newsprism.compare.verify import verify_findings
from newsprism.ingest.stories import (rows_by_story, several_stories, stories_largest_first, story_of_articles,
                                      story_rows)
from newsprism.text.datafiles import read_data_csv
from newsprism.text.parallel import MIN_STORIES_FOR_PROCESSES, map_in_processes
from newsprism.text.rows import records

__all__ = ["DROPPED_COLUMNS", "FINDING_COLUMNS", "TOPICS", "generate_findings", "join_names", "verify_findings"]

FINDING_COLUMNS = ["topic", "finding", "evidence", "weight", "outlets", "claim", "measured_as", "caution"]
# Below this share of rows found right by hand, a kind of finding is shown as "check this".
TRUSTED_PRECISION = 0.9
#: Fewer findings checked than this say too little: two right of two is no 90% (its 95% interval
#: reaches down to 16%). A kind checked fewer times stays "check this" whatever its share.
MIN_CHECKED = 10
#: A kind right in no more than half of at least UNSTATED_MIN_CHECKED hand checks (no better than a coin
#: toss) is not stated at all: a false finding is worse than none. Its markers stay in the articles and tables; the finding is set
#: aside with the reason (``dropped``).
UNSTATED_AT_MOST, UNSTATED_MIN_CHECKED = 0.5, 5
#: A kind whose hand checks allow a share of right findings this low or lower does not lead the report.
LEADING_AT_LEAST = 0.6
# The findings a check against the articles' raw text did not confirm, with the reason.
DROPPED_COLUMNS = [*FINDING_COLUMNS, "reason"]
# Every topic, in the order of the registry (``newsprism.compare.topics``).
TOPICS = tuple(topic.name for topic in REGISTRY)


def generate_findings(tables: dict[str, pd.DataFrame], min_count: int = 2, max_examples: int = 4,
                      dropped: list | None = None, workers: int = 1, several: bool | None = None,
                      split: dict[str, dict[str, pd.DataFrame]] | None = None) -> pd.DataFrame:
    """Plain-sentence findings comparing the outlets, strongest first.

    ``tables`` maps table names (``articles``, ``quotes``, ``quote_pairs``, ``naming``,
    ``entities``, ``markers``, ``exclusive_mentions``, ``alignment``) to DataFrames; missing tables
    are skipped. ``min_count`` is the least number of occurrences that makes a
    frequency contrast ("uses 'claimed' 2 times"); ``max_examples`` caps the quoted
    examples per sentence.

    Outlets are compared within each story (the articles' ``story`` column). When the articles hold
    more than one story, each story's findings come in turn (most articles first), each sentence
    starts with its story ("In story 2 (label): ...", the label from a ``stories`` table) and the
    table starts with a ``story`` column.

    Rows are ordered for a reader: the strongest finding of each topic first
    (topics in turn, strongest first), then the second of each topic, and so on.

    Columns: ``topic`` (one of ``TOPICS``: voices | naming | framing | sourcing | selection),
    ``finding`` (one sentence), ``evidence`` (JSON list of ``{article_id, start,
    end, text}``, offsets into the article body; a credit outside the body has
    ``start``/``end`` null and a ``where``), ``weight`` (ordering: higher first),
    ``outlets`` (the outlets the finding is about, comma-separated), ``claim`` (JSON: what the
    sentence asserts, for its check; "" when only its evidence is checked), ``measured_as``
    (the kind of finding, for its measured precision) and ``caution`` (a sentence for the
    reader when that kind was right less than 90% of the time in a hand check, see
    :func:`caution_for`; "" otherwise).

    Pass a list as ``dropped`` (a run always does) and every finding is checked before it
    is stated, against the articles' raw text and not the tables that produced it
    (:func:`newsprism.compare.verify.verify_findings`): its evidence must be at its
    offsets, and its claim must hold ("only X quotes Y": Y's name is near no reporting
    verb in another outlet). A finding that fails is left out and appended to
    ``dropped`` (``DROPPED_COLUMNS``: the same columns and ``reason``, a sentence saying
    what the text showed). Without ``dropped`` nothing is checked: hand-built tables whose
    offsets are illustrative keep their findings.

    With several stories, ``workers`` processes find the stories' findings at once (from
    :data:`MIN_STORIES_FOR_PROCESSES` stories on): each story's findings depend on its own
    tables alone, so the table is the same whatever ``workers`` is. ``several=True`` treats the articles
    as some of a corpus' stories even when they are one (each finding names its story); ``None`` decides
    from the articles. ``split``: ``story_tables(tables, articles)``, when the caller has it already (05 writes
    the stories' pages from the same split).

    >>> import pandas as pd
    >>> naming = pd.DataFrame({"concept": ["Kyiv", "Kyiv"], "variant": ["Kiev", "Kyiv"],
    ...                        "outlet": ["Sputnik", "VOI"], "count": [5, 2]})
    >>> generate_findings({"naming": naming}).finding.tolist()
    ['Sputnik writes Kiev (5 times); VOI writes Kyiv (2 times).']
    """
    articles = tables.get("articles")
    stories = story_rows(articles) if isinstance(articles, pd.DataFrame) and "article_id" in articles else []
    if not several_stories(stories, several):
        return _story_findings(tables, min_count, max_examples, dropped)
    # Outlets are compared within each story, the stories with most articles first; each finding
    # names its story, and the findings table gets a ``story`` column.
    labels = _story_labels(tables.get("stories"))
    split = story_tables(tables, articles) if split is None else split
    frames = []
    # Every finding contrasts outlets: a story one outlet told has none to give, and is skipped.
    compared = [story for story, _ in stories_largest_first(articles, min_outlets=2)]
    find = functools.partial(_checked_story_findings, min_count=min_count, max_examples=max_examples,
                             check=dropped is not None)
    results = map_in_processes(find, (split[story] for story in compared), workers, MIN_STORIES_FOR_PROCESSES,
                               fresh=True)
    for story, (found, story_dropped) in zip(compared, results):
        named = f"In story {story}{labels.get(story, '')}: "
        frames.append(found.assign(finding=named + found.finding.astype(str), story=story)[["story", *FINDING_COLUMNS]])
        if dropped is not None:
            dropped.extend({**row, "finding": named + str(row["finding"])} for row in story_dropped)
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["story", *FINDING_COLUMNS])


def _story_labels(stories: object) -> dict[str, str]:
    """Story id -> " (its label)" from the ``stories`` table ("" when it has no label or there is no table)."""
    if not isinstance(stories, pd.DataFrame) or not {"story", "label"} <= set(stories.columns):
        return {}
    return {str(story): f" ({label})" for story, label in zip(stories.story, stories.label)
            if isinstance(label, str) and label}


def story_tables(tables: dict[str, pd.DataFrame], articles: pd.DataFrame) -> dict[str, dict[str, pd.DataFrame]]:
    """Story -> the rows of ``tables`` that belong to it (each table split in one pass).

    A table with a ``story`` column gives each story its rows (without the column); one keyed by
    ``article_id`` (or a pair's ``article_id_a``) the rows of the story's articles; any other table
    is passed whole to every story.

    >>> articles = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"], "story": ["1", "2"]})
    >>> quotes = pd.DataFrame({"article_id": ["a", "b", "b"], "speaker": ["Ann", "Bo", "Cy"]})
    >>> story_tables({"articles": articles, "quotes": quotes}, articles)["2"]["quotes"].speaker.tolist()
    ['Bo', 'Cy']
    """
    stories = [story for story, _ in story_rows(articles)]
    story_of = story_of_articles(articles)
    split: dict[str, dict[str, pd.DataFrame]] = {story: {} for story in stories}
    for name, table in tables.items():
        if name == "articles":
            table, key = articles, articles["article_id"].map(story_of)
        elif not isinstance(table, pd.DataFrame):
            key = None
        elif "story" in table.columns:
            table, key = table.drop(columns="story"), table["story"].astype(str)
        elif "article_id" in table.columns:
            key = table["article_id"].map(story_of)
        elif "article_id_a" in table.columns:
            key = table["article_id_a"].map(story_of)
        else:
            key = None
        rows = rows_by_story(table, key) if key is not None else {}
        for story in stories:
            split[story][name] = rows.get(story, table.iloc[:0]) if key is not None else table
    return split


def _checked_story_findings(tables: dict[str, pd.DataFrame], min_count: int, max_examples: int,
                            check: bool) -> tuple[pd.DataFrame, list | None]:
    """One story's findings and, when ``check``, those its check set aside (a pool's task: it returns both)."""
    dropped = [] if check else None
    return _story_findings(tables, min_count, max_examples, dropped), dropped


def _story_findings(tables: dict[str, pd.DataFrame], min_count: int, max_examples: int,
                    dropped: list | None) -> pd.DataFrame:
    """:func:`generate_findings` of one story's tables."""
    run, options = RunTables(tables), FindingOptions(min_count, max_examples)
    # The rows are ordered, set aside and checked as plain dicts, and the table is made once at the
    # end: a DataFrame per step (assign, sort, group, filter) cost more than the ordering itself.
    rows = [row for topic in REGISTRY for row in topic.findings(run, options)]
    for row in rows:
        kind = row.get("measured_as")
        row["measured_as"] = kind if isinstance(kind, str) else ""
        row["caution"] = caution_for(row["measured_as"])
    reasons = [unstated_reason(row["measured_as"]) for row in rows]
    set_aside = [{**row, "reason": reason} for row, reason in zip(rows, reasons) if reason is not None]
    rows = [row for row, reason in zip(rows, reasons) if reason is None]
    # Strongest first within each topic, and the topics taken in turns, so that the first few
    # findings already cover voices, naming, framing, sourcing and selection; within a turn, the
    # kinds hand checks found right most often first. Kinds not shown right often enough on
    # enough checks (LEADING_AT_LEAST, the lower end of what the checks allow) come after all
    # others: two right of two checked is no evidence to lead a report with. Every sort is
    # stable: rows that tie keep the order of the finders.
    topic_order = {t.name: i for i, t in enumerate(REGISTRY)}
    rows.sort(key=lambda row: (topic_order[row["topic"]], -row["weight"]))
    ranked, turns = [], Counter()  # (weak, turn, share, row): the turn counts within (weak, topic)
    for row in rows:
        share = measured_lower_bound(row["measured_as"])
        group = (share < LEADING_AT_LEAST, row["topic"])
        ranked.append((group[0], turns[group], share, row))
        turns[group] += 1
    ranked.sort(key=lambda r: (r[0], r[1], -r[2], -r[3]["weight"], topic_order[r[3]["topic"]]))
    rows = [r[3] for r in ranked]
    # A kind of finding measured as often wrong ("check this") never leads the report.
    rows.sort(key=lambda row: row["caution"] != "")
    table = pd.DataFrame(rows, columns=FINDING_COLUMNS)
    if dropped is None:
        return table
    dropped.extend({c: row[c] for c in DROPPED_COLUMNS} for row in set_aside)
    kept, failed = verify_findings(table, run.articles, run.raw)
    dropped.extend(records(failed[DROPPED_COLUMNS]))
    return kept


@functools.lru_cache(maxsize=None)
def _precision() -> dict[str, tuple[int, int, str, str, str, bool]]:
    """kind -> (correct, checked, measured_on, what, rows, unseen) from ``data/finding_precision.csv``."""
    table = read_data_csv("finding_precision")
    rows = table["rows"] if "rows" in table else pd.Series("", index=table.index)
    unseen = table["unseen"].ne("no") if "unseen" in table else pd.Series(True, index=table.index)
    return {kind: (int(correct), int(checked), on, what, counted, bool(new))
            for kind, correct, checked, on, what, counted, new
            in zip(table.kind, table.correct, table.checked, table.measured_on, table.what, rows, unseen)}


def measured_lower_bound(kind: str) -> float:
    """How low the share of right findings of ``kind`` may plausibly be, given its hand checks; 0 if never checked.

    The lower end of the 95% Wilson score interval of (right, checked): a kind right 64 times
    in 77 checks is surely right more often than one right 2 times in 2.

    >>> round(_wilson_lower(64, 77), 2), round(_wilson_lower(2, 2), 2), measured_lower_bound("never-checked")
    (0.73, 0.34, 0.0)
    """
    measured = _precision().get(kind or "")
    return _wilson_lower(measured[0], measured[1]) if measured and measured[1] else 0.0


def _wilson_lower(right: int, checked: int, z: float = 1.96) -> float:
    share = right / checked
    centre = share + z * z / (2 * checked)
    spread = z * math.sqrt(share * (1 - share) / checked + z * z / (4 * checked * checked))
    return (centre - spread) / (1 + z * z / checked)


def unstated_reason(kind: str) -> str | None:
    """Why findings of ``kind`` are not stated (right no more than half of the time in 5 or more checks), or None.

    A kind measured by its markers (scare quotes: how many flagged words were the writer's own) counts
    too: a finding that lists words which are mostly not what it calls them is mostly false.

    >>> unstated_reason("naming") is None, unstated_reason("credits")[:30]
    (True, 'not stated: when we checked 14')
    """
    measured = _precision().get(kind or "")
    if not measured or measured[1] < UNSTATED_MIN_CHECKED or measured[0] / measured[1] > UNSTATED_AT_MOST:
        return None
    correct, checked, measured_on, _, counted = measured[:5]  # counted: what a row was ("flagged scare quotes")
    return (f"not stated: when we checked {checked} {counted or 'findings of this kind'} by hand ({measured_on}), "
            f"only {correct} {'was' if correct == 1 else 'were'} right")


def trusted(correct: int, checked: int, unseen: bool = True) -> bool:
    """True when a hand check found a kind of finding right often enough to state it as a fact.

    Only a check of stories the rules were not written from counts: rules fit the stories
    they were written from better than the next ones.

    >>> trusted(9, 10), trusted(8, 10), trusted(2, 2), trusted(0, 0), trusted(9, 10, unseen=False)
    (True, False, False, False, False)
    """
    return unseen and checked >= MIN_CHECKED and correct / checked >= TRUSTED_PRECISION


def caution_for(kind: str) -> str:
    """What to tell a reader about a kind of finding not shown right often enough by a hand check ("" if none).

    A kind nobody has checked by hand is no more to be trusted than one checked and found
    often wrong: both carry a "check this".

    >>> caution_for("scare_quote")[:27]
    'Check this: when we checked'
    >>> caution_for("naming")[:40]
    'Check this: findings of this kind have n'
    """
    measured = _precision().get(kind or "")
    if not measured or not measured[1]:
        return ("Check this: findings of this kind have not been checked by hand yet. Read the evidence before "
                "you repeat this finding.")
    correct, checked, measured_on, what, rows, unseen = measured
    if trusted(correct, checked, unseen):
        return ""
    rows = rows or f"{kind.replace('_', ' ')} findings"
    verb = "was" if correct == 1 else "were"
    if correct / checked >= TRUSTED_PRECISION and checked >= MIN_CHECKED:
        return (f"Check this: when we checked {checked} {rows} by hand ({measured_on}), {correct} of them {verb} "
                f"{what}; but the rules were partly written from those stories, and on new coverage this kind "
                "has yet to be measured.")
    if correct / checked >= TRUSTED_PRECISION:
        return (f"Check this: only {checked} {rows} have been checked by hand so far ({measured_on}); {correct} of "
                f"them {verb} {what}, too few to know how often this kind is right.")
    return (f"Check this: when we checked {checked} {rows} by hand ({measured_on}), {correct} of them {verb} "
            f"{what}. Read the evidence before you repeat this finding.")
