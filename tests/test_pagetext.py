"""Page-text extraction: the real aggregator dump in samples/, the clean-up helpers, and rendered WCXB pages."""

from __future__ import annotations

import contextlib
import json
import textwrap
from dataclasses import replace

import pytest

from builder.ingest.build import tidy
from builder.ingest.cleanup import (
    is_promotion,
    split_caption,
    split_credit,
    split_credit_line,
    split_dateline,
    split_leading_caption,
    split_paragraphs,
    split_sentences,
    strip_trailing_fragment,
    without_promotions,
)
from builder.ingest.code_lines import code_runs, comment_lines
from builder.ingest.furniture import TRAILING_FURNITURE_MAX
from builder.ingest.pagetext import NoArticleError, extract_pagetext, is_link_list
from builder.ingest.pagetext_blocks import find_bodies
from builder.ingest.pagetext_lines import labelled_times, line_shape, read_lines
from builder.ingest.pagetext_titles import (
    LOGO_NAME,
    REPLY_SUBJECT,
    TITLE_WEIGHTS,
    TitleContext,
    find_title,
    is_call_to_action,
    is_fact_box,
    is_glued_pair,
    metadata_below,
    opens_list,
    page_facts,
    without_date_suffix,
)
from builder.ingest.parts import ArticleParts
from builder.ingest.text_browsers import (
    drawn_by_text_browser,
    drawn_table_rows,
    link_list_lines,
    without_list_mark,
    without_widgets,
)
from builder.ingest.wrapping import Wrap, column_wraps, wrap_width, wrapped_before
from builder.records import Caption, DocumentRole, ParagraphKind
from tests.paths import SAMPLES, SHARED_DATA
from tests.scripts_support import load_script

SAMPLE = SAMPLES / "daily8-putin-trump-call.txt"
WCXB = SHARED_DATA / "wcxb-dev-articles"

MAIN_TITLE = "Putin tells Trump Russia won't ‘give up' aims in Ukraine"
CHIPS_TITLE = "Trump Administration Moves To Curb AI Chip Exports To Malaysia, Thailand"
HAMAS_TITLE = "Hamas accepts Trump Gaza ceasefire deal as hostage negotiations set to resume"
ZELENSKY_TITLE = "Trump, Zelensky discuss weapons and escalating Russian strikes"


@pytest.fixture(scope="module")
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def articles(sample_text: str) -> list[ArticleParts]:
    return extract_pagetext(sample_text)


def by_title(articles: list[ArticleParts], title: str) -> ArticleParts:
    return next(article for article in articles if article.title == title)


def texts(article: ArticleParts) -> list[str]:
    return [text for text, _ in article.paragraphs]


# --- the real sample page ---------------------------------------------------------------------------------


def test_sample_yields_one_main_and_three_related_articles(articles: list[ArticleParts]) -> None:
    assert [article.role for article in articles] == [DocumentRole.main] + [DocumentRole.related] * 3
    assert [article.title for article in articles] == [MAIN_TITLE, CHIPS_TITLE, HAMAS_TITLE, ZELENSKY_TITLE]


def test_sources_are_the_printed_outlets(articles: list[ArticleParts]) -> None:
    # The main article's outlet is not printed on the page: None, not a guess.
    assert [article.source for article in articles] == [None, "BusinessToday", "Malay Mail", "Free Malaysia Today"]


def test_published_text_comes_without_the_glued_icon_word(articles: list[ArticleParts]) -> None:
    assert [article.published_text for article in articles] == [None, "31 minutes ago", "2 hours ago", "2 hours ago"]


def test_datelines_are_structured_and_removed_from_the_body(articles: list[ArticleParts]) -> None:
    main, chips, hamas, zelensky = articles
    assert main.dateline is not None
    assert (main.dateline.raw, main.dateline.place, main.dateline.date_text) == ("MOSCOW :", "MOSCOW", None)
    assert hamas.dateline is not None
    assert (hamas.dateline.raw, hamas.dateline.place, hamas.dateline.date_text) == (
        "CAIRO, July 5 —",
        "CAIRO",
        "July 5",
    )
    assert zelensky.dateline is not None
    assert (zelensky.dateline.place, zelensky.dateline.date_text) == ("WASHINGTON", None)
    assert chips.dateline is None
    assert texts(main)[0].startswith("Russian leader Vladimir Putin told")
    assert texts(hamas)[0].startswith("Hamas said it had responded on Friday")
    assert texts(zelensky)[0].startswith("Ukrainian President Volodymyr Zelensky said")


def test_wire_credit_is_taken_off_the_last_paragraph(articles: list[ArticleParts]) -> None:
    assert [article.credit for article in articles] == [None, None, "Reuters", None]
    hamas = by_title(articles, HAMAS_TITLE)
    assert texts(hamas)[-1].endswith("according to local health officials.")
    assert "Reuters" not in texts(hamas)[-1]


def test_captions_with_credits_are_kept_out_of_the_body(articles: list[ArticleParts]) -> None:
    main = by_title(articles, MAIN_TITLE)
    zelensky = by_title(articles, ZELENSKY_TITLE)
    assert main.captions == [
        Caption(
            text="Russian President Vladimir Putin attends a wreath-laying ceremony in Moscow marking 84 years since "
            "Nazi Germany invaded the Soviet Union.",
            credit="AP",
        )
    ]
    assert len(zelensky.captions) == 1
    assert zelensky.captions[0].credit == "AFP"
    assert zelensky.captions[0].text.startswith("Donald Trump told Volodymyr Zelensky that he would look into")
    for article in (main, zelensky):
        for text in texts(article):
            assert article.captions[0].text not in text
            assert "pic)" not in text


@pytest.mark.parametrize(
    "boilerplate", ["DOWNLOAD THE APP", "Comments", "No comments yet", "Related Articles", "time31"]
)
def test_no_boilerplate_reaches_any_body(articles: list[ArticleParts], boilerplate: str) -> None:
    for article in articles:
        for text in texts(article):
            assert boilerplate not in text, (article.title, text[:80])


def test_no_title_line_is_repeated_in_its_body(articles: list[ArticleParts]) -> None:
    for article in articles:
        assert article.title not in texts(article)


def test_subheading_is_a_heading_paragraph(articles: list[ArticleParts]) -> None:
    main = by_title(articles, MAIN_TITLE)
    headings = [text for text, kind in main.paragraphs if kind is ParagraphKind.heading]
    assert headings == ["Zelensky in Denmark"]
    position = texts(main).index("Zelensky in Denmark")
    assert texts(main)[position + 1].startswith("Putin and Trump spoke as Kyiv said")


def test_main_article_first_and_last_paragraphs(articles: list[ArticleParts]) -> None:
    main = by_title(articles, MAIN_TITLE)
    assert texts(main)[0] == (
        "Russian leader Vladimir Putin told US President Donald Trump by telephone on Thursday that Moscow will not "
        "'give up' on its aims in Ukraine, the Kremlin said."
    )
    assert texts(main)[-1] == "Russia has consistently called for Western countries to stop sending weapons to Kyiv."
    assert len(main.paragraphs) == 24


def test_one_line_articles_are_split_into_paragraphs(articles: list[ArticleParts]) -> None:
    for article in articles[1:]:
        assert len(article.paragraphs) >= 10, article.title
    chips = by_title(articles, CHIPS_TITLE)
    assert texts(chips)[0].startswith("The Trump administration is drafting new export controls")
    assert texts(chips)[0].endswith("according to sources familiar with the matter.")
    # The widget label glued after the article ("... ecosystem. Related") is not body.
    assert texts(chips)[-1].endswith("in the global semiconductor ecosystem.")
    zelensky = by_title(articles, ZELENSKY_TITLE)
    assert texts(zelensky)[-1].endswith("overseen a dramatic shake-up of relations with Kyiv.")


def test_inline_subheadings_of_a_one_line_article_are_found(articles: list[ArticleParts]) -> None:
    hamas = by_title(articles, HAMAS_TITLE)
    headings = [text for text, kind in hamas.paragraphs if kind is ParagraphKind.heading]
    assert headings == ["Attacks overnight", "'MAKE THE DEAL'"]
    after = texts(hamas)[texts(hamas).index("Attacks overnight") + 1]
    assert after.startswith("Israeli attacks have killed at least 138 Palestinians")
    zelensky = by_title(articles, ZELENSKY_TITLE)
    assert [text for text, kind in zelensky.paragraphs if kind is ParagraphKind.heading] == []


def test_a_quote_over_several_sentences_stays_one_paragraph(articles: list[ArticleParts]) -> None:
    hamas = by_title(articles, HAMAS_TITLE)
    quote = next(text for text in texts(hamas) if text.startswith('"Only you can make the deal.'))
    assert quote.endswith("said Gideon Rosenberg, 48, from Tel Aviv.")


def test_positions_point_at_the_first_printing_of_each_title(sample_text: str, articles: list[ArticleParts]) -> None:
    lines = sample_text.splitlines()
    for article in articles:
        assert article.line is not None
        assert lines[article.line - 1] == article.title
        assert sample_text.find(article.title) == article.offset
    assert articles[0].line == 2
    assert articles[0].offset == len("logo\n")


def test_common_lines_of_the_run_are_never_body(sample_text: str) -> None:
    shell = [
        "Ready to dive into a world of global content with local flavor? Download Daily8 app today from your "
        "preferred app store and start exploring."
    ]
    with_shell = extract_pagetext(sample_text + "\n" + shell[0] + "\n", common_lines=shell)
    assert all(shell[0] not in text for article in with_shell for text in texts(article))


def test_a_page_without_an_article_says_why() -> None:
    with pytest.raises(NoArticleError, match="no run of 25\\+ words of prose among 5 lines"):
        extract_pagetext("Home\nNews\nSport\nSign in\nDOWNLOAD THE APP\n")
    untitled = " ".join(["The committee met on Tuesday and agreed to publish the report in the spring."] * 4)
    with pytest.raises(NoArticleError, match="no titled run"):
        extract_pagetext(untitled + "\n")


PROSE = [
    "The city council voted on Tuesday to extend the late-night bus service to every district from the spring, "
    "after a year in which the number of riders on the trial routes doubled.",
    "Officials said the extension would cost about four million a year, which the council expects to recover "
    "from fares and from a small levy on the businesses that asked for it.",
    "Residents in the outer districts, who had no service after midnight until now, welcomed the decision at a "
    "meeting that ran late into the evening.",
]


def test_a_one_word_headline_over_its_byline_is_the_title_when_the_story_opens_with_it() -> None:
    # A project's post titled by its name alone (WCXB 0491, "001" over "Ben", "2 days ago"): a word alone was no
    # candidate, and the article was lost for want of a title.
    opening = "Nightline is the bus service the council has planned for two years, and it starts in the spring."
    page = ["Home", "Writing", "Contact", "Nightline", "Ben", "2 days ago", "6 min read", opening, *PROSE]
    [main] = extract_pagetext("\n".join(page) + "\n")
    assert (main.title, main.published_text) == ("Nightline", "2 days ago")
    # A menu's word over the byline is none, when the story does not open with it or the page prints it again
    # (a section's name over the date, the headline below it).
    headline = "Night buses for every district"
    for page in (
        ["Home", headline, "Jobs", "By Jane Doe", "2 days ago", *PROSE],
        ["Home", "Nightline", "March 1, 2024", headline, opening, *PROSE, "Nightline", "Contact"],
    ):
        assert extract_pagetext("\n".join(page) + "\n")[0].title == headline
    with pytest.raises(NoArticleError, match="no titled run"):
        extract_pagetext("\n".join(["Home", "Jobs", "Ben", "2 days ago", "6 min read", *PROSE]) + "\n")


def test_a_logo_s_name_is_no_title() -> None:
    # A text browser prints a logo's alt text where the image stands, atop the page; w3m set it at the margin of a
    # dump whose menus are set in, as a heading (WCXB 4349), and it was taken for the title of a mega-menu's teaser.
    for name in ("Virginia Institute of Marine Science logo", "Ovolo Boutique Hotels Logo", "Thrive Logo", "NASA LOGO"):
        assert LOGO_NAME.match(name), name
    for headline in ("Twitter swaps its bird for an X logo", "The council's new logo", "Why the logo matters"):
        assert not LOGO_NAME.match(headline), headline
    with pytest.raises(NoArticleError, match="no titled run"):
        extract_pagetext("\n".join(["Harbour City Council logo", "Home", "News", *PROSE]) + "\n")
    headline = "Night buses for every district"
    page = ["Harbour City Council Logo", "Home", "News", headline, "By Jane Doe", *PROSE]
    assert [article.title for article in extract_pagetext("\n".join(page) + "\n")] == [headline]


def test_the_author_s_name_over_the_byline_that_names_them_is_no_title() -> None:
    # A text browser prints the author's picture by its alt text, the author's name, right over the byline (w3m's
    # WCXB 4835: "Genaveve Bradshaw" over "By Genaveve Bradshaw ⋅ Senior Review Analyst"); it is no headline.
    headline = "The Best Night Buses"
    standfirst = "We rode every night bus in the city for a month to find the best of the routes."
    byline = "By Jane Doe ⋅ Transport Reporter ⋅ Updated March 5, 2025"
    opening = (
        "Jane Doe rode every night route in the city twice over the winter, and timed each bus against its schedule."
    )
    page = ["Home", "News", headline, standfirst, "Credit: John Smith", "Jane Doe", byline, opening, *PROSE]
    assert extract_pagetext("\n".join(page) + "\n")[0].title == headline
    # A headline over a byline that names someone else is the headline.
    page = ["Home", "News", "Jane Doe wins the council seat", "By John Smith", *PROSE, *MORE_PROSE]
    assert extract_pagetext("\n".join(page) + "\n")[0].title == "Jane Doe wins the council seat"


def test_a_headline_is_no_breadcrumb_run_together_with_itself_printed_without_its_article() -> None:
    # A button below the byline prints the headline without its "The" (lynx's WCXB 0347, "The leading generative AI
    # companies" over "Leading generative AI companies (BUTTON)"): "the" is no crumb run together with it, and the
    # button is no last crumb of the headline.
    headline = "The leading night bus routes"
    page = [
        "Home",
        "News",
        "Select Page",
        headline,
        "March 4, 2025",
        "Jane Doe",
        "Leading night bus routes",
        "In short",
    ]
    assert extract_pagetext("\n".join([*page, *PROSE, *MORE_PROSE]) + "\n")[0].title == headline


def test_a_skip_link_run_together_with_the_site_s_name_is_no_title() -> None:
    # lynx and w3m print the skip link and the link after it on one line (WCXB 4349): the site's name with
    # "Skip to main content" before it is no headline, and a page that prints no other has no titled article.
    page = ["Skip to main content Metro Daily", "May 5, 2025", *PROSE]
    with pytest.raises(NoArticleError, match="no titled run"):
        extract_pagetext("\n".join(page) + "\n")


def test_the_author_s_name_under_a_byline_is_no_title() -> None:
    # A news site's author card prints the name again under the byline, and the name is in the bio that follows:
    # that the byline ends with it does not make it the last crumb of a breadcrumb.
    headline = "Night buses for every district as the council extends its trial"
    bio = "Jane Roe covers transport and city hall, and writes the weekly Commute newsletter for the paper."
    page = [
        "Home",
        "City",
        headline,
        "A trial that doubled its riders becomes a service for every district",
        "Manage alerts for this article",
        "Email this article",
        "Share this article",
        "By Jane Roe",
        "Dec. 18, 2025",
        "Transport Reporter",
        "Jane Roe",
        bio,
        *PROSE,
    ]
    [article] = extract_pagetext("\n".join(page) + "\n")
    assert article.title == headline


def test_a_menu_item_printed_twice_does_not_take_the_headline_s_place() -> None:
    # Menus printed for desktop and mobile repeat their items like an aggregator repeats a headline: being
    # printed twice is one clue among others, and the headline above its byline and date still wins.
    menu = ["Home", "About Us", "About Us", "Contact"]
    headline = "Council extends the late-night bus service to every district"
    page = "\n".join([*menu, headline, "By Jane Doe", "May 5, 2025", *PROSE])
    [main] = extract_pagetext(page + "\n")
    assert main.title == headline
    assert texts(main) == PROSE


def test_items_printed_twice_inside_a_listicle_stay_in_the_main_article() -> None:
    # A listicle or a comparison table prints each item's name twice; a short gap with no section label and no
    # article card between the runs of prose means one article, not a main article and two related ones.
    north, south = ["Northern districts"] * 2, ["Southern districts"] * 2
    page = "\n".join(
        ["Night buses: what changes in each district", "May 5, 2025", PROSE[0], *north, PROSE[1], *south, PROSE[2]]
    )
    [main] = extract_pagetext(page + "\n")
    assert main.title == "Night buses: what changes in each district"
    assert texts(main) == [PROSE[0], "Northern districts", PROSE[1], "Southern districts", PROSE[2]]


def test_the_headline_beats_its_breadcrumb_and_a_subheading_below_the_lead() -> None:
    # The breadcrumb holds the headline with the site and section before it, and a subheading right above the
    # second paragraph shares the most words with it: the headline is the breadcrumb's last part, above the
    # byline, and above the prose.
    headline = "Council extends the late-night bus service"
    page = "\n".join(
        ["Home > News > " + headline, headline, "By Jane Doe", "May 5, 2025", PROSE[0], "What it will cost", *PROSE[1:]]
    )
    [main] = extract_pagetext(page + "\n")
    assert main.title == headline
    assert texts(main) == [PROSE[0], "What it will cost", *PROSE[1:]]


def test_a_bare_word_below_a_long_headline_is_not_a_wrapped_line() -> None:
    # A headline of 40+ characters without a full stop followed by a lower-case line reads like a wrapped
    # paragraph; a single bare token (an author's user name, a tag list) is not its continuation.
    headline = "House renovation costs in the Bay Area: a room-by-room breakdown"
    [main] = extract_pagetext("\n".join([headline, "janedoe", "May 5, 2025", *PROSE]) + "\n")
    assert main.title == headline


def test_a_lower_case_tag_below_a_headline_in_title_case_is_not_a_wrapped_line() -> None:
    # A headline in title case goes on in title case when it wraps; a lower-case line of words below it is a
    # category tag, not the rest of the headline. A sentence-case headline still takes its wrapped rest.
    headline = "Guide to Landscape Photography Composition: Framing the Landscape"
    [main] = extract_pagetext("\n".join([headline, "making images", "Sep 16", "Written By Jane Doe", *PROSE]) + "\n")
    assert main.title == headline
    wrapped = ["Council extends the late-night bus service to every one", "of the outer districts"]
    [main] = extract_pagetext("\n".join([*wrapped, "May 5, 2025", *PROSE]) + "\n")
    assert main.title == " ".join(wrapped)


def text_browser_dump(page: str, width: int) -> str:
    """`page` as a text browser dumps it (`lynx -dump`, `w3m -dump`): each line wrapped at `width` columns and
    indented by three spaces, paragraphs set apart by blank lines."""
    return "\n\n".join(
        textwrap.fill(line, width, initial_indent="   ", subsequent_indent="   ") for line in page.splitlines()
    )


@pytest.mark.parametrize("width", [60, 79])
def test_a_page_dumped_by_a_text_browser_gives_the_articles_of_its_plain_dump(width: int, sample_text: str) -> None:
    # Hard-wrapped at a column, every headline, paragraph and quote of the sample is cut into lines, many of them
    # going on with a capital ("according to a June report" / "by the University of Chicago"), a figure or a
    # quote mark, and compounds are broken at their hyphens ("three-year-" / "old"). Rejoined, the articles are
    # those of the plain dump, field by field; only their positions in the input differ.
    plain = extract_pagetext(sample_text)
    wrapped = extract_pagetext(text_browser_dump(sample_text, width))
    assert wrapped_width(text_browser_dump(sample_text, width)) == Wrap(width, wide=False)
    assert [replace(article, line=None, offset=0) for article in wrapped] == [
        replace(article, line=None, offset=0) for article in plain
    ]


def test_a_plain_dump_and_a_menu_are_not_read_as_wrapped(sample_text: str) -> None:
    # The sample's paragraphs run to hundreds of characters on a line; a page of menu items, whose longest line
    # sets the "column", goes on from a full line with another capitalised item, not with the rest of a sentence.
    assert wrapped_width(sample_text) is None
    menu = ["Residents & Medical Students Residents & Medical Students submenu", "External Fellowships and Awards"]
    assert wrapped_width("\n".join(menu * 6 + ["Apply for Psychiatric Residency", "Choosing a Career"])) is None


def test_a_wrapped_list_item_goes_on_past_its_marker_and_the_next_item_stands_alone() -> None:
    width = Wrap(40, wide=False)
    assert wrapped_before("     * The council voted on Tuesday to extend", "       the bus service", width)
    assert not wrapped_before("     * The council voted on Tuesday to extend", "     * Residents welcomed it", width)
    # A line its next word would have fitted on was broken on purpose: a heading, or a paragraph's last line.
    assert not wrapped_before("   Night buses extended", "   The council voted", width)
    # A table's columns are laid out with spaces, and are never one paragraph with the row below.
    assert not wrapped_before("   Route      Riders     Cost per trip", "   Night 1    4,000      2.10", width)


def test_a_narrower_column_inside_a_dump_is_read_at_its_own_width(sample_text: str) -> None:
    # A layout table's cell that a text browser wraps at its own width, narrower than the dump's (WCXB 0251's
    # boxes of figures; 4693, whose whole text is in a cell 45 columns wide, indented, with a few lines of the page
    # reaching 79 so that the dump as a whole reads as not wrapped). Read at the dump's column, each of its lines
    # looks like a short line of its own; read at the cell's, its paragraphs come back whole.
    cell = "\n".join("                " + line for line in textwrap.wrap(" ".join(PROSE), 45))
    wide = text_browser_dump(sample_text, 79)
    for dump in (f"{wide}\n\n{cell}\n", f"{cell}\n\n" + "   " + "Site map " * 9 + "\n"):
        assert " ".join(PROSE) in [line.text for line in read_lines(dump, ())], dump[:40]
    # A menu's items, however narrow their column, each open with a capital; code's lines in lower case stay
    # lines of their own; a narrow column of single words (a share row's) is no prose.
    menu = "\n".join("          " + item for item in ["Grants Overview", "Find Funding", "Apply for a Grant"] * 2)
    code = "\n".join("                " + line for line in ['string prefix = "",', 'string firstName = "",'] * 3)
    share = "\n".join(" " + word for word in ["twitter", "instagram", "facebook", "youtube", "linkedin"])
    for block in (menu, code, share):
        lines = block.splitlines()
        assert [line.text for line in read_lines(f"{wide}\n\n{block}\n", ())][-len(lines) :] == [
            line.strip() for line in lines
        ]
    for block in (menu, share):
        assert column_wraps(f"{wide}\n\n{block}\n".splitlines(keepends=True), Wrap(79, wide=False)) == {}


def test_a_date_or_a_label_in_capitals_below_a_wrapped_sentence_stands_apart(sample_text: str) -> None:
    # A text browser sets a caption's date or an ad slot's label on the line below the paragraph, with no blank line
    # between, where its first word would not have fitted: they are elements of their own, not the paragraph's end.
    # The caption and the paragraph fill their line of 57 columns (60, less the indent), so that no word fits after.
    caption = "A runner crosses the finish line as the crowd cheers on."
    paragraph = "Try to finish every long run without slowing at the end."
    # A longer line with a date, wrapped after a sentence, goes on with the paragraph it belongs to.
    sentence = "The night buses will run to every district of the city. Discount fares are valid from January 16, 2025."
    assert text_browser_dump(sentence, 60).splitlines()[1].strip().startswith("Discount fares")
    text = text_browser_dump(sample_text, 60) + "\n\n" + text_browser_dump(caption, 60) + "\n   April 28, 2025\n\n"
    text += text_browser_dump(paragraph, 60) + "\n   ADVERTISEMENT\n\n" + text_browser_dump(sentence, 60) + "\n"
    assert wrap_width(text.splitlines(keepends=True)) == Wrap(60, wide=False)
    expected = [caption, "April 28, 2025", paragraph, "ADVERTISEMENT", sentence]
    assert [line.text for line in read_lines(text, ())][-5:] == expected


