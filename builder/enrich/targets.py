"""Mentions of the configured stance targets in a document's text.

Each target's text and aliases become word patterns that accept what news prose does to a phrase: any letter
case, singular or plural on every word ("weapons shipment" finds "weapons shipments", "ceasefires" finds
"ceasefire"), the cases of a Russian or Ukrainian word ("Украина" finds "Украины", "Путин" finds "Путина") and,
in a Polish, Czech, Slovak, Slovene, Croatian, Bosnian or Serbian document, of a word in Latin letters ("Putin"
finds "Putinowi", "Ukrajina" finds "Ukrajině"; not elsewhere, where "Trump" would find "trumpet"), a
hyphen for a space ("cease-fire" for "cease fire"), and a possessive after it ("Ukraine's" gives the mention
"Ukraine"). A leading "the" is dropped, since a target's text is often a description ("the
US-proposed ceasefire in Ukraine"). Acronyms (all capitals, like "US" or "NATO") keep their case, or "US" would
find the pronoun "us".

All phrases of all targets go into one compiled regex, wrapped in a lookahead so that every position reports
its longest phrase; overlapping candidates are then resolved longest first (earliest first on ties), so
"US-proposed ceasefire" beats "ceasefire" inside it. A phrase may not run into the letters around it, but in
Chinese, Japanese or Thai, whose words are not spaced, it is found wherever it is written. A phrase shared by two
targets is credited to the first one listed. Compiling is the costly part (half a millisecond for a handful of
targets), so the compiled pattern is cached per target set: a run that builds a matcher per input file, or asks
for each document's mentions with the same targets, compiles once.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from builder.enrich.patterns import one_of
from builder.enrich.unspaced import UNSPACED_LETTERS
from builder.records import Target, TargetMention

_WORD = re.compile(r"[\w'’]+|[^\w\s]")
_SPACED_WORD_CHARACTER = rf"[^\W{UNSPACED_LETTERS}]"
"""A letter or digit that a phrase may not run into. Not those of Chinese, Japanese or Thai: written without
spaces, their words stand letter to letter (在乌克兰的目标), and a phrase is found wherever it is written."""
_SIBILANT = ("s", "x", "z", "ch", "sh")
_CYRILLIC_LETTERS = "а-яёіїєґ"
_CYRILLIC = re.compile(f"[{_CYRILLIC_LETTERS}]+$")
_CYRILLIC_ENDING = re.compile(r"[аеёиоуыэюяйьіїє]{0,2}$")
"""The vowels, й and ь a Russian or Ukrainian word ends with in the form given, which its other cases change:
"Украина" is "Украины", "Украину" in the text, "Зеленский" "Зеленского", "Путин" "Путина"."""
CYRILLIC_ENDING_MAX = 3
"""The longest case ending after the stem ("Зеленск-ому", "Путин-ым"); longer, the word is another word
("Путин-ский")."""
INFLECTED_LATIN_LANGUAGES = frozenset({"pl", "cs", "sk", "sl", "hr", "bs", "sr"})
"""Languages written in Latin letters that decline names as Russian does ("Putin" is "Putina", "Putinowi",
"Putinem" in Polish; "Ukrajina" is "Ukrajině" in Czech): in their documents a word takes any case ending."""
_LATIN_FINAL_VOWELS = re.compile(r"[aeiouyąęóáéíúůý]?$")
"""The vowel a word of those languages ends with in the form given, which its other cases change ("Ukrain-a");
one only: "Korea" cut to "Kor" would find "Korona"."""
LATIN_ENDING_MAX = 4
"""The longest case ending after the stem there ("Zełensk-iego", "Putin-owi")."""


class TargetMatcher:
    """A compiled matcher for one set of targets; reuse it across documents."""

    def __init__(self, targets: Sequence[Target]) -> None:
        self._use(tuple((target.target_id, (target.text, *target.aliases)) for target in targets))

    def _use(self, key: tuple[tuple[str, tuple[str, ...]], ...]) -> None:
        self._key = key
        # By `inflected`: the plain patterns now, the inflected ones on a first document that needs them.
        self._patterns = {False: _compiled(key)}

    def find(self, text: str, language: str | None = None) -> list[TargetMention]:
        """Non-overlapping mentions in reading order; in a language of `INFLECTED_LATIN_LANGUAGES` (an ISO 639-1
        code), with its case endings."""
        inflected = language in INFLECTED_LATIN_LANGUAGES
        if inflected not in self._patterns:
            self._patterns[inflected] = _compiled(self._key, inflected)
        regex, target_of_group = self._patterns[inflected]
        if regex is None:
            return []
        candidates = []
        for match in regex.finditer(text):
            group = match.lastgroup
            if group is None:
                continue
            candidates.append((match.start(group), match.end(group), target_of_group[group]))
        chosen: list[tuple[int, int, str]] = []
        taken: list[tuple[int, int]] = []
        for start, end, target_id in sorted(candidates, key=lambda item: (item[0] - item[1], item[0])):
            if all(end <= other_start or start >= other_end for other_start, other_end in taken):
                chosen.append((start, end, target_id))
                taken.append((start, end))
        chosen.sort()
        return [
            TargetMention(start=start, end=end, text=text[start:end], target_id=target_id)
            for start, end, target_id in chosen
        ]


def find_target_mentions(text: str, targets: Sequence[Target]) -> list[TargetMention]:
    """Mentions of each target's text and aliases in `text` (the compiled pattern is cached per target set)."""
    return TargetMatcher(targets).find(text)


