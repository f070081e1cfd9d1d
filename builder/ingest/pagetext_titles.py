"""The title of an article body in a page-text dump: the title-like line near the body that scores best on
weighted clues (how much of the story it announces, where it stands, what stands between it and the body, how
it is written), without the site name a page may print after it (`without_site_suffix`)."""

from __future__ import annotations

import itertools
import operator
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from typing import NamedTuple

from builder.enrich.function_words import STOP_WORDS
from builder.ingest.cleanup import MONTH
from builder.ingest.pagetext_blocks import Block
from builder.ingest.pagetext_lines import (
    BYLINE,
    Line,
    content_words,
    is_header,
    is_titled_date,
    normalise_key,
    opening_words,
    published_text,
    title_case,
    without_bullet,
)

TITLE_WINDOW = 150
"""How many lines above a body its title may be: headers carry a kicker, byline, dates, share buttons, and a
table of contents or a listicle's summary can stand between a headline and the body that the blocks find."""
TITLE_INSIDE = 60
"""How many lines into a block its title may be (below a teaser or notice that the block took in)."""
STORY_CHARS = 20000
"""How much of a block's prose a title candidate's words are looked up in (bounds the cost on huge pages)."""
TITLE_WEIGHTS = {
    "overlap": 1.5,
    "coverage": 3.8,
    "metadata": 0.8,
    "distance": -4.3,
    "skipped": -6.2,
    "long": 1.2,
    "printed_twice": 2.3,
    "inside": -2.6,
    "metadata_next": 1.8,
    "words": 6.0,
    "topmost": 0.7,
    "shouting": -1.5,
    "path": -2.9,
    "in_path": 1.4,
    "prose": -1.2,
    "wordy": -2.8,
    "under_headline": -0.6,
    "last_crumb": 2.5,
    "glued_path": -2.5,
    "contents_entry": -3.5,
    "menu_row": -3.5,
    "title_case": 1.9,
    "function_words": -2.0,
    "credit": -2.4,
    "restates_above": -1.1,
    "heading": 1.8,
    "list_opener": -1.5,
}
"""Weights of the title clues (see `TitleClues`), fitted on the WCXB dev half as a conditional logit (the
softmax over one block's candidates of their weighted clues, maximising the likelihood of the truth title;
`scripts/eval_pagetext.py --fit-titles` refits and prints them) and rounded. Clues are scaled to about [0, 1]
(see `clue_values`), so the weights compare. Prose just above or below, a standfirst or a headline-like line
below, the line's place on the page, how many candidates stand above it and being printed more than once
anywhere on the page were tried and added nothing; a colon and a leading number helped on dev but describe
listicles, not news, and were left out. Also tried and left out, for choosing the title on no more dev pages:
sharing opening words with a title-like line just above or below, being restated below, two sentences on one
line (a promo's call to action), a name over a date, a numbered section heading ("1. ..."), a label with a
figure ("Reading time: 2 minutes"), and other scales of distance and word counts. `credit` and then
`restates_above` were added to the weights of the refit with WORDS_SCALE = 10, each weight from a refit with
the new clue, which moved the others by less than 0.6 and chose the title on one or three dev pages fewer than
the new weight alone, so the others were kept. `heading` is never set on a browser's copy of a page (the dumps
the others were fitted on), so it was fitted alone, the others held, to the likelihood on the dev half of the WCXB
pages as Markdown and as lynx dumps them (best between 1.5 and 2.0; titles right on 533 and 531 of 615 dev pages
whose truth is a candidate, against 508 without it). Fitted alike on w3m's dumps, whose headings are the lines
standing alone, it was best between 1.5 and 2.0 too (246 of 304, against 234). A date or byline right above (news
sites print the time over the headline) was tried on the five kinds of dump (page text, Markdown, lynx, w3m,
Chromium; 2026-12-03): best at 1.0, it chose the title on 4 dev and 5 test dumps more (of 1,770 and 1,775),
but on 2 dev pages fewer of w3m's, whose line under a date is as often an avatar's caption or a standfirst; left
out for so little. `list_opener` (2026-12-04) was fitted alone, the others held, on the five kinds: best from -1.5
to -2.0, the truth chosen on 2 more dev dumps and on none fewer of either half."""
SKIP_LINK = r"skip to (?:the )?(?:main )?(?:content|navigation|menu|footer|search|bottom|top|end)\b"
"""A skip link for screen readers ("Skip to main content"), which opens a line of its own or one run together with
the next link ("Skip to main content Virginia Institute of Marine Science", lynx 4349): never a headline."""
_SKIP_LINK = re.compile(SKIP_LINK, re.IGNORECASE)
_BARE_BYLINE = re.compile(r"^(?:by|written by|words by|posted by|author)\W*$", re.IGNORECASE)
"""A byline label whose name is on the next line ("By" alone, "By :"); a byline with its name ("By : Acme")
can sit right above the headline."""
_CREDIT = re.compile(
    r"^(?:\w+\s+)?\w+ed\s+by\b:?\s+(?P<names>.+)$|^(?:\w+\s+){0,2}(?:by|from):\s+(?P<listed>.+)$", re.IGNORECASE
)
"""A credit: a role and the names that filled it ("Tested by A and B", "Fact checked by: A", "Contributions
from: A, B & C"), which sits by the headline like a byline but opens with another word than "By"."""
_NAME_SEPARATOR = re.compile(r"\s*(?:,|&|\band\b)\s*|\s+")
_PATH_SEPARATOR = re.compile(r"\s[>»›|/\-–—]\s")
"""What separates the parts of a breadcrumb ("Home > Blog > Title") or a title with its site ("Title | Site")."""
_PATH_MARKS = frozenset(">»›|/-–—")
PATH_MAX_CHARS = 250
"""Longer lines are prose, not breadcrumbs: their parts are not looked for."""
TITLE_MIN_SCORE = 5.1
"""A best candidate scoring below this is no title: the block is left out (set on the dev half's word F1: the
blocks left out are mostly teasers and widgets. Below 5.1 a menu label six lines above a teaser passes as its
title and the teaser as the main article; from 5.25 up, articles with plain headlines go too. It rose from 4.5
when word counts were scaled at WORDS_SCALE = 10 rather than 15, which lifted the scores of short lines)."""
DATED_TITLE_MIN_SCORE = 4.5
"""The floor for a candidate with its date or byline right below it and before the prose (`metadata` and
`metadata_next`), where headlines stand: a punning headline that shares no word with its story ("And finally…
trouble brewing") lacks the other clues but not that one. Any floor from 4.0 to 4.7 chose the same on dev."""
METADATA_NEXT_LINES = 3
"""How close below a headline its byline or date is printed."""
NEARBY_LINES = 5
"""How far from a candidate a breadcrumb or subtitle that repeats its words is looked for."""
MENU_ROW_DISTINCT = 0.7
MENU_ROW_REPEATS = 3
"""A line of six words or more with fewer distinct words than MENU_ROW_DISTINCT of them, or a content word used
MENU_ROW_REPEATS times, is menu items run together ("Latest Video Random Video All Videos", "Cork GAA Cork
Soccer Cork Rugby"): a headline rarely repeats itself."""
MENU_ROW_ITEMS = 4
MENU_ITEM_MAX_WORDS = 5
"""A line that is MENU_ROW_ITEMS or more of the page's other lines of up to MENU_ITEM_MAX_WORDS words run
together, but for one word at most, is a menu row: a browser's copy of a page puts the links of a navigation bar on
one line ("Features Pricing How to Start a Podcast Blog About Ads") and those of the footer's menu each on its own
("Features", "Pricing", "How to Start a Podcast"). A headline's words are rarely all a page's menu items."""
BREADCRUMB_ROOTS = frozenset({"home", "startseite", "accueil", "inicio", "início", "главная", "головна"})
"""The first crumb of a breadcrumb, the home page's, in the languages whose pages are read (one word each; a key's
words, so in lower case): see `TitleContext.opens_with_crumbs`."""
_PUNCTUATION = ",.;:!?()[]\"'’“”&|/-–—"
"""Stripped off a word before its uses are counted for `menu_row`."""
KICKER_LINES = 2
KICKER_MIN_WORDS = 2
"""How many of a page's lines outside the article, the line's own printings aside, a menu item of KICKER_MIN_WORDS
words or more opens to be a section's name printed before headlines. A one-word item ("Product", "Best") opens
headlines as a word of their own."""
RESTATED_LINES = 3
RESTATED_WORDS = 2
"""How far above a candidate, and with how many of its content words, a line it restates is looked for."""


