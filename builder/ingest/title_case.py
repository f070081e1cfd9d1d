"""A title printed in capitals, put back in the case its words are written in.

A page's stylesheet may set its headline in capitals (`text-transform: uppercase`), and a browser's copy of the page
text (`innerText`) prints it so: "US NEWS MBA RANKINGS: FULL & PART TIME PROGRAMS". A record's title in capitals
reads as shouting to annotators and is a different string to a model or a deduplicator than the same headline
elsewhere. The words' own case is told, in this order, by:

1. the page itself, when it prints the same title in mixed case elsewhere (a breadcrumb, a second printing);
2. in English, headline case: each word capitalised, articles, conjunctions and short prepositions in lower case
   inside the title, and a word kept as the page writes it where that tells more than capitals do: an
   acronym ("MBA", "J.D.") or a name with a capital inside ("iPhone", "McDonald");
3. in other languages the title is left as printed: their titles' case follows rules (German nouns, French
   sentence case) that the page's words alone do not tell for every word.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

SHOUTED_MIN_WORDS = 2
"""A word alone in capitals is no headline set in capitals: "NASA", "ESPN"."""
LOWER_INSIDE_TITLES = frozenset(
    {
        "a",
        "an",
        "the",
        "and",
        "but",
        "or",
        "nor",
        "as",
        "at",
        "by",
        "for",
        "from",
        "in",
        "into",
        "of",
        "off",
        "on",
        "onto",
        "per",
        "to",
        "via",
        "with",
        "vs",
        "vs.",
        "v.",
    }
)
"""Words that headline case writes in lower case inside a title (Chicago's articles, coordinating conjunctions and
prepositions of up to four letters, and "into", "onto", "via", "vs.")."""
_ROMAN_NUMERAL = re.compile(r"C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
"""A roman numeral ("Part IV", "World War II"): of two letters or more, kept in capitals."""
_WORD = re.compile(r"[^\W\d_](?:[\w’'.&]*\w)?\.?|\d[\w’'.]*")
"""A word of a title or text, with its apostrophes and inner periods ("What’s", "J.D.", "AT&T")."""
_ENDS_PART = re.compile(r"(?:[:?!—–|]|\s-)\s*$")
"""What ends a part of a title, before a word that opens the next: a colon, a question, a dash."""


def is_shouted(title: str) -> bool:
    """Whether the title is written in capitals only: no small letter, and SHOUTED_MIN_WORDS words or more with a
    capital."""
    if any(map(str.islower, title)):
        return False
    return sum(1 for word in title.split() if any(map(str.isupper, word))) >= SHOUTED_MIN_WORDS


def in_written_case(title: str, page: Sequence[str], english: bool) -> str:
    """The title in the case its words are written in when it is printed in capitals only (`is_shouted`), else as
    it is: a line of the `page` in mixed case that holds the same words, else, in English, headline case told by
    how the page writes its words (see the module's docstring)."""
    if not is_shouted(title):
        return title
    folded = " ".join(title.split()).casefold()
    for printing in page:
        if any(map(str.islower, printing)) and " ".join(printing.split()).casefold() == folded:
            return " ".join(printing.split())
    if not english:
        return title
    written = written_forms(page)
    recased: list[str] = []
    position = 0
    for match in _WORD.finditer(title):
        # What stands between the last word and this one: the mark that ends a part, if one does ("RANKINGS: FULL").
        gap = title[position : match.start()]
        opens_part = position == 0 or _ENDS_PART.search(gap) is not None
        recased += (gap, _word_case(match.group(), written, opens_part))
        position = match.end()
    recased.append(title[position:])
    return "".join(recased)


def written_forms(texts: Iterable[str]) -> dict[str, str]:
    """How the page's lines write the words that tell more than headline case does, by casefolded word:
    with a capital past their first letter, an acronym ("MBA", "J.D.") or a name ("iPhone", "McDonald"), where
    that form is printed at least as often as the word in lower case ("US" for the country, unless "us" is more
    frequent). A line without a small letter tells nothing: the stylesheet may have set it in capitals, as it sets
    menu items ("NEWS") and subheadings."""
    counts: Counter[str] = Counter()
    for text in texts:
        if any(map(str.islower, text)):
            counts.update(_key(match.group()) for match in _WORD.finditer(text))
    forms: dict[str, str] = {}
    for word, count in counts.most_common():
        if any(map(str.isupper, word[1:])) and count >= counts[word.lower()]:
            forms.setdefault(word.casefold(), word)
    return forms


def _word_case(word: str, written: dict[str, str], opens_part: bool) -> str:
    """One word of a title in capitals, in headline case (see `in_written_case`)."""
    key = _key(word)
    if (form := written.get(key.casefold())) is not None:
        return form + word[len(key) :]
    # Initials ("U.S.", "J.D."), roman numerals ("IV") and words with digits ("5G", "COVID-19") are in capitals as
    # written.
    if "." in word[:-1] or (len(word) > 1 and _ROMAN_NUMERAL.fullmatch(word)) or any(map(str.isdigit, word)):
        return word
    if not opens_part and word.casefold() in LOWER_INSIDE_TITLES:
        return word.casefold()
    return word[:1] + word[1:].lower()


def _key(word: str) -> str:
    """The word without the period that ends its sentence ("us." is "us"); an abbreviation's ("J.D.") is its own."""
    return word[:-1] if word.endswith(".") and "." not in word[:-1] else word