@functools.lru_cache(maxsize=16)
def _compiled(
    phrases_by_target: tuple[tuple[str, tuple[str, ...]], ...], inflected: bool = False
) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """The regex of all phrases, and the target of each of its phrase groups; `inflected` for a language of
    `INFLECTED_LATIN_LANGUAGES`."""
    phrases: dict[str, tuple[str, str]] = {}
    stems: set[str] = set()
    for target_id, target_phrases in phrases_by_target:
        for phrase in target_phrases:
            words = _phrase_words(phrase)
            if words:
                phrases.setdefault(_phrase_pattern(words, inflected), (target_id, phrase))
                stems.add(_word_stem(words[0], inflected))
    ordered = sorted(phrases.items(), key=lambda item: len(item[1][1]), reverse=True)
    target_of_group = {f"p{index}": target_id for index, (_, (target_id, _)) in enumerate(ordered)}
    alternatives = "|".join(f"(?P<p{index}>{pattern})" for index, (pattern, _) in enumerate(ordered))
    # Tests up front that reject most positions cheaply: a class of the phrases' first letters, then at word
    # starts, a trie of the stems every phrase starts with, instead of trying every phrase in turn.
    first_letters = {stem[0] for stem in stems}
    letters = f"(?=[{re.escape(''.join(sorted(first_letters)))}])" if all(map(str.isalnum, first_letters)) else ""
    starts = f"(?={one_of('|'.join(sorted(stems)))})" if not any("|" in stem for stem in stems) else ""
    pattern = rf"{letters}(?<!{_SPACED_WORD_CHARACTER}){starts}(?=(?:{alternatives})(?!{_SPACED_WORD_CHARACTER}))"
    return (re.compile(pattern, re.IGNORECASE) if ordered else None), target_of_group


def _phrase_words(phrase: str) -> list[str]:
    """The phrase's words and symbols, without a leading "the" or hyphens (matched as spaces)."""
    words = [word for word in _WORD.findall(phrase) if word != "-"]
    if len(words) > 1 and words[0].casefold() == "the":
        words = words[1:]
    return words


def _phrase_pattern(words: list[str], inflected: bool = False) -> str:
    return r"[\s\-]+".join(_word_pattern(word, inflected) for word in words)


def _word_pattern(word: str, inflected: bool = False) -> str:
    """A word with its plural or singular: "shipment" ↔ "shipments", "casualty" ↔ "casualties", "US" as is."""
    if word[0].isalnum() and len(word) > 1 and word.isupper():
        return f"(?-i:{re.escape(word)})"
    stem, ending = _stem_and_ending(word, inflected)
    return f"{re.escape(stem)}{ending}"


def _word_stem(word: str, inflected: bool = False) -> str:
    """What every form `_word_pattern` accepts for the word starts with, letter for letter."""
    return _stem_and_ending(word, inflected)[0]


def _stem_and_ending(word: str, inflected: bool = False) -> tuple[str, str]:
    """The part of the word kept as is, and a pattern of the endings that make it singular or plural; for a word
    in Cyrillic, or in Latin letters when `inflected`, the endings of its cases (see `_CYRILLIC_ENDING`)."""
    lower = word.casefold()
    if not word[0].isalnum() or not lower.isalpha() or len(lower) < 4:
        return word, ""
    if _CYRILLIC.match(lower):
        stem = word[: len(word) - len(_CYRILLIC_ENDING.search(lower)[0])]
        return stem, f"[{_CYRILLIC_LETTERS}]{{0,{CYRILLIC_ENDING_MAX}}}"
    if inflected:
        stem = word[: len(word) - len(_LATIN_FINAL_VOWELS.search(lower)[0])]
        return stem, rf"[^\W\d_]{{0,{LATIN_ENDING_MAX}}}"
    if lower.endswith("ies"):
        return word[:-3], "(?:y|ies)"
    if lower.endswith("es") and lower[:-2].endswith(_SIBILANT):
        return word[:-2], "(?:es)?"
    if lower.endswith("s") and not lower.endswith(("ss", "us", "is")):
        return word[:-1], "(?:s|es)?"
    if lower.endswith("y") and lower[-2] not in "aeiou":
        return word[:-1], "(?:y|ies)"
    if lower.endswith(_SIBILANT):
        return word, "(?:es)?"
    return word, "s?"
