"""Zip and tar archives of inputs, as dumps are often shared: each file in one is an input of its own, named by the
archive's path and its own (`dumps.zip/site/page.txt`) in reports and provenance.

A member's location is fsspec's chained URL for it (`zip://site/page.txt::/abs/dumps.zip`,
`tar://site/page.txt::/abs/dumps.tar.gz`), so that it reads as the same thing everywhere, but it is extracted
here with the standard library: fsspec would parse the archive's directory again for every member, which is
quadratic in the members of a large archive. Each process keeps the few archives it reads from open.

Two entries of an archive may have the same name (`zip -u`, `tar -r`, or tools that append): the standard library
opens the last one by name, so each member is extracted by its index among the archive's entries instead, and a
name held by more than one entry carries that index in its location (`zip://page.txt::/abs/dumps.zip#3`). The
second and later entries of a name are shown with their ordinal (`dumps.zip/page.txt#2`), so that provenance
tells them apart.

A compressed tar is one stream with no index of its members: reaching a member means decompressing all that comes
before it. So a tar's members are listed in archive order (a zip's by name), and each process reads forward
through the archive it has open (`_TarCursor`): read in that order, a `.tar.gz` is decompressed about once per
process, not once per member.
"""

from __future__ import annotations

import functools
import lzma
import os
import re
import shutil
import sys
import zlib
from collections import Counter
from pathlib import Path
from typing import NamedTuple

from builder.compression import zstd

# Zstandard-compressed tars (`tar --zstd`) and zip entries (method 93) are read by Python 3.14's tarfile and
# zipfile; before it, by the copies of those modules that backports.zstd ships. One pair is used throughout, as each
# has its own error classes.
if sys.version_info >= (3, 14):
    import tarfile
    import zipfile
else:
    from backports.zstd import tarfile, zipfile

ZIP, TAR = "zip", "tar"
TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tbz", ".tar.xz", ".txz", ".tar.zst", ".tzst")
_MEMBER_LOCATION = re.compile(
    r"^(?P<kind>zip|tar)://(?P<member>.+)::(?P<archive>(?![a-z][a-z0-9+.-]*://).+?)(?:#(?P<entry>[0-9]+))?$",
    re.DOTALL,
)
"""A member of a local archive, as `list_archive` names it; not an fsspec chained URL given as an input
("zip://page.txt::file:///data/dumps.zip", "zip://page.txt::s3://bucket/dumps.zip"), which fsspec reads."""
OPEN_ARCHIVES = 4
"""Archives each process keeps open: inputs are read in order, so a run reads one archive's members in a row."""
COPY_CHUNK_BYTES = 1 << 20
BROKEN_ARCHIVE_ERRORS = (
    zipfile.BadZipFile,
    tarfile.TarError,
    OSError,
    EOFError,
    zlib.error,
    lzma.LZMAError,
    zstd.ZstdError,
)
"""What the standard library raises for an archive that cannot be read: not one, cut short, or corrupt (gzip's
EOFError and zlib.error, xz's LZMAError and Zstandard's ZstdError reach through tarfile)."""


class _CheckedTarInfo(tarfile.TarInfo):
    """A tar header that, corrupt or cut short, is an error wherever it stands. tarfile reads such a header past
    the first as the archive's end, as it reads its end marker (zero bytes) and the end of the data: the files
    after it vanished without a word, where a cut in a member's data is reported. Raised as the error tarfile
    raises for a broken header inside a member's own headers (a GNU long name's), it ends the reading with a
    `tarfile.ReadError`, one of BROKEN_ARCHIVE_ERRORS."""

    @classmethod
    def fromtarfile(cls, archive: tarfile.TarFile) -> tarfile.TarInfo:
        start = archive.fileobj.tell() if archive.fileobj is not None else 0
        try:
            return super().fromtarfile(archive)
        except (tarfile.TruncatedHeaderError, tarfile.InvalidHeaderError) as error:
            what = "cut short" if isinstance(error, tarfile.TruncatedHeaderError) else f"corrupt ({error})"
            raise tarfile.SubsequentHeaderError(f"the header at byte {start:,} is {what}") from None


class _CheckedTarFile(tarfile.TarFile):
    """tarfile, with a header that is corrupt or cut short past the first made an error (see `_CheckedTarInfo`).

    Among those is a header whose size is negative (base-256 in its size field, or a PAX `size`), which sends the
    next header back to an earlier one: Python 3.14's tarfile, used here, refuses it as an invalid header, where
    tarfile before Python 3.12.12/3.13.6 (CVE-2025-8194) read the same headers again forever, and a 4 KB tar hung
    the run with its memory growing."""

    tarinfo = _CheckedTarInfo


