"""The words a claim's features count in languages other than English, one lexicon per language with a speech
lexicon (`builder.enrich.quote_lexicons`). `builder.enrich.claims` adds them to the English lists, which still
apply to every language (digits, and English words inside other text), and holds no word of these languages
itself; a language's speech verbs (`attribution`) and CLDR month and weekday names (`dates`) come from elsewhere.

Lists are space-separated single words, matched casefolded (so "Ich" at a sentence's start counts, and German
"ß" is written as printed: casefolding makes it "ss" on both sides). They hold the inflected forms news prose
uses: fact verbs in the preterite and the past participle the press reports outcomes in (the participle in the
genders and numbers a passive agrees in), modals in the third person singular and plural, adjectives in the
genders and numbers that differ. Each list is kept to words that mean the same thing nearly every time they
appear in news; a word with a common second sense is left out, or counted for the one feature both senses fall
under, as the comments say. Three choices hold for every language:

- the word for "one" is left out where it is also the indefinite article (ein, un, uno, um, een), and "than"
  where it is also "as", "that" or "then" (als, que, che, dan): either would count in nearly every sentence;
- in the languages that drop a subject pronoun (es, it, pt, pl, and often ru, uk), the first person of an
  opinion verb ("creo", "penso", "uważam", "считаю") is first person as well as subjective, as "I think" is;
- there are no two-word cues: what English needs two words for is one word here ("voraussichtlich",
  "verluidt", "якобы"), and the real pairs ("plus de", "más de") join a word to a function word nearly every
  sentence holds, which a clause's count of a cue, both words anywhere in it, would not tell from the first
  word alone.

Written from how each language's press writes, like the speech lexicons, and tested on handwritten sentences
(tests/test_enrich_claims.py), not scored on labelled pages.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ClaimLexicon:
    """A language's words for each feature a claim counts from words (see `builder.enrich.claims`)."""

    number_words: str
    """Numerals and quantities written out (`numbers`): "zwei", "Millionen", "Prozent", "half"; digits count in
    every language already."""
    comparatives: str
    """Comparisons and measured change (`comparatives`): "more", "the largest", "record", "rose", "fell"."""
    fact_verbs: str
    """Verbs that report an outcome (`fact_verbs`): "killed", "arrested", "approved", "signed", "paid"; the
    speech verbs that report one ("confirmed", "announced") count as attribution too, as in English."""
    date_words: str
    """Days named relative to the report (`dates`): "yesterday"; months and weekdays come from CLDR."""
    first_person: str
    """The speaker's own pronouns and possessives (`first_person`): "I", "we", "my", "our" in every case."""
    modals: str
    """Predictions, plans and obligations (`modal_future`): "will", "would", "could", "should", "must", "wants
    to", "expected to"."""
    hedges: str
    """Uncertainty and hearsay (`hedges`): "perhaps", "probably", "apparently", "seems", "allegedly",
    "reportedly", and the alleged of "the alleged attacker"."""
    subjective: str
    """Judgements and feelings (`subjective`): "terrible", "shameful", "best", "worst", "hope", "believe",
    "unfortunately"."""


