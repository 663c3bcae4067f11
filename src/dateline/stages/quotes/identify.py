"""Who a speaker phrase is: the entity it names, its descriptor, the source it refers back to.

Read from the dependency parse and the entity layer. A name set beside a description is the
speaker, the description its descriptor ("An aerospace analyst, Maria Lopez,"); an
unnamed source keeps its noun phrase as the descriptor ("a French military source"); "the
source" and "the analyst" go back to the source or person named that way before; an unlinked
"he" or "she" goes back to the person quoted just before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dateline.records import Doc, Ref
from dateline.resources.cues import SOURCE_NOUNS
from dateline.resources.grammar import (
    ANAPHORIC_DETERMINERS,
    BODIES_OF_PEOPLE,
    GENDERED_SUBJECT_PRONOUNS,
    PRONOUN_GENDER,
)
from dateline.resources.people import FEMALE_TITLES, MALE_TITLES, OFFICES
from dateline.stages.lookup import entity_by_id, mention_at, mention_index, ref_for
from dateline.stages.quotes.speakers import (
    antecedent,
    appositive_name,
    descriptor_bounds,
    lookup_bounds,
    medium_source,
    name_bounds,
    phrase_bounds,
)
from dateline.stages.quotes.view import ArticleView

if TYPE_CHECKING:
    from spacy.tokens import Token


def _title_gender(title: str) -> str | None:
    """Return "m" or "f" for a title that says a person's gender ("Mr", "Dame"), else None."""
    return "m" if title in MALE_TITLES else "f" if title in FEMALE_TITLES else None


def is_source_noun(head: Token) -> bool:
    """Return True when a speaker's head noun names a source ("official", "spokesman")."""
    word = head.lower_
    return word in SOURCE_NOUNS or word in OFFICES or word.rstrip("s") in OFFICES


