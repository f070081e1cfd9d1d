"""The ledger's file discipline and the pseudonyms, without a server: an interrupted append is cut back to whole
lines, a version number alone is no change, and the salt and mapping stay private."""

from __future__ import annotations

import json

from builder.studio.ledger import LedgerIndex, append_lines, fingerprint, repair_tail
from builder.studio.pseudonyms import Pseudonyms, pseudonym_of

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
