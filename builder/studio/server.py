"""Run a private Label Studio server, installed apart from the project, for annotators and for tests.

Label Studio is a Django application of about 1 GB whose pins clash with the builder's, so it lives in a
virtualenv of its own and is driven as a program, never imported: this module needs only the standard library.
The server keeps everything (SQLite database, media, its secret key, its log) in one data directory, and
`start` writes a state file there so that `status`, `stop` and the tests find the server again from another
process. The state file holds the admin's API token, so it is readable by its owner only, and the token itself
is never put on a command line (where `ps` shows it) nor printed: use `mask_token` to name it in messages.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

LABEL_STUDIO_VERSION = "1.23.2"
"""The server release the builder is tested against. It pins label-studio-sdk 2.1.2, the client the builder uses."""

STATE_FILE = "studio-state.json"
DATABASE_FILE = "label_studio.sqlite3"
"""The server's SQLite database in its data directory, named by `start` so that an inherited `DATABASE_NAME`
cannot move it: `builder studio pull` reads it directly (read-only, see `builder.studio.sqlite_read`)."""
LOG_FILE = "server.log"
INSTALL_LOG = "pip-install.log"
START_TIMEOUT = 300.0
"""Seconds to wait for /health. The first start runs the migrations: 47 s on a 2-core machine, so 300 is ample."""

FAST_PREDICTION_IMPORT_FLAG = "fflag_fix_back_4620_memory_efficient_predictions_import_08012025_short"
"""A Label Studio feature flag (off by default in 1.23.2) under which `/api/projects/{id}/import/predictions`
stores predictions without checking each result item against the labeling config: the check was half the
server's time of a push (profiled), and in this release it only logs what it finds. Flags are read from the
environment as `LABEL_STUDIO_<flag>`; `start` sets it, and `ServerInfo.fast_prediction_import` says so."""

_INSTALLED_MARK = f".installed-label-studio-{LABEL_STUDIO_VERSION}"
_PROGRESS_EVERY = 30.0
_TOKEN = re.compile(r"[A-Za-z0-9_-]{6,40}")
_LOG_TAIL_LINES = 30
# A proxy from the environment must never see requests meant for a server on this machine.
_no_proxy = urllib.request.build_opener(urllib.request.ProxyHandler({}))

# Label Studio reads each setting X from LABEL_STUDIO_X first, so these win over anything the caller's
# environment holds under the bare names (HOST, DEBUG, DJANGO_DB, USERNAME, ...).
_SERVER_ENV = {
    "LABEL_STUDIO_DJANGO_DB": "sqlite",
    "LABEL_STUDIO_DEBUG": "false",
    # An empty HOST lets the pages use relative links, so the server works through any address or tunnel.
    "LABEL_STUDIO_HOST": "",
    # Tasks carry their text inline; serving files from the server's disk would only widen what a login sees.
    "LABEL_STUDIO_LOCAL_FILES_SERVING_ENABLED": "false",
    # Things that call the internet: error reports to HumanSignal's Sentry (its DSN is the default, an empty
    # one turns it off), the check of PyPI for a newer release, and usage analytics from server and browser.
    "LABEL_STUDIO_SENTRY_DSN": "",
    "LABEL_STUDIO_FRONTEND_SENTRY_DSN": "",
    "LABEL_STUDIO_LATEST_VERSION_CHECK": "false",
    "LABEL_STUDIO_COLLECT_ANALYTICS": "false",
    # Without it the fixed admin token ("legacy" token, as opposed to JWT personal access tokens) is refused
    # with "legacy token authentication has been disabled". This one name is read without a prefix.
    "LABEL_STUDIO_ENABLE_LEGACY_API_TOKEN": "true",
    f"LABEL_STUDIO_{FAST_PREDICTION_IMPORT_FLAG}": "true",
}


class StudioError(RuntimeError):
    """The local Label Studio could not be installed, started or reached; the message says why in one go."""


@dataclass(frozen=True)
class ServerInfo:
    """A running server as `start` recorded it in the data directory's state file."""

    url: str
    port: int
    pid: int
    data_dir: Path
    username: str
    version: str
    started_at: str
    token: str = field(repr=False)
    fast_prediction_import: bool = False
    """Started with `FAST_PREDICTION_IMPORT_FLAG` on (False in state files written before it existed)."""


def default_venv_dir() -> Path:
    """Where the server's virtualenv goes by default: the user's cache, so every clone and CI run can reuse it."""
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "news-stance-builder" / f"label-studio-{LABEL_STUDIO_VERSION}"


def mask_token(token: str) -> str:
    """Show enough of a token to tell two apart in a message, never enough to use it."""
    if len(token) < 16:
        return "****"
    return f"{token[:4]}...{token[-2:]}"


