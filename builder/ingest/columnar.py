"""Columnar exports of news data sets: Parquet (as the Hugging Face Hub serves every data set, and as news crawls
and pandas users publish them) and Arrow IPC (the `.arrow` files of a Hugging Face `save_to_disk` and of its
cache, Feather files): each row is a scraper record whose columns are recognised as a JSON Lines record's fields
are (`scraper.FIELD_NAMES`, overridden by `--field`, dotted paths reaching into struct columns).

Read a batch of rows at a time, and only the columns that can be used: a data set may carry images or embeddings
beside its text. A row has no byte offset of its own (a column's values are stored together, maybe compressed),
so each document's provenance names its row, counted from 0 as pyarrow and pandas count them ("row 12"), unless
the row has an `id`.
"""

from __future__ import annotations

import datetime
import json
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from builder.compression import (
    BROKEN_DATA_ERRORS,
    TrailingDataError,
    broken_data,
    compression_of_file,
    open_compressed,
)
from builder.ingest.pages import ReadItem, Rejection
from builder.ingest.scraper import FieldMap, field_of_column, no_text_column, record_pages
from builder.ingest.sources import ARROW_FILE_MAGIC, COPY_CHUNK_BYTES, SNIPPET_CHARS, InputFile
from builder.records import SourceFormat

READ = "ingest.read"
ROWS_PER_BATCH = 512
"""Rows converted to records at a time: a few megabytes of articles, whatever the size of the row groups."""
RECORD_KEY = "id"
"""The column whose value keys a record (`scraper.record_pages` reads it)."""


def parquet_pages(source: InputFile, digest: str, overrides: FieldMap | None) -> Iterator[ReadItem]:
    """The pages of a Parquet export's rows, or why a row or the file has none."""
    notes: list[Rejection] = []
    with _seekable(source, "Parquet file", notes) as path:
        if isinstance(path, Rejection):
            yield path
            return
        try:
            parquet = pq.ParquetFile(path)
        except (pa.ArrowException, OSError) as error:
            yield Rejection(READ, source.shown, "bad_parquet", f"not a readable Parquet file: {error}")
            return
        yield from _parquet_rows(source, parquet, digest, overrides)
    yield from notes


def _parquet_rows(
    source: InputFile, parquet: pq.ParquetFile, digest: str, overrides: FieldMap | None
) -> Iterator[ReadItem]:
    """The pages of an opened Parquet file's rows, row group by row group."""
    columns = _usable_columns(source, parquet.schema_arrow.names, overrides, "Parquet file")
    if isinstance(columns, Rejection):
        yield columns
        return
    rows = parquet.metadata.num_rows
    if not rows:
        yield Rejection(READ, source.shown, "empty", "the Parquet file holds no row")
        return
    first_row = 0
    # Row group by row group: a corrupt one loses its own rows, and the next is read as if it were not there.
    for group in range(parquet.num_row_groups):
        group_rows = parquet.metadata.row_group(group).num_rows
        row = first_row
        try:
            for batch in parquet.iter_batches(batch_size=ROWS_PER_BATCH, row_groups=[group], columns=columns):
                for values in python_rows(batch):
                    yield from _row_pages(source, values, row, digest, overrides, SourceFormat.parquet)
                    row += 1
        except (pa.ArrowException, OSError) as error:
            last = first_row + group_rows - 1
            reason = f"row group {group} (rows {row:,} to {last:,}) cannot be read: {error}"
            yield Rejection(READ, source.shown, "broken_parquet", reason, record=f"row {row}")
        first_row += group_rows


@dataclass(frozen=True)
class OutOfRangeValue:
    """A value of a date, time or duration column that Python cannot hold (a date32 of -2**31 days, a timestamp in
    seconds past the year 9999), in place of its value: its Arrow type and the number stored."""

    type: str
    stored: int


def python_rows(batch: pa.RecordBatch) -> list[dict[str, Any]]:
    """The batch's rows as Python values. Arrow does not check that a string column holds UTF-8 when it reads a
    file, and one bad byte in one value made the whole file a fault of the builder's: a string that is not UTF-8 is
    read with its bad bytes as U+FFFD, as page text and JSON are. Nor does it check that a date or time is one
    Python can hold, and one out of range was a fault of the whole file too: such a value is an `OutOfRangeValue`."""
    try:
        return batch.to_pylist()
    except (UnicodeDecodeError, OverflowError):
        columns = [_python_values(column) for column in batch.columns]
        return [dict(zip(batch.schema.names, values, strict=True)) for values in zip(*columns, strict=True)]


def _python_values(column: pa.Array) -> list[Any]:
    """A column's values as `python_rows` reads them."""
    if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
        raw = column.cast(pa.large_binary()).to_pylist()
        return [None if value is None else value.decode("utf-8", "replace") for value in raw]
    try:
        return column.to_pylist()
    except OverflowError:
        return [_python_value(value) for value in column]


def _python_value(value: pa.Scalar) -> Any:
    """A value as Python's, or an `OutOfRangeValue` where Python cannot hold it."""
    try:
        return value.as_py()
    except OverflowError:
        return OutOfRangeValue(str(value.type), value.value)


