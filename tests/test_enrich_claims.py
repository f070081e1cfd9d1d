"""Candidate claims: spans, features, scores and the suggested ClaimBuster class on news sentences."""

from __future__ import annotations

import pytest

from builder.enrich.claim_lexicons import CLAIM_LEXICONS
from builder.enrich.claims import BIAS, WEIGHTS, find_claims, score_features
from builder.enrich.quote_lexicons import LEXICONS
from builder.enrich.quotes import find_quotes
from builder.enrich.sentences import split_sentences
from builder.records import CheckWorthiness, Claim
from tests.paths import SAMPLES, SHARED_DATA
from tests.scripts_support import load_script
from tests.text_support import paragraphs_document


def _claims(*paragraphs: str) -> tuple[str, list[Claim]]:
    text, spans = paragraphs_document(*paragraphs)
    claims = find_claims(text, split_sentences(text, spans), find_quotes(text, spans))
    for claim in claims:
        assert text[claim["start"] : claim["end"]] == claim["text"]
        assert 0.0 <= claim["score"] <= 1.0
        assert set(claim["features"]) <= set(WEIGHTS)
        assert all(0.0 <= value <= 1.0 for value in claim["features"].values())
    return text, claims


def _claim(sentence: str) -> Claim:
    _, claims = _claims(sentence)
    assert len(claims) == 1
    return claims[0]


def test_casualty_figures_are_check_worthy() -> None:
    claim = _claim(
        "Putin and Trump spoke as Kyiv said that Russian strikes on Thursday killed at least eight people in Ukraine."
    )
    assert claim["suggested"] is CheckWorthiness.CFS
    assert claim["features"]["fact_verbs"] == 1.0
    assert claim["features"]["attribution"] == 1.0
    assert claim["features"]["dates"] == 1.0


def test_numbers_money_and_comparisons_raise_the_score() -> None:
    plain = _claim("The company changed its plans for the region this spring.")
    numeric = _claim("The company paid $1.5 billion in 2023, more than double what its rival paid.")
    assert numeric["score"] > plain["score"]
    assert numeric["features"]["numbers"] == 1.0
    assert numeric["features"]["comparatives"] == 1.0
    assert numeric["suggested"] is CheckWorthiness.CFS


@pytest.mark.parametrize(
    "sentence",
    [
        "Will the ceasefire hold through the winter months?",
        "I think we should all just wait and see what happens.",
        "It may perhaps be the best thing that could happen.",
    ],
)
def test_questions_opinions_and_hedged_predictions_are_not_factual(sentence: str) -> None:
    assert _claim(sentence)["suggested"] is CheckWorthiness.NFS


def test_question_is_never_suggested_as_factual_whatever_its_score() -> None:
    claim = _claim("Did Russian strikes kill 8 people in Kyiv on Thursday, as officials said in 2024?")
    assert claim["features"]["question"] == 1.0
    assert claim["suggested"] is CheckWorthiness.NFS


def test_quoted_and_attributed_sentences_carry_the_quote_features() -> None:
    text, claims = _claims(
        "'Vladimir Putin said that we are continuing to look for a political, negotiated solution to the conflict,' "
        "Ushakov said."
    )
    (claim,) = claims
    assert claim["features"]["quoted"] == 1.0
    assert claim["features"]["attribution"] == 1.0
    assert claim["text"] == text


def test_semicolon_clauses_become_separate_candidates_and_short_sentences_are_skipped() -> None:
    _, claims = _claims("Prices rose 4 percent in March; wages fell 2 percent over the same period. Thank you. Yes.")
    assert [claim["text"] for claim in claims] == [
        "Prices rose 4 percent in March",
        "wages fell 2 percent over the same period.",
    ]


def test_score_is_the_logistic_of_the_weighted_features() -> None:
    assert score_features({}) == pytest.approx(1 / (1 + pow(2.718281828459045, -BIAS)))
    assert score_features({"numbers": 1.0}) > score_features({})
    assert score_features({"question": 1.0}) < score_features({})


def test_sample_article_claims_cover_its_sentences_in_order() -> None:
    lines = (SAMPLES / "daily8-putin-trump-call.txt").read_text(encoding="utf-8").split("\n")
    paragraphs = [line.strip() for line in lines[7:30] if line.strip()]
    _, claims = _claims(*paragraphs)
    assert [claim["start"] for claim in claims] == sorted(claim["start"] for claim in claims)
    by_text = {claim["text"]: claim for claim in claims}
    offensive = next(claim for claim in claims if claim["text"].startswith("Moscow's offensive in Ukraine has killed"))
    assert offensive["suggested"] is CheckWorthiness.CFS
    assert by_text["'Russia will not give up on these aims.'"]["suggested"] is CheckWorthiness.NFS
    assert len(claims) == len(paragraphs) - 1  # "Zelensky in Denmark" (a subheading) is too short to be a claim


