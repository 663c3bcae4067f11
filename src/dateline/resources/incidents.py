"""Words and tables the incidents stage reads: accidents and disasters, readable sub-events,
anaphoric mentions and the figures an incident carries.

Source: compiled by the dateline authors. The hazard and accident categories follow the
EM-DAT classification of disasters (CRED, UCLouvain: geophysical, hydrological,
meteorological, climatological; technological: industrial, transport and miscellaneous
accidents) and ACLED's sub-event vocabulary for the readable labels ("air/drone strike",
"shelling/artillery/missile attack", "arrests"); the words are general English news usage,
not drawn from any evaluation set. Precisions follow ACLED's codebook (time precision 1 day,
2 week, 3 month; geo precision 1 town, 2 larger named area, 3 region or country).
"""

from __future__ import annotations

# Disaster words (EM-DAT natural hazards) -> the readable sub-event. Inflected forms are listed
# so that the stage needs no lemmatizer.
DISASTERS: dict[str, str] = {
    "earthquake": "earthquake", "earthquakes": "earthquake", "quake": "earthquake",
    "quakes": "earthquake", "tremor": "earthquake", "aftershock": "earthquake",
    "tsunami": "tsunami", "flood": "flood", "floods": "flood", "flooding": "flood",
    "flash-flood": "flood", "landslide": "landslide", "landslides": "landslide",
    "mudslide": "landslide", "mudslides": "landslide", "avalanche": "avalanche",
    "cyclone": "cyclone", "hurricane": "hurricane", "typhoon": "typhoon", "tornado": "tornado",
    "tornadoes": "tornado", "storm": "storm", "storms": "storm", "blizzard": "storm",
    "snowstorm": "storm", "heatwave": "heat wave", "drought": "drought", "wildfire": "wildfire",
    "wildfires": "wildfire", "bushfire": "wildfire", "eruption": "volcanic eruption",
    "volcano": "volcanic eruption", "lightning": "lightning strike",
}

# Accident words (EM-DAT technological disasters) -> the readable sub-event; a vehicle or
# structure named with it makes the label ("crane" + "collapse" -> "crane collapse").
ACCIDENTS: dict[str, str] = {
    "crash": "crash", "crashed": "crash", "crashes": "crash", "collision": "collision",
    "collided": "collision", "collapse": "collapse", "collapsed": "collapse",
    "collapsing": "collapse", "fall": "collapse", "fell": "collapse", "toppled": "collapse",
    "derailment": "derailment", "derailed": "derailment",
    "capsized": "capsizing", "capsizing": "capsizing", "sank": "sinking", "sinking": "sinking",
    "shipwreck": "shipwreck", "explosion": "explosion", "exploded": "explosion",
    "blast": "explosion", "fire": "fire", "fires": "fire", "blaze": "fire", "inferno": "fire",
    "stampede": "stampede", "crush": "crush", "accident": "accident", "accidents": "accident",
    "mishap": "accident", "spill": "spill", "leak": "leak", "drowning": "drowning",
    "drowned": "drowning",
}

# Things that crash, collapse, burn or sink; named beside an accident word they complete the
# label ("plane crash", "building collapse", "factory fire").
ACCIDENT_OBJECTS = frozenset("""
plane airplane aircraft airliner jet helicopter chopper train bus coach car truck lorry van
tanker motorcycle boat ferry ship vessel crane building bridge roof wall tower mine dam
factory plant warehouse refinery pipeline stadium hotel house apartment tenement market
hospital school mosque church temple gas boiler road highway
""".split())

# Words that make the harm deliberate: beside them an accident word is an attack ("a bomb
# blast", "a gunman opened fire") and the events stage's ASSAULT stands.
DELIBERATE = frozenset("""
bomb bomber bombing suicide attack attacker gunman gunmen gunfire shooter shooting shot shoot
terrorist militant insurgent rebel arson arsonist grenade ied explosive rocket missile
airstrike strike shelling murder murdered stabbed stabbing
""".split())

# Words that tell a death or an injury was dealt, not suffered by accident: "found dead in an
# apparent murder-suicide", "died of a gunshot wound".
VIOLENT_HARM = DELIBERATE | frozenset("""
gunshot gunshots homicide homicides slaying slain killing manslaughter shootout stabbing
murder-suicide strangled beaten
""".split())

