"""Render the WCXB article pages to visible text, boilerplate and all, the way a browser's `innerText` would.

Why: the page-text extractor (`builder.ingest.pagetext`) is meant for dumps of what a reader sees on a page,
and the only real dump we have is one aggregator page. Rendering WCXB's hand-labelled article pages gives
hundreds of realistic dumps from many sites, with ground truth to score against (`scripts/eval_pagetext.py`).

The renderer uses lxml (already installed, no new dependency) rather than inscriptis: inscriptis lays out
tables and prefixes list items with bullets, which is closer to a text browser than to `innerText`, while here
we want what a copy of the page text looks like: block elements on their own lines, `<p>` set off by blank
lines, `<br>` as a line break, table cells separated by tabs, scripts, styles and hidden elements left out.
Content a page streams out of order (React's `<div hidden id="S:n">`) is put where its script puts it, and
markup after a stray `</html>` is kept, as a browser does. `aria-hidden` content is kept: it hides text from
screen readers, not from the eye (`innerText` has it), and dropping it changed no figure.

With --markdown it writes each page as Markdown instead (`NNNN.md`), the way an HTML-to-Markdown crawler
(Firecrawl, Jina Reader: turndown's rules) writes a whole page: headings as `#` lines, links as `[text](href)`,
images as `![alt](src)`, bold and italic marked, list items as `- ` lines, a `<pre>` as a fenced code block,
blocks set off by blank lines, the text's own Markdown characters escaped (not a code block's). A link around
blocks (a teaser card) comes out broken as it does from turndown, "[" and "](href)" left on lines of their own.
`eval_pagetext.py` scores these dumps as it scores the plain ones, read as `builder ingest` reads Markdown.

With --browser=lynx or --browser=w3m it writes what that text browser dumps of each page instead (`lynx -dump`,
`w3m -dump`, installed from Debian's packages: `apt-get install lynx w3m`): lines hard-wrapped at 79 or 80
columns, paragraphs set apart by blank lines, list items bulleted, buttons, text fields and check boxes drawn
("(BUTTON)", "____", "[ ]"), lynx's list of the page's <link> titles first. Page dumps of that kind reach users
from scrapers that shell out to a text browser; `builder ingest` rejoins their wrapped lines and leaves the
drawing out (`builder.ingest.wrapping`, `builder.ingest.text_browsers`).

With --browser=chromium it writes each page's `innerText` in headless Chromium instead (Debian's chromium package,
driven by Playwright from the dev extra; see `chromium_inner_text`): what a scraper driving a browser copies, the
page's own stylesheets applied, its scripts off.

Usage: render_wcxb.py [--markdown | --browser=lynx|w3m|chromium] [DATA_DIR] [OUT_DIR]
(defaults: ../shared/data/wcxb-dev-articles, /tmp/wcxb-pagetext, with --markdown /tmp/wcxb-markdown, with
--browser=NAME /tmp/wcxb-NAME)
Dumps go to a temporary directory, never into the repository.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import lxml.html
from lxml import etree

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "wcxb-dev-articles"
DEFAULT_OUT = Path("/tmp/wcxb-pagetext")
DEFAULT_MARKDOWN_OUT = Path("/tmp/wcxb-markdown")

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

MARKED = "\x00"
"""Marks the Markdown a line starts with (a heading's `#`, a list item's `-`) from text that must be escaped."""
EMPHASIS = {"strong": "**", "b": "**", "em": "*", "i": "*"}
_TEXT_ESCAPES = re.compile(r"([\\`*_\[\]])|<(?=[A-Za-z/!])")
_LINE_START_ESCAPES = re.compile(r"^(#{1,6}(?=\s)|>|[-+*](?=\s)|=+$|-+$)")
_ORDERED_ITEM = re.compile(r"^(\d+)([.)])(?=\s)")
"""What would start a block at a line's start: escaped with a backslash before it, or before a number's dot."""


def escape_markdown(text: str) -> str:
    """Text with the characters Markdown would read as markup escaped, as turndown escapes them."""
    return _TEXT_ESCAPES.sub(lambda match: "\\" + (match.group(1) or "<"), text)


class Preformatted(str):
    """Text inside a `<pre>`: its spaces are kept, as `innerText` keeps them (`white-space: pre`)."""


LINE_BREAK = -1
"""A `<br>` in the list of text runs and required line breaks: a line break of its own, unlike a text node that is a
newline, which is whitespace like any other."""
CELL_BREAK = -2
"""The tab `innerText` sets between a table row's cells."""

HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
WHITESPACE = re.compile(r"\s+")


def is_hidden(element: etree._Element) -> bool:
    """Whether the element is hidden in a way visible in the markup alone (no stylesheet is applied, so content
    hidden by a class, a collapsed accordion say, is kept)."""
    if element.get("hidden") is not None or element.get("type") == "hidden":
        return True
    return bool(HIDDEN_STYLE.search(element.get("style") or ""))


def resolve_streamed_content(root: etree._Element) -> None:
    """Put the content a server streamed out of order where the page's scripts put it once loaded.

    React's streaming server rendering (Next.js and others) sends slow parts of the page at the end of the body
    in `<div hidden id="S:n">` and a script moves each into place: over the boundary opened by `<template
    id="B:n">` (its loading fallback is dropped) or onto the placeholder `<template id="P:n">`. A browser shows
    that content, headline and article included; left hidden, the dump would lack it while the truth has it.
    """
    by_id = {element.get("id"): element for element in root.xpath("//template[@id]")}
    for segment in root.xpath('//div[@hidden][starts-with(@id, "S:")]'):
        if segment.getparent() is None:
            continue
        number = segment.get("id")[2:]
        boundary, placeholder = by_id.get("B:" + number), by_id.get("P:" + number)
        target = boundary if boundary is not None else placeholder
        if target is None:
            continue
        if boundary is not None:
            _drop_fallback(boundary)
        children = list(segment)
        _remove_keeping_tail(segment)
        # The streamed elements take the template's place, and the text after the template follows them.
        for child in reversed(children):
            target.addnext(child)
        if children:
            children[-1].tail, target.tail = (children[-1].tail or "") + (target.tail or ""), None
        _remove_keeping_tail(target)


def _drop_fallback(template: etree._Element) -> None:
    """Remove what follows a boundary template up to the comment that closes its boundary (`<!--/$-->`).

    Without that comment (some pages strip comments) the fallback's end is unknown and nothing is removed:
    fallbacks are mostly empty skeletons, while removing to the end could take the streamed content too.
    """
    depth = 0
    fallback = []
    for sibling in template.itersiblings():
        if sibling.tag is etree.Comment:
            marker = (sibling.text or "").strip()
            if marker in ("$", "$?", "$!"):
                depth += 1
            elif marker == "/$":
                if depth == 0:
                    for element in fallback:
                        template.getparent().remove(element)
                    template.tail = None
                    return
                depth -= 1
        fallback.append(sibling)


