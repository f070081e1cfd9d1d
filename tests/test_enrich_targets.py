"""Target mentions: case, inflection, possessives, word boundaries, longest match, one compile per target set."""

from __future__ import annotations

import time

from builder.enrich.targets import TargetMatcher, find_target_mentions
from builder.records import Target
from tests.paths import SAMPLES

CEASEFIRE = Target.create(
    target_id="ukraine-ceasefire",
    text="the US-proposed ceasefire in Ukraine",
    type="claim",
    aliases=["ceasefire", "unconditional ceasefire", "truce"],
    description="A ceasefire in Ukraine proposed by the United States.",
)
ARMS = Target.create(
    target_id="us-arms",
    text="US weapons shipments to Ukraine",
    type="topic",
    aliases=["weapons shipment", "military aid"],
    description="American weapons sent to Ukraine.",
)
UKRAINE = Target.create(
    target_id="ukraine", text="Ukraine", type="entity", aliases=["Kyiv"], description="The country of Ukraine."
)
NATO = Target.create(target_id="nato", text="NATO", type="entity", aliases=["US"], description="The alliance.")


def _mentions(text: str, *targets: Target) -> list[tuple[str, str]]:
    mentions = find_target_mentions(text, targets)
    for mention in mentions:
        assert text[mention["start"] : mention["end"]] == mention["text"]
    return [(mention["target_id"], mention["text"]) for mention in mentions]


def test_case_and_inflection_in_both_directions() -> None:
    text = "Ceasefires rarely hold. The CEASEFIRE failed. Weapons shipments resumed; one weapons shipment was late."
    assert _mentions(text, CEASEFIRE, ARMS) == [
        ("ukraine-ceasefire", "Ceasefires"),
        ("ukraine-ceasefire", "CEASEFIRE"),
        ("us-arms", "Weapons shipments"),
        ("us-arms", "weapons shipment"),
    ]


def test_possessive_gives_the_bare_name_and_word_boundaries_hold() -> None:
    text = "Ukraine's army and Kyiv’s allies met; Ukrainian troops and Kyivan officials did not."
    assert _mentions(text, UKRAINE) == [("ukraine", "Ukraine"), ("ukraine", "Kyiv")]


def test_a_target_in_chinese_or_japanese_is_found_between_the_letters_around_it() -> None:
    """Chinese and Japanese put no space between words: a phrase is found wherever it is written there, while in
    Latin script a word boundary still holds."""
    target = Target.create(
        target_id="ukraine",
        text="Ukraine",
        type="entity",
        aliases=["乌克兰", "ウクライナ"],
        description="The country of Ukraine.",
    )
    text = "莫斯科不会放弃在乌克兰的目标。ロシアはウクライナでの目標を放棄しない。Ukrainekyiv."
    assert _mentions(text, target) == [("ukraine", "乌克兰"), ("ukraine", "ウクライナ")]


def test_a_russian_or_ukrainian_target_is_found_in_its_cases() -> None:
    """Russian and Ukrainian change a word's ending by its case: "Украина" is "Украины" after "против"."""
    putin = Target.create(
        target_id="putin", text="Владимир Путин", type="entity", aliases=["Путин"], description="Vladimir Putin."
    )
    ukraine = Target.create(
        target_id="ukraine", text="Україна", type="entity", aliases=["Украина"], description="Ukraine."
    )
    text = "Слова Владимира Путина, ответ Путину, против Украины и до України; путинский режим — другое слово."
    assert _mentions(text, putin, ukraine) == [
        ("putin", "Владимира Путина"),
        ("putin", "Путину"),
        ("ukraine", "Украины"),
        ("ukraine", "України"),
    ]


