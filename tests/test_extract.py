from __future__ import annotations

import pytest

from searchlib import extract, people
from searchlib.dates import PartialDate
from searchlib.document import Document, Passage
from searchlib.errors import CorpusError

REPORT = [
    "Talks on the Future: One Year of President Aidar Bekov\nThe Steppe Institute organised a "
    "webinar on 3rd March 2021 with the distinguished speakers -Mr. Marat Serikbayev, Deputy "
    "Minister of Energy of Kazakhstan and Ambassador Dana Omarova, Director of the Policy Centre.",
    "The main theme, according to the Deputy Minister, was the reform of energy markets.",
    "The country wants new investment in oil and gas and renewable energy.",
    "According to Mr Serikbayev, the parliamentary opposition and peaceful rallies are part of "
    "political reform. President Aidar Bekov called these reforms the first wave of reforms.",
    "Energy security matters for landlocked countries and regional cooperation, said the "
    "Deputy Minister.",
    "Ms Omarova stressed that Central Asian states need transit corridors.",
    "The region must also invest in water management, concluded Ambassador Omarova.",
]


def _doc(paragraphs, path="report.txt", title=None, **kw):
    passages = [Passage(i, p) for i, p in enumerate(paragraphs, 1)]
    return Document(
        path,
        path,
        title or paragraphs[0].split("\n")[0],
        "\n".join(paragraphs),
        "txt",
        passages=passages,
        **kw,
    )


def _passage_speakers(paragraphs) -> list[list[str]]:
    return [p.speakers for p in extract.enrich(_doc(paragraphs)).passages]


def test_webinar_report():
    doc = extract.enrich(_doc(REPORT))
    assert doc.date == PartialDate(2021, 3, 3)
    assert doc.speakers == ["Marat Serikbayev", "Dana Omarova"]
    assert doc.roles["Marat Serikbayev"].startswith("Deputy Minister of Energy")
    assert doc.roles["Aidar Bekov"] == "President"
    assert "Aidar Bekov" in doc.persons
    p = doc.passages
    assert p[1].speakers == ["Marat Serikbayev"] and "according to" in p[1].cue
    assert p[2].speakers == ["Marat Serikbayev"] and p[2].cue.startswith("continues")
    assert p[3].speakers == ["Marat Serikbayev"] and p[3].persons == ["Aidar Bekov"]
    assert {"domestic-reform", "civil-liberties"} <= set(p[3].topics)
    assert p[4].speakers == ["Marat Serikbayev"]
    assert p[5].speakers == ["Dana Omarova"] and p[5].countries == ["Central Asia"]
    assert p[6].speakers == ["Dana Omarova"]
    assert p[0].speakers == []


def test_no_speaker_no_date():
    doc = extract.enrich(
        _doc(
            [
                "The weather in the steppe.",
                "Kazakhstan said it would wait.",
                "The Ministry said nothing in 2020-2030.",
            ]
        )
    )
    assert doc.speakers == [] and doc.date is None
    assert all(p.speakers == [] for p in doc.passages)


def test_agreements_and_meetings_do_not_speak():
    texts = [
        'Paragraph 12 of the Manila Accord states: "The Philippines made it clear."',
        "The Addis Ababa Conference stressed that unity matters.",
        "Nothing else.",
    ]
    doc = extract.enrich(_doc(texts))
    assert doc.speakers == [] and all(p.speakers == [] for p in doc.passages)


PRESS_RELEASE = [
    "Deputy Foreign Minister Berikov meets the Ambassador of Norway\nAstana, 4 May 2022 - "
    "Deputy Minister of Foreign Affairs of the Republic of Kazakhstan Aslan Berikov met today "
    "with Ambassador of the Kingdom of Norway to Kazakhstan Ola Lindqvist.",
    '"Norway is a key partner in green energy," the Deputy Minister stressed.',
    "Ambassador Lindqvist, in turn, noted the interest of Norwegian companies in wind power.",
    "The Head of State Aidar Bekov will visit Oslo in June.",
]


def test_press_release_names_people_after_their_roles():
    doc = extract.enrich(_doc(PRESS_RELEASE))
    assert doc.date == PartialDate(2022, 5, 4)
    assert doc.roles["Aslan Berikov"] == (
        "Deputy Minister of Foreign Affairs of the Republic of Kazakhstan"
    )
    assert doc.roles["Ola Lindqvist"] == "Ambassador of the Kingdom of Norway to Kazakhstan"
    p = doc.passages
    assert p[1].speakers == ["Aslan Berikov"] and "the Deputy Minister stressed" in p[1].cue
    assert p[2].speakers == ["Ola Lindqvist"]
    assert p[3].persons == ["Aidar Bekov"]  # its speaker continues from the passage before
    assert "Deputy Foreign Minister Berikov" not in doc.persons + doc.speakers
    assert "Berikov" not in doc.persons  # the headline's surname is the roster's full name


