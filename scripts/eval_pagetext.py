"""Score `extract_pagetext` on the rendered WCXB article pages: main-text word F1, titles, speed.

Why: the page-text extractor decides everything from line features, and only a few hundred pages from many
sites tell whether those features generalise beyond the one aggregator dump in samples/. Run
`scripts/render_wcxb.py` first; this script reads its dumps and WCXB's hand-checked ground truth.

- Word F1: bag of lowercased word tokens of the main article (title excluded, paragraphs joined) against
  `ground_truth.main_content`, per page, then averaged over pages (precision and recall likewise). A page where
  the extractor finds no article scores 0.
- Titles: the share of pages whose main title equals `ground_truth.title` after whitespace normalisation
  ("exact"), and typography aside (`normalise_typography`: NFKC, straight quotes, dashes as hyphens; case and
  wording count). "On the page" is the ceiling: the share of pages where the truth title, typography aside, is
  a whole line of the dump at all, as printed or as the extractor rejoins wrapped lines (WCXB often takes it from
  the <title> tag, which a page dump lacks).
  `--fit-titles` refits the weights of the title clues on the dev half (see `pagetext_titles.TITLE_WEIGHTS`).
- Dates: the main article's published time as printed, read as `builder ingest` reads it, against the truth's
  `publish_date`, by the day: right, wrong, or missing (none found), over the pages that have a truth date; then
  the same for the published time, else the last update's where the page prints only that ("Updated June 18,
  2025"). Not a target of the issue; WCXB's date is often the page's update rather than its publication.
- Snippets: WCXB lists, per page, snippets the article text must hold (`with`) and boilerplate it must not
  (`without`): the share of each found in the main text, typography aside (a snippet under three words only as
  a whole paragraph). Word F1 hardly sees a sign-up box or a byline left in the text; these do.
- Related documents: the articles found below the main one, against tests/fixtures/related_labels.jsonl, where a
  helper labelled each related document of the run at commit a6f9730 (page, title) "related" (another article
  or a teaser card), "main_part" (a section of the main article cut off from it) or "boilerplate" (comments,
  footers, legal notices, consent banners, bios, promotions), with a reason. Those labelled "related" whose
  reason calls them a list of teasers ("teaser list of other photography articles", "teaser cards of ...",
  "teaser summaries of ...", "headlines with summaries") are "teasers" since 0.19.0: several stories'
  excerpts under the first one's title are no article to annotate. How many of each the extractor still
  gives, and how many it gives that were not labelled (a title that changed, or a new block). Related articles
  should all stay, teasers and boilerplate should go; a main part that stays is text the main article lacks.
- Speed: pages and documents (articles found, four on the sample page) per CPU-second of `extract_pagetext`
  alone, in one process (one core), over all pages and over the sample page
  samples/daily8-putin-trump-call.txt; the best of three rounds.
- `common_lines`: the lines a run over these dumps would treat as shell, computed by the run's own
  `builder.ingest.pipeline.common_page_lines`, so the figures measure what `builder ingest` does.
- News: the same figures over the WCXB pages from newsrooms that tests/fixtures/claims_gold.jsonl labels (18,
  of both halves; see `news_pages`), as the issue's title and F1 targets speak of news page text; "news?" over
  the wider, cruder set of pages whose address says "news" (`NEWS_URL`); "news*" over the pages whose HTML
  declares itself a schema.org NewsArticle (`declared_news_pages`). Each is chosen by a rule set before its
  figures were seen, not by how the extractor does on it.
- Halves: pages are split by a hash of their id into a dev half (look at it, tune on it: `--worst` lists only
  its pages) and a test half that is only ever scored, so the test figures say how well the tuning generalises.

- Per page: `--pages-out FILE` writes each page's figures as a JSON line (`page_row`), for
  `scripts/compare_pagetext.py OLD NEW` to list the pages whose title, text, date or related documents a change
  moved: how every rule of the extractor is checked before it lands.

Prints figures, asserts nothing.
Usage: eval_pagetext.py [DATA_DIR] [DUMP_DIR] [--worst N] [--no-speed] [--fit-titles] [--pages-out FILE]
(defaults: ../shared/data/wcxb-dev-articles and /tmp/wcxb-pagetext).
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import hashlib
import json
import re
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Collection
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import NamedTuple
from unittest import mock

import numpy as np

from builder.ingest import pagetext, pagetext_titles
from builder.ingest.build import tidy
from builder.ingest.dates import parse_published
from builder.ingest.markdown_text import is_markdown, markdown_text
from builder.ingest.pagetext import NoArticleError, extract_pagetext
from builder.ingest.pagetext_blocks import Block
from builder.ingest.pagetext_lines import Line, read_lines
from builder.ingest.pipeline import IngestOptions, common_page_lines
from builder.ingest.sources import InputFile
from builder.records import SourceFormat

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "wcxb-dev-articles"
DEFAULT_DUMPS = Path("/tmp/wcxb-pagetext")
SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "daily8-putin-trump-call.txt"
SPLIT_SALT = b"eval_pagetext"
RELATED_LABELS = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "related_labels.jsonl"
CLAIMS_GOLD = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "claims_gold.jsonl"
NEWS_URL = re.compile(r"news", re.IGNORECASE)
"""A wider, cruder news subset than `news_pages`: the pages whose address says "news" (a news site, a newsroom, a
/news/ section; a newsletter's page too)."""
_TOKEN = re.compile(r"\w+")


def tokens(text: str) -> Counter[str]:
    return Counter(_TOKEN.findall(text.lower()))


def word_scores(predicted: str, truth: str) -> tuple[float, float, float]:
    """Precision, recall and F1 of the bag of words of `predicted` against `truth`."""
    got, want = tokens(predicted), tokens(truth)
    common = sum((got & want).values())
    if not got or not want or not common:
        return 0.0, 0.0, 0.0
    precision, recall = common / sum(got.values()), common / sum(want.values())
    return precision, recall, 2 * precision * recall / (precision + recall)


def normalise_space(text: str) -> str:
    return " ".join(text.split())


_TYPOGRAPHY = str.maketrans(
    {**dict.fromkeys("‘’‚‛′", "'"), **dict.fromkeys("“”„‟″", '"'), **dict.fromkeys("‐‑‒–—―", "-")}
)


def normalise_typography(text: str) -> str:
    """Whitespace normalised, Unicode compatibility forms folded (NFKC: "？" to "?", "…" to "..."), curly quotes
    and primes made straight and every dash a hyphen. WCXB's titles often come from the page's <title>, typed
    with straight quotes, while the headline on the page has curly ones: the same title in other typography.
    Case and wording are left alone."""
    return normalise_space(unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHY))