class SpeakerLinker:
    """Link the speakers of one article, in text order, remembering who was named before."""

    def __init__(self, doc: Doc, view: ArticleView) -> None:
        self.doc = doc
        self.view = view
        self.text = view.text
        self.parse = view.parse
        # (head word without plural s, Ref, descriptor) of every speaker linked so far.
        self.prior: list[tuple[str, Ref, str | None]] = []
        # The starts of the speakers so far that are groups of people (see _is_group).
        self.groups: set[int] = set()

    def link(self, head: Token) -> tuple[Ref, str | None, tuple[int, int] | None, tuple[int, int]]:
        """Return the speaker's Ref and descriptor, a channel read from it ("a statement from
        X") and the characters of the speaker as written, descriptor included."""
        prior = self.prior
        medium: tuple[int, int] | None = None
        if (sender := medium_source(head)) is not None:
            medium = self.view.chars(phrase_bounds(head))
            head = sender
        named = antecedent(head) or head
        described = None
        if (appositive := appositive_name(named)) is not None:
            # "An aerospace analyst, Maria Lopez, said": the name speaks; the description
            # before it is the descriptor.
            described = descriptor_bounds(named, appositive)
            if head.i == named.i:
                head = appositive
            named = appositive
        # The span is the speaker as written ("who", "He"); what it stands for is resolved.
        start, end = self.view.chars(phrase_bounds(head))
        written = (min(start, self.view.chars(described)[0]), end) if described else (start, end)
        phrase = " ".join(self.text[slice(*self.view.chars(phrase_bounds(named)))].split())
        entity_id, name = self.entity_named(named)
        descriptor = None
        if described is not None:
            descriptor = " ".join(self.text[slice(*self.view.chars(described))].split())
            # "The analyst said" later on is the analyst named here.
            prior.append((self.parse[described[1] - 1].lower_.rstrip("s"),
                          Ref(start, end, self.text[start:end], entity_id=entity_id, name=name),
                          descriptor))
        elif named.pos_ not in ("PROPN", "PRON") and not named.ent_type_:
            descriptor = phrase
            definite = any(c.dep_ in ("det", "poss") and c.lower_ in ANAPHORIC_DETERMINERS
                           for c in named.children)
            if entity_id is None and definite:
                # "the source" is the unnamed source named before it.
                stem = named.lower_.rstrip("s")
                for word, earlier, earlier_descriptor in reversed(prior):
                    if word == stem:
                        entity_id = earlier.entity_id
                        name = earlier.name or earlier_descriptor
                        break
        if name is None and named.i != head.i:
            name = phrase  # "an aide, who said": who is the aide
        if entity_id is None and named.lower_ in GENDERED_SUBJECT_PRONOUNS:
            entity_id, name = self.last_quoted_person(prior, named.lower_, start) or (None, None)
        elif entity_id is None and name is None and named.lower_ == "they":
            entity_id, name = self.last_quoted_group(prior, start) or (None, None)
        ref = Ref(start, end, self.text[start:end], entity_id=entity_id, name=name)
        if self._is_group(named, entity_id) or (named.lower_ == "they" and name is not None):
            self.groups.add(start)
        prior.append((named.lower_.rstrip("s"), ref, descriptor))
        return ref, descriptor, medium, written

    def entity_named(self, head: Token) -> tuple[str | None, str | None]:
        """Return the id and name of the entity a speaker's head names, if any.

        A name is looked up over its whole phrase, so that "Acme Corp. CEO Maria Lopez" finds
        the person; what is found must then be the head's own name or a person named beside
        it ("the French Interior Ministry" is not France). A common noun is looked up alone
        ("Lopez's spokesman" is not Lopez).
        """
        if head.pos_ == "PROPN":
            found = mention_at(self.doc, *self.view.chars(lookup_bounds(head)))
            if found is not None:
                entity, mention = found
                if entity.label == "PERSON" or mention.start <= head.idx < mention.end:
                    return entity.id, entity.name
        ref = ref_for(self.doc, *self.view.chars(name_bounds(head)))
        return ref.entity_id, ref.name

    def _is_group(self, head: Token, entity_id: str | None) -> bool:
        """Return True when a speaker is a body of people that "they" can go back to: an
        organisation, a nationality or a country, a plural noun ("officials") or a collective
        one ("the rescue team")."""
        entity = entity_by_id(self.doc, entity_id)
        if entity is not None:
            return entity.label in ("ORG", "NORP", "GPE")
        if head.pos_ == "PRON":
            return False
        return "Plur" in head.morph.get("Number", []) or head.lower_ in BODIES_OF_PEOPLE

    def last_quoted_group(self, prior: list[tuple[str, Ref, str | None]],
                          offset: int) -> tuple[str | None, str] | None:
        """Return the id and name of the group quoted just before, for an unlinked "they said".

        As with "he" and "she" (last_quoted_person), news copy names a source once and goes
        on with "they": the quote just before must be a group's, in this paragraph or the two
        before it. The name is the entity's, else the group's phrase as written.
        """
        if not prior or prior[-1][1].start not in self.groups:
            return None
        _, ref, descriptor = prior[-1]
        lines = {self.view.line(offset)}
        for _ in range(2):
            lines.add(self.view.previous_line(min(lines)))
        if self.view.line(ref.start) not in lines:
            return None
        name = ref.name or descriptor or ref.text
        return ref.entity_id, name

    def last_quoted_person(self, prior: list[tuple[str, Ref, str | None]], pronoun: str,
                            offset: int) -> tuple[str, str | None] | None:
        """Return the person quoted just before, for a "he said" the entity layer left unlinked.

        News copy names a speaker once and goes on with "he" or "she". The quote just before
        must be by a person, in this paragraph or the two before it, with no other person named
        since, and not known by the other pronoun or title.
        """
        if not prior:
            return None
        lines = {self.view.line(offset)}
        for _ in range(2):
            lines.add(self.view.previous_line(min(lines)))
        ref = prior[-1][1]
        entity = entity_by_id(self.doc, ref.entity_id)
        if entity is None or entity.label != "PERSON" or self.view.line(ref.start) not in lines:
            return None
        # Another person named in between may be the one meant.
        if any(e.label == "PERSON" and e.id != entity.id
               for e, _ in mention_index(self.doc).starting_in(ref.end, offset)):
            return None
        gender = PRONOUN_GENDER[pronoun]
        known = {PRONOUN_GENDER.get(m.text.lower()) for m in entity.mentions if m.kind == "pronoun"}
        known |= {_title_gender(r.text.lower().rstrip(".")) for r in entity.roles
                  if r.kind == "title"}
        return None if known - {None, gender} else (entity.id, entity.name)
