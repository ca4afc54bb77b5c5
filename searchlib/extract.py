"""Metadata extraction: who speaks in each passage, who is only mentioned, when, about what.

Explicit metadata (front matter, JSON keys, a metadata table) always wins; extraction
only fills gaps. Attribution follows the cues reporters use ("according to X", "X said",
", said the Deputy Minister"), resolves role references through the people a document
introduces ("Mr. Yerzhan Ashikbayev, Deputy Minister of Foreign Affairs"), and lets
reported speech run on into following passages until another cue. Speeches (a metadata
speaker, or a title like "Statement by President X at ...") belong to their author.
Names are made canonical corpus-wide afterwards (``canonicalise``).
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import people, places, textdates
from .dates import PartialDate
from .document import Document, Passage
from .errors import CorpusError
from .metatable import MetaTable, load_tables
from .topics import Taxonomy, default_taxonomy, load_taxonomy

__all__ = [
    "CONFIG_FILE",
    "EXTRACTION_VERSION",
    "ExtractionContext",
    "Mention",
    "canonicalise",
    "enrich",
    "explain",
    "extract_file",
    "find_mentions",
    "find_roster",
    "load_context",
    "name_stats",
    "raw_names",
    "speaker_uses",
]

# Bumped when extraction or name merging changes what a file yields: an index built by
# another version re-reads every file once (2: names carry their country and year uses;
# 3: roles before names, bylines, transcripts, no "General Assembly" among persons).
EXTRACTION_VERSION = 3
CONFIG_FILE = "kzsearch.yaml"
PEOPLE_FILES = ("people.yaml", "people.yml", "people.csv")
TOPICS_FILES = ("topics.yaml", "topics.yml")
INTRO_PASSAGES = 3  # where a report lists its speakers
BYLINE_LINES = 8  # where an op-ed names its author ("By X, President of ...")
TRANSCRIPT_LABELS = 2  # times one person's label must open a paragraph to make a transcript


# -- context -----------------------------------------------------------------------------


@dataclass
class ExtractionContext:
    """Everything per-corpus that extraction needs; built once, picklable for worker processes."""

    root: str = ""
    config_files: set[str] = field(default_factory=set)
    pins: dict[str, str] = field(default_factory=dict)
    taxonomy: Taxonomy = field(default_factory=default_taxonomy)
    tables: list[MetaTable] = field(default_factory=list)
    config: dict[str, Any] = field(default_factory=dict)


def load_context(
    corpus_root: Path | str, config_path: Path | str | None = None
) -> ExtractionContext:
    """Read ``kzsearch.yaml``, ``people.yaml|csv``, ``topics.yaml`` and metadata tables.

    ``config_path`` overrides where ``kzsearch.yaml`` is read from (tables stay relative
    to the corpus root). Raises ``CorpusError`` naming the broken file.
    """
    root = Path(corpus_root)
    ctx = ExtractionContext(root=str(root))
    cfg_path = Path(config_path) if config_path else root / CONFIG_FILE
    config: dict[str, Any] = {}
    if cfg_path.is_file():
        cfg_name = cfg_path.name if config_path is None else str(cfg_path)
        try:
            loaded = yaml.safe_load(cfg_path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise CorpusError(
                f"{cfg_name}: cannot read ({exc})", hint="see docs/metadata.md for the format"
            ) from None
        if loaded is not None and not isinstance(loaded, dict):
            raise CorpusError(
                f"{cfg_name}: expected a mapping of settings",
                hint="see docs/metadata.md for the format",
            )
        config = loaded or {}
        if config_path is None:
            ctx.config_files.add(CONFIG_FILE)
        ctx.tables = load_tables(root, config.get("metadata"), cfg_name)
        ctx.config_files.update(t.relpath for t in ctx.tables)
    elif config_path is not None:
        raise CorpusError(f"{cfg_path}: config file not found")
    ctx.config = config
    for name in PEOPLE_FILES:
        if (root / name).is_file():
            ctx.pins.update(people.load_pins(root / name))
            ctx.config_files.add(name)
    for name in TOPICS_FILES:
        if (root / name).is_file():
            ctx.taxonomy = load_taxonomy(root / name)
            ctx.config_files.add(name)
            break
    return ctx


# -- name patterns -----------------------------------------------------------------------

_UP = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĢĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŘŚŞŠŢŤŪŮŰŲŹŻŽ"
_LOW = "a-zß-öø-ÿā-žа-яё"
_WORD = rf"(?:[{_UP}][{_LOW}]+|[{_UP}]{{2,}}(?![{_LOW}]))"
_TOKEN = rf"{_WORD}(?:-(?:{_WORD}|[{_LOW}]+)|['’][{_UP}][{_LOW}]+)*"
_PARTICLE = r"(?:de|da|dos|van|von|der|bin|ibn|al|el|la|le|du)"
_SP = r"[ \t\u00a0]+"  # names never run across lines
_NAME = rf"{_TOKEN}(?:{_SP}(?:[{_UP}]\.|{_TOKEN}|{_PARTICLE}{_SP}{_TOKEN})){{0,3}}"

# A title, with the words that qualify it ("Deputy Foreign Minister", "First Vice-President").
_TITLE_MODIFIERS = (
    r"(?:(?:Deputy|Vice|First|Acting|Foreign|Prime|State|Special|Executive|Official|Permanent)"
    r"[ \t-]+)*"
)
_ROLE_TITLES = (
    rf"{_TITLE_MODIFIERS}(?:Minister|President|Secretary[- ]General|Secretary\s+of\s+State"
    r"|Secretary|Ambassador|Senator|Governor|Mayor|Chairman|Chairwoman|Chairperson|Speaker"
    r"|Envoy|Commissioner|Representative|Spokes(?:person|man|woman)|Director(?:[- ]General)?"
    r"|Head\s+of\s+(?:State|Government))"
    r"|King|Queen|Crown\s+Prince|Prince|Emir|Sheikh|General|Professor|Prof\."
)
_COURTESY = r"Mr\.?|Mrs\.?|Ms\.?|Dr\.?|H\.\s?E\.|His\s+Excellency|Her\s+Excellency|Sir|Dame"
_HON = rf"(?:{_COURTESY}|(?:{_ROLE_TITLES})(?![\w-]))"
_TITLED = rf"(?:{_HON}[ \t]*)+{_NAME}"
_HON_RE = re.compile(rf"(?<![\w.]){_HON}")
_ROLE_TITLE_RE = re.compile(rf"^(?:(?:{_COURTESY})\s*)*(?P<title>{_ROLE_TITLES})\b")

_ROLE_WORD = (
    r"(?i:Deputy|Vice|Minister|President|Chairman|Chairwoman|Chairperson|Chair|Ambassador"
    r"|Director|Head|Secretary|Professor|Senior|Chief|Executive|Founder|Co-founder|Member"
    r"|Adviser|Advisor|Spokesperson|Spokesman|Spokeswoman|Governor|Mayor|Senator|Permanent"
    r"|Special|First|Acting|Former|Foreign|Prime|Leader|Dean|Rector|Fellow|Researcher"
    r"|Analyst|Editor|CEO|Commissioner|Envoy|Representative|Expert|Coordinator|Manager"
    r"|Partner|Lecturer|Associate|Assistant|Consul|Counsellor|Counselor|Moderator|Journalist)\b"
)
# Each pattern that starts with a name first looks ahead for a capital: the same matches,
# but most positions fail at once instead of trying every title (4x faster on speeches).
_ROSTER_RE = re.compile(
    rf"(?=[{_UP}])(?P<who>(?:{_HON}\s*)*{_NAME})\s*,\s+(?:(?:the|a|an)\s+)?"
    rf"(?P<role>{_ROLE_WORD}[^.;:()\n]{{0,120}}?)"
    rf"(?=\s+and\s+(?:{_HON}|{_TOKEN}\s+{_TOKEN}\s*,)|\s*[.;:()\n]|\s*,\s+(?:and\s+)?{_HON}"
    rf"|\s*,\s+and\s|\s*,\s+(?:at|during|before|who|which)\s|\s*$)"
)
# "Deputy Minister of Foreign Affairs of Kazakhstan Aslan Berikov met": the role comes first,
# as press releases write it. The role is title-case words and connectives; the name is the
# two words (and an initial or particle) before punctuation or a use as a name: a verb
# ("... Aslan Berikov met"), or the next person of a list ("... and the Minister of ...").
_CONNECTIVE = r"(?:of|to|for|and|the|in|on|at|de|du|des|la|le|del|da)"
_NAME_USE = rf"{_SP}(?!{_CONNECTIVE}\b)[{_LOW}]|{_SP}and{_SP}(?:the{_SP})?(?:{_HON}|{_ROLE_WORD})"
_NAME_USE_RE = re.compile(_NAME_USE)
_ROLE_FIRST_RE = re.compile(
    rf"(?=[{_UP}])(?<![\w.])(?P<role>(?:{_ROLE_TITLES}){_SP}(?:of|to|for){_SP}"
    rf"(?:(?:{_CONNECTIVE}|[{_UP}][\w'’-]*){_SP}){{1,12}}?)"
    rf"(?P<who>{_TOKEN}(?:{_SP}(?:[{_UP}]\.|{_PARTICLE}))?{_SP}{_TOKEN})"
    rf"(?=\s*[,.;:()\n]|\s*$|{_NAME_USE})"
)
_TITLED_RE = re.compile(rf"(?=[{_UP}])(?<![\w.]){_TITLED}")

_ROLE_REF = (
    r"[Tt]he\s+(?P<ref>(?:(?:[Dd]eputy|[Vv]ice|[Pp]rime|[Ff]oreign|[Ff]irst|[Cc]hief|[Ss]enior"
    r"|[Ee]xecutive|[Aa]cting|[Ss]pecial|[Pp]ermanent|[Oo]fficial)[\s-]+)*"
    r"(?:[Mm]inister|[Pp]resident|[Aa]mbassador|[Cc]hairman|[Cc]hairwoman|[Cc]hairperson"
    r"|[Cc]hair|[Dd]irector|[Ss]ecretary(?:-[Gg]eneral)?|[Hh]ead\s+of\s+(?:[Ss]tate|[Gg]overnment)"
    r"|[Hh]ead|[Ss]peaker|[Gg]overnor|[Mm]ayor"
    r"|[Pp]rofessor|[Ss]pokes(?:person|man|woman)|[Ee]nvoy|[Rr]epresentative|[Cc]ommissioner))"
    r"(?![\w-])"
)
_WHO = rf"(?:{_TITLED}|{_ROLE_REF}|{_NAME})"
_VERBS = (
    r"said|says|stated|states|stressed|stresses|highlighted|highlights|noted|notes|added|adds"
    r"|concluded|concludes|emphasi[sz]ed|emphasi[sz]es|underlined|underlines|underscored"
    r"|pointed\s+out|explained|explains|remarked|observed|argued|argues|declared|announced"
    r"|affirmed|reaffirmed|reiterated|insisted|warned|commented|mentioned|recalled|asserted"
    r"|told|continued|summari[sz]ed|informed|briefed|urged|assured|instructed|called\s+on"
)
_ADV = r"(?:also|further|then|later|again|repeatedly|firmly|strongly|once\s+again)"
# An aside between a speaker and the verb: "Ambassador X, in turn, noted".
_ASIDE = r"(?:,\s*(?:in\s+(?:turn|(?:his|her|their)\s+turn)|for\s+(?:his|her|their)\s+part)\s*,)"
_CUES = [
    ("according to", re.compile(rf"\b[Aa]ccording\s+to\s+(?P<who>{_WHO})")),
    (
        "speaker before verb",
        re.compile(
            rf"(?=[{_UP}t])(?<![\w.])(?P<who>{_WHO})(?:{_ASIDE}|\s*,)?\s+(?:{_ADV}\s+)?"
            rf"(?P<verb>{_VERBS})\b"
        ),
    ),
    (
        "verb before speaker",
        re.compile(rf"(?:[,;:\"”“]|--|—)\s*(?P<verb>{_VERBS})\s+(?P<who>{_WHO})"),
    ),
]
# Cheap pre-checks: a passage without these cannot match the cue patterns above, and
# most passages have none, so the expensive patterns are skipped (same results, faster).
_VERB_RE = re.compile(rf"\b(?:{_VERBS})\b")
_SPEECH_TITLE = re.compile(
    r"^\s*(?:(?:Opening|Closing|Keynote|Welcoming|Video)\s+)?"
    r"(?:Statement|Address|Speech|Remarks|Message|Lecture|Keynote|Interview|Op-ed)s?"
    r"(?:\s+(?:delivered|made|given))?\s+(?:by|of)\s+(?P<who>.+?)"
    rf"(?:\s*,\s*(?P<role>{_ROLE_WORD}[^,:()–—]*?))?"
    r"(?=\s+(?:at|to|on|in|during|before|for|at)\s|\s*[,:(–—]|\s+-\s|\s*$)"
)
# "By Kassym-Jomart Tokayev, President of ...": an author's byline near the top.
_BYLINE_RE = re.compile(
    rf"^[ \t]*(?:[Bb]y|BY|[Ww]ritten\s+by|[Aa]uthor:)[ \t]+(?P<who>(?:{_HON}[ \t]*)*{_NAME})"
    rf"(?:[ \t]*,[ \t]*(?P<role>{_ROLE_WORD}[^\n]{{0,150}}?))?[ \t.]*$",
    re.MULTILINE,
)
_QUOTED_RE = re.compile(r"[\"“][^\"“”\n]{0,600}[\"”]")
_FIRST_PERSON_RE = re.compile(r"\b(?:I|[Mm]y|me|I'm|I’m)\b")
# A transcript's speaker label at the start of a paragraph: "Mukhtar Tileuberdi: We are …",
# "Q: …", "A: …" (the answers are the author's).
_LABEL_RE = re.compile(
    rf"^[ \t]*(?P<who>Q|A|Question|Answer|(?:{_HON}[ \t]*)*{_NAME})[ \t]*:[ \t]+(?=\S)",
    re.MULTILINE,
)
_EVENT_RE = re.compile(
    r"\b(?:webinar|seminar|conference|panel|round\s?table|forum|symposium|workshop|briefing"
    r"|discussion|lecture|dialogue|speakers|panell?ists)s?\b",
    re.IGNORECASE,
)
_STOP_CAPS = {
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "for",
    "as",
    "by",
    "with",
    "this",
    "that",
    "these",
    "those",
    "it",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "his",
    "her",
    "their",
    "our",
    "its",
    "and",
    "but",
    "also",
    "then",
    "today",
    "yesterday",
    "last",
    "next",
    "however",
    "when",
    "while",
    "after",
    "before",
    "during",
    "both",
    "all",
    "some",
    "many",
    "most",
    "each",
    "according",
    "there",
    "here",
    "what",
    "who",
    "which",
    "if",
    "so",
    "not",
    "no",
    "one",
}
_ORG_WORDS = {
    "ministry",
    "institute",
    "government",
    "office",
    "department",
    "agency",
    "committee",
    "council",
    "union",
    "organisation",
    "organization",
    "bank",
    "party",
    "parliament",
    "court",
    "embassy",
    "university",
    "center",
    "centre",
    "foundation",
    "commission",
    "service",
    "group",
    "company",
    "corporation",
    "association",
    "republic",
    "state",
    "states",
    "nations",
    "assembly",
    "administration",
    "country",
    "report",
    "statement",
    "declaration",
    "policy",
    "strategy",
    "programme",
    "program",
    "treaty",
    "forum",
    "secretariat",
    # agreements and meetings speak only figuratively: "the Manila Accord states"
    "accord",
    "accords",
    "agreement",
    "charter",
    "convention",
    "conference",
    "covenant",
    "pact",
    "protocol",
    "resolution",
    "summit",
    "communique",
    "affairs",
    "debate",
    "session",
    "meeting",
    "fund",
    # the media an interview is given to
    "radio",
    "television",
    "tv",
    "news",
    "press",
    "newspaper",
    "magazine",
    "journal",
    "channel",
    "broadcasting",
}


@dataclass(frozen=True)
class Mention:
    """A person named in a text: cleaned name, the title/role seen with it, and where."""

    name: str
    role: str
    start: int
    end: int
    titled: bool  # written with an honorific or title (so certainly a person)
    listed: bool = False  # introduced as "Name, Role" (a speakers' list, a byline)


def _trim_who(who: str) -> tuple[str, bool]:
    """Cut words before the first honorific ("Yesterday Mr X" -> "Mr X"); report if titled."""
    match = _HON_RE.search(who)
    if match:
        return who[match.start() :], True
    return who, False


def _role_title(who: str) -> str:
    match = _ROLE_TITLE_RE.match(who.strip())
    if not match:
        return ""
    return re.sub(r"\s+", " ", match.group("title")).replace("Prof.", "Professor")


def _org_word(token: str) -> bool:
    """An institution's word, singular or plural ("Governments", "Assembly")."""
    word = token.lower().strip(".")
    return word in _ORG_WORDS or word.endswith("s") and word[:-1] in _ORG_WORDS


