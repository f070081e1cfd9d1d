"""The release repository: a git repository in which every release is one commit and an annotated tag.

Only this module runs git, and only inside the release repository (`git -C RELEASE_REPO`), with the
identity and signing settings given on the command line so the user's global git configuration does not
decide whether a release succeeds.
"""

from __future__ import annotations

import io
import re
import subprocess
import tarfile
from pathlib import Path

VERSION = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")
BUMPS = ("major", "minor", "patch")
IDENTITY = ("-c", "user.name=news-stance-builder", "-c", "user.email=builder@localhost")
NO_SIGNING = ("-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false")


class ReleaseRepoError(RuntimeError):
    """A git step in the release repository failed; the message carries git's own words."""


def git(repo: Path, *args: str, data: bytes | None = None) -> bytes:
    result = subprocess.run(
        ["git", "-C", str(repo), *IDENTITY, *NO_SIGNING, *args], input=data, capture_output=True, check=False
    )
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip()
        raise ReleaseRepoError(f"git {' '.join(args)} in {repo}: {message}")
    return result.stdout


def parse_version(text: str) -> tuple[int, int, int]:
    match = VERSION.match(text.removeprefix("v"))
    if match is None:
        raise ValueError(f"version {text!r} is not semantic X.Y.Z (e.g. 1.2.0)")
    major, minor, patch = (int(part) for part in match.groups())
    return major, minor, patch


def bump(version: tuple[int, int, int] | None, part: str) -> tuple[int, int, int]:
    """The next version; the first release bumps from 0.0.0 (so `--bump major` starts at 1.0.0)."""
    major, minor, patch = version or (0, 0, 0)
    if part == "major":
        return major + 1, 0, 0
    if part == "minor":
        return major, minor + 1, 0
    if part == "patch":
        return major, minor, patch + 1
    raise ValueError(f"bump {part!r}: use one of {', '.join(BUMPS)}")


def format_version(version: tuple[int, int, int]) -> str:
    return ".".join(str(part) for part in version)


def ensure_repo(path: Path) -> None:
    """Make `path` a git repository if it is not one yet (its own, not a folder inside another repository)."""
    path.mkdir(parents=True, exist_ok=True)
    if not (path / ".git").exists():
        git(path, "init", "--quiet", "--initial-branch=main")


def released_versions(path: Path) -> list[tuple[int, int, int]]:
    """Versions tagged `vX.Y.Z` in the release repository, oldest first."""
    if not (path / ".git").exists():
        return []
    names = git(path, "tag", "--list", "v*").decode().split()
    return sorted(parse_version(name) for name in names if VERSION.match(name[1:]))


def commit_and_tag(path: Path, version: str, message: str) -> str:
    """Commit the whole tree and tag it `vVERSION` (annotated); returns the commit id."""
    git(path, "add", "--all")
    git(path, "commit", "--quiet", "--allow-empty", "-m", message)
    git(path, "tag", "-a", f"v{version}", "-m", message)
    return git(path, "rev-parse", "HEAD").decode().strip()


def tag_exists(path: Path, tag: str) -> bool:
    return (path / ".git").exists() and bool(git(path, "tag", "--list", tag).strip())


def export_tag(path: Path, tag: str, destination: Path) -> list[str]:
    """Write the tree at `tag` into `destination` (which need not be a repository); returns its files.

    `git archive` gives exactly what was committed under the tag, whatever the working tree holds now."""
    archive = git(path, "archive", "--format=tar", tag)
    destination.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(destination, filter="data")
        return sorted(member.name for member in tar.getmembers() if member.isfile())