@dataclass(slots=True)
class TitleClues:
    """What speaks for or against a line being the title of the body below it; `title_score` weighs them (not
    frozen only because a frozen dataclass is slower to build, and a page has hundreds of candidates)."""

    overlap: float
    """Share of the line's content words found in the prose that follows it: a headline announces its story."""
    coverage: float
    """Share of its content words found anywhere in the block: a headline names the whole story, a section
    heading only its section, a menu item none of it."""
    metadata: bool
    """A date, byline or reading time stands between it and the prose: that is where a headline stands."""
    distance: int
    """Lines between it and the prose it heads."""
    skipped: float
    """Share of the block's prose that lies above it: choosing it would throw that prose away."""
    long: bool
    """Four words or more: labels and menu items are shorter."""
    printed_twice: bool
    """Printed again right below itself, as aggregators and many sites print a headline (see `is_header`); but
    so are menu items shown for desktop and mobile, so it is a clue among others, not a verdict."""
    inside: bool
    """It lies inside the block, with the block's prose above it: a subheading more often than a headline."""
    metadata_next: bool
    """A byline or date within METADATA_NEXT_LINES lines below (see `metadata_below`): headlines carry them,
    subheadings do not."""
    words: int
    """How many words: headlines run longer than section headings and menu items."""
    topmost: bool
    """The highest candidate: a headline comes before the subheadings of its story."""
    shouting: bool
    """All in capitals: labels and buttons are, headlines rarely."""
    path: bool
    """A breadcrumb or a title with its site and section ("Home > Blog > Title"): two separators or more."""
    in_path: bool
    """A part of such a line near the body: the title is the last crumb of its breadcrumb."""
    prose: bool
    """Reads as running text (see `Line.prose`): a standfirst or a caption more often than a headline."""
    wordy: bool
    """More than WORDY words: past that length a title-like line is a standfirst; `words` alone would favour it."""
    under_headline: bool
    """Right below a line that could be its headline (see `TitleContext.headline_above`): a subtitle, which sits
    between the headline and the byline and so shares the headline's clues, often with more of the story's words."""
    last_crumb: bool
    """The end of a longer line nearby: the last crumb of a breadcrumb run together without separators
    ("BlogTechnologyWhat is X?"), or a headline that its subtitle restates ("Understanding X"); not the end of a
    byline, which is the author's name ("By Elaine Chen" over an author card's "Elaine Chen")."""
    glued_path: bool
    """Ends with another title-like line nearby: a breadcrumb run together with the title it ends with; or opens
    with a section's name run together with it (`TitleContext.opens_with_kicker`), or with the home page's crumb and
    a section's (`TitleContext.opens_with_crumbs`)."""
    contents_entry: bool
    """It and a line next to it are printed again inside the body: an entry of a table of contents, whose
    headings come back above their sections."""
    menu_row: bool
    """Menu items run together: two spaces or a tab inside it, a word used again and again (see
    `MENU_ROW_REPEATS`), or items the page prints on lines of their own elsewhere (see `MENU_ROW_ITEMS`)."""
    title_case: float
    """Share of its words of TITLE_CASE_MIN_CHARS letters or more that start with a capital: headlines are often
    set in title case, subtitles, standfirsts and prompts in sentence case."""
    function_words: float
    """Share of function words: headlines leave them out, subtitles and prompts read as sentences."""
    credit: bool
    """A role and the names that filled it ("Tested by A and B", see `is_credit`): a byline, not a headline."""
    restates_above: bool
    """It restates a title-like line up to RESTATED_LINES above it (see `restates_above`), as a subtitle or a
    standfirst restates the headline above it."""
    heading: bool
    """Marked a heading by the dump itself (`Line.heading`: a Markdown heading, a text browser's heading)."""
    list_opener: bool
    """It opens a list: the LIST_OPENER_LINES lines below it start in lower case and are neither prose nor a byline
    or date ("Zig has the syntax of Rust" over "the runtime safety of Rust", "the error handling of Go"), where a
    headline has its byline, date or standfirst below it."""


