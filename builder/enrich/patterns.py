"""Regex building blocks shared by the enrichment functions."""

from __future__ import annotations

import re

_Trie = dict[str, "_Trie"]


def one_of(words: str) -> str:
    """The "|"-separated words as one non-capturing alternation shaped like a trie ("sa(?:id|ys?)|t(?:old|ells)|
    ..."), each word taken literally.

    The regex engine tries the alternatives of a plain "said|says|told|..." one after another at every position
    it scans, which with a hundred words costs more than all the rest of a pattern; in a trie it reads each letter
    once. The trie matches the same text as the plain alternation wherever a word boundary or a space must follow
    it (then at most one of the words fits at a position), and inside a lookahead; elsewhere the two may choose
    differently between a word and a longer one it starts ("ask", "asked"), so use it only there.
    """
    trie: _Trie = {}
    for word in words.split("|"):
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return f"(?:{_branches(trie)})"


def _branches(node: _Trie) -> str:
    branches = [re.escape(char) + _branches(child) for char, child in node.items() if char]
    if not branches:
        return ""
    group = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{group})?" if "" in node else group