def test_a_wide_table_s_rows_do_not_hide_the_column_a_dump_was_wrapped_at() -> None:
    # w3m sets a table's row on one line as wide as its cells, past the column it wraps prose at (WCXB 4138, a
    # comparison of ten languages): its rows are laid out, not wrapped, and a dump whose table holds more lines than
    # the few allowed past the column is still read as wrapped, its wrapped headline rejoined.
    headline = "The Most In-Demand Night Bus Routes for 2026 and Tips for Choosing the Right One"
    story = textwrap.dedent(text_browser_dump("\n".join(PROSE + MORE_PROSE), 79))
    cells = ["Route", "N12", "N7", "N3", "N40", "N41", "N44", "N50", "N52", "N60", "N61", "N62"]
    rows = [
        "   ".join(f"{cell:<10}" for cell in [label, *cells[1:]])
        for label in ("Route", *(f"Stop {n}" for n in range(12)))
    ]
    page = "\n".join([*textwrap.fill(headline, 79).splitlines(), "", story, "", *rows, ""])
    assert sum(len(line) > 79 for line in page.splitlines()) > 0.02 * len(page.splitlines())
    assert wrap_width(page.splitlines()) is not None
    assert extract_pagetext(page)[0].title == headline


def test_a_text_browsers_drawing_of_the_page_is_left_out(sample_text: str) -> None:
    # lynx opens with the page's <link> titles and draws buttons, text fields, check boxes, unnamed images and
    # embedded frames (by their address, wrapped like any line) among the page's lines; w3m draws a text field as
    # brackets around spaces. None of it reaches an article.
    drawing = "\n".join(
        [
            "   #Daily8 » Feed Daily8 » Comments Feed Daily8 » Putin tells Trump Russia will not give up",
            "   on its aims in Ukraine oEmbed (JSON) oEmbed (XML)",
            "",
            "   [daily8-logo.png] (BUTTON) Search: ____________________ (BUTTON) Go",
            "",
            "   [ ] Remember me [                    ] (BUTTON)",
            "",
            "   IFRAME: https://www.googletagmanager.com/ns.html?id=GTM-WK44C69",
            "",
        ]
    )
    lines = sample_text.splitlines()
    # Buttons beside the headline (bookmark, share), and a row of them and an unnamed image between paragraphs.
    lines[1] += " (BUTTON) (BUTTON)"
    lines[8:8] = ["(BUTTON) [share-icon.svg] (BUTTON)"]
    lines[12:12] = [
        "IFRAME: https://www.youtube.com/embed/ApA01EH-IXM?feature=oembed&enablejsapi=1&origin=https://daily8.example"
    ]
    plain = extract_pagetext(sample_text)
    drawn = extract_pagetext(drawing + "\n" + text_browser_dump("\n".join(lines), 79))
    assert [replace(article, line=None, offset=0) for article in drawn] == [
        replace(article, line=None, offset=0) for article in plain
    ]


@pytest.mark.parametrize(
    ("line", "text"),
    [
        ("(BUTTON) Close Search for: ____________________ (BUTTON) Search", "Close Search for: Search"),
        ("Search for: [                    ] Search", "Search for: Search"),
        ("[X] Remember me", "Remember me"),
        ("AI agent for searching news (BUTTON) (BUTTON)", "AI agent for searching news"),
        ("[tr?id=1416917035580605&ev=PageView&noscript=1]", ""),
        # w3m names an image without alt text by its file name cut to ten characters (WCXB pages 0389, 0347).
        ("[become_a_p] Sponsor me on Github", "Sponsor me on Github"),
        ("[67a37bb508]", ""),
        # What an article writes in brackets stays: an editor's insertion, a link label, a reference.
        (
            "He said the [city] council (which meets monthly) agreed",
            "He said the [city] council (which meets monthly) agreed",
        ),
        ("See [CrossRef] and [Medline] for the study", "See [CrossRef] and [Medline] for the study"),
        ("The [particular] case, posted [2024-01-01]", "The [particular] case, posted [2024-01-01]"),
        # A picture of a person, named by its alt text alone on its line; a film by that name stays.
        ("Paul Iusztin's avatar", ""),
        ("Samuel Horti Avatar", ""),
        ("Avatar photo", ""),
        ("James Cameron’s Avatar", "James Cameron’s Avatar"),
        ("Avatar", "Avatar"),
        ("The avatar of a new age", "The avatar of a new age"),
    ],
)
def test_a_text_browsers_widgets_are_taken_off_a_line(line: str, text: str) -> None:
    assert without_widgets(line) == text


def test_w3ms_rules_and_table_borders_are_its_drawing() -> None:
    # w3m draws a horizontal rule as a line of "━" and a table's borders with box-drawing characters: neither is
    # text, nor joined to the line above ("Find a Mover ━━━━━━━━", WCXB 0054).
    headline = "Night buses for every district"
    story = textwrap.dedent(text_browser_dump("\n".join(PROSE), 79))
    more = textwrap.dedent(text_browser_dump("\n".join(MORE_PROSE), 79))
    rule = "━" * 79
    w3m = [headline, "", "May 5, 2025", "", story, "", "Find a Mover", rule, "", "├───┼────┤", "", more]
    [main] = extract_pagetext("\n".join(w3m) + "\n")
    assert not any("━" in text or "├" in text for text in texts(main))
    assert "Find a Mover" not in " ".join(texts(main)) or "Find a Mover" in texts(main)


W3M_TABLE = [
    "┌─────────────────────────┬───────────────────────┐",
    "│     Pros of night buses │ Cons of night buses   │",
    "├─────────────────────────┼───────────────────────┤",
    "│Riders in the outer      │The extension costs    │",
    "│districts get home after │four million a year.   │",
    "│midnight.                │                       │",
    "├─────────────────────────┼───────────────────────┤",
    "│Drivers get more shifts. │Stops need new lights. │",
    "└─────────────────────────┴───────────────────────┘",
]


def test_w3ms_table_is_read_row_by_row_as_a_browsers_copy_gives_it() -> None:
    # w3m wraps each cell's text inside its column, so that read line by line the cells of a row interleave
    # ("Riders in the outer The extension costs"). Read cell by cell, each row is one line of cells apart by tabs,
    # as Chromium's copy of the page gives it (WCXB 0278, 0103).
    assert drawn_table_rows(W3M_TABLE) == {
        1: "Pros of night buses\tCons of night buses",
        3: "Riders in the outer districts get home after midnight.\tThe extension costs four million a year.",
        4: "",
        5: "",
        7: "Drivers get more shifts.\tStops need new lights.",
    }
    headline = "Night buses for every district"
    story = textwrap.dedent(text_browser_dump("\n".join(PROSE), 79))
    more = textwrap.dedent(text_browser_dump("\n".join(MORE_PROSE), 79))
    page = [headline, "", "May 5, 2025", "", story, "", *W3M_TABLE, "", more]
    [main] = extract_pagetext("\n".join(page) + "\n")
    assert texts(main)[len(PROSE) : len(PROSE) + 3] == [
        "Pros of night buses\tCons of night buses",
        "Riders in the outer districts get home after midnight.\tThe extension costs four million a year.",
        "Drivers get more shifts.\tStops need new lights.",
    ]
    # Borders only above and below: no line is known to carry on another, and each is a row of its own.
    bare = [line for line in W3M_TABLE if not line.startswith("├")]
    assert drawn_table_rows(bare)[2] == "Riders in the outer\tThe extension costs"


def test_a_text_browsers_dump_of_short_lines_is_told_by_its_list_marks() -> None:
    # A w3m dump of short lines is not found wrapped at a column (WCXB 0103), but the list items it sets in with
    # their marks tell it a text browser's: its check box comes off the headline. A browser's copy of a page, which
    # draws no list marks, keeps what it writes in brackets and the blanks of a form to fill in.
    headline = "Night buses for every district"
    menu = ["  • Home", "  • Transport", "  • City Hall"]
    [main] = extract_pagetext("\n".join([f"{headline} [ ]", "", *menu, "", "May 5, 2025", *PROSE]) + "\n")
    assert main.title == headline
    assert drawn_by_text_browser(menu)
    assert not drawn_by_text_browser(menu[:2])
    blanks = (
        "The council asked riders to finish the sentence on its survey, which closes at the end of the month: the "
        "night bus I take most often is the ________, and the stop I would add to its route is ________."
    )
    [main] = extract_pagetext("\n".join([headline, "May 5, 2025", *PROSE, blanks]) + "\n")
    assert texts(main)[-1] == blanks


def test_an_author_s_avatar_in_a_text_browser_s_dump_does_not_part_a_headline_from_its_byline() -> None:
    # A text browser prints the author's picture by its alt text, between the subtitle and the byline: the
    # headline, three lines above the date in a browser's copy of the page, would be four lines above it.
    headline = "Night buses for every district"
    subtitle = "What the council's vote on Tuesday means for the city's late-night riders and drivers"
    page = [headline, subtitle, "Jane Doe's avatar", "Jane Doe", "May 5, 2025", *PROSE]
    [main] = extract_pagetext(text_browser_dump("\n".join(page), 79))
    assert main.title == headline


def test_lynxs_list_of_the_pages_links_is_the_dump_opening_block_marked_with_a_hash() -> None:
    lynx = ["", "   #Site » Feed Site » Comments", "   Feed oEmbed (JSON)", "", "   Skip to content"]
    assert link_list_lines(lynx) == 3
    assert link_list_lines(["   Skip to content", "", "   #Site » Feed"]) == 0


def test_w3ms_headline_wrapped_over_two_lines_is_a_heading_and_a_standfirst_under_a_heading_is_not() -> None:
    # w3m sets a heading as a block of its own, and wraps a headline longer than its 80 columns onto a second line
    # (WCXB 0221, whose author card's name and a promotion's heading were chosen over it, and 0162): both lines
    # together stand alone as the heading.
    headline = "Council extends the late-night bus service to every district as riders on the trial routes double"
    wrapped = textwrap.fill(headline, 79).splitlines()
    assert len(wrapped) == 2
    story = textwrap.dedent(text_browser_dump("\n".join(PROSE + MORE_PROSE), 79))
    promotion = ["NEW: The Metro Mini", "", "Play now", "Metro Plus"]
    lines = read_lines("\n".join([*promotion, "", *wrapped, "", story]) + "\n", frozenset())
    assert [(line.text, line.heading) for line in lines[:4]] == [
        ("NEW: The Metro Mini", True),
        ("Play now", False),
        ("Metro Plus", False),
        (headline, True),
    ]
    assert not any(line.heading for line in lines[4:])
    # Wrapped right below a heading of one line, two lines standing alone are its standfirst (0432), no heading.
    lines = read_lines("\n".join(["Night Buses", "", *wrapped, "", story]) + "\n", frozenset())
    assert [line.heading for line in lines[:2]] == [True, False]


def test_a_caption_ending_in_a_full_stop_inside_its_brackets_is_no_headline() -> None:
    # A photo's caption, its sentence in brackets after the gallery's name (WCXB 4694), sits between the standfirst
    # and the story as a headline would; no headline ends with a full stop inside a bracket or a quote.
    caption = "Climbing Gear Review (Riders counting the stops on the new night routes.)"
    lines = read_lines("\n".join([caption, 'He said "the buses will run."', "Night Buses Return"]) + "\n", frozenset())
    assert [line.title_like for line in lines] == [False, False, True]


def test_a_text_browsers_heading_beats_a_line_set_like_the_body() -> None:
    # lynx sets headings at the margin and everything else three columns in: a standfirst or a button's label
    # between the headline and the story, which shares more of its words, is set in, and the headline is not.
    headline = "After Midnight, the City Keeps Moving"
    standfirst = "Late-night bus service for every district"
    story = text_browser_dump("\n".join(PROSE + MORE_PROSE), 79)
    lynx = ["   * Home", "   * Transport", "", headline, "", f"   {standfirst}", "   May 5, 2025", "", story]
    [main] = extract_pagetext("\n".join(lynx) + "\n")
    assert main.title == headline
    # w3m sets every line at the margin, and a heading as a block of its own between blank lines, where a menu's
    # items and a standfirst over its date go on line after line.
    w3m = [line.strip() if index < len(lynx) - 1 else textwrap.dedent(line) for index, line in enumerate(lynx)]
    [main] = extract_pagetext("\n".join(w3m) + "\n")
    assert main.title == headline
    # Where nothing sets the headline apart, the standfirst is taken, as from a browser's copy of the page.
    del w3m[w3m.index(headline) + 1]
    [main] = extract_pagetext("\n".join(w3m) + "\n")
    assert main.title == standfirst


