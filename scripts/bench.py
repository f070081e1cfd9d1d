"""Run every benchmark in one go and save the figures: docs/benchmarks.json and docs/benchmarks.md, with a
description of the machine they were measured on.

Each figure is printed next to a baseline measured in the same run, with its target marked met or not. With
`--only`, the other benchmarks keep the rows of their own last run, which the file dates.

    .venv/bin/python scripts/bench.py [--quick] [--only ingest ...]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchlib import cpu_counters, machine_during

REPO = Path(__file__).resolve().parent.parent
SCRIPTS = REPO / "scripts"
BENCHMARKS: dict[str, tuple[list[str], list[str]]] = {
    # name: (arguments for a full run, arguments for --quick). Ingest keeps 200 pages even when quick: with
    # fewer, starting the worker pool weighs on the --workers 2 figure more than the work does. The full run
    # takes every WCXB page for HTML, and quick the first 100: the HTML ratio moves with the pages' mix of long
    # and short articles (0.76x on the first 40 pages where 100 gave 0.87x, the same day).
    "validate": (["--documents", "10000"], ["--documents", "2000", "--repeat", "3"]),
    "ingest": (["--pages", "200", "--html-pages", "1000"], ["--pages", "200", "--html-pages", "100", "--repeat", "2"]),
    "studio": ([], ["--quick"]),
    "release": ([], ["--quick"]),
}


def machine() -> dict[str, object]:
    """What the figures were measured on (Linux: /proc says the processor and memory)."""
    cpuinfo = Path("/proc/cpuinfo").read_text().splitlines() if Path("/proc/cpuinfo").exists() else []
    meminfo = Path("/proc/meminfo").read_text().splitlines() if Path("/proc/meminfo").exists() else []
    cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")), "unknown")
    memory_kb = next((int(line.split()[1]) for line in meminfo if line.startswith("MemTotal")), 0)
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": round(memory_kb / 1024**2, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_average_at_start": os.getloadavg()[0],
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }


def run(name: str, arguments: list[str], folder: Path) -> dict[str, object]:
    output = folder / f"{name}.json"
    script = SCRIPTS / f"bench_{name}.py"
    print(f"== {name}: {script.name} {' '.join(arguments)}", flush=True)
    before = cpu_counters()
    result = subprocess.run([sys.executable, str(script), *arguments, "--json", str(output)], check=False)
    during = machine_during(before)
    if result.returncode != 0 or not output.exists():
        return {"benchmark": name, "error": f"exit code {result.returncode}", "figures": [], "machine": during}
    return {**json.loads(output.read_text()), "machine": during}


def saved_results(path: Path, host: dict[str, object]) -> dict[str, dict[str, object]]:
    """The results of the last runs saved in `path` (docs/benchmarks.json), by benchmark, each with the run it came
    from (`run`: its date, processor and whether it was quick); a file written before results carried their run
    gives them its machine's. Empty when there is no such file."""
    if not path.exists():
        return {}
    saved = json.loads(path.read_text())
    machine_then = saved.get("machine") or {}
    unknown = {"date": machine_then.get("date", "unknown"), "cpu": machine_then.get("cpu", host["cpu"]), "quick": None}
    return {result["benchmark"]: {"run": unknown, **result} for result in saved.get("results", [])}


def markdown(host: dict[str, object], results: list[dict[str, object]], quick: bool) -> str:
    lines = [
        "# Benchmarks",
        "",
        f"Measured by `scripts/bench.py{' --quick' if quick else ''}` on {host['date']}: {host['cpu']}, "
        f"{host['cores']} cores, {host['memory_gib']} GiB, Python {host['python']}, load average "
        f"{host['load_average_at_start']:.2f} at the start (a shared machine: ratios against a baseline from the "
        "same run are the figures to trust, absolute rates vary with load).",
        *(
            [
                "",
                "Some rows are from earlier runs (`--only` ran the others): "
                + "; ".join(f"{name}: {when}" for name, when in earlier.items())
                + ".",
            ]
            if (earlier := _earlier_runs(host, results))
            else []
        ),
        "",
        "| benchmark | what | value | baseline (same run) | ratio | target | met |",
        "| --- | --- | ---: | --- | ---: | --- | --- |",
    ]
    for result in results:
        if result.get("error"):
            lines.append(f"| {result['benchmark']} | failed: {result['error']} | | | | | |")
        for figure in result["figures"]:  # type: ignore[union-attr]
            baseline = (
                f"{figure['baseline']}: {figure['baseline_value']:,.2f}" if figure["baseline"] is not None else ""
            )
            ratio = f"{figure['ratio']:.2f}x" if figure["ratio"] is not None else ""
            met = "" if figure["met"] is None else ("yes" if figure["met"] else "**no**")
            lines.append(
                f"| {result['benchmark']} | {figure['what']} | {figure['value']:,.2f} {figure['unit']} | {baseline} "
                f"| {ratio} | {figure['target'] or ''} | {met} |"
            )
    lines += [
        "",
        "The machine while each benchmark ran (steal: CPU time the hypervisor gave to other virtual machines):",
        "",
    ]
    for result in results:
        during = result.get("machine") or {}
        if during:
            lines.append(
                f"- {result['benchmark']}: steal {during['steal_share']:.0%} and busy {during['busy_share']:.0%} of "
                f"the {host['cores']} cores' time, load average {during['load_average_at_end']:.2f} at the end"
            )
    return "\n".join(lines) + "\n"


def _earlier_runs(host: dict[str, object], results: list[dict[str, object]]) -> dict[str, str]:
    """When each result that another run measured was measured, and on what, by benchmark."""
    earlier: dict[str, str] = {}
    for result in results:
        measured = result.get("run")
        if isinstance(measured, dict) and measured.get("date") != host["date"]:
            quick = ", --quick" if measured.get("quick") is True else ""
            earlier[str(result["benchmark"])] = f"{measured.get('date')} on {measured.get('cpu')}{quick}"
    return earlier


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="Smaller inputs: minutes instead of tens of minutes.")
    parser.add_argument("--only", nargs="*", choices=sorted(BENCHMARKS), help="Run only these benchmarks.")
    args = parser.parse_args()
    host = machine()
    docs = REPO / "docs"
    saved = saved_results(docs / "benchmarks.json", host) if args.only else {}
    this_run = {"date": host["date"], "cpu": host["cpu"], "quick": args.quick}
    chosen = args.only or list(BENCHMARKS)
    results: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as folder:
        for name, (full, quick) in BENCHMARKS.items():
            if name in chosen:
                results.append({**run(name, quick if args.quick else full, Path(folder)), "run": this_run})
            elif name in saved:
                results.append(saved[name])
    (docs / "benchmarks.json").write_text(json.dumps({"machine": host, "results": results}, indent=2) + "\n")
    (docs / "benchmarks.md").write_text(markdown(host, results, args.quick), encoding="utf-8")
    print("Saved docs/benchmarks.md and docs/benchmarks.json")


if __name__ == "__main__":
    main()