def test_roles_before_names_in_a_list():
    webinar = [
        "The webinar featured Deputy Minister of Energy of Kazakhstan Akan Serikov and "
        "Director of the Steppe Institute Dana Omarova.",
        "Mr. Serikov noted that trade grew.",
    ]
    doc = extract.enrich(_doc(webinar))
    assert doc.roles == {
        "Akan Serikov": "Deputy Minister of Energy of Kazakhstan",
        "Dana Omarova": "Director of the Steppe Institute",
    }
    assert doc.speakers == ["Akan Serikov", "Dana Omarova"]  # a webinar's listed speakers
    assert doc.passages[1].speakers == ["Akan Serikov"]
    talks = [
        "The Minister of Foreign Affairs of Kazakhstan Aidar Bekov and the Minister of "
        "Foreign Affairs of Uzbekistan Ilhom Norov held talks.",
    ]
    doc = extract.enrich(_doc(talks))
    assert doc.roles == {
        "Aidar Bekov": "Minister of Foreign Affairs of Kazakhstan",
        "Ilhom Norov": "Minister of Foreign Affairs of Uzbekistan",
    }
    assert doc.speakers == [] and doc.persons == ["Aidar Bekov", "Ilhom Norov"]


def test_a_role_that_ends_in_a_country_or_portfolio_is_followed_by_a_name():
    texts = [
        "Minister Vassilenko met with Ambassador of Japan Yasushi Sato.",
        "The Minister of Finance Lena Marsh, who was absent, sent a note.",
        # "who" is said of a person only: no institution's name goes on into it
        "The Chairman of the Board Ola Lindqvist, who was absent, sent a note.",
    ]
    doc = extract.enrich(_doc(texts))
    assert doc.roles == {
        "Yasushi Sato": "Ambassador of Japan",
        "Lena Marsh": "Minister of Finance",
        "Ola Lindqvist": "Chairman of the Board",
    }


def test_a_role_before_a_name_declines_without_a_name():
    texts = [
        "The Minister of Foreign Affairs of the Republic of Kazakhstan met the press.",
        "The Ambassador of Norway to Kazakhstan Programme Office opened.",
        "Minister of Energy Affairs Committee said nothing new.",
        "The Minister of Foreign Affairs of the Union of Soviet Socialist Republics spoke.",
        "The Chairman of the Commission on Human Rights Watch agreed; human rights matter.",
        "The President of the International Committee of the Red Cross and the Minister spoke.",
    ]
    doc = extract.enrich(_doc(texts))
    assert doc.roles == {} and doc.persons == [] and doc.speakers == []


def test_assemblies_and_debates_are_not_generals():
    texts = [
        "At the General Debate of the UN General Assembly, General Dayan was praised.",
        "General Mark Sedwill said the talks went well.",
    ]
    doc = extract.enrich(_doc(texts))
    assert doc.persons == ["Dayan"] and doc.passages[1].speakers == ["Mark Sedwill"]


def test_head_of_state_and_government_resolve_through_roles():
    texts = [
        "President Aidar Bekov received Prime Minister Dana Omarova on 3 May 2022.",
        "The Head of Government said that growth reached 4 percent.",
        "The Head of State instructed the Government to curb inflation.",
    ]
    p = extract.enrich(_doc(texts)).passages
    assert p[1].speakers == ["Dana Omarova"] and p[2].speakers == ["Aidar Bekov"]


def test_a_byline_gives_the_author_of_a_first_person_text():
    oped = [
        "A Fair Society\nBy Aidar Bekov, President of the Republic of Kazakhstan\n5 May 2022",
        "I am convinced that reform must continue. My proposal is a strong parliament.",
        "We will reduce the powers of the President.",
    ]
    doc = extract.enrich(_doc(oped))
    assert doc.speakers == ["Aidar Bekov"]
    assert doc.roles["Aidar Bekov"] == "President of the Republic of Kazakhstan"
    assert all(p.speakers == ["Aidar Bekov"] for p in doc.passages)
    assert doc.passages[0].cue.startswith("byline: By Aidar Bekov")


