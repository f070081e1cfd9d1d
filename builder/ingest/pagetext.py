"""Extract articles from a page-text dump: the visible text of a news page, captured line by line.

A dump has no markup, so everything is decided from features of the lines themselves:

- how much a line reads like prose (length, sentence punctuation, share of function words);
- repetition: within the page (a title printed twice, a menu shown for desktop and mobile) and across the run
  (`common_lines`: lines seen on many pages of the same site or app are its shell, never an article);
- position: a title sits above its body, outlet and time sit between title and body.

The page is cut into segments at article headers (a title printed twice); in each segment, bodies are the runs
of lines that maximise prose words minus the cost of the boilerplate lines they take in. Each body with a title
is an article: the first substantial one is the main article (taking in the bodies that closely follow it),
later ones are the related articles shown with it. Paragraph-level furniture (datelines, credits, captions) is
handled by `builder.ingest.cleanup`, which the HTML and JSONL extractors share.

One module per concern: line features (`pagetext_lines`), bodies (`pagetext_blocks`), titles
(`pagetext_titles`); this one assembles the articles. Weights and thresholds were set on WCXB pages rendered to
text (scripts/render_wcxb.py, scripts/eval_pagetext.py, which scores a dev and a held-out test half).
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from builder.ingest.cleanup import (
    MONTH,
    split_caption,
    split_credit,
    split_dateline,
    split_leading_caption,
    split_paragraphs,
    strip_trailing_fragment,
)
from builder.ingest.furniture import RELATED_LABEL, RELATED_LINK_MAX_CHARS
from builder.ingest.pagetext_blocks import (
    MIN_ARTICLE_WORDS,
    Block,
    find_bodies,
    is_author_box,
    opens_card_list,
    without_author_box,
    without_tail,
)
from builder.ingest.pagetext_lines import (
    BULLET,
    BYLINE,
    ENGLISH,
    METADATA_OPENER,
    PUBLICATION_LABELS,
    PUBLISHED_LINE_CHARS,
    READING_TIME,
    SENTENCE_END,
    SENTENCE_ENDS,
    UPDATE_LABELS,
    Line,
    content_words,
    is_relative_time,
    labelled_times,
    opening_words,
    opens_comments,
    page_writing,
    published_text,
    read_lines,
)
from builder.ingest.pagetext_titles import (
    find_title,
    is_whole_date,
    page_facts,
    without_date_suffix,
    without_site_suffix,
)
from builder.ingest.parts import ArticleParts
from builder.ingest.text_browsers import without_list_mark
from builder.ingest.title_case import in_written_case, is_shouted
from builder.records import Caption, Dateline, DocumentRole, ParagraphKind


class NoArticleError(ValueError):
    """The page holds no article: the message says why, for the quarantine report."""


MERGE_GAP_LINES = 40
"""The longest gap (in lines) between two blocks that can still be one article."""
INLINE_WIDGET_LINES = 8
"""The longest gap (in lines, label included) a "Related" widget set inside an article takes."""
INLINE_WIDGET_WORDS_BELOW = 200
"""An article interrupted by a widget goes on for a few paragraphs below it: at least so many prose words."""
CARD_SHARE = 0.5
"""Teaser cards: at least this share of a block's prose lines sit right below a title-like line."""
MAIN_SHARE = 0.3
"""The main article is the first block with at least this share of the largest block's words: related articles
can be longer than the main one, but teasers above it are short."""


