"""Finding people in a text: rosters, titled mentions, speech cues, bylines and labels.

``test_extract`` checks how these combine into a document's speakers and persons; these
tests check the finders on their own.
"""

from __future__ import annotations

import re

import pytest

from searchlib import mentions
from searchlib.document import Document, Passage


def _names(found: list[mentions.Mention]) -> dict[str, str]:
    return {m.name: m.role for m in found}


def _speakers(text: str) -> list[str]:
    """The speakers a passage's cues name, the text's roster known."""
    doc_people = mentions.DocPeople(mentions.find_roster(text), [])
    return [who for _, who, _ in mentions.passage_cues(text, doc_people)]


def test_roster_reads_names_before_and_after_roles():
    text = (
        "Mr. Marat Serikbayev, Deputy Minister of Energy, met Ambassador of Norway to "
        "Kazakhstan Ola Lindqvist and President Aidar Bekov. Lindqvist thanked them."
    )
    assert _names(mentions.find_roster(text)) == {
        "Marat Serikbayev": "Deputy Minister of Energy",
        "Ola Lindqvist": "Ambassador of Norway to Kazakhstan",
        "Aidar Bekov": "President",
    }


def test_a_patronymic_after_a_role_stays_in_the_name():
    text = "President of Kazakhstan Kassym-Jomart Kemeluly Tokayev said reforms go on."
    assert _names(mentions.find_roster(text)) == {
        "Kassym-Jomart Kemeluly Tokayev": "President of Kazakhstan"
    }
    # Any other third word still ends the role: a surname-like word is not taken as a name.
    text = "Minister of Foreign Affairs Roman Vassilenko met the delegation."
    assert _names(mentions.find_roster(text)) == {"Roman Vassilenko": "Minister of Foreign Affairs"}


def test_initials_after_a_surname_are_part_of_the_name():
    # Official Kazakh texts in English keep the Russian order: surname, then initials.
    text = (
        "President of Kazakhstan Tokayev K.K. held a meeting. "
        "Minister of Energy Akkenzhenov A.S. reported on the grids. "
        "According to Tokayev K.K., the work must end by 2027."
    )
    assert _names(mentions.find_roster(text)) == {
        "K. K. Tokayev": "President of Kazakhstan",
        "A. S. Akkenzhenov": "Minister of Energy",
    }
    assert _speakers(text) == ["K. K. Tokayev"]


def test_an_institutions_last_word_is_not_part_of_a_speakers_name():
    text = (
        "Chairman of the Board Aidar Arifkhanov said the fund will invest more. "
        "Commander of the Revolution Daniel Ortega Saavedra stated that peace is near."
    )
    assert _speakers(text) == [
        "Aidar Arifkhanov",
        "Daniel Ortega Saavedra",
    ]


def test_kazakh_officials_titles():
    text = (
        "Akim of Almaty Yerbolat Dossayev met Head of the Presidential Administration "
        "Aibek Dadebay and State Counselor Erlan Karin. Prosecutor General Berik Asylov, "
        "Presidential Press Secretary Berik Uali and Ambassador-at-large Zhanna Kurmanova "
        "attended."
    )
    assert _names(mentions.find_roster(text)) == {
        "Yerbolat Dossayev": "Akim of Almaty",
        "Aibek Dadebay": "Head of the Presidential Administration",
        "Erlan Karin": "State Counselor",
        "Berik Asylov": "Prosecutor General",
        "Berik Uali": "Press Secretary",
        "Zhanna Kurmanova": "Ambassador-at-large",
    }


def test_he_or_she_speaks_for_the_person_who_opened_the_sentence_before():
    assert _speakers("Foreign Minister Murat Nurtleu met them. He said the talks went well.") == [
        "Murat Nurtleu"
    ]
    assert _speakers(
        "Deputy Minister Roman Vassilenko met Ambassador Tilo Klinner. The ambassador thanked "
        "him. He also noted the growing trade."
    ) == ["Tilo Klinner"]
    # A quotation in between is the same person's words.
    assert _speakers('Mr. Lloyd rose. "We stopped a war." He added that peace holds.') == ["Lloyd"]
    # No one person opens the sentence before: no speaker.
    assert _speakers("Max Gomez and Ramon Medina ran the flights. He explained the routes.") == []
    assert _speakers("Kazakhstan and Germany signed a deal. He said it matters.") == []
    # Inside quotation marks "he" is someone else's word.
    text = 'President Tokayev arrived. Minister Nurtleu said: "He stressed unity."'
    assert _speakers(text) == ["Nurtleu"]