GERMAN = ClaimLexicon(
    number_words=(
        "zwei drei vier fünf sechs sieben acht neun zehn elf zwölf zwanzig dreißig vierzig fünfzig hundert hunderte "
        "tausend tausende million millionen mio milliarde milliarden mrd billion billionen dutzend dutzende hälfte "
        "prozent"
    ),
    # "mehr" is also "nicht mehr" (no longer), which states a change too. "fiel" and "gefallen" are left out:
    # "fiel auf", "fiel aus", "hat gefallen" (was liked) outnumber prices that fell.
    comparatives=(
        "mehr weniger meisten höher höchste höchsten niedriger niedrigste niedrigsten größte größten kleinste rekord "
        "verdoppelt verdreifacht halbiert gestiegen stieg stiegen gesunken sank sanken gewachsen wuchs zugenommen "
        "abgenommen anstieg rückgang zunahme verglichen vergleich"
    ),
    # Separable verbs keep their preterite without the particle that ends the clause ("lehnte den Antrag ab",
    # "kündigte an"). "erhalten" (also "preserve") and "eingestellt" (hired, or halted) are left out.
    fact_verbs=(
        "getötet tötete töteten starb starben gestorben verletzt verwundet festgenommen verhaftet angeklagt verurteilt "
        "verurteilte stimmte stimmten abgestimmt gewählt unterzeichnet unterzeichnete unterschrieb verabschiedet "
        "verabschiedete beschlossen beschloss genehmigt abgelehnt lehnte verboten angegriffen erobert eroberte "
        "beschlagnahmt gewann gewannen gewonnen verlor verloren gezahlt zahlte bezahlt kostete ausgegeben erhöht "
        "erhöhte gesenkt senkte entlassen verklagt entschied ergab zeigte bestätigte bestätigt kündigte angekündigt "
        "freigelassen veröffentlicht verhängt beschuldigt vorgeworfen weigerte geeinigt einigten vereinbart gestoppt "
        "geliefert lieferte erhielt erhielten verkauft verkaufte gekauft kaufte"
    ),
    date_words="gestern vorgestern",
    first_person=(
        "ich mich mir mein meine meinen meinem meiner meines wir uns unser unsere unseren unserem unserer unseres"
    ),
    # "wird", "werden" and "werde" are left out: the future's auxiliary is also the passive's ("wird geprüft",
    # "werde untersucht", is being examined), which reports facts. "soll" and "sollen" also report hearsay
    # ("soll davon gewusst haben", is said to have known) but as often a plan or a duty ("soll im Mai in Kraft
    # treten"): they count once, as modals, and hearsay proper is "angeblich" and "mutmaßlich". The reported
    # speech forms ("könne", "müsse", "solle", "wolle") are how the press relays a promise or a demand.
    modals=(
        "kann können könnte könnten könne muss müssen müsste müssten müsse soll sollen sollte sollten solle würde "
        "würden wollen wolle plant voraussichtlich"
    ),
    # "wohl" (probably) is also the noun "Wohl" (welfare), far rarer in news.
    hedges=(
        "möglicherweise vielleicht wahrscheinlich vermutlich offenbar anscheinend angeblich angebliche angeblichen "
        "mutmaßlich mutmaßliche mutmaßlichen scheint scheinen dürfte dürften wohl unklar eventuell"
    ),
    # "finde" is "ich finde" (I think); "finden" would be "findet statt" (takes place).
    subjective=(
        "großartig schrecklich wunderbar furchtbar toll schlimm schlimmste schlimmsten beste besten liebe hasse hoffe "
        "hoffen glaube glauben denke finde traurig glücklich stolz enttäuschend enttäuscht frustriert fantastisch "
        "beschämend empörend unglaublich skandalös katastrophal leider"
    ),
)

