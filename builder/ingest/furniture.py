"""The page's furniture among an article's paragraphs, whatever the format it came in: what opens the article
(a table of contents' label, a breadcrumb, a section's name), what ends it (a widget's heading, a call to action, a
date alone) and what stands between its paragraphs (a separator, a shortcode, a button's label). Each is told by
its shape and a few words every site uses for it, never by one site's phrases, and a run too long to be furniture
(the outline of sections a capture lost) stays.
"""

from __future__ import annotations

import re

from builder.ingest.cleanup import reserves_rights, split_dateline
from builder.ingest.pagetext_lines import CONTENTS_LABEL, is_metadata
from builder.ingest.pagetext_titles import LINK_LABEL, SKIP_LINK, is_call_to_action
from builder.records import Dateline, ParagraphKind

TRAILING_FURNITURE_MAX = 5
"""The most paragraphs that end an article and go as the page's furniture (see `without_trailing_furniture`)."""
FURNITURE_MAX_WORDS = 6
FURNITURE_MAX_CHARS = 120
"""Furniture is short: a longer paragraph is settled by its length before its words are counted."""


def without_trailing_furniture(
    paragraphs: list[tuple[str, ParagraphKind]], language: str
) -> list[tuple[str, ParagraphKind]]:
    """The paragraphs without the page's furniture that ends them:
    - headings: a heading heads what follows it, and one that ends the article heads nothing of it, a widget's
      label ("Stay in the loop", "About the Authors", a sign-up's "Email address");
    - a short call to action ("Sign up", "Back to top", "See all products", "Let's Get Started", `is_call_to_action`),
      a date or byline alone ("July 18, 2024"), or a bare number (a counter's "38");
    - the last section when its heading is a call to action ("Share your story", "Take the next step", "Get our
      newsletter", `is_call_to_action`) over a few paragraphs: the page's promotion below the story, a blurb
      under its button's words.
    A longer run is kept: it is the outline of sections whose text the capture lost (a page printing 64 section
    headings after its article), which a reader would want back."""
    end = len(paragraphs)
    while end > 0 and (
        paragraphs[end - 1][1] is ParagraphKind.heading or _is_furniture(paragraphs[end - 1][0], language)
    ):
        end -= 1
    if end == 0 or len(paragraphs) - end > TRAILING_FURNITURE_MAX:
        return paragraphs
    last_section = range(end - 1, max(-1, end - 1 - TRAILING_FURNITURE_MAX), -1)
    heading = next((index for index in last_section if paragraphs[index][1] is ParagraphKind.heading), None)
    if heading is not None and is_call_to_action(paragraphs[heading][0]) and _has_body(paragraphs[:heading]):
        end = heading
    return paragraphs[:end]


LEADING_LABEL_MAX_WORDS = 3
LEADING_LABEL_MAX_CHARS = 30
"""A label opening an article is at most three words and 30 characters: a paragraph of a language written without
spaces is one "word" however long."""
_SENTENCE_END = (".", "!", "?", "…", '"', "”", "’", "'", ")", "。", "！", "？", "」", "』")


def without_leading_furniture(
    paragraphs: list[tuple[str, ParagraphKind]], language: str
) -> list[tuple[str, ParagraphKind]]:
    """The paragraphs without the page's furniture that opens them, up to TRAILING_FURNITURE_MAX paragraphs: a
    table of contents' label ("Table of Contents", "In this article"), a breadcrumb's ("You are here:") or a skip
    link; a body paragraph of at most LEADING_LABEL_MAX_WORDS words that ends no sentence (a section's name,
    "Home", "News", a language switch's "English", an author's name, "Locations:"); and what ends an article
    as furniture (`_is_furniture`). Not a dateline printed on its own ("WASHINGTON (Reuters) -"), nor a
    subheading: an article may open on one ("Key Takeaways", "Introduction")."""
    start = 0
    while start < min(len(paragraphs), TRAILING_FURNITURE_MAX) and _opens_as_furniture(paragraphs, start, language):
        start += 1
    if start == 0 or not _has_body(paragraphs[start:]):
        return paragraphs
    return paragraphs[start:]


