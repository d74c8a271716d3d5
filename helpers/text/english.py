"""English, as the workbook reads it: every word list is defined here once, the way spaCy keeps
its English lexical facts in `spacy/lang/en/`. Each list is small, documented and generic
news usage; nothing here is specific to one corpus. Imports nothing from `helpers`.
"""

from __future__ import annotations

import calendar

# --------------------------------------------------------------------------- calendar

MONTH_NAMES: tuple[str, ...] = tuple(calendar.month_name)[1:]
"""January ... December."""
WEEKDAY_NAMES: tuple[str, ...] = tuple(calendar.day_name)
"""Monday ... Sunday (Monday = 0, as `datetime.date.weekday()`)."""
MONTH_ABBREVIATIONS: tuple[str, ...] = ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept", "Sep", "Oct",
                                        "Nov", "Dec")
"""Written abbreviations of month names ("May" has none); "Sept" before "Sep" for regexes."""
MONTHS: dict[str, int] = {
    **{name.lower(): i for i, name in enumerate(MONTH_NAMES, start=1)},
    **{name[:3].lower(): i for i, name in enumerate(MONTH_NAMES, start=1)},
    "sept": 9,
}
"""Lower-case month name or abbreviation -> month number."""
WEEKDAYS: dict[str, int] = {name.lower(): i for i, name in enumerate(WEEKDAY_NAMES)}
"""Lower-case weekday name -> weekday number (Monday = 0)."""
MONTH_PATTERN = "|".join(MONTH_NAMES)
"""Regex alternation of the full month names, as written (lower-case "may" is not a month)."""
MONTH_ABBREVIATION_PATTERN = "|".join(MONTH_ABBREVIATIONS)
WEEKDAY_PATTERN = "|".join(WEEKDAY_NAMES)
RELATIVE_DAYS: frozenset[str] = frozenset({"today", "tomorrow", "yesterday"})
"""Day words that are dates relative to the article's own date."""
DAY_WORD_OFFSETS: dict[str, int] = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0}
"""Relative day words -> days from the article's date ("tonight" is today's night)."""
SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
"""Season names -> their TIMEX3 code (2018-SU)."""
PARTS_OF_DAY: dict[str, str] = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
"""Parts of the day -> their TIMEX3 code (2018-09-03TNI)."""
RELATIVE_OFFSETS: dict[str, int] = {"last": -1, "past": -1, "previous": -1, "this": 0, "current": 0,
                                    "next": 1, "coming": 1, "following": 1, "the": 0}
"""Relative words -> units from the DCT ("last week" is -1 week); the time-expression rules."""
FREQUENCY_WORDS: dict[str, str] = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M",
                                   "quarterly": "P3M", "annually": "P1Y", "yearly": "P1Y", "annual": "P1Y",
                                   "hourly": "PT1H", "biweekly": "P2W", "biannually": "P6M"}
"""Frequency adverbs -> the TIMEX3 period of their SET ("weekly" is P1W); the timeline's set rule."""
FIXED_HOLIDAYS: dict[str, tuple[int, int]] = {
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
    "new years day": (1, 1), "new years eve": (12, 31), "new years": (1, 1),
    "independence day": (7, 4), "fourth of july": (7, 4), "halloween": (10, 31),
    "valentines day": (2, 14), "veterans day": (11, 11)}
"""Holidays on a fixed date -> (month, day); the timeline's holiday rule (US usage)."""
WEEKDAY_HOLIDAYS: dict[str, tuple[int, int, int]] = {
    "thanksgiving": (11, 3, 4), "thanksgiving day": (11, 3, 4),
    "labor day": (9, 0, 1), "memorial day": (5, 0, -1)}
"""Holidays on the k-th weekday of a month -> (month, weekday, k; -1 = the last); the timeline."""

# --------------------------------------------------------------------------- numbers

NUMBER_WORDS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a": 1, "an": 1,
    "single": 1, "dozen": 12, "a dozen": 12, "half a dozen": 6, "a couple of": 2,
    "couple of": 2, "a couple": 2, "a hundred": 100, "a thousand": 1000,
}
"""Number words and phrases -> their value ("a dozen" -> 12)."""
ORDINAL_WORDS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty first": 21,
}
"""Ordinal words -> their number ("the nineteenth century", "the third quarter")."""
DECADE_WORDS: dict[str, int] = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                                "seventies": 7, "eighties": 8, "nineties": 9}
"""Decade words -> the decade's tens digit ("the nineties" -> 9)."""
SCALE_WORDS: dict[str, float] = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "bn": 1e9, "mn": 1e6, "m": 1e6, "k": 1e3,
}
"""Scale words and their written abbreviations -> their value ("3bn", "2 million"); claims."""
PLURAL_SCALE_WORDS: dict[str, float] = {
    "hundreds": 1e2, "thousands": 1e3, "millions": 1e6, "billions": 1e9, "trillions": 1e12}
"""Plural scale words of a vague amount ("thousands of") -> the scale; claims."""
VAGUE_NUMBERS: frozenset[str] = frozenset({
    "a few", "few", "several", "many", "some", "the", "dozens of", "hundreds of", "a number of",
    "numerous", "countless", "the last few", "a few more", "more"})
