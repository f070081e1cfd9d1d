"""The words quote attribution reads, one lexicon per language: speech verbs, "according to", determiners,
pronouns, roles, the openers that are never names. `builder.enrich.quotes` builds its patterns from a lexicon and
holds no word of any language itself.

Word lists are "|"-separated, each entry taken literally; an entry may hold spaces ("points out", "a fait
savoir", "по словам"). Verbs, determiners and pronouns are written in lower case: the patterns accept them with
a capital too, as at a sentence's start; the lists of capitalised words (openers, roles, names that are not
people) are written as printed. The English lexicon is the set of lists the module grew up with, on the WCXB
pages; the others were written from how each language's press attributes quotes, and are tested on handwritten
paragraphs (tests/test_enrich_quotes_languages.py), not scored on labelled pages.
"""

from __future__ import annotations

from dataclasses import dataclass

_WEEKDAYS_EN = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_MONTHS_EN = "January|February|March|April|May|June|July|August|September|October|November|December"


@dataclass(frozen=True)
class SpeechLexicon:
    """Everything language-specific that finding a quote's speaker and speech verb needs."""

    cues: str
    """Speech verbs that attribute a quote before it ("Merz sagte: „…“") or after it ("…“, sagte Merz"), in the
    forms the press uses: "said|says|told", "sagte|erklärte", "заявил|заявила|заявили"."""
    determiners: str
    """Words that open a speaker's noun phrase that is no name ("the ministry", "der Minister", "el Gobierno")."""
    pronouns: str
    """Subject pronouns that are a speaker to resolve to a name ("he said", "sagte er", "— сказал он")."""
    masculine_pronouns: str
    feminine_pronouns: str
    """Those of `pronouns` that refer to a man or to a woman only: "er" but not "sie", which is also "they"."""
    clause_words: str
    """Words never inside a speaker's noun phrase: conjunctions, pronouns, common verbs; one of them makes the
    phrase a clause."""
    np_last_stop: str
    """Words a noun phrase cannot end with (prepositions: "the head of")."""
    np_end: str
    """Words that may follow a speaker's noun phrase: relatives, prepositions, days ("said the minister on Monday"),
    and in German and Dutch the verb after a fronted "Laut Merz ist ...". The other languages leave their "of" out
    (de, di, do), so that a phrase runs on to the name it holds ("le conseiller du Kremlin Iouri Ouchakov")."""
    adverbs: str
    """Words between a speaker and its verb ("Merz also said", "Trump has said", "Песков в четверг заявил")."""
    titles: str
    """Titles before a name, with their full stop when they take one ("Dr.", "Mme")."""
    capitals: str
    """A regex character class body: the capital letters a name starts with."""
    particles: str
    """Lower-case words inside a name ("bin", "von der", "da")."""
    not_subject: str
    """Capitalised words that open sentences and are never a speaker's name."""
    not_names: str
    """Capitalised words that are no person's name ("Monday", "President", "Kremlin"); a name run loses them at its
    start, and a run made of one of them is no name."""
    role_words: str
    """Titles of office before a name: "Kremlin aide Yuri Ushakov" is Yuri Ushakov."""
    relatives: str
    """Relative pronouns between a speaker and its verb ("Nate, who said")."""
    and_words: str
    """Joins two names into one credit ("Vogel and Black")."""
    of_words: str
    """Between a name and its affiliation in an interview heading ("Uli Lorimer of Native Plant Trust:")."""
    title_small_words: str
    """Function words a title in Title Case leaves in lower case."""
    modified_word_exceptions: str
    """Function words that may follow a one- or two-word quote that is speech; any other lower-case word after it
    is the noun it modifies ('a "cleanup" process')."""
    neuter_pronouns: str = ""
    """A pronoun that stands for a body or a text, not a person ("It added: '…'" after "the ministry said"): the
    previous quote's speaker when that is a determiner phrase, else no attribution at all."""
    lowercase: str = "a-z"
    """A regex character class body: the lower-case letters, for that test."""
    according_to: str = ""
    """Phrases that credit what follows ("according to", "laut", "selon", "по словам")."""
    tail_only_cues: str = ""
    """Verbs that introduce speech only right after a quote, being often something else before one."""
    near_only_cues: str = ""
    """Cues that attribute a quote only next to it, never from further on in its sentence ("read")."""
    object_cues: str = ""
    """Cues whose next word is who was addressed, never the speaker ("told Reuters"): no subject follows them."""
    cue_pattern: str = ""
    """A regex alternative added to the cues: a verb that is a cue only in some contexts."""
    far_cue_pattern: str = ""
    """The same for the cues that attribute from further on in a sentence."""
    adverb_suffix: str = ""
    """The ending that makes any word an adverb between a speaker and its verb ("ly", "ment", "mente")."""
    auxiliaries: str = ""
    """Auxiliaries that make compound cues with `participles` ("a déclaré", "ha detto", "ha dicho")."""
    participles: str = ""
    inverted_pronouns: str = ""
    """Pronouns hyphenated after the verb in an attribution ("a-t-il dit", "ajoute-t-elle", "dit-il")."""
    pronoun_cues: str = ""
    """Cues that hold their pronoun ("selon lui", "по его словам"): credited like "he said", with no speaker span."""
    subject_dropped: bool = False
    """Whether a speech verb alone attributes a quote to the person last named ("«…», añadió."), as in languages
    that leave the subject pronoun out."""
    between_cue_and_subject: str = ""
    """Words between a verb and the subject after it ("a déclaré jeudi Emmanuel Macron", "dijo este lunes el
    ministro")."""
    cue_before_subject: bool = False
    """Whether the verb may come before its subject ahead of a quote as well as after it: "Am Montag sagte Merz:
    „…“" (German puts the verb second), "Как заявил Песков, «…»"."""
    verb_second: bool = False
    """Whether a subject right after the verb wins over the word before it ("Im Interview sagte Merz": Interview
    is no speaker), as in German, where the verb comes second and only the subject may stand on either side."""
    prepositions: str = ""
    """Words after which a capitalised word is a noun and no subject (German capitalises every noun: "Im
    Interview", "mit der Zeitung")."""
    role_endings: str = ""
    """Endings of compound role words ("Bundeskanzler", "Kreml-Berater", "Außenministerin"), in lower case."""
    role_nouns: str = ""
    """Roles in lower case between an employer and a name ("MIT Sloan professor Thomas W. Malone", "Trump adviser
    Peter Navarro"): the speaker is the person named after one."""
    narrow_determiner_phrases: bool = True
    """Whether a determiner phrase is narrowed to a person's name it ends with or that follows it in apposition
    ("der russische Präsident Wladimir Putin", "el portavoz del Kremlin, Dmitri Peskov,")."""
    tail_gap: str = ",—–-"
    """What may stand between a quote and the attribution after it besides spaces: a comma, and in many languages
    a dash («…», — сказал он; „…“ – sagte er)."""
    speech_objects: str = ""
    """Nouns for what is said that a speaker phrase may open with, its subject following without a relative pronoun
    ("One of the questions | people | ask me is", "The first thing | Smith | said was"): the subject speaks."""
    passive_by: str = ""
    """The word that names the agent of a passive speech verb ("A common question asked | by | candidates is"), who
    speaks when the phrase before the verb is what was said (`speech_objects`)."""
    quantifiers: str = ""
    """Words before a bare plural agent ("by many readers")."""
    naming: str = ""
    """Phrases that introduce a name or a title in quote marks right before it, which is no one's speech ("a study
    titled '…'", "the kiosks, known as '…'", a name's gloss: "which translates to '…'")."""
    naming_after_thing: str = ""
    """Words that name so only after an indefinite thing (`naming_thing`): "a feature called '…'", where "what Trump
    called '…'" quotes him."""
    naming_thing: str = ""
    """A regex of an indefinite thing before a word of `naming_after_thing` ("a new feature ", "something ")."""
    spaced_openers: str = ""
    """Opening marks set off from the quote by a space (French « … »)."""
    spaced_closers: str = ""