def title_clues(lines: Sequence[Line], block: Block, index: int, prose_after: int, context: TitleContext) -> TitleClues:
    """Measure the clues for line `index`, whose following prose starts at `prose_after` (all but `STORY_CLUES`,
    measured only when they can change the choice, and `topmost`, known once all candidates are found)."""
    line = lines[index]
    words = opening_words(line)
    opening = context.opening(prose_after)
    skipped = context.prose_words_before(index)
    last_crumb, glued_path = context.crumbs(index)
    spelled = line.key.split()
    return TitleClues(
        overlap=len(words & opening) / len(words) if words else 0.0,
        coverage=0.0,
        metadata=context.next_metadata(index + 1) < prose_after,
        # A line printed only once has no other printing between it and its prose to leave out of the count.
        distance=prose_after - index - 1
        if line.repeats == 1
        else sum(1 for other in lines[index + 1 : prose_after] if other.key != line.key),
        skipped=skipped / block.words if block.words else 0.0,
        long=line.words >= 4,
        printed_twice=is_header(lines, index) or (index > 0 and is_header(lines, index - 1)),
        inside=index >= block.first and skipped > 0,
        metadata_next=metadata_below(lines, index),
        words=line.words,
        topmost=False,
        shouting=line.text.isupper(),
        path=len(path_parts(line)) > 2,
        in_path=line.key in context.path_parts,
        prose=line.prose,
        wordy=line.words > WORDY,
        under_headline=False,
        last_crumb=last_crumb,
        glued_path=glued_path or context.opens_with_kicker(index) or context.opens_with_crumbs(index),
        contents_entry=context.printed_in_body(index)
        and (context.printed_in_body(index - 1) or context.printed_in_body(index + 1)),
        menu_row=is_menu_row(line.text, spelled) or context.runs_items_together(spelled),
        title_case=title_case(line.text),
        function_words=sum(map(STOP_WORDS.__contains__, spelled)) / len(spelled) if spelled else 0.0,
        credit=is_credit(line.text),
        restates_above=restates_above(lines, index, words),
        heading=line.heading,
        list_opener=opens_list(lines, index),
    )


_LABEL = re.compile(r"(?:^|\s)[A-Z][\w.'’]*(?:\s+[\w.'’]+){0,3}:\s+\S")
"""A label and its value ("Family: Rubiaceae", "Countries Visited: 63"): a word or a few, the first capitalised,
a colon, then more."""


_GLUED_PAIR = re.compile(r"[a-z]{2}[.!?][A-Z]")
"""A sentence's end glued to the capital of what follows it."""


_GLUED_WORDS = re.compile(r"[a-z][A-Z][a-z]")
"""Two words run together, a lower-case letter right before a capital: links printed with no space between
("Running GearRunning Shoes", a breadcrumb's two crumbs over the headline, WCXB 1821)."""


def is_glued_pair(text: str) -> bool:
    """Whether the line is two elements the page text glued together at a sentence's end: a caption and its credit
    ("Smart home hubs double as smart speakers.Amazon; Google"), a notice and its button ("...training.LEARN
    MORE"). Never a headline, which the page prints on its own."""
    return ("." in text or "!" in text or "?" in text) and _GLUED_PAIR.search(text) is not None


_TAXONOMY = re.compile(
    r"^(?:(?:published|posted) in|filed under|tagged with)\b:?\s*\S|^(?:categor(?:y|ies)|tags?|tagged|topics?)\s*:",
    re.IGNORECASE,
)
"""The categories or tags a post is filed under ("Published in Creativity, Graphic Design", "Tags: DNS, outages"):
a label before the words that name the story, never its title (no WCXB title opens so). "Category" and "Tags"
need their colon: "Category 5 hurricane nears the coast" is a headline."""


_PRICES = r"(?:[$£€]\s?\d[\d,.]*\s*){1,2}"
"""A price, or a price cut (the old price and the new: "$32 $29")."""
_LINK_LABEL = (
    r"^\W*(?:(?:read|learn) more|(?:read|to) (?:the |our )?(?:full )?review|more info|show (?:caption|more|less)"
    r"|previous\s+next|get (?:started|a quote|a demo)|start (?:a |your )?free trial|apply now|check it out"
    r"|try (?:it )?(?:for )?free|(?:start|try) for free"
    r"|no (?:sign ?up|sign-up|credit card|registration) (?:is )?required"
    r"|contact (?:us|sales)(?: (?:today|now))?|live chat(?: with us)?|get in touch(?: with us)?"
    r"|request (?:more )?info(?:rmation)?|(?:schedule|book) (?:a |your )?(?:free )?(?:call|consultation|demo|tour)"
    r"|talk to (?:our |an? )?(?:experts?|sales|specialists?|advisors?|team)|jump to (?:the )?(?:list|recipe)"
    r"|share this(?: on| article| post| page| story| resource)?"
    r"|check (?:the )?price(?: (?:at|on) [\w.]+)?(?: \([^)]*\))?"
    r"|(?:view|see)(?: (?:it|post|this|deal|price))? (?:on|at) [\w.]+"
    rf"|(?:{_PRICES}(?:at|from|on)\s+[\w.'’&-]+(?:\s[\w.'’&-]+){{0,2}}\s*)+|(?:now )?\d+% off|{_PRICES}\(\d+% off\)"
    r"|(?-i:[A-Z][a-z]+(?: [A-Za-z][a-z]+){0,3}) \*)\W*$"
)
_CALL_TO_ACTION = re.compile(
    r"\bclick here\b|(?:\s>|[›→»])\s*$"
    r"|^(?:get (?:the|your|our|a|an)|save (?:with|up to|big|\d)|search (?:for (?:articles|news|products)|our|this|the)"
    r"|download (?:the|our|free|now)|subscribe (?:to|now|today)|join (?:us|our|now|today|the waitlist)"
    r"|shop (?:now|our|the)|buy (?:now|today)|sign up|register (?:now|today|for)|claim (?:your|the offer)"
    r"|(?:view|see|show|load|browse) (?:all|more)|back to top|join [\w.]+ for free"
    r"|take the next step|share your story"
    r"|let[’']s (?:get started|talk|chat|connect|work together)"
    r"|add (?:[\w.'’&-]+ ){0,3}?(?:as (?:a |your )?preferred source|on google|to google))\b"
    rf"|{_LINK_LABEL}",
    re.IGNORECASE,
)
"""What a promotion, a search box or a link tells the reader to do: "Get the free guide", "Save with coupons",
"Search for articles", "... Click here", "View all brands >", "Back to top", "Let's get started", "Join Medium for
free to get updates from this writer.", "Take the next step", Google's button
for news sites ("Add SoundGuys on Google", "Add CIO as a Preferred Source in Google Search"). The verb with
what it asks for, as headlines open with the same words: "Search for missing hikers called off", "Save the
Children warns of famine", "Shop owners protest parking fees". A link's bare label ("Read more", "Contact us")
only as the whole line: "Read more books, experts say" and "Contact us if you saw the crash, police say" are
headlines. A link's arrow ">" counts only set apart by a space: one closing a word is a placeholder's, "git clone
<repo url>", "usermod -aG sudo <username>" (a command an article tells the reader to run)."""