@pytest.mark.parametrize("width", [54, 74, 94])
def test_lynxs_centred_headline_is_a_heading(width: int) -> None:
    # lynx centres an <h1> on its screen, six columns wider than it wraps text (`lynx -dump -width=60, 80, 100`),
    # and prints a <pre> block at the margin, where it sets its other headings: a poem or a list under the
    # headline (WCXB 0414's "Zig has the syntax of Rust" / "the runtime safety of Rust" / ...) is no headline.
    headline = "Thoughts on the Night Buses"
    centred = " " * ((width + 6 - len(headline)) // 2) + headline
    verse = ["The Night Bus Has the Speed of a Taxi", "the price of a bus", "what's not to like?"]
    story = text_browser_dump("\n".join(PROSE + MORE_PROSE), width)
    lynx = ["   * Home", "   * Transport", "", centred, "", "   2025-08-29 #transport", "", *verse, "", story]
    [main] = extract_pagetext("\n".join(lynx) + "\n")
    assert main.title == headline
    # Set in otherwise, it is no heading, and the first line at the margin is taken.
    lynx[3] = "  " + centred
    [main] = extract_pagetext("\n".join(lynx) + "\n")
    assert main.title == verse[0]


@pytest.mark.parametrize("marker", ["*", "+", "o", "•", "-"])
def test_a_list_item_is_not_shaped_like_a_headline(marker: str) -> None:
    # lynx marks a list's items "*", a nested list's "+" and the next level's "o" (as plain-text exports of word
    # processors do): a menu's sub-items ("+ All Hotel Points", "o AI Development") read like short headlines
    # without their marker.
    [item] = read_lines(f"{marker} All Hotel Points And Their Worth\n", ())
    assert not item.title_like
    [heading] = read_lines("All Hotel Points And Their Worth\n", ())
    assert heading.title_like
    # A word that only begins with the letter is no marker.
    [heading] = read_lines("oAuth Tokens Explained For Every Developer\n", ())
    assert heading.title_like


@pytest.mark.parametrize(
    ("line", "text"),
    [
        ("* Riders on every route", "Riders on every route"),
        ("+ Riders on the trial routes", "Riders on the trial routes"),
        ("• Riders on every route", "Riders on every route"),
        ("□ Riders on the trial routes", "Riders on the trial routes"),
        # Not a mark: lynx's third level "o" (a Portuguese line may open with the word), a dash (a wrapped line's
        # rest, an attribution), a footnote's asterisk on the word.
        ("o Riders on every route", "o Riders on every route"),
        ("– 26, when the trial ended", "– 26, when the trial ended"),
        ("— Jane Doe, the council's leader", "— Jane Doe, the council's leader"),
        ("*Fares apply after midnight", "*Fares apply after midnight"),
    ],
)
def test_a_text_browsers_list_mark_is_taken_off_an_item(line: str, text: str) -> None:
    assert without_list_mark(line) == text


@pytest.mark.parametrize(("mark", "nested"), [("*", "+"), ("•", "□")])
def test_a_list_in_a_text_browsers_dump_gives_the_items_of_a_browsers_copy(mark: str, nested: str) -> None:
    # lynx marks a list's items "*" and a nested list's "+", w3m "•" and "□"; a browser's copy of the page
    # (innerText), the HTML's text and the Markdown's give the items alone, and so must the article's paragraphs.
    items = ["Night buses on every route from the spring", "A levy on the businesses that asked for it"]
    nested_items = ["Fares as by day", "Tickets on board"]
    copy = ["Night buses for every district", "May 5, 2025", PROSE[0], *items, *nested_items, *PROSE[1:]]
    dump = [*copy[:3], *(f"{mark} {item}" for item in items), *(f"{nested} {item}" for item in nested_items)]
    [plain] = extract_pagetext("\n".join(copy) + "\n")
    [marked] = extract_pagetext("\n".join([*dump, *PROSE[1:]]) + "\n")
    assert [text for text, _ in marked.paragraphs] == [text for text, _ in plain.paragraphs]
    assert {*items, *nested_items} <= {text for text, _ in marked.paragraphs}


CHINESE_PARAGRAPHS = [
    "外交部发言人毛宁在例行记者会上表示，中方始终认为，对话协商是解决乌克兰危机的唯一可行出路，各方应当保持克制。",
    "她说，中方愿同国际社会一道，继续为推动危机政治解决发挥建设性作用，并支持一切有利于和平的努力。",
    "有记者问及近期美俄领导人通话一事，毛宁表示，中方注意到有关报道，乐见各方为和平所作的一切努力。",
    "毛宁还表示，中方将继续秉持客观公正立场，积极劝和促谈，为早日实现停火止战贡献智慧和力量。",
    "分析人士指出，随着冬季临近，前线局势依然紧张，外交斡旋的空间正在收窄，各方都面临着新的压力。",
]


@pytest.mark.parametrize("characters", [24, 38])
def test_a_chinese_page_wrapped_by_a_text_browser_gives_the_articles_of_its_plain_dump(characters: int) -> None:
    # w3m wraps Chinese at 80 columns, two to a character (38 characters and a margin); lynx counts characters, at
    # its own width.
    # A line of Chinese has no space to break at and no lower case to go on in, and was never rejoined: a sentence
    # was cut in two paragraphs ("…的唯" / "一可行出路"). Rejoined, it takes no space between the two characters.
    title = "外交部：对话协商是解决乌克兰危机的唯一出路"
    page = "\n".join(["首页", "新闻", "国际", title, "2025年7月4日 08:15", *CHINESE_PARAGRAPHS, "版权所有"]) + "\n"
    wrapped = "\n\n".join(
        "\n".join(line[start : start + characters] for start in range(0, len(line), characters))
        for line in page.splitlines()
    )
    plain, rejoined = extract_pagetext(page), extract_pagetext(wrapped + "\n")
    assert [replace(article, line=None, offset=0) for article in rejoined] == [
        replace(article, line=None, offset=0) for article in plain
    ]
    assert [text for text, _ in plain[0].paragraphs] == CHINESE_PARAGRAPHS


@pytest.mark.parametrize(("english", "chinese", "wrap"), [(74, 74, Wrap(74, False)), (78, 39, Wrap(78, True))])
def test_a_page_in_english_and_chinese_is_wrapped_in_characters_or_in_columns(
    english: int, chinese: int, wrap: Wrap
) -> None:
    # lynx counts a Chinese character as one column, w3m as two: counted the other way, a dump's width came out
    # wrong (124 for a lynx dump wrapped at 74), and none of its lines was rejoined.
    lines = [*PROSE, *CHINESE_PARAGRAPHS * 2, *PROSE]
    dump = "\n\n".join(
        textwrap.fill(line, english)
        if line.isascii()
        else "\n".join(line[start : start + chinese] for start in range(0, len(line), chinese))
        for line in lines
    )
    assert wrapped_width(dump) == wrap
    rejoined = [line.text for line in read_lines(dump, ())]
    assert rejoined == lines


def wrapped_width(page: str) -> Wrap | None:
    return wrap_width(page.splitlines())


def test_the_headline_beats_the_subtitle_printed_below_it() -> None:
    # A subtitle sits between the headline and the byline, so it shares the headline's place, and often names
    # more of the story; it is set in sentence case under a headline in title case, and its headline is right
    # above it.
    headline = "Night Buses Extended to Every District"
    subtitle = "The council says riders in the outer districts will no longer be stranded after midnight"
    page = "\n".join(["Home", "News", "Sport", headline, subtitle, "By Jane Doe", "May 5, 2025", *PROSE])
    [main] = extract_pagetext(page + "\n")
    assert main.title == headline
    assert texts(main) == PROSE


def test_an_author_named_under_a_bare_by_is_not_the_title_however_often_printed() -> None:
    # Sites print the author's name twice under a bare "By" (the byline and a hover card): its second printing,
    # printed twice and named in the story, outscores a long headline, but an author it stays.
    headline = (
        "To Find the Best Night Bus in the City, I Rode All 17 of Its Routes After Midnight and Slept Far Too Little"
    )
    bio = "Jane Doe is a writer who covers buses, trains and the city's transport."
    lead = "Jane Doe rode the night buses of the city for a month, from the first route to the last, and kept notes."
    page = "\n".join(["Home", "Transport", headline, "By", "Jane Doe", "Jane Doe", bio, "May 5, 2025", lead, *PROSE])
    [main] = extract_pagetext(page + "\n")
    assert main.title == headline


def test_a_credit_line_is_not_the_title() -> None:
    # "Tested by A and B", "Reviewed by: A": a byline with a role instead of "By" stands where a headline
    # does, right above the date, and its names come back in the story; a headline may end with such words.
    headline = "4 Best Night Bus Routes, Tested by Commuters"
    lead = "Jane Doe and John Roe tested the night bus routes of the city for a month and kept notes on every ride."
    page = "\n".join(
        [headline, "Our Reviews", "Updated May 5, 2025", "Tested by Jane Doe and John Roe", "May 5, 2025", lead, *PROSE]
    )
    [main] = extract_pagetext(page + "\n")
    assert main.title == headline


def test_a_punning_headline_over_its_date_and_reading_time_is_the_title() -> None:
    # A headline that shares no word with its story has only its place to speak for it: right above its date,
    # with a reading time ("Reading time: 2 minutes", not only "2 min read") between it and the story. The
    # article is not lost for want of a title, and the promos above it do not take its place.
    headline = "And finally… owls rejoice"
    page = [
        "News",
        "Sport",
        "Regional Awards Dinner",
        "Business Leaders",
        "Article Tags:",
        "and finally",
        headline,
        "19 Dec 2025",
        "Reading time: 2 minutes",
        "Article Tags:",
        "and finally",
        *PROSE,
    ]
    [main] = extract_pagetext("\n".join(page) + "\n")
    assert main.title == headline
    assert main.published_text == "19 Dec 2025"
    assert [text for text, _ in main.paragraphs] == PROSE


def test_a_dated_headline_is_the_title_when_an_undated_line_above_it_scores_higher_but_too_low() -> None:
    # "Dinner for Regional Awards" scores a little more than the punning headline and a little less than any
    # undated title needs; the headline, with its date below it, still clears its own floor.
    headline = "And finally… owls rejoice"
    page = ["News", "Sport", "Dinner for Regional Awards", "Article Tags:", "and finally", headline, "19 Dec 2025"]
    [main] = extract_pagetext(
        "\n".join([*page, "Reading time: 2 minutes", "Article Tags:", "and finally", *PROSE]) + "\n"
    )
    assert main.title == headline


def test_a_fact_box_of_labels_and_values_is_not_the_title() -> None:
    # A fact box right above the story ("Countries Visited: 63U.S. States Visited: 9" on an author card) holds
    # the story's words in title case, where it outscored the headline; a headline has one colon at most.
    headline = "Council backs a later last bus"
    page = [headline, "May 5, 2025", "By Jane Doe", "Bus Service: Late-Night Trial Routes: Doubled", *PROSE]
    [main] = extract_pagetext("\n".join(page) + "\n")
    assert main.title == headline


def test_a_product_card_s_row_of_facts_is_not_the_title() -> None:
    # A buying guide's product card under its headline (WCXB 4828): the facts, set between dots, hold the story's
    # words in title-like shape; a headline has no such dots, and one dot is still a headline's ("Bus · Rail").
    headline = "Council backs a later last bus"
    facts = "Late-night trial • Routes doubled • Free for students"
    page = ["News", headline, facts, "By Jane Doe", *PROSE]
    assert extract_pagetext("\n".join(page) + "\n")[0].title == headline
    assert not is_fact_box("Night buses · the council's plan")
    assert is_fact_box(facts)


def test_a_wordpress_byline_above_the_title_gives_its_date_though_it_reads_like_a_sentence() -> None:
    # WordPress themes print "Posted on DATE by AUTHOR - N Comments on TITLE" over the headline: long enough, with
    # its function words, to read as prose, which used to stop the search for a time above the title.
    headline = "Council extends the late-night bus service to every district"
    byline = f"Posted on December 20, 2025 by Jane Doe (City Desk) - 5 Comments on {headline}"
    [main] = extract_pagetext("\n".join(["News", "Transport", byline, headline, *PROSE]) + "\n")
    assert (main.title, main.published_text) == (headline, "December 20, 2025")


def test_the_date_over_a_header_of_short_lines_is_the_title_s() -> None:
    # A date over the reading time, the views, the section, the team and a share row (WCXB 0031 in w3m's dump:
    # the byline, its logo and empty share buttons): the time search above a title passed three lines only.
    headline = "Council extends the late-night bus service to every district"
    header = ["December 17, 2025", "10 min read", "119 views", "Transport", "City Desk", "Share"]
    [main] = extract_pagetext("\n".join(["News", *header, headline, *PROSE]) + "\n")
    assert (main.title, main.published_text) == (headline, "December 17, 2025")
    # A line of the site's longer than a kicker, between them, still ends the search: the date is another's.
    other = ["December 17, 2025", "Most read in Transport this week", "Share"]
    [main] = extract_pagetext("\n".join(["News", *other, headline, *PROSE]) + "\n")
    assert main.published_text is None


@pytest.mark.parametrize(
    "filed", ["Published in Transport, City Council, Night Life", "Tags: bus service, late night, districts"]
)
def test_the_categories_a_post_is_filed_under_are_not_its_title(filed: str) -> None:
    # Right above the story and in title case, the filing line shares its words; "Category 5 ..." stays a headline.
    headline = "Night Buses"
    page = ["Issue № 249", headline, "by Jane DoeNovember 20, 2007", filed, *PROSE]
    [main] = extract_pagetext("\n".join(page) + "\n")
    assert main.title == headline


def test_the_domain_an_aggregator_prints_after_a_title_is_taken_off() -> None:
    # Aggregators print the linked site's domain after the title, and the count of comments or points.
    headline = "Council extends the late-night bus service to every district"
    [main] = extract_pagetext("\n".join([headline + "  (harbourherald.com) 87", "May 5, 2025", *PROSE]) + "\n")
    assert main.title == headline


def test_the_headline_beats_a_subtitle_that_restates_it_in_title_case() -> None:
    # A subtitle set in title case right above the prose shares the headline's clues and more of the story's
    # words; it restates the headline above it (shares its words, not all of them), which a headline does not.
    headline = "Everything Riders Should Know About the Night Bus Routes"
    subtitle = "A Guide to the Popular Night Bus Routes and Their Timetables"
    lead = (
        "The city council voted on Tuesday to extend the late-night bus routes to every district, and published "
        "the timetables of the popular routes."
    )
    [main] = extract_pagetext("\n".join(["Home", "Transport", headline, subtitle, lead, *PROSE]) + "\n")
    assert main.title == headline


def test_a_headline_under_its_breadcrumb_s_printing_of_it_is_no_subtitle() -> None:
    # The breadcrumb's crumbs run together print the headline's words without its colon; the headline below is
    # the same title printed again, not a subtitle under it.
    crumbs = "Night Buses And Late Routes Council Decision"
    headline = "Night Buses and Late Routes: Council Decision"
    page = ["Transport Resources", crumbs, headline, "Jane Doe, Transport Editor", "Print Article", *PROSE]
    [main] = extract_pagetext("\n".join(page) + "\n")
    assert main.title == headline


def test_a_kicker_whose_words_the_headline_repeats_does_not_demote_it() -> None:
    # A section label above the headline has all its words in it: the headline expands the label rather than
    # restating a headline, and stays the title.
    headline = "11 Best Night Bus Routes in the City for 2025"
    subtitle = "What the Extended Late-Night Service Means for Riders"
    page = "\n".join(["Home", "Night Bus Routes", headline, subtitle, "May 5, 2025", *PROSE])
    [main] = extract_pagetext(page + "\n")
    assert main.title == headline


def test_an_entry_of_the_table_of_contents_is_not_the_title() -> None:
    # Between the headline and the body, a table of contents lists the section headings, which are printed
    # again above their sections: its entries stand closer to the body than the headline, and name its words.
    headline = "Night Buses for Every District"
    sections = ["Late-night bus service for every district", "The cost of the extended service"]
    page = "\n".join(
        ["May 5, 2025", headline, "Contents", *sections, PROSE[0], sections[0], PROSE[1], sections[1], PROSE[2]]
    )
    [main] = extract_pagetext(page + "\n")
    assert main.title == headline


def test_the_opening_above_a_table_of_contents_stays_with_the_article() -> None:
    # A post opens with a paragraph, then lists its sections under "Table of Contents", each printed again over
    # its section (WCXB 0414, 0429, 0006): the contents, a run of lines printed twice, cut the opening off the
    # sections, and the heading printed right above the sections was taken for the title.
    headline = "Thoughts on the Night Bus Network"
    opening = (
        "I have been riding the night buses for a year now, on every route the council runs after midnight, and "
        "they have become my favourite way back from work. Here is what works, what does not and what could."
    )
    topics = ["timetables", "fares", "stops", "drivers", "maps", "shelters", "tickets"]
    sections = {
        f"What I think of the {topic}": f"The {topic} of the night routes are the part of the service that riders "
        f"mention first when they are asked about it, and the council has promised to look at the {topic} again."
        for topic in topics
    }
    page = ["Home", "Blog", headline, "May 5, 2025", opening, "Table of Contents", *sections]
    for section, prose in sections.items():
        page += [section, prose]
    [main] = extract_pagetext("\n".join(page) + "\n")
    assert main.title == headline
    assert main.paragraphs == [
        (opening, ParagraphKind.body),
        *(
            paragraph
            for section, prose in sections.items()
            for paragraph in ((section, ParagraphKind.heading), (prose, ParagraphKind.body))
        ),
    ]


def test_a_table_of_contents_needs_its_label_and_its_sections() -> None:
    # The entries under the label that head sections further down; not a mega-menu's list of its panels (no
    # label), nor a widget's buttons printed under every item, nor a label over lines printed nowhere else.
    sections = ["What works well", "Where the routes fall short", "What the council could change"]
    body = [line for section, prose in zip(sections, PROSE, strict=True) for line in (section, prose)]
    marked = [
        index for index, line in enumerate(read_lines("\n".join(["Contents", *sections, *body]), ())) if line.contents
    ]
    assert marked == [0, 1, 2, 3]
    for page in (
        [*sections, *body],
        [
            "Contents",
            "Apply Today",
            "Learn More",
            *(line for prose in PROSE for line in ("Apply Today", "Learn More", prose)),
        ],
        ["Contents", "Timetables", "Fares", "Maps", *PROSE],
    ):
        assert not any(line.contents for line in read_lines("\n".join(page), ()))


def test_a_navigation_bar_on_one_line_is_no_title_when_the_footer_lists_its_items() -> None:
    # A browser's copy puts a navigation bar's links on one line and the footer's menu one to a line (Chromium's
    # copy of WCXB 4665, where the bar, over the date, outscored the headline below the date).
    headline = "Podcast Equipment Guide: What I Recommend After 500 Episodes"
    bar = "Features Pricing How to Start a Podcast Blog About Ads"
    footer = ["Features", "Subscriptions", "Pricing", "About", "Log In", "How to Start a Podcast", "Blog", "Help"]
    page = ["Buzzline", bar, "Menu", "Published on June 04, 2025", headline, *PROSE]
    [main] = extract_pagetext("\n".join([*page, *footer]) + "\n")
    assert main.title == headline
    # A headline most of whose words are the page's tags is no menu row: two of its words are no item.
    headline = "Putin and Trump Hold Ukraine Talks Over the Phone"
    tags = ["Putin", "Trump", "Ukraine", "Talks", "Over the Phone"]
    lines = read_lines("\n".join(["Home", "World", headline, "June 04, 2025", *PROSE, "Tags", *tags]) + "\n", ())
    context = TitleContext(lines, find_bodies(lines)[0], 0)
    assert not context.runs_items_together(headline.casefold().split())
    assert context.runs_items_together(["putin", "trump", "ukraine", "talks"])


def test_headlines_cut_short_by_an_ellipsis_are_no_prose() -> None:
    # A sidebar's "Popular posts" between the byline and the story cuts its headlines short (WCXB 0400, 4612):
    # ending on an ellipsis, they read as sentences trailing off and joined the story as its opening paragraphs.
    popular = [
        "Yes, Deer: How to Live in Harmony With the Notorious…",
        "Wild Is Best: A Low-Water, High-Spirit Garden in a…",
        "The Beauty of Decay: 10 Perennials to Add Structure…",
        "Garden Visit: A Secret Garden in Clinton Hill, Brooklyn",
        "The Savvy Shopper’s Guide: 24 Black Friday Sales for...",
    ]
    assert not any(line_shape(headline).reads_as_prose for headline in popular)
    # A sentence trailing off is in sentence case.
    assert line_shape("The council said the night routes would run until midnight, and then…").reads_as_prose
    headline = "The Year in Gardening: Looking Back With Joy"
    page = [headline, "Melissa Ozawa December 18, 2025", "Popular posts:", *popular, *PROSE]
    [main] = extract_pagetext("\n".join(page) + "\n")
    assert (main.title, [text for text, _ in main.paragraphs]) == (headline, PROSE)


def test_an_article_around_its_table_keeps_its_rows_and_its_title() -> None:
    # A browser's copy sets a table's cells apart by tabs (WCXB 0089, 0103): each row cost the body as a short
    # line, so a long table cut the article in two and the part above it was lost, table and all; on 0103 the
    # parts were short enough beside a menu's blurb that the blurb was taken for the article.
    headline = "Night Bus Ridership by Route: 2025 Figures"
    rows = [f"{rank}\tRoute N{rank}\t{2000 - 40 * rank:,} riders\t{20 + rank}%" for rank in range(1, 31)]
    after = [
        f"The {topic} on the night routes changed more than riders expected this year, and the council says it will "
        f"look at the {topic} again before the service is extended to the outer districts next spring."
        for topic in ("timetables", "fares", "stops", "drivers")
    ]
    menu = [f"Service {number}" for number in range(12)]
    page = [
        "Services",
        "Plan every trip across the city with our complete guide to the routes, fares and the timetables of buses.",
        "We turn a late night into a ride home by teaching you which of the routes run after midnight, and when "
        "they run on a Sunday.",
        *menu,
        headline,
        "1,693 views",
        PROSE[0],
        "Route\tName\tRiders a night\tGrowth",
        *rows,
        *after,
        *menu,
    ]
    [main] = extract_pagetext("\n".join(page) + "\n")
    assert main.title == headline
    assert [text for text, _ in main.paragraphs] == [PROSE[0], "Route\tName\tRiders a night\tGrowth", *rows, *after]


def test_the_banner_of_a_government_site_is_no_title() -> None:
    # Every U.S. government site opens with the same banner (WCXB 4101, 4104, on .gov pages): its lines are the
    # site's, and were taken for the title of a page whose headline stands far below.
    banner = [
        "Skip to main content",
        "An official website of the United States government",
        "Here's how you know",
        "Official websites use .gov",
        "A .gov website belongs to an official government organization in the United States.",
        "Secure .gov websites use HTTPS",
        "A lock ( ) or https:// means you've safely connected to the .gov website. Share sensitive information only "
        "on official, secure websites.",
    ]
    headline = "Small Business Night Bus Corner"
    menu = ["Topics", "Services", "Publications", "News & Events", "About"]
    page = [*banner, *menu, headline, "May 5, 2025", *PROSE, *menu]
    [main] = extract_pagetext("\n".join(page) + "\n")
    assert main.title == headline


def test_a_section_s_name_run_together_with_a_series_name_is_no_title() -> None:
    # A site prints its section's name before every headline, its own and its teasers' (WCXB 0279, "Student
    # Achievement What the Research Says" over "Why Hasn't Tutoring Been More Effective?"): the kicker line shared
    # more words with the story than the headline did.
    headline = "Why Night Owls Finally Get a Ride Home"
    teasers = ["City Hall Mayor Names a New Transport Chief", "City Hall Budget Talks Stall Over Parks"]
    page = ["Home", "City Hall", "Transport", "City Hall Council Bus Service Decisions", headline, "June 4, 2025"]
    more = ["More stories", *(line for teaser in teasers for line in (teaser, "June 3, 2025"))]
    [main] = extract_pagetext("\n".join([*page, *PROSE, *more]) + "\n")
    assert main.title == headline
    # A menu item that opens the article's own headings is its subject, not a section's name.
    title = "Bus Service Changes: What Riders Should Know"
    sections = ["Bus Service Fares From Spring", PROSE[1], "Bus Service Hours After Midnight", PROSE[2]]
    lines = read_lines("\n".join(["Home", "Bus Service", title, "June 4, 2025", PROSE[0], *sections]) + "\n", ())
    context = TitleContext(lines, find_bodies(lines)[0], 0)
    assert not context.opens_with_kicker(2)


def test_a_breadcrumb_from_the_home_page_run_together_is_no_title() -> None:
    # "Home", a section's name and the section's blurb on one line above the headline (WCXB 0199: "Home Stuff We Love
    # Expert Product Reviews & Buying Guides"), which had won there (the page itself is tested below).
    headline = "4 Best Night Bus Passes, Tested by Commuters"
    crumbs = "Home Rides We Love Expert Transport Reviews & Buying Guides"
    menu = ["Rides We Love", "City Hall", "Transport"]
    page = [*menu, crumbs, headline, "By Jane Doe", "June 4, 2025", *PROSE, "More from Rides We Love", *menu]
    lines = read_lines("\n".join(page) + "\n", ())
    context = TitleContext(lines, find_bodies(lines)[0], 0)
    assert context.opens_with_crumbs(3)
    assert not context.opens_with_crumbs(4)
    # A headline that opens with "Home" goes on with its own words, not a section's.
    own = "Home Office Ideas for Small Flats Near the Night Bus Routes"
    lines = read_lines("\n".join([*menu, own, "June 4, 2025", *PROSE]) + "\n", ())
    assert not TitleContext(lines, find_bodies(lines)[0], 0).opens_with_crumbs(3)


def test_the_title_that_the_comments_heading_quotes_is_the_title() -> None:
    # Blog software heads a post's comments with its title ("6 thoughts on “Title”", WCXB 0006 and 4682 as lynx
    # and w3m dump them, where a subtitle or a section heading had outscored the headline).
    title = "Late buses for every district"
    header = [
        title,
        "By Jane Doe",
        "Council Extends the Late-Night Bus Service to Every District From Spring",
        "June 4",
    ]
    comments = [f"3 thoughts on “{title}”", "Jim says: great news for the outer districts of the city and for everyone"]
    [main] = extract_pagetext("\n".join(["Home", *header, *PROSE, *comments]) + "\n")
    assert main.title == title
    assert page_facts(read_lines("\n".join(comments), ())).named == {title.casefold()}


def test_a_breadcrumb_run_together_with_the_headline_does_not_take_its_place() -> None:
    # Without separators between its crumbs, a breadcrumb is one longer line ending with the headline.
    headline = "Council extends the late-night bus service"
    page = "\n".join(["HomeNewsTransport" + headline, headline, "May 5, 2025", *PROSE])
    [main] = extract_pagetext(page + "\n")
    assert main.title == headline


def test_the_site_name_printed_after_the_title_is_taken_off() -> None:
    # "Title | Site": the site's name is a few capitalised words that the page prints elsewhere too (its
    # footer); a subtitle after a dash has function words and stays, and so does a suffix printed nowhere else.
    headline = "Council extends the late-night bus service"
    footer = "© 2025 Harbour Herald. All rights reserved."
    [main] = extract_pagetext("\n".join([headline + " | Harbour Herald", "May 5, 2025", *PROSE, footer]) + "\n")
    assert main.title == headline
    subtitled = headline + " - What Riders in the Outer Districts Need to Know"
    [main] = extract_pagetext("\n".join([subtitled, "May 5, 2025", *PROSE, footer]) + "\n")
    assert main.title == subtitled
    [main] = extract_pagetext("\n".join([headline + " | Acme Daily", "May 5, 2025", *PROSE]) + "\n")
    assert main.title == headline + " | Acme Daily"


@pytest.mark.parametrize(
    ("line", "title", "date"),
    [
        # Printed so on WCXB pages: a blog's headline and its listings of posts.
        (
            "AoAH Day 15: Porting a complete HTML5 parser and browser test suite  / Dec 2025",
            "AoAH Day 15: Porting a complete HTML5 parser and browser test suite",
            "Dec 2025",
        ),
        (
            "Wine styles to pair with your Thanksgiving dinner - 20 November 2025",
            "Wine styles to pair with your Thanksgiving dinner",
            "20 November 2025",
        ),
        (
            "A Mindful Approach to New Year’s Resolutions - January 13, 2020",
            "A Mindful Approach to New Year’s Resolutions",
            "January 13, 2020",
        ),
        (
            "Council extends the late-night bus service | 2025-05-05",
            "Council extends the late-night bus service",
            "2025-05-05",
        ),
        # A month and year after a dash name the title's subject; a range of dates is the title's own.
        ("Prosper Performance Update – January 2026", "Prosper Performance Update – January 2026", None),
        (
            "Lee Miller, Tate Britain, October 2, 2025 – February 15, 2026",
            "Lee Miller, Tate Britain, October 2, 2025 – February 15, 2026",
            None,
        ),
        (
            "Sussex Modernism Towner Eastbourne 23 May – 28 September 2025",
            "Sussex Modernism Towner Eastbourne 23 May – 28 September 2025",
            None,
        ),
        # After a space only, a whole date (w3m's line for a headline and its date floated right), not a month.
        ("Backup Strategy January 22nd, 2019", "Backup Strategy", "January 22nd, 2019"),
        ("Prosper Performance Update January 2026", "Prosper Performance Update January 2026", None),
        # Too little left to be a title.
        ("Video  - December 19, 2025", "Video  - December 19, 2025", None),
    ],
)
def test_the_date_printed_after_a_title_is_taken_off_and_kept_as_its_date(
    line: str, title: str, date: str | None
) -> None:
    assert without_date_suffix(line) == (title, date)


def test_a_headline_with_its_date_after_it_is_the_title_without_it_and_the_date_is_its_own_when_none_is_printed() -> (
    None
):
    headline = "AoAH Day 15: Porting a complete HTML5 parser and browser test suite"
    [main] = extract_pagetext("\n".join(["Notes", "Search", f"{headline}  / Dec 2025", "15th Dec 2025", *PROSE]) + "\n")
    assert (main.title, main.published_text) == (headline, "15th Dec 2025")
    [main] = extract_pagetext("\n".join(["Home", f"{headline} | May 5, 2025", *PROSE]) + "\n")
    assert (main.title, main.published_text) == (headline, "May 5, 2025")


def test_a_headline_with_its_date_on_its_line_after_a_space_is_the_title() -> None:
    # w3m sets a blog's headline and its date floated right on one line ("Backup Strategy January 22nd, 2019", WCXB
    # 0495): the line read as a date only, no title was found, and the article was lost. A whole date after the title
    # is the article's before one printed below the body (a comment's, here).
    page = [
        "Jeff Kaufman",
        "Posts",
        "Backup Strategy January 22nd, 2019",
        "tech",
        *PROSE,
        "Comments",
        "December 6, 2025",
    ]
    [main] = extract_pagetext("\n".join(page) + "\n")
    assert (main.title, main.published_text) == ("Backup Strategy", "January 22nd, 2019")
    # A month and year after a title are its own ("Update January 2026"), or a listing's date of the post, which a
    # footer's whole date below the body then wins over.
    headline = "Council extends the late-night bus service to every district"
    page = ["Home", f"{headline}  / Dec 2025", *PROSE, "15th Dec 2025•backlinks•transport"]
    [main] = extract_pagetext("\n".join(page) + "\n")
    assert (main.title, main.published_text) == (headline, "15th Dec 2025")
    for line in (
        "Updated on January 22, 2019",
        "By Jeff Kaufman January 22, 2019",
        "The meeting is on January 5, 2025",
        "Last checked: 2025-10-28",
    ):
        [read] = read_lines(line + "\n", ())
        assert (read.title_like, read.metadata) == (False, True), line


MORE_PROSE = [
    "The transport department will hire forty more drivers before the spring, and the union said it had agreed "
    "to the new rosters after the council promised that nobody would work more than two night shifts a week.",
    "Bus stops on the new routes will get lights and shelters over the summer, which the police had asked for "
    "after a survey found that most riders who stayed away from the trial routes said they felt unsafe waiting.",
    "The council will publish figures on ridership every three months, and a committee of residents from the "
    "outer districts will decide with the operator whether the routes should change once the first year is over.",
    "Taxi drivers, who lose some of their late-night trade to the buses, asked the council to let them use the "
    "bus lanes after midnight as well, and the council said it would look at the request when it reviews the lanes.",
    "Shop owners in the centre hope the buses will bring more customers to the evening markets, which the "
    "council plans to hold on two more nights a week if the first months of the extended service go well.",
    "The opposition voted for the plan but warned that the levy on businesses could rise in later years if the "
    "fares do not cover as much of the cost as the council expects, and asked for a review after two years.",
]


def test_a_related_widget_inside_the_article_does_not_end_it() -> None:
    # A "Related" label over a few links, with paragraphs of the article below it, sits inside the article;
    # below the article, a label is followed by teaser cards instead.
    headline = "Council extends the late-night bus service to every district"
    widget = ["Related Articles", "Trams to run all night at weekends", "New cycle lanes open in the centre"]
    page = "\n".join([headline, "By Jane Doe", "May 5, 2025", *PROSE, *widget, *MORE_PROSE])
    [main] = extract_pagetext(page + "\n")
    # The article goes on below the links, which go with their label; the label stays for `tidy`, which takes
    # it off with a headline below it that reads as prose.
    assert texts(main) == [*PROSE, widget[0], *MORE_PROSE]
    assert texts(tidy(main)) == [*PROSE, *MORE_PROSE]
    # Headlines with their authors' names below, the last name right above the story's next paragraph, where it
    # reads as a heading (WCXB 0160, The Atlantic's "Recommended Reading").
    widget = [
        "Recommended Reading",
        "The Isolating Life of Parenting a Potential Psychopath",
        "Lillyth Quillan",
        "Dear Therapist: My Husband Accidentally Caused the Death of Our Family's Dog",
        "Lori Gottlieb",
    ]
    page = "\n".join([headline, "By Jane Doe", "May 5, 2025", *PROSE, *widget, *MORE_PROSE])
    assert texts(tidy(extract_pagetext(page + "\n")[0])) == [*PROSE, *MORE_PROSE]
    # Without the label, short lines between paragraphs are the article's (list items, a heading).
    page = "\n".join([headline, "By Jane Doe", "May 5, 2025", *PROSE, *widget[1:], *MORE_PROSE])
    unlabelled = texts(tidy(extract_pagetext(page + "\n")[0]))
    assert {widget[1], widget[3], widget[4]} <= set(unlabelled), unlabelled


def test_the_article_goes_on_below_a_widget_and_a_product_card() -> None:
    # Below the widget, one paragraph and then a product card (its prices at each shop, what to know about it)
    # before the article goes on: what goes on below the widget is every block of the article that only the
    # cards separate.
    headline = "The best night buses in the city, tested by our reporters"
    widget = ["Related", "Trams to run all night at weekends"]

    def card(route: str, price: str) -> list[str]:
        shops = [line for shop in ("City Transit", "Metro Shop") for line in (price, shop)]
        notes = ["What to know", f"{route}: 31 stops, 14 mi.", "What we like", "Heated seats", "Something to note"]
        return [f"Best for {route}", route, *shops, price, *notes, "Older buses, fewer seats"]

    story = [*card("Route N7", "$2.50"), *MORE_PROSE[1:], *card("Route N12", "$3.00"), *RELATED_CARD[1:]]
    page = "\n".join([headline, "By Jane Doe", "May 5, 2025", *PROSE, *widget, MORE_PROSE[0], *story])
    [main] = extract_pagetext(page + "\n")
    assert texts(main)[-3:] == RELATED_CARD[1:]
    # Below a comments label, the comments go on for paragraphs: the article ends at the label.
    comment = ["Jane from Leeds", *[text.replace("The council", "I think the council") for text in MORE_PROSE]]
    page = "\n".join([headline, "By Jane Doe", "May 5, 2025", *PROSE, "3 Comments", *comment])
    assert texts(extract_pagetext(page + "\n")[0]) == PROSE


def test_a_label_before_the_title_is_no_word_of_it() -> None:
    # arXiv prints its abstract page's title after a label, glued to it.
    headline = "Night buses and the shape of the city: a study of ridership"
    page = ["Search", "Help", f"Title:{headline}", "Authors:Jane Doe, Ann Lee", *PROSE]
    assert [article.title for article in extract_pagetext("\n".join(page) + "\n")] == [headline]


def test_a_headline_may_end_with_an_initialism_s_full_stop() -> None:
    # "... in the U.S." ends with a full stop, as a sentence does, but it is an initialism's: the line is still a
    # headline.
    headline = "Night bus ridership doubles in cities across the U.S."
    page = ["Home", "News", headline, "By Jane Doe", "May 5, 2025", *PROSE]
    assert [article.title for article in extract_pagetext("\n".join(page) + "\n")] == [headline]


def test_a_heading_its_table_of_contents_lists_goes_on_with_the_article_below_a_widget() -> None:
    # A buying guide cut by a "Related" widget goes on with sections of one paragraph each under their headings,
    # which read as teaser cards; the page's table of contents ("In this article") lists the heading below the
    # widget beside the article's own headings above it, so the sections are the article's, not a related one.
    headline = "The best night buses in the city, tested by our reporters"
    above = [PROSE[0], "What the council decided", PROSE[1], "Who pays for the service", *PROSE[2:]]
    headings = ["What riders can expect", "When the routes change", "Who runs the buses", "What shops want"]
    below = [line for heading, text in zip(headings, MORE_PROSE, strict=False) for line in (heading, text)]
    contents = ["In this article", "What the council decided", "Who pays for the service", *headings]
    footer = ["About us", "Contact", "Careers", "Privacy policy"]
    widget = ["Related", "Trams to run all night at weekends"]
    page = "\n".join([headline, "By Jane Doe", "May 5, 2025", *above, *widget, *below, *footer, *contents])
    articles = extract_pagetext(page + "\n")
    assert [article.role for article in articles] == [DocumentRole.main]
    assert texts(articles[0])[-len(below) :] == below
    # Without the contents list, the sections below the widget are a related article's cards.
    page = "\n".join([headline, "By Jane Doe", "May 5, 2025", *above, *widget, *below, *footer])
    assert texts(extract_pagetext(page + "\n")[0])[-1] == PROSE[-1]
    # A text browser draws the contents as a list, each entry with its mark ("* What riders can expect", as lynx
    # dumps NBC Select's buying guide, WCXB 4472): they list the sections all the same.
    drawn = [contents[0], *(f"* {entry}" for entry in contents[1:])]
    page = "\n".join([headline, "By Jane Doe", "May 5, 2025", *above, *widget, *below, *footer, *drawn])
    assert texts(extract_pagetext(page + "\n")[0])[-len(below) :] == below


def test_the_article_goes_on_below_a_chart_s_dated_rows_and_a_widget() -> None:
    # A chart's rows (a date and its value each) run longer than any gap between an article's parts, then a
    # "RELATED" label over one link, then the article goes on: the rows are its data, not a footer's dates, and
    # the widget is the label and its link.
    headline = "Home prices rise again in the outer districts, council figures show"
    rows = [
        f"{month}/1/{year} +{month + year % 7}.{year % 10}%" for year in range(2021, 2025) for month in range(1, 13)
    ]
    widget = ["RELATED", "Are you planning a home renovation soon? Read what your insurance will and will not cover."]
    page = [headline, "By Jane Doe", "May 5, 2025", *PROSE, "Home Sale Prices Over Time", *rows, *widget, *MORE_PROSE]
    [main, *_] = extract_pagetext("\n".join(page) + "\n")
    assert texts(main)[-len(MORE_PROSE) :] == MORE_PROSE
    # A footer's dates are set with words: below them the article does not go on.
    footer = [f"Posted on {month}/1/2024 by the desk" for month in range(1, 13)] * 4
    page = [headline, "By Jane Doe", "May 5, 2025", *PROSE, *footer, *widget, *MORE_PROSE]
    assert texts(extract_pagetext("\n".join(page) + "\n")[0]) == PROSE


@pytest.mark.parametrize(
    "label",
    [
        *("Be the first to comment", "Add a new comment", "Post Comment", "View all comments", "Comments are closed."),
        *("Discussion about this post", "CommentsRestacks", "Add Your Comment", "Write a comment", "Leave your reply"),
    ],
)
def test_a_comment_box_s_prompt_ends_the_article(label: str) -> None:
    # A comment box's prompt is a comments label too: what follows it (here its writer's bio) is no article's.
    headline = "Council extends the late-night bus service to every district"
    bio = (
        "Jane Doe is a transport reporter who has covered the city council, its buses and its trams for more "
        "than ten years, and writes a weekly column on commuting."
    )
    page = "\n".join([headline, "By Jane Doe", "May 5, 2025", *PROSE, label, bio])
    [main] = extract_pagetext(page + "\n")
    assert texts(main) == PROSE


def test_a_newsletter_box_below_the_article_is_cut_off() -> None:
    # Below the article, past a row of share buttons, a sign-up box reads as prose and carries no label; it
    # speaks of the site, not of the article's subject.
    headline = "Council extends the late-night bus service to every district"
    buttons = ["Share", "Facebook", "Twitter", "Email"]
    signup = "Sign up for our free weekly newsletter and get the best stories delivered to your inbox every Friday."
    page = "\n".join([headline, "By Jane Doe", "May 5, 2025", *PROSE, *MORE_PROSE, *buttons, signup])
    [main] = extract_pagetext(page + "\n")
    assert texts(main) == [*PROSE, *MORE_PROSE]


# --- clean-up helpers ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("paragraph", "raw", "place", "date_text", "rest"),
    [
        ("MOSCOW : Russian leader Vladimir Putin", "MOSCOW :", "MOSCOW", None, "Russian leader Vladimir Putin"),
        ("CAIRO, July 5 — Hamas said", "CAIRO, July 5 —", "CAIRO", "July 5", "Hamas said"),
        ("WASHINGTON (Reuters) - The US said", "WASHINGTON (Reuters) -", "WASHINGTON", None, "The US said"),
        ("LONDON, Jan 3 (AFP) – Britain will", "LONDON, Jan 3 (AFP) –", "LONDON", "Jan 3", "Britain will"),
        ("KUALA LUMPUR, July 5 — The ministry", "KUALA LUMPUR, July 5 —", "KUALA LUMPUR", "July 5", "The ministry"),
        ("SAN FRANCISCO, Calif. — Apple said", "SAN FRANCISCO, Calif. —", "SAN FRANCISCO", None, "Apple said"),
        ("NEW YORK (AP) — Stocks fell", "NEW YORK (AP) —", "NEW YORK", None, "Stocks fell"),
        ("BEIJING: China said", "BEIJING:", "BEIJING", None, "China said"),
        ("Moscow, July 5 (Reuters) - Russia said", "Moscow, July 5 (Reuters) -", "Moscow", "July 5", "Russia said"),
        ("PARIS, 3 March 2025 — France", "PARIS, 3 March 2025 —", "PARIS", "3 March 2025", "France"),
        # Other languages' wires: German agencies in lower case, accented places, Spanish ".-", local dates.
        ("Berlin (dpa) - Die Regierung", "Berlin (dpa) -", "Berlin", None, "Die Regierung"),
        ("München (dpa) – Die Polizei", "München (dpa) –", "München", None, "Die Polizei"),
        ("Genève (ATS) - Le Conseil", "Genève (ATS) -", "Genève", None, "Le Conseil"),
        ("MADRID, 4 jul (EFE).- El Gobierno", "MADRID, 4 jul (EFE).-", "MADRID", "4 jul", "El Gobierno"),
        ("МОСКВА, 4 июля — Президент России", "МОСКВА, 4 июля —", "МОСКВА", "4 июля", "Президент России"),
        ("莫斯科电 俄罗斯总统普京", "莫斯科电", "莫斯科", None, "俄罗斯总统普京"),
        ("新华社北京7月4日电（记者 王伟）国家主席", "新华社北京7月4日电（记者 王伟）", "北京", "7月4日", "国家主席"),
        ("【モスクワ共同】ロシアの大統領は", "【モスクワ共同】", "モスクワ", None, "ロシアの大統領は"),
    ],
)
def test_split_dateline_recognises_wire_forms(
    paragraph: str, raw: str, place: str, date_text: str | None, rest: str
) -> None:
    dateline, remainder = split_dateline(paragraph)
    assert dateline is not None
    assert (dateline.raw, dateline.place, dateline.date_text) == (raw, place, date_text)
    assert remainder == rest


