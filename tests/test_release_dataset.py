"""`builder release` end to end: the folder loads with the real `datasets.load_dataset` (local path, no Hub),
versions are git tags whose trees keep loading to their own rows, and every refusal happens."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import datasets
import pyarrow.parquet as pq
import pytest
import yaml

from builder.cli.console import UNWRAPPED_WIDTH, CliConsole
from builder.records import (
    SCHEMA_VERSION,
    AnnotationStatus,
    Attribution,
    AttributionRole,
    CheckWorthiness,
    Document,
    LabeledClaim,
    NoneKind,
    Stance,
)
from builder.release.build import ReleaseOptions, ReleaseRefusedError, make_release
from builder.release.features import rows_to_table
from builder.release.publish import PushError, plan_push
from builder.release.splits import SplitLedger
from builder.release.tables import CONFIGS, config_features
from tests.paths import REPO
from tests.release_support import (
    answer,
    claim,
    grown,
    ingest_samples,
    panel_answers,
    speaker_of,
    write_documents,
    write_ledger,
)
from tests.samples_support import TARGETS

CLASS_LABELS = {
    "documents": {"role": ["main", "related"]},
    "claims": {"checkworthiness": ["NFS", "UFS", "CFS"], "stance": ["FAVOR", "AGAINST", "NONE"]},
    "stance": {"label": ["FAVOR", "AGAINST", "NONE"], "none_kind": ["neutral", "unrelated"]},
    "annotations": {"stance": ["FAVOR", "AGAINST", "NONE"], "none_kind": ["neutral", "unrelated"]},
}


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> list[Document]:
    return ingest_samples(tmp_path_factory.mktemp("ingest"))


def base_documents(samples: list[Document]) -> list[Document]:
    """The 4 sample documents plus 40 on 20 more pages, so the three splits all get rows."""
    return samples + [doc for page in range(20) for doc in grown(samples, page, 2)]


def release(tmp: Path, documents: list[Document], answers: list, **options: Any) -> Any:
    docs_path = write_documents(tmp / f"docs-{len(documents)}.jsonl", documents)
    ledger = write_ledger(tmp / f"annotations-{len(answers)}", answers)
    options.setdefault("out", tmp / "release")
    return make_release(ReleaseOptions(documents=docs_path, annotations=ledger, **options))


def card_metadata(release_dir: Path) -> dict[str, Any]:
    text = (release_dir / "README.md").read_text(encoding="utf-8")
    _, front, _ = text.split("---\n", 2)
    return yaml.safe_load(front)


def load(path: Path, config: str, cache: Path) -> datasets.DatasetDict:
    return datasets.load_dataset(str(path), config, cache_dir=str(cache))


def rows_by_split(dataset: datasets.DatasetDict) -> dict[str, list[dict]]:
    return {split: list(dataset[split]) for split in dataset}


@pytest.fixture(scope="module")
def first_release(samples: list[Document], tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("first")
    result = release(tmp, base_documents(samples), panel_answers(samples), version="1.0.0")
    assert result.made
    return tmp / "release"


def test_every_config_loads_with_class_labels_and_card_split_sizes(first_release: Path, tmp_path: Path) -> None:
    card = card_metadata(first_release)
    infos = {info["config_name"]: info for info in card["dataset_info"]}
    assert [c["config_name"] for c in card["configs"]] == list(CONFIGS)
    for config in CONFIGS:
        dataset = load(first_release, config, tmp_path / "cache")
        card_sizes = {split["name"]: split["num_examples"] for split in infos[config]["splits"]}
        assert {split: dataset[split].num_rows for split in dataset} == card_sizes, config
        features = next(iter(dataset.values())).features
        for column, names in CLASS_LABELS[config].items():
            assert isinstance(features[column], datasets.ClassLabel), (config, column)
            assert features[column].names == names
    documents = load(first_release, "documents", tmp_path / "cache")
    assert set(documents) == {"train", "validation", "test"}
    assert sum(split.num_rows for split in documents.values()) == 44
    assert documents["train"].features["paragraphs"].feature["kind"].names == ["body", "heading", "code"]


def test_released_rows_hold_the_adjudicated_labels(
    first_release: Path, samples: list[Document], tmp_path: Path
) -> None:
    main = samples[0]
    stance = load(first_release, "stance", tmp_path / "cache")
    rows = [row for split in stance.values() for row in split]
    assert len(rows) == 3
    ukraine = next(row for row in rows if row["target_id"] == "ukraine-ceasefire")
    label_names = next(iter(stance.values())).features["label"]
    assert label_names.int2str(ukraine["label"]) == "AGAINST"
    assert ukraine["doc_id"] == main.doc_id
    assert ukraine["label_soft"] == pytest.approx([0.0, 2 / 3, 1 / 3])
    assert ukraine["num_annotators"] == 3
    assert ukraine["target_text"] == "the US-proposed ceasefire in Ukraine"
    assert not ukraine["machine_label"]
    claims = [row for split in load(first_release, "claims", tmp_path / "cache").values() for row in split]
    assert len(claims) == 2
    assert all(not row["machine_label"] and row["num_annotators"] == 3 for row in claims)
    first = next(row for row in claims if row["doc_id"] == main.doc_id)
    assert first["text"] == main.text[first["start"] : first["end"]]
    assert first["claim_id"] == f"{main.doc_id}:ukraine-ceasefire:{first['start']}-{first['end']}"
    annotations = load(first_release, "annotations", tmp_path / "cache")
    assert sum(split.num_rows for split in annotations.values()) == 11


def test_manifest_hashes_every_file_and_fingerprints_inputs(first_release: Path) -> None:
    manifest = json.loads((first_release / "MANIFEST.json").read_text(encoding="utf-8"))
    assert manifest["version"] == "1.0.0"
    assert manifest["schema_version"] == SCHEMA_VERSION
    for name, entry in manifest["files"].items():
        assert hashlib.sha256((first_release / name).read_bytes()).hexdigest() == entry["sha256"], name
    committed = subprocess.run(
        ["git", "-C", str(first_release), "ls-files"], capture_output=True, text=True, check=True
    ).stdout.split()
    assert set(manifest["files"]) == set(committed) - {"MANIFEST.json"}
    documents_input = Path(manifest["inputs"][0]["path"])
    assert manifest["inputs"][0]["sha256"] == hashlib.sha256(documents_input.read_bytes()).hexdigest()
    assert manifest["counts"]["documents"] == card_split_sizes(first_release, "documents")


def card_split_sizes(release_dir: Path, config: str) -> dict[str, int]:
    info = next(i for i in card_metadata(release_dir)["dataset_info"] if i["config_name"] == config)
    return {split["name"]: split["num_examples"] for split in info["splits"]}


def test_card_yaml_and_body(first_release: Path) -> None:
    card = card_metadata(first_release)
    for key in ("license", "language", "task_categories", "annotations_creators", "size_categories", "pretty_name"):
        assert card[key], key
    assert card["language"] == ["en"]
    assert card["annotations_creators"] == ["expert-generated"]
    body = (first_release / "README.md").read_text(encoding="utf-8")
    assert "| stance, Krippendorff's α (nominal) | 0.455 |" in body
    assert "images/label_distribution.png" in body
    assert (first_release / "images" / "label_distribution.png").read_bytes()[:4] == b"\x89PNG"
    assert f'load_dataset("{first_release}", "annotations")' in body
    for heading in ("## Sources", "## Labels", "## Limitations", "## Changes in this version"):
        assert heading in body
    assert "First release: 44 documents, 3 stance labels, 2 claims." in body


def test_git_history_has_one_commit_and_annotated_tag(first_release: Path) -> None:
    def git(*args: str) -> str:
        return subprocess.run(
            ["git", "-C", str(first_release), *args], capture_output=True, text=True, check=True
        ).stdout

    assert git("tag", "--list") == "v1.0.0\n"
    assert git("cat-file", "-t", "v1.0.0") == "tag\n"  # annotated, not a lightweight tag
    assert git("status", "--porcelain") == ""


def test_releasing_an_existing_or_older_version_is_refused(samples: list[Document], tmp_path: Path) -> None:
    out = tmp_path / "release"
    release(tmp_path, samples, [], version="1.2.0", out=out, include_machine_labels=True)
    with pytest.raises(ReleaseRefusedError, match=r"1\.2\.0 is already released"):
        release(tmp_path, samples, [], version="1.2.0", out=out, include_machine_labels=True)
    with pytest.raises(ReleaseRefusedError, match=r"older than the latest release v1\.2\.0"):
        release(tmp_path, samples, [], version="1.1.9", out=out, include_machine_labels=True)
    with pytest.raises(ReleaseRefusedError, match="exactly one of"):
        release(tmp_path, samples, [], out=out)


def test_min_alpha_not_met_is_refused_with_the_figures(samples: list[Document], tmp_path: Path) -> None:
    with pytest.raises(ReleaseRefusedError) as refused:
        release(tmp_path, samples, panel_answers(samples), version="1.0.0", min_alpha=0.667)
    message = str(refused.value)
    assert "alpha (nominal) is 0.455" in message
    assert "ukraine-ceasefire 0.000 (1 tasks)" in message
    assert not (tmp_path / "release" / "documents").exists(), "nothing is written before the checks pass"
    result = release(tmp_path, samples, panel_answers(samples), version="1.0.0", min_alpha=0.45)
    assert result.made


def more_answers(samples: list[Document], extra: list[Document]) -> list:
    """1.1.0's ledger: 1.0.0's answers plus new ones that relabel gaza (NONE -> FAVOR) and label a new doc."""
    gaza = samples[2]
    new = extra[0]
    return [
        *panel_answers(samples),
        answer(gaza, "gaza-ceasefire", "ann", Stance.FAVOR, version=2),
        answer(gaza, "gaza-ceasefire", "cem", Stance.FAVOR, version=2),
        answer(new, "ukraine-ceasefire", "ann", Stance.FAVOR, claims=[claim(new, 0, CheckWorthiness.CFS)]),
        answer(new, "ukraine-ceasefire", "bob", Stance.FAVOR, claims=[claim(new, 0, CheckWorthiness.CFS)]),
    ]


def test_tag_of_earlier_version_still_loads_its_rows_and_no_row_moves(samples: list[Document], tmp_path: Path) -> None:
    out = tmp_path / "release"
    first = base_documents(samples)
    release(tmp_path, first, panel_answers(samples), version="1.0.0", out=out)
    before = {config: rows_by_split(load(out, config, tmp_path / "c1")) for config in CONFIGS}
    extra = [doc for page in range(100, 106) for doc in grown(samples, page, 3)]
    result = release(tmp_path, first + extra, more_answers(samples, extra), bump="minor", out=out)
    assert result.version == "1.1.0"
    checkout = tmp_path / "checkout"
    subprocess.run(
        ["git", "-c", "advice.detachedHead=false", "clone", "--quiet", "--branch", "v1.0.0", str(out), str(checkout)],
        check=True,
    )
    for config in CONFIGS:
        assert rows_by_split(load(checkout, config, tmp_path / "c2")) == before[config], config
    after = {config: rows_by_split(load(out, config, tmp_path / "c3")) for config in CONFIGS}
    assert split_of(before["documents"], "doc_id").items() <= split_of(after["documents"], "doc_id").items()
    assert split_of(before["claims"], "claim_id").items() <= split_of(after["claims"], "claim_id").items()
    assert (
        split_of(before["annotations"], "annotation_id").items()
        <= split_of(after["annotations"], "annotation_id").items()
    )
    changelog = (out / "CHANGELOG.md").read_text(encoding="utf-8")
    assert changelog.index("## v1.1.0") < changelog.index("## v1.0.0")
    assert "- Documents: 18 added, 0 removed." in changelog
    assert "- Stance labels: 1 added, 0 removed, 1 relabelled." in changelog
    assert f"`{samples[2].doc_id} gaza-ceasefire`" in changelog


def split_of(rows: dict[str, list[dict]], key: str) -> dict[str, str]:
    return {row[key]: split for split, items in rows.items() for row in items}


def test_bump_with_unchanged_data_makes_no_version(samples: list[Document], tmp_path: Path) -> None:
    release(tmp_path, samples, [], bump="major", include_machine_labels=True)
    again = release(tmp_path, samples, [], bump="major", include_machine_labels=True)
    assert not again.made
    tags = subprocess.run(["git", "-C", str(tmp_path / "release"), "tag"], capture_output=True, text=True, check=True)
    assert tags.stdout == "v1.0.0\n"


def test_group_merged_across_splits_fails_the_leak_check(samples: list[Document], tmp_path: Path) -> None:
    out = tmp_path / "release"
    singles = [doc for page in range(40) for doc in grown(samples, page, 1)]
    release(tmp_path, singles, [], version="1.0.0", out=out, include_machine_labels=True)
    ledger = SplitLedger.load(out, salt="unused: the ledger exists").documents
    by_split = {ledger[doc.doc_id]: doc for doc in singles}
    assert len(by_split) == 3, "40 single-document pages land in all three splits"
    left, right = by_split["train"], by_split["test"]
    # A new document on `left`'s page that near-duplicates `right` joins two groups released in two splits.
    bridge = grown(samples, 999, 1, duplicate_of=right.doc_id)[0].model_copy(update={"page_id": left.page_id})
    with pytest.raises(ReleaseRefusedError, match="split leak: 1 group"):
        release(tmp_path, [*singles, bridge], [], version="1.1.0", out=out, include_machine_labels=True)


def test_machine_labels_excluded_unless_asked_and_then_marked(samples: list[Document], tmp_path: Path) -> None:
    without = release(tmp_path, samples, [], version="0.1.0", out=tmp_path / "plain")
    assert set(without.counts) == {"documents"}, "no human labels and no machine labels: documents only"
    marked = release(tmp_path, samples, [], version="0.1.0", out=tmp_path / "marked", include_machine_labels=True)
    claims = load(tmp_path / "marked", "claims", tmp_path / "cache")
    rows = [row for split in claims.values() for row in split]
    assert len(rows) == sum(len(doc.claims) for doc in samples) == marked.machine_labels
    assert all(row["machine_label"] and row["num_annotators"] == 0 for row in rows)
    card = card_metadata(tmp_path / "marked")
    assert "machine-generated" in card["annotations_creators"]
    assert "machine-labels" in card["tags"]
    assert "**Machine labels.**" in (tmp_path / "marked" / "README.md").read_text(encoding="utf-8")
    # With human answers, machine claims are kept only for documents nobody annotated.
    mixed = release(
        tmp_path, samples, panel_answers(samples), version="0.1.0", out=tmp_path / "mixed", include_machine_labels=True
    )
    assert mixed.machine_labels == 0, "every sample document has human answers"


def test_a_source_s_name_is_a_string_column_of_claims_and_of_the_raw_attributions(
    samples: list[Document], tmp_path: Path
) -> None:
    """Two annotators name the pronoun "He"; the third names nobody: the claim's speaker_name is the majority's,
    and each raw attribution keeps its own name, null where none was given (a cue, an unnamed source)."""
    main = samples[0]
    he = next(i for i, quote in enumerate(main.quotes) if quote.get("speaker_name") == "Volodymyr Zelensky")
    quote = main.quotes[he]
    cue = quote.get("cue")
    assert cue is not None
    claimed = LabeledClaim(
        start=quote["start"], end=quote["end"], text=quote["text"], checkworthiness=CheckWorthiness.CFS
    )
    answers = []
    for who, name in (("ann", "Volodymyr Zelensky"), ("bob", "Volodymyr Zelensky"), ("cem", None)):
        source = speaker_of(main, he, 0)
        if name is not None:
            source["name"] = name
        said = Attribution(start=cue["start"], end=cue["end"], text=cue["text"], role=AttributionRole.cue, claim=0)
        answers.append(
            answer(main, "ukraine-ceasefire", who, Stance.AGAINST, claims=[claimed], attributions=[source, said])
        )
    release(tmp_path, samples, answers, version="1.0.0")

    claims = load(tmp_path / "release", "claims", tmp_path / "cache")
    assert next(iter(claims.values())).features["speaker_name"] == datasets.Value("string")
    [row] = [row for split in claims.values() for row in split]
    assert (row["speaker"], row["speaker_name"]) == ("He", "Volodymyr Zelensky")
    annotations = load(tmp_path / "release", "annotations", tmp_path / "cache")
    attributions = next(iter(annotations.values())).features["attributions"]
    assert attributions.feature["name"] == datasets.Value("string")
    named = sorted(
        (row["annotator"], attribution["text"], attribution["name"])
        for split in annotations.values()
        for row in split
        for attribution in row["attributions"]
    )
    by_annotator = {annotation.annotator: annotation for annotation in answers}
    assert named == sorted(
        (annotator, attribution["text"], attribution.get("name"))
        for annotator, annotation in by_annotator.items()
        for attribution in (annotation.labels.attributions if annotation.labels else [])
    )
    assert {name for _, text, name in named if text == "He"} == {"Volodymyr Zelensky", None}


def test_review_list_written_as_jsonl(samples: list[Document], tmp_path: Path) -> None:
    review = tmp_path / "review.jsonl"
    release(tmp_path, samples, panel_answers(samples), version="1.0.0", review=review)
    items = [json.loads(line) for line in review.read_text(encoding="utf-8").splitlines()]
    assert sorted(item["reason"] for item in items) == ["checkworthiness_tie", "tie", "too_few_annotators"]


def test_skipped_and_deleted_answers_do_not_reach_the_annotations_config(
    samples: list[Document], tmp_path: Path
) -> None:
    gaza = samples[2]
    answers = [
        answer(gaza, "gaza-ceasefire", "ann", Stance.NONE, none_kind=NoneKind.unrelated),
        answer(gaza, "gaza-ceasefire", "bob", Stance.NONE, none_kind=NoneKind.unrelated),
        answer(gaza, "gaza-ceasefire", "bob", status=AnnotationStatus.deleted, version=2),
        answer(gaza, "gaza-ceasefire", "cem", status=AnnotationStatus.skipped),
    ]
    result = release(tmp_path, samples, answers, version="1.0.0")
    assert result.counts["annotations"] == {next(iter(result.counts["documents"])): 1}
    assert "stance" not in result.counts, "one answer left, below the minimum of two"


def test_push_plan_exports_the_tagged_tree_without_network(first_release: Path, tmp_path: Path) -> None:
    (first_release / "scratch.txt").write_text("not released", encoding="utf-8")
    try:
        plan = plan_push(first_release, "my-org/news-stance", None, tmp_path)
    finally:
        (first_release / "scratch.txt").unlink()
    assert plan.tag == "v1.0.0"
    tracked = subprocess.run(
        ["git", "-C", str(first_release), "ls-tree", "-r", "--name-only", "v1.0.0"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert plan.files == sorted(tracked)
    assert "scratch.txt" not in plan.files
    exported = pq.read_table(next((plan.folder / "documents").glob("train-*.parquet")))
    assert exported.num_rows > 0
    with pytest.raises(PushError, match="expected ORG/NAME"):
        plan_push(first_release, "news-stance", None, tmp_path)
    with pytest.raises(PushError, match="no such release"):
        plan_push(first_release, "my-org/news-stance", "v2.0.0", tmp_path)


def run_builder(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "builder.cli", *args], cwd=REPO, capture_output=True, text=True, check=False
    )


def test_cli_release_of_the_samples_prints_the_load_line(samples: list[Document], tmp_path: Path) -> None:
    docs = write_documents(tmp_path / "documents.jsonl", samples)
    out = tmp_path / "release"
    args = ("release", "--documents", str(docs), "--annotations", str(tmp_path / "none"), "--out", str(out))
    made = run_builder(*args, "--bump", "minor", "--include-machine-labels")
    assert made.returncode == 0, made.stderr
    assert f'datasets.load_dataset("{out}", "claims")' in made.stdout
    assert "v0.1.0" in made.stderr
    again = run_builder(*args, "--version", "0.1.0", "--include-machine-labels")
    assert again.returncode == 1
    assert "already released" in again.stderr
    missing = run_builder("release", "--documents", str(docs))
    assert missing.returncode == 2
    push = run_builder("release", "push", "--out", str(out), "--repo-id", "my-org/x", "--tag", "v9.0.0")
    assert push.returncode == 2
    assert "no such release" in push.stderr


def test_cli_agreement_writes_report_and_plot(samples: list[Document], tmp_path: Path) -> None:
    ledger = write_ledger(tmp_path / "annotations", panel_answers(samples))
    result = run_builder("agreement", "--annotations", str(ledger), "--by", "annotator", "--out", str(tmp_path / "a"))
    assert result.returncode == 0, result.stderr
    report = json.loads((tmp_path / "a" / "agreement.json").read_text(encoding="utf-8"))
    assert report["overall"]["stance_alpha"] == pytest.approx(5 / 11)
    assert (tmp_path / "a" / "agreement.png").read_bytes()[:4] == b"\x89PNG"
    empty = run_builder("agreement", "--annotations", str(tmp_path / "a"))
    assert empty.returncode == 1


def test_a_ledger_line_that_is_no_json_is_refused_naming_the_line(samples: list[Document], tmp_path: Path) -> None:
    """Lines that json.loads failed on with another error than JSONDecodeError (bytes that are no UTF-8, JSON
    nested a hundred thousand levels deep, an integer of 5,000 digits) and a gzipped ledger cut short ended
    `builder agreement` and `builder release` with a traceback; each is now refused naming the file and line."""
    good = [answer.model_dump_json().encode() for answer in panel_answers(samples)]
    broken_lines = {
        "not_utf8": (b'{"kind": "annotation", "note": "caf\xe9"}', "not valid UTF-8: byte 0xe9 at column 36"),
        "nested": (b"[" * 100_000 + b"]" * 100_000, "bad JSON: nested too deeply to read"),
        "huge_number": (
            b'{"version": ' + b"7" * 5_000 + b"}",
            "bad JSON: a number of more than 4,300 digits, which no field holds at column 13",
        ),
    }
    for name, (line, said) in broken_lines.items():
        ledger = write_ledger(tmp_path / name, [])
        (ledger / "annotations.jsonl").write_bytes(b"\n".join([*good[:2], line, *good[2:]]) + b"\n")

        result = run_builder("agreement", "--annotations", str(ledger), "--out", str(tmp_path / "a"))

        assert (result.returncode, "Traceback" in result.stderr) == (1, False), result.stderr
        assert f"{ledger / 'annotations.jsonl'}:3: {said}" in " ".join(result.stderr.split()), name
    cut = write_ledger(tmp_path / "cut", [])
    (cut / "annotations.jsonl.gz").write_bytes(gzip.compress(b"\n".join(good) + b"\n")[:-30])
    documents = write_documents(tmp_path / "documents.jsonl.gz", samples)
    documents.write_bytes(documents.read_bytes()[:-30])
    for args in (
        ("agreement", "--annotations", str(cut), "--out", str(tmp_path / "a")),
        ("release", "--documents", str(documents), "--out", str(tmp_path / "release"), "--version", "1.0.0"),
    ):
        result = run_builder(*args)

        assert (result.returncode, "Traceback" in result.stderr) == (1, False), result.stderr
        assert "the gzip data ends or breaks here" in result.stderr, args[0]


def test_a_file_where_a_folder_is_written_or_a_folder_where_a_file_is_is_a_usage_error(
    samples: list[Document], tmp_path: Path
) -> None:
    """`--out` naming a file ended `builder release` and `builder agreement` with FileExistsError, and `--review`
    naming a folder ended the release with IsADirectoryError after its Parquet files were written; each is now a
    usage error (exit 2) said before anything is written."""
    documents = write_documents(tmp_path / "documents.jsonl", samples)
    ledger = write_ledger(tmp_path / "annotations", panel_answers(samples))
    a_file = tmp_path / "a-file"
    a_file.write_text("", encoding="utf-8")
    release_args = ("release", "--documents", str(documents), "--annotations", str(ledger), "--version", "1.0.0")
    runs = {
        "release --out": (
            run_builder(*release_args, "--out", str(a_file)),
            f"--out {a_file}: a file is there; --out names the release repository",
        ),
        "agreement --out": (
            run_builder("agreement", "--annotations", str(ledger), "--out", str(a_file)),
            f"--out {a_file}: a file is there; --out names the folder agreement.json and agreement.png are written",
        ),
        "release --review": (
            run_builder(*release_args, "--out", str(tmp_path / "release"), "--review", str(tmp_path)),
            f"--review {tmp_path}: a folder is there; --review names the JSONL file the review list is written to",
        ),
    }
    for name, (result, said) in runs.items():
        assert (result.returncode, "Traceback" in result.stderr) == (2, False), result.stderr
        assert said in " ".join(result.stderr.split()), name
    assert not (tmp_path / "release").exists()


def test_cli_agreement_table_keeps_its_width_in_a_log(samples: list[Document], tmp_path: Path) -> None:
    """Piped (a CI log) the table was squeezed into 80 columns: "ukraine-…", "check-wor… α" over two lines."""
    ledger = write_ledger(tmp_path / "annotations", panel_answers(samples))
    environment = {name: value for name, value in os.environ.items() if name not in {"COLUMNS", "LINES"}}
    result = subprocess.run(
        [sys.executable, "-m", "builder.cli", "agreement", "--annotations", str(ledger), "--out", str(tmp_path / "a")],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        env={**environment, "FORCE_COLOR": "1"},  # as some CI set it: rich then calls the log a terminal
    )
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    header = next(line for line in lines if "target" in line and "tasks" in line)
    for column in ("stance α", "check-worthiness α", "span F1 exact", "span F1 overlap", "speaker"):
        assert column in header
    for target_id in ("ai-chip-export-curbs", "gaza-ceasefire", "ukraine-ceasefire", "us-weapons-ukraine"):
        assert any(target_id in line and "│" in line for line in lines), target_id
    assert any(line.startswith("Report: ") and line.endswith("agreement.png") for line in lines)


def test_a_narrow_terminal_or_columns_still_sets_the_width() -> None:
    """Only output to no terminal is unwrapped: a width the user gives (COLUMNS) is kept."""
    log = CliConsole(file=io.StringIO())
    assert log.width == UNWRAPPED_WIDTH
    assert CliConsole(file=io.StringIO(), width=60).width == 60
    assert CliConsole(file=io.StringIO(), _environ={"COLUMNS": "100"}).width == 100


def test_a_document_listed_twice_is_refused(samples: list[Document], tmp_path: Path) -> None:
    with pytest.raises(ReleaseRefusedError, match="appear twice"):
        release(tmp_path, [*samples, samples[0]], [], version="1.0.0", include_machine_labels=True)


def names_of(value: Any, feature: Any) -> Any:
    """A loaded value with every ClassLabel index turned back into its name."""
    if value is None:
        return None
    if isinstance(feature, datasets.ClassLabel):
        return feature.int2str(value)
    if isinstance(feature, datasets.List):
        return [names_of(item, feature.feature) for item in value]
    if isinstance(feature, dict):
        return {key: names_of(item, feature[key]) for key, item in value.items() if item is not None}
    return value


def test_released_rows_validate_against_the_row_models(first_release: Path, tmp_path: Path) -> None:
    for config, model in CONFIGS.items():
        dataset = load(first_release, config, tmp_path / "cache")
        for split in dataset.values():
            for row in split:
                model.model_validate({key: names_of(value, split.features[key]) for key, value in row.items()})


def test_unknown_label_is_refused_when_building_a_table() -> None:
    features = config_features()["stance"]
    row = {"doc_id": "doc_0123456789abcdef", "label": "MAYBE", "label_soft": [1.0, 0.0, 0.0]}
    with pytest.raises(ValueError, match=r"label: 'MAYBE' is not a label of \['FAVOR', 'AGAINST', 'NONE'\]"):
        rows_to_table([row], features)
    table = rows_to_table([{**row, "label": Stance.AGAINST}], features)
    assert table.column("label").to_pylist() == [1]
    assert table.schema == features.arrow_schema


def test_answers_about_unknown_documents_are_left_out_and_noted(samples: list[Document], tmp_path: Path) -> None:
    """Answers about documents not released are left out of the rows and noted; nor do they count in the
    agreement figures, the --min-alpha gate and the review list, which spoke of tasks the release does not hold."""
    stranger = grown(samples, 555, 1)[0]
    answers = [answer(stranger, "gaza-ceasefire", name, Stance.FAVOR) for name in ("ann", "bob")]
    result = release(tmp_path, samples, [*panel_answers(samples), *answers], version="1.0.0")
    alone = release(tmp_path / "alone", samples, panel_answers(samples), version="1.0.0")
    assert result.agreement.overall == alone.agreement.overall
    assert stranger.doc_id not in {item.doc_id for item in result.review}
    assert sum(result.counts["annotations"].values()) == 11
    assert sum(result.counts["stance"].values()) == 3
    # The sample page alone is one split group: the empty splits are noted too.
    assert result.notes[0] == f"2 answer(s) are about documents not in {tmp_path / 'docs-4.jsonl'}"
    assert [note.split(":")[0] for note in result.notes[1:]] == ["no document in the validation and test split(s)"]


def test_ledger_folder_as_studio_pull_leaves_it(samples: list[Document], tmp_path: Path) -> None:
    """`annotations.jsonl` is read; other kinds of line are not the release's; `.private/` is never touched."""
    ledger = write_ledger(tmp_path / "annotations", panel_answers(samples), name="annotations.jsonl")
    (ledger / "annotations.quarantine.jsonl").write_text('{"kind": "quarantine", "why": "bad span"}\n')
    (ledger / ".private").mkdir()
    (ledger / ".private" / "secrets.jsonl").write_text("not even JSON\n")
    docs = write_documents(tmp_path / "documents.jsonl", samples)
    result = make_release(ReleaseOptions(docs, ledger, tmp_path / "release", version="1.0.0"))
    assert sum(result.counts["annotations"].values()) == 11
    manifest = json.loads((tmp_path / "release" / "MANIFEST.json").read_text(encoding="utf-8"))
    assert [Path(entry["path"]).name for entry in manifest["inputs"]] == [
        "documents.jsonl",
        "annotations.jsonl",
        "annotations.quarantine.jsonl",
    ]


