"""Direct quotes, speakers and cues in other languages than English, on news paragraphs written for these tests
as each language's press writes them, with its own quote marks: „…“ and »…« in German, « … » with non-breaking
spaces in French, «…» in Spanish, Italian, Portuguese and Russian, “…” too."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.enrich.quote_lexicons import LEXICONS
from builder.enrich.quotes import _rules, find_quotes
from builder.records import Quote
from tests.text_support import paragraphs_document

NB = "\u00a0"
"""The non-breaking space French sets inside its guillemets."""


def _quotes(language: str, *paragraphs: str) -> list[Quote]:
    text, spans = paragraphs_document(*paragraphs)
    quotes = find_quotes(text, spans, language=language)
    for quote in quotes:
        assert text[quote["start"] : quote["end"]] == quote["text"]
        for part in (quote["speaker"], quote["cue"]):
            if part is not None:
                assert text[part["start"] : part["end"]] == part["text"]
    return quotes


def _found(quote: Quote) -> tuple[str, str | None, str | None, str | None]:
    """The quote, its speaker span's text, its resolved or inherited name, its cue's text."""
    speaker, cue = quote["speaker"], quote["cue"]
    return quote["text"], speaker and speaker["text"], quote["speaker_name"], cue and cue["text"]


@pytest.mark.parametrize(
    ("language", "paragraph", "quote", "speaker", "cue"),
    [
        # German: the verb after the quote ("sagte Merz", "so Merz"), before it with a colon, "laut X", the verb
        # second ("Im Interview sagte Merz"), roles before names, compound roles ("Regierungssprecher").
        (
            "de",
            "„Wir werden die Schuldenbremse einhalten“, sagte Merz am Montag in Berlin.",
            "„Wir werden die Schuldenbremse einhalten“",
            "Merz",
            "sagte",
        ),
        (
            "de",
            "Kanzler Friedrich Merz sagte: „Wir brauchen mehr Tempo bei den Reformen in diesem Land.“",
            "„Wir brauchen mehr Tempo bei den Reformen in diesem Land.“",
            "Friedrich Merz",
            "sagte",
        ),
        ("de", "»Wir lassen uns nicht erpressen«, so Merz.", "»Wir lassen uns nicht erpressen«", "Merz", "so"),
        # "nannte" characterises, as "called" does.
        (
            "de",
            "CDU-Chef Friedrich Merz nannte den Beschluss „einen schweren Fehler für das ganze Land“.",
            "„einen schweren Fehler für das ganze Land“",
            "Friedrich Merz",
            "nannte",
        ),
        # An impersonal "it was said", the source after its preposition.
        (
            "de",
            "„Wir prüfen alle Optionen“, hieß es aus dem Wirtschaftsministerium.",
            "„Wir prüfen alle Optionen“",
            "dem Wirtschaftsministerium",
            "hieß es aus",
        ),
        (
            "de",
            "Laut Merz ist die Einigung „ein wichtiger Schritt für Europa und für unser Land“.",
            "„ein wichtiger Schritt für Europa und für unser Land“",
            "Merz",
            "Laut",
        ),
        (
            "de",
            "Die Regierung erklärte: „Die Gespräche werden in der kommenden Woche fortgesetzt.“",
            "„Die Gespräche werden in der kommenden Woche fortgesetzt.“",
            "Die Regierung",
            "erklärte",
        ),
        (
            "de",
            "„Die Lage an der Front ist sehr ernst“, erklärte der Minister nach dem Treffen.",
            "„Die Lage an der Front ist sehr ernst“",
            "der Minister",
            "erklärte",
        ),
        (
            "de",
            "„Die Lage an der Front ist sehr schwierig“, erklärte der ukrainische Präsident Wolodymyr Selenskyj.",
            "„Die Lage an der Front ist sehr schwierig“",
            "Wolodymyr Selenskyj",
            "erklärte",
        ),
        (
            "de",
            "»Wir haben keine Zeit mehr zu verlieren«, sagte Regierungssprecher Steffen Hebestreit.",
            "»Wir haben keine Zeit mehr zu verlieren«",
            "Steffen Hebestreit",
            "sagte",
        ),
        (
            "de",
            "„Die Verhandlungen sind schwierig, aber nicht aussichtslos“, teilte das Auswärtige Amt mit.",
            "„Die Verhandlungen sind schwierig, aber nicht aussichtslos“",
            "das Auswärtige Amt",
            "teilte",
        ),
        # French: compound past ("a déclaré"), an apposed name, "selon", the present, « … » with spaces.
        (
            "fr",
            f"«{NB}Nous ne reculerons pas{NB}», a déclaré Emmanuel Macron jeudi à l'Élysée.",
            f"«{NB}Nous ne reculerons pas{NB}»",
            "Emmanuel Macron",
            "a déclaré",
        ),
        (
            "fr",
            f"«{NB}Nous restons prudents sur ce dossier{NB}», a indiqué le porte-parole du gouvernement, Maud Bregeon.",
            f"«{NB}Nous restons prudents sur ce dossier{NB}»",
            "Maud Bregeon",
            "a indiqué",
        ),
        (
            "fr",
            f"«{NB}Notre président a dit que la Russie atteindrait ses objectifs{NB}», a déclaré le conseiller du "
            "Kremlin Iouri Ouchakov aux journalistes.",
            f"«{NB}Notre président a dit que la Russie atteindrait ses objectifs{NB}»",
            "Iouri Ouchakov",
            "a déclaré",
        ),
        (
            "fr",
            f"Selon le ministre de l'Économie, «{NB}la croissance sera au rendez-vous cette année{NB}».",
            f"«{NB}la croissance sera au rendez-vous cette année{NB}»",
            "le ministre de l'Économie",
            "Selon",
        ),
        (
            "fr",
            f"Le Premier ministre a affirmé{NB}: «{NB}Le gouvernement ira jusqu'au bout de cette réforme.{NB}»",
            f"«{NB}Le gouvernement ira jusqu'au bout de cette réforme.{NB}»",
            "Le Premier ministre",
            "a affirmé",
        ),
        (
            "fr",
            "“Le texte sera examiné en juillet”, précise Matignon.",
            "“Le texte sera examiné en juillet”",
            "Matignon",
            "précise",
        ),
        # Spanish: the past ("dijo", "afirmó"), a day between verb and subject, an apposed name, "según".
        (
            "es",
            "«No vamos a dar ni un paso atrás», dijo Sánchez en rueda de prensa.",
            "«No vamos a dar ni un paso atrás»",
            "Sánchez",
            "dijo",
        ),
        (
            "es",
            "«La economía española crece más que la de nuestros vecinos», afirmó este lunes el ministro de "
            "Economía, Carlos Cuerpo.",
            "«La economía española crece más que la de nuestros vecinos»",
            "Carlos Cuerpo",
            "afirmó",
        ),
        (
            "es",
            "Según Sánchez, «la reforma llegará antes del verano».",
            "«la reforma llegará antes del verano»",
            "Sánchez",
            "Según",
        ),
        (
            "es",
            "La portavoz del Gobierno, Pilar Alegría, dijo: «Estamos ante una situación excepcional».",
            "«Estamos ante una situación excepcional»",
            "Pilar Alegría",
            "dijo",
        ),
        (
            "es",
            "«No es el momento de hacer política con esta tragedia», ha dicho el presidente.",
            "«No es el momento de hacer política con esta tragedia»",
            "el presidente",
            "ha dicho",
        ),
        # Italian: "ha detto", "ha dichiarato", "secondo".
        (
            "it",
            "«Non aumenteremo le tasse agli italiani», ha detto Meloni.",
            "«Non aumenteremo le tasse agli italiani»",
            "Meloni",
            "ha detto",
        ),
        (
            "it",
            "«Il governo andrà avanti con le riforme», ha dichiarato il ministro dell'Economia Giancarlo Giorgetti.",
            "«Il governo andrà avanti con le riforme»",
            "Giancarlo Giorgetti",
            "ha dichiarato",
        ),
        (
            "it",
            "Secondo Meloni, «l'Italia è tornata protagonista in Europa».",
            "«l'Italia è tornata protagonista in Europa»",
            "Meloni",
            "Secondo",
        ),
        (
            "it",
            "«Siamo preoccupati per la situazione», spiega il sindaco di Milano, Giuseppe Sala.",
            "«Siamo preoccupati per la situazione»",
            "Giuseppe Sala",
            "spiega",
        ),
        # Portuguese: "disse", "afirmou", "segundo", "de acordo com".
        (
            "pt",
            "“Este é um momento histórico para o Brasil”, disse Lula.",
            "“Este é um momento histórico para o Brasil”",
            "Lula",
            "disse",
        ),
        (
            "pt",
            "«A inflação está sob controle e vai continuar a cair», afirmou o ministro da Fazenda, Fernando Haddad.",
            "«A inflação está sob controle e vai continuar a cair»",
            "Fernando Haddad",
            "afirmou",
        ),
        (
            "pt",
            "Segundo Haddad, “o arcabouço fiscal será cumprido em 2025”.",
            "“o arcabouço fiscal será cumprido em 2025”",
            "Haddad",
            "Segundo",
        ),
        (
            "pt",
            "De acordo com a ministra Marina Silva, “o desmatamento caiu de forma expressiva este ano”.",
            "“o desmatamento caiu de forma expressiva este ano”",
            "Marina Silva",
            "De acordo com",
        ),
        # Russian: a dash between the quote and its attribution, "по словам" with the name in the genitive (kept
        # as printed), "X заявил, что «…»", the verb before its subject ("Как заявил Лавров").
        (
            "ru",
            "«Контакты будут продолжены в ближайшее время», — заявил Песков журналистам.",
            "«Контакты будут продолжены в ближайшее время»",
            "Песков",
            "заявил",
        ),
        (
            "ru",
            "«Наш президент сказал, что Россия добьется поставленных целей», – сказал журналистам помощник "
            "президента Юрий Ушаков.",
            "«Наш президент сказал, что Россия добьется поставленных целей»",
            "Юрий Ушаков",
            "сказал",
        ),
        (
            "ru",
            "«Решение будет принято в ближайшие дни», — сообщили в пресс-службе Кремля.",
            "«Решение будет принято в ближайшие дни»",
            "пресс-службе Кремля",
            "сообщили",
        ),
        (
            "ru",
            "По словам Пескова, «Москва открыта для диалога с Вашингтоном».",
            "«Москва открыта для диалога с Вашингтоном»",
            "Пескова",
            "По словам",
        ),
        (
            "ru",
            "Песков заявил, что «все решения будут приняты президентом».",
            "«все решения будут приняты президентом»",
            "Песков",
            "заявил",
        ),
        (
            "ru",
            "Как заявил министр иностранных дел Сергей Лавров, «Россия не откажется от своих целей».",
            "«Россия не откажется от своих целей»",
            "Сергей Лавров",
            "заявил",
        ),
        (
            "ru",
            "Президент России Владимир Путин заявил: «Мы готовы к переговорам без предварительных условий».",
            "«Мы готовы к переговорам без предварительных условий»",
            "Владимир Путин",
            "заявил",
        ),
        # Dutch, Polish, Ukrainian.
        (
            "nl",
            "„We gaan door met de hervormingen”, zei Schoof na afloop van de ministerraad.",
            "„We gaan door met de hervormingen”",
            "Schoof",
            "zei",
        ),
        (
            "nl",
            "„De situatie is zorgwekkend”, aldus minister Caspar Veldkamp.",
            "„De situatie is zorgwekkend”",
            "Caspar Veldkamp",
            "aldus",
        ),
        (
            "nl",
            "Volgens Veldkamp is de steun aan Oekraïne „van groot belang voor de veiligheid van Europa”.",
            "„van groot belang voor de veiligheid van Europa”",
            "Veldkamp",
            "Volgens",
        ),
        (
            "pl",
            "„Polska jest dziś bezpieczniejsza niż rok temu” – powiedział Tusk.",
            "„Polska jest dziś bezpieczniejsza niż rok temu”",
            "Tusk",
            "powiedział",
        ),
        (
            "pl",
            "„To była bardzo trudna rozmowa” – przyznał minister spraw zagranicznych Radosław Sikorski.",
            "„To była bardzo trudna rozmowa”",
            "Radosław Sikorski",
            "przyznał",
        ),
        (
            "uk",
            "«Ми розраховуємо на подальшу підтримку», — заявив Зеленський.",
            "«Ми розраховуємо на подальшу підтримку»",
            "Зеленський",
            "заявив",
        ),
        (
            "uk",
            "Міністр закордонних справ Андрій Сибіга зазначив: «Тиск на Росію має посилюватися».",
            "«Тиск на Росію має посилюватися»",
            "Андрій Сибіга",
            "зазначив",
        ),
    ],
)
def test_speaker_and_cue(language: str, paragraph: str, quote: str, speaker: str, cue: str) -> None:
    assert [_found(found) for found in _quotes(language, paragraph)] == [(quote, speaker, None, cue)]


@pytest.mark.parametrize(
    ("language", "paragraphs", "found"),
    [
        (
            "de",
            [
                "Bundeskanzler Friedrich Merz hat die Pläne der Regierung verteidigt.",
                "„Das ist kein leichter Weg, aber er ist richtig“, sagte er am Dienstag.",
            ],
            ("„Das ist kein leichter Weg, aber er ist richtig“", "er", "Friedrich Merz", "sagte"),
        ),
        # "die Grünen-Politikerin" names her role, not her: "sie" is Annalena Baerbock.
        (
            "de",
            [
                "Außenministerin Annalena Baerbock reiste am Montag überraschend nach Kiew.",
                "„Wir lassen die Ukraine nicht allein“, sagte die Grünen-Politikerin bei ihrer Ankunft. "
                "„Deutschland wird weitere Luftabwehrsysteme liefern“, fügte sie hinzu.",
            ],
            ("„Deutschland wird weitere Luftabwehrsysteme liefern“", "sie", "Annalena Baerbock", "fügte"),
        ),
        (
            "fr",
            [
                "Le président Emmanuel Macron a défendu sa réforme devant les maires.",
                f"«{NB}C'est une question de justice pour les générations futures{NB}», a-t-il ajouté.",
            ],
            (
                f"«{NB}C'est une question de justice pour les générations futures{NB}»",
                "il",
                "Emmanuel Macron",
                "ajouté",
            ),
        ),
        (
            "fr",
            [
                "La maire de Paris, Anne Hidalgo, a présenté son budget.",
                f"«{NB}Rien n'est encore décidé à ce stade{NB}», explique-t-elle.",
            ],
            (f"«{NB}Rien n'est encore décidé à ce stade{NB}»", "elle", "Anne Hidalgo", "explique"),
        ),
        (
            "fr",
            [
                "Le ministre de l'Intérieur Bruno Retailleau a réagi lundi.",
                f"«{NB}C'est une réforme nécessaire et attendue{NB}», selon lui.",
            ],
            (f"«{NB}C'est une réforme nécessaire et attendue{NB}»", None, "Bruno Retailleau", "selon lui"),
        ),
        (
            "fr",
            [
                "Le ministre de l'Intérieur Bruno Retailleau a réagi lundi.",
                f"Selon lui, «{NB}la réforme est nécessaire et attendue par les Français{NB}».",
            ],
            (
                f"«{NB}la réforme est nécessaire et attendue par les Français{NB}»",
                None,
                "Bruno Retailleau",
                "Selon lui",
            ),
        ),
        (
            "ru",
            [
                "Пресс-секретарь президента Дмитрий Песков прокомментировал переговоры.",
                "«Мы не видим пока никаких результатов», — добавил он.",
            ],
            ("«Мы не видим пока никаких результатов»", "он", "Дмитрий Песков", "добавил"),
        ),
        (
            "ru",
            [
                "Министр иностранных дел Сергей Лавров выступил в Госдуме.",
                "По его словам, «переговоры идут очень сложно».",
            ],
            ("«переговоры идут очень сложно»", None, "Сергей Лавров", "По его словам"),
        ),
        # Spanish, Italian, Portuguese and Polish leave the subject out: the verb alone credits the person named.
        (
            "es",
            [
                "El presidente del Gobierno, Pedro Sánchez, defendió la ley en el Congreso.",
                "«Es una ley justa y necesaria para el país», añadió.",
            ],
            ("«Es una ley justa y necesaria para el país»", None, "Pedro Sánchez", "añadió"),
        ),
        (
            "it",
            [
                "La premier Giorgia Meloni ha difeso la manovra in Senato.",
                "«È una legge di bilancio seria e responsabile», ha aggiunto.",
            ],
            ("«È una legge di bilancio seria e responsabile»", None, "Giorgia Meloni", "ha aggiunto"),
        ),
        (
            "pt",
            [
                "O ministro da Fazenda, Fernando Haddad, apresentou o novo plano nesta terça-feira.",
                "“Vamos continuar a trabalhar com todos os parceiros”, afirmou.",
            ],
            ("“Vamos continuar a trabalhar com todos os parceiros”", None, "Fernando Haddad", "afirmou"),
        ),
        (
            "pl",
            [
                "Premier Donald Tusk skomentował w poniedziałek wyniki szczytu.",
                "„Nie zamierzamy się z tego wycofywać” – dodał.",
            ],
            ("„Nie zamierzamy się z tego wycofywać”", None, "Donald Tusk", "dodał"),
        ),
        (
            "nl",
            [
                "Premier Dick Schoof verdedigde maandag het kabinetsbeleid.",
                "„Het is geen makkelijke weg, maar wel de juiste”, zei hij.",
            ],
            ("„Het is geen makkelijke weg, maar wel de juiste”", "hij", "Dick Schoof", "zei"),
        ),
        (
            "uk",
            [
                "Президент України Володимир Зеленський провів зустріч із партнерами.",
                "«Україна готова до справедливого миру», — додав він.",
            ],
            ("«Україна готова до справедливого миру»", "він", "Володимир Зеленський", "додав"),
        ),
    ],
)
def test_pronoun_or_left_out_subject_resolves_to_the_person_named(
    language: str, paragraphs: list[str], found: tuple[str, str | None, str | None, str | None]
) -> None:
    assert _found(_quotes(language, *paragraphs)[-1]) == found


@pytest.mark.parametrize(
    ("language", "paragraphs", "continued"),
    [
        (
            "de",
            [
                "„Wir lassen die Ukraine nicht allein“, sagte Außenministerin Annalena Baerbock bei ihrer Ankunft "
                "in Kiew. „Die Menschen hier brauchen unsere Hilfe, und zwar jetzt.",
                "„Deutschland wird in den kommenden Wochen weitere Luftabwehrsysteme liefern.“",
            ],
            "„Deutschland wird in den kommenden Wochen weitere Luftabwehrsysteme liefern.“",
        ),
        (
            "fr",
            [
                f"«{NB}La sécurité des Français est notre priorité absolue{NB}», a déclaré Bruno Retailleau. "
                f"«{NB}Nous allons renforcer les contrôles aux frontières dès la semaine prochaine.",
                f"«{NB}Il n'y aura aucune tolérance pour les passeurs.{NB}»",
            ],
            f"«{NB}Il n'y aura aucune tolérance pour les passeurs.{NB}»",
        ),
    ],
)
def test_continuation_paragraph_inherits_the_speaker(language: str, paragraphs: list[str], continued: str) -> None:
    """A quote left open at a paragraph's end goes on in the next paragraph, which opens with a quote mark."""
    quotes = _quotes(language, *paragraphs)
    assert len(quotes) == 3
    assert quotes[1]["text"].endswith(("jetzt.", "prochaine."))  # runs to its paragraph's end
    speaker = quotes[0]["speaker"]
    assert speaker is not None
    assert _found(quotes[2]) == (continued, None, speaker["text"], None)