@pytest.mark.parametrize(
    "paragraph",
    [
        "Trump said: we will not give up.",
        "In Moscow, officials said the talks had stalled.",
        "US officials - who declined to be named - said so.",
        "BREAKING: Markets tumble after the announcement.",
        "TLDR: We are postponing the billing change.",
        "CORRECTION: An earlier version misstated the date.",
        "A - the first option on the list.",
        "Moscow said on Thursday that it would continue.",
        "The Kremlin — which denies it — said nothing.",
        "Berlin - die Stadt ist schön.",
        "中国电信发布了新产品。",
        "【速報】地震が発生しました。",
    ],
)
def test_split_dateline_leaves_ordinary_sentences_alone(paragraph: str) -> None:
    assert split_dateline(paragraph) == (None, paragraph)


@pytest.mark.parametrize(
    ("paragraph", "credit", "rest"),
    [
        ("most of them civilians. — Reuters", "Reuters", "most of them civilians."),
        ("the minister said. - AFP", "AFP", "the minister said."),
        ("the ceremony ended. (Bernama)", "Bernama", "the ceremony ended."),
        ('"We will win," he said. —AFP/Reuters', "AFP/Reuters", '"We will win," he said.'),
        ("— Reuters", "Reuters", ""),
        ("Die Polizei ermittelt. (dpa)", "dpa", "Die Polizei ermittelt."),
        ("Die Polizei ermittelt. — dpa/AFP", "dpa/AFP", "Die Polizei ermittelt."),
    ],
)
def test_split_credit_takes_a_trailing_wire_credit(paragraph: str, credit: str, rest: str) -> None:
    assert split_credit(paragraph) == (credit, rest)


@pytest.mark.parametrize(
    "paragraph",
    [
        "Trade between the US - China has slowed",
        "- Accessibility",
        "The alliance members met the chief of the alliance (Nato)",
        "He met the president of the agency - Smith",
        "Nothing to see here.",
        "Die Zahl stieg. - und fiel",
    ],
)
def test_split_credit_leaves_other_endings_alone(paragraph: str) -> None:
    assert split_credit(paragraph) == (None, paragraph)


@pytest.mark.parametrize(
    ("line", "text", "credit"),
    [
        ("Putin attends a ceremony in Moscow. (AP pic)", "Putin attends a ceremony in Moscow.", "AP"),
        ("A man walks past the bank. (Reuters photo)", "A man walks past the bank.", "Reuters"),
        ("Fire crews at the scene. Photo: Jane Doe", "Fire crews at the scene.", "Jane Doe"),
        ("Crowds in the square (Photo: Bernama)", "Crowds in the square", "Bernama"),
        ("The prime minister in Parliament. (File pic)", "The prime minister in Parliament.", "File"),
        ("The Queen in 2004 (Picture credit: Getty)", "The Queen in 2004", "Getty"),
        ("Shoes on a trail. Photo courtesy: Ann Lee", "Shoes on a trail.", "Ann Lee"),
        # In the other languages whose pages are read.
        ("Bundeskanzler Merz im Bundestag. Foto: dpa", "Bundeskanzler Merz im Bundestag.", "dpa"),
        ("El presidente en Madrid. (Foto: EFE)", "El presidente en Madrid.", "EFE"),
        ("Путин на совещании в Кремле. Фото: ТАСС", "Путин на совещании в Кремле.", "ТАСС"),
        ("Premier w Sejmie. Zdjęcie: PAP", "Premier w Sejmie.", "PAP"),
        # A credit line of its own after the caption's sentence, and a credit of six words.
        ("Guests pick their pastries. | Photo by Lisa Jennings", "Guests pick their pastries.", "Lisa Jennings"),
        ("The Mach-E earns our top pick. Image by John Goreham", "The Mach-E earns our top pick.", "John Goreham"),
        (
            "A wind farm in May 2016. Photo: Joan Sullivan / Climate Visuals Countdown",
            "A wind farm in May 2016.",
            "Joan Sullivan / Climate Visuals Countdown",
        ),
    ],
)
def test_split_caption_reads_credited_captions(line: str, text: str, credit: str) -> None:
    assert split_caption(line) == Caption(text=text, credit=credit)


@pytest.mark.parametrize(
    "line",
    [
        "He took a photo of the picture on the wall.",
        "The team won the final (AP)",
        "Russia will not give up on these aims.",
        "Source: a senior official said the talks would go on, and that both sides agreed to meet again",
        "Kanzler Merz sagte der Bild: „Wir schaffen das.“",
        "Es una cuestión de imagen: nadie quiere ceder.",
        "He took a photo by the lake and posted it.",
        "The exhibition opens in May. Photographs by Ansel Adams fill the first room and draw crowds every weekend.",
    ],
)
def test_split_caption_rejects_lines_without_a_photo_credit(line: str) -> None:
    assert split_caption(line) is None


@pytest.mark.parametrize(
    ("line", "credit"),
    [
        ("Photo by Solen Feyissa on Unsplash", "Solen Feyissa on Unsplash"),
        ("Photo Courtesy of Noble Desktop", "Noble Desktop"),
        ("Image courtesy of: Rima Brindamour", "Rima Brindamour"),
        ("Image Credit: Atomic Taco via Wikimedia Commons (license)", "Atomic Taco via Wikimedia Commons (license)"),
        ("Photograph: Kevin Lamarque/Reuters", "Kevin Lamarque/Reuters"),
        ("(Photo: Getty Images)", "Getty Images"),
        ("Pictures by Ann Lee.", "Ann Lee"),
        ("Illustration © Studio Nord", "Studio Nord"),
        # An agency's credit, alone or with the photographer's (WCXB 0149, 0178, 4560).
        ("FatCamera/Getty Images", "FatCamera/Getty Images"),
        ("Streetcats Studio / Shutterstock", "Streetcats Studio / Shutterstock"),
        ("Getty Images / Patrick J. Endres", "Getty Images / Patrick J. Endres"),
        ("Getty Images", "Getty Images"),
        ("AP Photo/Evan Vucci", "AP Photo/Evan Vucci"),
        ("(Getty Images)", "Getty Images"),
        # A photographer's name with the outlet or studio they shot for (WCXB 0199, 0133, 0039).
        ("KATIE BANDURSKI FOR TASTE OF HOME", "KATIE BANDURSKI FOR TASTE OF HOME"),
        ("Michael P.H. Clifford for The Expert", "Michael P.H. Clifford for The Expert"),
        ("Jane Doe for The New York Times", "Jane Doe for The New York Times"),
        ("PS Photography | Mirel Zaman", "PS Photography | Mirel Zaman"),
    ],
)
def test_split_credit_line_reads_a_photo_credit_standing_alone(line: str, credit: str) -> None:
    assert split_credit_line(line) == Caption(text=line, credit=credit)


@pytest.mark.parametrize(
    "line",
    [
        "Photo Editing Team",
        "Picture this: a city where every bus runs on time and nobody waits in the rain.",
        "Images get exported",
        "Image from the March 2024 review.",
        "Photo by photo, the archivists rebuilt the collection that the flood had scattered across three floors.",
        "Photos can be shuffled or displayed in a fixed order",
        "The photo by Jane Doe won the prize.",
        # A news agency alone is the story's wire credit; a sentence naming an agency is the story's.
        "Reuters",
        "Shutterstock shares fell 5% after the report",
        # Headings shaped as a name for an outlet whose first word is no first name, or not in capitals.
        "Real Estate Crowdfunding for Non-Accredited Investors",
        "Long Term Check-ups for Your Car",
        "Best Practices for The Modern Newsroom",
        "Emily Way for Taste of Home",
        "Macro Photography",
        "Wedding Photography | Tips",
    ],
)
def test_split_credit_line_leaves_other_lines(line: str) -> None:
    assert split_credit_line(line) is None


def test_a_caption_glued_to_its_stock_agency_s_credit_is_a_caption() -> None:
    # A page's text glues a photo's caption to its credit, after a full stop or a word (WCXB 0034, 0178); the cut
    # is at the full stop where there is one, as a photographer's name may have a capital inside.
    assert split_credit_line("Fitness fanatics are over feeling burnt out.PixelVista / Getty Images") == Caption(
        text="Fitness fanatics are over feeling burnt out.", credit="PixelVista / Getty Images"
    )
    assert split_credit_line("Phoenix Sky Harbor International AirportWenjie Zheng / Shutterstock") == Caption(
        text="Phoenix Sky Harbor International Airport", credit="Wenjie Zheng / Shutterstock"
    )
    assert split_credit_line("Credit: Andriy Onufriyenko / Getty Images") == Caption(
        text="Credit: Andriy Onufriyenko / Getty Images", credit="Andriy Onufriyenko / Getty Images"
    )
    # A script's placeholder for a caption the page lacks is no caption (w3m's copy of WCXB 0149).
    assert split_credit_line("nullGetty Images / Holger Leue") == Caption(
        text="Getty Images / Holger Leue", credit="Getty Images / Holger Leue"
    )
    assert split_credit_line("Bus routes at nullGetty Images / Holger Leue") == Caption(
        text="Bus routes at null", credit="Getty Images / Holger Leue"
    )
    # A sentence naming an agency, or a poll by a news agency and another firm, is the story's.
    for sentence in (
        "The agency licensed the photo from Getty Images",
        "Support fell in 2019.A Reuters/Ipsos poll found it",
        "Shares of Shutterstock rose.",
    ):
        assert split_credit_line(sentence) is None, sentence


def test_a_photo_credit_between_paragraphs_becomes_a_caption_and_hides_no_dateline() -> None:
    scraped = ArticleParts(
        role=DocumentRole.main,
        title="Council extends the late-night bus service to every district",
        paragraphs=[
            ("Photo by Jane Doe on Unsplash", ParagraphKind.body),
            (f"LONDON, July 5 (Reuters) - {PROSE[0]}", ParagraphKind.body),
            ("Image courtesy of Transport for London", ParagraphKind.heading),
            (PROSE[1], ParagraphKind.body),
        ],
    )
    tidied = tidy(scraped)
    assert [text for text, _ in tidied.paragraphs] == PROSE[:2]
    assert tidied.captions == [
        Caption(text="Photo by Jane Doe on Unsplash", credit="Jane Doe on Unsplash"),
        Caption(text="Image courtesy of Transport for London", credit="Transport for London"),
    ]
    assert tidied.dateline is not None
    assert tidied.dateline.place == "LONDON"


@pytest.mark.parametrize(
    ("widgets", "kind"),
    [
        # A heading heads what follows: at the end it is a widget's label or a sign-up's field (WCXB 0030, 4576).
        (["Stay in the loop", "Email address", "SCHEDULE A CONSULTATION"], ParagraphKind.heading),
        # Short calls to action, a date alone and a counter that trafilatura leaves below an article (WCXB HTML
        # 0005, 0105, 0103, 0116, 0184).
        (["See all products", "July 18, 2024", "38", "Back to top", "Let's Get Started"], ParagraphKind.body),
    ],
)
def test_the_headings_and_furniture_that_end_an_article_go_but_a_long_outline_stays(
    widgets: list[str], kind: ParagraphKind
) -> None:
    scraped = ArticleParts(
        role=DocumentRole.main,
        title="Council extends the late-night bus service to every district",
        paragraphs=[
            (PROSE[0], ParagraphKind.body),
            ("Who pays", ParagraphKind.heading),
            (PROSE[1], ParagraphKind.body),
            *[(widget, kind) for widget in widgets],
        ],
    )
    assert [text for text, _ in tidy(scraped).paragraphs] == [PROSE[0], "Who pays", PROSE[1]]
    # More than TRAILING_FURNITURE_MAX in a row are the outline of sections whose text the capture lost.
    outline = [(f"Section {number}: what the council decided", ParagraphKind.heading) for number in range(6)]
    kept = ArticleParts(
        role=DocumentRole.main, title=scraped.title, paragraphs=[(PROSE[0], ParagraphKind.body), *outline]
    )
    assert tidy(kept).paragraphs == kept.paragraphs
    # A short sentence that ends the story with a date is the story's, in any script.
    for last in ("Voting ends March 3, 2025.", "会议将于7月10日举行。"):
        dated = ArticleParts(
            role=DocumentRole.main,
            title=scraped.title,
            paragraphs=[(PROSE[0], ParagraphKind.body), (last, ParagraphKind.body)],
        )
        assert tidy(dated).paragraphs == dated.paragraphs, last


def test_a_last_section_under_a_call_to_action_is_the_page_s_promotion() -> None:
    # A local station's appeal below its story (WCXB 0031, "SHARE YOUR STORY"), a school's "Take the next step"
    # (0125), a newsletter's "Get Our Newsletter": the heading is a button's words, the section its blurb.
    story = [(PROSE[0], ParagraphKind.body), ("Who pays", ParagraphKind.heading), (PROSE[1], ParagraphKind.body)]
    for heading, blurb in (
        (
            "SHARE YOUR STORY",
            "Do you have an issue with a company that you haven't been able to resolve? If so, we want to help you!",
        ),
        ("Take the next step", "Advancing your career and skill set has never been more important, and we can help."),
        ("Get Our Newsletter", "A monthly update filled with transport news and tips from our reporters."),
    ):
        scraped = ArticleParts(
            role=DocumentRole.main,
            title="Council extends the late-night bus service to every district",
            paragraphs=[*story, (heading, ParagraphKind.heading), (blurb, ParagraphKind.body)],
        )
        assert tidy(scraped).paragraphs == story, heading
    # A last section under any other heading is the story's, and so is one longer than furniture runs.
    for heading, section in (
        ("What riders say", [PROSE[2]]),
        ("Get the facts", MORE_PROSE[:TRAILING_FURNITURE_MAX]),
    ):
        kept = ArticleParts(
            role=DocumentRole.main,
            title="Council extends the late-night bus service to every district",
            paragraphs=[*story, (heading, ParagraphKind.heading), *[(text, ParagraphKind.body) for text in section]],
        )
        assert tidy(kept).paragraphs == kept.paragraphs, heading


@pytest.mark.parametrize(
    "furniture",
    [
        # A table of contents' label, a breadcrumb's, a skip link (WCXB HTML 0058, 0180, 0121).
        [("Table of Contents", ParagraphKind.heading)],
        [("You are here:", ParagraphKind.body), ("Home", ParagraphKind.body), ("About The Center", ParagraphKind.body)],
        [("Skip to content Design 101", ParagraphKind.body)],
        # A language switch, an author's name over the post's date and reading time (WCXB HTML 0179, 0024).
        [("English", ParagraphKind.body), ("Español", ParagraphKind.body)],
        [
            ("LEONARDO GARCIA", ParagraphKind.body),
            ("Sep 26, 2022", ParagraphKind.body),
            ("2 min read", ParagraphKind.body),
        ],
    ],
)
def test_the_page_s_furniture_that_opens_an_article_goes(furniture: list[tuple[str, ParagraphKind]]) -> None:
    story = [(PROSE[0], ParagraphKind.body), (PROSE[1], ParagraphKind.body)]
    scraped = ArticleParts(role=DocumentRole.main, title="Night buses", paragraphs=[*furniture, *story])
    assert tidy(scraped).paragraphs == story


def test_a_subheading_or_a_dateline_on_its_own_still_opens_an_article() -> None:
    story = [(PROSE[0], ParagraphKind.body), (PROSE[1], ParagraphKind.body)]
    opening = ArticleParts(
        role=DocumentRole.main, title="Night buses", paragraphs=[("Key Takeaways", ParagraphKind.heading), *story]
    )
    assert tidy(opening).paragraphs == opening.paragraphs
    wire = ArticleParts(
        role=DocumentRole.main, title="Night buses", paragraphs=[("LONDON (Reuters) -", ParagraphKind.body), *story]
    )
    tidied = tidy(wire)
    assert tidied.dateline is not None
    assert tidied.dateline.place == "LONDON"
    assert tidied.paragraphs == story


def test_split_leading_caption_takes_a_caption_glued_before_the_dateline() -> None:
    caption, rest = split_leading_caption(
        "Donald Trump told Zelensky he would look into it. (AFP pic) WASHINGTON : Ukrainian President Zelensky said"
    )
    assert caption == Caption(text="Donald Trump told Zelensky he would look into it.", credit="AFP")
    assert rest == "WASHINGTON : Ukrainian President Zelensky said"
    assert split_leading_caption("No caption here. WASHINGTON : text") == (None, "No caption here. WASHINGTON : text")


