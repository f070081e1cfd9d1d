"""Peak memory of `builder ingest` on ~0.2 GB and ~2 GB of page dumps (issue 6: under 1 GB for 2 GB of dumps, and
not growing with the input), with the throughput of each run.

The dumps are varied copies of the shipped sample so that deduplication does its real work and its index holds
what a real run's would: most pages are unique (a page token woven through every paragraph changes every word
shingle), some are exact copies of an earlier page, some are near copies (one paragraph changed).

    .venv/bin/python scripts/bench_memory.py [--sizes 0.2 2] [--workers 1] [--keep DIR]

Each run is a `builder ingest` subprocess measured by the kernel (`wait4`): peak RSS is that of the largest
process of its tree, CPU seconds are those of the whole tree. Prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
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


def measure(folder: Path, out: Path, workers: int) -> tuple[float, float, float]:
    """(peak RSS in MB, wall seconds, CPU seconds) of `builder ingest` over the folder.

    CPU seconds (user + system, the whole process tree) give the per-core rate even on a busy machine, where
    wall time depends on what else runs.
    """
    command = [sys.executable, "-m", "builder.cli", "ingest", str(folder), "--out", str(out), "--workers", str(workers)]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"builder ingest failed on {folder} (status {status})")
    return usage.ru_maxrss / 1024, seconds, usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.2, 2.0], help="Input sizes in GB.")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="Generate the dumps here and keep them (default: a temp dir).")
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="bench-memory-"))
    root.mkdir(parents=True, exist_ok=True)
    free = shutil.disk_usage(root).free / 1e9
    needed = sum(args.sizes) * 1.6  # the dumps, plus documents.jsonl at about half their size
    if free < needed:
        raise SystemExit(f"{root} has {free:.1f} GB free; these sizes need about {needed:.1f} GB")
    try:
        for gigabytes in args.sizes:
            folder = root / f"dumps-{gigabytes:g}gb"
            if not folder.is_dir():
                files, size = write_dumps(folder, gigabytes)
            else:
                paths = list(folder.rglob("*.txt"))
                files, size = len(paths), sum(path.stat().st_size for path in paths)
            out = root / f"out-{gigabytes:g}gb"
            rss, seconds, cpu_seconds = measure(folder, out, args.workers)
            documents = sum(1 for _ in (out / "documents.jsonl").open("rb"))
            print(
                f"{size / 1e9:.2f} GB, {files:,} page dumps, {documents:,} documents, --workers {args.workers}: "
                f"peak RSS {rss:,.0f} MB (target < 1,024 MB at 2 GB); {seconds:,.0f} s wall, "
                f"{documents / seconds:,.0f} documents/s, {size / 1e6 / seconds:.2f} MB/s; {cpu_seconds:,.0f} CPU s, "
                f"{documents / cpu_seconds:,.0f} documents per CPU second",
                flush=True,
            )
            shutil.rmtree(out)
    finally:
        if args.keep is None:
            shutil.rmtree(root)


if __name__ == "__main__":
    main()
