"""Function words: English ones, shared by the page-text extractor (prose tests, titles) and language
identification; another language's from jusText's lists (about 100 languages, shipped inside its package, which
trafilatura depends on), for the page-text extractor's prose test and for the letters a language is written with
(`builder.ingest.sources` weighs a legacy text's code pages by them)."""

from __future__ import annotations

from functools import cache

_STOP_WORD_LIST = """a about after all also an and any are as at be because been but by can could did do does for from
had has have he her him his how i if in into is it its just may me more most my no not of on one or our out over
said she so some such than that the their them then there these they this those to up us was we were what when
where which while who will with would you your"""
STOP_WORDS = frozenset(_STOP_WORD_LIST.split())
"""English function words. Their share in a line is the classic prose signal (jusText uses the same idea):
menus, buttons and lists of links have almost none, sentences have many. They also tell a glued subheading
("Attacks overnight") from the start of a sentence. The list is of grammar, not of topics."""

JUSTEXT_NAMES = {"bn": "Bengali", "fy": "West_Frisian", "ht": "Haitian", "no": "Norwegian_Bokmal", "tl": "Tagalog"}
"""Languages jusText names otherwise than their English names in babel's locale data."""


@cache
def language_function_words(language: str) -> frozenset[str]:
    """jusText's function words for the language (an ISO 639-1 code), as its list writes them (lower case), or none
    when it has no list."""
    # Imported here: only texts in other languages than English need them, and babel's data takes a while to load.
    import justext
    from babel import Locale, UnknownLocaleError

    try:
        name = JUSTEXT_NAMES.get(language) or Locale.parse(language).get_language_name("en").replace(" ", "_")
    except (UnknownLocaleError, ValueError, AttributeError):
        return frozenset()
    if name not in justext.get_stoplists():
        return frozenset()
    return justext.get_stoplist(name)