FRENCH = ClaimLexicon(
    # "neuf" is also "new" ("un bâtiment neuf"), rare in news beside the number.
    number_words=(
        "deux trois quatre cinq six sept huit neuf dix onze douze quinze vingt trente quarante cinquante cent cents "
        "centaine centaines mille milliers million millions milliard milliards dizaine dizaines moitié"
    ),
    # "plus" compares ("plus de 300", "le plus grand") and negates ("n'est plus", no longer); the negation
    # states a change, a checkable fact too, so it counts both ways. "supérieur" is left out: it is as often an
    # institution's rank ("Conseil supérieur", "enseignement supérieur").
    comparatives=(
        "plus moins davantage inférieur inférieure record hausse baisse doublé triplé augmenté augmentation diminué "
        "diminution progressé grimpé chuté recul reculé bondi plongé comparé"
    ),
    # Participles, as the passé composé reports; those a passive agrees with its subject in all forms ("trois
    # personnes ont été tuées"). "poursuivi" (sued) is left out: it is also "continued", a speech verb.
    fact_verbs=(
        "tué tués tuée tuées mort morts mortes blessé blessés blessée blessées arrêté arrêtés arrêtée interpellé "
        "interpellés inculpé inculpée condamné condamnés condamnée voté signé adopté adoptée approuvé rejeté interdit "
        "interdite lancé frappé attaqué saisi capturé envahi conquis gagné remporté perdu payé dépensé coûté réduit "
        "licencié décidé montré révélé annoncé confirmé libéré libérés libérée imposé accusé accusée refusé suspendu "
        "repris livré reçu vendu acheté"
    ),
    date_words="hier",
    # "j" is the elided "je" ("j'ai", "j'estime") that the split at its apostrophe leaves; "m'" is left out,
    # as its "m" is also metres.
    first_person="je j me moi mon ma mes nous notre nos",
    # "va" and "vont" make the near future ("va augmenter", going to); "sera", "aura" the future itself.
    # "peut-être" (perhaps) splits at its hyphen and counts through "peut", as a modal.
    modals=(
        "peut peuvent pourrait pourraient doit doivent devrait devraient devra devront va vont sera seront aura auront "
        "faut veut veulent prévoit"
    ),
    # "serait", "aurait" and their plurals are the conditionnel journalistique, the French press's way of
    # reporting what it has not confirmed ("le ministre aurait démissionné", has reportedly resigned).
    hedges=(
        "probablement possiblement éventuellement apparemment présumément prétendument supposément vraisemblablement "
        "semble semblent paraît présumé présumée présumés présumées supposé supposée serait seraient aurait auraient"
    ),
    subjective=(
        "formidable terrible merveilleux merveilleuse horrible génial incroyable magnifique scandaleux scandaleuse "
        "honteux honteuse inadmissible inacceptable catastrophique triste heureux heureuse fier fière fiers déçu déçue "
        "déçus décevant décevante meilleur meilleure pire espère crois pense aime déteste malheureusement"
    ),
)

SPANISH = ClaimLexicon(
    number_words=(
        "dos tres cuatro cinco seis siete ocho nueve diez once doce quince veinte treinta cuarenta cincuenta cien "
        "ciento cientos centenar centenares mil miles millón millones billón billones docena docenas decenas mitad"
    ),
    # "más" is nearly always "more" or "most" ("más de 300", "el más grande"). "menor" and "menores" are left
    # out: they are as often the minors of a crime report, and "superior" the rank of a court ("Tribunal
    # Superior").
    comparatives=(
        "más menos mayor mayores inferior récord duplicó triplicó aumentó aumento subió subieron creció crecieron cayó "
        "cayeron bajó descendió disminuyó disminución caída comparado comparación"
    ),
    # Preterite, singular and plural, and the participles of the passive ("fueron detenidos").
    fact_verbs=(
        "mató mataron muerto muertos muertas murió murieron fallecieron herido heridos heridas detenido detenidos "
        "detuvo arrestado arrestados acusado acusados condenado condenados condenó votó votaron firmó firmado aprobó "
        "aprobado aprobada rechazó rechazado prohibió lanzó atacó atacaron capturaron invadió ganó ganaron perdió "
        "perdieron pagó pagado gastó costó elevó redujo despidió demandó reveló mostró anunció confirmó liberó "
        "liberado impuso acordó acordaron suspendió reanudó entregó recibió vendió compró"
    ),
    date_words="ayer anteayer",
    first_person=(
        "yo me mí mi mis conmigo nosotros nosotras nos nuestro nuestra nuestros nuestras creo creemos pienso considero"
    ),
    # "va" and "van" make the near future ("va a subir").
    modals=(
        "puede pueden podría podrían debe deben debería deberían deberá deberán va van será serán habrá tendrá tendrán "
        "quiere quieren pretende prevé"
    ),
    # "habría" and "sería" are also the condicional de rumor ("habría huido", has reportedly fled). "supuesto"
    # is left out for "por supuesto" (of course); its other forms are "alleged".
    hedges=(
        "quizás quizá posiblemente probablemente presuntamente supuestamente aparentemente parece parecen parecer "
        "presunto presunta presuntos presuntas supuesta supuestos supuestas habría habrían sería serían probable"
    ),
    # "mejor" and "peor" are better and worse as well as best and worst; a judgement either way, as English's
    # "best". "odio" (I hate) is left out: it is the hatred of "delitos de odio" (hate crimes).
    subjective=(
        "genial terrible maravilloso maravillosa horrible increíble fantástico fantástica vergonzoso vergonzosa "
        "indignante inaceptable lamentable triste feliz orgulloso orgullosa decepcionante decepcionado mejor peor creo "
        "creemos pienso espero esperamos ojalá lamentablemente desgraciadamente"
    ),
)

