"""Pages in Markdown (Firecrawl, Jina Reader, crawl4ai): read as the visible text a browser shows of them, markup
out, so that the page-text extractor finds the same articles as in the page's plain dump, each pointing at its
line of the Markdown file; a scraper record's Markdown text likewise."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from builder.ingest.markdown_text import is_markdown, markdown_text
from tests.test_ingest import SAMPLE_PAGE, SAMPLE_TITLES, ingest, read_jsonl
from tests.test_pagetext import PROSE


def _sample_as_markdown() -> str:
    """The sample page as a Markdown crawler writes it: the menu as a list of links, the headline as a heading,
    blocks set off by blank lines, emphasis and links inside the story's paragraphs, an image among them."""
    written: list[str] = []
    for number, line in enumerate(SAMPLE_PAGE.read_text(encoding="utf-8").splitlines()):
        text = line.strip()
        if not text:
            continue
        if number < 30 and len(text) < 40:
            written.append(f"- [{text}](https://www.daily8.example/{number})")
            continue
        if written and written[-1].startswith("- "):
            written.append("")
        if text == SAMPLE_TITLES[0] and not any(block.startswith("# ") for block in written):
            text = f"# {text}"
        elif len(text) > 200:
            words = text.split(" ")
            words[5], words[12] = f"**{words[5]}**", f"[{words[12]}](https://example.com/a_(b))"
            text = " ".join(words)
        written += [text, ""]
        if number == 40:
            written += ["![Vladimir Putin at a ceremony](https://cdn.example/putin.jpg)", ""]
    return "\n".join(written)


def test_a_markdown_page_gives_the_articles_of_its_plain_dump_each_at_its_line(tmp_path: Path) -> None:
    markdown = _sample_as_markdown()
    (tmp_path / "md").mkdir()
    (tmp_path / "md" / "page.md").write_text(markdown, encoding="utf-8")
    # No .md name: told by its links and headings.
    (tmp_path / "md" / "page-from-a-crawler.txt").write_text(markdown, encoding="utf-8")

    result = ingest(str(tmp_path / "md"), str(SAMPLE_PAGE), "--out", str(tmp_path / "out"))

    assert result.returncode == 0, result.stderr
    documents = read_jsonl(tmp_path / "out" / "documents.jsonl")
    by_file: dict[str, list[dict[str, object]]] = {}
    for document in documents:
        by_file.setdefault(Path(document["provenance"]["path"]).name, []).append(document)
    plain = by_file.pop(SAMPLE_PAGE.name)
    assert [d["title"] for d in plain] == SAMPLE_TITLES
    fields = ("title", "text", "paragraphs", "dateline", "credit", "captions", "source", "quotes")
    data = markdown.encode("utf-8")
    for name, found in by_file.items():
        assert [{key: d[key] for key in fields} for d in found] == [{key: d[key] for key in fields} for d in plain]
        for document in found:
            provenance = document["provenance"]
            start = data[provenance["offset"] :].decode("utf-8").removeprefix("# ")
            assert start.startswith(document["title"]), name
            assert provenance["line"] == data[: provenance["offset"]].count(b"\n") + 1


VISIBLE_TEXT_CASES = [
    (
        "[Skip to content](#main)\n\n"
        "- [Home](https://x.example/) \n- [World](/world)\n\n"
        "## A *headline* with a \\*star\\*\n\n"
        'Text with [a link](https://x.example/a "title"), ![an image](https://x.example/i.png) `code` &amp; '
        "<b>tags</b>,\nwrapped.  \nAfter a break.\n\n"
        "| Team | Score |\n|---|---:|\n| Reds | 3 |\n\n"
        "```\nprint(1)\n```\n",
        [
            "Skip to content",
            "",
            "Home",
            "World",
            "A headline with a *star*",
            "Text with a link, code & tags, wrapped.",
            "After a break.",
            "",
            "Team\tScore",
            "Reds\t3",
            "print(1)",
        ],
        (0, 0, 2, 3, 5, 7, 9, 9, 11, 13, 16),
        {4},
    ),
    # An underlined heading, an autolink, and a list item's lines.
    (
        "Intro\n\nSection two\n---\n\n- first item\n- second *item*\n  wrapped\n\nSee <https://x.example/a>.\n",
        ["Intro", "", "Section two", "first item", "second item wrapped", "See https://x.example/a.", ""],
        (0, 0, 2, 5, 6, 9, 9),
        {2},
    ),
    # A lone surrogate (half of an emoji a scraper cut in two), which the parser, in Rust, cannot take.
    ("Cut \udcff here\n\n# Next\n", ["Cut \ufffd here", "", "Next"], (0, 0, 2), {2}),
]


