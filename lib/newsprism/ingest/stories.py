"""Group a folder's articles into stories: the articles that report one event.

Comparing how outlets tell a story only means something between articles about the same
event; a folder exported from Media Cloud or GDELT holds many. Two articles belong to one story
when they use the same rarer words (names, places, numbers, key terms: TF-IDF cosine of their
headline and body) and were published within a few days of each other. Articles are grouped
by average linkage: two groups merge while the mean similarity of all their article pairs is at
least ``STORY_SIMILARITY`` and the group's dates span at most ``STORY_WINDOW_DAYS``; one strong
link (a shared quote, a wire copy) cannot chain two events together as single linkage would.

A ``story`` given in the manifest (or a record's ``story`` field) wins: articles given the same
story form it, whatever their words, and are not grouped with the others. A folder of fewer
than ``MIN_ARTICLES_TO_GROUP`` articles is one story: the folder is taken to be what its maker
says it is, one event, rather than split on too little evidence.

Measured on BASIL's 150 dev articles (50 events, each told by Fox News, The New York Times and
HuffPost) in one folder: see ``bench/bench_stories.py``.
"""

from __future__ import annotations

import datetime as dt
import functools
import heapq
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable

import pandas as pd

from newsprism.text.parallel import MIN_STORIES_FOR_PROCESSES, map_in_processes, release_memory
from newsprism.text.rows import records

#: Articles of one story are published within this many days of each other (first to last).
STORY_WINDOW_DAYS = 3
#: Least mean TF-IDF cosine between the articles of two groups for them to be one story.
STORY_SIMILARITY = 0.15
#: A folder with fewer articles (not counting those the manifest places) is taken as one story:
#: word weights drawn from a handful of articles cannot tell a name from a common word (on BASIL,
#: before this rule, 13 of the 50 three-article events were split when grouped alone).
MIN_ARTICLES_TO_GROUP = 10
#: Each article is compared only with articles sharing one of its this many most telling terms.
CANDIDATE_TERMS = 12
#: How many stories a warning names.
STORIES_NAMED = 5
#: From this many articles, the memory the grouping's term tables took goes back to the system when it is done
#: (:func:`~newsprism.text.parallel.release_memory`): 01-ingest groups the stories while its workers parse, and
#: holds on to that memory for the rest of the parse (0.17 GB at 10,000 articles, measured with psutil).
RELEASE_FROM_ARTICLES = 1_000
STORIES_COLUMNS = ["story", "label", "articles", "outlets", "first_published", "last_published", "given"]

_TERM = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|\d[\d,.]*\d")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+|\n")
_CALENDAR = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december".split())


@functools.lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS  # a word list: no model is loaded

    return frozenset(STOP_WORDS)


def story_terms(headline: str, body: str) -> tuple[Counter, set[str]]:
    """The terms of an article (lower case, stop words left out; the headline counts twice) and
    those its body writes with a capital inside a sentence: the names, which label a story.

    >>> terms, names = story_terms("Blinken Meets Lavrov", "The talks in Geneva ended. Blinken said 12 things.")
    >>> terms["blinken"], terms["geneva"], "the" in terms, sorted(names)
    (3, 1, False, ['geneva'])
    """
    stop = _stop_words()
    # Counted a list at a time (Counter.update counts in C): the terms come in the same order, so the
    # counts, and the vectors made from them, are the same dict in the same order as term by term.
    heading = [low for low in map(str.lower, _TERM.findall(headline)) if len(low) >= 3 and low not in stop]
    counts: Counter = Counter(heading)
    counts.update(heading)
    # The body's terms in one scan: no term holds a space, and sentences break only at spaces, so they are the
    # terms of its sentences one after the other.
    terms = _TERM.findall(body)
    lows = list(map(str.lower, terms))
    counts.update([low for low in lows if len(low) >= 3 and low not in stop])
    # A name is written with a capital inside a sentence: more capitalised uses of it than at a sentence's start.
    # Headlines capitalise every word, and calendars are no story's subject.
    capitalised = Counter([low for term, low in zip(terms, lows) if term[0].isupper()])
    first = Counter()
    for sentence in _SENTENCE_BREAK.split(body):
        found = _TERM.search(sentence)
        if found is not None and found.group()[0].isupper():
            first[found.group().lower()] += 1
    names = {low for low, uses in capitalised.items()
             if uses > first[low] and len(low) >= 3 and low not in stop and low not in _CALENDAR}
    return counts, names