def test_titles_with_of_and_high_are_titles():
    text = (
        "Nurtleu met U.S. Secretary of State Antony Blinken and EU High Representative "
        "Josep Borrell. Chancellor Olaf Scholz sent a message."
    )
    assert _names(mentions.find_mentions(text)) == {
        "Antony Blinken": "Secretary of State",
        "Josep Borrell": "High Representative",
        "Olaf Scholz": "Chancellor",
    }


def test_titled_mentions_skip_institutions():
    text = (
        "The General Assembly heard General Dayan and Deputy Foreign Minister Vassilenko, "
        "not General Motors nor General Electric."
    )
    assert _names(mentions.find_mentions(text)) == {
        "Dayan": "General",
        "Vassilenko": "Deputy Foreign Minister",
    }


def test_speech_author_from_a_title_or_a_first_person_byline():
    def doc(title: str, text: str) -> Document:
        return Document("a.txt", "a.txt", title, text, "txt", passages=[Passage(1, text)])

    titled = doc("Address by H.E. Mr. Aidar Bekov, President of Kazakhstan, at the Forum", "Hi.")
    assert mentions.speech_author(titled)[:2] == ("Aidar Bekov", "President of Kazakhstan")
    byline = "Reform\nBy Dana Omarova, Minister of Justice\nI think my plan works."
    assert mentions.speech_author(doc("Reform", byline))[:2] == (
        "Dana Omarova",
        "Minister of Justice",
    )
    news = 'Reform\nBy Dana Omarova\n"I think my plan works," said Mr. Bekov.'
    assert mentions.speech_author(doc("Reform", news)) is None


def test_a_name_and_role_on_a_line_of_their_own_is_a_byline():
    def doc(text: str) -> Document:
        return Document("a.txt", "a.txt", "Reform", text, "txt", passages=[Passage(1, text)])

    oped = (
        "Central Asia: new horizons\n\n"
        "Murat Nurtleu, Deputy Prime Minister – Minister of Foreign Affairs\n\n"
        "I am convinced the region is growing. In my view, water is the key."
    )
    assert mentions.speech_author(doc(oped))[:2] == (
        "Murat Nurtleu",
        "Deputy Prime Minister – Minister of Foreign Affairs",
    )
    # A line of hard-wrapped text that happens to hold a name and a role is no byline.
    wrapped = (
        "It is my pleasure to\ncommend your predecessor, His Excellency\n"
        "Mr. Amara Essy, Minister for Foreign Affairs of Cote\n"
        "d'Ivoire, for his work. I thank him and my colleagues."
    )
    assert mentions.speech_author(doc(wrapped)) is None
    # Two such lines list an event's participants.
    panel = oped.replace("\n\nI am", "\n\nAidar Bekov, Minister of Justice\n\nI am")
    assert mentions.speech_author(doc(panel)) is None
    # Without the first person outside quotes it is a news story's subject.
    news = oped.split("I am")[0] + '"I am sure," he said. Trade grew.'
    assert mentions.speech_author(doc(news)) is None


