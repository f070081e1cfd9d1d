"""Benchmark `builder ingest`: page-text documents/s on one core and with 2 workers, HTML pages/s against
`trafilatura.extract` alone on the same pages, and peak memory at 1x and 10x the input. One run, all figures.

Also the same page text with `--engine ray` on a local Ray using every core (issue 6), beside one local worker.

Targets (issue 3): page text >= 1,000 documents/s per core for pages the size of the sample; HTML >= 0.8x the
rate of trafilatura.extract alone; --workers 2 >= 1.7x one worker; peak RSS at 10x the input < 1.2x the RSS
at 1x. Prints figures, asserts nothing.

    .venv/bin/python scripts/bench_ingest.py [--pages 200] [--html-pages 100]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import trafilatura
from benchlib import Figure, cpu_counters, local_ray, machine_during, report

from builder.ingest.pipeline import DocumentLine, IngestOptions, run_ingest
from builder.ingest.sources import discover

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "samples" / "daily8-putin-trump-call.txt"
WCXB_HTML = REPO.parent / "shared" / "data" / "wcxb-dev-articles" / "html"


def page_dumps(folder: Path, count: int) -> Path:
    """`count` page dumps the size of the sample, each one different (a page number in every paragraph), so
    that deduplication does its full work instead of short-cutting exact copies: the articles of different
    pages are near-duplicates of each other, found by MinHash and marked (`scripts/bench_memory.py` makes
    unique pages instead, for memory)."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    for index in range(count):
        varied = [
            f"{line} Page {index} item {number}." if len(line) > 200 else line for number, line in enumerate(lines)
        ]
        (folder / f"page-{index:06d}.txt").write_text("\n".join(varied) + "\n", encoding="utf-8")
    return folder


def record_export(folder: Path, count: int) -> Path:
    """One JSON Lines export of `count` records of six paragraphs of three sentences from the sample's articles in
    turn, each record's own (a record number in every paragraph, as `page_dumps` does): a scraper's export, which
    `--workers` splits (2,000 records make 6 MB)."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = [line for line in SAMPLE.read_text(encoding="utf-8").splitlines() if len(line) > 200]
    sentences = [sentence for line in lines for sentence in line.split(". ")]
    paragraphs = [". ".join(sentences[start : start + 3]) for start in range(0, len(sentences), 3)]
    with (folder / "export.jsonl").open("w", encoding="utf-8") as export:
        for index in range(count):
            chosen = [paragraphs[(index + offset) % len(paragraphs)] for offset in range(6)]
            text = "\n\n".join(f"{paragraph} Record {index} item {number}." for number, paragraph in enumerate(chosen))
            export.write(json.dumps({"title": f"Record {index}", "text": text}) + "\n")
    return folder


def html_pages(folder: Path, count: int) -> Path | None:
    if not WCXB_HTML.is_dir():
        return None
    folder.mkdir(parents=True, exist_ok=True)
    for path in sorted(WCXB_HTML.glob("*.html.gz"))[:count]:
        (folder / path.name.removesuffix(".gz")).write_bytes(gzip.decompress(path.read_bytes()))
    return folder


Clock = Callable[[], float]


def timed_ingest(folder: Path, workers: int, clock: Clock = time.process_time) -> tuple[float, int, float]:
    """(seconds, documents, megabytes) of a whole ingest run, writing the records as the command does.

    One worker is timed in CPU seconds of this process (the per-core figure, which another job's load on the
    shared machine does not change); runs with workers need the wall clock (`clock=time.perf_counter`)."""
    megabytes = sum(path.stat().st_size for path in folder.iterdir()) / 1e6
    started = clock()
    items, report = run_ingest([str(folder)], IngestOptions(), workers)
    with open(os.devnull, "w", encoding="utf-8") as sink:
        for item in items:
            if isinstance(item, DocumentLine):
                sink.write(item.line + "\n")
    return clock() - started, report.documents, megabytes


def timed_ray_ingest(folder: Path, out: Path) -> float:
    """Seconds of an `--engine ray` run on the Ray `ray_ingest_seconds` started, shards written as the command
    writes them."""
    from builder.ingest.ray_engine import run_ingest_ray

    started = time.perf_counter()
    run_ingest_ray([str(folder)], IngestOptions(), out)
    return time.perf_counter() - started


def trafilatura_alone(folder: Path) -> float:
    """CPU seconds of `trafilatura.extract` on each page, read as text: the baseline of HTML ingest."""
    started = time.process_time()
    for source in discover([str(folder)]):
        trafilatura.extract(source.path.read_text(encoding="utf-8", errors="replace"))
    return time.process_time() - started


MEASURE_CHILD = """
import os, subprocess, sys
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_, status, usage = os.wait4(child.pid, 0)
print(status, usage.ru_maxrss)
"""
"""Started as a small process of its own: a child's peak RSS (`ru_maxrss`) includes the moment it is a fork of
its parent, so forking `builder ingest` straight from this benchmark, after it has loaded models and pages,
would count the benchmark's own memory."""


