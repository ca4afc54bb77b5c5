"""'Did you mean': replace rare or unknown query words by close, much more frequent ones.

Candidates are the words as written (lower-cased), taken from Whoosh's spelling
field (``TEXT(spelling=True)`` indexes the unstemmed words of ``text`` into
``spell_text``), and found with Whoosh's edit-distance automaton. Frequencies
are compared on the stemmed field, so "policy" and "policies" count together.
Everything else in the query (operators, quotes, field prefixes, other words)
is kept as typed.
"""

from __future__ import annotations

import re

from whoosh.reading import IndexReader

from .analysis import DEFAULT_STOP_WORDS, analyze, normalize_word, stem_word

__all__ = ["MIN_RATIO", "suggest", "suggest_word"]

MIN_RATIO = 5  # a suggestion must be this many times more frequent than the word typed
MIN_DF = 3  # ... and occur in at least this many passages
MIN_LENGTH = 4  # shorter words have too many neighbours to guess from
COMMON_SHARE = 1e-4  # a word in more than this share of passages is taken as meant
_OPERATORS = frozenset({"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO"})
_TOKEN = re.compile(r'[^\s"()]+')
_WORD = re.compile(r"^([^\W\d_]+)([^\w]*)$")
_TEXT_FIELDS = ("title", "text")


def suggest(reader: IndexReader, text: str, fieldname: str = "text") -> str | None:
    """The query with misspelt words corrected, or None when nothing needs correcting."""
    out: list[str] = []
    last = 0
    changed = False
    for match in _TOKEN.finditer(text):
        token = match.group(0)
        replacement = _correct_token(reader, token, fieldname)
        if replacement is not None:
            out.append(text[last : match.start()])
            out.append(replacement)
            last = match.end()
            changed = True
    if not changed:
        return None
    out.append(text[last:])
    return "".join(out)


def _correct_token(reader: IndexReader, token: str, fieldname: str) -> str | None:
    if token in _OPERATORS:
        return None
    prefix = ""
    if token[0] in "+-":  # +must -exclude
        prefix, token = token[0], token[1:]
    if ":" in token:
        field, _, value = token.partition(":")
        if field not in _TEXT_FIELDS:
            return None
        prefix, token = prefix + field + ":", value
    m = _WORD.match(token)
    if not m:
        return None
    word, tail = m.groups()
    if tail and tail[0] in "~*?^":  # fuzzy, wildcard or boost: the user means it
        return None
    fixed = suggest_word(reader, word, fieldname)
    if fixed is None:
        return None
    return prefix + _like(word, fixed) + tail


def suggest_word(reader: IndexReader, word: str, fieldname: str = "text") -> str | None:
    """A close, much more frequent word for ``word``, lower-cased, or None."""
    norm = normalize_word(word)
    if len(norm) < MIN_LENGTH or norm in DEFAULT_STOP_WORDS or not norm.isalpha():
        return None
    terms = analyze(norm)
    if len(terms) != 1:
        return None
    own = reader.doc_frequency(fieldname, terms[0])
    if own > max(MIN_DF, reader.doc_count() * COMMON_SHARE):
        return None  # a word this common is no typo; and the neighbour search is costly
    needed = max(MIN_DF, MIN_RATIO * (own + 1))
    schema = reader.schema
    if fieldname not in schema:
        return None
    spelled = schema[fieldname].separate_spelling()
    own_stem = terms[0]
    maxdists = (1, 2) if len(norm) >= 7 else (1,)
    for maxdist in maxdists:
        best: tuple[int, str] | None = None
        for candidate in reader.terms_within(fieldname, norm, maxdist, prefix=1):
            if candidate == norm or not candidate.isalpha():
                continue
            stem = stem_word(candidate)
            if stem == own_stem or (not spelled and stem != candidate):
                continue  # same word, or (no spelling field) a stem users never type
            df = reader.doc_frequency(fieldname, stem)
            if df >= needed and (best is None or (df, candidate) > (best[0], best[1])):
                best = (df, candidate)
        if best is not None:
            return best[1]
    if own == 0:
        return _one_edit_to_known_stem(reader, norm, own_stem, fieldname)
    return None


_LETTERS = "abcdefghijklmnopqrstuvwxyz"
# Russian letters as the index folds them (й -> и, ё -> е), for Cyrillic words.
_CYRILLIC_LETTERS = "абвгдежзиклмнопрстуфхцчшщъыьэюя"


def _one_edit_to_known_stem(
    reader: IndexReader, norm: str, own_stem: str, fieldname: str
) -> str | None:
    """For a word the index lacks: one edit that gives a word whose stem it has.

    This finds spellings no text contains as written ("decriminalsation" ->
    "decriminalisation" when only "decriminalise" occurs), because the
    candidate is checked through the same stemming as the index.
    """
    if norm.isascii():
        letters = _LETTERS
    elif all(c in _CYRILLIC_LETTERS for c in norm):
        letters = _CYRILLIC_LETTERS  # "санкцыи" -> "санкции"
    else:
        return None
    splits = [(norm[:i], norm[i:]) for i in range(len(norm) + 1)]
    candidates = {a + b[1:] for a, b in splits if b}
    candidates |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    candidates |= {a + c + b[1:] for a, b in splits if b for c in letters}
    candidates |= {a + c + b for a, b in splits for c in letters}
    spelling = reader.schema[fieldname].spelling_fieldname(fieldname)
    best: tuple[int, bool, str] | None = None
    for candidate in sorted(candidates):
        if len(candidate) < MIN_LENGTH or candidate[0] != norm[0]:
            continue
        stem = stem_word(candidate)
        if stem == own_stem:
            continue
        df = reader.doc_frequency(fieldname, stem)
        if not df or (best is not None and df < best[0]):
            continue
        # Of the spellings with that stem, a real word ("санкции", not "санкцеи").
        written = (spelling, candidate) in reader or (
            letters is _CYRILLIC_LETTERS and _russian_word(candidate)
        )
        if best is None or (df, written) > best[:2]:
            best = (df, written, candidate)
    return best[2] if best else None


def _russian_word(word: str) -> bool:
    from . import russian  # its dictionary, only for a Cyrillic query word

    return russian.is_word(word)


def _like(original: str, word: str) -> str:
    """Give the suggestion the capitalisation the user typed."""
    if original.isupper() and len(original) > 1:
        return word.upper()
    if original[:1].isupper():
        return word[:1].upper() + word[1:]
    return word
