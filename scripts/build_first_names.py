"""Build `builder/enrich/first_names.tsv.gz`, the first names whose gender is clear, which `builder.enrich.genders`
reads to tell "he" from "she" when a pronoun could refer to more than one person.

The names come from nomquamgender (MIT licence, Ian Van Buskirk; a dev dependency, needed only here): its
`name_data.json` gives each name the share of women among its bearers, p(gf), pooled from 36 name-gender sources.
A name is kept when p(gf) is at most MAX_UNCERTAINTY from 0 or 1 (the package's own default threshold) and
MIN_COUNT people bear it: "Mary" (0.98) is a woman's name, "Kevin" (0.003) a man's, "Jan" (0.235) and "Bernie"
(0.151) are neither. Its JSON is read directly, without importing the package, which imports pandas.

    .venv/bin/python scripts/build_first_names.py [--check]

`--check` exits 1 when the shipped table differs from a new build (tests/test_enrich_genders.py runs it).
"""

from __future__ import annotations

import argparse
import gzip
import importlib.metadata
import importlib.util
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TABLE = REPO / "builder" / "enrich" / "first_names.tsv.gz"
MAX_UNCERTAINTY = 0.1
MIN_COUNT = 200


def source_data() -> dict[str, list[object]]:
    spec = importlib.util.find_spec("nomquamgender")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("nomquamgender is not installed: pip install -e '.[dev]'")
    path = Path(next(iter(spec.submodule_search_locations))) / "name_data.json"
    return json.loads(path.read_text(encoding="utf-8"))


def table_text(data: dict[str, list[object]]) -> str:
    """The table: a header of `#` lines (source, licence, rule), then `name<TAB>f|m` lines sorted by name."""
    distribution = importlib.metadata.distribution("nomquamgender")
    licence = (distribution.read_text("LICENSE") or "").strip().splitlines()
    rows = []
    for name, (_sources, count, share_women, *_rest) in data.items():
        if not name.isalpha() or not isinstance(count, int) or count < MIN_COUNT:
            continue
        if share_women >= 1 - MAX_UNCERTAINTY:  # type: ignore[operator]
            rows.append(f"{name}\tf")
        elif share_women <= MAX_UNCERTAINTY:  # type: ignore[operator]
            rows.append(f"{name}\tm")
    # The MIT licence asks for its notice in every copy of a substantial portion of the data.
    header = [
        f"First names of clear gender, from the name data of nomquamgender {distribution.version}",
        "(https://github.com/ianvanbuskirk/nomquamgender), built by scripts/build_first_names.py. Kept: a share of",
        f"women of at least {1 - MAX_UNCERTAINTY:.2f} (f) or at most {MAX_UNCERTAINTY:.2f} (m) among at least "
        f"{MIN_COUNT} bearers.",
        "",
        *licence,
    ]
    return "\n".join([f"# {line}".rstrip() for line in header] + sorted(rows)) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="Exit 1 if the shipped table is not what a build gives.")
    args = parser.parse_args()
    text = table_text(source_data())
    if args.check:
        shipped = gzip.decompress(TABLE.read_bytes()).decode("utf-8") if TABLE.exists() else ""
        if shipped != text:
            print(f"{TABLE.relative_to(REPO)} is stale: run scripts/build_first_names.py")
            return 1
        print(f"{TABLE.relative_to(REPO)} is up to date")
        return 0
    # mtime=0: the same names give the same bytes, so a rebuild changes nothing in git.
    TABLE.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))
    names = sum(1 for line in text.splitlines() if not line.startswith("#"))
    print(f"wrote {TABLE.relative_to(REPO)}: {names} names, {TABLE.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
