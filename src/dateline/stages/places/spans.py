"""Find the stretches of text that name places: toponyms, demonyms and the printed dateline.

Sure names come from the entities stage (GPE, LOC, FAC mentions; NORP mentions that are
nationality words), from spaCy's own entity spans the entities stage did not keep ("U.S."),
from the wire dateline, from the state written short after a city ("Alexandria, La.",
"Charlestown, IN"), from the place that opens an institution's name ("the Mansfield Police
Department"), from a town named before its residents ("an Allentown man") and, where NER missed
them, from capitalized words that exactly name a country, a state or a region. A name that is
part of a street or an address ("Thomaston Road", "the 2700 block of West Lexington") and a
lone word for a kind of place ("East", "Metro") are kept with no gazetteer reading.

Doubtful names (a single name NER called a person or an organisation, a capitalized word NER
passed over, an adjective opening an institution's name: "Supreme Court") are returned apart:
the resolver keeps them only when the rest of the article places them (same state as the other
places, or close to them).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from dateline.records import Doc, Entity
from dateline.resources.geo import ADMIN1, ADMIN2, CITY, COUNTRY, Entry, Gazetteer
from dateline.resources.geo.build import ALTERNATE, EXACT_FORM, NAME
from dateline.resources.geo.tables import CA_PROVINCE_ABBREVIATIONS, US_STATE_ABBREVIATIONS
from dateline.resources.geo.words import english_adjectives
from dateline.resources.people import NAME_TRIM
from dateline.resources.places import (
    DIVISION_WORDS,
    GENERIC_PLACE_WORDS,
    INSTITUTION_WORDS,
    NATIONALITY_COMBINING_FORMS,
    PLACE_QUALIFIERS,
)
from dateline.stages.intervals import SpanIndex

if TYPE_CHECKING:
    from spacy.tokens import Doc as Parse

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_NAME_KINDS = frozenset({"name", "alias", "acronym"})
# Labels under which spaCy hides place names inside or instead of other names.
_HOST_LABELS = frozenset({"ORG", "FAC", "WORK_OF_ART", "EVENT", "PRODUCT", "PERSON", "NORP"})
# "Naples, Italy", "Alexandria, La.", "Gatineau (Que.)": what may stand between a place and the
# larger place it lies in.
CONTAINER_GAP = re.compile(r"^\s*(?:,|\()\s*$")
# "Alexandria, La.", "Charlestown, IN (WAVE)", "LAWRENCE, KAN.": a state written short after a
# city, as wire style abbreviates it or as a two-letter postal code.
_ABBREVIATION_AFTER = re.compile(r"^,\s*((?:[A-Z][A-Za-z]{0,4}\.\s?){1,3}|[A-Z]{2}(?![\w.'’-]))")
# AP and CP abbreviations of states and provinces, in any case, without their final period.
_SHORT_STATES = {form.rstrip(".").lower(): (cc, code)
                 for cc, table in (("US", US_STATE_ABBREVIATIONS), ("CA", CA_PROVINCE_ABBREVIATIONS))
                 for form, code in table.items()}
# Longest run of capitalized words tried against the gazetteer when NER saw nothing there.
_MAX_WORDS = 4
# Cities found without NER and without support from the article must be big enough that their
# name is rarely anything else.
_MIN_UNLABELLED_CITY = 100_000
# The people a town's name describes ("an Allentown man"), and the least population of a town
# read so without support from the rest of the article.
_RESIDENTS = re.compile(r"^\s+(?:man|woman|men|women|teen|teens|teenager|teenagers|boy|boys|"
                        r"girl|girls|child|children|resident|residents|couple|family|mother|"
                        r"father|native|student|students|youth)\b")
_RESIDENT_TOWN = 10_000


@dataclass
class Toponym:
    """A place name in the text, with the gazetteer entries it may refer to."""

    start: int
    end: int
    text: str
    # GPE, LOC, FAC, NORP (a demonym), DATELINE, EMBEDDED (opens an institution's name),
    # GAZETTEER (found by the gazetteer alone), or a doubtful one's NER label.
    label: str
    candidates: tuple[Entry, ...]
    demonym: bool = False
    # "Naples, Italy": Naples has Italy as its container, and Italy has Naples as contained.
    container: Toponym | None = None
    contained: Toponym | None = None
    doubtful: bool = False


@dataclass
class Found:
    """Toponyms found so far, and the character ranges they take."""

    text: str
    gazetteer: Gazetteer
    sure: list[Toponym] = field(default_factory=list)
    doubtful: list[Toponym] = field(default_factory=list)
    taken: SpanIndex[None] = field(default_factory=SpanIndex)

    def free(self, start: int, end: int) -> bool:
        return not self.taken.any_overlapping(start, end)

    def add(self, start: int, end: int, label: str, *, demonym: bool = False,
            doubtful: bool = False, candidates: tuple[Entry, ...] | None = None
            ) -> Toponym | None:
        start, end = trim(self.text, start, end)
        if end <= start or not self.free(start, end):
            return None
        surface = self.text[start:end]
        if demonym:
            entry = self.gazetteer.demonym(surface)
            if entry is None:
                return None
            candidates = (entry,)
        elif names_a_street(self.text, start, end) or _generic(surface):
            candidates = ()
        elif candidates is None:
            candidates = self.gazetteer.candidates(surface)
        toponym = Toponym(start, end, surface, label, candidates, demonym=demonym,
                          doubtful=doubtful)
        (self.doubtful if doubtful else self.sure).append(toponym)
        self.taken.add(start, end, None)
        return toponym


# "Thomaston Road", "the 2700 block of West Lexington": a town's name that names a street. Words
# that also end institutions' names ("Court", "Highway Patrol") are left out.
_STREET_AFTER = re.compile(r"^\s+(?:Street|Streets|St|Avenue|Avenues|Ave|Road|Roads|Rd|Drive|"
                           r"Boulevard|Blvd|Lane|Ln|Parkway|Pkwy|Terrace|Circle|Pike|Trail)\b")
_STREET_BEFORE = re.compile(r"\bblock of\s+(?:(?:North|South|East|West|[NSEW]\.?)\s+)?$",
                            re.IGNORECASE)


def names_a_street(text: str, start: int, end: int) -> bool:
    """Return True when the name at [start, end) is part of a street's name or address."""
    return bool(_STREET_AFTER.match(text[end:end + 12]) or
                _STREET_BEFORE.search(text[max(0, start - 24):start]))