ENGLISH = SpeechLexicon(
    cues=(
        "said|says|say|told|tells|added|adds|asked|asks|explained|explains|noted|notes|stated|states|wrote|writes|"
        "continued|continues|concluded|concludes|argued|argues|insisted|insists|warned|warns|cautioned|cautions|"
        "recalled|recalls|agreed|agrees|acknowledged|acknowledges|admitted|admits|claimed|claims|inquired|replied|"
        "replies|responded|responds|answered|answers|reported|reports|stressed|stresses|emphasized|emphasizes|"
        "emphasised|emphasises|announced|announces|confirmed|confirms|declared|declares|predicted|predicts|"
        "observed|observes|remarked|commented|comments|mentioned|shared|advised|advises|urged|urges|read|reads|"
        "points out|pointed out|counters|countered|tweeted|posted|joked|quipped|conceded|vowed|promised|lamented|"
        "complained|recommended|recommends|suggested|suggests|ask|remarks|went on to say|went on to add"
    ),
    # "called" only when it characterises something ("called it 'a disaster'", "called the move 'reckless'"):
    # "called the 'rough cut'", a determiner right before the quote, names a thing.
    # "puts it" only when its clause ends there ("As Calvo puts it, ..."): "put it in a box" is no speech.
    cue_pattern=(
        r"called(?=\s+(?:(?:it|him|her|them)\b|(?:the|this|that|his|their|its)\s+\w))"
        r"|puts?\s+it(?=\s*(?:[,.:;—–]|$))"
    ),
    # Further on in a sentence, not before a noun either.
    far_cue_pattern=r"called(?=\s+(?:it|him|her|them)\b)",
    speech_objects=(
        "question|questions|thing|things|word|words|advice|answer|answers|message|messages|lesson|lessons|mantra|"
        "motto|joke|jokes|line|lines|phrase|point|points|comment|comments|reply|response|promise|warning"
    ),
    passive_by="by",
    quantifiers="many|some|most|several|other|few|all",
    # "called" right before a quote characterises after a speaker ("what Trump called 'a witch hunt'") but names
    # after an indefinite thing ("a feature called 'super mic'", "something called 'X'").
    naming=(
        "titled|entitled|named|nicknamed|dubbed|known as|so-called|labeled|labelled|branded|translates to|"
        "translated to|translating to|translates as|translated as|translating as"
    ),
    naming_after_thing="called",
    naming_thing=r"(?:a|an)\s+(?:[\w\-]+\s+){1,2}|something\s+|anything\s+",
    # Before a quote, "described" is more often a characterisation ("described its aims as getting rid of the
    # 'root causes'") and "shares" a noun.
    tail_only_cues=(
        "describes|described|offers|offered|shares|share|clarifies|clarified|reveals|revealed|instructs|instructed|"
        "elaborates|elaborated|muses|mused|enthuses|enthused|recounts|recounted"
    ),
    # "the “microservices mania” for a while, until I read".
    near_only_cues="read|reads",
    object_cues="told|tells",
    # "Per this library guide:" introduces a source as "according to" does; "5 per cent" stands nowhere near a quote.
    according_to="according to|per",
    determiners="the|a|an|one|this|his|her|their|its|our|another",
    pronouns="he|she|they",
    masculine_pronouns="he",
    feminine_pronouns="she",
    neuter_pronouns="it",
    # A verb or a bare number other than a year makes a clause ("The outcome of this step is called the 'rough
    # cut'", "The specification defines 67 distinct tokenizer states").
    clause_words=(
        "that|which|who|what|and|but|he|she|it|they|we|you|I|is|are|was|were|be|been|not|will|can|could|"
        "should|does|did|do"
    ),
    np_last_stop="of|for|in|on|at|to|with|from|by|about|than",
    np_end="who|which|that|as|after|when|while|in|on|at|from|during|of|to|with",
    adverbs="also|later|then|previously|once|further|again|recently|has|had|have|would|will",
    adverb_suffix="ly",
    titles="Dr.|Mr.|Mrs.|Ms.|Prof.|Gov.|Sen.|Rep.|Gen.|Col.|Lt.|Sgt.|Capt.|Rev.|St.",
    # Latin-1 and the common Central European capitals ("Özcan", "Łukasz").
    capitals="A-ZÀ-ÖØ-ÞŁŚŠŽČĆŘ",
    particles="al|el|bin|ibn|abu|van der|van den|van|von der|von|de la|de|da|dos|del|der|di|du|la|le",
    not_subject=(
        "It|Its|This|That|There|These|Those|Here|What|Which|Who|When|Where|Why|How|In|On|At|As|For|But|And|So|"
        "Then|Now|If|We|You"
    ),
    not_names=(
        "The|A|An|In|On|At|For|As|After|Before|When|While|If|But|And|So|Yet|Still|Even|Also|However|Meanwhile|"
        "This|That|These|Those|There|Here|It|Its|He|She|They|We|I|You|Our|Their|His|Her|My|Your|Some|Many|Most|"
        f"Several|{_WEEKDAYS_EN}|{_MONTHS_EN}|Mr|Mrs|Ms|Dr|Prof|President|Minister|Prime|Chancellor|Secretary|"
        "Officer|Senator|Governor|Chief|Director|Professor|Why|What|How|Who|Where|One|Two|Three|AI|US|UK|EU|UN"
    ),
    role_words=(
        "President|Minister|Prime|Chancellor|Secretary|Officer|Senator|Governor|Chief|Director|Professor|Mayor|"
        "Judge|Justice|General|Commissioner|Ambassador|Spokesman|Spokeswoman|Spokesperson|Leader|Speaker|Sheriff|"
        "Coach|Founder|Co-Founder|Cofounder|Owner|Co-Owner|Manager|Planner|Designer|Editor|Analyst|Economist|"
        "Researcher|Scientist|Engineer|Partner|Executive|CEO|CFO|CTO|COO|Chairman|Chairwoman|Chair|Head|Lead|Vice|"
        "Deputy|Senior|Principal|Associate|Assistant|Adviser|Advisor|Aide|Consultant|Strategist|Author|Curator"
    ),
    role_nouns=(
        "professor|director|founder|co-founder|cofounder|owner|co-owner|manager|editor|analyst|economist|"
        "researcher|scientist|engineer|partner|executive|chairman|chairwoman|chair|head|spokesperson|spokesman|"
        "spokeswoman|adviser|advisor|aide|consultant|expert|author|president|minister|secretary|senator|governor|"
        "mayor|chief|officer|official|lawyer|attorney|judge|coach|captain|designer|planner|curator|historian|dean|"
        "teacher|doctor|physician|leader|commissioner|ambassador|envoy|representative|strategist|reporter|"
        "correspondent|producer|writer|artist|architect|specialist|ceo|cfo|cto|coo"
    ),
    relatives="that|who|which",
    and_words="and|&",
    of_words="of",
    # English's rules never read a dash before an attribution, and kept "the Kremlin aide Yuri Ushakov" whole.
    tail_gap=",",
    narrow_determiner_phrases=False,
    title_small_words="a|an|the|and|or|but|nor|of|to|in|on|at|by|for|from|with|into|over|under|as|vs|is|are",
    modified_word_exceptions=(
        "to|on|of|in|at|for|from|with|by|as|and|or|but|that|which|who|than|about|over|after|before|into"
    ),
)