def archive_kind(path: Path) -> str | None:
    """ZIP or TAR for an archive's file name, or None."""
    name = path.name.lower()
    if name.endswith(".zip"):
        return ZIP
    return TAR if name.endswith(TAR_SUFFIXES) else None


def is_archive(path: Path) -> bool:
    return archive_kind(path) is not None


class Member(NamedTuple):
    """A file in an archive, as its location names it (see `list_archive`)."""

    kind: str
    archive: str
    name: str
    entry: int | None
    """Its index among the archive's entries when another entry has the same name, else None."""


class Listing(NamedTuple):
    """An archive's files, `(location, shown)` each, and why it could not be read (wholly, or past its last file
    listed: a tar cut short), or None."""

    files: list[tuple[str, str]]
    broken: str | None


def list_archive(archive: Path, shown: str) -> Listing:
    """The archive's files: a zip's in name order (entries of the same name in archive order), a tar's in archive
    order; not its folders, nor files whose names or folders start with a dot, nor the `__MACOSX` resource forks
    that macOS adds to the archives it makes, nor a tar's links and devices (a link's target is listed on its own
    when the archive holds it). A file whose path climbs out of the archive (`../x.txt`) is listed, whatever its
    folders, so that reading it quarantines it rather than it vanishing."""
    kind = archive_kind(archive)
    entries: list[tuple[str, int]] = []
    broken = None
    try:
        if kind == TAR:
            with _CheckedTarFile.open(archive) as opened:
                # Iterated rather than listed whole, so that a tar cut short keeps the files before the cut.
                for index, info in enumerate(opened):
                    if info.isfile() and _is_listed(info.name):
                        entries.append((info.name, index))
        else:
            with zipfile.ZipFile(archive) as opened:
                entries = [
                    (info.filename, index)
                    for index, info in enumerate(opened.infolist())
                    if not info.is_dir() and _is_listed(info.filename)
                ]
    except BROKEN_ARCHIVE_ERRORS as error:
        broken = str(error) or type(error).__name__
    return Listing(_located(entries, kind or ZIP, os.path.abspath(archive), shown), broken)


def _is_listed(name: str) -> bool:
    return climbs_out(name) or not any(map(_is_left_out, name.split("/")))


def _located(entries: list[tuple[str, int]], kind: str, absolute: str, shown: str) -> list[tuple[str, str]]:
    """`(location, shown)` of each entry `(name, index)`; a zip's sorted by name."""
    entries_of = Counter(name for name, _ in entries)
    ordinals: Counter[str] = Counter()
    listed = []
    for name, index in entries:
        ordinals[name] += 1
        location = f"{kind}://{name}::{absolute}" + (f"#{index}" if entries_of[name] > 1 else "")
        ordinal = f"#{ordinals[name]}" if ordinals[name] > 1 else ""
        listed.append((name, ordinals[name], location, f"{shown}/{name}{ordinal}"))
    if kind == ZIP:
        listed.sort()
    return [(location, shown_as) for _, _, location, shown_as in listed]


def _is_left_out(part: str) -> bool:
    """A dotfile or folder, or macOS's resource forks; not "." (`./page.txt`), the archive's own folder."""
    return part != "." and part.startswith((".", "__MACOSX"))


def climbs_out(name: str) -> bool:
    """Whether a member's path has a `..` in it, with `/` or Windows' `\\` between folders: unpacked by its path, it
    would be written outside the folder the archive is unpacked into ("zip slip")."""
    return ".." in re.split(r"[/\\]", name)


def member_of(location: str) -> Member | None:
    """The archive member at a location (see `list_archive`), or None for other inputs."""
    found = _MEMBER_LOCATION.match(location)
    if found is None:
        return None
    name, archive, entry = found["member"], found["archive"], found["entry"]
    if "::" in archive or "::" in name:
        name, archive = _split_at_archive(f"{name}::{archive}", name, archive)
    return Member(found["kind"], archive, name, int(entry) if entry is not None else None)


def _split_at_archive(joined: str, name: str, archive: str) -> tuple[str, str]:
    """`(name, archive)` of a location whose member name or archive path holds "::" too: split at the first "::"
    after which an archive file is found (an archive's path is absolute, and its folder, as its name, may hold
    "::"). The match's split, at the last "::", is kept when none is, and made every member of an archive at
    "/data/a::b/dumps.tar" unreadable: it looked for the archive "b/dumps.tar"."""
    parts = joined.split("::")
    for cut in range(1, len(parts)):
        candidate = "::".join(parts[cut:])
        if os.path.isabs(candidate) and os.path.isfile(candidate):
            return "::".join(parts[:cut]), candidate
    return name, archive


