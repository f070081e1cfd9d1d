"""The local Label Studio: the helpers that manage it, and the running server the SDK talks to.

The first tests need no server (argument checks, token masking, stale state files). The rest need the server
that scripts/studio-up.sh starts; see tests/studio_support.py for how they find it and when they skip.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from label_studio_sdk import LabelStudio
from label_studio_sdk.core.api_error import ApiError

from builder.studio import server
from tests import studio_support
from tests.paths import REPO

studio = studio_support.studio
make_project = studio_support.make_project


def test_mask_token_keeps_too_little_to_use():
    token = "0123456789abcdef0123456789abcdef01234567"
    masked = server.mask_token(token)
    assert masked == "0123...67"
    assert server.mask_token("short-token") == "****"


@pytest.mark.parametrize(
    ("username", "password", "token", "complaint"),
    [
        ("admin", "pw", "token-123456", "e-mail"),
        ("admin@example.com", "", "token-123456", "password"),
        ("admin@example.com", "pw", "12345", "6 to 40"),
        ("admin@example.com", "pw", "x" * 41, "6 to 40"),
        ("admin@example.com", "pw", "has space here", "6 to 40"),
    ],
)
def test_start_refuses_credentials_label_studio_would_ignore(tmp_path, username, password, token, complaint):
    with pytest.raises(ValueError, match=complaint):
        server.start(tmp_path, 1, username, password, token, executable=tmp_path / "label-studio")


def test_start_refuses_a_busy_port_instead_of_moving(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(server.StudioError, match=f"port {port} .* taken"):
            server.start(tmp_path, port, "a@example.com", "pw", "token-123456", executable=tmp_path / "none")
    assert server.status(tmp_path) is None


def test_serve_takes_its_port_from_the_variable_studio_up_reads(tmp_path):
    """`builder studio serve` (which scripts/run.sh calls) and scripts/studio-up.sh start on the same port when
    BUILDER_STUDIO_PORT is set: shown here by the serve command refusing the busy port the variable names."""
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    (venv / "bin" / "label-studio").touch()  # never run: the busy port is refused first
    (venv / f".installed-label-studio-{server.LABEL_STUDIO_VERSION}").touch()
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        environment = {**os.environ, "BUILDER_STUDIO_PORT": str(port), "BUILDER_STUDIO_VENV": str(venv)}
        done = subprocess.run(
            [sys.executable, "-m", "builder.cli", "studio", "serve", "--data-dir", str(tmp_path / "data")],
            cwd=REPO,
            env=environment,
            capture_output=True,
            text=True,
            check=False,
        )
    assert done.returncode == 1
    assert f"port {port}" in " ".join((done.stdout + done.stderr).split())


def test_status_forgets_a_dead_server(tmp_path):
    state = {
        "url": "http://127.0.0.1:1",
        "port": 1,
        "pid": 2**22 + 1,  # above Linux's default pid_max, so no process has it
        "data_dir": str(tmp_path),
        "username": "a@example.com",
        "version": server.LABEL_STUDIO_VERSION,
        "started_at": "2026-01-01T00:00:00+00:00",
        "token": "token-123456",
    }
    (tmp_path / server.STATE_FILE).write_text(json.dumps(state))
    assert server.status(tmp_path) is None
    assert not (tmp_path / server.STATE_FILE).exists()
    assert server.stop(tmp_path) is False


def test_ensure_installed_is_a_stat_call_once_installed(tmp_path):
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    (venv / "bin" / "label-studio").touch()
    (venv / f".installed-label-studio-{server.LABEL_STUDIO_VERSION}").touch()
    said: list[str] = []
    assert server.ensure_installed(venv, said.append) == venv / "bin" / "label-studio"
    assert said == []


def test_server_is_healthy_and_recorded_without_leaking_the_token():
    url, token = studio_support.require_studio()
    assert server.is_healthy(url)
    info = server.status(studio_support.studio_data_dir())
    if info is None:
        pytest.skip("the server comes from LABEL_STUDIO_URL, not from scripts/studio-up.sh: no state file to check")
    assert oct((info.data_dir / server.STATE_FILE).stat().st_mode & 0o777) == "0o600"
    assert token not in repr(info)
    assert token not in (info.data_dir / server.LOG_FILE).read_text(encoding="utf-8", errors="replace")
    command_line = Path(f"/proc/{info.pid}/cmdline")
    if command_line.exists():
        assert token not in command_line.read_text()


def test_admin_token_is_accepted(studio: LabelStudio):
    me = studio.users.whoami()
    assert me.id is not None
    assert me.email


def test_a_wrong_token_is_refused_with_401():
    url, _ = studio_support.require_studio()
    with pytest.raises(ApiError) as refused:
        LabelStudio(base_url=url, api_key="not-the-token-123456").projects.list().items  # noqa: B018
    assert refused.value.status_code == 401
    assert refused.value.body["detail"] == "Invalid token."


def test_project_can_be_created_read_and_deleted(studio: LabelStudio, make_project):
    project_id = make_project(title="studio smoke test", maximum_annotations=2, expert_instruction="<p>Read it.</p>")
    project = studio.projects.get(id=project_id)
    assert project.title == "studio smoke test"
    assert project.maximum_annotations == 2
    assert project.expert_instruction == "<p>Read it.</p>"
    assert 'name="stance"' in (project.label_config or "")
    studio.projects.delete(id=project_id)
    with pytest.raises(ApiError) as gone:
        studio.projects.get(id=project_id)
    assert gone.value.status_code == 404


def test_a_bad_label_config_is_refused_with_the_reason(studio: LabelStudio):
    config = (
        '<View><Text name="text" value="$text"/><Choices name="c" toName="nope"><Choice value="A"/></Choices></View>'
    )
    with pytest.raises(ApiError) as refused:
        studio.projects.create(title="bad config", label_config=config)
    assert refused.value.status_code == 400
    assert "toName" in str(refused.value.body["validation_errors"]["label_config"])


def test_the_label_studio_notes_still_hold(monkeypatch):
    """Run every Python block of docs/label-studio-notes.md, in order, against the server: the notes are tests."""
    url, token = studio_support.require_studio()
    if urlsplit(url).hostname not in {"127.0.0.1", "localhost", "::1"}:
        pytest.skip(f"the notes sign up users and import 1,000 tasks: run only against a local server, not {url}")
    monkeypatch.setenv("LABEL_STUDIO_URL", url)
    monkeypatch.setenv("LABEL_STUDIO_API_KEY", token)
    notes = REPO / "docs" / "label-studio-notes.md"
    blocks = re.findall(r"```python\n(.*?)```", notes.read_text(encoding="utf-8"), re.DOTALL)
    assert len(blocks) >= 10
    exec(compile("\n".join(blocks), str(notes), "exec"), {})
