"""Count how often a short news text in a legacy code page is misread: the bytes of each text, in every legacy web
code page that writes it, are decoded as `builder ingest` decodes a page that declares no charset
(`builder.ingest.sources.decode`), and the text read is compared with the text written.

The texts are a few sentences of news in each of 23 languages written in Latin, Cyrillic or Greek script, written
for this measure (not taken from any site): each sentence alone, and random runs of two, three and five of them
(seeded, so every run measures the same texts). A code page "writes" a text when Python's codec encodes it; code
pages that give the same bytes for a text (German's "ä" is 0xE4 in most Latin ones) count once (`CODE_PAGES`).
A text that is ASCII in a code page is left out: every decoder reads it alike.

Prints the misread texts' count of all, by language and by code page; with -v, a few misreadings each. Asserts
nothing. Run from the repository, so that its `builder` is the one imported:

    PYTHONPATH=. .venv/bin/python scripts/eval_charsets.py [-v]
"""

from __future__ import annotations

import argparse
import random
from collections import Counter, defaultdict

from builder.ingest.sources import UnreadableInputError, decode

CODE_PAGES = (
    "cp1252",
    *(f"cp{number}" for number in range(1250, 1259) if number != 1252),
    *(f"iso8859_{number}" for number in (1, 2, 3, 4, 5, 7, 9, 10, 13, 14, 15, 16)),
    "koi8_r",
    "koi8_u",
)
"""The legacy code pages of web pages in these scripts: Windows', ISO 8859's and KOI8's (WHATWG's encodings).
Windows-1252 first, the one most legacy pages were written in: bytes that several code pages give for a text are
counted under the first of them."""
RUNS = {2: 20, 3: 20, 5: 10}
"""How many random runs of each length are made of a language's sentences, beside each sentence alone."""
SEED = 7

