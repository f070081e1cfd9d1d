"""News feeds: RSS 2.0, RSS 1.0 and Atom items become documents with their title, link, date and the feed's title
as the outlet; a feed that breaks off keeps the items before the break; a feed's XML never expands entities or
reads files it names."""

from __future__ import annotations

import gzip
import html
import io
import json
import random
import re
from pathlib import Path
from typing import Any

import pytest

from builder.ingest import feeds
from builder.ingest.feeds import _RepairedReferences
from builder.ingest.sources import InputFile
from tests.test_ingest import SAMPLE_TITLES, _related_paragraphs, ingest, read_jsonl

TITLE = SAMPLE_TITLES[3]


def _story_html(number: int) -> str:
    return "".join(f"<p>{paragraph}</p>" for paragraph in _related_paragraphs()) + f"<p>Item {number}.</p>"


def _rss(items: int) -> str:
    entries = "".join(
        f"""
    <item>
      <title>{html.escape(html.escape(TITLE))}</title>
      <link>https://www.freemalaysiatoday.com/world/{number}</link>
      <guid isPermaLink="false">fmt-{number}</guid>
      <pubDate>Sat, 05 Jul 2025 10:0{number}:00 +0800</pubDate>
      <dc:creator>Reuters</dc:creator>
      <description>{html.escape(_related_paragraphs()[0])}</description>
      <content:encoded><![CDATA[{_story_html(number)}]]></content:encoded>
    </item>"""
        for number in range(items)
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<?xml-stylesheet type="text/xsl" href="/feed.xsl"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>Free Malaysia Today: World</title>
    <link>https://www.freemalaysiatoday.com</link>
    <description>World news</description>
    <image><title>FMT logo</title><url>https://www.freemalaysiatoday.com/logo.png</url></image>{entries}
  </channel>
</rss>
"""


def _atom() -> str:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="text">Malay Mail</title>
  <link rel="self" href="https://www.malaymail.com/feed.atom"/>
  <entry>
    <title type="html">{html.escape("Trump, Zelensky discuss <em>weapons</em> and escalating Russian strikes")}</title>
    <link rel="alternate" type="text/html" href="https://www.malaymail.com/news/world/2025/07/05/a"/>
    <id>tag:malaymail.com,2025:a</id>
    <published>2025-07-05T10:00:00+08:00</published>
    <updated>2025-07-05T11:00:00+08:00</updated>
    <content type="html">{html.escape(_story_html(0))}</content>
  </entry>
</feed>
"""


def _rss1() -> str:
    return f"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
  xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://example.org/"><title>Example Wire</title><link>https://example.org/</link></channel>
  <item rdf:about="https://example.org/a">
    <title>{TITLE}</title>
    <link>https://example.org/a</link>
    <dc:date>2025-07-05T10:00:00Z</dc:date>
    <description>{html.escape(_story_html(1))}</description>
  </item>
</rdf:RDF>
"""


def test_items_of_rss_and_atom_feeds_are_documents(tmp_path: Path) -> None:
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    (inputs / "world.rss").write_text(_rss(2), encoding="utf-8")
    (inputs / "malaymail.atom").write_text(_atom(), encoding="utf-8")
    # `.xml`, as feeds are often saved: told from the root element.
    (inputs / "wire.xml").write_text(_rss1(), encoding="utf-8")

    result = ingest(str(inputs), "--out", str(out))

    assert result.returncode == 0, result.stderr
    assert read_jsonl(out / "quarantine.jsonl") == []
    found = [
        (
            Path(d["provenance"]["path"]).name,
            d["provenance"]["format"],
            d["provenance"]["record"],
            d["title"],
            d["url"],
            d["source"],
            d["published_at"],
            d["updated_at"],
        )
        for d in read_jsonl(out / "documents.jsonl")
    ]
    assert found == [
        (
            "malaymail.atom",
            "feed",
            "tag:malaymail.com,2025:a",
            "Trump, Zelensky discuss weapons and escalating Russian strikes",
            "https://www.malaymail.com/news/world/2025/07/05/a",
            "Malay Mail",
            "2025-07-05T10:00:00+08:00",
            "2025-07-05T11:00:00+08:00",
        ),
        (
            "wire.xml",
            "feed",
            "https://example.org/a",
            TITLE,
            "https://example.org/a",
            "Example Wire",
            "2025-07-05T10:00:00Z",
            None,
        ),
        *[
            (
                "world.rss",
                "feed",
                f"fmt-{number}",
                TITLE,
                f"https://www.freemalaysiatoday.com/world/{number}",
                "Free Malaysia Today: World",
                f"2025-07-05T10:0{number}:00+08:00",
                None,
            )
            for number in range(2)
        ],
    ]
    for document in read_jsonl(out / "documents.jsonl"):
        assert _related_paragraphs()[2] in document["text"]
        assert "<p>" not in document["text"]


def test_an_atom_entry_with_only_its_update_has_no_publication_date(tmp_path: Path) -> None:
    """Atom requires an entry's `<updated>` and makes `<published>` optional: an entry with the update alone is
    dated by its update, not given it as its publication (its address files it under no day either)."""
    entry = _atom().replace("<published>2025-07-05T10:00:00+08:00</published>", "").replace("/2025/07/05/", "/")
    (tmp_path / "malaymail.atom").write_text(entry, encoding="utf-8")
    assert ingest(str(tmp_path / "malaymail.atom"), "--out", str(tmp_path / "out")).returncode == 0
    [document] = read_jsonl(tmp_path / "out" / "documents.jsonl")
    assert (document["published_at"], document["updated_at"]) == (None, "2025-07-05T11:00:00+08:00")


def test_an_atom_entry_updated_when_it_was_published_has_no_update(tmp_path: Path) -> None:
    """Atom requires `<updated>`, and an entry never changed states its publication time there again (in another
    zone, here): it was written as an update "apart from its publication", which the field says it is not."""
    entry = _atom().replace("2025-07-05T11:00:00+08:00", "2025-07-05T02:00:00Z")
    (tmp_path / "malaymail.atom").write_text(entry, encoding="utf-8")
    assert ingest(str(tmp_path / "malaymail.atom"), "--out", str(tmp_path / "out")).returncode == 0
    [document] = read_jsonl(tmp_path / "out" / "documents.jsonl")
    assert (document["published_at"], document["updated_at"]) == ("2025-07-05T10:00:00+08:00", None)


def test_a_feed_cut_short_keeps_its_items_and_an_item_without_content_is_quarantined(tmp_path: Path) -> None:
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    whole = _rss(3)
    cut = whole[: whole.index("<item>", whole.index("fmt-1")) + 40]
    (inputs / "cut.rss").write_text(cut, encoding="utf-8")
    empty = re.sub(
        r"<description>[^<]*</description>\s*<content:encoded>.*</content:encoded>", "", _rss(1), flags=re.DOTALL
    )
    (inputs / "empty.rss").write_text(empty, encoding="utf-8")

    result = ingest(str(inputs), "--out", str(out))

    assert result.returncode == 0, result.stderr
    records = [
        (Path(d["provenance"]["path"]).name, d["provenance"]["record"]) for d in read_jsonl(out / "documents.jsonl")
    ]
    assert records == [("cut.rss", "fmt-0"), ("cut.rss", "fmt-1")]
    rejected = {Path(item["source"]).name: item for item in read_jsonl(out / "quarantine.jsonl")}
    assert rejected["cut.rss"]["reason_code"] == "broken_feed"
    assert rejected["cut.rss"]["reason"].startswith("the feed's XML is broken after 2 item(s): Premature end of data")
    assert rejected["cut.rss"]["line"] == cut.count("\n") + 1
    assert rejected["empty.rss"]["reason_code"] == "no_text"
    assert rejected["empty.rss"]["record"] == "fmt-0"


def test_a_feed_s_entities_are_not_expanded_nor_its_external_files_read(tmp_path: Path) -> None:
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-TOKEN", encoding="utf-8")
    external = f'<!DOCTYPE rss [<!ENTITY secret SYSTEM "{secret.as_uri()}">]>'
    (inputs / "external.rss").write_text(
        _rss(1).replace("<rss ", f"{external}\n<rss ", 1).replace("<item>\n      <title>", "<item><title>&secret; "),
        encoding="utf-8",
    )
    laughs = "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10))
    bomb = f'<!DOCTYPE rss [<!ENTITY lol0 "lol">{laughs}]>'
    (inputs / "bomb.rss").write_text(
        _rss(1).replace("<rss ", f"{bomb}\n<rss ", 1).replace("<item>\n      <title>", "<item><title>&lol9; "),
        encoding="utf-8",
    )

    result = ingest(str(inputs), "--out", str(out))

    assert result.returncode == 0, result.stderr
    assert read_jsonl(out / "quarantine.jsonl") == []
    titles = {Path(d["provenance"]["path"]).name: d["title"] for d in read_jsonl(out / "documents.jsonl")}
    # Each reference is read as the text a browser shows for a name it does not know: neither the file's content
    # nor a billion "lol"s.
    assert titles == {"external.rss": f"&secret; {TITLE}", "bomb.rss": f"&lol9; {TITLE}"}


def test_plain_text_summaries_are_text_and_a_compressed_feed_cut_short_keeps_its_items(tmp_path: Path) -> None:
    """Many feeds give only a plain-text summary: it is the document's text. A gzipped feed cut short keeps the
    items before the cut (the XML parser reads ahead, so the break is met some items after the last one read)."""
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    summary = " ".join(_related_paragraphs()[:3])
    plain = re.sub(r"<content:encoded>.*?</content:encoded>", "", _rss(1), flags=re.DOTALL)
    plain = re.sub(r"<description>[^<]*</description>(?=\s*</item>)", "", plain)
    plain = plain.replace("</item>", f"<description>{html.escape(summary)}</description></item>")
    (inputs / "plain.rss").write_text(plain, encoding="utf-8")
    # Random words, so that half of the gzip holds many items (a repeated item would compress into a few bytes).
    words = random.Random(5)
    entries = "".join(
        f"<item><title>Story {number}</title><link>https://example.com/{number}</link><description>"
        + " ".join("".join(words.choices("abcdefghij", k=7)) for _ in range(200))
        + ".</description></item>"
        for number in range(60)
    )
    whole = gzip.compress(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>X</title>{entries}</channel></rss>'.encode()
    )
    (inputs / "cut.rss.gz").write_bytes(whole[: len(whole) * 2 // 3])

    result = ingest(str(inputs), "--out", str(out))

    assert result.returncode == 0, result.stderr
    documents = read_jsonl(out / "documents.jsonl")
    (plain_document,) = [d for d in documents if d["provenance"]["path"].endswith("plain.rss")]
    assert " ".join(plain_document["text"].split()) == summary  # cut into paragraphs, as one-line text is
    from_cut = [d for d in documents if d["provenance"]["path"].endswith("cut.rss.gz")]
    assert len(from_cut) >= 20
    (rejected,) = read_jsonl(out / "quarantine.jsonl")
    assert rejected["reason_code"] == "truncated_gzip"
    assert rejected["reason"].endswith(f"after {len(from_cut)} item(s)")


def test_relative_links_resolve_against_the_feed_s_base_and_others_are_quarantined(tmp_path: Path) -> None:
    """Atom makes its links short with `xml:base`: they are resolved against it. A link that is still no web
    address (an RSS item's "/news/a" with no base) is quarantined naming the field, and the item kept without
    it rather than rejected whole for a field."""
    based = _atom().replace(
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://www.malaymail.com/">',
    )
    based = based.replace('href="https://www.malaymail.com/news/world/2025/07/05/a"', 'href="news/world/2025/07/05/a"')
    (tmp_path / "based.atom").write_text(based, encoding="utf-8")
    relative = _rss(1).replace("<link>https://www.freemalaysiatoday.com/world/0</link>", "<link>/world/0</link>")
    (tmp_path / "relative.rss").write_text(relative, encoding="utf-8")
    out = tmp_path / "out"
    assert ingest(str(tmp_path), "--out", str(out)).returncode == 0
    urls = {Path(d["provenance"]["path"]).name: d["url"] for d in read_jsonl(out / "documents.jsonl")}
    assert urls == {"based.atom": "https://www.malaymail.com/news/world/2025/07/05/a", "relative.rss": None}
    quarantine = read_jsonl(out / "quarantine.jsonl")
    assert [(Path(q["source"]).name, q["reason_code"], q["field"], q["snippet"]) for q in quarantine] == [
        ("relative.rss", "invalid_url", "url", "/world/0")
    ]


def test_a_link_that_cannot_be_parsed_is_quarantined_not_fatal(tmp_path: Path) -> None:
    """`urljoin` raises on "//[broken/x" (an unclosed IPv6 host): that used to end the whole run."""
    broken = _atom().replace('href="https://www.malaymail.com/news/world/2025/07/05/a"', 'href="//[broken/x"')
    (tmp_path / "broken.atom").write_text(broken, encoding="utf-8")
    out = tmp_path / "out"
    result = ingest(str(tmp_path / "broken.atom"), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert [d["url"] for d in read_jsonl(out / "documents.jsonl")] == [None]
    assert [q["reason_code"] for q in read_jsonl(out / "quarantine.jsonl")] == ["invalid_url"]


def test_a_feed_the_parser_gives_no_line_for_is_quarantined_without_one(tmp_path: Path) -> None:
    """An undeclared entity is reported by the parser as "no element found" at line 0; the quarantine's lines start
    at 1, so that 0 used to stop the whole run when the quarantine was written. The parser's log names the entity
    and its line. (Only in UTF-16 or UTF-32 does an undeclared entity still reach the parser: in an ASCII-based
    encoding it is read as text, see the test below.)"""
    items = _rss(3).replace('encoding="UTF-8"', 'encoding="UTF-16"').split("<item>")
    items[2] = items[2].replace(f"<title>{html.escape(html.escape(TITLE))}</title>", "<title>A&bogus;B</title>")
    entity = "<item>".join(items)
    (tmp_path / "entity.rss").write_bytes(entity.encode("utf-16"))
    # A download that failed leaves an empty file: the parser gives no line for that either.
    (tmp_path / "empty.rss").write_bytes(b"")
    out = tmp_path / "out"
    result = ingest(str(tmp_path), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert [d["provenance"]["record"] for d in read_jsonl(out / "documents.jsonl")] == ["fmt-0"]
    rejected = {Path(q["source"]).name: q for q in read_jsonl(out / "quarantine.jsonl")}
    assert rejected["entity.rss"]["reason_code"] == "broken_feed"
    assert rejected["entity.rss"]["reason"] == "the feed's XML is broken after 1 item(s): Entity 'bogus' not defined"
    assert rejected["entity.rss"]["line"] == entity[: entity.index("A&bogus;B")].count("\n") + 1
    assert (rejected["empty.rss"]["reason_code"], rejected["empty.rss"]["line"]) == ("empty", None)


def _every_item_read(folder: Path, records: list[str]) -> list[dict[str, Any]]:
    """The documents of a run over the folder, which must read every item (`records`, in order) and reject
    nothing."""
    out = folder / "out"
    result = ingest(str(folder), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert read_jsonl(out / "quarantine.jsonl") == []
    documents = read_jsonl(out / "documents.jsonl")
    assert [d["provenance"]["record"] for d in documents] == records
    return documents


def test_html_s_named_entities_in_a_feed_are_read_as_their_characters(tmp_path: Path) -> None:
    """`&nbsp;`, `&eacute;` and their like are HTML's, not XML's, but feeds written by hand or by templates use
    them: each ended the feed at its item, and every later item was lost. They are read as the characters they
    name, wherever the stream's pieces cut them."""
    items = _rss(3).split("<item>")
    items[1] = items[1].replace(
        f"<title>{html.escape(html.escape(TITLE))}</title>", "<title>Caf&eacute;&nbsp;news</title>"
    )
    # Long enough that the parser reads it in several pieces, one of which may end inside a reference.
    padding = "".join(f"<category>tag&nbsp;{number}&mdash;x</category>" for number in range(5000))
    items[2] = items[2].replace("</title>", "</title>" + padding, 1)
    (tmp_path / "entities.rss").write_text("<item>".join(items), encoding="utf-8")
    documents = _every_item_read(tmp_path, ["fmt-0", "fmt-1", "fmt-2"])
    assert documents[0]["title"] == "Café news"  # titles' white space, a no-break space too, is one space


def test_ampersands_xml_refuses_are_read_as_the_text_a_browser_shows(tmp_path: Path) -> None:
    """A bare ampersand ("AT&T", a link's "?a=1&b=2"), a name neither XML nor HTML knows and a number that is no
    character each ended the feed at its item, and every later item was lost: they are read as text, as a browser
    shows them, as are Windows-1252's numbers for its curly quotes and dashes ("&#146;"), control characters in
    XML. Inside a CDATA section an ampersand is text already and is left as it is."""
    items = _rss(3).split("<item>")
    items[1] = items[1].replace(
        f"<title>{html.escape(html.escape(TITLE))}</title>",
        "<title>AT&T & Verizon &bogus; &#0; &#x1F600; deal&#146;s end &#150; &#x81;</title>",
    )
    items[1] = items[1].replace(
        "<link>https://www.freemalaysiatoday.com/world/0</link>",
        "<link><![CDATA[https://www.freemalaysiatoday.com/world/?a=1&b=2]]></link>",
    )
    items[2] = items[2].replace(
        "<link>https://www.freemalaysiatoday.com/world/1</link>",
        "<link>https://www.freemalaysiatoday.com/world/?a=1&b=2</link>",
    )
    (tmp_path / "ampersands.rss").write_text("<item>".join(items), encoding="utf-8")
    documents = _every_item_read(tmp_path, ["fmt-0", "fmt-1", "fmt-2"])
    # Titles are read as HTML too (many feeds escape them twice), so the number that is no character is HTML's.
    # Windows-1252's numbers for a curly quote and a dash are those characters, as in a browser; 0x81 is none, but
    # the C1 control U+0081, which no reader sees and is left out as a control character.
    assert documents[0]["title"] == (
        "AT&T & Verizon &bogus; \N{REPLACEMENT CHARACTER} \N{GRINNING FACE} deal\N{RIGHT SINGLE QUOTATION MARK}s"
        " end \N{EN DASH}"
    )
    assert [d["url"] for d in documents[:2]] == ["https://www.freemalaysiatoday.com/world/?a=1&b=2"] * 2


def test_html_s_names_without_their_semicolon_are_read_as_a_browser_reads_them(tmp_path: Path) -> None:
    """HTML reads its Latin-1 names and XML's without their semicolon ("&copy 2024", "&amp the"), as feeds written
    by hand have them: each was read as text, "&copy 2024", where nothing read the text as HTML again (the feed's
    title, an Atom text construct). Where a browser would not read one, in a link's query ("?id=1&copy=2") or a
    longer word ("&copyright", "&region=us"), it is still text."""
    text = f"{_related_paragraphs()[0]} It costs &pound 3 million &amp starts in May&nbsp&copy 2024."
    (tmp_path / "unended.rss").write_text(
        f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Daily News &copy 2024</title><link>https://example.com/</link>
<item><title>Fish &amp chips</title><link>https://example.com/a?id=1&copy=2&region=us</link><guid>rss-1</guid>
<description>{text}</description></item>
</channel></rss>
""",
        encoding="utf-8",
    )
    (tmp_path / "unended.atom").write_text(
        f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Caf&eacute Gazette &copyright</title><id>urn:feed</id>
<entry><title>Fish &amp chips</title><id>atom-1</id><link href="https://example.com/b?id=1&copy=2"/>
<summary>{text}</summary></entry>
</feed>
""",
        encoding="utf-8",
    )

    documents = _every_item_read(tmp_path, ["atom-1", "rss-1"])

    assert [(d["source"], d["title"], d["url"]) for d in documents] == [
        ("Café Gazette &copyright", "Fish & chips", "https://example.com/b?id=1&copy=2"),
        ("Daily News © 2024", "Fish & chips", "https://example.com/a?id=1&copy=2&region=us"),
    ]
    # "&nbsp" is a no-break space, which the text gives as the space a reader sees (`characters.visible`).
    assert all(d["text"].endswith("It costs £ 3 million & starts in May © 2024.") for d in documents)


@pytest.mark.parametrize("piece", [1, 2, 3, 5, 8, 13, 34])
def test_references_are_repaired_alike_wherever_the_stream_s_pieces_cut_them(piece: int) -> None:
    """The parser reads the feed in pieces: a reference, a CDATA marker or its end cut by a piece's end is
    repaired as it is when whole."""
    feed = (
        b"<r>AT&T &nbsp; &amp; &bogus; &#0; &#160; &#x20; <![CDATA[&b&nbsp;]]> ]] ]> <![CDATA[ ] ]] ]]]> &eacute;&"
        b" &copy 2024 &amp<![CDATA[&copy ]]>&copyright ?a=&copy=2 &nbsp</r>"
    )
    whole, cut = _RepairedReferences(io.BytesIO(feed)), _RepairedReferences(io.BytesIO(feed))
    assert (
        b"".join(iter(lambda: cut.read(piece), b""))
        == b"".join(iter(whole.read, b""))
        == (
            b"<r>AT&amp;T &#160; &amp; &amp;bogus; &amp;#0; &#160; &#x20; "
            b"<![CDATA[&b&nbsp;]]> ]] ]> <![CDATA[ ] ]] ]]]> &#233;&amp;"
            b" &#169; 2024 &#38;<![CDATA[&copy ]]>&amp;copyright ?a=&amp;copy=2 &#160;</r>"
        )
    )


def test_a_feed_whose_root_is_not_a_feed_s_is_quarantined_not_fatal(tmp_path: Path) -> None:
    """A title as the root element has no parent, which the outlet's look-up took for granted."""
    (tmp_path / "title.rss").write_text("<title>just a title</title>", encoding="utf-8")
    (tmp_path / "title.atom").write_text('<title xmlns="http://www.w3.org/2005/Atom">t</title>', encoding="utf-8")
    (tmp_path / "good.rss").write_text(_rss(1), encoding="utf-8")
    out = tmp_path / "out"
    result = ingest(str(tmp_path), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert [d["provenance"]["record"] for d in read_jsonl(out / "documents.jsonl")] == ["fmt-0"]
    assert [(Path(q["source"]).name, q["reason_code"], q["reason"]) for q in read_jsonl(out / "quarantine.jsonl")] == [
        ("title.atom", "no_items_in_feed", "no RSS item or Atom entry in the file, whose root element is <title>"),
        ("title.rss", "no_items_in_feed", "no RSS item or Atom entry in the file, whose root element is <title>"),
    ]


def test_a_feed_without_items_is_quarantined(tmp_path: Path) -> None:
    """A feed with a channel but no item gave nothing at all, and nothing said why."""
    empty = re.sub(r"<item>.*</item>", "", _rss(1), flags=re.DOTALL)
    (tmp_path / "noitems.rss").write_text(empty, encoding="utf-8")
    out = tmp_path / "out"
    ingest(str(tmp_path), "--out", str(out))
    assert read_jsonl(out / "documents.jsonl") == []
    assert [(q["reason_code"], q["reason"], q["line"]) for q in read_jsonl(out / "quarantine.jsonl")] == [
        ("no_items_in_feed", "the feed holds no RSS item or Atom entry", None)
    ]


def test_an_item_s_whole_content_is_read_past_entities_comments_and_elements(tmp_path: Path) -> None:
    """An element's `.text` stops at its first child, and an entity reference left unexpanded, a comment and an
    element written in the feed unescaped (`<description><p>...</p></description>`) are children: the text
    used to stop there (a five-paragraph story read as its first words, or as no content at all)."""
    paragraphs = _related_paragraphs()[:6]
    dtd = '<!ENTITY co "ACME Corporation">'
    item_content = r"<description>[^<]*</description>\s*<content:encoded>.*</content:encoded>"
    summary_only = re.sub(item_content, "<description>SUMMARY</description>", _rss(1), flags=re.DOTALL)
    summary_only = summary_only.replace("<rss ", f"<!DOCTYPE rss [{dtd}]>\n<rss ", 1)
    unescaped = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs).replace("</p>", "</p><p>&co; agreed.</p>", 1)
    inline = summary_only.replace("SUMMARY", unescaped)
    (tmp_path / "inline.rss").write_text(inline.replace(html.escape(html.escape(TITLE)), f"&co; {TITLE}"))
    escaped = html.escape("".join(f"<p>{p}</p>" for p in paragraphs))
    cut = escaped.index("&lt;/p&gt;", len(escaped) // 2)
    (tmp_path / "comment.rss").write_text(summary_only.replace("SUMMARY", f"{escaped[:cut]}<!-- ad -->{escaped[cut:]}"))
    atom = _atom().replace("<feed xmlns=", f"<!DOCTYPE feed [{dtd}]>\n<feed xmlns=", 1)
    (tmp_path / "entity.atom").write_text(atom.replace("&lt;/p&gt;&lt;p&gt;", "&lt;/p&gt;&co;&lt;p&gt;", 1))
    out = tmp_path / "out"

    result = ingest(str(tmp_path), "--out", str(out))

    assert result.returncode == 0, result.stderr
    assert read_jsonl(out / "quarantine.jsonl") == []
    documents = {Path(d["provenance"]["path"]).name: d for d in read_jsonl(out / "documents.jsonl")}
    assert sorted(documents) == ["comment.rss", "entity.atom", "inline.rss"]
    for name, document in documents.items():
        text = " ".join(document["text"].split())
        assert all(paragraph in text for paragraph in paragraphs), name
    assert documents["inline.rss"]["title"] == f"&co; {TITLE}"  # an entity the feed declares is left unexpanded


def test_a_feed_s_encoding_is_decided_as_a_page_s(tmp_path: Path) -> None:
    """Valid UTF-8 is read as UTF-8 whatever the XML declaration says (a feed declared ISO-8859-1 but written in
    UTF-8 came out as "CafÃ©"), and a few bytes that are not UTF-8 read as U+FFFD (one Windows-1252 quote used to
    end the feed there, losing every later item), as docs/ingest.md's "Encodings" says of pages. A feed really in
    ISO-8859-1, and declared so, is still read as its declaration says."""
    words = "Café résumé naïve — “quoted”"
    feed = _rss(3).replace(f"<title>{html.escape(html.escape(TITLE))}</title>", f"<title>{words}</title>")
    latin1_declared = feed.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"')
    (tmp_path / "declared_latin1.rss").write_bytes(latin1_declared.encode("utf-8"))
    items = feed.encode("utf-8").split(b"<item>")
    items[2] = items[2].replace(words.encode("utf-8"), "“Item” 1".encode("cp1252"))
    (tmp_path / "stray_cp1252.rss").write_bytes(b"<item>".join(items))
    (tmp_path / "latin1.rss").write_bytes(latin1_declared.replace(words, "Café résumé naïve").encode("latin-1"))
    out = tmp_path / "out"

    result = ingest(str(tmp_path), "--out", str(out))

    assert result.returncode == 0, result.stderr
    assert read_jsonl(out / "quarantine.jsonl") == []
    titles = [(Path(d["provenance"]["path"]).name, d["title"]) for d in read_jsonl(out / "documents.jsonl")]
    assert titles == [
        *[("declared_latin1.rss", words)] * 3,
        *[("latin1.rss", "Café résumé naïve")] * 3,
        ("stray_cp1252.rss", words),
        ("stray_cp1252.rss", "\ufffdItem\ufffd 1"),
        ("stray_cp1252.rss", words),
    ]


def test_a_feed_in_a_legacy_charset_it_does_not_declare_is_read_in_the_charset_detected(tmp_path: Path) -> None:
    """XML's default charset is UTF-8: a Windows-1252 feed in French that declares none, or a Windows-1251 feed in
    Russian that declares UTF-8 by mistake, ended at its first accented letter, and every item was lost. When the
    bytes are not UTF-8 and no other charset is declared, the charset is detected, as a page's is."""
    french = "Le conseil municipal a voté mardi la prolongation du service d’autobus de nuit à tous les quartiers"
    russian = "Городской совет во вторник проголосовал за продление ночного автобусного маршрута во все районы"
    for name, words, encoding in (("french.rss", french, "cp1252"), ("russian.rss", russian, "cp1251")):
        feed = _rss(3).replace(f"<title>{html.escape(html.escape(TITLE))}</title>", f"<title>{words}</title>")
        feed = feed.replace("<description>", f"<description>{words}. {words}. ")
        if name == "french.rss":
            feed = feed.replace(' encoding="UTF-8"', "")
            # Its accents only after the first 400 KB, all ASCII: what tells the charset is further on.
            padding = "".join(f"<category>tag {number}</category>" for number in range(15_000))
            feed = feed.replace("<channel>", f"<channel>{padding}", 1)
        (tmp_path / name).write_bytes(feed.encode(encoding))
    out = tmp_path / "out"

    result = ingest(str(tmp_path), "--out", str(out))

    assert result.returncode == 0, result.stderr
    assert read_jsonl(out / "quarantine.jsonl") == []
    titles = [(Path(d["provenance"]["path"]).name, d["title"]) for d in read_jsonl(out / "documents.jsonl")]
    assert titles == [*[("french.rss", french)] * 3, *[("russian.rss", russian)] * 3]


@pytest.mark.parametrize("piece", [1, 2, 3, 5, 34])
def test_a_cdata_marker_in_a_comment_does_not_stop_the_repairs_after_it(piece: int) -> None:
    """A comment is no CDATA section: a "<![CDATA[" in one (an item commented out) was taken for a section's start,
    and every ampersand after it was left for the parser to refuse, losing the items after it."""
    feed = b"<r><!-- <![CDATA[ old & -- --><i>Q&A &nbsp;</i><!--x--->R&D</r>"
    stream = _RepairedReferences(io.BytesIO(feed))
    assert b"".join(iter(lambda: stream.read(piece), b"")) == (
        b"<r><!-- <![CDATA[ old & -- --><i>Q&amp;A &#160;</i><!--x--->R&amp;D</r>"
    )


def test_what_stands_beside_a_feed_s_items_is_freed_as_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Elements beside the items (the feed's title, or any number of unknown ones) were kept in the tree to the
    feed's end: 100 MB of `<a/>` in a channel, 97 KB gzipped, took 3 GB. Each is freed once read, the outlet taken
    from the feed's title first: the channel holds no more than the parser reads ahead of the events it gives (a
    64 KB piece of the file: 16,384 `<a/>`), not the feed's 100,000."""
    path = tmp_path / "junk.rss"
    path.write_text(_rss(2).replace("</channel>", "<a/>" * 100_000 + "</channel>"), encoding="utf-8")
    held: list[int] = []
    drop = feeds._drop

    def counted(element: Any) -> None:
        held.append(len(element.getparent()))
        drop(element)

    monkeypatch.setattr(feeds, "_drop", counted)
    pages = list(feeds.feed_pages(InputFile(path, str(path)), "digest"))
    assert [page.fields["source"] for page in pages] == ["Free Malaysia Today: World"] * 2  # type: ignore[union-attr]
    assert len(held) > 100_000
    assert max(held) <= (feeds.READ_CHUNK_BYTES // len("<a/>")) + 2


def test_a_plain_text_summary_s_html_references_are_read_but_not_an_atom_text_s(tmp_path: Path) -> None:
    """RSS descriptions are HTML, so a plain-text summary comes escaped: "Tom &amp; Jerry" in CDATA, or
    "Tom &amp;amp; Jerry" without, was kept as "Tom &amp; Jerry". An Atom summary of type "text" (the default) is
    text as it stands, references and all."""
    summary = " ".join(_related_paragraphs()[:3])
    with_ampersand = summary.replace(" and ", " & ", 1)
    assert with_ampersand != summary
    escaped = with_ampersand.replace("&", "&amp;")
    rss = _rss(2).replace(f"<description>{html.escape(_related_paragraphs()[0])}</description>", "")
    rss = re.sub(r"<content:encoded>.*?</content:encoded>", "", rss, flags=re.DOTALL)
    items = rss.split("</item>")
    items[0] += f"<description><![CDATA[{escaped}]]></description>"
    items[1] += f"<description>{html.escape(escaped)}</description>"
    (tmp_path / "plain.rss").write_text("</item>".join(items), encoding="utf-8")
    atom = _atom().replace("<content", "<summary").replace("</content>", "</summary>")
    atom = re.sub(r"<summary[^>]*>.*?</summary>", f"<summary>{html.escape(escaped)}</summary>", atom, flags=re.DOTALL)
    (tmp_path / "plain.atom").write_text(atom, encoding="utf-8")
    out = tmp_path / "out"

    result = ingest(str(tmp_path), "--out", str(out))

    assert result.returncode == 0, result.stderr
    assert read_jsonl(out / "quarantine.jsonl") == []
    texts = [
        (Path(d["provenance"]["path"]).name, " ".join(d["text"].split())) for d in read_jsonl(out / "documents.jsonl")
    ]
    assert texts == [("plain.atom", escaped), ("plain.rss", with_ampersand), ("plain.rss", with_ampersand)]


def test_an_item_whose_content_is_one_html_paragraph_is_a_document(tmp_path: Path) -> None:
    """trafilatura takes a fragment of fewer than two elements without an <html> tag for no HTML at all: an item
    whose whole content was one paragraph ("<p>…</p>", as summary feeds give) was quarantined as `no_article`,
    however long the paragraph."""
    summary = " ".join(_related_paragraphs()[:2])
    rss = re.sub(r"<content:encoded>.*?</content:encoded>", "", _rss(2), flags=re.DOTALL)
    rss = rss.replace(f"<description>{html.escape(_related_paragraphs()[0])}</description>", "")
    items = rss.split("</item>")
    items[0] += f"<description>{html.escape(f'<p>{summary}</p>')}</description>"
    items[1] += f"<description><![CDATA[<div><p>{summary}</p></div>]]></description>"
    (tmp_path / "summaries.rss").write_text("</item>".join(items), encoding="utf-8")

    documents = _every_item_read(tmp_path, ["fmt-0", "fmt-1"])

    assert [" ".join(d["text"].split()) for d in documents] == [summary, summary]


def test_an_aggregators_items_of_links_and_titles_are_no_articles(tmp_path: Path) -> None:
    """Google News gives each item as its headline linked to the article, or a list of related headlines, each
    with its outlet's name, and a feed may repeat an item's title as its description: extracted, each was a
    document of headlines. Each is quarantined saying why; a real item beside them is read, its outlet the
    item's own <source>, not the aggregator's title, and its title without that outlet's name after it."""
    link = "https://news.google.com/rss/articles/CBMi{}?oc=5"
    one = f'<a href="{link.format("A")}">{SAMPLE_TITLES[0]}</a>&nbsp;&nbsp;<font color="#6f6f6f">Reuters</font>'
    listed = (
        "<ol>"
        + "".join(
            f'<li><a href="{link.format(number)}">{title}</a>&nbsp;&nbsp;<font color="#6f6f6f">{outlet}</font></li>'
            for number, (title, outlet) in enumerate(zip(SAMPLE_TITLES[1:3], ["AP News", "The Guardian"], strict=True))
        )
        + "</ol>"
    )
    story = "".join(f"<p>{paragraph}</p>" for paragraph in _related_paragraphs())
    items = [
        (f"{SAMPLE_TITLES[0]} - Reuters", one, "Reuters"),
        (f"{SAMPLE_TITLES[1]} - AP News", listed, "AP News"),
        (TITLE, TITLE, None),
        (f"{TITLE} - Reuters", f"{TITLE} Reuters", "Reuters"),
        (f"{TITLE} - Free Malaysia Today", story, "Free Malaysia Today"),
    ]
    feed = (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Top stories - Google News</title>'
        + "".join(
            f"<item><title>{html.escape(title)}</title><link>{link.format(number)}</link>"
            f"<description>{html.escape(description)}</description>"
            + (f'<source url="https://example.com">{outlet}</source>' if outlet else "")
            + "</item>\n"
            for number, (title, description, outlet) in enumerate(items)
        )
        + "</channel></rss>"
    )
    (tmp_path / "news.rss").write_text(feed, encoding="utf-8")
    out = tmp_path / "out"

    result = ingest(str(tmp_path / "news.rss"), "--out", str(out))

    assert result.returncode == 0, result.stderr
    rejected = [(item["reason_code"], item["line"]) for item in read_jsonl(out / "quarantine.jsonl")]
    assert rejected == [("links_only", 1), ("links_only", 2), ("no_article", 3), ("no_article", 4)]
    reasons = [item["reason"] for item in read_jsonl(out / "quarantine.jsonl")]
    assert "(2 links, 4 words beside them)" in reasons[1]
    assert "only restates its title" in reasons[2]
    [document] = read_jsonl(out / "documents.jsonl")
    assert (document["title"], document["source"]) == (TITLE, "Free Malaysia Today")


def test_a_wordpress_feed_s_excerpts_are_cut_text_and_its_footer_no_text(tmp_path: Path) -> None:
    """WordPress: a feed of excerpts ends each at 55 words with "[…]" (no article to annotate, quarantined as
    `cut_text`, as is a summary that ends with a link to read on), and Yoast SEO adds "The post <title> appeared
    first on <site>." to every item, in the site's language: no text of the article. A last paragraph that names
    the title and the site among more words is text."""
    paragraphs = _related_paragraphs()
    excerpt = " ".join(" ".join(paragraphs).split()[:55]) + " [&#8230;]"
    footers = {
        "en": f'The post <a href="https://citydesk.example/en">{TITLE}</a> appeared first on'
        ' <a href="https://citydesk.example">City Desk</a>.',
        "de": f'Der Beitrag <a href="https://citydesk.example/de">{TITLE}</a> erschien zuerst auf'
        ' <a href="https://citydesk.example">City Desk</a>.',
        "long": f"{TITLE}, City Desk reported on Tuesday, is the third such decision by the council this year,"
        " after two earlier votes on the same routes.",
    }
    summary = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs[:2])
    items = [
        ("excerpt", f"<description><![CDATA[{excerpt}]]></description>"),
        # The Guardian's summary: its first paragraphs and a link to the article.
        (
            "summary",
            f'<description><![CDATA[{summary} <a href="https://citydesk.example/s">Continue reading...</a>]]>'
            "</description>",
        ),
        *[
            (
                name,
                "<content:encoded><![CDATA["
                + "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
                + f"<p>{footer}</p>]]></content:encoded>",
            )
            for name, footer in footers.items()
        ],
    ]
    feed = (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"'
        ' xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>City Desk</title>'
        + "".join(
            f"<item><title>{TITLE}</title><link>https://citydesk.example/{name}</link><guid>{name}</guid>{body}</item>\n"
            for name, body in items
        )
        + "</channel></rss>"
    )
    (tmp_path / "wordpress.rss").write_text(feed, encoding="utf-8")
    out = tmp_path / "out"

    result = ingest(str(tmp_path / "wordpress.rss"), "--out", str(out))

    assert result.returncode == 0, result.stderr
    quarantined = read_jsonl(out / "quarantine.jsonl")
    assert [(item["reason_code"], item["record"]) for item in quarantined] == [
        ("cut_text", "excerpt"),
        ("cut_text", "summary"),
    ]
    assert '"Continue reading..."' in quarantined[1]["reason"]
    documents = {d["provenance"]["record"]: d for d in read_jsonl(out / "documents.jsonl")}
    assert set(documents) == {"en", "de", "long"}
    assert documents["en"]["text"].endswith(paragraphs[-1])
    assert documents["de"]["text"] == documents["en"]["text"]
    assert documents["long"]["text"].endswith(footers["long"])


def test_a_feed_item_and_a_record_stating_one_title_over_the_same_text_are_exact_duplicates(tmp_path: Path) -> None:
    """Exact duplicates were told by the title the extractor read, not by the one written: a feed item and a
    scraper record of one story, each stating its title, came out as the same title and text but counted as near
    duplicates, as their bodies gave the extractor different titles."""
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    (inputs / "world.rss").write_text(_rss(1), encoding="utf-8")
    text = "\n\n".join([*_related_paragraphs(), "Item 0."])
    (inputs / "export.jsonl").write_text(json.dumps({"title": TITLE, "text": text}) + "\n", encoding="utf-8")

    assert ingest(str(inputs), "--out", str(out)).returncode == 0

    first, second = read_jsonl(out / "documents.jsonl")
    assert (first["title"], first["text"]) == (second["title"], second["text"])
    assert second["duplicate_of"] == first["doc_id"]
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert (report["stages"]["dedup"]["exact"], report["stages"]["dedup"].get("near", 0)) == (1, 0)


def test_a_feed_item_s_html_is_its_article_whole_and_its_own_date_wins(tmp_path: Path) -> None:
    """A feed item's HTML went through trafilatura's search for an article, which dropped a paragraph the article
    repeats (its "Overview" subheadings, a refrain) and took the date printed atop the body over the item's
    pubDate, losing its time. The item's HTML is the article: read whole, dated by the feed."""
    paragraphs = _related_paragraphs()
    body = "".join(f"<h2>Overview</h2><p>{paragraph}</p>" for paragraph in paragraphs[:4])
    feed = _rss(1).replace(_story_html(0), f"<p>July 5, 2025</p>{body}")
    (tmp_path / "world.rss").write_text(feed, encoding="utf-8")

    assert ingest(str(tmp_path / "world.rss"), "--out", str(tmp_path / "out")).returncode == 0

    [document] = read_jsonl(tmp_path / "out" / "documents.jsonl")
    texts = [document["text"][paragraph["start"] : paragraph["end"]] for paragraph in document["paragraphs"]]
    assert texts == [text for paragraph in paragraphs[:4] for text in ("Overview", paragraph)]
    assert (document["published_at"], document["published_text"]) == (
        "2025-07-05T10:00:00+08:00",
        "Sat, 05 Jul 2025 10:00:00 +0800",
    )


def test_feed_items_point_at_their_bytes_in_the_file(tmp_path: Path) -> None:
    """Each item's provenance offset is where its start tag lies in the file (decompressed, for a gzipped feed), as
    a JSON Lines record's is where its line starts: it was 0 for every item. Told from the bytes as stored, before
    the ampersands the stream repairs change their length; an `<item` in a CDATA section or a comment is text, and
    RSS 1.0's `<items>` list no item."""
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
        ' xmlns="http://purl.org/rss/1.0/">\n',
        '<channel rdf:about="https://example.org/"><title>AT&T &eacute;dition</title>'
        "<link>https://example.org/</link>\n",
        '<items><rdf:Seq><rdf:li rdf:resource="https://example.org/0"/></rdf:Seq></items></channel>\n',
        '<!-- <item rdf:about="https://example.org/commented"> -->\n',
    ]
    starts = []
    for number in range(3):
        starts.append(len("".join(parts).encode()))
        parts.append(
            f'<item rdf:about="https://example.org/{number}">\n<title>{TITLE} {number}</title>'
            f"<link>https://example.org/{number}</link><description><![CDATA[<p>An &nbsp;<item> in its text,"
            f" Caf\u00e9 &eacute;</p>{_story_html(number)}]]></description></item>\n"
        )
    feed = "".join(parts) + "</rdf:RDF>\n"
    (tmp_path / "wire.rdf.rss").write_text(feed, encoding="utf-8")
    (tmp_path / "wire.rss.gz").write_bytes(gzip.compress(feed.encode()))
    out = tmp_path / "out"

    result = ingest(str(tmp_path / "wire.rdf.rss"), str(tmp_path / "wire.rss.gz"), "--out", str(out))

    assert result.returncode == 0, result.stderr
    assert read_jsonl(out / "quarantine.jsonl") == []
    offsets: dict[str, list[int]] = {}
    for document in read_jsonl(out / "documents.jsonl"):
        offsets.setdefault(Path(document["provenance"]["path"]).name, []).append(document["provenance"]["offset"])
    assert offsets == {"wire.rdf.rss": starts, "wire.rss.gz": starts}


def test_an_item_whose_start_tag_spans_lines_points_at_its_bytes(tmp_path: Path) -> None:
    """A start tag written over several lines (`<item` and each attribute on a line of its own) is the parser's on
    the line it ends on: such items had offset 0. One start tag straddles the end of the first 64 KB chunk the feed
    is read in, its `<` in the one and its `>` in the next (a comment before it puts it there)."""
    chunk = 1 << 16
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Wire</title>\n']
    starts = []
    for number in range(60):
        size = len("".join(parts).encode())
        straddles = size < chunk < size + 3000
        if straddles:
            # Its `<` 100 bytes before the chunk's end, further than a tag's name is read back from there.
            parts.append(f"<!-- {'x' * (chunk - size - 110)} -->\n")
        starts.append(len("".join(parts).encode()))
        attributes = "".join(
            f'\n    data-{name}="{number * 7 + name}"' for name in range(12 if straddles else number % 5)
        )
        parts.append(
            f"<item{attributes}\n  >\n<title>{TITLE} {number}</title><link>https://example.org/{number}</link>"
            f"<description>{html.escape(_story_html(number))}</description></item>\n"
        )
    feed = "".join(parts) + "</channel></rss>\n"
    assert any(start < chunk < feed.encode().index(b">", start) for start in starts)
    (tmp_path / "wire.rss").write_text(feed, encoding="utf-8")
    out = tmp_path / "out"

    result = ingest(str(tmp_path / "wire.rss"), "--out", str(out))

    assert result.returncode == 0, result.stderr
    assert read_jsonl(out / "quarantine.jsonl") == []
    assert [document["provenance"]["offset"] for document in read_jsonl(out / "documents.jsonl")] == starts