"""Quantities with no number: the timeline gives their durations an ``X`` amount ("several days" is PXD)."""
QUANTITY_QUALIFIERS: dict[str, str] = {
    "an estimated": "APPROX", "some": "APPROX", "about": "APPROX", "around": "APPROX",
    "approximately": "APPROX", "approx.": "APPROX", "roughly": "APPROX", "nearly": "APPROX",
    "almost": "APPROX", "close to": "APPROX", "an approximate": "APPROX",
    "more than": "MORE_THAN", "over": "MORE_THAN", "well over": "MORE_THAN",
    "just over": "MORE_THAN", "upwards of": "MORE_THAN", "in excess of": "MORE_THAN",
    "at least": "EQUAL_OR_MORE", "as many as": "EQUAL_OR_LESS", "up to": "EQUAL_OR_LESS",
    "at most": "EQUAL_OR_LESS", "fewer than": "LESS_THAN", "less than": "LESS_THAN",
    "under": "LESS_THAN", "just under": "LESS_THAN",
}
"""Words before a figure -> how the figure is qualified ("more than 500" is MORE_THAN); claims."""
CURRENCY_WORDS: dict[str, str] = {"dollars": "USD", "dollar": "USD", "euros": "EUR", "euro": "EUR",
                                  "pounds": "GBP", "pound": "GBP"}
"""Currency nouns after a figure -> ISO currency code ("500 euros"); claims."""
COUNTED_NOUNS: tuple[str, ...] = (
    "million", "billion", "thousand", "trillion", "hundred", "people", "percent", "per cent", "%", "troops",
    "soldiers", "men", "women", "children", "persons", "dollars", "pounds", "euros", "yen", "tons", "tonnes",
    "feet", "foot", "meters", "metres", "miles", "kilometers", "km", "acres", "votes", "units", "shares",
    "points", "members", "workers", "employees", "jobs", "cases", "deaths", "homes", "cars", "vehicles",
    "barrels", "residents", "refugees", "fighters")
"""Words after a four-digit number that make it a count, not a year ("2000 soldiers"); the timeline."""
NOT_PLURAL_S_WORDS: frozenset[str] = frozenset({
    "was", "has", "this", "its", "his", "thus", "plus", "less", "across", "unless",
    "always", "perhaps", "besides", "news", "series", "elections", "olympics",
    "games", "talks", "is", "as", "us", "yes", "does", "sales", "earnings",
    "results", "levels", "figures", "prices", "profits", "losses", "rates",
    "standards", "values", "terms", "highs", "lows", "budgets", "accounts"})
"""Words in -s after a four-digit number that are not a counted plural ("2018 elections"); the timeline."""

# --------------------------------------------------------------------------- function words

SCREEN_WORDS: frozenset[str] = frozenset("""
the of and to that with said from by has have his which who this are been their they were
would had its be not but he she there than what when about after""".split())
"""Frequent English words that are rarely words of other languages written in Latin script
("in", "is", "was", "die", "for", "at" are left out: Dutch, German, Scandinavian words too);
the language screen of `helpers.text.language`."""

DETERMINERS = frozenset({"the", "a", "an"})
"""The articles."""
DEMONSTRATIVES: frozenset[str] = frozenset({"this", "that", "these", "those"})
"""Demonstrative determiners and pronouns."""
POSSESSIVE_DETERMINERS: frozenset[str] = frozenset({"its", "their", "his", "her", "our", "your", "my"})
"""Possessive determiners ("their homes")."""
STOP_WORDS: frozenset[str] = DETERMINERS | DEMONSTRATIVES | POSSESSIVE_DETERMINERS | frozenset("""
them us whom which who whose
what where when while if as than then so and or but nor yet for of in on at from to by with
into onto upon across around near inside outside under over after before during since between
among amongst along through throughout per like about against without within toward towards
beyond behind below above via is are was were be been being am have has had do does did
could would will can may might must should shall not no nor also just only even more most
less least other another such each every either neither all both some any many much few
there here now then still already ago said says say told according""".split())
"""Function words (and "said") that are never the head of a counted noun phrase; claims."""
PERSONAL_PRONOUNS: frozenset[str] = frozenset({"he", "she", "they", "it", "i", "we", "you"})
"""Subject pronouns that can stand for a speaker or an actor."""
OBJECT_PRONOUNS: dict[str, str] = {"him": "he", "her": "she", "them": "they", "it": "it", "me": "i",
                                   "us": "we", "you": "you"}
"""Object pronouns -> the subject pronoun they stand for ("according to them" -> they)."""
TITLE_ABBREVIATIONS: frozenset[str] = frozenset({
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "sen", "rep", "gov", "lt", "col", "capt",
    "sgt", "prof", "rev"})
"""Abbreviated titles and name suffixes, lower case without the full stop ("Mr.", "Jr.")."""
COMPANY_ABBREVIATIONS: frozenset[str] = frozenset({"inc", "corp", "co", "ltd"})
"""Abbreviated company forms, lower case without the full stop ("Inc.", "Ltd.")."""
ABBREVIATIONS: frozenset[str] = TITLE_ABBREVIATIONS | COMPANY_ABBREVIATIONS | frozenset(
    {a.lower() for a in MONTH_ABBREVIATIONS}) | frozenset({
        "no", "vs", "etc", "mt", "ft", "fig", "u.s", "u.k", "u.n", "a.m", "p.m", "e.g", "i.e",
        "calif", "mass", "wash", "ariz", "fla", "ga"})
"""Abbreviations whose full stop does not end a sentence ("Mr.", "Sept.", "U.S."): the sentence
splitter's list, lower case."""

# --------------------------------------------------------------------------- reporting