_LATIN_CAPITALS = "A-ZÀ-ÖØ-ÞŁŚŠŽČĆŘŒ"
_LATIN_LOWERCASE = "a-zß-öø-ÿœ"
_ENGLISH_SMALL_WORDS = ENGLISH.title_small_words

_WEEKDAYS_DE = "Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonnabend|Sonntag"
_MONTHS_DE = "Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember"
_GERMAN_ROLES = (
    "kanzler|kanzlerin|präsident|präsidentin|minister|ministerin|sprecher|sprecherin|berater|beraterin|chef|"
    "chefin|vorsitzende|vorsitzender|sekretär|sekretärin|botschafter|botschafterin|bürgermeister|"
    "bürgermeisterin|experte|expertin|direktor|direktorin|leiter|leiterin|kommissar|kommissarin|abgeordnete|"
    "abgeordneter|politiker|politikerin|analyst|analystin|ökonom|ökonomin|professor|professorin|trainer|"
    "trainerin|regierungschef|regierungschefin|staatschef|staatschefin|generalsekretär|generalsekretärin"
)

GERMAN = SpeechLexicon(
    # Präteritum, as news reports speech, and the present; singular and plural. "teilte" and "fügte" lose their
    # particle ("teilte der Kreml mit", "fügte er hinzu"); "zufolge" follows its source ("Dem Bericht zufolge").
    cues=(
        "sagte|sagten|sagt|sagen|erklärte|erklärten|erklärt|betonte|betonten|betont|schrieb|schrieben|schreibt|"
        "meinte|meinten|meint|warnte|warnten|warnt|kritisierte|kritisierten|kritisiert|forderte|forderten|fordert|"
        "bekräftigte|bekräftigt|unterstrich|unterstreicht|ergänzte|ergänzt|erläuterte|erläutert|versicherte|"
        "versichert|verkündete|verkündet|bestätigte|bestätigten|bestätigt|antwortete|antwortet|entgegnete|"
        "entgegnet|argumentierte|berichtete|berichteten|berichtet|beklagte|beklagt|mahnte|mahnt|fragte|fragt|"
        "räumte|gestand|fügte|fügten|teilte|teilten|twitterte|zufolge|gesagt|geschrieben|gewarnt|"
        "erklären|betonen|schreiben|meinen|warnen|kritisieren|fordern|berichten"
    ),
    # "hieß es aus dem Ministerium": an impersonal "it was said", the source after its preposition.
    tail_only_cues="so|hieß es aus|hieß es in|hieß es bei|hieß es von|verlautete aus",
    # "nannte den Beschluss „einen Fehler“", as English "called the move 'reckless'": only before what it names.
    cue_pattern=r"(?:nannte|nennt)(?=\s+(?:ihn|sie|es|den|die|das|diesen|diese|dieses|seinen|seine|ihren|ihre)\s)",
    near_only_cues="teilte|teilten|räumte|fügte|fügten|meint|meinte",
    according_to="laut",
    determiners=(
        "der|die|das|ein|eine|kein|keine|dieser|diese|dieses|sein|seine|ihr|ihre|unser|unsere|dem|den|einem|einer"
    ),
    pronouns="er|sie",
    masculine_pronouns="er",
    feminine_pronouns="",
    clause_words=(
        "dass|und|aber|oder|weil|wenn|als|ob|er|sie|es|wir|ihr|ich|du|man|ist|sind|war|waren|sei|seien|wird|"
        "werden|wurde|wurden|hat|haben|hatte|hatten|habe|kann|könne|soll|solle|muss|müsse|nicht|auch|sich"
    ),
    np_last_stop="von|vom|für|in|im|an|am|auf|mit|aus|bei|zu|zum|zur|über|nach|vor|um|des|der|dem|den|die|das|und",
    # "sagte der Minister am Montag", "teilte das Ministerium mit", "Laut Merz ist ...".
    np_end=(
        "der|die|das|dem|den|am|im|in|an|auf|bei|beim|mit|nach|vor|vom|zu|zum|zur|gegenüber|während|"
        "dass|und|auch|zudem|nun|jetzt|heute|gestern|bereits|ist|sind|sei|seien|hat|habe|haben|wird|werden|war|"
        "könne|müsse|solle|gebe|gibt"
    ),
    adverbs=(
        "auch|zudem|außerdem|bereits|schon|noch|nun|jetzt|später|dann|erneut|ebenfalls|hat|habe|hatte|haben|"
        "hatten|am|gestern|heute|daraufhin|zuvor|dazu"
    ),
    between_cue_and_subject="auch|zudem|dazu|außerdem|nun|jetzt|bereits|erneut|damals|heute|gestern",
    titles="Dr.|Prof.",
    capitals=_LATIN_CAPITALS,
    particles="von|von der|von und zu|van|van der|de|zu",
    not_subject=(
        "Es|Das|Dies|Diese|Dieser|Dieses|Der|Die|Den|Dem|Ein|Eine|Einer|Er|Sie|Wir|Ich|Ihr|Man|Dann|Danach|Dazu|"
        "Damit|Dabei|Daher|Deshalb|Doch|Aber|Und|Oder|Auch|Zudem|Außerdem|Nun|Jetzt|Heute|Gestern|Hier|Dort|So|"
        "Wie|Was|Wer|Wo|Warum|Wann|Als|Wenn|Ob|Nach|Vor|Im|Am|In|An|Auf|Bei|Beim|Mit|Seit|Laut|Zum|Zur|Für|"
        f"Gegen|Über|Unter|Während|Trotz|Bislang|Bisher|Zuvor|Später|Noch|Schon|Immer|{_WEEKDAYS_DE}|{_MONTHS_DE}"
    ),
    not_names=(
        "Der|Die|Das|Den|Dem|Des|Ein|Eine|Einer|Es|Er|Sie|Wir|Ich|Ihr|Man|Im|Am|In|An|Auf|Bei|Mit|Nach|Vor|Laut|"
        "Zum|Zur|Für|Und|Aber|Auch|Doch|So|Dann|Nun|Jetzt|Heute|Gestern|Herr|Frau|Dr|Prof|Kanzler|Kanzlerin|"
        "Präsident|Präsidentin|Minister|Ministerin|Sprecher|Sprecherin|Kreml|Regierung|Bundesregierung|"
        f"Journalisten|Reportern|Medien|Zeitung|Interview|{_WEEKDAYS_DE}|{_MONTHS_DE}|EU|UN|USA|US|NATO"
    ),
    role_words="Herr|Frau|Kanzler|Kanzlerin|Präsident|Präsidentin|Minister|Ministerin|Papst|Staatssekretär",
    role_endings=_GERMAN_ROLES,
    relatives="der|die|das|welcher|welche",
    and_words="und|&",
    of_words="von|vom",
    title_small_words=f"{_ENGLISH_SMALL_WORDS}|der|die|das|und|oder|von|vom|zu|zum|zur|im|am|für|mit|aus|bei|des",
    modified_word_exceptions=(
        "und|oder|aber|als|wie|zu|auf|in|im|an|am|von|vom|mit|für|bei|aus|nach|über|dass|sei|ist|sind|war|hat|"
        "habe|sagte|sagt|so|laut|der|die|das|den|dem|des|ein|eine|nicht|auch"
    ),
    lowercase=_LATIN_LOWERCASE,
    cue_before_subject=True,
    verb_second=True,
    prepositions=(
        "an|am|auf|aus|bei|beim|durch|für|gegen|gegenüber|hinter|im|in|mit|nach|neben|ohne|seit|über|um|unter|"
        "von|vom|vor|während|wegen|zu|zum|zur|trotz|dank|zwischen|laut"
    ),
)

