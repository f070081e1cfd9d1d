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
- German „…“ and »…«, and «…», pair as the other double marks do; French sets its guillemets off by a space, often a
  non-breaking one (« Notre président »), which its lexicon allows.

Finding who said it, in this order: the words right after the quote ('..., Ushakov said', 'said Matthew Kraft, a
professor', 'the report stated', ', according to X', or a bare name ending the line or followed by a comma or
bracket, as under a pull quote or in a citation: '“...” (Vogel and Black, 2024)', with no cue); else the first
"subject + speech verb" in the part of the sentence before the quote ('Nate Wheatley said, "...', 'Steinhauser said
of studying ... that "...', 'Zelensky, speaking later, said'); else a speech verb later in the sentence ('"...," in
healthy individuals, says Mellor'; stricter there: a named or pronoun speaker, and none of the verbs that are often
nouns, as in "share the stage"). The cue is the verb alone ("told" of "told reporters"); the speaker is narrowed to
the name in the phrase ("Kremlin aide Yuri Ushakov" gives "Yuri Ushakov", "US President Donald Trump" gives "Donald
Trump"), while a phrase led by a determiner ("the Strava report", "a recent graduate") is kept whole, and so is
one that ends with a role ("Maxi Moving's Vice President"). A speaker after its verb is read on past where the
patterns stop: a name longer than five words, and the person named after an employer or a role ("said MIT Sloan
professor Thomas W. Malone", "says Estera Events Co-Owner and Lead Planner Erica Vanco"), but not past a word that
joins the speaker to someone else ("said Smith to reporter Jane Doe" is Smith's).

Pronouns: "he said" keeps the pronoun as the `speaker` span and puts the resolved name in `speaker_name`: the
nearest name before it among those the document has speak somewhere ("Tipton said", "says Keri Gans") or sets beside
a role ("The opposition leader, Peter Dutton,", "Planner Beth Lowe"), else among other multi-word names. When the
sentence holding that nearest name holds another such name too and neither spoke the previous quote, the pronoun is
ambiguous and `speaker_name` stays None; a possessive ("Bernard seconds Kevin’s recommendation") does not count
beside a name that is not one.

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

Languages. The words all this reads (speech verbs, "according to", determiners, pronouns, roles, the capitalised
openers that are never names, the capitals names start with) come from the document language's `SpeechLexicon`
(`builder.enrich.quote_lexicons`): English, German, French, Spanish, Italian, Portuguese, Russian, Dutch, Polish and
Ukrainian. Each language's patterns are built once, on first use; a language without a lexicon ("und" among them)
is read with English's, as every document was before. English's lexicon is the lists the rules above were tuned
with, and its patterns match what they always matched. The other lexicons add what their press does differently:
- a dash between the quote and the attribution («…», — сказал он; „…“ – sagte er);
- compound verbs ("a déclaré", "ha detto", "ha dicho"), with the auxiliary in the cue;
- French's pronoun hyphenated into the verb ("a-t-il dit", "ajoute-t-elle", "dit-il"): the pronoun is the speaker
  and the verb the cue (for "a-t-il dit", the participle alone, as the spans cannot overlap);
- a verb whose subject is left out («…», añadió; „…” – dodał; in Spanish, Italian, Portuguese and Polish) and a cue
  that holds its pronoun ("selon lui", "по его словам"): no speaker span, the cue, and the name resolved as for
  "he said";
- the verb before its subject ahead of a quote ("Как заявил Лавров, «…»", "Am Montag sagte der Minister: „…“"). In
  German and Dutch the verb comes second, so a subject right after it wins over the word before it ("Der Zeitung
  sagte Merz"); and as German capitalises every noun, a capitalised word after a preposition or a determiner
  ("Im Interview sagte Merz", "Gegenüber der Zeitung sagte Merz") is no subject, and compound roles are told by
  their ending ("Bundeskanzler", "Kreml-Berater");
- a determiner phrase gives the person's name it holds or that follows it between commas ("der russische Präsident
  Wladimir Putin" gives "Wladimir Putin", "el portavoz del Kremlin, Dmitri Peskov," gives "Dmitri Peskov", as in
  English "the Kremlin spokesman, Dmitry Peskov," gives "Dmitry Peskov"), and stays
  whole when it names no person ("die Regierung") or an institution, a capitalised name right after the determiner
  ("das Auswärtige Amt").
Chinese and Japanese, without spaces or capitals, have rules of their own (`builder.enrich.quotes_unspaced`).
Not covered: other languages without a lexicon (their verbs are not English's, so their quotes are rarely
credited); names stay as printed, in their case ("по словам Пескова" gives "Пескова"); a title in sentence case
(«Cien años de soledad») is no Title Case, so a speech verb near it can make it a quote; pronouns are resolved
without their gender; the other lexicons were checked on handwritten paragraphs (tests/test_enrich_quotes_languages.py),
not scored on labelled pages as English's are.

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
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from builder.enrich.genders import Gender, name_gender
from builder.enrich.patterns import one_of
from builder.enrich.quote_lexicons import ENGLISH, LEXICONS, SpeechLexicon
from builder.enrich.quotes_unspaced import UNSPACED_QUOTE_LANGUAGES, find_unspaced_quotes
from builder.enrich.sentences import sentence_bounds
from builder.records import Quote, Span
from builder.records.spans import quote_of

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
_SENTENCE_END_MARKS = ".!?…"
_CLOSING_QUOTES = "\"'”’"

_WORD = re.compile(r"[\w'’\-]+")
_NON_SPACE = re.compile(r"\S+")
_ALPHANUMERIC = re.compile(r"[^\W_]")
"""A letter or digit: what `str.isalnum` accepts, found in C."""

_SPACE_IN_LINE = r"[^\S\n]+"
"""White space that does not end a line: what is read on past a speaker never runs into the next paragraph."""
FIRM_AND_ROLE_WORDS = 3
MORE_NAME_WORDS = 6
"""How many more words a speaker is read on by, past the patterns' five."""
ROLE_REACH = 40
"""How far before a name a role that it follows is looked for."""
_SPACE_RUN_IN_LINE = re.compile(_SPACE_IN_LINE)
SENTENCE_MENTIONS_MAX = 20
"""How many names mentioned before a pronoun in its sentence are candidates for it (see `_People.resolve`)."""
SENTENCE_REACH = 600
"""How far back the start of the sentence naming whom a pronoun may refer to is looked for, beyond its names."""
PRONOUN_MAX_CHARS = 8
"""Longer than any pronoun of the lexicons, for reading the word at a pronoun's offset."""
_OTHER_GENDER: dict[Gender, Gender] = {"f": "m", "m": "f"}
_PUNCTUATION = ",.;:!?\"'”’»"
_SENTENCE_OPENERS = " \t\n\"“‘'(«„"
"""What may stand between a sentence's start and a name that opens it."""
WORD_MAX_CHARS = 40
INITIALS_MAX = 5
"""A word of a name or of the words before it is at most WORD_MAX_CHARS long, a name's initials ("J.R.R.") at most
INITIALS_MAX + 1: the patterns read no further. Unbounded, a pattern tried at each mark of a long run without
spaces ("A.A.A.…", "Buy-Cheap-Now-…", "-----") read the rest of the run from each, which took time in the square
of the run's length (a record of 16,000 initials took 43 seconds)."""
_MODIFIERS = rf"(?:[\w'’\-]{{1,{WORD_MAX_CHARS}}}+\s+){{0,3}}?"
_APPOSITIVE = r"(?:(?:,\s[^,\"“”‘’«»()\n]{2,130}+){1,2},)?"
"""Asides between a speaker and the verb: "Zelensky, speaking later in his nightly video address, said", "Jane
Doe, 45, of Leeds, said", "Dr. Jane Smith, MD, PhD, said". Each run is possessive: the comma that must end it is
outside its class, so a shorter run cannot be followed by one. An aside holds no quote mark, bracket or line break:
one that ran over a paragraph made "Paris" of "La maire de Paris, Anne Hidalgo, a présenté son budget." the
speaker of the next paragraph's "«…», explique-t-elle", and "(e.g., click, say 'Yes')" no aside.
Up to 130 characters: a title and an affiliation run long ("As Paco Calvo, director of the Minimal Intelligence
Laboratory at the University of Murcia in Spain and author of Planta Sapiens, puts it"); 90 missed that one."""


@dataclass(eq=False)
class _Rules:
    """A language's patterns and word sets, built from its `SpeechLexicon` by `_build_rules`."""

    subject_cue: re.Pattern[str]
    """'Ushakov said', 'the Strava report explained', 'he told', 'according to Keatley' anywhere in a sentence;
    where the lexicon has them, also the verb before its subject ("Am Montag sagte Merz") and a cue that holds its
    pronoun ("selon lui")."""
    tail: re.Pattern[str]
    """The attribution right after a quote: inverted ('said Kraft'), plain ('Kraft said') or 'according to X';
    where the lexicon has them, also a pronoun hyphenated to the verb ("a-t-il dit") and a verb alone ("añadió")."""
    tail_anywhere: re.Pattern[str]
    """An attribution later in the sentence ('"...," in healthy individuals, says Mellor'); stricter than right
    after the quote: no verb that is often a noun ("share the stage") and no inverted common noun phrase."""
    tail_anywhere_word: re.Pattern[str]
    """A cue or its auxiliary, one of which every match of `tail_anywhere` holds: where none is, `tail_anywhere`
    is not searched for. Its search reads a speaker's words at every word, this one only the verbs, which costs a
    fifth as much; a part of a sentence that holds a verb is read twice, but most that `_attribute` searches
    hold none (the verb was before the quote or right after it)."""
    credit: re.Pattern[str]
    """A bare name right after a quote: a pull quote's credit ending the line, a citation in brackets ('“...”
    (Vogel and Black, 2024)', which may follow the quote's full stop), or a name and title after a quote that does
    not end its sentence ('“...,” Alexander B. Niculescu, M.D.')."""
    header: re.Pattern[str]
    """A paragraph that only names the person whose words follow, as in interview round-ups."""
    spoke: re.Pattern[str]
    """Names that speak somewhere in a document; "he said" resolves to them before other capitalised names. This
    scans the whole text, so it opens with the character before the verb or name, which must not belong to a
    word, rather than a look-behind for one: the engine then skips the characters inside words in its search loop
    instead of starting a match on each (a fifth fewer instructions; `_People.tiers` searches so that no match is
    lost to the character taken). The second branch first tests for the capital every name starts with: at the
    start of each lower-case word it then fails on one test, before the look-ahead of the name pattern (an eighth
    fewer instructions). Who was addressed ("told Reuters") and the subject of a reported clause ("suggested that
    the Bolt") do not speak."""
    name_run: re.Pattern[str]
    """A name wherever it stands. The leading class (every name starts with a capital) lets most positions fail on
    one test, before the look-behind and the alternations of the name pattern."""
    determiner_first: re.Pattern[str] | None
    possessor_first: re.Pattern[str]
    """A phrase opening with a possessive name (in English; in other languages it never matches): narrowed to the
    person's name it holds ("Israel's Prime Minister Benjamin Netanyahu"), else kept whole ("Israel’s prime
    minister")."""
    pronoun_only: re.Pattern[str]
    two_names: re.Pattern[str]
    modified_word: re.Pattern[str]
    """A content word right after a short quote: the quote modifies it ('a "cleanup" process'), it is not speech."""
    subject_after_cue: re.Pattern[str] | None
    """A pronoun or name right after a verb, which is its subject where the verb comes second ("Im Interview sagte
    Merz")."""
    apposed_name: re.Pattern[str]
    """A name set off by commas after a determiner phrase ("el portavoz del Kremlin, Dmitri Peskov,", "the Kremlin
    spokesman, Dmitry Peskov,")."""
    more_name: re.Pattern[str]
    """More words of a name right after a speaker, which the patterns cut at five words ("Google Fonts Product
    Manager Sophia | Siao")."""
    role_then_name: re.Pattern[str] | None
    """A role and the name of who holds it, right after a speaker that names where they work or another role of
    theirs: "MIT Sloan | professor Thomas W. Malone", "Estera Events Co-Owner | and Lead Planner Erica Vanco"; the
    `conjoined` group is set in the second form."""
    name_after_role: re.Pattern[str]
    """A name set off by a comma after a speaker that ends in a role ("says Co-Founder |, Stephanie Özcan.")."""
    employer_joints: tuple[str, ...]
    """" of " and its like, between a person and where they work ("Dr. Ehsan Jazini of VSI explains")."""
    author_before: re.Pattern[str] | None
    """The author of a text named right before where it was posted, ending where the subject of a relative clause
    begins: "a post by | Trump from | his Truth Social platform that read, '…'" (English)."""
    role_nouns: frozenset[str]
    """Roles in lower case (see `SpeechLexicon.role_nouns`)."""
    role_after: re.Pattern[str] | None
    """A role set off by a comma right after a name ("Peter Dutton |, the opposition leader")."""
    pronouns: frozenset[str]
    """Casefolded: a speaker that is one of them is resolved to a name (a neuter one to a phrase)."""
    neuter_pronouns: frozenset[str]
    """Casefolded ("it"): the previous quote's speaker when that is a determiner phrase, else no attribution."""
    pronoun_genders: dict[str, Gender]
    """Casefolded pronouns that refer to a man or a woman only ("he", "she"; not "they" or German "sie")."""
    not_names: frozenset[str]
    role_words: frozenset[str]
    role_endings: tuple[str, ...]
    not_before_subject: frozenset[str]
    """Casefolded prepositions and determiners: a capitalised word after one is a noun, not the subject (German)."""
    prepositions: frozenset[str]
    """Casefolded `np_last_stop` words but the `and_words`: a name after one is no sentence's subject ("At Zettler
    Digital, founder Ben Zettler", "an account by Kevin Hartnett of how …")."""
    title_small_words: frozenset[str]
    narrow_determiner_phrases: bool
    spaced_openers: str
    spaced_closers: str
    speech_objects: frozenset[str]
    """Casefolded `SpeechLexicon.speech_objects`."""
    relatives: frozenset[str]
    """Casefolded `SpeechLexicon.relatives`."""
    relative_object: re.Pattern[str] | None
    """A phrase and a relative clause of a word or two, ending where the object of that clause stands, whose
    verb is then the phrase's: "one tester of a previous version | that used | the same foam said" (see
    `_subject_before_relative`)."""
    passive_agent: re.Pattern[str] | None
    """The agent named after a passive speech verb: " by candidates", " by the committee", " by Maria Lopez"."""
    naming: re.Pattern[str] | None
    """What introduces a name in quote marks, ending where the quote's opening mark stands (see
    `SpeechLexicon.naming`)."""
    naming_ends: frozenset[str]
    """The last words of what `naming` matches, casefolded: a quote after none of them is not searched for one
    (the search before every quote cost a twentieth of quote finding)."""
    person_words: Callable[[str], tuple[str, ...]] = field(init=False, repr=False)
    mention: Callable[[str], _Mention | None] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        # Cached per language: documents name the same few people again and again, and one another's too.
        self.person_words = functools.lru_cache(maxsize=4096)(self._person_words)
        self.mention = functools.lru_cache(maxsize=4096)(self._mention)

    def _person_words(self, name: str) -> tuple[str, ...]:
        """A name's words without leading roles or a trailing possessive or contraction (`_without_clitic`): "US
        President Donald Trump's" → Donald Trump."""
        words = name.split()
        return tuple(_without_clitic(word) for word in words[_name_start(words, self) :])

    def _mention(self, name: str) -> _Mention | None:
        """What a name run found by `name_run` tells by its text alone (see `_People.tiers`), or None for one that
        names no one: a firm and a role ("Holloway Events Founder"), or a role alone ("says Co-Founder, Stephanie
        Özcan"). Two words ending in a role may be a name ("Edith Head")."""
        words = self.person_words(name)
        last = words[-1]
        if (
            last in self.not_names
            or (last in self.role_words and (len(words) >= FIRM_AND_ROLE_WORDS or len(words) == 1))
            or (self.role_endings and last.casefold().endswith(self.role_endings))
        ):
            return None
        return _Mention(
            words,
            " ".join(words[-3:]) if len(words) >= 2 else None,
            any(_is_role(word, self) for word in name.split()[:-1]),
        )


class _Mention(NamedTuple):
    """A name run as a mention of a person, by its text alone: the same wherever it stands."""

    words: tuple[str, ...]
    """`_Rules.person_words` of the run."""
    full_name: str | None
    """Its last three words, for a name of two words or more."""
    role_inside: bool
    """A capitalised role before its last word ("Planner Beth Lowe"), which `person_words` left out: the name is
    set beside a role (see `_People._beside_a_role`)."""


@functools.cache
def _rules(language: str) -> _Rules:
    """The rules for an ISO 639-1 code; English's for a language without a lexicon (and for "und")."""
    return _build_rules(LEXICONS.get(language, ENGLISH))


@functools.cache
def _build_rules(lexicon: SpeechLexicon) -> _Rules:
    """Compile a lexicon's patterns. English's match what the module's patterns always matched; a part that only
    other languages need is left out of a pattern when the lexicon has no words for it."""
    parts = _pattern_parts(lexicon)
    name, pronoun, joined = parts.name, parts.pronoun, rf"(?:\s+(?:{lexicon.and_words})\s+{parts.name})?"
    tail, far, far_word = _attributions(lexicon, parts)
    header_joint = rf",|\s+(?:{lexicon.of_words})\s" if lexicon.of_words else ","
    not_before_subject = f"{lexicon.prepositions}|{lexicon.determiners}" if lexicon.prepositions else ""
    return _Rules(
        subject_cue=re.compile(_subject_cue(lexicon, parts)),
        # Possessive: the gap given back a dash at a time let the modifiers read the rest of a run of dashes anew.
        tail=re.compile(rf"[\s{re.escape(lexicon.tail_gap)}]*+(?:{tail})"),
        tail_anywhere=re.compile(rf"(?<![\w'’])(?:{far})"),
        tail_anywhere_word=re.compile(rf"(?<![\w'’])(?:{far_word})"),
        credit=re.compile(rf"[ \t,—–\-]*(?P<bracket>\()?(?P<speaker>{name}{joined})[ \t]*(?P<after>[,;)\n]|$)"),
        header=re.compile(rf"(?P<speaker>{name}{joined})(?:{header_joint})[^\n.!?]{{0,120}}:\s*$"),
        spoke=re.compile(
            rf"[^\w'’](?:(?:{parts.inverted_cues})\s+{parts.clause_free_modifiers}(?P<after>{name})"
            rf"|(?=[{lexicon.capitals}])(?P<before>{name}){_APPOSITIVE}\s+{parts.adverbs}(?:{parts.cues})\b)"
        ),
        name_run=re.compile(rf"(?=[{lexicon.capitals}])(?<![\w'’]){name}"),
        determiner_first=re.compile(parts.determiner + r"\s") if parts.determiner else None,
        possessor_first=re.compile(parts.possessor + r"\s"),
        pronoun_only=re.compile(pronoun),
        two_names=re.compile(rf"\s(?:{lexicon.and_words})\s"),
        modified_word=re.compile(rf"\s(?!(?:{lexicon.modified_word_exceptions})\b)[{lexicon.lowercase}]"),
        subject_after_cue=(
            re.compile(rf"\s+{parts.between}(?P<speaker>{pronoun}|{name})") if lexicon.verb_second else None
        ),
        apposed_name=re.compile(rf",\s+(?P<name>{name})(?=\s*[,.;:)]|\s*$)"),
        more_name=re.compile(rf"(?:{_SPACE_IN_LINE}{parts.name_word}){{1,{MORE_NAME_WORDS}}}"),
        role_then_name=re.compile(
            rf"(?:(?P<conjoined>{_SPACE_IN_LINE}(?:{lexicon.and_words}){_SPACE_IN_LINE}"
            rf"(?:(?:{lexicon.role_words}){_SPACE_IN_LINE})+)"
            rf"|{_SPACE_IN_LINE}(?:{_role_modifier(lexicon)}{_SPACE_IN_LINE}){{0,2}}?(?:{lexicon.role_nouns})"
            rf"{_SPACE_IN_LINE})(?P<name>{name})"
        )
        if lexicon.role_nouns
        else None,
        name_after_role=re.compile(rf",[^\S\n]+(?P<name>{name})(?=[^\S\n]*(?:[,.;:)!?]|$))", re.MULTILINE),
        employer_joints=tuple(f" {word} " for word in lexicon.of_words.split("|")) if lexicon.of_words else (),
        author_before=re.compile(rf"\bby\s+(?P<name>{name})\s+(?:from|on|in|via)\s+$") if lexicon is ENGLISH else None,
        role_nouns=_word_set(lexicon.role_nouns),
        role_after=re.compile(rf",\s+(?:{lexicon.determiners})\s+(?:[\w'’\-]+\s+){{0,3}}?(?:{lexicon.role_nouns})\b")
        if lexicon.role_nouns and lexicon.determiners
        else None,
        pronouns=_word_set(_joined_words(lexicon.pronouns, lexicon.neuter_pronouns).casefold()),
        neuter_pronouns=_word_set(lexicon.neuter_pronouns.casefold()),
        pronoun_genders={
            **dict.fromkeys(_word_set(lexicon.masculine_pronouns.casefold()), "m"),
            **dict.fromkeys(_word_set(lexicon.feminine_pronouns.casefold()), "f"),
        },
        not_names=_word_set(lexicon.not_names),
        role_words=_word_set(lexicon.role_words),
        role_endings=tuple(_word_set(lexicon.role_endings)),
        not_before_subject=_word_set(not_before_subject.casefold()),
        prepositions=_word_set(lexicon.np_last_stop.casefold()) - _word_set(lexicon.and_words.casefold()),
        title_small_words=_word_set(lexicon.title_small_words),
        narrow_determiner_phrases=lexicon.narrow_determiner_phrases,
        spaced_openers=lexicon.spaced_openers,
        spaced_closers=lexicon.spaced_closers,
        speech_objects=_word_set(lexicon.speech_objects.casefold()),
        relatives=_word_set(lexicon.relatives.casefold()),
        relative_object=re.compile(
            rf"(?<![\w'’])(?P<subject>{parts.det_np}|{name})"
            rf"(?:\s+(?:{lexicon.of_words})\s+(?:{parts.det_np}|{name}))?"
            rf"\s+(?:{lexicon.relatives})\s+(?:[\w'’\-]+\s+){{1,2}}\Z"
        )
        if lexicon.relatives and lexicon.of_words and parts.det_np
        else None,
        passive_agent=re.compile(
            rf"[^\S\n]+(?:{lexicon.passive_by})[^\S\n]+(?P<agent>{name}|{parts.det_np}"
            rf"|(?:(?:{lexicon.quantifiers})[^\S\n]+)?[{lexicon.lowercase}][\w\-]*)"
        )
        if lexicon.passive_by and parts.det_np
        else None,
        naming_ends=frozenset(
            phrase.split()[-1].casefold()
            for phrase in f"{lexicon.naming}|{lexicon.naming_after_thing}".split("|")
            if phrase
        ),
        naming=re.compile(rf"\b(?:{_naming(lexicon)})[^\S\n]*[:,]?[^\S\n]*\Z", re.IGNORECASE)
        if lexicon.naming
        else None,
    )


class _PatternParts(NamedTuple):
    """The pieces of a language's patterns, as regex text."""

    name: str
    name_word: str
    """A further word of a name, after the white space before it ("von der Leyen")."""
    pronoun: str
    determiner: str
    """"" where the language has no articles."""
    possessor: str
    """A possessive name standing for a determiner ("Israel’s prime minister"), in English; else a pattern that
    never matches."""
    det_np: str
    """A determiner phrase ("the Strava report", "der Minister"), or "" with no determiners."""
    np_end: str
    adverbs: str
    between: str
    """Words between a verb and the subject after it, or ""."""
    cues: str
    far_cues: str
    tail_cues: str
    inverted_tail_cues: str
    """The cues a subject may follow ("said Kraft"), of `tail_cues` and `far_cues`: not "told Reuters"."""
    inverted_cues: str
    """The same of `cues`."""
    clause_free_modifiers: str
    """`_MODIFIERS` with none of the lexicon's `clause_words`: the words between a verb and the subject after it
    ("says former Fed chair Janet Yellen"), which a name after "that" is not ("suggested that the Bolt")."""
    inverted_far_cues: str
    according: str
    pronoun_cues: str


def _naming(lexicon: SpeechLexicon) -> str:
    """The regex alternation of `SpeechLexicon.naming`'s phrases and of its words that name after an indefinite
    thing."""
    phrases = lexicon.naming.replace(" ", r"\s+")
    if not lexicon.naming_after_thing:
        return phrases
    return rf"{phrases}|(?:{lexicon.naming_thing})(?:{lexicon.naming_after_thing})"


def _role_modifier(lexicon: SpeechLexicon) -> str:
    """A word in lower case before a role ("computer science professor"), but none that joins the speaker to
    someone else ("said Smith to reporter Jane Doe", "and his lawyer Mary Jones")."""
    joining = "|".join(
        words
        for words in (lexicon.clause_words, lexicon.np_end, lexicon.determiners, lexicon.modified_word_exceptions)
        if words
    )
    return rf"(?!(?:{joining})\b)[{lexicon.lowercase}][\w\-]*"


def _pattern_parts(lexicon: SpeechLexicon) -> _PatternParts:
    capitals = lexicon.capitals
    title = rf"(?:{one_of(lexicon.titles)}\s+)?" if lexicon.titles else ""
    # A capitalised word or initials. Possessive (`*+`, as in the other word patterns here): what the patterns
    # allow after a word is never a letter, digit, apostrophe or hyphen, so giving back its letters one by one
    # when the rest fails could only fail again; not trying saves a fifth of the scan for speakers.
    # Bounded (see WORD_MAX_CHARS).
    initials = rf"[{capitals}]\.(?:[{capitals}]\.){{0,{INITIALS_MAX}}}"
    capword = rf"(?:{initials}|[{capitals}][\w'’\-]{{0,{WORD_MAX_CHARS}}}+)"
    particle = rf"(?:(?:{lexicon.particles})\s+)?" if lexicon.particles else ""
    not_subject = "(?!" + one_of(lexicon.not_subject) + r"\b)"
    # A word of a speaker's noun phrase ("the Strava report", "a 2022 article", "the 83-year-old", "a senior U.S.
    # official"): not a pronoun or conjunction, nor a verb or a bare number other than a year, which make it a
    # clause ("The outcome of this step is called the 'rough cut'", "The specification defines 67 distinct
    # tokenizer states").
    np_word = rf"(?!(?:{lexicon.clause_words})\b|(?!\d{{4}}\b)\d+(?![\w'’\-]))(?:(?:[{capitals}]\.){{2,}}|[\w'’\-]++)"
    np_last = rf"(?!(?:{lexicon.np_last_stop})\b)" if lexicon.np_last_stop else ""
    determiner = rf"(?:{_either_case(lexicon.determiners)})" if lexicon.determiners else ""
    # A name's last word in the possessive ("the U.S. Copyright Office's"), in English only; elsewhere no match.
    possessive = rf"(?:{capword}\s+){{0,3}}[{capitals}][\w\-]{{0,{WORD_MAX_CHARS}}}['’]s"
    possessor = possessive if lexicon is ENGLISH else "(?!)"
    adverb_words = lexicon.adverbs + (rf"|\w+{lexicon.adverb_suffix}" if lexicon.adverb_suffix else "")
    adverbs = rf"(?:(?:{adverb_words})\s+){{0,2}}"
    compound = ""
    if lexicon.auxiliaries:
        # "a déclaré", "ha detto", "a également souligné".
        compound = rf"(?:{one_of(lexicon.auxiliaries)})\s+{adverbs}{one_of(lexicon.participles)}"
    near_only, object_cues = _word_set(lexicon.near_only_cues), _word_set(lexicon.object_cues)
    far_words = "|".join(word for word in lexicon.cues.split("|") if word not in near_only)
    # Every use of the cues is followed by a word boundary or a space, where a trie alternation matches the same.
    cues = _alternatives(one_of(lexicon.cues), compound, lexicon.cue_pattern)
    tail_cues = _alternatives(cues, one_of(lexicon.tail_only_cues) if lexicon.tail_only_cues else "")
    tail_words = lexicon.cues + (f"|{lexicon.tail_only_cues}" if lexicon.tail_only_cues else "")
    inverted_words, inverted_tail_words, inverted_far_words = (
        "|".join(word for word in words.split("|") if word not in object_cues)
        for words in (lexicon.cues, tail_words, far_words)
    )
    return _PatternParts(
        name=rf"{not_subject}{title}{capword}(?:\s+{particle}{capword}){{0,4}}",
        name_word=rf"{particle}{capword}",
        pronoun=rf"(?:{_either_case(_joined_words(lexicon.pronouns, lexicon.neuter_pronouns))})\b",
        determiner=determiner,
        possessor=possessor,
        # A possessive name stands for a determiner in English: "Israel’s prime minister", "Google's chief executive".
        det_np=rf"(?:{determiner}|{possessor})\s+(?:{np_word}\s+){{0,5}}?{np_last}{np_word}" if determiner else "",
        np_end=r"(?=\s*(?:[,.;:!?(]|$)" + (rf"|\s+(?:{lexicon.np_end})\b)" if lexicon.np_end else ")"),
        adverbs=adverbs,
        between=(
            rf"(?:(?:{one_of(lexicon.between_cue_and_subject)})\s+){{0,2}}" if lexicon.between_cue_and_subject else ""
        ),
        cues=cues,
        far_cues=_alternatives(one_of(far_words), compound, lexicon.far_cue_pattern),
        tail_cues=tail_cues,
        inverted_tail_cues=_alternatives(one_of(inverted_tail_words), compound, lexicon.cue_pattern)
        if object_cues
        else tail_cues,
        inverted_far_cues=_alternatives(one_of(inverted_far_words), compound, lexicon.far_cue_pattern),
        inverted_cues=_alternatives(one_of(inverted_words), compound, lexicon.cue_pattern),
        clause_free_modifiers=rf"(?:(?!(?:{lexicon.clause_words})\s)[\w'’\-]{{1,{WORD_MAX_CHARS}}}+\s+){{0,3}}?",
        according=f"(?i:{lexicon.according_to})",
        pronoun_cues=f"(?i:{one_of(lexicon.pronoun_cues)})" if lexicon.pronoun_cues else "",
    )


def _subject_cue(lexicon: SpeechLexicon, parts: _PatternParts) -> str:
    """'Ushakov said', 'the Strava report explained', 'he told', 'according to Keatley' anywhere in a sentence;
    where the lexicon has them, the verb before its subject too ("Am Montag sagte Merz", "Как заявил Лавров") and a
    cue that holds its pronoun ("selon lui")."""
    name, det_np = parts.name, parts.det_np
    branches = [
        rf"(?<![\w'’])(?P<speaker>{_alternatives(parts.pronoun, det_np, name)}){_APPOSITIVE}\s+"
        rf"(?:(?:{lexicon.relatives})\s+)?{parts.adverbs}(?P<cue>{parts.cues})\b",
        rf"(?P<according>{parts.according})\s+(?P<after>{_credited(parts)}){parts.np_end}",
    ]
    if lexicon.cue_before_subject:
        branches.append(
            rf"(?<![\w'’])(?P<inverted_cue>{parts.cues})\s+{parts.between}(?P<inverted>{_inverted_subject(parts)})"
        )
    if parts.pronoun_cues:
        branches.append(rf"(?<![\w'’])(?P<pronoun_cue>{parts.pronoun_cues})\b")
    return "|".join(branches)


def _attributions(lexicon: SpeechLexicon, parts: _PatternParts) -> tuple[str, str, str]:
    """The branches of an attribution right after a quote ('said Kraft', 'Kraft said', 'according to X') and of
    one later in its sentence, numbered: `_branch_spans` reads the speaker and cue of the one that matched. Then
    the words one of which every match of the later one holds after a character that is no letter, digit or
    apostrophe (`_Rules.tail_anywhere_word`): the cue of each branch, or the auxiliary opening it."""
    name, pronoun, det_np, adverbs, between = parts.name, parts.pronoun, parts.det_np, parts.adverbs, parts.between
    credited = _alternatives(det_np + parts.np_end, name) if det_np else _credited(parts)
    tail = [
        rf"(?P<cue1>{parts.inverted_tail_cues})\s+{between}(?P<speaker1>{_inverted_subject(parts)})",
        # An aside between them: '"…," the Kremlin spokesman, Dmitry Peskov, said' (`_name_within` takes the name).
        rf"(?P<speaker2>{_alternatives(pronoun, det_np, _MODIFIERS + name)}){_APPOSITIVE}\s+{adverbs}"
        rf"(?P<cue2>{parts.tail_cues})\b",
        rf"(?P<cue3>{parts.according})\s+(?P<speaker3>{credited})",
    ]
    # Later in the sentence: no verb that is often a noun ("share the stage"), no inverted common noun phrase.
    far = [
        rf"(?P<cue1>{parts.inverted_far_cues})\s+{between}(?P<speaker1>{pronoun}|{_MODIFIERS}{name})",
        rf"(?P<speaker2>{_alternatives(pronoun, det_np, _MODIFIERS + name)})\s+{adverbs}(?P<cue2>{parts.far_cues})\b",
        rf"(?P<cue3>{parts.according})\s+(?P<speaker3>{credited})",
    ]
    far_words = [parts.far_cues, parts.according]
    if lexicon.inverted_pronouns:
        # "a-t-il dit" (the participle is the cue: the pronoun stands inside the verb), "ajoute-t-elle", "dit-il".
        inverted = one_of(lexicon.inverted_pronouns)
        hyphenated = [
            rf"(?:{one_of(lexicon.auxiliaries)})(?:-t)?-(?P<speaker4>{inverted})\s+{adverbs}"
            rf"(?P<cue4>{one_of(lexicon.participles)})\b",
            rf"(?P<cue5>{one_of(lexicon.cues)})(?:-t)?-(?P<speaker5>{inverted})\b",
        ]
        tail += hyphenated
        far += hyphenated
        far_words += [one_of(lexicon.auxiliaries), one_of(lexicon.cues)]
    if parts.pronoun_cues:
        tail.append(rf"(?P<cue6>{parts.pronoun_cues})\b")
        far.append(rf"(?P<cue6>{parts.pronoun_cues})\b")
        far_words.append(parts.pronoun_cues)
    if lexicon.subject_dropped:
        # The verb alone, then the sentence's end or what follows a subject: "«…», añadió.", "ha detto ai giornalisti".
        follows = r"\s*(?:[.,;:!?)]|$)" + (rf"|\s+(?:{lexicon.np_end})\b" if lexicon.np_end else "")
        tail.append(rf"(?P<cue7>{parts.tail_cues})(?={follows})")
    return "|".join(tail), "|".join(far), "|".join(far_words)


def _inverted_subject(parts: _PatternParts) -> str:
    """A subject after its verb: 'said Kraft', 'said the report', 'сказал журналистам помощник президента Юрий
    Ушаков'."""
    return _alternatives(parts.pronoun, parts.det_np + parts.np_end if parts.det_np else "", _MODIFIERS + parts.name)


def _credited(parts: _PatternParts) -> str:
    """Who "according to" credits: a determiner phrase or a name; where there are no determiners (Russian), a
    name after words in lower case ("по словам помощника президента Юрия Ушакова")."""
    return _alternatives(parts.det_np, parts.name) if parts.det_np else _MODIFIERS + parts.name


def _alternatives(*forms: str) -> str:
    return "|".join(form for form in forms if form)


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split("|")) if words else frozenset()


def _either_case(words: str) -> str:
    """The words as an alternation that also takes them capitalised, as at a sentence's start: "the|a" →
    "[Tt]he|[Aa]"."""
    return "|".join(f"[{word[0].upper()}{word[0]}]{word[1:]}" for word in words.split("|"))


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


def find_quotes(
    text: str, paragraphs: Sequence[Span], sentences: Sequence[Span] | None = None, language: str = "en"
) -> list[Quote]:
    """Direct quotes of `text` in reading order; each lies inside one paragraph and includes its marks.

    `sentences`, when the caller has them, must be `split_sentences(text, paragraphs)`; they are then not found
    again. `language` is the text's ISO 639-1 code: its speakers are found with that language's lexicon
    (`builder.enrich.quote_lexicons`), or with English's when it has none."""
    if language in UNSPACED_QUOTE_LANGUAGES:
        return find_unspaced_quotes(text, paragraphs, language)
    rules = _rules(language)
    sentences_of = _ParagraphSentences(text, sentences)
    people = _People(text, rules)
    found: list[_Found] = []
    # The name of the last quote found that has one, kept as quotes are found rather than looked for backwards
    # through all of them for each new one (which took time in the square of their number).
    found_last_who: str | None = None
    previous_paragraph: list[_Found] = []
    previous_bounds = (0, 0)
    # The last paragraph that held quotes, and how many paragraphs without a quote mark have come since.
    last_quoted: list[_Found] = []
    quiet_paragraphs = 0
    paragraph_ends = [paragraph["end"] for paragraph in paragraphs]
    marks = [match.start() for match in _MARKS.finditer(text)]
    for paragraph in paragraphs:
        low, high = paragraph["start"], paragraph["end"]
        first_mark = bisect.bisect_left(marks, low)
        # Most paragraphs hold no quote mark, or only apostrophes inside words: skip them (see `_marks` for the
        # first character), with no more work than what a paragraph without quotes leaves for the next one.
        has_mark = first_mark < len(marks) and marks[first_mark] < high
        if not has_mark and not text.startswith(_MARK_CHARACTERS, low, high):
            previous_paragraph, previous_bounds = [], (low, high)
            quiet_paragraphs += 1
            continue
        spans = _quote_spans(text, low, high, rules)
        current: list[_Found] = []
        last_who = found_last_who
        paragraph_sentences = sentences_of.within(low, high) if spans else []
        for index, (start, end) in enumerate(spans):
            sentence = max(bisect.bisect_right(paragraph_sentences, (start, high)) - 1, 0)
            quote = _Found(start, end, sentence=sentence, opens_sentence=paragraph_sentences[sentence][0] == start)
            previous_end = spans[index - 1][1] if index else low
            next_start = spans[index + 1][0] if index + 1 < len(spans) else high
            _attribute(text, quote, paragraph_sentences, previous_end, next_start, people, last_who, rules)
            if not quote.attributed and current and current[-1].attributed and current[-1].sentence == sentence:
                _share_attribution(quote, current[-1])
            if not quote.attributed and start == low:
                quote.name = _introducer(text, *previous_bounds, sentences_of, people, found_last_who, rules)
            if _is_speech(text, quote, rules):
                current.append(quote)
                last_who = quote.who or last_who
        _inherit(current, previous_paragraph)
        if not previous_paragraph and last_quoted and quiet_paragraphs <= QUIET_PARAGRAPHS:
            _inherit_across_quiet(text, current, last_quoted, people, paragraph_ends)
        found.extend(current)
        found_last_who = next((quote.who for quote in reversed(current) if quote.who), found_last_who)
        previous_paragraph = current
        previous_bounds = (low, high)
        if current:
            last_quoted, quiet_paragraphs = current, 0
    return [_to_record(text, quote) for quote in found if quote.who]


def _quote_spans(text: str, low: int, high: int, rules: _Rules) -> list[tuple[int, int]]:
    marks = _marks(text, low, high, rules)
    doubles = _pair([mark for mark in marks if text[mark.position] in _DOUBLE], text, low, high)
    # The pairs are in order and do not overlap: the one a mark may lie in is the last to start at or before it.
    double_starts = [start for start, _ in doubles]
    singles = [
        mark
        for mark in marks
        if text[mark.position] in _SINGLE
        and not (
            (inside := bisect.bisect_right(double_starts, mark.position) - 1) >= 0
            and mark.position < doubles[inside][1]
        )
    ]
    spans = doubles + _pair(singles, text, low, high)
    spans.sort()
    return [(start, end) for start, end in spans if _ALPHANUMERIC.search(text, start, end)]


def _marks(text: str, low: int, high: int, rules: _Rules) -> list[_Mark]:
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
        if mark in rules.spaced_openers and not opens and after.isspace():
            # French sets its guillemets off by a space: « Notre président ».
            following = text[position + 2] if position + 2 < high else " "
            opens = (before.isspace() or before in _LEFT_CONTEXT) and (
                following.isalnum() or following in _OPENING_CONTENT
            )
        if mark in rules.spaced_closers and not closes and before.isspace() and position - 1 > low:
            closes = not text[position - 2].isspace() and (after.isspace() or after in _RIGHT_CONTEXT)
        weak = closes and mark in _SINGLE and before in "sS" and _lowercase_word_follows(text, position + 1)
        if opens or closes:
            marks.append(_Mark(position, opens, closes, weak))
    return marks


def single_quote_marks(sentence: str) -> list[tuple[bool, bool]]:
    """Whether each of the sentence's single quote marks may open and may close a quote, in order, told apart from
    apostrophes ("won't", "the '90s") as `find_quotes` tells them; a closing mark that may be a plural possessive
    ("the players' union") is left out. For restoring paragraphs, where a single quote may run over sentences."""
    marks = _marks(sentence, 0, len(sentence), _rules("en"))
    return [(mark.opens, mark.closes) for mark in marks if sentence[mark.position] in _SINGLE and not mark.weak]


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
            if stack and _sentence_ends_before(text, low, mark.position):
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


def _sentence_ends_before(text: str, low: int, position: int) -> bool:
    """Whether a sentence ends right before `position` (after `low`): its mark, maybe a closing quote, then white
    space. Read backwards from `position`, not searched for from `low`: a regex search from the paragraph's start
    for every mark took time in the square of the paragraph's length (a page of quote marks took minutes)."""
    end = _rstrip(text, low, position)
    if end == position:
        return False
    if end > low and text[end - 1] in _CLOSING_QUOTES:
        end -= 1
    return end > low and text[end - 1] in _SENTENCE_END_MARKS


def _rstrip(text: str, low: int, end: int) -> int:
    while end > low and text[end - 1].isspace():
        end -= 1
    return end


NAMING_REACH = 40
"""How far before a quote what names it (`_Rules.naming`) is looked for: "a study by Clutch titled " is near it."""


def _named(text: str, start: int, rules: _Rules) -> bool:
    """Whether what stands right before the quote at `start` names it (`_Rules.naming`), searched for only after
    a word that ends such a phrase (`_Rules.naming_ends`)."""
    before = text[max(0, start - NAMING_REACH) : start].rstrip().rstrip(":,").split()
    if not before or before[-1].casefold() not in rules.naming_ends:
        return False
    return rules.naming is not None and rules.naming.search(text, max(0, start - NAMING_REACH), start) is not None


_WORK_YEAR = re.compile(r"[^\S\n]*\((?:1[5-9]|20)\d\d\)")
"""A year in brackets right after a quote: it names a work ('“The Best Code is No Code At All” (2007)')."""


def _is_speech(text: str, quote: _Found, rules: _Rules) -> bool:
    """A quote dated in brackets is a work's title, and so are a quote named as one ('a study titled "State of Mobile
    2023"', `_Rules.naming`) and short Title Case quotes ('"Howards End."', not the all-capitals "MAKE THE DEAL");
    attributed quotes are speech unless they are one or two words used as a modifier ('a "cleanup" process');
    unattributed ones need four words or more."""
    if _WORK_YEAR.match(text, quote.end):
        return False
    if _named(text, quote.start, rules):
        return False
    words = _WORD.findall(text, quote.start + 1, quote.end)
    # Only a short quote can be a title: a longer one is not read word by word for its case.
    if len(words) <= 8:
        content_words = [word for word in words if word.casefold() not in rules.title_small_words]
        title_case = all(word[0].isupper() for word in content_words) and not all(word.isupper() for word in words)
        if title_case and len(content_words) >= 2:
            return False
    if quote.attributed:
        return len(words) > 2 or not rules.modified_word.match(text, quote.end)
    return len(words) >= 4


Bounds = tuple[int, int]
"""A span's `(start, end)` offsets into the text."""


def _attribute(
    text: str,
    quote: _Found,
    sentences: list[tuple[int, int]],
    previous_end: int,
    next_start: int,
    people: _People,
    last_who: str | None,
    rules: _Rules,
) -> None:
    """Find the quote's speaker and cue; `last_who` is the name of the last quote before it that has one."""
    head_start = max(_sentence_start(sentences, quote.start), previous_end)
    tail_end = min(_sentence_end(sentences, quote.end - 1), next_start)
    credit = rules.credit.match(text, quote.end, sentences[-1][1])
    if credit and not (
        len(_WORD.findall(text, quote.start, quote.end)) >= 3
        and (
            credit.group("bracket")
            or (credit.group("after") in ("", "\n") and len(credit.group("speaker").split()) >= 2)
            or (credit.group("after") == "," and text[quote.end - 2] not in ".!?…")
        )
    ):
        credit = None
    found: tuple[Bounds | None, Bounds | None] | None
    if tail := rules.tail.match(text, quote.end, tail_end):
        found = _branch_spans(tail)
    elif credit:
        found = credit.span("speaker"), None
    else:
        found = _head(text, head_start, quote.start, rules)
        if (
            found is None
            and rules.tail_anywhere_word.search(text, quote.end, tail_end)
            and (later := rules.tail_anywhere.search(text, quote.end, tail_end))
        ):
            found = _branch_spans(later)
    if found is None:
        return
    speaker, cue = found
    quote.cue = cue
    quote.attributed = True
    if speaker is None:
        # A verb whose subject is left out ("«…», añadió.") or a cue that holds its pronoun ("selon lui"): the
        # person who spoke last, whom the press goes on quoting so ("La ministra explicó que «…». «…», añadió."),
        # else the person found as for "he said".
        quote.name = last_who or people.resolve(cue[0] if cue else quote.end, last_who)
        return
    if cue is None or cue[0] < speaker[0]:
        speaker = _person_named_after(text, *speaker, rules)
    else:
        speaker = _subject_before_relative(text, *speaker, head_start, rules)
        speaker = _subject_after_object(text, *_person_of_employer(text, *speaker, rules), cue[1], rules)
    quote.speaker = _name_within(text, *speaker, rules)
    quote.speaker_text = text[quote.speaker[0] : quote.speaker[1]]
    if quote.speaker_text.casefold() in rules.pronouns:
        quote.name = people.resolve(quote.speaker[0], last_who)
        if quote.name is None and quote.speaker_text.casefold() in rules.neuter_pronouns:
            # An "it" that no phrase spoke before is a thing that "says" or "asks" ("the app asks, 'Did you
            # sleep?'"): the quote is no one's speech.
            quote.attributed, quote.cue, quote.speaker, quote.speaker_text = False, None, None, None


RELATIVE_REACH = 120
"""How far before a speaker phrase the subject of the relative clause it ends is looked for."""
RELATIVE_WORDS_CHARS = 80
"""Enough characters before a speaker phrase to hold the three words among which a relative pronoun is looked for."""


def _subject_before_relative(text: str, start: int, end: int, low: int, rules: _Rules) -> Bounds:
    """The subject whose relative clause of a word or two ends with the speaker phrase found, which is only that
    clause's object: "one tester of a previous version that used the same foam said" is the tester's, not the
    foam's. A pronoun, or a phrase after no such clause, stays."""
    if rules.relative_object is None or text[start:end].casefold() in rules.pronouns:
        return start, end
    # The relative pronoun is one of the three words before the phrase, or there is no such clause: most speakers
    # are settled by that test, without the search.
    window = max(low, start - RELATIVE_REACH)
    if rules.relatives.isdisjoint(text[max(window, start - RELATIVE_WORDS_CHARS) : start].casefold().split()[-3:]):
        return start, end
    clause = rules.relative_object.search(text, window, start)
    return clause.span("subject") if clause else (start, end)


def _subject_after_object(text: str, start: int, end: int, cue_end: int, rules: _Rules) -> Bounds:
    """The one who says what a speaker phrase holding a noun for what is said names: the words after that noun,
    the subject of the verb ("One of the most common questions | people" ask, "The first thing | Smith" said), or,
    with none, the agent after the verb in the passive ("A common question asked by | candidates"). Without such
    a noun the phrase stays, and so does one with neither."""
    if rules.speech_objects.isdisjoint(text[start:end].casefold().split()):
        return start, end
    words = list(_WORD_SPAN.finditer(text, start, end))
    for index, word in enumerate(words):
        if word.group().casefold() in rules.speech_objects:
            if index + 1 < len(words):
                return words[index + 1].start(), end
            if rules.passive_agent is not None and (agent := rules.passive_agent.match(text, cue_end)):
                return agent.span("agent")
            break
    return start, end


_WORD_SPAN = re.compile(r"\S+")


EMPLOYER_REACH = 80
"""How far before "of" and an employer the person's name is looked for."""


def _person_of_employer(text: str, start: int, end: int, rules: _Rules) -> Bounds:
    """The person named right before " of " and the speaker the patterns found, which is where they work: "spine
    surgeon Dr. Ehsan Jazini of VSI explains", "Professor Jane Smith of Harvard said". A name of one word before
    it is more often the rest of an organisation's name ("the University of Michigan said"); without " of " before
    it, the speaker stays."""
    joint = next((joint for joint in rules.employer_joints if text.endswith(joint, 0, start)), None)
    if joint is None:
        return start, end
    before_end = start - len(joint)
    window = max(0, before_end - EMPLOYER_REACH)
    runs = list(rules.name_run.finditer(text, window, before_end))
    if not runs or runs[-1].end() != before_end:
        return start, end
    person = runs[-1]
    words = rules.person_words(person.group())
    if len(words) < 2 or words[-1] in rules.not_names or _is_role(words[-1], rules):
        return start, end
    return person.span()


def _person_named_after(text: str, start: int, end: int, rules: _Rules) -> Bounds:
    """The speaker after its verb, read on past where the patterns stop: the rest of a name they cut at five
    words, and the person named after the speaker's employer or other role ("said MIT Sloan professor Thomas W.
    Malone", "says Estera Events Co-Owner and Lead Planner Erica Vanco"), who is the one speaking; and the name
    set off by a comma after a speaker that ends in a role ("says Co-Founder, Stephanie Özcan.", "says Maxi
    Moving's Vice President, Ivan Cheptenari.")."""
    if _is_role(_without_clitic(text[start:end].split()[-1]), rules) and (
        apposed := rules.name_after_role.match(text, end)
    ):
        name = apposed.group("name")
        if name not in rules.not_names and len(rules.person_words(name)) >= 2:
            return apposed.span("name")
    if (
        text[end - 1 : end].isalpha()
        and text[start : start + 1].isupper()
        and (more := rules.more_name.match(text, end))
    ):
        end = more.end()
    role = rules.role_then_name.match(text, end) if rules.role_then_name else None
    last = text[start:end].split()[-1]
    # The employer or role is written in capitals ("MIT Sloan", "Co-Owner"): a pronoun or a common noun before a
    # role is the speaker itself ("said she to reporter Bob Jones").
    if role is None or not last[:1].isupper() or (role.group("conjoined") and last not in rules.role_words):
        return start, end
    more = rules.more_name.match(text, role.end())
    return role.start("name"), more.end() if more else role.end()


def _branch_spans(match: re.Match[str]) -> tuple[Bounds | None, Bounds]:
    """Speaker and cue spans of the numbered branch of an attribution that matched; a branch without a speaker
    (a verb alone, a cue holding its pronoun) gives None for it."""
    groups = match.groupdict()
    branch = next(name[3:] for name, value in groups.items() if name.startswith("cue") and value is not None)
    speaker = f"speaker{branch}"
    return (match.span(speaker) if groups.get(speaker) is not None else None), match.span(f"cue{branch}")


def _head(text: str, start: int, end: int, rules: _Rules) -> tuple[Bounds | None, Bounds] | None:
    """Speaker and cue spans of the first "subject + speech verb" before the quote in its sentence (the speaker
    None for a cue that holds its pronoun)."""
    match = rules.subject_cue.search(text, start, end)
    if rules.not_before_subject:
        # "Im Interview sagte Merz", "Gegenüber der Zeitung sagte Merz": a capitalised word after a preposition or
        # a determiner is a noun, not the subject; look further on.
        while match is not None and match.group("speaker") and _after_word_in(text, start, match.start(), rules):
            match = rules.subject_cue.search(text, match.start() + 1, end)
    # A possessive before the verb makes the verb a participle, not speech: "Osprey's stated capability of '…'",
    # "the agency's reported figure of '…'".
    while match is not None and match.group("speaker") and text.endswith(("'s", "’s"), *match.span("speaker")):
        match = rules.subject_cue.search(text, match.start() + 1, end)
    if match is None:
        return None
    match = _introducing(text, match, end, rules) or match
    if match.group("after") and (later := rules.subject_cue.search(text, match.end(), end)) and later["speaker"]:
        # "According to Reuters, the minister said '…'": the source credits the report, the subject spoke.
        match = later
    if match.group("speaker") and (author := _author_of_relative(text, start, match, rules)):
        return author, match.span("cue")
    if match.group("speaker"):
        # Where the verb comes second, a subject right after it is the speaker ("Der Zeitung sagte Merz").
        subject = rules.subject_after_cue and rules.subject_after_cue.match(text, match.end("cue"), end)
        if subject and subject.group("speaker") not in rules.not_names:
            return subject.span("speaker"), match.span("cue")
        return match.span("speaker"), match.span("cue")
    if match.group("after"):
        return match.span("after"), match.span("according")
    # The branches only some lexicons have.
    if match.groupdict().get("inverted_cue"):
        return match.span("inverted"), match.span("inverted_cue")
    return None, match.span("pronoun_cue")


INTRODUCER_GAP = 8
"""How many characters before a quote its introducing comma or colon is looked for (with the spaces after it)."""


def _introducing(text: str, first: re.Match[str], end: int, rules: _Rules) -> re.Match[str] | None:
    """The last "subject + speech verb" before `end` when a comma or colon stands between its verb and the quote:
    the verb that introduces the quote, whoever spoke earlier in its sentence ("Once, when I told a guy on a plane
    that I taught philosophy, he responded, “So you teach Plato to plumbers?”"). A quote the verb's clause runs
    on into is reported by the first ("Trump said on Tuesday that Israel had agreed "to the necessary
    conditions"")."""
    # Only a comma or colon before the quote lets a verb introduce it: most quotes are settled without a search.
    if text[max(first.end(), end - INTRODUCER_GAP) : end].rstrip()[-1:] not in (",", ":"):
        return None
    last = None
    for last in rules.subject_cue.finditer(text, first.end(), end):  # noqa: B007 (the last one is wanted)
        pass
    if last is None or not last.group("speaker") or text[last.end("cue") : end].strip() not in (",", ":"):
        return None
    if text.endswith(("'s", "’s"), *last.span("speaker")):
        return None
    if rules.not_before_subject and _after_word_in(text, first.start(), last.start(), rules):
        return None
    return last


AUTHOR_REACH = 80
"""How far before a relative clause's subject the author of the text it speaks of is looked for."""


def _author_of_relative(text: str, start: int, match: re.Match[str], rules: _Rules) -> Bounds | None:
    """The author named before a subject that a relative pronoun joins to its verb ("a post by Trump from his
    Truth Social platform that read"): the text is the author's words, not the platform's. None otherwise."""
    if rules.author_before is None or not _RELATIVE.search(text, match.end("speaker"), match.start("cue")):
        return None
    speaker_start = match.start("speaker")
    author = rules.author_before.search(text, max(start, speaker_start - AUTHOR_REACH), speaker_start)
    return author.span("name") if author else None


_RELATIVE = re.compile(r"\s(?:that|which)\s")
"""A relative pronoun between a subject and its verb, in English."""


def _after_word_in(text: str, start: int, position: int, rules: _Rules) -> bool:
    """Whether the word before `position` (after `start`) is one of `rules.not_before_subject`."""
    return _word_before_in(text, start, position, rules.not_before_subject)


def _word_before_in(text: str, start: int, position: int, words: frozenset[str]) -> bool:
    """Whether the word before `position` (looked for after `start`, ROLE_REACH characters back at most),
    casefolded, is one of `words`."""
    before = text[max(start, position - ROLE_REACH) : position].split()
    return bool(before) and before[-1].casefold() in words


def _name_within(text: str, start: int, end: int, rules: _Rules) -> tuple[int, int]:
    """Narrow a speaker phrase to the name in it: "Kremlin aide Yuri Ushakov" → "Yuri Ushakov". A phrase led by
    a determiner gives the person's name that follows it between commas, in any language ("the Kremlin
    spokesman, Dmitry Peskov,", "el portavoz del Kremlin, Dmitri Peskov,"); else it is kept whole, as naming no
    person ("the Strava report"), unless the language narrows it to a person's name it holds ("der russische
    Präsident Wladimir Putin")."""
    phrase = text[start:end]
    determined = rules.determiner_first is not None and rules.determiner_first.match(phrase) is not None
    narrowed = rules.narrow_determiner_phrases
    if not determined and rules.possessor_first.match(phrase):
        determined = narrowed = True
    if determined and (apposed := rules.apposed_name.match(text, end)):
        # In every language: the phrase is the role of the person named after it, who speaks.
        name = apposed.group("name")
        if name not in rules.not_names and len(rules.person_words(name)) >= 2:
            return _name_within(text, *apposed.span("name"), rules)
    if (determined and not narrowed) or rules.pronoun_only.fullmatch(phrase) or rules.two_names.search(phrase):
        return start, end
    runs: list[Bounds] = []
    for run in rules.name_run.finditer(text, start, end):
        if run.group() in rules.not_names:
            continue
        if runs and _SPACE_RUN_IN_LINE.fullmatch(text, runs[-1][1], run.start()):
            # One name the pattern cut at five words ("Google Fonts Product Manager Sophia | Siao").
            runs[-1] = (runs[-1][0], run.end())
        else:
            runs.append(run.span())
    if not runs:
        return start, end
    best_start, best_end = max(runs, key=lambda run: (len(text[run[0] : run[1]].split()), run[0]))
    # Words by position: the name pattern joins them with any white space, so counting one space after each word
    # would leave a double space or a line break inside the speaker span ("President  Donald Trump").
    words = list(_NON_SPACE.finditer(text, best_start, best_end))
    first = _name_start([word.group() for word in words], rules)
    # A name right after a possessive is a person's or a body's, even of one word: "Russia's Lavrov".
    possessed = first > 0 and words[first - 1].group().endswith(("'s", "’s"))
    if (
        determined
        and not possessed
        and (len(words) - first < 2 or (first == 0 and _second_word_at(phrase) == best_start - start))
    ):
        # No person's name: "die Regierung", "der Minister", and the capitalised noun right after the determiner
        # with its adjectives, an institution ("das Auswärtige Amt", "la Maison Blanche").
        return start, end
    if len(words) - first > 2 and _after_role_of(text[max(0, best_start - ROLE_REACH) : best_start].split(), rules):
        # The run opens with the rest of the role: "Secretary of | State Marco Rubio", "Minister of | Foreign
        # Affairs Sergei Lavrov". A person is named by the last two words.
        first = len(words) - 2
    return words[first].start(), best_end


def _after_role_of(before: list[str], rules: _Rules) -> bool:
    """Whether the words before a name run end with a role and "of" ("US Secretary of", "Minister of the")."""
    if before[-1:] == ["the"]:
        before = before[:-1]
    return len(before) >= 2 and f" {before[-1]} " in rules.employer_joints and _is_role(before[-2], rules)


def _second_word_at(phrase: str) -> int:
    """Where a phrase's second word starts."""
    second = _NON_SPACE.search(phrase, len(phrase.split(maxsplit=1)[0]))
    return second.start() if second else len(phrase)


def _name_start(words: list[str], rules: _Rules) -> int:
    """Index of a name's first word after any leading roles: "US President Donald Trump" → 2,
    "Bundeskanzler Friedrich Merz" → 1. A name cannot be only roles, so the last word always stays, and a phrase
    that ends with a role names no one: it stays whole ("Maxi Moving's Vice President", not "President")."""
    if words[-1] in rules.role_words:
        return 0
    start = 0
    for index, word in enumerate(words[:-1]):
        # A possessive before a surname is whose the person is: "Russia's | Lavrov". Before more words it may open
        # a firm's name ("Moody's Investors Service").
        possessive = index == len(words) - 2 and word.endswith(("'s", "’s"))
        if word in rules.not_names or _is_role(word, rules) or possessive:
            start = index + 1
    return start


def _is_role(word: str, rules: _Rules) -> bool:
    """Whether a capitalised word is a title of office ("President", "Bundeskanzler")."""
    return word in rules.role_words or bool(rules.role_endings and word.casefold().endswith(rules.role_endings))


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
    text: str,
    low: int,
    high: int,
    sentences_of: _ParagraphSentences,
    people: _People,
    last_who: str | None,
    rules: _Rules,
) -> str | None:
    """The speaker named by a previous paragraph that ends by announcing a quote ("Nagel remarks in this
    connection," / "The ministry said:") or that is only a name heading it ("Uli Lorimer, Director of Horticulture
    at Native Plant Trust:"), for a quote that opens the next paragraph."""
    if high <= low or text[low:high].rstrip()[-1:] not in (":", ","):
        return None
    last_sentence = max(sentence_start for sentence_start, _ in sentences_of.within(low, high))
    found = _head(text, last_sentence, high, rules)
    if found is None:
        header = rules.header.match(text, low, high)
        return header.group("speaker") if header else None
    speaker, cue = found
    if speaker is None:
        return people.resolve(cue[0], last_who)
    start, end = _name_within(text, *speaker, rules)
    name = text[start:end]
    return people.resolve(start, last_who) if name.casefold() in rules.pronouns else name


def _inherit(current: list[_Found], previous_paragraph: list[_Found]) -> None:
    """Give unattributed quotes the speaker of the nearest attributed quote (see the module docstring): one before
    it in the paragraph when that is in the same or the previous sentence or the quote opens its own sentence, else
    one after it in the same sentence, else, for a quote opening its sentence, the previous paragraph's last one."""
    # In one pass each way rather than by looking through the others for each quote. Quotes are in reading order,
    # so their sentences never decrease: the last quote with a name before one is the nearest that can be in the
    # same or the previous sentence, and the next attributed one after it the only one that can share its sentence.
    next_attributed: list[_Found | None] = [None] * len(current)
    following = None
    for index in range(len(current) - 1, -1, -1):
        next_attributed[index] = following
        if current[index].attributed:
            following = current[index]
    last_named = None
    for index, quote in enumerate(current):
        if not (quote.attributed and quote.who):
            before = (
                last_named
                if last_named and (quote.opens_sentence or last_named.sentence >= quote.sentence - 1)
                else None
            )
            after = next_attributed[index]
            source = before or (after if after and after.sentence == quote.sentence else None)
            if source is None and previous_paragraph and quote.opens_sentence:
                source = previous_paragraph[-1]
            if source is not None:
                quote.name = source.who
        if quote.who:
            last_named = quote


QUIET_PARAGRAPHS = 3
"""How many paragraphs without a quote may stand between a quote that names no one and the last one that does."""
QUIET_QUOTE_MIN_WORDS = 6
"""A shorter quote standing alone is a title, a term or a slogan more often than someone's words."""


def _inherit_across_quiet(
    text: str, current: list[_Found], last_quoted: list[_Found], people: _People, paragraph_ends: list[int]
) -> None:
    """Give a quote that is a whole sentence of its own and names no one the speaker of the last quote a few
    paragraphs up, when that speaker is named and no one else is in between: an article quoting one expert sets
    some of their sentences apart with no "she says" ("Find a chair that lets your elbows rest at a right angle."
    under a heading on armrests)."""
    source = next((quote for quote in reversed(last_quoted) if quote.who), None)
    if source is None or source.who is None or not _is_a_name(source.who, people.rules):
        return
    for quote in current:
        if quote.who:
            return  # the paragraph names its own speaker
        words = text[quote.start : quote.end].split()
        ends_a_sentence = words[-1][-2:-1] in _SENTENCE_END_MARKS
        if not quote.opens_sentence or len(words) < QUIET_QUOTE_MIN_WORDS or not ends_a_sentence:
            continue
        if _someone_else_named_between(people, source.who, source.end, quote.start, text, paragraph_ends):
            return
        quote.name = source.who


def _is_a_name(who: str, rules: _Rules) -> bool:
    """A person's or a body's name ("Dr. Jazini", "SRLabs"), not a pronoun or a common noun phrase ("the French")."""
    first = who.split()[0]
    return first[:1].isupper() and first.casefold() not in rules.pronouns and first not in rules.not_names


def _someone_else_named_between(
    people: _People, who: str, start: int, end: int, text: str, paragraph_ends: list[int]
) -> bool:
    """Whether someone other than `who` is named between the offsets: a name that speaks somewhere in the document,
    or another name of two words or more in a paragraph that announces what follows ("Edwina von Gal, Founder of
    Perfect Earth Project:"). Other runs of capitalised words are headings' as often ("Headrest for Neutral Spine
    Position") or open a sentence."""
    surname = who.split()[-1]
    speakers, others = people.tiers
    if any(
        name.split()[-1] != surname
        for _, name in speakers[bisect.bisect_left(speakers, (start, "")) : bisect.bisect_left(speakers, (end, ""))]
    ):
        return True
    for at, name in others[bisect.bisect_left(others, (start, "")) : bisect.bisect_left(others, (end, ""))]:
        paragraph_end = paragraph_ends[min(bisect.bisect_left(paragraph_ends, at), len(paragraph_ends) - 1)]
        if name.split()[-1] != surname and text[paragraph_end - 1 : paragraph_end] == ":":
            return True
    return False


def _to_record(text: str, quote: _Found) -> Quote:
    speaker, cue = (quote.speaker, quote.cue) if quote.attributed else (None, None)
    return quote_of(text, quote.start, quote.end, speaker, cue, quote.name)


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

    def __init__(self, text: str, rules: _Rules) -> None:
        self.text = text
        self.rules = rules

    @functools.cached_property
    def tiers(self) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
        """Mentions `(position, full name)` of names that speak (by first or last name: "Mary notes" makes "Editor
        Mary Henn" a speaker), then of other multi-word names; built on the first pronoun to resolve, as most
        documents never need it."""
        text, rules = self.text, self.rules
        person_words = rules.person_words
        speakers: set[str] = set()
        # `rules.spoke` takes the character before each verb or name: a space stands in for it at the text's start,
        # and the search after a match starts at its last character, which may be the one before the next.
        spaced = " " + text
        position = 0
        while match := rules.spoke.search(spaced, position):
            speakers.update(person_words(match.group("after") or match.group("before")))
            position = match.end() - 1
        # A full name by its last word ("Ushakov"), and apart from those by its first ("Mary" of "Mary Henn"): one
        # dict for both made "Ben Zettler" the firm "Zettler Digital" named before him.
        by_last: dict[str, str] = {}
        by_first: dict[str, str] = {}
        tiers: tuple[list[tuple[int, str]], list[tuple[int, str]]] = ([], [])
        for start, end in _line_runs(rules.name_run.finditer(text)):
            # The facts of a name's text are cached (`_Rules.mention`): a document names the same few people again
            # and again.
            mention = rules.mention(text[start:end])
            if mention is None:
                continue
            words = mention.words
            last = words[-1]
            if mention.full_name is not None:
                full_name = by_last.setdefault(last, mention.full_name)
                by_first.setdefault(words[0], mention.full_name)
            else:
                full_name = by_last.get(last) or by_first.get(last)
            speaks = not speakers.isdisjoint(words) or mention.role_inside or self._beside_a_role(start, end)
            if speaks or full_name:
                tiers[not speaks].append((start, full_name or last))
        return tiers

    def _beside_a_role(self, start: int, end: int) -> bool:
        """Whether the name at `start:end` is set beside a role, which makes it a person as surely as a speech verb
        does: "the opposition leader, Peter Dutton,", "Peter Dutton, the opposition leader,", "Senate leader John
        Thune" (a capitalised role inside the name, "Planner Beth Lowe", is its `_Mention.role_inside`)."""
        rules = self.rules
        if not rules.role_nouns:
            return False
        # The word before, read with string methods: a regex search before each of a document's names cost a
        # tenth of the whole ingest.
        before = self.text[max(0, start - ROLE_REACH) : start]
        words = before.rstrip().removesuffix(",").split() if before[-1:].isspace() else []
        if words and words[-1] in rules.role_nouns:
            return True
        # `role_after` opens with its comma: tested first, it spares most names the regex.
        return (
            rules.role_after is not None
            and self.text.startswith(",", end)
            and rules.role_after.match(self.text, end) is not None
        )

    def _possessive(self, at: int) -> bool:
        """Whether the name mentioned at `at` is a possessive ("Kevin’s recommendation"): not its sentence's subject."""
        run = self.rules.name_run.match(self.text, at)
        return run is not None and run.group().endswith(("'s", "’s"))

    def resolve(self, pronoun_at: int, last_who: str | None) -> str | None:
        """The person a pronoun most likely refers to, or None when the nearest sentence naming people is
        ambiguous and the previous quote's speaker (`last_who`) is not among them. A neuter pronoun ("it") is
        `last_who` when that is a determiner phrase ("the ministry"), else None.

        A pronoun of one gender ("she") takes the one name of its sentence whose title or first name tells that
        gender (`name_gender`), when the names it would choose from tell none or the other; among several names it
        passes over those that tell the other. A name alone is never passed over for its first name, which tells a
        gender nine times in ten at best ("Burke Lennihan … she says")."""
        if self._pronoun_word(pronoun_at) in self.rules.neuter_pronouns:
            # "It added: '…'" is the body or text that spoke before ("the ministry said … It added"), never a person.
            determiner = self.rules.determiner_first
            return last_who if last_who and determiner is not None and determiner.match(last_who) else None
        gender = self._pronoun_gender(pronoun_at)
        for mentions in self.tiers:
            index = bisect.bisect_left(mentions, (pronoun_at, "")) - 1
            if index < 0:
                continue
            mention_at = mentions[index][0]
            # The sentence's mentions, of the last SENTENCE_MENTIONS_MAX only, and its start looked for no further
            # back: in a "sentence" of thousands of "…," he said (a paragraph that never ends one) every pronoun
            # looked back over the whole paragraph, and at every name in it.
            earliest = max(0, index + 1 - SENTENCE_MENTIONS_MAX)
            low = mentions[earliest][0]
            sentence_start = max(self.text.rfind(". ", low, mention_at), self.text.rfind("\n", low, mention_at))
            first = bisect.bisect_left(mentions, (sentence_start + 1, "")) if sentence_start >= 0 else earliest
            in_sentence = mentions[first : index + 1]
            # A possessive, or a name after a preposition, is no candidate beside a name that is neither: "Bernard
            # seconds Kevin’s recommendation. “…,” he says." is Bernard, and "At Zettler Digital, founder Ben
            # Zettler, sees …" Ben Zettler.
            subjects = [
                (at, name) for at, name in in_sentence if not self._possessive(at) and not self._after_preposition(at)
            ] or in_sentence
            candidates = {name.split()[-1] for _, name in subjects}
            if gender is not None and (len(candidates) > 1 or name_gender(subjects[-1][1]) != gender):
                telling = self._telling(gender, mention_at, pronoun_at)
                if len(telling) == 1:
                    return next(iter(telling.values()))
                if len(candidates) > 1:
                    subjects = [
                        (at, name) for at, name in subjects if name_gender(name) != _OTHER_GENDER[gender]
                    ] or subjects
                    candidates = {name.split()[-1] for _, name in subjects}
            if len(candidates) == 1:
                return subjects[-1][1]
            if last_who and last_who.split()[-1] in candidates:
                return last_who
            # Else the sentence's subject, when a name opens it in the pronoun's paragraph: "Cairo grew up in the
            # Bahamas, … watching Khan Academy videos. She found … “…,” she told Hartnett." is Cairo. A paragraph
            # further back may be a heading's or a list's.
            opener_at, opener = subjects[0]
            if (
                sentence_start >= 0
                and not self.text[sentence_start + 1 : opener_at].strip(_SENTENCE_OPENERS)
                and "\n" not in self.text[opener_at:pronoun_at]
            ):
                return opener
            return None
        return None

    def _telling(self, gender: Gender, mention_at: int, pronoun_at: int) -> dict[str, str]:
        """The names mentioned in the sentence of `mention_at` (up to SENTENCE_REACH characters back) and on to the
        pronoun, in either tier, whose title or first name tells `gender`, by surname: "Elizabeth Warren and
        Senator Bernie Sanders spoke" names a speaker (beside a role) and a woman, and "she" is the woman."""
        reach = max(0, mention_at - SENTENCE_REACH)
        low = max(self.text.rfind(". ", reach, mention_at), self.text.rfind("\n", reach, mention_at), reach - 1) + 1
        telling: dict[str, str] = {}
        for mentions in self.tiers:
            for at, name in mentions[
                bisect.bisect_left(mentions, (low, "")) : bisect.bisect_left(mentions, (pronoun_at, ""))
            ]:
                if name_gender(name) == gender and not self._possessive(at) and not self._after_preposition(at):
                    telling[name.split()[-1]] = name
        return telling

    def _pronoun_word(self, at: int) -> str:
        """The word at `at`, casefolded and without punctuation: the pronoun, where one stands there."""
        word = self.text[at : at + PRONOUN_MAX_CHARS].split(maxsplit=1)
        return word[0].strip(_PUNCTUATION).casefold() if word else ""

    def _pronoun_gender(self, at: int) -> Gender | None:
        """The gender of the pronoun at `at`, if one stands there and refers to one gender only."""
        return self.rules.pronoun_genders.get(self._pronoun_word(at))

    def _after_preposition(self, at: int) -> bool:
        """Whether the word before the name mentioned at `at` is a preposition (`_Rules.prepositions`)."""
        return _word_before_in(self.text, 0, at, self.rules.prepositions)


_LINE_WORDS = re.compile(r"[^\s](?:[^\n]*[^\s])?")
"""A line's words, without the spaces around them."""


def _line_runs(runs: Iterator[re.Match[str]]) -> Iterator[tuple[int, int]]:
    """The `(start, end)` of each name run, cut at line breaks: a name pattern reads on over white space, and a
    heading's last word ran into the name that opens the next paragraph ("Tips for Prevention\n\nBenjamin
    Franklin knew"). Each line's part is a mention of its own."""
    for run in runs:
        start, end = run.span()
        if "\n" not in run.group():
            yield start, end
            continue
        for part in _LINE_WORDS.finditer(run.group()):
            yield start + part.start(), start + part.end()


def _joined_words(*alternations: str) -> str:
    """Regex alternations of words ("he|she|they", "it") joined into one, the empty ones left out."""
    return "|".join(alternation for alternation in alternations if alternation)


def _without_clitic(word: str) -> str:
    """The word without a trailing possessive ("'s", "’s", "'", "’") or contraction ("I’ve", "I'm", "We’d",
    "They'll", "We're"): "I’ve" is "I", no one's name, and "Smith's" is Smith. String tests: a regex per word of
    every name costs more."""
    if word.endswith(("'s", "’s", "'m", "’m", "'d", "’d")):
        return word[:-2]
    if word.endswith(("'ve", "’ve", "'re", "’re", "'ll", "’ll")):
        return word[:-3]
    if word.endswith(("'", "’")):
        return word[:-1]
    return word