RELATED_MIN_WORDS = 80
"""A related article has at least this many words of prose (four sentences or so): below it a block is a
teaser's excerpt, a comment or a notice (a cookie or privacy text), no article to annotate. On the WCXB pages
276 of the 427 related documents were such, while an aggregator's related articles run to hundreds of words."""
SITE_NOTICE = re.compile(
    r"\b(?:this|our) (?:web)?site\b|\bwe use cookies\b|\bcookies? (?:policy|settings|preferences|to)\b"
    r"|\b(?:accept|use of|uses?) cookies\b|\bprivacy (?:policy|notice|statement)\b"
    r"|\bterms (?:of (?:use|service)|and conditions|& conditions)\b|©|\ball rights reserved\b"
    r"|\bregistered trademarks?\b|\bsign up\b|\bsubscribe\b|\bnewsletters?\b|\be-?mail address"
    r"|\b(?:leave|post|add) a (?:comment|reply)\b|\brequired fields\b|\bnext time i comment\b"
    r"|\bdonat(?:e|ions?)\b|\bdisclaimer\b"
    r"|\b(?:please |consider )?support(?:ing)? (?:us|our work|our journalism)\b|\byour (?:contribution|donation)\b"
    r"|\bwe rely on (?:our |the )?(?:annual )?(?:donations|donors|readers|supporters)\b|\bshare our work\b"
    r"|\bjoin (?:the|our) waitlist\b|\b(?:latest|more|all) posts by\b"
    r"|\bregistered (?:charity|office|name|as a (?:charity|company)|in england and wales|in the uk as)\b"
    r"|\bpersonal (?:information|data|details) (?:that )?you (?:submit|provide|share)\b"
    r"|\bregistered with the\b|\breserves? the right\b|\bnot an offer\b|\binvolves? risks?\b"
    r"|\bfor (?:general )?informational purposes\b|\bdoes not constitute\b"
    r"|\b(?:tax(?:es)?|shipping) (?:is |are )?calculated (?:at|in) checkout\b"
    r"|\byour (?:cart|bag|basket) is (?:currently )?empty\b"
)
"""What the site says to its readers about itself: its cookies, terms, copyright, sign-ups, comment form ("Save
my name, email, and website in this browser for the next time I comment."),
appeals for donations, legal registration and disclaimers ("is registered with the SEC", "not an offer to buy",
"investing involves risk", "reserves the right to", "is the Registered Name of ... Pvt. Ltd."), what it does with
the personal information a reader submits, the author box's "Latest posts by", a shop's cart ("Tax calculated in
checkout", "Your bag is empty"). A story mentions
such things now and then ("the company changed its privacy policy"); the footer, the legal notice, the consent
banner, the appeal and the comment form below an article say little else."""
_SITE_NOTICE_WORDS = (
    *("site", "cookie", "privacy", "terms", "©", "rights reserved", "registered", "sign up", "subscribe"),
    *("newsletter", "mail address", "a comment", "a reply", "required fields", "i comment", "donat", "disclaimer"),
    *("support", "rely on", "your contribution", "share our work", "waitlist", "posts by"),
    *("reserve", "not an offer", "involve", "informational", "constitute", "personal"),
    *("calculated", "cart is", "bag is", "basket is"),
)
"""What every match of SITE_NOTICE holds one of ("registered" for "registered trademark" too)."""
_SITE_NOTICE_BEFORE = 16
"""How far before one of its words a match of SITE_NOTICE may start ("registered |trademark": 11 characters)."""
_SITE_NOTICE_AFTER = 40
"""How far after the start of one of its words a match may end, and the character after it that its closing
`\b` reads ("|terms and conditions": 20)."""
SITE_NOTICE_SHARE = 0.15
"""A block below the main article whose paragraphs speak of the site this often, once the notices that close it
are off, is its furniture, not a related article. On the WCXB dev pages a helper labelled 48 of the 88 related
documents boilerplate (footers, legal notices, consent banners, comment forms, bios, promotions); this share, and
the few words left when their notices are off, took 19 of them, and none of the 20 related articles nor of the
20 parts of the main article cut off from it (the highest share among those: 0.11). On the test half, only
scored: 9 of 37 boilerplate documents, none of the 13 related articles and 14 parts of the main one."""
OUTLET_NEAR_TIME = 2
"""How many lines from the article's time its outlet's name may stand (label, time, bullet)."""
OUTLET_MAX_WORDS = 5
"""An outlet's name is short ("Free Malaysia Today"); a longer line by the time is a byline or a sentence."""
TIME_ABOVE_LINES = 7
"""How far above a title its time may be printed: a date, then the reading time, the views, a kicker, a byline and
its logo, a row of share buttons, then the headline. At 3 lines, the dates of four WCXB pages in the Markdown,
lynx and w3m dumps were missed; 7 finds all four (4 or 5 found three) and takes no date wrongly on any of the four
dumps (the search still stops at prose and at a longer line that is no metadata)."""
TIME_ABOVE_KICKER_WORDS = 4
"""A line above a title that is neither metadata nor longer than this (a kicker, a section name) may stand
between the title and its time."""
TIME_ATOP_BODY_LINES = 9
"""How far into the body a metadata line with the time is looked for when none is printed by the title: past an
author's card whose biography reads as the body's first line (WCXB 0334, in page text and Markdown: eight lines
in). On the WCXB pages 9 found three dates more than 6 did, 12 no more, and none was taken wrongly."""
TIME_BELOW_BODY_LINES = 4
"""How far below the main article's last paragraph a metadata line with its time is looked for when none is
printed by its title or atop its body: blogs print "Posted on April 13, 2023" or "June 9, 2020 · 6 Comments" as
the post's footer."""
LABELLED_TIME_BELOW_LINES = 20
"""How far below the main article's last paragraph a time labelled as its publication's is looked for."""
HEADER_TIMES_SPREAD = 8
"""How many lines below the first time by a title another may be printed to be its publication's or update's: an
author's card under the standfirst prints the publication's six lines below the update's (WCXB 0385); thirty lines
down, w3m printed a photo's file name ("Screenshot-2024-06-12-at-12") in the list atop a body (WCXB 4472)."""
PUBLICATION_LABEL = re.compile(
    rf"\s*(?:{PUBLICATION_LABELS['en']}|publish(?:ed)?\s+date|(?:page\s+)?(?:{UPDATE_LABELS['en']}))\b\W*",
    re.IGNORECASE,
)
"""A label of the time an article was published or last updated, opening a line or a line of its own: the English
labels of the two (`PUBLICATION_LABELS`, `UPDATE_LABELS`: "Published", "Last updated", "Content current as of:",
U.S. agencies' label of a page's last update), "Publish date", and "Page last modified"."""
FIRST_PUBLISHED = re.compile(r"\b(?:originally|first) published(?: on| in)?(?: the)? ", re.IGNORECASE)
"""How an article that was updated since says when it first came out; its date follows."""
FIRST_PUBLISHED_WEEKDAY_CHARS = len("Wednesday, ")
"""How far after FIRST_PUBLISHED its date may start: past a weekday, not further into the sentence."""


@dataclass(frozen=True, slots=True)
class Header:
    """What sits between a title and its body: outlet, time and captions."""

    source: str | None
    published_text: str | None
    updated_text: str | None
    captions: list[Caption]


def read_header(
    lines: Sequence[Line], title: int, block: Block, role: DocumentRole, title_date: str | None = None
) -> Header:
    """Read outlet, time and captions from the lines between the title and the body; the time, when none is
    printed there, from just above the title or from the body's first lines, else the whole date printed after the
    title on its line (`title_date`), else, for the main article, from below its body. A time labelled as the last
    update's is that (`labelled_times`), and the publication's is then looked for beside it, or in the body as
    the article's first publication.

    The outlet is a short name printed by the article's time, as news apps and aggregators print it: before a
    relative time on its line ("Malay Mail · 2 hours ago"), or on its own line next to the time, once as a label
    and again as a bullet ("Malay Mail", "time2 hours ago", "• Malay Mail"). A short line merely printed twice,
    or a bullet alone, is as often a button ("Reply", "Share"), a section label ("Table of Contents") or the
    author; so is a name before a date ("Marta Aguilar · 2023-07-05", a blog's author): on the WCXB pages nearly
    every such line was one, so they are not taken.
    """
    between = [line for line in lines[title + 1 : block.first] if line.key != lines[title].key]
    times = [(index, found) for index, line in enumerate(between) if (found := line.published)]
    # Each time as the page labels it, the publication's or the last update's ("Updated on June 18, 2025"): those
    # printed close together, as a header prints both; further down, a date is more often a photo's file name.
    labelled = [
        labelled_times(between[index].text, found, between[index - 1].text if index else lines[title].text)
        for index, found in times
        if index - times[0][0] <= HEADER_TIMES_SPREAD
    ]
    time = next((published for published, _ in labelled if published), None)
    updated = next((update for _, update in labelled if update), None)
    if not times:
        # No time by the title: it may be printed above it or atop the body.
        nearby = _time_above(lines, title)
        nearby = _time_atop_body(lines, block) if nearby is None else nearby
        if nearby is not None:
            time, updated = _labelled_time(lines, nearby)
    time = time or title_date
    if role is DocumentRole.main:
        # Not for a related article's card: below it stands the next card, with its own time.
        first_published = _time_first_published(lines, min(title + 1, block.first), block)
        if first_published is not None:
            # The time by the title is then the last update's (see `_time_first_published`).
            updated = updated or (time if time != first_published else None)
            time = first_published
        if time is None and updated is None and (below := _time_below_body(lines, block)) is not None:
            time, updated = _labelled_time(lines, below)
    captions = [caption for line in between if (caption := split_caption(line.text))]
    source = next(
        (
            name
            for index, found in times
            if is_relative_time(found) and (name := _outlet_on_time_line(between[index].text, found))
        ),
        None,
    ) or next((name for index, _ in times if (name := _outlet_beside(between, index))), None)
    return Header(source=source, published_text=time, updated_text=updated, captions=captions)


