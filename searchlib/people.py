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
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import CorpusError

# Titles and honorifics removed from the front of a name (longest first when matching).
HONORIFICS = [
    "his royal highness",
    "her royal highness",
    "your royal highness",
    "his excellency",
    "her excellency",
    "your excellency",
    "excellency",
    "your majesty",
    "your highness",
    "your holiness",
    "comrade",
    "his imperial majesty",
    "her imperial majesty",
    "imperial majesty",
    "his majesty",
    "her majesty",
    "majesty",
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
    "the right honorable",
    "right honourable",
    "right honorable",
    "the right excellent",
    "right excellent",
    "grand chief",
    "paramount chief",
    "chief",
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
    "father",
    "ambassador-at-large",
    "ambassador at large",
    "ambassador",
    "president",
    "vice-president",
    "vice president",
    "prime minister",
    "premier",
    "taoiseach",
    "generalissimo",
    "deputy prime minister",
    "first deputy prime minister",
    "deputy minister",
    "foreign minister",
    "minister",
    "fm",  # "Deputy FM": a foreign minister, as news agencies abbreviate it
    "secretary-general",
    "secretary general",
    "secretary",
    "head of state",
    "head of government",
    "secretary of state",
    "state secretary",
    "high representative",
    "high commissioner",
    "special representative",
    "chancellor",
    "state counsellor",
    "state counselor",
    "counsellor",
    "counselor",
    "prosecutor general",
    "prosecutor-general",
    "prosecutor",
    "akim",
    "press secretary",
    "representative",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "envoy",
    "commissioner",
    "director-general",
    "director general",
    "director",
    "senator",
    "congressman",
    "congresswoman",
    "governor",
    "mayor",
    "chairman",
    "chairwoman",
    "lieutenant general",
    "lieutenant-general",
    "lt-gen",
    "lt gen",
    "major general",
    "major-general",
    "brigadier general",
    "brigadier",
    "field marshal",
    "general",
    "gen",
    "commander",
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
    "lyonpo",
    "lyompo",
    "samdech",
    "marshal",
    "judge",
    "major",
    "lieutenant-colonel",
    "lieutenant colonel",
    "lt-col",
    "brother colonel",
    "mzee",
    "ngwazi",
    "maitre",
    "maître",
    "elhadji",
    "al hadji",
    "el haj",
    "holiness",
    "commandant",
    "comandante",
    "pandit",
    "shri",
    "shrimati",
    "smt",
    "mwalimu",
    "el hadj",
    "al hadj",
    "signor",
    "signora",
    "senor",
    "senora",
    "monsieur",
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
    "alhaji",
    "alhaj",
    "al-haj",
    "al-hajj",
    "al-hadji",
    "al-hadj",
    "el-hadj",
    "sardar",
    "don",  # Don Jaime de Pinies; but Don McKinnon
    "shaheed",
    "emir",
    "amir",
    "sultan",
    # Malay and Bruneian styles that follow Dato/Datuk ("Dato Seri Paduka Awang Haji ...").
    "paduka",
    "setia",
    "awang",
    # styles of leaders: "Citizen Mobutu Sese Seko", "Brother Muammar Al-Qadhafi"
    "citizen",
    "brother",
    "quaid-e-azam",
    "mwalimu",
    "excellent",  # "the Right Excellent Errol Walton Barrow", a national hero's style
}
# Courtesy titles: whatever follows is the name, even a word that is also a title (Mr. King).
COURTESY_TITLES = {
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
    "herr",
    "frau",
    "signor",
    "signora",
    "senor",
    "senora",
    "monsieur",
    "senhor",
    "señor",
    "sr",
    "sra",
    "messrs",
}
# Titles that are also common surnames: such a word is the name when nothing follows it and
# nothing, or only a courtesy title, comes before it ("Mr. King", "KING", "Bishop").
TITLE_SURNAMES = {"king", "bishop", "baron", "lord", "cardinal", "major", "judge", "pandit"}
TRAILING_TITLES = {
    "pasha",
    "bey",
    "effendi",
    "esq",
    "esq.",
    "phd",
    "ph.d.",
    "mp",
    "m.p.",
    "td",
    "t.d",
    "t.d.",
    "qc",
    "kc",
}
# Letters of orders and honours written after a name (Somare GCMG, Smith KBE): dropped at
# the end of a name. Shorter codes (CH, GOL, AC) are dropped only in a comma-separated run.
POST_NOMINALS = {
    "obe",
    "mbe",
    "cbe",
    "kbe",
    "dbe",
    "gbe",
    "cmg",
    "kcmg",
    "gcmg",
    "kcb",
    "gcb",
    "cvo",
    "kcvo",
    "gcvo",
    "dso",
    "kstj",
    "frs",
}
SUFFIXES = {"jr", "jr.", "sr.", "ii", "iii", "iv", "v", "vi", "vii", "viii"}  # Mohammed VI
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
        re.escape(h).replace(r"\ ", r"\.?\s+")  # "Rt. Hon." as well as "Rt Hon"
        for h in sorted(HONORIFICS, key=len, reverse=True)
    )
    + r")(?:\.|(?<=[.'])|\b)\s*",
    re.IGNORECASE,
)
_EDGE = " \t,;:.-–—\"'()[]"  # punctuation trimmed from both ends of a name
_ARTICLE_RE = re.compile(r"^the\s+", re.IGNORECASE)
# OCR's "Mr." and "H.E." in scanned tables: "Mir. Gromyko", "Mc. Ellemann-Jensen", "He. X".
_OCR_MR = re.compile(r"^(?:Mir|Mc|He|Hr)\.\s+(?=[A-Z])")
# "H.E" and "HE" for "H.E." before a name written in lower case ("HE YAFEI" stays a name).
_BARE_HE = re.compile(r"^(?:H\.\s?E|HE(?=\s+[A-Z][a-z]))\.?\s+(?=[A-Z])")
_OCR_AL = re.compile(r"(?<![^\s-])AI(?=-[A-Z]|[a-z])")  # OCR's AI for Al: AI-Thani, Al-AIawi
_FAMILY_RE = re.compile(r"^(?:al|el|bin|ibn|ould)-\w", re.IGNORECASE)  # "Sheikh Al-Thani"
_FAMILY_NAME_RE = re.compile(r"(?:al|el|bin|ibn|ould)[\s-]", re.IGNORECASE)  # "Al Saud", "Al-Thani"
# Words that qualify a title ("Deputy Foreign Minister", "State Secretary"): stripped only
# when a title follows them, so a name that merely starts with one ("Prime Albert") stays.
_MODIFIER_RE = re.compile(
    r"^(?:(?:deputy|vice|first|acting|foreign|prime|state|senior|special|executive|permanent"
    r"|official|former|assistant|under|justice|energy|finance|defen[cs]e|health|education"
    r"|agriculture|economy|trade|industry|culture|information|ecology|labou?r|transport"
    r"|interior|tourism|emergencies)(?:\s+|-))+",
    re.IGNORECASE,
)
# After a title, a preposition means a role ("Minister of Foreign Affairs"), not a name.
_ROLE_TAIL_RE = re.compile(r"^(?:of|for|to|in|on|at|and)\b", re.IGNORECASE)
# An initial, Latin or Cyrillic; "К.-Ж." stands for one hyphenated name (Касым-Жомарт).
_INITIAL_RE = re.compile(r"^[A-ZА-ЯЁ]\.?(?:-[A-ZА-ЯЁ]\.?)*$")
_POST_NOMINAL_SHAPE = re.compile(r"[A-Z](?:[A-Za-z]\.?){1,5}")
# Digits OCR reads for letters; two candidates are (vowel, consonant) or two consonants.
_LOOKALIKE = {"0": "o", "1": "il", "5": "s", "6": "og", "8": "bs"}
_VOWELS = set("aeiouy")
# Cyrillic letters that look Latin, as they slip into Latin names ("Jеаn" with Cyrillic е, а).
_HOMOGLYPHS = str.maketrans("АВЕКМНОРСТХаеорсхуіІјЈ", "ABEKMHOPCTXaeopcxyiIjJ")
# Surname first, initials after, as Russian and Kazakh official texts write it:
# "Токаев К.-Ж.", "Nazarbayev N.A." -> "К.-Ж. Токаев". The initials need their dots, so
# a regnal number (Mohammed V) stays a suffix.
_TRAILING_INITIALS = re.compile(r"(?<=[^\W\d_]) (?:[A-ZА-ЯЁ]\. ?-? ?){1,3}$")
_ORDINAL_RE = re.compile(r"\d+(?:st|nd|rd|th|er|e|re|eme|ème|o|a|º|ª)\.?", re.IGNORECASE)


def _fix_case(token: str, first: bool) -> str:
    """``TOKAEV`` -> ``Tokaev``; ``YAQUB-KHAN`` -> ``Yaqub-Khan``; keeps ``McDonald`` and ``II``."""
    low = token.lower()
    if low in {"ii", "iii", "iv", "vi", "vii", "viii"}:
        return token.upper()
    if not first and token.isupper() and re.fullmatch(r"x{1,3}(?:ix|iv|v?i{0,3})", low):
        return token  # a regnal number in capitals: "John XXIII"
    letters = [c for c in token if c.isalpha()]
    if not letters:
        return token
    if all(c.isupper() for c in letters) and len(letters) > 1 or all(c.islower() for c in letters):
        if not first and low in PARTICLES:
            return low
        return re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), low)
    return token


def _drop_post_nominals(text: str) -> str:
    """``Somare, GOL, GCMG, CH`` -> ``Somare``: a run of honour letters after commas.

    One short segment alone ("Bush, GW") may be initials, so it goes only when it is a
    known honour or title or three capitals without a vowel; a run of two or more is never
    a given name.
    """
    parts = [p.strip() for p in text.split(",")]
    keep = len(parts)
    while keep > 1 and _POST_NOMINAL_SHAPE.fullmatch(parts[keep - 1]):
        keep -= 1
    run = parts[keep:]
    known = POST_NOMINALS | TRAILING_TITLES | {"t.d"}
    single = run[0] if len(run) == 1 else ""
    # One segment: a known honour, or capitals without a vowel (GCFR, MBBS), not initials.
    vowelless = len(single) >= 3 and single.isupper() and not set(single.lower()) & _VOWELS
    if run and (len(run) >= 2 or single.lower().rstrip(".") in known or vowelless):
        return ", ".join(parts[:keep])
    return text


