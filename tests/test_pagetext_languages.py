"""Page dumps in other languages than English: the article is found, titled and split into sentences, whatever
the language's function words, and in Chinese and Japanese, written without spaces.

The pages are written for these tests (the WCXB pages are all in English): a site's menu, the headline printed
twice, a date, the story in paragraphs with quotes in the language's own marks, then share buttons and a
footer, as page dumps of news sites in these languages are laid out.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from builder.ingest.dates import parse_published
from builder.ingest.pagetext import extract_pagetext
from builder.ingest.pagetext_lines import labelled_times
from tests.test_ingest import _ingest_pages

PAGES = {
    "de": (
        "Putin sagt Trump, Russland werde seine Ziele in der Ukraine nicht aufgeben",
        ["Startseite", "Politik", "Wirtschaft"],
        "4. Juli 2025, 08:15 Uhr",
        [
            "MOSKAU – Der russische Präsident Wladimir Putin hat US-Präsident Donald Trump am Donnerstag in einem "
            "Telefonat gesagt, dass Moskau seine Ziele in der Ukraine nicht aufgeben werde. Das Gespräch habe fast "
            "eine Stunde gedauert, teilte der Kreml mit.",
            "„Unser Präsident hat gesagt, dass Russland die gesteckten Ziele erreichen wird“, sagte Kreml-Berater "
            "Juri Uschakow vor Journalisten. „Russland wird diese Ziele nicht aufgeben.“ Die Gespräche sollen "
            "fortgesetzt werden.",
            "Der ukrainische Präsident Wolodymyr Selenskyj besuchte am Donnerstag den Verbündeten Dänemark. Ein "
            "ranghoher ukrainischer Beamter sagte, Trump und Selenskyj wollten am Freitag miteinander sprechen.",
        ],
        ["Teilen", "Kommentare", "Impressum"],
    ),
    "fr": (
        "Poutine dit à Trump que la Russie ne renoncera pas à ses objectifs en Ukraine",
        ["Accueil", "International", "Économie"],
        "Publié le 4 juillet 2025 à 08h15",
        [
            "MOSCOU – Le président russe Vladimir Poutine a déclaré jeudi au président américain Donald Trump, lors "
            "d'un appel téléphonique, que Moscou ne renoncerait pas à ses objectifs en Ukraine. L'appel a duré près "
            "d'une heure, selon le Kremlin.",
            "« Notre président a dit que la Russie atteindrait les objectifs qu'elle s'est fixés », a déclaré le "
            "conseiller du Kremlin Iouri Ouchakov aux journalistes. « La Russie ne renoncera pas à ces objectifs. » "
            "Les discussions doivent reprendre.",
            "Le président ukrainien Volodymyr Zelensky était jeudi en visite chez son allié danois. Un haut "
            "responsable ukrainien a indiqué que Trump et Zelensky prévoyaient de se parler vendredi.",
        ],
        ["Partager", "Commentaires", "Mentions légales"],
    ),
    "ru": (
        "Путин заявил Трампу, что Россия не откажется от своих целей на Украине",
        ["Главная", "Политика", "Экономика"],
        "4 июля 2025, 08:15",
        [
            "МОСКВА – Президент России Владимир Путин в четверг в телефонном разговоре заявил президенту США "
            "Дональду Трампу, что Москва не откажется от своих целей на Украине. Разговор длился почти час, "
            "сообщили в Кремле.",
            "«Наш президент сказал, что Россия добьется поставленных целей», – сказал журналистам помощник "
            "президента Юрий Ушаков. «Россия не откажется от этих целей». Переговоры будут продолжены.",
            "Президент Украины Владимир Зеленский в четверг находился с визитом в Дании. Высокопоставленный "
            "украинский чиновник сообщил, что Трамп и Зеленский планируют поговорить в пятницу.",
        ],
        ["Поделиться", "Комментарии", "О проекте"],
    ),
    "zh": (
        "普京告诉特朗普俄罗斯不会放弃在乌克兰的目标",
        ["首页", "国际", "财经"],
        "2025年7月4日 08:15",
        [
            "莫斯科电 俄罗斯总统普京周四在电话中告诉美国总统特朗普，莫斯科不会放弃在乌克兰的目标。克里姆林宫"
            "表示，通话持续了近一个小时。",
            "克里姆林宫助理乌沙科夫对记者说：“我们的总统说，俄罗斯将实现其设定的目标。”他还说：“俄罗斯不会放"
            "弃这些目标。”",
            "乌克兰总统泽连斯基周四正在访问盟友丹麦。一名乌克兰高级官员告诉记者，特朗普和泽连斯基计划周五通话。",
        ],
        ["分享", "评论", "关于我们"],
    ),
    "ja": (
        "プーチン大統領、トランプ氏にウクライナでの目標を放棄しないと伝える",
        ["ホーム", "国際", "経済"],
        "2025年7月4日 8時15分",
        [
            "ロシアのプーチン大統領は木曜日、アメリカのトランプ大統領との電話会談で、ロシアはウクライナでの目標"
            "を放棄しないと伝えました。会談は約1時間続いたとクレムリンは発表しました。",
            "ウシャコフ大統領補佐官は記者団に対し「大統領は、ロシアは設定した目標を達成すると述べた」と語りました。"
            "「ロシアはこれらの目標を放棄しない」とも述べました。",
            "ウクライナのゼレンスキー大統領は木曜日、同盟国のデンマークを訪問しました。両首脳は金曜日に電話で話す"
            "予定だということです。",
        ],
        ["シェア", "コメント", "会社概要"],
    ),
}


def _dump(language: str) -> str:
    title, menu, date, paragraphs, footer = PAGES[language]
    return "\n".join([*menu, title, "", title, "", date, *paragraphs, *footer]) + "\n"


@pytest.mark.parametrize("language", list(PAGES))
def test_an_article_in_another_language_is_found_titled_and_split(language: str) -> None:
    title, _, _, paragraphs, _ = PAGES[language]
    (main,) = extract_pagetext(_dump(language))
    assert main.title == title
    body = [paragraph for paragraph, _ in main.paragraphs]
    # The dateline ("MOSKAU –") is read in every alphabet; Chinese and Japanese print none here.
    assert body[1:] == paragraphs[1:]
    assert paragraphs[0].endswith(body[0])


@pytest.mark.parametrize("language", list(PAGES))
def test_documents_in_another_language_have_its_code_and_its_sentences(tmp_path: Path, language: str) -> None:
    (document,) = _ingest_pages(tmp_path, {language: _dump(language)})[language]
    text = document["text"]
    sentences = [text[span["start"] : span["end"]] for span in document["sentences"]]
    assert document["lang"] == language
    # Two sentences in the first and last paragraphs; in the quotes' paragraph, two quotes and a sentence after
    # them in German, French and Russian, two quotes ending their sentences in Chinese and Japanese.
    assert len(sentences) == (6 if language in ("zh", "ja") else 7)
    assert sentences[2].startswith(("„", "«", "克里姆林宫", "ウシャコフ"))
    assert sentences[3].startswith(("„", "«", "他还说", "「"))
    # Each page prints its date its own way, with the language's month name or in numbers.
    assert document["published_text"] == PAGES[language][2].removeprefix("Publié le ").removesuffix(" Uhr")
    assert document["published_at"] == "2025-07-04T08:15:00Z"
    # The sentences are claim candidates, in Chinese and Japanese too (their words counted in characters), but
    # for one too short to be one ("Переговоры будут продолжены.").
    claims = [text[claim["start"] : claim["end"]] for claim in document["claims"]]
    assert set(claims) <= set(sentences)
    assert len(claims) >= len(sentences) - 1


UPDATES = {
    "de": "Aktualisiert am 4. Juli 2025, 08:15 Uhr",
    "fr": "Mis à jour le 4 juillet 2025 à 08h15",
    "ru": "Обновлено 4 июля 2025, 08:15",
    "zh": "更新时间：2025年7月4日 08:15",
    "ja": "最終更新 2025年7月4日 8時15分",
}


@pytest.mark.parametrize("language", list(PAGES))
def test_an_update_s_time_in_another_language_is_the_update_s(language: str) -> None:
    """A time labelled as the article's last update in its language ("Aktualisiert am", "Mis à jour le",
    "Обновлено", "更新时间") is that, not its publication, as in English."""
    title, _, date, _, _ = PAGES[language]
    (main,) = extract_pagetext(_dump(language).replace(f"\n{date}\n", f"\n{UPDATES[language]}\n"))
    assert main.title == title
    assert main.published_text is None
    assert main.updated_text in UPDATES[language]
    (main,) = extract_pagetext(_dump(language))
    assert main.published_text in date
    assert main.updated_text is None


@pytest.mark.parametrize(
    ("text", "first", "dates"),
    [
        (
            "Veröffentlicht am 3. Juli 2025, aktualisiert am 5. Juli 2025",
            "3. Juli 2025",
            ("3. Juli 2025", "5. Juli 2025"),
        ),
        (
            "Publié le 3 juillet 2025, mis à jour le 5 juillet 2025",
            "3 juillet 2025",
            ("3 juillet 2025", "5 juillet 2025"),
        ),
        ("Обновлено 5 июля 2025, опубликовано 3 июля 2025", "5 июля 2025", ("3 июля 2025", "5 июля 2025")),
        # Spanish and Portuguese both say "publicado": the longer label is the line's.
        (
            "Atualizado em 5 de julho de 2025, publicado em 3 de julho de 2025",
            "5 de julho de 2025",
            ("3 de julho de 2025", "5 de julho de 2025"),
        ),
        ("发布时间：2025年7月3日 更新时间：2025年7月5日", "2025年7月3日", ("2025年7月3日", "2025年7月5日")),
    ],
)
def test_a_second_time_on_a_line_is_read_in_its_label_s_language(text: str, first: str, dates: tuple[str, str]) -> None:
    """A publication and an update printed on one line, each labelled in the page's language: the second time is
    read in the language of its label, with that language's month names."""
    assert labelled_times(text, first) == dates


