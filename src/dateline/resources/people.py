"""Word lists for people and organisations: titles, offices, collective nouns, kinds of bodies.

Source: compiled by the dateline authors from English news usage (AP Stylebook title
conventions for honorifics and military ranks; common office nouns in wire copy). These are
general English vocabulary, not drawn from any evaluation set.
"""

from __future__ import annotations

# Honorifics and ranks written before a name ("Gen.", "Mr."); matched lower-case, dot optional.
TITLES = frozenset("""
mr mrs ms miss mx dr prof sir dame lord lady rev reverend fr father sister brother
gen general lt lieutenant col colonel maj major capt captain cmdr commander adm admiral
sgt sergeant cpl corporal pvt private brig brigadier marshal field-marshal
sen senator rep representative gov governor amb ambassador hon honorable judge justice
president vice-president pres king queen prince princess emperor empress sheikh sheik emir
pope cardinal bishop archbishop rabbi imam ayatollah chancellor premier mayor
""".split())

# Nouns naming an office or occupation: "spokesperson", "Supreme Leader", "chief executive".
OFFICES = frozenset("""
president vice-president chairman chairwoman chair chairperson ceo cfo coo cto executive
director chief head leader minister secretary spokesperson spokesman spokeswoman speaker
commander general admiral officer official envoy ambassador diplomat governor mayor senator
representative lawmaker legislator congressman congresswoman mp deputy delegate prosecutor
attorney lawyer judge justice magistrate sheriff inspector commissioner superintendent
founder co-founder owner manager adviser advisor aide counsel consultant analyst economist
professor researcher scientist expert editor reporter correspondent journalist columnist
coach captain player striker goalkeeper chancellor premier king queen prince princess monarch
emperor pope cardinal bishop archbishop imam rabbi ayatollah cleric pastor priest
chairman-elect president-elect nominee candidate activist campaigner organiser organizer
negotiator mediator administrator coordinator strategist commentator author founder-ceo
dictator ruler strongman warlord regent chieftain tycoon magnate
""".split())

# Plural or collective nouns that, with a nationality or place before them, name a group actor.
COLLECTIVES = frozenset("""
authorities officials forces troops soldiers police army military government ministry
militants rebels insurgents fighters protesters demonstrators activists lawmakers leaders
diplomats negotiators investigators prosecutors officers guards navy coastguard
""".split())

# Kind nouns by which an article refers back to an organisation ("the alliance").
ORG_KIND_NOUNS = frozenset("""
alliance bloc union organization organisation agency company firm corporation group party
mission ministry department government bank fund court council committee commission army
military navy church university school college airline carrier manufacturer maker
network broadcaster newspaper paper league federation association club team board
foundation institute regime administration parliament congress senate coalition movement
""".split())

# Kinds of well-known bodies, so "the alliance" can find NATO (general knowledge of what each is).
KNOWN_ORG_KINDS = {
    "nato": ("alliance", "bloc"),
    "north atlantic treaty organization": ("alliance", "bloc"),
    "european union": ("bloc", "union"),
    "eu": ("bloc", "union"),
    "united nations": ("organization", "organisation", "body"),
    "un": ("organization", "organisation", "body"),
    "african union": ("bloc", "union"),
    "asean": ("bloc", "association"),
    "opec": ("cartel", "organization", "group"),
    "world health organization": ("agency", "organization"),
    "who": ("agency", "organization"),
    "imf": ("fund", "lender"),
    "international monetary fund": ("fund", "lender"),
    "world bank": ("bank", "lender"),
    "fifa": ("federation", "body"),
    "ioc": ("committee",),
    "nasa": ("agency",),
    "fbi": ("agency", "bureau"),
    "cia": ("agency",),
    "afp": ("agency",),
    "reuters": ("agency",),
    "associated press": ("agency",),
    "ap": ("agency",),
}

# Name endings that tell what kind of body an organisation is ("Apple Inc." is a company).
ORG_SUFFIX_KINDS = {
    "inc": ("company", "firm", "corporation"), "inc.": ("company", "firm", "corporation"),
    "corp": ("company", "firm", "corporation"), "corp.": ("company", "firm", "corporation"),
    "corporation": ("company", "firm", "corporation"), "ltd": ("company", "firm"),
    "ltd.": ("company", "firm"), "llc": ("company", "firm"), "plc": ("company", "firm"),
    "co.": ("company", "firm"), "group": ("group", "company"), "airlines": ("airline", "carrier", "company"),
    "airways": ("airline", "carrier", "company"), "computer": ("company", "firm"),
    "university": ("university",), "college": ("college",), "party": ("party",),
    "ministry": ("ministry",), "bank": ("bank", "lender"), "church": ("church",),
    "army": ("army", "military"), "court": ("court",), "council": ("council",),
    "committee": ("committee",), "commission": ("commission",), "agency": ("agency",),
    "mission": ("mission",), "union": ("union",), "federation": ("federation",),
    "association": ("association",), "foundation": ("foundation",), "institute": ("institute",),
}

# The last word of a name that makes it an organisation or a building, never a person or a
# place, whatever NER makes of it ("the App Store", "Boston University", "Ataturk Airport"):
# general English usage for the heads of such names. Words that are also surnames or first
# names in English (Court, Church, Bank, Banks, Mission, Union) are left out.
BODY_NAME_ENDINGS = {
    **dict.fromkeys("store stores inc inc. corp corp. corporation ltd ltd. llc plc co. company "
                    "airlines airways university college ministry institute foundation "
                    "association federation committee commission agency council".split(), "ORG"),
    **dict.fromkeys("airport hospital museum stadium arena cathedral".split(), "FAC"),
}

# Words that never start or end a name when spaCy includes them in an entity span.
NAME_TRIM = frozenset({"the", "a", "an", "'s", "’s", "'", "’"})
# Lower-case particles inside personal names ("Lula da Silva") that do not identify a person alone.
NAME_PARTICLES = frozenset({"da", "de", "del", "der", "di", "do", "dos", "du", "el", "al", "bin",
                            "ibn", "la", "le", "van", "von", "y", "jr", "jr.", "sr", "sr."})

# Titles as the entities stage reads them (AP Stylebook conventions, as above).
TITLE_MODIFIERS = frozenset({"then", "former", "acting", "late", "deputy", "vice", "interim",
                             "outgoing", "incoming", "ex", "assistant", "senior", "chief", "top"})
# Ranks and honorifics are titles; offices ("President", "spokesperson") are roles.
MILITARY_RANKS = frozenset({"general", "gen", "admiral", "adm", "captain", "capt", "colonel", "col",
                            "major", "maj", "lieutenant", "lt", "sergeant", "sgt", "commander", "cmdr",
                            "brigadier", "brig", "marshal", "corporal", "cpl", "private", "pvt"})
# Titles that tell a person's sex, so that "she" can refer back to "Mrs. Smith".
FEMALE_TITLES = frozenset({"mrs", "mrs.", "ms", "ms.", "miss", "dame", "lady", "queen",
                           "princess", "sister"})
MALE_TITLES = frozenset({"mr", "mr.", "sir", "lord", "king", "prince", "father", "brother"})

# Nouns for an armed or organised group, after whose name they stand ("the Daesh terrorist
# group"); general English usage. Not "company" or "party", which follow places ("a Texas
# company") as often as names.
GROUP_NOUNS = frozenset({"group", "movement", "militia", "organisation", "organization",
                         "network", "faction", "gang", "cartel"})