def _labelled_time(lines: Sequence[Line], index: int) -> tuple[str | None, str | None]:
    """(publication, update) of the time printed on line `index` (see `labelled_times`)."""
    return labelled_times(lines[index].text, lines[index].published or "", lines[index - 1].text if index else "")


def _time_above(lines: Sequence[Line], title: int) -> int | None:
    """The time printed just above a title ("September 4, 2025" over the headline, as many sites lay it out),
    read when none is printed below it: the nearest lines up, through metadata only (a kicker or byline may sit
    between), never across prose, which belongs to what comes before."""
    for index in range(title - 1, max(0, title - TIME_ABOVE_LINES) - 1, -1):
        line = lines[index]
        # A byline that runs on like a sentence ("Posted on December 20, 2025 by A - 5 Comments on <title>") is
        # still metadata: its time is read before its prose would stop the search.
        if line.metadata and line.published:
            return index
        if line.prose or (not line.metadata and line.words > TIME_ABOVE_KICKER_WORDS):
            return None
    return None


def _time_atop_body(lines: Sequence[Line], block: Block) -> int | None:
    """The metadata line with a time among the body's first lines ("Published: Nov 24, 2025" under a standfirst
    and a photo), read when none is printed by the title."""
    for index in range(block.first, min(block.last + 1, block.first + TIME_ATOP_BODY_LINES)):
        if lines[index].metadata and lines[index].published:
            return index
    return None


def _time_below_body(lines: Sequence[Line], block: Block) -> int | None:
    """The metadata line with a time just below the body (a post's footer: "Posted on April 13, 2023"), up to the
    next prose line, which belongs to what follows; further down, up to LABELLED_TIME_BELOW_LINES, a time labelled
    as the publication's ("Published August 13, 2025", "Publish date" over "15 November 2018", or the byline over
    it: "Written by A and B" over "April 8, 2024") past the tags, share buttons and sign-up box a page prints
    between."""
    below = lines[block.last + 1 : block.last + 1 + LABELLED_TIME_BELOW_LINES]
    past_prose = False
    for offset, line in enumerate(below):
        if line.section_end:
            return None
        past_prose = past_prose or line.prose
        if line.metadata and line.published:
            labelled = PUBLICATION_LABEL.match(line.text) or (
                offset > 0
                and (
                    PUBLICATION_LABEL.fullmatch(below[offset - 1].text.strip())
                    or (below[offset - 1].metadata and BYLINE.match(below[offset - 1].text))
                )
            )
            if (offset < TIME_BELOW_BODY_LINES and not past_prose) or labelled:
                return block.last + 1 + offset
    return None


def _time_first_published(lines: Sequence[Line], first: int, block: Block) -> str | None:
    """The date the article says it was first published on, from line `first` (below its title) through its body
    to just below it ("This article was originally published on 26 Sep 2019 at 4:12pm but has been regularly
    updated", "Updated November 11, 2022 Originally published November 9, 2022" under the headline): the other
    time by its title is then that of its last update."""
    for line in lines[first : block.last + 1 + LABELLED_TIME_BELOW_LINES]:
        # A substring test first: a regex search on every line of the body cost more than the rest of this.
        if "published" not in line.text or not (said := FIRST_PUBLISHED.search(line.text)):
            continue
        following = line.text[said.end() : said.end() + PUBLISHED_LINE_CHARS]
        found = published_text(following)
        if found and following.find(found) <= FIRST_PUBLISHED_WEEKDAY_CHARS:
            return found
    return None


_BEFORE_TIME = re.compile(r"^\s*(?P<name>.+?)\s+[·•|–—-]\s*$")
"""An outlet's name and the separator before the time on the same line ("Reuters · ", "Malay Mail | ")."""


def _outlet_on_time_line(text: str, time: str) -> str | None:
    """The outlet printed before the time on its line, or None."""
    at = text.find(time)
    match = _BEFORE_TIME.match(text[:at]) if at > 0 else None
    return match.group("name") if match and _looks_like_a_name(match.group("name")) else None


def _outlet_beside(between: Sequence[Line], time_index: int) -> str | None:
    """A name printed near the time line both as a label and as a bullet, or None."""
    near = between[max(0, time_index - OUTLET_NEAR_TIME) : time_index + OUTLET_NEAR_TIME + 1]
    labels = {line.text.strip() for line in near if not BULLET.match(line.text)}
    bullets = [BULLET.sub("", line.text).strip() for line in near if BULLET.match(line.text)]
    return next((name for name in bullets if name in labels and _looks_like_a_name(name)), None)


def _looks_like_a_name(text: str) -> bool:
    """An outlet's name: a few words, starting with a capital or a digit ("9News"), with letters, and not a
    byline ("By Ana Ruiz") or a label ("Updated:")."""
    return (
        len(text.split()) <= OUTLET_MAX_WORDS
        and sum(map(str.isalpha, text)) >= 2
        and (text[0].isupper() or text[0].isdigit())
        and not text.endswith(":")
        and not text.casefold().startswith(("by ", "by:"))
        and not SENTENCE_END.search(text)
    )


def body_paragraphs(
    lines: Sequence[Line], block: Block, title: Line | None
) -> tuple[list[tuple[str, ParagraphKind]], list[Caption]]:
    """The block's paragraphs with boilerplate and captions taken out, subheadings marked, and a whole article
    captured on one line cut back into its paragraphs (after dropping a widget label glued to its end).

    A prose line printed again in the block is kept once: pages print a whole article twice or three times
    (tabs, accordions, a mobile and a desktop copy), while an author repeats a sentence rarely. Short lines may
    repeat (a table of contents lists every heading, which prints again above its section)."""
    paragraphs: list[tuple[str, ParagraphKind]] = []
    captions: list[Caption] = []
    body = [lines[index] for index in block.text_lines()]
    printed: set[str] = set()
    linking = False
    for position, line in enumerate(body):
        following = body[position + 1] if position + 1 < len(body) else None
        heads_prose = line.title_like and following is not None and following.prose
        # A label of links to other articles inside the block ("Recommended Reading" over headlines and their
        # authors, between two paragraphs of the story) takes the short lines below it along, up to the next line
        # of prose; the label stays a paragraph, for `furniture.without_related_links` to take that line too when
        # it is a headline. The last link reads as a heading over that prose; a heading the page prints again (in
        # its table of contents) is the story's.
        if linking and not (line.prose or line.code or (heads_prose and line.repeats > 1)):
            continue
        linking = (
            not (line.prose or line.code)
            and len(line.text) <= RELATED_LINK_MAX_CHARS
            and RELATED_LABEL.match(line.text) is not None
        )
        if linking:
            paragraphs.append((line.text, ParagraphKind.body))
            continue
        if (
            line.common
            or line.contents
            or (title is not None and line.key == title.key)
            or (line.prose and line.key in printed)
        ):
            continue
        printed.add(line.key)
        if line.code:
            # A statement of two words or a closing bracket is as much the code as a long one.
            paragraphs.append((line.text, ParagraphKind.code))
            continue
        if is_header_furniture(line, len(paragraphs)):
            continue
        text = without_list_mark(line.text)
        caption = split_caption(line.text)
        if caption is not None:
            captions.append(caption)
            continue
        if line.whole_article:
            caption, text = split_leading_caption(strip_trailing_fragment(line.text))
            captions.extend([caption] if caption else [])
            paragraphs.extend(split_paragraphs(text))
            continue
        if line.prose:
            paragraphs.append((text, ParagraphKind.body))
            continue
        if heads_prose:
            # A heading, even when printed again elsewhere (a table of contents lists every heading).
            paragraphs.append((text, ParagraphKind.heading))
        elif line.words >= 3 and line.repeats == 1:
            # Short lines between prose lines that are not headings are list items and short paragraphs.
            paragraphs.append((text, ParagraphKind.body))
    return paragraphs, captions


