"""Direct quotes, speakers and cues on the seed page and on hand-written news paragraphs."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from builder.enrich.quotes import find_quotes
from builder.records import Quote
from tests.paths import SAMPLES, SHARED_DATA
from tests.scripts_support import load_script
from tests.text_support import paragraphs_document


def _quotes(*paragraphs: str) -> tuple[str, list[Quote]]:
    text, spans = paragraphs_document(*paragraphs)
    quotes = find_quotes(text, spans)
    for quote in quotes:
        assert text[quote["start"] : quote["end"]] == quote["text"]
        for part in (quote["speaker"], quote["cue"]):
            if part is not None:
                assert text[part["start"] : part["end"]] == part["text"]
        assert any(span["start"] <= quote["start"] and quote["end"] <= span["end"] for span in spans)
    return text, quotes


def _who(quote: Quote) -> str | None:
    return quote["speaker_name"] or (quote["speaker"]["text"] if quote["speaker"] else None)


def _sample(first_line: int, last_line: int, strip_through: str | None = None) -> list[str]:
    lines = (SAMPLES / "daily8-putin-trump-call.txt").read_text(encoding="utf-8").split("\n")
    paragraphs = [line.strip() for line in lines[first_line - 1 : last_line] if line.strip()]
    if strip_through:
        paragraphs[0] = paragraphs[0].split(strip_through, 1)[1]
    return paragraphs


@pytest.fixture(scope="module")
def main_article() -> tuple[str, list[Quote]]:
    return _quotes(*_sample(7, 30, "MOSCOW : "))


def test_ushakov_quote_has_its_speaker_and_cue(main_article: tuple[str, list[Quote]]) -> None:
    _, quotes = main_article
    quote = next(quote for quote in quotes if quote["text"].startswith("'Vladimir Putin said"))
    assert quote["text"] == (
        "'Vladimir Putin said that we are continuing to look for a political, negotiated solution to the conflict,'"
    )
    assert quote["speaker"] is not None
    assert quote["speaker"]["text"] == "Ushakov"
    assert quote["cue"] is not None
    assert quote["cue"]["text"] == "said"
    assert quote["speaker_name"] is None


def test_told_reporters_gives_the_cue_told_and_the_name_without_the_role(
    main_article: tuple[str, list[Quote]],
) -> None:
    _, quotes = main_article
    quote = next(quote for quote in quotes if quote["text"].startswith("'Our president said"))
    assert quote["speaker"] is not None
    assert quote["speaker"]["text"] == "Yuri Ushakov"
    assert quote["cue"] is not None
    assert quote["cue"]["text"] == "told"


def test_continuation_paragraph_inherits_the_previous_speaker(main_article: tuple[str, list[Quote]]) -> None:
    _, quotes = main_article
    quote = next(quote for quote in quotes if quote["text"] == "'Russia will not give up on these aims.'")
    assert quote["speaker_name"] == "Yuri Ushakov"
    assert quote["speaker"] is None
    assert quote["cue"] is None


def test_apostrophes_never_start_or_end_quotes(main_article: tuple[str, list[Quote]]) -> None:
    text, quotes = main_article
    for quote in quotes:
        assert not text[quote["start"] - 1].isalnum()
        assert not text[quote["start"] + 1].isspace()
    starts = {quote["start"] for quote in quotes}
    for word in ("won't", "Trump's", "Moscow's", "Russia's"):
        for match in re.finditer(re.escape(word), text):
            assert match.start() + word.index("'") not in starts


def test_scare_quotes_are_not_speech_but_attributed_fragments_are(main_article: tuple[str, list[Quote]]) -> None:
    _, quotes = main_article
    texts = [quote["text"] for quote in quotes]
    assert "'root causes'" not in texts  # "described ... as getting rid of the 'root causes'": no speech verb
    stressed = next(quote for quote in quotes if quote["text"] == "'stressed'")
    assert stressed["speaker"] is not None
    assert stressed["speaker"]["text"] == "The Kremlin"
    zelensky = next(quote for quote in quotes if quote["text"].startswith("'Continued American support"))
    assert _who(zelensky) == "Zelensky"


def test_plural_possessive_does_not_close_a_single_quote() -> None:
    _, quotes = _quotes(
        "Israel was looking into Hamas' response, officials said.",
        "'The players' union has agreed to the deal,' the league said in a statement.",
    )
    assert [quote["text"] for quote in quotes] == ["'The players' union has agreed to the deal,'"]
    assert quotes[0]["speaker"] is not None
    assert quotes[0]["speaker"]["text"] == "the league"


def test_flattened_related_article_quotes_and_pronoun_speakers() -> None:
    _, quotes = _quotes(*_sample(67, 67, "CAIRO, July 5 — "))

    def by_start(start: str) -> Quote:
        return next(quote for quote in quotes if quote["text"].startswith(start))

    hamas = by_start('"The Hamas movement has co')
    assert hamas["text"].endswith("people in Gaza.")  # a new opening mark after a sentence end starts a new quote
    assert hamas["speaker"] is not None
    assert hamas["speaker"]["text"] == "Hamas"
    assert hamas["cue"] is not None
    assert hamas["cue"]["text"] == "wrote"
    statement = by_start('"The movement has deliver')
    assert statement["speaker"] is not None
    assert statement["speaker"]["text"] == "the statement"
    hope = by_start("\"We hope it's going to hap")
    assert hope["text"].endswith('sometime next week,"')
    assert hope["speaker"] is not None
    assert hope["speaker"]["text"] == "he"
    assert hope["speaker_name"] == "Donald Trump"
    assert hope["cue"] is not None
    assert hope["cue"]["text"] == "told"
    assert by_start('"We want to get the hostag')["speaker_name"] == "Donald Trump"
    farr = by_start('"There should have been a ')
    assert farr["speaker"] is not None
    assert farr["speaker"]["text"] == "Mayar Al Farr"
    bullet = by_start('"He went to get aid, so he')
    assert bullet["speaker"] is not None
    assert (bullet["speaker"]["text"], bullet["speaker_name"]) == ("she", "Mayar Al Farr")
    rosenberg = by_start('"Only you can make the dea')
    assert _who(rosenberg) == "Gideon Rosenberg"


@pytest.mark.parametrize(
    ("paragraph", "quote", "speaker", "cue"),
    [
        (
            '"We are working on it," said Matthew Kraft, a professor at Brown.',
            '"We are working on it,"',
            "Matthew Kraft",
            "said",
        ),
        ("“It is a strange experience,” Andersen explains.", "“It is a strange experience,”", "Andersen", "explains"),
        (
            'Nate Wheatley said, "They got me for about $8,000 a little over, maybe."',
            '"They got me for about $8,000 a little over, maybe."',
            "Nate Wheatley",
            "said",
        ),
        (
            'The ministry said in a statement: "The border will stay closed until further notice."',
            '"The border will stay closed until further notice."',
            "The ministry",
            "said",
        ),
        (
            '"Coffee consumption seems generally safe," according to a meta-analysis in the BMJ.',
            '"Coffee consumption seems generally safe,"',
            "a meta-analysis",
            "according to",
        ),
        (
            "Muhammad Shahabuddin, a resident of Palpur village, told BSS, “I have set up a garden on unused land.”",
            "“I have set up a garden on unused land.”",
            "Muhammad Shahabuddin",
            "told",
        ),
        (
            "”We've found that the best rates are out West,” said Jordan Anthony, a nutritionist.",
            "”We've found that the best rates are out West,”",
            "Jordan Anthony",
            "said",
        ),
        # Idioms of speech: "puts it", "went on to add".
        (
            'As Paco Calvo puts it, "Plants have to plan ahead to achieve their goals."',
            '"Plants have to plan ahead to achieve their goals."',
            "Paco Calvo",
            "puts it",
        ),
        (
            "As Paco Calvo, director of the Minimal Intelligence Laboratory at the University of Murcia in Spain and "
            'author of Planta Sapiens, puts it, "Plants have to plan ahead to achieve their goals."',
            '"Plants have to plan ahead to achieve their goals."',
            "Paco Calvo",
            "puts it",
        ),
        (
            'Zane Merva went on to add, "Would I like Apple CarPlay? Sure, but it is one aspect of a car."',
            '"Would I like Apple CarPlay? Sure, but it is one aspect of a car."',
            "Zane Merva",
            "went on to add",
        ),
        # A pronoun is a whole word: "her mother" is no "he".
        (
            '"We are going to win this case in court," said her mother, who has followed the trial.',
            '"We are going to win this case in court,"',
            "her mother",
            "said",
        ),
    ],
)
def test_attribution_patterns(paragraph: str, quote: str, speaker: str, cue: str) -> None:
    _, quotes = _quotes(paragraph)
    assert [found["text"] for found in quotes] == [quote]
    assert quotes[0]["speaker"] is not None
    assert quotes[0]["speaker"]["text"] == speaker
    assert quotes[0]["cue"] is not None
    assert quotes[0]["cue"]["text"] == cue


def test_interrupted_quote_and_nested_straight_quotes() -> None:
    _, quotes = _quotes(
        "“However,” Mann explained, “we do work with a lot of different products.”",
        '"2026 will accelerate the shift from "application consumption" to AI-as-a-Service," said Houssaini.',
    )
    assert [quote["text"] for quote in quotes] == [
        "“However,”",
        "“we do work with a lot of different products.”",
        '"2026 will accelerate the shift from "application consumption" to AI-as-a-Service,"',
    ]
    assert [_who(quote) for quote in quotes] == ["Mann", "Mann", "Houssaini"]


def test_pronoun_resolves_to_the_nearest_named_speaker_not_to_other_names() -> None:
    _, quotes = _quotes(
        "Tipton, the chief executive, said the chain is looking at franchise partners.",
        "The North America division will lead growth through Central and South America.",
        '"We\'re already seeing interest there," he said.',
    )
    assert quotes[0]["speaker"] is not None
    assert (quotes[0]["speaker"]["text"], quotes[0]["speaker_name"]) == ("he", "Tipton")


def test_quote_announced_at_the_end_of_the_previous_paragraph() -> None:
    _, quotes = _quotes(
        "The Department of Transportation replied in writing. The agency said:",
        '"The Federal Motor Carrier Safety Administration is aware of the allegations and is investigating."',
    )
    assert len(quotes) == 1
    assert quotes[0]["speaker_name"] == "The agency"
    assert quotes[0]["speaker"] is None


def test_interview_round_up_headings_and_citations_credit_quotes() -> None:
    _, quotes = _quotes(
        "Uli Lorimer, Director of Horticulture at Native Plant Trust:",
        "“December is a time of reflection as we look back on the growing season past.",
        "“The garden provides an appropriate host plant for the larval stage.”",
        "However, “the results reported in imaging studies cannot tell us about one person.” (Vogel and Black, 2024)",
    )
    assert [_who(quote) for quote in quotes] == ["Uli Lorimer", "Uli Lorimer", "Vogel and Black"]
    assert quotes[2]["cue"] is None


def test_titles_in_quotes_are_not_speech_even_near_a_speech_verb() -> None:
    _, quotes = _quotes(
        'Mary notes that she received a vintage copy of "Howards End." She liked it.',
        'Banners displayed a post by Trump that read, "MAKE THE DEAL IN GAZA. GET THE HOSTAGES BACK!!!"',
        # A title may keep "is" in lower case ("The Rise of Worse is Better"), as it keeps "of".
        "Gabriel's essay “The Rise of Worse is Better” argues that simplicity wins, he says.",
    )
    assert [quote["text"] for quote in quotes] == ['"MAKE THE DEAL IN GAZA. GET THE HOSTAGES BACK!!!"']


def test_a_clause_with_a_verb_or_a_count_is_no_speaker_but_a_dated_phrase_is() -> None:
    """A speaker's noun phrase holds no verb and no bare number: "is called the 'rough cut'" names a thing, and
    "tokenizer states" is a noun; "A 2022 article in Life Science" and "the 83-year-old" still speak."""
    _, quotes = _quotes(
        "The outcome of this step is called the “rough cut,” and editors share it.",
        'The specification defines 67 distinct tokenizer states and algorithms like "adoption agency" and more.',
        "A good tutor will not ask “Yes” or “No” questions.",
        "A 2022 article in Life Science said “weight gain has many causes,” and others agreed.",
        "“Vaccines save lives every single day,” the 83-year-old said.",
    )
    assert [(quote["text"], _who(quote)) for quote in quotes] == [
        ("“weight gain has many causes,”", "A 2022 article in Life Science"),
        ("“Vaccines save lives every single day,”", "the 83-year-old"),
    ]


def test_a_verb_after_a_possessive_is_a_participle_not_speech() -> None:
    """ "Osprey's stated capability of '…'" quotes the brand's claim but names no one speaking: the phrase before a
    speech verb is its subject only when it is not a possessive."""
    _, quotes = _quotes(
        "That is still a bit off Osprey's stated capability for this bag of “up to a week or more in duration.”",
        "The company's spokesman, Tom Reed, said “the bag holds a week of food for most hikers,” on Monday.",
    )
    assert [(quote["text"], _who(quote)) for quote in quotes] == [
        ("“the bag holds a week of food for most hikers,”", "Tom Reed")
    ]


ONE_QUOTE_SPEAKERS = [
    # A role set before a name between commas gives the name.
    ("The Kremlin spokesman, Dmitry Peskov, said “the talks were useful and will go on,” on Monday.", "Dmitry Peskov"),
    ("“The talks were useful and will go on,” the Kremlin spokesman, Dmitry Peskov, said.", "Dmitry Peskov"),
    ("“The talks were useful and will go on,” said the Kremlin spokesman, Dmitry Peskov.", "Dmitry Peskov"),
    # A role with "of" stays out of the name, and name particles stay in.
    ("US Secretary of State Marco Rubio warned that “time is running out for a deal.”", "Marco Rubio"),
    ("Minister of Foreign Affairs Sergei Lavrov said “we are close to a deal with them.”", "Sergei Lavrov"),
    ("“This is unacceptable,” Chancellor of the Exchequer Rachel Reeves said.", "Rachel Reeves"),
    ("“This is unacceptable,” European Commission President Ursula von der Leyen said.", "Ursula von der Leyen"),
    (
        "“The summit was a success for all of us,” said President Luiz Inácio Lula da Silva.",
        "Luiz Inácio Lula da Silva",
    ),
    ("“We shall see about that,” said Charles de Gaulle.", "Charles de Gaulle"),
    # A possessive name stands for a determiner: the phrase gives the person named in it, and is kept whole when it
    # names none.
    ("“We will bring them home,” Israel’s prime minister said.", "Israel’s prime minister"),
    ("Trump's lawyer said “the case has no merit and will be dismissed soon.”", "Trump's lawyer"),
    ("“The case has no merit,” Trump’s lawyer, Alina Habba, said.", "Alina Habba"),
    ("“Talks will go on in Istanbul,” Russia's Lavrov said.", "Lavrov"),
    ("Israel's Prime Minister Benjamin Netanyahu said: “We will bring them home, all of them.”", "Benjamin Netanyahu"),
    (
        "The U.S. Copyright Office's May 2025 report concluded that “there will not be a single answer.”",
        "The U.S. Copyright Office's May 2025 report",
    ),
    # Who was told is no speaker; an abbreviation in initials is a word of the speaker's noun phrase.
    ("“The talks are over,” a senior U.S. official told Reuters on condition of anonymity.", "a senior U.S. official"),
    # "According to" credits the report; the subject that follows spoke.
    ("According to Reuters, the minister said “the talks are over for now and will not resume.”", "the minister"),
    # Two asides between a name and its verb.
    ("Jane Doe, 45, of Leeds, said: “It was terrifying to watch the water rise so fast.”", "Jane Doe"),
    ("Dr. Jane Smith, MD, PhD, said “the results were striking and need more study.”", "Dr. Jane Smith"),
    # A text's author named before where it was posted, not the place, is who a relative clause quotes.
    (
        "Banners showed a post by Trump from his Truth Social platform that read, “Make the deal, bring all home!”",
        "Trump",
    ),
    ("Protesters carried a sign that read, “Make the deal now and bring all of them home”", "a sign"),
]
"""Paragraphs of one quote, in the forms of wire copy, and who speaks it."""


@pytest.mark.parametrize(("paragraph", "speaker"), ONE_QUOTE_SPEAKERS)
def test_the_speaker_of_a_quote_in_wire_copy(paragraph: str, speaker: str) -> None:
    _, quotes = _quotes(paragraph)
    assert [_who(quote) for quote in quotes] == [speaker]


def test_called_names_a_thing_before_a_quote_and_characterises_before_an_object() -> None:
    """ "called the 'X'" names a thing; "called the move 'X'" and "called it 'X'" are a speaker's words. "read"
    far from a quote ("until I read") attributes nothing."""
    _, quotes = _quotes(
        "It is a well-known fractal pattern called the “ten martini problem” in maths.",
        "I was swept up in the “microservices mania” for a while, until I read a book about it.",
        "Trump called the move “reckless and dangerous” on Monday.",
        "Zelensky called it “a cynical attack on civilians” in his address.",
    )
    assert [(quote["text"], _who(quote)) for quote in quotes] == [
        ("“reckless and dangerous”", "Trump"),
        ("“a cynical attack on civilians”", "Zelensky"),
    ]


def test_accented_capitals_start_names() -> None:
    _, quotes = _quotes("“We don't just show up on your wedding day,” Stephanie Özcan says.")
    assert quotes[0]["speaker"] is not None
    assert quotes[0]["speaker"]["text"] == "Stephanie Özcan"


def test_unattributed_quote_without_any_speaker_and_titles_are_dropped() -> None:
    _, quotes = _quotes(
        'The series is called "Google Cloud: Passport to Containers" and runs weekly.',
        'Students in the "business as usual" group got no help.',
        '"Sorry for the inconvenience, but the airline has changed your flight."',
    )
    assert quotes == []


def test_no_quotes_and_no_paragraphs() -> None:
    assert _quotes("The Kremlin said the call lasted almost an hour.")[1] == []
    assert find_quotes("", []) == []


@pytest.mark.needs_data
@pytest.mark.skipif(not (SHARED_DATA / "wcxb-dev-articles").is_dir(), reason="shared WCXB data absent")
def test_hand_labelled_gold_keeps_its_targets() -> None:
    evaluation = load_script("eval_quotes")
    articles, skipped = evaluation.load_articles(SHARED_DATA)
    assert skipped == 0
    total = evaluation.Tally()
    for article in articles:
        total.add(evaluation.score(article, find_quotes(article.text, evaluation.paragraph_spans(article.text))))
    assert evaluation.f1(total.overlap, total.predicted, total.gold)[2] >= 0.85
    assert total.speaker_right / total.speaker_checked >= 0.85


_QUOTY = st.lists(
    st.sampled_from([*list("ab AB.,:'\"“”‘’s\n"), " said ", " he said.", "Ushakov", " won't ", "Hamas' "])
).map("".join)


@given(st.lists(_QUOTY, min_size=1, max_size=4))
def test_any_text_gives_quotes_that_match_their_text_inside_one_paragraph(paragraphs: list[str]) -> None:
    _, quotes = _quotes(*paragraphs)
    starts = [quote["start"] for quote in quotes]
    assert starts == sorted(starts)


def test_a_second_quote_in_a_later_sentence_shares_the_speaker_and_cue_of_its_sentence() -> None:
    """Sentence numbers count within the paragraph: a quote after an attributed one in the same sentence, here
    the paragraph's second, takes its speaker and cue (it was dropped when every quote's sentence read as 0)."""
    _, quotes = _quotes('The talks went on for hours. Smith said the plan was "workable" and "fair" to both sides.')
    assert [(quote["text"], quote["speaker"]["text"], quote["cue"]["text"]) for quote in quotes] == [
        ('"workable"', "Smith", "said"),
        ('"fair"', "Smith", "said"),
    ]


def test_role_dropped_before_a_name_after_a_double_space_leaves_no_space_in_the_span() -> None:
    # Page captures keep double spaces; the span must start at the name, not at the space before it.
    _, quotes = _quotes('"We will win this war soon," said US President  Donald Trump on Friday.')
    assert quotes[0]["speaker"] is not None
    assert quotes[0]["speaker"]["text"] == "Donald Trump"


@pytest.mark.parametrize(
    ("paragraph", "speaker"),
    [
        # The employer before a role in lower case: the person named after the role speaks.
        ('"It is a revolution," said MIT Sloan professor Thomas W. Malone, who runs the centre.', "Thomas W. Malone"),
        ('"We will appeal," said Trump adviser Peter Navarro.', "Peter Navarro"),
        # Two titles joined by "and" before the name.
        ('"It is about meaning," says Estera Events Co-Owner and Lead Planner Erica Vanco.', "Erica Vanco"),
        # A firm, a title and a name of six capitalised words in all: the name is not cut at five.
        ('"It is a power tool," says Google Fonts Product Manager Sophia Siao.', "Sophia Siao"),
        # Not past a word that joins the speaker to someone else.
        ('"We are done with this," said Smith to reporter Jane Doe.', "Smith"),
        ('"We are done with this," said John Smith and his lawyer Mary Jones.', "John Smith"),
        # Roles without a name stay whole, rather than becoming one bare role.
        ('"Rates vary with the season," says Maxi Moving\'s Vice President.', "Maxi Moving's Vice President"),
        # Reading on past the speaker never runs into the next paragraph.
        ('"Most apps lose their users within days." — Andrew Chen\n\nTo Keep Them', "Andrew Chen"),
        # A role, then the name set off by a comma.
        ("“Our goal is to listen first,” says Co-Founder, Stephanie Özcan.", "Stephanie Özcan"),
        ('"Affordable rates meet quality," says Maxi Moving\'s Vice President, Ivan Cheptenari.', "Ivan Cheptenari"),
        # Not a name that goes on into a clause.
        ('"We will appeal," said President, Trump said later.', "President"),
    ],
)
def test_the_person_after_a_role_speaks(paragraph: str, speaker: str) -> None:
    [quote] = _quotes(*paragraph.split("\n\n"))[1]
    assert _who(quote) == speaker


@pytest.mark.parametrize(
    ("paragraph", "speaker"),
    [
        (
            "As spine surgeon Dr. Ehsan Jazini of VSI explains, “A poor chair encourages poor posture.”",
            "Dr. Ehsan Jazini",
        ),
        ("Professor Jane Smith of Harvard said: “We are reviewing the case.”", "Jane Smith"),
        # One word before "of" is the rest of an organisation's name.
        ("The University of Michigan said: “We are reviewing the case.”", "The University of Michigan"),
    ],
)
def test_the_person_before_of_and_an_employer_speaks(paragraph: str, speaker: str) -> None:
    [quote] = _quotes(paragraph)[1]
    assert _who(quote) == speaker


def test_a_role_alone_is_no_one_to_resolve_a_pronoun_to() -> None:
    _, quotes = _quotes(
        "“Our goal is to listen first,” says Co-Founder, Stephanie Özcan. “We want to know your vision,” she added."
    )
    assert [_who(quote) for quote in quotes] == ["Stephanie Özcan", "Stephanie Özcan"]


def test_an_organisation_with_a_possessive_keeps_its_name_and_put_it_is_speech_only_at_a_clause_end() -> None:
    _, quotes = _quotes(
        'Moody\'s Investors Service said "the outlook for the sector is negative".',
        'Smith put it in a box marked "keep away from the heat and the light" and left.',
        '"Plants have to plan ahead to reach their goals," as Calvo put it.',
    )
    assert [(_who(quote), quote["cue"]["text"] if quote["cue"] else None) for quote in quotes] == [
        ("Moody's Investors Service", "said"),
        ("Calvo", "put it"),
    ]


def test_a_surname_that_is_also_a_role_is_still_a_name_for_a_pronoun() -> None:
    _, quotes = _quotes('Edith Head designed the costumes. "Every dress tells a story of its own," she said.')
    assert [_who(quote) for quote in quotes] == ["Edith Head"]


def test_a_name_set_beside_a_role_is_a_person_for_a_pronoun() -> None:
    # Peter Dutton speaks through no verb of speech, but the role beside his name makes him a person: "he" is
    # him, not the earlier speaker. "she reveals" credits a quote as "she says" does.
    for introduction in (
        "The opposition leader, Peter Dutton, disagreed.",
        "Peter Dutton, the opposition leader, disagreed.",
    ):
        _, quotes = _quotes(
            '"We won\'t back down," Anthony Albanese told reporters in Canberra.',
            f'{introduction} "It is a disaster for the country," he said.',
            'Planner Beth Lowe prefers a looser look. "Arrangements are natural and full of herbs," she reveals.',
        )
        assert [_who(quote) for quote in quotes] == ["Anthony Albanese", "Peter Dutton", "Beth Lowe"]


def test_a_possessive_is_not_who_a_pronoun_refers_to_beside_a_subject() -> None:
    # Both men speak in the article. "Kevin’s" names whose recommendation it is; the sentence's subject, Bernard,
    # is who "he" is.
    for possessive in ("Kevin Moss’s", "Kevin Moss's"):
        _, quotes = _quotes(
            "Kevin Moss says the Shure MV7 is one of his top choices, and Bernard Achampong says the room matters.",
            f"Bernard Achampong seconds {possessive} recommendation. “It is worth investing in Shure,” he says.",
        )
        assert [_who(quote) for quote in quotes] == ["Bernard Achampong"], possessive
    # With no other name in the sentence, a possessive is still who "he" is.
    _, quotes = _quotes("Kevin Moss's studio is small. “It is worth investing in Shure,” he says.")
    assert [_who(quote) for quote in quotes] == ["Kevin Moss"]


PRONOUN_SPEAKERS = {
    # "suggested that the Bolt" made the car a speaker, and "he" was left between it and Zane Merva.
    "not the subject of a reported clause": (
        [
            "Car Talk’s GM electric vehicle expert and owner, Zane Merva, suggested that the Bolt should be a big "
            "success for GM. He went on to add, “Would I like Apple CarPlay? Sure, but it’s just one aspect of a "
            "vehicle.”"
        ],
        ["Zane Merva"],
    ),
    # "Zettler adds" makes both names that hold "Zettler" speakers; the firm stands after "At", the founder is the
    # sentence's subject.
    "not a name after a preposition": (
        [
            "At Zettler Digital, founder Ben Zettler, sees brands overbuy CRMs all the time. “They pay for complexity "
            "they’ll never fully use,” he says.",
            "For ecommerce, “that almost always creates friction,” Zettler adds.",
        ],
        ["Ben Zettler", "Zettler"],
    ),
    # The name pattern read "Prevention\n\nBenjamin Franklin" as one name, after "for", and left "Tips" (the
    # podcast's title) as the only name for "he".
    "not a heading's last word": (
        [
            "Listen to the podcast, How to Get Rid of Bugs on Plants Naturally Tips that Work.",
            "Tips for Prevention",
            "Benjamin Franklin knew it all too well when he said, “An ounce of prevention is worth a pound of cure.”",
        ],
        ["Benjamin Franklin"],
    ),
    # "Burke" is a man's name nine times in ten; Burke Lennihan is a woman, and the only name there is.
    "a name alone whatever its first name tells": (
        [
            "Burke Lennihan teaches meditation in Cambridge.",
            "Lennihan suggests trying different classes. “Meditating with a group is more powerful,” she says.",
        ],
        ["Burke Lennihan"],
    ),
}


@pytest.mark.parametrize(("paragraphs", "speakers"), PRONOUN_SPEAKERS.values(), ids=PRONOUN_SPEAKERS.keys())
def test_who_a_pronoun_refers_to(paragraphs: list[str], speakers: list[str]) -> None:
    _, quotes = _quotes(*paragraphs)
    assert [_who(quote) for quote in quotes] == speakers


def test_it_is_the_body_or_text_that_spoke_before_or_no_one() -> None:
    # "It adds:" after a quote of the research's (WCXB 0456); wire copy goes on so after "the ministry said".
    _, quotes = _quotes(
        "“The plan is sound and will be carried out in full,” the ministry said on Monday.",
        "It added: “Every district will have a night bus by the end of the year.”",
    )
    assert [(_who(quote), quote["cue"]["text"]) for quote in quotes] == [
        ("the ministry", "said"),
        ("the ministry", "added"),
    ]
    # Nor is "it" a person named before it where a paragraph announces the quote.
    _, quotes = _quotes(
        "Kevin Moss praised the council's plan on Monday.",
        "The report by the transport department said the plan was sound. It adds:",
        "“Every district will have a night bus by the end of the year.”",
    )
    assert "Kevin Moss" not in [_who(quote) for quote in quotes]
    # Without such a speaker before, "it" is a thing that asks or says, and its quote is no one's speech.
    _, quotes = _quotes(
        "Beyond training, the watch is a capable smartwatch. It has added lifestyle tracking with questions like "
        "“Did you drink alcohol today?,” “Which shoes did you wear?” and more."
    )
    assert quotes == []


def test_a_name_that_opens_the_sentence_is_who_a_pronoun_in_its_paragraph_refers_to() -> None:
    # First names that tell no gender ("Jordan", "Quanta"): the sentence's subject decides, not "she".
    opening = (
        "Cairo grew up in the Bahamas, where she was homeschooled, learning math by watching Quanta Academy videos. "
        "She found the homeschooling experience lonely."
    )
    quote = "“There was this inescapable sameness,” she told Hartnett."
    introduction = "This was an account by Kevin Hartnett of how a mathematician named Jordan Cairo solved a problem."
    _, quotes = _quotes(introduction, f"{opening} {quote}")
    assert [_who(quote) for quote in quotes] == ["Jordan Cairo"]
    # Not from a paragraph further back: it may be a heading's or a list's.
    _, quotes = _quotes(introduction, opening, quote)
    assert [_who(quote) for quote in quotes] == ["she"]


@pytest.mark.parametrize(
    ("sentence", "pronoun", "speaker"),
    [
        # The sentence's subject is a man; "she" is the woman named after him.
        ("Donald Trump met Kamala Harris on Tuesday.", "she", "Kamala Harris"),
        ("Donald Trump met Kamala Harris on Tuesday.", "he", "Donald Trump"),
        # A title tells it too, and a name that tells nothing ("Bernie") stays a candidate for either.
        ("Mr. Sanders thanked Ms. Warren for her support.", "she", "Ms. Warren"),
        ("Elizabeth Warren and Senator Bernie Sanders spoke at the rally.", "she", "Elizabeth Warren"),
        ("Elizabeth Warren and Senator Bernie Sanders spoke at the rally.", "he", "Bernie Sanders"),
    ],
)
def test_a_gendered_pronoun_passes_over_names_of_the_other_gender(sentence: str, pronoun: str, speaker: str) -> None:
    _, quotes = _quotes(f"{sentence} “We will keep fighting for working families,” {pronoun} said.")
    assert [_who(quote) for quote in quotes] == [speaker]


def test_the_verb_a_comma_sets_before_a_quote_introduces_it_whoever_spoke_earlier_in_its_sentence() -> None:
    _, quotes = _quotes(
        "Once, when I told a guy on a plane that I taught philosophy at a community college, he responded, “So you "
        "teach Plato to plumbers?” Yes, indeed."
    )
    assert [(quote["speaker"]["text"], quote["cue"]["text"]) for quote in quotes] == [("he", "responded")]
    # Without the comma the quote runs on in the clause, and the first verb reports it.
    _, quotes = _quotes(
        'Trump said on Tuesday that Israel had agreed "to the necessary conditions to finalise" a 60-day ceasefire.'
    )
    assert [(quote["speaker"]["text"], quote["cue"]["text"]) for quote in quotes] == [("Trump", "said")]


def test_a_contracted_pronoun_is_no_one_to_resolve_a_pronoun_to() -> None:
    # "I’ve read" is a capitalised word before a verb of speech, as "Beard wrote" is; the contraction does not
    # make "I" a name.
    for contraction in ("I’ve", "I've", "I’d", "I'm"):
        _, quotes = _quotes(
            f"Mary Beard wrote the book in 2015. {contraction} read it twice. “History is an argument,” she says."
        )
        assert [_who(quote) for quote in quotes] == ["Mary Beard"], contraction


def test_a_sentence_quoted_on_its_own_a_few_paragraphs_on_is_the_last_named_speaker_s() -> None:
    # An article quoting one expert sets some of their sentences apart, under headings, with no "she says".
    opening = "“A chair should have adjustable lumbar support, not a generic mould,” Dr. Jazini advises."
    heading = "3. Armrest Adjustability"
    standalone = "Armrests prevent shoulder strain. “Find a chair that lets your elbows rest at a right angle.”"
    _, quotes = _quotes(opening, "Headrests keep the chin gently tucked.", heading, standalone)
    assert [_who(quote) for quote in quotes] == ["Dr. Jazini", "Dr. Jazini"]


@pytest.mark.parametrize(
    "between",
    [
        # Someone else is announced (above a photo's caption), or speaks, in between.
        "Edwina von Gal, Founder of Perfect Earth Project:\n\nAbove: a pond and thickets in her garden.",
        "Maria Lopez, who runs the clinic, said chairs matter less than breaks.",
        # Too far: more than three paragraphs without a quote.
        "One.\n\nTwo.\n\nThree.\n\nFour.",
    ],
)
def test_a_quote_standing_alone_is_no_one_s_when_someone_else_comes_between(between: str) -> None:
    opening = "“A chair should have adjustable lumbar support, not a generic mould,” Dr. Jazini advises."
    standalone = "“Find a chair that lets your elbows rest at a right angle.”"
    _, quotes = _quotes(opening, *between.split("\n\n"), standalone)
    assert [_who(quote) for quote in quotes] == ["Dr. Jazini"]


def test_a_title_or_an_unnamed_speaker_s_quote_is_not_passed_on() -> None:
    # A quote that is no sentence ('“Lower costs without a drop in effectiveness”') is a title or a slogan; and
    # "the French" is no name to pass on.
    _, quotes = _quotes(
        "“We run the numbers every quarter,” Jordan Anthony said.",
        "Prices fell again this year.",
        "“Lower costs by 5 to 10% without a drop in effectiveness”",
    )
    assert [_who(quote) for quote in quotes] == ["Jordan Anthony"]
    _, quotes = _quotes(
        "“The painting was bought in 1909,” the French say.",
        "Reinhart left everything to the Swiss Confederation.",
        "“In our selection, we wanted to do justice to the collection as a whole.”",
    )
    assert [_who(quote) for quote in quotes] == ["the French"]


def test_a_quote_dated_in_brackets_is_a_work_s_title() -> None:
    _, quotes = _quotes(
        "Another post that shaped me is “The Best Code is No Code At All” (2007), where he states that code is a "
        "liability. “Every line you write is a future burden,” Atwood wrote."
    )
    assert [quote["text"] for quote in quotes] == ["“Every line you write is a future burden,”"]


def test_a_quote_named_as_a_title_or_a_term_is_no_speech() -> None:
    # From WCXB pages 0276, 2891, 4517 and 0406, where each was attributed to a phrase before it.
    _, quotes = _quotes(
        "According to a study by Clutch titled “2022 App Development Survey,” 48% of businesses spent more.",
        "The case adds a feature called “super mic” that turns it into a microphone, the company said.",
        "Operators wheel the kiosks, known as “shiriki hubs” by residents, the World Bank reported.",
        "One of the problems asks for a crest called sangaibisi, which translates to “three folded rhombics”.",
        "What Trump called “a witch hunt” went on for years, the senator said.",
    )
    assert [quote["text"] for quote in quotes] == ["“a witch hunt”"]


def test_the_subject_after_a_noun_for_what_is_said_speaks() -> None:
    # "people" asks on WCXB page 0196, "homeowners" on 4070: the noun before them is what they ask.
    _, quotes = _quotes(
        "One of the most common questions people ask me is, “How do I even get started meditating?”",
        "The first thing Smith said was “We have to rebuild the bridge before winter.”",
        "“We will rebuild the bridge,” the spokesman said.",
        # The agent of a passive verb, on WCXB page 0370.
        "A common question asked by candidates is, “Should I work for a consulting firm or for an insurer?”",
    )
    assert [_who(quote) for quote in quotes] == ["people", "Smith", "the spokesman", "candidates"]


def test_the_subject_of_a_relative_clause_speaks_not_its_object() -> None:
    # "the same foam said" on WCXB page 4457.
    _, quotes = _quotes(
        "The sole uses foam, which one tester of a previous version that used the same foam said “felt alive.”",
        "The man who found the dog said “It was shaking and starving when we found it.”",
        "Smith, who runs the shelter, said “We are out of space for new animals.”",
    )
    assert [_who(quote) for quote in quotes] == ["one tester", "The man", "Smith"]


def test_per_introduces_a_source_as_according_to_does() -> None:
    _, quotes = _quotes(
        "What are journal indexes? Per this Walden University Library guide:",
        "“An index is a list of items pulled together for a purpose, organised by discipline or subject.”",
        "“Prices rose by 5 per cent a year, and wages by less,” the finance minister said.",
    )
    assert [_who(quote) for quote in quotes] == ["this Walden University Library guide", "the finance minister"]