def test_event_reports_are_recognised_by_their_opening():
    assert mentions.is_event_report("The institute held a webinar on water.")
    assert not mentions.is_event_report("The minister visited Oslo.")


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Ivan Petrov, the Deputy Minister, said the talks went well.",
        "According to President Kassym-Jomart Tokayev the reforms continue.",
        "The reforms continue, stressed Ambassador Jane Doe.",
        "President Jane Doe pointed  out that nothing was said -- noted Mr. Smith.",
        "Nothing here: the minister spoke and the president listened.",
    ],
)
def test_cue_prechecks_change_nothing(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    doc_people = mentions.DocPeople([], [])
    fast = mentions.passage_cues(text, doc_people)
    monkeypatch.setattr(mentions, "_VERB_RE", re.compile(""))  # never skip a pattern
    assert mentions.passage_cues(text, doc_people) == fast


def test_a_role_reference_fits_a_role_written_the_long_way():
    text = (
        "Minister of Foreign Affairs of Kazakhstan Murat Nurtleu and Deputy Minister of "
        "Energy Aslan Berikov met the delegation. The Foreign Minister stressed trade. "
        "The Deputy Minister noted growth. The Deputy Foreign Minister said nothing. "
        "The Energy Minister added nothing either."
    )
    doc_people = mentions.DocPeople(mentions.find_roster(text), [])
    cues = mentions.passage_cues(text, doc_people)
    assert [(speaker, cue.split(": ")[1]) for _, speaker, cue in cues] == [
        ("Murat Nurtleu", "The Foreign Minister stressed"),
        ("Aslan Berikov", "The Deputy Minister noted"),
    ]
    # A rank the role has must be named: the Foreign Minister is not his deputy.
    assert doc_people.by_role("Foreign Minister") == "Murat Nurtleu"
    deputy = mentions.DocPeople(
        [mentions.Mention("Roman Vassilenko", "Deputy Minister of Foreign Affairs", 0, 1, True)],
        [],
    )
    assert deputy.by_role("Foreign Minister") is None
    assert deputy.by_role("Deputy Foreign Minister") == "Roman Vassilenko"


def test_a_portfolio_before_the_title_names_the_minister():
    text = (
        "Minister of Energy of Kazakhstan Almasadam Satkaliyev and Minister of Foreign "
        "Affairs Murat Nurtleu met the delegation. The Energy Minister stressed supply. "
        "The Minister said more."
    )
    doc_people = mentions.DocPeople(mentions.find_roster(text), [])
    cues = mentions.passage_cues(text, doc_people)
    assert [(speaker, cue.split(": ")[1]) for _, speaker, cue in cues] == [
        ("Almasadam Satkaliyev", "The Energy Minister stressed")
    ]


def test_a_countrys_adjective_narrows_a_role_reference():
    text = (
        "President of Kazakhstan Kassym-Jomart Tokayev met President of France Emmanuel "
        'Macron. "Water is security," the Kazakh President said. "We are partners," the '
        'French President said. "Trade grows," the Uzbek President said.'
    )
    assert _speakers(text) == ["Kassym-Jomart Tokayev", "Emmanuel Macron"]
    # A role that names no country could be anyone's president.
    plain = text.replace("President of Kazakhstan", "President")
    assert _speakers(plain) == ["Emmanuel Macron"]


def test_a_role_set_off_by_commas_introduces_the_name_after_it():
    text = (
        "The Deputy Prime Minister and Foreign Minister of Kazakhstan, Nurlan Abenov, and the "
        "Chilean ambassador to this country, Pablo Rojas, reviewed ties. The Kazakh Foreign "
        "Minister highlighted trade. Rojas noted the progress."
    )
    assert _names(mentions.find_roster(text)) == {
        "Nurlan Abenov": "Deputy Prime Minister and Foreign Minister of Kazakhstan",
        "Pablo Rojas": "Chilean ambassador to this country",
    }
    # "the Foreign Minister" fits the second of two offices; "Deputy" is the first's rank.
    assert _speakers(text) == ["Nurlan Abenov", "Pablo Rojas"]


def test_words_set_off_by_commas_decline_when_they_are_no_office():
    # The end of a longer role, wrapped ("of / the Secretary-General"), a clause, no office.
    for text in (
        "the Special Representative of\nthe Secretary-General, Mr. Jan Novak, in Kabul",
        "the first step, in which the Minister took part, Serik Omarov, was small",
        "The main partner in the region, Dana Bekova, spoke.",
    ):
        assert mentions.find_roster(text) == [], text


def test_a_long_name_after_a_role_that_ends_in_a_country():
    text = (
        "Deputy Minister Aidar Bekov met Ambassador Extraordinary and Plenipotentiary of Chile "
        "to the Republic of Kazakhstan Maria Elena Rojas Vidal."
    )
    assert _names(mentions.find_roster(text)) == {
        "Aidar Bekov": "Deputy Minister",
        "Maria Elena Rojas Vidal": (
            "Ambassador Extraordinary and Plenipotentiary of Chile to the Republic of Kazakhstan"
        ),
    }
    assert [m.name for m in mentions.find_mentions(text)] == ["Aidar Bekov"]  # no "Extraordinary"


def test_two_offices_joined_by_a_dash_make_one_role():
    text = (
        "Deputy Prime Minister – Minister of Foreign Affairs of the Republic of Kazakhstan "
        "Nurlan Abenov received the delegation. Deputy Prime Minister of Kazakhstan – Foreign "
        "Minister Serik Omarov summarized the talks."
    )
    assert _names(mentions.find_roster(text)) == {
        "Nurlan Abenov": (
            "Deputy Prime Minister – Minister of Foreign Affairs of the Republic of Kazakhstan"
        ),
        "Serik Omarov": "Deputy Prime Minister of Kazakhstan – Foreign Minister",
    }


def test_lesser_ranks_and_agency_credits_stay_out_of_names_and_roles():
    text = (
        "Assistant Secretary of State Jane Rowe visited Astana. Head of State Aidar Bekov "
        "received Yermek Sadykov, governor of Abai region, Kazinform reports."
    )
    assert _names(mentions.find_roster(text)) == {
        "Jane Rowe": "Assistant Secretary of State",
        "Aidar Bekov": "Head of State",
        "Yermek Sadykov": "governor of Abai region",
    }


def test_a_title_case_headline_names_no_one():
    assert mentions.find_mentions("Kazakh Foreign Minister Receives Chilean Ambassador") == []
    assert [m.name for m in mentions.find_mentions("Foreign Minister Dana Bekova")] == [
        "Dana Bekova"
    ]


def test_a_counterpart_is_a_person_named():
    text = "Minister Aidar Bekov held talks with his Chilean counterpart Pedro Alvarez, then left."
    assert [m.name for m in mentions.find_mentions(text)] == ["Aidar Bekov", "Pedro Alvarez"]
    assert mentions.find_mentions("The counterpart Agency was closed.") == []


def test_a_speech_title_may_put_the_role_first():
    doc = Document(
        "s.txt",
        "s.txt",
        "Statement of Minister of Foreign Affairs of the Republic of Kazakhstan B. Omarov at "
        "the Forum",
        "We support the Chairmanship.",
        "txt",
        passages=[Passage(1, "We support the Chairmanship.")],
    )
    assert mentions.speech_author(doc) == (
        "B. Omarov",
        "Minister of Foreign Affairs of the Republic of Kazakhstan",
        "title: Statement of Minister of Foreign Affairs of the Republic of Kazakhstan B. Omarov "
        "at the Forum",
    )


def test_a_role_may_stand_between_a_speaker_and_the_verb():
    text = (
        "In a video message, Dana Bekova, Rector of the Steppe University, underlined that "
        "diplomacy matters. Ambassador of Kazakhstan, H.E. Aidar Bekov stated: “We are ready.” "
        "Ambassador of Chile Mr. Pablo Rojas spoke about trade."
    )
    assert _speakers(text) == ["Dana Bekova", "Aidar Bekov", "Pablo Rojas"]
    assert _names(mentions.find_roster(text)) == {
        "Dana Bekova": "Rector of the Steppe University",
        "Aidar Bekov": "Ambassador of Kazakhstan",
        "Pablo Rojas": "Ambassador of Chile",
    }
    # A role after a comma must end in a country or a portfolio to be taken as a name's.
    assert mentions.find_roster("Minister of the Council, Aidar Bekov said.") == []


def test_a_word_that_opens_a_sentence_is_no_given_name():
    assert _speakers("Since Isaiah spoke of peace, nations have hoped.") == []


def test_a_pronoun_that_opens_a_paragraph_goes_on_with_the_passages_speaker():
    text = (
        "Kazakh Foreign Minister Dana Bekova outlined the policy. He said it is balanced.\n\n"
        "Bekova said she is concerned. President Aidar Bekov is in contact with both sides.\n\n"
        "He stressed that trade matters."
    )
    # "Kazakh" before the title does not hide the sentence's subject; the last "He" opens a
    # paragraph, so it is Bekova's, not the President's who began the paragraph before.
    assert _speakers(text) == ["Dana Bekova", "Dana Bekova", "Dana Bekova", "Dana Bekova"]
    # Without an earlier cue in the passage, the sentence before still decides.
    assert _speakers("Minister Dana Bekova met them.\n\nHe said it is balanced.") == ["Dana Bekova"]


def test_a_surname_alone_finds_the_one_full_name_the_text_writes():
    text = (
        "The grid plan passed, said first deputy minister of energy of Kazakhstan Serik "
        "Abenov after the vote. Tariffs will stay low this winter, said Abenov."
    )
    doc_people = mentions.DocPeople([], [], text)
    cues = mentions.passage_cues(text, doc_people)
    assert [cue for _, _, cue in cues][-1] == "verb before speaker: said Abenov"
    assert {w for _, w, _ in cues} == {"Serik Abenov"}
    # Two full names end in it: the surname stays as written, and speaks for no one.
    text += " Aigul Abenov agreed."
    assert mentions.DocPeople([], [], text).resolve("Abenov") == "Abenov"


def test_the_text_of_a_persons_speech_is_theirs():
    text = "Here is the full text of Aidar Bekov’s address to the deputies:"
    assert _speakers(text) == ["Aidar Bekov"]
    assert _speakers("Here is the text of the agreement:") == []


def test_a_word_after_a_title_in_a_title_case_headline_is_no_name():
    text = "What the President Proposed to the Council of Regions\nHe spoke at length."
    assert mentions.find_mentions(text) == []
    # A surname the text uses again is a name, headline or not.
    text = "President Tokayev Meets the Governors of Regions\nTokayev thanked them."
    assert [m.name for m in mentions.find_mentions(text)] == ["Tokayev"]
    # Each of a name's words used again, though not together, keeps the whole name.
    text = "Secretary Dana K. Omarova and the Governors At a Press Availability\nDana Omarova: Hi."
    assert [m.name for m in mentions.find_mentions(text)][:1] == ["Dana K. Omarova"]


def test_he_after_a_quotation_is_whoever_spoke_before_it():
    text = (
        "Minister Dana Bekova met the press. “It was a milestone. I stress it was fair,” she "
        "added. Later Aidar Bekov arrived."
    )
    assert _speakers(text) == ["Dana Bekova"]
    # With a cue earlier in the passage, the quotation goes on with that speaker.
    text = "Bekov met them. According to Minister Dana Bekova, trade grows. “It grows,” she said."
    assert _speakers(text) == ["Dana Bekova", "Dana Bekova"]


def test_an_aides_office_before_a_title_is_the_aides_role():
    text = "Press secretary of Kazakh President Berik Omarov briefed the media. The President said."
    found = _names(mentions.find_mentions(text))
    assert found == {"Berik Omarov": "Press secretary of Kazakh President"}
    # "The President" is not the President's press secretary.
    doc_people = mentions.DocPeople(mentions.find_roster(text), [])
    assert doc_people.by_role("President") is None


def test_a_courtesy_title_after_a_role_is_not_part_of_the_name():
    text = "Then the Deputy Minister of Digital Development Ms. Dana Bekova opened the forum."
    assert _names(mentions.find_roster(text)) == {
        "Dana Bekova": "Deputy Minister of Digital Development"
    }


def test_a_surname_is_not_taken_from_words_that_are_no_given_names():
    text = (
        "His Majesty King Birendra spoke. Four United States veterans fasted. The Prophet of "
        "Islam said: be just. Mecca Islam emerged as a moral force."
    )
    doc_people = mentions.DocPeople([], [], text)
    assert doc_people.resolve("Birendra") == "Birendra"  # no "Majesty King Birendra"
    assert doc_people.resolve("United") == "United"
    assert [w for _, w, _ in mentions.passage_cues(text, doc_people)] == ["Birendra"]


def test_a_portfolio_an_auxiliary_and_a_comma_after_a_quote_do_not_hide_the_speaker():
    text = (
        "“This is just the beginning”, President Aidar Bekov has told the deputies. "
        "“Reforms will continue”, he said. Justice Minister Dana Bekova said the bill is ready."
    )
    assert _speakers(text) == ["Aidar Bekov", "Aidar Bekov", "Dana Bekova"]
    assert _names(mentions.find_roster(text)) == {
        "Aidar Bekov": "President",
        "Dana Bekova": "Justice Minister",
    }


def test_a_plural_title_names_no_one():
    assert _speakers("Commonwealth Prime Ministers said the talks went well.") == []


def test_a_role_in_lower_case_between_the_verb_and_the_name():
    text = (
        "The grid plan passed, said first deputy minister of energy of Kazakhstan Serik "
        "Abenov after the vote."
    )
    assert _names(mentions.find_roster(text)) == {
        "Serik Abenov": "first deputy minister of energy of Kazakhstan"
    }
    assert _speakers(text) == ["Serik Abenov"]
    # Lower-case words after a role that are no name: nobody.
    assert mentions.find_roster("It grew, said the minister of finance on Monday.") == []


def test_a_speaker_who_does_something_first_and_then_speaks():
    text = "Ambassador Dana Bekova thanked the hosts for the welcome and noted that trade grows."
    assert _speakers(text) == ["Dana Bekova"]
    text = "Aidar Bekov opened the forum and also stressed that the region needs a fund."
    assert _speakers(text) == ["Aidar Bekov"]
    # The subject must open the sentence, and "and" must join the verbs, not a new subject.
    assert _speakers("The forum was opened with Aidar Bekov and noted by the press.") == []
    assert _speakers("Aidar Bekov opened the forum, and the governor said it was late.") == []


def test_said_before_a_demonym_or_two_offices_and_a_name():
    name = "Talgat Serikbayev"
    for said in (
        "said Kazakh Foreign Minister Talgat Serikbayev",
        "said Deputy Prime Minister, Minister of Foreign Affairs Talgat Serikbayev",
        "said Deputy Prime Minister – Minister of Foreign Affairs Talgat Serikbayev",
        "said Kazakh Deputy Prime Minister, Foreign Minister Talgat Serikbayev",
    ):
        assert _speakers(f"The plan is ready, {said}.") == [name], said
    # A demonym is never taken for a given name ("said Foreign Minister Talgat").
    assert _speakers("It is ready, said Kazakh Foreign Minister Talgat Serikbayev.") == [name]


def test_a_quotation_in_single_quotes():
    text = "“The plan is ready,’ said Talgat Serikbayev."
    assert _speakers(text) == ["Talgat Serikbayev"]
    text = (
        "Foreign Minister Talgat Serikbayev congratulated the hosts: ‘Water binds our "
        "region,’ he said."
    )
    assert _speakers(text) == ["Talgat Serikbayev"]
    text = "Minister Talgat Serikbayev met them. 'It is Kazakhstan's turn,' he said."
    assert _speakers(text) == ["Talgat Serikbayev"]
    # An apostrophe that ends a word opens no quotation and closes none.
    assert _speakers("The ministers' he said was wrong.") == []


def _author(title: str, text: str = "I thank you.") -> tuple[str, str] | None:
    doc = Document("a.txt", "a.txt", title, f"{title}\n\n{text}", "txt", [Passage(1, text)])
    found = mentions.speech_author(doc)
    return found[:2] if found else None


def test_a_speech_named_after_its_speaker_or_with_the_name_set_off_by_commas():
    assert _author("Foreign Minister Dana Omarova’s remarks at a news conference, Astana") == (
        "Dana Omarova",
        "Foreign Minister",
    )
    assert _author("President of Kazakhstan Aidar Bekov's State of the Nation Address") == (
        "Aidar Bekov",
        "President of Kazakhstan",
    )
    title = "Speech by the Kazakh Foreign Minister, Dana Omarova, and her answers to the press"
    assert _author(title) == ("Dana Omarova", "the Kazakh Foreign Minister")
    # A role alone is no author; nor is a possessive that is not a person's.
    assert _author("Speech by the Foreign Minister at the forum") is None
    assert _author("The Assembly's statement on water") is None


def test_a_byline_whose_role_is_on_the_next_line():
    text = "by H.E. Mr. Aidar Bekov,\nMinister of Energy of Kazakhstan\n\nI thank you for my visit."
    doc = Document("a.txt", "a.txt", "Energy", text, "txt", passages=[Passage(1, text)])
    role = "Minister of Energy of Kazakhstan"
    assert mentions.speech_author(doc)[:2] == ("Aidar Bekov", role)


def test_deputy_fm_is_a_title():
    text = "Deputy FM Dana Omarova opened the exhibition. Omarova said it was a milestone."
    assert _names(mentions.find_roster(text)) == {"Dana Omarova": "Deputy FM"}
    assert _speakers(text) == ["Dana Omarova"]


def test_a_listed_name_does_not_begin_with_a_word_the_text_writes_in_lower_case():
    text = (
        "Growth and Prosperity Aidar Bekov Omarov, President of the Fund\n\n"
        "Prosperity comes from work; prosperity is shared."
    )
    assert _names(mentions.find_roster(text)) == {"Aidar Bekov Omarov": "President of the Fund"}
    # What is left is a name cleaned again: a style before it goes too.
    text = "As Mwalimu Aidar Bekov, the former Chairman of the Fund, has said, we act as one."
    assert _names(mentions.find_roster(text)) == {"Aidar Bekov": "former Chairman of the Fund"}


def test_an_interview_with_someone_is_theirs():
    assert _author("Interview with President Aidar Bekov for the Astana Daily") == (
        "Aidar Bekov",
        "President",
    )
    text = (
        "Permanent Representative of Kazakhstan to the UN Dana Omarova, in an interview "
        "with a Kazinform correspondent, spoke about the session."
    )
    assert _speakers(text) == ["Dana Omarova"]


def test_a_surname_with_an_apostrophe_and_reminded():
    text = "“We must reaffirm it,” stated Sean O’Malley, the coordinator."
    assert _speakers(text) == ["Sean O'Malley"]
    assert _speakers("Minister Dana Bekova reminded that the deal was signed.") == ["Dana Bekova"]


def test_an_interviews_subject_from_its_headline_or_its_introduction():
    answers = "I came here in 2009. My first surprise was the winter."
    headline = "The region is open to the world - British Ambassador to Kazakhstan Aidar Bekov"
    intro = "Here is our whole conversation, an interview with the envoy."
    assert _author(headline, f"{intro}\n\n{answers}") == (
        "Aidar Bekov",
        "Ambassador to Kazakhstan",
    )
    # Without saying it is an interview, a headline's name is a quoted person, not the author.
    assert _author(headline, answers) is None
    text = f"Foreign Minister Dana Omarova answered the questions of our readers.\n\n{answers}"
    assert _author("Ask the minister", text) == ("Dana Omarova", "Foreign Minister")
    # A report in the third person of what she answered is not her interview.
    report = "Foreign Minister Dana Omarova answered the questions of deputies. She said no."
    assert _author("Ask the minister", report) is None


def test_a_role_first_speaker_who_does_something_first_and_then_speaks():
    text = (
        "Consultant to the OSCE Secretariat Valery Orlov presented an analysis of threats "
        "and stressed the need for dialogue."
    )
    assert _speakers(text) == ["Valery Orlov"]


def test_more_shapes_of_speaking():
    # "in his speech" between a name and its verb, with commas or without
    assert _speakers("Minister Aidar Bekov in his speech emphasized the point.") == ["Aidar Bekov"]
    text = "Minister Aidar Bekov, during his remarks, highlighted the areas."
    assert _speakers(text) == ["Aidar Bekov"]
    # a role in lower case after "according to"; "the Deputy Minister" is still a role
    text = "According to military expert Aidar Bekov, they may act."
    assert _speakers(text) == ["Aidar Bekov"]
    # a speech given
    text = "Chinese Foreign Minister Wang Lei delivered remarks by video from Beijing."
    assert _speakers(text) == ["Wang Lei"]
    assert _speakers("Kazakhstan made a statement on trade.") == []
    # "He noted" after a sentence whose one person is not its subject
    text = "The event was attended by Ambassador Dana Bekova. He noted that trade grows."
    assert _speakers(text) == ["Dana Bekova"]
    text = "The event was attended by Ambassador Dana Bekova and Minister Aidar Bekov. He noted it."
    assert _speakers(text) == []


def test_a_surname_after_an_initial_is_the_texts_one_full_name():
    text = "Y. Tukumov opened the forum. Tukumov, Director of the Institute, noted the need."
    doc_people = mentions.DocPeople(mentions.find_roster(text), [], text)
    assert [who for _, who, _ in mentions.passage_cues(text, doc_people)] == ["Y. Tukumov"]


def test_according_to_a_newspaper_names_no_one():
    assert _speakers("According to the Chicago Tribune, the talks failed.") == []
    assert _speakers("According to a Steppe Daily Mail report, it rained.") == []
    assert _speakers("It is ranked third, according to the prestigious Lonely Planet guide.") == []


def test_places_peoples_and_programmes_do_not_speak():
    for text in (
        "The countries of the Global South continued to be marginalised.",
        "Hurricane Dorian reminded us of our fragility.",
        "For our part, Costa Ricans have insisted on human rights.",
        "We act according to the agreed Sustainable Development Goals, which call for it.",
        "The Minister for Foreign Affairs of the Russian Federation referred to it. He also "
        "said more.",
    ):
        assert _speakers(text) == [], text


def test_according_to_a_statement_by_someone():
    text = "It grew, according to a statement by Mr. Aidar Bekov, the minister."
    assert _speakers(text) == ["Aidar Bekov"]


def _titled_doc(title: str, text: str) -> Document:
    return Document("a.txt", "a.txt", title, text, "txt", passages=[Passage(1, text)])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ambassador Lena Vogt expressed hope that trade will grow.", ["Lena Vogt"]),
        ("Minister Aidar Bekov proposed a new transit corridor.", ["Aidar Bekov"]),
        ("Professor Dana Omarova described the talks as useful.", ["Dana Omarova"]),
        ("Mr. Vogt shared his view of the region. He also confirmed the dates.", ["Vogt"] * 2),
        # Groups of states and countries express positions, and are no speakers.
        ("The Non-Aligned Movement expressed support for the plan.", []),
        ("Uzbekistan shared its experience of water reform.", []),
        # "offered" is speech as a proposal only: not "He has offered a grant".
        ("Ted Morrow, a banker, has offered a grant to the fund.", []),
        ("Ambassador Ted Morrow offered to discuss the rivers.", ["Ted Morrow"]),
    ],
)
def test_verbs_that_report_speech_after_their_subject(text, expected):
    assert _speakers(text) == expected