HEADER_PARAGRAPHS = 3
"""How many paragraphs into a body its header's furniture may still stand: a standfirst or a photo caption
often comes before the byline and the date ("Apr 21, 2021" under the first paragraph)."""
FURNITURE_WORDS = 3
"""A dated line with more words (of letters) than this besides its date and a reading time is text ("As of July
31, 2025, the FDA has received:", "June 12: Tropical Storm Alberto forms"); a label, an author's name, a section
("12/19/2025 • Power & Market") or "Last updated on" is not."""


def is_header_furniture(line: Line, kept: int) -> bool:
    """A byline, date or reading time among the first paragraphs of a body: the article's header, which the
    title's search left inside it (its date is the article's time when none stands by the title), not its text.
    A long dated line in prose reads as a byline only above everything else ("Posted by BeauHD on Friday December
    19, 2025 @08:00PM from the skewed-job-market dept.")."""
    if not line.metadata or kept >= HEADER_PARAGRAPHS:
        return False
    if line.prose:
        return kept == 0 and line.published is not None and METADATA_OPENER.match(line.text) is not None
    if _names_someone(line.text) or READING_TIME.search(line.text) is not None:
        return True
    # A dated line that ends in a colon leads into what follows ("Effective beginning 6/2/2025:"), as a label of the
    # date alone does not: "Published:" stands above its date, not after it.
    if line.published is None or line.text.endswith(":"):
        return False
    rest = line.text.replace(line.published, " ")
    return sum(1 for word in rest.split() if any(map(str.isalpha, word))) <= FURNITURE_WORDS


HEADER_MAX_WORDS = 40
"""The most words a line of an article's header holds: a byline with its date and reading time ("Posted by BeauHD
on Friday December 19, 2025 @08:00PM from the skewed-job-market dept." holds 13)."""


def without_header(
    paragraphs: list[tuple[str, ParagraphKind]], title: str | None
) -> tuple[list[tuple[str, ParagraphKind]], str | None, str | None]:
    """An article's paragraphs without the header they open with, and the times of its publication and last update
    printed there (`labelled_times`): scrapers that keep an article element's text keep its headline, byline and
    date ("By Jane Doe", "July 5, 2025") above the body, and trafilatura keeps a byline or reading time it does
    not know for one ("3 minute read"). The title again, and header furniture as the page-text extractor tells it
    (`is_header_furniture`), are taken off the first paragraphs."""
    folded_title = " ".join(title.split()).casefold() if title else None
    printed: str | None = None
    updated: str | None = None
    taken = 0
    while taken < min(len(paragraphs), HEADER_PARAGRAPHS):
        text = paragraphs[taken][0]
        if folded_title is not None and " ".join(text.split()).casefold() == folded_title:
            taken += 1
            continue
        # A longer paragraph is the body: measured as a line, it would cost a language guess a record.
        if len(text.split()) > HEADER_MAX_WORDS:
            break
        lines = read_lines(text, ())
        if len(lines) != 1 or not is_header_furniture(lines[0], 0):
            break
        if lines[0].published:
            published, update = labelled_times(text, lines[0].published, paragraphs[taken - 1][0] if taken else "")
            printed, updated = printed or published, updated or update
        taken += 1
    return paragraphs[taken:], printed, updated


def _names_someone(text: str) -> bool:
    """A byline that names its author: "By Rowan Jacobsen", "Author: Heather Webber"; not "By then, it was too
    late." nor the heading "By the numbers"."""
    byline = BYLINE.match(text)
    return byline is not None and text[byline.end() : byline.end() + 1].isupper()


def clean_article(
    paragraphs: list[tuple[str, ParagraphKind]],
) -> tuple[list[tuple[str, ParagraphKind]], Dateline | None, str | None]:
    """Take the dateline off the first paragraph and the credit off the last (`build.tidy` reads them again, once
    the site's promotions are out, where a sign-up above or below the story hid them)."""
    dateline = None
    if paragraphs:
        dateline, text = split_dateline(paragraphs[0][0])
        paragraphs[0] = (text, paragraphs[0][1])
    credit = None
    if paragraphs:
        credit, text = split_credit(paragraphs[-1][0])
        paragraphs[-1] = (text, paragraphs[-1][1])
    return [(text, kind) for text, kind in paragraphs if text.strip()], dateline, credit


