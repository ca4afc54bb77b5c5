"""People in Kazakh-language texts: titles before names, endings on names, speech cues."""

from __future__ import annotations

from searchlib import extract, kazakh, places, russian
from searchlib.document import Document, Passage
from searchlib.mentions import DocPeople, Mention

MEETING = (
    "Сыртқы істер министрі Айдар Бекұлы Сапаров Жапония елшісімен кездесті. "
    "Ол екі ел арасындағы ынтымақтастықтың маңызын атап өтті."
)


def _names(found: list[Mention]) -> dict[str, str]:
    return {m.name: m.role for m in found}


def _speakers(text: str) -> list[str]:
    doc_people = DocPeople(kazakh.find_roster(text), [])
    return [who for _, who, _ in kazakh.passage_cues(text, doc_people)]


def _doc(paragraphs: list[str]) -> Document:
    passages = [Passage(i, p) for i, p in enumerate(paragraphs, 1)]
    return Document("k.txt", "k.txt", "", "\n\n".join(paragraphs), "txt", passages=passages)


def test_is_kazakh_reads_kazakhs_own_letters():
    assert kazakh.is_kazakh(MEETING)
    assert not kazakh.is_kazakh("Министр иностранных дел встретился с послом Японии в Астане.")
    assert not kazakh.is_kazakh("Қазақстан")  # too little to tell
    assert not russian.is_russian(MEETING)


def test_titles_before_names_make_the_roster():
    text = (
        "Мемлекет басшысы Нұрлан Әбенов Франция Президенті Пьер Дюранмен кездесті. "
        "Сыртқы істер министрі Айдар Бекұлы Сапаров та қатысты."
    )
    assert _names(kazakh.find_roster(text)) == {
        "Нұрлан Әбенов": "Мемлекет басшысы",
        "Пьер Дюран": "Франция Президенті",  # the ending of "Дюранмен" cut
        "Айдар Бекұлы Сапаров": "Сыртқы істер министрі",
    }
    # A country after a title is no name: "Мемлекет басшысы Франция Президентімен …".
    assert kazakh.find_mentions("Мемлекет басшысы Франция Президентімен кездесті.") == []


def test_speech_cues_name_the_speaker():
    text = (
        "«Біз ынтымақтастыққа дайынбыз», – деді Нұрлан Әбенов. "
        "Сапаровтың айтуынша, сауда өсіп келеді."
    )
    roster = [Mention("Айдар Сапаров", "министр", 0, 0, True, True)]
    doc_people = DocPeople(roster, [])
    cues = kazakh.passage_cues(text, doc_people)
    assert [who for _, who, _ in cues] == ["Нұрлан Әбенов", "Айдар Сапаров"]
    assert cues[0][2] == "verb before speaker: деді Нұрлан Әбенов"  # the cue's own words
    # "Ол" (he, she) is whoever opened the sentence before.
    assert _speakers(MEETING) == ["Айдар Бекұлы Сапаров"]


def test_cues_decline_without_a_person():
    assert _speakers("Тараптар сауда мәселелерін талқылады.") == []
    assert _speakers("Ол маңызын атап өтті.") == []  # no sentence before
    assert _speakers("«Бұл маңызды», – деді ол.") == []


def test_a_report_in_kazakh_gets_speakers_persons_and_countries():
    doc = extract.enrich(
        _doc(
            [
                "Мемлекет басшысы Нұрлан Әбенов Қытай елшісін қабылдады.",
                "Мемлекет басшысы екі елдің сауда байланыстарын дамыту қажет екенін айтты.",
                "Айта кетейік, бұған дейін Нұрлан Әбеновтің Ресейге сапары өткен болатын.",
            ]
        )
    )
    assert doc.speakers == ["Нұрлан Әбенов"]
    assert doc.roles == {"Нұрлан Әбенов": "Мемлекет басшысы"}
    assert doc.passages[1].speakers == ["Нұрлан Әбенов"]
    assert kazakh.mentions_surname(doc.passages[2].text, "Нұрлан Әбенов")  # "Әбеновтің"
    assert not kazakh.mentions_surname("Әбеновалар келді.", "Нұрлан Әбенов")
    assert doc.countries == ["China", "Russia"]


