"""PNG figures for the agreement report and the dataset card, drawn with matplotlib's file-only Agg backend
(no display on servers and CI, and no dependency on a GUI toolkit)."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt

from builder.records import AgreementReport


def label_distribution_png(distributions: dict[str, dict[str, dict[str, int]]], path: Path) -> Path:
    """One panel per labelled field (stance, check-worthiness, ...), bars per label, one colour per split.

    `distributions` maps a panel title to split to label to count, labels in ClassLabel order."""
    panels = [(title, by_split) for title, by_split in distributions.items() if by_split]
    figure, axes = plt.subplots(1, max(1, len(panels)), figsize=(4.5 * max(1, len(panels)), 3.4), squeeze=False)
    for axis, (title, by_split) in zip(axes[0], panels, strict=False):
        labels = list(next(iter(by_split.values())))
        width = 0.8 / len(by_split)
        for offset, (split, counts) in enumerate(by_split.items()):
            positions = [index + offset * width for index in range(len(labels))]
            axis.bar(positions, [counts[label] for label in labels], width=width, label=split)
        axis.set_xticks([index + width * (len(by_split) - 1) / 2 for index in range(len(labels))], labels)
        axis.set_title(title)
        axis.set_ylabel("rows")
        axis.legend(fontsize="small")
    if not panels:
        axes[0][0].text(0.5, 0.5, "no labels in this release", ha="center", va="center")
        axes[0][0].set_axis_off()
    figure.tight_layout()
    return _save(figure, path)


def agreement_png(report: AgreementReport, path: Path) -> Path:
    """Alpha per target beside the stance confusion matrix: where agreement is low, and between which labels."""
    figure, (left, right) = plt.subplots(1, 2, figsize=(10, 3.8))
    targets = list(report.by_target)
    stance = [report.by_target[t].stance_alpha or 0.0 for t in targets]
    worthiness = [report.by_target[t].checkworthiness_alpha or 0.0 for t in targets]
    positions = range(len(targets))
    left.barh([p + 0.2 for p in positions], stance, height=0.4, label="stance α (nominal)")
    left.barh([p - 0.2 for p in positions], worthiness, height=0.4, label="check-worthiness α (ordinal)")
    left.set_yticks(list(positions), targets)
    left.set_xlim(min(0.0, *stance, *worthiness), 1.0)
    left.axvline(0.667, color="grey", linestyle=":", linewidth=1)
    left.set_title("Krippendorff's α per target (undefined shown as 0)")
    left.legend(fontsize="small", loc="lower right")
    confusion = report.stance_confusion
    right.imshow(confusion.matrix, cmap="Blues")
    right.set_xticks(range(len(confusion.labels)), confusion.labels)
    right.set_yticks(range(len(confusion.labels)), confusion.labels)
    darkest = max(max(values) for values in confusion.matrix) or 1
    for row, values in enumerate(confusion.matrix):
        for column, value in enumerate(values):
            colour = "white" if value > darkest / 2 else "black"
            right.text(column, row, str(value), ha="center", va="center", color=colour)
    right.set_title("stance: annotator pairs per label pair")
    figure.tight_layout()
    return _save(figure, path)


def _save(figure: plt.Figure, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=110, metadata={"Software": None})
    plt.close(figure)
    return path