POSTAL_ADDRESS = re.compile(r",\s*[A-Z]{2}\s+\d{5}(?:-\d{4})?$")
"""A U.S. address, its last line ("Hunt Valley, MD 21031") or the whole of it on one line ("99 Hudson St, 5th
Floor, New York, NY 10013"): an office's or a shop's, never a headline."""


GOVERNMENT_BANNER = re.compile(
    r"an official website of the (?:united states|u\.s\.)(?: federal)? government|here[’']s how you know"
    r"|official websites use \.gov|secure \.gov websites use https|the \.gov means it[’']s official",
    re.IGNORECASE,
)
"""The banner atop every U.S. government site (the U.S. Web Design System's: "An official website of the United
States government Here's how you know", "Official websites use .gov"), over a press release as over any page:
the site's, never a headline (on two of the 11 WCXB .gov pages, it was taken for the title)."""


LOGO_NAME = re.compile(r"^(?:[\w&'’.-]*[A-Z0-9][\w&'’.-]*\s+|(?:of|the|and|for|&)\s+)+(?:[Ll]ogo|LOGO)$")
"""The name of a logo's image, which a text browser prints where the image stands (its alt text: "Virginia Institute
of Marine Science logo", "Ovolo Boutique Hotels Logo", "Thrive Logo"): a name in capitals and "logo", never a
headline. On the five kinds of WCXB dumps it was taken for the title of five pages, and ends no truth title; a
headline about a logo has words in lower case ("Twitter swaps its bird for an X logo")."""
REPLY_SUBJECT = re.compile(r"Re:")
"""A reply's subject ("Re: Guaranteed jobs? (Score:2)", "Re:What could go wrong?"): a comment's or a forum
post's, under an article, never the headline of one. Capitalised so, as mail and forums write it: AWS's
"re:Invent" opens headlines."""


def is_call_to_action(text: str) -> bool:
    """Whether the line tells the reader to act, as a promotion or a search box does (_CALL_TO_ACTION)."""
    return _CALL_TO_ACTION.search(text) is not None


LINK_LABEL = re.compile(_LINK_LABEL, re.IGNORECASE)
"""A button's or a link's whole label ("Read more", "+ More Info", "Get a Quote", "Start Free Trial", "Check it
out", "No signup required", "Show caption", "Previous Next", a form's "Get in touch" or "Schedule a Free Call", a
share row's "Share this on:", a shop's "$228 from Walmart", "$1,599.00 from Lowe's", "$32 $29 at Amazon" (a price
cut) or "$150 at Amazon$150 at Zappos" (shops' buttons run together), a sale's "Now 20% Off" or "$90 $85 (6%
off)", "Check Price at Amazon", "View post on imgur.com"), or a form field's with its required mark ("First Name
*"): the page's, wherever it stands and whatever it is set as, a heading too."""


_FACT_DOT = re.compile(r"\s[•·]\s")
"""A dot between facts printed in a row."""


def is_fact_box(text: str) -> bool:
    """Whether the line is a fact box: two labels with their values or more ("Family: Rubiaceae | Place of Origin:
    Ethiopia"), or three facts or more between dots ("Leaves ears open • Bluetooth 5.3 • IP55 rating", a product
    card's): never a headline, which has one colon at most (no WCXB title has two) and no such dot."""
    if text.count(":") >= 2 and len(_LABEL.findall(text)) >= 2:
        return True
    return ("•" in text or "·" in text) and len(_FACT_DOT.findall(text)) >= 2


def metadata_below(lines: Sequence[Line], index: int) -> bool:
    """Whether a byline or date is printed within METADATA_NEXT_LINES distinct lines below line `index`; a line
    printed twice in a row (an author's name, for the byline and a hover card) counts once."""
    seen = 0
    for below in range(index + 1, min(len(lines), index + 1 + 2 * METADATA_NEXT_LINES)):
        other = lines[below]
        if other.metadata:
            return True
        if other.key != lines[below - 1].key:
            seen += 1
            if seen == METADATA_NEXT_LINES:
                return False
    return False


LIST_OPENER_LINES = 2
"""How many lines below a candidate tell that it opens a list (`TitleClues.list_opener`)."""


def opens_list(lines: Sequence[Line], index: int) -> bool:
    """Whether the LIST_OPENER_LINES lines below line `index` go on a list it opens (see `TitleClues.list_opener`)."""
    following = lines[index + 1 : index + 1 + LIST_OPENER_LINES]
    return len(following) == LIST_OPENER_LINES and all(
        line.text[:1].islower() and not line.prose and not line.metadata for line in following
    )


def restates_above(lines: Sequence[Line], index: int, words: frozenset[str]) -> bool:
    """Whether a title-like line of three words or more up to RESTATED_LINES above line `index` (not a printing of
    it, a menu row or a breadcrumb) shares RESTATED_WORDS of its content words `words`, and has words of its own.

    A kicker or section label above a headline ("Social Media Marketing" over "11 Best Social Media Marketing
    Agencies") has all its words in the headline, which expands it; a headline has words its subtitle lacks.
    """
    if len(words) < RESTATED_WORDS:
        return False
    key = lines[index].key
    for other in lines[max(index - RESTATED_LINES, 0) : index]:
        if not other.title_like or other.words < 3 or other.key == key:
            continue
        shared = opening_words(other) & words
        if (
            len(shared) >= RESTATED_WORDS
            and len(shared) < len(opening_words(other))
            and not is_menu_row(other.text, other.key.split())
            and len(path_parts(other)) == 1
        ):
            return True
    return False


def is_credit(text: str) -> bool:
    """Whether `text` credits people with a role ("Reviewed by Jane Doe", "Contributions From: A & B"): a
    participle and "by", or a label and "by:" or "from:", followed by capitalised names only."""
    match = _CREDIT.match(text)
    if match is None:
        return False
    listed = match["names"] or match["listed"]
    # Names have no colon, question or exclamation mark: a headline that opens like a credit does ("Haunted by
    # History: ...").
    if any(mark in listed for mark in ":?!"):
        return False
    names = [word for word in _NAME_SEPARATOR.split(listed) if word]
    return bool(names) and all(word[0].isupper() for word in names)


def is_menu_row(text: str, words: Sequence[str]) -> bool:
    """Menu items run together on one line of `text`, whose lowercased words are `words` (see
    `TitleClues.menu_row`)."""
    if "  " in text or "\t" in text:
        return True
    if len(words) < MENU_ROW_REPEATS:
        return False
    if len(words) >= 6 and len(set(words)) < MENU_ROW_DISTINCT * len(words):
        return True
    # Punctuation and plurals folded crudely, so that "Video" and "Videos," count as one word.
    folded = [bare.removesuffix("s") for word in words if (bare := word.strip(_PUNCTUATION)) not in STOP_WORDS and bare]
    if len(folded) - len(set(folded)) < MENU_ROW_REPEATS - 1:
        # No word can be used MENU_ROW_REPEATS times: the common case, settled without counting.
        return False
    return max(Counter(folded).values()) >= MENU_ROW_REPEATS