def test_split_sentences_skips_abbreviations_and_initials() -> None:
    assert split_sentences('Mr. Smith met J. Doe at 2 p.m. on Friday. U.S. officials left. "Fine," he said.') == [
        "Mr. Smith met J. Doe at 2 p.m. on Friday.",
        "U.S. officials left.",
        '"Fine," he said.',
    ]


def test_split_paragraphs_finds_inline_headings_and_keeps_ordinary_sentences() -> None:
    paragraphs = split_paragraphs(
        "Talks went on. Police arrested Smith on Friday. Border talks resume Border talks resumed in Geneva. "
        "'NO DEAL YET' In Geneva, envoys met."
    )
    assert paragraphs == [
        ("Talks went on.", ParagraphKind.body),
        ("Police arrested Smith on Friday.", ParagraphKind.body),
        ("Border talks resume", ParagraphKind.heading),
        ("Border talks resumed in Geneva.", ParagraphKind.body),
        ("'NO DEAL YET'", ParagraphKind.heading),
        ("In Geneva, envoys met.", ParagraphKind.body),
    ]


def test_split_paragraphs_keeps_a_single_quote_over_sentences_whole_but_not_an_apostrophe() -> None:
    paragraphs = split_paragraphs(
        "She said the deal was 'not done yet. We keep talking. 'Both sides want it. They said so.' Talks resume. "
        "The players' union met in the '90s. It was 'tough'. Others left. Fans sang 'n' danced. "
        "Critics called it 'a sham. Nobody believed them. Talks went on. It rained. He left."
    )
    assert [text for text, _ in paragraphs] == [
        "She said the deal was 'not done yet. We keep talking.",
        "'Both sides want it. They said so.'",
        "Talks resume.",
        "The players' union met in the '90s.",
        "It was 'tough'.",
        "Others left.",
        "Fans sang 'n' danced.",
        # No closing mark within SINGLE_QUOTE_REACH sentences: the mark is not taken for a quote running on.
        "Critics called it 'a sham.",
        "Nobody believed them.",
        "Talks went on.",
        "It rained.",
        "He left.",
    ]


def test_strip_trailing_fragment_drops_a_glued_label_only() -> None:
    assert strip_trailing_fragment("The rule was drafted. Related") == "The rule was drafted."
    assert strip_trailing_fragment("The rule was drafted.") == "The rule was drafted."
    assert strip_trailing_fragment("He met officials in New York") == "He met officials in New York"


# --- rendered WCXB pages ------------------------------------------------------------------------------------


WCXB_EVERY = 60
"""The test reads every 60th page of the dev set (12 pages), a fixed choice made before looking at scores."""
WCXB_F1_FLOOR = 0.88
"""Mean word F1 on those pages measured 0.93 at the end of this work (2026-11-30, no common lines; 0.89 in
an earlier state; on 2026-12-03, with the renderer fixed, 0.951, and 0.952 on Chromium's dumps). The whole page
taken as the "article" scores 0.83 there (0.84 in Chromium; WCXB pages are mostly article), so the floor sits
between: it fails when extraction is no better than not extracting."""


@pytest.mark.needs_data
@pytest.mark.parametrize("renderer", ["lxml", "chromium"])
def test_word_f1_on_rendered_wcxb_pages(renderer: str) -> None:
    # The pages as the lxml renderer imitates innerText, and as Chromium gives it (what a scraper driving a
    # browser copies; `render_wcxb.py --browser=chromium`).
    if not (WCXB / "html").is_dir():
        pytest.skip(f"{WCXB} is absent")
    render = load_script("render_wcxb")
    if renderer == "chromium" and not render.CHROMIUM.is_file():
        pytest.skip(f"{render.CHROMIUM} is missing: `apt-get install chromium` (scripts/test.sh installs it)")
    evaluate = load_script("eval_pagetext")
    scores, whole_page = [], []
    with contextlib.ExitStack() as stack:
        dump = stack.enter_context(render.chromium_inner_text()) if renderer == "chromium" else render.render_file
        texts = {path: dump(path) for path in sorted((WCXB / "html").glob("*.html.gz"))[::WCXB_EVERY]}
    for path, text in texts.items():
        truth_path = WCXB / "ground-truth" / path.name.replace(".html.gz", ".json")
        truth = json.loads(truth_path.read_text(encoding="utf-8"))["ground_truth"].get("main_content") or ""
        found = evaluate.main_text(evaluate.Dump(text), set())
        scores.append(evaluate.word_scores(found[1] if found else "", truth)[2])
        whole_page.append(evaluate.word_scores(text, truth)[2])
    mean = sum(scores) / len(scores)
    assert mean >= WCXB_F1_FLOOR, [round(score, 2) for score in scores]
    assert mean > sum(whole_page) / len(whole_page) + 0.03, "no better than taking the whole page"


WRAPPED_F1_LOSS_MAX = 0.005
WRAPPED_TITLES_LOST_MAX = 2
"""How much lower the mean word F1 of the same pages hard-wrapped at 79 columns may be, and how many of their
titles may differ from the plain dumps' (measured on these 12 pages when wrapped dumps were first rejoined by
their column, 2026-12-02: the same F1 and 1 title; before, 0.001 lower and 4 titles: a wrapped headline lost its
end, "The results?" / "‘Sobering’")."""


def test_word_f1_on_rendered_wcxb_pages_hard_wrapped_at_a_column() -> None:
    # The same pages as a text browser lays them out (`text_browser_dump`): every paragraph cut into lines.
    if not (WCXB / "html").is_dir():
        pytest.skip(f"{WCXB} is absent")
    render = load_script("render_wcxb")
    evaluate = load_script("eval_pagetext")
    plain_scores, wrapped_scores, titles_kept = [], [], 0
    for path in sorted((WCXB / "html").glob("*.html.gz"))[::WCXB_EVERY]:
        text = render.render_file(path)
        truth_path = WCXB / "ground-truth" / path.name.replace(".html.gz", ".json")
        truth = json.loads(truth_path.read_text(encoding="utf-8"))["ground_truth"].get("main_content") or ""
        plain = evaluate.main_text(evaluate.Dump(text), set())
        wrapped = evaluate.main_text(evaluate.Dump(text_browser_dump(text, 79)), set())
        plain_scores.append(evaluate.word_scores(plain[1] if plain else "", truth)[2])
        wrapped_scores.append(evaluate.word_scores(wrapped[1] if wrapped else "", truth)[2])
        titles_kept += plain is not None and wrapped is not None and wrapped.title == plain.title
    plain_mean, wrapped_mean = (sum(scores) / len(scores) for scores in (plain_scores, wrapped_scores))
    assert wrapped_mean >= plain_mean - WRAPPED_F1_LOSS_MAX, (plain_scores, wrapped_scores)
    assert titles_kept >= len(plain_scores) - WRAPPED_TITLES_LOST_MAX


def test_the_title_fit_reads_the_candidates_of_the_main_article_s_block() -> None:
    # `--fit-titles` records what `extract_pagetext` gives `find_title`: each candidate with its clue values.
    evaluate = load_script("eval_pagetext")
    headline = "Council Extends the Late-Night Bus Service"
    page = ["Home", "Transport", headline, "June 4, 2025", *PROSE, f"2 Responses to “{headline}”"]
    candidates = evaluate.main_title_candidates(evaluate.Dump("\n".join(page) + "\n"), set())
    assert headline in [text for text, _ in candidates]
    assert all(len(values) == len(TITLE_WEIGHTS) for _, values in candidates)


def test_two_runs_of_the_evaluation_compare_page_by_page() -> None:
    # `eval_pagetext.py --pages-out` writes each page's figures; `compare_pagetext.py` lists what a change moved.
    evaluate, compare = load_script("eval_pagetext"), load_script("compare_pagetext")
    headline = "Council extends the late-night bus service"
    truth = {"title": headline, "main_content": "\n".join(PROSE)}
    runs = [
        evaluate.score_page("0001", evaluate.Dump("\n".join(page) + "\n"), truth, set(), {})
        for page in (["Home", "Night buses", "By Jane Doe", PROSE[0]], ["Home", headline, "By Jane Doe", *PROSE])
    ]
    before, after = (json.loads(json.dumps(evaluate.page_row(score))) for score in runs)
    half = evaluate.half("0001")
    changes = list(compare.page_changes(before, after))
    assert changes[0] == f"0001 {half} title + 'Night buses' -> {headline!r} (truth {headline!r})"
    assert changes[1].startswith(f"0001 {half} F1 {before['f1']:.3f} -> 1.000")
    assert list(compare.page_changes(after, after)) == []
    summary = compare.half_summary(half, [before], [after])
    assert "titles won 1 lost 0, word F1 up on 1 down on 0" in summary


def test_the_news_pages_of_the_evaluation_are_the_claims_gold_s_wcxb_articles() -> None:
    evaluate = load_script("eval_pagetext")
    rows = [json.loads(line) for line in evaluate.CLAIMS_GOLD.read_text(encoding="utf-8").splitlines()]
    wcxb = [row["path"] for row in rows if row["source"] == "wcxb"]
    pages = evaluate.news_pages()
    assert len(pages) == len(wcxb) >= 18
    assert all(f"wcxb-dev-articles/ground-truth/{page}.json" in wcxb and page.isdigit() for page in pages)


INNER_TEXT_CASES = [
    pytest.param(
        "<html><head><title>Not shown</title><style>p{}</style></head><body><nav><a>Home</a> <a>News</a></nav>"
        "<h1>Headline here</h1><p>First <b>bold</b> paragraph.</p><script>var x;</script>"
        "<div hidden>secret</div><div style='display: none'>gone</div><p>Second<br>line</p></body></html>",
        "Home News\nHeadline here\n\nFirst bold paragraph.\n\nSecond\nline\n",
        id="inner-text rules",
    ),
    # A text node that is a newline is whitespace, not a line break (it had split 563 of the 711 WCXB pages at
    # links and blocks), and a row's cells are set apart by tabs, an empty cell too.
    pytest.param(
        "<html><body><p><a>Home</a>\n<a>News</a></p><div>A</div>\n<div>B</div><table><tr>\n<td>1</td>\n"
        "<td></td>\n<td>3</td>\n</tr><tr><th>x</th><td>y</td></tr></table><p>end</p></body></html>",
        "Home News\n\nA\nB\n1\t\t3\nx\ty\n\nend\n",
        id="newlines in the markup and table cells",
    ),
    # A <pre> keeps its line breaks and spaces, but the newline right after its tag.
    pytest.param(
        "<html><body><p>a</p><pre>\nline one\n  indented  two\n\nfour <b>bold</b>\nfive</pre>tail\n text</body></html>",
        "a\n\nline one\n  indented  two\n\nfour bold\nfive\ntail text\n",
        id="preformatted text",
    ),
]
"""Markup and its `innerText`, as the lxml rendering gives it and Chromium does too (checked by
`test_chromium_gives_the_inner_text_the_rendering_imitates`)."""


@pytest.mark.parametrize(
    ("html", "text"),
    [
        *INNER_TEXT_CASES,
        # React's streaming: the boundary B:0 shows a fallback until the hidden S:0 replaces it; the segment S:1
        # fills the placeholder P:1. A hidden element that no template points to stays hidden. (A browser does
        # this with the page's scripts, so Chromium with scripts off does not.)
        pytest.param(
            "<html><body><p>Menu</p><!--$?--><template id='B:0'></template><div>Loading...</div><!--/$-->"
            "<p>Before <template id='P:1'></template> after</p><div hidden id='S:0'><h1>Headline</h1><p>Body.</p>"
            "</div><div hidden id='S:1'><b>inline</b></div><div hidden id='S:9'>secret</div>Footer</body></html>",
            "Menu\n\nHeadline\n\nBody.\n\nBefore inline after\n\nFooter\n",
            id="streamed content where the page's scripts put it",
        ),
    ],
)
def test_render_shows_what_a_browser_shows(html: str, text: str) -> None:
    import lxml.html

    render = load_script("render_wcxb")
    assert render.render(lxml.html.document_fromstring(html)) == text


def test_chromium_gives_the_inner_text_the_rendering_imitates(tmp_path) -> None:
    """`render_wcxb.py --browser=chromium`: each page's innerText in headless Chromium, read from the gzipped HTML."""
    import gzip

    render = load_script("render_wcxb")
    if not render.CHROMIUM.is_file():
        pytest.skip(f"{render.CHROMIUM} is missing: `apt-get install chromium` (scripts/test.sh installs it)")
    paths = []
    for index, case in enumerate(INNER_TEXT_CASES):
        paths.append(tmp_path / f"{index}.html.gz")
        paths[-1].write_bytes(gzip.compress(case.values[0].encode("utf-8")))
    # Not declared UTF-8 by the page: served as UTF-8 since it decodes so, as the lxml rendering reads it.
    paths.append(tmp_path / "accents.html.gz")
    paths[-1].write_bytes(gzip.compress("<html><body><p>Café’s menu</p></body></html>".encode()))
    # AMP's boilerplate hides the body until its script runs, or for 8 s without it: read once that has passed. An
    # endless animation (a spinner) cannot be run to its end and is no hindrance.
    paths.append(tmp_path / "amp.html.gz")
    paths[-1].write_bytes(
        gzip.compress(
            b"<html><head><style>body{animation:-amp-start 8s steps(1,end) 0s 1 normal both}"
            b"@keyframes -amp-start{from{visibility:hidden}to{visibility:visible}}"
            b".spin{animation:turn 1s linear infinite}@keyframes turn{to{transform:rotate(1turn)}}</style></head>"
            b"<body><p class='spin'>Loading</p><p>The article.</p></body></html>"
        )
    )
    with render.chromium_inner_text() as inner_text:
        texts = [inner_text(path) for path in paths]
    assert texts == [*(case.values[1] for case in INNER_TEXT_CASES), "Café’s menu\n", "Loading\n\nThe article.\n"]


@pytest.mark.parametrize(
    ("html", "markdown"),
    [
        pytest.param(
            "<html><body><nav><ul><li><a href='/'>Home</a></li><li><a href='/news'>News</a></li></ul></nav>"
            "<h1>Headline *here*</h1><p>First <b>bold</b> and <em> spaced</em> text, [1] <a href='/a'>linked</a>."
            "<img src='/p.jpg' alt='A photo'></p><p>1. Not a list</p></body></html>",
            "- [Home](/)\n- [News](/news)\n\n# Headline \\*here\\*\n\n"
            "First **bold** and  spaced text, \\[1\\] [linked](/a).![A photo](/p.jpg)\n\n1\\. Not a list\n",
            id="menu, heading, emphasis, link, image, escapes",
        ),
        # turndown's code block: fenced, its text unescaped, its markup unmarked, its indentation kept.
        pytest.param(
            "<html><body><p>Intro *text*.</p><pre><code>def f(x):\n    return x * 2  # <b>double</b>\n\n- not a "
            "list\n# not a heading</code></pre><p>after</p></body></html>",
            "Intro \\*text\\*.\n\n```\ndef f(x):\n    return x * 2  # double\n\n- not a list\n# not a heading\n```"
            "\n\nafter\n",
            id="a pre as a fenced code block",
        ),
    ],
)
def test_render_as_markdown_writes_what_a_crawler_writes_and_reads_back_as_the_page_shows(
    html: str, markdown: str
) -> None:
    """`--markdown`: the page as turndown writes it (Firecrawl's Markdown), the text's own markup characters
    escaped; read back as `builder ingest` reads Markdown, it is the page's plain rendering, blank lines aside."""
    import lxml.html

    from builder.ingest.markdown_text import markdown_text

    render = load_script("render_wcxb")
    assert render.render(lxml.html.document_fromstring(html), markdown=True) == markdown
    plain = render.render(lxml.html.document_fromstring(html))
    shown = markdown_text(markdown).text
    assert [" ".join(line.split()) for line in shown.splitlines() if line] == [
        " ".join(line.split()) for line in plain.splitlines() if line
    ]


def chromium_copy_of(page: str) -> str:
    """WCXB page `page` as headless Chromium copies its text (innerText, `render_wcxb.py --browser=chromium`); the
    test is skipped where the page or Chromium is absent."""
    render = load_script("render_wcxb")
    path = WCXB / "html" / f"{page}.html.gz"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    if not render.CHROMIUM.is_file():
        pytest.skip(f"{render.CHROMIUM} is missing: `apt-get install chromium` (scripts/test.sh installs it)")
    with render.chromium_inner_text() as inner_text:
        return inner_text(path)


def test_a_breadcrumb_run_together_over_the_headline_does_not_make_it_a_subtitle() -> None:
    # Chromium's copy of WCXB 1821 prints its breadcrumb's two crumbs with no space between ("Running GearRunning
    # Shoes") right over the headline: read as a headline, it made the headline look like its subtitle, and the
    # FAQ's heading, listed in the page's contents, was taken instead.
    text = chromium_copy_of("1821")
    assert "Running GearRunning Shoes\nThe 12 Best Running Shoes of 2026\n" in text
    [main, *_] = extract_pagetext(text)
    assert main.title == "The 12 Best Running Shoes of 2026"


def test_a_menu_run_together_on_one_line_is_no_prose() -> None:
    # Chromium's copy of WCXB 0399 prints its footer menu's links on one line ("Advertise with us Mini Marathon
    # 2025 Find a House ..."): read as prose, it opened the article's block above its headline, and a photo's
    # caption below the standfirst was taken for the title. Longer than a headline, capitalised and ending no
    # sentence, it is no prose; a sentence that long, or a headline, is read as before.
    menu = (
        "Advertise with us Night Marathon 2025 Find a House Find a Job Competitions Photo Sales Subscribe Holly "
        "Bough Horoscopes Contact Us Cookie Policy Privacy Policy About Us Terms and Conditions Apps Metro Podcast"
    )
    headline = "In The City: Three New Night Routes For Your Commute And What They Will Cost Riders"
    lines = read_lines("\n".join([menu, headline, PROSE[0], PROSE[0].removesuffix(".")]) + "\n", frozenset())
    assert [line.prose for line in lines] == [False, True, True, True]
    assert lines[1].title_like
    text = chromium_copy_of("0399")
    [main, *_] = extract_pagetext(text)
    assert main.title == "In the garden: Three great evergreens for your plot"


def test_render_keeps_what_follows_a_stray_closing_html_tag() -> None:
    render = load_script("render_wcxb")
    # libxml2 puts markup after `</html>` into another top-level element; browsers put it into the body.
    path = WCXB / "html" / "0310.html.gz"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    assert "HR Outsourcing is when companies team up with an external agency" in render.render_file(path)


def test_split_sentences_keeps_a_title_or_initial_that_is_a_sentence_s_first_word() -> None:
    # The word before the full stop is looked for from the sentence's own start: when it is the sentence's first
    # word, it is still "Dr" or "J", not everything since the text's start.
    assert split_sentences("Officials met on Monday. Dr. Smith said the talks went well. J. Doe did not.") == [
        "Officials met on Monday.",
        "Dr. Smith said the talks went well.",
        "J. Doe did not.",
    ]


def test_a_byline_printed_twice_does_not_hide_the_date_below_a_headline() -> None:
    # Sites print the author twice (the byline and a hover card) between a headline and its date: the date is
    # still "right below" the headline, as it is for a headline with the author printed once.
    headline = "Five Trends from the Nutrition Meeting"
    page = [headline, "Report this article", "Jane Doe, MS, RD", "Jane Doe, MS, RD", "Published May 5, 2025", *PROSE]
    lines = read_lines("\n".join(page) + "\n", frozenset())
    assert metadata_below(lines, 0)
    assert not metadata_below(read_lines("\n".join([headline, "Report this article", "Share", "Jane Doe"]), ()), 0)


def test_a_post_s_footer_gives_its_date_when_none_is_printed_by_its_title() -> None:
    # Blogs print the date under the post ("Posted on April 13, 2023 · 6 Comments"), not by the headline; a line
    # of prose below the body belongs to what follows, and no date is read past it.
    headline = "Night Buses Extended to Every District"
    page = ["Home", "News", headline, *PROSE, "Posted on April 13, 2023 · 6 Comments", "Leave a reply"]
    [main] = extract_pagetext("\n".join(page) + "\n")
    assert main.published_text == "April 13, 2023"
    beyond = [
        "Home",
        "News",
        headline,
        *PROSE,
        "Related Articles",
        "Readers who want to learn more about the night buses can write to the council, which answers every letter.",
        "Posted on April 13, 2023",
    ]
    [main] = extract_pagetext("\n".join(beyond) + "\n")
    assert main.published_text is None


@pytest.mark.parametrize("label", ["Published August 13, 2025", "Last updated: August 13, 2025", "Publish date"])
def test_a_labelled_publication_date_is_read_past_the_boxes_below_the_article(label: str) -> None:
    # Some sites print the date only at the foot of the page, under the tags and a sign-up box with prose in it;
    # labelled as the publication's ("Published", or "Publish date" on the line above), it is still the article's.
    headline = "Night Buses Extended to Every District"
    boxes = [
        "Topics",
        "Transport  Council  Night life",
        "Subscribe to our newsletter",
        "By signing up you agree to our privacy policy, and you can opt out at any time from any of our emails.",
        "Email",
    ]
    date = [label] if label[-1].isdigit() else [label, "13 August 2025"]
    [main] = extract_pagetext("\n".join(["Home", "News", headline, *PROSE, *boxes, *date]) + "\n")
    # Labelled as the last update's, it is that, and the article has no publication date.
    dates = (main.published_text, main.updated_text)
    assert (
        dates in {(None, "August 13, 2025")}
        if "updated" in label
        else {("August 13, 2025", None), ("13 August 2025", None)}
    )
    # A date in the comment section is a comment's, labelled or not.
    comments = ["6 thoughts on “Night Buses Extended to Every District”", "Jane", *date]
    [main] = extract_pagetext("\n".join(["Home", "News", headline, *PROSE, *comments]) + "\n")
    assert (main.published_text, main.updated_text) == (None, None)


@pytest.mark.parametrize("label", ["Written by Jane Doe and John Roe", "Content current as of:"])
def test_a_date_under_the_byline_below_the_article_is_its_date(label: str) -> None:
    # WCXB 0233: the post ends on a note and its tags, then "Written by ..." over the date; a byline labels the date
    # under it as the article's, as "Published" does, past prose the body's end left out. So does U.S. agencies'
    # "Content current as of:" (WCXB 0064).
    headline = "Night Buses Extended to Every District"
    below = [
        "Share",
        "Tweet",
        "Email",
        "Print",
        "This article was first written in 2020 and updated this week.",
        "* * *",
        "transportcouncilnight-life",
        label,
        "April 8, 2024",
        "Summarize with AI:",
    ]
    [main] = extract_pagetext("\n".join(["Home", "News", headline, *PROSE, *below]) + "\n")
    # "Content current as of:" dates the page's last update.
    dates = (main.published_text, main.updated_text)
    assert dates == ((None, "April 8, 2024") if "current" in label else ("April 8, 2024", None))


def test_the_date_eight_lines_into_the_body_s_run_is_the_article_s() -> None:
    # WCXB 0334: the author's card (name, role, article count, a line of biography, "Learn more") reads as the
    # body's first lines, and the "Updated" date below it was eight lines into the body's run; the search there
    # stopped at six. Labelled so, it is the last update's.
    headline = "The Best Night Buses in the City, Tested by Our Reporters"
    card = [
        "Jane has ridden every night bus route in the city over the last thirteen years, and she writes about the "
        "buses, the trains and the roads for the whole of our region, from the harbour to the hills.",
        "Learn more >>",
        "Senior Transport Reporter",
        "867 Published Articles",
        "Countries Visited: 12",
        "Share",
        "Save",
        "Updated: January 2, 2025, 9:06am CST",
    ]
    [main] = extract_pagetext("\n".join(["Home", "Travel", headline, *card, *PROSE, *MORE_PROSE]) + "\n")
    assert (main.title, main.published_text, main.updated_text) == (headline, None, "January 2, 2025, 9:06am CST")