def lone_dateline(paragraphs: list[tuple[str, ParagraphKind]], index: int) -> Dateline | None:
    """The dateline that paragraph `index` is on its own ("LONDON (Reuters) -"), read as opening the next one."""
    if index + 1 >= len(paragraphs):
        return None
    dateline, rest = split_dateline(f"{paragraphs[index][0]} {paragraphs[index + 1][0]}")
    return dateline if rest == paragraphs[index + 1][0] else None


def _opens_as_furniture(paragraphs: list[tuple[str, ParagraphKind]], index: int, language: str) -> bool:
    text, kind = paragraphs[index]
    if _too_long(text):
        return False
    if CONTENTS_LABEL.match(text):
        return True
    if kind is ParagraphKind.heading:
        return False
    short = (
        len(text) <= LEADING_LABEL_MAX_CHARS
        and len(text.split()) <= LEADING_LABEL_MAX_WORDS
        and not text.endswith(_SENTENCE_END)
    )
    if not (short or _is_furniture(text, language)):
        return False
    return split_dateline(text)[0] is None and lone_dateline(paragraphs, index) is None


_SHORTCODE = re.compile(r"""^\[/?[A-Za-z][\w-]*(?:\s+[\w-]+=(?:"[^"]*"|'[^']*'|[^\s\]]+))*\s*/?\]$""")
"""A CMS's shortcode left unrendered ("[cta_module]", "[CTA_MODULE]", '[caption id="attachment_7"]',
"[/caption]"), or a media placeholder ("[Video]"); not a bracketed sentence ("[Updated: the council voted.]")."""


_RELATED_LABELS = (
    r"related(?: articles?| stor(?:y|ies)| reading| posts?)?(?: (?:on|from) [\w.'’&-]+(?: [\w.'’&-]+){0,2})?"
    r"|see also|also read|read also|more on this(?: topic)?"
    r"|recommended(?: reading)?|you may also like|don['’]t miss|further reading|from (?:our|the) archives?"
    r"|more (?:by|from) (?-i:[A-Z])[\w.'’-]*(?: (?-i:[A-Z])[\w.'’-]*){0,3}"
    # A site's own invitations to read on: "Read More Articles", "The Latest From the Blog", "You may be interested
    # in the following topics as well:", "If you liked this post you might also like:".
    r"|read more (?:articles|posts|stories)|(?:the )?latest from (?:the|our) blog"
    r"|you (?:may|might) (?:also )?be interested in(?: the following(?: [\w-]+)?)?(?: as well)?"
    r"|if you (?:liked|enjoyed) this (?:post|article|story),? you (?:may|might|will) also (?:like|enjoy)"
)
RELATED_LINK = re.compile(rf"^(?:[\[(]|[»›>]{{1,2}})?\s*(?:read more|{_RELATED_LABELS})\s*[:»›>|–—-]", re.IGNORECASE)
"""A link to another article set between paragraphs ("Read more: …", "Related: …", "See also: …", "Also read:
…"), behind an arrow or two or not ("» Related: …", ">> See Also: …"): another story's headline, which annotators
would read as this one's text."""
RELATED_LINK_MAX_CHARS = 200
RELATED_LABEL = re.compile(rf"^[\[(]?\s*(?:{_RELATED_LABELS})\s*[\])]?\W*$", re.IGNORECASE)
"""The label of links to other articles set as a paragraph of its own ("Related Story", "Related articles",
"Further reading", "From Our Archives", the author's or the section's "More by Rowan Jacobsen", "More from Subscriber
Area": capitalised words only, as "More from the council's budget ..." opens a sentence), the headlines it labels
on the paragraphs below. A bare "Read more" is left out: below a
button to read on, the story goes on."""


def _is_headline(text: str) -> bool:
    """Whether the paragraph reads as a headline: short, and not a sentence a full stop ends (a question may be
    one), as a story's paragraph is however short ("Fares stay as they are.")."""
    return len(text) <= RELATED_LINK_MAX_CHARS and not text.rstrip("\"”’')").endswith(".")