def test_a_role_and_where_its_speech_was_may_stand_between_speaker_and_verb():
    text = (
        "Ruslan Temirov, Deputy Consul of Kazakhstan, in his remarks to the students of the "
        "college, expressed gratitude to the rector."
    )
    assert _speakers(text) == ["Ruslan Temirov"]


def test_a_speech_title_may_call_itself_the_text_of_an_address():
    doc = _titled_doc("Full text of the video message from President Aidar Bekov", "We begin.")
    assert mentions.speech_author(doc)[:2] == ("Aidar Bekov", "President")
    doc = _titled_doc("Message from the Secretariat to the delegates", "We begin.")
    assert mentions.speech_author(doc) is None


def test_a_line_that_announces_a_speech_gives_the_speech_to_its_speaker():
    text = "The embassy hosted a reception.\nHere is the speech of Ambassador Aidar Bekov:"
    assert _speakers(text) == ["Aidar Bekov"]
    # The speech must follow the colon: a sentence that goes on names no one speaking.
    assert _speakers("The speech of Ambassador Aidar Bekov: a summary follows below.") == []


def test_an_interview_headed_by_its_speakers_name_and_words():
    text = (
        "Ambassador Lena Vogt: Living in Astana is a joy for me\n\n"
        "– Madam Ambassador, how do you assess our relations today?\n\n"
        "– I think they are very good. My first visit was long ago, and I see the change."
    )
    assert mentions.speech_author(_titled_doc(text.split("\n")[0], text))[:2] == (
        "Lena Vogt",
        "Ambassador",
    )
    plain = text.replace("Ambassador Lena Vogt", "Lena Vogt")
    assert mentions.speech_author(_titled_doc(plain.split("\n")[0], plain))[:2] == (
        "Lena Vogt",
        "",
    )
    # A news story with such a headline and no questions is no interview.
    news = (
        "Lena Vogt: trade will grow\n\nThe ambassador met students. I think, my view, "
        "she told them, is that trade will grow."
    )
    assert mentions.speech_author(_titled_doc(news.split("\n")[0], news)) is None