def _plausible_bare(name: str) -> bool:
    """A name written without any title: only accepted if it cannot be something else."""
    tokens = name.split()
    if len(tokens) < 2 or len(tokens) > 4:
        return False
    if any(_org_word(t) or t.lower().strip(".") in _STOP_CAPS for t in tokens):
        return False
    return not places.find_places(name)


def _titled_person(name: str) -> bool:
    """A titled name that is not an institution: "General Assembly" and "President Trade
    Council" carry a title word but name no one (while "General Dayan" does)."""
    return not any(_org_word(t) for t in name.split())


def _written_lowercase(words: str, text: str) -> bool:
    """Whether ``text`` also writes one of these words in lower case, as it never writes
    a name: "Human Rights", "Final Words" are words."""
    return any(
        re.search(rf"(?<![\w-]){re.escape(w.lower())}(?![\w-])", text)
        for w in words.split()
        if w.lower() != w
    )


def _role_first_name(match: re.Match[str], text: str, listed: bool = False) -> str:
    """The name after a role, or "" when nothing shows the words are a person's name.

    Words that end the role's institution look the same ("of the Commission on Human
    Rights"), so the name must not contain a place or an institution's word, none of its
    words may be written in lower case, and it must be used as a name: followed by a verb
    ("Aslan Berikov met"), in a list of people (``listed``: after one, or before the next),
    or its surname used again.
    """
    if re.fullmatch(_CONNECTIVE, match.group("role").split()[-1]):
        return ""  # "of the Red Cross", "de Independencia": the institution's name goes on
    name = people.clean_name(match.group("who"))
    if len(name.split()) < 2 or not _plausible_bare(name):
        return ""
    end = match.end("who")
    surname = match.group("who").split()[-1]
    if _written_lowercase(match.group("who"), text):
        return ""  # "of the Joint Committee on Atomic Energy": words, not a name
    if listed or _NAME_USE_RE.match(text, end):
        return name
    again = re.finditer(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", text)
    return name if any(m.start() != end - len(surname) for m in again) else ""


def find_roster(text: str) -> list[Mention]:
    """People introduced with a role: "Mr. X Y, Deputy Minister of ..." (listed) and
    "President X Y" (titled). Each name once, first introduction wins."""
    out: dict[str, Mention] = {}
    for match in _ROSTER_RE.finditer(text):
        who, titled = _trim_who(match.group("who"))
        name = people.clean_name(who)
        if not name or not (titled or _plausible_bare(name)):
            continue
        role = re.sub(r"\s+", " ", match.group("role")).strip(" ,")
        if len(name.split()) >= 2:
            out.setdefault(name, Mention(name, role, match.start("who"), match.end(), True, True))
    last_end = -1  # where the last name after a role ended: "X Y and Director of ... Z W"
    for match in _ROLE_FIRST_RE.finditer(text):
        listed = re.fullmatch(r"\s+and\s+(?:the\s+)?", text[last_end : match.start()]) is not None
        name = _role_first_name(match, text, listed)
        if name:
            last_end = match.end()
            role = re.sub(r"\s+", " ", match.group("role")).strip()
            out.setdefault(name, Mention(name, role, match.start(), match.end(), True, True))
    for mention in find_mentions(text):
        if mention.role and len(mention.name.split()) >= 2:
            out.setdefault(mention.name, mention)
    return sorted(out.values(), key=lambda m: m.start)


def find_mentions(text: str) -> list[Mention]:
    """People named with a title or honorific ("President X", "Mr Y", "H.E. Z")."""
    out = []
    for match in _TITLED_RE.finditer(text):
        name = people.clean_name(match.group(0))
        if name and _titled_person(name):
            out.append(Mention(name, _role_title(match.group(0)), match.start(), match.end(), True))
    return out


# -- within-document resolution ------------------------------------------------------------


# "The Head of State" is whoever the text introduced as its president or monarch.
_HEADS = {
    "head of state": ("head of state", "president", "king", "queen", "emir", "sultan", "monarch"),
    "head of government": ("head of government", "prime minister", "premier", "chancellor"),
}


class _DocPeople:
    """The full names a document uses, so "Mr Ashikbayev" and "the Deputy Minister" resolve."""

    def __init__(self, roster: list[Mention], extra_full: list[str]) -> None:
        self.roster = roster
        self.roles: dict[str, str] = {}
        self.full: dict[str, str] = {}  # name -> name, all full names
        for mention in roster:
            self.full.setdefault(mention.name, mention.name)
            if mention.role:
                self.roles.setdefault(mention.name, mention.role)
        for name in extra_full:
            if len(name.split()) >= 2:
                self.full.setdefault(name, name)

    def resolve(self, name: str) -> str:
        parts = people.split_name(name)
        if parts is None or parts.given:
            return name
        hits = set()
        for full in self.full:
            other = people.split_name(full)
            if other is None or not other.given or other.surname_key != parts.surname_key:
                continue
            if parts.initials and people.translit_key(other.given[0])[:1] != people.translit_key(
                parts.initials[0]
            ):
                continue
            hits.add(full)
        return hits.pop() if len(hits) == 1 else name

    def known(self, name: str) -> bool:
        return name in self.full

    def by_role(self, ref: str) -> str | None:
        ref_key = re.sub(r"[\s-]+", " ", ref).strip().casefold()
        wanted = _HEADS.get(ref_key, (ref_key,))
        hits = []
        for name, role in self.roles.items():
            role_key = re.sub(r"[\s-]+", " ", role).strip().casefold()
            if any(role_key == key or role_key.startswith(key + " ") for key in wanted):
                hits.append(name)
        return hits[0] if len(hits) == 1 else None


def _speaker_from_cue(who: str, doc_people: _DocPeople) -> tuple[str | None, str]:
    """The person a cue's subject names (or None), and the cue's words for ``explain``."""
    ref = re.fullmatch(_ROLE_REF, who.strip())
    if ref:
        return doc_people.by_role(ref.group("ref")), who.strip()
    trimmed, titled = _trim_who(who)
    if re.fullmatch(_ROLE_TITLES, trimmed.strip()):
        return None, who.strip()  # "The King said": a title alone names nobody
    name = people.clean_name(trimmed)
    if not name or not _titled_person(name):
        return None, who.strip()
    resolved = doc_people.resolve(name)
    if titled or doc_people.known(resolved) or _plausible_bare(name):
        return resolved, trimmed.strip()
    return None, who.strip()


def _passage_cues(text: str, doc_people: _DocPeople) -> list[tuple[int, str, str]]:
    """(position, speaker, cue text) for every speech cue in a passage, in text order."""
    found: dict[int, tuple[int, str, str]] = {}
    has_verb = _VERB_RE.search(text) is not None
    for kind, pattern in _CUES:
        if not (has_verb if kind != "according to" else "ccording" in text):
            continue
        for match in pattern.finditer(text):
            speaker, words = _speaker_from_cue(match.group("who"), doc_people)
            if speaker is None:
                continue
            verb = match.groupdict().get("verb")
            cue = f"{kind}: " + (
                f"according to {words}"
                if kind == "according to"
                else f"{words} {verb}"
                if kind == "speaker before verb"
                else f"{verb} {words}"
            )
            found.setdefault(match.start("who"), (match.start("who"), speaker, cue))
    return [found[k] for k in sorted(found)]


def _speech_author(doc: Document) -> tuple[str, str, str] | None:
    """(name, role, cue) from a title such as "Statement by President X at the ..."."""
    first_line = doc.passages[0].text.split("\n", 1)[0] if doc.passages else ""
    for title in (doc.title, first_line):
        match = _SPEECH_TITLE.match(title or "")
        if match:
            who = match.group("who")
            name = people.clean_name(who)
            if name and len(name.split()) <= 6:
                role = (match.group("role") or "").strip() or _role_title(who)
                return name, role, f"title: {title.strip()[:120]}"
    byline = _BYLINE_RE.search("\n".join(doc.text.split("\n")[:BYLINE_LINES]))
    if byline and _first_person(doc.text):
        name = people.clean_name(byline.group("who"))
        if len(name.split()) >= 2:
            role = re.sub(r"\s+", " ", byline.group("role") or "").strip()
            return name, role, f"byline: {byline.group(0).strip()[:120]}"
    return None


def _first_person(text: str) -> bool:
    """Written in the first person outside quotations: an op-ed or a speech, not a report."""
    unquoted = _QUOTED_RE.sub(" ", text)
    return len(_FIRST_PERSON_RE.findall(unquoted)) >= 2


# -- enrich ------------------------------------------------------------------------------


def _dedupe(items: list[str]) -> list[str]:
    return list(dict.fromkeys(i for i in items if i))


def _apply_tables(doc: Document, ctx: ExtractionContext) -> bool:
    """Fill fields from metadata tables; returns True when a table says it's a speech."""
    first_person = False
    for table in ctx.tables:
        match = table.lookup(doc.path)
        if match is None:
            # A speech the table has no row for is still a speech, by an unknown author.
            first_person = first_person or (table.first_person and table.covers(doc.path))
            continue
        first_person = first_person or match.first_person
        values = match.fields
        explicit = set(doc.explicit)
        if "speakers" not in explicit and ("speaker" in values or "speakers" in values):
            names = [values["speaker"]] if "speaker" in values else values["speakers"]
            cleaned = _dedupe([people.clean_name(n) for n in names])
            if cleaned:
                doc.speakers = cleaned
                doc.explicit.add("speakers")
                if "role" in values and "roles" not in explicit:
                    doc.roles = {**doc.roles, cleaned[0]: values["role"]}
                    doc.explicit.add("roles")
        if "date" not in explicit and ("date" in values or "year" in values):
            doc.date = values.get("date") or values["year"]
            doc.explicit.add("date")
        for ours in ("country", "countries"):
            if ours in values and "countries" not in explicit:
                doc.countries = _dedupe(values[ours])
                doc.explicit.add("countries")
        if "persons" in values and "persons" not in explicit:
            doc.persons = _dedupe([people.clean_name(n) for n in values["persons"]])
            doc.explicit.add("persons")
        if "topics" in values and "topics" not in explicit:
            doc.topics = _dedupe(values["topics"])
            doc.explicit.add("topics")
        for ours in ("title", "source", "url"):
            if ours in values and ours not in explicit:
                setattr(doc, ours, values[ours])
                doc.explicit.add(ours)
        for key, value in values.items():
            if key.startswith("extra."):
                doc.extra = {**doc.extra, key[6:]: value}
    return first_person


def _copy(doc: Document) -> Document:
    passages = [
        dataclasses.replace(
            p,
            speakers=list(p.speakers),
            persons=list(p.persons),
            topics=list(p.topics),
            countries=list(p.countries),
        )
        for p in doc.passages
    ]
    if not passages and doc.text.strip():
        lines = [line for line in doc.text.split("\n") if line.strip()]
        passages = [Passage(i, line) for i, line in enumerate(lines, 1)]
    return doc.with_changes(
        passages=passages,
        explicit=set(doc.explicit),
        speakers=list(doc.speakers),
        roles=dict(doc.roles),
        persons=list(doc.persons),
        topics=list(doc.topics),
        countries=list(doc.countries),
        extra=dict(doc.extra),
    )


def enrich(doc: Document, ctx: ExtractionContext | None = None) -> Document:
    """A copy of ``doc`` with date, speakers, roles, persons, topics and countries filled."""
    ctx = ctx or ExtractionContext()
    doc = _copy(doc)
    first_person = _apply_tables(doc, ctx)

    if doc.date is None or "date" not in doc.explicit:
        found = textdates.find_date(doc.text, doc.path)
        if found is not None and doc.date is None:
            doc.date = found.date

    _attribute(doc, first_person)

    hits = [ctx.taxonomy.classify(p.text) for p in doc.passages]
    for passage, passage_hits in zip(doc.passages, hits, strict=True):
        passage.topics = [h.topic for h in passage_hits]
        passage.countries = places.find_places(passage.text)
    if "topics" not in doc.explicit:
        doc.topics = ctx.taxonomy.summarise(hits)
    if "countries" not in doc.explicit:
        counts: Counter[str] = Counter()
        for passage in doc.passages:
            counts.update(passage.countries)
        doc.countries = [c for c, _ in counts.most_common()]
    return doc


def _attribute(doc: Document, first_person: bool) -> None:
    """Fill passage speakers/persons/cue and the document's speakers, roles and persons."""
    text = doc.text or "\n".join(p.text for p in doc.passages)
    roster = find_roster(text)
    explicit_speakers = doc.speakers if "speakers" in doc.explicit else []
    author: list[str] = list(explicit_speakers)
    author_cue = "author: explicit metadata" if author else ""
    author_role = ""
    if not author:
        found = _speech_author(doc)
        if found:
            author, author_role, author_cue = [found[0]], found[1], found[2]
    mentions_by_passage = [find_mentions(p.text) for p in doc.passages]
    extra_full = [m.name for ms in mentions_by_passage for m in ms] + author
    doc_people = _DocPeople(roster, extra_full)
    author = _dedupe([doc_people.resolve(a) for a in author])

    # A speech its metadata attributes is one person's: a heading in it ("Youth Empowerment:
    # Investing in the Future") is not a speaker's label.
    spoken_by_table = bool(explicit_speakers) or first_person
    labels = None if spoken_by_table else _transcript_labels(doc, doc_people, author, text)
    # Passages before a transcript's first label are its author's (a title, a byline).
    current: list[str] = list(author) if labels else []
    current_cue = author_cue if labels else ""
    for i, (passage, mentions) in enumerate(zip(doc.passages, mentions_by_passage, strict=True)):
        labelled = labels[i] if labels else None
        cues = _passage_cues(passage.text, doc_people)
        cue_speakers = _dedupe([speaker for _, speaker, _ in cues])
        if labelled is not None:
            # A transcript: each paragraph is its label's, and runs on until the next label.
            opens = bool(labelled) and passage.text.lstrip().startswith(labelled[0][1])
            speakers = _dedupe([*([] if opens else current), *(s for s, _ in labelled if s)])
            passage.cue = "; ".join(_dedupe([f"label: {w}:" for s, w in labelled if s])) or (
                current_cue if current else ""
            )
            if labelled:
                last, who = labelled[-1]
                current = [last] if last else []
                current_cue = f"continues from passage {passage.position} (label: {who}:)"
            quoted = [s for s in cue_speakers if s not in speakers]
        elif author:
            speakers = list(author)
            passage.cue = author_cue
            quoted = [s for s in cue_speakers if s not in author]
        elif first_person:
            # A speech by an unknown author: whoever it quotes is mentioned, not speaking.
            speakers, quoted = [], cue_speakers
        elif cues:
            speakers = cue_speakers
            passage.cue = "; ".join(cue for _, _, cue in cues)
            current, current_cue = (
                speakers,
                f"continues from passage {passage.position} ({cues[-1][2]})",
            )
            quoted = []
        elif current:
            speakers = list(current)
            passage.cue = current_cue
            quoted = []
        else:
            speakers, quoted = [], []
        named = [doc_people.resolve(m.name) for m in mentions]
        named += [full for full in doc_people.full if _mentions_surname(passage.text, full)]
        if "speakers" not in doc.explicit or passage.speakers == []:
            passage.speakers = _dedupe([*passage.speakers, *speakers])
        passage.persons = [
            n for n in _dedupe([*passage.persons, *quoted, *named]) if n not in passage.speakers
        ]

    listed: list[str] = []
    intro = "\n".join(p.text for p in doc.passages[:INTRO_PASSAGES])
    if _EVENT_RE.search(intro):
        limit = len(intro)
        listed = [m.name for m in roster if m.start < limit and m.listed]
    if "speakers" not in doc.explicit:
        spoken = [s for p in doc.passages for s in p.speakers]
        doc.speakers = _dedupe([*author, *listed, *spoken])
    if "roles" not in doc.explicit:
        roles = dict(doc_people.roles)
        if author and author_role:
            roles.setdefault(author[0], author_role)
        roles.update(doc.roles)
        doc.roles = {name: role for name, role in roles.items() if role}
    if "persons" not in doc.explicit:
        everyone = [*doc.persons, *(n for p in doc.passages for n in p.persons)]
        doc.persons = [n for n in _dedupe(everyone) if n not in doc.speakers]


def _transcript_labels(
    doc: Document, doc_people: _DocPeople, author: list[str], text: str
) -> list[list[tuple[str | None, str]]] | None:
    """Per passage, its paragraphs' speaker labels as (speaker or None, label), in order;
    None unless one person's label opens paragraphs often enough to make a transcript.

    A label must name a person: a name the text introduces, a titled one, or a plausible
    bare name none of whose words the text also writes in lower case (headings such as
    "Final Words:" or "Youth Empowerment:" are common words).
    """
    found: list[list[tuple[str | None, str]]] = []
    uses: Counter[str] = Counter()
    for passage in doc.passages:
        labelled: list[tuple[str | None, str]] = []
        for match in _LABEL_RE.finditer(passage.text):
            who = match.group("who")
            if who in {"A", "Answer"}:
                speaker = author[0] if author else None
            elif who in {"Q", "Question"}:
                speaker = None
            else:
                speaker, _ = _speaker_from_cue(who, doc_people)
                if speaker and not doc_people.known(speaker) and _written_lowercase(who, text):
                    speaker = None
            labelled.append((speaker, who))
            if speaker:
                uses[speaker] += 1
        found.append(labelled)
    if not uses or max(uses.values()) < TRANSCRIPT_LABELS:
        return None
    return found


def _mentions_surname(text: str, full: str) -> bool:
    parts = people.split_name(full)
    if parts is None or not parts.given:
        return False
    surname = parts.surname.split()[-1]
    if surname not in text:  # the common case, without compiling a pattern
        return False
    return re.search(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", text) is not None


# -- names across the corpus ---------------------------------------------------------------


def raw_names(doc: Document) -> list[str]:
    """Every person name in ``doc`` (speakers, persons, roles), cleaned, with repeats."""
    names = [*doc.speakers, *doc.persons, *doc.roles]
    for passage in doc.passages:
        names += passage.speakers + passage.persons
    return [n for n in (people.clean_name(x) for x in names) if n]


def _speaking_for(doc: Document) -> tuple[str | None, int | None]:
    """The group (explicit country) and year a document's speakers speak for and in."""
    year = doc.date.year if isinstance(doc.date, PartialDate) else None
    group = doc.countries[0] if "countries" in doc.explicit and doc.countries else None
    return group, year


def speaker_uses(doc: Document) -> list[tuple[str, str | None, int | None]]:
    """Who speaks in the document, each with the country and year to resolve the name in
    (as ``canonicalise`` does): its passages' speakers, then the document's other speakers
    (listed but given no passage), unless a passage speaker bears the same surname (the
    table's "Alhegelan" speaks as the text's "Sheikh Alhegelan")."""
    group, year = _speaking_for(doc)
    spoken = _dedupe([name for passage in doc.passages for name in passage.speakers])
    surnames = {parts.surname_key for parts in map(people.split_name, spoken) if parts}
    listed = [
        name
        for name in doc.speakers
        if name not in spoken
        and not ((parts := people.split_name(name)) and parts.surname_key in surnames)
    ]
    return [
        (name, *((group, year) if name in doc.speakers else (None, None)))
        for name in [*spoken, *listed]
    ]


def name_stats(doc: Document, stats: people.NameStats | None = None) -> people.NameStats:
    """Add ``doc``'s names to ``stats`` with its year and country, as merge evidence."""
    stats = stats or people.NameStats()
    group, year = _speaking_for(doc)
    for name in raw_names(doc):
        stats.add(name, year=year, group=group if name in doc.speakers else None)
    return stats


def canonicalise(doc: Document, resolver: people.NameResolver) -> Document:
    """A copy of ``doc`` with every person name replaced by its corpus-wide canonical form.

    Speakers resolve in the document's country and year, as their uses were counted.
    """
    doc = _copy(doc)
    group, year = _speaking_for(doc)

    def canonical(name: str) -> str:
        if name in doc.speakers:
            return resolver.canonical(name, group, year)
        return resolver.canonical(name)

    def canon(names: list[str]) -> list[str]:
        return _dedupe([canonical(n) for n in names])

    roles: dict[str, str] = {}
    for name, role in doc.roles.items():
        roles.setdefault(canonical(name), role)
    doc.roles = roles
    for passage in doc.passages:
        passage.speakers = canon(passage.speakers)
        passage.persons = [n for n in canon(passage.persons) if n not in passage.speakers]
    doc.speakers = canon(doc.speakers)
    doc.persons = [n for n in canon(doc.persons) if n not in doc.speakers]
    return doc


# -- explain -----------------------------------------------------------------------------


def explain(doc: Document, ctx: ExtractionContext | None = None) -> dict[str, Any]:
    """A JSON-able account of what was extracted and why (for ``kzsearch extract FILE``)."""
    taxonomy = ctx.taxonomy if ctx else default_taxonomy()
    if "date" in doc.explicit:
        date_source = "explicit metadata"
    else:
        found = textdates.find_date(doc.text, doc.path)
        date_source = f"{found.source}: {found.evidence}" if found else ""
    return {
        "doc_id": doc.doc_id,
        "path": doc.path,
        "title": doc.title,
        "date": doc.date.isoformat() if doc.date else None,
        "date_precision": doc.date.precision if doc.date else None,
        "date_source": date_source,
        "speakers": doc.speakers,
        "roles": doc.roles,
        "persons": doc.persons,
        "topics": [{"id": t, "label": taxonomy.label(t)} for t in doc.topics],
        "countries": doc.countries,
        "explicit": sorted(doc.explicit),
        "passages": [
            {
                "position": p.position,
                "text": p.text if len(p.text) <= 160 else p.text[:157] + "...",
                "speakers": p.speakers,
                "cue": p.cue,
                "persons": p.persons,
                "topics": [
                    {
                        "id": h.topic,
                        "label": taxonomy.label(h.topic),
                        "score": h.score,
                        "evidence": list(h.evidence),
                    }
                    for h in taxonomy.classify(p.text)
                ],
                "countries": p.countries,
            }
            for p in doc.passages
        ],
    }


def extract_file(path: Path | str, corpus_root: Path | str | None = None) -> list[dict[str, Any]]:
    """What extraction makes of one file, without indexing it (``kzsearch extract FILE``).

    The corpus root (default: the file's folder) supplies ``kzsearch.yaml``,
    ``people.yaml`` and ``topics.yaml``; names are resolved within the file
    and the pins, since the rest of the corpus is not read.
    """
    from .corpus import SourceFile, read_file

    file = Path(path).resolve()
    if not file.is_file():
        raise CorpusError(f"{path}: no such file")
    root = Path(corpus_root).resolve() if corpus_root else file.parent
    try:
        relpath = file.relative_to(root).as_posix()
    except ValueError:
        raise CorpusError(f"{path} is not inside the corpus folder {corpus_root}") from None
    ctx = load_context(root)
    stat = file.stat()
    docs, problems = read_file(SourceFile(file, relpath, stat.st_size, stat.st_mtime_ns))
    if not docs:
        reason = problems[0] if problems else f"{relpath}: no documents"
        raise CorpusError(str(reason), hint="fix the file, or see docs/corpus-format.md")
    enriched = [enrich(doc, ctx) for doc in docs]
    stats = people.NameStats()
    for doc in enriched:
        name_stats(doc, stats)
    resolver = people.NameResolver.build(stats, pins=ctx.pins)
    return [explain(canonicalise(doc, resolver), ctx) for doc in enriched]
