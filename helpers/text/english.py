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

# --------------------------------------------------------------------------- function words

DETERMINERS = frozenset({"the", "a", "an"})
PERSONAL_PRONOUNS: frozenset[str] = frozenset({"he", "she", "they", "it", "i", "we", "you"})
"""Subject pronouns that can stand for a speaker or an actor."""
OBJECT_PRONOUNS: dict[str, str] = {"him": "he", "her": "she", "them": "they", "it": "it", "me": "i",
                                   "us": "we", "you": "you"}
"""Object pronouns -> the subject pronoun they stand for ("according to them" -> they)."""
ABBREVIATIONS: frozenset[str] = frozenset({
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "sen", "rep", "gov", "lt", "col", "capt",
    "sgt", "prof", "rev", "inc", "corp", "co", "ltd", "no", "vs", "etc", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "fig", "u.s",
    "u.k", "u.n", "a.m", "p.m", "e.g", "i.e", "calif", "mass", "wash", "ariz", "fla", "ga",
})
"""Abbreviations whose full stop does not end a sentence ("Mr.", "Sept.", "U.S.")."""

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

# --------------------------------------------------------------------------- names and titles

NAME_PARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ed", "ez", "es", "et", "ul"})
"""Arabic article forms, dropped from matching keys only (they stay in the names shown)."""
LOWER_NAME_WORDS = frozenset({
    "al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ed", "ez", "es", "et", "ul", "bin", "ibn",
    "bint", "abu", "abd", "de", "del", "della", "der", "di", "da", "du", "dos", "das", "van", "von",
    "den", "la", "le", "y", "of", "for", "and", "the", "on", "in", "&"})
"""Lower-case words that may stand inside a name ("Staffan de Mistura", "Council on ...")."""
CONNECTORS = frozenset({"of", "for", "and", "&", "on", "in", "the", "de"})
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
ORG_HEADS = frozenset({
    "institute", "university", "department", "ministry", "front", "party", "army", "observatory",
    "council", "agency", "program", "programme", "commission", "committee", "organization",
    "organisation", "group", "brigade", "brigades", "movement", "forces", "force", "company",
    "corporation", "corp", "inc", "ltd", "bank", "news", "times", "post", "network", "office",
    "service", "services", "court", "union", "league", "association", "foundation", "fund",
    "alliance", "coalition", "center", "centre", "college", "school", "board", "authority",
    "assembly", "parliament", "senate", "congress", "guard", "guards", "police", "navy",
    "battalion", "militia", "federation", "society", "press", "tv", "radio", "daily", "gazette",
    "journal", "herald", "tribune", "telegraph", "channel", "bureau", "administration",
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

# --------------------------------------------------------------------------- places

DIRECTIONS = frozenset({
    "northern", "southern", "eastern", "western", "northeastern", "northwestern", "southeastern",
    "southwestern", "north-eastern", "north-western", "south-eastern", "south-western",
    "central", "northeast", "northwest", "southeast", "southwest"})
"""Direction words that qualify a place ("northwestern Syria"); not part of its name."""
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
