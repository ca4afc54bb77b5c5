"""The one English analysis chain, shared by indexing, querying and highlighting.

Whoosh pickles the schema, analyzers included, into the index, so every piece
of the chain is a module-level class holding only plain data; the heavy lifting
is done by module-level cached functions. Bump ``ANALYSIS_VERSION`` whenever a
change would give a different term for any text, so old indexes get rebuilt.

The chain (see docs/relevance.md for the reasoning):

1. ``KzTokenizer`` finds words in the *original* text (so ``startchar``/``endchar``
   point at the words as written) and splits compounds: ``Kassym-Jomart``,
   ``COVID-19``, ``C5+1``, ``2020-2030``, ``astana.kz``. At index time it emits
   each part at its own position plus the parts glued together
   (``kassymjomart``) at the first part's position; at query time it emits the
   parts only, which the parser turns into a phrase (``multitoken_query="phrase"``),
   so the written compound and the spaced form both match. Possessives
   (``Tokayev's``, ``Tokayev’s``) lose their ``'s``; other apostrophes are dropped
   (``don't`` -> ``dont``). Dotted acronyms (``U.S.``, ``U.K.``) become one token
   (``us``) that is never a stop word, and so do all-capital words (``US``, ``IT``).
   Each token is NFKC-normalised, case-folded and accent-folded.
2. ``KzStopFilter`` drops stop words (except protected acronyms) and renumbers
   positions so phrases match across removed stop words.
3. ``EnglishMorphFilter`` folds British spellings to American ones and stems
   with Porter2 (Cyrillic words with Snowball's Russian stemmer). It is marked
   ``is_morph``, so Whoosh's spelling field (and ``analyze(..., stem=False)``) sees
   the unstemmed words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterator, Sequence
from functools import lru_cache

from whoosh.analysis import Analyzer, Filter, Token, Tokenizer
from whoosh.lang.porter2 import stem as _porter2_stem
from whoosh.lang.snowball.russian import RussianStemmer

__all__ = [
    "ANALYSIS_VERSION",
    "DEFAULT_STOP_WORDS",
    "EnglishMorphFilter",
    "KzAnalyzer",
    "KzStopFilter",
    "KzTokenizer",
    "analyze",
    "fold_spelling",
    "iter_tokens",
    "matching_spans",
    "normalize_word",
    "stem_word",
    "text_analyzer",
]

ANALYSIS_VERSION = 2  # 2: Russian words are stemmed, Russian function words dropped

_RUSSIAN_FUNCTION_WORDS = """
и в во не что он она оно они на я с со как а то все всё так его её ее но да к ко у же вы мы ты
за бы по только мне меня от о об обо из ему им их ей ней него нее неё них когда даже ли если уже
или ни быть был была было были будет будут до там тут где есть для чем чего чтобы без тоже себя
себе свой своя своё свое свои своих своей под над при про через перед после между кто этот эта
это эти этого этой этом этих тот та те того том который которая которое которые которых которым
также ещё еще является являются
"""

# Function words only. Deliberately absent: "may" (the month), "will" and "might"
# (nouns in policy text), "can", "new", numbers. "us", "it" and "who" are stop words
# but "US", "U.S.", "IT" and "WHO" survive: all-capital and dotted acronyms are protected.
DEFAULT_STOP_WORDS: frozenset[str] = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "myself",
        "no",
        "nor",
        "not",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "whom",
        "why",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
        "us",
    ]
) | frozenset(
    # Russian function words, spelled as the tokenizer folds them (й -> и, ё -> е).
    word.replace("й", "и").replace("ё", "е")
    for word in _RUSSIAN_FUNCTION_WORDS.split()
)

# --- tokenizing -------------------------------------------------------------------------

# A word: letters/digits plus combining marks, soft hyphens and joiners.
_W = r"[^\W_]"
_WC = r"[^\W_]|[\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u064b-\u065f\u00ad\u200c\u200d]"
_WORD = rf"{_W}(?:{_WC})*"
# Inside a compound: hyphens (ASCII, Unicode, non-breaking, en dash, full-width),
# dots, plus, ampersand, apostrophes. Each must have word characters on both sides.
_JOIN = r"[-\u2010\u2011\u2013\uff0d.+&'\u2019\u02bc]"
_TOKEN_RE = re.compile(
    rf"\d+(?:[.,]\d+)+(?!{_W})"  # 1,000,000 and 3.5
    rf"|(?:[^\W\d_]\.){{2,}}(?!{_W})"  # dotted acronym with final dot: U.S., U.S.A.
    rf"|{_WORD}(?:{_JOIN}{_WORD})*"
)
_SPLIT_RE = re.compile(rf"({_JOIN})")
_APOSTROPHES = "'\u2019\u02bc"
_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)+")
_ACRONYM_RE = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]\.?")

# Letters that Unicode does not decompose but users type without the mark.
_FOLD_TABLE = str.maketrans(
    {
        "ø": "o",
        "ł": "l",
        "đ": "d",
        "ħ": "h",
        "ı": "i",
        "æ": "ae",
        "œ": "oe",
        "þ": "th",
        "ð": "d",
        "\u00ad": None,
        "\u200c": None,
        "\u200d": None,
    }
)


@lru_cache(maxsize=200_000)
def normalize_word(word: str) -> str:
    """NFKC, case fold and accent fold one word (stored text keeps the original)."""
    text = unicodedata.normalize("NFKC", word).casefold()
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKD", text.translate(_FOLD_TABLE))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", text)


def _is_capital_acronym(word: str) -> bool:
    """``US``, ``IT``, ``WHO``: all capitals, so not the stop word it spells."""
    return len(word) >= 2 and word.isupper() and word.isalpha()


class KzTokenizer(Tokenizer):
    """Finds words and compounds; see the module docstring. Holds no state."""

    def __eq__(self, other: object) -> bool:
        return other is not None and self.__class__ is other.__class__

    def __hash__(self) -> int:
        return hash(self.__class__)

    def __call__(  # type: ignore[override]
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: object,
    ) -> Iterator[Token]:
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            yield _fill(t, normalize_word(value), 0, len(value), start_pos, start_char, False)
            return
        index_mode = mode != "query"
        pos = start_pos
        for match in _TOKEN_RE.finditer(value):
            surface = match.group(0)
            start = match.start()
            for text, s, e, keep, advance in _split(surface, index_mode):
                if not text:
                    continue
                if keeporiginal:
                    t.original = value[start + s : start + e]
                yield _fill(t, text, start + s, start + e, pos, start_char, keep)
                if advance:
                    pos += 1


def _fill(t: Token, text: str, s: int, e: int, pos: int, start_char: int, keep: bool) -> Token:
    t.text = text
    t.boost = 1.0
    t.stopped = False
    t.keep = keep
    if t.positions:
        t.pos = pos
    if t.chars:
        t.startchar = start_char + s
        t.endchar = start_char + e
    return t


# (term, start, end, protected-from-stopping, advances-position)
_Piece = tuple[str, int, int, bool, bool]


@lru_cache(maxsize=100_000)
def _split(surface: str, index_mode: bool) -> tuple[_Piece, ...]:
    """Cut one matched surface string into normalised pieces (cached: words repeat)."""
    n = len(surface)
    if _ACRONYM_RE.fullmatch(surface):
        text = normalize_word(surface.replace(".", ""))
        return ((text, 0, n, True, True),)
    if _NUMBER_RE.fullmatch(surface):
        return ((surface.replace(",", ""), 0, n, False, True),)
    # Possessive: Tokayev's, Tokayev’s -> Tokayev
    if len(surface) > 2 and surface[-1] in "sS" and surface[-2] in _APOSTROPHES:
        n -= 2
        surface = surface[:n]
    parts = _SPLIT_RE.split(surface)
    if len(parts) == 1:
        return ((normalize_word(surface), 0, n, _is_capital_acronym(surface), True),)
    # parts alternates word, joiner, word, ...; apostrophes glue words unless the
    # first piece is a one-letter elision (d'Ivoire, O'Brien, l'Europe).
    words: list[tuple[str, int, int]] = []
    offset = 0
    for i, piece in enumerate(parts):
        if i % 2 == 0:
            if (
                words
                and parts[i - 1] in _APOSTROPHES
                and not (len(words) == 1 and words[0][2] - words[0][1] == 1)
            ):
                prev, s, _ = words[-1]
                words[-1] = (prev + piece, s, offset + len(piece))
            else:
                words.append((piece, offset, offset + len(piece)))
        offset += len(piece)
    if len(words) == 1:
        w, s, e = words[0]
        return ((normalize_word(w), s, e, _is_capital_acronym(w), True),)
    pieces: list[_Piece] = []
    for i, (w, s, e) in enumerate(words):
        if len(w) == 1 and w.isalpha() and i == 0 and parts[1] in _APOSTROPHES:
            continue  # the elided article itself
        pieces.append((normalize_word(w), s, e, _is_capital_acronym(w), True))
    if index_mode:
        joined = normalize_word("".join(w for w, _, _ in words))
        # The glued form shares the first part's position, so phrases still line up.
        pieces.insert(0, (joined, 0, n, False, False))
    return tuple(pieces)


# --- stop words -------------------------------------------------------------------------


class KzStopFilter(Filter):
    """Drops stop words (not protected acronyms) and renumbers positions without gaps.

    Tokens sharing a position (a glued compound and its first part) keep sharing it.
    """

    def __init__(self, stoplist: Collection[str] | None = None) -> None:
        self.stops = frozenset(DEFAULT_STOP_WORDS if stoplist is None else stoplist)

    def __eq__(self, other: object) -> bool:
        return (
            other is not None and self.__class__ is other.__class__ and self.stops == other.stops  # type: ignore[attr-defined]
        )

    def __hash__(self) -> int:
        return hash((self.__class__, self.stops))

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        stops = self.stops
        last_orig: int | None = None
        newpos = -1
        for t in tokens:
            if t.text in stops and not getattr(t, "keep", False):
                if not t.removestops:
                    t.stopped = True
                    yield t
                continue
            if t.positions:
                if t.pos != last_orig:
                    last_orig = t.pos
                    newpos += 1
                t.pos = newpos
            t.stopped = False
            yield t


# --- spelling and stemming --------------------------------------------------------------

# Whole-word British -> American mappings that no suffix rule can make safely.
_WORD_MAP = {
    "programme": "program",
    "programmes": "programs",
    "programmed": "programmed",
    "defence": "defense",
    "defences": "defenses",
    "offence": "offense",
    "offences": "offenses",
    "licence": "license",
    "licences": "licenses",
    "pretence": "pretense",
    "practise": "practice",
    "practised": "practiced",
    "practises": "practices",
    "practising": "practicing",
    "judgement": "judgment",
    "judgements": "judgments",
    "acknowledgement": "acknowledgment",
    "ageing": "aging",
    "grey": "gray",
    "odour": "odor",
    "odours": "odors",
    "mould": "mold",
    "moulds": "molds",
    "plough": "plow",
    "sceptical": "skeptical",
    "sceptic": "skeptic",
    "sceptics": "skeptics",
    "manoeuvre": "maneuver",
    "manoeuvres": "maneuvers",
    "aluminium": "aluminum",
    "enrol": "enroll",
    "enrols": "enrolls",
    "enrolment": "enrollment",
    "fulfil": "fulfill",
    "fulfils": "fulfills",
    "fulfilment": "fulfillment",
    "instalment": "installment",
    "kilogramme": "kilogram",
    "kilogrammes": "kilograms",
}

# -ise words that are -ise in American English too (checked on the -ise lemma).
_ISE_KEEP_SUFFIXES = ("wise", "cise", "vise", "prise", "uise", "oise", "aise", "franchise")
_ISE_KEEP = frozenset(
    [
        "premise",
        "promise",
        "compromise",
        "demise",
        "expertise",
        "advertise",
        "chastise",
        "merchandise",
        "paradise",
        "treatise",
        "mortise",
        "chemise",
        "valise",
        "cerise",
        "sunrise",
        "despise",
        "surmise",
        "rise",
        "arise",
        "anise",
        "reprise",
    ]
)
_ISE_RE = re.compile(r"^(.{3,})is(e|es|ed|ing|er|ers|ation|ations|ational|able)$")
_YSE_RE = re.compile(r"^(.{2,}(?:al|ol))ys(e|es|ed|ing|er|ers)$")  # analyse, paralyse
_OUR_RE = re.compile(
    r"^(.{3,})our(s|ed|ing|er|ers|ful|fully|less|able|ably|ite|ites|al|ally|ist|ists|ism|y)?$"
)
_OUR_KEEP = frozenset(["contour", "detour", "velour", "devour", "paramour", "troubadour"])
_RE_RE = re.compile(r"^(.{3,}[tbg])re(s|d)?$")  # centre, fibre, meagre
_RE_KEEP = frozenset(["timbre", "macabre"])
_LL_RE = re.compile(r"^(.*[aeiou][^aeiouy]*[aeiou])ll(ed|ing|er|ers|or|ors|ous|ously)$")
_LOGUE_RE = re.compile(r"^(.{3,})logue(s|d)?$")


def fold_spelling(word: str) -> str:
    """Map a British spelling to the American one, so both dialects share terms.

    Works on normalised (lower-case) words before stemming. Misfires are harmless
    as long as every inflection of a word folds the same way, which the rules
    ensure by testing the lemma (``promised`` is checked as ``promise``).
    """
    mapped = _WORD_MAP.get(word)
    if mapped is not None:
        return mapped
    if not word.isalpha() or len(word) < 5:
        return word
    m = _ISE_RE.match(word)
    if m:
        lemma = m.group(1) + "ise"
        if lemma not in _ISE_KEEP and not lemma.endswith(_ISE_KEEP_SUFFIXES):
            return m.group(1) + "iz" + m.group(2)
        return word
    m = _YSE_RE.match(word)
    if m:
        return m.group(1) + "yz" + m.group(2)
    m = _OUR_RE.match(word)
    if m:
        if m.group(1) + "our" not in _OUR_KEEP:
            return m.group(1) + "or" + (m.group(2) or "")
        return word
    m = _RE_RE.match(word)
    if m:
        if m.group(1) + "re" not in _RE_KEEP:
            return m.group(1) + "er" + (m.group(2) or "").replace("d", "ed")
        return word
    m = _LL_RE.match(word)
    if m and m.group(1)[-1] in "aeiou" and m.group(1)[-2:-1] not in ("a", "e", "i", "o", "u"):
        # travelled, counsellor, marvellous: unstressed final syllable.
        return m.group(1) + "l" + m.group(2)
    m = _LOGUE_RE.match(word)
    if m:
        return m.group(1) + "log" + (m.group(2) or "").replace("d", "ed")
    return word


_CYRILLIC_WORD = re.compile(r"[а-яёәғқңөұүһі]+")


@lru_cache(maxsize=200_000)
def stem_word(word: str) -> str:
    """Spelling fold then Porter2 for English; Snowball's Russian stemmer for Cyrillic
    (санкции, санкций, санкциями -> санкц); words with digits or other letters are left
    alone."""
    if word.isascii() and word.isalpha():
        return _porter2_stem(fold_spelling(word))
    if _CYRILLIC_WORD.fullmatch(word):
        return _russian_stemmer().stem(word)
    return word


@lru_cache(maxsize=1)
def _russian_stemmer() -> RussianStemmer:
    return RussianStemmer()


class EnglishMorphFilter(Filter):
    """British->American folding plus Porter2 stemming (skipped by spelling fields)."""

    is_morph = True

    def __eq__(self, other: object) -> bool:
        return other is not None and self.__class__ is other.__class__

    def __hash__(self) -> int:
        return hash(self.__class__)

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for t in tokens:
            if not t.stopped:
                t.text = stem_word(t.text)
            yield t


# --- public helpers ---------------------------------------------------------------------


# --- the chain in one pass ---------------------------------------------------------------

# Per surface string, everything the three stages above would do to it, minus the
# position bookkeeping that depends on neighbours: (advancing pieces, kept tokens), each
# kept token being (stemmed term, unstemmed term, start, end, raw position offset, keep).
_Final = tuple[str, str, int, int, int, bool]
_Entry = tuple[int, tuple[_Final, ...]]
_CACHE_LIMIT = 300_000
_CACHES: dict[tuple[frozenset[str], bool], dict[str, _Entry]] = {}


def _cache(stops: frozenset[str], index_mode: bool) -> dict[str, _Entry]:
    key = (stops, index_mode)
    cache = _CACHES.get(key)
    if cache is None:
        cache = _CACHES[key] = {}
    return cache


def _entry(
    cache: dict[str, _Entry], surface: str, index_mode: bool, stops: frozenset[str]
) -> _Entry:
    """Run one surface string through tokenizer, stop filter and stemmer, and remember it."""
    kept: list[_Final] = []
    advanced = 0
    for text, s, e, keep, advance in _split(surface, index_mode):
        if not text:
            continue  # the tokenizer neither yields nor advances on an empty piece
        if keep or text not in stops:
            kept.append((stem_word(text), text, s, e, advanced, keep))
        if advance:
            advanced += 1
    if len(cache) >= _CACHE_LIMIT:
        cache.clear()
    entry = cache[surface] = (advanced, tuple(kept))
    return entry


_LAST_ANALYSED: dict[str, tuple[frozenset[str], tuple[list[str], list[int]]]] = {}


class KzAnalyzer(Tokenizer):
    """``KzTokenizer | KzStopFilter | EnglishMorphFilter`` as one stage, same tokens.

    Each word costs one regex match, one dict lookup and one ``Token`` update
    instead of three generator layers: the per-word result is cached. It is
    ``is_morph`` so Whoosh keeps a separate unstemmed spelling field, and it
    honours ``no_morph=True`` itself. Unusual calls (``tokenize=False``,
    ``removestops=False``, ``keeporiginal=True``) run the three-stage chain.
    """

    is_morph = True

    def __init__(self, stoplist: Collection[str] | None = None) -> None:
        self.stops = frozenset(DEFAULT_STOP_WORDS if stoplist is None else stoplist)

    def __eq__(self, other: object) -> bool:
        return (
            other is not None and self.__class__ is other.__class__ and self.stops == other.stops  # type: ignore[attr-defined]
        )

    def __hash__(self) -> int:
        return hash((self.__class__, self.stops))

    def __repr__(self) -> str:
        return f"{self.__class__.__name__}()"

    def has_morph(self) -> bool:
        return True

    def chain(self) -> Analyzer:
        """The equivalent three-stage chain (the reference for this class's output)."""
        return KzTokenizer() | KzStopFilter(self.stops) | EnglishMorphFilter()

    def terms(self, text: str, *, mode: str = "query", stem: bool = True) -> list[str]:
        """Just the terms, without building tokens (topics and ``analyze``)."""
        index_mode = mode != "query"
        stops = self.stops
        cache = _cache(stops, index_mode)
        get = cache.get
        out: list[str] = []
        append = out.append
        for surface in _TOKEN_RE.findall(text):
            entry = get(surface) or _entry(cache, surface, index_mode, stops)
            for tok in entry[1]:
                append(tok[0] if stem else tok[1])
        return out

    def indexed_positions(self, text: str) -> tuple[list[str], list[int]]:
        """The terms Whoosh indexes for ``text`` and their positions, without tokens.

        Same output as indexing through ``__call__`` (a test checks it). The
        index format (``schema.py``) and then the positions sidecar
        (``positions.py``) ask for each passage in turn: the last few results
        are remembered so the text is analysed once. Callers must not change
        the lists.
        """
        memo = _LAST_ANALYSED.get(text)
        if memo is not None and memo[0] is self.stops:
            return memo[1]
        result = self._indexed_positions(text)
        if len(_LAST_ANALYSED) >= 4:
            _LAST_ANALYSED.clear()
        _LAST_ANALYSED[text] = (self.stops, result)
        return result

    def _indexed_positions(self, text: str) -> tuple[list[str], list[int]]:
        stops = self.stops
        cache = _cache(stops, True)
        get = cache.get
        terms: list[str] = []
        poses: list[int] = []
        add_term = terms.append
        add_pos = poses.append
        raw = 0
        last_raw = -1
        newpos = -1
        for surface in _TOKEN_RE.findall(text):
            advanced, kept = get(surface) or _entry(cache, surface, True, stops)
            for tok in kept:
                if raw + tok[4] != last_raw:
                    last_raw = raw + tok[4]
                    newpos += 1
                add_term(tok[0])
                add_pos(newpos)
            raw += advanced
        return terms, poses

    def __call__(  # type: ignore[override]
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        no_morph: bool = False,
        **kwargs: object,
    ) -> Iterator[Token]:
        if keeporiginal or not removestops or not tokenize:
            return self.chain()(  # type: ignore[no-any-return]
                value,
                positions=positions,
                chars=chars,
                keeporiginal=keeporiginal,
                removestops=removestops,
                start_pos=start_pos,
                start_char=start_char,
                tokenize=tokenize,
                mode=mode,
                no_morph=no_morph,
                **kwargs,
            )
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not chars:
            return self._no_chars(t, value, mode != "query", 1 if no_morph else 0, positions)
        return self._general(t, value, mode != "query", 1 if no_morph else 0, start_char)

    def _no_chars(
        self, t: Token, value: str, index_mode: bool, k: int, positions: bool
    ) -> Iterator[Token]:
        """The indexing hot path (postings and spelling words): no character offsets."""
        stops = self.stops
        cache = _cache(stops, index_mode)
        get = cache.get
        raw = 0
        last_raw = -1
        newpos = -1
        for surface in _TOKEN_RE.findall(value):
            advanced, kept = get(surface) or _entry(cache, surface, index_mode, stops)
            for tok in kept:
                t.text = tok[k]
                t.boost = 1.0
                t.stopped = False
                t.keep = tok[5]
                if positions:
                    if raw + tok[4] != last_raw:
                        last_raw = raw + tok[4]
                        newpos += 1
                    t.pos = newpos
                yield t
            raw += advanced

    def _general(
        self, t: Token, value: str, index_mode: bool, k: int, start_char: int
    ) -> Iterator[Token]:
        stops = self.stops
        cache = _cache(stops, index_mode)
        get = cache.get
        positions = t.positions
        chars = t.chars
        raw = 0
        last_raw = -1
        newpos = -1
        for match in _TOKEN_RE.finditer(value):
            surface = match.group()
            advanced, kept = get(surface) or _entry(cache, surface, index_mode, stops)
            if kept:
                base = start_char + match.start()
            for tok in kept:
                t.text = tok[k]
                t.boost = 1.0
                t.stopped = False
                t.keep = tok[5]
                if positions:
                    if raw + tok[4] != last_raw:
                        last_raw = raw + tok[4]
                        newpos += 1
                    t.pos = newpos
                if chars:
                    t.startchar = base + tok[2]
                    t.endchar = base + tok[3]
                yield t
            raw += advanced


def text_analyzer(stoplist: Collection[str] | None = None) -> Analyzer:
    """The English chain for ``title`` and ``text``, at index and at query time."""
    return KzAnalyzer(stoplist)


_DEFAULT = KzAnalyzer()


def analyze(text: str, *, mode: str = "query", stem: bool = True) -> list[str]:
    """The terms of ``text`` (query mode: no glued compounds; index mode: with them)."""
    return _DEFAULT.terms(text, mode=mode, stem=stem)


def matching_spans(
    text: str, terms: Collection[str], phrases: Sequence[Sequence[str]] = ()
) -> list[tuple[int, int]]:
    """(startchar, endchar) of the words of ``text`` whose index-mode term is in ``terms``,
    and of the words of each occurrence of one of ``phrases`` (terms at consecutive
    positions, as the index matches them), in text order.

    Without phrases, what ``iter_tokens`` filtered by term gives (a test checks
    it), without a token per word: highlighting runs on every hit shown.
    """
    if phrases:
        return _phrase_spans(text, terms, phrases)
    stops = _DEFAULT.stops
    cache = _cache(stops, True)
    get = cache.get
    spans: list[tuple[int, int]] = []
    for match in _TOKEN_RE.finditer(text):
        kept = (get(match.group()) or _entry(cache, match.group(), True, stops))[1]
        for tok in kept:
            if tok[0] in terms:
                base = match.start()
                spans.append((base + tok[2], base + tok[3]))
    return spans


def _phrase_spans(
    text: str, terms: Collection[str], phrases: Sequence[Sequence[str]]
) -> list[tuple[int, int]]:
    # (term, position, start, end) for every kept token, positions as indexed.
    tokens = [
        (t.text, t.pos, t.startchar, t.endchar)
        for t in _DEFAULT(text, mode="index", chars=True, positions=True)
    ]
    at: dict[tuple[str, int], list[int]] = {}
    for i, (term, pos, _, _) in enumerate(tokens):
        at.setdefault((term, pos), []).append(i)
    marked = {i for i, tok in enumerate(tokens) if tok[0] in terms}
    for phrase in phrases:
        for term, pos, _, _ in tokens:
            if term != phrase[0]:
                continue
            hits = [at.get((word, pos + k)) for k, word in enumerate(phrase)]
            if all(hits):
                marked.update(j for found in hits for j in found)  # type: ignore[union-attr]
    return [(tokens[i][2], tokens[i][3]) for i in sorted(marked)]


def iter_tokens(text: str, *, mode: str = "index") -> Iterator[tuple[str, int, int]]:
    """(term, startchar, endchar) in the original ``text``, for highlighting.

    In index mode a compound yields the glued term over the whole compound *and*
    each part over its own span, so spans may overlap: merge them when marking.
    """
    for t in _DEFAULT(text, mode=mode, chars=True, positions=True):
        yield t.text, t.startchar, t.endchar
