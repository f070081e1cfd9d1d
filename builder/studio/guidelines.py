"""The annotation guidelines as the HTML Label Studio shows in a project's instructions.

Rendered with markdown-it-py, already installed as a dependency of rich: a CommonMark renderer with raw HTML
switched off (`html: False`), so the guidelines cannot inject markup or script into the labeling page, and
with tables on for the label reference. The reference table itself is generated from LABEL_DESCRIPTIONS and the
config's span hints and name prompt, so the definitions annotators read are the ones the labeling page shows.
"""

from __future__ import annotations

from pathlib import Path

from markdown_it import MarkdownIt

from builder.records.labeling import NAMED_ROLE
from builder.records.labels import LABEL_DESCRIPTIONS
from builder.studio.config import SOURCE_NAME_PROMPT, SPAN_DESCRIPTIONS

DEFAULT_GUIDELINES = Path(__file__).resolve().parents[2] / "annotations" / "guidelines.md"


def label_reference() -> str:
    """A Markdown table of every label with its one-line definition."""
    rows = ["| question | label | meaning |", "| --- | --- | --- |"]
    for label, meaning in LABEL_DESCRIPTIONS.items():
        rows.append(f"| {type(label).__name__} | `{label.value}` | {meaning} |")
    for span, meaning in SPAN_DESCRIPTIONS.items():
        rows.append(f"| span | `{span}` | {meaning} |")
    rows.append(f"| {NAMED_ROLE.value} span | name | {SOURCE_NAME_PROMPT} |")
    return "\n".join(rows)


def render_guidelines(markdown: str) -> str:
    """HTML for Label Studio's instructions: the guidelines, then the generated label reference."""
    renderer = MarkdownIt("commonmark", {"html": False}).enable("table")
    return renderer.render(f"{markdown.rstrip()}\n\n## Label reference\n\n{label_reference()}\n")
