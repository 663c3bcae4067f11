"""Find events typed with PLOVER: who did what to whom, where, when, how sure, and who says so.

For each sentence: find triggers through the PLOVER lexicon (triggers.py), drop words used in
a sense that is no event: play, a manner, a charge (senses.py), and, with ``learned_triggers``,
those the trained filter finds no event (dateline.learned.triggers), with the kind its kind
model gives (dateline.learned.trigger_kinds), merge the words of one event,
drop harm that a disaster or accident caused and troop moves with no one armed (contexts.py),
then read actors and recipients (participants.py, with the roles of event nouns, names and
titles in roles.py), place, time, quantities and source (circumstances.py) and the factuality
(factuality.py; the trained model of dateline.learned.factuality judges over it). Duplicates
and contradictions of one happening within a sentence are dropped (duplicates.py). The
evidence span of an event is its sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

# A module, not its function: dateline.learned.factuality imports this package's rules.
from dateline.learned import factuality as trained
from dateline.learned import trigger_kinds
from dateline.learned import triggers as trigger_model
from dateline.records import Doc, Event, Span, content_id
from dateline.registry import stage
from dateline.stages import parse_of
from dateline.stages.events.circumstances import (
    event_place,
    event_quantities,
    event_source,
    event_time,
)
from dateline.stages.events.contexts import (
    DISASTER_CONTEXTS,
    argument_contexts,
    cue_contexts,
    is_armed_move,
    is_unintended_harm,
    protest_violence,
)
from dateline.stages.events.duplicates import distinct_events
from dateline.stages.events.factuality import CONFIDENCE, factuality
from dateline.stages.events.participants import participants
from dateline.stages.events.senses import other_sense
from dateline.stages.events.triggers import (
    Candidate,
    carries,
    clause_tokens,
    find_candidates,
    merge_candidates,
)

if TYPE_CHECKING:
    from spacy.tokens import Span as ParseSpan
    from spacy.tokens import Token

# Types whose events can happen inside a disaster (rescues, evacuations, aid): only these take
# a disaster context; an attack near a factory is not an industrial accident.
DISASTER_RESPONSE_TYPES = frozenset({"AID", "MOBILIZE"})


@stage("events", requires=("parse", "entities", "times", "places", "quotes", "claims"),
       produces=("events",), components=("tagger", "parser", "ner", "lemmatizer"))
@dataclass(frozen=True)
class Events:
    """Find PLOVER events with their participants, place, time, counts, factuality and source."""

    # Events below this confidence are dropped; 0 keeps everything the lexicon finds.
    min_confidence: float = 0.0
    # Keep events the text negates or denies ("did not attack"), marked by their factuality.
    keep_negated: bool = True
    # Let the trained model (dateline.learned.factuality) judge factuality over the rules'.
    learned_factuality: bool = True
    # Let the trained filter (dateline.learned.triggers) drop lexicon words that are no event
    # here and choose the trigger word of a merged event, and the kind model
    # (dateline.learned.trigger_kinds) say which kind of event a word names.
    learned_triggers: bool = False

    def __call__(self, doc: Doc) -> Doc:
        events: list[Event] = []
        sentences = list(parse_of(doc, "events").sents)
        for n, sentence in enumerate(sentences):
            # Harm is judged with the sentences just before: "The tank exploded. Four people
            # were injured." tells of an accident in both.
            passage = [t for s in sentences[max(0, n - 2):n + 1] for t in s]
            events.extend(self._sentence_events(doc, sentence, passage))
        return replace(doc, events=tuple(events))

    def _sentence_events(self, doc: Doc, sentence: ParseSpan, passage: list[Token]) -> list[Event]:
        # Words in a sense that is no event ("attacked the ball", "charged with murder") are
        # dropped before merging, so that they neither absorb nor stand for another trigger.
        candidates = [c for c in find_candidates(sentence) if not other_sense(c)]
        if self.learned_triggers:
            candidates = trigger_kinds.decide_kinds(trigger_model.keep_events(candidates))
        triggers = frozenset(c.token.i for c in candidates)
        kept = [c for c in merge_candidates(candidates)
                if not is_unintended_harm(c, passage, triggers)]
        out = []
        for cand in kept:
            event = self._event(doc, cand, sentence, triggers)
            if event is None or event.confidence < self.min_confidence:
                continue
            if not self.keep_negated and event.factuality in ("negated", "denied"):
                continue
            out.append(event)
        return distinct_events(out)

    def _event(self, doc: Doc, cand: Candidate, sent: ParseSpan,
               triggers: frozenset[int]) -> Event | None:
        token = cand.token
        scope_tokens = clause_tokens(token)
        found = participants(doc, cand)
        if not is_armed_move(cand, found.actor_tokens, found.recipient_tokens):
            return None  # "a reporter stationed in Banda Aceh" moves no troops
        actors, recipients = found.actors, found.recipients
        type_, mode = cand.type, cand.mode
        if protest_violence(cand, found.actor_tokens, found.recipient_tokens):
            # Violence by protesters, or clashes with them, is a riot (PLOVER PROTEST/riot).
            type_, mode = "PROTEST", "riot"
        contexts = set(cand.contexts) | argument_contexts(
            cand, found.actor_tokens, found.recipient_tokens, scope_tokens)
        cued = cue_contexts(scope_tokens, triggers)
        if type_ not in DISASTER_RESPONSE_TYPES:
            cued -= DISASTER_CONTEXTS
        contexts |= cued
        place = event_place(doc, cand, sent, actors, recipients)
        time, inferred = event_time(doc, cand, sent)
        quantities = event_quantities(doc, cand, sent)
        # "ready to launch an offensive": the light verb carries the grammar of the event.
        predicate = next((t for t in cand.merged if carries(t, token)), token)
        fact = factuality(predicate, time, doc.article.published, inferred)
        if self.learned_factuality:
            # Without the hedging words: an expected event stays the snippet's main event
            # (they moved one CASE 2021 snippet's main type and event-types macro F1 down).
            fact = trained.judge(predicate, fact, hedges=False)[0]
        confidence = cand.weight + (0.1 if actors else 0.0) + (0.05 if recipients else 0.0) \
            + (0.05 if mode and mode != cand.entry.mode else 0.0)
        confidence = min(confidence, 0.99) * CONFIDENCE[fact] * (0.9 if inferred else 1.0)
        start, end = sent.start_char, sent.end_char
        text = doc.article.text
        while end > start and text[end - 1].isspace():
            end -= 1
        trigger = Span(token.idx, token.idx + len(token.text), token.text)
        return Event(
            start, end, text[start:end],
            id=content_id(doc.article.id, trigger.start, trigger.end, type_, prefix="evt_",
                          length=12),
            type=type_, mode=mode, trigger=trigger, actors=actors,
            recipients=recipients, place=place, time=time,
            quantities=quantities, factuality=fact,
            source=event_source(doc, cand, sent, quantities),
            confidence=round(confidence, 2), context=tuple(sorted(contexts)))
