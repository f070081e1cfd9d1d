"""Offline language identification: the model ships inside py3langid, short or unclear text is `und`."""

from __future__ import annotations

from pathlib import Path

import numpy as np
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


def test_classification_equals_py3langids_own_on_many_texts() -> None:
    """The builder walks py3langid's model arrays itself (faster); this pins it to the package's own classifier,
    so an upgrade of py3langid that changes its model layout fails here instead of mislabelling documents."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    from builder.enrich.language import SAMPLE_CHARACTERS, _classifier

    reference = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    page = (SAMPLES / "daily8-putin-trump-call.txt").read_text(encoding="utf-8")
    texts = [page[start : start + SAMPLE_CHARACTERS] for start in range(0, len(page), 97)]
    texts += [
        "Le président russe a déclaré jeudi que Moscou ne renoncerait pas à ses objectifs en Ukraine.",
        "Президент России заявил, что Москва не откажется от своих целей на Украине.",
        "الرئيس الروسي قال إن موسكو لن تتخلى عن أهدافها في أوكرانيا",
        "俄罗斯总统周四表示，莫斯科不会放弃其在乌克兰的目标。",
        "ロシア大統領は木曜日、モスクワはウクライナでの目標を放棄しないと述べた。",
        "THE KREMLIN SAID ON THURSDAY THAT MOSCOW WOULD NOT GIVE UP ITS GOALS",
    ]
    for text in texts:
        code, probability = _classifier().classify(text)
        expected_code, expected_probability = reference.classify(text)
        assert code == expected_code, text
        assert probability == pytest.approx(expected_probability, abs=1e-4), text


def test_the_classifier_holds_the_models_float16_weights_not_a_float32_copy() -> None:
    """A float32 copy of the weights would be 57 MB more in every process (each Ray worker loads its own). The
    only other large array is the automaton's next-state table, held once: numpy's copy replaces the package's."""
    from builder.enrich.language import _classifier

    detect_language("Moscow has for months refused to agree to a US-proposed ceasefire in Ukraine.")
    classifier = _classifier()
    assert classifier._weights.dtype == np.float16
    large = {name for name, value in vars(classifier).items() if _buffer_bytes(value) > 1 << 20}
    assert large == {"_weights", "_next_state"}


def _buffer_bytes(value: object) -> int:
    """The size of an object's buffer (a numpy or standard-library array), 0 for an object without one."""
    try:
        return memoryview(value).nbytes  # type: ignore[arg-type]
    except TypeError:
        return 0


def test_english_told_by_its_function_words_is_what_the_model_says() -> None:
    """The shortcut answers "en" only where the model would: over the sample page's windows, every text it
    settles is English to the model too, and texts in other languages never reach the share."""
    from builder.enrich.language import (
        PLAIN_ENGLISH_MIN_WORDS,
        SAMPLE_CHARACTERS,
        _classifier,
        function_word_share_is_english,
    )

    page = (SAMPLES / "daily8-putin-trump-call.txt").read_text(encoding="utf-8")
    windows = [page[start : start + SAMPLE_CHARACTERS] for start in range(0, len(page), 97)]
    settled = [
        text
        for text in windows
        if len(words := text.casefold().split()) >= PLAIN_ENGLISH_MIN_WORDS and function_word_share_is_english(words)
    ]
    assert len(settled) > len(windows) // 2
    assert {_classifier().classify(text)[0] for text in settled} == {"en"}
    others = [
        "Le président russe a déclaré jeudi que Moscou ne renoncerait pas à ses objectifs en Ukraine.",
        "Der russische Präsident sagte am Donnerstag, Moskau werde seine Ziele nicht aufgeben, so der Kreml.",
        "De Russische president zei donderdag dat Moskou zijn doelen in Oekraïne niet zal opgeven, aldus het Kremlin.",
        "Il presidente russo ha detto giovedì che Mosca non rinuncerà ai suoi obiettivi in Ucraina.",
    ]
    assert not any(function_word_share_is_english(text.casefold().split()) for text in others)
