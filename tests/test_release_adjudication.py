"""Adjudication of the annotator panel: majority with a minimum of annotators, soft labels, the review list."""

from __future__ import annotations

import pytest

from builder.records import Attribution, CheckWorthiness, Document, LabeledClaim, NoneKind, Stance
from builder.release.adjudication import AdjudicationConfig, adjudicate, machine_claims, majority, soft_label
from builder.release.inputs import latest_answers
from tests.release_support import answer, claim, ingest_samples, panel_answers, speaker_of


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> list[Document]:
    return ingest_samples(tmp_path_factory.mktemp("ingest"))


def test_soft_label_in_enum_order_and_majority_is_strict() -> None:
    assert soft_label([Stance.NONE, Stance.FAVOR, Stance.NONE, Stance.NONE], Stance) == [0.25, 0.0, 0.75]
    assert soft_label([], Stance) == [0.0, 0.0, 0.0]
    assert majority([Stance.FAVOR, Stance.AGAINST]) is None
    assert majority([Stance.FAVOR, Stance.AGAINST, Stance.NONE]) is None
    assert majority([Stance.FAVOR, Stance.FAVOR, Stance.NONE]) is Stance.FAVOR


def test_panel_decisions(documents: list[Document]) -> None:
    main, chips, gaza, _ = documents
    decided = adjudicate(latest_answers(panel_answers(documents)), AdjudicationConfig(min_annotators=2))
    stances = {(d.doc_id, d.target_id): d for d in decided.stances}
    assert set(stances) == {
        (main.doc_id, "ukraine-ceasefire"),
        (chips.doc_id, "ai-chip-export-curbs"),
        (gaza.doc_id, "gaza-ceasefire"),
    }
    ukraine = stances[(main.doc_id, "ukraine-ceasefire")]
    assert (ukraine.label, ukraine.annotators) == (Stance.AGAINST, 3)
    assert ukraine.soft == pytest.approx([0.0, 2 / 3, 1 / 3])
    assert ukraine.agreement == pytest.approx(2 / 3)
    # bob's first answer (AGAINST) was replaced by version 2 (FAVOR): only the latest counts.
    assert stances[(chips.doc_id, "ai-chip-export-curbs")].soft == [1.0, 0.0, 0.0]
    # cem skipped gaza: two answers remain, both NONE/neutral.
    gaza_decision = stances[(gaza.doc_id, "gaza-ceasefire")]
    assert (gaza_decision.label, gaza_decision.none_kind, gaza_decision.annotators) == (
        Stance.NONE,
        NoneKind.neutral,
        2,
    )


def test_panel_claims_keep_distribution_speaker_and_claim_stance(documents: list[Document]) -> None:
    main, chips, _, _ = documents
    decided = adjudicate(latest_answers(panel_answers(documents)), AdjudicationConfig())
    claims = {(c.doc_id, c.start): c for c in decided.claims}
    # main claim 0: marked by all three (CFS, CFS, UFS); claim 1 tied UFS/NFS (review); cem's trimmed span had
    # one supporter of three (dropped, not a tie).
    assert set(claims) == {(main.doc_id, main.claims[0]["start"]), (chips.doc_id, chips.claims[0]["start"])}
    first = claims[(main.doc_id, main.claims[0]["start"])]
    assert first.checkworthiness is CheckWorthiness.CFS
    assert first.checkworthiness_soft == pytest.approx([0.0, 1 / 3, 2 / 3])
    assert first.speaker == main.quotes[0]["speaker"]["text"]  # type: ignore[index]
    assert first.stance is None
    chip_claim = claims[(chips.doc_id, chips.claims[0]["start"])]
    # Two of three gave the claim a stance (FAVOR, FAVOR): the claim stance is decided among them.
    assert (chip_claim.stance, chip_claim.stance_soft) == (Stance.FAVOR, [1.0, 0.0, 0.0])
    assert chip_claim.annotators == 3


def test_panel_review_list(documents: list[Document]) -> None:
    main, _, _, zelensky = documents
    decided = adjudicate(latest_answers(panel_answers(documents)), AdjudicationConfig(min_annotators=2))
    reasons = sorted((item.doc_id, item.target_id, item.what, item.reason) for item in decided.review)
    assert reasons == sorted(
        [
            (main.doc_id, "ukraine-ceasefire", "claim", "checkworthiness_tie"),
            (main.doc_id, "us-weapons-ukraine", "stance", "tie"),
            # cem's answer was deleted after the fact: one annotator left, below the minimum of two.
            (zelensky.doc_id, "us-weapons-ukraine", "task", "too_few_annotators"),
        ]
    )
    tie = next(item for item in decided.review if item.reason == "tie")
    assert tie.votes == {"FAVOR": 1, "AGAINST": 1}


def test_min_annotators_and_low_agreement_are_configurable(documents: list[Document]) -> None:
    answers = latest_answers(panel_answers(documents))
    strict = adjudicate(answers, AdjudicationConfig(min_annotators=3))
    # Only main/ukraine and chips have three answers.
    assert {d.target_id for d in strict.stances} == {"ukraine-ceasefire", "ai-chip-export-curbs"}
    picky = adjudicate(answers, AdjudicationConfig(review_below=0.7))
    # 2/3 for AGAINST on main/ukraine is released but also sent to review below 0.7.
    low = [item for item in picky.review if item.reason == "low_agreement" and item.what == "stance"]
    assert [item.target_id for item in low] == ["ukraine-ceasefire"]
    assert any(d.target_id == "ukraine-ceasefire" for d in picky.stances)


