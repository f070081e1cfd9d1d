"""Short texts in a legacy code page that no header declares: a page dump, a CSV export and a feed are each read in
the code page their language is written in, not in another that charset-normalizer finds as clean."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from tests.test_ingest import ingest, read_jsonl

STORIES = {
    "fr": (
        "cp1252",
        "La réforme des retraites sera débattue à la rentrée",
        "Le président a déclaré que la réforme était nécessaire à l'économie, selon le ministère. Déjà contestée par"
        " les syndicats, elle sera débattue à l'Assemblée dès la rentrée, a précisé le porte-parole.",
    ),
    "de": (
        "cp1252",
        "Die Brücke über die Elbe wird teurer als geplant",
        "Der Bürgermeister äußerte sich am Mittwoch überrascht über die hohen Kosten für die neue Brücke. Nach Angaben"
        " der Stadtverwaltung müssen die Arbeiten wegen der Schäden am Fundament früher als geplant beginnen, sagte"
        " ein Sprecher.",
    ),
    "es": (
        "cp1252",
        "Málaga inaugura la nueva línea de metro",
        "El alcalde de Málaga inauguró el miércoles la nueva línea de metro en la zona oeste de la ciudad. Según el"
        " ayuntamiento, el servicio funcionará todos los días desde las seis de la mañana, y los vecinos podrán"
        " usarlo gratis durante una semana.",
    ),
    "fi": (
        "cp1252",
        "Hallitus esittää lisää rahaa vanhustenhoitoon",
        "Hallitus esittää lisää rahaa vanhustenhoitoon ensi vuoden budjetissa. Kunnat saavat sata miljoonaa euroa"
        " lisää hoitajien palkkaamiseen, kertoi ministeri tiistaina. Oppositio pitää summaa liian pienenä, ja"
        " hoitajien liitto vaatii, että palkkoja nostetaan jo tänä vuonna eikä vasta ensi keväänä.",
    ),
    "pl": (
        "cp1250",
        "Prezydent podpisał ustawę o emeryturach",
        "Prezydent podpisał w środę ustawę o zmianach w systemie emerytalnym. Według Głównego Urzędu Statystycznego"
        " bezrobocie spadło w czerwcu do pięciu procent, a rząd ogłosił, że ceny energii dla gospodarstw domowych"
        " zostaną zamrożone do końca roku.",
    ),
    "lt": (
        "cp1257",
        "Policija sulaikė du vyrus, įtariamus apiplėšus parduotuvę",
        "Policija sulaikė du vyrus, įtariamus apiplėšus parduotuvę Vilniaus centre. Pasak pareigūnų, vyrai pagrobė"
        " daugiau nei tūkstantį eurų ir pabėgo automobiliu, tačiau po valandos buvo sulaikyti prie miesto ribos.",
    ),
    "ru": (
        "cp1251",
        "Правительство одобрило проект бюджета",
        "Правительство в среду одобрило проект государственного бюджета на следующий год. Министр здравоохранения"
        " заявил, что больницы получат больше денег, а по данным Росстата безработица в июне снизилась до рекордно"
        " низкого уровня.",
    ),
}
"""A title and a paragraph in each language, with the code page it is written in."""


def _export(title: str, text: str, url: str) -> str:
    written = io.StringIO()
    csv.writer(written, lineterminator="\r\n").writerows([["title", "text", "url"], [title, text, url]])
    return written.getvalue()


def _feed(title: str, text: str, url: str) -> str:
    return f"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>News</title><link>https://example.com/</link><description>News</description>
<item><title>{title}</title><link>{url}</link><description>{text}</description></item>
</channel></rss>
"""