def extract_pagetext(
    text: str, common_lines: Collection[str] = (), headings: Collection[int] = (), code: Collection[int] = ()
) -> list[ArticleParts]:
    """Every article on the page: the main one first, then the related ones in page order.

    `common_lines` are lines seen on many pages of the run (the app or site shell); they are never article text.
    `headings` and `code` are the 0-based numbers of the lines the page marks as headings and as code (a Markdown
    page's).
    Raises NoArticleError when nothing on the page reads as an article, and PageTooLargeError past PAGE_MAX_LINES.
    """
    lines = read_lines(text, common_lines, headings, code)
    blocks = find_bodies(lines)
    if not blocks:
        raise NoArticleError(f"no run of {MIN_ARTICLE_WORDS}+ words of prose among {len(lines)} lines")
    largest = max(block.words for block in blocks)
    main: tuple[Block, int] | None = None
    rest: list[tuple[Block, int | None]] = []
    floor = 0
    page = page_facts(lines)
    passed_over: list[Block] = []
    for block in blocks:
        if main is None and block.words < MAIN_SHARE * largest:
            # Teasers and notices above the main article are no article, and must not hide its title.
            passed_over.append(block)
            continue
        # Even a segment opened by a header (a title printed twice) is searched for its title from the floor:
        # menu items printed for desktop and mobile open segments too, and the headline may sit above them.
        title = find_title(lines, block, floor, page)
        if main is not None and title is not None and (label := last_label_below(lines, block, title)) is not None:
            title = find_title(lines, block, label + 1, page)
        body = block if title is None else trim_block(lines, block, title)
        # A headline and standfirst alone can read as a block of prose; their article is the next block,
        # which may then take the same title, so the floor only moves past real articles.
        if body.words < MIN_ARTICLE_WORDS:
            continue
        if main is not None:
            rest.append((body, title))
        elif title is not None:
            main = (body, title)
        if title is not None:
            floor = block.last + 1
    if main is None:
        raise NoArticleError(f"no titled run of {MIN_ARTICLE_WORDS}+ words of prose among {len(lines)} lines")
    main_block, main_title = main
    main_block = with_opening(lines, main_block, main_title, passed_over)
    # Blocks that follow the main one closely continue it: a listicle's items or a table cut the article into
    # runs, while comments and related stories sit behind a long gap or a label.
    while rest:
        following, following_title = rest[0]
        if continues(lines, main_block, [block for block, _ in rest]):
            left_out = main_block.left_out
        elif following_title is not None and numbers_next_section(lines, main_block, following_title):
            # What stands between the sections is no part of either: a widget, teasers of other articles.
            left_out = (*main_block.left_out, range(main_block.last + 1, following_title))
        else:
            break
        rest.pop(0)
        main_block = Block(main_block.first, following.last, main_block.words + following.words, left_out)
    # The author box and the notices below the article close it, with no label before them; related articles
    # are cards, without them.
    main_block = without_tail(lines, without_author_box(lines, main_block, is_site_notice))
    related = [
        article_parts(lines, block, title, DocumentRole.related)
        for block, title in rest
        if title is not None
        and block.words >= RELATED_MIN_WORDS
        and not under_no_articles_label(lines, main_block, title)
        and not is_list_item_title(lines, main_block, block, title)
        and not is_author_bio(lines, block, title)
        and not opens_card_list(lines, title)
        and not is_teaser_list(lines, block)
    ]
    articles = [article_parts(lines, main_block, main_title, DocumentRole.main)] + [
        article
        for article in map(without_site_notices, related)
        if article is not None and not is_link_list(article) and announces_its_text(article)
    ]
    if any(AMBIGUOUS_NUMERIC_DATE.search(article.published_text or "") for article in articles):
        day_first = numeric_day_first(text)
        articles = [dataclasses.replace(article, day_first=day_first) for article in articles]
    return [article for article in articles if article.paragraphs]


AMBIGUOUS_NUMERIC_DATE = re.compile(r"\b(?:0?[1-9]|1[0-2])[/.-](?:0?[1-9]|1[0-2])[/.-]\d{2,4}\b")
"""A date in numbers whose day and month could be either way round ("03/10/2023")."""
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-]\d{2,4}\b")
_ORDINAL = r"\d{1,2}(?:st|nd|rd|th)?"
_WORDED_DATE = re.compile(rf"\b(?:(?P<day>{_ORDINAL})(?: of)? {MONTH}|{MONTH} {_ORDINAL}\b)")


def numeric_day_first(text: str) -> bool | None:
    """Whether the page writes its dates day first, as British, European and most Asian sites do: told by its
    numeric dates that can be read one way only ("19/12/2025", "12/19/2025"), else by the order it writes its
    dates in words ("13 October 2023" against "October 13, 2023"); None when it does not tell."""
    day_first = month_first = 0
    for match in _NUMERIC_DATE.finditer(text):
        first, second = int(match.group(1)), int(match.group(2))
        day_first += second <= 12 < first
        month_first += first <= 12 < second
    if day_first == month_first:
        for match in _WORDED_DATE.finditer(text):
            day_first += match.group("day") is not None
            month_first += match.group("day") is None
    return None if day_first == month_first else day_first > month_first


NO_ARTICLES_LABEL = re.compile(
    r"comment|responses|repl(?:y|ies)|discussion|conversation|thoughts on|kommentar|commentaire|comentario|commenti"
    r"|comentário|reacties|коммент|комент|komentarz|评论|コメント|about the author",
    re.IGNORECASE,
)
"""The section labels (`Line.section_end`) under which no article stands: a comment section ("23 Comments",
"Leave a Reply", "Join the Conversation", "Kommentare") or the author's bio ("About the Author"). Not
"Response:", which labels an answer in an article's transcript. With the site's notices (`without_site_notices`),
the related documents of the WCXB dev pages labelled boilerplate went from 48 to 15, and on the test half, only
scored, from 37 to 19; every related article and every part of a main article stayed
(`scripts/eval_pagetext.py`)."""


def under_no_articles_label(lines: Sequence[Line], main_block: Block, title: int) -> bool:
    """Whether a block below the main article, whose title line is `title`, sits in its comment section or its
    author's bio: the nearest section label above it, or its title itself ("Leave a Reply" over a comment), is
    one of NO_ARTICLES_LABEL. A comment reads like a short article under a line of its own, and its thread has no
    label between comments."""
    for index in range(title, main_block.last, -1):
        if lines[index].section_end:
            return NO_ARTICLES_LABEL.search(lines[index].text) is not None
    return False


LINK_LIST_LINES = 3
"""So many headline-shaped lines in a row right above a block's title make it the last item of a list (of links,
of product names, of a table's rows) rather than a card's title: a card's title stands right under its label
("Related Posts"), under a kicker and a category line at most, or under the previous card's excerpt."""
MAIN_SECTION_SHARE = 0.5
"""A heading below the main article with at least this share of its content words in the article is one of the
article's own sections."""


def is_list_item_title(lines: Sequence[Line], main_block: Block, block: Block, title: int) -> bool:
    """Whether a block below the main article, whose title line is `title`, has as its title the last item of a
    list (LINK_LIST_LINES headline-shaped lines or more right above it) and is no related article for it: the
    title search takes the last line of a list over whatever follows the list.

    Either the block's first paragraph shares no content word with that line, as a card's excerpt does with its
    title: the line is a link, and the block is what follows the list of links (an author box, the site's
    promotion, its footer). Or no section label stands between the main article and the line, and most of its
    content words are the article's: it is a heading of the article's own, after a list of products or a table
    (a listicle's next section, its methodology)."""
    if not ends_list(lines, main_block, title):
        return False
    words = opening_words(lines[title])
    opening = next((line for line in lines[block.first : block.last + 1] if line.prose), None)
    if opening is None or not words & opening_words(opening):
        return True
    if not words or any(line.section_end for line in lines[main_block.last + 1 : title]):
        return False
    article = {
        word for line in lines[main_block.first : main_block.last + 1] if line.prose for word in opening_words(line)
    }
    return len(words & article) >= MAIN_SECTION_SHARE * len(words)


