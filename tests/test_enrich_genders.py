"""The gender a name's title or first name tells, and the shipped table of first names it reads."""

from __future__ import annotations

import gzip

import pytest

from builder.enrich.genders import name_gender
from tests.scripts_support import load_script


@pytest.mark.parametrize(
    ("name", "gender"),
    [
        ("Kamala Harris", "f"),
        ("Donald Trump", "m"),
        ("Mariya Zakharova", "f"),
        ("Sergei Lavrov", "m"),
        # A title tells it before the first name, and on a surname alone.
        ("Mr. Trump", "m"),
        ("Ms. Warren", "f"),
        ("Mme Hidalgo", "f"),
        ("Dr. Jane Smith", "f"),
        # An accented name the table lacks is looked up without its accent; a compound name by its first part.
        ("Zoë Ball", "f"),
        ("Anne-Marie Duff", "f"),
        # Nothing: a surname alone, initials, a title that tells nothing, a first name of men and women alike.
        ("Trump", None),
        ("J. Smith", None),
        ("Dr. Smith", None),
        ("Jordan Cairo", None),
        ("Bernie Sanders", None),
    ],
)
def test_a_name_tells_its_gender_by_its_title_or_first_name(name: str, gender: str | None) -> None:
    assert name_gender(name) == gender


def test_the_shipped_table_is_what_the_build_script_makes_of_nomquamgender() -> None:
    script = load_script("build_first_names")
    built = script.table_text(script.source_data())
    shipped = gzip.decompress(script.TABLE.read_bytes()).decode("utf-8")
    assert shipped == built
    # It carries the MIT notice of the data it comes from, and only names of clear gender.
    assert "Copyright (c) 2022 Ian Van Buskirk" in shipped
    rows = dict(line.split("\t") for line in shipped.splitlines() if not line.startswith("#"))
    assert rows["mary"] == "f"
    assert rows["kevin"] == "m"
    assert "jan" not in rows
    assert "bernie" not in rows