def _titles_and_texts(inputs: Path, out: Path) -> dict[str, tuple[str, str]]:
    """Each input file's name and its document's title and text (spaces as one), read by `builder ingest`, which
    must reject nothing."""
    result = ingest(str(inputs), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert read_jsonl(out / "quarantine.jsonl") == []
    return {
        Path(document["provenance"]["path"]).name: (document["title"], " ".join(document["text"].split()))
        for document in read_jsonl(out / "documents.jsonl")
    }


def test_short_texts_in_legacy_code_pages_are_read_in_their_language_s_code_page(tmp_path: Path) -> None:
    """A French paragraph with one "déjà" came out as Baltic (cp1257: "Déją", "ministčre", "débattue ą la
    rentrée"), and a Lithuanian one as Windows-1252 ("sulaikë", "apiplëðus"): charset-normalizer found those as
    clean, and Windows-1252 won ties; a Finnish one came out as HP's Roman-8 ("esittðð lisðð"). German, Spanish,
    Polish and Russian read right before, and still do."""
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    for language, (code_page, title, text) in STORIES.items():
        url = f"https://example.com/{language}"
        (inputs / f"{language}.txt").write_bytes(f"{title}\n\n{text}\n".encode(code_page))
        (inputs / f"{language}.csv").write_bytes(_export(title, text, url).encode(code_page))
        (inputs / f"{language}.rss").write_bytes(_feed(title, text, url).encode(code_page))
    read = _titles_and_texts(inputs, tmp_path / "out")
    assert read == {
        f"{language}.{suffix}": (title, text)
        for language, (_, title, text) in STORIES.items()
        for suffix in ("csv", "rss", "txt")
    }


CENTRAL_EUROPEAN_STORIES = {
    "cs": (
        "Vláda schválila vyšší platy učitelů",
        "Vláda ve středu schválila zvýšení platů učitelů o deset procent. Ministr školství uvedl, že peníze dostanou"
        " školy už v září. Podle odborů je to však málo, protože ceny energií a potravin rostou rychleji než mzdy.",
    ),
    "sk": (
        "Ceny tepla v januári vzrástli o štvrtinu",
        "Ceny tepla sa v januári zvýšili o štvrtinu, uviedol v pondelok úrad pre reguláciu. Podľa ministra"
        " hospodárstva však štát pomôže domácnostiam, ktoré nemajú dosť peňazí na zálohy. Opozícia žiada, aby vláda"
        " znížila daň z elektriny.",
    ),
    "pl": (
        "Źródła: rząd przesunie wybory samorządowe",
        "Rząd zamierza przesunąć wybory samorządowe na wiosnę przyszłego roku, dowiedział się portal. Według źródeł"
        " w kancelarii premiera decyzja zapadnie w środę, a projekt ustawy trafi do Sejmu jeszcze w tym miesiącu."
        " Opozycja zapowiada, że zaskarży zmianę do Trybunału.",
    ),
    "hu": (
        "Ősszel nyílik meg az új Duna-híd",
        "A főváros szerint az új Duna-híd ősszel nyílik meg, két hónappal a tervezett időpont után. A polgármester"
        " kedden közölte, hogy a késést az árvíz okozta, de a költségek nem nőttek. Az építkezés miatt a rakparton"
        " júniusig lezárások lesznek.",
    ),
    "sl": (
        "Vlada bo znižala davek na dobiček",
        "Vlada je v četrtek sprejela predlog zakona, ki bo podjetjem znižal davek na dobiček. Minister za finance je"
        " dejal, da bo država zaradi tega izgubila več kot sto milijonov evrov na leto, a da bo gospodarstvo hitreje"
        " raslo. Sindikati opozarjajo, da bodo delavci plačali več.",
    ),
    "hr": (
        "Učenici u Zagrebu dobivaju besplatne obroke",
        "Grad Zagreb od rujna će svim učenicima osnovnih škola osigurati besplatan topli obrok, najavio je"
        " gradonačelnik. Prema njegovim riječima, to će proračun koštati oko dvadeset milijuna eura godišnje."
        " Roditelji su odluku pozdravili, a sindikati traže veće plaće za kuharice.",
    ),
}
"""A title and a paragraph in each language written in ISO-8859-2 and Windows-1250, which put some of its letters
at different bytes: Czech and Slovak "š", "ž", "ť", Polish "ą", "ś", "ź"."""


def test_central_european_texts_are_read_alike_in_iso_8859_2_and_windows_1250(tmp_path: Path) -> None:
    """The two code pages write every letter of these languages, each at its own byte, so that either reads a text
    in the other as letters of the charset too: a Czech "vyšší" in ISO-8859-2 came out as "vyąąí" in Windows-1250,
    a Croatian "škola" as "ąkola" (and a Polish "Źródła" as Nordic ISO-8859-10's "Žródģa", until the language's own
    code pages were read too). The letters the language's own words are written with decide: Czech has "š" and no
    "ą", Polish "ą" and no "š". Both a page dump and a CSV export (read by the streaming reader, which detects its
    charset on a sample) are read; Slovak, Hungarian and Slovenian ones, and all in Windows-1250, read right before
    too."""
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    for language, (title, text) in CENTRAL_EUROPEAN_STORIES.items():
        for code_page in ("iso8859_2", "cp1250"):
            url = f"https://example.com/{language}"
            (inputs / f"{language}-{code_page}.txt").write_bytes(f"{title}\n\n{text}\n".encode(code_page))
            (inputs / f"{language}-{code_page}.csv").write_bytes(_export(title, text, url).encode(code_page))
    read = _titles_and_texts(inputs, tmp_path / "out")
    assert read == {
        f"{language}-{code_page}.{suffix}": (title, text)
        for language, (title, text) in CENTRAL_EUROPEAN_STORIES.items()
        for code_page in ("iso8859_2", "cp1250")
        for suffix in ("csv", "txt")
    }


def test_a_short_german_text_is_not_read_as_chinese(tmp_path: Path) -> None:
    """A German sentence's "für" and "fünf" are valid Big5-HKSCS byte pairs, and charset-normalizer, having read
    them without noise ("f僡", "f𤦂f"), tried no single-byte code page at all: a CSV export of that one sentence
    came out in Chinese. Its ASCII words are German, written in ISO-8859-1 or Windows-1252, which read it as
    cleanly, with German letters."""
    text = "Die Preise für Lebensmittel sind im vergangenen Jahr um fünf Prozent gestiegen."
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    for code_page in ("cp1252", "latin_1"):
        (inputs / f"de-{code_page}.csv").write_bytes(f"text\r\n{text}\r\n".encode(code_page))
    out = tmp_path / "out"

    result = ingest(str(inputs), "--out", str(out))

    assert result.returncode == 0, result.stderr
    assert read_jsonl(out / "quarantine.jsonl") == []
    read = {
        Path(document["provenance"]["path"]).name: document["text"] for document in read_jsonl(out / "documents.jsonl")
    }
    assert read == {"de-cp1252.csv": text, "de-latin_1.csv": text}


def _texts_read(inputs: Path, out: Path) -> dict[str, str]:
    """Each input file's name and its document's text (spaces as one), read by `builder ingest`, which must reject
    nothing."""
    result = ingest(str(inputs), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert read_jsonl(out / "quarantine.jsonl") == []
    return {
        Path(document["provenance"]["path"]).name: " ".join(document["text"].split())
        for document in read_jsonl(out / "documents.jsonl")
    }


def _csv_texts_read_back(
    texts: dict[str, tuple[str, str]], tmp_path: Path, *, quoted: bool
) -> tuple[dict[str, str], dict[str, str]]:
    """The texts read back and as written, by file name, each written as a one-column CSV export (its field in
    quotes or not) in its code page: `texts` maps a language to its code page and text."""
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    for language, (code_page, text) in texts.items():
        field = f'"{text}"' if quoted else text
        (inputs / f"{language}.csv").write_bytes(f"text\r\n{field}\r\n".encode(code_page))
    return _texts_read(inputs, tmp_path / "out"), {f"{language}.csv": text for language, (_, text) in texts.items()}


def test_greek_is_not_read_as_cyrillic(tmp_path: Path) -> None:
    """Read as Windows-1251, this Greek page dump made Cyrillic letters about as frequent as Russian's ("РбсбйфЮизке
    п рспрпнзфЮт"), and charset-normalizer, finding that coherent, tried no Greek code page; a CSV export of one
    sentence came out as Mac Greek, which reads the same letters with other accents. The Greek readings make Greek
    words ("της", "την", "του", "θα"), the Cyrillic one no Russian ones."""
    title = "Παραιτήθηκε ο προπονητής"
    paragraph = (
        "Η απεργία θα συνεχιστεί και την Παρασκευή. Η αστυνομία συνέλαβε δύο άνδρες για τη ληστεία του καταστήματος"
        " στο κέντρο της πόλης. Ο προπονητής της ομάδας παραιτήθηκε μετά την ήττα στον τελικό του κυπέλλου."
    )
    sentence = "Ο προπονητής της ομάδας παραιτήθηκε μετά την ήττα στον τελικό του κυπέλλου."
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    (inputs / "el.txt").write_bytes(f"{title}\n\n{paragraph}\n".encode("cp1253"))
    (inputs / "el.csv").write_bytes(f"text\r\n{sentence}\r\n".encode("cp1253"))

    read = _texts_read(inputs, tmp_path / "out")

    assert read == {"el.txt": paragraph, "el.csv": sentence}


KOI8_TEXTS = {
    "ru": ("koi8_r", "Фермеры просят правительство снизить налог на топливо. Забастовка продолжится и в пятницу."),
    "uk": ("koi8_u", "Фермери просять уряд знизити податок на пальне. Страйк триватиме і в п'ятницю."),
}
"""A Russian text in KOI8-R and a Ukrainian one in KOI8-U, which writes Ukrainian's "і", "ї", "є" and "ґ" too."""


def test_cyrillic_in_koi8_is_not_read_as_japanese(tmp_path: Path) -> None:
    """KOI8's lower-case Cyrillic letters are Shift JIS's half-width katakana, and an upper-case one with the next
    byte a kanji: charset-normalizer read CSV exports of these short texts so without noise ("ﾐﾒﾏﾓﾑﾔ ﾐﾒﾁﾗﾉﾔﾅﾌﾘﾓﾔﾗﾏ"),
    and tried no single-byte code page once it had. The katakana make no words; KOI8's Cyrillic makes Russian and
    Ukrainian ones ("на", "и", "в"; "і", "в"), and KOI8-U's more of Ukrainian's than KOI8-R's, which reads its "і"
    as a box-drawing line."""
    read, written = _csv_texts_read_back(KOI8_TEXTS, tmp_path, quoted=False)
    assert read == written


OTHER_CODE_PAGE_TEXTS = {
    "tr": (
        "iso8859_3",
        "Belediye başkanı yeni otobüs hatları için şehir meclisine başvurdu. Işıklar gece yarısı söndü.",
    ),
    "hu": ("iso8859_16", "A fővárosi közgyűlés szerdán döntött a fűtés támogatásáról, közölte a polgármester."),
    "et": (
        "iso8859_4",
        "Šotimaa ja Tšehhi jalgpallurid mängivad laupäeval Tartus.",
    ),
}
"""A Turkish text in ISO-8859-3, a Hungarian one in ISO-8859-16 and an Estonian one in ISO-8859-4: code pages that
write all of the language's letters, some at other bytes than the language's usual ISO-8859-9, ISO-8859-2 and
ISO-8859-15 or their Windows siblings. jusText's Estonian list holds a loanword's "ç" and "ã", which ISO-8859-4 does
not write: counted as Estonian letters, they kept it from being weighed."""


def test_a_text_in_another_code_page_that_writes_its_language_is_read_in_it(tmp_path: Path) -> None:
    """charset-normalizer stops trying code pages of a script once it has seven that read a text as cleanly, and
    these were not among them: the Turkish text came out as Windows-1252 ("ºehir", "Iº¹klar"), the Hungarian one
    as Windows-1250 ("fřtés"), and neither is the language's own code page or its Windows sibling, which were
    weighed too. Read in the code page they were written in, their letters are the language's."""
    read, written = _csv_texts_read_back(OTHER_CODE_PAGE_TEXTS, tmp_path, quoted=True)
    assert read == written


FRENCH_STORY = (
    "Le conseil municipal a voté mardi l'extension du service de bus de nuit à tous les quartiers, après une année de"
    " plaintes des travailleurs postés qui disaient ne pas pouvoir rentrer chez eux en sécurité. « C'est une décision"
    " historique », a déclaré la maire, très émue. Les opposants ont jugé le coût – 4,2 millions d'euros par an –"
    " trop élevé. Les premières lignes circuleront dès mars, selon le comité des transports."
)


def _with_broken_bytes(text: str, share: float) -> bytes:
    """The text in UTF-8 with about `share` of its ASCII letters overwritten by 0xFF, which UTF-8 never holds,
    spread evenly through it."""
    written = bytearray(text.encode("utf-8"))
    letters = [index for index, byte in enumerate(written) if chr(byte).isascii() and chr(byte).isalpha()]
    count = round(len(written) * share)
    for index in letters[:: len(letters) // count][:count]:
        written[index] = 0xFF
    return bytes(written)


def test_utf8_with_broken_bytes_is_never_read_in_a_legacy_code_page(tmp_path: Path) -> None:
    """A French text in UTF-8 with 2% of its bytes broken, more than the 1% a repair may replace, was read in the
    legacy code page charset-normalizer found ("votÃĐ", "aprÃĻs"), and written so, though its valid multi-byte
    UTF-8 ("é", "à", "–") says what it is: in a legacy text almost every byte beyond ASCII breaks UTF-8. Such a
    text is UTF-8 with too much of it lost, quarantined as `undecodable` with the share of broken bytes; with 0.5%
    broken it is read as UTF-8, each broken byte a U+FFFD, as before."""
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    title = "Le conseil vote l’extension des bus de nuit"
    (inputs / "few.txt").write_bytes(_with_broken_bytes(f"{title}\n\n{FRENCH_STORY}\n", 0.005))
    (inputs / "many.txt").write_bytes(_with_broken_bytes(f"{title}\n\n{FRENCH_STORY}\n", 0.02))
    out = tmp_path / "out"

    result = ingest(str(inputs), "--out", str(out))

    assert result.returncode == 0, result.stderr
    [document] = read_jsonl(out / "documents.jsonl")
    assert Path(document["provenance"]["path"]).name == "few.txt"
    assert "\ufffd" in document["text"]
    assert "a voté mardi" in document["text"]
    [rejected] = read_jsonl(out / "quarantine.jsonl")
    assert (Path(rejected["source"]).name, rejected["reason_code"]) == ("many.txt", "undecodable")
    assert "bytes (2.0%) are broken" in rejected["reason"]
    assert json.loads((out / "report.json").read_text(encoding="utf-8"))["rejected"] == {"undecodable": 1}


def test_a_text_full_of_replacement_characters_already_is_quarantined(tmp_path: Path) -> None:
    """A text that an earlier conversion wrote with U+FFFD for the bytes it could not read (every "e" of an English
    story, 5% of its characters) is valid UTF-8, and was accepted whole, though a text with 1% of its bytes broken
    is refused: its words are as lost to an annotator either way ("vot\ufffdd", "\ufffdxt\ufffdnd"). The same limit
    holds, and the reason says the text held them already; a few (one a hundred characters or less) still pass."""
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    story = (
        "The city council voted on Tuesday to extend the night bus service to every district, after a year of"
        " complaints from shift workers who said they had no way to get home safely. The measure passed by 31 votes"
        " to 9, and the first new routes will run from March, the transport committee said."
    )
    texts = {"few.txt": story.replace("Tuesday", "Tu\ufffdsday"), "many.txt": story.replace("e", "\ufffd")}
    for name, text in texts.items():
        (inputs / name).write_text(f"Night buses for every district\n\n{text}\n", encoding="utf-8")
    out = tmp_path / "out"

    result = ingest(str(inputs), "--out", str(out))

    assert result.returncode == 0, result.stderr
    [document] = read_jsonl(out / "documents.jsonl")
    assert Path(document["provenance"]["path"]).name == "few.txt"
    [rejected] = read_jsonl(out / "quarantine.jsonl")
    assert (Path(rejected["source"]).name, rejected["reason_code"]) == ("many.txt", "undecodable")
    assert "U+FFFD that the text already held" in rejected["reason"]