@pytest.mark.parametrize(
    ("printed", "language", "meant"),
    [
        ("4. Juli 2025, 08:15 Uhr", "de", "2025-07-04T08:15:00"),
        ("Publié le 4 juillet 2025 à 08h15", "fr", "2025-07-04T08:15:00"),
        ("4 de julio de 2025", "es", "2025-07-04T00:00:00"),
        ("julio 4, 2025", "es", "2025-07-04T00:00:00"),
        ("4 июля 2025, 08:15", "ru", "2025-07-04T08:15:00"),
        ("4 lipca 2025", "pl", "2025-07-04T00:00:00"),
        ("4 Temmuz 2025 08:15", "tr", "2025-07-04T08:15:00"),
        ("4 luglio", "it", "2025-07-04T00:00:00"),
        ("4 agosto", "it", "2024-08-04T00:00:00"),
        ("04.07.2025", "de", "2025-07-04T00:00:00"),
        ("04.07.2025", "en", "2025-04-07T00:00:00"),
        ("2025年7月4日 8時15分", "ja", "2025-07-04T08:15:00"),
        ("31 février 2025", "fr", None),
        ("Mai", "de", None),
    ],
)
def test_dates_are_read_in_the_document_s_language(printed: str, language: str, meant: str | None) -> None:
    """A day and month without a year are the latest such day on or before the crawl (here 10 July 2025); a
    dotted date is day first in other languages than English, whose pages print it month first as often."""
    found = parse_published(printed, datetime(2025, 7, 10, tzinfo=UTC), language)
    assert (found.replace(tzinfo=None).isoformat() if found else None) == meant