def half(page: str) -> str:
    """ "dev" or "test": a salted hash of the page id, so the halves are fixed and not chosen by looking."""
    return "dev" if hashlib.sha256(SPLIT_SALT + page.encode()).digest()[0] % 2 == 0 else "test"


def dump_files(dump_dir: Path) -> list[Path]:
    """The page dumps of a folder: plain (`NNNN.txt`) or Markdown (`NNNN.md`, `render_wcxb.py --markdown`)."""
    return sorted([*dump_dir.glob("*.txt"), *dump_dir.glob("*.md")])


class Dump(NamedTuple):
    """A page dump as `builder ingest` reads it: its text, and the lines it marks as headings and as code (a Markdown
    dump's)."""

    text: str
    headings: frozenset[int] = frozenset()
    code: frozenset[int] = frozenset()


def visible_text(path: Path) -> Dump:
    """A dump as `builder ingest` reads it: a Markdown dump as the text it shows, its headings and its code blocks
    (`markdown_text`)."""
    text = path.read_text(encoding="utf-8")
    if is_markdown(path, text):
        shown = markdown_text(text)
        return Dump(shown.text, shown.headings, shown.code)
    return Dump(text)


def run_common_lines(dump_dir: Path) -> frozenset[str]:
    """The common lines `builder ingest DUMP_DIR` would pass to every page of its run."""
    files = [InputFile(path, path.name) for path in dump_files(dump_dir)]
    return common_page_lines(files, IngestOptions(format=SourceFormat.pagetext))


class Extracted(NamedTuple):
    """What `score_page` reads of the extractor's articles on a page."""

    title: str
    body: str
    published: str | None
    related_titles: list[str]
    day_first: bool | None = None
    updated: str | None = None


def main_text(dump: Dump, common: Collection[str]) -> Extracted | None:
    """The main article's title, text and published time as printed, tidied as `builder ingest` tidies every
    article, and the titles of the related articles, or None when the extractor finds no article."""
    try:
        articles = extract_pagetext(dump.text, common, dump.headings, dump.code)
    except NoArticleError:
        return None
    main = next((article for article in articles if article.role.value == "main"), None)
    if main is None:
        return None
    main = tidy(main)
    related = [article.title for article in articles if article.role.value == "related"]
    body = "\n\n".join(paragraph for paragraph, _ in main.paragraphs)
    return Extracted(main.title, body, main.published_text, related, main.day_first, main.updated_text)