_WEEKDAYS_FR = "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
_MONTHS_FR = "Janvier|Février|Mars|Avril|Mai|Juin|Juillet|Août|Septembre|Octobre|Novembre|Décembre"
_FRENCH_PARTICIPLES = (
    "déclaré|dit|affirmé|ajouté|expliqué|indiqué|souligné|assuré|estimé|précisé|martelé|lancé|confié|répondu|"
    "averti|insisté|reconnu|poursuivi|conclu|annoncé|écrit|jugé|dénoncé|rappelé|prévenu|commenté|raconté|admis|"
    "noté|observé|relevé|résumé|glissé|tranché|regretté|plaidé|réagi|déploré|promis|avancé|détaillé|témoigné|"
    "confirmé|demandé|tweeté|fait savoir|répété"
)

FRENCH = SpeechLexicon(
    cues=(
        "déclare|déclarent|déclara|dit|disent|affirme|affirment|affirma|ajoute|ajoutent|ajouta|explique|"
        "expliquent|expliqua|indique|indiquent|souligne|soulignent|assure|assurent|estime|estiment|précise|"
        "précisent|martèle|confie|répond|répondent|répondit|avertit|insiste|reconnaît|reconnait|poursuit|conclut|"
        "annonce|annoncent|écrit|écrivent|dénonce|rappelle|prévient|commente|raconte|admet|observe|relève|"
        "regrette|plaide|réagit|déplore|promet|détaille|témoigne|confirme|s'exclame|s’exclame|note|juge|lance|"
        "glisse|tranche|résume|avance"
    ),
    # Nouns as often as verbs ("la note", "le juge").
    near_only_cues="note|juge|lance|glisse|tranche|résume|avance",
    auxiliaries="a|ont|avait|avaient|aurait",
    participles=_FRENCH_PARTICIPLES,
    inverted_pronouns="il|elle|ils|elles",
    according_to="selon|d'après|d’après",
    pronoun_cues="selon lui|selon elle|selon eux|d'après lui|d'après elle|d’après lui|d’après elle",
    determiners="le|la|les|un|une|des|ce|cet|cette|ces|son|sa|ses|leur|leurs|notre|nos",
    pronouns="il|elle|ils|elles",
    masculine_pronouns="il",
    feminine_pronouns="elle",
    clause_words=(
        "que|qui|dont|et|mais|ou|il|elle|ils|elles|on|je|nous|vous|est|sont|était|étaient|a|ont|avait|sera|ne|"
        "n'|pas|se|s'est"
    ),
    np_last_stop="de|du|des|d'|à|au|aux|en|dans|sur|pour|par|avec|sans|sous|entre|et|le|la|les",
    np_end=(
        f"qui|que|lors|après|avant|quand|alors|pendant|dans|à|au|aux|devant|en|sur|avec|pour|selon|"
        f"{_WEEKDAYS_FR}|hier|ce|cette|dont"
    ),
    adverbs="également|aussi|encore|ensuite|alors|enfin|déjà|notamment|hier|aujourd'hui|aujourd’hui",
    adverb_suffix="ment",
    between_cue_and_subject=f"{_WEEKDAYS_FR}|hier|aujourd'hui|aujourd’hui|encore|également|aussi|ensuite|enfin",
    titles="M.|MM.|Mme|Mmes|Mlle|Dr|Pr",
    capitals=_LATIN_CAPITALS,
    particles="de|du|des|de la",
    not_subject=(
        "Il|Elle|Ils|Elles|On|Nous|Vous|Je|Ce|Cette|Cela|Ça|Le|La|Les|L'|L’|Un|Une|Des|Mais|Et|Ou|Donc|Alors|"
        "Ensuite|Enfin|Pourtant|Cependant|Selon|Pour|Par|Dans|En|Au|Aux|À|Après|Avant|Depuis|Lors|Quand|Si|"
        "Comme|Où|Qui|Que|Pourquoi|Comment|Sans|Sur|Avec|Chez|Vers|Lundi|Mardi|Mercredi|Jeudi|Vendredi|Samedi|"
        f"Dimanche|Hier|Aujourd'hui|{_MONTHS_FR}"
    ),
    not_names=(
        "Le|La|Les|L'|Un|Une|Des|Il|Elle|Ils|Elles|On|Nous|Vous|Je|Ce|Mais|Et|Selon|Pour|Dans|En|Au|Aux|À|"
        "Après|Avant|Lundi|Mardi|Mercredi|Jeudi|Vendredi|Samedi|Dimanche|M.|Mme|Président|Présidente|Premier|"
        f"Première|Ministre|Kremlin|Élysée|Matignon|Gouvernement|{_MONTHS_FR}|UE|ONU|OTAN|USA"
    ),
    role_words=(
        "Président|Présidente|Premier|Première|Ministre|Porte-parole|Chancelier|Chancelière|Secrétaire|"
        "Directeur|Directrice|Maire|Sénateur|Député|Députée|Ambassadeur|Ambassadrice|Commissaire|Pape|Général"
    ),
    relatives="qui",
    and_words="et|&",
    of_words="de|du",
    title_small_words=(
        f"{_ENGLISH_SMALL_WORDS}|le|la|les|l'|de|du|des|d'|et|à|au|aux|en|un|une|pour|sur|par|dans|avec"
    ),
    modified_word_exceptions=(
        "de|du|des|d'|et|ou|à|au|aux|en|pour|par|sur|dans|que|qui|comme|avec|selon|mais|a|est|ont|sont|qu'|"
        "a-t-il|a-t-elle|dit|déclare|ajoute|affirme|explique"
    ),
    lowercase=_LATIN_LOWERCASE,
    # French sets its guillemets off from the quote by a space, often a non-breaking one: « Notre président ».
    spaced_openers="«",
    spaced_closers="»",
)

_WEEKDAYS_ES = "lunes|martes|miércoles|jueves|viernes|sábado|domingo"
_MONTHS_ES = "Enero|Febrero|Marzo|Abril|Mayo|Junio|Julio|Agosto|Septiembre|Octubre|Noviembre|Diciembre"

