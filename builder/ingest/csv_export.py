"""CSV and TSV exports of news data sets (a row an article, as spreadsheet exports and many published news corpora
hold them): each row is a scraper record whose columns the header row names, recognised as a JSON Lines record's
fields are (`scraper.FIELD_NAMES`, overridden by `--field`).

Streamed row by row in flat memory, each row's provenance its first line and that line's byte offset (a quoted
field may hold line breaks, so a row may span lines). Decoded by the rule pages are (`streamed_text`): UTF-8 with
or without its byte-order mark, else the legacy charset detected, as spreadsheet programs export in Windows-1252.
"""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Iterator
from pathlib import Path

from builder.compression import compression_of_file
from builder.ingest.pages import ReadItem, Rejection
from builder.ingest.scraper import FieldMap, no_text_column, record_pages
from builder.ingest.sources import REPAIRED_UTF8, InputFile, format_suffix, looks_binary, snippet
from builder.ingest.streamed_text import EMPTY, streamed_reading
from builder.jsonl import iter_raw_lines
from builder.records import SourceFormat

READ = "ingest.read"
FIELD_MAX_CHARS = 32 << 20
"""The longest field read: `csv`'s own limit (128 KB) refused long articles; past this one a field is no article
(as `readers.PAGE_MAX_BYTES` says of a page)."""
DELIMITERS = ",;\t|"
"""What separates fields: commas, or semicolons where the comma is the decimal mark (spreadsheets in French or
German), tabs (TSV), bars."""


def csv_pages(source: InputFile, head: bytes, digest: str, overrides: FieldMap | None) -> Iterator[ReadItem]:
    """The pages of a CSV or TSV export's rows, or why a row or the file has none (`readers` refuses UTF-16 before)."""
    reading = streamed_reading(source.path, compression_of_file(source.path), lambda _: None)
    if reading == EMPTY:
        yield Rejection(READ, source.shown, "empty", "the CSV file is empty or holds only white space or NUL bytes")
        return
    if looks_binary(head):
        reason = "the file is binary (it has NUL or control bytes), not a CSV export"
        yield Rejection(READ, source.shown, "binary", reason, snippet=snippet(head))
        return
    # A byte-order mark is no part of the first column's name; UTF-8 with broken bytes reads them as U+FFFD.
    encoding = "utf-8-sig" if reading in (None, "utf-8", REPAIRED_UTF8) else reading
    lines = _Lines(source.path, encoding, returns_end_lines=_ends_in_return(head))
    csv.field_size_limit(FIELD_MAX_CHARS)
    stated = _stated_delimiter(head)
    if stated is not None:
        next(lines)  # the "sep=" line is no row: the header is the next one
    # The header's names, without what is quoted: a doubled quote inside a name splits it into an empty piece.
    head_lines = _LINE_BREAK.split(head, maxsplit=2)
    header_line = head_lines[1] if stated is not None and len(head_lines) > 1 else head_lines[0]
    unquoted = "".join(header_line.decode("utf-8", errors="replace").split('"')[::2])
    # Whatever compresses it (.tsv.bz2, .tsv.zst): a header's comma outnumbering its tabs made a TSV read as CSV.
    # But a header without a tab is no TSV's, whatever the file's name: a comma-separated `.tsv` was one column.
    is_tsv = format_suffix(source.path) == ".tsv" and "\t" in unquoted
    delimiter = stated or ("\t" if is_tsv else _delimiter(unquoted))
    quoting = csv.QUOTE_MINIMAL if _quoted(head, delimiter) else csv.QUOTE_NONE
    rows = csv.reader(lines, delimiter=delimiter, quoting=quoting, skipinitialspace=_spaced(unquoted, delimiter))
    header: list[str] | None = None
    broken_rows = data_rows = 0
    while True:
        # The lines' own count, not the reader's: the lines of a broken quoted field are skipped past the reader.
        first = lines.first_line = lines.last_line + 1
        try:
            row = next(rows)
        except StopIteration:
            break
        except csv.Error as error:
            offset = lines.first_offset
            reason = f"not valid CSV: {_explained(error)}"
            broken_rows += 1
            yield Rejection(READ, source.shown, "bad_csv", reason, line=first, offset=offset)
            # The reader starts a row afresh at the next line, but a quoted field that broke it (one over the
            # field limit) may run on over more lines: read on from there and each of its paragraphs was a row,
            # the rejected article's pieces kept as documents. Its lines are skipped up to its closing quote.
            if quoting != csv.QUOTE_NONE and lines.quotes_since_first % 2:
                lines.skip_quoted()
            continue
        offset = lines.first_offset
        if not any(field.strip() for field in row):
            continue  # a blank line separates nothing; skipping it loses no record
        raw = delimiter.join(row)
        if header is None:
            header = _Header([name.strip() for name in row])
            if (reason := no_text_column(header.keys, overrides, "CSV header")) is not None:
                yield Rejection(READ, source.shown, "no_text", reason, line=first, offset=offset, snippet=snippet(raw))
                return
            for columns in header.repeated:
                reason = header.repeated_reason(columns)
                name = header.keys[columns[0]]
                yield Rejection(
                    READ,
                    source.shown,
                    "duplicate_column",
                    reason,
                    line=first,
                    offset=offset,
                    field=name,
                    snippet=snippet(raw),
                )
            continue
        data_rows += 1
        # Some exporters end every data row with a delimiter the header lacks (`a,b,c,`): empty fields past the
        # header's hold nothing to lose, where a filled one means a field's delimiter was left unquoted.
        if len(row) > len(header.keys) and not any(field.strip() for field in row[len(header.keys) :]):
            row = row[: len(header.keys)]
        if len(row) > len(header.keys):
            reason = (
                f"{len(row)} fields where the header names {len(header.keys)}: a {_named(delimiter)} inside a field"
                " that is not quoted?"
            )
            yield Rejection(READ, source.shown, "bad_csv_row", reason, line=first, offset=offset, snippet=snippet(raw))
            continue
        record = header.record(row)
        yield from record_pages(
            source, record, digest, overrides, line=first, offset=offset, raw=raw, source_format=SourceFormat.csv
        )
    if not data_rows and not broken_rows:
        what = "no row, not even a header" if header is None else "a header but no row"
        yield Rejection(READ, source.shown, "empty", f"the CSV file holds {what}")