def _remove_keeping_tail(element: etree._Element) -> None:
    """Remove an element from the tree but not the text that follows it (lxml's `remove` takes the tail too)."""
    parent = element.getparent()
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def render(root: etree._Element, markdown: bool = False) -> str:
    """The page's visible text: a list of text runs and required line breaks, then merged like `innerText`; or
    with `markdown`, the page in Markdown."""
    resolve_streamed_content(root)
    escaped = escape_markdown if markdown else (lambda text: text)
    items: list[str | int] = []
    # libxml2 leaves markup found after a stray `</html>` in further top-level elements, where a browser puts it
    # into the body: render them after the root (on some pages the whole article is there).
    tops = [root, *root.itersiblings()]
    stack: list[tuple[etree._Element, bool]] = [(element, False) for element in reversed(tops)]
    # What lies inside a `<pre>` keeps its line breaks and spaces; in Markdown, as a fenced code block, unescaped
    # and unmarked, as turndown writes it.
    preformatted = {inside for top in tops for pre in top.iter("pre") for inside in pre.iter()}

    def text_items(text: str, in_pre: bool) -> list[str | int]:
        if not in_pre:
            return [escaped(text)]
        runs: list[str | int] = []
        for number, run in enumerate(text.split("\n")):
            runs.extend([LINE_BREAK, Preformatted(run)] if number else [Preformatted(run)])
        return runs

    # An explicit stack rather than recursion: some pages nest thousands of elements deep.
    while stack:
        element, closing = stack.pop()
        if closing:
            tag = element.tag if isinstance(element.tag, str) else ""
            if markdown and tag == "pre":
                items.extend([LINE_BREAK, MARKED + "```"])
            elif markdown and element not in preformatted:
                items.extend(_markdown_closing(element, tag))
            if tag in PARAGRAPHS or (markdown and tag in BLOCKS and tag != "li"):
                items.append(2)
            elif tag in BLOCKS or tag == "tr":
                items.append(1)
            elif tag in ("td", "th") and _next_cell(element):
                items.append(CELL_BREAK)
            if element.tail:
                items.extend(text_items(element.tail, element.getparent() in preformatted))
            continue
        tag = element.tag if isinstance(element.tag, str) else ""
        if not tag or tag in SKIPPED or is_hidden(element):
            # Comments, processing instructions and hidden elements show nothing, but their tail text does.
            if element.tail:
                items.extend(text_items(element.tail, element.getparent() in preformatted))
            continue
        if tag == "br" or (markdown and tag == "img"):
            if tag == "br":
                items.append(LINE_BREAK)
            elif element.get("src"):
                items.append(f"![{escape_markdown(element.get('alt') or '')}]({element.get('src')})")
            if element.tail:
                items.extend(text_items(element.tail, element.getparent() in preformatted))
            continue
        if tag in PARAGRAPHS or (markdown and tag in BLOCKS and tag != "li"):
            items.append(2)
        elif tag in BLOCKS or tag == "tr":
            items.append(1)
        if markdown and tag == "pre":
            items.extend([MARKED + "```", LINE_BREAK])
        elif markdown and element not in preformatted:
            items.extend(_markdown_opening(element, tag))
        if element.text:
            # A newline right after `<pre>` belongs to the markup (a browser's parser drops it; libxml2 keeps it).
            text = element.text.removeprefix("\n") if tag == "pre" else element.text
            items.extend(text_items(text, element in preformatted))
        stack.append((element, True))
        stack.extend((child, False) for child in reversed(element))
    text = _merge(items, line_start=MARKED if markdown else "")
    if not markdown:
        return text
    lines = [
        line[1:] if line.startswith(MARKED) else _ORDERED_ITEM.sub(r"\1\\\2", _LINE_START_ESCAPES.sub(r"\\\1", line))
        for line in text.split("\n")
    ]
    return "\n".join(lines)


def _markdown_opening(element: etree._Element, tag: str) -> list[str]:
    if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
        return [MARKED + "#" * int(tag[1]) + " "]
    if tag == "li":
        return [MARKED + "- "]
    if tag == "a" and element.get("href"):
        return ["["]
    if tag in EMPHASIS and _emphasised(element):
        return [EMPHASIS[tag]]
    return []


def _markdown_closing(element: etree._Element, tag: str) -> list[str]:
    if tag == "a" and element.get("href"):
        return [f"]({element.get('href')})"]
    if tag in EMPHASIS and _emphasised(element):
        return [EMPHASIS[tag]]
    return []


def _emphasised(element: etree._Element) -> bool:
    """Whether turndown would mark the element: text with no space at either end (a marker before a space is no
    emphasis in Markdown)."""
    text = element.text_content()
    return bool(text.strip()) and text == text.strip()


def _next_cell(cell: etree._Element) -> bool:
    """Whether a table cell has another after it in its row: `innerText` sets a tab between cells, not after the
    last."""
    following = cell.getnext()
    while following is not None and not isinstance(following.tag, str):
        following = following.getnext()
    return following is not None and following.tag in ("td", "th")


