"""Ingest: seeds come out clean, every kind of bad input is rejected with a reason, the rest goes on."""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path

import pandas as pd
import pytest
import yaml

from newsprism.ingest.folder import ARTICLE_COLUMNS, NoUsableArticles, ingest_folder
from newsprism.ingest.metadata import find_dates, photo_credit, split_dateline
from newsprism.run.runfolder import PROJECT_ROOT

SEEDS = PROJECT_ROOT / "seeds"
EXPECTED = yaml.safe_load((Path(__file__).resolve().parents[1] / "fixtures" / "seeds_expected.yaml").read_text(encoding="utf-8"))

PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


def squash(text: str) -> str:
    return " ".join(text.split())


def story(topic: str, place: str = "OSLO") -> str:
    """A small hand-written news article (headline line, dateline, three paragraphs)."""
    return (
        f"Council Delays Vote On {topic.title()}\n"
        f"{place} - The city council postponed its vote on the {topic} plan on Tuesday, "
        "saying it needed more time to study the costs.\n"
        f'"We will not rush a decision that affects every household," said council leader Ingrid Moe.\n'
        f"Opponents of the {topic} plan welcomed the delay and promised to keep collecting signatures.\n"
    )


@pytest.fixture(scope="module")
def seeds():
    return ingest_folder(SEEDS)


def seed_row(seeds, file: str) -> pd.Series:
    return seeds.articles.set_index("file").loc[file]


# --- the seeds ------------------------------------------------------------------------------


@pytest.mark.parametrize("expected", EXPECTED["articles"], ids=lambda e: e["file"])
def test_seed_body_starts_and_ends_where_the_answer_key_says(seeds, expected):
    body = squash(seed_row(seeds, expected["file"])["body"])
    assert body.startswith(expected["body_first"])
    assert body.rstrip(" .\"'”’").endswith(expected["body_last"])


@pytest.mark.parametrize("expected", EXPECTED["articles"], ids=lambda e: e["file"])
def test_seed_furniture_is_gone_from_body_and_kept_for_the_reader(seeds, expected):
    row = seed_row(seeds, expected["file"])
    removed = json.loads(row["furniture"])
    for snippet in expected["boilerplate"]:
        assert snippet not in row["body"], snippet
        assert any(snippet in squash(line) for line in removed), snippet


@pytest.mark.parametrize("expected", EXPECTED["articles"], ids=lambda e: e["file"])
def test_seed_metadata(seeds, expected):
    row = seed_row(seeds, expected["file"])
    assert row["outlet"] == expected["outlet"]
    assert row["dateline"] == expected["dateline"]
    assert row["headline"] == expected["headline"]
    assert json.loads(row["credits"]) == expected["credits"]
    if "published" in expected:
        assert row["published"] == expected["published"]
    assert row["language"] == "en" and row["english"]


def test_seed_table_shape_and_ids(seeds):
    articles = seeds.articles
    assert list(articles.columns) == ARTICLE_COLUMNS
    assert articles["file"].tolist() == ["000_70f9a31eafa2dbbe.txt", "001_7e561b3991aa2c65.txt"]
    assert seeds.rejected.empty
    for _, row in articles.iterrows():
        assert row["content_hash"] == hashlib.sha256(row["body"].encode("utf-8")).hexdigest()
        assert row["article_id"] == hashlib.sha256(squash(row["body"]).encode("utf-8")).hexdigest()[:12]
        assert row["word_count"] > 300
        assert "\n" in row["body"]  # paragraphs kept apart


def test_seed_furniture_table_names_a_category_per_removed_line(seeds):
    sputnik = seeds.furniture[seeds.furniture["file"] == "000_70f9a31eafa2dbbe.txt"]
    categories = dict(zip(sputnik["text"], sputnik["category"]))
    assert categories["Subscribe"] == "subscribe prompt"
    assert categories["Заголовок открываемого материала"] == "text in another script"
    assert categories["Lavrov Tells Blinken Propaganda About 'Russian Aggression' Against Ukraine Has Provocative Purposes"] == "teaser or subheading"


# --- metadata helpers ------------------------------------------------------------------------


def test_dateline_shapes():
    reuters = split_dateline("LONDON, Feb 13 (Reuters) - Talks resumed on Sunday.")
    assert (reuters.place, reuters.credit, reuters.rest) == ("LONDON", "(Reuters)", "Talks resumed on Sunday.")
    ap = split_dateline("KYIV, Ukraine (AP) — Sirens sounded across the capital.")
    assert (ap.place, ap.credit) == ("KYIV", "(AP)")
    assert split_dateline("NEW YORK - Markets fell.").place == "NEW YORK"
    assert split_dateline("WASHINGTON-based groups said so.").place == ""
    assert split_dateline("A - plus grade, said the teacher.").place == ""


