"""Fill an event's participants and circumstances from the parse and the other stages' annotations.

Actors and recipients come from the dependency parse (subject or "by" agent -> actor; object,
"on X", "against X", "targeting X" -> recipient) and are linked to entities; place, time,
quantities and source come from doc.places, doc.times, doc.claims and doc.quotes attached to
the event's words.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache

from dateline.records import Doc, Entity, Mention, Place, PlaceRef, Quantity, Quote, Ref, TimeRef, TimeValue
from dateline.resources.ontology import word_classes
from dateline.stages.events.triggers import (
    Candidate,
    Token,
    is_name,
    objects,
    subjects,
    with_conjuncts,
    words_of,
)
from dateline.stages.lookup import mention_at, overlaps, ref_for

# Prepositions whose object is who the event is aimed at.
RECIPIENT_PREPS = frozenset({"on", "against", "at", "upon", "into", "toward", "towards"})
# With these types "with X" names the other party (talks with, cooperation with, clashes with).
WITH_TYPES = frozenset({"CONSULT", "COOPERATE", "AGREE", "REJECT", "ASSAULT"})
# With these types "to X" names who receives (aid to, support to).
TO_TYPES = frozenset({"AID", "SUPPORT", "CONCEDE"})
# RETREAT: what withdraws is the actor's own force; "from X" is whom it leaves. For these
# modes and words the object is instead what is handed back, to "to X".
RETREAT_HANDING = frozenset({"release", "return", "access"})
RETREAT_GIVING_WORDS = frozenset({"hand", "transfer", "cede"})
# Verbs that, attached to an event noun, name who carries it out ("launched attacks",
# "held talks", "retaliated with strikes"): their subject is the event's actor.
SUPPORT_VERBS = frozenset("""
launch carry conduct stage mount hold open begin start resume unleash wage retaliate respond
intensify escalate provide offer give deliver extend sign reach strike seal conclude impose
announce order claim make organise organize lead focus
""".split())
# Prepositions that set an event noun beside the clause rather than inside it: "following
# the relocation", "despite the talks". The clause verb says nothing about such an event.
ADJUNCT_PREPS = frozenset("""
despite following after before since amid during regarding concerning about over until
because given like unlike besides including excluding per than ahead prior
""".split())
# Verbs that aim the event ("strikes targeting Israel").
AIMING_VERBS = frozenset({"target", "hit", "aim", "strike"})
RELATIVE_PRONOUNS = frozenset({"which", "that", "who", "whom", "what", "whose"})
# Words that never make a participant.
NOT_PARTICIPANTS = RELATIVE_PRONOUNS | {"it", "itself", "there", "this", "these", "those",
                                        "one", "some", "all", "each", "both"}
PERSONAL_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "him", "her", "them", "us",
                               "me"})
FIRST_PERSON = frozenset({"i", "we", "me", "us"})
# Reporting verbs whose subject is the source of what their complement says.
REPORTING_VERBS = frozenset("""
say tell report announce state claim confirm add allege insist note reveal estimate declare
disclose explain write tweet post assert
""".split())
# Claim predicates (claims stage) -> quantity kind on the event, and the types it belongs to.
QUANTITY_KINDS: dict[str, tuple[str, frozenset[str]]] = {
    "killed": ("dead", frozenset({"ASSAULT"})),
    "dead": ("dead", frozenset({"ASSAULT"})),
    "injured": ("injured", frozenset({"ASSAULT"})),
    "casualties": ("casualties", frozenset({"ASSAULT"})),
    "shot": ("shot", frozenset({"ASSAULT"})),
    "missing": ("missing", frozenset({"ASSAULT"})),
    "kidnapped": ("abducted", frozenset({"ASSAULT"})),
    "abducted": ("abducted", frozenset({"ASSAULT"})),
    "displaced": ("displaced", frozenset({"ASSAULT", "RETREAT", "AID"})),
    "arrested": ("arrested", frozenset({"COERCE"})),
    "detained": ("arrested", frozenset({"COERCE"})),
    "released": ("released", frozenset({"RETREAT"})),
    "deployed": ("deployed", frozenset({"MOBILIZE"})),
}
# Objects that are the event's instrument or content, never a party to it.
NON_PARTY_WORDS = frozenset({"fire", "control", "responsibility", "credit", "attack", "offensive",
                             "strike", "raid", "operation", "posture", "work", "role", "step",
                             "move", "action", "measure", "statement", "way"})
LEFT_DEPS = frozenset({"compound", "amod", "nmod", "nummod", "flat", "poss", "quantmod"})


def event_tokens(candidate: Candidate) -> list[Token]:
    """Return every word of the event: the trigger and the triggers merged into it."""
    return [candidate.token, *candidate.merged]


def attached(token: Token, candidate: Candidate, hops: int = 6) -> bool:
    """Return True when ``token`` depends on one of the event's words without crossing into
    another predicate (a relative clause or participle of some other noun)."""
    own = {t.i for t in event_tokens(candidate)}
    current = token
    for _ in range(hops):
        if current.i in own:
            return True
        head = current.head
        if head is current:
            return False
        if current.pos_ in ("VERB", "AUX") and current.dep_ in ("relcl", "acl", "advcl", "ccomp") \
                and head.i not in own:
            return False
        current = head
    return current.i in own


# ---------------------------------------------------------------------------- participants


def phrase_span(token: Token) -> tuple[int, int]:
    """Return the character span of the noun phrase a token heads, without determiners."""
    first = token
    frontier = [token]
    while frontier:
        current = frontier.pop()
        for child in current.lefts:
            if child.dep_ in LEFT_DEPS:
                frontier.append(child)
                first = min(first, child.left_edge if child.dep_ == "poss" else child,
                            key=lambda t: t.i)
    end = token.idx + len(token.text)
    for child in token.rights:
        if child.dep_ in ("flat", "compound") and child.i == token.i + 1:
            end = child.idx + len(child.text)
    return first.idx, end


def _places_in(doc: Doc, start: int, end: int) -> list[Place]:
    return [p for p in doc.places if overlaps(p, start, end) and p.role != "dateline"]


def _entity_named(doc: Doc, name: str | None) -> str | None:
    return next((e.id for e in doc.entities if name and e.name == name), None)


def _named_ref(doc: Doc, start: int, end: int) -> Ref:
    """Return a Ref for a span; a nationality word alone names its country ("Israeli")."""
    found = mention_at(doc, start, end)
    # Link only a mention that covers the whole span: in "its personnel" the pronoun names
    # someone else.
    ref = ref_for(doc, start, end) if found is not None and found[1].start <= start \
        and end <= found[1].end else Ref(start, end, doc.article.text[start:end])
    demonyms = [p for p in _places_in(doc, start, end) if p.demonym]
    if demonyms and end - start <= len(demonyms[0].text) + 1:
        place = demonyms[0]
        return Ref(start, end, ref.text, entity_id=_entity_named(doc, place.name) or ref.entity_id,
                   name=place.name)
    return ref


def _hyphen_parts(token: Token) -> list[tuple[int, int]]:
    """Split "U.S.-Israeli" into its capitalized parts; any other word stays whole."""
    text = token.text
    parts = [p for p in text.split("-") if p]
    if len(parts) < 2 or not all(p[:1].isupper() for p in parts):
        return [(token.idx, token.idx + len(text))]
    spans: list[tuple[int, int]] = []
    offset = 0
    for part in text.split("-"):
        if part:
            spans.append((token.idx + offset, token.idx + offset + len(part)))
        offset += len(part) + 1
    return spans


def _quote_around(doc: Doc, at: int) -> Quote | None:
    return next((q for q in doc.quotes if any(c.start <= at < c.end for c in q.contents)), None)


def _pronoun_ref(doc: Doc, token: Token) -> Ref | None:
    """Resolve a pronoun participant: the entities stage's link, the speaker of a quote for
    "I"/"we", or the subject of the reporting verb for "NATO said it ..."."""
    start, end = token.idx, token.idx + len(token.text)
    ref = ref_for(doc, start, end)
    if ref.entity_id is not None:
        return ref
    lower = token.lower_
    if lower in FIRST_PERSON:
        quote = _quote_around(doc, start)
        if quote is not None and quote.speaker is not None:
            return Ref(start, end, token.text, entity_id=quote.speaker.entity_id,
                       name=quote.speaker.name or quote.speaker.text)
        return None
    for ancestor in token.ancestors:
        if ancestor.lemma_.lower() in REPORTING_VERBS and ancestor.pos_ == "VERB":
            speakers = [c for c in ancestor.children if c.dep_ == "nsubj"]
            if speakers and speakers[0].lower_ not in PERSONAL_PRONOUNS:
                named = refs_for_token(doc, speakers[0])
                if named:
                    return Ref(start, end, token.text, entity_id=named[0].entity_id,
                               name=named[0].name or named[0].text)
            return None
    return None


def refs_for_token(doc: Doc, token: Token, *, modifier: bool = False) -> list[Ref]:
    """Return Refs for a participant token; a name modifier may name several ("U.S.-Israeli")."""
    lower = token.lower_
    if token.pos_ == "PRON" or lower in PERSONAL_PRONOUNS:
        if lower in RELATIVE_PRONOUNS:
            return []
        ref = _pronoun_ref(doc, token)
        return [ref] if ref is not None else []
    if lower in NOT_PARTICIPANTS:
        return []
    if modifier:
        start, end = token.idx, token.idx + len(token.text)
        places = _places_in(doc, start, end)
        if places:
            return [Ref(p.start, p.end, p.text,
                        entity_id=_entity_named(doc, p.name) or ref_for(doc, p.start, p.end).entity_id,
                        name=p.name) for p in places]
        return [_named_ref(doc, s, e) for s, e in _hyphen_parts(token)]
    start, end = phrase_span(token)
    found = _mention_of_head(doc, token)
    if found is not None and found[1].start > start and any(
            t.pos_ == "PROPN" for t in token.doc[token.left_edge.i:token.i]
            if start <= t.idx < found[1].start):
        # "NATO Mission Iraq" is not Iraq: a name longer than the mention is another name.
        found = None
    if found is not None:
        entity, mention = found
        start, end = min(start, mention.start), max(end, mention.end)
        return [Ref(start, end, doc.article.text[start:end], entity_id=entity.id,
                    name=entity.name)]
    return [_named_ref(doc, start, end)]


def _mention_of_head(doc: Doc, token: Token) -> tuple[Entity, Mention] | None:
    """Return the longest entity mention containing the head word (in "its personnel" the
    pronoun names someone else; in "NATO Mission Iraq" the whole name is one mention)."""
    head_start, head_end = token.idx, token.idx + len(token.text)
    best: tuple[Entity, Mention] | None = None
    for entity in doc.entities:
        for mention in entity.mentions:
            if mention.start <= head_start and head_end <= mention.end \
                    and mention.end - mention.start <= 80 \
                    and (best is None or mention.end - mention.start
                         > best[1].end - best[1].start):
                best = (entity, mention)
    return best


def _governing_verb(token: Token) -> Token | None:
    """Return the verb an event noun is the object of ("launched attacks" -> launched)."""
    current = token
    for _ in range(4):
        if current.dep_ == "conj":
            current = current.head
            continue
        if current.dep_ in ("dobj", "nsubjpass", "attr"):
            return current.head if current.head.pos_ in ("VERB", "AUX") else None
        if current.dep_ == "pobj" and current.head.dep_ in ("prep", "agent") \
                and current.head.lower_ not in ADJUNCT_PREPS:
            verb = current.head.head
            return verb if verb.pos_ in ("VERB", "AUX") else None
        return None
    return None


def _actor_heads(token: Token) -> tuple[list[Token], list[Token]]:
    """Return (participant heads, name modifiers) acting in the event signalled by ``token``."""
    heads = subjects(token)
    mods: list[Token] = []
    if token.pos_ != "VERB":
        first = token
        while first.dep_ == "conj" and first.head.pos_ in ("NOUN", "PROPN"):
            first = first.head
        if first is not token and not heads:
            heads = subjects(first)
        mods = [c for c in token.lefts if c.dep_ in ("compound", "amod", "nmod") and is_name(c)]
        if not heads and not mods:
            verb = _governing_verb(first)
            if verb is not None and verb.lemma_.lower() in SUPPORT_VERBS:
                heads = subjects(verb)
    return heads, mods


def _recipient_heads(candidate: Candidate, token: Token) -> list[Token]:
    type_ = candidate.type
    giving = type_ == "RETREAT" and (candidate.mode in RETREAT_HANDING
                                     or candidate.entry.lemma in RETREAT_GIVING_WORDS)
    found: list[Token] = []
    if type_ != "RETREAT" or giving:
        if token.pos_ == "VERB":
            found.extend(t for t in objects(token) if not (token.dep_ == "acl" and t.i == token.head.i))
        elif type_ in ("COERCE", "RETREAT", "ASSAULT", "SANCTION"):
            found.extend(objects(token))
    verb = _governing_verb(token) if token.pos_ != "VERB" else None
    for holder in (token, verb):
        if holder is None:
            continue
        for prep in holder.children:
            if prep.dep_ not in ("prep", "dative"):
                continue
            word = prep.lower_
            aimed = word in RECIPIENT_PREPS and holder is token
            with_party = word == "with" and type_ in WITH_TYPES and (holder is token
                                                                     or type_ != "ASSAULT")
            to_party = word == "to" and (type_ in TO_TYPES or giving)
            from_party = word == "from" and type_ == "RETREAT" and not giving and holder is token
            if aimed or with_party or to_party or from_party:
                found.extend(with_conjuncts(c for c in prep.children if c.dep_ == "pobj"))
    for acl in token.children:
        if acl.dep_ == "acl" and acl.lemma_.lower() in AIMING_VERBS:
            found.extend(with_conjuncts(c for c in acl.children if c.dep_ in ("dobj", "obj")))
    return found


@dataclass(frozen=True)
class Participants:
    """Who acts and who is acted on, as Refs and as the parse tokens they came from."""

    actors: tuple[Ref, ...]
    recipients: tuple[Ref, ...]
    actor_tokens: list[Token]
    recipient_tokens: list[Token]


def participants(doc: Doc, candidate: Candidate) -> Participants:
    """Return the actors and recipients of an event."""
    heads: list[Token] = []
    mods: list[Token] = []
    targets: list[Token] = []
    for token in event_tokens(candidate):
        h, m = _actor_heads(token)
        heads += h
        mods += m
        targets += _recipient_heads(candidate, token)
    if candidate.type == "RETREAT" and candidate.mode not in RETREAT_HANDING:
        # "NATO relocated its mission": the mission is the withdrawing side, not a target.
        own = [t for token in event_tokens(candidate) for t in objects(token)]
        heads += [t for t in own if t.pos_ in ("NOUN", "PROPN")]
    event_ids = {t.i for t in event_tokens(candidate)}
    targets = [t for t in _dedupe(targets) if t.i not in event_ids and is_party(t)]
    actors = _unique([r for t in _dedupe(heads) if t.i not in event_ids
                      for r in refs_for_token(doc, t)]
                     + [r for t in _dedupe(mods) for r in refs_for_token(doc, t, modifier=True)])
    recipients = tuple(r for r in _unique(r for t in targets for r in refs_for_token(doc, t))
                       if not any(overlaps(a, r.start, r.end) for a in actors))
    return Participants(actors, recipients, _dedupe(heads + mods), targets)


def is_party(token: Token) -> bool:
    """Return True when a recipient word names a party, not goods, weapons or a head count
    ("provided aid", "seized weapons", "killed 1,300 people" are not recipients)."""
    if token.pos_ not in ("NOUN", "PROPN", "PRON"):
        return False
    if any(c.dep_ == "nummod" for c in token.children) or token.like_num:
        return False
    return not (words_of(token) & non_parties())


@lru_cache(maxsize=1)
def non_parties() -> frozenset[str]:
    """Return the words that name what an event handles rather than who it concerns."""
    classes = word_classes()
    words = set(NON_PARTY_WORDS)
    for name in ("AIDGOODS", "WEAPON", "MISSILE", "GUN", "AGREEMENT", "PROPOSAL", "MEETING",
                 "RESTRICTION", "BASE", "PROJECTILE"):
        words |= classes[name]
    return frozenset(words)


def _dedupe(tokens: Iterable[Token]) -> list[Token]:
    seen: set[int] = set()
    out = []
    for t in tokens:
        if t.i not in seen:
            seen.add(t.i)
            out.append(t)
    return out


def _unique(refs: Iterable[Ref]) -> tuple[Ref, ...]:
    out: list[Ref] = []
    for ref in refs:
        if not any(overlaps(o, ref.start, ref.end) for o in out):
            out.append(ref)
    return tuple(out)


# ---------------------------------------------------------------------------- circumstances


def _place_ref(place: Place) -> PlaceRef:
    return PlaceRef(place.start, place.end, place.text, name=place.name or None,
                    geonames_id=place.geonames_id, country_code=place.country_code,
                    admin1=place.admin1, lat=place.lat, lon=place.lon)


LOCATIVE = frozenset({"in", "at", "near", "outside", "inside", "across", "around", "within",
                      "throughout"})
# Verbal types happen where people speak; a place in their clause is usually a topic.
VERBAL_TYPES = frozenset({"CONSULT", "SUPPORT", "REQUEST", "ACCUSE", "REJECT", "THREATEN",
                          "AGREE", "CONCEDE"})


def event_place(doc: Doc, candidate: Candidate, sentence: Token, actors: tuple[Ref, ...],
                recipients: tuple[Ref, ...]) -> PlaceRef | None:
    """Return where the event happened: an "in/at" place attached to it, else a place it targets.

    The dateline city is never taken for the event's place here: the places stage marks it.
    """
    places = [p for p in doc.places if sentence.start_char <= p.start < sentence.end_char
              and p.role != "dateline" and not p.demonym
              and not any(overlaps(a, p.start, p.end) for a in actors)]
    if not places:
        return None
    span_doc = sentence.doc

    def token_at(place: Place) -> Token | None:
        span = span_doc.char_span(place.start, place.end, alignment_mode="expand")
        return span.root if span is not None else None

    located, loose = [], []
    for place in places:
        root = token_at(place)
        if root is None or not attached(root, candidate):
            continue
        preps = [a for a in root.ancestors if a.dep_ == "prep"][:1]
        (located if preps and preps[0].lower_ in LOCATIVE else loose).append(place)
    if located:
        return _place_ref(min(located, key=lambda p: abs(p.start - candidate.token.idx)))
    targeted = [p for p in places if any(overlaps(r, p.start, p.end) for r in recipients)]
    if targeted and candidate.type in ("ASSAULT", "COERCE", "MOBILIZE", "PROTEST", "RETREAT"):
        return _place_ref(targeted[0])
    if loose and candidate.type not in VERBAL_TYPES:
        return _place_ref(min(loose, key=lambda p: abs(p.start - candidate.token.idx)))
    return None


def _time_value(time: TimeRef) -> TimeValue:
    return TimeValue(time.start, time.end, time.text, value=time.value, precision=time.precision)


def _reported_by(candidate: Candidate) -> Token | None:
    """Return the reporting verb the event is the complement of ("NATO said Friday it ...")."""
    for ancestor in candidate.token.ancestors:
        if ancestor.pos_ == "VERB" and ancestor.lemma_.lower() in REPORTING_VERBS:
            return ancestor
    return None


def event_time(doc: Doc, candidate: Candidate,
               sentence: Token) -> tuple[TimeValue | None, bool]:
    """Return (time, inferred): a time expression attached to the event (or to the verb that
    reports it), else the publication date when the verb says the event is recent past;
    ``inferred`` marks the latter."""
    times = [t for t in doc.times if sentence.start_char <= t.start < sentence.end_char
             and t.value and t.kind in ("date", "time", "interval")]
    span_doc = sentence.doc
    own: list[TimeRef] = []
    reported: list[TimeRef] = []
    reporter = _reported_by(candidate)
    for time in times:
        span = span_doc.char_span(time.start, time.end, alignment_mode="expand")
        if span is None:
            continue
        if attached(span.root, candidate):
            own.append(time)
        elif reporter is not None and span.root.head.i == reporter.i:
            reported.append(time)
    for group in (own, reported):
        if group:
            return _time_value(min(group, key=lambda t: abs(t.start - candidate.token.idx))), False
    published = doc.article.published
    if published is not None and is_recent_past(candidate.token):
        at = candidate.token.idx
        # No time expression: an empty span at the trigger carries the publication date.
        return TimeValue(at, at, "", value=published.date().isoformat(), precision="day"), True
    return None, False


def clause_verb(token: Token) -> Token | None:
    """Return the verb whose tense and mood an event word takes."""
    return token if token.pos_ in ("VERB", "AUX") else _governing_verb(token)


def is_recent_past(token: Token) -> bool:
    """Return True when the clause is in the simple past or present perfect ("has relocated")."""
    verb = clause_verb(token)
    if verb is None:
        return False
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    lemmas = {c.lemma_.lower() for c in auxes}
    if lemmas & {"will", "would", "shall", "may", "might", "could", "should", "must", "to"}:
        return False
    tags = {verb.tag_} | {c.tag_ for c in auxes}
    return "VBD" in tags or ("VBN" in tags and "have" in lemmas)


def is_well_before(value: str | None, published: datetime | None, days: int = 365) -> bool:
    """Return True when an ISO time value ends more than ``days`` before publication."""
    if not value or published is None or not value[:4].isdigit():
        return False
    try:
        if len(value) >= 10 and value[4] == "-":
            when = datetime.fromisoformat(value[:10])
        elif len(value) >= 7 and value[4] == "-":
            when = datetime(int(value[:4]), int(value[5:7]), 28)
        else:
            when = datetime(int(value[:4]), 12, 31)
    except ValueError:
        return False
    return when.date() < (published.date() - timedelta(days=days))


def _claim_root(doc: Doc, sentence: Token, start: int, end: int) -> Token | None:
    span = sentence.doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None else None


def event_quantities(doc: Doc, candidate: Candidate, sentence: Token) -> tuple[Quantity, ...]:
    """Return the counts attached to the event that belong to its type (dead, injured...)."""
    found: list[Quantity] = []
    for claim in doc.claims:
        if not (sentence.start_char <= claim.start < sentence.end_char):
            continue
        kind = QUANTITY_KINDS.get((claim.predicate or "").lower())
        if kind is None or candidate.type not in kind[1]:
            continue
        root = _claim_root(doc, sentence, claim.start, claim.end)
        if root is None or not attached(root, candidate, hops=8):
            continue
        found.append(Quantity(claim.start, claim.end, claim.text, kind=kind[0], value=claim.value,
                              low=claim.low, high=claim.high, qualifier=claim.qualifier))
    return tuple(found)


def event_source(doc: Doc, candidate: Candidate, sentence: Token,
                 quantities: tuple[Quantity, ...]) -> Ref | None:
    """Return who reports the event: a quote covering it, the source of its counts, the subject
    of a reporting verb governing it, or an "according to" phrase of its sentence."""
    at = candidate.token.idx
    quote = _quote_around(doc, at)
    if quote is not None:
        if quote.speaker is not None:
            return quote.speaker
        if quote.speaker_descriptor:
            found = doc.article.text.find(quote.speaker_descriptor, quote.start, quote.end)
            if found >= 0:
                return Ref(found, found + len(quote.speaker_descriptor), quote.speaker_descriptor)
    for claim in doc.claims:
        if claim.source is not None and any(q.start == claim.start for q in quantities):
            return claim.source
    reporter = _reported_by(candidate)
    if reporter is not None:
        speakers = [c for c in reporter.children if c.dep_ == "nsubj"]
        if speakers:
            refs = refs_for_token(doc, speakers[0])
            if refs:
                return refs[0]
    for token in sentence:
        if token.lower_ == "according":
            for to in token.children:
                pobj = [c for c in to.children if c.dep_ == "pobj"] if to.lower_ == "to" else []
                if pobj:
                    refs = refs_for_token(doc, pobj[0])
                    if refs:
                        return refs[0]
    return None