def test_a_reporters_byline_does_not_make_the_reporter_speak():
    news = [
        "Parliament votes on reform\nBy Dana Omarova\n5 May 2022",
        'The bill passed, said Mr Serikbayev. "I am glad," he added. "My party won."',
        "The vote follows months of debate.",
    ]
    doc = extract.enrich(_doc(news))
    assert "Dana Omarova" not in doc.speakers
    assert doc.passages[1].speakers == ["Serikbayev"]


def test_an_official_representative_is_named_after_the_role():
    texts = [
        "Briefing of the Official Representative of the Ministry of Foreign Affairs "
        "Aibek Sadykov\nAstana, 24 January 2022",
        "Sadykov informed journalists that the mission had ended.",
        "The Official Representative also noted that a summit would follow in April.",
    ]
    doc = extract.enrich(_doc(texts))
    assert doc.roles["Aibek Sadykov"] == (
        "Official Representative of the Ministry of Foreign Affairs"
    )
    assert doc.passages[2].speakers == ["Aibek Sadykov"]
    assert "The Official Representative noted" in doc.passages[2].cue


def test_a_transcript_is_attributed_by_its_speaker_labels():
    texts = [
        "Interview of Foreign Minister Aidar Bekov to Steppe Radio",
        "Steppe Radio: Minister, how do you see the situation in the region?",
        "Aidar Bekov: We are concerned. As President Dana Omarova said, aid must flow.",
        "Our universities will train specialists.",
        "Steppe Radio: And trade?",
        "Aidar Bekov: Trade grew by a tenth.",
    ]
    p = extract.enrich(_doc(texts)).passages
    assert [x.speakers for x in p] == [
        ["Aidar Bekov"],  # the title's author, before any label
        [],  # the interviewer is not a person
        ["Aidar Bekov"],
        ["Aidar Bekov"],  # runs on until the next label
        [],
        ["Aidar Bekov"],
    ]
    assert p[2].cue == "label: Aidar Bekov:" and p[3].cue.startswith("continues from passage 3")
    assert p[2].persons == ["Dana Omarova"]


def test_question_and_answer_labels_give_answers_to_the_author():
    texts = [
        "Interview of Foreign Minister Aidar Bekov",
        "Q: How do you see the region?",
        "A: We are concerned about water.",
        "Q: And trade?",
        "A: Trade grew by a tenth.",
    ]
    p = extract.enrich(_doc(texts)).passages
    assert [x.speakers for x in p] == [["Aidar Bekov"], [], ["Aidar Bekov"], [], ["Aidar Bekov"]]


def test_headings_with_colons_are_not_speaker_labels():
    texts = [
        "Final Words: A Shared Future\nWe must act for our youth and our shared future.",
        "Youth Empowerment: Investing in People\nThe words we choose matter less than deeds.",
        "Final Words: Again\nI thank you for the empowerment of nations.",
        "Thank you.",
    ]
    doc = extract.enrich(_doc(texts, title="Statement by President Aidar Bekov"))
    assert all(p.speakers == ["Aidar Bekov"] for p in doc.passages)


def test_a_speech_its_metadata_attributes_has_no_transcript():
    texts = [
        "Dana Omarova: I was told this by a colleague.",
        "Dana Omarova: And I agreed with her.",
    ]
    doc = extract.enrich(_doc(texts, speakers=["Aidar Bekov"], explicit={"speakers"}))
    assert all(p.speakers == ["Aidar Bekov"] for p in doc.passages)
    # Without metadata, the same text is Dana Omarova's transcript.
    assert all(p.speakers == ["Dana Omarova"] for p in extract.enrich(_doc(texts)).passages)


def test_a_transcript_needs_one_person_to_speak_twice():
    texts = ["Dana Omarova: Welcome to all.", "Aidar Bekov: Thank you.", "The end."]
    p = extract.enrich(_doc(texts)).passages
    assert p[1].speakers == [] and p[1].cue == ""


def test_labels_in_capitals_and_of_two_people_the_text_introduces_make_a_transcript():
    texts = [
        "Secretary Dana Omarova and Foreign Minister Aidar Bekov before their meeting",
        "FOREIGN MINISTER BEKOV:  Welcome to Astana.",
        "SECRETARY OMAROVA:  Thank you for the warm welcome.",
        "We are glad to be here.",
    ]
    p = extract.enrich(_doc(texts)).passages
    assert [x.speakers for x in p[1:]] == [["Aidar Bekov"], ["Dana Omarova"], ["Dana Omarova"]]
    assert p[1].cue == "label: FOREIGN MINISTER BEKOV:"