@pytest.mark.parametrize("line", ["5 Marketplaces to Find Businesses for Sale", "NEBULA MARS 3", "Maryland 73"])
def test_a_word_that_merely_opens_with_a_month_is_no_date(line: str) -> None:
    # "Mar", "May" or "Dec" opening a longer word ("Marketplaces", "MARS", "Maryland") made a date of the line,
    # and a body line that prints a date is metadata, not text.
    [read] = read_lines(line + "\n", ())
    assert read.published is None


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("Mar 5, 2025", "Mar 5, 2025"),
        ("5 Sept. 2025", "5 Sept. 2025"),
        # The year first with dots or slashes, as East Asian sites and many blogs print it, and a month's name
        # between dots or hyphens (WCXB 0488, 0093, 2020, 0385).
        ("Essay - Published: 2025.12.17 | artificial-intelligence | create | programming |", "2025.12.17"),
        ("EcoFlow- 2025/4/29", "2025/4/29"),
        ("Published on 25.Jun.2019  in  Vol 7, No 6 (2019): June", "25.Jun.2019"),
        ("19-Dec-2025", "19-Dec-2025"),
        # A full stop before the year (WCXB 0448) was read as "December 19", a date without its year.
        ("December 19. 2025", "December 19. 2025"),
        # Of two dates glued together, the earlier: themes print a post's publication and its last update side by
        # side and style one away (WCXB 4819, whose update came first and was taken).
        ("May 21, 2025April 24, 2025 by The Ritualist", "April 24, 2025"),
        ("Posted on November 25, 2024December 3, 2024 in College of Health Sciences", "November 25, 2024"),
        ("Jan 5, 2026Jan 5, 2026", "Jan 5, 2026"),
    ],
)
def test_a_line_that_prints_a_date_gives_it(line: str, date: str) -> None:
    [read] = read_lines(line + "\n", ())
    assert read.published == date


@pytest.mark.parametrize(
    "furniture",
    [
        "Apr 21, 2021",
        "Published: Nov 24, 2025",
        "By Rowan Jacobsen",
        "Dec 18, 2025 2 min read",
    ],
)
def test_a_byline_or_date_at_the_top_of_the_body_is_no_text(furniture: str) -> None:
    # The title's search leaves a header line inside the body when a standfirst or the first paragraph comes
    # before it; the date is the article's time, the line is not its text.
    headline = "Council extends the late-night bus service to every district"
    [main] = extract_pagetext("\n".join(["News", headline, PROSE[0], furniture, *PROSE[1:]]) + "\n")
    assert [text for text, _ in main.paragraphs] == PROSE


def test_a_dated_byline_long_enough_to_read_as_prose_is_no_text_above_the_body() -> None:
    headline = "Council extends the late-night bus service to every district"
    byline = "Posted by jdoe on Friday December 19, 2025 @08:00PM from the late-buses dept."
    [main] = extract_pagetext("\n".join(["News", headline, byline, *PROSE]) + "\n")
    assert ([text for text, _ in main.paragraphs], main.published_text) == (PROSE, "December 19, 2025")


@pytest.mark.parametrize(
    "text",
    ["By then, the council had voted.", "By the numbers", "June 12: Tropical Storm Alberto forms"],
)
def test_a_short_line_opening_like_a_byline_or_with_a_date_is_text_when_it_names_no_one(text: str) -> None:
    headline = "Council extends the late-night bus service to every district"
    [main] = extract_pagetext("\n".join(["News", headline, PROSE[0], text, *PROSE[1:]]) + "\n")
    assert text in [paragraph for paragraph, _ in main.paragraphs]


def test_a_sentence_opening_with_by_is_no_byline() -> None:
    # "By" opens a byline over a name; over a lower-case word, in a line that reads as a sentence, it opens the
    # sentence ("By mail, send ..."), which a byline's place in a page (under a headline, closing a post) would
    # otherwise misread: a consent box's sentence read as a byline made the promotion above it a dated headline.
    sentences = [
        "By mail, send the completed form with the filing fee of $200 to the Department of Transport at city hall.",
        "By submitting my email address, I certify that I am 13 years of age or older and agree to receive email.",
    ]
    bylines = ["By Jane Doe", "by admin", "By Ann Lee | Mar 11, 2023 | Transport | 0 comments", "Written by: jane doe"]
    lines = read_lines("\n".join([*sentences, *bylines]) + "\n", ())
    assert [line.metadata for line in lines] == [False] * len(sentences) + [True] * len(bylines)


def test_a_post_s_dateline_that_runs_on_with_its_categories_gives_its_date() -> None:
    # WordPress prints the post's date and its update glued ("2024December 3, 2024", one of them hidden by the
    # theme), then every category: a line too long for a byline, but its date follows its label.
    headline = "Nutrition myths debunked"
    categories = ", ".join(f"Master of Science in {field}" for field in ("Nutrition", "Dietetics", "Health", "Sport"))
    dateline = f"Posted on November 25, 2024December 3, 2024 in College of Health Sciences, General, {categories}"
    [main] = extract_pagetext("\n".join(["Home", "Reveal Main Header", headline, dateline, *PROSE]) + "\n")
    assert (main.title, main.published_text, texts(main)) == (headline, "November 25, 2024", PROSE)
    # A sentence as long that opens like a label is text, and its date no time of the article's.
    sentence = (
        "Published research by the council shows that since January 5, 2020, the number of riders on the night "
        "buses has doubled, and that it will double again by the end of next year, officials said on Monday."
    )
    news = "Council extends the late-night bus service to every district"
    [main] = extract_pagetext("\n".join(["Home", "News", news, sentence, *PROSE]) + "\n")
    assert (main.published_text, texts(main)) == (None, [sentence, *PROSE])


def test_a_short_dated_lede_is_text() -> None:
    # A line of prose with a date is a byline above the body only when it opens as one ("Posted by ...").
    headline = "Council extends the late-night bus service to every district"
    lede = "On March 5, 2025, the city council voted to close the library."
    [main] = extract_pagetext("\n".join(["News", headline, lede, *PROSE]) + "\n")
    assert [text for text, _ in main.paragraphs] == [lede, *PROSE]


def test_a_dated_line_deep_in_the_body_or_long_is_text() -> None:
    # Below the header, a dated line is a list item or a timeline entry; and with more words than a label beside
    # its date it is a sentence, wherever it stands.
    headline = "Council extends the late-night bus service to every district"
    lead_in = "As of July 31, 2025, the council had received these requests:"
    timeline = "January 21, 2025"
    page = [headline, PROSE[0], lead_in, *PROSE[1:], timeline, PROSE[0]]
    [main] = extract_pagetext("\n".join(page) + "\n")
    assert [text for text, _ in main.paragraphs] == [PROSE[0], lead_in, *PROSE[1:], timeline]


@pytest.mark.parametrize(
    ("language", "promotion"),
    [
        ("en", "Subscribe to our newsletter"),
        ("en", "🚀 Sign up for The Replay newsletter"),
        ("en", "Want more from NBC Select? Sign up for our newsletter, The Selection, and shop smarter."),
        ("en", "Get posts like this in your inbox."),
        ("en", "Thanks for reading! Subscribe for free to receive new posts and support my work."),
        ("en", "Thank you! Please check your inbox now for your welcome email."),
        (
            "en",
            'Dan Davies - "Back of Mind" is a reader-supported publication. To receive new posts and support my '
            "work, consider becoming a free or paid subscriber.",
        ),
        ("en", "Thanks for reading Almost Timely Newsletter! This post is public so feel free to share it."),
        ("en", "Like what you see? Share with a friend"),
        ("en", "Rate this Recipe"),
        ("en", "Help me spread the word about this podcast!"),
        ("en", "Start free trial"),
        ("en", "Add Newsweek as a preferred source on Google to see more of our trusted coverage when you search."),
        ("en", "Add Mint As A Trusted Source For Google."),
        (
            "en",
            "We independently review everything we recommend. When you buy through our links, we may earn a "
            "commission.",
        ),
        ("en", "As an Amazon Associate we earn from qualifying purchases."),
        ("en", "Join over 1M others in getting regular emails from the lab."),
        # A newsroom's appeal for money at the story's end (WCXB 0174, 0478).
        ("en", "Since you made it to the bottom of this article, we have a small favor to ask."),
        ("en", "If you believe stories like this one matter, please consider pitching in what you can."),
        ("en", "If you're enjoying this article, consider supporting our award-winning journalism by subscribing."),
        ("en", "Sponsor Message"),
        # A call to follow the site, at the end of a sentence about its coverage (WCXB 4472).
        (
            "en",
            "Catch up on NBC Select’s in-depth coverage of tech and tools, and follow us on Facebook, Instagram and "
            "TikTok to stay up to date.",
        ),
        ("de", "Jetzt Newsletter abonnieren und nichts mehr verpassen!"),
        ("de", "Die wichtigsten Nachrichten jeden Morgen in Ihr Postfach."),
        ("fr", "Inscrivez-vous à notre lettre d'information quotidienne."),
        ("fr", "Abonnez-vous à la newsletter pour recevoir nos articles."),
        ("es", "Regístrate para recibir nuestros boletines semanales."),
        ("es", "Suscríbete a nuestro boletín y recibe las noticias en tu bandeja de entrada."),
        ("it", "Iscriviti alla nostra newsletter settimanale."),
        ("pt", "Inscreva-se na nossa newsletter e receba as notícias."),
        ("nl", "Schrijf je in voor onze nieuwsbrief."),
        ("pl", "Zapisz się do naszego newslettera."),
        ("ru", "Подпишитесь на наш канал в Telegram."),
        ("uk", "Підписуйтесь на наш телеграм-канал."),
    ],
)
def test_a_newsletter_sign_up_or_an_affiliate_disclosure_is_a_promotion(language: str, promotion: str) -> None:
    assert is_promotion(promotion, language)
    # Among a document's paragraphs too, where most are settled by the words every promotion holds.
    body = [(text, ParagraphKind.body) for text in PROSE]
    assert without_promotions([body[0], (promotion, ParagraphKind.body), *body[1:]], language) == body


@pytest.mark.parametrize(
    "heading",
    ["Advertisement: New AI Book!", "GitHub Actions analytics - what's actually happening (Sponsored)"],
)
def test_a_section_its_heading_marks_as_an_advertisement_goes(heading: str) -> None:
    # A newsletter sets its sponsor's section between its own, under a heading that says so: the sponsor's copy
    # goes up to the next heading, which opens the writer's text again.
    ad = "In this book, a leading expert shows you how to put the new tools to work in your business today."
    story = [(text, ParagraphKind.body) for text in PROSE]
    heading_kind = ParagraphKind.heading
    scraped = ArticleParts(
        role=DocumentRole.main,
        title="Night buses",
        paragraphs=[
            *story[:2],
            (heading, heading_kind),
            (ad, ParagraphKind.body),
            ("What riders say", heading_kind),
            *story[2:],
        ],
    )
    assert tidy(scraped).paragraphs == [*story[:2], ("What riders say", heading_kind), *story[2:]]
    # A heading that only mentions a sponsor heads the writer's own section.
    mentioned = ("Why the council found a sponsor for the night buses", heading_kind)
    scraped = ArticleParts(role=DocumentRole.main, title="Night buses", paragraphs=[*story[:2], mentioned, *story[2:]])
    assert tidy(scraped).paragraphs == [*story[:2], mentioned, *story[2:]]


def test_another_language_s_promotion_is_looked_for_in_that_language_s_documents_only() -> None:
    # "Jetzt abonnieren" in an English text is a German phrase quoted, not the site's sign-up.
    assert not is_promotion("Jetzt Newsletter abonnieren", "en")
    assert is_promotion("Jetzt Newsletter abonnieren", "de")


@pytest.mark.parametrize(
    "text",
    [
        "It’s very important to sign up for automated contributions for each savings plan you have.",
        "The council will publish its decision in the newsletter it sends to residents every month.",
        "Wave doesn’t require you to subscribe to a certain tariff plan.",
        "Sales agents earn a commission on every ticket they sell, the union said.",
        # Reported speech is the story, and so is a reader's inbox where no one offers to fill it.
        "“We earn a commission only when the house sells,” said Tom Reyes, a realtor in Columbus.",
        "The scam messages arrive in your inbox looking like a notice from your bank, the FBI warned on Tuesday.",
        "Police said the fake invoices were sent straight to your inbox by a gang operating from abroad.",
        "Join the protesters, she told the crowd, and share their stories with the world.",
        "“Follow us on Instagram for updates,” the police said after the roads were closed.",
        "Phishing emails that land in your inbox often mimic your bank.",
        "Critics gave the film a rating of four stars, and the studio plans a free trial screening in June.",
        # A story's appeal, asked or reported, is not the site's.
        "The mayor said she would consider supporting our neighbours' bid if the council funds it.",
        "Volunteers kept pitching in after the flood, and the charity asked for one more favour.",
        # Long text about a newsletter is the story, whatever it mentions.
        "I built my newsletter with two things: my voice and a repeatable system, and every week it lands in your "
        "inbox on Monday morning, written by hand and checked by software that flags every claim I cannot source, "
        "which is most of the work and all of the point.",
    ],
)
def test_text_that_mentions_subscriptions_or_commissions_is_no_promotion(text: str) -> None:
    assert not is_promotion(text)


def test_a_promotion_is_taken_out_from_between_paragraphs_before_the_dateline_and_credit_are_read() -> None:
    # A sign-up above the story hid its dateline, one below it the wire credit: tidy, which every format goes
    # through, takes promotions out first.
    headline = "Council extends the late-night bus service to every district"
    sign_up = "Sign up for our newsletter to get the city's transport news in your inbox every week."
    inbox = "Subscribe to get the latest stories in your inbox."
    first, last = f"LONDON, July 5 (Reuters) - {PROSE[0]}", f"{PROSE[2]} — Reuters"
    [main] = extract_pagetext("\n".join([headline, sign_up, first, PROSE[1], last, inbox]) + "\n")
    main = tidy(main)
    assert ([text for text, _ in main.paragraphs], main.credit) == (PROSE, "Reuters")
    assert main.dateline is not None
    assert main.dateline.place == "LONDON"
    scraped = ArticleParts(
        role=DocumentRole.main,
        title=headline,
        paragraphs=[(text, ParagraphKind.body) for text in (sign_up, first, PROSE[1], last, inbox)],
    )
    tidied = tidy(scraped)
    assert ([text for text, _ in tidied.paragraphs], tidied.credit) == (PROSE, "Reuters")
    assert tidied.dateline is not None
    assert tidied.dateline.place == "LONDON"


RELATED_CARD = [
    "Trams to run all night at weekends from June",
    "The transport authority will run trams through the night on Fridays and Saturdays from June, after a trial "
    "on two lines drew more riders than the buses they replaced on those nights.",
    "The operator said drivers had agreed to the new rota, and that the cost would be shared with the city, which "
    "pays for the night buses it is meant to complement rather than replace.",
    "Residents near the depots asked for quieter cars, and the authority promised to test a lower speed limit on "
    "the streets where the lines run close to houses.",
]
SITE_LINKS = ["Home", "Sections", "City", "Transport", "Politics", "Business", "Sport", "Culture", "Weather"]
SITE_FOOTER = [
    "About Metro Daily",
    "Metro Daily is an independent newsroom that has covered the city since 1998 and is owned by its readers and "
    "its staff.",
    "We use cookies to give you the best experience on this website. By continuing you accept our privacy policy "
    "and our terms of use.",
    "© 2025 Metro Daily Ltd. All rights reserved. Reproduction of any part of this site without written "
    "permission is prohibited.",
    "Sign up for our newsletter and never miss the stories that matter to your neighbourhood, your street and your "
    "family.",
]


def test_the_site_s_footer_is_no_related_article() -> None:
    # Below the article, a block of prose under a short line reads like an article card; one whose paragraphs
    # speak of the site itself (cookies, copyright, sign-ups) is the footer. Its blurb alone is one paragraph of
    # too few words to stand as an article.
    headline = "Council extends the late-night bus service to every district"
    page = ["Home", "News", headline, *PROSE, "Comments", "Related Articles", *SITE_LINKS, *SITE_FOOTER, "Twitter"]
    assert [article.title for article in extract_pagetext("\n".join(page) + "\n")] == [headline]


def test_a_related_article_loses_the_site_s_notices_that_run_on_from_it() -> None:
    headline = "Council extends the late-night bus service to every district"
    page = ["Home", "News", headline, *PROSE, "Related Articles", *RELATED_CARD, *SITE_LINKS, *SITE_FOOTER]
    main, related = extract_pagetext("\n".join(page) + "\n")
    assert (main.title, related.title) == (headline, RELATED_CARD[0])
    assert [text for text, _ in related.paragraphs] == [*RELATED_CARD[1:], *SITE_FOOTER[:2]]


TEASER_CARDS = [
    (
        "Trams to run all night at weekends from June",
        "The transport authority will run trams through the night on "
        "Fridays and Saturdays from June, after a trial on two lines drew more riders than expected.",
    ),
    (
        "New cycle lanes open along the river",
        "Two new cycle lanes along the river opened on Monday, and the city "
        "says a third will follow in the autumn once the bridge works are finished.",
    ),
    (
        "Parking fees rise in the centre next year",
        "Drivers will pay more to park in the centre from January, as "
        "the council tries to move shoppers onto the buses and trams it has been extending.",
    ),
    (
        "Ferry timetable changes for the winter",
        "The harbour ferries will sail less often from November, the "
        "operator said, but the last boat of the night will leave an hour later than before.",
    ),
]


def test_a_list_of_teaser_cards_below_the_article_is_no_related_article() -> None:
    # Below a label, four teasers: each another story's title over its excerpt. Together they hold enough words
    # for an article, but their text would be four stories under the first one's title: none is given.
    headline = "Council extends the late-night bus service to every district"
    cards = [line for card in TEASER_CARDS for line in card]
    page = ["Home", "News", headline, *PROSE, "Related Articles", *cards, *SITE_LINKS]
    assert [article.title for article in extract_pagetext("\n".join(page) + "\n")] == [headline]
    # One card with a story long enough to annotate is a related article (see RELATED_CARD above).
    page = ["Home", "News", headline, *PROSE, "Related Articles", *RELATED_CARD, *SITE_LINKS]
    assert [article.title for article in extract_pagetext("\n".join(page) + "\n")] == [headline, RELATED_CARD[0]]


def test_two_dated_teaser_cards_below_the_article_are_no_related_article() -> None:
    # Two cards, each a title, a byline with its date and an excerpt (WCXB 0137's latest stories): two stories
    # under the first one's title. Two cards without bylines may be an article and its subheading, and stay.
    headline = "Council extends the late-night bus service to every district"
    first = [RELATED_CARD[0], "October 28, 2025 by Jane Doe | Transport", *RELATED_CARD[1:3]]
    second = [TEASER_CARDS[1][0], "September 30, 2025 by Jane Doe | City", RELATED_CARD[3]]
    page = ["Home", "News", headline, *PROSE, "Latest Stories", *first, *second, *SITE_LINKS]
    assert [article.title for article in extract_pagetext("\n".join(page) + "\n")] == [headline]
    page = ["Home", "News", headline, *PROSE, "Latest Stories", *first, second[0], second[2], *SITE_LINKS]
    assert [article.title for article in extract_pagetext("\n".join(page) + "\n")] == [headline, RELATED_CARD[0]]


def test_a_list_of_cut_excerpts_under_questions_is_no_related_article() -> None:
    # A blog's "Related posts" (WCXB 0246): each card's title a question, which reads as prose and so is no card
    # title, over an excerpt the listing cut with "[…]"; the cuts tell the cards.
    headline = "Council extends the late-night bus service to every district"
    cards = [
        line for title, excerpt in TEASER_CARDS[:3] for line in (f"{title}?", excerpt.removesuffix(".") + ", and […]")
    ]
    page = ["Home", "News", headline, *PROSE, "Related posts", *cards, *SITE_LINKS]
    assert [article.title for article in extract_pagetext("\n".join(page) + "\n")] == [headline]


def test_a_block_below_the_article_whose_title_names_none_of_its_text_is_no_related_article() -> None:
    # A widget's headline over text that is not its story (a label, a comment's header, another section): the
    # title announces nothing the text tells, so the block is given as no article under that title.
    headline = "Council extends the late-night bus service to every district"
    widget = "Royal portraits go on display at the palace museum"
    page = ["Home", "News", headline, *PROSE, "Related Articles", widget, *RELATED_CARD[1:], *SITE_LINKS]
    assert [article.title for article in extract_pagetext("\n".join(page) + "\n")] == [headline]
    # Under its own headline the same text is a related article.
    page = ["Home", "News", headline, *PROSE, "Related Articles", *RELATED_CARD, *SITE_LINKS]
    assert [article.title for article in extract_pagetext("\n".join(page) + "\n")] == [headline, RELATED_CARD[0]]


def test_dated_teaser_cards_below_the_article_end_it_without_a_label() -> None:
    # A blog's latest posts below the article, with no label: each a title, its excerpt and its date. They are
    # neither the article's text nor an article of their own.
    headline = "Council extends the late-night bus service to every district"
    dates = ["Mar 3, 2026", "Feb 26, 2026", "Feb 19, 2026", "Feb 6, 2026"]
    cards = [
        line for (title, excerpt), date in zip(TEASER_CARDS, dates, strict=True) for line in (title, excerpt, date)
    ]
    page = ["Home", headline, "By Jane Doe", "May 5, 2025", *PROSE, "Blog.", *cards, *SITE_LINKS]
    assert [texts(article) for article in extract_pagetext("\n".join(page) + "\n")] == [PROSE]


READER_COMMENT = [
    "Finally some good news for the outer districts",
    "I have waited years for this news in the outer districts. My daughter works late shifts at the hospital and "
    "every night she had to choose between a taxi she could not afford and a long walk home, which is no good.",
    "Thank you to everyone at the council who pushed for it, and to the drivers who agreed to the new rota, "
    "because without them none of this would have happened at all.",
    "Now please do the same for the trams, which stop even earlier than the buses did and leave half the city "
    "stranded every weekend.",
]


@pytest.mark.parametrize(
    ("label", "is_comment"),
    [
        ("3 Comments", True),
        ("Leave a Reply", True),
        ("Join the Conversation", True),
        ("Kommentare", True),
        ("About the Author", True),
        ("Related Articles", False),
        ("Recommended Articles", False),
    ],
)
def test_a_reader_s_comment_or_the_author_s_bio_is_no_related_article(label: str, is_comment: bool) -> None:
    # A comment reads like a short article under a line of its own; below a comments label it is a comment, and
    # below "About the Author" the author's bio.
    headline = "Council extends the late-night bus service to every district"
    page = ["Home", "News", headline, *PROSE, label, "Reply", "Jane", "July 30, 2019", *READER_COMMENT, "Reply"]
    titles = [article.title for article in extract_pagetext("\n".join(page) + "\n")]
    assert titles == ([headline] if is_comment else [headline, READER_COMMENT[0]])


def test_a_response_in_an_article_s_transcript_does_not_open_comments() -> None:
    headline = "Council extends the late-night bus service to every district"
    page = ["Home", "News", headline, *PROSE, "Related Articles", "Response:", *RELATED_CARD]
    titles = [article.title for article in extract_pagetext("\n".join(page) + "\n")]
    assert titles == [headline, RELATED_CARD[0]]


def test_a_response_label_in_a_transcript_does_not_end_the_article() -> None:
    # "Response:" labels the answer that follows it in a transcript; "Responses" with no colon is a comment section.
    headline = "Council extends the late-night bus service to every district"
    answer = RELATED_CARD[1:]
    [main] = extract_pagetext("\n".join(["Home", "News", headline, *PROSE, "Response:", *answer]) + "\n")
    assert [text for text, _ in main.paragraphs][-len(answer) :] == answer
    [main, *_] = extract_pagetext("\n".join(["Home", "News", headline, *PROSE, "Responses", *RELATED_CARD]) + "\n")
    assert [text for text, _ in main.paragraphs] == PROSE


def test_a_link_above_a_section_label_is_no_related_article_s_title() -> None:
    # A card's title sits under its section's label: the link above "Read Next" (the post navigation's previous
    # post) is not the title of the card below the label, which has its own.
    headline = "Council extends the late-night bus service to every district"
    previous = "Cyclists ask for a second lane on the river bridge"
    page = ["Home", "News", headline, *PROSE, "Previous Post", previous, "Read Next", *RELATED_CARD]
    assert [article.title for article in extract_pagetext("\n".join(page) + "\n")] == [headline, RELATED_CARD[0]]
    # With no title below the label, the block has none: the post below "Leave a Reply" is a blogger's bio.
    page = ["Home", "News", headline, *PROSE, "Previous Post", previous, "Leave a Reply", *READER_COMMENT[1:]]
    assert [article.title for article in extract_pagetext("\n".join(page) + "\n")] == [headline]


