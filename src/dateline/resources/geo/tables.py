"""Hand-kept tables the gazetteer index adds to its registry sources, with where each comes from.

- COUNTRY_ALIASES, COUNTRY_ABBREVIATIONS: short and former country names as English-language
  news writes them (AP Stylebook usage: "U.S.", "Britain", "Ivory Coast"), mapped to ISO 3166
  alpha-2 codes; compiled by the dateline authors.
- US_STATE_ABBREVIATIONS: the AP Stylebook's abbreviations of state names ("state names" entry),
  mapped to the USPS codes that GeoNames uses as US admin1 codes.
- CA_PROVINCE_ABBREVIATIONS: the Canadian Press Stylebook's province abbreviations, mapped to
  GeoNames' admin1 codes for Canada.
- NEWS_REGIONS: regions news names that the UN M49 scheme does not, with their members by
  common definition (Middle East: the 17 states of the usual English usage; the Gulf: the
  states bordering the Persian Gulf; the Sahel: the G5 Sahel states; Latin America: the
  Spanish-, Portuguese- and French-speaking states of the Americas); compiled by the authors.
- M49_REGION_NAMES: the English names news uses for UN M49 (sub)regions, whose membership comes
  from countryinfo's subregion fields.
- DEMONYM_EXTRAS, DEMONYM_STOPWORDS: nationality adjectives missing from countryinfo, and words
  left out because they name a language or a people more often than a country.

Nothing here is drawn from an evaluation set.
"""

from __future__ import annotations

# Country names as news writers use them, beside the ISO and GeoNames names (ISO alpha-2).
COUNTRY_ALIASES: dict[str, str] = {
    "America": "US", "United States of America": "US", "the United States": "US",
    "Britain": "GB", "Great Britain": "GB", "United Kingdom of Great Britain": "GB",
    "Holland": "NL", "the Netherlands": "NL", "Burma": "MM", "Ivory Coast": "CI",
    "East Timor": "TL", "Czech Republic": "CZ", "Czechia": "CZ", "Macedonia": "MK",
    "North Macedonia": "MK", "Swaziland": "SZ", "Eswatini": "SZ", "Cape Verde": "CV",
    "Cabo Verde": "CV", "Vatican": "VA", "Vatican City": "VA", "Holy See": "VA",
    "South Korea": "KR", "Republic of Korea": "KR", "North Korea": "KP", "Russia": "RU",
    "Iran": "IR", "Syria": "SY",
    "Laos": "LA", "Vietnam": "VN", "Bolivia": "BO", "Venezuela": "VE", "Tanzania": "TZ",
    "Moldova": "MD", "Taiwan": "TW", "Palestine": "PS", "Palestinian territories": "PS",
    "Palestinian Territories": "PS", "DR Congo": "CD", "Congo-Kinshasa": "CD",
    "Democratic Republic of Congo": "CD", "Congo-Brazzaville": "CG", "Republic of Congo": "CG",
    "Turkey": "TR", "Türkiye": "TR", "Bosnia": "BA", "Trinidad": "TT", "St. Lucia": "LC",
    "St. Kitts and Nevis": "KN", "Timor-Leste": "TL", "Brunei": "BN", "Micronesia": "FM",
    "Emirates": "AE", "Kyrgyzstan": "KG", "Kirghizia": "KG", "Byelorussia": "BY",
}

# Abbreviations matched only in exactly this form, because in lower case or without the dots
# they are ordinary words ("US" the pronoun, "IN", "OR"). Value: ISO alpha-2 of the country.
COUNTRY_ABBREVIATIONS: dict[str, str] = {
    "U.S.": "US", "US": "US", "U.S.A.": "US", "USA": "US", "U.K.": "GB", "UK": "GB",
    "UAE": "AE", "U.A.E.": "AE", "DRC": "CD", "D.R.C.": "CD", "PRC": "CN", "ROK": "KR",
    "DPRK": "KP",
}