def _merge(items: list[str | int], line_start: str = "") -> str:
    """Collapse whitespace in text runs (not in a `<pre>`'s) and turn runs of required breaks into the largest of
    them; a line a `<pre>` opens starts with `line_start` (in Markdown, the mark that spares it escaping)."""
    out: list[str] = []
    pending = 0
    line = ""
    # A line that a `<pre>` opens keeps its indentation.
    indented = False

    def finished(line: str) -> str:
        return line.rstrip() if indented else line.strip()

    for item in items:
        if item == LINE_BREAK:
            out.append(finished(line))
            line = ""
            pending = 0
            continue
        if item == CELL_BREAK:
            if line.strip() and not pending:
                line = line.rstrip(" ") + "\t"
            continue
        if isinstance(item, int):
            pending = max(pending, item)
            continue
        preformatted = isinstance(item, Preformatted)
        text = item if preformatted else WHITESPACE.sub(" ", item)
        if not text.strip() and not preformatted:
            if line and not line.endswith((" ", "\t")):
                line += " "
            continue
        if not text:
            continue
        if line.endswith("\t"):
            text = text.lstrip()
        if pending:
            if line.strip():
                out.append(finished(line))
                if pending == 2:
                    out.append("")
            elif pending == 2 and out and out[-1]:
                out.append("")
            line = ""
            pending = 0
        if not line:
            indented = preformatted
            text = line_start + text if preformatted else text
        line += text
    if line.strip():
        out.append(finished(line))
    text = "\n".join(out).strip("\n")
    return re.sub(r"\n{3,}", "\n\n", text) + "\n"


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def render_file(path: Path, markdown: bool = False) -> str:
    """Decompress and render one `NNNN.html.gz` page.

    Bytes that decode as UTF-8 are parsed as UTF-8: left to itself, lxml falls back to Latin-1 for pages that
    declare no charset, and the mojibake ("doesnât") would be scored as extraction errors.
    """
    data = gzip.decompress(path.read_bytes())
    parser = lxml.html.HTMLParser(encoding="utf-8") if _is_utf8(data) else lxml.html.HTMLParser()
    try:
        root = lxml.html.document_fromstring(data, parser=parser)
    except (etree.ParserError, ValueError):
        return ""
    return render(root, markdown)


TEXT_BROWSERS = {
    "lynx": ["lynx", "-dump", "-nolist", "-display_charset=utf-8", "-assume_charset=utf-8", "-stdin"],
    "w3m": ["w3m", "-dump", "-cols", "80", "-O", "UTF-8", "-I", "UTF-8", "-T", "text/html"],
}
"""How a text browser dumps a page it reads on standard input: wrapped at 79 or 80 columns, its form controls
drawn, links unnumbered (`--browser`)."""
BROWSER_SECONDS = 60


def browser_dump(path: Path, browser: str) -> str:
    """The page at `path` (gzipped HTML) as the text browser `browser` dumps it."""
    html = gzip.decompress(path.read_bytes())
    result = subprocess.run(
        TEXT_BROWSERS[browser], input=html, capture_output=True, timeout=BROWSER_SECONDS, check=False
    )
    return result.stdout.decode("utf-8", errors="replace")


CHROMIUM = Path("/usr/bin/chromium")
"""Debian's chromium package, which Playwright drives (it downloads no browser here); `scripts/test.sh` installs it."""
PAGE_URL = "http://wcxb.invalid/page"
"""Where the page is served from inside the browser: no request leaves it (see `chromium_inner_text`)."""
CHROMIUM_MILLISECONDS = 60_000
FINISH_ANIMATIONS = "() => { for (const a of document.getAnimations()) { try { a.finish() } catch (e) {} } }"
"""Run the page's CSS animations to their end (an endless one cannot end and is left as it is): the page as a reader
sees it once it has settled. An AMP page hides its body for 8 s by an animation ("-amp-start") that its runtime
script cuts short; without scripts it ends by itself, and the text read at once was empty (WCXB 0103)."""


