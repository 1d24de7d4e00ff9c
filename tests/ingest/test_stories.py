"""Grouping a folder's articles into stories (events): shared names, terms and dates; a manifest wins."""

from __future__ import annotations

import pandas as pd

from newsprism.ingest.folder import ingest_folder
from newsprism.ingest.stories import MIN_ARTICLES_TO_GROUP, find_stories, stories_warning

# Three events of one week, each told by four outlets in their own words (written for these tests).
EVENTS = {
    "ferry": ("2024-03-05", [
        ("Ferry strike in Helsinki ends after two days",
         "Ferry crews in Helsinki ended their strike on Tuesday after the operator Baltic Lines raised its pay "
         "offer. Union chair Leena Virtanen said the crews would return to the Tallinn route at once."),
        ("Helsinki ferry crews accept new offer",
         "The two-day strike that stopped ferries between Helsinki and Tallinn is over. Baltic Lines said its "
         "crews had accepted a pay rise, and Leena Virtanen of the seamen's union called it fair."),
        ("Tallinn route reopens as strike ends",
         "Passengers stranded in Helsinki by the ferry strike can sail to Tallinn again from Wednesday, Baltic "
         "Lines said, after union leader Leena Virtanen announced that the crews had voted to return."),
        ("Baltic Lines settles with striking crews",
         "Baltic Lines settled its dispute with ferry crews in Helsinki on Tuesday. The strike had halted "
         "sailings to Tallinn for two days; Leena Virtanen said the union had won most of what it asked."),
    ]),
    "tram": ("2024-03-06", [
        ("Tampere opens its second tram line",
         "The second tram line in Tampere opened on Wednesday, linking the Hervanta district with the "
         "university. Mayor Kalle Ranta rode the first tram and said the line had come in under budget."),
        ("First trams roll to Hervanta",
         "Trams began carrying passengers between Hervanta and central Tampere on Wednesday. Kalle Ranta, the "
         "mayor, said the city expected twenty thousand riders a day on the new line."),
        ("Tram line finished a month early",
         "Tampere finished its new tram line to Hervanta a month ahead of plan, Mayor Kalle Ranta told "
         "reporters at the opening, and the first trams ran full all morning."),
        ("Hervanta tram opens to crowds",
         "Crowds queued in Tampere on Wednesday for the first rides on the Hervanta tram line, which Mayor "
         "Kalle Ranta opened with a speech at the university stop."),
    ]),
    "fire": ("2024-03-05", [
        ("Wildfire forces evacuations near Valencia",
         "A wildfire in the hills west of Valencia forced about two thousand people from their homes on "
         "Tuesday. Firefighters said strong winds pushed the flames towards the village of Villar."),
        ("Villar evacuated as fire spreads",
         "Residents of Villar, near Valencia, left their homes on Tuesday as a fast-moving wildfire crossed "
         "the hills. Regional firefighters said the wind made the flames hard to stop."),
        ("Firefighters battle blaze west of Valencia",
         "Hundreds of firefighters fought a blaze west of Valencia on Tuesday. The fire reached the edge of "
         "Villar, whose two thousand residents were taken to safety overnight."),
        ("Winds fan Valencia wildfire",
         "Strong winds fanned a wildfire in the hills near Valencia on Tuesday, and the authorities evacuated "
         "Villar. Firefighters said no one had been hurt."),
    ]),
}
OUTLETS = ("Courier", "Gazette", "Herald", "Post")


def _articles(events=EVENTS) -> pd.DataFrame:
    rows = []
    for event, (published, versions) in events.items():
        for outlet, (headline, body) in zip(OUTLETS, versions):
            rows.append({"event": event, "outlet": outlet, "headline": headline, "body": body, "published": published})
    return pd.DataFrame(rows)