def test_in_polish_or_czech_a_target_in_latin_letters_is_found_in_its_cases() -> None:
    """Polish and Czech decline names as Russian does ("Putina", "Putinowi", "Ukrajině"); only in their documents,
    as an English one would take "Trumpet" for "Trump"."""
    putin = Target.create(target_id="putin", text="Władimir Putin", type="entity", aliases=["Putin"], description="-")
    ukraine = Target.create(
        target_id="ukraine", text="Ukraina", type="entity", aliases=["Ukrajina"], description="Ukraine."
    )
    trump = Target.create(target_id="trump", text="Donald Trump", type="entity", aliases=["Trump"], description="-")
    polish = "Trump zadzwonił do Putina; Trumpowi chodzi o pokój w Ukrainie, Zełenskiemu o broń dla Ukrainy."
    czech = "Putinovi vzkázal Trump, že na Ukrajině musí skončit válka."
    english = "A trumpet sounded as Trump spoke of Putin's war in Ukraina's east."
    matcher = TargetMatcher([putin, ukraine, trump])
    found = {
        lang: [(m["target_id"], m["text"]) for m in matcher.find(text, lang)]
        for lang, text in (("pl", polish), ("cs", czech), ("en", english))
    }
    assert found["pl"] == [
        ("trump", "Trump"),
        ("putin", "Putina"),
        ("trump", "Trumpowi"),
        ("ukraine", "Ukrainie"),
        ("ukraine", "Ukrainy"),
    ]
    assert found["cs"] == [("putin", "Putinovi"), ("trump", "Trump"), ("ukraine", "Ukrajině")]
    assert found["en"] == [("trump", "Trump"), ("putin", "Putin"), ("ukraine", "Ukraina")]
    # One final vowel gives way, not two: "Korea" does not find "Korona" (a crown).
    korea = Target.create(target_id="korea", text="Korea", type="entity", aliases=[], description="-")
    assert [m["text"] for m in TargetMatcher([korea]).find("Korona nie dla Korei.", "pl")] == ["Korei"]
    # Without the document's language, English's rules: no case endings.
    assert [m["text"] for m in matcher.find(polish)] == ["Trump"]


def test_longest_match_wins_and_mentions_do_not_overlap() -> None:
    text = "Moscow refused a US-proposed ceasefire in Ukraine, and Kyiv backed an unconditional ceasefire."
    assert _mentions(text, UKRAINE, CEASEFIRE) == [
        ("ukraine-ceasefire", "US-proposed ceasefire in Ukraine"),
        ("ukraine", "Kyiv"),
        ("ukraine-ceasefire", "unconditional ceasefire"),
    ]


def test_hyphen_and_space_are_interchangeable() -> None:
    assert _mentions("a US proposed ceasefire in Ukraine", CEASEFIRE) == [
        ("ukraine-ceasefire", "US proposed ceasefire in Ukraine")
    ]


def test_acronyms_keep_their_case() -> None:
    assert _mentions("Give us a NATO summit, said the US.", NATO) == [("nato", "NATO"), ("nato", "US")]


def test_sample_page_mentions() -> None:
    text = (SAMPLES / "daily8-putin-trump-call.txt").read_text(encoding="utf-8")
    mentions = _mentions(text, CEASEFIRE, ARMS, UKRAINE)
    assert ("us-arms", "weapons shipments") in mentions
    assert ("us-arms", "military aid") in mentions
    assert ("ukraine-ceasefire", "US-proposed ceasefire in Ukraine") in mentions
    assert ("ukraine-ceasefire", "unconditional ceasefire") in mentions
    assert mentions.count(("ukraine", "Kyiv")) >= 10


def test_matcher_is_compiled_once_per_target_set_and_reusable() -> None:
    text = "Kyiv said the truce held."
    find_target_mentions(text, [UKRAINE, CEASEFIRE])
    started = time.perf_counter()
    for _ in range(200):
        find_target_mentions(text, [UKRAINE, CEASEFIRE])
    assert time.perf_counter() - started < 0.5
    matcher = TargetMatcher([UKRAINE, CEASEFIRE])
    assert [mention["text"] for mention in matcher.find(text)] == ["Kyiv", "truce"]


def test_no_targets_and_no_text() -> None:
    assert find_target_mentions("Kyiv", []) == []
    assert find_target_mentions("", [UKRAINE]) == []