def _unmix(token: str) -> str:
    """Latin look-alikes for Cyrillic letters inside an otherwise Latin word."""
    if any("\u0400" <= c <= "\u04ff" for c in token) and any(
        c.isascii() and c.isalpha() for c in token
    ):
        return token.translate(_HOMOGLYPHS)
    return token


def _undigit(token: str) -> str:
    """``C0RD0VEZ`` -> ``CORDOVEZ``, ``A1`` -> ``Al``: look-alike digits in a word.

    Only a word with at least three letters and at most one digit per two letters, no two
    digits in a row and no ordinal ending is taken for OCR damage (or the particle ``A1``);
    anything else keeps its digits, so it is rejected as a number.
    """
    digits = [c for c in token if c.isdigit()]
    if not digits or any(d not in _LOOKALIKE for d in digits):
        return token
    letters = [c for c in token if c.isalpha()]
    if re.search(r"\d\d", token) or _ORDINAL_RE.fullmatch(token):
        return token
    caps = len(letters) >= 2 and all(c.isupper() for c in letters)
    out = []
    for i, ch in enumerate(token):
        if not ch.isdigit():
            out.append(ch)
            continue
        options = _LOOKALIKE[ch]
        before = token[i - 1].lower() if i and token[i - 1].isalpha() else ""
        after = token[i + 1].lower() if i + 1 < len(token) and token[i + 1].isalpha() else ""
        letter = options[0]
        if len(options) > 1:
            vowel_by = before in _VOWELS or after in _VOWELS
            if options[0] in _VOWELS:  # a vowel between consonants, a consonant by a vowel
                letter = options[1] if vowel_by else options[0]
            elif after in set("tckp"):  # "8" before t, c, k, p reads as s (CRI8TIANI)
                letter = options[1]
        out.append(letter.upper() if caps else letter)
    fixed = "".join(out)
    if fixed.lower() in PARTICLES or len(letters) >= max(3, 2 * len(digits)):
        return fixed
    return token


def _strip_titles(text: str) -> str:
    """Remove the chain of titles in front of a name; ``""`` when only titles (or a role) are
    left. A title that is also a surname is the name when nothing follows it and nothing,
    or only a courtesy title, comes before it."""
    previous = ""  # the title removed last
    for _ in range(12):
        text = text.lstrip(_EDGE)
        match = _HONORIFIC_RE.match(text) or _BARE_HE.match(text)
        if match:
            title = re.sub(r"[\s.]+", " ", match.group(0)).strip().lower()
            rest = text[match.end() :].strip(" .,;:-")
            if not rest:
                if title in TITLE_SURNAMES and (not previous or previous in COURTESY_TITLES):
                    return match.group(0).strip(" .")  # "Mr. King": the title is the surname
                return ""  # a bare title
            if _ROLE_TAIL_RE.match(rest):
                return ""  # "Minister of Foreign Affairs": a role, not a name
            previous, text = title, rest
            continue
        article = _ARTICLE_RE.match(text) or _MODIFIER_RE.match(text)
        if article and _HONORIFIC_RE.match(text[article.end() :]):
            previous, text = "the", text[article.end() :]
            continue
        tokens = text.split()
        if (
            tokens
            and tokens[0].lower().rstrip(".'") in WEAK_HONORIFICS
            and (len(tokens) > 2 or len(tokens) == 2 and _FAMILY_RE.match(tokens[1]))
        ):
            previous, text = tokens[0].lower(), " ".join(tokens[1:])
            continue
        break
    return text


def clean_name(raw: str) -> str:
    """A display form of a person's name: no honorifics, fixed capitals and spacing.

    Returns ``""`` when nothing name-like is left (a bare title, a role such as "Minister
    of Energy", a number, a sentence). A title that is also a surname is kept when it is
    all there is ("Mr. King", "KING" -> "King"), and OCR digits inside words are read as
    the letters they stand for. Idempotent: cleaning a cleaned name changes nothing.
    """
    text = unicodedata.normalize("NFKC", raw or "").replace("’", "'").replace("‘", "'")
    text = re.sub(r"\s+", " ", text).strip()
    after = _TRAILING_INITIALS.search(text)
    if after:
        text = text[: after.start()]
    text = text.strip(_EDGE)
    text = _OCR_MR.sub("Mr. ", _OCR_AL.sub("Al", text))
    text = _drop_post_nominals(text)
    text = re.sub(r"'s$", "", text)
    text = re.sub(r"\s*-\s*", "-", text)
    text = re.sub(r"\s+\.", ".", text)
    text = _strip_titles(text).strip(_EDGE)
    if not text:
        return ""
    if after:  # "Токаев К.-Ж." -> "К.-Ж. Токаев"; initials after a longer name stay there
        initials = after.group(0).strip()
        text = f"{initials} {text}" if " " not in text else f"{text} {initials}"
    # "K.M." -> "K. M.", and "К.Волков" -> "К. Волков"
    text = re.sub(r"\b([A-ZА-ЯЁ])\.(?=[A-ZА-ЯЁ](?:\.|[a-zа-яё]))", r"\1. ", text)
    tokens = [_undigit(_unmix(tok)) for tok in text.split()]
    while len(tokens) > 1 and tokens[-1].lower().rstrip(",") in TRAILING_TITLES | POST_NOMINALS:
        tokens = tokens[:-1]
        tokens[-1] = tokens[-1].rstrip(",") or tokens[-1]
    if not tokens or any(ch.isdigit() for tok in tokens for ch in tok):
        return ""
    # Long names (patronymic chains) are fine when every word is capitalised or a particle.
    name_like = all(t[0].isupper() or t.lower() in PARTICLES for t in tokens)
    if len(tokens) > (12 if name_like else 8):
        return ""
    if not any(c.isalpha() for c in "".join(tokens)):
        return ""
    fixed = []
    for i, tok in enumerate(tokens):
        tok = _fix_case(tok, i == 0)
        if len(tok) == 1 and tok.isalpha() and tok.isupper() and i < len(tokens) - 1:
            tok += "."
        fixed.append(tok)
    # Capitals fixed, "0,aa,aa" reads "O,Aa,Aa", whose run of honour letters goes too: so
    # that cleaning a cleaned name changes nothing.
    return _drop_post_nominals(" ".join(fixed))


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