def find_toponyms(doc: Doc, gazetteer: Gazetteer, *, demonyms: bool = True,
                  unlabelled: bool = True) -> tuple[list[Toponym], list[Toponym]]:
    """Return the sure and the doubtful place names of the article, each in text order."""
    text = doc.article.text
    found = Found(text, gazetteer)
    for n, (start, end) in enumerate(_dateline_parts(doc)):
        state = state_written_short(gazetteer, text[start:end]) if n else None
        found.add(start, end, "DATELINE", candidates=(state,) if state else None)
    mentions = _entity_mentions(doc.entities)
    parse = doc.parse
    if parse is not None:
        covered: SpanIndex[None] = SpanIndex((s, e, None) for s, e, _ in mentions)
        mentions += [(e.start_char, e.end_char, e.label_) for e in parse.ents
                     if not covered.any_overlapping(e.start_char, e.end_char)]
        mentions.sort()
    for start, end, label in mentions:
        if label in PLACE_LABELS:
            for lo, hi in _split_on_commas(text, start, end):
                _add_place_name(found, lo, hi, label)
        elif label == "NORP" and demonyms:
            found.add(start, end, label, demonym=True)
    for start, end, label in mentions:
        if label in _HOST_LABELS:
            for lo, hi in _split_on_commas(text, start, end):
                _add_embedded(found, lo, hi, label)
    if demonyms:
        _add_compounds(found)
    for toponym in list(found.sure):
        _add_abbreviated_container(found, toponym)
    if unlabelled and parse is not None:
        _add_unlabelled(parse, found, [(s, e) for s, e, _ in mentions])
    for toponyms in (found.sure, found.doubtful):
        toponyms.sort(key=lambda t: t.start)
    return found.sure, found.doubtful


