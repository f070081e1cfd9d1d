"""The ingest run: input files → pages → articles → documents → deduplicated documents, with counts.

Each step is a function over one item (datatrove's small steps); `ingest_file` chains them for one input
file, which is the unit handed to a worker, and `run_ingest` adds what needs the whole run (common page lines,
deduplication, the output files). Every rejected item becomes a quarantine record, and every input file
appears in the report.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import time
import traceback
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from builder.enrich.language import load_model
from builder.enrich.targets import TargetMatcher
from builder.ingest.build import DOCUMENT_MAX_CHARS, build_document, without_code
from builder.ingest.characters import visible
from builder.ingest.cleanup import split_paragraphs
from builder.ingest.dedup import REPEATED, DedupConfig, DuplicateIndex, Fingerprint, fingerprint
from builder.ingest.html import extract_html, fragment_paragraphs, is_html_text
from builder.ingest.markdown_text import is_markdown, markdown_text
from builder.ingest.pages import (
    DocumentTooLargeError,
    FormatDoubt,
    Page,
    PageTooLargeError,
    PassedOver,
    ReadItem,
    RecordRead,
    Rejection,
)
from builder.ingest.pagetext import NoArticleError, extract_pagetext, without_header
from builder.ingest.pagetext_lines import content_words
from builder.ingest.parts import ArticleParts
from builder.ingest.readers import read_pages
from builder.ingest.scraper import is_html_page, unescape_references, unmatched_fields
from builder.ingest.sources import EXTENSIONS, FORMAT_NAMES, InputFile, discover, format_suffix, is_url, snippet
from builder.jsonl import LINE_MAX_BYTES
from builder.records import (
    DocumentRole,
    IngestFileRow,
    IngestOutputs,
    IngestReport,
    ParagraphKind,
    SourceFormat,
    Target,
)
from builder.validate import error_fields

BLANK_LINE = re.compile(r"\n\s*\n")
AHEAD = 3
"""Tasks submitted per worker ahead of the one being written: enough to keep workers busy, few to hold."""
TASK_BYTES = 256 * 1024
TASK_FILES = 16
"""A worker's task is consecutive files up to about this many bytes, and at most this many: a task costs the
parent a pickled call, a future and a result to unpickle, so one per page dump (25 KB) was a fifth of the
parent's time at --workers 2, time the workers lost on a machine with as many cores as workers."""
TASKS_PER_WORKER = 8
"""At least this many tasks per worker when there are files enough: the last task of a run keeps one worker
busy while the others wait, so a run of few files is cut finer (40 page dumps in 3 tasks made 2 workers slower
than one)."""
SPLIT_BYTES = 4 << 20
"""An export of records bigger than this is read by the parent and its pages built by all workers (see
`read_by_parent`): sixteen tasks' worth of content or more."""
SCRAPER_FORMATS = frozenset(
    {SourceFormat.jsonl, SourceFormat.csv, SourceFormat.parquet, SourceFormat.arrow, SourceFormat.feed}
)
"""Formats whose pages are a scraper's records, their text extracted already (unless given as HTML)."""
RECORD_FORMATS = SCRAPER_FORMATS | {SourceFormat.warc}
"""Formats whose files hold many pages, read one after another."""
COMMON_LINE_SAMPLE = 200
COMMON_LINE_MIN_PAGES = 3
COMMON_LINE_MIN_SHARE = 0.5
COMMON_LINE_MAX_WORDS = 7


@dataclass(frozen=True)
class IngestOptions:
    format: SourceFormat | None = None
    targets: tuple[Target, ...] = ()
    field_map: dict[str, str] = field(default_factory=dict)
    dedup: DedupConfig = field(default_factory=DedupConfig)
    common_lines: frozenset[str] = frozenset()
    drop_code: bool = False
    """Leave the articles' code blocks out of their text (`build.without_code`)."""


@dataclass(frozen=True)
class BuiltDocument:
    """A document as a worker hands it back: its JSON line, ready to write, and its dedup fingerprint.

    Serialising in the worker keeps the run's single process (which deduplicates and writes) light, so that
    adding workers adds throughput.
    """

    line: str
    fingerprint: Fingerprint


