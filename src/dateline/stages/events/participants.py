"""Find who acts in an event and who is acted on, from the dependency parse, linked to entities.

Subject or "by" agent -> actor; object, "on X", "against X", "targeting X" -> recipient; a name
before an event noun ("U.S.-Israeli strikes") -> one actor per country it names. Pronouns
resolve through the entities stage, the speaker of a quote ("I", "we") or the subject of the
reporting verb ("NATO said it ..."). The possessor of an act done to someone ("his arrest"),
who is placed under arrest, and the person a title names come from roles.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from dateline.records import Doc, Entity, Mention, Place, Quote, Ref
from dateline.resources.cues import REPORTING_VERBS
from dateline.resources.decisions import marks_recipient
from dateline.resources.events import (
    AIMING_VERBS,
    GENERIC_PEOPLE,
    NON_PARTY_WORDS,
    RETREAT_GIVING_WORDS,
    RETREAT_HANDING,
    SUPPORT_VERBS,
)
from dateline.resources.grammar import (
    CLAUSE_ADJUNCT_PREPOSITIONS,
    FIRST_PERSON_PRONOUNS,
    NOT_PARTICIPANTS,
    PERSONAL_PRONOUNS,
    RELATIVE_PRONOUNS,
)
from dateline.resources.numbers import AMOUNT_NOUNS
from dateline.resources.ontology import word_classes
from dateline.stages.events.roles import (
    consigned,
    ends_a_title,
    is_building,
    is_setting,
    is_title_word,
    person_of_title,
    rules_on,
    undergoers,
)
from dateline.stages.events.triggers import (
    Candidate,
    is_name,
    objects,
    subjects,
    with_conjuncts,
    words_of,
)
from dateline.stages.lookup import (
    entity_named,
    mention_at,
    mention_index,
    overlaps,
    place_index,
    quote_content_index,
    ref_for,
)
from dateline.stages.tree import climb, is_root

if TYPE_CHECKING:
    from spacy.tokens import Token

# Named entity kinds that are never parties: dates, times, amounts.
NOT_PARTY_ENTITIES = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL",
                                "QUANTITY"})
# Types whose recipients may be places or buildings ("attacked the hotel", "raided a house",
# "protest at the palace"); for the others a building is only where the event happened.
PLACE_TARGET_TYPES = frozenset({"ASSAULT", "COERCE", "PROTEST", "SANCTION", "MOBILIZE"})
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
        if is_root(current):
            return False
        head = current.head
        if current.pos_ in ("VERB", "AUX") and current.dep_ in ("relcl", "acl", "advcl", "ccomp") \
                and head.i not in own:
            return False
        current = head
    return current.i in own


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
    return [p for p in place_index(doc).overlapping(start, end) if p.role != "dateline"]


def _entity_named(doc: Doc, name: str | None) -> str | None:
    entity = entity_named(doc, name) if name else None
    return entity.id if entity is not None else None


def _named_ref(doc: Doc, start: int, end: int) -> Ref:
    """Return a Ref for a span; a nationality word alone names its country ("Israeli")."""
    found = mention_at(doc, start, end)
    # Link only a mention that covers the whole span, but for the entity's own titles and
    # roles ("Mr. Luiz Inácio Lula da Silva"): in "its personnel" the pronoun names someone else.
    covers = found is not None and _covered(doc, start, end, found[0], found[1])
    ref = ref_for(doc, start, end) if covers else Ref(start, end, doc.article.text[start:end])
    demonyms = [p for p in _places_in(doc, start, end) if p.demonym]
    if demonyms and end - start <= len(demonyms[0].text) + 1:
        place = demonyms[0]
        return Ref(start, end, ref.text, entity_id=_entity_named(doc, place.name) or ref.entity_id,
                   name=place.name)
    return ref


def _covered(doc: Doc, start: int, end: int, entity: Entity, mention: Mention) -> bool:
    """Return True when [start, end) is the mention plus, at most, the entity's own roles."""
    if mention.start <= start and end <= mention.end:
        return True
    if not (start <= mention.start and mention.end <= end):
        return False
    rest = [(start, mention.start), (mention.end, end)]
    for lo, hi in rest:
        chars = [i for i in range(lo, hi) if not doc.article.text[i].isspace()]
        if chars and not all(any(r.start <= i < r.end for r in entity.roles) for i in chars):
            return False
    return True


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


def quote_around(doc: Doc, at: int) -> Quote | None:
    covering = quote_content_index(doc).overlapping(at, at + 1)
    return covering[0] if covering else None


def _pronoun_ref(doc: Doc, token: Token) -> Ref | None:
    """Resolve a pronoun participant: the entities stage's link, the speaker of a quote for
    "I"/"we", or the subject of the reporting verb for "NATO said it ..."."""
    start, end = token.idx, token.idx + len(token.text)
    ref = ref_for(doc, start, end)
    if ref.entity_id is not None:
        return ref
    lower = token.lower_
    if lower in FIRST_PERSON_PRONOUNS:
        quote = quote_around(doc, start)
        if quote is not None and quote.speaker is not None:
            return Ref(start, end, token.text, entity_id=quote.speaker.entity_id,
                       name=quote.speaker.name or quote.speaker.text)
        return None
    for ancestor in token.ancestors:
        if ancestor.lemma_.lower() in REPORTING_VERBS and ancestor.pos_ == "VERB":
            speakers = [c for c in ancestor.children if c.dep_ == "nsubj"]
            if speakers and speakers[0].i != token.i and speakers[0].pos_ != "PRON" \
                    and speakers[0].lower_ not in PERSONAL_PRONOUNS:
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
    for entity, mention in mention_index(doc).overlapping(head_start, max(head_end, head_start + 1)):
        if mention.start <= head_start and head_end <= mention.end \
                and mention.end - mention.start <= 80 \
                and (best is None or mention.end - mention.start > best[1].end - best[1].start):
            best = (entity, mention)
    return best