def path_parts(line: Line) -> tuple[str, ...]:
    """The parts of a line cut at path separators (one part when it has none), measured once per line."""
    if line.path_parts is None:
        if len(line.key) <= PATH_MAX_CHARS and not _PATH_MARKS.isdisjoint(line.key):
            line.path_parts = tuple(part.strip() for part in _PATH_SEPARATOR.split(line.key))
        else:
            line.path_parts = (line.key,)
    return line.path_parts


COMMENTS_HEADER = re.compile(
    r"(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
    r"(?:responses?|comments?|thoughts?|repl(?:y|ies))\s+(?:to|on)\s+[“\"](?P<title>[^“”\"]+)[”\"]",
    re.IGNORECASE,
)
"""The heading of a post's comments, which quotes its title ("6 thoughts on “Title”", "2 Responses to “Title”",
as blog software prints it)."""


class PageFacts(NamedTuple):
    """What every block's title is chosen with that is the page's, not the block's: read once a page."""

    named: frozenset[str]
    """The keys of the titles that the page's comment headings quote (see COMMENTS_HEADER)."""
    menu_items: frozenset[str]
    """The page's lines of up to MENU_ITEM_MAX_WORDS words that read as no prose: what a menu's items are."""


def page_facts(lines: Sequence[Line]) -> PageFacts:
    """The page's facts for its titles (see `PageFacts`)."""
    return PageFacts(
        named=frozenset(
            normalise_key(found["title"]) for line in lines if (found := COMMENTS_HEADER.fullmatch(line.text))
        ),
        menu_items=frozenset(line.key for line in lines if line.words <= MENU_ITEM_MAX_WORDS and not line.prose),
    )


class TitleContext:
    """What every title candidate of one block is compared with, computed once per block."""

    def __init__(self, lines: Sequence[Line], block: Block, floor: int, page: PageFacts | None = None) -> None:
        self.lines = lines
        self.block = block
        self.page = page_facts(lines) if page is None else page
        # The lines a title is looked for in: `first` to `last`, inclusive.
        self.first = max(floor, block.first - TITLE_WINDOW)
        self.last = min(block.last, block.first + TITLE_INSIDE)
        self._openings: dict[int, frozenset[str]] = {}
        self._kicker_uses: dict[str, Counter[str]] = {}
        # Running totals of prose words from the block's first line, so each candidate's count is one lookup.
        self._prose_words = list(
            itertools.accumulate(
                (line.words if line.prose else 0 for line in lines[block.first : block.last + 1]), initial=0
            )
        )

    @cached_property
    def _next_metadata(self) -> list[int]:
        """For each line of the window, the first metadata line at or below it (`last + 1` if none)."""
        found = [self.last + 1] * (self.last - self.first + 2)
        for index in range(self.last, self.first - 1, -1):
            found[index - self.first] = index if self.lines[index].metadata else found[index - self.first + 1]
        return found

    def next_metadata(self, index: int) -> int:
        """The first metadata line at or below line `index` of the window (`last + 1` if none): whether a date or
        byline stands between a candidate and its prose is one lookup rather than a scan of the lines between."""
        return self._next_metadata[index - self.first]

    def runs_items_together(self, words: Sequence[str]) -> bool:
        """Whether a line of the lowercased `words` is MENU_ROW_ITEMS or more of the page's menu items
        (`PageFacts.menu_items`) run together, with at most one word left over (see MENU_ROW_ITEMS)."""
        if len(words) < MENU_ROW_ITEMS:
            return False
        # best[end]: the most words of words[:end] that items cover, and in how many items (the more words first).
        best = [(0, 0)] * (len(words) + 1)
        for end in range(1, len(words) + 1):
            best[end] = best[end - 1]
            for start in range(max(end - MENU_ITEM_MAX_WORDS, 0), end):
                if end - start < len(words) and " ".join(words[start:end]) in self.page.menu_items:
                    covered, items = best[start]
                    best[end] = max(best[end], (covered + end - start, items + 1))
        covered, items = best[-1]
        return items >= MENU_ROW_ITEMS and covered >= len(words) - 1

    def opens_with_kicker(self, index: int) -> bool:
        """Whether line `index` opens with a menu item (`PageFacts.menu_items`) of KICKER_MIN_WORDS words or more and
        a capital, as KICKER_LINES or more other lines outside the block do: a section's name run together with a
        headline ("Student Achievement When ICE Arrests Rise, ..."), as a site prints it before each of its stories'
        headlines."""
        key = self.lines[index].key
        for opening in self.menu_item_openings(index, 0, KICKER_MIN_WORDS):
            uses = self.kicker_uses(opening)
            if uses.total() - uses[key] >= KICKER_LINES:
                return True
        return False

    def opens_with_crumbs(self, index: int) -> bool:
        """Whether line `index` is a breadcrumb run together: the home page's crumb (BREADCRUMB_ROOTS), a menu item
        (`PageFacts.menu_items`) and a capital ("Home Stuff We Love Expert Product Reviews & Buying Guides" over the
        headline, WCXB 0199). A breadcrumb is printed once, so unlike a kicker (`opens_with_kicker`) no other line
        need open with the same item; a headline that opens with "Home" goes on with a word of its own ("Home
        Office Ideas"), not with one of the site's sections."""
        if self.lines[index].key.split(" ", 1)[0] not in BREADCRUMB_ROOTS:
            return False
        return any(self.menu_item_openings(index, 1, 1))

    def menu_item_openings(self, index: int, skip: int, min_words: int) -> Iterator[str]:
        """The menu items (`PageFacts.menu_items`) of `min_words` words or more that line `index` goes on with after
        its first `skip` words, each followed by a word with a capital, shortest first: what a kicker or a breadcrumb
        run together with a line opens with."""
        line = self.lines[index]
        key_words = line.key.split(" ", skip + MENU_ITEM_MAX_WORDS)
        # The key's words are the text's, but for the bullet the key leaves out.
        text_words = without_bullet(line.text).split(None, skip + MENU_ITEM_MAX_WORDS)
        for end in range(skip + min_words, min(len(key_words), len(text_words))):
            opening = " ".join(key_words[skip:end])
            if text_words[end][:1].isupper() and opening in self.page.menu_items:
                yield opening

    def kicker_uses(self, opening: str) -> Counter[str]:
        """The lines outside the block that open with `opening` and then a capital, counted by key: where the
        block's own headings open with it, it is the article's subject ("Digital Marketing Service Charges")."""
        if opening not in self._kicker_uses:
            count = opening.count(" ") + 1
            block = self.block
            self._kicker_uses[opening] = Counter(
                line.key
                for number, line in enumerate(self.lines)
                if not block.first <= number <= block.last
                and line.key.startswith(opening + " ")
                and without_bullet(line.text).split(None, count)[count][:1].isupper()
            )
        return self._kicker_uses[opening]

    @cached_property
    def story(self) -> set[str]:
        """Content words of the block's prose: the costliest thing to measure, so measured only when needed."""
        prose = " ".join(line.key for line in self.lines[self.block.first : self.block.last + 1] if line.prose)
        # Bounded, so that a page holding a book costs no more than a long article.
        return content_words(prose[:STORY_CHARS])

    @cached_property
    def path_parts(self) -> set[str]:
        """The parts of the breadcrumbs and site-suffixed titles among the lines where the title is looked for."""
        parts: set[str] = set()
        for line in self.lines[self.first : self.last + 1]:
            found = path_parts(line)
            if len(found) > 1:
                parts.update(found)
        return parts

    @cached_property
    def body_printings(self) -> dict[str, int]:
        """For each line printed more than once on the page, the last line of the block where a printing of it
        starts (a line printed twice in a row is one printing)."""
        found: dict[str, int] = {}
        for index in range(max(self.block.first, 1), self.block.last + 1):
            line = self.lines[index]
            if line.repeats > 1 and self.lines[index - 1].key != line.key:
                found[line.key] = index
        return found

    def printed_in_body(self, index: int) -> bool:
        """Whether line `index` is printed again inside the block, apart from it (below it, not right below)."""
        if not 0 <= index < len(self.lines) or self.lines[index].repeats < 2:
            return False
        return self.body_printings.get(self.lines[index].key, -1) >= index + 2

    def headline_above(self, index: int) -> bool:
        """Whether the nearest line above line `index` that is not a printing of it could be a headline:
        title-like, three words or more, and at least half its content words in the story (a kicker or a menu
        item above a headline names little of its story)."""
        above = line_above(self.lines, index)
        if above is None:
            return False
        line = self.lines[above]
        if not line.title_like or line.words < 3 or _GLUED_WORDS.search(line.text):
            return False
        words = opening_words(line)
        return bool(words) and 2 * len(words & self.story) >= len(words)

    def crumbs(self, index: int) -> tuple[bool, bool]:
        """Whether a longer line nearby ends with line `index` (`TitleClues.last_crumb`), and whether line
        `index` ends with another title-like line nearby (`TitleClues.glued_path`)."""
        key = self.lines[index].key
        size = len(key)
        last_crumb = glued_path = False
        for other in self.lines[max(index - NEARBY_LINES, 0) : index + NEARBY_LINES + 1]:
            # Lengths first: most lines nearby are neither, and comparing lengths is cheaper than their ends.
            other_size = len(other.key)
            if other_size > size:
                # A byline that ends with the line ("By Elaine Chen") makes it the author's name, not a last crumb.
                last_crumb = last_crumb or (
                    other.key.endswith(key) and not other.metadata and _crumbs_before(other.key, key)
                )
            elif other_size < size and other.title_like and other.words >= 3:
                glued_path = glued_path or (key.endswith(other.key) and _crumbs_before(key, other.key))
        return last_crumb, glued_path

    def with_story_clues(self, index: int, clues: TitleClues) -> TitleClues:
        """The clues with the `STORY_CLUES` of line `index` measured."""
        opening = opening_words(self.lines[index])
        return replace(
            clues,
            coverage=len(opening & self.story) / len(opening) if opening else 0.0,
            under_headline=self.headline_above(index),
        )

    def opening(self, start: int) -> frozenset[str]:
        """Content words of the (first OPENING_CHARS characters of the) four lines from `start`."""
        if start not in self._openings:
            # Line by line, from the cache: the openings of neighbouring candidates share three lines of four.
            following = self.lines[start : start + 4]
            self._openings[start] = frozenset().union(*map(opening_words, following))
        return self._openings[start]

    def prose_words_before(self, index: int) -> int:
        """Prose words in the block above line `index`."""
        return self._prose_words[min(max(index - self.block.first, 0), len(self._prose_words) - 1)]