@dataclass
class FileOutcome:
    """What one input file gave, or a part of it: its documents, its rejections, and the counts of the pages it
    read (a file may come in parts, see `ingest_file_parts`: the report adds their counts up)."""

    path: str
    format: str | None = None
    pages: int = 0
    articles: int = 0
    documents: list[BuiltDocument] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    seconds: float = 0.0
    passed_over: Counter[str] = field(default_factory=Counter)
    """Records that hold no page, by `PassedOver.code`."""
    code_left_out: int = 0
    """Code paragraphs left out of the documents' text (`IngestOptions.drop_code`)."""
    records: int = 0
    """Scraper records read under `--field` (`RecordRead`), and of them those each override's path held a value in."""
    fields_found: Counter[str] = field(default_factory=Counter)
    format_doubt: str | None = None
    """Why the format `--format` forced looks wrong for this file (`FormatDoubt`), if it does."""
    final: bool = True
    """False for a part of the file's outcome that more parts follow."""

    def add_counts(self, part: FileOutcome) -> None:
        """Count a part of the same file in (its documents and rejections are not kept)."""
        self.format = self.format or part.format
        self.pages += part.pages
        self.articles += part.articles
        self.seconds += part.seconds
        self.passed_over.update(part.passed_over)
        self.code_left_out += part.code_left_out
        self.records += part.records
        self.fields_found.update(part.fields_found)
        self.format_doubt = self.format_doubt or part.format_doubt

    def report_row(self, documents: int | None = None, rejected: Counter[str] | None = None) -> IngestFileRow:
        """The file's line in report.json: what it gave, and why anything in it was rejected (`documents` and
        `rejected` counted over all its parts, when it came in parts)."""
        # Given only when they say something, and written only when given (`row_json`): `records` and
        # `fields_found` under --field (the Ray engine's driver adds a file's parts up from these rows), the doubt
        # when --format forced a format that does not fit.
        optional: dict[str, Any] = {}
        if self.records:
            optional.update(records=self.records, fields_found=dict(self.fields_found))
        if self.format_doubt:
            optional.update(format_doubt=self.format_doubt)
        return IngestFileRow(
            path=self.path,
            format=SourceFormat(self.format) if self.format else None,
            pages=self.pages,
            articles=self.articles,
            documents=len(self.documents) if documents is None else documents,
            rejected=dict(Counter(rejection.code for rejection in self.rejections) if rejected is None else rejected),
            passed_over=dict(self.passed_over),
            code_paragraphs_left_out=self.code_left_out,
            seconds=round(self.seconds, 4),
            **optional,
        )


def row_json(row: IngestFileRow) -> dict[str, Any]:
    """The row as report.json holds it: the optional fields only where `report_row` gave them."""
    return row.model_dump(mode="json", exclude_unset=True)


HTML_MAX_ELEMENTS = 50_000
"""More closing tags than this are no article page (the most of the 711 WCXB pages has 4,794): a generated list or
a page of many pages, on which extraction would run for minutes."""
HTML_MAX_TEXT_BYTES = 10_000_000
"""The longest text between two tags that lxml's HTML parser reads (libxml2's limit without its "huge" option):
a longer one is dropped without an error, and the page's article was written without it (a 10 MB paragraph gave a
document of its headline alone)."""


