"""Topics from a small taxonomy of signal words and phrases.

A topic is only given to a passage on real evidence: two distinct signals, or one strong
multi-word phrase. Signals and text go through the same analysis, so inflected forms
match. The taxonomy is YAML (``data/topics.yaml``); a corpus can extend or replace it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .errors import CorpusError

__all__ = [
    "MIN_SCORE",
    "Taxonomy",
    "Topic",
    "TopicHit",
    "analyse",
    "default_taxonomy",
    "label",
    "load_taxonomy",
    "stem",
]

MIN_SCORE = 2.0
PHRASE_WEIGHT = 2.0
WORD_WEIGHT = 1.0

_TOKEN = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_BRITISH = re.compile(r"is(e|ed|es|ing|ation|ations|er|ers)$")
_SUFFIXES = (
    "izations",
    "ization",
    "izing",
    "izes",
    "ized",
    "ize",
    "ations",
    "ation",
    "ments",
    "ment",
    "ities",
    "ity",
    "ings",
    "ing",
    "ies",
    "ied",
    "ed",
    "es",
    "s",
)


def stem(word: str) -> str:
    """A light, predictable English stemmer (reforms/reformed/reforming -> reform)."""
    word = word.casefold().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) <= 4:
        return word
    word = _BRITISH.sub(r"iz\1", word) if len(word) > 6 else word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= (5 if "ation" in suffix else 3):
            root = word[: -len(suffix)]
            if suffix in {"ies", "ied"}:
                return root + "y"
            if suffix == "s" and (root.endswith(("s", "u", "i")) or word.endswith("ss")):
                return word
            if suffix == "es" and not root.endswith(("s", "x", "z", "ch", "sh")):
                return word[:-1]
            if suffix in {"ed", "ing"} and len(root) > 2 and root[-1] == root[-2]:
                root = root[:-1]
            return root
    return word


def _external_analyzer() -> Callable[[str], list[str]] | None:
    try:  # owned by another module; optional
        from .analysis import analyze  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - any import problem means "not available"
        return None
    return analyze  # type: ignore[no-any-return]


def analyse(text: str) -> list[str]:
    """Tokens as matched against signals; the project's analyser when there is one."""
    external = _external_analyzer()
    if external is not None:
        return [t for t in external(text) if t]
    return [stem(t) for t in _TOKEN.findall(text)]


@dataclass(frozen=True)
class Topic:
    id: str
    label: str
    parent: str | None = None
    phrases: tuple[str, ...] = ()
    words: tuple[str, ...] = ()


@dataclass(frozen=True)
class TopicHit:
    topic: str
    score: float
    evidence: tuple[str, ...]  # the signals seen, as written in the taxonomy


@dataclass
class Taxonomy:
    topics: dict[str, Topic]
    min_score: float = MIN_SCORE
    _index: dict[str, list[tuple[tuple[str, ...], str, float, str]]] = field(
        init=False, repr=False, default_factory=dict
    )

    def __post_init__(self) -> None:
        index: dict[str, list[tuple[tuple[str, ...], str, float, str]]] = defaultdict(list)
        for topic in self.topics.values():
            signals = [(p, PHRASE_WEIGHT) for p in topic.phrases]
            signals += [(w, WORD_WEIGHT) for w in topic.words]
            for surface, weight in signals:
                tokens = tuple(analyse(surface))
                if tokens:
                    # A phrase reduced to one token by stopwording is only a word.
                    weight = weight if len(tokens) > 1 else WORD_WEIGHT
                    index[tokens[0]].append((tokens, topic.id, weight, surface))
        for entries in index.values():
            entries.sort(key=lambda e: -len(e[0]))
        self._index = dict(index)

    def label(self, topic_id: str) -> str:
        topic = self.topics.get(topic_id)
        return topic.label if topic else topic_id

    def ancestors(self, topic_id: str) -> list[str]:
        out: list[str] = []
        parent = self.topics[topic_id].parent if topic_id in self.topics else None
        while parent and parent not in out and parent in self.topics:
            out.append(parent)
            parent = self.topics[parent].parent
        return out

    def classify(self, text: str) -> list[TopicHit]:
        """Topics with enough evidence in ``text``, best first."""
        tokens = analyse(text)
        index = self._index
        # Distinct signals are distinct analysed forms: "neighbours"/"neighbouring" count once.
        seen: dict[str, dict[tuple[str, ...], tuple[float, str]]] = defaultdict(dict)
        for i in [i for i, token in enumerate(tokens) if token in index]:
            for signal, topic_id, weight, surface in index[tokens[i]]:
                # One-word signals match by the lookup itself; phrases compare the slice.
                if len(signal) == 1 or tuple(tokens[i : i + len(signal)]) == signal:
                    old = seen[topic_id].get(signal)
                    if old is None or weight > old[0]:
                        seen[topic_id][signal] = (weight, surface)
        hits = []
        for topic_id, signals in seen.items():
            score = sum(w for w, _ in signals.values())
            if score >= self.min_score:
                evidence = tuple(sorted({s for _, s in signals.values()}))
                hits.append(TopicHit(topic_id, score, evidence))
        hits.sort(key=lambda h: (-h.score, h.topic))
        return hits

    def summarise(self, passage_hits: Iterable[list[TopicHit]]) -> list[str]:
        """Document topics: those carried by several passages (or by any, in short texts)."""
        total: dict[str, float] = defaultdict(float)
        count: dict[str, int] = defaultdict(int)
        n = 0
        for hits in passage_hits:
            n += 1
            for hit in hits:
                total[hit.topic] += hit.score
                count[hit.topic] += 1
        needed = 1 if n <= 3 else 2
        kept = [t for t in total if count[t] >= needed]
        return sorted(kept, key=lambda t: (-total[t], t))