def extract_member(member: Member, folder: Path) -> Path:
    """Write the member into `folder` under its own file name (whose suffixes tell its format) and return it."""
    if climbs_out(member.name):  # the reader quarantines these before; never written, whatever calls this
        raise ValueError(f"{member.name!r} climbs out of its archive's folder")
    target = folder / member.name.rsplit("/", 1)[-1]
    if member.kind == TAR:
        cursor = _tar_cursor(member.archive, os.getpid())
        packed = cursor.tar.extractfile(cursor.entry(member))
        if packed is None:
            raise ValueError(f"{member.name!r} is no file in the archive")
    else:
        packed = _opened(member.archive, os.getpid()).open(_entry(member))
    with packed, target.open("wb") as unpacked:
        shutil.copyfileobj(packed, unpacked, COPY_CHUNK_BYTES)
    return target


def member_sizes(member: Member) -> tuple[int, int] | None:
    """(packed, unpacked) bytes of the member as the archive states them (zipfile unpacks no more than the stated
    size), or None when it cannot be told (extracting it then says why). A compressed tar packs its members
    together, so the whole archive's size stands for a member's packed size: none packs into less."""
    try:
        if member.kind == TAR:
            info = _tar_cursor(member.archive, os.getpid()).entry(member)
            return os.path.getsize(member.archive), info.size
        zipped = _entry(member)
    except (KeyError, IndexError, *BROKEN_ARCHIVE_ERRORS):
        return None
    return zipped.compress_size, zipped.file_size


def _entry(member: Member) -> zipfile.ZipInfo:
    """The member's entry in its zip archive: by name, or by its index when another entry has the same name (by
    name, zipfile gives the last entry of that name, whichever this is)."""
    opened = _opened(member.archive, os.getpid())
    if member.entry is None:
        return opened.getinfo(member.name)
    info = opened.infolist()[member.entry]
    if info.filename != member.name:
        raise KeyError(f"entry {member.entry} of the archive is {info.filename!r} now, not {member.name!r}")
    return info


class _TarCursor:
    """A tar archive open for reading forward: its entries are read from the stream as far as a member asked for,
    and those read are kept (tarfile keeps them too), so that members asked for in archive order decompress the
    archive once, where tarfile's own look-up by name reads the whole archive first."""

    def __init__(self, archive: str) -> None:
        # Open as long as the process reads from it, as `_opened` is.
        self.tar = _CheckedTarFile.open(archive)
        # Opening reads the first entry's header already. Files only: a folder, link or device of a file's name
        # (`tar -r` after the file was replaced) is not it; a link's target would be read in its place.
        self._by_name: dict[str, tarfile.TarInfo] = {info.name: info for info in self.tar.members if info.isfile()}
        self._names: frozenset[str] | None = None

    def entry(self, member: Member) -> tarfile.TarInfo:
        """The member's entry: by its index when it has one, else by its name (the only entry of that name)."""
        if member.entry is None:
            while member.name not in self._by_name and self._read_next():
                pass
            return self._by_name[member.name]
        while len(self.tar.members) <= member.entry and self._read_next():
            pass
        info = self.tar.members[member.entry]
        if info.name != member.name:
            raise KeyError(f"entry {member.entry} of the archive is {info.name!r}, not {member.name!r}")
        return info

    def _read_next(self) -> bool:
        """Read the next entry's header from the stream; False at the archive's end."""
        info = self.tar.next()
        if info is None:
            return False
        if info.isfile():
            self._by_name[info.name] = info
        return True

    def names(self) -> frozenset[str]:
        """The names of the archive's files (reading the whole archive, once)."""
        if self._names is None:
            self._names = frozenset(info.name for info in self.tar.getmembers() if info.isfile())
            self._by_name.update((info.name, info) for info in self.tar.members if info.isfile())
        return self._names


def has_file(member: Member, name: str) -> bool:
    """Whether the member's archive holds a file of that name; False too when it cannot be read (extracting a
    member then says why)."""
    try:
        if member.kind == TAR:
            return name in _tar_cursor(member.archive, os.getpid()).names()
        return not _opened(member.archive, os.getpid()).getinfo(name).is_dir()
    except (KeyError, *BROKEN_ARCHIVE_ERRORS):
        return False


@functools.lru_cache(maxsize=OPEN_ARCHIVES)
def _opened(archive: str, process: int) -> zipfile.ZipFile:
    """The zip archive opened by this `process`: a worker forked from a process that had it open would share its
    file offset with it, and their reads would interleave (the zip reader's lock holds within a process only)."""
    return zipfile.ZipFile(archive)


@functools.lru_cache(maxsize=OPEN_ARCHIVES)
def _tar_cursor(archive: str, process: int) -> _TarCursor:
    """The tar archive opened by this `process` (see `_opened`)."""
    return _TarCursor(archive)