def speed(dumps: list[Dump], common: Collection[str], repeat: int = 1, rounds: int = 3) -> tuple[float, float]:
    """Pages and documents (articles found) per CPU-second of `extract_pagetext` over `dumps`, from the best
    of `rounds` timings.

    CPU time of this process rather than wall time, and the best round rather than the mean (as `timeit`
    does): on a shared machine, wall time and the slower rounds measure the other processes too.
    """
    best = float("inf")
    documents = 0
    for _ in range(rounds):
        documents = 0
        began = time.process_time()
        for _ in range(repeat):
            for dump in dumps:
                with contextlib.suppress(NoArticleError):
                    documents += len(extract_pagetext(dump.text, common, dump.headings, dump.code))
        best = min(best, time.process_time() - began)
    return repeat * len(dumps) / best, documents / best


@dataclass(frozen=True, slots=True)
class PageScore:
    """One page's figures against its truth."""

    page: str
    precision: float
    recall: float
    f1: float
    exact: bool
    same_typography_aside: bool
    title_on_page: bool
    """The truth title is a whole line of the dump, typography aside: the most any choice of a line can get."""
    title_printed: bool
    """The truth title is a whole line of the dump as printed (spaces aside): the most any choice of a line can get
    exactly right; the truth writes many titles with straight quote marks where the page prints curly ones."""
    whole_page_f1: float
    title: str
    want: str
    date: str | None
    """"right", "wrong" or "missing": the published date (its day) against the truth's; None without one."""
    page_date: str | None
    """The same for the published date, else the last update's: WCXB's `publish_date` is often the page's update
    (a page that prints only "Updated June 18, 2025" has no `published_at` but that `updated_at`)."""
    snippets_kept: tuple[int, int]
    """(found, listed) of the truth's `with` snippets: text an extraction must hold."""
    snippets_leaked: tuple[int, int]
    """(found, listed) of the truth's `without` snippets: boilerplate an extraction must not hold."""
    related: Counter[str]
    """The related documents given, by their label in RELATED_LABELS ("unlabelled" when not there)."""


def score_page(
    page: str,
    dump: Dump,
    truth: dict[str, str],
    common: Collection[str],
    related_labels: dict[tuple[str, str, int], str],
) -> PageScore:
    found = main_text(dump, common) or Extracted("", "", None, [])
    title, body, published = found.title, found.body, found.published
    want = truth["title"] or ""
    precision, recall, f1 = word_scores(body, truth["main_content"])
    lines = page_lines(dump.text, common)
    return PageScore(
        page=page,
        precision=precision,
        recall=recall,
        f1=f1,
        exact=normalise_space(title) == normalise_space(want),
        same_typography_aside=normalise_typography(title) == normalise_typography(want),
        title_on_page=normalise_typography(want) in set(map(normalise_typography, lines)),
        title_printed=normalise_space(want) in set(map(normalise_space, lines)),
        whole_page_f1=word_scores(dump.text, truth["main_content"])[2],
        title=title,
        want=want,
        date=date_score(published, truth.get("publish_date"), found.day_first),
        page_date=date_score(published or found.updated, truth.get("publish_date"), found.day_first),
        snippets_kept=snippets_found(body, truth.get("with") or []),
        snippets_leaked=snippets_found(body, truth.get("without") or []),
        related=Counter(
            related_labels.get((page, related, found.related_titles[: index + 1].count(related)), "unlabelled")
            for index, related in enumerate(found.related_titles)
        ),
    )


def page_row(score: PageScore) -> dict[str, object]:
    """A page's figures as `--pages-out` writes them: JSON's types, its half beside them."""
    row = asdict(score)
    row["related"] = dict(score.related)
    return {"half": half(score.page), **row}


def page_lines(text: str, common: Collection[str]) -> list[str]:
    """The dump's lines as printed and as the extractor reads them: a headline a text browser wrapped over two lines
    is on the page as one line once rejoined (`read_lines`)."""
    return [*text.splitlines(), *(line.text for line in read_lines(text, common))]