def test_an_offices_initials_before_a_label_name_the_person_the_text_introduces():
    texts = [
        "Interview\nFatima Z. Omarova\nDeputy Assistant Secretary",
        "Question: What is next?",
        "DAS Omarova: Trade comes next.",
        "Question: And then?",
        "DAS Omarova: Water.",
    ]
    p = extract.enrich(_doc(texts)).passages
    assert p[2].speakers == p[4].speakers == ["Fatima Z. Omarova"]


def test_a_speech_title_makes_its_press_conference_no_report_of_many_speakers():
    texts = [
        "Foreign Minister Dana Omarova’s remarks at a press conference after talks with "
        "Foreign Minister Aidar Bekov",
        "We had constructive talks at the conference.",
    ]
    doc = extract.enrich(_doc(texts))
    assert doc.speakers == ["Dana Omarova"] and "Aidar Bekov" in doc.persons


def test_colons_after_words_that_name_no_one_make_no_transcript():
    texts = [
        "Kazakhstan: reforms continue, said Mr Serikbayev.",
        "Note: figures are provisional.",
        "Astana: the capital grows.",
        "Source: Ministry of Energy.",
    ]
    p = extract.enrich(_doc(texts)).passages
    assert p[0].speakers == ["Serikbayev"] and p[0].cue.startswith("verb before speaker")
    assert all(x.speakers == ["Serikbayev"] for x in p)  # reported speech runs on


def test_role_reference_without_roster_declines():
    doc = extract.enrich(_doc(["Prices rose, said the Minister.", "Nothing else."]))
    assert doc.passages[0].speakers == []


def test_a_title_alone_names_nobody_but_a_titled_name_does():
    doc = extract.enrich(_doc(["The King said that the harvest was poor.", "Nothing else."]))
    assert doc.passages[0].speakers == []
    doc = extract.enrich(_doc(["Mr King said that the harvest was poor.", "Nothing else."]))
    assert doc.passages[0].speakers == ["King"]


def test_speech_title_gives_the_author():
    doc = extract.enrich(
        _doc(
            ["I am honoured to speak. As Mr Smith said, we must act.", "We will act together."],
            title="Statement by President Aidar Bekov at the General Debate",
        )
    )
    assert doc.speakers == ["Aidar Bekov"]
    assert all(p.speakers == ["Aidar Bekov"] for p in doc.passages)
    assert doc.passages[0].persons == ["Smith"]
    assert doc.roles["Aidar Bekov"] == "President"


def test_speech_title_role_stops_before_the_occasion():
    title = (
        "Statement by H.E. Mr. Aidar Bekov, Minister of Foreign Affairs of the Republic of "
        "Kazakhstan, at the General Debate of the 76th session of the UN General Assembly"
    )
    doc = extract.enrich(_doc(["We support the Treaty.", "Thank you."], title=title))
    assert doc.speakers == ["Aidar Bekov"]
    assert doc.roles["Aidar Bekov"] == "Minister of Foreign Affairs of the Republic of Kazakhstan"
    assert doc.persons == []


def test_explicit_metadata_wins():
    doc = _doc(
        ["On 8 July 2020 Mr Serikbayev said hello."],
        date=PartialDate(2019),
        speakers=["Jane Doe"],
        topics=["health"],
        explicit={"date", "speakers", "topics"},
    )
    out = extract.enrich(doc)
    assert out.date == PartialDate(2019)
    assert out.speakers == ["Jane Doe"] and out.topics == ["health"]
    assert out.passages[0].speakers == ["Jane Doe"]
    assert doc.passages[0].speakers == []  # the input is not modified


def _ungdc(tmp_path):
    (tmp_path / "TXT" / "Session 75 - 2020").mkdir(parents=True)
    (tmp_path / "speakers.csv").write_text(
        "Year,Session,ISO Code,Country,Name of Person Speaking,Post\n"
        "2020,75,KAZ,Kazakhstan,Mr. Kassym-Jomart TOKAYEV ,President\n",
        encoding="utf-8",
    )
    (tmp_path / "kzsearch.yaml").write_text(
        "metadata:\n  table: speakers.csv\n  files: 'TXT/*/{iso}_{session}_{year}.txt'\n"
        "  join: {iso: ISO Code, year: Year}\n"
        "  columns: {speaker: Name of Person Speaking, role: Post, year: Year, country: ISO Code}\n"
        "  first_person: true\n",
        encoding="utf-8",
    )
    (tmp_path / "people.yaml").write_text("Kassym-Jomart Tokayev: [Tokaev]\n", encoding="utf-8")


