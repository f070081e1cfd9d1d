"""Peak memory of `builder ingest` on ~0.2 GB and ~2 GB of page dumps (issue 6: under 1 GB for 2 GB of dumps, and
not growing with the input), with the throughput of each run.

The dumps are varied copies of the shipped sample so that deduplication does its real work and its index holds
what a real run's would: most pages are unique (a page token woven through every paragraph changes every word
shingle), some are exact copies of an earlier page, some are near copies (one paragraph changed).

    .venv/bin/python scripts/bench_memory.py [--sizes 0.2 2] [--workers 1] [--keep DIR]
    .venv/bin/python scripts/bench_memory.py --index 200000 [--mixed]

Each run is a `builder ingest` subprocess measured by the kernel (`wait4`): peak RSS is that of the largest
process of its tree, CPU seconds are those of the whole tree; the RSS of the ingest process is also sampled during
the run, to show whether it still rises late in the run. Prints figures, then how peak RSS grew from the
smallest size to the largest (the issue's figure: 10x the input under 1.2x the peak RSS); asserts nothing.

`--index N` measures the deduplication index alone, in this process: N random fingerprints (`--mixed`: with 10%
exact and 22% near copies of earlier ones) through `DuplicateIndex.check`, its CPU per check and how much RSS it
added.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "samples" / "daily8-putin-trump-call.txt"
PARAGRAPH_CHARS = 200
"""Lines longer than this are article paragraphs (or whole related articles on one line); shorter ones are the
page's shell, titles and metadata, which stay as they are so that extraction sees a normal page."""
EXACT_SHARE = 0.1
NEAR_SHARE = 0.2
TOKEN_EVERY_WORDS = 4


def woven(line: str, token: str) -> str:
    """The line with `token` after every few words: no word 5-gram of it is left in common with another page."""
    words = line.split(" ")
    return " ".join(
        f"{word} {token}" if position % TOKEN_EVERY_WORDS == TOKEN_EVERY_WORDS - 1 else word
        for position, word in enumerate(words)
    )


