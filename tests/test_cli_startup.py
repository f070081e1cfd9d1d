"""`builder` starts fast: importing the CLI loads no stage's heavy dependencies, only the command that runs does.

Each check runs in a fresh interpreter, since this test process has long imported everything."""

from __future__ import annotations

import subprocess
import sys

import pytest

from builder import __version__
from tests.paths import REPO

HEAVY = {
    "pandas": "label-studio-sdk's label interface (builder studio push/pull)",
    "label_studio_sdk": "the Label Studio client (builder studio push/pull)",
    "trafilatura": "the ingest stages (builder ingest)",
    "datasets": "the release stages (builder release)",
}
"""Modules that cost from a few hundred milliseconds to seconds to import, and what needs them."""


def _loaded_after(statement: str, modules: list[str]) -> list[str]:
    """Which of `modules` are imported after running `statement` (which may exit) in a new interpreter."""
    script = f"""
import sys
try:
    {statement}
except SystemExit:
    pass
print(" ".join(name for name in {modules!r} if name in sys.modules), file=sys.stderr)
"""
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=60, check=True
    )
    return done.stderr.split()  # stdout holds what the statement printed


@pytest.mark.parametrize("module", sorted(HEAVY))
def test_importing_the_cli_loads_no_heavy_dependency(module: str) -> None:
    assert _loaded_after("import builder.cli", [module]) == [], f"import builder.cli loaded {module}: {HEAVY[module]}"


def test_help_loads_no_heavy_dependency() -> None:
    """Rendering the help builds every command's options, which must not import the commands' machinery either."""
    loaded = _loaded_after("from builder.cli import app; app(['--help'])", sorted(HEAVY))
    assert loaded == []


def test_the_check_sees_a_loaded_module() -> None:
    """The subprocess check itself works: a module imported is reported."""
    assert _loaded_after("import builder.studio.client", ["pandas"]) == ["pandas"]


@pytest.mark.parametrize("module", ["builder", "builder.cli"])
def test_the_package_runs_as_a_module_as_the_command_does(module: str) -> None:
    """`python -m builder` (the package's name, what a user types first) is the `builder` command, as
    `python -m builder.cli` is: it said "No module named builder.__main__"."""
    done = subprocess.run(
        [sys.executable, "-m", module, "--version"], cwd=REPO, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["builder", __version__]
