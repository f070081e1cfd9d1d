"""The ledger's file discipline and the pseudonyms, without a server: an interrupted append is cut back to whole
lines, a version number alone is no change, and the salt and mapping stay private. And what a pull writes to
the ledger without pydantic validating it again: the labels `read_labels` builds unvalidated for speed."""

from __future__ import annotations

import json

import pytest

from builder.records import Document, Labels, NoneKind, Stance
from builder.studio import config
from builder.studio.ledger import LedgerIndex, append_lines, fingerprint, repair_tail
from builder.studio.offsets import Utf16Offsets
from builder.studio.pseudonyms import Pseudonyms, pseudonym_of
from builder.studio.results import read_labels
from builder.studio.tasks import prediction_for, result_items
from tests.samples_support import sample_documents

LINE = b'{"kind":"annotation","annotation_id":"ann_0123456789abcdef","version":1,"task_key":"task_0123456789abcdef"}'


def test_repair_cuts_only_a_partial_last_line(tmp_path):
    ledger = tmp_path / "annotations.jsonl"
    assert not repair_tail(ledger)
    append_lines(ledger, [LINE + b"\n", LINE + b"\n"])
    assert not repair_tail(ledger)
    whole = ledger.read_bytes()
    ledger.write_bytes(whole + LINE[:30])
    assert repair_tail(ledger)
    assert ledger.read_bytes() == whole
    ledger.write_bytes(LINE[:30])
    assert repair_tail(ledger)
    assert ledger.read_bytes() == b""


def test_a_new_version_number_alone_is_not_a_change(tmp_path):
    ledger = tmp_path / "annotations.jsonl"
    append_lines(ledger, [LINE + b"\n"])
    index = LedgerIndex.load(ledger)
    same = LINE.replace(b'"version":1', b'"version":7')
    assert fingerprint(same) == fingerprint(LINE)
    assert index.next_version("ann_0123456789abcdef", fingerprint(same)) is None
    changed = LINE.replace(b"task_0123456789abcdef", b"task_fedcba9876543210")
    assert index.next_version("ann_0123456789abcdef", fingerprint(changed)) == 2
    assert index.next_version("ann_ffffffffffffffff", fingerprint(changed)) == 1


def _pseudonym(pseudonyms: Pseudonyms, email: str) -> str:
    """As a pull does it: worked out from the salt (in a worker), then remembered in the private mapping."""
    pseudonym, normalised = pseudonym_of(pseudonyms.salt, email)
    pseudonyms.remember({pseudonym: normalised})
    return pseudonym


def test_pseudonyms_are_stable_salted_and_kept_private(tmp_path):
    first = Pseudonyms(tmp_path)
    alice = _pseudonym(first, "Alice@Example.org")
    assert alice.startswith("annotator_")
    assert alice == _pseudonym(first, " alice@example.org ")
    assert alice != _pseudonym(first, "bob@example.org")
    first.save()
    assert _pseudonym(Pseudonyms(tmp_path), "alice@example.org") == alice
    assert _pseudonym(Pseudonyms(tmp_path / "other"), "alice@example.org") != alice  # another salt
    private = tmp_path / ".private"
    assert oct(private.stat().st_mode & 0o777) == "0o700"
    for name in ("annotator-salt", "annotators.json"):
        assert oct((private / name).stat().st_mode & 0o777) == "0o600"
    assert json.loads((private / "annotators.json").read_text(encoding="utf-8"))[alice] == "alice@example.org"
    # A .gitignore of its own, so that neither a commit nor a release folder built from git picks them up.
    assert (private / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> list[Document]:
    return sample_documents(tmp_path_factory.mktemp("ingest"))


def _stances_everywhere(document: Document) -> list[dict]:
    """The document's pre-annotation as an annotator would submit it with every optional answer given: the
    document's stance NONE with its kind, and each claim a stance of its own (every third NONE, with a kind)."""
    prediction = prediction_for(document)
    claims = []
    for index, claim in enumerate(prediction.claims):
        if index % 3 == 0:
            claims.append({**claim, "stance": Stance.NONE, "none_kind": NoneKind.unrelated})
        else:
            claims.append({**claim, "stance": Stance.FAVOR if index % 3 == 1 else Stance.AGAINST})
    answered = prediction.model_copy(update={"stance": Stance.NONE, "none_kind": NoneKind.neutral, "claims": claims})
    return result_items(answered, Utf16Offsets(document.text))


def test_labels_built_without_validation_are_what_validation_gives(documents):
    checked = 0
    for document in documents:
        labels = read_labels(_stances_everywhere(document), document.text)
        assert isinstance(labels, Labels), labels
        validated = Labels.model_validate(labels.model_dump())
        assert validated == labels
        assert validated.model_dump_json() == labels.model_dump_json()
        checked += len(labels.claims) + len(labels.attributions)
    assert checked > 50  # the sample page has claims and attributions to compare


def test_a_malformed_control_name_is_a_problem_not_a_crash():
    text = "Peskov said no."
    unhashable = {"type": "choices", "from_name": ["stance"], "to_name": "text", "value": {"choices": ["FAVOR"]}}
    stance = {"type": "choices", "from_name": config.FROM_STANCE, "value": {"choices": ["FAVOR"]}}
    problems = read_labels([stance, unhashable], text)
    assert isinstance(problems, list)
    assert [problem.reason_code for problem in problems] == ["unknown_control"]
