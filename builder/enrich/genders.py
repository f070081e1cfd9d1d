"""The gender a person's name or title tells, for telling "he" from "she" when a pronoun could refer to more than
one person named before it.

First names come from `first_names.tsv.gz` (built by `scripts/build_first_names.py` from nomquamgender's name
data, MIT): only names that at least nine in ten of their bearers share a gender with, so "Jan", "Andrea" or
"Bernie" tell nothing. A title tells it before any first name ("Mr. Trump", "Mme Hidalgo"). A surname alone
tells nothing: "Rose" and "Chase" are surnames as well as first names.
"""

from __future__ import annotations

import functools
import gzip
import unicodedata
from importlib import resources
from typing import Literal

Gender = Literal["f", "m"]

TITLE_GENDERS: dict[str, Gender] = {
    "mr": "m",
    "mrs": "f",
    "ms": "f",
    "miss": "f",
    "monsieur": "m",
    "mme": "f",
    "madame": "f",
    "mlle": "f",
    "herr": "m",
    "frau": "f",
    "señor": "m",
    "señora": "f",
    "sra": "f",
    "signor": "m",
    "signora": "f",
}
"""Titles that say who they address, without their full stop and case-folded. "Sr." is left out: it is "Senior"
as often as "Señor"."""


@functools.cache
def _first_names() -> dict[str, Gender]:
    """The table, read once a process: 34,000 names in about 20 ms."""
    data = resources.files(__package__).joinpath("first_names.tsv.gz").read_bytes()
    table: dict[str, Gender] = {}
    for line in gzip.decompress(data).decode("utf-8").splitlines():
        if line and not line.startswith("#"):
            name, gender = line.split("\t")
            table[name] = "f" if gender == "f" else "m"
    return table


def _without_accents(word: str) -> str:
    return "".join(char for char in unicodedata.normalize("NFKD", word) if not unicodedata.combining(char))


@functools.lru_cache(maxsize=4096)
def name_gender(name: str) -> Gender | None:
    """The gender the name's title or first name tells ("Mr. Trump", "Kamala Harris", "Jean-Luc Picard"), or None:
    a surname alone, initials, or a first name borne by men and women alike."""
    words = name.split()
    for word in words[:-1]:
        title = TITLE_GENDERS.get(word.rstrip(".").casefold())
        if title is not None:
            return title
    if len(words) < 2:
        return None
    first = words[0]
    if first.endswith("."):  # an initial ("J. Smith") or a title that tells nothing ("Dr. Jane Smith")
        if len(words) < 3 or len(first) <= 2:
            return None
        first = words[1]
    names = _first_names()
    key = first.casefold()
    # "Jean-Luc" is not in the table, "Jean" is; "Zoë" is found as "Zoe" when the table lacks it.
    for candidate in (key, key.split("-")[0], _without_accents(key)):
        if candidate in names:
            return names[candidate]
    return None
