"""A document's text and paragraph spans from paragraphs, joined as ingest joins them (a blank line between)."""

from __future__ import annotations

from builder.records import Span


def paragraphs_document(*paragraphs: str) -> tuple[str, list[Span]]:
    spans, position = [], 0
    for paragraph in paragraphs:
        spans.append(Span(start=position, end=position + len(paragraph)))
        position += len(paragraph) + 2
    return "\n\n".join(paragraphs), spans