def link_containers(text: str, toponyms: list[Toponym]) -> None:
    """Mark "Italy" as the container of "Naples" in "Naples, Italy"."""
    for toponym in toponyms:
        toponym.container = toponym.contained = None
    for inner, outer in itertools.pairwise(toponyms):
        if not inner.demonym and not outer.demonym and \
                CONTAINER_GAP.match(text[inner.end:outer.start]):
            inner.container = outer
            outer.contained = inner


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading article and a trailing possessive: "the Gulf's" -> "Gulf"."""
    while " " in text[start:end] and text[start:end].split(" ", 1)[0].lower() in NAME_TRIM:
        start += len(text[start:end].split(" ", 1)[0]) + 1
    for suffix in ("'s", "’s", "'", "’"):
        if text[start:end].endswith(suffix) and end - len(suffix) > start:
            end -= len(suffix)
            break
    while end > start and text[end - 1] in " ,;:-–—":
        end -= 1
    while start < end and text[start] in " ,;:-–—":
        start += 1
    return start, end


def _entity_mentions(entities: tuple[Entity, ...]) -> list[tuple[int, int, str]]:
    """Return (start, end, NER label) of the name mentions of every entity.

    A place-labelled mention the entities stage joined to a person ("Bolden said") keeps the
    person's label: that stage has seen more of the text than NER did.
    """
    out = []
    for entity in entities:
        names = [m for m in entity.mentions if m.kind in _NAME_KINDS]
        # A person with a full name or a title is a person, whatever a town is called.
        known_person = entity.label == "PERSON" and (
            entity.roles or any(len(m.text.split()) > 1 for m in names))
        for mention in names:
            label = mention.label or entity.label
            if entity.label not in PLACE_LABELS | {"NORP"}:
                label = entity.label if label in PLACE_LABELS | {"NORP"} else label
            if known_person:
                label = "PERSON_NAME"
            out.append((mention.start, mention.end, label))
    return sorted(out)


_HYPHENATED = re.compile(r"^-[A-Z][\w']+")


def _add_place_name(found: Found, start: int, end: int, label: str) -> None:
    """Add a GPE, LOC or FAC name; if the gazetteer lacks it, try a demonym or its core."""
    start, end = trim(found.text, start, end)
    # NER may stop at a hyphen: "Guinea" of "Guinea-Bissau".
    more = _HYPHENATED.match(found.text[end:end + 30])
    if more and found.gazetteer.candidates(found.text[start:end + more.end()]):
        end += more.end()
    surface = found.text[start:end]
    if not surface or found.gazetteer.candidates(surface):
        found.add(start, end, label)
    elif found.gazetteer.demonym(surface) is not None:
        found.add(start, end, "NORP", demonym=True)
    elif not _add_core(found, start, end, label):
        found.add(start, end, label)


def _add_core(found: Found, start: int, end: int, label: str) -> bool:
    """Add the known place inside an unknown name: "North Texas" -> "Texas",
    "Henderson County Jail" -> "Henderson County". Return True when one was added."""
    words = [(m.start() + start, m.end() + start)
             for m in re.finditer(r"\S+", found.text[start:end])]
    lo = 0
    while lo < len(words) - 1 and _qualifier(found.text[words[lo][0]:words[lo][1]]):
        lo += 1
    for hi in range(len(words), lo, -1):
        if hi < len(words) and _word(found.text[words[hi][0]:words[hi][1]]) not in \
                INSTITUTION_WORDS | PLACE_QUALIFIERS | DIVISION_WORDS:
            continue
        if (lo, hi) == (0, len(words)):
            continue
        s, e = words[lo][0], words[hi - 1][1]
        if _named_exactly(found.gazetteer.candidates(found.text[s:e])):
            return found.add(s, e, label) is not None
        if hi - lo == 1 and found.gazetteer.demonym(found.text[s:e]) is not None:
            return found.add(s, e, "NORP", demonym=True) is not None  # "Turkish Embassy"
    return False


def _named_exactly(candidates: tuple[Entry, ...]) -> bool:
    """Return True when a reading is named so, not by a foreign or historic alternate name
    nor by a town's code ("NHS"); a county named without "County" ("Pointe Coupee") and a
    state or country abbreviation ("La.", "U.S.") count as named."""
    return any(c.kind == NAME or (c.kind == EXACT_FORM and c.level <= ADMIN1) or
               (c.kind == ALTERNATE and c.level == ADMIN2) for c in candidates)


# "the West Side", "the South End": a part of whatever town the story is in.
_PARTS_OF_TOWN = frozenset({"side", "end"})


def _generic(text: str) -> bool:
    """Return True for a lone word that names a kind of place ("East", "Valley") and for a
    part of a town named by its direction ("West Side", "South End")."""
    words = text.lower().split()
    if len(words) == 2 and words[1] in _PARTS_OF_TOWN and _qualifier(words[0]):
        return True
    return text.lower() in GENERIC_PLACE_WORDS


def _qualifier(text: str) -> bool:
    """Return True for "North", "north-western", "Metro": words that qualify a place."""
    return all(part in PLACE_QUALIFIERS for part in text.lower().split("-"))


def _word(text: str) -> str:
    return text.lower().replace("’", "'").strip(".,")


def _add_embedded(found: Found, start: int, end: int, label: str) -> None:
    """Add the place that opens an institution's name ("Alexandria Police Department"), or the
    whole name when NER called a bare place name a person or an organisation (doubtful)."""
    start, end = trim(found.text, start, end)
    if end <= start or not found.free(start, end):
        return
    surface = found.text[start:end]
    candidates = found.gazetteer.candidates(surface)
    if label == "NORP" and found.gazetteer.demonym(surface) is not None:
        return
    if _named_exactly(candidates) and label != "FAC":
        # "Burkina Faso" or "Central African Republic" under another label is still the country;
        # a one-word name ("Jordan", "Kisumu") must be vouched for by the rest of the article.
        sure = " " in surface and any(c.kind == NAME and c.level <= ADMIN1 for c in candidates)
        # "An Allentown man", "two Evansville teens": a town's name NER took for an
        # organisation or a nationality, before a word for the people who live there.
        sure = sure or (label in ("ORG", "NORP") and _RESIDENTS.match(found.text[end:end + 20])
                        is not None and any(c.kind == NAME and c.level == CITY and
                                            c.weight >= _RESIDENT_TOWN for c in candidates))
        found.add(start, end, "GPE" if sure else label, doubtful=not sure,
                  candidates=candidates)
        return
    words = [(m.start() + start, m.end() + start) for m in re.finditer(r"[^\s/]+", surface)]
    for n in range(min(len(words) - 1, _MAX_WORDS), 0, -1):
        s, e = words[0][0], words[n - 1][1]
        prefix = found.text[s:e].removesuffix("'s").removesuffix("’s")
        e = s + len(prefix)
        # A country opening an organisation's name is that country's: "U.S. Army".
        country = any(c.level == COUNTRY and c.kind in (NAME, EXACT_FORM)
                      for c in found.gazetteer.candidates(prefix))
        if not country and _word(found.text[words[n][0]:words[n][1]]) not in INSTITUTION_WORDS:
            continue
        candidates = found.gazetteer.candidates(prefix)
        if country or (_named_exactly(candidates) and not _qualifier(prefix)):
            # "Supreme Court", "Federal Court": an adjective opening the name is a place (a
            # Supreme in Louisiana) only where the article places it there.
            common = not country and prefix.lower() in english_adjectives()
            found.add(s, e, "EMBEDDED", doubtful=common, candidates=candidates)
            return


_SEPARATOR = re.compile(r",|\s[-–—]\s")


def _split_on_commas(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split "Naples, Italy" or "Central Africa - Nigeria" tagged as one span into its places."""
    parts = []
    pos = start
    for match in [*_SEPARATOR.finditer(text, start, end), None]:
        stop = match.start() if match is not None else end
        piece = text[pos:stop]
        lo = pos + len(piece) - len(piece.lstrip())
        hi = pos + len(piece.rstrip())
        if hi > lo:
            parts.append((lo, hi))
        if match is not None:
            pos = match.end()
    return parts