AUTHOR_BIO = [
    "Jane has covered transport and city hall for the Metro Daily since 2012, after ten years as a reporter "
    "for regional papers in the north, where she won two awards for her reporting on rural bus cuts.",
    "She is the author of two books on the history of the city's trams, and teaches reporting at the university "
    "in the evenings, when she is not riding the night buses she writes about.",
    "Before journalism she drove a city bus for three years, which she says taught her more about the city than "
    "any newsroom did.",
]


@pytest.mark.parametrize(
    "card",
    [
        # "Written by" and the name between the link it found as a title and the biography.
        ["Cyclists ask for a second lane on the river bridge", "Written by Jane Morgan", *AUTHOR_BIO],
        # The name printed again over the biography, under a button to follow her.
        ["By Jane Morgan", "Transport Editor", "Follow Jane Morgan on LinkedIn", *AUTHOR_BIO],
        # The name alone over the biography, as in the byline above the article.
        ["Jane Morgan", *AUTHOR_BIO],
    ],
)
def test_the_author_s_bio_below_the_article_is_no_related_article(card: list[str]) -> None:
    # Far below the article (past the share buttons, the site's links, a sign-up box), the author's box is a block
    # of its own under a line that reads as a title.
    headline = "Council extends the late-night bus service to every district"
    body = [*PROSE, *RELATED_CARD[1:], *READER_COMMENT[1:]]
    gap = ["Share this article", *SITE_LINKS, "Newsletter", "Sign up", *SITE_LINKS * 4]
    page = ["Home", "News", headline, "By Jane Morgan", *body, *gap, *card, *SITE_LINKS]
    assert [article.title for article in extract_pagetext("\n".join(page) + "\n")] == [headline]
    # A related card with its writer's byline is an article: its excerpt opens with its story, not her name.
    page = ["Home", "News", headline, *PROSE, "Related Articles", RELATED_CARD[0], "By Jane Morgan", *RELATED_CARD[1:]]
    assert [article.title for article in extract_pagetext("\n".join(page) + "\n")] == [headline, RELATED_CARD[0]]


@pytest.mark.parametrize("name", ["Jane Morgan", "Jane Morgan (JMTransit)"])
def test_the_author_s_box_and_the_appeal_below_it_end_the_article(name: str) -> None:
    # Right below the article, with no label: the author's name (with her handle in brackets or without), her
    # bio, share buttons and the site's appeal for donations, longer than the bio. All of it closes the article.
    headline = "Council extends the late-night bus service to every district"
    appeal = (
        "Support the Metro Daily! Donate once or every month, become a member, or buy our books: we rely on our "
        "readers to keep reporting on the city, and we also use affiliate links in some articles to earn a "
        "commission when you buy after clicking on them."
    )
    page = [headline, f"By {name}", "May 5, 2025", *PROSE, *MORE_PROSE, name, AUTHOR_BIO[0], "Share this:", appeal]
    [main] = extract_pagetext("\n".join(page) + "\n")
    assert texts(main) == [*PROSE, *MORE_PROSE]


@pytest.mark.parametrize(
    "box",
    [
        # The biography alone, opening with the byline's full name (WCXB 0144), or after an "About the author:"
        # label (0272).
        ["Jane Morgan is the transport reporter of the Metro Daily and has covered city hall since 2012."],
        ["About the author: Jane Morgan is the transport reporter of the Metro Daily."],
        # A name line with a label before the name or a role after it, over the biography (4617, 4858, 4090).
        ["About Jane Morgan", "Jane Morgan is the transport reporter of the Metro Daily."],
        ["Jane Morgan Transport Editor", AUTHOR_BIO[0]],
        ["Jane Morgan, MBA", AUTHOR_BIO[0]],
        ["By Jane Morgan", AUTHOR_BIO[0]],
    ],
)
def test_the_author_s_biography_at_the_article_s_end_is_no_part_of_it(box: list[str]) -> None:
    headline = "Council extends the late-night bus service to every district"
    page = [headline, "By Jane Morgan", "May 5, 2025", *PROSE, *MORE_PROSE, *box]
    [main] = extract_pagetext("\n".join(page) + "\n")
    assert texts(main) == [*PROSE, *MORE_PROSE]


@pytest.mark.parametrize(
    "ending",
    [
        # Someone the article names, not its author.
        ["Peter Dutton is expected to answer the council's letter before the spring."],
        # A closing section's heading over a paragraph opening with its first word.
        ["The Bottom Line", "The night buses will cost the council about four million a year."],
        # The author's name in the middle of the closing paragraph's opening, as a subject of the story.
        ["Jane Morgan, who rode the trial routes, said the buses were full."],
    ],
)
def test_a_closing_paragraph_that_opens_with_a_name_stays_in_the_article(ending: list[str]) -> None:
    headline = "Council extends the late-night bus service to every district"
    page = [headline, "By Jane Morgan", "May 5, 2025", *PROSE, *MORE_PROSE, *ending]
    [main] = extract_pagetext("\n".join(page) + "\n")
    assert texts(main) == [*PROSE, *MORE_PROSE, *ending]


def test_a_consent_banner_is_no_related_article() -> None:
    headline = "Council extends the late-night bus service to every district"
    consent = (
        "To provide the best experiences, we use technologies like cookies to store and access device information."
    )
    purposes = [
        "The technical storage or access is strictly necessary for the legitimate purpose of enabling the use of a "
        "specific service explicitly requested by the user.",
        "The technical storage or access is necessary for the legitimate purpose of storing preferences that are "
        "not requested by the user.",
        "The technical storage or access that is used exclusively for statistical purposes, and never to identify "
        "anyone on its own.",
        "The technical storage or access is required to create user profiles to send advertising, or to track the "
        "user across several websites for similar purposes.",
    ]
    # One paragraph of eight speaks of the site: too few to make the block furniture, but it is the first one.
    body = [consent, *purposes, *RELATED_CARD[1:]]
    page = ["Home", "News", headline, *PROSE, *SITE_LINKS, "Related Articles", RELATED_CARD[0], *body]
    assert [article.title for article in extract_pagetext("\n".join(page) + "\n")] == [headline]


DONATION_APPEAL = [
    "Independent local journalism is hanging by a thread, and we are determined not to let it go. For twenty "
    "years no owner has bankrolled us; the only people we answer to are the readers of this city and its suburbs.",
    "Please consider supporting us.",
    "Your contribution, whatever the size, helps us keep publishing the stories that question the council and "
    "celebrate the people who make the city work.",
    "We rely on readers like you to keep our reporters on the streets and our archive open to everyone.",
]
LEGAL_FOOTER = [
    "Metro Trust is a registered charity in England and Wales (225971) and a company limited by guarantee, "
    "registered in England and Wales (699547). Registered office: 4 Harbour Road, London. Everything on these "
    "pages is for informational purposes only and is not an offer to buy or sell any product or service at all.",
    "To find out more about the trust, or to ask about a story you read here, call us on 0300 330 3322 between 9am "
    "and 5pm on weekdays.",
]

INVESTMENT_DISCLAIMER = [
    "Harbour Advisers, LLC is registered with the Securities and Exchange Commission as an investment adviser. "
    "Nothing here is an offer to buy or sell any security, and all investing involves risk, including the loss of "
    "principal.",
    "We help readers find an adviser near them, and the advisers we list pay us a fee for each reader who books a "
    "first meeting; that fee never changes the order in which they are shown.",
    "Harbour Advisers reserves the right to change its fees and the plans it offers at any time, without notice to "
    "the members who hold them or to the advisers who sell them.",
]

COMPANY_FOOTER = [
    "Metro Apps is the Registered Name of Metro Apps Technologies Pvt. Ltd., a mobile app studio that has built "
    "the ticketing apps of the city's buses and trams since 2014.",
    "All the personal information that you submit on the website (name, email, phone and project details) will be "
    "kept strictly confidential and never sold to anyone.",
    "We build apps for transport operators, councils and their riders, from the first sketch of an idea to the "
    "app in every store and the service that keeps it running.",
]

SHOP_CART = [
    "Tax calculated in checkout. Shipping to the outer districts is free on every order over forty pounds, and "
    "returns are free within thirty days of the day your order arrives.",
    "Your bag is empty, but the new night bus tote, the route map poster and the reflective rider band are all back "
    "in stock at the shop this week.",
    "Every order helps the riders' association run its winter survey of the night routes and print the timetables "
    "that it hands out at the stations.",
]


COMMENT_FORM = [
    "Save my name, email, and website in this browser for the next time I comment.",
    "The team did an exceptional job helping my dream room become a reality. They were thorough and very "
    "professional, and most of all they were easy and fun to work with on every part of the project.",
    "Find out what our other clients have to say about us, and about the rooms we designed for them this year.",
    "Our goal is creating spaces where our clients love to live. We take the time to listen to their needs and "
    "expectations, and open our minds to their ideas in order to inspire our work from the first sketch onwards.",
]


@pytest.mark.parametrize(
    "furniture",
    [DONATION_APPEAL, LEGAL_FOOTER, INVESTMENT_DISCLAIMER, COMPANY_FOOTER, COMMENT_FORM, SHOP_CART],
    ids=["appeal", "legal footer", "investment disclaimer", "company footer", "comment form", "shop cart"],
)
def test_an_appeal_for_donations_or_a_legal_footer_is_no_related_article(furniture: list[str]) -> None:
    # The site speaking of itself again: asking readers for money, or stating its registration and disclaimers, or
    # what it does with the details a reader submits (a company's footer, WCXB 0016 as lynx and w3m dump it).
    headline = "Council extends the late-night bus service to every district"
    page = ["Home", "News", headline, *PROSE, "Related Articles", "Help keep Metro Daily free", *furniture]
    assert [article.title for article in extract_pagetext("\n".join(page) + "\n")] == [headline]
    # The same words in a story are news: a related article that reports on an appeal stays.
    story = [
        "A charity that runs the city's night shelters said on Monday it had raised twice what it asked for, after "
        "the appeal it launched in October was shared by thousands of residents.",
        *RELATED_CARD[1:],
    ]
    page = ["Home", "News", headline, *PROSE, "Related Articles", "Shelter appeal doubles its target", *story]
    assert len(extract_pagetext("\n".join(page) + "\n")) == 2


def test_a_list_of_headlines_is_no_related_article() -> None:
    # Headlines one under another read like the paragraphs of an article under its title, but none is a sentence.
    headlines = [
        "Night trams to run at weekends from June after a trial on two lines",
        "Residents near the depots ask for quieter cars and a lower speed limit",
        "Why the harbour bridge will close for a month this summer: what we know",
        "'I've made so many friends here': A visit to the bridge club at the heart of the community",
        "Cyclists welcome the new lanes on the ring road, but not the potholes",
        "Sponsored Content",
        "Council leader promises more buses for the outer districts next year. READ NOW",
    ]

    def block(paragraphs: list[str]) -> ArticleParts:
        body = [(text, ParagraphKind.body) for text in paragraphs]
        return ArticleParts(role=DocumentRole.related, title="My Weekend", paragraphs=body)

    assert is_link_list(block(headlines))
    # Headlines asked as questions end in a question mark, not a sentence.
    asked = [f"How much should I pay for a night bus pass in {city}?" for city in ("Leeds", "York", "Hull", "Derby")]
    assert is_link_list(block(asked))
    # Questions answered are an article's (its FAQ).
    answered = [part for question in asked for part in (question, "About £40 a month, or £400 for a year upfront.")]
    assert not is_link_list(block(answered))
    # One sentence ended in a paragraph or two is still an article: the related cards of the WCXB pages end at
    # least one in two.
    assert not is_link_list(block(RELATED_CARD[1:]))
    assert not is_link_list(block([RELATED_CARD[1], *headlines[:2]]))


REVIEW_HEADLINE = "The best night buses in the city, tested by our reporters"
PRODUCT_CARDS = [line for n in range(1, 16) for line in ("Overall score", f"{n}.5/5", "Punctuality", f"{n}/5")]
"""A review's product cards: ratings, lines of numbers, as a listicle prints between its sections."""
REVIEWED_SECTION = [
    "Route N12 runs from the harbour to the hospital every twelve minutes, and it was the only one of the "
    "routes we rode that never ran late, even on the rainy Friday when the others bunched up.",
    "Its drivers were the friendliest we met, and the buses were clean and warm, though the stop at the "
    "station still has no shelter and no light, which the council has promised to fix by the winter.",
]


def test_a_listicle_goes_on_past_a_long_run_of_its_product_cards() -> None:
    # Reviews set their sections far apart with product cards (ratings, prices, sizes: lines of numbers); a gap as
    # long with dates in it (comments, teasers) still ends the article.
    headline, cards, section = REVIEW_HEADLINE, PRODUCT_CARDS, REVIEWED_SECTION
    [main] = extract_pagetext("\n".join(["Home", "News", headline, *PROSE, *cards, *section]) + "\n")
    assert [text for text, _ in main.paragraphs][-2:] == section
    dated = [f"Posted by reader {n} on March {n}, 2025" for n in range(1, 12)]
    articles = extract_pagetext("\n".join(["Home", "News", headline, *PROSE, *dated, *cards, *section]) + "\n")
    assert [text for text, _ in articles[0].paragraphs] == PROSE
    # A comparison chart in words, longer than a gap inside an article may be, with no number in it: a feature's
    # row prints its value once for each of the routes tested.
    features = ["Night service", "Wheelchair ramp", "Heated seats", "Card payment", "Live tracking", "Wi-Fi"]
    routes = ["N12", "N7", "N3", "N40"]
    chart = ["Route", *routes] + [cell for feature in features * 2 for cell in (feature, *["Yes"] * len(routes))]
    [charted] = extract_pagetext("\n".join(["Home", "News", headline, *PROSE, *chart, *section]) + "\n")
    assert [text for text, _ in charted.paragraphs][-2:] == section


def test_a_listicle_s_opening_above_its_first_product_cards_is_the_article_s() -> None:
    # Product cards cut a buying guide into runs (WCXB 0057, "10 Best Moving Companies in New York"): its
    # introduction, above the first cards, is shorter than a third of the longest run below them, too short to be
    # the main article on its own, but it lies below the headline and the cards join it to the rest.
    headline, cards, section = REVIEW_HEADLINE, PRODUCT_CARDS, REVIEWED_SECTION
    header = ["Home", "News", headline, "By Jane Doe", "May 5, 2025"]
    [main] = extract_pagetext("\n".join([*header, *PROSE, *cards, *MORE_PROSE, *section]) + "\n")
    assert (main.title, texts(main)) == (headline, [*PROSE, *MORE_PROSE, *section])
    # Comments or teasers between them (dated lines) keep a run above apart from the article.
    dated = [f"Posted by reader {n} on March {n}, 2025" for n in range(1, 12)]
    [main, *_] = extract_pagetext("\n".join([*header, *PROSE, *dated, *cards, *MORE_PROSE, *section]) + "\n")
    assert texts(main) == [*MORE_PROSE, *section]


def test_two_elements_glued_at_a_sentence_s_end_are_no_title() -> None:
    assert is_glued_pair("Smart home hubs like the Amazon Echo double as smart speakers.Amazon; Google")
    assert is_glued_pair("Companies using AIHR achieve completion rates 4X higher.LEARN MORE")
    assert not is_glued_pair("Why Node.js and U.S. banks still run COBOL")
    assert not is_glued_pair("The best smart home hubs of 2026, tested by our editors")


def test_a_reply_s_subject_is_no_title() -> None:
    # Slashdot's comments as lynx dumps them (WCXB 0396): each opens with its subject, "Re:" and the comment's
    # score, over its author's line and paragraphs; comments below the article were given as related articles
    # titled "Re: (Score:1)".
    comment = (
        "More than twenty years riding these routes and not once has a night bus come on time, whatever the "
        "council says about the trial; the drivers do their best, but the timetable was written by someone who "
        "has never waited at the station stop at two in the morning in the rain."
    )
    for subject, title in (
        ("Re: (Score:1)", None),
        ("Re:What could go wrong? (Score:5, Insightful)", None),
        ("Night buses will run in every district from the spring", 0),
    ):
        lines = read_lines(f"{subject}\nby Shaitan ( 22585 ) writes:\n{comment}\n", ())
        [block] = find_bodies(lines)
        assert find_title(lines, block, 0) == title, subject
    assert not REPLY_SUBJECT.match("re:Invent 2025: the biggest announcements from Las Vegas")


def test_a_call_to_action_above_the_article_is_no_title() -> None:
    # A promotion or a search box above the headline reads like a headline: title-like, close to the story,
    # sharing its words. What it tells the reader to do gives it away.
    headline = "The best night buses in the city, tested by our reporters"
    for promotion in [
        "Get the free city guide: the best night buses, bars and late-night food in every district",
        "Search for articles and insights about the city's night buses, trams and trains",
        "The best night bus passes in the city this month. Click here",
    ]:
        [main] = extract_pagetext("\n".join(["Home", "News", promotion, headline, "By Jane Doe", *PROSE]) + "\n")
        assert main.title == headline, promotion
    assert is_call_to_action("Save with Jiffy Lube® Coupons")
    assert is_call_to_action("View all brands >")
    assert is_call_to_action("More from our partners ›")
    assert not is_call_to_action("Getting around the city at night: a guide")
    assert not is_call_to_action("Council saves the night buses after a year of protests")
    for headline in (
        "Search for missing hikers called off after storm",
        "Save the Children warns of famine in the north",
        "Shop owners protest new parking fees",
        "Getting around the city at night",
        "Read more books, experts tell commuters",
        "Contact us if you saw the crash, police say",
        "Add these five apps to your phone before the night buses start",
        "Google adds night bus times to its maps",
    ):
        assert not is_call_to_action(headline), headline
    for label in ("Read More", "Learn more →", "read our full review", "Back to top", "Let’s get started!"):
        assert is_call_to_action(label), label
    # An angle bracket closing a word is a placeholder's, in a command the article tells the reader to run: a link's
    # arrow is set apart.
    for command in ("git clone <repo url>", "usermod -aG sudo <username>"):
        assert not is_call_to_action(command), command
    # Google's button on news sites, under or over the headline.
    for button in ("Add SoundGuys on Google", "Add us on Google", "Add CIO as a Preferred Source in Google Search"):
        [main] = extract_pagetext("\n".join(["Home", "News", button, headline, "By Jane Doe", *PROSE]) + "\n")
        assert main.title == headline, button


def test_an_address_is_no_title() -> None:
    # An office's address between a short headline and its byline (a local firm's blog): its last line is
    # title-shaped and sits where headlines do, but is never one.
    page = ["Home", "Night buses", "Hunt Valley, MD 21031", "By Jane Doe", *PROSE]
    assert extract_pagetext("\n".join(page) + "\n")[0].title == "Night buses"
    # The whole address on one line, as a Markdown copy of the page prints it.
    address = "Baltimore Office, 11311 McCormick Rd., Suite 500, Hunt Valley, MD 21031"
    page = ["Home", "Night buses", address, "By Jane Doe", *PROSE]
    assert extract_pagetext("\n".join(page) + "\n")[0].title == "Night buses"


def test_a_nested_list_item_in_a_w3m_dump_is_no_headline() -> None:
    # w3m marks a nested list's items "□" (then "☆"): a menu's sub-items, title-shaped and in title case, sat
    # right above the story (WCXB 0237, 4457 in w3m's dump) and were taken for its title.
    assert not line_shape("□ Late-Night Bus Routes for Every District").headline_shaped
    assert not line_shape("☆ Late-Night Bus Routes for Every District").headline_shaped
    assert line_shape("Late-Night Bus Routes for Every District").headline_shaped


def test_a_form_s_consent_and_thanks_inside_the_article_go() -> None:
    # A sign-up box set inside the article (WCXB 0477): its consent and its thanks are the page's, however long; a
    # story that reports such terms in its own sentence stays.
    story = [(text, ParagraphKind.body) for text in PROSE[:3]]
    form = [
        "By signing up, you agree to receive recurring automated SMS marketing messages from Metro Deals at the "
        "number provided. Msg and data rates may apply. Up to 2 messages/day. Reply STOP to opt out, HELP for help. "
        "Consent is not a condition of purchase. See our Privacy Policy and Terms of Use.",
        'By clicking "Join", you are agreeing to our Terms of Service and Privacy Policy.',
        "Thanks for signing up!",
        # A site's or a comment form's terms, and the form's note on the reader's data (WCXB 0041, 0250, 0461, 1789).
        "By using Conductor, you agree to our Terms of Service and Privacy Policy.",
        "By posting a comment, you consent to have your personally identifiable information collected and used in "
        "accordance with our privacy policy.",
        "Your information will be processed according to EPAM SolutionsHub Privacy Policy.",
        "We respect your privacy. This site is protected by reCAPTCHA. Google's privacy policy and terms of service "
        "apply.",
        "Read our Privacy Policy",
        # A form's prompt (WCXB 0031, 0110).
        "Please fill out the form below, and one of our producers will follow up within 48 hours.",
        # A cookie banner, and the links a page sets around its article (WCXB 0270, 0298, 0362, 4036).
        "We use cookies to provide you with the best possible experience. By continuing to use this site, you agree "
        "to our use of cookies. See Cookie Policy.",
        "Skip to bottom of list",
        "Next Post  Slip and Fall Liability Explained: Who’s at Fault?",
        "« Previous Post",
        "Share on X (Twitter) Share on Facebook Share on Pinterest Share on LinkedIn",
    ]
    reported = (
        "By signing up, riders agree to share their travel data with the council, which says it will use it only "
        "to plan new routes."
    )
    scraped = ArticleParts(
        role=DocumentRole.main,
        title="Night buses",
        paragraphs=[
            story[0],
            *[(text, ParagraphKind.body) for text in form],
            (reported, ParagraphKind.body),
            *story[1:],
        ],
    )
    assert tidy(scraped).paragraphs == [story[0], (reported, ParagraphKind.body), *story[1:]]
    # A story about a policy, or about what visitors agree to, is no form's.
    about = [
        "By using the app, drivers agree to share their location with the council, the transport office said.",
        "Read our privacy policy analysis of the five largest ride-hailing apps below.",
        "Your information will be safer under the new law, the minister told reporters on Tuesday.",
        "Skip to Chunk 4 without Chunk 2, and you’ll be lost when parsing breaks.",
        "Riders who fill out the form below the driver's seat get a refund, the operator said.",
        "Next story of the tower block is to hold a library, the architect said.",
        "We use cookie cutters shaped like buses to sell biscuits at the depot, the bakery's owner said.",
    ]
    scraped = ArticleParts(
        role=DocumentRole.main, title="Night buses", paragraphs=[*[(text, ParagraphKind.body) for text in about]]
    )
    assert tidy(scraped).paragraphs == [(text, ParagraphKind.body) for text in about]


def test_the_site_s_copyright_notice_goes_and_a_caption_s_rights_stay() -> None:
    # The footer's notice, where a capture ran the article on into it (WCXB 0110, 0250, 0356); a caption's credit
    # names its rights holder after the work (0408).
    story = [(text, ParagraphKind.body) for text in PROSE[:2]]
    notices = ["Copyright © 2025 Lemonlight, Inc. All rights reserved.", "©2025 Flatiron School All rights reserved."]
    notices += ["© 1995 - 2026 The Motley Fool. All rights reserved.", "All rights reserved."]
    credit = "Day’s Rest, 1960. Wax and oil on four panels. University of Sussex. All rights reserved, DACS 2024."
    footer = [(notice, ParagraphKind.body) for notice in notices]
    scraped = ArticleParts(
        role=DocumentRole.main,
        title="Night buses",
        paragraphs=[story[0], (credit, ParagraphKind.body), story[1], *footer],
    )
    assert tidy(scraped).paragraphs == [story[0], (credit, ParagraphKind.body), story[1]]