def _crumbs_before(key: str, end: str) -> bool:
    """Whether what line `key` holds before its `end` is a crumb or more, not a function word or two: "the" before
    "leading generative ai companies" is the headline's own article, where a button prints the headline without it
    (lynx's WCXB 0347), not a breadcrumb run together with it."""
    return any(word not in STOP_WORDS for word in key[: len(key) - len(end)].split())


WORDY = 18
"""Headlines rarely run longer; standfirsts without a closing full stop do."""
DISTANCE_SCALE = 20
WORDS_SCALE = 10
"""Distance and word counts are scaled to [0, 1] at these values and capped there: beyond, they tell no more. Ten
words rather than fifteen: a headline of ten words is no less a headline than one of fifteen, while a scale to
fifteen let standfirsts and long teasers outscore the shorter headline above them (on dev, scales from 8 to 12
did alike, and the best candidate was the title on six more pages at 10 than at 15)."""


def clue_values(clues: TitleClues) -> tuple[float, ...]:
    """The clues as numbers of about [0, 1], in the order of TITLE_WEIGHTS."""
    return (
        clues.overlap,
        clues.coverage,
        float(clues.metadata),
        min(clues.distance, DISTANCE_SCALE) / DISTANCE_SCALE,
        clues.skipped,
        float(clues.long),
        float(clues.printed_twice),
        float(clues.inside),
        float(clues.metadata_next),
        min(clues.words, WORDS_SCALE) / WORDS_SCALE,
        float(clues.topmost),
        float(clues.shouting),
        float(clues.path),
        float(clues.in_path),
        float(clues.prose),
        float(clues.wordy),
        float(clues.under_headline),
        float(clues.last_crumb),
        float(clues.glued_path),
        float(clues.contents_entry),
        float(clues.menu_row),
        clues.title_case,
        clues.function_words,
        float(clues.credit),
        float(clues.restates_above),
        float(clues.heading),
        float(clues.list_opener),
    )


_WEIGHT_VALUES = tuple(TITLE_WEIGHTS.values())


def title_score(clues: TitleClues) -> float:
    """Weigh the clues (see TITLE_WEIGHTS)."""
    return sum(map(operator.mul, _WEIGHT_VALUES, clue_values(clues)))