def _dateline_parts(doc: Doc) -> list[tuple[int, int]]:
    """Return the spans of the city and region printed in the dateline ("NAPLES, Italy")."""
    line = doc.article.dateline
    if line is None or not line.place:
        return []
    at = doc.article.text.find(line.place, line.start, line.end)
    if at < 0:
        return []
    return _split_on_commas(doc.article.text, at, at + len(line.place))


_COMPOUND = re.compile(r"(?<![\w-])[A-Z][\w.'’]*(?:-[A-Z][\w'’]*)+")


def _add_compounds(found: Found) -> None:
    """Read the nationalities and countries of "U.S.-Israeli attacks", "Israeli-Palestinian"."""
    for match in _COMPOUND.finditer(found.text):
        parts, pos = [], match.start()
        for part in match.group().split("-"):
            parts.append((pos, pos + len(part), part))
            pos += len(part) + 1
        readings: list[tuple[int, int, bool] | None] = []
        for start, end, part in parts:
            if part in NATIONALITY_COMBINING_FORMS:
                readings.append(None)
            elif found.gazetteer.demonym(part) is not None:
                readings.append((start, end, True))
            elif any(c.level == COUNTRY and c.kind in (NAME, EXACT_FORM)
                     for c in found.gazetteer.candidates(part)):
                readings.append((start, end, False))
            else:
                break
        else:
            places = [r for r in readings if r is not None]
            if places and (len(places) >= 2 or len(readings) > len(places)):
                for start, end, demonym in places:
                    found.add(start, end, "NORP" if demonym else "GPE", demonym=demonym)