@pytest.mark.parametrize(("markdown", "lines", "source_lines", "headings"), VISIBLE_TEXT_CASES)
def test_markdown_is_read_as_its_visible_text(
    markdown: str, lines: list[str], source_lines: tuple[int, ...], headings: set[int]
) -> None:
    visible = markdown_text(markdown)
    assert visible.text.split("\n") == lines
    assert visible.source_lines == source_lines
    assert visible.headings == headings


def test_a_link_whose_address_holds_spaces_keeps_its_text_and_no_markup() -> None:
    # Share buttons' addresses are written unencoded by turndown: CommonMark reads none of these as a link.
    markdown = (
        "Share:[](mailto:?subject=Check this out&body=A story) [Email](mailto:?subject=A (long) read)\n\n"
        "[Choosing a plan](#Choosing from the top ten) explains it.\n\n"
        "![A car on a lift ](https://cdn.example/car lift.png) Before the story.\n\n"
        "Prices [in dollars] (before tax) and `arr[0](x, y)` as written.\n\n"
        # A script's link, and lazy-loaded pictures' placeholders in links, one with spaces in its address.
        "[Read more](javascript:void(0)) [![Share](data:image/svg+xml,%3Csvg%20xmlns='http://www.w3.org/2000/svg'"
        "%3E%3C/svg%3E)](mailto:?subject=A story) [![Pin](data:image/svg+xml,<svg viewBox='0 0 1 1'></svg>)](/pin)\n"
    )
    assert markdown_text(markdown).text.split("\n") == [
        "Share: Email",
        "",
        "Choosing a plan explains it.",
        "",
        "Before the story.",
        "",
        "Prices [in dollars] (before tax) and arr[0](x, y) as written.",
        "",
        "Read more",
        "",
    ]


def test_what_is_left_of_a_link_around_blocks_is_no_text() -> None:
    # A teaser card's link around its image, headline and excerpt, as turndown writes it: blank lines break it, and
    # CommonMark reads its "[" and "](address)" as text.
    markdown = (
        "### Related Articles\n\n"
        "[\n\n"
        "What business leaders need to know about AI ](/ideas/what-leaders-need) [\n\n"
        "Why finance is deploying language processing ](/ideas/finance-nlp)\n\n"
        "- [\n\n"
        "    ![Solana](data:image/svg+xml,%3Csvg%3E)\n\n"
        "    Rust and Solana Development](https://www.example.com/blog/rust_(lang)/)\n"
        "- [\n\n"
        "    Share this](mailto:?subject=Check this out)\n\n"
        "[1] A note [sic], and a list [\n"
    )
    lines = [line for line in markdown_text(markdown).text.split("\n") if line]
    assert lines == [
        "Related Articles",
        "What business leaders need to know about AI",
        "Why finance is deploying language processing",
        "Rust and Solana Development",
        "Share this",
        "[1] A note [sic], and a list",
    ]


def test_plain_page_text_is_not_taken_for_markdown() -> None:
    text = SAMPLE_PAGE.read_text(encoding="utf-8")
    assert not is_markdown(None, text)
    # A page that cites its sources as written: five Markdown links among a hundred lines of visible text.
    cited = text + "".join(f"Retrieved from [source{n}.org](https://source{n}.org).\n" for n in range(5))
    assert not is_markdown(None, cited)
    assert not is_markdown(Path("page.txt"), "# 1 in the charts [again] (for now)\nBest seller list\n")
    assert is_markdown(Path("page.md"), text)