SNIPPET_MIN_WORDS = 3
"""A shorter snippet ("Home", "Login") counts as found only as a whole paragraph: as a phrase, text holds it too."""


def snippets_found(body: str, snippets: list[str]) -> tuple[int, int]:
    """(found, listed): how many of WCXB's `with` or `without` snippets the extracted text holds, typography
    aside. These see what word F1 barely does: a newsletter sign-up or a byline left between paragraphs is a few
    words of hundreds, but an annotator reads it."""
    text = normalise_typography(body)
    paragraphs = {normalise_typography(paragraph) for paragraph in body.splitlines()}
    found = 0
    for snippet in map(normalise_typography, snippets):
        found += (snippet in text) if len(snippet.split()) >= SNIPPET_MIN_WORDS else (snippet in paragraphs)
    return found, len(snippets)


def date_score(published: str | None, truth: str | None, day_first: bool | None = None) -> str | None:
    """How the published time as printed, read as `builder ingest` reads it (no crawl date to lean on), compares
    with the truth's publish date, by the day."""
    if not truth or len(truth) < 10:
        return None
    moment = parse_published(published, None, day_first=day_first)
    if moment is None:
        return "missing"
    return "right" if moment.date().isoformat() == truth[:10] else "wrong"


def main_title_candidates(dump: Dump, common: Collection[str]) -> list[tuple[str, list[float]]]:
    """The title candidates of the block that gave the page its main article: each line's text and its clue
    values (`pagetext_titles.clue_values`, story clues measured for all), as `extract_pagetext` saw them.

    `find_title` is wrapped for the one call to record what it was given; the main article's call is the first
    one whose choice is the main title (once a site name printed after it is taken off)."""
    calls: list[tuple[list[Line], Block, int, pagetext_titles.PageFacts | None, int | None]] = []

    def recording(
        lines: list[Line], block: Block, floor: int, page: pagetext_titles.PageFacts | None = None
    ) -> int | None:
        found = pagetext_titles.find_title(lines, block, floor, page)
        calls.append((lines, block, floor, page, found))
        return found

    with mock.patch.object(pagetext, "find_title", recording):
        found = main_text(dump, common)
    if found is None:
        return []
    title = found.title
    for lines, block, floor, page, chosen in calls:
        if chosen is not None and pagetext_titles.without_site_suffix(lines, chosen) == title:
            context = pagetext_titles.TitleContext(lines, block, floor, page)
            return [
                (
                    lines[index].text,
                    list(pagetext_titles.clue_values(context.with_story_clues(index, clues))),
                )
                for index, clues in pagetext_titles.title_candidates(context)
            ]
    return []


def fit_title_weights(pages: list[tuple[list[tuple[str, list[float]]], str]], ridge: float = 0.01) -> np.ndarray:
    """Weights of the title clues as a conditional logit: per page, the softmax over its candidates of their
    weighted clues, fitted by gradient descent to the likelihood of the candidate that is the truth title (pages
    where none is are left out), with a small ridge penalty."""
    sets = []
    for candidates, want in pages:
        labels = [normalise_typography(text) == want for text, _ in candidates]
        if any(labels):
            sets.append((np.array([values for _, values in candidates]), labels.index(True)))
    weights = np.zeros(len(pagetext_titles.TITLE_WEIGHTS))
    for _ in range(3000):
        gradient = 2 * ridge * weights
        for values, truth in sets:
            scores = values @ weights
            chances = np.exp(scores - scores.max())
            chances /= chances.sum()
            gradient -= values[truth] - chances @ values
        weights -= 0.5 * gradient / len(sets)
    return weights


def title_fit_report(dumps: dict[str, Dump], truth_dir: Path, common: Collection[str]) -> None:
    """Fit the title weights on the dev half, print them and their top-1 accuracy on each half's candidates."""
    halves: dict[str, list[tuple[list[tuple[str, list[float]]], str]]] = {"dev": [], "test": []}
    for page, dump in dumps.items():
        truth = json.loads((truth_dir / f"{page}.json").read_text(encoding="utf-8"))["ground_truth"]
        if truth.get("main_content"):
            want = normalise_typography(truth["title"] or "")
            halves[half(page)].append((main_title_candidates(dump, common), want))
    fitted = fit_title_weights(halves["dev"])
    current = np.array(list(pagetext_titles.TITLE_WEIGHTS.values()))
    print("title weights fitted on dev (current in brackets):")
    for name, weight, now in zip(pagetext_titles.TITLE_WEIGHTS, fitted, current, strict=True):
        print(f"  {name:<14} {weight:+.2f}  ({now:+.2f})")
    for name, pages in halves.items():
        for label, weights in (("fitted", fitted), ("current", current)):
            right = sum(
                1
                for candidates, want in pages
                if candidates
                and normalise_typography(max(candidates, key=lambda c: float(np.dot(c[1], weights)))[0]) == want
            )
            print(f"  {name} {label}: best candidate is the title on {right / len(pages):.1%} of pages")


