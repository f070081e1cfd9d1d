"""Score the HTML path (`extract_html` plus the shared tidying) against `trafilatura.extract` alone, on the
WCXB article pages: main-text word F1 against the hand-checked truth, exact titles, and pages per second.

Target (issue 3): at least trafilatura's own F1 on the same pages, and at least 0.8x its speed.
Prints figures, asserts nothing; skips cleanly where ../shared/data is absent.

    .venv/bin/python scripts/eval_html.py [--limit N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from collections.abc import Callable
from pathlib import Path

import trafilatura
from eval_pagetext import normalise_space, word_scores

from builder.ingest.build import join_paragraphs, tidy
from builder.ingest.html import extract_html

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "wcxb-dev-articles"


def ours(html: str, url: str) -> tuple[str, str]:
    article = extract_html(html, url)
    if article is None:
        return "", ""
    tidied = tidy(article)
    text, _ = join_paragraphs(tidied.paragraphs)
    return tidied.title, text


def baseline(html: str, url: str) -> tuple[str, str]:
    document = trafilatura.bare_extraction(html, url=url, with_metadata=True)
    if document is None:
        return "", ""
    return document.title or "", trafilatura.extract(html, url=url) or ""


def score(pages: list[tuple[str, str, dict]], extract: Callable[[str, str], tuple[str, str]]) -> dict[str, float]:
    f1s, precisions, recalls, titles = [], [], [], []
    for _, html, truth in pages:
        title, text = extract(html, truth["url"])
        precision, recall, f1 = word_scores(text, truth["ground_truth"]["main_content"])
        f1s.append(f1)
        precisions.append(precision)
        recalls.append(recall)
        titles.append(normalise_space(title) == normalise_space(truth["ground_truth"]["title"] or ""))
    count = len(pages)
    return {
        "f1": sum(f1s) / count,
        "precision": sum(precisions) / count,
        "recall": sum(recalls) / count,
        "titles": sum(titles) / count,
    }


def pages_per_second(pages: list[tuple[str, str, dict]], run: Callable[[str, str], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        for _, html, truth in pages:
            run(html, truth["url"])
        best = min(best, time.process_time() - started)
    return len(pages) / best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=0, help="Score only the first N pages.")
    parser.add_argument("--repeat", type=int, default=2, help="Speed runs of each (best is kept).")
    args = parser.parse_args()
    if not (DATA / "html").is_dir():
        print(f"skipped: {DATA} is absent (the WCXB data lives outside the repository)")
        return
    pages = []
    for path in sorted((DATA / "html").glob("*.html.gz"))[: args.limit or None]:
        truth = json.loads((DATA / "ground-truth" / path.name.replace(".html.gz", ".json")).read_text())
        if truth["ground_truth"].get("main_content"):
            pages.append((path.name, gzip.decompress(path.read_bytes()).decode("utf-8", "replace"), truth))
    theirs, mine = score(pages, baseline), score(pages, ours)
    print(f"WCXB dev article pages with truth: {len(pages)}")
    for name, figures in (("trafilatura.extract", theirs), ("builder (extract_html)", mine)):
        print(
            f"{name:<24} word F1 {figures['f1']:.3f}  P {figures['precision']:.3f}  R {figures['recall']:.3f}  "
            f"titles exact {figures['titles']:.1%}"
        )
    plain = pages_per_second(pages, lambda html, url: trafilatura.extract(html, url=url), args.repeat)
    builder = pages_per_second(pages, extract_html, args.repeat)
    print(
        f"speed (CPU time, best of {args.repeat}): trafilatura.extract {plain:.1f} pages/s, "
        f"extract_html {builder:.1f} pages/s, ratio {builder / plain:.2f}x (target >= 0.80x)"
    )
    print(f"F1 difference builder - trafilatura: {mine['f1'] - theirs['f1']:+.3f} (target >= 0)")


if __name__ == "__main__":
    main()
