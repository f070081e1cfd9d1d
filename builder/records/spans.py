"""Character spans into a document's `text`: `[start, end)` offsets, optionally with the text they cover.

A span can only check its own bounds; that `text[start:end]` equals the span's text is checked by the
record that owns both (see `Document`), since only it knows the text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Annotated

from pydantic import Field, model_validator

from builder.records.base import NonEmptyStr, StrictModel
from builder.records.labels import CheckWorthiness, ParagraphKind

Offset = Annotated[int, Field(ge=0, description="Character offset into the owning record's `text`.")]


class Span(StrictModel):
    """`[start, end)` character offsets; empty spans are not allowed."""

    start: Offset
    end: Offset

    @model_validator(mode="after")
    def _start_before_end(self) -> Span:
        if self.start >= self.end:
            raise ValueError(f"span start {self.start} must be less than end {self.end}")
        return self


class TextSpan(Span):
    """A span that also carries the text it covers, for readers of the raw JSONL."""

    text: NonEmptyStr


class Paragraph(Span):
    kind: ParagraphKind = ParagraphKind.body


class Quote(TextSpan):
    """A direct quote (the span includes its quote marks), who said it and the verb that says so."""

    speaker: TextSpan | None = None
    speaker_name: str | None = Field(
        default=None,
        description="The named speaker when `speaker` is a pronoun or a continuation resolved to an earlier name.",
    )
    cue: TextSpan | None = None


class Claim(TextSpan):
    """A candidate claim: a sentence or clause with a machine check-worthiness score."""

    score: Annotated[float, Field(ge=0.0, le=1.0, description="Machine check-worthiness in [0, 1].")]
    suggested: CheckWorthiness
    features: dict[str, float] = Field(default_factory=dict, description="The features behind the score.")


class TargetMention(TextSpan):
    target_id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$")]


def iter_text_spans(spans: Iterable[TextSpan]) -> Iterator[tuple[str, TextSpan]]:
    """Yield each text span with its own nested spans (a quote's speaker and cue), named for error messages."""
    for span in spans:
        yield "", span
        if isinstance(span, Quote):
            if span.speaker is not None:
                yield "speaker", span.speaker
            if span.cue is not None:
                yield "cue", span.cue


def check_text_span(field: str, span: TextSpan, text: str, size: int) -> None:
    """Raise ValueError naming `field` unless the span lies inside `text` and covers exactly its own text."""
    if span.end > size:
        raise ValueError(f"{field}: end {span.end} is past the end of text ({size} characters)")
    if text[span.start : span.end] != span.text:
        raise ValueError(
            f"{field}: text {clip(span.text)!r} differs from text[{span.start}:{span.end}] "
            f"{clip(text[span.start : span.end])!r}"
        )


def clip(value: str, limit: int = 40) -> str:
    """Shorten a value for an error message."""
    return value if len(value) <= limit else value[: limit - 1] + "…"