def write_dumps(folder: Path, gigabytes: float, seed: int = 6) -> tuple[int, int]:
    """Page dumps adding up to about `gigabytes`; returns (files, bytes)."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    long_lines = [number for number, line in enumerate(lines) if len(line) > PARAGRAPH_CHARS]
    is_long = set(long_lines)
    generator = random.Random(seed)
    written: list[Path] = []
    total = 0
    while total < gigabytes * 1e9:
        index = len(written)
        path = folder / f"{index // 1000:04d}" / f"page-{index:07d}.txt"
        path.parent.mkdir(exist_ok=True)
        draw = generator.random()
        if written and draw < EXACT_SHARE:
            shutil.copyfile(generator.choice(written), path)
        else:
            if written and draw < EXACT_SHARE + NEAR_SHARE:
                # A near copy: an earlier page's weave, with one paragraph woven differently.
                base, changed = generator.randrange(len(written)), generator.choice(long_lines)
            else:
                base, changed = index, -1
            page = [
                woven(line, f"p{index}x" if number == changed else f"p{base}x") if number in is_long else line
                for number, line in enumerate(lines)
            ]
            path.write_text("\n".join(page) + "\n", encoding="utf-8")
        written.append(path)
        total += path.stat().st_size
    return len(written), total


SAMPLE_SECONDS = 2.0
TRACE_SHARES = (0.1, 0.25, 0.5, 0.75, 1.0)


@dataclass(frozen=True)
class Measurement:
    peak_rss_mb: float
    """Of the largest process of the tree, from the kernel (`wait4`)."""
    seconds: float
    cpu_seconds: float
    """User + system of the whole process tree: the per-core rate even on a busy machine."""
    rss_trace: list[tuple[float, float]]
    """(share of the run's wall time, the ingest process's largest RSS in MB up to then), from its samples."""


def measure(folder: Path, out: Path, workers: int) -> Measurement:
    """Peak RSS, wall and CPU seconds of `builder ingest` over the folder, and how its RSS rose during the run
    (sampled from /proc every `SAMPLE_SECONDS`): flat after the start means nothing grows with the input."""
    command = [sys.executable, "-m", "builder.cli", "ingest", str(folder), "--out", str(out), "--workers", str(workers)]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    samples: list[tuple[float, float]] = []
    finished = threading.Event()

    def sample() -> None:
        while not finished.wait(SAMPLE_SECONDS):
            rss = _child_rss_mb(process.pid)
            if rss is not None:
                samples.append((time.perf_counter() - started, rss))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    finished.set()
    sampler.join()
    seconds = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"builder ingest failed on {folder} (status {status})")
    trace = [(share, max((rss for at, rss in samples if at <= share * seconds), default=0.0)) for share in TRACE_SHARES]
    return Measurement(usage.ru_maxrss / 1024, seconds, usage.ru_utime + usage.ru_stime, trace)


def _child_rss_mb(pid: int) -> float | None:
    """The process's resident memory, if it is still this script's child (once reaped, its pid can be reused)."""
    try:
        status = _proc_status(pid)
    except FileNotFoundError:
        return None
    if int(status["PPid"]) != os.getpid() or "VmRSS" not in status:
        return None
    return int(status["VmRSS"].split()[0]) / 1024


def _rss_mb(pid: int) -> float:
    return int(_proc_status(pid)["VmRSS"].split()[0]) / 1024


def _proc_status(pid: int) -> dict[str, str]:
    return dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines())


def measure_index(count: int, mixed: bool) -> None:
    """Print the CPU per `DuplicateIndex.check` over `count` random fingerprints and the RSS the index added.

    The CPU is that of the whole loop minus that of making the same fingerprints without checking them, so that
    no clock is read per check. Each signature is made again from its document's number when it is copied, so
    the benchmark itself keeps nothing per document.
    """
    import hashlib

    import numpy as np

    from builder.ingest.dedup import DedupConfig, DuplicateIndex, Fingerprint

    def signature(number: int) -> np.ndarray:
        return np.random.default_rng(number).integers(0, 1 << 32, size=128, dtype=np.uint32)

    def fingerprints() -> Iterator[Fingerprint]:
        draw = np.random.default_rng(7)
        for number in range(count):
            roll = draw.random() if mixed and number else 1.0
            if roll < EXACT_SHARE:
                earlier = int(draw.integers(number))
                content, sig = str(earlier), signature(earlier)
            elif roll < EXACT_SHARE + 0.22:
                sig = signature(int(draw.integers(number)))
                sig[draw.integers(128, size=12)] ^= np.uint32(0x5BD1E995)  # agrees on 116 rows or more
                content = f"near {number}"
            else:
                content, sig = str(number), signature(number)
            yield Fingerprint(f"doc_{number:016x}", hashlib.sha256(content.encode()).hexdigest(), sig)

    def cpu_seconds() -> float:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return usage.ru_utime + usage.ru_stime

    started = cpu_seconds()
    for _ in fingerprints():
        pass
    making = cpu_seconds() - started
    index = DuplicateIndex(DedupConfig())
    rss_before = _rss_mb(os.getpid())
    kinds: Counter[str | None] = Counter()
    started = cpu_seconds()
    for seen in fingerprints():
        kinds[index.check(seen)[1]] += 1
    checking = cpu_seconds() - started - making
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{count:,} fingerprints ({kinds[None]:,} new, {kinds['exact']:,} exact, {kinds['near']:,} near copies): "
        f"{checking / count * 1e6:.1f} µs of CPU a check; RSS {rss_before:,.0f} MB before the index, "
        f"{_rss_mb(os.getpid()):,.0f} MB after, peak {peak:,.0f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.2, 2.0], help="Input sizes in GB.")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="Generate the dumps here and keep them (default: a temp dir).")
    parser.add_argument("--index", type=int, help="Measure the deduplication index alone on this many fingerprints.")
    parser.add_argument("--mixed", action="store_true", help="With --index: exact and near copies among them.")
    args = parser.parse_args()
    if args.index:
        measure_index(args.index, args.mixed)
        return
    root = args.keep or Path(tempfile.mkdtemp(prefix="bench-memory-"))
    root.mkdir(parents=True, exist_ok=True)
    free = shutil.disk_usage(root).free / 1e9
    needed = sum(args.sizes) * 1.6  # the dumps, plus documents.jsonl at about half their size
    if free < needed:
        raise SystemExit(f"{root} has {free:.1f} GB free; these sizes need about {needed:.1f} GB")
    peaks: list[tuple[float, int, float]] = []
    try:
        for gigabytes in args.sizes:
            folder = root / f"dumps-{gigabytes:g}gb"
            if not folder.is_dir():
                files, size = write_dumps(folder, gigabytes)
            else:
                paths = list(folder.rglob("*.txt"))
                files, size = len(paths), sum(path.stat().st_size for path in paths)
            out = root / f"out-{gigabytes:g}gb"
            run = measure(folder, out, args.workers)
            documents = sum(1 for _ in (out / "documents.jsonl").open("rb"))
            trace = ", ".join(f"{share:.0%}: {rss:,.0f}" for share, rss in run.rss_trace)
            print(
                f"{size / 1e9:.2f} GB, {files:,} page dumps, {documents:,} documents, --workers {args.workers}: "
                f"peak RSS {run.peak_rss_mb:,.0f} MB (target < 1,024 MB at 2 GB); {run.seconds:,.0f} s wall, "
                f"{documents / run.seconds:,.0f} documents/s, {size / 1e6 / run.seconds:.2f} MB/s; "
                f"{run.cpu_seconds:,.0f} CPU s, {documents / run.cpu_seconds:,.0f} documents per CPU second; "
                f"largest RSS (MB) of the ingest process by share of its wall time: {trace}",
                flush=True,
            )
            shutil.rmtree(out)
            peaks.append((size, documents, run.peak_rss_mb))
        if len(peaks) > 1:
            (small, small_documents, small_rss), (large, large_documents, large_rss) = min(peaks), max(peaks)
            growth = (large_rss - small_rss) * 1024 / (large_documents - small_documents)
            print(
                f"{large / small:.1f}x the input: {large_rss / small_rss:.2f}x the peak RSS (target < 1.2x), "
                f"{growth:.3f} KB more a document"
            )
    finally:
        if args.keep is None:
            shutil.rmtree(root)


if __name__ == "__main__":
    main()
