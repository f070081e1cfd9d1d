"""What every benchmark script reports: figures next to their baseline from the same run, and a target.

Each `bench_*.py` prints its figures and, with `--json FILE`, writes them for `scripts/bench.py`, which runs
them all and renders docs/benchmarks.md. Targets are checked here, never in tests: the machines are shared
and noisy, so a figure is evidence to read, not a pass/fail gate.
"""

from __future__ import annotations

import json
import os
import traceback
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True)
class Figure:
    what: str
    value: float
    unit: str
    baseline: str | None = None
    baseline_value: float | None = None
    target: str | None = None
    met: bool | None = None

    @property
    def ratio(self) -> float | None:
        if self.baseline_value in (None, 0):
            return None
        return self.value / self.baseline_value  # type: ignore[operator]

    def line(self) -> str:
        text = f"{self.what}: {self.value:,.2f} {self.unit}"
        if self.baseline is not None and self.baseline_value is not None:
            text += f" | {self.baseline}: {self.baseline_value:,.2f} {self.unit} | ratio {self.ratio:.2f}x"
        if self.target is not None:
            text += f" | target {self.target}: {'met' if self.met else 'NOT met'}"
        return text


def report(name: str, figures: list[Figure], json_path: Path | None) -> None:
    """Print the figures, and write them as JSON when asked."""
    for figure in figures:
        print(figure.line())
    if json_path is not None:
        rows = [asdict(figure) | {"ratio": figure.ratio} for figure in figures]
        json_path.write_text(json.dumps({"benchmark": name, "figures": rows}, indent=2) + "\n", encoding="utf-8")


def peak_rss_mb(run: Callable[[], object]) -> float:
    """Peak resident memory, in MB, of a forked child of this process that calls `run()` (the kernel's own
    figure, from `wait4`). The child starts with this process's memory (libraries, models and inputs already
    loaded), as the stage does in a real run, so a stage and its baseline are measured from the same start."""
    child = os.fork()
    if child == 0:
        code = 0
        try:
            run()
        except BaseException:
            traceback.print_exc()
            code = 1
        os._exit(code)
    _, status, usage = os.wait4(child, 0)
    if status != 0:
        raise SystemExit("the measured run failed in its child process (traceback above)")
    return usage.ru_maxrss / 1024


def local_ray() -> AbstractContextManager[None] | None:
    """The Ray engines' own `ray_session`: a local Ray on every core, started once for all the runs inside it
    (its start-up is not an engine's rate), or None, said on the terminal, without Ray's extra."""
    try:
        from builder.ingest.ray_engine import ray_session
    except ImportError:
        print("--engine ray: skipped, Ray is not installed (pip install 'news-stance-builder[ray]')")
        return None
    return ray_session()


def cpu_counters() -> list[int] | None:
    """The machine's CPU time so far by kind, in ticks (user, nice, system, idle, iowait, irq, softirq, steal), or
    None off Linux."""
    stat = Path("/proc/stat")
    if not stat.exists():
        return None
    return [int(value) for value in stat.read_text().splitlines()[0].split()[1:9]]


def machine_during(before: list[int] | None) -> dict[str, float]:
    """How busy the machine was while a benchmark ran: the share of its CPU time the hypervisor gave to other
    virtual machines (steal) and the share spent by every process here (busy), which together say how much of
    a core a process, or each of two workers, could get."""
    after = cpu_counters()
    if before is None or after is None:
        return {}
    spent = [now - then for now, then in zip(after, before, strict=True)]
    total = sum(spent) or 1
    idle = spent[3] + spent[4]
    return {
        "steal_share": round(spent[7] / total, 3),
        "busy_share": round((total - idle - spent[7]) / total, 3),
        "load_average_at_end": os.getloadavg()[0],
    }
