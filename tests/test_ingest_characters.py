"""Characters as a reader sees them, in every format: invisible ones out, icon-font glyphs dropped, mojibake that
a site wrote into its own valid UTF-8 read again."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from builder.ingest.build import tidy
from builder.ingest.characters import visible
from builder.ingest.parts import ArticleParts
from builder.records import DocumentRole, ParagraphKind
from tests.test_ingest import SAMPLE_PAGE, ingest, read_jsonl


@pytest.mark.parametrize(
    ("text", "seen"),
    [
        # Format characters inside and between words.
        ("H\ufeffow to Apply the Formula", "How to Apply the Formula"),
        ("\u200bPersonalization has become", "Personalization has become"),
        ("CEO: \u200b\u200b\u200bArvind Krishna", "CEO: Arvind Krishna"),
        ("a soft\u00adhyphen", "a softhyphen"),
        # An icon font's glyphs (Font Awesome's share buttons).
        ("\uf09a \uf232 \uf142", "  "),
        ("Speak with an expert\ue80a", "Speak with an expert"),
        # UTF-8 read as Latin-1 or Windows-1252, in the site's own page.
        ("isnâ€™t", "isn’t"),
        ("Clients Review: â\xad\x90â\xad\x90 (5/5 stars)", "Clients Review: ⭐⭐ (5/5 stars)"),
        ("the WireGuardÂ® protocol", "the WireGuard® protocol"),
        ("â\x80\x9cThe fact is,â\x80\x9d she said", "“The fact is,” she said"),
        ("Designed by Zyner.io ⚡ï¸\x8f", "Designed by Zyner.io ⚡\ufe0f"),
        ("ðŸ˜€ smile", "😀 smile"),
        ("ÐŸÑ€Ð¸Ð²ÐµÑ‚", "Привет"),
        # Decoded wrongly twice.
        ("isnÃ¢â‚¬â„¢t", "isn’t"),
        ("cafÃ\x83Â©", "café"),
        # Left alone: text that only looks so, and mojibake quoted as an example of itself.
        ("château, pâté, Straße, naïve, été à 10°C", "château, pâté, Straße, naïve, été à 10°C"),
        ("Ñ° and Ð\xa0", "Ñ° and Ð "),
        ("CAFÉ\xa0!", "CAFÉ !"),
        ('I saw "Ã¤" instead of "ä"', 'I saw "Ã¤" instead of "ä"'),
        # A quote mark on one side only is no quoting: the run at the text's end is read again.
        ('He ordered a "cafÃ©', 'He ordered a "café'),
        ("Ã", "Ã"),
        # Joiners stay inside words: Persian and emoji sequences need them. At a word's edge they join nothing.
        ("می\u200cخواهم 👩\u200d💻", "می\u200cخواهم 👩\u200d💻"),
        ("\u200d", ""),
        # No-break, narrow and fixed-width spaces are spaces, once mojibake is read again (a no-break space is
        # one of its bytes).
        ("Low light tolerant\xa0houseplants", "Low light tolerant houseplants"),
        ("10\u202fkm at 3\u2009pm\u3000", "10 km at 3 pm "),
        ("a price ofÂ\xa0$5", "a price of $5"),
        # Control characters, as a scraper's JSON can carry them: each a space, as a stray NUL in a page is. Tabs
        # and line breaks stay.
        ("\x00\x01 abc\x7f", "   abc "),
        ("Putin\x1b talks\tagain\n", "Putin  talks\tagain\n"),
        # C1 controls too ("next line" in a title), once mojibake, whose bytes they are, is read again.
        ("votes\x85on buses", "votes on buses"),
        # A terminal's colours whole, the word they coloured left whole.
        ("\x1b[1mTitle\x1b[0m: the \x1b[38;5;196mcouncil\x1b[0m", "Title: the council"),
        # Bidirectional overrides, embeddings and isolates reorder what is seen; a lone mark does not, and stays.
        ("ci\u202ety \u2066council\u2069 \u202bvotes\u202c", "city council votes"),
        ("שלום \u200f123", "שלום \u200f123"),
    ],
)
def test_visible_text_is_what_a_reader_sees(text: str, seen: str) -> None:
    assert visible(text) == seen


def test_a_scraped_article_reaches_annotators_as_its_readers_saw_it(tmp_path: Path) -> None:
    paragraphs = [
        "A DIY investor can plan \u200bretirement with a calculator, and many are free to use.",
        "\uf09a \uf232 \uf142",
        "â\x80\x9cThe fact is there are good tools and bad ones,â\x80\x9d Jane Doe said.",
        "H\ufeffow to choose one depends on what youâ\x80\x99re saving for.",
    ]
    record = {"title": "A DIY Investorâ\x80\x99s Guide to Retirement Calculators", "text": "\n\n".join(paragraphs)}
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    (inputs / "items.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    assert ingest(str(inputs), "--out", str(out)).returncode == 0
    [document] = read_jsonl(out / "documents.jsonl")
    assert document["title"] == "A DIY Investor’s Guide to Retirement Calculators"
    assert document["text"].split("\n\n") == [
        "A DIY investor can plan retirement with a calculator, and many are free to use.",
        "“The fact is there are good tools and bad ones,” Jane Doe said.",
        "How to choose one depends on what you’re saving for.",
    ]
    [quote] = document["quotes"]
    assert quote["text"] == "“The fact is there are good tools and bad ones,”"
    assert quote["speaker"]["text"] == "Jane Doe"


def test_a_row_of_icon_glyphs_in_a_page_dump_is_no_paragraph(tmp_path: Path) -> None:
    lines = SAMPLE_PAGE.read_text(encoding="utf-8").splitlines()
    opening = next(index for index, line in enumerate(lines) if line.startswith("MOSCOW :"))
    plain, with_icons = tmp_path / "plain", tmp_path / "icons"
    for folder, inserted in ((plain, []), (with_icons, ["\uf09a \uf232 \uf142"])):
        folder.mkdir()
        page = [*lines[: opening + 1], *inserted, *lines[opening + 1 :]]
        (folder / "page.txt").write_text("\n".join(page) + "\n", encoding="utf-8")
        assert ingest(str(folder), "--out", str(folder / "out")).returncode == 0
    main = [
        next(document for document in read_jsonl(folder / "out" / "documents.jsonl") if document["role"] == "main")
        for folder in (plain, with_icons)
    ]
    assert "\uf09a" not in main[1]["text"]
    assert main[1]["paragraphs"] == main[0]["paragraphs"]
    assert main[1]["text"] == main[0]["text"]


@given(
    st.lists(st.tuples(st.text(max_size=60), st.sampled_from(list(ParagraphKind))), max_size=8),
    st.text(max_size=40),
)
def test_any_paragraphs_are_tidied_without_fault_into_stripped_non_empty_ones(
    paragraphs: list[tuple[str, ParagraphKind]], title: str
) -> None:
    tidied = tidy(ArticleParts(role=DocumentRole.main, title=title or "Night buses", paragraphs=paragraphs))
    assert all(text and text == text.strip() for text, _ in tidied.paragraphs)


def test_a_record_titled_with_control_characters_only_is_titled_by_its_text(tmp_path: Path) -> None:
    """A title of "\\u0000" reached the document as a NUL, and `builder validate` let it through: it is no title,
    and the text's opening stands in, as for a record without one."""
    text = "Russian leader Vladimir Putin told US President Donald Trump by telephone on Thursday that Moscow will not"
    records = [
        {"title": "\u0000\u0001\u001b", "text": f"{text} give up."},
        {"title": "Putin talks", "text": "\u0000 abc"},
    ]
    (tmp_path / "items.jsonl").write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    out = tmp_path / "out"
    assert ingest(str(tmp_path / "items.jsonl"), "--out", str(out)).returncode == 0
    documents = read_jsonl(out / "documents.jsonl")
    assert [(document["title"][:23], document["text"]) for document in documents] == [
        ("Russian leader Vladimir", f"{text} give up."),
        ("Putin talks", "abc"),
    ]