def title_candidates(context: TitleContext) -> list[tuple[int, TitleClues]]:
    """Title-like lines (and one-word headlines, `is_one_word_headline`) from TITLE_WINDOW lines above the block
    (not above the floor) to TITLE_INSIDE lines into it, with their clues but for `STORY_CLUES` (see `find_title`).

    The title may sit inside the block: a teaser, a notice or a standfirst above it can read as prose and open
    the block, and a headline can itself be a sentence.
    """
    lines, block = context.lines, context.block
    candidates = []
    prose_after = context.last
    for index in range(prose_after, context.first - 1, -1):
        line = lines[index]
        if line.prose and not line.title_like:
            prose_after = index
        elif prose_after > index and (
            _passes_as_title(lines, index, prose_after)
            if line.title_like
            else line.words == 1 and is_one_word_headline(lines, index, context.opening(prose_after))
        ):
            candidates.append((index, title_clues(lines, block, index, prose_after, context)))
    if candidates:
        # Found from the bottom up: the last one found is the highest.
        index, clues = candidates[-1]
        candidates[-1] = (index, replace(clues, topmost=True))
    return candidates


def _passes_as_title(lines: Sequence[Line], index: int, prose_after: int) -> bool:
    """Whether title-like line `index` is none of the lines that look like headlines and never are one."""
    text = lines[index].text
    return (
        # A name under a bare "By" line is an author, however title-like it looks, and so is its second printing
        # (sites print the author's name twice, for the byline and for a hover card).
        not ((above := line_above(lines, index)) is not None and _BARE_BYLINE.match(lines[above].text))
        and not names_byline_below(lines, index)
        and not is_first_of_two(lines, index, prose_after)
        and not is_fact_box(text)
        and not _TAXONOMY.match(text)
        and not is_glued_pair(text)
        and not is_call_to_action(text)
        and not POSTAL_ADDRESS.search(text)
        and not REPLY_SUBJECT.match(text)
        and not (text[-4:].casefold() == "logo" and LOGO_NAME.match(text))
        and not GOVERNMENT_BANNER.match(text)
        and not _SKIP_LINK.match(text)
    )


def names_byline_below(lines: Sequence[Line], index: int) -> bool:
    """Whether line `index` is the name the byline right below it opens with ("Genaveve Bradshaw" over "By Genaveve
    Bradshaw ⋅ Senior Review Analyst"): the alt text of the author's picture, which a text browser prints where the
    picture stands, not a headline."""
    if index + 1 >= len(lines) or not lines[index + 1].metadata:
        return False
    below = lines[index + 1].text
    label = BYLINE.match(below)
    return label is not None and below[label.end() :].startswith(lines[index].text)


def is_one_word_headline(lines: Sequence[Line], index: int, opening: frozenset[str]) -> bool:
    """Whether line `index`, a single word, is a headline: over its byline or date (`metadata_below`), its word
    among the content words of the story's opening lines (`opening`: "001" over "Ben", "2 days ago", then "001 is a
    project I've been working on": WCXB 0491, whose article was lost for want of a title), printed only there and
    no line of the site's shell: a section's name printed again ("Nutrition" over the date, its menu's and its
    footer's heading) sits over the headline. A word alone is otherwise no title candidate: menu items ("Jobs",
    "Contact", "Loans"), offered as candidates, beat four pages' headlines for one headline won."""
    line = lines[index]
    word = opening_words(line)
    return (
        line.repeats == 1
        and not line.common
        and not line.metadata
        and line.text[-1:].isalnum()
        and bool(word)
        and word <= opening
        and metadata_below(lines, index)
    )


_SUFFIX_SEPARATOR = re.compile(r"\s[|–—-]\s")
"""What separates a title from the site name printed after it ("Title | Site", "Title - Site")."""
TITLE_LABEL = re.compile(r"^title:\s*", re.IGNORECASE)
"""A label before the title, as arXiv's pages print it ("Title:AlignMerge - …"): no word of the title."""
LINK_SOURCE = re.compile(r"\s*\((?:[a-z0-9-]+\.)+[a-z]{2,}\)(?:\s+\d+)?$")
"""The domain an aggregator prints after a link's title, and the count of its comments or points after that
("Title (example.com) 87"); in lower case, as aggregators print it, unlike a name ending a title ("(Node.js)")."""
SITE_MAX_WORDS = 3
"""A site name printed after a title is a few capitalised words, without function words."""
TITLED_MIN_WORDS = 3
"""What is left of a title without its suffix must still read as a title."""


def without_site_suffix(lines: Sequence[Line], index: int) -> str:
    """The text of title line `index` without the site name printed after it ("Title | Site"), or the domain an
    aggregator prints after it ("Title (example.com) 87"), and without a label before it (TITLE_LABEL).

    The suffix is a site name when it is a few capitalised words without function words ("Bridgestone Tires")
    that the page prints elsewhere too (its logo, its footer): a subtitle after a dash ("- How Small Languages
    Die") has function words, and the rest of a title ("Title - Part Two") is not printed again on its own.
    """
    line = lines[index]
    if TITLE_LABEL.match(line.text):
        line = replace(line, text=TITLE_LABEL.sub("", line.text))
    source = LINK_SOURCE.search(line.text)
    if source and len(line.text[: source.start()].split()) >= TITLED_MIN_WORDS:
        return line.text[: source.start()]
    separators = list(_SUFFIX_SEPARATOR.finditer(line.text))
    if not separators:
        return line.text
    separator = separators[-1]
    head, suffix = line.text[: separator.start()].rstrip(), line.text[separator.end() :].strip()
    if len(head.split()) < TITLED_MIN_WORDS or not suffix:
        return line.text
    words = suffix.split()
    key = suffix.casefold()
    if (
        len(words) <= SITE_MAX_WORDS
        and all(word[0].isupper() or word[0].isdigit() for word in words)
        and not any(word.casefold() in STOP_WORDS for word in words)
        and any(key in other.key for other in lines if other.key != line.key)
    ):
        return head
    return line.text


_DATE_SEPARATOR = re.compile(r"\s[|/·•–—-]\s*")
"""What separates a title from the date a listing prints after it ("Title - 20 November 2025", "Title  / Dec 2025")."""
_MONTH_AND_YEAR = re.compile(rf"{MONTH}\s+\d{{4}}")
_MONTH_NEAR = re.compile(rf"\b{MONTH}(?:\s+\S+){{0,2}}$")
_WHOLE_DATE = re.compile(r"\d{1,2}(?:st|nd|rd|th)?\b.*\d{4}|\d{4}-\d{2}-\d{2}")


