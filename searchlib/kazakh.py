"""People in Kazakh-language texts: names with case endings, titles and speech cues.

Kazakh news writes "Сыртқы істер министрі Мұрат Нұртлеу Жапония елшісімен кездесті" and
"…, – деді Қасым-Жомарт Тоқаев.": titles come before the name, the speech verb comes last
or right before the speaker, and endings are glued to the last word of a name
("Тоқаевтың", "Нұртлеуге"). Only endings are cut, and only from a name's last word, so a
name is never guessed from a stem. The finders return what ``mentions`` returns for
English, so ``extract`` combines them in the same way; ``people`` transliterates Kazakh
letters, so Тоқаев and Tokayev are one person across the corpus.
"""

from __future__ import annotations

import re

from . import people, places
from .document import Document
from .mentions import DocPeople, Mention, surname_of

__all__ = [
    "ENDINGS",
    "find_mentions",
    "find_roster",
    "is_kazakh",
    "mentions_surname",
    "passage_cues",
    "speech_author",
]

_UP = "А-ЯЁӘҒҚҢӨҰҮҺІ"
_LOW = "а-яёәғқңөұүһі"
_KAZAKH_LETTERS_RE = re.compile(r"[ӘҒҚҢӨҰҮҺІәғқңөұүһі]")
_CYRILLIC_RE = re.compile(rf"[{_UP}{_LOW}]")

# Case, possessive and plural endings, as they follow a name's last word ("Тоқаевтың",
# "Нұртлеуге", "Қазақстандағы"), each from the longest; possessive before case.
_GENITIVE = "ның|нің|дың|дің|тың|тің"
_CASES = [
    *_GENITIVE.split("|"),  # genitive
    *("ға", "ге", "қа", "ке", "на", "не", "а", "е"),  # dative
    *("ны", "ні", "ды", "ді", "ты", "ті", "н"),  # accusative
    *("да", "де", "та", "те", "нда", "нде"),  # locative
    *("дағы", "дегі", "тағы", "тегі", "ндағы", "ндегі"),  # "in …" as an adjective
    *("дан", "ден", "тан", "тен", "нан", "нен"),  # ablative
    *("мен", "бен", "пен", "менен"),  # instrumental
]
_POSSESSIVES = ["сы", "сі", "ы", "і"]
ENDINGS = (
    rf"(?:(?:{'|'.join(_POSSESSIVES)})?(?:{'|'.join(sorted(_CASES, key=len, reverse=True))}))?"
)

# Titles, as the word before a name writes them (with the possessive of "X's minister").
_TITLES = {
    "президент": "президент",
    "президенті": "президент",
    "премьер-министр": "премьер-министр",
    "премьер-министрі": "премьер-министр",
    "министр": "министр",
    "министрі": "министр",
    "вице-министр": "вице-министр",
    "вице-министрі": "вице-министр",
    "орынбасары": "орынбасары",
    "елші": "елші",
    "елшісі": "елші",
    "төраға": "төраға",
    "төрағасы": "төраға",
    "әкім": "әкім",
    "әкімі": "әкім",
    "хатшы": "хатшы",
    "хатшысы": "хатшы",
    "өкіл": "өкіл",
    "өкілі": "өкіл",
    "спикер": "спикер",
    "спикері": "спикер",
    "депутат": "депутат",
    "депутаты": "депутат",
    "сенатор": "сенатор",
    "сенаторы": "сенатор",
    "басшысы": "басшы",
    "кеңесшісі": "кеңесші",
    "көмекшісі": "көмекші",
    "директоры": "директор",
    "дипломат": "елші",  # "… – деп атап өтті дипломат": the text's ambassador
}
# "Мемлекет басшысы" is the head of state, whoever the text introduced as president.
_LEAD_REFS = {"мемлекет басшысы": "мемлекет басшысы", "президент": "президент"}
# Speech verbs that end a sentence ("… маңызын атап өтті.") or come before the speaker
# ("…», – деді Қасым-Жомарт Тоқаев.").
_VERBS = (
    r"деді|айтты|атап\s+өтті|атап\s+көрсетті|мәлімдеді|баса\s+айтты|баса\s+назар\s+аударды"
    r"|жеткізді|түсіндірді|хабарлады|ұсынды|қосты|түйіндеді|сендірді|деп\s+санайды|деп\s+жазды"
    r"|мәлім\s+етті|айта\s+кетті|сұхбат\s+берді|баяндады"
)
_NAME_WORD = rf"[{_UP}][{_LOW}]+(?:-[{_UP}][{_LOW}]+)?"
# A capitalised word in the dative or locative goes on a sentence, not a name ("Парижге").
_CASE_ENDING_RE = re.compile(r"(?:да|де|та|те|ға|ге|қа|ке|на|не|ны|ні|ты|ті|ды|ді)$")
_NAME = rf"{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{1,2}}"
_SURNAME_RE = re.compile(rf"[{_UP}][{_LOW}]+(?:ов|ев|ин|ын|ұлы|улы|қызы|кызы|ова|ева|ина|ына)$")
# Endings of verbs, converbs and the instrumental, which no word of a role has.
# A role runs back over nouns and adjectives, never over a verb's forms or a word in the
# dative or locative ("… аясында тілшілерге ҚР Президентінің кеңесшісі": the role is the
# adviser's, not where or to whom he spoke).
_NOT_ROLE_RE = re.compile(
    r"(?:мен|пен|бен|ып|іп|ған|ген|қан|кен|ды|ді|ты|ті|ады|еді|йды|йді"
    r"|ға|ге|қа|ке|нда|нде|ында|інде|ерге|ларға|лерге|дарға|дерге|тарға|терге)$"
)
_FUNCTION_WORDS = {"және", "мен", "бен", "пен", "деп", "деді", "бүгін", "сондай-ақ", "ал", "бұл"}
# Pronouns: "Біздің Спикеріміз де айтты" names no one.
_FUNCTION_WORDS |= {"біздің", "менің", "сіздің", "сенің", "оның", "олардың", "біз", "олар", "осы"}
# Institutions, capitalised as names are: "Сенатор Мәжіліске келген …" names no one.
_INSTITUTIONS = {"мәжіліс", "сенат", "парламент", "үкімет", "ақорда", "министрлік", "елорда"}