_REPORTING_VERB_FORMS = (
    "say said says saying tell told tells telling add added adds adding write wrote writes "
    "written writing tweet tweeted tweets tweeting post posted posts ask asked asks "
    "explain explained explains note noted notes state stated declare declared declares "
    "insist insisted insists argue argued argues claim claimed claims reply replied replies "
    "respond responded responds recall recalled recalls warn warned warns announce "
    "announced announces acknowledge acknowledged acknowledges admit admitted admits "
    "concede conceded concedes remark remarked remarks observe observed observes suggest "
    "suggested suggests joke joked jokes quip quipped quips exclaim exclaimed shout "
    "shouted yell yelled complain complained complains caution cautioned predict "
    "predicted predicts promise promised promises vow vowed vows urge urged urges "
    "continue continued continues conclude concluded concludes boast boasted boasts brag "
    "bragged brags emphasize emphasized emphasizes emphasised stress stressed stresses "
    "recount recounted muse mused thunder thundered scoff scoffed fume fumed gripe griped "
    "lament lamented laments counter countered counters retort retorted interject "
    "interjected whisper whispered chime chimed text texted email emailed emailing testify "
    "testified testifies reiterate reiterated reiterates assert asserted asserts maintain "
    "maintained maintains contend contended contends charge charged charges allege alleged "
    "alleges report reported reports explain explains reason reasoned confirm confirmed "
    "confirms deny denied denies repeat repeated repeats cry cried shot snapped "
    "told tweets wondered wonders pleaded begged demanded demands proclaimed proclaims "
    "declared announced ask chanted sang read reads noting arguing declaring warning explaining "
    "asking reporting insisting tweeting posting writing claiming stating replying responding "
    "recalling urging"
)
REPORTING_VERBS: frozenset[str] = frozenset(_REPORTING_VERB_FORMS.split())
"""Reporting verbs in their inflected forms: the cues of quotes and claims ("said", "told")."""
QUOTE_ONLY_VERBS: frozenset[str] = frozenset((
    "continue continued continues shot charge charged charges read reads sang chanted cry cried "
    "snapped text texted post posts ask asked asks asking maintain maintained maintains repeat "
    "repeated repeats promise promised promises vow vowed vows urge urged urges reason reasoned "
    "demand demanded demands begged pleaded wonder wondered wonders state"
).split())
"""Forms of `REPORTING_VERBS` that introduce speech only next to a quotation ("...," he
continued / she shot back / they asked); elsewhere they mostly mean something else ("Trump
continues to lead with 40 percent", "spending shot up 5 percent", "reporters asked", "state
laws"), so a figure outside quotation marks is never attributed through them."""
ESTIMATING_VERBS: frozenset[str] = frozenset((
    "estimate estimated estimates believe believed believes fear feared fears counted counts "
    "recorded records documented documents calculated calculates projected projects put puts"
).split())
"""Verbs that attribute a figure but rarely a quotation ("UN officials believe 800,000 ...",
"the monitor counted 400 dead", "the agency put the toll at 500"): the cues claims add to
`REPORTING_VERBS`. Only the forms news uses for a figure; a form after a determiner or a
possessive ("an estimated 800,000", "their estimates") is a noun, not a cue."""

# --------------------------------------------------------------------------- tense

FUTURE_MODALS: frozenset[str] = frozenset({"will", "shall", "would"})
"""Modal lemmas of the future, reported future included ("'ll" and "wo" have lemma will); tense."""
UNCERTAIN_MODALS: frozenset[str] = frozenset({"could"})
"""Modals that are as often a past ("could not be reached Monday") as a future: no tense; tense."""
INTENTION_LEMMAS: frozenset[str] = frozenset({
    "expect", "schedule", "plan", "due", "set", "slate", "poise", "intend", "hope", "likely",
    "aim", "prepare", "vow", "promise", "threaten", "want", "seek", "agree", "decide", "try",
    "ready", "propose"})
"""Words whose to-infinitive lies ahead of them ("expected to meet", "agreed to buy"); tense."""
SCHEDULE_LEMMAS: frozenset[str] = frozenset({
    "expect", "schedule", "plan", "slate", "due", "propose", "upcoming", "forthcoming"})
"""Participles and adjectives that put what they govern ahead ("scheduled for Friday"); tense."""
FUTURE_MODAL_FORMS: tuple[str, ...] = ("will", "shall", "won't", "'ll", "would")
"""Written forms of the future modals, the first future cue words of the timeline's tense cues."""
PAST_CUE_WORDS: tuple[str, ...] = tuple((
    "said was were had did ago last told met began took gave made came went fell rose won "
    "lost left held sent spoke saw got led ran paid sold bought brought thought found "
    "kept struck became knew wrote shot stood fought flew grew drew threw broke chose "
    "spent meant felt built hit put set cut quit read heard sought taught caught won "
    "earlier previously recently yesterday former resigned earned posted reported ended "
    "closed agreed declined withdrew fled drove rode wore tore hid froze woke arose shook "
    "slid stuck swung sprang sank stole swore wept bore dealt fed lit laid lent slept swept "
    "bled crept dug hung overthrew undertook withheld upheld overtook forgot rang sank "
    "sang blew bit spoke forbade forgave overcame underwent foresaw oversaw withstood"
).split())
"""Irregular past forms and past adverbs: the timeline's past cue words (regular -ed forms are
matched by shape); in the order of its regex."""
NOT_PAST_ED_WORDS: frozenset[str] = frozenset({
    "need", "indeed", "hundred", "proceed", "exceed", "succeed", "speed", "seed",
    "feed", "breed", "united", "limited", "based", "red", "bed", "embed", "shed"})
"""Words ending in -ed that are no past tense ("indeed", "United"); the timeline's tense cues."""
TENSE_REPORTING_CUES: tuple[str, ...] = ("said", "says", "say", "told", "tells", "added", "according",
                                         "announced", "reported")
"""Reporting words, a weaker tense cue than others (reported speech); the timeline's tense cues."""
PERSON_NOUNS: tuple[str, ...] = tuple((
    "boy girl man woman men women son daughter child kid baby brother sister father mother "
    "husband wife widow widower grandson granddaughter grandmother grandfather student mare "
    "horse dog veteran resident native suspect victim driver actor actress singer player "
    "executive nephew niece cousin"
).split())
"""Nouns after "N-year-old" that make it a person's (or animal's) age, not a duration; the timeline."""
MONTH_CONTEXT_WORDS: tuple[str, ...] = tuple((
    "in since until till by from to through of during before after last next this "
    "early late mid between and or for each every around about the end beginning start "
    "middle that on until past within"
).split())
"""Words right before "May" or "March" that make it the month, not the verb or noun; the timeline."""

