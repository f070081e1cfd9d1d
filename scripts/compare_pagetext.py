"""List the pages whose figures moved between two runs of `scripts/eval_pagetext.py --pages-out`: each page whose
title changed (won, lost, or another wrong one), whose word F1 moved by more than --min-f1, whose published date's
score changed, or whose related documents changed; then, per half, the titles won and lost and the pages whose F1
went up and down, with the mean F1 before and after.

Why: a rule of the page-text extractor is kept when it wins on the dev half and loses nothing it should not, on every
kind of dump; a mean hides a page lost for one won. Run the evaluation before and after a change on each kind of
dump and compare, page by page:

    .venv/bin/python scripts/eval_pagetext.py --no-speed DATA /tmp/wcxb-lynx --pages-out /tmp/lynx-before.jsonl
    (change the code)
    .venv/bin/python scripts/eval_pagetext.py --no-speed DATA /tmp/wcxb-lynx --pages-out /tmp/lynx-after.jsonl
    .venv/bin/python scripts/compare_pagetext.py /tmp/lynx-before.jsonl /tmp/lynx-after.jsonl

Prints the changes, asserts nothing; exit 0 either way.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

Row = dict[str, Any]

F1_MOVE_MIN = 0.005
"""A smaller move of a page's F1 is a word or two: listed only when asked (--min-f1)."""
SHOWN_CHARS = 70
"""How much of a title a change shows."""


def load_rows(path: Path) -> dict[str, Row]:
    """The pages of a `--pages-out` file, by page."""
    rows = (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return {row["page"]: row for row in rows}


def page_changes(before: Row, after: Row, min_f1: float = F1_MOVE_MIN) -> Iterator[str]:
    """What moved on one page, a line each: its title (+ won, - lost, ~ another wrong one), its word F1, its date's
    score, its related documents (by label)."""
    page = f"{after['page']} {after['half']}"
    if before["title"] != after["title"]:
        mark = "~" if before["exact"] == after["exact"] else "+" if after["exact"] else "-"
        yield (
            f"{page} title {mark} {before['title'][:SHOWN_CHARS]!r} -> {after['title'][:SHOWN_CHARS]!r}"
            f" (truth {after['want'][:SHOWN_CHARS]!r})"
        )
    if abs(after["f1"] - before["f1"]) > min_f1:
        yield f"{page} F1 {before['f1']:.3f} -> {after['f1']:.3f}"
    if (before["date"], before["page_date"]) != (after["date"], after["page_date"]):
        yield f"{page} date {before['date']}/{before['page_date']} -> {after['date']}/{after['page_date']}"
    if before["related"] != after["related"]:
        yield f"{page} related {before['related']} -> {after['related']}"


def half_summary(half: str, before: list[Row], after: list[Row], min_f1: float = F1_MOVE_MIN) -> str:
    """Titles won and lost, pages whose F1 rose and fell, and the mean F1 before and after, over one half's pages
    (the same pages, in the same order)."""
    won = sum(1 for old, new in zip(before, after, strict=True) if new["exact"] and not old["exact"])
    lost = sum(1 for old, new in zip(before, after, strict=True) if old["exact"] and not new["exact"])
    rose = sum(1 for old, new in zip(before, after, strict=True) if new["f1"] - old["f1"] > min_f1)
    fell = sum(1 for old, new in zip(before, after, strict=True) if old["f1"] - new["f1"] > min_f1)
    mean_before = sum(row["f1"] for row in before) / len(before) if before else 0.0
    mean_after = sum(row["f1"] for row in after) / len(after) if after else 0.0
    return (
        f"{half}: {len(after)} pages, titles won {won} lost {lost}, word F1 up on {rose} down on {fell},"
        f" mean {mean_before:.4f} -> {mean_after:.4f}"
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path, help="eval_pagetext.py --pages-out of the code before the change")
    parser.add_argument("after", type=Path, help="the same after it")
    parser.add_argument("--min-f1", type=float, default=F1_MOVE_MIN, help="smallest F1 move listed")
    args = parser.parse_args(argv[1:])
    before, after = load_rows(args.before), load_rows(args.after)
    pages = sorted(before.keys() & after.keys())
    for page in pages:
        for change in page_changes(before[page], after[page], args.min_f1):
            print(change)
    if only := sorted(before.keys() ^ after.keys()):
        print(f"in one run only (left out): {', '.join(only)}")
    for half in ("dev", "test"):
        chosen = [page for page in pages if after[page]["half"] == half]
        print(half_summary(half, [before[page] for page in chosen], [after[page] for page in chosen], args.min_f1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