def test_metadata_table_context(tmp_path):
    _ungdc(tmp_path)
    ctx = extract.load_context(tmp_path)
    assert ctx.config_files == {"kzsearch.yaml", "speakers.csv", "people.yaml"}
    assert ctx.pins["Tokaev"] == "Kassym-Jomart Tokayev"
    doc = _doc(
        ["We meet in hard times.", "The President of France said so."],
        path="TXT/Session 75 - 2020/KAZ_75_2020.txt",
        title="KAZ_75_2020",
    )
    out = extract.enrich(doc, ctx)
    assert out.speakers == ["Kassym-Jomart Tokayev"] and out.roles == {
        "Kassym-Jomart Tokayev": "President"
    }
    assert out.date == PartialDate(2020) and out.countries == ["Kazakhstan"]
    assert {"speakers", "date", "countries"} <= out.explicit
    assert all(p.speakers == ["Kassym-Jomart Tokayev"] for p in out.passages)


def test_a_speech_without_a_table_row_quotes_people_but_they_do_not_speak(tmp_path):
    _ungdc(tmp_path)
    ctx = extract.load_context(tmp_path)
    texts = [
        "We meet in hard times.",
        "A year ago President Dorticos stated here that the danger was real.",
        "Those words are as apt as ever.",
    ]
    doc = _doc(texts, path="TXT/Session 18 - 1963/CUB_18_1963.txt", title="CUB_18_1963")
    out = extract.enrich(doc, ctx)  # the table has no row for Cuba in 1963
    assert out.speakers == [] and all(p.speakers == [] for p in out.passages)
    assert "Dorticos" in out.passages[1].persons
    # Outside the table's pattern the same text is a report, and the cue attributes.
    report = extract.enrich(_doc(texts, path="notes/report.txt"), ctx)
    assert report.passages[1].speakers == ["Dorticos"]