def test_a_related_article_card_in_another_language_stays_out_of_the_article() -> None:
    """Below the German article, a label in German that no list of labels knows ("Nachrichten aus aller Welt"),
    then cards: a headline ending in a verb particle ("... an", no cut-off English headline), its time in German
    ("vor 3 Stunden", read from CLDR) and an excerpt. The title over its relative time opens an article, as in
    English."""
    cards = [
        "Nachrichten aus aller Welt",
        "Selenskyj: Russland greift mit Hunderten Drohnen an",
        "vor 3 Stunden",
        "Kiew meldet die schwersten Angriffe seit Kriegsbeginn. In der Nacht seien mehr als 500 Drohnen und Raketen "
        "auf das ganze Land abgefeuert worden, teilte die Luftwaffe mit. Mindestens zwei Menschen kamen ums Leben.",
        "Kreml: Gespräche mit den USA gehen weiter",
        "vor 5 Stunden",
    ]
    page = _dump("de").replace("Teilen\n", "Teilen\n" + "\n".join(cards) + "\n")
    (main,) = extract_pagetext(page)
    assert [paragraph for paragraph, _ in main.paragraphs][1:] == PAGES["de"][3][1:]
    published = parse_published("vor 3 Stunden", datetime(2025, 7, 10, 12, tzinfo=UTC), "de")
    assert published == datetime(2025, 7, 10, 9, tzinfo=UTC)