def _day(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _vectors(term_counts: list[Counter]) -> list[dict[str, float]]:
    """Unit-length TF-IDF vectors (sublinear term frequency, smoothed inverse document frequency:
    in a folder of two articles every shared term would otherwise weigh nothing)."""
    document_frequency = Counter(term for counts in term_counts for term in counts)
    total = len(term_counts)
    # Each term's inverse frequency computed once, not once per article using it (the same floats).
    inverse = {term: 1 + math.log((1 + total) / (1 + n)) for term, n in document_frequency.items()}
    vectors = []
    for counts in term_counts:
        weights = {term: (1 + math.log(n)) * inverse[term] for term, n in counts.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        vectors.append({term: w / norm for term, w in weights.items() if w > 0})
    return vectors


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(weight * b.get(term, 0.0) for term, weight in a.items())


def _similar_pairs(vectors: list[dict[str, float]], days: list[dt.date | None], window: int) -> dict:
    """Cosine of each pair of articles that share a telling term and are close enough in time.

    Only pairs that share one of each other's ``CANDIDATE_TERMS`` heaviest terms are compared,
    so the work grows with the articles of one term, not with the square of the folder.
    """
    by_term: dict[str, list[int]] = defaultdict(list)
    for i, vector in enumerate(vectors):
        for term in heapq.nsmallest(CANDIDATE_TERMS, vector, key=lambda t: (-vector[t], t)):
            by_term[term].append(i)
    pairs: dict[tuple[int, int], float] = {}
    for members in by_term.values():
        for x, i in enumerate(members):
            for j in members[x + 1:]:
                key = (min(i, j), max(i, j))
                if key in pairs:
                    continue
                if days[i] and days[j] and abs((days[i] - days[j]).days) > window:
                    continue
                pairs[key] = _cosine(vectors[i], vectors[j])
    return pairs


def _average_linkage(vectors: list[dict[str, float]], pairs: dict, days: list[dt.date | None], window: int,
                     threshold: float) -> list[int]:
    """Group number of each article: average-linkage merging, started from the similar pairs.

    Two groups are candidates to merge only when some pair of their articles was found similar;
    their average is then taken over every pair of their articles (pairs the search skipped are
    computed), so a group of many articles merges only when most of them agree.
    """
    count = len(vectors)
    members = {i: [i] for i in range(count)}
    span = {i: (days[i], days[i]) for i in range(count)}
    sums: dict[int, dict[int, float]] = defaultdict(dict)  # group -> neighbouring group -> sum over all pairs
    for (i, j), similarity in pairs.items():
        sums[i][j] = sums[j][i] = similarity

    def total(a: int, b: int) -> float:
        if b not in sums[a]:
            value = sum(pairs.get((min(i, j), max(i, j))) or _cosine(vectors[i], vectors[j])
                        for i in members[a] for j in members[b])
            sums[a][b] = sums[b][a] = value
        return sums[a][b]

    heap = [(-similarity, i, j) for (i, j), similarity in pairs.items() if similarity >= threshold]
    heapq.heapify(heap)
    next_group = count
    while heap:
        negative, a, b = heapq.heappop(heap)
        if a not in members or b not in members:
            continue  # one of them has merged since
        dated = [d for d in (*span[a], *span[b]) if d]
        if dated and (max(dated) - min(dated)).days > window:
            continue
        group = next_group
        next_group += 1
        neighbours = (set(sums[a]) | set(sums[b])) - {a, b}
        merged = {other: total(a, other) + total(b, other) for other in neighbours}
        members[group] = members.pop(a) + members.pop(b)
        span[group] = (min(dated), max(dated)) if dated else (None, None)
        for old in (a, b):
            for other in sums.pop(old):
                sums[other].pop(old, None)
        for other, value in merged.items():
            sums[group][other] = sums[other][group] = value
            average = value / (len(members[group]) * len(members[other]))
            if average >= threshold:
                heapq.heappush(heap, (-average, min(group, other), max(group, other)))
    assignment = [0] * count
    for number, group in enumerate(members.values()):
        for i in group:
            assignment[i] = number
    return assignment


def find_stories(articles: pd.DataFrame, window_days: int = STORY_WINDOW_DAYS,
                 min_similarity: float = STORY_SIMILARITY) -> tuple[pd.Series, pd.DataFrame]:
    """Which story each article reports, and the ``stories`` table.

    Returns the story id of each article (a Series on ``articles``' index: "1", "2", ... numbered
    by size, then by date) and one row per story: ``story``, ``label`` (its most telling names),
    ``articles``, ``outlets`` (names joined by "; "), ``first_published``, ``last_published`` and
    ``given`` (true when the manifest named it). A non-empty ``story`` column in ``articles`` wins.

    >>> articles = pd.DataFrame({
    ...     "headline": ["Ferry strike ends in Helsinki", "Helsinki ferry crews accept offer", "Tram line opens"],
    ...     "body": ["Ferry crews in Helsinki ended their strike.", "The ferry crews in Helsinki accepted the offer.",
    ...              "The new tram line in Tampere opened on Monday."],
    ...     "outlet": ["Courier", "Gazette", "Courier"], "published": ["2024-03-05", "2024-03-06", "2024-03-06"]})
    >>> story, stories = find_stories(articles)  # a small folder: one story
    >>> story.tolist(), stories[["story", "articles", "outlets"]].values.tolist()
    (['1', '1', '1'], [['1', 3, 'Courier; Gazette']])
    >>> story, stories = find_stories(pd.concat([articles] * 4, ignore_index=True))
    >>> story.tolist()[:3], stories[["story", "label", "articles"]].values.tolist()
    (['1', '1', '2'], [['1', 'Helsinki', 8], ['2', 'Tampere', 4]])
    """
    story, stories = _grouped(articles, window_days, min_similarity)
    if len(articles) >= RELEASE_FROM_ARTICLES:
        release_memory()
    return story, stories


def _grouped(articles: pd.DataFrame, window_days: int, min_similarity: float) -> tuple[pd.Series, pd.DataFrame]:
    """:func:`find_stories`' work: its term tables are freed when this returns."""
    given = articles["story"].fillna("").astype(str).str.strip() if "story" in articles else \
        pd.Series("", index=articles.index)
    headlines = articles["headline"].fillna("").astype(str).tolist()
    bodies = articles["body"].fillna("").astype(str).tolist()
    analysed = [story_terms(h, b) for h, b in zip(headlines, bodies)]
    term_counts = [counts for counts, _ in analysed]
    days = [_day(value) for value in articles.get("published", pd.Series("", index=articles.index))]
    free = [i for i, name in enumerate(given) if not name]
    vectors = _vectors(term_counts)
    free_vectors = [vectors[i] for i in free]
    free_days = [days[i] for i in free]
    if len(free) < MIN_ARTICLES_TO_GROUP:
        groups = [0] * len(free)  # too few articles to tell a name from a common word: one story
    else:
        groups = _average_linkage(free_vectors, _similar_pairs(free_vectors, free_days, window_days), free_days,
                                  window_days, min_similarity)
    keys: list[tuple[bool, object]] = [(True, name) for name in given]
    for position, i in enumerate(free):
        keys[i] = (False, groups[position])
    by_key: dict[tuple, list[int]] = defaultdict(list)
    for i, key in enumerate(keys):
        by_key[key].append(i)

    def order(key: tuple) -> tuple:
        dated = [days[i] for i in by_key[key] if days[i]]
        return (-len(by_key[key]), min(dated) if dated else dt.date.max, min(by_key[key]))

    ids = {key: str(number) for number, key in enumerate(sorted(by_key, key=order), start=1)}
    rows = []
    for key in sorted(by_key, key=order):
        chosen = by_key[key]
        dated = sorted(days[i] for i in chosen if days[i])
        outlets = sorted({str(articles["outlet"].iloc[i]) for i in chosen if str(articles["outlet"].iloc[i])})
        rows.append({
            "story": key[1] if key[0] else ids[key],
            "label": _label([vectors[i] for i in chosen], [analysed[i][1] for i in chosen], headlines, chosen),
            "articles": len(chosen),
            "outlets": "; ".join(outlets),
            "first_published": dated[0].isoformat() if dated else "",
            "last_published": dated[-1].isoformat() if dated else "",
            "given": key[0],
        })
    _date_repeated_labels(rows)
    story = pd.Series([key[1] if key[0] else ids[key] for key in keys], index=articles.index, dtype=object)
    return story, pd.DataFrame(rows, columns=STORIES_COLUMNS)


def _date_repeated_labels(rows: list[dict]) -> None:
    """Add its first date to the label of each story whose label another story has too.

    A recurring event (a monthly rally, a court's hearings) gives its stories the same names; the
    label is how a reader tells them apart in the warning, the coverage table and the story pages.
    """
    repeated = Counter(row["label"] for row in rows if row["label"])
    for row in rows:
        if repeated[row["label"]] > 1 and row["first_published"]:
            row["label"] = f"{row['label']} ({row['first_published']})"


def _label(vectors: list[dict[str, float]], names: list[set[str]], headlines: list[str], chosen: list[int],
           size: int = 3) -> str:
    """A story's label: the names most of its articles use, heaviest first, as written in a headline."""
    weight: Counter = Counter()
    for vector, named in zip(vectors, names):
        for term, value in vector.items():
            if term in named:
                weight[term] += value
    shared = [term for term, _ in weight.most_common() if sum(term in named for named in names) * 2 >= len(names)]
    picked = (shared or [term for term, _ in weight.most_common()])[:size]
    spelled = {}
    for i in chosen:
        for match in _TERM.finditer(headlines[i]):
            spelled.setdefault(match.group().lower(), match.group())
    return " · ".join(spelled.get(term, term.capitalize()) for term in picked)


def stories_warning(stories: pd.DataFrame) -> str | None:
    """A sentence for the console and the top of the report when the articles are more than one story.

    >>> table = pd.DataFrame({"story": ["1", "2"], "label": ["Helsinki · Ferry", "Tampere · Tram"],
    ...                       "articles": [8, 4], "given": [False, False]})
    >>> print(stories_warning(table))
    these 12 articles look like 2 different stories (1: Helsinki · Ferry, 8 articles; 2: Tampere · Tram, 4 articles); outlets are compared only within each story, and each finding names its story: if the grouping is wrong, name each file's story in a story column of manifest.csv, or put each story in a folder of its own
    >>> stories_warning(table.head(1)) is None
    True
    """
    if len(stories) < 2:
        return None
    listed = "; ".join(f"{row.story}: {row.label or 'no shared names'}, {row.articles} article{'s' if row.articles != 1 else ''}"
                       for row in stories.head(STORIES_NAMED).itertuples())
    more = f"; and {len(stories) - STORIES_NAMED} more" if len(stories) > STORIES_NAMED else ""
    return (f"these {int(stories['articles'].sum())} articles look like {len(stories)} different stories ({listed}{more}); "
            "outlets are compared only within each story, and each finding names its story: if the grouping is "
            "wrong, name each file's story in a story column of manifest.csv, or put each story in a folder of its own")


def story_rows(articles: pd.DataFrame, min_outlets: int = 1) -> list[tuple[str, list[int]]]:
    """Each story of ``articles`` with the positions (0-based row numbers) of its articles.

    Stories come in the order of their first article. Articles lacking a ``story`` column or value
    form one story named "". Every cross-outlet comparison runs once per story: two articles of
    different stories are never compared. With ``min_outlets``, only the stories that many outlets
    told (``min_outlets=2``: those a comparison across outlets can say anything of; in a corpus most
    stories may be one outlet's).

    >>> articles = pd.DataFrame({"article_id": ["a", "b", "c"], "story": ["2", "1", "2"], "outlet": ["X", "X", "Y"]})
    >>> story_rows(articles), story_rows(articles.drop(columns="story"))
    ([('2', [0, 2]), ('1', [1])], [('', [0, 1, 2])])
    >>> story_rows(articles, min_outlets=2)
    [('2', [0, 2])]
    """
    if min_outlets > 1:
        outlets = articles["outlet"]
        return [(story, positions) for story, positions in story_rows(articles)
                if outlets.iloc[positions].nunique() >= min_outlets]
    if "story" not in articles.columns:
        return [("", list(range(len(articles))))]
    rows: dict[str, list[int]] = {}
    for position, story in enumerate(articles["story"]):
        rows.setdefault("" if pd.isna(story) else str(story), []).append(position)
    return list(rows.items())


def stories_largest_first(articles: pd.DataFrame, min_outlets: int = 1) -> list[tuple[str, list[int]]]:
    """:func:`story_rows`, the stories with most articles first (a tie in the order of first article).

    The order in which a corpus' comparisons are reported (its findings, its sentence alignment).

    >>> articles = pd.DataFrame({"article_id": ["a", "b", "c"], "story": ["2", "1", "1"], "outlet": ["X", "X", "Y"]})
    >>> [story for story, _ in stories_largest_first(articles)]
    ['1', '2']
    """
    return sorted(story_rows(articles, min_outlets), key=lambda story: -len(story[1]))


def story_of_articles(articles: pd.DataFrame) -> dict[object, str]:
    """Article id -> its story ("" when the articles name none), for tables keyed by ``article_id``.

    >>> story_of_articles(pd.DataFrame({"article_id": ["a", "b"], "story": ["1", "2"]}))
    {'a': '1', 'b': '2'}
    """
    ids = articles["article_id"].tolist()
    return {ids[i]: story for story, positions in story_rows(articles) for i in positions}


def for_each_story(articles: pd.DataFrame, compare: Callable[..., pd.DataFrame],
                   *by_article: pd.DataFrame, min_outlets: int = 1, workers: int = 1,
                   several: bool | None = None) -> pd.DataFrame:
    """``compare(articles, *by_article)`` once per story, on that story's articles and rows.

    ``by_article`` are tables with an ``article_id`` column; each call gets the rows of the story's
    articles. With one story this is a single call on everything, its table as it is; with more,
    the tables are joined, each row led by its ``story``. A story told by fewer than ``min_outlets``
    outlets is not compared at all (see :func:`story_rows`). From
    :data:`~newsprism.text.parallel.MIN_STORIES_FOR_PROCESSES` stories on, ``workers`` processes compare
    them at once (``compare`` must then be picklable: a module's function or a ``functools.partial``);
    each story's rows depend on its own tables alone, so the table is the same. ``several=True`` treats
    the articles as some of a corpus' stories even when they are one (a slice of a corpus: its rows
    are led by their ``story`` as the whole corpus' are); ``None`` decides from the articles.

    >>> articles = pd.DataFrame({"article_id": ["a", "b", "c"], "outlet": ["X", "Y", "X"], "story": ["1", "1", "2"]})
    >>> outlets = lambda arts: pd.DataFrame({"outlets": [arts.outlet.nunique()]})
    >>> for_each_story(articles, outlets).values.tolist()
    [['1', 2], ['2', 1]]
    >>> for_each_story(articles, outlets, min_outlets=2).values.tolist()
    [['1', 2]]
    >>> for_each_story(articles.head(2), outlets).values.tolist()
    [[2]]
    """
    stories = story_rows(articles)
    if not several_stories(stories, several):
        return compare(articles, *by_article)
    story_of = story_of_articles(articles)
    split = [rows_by_story(table, table["article_id"].map(story_of)) for table in by_article]
    compared = story_rows(articles, min_outlets) if min_outlets > 1 else stories
    if not compared:  # nothing to compare: the table of no story, with its columns
        found = compare(articles.iloc[:0], *(table.iloc[:0] for table in by_article))
        return found.assign(story=pd.Series(dtype=object))[["story", *found.columns]]
    tasks = [(articles.iloc[positions], *(rows.get(story, table.iloc[:0]) for rows, table in zip(split, by_article)))
             for story, positions in compared]
    found_by_story = map_in_processes(functools.partial(_call, compare), tasks, workers, MIN_STORIES_FOR_PROCESSES,
                                      fresh=True)
    return joined_rows([found.assign(story=story)[["story", *found.columns]]
                        for (story, _), found in zip(compared, found_by_story)])


def joined_rows(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Tables of the same columns as one, each column's type that of all the rows (a concat would let a
    table whose column is empty decide it); the first table's columns.

    >>> joined_rows([pd.DataFrame({"n": [None]}), pd.DataFrame({"n": [2]})]).n.tolist()
    [nan, 2.0]
    """
    return pd.DataFrame([row for frame in frames for row in records(frame)], columns=frames[0].columns)


def several_stories(stories: list, several: bool | None = None) -> bool:
    """Whether comparisons treat the articles as a corpus' stories: ``several`` when given, else more than one story.

    A slice of a corpus passes ``several=True``: its rows are led by their story even when it holds one.

    >>> several_stories([("1", [0])]), several_stories([("1", [0])], several=True)
    (False, True)
    """
    return len(stories) > 1 if several is None else several


def _call(function: Callable, arguments: tuple):
    return function(*arguments)


def rows_by_story(table: pd.DataFrame, stories: Iterable) -> dict[object, pd.DataFrame]:
    """The rows of ``table`` of each story, given each row's story, found in one pass over the rows.

    A story with no row is absent; rows keep their order.

    >>> table = pd.DataFrame({"article_id": ["a", "b", "a"], "n": [1, 2, 3]})
    >>> {story: rows.n.tolist() for story, rows in rows_by_story(table, ["1", "2", "1"]).items()}
    {'1': [1, 3], '2': [2]}
    """
    positions: dict[object, list[int]] = {}
    for position, story in enumerate(stories):
        positions.setdefault(story, []).append(position)
    # One selection of the rows, story after story, then each story's rows as a run of them: a selection per
    # story copied every column once per story (at 10,000 articles, a tenth of 05's work). The stories'
    # runs share the one table of selected rows (a story's rows are read, not written in place).
    ordered = table.iloc[[row for rows in positions.values() for row in rows]]
    found, start = {}, 0
    for story, rows in positions.items():
        found[story] = ordered.iloc[start:start + len(rows)]
        start += len(rows)
    return found