def last_label_below(lines: Sequence[Line], block: Block, title: int) -> int | None:
    """The last section label between a title line and its block, if any. A card's title sits under its
    section's label, never over it: a title found above a label is a link (a post's "Previous Post" above
    "Next Post", a link above "Leave a Reply" or "Read Next"), and the block's title is looked for below it."""
    return next((index for index in range(block.first - 1, title, -1) if lines[index].section_end), None)


AUTHOR_BIO_REACH = 3
"""A byline at most this many lines above a block's title (or between the title and the block) heads an author
box: "by Jane Doe" / "Contributing Writer" / "Follow Jane Doe on LinkedIn" / "Jane Doe is a freelance ..."."""


def is_author_bio(lines: Sequence[Line], block: Block, title: int) -> bool:
    """Whether a block below the main article is its author's biography rather than an article: its title is an
    author box's name (`is_author_box`: "Bryon Powell" over "Bryon Powell is the founding editor"), or it opens
    with a word of a byline's name printed close above it ("Written by Lisa Greene-Lewis" over "Lisa has over 20
    years of experience"). A related card's excerpt opens with its story, not with its writer's name."""
    if is_author_box(lines, title):
        return True
    opening = next((line for line in lines[block.first : block.last + 1] if line.prose), None)
    if opening is None:
        return False
    first_word = opening.text.split(maxsplit=1)[0].removesuffix("’s").removesuffix("'s")
    if not first_word[:1].isupper():
        return False
    for line in lines[max(0, title - AUTHOR_BIO_REACH) : block.first]:
        byline = BYLINE.match(line.text) if line.metadata and not line.prose else None
        if byline is not None and first_word in line.text[byline.end() :].split():
            return True
    return False


def ends_list(lines: Sequence[Line], main_block: Block, title: int) -> bool:
    """Whether LINK_LIST_LINES or more headline-shaped lines stand right above the title line (its own printings
    aside), below the main article, with no label, prose or byline between them."""
    first = title
    while first > 0 and lines[first - 1].key == lines[title].key:
        first -= 1
    above = lines[max(main_block.last + 1, first - LINK_LIST_LINES) : first]
    return len(above) == LINK_LIST_LINES and all(line.title_like and not line.section_end for line in above)


def without_site_notices(article: ArticleParts) -> ArticleParts | None:
    """A related article without the site's notices that close it (the footer below the last article card runs on
    from it), or None when the block is the site's furniture rather than an article: what remains is shorter than
    RELATED_MIN_WORDS, opens by speaking of the site itself (`site_notices`: a consent banner's "We use cookies to
    ..." over the purposes it lists), or does so in at least SITE_NOTICE_SHARE of its paragraphs."""
    notices = site_notices([text.lower() for text, _ in article.paragraphs])
    end = len(notices)
    while end and notices[end - 1]:
        end -= 1
    kept = article.paragraphs[:end]
    # Words counted as spaces: splitting every paragraph into a list of words cost more than the rest of this.
    if sum(text.count(" ") + 1 for text, _ in kept) < RELATED_MIN_WORDS:
        return None
    if notices[0] or sum(notices[:end]) >= SITE_NOTICE_SHARE * end:
        return None
    return article if end == len(notices) else dataclasses.replace(article, paragraphs=kept)


LINK_LIST_SENTENCES = 0.25
"""A block below the main article with fewer sentence ends than this per paragraph is a list of links, not an
article: headlines one under another, none of them a sentence. On the WCXB pages the related articles end 0.56
sentences a paragraph or more, the fewest; of the blocks labelled boilerplate, one list of headlines on each
half ends fewer than 0.1."""


RELATED_TITLE_COVERAGE = 1 / 3
"""A related article's text holds at least this share of its title's content words: a headline announces its story.
Below it, the title is a label ("Related Articles"), a comment's header ("Re: (Score:2)"), an address, or a
widget's headline set over another text (a news widget inside a gardening guide, whose next section the block
took in). On the WCXB pages, dumped as page text, Markdown, lynx and w3m, every related document labelled an article
holds 53% of its title's words or more; those that hold fewer than a third are boilerplate, teaser lists and
unlabelled blocks of the other dumps: link labels, readers' comments, a copyright line, an address, code."""


def announces_its_text(article: ArticleParts) -> bool:
    """Whether the article's text holds RELATED_TITLE_COVERAGE of its title's content words or more, each found as
    written anywhere in it (a word of a language written without spaces is a run of characters: found so too)."""
    words = content_words(article.title)
    if not words:
        return True
    text = "\n".join(text for text, _ in article.paragraphs).lower()
    return sum(word in text for word in words) >= RELATED_TITLE_COVERAGE * len(words)


LINKED_QUESTION_WORDS = 15
"""A paragraph that is one question of fewer words is a headline asked as a question ("How much should I pay for
cleaning in Boston?"), not a sentence of an article: a list of such links ends no sentence."""


def is_link_list(article: ArticleParts) -> bool:
    """Whether a related block is a list of links (LINK_LIST_SENTENCES): its paragraphs hardly end a sentence.
    Counted until there are enough: an article's first paragraph mostly settles it."""
    needed = LINK_LIST_SENTENCES * len(article.paragraphs)
    ends = 0
    for text, _ in article.paragraphs:
        if text.endswith("?") and text.count(" ") < LINKED_QUESTION_WORDS and text.count("?") == 1:
            continue
        ends += len(SENTENCE_ENDS.findall(text))
        if ends >= needed:
            return False
    return True


def is_site_notice(line: Line) -> bool:
    """Whether the line speaks of the site itself (SITE_NOTICE)."""
    return site_notices([line.text.lower()])[0]


def site_notices(lowered: Sequence[str]) -> list[bool]:
    """Which of these lower-cased paragraphs speak of the site itself (SITE_NOTICE).

    The pattern is tried only around each place one of its words stands: searched along a whole paragraph, its
    many branches cost 0.3 µs a character, and a related article's paragraph of 5,000 characters that holds
    "opposite" or "website" once cost more than the rest of its ingest. Each word is looked for once in all the
    paragraphs joined: its searches, one per word, are most of what this costs (about 0.15 ms for the three
    related articles of the sample page)."""
    whole = "\n".join(lowered)
    starts = list(itertools.accumulate((len(text) + 1 for text in lowered[:-1]), initial=0))
    notices = [False] * len(lowered)
    for word in _SITE_NOTICE_WORDS:
        at = whole.find(word)
        while at >= 0:
            index = bisect.bisect_right(starts, at) - 1
            local = at - starts[index]
            if not notices[index] and SITE_NOTICE.search(
                lowered[index], max(0, local - _SITE_NOTICE_BEFORE), local + _SITE_NOTICE_AFTER
            ):
                notices[index] = True
            at = whole.find(word, at + 1)
    return notices