SPANISH = SpeechLexicon(
    cues=(
        "dijo|dice|dijeron|dicen|afirmó|afirma|afirmaron|señaló|señala|señalaron|declaró|declara|declararon|"
        "explicó|explica|explicaron|aseguró|asegura|aseguraron|añadió|añade|agregó|agrega|indicó|indica|"
        "manifestó|sostuvo|sostiene|subrayó|subraya|destacó|destaca|advirtió|advierte|insistió|insiste|apuntó|"
        "apunta|recordó|recuerda|reconoció|reconoce|admitió|admite|comentó|comenta|escribió|escribe|respondió|"
        "responde|preguntó|pregunta|concluyó|concluye|expresó|remarcó|enfatizó|criticó|denunció|lamentó|prometió|"
        "anunció|anuncia|confirmó|confirma|relató|relata|contó|precisó|puntualizó|argumentó|defendió|tuiteó"
    ),
    tail_only_cues="cuenta",
    near_only_cues="pregunta|apunta|destaca|recuerda",
    auxiliaries="ha|han|había|habían|habría",
    participles=(
        "dicho|afirmado|señalado|declarado|explicado|asegurado|añadido|agregado|indicado|manifestado|"
        "subrayado|destacado|advertido|insistido|apuntado|recordado|reconocido|admitido|comentado|escrito|"
        "respondido|expresado|criticado|denunciado|lamentado|anunciado|confirmado|precisado"
    ),
    according_to="según|de acuerdo con|a juicio de",
    pronoun_cues="según él|según ella|a su juicio",
    subject_dropped=True,
    determiners="el|la|los|las|un|una|unos|unas|este|esta|estos|estas|ese|esa|su|sus|nuestro|nuestra",
    pronouns="él|ella|ellos|ellas",
    masculine_pronouns="él",
    feminine_pronouns="ella",
    clause_words="que|quien|y|pero|o|él|ella|ellos|ellas|es|son|era|fue|ha|han|había|será|no|se|lo|le|les",
    np_last_stop="de|del|en|a|al|con|por|para|sobre|entre|y|el|la|los|las",
    np_end=(f"que|quien|en|a|al|ante|durante|tras|desde|con|por|para|sobre|este|esta|el|ayer|hoy|según|{_WEEKDAYS_ES}"),
    adverbs="también|además|luego|después|ya|hoy|ayer|recientemente|entonces|incluso",
    adverb_suffix="mente",
    between_cue_and_subject=(
        "este lunes|este martes|este miércoles|este jueves|este viernes|este sábado|este domingo|el lunes|"
        "el martes|el miércoles|el jueves|el viernes|el sábado|el domingo|ayer|hoy|también|además|luego|después"
    ),
    titles="Sr.|Sra.|Dr.|Dra.|D.|Dña.",
    capitals=_LATIN_CAPITALS,
    particles="de|del|de la|de los|de las|y",
    not_subject=(
        "El|La|Los|Las|Un|Una|Este|Esta|Esto|Eso|Ese|Esa|Pero|Y|O|Así|Sin|Con|Por|Para|En|De|Del|Al|Tras|Desde|"
        "Según|Como|Cuando|Si|Que|Qué|Quién|Dónde|Cómo|También|Además|Ayer|Hoy|No|Ya|Él|Ella|Nosotros|Lunes|"
        f"Martes|Miércoles|Jueves|Viernes|Sábado|Domingo|{_MONTHS_ES}"
    ),
    not_names=(
        "El|La|Los|Las|Un|Una|Este|Esta|En|De|Del|Al|Según|Con|Por|Para|Él|Ella|Lunes|Martes|Miércoles|Jueves|"
        "Viernes|Sábado|Domingo|Presidente|Presidenta|Ministro|Ministra|Gobierno|Ejecutivo|Congreso|Moncloa|"
        f"Kremlin|{_MONTHS_ES}|UE|ONU|OTAN|EEUU|EE.UU."
    ),
    role_words=(
        "Presidente|Presidenta|Ministro|Ministra|Portavoz|Secretario|Secretaria|Director|Directora|Jefe|Jefa|"
        "Alcalde|Alcaldesa|Senador|Senadora|Diputado|Diputada|Embajador|Embajadora|Consejero|Consejera|Rey|Papa|"
        "Canciller|Primer|Primera|Vicepresidente|Vicepresidenta|Don|Doña|General"
    ),
    relatives="que|quien",
    and_words="y|e|&",
    of_words="de|del",
    title_small_words=f"{_ENGLISH_SMALL_WORDS}|el|la|los|las|de|del|y|en|un|una|al|con|por|para",
    modified_word_exceptions=(
        "de|del|y|o|en|a|al|con|por|para|que|como|según|pero|es|son|fue|ha|dijo|afirmó|añadió|señaló|explicó"
    ),
    lowercase=_LATIN_LOWERCASE,
)

_WEEKDAYS_IT = "lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica"
_MONTHS_IT = "Gennaio|Febbraio|Marzo|Aprile|Maggio|Giugno|Luglio|Agosto|Settembre|Ottobre|Novembre|Dicembre"

ITALIAN = SpeechLexicon(
    cues=(
        "dice|dicono|disse|dissero|afferma|affermano|spiega|spiegano|aggiunge|aggiungono|sottolinea|"
        "sottolineano|dichiara|dichiarano|commenta|osserva|conclude|scrive|scrivono|racconta|raccontano|"
        "ribadisce|precisa|avverte|assicura|ammette|insiste|ricorda|replica|risponde|attacca|annuncia|denuncia|"
        "evidenzia|rileva|incalza|puntualizza|chiosa|tuona|rimarca"
    ),
    near_only_cues="attacca|tuona|incalza|chiosa|ricorda|replica",
    auxiliaries="ha|hanno|aveva|avevano|avrebbe",
    participles=(
        "detto|dichiarato|aggiunto|spiegato|affermato|sottolineato|commentato|ribadito|precisato|osservato|"
        "concluso|scritto|risposto|replicato|avvertito|annunciato|assicurato|ammesso|ricordato|raccontato|"
        "denunciato|evidenziato|rilevato|attaccato|insistito|twittato|puntualizzato|chiarito|ammonito|confermato"
    ),
    according_to="secondo|stando a|a detta di",
    pronoun_cues="secondo lui|secondo lei|a suo dire|a suo avviso",
    subject_dropped=True,
    determiners="il|lo|la|i|gli|le|un|uno|una|questo|questa|quel|quella|suo|sua",
    pronouns="lui|lei",
    masculine_pronouns="lui",
    feminine_pronouns="lei",
    clause_words="che|chi|e|ma|o|lui|lei|loro|è|sono|era|erano|ha|hanno|aveva|sarà|non|si|ci",
    np_last_stop="di|del|della|dei|degli|delle|a|al|alla|in|nel|nella|con|per|su|sul|sulla|da|dal|dalla|tra|fra|e",
    np_end=(f"che|chi|a|al|alla|ai|in|nel|nella|durante|dopo|prima|da|dal|con|per|su|oggi|ieri|secondo|{_WEEKDAYS_IT}"),
    adverbs="anche|poi|inoltre|già|ancora|oggi|ieri|infine|quindi|subito",
    adverb_suffix="mente",
    between_cue_and_subject=f"oggi|ieri|{_WEEKDAYS_IT}|anche|poi|inoltre|ancora|infine",
    titles="Sig.|Sig.ra|Dott.|Dr.|Prof.|On.",
    capitals=_LATIN_CAPITALS,
    particles="di|de|del|della|da|dalla|degli|dei",
    not_subject=(
        "Il|Lo|La|I|Gli|Le|Un|Uno|Una|Questo|Questa|Quello|Quella|Ma|E|O|Così|Poi|Anche|Per|Con|Su|In|Nel|Nella|"
        "Da|Dal|Di|Del|Della|A|Al|Alla|Secondo|Come|Quando|Se|Che|Chi|Cosa|Dove|Perché|Non|Già|Oggi|Ieri|Lui|"
        f"Lei|Noi|Voi|Io|Loro|Lunedì|Martedì|Mercoledì|Giovedì|Venerdì|Sabato|Domenica|{_MONTHS_IT}"
    ),
    not_names=(
        "Il|Lo|La|I|Gli|Le|Un|Uno|Una|In|Nel|Da|Di|Del|Della|A|Al|Secondo|Per|Con|Lui|Lei|Lunedì|Martedì|"
        "Mercoledì|Giovedì|Venerdì|Sabato|Domenica|Presidente|Premier|Ministro|Ministra|Governo|Quirinale|"
        f"Cremlino|Parlamento|Senato|Camera|{_MONTHS_IT}|UE|ONU|NATO|USA"
    ),
    role_words=(
        "Presidente|Premier|Ministro|Ministra|Portavoce|Segretario|Segretaria|Sindaco|Sindaca|Senatore|"
        "Senatrice|Deputato|Deputata|Ambasciatore|Direttore|Direttrice|Capo|Leader|Papa|Cancelliere|Consigliere|"
        "Generale|Commissario|Vicepremier|Governatore|Governatrice|Assessore"
    ),
    relatives="che",
    and_words="e|ed|&",
    of_words="di|del|della",
    title_small_words=f"{_ENGLISH_SMALL_WORDS}|il|lo|la|i|gli|le|di|del|della|e|un|una|per|con|da|su",
    modified_word_exceptions=(
        "di|del|della|e|o|in|a|al|alla|con|per|da|su|che|come|secondo|ma|è|sono|ha|dice|spiega|aggiunge"
    ),
    lowercase=_LATIN_LOWERCASE,
)