def peak_rss_mb(folder: Path, out: Path) -> float:
    """Peak resident memory of a `builder ingest` process over the folder, in MB."""
    command = [sys.executable, "-m", "builder.cli", "ingest", str(folder), "--out", str(out)]
    measured = subprocess.run([sys.executable, "-c", MEASURE_CHILD, *command], capture_output=True, text=True)
    status, kilobytes = measured.stdout.split()
    if measured.returncode != 0 or status != "0":
        raise SystemExit(f"builder ingest failed on {folder}")
    return int(kilobytes) / 1024


def ray_ingest_seconds(folder: Path, out: Path, repeat: int) -> float | None:
    """Best seconds of `--engine ray` runs on a local Ray using every core, or None without Ray's extra."""
    session = local_ray()
    if session is None:
        return None
    with session:
        timed_ray_ingest(page_dumps(folder.parent / "ray-warm-up", 8), out)  # workers import and load models
        return min(timed_ray_ingest(folder, out) for _ in range(repeat))


def cpu_seconds_since(before: os.times_result) -> float:
    """CPU seconds of this process and of its children (the worker pool, once shut down) since `before`."""
    after = os.times()
    return sum(
        getattr(after, name) - getattr(before, name) for name in ("user", "system", "children_user", "children_system")
    )


def best(repeat: int, run: Callable[[], tuple[float, int, float]]) -> tuple[float, int, float]:
    return min((run() for _ in range(repeat)), key=lambda result: result[0])


def interleaved(repeat: int, first: Callable[[], float], second: Callable[[], float]) -> tuple[float, float]:
    """The best seconds of each of two runs, taken in turns: another job's load on the shared machine then falls
    on both alike, rather than on whichever ran while it lasted."""
    rounds = in_turns(repeat, first, second)
    return min(one for one, _ in rounds), min(other for _, other in rounds)