def test_won_is_a_fact_verb_and_won_t_a_modal_not_the_other_way_round() -> None:
    won = _claim("The senator won the vote by 52 to 48 on Monday.")
    will_not = _claim("She won't stop the bill, officials said on Tuesday.")
    assert (won["features"]["fact_verbs"], won["features"]["modal_future"]) == (1.0, 0.0)
    assert (will_not["features"]["fact_verbs"], will_not["features"]["modal_future"]) == (0.0, 1.0)


def _unspaced_claims(language: str, *paragraphs: str) -> list[Claim]:
    text, spans = paragraphs_document(*paragraphs)
    claims = find_claims(text, split_sentences(text, spans), find_quotes(text, spans, language=language), language)
    for claim in claims:
        assert text[claim["start"] : claim["end"]] == claim["text"]
    return claims


def test_sentences_of_languages_written_without_spaces_are_candidates() -> None:
    """A Chinese or Japanese sentence has no spaces, and was one word, too short for a claim: its words are counted
    in characters, a number in digits counts, a question mark of full width makes a question, and a short
    sentence stays short."""
    claims = _unspaced_claims(
        "zh",
        "俄罗斯周四对基辅发动袭击，造成至少8人死亡。外交部发言人毛宁表示：“中方一贯主张通过对话解决争端。”"
        "这会带来和平吗？会谈结束。",
    )
    texts = [claim["text"] for claim in claims]
    assert texts == [
        "俄罗斯周四对基辅发动袭击，造成至少8人死亡。",
        "外交部发言人毛宁表示：“中方一贯主张通过对话解决争端。”",
        "这会带来和平吗？",
    ]
    attack, quoted, question = claims
    assert attack["features"]["numbers"] > 0
    # Its quote is credited (builder/enrich/quotes_unspaced.py), which makes it an attributed, quoted claim.
    assert (quoted["features"]["attribution"], quoted["features"]["quoted"]) == (1.0, 1.0)
    assert question["suggested"] is CheckWorthiness.NFS
    assert question["features"]["question"] == 1.0
    assert question["features"]["short"] == 1.0
    [japanese] = _unspaced_claims("ja", "会談は約1時間続いたとクレムリンは発表しました。")
    assert japanese["features"]["numbers"] > 0


def _language_claim(language: str, sentence: str) -> Claim:
    text, spans = paragraphs_document(sentence)
    [claim] = find_claims(text, split_sentences(text, spans), [], language)
    return claim


def _features(language: str, sentence: str) -> dict[str, float]:
    return _language_claim(language, sentence)["features"]


@pytest.mark.parametrize(
    ("language", "sentence", "counted"),
    [
        # The language's speech verbs (those quote attribution reads) and its months and weekdays (CLDR's).
        ("fr", "Le ministre a déclaré jeudi que les négociations reprendraient en juillet.", {"attribution", "dates"}),
        (
            "es",
            "Según el Gobierno, las conversaciones se reanudarán el próximo lunes en la capital.",
            {"attribution", "dates", "entities"},
        ),
        ("ru", "Песков сообщил в четверг, что переговоры продолжатся в июле этого года.", {"attribution", "dates"}),
        # German capitalises every noun: only the acronym names something.
        (
            "de",
            "Die Regierung in Berlin erklärte am Montag, die NATO werde die Hilfe fortsetzen.",
            {"attribution", "dates", "entities"},
        ),
    ],
)
def test_a_claim_in_another_language_counts_its_speech_verbs_and_dates(
    language: str, sentence: str, counted: set[str]
) -> None:
    features = _features(language, sentence)
    assert {name for name, value in features.items() if value} == counted
    if language == "de":
        # "Regierung", "Berlin", "Montag", "Hilfe" are capitalised nouns and a name; "NATO" alone counts.
        assert features["entities"] == pytest.approx(1 / 3)


def test_an_english_reading_of_a_german_sentence_counted_every_noun_as_a_name() -> None:
    """The same sentence read as English: no German speech verb or weekday, and its nouns taken for names."""
    features = _features("en", "Die Regierung in Berlin erklärte am Montag, die NATO werde die Hilfe fortsetzen.")
    assert features["attribution"] == features["dates"] == 0.0
    assert features["entities"] == 1.0


