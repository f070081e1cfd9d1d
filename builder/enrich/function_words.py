"""English function words, shared by the page-text extractor (prose tests, titles) and language identification."""

from __future__ import annotations

_STOP_WORD_LIST = """a about after all also an and any are as at be because been but by can could did do does for from
had has have he her him his how i if in into is it its just may me more most my no not of on one or our out over
said she so some such than that the their them then there these they this those to up us was we were what when
where which while who will with would you your"""
STOP_WORDS = frozenset(_STOP_WORD_LIST.split())
"""English function words. Their share in a line is the classic prose signal (jusText uses the same idea):
menus, buttons and lists of links have almost none, sentences have many. They also tell a glued subheading
("Attacks overnight") from the start of a sentence. The list is of grammar, not of topics."""