SENTENCES: dict[str, str] = {
    "fr": """Le gouvernement a présenté mercredi un projet de loi sur la sécurité routière.
Selon la préfecture, l'incendie a détruit près de deux cents hectares de forêt.
Les députés ont rejeté l'amendement à une voix près, au terme d'un débat très tendu.
Le maire a annoncé la réouverture du marché de Noël dès la semaine prochaine.
« Nous ne lâcherons rien », a déclaré la secrétaire générale du syndicat.
La Banque de France prévoit une croissance légèrement supérieure à 1 % cette année.
Après trois jours de grève, les contrôleurs aériens ont repris le travail jeudi.
L’enquête a été confiée à la brigade criminelle, a précisé le procureur de Créteil.""",
    "de": """Die Bundesregierung will die Förderung für Wärmepumpen im kommenden Jahr kürzen.
Nach Angaben der Feuerwehr wurde bei dem Brand niemand verletzt.
Der Stadtrat hat am Dienstag über den Neubau der Grundschule abgestimmt.
Die Preise für Heizöl sind im Vergleich zum Vorjahr deutlich gestiegen.
„Die Ermittlungen dauern noch an“, sagte ein Sprecher der Polizei.
Für Pendler bedeutet der Streik erhebliche Verspätungen im Berufsverkehr.
Die Außenministerin traf sich in Brüssel mit ihren europäischen Amtskollegen.
Über das Wochenende wird in ganz Süddeutschland mit starkem Schneefall gerechnet.""",
    "es": """El Gobierno aprobó el martes un plan para reducir las listas de espera en la sanidad pública.
La Guardia Civil investiga el incendio que arrasó más de mil hectáreas en Ávila.
Según el Banco de España, la economía crecerá un dos por ciento este año.
Los sindicatos convocan una huelga general para el próximo jueves.
El alcalde pidió calma a los vecinos tras la rotura de una tubería en el centro.
¿Cuándo bajará el precio de la luz?, se preguntan los consumidores.
La selección española se clasificó para la final tras vencer a Alemania.
El Tribunal Supremo rechazó el recurso presentado por la acusación.""",
    "pt": """O Governo aprovou na terça-feira um pacote de medidas para a habitação.
Segundo a Proteção Civil, o incêndio já foi dado como dominado.
A inflação desceu em agosto pelo terceiro mês consecutivo, informou o INE.
Os professores voltam à greve na próxima semana, anunciou o sindicato.
O presidente da Câmara de Lisboa prometeu mais autocarros para as zonas periféricas.
A seleção nacional venceu a Espanha por dois golos a um em Braga.
Os médicos exigem melhores condições de trabalho nos hospitais públicos.
A polícia deteve um homem suspeito de vários assaltos em Coimbra.""",
    "it": """Il governo ha approvato giovedì la legge di bilancio per il prossimo anno.
Secondo i vigili del fuoco, l'incendio è partito da un'auto in sosta.
Il sindaco ha firmato un'ordinanza che vieta la vendita di alcolici dopo le ventidue.
La disoccupazione è scesa al livello più basso dal 2008, ha detto l'Istat.
Perché i prezzi dell'energia restano così alti? Lo chiedono le associazioni dei consumatori.
La nazionale ha battuto la Francia e si è qualificata per la semifinale.
Il processo riprenderà lunedì davanti alla Corte d'assise di Milano.
Il maltempo ha causato frane e allagamenti in tutta la città.""",
    "nl": """Het kabinet trekt één miljard euro uit voor de financiële steun aan boeren.
Volgens de politie raakte niemand gewond bij de brand in de oude ruïne.
De gemeenteraad stemde dinsdag in met de ideeën voor een nieuw zwembad.
Een woordvoerder zei dat de coördinatie tussen de diensten beter moet.
De prijzen van groente en fruit zijn in één jaar tijd fors gestegen.
Veel geïnteresseerden kwamen zaterdag naar de opening van het museum.
Het CBS meldt dat de werkloosheid in augustus licht is gedaald.
De officier van justitie eiste drie jaar cel tegen de verdachte uit Zeeland.""",
    "sv": """Regeringen föreslår höjda bidrag till kommunernas äldreomsorg.
Enligt polisen skadades ingen när branden bröt ut i flerfamiljshuset.
Riksbanken lämnar styrräntan oförändrad, meddelade banken på torsdagen.
Trafiken på E4 norr om Stockholm står still efter en olycka.
Arbetslösheten minskade något i juli, enligt Statistiska centralbyrån.
Fackförbundet varnar för strejk om inga förhandlingar inleds före årsskiftet.
Landslaget vann mot Danmark och är klart för slutspelet.
Åklagaren yrkar på fängelse i tre år för den misstänkte.""",
    "da": """Regeringen vil hæve afgiften på benzin fra næste år.
Ifølge politiet kom ingen til skade ved branden i Aalborg.
Nationalbanken hæver renten med et kvart procentpoint.
Ledigheden faldt i juli, oplyser Danmarks Statistik.
Borgmesteren lover flere børnehavepladser i løbet af foråret.
Landsholdet slog Sverige og er klar til semifinalen.
Anklageren kræver tre års fængsel for røveriet i Århus.
Trafikken på motorvejen står stille efter et færdselsuheld.""",
    "fi": """Hallitus esittää lisää rahaa vanhustenhoitoon ensi vuoden budjetissa.
Poliisin mukaan kukaan ei loukkaantunut tulipalossa Tampereella.
Työttömyys laski heinäkuussa, kertoo Tilastokeskus.
Eduskunta hyväksyi lain äänin sata kaksikymmentä puolesta.
Sähkön hinta nousi jyrkästi pakkasjakson aikana.
Kaupunginvaltuusto päätti uuden koulun rakentamisesta keskiviikkona.
Jääkiekkomaajoukkue voitti Ruotsin ja pääsi välieriin.
Syyttäjä vaatii miehelle kolmen vuoden vankeusrangaistusta.""",
    "pl": """Rząd przyjął w środę projekt ustawy o podatku od nieruchomości.
Według policji nikt nie ucierpiał w pożarze kamienicy w Łodzi.
Źródła w ministerstwie twierdzą, że reforma wejdzie w życie jesienią.
Ceny żywności wzrosły w sierpniu o pięć procent, podał GUS.
Śląskie kopalnie mają zostać zamknięte do końca przyszłej dekady.
Prezydent spotkał się z premierem, by omówić sytuację na granicy.
Żołnierze pomagają mieszkańcom zalanych wsi na południu kraju.
„Sąd skazał byłego burmistrza na dwa lata więzienia w zawieszeniu” – podał portal.""",
    "cs": """Vláda ve středu schválila zákon o státním rozpočtu na příští rok.
Podle hasičů se při požáru skladu nikdo nezranil.
Ministr školství řekl, že učitelé dostanou vyšší platy už od září.
Šéf opozice kritizoval plán na zvýšení daní jako nespravedlivý.
Žádost o dotaci podalo letos víc obcí než loni, uvedlo ministerstvo.
Silné bouřky způsobily škody na jihu Čech a na Moravě.
Ceny potravin podle statistiků v srpnu mírně klesly.
Policie pátrá po muži, který ukradl auto, a prosí, ať se svědci ozvou.""",
    "sk": """Vláda v stredu schválila návrh štátneho rozpočtu na budúci rok.
Podľa hasičov sa pri požiari skladu nikto nezranil.
Minister školstva povedal, že učitelia dostanú vyššie platy od septembra.
Ťažké nákladné autá nesmú cez most prechádzať až do odvolania.
Ceny potravín v auguste mierne klesli, uviedol Štatistický úrad.
Búrky spôsobili škody na juhu krajiny, kde padali krúpy veľké ako vajce.
Žiadosť o dotáciu podalo tento rok viac obcí ako vlani.
Súd poslal bývalého starostu na tri roky do väzenia.""",
    "hu": """A kormány szerdán elfogadta a jövő évi költségvetés tervezetét.
A tűzoltók szerint senki sem sérült meg a raktárban keletkezett tűzben.
Az infláció augusztusban tovább csökkent, közölte a Központi Statisztikai Hivatal.
A főpolgármester új villamosvonalat ígért a külső kerületeknek.
Őrizetbe vettek két férfit, akiket betöréssorozattal gyanúsítanak.
A válogatott legyőzte Ausztriát, és bejutott az elődöntőbe.
Az ügyészség három év börtönt kér a volt polgármesterre.
Erős szél és zivatarok várhatók az ország északi részén.""",
    "sl": """Vlada je v sredo sprejela predlog proračuna za prihodnje leto.
Po podatkih gasilcev v požaru ni bil nihče poškodovan.
Minister za šolstvo je dejal, da bodo učitelji dobili višje plače.
Cene hrane so se avgusta znižale, je sporočil statistični urad.
Župan je obljubil nove avtobusne linije za primestna naselja.
Neurje s točo je povzročilo škodo na več sto hišah.
Sodišče je nekdanjega direktorja obsodilo na tri leta zapora.
Čez vikend bodo na cestah proti obali daljši zastoji.""",
    "hr": """Vlada je u srijedu prihvatila prijedlog državnog proračuna za iduću godinu.
Prema podacima vatrogasaca, u požaru nitko nije ozlijeđen.
Ministar znanosti rekao je da će učitelji dobiti veće plaće.
Cijene hrane u kolovozu su pale, objavio je Državni zavod za statistiku.
Župan je obećao nove autobusne linije za prigradska naselja.
Nevrijeme s tučom oštetilo je krovove stotina kuća u Slavoniji.
Sud je bivšeg direktora osudio na tri godine zatvora.
Đaci se u školske klupe vraćaju početkom rujna.""",
    # Romanian as its legacy pages wrote it: "ş" and "ţ" with a cedilla, which Windows-1250 and ISO-8859-2 have
    # (the comma-below letters are in ISO-8859-16 only).
    "ro": """Guvernul a aprobat miercuri proiectul de buget pentru anul viitor.
Potrivit pompierilor, nimeni nu a fost rănit în incendiul de la depozit.
Ministrul educaţiei a anunţat că salariile profesorilor vor creşte.
Preţurile alimentelor au scăzut în august, a transmis Institutul Naţional de Statistică.
Primarul a promis noi linii de autobuz pentru cartierele mărginaşe.
Furtuna a provocat pagube în mai multe judeţe din sudul ţării.
Instanţa l-a condamnat pe fostul director la trei ani de închisoare.
Şoferii sunt sfătuiţi să evite drumul spre munte în weekend.""",
    "lt": """Vyriausybė trečiadienį pritarė kitų metų biudžeto projektui.
Pasak ugniagesių, per gaisrą sandėlyje niekas nenukentėjo.
Švietimo ministras sakė, kad mokytojų atlyginimai didės nuo rugsėjo.
Maisto kainos rugpjūtį šiek tiek sumažėjo, pranešė Statistikos departamentas.
Meras pažadėjo naujų autobusų maršrutų priemiesčių gyventojams.
Audra nuplėšė stogus keliuose šalies rajonuose.
Teismas buvusiam direktoriui skyrė trejų metų laisvės atėmimo bausmę.
Žiemą keliai bus valomi dažniau, žada savivaldybė.""",
    "lv": """Valdība trešdien apstiprināja nākamā gada budžeta projektu.
Pēc ugunsdzēsēju teiktā, ugunsgrēkā noliktavā neviens necieta.
Izglītības ministrs sacīja, ka skolotāju algas pieaugs no septembra.
Pārtikas cenas augustā nedaudz samazinājās, ziņo Centrālā statistikas pārvalde.
Rīgas mērs solīja jaunus autobusu maršrutus piepilsētas iedzīvotājiem.
Vētra norāva jumtus vairākos novados.
Tiesa bijušajam direktoram piesprieda trīs gadu cietumsodu.
Ziemā ceļus tīrīs biežāk, sola pašvaldība.""",
    "et": """Valitsus kiitis kolmapäeval heaks järgmise aasta eelarve eelnõu.
Päästjate sõnul ei saanud laohoone tulekahjus keegi viga.
Haridusminister ütles, et õpetajate palgad tõusevad septembrist.
Toiduainete hinnad langesid augustis veidi, teatas statistikaamet.
Linnapea lubas uusi bussiliine äärelinna elanikele.
Torm kiskus katuseid mitmes maakonnas.
Kohus mõistis endisele direktorile kolm aastat vangistust.
Šveitsi ja Tšehhi koondised kohtuvad laupäeval Tallinnas.""",
    "tr": """Hükümet çarşamba günü gelecek yılın bütçe tasarısını onayladı.
İtfaiyeye göre depodaki yangında kimse yaralanmadı.
Eğitim bakanı öğretmen maaşlarının eylülden itibaren artacağını söyledi.
Gıda fiyatları ağustosta hafif düştü, TÜİK açıkladı.
Belediye başkanı banliyöler için yeni otobüs hatları sözü verdi.
Fırtına birçok ilde çatıları uçurdu.
Mahkeme eski müdüre üç yıl hapis cezası verdi.
Şoförlerin hafta sonu dağ yollarından kaçınması tavsiye ediliyor.""",
    "ru": """Правительство в среду одобрило проект бюджета на следующий год.
По словам пожарных, при пожаре на складе никто не пострадал.
Министр образования заявил, что зарплаты учителей вырастут с сентября.
Цены на продукты в августе немного снизились, сообщил Росстат.
Мэр пообещал новые автобусные маршруты для жителей пригородов.
Ураган сорвал крыши в нескольких районах области.
Суд приговорил бывшего директора к трём годам лишения свободы.
Зимой дороги будут чистить чаще, обещают в мэрии.""",
    "uk": """Уряд у середу схвалив проєкт бюджету на наступний рік.
За словами рятувальників, під час пожежі на складі ніхто не постраждав.
Міністр освіти заявив, що зарплати вчителів зростуть з вересня.
Ціни на продукти в серпні трохи знизилися, повідомив Держстат.
Мер пообіцяв нові автобусні маршрути для мешканців передмість.
Буря зірвала дахи в кількох районах області.
Суд засудив колишнього директора до трьох років позбавлення волі.
Взимку дороги прибиратимуть частіше, обіцяють у міській раді.""",
    "bg": """Правителството одобри в сряда проекта на бюджета за следващата година.
По думите на пожарникарите при пожара в склада няма пострадали.
Министърът на образованието заяви, че заплатите на учителите ще се увеличат.
Цените на храните леко са спаднали през август, съобщи НСИ.
Кметът обеща нови автобусни линии за жителите на крайните квартали.
Бурята отнесе покривите на къщи в няколко общини.
Съдът осъди бившия директор на три години лишаване от свобода.
През зимата пътищата ще се почистват по-често, обещават от общината.""",
    "el": """Η κυβέρνηση ενέκρινε την Τετάρτη το σχέδιο προϋπολογισμού για το επόμενο έτος.
Σύμφωνα με την πυροσβεστική, κανείς δεν τραυματίστηκε στη φωτιά.
Ο υπουργός Παιδείας δήλωσε ότι οι μισθοί των εκπαιδευτικών θα αυξηθούν.
Οι τιμές των τροφίμων μειώθηκαν ελαφρά τον Αύγουστο, ανακοίνωσε η ΕΛΣΤΑΤ.
Ο δήμαρχος υποσχέθηκε νέες λεωφορειακές γραμμές για τα προάστια.
Η καταιγίδα προκάλεσε ζημιές σε σπίτια σε πολλές περιοχές.
Το δικαστήριο καταδίκασε τον πρώην διευθυντή σε τρία χρόνια φυλάκιση.
Τον χειμώνα οι δρόμοι θα καθαρίζονται συχνότερα, λέει ο δήμος.""",
}
"""A few sentences of news a language, one a line."""