def _topics_from(data: Any, where: str) -> tuple[list[Topic], dict[str, Any]]:
    if not isinstance(data, dict) or not isinstance(data.get("topics", []), list):
        raise CorpusError(
            f"{where}: expected a mapping with a 'topics' list",
            hint="see docs/metadata.md, 'Topics'",
        )
    out = []
    for n, entry in enumerate(data.get("topics") or [], 1):
        if not isinstance(entry, dict) or not entry.get("id"):
            raise CorpusError(f"{where}: topic #{n} has no 'id'", hint="see docs/metadata.md")
        for key in ("phrases", "words"):
            if not isinstance(entry.get(key, []) or [], list):
                raise CorpusError(f"{where}: topic {entry['id']!r}: '{key}' must be a list")
        out.append(
            Topic(
                id=str(entry["id"]),
                label=str(entry.get("label") or entry["id"]),
                parent=str(entry["parent"]) if entry.get("parent") else None,
                phrases=tuple(str(p) for p in entry.get("phrases") or []),
                words=tuple(str(w) for w in entry.get("words") or []),
            )
        )
    return out, data


@lru_cache(maxsize=1)
def default_taxonomy() -> Taxonomy:
    text = resources.files("searchlib").joinpath("data/topics.yaml").read_text(encoding="utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available
    topics, _ = _topics_from(yaml.load(text, Loader=loader), "searchlib/data/topics.yaml")
    return Taxonomy({t.id: t for t in topics})


def load_taxonomy(path: Path | None = None) -> Taxonomy:
    """The default taxonomy, extended or replaced by a corpus ``topics.yaml``.

    The corpus file has ``topics: [...]`` and optionally ``mode: replace`` (default
    ``extend``: same id redefines a topic, new ids are added), ``remove: [ids]`` and
    ``min_score``. Raises ``CorpusError`` naming the file.
    """
    base = default_taxonomy()
    if path is None:
        return base
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise CorpusError(f"{path}: cannot read topics ({exc})") from None
    topics, data = _topics_from(data, str(path))
    mode = data.get("mode", "extend")
    if mode not in {"extend", "replace"}:
        raise CorpusError(f"{path}: mode must be 'extend' or 'replace', not {mode!r}")
    merged = {} if mode == "replace" else dict(base.topics)
    for topic_id in data.get("remove") or []:
        merged.pop(str(topic_id), None)
    for topic in topics:
        merged[topic.id] = topic
    try:
        min_score = float(data.get("min_score", base.min_score))
    except (TypeError, ValueError):
        raise CorpusError(f"{path}: min_score must be a number") from None
    for topic in merged.values():
        if topic.parent and topic.parent not in merged:
            raise CorpusError(f"{path}: topic {topic.id!r}: unknown parent {topic.parent!r}")
    return Taxonomy(merged, min_score=min_score)


def label(topic_id: str, taxonomy: Taxonomy | None = None) -> str:
    """The display label of a topic id (the id itself when unknown)."""
    return (taxonomy or default_taxonomy()).label(topic_id)