# Words that say harm was not dealt on purpose: "Boy accidentally shoots brother".
ACCIDENT_WORDS = frozenset({"accident", "accidental", "accidentally", "unintentional"})

# Figure kinds (claims' predicate kinds) an incident carries, in the order they are shown.
FIGURE_KINDS = ("killed", "injured", "shot", "casualties", "missing", "abducted", "arrested",
                "detained", "displaced", "evacuated", "rescued", "deployed", "released")
# Kinds that count people harmed: an incident's size, and what makes an accident an incident.
HARM_KINDS = frozenset({"killed", "injured", "shot", "casualties", "missing"})

# (PLOVER type, mode) -> readable sub-event; a missing mode falls back on the type's row.
SUB_EVENTS: dict[tuple[str, str | None], str] = {
    ("ASSAULT", "aerial"): "air strike", ("ASSAULT", "drone"): "drone strike",
    ("ASSAULT", "missile"): "missile attack", ("ASSAULT", "shelling"): "shelling",
    ("ASSAULT", "explosives"): "bombing", ("ASSAULT", "suicide-attack"): "suicide bombing",
    ("ASSAULT", "grenade"): "grenade attack", ("ASSAULT", "chemical"): "chemical attack",
    ("ASSAULT", "firearms"): "shooting", ("ASSAULT", "primitive"): "armed assault",
    ("ASSAULT", "beat"): "beating", ("ASSAULT", "sexual"): "sexual violence",
    ("ASSAULT", "abduct"): "abduction", ("ASSAULT", "mob"): "mob violence",
    ("ASSAULT", "loot"): "looting", ("ASSAULT", "destroy"): "destruction of property",
    ("ASSAULT", "torture"): "torture", ("ASSAULT", "execute"): "execution",
    ("ASSAULT", "assassinate"): "assassination", ("ASSAULT", "clash"): "armed clash",
    ("ASSAULT", "heavy-weapons"): "heavy weapons attack", ("ASSAULT", None): "attack",
    ("COERCE", "arrest"): "arrest", ("COERCE", "detain"): "detention",
    ("COERCE", "occupy"): "seizure of territory", ("COERCE", "defuse"): "weapons seized",
    ("COERCE", "confiscate"): "seizure", ("COERCE", "disperse"): "crowd dispersal",
    ("COERCE", "deport"): "deportation", ("COERCE", "curfew"): "curfew",
    ("COERCE", "ban"): "ban", ("COERCE", "censor"): "censorship",
    ("COERCE", None): "coercion", ("PROTEST", "riot"): "riot",
    ("PROTEST", "strike"): "strike", ("PROTEST", "strike-hun"): "hunger strike",
    ("PROTEST", None): "protest", ("MOBILIZE", "troops"): "troop deployment",
    ("MOBILIZE", None): "mobilization", ("RETREAT", "withdraw"): "withdrawal",
    ("RETREAT", "release"): "release", ("RETREAT", None): "retreat",
    ("AID", None): "aid", ("CONSULT", None): "meeting", ("AGREE", None): "agreement",
    ("SUPPORT", None): "support", ("COOPERATE", None): "cooperation",
    ("CONCEDE", None): "concession", ("REQUEST", None): "request", ("REJECT", None): "rejection",
    ("ACCUSE", None): "accusation", ("THREATEN", None): "threat", ("SANCTION", None): "sanction",
}

# Types that contradict one another when one speaker says both about one thing in one
# sentence: a quote is agreement or rejection, not both.
OPPOSITES = frozenset({frozenset({"AGREE", "REJECT"}), frozenset({"SUPPORT", "ACCUSE"}),
                       frozenset({"SUPPORT", "REJECT"}), frozenset({"COOPERATE", "REJECT"}),
                       frozenset({"CONCEDE", "REJECT"})})


def sub_event(type_: str, mode: str | None) -> str:
    """Return the readable sub-event of a PLOVER type and mode ("ASSAULT", "aerial" -> "air strike")."""
    return SUB_EVENTS.get((type_, mode)) or SUB_EVENTS.get((type_, None)) or type_.lower()