# --------------------------------------------------------------------------- names and titles

NAME_PARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ed", "ez", "es", "et", "ul"})
"""Arabic article forms, dropped from matching keys only (they stay in the names shown)."""
LOWER_NAME_WORDS = frozenset({
    "al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ed", "ez", "es", "et", "ul", "bin", "ibn",
    "bint", "abu", "abd", "de", "del", "della", "der", "di", "da", "du", "dos", "das", "van", "von",
    "den", "la", "le", "y", "of", "for", "and", "the", "on", "in", "&"})
"""Lower-case words that may stand inside a name ("Staffan de Mistura", "Council on ...")."""
PLACE_NAME_PARTICLES = frozenset({"do", "da", "de", "del", "dos", "das", "du", "des", "and", "of", "the"})
"""Lower-case words inside the whole names of places that the tagger may cut at them ("Rio
Grande do Sul", "Trinidad and Tobago", "Democratic Republic of the Congo")."""
CONNECTORS = frozenset({"of", "for", "and", "&", "on", "in", "the", "de"})
"""Lower-case words that join the parts of an organisation's name ("Council on Foreign Relations")."""
EXTEND_AFTER: frozenset[str] = CONNECTORS - {"and", "&", "the", "de"}
"""A span the tagger ended on one of these words ("of", "for", "on", "in") is extended over the
capitalised words after; entity cleaning."""
ELIDED_NAME_PREFIXES: frozenset[str] = NAME_PARTICLES | {"ut", "bin", "ibn", "abu", "abd", "bint", "d", "l"}
"""Lower-case prefixes joined to a name by a hyphen or apostrophe ("ul-Haq", "bin-Laden",
"d'Estaing"); entity cleaning."""
NAME_CONNECT_WORDS: tuple[str, ...] = ("de", "da", "del", "della", "der", "van", "von", "bin", "ibn", "al", "el",
                                       "la", "le", "du", "dos", "di")
"""Lower-case particles between the capitalised words of a person's name, in the attribution
engine's regex order; all are `LOWER_NAME_WORDS`."""
STRONG_TITLES = frozenset({
    "president", "mr", "mrs", "ms", "miss", "dr", "sheikh", "sheik", "ayatollah", "senator", "sen",
    "prime", "premier", "king", "queen", "prince", "princess", "emir", "sultan", "pope",
    "chancellor", "ambassador", "envoy", "spokesman", "spokeswoman", "secretary-general",
})
"""Titles that never begin an organisation's or a place's name; stripped from any mention."""
TITLE_WORDS = STRONG_TITLES | frozenset({
    "minister", "secretary", "general", "gen", "foreign", "defense", "defence", "interior",
    "finance", "deputy", "vice", "state", "of", "lt", "col", "colonel", "maj", "major", "capt",
    "captain", "adm", "admiral", "sgt", "sergeant", "rep", "representative", "gov", "governor",
    "mayor", "judge", "justice", "chief", "commander", "director", "chairman", "chairwoman",
    "speaker", "leader", "supreme", "crown", "marshal", "field", "rev", "reverend", "imam",
    "cardinal", "bishop", "professor", "prof", "officer", "official", "spokesperson",
    "attorney", "counsel", "adviser", "advisor", "special", "security", "head", "former",
    "acting", "presidential", "candidate", "lawmaker", "mp", "mep", "secretary-general", "un",
    "u.n.", "us", "u.s.",
})
"""Words of a title before a person's name ("Secretary of State", "Deputy Foreign Minister")."""
ROLE_NOUNS = frozenset({
    "envoy", "minister", "president", "spokesman", "spokeswoman", "spokesperson", "secretary",
    "ambassador", "official", "director", "professor", "leader", "chief", "general", "commander",
    "analyst", "expert", "adviser", "advisor", "head", "chairman", "chairwoman", "governor",
    "mayor", "senator", "lawmaker", "diplomat", "researcher", "correspondent", "reporter",
    "editor", "founder", "ceo", "premier", "king", "queen", "prince", "emir", "cleric", "activist",
    "lawyer", "judge", "candidate", "negotiator", "mediator", "colonel", "officer", "coordinator",
})
"""Nouns that describe a person in apposition ("X, the UN envoy for Syria")."""
PUBLICATION_WORDS = frozenset({
    "times", "post", "daily", "news", "journal", "radio", "tv", "herald", "tribune", "telegraph",
    "gazette", "chronicle", "observer", "press",
})
"""Words of a newspaper's or broadcaster's name ("The New York Times", "China Daily", "Radio
Pyongyang"): the place in such a name is part of a title, not a place the story names."""
ORG_HEADS = PUBLICATION_WORDS | frozenset({
    "institute", "university", "department", "ministry", "front", "party", "army", "observatory",
    "council", "agency", "program", "programme", "commission", "committee", "organization",
    "organisation", "group", "brigade", "brigades", "movement", "forces", "force", "company",
    "corporation", "corp", "inc", "ltd", "bank", "network", "office",
    "service", "services", "court", "union", "league", "association", "foundation", "fund",
    "alliance", "coalition", "center", "centre", "college", "school", "board", "authority",
    "assembly", "parliament", "senate", "congress", "guard", "guards", "police", "navy",
    "battalion", "militia", "federation", "society", "channel", "bureau", "administration",
})
"""Last words that make a name an organisation's ("... Institute", "Nusra Front")."""
ORG_LEADS = frozenset({"jabhat", "hizb", "harakat", "jaish", "liwa", "hay'at", "tahrir", "ansar",
                       "kataib", "saraya", "bank", "university"})