def ensure_installed(venv_dir: Path, progress: Callable[[str], None]) -> Path:
    """Install the pinned Label Studio into its own virtualenv unless it is there; return the `label-studio` program.

    A marker file written after a successful install makes the common case (already installed) a stat call.
    A lock next to the virtualenv keeps two processes (a developer's shell and a test run) from installing
    into it at once.
    """
    venv_dir = venv_dir.absolute()
    executable = venv_dir / "bin" / "label-studio"
    if _is_installed(venv_dir):
        return executable
    venv_dir.parent.mkdir(parents=True, exist_ok=True)
    with _locked(venv_dir.with_name(venv_dir.name + ".lock")):
        if _is_installed(venv_dir):
            return executable
        python = venv_dir / "bin" / "python"
        if not python.is_file():
            progress(f"Creating a virtualenv for Label Studio in {venv_dir}")
            _run_quietly([sys.executable, "-m", "venv", "--clear", str(venv_dir)])
        progress(f"Installing label-studio=={LABEL_STUDIO_VERSION} (about 1 GB, takes a few minutes)")
        started = time.monotonic()
        # A current pip resolves and installs this tree about a third faster than Python 3.11's bundled 23.2.
        _run_quietly(
            [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--upgrade", "pip"]
        )
        _pip_install(python, venv_dir / INSTALL_LOG, progress)
        if not executable.is_file():
            raise StudioError(f"pip installed label-studio but {executable} is missing; see {venv_dir / INSTALL_LOG}")
        (venv_dir / _INSTALLED_MARK).touch()
        progress(f"Installed label-studio=={LABEL_STUDIO_VERSION} in {time.monotonic() - started:.0f} s")
    return executable


def start(
    data_dir: Path,
    port: int,
    username: str,
    password: str,
    token: str,
    *,
    executable: Path,
    host: str = "127.0.0.1",
    timeout: float = START_TIMEOUT,
) -> ServerInfo:
    """Start Label Studio in the background from `data_dir` and wait until it answers; return where it runs.

    The admin user (`username`, an e-mail address, since that is what the login page asks for) and its API
    token are created on the first start only: Label Studio ignores them when the user exists, so a data
    directory keeps the token it was created with, and a server that refuses `token` is stopped with an error
    saying so. If a server already runs from `data_dir` with this token, it is returned as it is (on its own
    port, which `url` gives).
    """
    _check_credentials(username, password, token)
    data_dir = data_dir.absolute()
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    running = status(data_dir)
    if running is not None:
        if running.token != token:
            raise StudioError(
                f"Label Studio already runs from {data_dir} at {running.url} with another API token "
                f"({mask_token(running.token)}); stop it first with scripts/studio-down.sh"
            )
        _wait_until_healthy(running, None, timeout)
        return running
    if _port_in_use(host, port):
        raise StudioError(
            f"port {port} on {host} is taken by another program; Label Studio would silently move to the next "
            "free port, so choose another one"
        )
    env = _server_env(data_dir, username, password, token)
    command = [str(executable), "start", "--no-browser", "--enable-legacy-api-token"]
    command += ["--internal-host", host, "--port", str(port)]
    with (data_dir / LOG_FILE).open("ab") as log:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=data_dir,
            env=env,
            start_new_session=True,
        )
    info = ServerInfo(
        url=f"http://{host}:{port}",
        port=port,
        pid=process.pid,
        data_dir=data_dir,
        username=username,
        version=LABEL_STUDIO_VERSION,
        started_at=datetime.now(UTC).isoformat(timespec="seconds"),
        token=token,
        fast_prediction_import=True,
    )
    _write_state(info)
    try:
        _wait_until_healthy(info, process, timeout)
        _check_token_accepted(info)
    except StudioError:
        stop(data_dir)
        raise
    return info


def status(data_dir: Path) -> ServerInfo | None:
    """The server recorded in `data_dir` if its process still runs; a state file left by a dead one is removed."""
    data_dir = data_dir.absolute()
    info = _read_state(data_dir)
    if info is None:
        return None
    if not _is_label_studio(info.pid):
        (data_dir / STATE_FILE).unlink(missing_ok=True)
        return None
    return info