@pytest.mark.parametrize(
    ("language", "paragraph", "speaker"),
    [
        # "Interview", "ARD", "Montag" and "Zeitung" are capitalised nouns before the verb; the subject follows it.
        (
            "de",
            "Im Interview sagte der Kanzler: „Wir stehen fest an der Seite unserer Partner in Europa.“",
            "der Kanzler",
        ),
        (
            "de",
            "Im Interview mit der ARD sagte Merz: „Wir werden die Ukraine weiter unterstützen, so lange es nötig ist.“",
            "Merz",
        ),
        (
            "de",
            "Am Montag sagte der Minister: „Wir müssen die Bundeswehr schneller modernisieren als geplant.“",
            "der Minister",
        ),
        ("de", "Der Zeitung sagte Merz: „Ich habe keine Angst vor dieser Debatte, im Gegenteil.“", "Merz"),
    ],
)
def test_a_german_capitalised_noun_before_the_verb_is_not_the_speaker(
    language: str, paragraph: str, speaker: str
) -> None:
    (quote,) = _quotes(language, paragraph)
    assert quote["speaker"] is not None
    assert quote["speaker"]["text"] == speaker


@pytest.mark.parametrize(
    ("language", "paragraph"),
    [
        # Titles in Title Case, even with a speech verb in the sentence.
        ("de", "Der Film „Das Boot“ läuft heute Abend im Ersten, sagte ein Sprecher des Senders."),
        ("it", "Il «Corriere della Sera» ha pubblicato l'intervista, ha spiegato il sindaco Giuseppe Sala."),
        # A quoted word that modifies the next one ("the «Brat» film came out"), credited or not.
        ("ru", "Фильм «Брат» вышел на экраны в 1997 году, напомнил режиссёр Алексей Балабанов."),
        ("de", "Das sogenannte „Sondervermögen“ wird von der Opposition scharf kritisiert."),
        # Scare quotes and terms that no one is said to say.
        ("de", "Im Bundestag gab es Streit über das „Heizungsgesetz“, das viele Menschen verunsichert."),
        ("fr", f"Il a qualifié la décision de «{NB}honteuse{NB}». Le journal «{NB}Le Monde{NB}» a publié l'enquête."),
        ("es", "La novela «Cien años de soledad» se publicó en 1967 en Buenos Aires."),
    ],
)
def test_titles_and_scare_quotes_are_not_speech(language: str, paragraph: str) -> None:
    assert _quotes(language, paragraph) == []


