"""Word lists for place names and place phrases: compass qualifiers, generic place nouns,
administrative divisions, institutions named after a place, locative prepositions.

Source. Hand-collected by the dateline authors from news datelines and place phrases; the
division words are the English names of administrative divisions that follow a place name.
"""

from __future__ import annotations

# Prepositions that say where something is or happened: "in Kabul", "outside the embassy".
LOCATIVE_PREPOSITIONS = frozenset({"in", "at", "near", "outside", "inside", "across",
                                   "throughout", "around", "within", "off", "over", "into",
                                   "on"})

# Words that qualify a place without being part of its name: "North Texas", "metro Atlanta".
PLACE_QUALIFIERS = frozenset("""
north south east west northern southern eastern western northeast northwest southeast
southwest northeastern northwestern southeastern southwestern central upper lower greater
metro metropolitan downtown inner outer rural suburban coastal mid far
""".split())

# Words that alone name a kind of place, not one place: "East" (a region of Cameroon), "Metro",
# "University" (a town in Florida), "Valley".
GENERIC_PLACE_WORDS = PLACE_QUALIFIERS | frozenset("""
university college valley street point park lake river hill hills city county district village
town center centre square beach island bay harbor harbour heights mountain springs station
airport uptown midtown
""".split())

# Words that, right after a place name, make the whole an institution of that place: "Mansfield
# Police Department", "Rapides Parish Fire District", "Minnesota House". Street and landmark
# words are left out: "Orchard Street" is not in a town called Orchard.
INSTITUTION_WORDS = frozenset("""
police sheriff sheriff's fire county city town township parish village court courthouse
jail department dept office council commission board school schools district high middle
elementary university college hospital medical airport library zoo museum house senate
legislature assembly state government public regional municipal chamber convention metro
metropolitan international national health water transit emergency community embassy
consulate supreme superior appellate circuit
""".split())

# Words for an administrative division: after a name they say the name is a division ("the
# Artibonite region", "Nyanza Province", "Harris County"), so a division of that name is meant.
DIVISION_WORDS = frozenset({"region", "province", "governorate", "prefecture", "oblast",
                            "department", "state", "territory", "municipality", "county",
                            "parish", "district", "borough"})

# Words of country names that say nothing by themselves ("Republic" of "Czech Republic").
GENERIC_NAME_WORDS = frozenset("""
republic democratic people's peoples federal federated united kingdom islands island of the and
north south east west northern southern eastern western central new saint great arab islamic
socialist union commonwealth state states principality grand duchy plurinational bolivarian
sultanate federation
""".split())

# Nouns that wrap a place name without being the place: "the city of Mosul".
PLACE_WRAPPERS = frozenset({"city", "town", "village", "province", "region", "state", "capital",
                            "district", "county", "area", "country", "port", "island", "suburb",
                            "neighborhood", "neighbourhood", "outskirts", "centre", "center",
                            "streets", "part", "parts", "north", "south", "east", "west"})

# Combining forms that open compounds of nationality words: "Sino-Japanese", "Franco-German".
NATIONALITY_COMBINING_FORMS = frozenset({"Sino", "Franco", "Anglo", "Russo", "Indo", "Afro",
                                         "Euro", "Turco", "Greco", "Italo", "Austro", "Hispano",
                                         "Judeo", "Irano", "Arab"})

# Words of newspaper and station names ("Beaumont Enterprise", "Fresno Bee") that are also the
# names of towns somewhere: in a host name they name the outlet, not its home (places/outlet.py).
OUTLET_NAME_WORDS = frozenset("""
enterprise sentinel tribune herald times news post press journal gazette courier star sun record
register observer examiner reporter reflector advocate independent chronicle dispatch republic
telegram leader bee eagle ledger mirror online live now today daily weekly metro central valley
city county home source patch crime police breeze
""".split())

# Words of a site's name or slogan in a page title ("KSLA News 12 Shreveport, Louisiana News
# Weather & Sports") that are not its home, though a town somewhere may bear them.
SITE_NAME_WORDS = frozenset("""
weather sports traffic video videos breaking headlines closings social channel action
alerts stormtracker classifieds local region
""".split())

# Second-level labels of country domains ("dailymail.co.uk"), and the top-level domains that
# say nothing of a country (read as American by places/outlet.py: such outlets mostly are).
COUNTRY_DOMAIN_LABELS = frozenset({"co", "com", "org", "net", "gov", "ac", "news"})
GENERIC_DOMAINS = frozenset({"com", "org", "net", "us", "info", "biz", "news", "tv", "fm"})
