"""Render the WCXB article pages to visible text, boilerplate and all, the way a browser's `innerText` would.

Why: the page-text extractor (`builder.ingest.pagetext`) is meant for dumps of what a reader sees on a page,
and the only real dump we have is one aggregator page. Rendering WCXB's hand-labelled article pages gives
hundreds of realistic dumps from many sites, with ground truth to score against (`scripts/eval_pagetext.py`).

The renderer uses lxml (already installed, no new dependency) rather than inscriptis: inscriptis lays out
tables and prefixes list items with bullets, which is closer to a text browser than to `innerText`, while here
we want what a copy of the page text looks like: block elements on their own lines, `<p>` set off by blank
lines, `<br>` as a line break, table cells separated by tabs, scripts, styles and hidden elements left out.

Usage: render_wcxb.py [DATA_DIR] [OUT_DIR]   (defaults: ../shared/data/wcxb-dev-articles, /tmp/wcxb-pagetext)
Dumps go to a temporary directory, never into the repository.
"""

from __future__ import annotations

import gzip
import re
import sys
from pathlib import Path

import lxml.html
from lxml import etree

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "wcxb-dev-articles"
DEFAULT_OUT = Path("/tmp/wcxb-pagetext")

SKIPPED = frozenset(
    [
        "head",
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "math",
        "iframe",
        "object",
        "embed",
        "canvas",
        "audio",
        "video",
        "source",
        "track",
        "input",
        "textarea",
        "select",
        "map",
        "area",
        "meta",
        "link",
        "title",
        "base",
    ]
)
"""Elements whose content a browser does not show as text."""

BLOCKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "center",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "legend",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "option",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "tfoot",
        "thead",
        "ul",
        "caption",
    ]
)
"""Elements `innerText` puts on their own line (one required line break before and after)."""

PARAGRAPHS = frozenset({"p"})
"""Elements `innerText` sets off by a blank line (two required line breaks), per the HTML spec."""

HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
WHITESPACE = re.compile(r"\s+")


def is_hidden(element: etree._Element) -> bool:
    """Whether the element is hidden in a way visible in the markup alone (no stylesheet is applied)."""
    if element.get("hidden") is not None or element.get("type") == "hidden":
        return True
    return bool(HIDDEN_STYLE.search(element.get("style") or ""))


def render(root: etree._Element) -> str:
    """The page's visible text: a list of text runs and required line breaks, then merged like `innerText`."""
    items: list[str | int] = []
    stack: list[tuple[etree._Element, bool]] = [(root, False)]
    # An explicit stack rather than recursion: some pages nest thousands of elements deep.
    while stack:
        element, closing = stack.pop()
        if closing:
            tag = element.tag if isinstance(element.tag, str) else ""
            if tag in PARAGRAPHS:
                items.append(2)
            elif tag in BLOCKS or tag == "tr":
                items.append(1)
            elif tag in ("td", "th"):
                items.append("\t")
            if element.tail:
                items.append(element.tail)
            continue
        tag = element.tag if isinstance(element.tag, str) else ""
        if not tag or tag in SKIPPED or is_hidden(element):
            # Comments, processing instructions and hidden elements show nothing, but their tail text does.
            if element.tail:
                items.append(element.tail)
            continue
        if tag == "br":
            items.append("\n")
            if element.tail:
                items.append(element.tail)
            continue
        if tag in PARAGRAPHS:
            items.append(2)
        elif tag in BLOCKS or tag == "tr":
            items.append(1)
        if element.text:
            items.append(element.text)
        stack.append((element, True))
        stack.extend((child, False) for child in reversed(element))
    return _merge(items)


def _merge(items: list[str | int]) -> str:
    """Collapse whitespace in text runs and turn runs of required breaks into the largest of them."""
    out: list[str] = []
    pending = 0
    line = ""
    for item in items:
        if isinstance(item, int):
            pending = max(pending, item)
            continue
        if item == "\n":
            out.append(line.strip())
            line = ""
            pending = 0
            continue
        text = WHITESPACE.sub(" ", item)
        if not text.strip():
            if line and not line.endswith(" "):
                line += " "
            continue
        if pending:
            if line.strip():
                out.append(line.strip())
                if pending == 2:
                    out.append("")
            elif pending == 2 and out and out[-1]:
                out.append("")
            line = ""
            pending = 0
        line += text
    if line.strip():
        out.append(line.strip())
    text = "\n".join(out).strip("\n")
    return re.sub(r"\n{3,}", "\n\n", text) + "\n"


def render_file(path: Path) -> str:
    """Decompress and render one `NNNN.html.gz` page.

    Bytes that decode as UTF-8 are parsed as UTF-8: left to itself, lxml falls back to Latin-1 for pages that
    declare no charset, and the mojibake ("doesnât") would be scored as extraction errors.
    """
    data = gzip.decompress(path.read_bytes())
    try:
        data.decode("utf-8")
        parser = lxml.html.HTMLParser(encoding="utf-8")
    except UnicodeDecodeError:
        parser = lxml.html.HTMLParser()
    try:
        root = lxml.html.document_fromstring(data, parser=parser)
    except (etree.ParserError, ValueError):
        return ""
    return render(root)


def main(argv: list[str]) -> int:
    data_dir = Path(argv[1]) if len(argv) > 1 else DEFAULT_DATA
    out_dir = Path(argv[2]) if len(argv) > 2 else DEFAULT_OUT
    html_dir = data_dir / "html"
    if not html_dir.is_dir():
        print(f"skipped: {html_dir} is absent (the WCXB data lives outside the repository)")
        return 0
    out_dir.mkdir(parents=True, exist_ok=True)
    pages = sorted(html_dir.glob("*.html.gz"))
    for path in pages:
        (out_dir / (path.name.removesuffix(".html.gz") + ".txt")).write_text(render_file(path), encoding="utf-8")
    print(f"rendered {len(pages)} pages to {out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