def stop(data_dir: Path, timeout: float = 20.0) -> bool:
    """Stop the server recorded in `data_dir`; False if none was running.

    SIGTERM first (Django's server exits at once), SIGKILL after `timeout` seconds. The signal goes to the
    process group `start` created, and only after checking that the recorded pid is still a Label Studio
    process, so a stale state file can never kill a stranger that reused the pid.
    """
    data_dir = data_dir.absolute()
    info = status(data_dir)
    if info is None:
        return False
    _signal_group(info.pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while _is_label_studio(info.pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    if _is_label_studio(info.pid):
        _signal_group(info.pid, signal.SIGKILL)
    (data_dir / STATE_FILE).unlink(missing_ok=True)
    return True


def is_healthy(url: str) -> bool:
    """True when the server at `url` answers its /health endpoint with status UP."""
    try:
        with _no_proxy.open(f"{url}/health", timeout=5) as response:
            return response.status == 200 and json.load(response).get("status") == "UP"
    except (OSError, ValueError):
        return False


def _is_installed(venv_dir: Path) -> bool:
    return (venv_dir / _INSTALLED_MARK).is_file() and (venv_dir / "bin" / "label-studio").is_file()


@contextmanager
def _locked(lock_path: Path) -> Iterator[None]:
    with lock_path.open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _run_quietly(command: list[str]) -> None:
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise StudioError(f"{' '.join(command)} failed with exit code {result.returncode}:\n{result.stderr[-2000:]}")


def _pip_install(python: Path, log_path: Path, progress: Callable[[str], None]) -> None:
    command = [
        str(python),
        "-m",
        "pip",
        "install",
        "--disable-pip-version-check",
        f"label-studio=={LABEL_STUDIO_VERSION}",
    ]
    started = time.monotonic()
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
        while True:
            try:
                code = process.wait(timeout=_PROGRESS_EVERY)
                break
            except subprocess.TimeoutExpired:
                progress(f"... still installing Label Studio ({time.monotonic() - started:.0f} s)")
    if code != 0:
        raise StudioError(
            f"pip could not install label-studio=={LABEL_STUDIO_VERSION} (exit code {code}); "
            f"the end of {log_path}:\n{_tail(log_path)}"
        )


def _check_credentials(username: str, password: str, token: str) -> None:
    if "@" not in username:
        raise ValueError(f"username {username!r} must be an e-mail address: Label Studio's login page asks for one")
    if not password:
        raise ValueError("password must not be empty: Label Studio would stop to ask for one on its terminal")
    if not _TOKEN.fullmatch(token):
        raise ValueError(
            "the API token must be 6 to 40 letters, digits, '-' or '_': Label Studio ignores shorter ones and "
            "stores at most 40 characters"
        )


def _server_env(data_dir: Path, username: str, password: str, token: str) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if name != "DJANGO_SETTINGS_MODULE"}
    env.update(_SERVER_ENV)
    env["LABEL_STUDIO_BASE_DATA_DIR"] = str(data_dir)
    env["LABEL_STUDIO_DATABASE_NAME"] = str(data_dir / DATABASE_FILE)
    # Credentials go through the environment, not the command line, where any local user's `ps` would show them.
    env["LABEL_STUDIO_USERNAME"] = username
    env["LABEL_STUDIO_PASSWORD"] = password
    env["LABEL_STUDIO_USER_TOKEN"] = token
    return env


def _port_in_use(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(2)
        return probe.connect_ex((host, port)) == 0


def _wait_until_healthy(info: ServerInfo, process: subprocess.Popen[bytes] | None, timeout: float) -> None:
    log_path = info.data_dir / LOG_FILE
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise StudioError(
                f"Label Studio exited with code {process.returncode} before answering at {info.url}; "
                f"the end of {log_path}:\n{_tail(log_path)}"
            )
        if process is None and not _is_label_studio(info.pid):
            raise StudioError(
                f"Label Studio (pid {info.pid}) died while starting; the end of {log_path}:\n{_tail(log_path)}"
            )
        if is_healthy(info.url):
            return
        time.sleep(0.5)
    raise StudioError(
        f"Label Studio did not answer {info.url}/health within {timeout:.0f} s; "
        f"the end of {log_path}:\n{_tail(log_path)}"
    )


def _check_token_accepted(info: ServerInfo) -> None:
    request = urllib.request.Request(
        f"{info.url}/api/current-user/whoami", headers={"Authorization": f"Token {info.token}"}
    )
    try:
        with _no_proxy.open(request, timeout=30):
            return
    except urllib.error.HTTPError as error:
        detail = error.read().decode("utf-8", "replace")[:300]
        raise StudioError(
            f"Label Studio in {info.data_dir} refuses the API token {mask_token(info.token)} "
            f"(HTTP {error.code}: {detail}). The admin user and its token are made on the first start only: "
            "use the token this data directory was created with, or start from a new data directory."
        ) from error
    except OSError as error:
        raise StudioError(f"Label Studio at {info.url} answered /health but not the API: {error}") from error


def _write_state(info: ServerInfo) -> None:
    state = {**asdict(info), "data_dir": str(info.data_dir)}
    path = info.data_dir / STATE_FILE
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        json.dump(state, file, indent=2)
        file.write("\n")


def _read_state(data_dir: Path) -> ServerInfo | None:
    try:
        state = json.loads((data_dir / STATE_FILE).read_text(encoding="utf-8"))
        return ServerInfo(**{**state, "data_dir": Path(state["data_dir"])})
    except FileNotFoundError:
        return None
    except (ValueError, TypeError, KeyError) as error:
        raise StudioError(
            f"{data_dir / STATE_FILE} is not a state file this builder wrote ({error}); delete it if no server runs"
        ) from error


def _is_label_studio(pid: int) -> bool:
    """True if `pid` runs Label Studio: a bare liveness check would trust a pid the system has since reused."""
    if Path("/proc/self").exists():
        try:
            return b"label-studio" in Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            return False
    result = subprocess.run(["ps", "-o", "command=", "-p", str(pid)], capture_output=True, text=True, check=False)
    return "label-studio" in result.stdout and "<defunct>" not in result.stdout


def _signal_group(pid: int, signum: signal.Signals) -> None:
    with suppress(ProcessLookupError):
        os.killpg(pid, signum)


def _tail(path: Path) -> str:
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as error:
        return f"(cannot read it: {error})"
    return "\n".join(lines[-_LOG_TAIL_LINES:])