ITALIAN = ClaimLexicon(
    # "sei" is also "you are", and "venti" also "winds": both rare in news prose beside the numbers.
    number_words=(
        "due tre quattro cinque sei sette otto nove dieci undici dodici quindici venti trenta quaranta cinquanta cento "
        "centinaia mille mila migliaia milione milioni miliardo miliardi dozzina decine metà"
    ),
    # "più", as French "plus", compares and negates ("non è più", no longer): both count. "minore" is left out
    # for the minors of a crime report, "superiore" for a rank ("scuola superiore"). "rispetto" is "rispetto al
    # 2023" (compared with 2023).
    comparatives=(
        "più meno maggiore maggiori inferiore record raddoppiato triplicato dimezzato aumentato aumento salito salita "
        "crescita cresciuto calato calo diminuito diminuzione sceso crollato rispetto"
    ),
    # Participles, as the passato prossimo reports, in the forms a passive agrees in.
    fact_verbs=(
        "ucciso uccisi uccisa uccise morto morti morta morte ferito feriti ferita arrestato arrestati arrestata "
        "accusato accusati condannato condannati condannata votato firmato approvato approvata respinto respinta "
        "vietato lanciato colpito attaccato sequestrato conquistato invaso vinto perso pagato speso costato tagliato "
        "licenziato stabilito dimostrato mostrato rivelato annunciato confermato liberato liberati imposto rifiutato "
        "raggiunto sospeso ripreso consegnato ricevuto venduto acquistato comprato"
    ),
    date_words="ieri",
    # "ci" (us) is left out: it is far more often "there" ("ci sono", there are).
    first_person="io me mi mio mia miei mie noi nostro nostra nostri nostre credo penso ritengo",
    modals=(
        "può possono potrebbe potrebbero deve devono dovrebbe dovrebbero dovrà dovranno sarà saranno avrà avranno "
        "vuole vogliono intende"
    ),
    # "sarebbe", "avrebbe" and their plurals are the condizionale giornalistico ("avrebbe ammesso", has
    # reportedly admitted).
    hedges=(
        "forse probabilmente possibilmente presumibilmente presuntamente apparentemente sembra sembrano pare presunto "
        "presunta presunti presunte sarebbe sarebbero avrebbe avrebbero probabile"
    ),
    subjective=(
        "fantastico fantastica terribile meraviglioso meravigliosa orribile incredibile vergognoso vergognosa vergogna "
        "inaccettabile scandaloso scandalosa triste felice orgoglioso orgogliosa deludente deluso delusa migliore "
        "peggiore credo penso spero speriamo purtroppo"
    ),
)