@pytest.mark.parametrize("language", ["und", "sv", "ko"])
def test_a_language_without_a_lexicon_is_read_with_english_rules(language: str) -> None:
    paragraph = '"We are working on it," said Matthew Kraft, a professor at Brown.'
    assert _quotes(language, paragraph) == _quotes("en", paragraph)
    assert [_found(quote) for quote in _quotes(language, paragraph)] == [
        ('"We are working on it,"', "Matthew Kraft", None, "said")
    ]


@pytest.mark.parametrize(
    ("language", "paragraphs", "expected"),
    [
        # Chinese: the verb and a colon before the quote, the subject cut before the time and place said with it;
        # "她补充说" after one, the pronoun credited to the speaker before; a quoted sentence opening the next
        # paragraph continues that speaker; a quoted term is no quote.
        (
            "zh",
            [
                "外交部发言人毛宁12日在例行记者会上表示：“中方一贯主张通过对话协商解决争端。”",
                "“我们希望各方保持冷静和克制，避免局势进一步升级。”她补充说。",
                "“这是一个历史性的时刻。”",
                "他称这是“一带一路”合作的成果。",
            ],
            [
                ("“中方一贯主张通过对话协商解决争端。”", "外交部发言人毛宁", None, "表示"),
                ("“我们希望各方保持冷静和克制，避免局势进一步升级。”", "她", "外交部发言人毛宁", "补充说"),
                ("“这是一个历史性的时刻。”", None, "外交部发言人毛宁", None),
            ],
        ),
        # Traditional characters, the verb after the quote, an adverb between subject and verb.
        (
            "zh",
            ["「我們不會接受任何單方面改變現狀的做法。」，總統府發言人說。", "他也表示：「台灣將持續與各方溝通。」"],
            [
                ("「我們不會接受任何單方面改變現狀的做法。」", "總統府發言人", None, "說"),
                ("「台灣將持續與各方溝通。」", "他", "總統府發言人", "表示"),
            ],
        ),
        # Japanese: the topic before the quote (a date before it left out), the speaker between と and the verb,
        # a verb with its subject left out (とも述べました), and a term in 「」 followed by という.
        (
            "ja",
            [
                "10日、岸田文雄首相は記者団に対し「経済対策を早急にまとめたい」と述べた。"
                "「物価高への対応を最優先にする」とも述べました。",
                "「賃上げの流れを地方にも広げていく」と首相は強調した。",
                "「新しい資本主義」という言葉が注目されている。",
            ],
            [
                ("「経済対策を早急にまとめたい」", "岸田文雄首相", None, "述べた"),
                ("「物価高への対応を最優先にする」", None, "岸田文雄首相", "述べました"),
                ("「賃上げの流れを地方にも広げていく」", "首相", None, "強調した"),
            ],
        ),
    ],
)
def test_chinese_and_japanese_quotes_are_credited_without_spaces_or_capitals(
    language: str, paragraphs: list[str], expected: list[tuple[str, str | None, str | None, str | None]]
) -> None:
    assert [_found(quote) for quote in _quotes(language, *paragraphs)] == expected


