"""Countries, regions and blocs a text mentions, under one name each.

"U.S.", "USA", "United States" and "American" all become ``United States`` so the
``countries`` facet counts one place once. The gazetteer lives in ``data/places.yaml``;
ISO3 codes let metadata tables (e.g. UNGDC's ``ISO Code`` column) join onto the same names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

__all__ = ["Gazetteer", "Place", "default_gazetteer", "find_places", "normalise_country"]


@dataclass(frozen=True)
class Place:
    name: str
    kind: str = "country"  # country, region or bloc
    iso3: str = ""
    codes: tuple[str, ...] = ()
    variants: tuple[str, ...] = ()
    ru: tuple[str, ...] = ()  # names in Russian, matched in any case


@dataclass
class Gazetteer:
    """Every surface form of every place, compiled into one longest-first pattern."""

    places: list[Place]
    _forms: dict[str, str] = field(init=False, repr=False)
    _lookup: dict[str, str] = field(init=False, repr=False)
    _pattern: re.Pattern[str] | None = field(init=False, repr=False)
    _ru: dict[tuple[str, ...], str] | None = field(init=False, repr=False, default=None)

    def __post_init__(self) -> None:
        self._forms = {}
        self._lookup = {}
        for place in self.places:
            for form in (place.name, *place.variants):
                self._forms.setdefault(form, place.name)
            for key in (place.name, *place.variants, place.iso3, *place.codes, *place.ru):
                if key:
                    self._lookup.setdefault(_fold(key), place.name)
        # A trie, not a flat alternation: same matches (longest form first, shorter
        # ones on backtracking), but the regex engine no longer tries every form at
        # every word start, which made this ~10x slower.
        forms = [f for f in self._forms if f]
        self._pattern = (
            re.compile(rf"(?<![\w.])(?:{_trie_pattern(forms)})(?![\w])") if forms else None
        )

    @classmethod
    def from_data(cls, data: Any) -> Gazetteer:
        entries = data.get("places", []) if isinstance(data, dict) else data
        places = []
        for entry in entries or []:
            if not isinstance(entry, dict) or not entry.get("name"):
                raise ValueError(f"place entry without a name: {entry!r}")
            places.append(
                Place(
                    name=str(entry["name"]),
                    kind=str(entry.get("kind", "country")),
                    iso3=str(entry.get("iso3", "")),
                    codes=tuple(str(c) for c in entry.get("codes", []) or []),
                    variants=tuple(
                        str(v)
                        for v in [*(entry.get("variants") or []), *(entry.get("demonyms") or [])]
                    ),
                    ru=tuple(str(v) for v in entry.get("ru", []) or []),
                )
            )
        return cls(places)

    def find(self, text: str) -> list[str]:
        """Places mentioned in ``text``, in order of first mention, each once."""
        found: list[tuple[int, str]] = []
        if self._pattern is not None:
            found += [(m.start(), self._forms[m.group(0)]) for m in self._pattern.finditer(text)]
        if _CYRILLIC_RE.search(text):
            found += self._find_russian(text)
        seen: dict[str, None] = {}
        for _, name in sorted(found, key=lambda f: f[0]):
            seen.setdefault(name, None)
        return list(seen)

    def _find_russian(self, text: str) -> list[tuple[int, str]]:
        """Russian names in any case: stemmed word sequences that start with a capital
        (Казахстана, Соединенных Штатов, ЕС), so "малый" never reads as Mali."""
        if self._ru is None:
            self._ru = {}
            for place in self.places:
                for form in place.ru:
                    self._ru.setdefault(_ru_stems(form), place.name)
        longest = max((len(k) for k in self._ru), default=0)
        words = [(m.start(), m.group(0)) for m in _RU_WORD_RE.finditer(text)]
        stems = _ru_stems(" ".join(w for _, w in words))
        out = []
        i = 0
        while i < len(words):
            for n in range(min(longest, len(words) - i), 0, -1):
                name = self._ru.get(stems[i : i + n]) if words[i][1][:1].isupper() else None
                if name is not None:
                    out.append((words[i][0], name))
                    i += n
                    break
            else:
                i += 1
        return out

    def normalise(self, value: str) -> str | None:
        """A table value (name, variant or ISO3 code, any case) -> the place's name, or None."""
        return self._lookup.get(_fold(value))

    def kind(self, name: str) -> str:
        for place in self.places:
            if place.name == name:
                return place.kind
        return ""


def _trie_pattern(forms: list[str]) -> str:
    """A regex matching exactly ``forms``, preferring longer ones where several fit."""
    root: dict[str, dict] = {}  # type: ignore[type-arg]
    for form in forms:
        node = root
        for char in form:
            node = node.setdefault(char, {})
        node[""] = {}  # a form ends here

    def render(node: dict[str, dict]) -> str:  # type: ignore[type-arg]
        alts = [re.escape(char) + render(child) for char, child in sorted(node.items()) if char]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        # Greedy "?" tries the longer forms before stopping here.
        return f"(?:{body})?" if "" in node else body

    return render(root)


_CYRILLIC_RE = re.compile(r"[А-ЯЁа-яё]")
_RU_WORD_RE = re.compile(r"[А-ЯЁӘҒҚҢӨҰҮҺІа-яёәғқңөұүһі]+")


def _ru_stems(text: str) -> tuple[str, ...]:
    from .analysis import stem_word  # the index's own stemmer: only Russian text needs it

    return tuple(stem_word(w.lower().replace("ё", "е")) for w in _RU_WORD_RE.findall(text))


def _fold(value: str) -> str:
    text = re.sub(r"\s+", " ", value.replace("’", "'")).strip().casefold()
    return text[4:] if text.startswith("the ") else text


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    text = resources.files("searchlib").joinpath("data/places.yaml").read_text(encoding="utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: 10x faster
    return Gazetteer.from_data(yaml.load(text, Loader=loader))  # noqa: S506 - a safe loader


def find_places(text: str) -> list[str]:
    return default_gazetteer().find(text)


def normalise_country(value: str) -> str | None:
    return default_gazetteer().normalise(value)
