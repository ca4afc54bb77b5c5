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

__all__ = [
    "Gazetteer",
    "Place",
    "default_gazetteer",
    "ends_with_place",
    "find_places",
    "normalise_country",
]


@dataclass(frozen=True)
class Place:
    name: str
    kind: str = "country"  # country, region or bloc
    iso3: str = ""
    codes: tuple[str, ...] = ()
    variants: tuple[str, ...] = ()
    ru: tuple[str, ...] = ()  # names in Russian, matched in any case
    kk: tuple[str, ...] = ()  # names in Kazakh, matched with any ending


@dataclass
class Gazetteer:
    """Every surface form of every place, compiled into one longest-first pattern."""

    places: list[Place]
    _forms: dict[str, str] = field(init=False, repr=False)
    _lookup: dict[str, str] = field(init=False, repr=False)
    _pattern: re.Pattern[str] | None = field(init=False, repr=False)
    _ru: dict[tuple[str, ...], str] | None = field(init=False, repr=False, default=None)
    _ru_first: dict[str, list[tuple[str, ...]]] = field(
        init=False, repr=False, default_factory=dict
    )
    _kk: re.Pattern[str] | None = field(init=False, repr=False, default=None)
    _kk_names: dict[str, str] = field(init=False, repr=False, default_factory=dict)

    def __post_init__(self) -> None:
        self._forms = {}
        self._lookup = {}
        for place in self.places:
            for form in (place.name, *place.variants):
                self._forms.setdefault(form, place.name)
            names = (place.name, *place.variants, *place.ru, *place.kk)
            for key in (*names, place.iso3, *place.codes):
                if key:
                    self._lookup.setdefault(_fold(key), place.name)
        # A trie, not a flat alternation: same matches (longest form first, shorter
        # ones on backtracking), but the regex engine no longer tries every form at
        # every word start, which made this ~10x slower.
        forms = [f for f in self._forms if f]
        self._pattern = (
            # "US dollars", "Hong Kong dollar": a currency, not a mention of the place.
            re.compile(rf"(?<![\w.])(?:{_trie_pattern(forms)})(?![\w])(?!\s+dollars?\b)")
            if forms
            else None
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
                    kk=tuple(str(v) for v in entry.get("kk", []) or []),
                )
            )
        return cls(places)

    def find(self, text: str) -> list[str]:
        """Places mentioned in ``text``, in order of first mention, each once."""
        found: list[tuple[int, str]] = []
        if self._pattern is not None:
            found = [(m.start(), self._forms[m.group(0)]) for m in self._pattern.finditer(text)]
        if _KAZAKH_LETTER_RE.search(text):
            from .kazakh import is_kazakh  # only a text with Kazakh letters needs it

            # Kazakh is matched by its own rules alone: the Russian stems would read its
            # words as Russian ones ("Дана" is not Дания).
            if is_kazakh(text):
                found = sorted(found + self._find_kazakh(text), key=lambda f: f[0])
                return list(dict.fromkeys(name for _, name in found))
        if _CYRILLIC_RE.search(text):
            found = sorted(found + self._find_russian(text), key=lambda f: f[0])
        return list(dict.fromkeys(name for _, name in found))

    def ends_with_place(self, text: str) -> bool:
        """Whether ``text`` ends in a place's name: "Ambassador of Japan"."""
        text = text.rstrip()
        return self._pattern is not None and any(
            m.end() == len(text) for m in self._pattern.finditer(text, max(0, len(text) - 60))
        )

    def _find_russian(self, text: str) -> list[tuple[int, str]]:
        """Russian names in any case: word sequences that start with a capital (Казахстана,
        Соединенных Штатов, ЕС), so "малый" never reads as Mali. A word fits a name's word
        when it has the same stem or is that stem plus a case ending (the stemmer reads
        "Китая" as an adjective's ending)."""
        if self._ru is None:
            self._ru = {}
            for place in self.places:
                for form in place.ru:
                    self._ru.setdefault(_ru_stems(form), place.name)
            self._ru_first = {}
            for key in sorted(self._ru, key=len, reverse=True):
                self._ru_first.setdefault(key[0], []).append(key)
        by_first = self._ru_first
        words = [
            (m.start(), m.group(0).lower().replace("ё", "е")) for m in _RU_WORD_RE.finditer(text)
        ]
        stems = _ru_stems(" ".join(w for _, w in words))
        out = []
        i = 0
        while i < len(words):
            found = None
            if text[words[i][0]].isupper():
                for key in _ru_candidates(words[i][1], stems[i], by_first):
                    tail = range(1, len(key))
                    if i + len(key) <= len(words) and all(
                        _ru_fits(words[i + k][1], stems[i + k], key[k]) for k in tail
                    ):
                        found = key
                        break
            if found is None:
                i += 1
                continue
            out.append((words[i][0], self._ru[found]))
            i += len(found)
        return out

    def _find_kazakh(self, text: str) -> list[tuple[int, str]]:
        """Kazakh names with the ending glued to their last word (Қазақстанның, АҚШ-тың);
        the Russian names too, written the same in Kazakh (Аргентинаның)."""
        if self._kk is None:
            from .kazakh import ENDINGS  # only a text with Kazakh letters needs it

            self._kk_names = {f: p.name for p in self.places for f in (*p.ru, *p.kk)}
            forms = list(self._kk_names)
            self._kk = re.compile(rf"(?<![\w-])({_trie_pattern(forms)})-?{ENDINGS}(?![\w-])")
        return [(m.start(), self._kk_names[m.group(1)]) for m in self._kk.finditer(text)]

    def normalise(self, value: str) -> str | None:
        """A table value (name, variant or ISO3 code, any case) -> the place's name, or None."""
        return self._lookup.get(_fold(value))

    def kind(self, name: str) -> str:
        for place in self.places:
            if place.name == name:
                return place.kind
        return ""


def _ru_fits(word: str, stem: str, wanted: str) -> bool:
    return stem == wanted or word.startswith(wanted) and len(word) - len(wanted) <= 3


def _ru_candidates(
    word: str, stem: str, by_first: dict[str, list[tuple[str, ...]]]
) -> list[tuple[str, ...]]:
    """Names whose first word this word fits, the longest stems first (Ирака is Iraq's
    case, though it also starts with Iran's stem)."""
    heads = [stem] + [word[: len(word) - k] for k in range(0, 4) if len(word) - k >= 3]
    out: list[tuple[str, ...]] = []
    for head in sorted(set(heads), key=len, reverse=True):
        out += by_first.get(head, [])
    return out


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
_KAZAKH_LETTER_RE = re.compile(r"[ӘҒҚҢӨҰҮҺІәғқңөұүһі]")
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


def find_kazakh_places(text: str) -> list[str]:
    """Places in a Kazakh text's words, with their endings (Жапония, Қытайға), however
    little text there is to tell its language by."""
    return [name for _, name in default_gazetteer()._find_kazakh(text)]


def ends_with_place(text: str) -> bool:
    return default_gazetteer().ends_with_place(text)


def normalise_country(value: str) -> str | None:
    return default_gazetteer().normalise(value)