"""First words that make a name an organisation's (Arabic: jabhat = front, hizb = party, ...)."""
GENERIC_WORDS = frozenset({
    "state", "government", "ministry", "army", "parliament", "council", "department", "office",
    "administration", "regime", "police", "forces", "coalition", "opposition", "president",
    "minister", "court", "congress", "senate", "house", "republic", "kingdom", "union", "west",
    "east", "north", "south", "country", "city", "province", "region", "capital",
})
"""A mention that is only one of these words names nothing in particular."""
GENERIC_BODIES_AND_ROLES: frozenset[str] = frozenset({
    "mps", "meps", "ministers", "cabinet", "cabinets", "borders", "lawmakers", "legislators",
    "senators", "congressmen", "officials", "diplomats", "governors", "mayors", "councillors",
    "councilors", "ambassadors", "envoys", "generals", "commissioners", "judges", "ministries",
    "parliaments", "governments", "committees", "councils", "peers", "backbenchers", "frontbenchers",
    "delegates", "spokesmen", "presidents", "premiers",
})
"""One-word mentions that name a kind of body or role, not one in particular ("MPs", "the
Cabinet", "Borders" as a common noun; "the Iranian Parliament" keeps its name); entity
cleaning drops them, and cuts them off the end of a longer span ("Tory MPs" -> Tory)."""
PRONOUN_WORDS: frozenset[str] = (PERSONAL_PRONOUNS | frozenset(OBJECT_PRONOUNS) | DEMONSTRATIVES
                                 | POSSESSIVE_DETERMINERS | frozenset({"me", "him", "ourselves", "themselves"}))
"""Pronouns and demonstratives: written with a capital ("Us" in a headline, "That" at a
sentence start) they are still no name; entity cleaning (an all-capital "US" is the country)."""
PLATFORM_NAMES: frozenset[str] = frozenset({
    "twitter", "facebook", "telegram", "youtube", "whatsapp", "instagram", "tiktok", "snapchat",
    "reddit", "linkedin", "wechat", "weibo", "vkontakte", "truth social", "threads", "bluesky"})
"""Social media and messaging platforms, lower case: organisations, never people, whatever the
tagger says ("said on Twitter"); entity type voting."""
WORK_OF_ART_NOUNS: frozenset[str] = frozenset({
    "film", "movie", "book", "novel", "album", "song", "play", "musical", "opera",
    "series", "sitcom", "show", "documentary", "memoir", "biography", "poem", "painting",
    "sculpture", "ballet", "drama", "thriller", "comedy", "biopic", "blockbuster"})
"""Nouns that make the title after them a work of art ("the film Aviator", "her novel
Beloved"), not an organisation or a person, when they head a noun phrase (a determiner or
possessive before them, see `WORK_OF_ART_MODIFIERS`: "polls show Clinton" is a verb);
"single" and "epic" are left out, being adjectives as often ("a single Trump voter");
entity type voting."""
WORK_OF_ART_VERBS: frozenset[str] = frozenset({"show", "play", "film", "book", "painting"})
"""The `WORK_OF_ART_NOUNS` that are also common verbs: a capitalised plural before one is its
subject ("The Reds play Liverpool"), not a modifier as in "the Tom Hanks movie"; entity type voting."""
WORK_OF_ART_MODIFIERS: frozenset[str] = frozenset({
    "new", "latest", "hit", "first", "last", "next", "final", "debut", "upcoming", "forthcoming",
    "famous", "classic", "popular", "acclaimed", "animated", "original", "feature", "short",
    "television", "tv", "radio", "stage", "reality", "music", "horror", "crime", "spy", "war",
    "award-winning", "prize-winning", "best-selling", "bestselling", "controversial", "satirical",
    "weekly", "daily", "nightly", "late-night", "serial", "talk", "cable"})
"""Lower-case words that may stand between a determiner and a work-of-art noun ("her new
novel", "the TV series"); besides these, capitalised words, numbers, hyphenated words and the
work-of-art nouns themselves ("the comedy series"); entity type voting."""
BARE_NAME_ADJECTIVES: frozenset[str] = frozenset({
    "national", "federal", "senior", "local", "regional", "international", "provincial",
    "municipal", "top", "junior", "joint", "global", "domestic", "former", "current"})
"""Adjectives that open a body's name but name nothing alone: what is left of "National
Governors" once the role is cut off is no entity; entity cleaning."""
AWARD_NAMES: frozenset[str] = frozenset({
    "oscar", "oscars", "emmy", "emmys", "grammy", "grammys", "bafta", "baftas", "golden globe",
    "golden globes", "tony award", "tony awards", "pulitzer", "pulitzer prize", "nobel prize",
    "booker prize", "palme d'or", "brit award", "brit awards"})
"""Awards, lower case: a work-of-art-like title, never a person when the text uses it as an
award ("won an Oscar", "Oscar-winning", "the Oscars"); entity type voting."""
AWARD_CUES_BEFORE: frozenset[str] = frozenset({
    "a", "an", "the", "his", "her", "their", "its", "first", "second", "third", "best", "won", "win",
    "wins", "winning", "two", "three", "four", "five", "honorary", "another"})
"""Words right before an award's name that make it the award ("won an Oscar", "his first Emmy")."""
AWARD_CUES_AFTER: tuple[str, ...] = ("-winn", "-nomin", " nomination", " award", " for best", " win",
                                     " ceremony", " statuette", " winner", " nod")