def test_separators_shortcodes_and_calls_to_action_between_paragraphs_go() -> None:
    # WCXB HTML: "Read More" under each of a listicle's items (17 on one page), "[cta_module]", "* * *".
    story = [(text, ParagraphKind.body) for text in PROSE[:3]]
    strays = [("Read More", ParagraphKind.body), ("[CTA_MODULE]", ParagraphKind.body), ("* * *", ParagraphKind.body)]
    scraped = ArticleParts(
        role=DocumentRole.main,
        title="Night buses",
        paragraphs=[story[0], strays[0], story[1], strays[1], strays[2], story[2]],
    )
    assert tidy(scraped).paragraphs == story
    # A link to another story is its headline, not this story's text; a bracketed sentence is no shortcode.
    links = [
        "Read more: A Guide to Small Business Accounting",
        "Related: Tutoring may not improve attendance",
        # Behind the arrows that point to it (WCXB 0334, 4864).
        "» Related:  15 Things To Know About Booking Rental Cars",
        ">> See Also: The Best Password Managers for Chrome",
        "Click here to read the Hindustan Times ePaper",
        "Thank you! Your submission has been received!",
        # A form's steps and marks, a screen reader's words, a widget still loading.
        *("Step 1 of 2", "* Indicates a required field", "Select a program Press enter to open the dropdown menu."),
        *("(opens in a new tab)", "Loading... Sign Me Up"),
        # A site's or a platform's appeals, short (WCXB 0031, 0125, 0245).
        *("SHARE YOUR STORY", "Take the next step", "Follow Us on Facebook", "Join Medium for free"),
    ]
    note = "[Updated: the council voted again on Friday.]"
    linked = ArticleParts(
        role=DocumentRole.main,
        title="Night buses",
        paragraphs=[story[0], *[(link, ParagraphKind.body) for link in links], (note, ParagraphKind.body), *story[1:]],
    )
    assert tidy(linked).paragraphs == [story[0], (note, ParagraphKind.body), *story[1:]]
    # A button's label goes set as a heading too; a subheading that opens as a call to action stays: it heads what
    # follows.
    buttons = [
        ("+ More Info", ParagraphKind.heading),
        ("Get a Quote", ParagraphKind.heading),
        ("$228 from Walmart", ParagraphKind.heading),
        ("View post on imgur.com", ParagraphKind.body),
        ("First Name *", ParagraphKind.body),
        # A form's or a share row's label, set as a heading or not.
        ("Schedule a Free Call", ParagraphKind.heading),
        ("Talk to Our Experts", ParagraphKind.heading),
        ("Get in touch", ParagraphKind.heading),
        ("Request information", ParagraphKind.body),
        ("Share this on:", ParagraphKind.body),
        # Shops' buttons under a product in a round-up, run together or with a price cut, and a sale's badge.
        ("$1,599.00 from Lowe's", ParagraphKind.body),
        ("$150 at Amazon$150 at Zappos", ParagraphKind.body),
        ("$32 $29 at Amazon", ParagraphKind.body),
        ("Now 20% Off", ParagraphKind.body),
        ("$90 $85 (6% off)", ParagraphKind.body),
        # A product's promotion inside an article (WCXB 0390, 0041).
        ("Check it out", ParagraphKind.body),
        ("No signup required", ParagraphKind.body),
        ("Try for free", ParagraphKind.heading),
    ]
    labelled = ArticleParts(role=DocumentRole.main, title="Night buses", paragraphs=[story[0], *buttons, *story[1:]])
    assert tidy(labelled).paragraphs == story
    headed = ArticleParts(
        role=DocumentRole.main,
        title="Night buses",
        paragraphs=[
            story[0],
            ("Get the Look", ParagraphKind.heading),
            ("Avoid SELECT *", ParagraphKind.heading),
            *story[1:],
        ],
    )
    assert tidy(headed).paragraphs == headed.paragraphs


def test_a_label_of_links_to_other_stories_goes_with_the_headlines_below_it() -> None:
    # WCXB 0221 (STAT): "Related Story" over another story's headline, in the middle of the article; 0160:
    # "Recommended Reading" over two. The story goes on at its next sentence, however short (PROSE's are under 200
    # characters); a teaser's sentence below its headline stays with them.
    story = [(text, ParagraphKind.body) for text in PROSE[:3]]
    related = [
        ("Related Story", ParagraphKind.heading),
        ("STAT Plus: Is the White House's deal with pharma on GLP-1 drugs a game changer?", ParagraphKind.body),
    ]
    reading = [
        ("Recommended Reading", ParagraphKind.heading),
        ("A boy holds his arm in front of his face", ParagraphKind.body),
        ("The Isolating Life of Parenting a Potential Psychopath", ParagraphKind.body),
    ]
    teaser = ("Wireless earbuds are great, but their small batteries have a limited life.", ParagraphKind.body)
    scraped = ArticleParts(
        role=DocumentRole.main, title="Night buses", paragraphs=[story[0], *related, story[1], *reading, story[2]]
    )
    assert tidy(scraped).paragraphs == story
    scraped = ArticleParts(role=DocumentRole.main, title="Night buses", paragraphs=[*story, *related, teaser])
    assert tidy(scraped).paragraphs == [*story, teaser]
    # The author's or the section's other stories, and the archive's (WCXB 0478, Scientific American; 0402); a
    # site's invitations to read on (0223, 0290, 0488, 0054), and a label that ends in a colon (0032's "Also read:").
    for label in (
        *("More by Rowan Jacobsen", "More from Subscriber Area", "From Our Archives", "Read More Articles"),
        *("The Latest From the Blog", "If you liked this post you might also like:", "Related articles on Move.org"),
        "Also read:",
    ):
        linked = [
            (label, ParagraphKind.heading),
            ("New Clues about the Origins of Biological Intelligence", ParagraphKind.body),
        ]
        scraped = ArticleParts(role=DocumentRole.main, title="Night buses", paragraphs=[*story[:2], *linked, story[2]])
        assert tidy(scraped).paragraphs == story, label
    # A sentence that opens so is the story's.
    more = ("More from the council's own budget will go to the night buses.", ParagraphKind.body)
    scraped = ArticleParts(role=DocumentRole.main, title="Night buses", paragraphs=[*story, more])
    assert tidy(scraped).paragraphs == [*story, more]
    # Below a button to read on ("Read more" alone), the story goes on, however short its next paragraph; and a
    # heading below the label heads the story's next section.
    read_on = [("Read more", ParagraphKind.body), ("Fares stay as they are.", ParagraphKind.body)]
    section = [("Related", ParagraphKind.heading), ("Fares", ParagraphKind.heading), story[2]]
    scraped = ArticleParts(role=DocumentRole.main, title="Night buses", paragraphs=[story[0], *read_on, *section])
    assert tidy(scraped).paragraphs == [story[0], read_on[1], *section[1:]]


@pytest.mark.needs_data
@pytest.mark.parametrize(
    ("page", "headline"),
    [
        # The headline stands above a standfirst, a date, a byline and a "Skip to" link; the photo's caption, glued
        # to its credit, stood right above the body and was taken for the title.
        ("4472", "The best smart home hubs of 2026, tested by our editors"),
        # "Home Stuff We Love Expert Product Reviews & Buying Guides" stands right above the headline, whose "Tested
        # by Bibliophiles" reads as a credit; "Stuff We Love" is a menu item elsewhere on the page.
        ("0199", "4 Best Book Subscriptions, Tested by Bibliophiles"),
    ],
)
def test_a_line_above_the_headline_of_a_wcxb_page_does_not_take_its_place(page: str, headline: str) -> None:
    path = WCXB / "html" / f"{page}.html.gz"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    [main, *_] = extract_pagetext(load_script("render_wcxb").render_file(path))
    assert main.title == headline


COMPANY_BLURB = [
    "Built by people who have driven the late shift themselves, for the people who still do it every week.",
    "Harbourline makes planning software for bus and tram operators in forty cities, from the timetables drivers "
    "see on their phones to the rota tools the depots use every morning.",
    "The company was founded in 2009 by two former dispatchers, who wanted the rota of a whole network to fit on "
    "one screen, and it still answers every call from an operator within the hour.",
]
RELATED_LINKS = [
    "Night trams to run at weekends from June",
    "Residents near the depots ask for quieter cars",
    "The harbour bridge will close for a month this summer",
    "Cyclists welcome the new lanes on the ring road",
    "How planning software helps operators run night buses",
]


def test_the_last_link_of_a_list_is_no_related_article_s_title() -> None:
    # Below a label, a list of links; the last one reads as the title of what follows the list (here the
    # company's blurb), whose first paragraph shares no word with it, as an article card's excerpt would.
    headline = "Council extends the late-night bus service to every district"
    page = ["Home", "News", headline, *PROSE, "Related Articles", *RELATED_LINKS, *COMPANY_BLURB, "Contact"]
    assert [article.title for article in extract_pagetext("\n".join(page) + "\n")] == [headline]
    # A card right under the label stays, and so does one under a kicker and a category line.
    page = ["Home", "News", headline, *PROSE, "Related Articles", *RELATED_CARD, "Contact"]
    assert [article.title for article in extract_pagetext("\n".join(page) + "\n")] == [headline, RELATED_CARD[0]]
    page = ["Home", "News", headline, *PROSE, "Related Articles", "City Transport", "Trams and Trains", *RELATED_CARD]
    assert [article.title for article in extract_pagetext("\n".join(page) + "\n")] == [headline, RELATED_CARD[0]]


def test_a_listicle_s_section_after_its_product_list_is_no_related_article() -> None:
    # A buying guide's products, one name a line, cut its text in two (too long a list to take in); the heading
    # below them shares the article's words and no label stands before it: a section of the article, not a related
    # one.
    headline = "The best cargo bikes for city families, tested by our editors"
    intro = [
        "We rode twelve cargo bikes through the city for a month, carrying children, shopping and once a sofa, to "
        "find the ones that families can live with every day.",
        "Our favourite cargo bikes are stable when loaded, easy to park in a hallway and quick to fit with seats, "
        "covers and locks, and all of them come with electric assistance.",
        "The cheapest bike we tested costs less than a used car, and the dearest more than a new one; most families "
        "will be happy somewhere in between.",
    ]
    products = [
        f"{brand} {model} cargo bike"
        for brand in ("Urban", "Harbour", "Metro", "Bridge")
        for model in "ABCDEFGHIJKLMNOPQRST"
    ]
    section = "How we chose the best cargo bikes for families"
    method = [
        "Each bike was ridden by three testers for at least two weeks, on the same routes, with the same load of "
        "children and shopping, in the rain as often as in the sun.",
        "We scored stability, braking, comfort, range and how easily the bike fits in a flat, and asked a mechanic "
        "to judge how hard each one would be to keep in good repair over the years.",
        "Prices were checked with three shops in the week we published, and bikes that were out of stock everywhere "
        "were left off the list, however well they rode.",
    ]
    page = ["Home", "Reviews", headline, *intro, *products, section, *method, "Contact"]
    assert [article.title for article in extract_pagetext("\n".join(page) + "\n")] == [headline]


def test_a_listicle_s_next_numbered_section_below_a_widget_of_teasers_goes_on_with_the_article() -> None:
    # "Featured articles" and "Related Posts" cut a listicle between its third and fourth items (WCXB 4252 as
    # Markdown): the heading below the widget numbers the article's next item, so the article goes on there, where
    # its last two items were lost (too short for a related article of their own). What stands between the article's
    # run of prose and that heading is left out of its text; the teasers' excerpts, prose within that run, are not.
    headline = "The best accounting apps for freelancers, tested for a quarter"
    items = {
        "1. Ledgerly": "Ledgerly is made for people who bill by the hour: a timer runs beside every project, and an "
        "invoice is one click away from the hours it bills, with a reminder sent when the client forgets to pay.",
        "2. Tallybook": "Tallybook reads every receipt photographed on the way home, sorts it and matches it with the "
        "payment on the bank statement by the time you sit down at your desk the next morning.",
        "3. Wave": "Wave costs nothing for the invoicing and the books, and charges only for card payments and "
        "payroll, which makes it the app to start with for anyone whose business is still small.",
    }
    later = {
        "4. Xero": "Xero keeps the books in the cloud, so the accountant sees the same figures as you do, and its bank "
        "feeds reconcile most payments before you have even opened the app in the morning.",
        "5. Moxie": "Moxie runs the whole client relationship, from the proposal and the contract to the invoice and "
        "the reminder, which suits freelancers who would rather not keep five apps open at once.",
    }
    teasers = [
        "Featured articles",
        "How to set your freelance prices",
        "Guess no more: use plain arithmetic to set prices that pay for your time, your tools and your holidays, "
        "and still win the clients you want.",
        "Michelle Lee",
        "How to negotiate as a freelancer",
        "Negotiating fees and rates is a key skill of a freelance business, and this guide walks you through the "
        "conversations that most freelancers dread.",
        "Michelle Lee",
        "Related Posts",
        "Michelle Lee and Sam Ortiz",
    ]
    page = [
        *("Home", "Reviews", headline, *PROSE),
        *(line for heading, text in items.items() for line in (heading, text)),
        *teasers,
        *(line for heading, text in later.items() for line in (heading, text)),
        "Contact",
    ]
    articles = extract_pagetext("\n".join(page) + "\n")
    assert [article.title for article in articles] == [headline]
    texts = [text for text, _ in articles[0].paragraphs]
    assert texts[-4:] == ["4. Xero", later["4. Xero"], "5. Moxie", later["5. Moxie"]]
    assert not {"Related Posts", "Michelle Lee and Sam Ortiz"} & set(texts)
    assert texts.index(items["3. Wave"]) < texts.index(teasers[-4]) < texts.index("4. Xero")
    # Numbered from 1 again, the items below the widget are another list's, not the article's.
    renumbered = [line.replace("4. ", "1. ").replace("5. ", "2. ") for line in page]
    [main] = extract_pagetext("\n".join(renumbered) + "\n")
    assert later["4. Xero"] not in [text for text, _ in main.paragraphs]


SCORED = [
    "Overall score",
    "Invoicing",
    "Billing",
    "Bank reconciliation",
    "Reporting",
    "Ease of use",
    "Customer support",
]
RATINGS = {"E": "Excellent", "G": "Good", "F": "Fair"}


def review_item(name: str, ratings: str, features: list[str]) -> list[str]:
    """A listicle's item below its text: the same fields, in the same order, as every other item."""
    scores = [line for score, rating in zip(SCORED, ratings, strict=True) for line in (score, RATINGS[rating])]
    pros_cons = ["Pros", f"{name} sends invoices with reminders", "Cons", f"{name} lacks inventory management"]
    return [f"{name}: best for freelancers", *scores, *pros_cons, "Key features", *features]


def test_a_listicle_s_item_below_a_long_list_of_its_fields_goes_on_with_the_article() -> None:
    # The second item's fields and features run longer than a gap inside an article may, with few numbers in them;
    # most of its fields are printed in the article above, for the first item: the article's own data.
    headline = "The best accounting apps for freelancers in 2025"
    intro = [
        "We kept the books of a small design studio in six accounting apps for a quarter, sending invoices, "
        "reconciling the bank account and filing the sales tax return in each of them.",
        "Most freelancers need far less than these apps offer, so we looked above all at how quickly an invoice "
        "goes out and how clearly the app shows what is owed to you and what you owe.",
    ]
    ledgerly = [
        "Ledgerly is made for people who bill by the hour: a timer runs beside every project, and an invoice is "
        "one click away from the hours it bills, with a reminder sent for you when the client forgets to pay.",
        "Its reports are thin, and it cannot track stock, but for a designer or a consultant who sends a dozen "
        "invoices a month nothing we tried was quicker or friendlier to the clients who receive them.",
    ]
    tallybook = [
        "Tallybook is the app for people who hate paperwork: every receipt photographed on the way home is read, "
        "sorted and matched with the payment on the bank statement by the time you sit down at your desk.",
        "It is weaker at invoicing than Ledgerly, and its screens look their age, but nothing we tried made the end "
        "of the quarter less painful, and the free plan covers all a freelancer working alone is likely to need.",
    ]
    features = [
        *("Receipt scanning in the mobile app", "Categories that learn from your choices", "Quarterly tax estimates"),
        *("Mileage tracking from the phone", "Exports for your accountant", "Bank feeds from most high street banks"),
        *("Bills and vendors in one list", "Sales tax on every invoice", "Personal and business spending kept apart"),
        *("A free plan for a single user", "Reminders for bills that fall due", "Reports of profit and loss"),
        *("A balance sheet at the end of each quarter", "Budgets for each category", "Notes on every payment"),
        *("Attachments kept with each expense", "Rules that sort recurring payments", "Reconciliation in a click"),
        *("Currency conversion at the day's rate", "Access for your bookkeeper", "Audit trail of every change"),
    ]
    page = [
        *("Home", "Reviews", headline, *intro, *review_item("Ledgerly", "GEEFFEG", features[:2]), *ledgerly),
        *(*review_item("Tallybook", "GFGEGGF", features), "Why I chose Tallybook", *tallybook, "Contact"),
    ]
    [main] = extract_pagetext("\n".join(page) + "\n")
    assert [text for text, _ in main.paragraphs][-2:] == tallybook


def test_an_article_goes_on_past_its_code_blocks() -> None:
    # A browser's innerText keeps a <pre> block's lines: one statement a line, some title-like, one dated. Between
    # two paragraphs, they had cut the article there (WCXB 4414 kept 122 of its 1,698 words).
    headline = "How to find the slow queries in your database"
    opening = (
        "Every query goes through parsing, planning and execution, and the planner chooses the plan it thinks is "
        "cheapest from the statistics it keeps about each table and its indexes."
    )
    code = [
        "-- Basic EXPLAIN ANALYZE usage",
        "EXPLAIN ANALYZE",
        "SELECT u.name, COUNT(o.id) as order_count",
        "FROM users u",
        "LEFT JOIN orders o ON u.id = o.user_id",
        "WHERE u.created_at > '2024-01-01'",
        "GROUP BY u.id, u.name;",
        "-- Planning Time: 0.234 ms",
        "-- Execution Time: 45.678 ms",
        "def slowest(queries):",
        "    return sorted(queries, key=lambda q: q.seconds)[-10:]",
        "print(slowest(load('log.json')))",
    ]
    closing = [
        "The plan shows where the time goes: here most of it is spent scanning the orders table, which has no "
        "index on the column the join reads, so every row of it is read for every user.",
        "Adding that index brought the query down from forty-five milliseconds to under two on our copy of the "
        "data, and the planner chose it without being told to.",
    ]
    [main] = extract_pagetext("\n".join(["Home", "Blog", headline, opening, *code, *closing, "About us"]) + "\n")
    assert main.title == headline
    # Each line of code a paragraph of its kind, without its indentation, as every line of a dump is read.
    assert main.paragraphs == [
        (opening, ParagraphKind.body),
        *((line.strip(), ParagraphKind.code) for line in code),
        *((paragraph, ParagraphKind.body) for paragraph in closing),
    ]


def test_a_comment_in_words_is_code_and_does_not_cut_its_block() -> None:
    # A comment in words reads as prose (WCXB 0476): it cut its block in two, and stayed a body paragraph that
    # claims were looked for in. A docblock's sentences too, between its "/**" and "*/".
    code = [
        "private string function stringAppendIf(",
        "required string base,",
        'string token = ""',
        ") {",
        "// We're using the token, NOT the formatted token, to determine the control flow of the function.",
        "if ( ! token.len() ) {",
        "return base;",
        "}",
        "/**",
        "I create a piping version of the stringAppendIf() function, which the callers below use in turn.",
        "*/",
        'private struct function stringAppendPipeNew( string initialValue = "" ) {',
        "return this;",
        "}",
    ]
    prose = [line_shape(line).reads_as_prose for line in code]
    assert prose[4]
    assert prose[9]
    assert code_runs(code, prose, [False] * len(code)) == [range(len(code))]
    # A sentence that opens with a slash is no comment, nor is a "/*" that nothing closes.
    lines = ["/r/news is where the story spread first, and it was read by thousands of people that night.", "Home"]
    assert comment_lines(lines) == set()
    assert comment_lines(["/* a note", *PROSE * 5]) == set()


@pytest.mark.parametrize(
    "lines",
    [
        pytest.param(
            ["Name(Required)", "Email(Required)", "Organization(Required)", "Your Message(Required)"], id="form"
        ),
        pytest.param(
            ["Room 1405, 14/F.,", "135 Bonham Strand Trade Centre,", "Sheung Wan,", "Hong Kong"], id="address"
        ),
        pytest.param(["Akbaraly TN, Ferrie JE, Berr C,", "Belin RJ, Greenland P,", "McCullough ML,"], id="references"),
        pytest.param(
            ["<span>Aitul</span> Wed, 05/21/2025 - 07:08", "Reply", "<span>Divya</span> Wed, 12/18/2024 - 04:39"],
            id="comments quoting markup",
        ),
    ],
)
def test_lines_that_are_not_code_make_no_code_block(lines: list[str]) -> None:
    shapes = [line_shape(line) for line in lines]
    assert code_runs(lines, [False] * len(lines), [shape.metadata for shape in shapes]) == []


@pytest.mark.parametrize(
    ("text", "above", "dates"),
    [
        ("Updated on June 18, 2025 at 12:35 PM", "", (None, "June 18, 2025 at 12:35 PM")),
        ("ByRhonda Krause UpdatedJanuary 25, 2026", "", (None, "January 25, 2026")),
        ("By Ana Ruiz | Page last modified: 12 November 2025", "", (None, "12 November 2025")),
        ("June 18, 2025", "Last updated:", (None, "June 18, 2025")),
        ("Published Dec 1, 2025 | Updated Dec 3, 2025", "", ("Dec 1, 2025", "Dec 3, 2025")),
        ("Updated Dec 3, 2025 Originally published Dec 1, 2025", "", ("Dec 1, 2025", "Dec 3, 2025")),
        ("Dec 19, 2025|Last updated on Dec 19, 2025|xx min read", "", ("Dec 19, 2025", "Dec 19, 2025")),
        ("By Ann Lee | Mar 11, 2023 | Brakes | 0 comments", "", ("Mar 11, 2023", None)),
        ("June 18, 2025", "Published:", ("June 18, 2025", None)),
        # A label far from the date, or a word that merely ends in one, labels nothing.
        ("Posted: 2 days ago - this page was updated by hand", "", ("2 days ago", None)),
        ("Outdated guide, March 4, 2025", "", ("March 4, 2025", None)),
    ],
)
def test_a_printed_time_is_the_publication_s_unless_labelled_the_last_update_s(
    text: str, above: str, dates: tuple[str | None, str | None]
) -> None:
    [line] = read_lines(text + "\n", ())
    assert line.published is not None
    assert labelled_times(text, line.published, above) == dates


def test_a_publication_time_is_read_near_the_update_s_by_the_title_not_far_below() -> None:
    # WCXB 0385: the update's time under the headline, the publication's six lines down under the author's card.
    # WCXB 4472 (w3m): a photo's file name with a date in it, in a list thirty lines down, is no publication time.
    headline = "The Best Night Buses in the City, Tested by Our Reporters"
    card = ["By Jane Doe | Updated on 19-Dec-2025", "HIGHLIGHTS", "Night buses run hourly", "Fares stay flat"]
    [main] = extract_pagetext("\n".join(["Home", "Travel", headline, *card, "Jane Doe", "17-Dec-2025", *PROSE]) + "\n")
    assert (main.title, main.published_text, main.updated_text) == (headline, "17-Dec-2025", "19-Dec-2025")
    listed = [f"Route {number}" for number in range(1, 25)]
    page = ["Home", "Travel", headline, *card, *listed, "[Screenshot-2024-06-12-at-12-9d5dcf]", *PROSE]
    [main] = extract_pagetext("\n".join(page) + "\n")
    assert (main.title, main.published_text, main.updated_text) == (headline, None, "19-Dec-2025")


def test_a_line_that_opens_a_list_is_no_title() -> None:
    # A post's list opens with a title-like line whose items go on in lower case, where a headline has its byline,
    # date or standfirst below it.
    listed = ["Night buses have the riders of a train", "the routes of a tram", "the fares of a bus", "Jane Doe"]
    lines = read_lines("\n".join(["Thoughts on the Night Bus", "2025-08-29", *listed, *PROSE]) + "\n", ())
    assert [opens_list(lines, index) for index in range(4)] == [False, False, True, False]


@pytest.mark.needs_data
def test_the_headline_over_a_list_s_opener_is_the_title_of_wcxb_0414() -> None:
    # "Thoughts on Zig" over its tags and date, then "Zig has the syntax of Rust" over "the runtime safety of Rust",
    # "the error handling of Go": the opener, longer and all in the story's words, was taken for the title.
    page = WCXB / "html" / "0414.html.gz"
    if not page.is_file():
        pytest.skip(f"{WCXB} is absent")
    text = load_script("render_wcxb").render_file(page)
    main = extract_pagetext(text)[0]
    truth = json.loads((WCXB / "ground-truth" / "0414.json").read_text(encoding="utf-8"))["ground_truth"]
    assert main.title == truth["title"] == "Thoughts on Zig"
