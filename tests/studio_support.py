"""Find the Label Studio server the tests talk to, and connect to it, or say clearly why a test cannot.

The server is one the environment names (LABEL_STUDIO_URL and LABEL_STUDIO_API_KEY, the SDK's own variable),
else the one scripts/studio-up.sh started, found through the state file in its data directory
(BUILDER_STUDIO_DATA, default .studio/data). Without either a test that needs the server is skipped, except
under CI, which starts one before the tests: there a missing server is a failure, not a silent skip.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import suppress
from pathlib import Path

import pytest
from label_studio_sdk import LabelStudio
from label_studio_sdk.core.api_error import ApiError

from builder.studio import server
from tests.paths import REPO

TRIVIAL_CONFIG = """<View>
  <Text name="text" value="$text"/>
  <Choices name="stance" toName="text" choice="single">
    <Choice value="FAVOR"/><Choice value="AGAINST"/><Choice value="NONE"/>
  </Choices>
</View>"""


def studio_data_dir() -> Path:
    """The data directory scripts/studio-up.sh uses, resolved against the repository like the script does."""
    return REPO / (os.environ.get("BUILDER_STUDIO_DATA") or ".studio/data")


def studio_url_and_token() -> tuple[str, str] | None:
    """(URL, API token) of the configured server, or None when no server is configured or recorded as running."""
    url, token = os.environ.get("LABEL_STUDIO_URL"), os.environ.get("LABEL_STUDIO_API_KEY")
    if url and token:
        return url.rstrip("/"), token
    info = server.status(studio_data_dir())
    if info is None:
        return None
    return info.url, info.token


def require_studio() -> tuple[str, str]:
    """(URL, token) of a healthy server; skip the test when none is configured, fail under CI, which starts one."""
    found = studio_url_and_token()
    if found is None:
        reason = (
            "no Label Studio server: run scripts/studio-up.sh, or set LABEL_STUDIO_URL and LABEL_STUDIO_API_KEY "
            f"(looked for a state file in {studio_data_dir()})"
        )
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; CI must start one before the tests", pytrace=False)
        pytest.skip(reason)
    url, _ = found
    if not server.is_healthy(url):
        pytest.fail(f"Label Studio at {url} is configured but does not answer {url}/health", pytrace=False)
    return found


@pytest.fixture(scope="session")
def studio() -> LabelStudio:
    """A client logged in as the server's admin (the token studio-up.sh or the environment gives)."""
    url, token = require_studio()
    return LabelStudio(base_url=url, api_key=token)


@pytest.fixture
def make_project(studio: LabelStudio) -> Iterator[Callable[..., int]]:
    """Create projects for one test (`make_project(title=..., label_config=...)` returns the id); delete them after."""
    created: list[int] = []

    def make(**settings: object) -> int:
        settings.setdefault("label_config", TRIVIAL_CONFIG)
        project = studio.projects.create(**settings)  # type: ignore[arg-type]
        assert project.id is not None
        created.append(project.id)
        return project.id

    yield make
    for project_id in created:
        with suppress(ApiError):
            studio.projects.delete(id=project_id)