def governing_verb(token: Token) -> Token | None:
    """Return the verb an event noun is the object of ("launched attacks" -> launched)."""
    current = token
    for _ in range(4):
        if current.dep_ == "conj":
            current = current.head
            continue
        if ends_a_title(current):
            # "signed the Broad Relationship of Cooperation in the XXI Century agreement": the
            # noun closes a name the parser split; the name's head is what was signed.
            current = current.head.head
            continue
        if current.dep_ in ("dobj", "nsubjpass", "attr"):
            return current.head if current.head.pos_ in ("VERB", "AUX") else None
        if current.dep_ == "pobj" and current.head.dep_ in ("prep", "agent") \
                and current.head.lower_ not in CLAUSE_ADJUNCT_PREPOSITIONS:
            verb = current.head.head
            return verb if verb.pos_ in ("VERB", "AUX") else None
        return None
    return None


def _actor_heads(token: Token) -> tuple[list[Token], list[Token]]:
    """Return (participant heads, name modifiers) acting in the event signalled by ``token``."""
    heads = subjects(token)
    mods: list[Token] = []
    if token.pos_ != "VERB":
        first = climb(token, lambda t: t.dep_ == "conj" and t.head.pos_ in ("NOUN", "PROPN"))
        if first.i != token.i and not heads:
            heads = subjects(first)
        # "his arrest": the possessor undergoes the act; a "by" agent still acts.
        undergoing = {t.i for t in undergoers(token) + undergoers(first)}
        heads = [h for h in heads if h.i not in undergoing]
        # "U.S.-Israeli strikes", "Iranian attacks": names before the event noun act in it (the
        # parser sometimes calls such a name the noun's subject); the words of a name ("the XXI
        # Century agreement") and dates do not.
        mods = [c for c in token.lefts if c.dep_ in ("compound", "amod", "nmod", "nsubj")
                and is_name(c) and c.i not in undergoing and not is_title_word(c, token)]
        if not heads and not mods:
            verb = governing_verb(first)
            if verb is not None and (verb.lemma_.lower() in SUPPORT_VERBS
                                     or rules_on(first, verb)):
                heads = subjects(verb)
            else:
                # "Police placed him under arrest": who places acts.
                heads = consigned(first, verb)[0]
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
            # "house arrest" says how, not who: the kind of place is no recipient.
            found.extend(t for t in objects(token) if not is_setting(t))
    verb = governing_verb(token) if token.pos_ != "VERB" else None
    if token.pos_ != "VERB":
        # "his indictment", "was placed under house arrest", "remains in detention".
        found.extend(undergoers(token))
        found.extend(consigned(token, verb)[1])
    for holder in (token, verb):
        if holder is None:
            continue
        own = holder.i == token.i
        for prep in holder.children:
            if prep.dep_ not in ("prep", "dative"):
                continue
            # Which prepositions name a party, per type, is a table (event_recipients.tsv).
            if marks_recipient(type_, prep.lower_, on_trigger=own, mode=candidate.mode,
                               giving=giving):
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
    targets = [t for t in _dedupe(targets) if t.i not in event_ids and is_party(t)
               and not (candidate.type not in PLACE_TARGET_TYPES and is_building(t))]
    # A weapon is what acts in "six shells hit the area", but not who; a date or the printed
    # dateline ("BRASILIA, Brazil -") the parser took for a subject is no one.
    dateline = doc.article.dateline
    heads = [t for t in heads if not words_of(t) & non_parties()
             and t.ent_type_ not in NOT_PARTY_ENTITIES
             and not (dateline and dateline.start <= t.idx < dateline.end)]
    actors = _unique([r for t in _dedupe(heads) if t.i not in event_ids
                      for r in refs_for_token(doc, t)]
                     + [r for t in _dedupe(mods) for r in refs_for_token(doc, t, modifier=True)])
    recipients = tuple(r for r in _unique(r for t in targets for r in _recipient_refs(doc, t))
                       if not any(overlaps(a, r.start, r.end) for a in actors))
    return Participants(actors, recipients, _dedupe(heads + mods), targets)


def _recipient_refs(doc: Doc, token: Token) -> list[Ref]:
    """Return Refs for a recipient word; a title followed by a name is that person."""
    person = person_of_title(doc, token)
    return [person] if person is not None else refs_for_token(doc, token)


def is_party(token: Token) -> bool:
    """Return True when a recipient word names a party, not goods, weapons or a head count
    ("provided aid", "seized weapons", "killed 1,300 people" are not recipients)."""
    if token.pos_ not in ("NOUN", "PROPN", "PRON") or token.ent_type_ in NOT_PARTY_ENTITIES:
        return False
    if token.like_num or token.lower_ in AMOUNT_NOUNS or (
            any(c.dep_ == "nummod" for c in token.children)
            and token.lemma_.lower() in GENERIC_PEOPLE):
        # "killed 1,300 people": a head count is a quantity of the event, not a party to it.
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