_WEEKDAYS_PT = "segunda-feira|terça-feira|quarta-feira|quinta-feira|sexta-feira|sábado|domingo"
_MONTHS_PT = "Janeiro|Fevereiro|Março|Abril|Maio|Junho|Julho|Agosto|Setembro|Outubro|Novembro|Dezembro"

PORTUGUESE = SpeechLexicon(
    cues=(
        "disse|diz|dizem|disseram|afirmou|afirma|afirmaram|declarou|declara|declararam|explicou|explica|"
        "acrescentou|acrescenta|ressaltou|ressalta|destacou|destaca|salientou|sublinhou|frisou|garantiu|garante|"
        "observou|assinalou|apontou|aponta|comentou|escreveu|escreve|respondeu|responde|advertiu|alertou|alerta|"
        "insistiu|lembrou|lembra|reconheceu|admitiu|defendeu|defende|criticou|anunciou|confirmou|contou|relatou|"
        "questionou|concluiu|completou|pontuou|avaliou|avalia|argumentou|reforçou|enfatizou"
    ),
    near_only_cues="aponta|lembra|alerta|destaca|avalia|defende|garante",
    according_to="segundo|de acordo com|conforme",
    pronoun_cues="segundo ele|segundo ela|de acordo com ele|de acordo com ela",
    subject_dropped=True,
    determiners="o|a|os|as|um|uma|este|esta|esse|essa|seu|sua|nosso|nossa",
    pronouns="ele|ela|eles|elas",
    masculine_pronouns="ele",
    feminine_pronouns="ela",
    clause_words="que|quem|e|mas|ou|ele|ela|eles|elas|é|são|era|foi|será|não|se|tem|há",
    np_last_stop="de|do|da|dos|das|em|no|na|nos|nas|a|ao|à|com|por|pelo|pela|para|sobre|entre|e|o|os|as",
    np_end=(
        f"que|quem|em|no|na|nesta|neste|a|ao|à|aos|às|durante|após|depois|antes|com|por|para|sobre|"
        f"ontem|hoje|segundo|{_WEEKDAYS_PT}"
    ),
    adverbs="também|ainda|depois|já|hoje|ontem|recentemente|novamente|então",
    adverb_suffix="mente",
    between_cue_and_subject=(f"nesta|neste|na|no|{_WEEKDAYS_PT}|ontem|hoje|também|ainda|depois|novamente"),
    titles="Sr.|Sra.|Dr.|Dra.|Prof.",
    capitals=_LATIN_CAPITALS,
    particles="da|de|do|dos|das|e",
    not_subject=(
        "O|A|Os|As|Um|Uma|Este|Esta|Isso|Isto|Esse|Essa|Mas|E|Ou|Assim|Para|Por|Com|Em|No|Na|De|Do|Da|Segundo|"
        "Como|Quando|Se|Que|Quem|Onde|Porque|Não|Já|Hoje|Ontem|Ele|Ela|Eles|Elas|Nós|Eu|Segunda-feira|"
        f"Terça-feira|Quarta-feira|Quinta-feira|Sexta-feira|Sábado|Domingo|{_MONTHS_PT}"
    ),
    not_names=(
        "O|A|Os|As|Um|Uma|Em|No|Na|De|Do|Da|Segundo|Com|Por|Para|Ele|Ela|Segunda-feira|Terça-feira|Quarta-feira|"
        "Quinta-feira|Sexta-feira|Sábado|Domingo|Presidente|Presidenta|Ministro|Ministra|Governo|Planalto|"
        f"Congresso|Itamaraty|Kremlin|{_MONTHS_PT}|UE|ONU|OTAN|EUA"
    ),
    role_words=(
        "Presidente|Presidenta|Ministro|Ministra|Porta-voz|Secretário|Secretária|Governador|Governadora|"
        "Prefeito|Prefeita|Senador|Senadora|Deputado|Deputada|Embaixador|Embaixadora|Diretor|Diretora|Chefe|Papa|"
        "Chanceler|Primeiro-ministro|Primeira-ministra|Vice-presidente|General"
    ),
    relatives="que|quem",
    and_words="e|&",
    of_words="de|do|da",
    title_small_words=f"{_ENGLISH_SMALL_WORDS}|o|os|de|do|da|dos|das|e|em|no|na|um|uma|com|por|para",
    modified_word_exceptions=(
        "de|do|da|e|ou|em|no|na|a|ao|à|com|por|para|que|como|segundo|mas|é|são|foi|disse|afirmou|acrescentou"
    ),
    lowercase=_LATIN_LOWERCASE,
)

_RUSSIAN_DAYS = "понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье"