def test_every_language_with_a_speech_lexicon_has_claim_words() -> None:
    assert set(CLAIM_LEXICONS) == set(LEXICONS) - {"en"}


@pytest.mark.parametrize(
    ("language", "sentence", "counted"),
    [
        (
            "de",
            "Die Regierung könnte möglicherweise schon im Herbst die Steuern für Unternehmen erhöhen.",
            {"modal_future", "hedges"},
        ),
        # "soll" as hearsay counts as a modal; "angeblich" makes it a hedge.
        (
            "de",
            "Der frühere Minister soll angeblich von den Zahlungen an die Beraterfirma gewusst haben.",
            {"modal_future", "hedges"},
        ),
        # The conditionnel journalistique: reported, not confirmed.
        (
            "fr",
            "Le ministre de l'Intérieur aurait présenté sa démission au chef de l'État, selon plusieurs médias.",
            {"hedges"},
        ),
        (
            "fr",
            "Le gouvernement pourrait encore repousser la réforme des retraites à l'automne prochain.",
            {"modal_future"},
        ),
        ("es", "El presunto autor del ataque habría huido a Portugal tras el tiroteo en la estación.", {"hedges"}),
        (
            "es",
            "El Gobierno podría aprobar el nuevo presupuesto antes del verano, probablemente por decreto.",
            {"modal_future", "hedges"},
        ),
        ("ru", "Бывший министр якобы знал о платежах подрядчику ещё прошлой весной.", {"hedges"}),
        ("ru", "Центробанк может снова поднять ключевую ставку уже на следующем заседании.", {"modal_future"}),
        ("it", "Il governo potrebbe forse rinviare la riforma delle pensioni all'autunno.", {"modal_future", "hedges"}),
        (
            "nl",
            "De minister zou naar verluidt al maanden van het vernietigende rapport hebben geweten.",
            {"modal_future", "hedges"},
        ),
        ("pl", "Rząd prawdopodobnie będzie musiał podnieść podatki w przyszłym roku.", {"modal_future", "hedges"}),
        ("uk", "Уряд, ймовірно, буде змушений підвищити податки наступного року.", {"modal_future", "hedges"}),
    ],
)
def test_hedges_and_modals_count_in_the_language_of_the_sentence(
    language: str, sentence: str, counted: set[str]
) -> None:
    """Read as English, none of these sentences is hedged or predicts anything: the words are the language's."""
    claim = _language_claim(language, sentence)
    english = _features("en", sentence)
    assert {name for name in ("modal_future", "hedges") if claim["features"][name]} == counted
    assert english["modal_future"] == english["hedges"] == 0.0
    assert claim["score"] < _language_claim("en", sentence)["score"]
    assert claim["suggested"] is CheckWorthiness.NFS


@pytest.mark.parametrize(
    ("language", "opinion", "fact"),
    [
        (
            "de",
            "Ich finde diese Entscheidung schrecklich, und wir sind zutiefst enttäuscht.",
            "Der Bundestag verabschiedete das Gesetz, nachdem zwei Abstimmungen über drei Änderungen scheiterten.",
        ),
        (
            "fr",
            "Je pense que cette décision est honteuse pour notre pays.",
            "La police a confirmé que trois personnes avaient été tuées et douze autres blessées dans l'explosion.",
        ),
        (
            "es",
            "Creo que es una decisión lamentable para nuestro país.",
            "El Congreso aprobó la ley con el apoyo de tres partidos, y el paro cayó a su nivel más bajo en diez años.",
        ),
        (
            "ru",
            "Я считаю, что это решение — позор для нашей страны.",
            "Суд приговорил бывшего губернатора к десяти годам колонии и штрафу в два миллиона рублей.",
        ),
        (
            "it",
            "Credo che questa decisione sia una vergogna per il nostro Paese.",
            "La polizia ha arrestato tre persone e ne ha denunciate altre dieci dopo gli scontri.",
        ),
        (
            "pt",
            "Acho que esta decisão é vergonhosa para o nosso país.",
            "O Congresso aprovou a lei por trezentos votos, e a inflação caiu para três por cento.",
        ),
        (
            "nl",
            "Ik vind deze beslissing schandalig voor ons land.",
            "De politie heeft twee verdachten gearresteerd en drie anderen aangehouden na de rellen.",
        ),
        (
            "pl",
            "Uważam, że ta decyzja jest skandaliczna i niedopuszczalna dla naszego kraju.",
            "Policja zatrzymała dwóch mężczyzn, a sąd skazał trzech oskarżonych na kary więzienia.",
        ),
        (
            "uk",
            "Я вважаю, що це рішення — ганьба для нашої держави.",
            "Поліція затримала двох підозрюваних, а суд засудив трьох інших до ув'язнення.",
        ),
    ],
)
def test_an_opinion_in_the_first_person_scores_below_a_fact_verb_with_numbers_in_words(
    language: str, opinion: str, fact: str
) -> None:
    """Spanish, Italian, Portuguese and Polish drop the pronoun: "creo", "credo", "acho", "uważam" are first
    person themselves. The facts write their numbers out, so only the language's number words count them."""
    opinion_claim, fact_claim = _language_claim(language, opinion), _language_claim(language, fact)
    assert opinion_claim["features"]["first_person"] == opinion_claim["features"]["subjective"] == 1.0
    assert fact_claim["features"]["fact_verbs"] == fact_claim["features"]["numbers"] == 1.0
    assert opinion_claim["suggested"] is CheckWorthiness.NFS
    assert fact_claim["suggested"] is CheckWorthiness.CFS
    assert fact_claim["score"] > opinion_claim["score"]
    english_opinion, english_fact = _features("en", opinion), _features("en", fact)
    assert english_opinion["first_person"] == english_opinion["subjective"] == 0.0
    assert english_fact["fact_verbs"] == english_fact["numbers"] == 0.0