def _add_abbreviated_container(found: Found, toponym: Toponym) -> None:
    """After "Alexandria", read ", La." or ", LA" as the state it lies in."""
    match = _ABBREVIATION_AFTER.match(found.text[toponym.end:toponym.end + 16])
    if match is None:
        return
    form = match.group(1).strip()
    start = toponym.end + match.start(1)
    state = state_written_short(found.gazetteer, form)
    if state is not None:
        found.add(start, start + len(form), "GAZETTEER", candidates=(state,))
        return
    entries = [e for e in found.gazetteer.candidates(form)
               if e.kind == EXACT_FORM and e.level <= ADMIN1]
    if entries:
        found.add(start, start + len(form), "GAZETTEER")


def state_written_short(gazetteer: Gazetteer, text: str) -> Entry | None:
    """Return the state or province a short form after a city names: an AP or CP abbreviation
    in any case ("Va.", "KAN.", "Ky") or a US postal code ("IN", GeoNames' US admin1 code)."""
    form = text.strip().rstrip(".")
    known = _SHORT_STATES.get(form.lower())
    if known is None and len(form) == 2 and form.isupper():
        known = ("US", form)
    entry = gazetteer.admin1(*known) if known is not None else None
    return replace(entry, kind=EXACT_FORM) if entry is not None else None


def _add_unlabelled(parse: Parse, found: Found, entity_spans: list[tuple[int, int]]) -> None:
    """Find place names NER missed: capitalized runs that exactly name a known place. Major
    places (countries, states, regions, big cities) are sure; others are doubtful."""
    tokens = list(parse)
    named: SpanIndex[None] = SpanIndex((s, e, None) for s, e in entity_spans)
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.pos_ != "PROPN" or not token.text[:1].isupper() or token.ent_type_:
            i += 1
            continue
        matched = 0
        for n in range(min(_MAX_WORDS, len(tokens) - i), 0, -1):
            span = parse[i:i + n]
            if any(t.pos_ != "PROPN" or t.ent_type_ for t in span):
                continue
            s, e = span.start_char, span.end_char
            if named.any_overlapping(s, e):
                continue
            candidates = found.gazetteer.candidates(span.text)
            if not _named_exactly(candidates) or (span.text.isupper() and len(span.text) <= 4):
                continue
            major = _major(candidates)
            if found.add(s, e, "GAZETTEER", doubtful=not major, candidates=candidates):
                matched = n
                break
        i += matched or 1


def _major(candidates: tuple[Entry, ...]) -> bool:
    top = candidates[0]
    return top.kind == NAME and (top.level < CITY or (top.population or 0) >= _MIN_UNLABELLED_CITY)

