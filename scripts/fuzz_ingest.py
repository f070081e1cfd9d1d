"""Mutation fuzzing of `builder ingest`: real pages, broken at random, must never make the builder fail.

Each round writes mutated copies of real inputs to a folder and ingests it as the command does. A page dump has
lines deleted, repeated, rotated, cut or shouted, and odd characters and words put in (quote marks, datelines,
bylines, zero-width and bidirectional characters, other scripts); an HTML page has bytes inserted, deleted, copied
or cut off and tags, references, charsets and dates that break; a scraper export holds records of random fields
and values. A run must quarantine or read each of them: a `builder_fault` (the builder raised) or an
`invalid_document` (it built a record its own models refuse) is a bug, and the input that caused it is copied to
`--keep` with the reason, to be made a test. Prints the inputs ingested and the faults met.

    .venv/bin/python scripts/fuzz_ingest.py --pagetext /tmp/wcxb-pagetext /tmp/wcxb-lynx \\
        --html ../shared/data/wcxb-dev-articles/html --rounds 200 [--seed 1] [--keep /tmp/fuzz-found]

The page dumps come from `scripts/render_wcxb.py`; without any, the sample page in samples/ is mutated.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path

from builder.ingest.pages import Rejection
from builder.ingest.pipeline import IngestOptions, run_ingest

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "samples" / "daily8-putin-trump-call.txt"
FAULTS = frozenset({"builder_fault", "invalid_document"})
"""Reason codes that are the builder's bugs, never the input's."""
PAGES_PER_ROUND = 12
HTML_PER_ROUND = 6
ODD_TEXT = (
    *("\u201c", "\u201d", '"', "'", "\u2018", "\u2019", "\u00ab", "\u00bb", "\u300c", "\u300d", "\u201e"),
    *(" said ", "said", " told reporters", "according to ", "MOSCOW :", "CAIRO, July 5 \u2014 "),
    *("(AP)", "\u2014 Reuters", "By ", "Updated: ", "July 5, 2025", "2 hours ago", "5 min read"),
    *("\u200b", "\ufeff", "\u00a0", "\t", "\r", "\x0c", "\u2028", "\u202e", "\u2066", "\x85", "\x1b[31m", "\x00"),
    *("e\u0301", "\U0001f600", "....", "?!", "Mr.", "U.S.", "3.5", "https://x.example/a"),
    *("* ", "# ", "> ", "| a | b |", "```", "[", "](", "&amp;", "&#x1;", "<p>"),
    *("\u05d0\u05d1", "\u0627\u0644", "\u4e2d\u6587\u3002", "\u30fc"),
)
"""What is put into page dumps: what the extractor and the quote finder read, and what breaks text."""
ODD_HTML = (
    *(b"<", b">", b"</div>", b"<p>", b"<script>", b"</script>", b"<!--", b"-->", b"<![CDATA[", b"]]>", b"&", b"&#0;"),
    *(b"&#x110000;", b"&amp;", b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b'<meta charset="utf-16">', b"\r", b"\x1b[31m"),
    b'<meta charset="bogus">',
    b'<meta property="article:published_time" content="99999-99-99">',
    b'<script type="application/ld+json">{"@type":"NewsArticle","headline":',
    b'"datePublished":"2025-13-45T99:99"',
    *(b"<title>", b"</title>", b"<h1>", b"</h1>", b"\xe2\x80\x9c", b"\xe2\x80\x9d", b" said ", b"<br>" * 50),
    *(b"<table><tr><td>", b"<svg>", b"<math>", b"<template>", b"<noscript>", b"<base href='javascript:x'>"),
    *(b'<link rel="canonical" href="::::">', b'<link rel="canonical" href="https://[broken/x">'),
)
"""What is put into HTML pages: markup that opens or closes wrongly, references, charsets and metadata."""
RECORD_FIELDS = ("title", "text", "html", "content", "url", "date", "published", "source", "body", "headline", "id")


def mutated_text(text: str, rng: random.Random) -> str:
    """A page dump with up to 12 random changes to its lines."""
    lines = text.split("\n") or [""]
    for _ in range(rng.randint(1, 12)):
        if not lines:
            lines = [""]
        index = rng.randrange(len(lines))
        line = lines[index]
        where = rng.randint(0, len(line))
        change = rng.randrange(9)
        if change == 0:
            del lines[index]
        elif change == 1:
            lines.insert(index, lines[rng.randrange(len(lines))])
        elif change == 2:
            lines[index] = line[:where] + rng.choice(ODD_TEXT) + line[where:]
        elif change == 3:
            lines[index] = line[:where] + line[rng.randint(where, min(len(line), where + 40)) :]
        elif change == 4:
            lines[index] = line * rng.randint(2, 30)
        elif change == 5:
            lines[index] = line.upper()
        elif change == 6:
            lines = lines[index:] + lines[:index]
        elif change == 7:
            lines[index] = "".join(rng.choice(ODD_TEXT) for _ in range(rng.randint(1, 20)))
        else:
            lines.insert(index, " ".join(rng.choice(ODD_TEXT) for _ in range(rng.randint(1, 60))))
    return "\n".join(lines)


def mutated_bytes(data: bytes, rng: random.Random) -> bytes:
    """An HTML page with up to 25 random changes to its bytes, one in ten of them cutting it off."""
    page = bytearray(data)
    for _ in range(rng.randint(1, 25)):
        where = rng.randint(0, len(page))
        change = rng.randrange(5)
        if change == 0:
            page[where:where] = rng.choice(ODD_HTML)
        elif change == 1:
            del page[where : where + rng.randint(1, 400)]
        elif change == 2:
            start = rng.randint(0, len(page))
            page[where:where] = page[start : start + rng.randint(1, 300)]
        elif change == 3:
            page[where:where] = rng.randbytes(rng.randint(1, 8))
        elif rng.random() < 0.1:
            del page[where:]
    return bytes(page)


def random_record(html: bytes, rng: random.Random) -> str:
    """A scraper record of random fields, each a random value: a piece of the page, a number, a list, an object."""
    text = html.decode("utf-8", "replace")
    values = (
        lambda: text[: rng.randint(0, 5000)],
        lambda: rng.randint(-(10**20), 10**20),
        lambda: None,
        lambda: [text[:100], 3],
        lambda: {"x": text[:50]},
        lambda: "2025-07-05T12:00:00Z",
        lambda: "",
        lambda: 1.5e308,
        lambda: True,
        lambda: "http://" + text[:30],
    )
    fields = rng.sample(RECORD_FIELDS, rng.randint(1, 6))
    return json.dumps({name: rng.choice(values)() for name in fields})


def fuzz_round(folder: Path, dumps: list[Path], html: list[Path], rng: random.Random) -> Counter[str]:
    """Write one round's mutated inputs to `folder`; how many of each kind."""
    for number in range(PAGES_PER_ROUND):
        text = rng.choice(dumps).read_text(encoding="utf-8", errors="replace")
        (folder / f"page-{number:02d}.txt").write_text(mutated_text(text, rng), encoding="utf-8")
    records = []
    for number in range(HTML_PER_ROUND if html else 0):
        page = rng.choice(html).read_bytes()
        page = mutated_bytes(gzip.decompress(page) if page[:2] == b"\x1f\x8b" else page, rng)
        (folder / f"page-{number:02d}.html").write_bytes(page)
        records.append(random_record(page, rng))
    if records:
        (folder / "export.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")
    return Counter({"page dumps": PAGES_PER_ROUND, "HTML pages": len(records), "scraper records": len(records)})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pagetext", type=Path, nargs="*", default=[], help="Folders of page dumps (*.txt).")
    parser.add_argument("--html", type=Path, help="A folder of HTML pages (*.html, *.html.gz).")
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, default=Path("fuzz-found"), help="Where inputs that fault are copied.")
    args = parser.parse_args()
    dumps = [path for folder in args.pagetext for path in sorted(folder.glob("*.txt"))] or [SAMPLE]
    html = sorted(args.html.glob("*.html*")) if args.html else []
    inputs: Counter[str] = Counter()
    faults = 0
    for number in range(args.rounds):
        rng = random.Random(args.seed * 1_000_003 + number)
        with tempfile.TemporaryDirectory() as scratch:
            inputs.update(fuzz_round(Path(scratch), dumps, html, rng))
            items, _ = run_ingest([scratch], IngestOptions(), 1)
            for item in items:
                if isinstance(item, Rejection) and item.code in FAULTS:
                    faults += 1
                    args.keep.mkdir(parents=True, exist_ok=True)
                    kept = args.keep / f"{args.seed}-{number}-{Path(item.source).name}"
                    shutil.copy(item.source, kept)
                    kept.with_name(kept.name + ".reason").write_text(item.reason + "\n", encoding="utf-8")
                    print(f"{item.code}: {kept} (record {item.record}): {item.reason[:300]}", flush=True)
    ingested = ", ".join(f"{count:,} {kind}" for kind, count in inputs.items() if count)
    print(f"{args.rounds} rounds: {ingested} ingested; builder faults and invalid records: {faults}")
    sys.exit(1 if faults else 0)


if __name__ == "__main__":
    main()
