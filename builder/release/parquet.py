"""Writing release configs as Parquet files named the way the card's `data_files` globs find them.

The local engine writes one file per split (`train-00000-of-00001.parquet`); the Ray engine writes numbered
parts in parallel under temporary names and names them `train-00000-of-00007.parquet`, ... once every part is
done, in the order of the documents file, so the same input gives the same files.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

import pyarrow.parquet as pq
from datasets import Features

from builder.release.features import rows_to_table
from builder.release.splits import SPLITS
from builder.release.tables import CONFIGS, WrittenTables

PART_NAME = "{split}-{index:05d}-of-{count:05d}.parquet"


def clear_configs(out: Path) -> None:
    """Remove every config folder: a config or split without rows must leave no file behind (`datasets`
    cannot load an empty split, so the card lists only those with rows)."""
    for config in CONFIGS:
        shutil.rmtree(out / config, ignore_errors=True)


def write_part(path: Path, rows: list[dict], features: Features) -> int:
    """One Parquet file with exactly the features' schema; returns its Arrow bytes."""
    table = rows_to_table(rows, features)
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, path)
    return table.nbytes


def write_config(
    out: Path, config: str, rows_by_split: dict[str, list[dict]], features: Features, written: WrittenTables
) -> None:
    """A config's rows as one file per split that has rows, summarised into `written`."""
    for split in SPLITS:
        rows = rows_by_split.get(split)
        if rows:
            nbytes = write_part(out / config / PART_NAME.format(split=split, index=0, count=1), rows, features)
            written.add(config, split, rows, nbytes)


def name_parts(out: Path, config: str, parts: Sequence[tuple[str, Path]]) -> None:
    """Move `(split, staged file)` parts, given in document order, to their numbered names in the config."""
    for split in SPLITS:
        staged = [path for part_split, path in parts if part_split == split]
        for index, path in enumerate(staged):
            target = out / config / PART_NAME.format(split=split, index=index, count=len(staged))
            target.parent.mkdir(parents=True, exist_ok=True)
            path.replace(target)
