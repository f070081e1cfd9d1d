"""Where page-text ingest spends its time: the whole run in documents/s of CPU time, then each stage in ms/doc.

Then the whole run again with quote and claim finding left out (`build.find_quotes` and `build.find_claims`
returning nothing): the most that any speed-up of those two could give, since everything else the run does is
still done. Last, the same bound for the largest stages, one, two, three and four of them: the rate if they took no
time at all (a compiled rewrite of a stage can do no better).

CPU time (`time.process_time`) rather than wall clock, because the machines are shared: another job's load
changes the wall clock of a run, not the CPU time it takes. The stages are timed by calling each step of
`ingest_file` and `build_document` on its own over the same pages, so their sum is close to, but not exactly,
the whole run (which also deduplicates and writes).

    .venv/bin/python scripts/profile_ingest.py [--pages 100] [--repeat 3] [--cprofile 40]
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import pstats
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from bench_ingest import page_dumps

from builder.enrich.claims import find_claims
from builder.enrich.language import detect_language
from builder.enrich.quotes import find_quotes
from builder.enrich.sentences import split_sentences
from builder.ingest import build
from builder.ingest.build import build_document, join_paragraphs, tidy
from builder.ingest.dedup import DedupConfig, fingerprint
from builder.ingest.ids import content_hash
from builder.ingest.pages import Page
from builder.ingest.parts import ArticleParts
from builder.ingest.pipeline import DocumentLine, IngestOptions, common_page_lines, extract_articles, run_ingest
from builder.ingest.readers import read_pages
from builder.ingest.sources import InputFile, discover
from builder.records import Paragraph


def whole_run(folder: Path) -> tuple[float, int]:
    """(CPU seconds, documents) of one ingest run over the folder, reading every line as the command does."""
    started = time.process_time()
    items, report = run_ingest([str(folder)], IngestOptions(), 1)
    for item in items:
        if isinstance(item, DocumentLine):
            len(item.line)
    return time.process_time() - started, report.documents


def stage_times(folder: Path) -> tuple[dict[str, float], int]:
    """CPU seconds per stage over the folder's pages, and the number of documents built."""
    seconds: dict[str, float] = defaultdict(float)

    def timed(stage: str, step: Callable[..., Any], *arguments: Any) -> Any:
        started = time.process_time()
        result = step(*arguments)
        seconds[stage] += time.process_time() - started
        return result

    files = list(discover([str(folder)]))
    common = common_page_lines(files, IngestOptions())
    documents = 0
    for source in files:
        for page in timed("read", _pages, source):
            articles = timed("extract", extract_articles, page, common)
            for index, parts in enumerate(articles):
                text, paragraphs = timed("tidy + join", _joined, parts)
                sentences = timed("sentences", split_sentences, text, paragraphs)
                quotes = timed("quotes", find_quotes, text, paragraphs, sentences)
                timed("claims", find_claims, text, sentences, quotes)
                timed("language", detect_language, text)
                document, content = timed("build_document (all of it)", build_document, parts, page, index, None)
                timed("model_dump_json", document.model_dump_json)
                timed("content_hash", content_hash, parts.title, text)
                timed("dedup fingerprint", fingerprint, document.doc_id, content, text, DedupConfig())
                documents += 1
    return dict(seconds), documents


@contextlib.contextmanager
def without_quotes_and_claims() -> Iterator[None]:
    """`build_document` with quote and claim finding replaced by functions that find none."""
    found_quotes, found_claims = build.find_quotes, build.find_claims
    build.find_quotes = lambda *_, **__: []
    build.find_claims = lambda *_, **__: []
    try:
        yield
    finally:
        build.find_quotes, build.find_claims = found_quotes, found_claims


def _pages(source: InputFile) -> list[Page]:
    return [page for page in read_pages(source) if isinstance(page, Page)]


def _joined(parts: ArticleParts) -> tuple[str, list[Paragraph]]:
    return join_paragraphs(tidy(parts).paragraphs)


BUILD_STEPS = ("tidy + join", "sentences", "quotes", "claims", "language")
"""The stages `build_document` runs itself: timed apart, and inside "build_document (all of it)" again."""


def print_bounds(whole_ms: float, stage_ms: dict[str, float]) -> None:
    """The most any speed-up of a few stages could give (Amdahl's bound): the whole run's rate if the largest one,
    two, three... stages took no time at all, everything else unchanged. The stages are made apart (the build's own
    steps out of its total, and what the pipeline spends outside them, writing and reporting, as one more)."""
    apart = {stage: ms for stage, ms in stage_ms.items() if stage != "build_document (all of it)"}
    apart["build_document, the rest"] = stage_ms["build_document (all of it)"] - sum(stage_ms[s] for s in BUILD_STEPS)
    apart["pipeline, the rest"] = max(0.0, whole_ms - sum(apart.values()))
    print("  the whole run's rate if the largest stages took no time (Amdahl's bound):")
    freed = 0.0
    for count, (stage, ms) in enumerate(sorted(apart.items(), key=lambda item: -item[1])[:4], start=1):
        freed += ms
        print(f"    {count} free (+ {stage}, {ms:.3f} ms/doc): {1000 / (whole_ms - freed):,.0f} documents/s of CPU")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cprofile", type=int, default=0, help="Also print this many cProfile rows (tottime).")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = page_dumps(Path(temporary) / "pages", args.pages)
        whole_run(page_dumps(Path(temporary) / "warm-up", 2))  # loads the language model and compiles regexes
        cpu, documents = min(whole_run(folder) for _ in range(args.repeat))
        print(f"whole run: {documents} documents, {cpu:.3f} s CPU, {documents / cpu:,.0f} documents/s of CPU")
        with without_quotes_and_claims():
            bare, _ = min(whole_run(folder) for _ in range(args.repeat))
        print(f"  without finding quotes and claims: {documents / bare:,.0f} documents/s of CPU")
        stages, built = min(
            (stage_times(folder) for _ in range(args.repeat)), key=lambda result: sum(result[0].values())
        )
        for stage, spent in stages.items():
            print(f"  {stage:<28} {1000 * spent / built:7.3f} ms/doc")
        print_bounds(1000 * cpu / documents, {stage: 1000 * spent / built for stage, spent in stages.items()})
        if args.cprofile:
            profile = cProfile.Profile()
            profile.enable()
            whole_run(folder)
            profile.disable()
            pstats.Stats(profile).sort_stats("tottime").print_stats(args.cprofile)


if __name__ == "__main__":
    main()