PORTUGUESE = ClaimLexicon(
    # "bilhão" is Brazil's thousand million, "bilião" Portugal's million million: both are large numbers.
    number_words=(
        "dois duas três quatro cinco seis sete oito nove dez onze doze quinze vinte trinta quarenta cinquenta cem "
        "cento centenas mil milhares milhão milhões bilhão bilhões bilião biliões dezena dezenas metade"
    ),
    # "mais", as French "plus", compares and negates ("não é mais", no longer): both count. "menor" is left out
    # for the minors of a crime report, "superior" for the rank of a court ("Superior Tribunal").
    comparatives=(
        "mais menos maior maiores inferior recorde dobrou duplicou triplicou aumentou aumento subiu subiram cresceu "
        "cresceram crescimento caiu caíram queda diminuiu redução recuou comparação comparado"
    ),
    fact_verbs=(
        "matou mataram morto mortos morta mortas morreu morreram ferido feridos ferida feridas preso presos presa "
        "detido detidos acusado acusados condenado condenados condenou votou votaram assinou assinado aprovou aprovado "
        "aprovada rejeitou rejeitado proibiu lançou atacou atacaram capturou invadiu venceu ganhou perdeu pagou pago "
        "gastou custou elevou cortou demitiu processou decidiu revelou mostrou anunciou confirmou libertou libertado "
        "liberou impôs recusou acordaram suspendeu retomou entregou recebeu vendeu comprou"
    ),
    date_words="ontem anteontem",
    # "nos" (us) is left out: it is far more often "em" + "os" (in the: "nos Estados Unidos").
    first_person=(
        "eu me mim meu minha meus minhas nós nosso nossa nossos nossas comigo conosco acho creio acredito penso"
    ),
    # "vai" and "vão" make the near future ("vai subir").
    modals=(
        "pode podem poderia poderiam poderá poderão deve devem deveria deveriam deverá deverão vai vão será serão terá "
        "terão quer querem pretende"
    ),
    # "seria", "teria" and their plurals also report the unconfirmed ("teria fugido", has reportedly fled);
    # "alegadamente" is Portugal's "allegedly", "supostamente" Brazil's.
    hedges=(
        "talvez possivelmente provavelmente supostamente alegadamente aparentemente parece parecem suposto suposta "
        "supostos supostas alegado alegada alegados seria seriam teria teriam provável"
    ),
    subjective=(
        "ótimo ótima terrível maravilhoso maravilhosa horrível incrível fantástico fantástica vergonhoso vergonhosa "
        "vergonha inaceitável lamentável triste feliz orgulhoso orgulhosa decepcionante decepcionado melhor pior acho "
        "creio acredito espero esperamos infelizmente"
    ),
)

RUSSIAN = ClaimLexicon(
    # Numerals in the cases they take after a preposition ("из пяти", "около трех тысяч"), with and without ё.
    number_words=(
        "один одна одно два две двух три трех трёх четыре пять пяти шесть семь восемь девять десять двадцать тридцать "
        "сорок пятьдесят сто сотни сотен тысяча тысячи тысяч тыс миллион миллиона миллионов млн миллиард миллиарда "
        "миллиардов млрд триллион трлн десятки десятков половина половину процент процента процентов"
    ),
    # "чем" (than) is left out: it is also "with what", and "больше чем" counts through "больше". The verbs of
    # change are intransitive ("цены выросли", "снизился"); the transitive "снизил" (cut) is a fact verb.
    comparatives=(
        "больше более меньше менее выше ниже самый самая самое самые самых крупнейший крупнейшая крупнейшее крупнейшие "
        "крупнейшей крупнейшего рекорд рекордный рекордная рекордные вырос выросла выросло выросли снизился снизилась "
        "снизилось снизились сократился сократилась сократилось сократились увеличился увеличилась увеличилось "
        "увеличились упал упала упало упали вдвое рост снижение сравнению"
    ),
    # The past tense in the genders the press reports most (masculine, feminine, plural) and the short passive
    # participles ("убит", "задержаны"), with and without ё.
    fact_verbs=(
        "убит убита убиты убили погиб погибла погибли умер умерла ранен ранены задержан задержаны задержали арестован "
        "арестованы обвинен обвинён осужден осуждён приговорен приговорён приговорил проголосовали подписал подписала "
        "подписали одобрил одобрили утвердил утвердили принял приняла приняли отклонил отклонили запретил запретили "
        "атаковали нанесли захватили выиграл победил проиграл заплатил потратил повысил снизил уволил постановил "
        "показал показали подтвердил подтвердила подтвердили объявил объявила объявили освободил освободили ввел ввёл "
        "ввели отказался отказались договорились приостановил возобновил получил получила получили продал купил"
    ),
    # "накануне" (the day before) is how the press writes "yesterday" of an event.
    date_words="вчера позавчера накануне",
    first_person=(
        "я меня мне мной мы нас нам нами мой моя моё мое мою мои моего моей моих наш наша наше нашу наши нашего нашей "
        "наших считаю считаем думаю"
    ),
    # "может" is "can", "may" and "maybe" ("может быть"): a modal for all three. "бы" makes the conditional
    # (would); its short "б" is left out as too rare to be worth a one-letter word.
    modals=(
        "будет будут буду будем бы может могут мог могла могли сможет смогут должен должна должно должны нужно надо "
        "хочет хотят намерен намерена намерены планирует планируют собирается"
    ),
    # "видимому" is "по-видимому" (apparently), split at its hyphen.
    hedges=(
        "возможно вероятно вероятнее видимо видимому якобы предположительно кажется похоже наверное неясно "
        "предполагаемый предполагаемая предполагаемого предполагаемые предполагаемой"
    ),
    # "рада" (glad) is left out: it is also the Rada, Ukraine's parliament ("Верховная рада").
    subjective=(
        "ужасно ужасный ужасная ужасные прекрасно прекрасный отлично замечательно великолепно позор позорно "
        "возмутительно недопустимо неприемлемо жаль сожалению надеюсь надеемся считаю думаю уверен уверена горжусь рад "
        "рады лучший лучшая лучшее лучшие худший худшая худшее худшие"
    ),
)