def continues(lines: Sequence[Line], block: Block, following: Sequence[Block]) -> bool:
    """Whether the first of the `following` blocks continues `block`: a short gap between them, with none of the
    run's shell in it and no article card (a whole article on one line). A header (a line printed twice) may sit
    in the gap: listicles and tables print item names twice as well.

    A section label ("Related Articles") in the gap ends the article, unless the label opens a widget set inside
    it: a few lines of links, below which the article goes on for paragraphs, rather than the teaser cards (a title
    over a short paragraph, again and again) that follow a label below the article. What goes on below is the run
    of blocks that continue one another with no label and no date between them: a product card may cut the article
    again right below the widget. A comments label opens no widget: below it, the comments go on for paragraphs."""
    following_block = following[0]
    gap = lines[block.last + 1 : following_block.first]
    if not joins(lines, block, following_block, gap):
        return False
    if not any(line.section_end for line in gap):
        return True
    # A gap longer than MERGE_GAP_LINES joins only as the article's data (`joins`): the widget is what follows it
    # from its label (a chart's rows, then "RELATED" over one link).
    label = next(index for index, line in enumerate(gap) if line.section_end)
    widget = gap[label:] if len(gap) > MERGE_GAP_LINES else gap
    if len(widget) > INLINE_WIDGET_LINES or any(opens_comments(line) for line in gap):
        return False
    if listed_with_article(lines, block, following_block):
        return True
    below = [following_block]
    for next_block in following[1:]:
        between = lines[below[-1].last + 1 : next_block.first]
        # A dated gap is between comments (a name, a date, "Reply") or teasers, not between the article's parts.
        if any(line.section_end or line.metadata for line in between) or not joins(
            lines, below[-1], next_block, between
        ):
            break
        below.append(next_block)
    return sum(part.words for part in below) >= INLINE_WIDGET_WORDS_BELOW and card_share(lines, below) < CARD_SHARE


def with_opening(lines: Sequence[Line], block: Block, title: int, passed_over: Sequence[Block]) -> Block:
    """The main article's `block` with the blocks passed over above it (too short to be the main article) that lie
    below its `title` and continue one another into it (`continues`): the opening of an article that product cards
    cut into runs ("10 Best Moving Companies in New York", its introduction and its first movers above the card
    of the next). A block shorter than a related article (RELATED_MIN_WORDS) stays out: a standfirst or a teaser
    over the body, which WCXB's truth leaves out (taking them in too, word F1 fell on 9 dev pages of page text and
    rose on 3)."""
    for earlier in reversed(passed_over):
        if earlier.first <= title or earlier.words < RELATED_MIN_WORDS or not continues(lines, earlier, [block]):
            break
        block = Block(earlier.first, block.last, earlier.words + block.words, (*earlier.left_out, *block.left_out))
    return block


_SECTION_NUMBER = re.compile(r"(\d{1,2})([.):])\s+\S")
"""A section's number opening its heading ("4. Xero", "2) Commit often")."""


def numbers_next_section(lines: Sequence[Line], block: Block, title: int) -> bool:
    """Whether line `title`, a block's title below the article in `block`, numbers the article's next section:
    "4. Xero" below an article whose last numbered heading is "3. Wave", with the same mark after the number. A
    listicle's items cut apart by a widget (teasers of other articles under "Related Posts") are one article; a
    list of teasers below an article starts again from 1."""
    found = _SECTION_NUMBER.match(lines[title].text)
    if found is None or found.group(1) == "0":
        return False
    for line in reversed(lines[block.first : block.last + 1]):
        if line.title_like and not line.prose and (before := _SECTION_NUMBER.match(line.text)):
            return before.group(2) == found.group(2) and int(before.group(1)) + 1 == int(found.group(1))
    return False


CONTENTS_REACH = 12
"""How many lines a table of contents runs on either side of an entry (its list of headings, one to a line)."""
CONTENTS_SHARED = 2
"""How many of the article's own headings a table of contents must list beside the heading below a widget."""


def listed_with_article(lines: Sequence[Line], block: Block, following: Block) -> bool:
    """Whether the heading right above the `following` block, below a widget that cut the article in `block`, is
    listed elsewhere on the page beside CONTENTS_SHARED of the article's own headings: an entry of a table of
    contents ("In this article"), which lists the sections of the page's one article, so the heading opens the next
    of them, not a related article ("Related" / a link / "How to shop for a smart home hub" in a buying guide whose
    contents list that heading beside "How I picked the best smart home hubs"). The list is the run of headline-like
    lines around the other printing, outside the article and what follows it, or of list items that would be
    headline-like without their marks (`Line.list_entry`), as a text browser draws the contents."""
    heading = lines[following.first - 1]
    if heading.repeats < 2 or not heading.title_like or following.first - 1 <= block.last:
        return False
    headings = {line.key for line in lines[block.first : block.last + 1] if line.title_like and not line.prose}
    for index, line in enumerate(lines):
        if line.key != heading.key or block.first <= index <= following.last:
            continue
        listed: set[str] = set()
        for step in (-1, 1):
            other = index + step
            while (
                0 <= other < len(lines)
                and abs(other - index) <= CONTENTS_REACH
                and not block.first <= other <= following.last
                # A text browser draws the contents as a list: its entries are list items ("* Our top picks").
                and (lines[other].title_like or lines[other].list_entry)
                and not lines[other].prose
            ):
                listed.add(lines[other].key)
                other += step
        if len(listed & headings) >= CONTENTS_SHARED:
            return True
    return False


def joins(lines: Sequence[Line], block: Block, following: Block, gap: Sequence[Line]) -> bool:
    """Whether nothing in the gap between two blocks but a section label keeps them apart: the gap is short (or
    the article's data), holds none of the run's shell and no whole article on a line, and does not end on a
    title and its time over the next prose."""
    if any(line.common or line.whole_article for line in gap):
        return False
    if len(gap) > MERGE_GAP_LINES and not is_data_gap(gap, lines[block.first : block.last + 1]):
        return False
    # A title and its time over the next prose: an article card, whatever the label above it, in any language;
    # so is a title over the next prose when teaser cards follow it.
    if len(gap) >= 2 and gap[-1].published and gap[-2].title_like:
        return False
    return not (gap and opens_card_list(lines, following.first - 1))