@contextlib.contextmanager
def chromium_inner_text() -> Iterator[Callable[[Path], str]]:
    """A function giving a page's (gzipped HTML's) `document.body.innerText` in headless Chromium, the page text a
    scraper driving a browser copies (Playwright's `inner_text("body")`), with the page's inline stylesheets applied
    (`display: none` in a `<style>` hides an element, which the lxml rendering keeps).

    The page's bytes are served as the response to its own address, declared UTF-8 when they decode as UTF-8 (as
    `render_file` reads them: the server's header, which most likely said so, was not saved), else for Chromium to
    read their charset as it reads a page's; every other request (stylesheets, images, fonts) is refused, as the
    pages are read offline. Scripts are off: offline, with their other files refused, they cannot be relied on (of
    seven pages tried with them on, four showed more text and one went blank). The page's CSS animations are run to
    their end before its text is read (`FINISH_ANIMATIONS`), as a reader sees it. A page that shows its article only
    once a script has run is dumped as a browser without scripts shows it, sometimes nearly empty: 10 of the 711
    WCXB pages hold less than half the words of their lxml rendering.
    """
    from playwright.sync_api import Route, sync_playwright

    def serve(route: Route, html: bytes, content_type: str) -> None:
        if route.request.url == PAGE_URL:
            route.fulfill(status=200, headers={"content-type": content_type}, body=html)
        else:
            route.abort()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            context = browser.new_context(java_script_enabled=False)
            page = context.new_page()

            def inner_text(path: Path) -> str:
                html = gzip.decompress(path.read_bytes())
                content_type = "text/html; charset=utf-8" if _is_utf8(html) else "text/html"
                context.unroute("**/*")
                context.route("**/*", lambda route: serve(route, html, content_type))
                page.goto(PAGE_URL, wait_until="domcontentloaded", timeout=CHROMIUM_MILLISECONDS)
                page.evaluate(FINISH_ANIMATIONS)
                return page.evaluate("() => document.body ? document.body.innerText : ''") + "\n"

            yield inner_text
        finally:
            browser.close()


def main(argv: list[str]) -> int:
    markdown = "--markdown" in argv
    browser = next((argument.split("=", 1)[1] for argument in argv if argument.startswith("--browser=")), None)
    arguments = [argument for argument in argv[1:] if not argument.startswith("--")]
    if browser == "chromium" and not CHROMIUM.is_file():
        print(f"--browser=chromium: needs {CHROMIUM} (apt-get install chromium) and Playwright (the dev extra)")
        return 2
    if browser not in (None, "chromium") and (browser not in TEXT_BROWSERS or shutil.which(browser) is None):
        print(f"--browser={browser}: needs one of {', '.join(TEXT_BROWSERS)} installed (apt-get install lynx w3m)")
        return 2
    data_dir = Path(arguments[0]) if arguments else DEFAULT_DATA
    default_out = DEFAULT_MARKDOWN_OUT if markdown else Path(f"/tmp/wcxb-{browser}") if browser else DEFAULT_OUT
    out_dir = Path(arguments[1]) if len(arguments) > 1 else default_out
    html_dir = data_dir / "html"
    if not html_dir.is_dir():
        print(f"skipped: {html_dir} is absent (the WCXB data lives outside the repository)")
        return 0
    out_dir.mkdir(parents=True, exist_ok=True)
    pages = sorted(html_dir.glob("*.html.gz"))
    suffix = ".md" if markdown else ".txt"
    with contextlib.ExitStack() as stack:
        dump: Callable[[Path], str]
        if browser == "chromium":
            dump = stack.enter_context(chromium_inner_text())
        elif browser:
            dump = functools.partial(browser_dump, browser=browser)
        else:
            dump = functools.partial(render_file, markdown=markdown)
        for path in pages:
            (out_dir / (path.name.removesuffix(".html.gz") + suffix)).write_text(dump(path), encoding="utf-8")
    print(f"rendered {len(pages)} pages to {out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