def test_a_possessive_title_needs_a_title_or_a_name_before_the_possessive():
    doc = _titled_doc("For Whom Bekov’s Radio Interview Was Meant", "I think my view is clear.")
    assert mentions.speech_author(doc) is None
    doc = _titled_doc("Bekov’s Radio Interview on Water", "I think my view is clear.")
    assert mentions.speech_author(doc)[:2] == ("Bekov", "")


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        (
            "the Emir of Qatar Khalid Bin Nasser Al Rashed said",
            "Khalid Bin Nasser Al Rashed",
            "Emir of Qatar",
        ),
        (
            "Minister of Foreign Affairs of Saudi Arabia Omar bin Saleh Al Harbi said",
            "Omar bin Saleh Al Harbi",
            "Minister of Foreign Affairs of Saudi Arabia",
        ),
        (
            "Ambassador of Saudi Arabia Aidar Bekov said",
            "Aidar Bekov",
            "Ambassador of Saudi Arabia",
        ),
    ],
)
def test_arabic_names_with_particles_after_a_role(text, name, role):
    assert _names(mentions.find_roster(text)) == {name: role}


def test_people_who_only_attended_an_event_are_not_listed_as_speakers():
    intro = (
        "The forum was attended by Minister of Energy Aidar Bekov and Ambassador of Norway "
        "Ola Lindqvist. The speakers were Professor Dana Omarova and Mrs. Lena Vogt, Director of "
        "the Centre."
    )
    at = {m.name: mentions.attending(intro, m.start) for m in mentions.find_roster(intro)}
    assert at == {
        "Aidar Bekov": True,
        "Ola Lindqvist": True,
        "Dana Omarova": False,
        "Lena Vogt": False,
    }
    met = "Then the experts met Senator Aidar Bekov and Minister of Energy of Aqtobe Ola Lindqvist."
    assert all(mentions.attending(met, m.start) for m in mentions.find_roster(met))
    # A sentence may go on from the guests to the speakers.
    mixed = "The guest was Ambassador Ola Lindqvist, and the speakers were Minister Aidar Bekov."
    at = {m.name: mentions.attending(mixed, m.start) for m in mentions.find_roster(mixed)}
    assert at == {"Ola Lindqvist": True, "Aidar Bekov": False}