# The AP Stylebook's abbreviations of US state names (used after a city name: "Alexandria,
# La."), and the District of Columbia. Value: the GeoNames admin1 code (the postal code).
US_STATE_ABBREVIATIONS: dict[str, str] = {
    "Ala.": "AL", "Ariz.": "AZ", "Ark.": "AR", "Calif.": "CA", "Colo.": "CO", "Conn.": "CT",
    "Del.": "DE", "Fla.": "FL", "Ga.": "GA", "Ill.": "IL", "Ind.": "IN", "Kan.": "KS",
    "Kans.": "KS", "Ky.": "KY", "La.": "LA", "Md.": "MD", "Mass.": "MA", "Mich.": "MI",
    "Minn.": "MN", "Miss.": "MS", "Mo.": "MO", "Mont.": "MT", "Neb.": "NE", "Nebr.": "NE",
    "Nev.": "NV", "N.H.": "NH", "N.J.": "NJ", "N.M.": "NM", "N.Y.": "NY", "N.C.": "NC",
    "N.D.": "ND", "Okla.": "OK", "Ore.": "OR", "Pa.": "PA", "R.I.": "RI", "S.C.": "SC",
    "S.D.": "SD", "Tenn.": "TN", "Tex.": "TX", "Vt.": "VT", "Va.": "VA", "Wash.": "WA",
    "W.Va.": "WV", "W. Va.": "WV", "Wis.": "WI", "Wisc.": "WI", "Wyo.": "WY", "D.C.": "DC",
}

# Australian state abbreviations as Australian news writes them. Value: GeoNames admin1 code.
AU_STATE_ABBREVIATIONS: dict[str, str] = {"NSW": "02"}

# The Canadian Press abbreviations of provinces. Value: the GeoNames admin1 code of Canada.
CA_PROVINCE_ABBREVIATIONS: dict[str, str] = {
    "Alta.": "01", "B.C.": "02", "Man.": "03", "N.B.": "04", "Nfld.": "05", "N.L.": "05",
    "N.S.": "07", "Ont.": "08", "P.E.I.": "09", "Que.": "10", "Sask.": "11",
}

# Named regions with their member countries. UN M49 subregions come from the country data's
# own subregion fields (see build.py); these are the regions news uses that M49 does not name.
# Each: preferred name -> (other names, members as ISO alpha-2).
NEWS_REGIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "Middle East": (("Mideast", "Mid-East", "Near East"),
                    ("BH", "CY", "EG", "IR", "IQ", "IL", "JO", "KW", "LB", "OM", "PS", "QA",
                     "SA", "SY", "TR", "AE", "YE")),
    "Gulf": (("Persian Gulf region", "Gulf region", "Gulf states", "Arabian Gulf"),
             ("BH", "KW", "OM", "QA", "SA", "AE", "IQ", "IR")),
    "Arabian Peninsula": (("Arabia",), ("SA", "YE", "OM", "AE", "QA", "BH", "KW")),
    "Levant": ((), ("SY", "LB", "IL", "PS", "JO")),
    "Maghreb": (("Maghrib",), ("MA", "DZ", "TN", "LY", "MR")),
    "Latin America": ((), ("MX", "GT", "HN", "SV", "NI", "CR", "PA", "CU", "DO", "HT", "PR",
                           "CO", "VE", "EC", "PE", "BO", "CL", "AR", "UY", "PY", "BR")),
    "Balkans": (("Balkan Peninsula", "Western Balkans"),
                ("AL", "BA", "BG", "HR", "XK", "ME", "MK", "RS", "SI", "GR", "RO")),
    "Scandinavia": ((), ("DK", "NO", "SE")),
    "Nordic countries": (("Nordics",), ("DK", "NO", "SE", "FI", "IS")),
    "Baltic states": (("Baltics", "Baltic countries"), ("EE", "LV", "LT")),
    "Caucasus": (("South Caucasus", "Transcaucasia", "Caucasus region"), ("AM", "AZ", "GE")),
    "Horn of Africa": ((), ("DJ", "ER", "ET", "SO")),
    "Sahel": (("Sahel region",), ("MR", "ML", "BF", "NE", "TD")),
    "Indochina": ((), ("VN", "LA", "KH")),
    "Central Europe": ((), ("AT", "CZ", "DE", "HU", "LI", "PL", "SK", "SI", "CH")),
}

