"""Score the HTML path (`extract_html` plus the shared tidying) against `trafilatura.extract` alone, on the
WCXB article pages: main-text word F1 against the hand-checked truth, exact titles, published dates (by the day,
as `scripts/eval_pagetext.py` scores them: right, wrong, or missing), WCXB's text and boilerplate snippets
found (as there), and pages per second. Titles and dates are
also given for the dev and test halves of `eval_pagetext.py` (the HTML title and date rules were tuned on dev).

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
from eval_pagetext import date_score, half, normalise_space, snippets_found, word_scores

from builder.ingest.build import date_in_url, day_first_of, join_paragraphs, tidy
from builder.ingest.html import extract_html

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "wcxb-dev-articles"


Extracted = tuple[str, str, str | None, bool | None, str | None]
"""Title, main text, the published date as printed (or as the page's metadata states it), whether a date in
numbers is read day first (None: as dateutil reads it, month first), and the last update's date."""


def ours(html: str, url: str) -> Extracted:
    article = extract_html(html, url)
    if article is None:
        return "", "", None, None, None
    tidied = tidy(article)
    text, _ = join_paragraphs(tidied.paragraphs)
    # As `builder ingest` dates a page that comes without a record stating its date.
    published = tidied.published_text or tidied.searched_date or date_in_url(url)
    return tidied.title, text, published, day_first_of(published, tidied.day_first, url), tidied.updated_text


def baseline(html: str, url: str) -> Extracted:
    document = trafilatura.bare_extraction(html, url=url, with_metadata=True)
    if document is None:
        return "", "", None, None, None
    return document.title or "", trafilatura.extract(html, url=url) or "", document.date, None, None


def score(pages: list[tuple[str, str, dict]], extract: Callable[[str, str], Extracted]) -> dict[str, float]:
    """Mean word F1, precision and recall over all pages; the share of exact titles and of right, wrong and
    missing dates (over the pages with a truth date), overall and per half ("titles dev", "dates test wrong")."""
    f1s, precisions, recalls = [], [], []
    titles: dict[str, list[bool]] = {"": [], "dev": [], "test": []}
    dates: dict[str, list[str]] = {"": [], "dev": [], "test": []}
    page_dates: list[str] = []
    kept, leaked = [0, 0], [0, 0]
    for name, html, truth in pages:
        title, text, published, day_first, updated = extract(html, truth["url"])
        for total, snippets in (
            (kept, truth["ground_truth"].get("with")),
            (leaked, truth["ground_truth"].get("without")),
        ):
            found, listed = snippets_found(text, snippets or [])
            total[0], total[1] = total[0] + found, total[1] + listed
        precision, recall, f1 = word_scores(text, truth["ground_truth"]["main_content"])
        f1s.append(f1)
        precisions.append(precision)
        recalls.append(recall)
        exact = normalise_space(title) == normalise_space(truth["ground_truth"]["title"] or "")
        date = date_score(published, truth["ground_truth"].get("publish_date"), day_first)
        if date is not None:
            page_dates.append(date_score(published or updated, truth["ground_truth"]["publish_date"], day_first) or "")
        for key in ("", half(name.removesuffix(".html.gz"))):
            titles[key].append(exact)
            if date is not None:
                dates[key].append(date)
    count = len(pages)
    figures = {"f1": sum(f1s) / count, "precision": sum(precisions) / count, "recall": sum(recalls) / count}
    figures["text kept"], figures["boilerplate leaked"] = kept[0] / max(kept[1], 1), leaked[0] / max(leaked[1], 1)
    for key in titles:
        prefix = f" {key}" if key else ""
        figures["titles" + prefix] = sum(titles[key]) / max(len(titles[key]), 1)
        for verdict in ("right", "wrong", "missing"):
            figures[f"dates{prefix} {verdict}"] = dates[key].count(verdict) / max(len(dates[key]), 1)
    for verdict in ("right", "wrong", "missing"):
        figures[f"page dates {verdict}"] = page_dates.count(verdict) / max(len(page_dates), 1)
    return figures


def _halves(figures: dict[str, float]) -> str:
    return "  ".join(
        f"{key}: titles {figures['titles ' + key]:.1%}, dates right {figures[f'dates {key} right']:.1%} "
        f"wrong {figures[f'dates {key} wrong']:.1%} missing {figures[f'dates {key} missing']:.1%}"
        for key in ("dev", "test")
    )


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
            f"titles exact {figures['titles']:.1%}  dates right {figures['dates right']:.1%} "
            f"wrong {figures['dates wrong']:.1%} missing {figures['dates missing']:.1%}"
        )
        print(f"{'':<24} {_halves(figures)}")
        print(
            f"{'':<24} dates, else the last update's: right {figures['page dates right']:.1%} "
            f"wrong {figures['page dates wrong']:.1%} missing {figures['page dates missing']:.1%}"
        )
        print(
            f"{'':<24} snippets: text kept {figures['text kept']:.1%}, "
            f"boilerplate leaked {figures['boilerplate leaked']:.1%} (see scripts/eval_pagetext.py)"
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