def without_related_links(paragraphs: list[tuple[str, ParagraphKind]]) -> list[tuple[str, ParagraphKind]]:
    """The paragraphs without a label of links to other articles (`RELATED_LABEL`) and the headlines right below
    it (`_is_headline`), up to the first other paragraph or a heading: another story's words, which annotators
    would read as this one's ("Related Story" over "STAT Plus: Is the White House's deal with pharma on GLP-1 drugs
    a game changer?", in the middle of a STAT article). A teaser's sentences below its headline stay, as the
    story's next paragraph would."""
    kept: list[tuple[str, ParagraphKind]] = []
    linking = False
    for text, kind in paragraphs:
        if kind is not ParagraphKind.code and len(text) <= RELATED_LINK_MAX_CHARS and RELATED_LABEL.match(text):
            linking = True
            continue
        linking = linking and kind is ParagraphKind.body and _is_headline(text)
        if not linking:
            kept.append((text, kind))
    return kept


_WIDGET_MESSAGE = re.compile(
    r"^(?:thank you!? your submission has been received!?|oops!? something went wrong while submitting the form\.?)$"
    r"|^\W*click here\b"
    r"|^step \d+ of \d+$|^\*?\s*indicates (?:a )?required field|^required fields are marked|^\*?\s*required\s*\*?$"
    r"|^.{0,80}press enter to open the dropdown menu|^loading\s*(?:\.\.\.|…)|^\(?opens in a new (?:window|tab)\)?\.?$"
    # A form's note on the reader's data, and the link to the policy: "Your information will be processed according
    # to our Privacy Policy.", "We respect your privacy. This site is protected by reCAPTCHA ...", "Read our Privacy
    # Policy".
    r"|^your (?:personal )?(?:information|data|details) will be (?:processed|used|handled|stored)\b"
    r"|^.{0,80}\bprotected by recaptcha\b"
    r"|^(?:please )?(?:read|see|review|view) our (?:privacy|cookie) (?:policy|notice)\W*$"
    # Links a page sets around its article: a skip link for screen readers, the previous and next posts, a share
    # row ("Skip to bottom of list", "Next Post  Slip and Fall Liability Explained", "Share on X (Twitter) Share on
    # Facebook").
    rf"|^{SKIP_LINK}"
    r"|^\W*(?:previous|prev|next) (?:post|article|story)\b(?:\W*$|\s*[:»›>|–—-]|\s{2}|\s+(?-i:[A-Z]))"
    r"|^share (?:on|via) (?:x|twitter|facebook|linkedin|pinterest|e-?mail|whatsapp|reddit|threads|bluesky)\b",
    re.IGNORECASE,
)
"""A form's own messages, as a site builder prints them under every form ("Thank you! Your submission has been
received!", "Oops! Something went wrong while submitting the form."), its steps and marks ("Step 1 of 2", "*
Indicates a required field"), the words a screen reader is given ("Select a program Press enter to open the
dropdown menu.", "(opens in a new tab)"), a widget still loading ("Loading... Sign Me Up"), and a line that opens
asking to click, set as a heading or not ("Click here to read the ePaper"; "… You can click here to see it." is the
story's). On the WCXB page dumps 53 lines are such form and widget strings, none of them in the truth's text. Added
later, on the same terms: a form's note on the reader's data, a skip link, the previous and next posts' links and a
share row, whose like the truth lists as boilerplate on 91 pages and keeps in its text on none (one sentence
opens "Skip to Chunk 4", which the skip link's words leave alone)."""


