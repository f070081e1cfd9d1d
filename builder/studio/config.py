"""The Label Studio labeling interface, generated from the label enums so that no label list is written twice.

One config serves every project: the task shows the target (text and description), the title, outlet, date
and the clean text; annotators give the document's stance, mark claim, source and cue spans, give each claim
its check-worthiness and stance, name whom a source span stands for, and link sources and cues to their claims.
The names below (`FROM_*`, `SPAN_*`) are the contract with `builder.studio.results`, which reads annotations back.
"""

from __future__ import annotations

from enum import StrEnum
from xml.etree import ElementTree

from builder.records.labeling import NAMED_ROLE
from builder.records.labels import LABEL_DESCRIPTIONS, AttributionRole, CheckWorthiness, NoneKind, Stance

TEXT = "text"
"""The object tag every span and choice refers to; its data field holds the document's `text`."""

FROM_STANCE = "stance"
FROM_NONE_KIND = "none_kind"
FROM_SPANS = "spans"
FROM_CHECKWORTHINESS = "checkworthiness"
FROM_CLAIM_STANCE = "claim_stance"
FROM_CLAIM_NONE_KIND = "claim_none_kind"
FROM_SOURCE_NAME = "source_name"
"""The per-region text field of a source span: whom it stands for (an attribution's `name`)."""

SPAN_CLAIM = "claim"
SPAN_ROLES: dict[str, AttributionRole] = {role.value: role for role in AttributionRole}
"""Span label values besides `claim`: one per attribution role (source, cue)."""

SPAN_DESCRIPTIONS: dict[str, str] = {
    SPAN_CLAIM: "A statement that something is or will be the case: a quote, a reported claim, a sentence.",
    AttributionRole.source.value: "Who makes the claim: the speaker's name, title or pronoun.",
    AttributionRole.cue.value: "The word that attributes the claim: said, told, added, stressed, according to.",
}
SPAN_COLOURS: dict[str, str] = {SPAN_CLAIM: "#f4a261", "source": "#2a9d8f", "cue": "#8ab17d"}

SOURCE_NAME_PROMPT = (
    "Who is this source? If the span does not name them (a pronoun, a role), their name; a name already here is the"
    " machine's guess: check it."
)
"""Shown above the field, since Label Studio shows no label beside a per-region text field."""

DATA_FIELDS = ("text", "title", "outlet", "date", "target_text", "target_description")
"""Data fields the config shows; every task carries all of them (an absent one would show as `$name`)."""


def labeling_config() -> str:
    """The project's labeling config XML; `check_config` is true of it."""
    view = ElementTree.Element("View")
    _style(view)
    target = ElementTree.SubElement(view, "View", className="target")
    ElementTree.SubElement(target, "Header", value="$target_text", size="4")
    ElementTree.SubElement(target, "Text", name="target_description", value="$target_description")
    meta = ElementTree.SubElement(view, "View", className="meta")
    ElementTree.SubElement(meta, "Header", value="$title", size="3")
    ElementTree.SubElement(meta, "Text", name="outlet", value="$outlet")
    ElementTree.SubElement(meta, "Text", name="date", value="$date")

    ElementTree.SubElement(view, "Header", value="Stance of the whole text toward the target", size="5")
    _choices(view, FROM_STANCE, Stance, required=True)
    _choices(
        view,
        FROM_NONE_KIND,
        NoneKind,
        required=True,
        visibleWhen="choice-selected",
        whenTagName=FROM_STANCE,
        whenChoiceValue=Stance.NONE.value,
    )

    ElementTree.SubElement(
        view, "Header", value="Spans: claims, who says them (source) and the saying word (cue)", size="5"
    )
    labels = ElementTree.SubElement(view, "Labels", name=FROM_SPANS, toName=TEXT)
    for value, hint in SPAN_DESCRIPTIONS.items():
        ElementTree.SubElement(labels, "Label", value=value, hint=hint, background=SPAN_COLOURS[value])
    ElementTree.SubElement(view, "Text", name=TEXT, value=f"${TEXT}", granularity="symbol")
    ElementTree.SubElement(ElementTree.SubElement(view, "Relations"), "Relation", value="says")

    # Per-claim questions appear in the region panel once a claim span is selected. They are not `required`:
    # Label Studio would demand them of source and cue spans too, so `builder studio pull` checks instead.
    claim_only = {"perRegion": "true", "visibleWhen": "region-selected", "whenLabelValue": SPAN_CLAIM}
    _choices(view, FROM_CHECKWORTHINESS, CheckWorthiness, **claim_only)
    _choices(view, FROM_CLAIM_STANCE, Stance, **claim_only)
    _choices(view, FROM_CLAIM_NONE_KIND, NoneKind, **claim_only)
    _source_name(view)
    ElementTree.indent(view)
    return ElementTree.tostring(view, encoding="unicode")