class _Header:
    """The columns a header row names, and the record each row makes of them.

    A name given to several columns (ignoring case, as record fields are recognised) holds in a row the first of
    their values that is not empty, as a record's fields are tried in order (`scraper.map_fields`): keyed by name,
    the last column won unseen, and an empty one lost the text the first held. The columns after the first are
    also kept under names of their own, as pandas names them (`text.1`), for `--field text=text.1` to read one
    alone. A column without a name (after a trailing delimiter) names no field and is left out."""

    def __init__(self, names: list[str]) -> None:
        columns_of: dict[str, list[int]] = {}
        for index, name in enumerate(names):
            if name:
                columns_of.setdefault(name.lower(), []).append(index)
        self.names = names
        """The names as the header spells them."""
        self.keys = list(names)
        """Each column's key in a row's record."""
        self.repeated = [columns for columns in columns_of.values() if len(columns) > 1]
        """The columns of each name the header gives more than one, by index."""
        taken = set(columns_of)
        for columns in self.repeated:
            for index in columns[1:]:
                number = 1
                while f"{names[index]}.{number}".lower() in taken:  # a header may name a "text.1" of its own
                    number += 1
                self.keys[index] = f"{names[index]}.{number}"
                taken.add(self.keys[index].lower())

    def record(self, row: list[str]) -> dict[str, str]:
        """The record of a row no wider than the header."""
        record = {key: value for key, value in zip(self.keys, row, strict=False) if key}
        for columns in self.repeated:
            filled = next((row[index] for index in columns if index < len(row) and row[index].strip()), None)
            if filled is not None:
                record[self.keys[columns[0]]] = filled
        return record

    def repeated_reason(self, columns: list[int]) -> str:
        """What a person reads of one name given to these columns: which value is taken, how to take another."""
        name = self.keys[columns[0]]
        spellings = " or ".join(repr(spelling) for spelling in dict.fromkeys(self.names[index] for index in columns))
        later = "column" if len(columns) == 2 else "columns"
        return (
            f"columns {_listed([str(index + 1) for index in columns])} are named {spellings}: a row's {name!r} is"
            f" the first of them that is not empty; --field reads {later}"
            f" {_listed([str(index + 1) for index in columns[1:]])} alone as"
            f" {_listed([repr(self.keys[index]) for index in columns[1:]])}"
        )


