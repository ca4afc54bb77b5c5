"""People in Russian-language texts: declined names, titles before names, speech cues."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from searchlib import extract, russian
from searchlib.dates import PartialDate
from searchlib.document import Document, Passage
from searchlib.mentions import DocPeople, Mention
from searchlib.people import NameResolver

MEETING = (
    "Касым-Жомарт Токаев принял министра иностранных дел Мурата Нуртлеу. "
    "Министр доложил о подготовке к визитам."
)


def _names(found: list[Mention]) -> dict[str, str]:
    return {m.name: m.role for m in found}


def _doc(paragraphs: list[str], title: str = "", path: str = "r.txt") -> Document:
    """A document of these paragraphs, one passage each."""
    passages = [Passage(i, p) for i, p in enumerate(paragraphs, 1)]
    return Document(path, path, title, "\n\n".join(paragraphs), "txt", passages=passages)


def _speakers(text: str) -> list[str]:
    """The speakers a passage's cues name, the text's roster known."""
    return [
        who for _, who, _ in russian.passage_cues(text, DocPeople(russian.find_roster(text), []))
    ]


def test_is_russian_reads_the_script():
    assert russian.is_russian(MEETING)
    assert not russian.is_russian("President Tokayev met Минск delegates in Astana.")
    assert not russian.is_russian("Да.")  # too little to tell
    kazakh = "Сыртқы істер министрі Мұрат Нұртлеу Жапония елшісімен кездесті."
    assert not russian.is_russian(kazakh)  # Kazakh: its own letters are frequent


def test_names_after_a_title_are_put_in_the_nominative():
    text = (
        "Глава государства провел переговоры с Президентом Франции Эммануэлем Макроном. "
        "На встрече присутствовали заместитель министра иностранных дел Республики Казахстан "
        "Ержан Ашикбаев и посол по особым поручениям Болат Нургалиев. "
        "Он принял министра Европы и иностранных дел Франции Катрин Колонну."
    )
    assert _names(russian.find_roster(text)) == {
        "Эммануэль Макрон": "Президент Франции",
        "Ержан Ашикбаев": "Заместитель министра иностранных дел Республики Казахстан",
        "Болат Нургалиев": "Посол по особым поручениям",
        "Катрин Колонна": "Министр Европы и иностранных дел Франции",
    }
    assert _names(russian.find_roster(MEETING)) == {"Мурат Нуртлеу": "Министр иностранных дел"}


def test_a_role_after_the_name_and_untitled_full_names():
    text = "Мурат Нуртлеу, министр иностранных дел, встретился с Анной Ивановой."
    assert _names(russian.find_roster(text)) == {"Мурат Нуртлеу": "Министр иностранных дел"}
    assert "Анна Иванова" in _names(russian.find_mentions(text))
    # The dictionary's names decide the case: Ержана Ашикбаева is his genitive, not a woman.
    found = _names(russian.find_mentions("По словам Ержана Ашикбаева, реформы продолжатся."))
    assert found == {"Ержан Ашикбаев": ""}


def test_no_people_in_a_text_without_names():
    text = (
        "Министерство иностранных дел Республики Казахстан сообщает.\n"
        "Акорда\n"
        "Стороны обсудили вопросы торгово-экономического сотрудничества."
    )
    assert russian.find_roster(text) == []
    assert russian.find_mentions(text) == []
    assert russian.passage_cues(text, DocPeople([], [])) == []


def test_cues_name_the_speaker_in_any_order():
    text = (
        "Министр иностранных дел Мурат Нуртлеу заявил, что диалог продолжится. "
        "«Мы ценим партнерство», — сказал Нуртлеу. "
        "По словам посла Болата Нургалиева, санкции затрагивают регион. "
        "Эммануэль Макрон, в свою очередь, отметил важность энергетики."
    )
    doc_people = DocPeople(russian.find_roster(text), ["Эммануэль Макрон"])
    cues = russian.passage_cues(text, doc_people)
    assert [speaker for _, speaker, _ in cues] == [
        "Мурат Нуртлеу",
        "Мурат Нуртлеу",
        "Болат Нургалиев",
        "Эммануэль Макрон",
    ]
    assert cues[2][2] == "according to: По словам посла Болата Нургалиева"


def test_a_bare_title_resolves_only_to_the_person_introduced_with_it():
    text = (
        "Президент Франции Эммануэль Макрон прибыл в Астану. "
        "Как отметил Президент Казахстана, визит важен."
    )
    assert _speakers(text) == []
    assert _speakers(MEETING) == ["Мурат Нуртлеу"]


def test_initials_after_a_surname_as_official_texts_write_them():
    text = (
        "Президент Республики Казахстан Токаев К.К. провел совещание. "
        "По словам Токаева К.К., работы завершатся к 2027 году. "
        "Министр энергетики Аккенженов А.С. доложил о ходе работ."
    )
    assert _names(russian.find_roster(text)) == {
        "К. К. Токаев": "Президент Республики Казахстан",
        "А. С. Аккенженов": "Министр энергетики",
    }
    # Untitled, "Токаева К.К." could be a woman's name: the titled person it can be wins.
    assert {m.name for m in russian.find_mentions(text)} == {"К. К. Токаев", "А. С. Аккенженов"}
    assert _speakers(text) == ["К. К. Токаев", "А. С. Аккенженов"]


def test_an_op_eds_byline_names_its_author():
    def doc(text: str) -> Document:
        title = text.split("\n", 1)[0]
        return Document("a.txt", "a.txt", title, text, "txt", passages=[Passage(1, text)])

    oped = (
        "Центральная Азия: новые горизонты\n\n"
        "Мурат Нуртлеу, заместитель премьер-министра – министр иностранных дел\n\n"
        "Я убежден, что регион растет. Как отметил Президент Касым-Жомарт Токаев, "
        "коридор важен. На мой взгляд, вода – ключевой вопрос."
    )
    author = russian.speech_author(doc(oped))
    assert author is not None and author[:2] == (
        "Мурат Нуртлеу",
        "Заместитель премьер-министра – Министр иностранных дел",
    )
    enriched = extract.enrich(doc(oped))
    assert enriched.speakers == ["Мурат Нуртлеу"] and enriched.persons == ["Касым-Жомарт Токаев"]
    # "Я" only inside quotation marks: a news story about him, not his text.
    news = oped.split("Я убежден")[0] + "«Я убежден в успехе», – сказал он. Торговля выросла."
    assert russian.speech_author(doc(news)) is None
    # A sentence that starts with his name and role is news too.
    sentence = oped.replace("министр иностранных дел\n", "министр иностранных дел, заявил\n")
    assert russian.speech_author(doc(sentence)) is None


def test_he_or_she_speaks_for_the_person_who_opened_the_sentence_before():
    text = "Министр иностранных дел Мурат Нуртлеу провел встречу. Он отметил важность торговли."
    assert _speakers(text) == ["Мурат Нуртлеу"]
    quoted = "Посол Японии Ясуси Сато прибыл. «Мы готовы». Она добавила, что торговля растет."
    assert _speakers(quoted) == ["Ясуси Сато"]
    # Two people, or nobody, open the sentence before: no speaker.
    assert _speakers("Мурат Нуртлеу и Ержан Ашикбаев провели встречу. Он отметил рост.") == []
    assert _speakers("Стороны обсудили торговлю. Он отметил важность.") == []


def test_a_surname_is_found_in_any_case():
    assert russian.mentions_surname("Встреча с Токаевым прошла в Астане.", "Касым-Жомарт Токаев")
    assert russian.mentions_surname("Визит Токаева.", "Касым-Жомарт Токаев")
    assert not russian.mentions_surname("Визит Токарева.", "Касым-Жомарт Токаев")


def test_enrich_attributes_a_russian_report():
    text = (
        "Глава государства принял министра\n\n"
        "Акорда, 15 февраля 2023 года\n\n"
        f"{MEETING}\n\n"
        "Президент поручил усилить работу."
    )
    paragraphs = text.split("\n\n")
    doc = _doc(paragraphs, paragraphs[0], "ru.txt")
    enriched = extract.enrich(doc)
    assert enriched.speakers == ["Мурат Нуртлеу"]
    assert enriched.roles == {"Мурат Нуртлеу": "Министр иностранных дел"}
    assert "Касым-Жомарт Токаев" in enriched.persons
    assert "Акорда" not in enriched.persons
    assert enriched.date == PartialDate(2023, 2, 15)


def test_a_name_in_both_scripts_is_one_person():
    resolver = NameResolver.build({"Ержан Ашикбаев": 3, "Yerzhan Ashikbayev": 5, "Tokayev": 2})
    assert resolver.canonical("Ержан Ашикбаев") == "Yerzhan Ashikbayev"
    resolver = NameResolver.build({"Касым-Жомарт Токаев": 4, "Kassym-Jomart Tokayev": 2})
    assert resolver.canonical("Kassym-Jomart Tokayev") == "Касым-Жомарт Токаев"


def test_a_russian_report_is_searchable_by_any_word_form_and_either_script(tmp_path: Path):
    from searchlib.indexer import index_corpus
    from searchlib.search import open_index

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "2023-02-15-vstrecha.txt").write_text(
        "Глава государства принял министра\n\n"
        f"{MEETING}\n\n"
        "По словам министра иностранных дел Мурата Нуртлеу, санкции затрагивают регион.\n",
        encoding="utf-8",
    )
    index_corpus(corpus, tmp_path / "index")
    with open_index(tmp_path / "index") as index:
        assert index.search("санкциями").total == 1  # the text writes "санкции"
        assert index.search("санкции", speaker="Nurtleu").total == 1
        assert index.search("санкции", speaker="Мурат Нуртлеу").total == 1
        assert index.search("санкции", speaker="Tokayev").total == 0


def test_initials_and_a_speech_title_name_the_author():
    title = "Выступление Президента Республики Казахстан К.-Ж. Токаева на заседании Совета"
    text = f"{title}\n\nМы продолжим политические реформы."
    paragraphs = text.split("\n\n")
    doc = Document(
        "s.txt", "s.txt", title, text, "txt", passages=[Passage(1, p) for p in paragraphs]
    )
    assert russian.speech_author(doc) == (
        "К.-Ж. Токаев",
        "Президент Республики Казахстан",
        f"title: {title}",
    )
    assert extract.enrich(doc).speakers == ["К.-Ж. Токаев"]
    # A speech title that names only a role has no author.
    doc = doc.with_changes(title="Послание Главы государства народу Казахстана")
    doc.passages = [Passage(1, "Послание Главы государства народу Казахстана")]
    assert russian.speech_author(doc) is None
    # Initials join the full name across the corpus, in either script.
    resolver = NameResolver.build(
        {"К.-Ж. Токаев": 1, "Касым-Жомарт Токаев": 5, "Kassym-Jomart Tokayev": 3}
    )
    assert resolver.canonical("К.-Ж. Токаев") == "Касым-Жомарт Токаев"
    found = russian.find_mentions("Е. Ашикбаев заявил, что реформы продолжатся.")
    assert [m.name for m in found] == ["Е. Ашикбаев"]


_PIECES = [
    "министра",
    "иностранных",
    "дел",
    "Президентом",
    "Мурата",
    "Нуртлеу",
    "Токаева",
    "заявил",
    "по",
    "словам",
    "К.-Ж.",
    "—",
    ",",
    ".",
    "\n",
    "«",
    "»",
    "и",
    "Глава",
    "государства",
]


@given(
    st.lists(
        st.one_of(
            st.sampled_from(_PIECES), st.text(alphabet="АБВЖКМНабвгдеёжзийклмнЁъь-.", max_size=8)
        ),
        max_size=40,
    )
)
@settings(max_examples=150, deadline=None)
def test_russian_finders_never_fail_on_any_text(pieces: list[str]) -> None:
    text = " ".join(pieces)
    roster = russian.find_roster(text)
    found = russian.find_mentions(text)
    for mention in [*roster, *found]:
        assert mention.name and mention.name == mention.name.strip()
        assert 0 <= mention.start < mention.end <= len(text)
    cues = russian.passage_cues(text, DocPeople(roster, [m.name for m in found]))
    assert all(speaker for _, speaker, _ in cues)


def test_an_interviews_answers_are_its_authors():
    title = "Интервью Министра иностранных дел Мурата Нуртлеу газете «Известия»"
    paragraphs = [
        title,
        "Вопрос: Как вы оцениваете ситуацию в регионе?",
        "Ответ: Мы считаем, что диалог — единственный путь.",
        "Вопрос: А как насчет санкций?",
        "Ответ: Мы соблюдаем санкционный режим.",
    ]
    doc = _doc(paragraphs, title, "i.txt")
    enriched = extract.enrich(doc)
    assert [p.speakers for p in enriched.passages] == [
        ["Мурат Нуртлеу"],
        [],
        ["Мурат Нуртлеу"],
        [],
        ["Мурат Нуртлеу"],
    ]
    assert enriched.passages[2].cue == "label: Ответ:"


def test_a_name_declined_in_one_passage_is_the_nominative_of_another():
    paragraphs = [
        "Касым-Жомарт Токаев поздравил казахстанцев с праздником.",
        "По словам Касым-Жомарта Токаева, праздник укрепит единство народа.",
    ]
    passages = [Passage(i, p) for i, p in enumerate(paragraphs, 1)]
    doc = Document("r.txt", "r.txt", "", "\n".join(paragraphs), "txt", passages=passages)
    doc = extract.enrich(doc)
    assert doc.speakers == ["Касым-Жомарт Токаев"]
    assert doc.persons == []  # not also a woman named Касым-Жомарта Токаева


def test_the_head_of_an_institution_is_no_name():
    text = "Новый глава Кабмина получил назначение, а глава Минфина Олжас Бектенов заявил о планах."
    assert _names(russian.find_mentions(text)) == {"Олжас Бектенов": "Глава Минфина"}


def test_a_name_in_another_case_before_the_verb_is_not_its_subject():
    text = "Посол Ермек Кошербаев на переговорах с главой МИД Сергеем Лавровым заявил о планах."
    assert "Сергей Лавров" not in _speakers(text)
    assert "Сергеем Лавровым" not in _speakers(text)
    # An unknown foreign name may be in any case, so it still speaks.
    assert _speakers("Эммануэль Макрон заявил о планах.") == ["Эммануэль Макрон"]


def test_a_declined_abbreviation_an_aside_and_more_verbs():
    text = "«Мы гордимся», — сказал официальный представитель МИДа Казахстана Айбек Бекенов."
    assert _speakers(text) == ["Айбек Бекенов"]
    assert _names(russian.find_roster(text)) == {
        "Айбек Бекенов": "Официальный представитель МИДа Казахстана"
    }
    text = "Министр Мурат Нуртлеу приехал в Ташкент. Нуртлеу в своем выступлении отметил рост."
    assert _speakers(text) == ["Мурат Нуртлеу"]
    text = "Заместитель министра иностранных дел Роман Бекенов осудил заявления эксперта."
    assert _speakers(text) == ["Роман Бекенов"]


def test_the_head_of_a_foreign_ministry_is_its_minister():
    text = (
        "Заместитель премьер-министра – министр иностранных дел Мурат Нуртлеу прибыл. "
        "«Это так», — сказал глава МИД РК."
    )
    assert _speakers(text) == ["Мурат Нуртлеу"]
    # Without a foreign minister in the text, the head of the ministry is nobody.
    assert _speakers("Министр энергетики Алмас Бекенов прибыл. «Да», — сказал глава МИДа.") == []


def test_an_answer_or_a_briefing_is_its_speakers():
    title = "Ответ официального представителя МИД Казахстана Айбека Бекенова на вопрос СМИ"
    doc = Document("a.txt", "a.txt", title, title, "txt", passages=[Passage(1, title)])
    assert russian.speech_author(doc)[0] == "Айбек Бекенов"


def test_an_adjective_before_a_noun_is_the_roles_not_a_surname():
    text = "Вы – Посол Российской Федерации в Казахстане. Посол Анна Вишневская прибыла."
    assert [m.name for m in russian.find_mentions(text)] == ["Анна Вишневская"]


def test_labels_with_initials_glued_to_the_surname():
    texts = [
        "Интервью Посла России А.Н.Борисова агентству",
        "К.Волков: Добрый день!",
        "А.Н.Борисов: Здравствуйте.",
        "К.Волков: Что дальше?",
        "А.Н.Борисов: Работа.",
    ]
    doc = _doc(texts, texts[0], "i.txt")
    passages = extract.enrich(doc).passages
    assert [p.speakers[-1] for p in passages[1:]] == [
        "К. Волков",
        "А. Н. Борисов",
        "К. Волков",
        "А. Н. Борисов",
    ]


def test_an_interviews_subject_from_its_introduction():
    def doc(text: str) -> Document:
        return Document("i.txt", "i.txt", "", text, "txt", passages=[Passage(1, text)])

    intro = "Министр иностранных дел РК Ерлан Бекенов отвечает на вопросы газеты «Время»"
    answers = "— Мы открыты. Наша политика не меняется."
    assert russian.speech_author(doc(f"{intro}\n\n{answers}"))[:2] == (
        "Ерлан Бекенов",
        "Министр иностранных дел РК",
    )
    report = f"{intro}. По его словам, политика не меняется."
    assert russian.speech_author(doc(report)) is None


def test_a_verb_near_the_start_of_a_sentence_before_its_speaker():
    text = (
        "С докладом выступил руководитель отдела Института стран СНГ Андрей Гребнев. "
        "Об этом заявил министр иностранных дел Мурат Нуртлеу."
    )
    assert _speakers(text) == ["Андрей Гребнев", "Мурат Нуртлеу"]
    # Deeper in a sentence, a verb before a name needs a comma or a dash.
    assert _speakers("Встреча прошла в Астане и вчера заявил Мурат Нуртлеу.") == []


def test_a_profession_before_a_name_and_a_speech_in_the_genitive():
    text = "Союзы выдвигались и раньше, сказал политолог Фикрет Садыков, выразив надежду."
    assert _speakers(text) == ["Фикрет Садыков"]
    text = (
        "О планах рассказано в выступлении первого секретаря посольства Шамиля Стамбекова. "
        "Он отметил рост торговли."
    )
    assert _speakers(text) == ["Шамиль Стамбеков", "Шамиль Стамбеков"]


def test_a_name_after_named_after_is_no_person():
    assert russian.find_mentions("Фонд им. А. М. Горского провел конференцию.") == []
    assert russian.find_mentions("Университет имени Льва Гумилева открыт.") == []


def test_an_event_reports_participants_are_named_in_the_nominative():
    texts = [
        "В Астане прошла конференция. Перед участниками выступил советник Президента РК "
        "Магжан Мирзабеков, руководствуясь видением Президента Касым-Жомарта Токаева.",
        "Обсуждение реформ, объявленных Президентом Касым-Жомартом Токаевым, продолжилось.",
    ]
    doc = _doc(texts, path="c.txt")
    assert extract.enrich(doc).speakers == ["Магжан Мирзабеков"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Министр Мурат Сапаров поблагодарил коллег за поддержку.", ["Мурат Сапаров"]),
        ("Депутат Айдар Беков раскритиковал правительство за ответы.", ["Айдар Беков"]),
        ("Посол Сергей Волков пошутил о погоде.", ["Сергей Волков"]),
    ],
)
def test_more_verbs_that_report_speech(text, expected):
    assert _speakers(text) == expected


def test_the_full_text_of_a_speech_names_its_speaker():
    text = (
        "Глава государства Нурлан Абенов выступил на сессии.\n\n"
        "Агентство публикует полный текст выступления Президента на сессии."
    )
    cues = russian.passage_cues(text, DocPeople(russian.find_roster(text), []))
    assert [(who, cue.split(":")[0]) for _, who, cue in cues][-1] == (
        "Нурлан Абенов",
        "speech text",
    )
    # A text that is not a speech's names no one.
    assert _speakers("Агентство публикует полный текст закона о выборах.") == []


def test_a_pronoun_after_a_dash_is_the_sentences_subject():
    text = "Айдар Беков начал заседание с короткого выступления – он сообщил, что план готов."
    assert _speakers(text)[-1] == "Айдар Беков"
    cues = russian.passage_cues(text, DocPeople(russian.find_roster(text), []))
    assert any(cue.startswith("pronoun: он сообщил") for _, _, cue in cues)