"""How the text after an award's name begins when it is the award ("Oscar-winning", "Oscar
nomination", "Emmy for best ..."), lower case."""
NAME_PREFIX_QUALIFIERS: tuple[str, ...] = ("ex-",)
"""Prefixes joined to a name that qualify it and are no part of it: "ex-Yukos" is Yukos, with
the qualifier "ex-" kept on the mention; entity cleaning."""
ORG_NAME_TRANSLATIONS: dict[str, str] = {
    "jabhat": "front", "jabha": "front", "jabhet": "front",
    "hizb": "party", "hezb": "party",
    "jaysh": "army", "jaish": "army", "jeish": "army",
    "harakat": "movement", "haraka": "movement", "harakah": "movement",
    "liwa": "brigade", "liwaa": "brigade",
    "majlis": "council", "majles": "council",
    "tanzim": "organisation", "tanzeem": "organisation", "organization": "organisation",
    "dawla": "state", "dawlat": "state", "daulah": "state", "dawlah": "state",
    "katibat": "battalion", "katiba": "battalion", "kataib": "brigades",
    "saraya": "companies", "ansar": "supporters",
    "islamiya": "islamic", "islamiyya": "islamic", "islamiyah": "islamic", "islamiyyah": "islamic",
}
"""Words of organisations' names and their English translation, lower case: the one table of
translation equivalents. An organisation's name and its translation are one organisation when
every word matches once translated, in any order and with connectors set aside ("Jabhat
al-Nusra" = "Nusra Front" = "al-Nusra Front"; "Jaysh al-Islam" = "Army of Islam"), and at
least one word was translated; "Popular Front" is not "Jabhat al-Nusra" (its core differs).
Also spelling variants of an English organisation word ("Organization"/"Organisation").
The entity merge rule `translation` reads it."""
PARTY_MEMBER_FORMS: dict[str, tuple[str, ...]] = {
    "Conservative Party": ("Tory", "Tories", "Conservatives"),
    "Labour Party": ("Labour",),
    "Liberal Democrats": ("Lib Dems", "Lib Dem", "LibDems"),
    "Democratic Party": ("Democrats", "Democrat"),
    "Republican Party": ("Republicans", "GOP", "G.O.P.", "Grand Old Party"),
}
"""A party's name -> the forms news uses for the party and its members ("the Tories", "a
Democrat"). The singular adjectives ("Conservative", "Democratic", "Republican") are left out:
"Conservative" before another noun describes it ("a Conservative think tank", "Republican
voters") and is related to the party like a demonym, not merged. The entity merge rule
`party_members` reads it, with `PARTY_FORMS_NEEDING_SUPPORT`."""
PARTY_FORMS_NEEDING_SUPPORT: frozenset[str] = frozenset({"conservatives", "labour", "democrats", "democrat",
                                                         "republicans"})
"""Party forms (lower case) that also have other senses ("conservatives" as people of a view,
"labour" as work): they join their party only where the corpus also names it by its full name
or by another of its forms."""
PLACE_HEADS: frozenset[str] = frozenset({
    "island", "islands", "isle", "county", "bay", "sound", "street", "road", "avenue", "square",
    "park", "bridge", "airport", "hospital", "palace", "mountains", "valley", "river", "lake",
    "strait", "channel", "peninsula", "city", "town", "land", "hall", "gardens", "stadium", "racecourse"})
"""Last words of a place's or a building's name ("Prince Edward Island", "King Fahd Airport"):
a title before them is part of the name, not a person's title; entity cleaning."""
SPEAKER_TITLES: tuple[str, ...] = tuple((
    "Mr. Mrs. Ms. Miss Dr. Sen. Senator Rep. Representative Gov. Governor President Pres. "
    "Vice Secretary Sec. Judge Justice Gen. General Col. Lt. Capt. Adm. Rev. Father Prof. "
    "Professor Mayor Chairman Chairwoman Speaker Ambassador Minister Premier Prime Prince "
    "Princess King Queen Lord Lady Sir Dame Pope Rabbi Imam Sheikh Attorney Former former "
    "Candidate Commissioner Director Chief Officer Sgt. Det. Supt. Insp. Gen"
).split())
"""Titles as written before a speaker's name ("Sen. Ted Cruz", "Former Gov. Jeb Bush"): case
and full stop as in news copy, for the attribution engine's name patterns. Unlike
`TITLE_WORDS` (lower case, stripped from entity mentions, with connectors such as "of" and
qualifiers such as "foreign") these stand only right before a name."""
WRITTEN_ABBREVIATIONS: frozenset[str] = frozenset(
    {t[:-1] for t in SPEAKER_TITLES if t.endswith(".")}
    | {a.capitalize() for a in TITLE_ABBREVIATIONS | COMPANY_ABBREVIATIONS}
    | (set(MONTH_ABBREVIATIONS) - {"Jun", "Jul"})
    | {"No", "Vol", "Ft", "Mt", "vs", "etc", "U.S", "U.N", "U.K", "D.C", "R", "D", "I"})
"""Abbreviations as written, without the full stop, whose full stop ends no sentence or name:
the attribution engine's list (the dotted `SPEAKER_TITLES`, `TITLE_ABBREVIATIONS` and
`COMPANY_ABBREVIATIONS` capitalised, the month abbreviations but "Jun" and "Jul", party
initials)."""
ORG_NAME_WORDS: frozenset[str] = frozenset((
    "Campaign Committee Party Department Ministry Agency Administration Council Commission "
    "Association Foundation Institute Center Centre University College Corporation Corp "
    "Corp. Inc Inc. Co. Company Group Network News Times Post Journal Press Service Office "
    "Bureau Union League Federation Court Congress Senate House Church Bank Fund Board "
    "Organization Organisation Coalition Alliance Society Club Team Reuters AP Tribune "
    "Herald Guardian Telegraph Gazette Magazine Review Channel Radio Television TV Media "
    "PAC Caucus Republicans Democrats Police Army Navy Forces Government Authority "
    "Commission Project Industries Holdings Partners Airlines Motors Systems"
).split())
"""Capitalised words, as written, that make a speaker's name an organisation's ("Obama
Campaign", "Reuters"); the attribution engine (cf. the lower-case `ORG_HEADS`)."""
NOT_NAME_WORDS: frozenset[str] = frozenset((
    "The A An And But Or So If In On At To For Of By With From As When While After Before "
    "Since Because Although Though Yet Still Then Now This That These Those There Here "
    "Its His Her Their Our My Your Who What Where Why How Which One "
    "Mr Mrs Ms Dr Yes No Not All Some Many Most Every Each Both "
    "Also Even Just Only Instead However Meanwhile Moreover Indeed Like Unlike Despite "
    "During Under Over Until Among Between Through Against Without Within Across Asked "
    "According Speaking Asked ABSTRACT FULL TEXT Photo Image Read More Watch Related "
    "Update UPDATE Editor Note God Christmas Easter Thanksgiving America American "
    "Americans U.S. US Later Earlier Afterward Afterwards Tonight "
    "Sources Officials Critics Supporters Analysts Experts Aides"
).split()) | {w.capitalize() for w in PERSONAL_PRONOUNS | RELATIVE_DAYS} | set(WEEKDAY_NAMES) | set(MONTH_NAMES) | {
    f"{a}." for a in MONTH_ABBREVIATIONS}
