"""Pages as a browser saves them. As one file (MHTML: Chrome's and Edge's "Webpage, Single File"; Safari's web
archive), read as the HTML they archive, with the address they were saved from; archives without a readable page
are quarantined. As
"Web Page, complete" (`Story.html` and its `Story_files/` folder), the page is read and its assets are not."""

from __future__ import annotations

import gzip
import plistlib
from email.message import EmailMessage
from email.policy import default as default_policy
from pathlib import Path

from tests.test_ingest import SAMPLE_TITLES, _article_html, _related_paragraphs, ingest, read_jsonl

URL = "https://www.freemalaysiatoday.com/category/world/2025/07/05/trump-zelensky-discuss-weapons"
TITLE = SAMPLE_TITLES[3]
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000")


def _archive(parts: list[tuple[str, str, str]], transfer_encoding: str = "quoted-printable") -> bytes:
    """An MHTML archive as Chrome saves one, written by the standard library's MIME writer: Chrome's headers,
    then a part per `(content type, address, content)` (an HTML page or frame, a style sheet), then an image."""
    archive = EmailMessage(policy=default_policy)
    archive["From"] = "<Saved by Blink>"
    archive["Snapshot-Content-Location"] = URL
    archive["Subject"] = TITLE
    archive["Date"] = "Sat, 5 Jul 2025 10:00:00 -0000"
    archive.make_related()
    archive.set_param("type", "text/html")
    for content_type, location, content in parts:
        subtype = content_type.split("/")[1]
        headers = [f"Content-Location: {location}"]
        archive.add_related(content, subtype=subtype, cte=transfer_encoding, headers=headers)
    archive.add_related(PNG, maintype="image", subtype="png", cte="base64", headers=["Content-Location: logo.png"])
    return archive.as_bytes(policy=default_policy.clone(linesep="\r\n"))


def _page_html() -> str:
    # Long lines and "=" in attributes, which quoted-printable breaks and escapes ("=3D", "=\r\n").
    return _article_html(TITLE, _related_paragraphs()).decode().replace("<p>", "<p class='story-text'>")


def test_a_page_saved_as_one_file_is_read_as_the_html_it_archives(tmp_path: Path) -> None:
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    advert = "<html><body><p>Win a free cruise to the Bahamas today, click here now to claim it.</p></body></html>"
    parts = [
        # A frame before the page itself: the root is the part saved from the page's own address.
        ("text/html", "https://ads.example.net/frame", advert),
        ("text/html", URL, _page_html()),
        ("text/css", "cid:css-1@mhtml.blink", "p.story-text { margin: 0 }"),
    ]
    chrome = _archive(parts)
    assert b"=3D" in chrome  # the HTML really is quoted-printable in the file
    (inputs / "saved.mhtml").write_bytes(chrome)
    # Base64 (as other writers encode it), gzipped, and named .html; and the same archive without a name to go by.
    (inputs / "renamed.html.gz").write_bytes(gzip.compress(_archive(parts[1:], transfer_encoding="base64")))
    (inputs / "unnamed").write_bytes(_archive(parts[1:2]))

    result = ingest(str(inputs), "--out", str(out))

    assert result.returncode == 0, result.stderr
    documents = read_jsonl(out / "documents.jsonl")
    assert [Path(d["provenance"]["path"]).name for d in documents] == ["renamed.html.gz", "saved.mhtml", "unnamed"]
    for document in documents:
        assert document["title"] == TITLE
        assert document["url"] == URL
        assert document["provenance"]["format"] == "html"
        assert "Bahamas" not in document["text"]
        assert "=3D" not in document["text"]
        assert "<p" not in document["text"]
        assert _related_paragraphs()[0] in document["text"]
    saved = next(d for d in documents if d["provenance"]["path"].endswith("saved.mhtml"))
    # The offset is the page's part in the file, past the headers and the advert's frame.
    offset = saved["provenance"]["offset"]
    assert chrome[offset:].startswith(b"<html><head><title>")
    assert chrome.find(b"Bahamas") < offset
    assert read_jsonl(out / "quarantine.jsonl") == []


