"""Publishing a tagged release to the Hugging Face Hub as is.

What is uploaded is the tree at the tag (exported with `git archive`), not the working folder, so a push
always publishes exactly a released version. Planning (checks and export) is apart from uploading, so all of
it is testable without a network; `push` is the only function that talks to the Hub.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from huggingface_hub import HfApi

from builder.release import repo

REPO_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,95}/[A-Za-z0-9][A-Za-z0-9._-]{0,95}$")


class PushError(ValueError):
    """The push cannot start: bad repository id, no such tag, or nothing released yet."""


@dataclass(frozen=True)
class PushPlan:
    repo_id: str
    tag: str
    folder: Path
    files: list[str]


def plan_push(release_dir: Path, repo_id: str, tag: str | None, workdir: Path) -> PushPlan:
    """Check the arguments and export the tagged tree into `workdir`; `tag` defaults to the latest release."""
    if not REPO_ID.match(repo_id) or ".." in repo_id:
        raise PushError(f"--repo-id {repo_id!r}: expected ORG/NAME (letters, digits, '.', '_', '-')")
    versions = repo.released_versions(release_dir)
    if not versions:
        raise PushError(f"{release_dir}: no release tagged vX.Y.Z yet; run `builder release` first")
    chosen = tag or f"v{repo.format_version(versions[-1])}"
    if not repo.VERSION.match(chosen.removeprefix("v")) or not chosen.startswith("v"):
        raise PushError(f"--tag {chosen!r}: expected vX.Y.Z")
    if not repo.tag_exists(release_dir, chosen):
        shown = ", ".join(f"v{repo.format_version(v)}" for v in versions)
        raise PushError(f"--tag {chosen}: no such release in {release_dir} (released: {shown})")
    folder = workdir / chosen
    files = repo.export_tag(release_dir, chosen, folder)
    return PushPlan(repo_id, chosen, folder, files)


def push(plan: PushPlan, api: HfApi) -> str:
    """Upload the exported tree as one commit of the dataset repository and tag that commit; returns its URL."""
    api.create_repo(plan.repo_id, repo_type="dataset", exist_ok=True)
    commit = api.upload_folder(
        repo_id=plan.repo_id,
        repo_type="dataset",
        folder_path=plan.folder,
        commit_message=f"Release {plan.tag}",
        delete_patterns=["*"],
    )
    api.create_tag(
        plan.repo_id, tag=plan.tag, revision=commit.oid, repo_type="dataset", tag_message=f"Release {plan.tag}"
    )
    return commit.commit_url