def test_photo_credit_and_dates():
    assert photo_credit("© Sputnik / Ilya Pitalev / Go to the mediabank") == "© Sputnik / Ilya Pitalev"
    assert find_dates("Updated 4 May 2023, first posted 2023-05-03") == ["2023-05-04", "2023-05-03"]
    assert find_dates("on 03/04/2022") == []  # day and month ambiguous: no guess


# --- bad input ------------------------------------------------------------------------------------


def folder_snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


@pytest.fixture
def mixed_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "a_budget.txt").write_text(story("budget"), encoding="utf-8")
    (folder / "b_tram.txt").write_text(story("tram line", "BERGEN"), encoding="utf-8")
    (folder / "c_copy_of_budget.txt").write_text(story("budget"), encoding="utf-8")
    (folder / "d_empty.txt").write_bytes(b"")
    (folder / "e_blank.txt").write_text("  \n\n \t\n", encoding="utf-8")
    (folder / "f_photo.txt").write_bytes(PNG_BYTES)
    (folder / "g_report.docx").write_bytes(b"PK\x03\x04 not really a document")
    (folder / "h_huge.txt").write_text(story("bridge") + "More words about the bridge. " * 400, encoding="utf-8")
    (folder / "i_cyrillic.txt").write_bytes(("Совет отложил голосование по бюджету. " * 20).encode("cp1251"))
    (folder / "j_furniture_only.txt").write_text("Subscribe\nNewsfeed\nlog in or register\n0\n", encoding="utf-8")
    (folder / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (folder / "manifest.csv").write_text(
        "file,outlet,url,published,country\n"
        "a_budget.txt,Oslo Daily,https://oslodaily.example/budget,2023-03-01,Norway\n"
        "missing.txt,Ghost Gazette,,,\n"
        "b_tram.txt,Bergen Post,,the first of March,\n",
        encoding="utf-8",
    )
    return folder


@pytest.fixture
def mixed(mixed_folder: Path, caplog):
    with caplog.at_level(logging.WARNING, logger="newsprism"):
        result = ingest_folder(mixed_folder, max_bytes=5_000)
    warnings = [record.getMessage() for record in caplog.records if record.levelno == logging.WARNING]
    return result, warnings


def test_each_bad_input_becomes_a_reject_with_a_reason(mixed):
    result, _ = mixed
    reasons = dict(zip(result.rejected["file"], result.rejected["reason"]))
    assert reasons["c_copy_of_budget.txt"] == "duplicate of a_budget.txt (same body)"
    assert reasons["d_empty.txt"] == "empty file"
    assert reasons["e_blank.txt"] == "empty file (only whitespace)"
    assert reasons["f_photo.txt"] == "not text: looks like a PNG image"
    assert reasons["g_report.docx"].startswith("unsupported extension .docx: use .txt, .html")
    assert reasons["h_huge.txt"].startswith("larger than the 5 kB limit (") and reasons["h_huge.txt"].endswith(" kB)")
    assert "not UTF-8 text" in reasons["i_cyrillic.txt"] and "save the file as UTF-8" in reasons["i_cyrillic.txt"]
    assert reasons["j_furniture_only.txt"] == "no article text left after removing page furniture"
    assert reasons["manifest.csv row 2"] == "no file named missing.txt in the input folder"
    assert reasons["manifest.csv row 3"].startswith("published 'the first of March' is not a date")
    assert ".DS_Store" not in reasons and "manifest.csv" not in reasons
    assert len(reasons) == 10


def test_good_articles_still_come_through_with_manifest_values(mixed):
    result, _ = mixed
    articles = result.articles.set_index("file")
    assert articles.index.tolist() == ["a_budget.txt", "b_tram.txt"]
    budget = articles.loc["a_budget.txt"]
    assert (budget["outlet"], budget["published"], budget["country"]) == ("Oslo Daily", "2023-03-01", "Norway")
    assert budget["url"] == "https://oslodaily.example/budget"
    tram = articles.loc["b_tram.txt"]  # its manifest row was rejected: nothing from it is used
    assert (tram["outlet"], tram["published"], tram["dateline"]) == ("", "", "BERGEN")
    assert tram["headline"] == "Council Delays Vote On Tram Line"


def test_each_reject_is_logged_as_a_warning_naming_the_file(mixed):
    result, warnings = mixed
    logged = "\n".join(warnings)
    for file, reason in zip(result.rejected["file"], result.rejected["reason"]):
        assert f"{file} rejected: {reason}" in logged


def test_two_processes_read_a_folder_as_one_does(mixed_folder, monkeypatch):
    import newsprism.ingest.folder as folder_mod

    alone = ingest_folder(mixed_folder, max_bytes=5_000)
    monkeypatch.setattr(folder_mod, "MIN_FILES_FOR_PROCESSES", 1)  # a small folder: a pool only when told to
    pooled = ingest_folder(mixed_folder, max_bytes=5_000, workers=2)
    # The same articles, rejects (the duplicate named after the first copy) and removed lines, in the same order.
    for table in ("articles", "rejected", "furniture"):
        pd.testing.assert_frame_equal(getattr(pooled, table), getattr(alone, table))
    assert len(pooled.rejected) == 10


def test_each_record_gets_its_own_manifest_row_when_two_processes_read(tmp_path, monkeypatch):
    import newsprism.ingest.folder as folder_mod

    # A file's reading process gets only that file's manifest rows, "feed.jsonl#2" among them.
    records = [{"headline": "Harbour Strike Ends", "text": story("harbour")},
               {"headline": "School Opens Early", "text": story("school", "BERGEN")}]
    (tmp_path / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    (tmp_path / "tram.txt").write_text(story("tram"), encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("file,outlet,published\nfeed.jsonl#2,Bergen Post,2024-05-02\n"
                                           "tram.txt,Oslo Daily,2024-05-03\nfeed.jsonl,Feed Wire,2024-05-01\n",
                                           encoding="utf-8")
    alone = ingest_folder(tmp_path)
    monkeypatch.setattr(folder_mod, "MIN_FILES_FOR_PROCESSES", 1)
    pooled = ingest_folder(tmp_path, workers=2)
    pd.testing.assert_frame_equal(pooled.articles, alone.articles)
    outlets = dict(zip(pooled.articles["file"], zip(pooled.articles["outlet"], pooled.articles["published"])))
    assert outlets == {"feed.jsonl#1": ("Feed Wire", "2024-05-01"), "feed.jsonl#2": ("Bergen Post", "2024-05-02"),
                       "tram.txt": ("Oslo Daily", "2024-05-03")}


def test_size_limit_reason_gives_both_sizes(tmp_path):
    (tmp_path / "big.txt").write_text(story("harbour") + "x" * 2_000_000, encoding="utf-8")
    (tmp_path / "ok.txt").write_text(story("school"), encoding="utf-8")
    result = ingest_folder(tmp_path, max_bytes=1_500_000)
    assert result.rejected.to_dict("records") == [{"file": "big.txt", "reason": "larger than the 1.5 MB limit (2.0 MB)"}]


def test_input_folder_is_unchanged(mixed_folder):
    before = folder_snapshot(mixed_folder)
    ingest_folder(mixed_folder, max_bytes=5_000)
    assert folder_snapshot(mixed_folder) == before


def test_ingest_is_deterministic(mixed_folder):
    first = ingest_folder(mixed_folder, max_bytes=5_000)
    second = ingest_folder(mixed_folder, max_bytes=5_000)
    pd.testing.assert_frame_equal(first.articles, second.articles)
    pd.testing.assert_frame_equal(first.rejected, second.rejected)


def test_folder_with_nothing_usable_stops_with_a_clear_error(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "photo.txt").write_bytes(PNG_BYTES)
    with pytest.raises(NoUsableArticles) as error:
        ingest_folder(tmp_path)
    message = str(error.value)
    assert isinstance(error.value, ValueError)
    assert str(tmp_path) in message
    assert "empty.txt: empty file" in message and "photo.txt: not text: looks like a PNG image" in message


def test_missing_folder_is_named(tmp_path):
    with pytest.raises(NotADirectoryError, match="no_such_folder"):
        ingest_folder(tmp_path / "no_such_folder")


def test_windows_1252_text_is_read_and_other_encodings_are_not_garbled(tmp_path):
    (tmp_path / "cafe.txt").write_bytes((story("café") + "The café owners said they were relieved.\n").encode("cp1252"))
    result = ingest_folder(tmp_path)
    assert "The café owners said they were relieved." in result.articles["body"].iloc[0]


def test_utf8_copy_with_a_cut_character_is_read_and_the_bad_byte_reported(tmp_path, caplog):
    # A text browser's dump can cut a character in two; the rest of the page is good UTF-8.
    text = story("Kyiv") + "Officials in Київ said the talks would resume in the spring.\n"
    damaged = text.encode("utf-8").replace("Київ".encode("utf-8"), "Київ".encode("utf-8")[:-1], 1)
    (tmp_path / "kyiv.txt").write_bytes(damaged)
    with caplog.at_level(logging.WARNING, logger="newsprism"):
        result = ingest_folder(tmp_path)
    assert "Officials in Киї\ufffd said the talks would resume in the spring." in result.articles["body"].iloc[0]
    assert "kyiv.txt: read as UTF-8 text, 1 undecodable byte replaced by \ufffd" in caplog.messages


# --- formats -----------------------------------------------------------------------------------------

ARTICLE_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Harbour Talks Stall Over Fishing Quotas | The Coastal Courier</title>
<meta property="og:site_name" content="The Coastal Courier">
<meta property="og:title" content="Harbour Talks Stall Over Fishing Quotas">
<meta property="og:url" content="https://coastalcourier.example/2023/05/04/harbour-talks">
<meta name="author" content="Mira Halvorsen">
<meta property="article:published_time" content="2023-05-04T09:30:00Z">
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/subscribe">Subscribe</a></li></ul></nav></header>
<main><article>
<h1>Harbour Talks Stall Over Fishing Quotas</h1>
<p class="byline">By Mira Halvorsen</p>
<p>PORTLAND - Negotiators from the two fishing associations left the harbour office on Thursday without an agreement on next season's quotas, after nine hours of talks.</p>
<p>"We came with a fair offer and we leave with nothing," said Anna Berg, who chairs the northern association. She said her members would keep their boats in port.</p>
<p>The southern association said in a statement that the proposed cut of 12 percent was "the minimum the fish stocks need" and that it remained open to talks.</p>
<p>The council has until the end of May to set the quotas, or last year's limits apply automatically.</p>
</article>
<section class="comments"><h3>Comments</h3><p>Great article! Totally agree with Anna.</p><p>Log in to comment</p></section>
</main>
<footer><p>© 2023 The Coastal Courier. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body></html>
"""


def test_html_page_is_extracted_without_navigation_comments_or_footer(tmp_path):
    (tmp_path / "harbour.html").write_text(ARTICLE_PAGE, encoding="utf-8")
    row = ingest_folder(tmp_path).articles.iloc[0]
    assert row["headline"] == "Harbour Talks Stall Over Fishing Quotas"
    assert (row["outlet"], row["published"], row["dateline"]) == ("The Coastal Courier", "2023-05-04", "PORTLAND")
    assert row["url"] == "https://coastalcourier.example/2023/05/04/harbour-talks"
    assert row["body"].startswith("Negotiators from the two fishing associations")
    assert row["body"].endswith("last year's limits apply automatically.")
    for furniture in ("Home", "Subscribe", "Great article", "Log in to comment", "All rights reserved"):
        assert furniture not in row["body"]
    assert {"text": "Mira Halvorsen", "where": "byline"} in json.loads(row["credits"])


LIST_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Folk Trio Announces Spring Tour - Northern Beat</title>
<meta name="twitter:site" content="@NBeat">
<link rel="canonical" href="https://www.northernbeat.example/music/folk-trio-tour">
</head><body><article>
<h1>Folk Trio Announces Spring Tour</h1>
<p>The folk trio Vega announced on Monday a spring tour of twelve cities, their first since the band's
founder returned from a long illness, and said tickets would go on sale at the end of the week.</p>
<p>The dates are:</p>
<ul><li>March 3 Oslo</li><li>March 5 Bergen</li><li>March 9 Tromso</li></ul>
<p>The band said the tour would end with a free concert in the town where its members grew up.</p>
</article></body></html>
"""


def test_html_keeps_the_article_as_extracted_and_names_the_site_without_its_title_suffix(tmp_path):
    # a list inside the article is article text; with no og:site_name the address names the outlet,
    # and the title's " - Northern Beat" is the site's name, not the headline's
    (tmp_path / "tour.html").write_text(LIST_PAGE, encoding="utf-8")
    row = ingest_folder(tmp_path).articles.iloc[0]
    assert "March 5 Bergen" in row["body"]
    assert row["headline"] == "Folk Trio Announces Spring Tour"
    assert row["outlet"] == "northernbeat.example"


def test_markdown_article(tmp_path):
    (tmp_path / "ferry.md").write_text(
        "# Ferry Strike Ends After Two Days\n\n"
        "**HELSINKI** - The ferry crews returned to work on Friday after the union\n"
        "accepted a [new pay offer](https://example.org/offer), the operator said.\n\n"
        "> \"It is a *fair* compromise,\" union chair Leena Virtanen told reporters.\n\n"
        "![A ferry in port](ferry.jpg)\n\n"
        "Passengers had faced _long_ delays on both routes since Wednesday.\n",
        encoding="utf-8",
    )
    row = ingest_folder(tmp_path).articles.iloc[0]
    assert row["headline"] == "Ferry Strike Ends After Two Days"
    assert row["dateline"] == "HELSINKI"
    assert row["body"] == (
        "The ferry crews returned to work on Friday after the union accepted a new pay offer, the operator said.\n"
        "\"It is a fair compromise,\" union chair Leena Virtanen told reporters.\n"
        "Passengers had faced long delays on both routes since Wednesday."
    )


def test_jsonl_records_each_become_an_article_and_bad_records_are_rejected_alone(tmp_path):
    records = [
        {"title": "Council Delays Vote On Budget", "text": story("budget").split("\n", 1)[1], "source": "Oslo Daily",
         "date": "2023-03-01T08:00:00", "url": "https://oslodaily.example/b"},
        "{not json",
        {"title": "Nothing here", "text": "  "},
        {"headline": "Tram Plan Delayed", "body": story("tram line", "BERGEN"), "outlet": "Bergen Post"},
    ]
    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = ingest_folder(tmp_path)
    articles = result.articles
    assert articles["file"].tolist() == ["feed.jsonl#1", "feed.jsonl#4"]
    assert articles["outlet"].tolist() == ["Oslo Daily", "Bergen Post"]
    assert articles["published"].tolist() == ["2023-03-01", ""]
    assert articles["headline"].tolist() == ["Council Delays Vote On Budget", "Tram Plan Delayed"]
    # the record's own headline line differs from its title field, so it is not body text
    assert not articles["body"].iloc[1].startswith("Council Delays")
    reasons = dict(zip(result.rejected["file"], result.rejected["reason"]))
    assert reasons["feed.jsonl#2"].startswith("not valid JSON")
    assert reasons["feed.jsonl#3"].startswith("no article text")


def test_csv_records(tmp_path):
    table = pd.DataFrame(
        {
            "headline": ["Council Delays Vote On Budget", "Empty row"],
            "body": [story("budget").split("\n", 1)[1], ""],
            "outlet": ["Oslo Daily", "Oslo Daily"],
            "published": ["01.03.2023", ""],
        }
    )
    table.to_csv(tmp_path / "articles.csv", index=False)
    result = ingest_folder(tmp_path)
    row = result.articles.iloc[0]
    assert (row["file"], row["outlet"], row["published"], row["dateline"]) == ("articles.csv#1", "Oslo Daily", "2023-03-01", "OSLO")
    assert result.rejected.to_dict("records")[0]["file"] == "articles.csv#2"


def test_csv_without_a_text_column_is_rejected_with_the_columns_it_has(tmp_path):
    (tmp_path / "good.txt").write_text(story("budget"), encoding="utf-8")
    (tmp_path / "list.csv").write_text("name,city\nAnna,Oslo\n", encoding="utf-8")
    reason = ingest_folder(tmp_path).rejected.set_index("file").loc["list.csv", "reason"]
    assert reason == "no article text column: name the column body, text or content (columns found: city, name)"


def test_manifest_values_override_what_the_page_says(tmp_path):
    page = (
        "- Harbour Herald, 1920\n"
        "Council Delays Vote On Budget\n"
        "The mayor at the council meeting - Harbour Herald, 1920, 02.03.2023\n"
        + story("budget").split("\n", 1)[1]
    )
    (tmp_path / "budget.txt").write_text(page, encoding="utf-8")
    inferred = ingest_folder(tmp_path).articles.iloc[0]
    assert (inferred["outlet"], inferred["published"]) == ("Harbour Herald", "2023-03-02")

    (tmp_path / "manifest.yaml").write_text(
        yaml.safe_dump([{"file": "budget.txt", "outlet": "Oslo Daily", "published": "2023-03-01",
                         "headline": "Budget Vote Put Off", "country": "Norway",
                         "url": "https://oslodaily.example/b"}]),
        encoding="utf-8",
    )
    given = ingest_folder(tmp_path).articles.iloc[0]
    assert (given["outlet"], given["published"], given["headline"], given["country"], given["url"]) == (
        "Oslo Daily", "2023-03-01", "Budget Vote Put Off", "Norway", "https://oslodaily.example/b")
    assert given["body"] == inferred["body"]


COPIED_PAGE = """Skip to content
Home
World
Business
Ferry Strike Ends After Two Days of Talks in Helsinki
By Leena Virtanen
November 19, 2019
Passengers wait at the harbour in Helsinki | Photo Agency
Share this article
The ferry strike in Helsinki ended on Friday after two days of talks, when the crews accepted a new pay offer from the operator.
"It is a fair compromise for everyone who works on the ferries," union chair Leena Virtanen told reporters at the harbour.
Passengers had faced long delays on both routes since Wednesday, and the operator said all sailings would run on Saturday.
Most read
Five things to know about the new tram line
Comments
Finally! I missed my ferry twice this week and the operator never said a word about it to anyone.
Log in to comment
"""


# The readers' comments below this short article hold more text than the article itself.
COMMENTED_PAGE = COPIED_PAGE.split("Most read")[0] + """Share this:
3 responses to “Ferry Strike Ends After Two Days of Talks in Helsinki”
1. harbourwatcher says:
November 19, 2019 at 6:34 am
About time. The crews have been asking for a fair deal for years and the operator kept saying there was no money for it.
2. islandcommuter says:
November 19, 2019 at 7:02 am
I missed two sailings this week and nobody at the terminal could tell us when the next ferry would leave or whether it would leave at all.
3. oldsalt says:
November 19, 2019 at 7:45 am
Strikes like this happen every few years and every time the passengers pay for it, while the company and the union shake hands afterwards.
"""


# A cookie-consent box below the article holds more text than the article itself.
COOKIE_PAGE = COPIED_PAGE.split("Most read")[0] + """Privacy Overview
This website uses cookies to improve your experience while you navigate through the website. Out of these, the cookies that are categorised as necessary are stored on your browser as they are essential for the working of basic functionalities of the website.
Necessary cookies are absolutely essential for the website to function properly. This category only includes cookies that ensure basic functionalities and security features of the website, and they do not store any personal information.
Accept all cookies
"""


# Below the article, teasers for other stories, each with its title, author, date and opening lines.
TEASER_PAGE = COPIED_PAGE.split("Most read")[0] + """New tram line opens in Tampere
Anna Korhonen
Wednesday November 20, 2019
The first trams carried passengers through the centre of Tampere on Wednesday morning, three years after the work on the line began and a month earlier than the city had planned.
Airport train plan returns to parliament
Mikko Laine
Tuesday November 19, 2019
A plan for a direct rail link between the capital and its airport returned to parliament on Tuesday, with the transport minister saying that the costs had been checked again.
"""


# At the foot of the page, below the links, the site describes itself at more length than this short article.
FOOTER_PAGE = COPIED_PAGE.split("Most read")[0] + """Most read
Five things to know about the new tram line
Airport train plan returns to parliament
News
Sport
Culture
Opinion
Weather
About us
Contact
Advertise
Careers
The Baltic Courier is an independent daily newspaper founded in 1921, covering Helsinki, the Finnish regions and the wider Baltic world for readers at home and abroad, with reporters in six cities and a newsroom that is open to visitors on the first Monday of every month, when the editors answer questions from readers about how the paper is made, which stories it chooses to follow and why, and how its reporters check what they are told.
"""


# A comment form and a list of related stories, thirty lines in all, stand between the headline with
# its byline and the article; the related stories share more words with the article than the headline.
FORM_FIRST_PAGE = ("Ferry Strike Ends After Two Days of Talks in Helsinki\nBy Leena Virtanen\n"
                   + "Name(required) [ ]\nEmail(required) [ ]\n" + "[ ]\n" * 24 + "Submit\n"
                   + "Ferry strike in Helsinki: the talks day by day\nFerry crews reject the pay offer\n"
                   + COPIED_PAGE.split("Share this article\n")[1])


ARTICLE_LINES = COPIED_PAGE.split("Share this article\n")[1]

# The byline names the writer and outlet without "By", over the date; a teaser nearer the article
# shares more of its words.
NAME_BYLINE_PAGE = ("Walkout Over as Crews Back Deal\nLeena Virtanen Baltic Courier\n"
                    "Published 9:15 AM EET Nov 19, 2019\nFerry strike in Helsinki ended on Friday\n"
                    + ARTICLE_LINES)

# Nothing above the article reads like a headline (a breadcrumb trail, a date): its first line is it.
OPENING_HEADLINE_PAGE = ("You are here: Home > News > Helsinki\nLast Updated: Nov 19, 2019 10:07 AM\n"
                         "Will the ferries sail again on Saturday?\n" + ARTICLE_LINES)

# A headline ending with a full stop, under the reader's account controls and a weather link that share no
# word with the article; a text browser writes the buttons as "(BUTTON)".
FULL_STOP_HEADLINE_PAGE = ("View Full Weather Report\n(BUTTON) Close User Profile\nEdit Profile Sign Out\n"
                           "Ferry strike ends. Crews say yes.\nUpdated Nov 19, 9:41 AM\n"
                           + ARTICLE_LINES)


JAPANESE_PAGE = """ホーム
ニュース
フェリーのストライキが二日で終わる
ヘルシンキのフェリー乗組員は金曜日、会社の新しい賃金案を受け入れ、二日間続いたストライキを終えた。
組合の委員長は記者団に対し、これは働く人すべてにとって公平な妥協だと述べた。
水曜日から両方の航路で長い遅れが出ていたが、会社は土曜日にはすべての便が運航すると話した。
ログイン
"""


@pytest.mark.parametrize("page, headline, first, last, language", [
    # navigation above, a byline, a date, a caption and a share bar between headline and article,
    # "most read" links and a reader's comment after it
    (COPIED_PAGE, "Ferry Strike Ends After Two Days of Talks in Helsinki",
     "The ferry strike in Helsinki ended on Friday", "all sailings would run on Saturday.", "en"),
    # the comments begin ("3 responses to ...", "1. name says:"): the article has ended, however long they are
    (COMMENTED_PAGE, "Ferry Strike Ends After Two Days of Talks in Helsinki",
     "The ferry strike in Helsinki ended on Friday", "all sailings would run on Saturday.", "en"),
    # the site's cookie-consent box is not the article, however long its paragraphs
    (COOKIE_PAGE, "Ferry Strike Ends After Two Days of Talks in Helsinki",
     "The ferry strike in Helsinki ended on Friday", "all sailings would run on Saturday.", "en"),
    # teasers for other stories below it, each with a line that is only its date
    (TEASER_PAGE, "Ferry Strike Ends After Two Days of Talks in Helsinki",
     "The ferry strike in Helsinki ended on Friday", "all sailings would run on Saturday.", "en"),
    # a longer paragraph about the site at the foot of the page: the article is the text under the byline
    (FOOTER_PAGE, "Ferry Strike Ends After Two Days of Talks in Helsinki",
     "The ferry strike in Helsinki ended on Friday", "all sailings would run on Saturday.", "en"),
    # the headline is signed (a byline right below it), the teasers nearer the article are not
    (FORM_FIRST_PAGE, "Ferry Strike Ends After Two Days of Talks in Helsinki",
     "The ferry strike in Helsinki ended on Friday", "all sailings would run on Saturday.", "en"),
    # a byline of names without "By", over a date line, signs the headline
    (NAME_BYLINE_PAGE, "Walkout Over as Crews Back Deal",
     "The ferry strike in Helsinki ended on Friday", "all sailings would run on Saturday.", "en"),
    # the article's first line is its headline when nothing above reads like one
    (OPENING_HEADLINE_PAGE, "Will the ferries sail again on Saturday?",
     "The ferry strike in Helsinki ended on Friday", "all sailings would run on Saturday.", "en"),
    # a line sharing no word with the article is a weak guess: a headline with a full stop that does wins
    (FULL_STOP_HEADLINE_PAGE, "Ferry strike ends. Crews say yes.",
     "The ferry strike in Helsinki ended on Friday", "all sailings would run on Saturday.", "en"),
    # no spaces between words, and kanji, hiragana and katakana in every line: one writing system
    (JAPANESE_PAGE, "フェリーのストライキが二日で終わる", "ヘルシンキのフェリー乗組員は金曜日", "すべての便が運航すると話した。", "ja"),
], ids=["english", "comments", "cookies", "teasers", "footer", "signed", "name-byline", "opening-headline",
                                  "full-stop-headline", "japanese"])
def test_a_copied_page_keeps_the_article_block_and_the_headline_above_it(tmp_path, page, headline, first, last,
                                                                           language):
    (tmp_path / "ferry.txt").write_text(page, encoding="utf-8")
    row = ingest_folder(tmp_path).articles.iloc[0]
    assert row["headline"] == headline
    assert row["body"].startswith(first) and row["body"].endswith(last)
    assert row["language"] == language


def test_a_tweet_signature_or_a_date_is_no_outlet(tmp_path):
    # copied pages carry embedded posts signed "Name (@handle) date": the shape of a site header, not one
    page = (story("budget") + "- Ann Lee (@annlee) November 18, 2019\n"
            + "Readers also liked\n- October 5, 2019\n")
    (tmp_path / "budget.txt").write_text(page, encoding="utf-8")
    assert ingest_folder(tmp_path).articles.iloc[0]["outlet"] == ""


def test_a_manifest_date_written_as_an_export_writes_it_is_read(tmp_path):
    # GDELT and other exports write dates as digits alone, with or without a time
    (tmp_path / "budget.txt").write_text(story("budget"), encoding="utf-8")
    (tmp_path / "bridge.txt").write_text(story("bridge"), encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(
        "file,published\nbudget.txt,20230301083000\nbridge.txt,20230302T091500Z\n", encoding="utf-8")
    articles = ingest_folder(tmp_path).articles.set_index("file")
    assert articles.loc[["budget.txt", "bridge.txt"], "published"].tolist() == ["2023-03-01", "2023-03-02"]


def test_unreadable_manifest_is_rejected_and_ingest_continues(tmp_path):
    (tmp_path / "budget.txt").write_text(story("budget"), encoding="utf-8")
    (tmp_path / "manifest.yaml").write_text("- file: budget.txt\n  outlet: [unclosed\n", encoding="utf-8")
    result = ingest_folder(tmp_path)
    assert result.rejected["file"].tolist() == ["manifest.yaml"]
    assert result.rejected["reason"].iloc[0].startswith("manifest not used:")
    assert len(result.articles) == 1


def test_script_tags_in_an_article_are_kept_as_plain_text(tmp_path):
    text = story("budget") + "A reader wrote <script>alert(1)</script> in the comment form, the council said.\n"
    (tmp_path / "budget.txt").write_text(text, encoding="utf-8")
    body = ingest_folder(tmp_path).articles["body"].iloc[0]
    assert "<script>alert(1)</script>" in body


def test_non_english_article_is_flagged_and_kept(tmp_path, caplog):
    (tmp_path / "en.txt").write_text(story("budget"), encoding="utf-8")
    (tmp_path / "de.txt").write_text(
        "Stadtrat Verschiebt Abstimmung\n"
        "Der Stadtrat hat die Abstimmung über den Haushalt am Dienstag verschoben, weil er mehr Zeit brauche.\n"
        "Die Gegner des Plans begrüßten die Verschiebung und sammeln weiter Unterschriften.\n",
        encoding="utf-8",
    )
    with caplog.at_level(logging.WARNING, logger="newsprism"):
        articles = ingest_folder(tmp_path).articles.set_index("file")
    assert (articles.loc["de.txt", "language"], articles.loc["de.txt", "english"]) == ("de", False)
    assert bool(articles.loc["en.txt", "english"]) is True
    assert any("de.txt" in r.getMessage() and "not English" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize("body", [
    "Kyiv. Blinken met Lavrov in Geneva.",
    "Vučić met Mirziyoyev in Belgrade and Tashkent on Monday.",
    "Beograd, Novi Sad, Niš: Srbija je glasala u nedelju, rekli su zvaničnici.",
    "The council postponed the vote on Tuesday, officials said.",
])
def test_an_english_first_reading_is_never_surely_foreign(body):
    # set_aside_non_english skips the second reading of a body whose first reading is English,
    # on the ground that no other language can then reach the bar; the two readings must agree.
    from newsprism.ingest.folder import _english_bar, detect_language, language_confidence

    language, sure = language_confidence(body)
    if detect_language(body) == "en":
        assert language == "en" or sure <= _english_bar() + 1e-6


def test_setting_aside_reads_the_same_with_and_without_the_english_shortcut():
    from newsprism.ingest.folder import set_aside_non_english

    articles = pd.DataFrame({"file": ["a.txt", "b.txt", "c.txt"], "body": [
        "Talks resumed in Geneva on Monday, officials said.",
        "Die Gespräche in Genf wurden am Montag fortgesetzt, sagten Diplomaten.",
        "Kyiv. Blinken met Lavrov in Geneva."]})
    none = pd.DataFrame(columns=["file", "reason"])
    for bar in (0.5, 0.9):  # 0.5 reads every body twice, 0.9 once where the first reading is English
        kept, rejected = set_aside_non_english(articles, none, min_confidence=bar)
        assert kept["file"].tolist() == ["a.txt", "c.txt"] and rejected["file"].tolist() == ["b.txt"]


def test_general_furniture_rules_on_an_unseen_page(tmp_path):
    page = (
        "Menu\nSearch\n"
        "Council Delays Vote On Budget\n"
        "By Kari Nordmann\n"
        "Published: 1 March 2023\n"
        "Photo: Oslo Daily/Per Hansen\n"
        + story("budget").split("\n", 1)[1]
        + "Read more: Tram Line Plan Goes To Court\n"
        "The council will meet again in two weeks to discuss the plan.\n"
        "Share this article\n12 comments\nCopyright 2023 Oslo Daily. All rights reserved.\n"
    )
    (tmp_path / "budget.txt").write_text(page, encoding="utf-8")
    row = ingest_folder(tmp_path).articles.iloc[0]
    assert row["headline"] == "Council Delays Vote On Budget"
    assert row["published"] == "2023-03-01"
    assert row["body"].startswith("The city council postponed")
    assert row["body"].endswith("to discuss the plan.")
    for line in ("Menu", "Read more", "Share this", "12 comments", "All rights reserved", "By Kari"):
        assert line not in row["body"]
    credits = json.loads(row["credits"])
    assert {"text": "Photo: Oslo Daily/Per Hansen", "where": "photo credit"} in credits
    assert {"text": "By Kari Nordmann", "where": "byline"} in credits


def test_a_web_page_saved_as_txt_is_read_as_html(tmp_path):
    (tmp_path / "harbour.txt").write_text(ARTICLE_PAGE, encoding="utf-8")
    row = ingest_folder(tmp_path).articles.iloc[0]
    assert row["headline"] == "Harbour Talks Stall Over Fishing Quotas"
    assert "<p>" not in row["body"] and row["body"].startswith("Negotiators")


def test_semicolon_csv_and_utf16_text_with_windows_line_ends(tmp_path):
    body = story("budget").split("\n", 1)[1].replace("\n", " ")
    (tmp_path / "a.csv").write_text(f'title;text;outlet\nBudget Vote Delayed;"{body}";Oslo Daily\n', encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(story("tram line").replace("\n", "\r\n").encode("utf-16"))
    articles = ingest_folder(tmp_path).articles
    assert articles["file"].tolist() == ["a.csv#1", "b.txt"]
    assert articles["outlet"].iloc[0] == "Oslo Daily"
    assert articles["headline"].iloc[1] == "Council Delays Vote On Tram Line"
    assert "\r" not in articles["body"].iloc[1]
