"""Offline language identification: the model ships inside py3langid, short or unclear text is `und`."""

from __future__ import annotations

from pathlib import Path

import py3langid
import pytest

from builder.enrich.language import UNDETERMINED, detect_language
from tests.paths import SAMPLES


def test_model_ships_inside_the_installed_package() -> None:
    assert (Path(py3langid.__file__).parent / "data" / "model.npz.xz").is_file()


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Moscow has for months refused to agree to a US-proposed ceasefire in Ukraine.", "en"),
        ("Le président russe a déclaré jeudi que Moscou ne renoncerait pas à ses objectifs en Ukraine.", "fr"),
        ("Der russische Präsident sagte am Donnerstag, Moskau werde seine Ziele nicht aufgeben.", "de"),
        ("El presidente ruso dijo que Moscú no renunciará a sus objetivos en Ucrania.", "es"),
        ("Presiden Rusia berkata Moscow tidak akan melepaskan matlamatnya di Ukraine, kata Kremlin.", "ms"),
        ("Президент России заявил, что Москва не откажется от своих целей на Украине.", "ru"),
    ],
)
def test_news_sentences(text: str, code: str) -> None:
    assert detect_language(text) == code


@pytest.mark.parametrize("text", ["", "   ", "(AP pic)", "Zelensky in Denmark", "12,345 — 2026-07-05", "🙂🙂🙂"])
def test_too_short_or_letterless_text_is_undetermined(text: str) -> None:
    assert detect_language(text) == UNDETERMINED


def test_seed_page_is_english() -> None:
    assert detect_language((SAMPLES / "daily8-putin-trump-call.txt").read_text(encoding="utf-8")) == "en"