def test_an_archive_without_a_readable_page_is_quarantined_with_its_reason(tmp_path: Path) -> None:
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    (inputs / "images-only.mhtml").write_bytes(_archive([]))
    broken = _archive([("text/html", URL, _page_html())], transfer_encoding="base64")
    # A base64 body cut to a length no base64 text has.
    start = broken.index(b"Content-Type: text/html; charset")
    body = broken.index(b"\r\n\r\n", start) + 4
    (inputs / "broken.mhtml").write_bytes(broken[: body + 101] + b"\r\n--" + broken.rsplit(b"\r\n--", 1)[1])

    result = ingest(str(inputs), "--out", str(out))

    assert result.returncode == 1  # nothing could be read
    assert read_jsonl(out / "documents.jsonl") == []
    rejected = {
        Path(item["source"]).name: (item["reason_code"], item["reason"])
        for item in read_jsonl(out / "quarantine.jsonl")
    }
    assert rejected["images-only.mhtml"] == (
        "no_html_in_mhtml",
        "an MHTML archive with no HTML part: no page to read",
    )
    code, reason = rejected["broken.mhtml"]
    assert code == "broken_mhtml"
    assert "not valid base64" in reason


def test_the_assets_folder_of_a_page_saved_complete_gives_no_documents(tmp_path: Path) -> None:
    inputs, out = tmp_path / "in", tmp_path / "out"
    assets = inputs / "Story_files"
    assets.mkdir(parents=True)
    (inputs / "Story.html").write_text(_page_html(), encoding="utf-8")
    advert = "<html><body><p>" + " ".join(["Win a free cruise to the Bahamas, click here to claim it."] * 6)
    (assets / "saved_resource.html").write_text(advert + "</p></body></html>", encoding="utf-8")
    (assets / "style.css").write_text("p.story-text { margin: 0 }\n", encoding="utf-8")
    (assets / "logo.png").write_bytes(PNG)
    # A folder named like one, without its page beside it, is an ordinary folder of inputs.
    (inputs / "Other_files").mkdir()
    (inputs / "Other_files" / "story.html").write_text(_page_html(), encoding="utf-8")

    result = ingest(str(inputs), "--out", str(out))

    assert result.returncode == 0, result.stderr
    documents = read_jsonl(out / "documents.jsonl")
    assert [(Path(d["provenance"]["path"]).name, d["title"]) for d in documents] == [
        ("story.html", TITLE),
        ("Story.html", TITLE),
    ]
    rejected = {Path(item["source"]).name: item for item in read_jsonl(out / "quarantine.jsonl")}
    assert sorted(rejected) == ["logo.png", "saved_resource.html", "style.css"]
    for item in rejected.values():
        assert item["reason_code"] == "saved_page_asset"
        assert "saved as Story.html" in item["reason"]


def _webarchive(html: bytes, mime_type: str = "text/html", fmt: plistlib.PlistFormat = plistlib.FMT_BINARY) -> bytes:
    """A Safari web archive as Safari writes one: a binary property list of the main resource (the page), its
    subresources (an image) and subframes (an advert's frame); or as `plutil -convert xml1` leaves it, in XML."""

    def resource(data: bytes, url: str, mime: str) -> dict[str, object]:
        return {"WebResourceData": data, "WebResourceURL": url, "WebResourceMIMEType": mime, "WebResourceFrameName": ""}

    advert = b"<html><body><p>Win a free cruise to the Bahamas today.</p></body></html>"
    archive = {
        "WebMainResource": {**resource(html, URL, mime_type), "WebResourceTextEncodingName": "UTF-8"},
        "WebSubresources": [resource(PNG, "https://www.freemalaysiatoday.com/logo.png", "image/png")],
        "WebSubframeArchives": [{"WebMainResource": resource(advert, "https://ads.example.net/frame", "text/html")}],
    }
    return plistlib.dumps(archive, fmt=fmt)


def test_a_safari_web_archive_is_read_as_its_main_page(tmp_path: Path) -> None:
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    (inputs / "Story.webarchive").write_bytes(_webarchive(_page_html().encode()))
    (inputs / "story-unnamed").write_bytes(_webarchive(_page_html().encode()))
    (inputs / "xml.webarchive").write_bytes(_webarchive(_page_html().encode(), fmt=plistlib.FMT_XML))
    (inputs / "image.webarchive").write_bytes(_webarchive(PNG, mime_type="image/png"))
    (inputs / "cut.webarchive").write_bytes(_webarchive(_page_html().encode())[:300])

    result = ingest(str(inputs), "--out", str(out))

    assert result.returncode == 0, result.stderr
    documents = read_jsonl(out / "documents.jsonl")
    assert [(Path(d["provenance"]["path"]).name, d["title"], d["url"]) for d in documents] == [
        ("Story.webarchive", TITLE, URL),
        ("story-unnamed", TITLE, URL),
        ("xml.webarchive", TITLE, URL),
    ]
    assert all("Bahamas" not in document["text"] for document in documents)
    rejected = {Path(item["source"]).name: item["reason_code"] for item in read_jsonl(out / "quarantine.jsonl")}
    assert rejected == {"image.webarchive": "no_html_in_webarchive", "cut.webarchive": "broken_webarchive"}
