"""Zip archives of inputs, as dumps are often shared: each file in one is an input of its own, named by the
archive's path and its own (`dumps.zip/site/page.txt`) in reports and provenance.

A member's location is fsspec's chained URL for it (`zip://site/page.txt::/abs/dumps.zip`), so that it reads as
the same thing everywhere, but it is extracted here with the standard library: fsspec would parse the archive's
directory again for every member, which is quadratic in the members of a large archive. Each process keeps the
few archives it reads from open.

Two entries of an archive may have the same name (`zip -u`, or tools that append): the standard library opens
the last one by name, so each member is extracted by its index among the archive's entries instead, and a name
held by more than one entry carries that index in its location (`zip://page.txt::/abs/dumps.zip#3`). The
second and later entries of a name are shown with their ordinal (`dumps.zip/page.txt#2`), so that provenance
tells them apart.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import zipfile
from collections import Counter
from pathlib import Path
from typing import NamedTuple

ARCHIVE_SUFFIX = ".zip"
_MEMBER_LOCATION = re.compile(
    r"^zip://(?P<member>.+)::(?P<archive>(?![a-z][a-z0-9+.-]*://).+?)(?:#(?P<entry>[0-9]+))?$", re.DOTALL
)
"""A member of a local archive, as `archive_members` names it; not an fsspec chained URL given as an input
("zip://page.txt::file:///data/dumps.zip", "zip://page.txt::s3://bucket/dumps.zip"), which fsspec reads."""
OPEN_ARCHIVES = 4
"""Archives each process keeps open: inputs are read in order, so a run reads one archive's members in a row."""
COPY_CHUNK_BYTES = 1 << 20


def is_archive(path: Path) -> bool:
    return path.suffix.lower() == ARCHIVE_SUFFIX


class Member(NamedTuple):
    """A file in a zip archive, as its location names it (see `archive_members`)."""

    archive: str
    name: str
    entry: int | None
    """Its index among the archive's entries when another entry has the same name, else None."""


def archive_members(archive: Path, shown: str) -> list[tuple[str, str]]:
    """`(location, shown)` of the archive's files, in name order (entries of the same name in archive order);
    not its folders, nor files whose names or folders start with a dot, nor the `__MACOSX` resource forks that
    macOS adds to the archives it makes. A file whose path climbs out of the archive (`../x.txt`) is listed,
    whatever its folders, so that reading it quarantines it rather than it vanishing.

    Raises `zipfile.BadZipFile` or `OSError` for an archive that cannot be opened."""
    with zipfile.ZipFile(archive) as opened:
        files = [
            (member.filename, index)
            for index, member in enumerate(opened.infolist())
            if not member.is_dir()
            and (climbs_out(member.filename) or not any(map(_is_left_out, member.filename.split("/"))))
        ]
    absolute = os.path.abspath(archive)
    entries_of = Counter(name for name, _ in files)
    ordinals: Counter[str] = Counter()
    listed = []
    for name, index in files:
        ordinals[name] += 1
        location = f"zip://{name}::{absolute}" + (f"#{index}" if entries_of[name] > 1 else "")
        ordinal = f"#{ordinals[name]}" if ordinals[name] > 1 else ""
        listed.append((name, ordinals[name], location, f"{shown}/{name}{ordinal}"))
    return [(location, shown_as) for _, _, location, shown_as in sorted(listed)]


def _is_left_out(part: str) -> bool:
    """A dotfile or folder, or macOS's resource forks; not "." (`./page.txt`), the archive's own folder."""
    return part != "." and part.startswith((".", "__MACOSX"))


def climbs_out(name: str) -> bool:
    """Whether a member's path has a `..` in it, with `/` or Windows' `\\` between folders: unpacked by its path, it
    would be written outside the folder the archive is unpacked into ("zip slip")."""
    return ".." in re.split(r"[/\\]", name)


def member_of(location: str) -> Member | None:
    """The archive member at a location (see `archive_members`), or None for other inputs."""
    found = _MEMBER_LOCATION.match(location)
    if found is None:
        return None
    entry = found["entry"]
    return Member(found["archive"], found["member"], int(entry) if entry is not None else None)


def extract_member(member: Member, folder: Path) -> Path:
    """Write the member into `folder` under its own file name (whose suffixes tell its format) and return it."""
    if climbs_out(member.name):  # the reader quarantines these before; never written, whatever calls this
        raise ValueError(f"{member.name!r} climbs out of its archive's folder")
    info = _entry(member)
    target = folder / member.name.rsplit("/", 1)[-1]
    with _opened(member.archive, os.getpid()).open(info) as packed, target.open("wb") as unpacked:
        shutil.copyfileobj(packed, unpacked, COPY_CHUNK_BYTES)
    return target


def member_sizes(member: Member) -> tuple[int, int] | None:
    """(compressed, unpacked) bytes of the member as the archive states them (zipfile unpacks no more than the
    stated size), or None when it cannot be told (extracting it then says why)."""
    try:
        info = _entry(member)
    except (KeyError, IndexError, zipfile.BadZipFile, OSError):
        return None
    return info.compress_size, info.file_size


def _entry(member: Member) -> zipfile.ZipInfo:
    """The member's entry in its archive: by name, or by its index when another entry has the same name (by name,
    zipfile gives the last entry of that name, whichever this is)."""
    opened = _opened(member.archive, os.getpid())
    if member.entry is None:
        return opened.getinfo(member.name)
    info = opened.infolist()[member.entry]
    if info.filename != member.name:
        raise KeyError(f"entry {member.entry} of the archive is {info.filename!r} now, not {member.name!r}")
    return info


def has_file(archive: str, name: str) -> bool:
    """Whether the archive holds a file of that name; False too when it cannot be opened (extracting a member
    then says why)."""
    try:
        return not _opened(archive, os.getpid()).getinfo(name).is_dir()
    except (KeyError, zipfile.BadZipFile, OSError):
        return False


@functools.lru_cache(maxsize=OPEN_ARCHIVES)
def _opened(archive: str, process: int) -> zipfile.ZipFile:
    """The archive opened by this `process`: a worker forked from a process that had it open would share its file
    offset with it, and their reads would interleave (the zip reader's lock holds within a process only)."""
    return zipfile.ZipFile(archive)