def in_turns(rounds: int, first: Callable[[], float], second: Callable[[], float]) -> list[tuple[float, float]]:
    """Seconds of two runs taken in turns, round by round. For runs that use every core the median is the figure
    to take: a burst of another job's load that slows one side of one round moves a best-of figure, and a ratio
    of two bests can then exceed what the cores allow (2.21x from 2 workers on 2 cores, measured)."""
    return [(first(), second()) for _ in range(rounds)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=200, help="Page dumps in the speed corpus.")
    parser.add_argument("--html-pages", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--json", type=Path, help="Also write the figures here, for scripts/bench.py.")
    args = parser.parse_args()
    figures = []
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        dumps = page_dumps(root / "pagetext", args.pages)
        # Load the models (language identification, trafilatura) before timing, so neither run pays for it; and run
        # a worker pool once, whose first run was a third slower than the next ones (1.12x and 1.14x the one
        # worker's speed in the first of three rounds, 1.63x to 1.79x in the others).
        warm_up = page_dumps(root / "warm-up", 8)
        timed_ingest(warm_up, 1)
        timed_ingest(warm_up, 2, time.perf_counter)
        seconds, documents, megabytes = best(args.repeat, lambda: timed_ingest(dumps, 1))
        print(f"page text: {documents:,} documents from {args.pages} pages ({megabytes:.1f} MB)")
        figures.append(
            Figure(
                "ingest page text, 1 worker (CPU time)",
                documents / seconds,
                "documents/s",
                target=">= 1,000 documents/s",
                met=documents / seconds >= 1000,
            )
        )
        figures.append(Figure("ingest page text, 1 worker (CPU time)", megabytes / seconds, "MB/s"))
        two_workers_cpu: list[float] = []

        def two_workers_wall() -> float:
            before = os.times()
            seconds = timed_ingest(dumps, 2, time.perf_counter)[0]
            two_workers_cpu.append(cpu_seconds_since(before))
            return seconds

        before = cpu_counters()
        rounds = in_turns(max(3, args.repeat), lambda: timed_ingest(dumps, 1, time.perf_counter)[0], two_workers_wall)
        one_wall, two = statistics.median(one for one, _ in rounds), statistics.median(two for _, two in rounds)
        print("1 worker / 2 workers, wall clock, round by round: " + ", ".join(f"{a / b:.2f}x" for a, b in rounds))
        during = machine_during(before)
        if during:
            print(
                f"while 1 and 2 workers ran in turns: the hypervisor gave {during['steal_share']:.0%} of the "
                f"machine's CPU time to other machines; processes here used {during['busy_share']:.0%} (these runs too)"
            )
        figures.append(
            Figure(
                "ingest page text, 2 workers (wall clock, median of rounds)",
                documents / two,
                "documents/s",
                "1 worker, wall clock, median",
                documents / one_wall,
                ">= 1.7x one worker",
                one_wall / two >= 1.7,
            )
        )
        # What the machine's other jobs cannot change: the CPU that 2 workers and their parent spend on the run
        # against one worker's. Near 1x, the run parallelises without overhead, and a wall clock short of 2x is
        # the cores it did not get.
        figures.append(
            Figure(
                "ingest page text, 2 workers: CPU time of the parent and the workers",
                min(two_workers_cpu),
                "s",
                "1 worker, CPU time",
                seconds,
            )
        )
        export = record_export(root / "export", args.pages * 10)
        megabytes = (export / "export.jsonl").stat().st_size / 1e6
        rounds = in_turns(
            max(3, args.repeat),
            lambda: timed_ingest(export, 1, time.perf_counter)[0],
            lambda: timed_ingest(export, 2, time.perf_counter)[0],
        )
        one_export, two_export = (statistics.median(side) for side in zip(*rounds, strict=True))
        print(f"one JSON Lines export of {args.pages * 10:,} records ({megabytes:.1f} MB)")
        figures.append(
            Figure(
                "ingest one JSON Lines export, 2 workers (wall clock, median of rounds)",
                args.pages * 10 / two_export,
                "documents/s",
                "1 worker, wall clock, median",
                args.pages * 10 / one_export,
            )
        )
        ray_seconds = ray_ingest_seconds(dumps, root / "ray-out", args.repeat)
        if ray_seconds is not None:
            figures.append(
                Figure(
                    f"ingest page text, --engine ray ({os.cpu_count()} CPUs, wall clock)",
                    documents / ray_seconds,
                    "documents/s",
                    "1 worker, wall clock",
                    documents / one_wall,
                )
            )
        html = html_pages(root / "html", args.html_pages)
        if html is None:
            print("HTML: skipped, ../shared/data is absent")
        else:
            pages = len(list(html.iterdir()))
            ours, theirs = interleaved(args.repeat, lambda: timed_ingest(html, 1)[0], lambda: trafilatura_alone(html))
            figures.append(
                Figure(
                    "ingest HTML (WCXB pages, CPU time)",
                    pages / ours,
                    "pages/s",
                    "trafilatura.extract alone",
                    pages / theirs,
                    ">= 0.8x trafilatura.extract",
                    theirs / ours >= 0.8,
                )
            )
        small_pages, large_pages = max(1, args.pages // 4), max(10, args.pages * 10 // 4)
        small = page_dumps(root / "rss-1x", small_pages)
        large = page_dumps(root / "rss-10x", large_pages)
        rss_small, rss_large = peak_rss_mb(small, root / "o1"), peak_rss_mb(large, root / "o10")
        figures.append(
            Figure(
                f"peak RSS, ingest of {large_pages} pages",
                rss_large,
                "MB",
                f"{small_pages} pages",
                rss_small,
                "< 1.2x at 10x the input",
                rss_large / rss_small < 1.2,
            )
        )
    report("ingest", figures, args.json)


if __name__ == "__main__":
    main()