def check_config(config: str) -> None:
    """Raise ValueError unless `config` names every control `builder studio pull` reads, with every label.

    The server validates only the XML and the `toName` links, and accepts unknown tags or a config that lost
    a label, so this check is the builder's own.
    """
    root = ElementTree.fromstring(config)
    found: dict[str, set[str]] = {}
    for tag in ("Choices", "Labels"):
        for control in root.iter(tag):
            found[control.get("name", "")] = {child.get("value", "") for child in control}
    expected: dict[str, set[str]] = {
        FROM_STANCE: _values(Stance),
        FROM_NONE_KIND: _values(NoneKind),
        FROM_SPANS: {SPAN_CLAIM, *SPAN_ROLES},
        FROM_CHECKWORTHINESS: _values(CheckWorthiness),
        FROM_CLAIM_STANCE: _values(Stance),
        FROM_CLAIM_NONE_KIND: _values(NoneKind),
    }
    for name, values in expected.items():
        if name not in found:
            raise ValueError(f"labeling config: no control named {name!r}")
        if found[name] != values:
            raise ValueError(f"labeling config: {name!r} has labels {sorted(found[name])}, expected {sorted(values)}")
    if not any(relation.get("value") for relation in root.iter("Relation")):
        raise ValueError("labeling config: no <Relation>, so sources and cues cannot be linked to claims")
    _check_source_name(root)


def _source_name(view: ElementTree.Element) -> None:
    # Shown below the text while a source span is selected. One line (`rows` 1) that stays an input
    # (`transcription`) whose text can be typed over (`editable`), so a predicted name is corrected in place; one
    # name per span (`maxSubmissions`), or the annotator could add a second and the pull would not know which.
    when_source = {"visibleWhen": "region-selected", "whenLabelValue": NAMED_ROLE.value}
    named = ElementTree.SubElement(view, "View", **when_source)
    ElementTree.SubElement(named, "Header", value=SOURCE_NAME_PROMPT, size="6")
    ElementTree.SubElement(
        named,
        "TextArea",
        name=FROM_SOURCE_NAME,
        toName=TEXT,
        perRegion="true",
        **when_source,
        editable="true",
        transcription="true",
        maxSubmissions="1",
        rows="1",
        placeholder="Name, e.g. Volodymyr Zelensky",
    )


def _check_source_name(root: ElementTree.Element) -> None:
    """The source name field must be per region and shown for source spans only, or its answers cannot be read
    as a source's name (one for the whole task, or on claims)."""
    fields = [field for field in root.iter("TextArea") if field.get("name") == FROM_SOURCE_NAME]
    if not fields:
        raise ValueError(f"labeling config: no <TextArea> named {FROM_SOURCE_NAME!r}, so sources cannot be named")
    expected = {"toName": TEXT, "perRegion": "true", "whenLabelValue": NAMED_ROLE.value}
    found = {attribute: fields[0].get(attribute) for attribute in expected}
    if found != expected:
        raise ValueError(f"labeling config: {FROM_SOURCE_NAME!r} has {found}, expected {expected}")


def _choices(
    parent: ElementTree.Element, name: str, labels: type[StrEnum], required: bool = False, **extra: str
) -> None:
    choices = ElementTree.SubElement(parent, "Choices", name=name, toName=TEXT, choice="single-radio", **extra)
    choices.set("showInline", "true")
    if required:
        choices.set("required", "true")
    for label in labels:
        ElementTree.SubElement(choices, "Choice", value=label.value, hint=LABEL_DESCRIPTIONS[label])


def _values(labels: type[StrEnum]) -> set[str]:
    return {label.value for label in labels}


def _style(view: ElementTree.Element) -> None:
    style = ElementTree.SubElement(view, "Style")
    style.text = (
        ".target { background: #fff7e6; padding: 8px 12px; border-left: 4px solid #f4a261; margin-bottom: 8px; }"
        " .meta { color: #555; margin-bottom: 8px; }"
    )
