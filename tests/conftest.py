"""Fixtures shared by several test modules."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

RAY_CPUS = 2


@pytest.fixture(scope="module")
def ray_address() -> Iterator[str]:
    """A local Ray (2 CPUs) for one test module, which the commands join with `--ray-address`: starting Ray
    costs seconds, too many to pay per test. Modules using it import `tests.ray_support` first."""
    import ray

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RAY_USAGE_STATS_ENABLED", "0")
        ray.init(num_cpus=RAY_CPUS, include_dashboard=False, log_to_driver=False, logging_level=logging.ERROR)
        try:
            yield ray.get_runtime_context().gcs_address
        finally:
            ray.shutdown()
