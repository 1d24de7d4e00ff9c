"""Quotes and attribution: the seeds' answer key and one hand-written text per construction."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
import yaml

from newsprism.ingest.folder import ingest_folder
from newsprism.text.nlp import parse
from newsprism.quotes.pairs import align_quotes, similarity, word_diff
from newsprism.text.quote_spans import scan_quotes
from newsprism.quotes.extract import QUOTE_COLUMNS, extract_quotes, quotes_from_doc, quotes_table, reporting_verbs, stance_of
from newsprism.quotes.voices import outlet_summary, voices_table, words_in_quotation_marks

ROOT = Path(__file__).resolve().parents[2]
EXPECTED = yaml.safe_load((ROOT / "tests" / "fixtures" / "seeds_quotes.yaml").read_text(encoding="utf-8"))
SEED_FILES = sorted(k for k in EXPECTED if k.endswith(".txt"))


def _norm(text: str) -> str:
    text = re.sub(r"[\"“”„«»]", '"', text or "")
    return " ".join(text.replace("’", "'").split())


@pytest.fixture(scope="module")
def seeds():
    """Clean seed articles, their quotes table, the pairs and the voices."""
    articles = ingest_folder(ROOT / "seeds").articles
    quotes = quotes_table(articles, [parse(body) for body in articles.body])
    return {
        "articles": articles,
        "quotes": quotes,
        "pairs": align_quotes(quotes, articles),
        "voices": voices_table(quotes, articles),
        "ids": dict(zip(articles.file, articles.article_id)),
        "bodies": dict(zip(articles.article_id, articles.body)),
    }


def _find(quotes: pd.DataFrame, content: str) -> pd.DataFrame:
    return quotes[quotes["content"].map(lambda c: _norm(content) in _norm(c))]


# ------------------------------------------------------------------ seeds


@pytest.mark.parametrize("file,expected", [(f, q) for f in SEED_FILES for q in EXPECTED[f]],
                         ids=lambda v: v if isinstance(v, str) else v["content"][:30])
def test_seed_quote_found_with_speaker_and_cue(seeds, file, expected):
    quotes = seeds["quotes"][seeds["quotes"].article_id == seeds["ids"][file]]
    rows = _find(quotes, expected["content"])
    rows = rows[rows["cue"] == expected["cue"]]
    assert len(rows) == 1, f"{file}: no single row with cue {expected['cue']!r} holding {expected['content']!r}"
    row = rows.iloc[0]
    speakers = expected["speaker"] if isinstance(expected["speaker"], list) else [expected["speaker"]]
    assert row["speaker"] in speakers
    assert row["speaker_mention"].lower() == expected["mention"].lower()
    assert row["kind"] == expected["kind"]
    assert bool(row["anonymous"]) == bool(expected.get("anonymous", False))


def test_seed_offsets_index_into_the_body(seeds):
    quotes = seeds["quotes"]
    for row in quotes.itertuples():
        body = seeds["bodies"][row.article_id]
        if " … " not in row.content:  # a split quotation's parts are joined, its offsets span all of them
            assert body[row.content_start:row.content_end] == row.content
        if not pd.isna(row.cue_start):
            assert body[row.cue_start:row.cue_end] == row.cue
        if not pd.isna(row.speaker_start):
            assert body[row.speaker_start:row.speaker_end] == row.speaker_mention


def test_seed_stances_show_sputniks_distancing_verb(seeds):
    quotes = seeds["quotes"]
    sputnik = quotes[quotes.article_id == seeds["ids"]["000_70f9a31eafa2dbbe.txt"]]
    voi = quotes[quotes.article_id == seeds["ids"]["001_7e561b3991aa2c65.txt"]]
    blinken = sputnik[sputnik.speaker == "Antony Blinken"]
    assert (blinken.cue == "claimed").sum() == 2
    assert set(blinken[blinken.cue == "claimed"].stance) == {"distancing"}
    assert set(voi[voi.speaker == "Antony Blinken"].cue) == {"said"}


@pytest.mark.parametrize("pair", EXPECTED["aligned_quotes"], ids=lambda p: p["000_70f9a31eafa2dbbe.txt"][:25])
def test_seed_aligned_quotes_are_paired(seeds, pair):
    sputnik, voi = seeds["ids"]["000_70f9a31eafa2dbbe.txt"], seeds["ids"]["001_7e561b3991aa2c65.txt"]
    pairs = seeds["pairs"]
    hits = pairs[
        (pairs.speaker == pair["speaker"])
        & (((pairs.article_id_a == sputnik) & pairs.content_a.map(lambda c: _norm(pair["000_70f9a31eafa2dbbe.txt"]) in _norm(c))
            & pairs.content_b.map(lambda c: _norm(pair["001_7e561b3991aa2c65.txt"]) in _norm(c)))
           | ((pairs.article_id_b == sputnik) & pairs.content_b.map(lambda c: _norm(pair["000_70f9a31eafa2dbbe.txt"]) in _norm(c))
              & pairs.content_a.map(lambda c: _norm(pair["001_7e561b3991aa2c65.txt"]) in _norm(c))))
    ]
    assert len(hits) == 1
    row = hits.iloc[0]
    for fragment in pair["diff_has"]:
        assert fragment in row["diff"]
    if "kinds" in pair:
        kinds = {row.article_id_a: row.kind_a, row.article_id_b: row.kind_b}
        assert kinds[sputnik] == pair["kinds"]["000_70f9a31eafa2dbbe.txt"]
        assert kinds[voi] == pair["kinds"]["001_7e561b3991aa2c65.txt"]


def test_seed_voices_count_anonymous_sources(seeds):
    voices = seeds["voices"]
    voi = voices[voices.outlet == "VOI (Jakarta)"].set_index("speaker")
    assert voi.loc["german source", "quotes"] == 2
    assert voi.loc["german source", "anonymous"] == 2
    summary = outlet_summary(voices).set_index("outlet")
    assert summary.loc["Sputnik International", "anonymous_share"] == 0
    assert summary.loc["VOI (Jakarta)", "anonymous_share"] > 0


# ------------------------------------------------------------------ constructions


def _one(text: str) -> pd.Series:
    quotes = extract_quotes(text)
    assert len(quotes) == 1, quotes[["kind", "content", "cue", "speaker_mention"]].to_dict("records")
    return quotes.iloc[0]


def test_direct_quote_after_the_speaker_with_a_colon():
    row = _one('Blinken told reporters on Saturday: "The diplomatic road remains open."')
    assert (row.kind, row.cue, row.speaker_mention) == ("direct", "told", "Blinken")
    assert row.content == "The diplomatic road remains open."


def test_direct_quote_before_the_speaker():
    row = _one('"The diplomatic road remains open," Blinken said.')
    assert (row.kind, row.content, row.cue, row.speaker_mention) == (
        "direct", "The diplomatic road remains open", "said", "Blinken")


def test_direct_quote_before_an_inverted_speaker():
    row = _one('"The diplomatic road remains open," said Antony Blinken.')
    assert (row.cue, row.speaker) == ("said", "Antony Blinken")


def test_two_apostrophes_typed_for_quotation_marks_open_and_close_a_quote():
    # archive copies of newspapers type '' for a double quotation mark; offsets stay those of the text given
    text = "''The diplomatic road remains open,'' Blinken said."
    row = _one(text)
    assert (row.kind, row.cue, row.speaker_mention) == ("direct", "said", "Blinken")
    assert text[row.content_start:row.content_end] == "The diplomatic road remains open"


def test_a_plural_possessive_apostrophe_is_no_closing_mark_before_the_verb():
    # "the Court of Appeals’ board says Jones ...": the complaint speaks; Jones is what it says, not who
    row = _one("The union’s complaint to the Court of Appeals’ board says Jones broke the contract.")
    assert row.content == "Jones broke the contract"
    assert "Jones" not in row.speaker_mention


def test_split_quotation_is_one_attribution():
    row = _one('"The diplomatic road remains open," Blinken said, "but Moscow has to choose it."')
    assert row.kind == "direct"
    assert row.content == "The diplomatic road remains open … but Moscow has to choose it."
    assert row.speaker_mention == "Blinken"


def test_multi_paragraph_quotation():
    text = ('The minister said:\n'
            '\u201cWe ordered the departure of most of our staff on Friday.\n'
            '\u201cThe threat is imminent and this is the prudent thing to do.\u201d\n'
            'Talks continue next week.')
    row = _one(text)
    assert row.kind == "direct"
    assert row.content.startswith("We ordered the departure")
    assert row.content.endswith("the prudent thing to do.")
    assert row.speaker_mention == "The minister"


def test_multi_paragraph_quotation_before_the_speaker():
    text = ('"I told him he was wrong, and he left," Smith recalled.\n'
            '"It was a long day.\n'
            '"We had no idea what was coming.\n'
            '"Then the storm hit," the mayor told reporters.\n')
    quotes = extract_quotes(text)
    assert quotes.speaker_mention.tolist() == ["Smith", "the mayor"]
    assert quotes.content.tolist()[0] == "I told him he was wrong, and he left"
    assert quotes.content.tolist()[1].startswith("It was a long day.")
    assert quotes.content.tolist()[1].endswith("Then the storm hit")


def test_unbalanced_and_mixed_quotation_marks_do_not_crash():
    text = ('The West has dubbed the threat "imminent\'. Moscow denied it. '
            'He said "this quotation never closes. Another sentence follows.\n'
            'A closing mark\u201d with no opening one, and \u201c an opening one.')
    quotes = extract_quotes(text)
    assert list(quotes.columns) == QUOTE_COLUMNS
    spans = scan_quotes(text)
    assert text[spans[0].inner_start:spans[0].inner_end] == "imminent"


def test_mixed_quote():
    row = _one('Ushakov said that Russia had outlined "our considerations" to Washington.')
    assert row.kind == "mixed"
    assert row.content == 'Russia had outlined "our considerations" to Washington'
    assert row.content_start == len("Ushakov said that ")


@pytest.mark.parametrize("text,cue,speaker,content", [
    ("The State Department said that the United States was relocating staff.",
     "said", "The State Department", "the United States was relocating staff"),
    ("Biden told Putin the West would respond decisively to any invasion.",
     "told", "Biden", "the West would respond decisively to any invasion"),
    ("According to the Kremlin, the call was substantive.",
     "According to", "the Kremlin", "the call was substantive"),
    ("The talks followed Washington's warning that Russia could strike at any moment.",
     "warning", "Washington", "Russia could strike at any moment"),
    ("Russia will not attack, the source said.",
     "said", "the source", "Russia will not attack"),
    ("Acts of protest, the president said, are acts of patriotism.",
     "said", "the president", "Acts of protest … are acts of patriotism"),
])
def test_indirect_speech(text, cue, speaker, content):
    row = _one(text)
    assert (row.kind, row.cue, row.speaker_mention, row.content) == ("indirect", cue, speaker, content)


def test_quotation_without_speaker_continues_the_previous_speakers():
    text = ('"We ordered the departure of most of our staff," Blinken said. '
            '"The threat is imminent, and this is the prudent thing to do."')
    row = _one(text)
    assert row.speaker_mention == "Blinken"
    assert row.content.endswith("the prudent thing to do.")
    assert row.content_end == len(text) - 1


def test_name_and_colon_introduce_a_quotation():
    row = _one('Blinken: "The diplomatic road remains open for Moscow."')
    assert (row.kind, row.cue, row.speaker_mention) == ("direct", ":", "Blinken")


def test_name_and_colon_open_a_paragraph():
    quotes = extract_quotes("PENCE: Gennifer Flowers will not be attending the debate tomorrow night.\n"
                            "Update: the debate starts at nine tonight in Ohio.\n"
                            "Blinken: Diplomatic Path Remains Open For Moscow\n")
    assert quotes[["kind", "speaker_mention", "cue"]].values.tolist() == [
        ["direct", "PENCE", ":"], ["indirect", "Blinken", ":"]]
    assert quotes.content.tolist()[1] == "Diplomatic Path Remains Open For Moscow"


def test_pronoun_speaker_resolves_to_the_person():
    quotes = extract_quotes("Antony Blinken arrived in Hawaii on Saturday. He said the diplomatic path remains open.")
    row = quotes[quotes.cue == "said"].iloc[0]
    assert (row.speaker_mention, row.speaker) == ("He", "Antony Blinken")


def test_title_and_surname_resolve_to_the_full_name():
    quotes = extract_quotes("Antony Blinken flew to Hawaii. Secretary of State Blinken said talks would go on.")
    row = quotes[quotes.cue == "said"].iloc[0]
    assert row.speaker == "Antony Blinken"


def test_the_source_refers_back_to_the_anonymous_source():
    doc = parse("A German source said Berlin expected nothing. The source said the talks would go on.")
    quotes = quotes_from_doc(doc, entities=None)
    assert quotes.speaker.tolist() == ["german source", "german source"]
    assert quotes.anonymous.tolist() == [True, True]
    assert quotes.speaker_mention.tolist() == ["A German source", "The source"]


def test_plural_sources_are_anonymous():
    row = _one("Sources said the plan had failed.")
    assert (row.speaker, bool(row.anonymous)) == ("sources", True)


def test_named_speaker_is_not_anonymous():
    row = _one("Kremlin aide Yury Ushakov said the call was useful.")
    assert bool(row.anonymous) is False
    assert row.stance == "neutral"


def test_empty_and_odd_text_give_an_empty_table():
    for text in ["", "   \n", '"', "\u201d\u201c\u201d"]:
        quotes = extract_quotes(text)
        assert list(quotes.columns) == QUOTE_COLUMNS
        assert len(quotes) == 0
    assert str(extract_quotes("").content_start.dtype) == "Int64"


# ------------------------------------------------------------------ lexicon


def test_reporting_verbs_lexicon():
    verbs = reporting_verbs()
    assert list(verbs.columns) == ["lemma", "pos", "stance", "note"]
    assert set(verbs.stance) == {"neutral", "distancing", "endorsing", "emphatic"}
    assert not verbs.duplicated(["lemma", "pos"]).any()
    assert {"say", "claim", "point out", "according to", "allegation"} <= set(verbs.lemma)


@pytest.mark.parametrize("word,pos,stance", [
    ("said", None, "neutral"), ("claimed", None, "distancing"), ("alleges", None, "distancing"),
    ("pointed out", None, "endorsing"), ("emphasising", None, "emphatic"), ("claims", "noun", "distancing"),
    ("statement", "noun", "neutral"), ("according to", None, "neutral"), ("ate", None, None),
])
def test_stance_of(word, pos, stance):
    assert stance_of(word, pos) == stance


# ------------------------------------------------------------------ alignment and voices


def test_word_diff_marks_replaced_deleted_and_added_words():
    assert word_diff("the risk is high enough", "the risk is high") == "… high [-enough]"
    assert word_diff("this is prudent", "this is wise") == "this is [prudent→wise]"
    assert word_diff("Moscow must act", "Moscow must act now") == "Moscow must act [+now]"
    assert similarity("completely different words here", "nothing alike at all") == 0


def test_align_skips_same_outlet_and_other_speakers():
    articles = pd.DataFrame({"article_id": ["a", "b", "c"], "outlet": ["One", "One", "Two"]})
    quotes = pd.DataFrame({
        "article_id": ["a", "b", "c"], "speaker": ["Blinken", "Blinken", "Lavrov"],
        "kind": ["direct"] * 3, "cue": ["said"] * 3,
        "content": ["The diplomatic road remains open"] * 3,
    })
    assert len(align_quotes(quotes, articles)) == 0


def test_words_in_quotation_marks():
    assert words_in_quotation_marks("indirect", "the path remains open") == 0
    assert words_in_quotation_marks("mixed", 'the "high enough" risk of "Russian military action"') == 5


def test_an_error_in_entities_surfaces(monkeypatch):
    # Speakers are resolved through the entities module; a bug there must show, not
    # silently give worse speakers.
    import newsprism.quotes.extract

    def broken(doc):
        raise KeyError("actor table")

    monkeypatch.setattr(newsprism.quotes.extract, "entities_from_doc", broken)
    with pytest.raises(KeyError, match="actor table"):
        quotes_from_doc(parse("Antony Blinken said the path remains open."))
    # A caller that passes the entities table does not need the module at all.
    given = pd.DataFrame({"start": [0], "end": [14], "label": ["PERSON"], "actor": ["Antony Blinken"]})
    row = quotes_from_doc(parse("Antony Blinken said the path remains open."), given).iloc[0]
    assert row.speaker == "Antony Blinken"