def test_a_records_markdown_text_is_read_without_its_markup(tmp_path: Path) -> None:
    """Firecrawl's export: the page's Markdown under "markdown", its title and address under "metadata"."""
    markdown = (
        "# Council extends night buses to the airport\n\n"
        "The city council voted on **Tuesday** to extend night buses to the airport, a move "
        "[officials](https://example.com/o) said would help 4,000 shift workers.\n\n"
        "## What changes\n\nBuses will run every 20 minutes between midnight and 5am.\n\n"
        "![A night bus](https://cdn.example/bus.jpg)\n"
    )
    record = {
        "markdown": markdown,
        "metadata": {"title": "Council extends night buses to the airport", "sourceURL": "https://example.com/b"},
    }
    export = tmp_path / "crawl.jsonl"
    export.write_text(json.dumps(record) + "\n", encoding="utf-8")

    result = ingest(str(export), "--out", str(tmp_path / "out"), "--field", "title=metadata.title")

    assert result.returncode == 0, result.stderr
    [document] = read_jsonl(tmp_path / "out" / "documents.jsonl")
    paragraphs = [(document["text"][p["start"] : p["end"]], p["kind"]) for p in document["paragraphs"]]
    assert paragraphs == [
        (
            "The city council voted on Tuesday to extend night buses to the airport, a move officials said would help"
            " 4,000 shift workers.",
            "body",
        ),
        ("What changes", "heading"),
        ("Buses will run every 20 minutes between midnight and 5am.", "body"),
    ]


def test_a_crawlers_metadata_gives_a_records_title_address_and_date(tmp_path: Path) -> None:
    """Firecrawl, crawl4ai and Apify's crawlers give the page's facts in a `metadata` object beside its text: its
    `<title>` (with the site's name after it, which goes where the Markdown prints the rest as its headline), its
    address and its time. What the record states itself comes first."""
    story = "\n\n".join(PROSE)
    records = [
        {
            "markdown": f"[Home](https://news.example/)\n\n# Night buses for every district\n\n{story}",
            "metadata": {
                "title": "Night buses for every district | City News",
                "sourceURL": "https://news.example/night-buses",
                "publishedTime": "2025-07-05T09:00:00Z",
                "statusCode": 200,
            },
        },
        {
            "url": "https://news.example/airport",
            "text": story,
            "metadata": {"title": "Night buses to the airport", "canonicalUrl": "https://news.example/a", "x": 1},
        },
        # A colon is no site's name before it: "Night buses" is a heading of the story, and the title stays whole.
        {"markdown": f"## Night buses\n\n{story}", "metadata": {"title": "Night buses: what changes"}},
    ]
    export = tmp_path / "crawl.jsonl"
    export.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")

    result = ingest(str(export), "--out", str(tmp_path / "out"))

    assert result.returncode == 0, result.stderr
    found = [(d["title"], d.get("url"), d["published_at"]) for d in read_jsonl(tmp_path / "out" / "documents.jsonl")]
    assert found == [
        ("Night buses for every district", "https://news.example/night-buses", "2025-07-05T09:00:00Z"),
        ("Night buses to the airport", "https://news.example/airport", None),
        ("Night buses: what changes", None, None),
    ]


def test_a_records_markdown_field_is_markdown_however_little_markup_it_holds(tmp_path: Path) -> None:
    """Firecrawl's main content of an article: many paragraphs, one link; read as Markdown because of its field,
    where a plain text field with as few marks keeps its lines as they are."""
    paragraphs = [f"Paragraph {number} of the story, with *some* emphasis." for number in range(12)]
    paragraphs[3] += " See [the report](https://example.com/report)."
    markdown = "\n\n".join(paragraphs)
    records = [{"title": "Story", "markdown": markdown}, {"title": "Story", "text": "Line one.\nLine two [x](/a)."}]
    export = tmp_path / "crawl.jsonl"
    export.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")

    result = ingest(str(export), "--out", str(tmp_path / "out"))

    assert result.returncode == 0, result.stderr
    first, second = read_jsonl(tmp_path / "out" / "documents.jsonl")
    assert "*" not in first["text"]
    assert "See the report." in first["text"]
    assert len(first["paragraphs"]) == 12
    assert second["text"] == "Line one.\n\nLine two [x](/a)."