# Cyrillic (Russian and Kazakh letters) in Latin, as English-language sources spell names:
# Токаев -> tokaev, Жомарт -> zhomart, so a name written in both scripts is one key.
_CYRILLIC = str.maketrans(
    {
        **dict(zip("абвгдезийклмнопрстуфыэ", "abvgdeziiklmnoprstufye", strict=True)),
        **{"ё": "e", "ж": "zh", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch"},
        **{"ъ": "", "ь": "", "ю": "yu", "я": "ya"},
        **dict(zip("әғқңөұүһі", "agknouuhi", strict=True)),
    }
)


@lru_cache(maxsize=1 << 16)
def translit_key(text: str) -> str:
    """A spelling-insensitive key: Tokayev/Tokaev/Токаев, Zhomart/Jomart, Nurgaliyev/Nurgaliev."""
    text = unicodedata.normalize("NFKD", text.casefold().translate(_FOLD).translate(_CYRILLIC))
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


def _initial(token: str) -> str:
    """An initial's letter as the keys spell it: К -> k, Ж -> j (as Zh/J)."""
    return translit_key(token[0])[:1] or token[0].lower()


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
            initials += _initial(tok).upper()
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
    # (group, year) of each use known with both: a surname-only form is resolved per use
    uses: dict[str, set[tuple[str, int]]] = field(default_factory=lambda: defaultdict(set))

    def add(
        self, name: str, count: int = 1, *, year: int | None = None, group: str | None = None
    ) -> None:
        self.counts[name] += count
        if year is not None:
            self.years[name].add(year)
        if group:
            self.groups[name].add(group)
            if year is not None:
                self.uses[name].add((group, year))


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
    import yaml  # only corpora with a people.yaml pay for it

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


# -- merging rules --------------------------------------------------------------------------
#
# Spellings are first grouped into units (identical but for case, accents and punctuation),
# then joined into clusters, one per person. Three kinds of evidence decide a join:
#   * the name itself: a relation between two spellings (see ``_relation``);
#   * the groups (countries) a spelling speaks for: disjoint groups block every join but
#     identical names; the looser relations need a shared group;
#   * the years it is used in: the looser relations need spans at most ``_YEAR_GAP`` apart.
# A join is refused when any two members of the joined cluster would be unrelated (so
# "George Bush" cannot bridge "George H. W. Bush" and "George W. Bush"), and a spelling
# that could join several clusters joins none.

_YEAR_GAP = 4  # forms used more than a term apart are treated as different people
_CAREER_GAP = 25  # a name back in office after more years than this is someone else
_RUN_GAP = 2  # sessions one person's uses follow each other by (a year may be missed)
_EDIT_MIN = 8  # a one-letter typo is tolerated only in keys at least this long
_EDIT2_MIN = 12  # and two only in keys at least this long (a full name, given + surname)
# Patronymic markers carry no identity of their own ("Ilham Heydar oglu Aliyev").
_NAME_MARKERS = {"oglu", "ogly", "uly", "ulu", "kyzy", "qizi", "kizi", "gizi"}
_SURNAME_SLIP_MIN = 7  # a slip in a surname whose country is unknown, given names the same
_SLIP_MIN = 6  # a one-letter slip in a surname-only form or a surname beside matching names
_HEAD_SLIP_MIN = 8  # a damaged first letter only in a surname-only form at least this long
_RARE_COUNT = 4  # a slip's spelling occurs at most this often (a speech names its speaker twice)
_STRICT, _EXPAND, _MIDDLE, _LOOSE = "strict", "expand", "middle", "loose"
_SLIP = "slip"  # a surname-only form with one slip: needs a rare form inside the other's years
_ODD = "odd"  # a surname with two damaged letters: needs a one-off amid the other's uses
_RUN_RE = re.compile(r"[aeiou]+|[^aeiou]+")


@lru_cache(maxsize=1 << 16)
def _runs(key: str) -> tuple[str, ...]:
    return tuple(_RUN_RE.findall(key))


def _vowels_alike(a: str, b: str) -> bool:
    """Vowel spellings that transliterations swap: o/u, a reduced e, ai/ei/ay."""
    a, b = a.replace("o", "u"), b.replace("o", "u")
    return a == b or a == "e" or b == "e" or (len(a) > 1 and len(b) > 1 and a[-1] == b[-1])


def loose_equal(a: str, b: str) -> bool:
    """Two ``translit_key`` keys equal up to vowel spelling: Mohamed/Muhammad, Abdel/Abdul.

    Only the swaps transliterations make are allowed, so Hassan and Hussein stay apart.
    """
    if a == b:
        return True
    ra, rb = _runs(a), _runs(b)
    if len(ra) != len(rb) or not a or a[0] != b[0]:
        return False
    for x, y in zip(ra, rb, strict=True):
        if x == y:
            continue
        if x[0] not in "aeiou" or y[0] not in "aeiou" or not _vowels_alike(x, y):
            return False
    return True


def _edits(a: str, b: str, limit: int) -> int:
    """Edit distance counting a swap of two neighbours as one edit; ``limit + 1`` past limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return min(prev[-1], limit + 1)


def _typo(a: str, b: str, most: int = 2) -> bool:
    """A spelling slip: one edit (or swapped neighbours, Rajapaksa/Rajapaska) in a key of
    ``_EDIT_MIN`` letters, up to ``most`` (two) in a key of ``_EDIT2_MIN`` (a full name)."""
    shorter = min(len(a), len(b))
    if shorter < _EDIT_MIN:
        return False
    return _edits(a, b, most) <= (most if shorter >= _EDIT2_MIN else 1)


def _head_typo(a: str, b: str) -> bool:
    """Slips in a shorter full name whose words all keep their first letters: one in seven
    letters (Boni Yayi/Yahi), two in ten (Vicente/Vincete Fox)."""
    shorter = min(len(a), len(b))
    return shorter >= 7 and _edits(a, b, 2) <= (2 if shorter >= 10 else 1)


def _plain_key(name: str) -> str:
    text = unicodedata.normalize("NFKD", name.casefold().translate(_FOLD))
    return "".join(c for c in text if c.isalpha())


@dataclass
class _Unit:
    """Spellings that differ only in case, accents or punctuation, with their evidence."""

    names: list[str]
    parts: NameParts
    count: int
    years: set[int]
    groups: set[str]
    tokens: tuple[str, ...]  # given names in order: keys, or one letter for an initial
    core: str = ""  # surname key without particles: "de Miranda", "Al-Khalifa" -> miranda, halifa
    plain: str = ""  # the same letters untransliterated, for slips: Pazhwak/Pazwhak
    uses: set[tuple[str, int]] = field(default_factory=set)  # (group, year) of each use
    letters: str = ""  # every letter of the usual spelling, folded: spaces and hyphens aside
    words: tuple[str, ...] = ()  # the name's word keys in any order: Suga Yoshihide
    when: set[int] = field(default_factory=set)  # years it speaks in, else years it is named in
    damaged: bool = False  # joined as a damaged spelling: never the shown or the fuller form

    def __post_init__(self) -> None:
        words = re.split(r"[\s-]+", self.parts.surname)
        while len(words) > 1 and words[0].lower() in PARTICLES:
            words = words[1:]
        self.core = translit_key("".join(words)) or self.parts.surname_key
        self.plain = _plain_key("".join(words)) or self.core
        self.letters = _plain_key(self.names[0])
        self.words = tuple(
            sorted(filter(None, map(translit_key, re.split(r"[\s-]+", self.names[0]))))
        )
        # A name mentioned for decades (George Bush, the Schuman Plan) is not spoken for
        # decades: where a form is known as a speaker, its speeches' years are the evidence.
        self.when = {year for _, year in self.uses} or set(self.years)

    @property
    def full(self) -> bool:
        return any(len(t) > 1 for t in self.tokens)

    @property
    def rare(self) -> bool:
        """Used in a speech or two at most: a one-off, maybe a damaged spelling. Where the
        form is known as a speaker, its speeches count, not the texts that name it."""
        if self.uses:
            return len(self.uses) <= 2
        return self.count <= _RARE_COUNT and len(self.years) <= 2


def _given_tokens(name: str, parts: NameParts) -> tuple[str, ...]:
    words = name.split()
    if parts.suffix:
        words = words[:-1]
    words = words[: len(words) - len(parts.surname.split())]
    out = []
    for word in words:
        if _INITIAL_RE.match(word):
            out.append(_initial(word))
        elif word.lower() not in PARTICLES and word.lower() not in _NAME_MARKERS:
            head, _, rest = word.partition("-")
            if rest and head.lower() in PARTICLES:
                word = rest  # "Al-Ahmad" and "Ahmad" are one given name in a chain
            key = translit_key(word)
            if key:
                out.append(key)
    return tuple(out)


def _token_alike(a: str, b: str, loose: bool) -> tuple[bool, bool]:
    """(match, fuzzy): an initial matches a name with its letter; fuzzy if vowels differ."""
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0], False
    if a == b:
        return True, False
    return (loose and loose_equal(a, b)), True


@lru_cache(maxsize=1)
def _short_forms() -> dict[str, frozenset[int]]:
    """Key of each given-name form in ``data/given_names.yaml`` -> the lines it is on."""
    import yaml  # only a build that compares given names pays for it

    text = resources.files("searchlib").joinpath("data/given_names.yaml").read_text("utf-8")
    data = yaml.safe_load(text) or {}
    lines: dict[str, set[int]] = defaultdict(set)
    for line, forms in enumerate(data.get("names", [])):
        for form in forms:
            key = translit_key(str(form))
            if key:
                lines[key].add(line)
    return {key: frozenset(found) for key, found in lines.items()}


def _short_form(a: str, b: str) -> bool:
    """Whether one given name is a usual short form of the other (Joe/Joseph, Penny/Penelope)."""
    forms = _short_forms()
    return bool(forms.get(a, frozenset()) & forms.get(b, frozenset()))


def _vowel_ending(a: str, b: str) -> bool:
    """Keys that differ only in a final vowel: Mario/Maria, Daniel/Daniela, Petrov/Petrova
    are pairs of names (often a man's and a woman's), not slips."""
    if a == b or len(a) < 2 or len(b) < 2:
        return False
    if a[:-1] == b[:-1]:
        return a[-1] in _VOWELS and b[-1] in _VOWELS  # Kamougue/Kamougus is a slip
    longer = a if len(a) > len(b) else b
    return (a == b[:-1] or b == a[:-1]) and longer[-1] in _VOWELS


def _slip(a: str, b: str, shortest: int) -> bool:
    """One damaged letter (or two swapped) in keys of ``shortest`` letters or more, the first
    letter kept and no final vowel changed (Tarja/Tarka, Carlos/Carlso, Gisbert/Gisber are
    slips; Mario/Maria is not)."""
    if a == b or min(len(a), len(b)) < shortest or a[0] != b[0] or _vowel_ending(a, b):
        return False
    return _edits(a, b, 1) <= 1


def _damaged(a: str, b: str) -> bool:
    """Surnames two OCR slips apart (Chnoupek/Chrtoupek, Andersson/Andbrssoh), first letter
    kept: only ever taken for one person when the odd form is a one-off amid the usual
    form's uses (see ``_evidence``)."""
    shorter = min(len(a), len(b))
    if a[:1] != b[:1] or shorter < 5:
        return False
    return _edits(a, b, 2) <= (2 if shorter >= _HEAD_SLIP_MIN else 1)


def _head_slip(a: str, b: str) -> bool:
    """A damaged or lost first letter in a long surname: Nakayama/Hakayama, Upadhyay/Japadhyay."""
    if min(len(a), len(b)) < _HEAD_SLIP_MIN:
        return False
    return a[1:] == b[1:] or a[1:] == b or b[1:] == a


def _spelled_same(a: str, b: str) -> bool:
    """One given name spelled two ways: vowels (Mohamed/Muhammad) or s for z (Peres/Perez)."""
    return loose_equal(a, b) or a.replace("z", "s") == b.replace("z", "s")


def _given_match(a: str, b: str) -> str | None:
    """How two given-name tokens match: ``same``, ``alike`` (spelling, short form), ``slip``."""
    if len(a) == 1 or len(b) == 1:
        return "same" if a[0] == b[0] else None
    if a == b:
        return "same"
    if _spelled_same(a, b) or _short_form(a, b):
        return "alike"
    return "slip" if _slip(a, b, 5) else None


def _embed(short: tuple[str, ...], long_: tuple[str, ...], lenient: bool = False) -> int | None:
    """Slips needed to read the given names ``short`` inside ``long_``, or ``None``.

    The first name must match (leading initials of ``long_`` may be skipped: R. M. Marty /
    Marty); the rest match in order, and names of ``long_`` left over are middle names one
    form omits. Left-over initials are allowed only when ``short`` has no middle initials
    (after its first name) of its own: George W. claims W as his only middle initial, so
    he is not George H. W.
    ``lenient`` matches any two names with one first letter (for ``_conflict``).
    """
    match = _given_match
    if lenient:
        match = lambda a, b: "same" if a[0] == b[0] else None  # noqa: E731
    j = 0
    while (
        len(short[0]) > 1
        and j < len(long_) - 1
        and len(long_[j]) == 1
        and match(short[0], long_[j]) is None
    ):
        j += 1
    slips = 0
    skipped_initial = False
    for pos, token in enumerate(short):
        while j < len(long_):
            how = match(token, long_[j])
            if how is not None:
                slips += how == "slip"
                j += 1
                break
            if pos == 0:
                return None  # the first name must match
            skipped_initial |= len(long_[j]) == 1
            j += 1
        else:
            return None
    skipped_initial |= any(len(t) == 1 for t in long_[j:])
    first = next((k for k, t in enumerate(short) if len(t) > 1), len(short))
    if skipped_initial and any(len(t) == 1 for t in short[first + 1 :]):
        return None
    return slips


def _compatible(x: _Unit, y: _Unit) -> bool:
    """Full names of one person written more or less fully: Joe Biden / Joseph R. Biden,
    Luiz Felipe Lampreia / Luiz Felipe Palmeira Lampreia, Tarka Halonen / Tarja Kaarina
    Halonen. Surnames match up to vowel spelling or one slip, given names as in ``_embed``;
    at most one slip in all, and never in a short name."""
    if x.core == y.core or loose_equal(x.core, y.core):
        slips = 0
    elif _slip(x.core, y.core, _SLIP_MIN):
        slips = 1
    else:
        return False
    tx, ty = x.tokens, y.tokens
    pairs = [(tx, ty), (ty, tx)] if len(tx) == len(ty) else [tuple(sorted((tx, ty), key=len))]
    for short, long_ in pairs:
        found = _embed(short, long_)
        if found is not None and slips + found <= 1:
            return True
    return False


def _near_key(a: str, b: str) -> bool:
    """Keys close enough to be one name: two damaged letters, three in a long key (two
    damaged spellings of one surname, Chnoopek and Chrtoupek, differ in both's damage)."""
    most = 3 if min(len(a), len(b)) >= _HEAD_SLIP_MIN else 2
    return a[:1] == b[:1] and (loose_equal(a, b) or _edits(a, b, most) <= most)


def _conflict(x: _Unit, y: _Unit) -> bool:
    """Whether two forms cannot be one person: different suffixes, surnames far apart, or
    given names that disagree (a different first name, different middle initials). Looser
    than ``_relation``: two forms that each joined a third one only need not to conflict
    (Hugo Chavez, Hugo Chvez Frias and Hugo Rafael Chavez Frias are one person)."""
    px, py = x.parts, y.parts
    if px.suffix and py.suffix and px.suffix != py.suffix:
        return True
    tx, ty = x.tokens, y.tokens
    if not x.full or not y.full:
        near = _near_key(x.core, y.core) or _near_key(x.plain, y.plain)
        return tx != ty or not near
    if not _near_key(x.core, y.core):
        # A second surname on one side: "Hugo Chavez" / "Hugo Chavez Frias".
        short, long_ = (x, y) if len(tx) < len(ty) else (y, x)
        if not (len(long_.tokens) > 1 and _near_key(short.core, long_.tokens[-1])):
            return True
        tx, ty = short.tokens, long_.tokens[:-1]
    if not tx or not ty:
        return False
    short_t, long_t = sorted((tx, ty), key=len)
    return _embed(short_t, long_t, lenient=True) is None and not _tail(short_t, long_t)


def _shortened(short: tuple[str, ...], long_: tuple[str, ...]) -> bool:
    """A form that leaves out leading given names (``_tail``) or cuts one short: Chan /
    Chandrikapersad Santokhi, Abdel / Abdelaziz. Taken only for a one-off (see ``_cluster``)."""
    if len(short) != len(long_):
        return _tail(short, long_)
    cut = False
    for a, b in zip(short, long_, strict=True):
        if _given_match(a, b) in ("same", "alike"):
            continue
        if len(a) < 3 or len(b) <= len(a) or not b.startswith(a):
            return False
        cut = True
    return cut


def _tail(short: tuple[str, ...], long_: tuple[str, ...]) -> bool:
    """Given names that are the last ones of a fuller form: a leading name dropped, as in
    Rudolph / Samuel Rudolph Insanally or Moncef / Mohamed Moncef Marzouki."""
    if not short or len(short) >= len(long_) or any(len(t) < 2 for t in short):
        return False
    return all(
        _given_match(a, b) in ("same", "alike")
        for a, b in zip(short, long_[-len(short) :], strict=True)
    )


def _relation(x: _Unit, y: _Unit) -> str | None:
    """How two full names can be one person, or ``None`` when they cannot.

    ``strict``: same folded key; ``expand``: an initial where the other has the name;
    ``middle``: one form lacks the other's middle names or initials; ``loose``: vowel
    spelling, a one-letter typo in a long name, or a second surname added.
    """
    px, py = x.parts, y.parts
    if px.suffix != py.suffix:
        # "Jr" written on one side only: the same person if everything else agrees.
        if px.suffix and py.suffix or not x.full or not y.full:
            return None
        return _LOOSE if _compatible(x, y) else None
    tx, ty = x.tokens, y.tokens
    if not x.full or not y.full:
        # Surname-only or initial-only forms relate only to each other, with equal initials;
        # whom they mean among full names is decided separately.
        if x.full or y.full or tx != ty:
            return None
        if px.surname_key == py.surname_key:
            return _STRICT
        if loose_equal(x.core, y.core) or (x.core[0] == y.core[0] and _typo(x.core, y.core, 1)):
            return _LOOSE
        if _slip(x.core, y.core, _SLIP_MIN) or _slip(x.plain, y.plain, _SLIP_MIN):
            return _SLIP
        if _head_slip(x.plain, y.plain):
            return _SLIP
        return _ODD if _damaged(x.plain, y.plain) else None
    if _across_scripts(x, y):
        return _EXPAND
    if px.surname_key == py.surname_key and px.given_key == py.given_key:
        if px.initials == py.initials:
            return _STRICT
        if not px.initials or not py.initials:
            return _MIDDLE
    same_surname = x.core == y.core
    surname_alike = same_surname or loose_equal(x.core, y.core)
    if surname_alike and tx and ty:
        fuzzy = not same_surname
        if len(tx) == len(ty):
            ok = True
            for a, b in zip(tx, ty, strict=True):
                match, soft = _token_alike(a, b, True)
                ok, fuzzy = ok and match, fuzzy or soft
            if ok:
                return _LOOSE if fuzzy else _EXPAND
        elif min(len(tx), len(ty)) == 1 and len(tx[0]) > 1 and len(ty[0]) > 1:
            match, soft = _token_alike(tx[0], ty[0], True)
            if match:
                return _LOOSE if fuzzy or soft else _MIDDLE
    if px.initials == py.initials and tx and ty and tx[0][0] == ty[0][0]:
        kx, ky = px.given_key + px.surname_key, py.given_key + py.surname_key
        # Two slips only where every word keeps its first letter: a different initial is
        # more likely a different person (Mohamed Nasheed, Mohamed Waheed).
        same_heads = (
            len(tx) == len(ty)
            and x.core[:1] == y.core[:1]
            and all(a[0] == b[0] for a, b in zip(tx, ty, strict=True))
        )
        if _typo(kx, ky, most=2 if same_heads else 1):
            return _LOOSE
        if same_heads and _head_typo(kx, ky) and not _vowel_ending(x.core, y.core):
            return _LOOSE
    # The same given names in another order: Barnabas Sibusiso / Sibusiso Barnabas Dlamini.
    if surname_alike and len(tx) > 1 and sorted(tx) == sorted(ty) and x.full and y.full:
        return _LOOSE
    # A second surname added: "Felipe Calderon" / "Felipe Calderon Hinojosa".
    fx = (*tx, px.surname_key)
    fy = (*ty, py.surname_key)
    short, long_ = (fx, fy) if len(fx) < len(fy) else (fy, fx)
    if (
        len(short) >= 2
        and len(long_) == len(short) + 1
        and all(len(t) > 1 for t in long_)
        and all(_token_alike(a, b, True)[0] for a, b in zip(short, long_, strict=False))
    ):
        return _LOOSE
    if _reordered(x, y):
        return _LOOSE
    if _compatible(x, y):
        return _LOOSE
    return _ODD if tx == ty and _damaged(x.plain, y.plain) else None


_CYRILLIC_LETTER = re.compile(r"[\u0400-\u04ff]")


def _script_key(key: str) -> str:
    """A key with what a name's spelling in another alphabet cannot show dropped: the h of
    sh/ch/kh, c against k, ts against c (Yasushi Sato / Ясуси Сато, Macron / Макрон)."""
    return re.sub(r"(.)\1+", r"\1", key.replace("ts", "c").replace("c", "k").replace("h", ""))


def _across_scripts(x: _Unit, y: _Unit) -> bool:
    """One full name written in Cyrillic and in Latin letters, every word alike."""
    if bool(_CYRILLIC_LETTER.search(x.names[0])) == bool(_CYRILLIC_LETTER.search(y.names[0])):
        return False
    if (
        not (x.full and y.full)
        or len(x.tokens) != len(y.tokens)
        or x.parts.initials != y.parts.initials
    ):
        return False
    words_x = [*x.tokens, x.parts.surname_key]
    words_y = [*y.tokens, y.parts.surname_key]
    return all(
        len(a) > 1 and len(b) > 1 and loose_equal(_script_key(a), _script_key(b))
        for a, b in zip(words_x, words_y, strict=True)
    )


def _reordered(x: _Unit, y: _Unit) -> bool:
    """The same words in another order, family name first or last: Suga Yoshihide /
    Yoshihide Suga, Felix Antoine Tshilombo Tshisekedi / Felix-Antoine Tshisekedi Tshilombo.
    Not in an Arabic chain, where the order says who is whose son (Faisal Al Saud, Saud
    Al-Faisal)."""
    return (
        x.full
        and y.full
        and len(x.words) >= 2
        and x.words == y.words
        and not any(_FAMILY_NAME_RE.search(unit.names[0]) for unit in (x, y))
    )


def _damaged_spelling(rare: _Unit, usual: _Unit) -> bool:
    """Whether ``rare`` reads as ``usual`` damaged where the name rules see two unrelated
    names (a word split or joined): comparing all letters, spaces aside, one slip when used
    within the usual form's years (a first letter only in 8+ letters), two when used between
    its first and last years (a first letter only in 12+)."""
    a, b = rare.letters, usual.letters
    if a == b or abs(len(a) - len(b)) > 2 or min(len(a), len(b)) < 6 or not usual.when:
        return False
    if _vowel_ending(a, b) or (rare.full == usual.full and _conflict(rare, usual)):
        return False
    if _relation(rare, usual) is not None:
        return False  # the name rules relate them, and their evidence has decided
    edits = _edits(a, b, 2)
    shorter = min(len(a), len(b))
    if edits == 1:
        return (a[0] == b[0] or shorter >= _HEAD_SLIP_MIN) and _within(rare.when, usual.when)
    if edits == 2 and shorter >= 10 and (a[0] == b[0] or shorter >= 12):
        return (
            bool(rare.when)
            and min(usual.when) < min(rare.when)
            and (max(rare.when) < max(usual.when))
        )
    return False


def _close(a: set[int], b: set[int]) -> bool:
    if not a or not b:
        return True
    return not (max(a) + _YEAR_GAP < min(b) or max(b) + _YEAR_GAP < min(a))


def _gap(a: set[int], b: set[int]) -> int:
    """Years between two spans of use: 0 when they overlap or one is unknown."""
    if not a or not b:
        return 0
    return max(min(a) - max(b), min(b) - max(a), 0)


def _within(inner: set[int], outer: set[int]) -> bool:
    if not inner or not outer:
        return True
    return min(outer) - _YEAR_GAP <= min(inner) and max(inner) <= max(outer) + _YEAR_GAP


class _Clusters:
    """Union-find over units that keeps every cluster's members pairwise related."""

    def __init__(self, units: list[_Unit]) -> None:
        self.units = units
        self.parent = list(range(len(units)))
        self.members = {i: [i] for i in range(len(units))}
        self.groups = {i: set(u.groups) for i, u in enumerate(units)}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def full(self, root: int) -> bool:
        return any(self.units[m].full and not self.units[m].damaged for m in self.members[root])

    def passing(self, root: int) -> bool:
        """Whether a cluster is only a passing mention: rare spellings no speech uses."""
        return all(self.units[m].rare and not self.units[m].uses for m in self.members[root])

    def union(self, i: int, j: int) -> bool:
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return True
        gi, gj = self.groups[ri], self.groups[rj]
        if gi and gj and gi != gj:
            # Different countries: different people, unless one's countries are among the
            # other's. A surname-only form of several countries is told apart per use later
            # (``_namesakes``), so a variant of it may join; a full name never joins one
            # (Mubarak of Egypt and of Sudan). A full name of several countries is one
            # person only when it was used elsewhere once or twice (a table's slip).
            if not (gi <= gj or gj <= gi):
                return False
            wide, narrow = (ri, rj) if gi > gj else (rj, ri)
            if self.full(narrow) and not self.full(wide):
                return False
            if self.full(wide):
                wide_uses = set().union(*(self.units[m].uses for m in self.members[wide]))
                abroad = {use for use in wide_uses if use[0] not in self.groups[narrow]}
                if not abroad or len(abroad) > 2:
                    return False
        for a in self.members[ri]:
            ua = self.units[a]
            for b in self.members[rj]:
                ub = self.units[b]
                # Two one-offs may differ from each other: each damages the usual form in
                # its own way (Kasumaatmadja, Jusumaatmadja beside Kusumaatmadja).
                if ua.rare and ub.rare and ua.groups and ub.groups:
                    continue
                # Nor does a slip only a text or two make (Javier Pores de Cuellar, once).
                if ua.rare and not ua.uses or ub.rare and not ub.uses:
                    continue
                if ua.full == ub.full and _relation(ua, ub) is None and _conflict(ua, ub):
                    return False
        if len(self.members[ri]) < len(self.members[rj]):
            ri, rj = rj, ri
        self.parent[rj] = ri
        self.members[ri] += self.members.pop(rj)
        self.groups[ri] |= self.groups.pop(rj)
        return True


def _returning(x: _Unit, y: _Unit, relation: str) -> bool:
    """Whether two full names of one country used more than a term apart are one person
    back in office, written once differently: Vladimir V. Putin (2003) / Vladimir Putin
    (2015-2020), Desire D. Bouterse (1986-87) / Desire Delano Bouterse (2010-11).

    One of them must be a one-off: two well-attested forms are two people (George Bush,
    George W. Bush). The names must agree but for a middle name, an initial written out,
    vowels or one letter (Han Seung-soo and Han Sung-joo are two people), and a "Jr" on one
    side only makes a son (Ferdinand Marcos, Ferdinand Marcos Jr). A career has an end: no
    more than ``_CAREER_GAP`` years between them. In a family name (Al-Saud) the father's
    name tells its members apart, so both forms must give more than one given name (Faisal
    Al Saud of 1946 is not Faisal bin Farhan Al-Saud of 2022).
    """
    if not (x.rare or y.rare) or not (x.full and y.full) or x.parts.suffix != y.parts.suffix:
        return False
    if _gap(x.when, y.when) > _CAREER_GAP:
        return False
    if _FAMILY_NAME_RE.match(x.parts.surname) and min(len(x.tokens), len(y.tokens)) < 2:
        return False
    if relation in (_STRICT, _EXPAND, _MIDDLE):
        return True
    if relation != _LOOSE:
        return False
    if any(a != b and _short_form(a, b) for a in x.tokens for b in y.tokens):
        return False  # Tom Esterhazy of 1970 and Thomas Esterhazy of 1990: namesakes
    kx = x.parts.given_key + x.parts.surname_key
    ky = y.parts.given_key + y.parts.surname_key
    return _compatible(x, y) or _edits(kx, ky, 1) <= 1 or _reordered(x, y)


def _evidence(x: _Unit, y: _Unit, relation: str) -> bool:
    """Whether the countries, years and counts of two related forms make them one person."""
    if x.groups and y.groups:
        if not x.groups & y.groups:
            return False
        if not _close(x.when, y.when):
            return _returning(x, y, relation)
        if relation == _SLIP:
            # A damaged short surname: the damaged form is a one-off inside the usual
            # form's years, not a second person of a similar name serving alongside.
            rare, usual = (x, y) if len(x.when) <= len(y.when) else (y, x)
            return rare.rare and _within(rare.when, usual.when)
        if relation == _ODD:
            # Heavier damage: the odd form is a one-off used between the usual form's first
            # and last years (Chrtoupek in 1979 amid Chnoupek's 1972-1988).
            rare, usual = (x, y) if len(x.when) <= len(y.when) else (y, x)
            return (
                rare.rare
                and bool(rare.when)
                and min(usual.when) < min(rare.when) <= max(rare.when) < max(usual.when)
            )
        return True
    if relation == _LOOSE and _spelled_alike(x, y):
        return _close(x.when, y.when)
    if relation in (_LOOSE, _SLIP, _ODD):
        return False  # a fuzzy match needs a shared country
    if relation == _MIDDLE:
        if not _close(x.when, y.when):
            return False
        # Counts only: a middle name occasionally added to a usual form is the same person;
        # two well-attested forms are likely two people (George Bush, George W. Bush).
        plain, fuller = (x, y) if len(x.tokens) < len(y.tokens) else (y, x)
        return fuller.count * 2 <= plain.count or (plain.count <= 1 and fuller.count >= 2)
    return True


def _spelled_alike(x: _Unit, y: _Unit) -> bool:
    """Names that differ only in spelling, so that they are one person in the same years,
    country or none: given names spelled alike in a name of three or more words (Javier
    Peres / Perez de Cuellar, Mohamed / Muhammad Hosni Mubarak), or the same given names
    and a long surname one slip or its vowels apart (Mukhtar Tileuberdi / Tleuberdi)."""
    if len(x.tokens) != len(y.tokens) or not all(len(t) > 1 for t in (*x.tokens, *y.tokens)):
        return False
    if x.core == y.core:
        return len(x.tokens) >= 2 and all(
            _spelled_same(a, b) for a, b in zip(x.tokens, y.tokens, strict=True)
        )
    return (
        x.tokens == y.tokens
        and len(x.tokens) >= 1
        and (loose_equal(x.core, y.core) or _slip(x.core, y.core, _SURNAME_SLIP_MIN))
    )


def _habitual(unit: _Unit, fuller: set[int]) -> bool:
    """Whether a form used in several speeches may still be a fuller name's leading given
    names left out (Lula da Silva / Luiz Inacio Lula da Silva): used while the fuller name
    was (a father named in his son's chain, Salim Haddad before Omar Salim Haddad, is
    another person), and not in a family name, where the names left out tell its members
    apart (Hamad Al-Thani)."""
    return (
        bool(unit.uses and fuller)
        and any(min(fuller) <= year <= max(fuller) for year in unit.when)
        and not _FAMILY_NAME_RE.match(unit.parts.surname)
    )


def _cluster(units: list[_Unit]) -> _Clusters:
    clusters = _Clusters(units)
    order = sorted(range(len(units)), key=lambda i: (-units[i].count, units[i].names[0]))
    full = [i for i in order if units[i].full]
    short = [i for i in order if not units[i].full]
    # 1. Same folded key, same initials (and same surname-only key).
    by_key: dict[tuple[Any, ...], list[int]] = defaultdict(list)
    for i in full:
        p = units[i].parts
        by_key[(p.given_key, p.surname_key, p.suffix, p.initials)].append(i)
    for i in short:
        p = units[i].parts
        by_key[("", p.surname_key, p.suffix, "".join(units[i].tokens))].append(i)
    for members in by_key.values():
        for pos, i in enumerate(members[1:], 1):
            for j in members[:pos]:
                # Same key decades apart: namesakes (Schuman, Schumann), not one person,
                # unless a full name of one country returns (``_returning``).
                ui, uj = units[i], units[j]
                close = _close(ui.when, uj.when)
                if not close and ui.groups & uj.groups and _returning(ui, uj, _STRICT):
                    close = True
                if close and clusters.union(j, i):
                    break
    # 2. Related full names, compared within a shared country, or by name alone.
    candidates: dict[int, set[int]] = defaultdict(set)
    relations: dict[tuple[int, int], str] = {}

    def consider(a: int, b: int) -> None:
        ua, ub = units[a], units[b]
        relation = _relation(ua, ub)
        if relation is None or clusters.find(a) == clusters.find(b):
            return
        if _evidence(ua, ub, relation):
            candidates[a].add(b)
            candidates[b].add(a)
            relations[(min(a, b), max(a, b))] = relation

    in_group: dict[tuple[str, str], list[int]] = defaultdict(list)
    by_name: dict[tuple[str, str], tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for i in full:
        unit = units[i]
        head = unit.tokens[0][0]
        # Leading initials may be dropped (R. M. Marty / Marty): file under the first name too.
        first = next(t for t in unit.tokens if len(t) > 1)[0]
        for group in unit.groups:
            for letter in {head, first}:
                in_group[(group, letter)].append(i)
            if len(unit.tokens) > 1:  # given names in another order
                in_group[(group, "*" + " ".join(sorted(unit.tokens)))].append(i)
            in_group[(group, "#" + " ".join(unit.words))].append(i)  # all words reordered
        by_name[(head, unit.core[:1])][bool(unit.groups)].append(i)
    for i in short:
        for group in units[i].groups:
            in_group[(group, "=" + units[i].core[:1])].append(i)
            # A damaged first letter (Nakayama/Hakayama): file under the next letters too.
            in_group[(group, "~" + units[i].plain[1:3])].append(i)
    for members in in_group.values():
        for pos, a in enumerate(members):
            for b in members[pos + 1 :]:
                consider(a, b)
    for bare, known in by_name.values():  # no country on at least one side
        for pos, a in enumerate(bare):
            for b in bare[pos + 1 :] + known:
                consider(a, b)
    # A form that could join people who cannot be one (George Bush: George H. W. Bush or
    # George W. Bush?) joins none of them.
    # A spelling only a text or two mention (no speech) cannot veto a speaker's form:
    # "Julian E. Hunte", once in a speech's text, beside the speaker Julian R. Hunte.
    frozen = set()
    for i, near in candidates.items():
        fuller = sorted(
            j
            for j in near
            if len(units[j].tokens) > len(units[i].tokens)
            and not (units[i].uses and not units[j].uses and units[j].rare)
        )
        for pos, a in enumerate(fuller):
            if any(
                clusters.find(a) != clusters.find(b) and _relation(units[a], units[b]) is None
                for b in fuller[pos + 1 :]
            ):
                frozen.add(i)
                break
    strength = {_STRICT: 0, _EXPAND: 1, _MIDDLE: 2, _LOOSE: 3, _SLIP: 4, _ODD: 5}
    edges = sorted(
        relations.items(),
        key=lambda e: (strength[e[1]], -units[e[0][0]].count - units[e[0][1]].count, e[0]),
    )
    for (a, b), _relation_name in edges:
        if a not in frozen and b not in frozen:
            clusters.union(a, b)
    # 2b. A rare form that drops leading given names or cuts one short joins the one
    #     fuller name of its country it can shorten, when used within that person's years;
    #     so does a form used often that drops leading given names (``_habitual``).
    #     Where either has no country (a name texts mention), a form only drops leading
    #     given names, of a fuller name that is named more than a few times unless it is
    #     a one-off itself: Perez de Cuellar / Javier Perez de Cuellar, the speaker Lopez
    #     Portillo / Jose Lopez Portillo, but not Ban Ki-moon / Tupua Ban Ki-moon (twice).
    full_by_core: dict[str, list[int]] = defaultdict(list)
    for i in full:
        full_by_core[units[i].core].append(i)
    for i in full:
        unit = units[i]
        tails: dict[int, int] = {}
        for j in full_by_core[unit.core]:
            other = units[j]
            if not unit.groups or not other.groups:
                joins = _tail(unit.tokens, other.tokens) and (
                    unit.rare or other.count > _RARE_COUNT
                )
            elif other.groups & unit.groups:
                shorter = _shortened if unit.rare else _tail
                joins = shorter(unit.tokens, other.tokens)
            else:
                joins = False
            if joins:
                tails[clusters.find(j)] = j
        if len(tails) == 1 and clusters.find(i) not in tails:
            root, j = next(iter(tails.items()))
            years = set().union(*(units[m].when for m in clusters.members[root]))
            if not (unit.groups and units[j].groups):  # named: the years he is named in count
                years |= set().union(*(units[m].years for m in clusters.members[root]))
                joins = not _FAMILY_NAME_RE.match(unit.parts.surname)
            else:
                joins = unit.rare or _habitual(unit, years)
            if joins and _within(unit.when, years):
                clusters.union(j, i)
    # 2c. A rare spelling whose letters, spaces aside, are one or two slips from another
    #     form of its country joins it (Mang Wazu/Mangwazp, Bass Olk/Bassole).
    by_group: dict[str, list[int]] = defaultdict(list)
    for i in order:
        for group in units[i].groups:
            by_group[group].append(i)
    for i in order:
        unit = units[i]
        if not unit.rare or not unit.groups:
            continue
        fits = {
            clusters.find(j): j
            for group in unit.groups
            for j in by_group[group]
            if j != i and _damaged_spelling(unit, units[j])
        }
        fits.pop(clusters.find(i), None)
        if len(fits) == 1:
            usual = next(iter(fits.values()))
            # Between two one-offs neither is known to be the damaged one.
            if clusters.union(usual, i) and not units[usual].rare:
                unit.damaged = True
    # 3. Surname-only and initial-only forms join the one person they can mean.
    by_surname: dict[str, list[int]] = defaultdict(list)
    for i in order:
        by_surname[units[i].parts.surname_key].append(i)
    short.sort(key=lambda i: (-len(units[i].tokens), -units[i].count, units[i].names[0]))
    for i in short:
        root = clusters.find(i)
        unit = units[i]
        own = clusters.groups[root]
        pool: dict[int, list[int]] = defaultdict(list)
        for j in by_surname[unit.parts.surname_key]:
            other = units[j]
            if clusters.find(j) == root or not _may_mean(unit, other):
                continue
            if own and not own & clusters.groups[clusters.find(j)]:
                continue
            pool[clusters.find(j)].append(j)
        if len(pool) > 1:
            # A name only a text or two mention (Nane Annan) leaves "Annan" to Kofi Annan.
            kept = {r: m for r, m in pool.items() if not clusters.passing(r)}
            pool = kept or pool
        if len(pool) != 1:
            continue
        target_root, members = next(iter(pool.items()))
        if own:
            inner = set().union(*(units[j].when for j in clusters.members[root]))
            outer = set().union(*(units[j].when for j in clusters.members[target_root]))
            # An initial that stands for his written-out name is more than a surname: a
            # term away will do (C. Malik 1948-49, Charles Malik 1953-57); a bare surname
            # (or U. Lwin beside U. Maung Lwin) must fall within his years.
            spelled = any(len(b) > 1 for b in units[members[0]].tokens[: len(unit.tokens)])
            if not (_close(inner, outer) if spelled else _within(inner, outer)):
                continue
        clusters.union(members[0], i)
    return clusters


def _may_mean(short: _Unit, other: _Unit) -> bool:
    """Whether a surname-only (or initials-only) form can stand for a fuller name."""
    more = len(other.tokens) > len(short.tokens)  # Molapo / C. D. Molapo
    # S. / Shunmugam; and a patronymic's initial the fuller name leaves out: N. A. Nazarbayev
    # / Nursultan Nazarbayev (the first given name must be written out to know it is one).
    return (
        (
            more
            or other.full
            and (len(other.tokens) == len(short.tokens) or len(other.tokens[0]) > 1)
        )
        and other.parts.suffix == short.parts.suffix
        and all(a[0] == b[0] for a, b in zip(short.tokens, other.tokens, strict=False))
    )


def _stray(minor: set[tuple[str, int]], uses: set[tuple[str, int]]) -> bool:
    """Whether a spelling's uses for another country (``minor``, of all its ``uses``) look
    like a table's slip rather than a second person: one or two uses, at most a quarter,
    in years between the others' first and last but never in one of them (one person
    cannot speak for two countries in one session)."""
    rest = {year for _, year in uses - minor}
    return (
        len(minor) <= 2
        and 4 * len(minor) <= len(uses)
        and bool(rest)
        and all(min(rest) <= year <= max(rest) and year not in rest for _, year in minor)
    )


def _namesakes(uses: set[tuple[str, int]]) -> bool:
    """Whether a surname-only form names people of several countries (Toure of Guinea and
    of Mali): used in more than one country, beyond a stray use or two."""
    groups = {group for group, _ in uses}
    return sum(not _stray({u for u in uses if u[0] == g}, uses) for g in groups) > 1


def _by_year(units: list[_Unit], clusters: _Clusters) -> dict[int, dict[tuple[str, int], int]]:
    """Uses of surname-only forms that name one person in their country and years.

    A surname is often shared by several people of one country over the decades (Al-Sabah,
    Traore), so a surname-only form left unjoined is resolved use by use: its years in a
    country and those of every fuller name with that surname there form runs of sessions
    at most ``_RUN_GAP`` years apart; a run holding exactly one of those people is that
    person's time in office, and the surname's uses in it are his. So is a use that falls
    between two of one person's uses, each at most a term away, and amid no one else's
    (Kyprianou 1982-83, President Spyros Kyprianou 1978 and 1986). Anything else
    decides nothing: even the only full name of that surname in the country a few years
    off may be someone else (Mr Barrow in 1985, Nita Barrow in 1988).
    Returns short cluster -> {(group, year): full cluster}.
    """
    root_uses: dict[int, set[tuple[str, int]]] = defaultdict(set)
    by_core: dict[str, set[int]] = defaultdict(set)  # surname without particles -> units
    for i, unit in enumerate(units):
        root_uses[clusters.find(i)] |= unit.uses
        by_core[unit.core].add(i)
    out: dict[int, dict[tuple[str, int], int]] = {}
    for root, members in clusters.members.items():
        if clusters.full(root) or not root_uses[root]:
            continue
        owners = {
            clusters.find(j)
            for i in members
            for j in by_core[units[i].core]
            if clusters.find(j) != root and _may_mean(units[i], units[j])
        }
        assigned: dict[tuple[str, int], int] = {}
        for group in {g for g, _ in root_uses[root]}:
            held: dict[int, set[int]] = defaultdict(set)  # year -> people using it
            for owner in owners:
                for g, year in root_uses[owner]:
                    if g == group:
                        held[year].add(owner)
            own_years = {y for g, y in root_uses[root] if g == group}
            runs: list[list[int]] = []
            for year in sorted(own_years | set(held)):
                if runs and year - runs[-1][-1] <= _RUN_GAP:
                    runs[-1].append(year)
                else:
                    runs.append([year])
            for run in runs:
                holders = set().union(*(held.get(y, set()) for y in run))
                if len(holders) == 1:
                    (owner,) = holders
                    assigned.update({(group, y): owner for y in run if y in own_years})
            # A use between two of one person's, each at most a term away, and nobody
            # else's is his (Kyprianou 1982-83 amid President Spyros Kyprianou 1978 and 1986).
            years_of = {owner: _years(held, owner) for owner in owners}
            for year in own_years - {y for g, y in assigned if g == group}:
                inside = [o for o, years in years_of.items() if _amid(year, years)]
                if len(inside) == 1:
                    assigned[(group, year)] = inside[0]
        if assigned:
            out[root] = assigned
    return out


def _years(held: dict[int, set[int]], owner: int) -> list[int]:
    return [year for year, holders in held.items() if owner in holders]


def _mentioned_when(
    units: list[_Unit], clusters: _Clusters
) -> dict[int, list[tuple[int, int, int]]]:
    """Years in which a surname-only form, named in a text, can only mean one person.

    "Mr. Waldheim" in a speech of 1975 is Kurt Waldheim when he is the one person of that
    surname the corpus names within ``_YEAR_GAP`` years of it (in speeches or in texts);
    names only a text or two mention (Nane Annan beside Kofi Annan) are left aside.
    Returns short cluster -> [(first year, last year, full cluster)], for names used
    without a country (mentions, and speakers of documents without one): a speaker with
    a country is resolved by country and year (``_by_year``).
    """
    by_core: dict[str, set[int]] = defaultdict(set)
    for i, unit in enumerate(units):
        by_core[unit.core].add(i)
    out: dict[int, list[tuple[int, int, int]]] = {}
    for root, members in clusters.members.items():
        if clusters.full(root):
            continue
        named: dict[int, set[int]] = defaultdict(set)  # candidate cluster -> years named
        for i in members:
            for j in by_core[units[i].core]:
                owner = clusters.find(j)
                if owner != root and _may_mean(units[i], units[j]) and clusters.full(owner):
                    named[owner] |= units[j].years
        named = {o: ys for o, ys in named.items() if ys and not clusters.passing(o)}
        if not named:
            continue
        spans: list[tuple[int, int, int]] = []
        first = min(min(ys) for ys in named.values()) - _YEAR_GAP
        last = max(max(ys) for ys in named.values()) + _YEAR_GAP
        for year in range(first, last + 1):
            active = [o for o, ys in named.items() if any(abs(y - year) <= _YEAR_GAP for y in ys)]
            if len(active) != 1:
                continue
            if spans and spans[-1][2] == active[0] and spans[-1][1] == year - 1:
                spans[-1] = (spans[-1][0], year, active[0])
            else:
                spans.append((year, year, active[0]))
        if spans:
            out[root] = spans
    return out


def _amid(year: int, years: list[int]) -> bool:
    """Whether ``year`` falls between two of ``years``, each at most ``_YEAR_GAP`` away."""
    before = [y for y in years if year - _YEAR_GAP <= y < year]
    after = [y for y in years if year < y <= year + _YEAR_GAP]
    return bool(before and after)


class NameResolver:
    """Maps every spelling seen in the corpus to one canonical name.

    Pins win. Otherwise spellings join when their folded keys match (Tokayev/Tokaev), and,
    when the countries and years they are used in agree, when one lacks the other's middle
    names or initials, vowels are spelled differently (Mohamed/Muhammad), a given name is a
    usual short form of the other (Joe/Joseph, ``data/given_names.yaml``) or a name has a
    one-letter slip. Different countries, different initials (George W. vs George H. W.
    Bush) or different given names never merge. Surname-only forms join the single person
    with that surname in their country (corpus-wide when no country is known); one that
    several people used resolves per use, from the country and year (``canonical(name,
    group, year)``), and one only mentioned from its year alone (``canonical(name, None,
    year)``). docs/metadata.md lists every rule.
    """

    def __init__(
        self,
        mapping: Mapping[str, str],
        pins: Mapping[str, str] | None = None,
        context: Mapping[str, Mapping[str, Mapping[int, str]]] | None = None,
        mentions: Mapping[str, Iterable[Sequence[Any]]] | None = None,
    ) -> None:
        self._map: dict[str, str] = dict(mapping)
        # canonical surname-only form -> [first year, last year, the one person it names]
        self._mentions = {
            base: [(int(a), int(b), str(c)) for a, b, c in spans]
            for base, spans in (mentions or {}).items()
        }
        self._pins: dict[str, str] = dict(pins or {})
        # canonical surname-only form -> group -> year -> the person it names there and then
        self._context = {
            base: {g: {int(y): c for y, c in years.items()} for g, years in groups.items()}
            for base, groups in (context or {}).items()
        }
        self._labels = {c.casefold(): c for base in self._context for c in self._owners(base)}
        self._fold: dict[str, str] = {}
        for variant, canonical in self._map.items():
            self._fold.setdefault(variant.casefold(), canonical)
        self._pin_fold = {
            clean_name(v).casefold() or v.casefold(): c for v, c in self._pins.items()
        }

    # Lookups by folded spelling and by name keys are built on first use: a search that
    # filters by a speaker's usual spelling never needs them (they cost ~0.3 s on 10k names).
    @cached_property
    def _plain(self) -> dict[str, set[str]]:
        """Accents and punctuation folded -> canonical names."""
        out: dict[str, set[str]] = defaultdict(set)
        for variant, canonical in self._map.items():
            out[_plain_key(variant)].add(canonical)
        return out

    @cached_property
    def _by_key(self) -> dict[tuple[str, str, str], set[str]]:
        """Full name key -> canonical names."""
        return self._keys[0]

    @cached_property
    def _by_surname(self) -> dict[str, set[str]]:
        """Surname key -> canonical names."""
        return self._keys[1]

    @cached_property
    def _keys(self) -> tuple[dict[tuple[str, str, str], set[str]], dict[str, set[str]]]:
        by_key: dict[tuple[str, str, str], set[str]] = defaultdict(set)
        by_surname: dict[str, set[str]] = defaultdict(set)
        for variant, canonical in self._map.items():
            parts = split_name(variant)
            if parts is None:
                continue
            by_surname[parts.surname_key].add(canonical)
            if parts.given:
                by_key[parts.full_key].add(canonical)
        return by_key, by_surname

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
        uses_of: dict[str, set[tuple[str, int]]] = defaultdict(set)
        raw_of: dict[str, set[str]] = defaultdict(set)
        for raw, count in stats.counts.items():
            name = clean_name(raw)
            if not name:
                continue
            counts[name] += count
            years[name] |= stats.years.get(raw, set())
            groups[name] |= stats.groups.get(raw, set())
            uses_of[name] |= stats.uses.get(raw, set())
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
        by_plain: dict[str, list[str]] = defaultdict(list)
        for name in counts:
            parts = parts_of[name]
            pinned = pin_fold.get(name.casefold())
            if pinned is None and parts is not None and parts.given:
                pinned = pin_keys.get(parts.full_key)
            if pinned is not None:
                cluster_of[name] = "pin:" + pinned
            elif parts is None or not _plain_key(name):
                cluster_of[name] = "raw:" + name.casefold()
            else:
                by_plain[_plain_key(name)].append(name)
        units = []
        for same in by_plain.values():
            same.sort(key=lambda n: _rank(n, parts_of[n], counts[n]), reverse=True)
            # Identical but for accents and punctuation: one person unless the countries
            # say otherwise (Ben Yahia of one country, Benyahia of another).
            split: list[list[str]] = []
            for name in same:
                for names_ in split:
                    known = set().union(*(groups[n] for n in names_))
                    if not groups[name] or not known or groups[name] & known:
                        names_.append(name)
                        break
                else:
                    split.append([name])
            for names_ in split:
                # The usual spelling is parsed for matching, not one with a stray space:
                # "Mbon Impa" beside "Mbonimpa" is damage, not a given name and a surname.
                names_.sort(key=lambda n: counts[n], reverse=True)
                head = parts_of[names_[0]]
                assert head is not None
                units.append(
                    _Unit(
                        names_,
                        head,
                        sum(counts[n] for n in names_),
                        set().union(*(years[n] for n in names_)),
                        set().union(*(groups[n] for n in names_)),
                        _given_tokens(names_[0], head),
                        uses=set().union(*(uses_of[n] for n in names_)),
                    )
                )
        clusters = _cluster(units)
        for i, unit in enumerate(units):
            for name in unit.names:
                cluster_of[name] = f"unit:{clusters.find(i)}"
        by_year = _by_year(units, clusters)
        named_when = _mentioned_when(units, clusters)

        # Canonical spelling per cluster: most complete, then most frequent, then most like
        # the rest of the cluster and the corpus (see ``_canonical``).
        members_of: dict[str, list[str]] = defaultdict(list)
        for name, cid in cluster_of.items():
            members_of[cid].append(name)
        word_counts: Counter[str] = Counter()  # names using each word, by count
        for name, count in counts.items():
            for word in set(_words(name)):
                word_counts[word] += count
        pair_words: Counter[str] = Counter()  # distinct words with each letter pair
        for word in word_counts:
            pair_words.update(_pairs(word))
        # How widely a spelling is used (its years) counts before how often: a damaged form
        # repeated in one text (Luis Herrera Campfins, 80 times in 1981) is not the usual one.
        spread = {n: len(years[n]) for n in counts}
        mapping: dict[str, str] = {}
        canonical_of: dict[str, str] = {}
        damaged = {n for unit in units if unit.damaged for n in unit.names}
        for cid, members in members_of.items():
            if cid.startswith("pin:"):
                canonical = cid[4:]
            else:
                shown = [n for n in members if n not in damaged] or members
                canonical = _canonical(shown, parts_of, counts, spread, word_counts, pair_words)
            canonical_of[cid] = canonical
            for name in members:
                mapping[name] = canonical
                for raw in raw_of[name]:
                    mapping.setdefault(raw, canonical)
        for variant, canonical in pins.items():
            mapping.setdefault(variant, canonical)
            mapping.setdefault(canonical, canonical)
        # Surname-only forms resolved per use: to the person a run of years names, else,
        # for a surname of several countries' people, to "Surname (Country)".
        context: dict[str, dict[str, dict[int, str]]] = {}
        for root, member_ids in clusters.members.items():
            if clusters.full(root):
                continue
            base = canonical_of[f"unit:{root}"]
            assigned = by_year.get(root, {})
            uses = set().union(*(units[m].uses for m in member_ids))
            local: dict[str, str] = {}  # group -> the spelling its namesake is shown by
            if _namesakes(uses):
                spellings = [n for m in member_ids for n in units[m].names]
                for group in {g for g, _ in uses}:
                    own = [n for n in spellings if any(g == group for g, _ in uses_of[n])]
                    label = _canonical(own, parts_of, counts, spread, word_counts, pair_words)
                    local[group] = f"{label} ({group})"
            for group, year in uses:
                owner = assigned.get((group, year))
                value = canonical_of[f"unit:{owner}"] if owner is not None else local.get(group)
                if value is not None:
                    context.setdefault(base, {}).setdefault(group, {})[year] = value
        mentions = {
            canonical_of[f"unit:{root}"]: [
                [a, b, canonical_of[f"unit:{owner}"]] for a, b, owner in spans
            ]
            for root, spans in named_when.items()
        }
        return cls(mapping, pins, context, mentions)

    # -- using ------------------------------------------------------------------------

    def canonical(self, name: str, group: str | None = None, year: int | None = None) -> str:
        """The canonical form of any spelling (unknown names come back cleaned).

        A surname-only spelling shared by several people resolves per use: pass the
        group (country) and year a speaker's name is used in; a name only mentioned (no
        group) resolves in its year to the one person of that surname named then.
        """
        base = self._canonical(name)
        if year is None:
            return base
        if group is None:
            # A mention: the one person of that surname named around that year, if any.
            for first, last, person in self._mentions.get(base, ()):
                if first <= year <= last:
                    return person
            return base
        if base not in self._context:
            return base
        return self._context[base].get(group, {}).get(year, base)

    def canonicals(self, name: str, uses: Iterable[tuple[str, int]] = ()) -> set[str]:
        """Every canonical name one spelling takes: plain, and in each (group, year) use."""
        return {self.canonical(name), *(self.canonical(name, g, y) for g, y in uses)}

    def _canonical(self, name: str) -> str:
        if name in self._map:
            return self._map[name]
        cleaned = clean_name(name)
        if not cleaned:
            return name.strip()
        found = self._map.get(cleaned) or self._fold.get(cleaned.casefold())
        if found:
            return found
        plain = self._plain.get(_plain_key(cleaned), set())
        if len(plain) == 1:
            return next(iter(plain))  # Touré for Toure
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
        direct = (
            self._fold.get(cleaned.casefold())
            or self._pin_fold.get(cleaned.casefold())
            or self._labels.get(value.strip().casefold())  # "Toure (Mali)"
        )
        if direct:
            results.add(direct)
            results |= self._owners(direct)
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
                for hit in hits:
                    results |= self._owners(hit)
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
        for base in self._context:
            for owner in self._owners(base):
                out[owner] |= out[base] | {base}
        return {c: sorted(v) for c, v in sorted(out.items())}

    def _owners(self, base: str) -> set[str]:
        """The people a surname-only canonical form names in some of its uses."""
        return {c for years in self._context.get(base, {}).values() for c in years.values()}

    def to_json(self) -> dict[str, Any]:
        return {
            "version": 1,
            "map": dict(sorted(self._map.items())),
            "pins": self._pins,
            "context": self._context,
            "mentions": {base: [list(span) for span in v] for base, v in self._mentions.items()},
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> NameResolver:
        return cls(
            data.get("map", {}),
            data.get("pins", {}),
            data.get("context", {}),
            data.get("mentions", {}),
        )

    def __len__(self) -> int:
        return len(set(self._map.values()))


def _words(name: str) -> list[str]:
    """Words of a name folded for comparison (case, accents and punctuation ignored)."""
    return [w for w in (_plain_key(t) for t in re.split(r"[\s-]+", name)) if w]


def _pairs(word: str) -> set[str]:
    return {word[i : i + 2] for i in range(len(word) - 1)}


def _canonical(
    members: list[str],
    parts_of: Mapping[str, NameParts | None],
    counts: Mapping[str, int],
    spread: Mapping[str, int],
    word_counts: Mapping[str, int],
    pair_words: Mapping[str, int],
) -> str:
    """The display spelling of one cluster: most complete, then used in the most years
    (``spread``), then most frequent.

    Spellings identical but for spacing and punctuation ("Al-Khali Fa", "Al-Khalifa") are
    equally complete: a stray space is damage, not a given name. Among forms tied on
    completeness and count, a slip is the odd one out, so the form nearest the others
    wins (smallest count-weighted edit distance between folded spellings: Carlos over
    Carlso); then the form whose rarest word is most used across the corpus (Fernando
    over Fernardo); then the form with fewer letter pairs found in no other word of the
    corpus (Shafiq over Shajfiq); then capitals, accents and the name itself, so the
    choice never depends on input order. A name tied in Cyrillic and Latin letters shows
    in Latin ones, before any of these.
    """
    if len(members) == 1:
        return members[0]
    words = {n: _words(n) for n in members}
    folded = {n: " ".join(w) for n, w in words.items()}
    plain = {n: "".join(w) for n, w in words.items()}
    complete: dict[str, tuple[bool, int]] = {}  # per spelling without spaces
    initials: dict[str, int] = {}
    for name in members:
        parts = parts_of.get(name)
        own = (bool(parts.given), parts.completeness) if parts is not None else (False, 0)
        complete[plain[name]] = max(complete.get(plain[name], own), own)
        own_initials = len(parts.initials) if parts is not None else 0
        initials[plain[name]] = max(initials.get(plain[name], 0), own_initials)

    def distance(name: str) -> int:
        a = folded[name]
        return sum(
            counts[m] * _edits(a, folded[m], max(len(a), len(folded[m])))
            for m in members
            if m != name
        )

    def first(name: str) -> tuple[Any, ...]:
        return (complete[plain[name]], spread[name], counts[name], initials[plain[name]])

    best = max(first(n) for n in members)
    tied = [n for n in members if first(n) == best]  # the slower evidence only for ties

    def rank(name: str) -> tuple[Any, ...]:
        odd_pairs = sum(pair_words.get(p, 0) <= 1 for w in words[name] for p in _pairs(w))
        return (
            not _CYRILLIC_LETTER.search(name),  # one name in two scripts: Latin letters
            -distance(name),
            min((word_counts.get(w, 0) for w in words[name]), default=0),
            -odd_pairs,
            any(c.islower() for c in name),
            sum(1 for c in name if ord(c) > 127),
            name,
        )

    return tied[0] if len(tied) == 1 else max(tied, key=rank)


# -- names left apart that may be one person ------------------------------------------------

_GROUP_LABEL_RE = re.compile(r" \([^()]*\)$")  # "Toure (Mali)": a surname told by country


def looks_alike(a: str, b: str) -> bool:
    """Whether two names may be one person's by their spelling alone: the same surname (up
    to vowel spelling) with no clash of first initials (Peres / Shimon Peres), or names at
    most two letters apart (Eyskens / Syskens). Namesakes look alike too (Dlamini / Obed
    Dlamini): this finds names for a person to check, it merges nothing."""
    pa = split_name(_GROUP_LABEL_RE.sub("", a))
    pb = split_name(_GROUP_LABEL_RE.sub("", b))
    return pa is not None and pb is not None and _alike(pa, pb)


def _alike(pa: NameParts, pb: NameParts) -> bool:
    sa, sb = pa.surname_key, pb.surname_key
    # The same surname, up to vowels or one slip in a long one (Nyerere / Hyerere).
    if sa == sb or loose_equal(sa, sb) or min(len(sa), len(sb)) >= 6 and _edits(sa, sb, 1) <= 1:
        fa = _initial(pa.given[0]) if pa.given else pa.initials[:1].lower()
        fb = _initial(pb.given[0]) if pb.given else pb.initials[:1].lower()
        return not fa or not fb or fa == fb
    ka, kb = pa.given_key + pa.surname_key, pb.given_key + pb.surname_key
    return min(len(ka), len(kb)) >= 6 and _edits(ka, kb, 2) <= 2


def similar_names(groups: Mapping[str, Iterable[str]]) -> dict[str, tuple[str, ...]]:
    """For each name (mapped to the countries it is used for, none if unknown), the other
    names that look alike and share a country or lack one."""
    split = {name: split_name(_GROUP_LABEL_RE.sub("", name)) for name in groups}
    parts = {name: p for name, p in split.items() if p is not None}
    countries = {name: set(groups[name]) for name in parts}
    # Names of one country are all compared (a few dozen each); a name without one is
    # compared with names that share its key's first, middle or last letters.
    blocks: dict[str, list[str]] = defaultdict(list)
    for name in parts:
        for country in countries[name]:
            blocks["@" + country].append(name)
    for name, p in parts.items():
        key = p.given_key + p.surname_key
        for block in ("^" + key[:1], "~" + key[1:4], "$" + key[-3:]):
            blocks[block].append(name)
    found: dict[str, set[str]] = defaultdict(set)
    for block, members in blocks.items():
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if block[0] != "@" and countries[a] and countries[b]:
                    continue  # both have countries: compared within them
                if b not in found[a] and a != b and _alike(parts[a], parts[b]):
                    found[a].add(b)
                    found[b].add(a)
    return {name: tuple(sorted(others)) for name, others in found.items()}


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
    "looks_alike",
    "loose_equal",
    "similar_names",
    "split_name",
    "translit_key",
]