DATA_GAP_SHARE = 0.3
"""A long gap inside an article is its data: product cards, spec sheets and price tables, whose lines hold
numbers (ratings, prices, sizes) or repeat the fields of the article's items above this often or more. On the WCXB
pages, taking gaps with such numbers into the article raised word F1 from 0.935 to 0.939 on the dev half and from
0.921 to 0.922 on the test half (only scored), and the related documents that were parts of the main article from
20 to 9 (dev) and 14 to 9 (test). Counting the fields too took two more parts back on dev (a review listicle whose
items print "Pros", "Cons", "Key features" and their scores in words), and F1 to 0.940. A line printed again right
below itself is a chart's row of one value ("Yes" for each of the VPNs compared): counting those too took back two
more (0.940 -> 0.941 on dev, 0.924 -> 0.925 on test), with no page's F1 lower."""


def is_data_gap(gap: Sequence[Line], article: Sequence[Line]) -> bool:
    """Whether a gap longer than MERGE_GAP_LINES is the article's own data rather than what follows it: many of its
    lines hold a digit, are printed in the article above it too (a listicle prints the same fields, "Pros",
    "Key features", "Overall score", for each of its items) or right above themselves (a chart's row of one value),
    and none is a date or byline (a footer, a list of teasers and a comment thread are dated)."""
    if any(line.metadata and not is_dated_row(line) for line in gap):
        return False
    printed = {line.key for line in article if not line.prose}
    keys_before = [None, *(line.key for line in gap)]
    data_lines = sum(
        1
        for line, key_before in zip(gap, keys_before, strict=False)
        if line.key in printed or line.key == key_before or any(map(str.isdigit, line.text))
    )
    return data_lines >= DATA_GAP_SHARE * len(gap)


TEASER_LIST_CARDS = 3
DATED_TEASER_LIST_CARDS = 2
"""How many teaser cards (a title-like line over prose) make a block below the article a list of teasers; or how
many dated ones, whose byline or date stands between title and excerpt (two stories under one title: "Cultivating
Community" over its excerpt, then "Biofuel, Lasers and Global Citizenship", "September 30, 2025 by Mariel
Sheets" and its own)."""


def is_teaser_list(lines: Sequence[Line], block: Block) -> bool:
    """Whether a block below the main article is a list of teaser cards, each another article's title over its
    excerpt: TEASER_LIST_CARDS or more, holding CARD_SHARE of its prose or more. It is no article to annotate:
    its text would be the excerpts of several stories under the first one's title. One card alone (a podcast
    episode's post and its summary) is one story, and stays when it is long enough (RELATED_MIN_WORDS).

    An excerpt that ends with the mark of a cut (EXCERPT_CUTS: "How it helps […]") is a card's, whatever stands
    above it: a card's title that is a question reads as prose, and so is no card title."""
    prose = [index for index in range(block.first, block.last + 1) if lines[index].prose]
    titled = {index for index in prose if under_card_title(lines, index, CARD_METADATA_LINES)}
    cards = sum(1 for index in prose if index in titled or lines[index].text.endswith(EXCERPT_CUTS))
    # A card whose title and excerpt a byline or date stands between is another story's, not a subheading's.
    dated = sum(1 for index in titled if not under_card_title(lines, index))
    needed = DATED_TEASER_LIST_CARDS if dated >= DATED_TEASER_LIST_CARDS else TEASER_LIST_CARDS
    return cards >= needed and cards >= CARD_SHARE * len(prose)


EXCERPT_CUTS = ("[…]", "[...]")
"""How a blog's listing marks where it cut a post's excerpt (WordPress prints "[…]")."""
CARD_METADATA_LINES = 3
"""How many metadata lines (a byline, a date, a reading time) a list's teaser card may set between its title and
its excerpt."""


def under_card_title(lines: Sequence[Line], index: int, metadata_between: int = 0) -> bool:
    """Whether prose line `index` sits under a title-like line: right below it, or with up to `metadata_between`
    metadata lines between (a card's byline and date)."""
    above = index - 1
    while above >= 0 and index - above <= metadata_between and lines[above].metadata and not lines[above].prose:
        above -= 1
    return above >= 0 and lines[above].title_like and not lines[above].prose


def is_dated_row(line: Line) -> bool:
    """Whether a line with a date is a row of a table or chart, the date and its values ("1/1/2013 +13.1%"): what
    is left without the date holds a digit and no letter. A footer's or a comment's date is set with words ("Posted
    on April 13, 2023", "June 9, 2020 · 6 Comments")."""
    rest = line.text.replace(line.published, " ") if line.published else line.text
    return any(map(str.isdigit, rest)) and not any(map(str.isalpha, rest))


def card_share(lines: Sequence[Line], blocks: Sequence[Block]) -> float:
    """The share of the blocks' prose lines that sit right below a title-like line: teaser cards, when most do."""
    prose = [index for block in blocks for index in range(block.first, block.last + 1) if lines[index].prose]
    cards = sum(1 for index in prose if under_card_title(lines, index))
    return cards / len(prose) if prose else 1.0


def trim_block(lines: Sequence[Line], block: Block, title: int) -> Block:
    """The block without its title and whatever precedes it, when the title was found inside the block."""
    if title < block.first:
        return block
    first = title + 1
    while first < block.last and lines[first].key == lines[title].key:
        first += 1
    return Block(first, block.last, sum(line.words for line in lines[first : block.last + 1] if line.prose))


def article_parts(lines: Sequence[Line], block: Block, title_index: int, role: DocumentRole) -> ArticleParts:
    """Assemble one article from its body block and title line."""
    title = lines[title_index]
    # The article starts at the first printing of its title, when it is printed more than once in a row.
    first = title_index
    while first > 0 and title_index - first < 3 and lines[first - 1].key == title.key:
        first -= 1
    title_text, date_after_title = without_date_suffix(without_site_suffix(lines, title_index))
    whole_date = date_after_title if date_after_title is not None and is_whole_date(date_after_title) else None
    header = read_header(lines, first, block, role, whole_date)
    paragraphs, captions = body_paragraphs(lines, block, title)
    paragraphs, dateline, credit = clean_article(paragraphs)
    if is_shouted(title_text):
        # A headline the stylesheet set in capitals, as a browser's copy prints it.
        page = [line.text for line in lines]
        title_text = in_written_case(title_text, page, english=page_writing(page) is ENGLISH)
    return ArticleParts(
        role=role,
        title=title_text,
        paragraphs=paragraphs,
        source=header.source,
        published_text=header.published_text or date_after_title,
        updated_text=header.updated_text,
        dateline=dateline,
        credit=credit,
        captions=header.captions + captions,
        line=lines[first].number,
        offset=lines[first].offset,
    )