"""Capitalised words that never begin or end a speaker's name: function words, pronouns,
weekdays, months ("Jan." ... "Dec."), relative days, sentence adverbs and a few headline
words; the attribution engine."""
BARE_SOURCES: frozenset[str] = frozenset({
    "officials", "aides", "sources", "police", "analysts", "advisers", "advisors", "experts", "critics",
    "supporters", "witnesses", "reports", "documents", "data", "polls", "prosecutors", "investigators",
    "organizers", "people", "residents", "voters", "democrats", "republicans"})
"""Bare plural nouns that can follow an inverted cue as its subject ("..., said officials");
the attribution engine."""

# --------------------------------------------------------------------------- counted nouns

COUNT_SKIP_WORDS: frozenset[str] = frozenset({"more", "additional", "other", "further", "extra", "new", "fewer"})
"""Words skipped at the start of a counted noun phrase ("500 more troops"); claims."""
PARTICIPLE_GROUPS: frozenset[str] = frozenset({
    "dead", "wounded", "displaced", "homeless", "injured", "missing", "killed", "detained",
    "arrested", "disappeared", "besieged", "trapped", "affected", "elderly", "poor", "hungry",
    "sick", "jobless", "unemployed"})
"""Adjectives and participles used as a plural group noun ("the dead", "300 wounded")."""
PLURAL_GROUP_NOUNS: frozenset[str] = PARTICIPLE_GROUPS | {
    "people", "children", "men", "women", "police", "personnel", "staff", "militia", "cattle",
    "livestock", "faithful", "youth", "clergy", "crew", "infantry", "cavalry", "aid", "population",
    "casualties", "deaths", "feet", "sheep", "fish", "deer", "data"}
"""Nouns that count without a plural -s ("300 people", "20 wounded"); claims."""
ADJECTIVE_GROUP_WORDS: frozenset[str] = PARTICIPLE_GROUPS | {
    "starving", "armed", "internally", "newly", "forcibly", "uprooted", "stranded", "kidnapped",
    "abducted", "imprisoned", "jailed", "executed", "evacuated", "returned", "registered",
    "undocumented", "remaining", "fleeing", "fighting", "trained", "vetted", "retired",
    "separated", "unaccompanied"}
"""Adjectives (and adverbs before them) that stand before or for the counted group
("internally displaced", "newly registered"); claims."""
SINGULAR_EXCEPTIONS: dict[str, str] = {
    "people": "people", "children": "child", "men": "man", "women": "woman", "police": "police",
    "troops": "troop", "casualties": "casualty", "militias": "militia", "lives": "life",
    "series": "series", "species": "species", "news": "news", "dollars": "dollar"}
"""Plurals whose singular is not the word less its -s ("children" -> child); claims."""
GROUP_SYNONYMS: dict[str, str] = {
    "person": "people", "persons": "people", "civilian": "people", "resident": "people",
    "inhabitant": "people", "individual": "people", "displaced": "people", "idp": "people",
    "population": "people", "soul": "people", "life": "people", "%": "%",
    "soldier": "troop", "serviceman": "troop", "servicemen": "troop",
    "militant": "fighter", "rebel": "fighter", "jihadist": "fighter", "insurgent": "fighter",
    "combatant": "fighter", "dead": "death", "killed": "death", "fatality": "death",
    "casualty": "death",
}
"""Singular counted nouns -> the group they are compared as ("civilian" -> people); claims."""

# --------------------------------------------------------------------------- places

DIRECTIONS = frozenset({
    "northern", "southern", "eastern", "western", "northeastern", "northwestern", "southeastern",
    "southwestern", "north-eastern", "north-western", "south-eastern", "south-western",
    "central", "northeast", "northwest", "southeast", "southwest"})
"""Direction words that qualify a place ("northwestern Syria"); not part of its name."""
CARDINAL_POINTS: frozenset[str] = frozenset({"north", "south", "east", "west"})
"""The four cardinal points as nouns ("the north")."""
VAGUE_PROVINCE_NAMES: frozenset[str] = DIRECTIONS | CARDINAL_POINTS | {"capital"}
"""Words that are also the name of some province ("Western", "Central"): no evidence of a place;
entity type voting."""
ADMIN_WORDS = frozenset({"province", "governorate", "state", "region", "district", "county", "oblast",
                         "prefecture", "department", "canton", "emirate", "territory", "municipality"})
"""Words that name a first-level region ("Idlib province", "the state of Ohio")."""
METONYMY_VERBS = frozenset({
    "said", "says", "say", "warned", "warns", "views", "view", "opposed", "opposes", "denied", "denies",
    "announced", "announces", "accused", "accuses", "insisted", "insists", "rejected", "rejects",
    "responded", "responds", "urged", "urges", "threatened", "threatens", "wants", "wanted",
    "would", "will", "has", "have", "had", "is", "was", "sent", "sends", "backed", "backs",
    "supported", "supports", "demanded", "demands", "agreed", "agrees", "refused", "refuses",
    "imposed", "imposes", "condemned", "condemns", "believes", "believed", "helped", "helps",
})
"""Verbs that make a capital's name stand for its government ("Washington said")."""

