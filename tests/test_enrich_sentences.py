"""Sentence splitting on news prose: abbreviations, initials, numbers, quotes, and paragraph bounds."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from builder.enrich.sentences import split_sentences
from builder.records import Span
from tests.paths import SAMPLES


def _document(*paragraphs: str) -> tuple[str, list[Span]]:
    spans, position = [], 0
    for paragraph in paragraphs:
        spans.append(Span(start=position, end=position + len(paragraph)))
        position += len(paragraph) + 2
    return "\n\n".join(paragraphs), spans


def _sentences(*paragraphs: str) -> list[str]:
    text, spans = _document(*paragraphs)
    return [text[span["start"] : span["end"]] for span in split_sentences(text, spans)]


def _sample_paragraphs(first_line: int, last_line: int) -> list[str]:
    lines = (SAMPLES / "daily8-putin-trump-call.txt").read_text(encoding="utf-8").split("\n")
    return [line.strip() for line in lines[first_line - 1 : last_line] if line.strip()]


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        (
            "Mr. Smith met Gov. Jones and Dr. Lee in St. Louis. They talked.",
            ["Mr. Smith met Gov. Jones and Dr. Lee in St. Louis.", "They talked."],
        ),
        (
            "The vote is set for Jan. 5 in the capital. It may slip.",
            ["The vote is set for Jan. 5 in the capital.", "It may slip."],
        ),
        ("He wore the No. 5 shirt. No. He did not.", ["He wore the No. 5 shirt.", "No.", "He did not."]),
        (
            "Donald J. Trump spoke. J.K. Rowling did not.",
            ["Donald J. Trump spoke.", "J.K. Rowling did not."],
        ),
        (
            "Acme Inc. said it would pay $1.5 billion, up 3.2% on last year. Shares rose 0.4 percent.",
            ["Acme Inc. said it would pay $1.5 billion, up 3.2% on last year.", "Shares rose 0.4 percent."],
        ),
        (
            "U.S. officials said the talks had stalled. The shipments came from the U.S. The Kremlin said nothing.",
            [
                "U.S. officials said the talks had stalled.",
                "The shipments came from the U.S.",
                "The Kremlin said nothing.",
            ],
        ),
        (
            "The meeting ended at 2 p.m. on Friday. Nobody spoke.",
            ["The meeting ended at 2 p.m. on Friday.", "Nobody spoke."],
        ),
        ("He paused... and went on. Then... Silence.", ["He paused... and went on.", "Then...", "Silence."]),
        ("Use a tool, e.g. Google Sheets. Or not.", ["Use a tool, e.g. Google Sheets.", "Or not."]),
        ("Is it over? Yes! It is.", ["Is it over?", "Yes!", "It is."]),
        (
            "2. Plant-Forward Eating Gets a Twist. It won 2. Then 3.1. Setup.",
            ["2. Plant-Forward Eating Gets a Twist.", "It won 2.", "Then 3.1.", "Setup."],
        ),
    ],
)
def test_news_abbreviations_numbers_and_punctuation(paragraph: str, expected: list[str]) -> None:
    assert _sentences(paragraph) == expected


def test_closing_quote_marks_stay_with_their_sentence() -> None:
    paragraph = (
        "\"We hope it's going to happen. And we're looking forward to it happening sometime next week,\" he told "
        'reporters earlier this week. "We want to get the hostages out."'
    )
    assert _sentences(paragraph) == [
        "\"We hope it's going to happen.",
        "And we're looking forward to it happening sometime next week,\" he told reporters earlier this week.",
        '"We want to get the hostages out."',
    ]
    assert _sentences("'Russia will not give up on these aims.' Moscow said so. “It is over.” Done.") == [
        "'Russia will not give up on these aims.'",
        "Moscow said so.",
        "“It is over.”",
        "Done.",
    ]


def test_a_footnote_number_glued_to_a_full_stop_ends_its_sentence_but_not_an_abbreviation() -> None:
    assert _sentences("Medicare takes 1.45% of all wages.4 For earnings in 2026, the base is higher.") == [
        "Medicare takes 1.45% of all wages.4",
        "For earnings in 2026, the base is higher.",
    ]
    assert _sentences("Is it loyalty to Rust?12 Based on surveys, yes.") == [
        "Is it loyalty to Rust?12",
        "Based on surveys, yes.",
    ]
    for whole in (
        "The No.10 Downing Street team met the No.1 Seed there.",
        "Version 2.4 For all users shipped.",
        "It was good.2 of them left.",
    ):
        assert _sentences(whole) == [whole]


def test_a_lower_case_word_after_a_quote_continues_the_sentence() -> None:
    assert _sentences('"Are you saying that?" asked Pineda. "Correct."') == [
        '"Are you saying that?" asked Pineda.',
        '"Correct."',
    ]


def test_sample_article_sentences_match_their_text_and_never_cross_paragraphs() -> None:
    paragraphs = _sample_paragraphs(8, 30)
    text, spans = _document(*paragraphs)
    sentences = split_sentences(text, spans)
    assert len(sentences) == len(paragraphs)  # each paragraph of the seed article is one sentence
    previous_end = 0
    for sentence in sentences:
        covered = text[sentence["start"] : sentence["end"]]
        assert covered == covered.strip()
        assert "\n\n" not in covered
        assert sentence["start"] >= previous_end
        previous_end = sentence["end"]


def test_one_line_related_article_splits_into_its_sentences() -> None:
    (paragraph,) = _sample_paragraphs(67, 67)
    sentences = _sentences(paragraph)
    assert sentences[0].startswith("CAIRO, July 5 — Hamas said it had responded")
    assert 'Hamas wrote on its official website: "The Hamas movement has completed' in sentences[2]
    assert sentences[3].startswith('"The movement has delivered its response')
    assert '"There should have been a ceasefire long ago before I lost my brother," said 13-year-old' in " ".join(
        sentences
    )
    assert sentences[-1] == "— Reuters"


def test_line_breaks_inside_a_paragraph_end_sentences_and_whitespace_is_trimmed() -> None:
    assert _sentences("  Items to pack:\n- Sit comfortably\n- Breathe slowly  ") == [
        "Items to pack:",
        "- Sit comfortably",
        "- Breathe slowly",
    ]


def test_empty_and_blank_paragraphs_give_no_sentences() -> None:
    assert _sentences("   ") == []
    assert split_sentences("", []) == []


_NEWSY = st.lists(st.sampled_from([*list("aB .?!'\"“”‘’…\n;:,-5$%"), "Mr.", "U.S.", " No. ", "J.", "said"])).map(
    "".join
)


@given(st.lists(_NEWSY, min_size=1, max_size=4))
def test_any_text_gives_sorted_trimmed_sentences_inside_their_paragraphs(paragraphs: list[str]) -> None:
    text, spans = _document(*paragraphs)
    previous_end = 0
    for sentence in split_sentences(text, spans):
        covered = text[sentence["start"] : sentence["end"]]
        assert covered
        assert covered == covered.strip()
        assert sentence["start"] >= previous_end
        assert any(span["start"] <= sentence["start"] and sentence["end"] <= span["end"] for span in spans)
        previous_end = sentence["end"]