def test_none_kind_tie_is_released_without_none_kind_and_reviewed(documents: list[Document]) -> None:
    gaza = documents[2]
    answers = [
        answer(gaza, "gaza-ceasefire", "ann", Stance.NONE, none_kind=NoneKind.neutral),
        answer(gaza, "gaza-ceasefire", "bob", Stance.NONE, none_kind=NoneKind.unrelated),
    ]
    decided = adjudicate(latest_answers(answers), AdjudicationConfig())
    assert [(d.label, d.none_kind) for d in decided.stances] == [(Stance.NONE, None)]
    assert [item.reason for item in decided.review] == ["none_kind_tie"]


def test_machine_claims_come_from_the_document_and_are_marked(documents: list[Document]) -> None:
    main = documents[0]
    claims = machine_claims(main)
    assert len(claims) == len(main.claims)
    assert all(c.machine and c.annotators == 0 and c.stance is None for c in claims)
    assert [c.checkworthiness for c in claims] == [c["suggested"] for c in main.claims]
    # The main article's first sentence reports Putin telling Trump something: a quote inside it, if the
    # extractor found one there, gives speaker and cue; either way every speaker is a span of the text.
    assert all(c.speaker is None or c.speaker in main.text for c in claims)
    assert any(c.speaker for c in claims)


def test_one_annotator_marking_a_span_twice_is_one_voice(documents: list[Document]) -> None:
    """Of three annotators, one marked the same claim twice and nobody else marked it: one of three is no
    majority, so the claim is not released (counted per marking, two of three made it one)."""
    main = documents[0]
    twice = [claim(main, 0, CheckWorthiness.CFS), claim(main, 0, CheckWorthiness.CFS)]
    answers = [
        answer(main, "ukraine-ceasefire", "ann", Stance.AGAINST, claims=twice),
        answer(main, "ukraine-ceasefire", "bob", Stance.AGAINST),
        answer(main, "ukraine-ceasefire", "cem", Stance.AGAINST),
    ]
    decided = adjudicate(latest_answers(answers), AdjudicationConfig())
    assert decided.claims == []
    assert [item.reason for item in decided.review if item.what == "claim"] == []


def _named(document: Document, quote: int, name: str | None) -> list[Attribution]:
    source = speaker_of(document, quote, 0)
    if name is not None:
        source["name"] = name
    return [source]


@pytest.mark.parametrize(
    ("names", "released", "reviewed"),
    [
        (["Volodymyr Zelensky", "Volodymyr Zelensky", "Petro Poroshenko"], "Volodymyr Zelensky", False),
        (["Volodymyr Zelensky", None, None], None, False),  # most gave none: the span said enough to them
        (["Volodymyr Zelensky", "Petro Poroshenko"], None, True),
        (["Volodymyr Zelensky", None], None, True),
        ([None, None], None, False),
    ],
)
def test_a_claim_s_speaker_name_is_the_majority_s_and_a_split_goes_to_review(
    documents: list[Document], names: list[str | None], released: str | None, reviewed: bool
) -> None:
    """Names are voted on among the claim's supporters apart from the source span they all linked: agreeing on
    "He" is not agreeing on who he is."""
    main = documents[0]
    he = next(i for i, quote in enumerate(main.quotes) if quote.get("speaker_name") == "Volodymyr Zelensky")
    quote = main.quotes[he]
    claimed = LabeledClaim(
        start=quote["start"], end=quote["end"], text=quote["text"], checkworthiness=CheckWorthiness.CFS
    )
    answers = [
        answer(main, "ukraine-ceasefire", who, Stance.AGAINST, claims=[claimed], attributions=_named(main, he, name))
        for who, name in zip(("ann", "bob", "cem"), names, strict=False)
    ]
    decided = adjudicate(latest_answers(answers), AdjudicationConfig())
    [released_claim] = decided.claims
    assert (released_claim.speaker, released_claim.speaker_name) == ("He", released)
    review = [item for item in decided.review if item.reason == "speaker_name_tie"]
    assert bool(review) == reviewed
    if reviewed:
        assert sum(review[0].votes.values()) == len(names)


def test_a_machine_claim_keeps_the_pronoun_as_speaker_and_the_extractor_s_name_apart(
    documents: list[Document],
) -> None:
    main = documents[0]
    he = next(quote for quote in main.quotes if quote.get("speaker_name") == "Volodymyr Zelensky")
    [claim_of_he] = [c for c in machine_claims(main) if c.start <= he["start"] and he["end"] <= c.end]
    assert (claim_of_he.speaker, claim_of_he.speaker_name) == ("He", "Volodymyr Zelensky")
    named = [c for c in machine_claims(main) if c.speaker and c.speaker != "He"]
    assert named
    assert all(c.speaker_name is None for c in named)
