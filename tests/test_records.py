"""The models and the checked-in JSON Schemas accept and reject the same records.

The fixtures under tests/fixtures/v1 are frozen files, not generated from the models: they are the records of
schema major version 1, and must keep validating for as long as the major version is 1.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from pydantic import ValidationError

from builder.records import (
    FILE_RECORDS,
    RECORD_KINDS,
    RELEASE_ROWS,
    SCHEMA_VERSION,
    Annotation,
    CheckWorthiness,
    Document,
    Stance,
    StanceRow,
    Target,
)
from builder.records.base import SCHEMA_MAJOR
from tests.paths import FIXTURES, REPO

VERSIONED_FIXTURES = FIXTURES / f"v{SCHEMA_MAJOR}"


def schema_validator(kind: str) -> jsonschema.protocols.Validator:
    schema = json.loads((REPO / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)


def _valid_records() -> list[tuple[str, dict[str, Any]]]:
    records = []
    for path in sorted(VERSIONED_FIXTURES.glob("*.valid.jsonl")):
        kind = path.name.removesuffix(".valid.jsonl")
        records += [(kind, json.loads(line)) for line in path.read_text(encoding="utf-8").splitlines()]
    return records


def _invalid_cases() -> list[dict[str, Any]]:
    lines = (VERSIONED_FIXTURES / "invalid.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def test_every_file_record_kind_has_valid_and_invalid_fixtures() -> None:
    valid_kinds = {kind for kind, _ in _valid_records()}
    invalid_kinds = {case["kind"] for case in _invalid_cases()}
    expected = {model.record_kind for model in FILE_RECORDS}
    assert valid_kinds == expected
    assert invalid_kinds == expected


@pytest.mark.parametrize(
    ("kind", "record"), _valid_records(), ids=lambda value: value if isinstance(value, str) else ""
)
def test_valid_fixture_passes_pydantic_and_json_schema(kind: str, record: dict[str, Any]) -> None:
    RECORD_KINDS[kind].model_validate(record)
    schema_validator(kind).validate(record)


@pytest.mark.parametrize("case", _invalid_cases(), ids=lambda case: f"{case['kind']}: {case['why']}")
def test_invalid_fixture_rejected_by_pydantic_and_json_schema_agrees(case: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        RECORD_KINDS[case["kind"]].model_validate(case["record"])
    schema_errors = list(schema_validator(case["kind"]).iter_errors(case["record"]))
    if case["json_schema_rejects"]:
        assert schema_errors, "the JSON Schema should reject this record too"
    else:
        # An invariant across fields (span text equals text[start:end], links point at existing claims) that
        # JSON Schema cannot express: the schema accepts the record and documents the rule in `description`.
        assert not schema_errors


def test_json_schemas_document_the_invariants_they_cannot_express() -> None:
    schema = json.loads((REPO / "schemas" / "document.schema.json").read_text(encoding="utf-8"))
    assert "text[start:end]" in schema["description"]
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith(f":document:v{SCHEMA_MAJOR}")


def test_records_built_in_code_get_kind_and_version_but_parsed_data_must_carry_them() -> None:
    target = Target.create(
        target_id="gaza-ceasefire", text="the Gaza ceasefire proposal", type="topic", description="d"
    )
    assert target.kind == "target"
    assert target.schema_version.startswith(f"{SCHEMA_MAJOR}.")
    data = target.model_dump(mode="json")
    del data["schema_version"]
    with pytest.raises(ValidationError, match="schema_version"):
        Target.model_validate(data)


def test_document_round_trips_through_json_unchanged() -> None:
    line = (VERSIONED_FIXTURES / "document.valid.jsonl").read_text(encoding="utf-8").splitlines()[0]
    document = Document.model_validate_json(line)
    # Unset fields left out: the fixture is frozen at an older minor version, without the fields added since
    # (`updated_at` in 1.5, `provenance.crawled_at` in 1.6), which a dump would write as nulls.
    assert json.loads(document.model_dump_json(exclude_unset=True)) == json.loads(line)
    written = json.loads(line) | {"updated_at": None, "updated_text": None}
    written["provenance"] |= {"crawled_at": None}
    assert json.loads(document.model_dump_json()) == written
    for quote in document.quotes:
        assert document.text[quote["start"] : quote["end"]] == quote["text"]


def test_span_errors_name_the_field(tmp_path: Path) -> None:
    record = json.loads((VERSIONED_FIXTURES / "document.valid.jsonl").read_text(encoding="utf-8").splitlines()[0])
    record["quotes"][0]["speaker"]["end"] += 1
    with pytest.raises(ValidationError, match=r"quotes\[0\]\.speaker: text"):
        Document.model_validate(record)


def test_an_annotation_of_1_6_reads_as_before_and_a_source_name_of_1_7_round_trips() -> None:
    old, _skipped, named = (VERSIONED_FIXTURES / "annotation.valid.jsonl").read_text(encoding="utf-8").splitlines()
    # An attribution without a name is written without one: a ledger line of 1.6 keeps its bytes (and the
    # fingerprint a pull compares) when read and written again.
    assert json.loads(Annotation.model_validate_json(old).model_dump_json()) == json.loads(old)
    annotation = Annotation.model_validate_json(named)
    assert annotation.labels is not None
    assert [a.get("name") for a in annotation.labels.attributions] == ["Yuri Viktorovich Ushakov", None]
    assert json.loads(annotation.model_dump_json()) == json.loads(named)


def test_a_name_on_a_cue_span_is_refused_naming_the_span() -> None:
    record = json.loads((VERSIONED_FIXTURES / "annotation.valid.jsonl").read_text(encoding="utf-8").splitlines()[2])
    record["labels"]["attributions"][1]["name"] = "Yuri Ushakov"
    with pytest.raises(ValidationError, match=r"labels\.attributions\[1\]\.name: a cue span \('told'\) names nobody"):
        Annotation.model_validate(record)


KINDS_WITH_RULES = sorted(
    kind
    for kind, model in RECORD_KINDS.items()
    if model.__pydantic_decorators__.model_validators or model.__pydantic_decorators__.field_validators
)
"""Record kinds whose models check more than their schema can (fields compared with each other)."""


@pytest.mark.parametrize("kind", KINDS_WITH_RULES)
def test_every_rule_the_schema_cannot_check_is_stated_in_its_description(kind: str) -> None:
    """A CI that validates with the schemas alone must read in them what `builder validate` checks besides."""
    assert "JSON Schema cannot express" in schema_validator(kind).schema["description"]


STANCE_ROW: dict[str, Any] = {
    "schema_version": SCHEMA_VERSION,
    "doc_id": "doc_0123456789abcdef",
    "target_id": "gaza-ceasefire",
    "target_text": "the Gaza ceasefire proposal",
    "label": "FAVOR",
    "none_kind": None,
    "label_soft": [1.0, 0.0, 0.0],
    "num_annotators": 2,
    "agreement": 1.0,
    "machine_label": False,
}


@pytest.mark.parametrize("soft", [[1.0, 0.0], [1.0, 0.0, 0.0, 0.0]])
def test_a_soft_label_of_the_wrong_length_is_refused_by_the_schema_too(soft: list[float]) -> None:
    """One share per label is a length, which JSON Schema can say: the schema had only `type: array`."""
    schema_validator("stance_row").validate(STANCE_ROW)
    row = STANCE_ROW | {"label_soft": soft}
    with pytest.raises(ValidationError, match="label_soft"):
        StanceRow.model_validate(row)
    assert [error.validator for error in schema_validator("stance_row").iter_errors(row)] in (
        ["minItems"],
        ["maxItems"],
    )


def test_every_soft_label_schema_has_one_share_per_label() -> None:
    for kind, field, labels in (
        ("stance_row", "label_soft", Stance),
        ("claim_row", "checkworthiness_soft", CheckWorthiness),
        ("claim_row", "stance_soft", Stance),
    ):
        property_schema = schema_validator(kind).schema["properties"][field]
        assert property_schema["minItems"] == property_schema["maxItems"] == len(labels), (kind, field)


@pytest.mark.parametrize("kind", [model.record_kind for model in RELEASE_ROWS])
def test_release_row_schemas_say_the_parquet_files_hold_label_indexes(kind: str) -> None:
    """A CI that checks released rows against these schemas must turn the stored indexes back into names first."""
    description = schema_validator(kind).schema["description"]
    assert "ClassLabel index" in description
    assert "int2str" in description