AIR_TRAVEL_WORDS: frozenset[str] = frozenset((
    "flight flights flew fly flying flown landed landing lands land departed departing departs "
    "arrived arriving arrives diverted jet jets plane planes passengers").split())
"""Words of air travel before "from", "to", "at" ... that make the name after them an
airport's ("flights from Heathrow", "landed at Gatwick"); places."""

# --- quotes and attribution ---

ANSWER_VERBS: frozenset[str] = frozenset({"answered", "answers", "answering"})
"""Reporting verbs the quote and claim cues add to `REPORTING_VERBS` ("...," he answers); not
the base form ("refused to answer", "a stock answer")."""
PREPOSITIONS: frozenset[str] = frozenset((
    "in at on during after before since for with from by of to under over among amid amidst despite "
    "through throughout without within across against near into onto upon about around behind beyond "
    "beside besides inside outside toward towards via following ahead"
).split())
"""Prepositions, lower case: a phrase that opens with one is no speaker ("In opening remarks"),
and a name right after one is its object, not a speaker ("his visit to Damascus")."""
MALE_TITLES: frozenset[str] = frozenset({"Mr", "Mr.", "Sir", "Lord", "King", "Prince", "Father", "Brother",
                                         "Congressman", "Chairman", "Spokesman", "Sultan", "Emir", "Pope"})
FEMALE_TITLES: frozenset[str] = frozenset({"Mrs", "Mrs.", "Ms", "Ms.", "Miss", "Madam", "Lady", "Dame", "Queen",
                                           "Princess", "Sister", "Congresswoman", "Chairwoman", "Spokeswoman"})
"""Titles written right before a name that say the person is a man (`MALE_TITLES`) or a woman."""
MALE_FIRST_NAMES: frozenset[str] = frozenset((
    "Donald Barack Bernie Ted Marco Jeb Ben John Joe Joseph Mike Michael Paul Rand Rick Scott Bill William "
    "George Mitt Jim James Tim Tom Thomas Mark Steve Stephen Steven David Robert Bob Richard Charles Peter "
    "Andrew Matt Matthew Kevin Brian Jeff Eric Harry Reince Newt Rudy Martin Ronald Jimmy Al Dick Antonin "
    "Vladimir Sergei Sergey Dmitry Bashar Hafez Hassan Mohammad Mohammed Muhammad Mahmoud Ali Javad Recep "
    "Tayyip Emmanuel Francois Boris Justin Benjamin Ehud Abdel Abdullah Hamad Salman Hilal Staffan Ahmed "
    "Ahmad Omar Hussein Saddam Hosni Moammar Muammar Kofi Ban Antonio Angelo Pierre Xavier Frank"
).split())
FEMALE_FIRST_NAMES: frozenset[str] = frozenset((
    "Hillary Nikki Carly Sarah Nancy Elizabeth Michelle Melania Ivanka Angela Theresa Kellyanne Huma Debbie "
    "Megyn Condoleezza Madeleine Federica Kamala Jill Laura Ursula Maria Mary Anne Ann Anna Susan "
    "Karen Linda Barbara Patricia Jennifer Jessica Emily Rachel Rebecca Catherine Katherine Kate Jane Julia "
    "Diane Dianne Donna Sharon Claire Samantha Amy Lisa Heather Christine Hope Katie Elaine Loretta Janet "
    "Sheryl Gina Maggie Margaret Ruth Sonia Elena Valerie Chelsea Monica Hannah Sophie Emma Olivia Natalia "
    "Tulsi Amal Huda Fatima Aisha Leila Layla Rania Bouthaina Zainab Mariam Maryam"
).split())
"""First names that say the person is a man or a woman: a modest list of unambiguous names
(names common in the news of these corpora; names given to both, "Jordan", "Kelly",
"Lindsey", "Chris", "Jean", are left out, and so are words that are also titles, "Marine"). A
pronoun "she" never resolves to a man known as such."""
DOCUMENT_NOUNS: frozenset[str] = frozenset((
    "report reports statement statements letter memo memorandum document documents tweet tweets post "
    "article study survey poll editorial paper op-ed filing complaint lawsuit release transcript video "
    "ad advertisement email message website blog book column analysis indictment ruling order resolution "
    "communique note sign banner poster headline caption petition record records cable dossier draft "
    "text speech declaration notice bulletin page clip suit"
).split())
"""Nouns of a written or recorded source: a speaker phrase headed by one ("the report", "A
statement from the ministry") is typed ``document``, never ``person``."""
SPEAKER_PERSON_HEADS: frozenset[str] = frozenset((
    "nominee source user moderator investor tycoon designer aide narrator organizer organiser member "
    "republican democrat voter host anchor writer author columnist mogul billionaire businessman "
    "businesswoman strategist pollster consultant staffer campaigner supporter critic rival"
).split())
"""Head nouns of a speaker phrase that name one person, beyond `ROLE_NOUNS` and `PERSON_NOUNS`
("the presumptive Republican presidential nominee", "one user"): typed ``person``."""
SPEAKER_GROUP_HEADS: frozenset[str] = frozenset({"crowd", "audience", "panel", "jury", "family", "couple"})
"""Head nouns of a speaker phrase that name a group of people ("the crowd"): typed ``group``."""
SOURCE_ADJECTIVES: frozenset[str] = frozenset({"close", "closer", "closest", "familiar", "near"})
"""Adjectives after a source's head noun, before its preposition ("a source close to the talks",
"a person familiar with the matter"): the phrase is one speaker, headed by the noun before them."""
SPEAKER_TYPES: tuple[str, ...] = ("person", "organisation", "document", "group", "unknown")
"""The values of a quote's ``speaker_type`` (the quotes table's column)."""