_CONSENT = re.compile(
    r"^by (?:signing up|subscribing|submitting|clicking|registering|entering|continuing|providing|checking|using"
    r"|accessing|visiting|posting|commenting)\b"
    r".{0,300}?\byou(?:'re| are)? (?:agree|consent|confirm|acknowledge|accept|authori[sz]e)"
    # A cookie banner asks the same: "We use cookies to provide you with the best possible experience. By continuing
    # to use this site, you agree to our use of cookies."
    r"|^(?:we|this (?:site|website)) uses? cookies\b",
    re.IGNORECASE,
)
"""A form's consent ("By signing up, you agree to receive ...", "By submitting this form, you authorize ..."): a
sign-up box or a form set inside the article. On the WCXB page dumps 48 lines open so, none of them in the truth's
text. Also a site's or a comment form's terms ("By using Conductor, you agree to our Terms of Service", "By posting
a comment, you consent to ..."), added later with the form's note on the reader's data (`_WIDGET_MESSAGE`): six
pages' lines over the five kinds of dump, none in the truth's text; and a cookie banner (the truth's boilerplate
lists six pages' banners, its text none)."""
CONSENT_MAX_CHARS = 800
_FORM_PROMPT = re.compile(r"^(?:please )?(?:fill (?:out|in)|complete|use) the (?:short )?form below\b", re.IGNORECASE)
"""A form's prompt ("Please fill out the form below, and one of our producers will follow up within 48 hours."):
the form itself is no text, and its prompt is the page's, not the story's. The truth's text on the WCXB pages holds
no paragraph that opens so; three pages' dumps do (0031, 0110 twice)."""


def is_stray(text: str, kind: ParagraphKind) -> bool:
    """Whether a paragraph anywhere in the article is the page's, not the story's:
    - a separator with no letter or digit ("----------", "* * *"), or an unrendered shortcode;
    - a link to another article (`RELATED_LINK`; a label of links alone is left for `without_related_links`), a
      form's own message or a line that opens "Click here";
    - a form's consent ("By signing up, you agree ...", `_CONSENT`) or prompt ("Please fill out the form below",
      `_FORM_PROMPT`), the site's copyright notice (`reserves_rights`);
    - a table of contents' label, or a button's or link's whole label set as a heading or not ("+ More Info",
      "Get a Quote", `LINK_LABEL`);
    - a short call to action between paragraphs ("Sign up", `is_call_to_action`); as a heading it stays ("Get
      the Look" heads a section)."""
    # Most paragraphs open on a letter, which settles the first two tests.
    if not (text[0].isalnum() or any(character.isalnum() for character in text)):
        return True
    if text[0] == "[" and _SHORTCODE.match(text):
        return True
    if len(text) <= RELATED_LINK_MAX_CHARS and (
        # A label alone, however it ends ("If you liked this post you might also like:"), is left for
        # `without_related_links` to take off with the headlines below it.
        (RELATED_LINK.match(text) and not RELATED_LABEL.match(text)) or _WIDGET_MESSAGE.match(text)
    ):
        return True
    if text[:1] in "BbWwTt" and len(text) <= CONSENT_MAX_CHARS and _CONSENT.match(text):
        return True
    if text[:1] in "PpFfCcUu" and len(text) <= CONSENT_MAX_CHARS and _FORM_PROMPT.match(text):
        return True
    # The words first, in either case: a regex search of every paragraph is a measurable cost.
    if ("eserved" in text or "ESERVED" in text) and reserves_rights(text):
        return True
    if _too_long(text):
        return False
    if CONTENTS_LABEL.match(text) or LINK_LABEL.match(text):
        return True
    return kind is ParagraphKind.body and is_call_to_action(text)


def _too_long(text: str) -> bool:
    """Longer than furniture is: settled by the characters before the words are counted."""
    return len(text) > FURNITURE_MAX_CHARS or len(text.split()) > FURNITURE_MAX_WORDS


def _has_body(paragraphs: list[tuple[str, ParagraphKind]]) -> bool:
    return any(kind is ParagraphKind.body for _, kind in paragraphs)


def _is_furniture(text: str, language: str) -> bool:
    """A short call to action, or a date, byline or number that stands alone: one that ends a sentence is the
    story's ("Voting ends March 3, 2025.", "会议将于7月10日举行。")."""
    if _too_long(text):
        return False
    if is_call_to_action(text):
        return True
    return not text.endswith(_SENTENCE_END) and (text.replace(",", "").isdigit() or is_metadata(text, language))