def test_kazakh_place_names_take_endings():
    assert places.find_places("Қазақстанның, АҚШ-тың және Орталық Азиядағы") == [
        "Kazakhstan",
        "United States",
        "Central Asia",
    ]
    assert places.find_places("Қытайлар") == []  # not an ending of a case


def test_endings_are_cut_from_a_names_last_word_only_when_they_are_cases():
    text = "Президент Нұрлан Әбеновке және депутат Дана Сапарова хат жолдады."
    assert [m.name for m in kazakh.find_mentions(text)] == ["Нұрлан Әбенов", "Дана Сапарова"]


def test_a_kazakh_text_is_read_for_places_by_kazakh_rules_alone():
    # "Дана", a given name, is no form of Дания; Russian names written alike still count.
    text = "Депутат Дана Сапарова Аргентинаның елшісімен кездесті."
    assert places.find_places(text) == ["Argentina"]


def test_the_head_of_state_is_the_one_person_a_kazakh_report_names():
    doc = extract.enrich(
        _doc(
            [
                "Нұрлан Әбенов облыс әкімдерімен кездесу өткізді.",
                "Мемлекет басшысы өңірлерге инвестиция тарту қажет екенін айтты.",
            ]
        )
    )
    assert doc.passages[1].speakers == ["Нұрлан Әбенов"]


def test_a_title_names_only_the_word_right_after_it_on_its_line():
    text = "Президент • 24 Қазан, 2023\n\nБұл – тарихи күн – Президент\n\nФото: Ақорда"
    assert kazakh.find_mentions(text) == []
    assert _names(kazakh.find_mentions("Президент Қасым-Жомарт Тоқаев келді.")) == {
        "Қасым-Жомарт Тоқаев": "Президент"
    }


def test_a_role_stops_at_a_word_in_the_dative_or_locative():
    text = "Форум аясында тілшілерге ҚР Президентінің кеңесшісі Ерлан Сапаров мәлім етті."
    assert _names(kazakh.find_roster(text)) == {"Ерлан Сапаров": "ҚР Президентінің кеңесшісі"}


def test_a_three_word_name_a_diplomat_and_a_sentences_first_words():
    text = (
        "Бүгін Пәкістан елшісі Саджид Ахмад Малик журналистермен кездесіп, сұхбат берді.\n\n"
        "Отырыс наурызда өтеді, - деп атап өтті дипломат."
    )
    assert _names(kazakh.find_roster(text)) == {"Саджид Ахмад Малик": "Пәкістан елшісі"}
    # "Бүгін Пәкістан …" opens the sentence: no name; "дипломат" is the text's ambassador.
    assert _speakers(text) == ["Саджид Ахмад Малик"]
    # After a surname, or in the dative, a capitalised word is no part of the name.
    for text in (
        "Франция Президенті Эммануэль Макрон Парижге келді.",
        "Мемлекет басшысы Эммануэль Макронмен Елисей сарайында кездесті.",
        "Сыртқы істер министрі Эммануэль Макрон Жапония елшісін қабылдады.",
    ):
        assert [m.name for m in kazakh.find_mentions(text)] == ["Эммануэль Макрон"], text


def test_a_name_right_before_the_verb_that_ends_the_sentence():
    text = "Бұл туралы министрдің баспасөз хатшысы Айдар Сапаров баяндады."
    assert _speakers(text) == ["Айдар Сапаров"]
    # A name with a case ending there is the object, not the speaker.
    assert _speakers("Бұл туралы хатшы Айдар Сапаровқа айтты.") == []


def test_pronouns_and_institutions_are_no_names():
    text = "Біздің Спикеріміз де бұл туралы айтты."
    assert _speakers(text) == []
    text = "Сенатор Мәжіліске заңгерлер келуі керек екенін айтты."
    assert "Мәжіліс" not in _names(kazakh.find_mentions(text))