def _row_pages(
    source: InputFile,
    values: dict[str, Any],
    row: int,
    digest: str,
    overrides: FieldMap | None,
    source_format: SourceFormat,
) -> Iterator[ReadItem]:
    record = {name: None if isinstance(value, OutOfRangeValue) else _plain(value) for name, value in values.items()}
    raw = json.dumps(record, ensure_ascii=False, default=str)[:SNIPPET_CHARS]
    for name, value in values.items():
        if isinstance(value, OutOfRangeValue):
            reason = (
                f"row {row}'s {name!r} holds a {value.type} value that Python cannot hold (stored as {value.stored}:"
                " a date or time outside the years 1 to 9999): the value is quarantined, the row read without it"
            )
            yield Rejection(
                READ, source.shown, "value_out_of_range", reason, record=f"row {row}", field=name, snippet=raw
            )
    yield from record_pages(
        source,
        record,
        digest,
        overrides,
        line=None,
        offset=0,
        raw=raw,
        position=f"row {row}",
        source_format=source_format,
    )


def arrow_pages(source: InputFile, head: bytes, digest: str, overrides: FieldMap | None) -> Iterator[ReadItem]:
    """The pages of an Arrow IPC export's rows (the file or the stream format, compressed or not; `head` is its
    first bytes decompressed), or why a row or the file has none."""
    if head.startswith(ARROW_FILE_MAGIC):
        notes: list[Rejection] = []
        with _seekable(source, "Arrow file", notes) as path:
            if isinstance(path, Rejection):
                yield path
                return
            try:
                opened = pa.ipc.open_file(pa.memory_map(str(path)))
            except (pa.ArrowException, OSError) as error:
                yield Rejection(READ, source.shown, "bad_arrow", f"not a readable Arrow IPC file: {error}")
                return
            batches = (opened.get_batch(index) for index in range(opened.num_record_batches))
            yield from _arrow_rows(source, opened.schema, batches, digest, overrides)
        yield from notes
        return
    # The stream format is read as it is decompressed, with no copy: it is written batch after batch.
    with open_compressed(source.path, compression_of_file(source.path)) as stream:
        try:
            reader = pa.ipc.open_stream(stream)
        except (pa.ArrowException, OSError, EOFError) as error:
            yield Rejection(READ, source.shown, "bad_arrow", f"not a readable Arrow IPC file or stream: {error}")
            return
        yield from _arrow_rows(source, reader.schema, iter(reader), digest, overrides)


def _arrow_rows(
    source: InputFile,
    schema: pa.Schema,
    batches: Iterator[pa.RecordBatch],
    digest: str,
    overrides: FieldMap | None,
) -> Iterator[ReadItem]:
    """The pages of an Arrow file's or stream's rows, a batch at a time."""
    columns = _usable_columns(source, schema.names, overrides, "Arrow file")
    if isinstance(columns, Rejection):
        yield columns
        return
    row = 0
    try:
        for batch in batches:
            for start in range(0, batch.num_rows, ROWS_PER_BATCH):
                for values in python_rows(batch.slice(start, ROWS_PER_BATCH).select(columns)):
                    yield from _row_pages(source, values, row, digest, overrides, SourceFormat.arrow)
                    row += 1
    except (pa.ArrowException, *BROKEN_DATA_ERRORS, OSError) as error:
        # A stream has no index of its batches: past a broken one (or broken compressed data), none can be found.
        reason = f"the file breaks off after {row:,} rows (the rest cannot be found past the break): {error}"
        yield Rejection(READ, source.shown, "broken_arrow", reason, record=f"row {row}")
        return
    if not row:
        yield Rejection(READ, source.shown, "empty", "the Arrow file holds no row")


@contextmanager
def _seekable(source: InputFile, kind: str, notes: list[Rejection]) -> Iterator[Path | Rejection]:
    """The file's path, or that of a temporary copy of it decompressed (`.parquet.gz`, `.feather.zst`): a Parquet
    file's footer and an Arrow file's index are at its end, read by seeking, which a decompressing stream cannot
    do. The copy is on disk, not in memory, as a data set's file may hold gigabytes. Compressed data that breaks
    off is the file's rejection: without its end, no row can be found. Bytes after whole compressed data are
    passed over, noted in `notes` for the caller to give after the rows."""
    compression = compression_of_file(source.path)
    if compression is None:
        yield source.path
        return
    with tempfile.TemporaryDirectory(prefix="builder-input-") as folder:
        copy = Path(folder) / source.path.name
        try:
            with open_compressed(source.path, compression) as stream, copy.open("wb") as decompressed:
                # A decompression at a time (see `read_at_most`): all the data is copied before bytes after it raise.
                while chunk := stream.read1(COPY_CHUNK_BYTES):
                    decompressed.write(chunk)
        except TrailingDataError as error:
            notes.append(Rejection(READ, source.shown, error.code, str(error), offset=error.offset))
        except Exception as error:
            if (broken := broken_data(error, compression)) is None:
                raise
            reason = f"{broken}: a {kind} is read from its end, so none of its rows can be found"
            yield Rejection(READ, source.shown, broken.code, reason)
            return
        yield copy


def _usable_columns(
    source: InputFile, names: list[str], overrides: FieldMap | None, kind: str
) -> list[str] | Rejection:
    """The columns to read (`used_columns`), or the file's rejection when none can hold the text or HTML."""
    if (reason := no_text_column(names, overrides, kind)) is not None:
        return Rejection(READ, source.shown, "no_text", reason, field="text")
    return used_columns(names, overrides or {})


def used_columns(names: list[str], overrides: FieldMap) -> list[str]:
    """The columns whose values can become a document's text, HTML or metadata, or key its record."""
    return [name for name in names if name == RECORD_KEY or field_of_column(name, overrides) is not None]


def _plain(value: Any) -> Any:
    """A Parquet or Arrow value as JSON has it: a timestamp or date as ISO 8601 text (the published date is read
    from text), bytes as UTF-8 text (a crawl's HTML is often stored as binary), decimals as numbers."""
    if isinstance(value, datetime.date):  # a datetime is a date too
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value
