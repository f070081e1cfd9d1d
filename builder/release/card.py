"""The dataset card `README.md`: Hub YAML metadata that `load_dataset` reads, and a body people read.

The YAML's `configs` tell `datasets` which Parquet files form each config and split; `dataset_info` carries
the features (with `class_label` names) and split sizes, generated with `datasets`' own serialiser from the
same `Features` the Parquet files were written with, so card and data cannot disagree.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from datasets import DatasetInfo, Features, SplitDict, SplitInfo
from datasets.info import DatasetInfosDict
from huggingface_hub import DatasetCardData

from builder.records import AgreementFigures, CheckWorthiness, NoneKind, Stance
from builder.records.labels import LABEL_DESCRIPTIONS
from builder.release.splits import SPLITS

SIZE_CATEGORIES = ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M"))
CONFIG_PURPOSE = {
    "documents": "the clean articles with metadata, paragraph and sentence offsets",
    "claims": "claim spans with check-worthiness, per-claim stance, speaker (and whom it names) and cue, soft labels",
    "stance": "document x target stance (FAVOR / AGAINST / NONE) with soft labels and agreement",
    "annotations": "every annotator's raw answer (pseudonymous), for disagreement-aware training",
}


@dataclass(frozen=True)
class CardInputs:
    name: str
    version: str
    license: str
    languages: list[str]
    features: dict[str, Features]
    counts: dict[str, dict[str, int]]
    bytes_per_split: dict[str, dict[str, int]]
    agreement: AgreementFigures | None
    agreement_by_target: dict[str, AgreementFigures]
    machine_labels: int
    machine_labels_included: bool
    human_answers: int
    sources: Counter[str]
    pages: int
    targets: dict[str, str]
    changelog: str
    guidelines_url: str | None = None
    plot: str | None = None
    min_annotators: int = 2
    review_items: int = 0


CARD_OUTLETS = 20
"""Outlets the card lists by name; the rest are counted on one line."""


def size_category(rows: int) -> str:
    return next((name for bound, name in SIZE_CATEGORIES if rows < bound), "1M<n<10M")


def data_files(config: str, splits: dict[str, int]) -> list[dict[str, str]]:
    return [{"split": split, "path": f"{config}/{split}-*.parquet"} for split in SPLITS if split in splits]


def card_yaml(inputs: CardInputs) -> str:
    creators = []
    if inputs.human_answers:
        creators.append("expert-generated")
    if inputs.machine_labels_included and inputs.machine_labels:
        creators.append("machine-generated")
    data = DatasetCardData(
        license=inputs.license,
        language=inputs.languages or None,
        pretty_name=inputs.name,
        task_categories=["text-classification", "token-classification"],
        task_ids=["fact-checking", "multi-class-classification"],
        annotations_creators=creators or ["no-annotation"],
        language_creators=["found"],
        multilinguality="monolingual" if len(inputs.languages) <= 1 else "multilingual",
        size_categories=[size_category(sum(inputs.counts["documents"].values()))],
        source_datasets=["original"],
        tags=["stance-detection", "claim-detection", "check-worthiness", "news"]
        + (["machine-labels"] if inputs.machine_labels_included and inputs.machine_labels else []),
        configs=[
            {"config_name": config, "data_files": data_files(config, splits)}
            for config, splits in inputs.counts.items()
        ],
    )
    infos = {}
    for config, splits in inputs.counts.items():
        split_dict = SplitDict()
        for split in SPLITS:
            if split in splits:
                size = inputs.bytes_per_split[config][split]
                split_dict.add(SplitInfo(name=split, num_examples=splits[split], num_bytes=size))
        infos[config] = DatasetInfo(
            features=inputs.features[config], splits=split_dict, config_name=config, version=inputs.version
        )
    DatasetInfosDict(infos).to_dataset_card_data(data)
    return data.to_yaml()


def render_card(inputs: CardInputs, path_hint: str = "PATH_OR_REPO_ID") -> str:
    """The whole README.md: YAML front matter, then the body."""
    return f"---\n{card_yaml(inputs)}\n---\n\n{_body(inputs, path_hint)}"


def _figure(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _body(inputs: CardInputs, path_hint: str) -> str:
    counts = inputs.counts
    lines = [
        f"# {inputs.name}",
        "",
        f"Version **{inputs.version}**. News articles with document-level stance toward configured targets,",
        "claim spans with check-worthiness and attribution, and every annotator's raw answer.",
        "",
    ]
    if inputs.machine_labels_included and inputs.machine_labels:
        lines += [
            f"> **Machine labels.** {inputs.machine_labels:,} claim rows are machine labels: the extractor's",
            "> candidate claims and suggested check-worthiness, which no person confirmed. Such rows have",
            "> `machine_label = true` and `num_annotators = 0`; filter them out for human-labelled data only.",
            "",
        ]
    lines += ["## Configs", "", "| config | what it holds | " + " | ".join(SPLITS) + " |", "|---|---|---|---|---|"]
    for config, splits in counts.items():
        sizes = " | ".join(f"{splits.get(split, 0):,}" for split in SPLITS)
        lines.append(f"| `{config}` | {CONFIG_PURPOSE[config]} | {sizes} |")
    absent = [config for config in CONFIG_PURPOSE if config not in counts]
    if absent:
        names = ", ".join(f"`{config}`" for config in absent)
        lines += ["", f"Not in this version (no rows yet): {names}. They appear once people have annotated."]
    lines += ["", "## How to load", "", "```python", "from datasets import load_dataset", ""]
    lines += [f'{config} = load_dataset("{path_hint}", "{config}")' for config in counts]
    lines += [
        "```",
        "",
        f'`"{path_hint}"` is the release folder (a git checkout of a tag works too); on the Hub, use the',
        'repository id and `revision="vX.Y.Z"` to pin a version.',
        "",
        "Labels are `ClassLabel`s: `stance['train'].features['label'].names` (or `int2str`) maps indexes to names.",
        "Soft labels (`*_soft`) list the share of annotators per label, in the same order as the names.",
        "",
        "## Sources",
        "",
        f"{sum(counts['documents'].values()):,} documents from {inputs.pages:,} captured page(s). Outlets:",
        "",
    ]
    lines += [f"- {source}: {count:,}" for source, count in inputs.sources.most_common(CARD_OUTLETS)]
    if len(inputs.sources) > CARD_OUTLETS:
        rest = inputs.sources.most_common()[CARD_OUTLETS:]
        lines += [f"- and {len(rest):,} more outlets: {sum(count for _, count in rest):,} documents"]
    lines += ["", "Splits are assigned per group (a page, or a cluster of exact and near duplicates, found again"]
    lines += ["across the documents released, whichever ingest run gave them), so related articles never straddle"]
    lines += ["train and test, and a released document never changes split in later versions."]
    lines += ["", "## Targets", ""]
    lines += [f"- `{target}`: {text}" for target, text in sorted(inputs.targets.items())] or ["- (none)"]
    lines += ["", "## Labels", ""]
    for enum, title in ((Stance, "Stance"), (NoneKind, "none_kind"), (CheckWorthiness, "Check-worthiness")):
        lines += [f"**{title}** (ClassLabel order):", ""]
        lines += [f"{index}. `{member.value}`: {LABEL_DESCRIPTIONS[member]}" for index, member in enumerate(enum)]
        lines.append("")
    guidelines = inputs.guidelines_url or "the label definitions above (the annotation guidelines)"
    lines += [f"Annotators followed {guidelines}.", "", "## Agreement and adjudication", ""]
    if inputs.agreement is None or not inputs.human_answers:
        lines += ["No human annotations in this version: no agreement figures.", ""]
    else:
        figures = inputs.agreement
        lines += [
            f"{figures.answers:,} answers by {figures.annotators} annotators on {figures.tasks:,} tasks "
            f"({figures.multiply_annotated_tasks:,} with two or more annotators).",
            "",
            "| figure | value |",
            "|---|---|",
            f"| stance, Krippendorff's α (nominal) | {_figure(figures.stance_alpha)} |",
            f"| check-worthiness, Krippendorff's α (ordinal) | {_figure(figures.checkworthiness_alpha)} |",
            f"| claim spans, pairwise F1 exact | {_figure(figures.claim_f1_exact)} |",
            f"| claim spans, pairwise F1 overlap | {_figure(figures.claim_f1_overlap)} |",
            f"| speaker links, pairwise agreement | {_figure(figures.speaker_link_agreement)} |",
            "",
            "| target | tasks | stance α | check-worthiness α |",
            "|---|---|---|---|",
        ]
        lines += [
            f"| `{target}` | {f.tasks:,} | {_figure(f.stance_alpha)} | {_figure(f.checkworthiness_alpha)} |"
            for target, f in inputs.agreement_by_target.items()
        ]
        lines += [
            "",
            f"Labels are released by strict majority with at least {inputs.min_annotators} annotators; ties and",
            f"low-agreement items ({inputs.review_items:,} in this version) went to a review list. A claim's",
            '`speaker_name` (whom a source such as "He" or "the minister" stands for) is the name most of its',
            "annotators gave; names take no part in the agreement figures above, which compare spans and links.",
            "",
        ]
    if inputs.plot:
        lines += ["## Label distribution", "", f"![label distribution]({inputs.plot})", ""]
    lines += [
        "## Limitations",
        "",
        "- Article texts belong to their publishers; check the license before redistributing them.",
        "- Targets, outlets and time span are those of the captured pages: not a sample of the news.",
        "- Sentence, quote and claim boundaries come from rule-based extractors and can be wrong.",
    ]
    if inputs.machine_labels_included and inputs.machine_labels:
        lines.append("- Machine-labelled claims reflect a heuristic scorer, not human judgement.")
    lines += ["", "## Changes in this version", "", inputs.changelog, "", "See `CHANGELOG.md` for every version.", ""]
    return "\n".join(lines)
