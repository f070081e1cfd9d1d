"""Direct quotes with their speaker and speech verb, found by rules that a reader can check.

Finding quote spans, one paragraph at a time:

- Quote marks are told apart from apostrophes by what flanks them: an opening mark has a space, a bracket, a dash or
  the paragraph start before it and a letter, digit or opening symbol after it; a closing mark has a non-space
  before it and a space or punctuation after it. So "won't", "Trump's" and "’90s" never open a quote, and curly
  marks printed the wrong way round (”We've found...”) still pair. Double marks are paired first, with a stack, so
  nested straight quotes ("from "application consumption" to...") stay inside their outer quote; single marks are
  then paired outside the double quotes.
- A plural possessive ("Hamas' response") looks like a closing single mark. It closes a quote only when no other
  closing mark does ('root causes' of the conflict).
- An opening mark right after a sentence end while a quote is still open starts a new quote: a multi-paragraph quote
  flattened onto one line ('...air defences. 'We had a very...') gives two quotes, not one.
- A quote still open at the paragraph end runs to the paragraph end (the newspaper convention for a quote that
  continues in the next paragraph).

Finding who said it, in this order: the words right after the quote ('..., Ushakov said', 'said Matthew Kraft, a
professor', 'the report stated', ', according to X', or a bare name ending the line or followed by a comma or
bracket, as under a pull quote or in a citation: '“...” (Vogel and Black, 2024)', with no cue); else the first
"subject + speech verb" in the part of the sentence before the quote ('Nate Wheatley said, "...', 'Steinhauser said
of studying ... that "...', 'Zelensky, speaking later, said'); else a speech verb later in the sentence ('"...," in
healthy individuals, says Mellor'; stricter there: a named or pronoun speaker, and none of the verbs that are often
nouns, as in "share the stage"). The cue is the verb alone ("told" of "told reporters"); the speaker is narrowed to
the name in the phrase ("Kremlin aide Yuri Ushakov" gives "Yuri Ushakov", "US President Donald Trump" gives "Donald
Trump"), while a phrase led by a determiner ("the Strava report", "a recent graduate") is kept whole.

Pronouns: "he said" keeps the pronoun as the `speaker` span and puts the resolved name in `speaker_name`: the
nearest name before it among those the document has speak somewhere ("Tipton said", "says Keri Gans"), else among
other multi-word names. When the sentence holding that nearest name holds another such name too and neither spoke
the previous quote, the pronoun is ambiguous and `speaker_name` stays None.

A quote with no attribution of its own inherits a speaker: from a second quote of the same sentence its speaker and
cue spans ("'stressed' to Trump that ... 'diplomatically'"); otherwise only the name, in `speaker_name`, with
`speaker` and `cue` None, from the nearest attributed quote of its paragraph (the one before it when it is in the
same or the previous sentence or the quote opens its sentence, else one after it in the same sentence), or, for a
quote that opens its sentence, from the last quote of the previous paragraph (the continuation paragraph). A quote
that opens a paragraph after one ending in ":" or "," takes the name from that paragraph's last sentence ("Nagel
remarks in this connection,") or from a paragraph that only names the speaker ("Uli Lorimer, Director of
Horticulture at Native Plant Trust:", as in interview round-ups). The span is left None in these cases because the
earlier mention lies outside the quote's own sentence, often paragraphs away, and an annotation tool would draw a
misleading link to it.

Which quotes are kept, i.e. are speech:
- never a short quote in Title Case (two or more capitalised content words, up to eight words, not all capitals),
  which is a title even when a speech verb is near ('"Howards End."', "Google Cloud: Passport to Containers"), while
  the all-capitals post "MAKE THE DEAL IN GAZA" stays;
- an attributed quote, unless it is one or two words used as a modifier ('a "cleanup" process', '"active control"
  design'): attributed fragments such as "'stressed' to Trump" or "'give up' on its aims" stay;
- an unattributed one only with four words or more, so scare quotes and terms ('root causes', "business as usual")
  are dropped;
- and in the end only quotes credited to someone (a speaker span or a name): a string in quote marks that no one in
  the text says is, on the WCXB pages, mostly interface text, an example query or a title, and a quote without a
  source is of no use for attribution annotation.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from builder.enrich.patterns import one_of
from builder.enrich.sentences import sentence_bounds
from builder.records import Quote, Span, TextSpan


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


_DOUBLE = '"“”„«»'
_SINGLE = "'‘’"
_MARK_CHARACTERS = tuple(_DOUBLE + _SINGLE)
_MARKS = re.compile(r"[\"“”„«»'‘’](?:(?![^\W_])|(?<![^\W_].))")
"""Quote marks that can open or close a quote: not between two letters or digits, as the apostrophes of "won't"
and "Trump's" are (found here, not one by one in Python, since most marks of a text are such apostrophes). The
pattern opens with the marks, so the engine jumps from one to the next. At a paragraph's edges the text beyond
counts as a space, so `_marks` looks at the first character itself."""
_LEFT_CONTEXT = frozenset("([{—–-/:;" + _DOUBLE + _SINGLE)
_RIGHT_CONTEXT = frozenset(".,;:!?)]}—–-…" + _DOUBLE + _SINGLE)
_OPENING_CONTENT = frozenset("([$£€….-—" + _DOUBLE + _SINGLE)
"""What may follow an opening mark besides a letter or digit ('"...low ball', '“$5 a day'); not a space or a comma."""
_ELISION = re.compile(r"['’](?:\d0s|\d\d\b|em\b|til\b|n['’]|cause\b|bout\b|tis\b)", re.IGNORECASE)
"""Word-initial apostrophes: the '90s, 'em, rock 'n' roll."""
_SENTENCE_END_BEFORE = re.compile(r"[.!?…][\"'”’]?\s+$")

_CUE_WORDS = (
    "said|says|say|told|tells|added|adds|asked|asks|explained|explains|noted|notes|stated|states|wrote|writes|"
    "continued|continues|concluded|concludes|argued|argues|insisted|insists|warned|warns|cautioned|cautions|"
    "recalled|recalls|agreed|agrees|acknowledged|acknowledges|admitted|admits|claimed|claims|inquired|replied|"
    "replies|responded|responds|answered|answers|reported|reports|stressed|stresses|emphasized|emphasizes|"
    "emphasised|emphasises|announced|announces|confirmed|confirms|declared|declares|predicted|predicts|"
    "observed|observes|remarked|commented|comments|mentioned|shared|advised|advises|urged|urges|read|reads|"
    "points out|pointed out|counters|countered|tweeted|posted|joked|quipped|conceded|vowed|promised|lamented|"
    "complained|recommended|recommends|suggested|suggests|ask|remarks"
)
# Every use of the cues is followed by a word boundary or a space, where a trie alternation matches the same.
_CUES = one_of(_CUE_WORDS) + r"|called(?=\s+(?:(?:it|him|her|them)\b|(?:the|this|that|his|their|its)\s+\w))"
"""Speech verbs; "called" only when it characterises something ("called it 'a disaster'", "called the move
'reckless'"): "called the 'rough cut'", a determiner right before the quote, names a thing."""
_TAIL_ONLY_CUES = one_of("describes|described|offers|offered|shares|share|clarifies|clarified")
"""Verbs that introduce speech only right after a quote: before one, "described" is more often a
characterisation ("described its aims as getting rid of the 'root causes'") and "shares" a noun."""

_TITLE = rf"(?:{one_of('Dr|Mr|Mrs|Ms|Prof|Gov|Sen|Rep|Gen|Col|Lt|Sgt|Capt|Rev|St')}\.\s+)"
_UPPER = "A-ZÀ-ÖØ-ÞŁŚŠŽČĆŘ"
"""Capital letters that start names, Latin-1 and the common Central European ones ("Özcan", "Łukasz")."""
_CAPWORD = rf"(?:[{_UPPER}]\.(?:[{_UPPER}]\.)*|[{_UPPER}][\w'’\-]*+)"
"""A capitalised word or initials. Possessive (`*+`, as in the other word patterns here): what the patterns
allow after a word is never a letter, digit, apostrophe or hyphen, so giving back its letters one by one when the
rest fails could only fail again; not trying saves a fifth of the scan for speakers."""
_PARTICLE = r"(?:(?:al|el|bin|ibn|abu|van|von|de|da|del|der|di|du|la|le)\s+)"
_NOT_SUBJECT = (
    "(?!"
    + one_of(
        "It|Its|This|That|There|These|Those|Here|What|Which|Who|When|Where|Why|How|In|On|At|As|For|But|And|So|"
        "Then|Now|If|We|You"
    )
    + r"\b)"
)
"""Capitalised sentence openers that are never a speaker's name."""
_NAME = rf"{_NOT_SUBJECT}{_TITLE}?{_CAPWORD}(?:\s+{_PARTICLE}?{_CAPWORD}){{0,4}}"
_PRONOUN = r"(?:he|she|they|He|She|They)"
_DET = r"(?:[Tt]he|[Aa]n?|[Oo]ne|[Tt]his|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Oo]ur|[Aa]nother)"
_NP_WORD = (
    r"(?!(?:that|which|who|what|and|but|he|she|it|they|we|you|I|is|are|was|were|be|been|not|will|can|could|"
    r"should|does|did|do)\b|(?!\d{4}\b)\d+\b)[\w'’\-]++"
)
"""A word of a speaker's noun phrase ("the Strava report", "a 2022 article"): not a pronoun or conjunction, nor
a verb or a bare number other than a year, which make it a clause ("The outcome of this step is called the
'rough cut'", "The specification defines 67 distinct tokenizer states")."""
_NP_LAST = r"(?!(?:of|for|in|on|at|to|with|from|by|about|than)\b)"
_DETNP = rf"{_DET}\s+(?:{_NP_WORD}\s+){{0,5}}?{_NP_LAST}{_NP_WORD}"
_ADVERBS = r"(?:(?:also|later|then|previously|once|further|again|recently|has|had|have|would|will|\w+ly)\s+){0,2}"
_MODIFIERS = r"(?:[\w'’\-]++\s+){0,3}?"
_NP_END = r"(?=\s*(?:[,.;:!?(]|$)|\s+(?:who|which|that|as|after|when|while|in|on|at|from|during|of|to|with)\b)"

_APPOSITIVE = r"(?:,\s[^,\"“”‘’]{3,90}+,)?"
"""An aside between a speaker and the verb: "Zelensky, speaking later in his nightly video address, said". The
run is possessive: the comma that must end it is outside its class, so a shorter run cannot be followed by one."""
_SUBJECT_CUE = re.compile(
    rf"(?<![\w'’])(?P<speaker>{_PRONOUN}|{_DETNP}|{_NAME}){_APPOSITIVE}\s+(?:(?:that|who|which)\s+)?{_ADVERBS}(?P<cue>{_CUES})\b"
    rf"|(?i:according to)\s+(?P<after>{_DETNP}|{_NAME}){_NP_END}"
)
"""'Ushakov said', 'the Strava report explained', 'he told', 'according to Keatley' anywhere in a sentence."""

_ATTRIBUTION = (
    rf"(?P<cue1>{_CUES}|{_TAIL_ONLY_CUES})\s+(?P<speaker1>{_PRONOUN}|{_DETNP}{_NP_END}|{_MODIFIERS}{_NAME})"
    rf"|(?P<speaker2>{_PRONOUN}|{_DETNP}|{_MODIFIERS}{_NAME})\s+{_ADVERBS}(?P<cue2>{_CUES}|{_TAIL_ONLY_CUES})\b"
    rf"|(?P<cue3>(?i:according to))\s+(?P<speaker3>{_DETNP}{_NP_END}|{_NAME})"
)
_TAIL = re.compile(rf"[\s,]*(?:{_ATTRIBUTION})")
"""The attribution right after a quote: inverted ('said Kraft'), plain ('Kraft said') or 'according to X'."""
_CREDIT = re.compile(
    rf"[ \t,—–\-]*(?P<bracket>\()?(?P<speaker>{_NAME}(?:\s+(?:and|&)\s+{_NAME})?)[ \t]*(?P<after>[,;)\n]|$)"
)
"""A bare name right after a quote: a pull quote's credit ending the line, a citation in brackets ('“...” (Vogel
and Black, 2024)', which may follow the quote's full stop), or a name and title after a quote that does not end its
sentence ('“...,” Alexander B. Niculescu, M.D.')."""
_FAR_CUES = one_of("|".join(word for word in _CUE_WORDS.split("|") if word not in {"read", "reads"}))
_FAR_CUES += r"|called(?=\s+(?:it|him|her|them)\b)"
"""The speech verbs that still attribute a quote from further on in its sentence: not "read" ("the “microservices
mania” for a while, until I read"), nor "called" before a noun."""
_TAIL_ANYWHERE = re.compile(
    rf"(?<![\w'’])(?:(?P<cue1>{_FAR_CUES})\s+(?P<speaker1>{_PRONOUN}|{_MODIFIERS}{_NAME})"
    rf"|(?P<speaker2>{_PRONOUN}|{_DETNP}|{_MODIFIERS}{_NAME})\s+{_ADVERBS}(?P<cue2>{_FAR_CUES})\b"
    rf"|(?P<cue3>(?i:according to))\s+(?P<speaker3>{_DETNP}{_NP_END}|{_NAME}))"
)
"""An attribution later in the sentence ('"...," in healthy individuals, says Mellor'); stricter than right
after the quote: no verb that is often a noun ("share the stage") and no inverted common noun phrase."""
_HEADER = re.compile(rf"(?P<speaker>{_NAME}(?:\s+(?:and|&)\s+{_NAME})?)(?:,|\s+of\s)[^\n.!?]{{0,120}}:\s*$")
"""A paragraph that only names the person whose words follow, as in interview round-ups."""
_SPOKE = re.compile(
    rf"[^\w'’](?:(?:{_CUES})\s+{_MODIFIERS}(?P<after>{_NAME})"
    rf"|(?=[{_UPPER}])(?P<before>{_NAME}){_APPOSITIVE}\s+{_ADVERBS}(?:{_CUES})\b)"
)
"""Names that speak somewhere in a document; "he said" resolves to them before other capitalised names. This
scans the whole text, so it opens with the character before the verb or name, which must not belong to a word,
rather than a look-behind for one: the engine then skips the characters inside words in its search loop instead
of starting a match on each (a fifth fewer instructions; `_People.tiers` searches so that no match is lost to
the character taken). The second branch first tests for the capital every name starts with: at the start of
each lower-case word it then fails on one test, before the look-ahead of `_NAME` (an eighth fewer instructions)."""
_TITLE_SMALL_WORDS = _words("a an the and or but nor of to in on at by for from with into over under as vs")
_MODIFIED_WORD = re.compile(
    r"\s(?!(?:to|on|of|in|at|for|from|with|by|as|and|or|but|that|which|who|than|about|over|after|before|into)\b)"
    r"[a-z]"
)
"""A content word right after a short quote: the quote modifies it ('a "cleanup" process'), it is not speech."""

_WORD = re.compile(r"[\w'’\-]+")
_NON_SPACE = re.compile(r"\S+")
_ALPHANUMERIC = re.compile(r"[^\W_]")
"""A letter or digit: what `str.isalnum` accepts, found in C."""
_DETERMINER_FIRST = re.compile(_DET + r"\s")
_PRONOUN_ONLY = re.compile(_PRONOUN)
_TWO_NAMES = re.compile(r"\s(?:and|&)\s")
_NAME_RUN = re.compile(rf"(?=[{_UPPER}])(?<![\w'’]){_NAME}")
"""A name wherever it stands. The leading class (every name starts with a capital) lets most positions fail on
one test, before the look-behind and the alternations of `_NAME`."""


_NOT_NAMES = _words(
    "The A An In On At For As After Before When While If But And So Yet Still Even Also However Meanwhile This "
    "That These Those There Here It Its He She They We I You Our Their His Her My Your Some Many Most Several "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August "
    "September October November December Mr Mrs Ms Dr Prof President Minister Prime Chancellor Secretary "
    "Officer Senator Governor Chief Director Professor Why What How Who Where One Two Three AI US UK EU UN"
)
_ROLE_WORDS = _words(
    "President Minister Prime Chancellor Secretary Officer Senator Governor Chief Director Professor Mayor "
    "Judge Justice General Commissioner Ambassador Spokesman Spokeswoman Leader Speaker Sheriff Coach"
)


class _Mark(NamedTuple):
    position: int
    opens: bool
    closes: bool
    weak: bool
    """A closing mark that may be a plural possessive ("Hamas' response")."""


@dataclass
class _Found:
    start: int
    end: int
    speaker: tuple[int, int] | None = None
    cue: tuple[int, int] | None = None
    sentence: int = 0
    """Index of the sentence (in its paragraph) where the quote starts."""
    opens_sentence: bool = False
    speaker_text: str | None = None
    name: str | None = None
    attributed: bool = False

    @property
    def who(self) -> str | None:
        """The name this quote is credited to: the resolved or inherited name, else the speaker as written."""
        return self.name or self.speaker_text


def find_quotes(text: str, paragraphs: Sequence[Span], sentences: Sequence[Span] | None = None) -> list[Quote]:
    """Direct quotes of `text` in reading order; each lies inside one paragraph and includes its marks.

    `sentences`, when the caller has them, must be `split_sentences(text, paragraphs)`; they are then not found
    again."""
    sentences_of = _ParagraphSentences(text, sentences)
    people = _People(text)
    found: list[_Found] = []
    previous_paragraph: list[_Found] = []
    previous_bounds = (0, 0)
    marks = [match.start() for match in _MARKS.finditer(text)]
    for paragraph in paragraphs:
        low, high = paragraph["start"], paragraph["end"]
        first_mark = bisect.bisect_left(marks, low)
        # Most paragraphs hold no quote mark, or only apostrophes inside words: skip them (see `_marks` for the
        # first character), with no more work than what a paragraph without quotes leaves for the next one.
        has_mark = first_mark < len(marks) and marks[first_mark] < high
        if not has_mark and not text.startswith(_MARK_CHARACTERS, low, high):
            previous_paragraph, previous_bounds = [], (low, high)
            continue
        spans = _quote_spans(text, low, high)
        current: list[_Found] = []
        paragraph_sentences = sentences_of.within(low, high) if spans else []
        for index, (start, end) in enumerate(spans):
            sentence = max(bisect.bisect_right(paragraph_sentences, (start, high)) - 1, 0)
            quote = _Found(start, end, sentence=sentence, opens_sentence=paragraph_sentences[sentence][0] == start)
            previous_end = spans[index - 1][1] if index else low
            next_start = spans[index + 1][0] if index + 1 < len(spans) else high
            _attribute(text, quote, paragraph_sentences, previous_end, next_start, people, found + current)
            if not quote.attributed and current and current[-1].attributed and current[-1].sentence == sentence:
                _share_attribution(quote, current[-1])
            if not quote.attributed and start == low:
                quote.name = _introducer(text, *previous_bounds, sentences_of, people, found)
            if _is_speech(text, quote):
                current.append(quote)
        _inherit(current, previous_paragraph)
        found.extend(current)
        previous_paragraph = current
        previous_bounds = (low, high)
    return [_to_record(text, quote) for quote in found if quote.who]


def _quote_spans(text: str, low: int, high: int) -> list[tuple[int, int]]:
    marks = _marks(text, low, high)
    doubles = _pair([mark for mark in marks if text[mark.position] in _DOUBLE], text, low, high)
    singles = [
        mark
        for mark in marks
        if text[mark.position] in _SINGLE and not any(start <= mark.position < end for start, end in doubles)
    ]
    spans = doubles + _pair(singles, text, low, high)
    spans.sort()
    return [(start, end) for start, end in spans if _ALPHANUMERIC.search(text, start, end)]


def _marks(text: str, low: int, high: int) -> list[_Mark]:
    marks = []
    positions = [match.start() for match in _MARKS.finditer(text, low, high)]
    if text.startswith(_MARK_CHARACTERS, low, high) and positions[:1] != [low]:
        # The regex judged a mark opening the paragraph by the character before it; here that counts as a space.
        positions.insert(0, low)
    for position in positions:
        mark = text[position]
        before = text[position - 1] if position > low else " "
        after = text[position + 1] if position + 1 < high else " "
        opens = (before.isspace() or before in _LEFT_CONTEXT) and (after.isalnum() or after in _OPENING_CONTENT)
        closes = not before.isspace() and (after.isspace() or after in _RIGHT_CONTEXT)
        if mark in _SINGLE and opens and _ELISION.match(text, position):
            opens = False
        weak = closes and mark in _SINGLE and before in "sS" and _lowercase_word_follows(text, position + 1)
        if opens or closes:
            marks.append(_Mark(position, opens, closes, weak))
    return marks


def _lowercase_word_follows(text: str, position: int) -> bool:
    return position + 1 < len(text) and text[position] == " " and text[position + 1].islower()


def _pair(marks: list[_Mark], text: str, low: int, high: int) -> list[tuple[int, int]]:
    """Pair opening and closing marks; weak closers count only if the strict pairing leaves a quote open."""
    spans, still_open = _pair_once(marks, text, low, high, honour_weak=False)
    if still_open and any(mark.weak for mark in marks):
        spans, _ = _pair_once(marks, text, low, high, honour_weak=True)
    return spans


def _pair_once(
    marks: list[_Mark], text: str, low: int, high: int, *, honour_weak: bool
) -> tuple[list[tuple[int, int]], bool]:
    spans: list[tuple[int, int]] = []
    stack: list[int] = []
    for mark in marks:
        closes = mark.closes and (honour_weak or not mark.weak)
        if mark.opens and (not closes or not stack):
            if stack and _SENTENCE_END_BEFORE.search(text, low, mark.position):
                spans.append((stack[0], _rstrip(text, low, mark.position)))
                stack.clear()
            stack.append(mark.position)
        elif closes and stack:
            opened = stack.pop()
            if not stack:
                spans.append((opened, mark.position + 1))
    if stack:
        spans.append((stack[0], _rstrip(text, low, high)))
    return spans, bool(stack)


def _rstrip(text: str, low: int, end: int) -> int:
    while end > low and text[end - 1].isspace():
        end -= 1
    return end


def _is_speech(text: str, quote: _Found) -> bool:
    """Short Title Case quotes are titles ('"Howards End."', not the all-capitals "MAKE THE DEAL"); attributed
    quotes are speech unless they are one or two words used as a modifier ('a "cleanup" process'); unattributed
    ones need four words or more."""
    words = _WORD.findall(text, quote.start + 1, quote.end)
    content_words = [word for word in words if word.casefold() not in _TITLE_SMALL_WORDS]
    title_case = all(word[0].isupper() for word in content_words) and not all(word.isupper() for word in words)
    if title_case and len(content_words) >= 2 and len(words) <= 8:
        return False
    if quote.attributed:
        return len(words) > 2 or not _MODIFIED_WORD.match(text, quote.end)
    return len(words) >= 4


def _attribute(
    text: str,
    quote: _Found,
    sentences: list[tuple[int, int]],
    previous_end: int,
    next_start: int,
    people: _People,
    earlier: list[_Found],
) -> None:
    head_start = max(_sentence_start(sentences, quote.start), previous_end)
    tail_end = min(_sentence_end(sentences, quote.end - 1), next_start)
    credit = _CREDIT.match(text, quote.end, sentences[-1][1])
    if credit and not (
        len(_WORD.findall(text, quote.start, quote.end)) >= 3
        and (
            credit.group("bracket")
            or (credit.group("after") in ("", "\n") and len(credit.group("speaker").split()) >= 2)
            or (credit.group("after") == "," and text[quote.end - 2] not in ".!?…")
        )
    ):
        credit = None
    found = _TAIL.match(text, quote.end, tail_end) or (credit and (credit.span("speaker"), None))
    found = found or _head(text, head_start, quote.start)
    found = found or _TAIL_ANYWHERE.search(text, quote.end, tail_end)
    if found is None:
        return
    if isinstance(found, tuple):
        speaker, cue = found
    else:
        group = next(index for index in "123" if found.group(f"speaker{index}"))
        speaker, cue = found.span(f"speaker{group}"), found.span(f"cue{group}")
    quote.speaker = _name_within(text, *speaker)
    quote.speaker_text = text[quote.speaker[0] : quote.speaker[1]]
    quote.cue = cue
    quote.attributed = True
    if quote.speaker_text.casefold() in {"he", "she", "they"}:
        quote.name = people.resolve(quote.speaker[0], earlier)


def _head(text: str, start: int, end: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """Speaker and cue spans of the first "subject + speech verb" before the quote in its sentence."""
    match = _SUBJECT_CUE.search(text, start, end)
    if match is None:
        return None
    if match.group("speaker"):
        return match.span("speaker"), match.span("cue")
    return match.span("after"), (match.start(), match.start() + len("according to"))


def _name_within(text: str, start: int, end: int) -> tuple[int, int]:
    """Narrow a speaker phrase to the name in it: "Kremlin aide Yuri Ushakov" → "Yuri Ushakov"; a phrase led by
    a determiner ("the Strava report") is kept whole, it names no person."""
    phrase = text[start:end]
    if _DETERMINER_FIRST.match(phrase) or _PRONOUN_ONLY.fullmatch(phrase) or _TWO_NAMES.search(phrase):
        return start, end
    runs = [run for run in _NAME_RUN.finditer(text, start, end) if run.group() not in _NOT_NAMES]
    if not runs:
        return start, end
    best = max(runs, key=lambda run: (len(run.group().split()), run.start()))
    # Words by position: `_NAME` joins them with any white space, so counting one space after each word would
    # leave a double space or a line break inside the speaker span ("President  Donald Trump").
    words = list(_NON_SPACE.finditer(best.group()))
    first = words[_name_start([word.group() for word in words])]
    return best.start() + first.start(), best.end()


def _name_start(words: list[str]) -> int:
    """Index of a name's first word after any leading roles: "US President Donald Trump" → 2. A name cannot be
    only roles, so the last word always stays."""
    start = 0
    for index, word in enumerate(words[:-1]):
        if word in _ROLE_WORDS or word in _NOT_NAMES:
            start = index + 1
    return start


def _sentence_start(sentences: list[tuple[int, int]], position: int) -> int:
    index = bisect.bisect_right(sentences, (position, float("inf"))) - 1
    return sentences[index][0] if index >= 0 else position


def _sentence_end(sentences: list[tuple[int, int]], position: int) -> int:
    index = bisect.bisect_right(sentences, (position, float("inf"))) - 1
    return sentences[index][1] if index >= 0 else position + 1


def _share_attribution(quote: _Found, source: _Found) -> None:
    """A second quote in the same sentence as an attributed one ("..., 'stressed' to Trump that ... 'diplomatically'")
    shares its speaker and cue: both spans lie in the quote's own sentence."""
    quote.speaker, quote.cue, quote.speaker_text, quote.name = (
        source.speaker,
        source.cue,
        source.speaker_text,
        source.name,
    )
    quote.attributed = True


def _introducer(
    text: str, low: int, high: int, sentences_of: _ParagraphSentences, people: _People, earlier: list[_Found]
) -> str | None:
    """The speaker named by a previous paragraph that ends by announcing a quote ("Nagel remarks in this
    connection," / "The ministry said:") or that is only a name heading it ("Uli Lorimer, Director of Horticulture
    at Native Plant Trust:"), for a quote that opens the next paragraph."""
    if high <= low or text[low:high].rstrip()[-1:] not in (":", ","):
        return None
    last_sentence = max(sentence_start for sentence_start, _ in sentences_of.within(low, high))
    found = _head(text, last_sentence, high)
    if found is None:
        header = _HEADER.match(text, low, high)
        return header.group("speaker") if header else None
    start, end = _name_within(text, *found[0])
    name = text[start:end]
    return people.resolve(start, earlier) if name.casefold() in {"he", "she", "they"} else name


def _inherit(current: list[_Found], previous_paragraph: list[_Found]) -> None:
    """Give unattributed quotes the speaker of the nearest attributed quote (see the module docstring): one before
    it in the paragraph when that is in the same or the previous sentence or the quote opens its own sentence, else
    one after it in the same sentence, else, for a quote opening its sentence, the previous paragraph's last one."""
    for index, quote in enumerate(current):
        if quote.attributed:
            continue
        before = [
            other
            for other in current[:index]
            if other.who and (quote.opens_sentence or other.sentence >= quote.sentence - 1)
        ]
        after = [other for other in current[index + 1 :] if other.attributed and other.sentence == quote.sentence]
        source = before[-1] if before else after[0] if after else None
        if source is None and previous_paragraph and quote.opens_sentence:
            source = previous_paragraph[-1]
        if source is not None:
            quote.name = source.who


def _to_record(text: str, quote: _Found) -> Quote:
    speaker = cue = None
    if quote.attributed and quote.speaker is not None:
        speaker = TextSpan(start=quote.speaker[0], end=quote.speaker[1], text=text[quote.speaker[0] : quote.speaker[1]])
    if quote.attributed and quote.cue is not None:
        cue = TextSpan(start=quote.cue[0], end=quote.cue[1], text=text[quote.cue[0] : quote.cue[1]])
    return Quote(
        start=quote.start,
        end=quote.end,
        text=text[quote.start : quote.end],
        speaker=speaker,
        speaker_name=quote.name,
        cue=cue,
    )


class _ParagraphSentences:
    """The sentence bounds of each paragraph: cut from the document's sentences when the caller has them, else
    found here."""

    def __init__(self, text: str, sentences: Sequence[Span] | None) -> None:
        self.text = text
        self.sentences = sentences

    # Made on first use: a document without quotes never needs them.
    @functools.cached_property
    def _bounds(self) -> list[tuple[int, int]]:
        return [(sentence["start"], sentence["end"]) for sentence in self.sentences or ()]

    @functools.cached_property
    def _starts(self) -> list[int]:
        return [start for start, _ in self._bounds]

    def within(self, low: int, high: int) -> list[tuple[int, int]]:
        if self.sentences is None:
            return list(sentence_bounds(self.text, low, high))
        return self._bounds[bisect.bisect_left(self._starts, low) : bisect.bisect_left(self._starts, high)]


class _People:
    """Person names mentioned in a document, for resolving "he said" to the nearest one before it.

    Names that are the subject of a speech verb somewhere in the document ("Tipton said", "says Keri Gans") are
    tried first, so that "South America" or "Paris Baguette" in the sentence before "he said" do not win; other
    multi-word names are the fallback.
    """

    def __init__(self, text: str) -> None:
        self.text = text

    @functools.cached_property
    def tiers(self) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
        """Mentions `(position, full name)` of names that speak (by first or last name: "Mary notes" makes "Editor
        Mary Henn" a speaker), then of other multi-word names; built on the first pronoun to resolve, as most
        documents never need it."""
        text = self.text
        speakers: set[str] = set()
        # `_SPOKE` takes the character before each verb or name: a space stands in for it at the text's start,
        # and the search after a match starts at its last character, which may be the one before the next.
        spaced = " " + text
        position = 0
        while match := _SPOKE.search(spaced, position):
            speakers.update(_person_words(match.group("after") or match.group("before")))
            position = match.end() - 1
        full_names: dict[str, str] = {}
        tiers: tuple[list[tuple[int, str]], list[tuple[int, str]]] = ([], [])
        for run in _NAME_RUN.finditer(text):
            words = _person_words(run.group())
            last = words[-1]
            if last in _NOT_NAMES:
                continue
            if len(words) >= 2:
                full_names.setdefault(last, " ".join(words[-3:]))
                full_names.setdefault(words[0], " ".join(words[-3:]))
            speaks = not speakers.isdisjoint(words)
            if speaks or len(words) >= 2 or last in full_names:
                tiers[not speaks].append((run.start(), full_names.get(last, last)))
        return tiers

    def resolve(self, pronoun_at: int, earlier: list[_Found]) -> str | None:
        """The person a pronoun most likely refers to, or None when the nearest sentence naming people is
        ambiguous and the previous quote's speaker is not among them."""
        for mentions in self.tiers:
            index = bisect.bisect_left(mentions, (pronoun_at, "")) - 1
            if index < 0:
                continue
            mention_at, nearest = mentions[index]
            sentence_start = max(self.text.rfind(". ", 0, mention_at), self.text.rfind("\n", 0, mention_at))
            candidates = {name.split()[-1] for at, name in mentions[: index + 1] if at > sentence_start}
            if len(candidates) == 1:
                return nearest
            previous = next((quote.who for quote in reversed(earlier) if quote.who), None)
            if previous and previous.split()[-1] in candidates:
                return previous
            return None
        return None


@functools.lru_cache(maxsize=4096)
def _person_words(name: str) -> tuple[str, ...]:
    """A name's words without leading roles or a trailing possessive: "US President Donald Trump's" → Donald Trump.
    Cached: documents name the same few people again and again, and one another's too."""
    words = name.split()
    return tuple(_without_possessive(word) for word in words[_name_start(words) :])


def _without_possessive(word: str) -> str:
    """The word without a trailing "'s", "’s", "'" or "’" (string tests: a regex per word of every name costs more)."""
    if word.endswith(("'s", "’s")):
        return word[:-2]
    if word.endswith(("'", "’")):
        return word[:-1]
    return word