def _date_figures(scores: list[PageScore], page_dates: bool = False) -> str:
    dated = [score.page_date if page_dates else score.date for score in scores if score.date is not None]
    if not dated:
        return "(no truth dates)"
    share = {outcome: dated.count(outcome) / len(dated) for outcome in ("right", "wrong", "missing")}
    return f"right {share['right']:.1%} wrong {share['wrong']:.1%} missing {share['missing']:.1%} of {len(dated)}"


def summary(name: str, scores: list[PageScore]) -> str:
    """One line of figures for a set of pages."""
    count = len(scores)

    def mean(values: list[float]) -> float:
        return sum(values) / count

    return (
        f"{name:<5} {count:>3} pages  word F1 {mean([s.f1 for s in scores]):.3f}"
        f"  P {mean([s.precision for s in scores]):.3f}  R {mean([s.recall for s in scores]):.3f}"
        f"  titles exact {mean([s.exact for s in scores]):.1%}"
        f" (typography aside {mean([s.same_typography_aside for s in scores]):.1%},"
        f" on the page {mean([s.title_on_page for s in scores]):.1%},"
        f" printed so {mean([s.title_printed for s in scores]):.1%})"
        f"  scoring 0: {sum(1 for s in scores if s.f1 == 0.0)}"
        f"  dates {_date_figures(scores)} (else the update's: {_date_figures(scores, page_dates=True)})"
        f"  whole page as article: F1 {mean([s.whole_page_f1 for s in scores]):.3f}"
        f"  snippets: text kept {_share([s.snippets_kept for s in scores])}, boilerplate leaked"
        f" {_share([s.snippets_leaked for s in scores])}"
    )


def load_related_labels() -> dict[tuple[str, str, int], str]:
    """(page, title, occurrence) -> label of every related document in RELATED_LABELS. A page may print one
    title over several blocks (the same story three times, a section cut off under a teaser's title): the
    occurrence, from 1, tells them apart in page order."""
    rows = [json.loads(line) for line in RELATED_LABELS.read_text(encoding="utf-8").splitlines()]
    return {(row["page"], row["title"], row["occurrence"]): row["label"] for row in rows}


def related_summary(name: str, scores: list[PageScore], labels: dict[tuple[str, str, int], str]) -> str:
    """How many related documents of each label the extractor still gives on these pages, of those labelled."""
    given = sum((score.related for score in scores), Counter[str]())
    pages = {score.page for score in scores}
    labelled = Counter(label for (page, _, _), label in labels.items() if page in pages)
    kinds = ", ".join(
        f"{kind} {given[kind]}/{labelled[kind]}" for kind in ("related", "teasers", "main_part", "boilerplate")
    )
    return f"{name:<5} related documents given: {kinds}; unlabelled {given['unlabelled']}"


def news_pages() -> set[str]:
    """The WCXB pages of newsrooms (news outlets, university and hospital newsrooms) whose articles the claims
    gold labels: chosen there, as news, for another purpose than titles, so they are a news subset that was not
    picked for how the extractor does on it. Most WCXB article pages are guides, product pages and blogs."""
    rows = [json.loads(line) for line in CLAIMS_GOLD.read_text(encoding="utf-8").splitlines()]
    return {Path(row["path"]).name.split(".")[0] for row in rows if row["source"] == "wcxb"}


NEWS_ARTICLE_TYPE = re.compile(rb'"@type"\s*:\s*(?:\[[^\]]*)?"(?:Reportage|Analysis|Opinion|Background)?NewsArticle"')
"""A schema.org NewsArticle (or one of its kinds) in the page's JSON-LD: the publisher's own word that the page is a
news article."""