def test_chinese_book_titles_and_unattributed_quotes_are_not_quotes() -> None:
    """《…》 encloses a title, and a quoted sentence no one is said to say is not kept, as in other languages."""
    assert _quotes("zh", "他在《人民日报》上发表文章。", "报道指出，“局势仍然紧张”的说法并不准确。") == []


def test_a_verb_without_its_subject_credits_the_person_who_spoke_last() -> None:
    """ "«…», añadió." goes on quoting the last speaker, here a determiner phrase ("La ministra de Hacienda"),
    not the nearest capitalised word before it ("Hacienda")."""
    quotes = _quotes(
        "es", "La ministra de Hacienda explicó que «las cuentas están saneadas». «Hemos hecho los deberes», añadió."
    )
    assert [_found(quote) for quote in quotes] == [
        ("«las cuentas están saneadas»", "La ministra de Hacienda", None, "explicó"),
        ("«Hemos hecho los deberes»", None, "La ministra de Hacienda", "añadió"),
    ]


@pytest.mark.parametrize("language", sorted(LEXICONS))
@settings(max_examples=200)
@given(data=st.data())
def test_an_attribution_later_in_a_sentence_holds_a_word_that_its_quicker_search_finds(
    language: str, data: st.DataObject
) -> None:
    """`find_quotes` looks for an attribution later in a sentence only where one of its verbs is: on text made of
    the lexicon's words, each attribution holds a word that the verbs' search finds."""
    lexicon = LEXICONS[language]
    hyphenated = [
        f"{verb}{joint}-{pronoun}"
        for verb in f"{lexicon.auxiliaries}|{lexicon.cues}".split("|")
        for joint in ("", "-t")
        for pronoun in lexicon.inverted_pronouns.split("|")
    ]
    kinds = [
        f"{lexicon.cues}|{lexicon.participles}|{lexicon.auxiliaries}",
        f"{lexicon.according_to}|{lexicon.pronoun_cues}",
        f"{lexicon.pronouns}|{lexicon.determiners}|{lexicon.adverbs}",
        "|".join(hyphenated) if lexicon.inverted_pronouns else "",
        "Merz|Anna Weber|minister|,|.|—",
    ]
    words = st.one_of(
        [st.sampled_from([word for word in kind.split("|") if word]) for kind in kinds if kind.strip("|")]
    )
    text = " ".join(data.draw(st.lists(words, max_size=8)))
    rules = _rules(language)
    position = 0
    while attribution := rules.tail_anywhere.search(text, position):
        word = rules.tail_anywhere_word.search(text, attribution.start())
        assert word is not None
        assert word.start() < attribution.end()
        position = attribution.start() + 1