DUTCH = ClaimLexicon(
    # "één" is the number, written with its accents to tell it from the article "een".
    number_words=(
        "één twee drie vier vijf zes zeven acht negen tien elf twaalf twintig dertig veertig vijftig honderd honderden "
        "duizend duizenden miljoen miljoenen miljard miljarden biljoen dozijn tientallen helft procent"
    ),
    comparatives=(
        "meer minder meeste minste grootste hoogste laagste kleinste record verdubbeld verdrievoudigd gehalveerd "
        "gestegen steeg stegen gedaald daalde daalden gegroeid groeide toename afname stijging daling vergeleken"
    ),
    # "aangenomen" (passed) is left out: it is as often "assumed" ("er wordt aangenomen dat"), a hedge.
    fact_verbs=(
        "gedood doodde omgekomen stierf stierven overleden overleed gewond gewonden gearresteerd aangehouden opgepakt "
        "aangeklaagd veroordeeld veroordeelde gestemd stemde stemden ondertekend ondertekende tekende goedgekeurd "
        "verworpen verwierp verboden verbood aangevallen veroverd veroverde ingenomen gewonnen verloren verloor "
        "betaald betaalde uitgegeven kostte verhoogd verhoogde verlaagd verlaagde ontslagen oordeelde toonde "
        "bevestigde bevestigd aangekondigd kondigde vrijgelaten opgelegd beschuldigd weigerde weigerden akkoord "
        "geleverd leverde ontvangen ontving verkocht gekocht kocht"
    ),
    date_words="gisteren eergisteren",
    first_person="ik mij me mijn wij we ons onze",
    # "zou" and "zouden" also report hearsay ("zou hebben gelogen", has reportedly lied) but are first "would":
    # they count once, as modals, and hearsay proper is "naar verluidt" and "vermeende". "gaat" (going to) is
    # left out for "het gaat om" (it is about).
    modals="zal zullen zou zouden kan kunnen kon konden moet moeten wil willen verwacht",
    # "verluidt" is "naar verluidt" (reportedly).
    hedges=(
        "misschien mogelijk mogelijke waarschijnlijk vermoedelijk vermoedelijke kennelijk blijkbaar verluidt zogenaamd "
        "zogenaamde vermeende vermeend lijkt lijken schijnt onduidelijk"
    ),
    # "vind" is "ik vind" (I think).
    subjective=(
        "geweldig verschrikkelijk prachtig vreselijk fantastisch schandalig onaanvaardbaar beschamend ongelooflijk "
        "verdrietig blij trots teleurstellend teleurgesteld beste slechtste hoop hopen denk vind geloof helaas"
    ),
)