def _institution(words: list[str]) -> bool:
    """Whether a would-be name holds an institution's word, with any ending."""
    return any(_bare(w).lower() in _INSTITUTIONS for w in words)


_TOKEN_RE = re.compile(rf"[{_UP}{_LOW}A-Za-z]+(?:-[{_UP}{_LOW}A-Za-z]+)*|[,.;:!?«»\"“”()–—-]")
_SENTENCE_RE = re.compile(r"(?<=[.!?»\"”])\s+(?=[«\"“–—-]?\s*[А-ЯЁӘҒҚҢӨҰҮҺІ])|\n+")


def is_kazakh(text: str) -> bool:
    """Whether a text is written in Kazakh: mostly Cyrillic, with Kazakh's own letters
    (ә, қ, ұ, і…) frequent, as Russian never has them."""
    sample = text[:4000]
    cyrillic = len(_CYRILLIC_RE.findall(sample))
    return cyrillic >= 20 and len(_KAZAKH_LETTERS_RE.findall(sample)) * 100 >= cyrillic


_TITLE_STEMS = tuple(sorted(set(_TITLES.values()) | {"елші", "басшы"}))
_PATRONYMIC_RE = re.compile(r"(?:ұлы|улы|қызы|кызы|ович|евич|овна|евна)$")


def _name_word(word: str) -> bool:
    """A capitalised word that can be part of a name: not a title ("Президентімен")."""
    return re.fullmatch(_NAME_WORD, word) is not None and not word.lower().startswith(_TITLE_STEMS)


def _bare(word: str) -> str:
    """A name's last word without the ending glued to it: Тоқаевтың -> Тоқаев."""
    match = re.fullmatch(rf"(.+?(?:ов|ев|ин|ын|ұлы|улы|қызы|кызы)){ENDINGS}", word)
    # A bare -а, -е or -н is a woman's surname (Назарбаева) or part of the name, not a case.
    if match and len(match.group(1)) >= 4 and word[len(match.group(1)) :] not in {"а", "е", "н"}:
        return match.group(1)
    other = re.fullmatch(rf"(.{{3,}}?)(?:{_GENITIVE}|ға|ге|қа|ке|пен|бен|мен)", word)
    return other.group(1) if other else word


def _clean(words: list[str]) -> str:
    return people.clean_name(" ".join([*words[:-1], _bare(words[-1])]))


