"""Agreement figures against published and hand-computed values.

The hand computations for the annotator panel (tests/release_support.py, `panel_answers`) are written out in
each test, so a reader can check the arithmetic without running anything.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.records import Annotation
from builder.release.agreement import agreement_report, krippendorff_alpha, matched_spans
from builder.release.inputs import latest_answers
from builder.release.plot import agreement_png
from tests.release_support import annotator_id, ingest_samples, panel_answers

# Krippendorff, K. (2011). "Computing Krippendorff's Alpha-Reliability". Annenberg School for Communication,
# University of Pennsylvania, Departmental Papers (ASC) 43, section C ("nominal data, any number of
# observers, missing data"): reliability data of 4 observers x 12 units, "." for a missing value.
_ = None
RELIABILITY_DATA = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],  # observer A
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],  # observer B
    [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],  # observer C
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],  # observer D
]
UNITS = [[row[unit] for row in RELIABILITY_DATA if row[unit] is not None] for unit in range(12)]


def test_krippendorff_published_example_nominal() -> None:
    # The paper's result: alpha (nominal) = 0.743.
    assert krippendorff_alpha(UNITS, "nominal") == pytest.approx(0.743, abs=5e-4)


def test_krippendorff_published_example_ordinal() -> None:
    # Same data as ranks 1 < 2 < 3 < 4 < 5: alpha (ordinal) = 0.815, the value Krippendorff's ordinal metric
    # gives for this matrix (also the expected value in the tests of the `krippendorff` PyPI package).
    assert krippendorff_alpha(UNITS, "ordinal", [1, 2, 3, 4, 5]) == pytest.approx(0.815, abs=5e-4)


def test_krippendorff_small_nominal_by_hand() -> None:
    # Units (a,a) (a,b) (b,b) (b,b): coincidences o_aa=2, o_ab=o_ba=1, o_bb=4; n_a=3, n_b=5, n=8.
    # alpha = 1 - (n-1) * (o_ab + o_ba) / (2 n_a n_b) = 1 - 7 * 2 / 30 = 8/15.
    assert krippendorff_alpha([["a", "a"], ["a", "b"], ["b", "b"], ["b", "b"]]) == pytest.approx(8 / 15)


def test_krippendorff_ordinal_weighs_distance_between_ranks() -> None:
    # Ranks lo < mid < hi. Units (lo,mid) (mid,mid) (hi,hi) (lo,lo): n_lo=3, n_mid=3, n_hi=2, n=8.
    # delta(lo,mid) = ((3+3)/2)^2 = 9; delta(mid,hi) = ((3+2)/2)^2 = 6.25; delta(lo,hi) = (8 - 2.5)^2 = 30.25.
    # observed = 2 * 9 = 18; expected = 2 * (3*3*9 + 3*2*6.25 + 3*2*30.25) = 600.
    # alpha = 1 - 7 * 18 / 600 = 0.79.
    units = [["lo", "mid"], ["mid", "mid"], ["hi", "hi"], ["lo", "lo"]]
    assert krippendorff_alpha(units, "ordinal", ["lo", "mid", "hi"]) == pytest.approx(0.79)
    # The same disagreement is worth less as nominal data (any two labels are equally far apart):
    assert krippendorff_alpha(units, "nominal", ["lo", "mid", "hi"]) == pytest.approx(1 - 7 * 2 / (64 - 22))


def test_krippendorff_undefined_without_pairs_or_variation() -> None:
    assert krippendorff_alpha([["a"], ["b"]]) is None
    assert krippendorff_alpha([["a", "a"], ["a", "a", "a"]]) is None
    assert krippendorff_alpha([]) is None


def test_span_matching_exact_and_overlap() -> None:
    left = [(0, 10), (20, 30)]
    right = [(0, 10), (22, 35), (40, 50)]
    assert matched_spans(left, right, overlap=False) == [((0, 10), (0, 10))]
    assert matched_spans(left, right, overlap=True) == [((0, 10), (0, 10)), ((20, 30), (22, 35))]
    # One long span cannot take credit for two short ones.
    assert len(matched_spans([(0, 100)], [(0, 10), (20, 30)], overlap=True)) == 1
    # Touching is not overlapping: [0, 10) and [10, 20) share no character.
    assert matched_spans([(0, 10)], [(10, 20)], overlap=True) == []


@pytest.fixture(scope="module")
def panel(tmp_path_factory: pytest.TempPathFactory) -> list[Annotation]:
    documents = ingest_samples(tmp_path_factory.mktemp("ingest"))
    return latest_answers(panel_answers(documents))


def test_latest_answers_keep_last_version_and_drop_skipped_and_deleted(panel: list[Annotation]) -> None:
    # 15 ledger lines: bob's chips answer has 2 versions, cem skipped gaza, cem's zelensky answer was deleted.
    assert len(panel) == 11
    bob_chips = [a for a in panel if a.annotator == annotator_id("bob") and a.target_id == "ai-chip-export-curbs"]
    assert [a.version for a in bob_chips] == [2]
    assert not [a for a in panel if a.annotator == annotator_id("cem") and a.target_id in ("gaza-ceasefire",)]


def test_panel_stance_alpha_by_hand(panel: list[Annotation]) -> None:
    # Units (FAVOR, AGAINST, NONE order): main/ukraine (A,A,N), main/weapons (F,A), chips (F,F,F), gaza (N,N);
    # zelensky (F) is not pairable. Coincidences: o_FF=3, o_FA=o_AF=1, o_AA=1, o_AN=o_NA=1, o_NN=2;
    # n_F=4, n_A=3, n_N=3, n=10. Observed off-diagonal 4; expected sum_{c!=k} n_c n_k = 100 - 34 = 66.
    # alpha = 1 - 9 * 4 / 66 = 5/11.
    report = agreement_report(panel)
    assert report.overall.stance_alpha == pytest.approx(5 / 11)
    assert report.overall.tasks == 5
    assert report.overall.multiply_annotated_tasks == 4
    # Pairs: main/ukraine 3 (1 agrees), main/weapons 1 (0), chips 3 (3), gaza 1 (1): 5 of 8.
    assert report.overall.stance_pairwise_agreement == pytest.approx(5 / 8)


def test_panel_checkworthiness_ordinal_alpha_by_hand(panel: list[Annotation]) -> None:
    # Units (NFS < UFS < CFS): main claim 0 (C,C,U), main claim 1 (U,N), chips claim 0 (C,C,U); cem's trimmed
    # span is coded once, so not pairable. n_N=1, n_U=3, n_C=4, n=8.
    # delta(N,U) = (4/2)^2 = 4; delta(U,C) = (7/2)^2 = 12.25; delta(N,C) = (8 - 2.5)^2 = 30.25.
    # observed = 2*1*4 + 4*12.25 = 57; expected = 2 * (1*3*4 + 3*4*12.25 + 1*4*30.25) = 560.
    # alpha = 1 - 7 * 57 / 560 = 0.2875.
    assert agreement_report(panel).overall.checkworthiness_alpha == pytest.approx(0.2875)


def test_panel_span_f1_and_speaker_links_by_hand(panel: list[Annotation]) -> None:
    # main/ukraine: ann {c0, c1}, bob {c0, c1}, cem {c0, c1 less one character}.
    #   ann-bob: 4 spans, 2 exact, 2 overlapping; ann-cem and bob-cem: 4 spans, 1 exact, 2 overlapping.
    # chips: everyone {c0}: 3 pairs of 2 spans, 1 exact each. Other tasks have no claims.
    # exact F1 = 2 * 7 / 18 = 7/9; overlap F1 = 2 * 9 / 18 = 1.
    overall = agreement_report(panel).overall
    assert overall.claim_f1_exact == pytest.approx(7 / 9)
    assert overall.claim_f1_overlap == pytest.approx(1.0)
    # Speaker links over exactly matched claims: ann-bob c0 (same speaker) and c1 (both none) agree; ann-cem c0
    # and bob-cem c0 disagree (cem linked none); chips c0: 3 pairs, none linked, agree. 5 of 7.
    assert overall.speaker_link_agreement == pytest.approx(5 / 7)


def test_panel_per_target_and_per_annotator(panel: list[Annotation]) -> None:
    report = agreement_report(panel)
    assert list(report.by_target) == [
        "ai-chip-export-curbs",
        "gaza-ceasefire",
        "ukraine-ceasefire",
        "us-weapons-ukraine",
    ]
    # ukraine: one unit (A,A,N): o_AA=1, o_AN=o_NA=1, n=3; alpha = 1 - 2 * 2 / (2*2*1) = 0.
    assert report.by_target["ukraine-ceasefire"].stance_alpha == pytest.approx(0.0)
    # chips (F,F,F) and gaza (N,N) show no variation: alpha is undefined, not 1.
    assert report.by_target["ai-chip-export-curbs"].stance_alpha is None
    assert report.by_target["gaza-ceasefire"].stance_alpha is None
    ann, bob, cem = (report.by_annotator[annotator_id(name)] for name in ("ann", "bob", "cem"))
    assert (ann.answers, bob.answers, cem.answers) == (5, 4, 2)
    # ann agrees with bob on main/ukraine, chips, gaza and with cem on chips: 4 of 6 pairs; cem 2 of 4.
    assert ann.stance_pairwise_agreement == pytest.approx(4 / 6)
    assert cem.stance_pairwise_agreement == pytest.approx(2 / 4)
    # cem: vs ann and bob on main (4 spans, 1 exact each), chips (2 spans, 1 exact each): 2 * 4 / 12.
    assert cem.claim_f1_exact == pytest.approx(2 / 3)


def test_panel_stance_confusion(panel: list[Annotation]) -> None:
    # Ordered pairs: main/ukraine (A,A) x2, (A,N) and (N,A) x2 each; main/weapons (F,A), (A,F); chips (F,F) x6;
    # gaza (N,N) x2.
    confusion = agreement_report(panel).stance_confusion.model_dump(mode="json")
    assert confusion == {"labels": ["FAVOR", "AGAINST", "NONE"], "matrix": [[6, 1, 0], [1, 2, 2], [0, 2, 2]]}


def test_agreement_plot_is_a_png(panel: list[Annotation], tmp_path: Path) -> None:
    path = agreement_png(agreement_report(panel), tmp_path / "agreement.png")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert path.stat().st_size > 5_000