@pytest.mark.parametrize(
    ("language", "sentence", "not_counted"),
    [
        # The passive's "wird" is no future.
        ("de", "Der Fall wird derzeit von der Staatsanwaltschaft in München geprüft.", "modal_future"),
        # "ci sono" is "there are"; "nos" here is "in the".
        ("it", "Ci sono ancora molte domande sulla gestione della crisi a Roma.", "first_person"),
        ("pt", "A inflação subiu nos Estados Unidos e caiu na zona do euro.", "first_person"),
        # "por supuesto" is "of course"; "menores" are minors, and "supérieur" a rank.
        ("es", "Por supuesto, el Gobierno presentará el presupuesto en el Congreso.", "hedges"),
        ("es", "Los menores detenidos fueron trasladados a un centro de la capital.", "comparatives"),
        ("fr", "Le Conseil supérieur de la magistrature a examiné le dossier du juge.", "comparatives"),
        # The Rada is Ukraine's parliament, not "glad".
        ("ru", "Верховная рада Украины собралась на заседание в Киеве.", "subjective"),
    ],
)
def test_words_with_a_common_second_sense_are_not_counted_for_it(
    language: str, sentence: str, not_counted: str
) -> None:
    assert _features(language, sentence)[not_counted] == 0.0


def test_a_word_in_both_the_english_and_the_language_s_list_counts_once() -> None:
    """Spanish "me" is English's "me" too: one first-person word, half of the feature's saturation."""
    assert _features("es", "La decisión me parece injusta para los trabajadores del sector.")["first_person"] == 0.5


def test_the_claim_evaluation_s_measures() -> None:
    evaluation = load_script("eval_claims")
    assert evaluation.auc([0.9, 0.8], [0.1, 0.2]) == 1.0
    assert evaluation.auc([0.1], [0.9]) == 0.0
    assert evaluation.auc([0.5, 0.9], [0.5, 0.1]) == 0.875  # (1 tie at half + 3 wins) of 4 pairs
    assert evaluation.kappa(["CFS", "NFS", "UFS"], ["CFS", "NFS", "UFS"]) == 1.0
    # Agreeing on 2 of 4 where chance agreement is 1/2: kappa 0.
    assert evaluation.kappa(["CFS", "CFS", "NFS", "NFS"], ["CFS", "NFS", "CFS", "NFS"]) == 0.0


def test_the_hand_labelled_claims_still_match_the_candidates_and_rank_above_chance() -> None:
    # Every labelled span must still be a candidate (a change to sentence splitting shows here first); the sample
    # page's four articles are in the repository, the WCXB ones only where ../shared/data is.
    evaluation = load_script("eval_claims")
    scored, missed, skipped, _ = evaluation.score_articles(SHARED_DATA)
    assert missed == 0
    assert len({row.article for row in scored}) == 22 - skipped
    cfs = [row.score for row in scored if row.label == "CFS"]
    others = [row.score for row in scored if row.label != "CFS"]
    # 0.71 on all 22 articles on 2026-12-01: a floor against a change that breaks the ranking.
    assert evaluation.auc(cfs, others) >= 0.65