# UN M49 names in the country data -> the names news writes for them; the first is the name the
# region is given.
M49_REGION_NAMES: dict[str, tuple[str, ...]] = {
    "South-eastern Asia": ("Southeast Asia", "South-East Asia", "South East Asia"),
    "Eastern Asia": ("East Asia",),
    "Southern Asia": ("South Asia",),
    "Central Asia": (),
    "Western Asia": ("West Asia",),
    "Northern Africa": ("North Africa",),
    "Sub-Saharan Africa": ("Sub-Saharan Africa", "Subsaharan Africa"),
    "Eastern Africa": ("East Africa",),
    "Western Africa": ("West Africa",),
    "Middle Africa": ("Central Africa",),
    "Southern Africa": (),
    "Caribbean": ("Caribbean", "Caribbean region"),
    "Central America": (),
    "Northern Europe": (),
    "Western Europe": (),
    "Eastern Europe": (),
    "Southern Europe": (),
    "Northern America": (),
    "Latin America and the Caribbean": (),
    "Australia and New Zealand": ("Australasia",),
    "Melanesia": (), "Polynesia": (),
}

# Nationality and regional adjectives the country data lacks or spells otherwise.
# Value: (place name, ISO alpha-2 of its country or None for regions and continents).
DEMONYM_EXTRAS: dict[str, tuple[str, str | None]] = {
    "Saudi": ("Saudi Arabia", "SA"), "Filipino": ("Philippines", "PH"),
    "Filipina": ("Philippines", "PH"), "Philippine": ("Philippines", "PH"),
    "Argentine": ("Argentina", "AR"), "Argentinian": ("Argentina", "AR"),
    "Kyrgyz": ("Kyrgyzstan", "KG"), "Tajik": ("Tajikistan", "TJ"),
    "Uzbek": ("Uzbekistan", "UZ"), "Kazakh": ("Kazakhstan", "KZ"),
    "Slovenian": ("Slovenia", "SI"), "Slovakian": ("Slovakia", "SK"),
    "Kosovar": ("Kosovo", "XK"), "Kosovan": ("Kosovo", "XK"), "Icelandic": ("Iceland", "IS"),
    "Azeri": ("Azerbaijan", "AZ"), "Somalian": ("Somalia", "SO"),
    "Ecuadorian": ("Ecuador", "EC"), "Salvadorean": ("El Salvador", "SV"),
    "Cape Verdean": ("Cape Verde", "CV"), "Bosnian": ("Bosnia and Herzegovina", "BA"),
    "Luxembourgish": ("Luxembourg", "LU"), "Lao": ("Laos", "LA"), "Nepali": ("Nepal", "NP"),
    "Maldivian": ("Maldives", "MV"), "Congolese": ("Democratic Republic of the Congo", "CD"),
    "Bahamian": ("Bahamas", "BS"), "Hong Konger": ("Hong Kong", "HK"),
    "Macanese": ("Macao", "MO"), "Tajikistani": ("Tajikistan", "TJ"),
    "Myanmar": ("Myanmar", "MM"), "Ukranian": ("Ukraine", "UA"),
    "English": ("England", "GB"), "Scottish": ("Scotland", "GB"), "Scots": ("Scotland", "GB"),
    "Welsh": ("Wales", "GB"), "Northern Irish": ("Northern Ireland", "GB"),
    "Texan": ("Texas", "US"), "Californian": ("California", "US"),
    "Floridian": ("Florida", "US"), "Alaskan": ("Alaska", "US"),
    "European": ("Europe", None), "African": ("Africa", None), "Asian": ("Asia", None),
    "North American": ("North America", None), "South American": ("South America", None),
    "Latin American": ("Latin America", None), "Middle Eastern": ("Middle East", None),
    "Mideast": ("Middle East", None), "Caribbean": ("Caribbean", None),
    "Scandinavian": ("Scandinavia", None), "Balkan": ("Balkans", None),
    "Southeast Asian": ("Southeast Asia", None), "East Asian": ("East Asia", None),
    "South Asian": ("South Asia", None), "Central Asian": ("Central Asia", None),
    "West African": ("West Africa", None), "East African": ("East Africa", None),
    "North African": ("North Africa", None),
}

# Nationality words that also name a language, an ethnic group or a team more often than a
# country; they are left out so that "Arab", "Kurdish" or "Persian" never become a country.
DEMONYM_STOPWORDS = frozenset({"Arab", "Kurdish", "Persian", "Indian American", "Jewish",
                               "Hispanic", "Latino", "Native American", "Channel Islander",
                               "Christmas Island", "Gibraltar", "Djibouti"})
