"""scripts/bench.py keeps what it did not run: `--only` measures some benchmarks, and the others keep the rows of
their own last run in docs/benchmarks.md, dated."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.scripts_support import load_script


def figure(what: str, value: float) -> dict[str, object]:
    return {
        "what": what,
        "value": value,
        "unit": "tasks/s",
        "baseline": None,
        "baseline_value": None,
        "ratio": None,
        "target": None,
        "met": None,
    }


def test_a_run_of_some_benchmarks_keeps_the_other_benchmarks_rows_with_their_date(tmp_path: Path) -> None:
    bench = load_script("bench")
    during = {"steal_share": 0.0, "busy_share": 0.5, "load_average_at_end": 1.0}
    earlier = {"date": "2026-12-02 09:29 UTC", "cpu": "Intel(R) Xeon(R) Processor"}
    saved_file = tmp_path / "benchmarks.json"
    studio = {"benchmark": "studio", "figures": [figure("builder studio push", 318.0)], "machine": during}
    saved_file.write_text(json.dumps({"machine": earlier, "results": [studio]}))
    host = bench.machine()
    saved = bench.saved_results(saved_file, host)
    # A file written before results carried their run dates them by its machine.
    assert saved["studio"]["run"] == {**earlier, "quick": None}
    ran = {
        "benchmark": "validate",
        "figures": [figure("builder validate", 9000.0)],
        "machine": during,
        "run": {"date": host["date"], "cpu": host["cpu"], "quick": True},
    }
    page = bench.markdown(host, [ran, saved["studio"]], quick=True)
    assert "| studio | builder studio push | 318.00 tasks/s |" in page
    assert "| validate | builder validate | 9,000.00 tasks/s |" in page
    assert "studio: 2026-12-02 09:29 UTC on Intel(R) Xeon(R) Processor" in page
    assert "validate: " + host["date"] not in page
    # With no file, nothing is kept; a run of every benchmark names no earlier run.
    assert bench.saved_results(tmp_path / "none.json", host) == {}
    assert "earlier runs" not in bench.markdown(host, [ran], quick=True)


def test_the_profile_bounds_the_rate_by_the_largest_stages_taking_no_time(capsys: pytest.CaptureFixture[str]) -> None:
    """Amdahl's bound of scripts/profile_ingest.py: the build's own steps are taken out of its total, and the run's
    time outside every stage is a stage of its own."""
    profile = load_script("profile_ingest")
    build_steps = {"tidy + join": 0.2, "sentences": 0.05, "quotes": 0.5, "claims": 0.1, "language": 0.05}
    stages = {"read": 0.1, "extract": 0.8, **build_steps, "build_document (all of it)": 1.0}
    profile.print_bounds(2.0, stages)
    lines = capsys.readouterr().out.splitlines()[1:]
    # Free: extract (0.8 ms of 2.0), then quotes (0.5), then tidy (0.2); then a tie of 0.1 ms among read, claims,
    # the build's rest (1.0 - 0.9) and the pipeline's rest (2.0 - 1.9).
    assert [line.split(":")[0].strip() for line in lines[:3]] == [
        "1 free (+ extract, 0.800 ms/doc)",
        "2 free (+ quotes, 0.500 ms/doc)",
        "3 free (+ tidy + join, 0.200 ms/doc)",
    ]
    assert [line.rsplit(":", 1)[1].strip() for line in lines] == [
        f"{1000 / rest:,.0f} documents/s of CPU" for rest in (1.2, 0.7, 0.5, 0.4)
    ]