POLISH = ClaimLexicon(
    # "proc." and "tys." are how the press abbreviates per cent and thousand ("5 proc.").
    number_words=(
        "jeden jedna jedno dwa dwie dwóch trzy trzech cztery czterech pięć pięciu sześć siedem osiem dziewięć dziesięć "
        "dwadzieścia trzydzieści czterdzieści pięćdziesiąt sto setki setek tysiąc tysiące tysięcy tys milion miliony "
        "milionów mln miliard miliardy miliardów mld bilion połowa procent proc"
    ),
    comparatives=(
        "więcej mniej ponad niż bardziej najwięcej największy największa największe największych rekord rekordowy "
        "rekordowa rekordowe wzrósł wzrosła wzrosło wzrosły wzrost spadł spadła spadło spadły spadek podwoił podwoiła "
        "dwukrotnie porównaniu"
    ),
    # The past tense in the masculine, feminine and plural, and the impersonal "-no" forms the press reports
    # arrests and killings in ("zatrzymano", "aresztowano").
    fact_verbs=(
        "zginął zginęła zginęli zabił zabili zabitych zmarł zmarła zmarli ranny ranni rannych zatrzymany zatrzymana "
        "zatrzymani zatrzymano zatrzymał zatrzymała zatrzymali aresztowany aresztowano oskarżony oskarżona oskarżeni "
        "skazany skazana skazani skazał zagłosowali głosowali podpisał podpisała podpisali przyjął przyjęła przyjęli "
        "zatwierdził zatwierdziła odrzucił odrzuciła odrzucili zakazał zaatakował zaatakowali przejęli zajęli wygrał "
        "wygrała wygrali przegrał przegrała zapłacił zapłaciła wydał wydała podniósł obniżył zwolnił orzekł wykazał "
        "wykazała wykazały potwierdził potwierdziła potwierdzili ogłosił ogłosiła ogłosili nałożył nałożyła nałożyli "
        "uwolnił odmówił odmówiła odmówili porozumieli wstrzymał wznowił dostarczył otrzymał otrzymała otrzymali "
        "sprzedał kupił"
    ),
    date_words="wczoraj przedwczoraj",
    first_person=(
        "ja mnie mi mną my nas nam nami mój moja moje mojego mojej moim moich nasz nasza nasze naszego naszej naszym "
        "naszych uważam uważamy sądzę myślę"
    ),
    # "ma" (is to: "ma zostać podpisana") is left out: it is first "has". "może" is a hedge (below).
    modals=(
        "będzie będą będę będziemy powinien powinna powinno powinni powinny musi muszą mógłby mogłaby mogłoby mogliby "
        "mogą chce chcą planuje planują zamierza zamierzają"
    ),
    # "może" is "maybe" ("być może") and "may" as well as "can": a hedge. "wydaje" is left out: its "seems"
    # needs "się", which nearly every sentence holds, and alone it is "issues" or "spends".
    hedges=(
        "może prawdopodobnie najprawdopodobniej możliwe przypuszczalnie rzekomo rzekomy rzekoma rzekome podobno chyba "
        "domniemany domniemana niejasne"
    ),
    # "nadzieję" is "mam nadzieję" (I hope).
    subjective=(
        "wspaniały wspaniała wspaniałe straszny straszna straszne okropny okropna okropne niesamowity niesamowita "
        "niesamowite skandaliczny skandaliczna skandaliczne haniebny haniebna haniebne niedopuszczalny "
        "niedopuszczalna niedopuszczalne smutny smutna smutne szczęśliwy dumny dumna dumni rozczarowujący "
        "rozczarowująca rozczarowujące rozczarowany rozczarowana najlepszy najlepsza najlepsze najgorszy najgorsza "
        "najgorsze uważam myślę sądzę nadzieję niestety wierzę"
    ),
)