def test_a_jina_reader_page_gives_its_address_and_date_to_its_main_article(tmp_path: Path) -> None:
    """Jina Reader (r.jina.ai) writes the page's title, address and time above its Markdown: the address and date
    are the main article's (not the related articles'), and each article still points at its line."""
    header = (
        f"Title: {SAMPLE_TITLES[0]} | Daily8\n\nURL Source: https://www.daily8.example/putin-trump\n\n"
        "Published Time: 2025-07-04T09:30:00+08:00\n\nMarkdown Content:\n"
    )
    page = header + _sample_as_markdown()
    (tmp_path / "reader.txt").write_text(page, encoding="utf-8")

    result = ingest(str(tmp_path / "reader.txt"), "--out", str(tmp_path / "out"))

    assert result.returncode == 0, result.stderr
    documents = read_jsonl(tmp_path / "out" / "documents.jsonl")
    assert [d["title"] for d in documents] == SAMPLE_TITLES
    assert [(d["url"], d["published_at"]) for d in documents] == [
        ("https://www.daily8.example/putin-trump", "2025-07-04T09:30:00+08:00"),
        *[(None, d["published_at"]) for d in documents[1:]],
    ]
    data = page.encode("utf-8")
    for document in documents:
        provenance = document["provenance"]
        assert data[provenance["offset"] :].decode("utf-8").removeprefix("# ").startswith(document["title"])
        assert provenance["line"] == data[: provenance["offset"]].count(b"\n") + 1


def test_front_matter_gives_a_posts_title_and_date_and_a_dataset_card_is_no_article(tmp_path: Path) -> None:
    """A static site's post (Hugo, Jekyll) opens with YAML front matter: its title, date and last update are the
    article's. A
    Hugging Face dataset card (a data set's README.md, its YAML header naming configs and features) describes a
    data set: it is quarantined, not read as an article, beside the data set's rows."""
    story = "\n\n".join(f"{paragraph}." for paragraph in _sample_as_markdown().split(". ")[40:52])
    post = (
        f'---\ntitle: "Council extends night buses"\ndate: 2025-07-05\nlastmod: 2025-07-09\ntags: [transport]\n---\n\n'
        f"{story}\n"
    )
    card = (
        "---\nlicense: apache-2.0\nconfigs:\n- config_name: default\n  data_files: data/*.jsonl\n---\n\n"
        "# Daily News Corpus\n\nThis dataset holds news articles scraped from Daily8 between 2024 and 2025, one "
        "article a row, with its title, text and address, deduplicated by address.\n"
    )
    (tmp_path / "post.md").write_text(post, encoding="utf-8")
    (tmp_path / "README.md").write_text(card, encoding="utf-8")

    result = ingest(str(tmp_path), "--out", str(tmp_path / "out"))

    assert result.returncode == 0, result.stderr
    [rejected] = read_jsonl(tmp_path / "out" / "quarantine.jsonl")
    assert (Path(rejected["source"]).name, rejected["reason_code"]) == ("README.md", "dataset_card")
    [document] = read_jsonl(tmp_path / "out" / "documents.jsonl")
    assert (document["title"], document["published_at"], document["updated_at"]) == (
        "Council extends night buses",
        "2025-07-05T00:00:00Z",
        "2025-07-09T00:00:00Z",  # Hugo's `lastmod`
    )
    assert document["provenance"]["line"] > 6  # below the front matter


def test_front_matter_with_a_date_no_calendar_has_keeps_its_title(tmp_path: Path) -> None:
    """YAML reads "2025-13-45" as a timestamp and raises ValueError building it, which lost the file as a fault of
    the builder's: the front matter is now read as written, the post keeps its title, and no date is made up."""
    story = "\n\n".join(f"{paragraph}." for paragraph in _sample_as_markdown().split(". ")[40:52])
    (tmp_path / "post.md").write_text(f"---\ntitle: Night buses\ndate: 2025-13-45\n---\n\n{story}\n", encoding="utf-8")

    result = ingest(str(tmp_path / "post.md"), "--out", str(tmp_path / "out"))

    assert result.returncode == 0, result.stderr
    assert read_jsonl(tmp_path / "out" / "quarantine.jsonl") == []
    [document] = read_jsonl(tmp_path / "out" / "documents.jsonl")
    assert (document["title"], document["published_at"]) == ("Night buses", None)