class _Lines:
    """The file's lines, decoded, for `csv.reader`, with the byte offset of the line `first_line` (line endings
    kept, for offsets that hold in files whose lines end in CRLF, and for quoted fields whose line breaks are text).
    Only the one offset is kept: a field quoted and never closed may run over millions of lines."""

    def __init__(self, path: Path, encoding: str, *, returns_end_lines: bool) -> None:
        self._raw = iter_raw_lines(path, returns_end_lines=returns_end_lines)
        self._decoder = codecs.getincrementaldecoder(encoding)("replace")
        self._offset = 0
        self.first_line = 1
        self.first_offset = 0
        self.last_line = 0
        self.quotes_since_first = 0
        """Quote marks in the lines of the row that starts at `first_line`: odd, the row ends inside a quoted field
        (a doubled quote inside one counts twice)."""

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        number, line = next(self._raw)
        self.last_line = number
        if number == self.first_line:
            self.first_offset = self._offset
            self.quotes_since_first = 0
        self._offset += len(line)
        text = self._decoder.decode(line)
        self.quotes_since_first += text.count('"')
        return text

    def skip_quoted(self) -> None:
        """Skip the lines of a quoted field up to the line its closing quote is on, that line included (the rest
        of a row that is rejected)."""
        inside = True
        while inside:
            try:
                text = next(self)
            except StopIteration:
                return
            inside = text.count('"') % 2 == 0


_LINE_BREAK = re.compile(rb"\r\n?|\n")
_SEP_LINE = re.compile(rb'(?:\xef\xbb\xbf)?("?)sep=([\t !#-~])\1(?:[\r\n]|$)')
"""The line that states an export's delimiter (`sep=;`, `sep=,`, `sep=` and a tab) before its header, after a
byte-order mark or not: Excel reads it to split the rows by that delimiter whatever the list separator of the
reader's locale, and programs writing for Excel write it. Quoted as a CSV writer writes it when it holds the
delimiter it states (`"sep=;"`). The delimiter is a tab or a printable ASCII character other than the quote."""


def _stated_delimiter(head: bytes) -> str | None:
    """The delimiter an export states on its first line (`_SEP_LINE`): taken as the header, that line named one
    column and every row was rejected."""
    stated = _SEP_LINE.match(head)
    return None if stated is None else stated[2].decode("ascii")


_QUOTE_RUN = re.compile(rb'"+')


def _quoted(head: bytes, delimiter: str) -> bool:
    """Whether an export quotes its fields as CSV does, told from its first bytes. A TSV file is often written
    without (the IANA format has no quoting: a field holds no tab), and read as quoted, a text opening with a quote
    lost its quote marks (`"We will win," he said.` became `We will win, he said.`) and one never closed ran on
    over the rows after it. In a quoted field, a quote mark is doubled or opens or closes the field, by a delimiter
    or a line's end; a single one within a field's words ("the "rough cut" is") is the text's own. Only a TSV
    file is so told: a comma or semicolon inside a CSV field needs the quoting, and CSV writers quote."""
    if delimiter != "\t":
        return True
    framing = (b"\t", b"\r", b"\n", b"")
    for run in _QUOTE_RUN.finditer(head):
        framed = head[run.start() - 1 : run.start()] in framing or head[run.end() : run.end() + 1] in framing
        if len(run[0]) % 2 and not framed:
            return False
    return True


def _ends_in_return(head: bytes) -> bool:
    """Whether an export's lines end in a bare carriage return, as Excel for Mac writes CSV, told by its first
    line's end (no header holds a line break): read by line feeds, the whole file was one row, rejected."""
    first_break = _LINE_BREAK.search(head)
    return first_break is not None and first_break[0] == b"\r"


def _delimiter(unquoted: str) -> str:
    """The delimiter of an export, from its header line outside quoted names: the one of DELIMITERS it holds most
    of (a comma if none): `"text (body, cleaned)";"url"` is a semicolon's header whose names hold commas."""
    counts = {delimiter: unquoted.count(delimiter) for delimiter in DELIMITERS}
    best = max(counts, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def _spaced(unquoted: str, delimiter: str) -> bool:
    """Whether the header (outside quoted names) sets a space after every delimiter (`title, "text", url`, as a
    person writes a CSV file): then each field's leading spaces are no part of it, and a quote after them opens a
    quoted field (read as they are, `"text"` kept its quotes and no text column was found)."""
    count = unquoted.count(delimiter)
    return delimiter != " " and count > 0 and unquoted.count(delimiter + " ") == count


def _explained(error: csv.Error) -> str:
    """The CSV reader's error in the file's terms: it tells of a carriage return inside a field that is not
    quoted as if the file were opened wrongly ("do you need to open the file with newline=''?")."""
    message = str(error)
    if message.startswith("new-line character seen in unquoted field"):
        return "a line break (a carriage return) inside a field that is not quoted"
    return message


def _listed(items: list[str]) -> str:
    """Items as a sentence lists them: 2, 3 and 5."""
    return ", ".join(items[:-1]) + f" and {items[-1]}" if len(items) > 1 else items[0]


def _named(delimiter: str) -> str:
    """A delimiter's name, or itself quoted: `sep=` may state any character."""
    return {",": "comma", ";": "semicolon", "\t": "tab", "|": "bar"}.get(delimiter, repr(delimiter))
