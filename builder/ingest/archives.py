"""Zip archives of inputs, as dumps are often shared: each file in one is an input of its own, named by the
archive's path and its own (`dumps.zip/site/page.txt`) in reports and provenance.

A member's location is fsspec's chained URL for it (`zip://site/page.txt::/abs/dumps.zip`), so that it reads as
the same thing everywhere, but it is extracted here with the standard library: fsspec would parse the archive's
directory again for every member, which is quadratic in the members of a large archive. Each process keeps the
few archives it reads from open.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import zipfile
from pathlib import Path

ARCHIVE_SUFFIX = ".zip"
_MEMBER_LOCATION = re.compile(r"^zip://(?P<member>.+)::(?P<archive>.+)$", re.DOTALL)
OPEN_ARCHIVES = 4
"""Archives each process keeps open: inputs are read in order, so a run reads one archive's members in a row."""
COPY_CHUNK_BYTES = 1 << 20


def is_archive(path: Path) -> bool:
    return path.suffix.lower() == ARCHIVE_SUFFIX


def archive_members(archive: Path, shown: str) -> list[tuple[str, str]]:
    """`(location, shown)` of the archive's files, in name order; not its folders, nor files whose names or
    folders start with a dot, nor the `__MACOSX` resource forks that macOS adds to the archives it makes.

    Raises `zipfile.BadZipFile` or `OSError` for an archive that cannot be opened."""
    with zipfile.ZipFile(archive) as opened:
        names = sorted(
            member.filename
            for member in opened.infolist()
            if not member.is_dir() and not any(map(_is_left_out, member.filename.split("/")))
        )
    absolute = os.path.abspath(archive)
    return [(f"zip://{name}::{absolute}", f"{shown}/{name}") for name in names]


def _is_left_out(part: str) -> bool:
    return part.startswith((".", "__MACOSX"))


def member_of(location: str) -> tuple[str, str] | None:
    """`(archive path, member name)` of a member's location (see `archive_members`), or None for other inputs."""
    found = _MEMBER_LOCATION.match(location)
    return (found["archive"], found["member"]) if found else None


def extract_member(archive: str, member: str, folder: Path) -> Path:
    """Write the member into `folder` under its own file name (whose suffixes tell its format) and return it."""
    target = folder / member.rsplit("/", 1)[-1]
    with _opened(archive, os.getpid()).open(member) as packed, target.open("wb") as unpacked:
        shutil.copyfileobj(packed, unpacked, COPY_CHUNK_BYTES)
    return target


@functools.lru_cache(maxsize=OPEN_ARCHIVES)
def _opened(archive: str, process: int) -> zipfile.ZipFile:
    """The archive opened by this `process`: a worker forked from a process that had it open would share its file
    offset with it, and their reads would interleave (the zip reader's lock holds within a process only)."""
    return zipfile.ZipFile(archive)
