from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from searchlib.passages import split_paragraphs, split_passages, split_sentences

LONG = (
    "The delegation of Kazakhstan raised the question of water security in Central Asia. "
    "It noted that the glaciers feeding the rivers of the region have shrunk noticeably. "
)


def wrap(text: str, width: int = 60) -> str:
    lines, current = [], ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return "\n".join(lines)


def test_hard_wrapped_paragraphs_are_rejoined():
    first = LONG * 2
    second = "Another paragraph follows here and it also runs over several lines of text. " * 3
    text = wrap(first) + "\n\n" + wrap(second)
    paragraphs = split_paragraphs(text)
    assert paragraphs == [" ".join(first.split()), " ".join(second.split())]


def test_one_paragraph_per_line_is_kept():
    lines = [LONG * 2, "Mr. Smith replied that the budget was approved in 2019. " * 6, LONG * 3]
    paragraphs = split_paragraphs("\n".join(lines))
    assert paragraphs == [" ".join(line.split()) for line in lines]


def test_short_one_line_paragraphs_ending_sentences_are_not_joined():
    text = "We agree.\nThey disagreed with the plan entirely.\nNobody came to the meeting."
    assert len(split_paragraphs(text)) == 3


def test_indented_first_lines_mark_paragraphs_in_wrapped_text():
    para_a = "The recent war had no clear victor and many people suffered greatly. " * 3
    para_b = "The Middle East is going through the throes of change once again. " * 3
    text = wrap(para_a, 55) + "\n " + wrap(para_b, 55)
    assert split_paragraphs(text) == [" ".join(para_a.split()), " ".join(para_b.split())]


def test_wrap_hyphen_rejoined_only_between_lowercase_letters():
    base = "The meeting discussed cooperation with several partners on the matter of the "
    text = (
        base
        + "interna-\ntional agenda of the Republic and President Kassym-\nJomart "
        + ("Tokayev who spoke at length about the reforms of the past year in the country.")
    )
    paragraph = " ".join(split_paragraphs(wrap(base, 90) + text[len(base) :]))
    assert "international agenda" in paragraph
    assert "Kassym-Jomart" in paragraph


def test_hyphenated_compound_seen_elsewhere_keeps_its_hyphen():
    text = (
        "The state pursues a self-evolutionary path of development of its own political\n"
        "system, and it is this kind of orderly and peaceful self-\nevolutionary succession\n"
        "that the speaker praised in the talk."
    )
    assert "self-evolutionary succession" in split_paragraphs(text)[0]


def test_sentences_not_split_after_abbreviations_initials_and_decimals():
    text = (
        "Mr. Smith met Dr. Jones in the U.S. capital. Growth was 3.5 per cent, e.g. in Almaty. "
        "K. Tokayev spoke. It ended."
    )
    assert split_sentences(text) == [
        "Mr. Smith met Dr. Jones in the U.S. capital.",
        "Growth was 3.5 per cent, e.g. in Almaty.",
        "K. Tokayev spoke.",
        "It ended.",
    ]


def test_long_paragraph_cut_at_sentence_boundaries_in_balanced_pieces():
    sentence = "Mr. Ashikbayev said the U.S. and Kazakhstan agreed on many points of trade. "
    paragraph = sentence * 40  # about 3000 characters
    passages = split_passages(paragraph, max_chars=1000)
    assert all(len(p) <= 1000 for p in passages)
    assert all(p.startswith("Mr. Ashikbayev") and p.endswith("trade.") for p in passages)
    sizes = [len(p) for p in passages]
    assert max(sizes) - min(sizes) <= len(sentence)


def test_single_overlong_sentence_cut_at_clause_or_space():
    sentence = ", ".join(f"item number {i} of the list" for i in range(200)) + "."
    passages = split_passages(sentence, max_chars=500)
    assert all(len(p) <= 500 for p in passages)
    assert " ".join(passages).split() == sentence.split()


def test_short_heading_merges_with_following_and_thank_you_with_previous():
    body = LONG * 2
    text = "Opening remarks\n" + body + "\nThank you."
    passages = split_passages(text)
    assert passages == ["Opening remarks\n" + body.strip() + "\nThank you."]


def test_merging_never_exceeds_max_chars():
    text = "\n".join(["Heading"] + ["Xx" * 45 + "." for _ in range(5)])
    passages = split_passages(text, min_chars=200, max_chars=200)
    assert all(len(p) <= 200 for p in passages)
    assert passages[0].startswith("Heading\n")


def test_whitespace_collapsed_but_characters_kept():
    text = "«Hello»\t\tsaid  the “Minister”   —  twice.\u00a0End. " * 10
    passages = split_passages(text)
    assert "  " not in passages[0] and "\t" not in passages[0]
    assert "«Hello» said the “Minister” — twice. End." in passages[0]


def test_empty_text_has_no_passages():
    assert split_passages("") == []
    assert split_passages(" \n\n\t\n") == []


def test_sample_shaped_text_gives_one_passage_per_line_with_title_merged():
    title = "Kazakhstan Beyond Headlines: One Year of President Kassym-Jomart Tokayev"
    lines = [title] + [f"Paragraph {i}. " + LONG * 2 for i in range(5)]
    passages = split_passages("\n".join(lines))
    assert len(passages) == 5
    assert passages[0] == title + "\n" + lines[1].strip()
    assert passages[1:] == [line.strip() for line in lines[2:]]


words = st.text(
    alphabet=st.characters(
        whitelist_categories=("Lu", "Ll", "Nd", "Po"), blacklist_characters="-\u00ad"
    ),
    min_size=1,
    max_size=25,
)
separators = st.sampled_from([" ", " ", " ", "\n", "\n\n", "\t", "  ", "\r\n", " \n "])


@st.composite
def texts(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.tuples(words, separators), max_size=300))
    return "".join(w + s for w, s in parts)


@settings(max_examples=150, deadline=None)
@given(texts(), st.integers(0, 300), st.integers(40, 2000))
def test_split_keeps_word_sequence_and_size(text: str, min_chars: int, max_chars: int):
    min_chars = min(min_chars, max_chars)
    passages = split_passages(text, min_chars=min_chars, max_chars=max_chars)
    assert " ".join(passages).split() == text.split()
    for passage in passages:
        assert len(passage) <= max_chars or len(passage.split()) == 1
        assert passage == passage.strip() and not re.search(r"[^\S\n]{2,}|\t", passage)
    assert split_passages(text, min_chars=min_chars, max_chars=max_chars) == passages


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=2000))
def test_any_text_loses_no_characters_except_whitespace_and_wrap_hyphens(text: str):
    passages = split_passages(text, max_chars=300)

    def letters(s: str) -> str:
        return re.sub(r"[\s\-\u00ad]", "", s)

    assert letters("".join(passages)) == letters(text)


def test_lowercased_text_still_splits_into_sentences():
    assert split_sentences("the plate was tested at mach 5.8 . results agree with theory .") == [
        "the plate was tested at mach 5.8 .",
        "results agree with theory .",
    ]
    assert len(split_sentences("Results agree. but not here")) == 1
