"""Character spans into a document's `text`: `[start, end)` offsets, optionally with the text they cover.

The record that owns a span checks it (`check_span`, `check_text_span`): only it knows the text, and one loop
in the owner is much cheaper than a Python validator called on each of a document's hundreds of spans.

Spans are typed dicts, not models (`span["start"]`, built as `TextSpan(start=0, end=4, text="Kyiv")`): a
document has hundreds of them, and pydantic validates a typed dict about twice as fast as a model instance,
which decides whether `builder validate` keeps pace with plain JSON parsing.
"""

from __future__ import annotations

from typing import Annotated, NotRequired

from pydantic import Field, with_config
from typing_extensions import TypedDict

from builder.records.base import STRICT_DICT_CONFIG, NonEmptyStr
from builder.records.labels import CheckWorthiness, ParagraphKind

Offset = Annotated[int, Field(ge=0, description="Character offset into the owning record's `text`.")]


@with_config(STRICT_DICT_CONFIG)
class Span(TypedDict):
    """`[start, end)` character offsets; empty spans are not allowed (checked by the owning record)."""

    start: Offset
    end: Offset


@with_config(STRICT_DICT_CONFIG)
class Paragraph(TypedDict):
    """A paragraph's offsets and whether it is body text or a subheading."""

    start: Offset
    end: Offset
    kind: ParagraphKind


@with_config(STRICT_DICT_CONFIG)
class TextSpan(TypedDict):
    """A span that also carries the text it covers, for readers of the raw JSONL."""

    start: Offset
    end: Offset
    text: NonEmptyStr


@with_config(STRICT_DICT_CONFIG)
class Quote(TextSpan):
    """A direct quote (the span includes its quote marks), who said it and the verb that says so."""

    speaker: NotRequired[TextSpan | None]
    speaker_name: NotRequired[
        Annotated[
            str | None,
            Field(description="The named speaker when `speaker` is a pronoun or a continuation resolved to a name."),
        ]
    ]
    cue: NotRequired[TextSpan | None]


def quote_of(
    text: str, start: int, end: int, speaker: tuple[int, int] | None, cue: tuple[int, int] | None, name: str | None
) -> Quote:
    """The `Quote` of `text[start:end]`, with its speaker and cue spans (offsets into `text`) and resolved name."""
    return Quote(
        start=start,
        end=end,
        text=text[start:end],
        speaker=TextSpan(start=speaker[0], end=speaker[1], text=text[speaker[0] : speaker[1]]) if speaker else None,
        speaker_name=name,
        cue=TextSpan(start=cue[0], end=cue[1], text=text[cue[0] : cue[1]]) if cue else None,
    )


@with_config(STRICT_DICT_CONFIG)
class Claim(TextSpan):
    """A candidate claim: a sentence or clause with a machine check-worthiness score."""

    score: Annotated[float, Field(ge=0.0, le=1.0, description="Machine check-worthiness in [0, 1].")]
    suggested: CheckWorthiness
    features: NotRequired[Annotated[dict[str, float], Field(description="The features behind the score.")]]


@with_config(STRICT_DICT_CONFIG)
class TargetMention(TextSpan):
    target_id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$")]


def check_span(field: str, start: int, end: int, size: int) -> None:
    """Raise ValueError naming `field` unless `0 <= start < end <= size`."""
    if start >= end:
        raise ValueError(f"{field}: start {start} must be less than end {end}")
    if end > size:
        raise ValueError(f"{field}: end {end} is past the end of text ({size} characters)")


def check_text_span(field: str, span: TextSpan, text: str, size: int) -> None:
    """Raise ValueError naming `field` unless the span lies inside `text` and covers exactly its own text."""
    start, end = span["start"], span["end"]
    check_span(field, start, end, size)
    if text[start:end] != span["text"]:
        raise ValueError(
            f"{field}: text {clip(span['text'])!r} differs from text[{start}:{end}] {clip(text[start:end])!r}"
        )


def clip(value: str, limit: int = 40) -> str:
    """Shorten a value for an error message."""
    return value if len(value) <= limit else value[: limit - 1] + "…"