@pytest.mark.parametrize(
    ("language", "label", "teaser"),
    [
        (
            "de",
            "Mehr zum Thema",
            [
                "Bundestag beschließt neues Heizungsgesetz nach langer Debatte",
                "Nach monatelangem Streit hat der Bundestag am Freitag das neue Gesetz verabschiedet, das den "
                "Austausch alter Heizungen regeln soll und viele Hausbesitzer betrifft.",
            ],
        ),
        (
            "fr",
            "Lire aussi",
            [
                "Le Parlement adopte la réforme des retraites après un long débat",
                "Après des mois de discussions, les députés ont voté vendredi un texte qui modifie l'âge légal de "
                "départ et concerne des millions de salariés.",
            ],
        ),
        (
            "zh",
            "相关新闻",
            [
                "全国人大常委会通过新修订的环境保护法",
                "经过长时间的讨论，全国人大常委会周五表决通过了新修订的环境保护法，新法将于明年一月一日起施行，对企业排放提出了更严格的要求。",
            ],
        ),
    ],
)
def test_a_teaser_without_a_time_below_a_related_label_stays_out_of_the_article(
    language: str, label: str, teaser: list[str]
) -> None:
    """A related teaser, a title over an excerpt with no time, below the language's related label: the label ends
    the article, as "Related Articles" does in English; before, the teaser read as the article going on."""
    title, navigation, date, paragraphs, footer = PAGES[language]
    page = "\n".join([*navigation, title, date, "", *paragraphs, "", label, *teaser, "", *footer]) + "\n"
    main = extract_pagetext(page)[0]
    assert [paragraph for paragraph, _ in main.paragraphs][-1] == paragraphs[-1]


def test_quotes_in_another_language_are_credited_to_their_speaker(tmp_path: Path) -> None:
    """Ingest reads a document's quotes with its language's speech verbs: the Kremlin aide's words on the German,
    French and Russian pages are his ("sagte Kreml-Berater Juri Uschakow", "a déclaré le conseiller du Kremlin
    Iouri Ouchakov", "– сказал журналистам помощник президента Юрий Ушаков"), and so is the quote that follows
    in the same paragraph, and on the Chinese and Japanese pages too. Read with English's verbs, none of them was
    credited, and none was kept."""
    pages = {language: _dump(language) for language in ("de", "fr", "ru", "zh", "ja")}
    documents = _ingest_pages(tmp_path, pages)
    found = {
        language: [
            (
                quote["text"],
                quote["speaker"]["text"] if quote["speaker"] else None,
                quote["speaker_name"],
                quote["cue"]["text"] if quote["cue"] else None,
            )
            for quote in document["quotes"]
        ]
        for language, (document,) in documents.items()
    }
    assert found == {
        "de": [
            (
                "„Unser Präsident hat gesagt, dass Russland die gesteckten Ziele erreichen wird“",
                "Juri Uschakow",
                None,
                "sagte",
            ),
            ("„Russland wird diese Ziele nicht aufgeben.“", None, "Juri Uschakow", None),
        ],
        "fr": [
            (
                "« Notre président a dit que la Russie atteindrait les objectifs qu'elle s'est fixés »",
                "Iouri Ouchakov",
                None,
                "a déclaré",
            ),
            ("« La Russie ne renoncera pas à ces objectifs. »", None, "Iouri Ouchakov", None),
        ],
        "ru": [
            ("«Наш президент сказал, что Россия добьется поставленных целей»", "Юрий Ушаков", None, "сказал"),
            ("«Россия не откажется от этих целей»", None, "Юрий Ушаков", None),
        ],
        # Chinese and Japanese: no spaces, no capitals (see builder/enrich/quotes_unspaced.py). "他还说" is
        # the aide again; the Japanese verb with its subject left out ("とも述べました") is his too.
        "zh": [
            ("“我们的总统说，俄罗斯将实现其设定的目标。”", "克里姆林宫助理乌沙科夫", None, "说"),
            ("“俄罗斯不会放弃这些目标。”", "他", "克里姆林宫助理乌沙科夫", "说"),
        ],
        "ja": [
            ("「大統領は、ロシアは設定した目標を達成すると述べた」", "ウシャコフ大統領補佐官", None, "語りました"),
            ("「ロシアはこれらの目標を放棄しない」", None, "ウシャコフ大統領補佐官", "述べました"),
        ],
    }
