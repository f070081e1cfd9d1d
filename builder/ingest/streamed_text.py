"""How to decode a file that is read as a stream rather than whole (a feed, a CSV export): the rule pages are
decoded by (`sources.decode`), decided on one pass over the file."""

from __future__ import annotations

import codecs
from collections.abc import Callable
from pathlib import Path

from builder.compression import broken_data, open_compressed
from builder.ingest.sources import REPAIRED_UTF8, REPLACEMENT_SHARE_LIMIT, SNIFF_BYTES, web_encoding, wide_encoding

EMPTY = "empty"
READ_CHUNK_BYTES = 1 << 16
UTF8_REPLACEMENT = "\ufffd".encode()
DETECTION_SAMPLE_BYTES = 1 << 18
"""How much of a file charset-normalizer reads to tell the legacy charset of one that declares none: of its chunks
that hold other bytes than ASCII's."""


def streamed_reading(path: Path, compression: str | None, declared_of: Callable[[bytes], str | None]) -> str | None:
    """How to decode a file read as a stream (a feed, a CSV export), by the rule `sources.decode` applies to pages
    (see docs/ingest.md, "Encodings"), taken on one streamed pass over the file, as `decode` wants the whole file
    in memory and these are read in flat memory. `declared_of` names the charset the file's first bytes declare
    (an XML declaration), if any:

    - EMPTY: nothing but white space and NUL bytes (a download that failed leaves an empty file);
    - "utf-8": valid UTF-8 with non-ASCII text, read so whatever the file declares (a feed declared ISO-8859-1
      but written in UTF-8 read as declared is mojibake, "CafÃ©");
    - `REPAIRED_UTF8`: UTF-8 with a few broken bytes, under `REPLACEMENT_SHARE_LIMIT` of the text, each read as
      U+FFFD (the parser stops at the first and loses every later item) when as many valid multi-byte sequences
      show it is UTF-8, or when the file declares no other charset and none is detected;
    - a legacy charset charset-normalizer finds (Python's name for it, "cp1252"), when the file is not UTF-8 and
      declares no charset or UTF-8: read as UTF-8, each broken byte ended a feed at its item (or was read as
      U+FFFD, when few), and a feed or an export in French or Russian was lost;
    - None: as the file declares (UTF-16 and UTF-32, told by their bytes; ASCII; a declared legacy charset).

    Broken compressed data ends the pass, deciding on what was read: the reading meets the break again and reports
    it after the items before it.
    """
    decoder = codecs.getincrementaldecoder("utf-8")("replace")
    head = carry = sample = b""
    blank = True
    characters = replaced = non_ascii = 0
    with open_compressed(path, compression) as handle:
        try:
            while True:
                chunk = handle.read1(READ_CHUNK_BYTES)  # a decompression at a time: see `read_at_most`
                head = head or chunk[:SNIFF_BYTES]
                # The chunks with other bytes than ASCII's are what tells a charset: a feed in English whose first
                # items are ASCII may name a "Montréal" or a "Zürich" only further on.
                if len(sample) < DETECTION_SAMPLE_BYTES and not chunk.isascii():
                    sample += chunk[: DETECTION_SAMPLE_BYTES - len(sample)]
                blank = blank and not chunk.translate(None, b" \t\r\n\x00")
                text = decoder.decode(chunk, final=not chunk)  # the last call flushes a character cut at the end
                characters += len(text)
                non_ascii += len(text) - len(text.encode("ascii", errors="ignore"))
                # A U+FFFD the file holds is valid UTF-8: `carry` finds one split between two chunks.
                replaced += text.count("\ufffd") - (carry + chunk).count(UTF8_REPLACEMENT)
                carry = chunk[-2:]
                if not chunk:
                    break
        except Exception as error:
            if broken_data(error, compression) is None:
                raise
            if blank:
                return None
    if blank:
        return EMPTY
    if not non_ascii or wide_encoding(head) is not None:
        return None
    if not replaced:
        return "utf-8"
    few = replaced <= characters * REPLACEMENT_SHARE_LIMIT
    if few and non_ascii - replaced >= replaced:
        return REPAIRED_UTF8
    if declared_of(head) not in (None, "utf-8"):
        return None
    guess = web_encoding(sample)
    if guess is not None and guess.encoding not in ("utf_8", "ascii"):
        return guess.encoding
    return REPAIRED_UTF8 if few else None
