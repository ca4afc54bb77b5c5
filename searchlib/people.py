"""People's names: cleaning, a transliteration-tolerant matching key, and corpus-wide merging.

The same person is spelled many ways across sources ("Mr. TOKAEV", "Kassym-Jomart Tokayev",
"Kassymzhomart K. Tokaev"). Facets are only useful if each person has one name, so every
name goes through ``clean_name`` and then a ``NameResolver`` built over the whole corpus
maps each spelling to one canonical form. There is deliberately no list of known people:
merging relies on a normalised key plus conservative rules, and ``people.yaml`` pins
override everything.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import CorpusError

# Titles and honorifics removed from the front of a name (longest first when matching).
HONORIFICS = [
    "his royal highness",
    "her royal highness",
    "his excellency",
    "her excellency",
    "his majesty",
    "her majesty",
    "his highness",
    "her highness",
    "his holiness",
    "his serene highness",
    "serene highness",
    "highness",
    "the honourable",
    "the honorable",
    "honourable",
    "honorable",
    "hon",
    "the rt hon",
    "rt hon",
    "the right honourable",
    "h.r.h.",
    "h.e.",
    "h. e.",
    "mr",
    "mrs",
    "ms",
    "miss",
    "mme",
    "madam",
    "madame",
    "dr",
    "prof",
    "professor",
    "sir",
    "dame",
    "lord",
    "baroness",
    "baron",
    "rev",
    "reverend",
    "ambassador",
    "president",
    "vice-president",
    "vice president",
    "prime minister",
    "deputy prime minister",
    "first deputy prime minister",
    "deputy minister",
    "foreign minister",
    "minister",
    "secretary-general",
    "secretary general",
    "secretary",
    "senator",
    "congressman",
    "congresswoman",
    "governor",
    "mayor",
    "chairman",
    "chairwoman",
    "general",
    "gen",
    "colonel",
    "col",
    "admiral",
    "captain",
    "king",
    "queen",
    "prince",
    "princess",
    "crown prince",
    "archbishop",
    "cardinal",
    "bishop",
    "monsignor",
    "msgr",
    "dato'",
    "dato",
    "datuk",
    "tan sri",
    "tun",
    "senhor",
    "señor",
    "sr",
    "sra",
    "herr",
    "frau",
    "messrs",
]
# Honorifics that are often part of the name itself: stripped only when two tokens remain.
WEAK_HONORIFICS = {
    "sheikh",
    "sheikha",
    "shaikh",
    "sheik",
    "sheijkh",
    "sri",
    "seri",
    "haji",
    "hajji",
    "emir",
    "amir",
    "sultan",
}
TRAILING_TITLES = {"pasha", "bey", "effendi", "esq", "esq.", "phd", "ph.d."}
SUFFIXES = {"jr", "jr.", "sr.", "ii", "iii", "iv", "v"}
PARTICLES = {
    "de",
    "da",
    "do",
    "dos",
    "das",
    "di",
    "del",
    "della",
    "van",
    "von",
    "der",
    "den",
    "ter",
    "bin",
    "ibn",
    "bint",
    "al",
    "el",
    "la",
    "le",
    "du",
    "y",
    "e",
    "ben",
    "ould",
    "ag",
    "abu",
}

_HONORIFIC_RE = re.compile(
    r"^(?:"
    + "|".join(
        re.escape(h).replace(r"\ ", r"\s+") for h in sorted(HONORIFICS, key=len, reverse=True)
    )
    + r")(?:\.|(?<=[.'])|\b)\s*",
    re.IGNORECASE,
)
_INITIAL_RE = re.compile(r"^[A-Z]\.?$")


def _fix_case(token: str, first: bool) -> str:
    """``TOKAEV`` -> ``Tokaev``; ``YAQUB-KHAN`` -> ``Yaqub-Khan``; keeps ``McDonald`` and ``II``."""
    low = token.lower()
    if low in {"ii", "iii", "iv"}:
        return token.upper()
    letters = [c for c in token if c.isalpha()]
    if not letters:
        return token
    if all(c.isupper() for c in letters) and len(letters) > 1 or all(c.islower() for c in letters):
        if not first and low in PARTICLES:
            return low
        return re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), low)
    return token


def clean_name(raw: str) -> str:
    """A display form of a person's name: no honorifics, fixed capitals and spacing.

    Returns ``""`` when nothing name-like is left (a bare title, digits, a sentence).
    """
    text = unicodedata.normalize("NFKC", raw or "").replace("’", "'").replace("‘", "'")
    text = re.sub(r"\s+", " ", text).strip(" \t,;:.-–—\"'()[]")
    text = re.sub(r"'s$", "", text)
    text = re.sub(r"\s*-\s*", "-", text)
    text = re.sub(r"\s+\.", ".", text)
    for _ in range(6):
        match = _HONORIFIC_RE.match(text)
        if not match:
            break
        if not text[match.end() :].strip(" .,"):
            return ""  # a bare title
        text = text[match.end() :].strip(" ,")
    text = re.sub(r"\b([A-Z])\.(?=[A-Z]\.)", r"\1. ", text)  # "K.M." -> "K. M."
    tokens = text.split()
    while len(tokens) > 2 and tokens[0].lower().rstrip(".'") in WEAK_HONORIFICS:
        tokens = tokens[1:]
    while len(tokens) > 1 and tokens[-1].lower().rstrip(",") in TRAILING_TITLES:
        tokens = tokens[:-1]
    if not tokens or len(tokens) > 8 or any(ch.isdigit() for ch in text):
        return ""
    if not any(c.isalpha() for c in "".join(tokens)):
        return ""
    fixed = []
    for i, tok in enumerate(tokens):
        tok = _fix_case(tok, i == 0)
        if len(tok) == 1 and tok.isalpha() and tok.isupper() and i < len(tokens) - 1:
            tok += "."
        fixed.append(tok)
    return " ".join(fixed)


# -- matching key -------------------------------------------------------------------------

_FOLD = str.maketrans({"ø": "o", "ß": "ss", "ı": "i", "đ": "d", "ł": "l", "æ": "ae", "œ": "oe"})
_TRANSLIT = [
    ("dzh", "j"),
    ("zh", "j"),
    ("dj", "j"),
    ("kh", "h"),
    ("ph", "f"),
    ("q", "k"),
    ("ck", "k"),
    ("yev", "ev"),
    ("iev", "ev"),
    ("ye", "e"),
    ("yu", "iu"),
    ("ya", "ia"),
    ("y", "i"),
    ("w", "v"),
]


def translit_key(text: str) -> str:
    """A spelling-insensitive key: Tokayev/Tokaev, Zhomart/Jomart, Nurgaliyev/Nurgaliev."""
    text = unicodedata.normalize("NFKD", text.casefold().translate(_FOLD))
    text = "".join(c for c in text if "a" <= c <= "z")
    for old, new in _TRANSLIT:
        text = text.replace(old, new)
    text = text.replace("ou", "u")
    text = re.sub(r"([aeiou])h$", r"\1", text)  # Abdullah/Abdulla
    return re.sub(r"(.)\1+", r"\1", text)


@dataclass(frozen=True)
class NameParts:
    """A cleaned name split for matching."""

    given: tuple[str, ...]  # full given/middle tokens
    initials: str  # middle or given initials, e.g. "W" or "HW"
    surname: str
    suffix: str = ""

    @property
    def given_key(self) -> str:
        return "".join(translit_key(g) for g in self.given)

    @property
    def surname_key(self) -> str:
        return translit_key(self.surname)

    @property
    def full_key(self) -> tuple[str, str, str]:
        return (self.given_key, self.surname_key, self.suffix)

    @property
    def completeness(self) -> int:
        return sum(len(g.split("-")) for g in self.given)


def split_name(name: str) -> NameParts | None:
    """Split a cleaned name into given names, initials, surname and suffix."""
    tokens = name.split()
    suffix = ""
    if len(tokens) > 1 and tokens[-1].lower() in SUFFIXES:
        suffix = tokens.pop().lower().rstrip(".")
    if not tokens:
        return None
    surname = tokens[-1]
    # Particles belong to the surname ("da Silva", "de Sousa").
    i = len(tokens) - 1
    while i > 1 and tokens[i - 1].lower() in PARTICLES:
        i -= 1
        surname = tokens[i] + " " + surname
    given, initials = [], ""
    for tok in tokens[:i]:
        if _INITIAL_RE.match(tok):
            initials += tok[0]
        else:
            given.append(tok)
    if not translit_key(surname):
        return None
    return NameParts(tuple(given), initials, surname, suffix)


# -- corpus-wide statistics and resolution ------------------------------------------------


@dataclass
class NameStats:
    """Per spelling: how often it occurs, and optionally in which years and groups (countries).

    Years and groups are extra evidence for merging: without them the resolver falls back
    to counts only.
    """

    counts: Counter[str] = field(default_factory=Counter)
    years: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    groups: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def add(
        self, name: str, count: int = 1, *, year: int | None = None, group: str | None = None
    ) -> None:
        self.counts[name] += count
        if year is not None:
            self.years[name].add(year)
        if group:
            self.groups[name].add(group)


def load_pins(path: Path) -> dict[str, str]:
    """Read ``people.yaml`` / ``people.csv``: variant -> canonical. Raises ``CorpusError``.

    YAML: a mapping ``Canonical Name: [variant, variant]`` (or a list of
    ``{name: ..., variants: [...]}``). CSV: columns ``variant,canonical`` (header optional).
    """
    pins: dict[str, str] = {}
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CorpusError(f"{path}: cannot read ({exc})") from None
    if path.suffix.lower() == ".csv":
        for lineno, row in enumerate(csv.reader(text.splitlines()), 1):
            if not row or not any(c.strip() for c in row):
                continue
            if lineno == 1 and [c.strip().lower() for c in row[:2]] == ["variant", "canonical"]:
                continue
            if len(row) < 2 or not row[0].strip() or not row[1].strip():
                raise CorpusError(
                    f"{path}:{lineno}: expected 'variant,canonical'",
                    hint="see docs/metadata.md, 'Pinning names'",
                )
            pins[row[0].strip()] = row[1].strip()
        return pins
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise CorpusError(f"{path}: not valid YAML ({exc})") from None
    entries: list[tuple[Any, Any]]
    if data is None:
        return pins
    if isinstance(data, dict):
        entries = list(data.items())
    elif isinstance(data, list) and all(isinstance(e, dict) and "name" in e for e in data):
        entries = [(e["name"], e.get("variants", [])) for e in data]
    else:
        raise CorpusError(
            f"{path}: expected a mapping 'Canonical Name: [variants]'",
            hint="see docs/metadata.md, 'Pinning names'",
        )
    for canonical, variants in entries:
        if isinstance(variants, str):
            variants = [variants]
        if not isinstance(canonical, str) or not isinstance(variants, list | type(None)):
            raise CorpusError(f"{path}: entry {canonical!r}: variants must be a list of names")
        pins[canonical] = canonical
        for variant in variants or []:
            pins[str(variant)] = canonical
    return pins


_YEAR_GAP = 4  # forms used more than a term apart are treated as different people


def _spans_close(a: set[int], b: set[int]) -> bool:
    if not a or not b:
        return True
    return not (max(a) + _YEAR_GAP < min(b) or max(b) + _YEAR_GAP < min(a))


class NameResolver:
    """Maps every spelling seen in the corpus to one canonical name.

    Rules, in order: pins; same full key (given names + surname, transliteration-folded);
    an initial-less form joins the one initialled form with the same key when the evidence
    allows (different initials never merge: George Bush vs George W. Bush); surname-only and
    initial-only forms join the single full name they can mean, else stay on their own.
    """

    def __init__(self, mapping: Mapping[str, str], pins: Mapping[str, str] | None = None) -> None:
        self._map: dict[str, str] = dict(mapping)
        self._pins: dict[str, str] = dict(pins or {})
        self._fold: dict[str, str] = {}
        for variant, canonical in self._map.items():
            self._fold.setdefault(variant.casefold(), canonical)
        self._pin_fold = {
            clean_name(v).casefold() or v.casefold(): c for v, c in self._pins.items()
        }
        self._by_key: dict[tuple[str, str, str], set[str]] = defaultdict(set)
        self._by_surname: dict[str, set[str]] = defaultdict(set)
        for variant, canonical in self._map.items():
            parts = split_name(variant)
            if parts is None:
                continue
            self._by_surname[parts.surname_key].add(canonical)
            if parts.given:
                self._by_key[parts.full_key].add(canonical)

    # -- building ---------------------------------------------------------------------

    @classmethod
    def build(
        cls,
        names: Mapping[str, int] | Iterable[tuple[str, int]] | NameStats,
        pins: Mapping[str, str] | None = None,
    ) -> NameResolver:
        if isinstance(names, NameStats):
            stats = names
        else:
            stats = NameStats()
            items = names.items() if isinstance(names, Mapping) else names
            for name, count in items:
                stats.add(name, int(count))
        # Clean first: counts, years and groups per cleaned spelling.
        counts: Counter[str] = Counter()
        years: dict[str, set[int]] = defaultdict(set)
        groups: dict[str, set[str]] = defaultdict(set)
        raw_of: dict[str, set[str]] = defaultdict(set)
        for raw, count in stats.counts.items():
            name = clean_name(raw)
            if not name:
                continue
            counts[name] += count
            years[name] |= stats.years.get(raw, set())
            groups[name] |= stats.groups.get(raw, set())
            raw_of[name].add(raw)
        pins = dict(pins or {})
        pin_fold = {(clean_name(v) or v).casefold(): c for v, c in pins.items()}
        pin_keys: dict[tuple[str, str, str], str] = {}
        for variant, canonical in pins.items():
            parts = split_name(clean_name(variant) or variant)
            if parts is not None and parts.given:
                pin_keys.setdefault(parts.full_key, canonical)

        cluster_of: dict[str, str] = {}  # cleaned name -> cluster id
        parts_of = {n: split_name(n) for n in counts}
        rest = []
        for name in counts:
            parts = parts_of[name]
            pinned = pin_fold.get(name.casefold())
            if pinned is None and parts is not None and parts.given:
                pinned = pin_keys.get(parts.full_key)
            if pinned is not None:
                cluster_of[name] = "pin:" + pinned
            elif parts is None:
                cluster_of[name] = "raw:" + name.casefold()
            else:
                rest.append(name)

        # 1. Full names grouped by key, split by initials.
        by_key: dict[tuple[str, str, str], list[str]] = defaultdict(list)
        for name in rest:
            parts = parts_of[name]
            assert parts is not None
            if parts.given:
                by_key[parts.full_key].append(name)
        for key, members in by_key.items():
            by_initials: dict[str, list[str]] = defaultdict(list)
            for name in members:
                by_initials[parts_of[name].initials].append(name)  # type: ignore[union-attr]
            ids = {ini: f"key:{key}:{ini}" for ini in by_initials}
            marked = [ini for ini in by_initials if ini]
            if "" in by_initials and len(marked) == 1:
                plain, initialled = by_initials[""], by_initials[marked[0]]
                plain_years = set().union(*(years[n] for n in plain))
                ini_years = set().union(*(years[n] for n in initialled))
                plain_n = sum(counts[n] for n in plain)
                ini_n = sum(counts[n] for n in initialled)
                if plain_years and ini_years:
                    merge = _spans_close(plain_years, ini_years)
                else:
                    # Counts only: an initial occasionally added to a usual name is the same
                    # person; two well-attested forms are likely two people.
                    merge = ini_n * 2 <= plain_n or (plain_n * 2 <= ini_n and plain_n <= 1)
                if merge:
                    ids[""] = ids[marked[0]]
            for ini, names_ in by_initials.items():
                for name in names_:
                    cluster_of[name] = ids[ini]

        # 2. Surname-only and initial-only forms.
        full_by_surname: dict[str, set[str]] = defaultdict(set)
        cluster_groups: dict[str, set[str]] = defaultdict(set)
        cluster_first: dict[str, set[str]] = defaultdict(set)
        for name, cid in cluster_of.items():
            parts = parts_of.get(name)
            if parts is None or not parts.given:
                continue
            full_by_surname[parts.surname_key].add(cid)
            cluster_groups[cid] |= groups[name]
            cluster_first[cid].add(translit_key(parts.given[0])[:1])
        for name in rest:
            parts = parts_of[name]
            assert parts is not None
            if parts.given:
                continue
            candidates = set(full_by_surname.get(parts.surname_key, set()))
            if parts.initials:
                first = translit_key(parts.initials[0])
                candidates = {c for c in candidates if first in cluster_first[c]}
            if groups[name]:
                candidates = {
                    c
                    for c in candidates
                    if not cluster_groups[c] or cluster_groups[c] & groups[name]
                }
            if len(candidates) == 1:
                cluster_of[name] = next(iter(candidates))
            else:
                cluster_of[name] = f"short:{parts.surname_key}:{parts.initials}:{parts.suffix}"

        # 3. Canonical spelling per cluster: most complete, then most frequent.
        members_of: dict[str, list[str]] = defaultdict(list)
        for name, cid in cluster_of.items():
            members_of[cid].append(name)
        mapping: dict[str, str] = {}
        for cid, members in members_of.items():
            if cid.startswith("pin:"):
                canonical = cid[4:]
            else:
                canonical = max(members, key=lambda n: _rank(n, parts_of.get(n), counts[n]))
            for name in members:
                mapping[name] = canonical
                for raw in raw_of[name]:
                    mapping.setdefault(raw, canonical)
        for variant, canonical in pins.items():
            mapping.setdefault(variant, canonical)
            mapping.setdefault(canonical, canonical)
        return cls(mapping, pins)

    # -- using ------------------------------------------------------------------------

    def canonical(self, name: str) -> str:
        """The canonical form of any spelling (unknown names come back cleaned)."""
        if name in self._map:
            return self._map[name]
        cleaned = clean_name(name)
        if not cleaned:
            return name.strip()
        found = self._map.get(cleaned) or self._fold.get(cleaned.casefold())
        if found:
            return found
        pinned = self._pin_fold.get(cleaned.casefold())
        if pinned:
            return pinned
        parts = split_name(cleaned)
        if parts is not None and parts.given:
            hits = self._by_key.get(parts.full_key, set())
            if len(hits) == 1:
                return next(iter(hits))
        return cleaned

    def resolve_query(self, value: str, known_names: Iterable[str] | None = None) -> list[str]:
        """Canonical names a user's ``--speaker`` value can mean: any variant, surname, case."""
        known = set(known_names) if known_names is not None else None
        cleaned = clean_name(value) or value.strip()
        results: set[str] = set()
        direct = self._fold.get(cleaned.casefold()) or self._pin_fold.get(cleaned.casefold())
        if direct:
            results.add(direct)
        parts = split_name(cleaned)
        if not results and parts is not None:
            if parts.given:
                results |= self._by_key.get(parts.full_key, set())
            else:
                hits = self._by_surname.get(parts.surname_key, set())
                if parts.initials:
                    first = translit_key(parts.initials[0])
                    hits = {h for h in hits if translit_key(h)[:1] == first}
                results |= hits
        if known is not None:
            extra = set()
            for name in known:  # names indexed but unknown to the resolver
                other = split_name(name)
                if other is None or parts is None:
                    continue
                if (
                    parts.given
                    and other.full_key == parts.full_key
                    or not parts.given
                    and other.surname_key == parts.surname_key
                    or name.casefold() == cleaned.casefold()
                ):
                    extra.add(name)
            results = (results & known) | extra
        return sorted(results)

    def variants(self) -> dict[str, list[str]]:
        """Canonical name -> every spelling seen (for ``kzsearch speakers``)."""
        out: dict[str, set[str]] = defaultdict(set)
        for variant, canonical in self._map.items():
            out[canonical].add(variant)
        return {c: sorted(v) for c, v in sorted(out.items())}

    def to_json(self) -> dict[str, Any]:
        return {"version": 1, "map": dict(sorted(self._map.items())), "pins": self._pins}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> NameResolver:
        return cls(data.get("map", {}), data.get("pins", {}))

    def __len__(self) -> int:
        return len(set(self._map.values()))


def _rank(name: str, parts: NameParts | None, count: int) -> tuple[Any, ...]:
    complete = parts.completeness if parts else 0
    has_lower = any(c.islower() for c in name)
    accents = sum(1 for c in name if ord(c) > 127)
    initials = len(parts.initials) if parts else 0
    return (bool(parts and parts.given), complete, count, initials, has_lower, accents, name)


__all__ = [
    "HONORIFICS",
    "NameParts",
    "NameResolver",
    "NameStats",
    "clean_name",
    "load_pins",
    "split_name",
    "translit_key",
]