def test_the_president_is_the_one_introduced_as_head_of_state():
    roster = [mentions.Mention("Aidar Bekov", "Head of State", 0, 10, True, True)]
    doc_people = mentions.DocPeople(roster, [])
    assert doc_people.by_role("President of Kazakhstan") == "Aidar Bekov"
    assert doc_people.by_role("Minister") is None


def test_a_relative_clause_and_a_speech_before_the_pronoun_are_cues():
    text = (
        "The forum was opened by the Executive Director of the Steppe Secretariat Lena Vogt, "
        "who shared news of the preparations."
    )
    assert _speakers(text) == ["Lena Vogt"]
    text = (
        "The event was opened by the Director of the SRI Aidar Bekov. In his speech, he noted "
        "the growth of trade."
    )
    assert _speakers(text) == ["Aidar Bekov"]
    # A role that ends in no institution's initials needs more to show a name follows it.
    assert _speakers(text.replace("the SRI", "the Steppe Institute")) == []


def test_a_diplomat_is_the_ambassador_the_text_introduced():
    text = (
        "Minister Aidar Bekov met with Ambassador of Norway Ola Lindqvist. "
        "The Norwegian diplomat noted the growth of trade."
    )
    assert _speakers(text) == ["Ola Lindqvist"]
    # Of another country, or with no ambassador introduced, it names no one.
    assert _speakers(text.replace("Norwegian", "Finnish")) == []
    assert _speakers("Minister Aidar Bekov met the guests. The diplomat noted the growth.") == []


def test_words_the_text_writes_in_lower_case_do_not_propose_anything():
    text = (
        "We discussed the death penalty. The Commission on the Death Penalty, proposed a ban. "
        "Aidar Bekov proposed a plan."
    )
    doc_people = mentions.DocPeople(mentions.find_roster(text), [], text)
    found = [who for _, who, _ in mentions.passage_cues(text, doc_people)]
    assert found == ["Aidar Bekov"]