UKRAINIAN = ClaimLexicon(
    # "п'ять", "дев'ять" and "п'ятдесят" are written here with the modifier letter apostrophe (ʼ), which keeps
    # a word whole; with a typewriter or curly one the split at punctuation leaves "ять", as it does of
    # "пам'ять" (memory), so only this spelling counts. "сім" (seven) is left out: "сім'я" (family) splits
    # into it.
    number_words=(
        "один одна одне два дві двох три трьох чотири пʼять шість вісім девʼять десять двадцять тридцять сорок "
        "пʼятдесят сто сотні сотень тисяча тисячі тисяч тис мільйон мільйона мільйонів млн мільярд мільярда мільярдів "
        "млрд трильйон трлн десятки десятків половина відсоток відсотка відсотки відсотків"
    ),
    # "ніж" (than) is left out: it is also "knife", and "більше ніж" counts through "більше".
    comparatives=(
        "більше більш менше менш понад вище нижче найбільший найбільша найбільше найбільші найбільшого рекорд "
        "рекордний рекордна рекордні зріс зросла зросло зросли знизився знизилася знизилося знизилися скоротився "
        "скоротилася скоротилося скоротилися збільшився збільшилася збільшилося збільшилися впав впала впало впали "
        "вдвічі зростання зниження порівняно"
    ),
    # The past tense in the masculine, feminine and plural, and the impersonal "-но"/"-то" forms ("вбито",
    # "затримано").
    fact_verbs=(
        "загинув загинула загинули вбив вбили вбито убито помер померла померли поранено поранені поранений затримали "
        "затримано затриманий заарештували заарештовано засудив засудили засуджено проголосували підписав підписала "
        "підписали ухвалив ухвалила ухвалили схвалив схвалила схвалили відхилив відхилила відхилили заборонив "
        "заборонила заборонили атакували завдали захопили виграв виграла переміг перемогла програв програла заплатив "
        "сплатив витратив підвищив підвищила знизив знизила звільнив звільнили показав показали підтвердив підтвердила "
        "підтвердили оголосив оголосила оголосили запровадив запровадили відмовився відмовилася відмовилися домовилися "
        "погодився зупинив відновив отримав отримала отримали продав купив"
    ),
    date_words="вчора учора позавчора напередодні",
    # "я" is also what the split at an apostrophe leaves of "ім'я" (name) and "сім'я" (family); kept, as it is
    # the pronoun an opinion is given in.
    first_person=(
        "я мене мені мною ми нас нам нами мій моя моє мою мої мого моєї моїх наш наша наше нашу наші нашого нашої "
        "наших вважаю вважаємо думаю"
    ),
    # "би" makes the conditional (would); its short "б" is left out, as "б'ють" (strike) splits into it.
    # "має" (is to) is left out: it is first "has".
    modals=(
        "буде будуть буду будемо би може можуть міг могла могли зможе зможуть повинен повинна повинні мусить потрібно "
        "треба хоче хочуть планує планують"
    ),
    hedges="можливо ймовірно імовірно вірогідно мабуть нібито начебто схоже здається неясно незрозуміло",
    # "рада" (glad) is left out for the Rada, the parliament; "шкода" (pity) for "шкода" (harm).
    subjective=(
        "жахливо жахливий жахлива жахливі чудово чудовий прекрасно відмінно ганьба ганебно обурливо неприпустимо "
        "неприйнятно жаль сподіваюся сподіваюсь вважаю думаю впевнений впевнена пишаюся радий раді найкращий найкраща "
        "найкраще найкращі найгірший найгірша найгірше найгірші"
    ),
)

CLAIM_LEXICONS: dict[str, ClaimLexicon] = {
    "de": GERMAN,
    "fr": FRENCH,
    "es": SPANISH,
    "it": ITALIAN,
    "pt": PORTUGUESE,
    "ru": RUSSIAN,
    "nl": DUTCH,
    "pl": POLISH,
    "uk": UKRAINIAN,
}
"""By ISO 639-1 code: the languages with a speech lexicon other than English, whose lists are in claims.py."""