class _Text:
    """A text as words and punctuation, with where each starts and ends."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.items = [(m.group(0), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]

    def word(self, i: int) -> str:
        return self.items[i][0] if 0 <= i < len(self.items) else ""

    def name_at(self, i: int) -> int:
        """How many words make a name at word ``i``: a given name and a surname, with a
        patronymic between ("Қасым-Жомарт Кемелұлы Тоқаев"); a surname alone (after a
        title); 0 for a title or a word in lower case."""
        if not _name_word(self.word(i)):
            return 0
        if _SURNAME_RE.search(_bare(self.word(i))) or not _name_word(self.word(i + 1)):
            return 1
        if _PATRONYMIC_RE.search(self.word(i + 1)) and _name_word(self.word(i + 2)):
            return 3
        second, third = self.word(i + 1), self.word(i + 2)
        if (
            _name_word(third)
            # "Нұрлан Әбенов" and "Эммануэль Макронмен" end there
            and not _SURNAME_RE.search(_bare(second))
            and _bare(second) == second
            and not _CASE_ENDING_RE.search(third)
            and third.lower() not in _TITLES
            and not places.find_kazakh_places(third)
        ):
            return 3  # "Саджид Ахмад Малик": a foreign name of three words
        return 2

    def role_before(self, i: int) -> tuple[str, int] | None:
        """(role, first word) when the words before ``i`` end in a title ("Сыртқы істер
        министрі"): the role runs back over at most four words, to punctuation, another
        title or a name."""
        title = self.word(i - 1)
        if title.lower() not in _TITLES or i < 1:
            return None
        if not re.fullmatch(r"[ \t]+", self.text[self.items[i - 1][2] : self.items[i][1]]):
            return None  # "Президент • 24 Қазан", or a title that ends a line: no name's
        start = i - 1
        while start > 0 and i - start < 5:
            before = self.word(start - 1)
            if (
                not re.fullmatch(r"[\w-]+", before)
                or before.lower() in _TITLES
                or before.lower() in _FUNCTION_WORDS
                or _SURNAME_RE.search(_bare(before))
                # "Франция Президенті": a capital title takes only the capitals before it;
                # "Сыртқы істер министрі" runs back over nouns, not over a verb's forms.
                or (title[0].isupper() and not before[0].isupper())
                or _NOT_ROLE_RE.search(before)
            ):
                break
            start -= 1
        return " ".join(w for w, _, _ in self.items[start:i]), start


def _people(text: str) -> list[tuple[str, str, int, int, bool]]:
    """(name, role, start, end, titled) for every titled name and full name in a text."""
    tokens = _Text(text)
    out = []
    i = 0
    while i < len(tokens.items):
        n = tokens.name_at(i)
        if n >= 1:
            role = tokens.role_before(i)
            words = [w for w, _, _ in tokens.items[i : i + n]]
            if role is None and n >= 2 and not _SURNAME_RE.search(_bare(words[-1])):
                i += n
                continue
            if role is not None or n >= 2:
                name = "" if _institution(words) else _clean(words)
                if name and places.normalise_country(name) is None:  # "… басшысы Франция"
                    start, end = tokens.items[i][1], tokens.items[i + n - 1][2]
                    out.append((name, role[0] if role else "", start, end, role is not None))
            i += n
            continue
        i += 1
    return out


def find_mentions(text: str) -> list[Mention]:
    """People named with a title ("Президент Қасым-Жомарт Тоқаев") or in full."""
    return [Mention(name, role, s, e, titled) for name, role, s, e, titled in _people(text)]


def find_roster(text: str) -> list[Mention]:
    """People introduced with a role: "Сыртқы істер министрі Мұрат Нұртлеу"."""
    out: dict[str, Mention] = {}
    for name, role, start, end, _ in _people(text):
        if role and len(name.split()) >= 2:
            out.setdefault(name, Mention(name, role, start, end, True, True))
    return sorted(out.values(), key=lambda m: m.start)


def _who(words: str, doc_people: DocPeople) -> str | None:
    """The person a cue's words name: a name (its ending cut), or a title the text
    introduced someone with ("Мемлекет басшысы", "Министр")."""
    words = words.strip()
    key = words.lower()
    if key in _LEAD_REFS:
        return doc_people.by_role(_LEAD_REFS[key])
    if key in _TITLES:
        return doc_people.by_role(_TITLES[key]) or _by_title(_TITLES[key], doc_people)
    parts = words.split()
    name = _clean(parts)
    if (
        not name
        or parts[0].lower() in _FUNCTION_WORDS
        or _institution(parts)
        or places.find_places(name)
    ):
        return None  # "Бүгін Пәкістан Ислам …": a sentence's first words, not a name
    resolved = doc_people.resolve(name)
    if len(parts) >= 2 or doc_people.known(resolved):
        return resolved
    return None


def _by_title(title: str, doc_people: DocPeople) -> str | None:
    """The one person the text introduced with a role that ends in ``title``, in whatever
    possessive form ("Пәкістан … елшісі" for "елші", "дипломат")."""
    hits = [
        name
        for name, role in doc_people.roles.items()
        if role and _TITLES.get(role.split()[-1].lower()) == title
    ]
    return hits[0] if len(hits) == 1 else None


_WHO = (
    rf"(?:[Мм]емлекет\s+басшысы|{_NAME}|{_NAME_WORD}|[Пп]резидент|[Мм]инистр|[Дд]ипломат"
    r"|[Ее]лші)"
)
# "…», – деді Қасым-Жомарт Тоқаев." and "…, – деп атап өтті министр."
_VERB_FIRST_RE = re.compile(
    rf"[,»\"”]\s*[–—-]?\s*(?P<verb>деді|деп\s+(?:{_VERBS}))\s+(?P<who>{_WHO})(?=[\s.,!?]|$)"
)
# "Тоқаевтың айтуынша, …": according to X.
_ACCORDING_RE = re.compile(rf"(?P<who>{_WHO})\s+(?:айтуынша|сөзінше|пікірінше)")
# "Мемлекет басшысы … маңызын атап өтті." The speaker opens the sentence, the verb ends it.
_SENTENCE_CUE_RE = re.compile(
    rf"^\s*(?:(?:Сондай-ақ|Сонымен\s+қатар|Өз\s+кезегінде),?\s+)?(?P<who>Ол|{_WHO})\s"
    rf"[^.!?]*?(?P<verb>{_VERBS})\s*[.!?]?\s*$"
)

# "Бұл туралы … хатшысы Айдар Сапаров баяндады." The speaker's name right before the verb
# that ends the sentence, in the nominative (an object there has a case ending).
_NAME_BEFORE_VERB_RE = re.compile(rf"(?<![\w-])(?P<who>{_NAME})\s+(?P<verb>{_VERBS})\s*[.!?]?\s*$")


def passage_cues(text: str, doc_people: DocPeople) -> list[tuple[int, str, str]]:
    """(position, speaker, cue text) for every speech cue in a passage, in text order."""
    found: dict[int, tuple[int, str, str]] = {}
    for kind, pattern in (("verb before speaker", _VERB_FIRST_RE), ("according to", _ACCORDING_RE)):
        for match in pattern.finditer(text):
            who = match.group("who")
            if kind == "according to":
                # the genitive ending is on the name: "Тоқаевтың айтуынша"
                who = re.sub(rf"(?:{_GENITIVE})$", "", who)
            speaker = _who(who, doc_people)
            if speaker:
                start = match.start()
                words = match.group(0).strip(' \t\n,»"”–—-')
                found.setdefault(start, (start, speaker, f"{kind}: {words}"))
    previous = ""
    for start, body in _sentences(text):
        cue = _SENTENCE_CUE_RE.match(body)
        if cue and not any(start <= k < start + len(body) for k in found):
            who = cue.group("who")
            # "Ол … атап өтті": whoever opened the sentence before ("он" in Russian).
            speaker = _opener(previous, doc_people) if who == "Ол" else _who(who, doc_people)
            if speaker:
                words = f"speaker before verb: {who} … {cue.group('verb')}"
                found.setdefault(start, (start, speaker, words))
        last = _NAME_BEFORE_VERB_RE.search(body)
        if last and not any(start <= k < start + len(body) for k in found):
            surname = last.group("who").split()[-1]
            speaker = _who(last.group("who"), doc_people)
            if speaker and _bare(surname) == surname and not re.search("(?:ны|ні)$", surname):
                words = f"speaker before verb: {last.group('who')} {last.group('verb')}"
                found.setdefault(start, (start, speaker, words))
        previous = body
    return [found[k] for k in sorted(found)]


def _opener(sentence: str, doc_people: DocPeople) -> str | None:
    """The person a sentence opens with: its first name, within its first five words."""
    opening = " ".join(sentence.split()[:5])
    named = _people(sentence)
    if named and named[0][2] < len(opening):
        return doc_people.resolve(named[0][0])
    return None


def _sentences(text: str) -> list[tuple[int, str]]:
    starts = [0, *(m.end() for m in _SENTENCE_RE.finditer(text))]
    ends = [*(m.start() for m in _SENTENCE_RE.finditer(text)), len(text)]
    return [(a, text[a:b]) for a, b in zip(starts, ends, strict=True) if text[a:b].strip()]


def speech_author(doc: Document) -> tuple[str, str, str] | None:
    """Kazakh speeches are attributed by their metadata or by the cues in them."""
    return None


def mentions_surname(text: str, full: str) -> bool:
    """Whether a passage names a person by surname, with any ending (Тоқаев, Тоқаевтың)."""
    surname = surname_of(full)
    if not surname or surname[:4] not in text:
        return False
    return re.search(rf"(?<![\w-]){re.escape(surname)}{ENDINGS}(?![\w-])", text) is not None