RUSSIAN = SpeechLexicon(
    # Past tense in the three genders and the plural, as news reports speech, and the present.
    cues=(
        "сказал|сказала|сказали|заявил|заявила|заявили|сообщил|сообщила|сообщили|отметил|отметила|отметили|"
        "подчеркнул|подчеркнула|подчеркнули|добавил|добавила|добавили|пояснил|пояснила|пояснили|указал|указала|"
        "указали|признал|признала|признали|заметил|заметила|уточнил|уточнила|уточнили|ответил|ответила|ответили|"
        "написал|написала|написали|рассказал|рассказала|рассказали|напомнил|напомнила|предупредил|предупредила|"
        "заверил|заверила|констатировал|констатировала|объяснил|объяснила|заключил|заключила|подытожил|возразил|"
        "возразила|призвал|призвала|прокомментировал|прокомментировала|резюмировал|говорит|говорят|говорил|"
        "говорила|заявляет|сообщает|отмечает|подчеркивает|подчёркивает|добавляет|поясняет|пишет|рассказывает|"
        "считает|считают|передал|передала|передали"
    ),
    near_only_cues="считает|считают|передал|передала|передали",
    according_to="по словам|по мнению|по данным",
    pronoun_cues="по его словам|по ее словам|по её словам|по их словам|по его мнению|по ее мнению|по её мнению",
    # Russian has no articles: a speaker is a name, a pronoun or a capitalised phrase ("Пресс-служба Кремля").
    determiners="",
    pronouns="он|она|они",
    masculine_pronouns="он",
    feminine_pronouns="она",
    clause_words="что|который|которая|которые|и|но|а|он|она|они|это|не|был|была|были|будет|является|есть",
    np_last_stop="",
    np_end="",
    adverbs=f"также|ранее|позже|затем|потом|уже|вновь|снова|тогда|еще|ещё|вчера|сегодня|накануне|в|во|{_RUSSIAN_DAYS}",
    between_cue_and_subject=f"также|ранее|накануне|вчера|сегодня|в|во|{_RUSSIAN_DAYS}",
    titles="",
    # Foreign names are written in Cyrillic; Latin capitals stay for the Latin-script names some outlets keep.
    capitals="А-ЯЁA-Z",
    particles="",
    not_subject=(
        "Это|Этот|Эта|Эти|Он|Она|Они|Мы|Вы|Я|Но|И|А|Так|Как|Когда|Если|В|Во|На|По|Из|От|С|Со|К|У|О|Об|За|При|Для|"
        "После|До|Также|Однако|Кроме|Между|Что|Кто|Где|Почему|Зачем|Сейчас|Сегодня|Вчера|Накануне|Тогда|Ранее|"
        "Теперь|Впрочем|Помимо|Позже|Затем|Понедельник|Вторник|Среда|Четверг|Пятница|Суббота|Воскресенье"
    ),
    # Countries and institutions stand between a role and a name ("Президент России Владимир Путин").
    not_names=(
        "Это|Он|Она|Они|Мы|Но|И|А|В|На|По|Как|Президент|Президента|Министр|Глава|Премьер-министр|России|РФ|США|"
        "Украины|Кремля|Кремль|Белого|Госдумы|МИД|Минобороны|ЕС|НАТО|ООН|Москвы|Киева|Франции|Германии|Китая|"
        "КНР|Понедельник|Вторник|Среда|Четверг|Пятница|Суббота|Воскресенье"
    ),
    role_words=(
        "Президент|Президента|Премьер-министр|Премьер|Министр|Министра|Глава|Главы|Пресс-секретарь|"
        "Пресс-секретаря|Помощник|Помощника|Советник|Советника|Спикер|Посол|Генсек|Губернатор|Мэр|Депутат|"
        "Сенатор|Председатель|Вице-премьер|Директор|Представитель|Канцлер|Лидер"
    ),
    relatives="который|которая|которые",
    and_words="и|&",
    of_words="",
    title_small_words=f"{_ENGLISH_SMALL_WORDS}|и|в|во|на|по|с|из|к|о|у|для|от|до|за",
    modified_word_exceptions="и|в|во|на|по|с|из|к|о|у|для|от|до|за|что|как|а|но|или|не|это|—",
    lowercase="а-яё",
    cue_before_subject=True,
)

_WEEKDAYS_NL = "maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag"

DUTCH = SpeechLexicon(
    # "liet weten", "voegde eraan toe", "legde uit": the verb's particle follows later, as in German.
    cues=(
        "zei|zeiden|zegt|zeggen|verklaarde|verklaarden|verklaart|stelde|stelden|stelt|benadrukte|benadrukt|"
        "schreef|schreven|schrijft|vertelde|vertelt|meldde|meldden|meldt|reageerde|reageert|waarschuwde|"
        "waarschuwt|antwoordde|antwoordt|erkende|erkent|voegde|liet|laat|legde|twitterde|concludeerde|beweerde|"
        "beweert|bevestigde|bevestigt"
    ),
    tail_only_cues="aldus",
    near_only_cues="liet|laat|voegde|legde|stelt|stelde",
    according_to="volgens",
    pronoun_cues="volgens hem|volgens haar|volgens hen",
    determiners="de|het|een|deze|dit|die|dat|zijn|haar|hun|onze|ons",
    pronouns="hij|zij|ze",
    masculine_pronouns="hij",
    feminine_pronouns="",
    clause_words=(
        "dat|die|en|maar|of|omdat|hij|zij|ze|het|we|wij|ik|je|is|zijn|was|waren|wordt|werd|heeft|hebben|had|kan|"
        "zal|zou|niet|ook|zich"
    ),
    np_last_stop="voor|in|op|aan|met|uit|bij|naar|over|om|en|de|het",
    # "zei de minister op maandag", and the verb after a fronted "Volgens Veldkamp is ...".
    np_end=(
        "die|dat|op|in|aan|bij|tegen|tijdens|na|voor|met|tegenover|gisteren|vandaag|is|zijn|was|waren|heeft|"
        f"hebben|moet|moeten|zal|zullen|kan|wordt|{_WEEKDAYS_NL}"
    ),
    adverbs=f"ook|al|nog|nu|later|eerder|dan|opnieuw|gisteren|vandaag|heeft|had|{_WEEKDAYS_NL}",
    between_cue_and_subject=f"ook|nog|nu|eerder|gisteren|vandaag|{_WEEKDAYS_NL}",
    titles="dr.|prof.|mr.|ir.|drs.",
    capitals=_LATIN_CAPITALS,
    particles="van|van der|van den|van de|de|den|der|ter|ten|te",
    not_subject=(
        "Het|De|Een|Deze|Dit|Die|Dat|Hij|Zij|Ze|Wij|We|Ik|Je|Maar|En|Of|Ook|Toen|Nu|Dan|Daarom|Volgens|In|Op|Bij|"
        "Met|Na|Voor|Tijdens|Tegen|Als|Wanneer|Waarom|Wat|Wie|Hoe|Waar|Er|Daar|Hier|Gisteren|Vandaag|Maandag|"
        "Dinsdag|Woensdag|Donderdag|Vrijdag|Zaterdag|Zondag"
    ),
    not_names=(
        "Het|De|Een|Deze|Dit|Die|Dat|Hij|Zij|Ze|Wij|We|Ik|Maar|En|Volgens|In|Op|Bij|Met|Tegen|Maandag|Dinsdag|"
        "Woensdag|Donderdag|Vrijdag|Zaterdag|Zondag|Premier|Minister|President|Kamer|Tweede|Kremlin|EU|VS|NAVO|VN"
    ),
    role_words="Premier|Minister|President|Koning|Burgemeester|Woordvoerder|Staatssecretaris|Minister-president",
    relatives="die|dat",
    and_words="en|&",
    of_words="van",
    title_small_words=f"{_ENGLISH_SMALL_WORDS}|de|het|een|en|van|op|voor|met|aan|uit|bij|naar",
    modified_word_exceptions=(
        "en|of|maar|van|in|op|aan|voor|met|bij|uit|naar|over|dat|die|als|is|zijn|was|heeft|zei|aldus|de|het|een|"
        "niet|ook"
    ),
    lowercase=_LATIN_LOWERCASE,
    cue_before_subject=True,
    verb_second=True,
)

_DAYS_PL = "poniedziałek|wtorek|środę|czwartek|piątek|sobotę|niedzielę"

