"""People in Russian-language texts: names declined by case, titles and speech cues.

Kazakh and Russian sources write "Касым-Жомарт Токаев принял министра иностранных дел
Мурата Нуртлеу" or "по словам Мурата Нуртлеу": titles are lower case and come before the
name, and names decline. A name is put back in the nominative from the case the title
before it (or the preposition) is in, with pymorphy3's dictionary and its guesses for
names it does not know, such as Kazakh surnames. The finders return what ``mentions``
returns for English, so ``extract`` combines them in the same way; ``people`` transliterates
Cyrillic, so Токаев and Tokayev are one person across the corpus.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from . import people
from .document import Document
from .mentions import BYLINE_LINES, DocPeople, Mention, byline_lines, surname_of

__all__ = [
    "find_mentions",
    "find_roster",
    "is_russian",
    "is_word",
    "mentions_surname",
    "passage_cues",
    "same_forms",
    "speech_author",
]

_UP = "А-ЯЁӘҒҚҢӨҰҮҺІ"
_LOW = "а-яёәғқңөұүһі"
_INITIALS_RE = re.compile(rf"[{_UP}]\.(?:-?[{_UP}]\.)*")  # "К.-Ж.", "Е."
# Initials before a name, or after a surname as official texts write it ("Токаев К.К.").
_TOKEN_RE = re.compile(
    rf"(?<=[{_LOW}] ){_INITIALS_RE.pattern}|{_INITIALS_RE.pattern}(?=\s*[{_UP}])"
    rf"|[{_UP}{_LOW}A-Za-z]+(?:-[{_UP}{_LOW}A-Za-z]+)*"
    r"|[,—–:;.!?«»\"()]"
)
_CAPITAL_RE = re.compile(rf"[{_UP}][{_LOW}]+(?:-[{_UP}]?[{_LOW}]+)*")
# РК, МИД, ООН, ЕС; and declined as nouns are: "представитель МИДа", "главой МИДа".
_ABBREVIATION_RE = re.compile(rf"[{_UP}]{{2,}}(?:а|у|ом|е)?")

# Titles by their dictionary form; "г-н"/"г-жа" do not decline in writing.
_TITLES = {
    "президент",
    "премьер-министр",
    "вице-премьер",
    "министр",
    "вице-министр",
    "заместитель",
    "посол",
    "председатель",
    "спикер",
    "глава",
    "секретарь",
    "госсекретарь",
    "генсек",
    "пресс-секретарь",
    "советник",
    "помощник",
    "аким",
    "директор",
    "руководитель",
    "представитель",
    "сенатор",
    "депутат",
    "король",
    "эмир",
    "канцлер",
    "господин",
    "госпожа",
    "уполномоченный",
    "омбудсмен",
    "профессор",
    # professions that stand before a name as titles do: "сказал политолог Фикрет Садыков"
    "политолог",
    "эксперт",
    "аналитик",
    "экономист",
    "востоковед",
    "историк",
    "поверенный",
}
_HONORIFICS = {"г-н", "г-жа", "г-на", "г-ну", "г-жи", "гн", "гжа"}
# Words that qualify a title and decline with it: "первый заместитель", "чрезвычайный посол".
_QUALIFIERS = {
    "первый",
    "генеральный",
    "чрезвычайный",
    "полномочный",
    "постоянный",
    "официальный",
    "специальный",
    "исполнительный",
    "государственный",
    "временный",
    "военный",
    "независимый",
}
_SPEECH_VERBS = {
    "заявить",
    "сказать",
    "отметить",
    "подчеркнуть",
    "сообщить",
    "добавить",
    "указать",
    "пояснить",
    "заверить",
    "призвать",
    "выразить",
    "доложить",
    "проинформировать",
    "констатировать",
    "напомнить",
    "акцентировать",
    "резюмировать",
    "высказать",
    "предложить",
    "поручить",
    "считать",
    "говорить",
    "заключить",
    "подтвердить",
    "ответить",
    "уточнить",
    "прокомментировать",
    "осудить",
    "выступить",
    "коснуться",
    "поблагодарить",
    "поздравить",
    "раскритиковать",
    "пошутить",
}
# Words between a speaker and the verb: "также", ", в свою очередь,", ", со своей стороны,".
_ASIDES = {"также", "ещё", "еще", "вновь", "особо", "отдельно", "затем"}
_ASIDES |= {"в", "свою", "очередь", "со", "своей", "стороны"}
# … and where: "в своем выступлении", "в ходе брифинга", "на пресс-конференции".
_ASIDES |= {"своем", "своём", "выступлении", "речи", "ходе", "брифинга", "брифинге", "на"}
_ASIDES |= {"интервью", "пресс-конференции"}
_COMPLEMENT_WORDS = {"по", "и", "при", "в", "делам"}  # "по делам", "при Президенте"
_CASE_ENDINGS = r"(?:а|я|у|ю|ом|ем|ым|им|ой|ей|е|ы|и|ую)?"
_SURNAME_SHAPE = re.compile(
    rf"[{_UP}][{_LOW}]+(?:(?:ов|ев|ёв|ин|ын)(?:а|у|ым|ой|е|ою)?|(?:ск|цк)(?:ий|ая|ого|ому|им|ом|ой|ую)"
    rf"|улы|ұлы|кызы|қызы)"
)


@lru_cache(maxsize=1)
def _morph() -> Any:
    import pymorphy3  # loaded only when a text in Russian is read

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=1 << 15)
def _parses(word: str) -> tuple[Any, ...]:
    return tuple(_morph().parse(word))


@lru_cache(maxsize=1 << 15)
def _known(word: str) -> bool:
    """Whether the dictionary has the word (not a guess from its ending)."""
    return any(p.is_known for p in _parses(word))


def is_word(word: str) -> bool:
    """Whether a lower-case Cyrillic word is a Russian word the dictionary knows: for
    spelling suggestions, which otherwise see only stems."""
    return _known(word)


def is_russian(text: str) -> bool:
    """Whether a text is written mostly in Cyrillic, and in Russian: Kazakh, whose own
    letters (ә, қ, ұ…) are frequent, is left alone rather than read with Russian rules."""
    sample = text[:4000]
    cyrillic = len(re.findall(rf"[{_UP}{_LOW}]", sample))
    kazakh = len(re.findall(r"[ӘҒҚҢӨҰҮҺІәғқңөұүһі]", sample))
    return (
        cyrillic >= 20
        and cyrillic > 3 * len(re.findall(r"[A-Za-z]", sample))
        and kazakh * 100 < cyrillic
    )


def _lemma(word: str) -> str:
    parses = _parses(word.lower())
    return parses[0].normal_form if parses else word.lower()


def _title_lemma(word: str) -> str | None:
    low = word.lower()
    if low in _HONORIFICS:
        return "г-н" if low.startswith("г-н") or low == "гн" else "г-жа"
    for parse in _parses(low):
        if parse.normal_form in _TITLES and "NOUN" in parse.tag:
            return str(parse.normal_form)
    return None


def _cases(word: str, lemma: str) -> set[str]:
    """The grammatical cases a title word can be in ("министра": genitive or accusative)."""
    if word.lower() in _HONORIFICS:
        return {"nomn"} if word.lower() in {"г-н", "г-жа", "гн", "гжа"} else {"gent", "datv"}
    return {str(p.tag.case) for p in _parses(word.lower()) if p.normal_form == lemma}


@lru_cache(maxsize=1 << 15)
def _is_person_word(word: str) -> bool:
    """A capitalised word that can be part of a person's name: a given name, surname or
    patronymic, or a word the dictionary does not know (most Kazakh surnames)."""
    if not _CAPITAL_RE.fullmatch(word):
        return False
    parses = _parses(word.lower())
    if any({"Name", "Surn", "Patr"} & p.tag.grammemes for p in parses):
        return True
    if any({"Geox", "Orgn", "Trad"} & p.tag.grammemes for p in parses):
        return False
    # Surnames the dictionary reads as something else: Токаев is not the wine's genitive.
    return _SURNAME_SHAPE.fullmatch(word) is not None or not _known(word.lower())


def _agrees_with_noun(word: str, following: str) -> bool:
    """Whether ``word`` can be an adjective of the capitalised noun after it ("Российской
    Федерации"), as a surname in -ской before a noun cannot."""
    if not _CAPITAL_RE.fullmatch(following):
        return False
    nouns = [p.tag for p in _parses(following.lower()) if p.tag.POS == "NOUN"]
    nouns = [n for n in nouns if n.animacy == "inan" and not {"Name", "Surn"} & n.grammemes]
    return any(
        a.tag.POS == "ADJF"
        and n.case == a.tag.case
        and (n.number == a.tag.number == "plur" or n.gender == a.tag.gender)
        for a in _parses(word.lower())
        for n in nouns
    )


_ALL_CASES = {"nomn", "gent", "datv", "accs", "ablt", "loct"}
# Surname endings by case, for surnames the dictionary reads as other words (masculine).
_SURNAME_CASES = {"gent": "а", "accs": "а", "datv": "у", "ablt": "ым", "loct": "е"}


def _given_name(word: str) -> bool:
    return any("Name" in p.tag.grammemes for p in _parses(word.lower()))


def _surname_word(word: str) -> bool:
    """A capitalised noun that is not a place or an organisation."""
    parses = _parses(word.lower())
    return (
        _CAPITAL_RE.fullmatch(word) is not None
        and any("NOUN" in p.tag for p in parses)
        and not any({"Geox", "Orgn"} & p.tag.grammemes for p in parses)
    )


def _initials_first(words: list[str]) -> list[str]:
    """Initials after a surname ("Токаев К.К.") read in front of it."""
    if len(words) > 1 and _INITIALS_RE.fullmatch(words[-1]):
        return [words[-1], *words[:-1]]
    return words


def _nominative(words: list[str], cases: set[str]) -> str:
    return _nominative_of(tuple(_initials_first(words)), frozenset(cases))


@lru_cache(maxsize=1 << 14)
def _nominative_of(words: tuple[str, ...], cases: frozenset[str]) -> str:
    """A name's words put in the nominative, read in the case and gender they all agree on.
    The reading in which most words are names the dictionary knows wins ("Ержана
    Ашикбаева" is Ержан Ашикбаев's genitive, not a woman's name); then the nominative,
    then the masculine."""
    order = [case for case in ("nomn", "gent", "accs", "datv", "ablt", "loct") if case in cases]
    best: tuple[int, list[str]] | None = None
    for case in order:
        for gender in ("masc", "femn"):
            read = _reading(words, case, gender)
            if read is None:
                continue
            known = sum(k for _, k in read)
            if best is None or known > best[0]:
                best = (known, [w for w, _ in read])
    return people.clean_name(" ".join(best[1] if best else words))


def _reading(words: Sequence[str], case: str, gender: str) -> list[tuple[str, bool]] | None:
    """Each word of a name in the nominative, read in one case and gender, with whether the
    dictionary knows it as a name; None when a word cannot be read so."""
    read = [
        _word_nominative(word, case, gender, last=k == len(words) - 1 and k > 0)
        for k, word in enumerate(words)
    ]
    return None if any(r is None for r in read) else [r for r in read if r is not None]


def _in_other_case(words: list[str], cases: set[str]) -> bool:
    """Whether the dictionary reads a name in another case, and never in one of ``cases``
    ("Сергеем Лавровым" is instrumental; "Эммануэль Макрон", unknown, may be anything)."""
    words = _initials_first(words)

    def can_be(case: str) -> bool:
        return any(_reading(words, case, gender) is not None for gender in ("masc", "femn"))

    return not any(map(can_be, cases)) and any(map(can_be, _ALL_CASES - cases))


def _word_nominative(
    word: str, case: str, gender: str, last: bool = False
) -> tuple[str, bool] | None:
    """One word of a name in the nominative, if it can be in ``case`` and ``gender``, and
    whether the dictionary knows it as a name. A surname after given names (``last``) may
    be any noun: Макроном, Колонна."""
    if _INITIALS_RE.fullmatch(word):
        return word, False
    for parse in _parses(word.lower()):
        tag = parse.tag
        if tag.case != case or tag.gender not in (gender, None) or "plur" in tag:
            continue
        person = bool({"Name", "Surn", "Patr"} & tag.grammemes)
        if not (person or not _known(word.lower()) or last and "NOUN" in tag):
            continue
        found = parse if "Fixd" in tag.grammemes else parse.inflect({"nomn"})
        if found is not None:
            return _capitalise(str(found.word)), person
    if _SURNAME_SHAPE.fullmatch(word) and gender == "masc":
        ending = _SURNAME_CASES.get(case, "")
        if case == "nomn" and re.search(r"(?:ов|ев|ёв|ин|ын|ий|улы|ұлы)$", word):
            return word, False
        stem = word[: -len(ending)] if ending and word.endswith(ending) else ""
        if re.search(r"(?:ов|ев|ёв|ин|ын)$", stem):
            return stem, False
    if _indeclinable(word) and not _known(word.lower()):
        return word, False
    return None


def _indeclinable(word: str) -> bool:
    """Whether a name's ending reads as one that does not decline (Нуртлеу, Шевченко,
    Дзюнъити): a guess for words the dictionary does not know."""
    return not re.search(r"[аяуюеиоыйьвнм]$", word.lower()) or word.lower().endswith(
        ("ко", "ых", "их", "у", "ю", "и", "э", "о")
    )


def _capitalise(word: str) -> str:
    return "-".join(part[:1].upper() + part[1:] for part in word.split("-"))


class _Tokens:
    """A text's words with their offsets, for scanning titles, names and verbs."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.items = [(m.group(0), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]

    def __len__(self) -> int:
        return len(self.items)

    def words(self, i: int, j: int) -> list[str]:
        return [item[0] for item in self.items[i:j]]

    def word(self, i: int) -> str:
        return self.items[i][0] if 0 <= i < len(self.items) else ""

    def name_at(self, i: int) -> int:
        """How many words from ``i`` make a name: up to three person words on one line."""
        n = 0
        while _INITIALS_RE.fullmatch(self.word(i + n)) and n < 2:
            n += 1  # "К.-Ж. Токаев", "Е. Ашикбаев": initials before a surname
        if n and not _is_person_word(self.word(i + n)):
            return 0
        while n < 3:
            word = self.word(i + n)
            # After a given name, a surname that is also a word: Эммануэль Макрон, Катрин Колонна.
            surname = n > 0 and _given_name(self.word(i + n - 1)) and _surname_word(word)
            if not (_is_person_word(word) or surname):
                break
            if n and "\n" in self.text[self.items[i + n - 1][2] : self.items[i + n][1]]:
                break
            n += 1
        # "Токаев К.К.": initials after the surname, on its line.
        if (
            n
            and not _INITIALS_RE.fullmatch(self.word(i))
            and _INITIALS_RE.fullmatch(self.word(i + n))
            and "\n" not in self.text[self.items[i + n - 1][2] : self.items[i + n][1]]
        ):
            n += 1
        return n

    def role_at(self, i: int) -> tuple[str, set[str], int] | None:
        """A title at ``i`` with its qualifiers and complement ("министра иностранных дел
        Республики Казахстан"): (role in the nominative, the title's cases, words used)."""
        j = i
        qualifiers = []
        while _lemma(self.word(j)) in _QUALIFIERS or self.word(j).lower().startswith("вице-"):
            if _title_lemma(self.word(j)):
                break
            qualifiers.append(j)
            j += 1
            if self.word(j) == "и" and _lemma(self.word(j + 1)) in _QUALIFIERS:
                qualifiers.append(j)  # "Чрезвычайным и Полномочным Послом"
                j += 1
        lemma = _title_lemma(self.word(j))
        if lemma is None:
            return None
        cases = _cases(self.word(j), lemma)
        head = j
        j += 1
        # The complement: genitive words, lower case or a place or an abbreviation.
        while j < len(self) and j - head <= 8 and self.same_line(head, j):
            word = self.word(j)
            if word.lower() in _COMPLEMENT_WORDS or _ABBREVIATION_RE.fullmatch(word):
                j += 1
                continue
            # Genitive words ("иностранных дел"), or any after "по" ("по особым поручениям").
            after_po = "по" in (w.lower() for w in self.words(head + 1, j))
            wanted = {"gent", "datv", "loct"} if after_po else {"gent"}
            if word[:1].islower() and any(p.tag.case in wanted for p in _parses(word)):
                j += 1
                continue
            if _CAPITAL_RE.fullmatch(word) and (
                not _is_person_word(word) or _agrees_with_noun(word, self.word(j + 1))
            ):
                j += 1  # "Посол Российской Федерации": an adjective, not a surname in -ской
                continue
            if _CAPITAL_RE.fullmatch(word) and self.name_at(j) and self.name_at(j + 1) >= 2:
                j += 1  # "Республики Казахстан Касым-Жомарт Токаев": a place before a name
                continue
            break
        while j > head + 1 and self.word(j - 1).lower() in _COMPLEMENT_WORDS:
            j -= 1
        words = [self.word(k) for k in (*qualifiers, head)]
        nominative = [_inflect_common(w, cases) for w in words]
        tail = [self.word(k) for k in range(head + 1, j)]
        role = " ".join([*nominative, *tail])
        return role[:1].upper() + role[1:], cases, j - i

    def same_line(self, i: int, j: int) -> bool:
        """Whether words ``i`` to ``j`` stand on one line: names and roles never run on."""
        if j >= len(self.items):
            return False
        return "\n" not in self.text[self.items[i][1] : self.items[j][1]]

    def span(self, i: int, n: int) -> tuple[int, int]:
        return self.items[i][1], self.items[i + n - 1][2]


def _inflect_common(word: str, cases: set[str]) -> str:
    return _inflected(word, frozenset(cases))


@lru_cache(maxsize=1 << 14)
def _inflected(word: str, cases: frozenset[str]) -> str:
    """A title word in the nominative ("министра" -> "министр")."""
    if word.lower() in _HONORIFICS:
        return word
    for parse in _parses(word.lower()):
        if parse.tag.case in cases:
            found = parse.inflect({"nomn"})
            if found is not None:
                return str(found.word)
    return word.lower()


def _people_in(tokens: _Tokens) -> list[tuple[int, int, str, str, bool]]:
    """(first word, words, name, role, titled) for every person the text names with a
    title or honorific, or as a full name the dictionary knows as one."""
    out = []
    i = 0
    while i < len(tokens):
        role = tokens.role_at(i)
        if role is not None:
            title, cases, used = role
            n = tokens.name_at(i + used) if tokens.same_line(i, i + used) else 0
            if n == 1 and title.lower() == "глава" and not _is_name(tokens.word(i + used)):
                n = 0  # "глава Кабмина", "глава Минфина": the head of an institution
            if n:
                name = _nominative(tokens.words(i + used, i + used + n), cases)
                honorific = title.lower() in {"г-н", "г-жа", "господин", "госпожа"}
                out.append((i, used + n, name, "" if honorific else title, True))
                i += used + n
                continue
        n = tokens.name_at(i)
        words = tokens.words(i, i + n)
        if tokens.word(i - 1).lower() == "имени" or tokens.words(i - 2, i) == ["им", "."]:
            i += max(n, 1)  # "Фонд им. А. М. Горского": named after him, not naming him
            continue
        if n >= 2 and _full_name(words):
            out.append((i, n, _nominative(words, _ALL_CASES), "", False))
            i += n
            continue
        i += 1
    # An untitled name read as the titled one it can be: "по словам Токаева К.К." is
    # President Токаев's genitive, not a woman Токаева.
    titled = {name for *_, name, _, was_titled in out if was_titled}
    for k, (i, n, name, _, was_titled) in enumerate(out):
        if not was_titled and name not in titled:
            words = tokens.words(i, i + n)
            readings = (_nominative(words, {case}) for case in sorted(_ALL_CASES))
            out[k] = (i, n, next((r for r in readings if r in titled), name), "", False)
    return out


def same_forms(names: list[str]) -> dict[str, str]:
    """Names of one text read in the case that makes them another of its names: a passage
    with only "по словам Касым-Жомарта Токаева" reads the genitive as a woman's nominative,
    which the text's "Касым-Жомарт Токаев" shows it is not."""
    written = set(names)
    out = {}
    for name in written:
        readings = (_nominative(name.split(), {case}) for case in sorted(_ALL_CASES))
        other = next((r for r in readings if r != name and r in written), None)
        if other:
            out[name] = other
    return out


def _is_name(word: str) -> bool:
    """Whether a word is a given name or surname: the dictionary knows it as one, or it has
    the commonest surnames' ending (Токаев, which the dictionary reads as a wine's)."""
    if re.fullmatch(rf"[{_UP}][{_LOW}]+(?:ов|ев|ёв)(?:а|у|ым|ой|е)?", word):
        return True
    return any({"Name", "Surn"} & p.tag.grammemes for p in _parses(word.lower()))


def _full_name(words: list[str]) -> bool:
    """Given name (or initials) and surname: the dictionary knows the first as a given
    name and the last as a surname, or the last has a surname's ending or is unknown."""
    words = _initials_first(words)
    first = _parses(words[0].lower())
    last = _parses(words[-1].lower())
    given = _INITIALS_RE.fullmatch(words[0]) is not None or any(
        "Name" in p.tag.grammemes for p in first
    )
    surname = (
        any("Surn" in p.tag.grammemes for p in last)
        or _SURNAME_SHAPE.fullmatch(words[-1]) is not None
        or not _known(words[-1].lower())
    )
    return given and surname


def find_mentions(text: str) -> list[Mention]:
    """People named with a title or honorific ("министра Мурата Нуртлеу"), or in full."""
    tokens = _Tokens(text)
    out = []
    for i, n, name, role, titled in _people_in(tokens):
        if name:
            start, end = tokens.span(i, n)
            out.append(Mention(name, role, start, end, titled))
    return out


def find_roster(text: str) -> list[Mention]:
    """People introduced with a role: "министр иностранных дел Мурат Нуртлеу", "Мурат
    Нуртлеу, министр иностранных дел". Each name once, first introduction wins."""
    tokens = _Tokens(text)
    out: dict[str, Mention] = {}
    for i, n, name, role, _ in _people_in(tokens):
        start, end = tokens.span(i, n)
        if not role and tokens.word(i + n) == ",":
            after = tokens.role_at(i + n + 1)
            if after is not None:
                role = after[0]
        if role and len(name.split()) >= 2:
            # Introduced as a participant, in the nominative ("спикерами выступили министр
            # X"), not named in passing in another case ("видением Президента Касым-Жомарта
            # Токаева", "реформ, объявленных Президентом Касым-Жомартом Токаевым").
            title = tokens.role_at(i)
            listed = title is None or "nomn" in title[1]
            out.setdefault(name, Mention(name, role, start, end, True, listed))
    return sorted(out.values(), key=lambda m: m.start)


def _speech_verb(word: str) -> bool:
    """A speech verb in the past or present: заявил, отметила, считает."""
    return any(
        p.normal_form in _SPEECH_VERBS and "VERB" in p.tag and ("past" in p.tag or "pres" in p.tag)
        for p in _parses(word.lower())
    )


def _who(tokens: _Tokens, i: int, cases: set[str], doc_people: DocPeople) -> tuple[str | None, int]:
    """The person named from word ``i`` on, in ``cases``: a titled name, a name, or a
    title alone resolved through the document's roles ("Министр" -> Мурат Нуртлеу)."""
    role = tokens.role_at(i)
    if role is not None and not role[1] & cases:
        return None, 0  # "с главой МИД России Сергеем Лавровым заявил": not the subject
    used = role[2] if role else 0
    n = tokens.name_at(i + used) if tokens.same_line(i, i + used) else 0
    if n and role is None and _in_other_case(tokens.words(i, i + n), cases):
        return None, 0  # "… Сергеем Лавровым заявил": a name, but not in the subject's case
    if n:
        words = tokens.words(i + used, i + used + n)
        name = _nominative(words, role[1] if role else cases)
        if role is None and n == 1 and not doc_people.known(doc_people.resolve(name)):
            surname = _nominative(words, cases | {"nomn"})
            resolved = doc_people.resolve(surname)
            return (resolved if doc_people.known(resolved) else None), n
        return doc_people.resolve(name), used + n
    if role is not None:
        title = role[0]
        # A bare title is a reference to whoever the text introduced with it.
        return doc_people.by_role(title), used
    return None, 0


def passage_cues(text: str, doc_people: DocPeople) -> list[tuple[int, str, str]]:
    """(position, speaker, cue text) for every speech cue in a passage, in text order:
    "X заявил", "— сказал X", "по словам X"."""
    tokens = _Tokens(text)
    found: dict[int, tuple[int, str, str]] = {}
    for i in range(len(tokens)):
        word = tokens.word(i)
        low = word.lower()
        if low in ("по", "в") and tokens.word(i + 1).lower() in ("словам", "выступлении"):
            # "по словам X", and "в выступлении X" (in X's speech)
            speaker, used = _who(tokens, i + 2, {"gent"}, doc_people)
            if speaker:
                start, end = tokens.span(i, used + 2)
                found.setdefault(start, (start, speaker, f"according to: {text[start:end]}"))
            continue
        if low == "текст" and _lemma(tokens.word(i + 1)) in _SPEECH_WORDS:
            # "публикует полный текст выступления Президента": the speech follows
            speaker, used = _who(tokens, i + 2, {"gent"}, doc_people)
            if speaker:
                start, end = tokens.span(i, used + 2)
                found.setdefault(start, (start, speaker, f"speech text: {text[start:end]}"))
            continue
        if not _speech_verb(word):
            continue
        # Verb before speaker: "«…», — заявил Президент", "как отметил министр X", and
        # near a sentence's start: "Об этом заявил министр X", "С докладом выступил X".
        before = tokens.word(i - 1)
        opening = any(tokens.word(k) in _SENTENCE_ENDS or k < 0 for k in range(i - 3, i))
        if before in {",", "—", "–", ":"} or before.lower() == "как" or opening:
            speaker, used = _who(tokens, i + 1, {"nomn"}, doc_people)
            if speaker:
                start, end = tokens.span(i, used + 1)
                found.setdefault(start, (start, speaker, f"verb before speaker: {text[start:end]}"))
                continue
        # Speaker before verb: "Мурат Нуртлеу заявил", "Министр также отметил".
        j = i - 1
        while j >= 0 and (tokens.word(j).lower() in _ASIDES or tokens.word(j) == ","):
            j -= 1
        if tokens.word(j) in ("Он", "Она"):  # "Он добавил": who opened the sentence before
            speaker = _previous_subject(tokens, j, doc_people)
            if speaker:
                start, end = tokens.items[j][1], tokens.items[i][2]
                found.setdefault(start, (start, speaker, f"pronoun: {text[start:end]}"))
            continue
        if tokens.word(j) in ("он", "она") and tokens.word(j - 1) in ("—", "–"):
            # "X начал заседание с короткого выступления – он сообщил, что …": the
            # subject that opened this sentence.
            opener = max((k + 1 for k in range(j) if tokens.word(k) in _SENTENCE_ENDS), default=0)
            speaker, _ = _who(tokens, opener, {"nomn"}, doc_people)
            if speaker:
                start, end = tokens.items[j][1], tokens.items[i][2]
                found.setdefault(start, (start, speaker, f"pronoun: {text[start:end]}"))
            continue
        for first in range(max(0, j - 11), j + 1):
            speaker, used = _who(tokens, first, {"nomn"}, doc_people)
            if speaker and first + used == j + 1:
                start = tokens.items[first][1]
                end = tokens.items[i][2]
                found.setdefault(start, (start, speaker, f"speaker before verb: {text[start:end]}"))
                break
    return [found[k] for k in sorted(found)]


_SENTENCE_ENDS = {".", "!", "?"}


def _previous_subject(tokens: _Tokens, pronoun: int, doc_people: DocPeople) -> str | None:
    """The person who opens the sentence before a pronoun's ("Министр Мурат Нуртлеу провел
    встречу. Он отметил …"), passing over a quotation between them; None when that
    sentence opens with anything else, or with two people ("X и Y")."""
    ends = [k for k in range(pronoun) if tokens.word(k) in _SENTENCE_ENDS]
    if not ends or ends[-1] != pronoun - 1:
        return None  # the pronoun does not open a sentence
    bounds = [-1, *ends]
    for back in range(len(bounds) - 1, 0, -1):
        first = bounds[back - 1] + 1
        if tokens.word(first) not in {"«", '"', "—", "–"}:
            break
    else:
        return None
    speaker, used = _who(tokens, first, {"nomn"}, doc_people)
    if speaker and tokens.word(first + used) == "и":
        return None
    if speaker is None:
        # "… в выступлении советника посольства Шамиля Стамбекова. Он отметил": the one
        # person that sentence names, when no person opens it.
        named = set()
        for k in range(first, pronoun):
            someone, _ = _who(tokens, k, _ALL_CASES, doc_people)
            if someone:
                named.add(someone)
        speaker = named.pop() if len(named) == 1 else None
    return speaker


# A speech's title: "Выступление Президента Республики Казахстан К.-Ж. Токаева на …".
_SPEECH_WORDS = {
    "выступление",
    "обращение",
    "заявление",
    "речь",
    "послание",
    "статья",
    "интервью",
    "приветствие",
    "доклад",
    "ответ",  # "Ответ официального представителя МИД … на вопрос СМИ"
    "комментарий",
    "брифинг",
    "лекция",
}


def speech_author(doc: Document) -> tuple[str, str, str] | None:
    """(name, role, cue) from a title such as "Выступление Президента … К.-Ж. Токаева на …":
    the speaker is named in the genitive right after the kind of speech."""
    first_line = doc.passages[0].text.split("\n", 1)[0] if doc.passages else ""
    for title in (doc.title, first_line):
        tokens = _Tokens(title or "")
        if not len(tokens) or _lemma(tokens.word(0)) not in _SPEECH_WORDS:
            continue
        role = tokens.role_at(1)
        used = role[2] if role else 0
        n = tokens.name_at(1 + used)
        if n:
            words = tokens.words(1 + used, 1 + used + n)
            name = _nominative(words, {"gent"})
            return name, role[0] if role else "", f"title: {title.strip()[:120]}"
    return _interviewee(doc) or _byline(doc)


# "Министр иностранных дел РК Ерлан Бекенов отвечает на вопросы читателей …"
_ANSWERS_RE = re.compile(
    r"^[ \t]*(?P<who>[^\n]{3,160}?)[ \t]+(?:отвечает|ответила?)[ \t]+на[ \t]+вопросы",
    re.MULTILINE,
)


# An official answers for the state: "мы", "наш".
_WE_RE = re.compile(
    r"(?<![\w-])(?:мы|нас|нам|нами|наш|наша|наше|наши|нашей|нашего|наших)(?![\w-])", re.I
)


def _interviewee(doc: Document) -> tuple[str, str, str] | None:
    """The subject of an interview whose introduction says they answer the questions."""
    top = "\n".join(doc.text.split("\n", BYLINE_LINES)[:BYLINE_LINES])
    found = _ANSWERS_RE.search(top)
    if found is None:
        return None
    tokens = _Tokens(found.group("who"))
    role = tokens.role_at(0)
    used = role[2] if role else 0
    n = tokens.name_at(used)
    if n < 2 or used + n != len(tokens) or not _full_name(tokens.words(used, used + n)):
        return None
    unquoted = _QUOTED_RE.sub(" ", doc.text)
    if len(_FIRST_PERSON_RE.findall(unquoted)) + len(_WE_RE.findall(unquoted)) < 2:
        return None  # a report of what someone answered, not the interview itself
    name = _nominative(tokens.words(used, used + n), {"nomn"})
    return name, role[0] if role else "", f"interview: {found.group(0).strip()[:120]}"


# An op-ed's byline: "Автор: Мурат Нуртлеу", or a line of a name and a role and nothing else
# ("Мурат Нуртлеу, министр иностранных дел Республики Казахстан"), in a text written in the
# first person outside quotations.
_AUTHOR_RE = re.compile(r"^\s*(?:Автор|Текст)\s*:\s*")
_QUOTED_RE = re.compile(r"[«\"“„][^«»\"“”„\n]{0,600}[»\"”“]")
_FIRST_PERSON_RE = re.compile(
    r"(?<![\w-])(?:я|меня|мне|мной|мой|моя|моё|мое|мои|моего|моей|моему|моим|моих|моём|моем)"
    r"(?![\w-])",
    re.IGNORECASE,
)


def _byline(doc: Document) -> tuple[str, str, str] | None:
    found = []
    for line in byline_lines(doc.text):
        author = _AUTHOR_RE.match(line)
        tokens = _Tokens(line[author.end() :] if author else line)
        n = tokens.name_at(0)
        if n < 2 or not _full_name(tokens.words(0, n)):
            continue
        roles, end = [], n
        while tokens.word(end) in (",", "–", "—", "-") and (role := tokens.role_at(end + 1)):
            roles.append(role[0])  # "заместитель премьер-министра – министр ..."
            end += 1 + role[2]
        # Nothing but the name and roles: a sentence that starts with them is news.
        if (author or roles) and all(w in ",.–—-" for w in tokens.words(end, len(tokens))):
            name = _nominative(tokens.words(0, n), {"nomn"})
            found.append((name, " – ".join(roles), f"byline: {line.strip()[:120]}"))
    if len(found) != 1:
        return None  # none, or the participants of an event
    unquoted = _QUOTED_RE.sub(" ", doc.text)
    return found[0] if len(_FIRST_PERSON_RE.findall(unquoted)) >= 2 else None


def mentions_surname(text: str, full: str) -> bool:
    """Whether a passage names a person by surname, in any case (Токаев, Токаева, Токаеву)."""
    stem = re.sub(r"[ая]$", "", surname_of(full))
    if not stem or stem[:4] not in text:
        return False
    return re.search(rf"(?<![\w-]){re.escape(stem)}{_CASE_ENDINGS}(?![\w-])", text) is not None