def _strings(value: object) -> list[str]:
    """Every string in a JSON value, keys aside."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [string for item in value.values() for string in _strings(item)]
    if isinstance(value, list):
        return [string for item in value for string in _strings(item)]
    return []


def test_control_and_bidirectional_characters_reach_no_field_a_person_reads(tmp_path: Path) -> None:
    """C1 controls ("next line", U+0085) and bidirectional overrides (U+202E, which shows what follows it reversed:
    "Trojan Source") reached titles and text as they were, and the outlet's name was not cleaned at all
    ("\\u0000Daily\\u0007" written as is): an annotator reads every one of these fields, and a control or an
    override shows as nothing or reorders what is selected. They go before the spans are computed, so every span
    still holds the text it points at."""
    record = {
        "title": "Council votes\u0085 on buses\u202e",
        "text": "The ci\u202ety council voted on Tuesday to extend the night bus service to every district, after a"
        " year of complaints from shift workers.\n\n\u2067The measure passed\u2069 by 31 votes to 9, the transport"
        " committee said.",
        "source": "\u0000Daily \u202dNews\u202c\u0007",
        "published": "2024-03-05\u0085",
    }
    (tmp_path / "items.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert ingest(str(tmp_path / "items.jsonl"), "--out", str(out)).returncode == 0
    [document] = read_jsonl(out / "documents.jsonl")
    assert (document["title"], document["source"], document["published_text"]) == (
        "Council votes  on buses",
        "Daily News",
        "2024-03-05",
    )
    assert document["text"].startswith("The city council voted")
    unseen = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
    assert [string for string in _strings(document) if unseen.search(string)] == []
    spans = [*document["claims"], *document["quotes"]]
    assert spans
    assert all(document["text"][span["start"] : span["end"]] == span["text"] for span in spans)


def test_a_terminal_s_colour_codes_leave_no_trace_in_a_page_dump(tmp_path: Path) -> None:
    """A page dump copied from a terminal holds its colour codes ("\\x1b[31m"): ESC read as a space left the rest
    of each code visible, "[1mCouncil votes ... [0m", and split the word it coloured ("The city  [31mcouncil [0m
    voted"). The terminal showed none of the code, so none of it is read, and the text is what it showed."""
    text = (
        "The city \x1b[31mcouncil\x1b[0m voted on Tuesday to extend the night bus service to every district, after"
        " a year of complaints from shift workers who said they had no way to get home safely. The measure passed by"
        " 31 votes to 9, and the first new routes will run from March, the transport committee said."
    )
    (tmp_path / "page.txt").write_text(
        f"\x1b[1mCouncil votes to extend night buses\x1b[0m\n\n{text}\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    assert ingest(str(tmp_path / "page.txt"), "--out", str(out)).returncode == 0
    [document] = read_jsonl(out / "documents.jsonl")
    assert document["title"] == "Council votes to extend night buses"
    assert document["text"] == text.replace("\x1b[31m", "").replace("\x1b[0m", "")