def longest_text_bytes(html: str) -> int:
    """The UTF-8 length of the longest text between two tags of `html`, measured only where it may pass
    HTML_MAX_TEXT_BYTES (a character takes 4 bytes at most): 0 for every page of a usual size."""
    if len(html) <= HTML_MAX_TEXT_BYTES // 4:
        return 0
    runs = (run for run in html.split("<") if len(run) > HTML_MAX_TEXT_BYTES // 4)
    return max((len(run.encode()) for run in runs), default=0)


def extract_articles(page: Page, common_lines: frozenset[str] = frozenset()) -> list[ArticleParts]:
    """The articles of one page, by its kind; raises NoArticleError when it has none, PageTooLargeError when it
    holds far more than a page."""
    # A feed item's or a scraper record's HTML that is no whole page (`<p>…</p>`, a CMS's or newspaper's article
    # body) is the article already, read as a text written in HTML: trafilatura, looking for an article in it,
    # dropped its repeated paragraphs (140 of 202 on 40 WCXB articles given as a feed) and took a date printed in
    # it over the item's own.
    if page.content_is_html and not (page.format in SCRAPER_FORMATS and not is_html_page(page.content)):
        if (elements := page.content.count("</")) > HTML_MAX_ELEMENTS:
            raise PageTooLargeError(
                f"{elements:,} closing tags, more than the {HTML_MAX_ELEMENTS:,} any article page has: trafilatura's "
                "time grows with their square (50,000 paragraphs took 5 s, 200,000 took 79 s)"
            )
        if (run := longest_text_bytes(page.content)) > HTML_MAX_TEXT_BYTES:
            raise PageTooLargeError(
                f"{run:,} bytes of text between two tags, more than the HTML parser reads ({HTML_MAX_TEXT_BYTES:,}): "
                "it would drop them and the article would be written without them"
            )
        article = extract_html(page.content, page.url)
        if article is None:
            raise NoArticleError("trafilatura found no article text in the HTML")
    elif page.format in SCRAPER_FORMATS:
        article = _scraper_article(page)
    else:
        if page.markdown is None:
            return extract_pagetext(page.content, common_lines)
        return extract_pagetext(page.content, common_lines, page.markdown.headings, page.markdown.code)
    if page.format is SourceFormat.feed:
        article = _without_feed_footer(article, page.fields.get("title"), page.fields.get("source"))
    return [article]


FEED_FOOTER_MAX_WORDS = 8
"""Words besides the item's title and the outlet's name that a feed's footer holds ("The post … appeared first
on …." holds five)."""


def _without_feed_footer(article: ArticleParts, title: object, outlet: object) -> ArticleParts:
    """The article without the footer a site's feed adds to every item: Yoast SEO's "The post <title> appeared
    first on <site>.", in the site's language ("Der Beitrag … erschien zuerst auf …"). Told by what it holds, in
    any language: a last paragraph naming the item's title and the outlet, with a few words besides."""
    # A text of one paragraph is the item, whatever it names.
    if len(article.paragraphs) < 2 or not (isinstance(title, str) and title and isinstance(outlet, str) and outlet):
        return article
    last = article.paragraphs[-1][0]
    if title not in last or outlet not in last:
        return article
    besides = last.replace(title, " ", 1).replace(outlet, " ", 1).split()
    return replace(article, paragraphs=article.paragraphs[:-1]) if len(besides) <= FEED_FOOTER_MAX_WORDS else article


PART_DOCUMENTS = 1000
"""Documents of one file handed on at a time: a JSON Lines or CSV export, a WARC or a feed may hold millions, and
held until the file's end they made memory grow with the file (20,000 records: 1.5 times the memory of 2,000)."""


def ingest_file(source: InputFile, options: IngestOptions) -> FileOutcome:
    """Read, extract and build the documents of one input file, its parts (`ingest_file_parts`) joined: for a
    worker's task and a Ray batch, which return a file's whole outcome."""
    return join_parts(source.shown, ingest_file_parts(source, options))


def join_parts(path: str, parts: Iterable[FileOutcome]) -> FileOutcome:
    """Consecutive parts of file `path`'s outcome as one, which ends the file if the last of them does: a whole
    file's parts (`ingest_file`), or those of a run of its pages (`pages_task`) as one row of the Ray engine's map."""
    joined = FileOutcome(path)
    for part in parts:
        joined.add_counts(part)
        joined.documents += part.documents
        joined.rejections += part.rejections
        joined.final = part.final
    return joined


def ingest_file_parts(source: InputFile, options: IngestOptions) -> Iterator[FileOutcome]:
    """Read, extract and build the documents of one input file, in parts of up to PART_DOCUMENTS documents, each
    with the rejections met since the part before and the counts of its own pages; the last part is `final`.
    Nothing here needs the rest of the run."""
    return build_parts(source.shown, _read(source, options), options)


def build_parts(
    path: str, items: Iterable[ReadItem], options: IngestOptions, *, ends_file: bool = True
) -> Iterator[FileOutcome]:
    """Extract and build the documents of the pages of file `path` (all of them, or a run of them read by the
    parent for its workers, `ends_file` telling whether the run is the file's last), in parts as
    `ingest_file_parts` gives them; rejections met reading them pass through in place."""
    started = time.perf_counter()
    outcome = FileOutcome(path)
    matcher = TargetMatcher(options.targets) if options.targets else None
    for item in items:
        if isinstance(item, Rejection):
            outcome.rejections.append(item)
            continue
        if isinstance(item, PassedOver):
            outcome.passed_over[item.code] += 1
            continue
        if isinstance(item, RecordRead):
            outcome.records += 1
            outcome.fields_found.update(item.fields_found)
            continue
        if isinstance(item, FormatDoubt):
            outcome.format_doubt = item.note
            continue
        outcome.pages += 1
        outcome.format = item.format.value
        try:
            articles = extract_articles(item, options.common_lines)
        except NoArticleError as error:
            outcome.rejections.append(_page_rejection(item, "ingest.extract", "no_article", str(error)))
            continue
        except PageTooLargeError as error:
            outcome.rejections.append(_page_rejection(item, "ingest.extract", "page_too_large", str(error)))
            continue
        except Exception as error:  # a fault of ours on one page must not end a run over millions
            outcome.rejections.append(_fault(item, "ingest.extract", error))
            continue
        outcome.articles += len(articles)
        for index, parts in enumerate(articles):
            try:
                if options.drop_code:
                    prose = without_code(parts)
                    outcome.code_left_out += len(parts.paragraphs) - len(prose.paragraphs)
                    parts = prose
                document, content = build_document(parts, item, index, matcher)
                line = document.model_dump_json()
                # A character takes 4 bytes of UTF-8 at most: most records need no encoding to be measured.
                if len(line) > LINE_MAX_BYTES // 4 and (size := len(line.encode())) > LINE_MAX_BYTES:
                    raise DocumentTooLargeError(
                        f"the {parts.role.value} article {parts.title[:60]!r} makes a record of {size >> 20} MB, "
                        f"more than a JSON Lines line may be ({LINE_MAX_BYTES >> 20} MB: `builder validate` reads no "
                        "longer one)"
                    )
                seen = fingerprint(document.doc_id, content, document.text, options.dedup)
            except DocumentTooLargeError as error:
                outcome.rejections.append(_page_rejection(item, "ingest.build", "document_too_large", str(error)))
                continue
            except NoArticleError as error:
                outcome.rejections.append(_page_rejection(item, "ingest.build", "no_article", str(error)))
                continue
            except ValidationError as error:
                field_name, message = error_fields(error)[0]
                reason = f"the {parts.role.value} article {parts.title[:60]!r} breaks the record: {message}"
                outcome.rejections.append(_page_rejection(item, "ingest.build", "invalid_document", reason, field_name))
                continue
            except Exception as error:  # as above; writing the record and its fingerprint included
                outcome.rejections.append(_fault(item, "ingest.build", error))
                continue
            outcome.documents.append(BuiltDocument(line, seen))
            if len(outcome.documents) >= PART_DOCUMENTS:
                now = time.perf_counter()
                yield _with_format_doubt(replace(outcome, seconds=now - started, final=False))
                outcome, started = FileOutcome(path, outcome.format, format_doubt=outcome.format_doubt), now
    outcome.seconds = time.perf_counter() - started
    outcome.final = ends_file
    yield _with_format_doubt(outcome)


def _with_format_doubt(outcome: FileOutcome) -> FileOutcome:
    """The outcome with each rejection saying why the format forced looks wrong for its file, if it does: a
    broken WARC stream or no article made no sense of a file that plainly is page text or HTML without it."""
    if outcome.format_doubt is None:
        return outcome
    note = f" ({outcome.format_doubt})"
    return replace(outcome, rejections=[replace(item, reason=item.reason + note) for item in outcome.rejections])


class FileRows:
    """The report's row for every input file, kept as JSON lines in an unnamed temporary file rather than as
    dicts in memory: a run over a hundred thousand small page dumps held 100 MB of them until report.json was
    written (measured on 2 GB of dumps), memory that grew with the input. Each row was validated as it was made
    (`IngestFileRow`), so the report is written without holding them."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115  (lives as long as the report)
        self.count = 0

    def append(self, row: IngestFileRow) -> None:
        self._file.write(json.dumps(row_json(row), ensure_ascii=False) + "\n")
        self.count += 1

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[dict[str, Any]]:
        self._file.flush()
        self._file.seek(0)
        for line in self._file:
            yield json.loads(line)


@dataclass
class IngestTally:
    """What the run counts as it goes, written as report.json (`IngestReport`) once it ends."""

    inputs: list[str]
    files: FileRows = field(default_factory=FileRows)
    stages: dict[str, dict[str, Any]] = field(default_factory=dict)
    rejected: Counter[str] = field(default_factory=Counter)
    passed_over: Counter[str] = field(default_factory=Counter)
    """Records read that hold no page and are no fault (`PassedOver`), by code."""
    records: int = 0
    """Scraper records read under `--field`, and of them those each override's path held a value in."""
    fields_found: Counter[str] = field(default_factory=Counter)
    doubted_files: list[str] = field(default_factory=list)
    """Files read in the format `--format` forced that plainly are of another (`FormatDoubt`)."""
    warnings: list[str] = field(default_factory=list)
    """What the run did not refuse but the user should hear of (a `--field` that matched no record, a `--format`
    that does not fit some files)."""
    duplicates: Counter[str] = field(default_factory=Counter)
    documents: int = 0
    seconds: float = 0.0

    def write_json(self, path: Path, documents: str | list[str], quarantine: str) -> None:
        """report.json: the counts, the paths of the run's `documents` (a file, or the shards) and `quarantine`,
        then the row of every file, streamed from `files` one by one."""
        # The report is validated without its rows, which were validated one by one as they were made: the rows go
        # where the empty list is.
        report = IngestReport.create(
            inputs=self.inputs,
            documents=self.documents,
            rejected=dict(self.rejected),
            passed_over=dict(self.passed_over),
            warnings=self.warnings,
            duplicates=dict(self.duplicates),
            stages=self.stages,
            seconds=self.seconds,
            outputs=IngestOutputs(documents=documents, quarantine=quarantine),
            files=[],
        )
        head = json.dumps(report.model_dump(mode="json"), indent=2)
        with path.open("w", encoding="utf-8") as out:
            out.write(head.removesuffix(EMPTY_FILES_END) + "[")
            for number, row in enumerate(self.files):
                out.write(("," if number else "") + "\n    " + json.dumps(row, ensure_ascii=False))
            out.write("\n  ]\n}\n")


EMPTY_FILES_END = "[]\n}"
"""How the report's head ends, dumped with no row: `files`, the last field, an empty list."""


class FileTally:
    """The report's row of every file, and the read, extract and build counts, from the parts of the files'
    outcomes in input order (a file may come in parts: `ingest_file_parts`, a big export's runs of pages). The
    local engine counts its parts as they come in, the Ray engine's driver the rows of its map stage."""

    def __init__(self, report: IngestTally) -> None:
        self.report = report
        self.stages: dict[str, Counter[str]] = {name: Counter() for name in ("read", "extract", "build")}
        self._whole: FileOutcome | None = None
        self._documents = 0
        self._rejected: Counter[str] = Counter()

    def add(self, part: FileOutcome, documents: int, rejected: Counter[str]) -> FileOutcome | None:
        """Count a part in, with its number of documents and its rejections by code (given apart: the Ray
        engine's parts come without their lists); the file's counts over all its parts when it was the last."""
        whole = self._whole = self._whole or FileOutcome(part.path)
        whole.add_counts(part)
        self._documents += documents
        self._rejected.update(rejected)
        if not part.final:
            return None
        row = whole.report_row(self._documents, self._rejected)
        self.report.files.append(row)
        self.report.rejected.update(row.rejected)
        self.report.passed_over.update(whole.passed_over)
        self.report.records += whole.records
        self.report.fields_found.update(whole.fields_found)
        if whole.format_doubt:
            self.report.doubted_files.append(whole.path)
        self.stages["read"].update(files=1, pages=whole.pages, passed_over=whole.passed_over.total())
        self.stages["extract"].update(pages=whole.pages, articles=whole.articles)
        self.stages["build"].update(articles=whole.articles, documents=self._documents)
        if whole.code_left_out:
            self.stages["build"].update(code_paragraphs_left_out=whole.code_left_out)
        self._whole, self._documents, self._rejected = None, 0, Counter()
        return whole


def common_page_lines(files: Iterable[InputFile], options: IngestOptions) -> frozenset[str]:
    """Short lines found on most page dumps of the run: the app or site shell, never article text.

    Read from a sample of the page-text inputs before the run, so every worker gets the same set. Lines of
    prose are never counted: the same related article shown on many pages is still an article.
    """
    pages_with_line: Counter[str] = Counter()
    sampled = 0
    for source in files:
        if sampled >= COMMON_LINE_SAMPLE:
            break
        if not _may_be_page_text(source, options):
            continue
        for item in _read(source, options):
            if isinstance(item, Page) and item.format is SourceFormat.pagetext:
                sampled += 1
                short = {line.strip() for line in item.content.splitlines()}
                # Split no further than one word past the most: a paragraph's words need not all be counted.
                pages_with_line.update(
                    line
                    for line in short
                    if 0 < len(line.split(maxsplit=COMMON_LINE_MAX_WORDS)) <= COMMON_LINE_MAX_WORDS
                )
    floor = max(COMMON_LINE_MIN_PAGES, COMMON_LINE_MIN_SHARE * sampled)
    return frozenset(line for line, count in pages_with_line.items() if count >= floor)


def _may_be_page_text(source: InputFile, options: IngestOptions) -> bool:
    """Whether the file may hold page dumps, told from `--format` or its name alone: the sample reads no WARC,
    feed, export or HTML file only to throw it away (a run of WARCs read each of them twice)."""
    if options.format is not None:
        return options.format is SourceFormat.pagetext
    return EXTENSIONS.get(format_suffix(Path(source.location)) or "", SourceFormat.pagetext) is SourceFormat.pagetext


@dataclass(frozen=True)
class DocumentLine:
    """A validated document of the run, as the JSON line to write."""

    doc_id: str
    line: str
    duplicate_of: str | None


def run_ingest(
    inputs: list[str],
    options: IngestOptions,
    workers: int = 1,
    on_file: Callable[[FileOutcome], None] = lambda outcome: None,
    files: list[InputFile] | None = None,
) -> tuple[Iterator[DocumentLine | Rejection], IngestTally]:
    """The documents and rejections of the whole run, in input order, and the report they fill in as they go.

    `files` are the inputs' files when the caller has listed them already (`discover(inputs)`): listing a bucket
    of a million objects twice costs twice. The iterator is lazy: the report is complete once it is exhausted.
    """
    files = list(discover(inputs)) if files is None else files
    report = IngestTally(inputs=list(inputs))
    options = replace(options, common_lines=common_page_lines(files, options))
    return _run(files, options, workers, report, on_file), report


def _run(
    files: list[InputFile],
    options: IngestOptions,
    workers: int,
    report: IngestTally,
    on_file: Callable[[FileOutcome], None],
) -> Iterator[DocumentLine | Rejection]:
    started = time.perf_counter()
    index = DuplicateIndex(options.dedup)
    tally = FileTally(report)
    dedup = Counter[str]()
    for outcome in _outcomes(files, options, workers):
        checked = [(built, *index.check(built.fingerprint)) for built in outcome.documents]
        repeats = [repeated_record(built.line, doc_id) for built, doc_id, kind in checked if kind == REPEATED]
        rejections = [*outcome.rejections, *repeats]
        whole = tally.add(outcome, len(checked) - len(repeats), Counter(rejection.code for rejection in rejections))
        if whole is not None:
            on_file(whole)
        yield from rejections
        if repeats:
            dedup.update(repeated=len(repeats))
        for built, duplicate_of, kind in checked:
            if kind == REPEATED:
                continue
            dedup.update(documents=1, **({kind: 1} if kind else {"unique": 1}))
            line = built.line
            if duplicate_of is not None:
                report.duplicates[kind or ""] += 1
                line = mark_duplicate(line, duplicate_of)
            report.documents += 1
            yield DocumentLine(built.fingerprint.doc_id, line, duplicate_of)
    report.stages = {name: dict(counts) for name, counts in {**tally.stages, "dedup": dedup}.items()}
    report.warnings += run_warnings(options, report)
    report.seconds = round(time.perf_counter() - started, 3)


DOUBTED_FILES_NAMED = 3
"""Files named in the warning of a `--format` that does not fit them; report.json's rows name them all."""


def run_warnings(options: IngestOptions, report: IngestTally) -> list[str]:
    """What the run did not refuse but the user should hear of: a `--field` path that matched no record, and files
    that plainly are not of the format `--format` forced (their documents may be nonsense, such as a page dump's
    cookie notice read as HTML's article)."""
    warnings = unmatched_fields(options.field_map, report.records, report.fields_found)
    if report.doubted_files and options.format is not None:
        doubted = report.doubted_files
        named = ", ".join(doubted[:DOUBTED_FILES_NAMED])
        more = f" and {len(doubted) - DOUBTED_FILES_NAMED:,} more" if len(doubted) > DOUBTED_FILES_NAMED else ""
        files = (
            "file looks like another format and was" if len(doubted) == 1 else "files look like other formats and were"
        )
        warnings.append(
            f"--format {options.format.value}: {len(doubted):,} {files} read as "
            f"{FORMAT_NAMES[options.format]} as asked: {named}{more} (each file's row in report.json and its "
            "rejections say what it looks like; leave --format out to have each file's format told)"
        )
    return warnings


def repeated_record(line: str, doc_id: str) -> Rejection:
    """The quarantine item of the document `line` (id `doc_id`) of a page its input holds twice (`REPEATED`): the
    first is written."""
    document = json.loads(line)
    provenance = document["provenance"]
    return Rejection(
        "ingest.dedup",
        provenance["path"],
        "repeated_record",
        "the same page again (the same content, address and metadata, under the same record id or none), with the "
        f"same title and text: written once, as {doc_id}",
        line=provenance.get("line"),
        offset=provenance.get("offset"),
        record=provenance.get("record"),
        snippet=document["title"],
    )


UNMARKED_DUPLICATE = '"duplicate_of":null'


def mark_duplicate(line: str, duplicate_of: str) -> str:
    """The document's JSON line with `duplicate_of` set, without parsing the document again (that cost 0.7 ms
    a duplicate, and a crawl can be half duplicates). Safe on the text: documents are serialised by pydantic,
    which writes the unset field exactly as `"duplicate_of":null`, and in JSON text that sequence can only be
    the key itself, since a quote inside a string value is always escaped."""
    if UNMARKED_DUPLICATE not in line:
        raise ValueError(f"not a document line without duplicate_of: {line[:80]}")
    return line.replace(UNMARKED_DUPLICATE, f'"duplicate_of":{json.dumps(duplicate_of)}', 1)


def _outcomes(files: list[InputFile], options: IngestOptions, workers: int) -> Iterator[FileOutcome]:
    if workers <= 1:
        for source in files:
            yield from ingest_file_parts(source, options)
        return
    # Results come back in input order, so the first copy of a duplicate is the same at any --workers; only a
    # few tasks per worker are in flight (Executor.map would submit every file at once, and finished results
    # would pile up in memory whenever writing falls behind).
    load_model()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        tasks = _tasks(files, options, max(1, min(TASK_FILES, len(files) // (workers * TASKS_PER_WORKER))))
        pending = deque(_submit(pool, task, options) for task in islice(tasks, workers * AHEAD))
        while pending:
            outcomes = pending.popleft().result()
            following = next(tasks, None)
            if following is not None:
                pending.append(_submit(pool, following, options))
            yield from outcomes


@dataclass(frozen=True)
class PagesTask:
    """A run of one file's pages (and the rejections met reading them), read by the parent for a worker."""

    path: str
    items: list[ReadItem]
    ends_file: bool


def _submit(pool: ProcessPoolExecutor, task: list[InputFile] | PagesTask, options: IngestOptions) -> Future[Any]:
    if isinstance(task, PagesTask):
        return pool.submit(pages_task, task, options)
    return pool.submit(ingest_task, task, options)


def ingest_task(sources: list[InputFile], options: IngestOptions) -> list[FileOutcome]:
    """A worker's task: `ingest_file` on each of the files."""
    return [ingest_file(source, options) for source in sources]


def pages_task(task: PagesTask, options: IngestOptions) -> list[FileOutcome]:
    """A worker's task: build the documents of a run of a file's pages."""
    return list(build_parts(task.path, task.items, options, ends_file=task.ends_file))


def _tasks(
    files: Iterable[InputFile], options: IngestOptions, most_files: int
) -> Iterator[list[InputFile] | PagesTask]:
    """Consecutive files in groups of up to `TASK_BYTES` (a bigger file alone) and at most `most_files`; a big
    export of records (`read_by_parent`) as runs of its pages instead, which the workers build in turn."""
    task: list[InputFile] = []
    task_bytes = 0
    for source in files:
        size = input_size(source)
        by_parent = read_by_parent(source, size, options)
        if task and (task_bytes + size > TASK_BYTES or len(task) == most_files or by_parent):
            yield task
            task, task_bytes = [], 0
        if by_parent:
            yield from page_runs(source, options)
            continue
        task.append(source)
        task_bytes += size
    if task:
        yield task


def read_by_parent(source: InputFile, size: int, options: IngestOptions) -> bool:
    """Whether a file is read by the parent (or the Ray engine's driver), its pages handed to the workers (or Ray
    tasks) in runs: an export of records (JSON Lines, CSV, Parquet, Arrow, a feed, a WARC) over SPLIT_BYTES. As a
    worker's task of its own, one such file kept one worker busy while the others waited, and its documents were
    held until its end."""
    if size <= SPLIT_BYTES or is_url(source.location):
        return False
    kind = options.format or EXTENSIONS.get(format_suffix(Path(source.location)) or "")
    return kind in RECORD_FORMATS


def page_runs(source: InputFile, options: IngestOptions) -> Iterator[PagesTask]:
    """The file's pages and rejections in runs of about TASK_BYTES of content, or PART_DOCUMENTS pages; a run is
    handed on when the next item is read, so the last is known to end the file."""
    run: list[ReadItem] = []
    run_chars = 0
    # Each run is built on its own: a file's `FormatDoubt` goes with all of them, for their rejections to say it.
    doubt: list[ReadItem] = []
    for item in _read(source, options):
        if isinstance(item, FormatDoubt):
            doubt = [item]
        if run and (run_chars >= TASK_BYTES or len(run) >= PART_DOCUMENTS):
            yield PagesTask(source.shown, run, ends_file=False)
            run, run_chars = [*doubt], 0
        run.append(item)
        run_chars += len(item.content) if isinstance(item, Page) else 0
    yield PagesTask(source.shown, run, ends_file=True)


def input_size(source: InputFile) -> int:
    """The file's size, as far as the parent can tell cheaply: a URL's (not asked for) or an unreadable file's
    counts as big, a task of its own, and reading it tells the rest."""
    if is_url(source.location):
        return TASK_BYTES
    try:
        return os.stat(source.location).st_size
    except OSError:
        return TASK_BYTES


def _read(source: InputFile, options: IngestOptions) -> Iterator[ReadItem]:
    """`read_pages`, with a fault of the builder while reading the file quarantined after the pages read before
    it, as faults while extracting and building are: one odd file (a feed's root, a charset name, a property
    list nested thousands deep) must not end the run, nor the pre-pass that samples page dumps before it."""
    try:
        yield from read_pages(source, options.format, options.field_map)
    except Exception as error:
        reason = f"the builder failed reading this file ({_fault_place(error)}); please report it"
        yield Rejection("ingest.read", source.shown, "builder_fault", reason)


def _fault_place(error: Exception) -> str:
    """The error and where in the builder it was raised."""
    frames = traceback.extract_tb(error.__traceback__)
    place = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "unknown place"
    return f"{type(error).__name__}: {error} at {place}"


def _fault(page: Page, stage: str, error: Exception) -> Rejection:
    """A page on which the builder itself failed: quarantined with the error and where in the builder it was
    raised, so that the run goes on and the page can be reported and read again once the fault is fixed."""
    reason = f"the builder failed on this page ({_fault_place(error)}); please report it"
    return _page_rejection(page, stage, "builder_fault", reason)


def _page_rejection(page: Page, stage: str, code: str, reason: str, field_name: str | None = None) -> Rejection:
    return Rejection(
        stage,
        page.source.shown,
        code,
        reason,
        line=page.line,
        offset=page.offset,
        record=page.record,
        field=field_name,
        snippet=snippet(page.content),
    )


def _markdown_paragraphs(markdown: str) -> list[tuple[str, ParagraphKind]]:
    """A record's text in Markdown (Firecrawl's, crawl4ai's `markdown`) as paragraphs: a block each, its headings
    as headings, a code block's lines as code, the markup out (`markdown_text`). A heading first that is the
    record's title printed again is taken off with the rest of the text's header (`without_header`)."""
    shown = markdown_text(markdown)
    return [
        (line.strip(), _markdown_kind(number, shown.headings, shown.code))
        for number, line in enumerate(shown.text.split("\n"))
        if line.strip()
    ]


def _markdown_kind(line: int, headings: frozenset[int], code: frozenset[int]) -> ParagraphKind:
    if line in headings:
        return ParagraphKind.heading
    return ParagraphKind.code if line in code else ParagraphKind.body


def _restates_title(title: str, paragraphs: list[tuple[str, ParagraphKind]], outlet: Any) -> bool:
    """Whether a record's text holds no word of substance beyond its title and outlet's name ("Council extends night
    buses" under that title, "... - Reuters"): a feed or scraper that kept the link, not the article."""
    known = content_words(title) | (content_words(outlet) if isinstance(outlet, str) else set())
    return not set().union(*(content_words(text) for text, _ in paragraphs)) - known


PLAIN_TEXT_MAX_SHARE = 4
"""How many times an article's most characters (`build.DOCUMENT_MAX_CHARS`) a record's plain text may hold: past
it the article is too long whatever white space and markup its reading drops."""


def _scraper_article(page: Page) -> ArticleParts:
    if len(page.content) > PLAIN_TEXT_MAX_SHARE * DOCUMENT_MAX_CHARS and not page.content_is_html:
        # Told before the text is read into paragraphs: a record of 50 MB of text took 1.1 GB of memory on its way
        # to `document_too_large`.
        raise PageTooLargeError(
            f"the record's text holds {len(page.content):,} characters, more than {PLAIN_TEXT_MAX_SHARE} times the "
            f"longest article built ({DOCUMENT_MAX_CHARS:,}): a book, a data dump or many articles as one"
        )
    title = page.fields.get("title")
    if isinstance(title, str):
        # A title of control characters only ("\u0000") is none: the text's opening stands in, as for a record
        # without a title.
        title = visible(title).strip() or None
    if page.text_is_markdown or is_markdown(None, page.content):
        paragraphs = _markdown_paragraphs(page.content)
    elif page.content_is_html or is_html_text(page.content):
        paragraphs = fragment_paragraphs(page.content)
    else:
        # A feed's item text has had its references read already, as its format says (an Atom text's stand).
        text = page.content if page.format is SourceFormat.feed else unescape_references(page.content)
        blocks = [block.strip() for block in BLANK_LINE.split(text) if block.strip()]
        if len(blocks) == 1 and "\n" in blocks[0]:
            blocks = [line.strip() for line in blocks[0].splitlines() if line.strip()]
        # One block left is an article the scraper flattened onto one line: restore its paragraphs.
        paragraphs = (
            split_paragraphs(blocks[0]) if len(blocks) == 1 else [(block, ParagraphKind.body) for block in blocks]
        )
    if not paragraphs:
        raise NoArticleError("the record's text is empty")
    if isinstance(title, str) and _restates_title(title, paragraphs, page.fields.get("source")):
        raise NoArticleError("the record's text only restates its title (a link to the article, not the article)")
    paragraphs, printed_date, printed_update = without_header(paragraphs, title if isinstance(title, str) else None)
    if not paragraphs:
        raise NoArticleError("the record's text holds only its title, byline and date")
    return ArticleParts(
        role=DocumentRole.main,
        title=title.strip() if isinstance(title, str) and title.strip() else paragraphs[0][0][:120],
        paragraphs=paragraphs,
        # The date the record states wins (`build`): the printed one stands in where it states none.
        published_text=None if page.fields.get("published") not in (None, "") else printed_date,
        updated_text=None if page.fields.get("updated") not in (None, "") else printed_update,
    )
