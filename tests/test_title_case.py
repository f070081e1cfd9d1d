"""A title printed in capitals, as a browser's copy of a page prints a headline its stylesheet sets so, is put back
in the case its words are written in (`builder.ingest.title_case`)."""

from __future__ import annotations

import pytest

from builder.ingest.pagetext import extract_pagetext
from builder.ingest.title_case import in_written_case, is_shouted
from tests.test_pagetext import PROSE

STORY = [
    "US News & World Report has ranked MBA programs for decades, and the J.D. Power study rates the iPhone "
    "sold at AT&T stores above the rest.",
    "Applicants read the rankings to choose where to apply, and the schools read them to see where they stand.",
]


@pytest.mark.parametrize(
    ("printed", "written"),
    [
        # Acronyms and names as the story writes them; small words in lower case inside the title, and capitalised
        # where a part of it opens (after a colon, a question, a dash).
        ("US NEWS MBA RANKINGS: FULL & PART TIME PROGRAMS", "US News MBA Rankings: Full & Part Time Programs"),
        ("HOW MUCH DOES A REMODEL COST? A GUIDE TO BUDGETING", "How Much Does a Remodel Cost? A Guide to Budgeting"),
        ("THE IPHONE AT AT&T — A J.D. POWER STUDY", "The iPhone at AT&T — A J.D. Power Study"),
        ("WHAT’S CHANGING IN PART-TIME WORK", "What’s Changing in Part-Time Work"),
        ("ACTUARIAL CONSULTING VS. INSURANCE", "Actuarial Consulting vs. Insurance"),
        # Roman numerals and words with digits keep their capitals.
        (
            "PROCESS KNOWLEDGE, PART IV: TOP 7 TRENDS OF 2025 AND 5G",
            "Process Knowledge, Part IV: Top 7 Trends of 2025 and 5G",
        ),
        # Initials keep their capitals where the page does not write them otherwise.
        ("U.S. TROOPS LEAVE THE BASE", "U.S. Troops Leave the Base"),
        # Not in capitals (or too short to tell): as printed.
        ("Building a Transparent Keyserver", "Building a Transparent Keyserver"),
        ("NASA", "NASA"),
        ("Why NASA WAITS", "Why NASA WAITS"),
    ],
)
def test_a_title_in_capitals_takes_headline_case_with_the_story_s_acronyms_and_names(
    printed: str, written: str
) -> None:
    assert in_written_case(printed, ["Home", printed, *STORY], english=True) == written


def test_the_page_s_own_printing_in_mixed_case_comes_first() -> None:
    # A breadcrumb or a second printing holds the headline as it was written: "for", "Online" as the site wrote them.
    printings = ["Home", "Tips For Online success", "TIPS FOR ONLINE SUCCESS"]
    assert in_written_case("TIPS FOR ONLINE SUCCESS", printings, english=True) == "Tips For Online success"


def test_only_a_form_the_story_prints_as_often_as_the_lower_case_word_is_kept() -> None:
    # "US" once and "us" twice is the pronoun: no acronym. A subheading in capitals tells nothing.
    story = ["The US said it would tell us more.", "Write to us.", "WHAT THE US SAID"]
    assert in_written_case("TELL US WHAT YOU THINK", story, english=True) == "Tell Us What You Think"
    assert in_written_case("THE US SAID NO", ["The US said no to the plan."], english=True) == "The US Said No"
    # A menu's items in capitals, a word to a line, are the stylesheet's too.
    page = ["NEWS", "SPORT", "The council met.", "News of the vote spread."]
    assert in_written_case("NEWS FROM THE COUNCIL", page, english=True) == "News from the Council"


def test_other_languages_keep_a_title_in_capitals_unless_the_page_prints_it_otherwise() -> None:
    # German capitalises its nouns, French writes titles in sentence case: headline case would be wrong.
    title = "DIE STADT VERLÄNGERT DEN NACHTBUS"
    assert in_written_case(title, ["Die Stadt hat den Nachtbus verlängert."], english=False) == title
    printed = "Die Stadt verlängert den Nachtbus"
    assert in_written_case(title, [printed], english=False) == printed


def test_is_shouted() -> None:
    assert is_shouted("BUILDING A TRANSPARENT KEYSERVER")
    assert is_shouted("WHAT’S NEXT? 7 TRENDS")
    assert not is_shouted("Building a Transparent Keyserver")
    assert not is_shouted("AI")
    assert not is_shouted("2025")


def test_the_page_text_extractor_writes_a_headline_in_capitals_in_its_words_case() -> None:
    # Chromium's innerText prints a headline set in capitals by the stylesheet so (WCXB 0430, 0355, 0223).
    page = ["Home", "News", "NIGHT BUSES FOR EVERY DISTRICT", "By Jane Doe", "May 5, 2025", *PROSE]
    [main] = extract_pagetext("\n".join(page) + "\n")
    assert main.title == "Night Buses for Every District"
