"""Sentence spans for news text, without a trained model or downloaded data.

News prose breaks generic splitters in predictable places: titles and abbreviations ("Mr.", "Gov.", "Jan.",
"No. 5", "e.g."), initials ("Donald J. Trump", "J.K. Rowling"), acronyms that may or may not end a sentence
("U.S.", "Inc.", "p.m."), decimals and money ("$1.5 billion", "3.2%"), list numbers ("2. Plant-forward eating")
and quotes whose closing mark comes after the full stop ('...these aims.' Moscow). One compiled regex finds every
candidate end (a run of terminal punctuation, closing quote marks and brackets, then whitespace and the next
word); a few rules on the word before and the word after decide. A word after the candidate that starts in lower
case never starts a sentence ('"Are you saying that?" asked Pineda.').

A full stop inside a quote that is followed by a capitalised word is a sentence end like any other: the quote
'"We hope it's going to happen. And we're looking forward to it," he said.' gives two sentences, the second
one carrying the closing mark and the attribution. Claims and stance are judged per sentence, and a two-sentence
quote holds two claims.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from builder.records import Span

_CANDIDATE = re.compile(
    r"[.!?…\n。！？](?<![.!?…][.!?…])(?:(?<=\n)|(?<=[。！？])[。！？]*[」』”’\"）)]*"
    r"|[.!?…]*(?:[ \u00a0\u202f]»(?=\s))?(?:(?<=[^\W\d_][.!?])(?P<note>\d{1,2})|[\"'”’“‘»«)\]]*)"
    r"(?=\s+(?P<next>\S+)))"
)
"""Terminal punctuation (or an ellipsis) with any closing marks after it, then whitespace and the next word (the
closing marks of German, „...“ and »...«, and French, « ... » with its space, among them); or a full-width full
stop, question or exclamation mark with its closing marks (Chinese and Japanese put no space after them, and always
end a sentence with them); or a line break inside a paragraph (list items), which always ends a sentence. Opening
on the class of the first character (rather than on "[.!?…]+ ... |\n") lets the regex engine jump from one such
character to the next instead of trying the pattern at every position: three times faster on a document. A
footnote's number glued to the mark after a word ("on all wages.4 For earnings") is the sentence's `note`. A run of
marks is tried from its first only: tried from each, a run of thousands glued to a word ("?????word", Chinese
re-encoded with replacement) took time in its square (30,000 took 30 s)."""

_OPENERS = frozenset("\"'“‘«»„‚‹›([「『")
"""What may open a sentence before its first word: brackets and the opening quote marks of English, German
(„ and »), French («) and East Asian (「) typography."""
_TOKEN_TRIM = "\"'“”‘’«»„‚‹›([{「『"


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


_NEVER_FINAL = _words(
    "mr mrs ms messrs dr prof gov sen rep gen col lt sgt capt cmdr adm maj st mt ft rev hon pres supt insp det "
    "fr vs v approx no nos vol fig pp ed eds dept est univ e.g i.e cf al viz"
)
"""Titles and abbreviations that a sentence virtually never ends with: never split after them."""

_MAYBE_FINAL = _words(
    "inc corp co ltd llc plc bros jr sr etc jan feb mar apr jun jul aug sep sept oct nov dec a.m p.m "
    "u.s u.k u.n e.u d.c l.a n.y"
)
"""Abbreviations that do end sentences now and then ("...shipped from the U.S. The move..."): split after them
only when the next word is one that typically starts a sentence."""

_STARTERS = _words(
    "the a an he she it they we i you his her its their our this that these those there here but and so yet "
    "however meanwhile in on at for as after before when while if although though since then still also "
    "some many most several others another officials police authorities critics"
)

_LIST_NUMBER = re.compile(r"^\d{1,3}[a-z]?$|^(?:\d{1,3}\.)+\d{1,3}$")
"""A list item's number ("1.", "3a.", "3.1.") opening a sentence is part of it, not a sentence of its own."""
_INITIALS = re.compile(r"^(?:[A-Z]\.)*[A-Z]$")
"""A bare initial or run of initials before the full stop: "J" in "Donald J. Trump", "J.K" in "J.K. Rowling"."""


def split_sentences(text: str, paragraphs: Sequence[Span]) -> list[Span]:
    """Sentence spans of `text`, each inside one paragraph and trimmed of whitespace, sorted and disjoint."""
    # Dict displays rather than `Span(...)`: calling a TypedDict with keywords takes three times as long.
    spans: list[Span] = [
        {"start": start, "end": end}
        for paragraph in paragraphs
        for start, end in sentence_bounds(text, paragraph["start"], paragraph["end"])
    ]
    return spans


def sentence_bounds(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Yield trimmed `(start, end)` sentence bounds within `text[start:end]`; the quote finder reuses it."""
    sentence_start = start
    for match in _CANDIDATE.finditer(text, start, end):
        following = match.group("next")
        if following and not (
            _after_footnote(text, match.start(), sentence_start, following)
            if match.group("note")
            else _is_sentence_end(text, match.start(), match.end(), sentence_start, following)
        ):
            continue
        if bounds := _trimmed(text, sentence_start, match.end()):
            yield bounds
        sentence_start = match.end()
    if bounds := _trimmed(text, sentence_start, end):
        yield bounds


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The bounds without leading and trailing whitespace, or None if that is all there is."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def _is_sentence_end(text: str, punct_start: int, punct_end: int, sentence_start: int, following: str) -> bool:
    if not _can_start_sentence(following):
        return False
    punct = text[punct_start:punct_end].rstrip(_TOKEN_TRIM + "”’»«)]")
    if punct != ".":
        return True
    word = _previous_token(text, punct_start, sentence_start)
    if not word:
        return True
    if _LIST_NUMBER.match(word) and not text[sentence_start : punct_start - len(word)].strip():
        return False
    folded = word.casefold()
    if folded in _NEVER_FINAL:
        return folded in {"no", "nos"} and not following[0].isdigit()
    if folded in _MAYBE_FINAL:
        return following.strip(_TOKEN_TRIM).casefold() in _STARTERS or following[0] in _OPENERS
    return not _INITIALS.match(word)


def _after_footnote(text: str, punct_start: int, sentence_start: int, following: str) -> bool:
    """Whether a footnote's number glued to a terminal mark ends the sentence ("…on all wages.4 For earnings"):
    not after an abbreviation ("the No.1 seed", "No.10 Downing Street") or an initial. Only a capitalised word
    may follow, as after any sentence."""
    if not following[0].isupper():
        return False
    word = _previous_token(text, punct_start, sentence_start)
    folded = word.casefold()
    return bool(word) and folded not in _NEVER_FINAL and folded not in _MAYBE_FINAL and not _INITIALS.match(word)


def _can_start_sentence(token: str) -> bool:
    first = token[0]
    if first in _OPENERS:
        rest = token.lstrip(_TOKEN_TRIM)
        return not rest or not rest[0].islower()
    return first.isupper() or first.isdigit() or first in "$£€—–-•*"


def _previous_token(text: str, position: int, low: int) -> str:
    """The word before the full stop at `position`, without leading quote marks or brackets."""
    space = text.rfind(" ", low, position)
    # A line break counts only after that space: searched from the sentence's start, it took time in the square of
    # the sentence's length in a text without line breaks.
    start = max(space, text.rfind("\n", max(space + 1, low), position), low - 1) + 1
    return text[start:position].lstrip(_TOKEN_TRIM)