# Figure kind -> the incident types it may count for; harm goes with violence and accidents,
# arrests with coercion. Kinds not listed go with any type.
FIGURE_TYPES: dict[str, frozenset[str]] = {
    **{kind: frozenset({"ASSAULT", "ACCIDENT", "DISASTER", "PROTEST"})
       for kind in ("killed", "injured", "shot", "casualties")},
    "missing": frozenset({"ASSAULT", "ACCIDENT", "DISASTER"}),
    "abducted": frozenset({"ASSAULT"}),
    "arrested": frozenset({"COERCE", "PROTEST", "ASSAULT"}),
    "detained": frozenset({"COERCE", "PROTEST", "ASSAULT"}),
    "displaced": frozenset({"ASSAULT", "ACCIDENT", "DISASTER", "RETREAT", "AID", "MOBILIZE"}),
    "evacuated": frozenset({"ACCIDENT", "DISASTER", "RETREAT", "AID", "MOBILIZE", "ASSAULT"}),
    "rescued": frozenset({"ACCIDENT", "DISASTER", "AID", "MOBILIZE"}),
    "deployed": frozenset({"MOBILIZE", "RETREAT"}),
    "released": frozenset({"RETREAT", "COERCE"}),
}

# GeoNames feature codes -> ACLED geo precision; codes not listed fall back on the feature
# class (P populated place and S spot: 1; A and L areas: 2).
GEO_PRECISION: dict[str, int] = {
    "ADM1": 3, "ADM1H": 3, "PCL": 3, "PCLI": 3, "PCLD": 3, "PCLF": 3, "PCLS": 3, "PCLIX": 3,
    "TERR": 3, "CONT": 3, "RGN": 3, "ZN": 3, "ADM2": 2, "ADM3": 2, "ADM4": 2, "ADMD": 2,
    "AREA": 2, "ISL": 2, "ISLS": 2, "PRK": 2, "VAL": 2, "MT": 2,
}
# TimeML precisions -> ACLED time precision.
TIME_PRECISION: dict[str, int] = {"second": 1, "minute": 1, "hour": 1, "day": 1, "week": 2}

# What each factuality tells of a happening: that it happened ("real"), that it did not
# ("unreal"), that it may yet ("maybe"), or that it happened long ago ("past"). One table, two
# views, as two questions are asked of it and they differ on "historical" alone:
# - may two events be one happening (incident grouping)? A happening told as long past is not
#   today's ("the 2004 tsunami" beside this week's flood; a past relocation and a planned one
#   are two records too), so "past" stays apart (folding it into "real" changes the golden
#   files);
# - do two readings of one predicate tell the same state of it (event duplicates)? An event
#   said to have happened long ago happened, so there "past" is "real": "attacked" and "would
#   attack" are two events even in one sentence, "attacked" and "had attacked in 2004" one.
FACT_CLASSES: dict[str, str] = {
    "asserted": "real", "historical": "past", "negated": "unreal", "denied": "unreal",
    "hypothetical": "maybe", "future": "maybe"}
# The grouping view: "past" apart.
SAME_HAPPENING_CLASSES = FACT_CLASSES
# The duplicates view: "past" counts as "real".
SAME_STATE_CLASSES: dict[str, str] = {
    factuality: "real" if fact == "past" else fact for factuality, fact in FACT_CLASSES.items()}

# Words of a death, an injury, a shooting, read near a number the casualty chooser weighs as
# a toll (learned/casualty_mentions.py): "two people were killed", "three were wounded".
HARM_WORDS = {
    "kill": frozenset("""killed killing kills dead died dies die death deaths slain fatal fatally
        fatalities homicide homicides murder murdered murders lives life deadly""".split()),
    "hurt": frozenset("""injured injuring injury injuries wounded wounding wounds wound hurt
        hospitalized hospital condition treated stable critical nonlife non-life survived
        grazed""".split()),
    "shot": frozenset("shot shooting shootings gunshot gunfire struck hit opened".split()),
}

# Words that say no one was harmed ("no one", "nobody", "none"): a count of zero.
NO_ONE_WORDS = frozenset({"no", "nobody", "none"})
