"""scripts/fuzz_ingest.py: its mutations change real inputs, and ingesting a batch of them meets no builder fault."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from builder.ingest.pages import Rejection
from builder.ingest.pipeline import IngestOptions, run_ingest
from tests.paths import SAMPLES, SHARED_DATA
from tests.scripts_support import load_script

WCXB_HTML = SHARED_DATA / "wcxb-dev-articles" / "html"


@pytest.mark.skipif(not WCXB_HTML.is_dir(), reason="the WCXB pages are not on this machine")
def test_mutated_pages_and_records_are_ingested_without_a_builder_fault(tmp_path: Path) -> None:
    """Four rounds of the fuzzer's inputs (the sample page and WCXB pages, mutated; random scraper records): most
    page dumps differ from the page they were made from, and the run quarantines or reads every input, no
    rejection being the builder's own fault or a record its models refuse."""
    fuzz = load_script("fuzz_ingest")
    sample = next(SAMPLES.glob("*.txt"))
    html = sorted(WCXB_HTML.glob("*.html.gz"))[:20]
    faults = []
    for number in range(4):
        folder = tmp_path / f"round-{number}"
        folder.mkdir()
        counts = fuzz.fuzz_round(folder, [sample], html, random.Random(number))
        assert counts == {"page dumps": 12, "HTML pages": 6, "scraper records": 6}
        dumps = sorted(folder.glob("*.txt"))
        # A change may undo itself (a rotation by no line, a line repeated then deleted): most pages differ.
        changed = [dump.read_text(encoding="utf-8") != sample.read_text(encoding="utf-8") for dump in dumps]
        assert sum(changed) >= 0.75 * len(dumps)
        items, report = run_ingest([str(folder)], IngestOptions(), 1)
        faults += [item for item in items if isinstance(item, Rejection) and item.code in fuzz.FAULTS]
        assert len(report.files) == 12 + 6 + 1
    assert faults == []
