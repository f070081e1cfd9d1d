"""Imported first by the tests of the Ray engines: skips the module where Ray's extra is not installed
(`pip install 'news-stance-builder[ray]'`); in CI, which installs the extra, a missing Ray is a broken install
and fails instead. The Ray session itself is the `ray_address` fixture in `conftest.py`."""

from __future__ import annotations

import os

import pytest

NO_RAY = "Ray Data is not installed: pip install 'news-stance-builder[ray]'"
if os.environ.get("CI"):
    import ray.data  # noqa: F401
else:
    pytest.importorskip("ray", reason=NO_RAY)
    pytest.importorskip("ray.data", reason=NO_RAY)