def texts(language: str, rng: random.Random) -> list[str]:
    """The language's sentences alone, then `RUNS` random runs of them joined by a space."""
    sentences = SENTENCES[language].splitlines()
    runs = [" ".join(rng.sample(sentences, size)) for size, count in RUNS.items() for _ in range(count)]
    return sentences + runs


def encodings(text: str) -> dict[bytes, str]:
    """The text's bytes in each code page that writes it and not as ASCII, under the first code page giving them."""
    written: dict[bytes, str] = {}
    for code_page in CODE_PAGES:
        try:
            data = text.encode(code_page)
        except UnicodeEncodeError:
            continue
        if not data.isascii():
            written.setdefault(data, code_page)
    return written


def read(data: bytes) -> tuple[str, str]:
    """(the text, the encoding) as ingest decodes the bytes; an unreadable text's reason code, and no text."""
    try:
        decoded = decode(data)
    except UnreadableInputError as error:
        return "", error.code
    return decoded.text, decoded.encoding


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="show a few misreadings of each language")
    arguments = parser.parse_args()
    rng = random.Random(SEED)
    total: Counter[str] = Counter()
    wrong: Counter[str] = Counter()
    by_code_page: dict[str, Counter[str]] = defaultdict(Counter)
    examples: dict[str, list[str]] = defaultdict(list)
    for language in SENTENCES:
        for text in texts(language, rng):
            for data, code_page in encodings(text).items():
                total[language] += 1
                by_code_page[code_page]["texts"] += 1
                decoded, encoding = read(data)
                if decoded != text:
                    wrong[language] += 1
                    by_code_page[code_page]["misread"] += 1
                    examples[language].append(f"{code_page} read as {encoding}: {decoded[:100]}")
    print(f"{sum(wrong.values())} misread of {sum(total.values())} texts")
    for language in SENTENCES:
        misread = Counter(example.split(":")[0] for example in examples[language])
        print(f"{language}: {wrong[language]}/{total[language]}", dict(misread) if misread else "")
    print("by code page:", {page: f"{counts['misread']}/{counts['texts']}" for page, counts in by_code_page.items()})
    if arguments.verbose:
        for language, shown in examples.items():
            for example in shown[:3]:
                print(f"  {language} {example}")


if __name__ == "__main__":
    main()