def declared_news_pages(data_dir: Path) -> set[str]:
    """The WCXB pages whose HTML declares itself a news article (see NEWS_ARTICLE_TYPE): a third news subset, wider
    than `news_pages` and chosen by a rule set before its figures were seen. Publishers decide it, so it holds
    newsletters (Substack calls every post one) and magazine round-ups as well as reporting."""
    return {
        path.name.split(".")[0]
        for path in sorted((data_dir / "html").glob("*.html.gz"))
        if NEWS_ARTICLE_TYPE.search(gzip.decompress(path.read_bytes()))
    }


def _share(counts: list[tuple[int, int]]) -> str:
    found, listed = (sum(column) for column in zip(*counts, strict=True)) if counts else (0, 0)
    return f"{found / listed:.1%} of {listed}" if listed else "(none listed)"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("dump_dir", nargs="?", type=Path, default=DEFAULT_DUMPS)
    parser.add_argument("--worst", type=int, default=0, help="list the N dev pages with the lowest F1")
    parser.add_argument("--no-common", action="store_true", help="pass no common lines (each page on its own)")
    parser.add_argument("--no-speed", action="store_true", help="skip the speed figures")
    parser.add_argument("--fit-titles", action="store_true", help="refit the title clue weights on dev, print them")
    parser.add_argument("--pages-out", type=Path, help="write each page's figures here, a JSON line per page")
    args = parser.parse_args(argv[1:])
    data_dir, dump_dir = args.data_dir, args.dump_dir
    truth_dir = data_dir / "ground-truth"
    if not truth_dir.is_dir():
        print(f"skipped: {truth_dir} is absent (the WCXB data lives outside the repository)")
        return 0
    if not dump_dir.is_dir():
        print(f"skipped: no rendered dumps in {dump_dir}; run scripts/render_wcxb.py first")
        return 0
    dumps = {path.stem: visible_text(path) for path in dump_files(dump_dir)}
    common = frozenset() if args.no_common else run_common_lines(dump_dir)
    halves: dict[str, list[PageScore]] = {"dev": [], "test": []}
    related_labels = load_related_labels()
    unlabelled = 0
    news_by_url: set[str] = set()
    for page, dump in dumps.items():
        record = json.loads((truth_dir / f"{page}.json").read_text(encoding="utf-8"))
        truth = record["ground_truth"]
        if NEWS_URL.search(record.get("url") or ""):
            news_by_url.add(page)
        if not truth.get("main_content"):
            unlabelled += 1
            continue
        halves[half(page)].append(score_page(page, dump, truth, common, related_labels))
    if args.pages_out:
        every_page = sorted(halves["dev"] + halves["test"], key=lambda score: score.page)
        lines = (json.dumps(page_row(score), ensure_ascii=False) + "\n" for score in every_page)
        args.pages_out.write_text("".join(lines), encoding="utf-8")
    print(f"pages: {sum(map(len, halves.values()))} (skipped {unlabelled} without main_content)", end="")
    print(f"  common lines of the run: {len(common)}")
    for name, scores in [*halves.items(), ("all", halves["dev"] + halves["test"])]:
        print(summary(name, scores))
    every = halves["dev"] + halves["test"]
    subsets = (("news", news_pages()), ("news?", news_by_url), ("news*", declared_news_pages(data_dir)))
    for name, pages in subsets:
        if news := [score for score in every if score.page in pages]:
            print(summary(name, news))
    for name, scores in halves.items():
        print(related_summary(name, scores, related_labels))
    if args.fit_titles:
        title_fit_report(dumps, truth_dir, common)
    if not args.no_speed:
        mean_chars = sum(len(dump.text) for dump in dumps.values()) / len(dumps)
        print("speed per CPU-second, best of 3 (a page gives one document per article found on it):")
        pages, documents = speed(list(dumps.values()), common)
        print(f"  all WCXB pages (mean {mean_chars:.0f} chars): {pages:.0f} pages/s, {documents:.0f} documents/s")
        if SAMPLE.is_file():
            sample = SAMPLE.read_text(encoding="utf-8")
            pages, documents = speed([Dump(sample)], (), repeat=500)
            print(f"  the sample page ({len(sample)} chars): {pages:.0f} pages/s, {documents:.0f} documents/s")
    for score in sorted(halves["dev"], key=lambda s: s.f1)[: args.worst]:
        figures = f"F1 {score.f1:.2f} P {score.precision:.2f} R {score.recall:.2f}"
        print(f"{score.page} {figures} title {'ok' if score.same_typography_aside else 'WRONG'}: {score.title!r}")
        if not score.same_typography_aside:
            print(f"     want title {score.want!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
