"""Choices shared by several commands."""

from __future__ import annotations

from enum import StrEnum


class Engine(StrEnum):
    """Where a command's heavy work runs: this process, or Ray Data (a local Ray, or a cluster)."""

    local = "local"
    ray = "ray"