def test_a_markdown_heading_beats_a_line_of_text_between_it_and_the_story(tmp_path: Path) -> None:
    # A Markdown page marks its headline a heading; a standfirst below it that shares more of the story's words
    # is text. The same page as a browser copies it marks nothing, and the standfirst is taken.
    headline = "After Midnight, the City Keeps Moving"
    standfirst = "Late-night bus service for every district"
    (tmp_path / "page.md").write_text(
        "\n\n".join(["- [Home](https://example.com/)", f"# {headline}", standfirst, "May 5, 2025", *PROSE]) + "\n",
        encoding="utf-8",
    )
    (tmp_path / "page.txt").write_text("\n".join(["Home", headline, standfirst, "May 5, 2025", *PROSE]) + "\n")
    out = tmp_path / "out"
    assert ingest(str(tmp_path), "--out", str(out)).returncode == 0
    titles = {Path(d["provenance"]["path"]).suffix: d["title"] for d in read_jsonl(out / "documents.jsonl")}
    assert titles == {".md": headline, ".txt": standfirst}


def test_markup_nested_far_deeper_than_any_page_is_read_without_crashing() -> None:
    # Block quotes and emphasis nested 50,000 deep: the tree markdown-it-pyrs (tried before pyromark) built of either
    # crashed the process (a segmentation fault) as it was freed, so each is read in a process of its own here, where
    # a crash fails the test.
    script = (
        "from builder.ingest.markdown_text import markdown_text\n"
        "print(repr(markdown_text('> ' * 50_000 + 'deep').text))\n"
        "print(markdown_text('*a ' * 50_000 + 'x' + ' a*' * 50_000).text.split().count('a'))\n"
    )
    finished = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False)
    assert finished.returncode == 0, finished.stderr[-2000:]
    assert finished.stdout.split("\n")[:2] == ["'deep\\n'", "100000"]


def test_bold_the_parser_cannot_close_is_text_without_its_asterisks() -> None:
    # Turndown ends a bold run with its space inside ("**Choose **–"), which CommonMark cannot close; asterisks that
    # the page prints are written escaped, and stay.
    markdown = (
        "Plan – **Choose your stay **– Rent a car\n\nAudience****:** most.\n\n\\*\\*\\* Follow me, `x**y`\n\n"
        # Struck text shows as text; a single tilde is the page's ("about 5 km", an address's "#:~:text=").
        "~~Was $20~~ now $15, ~5 km from https://x.example/a#:~:text=Being~:text=here\n"
    )
    assert [line for line in markdown_text(markdown).text.split("\n") if line] == [
        "Plan – Choose your stay – Rent a car",
        "Audience: most.",
        "*** Follow me, x**y",
        "Was $20 now $15, ~5 km from https://x.example/a#:~:text=Being~:text=here",
    ]


def test_a_code_block_s_lines_are_code_whatever_they_look_like(tmp_path: Path) -> None:
    # Console output in a fenced block shows no mark of code: short lines in lower case, one dated. Marked as code by
    # the Markdown, they are neither joined to the line above nor cost the article its end.
    session = [
        "$ make boot",
        "loading initial program loader",
        "booted on Fri, 8 Feb 2002",
        "ok",
        "memory size: 128 mb",
    ]
    closing = (
        "The next day the machine booted over the serial port too, and the port was merged into the main tree a "
        "week later, after two more rounds of review on the mailing list."
    )
    fenced = "```\n" + "\n".join(session) + "\n```"
    page = "\n\n".join(["[Home](/) [Blog](/blog)", "# Porting the boot loader", *PROSE, fenced, closing])
    source = tmp_path / "page.md"
    source.write_text(page + "\n", encoding="utf-8")
    result = ingest(str(source), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    [document] = read_jsonl(tmp_path / "out" / "documents.jsonl")
    paragraphs = [document["text"][paragraph["start"] : paragraph["end"]] for paragraph in document["paragraphs"]]
    assert document["title"] == "Porting the boot loader"
    assert paragraphs == [*PROSE, *session, closing]