def test_target_texts_come_from_targets_and_their_absence_is_said(samples: list[Document], tmp_path: Path) -> None:
    """Release read target texts only from a targets file kept beside the ledger, which `studio pull` does not
    write: elsewhere the card listed no target and each stance row gave its target's id as its text, silently.
    `--targets` names the file; without one, the run says which targets have no text."""
    docs_path = write_documents(tmp_path / "docs.jsonl", base_documents(samples))
    ledger = write_ledger(tmp_path / "ledger", panel_answers(samples))
    (ledger / "targets.yaml").unlink()
    bare = make_release(ReleaseOptions(documents=docs_path, annotations=ledger, out=tmp_path / "bare", version="1.0.0"))
    [note] = [note for note in bare.notes if "have no text" in note]
    assert "give --targets" in note
    told = make_release(
        ReleaseOptions(documents=docs_path, annotations=ledger, out=tmp_path / "told", version="1.0.0", targets=TARGETS)
    )
    assert not [note for note in told.notes if "have no text" in note]
    rows = pq.read_table(tmp_path / "told" / "stance").to_pylist()
    assert rows
    assert all(row["target_text"] != row["target_id"] for row in rows)


def test_a_release_with_an_empty_split_says_so(samples: list[Document], tmp_path: Path) -> None:
    """A release of few split groups can leave a split empty (31 groups left test empty), and nothing said so: the
    card's table was the only trace. One page is one group, so two splits are empty here."""
    one_page = [document for document in samples if document.page_id == samples[0].page_id]
    result = release(tmp_path, one_page, [], version="1.0.0", include_machine_labels=True)
    [note] = [note for note in result.notes if note.startswith("no document in the")]
    assert "split group(s) are too few" in note
    assert sum(split in note for split in ("train", "validation", "test")) == 2