def test_articles_of_one_event_are_one_story_and_events_are_apart():
    articles = _articles()
    story, stories = find_stories(articles)
    assert [story[group.index].nunique() for _, group in articles.groupby("event")] == [1, 1, 1]
    assert story.nunique() == 3
    assert sorted(stories["articles"]) == [4, 4, 4]
    labels = dict(zip(stories["story"], stories["label"]))
    assert "Helsinki" in labels[story[articles["event"] == "ferry"].iloc[0]]
    assert "Outlet" not in stories.columns and stories["outlets"].tolist() == ["Courier; Gazette; Herald; Post"] * 3


def test_the_same_words_months_apart_are_two_stories():
    articles = _articles({"ferry": EVENTS["ferry"], "fire": EVENTS["fire"], "tram": EVENTS["tram"]})
    later = articles[articles["event"] == "ferry"].assign(published="2024-09-05", event="ferry again")
    story, stories = find_stories(pd.concat([articles, later], ignore_index=True))
    assert len(stories) == 4
    # The two ferry stories share their names: each label says when its story began, the others stay bare.
    ferry = stories[stories["label"].str.contains("Helsinki")]["label"].tolist()
    assert len(ferry) == 2 and ferry[0].endswith("(2024-03-05)") and ferry[1].endswith("(2024-09-05)")
    assert ferry[0].removesuffix(" (2024-03-05)") == ferry[1].removesuffix(" (2024-09-05)")
    assert not stories[~stories["label"].str.contains("Helsinki")]["label"].str.contains("2024").any()


def test_a_story_given_in_the_manifest_wins():
    articles = _articles()
    articles["story"] = ""
    articles.loc[[0, 4], "story"] = "transport"  # a ferry and a tram article, by the user's choice
    story, stories = find_stories(articles)
    assert story[0] == story[4] == "transport"
    given = stories[stories["given"]]
    assert given[["story", "articles"]].values.tolist() == [["transport", 2]]


def test_a_small_folder_is_one_story():
    articles = _articles().iloc[[0, 1, 4, 5, 8]]  # five articles, three events
    assert len(articles) < MIN_ARTICLES_TO_GROUP
    story, stories = find_stories(articles)
    assert story.nunique() == 1 and stories_warning(stories) is None


def test_a_folder_of_several_stories_gets_a_warning_naming_them(tmp_path):
    articles = _articles()
    lines = ["file,outlet,published"]
    for number, row in enumerate(articles.itertuples(), start=1):
        name = f"{number:02d}_{row.event}.txt"
        (tmp_path / name).write_text(f"{row.headline}\n\n{row.body}\n", encoding="utf-8")
        lines.append(f"{name},{row.outlet},{row.published}")
    (tmp_path / "manifest.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    ingested = ingest_folder(tmp_path).articles
    assert ingested["story"].tolist() == [""] * 12  # the manifest named none
    story, stories = find_stories(ingested)
    assert story.nunique() == 3
    warning = stories_warning(stories)
    assert warning.startswith("these 12 articles look like 3 different stories (1: ")
    assert "story column of manifest.csv" in warning


def test_a_manifest_story_column_reaches_the_articles_table(tmp_path):
    (tmp_path / "a.txt").write_text("Ferry Strike Ends\n\n" + EVENTS["ferry"][1][0][1] + "\n", encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("file,outlet,story\na.txt,Courier,baltic ferries\n", encoding="utf-8")
    assert ingest_folder(tmp_path).articles["story"].tolist() == ["baltic ferries"]


def test_the_date_window_bounds_a_story():
    articles = _articles()
    articles.loc[articles["event"] == "ferry", "published"] = ["2024-03-05", "2024-03-05", "2024-03-07",
                                                               "2024-03-07"]
    ferry = articles["event"] == "ferry"
    story, _ = find_stories(articles, window_days=3)
    assert story[ferry].nunique() == 1
    story, stories = find_stories(articles, window_days=0)  # a story within one day
    assert story[ferry].nunique() >= 2
    assert (stories["first_published"] == stories["last_published"]).all()