def test_broken_config_names_the_file(tmp_path):
    (tmp_path / "kzsearch.yaml").write_text("metadata: [unclosed", encoding="utf-8")
    with pytest.raises(CorpusError, match="kzsearch.yaml"):
        extract.load_context(tmp_path)
    (tmp_path / "kzsearch.yaml").write_text("metadata:\n  table: t.csv\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"kzsearch.yaml: metadata.table: t.csv not found"):
        extract.load_context(tmp_path)


def test_canonicalise_across_documents():
    a = extract.enrich(
        _doc(
            [
                "Talk.\nMr. Kassym-Jomart Tokayev, President of Kazakhstan, spoke at the forum.",
                "Mr Tokayev said the reforms will go on.",
            ]
        )
    )
    b = extract.enrich(_doc(["Mr. Kassymzhomart Tokaev said growth is back."], path="b.txt"))
    resolver = people.NameResolver.build(
        {n: 1 for d in (a, b) for n in extract.raw_names(d)} | {"Kassym-Jomart Tokayev": 5}
    )
    b2 = extract.canonicalise(b, resolver)
    assert b2.speakers == ["Kassym-Jomart Tokayev"]
    assert b2.passages[0].speakers == ["Kassym-Jomart Tokayev"]


def test_explain_is_jsonable():
    import json

    data = extract.explain(extract.enrich(_doc(REPORT)))
    text = json.dumps(data)
    assert data["date"] == "2021-03-03" and data["date_precision"] == "day"
    assert data["passages"][1]["cue"] and "webinar" not in data["date_source"]
    assert "Serikbayev" in text


def test_speaker_uses_lists_who_speaks_once_as_the_passages_name_them():
    doc = _doc(["We thank the President.", "We hope for peace."], path="SAU_1982.txt")
    doc.speakers = ["Alhegelan", "Bolat Nurgaliyev"]  # the table's surname; a listed panelist
    doc.countries, doc.explicit = ["Saudi Arabia"], {"speakers", "countries"}
    doc.date = PartialDate(1982)
    for passage in doc.passages:
        passage.speakers = ["Sheikh Alhegelan"]  # the text's fuller form of the same speaker
    assert extract.speaker_uses(doc) == [
        ("Sheikh Alhegelan", None, None),
        ("Bolat Nurgaliyev", "Saudi Arabia", 1982),
    ]


def test_a_head_of_state_named_without_title_is_whom_the_title_refers_to():
    text = [
        "Aidar Bekov held a meeting with the governors of the regions.",
        "The Head of State noted that the regions must attract investment.",
        "Later the President instructed the governors to report by May.",
    ]
    doc = extract.enrich(_doc(text))
    assert [p.speakers for p in doc.passages] == [[], ["Aidar Bekov"], ["Aidar Bekov"]]
    assert doc.passages[1].cue == "speaker before verb: The Head of State noted"
    # Two people named, or the one named given another office: nobody is the President.
    for first in (
        "Aidar Bekov held a meeting with Dana Omarova on the regions.",
        "Minister of Energy Aidar Bekov held a meeting with the governors.",
    ):
        doc = extract.enrich(_doc([first, *text[1:]]))
        assert [p.speakers for p in doc.passages[1:]] == [[], []], first


def test_an_interviews_surname_labels_name_the_person_in_its_heading():
    text = [
        "Serikbol Abenov\nMinister of Foreign Affairs\nInterview, 27 December 2002",
        "Will Kazakhstan have to choose one partner?",
        "Abenov: We keep many partners at once.",
        "Is the region a chessboard?",
        "Abenov: We see the region differently.",
    ]
    doc = extract.enrich(_doc(text))
    assert doc.speakers == ["Serikbol Abenov"]
    assert doc.passages[2].speakers == ["Serikbol Abenov"]
    # Two full names that end in the label's word: the label names no one.
    text[0] = "Serikbol Abenov and Aigul Abenov\nInterview, 27 December 2002"
    assert extract.enrich(_doc(text)).speakers == []


def test_a_speech_title_below_a_web_pages_header_gives_the_author():
    text = [
        "Official website of the\n\nPresident of the Republic of Aqtobe\n\nRemarks by President "
        "Aidar Bekov at the annual meeting of the National Council\n\n15 March 2024",
        "I congratulate all of you on the holiday.",
    ]
    doc = extract.enrich(_doc(text))
    assert doc.speakers == ["Aidar Bekov"]
    assert doc.passages[1].speakers == ["Aidar Bekov"]


def test_a_surname_the_metadata_gives_is_not_read_through_the_text():
    # The table names the speaker "Gandhi"; her speech quotes another Gandhi.
    doc = _doc(
        ["We honour Rajiv Gandhi, who said that peace is the way. Gandhi taught us."],
        speakers=["Gandhi"],
        explicit={"speakers"},
    )
    out = extract.enrich(doc)
    assert out.speakers == ["Gandhi"]
    assert out.passages[0].speakers == ["Gandhi"]


def test_labels_that_define_short_forms_make_a_transcript():
    texts = [
        "By Lena Vogt",
        "Lena Vogt (LV): Thank you, Mr. President, for your time. What do you recall?",
        "Aidar BEKOV (Bekov): I recall the reforms of the year.",
        "LV: And trade?",
        "Bekov: Trade grew by a tenth.",
    ]
    assert _passage_speakers(texts)[1:] == [["Lena Vogt"], ["Aidar Bekov"]] * 2


def test_a_broadcasts_label_lines_give_the_name_and_role_above_the_words():
    texts = [
        "Елордада сарапшылар форумы басталды",
        "АЙГҮЛ СЕРІКҚЫЗЫ, ТІЛШІ:\n— Форумға 20 елден сарапшылар келді.",
        "Талқылау ертеңге дейін жалғасады.",
        "ПЬЕР ДЮРАН, ЗЕРТТЕУ ОРТАЛЫҒЫНЫҢ ДИРЕКТОРЫ:\n— Бұл форум өте маңызды.",
    ]
    reporter = ["Айгүл Серікқызы"]
    assert _passage_speakers(texts) == [[], reporter, reporter, ["Пьер Дюран"]]
    # One label line without a role is no transcript: it may be a heading.
    texts[1] = "АЙГҮЛ СЕРІКҚЫЗЫ:\n— Форумға 20 елден сарапшылар келді."
    texts[3] = "Талқылау жалғасады."
    assert extract.enrich(_doc(texts)).speakers == []


def test_an_event_reports_guests_are_not_its_speakers():
    texts = [
        "Forum on water held in Astana",
        "A forum on water was held on 3 March 2021. The forum was attended by Minister of "
        "Energy Aidar Bekov. The speakers were Dana Omarova, Professor of Law, and Mrs. Lena "
        "Vogt, Director of the Centre.",
        "The discussion turned to rivers.",
    ]
    assert extract.enrich(_doc(texts)).speakers == ["Dana Omarova", "Lena Vogt"]