def is_whole_date(date: str) -> bool:
    """Whether a date printed after a title names its day and its year: a date set after the title with a space
    only must ("Performance Update January 2026" is a title), and only such a date is the article's before one
    printed below its body (a listing's "/ Dec 2025" is not, over a footer's "15th Dec 2025")."""
    return _WHOLE_DATE.search(date) is not None


def without_date_suffix(title: str) -> tuple[str, str | None]:
    """A title without the date printed after it, and that date: a blog's listing prints its posts' titles so
    ("Wine styles to pair with your Thanksgiving dinner - 20 November 2025", "AoAH Day 15: … / Dec 2025").

    A month and a year alone are a date only after a bar, a slash or a dot: after a dash they are the title's
    own ("Performance Update – January 2026"). After a space only, the date must be whole (`is_whole_date`), and
    the title before it a title (`is_titled_date`): w3m sets a headline and its date floated right so ("Backup
    Strategy January 22nd, 2019"). A title whose rest ends in a month ("… 23 May – 28 September
    2025") prints a range of dates, which is its own too.
    """
    separators = list(_DATE_SEPARATOR.finditer(title))
    if not separators:
        # A date set after the title with a space only ("Backup Strategy January 22nd, 2019"): a whole date.
        date = published_text(title)
        if date is not None and is_titled_date(title, date, names_someone=False) and is_whole_date(date):
            return title[: -len(date)].rstrip(), date
        return title, None
    separator = separators[-1]
    head, date = title[: separator.start()].rstrip(), title[separator.end() :].strip()
    is_date = published_text(date) == date or (
        separator.group().strip() in "|/·•" and _MONTH_AND_YEAR.fullmatch(date) is not None
    )
    if not is_date or len(head.split()) < TITLED_MIN_WORDS or _MONTH_NEAR.search(head):
        return title, None
    return head, date


STORY_CLUES = ("coverage", "under_headline")
"""The clues that need the words of the whole block (`TitleContext.story`), the costliest to measure: measured
only for the candidates they can decide between (see `find_title`)."""
_STORY_WEIGHTS = [TITLE_WEIGHTS[name] for name in STORY_CLUES]
_STORY_REACH = (sum(max(weight, 0.0) for weight in _STORY_WEIGHTS), sum(min(weight, 0.0) for weight in _STORY_WEIGHTS))
"""The most the story clues can add to a score and take off it (each clue is between 0 and 1)."""
STORY_MARGIN = 1e-9
"""Slack for rounding when deciding that a candidate cannot win whatever its story clues."""


def line_above(lines: Sequence[Line], index: int) -> int | None:
    """The index of the nearest line above line `index` that is not a printing of it (None at the top), in the
    same typography or another: a breadcrumb's last crumb prints the headline without its colon ("Puppy Behavior
    And Training Training Basics" over "Puppy Behavior and Training: Training Basics")."""
    key = lines[index].key
    above = index - 1
    while above >= 0 and _same_words(lines[above].key, key):
        above -= 1
    return above if above >= 0 else None


RESPELLED_MAX_CHARS = 8
"""How much longer or shorter than a line its printing in other typography may be: a few marks ("Title: Part" for
"Title Part", curly quotes for none). Lines further apart are not split into words to be compared: the line above a
title is often a whole paragraph."""
_NOT_A_WORD = re.compile(r"\W+")


def _same_words(key: str, other: str) -> bool:
    """Whether two lines' keys hold the same words, their punctuation aside."""
    if key == other:
        return True
    if abs(len(key) - len(other)) > RESPELLED_MAX_CHARS:
        return False
    return _NOT_A_WORD.sub(" ", key).strip() == _NOT_A_WORD.sub(" ", other).strip()


def is_first_of_two(lines: Sequence[Line], index: int, prose_after: int) -> bool:
    """Whether line `index` is the first of exactly two printings of a line that is not prose, both candidates.

    Its second printing then has the same clues, wins the tie, and leads to the same article: scoring only the
    second halves the cost of a page whose every title is printed twice, as an aggregator's are.
    """
    line = lines[index]
    return (
        index + 1 < prose_after
        and lines[index + 1].text == line.text
        and not line.prose
        and (index + 2 >= len(lines) or lines[index + 2].key != line.key)
        and (index == 0 or lines[index - 1].key != line.key)
    )


def find_title(lines: Sequence[Line], block: Block, floor: int, page: PageFacts | None = None) -> int | None:
    """The index of the block's title (not above `floor`), or None when no line scores as one; `page` is the
    page's `page_facts`, read once for all its blocks.

    A candidate that a comments heading quotes (`PageFacts.named`) is the title: the page says so, where the
    clues only guess; the highest scoring of them when there are several (a headline printed twice).

    The `STORY_CLUES` need the words of the whole block, the costliest to measure, and move a score by at most
    their weights: they are measured only for the candidates that can still win with them, and not at all when
    one candidate wins whatever they are. The choice is the same as when measuring them for every candidate.
    """
    context = TitleContext(lines, block, floor, page)
    candidates = [(title_score(clues), index, clues) for index, clues in title_candidates(context)]
    if not candidates:
        return None
    named = context.page.named
    if named and (quoted := [(score, index) for score, index, _ in candidates if lines[index].key in named]):
        return max(quoted)[1]
    gain, loss = _STORY_REACH
    # The leader scores at least `floor_score` whatever its story clues; a candidate that cannot reach it is out.
    floor_score = max(score for score, _, _ in candidates) + loss
    contenders = [(index, clues) for score, index, clues in candidates if score + gain + STORY_MARGIN >= floor_score]
    if len(contenders) == 1 and floor_score >= TITLE_MIN_SCORE:
        return contenders[0][0]
    score, index, clues = max(
        (title_score(context.with_story_clues(index, clues)), index, clues) for index, clues in contenders
    )
    if score >= _minimum_score(clues):
        return index
    # The leader falls short of its floor; a dated candidate below it may still clear its own, lower one.
    dated = [
        (title_score(context.with_story_clues(index, clues)), index) for _, index, clues in candidates if _dated(clues)
    ]
    passing = [(dated_score, index) for dated_score, index in dated if dated_score >= DATED_TITLE_MIN_SCORE]
    return max(passing)[1] if passing else None


def _dated(clues: TitleClues) -> bool:
    """Its date or byline stands right below it and before the prose (see `DATED_TITLE_MIN_SCORE`)."""
    return clues.metadata and clues.metadata_next


def _minimum_score(clues: TitleClues) -> float:
    """The score a candidate needs to be a title (see `DATED_TITLE_MIN_SCORE`)."""
    return DATED_TITLE_MIN_SCORE if _dated(clues) else TITLE_MIN_SCORE
