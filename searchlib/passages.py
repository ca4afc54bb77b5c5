"""Cut a text into citable passages: paragraphs, merged when tiny, cut when huge.

Passage positions are citation ids, so everything here is deterministic and
depends on the text alone. Texts come in two shapes that look alike line by
line: hard-wrapped prose (lines broken near a fixed column, paragraphs marked
by blank lines or indentation) and one paragraph per line with no blank lines.
Each block of consecutive non-blank lines is classified on its own.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

DEFAULT_MIN_CHARS = 200
DEFAULT_MAX_CHARS = 1500

# Widest column that hard-wrapping tools and transcripts use in practice.
_MAX_WRAP_WIDTH = 130
_CLOSERS = "\"'”’»)]}"
_OPENERS = "\"'“‘«„([{¿¡"
_SENTENCE_END = re.compile(r"[.!?…][" + re.escape(_CLOSERS) + r"]*$")
_CLAUSE_END = re.compile(r"[,;:][" + re.escape(_CLOSERS) + r"]*$")
_DASHES = {"-", "–", "—", "--", "―"}
_LIST_ITEM = re.compile(
    r"^(?:[-*+•‣▪◦–—]\s|\(?\d{1,3}[.)]\s|\(?[a-zA-Z][.)]\s|\((?:[ivxlc]+|[a-z])\)\s)"
)
_SPACES = re.compile(r"[^\S\n]+")
_NEWLINES = re.compile(r"\r\n|[\r\v\f\x1c\x1d\x1e\x85\u2028]")

# Words that end with a period without ending a sentence. General titles and
# reference abbreviations only; dotted forms (U.S., e.g.) and initials are
# recognised by shape.
_ABBREVIATIONS = frozenset(
    """
    mr mrs ms mssrs messrs mmes dr prof st jr sr sen rep gov govt hon rev gen col lt maj capt
    cmdr adm sgt cpl pres amb ambs h.e no nos nr vol vols art arts para paras fig figs ch chap
    sec secs p pp ed eds etc vs v cf al approx ca est dept univ assn bros co corp inc ltd plc
    jan feb mar apr jun jul aug sep sept oct nov dec op ibid viz resp mt ft
    г гг т тт др пр стр им ул см тыс млн млрд руб проф акад
    """.split()  # noqa: SIM905
)


def split_passages(
    text: str, *, min_chars: int = DEFAULT_MIN_CHARS, max_chars: int = DEFAULT_MAX_CHARS
) -> list[str]:
    """Split ``text`` into passages of roughly ``min_chars``..``max_chars`` characters.

    Paragraph structure wins over size: a paragraph is only merged with a
    neighbour when it is shorter than ``min_chars`` and only cut when longer
    than ``max_chars`` (at sentence boundaries, into balanced pieces). Merged
    paragraphs are joined with a newline; other whitespace runs become one space.
    """
    if min_chars < 0 or max_chars < 1 or min_chars > max_chars:
        raise ValueError("need 0 <= min_chars <= max_chars and max_chars >= 1")
    pieces: list[str] = []
    for paragraph in split_paragraphs(text):
        if len(paragraph) > max_chars:
            pieces.extend(_cut_long(paragraph, max_chars))
        else:
            pieces.append(paragraph)
    return _merge_short(pieces, min_chars, max_chars)


def normalize_whitespace(text: str) -> str:
    """Unify newline conventions and turn every other whitespace run into one space."""
    text = _NEWLINES.sub("\n", text).replace("\u2029", "\n\n")
    return _SPACES.sub(" ", text)


def split_paragraphs(text: str) -> list[str]:
    """The paragraphs of ``text``, each on one line with whitespace collapsed."""
    raw_lines = _NEWLINES.sub("\n", text).replace("\u2029", "\n\n").split("\n")
    vocabulary: set[str] | None = None
    paragraphs: list[str] = []
    block: list[str] = []

    def flush() -> None:
        nonlocal vocabulary
        if not block:
            return
        if _is_wrapped(block):
            if vocabulary is None:
                vocabulary = _vocabulary(text)
            for group in _wrapped_groups(block):
                paragraphs.append(_join_wrapped(group, vocabulary))
        else:
            paragraphs.extend(_SPACES.sub(" ", line).strip() for line in block)
        block.clear()

    for line in raw_lines:
        line = line.rstrip()
        if line.strip():
            block.append(line)
        else:
            flush()
    flush()
    return [p for p in paragraphs if p]


def split_sentences(paragraph: str) -> list[str]:
    """Sentences of one paragraph; abbreviations, initials and decimals do not end one."""
    tokens = _SPACES.sub(" ", paragraph).strip().split(" ")
    if tokens == [""]:
        return []
    # In text without capitals (lower-cased data sets) a sentence may start lower-case.
    caseless = not any(ch.isupper() for ch in paragraph)
    sentences: list[str] = []
    current: list[str] = []
    for i, token in enumerate(tokens):
        current.append(token)
        if i + 1 < len(tokens) and _ends_sentence(token, tokens[i + 1], caseless):
            sentences.append(" ".join(current))
            current = []
    if current:
        sentences.append(" ".join(current))
    return sentences


# -- paragraphs ----------------------------------------------------------------


def _percentile(values: Sequence[int], fraction: float) -> int:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * (len(ordered) - 1) + 0.5))]


def _is_wrapped(lines: list[str]) -> bool:
    """True when the lines of a block are one hard-wrapped paragraph (or several)."""
    if len(lines) < 2:
        return False
    stripped = [line.strip() for line in lines]
    lengths = [len(line) for line in stripped]
    width = _percentile(lengths, 0.9) if len(lines) >= 10 else max(lengths)
    if width > _MAX_WRAP_WIDTH:
        return False
    body = lengths[:-1]
    if _percentile(body, 0.5) < 25:
        return False
    # Lines of wrapped prose fill the column; lines of a list or a poem do not.
    if sum(1 for n in body if n >= 0.6 * width) < 0.6 * len(body):
        return False
    continued = 0
    for line, following in zip(stripped, stripped[1:], strict=False):
        if not _SENTENCE_END.search(line) or following[:1].islower() or line.endswith("-"):
            continued += 1
    return continued >= 0.5 * len(body)


def _wrapped_groups(lines: list[str]) -> list[list[str]]:
    """Split a wrapped block into paragraphs at indentation, list items and short last lines."""
    lengths = [len(line.strip()) for line in lines]
    width = _percentile(lengths, 0.9) if len(lines) >= 10 else max(lengths)
    indented = [line[:1].isspace() for line in lines]
    indent_marks = sum(indented) < 0.5 * len(lines)
    groups: list[list[str]] = [[lines[0]]]
    for prev, line, is_indented in zip(lines, lines[1:], indented[1:], strict=False):
        prev_s, line_s = prev.strip(), line.strip()
        new_paragraph = (
            (indent_marks and is_indented)
            or bool(_LIST_ITEM.match(line_s))
            or (bool(_SENTENCE_END.search(prev_s)) and len(prev_s) < 0.75 * width)
        )
        if new_paragraph:
            groups.append([line])
        else:
            groups[-1].append(line)
    return groups


def _vocabulary(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"\w+(?:-\w+)*", text)}


def _join_wrapped(lines: list[str], vocabulary: set[str]) -> str:
    out = _SPACES.sub(" ", lines[0]).strip()
    for line in lines[1:]:
        nxt = _SPACES.sub(" ", line).strip()
        if out.endswith("\u00ad"):
            out = out[:-1] + nxt
        elif out.endswith("-") and len(out) >= 2 and not out[-2].isspace() and out[-2] != "-":
            if out[-2].isalpha() and out[-2].islower() and nxt[:1].islower():
                head = re.search(r"[\w-]*-$", out)
                tail = re.match(r"[\w-]*", nxt)
                assert head is not None and tail is not None
                hyphenated = (head.group(0) + tail.group(0)).lower()
                closed = (head.group(0)[:-1] + tail.group(0)).lower()
                # A hyphenated compound seen elsewhere in the text keeps its hyphen.
                if hyphenated in vocabulary and closed not in vocabulary:
                    out = out + nxt
                else:
                    out = out[:-1] + nxt
            else:
                out = out + nxt  # "Kassym-" + "Jomart", "COVID-" + "19"
        else:
            out = out + " " + nxt
    return out


# -- long paragraphs -----------------------------------------------------------


def _core(token: str) -> str:
    return token.strip(_OPENERS + _CLOSERS)


def _ends_sentence(token: str, following: str, caseless: bool = False) -> bool:
    if not _SENTENCE_END.search(token):
        return False
    first = following.lstrip(_OPENERS)[:1]
    if not first or (first.islower() and not caseless):
        return False
    bare = token.rstrip(_CLOSERS)
    if bare.endswith(("!", "?", "…", "..")):
        return True
    word = _core(bare[:-1]) if bare.endswith(".") else _core(bare)
    if not word:
        return True
    if word.lower() in _ABBREVIATIONS:
        return False
    if len(word) == 1 and word.isalpha():
        return False  # an initial: "K. Tokayev"
    parts = word.split(".")
    # Dotted abbreviations: U.S., e.g., H.E., U.N.
    return not (len(parts) > 1 and all(0 < len(p) <= 3 and p.isalpha() for p in parts))


def _units(paragraph: str, max_chars: int) -> list[tuple[str, float]]:
    """Sentences (cut cost 0); over-long ones broken at clauses, then at spaces."""
    units: list[tuple[str, float]] = []
    for sentence in split_sentences(paragraph):
        if len(sentence) <= max_chars:
            units.append((sentence, 0.0))
            continue
        for clause in _clauses(sentence):
            if len(clause) <= max_chars:
                units.append((clause, 0.05))
            else:
                units.extend((word, 0.3) for word in clause.split(" "))
        units[-1] = (units[-1][0], 0.0)
    return units


def _clauses(sentence: str) -> list[str]:
    tokens = sentence.split(" ")
    clauses: list[str] = []
    current: list[str] = []
    for i, token in enumerate(tokens):
        current.append(token)
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if nxt and (_CLAUSE_END.search(token) or nxt in _DASHES):
            clauses.append(" ".join(current))
            current = []
    if current:
        clauses.append(" ".join(current))
    return clauses


def _cut_long(paragraph: str, max_chars: int) -> list[str]:
    """Cut into the fewest-ish pieces of balanced size, preferring sentence boundaries."""
    units = _units(paragraph, max_chars)
    lengths = [len(u) for u, _ in units]
    total = sum(lengths) + len(lengths) - 1
    target = total / max(1, math.ceil(total / max_chars))
    n = len(units)
    best = [0.0] + [math.inf] * n
    back = [0] * (n + 1)
    for end in range(1, n + 1):
        size = -1
        penalty = units[end - 1][1] if end < n else 0.0
        for start in range(end - 1, -1, -1):
            size += lengths[start] + 1
            if size > max_chars and start < end - 1:
                break
            cost = best[start] + ((size - target) / max_chars) ** 2 + penalty
            if cost < best[end]:
                best[end] = cost
                back[end] = start
    pieces: list[str] = []
    end = n
    while end > 0:
        start = back[end]
        pieces.append(" ".join(u for u, _ in units[start:end]))
        end = start
    pieces.reverse()
    return pieces


# -- short paragraphs ----------------------------------------------------------


def _heading_like(paragraph: str) -> bool:
    """A line that introduces what follows: no sentence-final punctuation."""
    return not _SENTENCE_END.search(paragraph)


def _merge_short(pieces: list[str], min_chars: int, max_chars: int) -> list[str]:
    out: list[str] = []
    carry: str | None = None  # a short piece waiting to join the following one

    def attach_back(piece: str) -> None:
        if out and len(out[-1]) + 1 + len(piece) <= max_chars:
            out[-1] = out[-1] + "\n" + piece
        else:
            out.append(piece)

    for piece in pieces:
        if carry is not None:
            if len(carry) + 1 + len(piece) <= max_chars:
                piece = carry + "\n" + piece
            else:
                attach_back(carry)
            carry = None
        if len(piece) >= min_chars:
            out.append(piece)
        elif not _heading_like(piece) and out and len(out[-1]) + 1 + len(piece) <= max_chars:
            out[-1] = out[-1] + "\n" + piece
        else:
            carry = piece
    if carry is not None:
        attach_back(carry)
    return out


__all__ = [
    "DEFAULT_MAX_CHARS",
    "DEFAULT_MIN_CHARS",
    "normalize_whitespace",
    "split_paragraphs",
    "split_passages",
    "split_sentences",
]
