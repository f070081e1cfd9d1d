"""Direct quotes in Chinese and Japanese, with their speaker and speech verb.

The rules of `builder.enrich.quotes` find nothing in these languages: they tell a quote mark from an apostrophe by
the spaces around it, and a speaker by the capitals of a name, while Chinese and Japanese put no space between
words and have no capitals. What they have instead:

- Quote marks that say which side they are on: “ 「 『 open, ” 」 』 close (an apostrophe is never one of them).
  They are paired with a stack within a paragraph; a quote still open at the paragraph's end runs to it, as in
  the other languages. 《…》 and 〈…〉 enclose titles of works and are not quotes.
- A speech verb right before the quote, after its subject, with a colon or comma between
  (外交部发言人毛宁表示：“…”; 他说，“…”), or right after it (“…”，毛宁说。; “…”他补充道。).
- Japanese: the verb after the quote and と, the speaker the topic or subject (marked by は or が) that opens the
  quote's sentence (岸田首相は10日、記者団に「…」と述べた), or that stands between と and the verb
  (「…」と首相は述べた).

The speaker is the whole phrase before its verb or particle, from the start of its clause (外交部发言人毛宁):
without a word segmenter the name cannot be told from the title before it. Time and place said between the subject
and its verb (毛宁12日在例行记者会上表示) are cut off at a number or at 在, 于, 对 or 向, which open them. A pronoun
(他, 她, 彼, 彼女) is credited to the previous quote's speaker in `speaker_name`, as "he said" is in English when
it is unambiguous; here the nearest credited quote is taken without that test, as names are not found. A quote
that opens a paragraph without a speaker of its own continues the last quote of the paragraph before (the name
only, as in the other languages). Only credited quotes are kept, and quotes of fewer than MIN_QUOTE_CHARACTERS
characters inside the marks are terms (“一带一路”), not speech, and so are quotes that modify the noun after them
(“局势仍然紧张”的说法, 「新しい資本主義」という言葉).

Checked on handwritten paragraphs (tests/test_enrich_quotes_languages.py), not scored on labelled pages.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from builder.records import Quote, Span
from builder.records.spans import quote_of

UNSPACED_QUOTE_LANGUAGES = frozenset({"zh", "ja"})
"""The languages whose quotes this module finds (`builder.enrich.quotes.find_quotes` hands them over)."""
MIN_QUOTE_CHARACTERS = 5
"""Fewer characters between the marks are a term or a name in quotes (“一带一路”, 「新しい資本主義」), not speech."""
SPEAKER_MAX_CHARACTERS = 20
"""A subject phrase longer than this is a clause, not a speaker (外交部发言人毛宁 is 8)."""

_OPENING = "“「『"
_CLOSING = "”」』"
_CHINESE_CUES = (
    "说道|说|表示|称|指出|强调|透露|介绍|认为|告诉|回应|坦言|宣布|补充道|补充|解释|提到|写道|问道|答道|声称|警告|"
    "呼吁|重申|承认|批评|提醒|直言|回答|谈到|"
    "說道|說|稱|強調|介紹|認為|告訴|回應|補充道|補充|解釋|寫道|問道|答道|聲稱|呼籲|承認|批評|談到"
)
"""Speech verbs of Chinese news, Simplified and Traditional; longer forms first, so 说道 is taken whole."""
_JAPANESE_CUES = (
    "述べ|語っ|語り|話し|強調し|明らかにし|説明し|指摘し|答え|訴え|主張し|表明し|言っ|書い|記し|発表し|批判し|"
    "呼びかけ|明かし|述懐し|振り返っ"
)
"""Stems of Japanese speech verbs, as they stand before た, て or ました (述べた, 語った, 強調しました); the cue
takes the ending with it."""
_SENTENCE_END = frozenset("。！？!?")
_ADVERBS = frozenset("还還也又则則更再曾就都")
"""One-character adverbs between a subject and its verb (他还说, 她也表示): not part of the speaker."""
_MODIFIER_AFTER = ("的", "という")
"""What makes the quote before it a modifier, a claim or term spoken about, not speech (“…”的说法, 「…」という)."""
_PRONOUNS = frozenset({"他", "她", "他们", "她们", "他們", "她們", "彼", "彼女", "彼ら"})
_CLAUSE_BOUNDARY = "，。！？；：、,.!?;:\n"
_ADJUNCT_START = re.compile(r"[0-9０-９一二三四五六七八九十]+[日月号號]|[在于於对對向据據昨今]")
"""What opens time and place between a subject and its verb (12日, 在记者会上, 对记者, 昨天)."""

_CHINESE_HEAD = re.compile(
    rf"(?P<speaker>[^{_CLAUSE_BOUNDARY}“”「」『』\s]{{1,40}}?)(?P<cue>(?:{_CHINESE_CUES})+)"
    r"(?:记者|記者|媒体|媒體|本报|本報)?[：:，,]?\s*$"
)
"""A subject and its speech verb ending right before a quote: 毛宁表示：, 他告诉记者："""
HEAD_REACH = 80
"""How far before a quote `_CHINESE_HEAD` is searched: its subject (up to 40 characters), its verb and what follows
the verb fit in it. From the clause's start, the search tried the pattern at every character of a long clause, and
a clause of a few thousand speech verbs (说说说…) took a minute."""
_CHINESE_TAIL = re.compile(
    rf"[，,]?\s*(?P<speaker>[^{_CLAUSE_BOUNDARY}“”「」『』\s]{{1,40}}?)(?P<cue>(?:{_CHINESE_CUES})+)"
    r"(?=[。，！？；,.!?;]|\s*$)"
)
"""A subject and its speech verb right after a quote, ending its clause: ，毛宁说。 他补充道。"""
_JAPANESE_TAIL = re.compile(
    rf"\s*とも?(?:(?P<speaker>[^、。「」『』\s]{{1,40}}?)[はが])?(?P<cue>(?:{_JAPANESE_CUES})(?:ました|ている|ていた|た|て)?)"
)
"""と (or とも, "also") and the speech verb after a quote, with the speaker between them when it stands there:
」と首相は述べた."""
_JAPANESE_TOPIC = re.compile(r"[はが]")


@dataclass
class _Found:
    start: int
    end: int
    speaker: tuple[int, int] | None = None
    cue: tuple[int, int] | None = None
    name: str | None = None

    def who(self, text: str) -> str | None:
        if self.name:
            return self.name
        return text[self.speaker[0] : self.speaker[1]] if self.speaker else None


def find_unspaced_quotes(text: str, paragraphs: Sequence[Span], language: str) -> list[Quote]:
    """Direct quotes of a Chinese ("zh") or Japanese ("ja") text in reading order, each inside one paragraph and
    with its marks, credited to a speaker (see the module docstring)."""
    found: list[_Found] = []
    previous: list[_Found] = []
    for paragraph in paragraphs:
        low, high = paragraph["start"], paragraph["end"]
        current: list[_Found] = []
        for start, end in _spans(text, low, high):
            if end - start - 2 < MIN_QUOTE_CHARACTERS or text.startswith(_MODIFIER_AFTER, end):
                continue
            quote = _Found(start, end)
            if language == "ja":
                _attribute_japanese(text, quote, low, high)
            else:
                _attribute_chinese(text, quote, low, high)
            if quote.who(text) in _PRONOUNS or (quote.cue is not None and quote.speaker is None):
                # "他说", or a verb whose subject is left out ("」とも述べました"): the nearest speaker before.
                quote.name = next((who for earlier in reversed(found + current) if (who := earlier.who(text))), None)
            if (
                quote.speaker is None
                and quote.name is None
                and start == low
                and previous
                and _whole_sentence(text, quote, high)
            ):
                # A paragraph that opens with a quoted sentence continues the speaker of the one before.
                quote.name = previous[-1].who(text)
            current.append(quote)
        found.extend(current)
        previous = [quote for quote in current if quote.who(text)]
    return [
        quote_of(text, quote.start, quote.end, quote.speaker, quote.cue, quote.name)
        for quote in found
        if quote.who(text)
    ]


def _whole_sentence(text: str, quote: _Found, high: int) -> bool:
    """Whether the quote is a sentence of its own, its end mark inside or right after it (“…。” or “…”。), rather
    than a term the sentence goes on about (「新しい資本主義」という言葉)."""
    return text[quote.end - 2 : quote.end - 1] in _SENTENCE_END or quote.end >= high or text[quote.end] in _SENTENCE_END


def _spans(text: str, low: int, high: int) -> list[tuple[int, int]]:
    """The quotes of one paragraph, outermost only: a quote inside a quote (『…』 in 「…」) stays inside it."""
    spans: list[tuple[int, int]] = []
    opened: list[int] = []
    for position in range(low, high):
        mark = text[position]
        if mark in _OPENING:
            opened.append(position)
        elif mark in _CLOSING and opened:
            start = opened.pop()
            if not opened:
                spans.append((start, position + 1))
    if opened:
        spans.append((opened[0], high))
    return spans


def _clause_start(text: str, low: int, position: int, boundaries: str) -> int:
    """Where the clause holding `position` starts: after the last of `boundaries` before it, else at `low`."""
    return max([low] + [text.rfind(mark, low, position) + 1 for mark in boundaries])


def _attribute_chinese(text: str, quote: _Found, low: int, high: int) -> None:
    clause_start = _clause_start(text, max(low, quote.start - HEAD_REACH), quote.start - 1, "。！？；\n")
    head = _CHINESE_HEAD.search(text, clause_start, quote.start)
    match = head or _CHINESE_TAIL.match(text, quote.end, high)
    if match is None:
        return
    quote.speaker = _subject(text, match.start("speaker"), match.end("speaker"))
    quote.cue = match.span("cue")


def _attribute_japanese(text: str, quote: _Found, low: int, high: int) -> None:
    tail = _JAPANESE_TAIL.match(text, quote.end, high)
    if tail is None:
        return
    quote.cue = tail.span("cue")
    if tail.group("speaker"):
        quote.speaker = tail.span("speaker")
        return
    sentence_start = _clause_start(text, low, quote.start, "。！？\n")
    topic = _JAPANESE_TOPIC.search(text, sentence_start, quote.start)
    if topic is None:
        return
    # From the clause the particle ends: "10日、岸田首相は" gives 岸田首相.
    start = _clause_start(text, sentence_start, topic.start(), "、，,")
    if 0 < topic.start() - start <= SPEAKER_MAX_CHARACTERS:
        quote.speaker = (start, topic.start())


def _subject(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The subject phrase of `text[start:end]` without the time and place said after it (毛宁12日在记者会上 →
    毛宁), or None when what is left is no speaker (empty, or too long to be one)."""
    adjunct = _ADJUNCT_START.search(text, start + 1, end)
    if adjunct is not None:
        end = adjunct.start()
    while end - start > 1 and text[end - 1] in _ADVERBS:
        end -= 1
    if not 0 < end - start <= SPEAKER_MAX_CHARACTERS:
        return None
    return start, end