POLISH = SpeechLexicon(
    cues=(
        "powiedział|powiedziała|powiedzieli|powiedziały|mówi|mówią|mówił|mówiła|stwierdził|stwierdziła|"
        "stwierdzili|oświadczył|oświadczyła|zaznaczył|zaznaczyła|podkreślił|podkreśliła|podkreślili|dodał|dodała|"
        "dodali|przekazał|przekazała|wyjaśnił|wyjaśniła|napisał|napisała|ocenił|oceniła|poinformował|"
        "poinformowała|poinformowali|zapowiedział|zapowiedziała|przyznał|przyznała|odpowiedział|odpowiedziała|"
        "zapewnił|zapewniła|przypomniał|przypomniała|ostrzegł|ostrzegła|tłumaczył|tłumaczyła|skomentował|"
        "skomentowała|wskazał|wskazała|zauważył|zauważyła|przekonywał|przekonywała|apelował|apelowała|uważa|"
        "twierdzi|podkreśla|zaznacza|dodaje|przekonuje"
    ),
    near_only_cues="uważa|twierdzi|przekazał|przekazała",
    according_to="według|zdaniem",
    pronoun_cues="według niego|według niej|według nich|jego zdaniem|jej zdaniem|ich zdaniem",
    # Polish leaves the subject out as often as not: „…” – dodał.
    subject_dropped=True,
    determiners="",
    pronouns="on|ona|oni|one",
    masculine_pronouns="on",
    feminine_pronouns="ona",
    clause_words="że|który|która|które|i|ale|a|lub|on|ona|oni|to|nie|jest|są|był|była|było|będzie|się",
    np_last_stop="",
    np_end="",
    adverbs=f"także|również|też|wcześniej|później|potem|już|ponownie|wczoraj|dziś|dzisiaj|w|we|{_DAYS_PL}",
    between_cue_and_subject=f"także|również|też|wcześniej|wczoraj|dziś|dzisiaj|w|we|{_DAYS_PL}",
    titles="dr|dr.|prof.|mec.",
    capitals="A-ZÀ-ÖØ-ÞĄĆĘŁŃŚŹŻŠŽČŘ",
    particles="",
    not_subject=(
        "To|Ten|Ta|Te|On|Ona|Oni|My|Wy|Ja|Ale|I|A|Tak|Jak|Kiedy|Jeśli|Gdy|W|We|Na|Po|Z|Ze|Do|Od|O|Za|Przy|Dla|"
        "Przed|Także|Również|Jednak|Co|Kto|Gdzie|Dlaczego|Teraz|Dziś|Dzisiaj|Wczoraj|Według|Zdaniem|Już|Nie|"
        "Poniedziałek|Wtorek|Środa|Czwartek|Piątek|Sobota|Niedziela"
    ),
    not_names=(
        "To|On|Ona|Oni|Ale|I|A|W|Na|Po|Z|Jak|Według|Zdaniem|Prezydent|Premier|Minister|Polski|Polska|Rosji|Ukrainy|"
        "USA|UE|NATO|ONZ|Sejmu|Senatu|Kremla|Warszawy|MSZ|KE|Poniedziałek|Wtorek|Środa|Czwartek|Piątek|Sobota|"
        "Niedziela"
    ),
    role_words=(
        "Prezydent|Prezydenta|Premier|Premiera|Minister|Ministra|Rzecznik|Rzeczniczka|Rzecznika|Szef|Szefowa|"
        "Marszałek|Wicepremier|Ambasador|Poseł|Posłanka|Senator|Prezes|Burmistrz"
    ),
    relatives="który|która|które",
    and_words="i|oraz|&",
    of_words="",
    title_small_words=f"{_ENGLISH_SMALL_WORDS}|i|w|we|na|z|ze|do|od|o|za|dla|po",
    modified_word_exceptions="i|w|we|na|z|ze|do|od|o|za|dla|po|że|jak|a|ale|lub|nie|to|jest|–|—",
    lowercase="a-ząćęłńóśźż",
    cue_before_subject=True,
)

_DAYS_UK = "понеділок|вівторок|середу|четвер|пʼятницю|п'ятницю|п’ятницю|суботу|неділю"

UKRAINIAN = SpeechLexicon(
    cues=(
        "сказав|сказала|сказали|заявив|заявила|заявили|повідомив|повідомила|повідомили|зазначив|зазначила|"
        "зазначили|додав|додала|додали|наголосив|наголосила|наголосили|підкреслив|підкреслила|пояснив|пояснила|"
        "написав|написала|написали|розповів|розповіла|розповіли|відповів|відповіла|нагадав|нагадала|попередив|"
        "попередила|запевнив|запевнила|говорить|каже|кажуть|заявляє|повідомляє|наголошує|зазначає|вважає|"
        "вважають|передав|передала"
    ),
    near_only_cues="вважає|вважають|передав|передала",
    according_to="за словами|на думку|за даними",
    pronoun_cues="за його словами|за її словами|за їхніми словами|на його думку|на її думку",
    determiners="",
    pronouns="він|вона|вони",
    masculine_pronouns="він",
    feminine_pronouns="вона",
    clause_words="що|який|яка|які|і|й|та|але|а|він|вона|вони|це|не|був|була|були|буде|є",
    np_last_stop="",
    np_end="",
    adverbs=f"також|раніше|пізніше|потім|вже|знову|тоді|ще|вчора|сьогодні|напередодні|у|в|{_DAYS_UK}",
    between_cue_and_subject=f"також|раніше|напередодні|вчора|сьогодні|у|в|{_DAYS_UK}",
    titles="",
    capitals="А-ЯЄІЇҐA-Z",
    particles="",
    not_subject=(
        "Це|Цей|Ця|Ці|Він|Вона|Вони|Ми|Ви|Я|Але|І|А|Так|Як|Коли|Якщо|У|В|На|По|З|Із|Від|До|За|При|Для|Після|"
        "Також|Однак|Проте|Що|Хто|Де|Чому|Зараз|Сьогодні|Вчора|Раніше|Понеділок|Вівторок|Середа|Четвер|"
        "Пʼятниця|П'ятниця|Субота|Неділя"
    ),
    not_names=(
        "Це|Він|Вона|Вони|Ми|Але|І|А|У|В|На|За|Як|Президент|Президента|Міністр|Глава|України|Росії|РФ|США|ЄС|"
        "НАТО|ООН|Києва|Москви|Кремля|Верховної|Ради|МЗС|ЗСУ|Офісу|ОП"
    ),
    role_words=(
        "Президент|Президента|Прем'єр-міністр|Прем’єр-міністр|Премʼєр-міністр|Міністр|Міністра|Голова|Речник|"
        "Речниця|Радник|Радника|Посол|Мер|Спікер|Керівник|Очільник|Командувач|Глава"
    ),
    relatives="який|яка|які",
    and_words="і|й|та|&",
    of_words="",
    title_small_words=f"{_ENGLISH_SMALL_WORDS}|і|й|та|в|у|на|з|із|до|від|за|для|по",
    modified_word_exceptions="і|й|та|в|у|на|з|із|до|від|за|для|по|що|як|а|але|або|не|це|—",
    lowercase="а-яєіїґ",
    cue_before_subject=True,
)

LEXICONS: dict[str, SpeechLexicon] = {
    "en": ENGLISH,
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
"""By ISO 639-1 code; a language not here is read with English's lexicon."""
