"""Judge whether a predicate's event happened: asserted, negated, hypothetical or future (and
denied or historical where the rules see a denial or an old date).

Two logistic regressions over the parse features of features.py: one says whether the event
happened (trained on It Happened web text and MEANTIME news together, each feature also
conjoined with its domain), the other says how an event that did not happen is unreal (negated,
hypothetical, future; trained on MEANTIME news). Both read the rules' judgment as a feature,
and what the rules read in the grammar (a negation, a condition, an old date) stands (see judge).
``make train`` writes them; ``learned_factuality = false`` in settings keeps the rules alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from dateline.errors import InputError
from dateline.ingest.dates import parse_published
from dateline.learned.features import in_domain, predicate_features
from dateline.learned.model import load_model
from dateline.records import Factuality, Span
from dateline.resources.events import HEDGING_ADVERBS, HEDGING_WORDS
from dateline.settings import Settings
from dateline.stages.events.factuality import CONFIDENCE, intended
from dateline.stages.events.factuality import factuality as rule_factuality

if TYPE_CHECKING:
    from spacy.tokens import Doc as Parse
    from spacy.tokens import Token

HAPPENED_MODEL = "factuality-happened"
KIND_MODEL = "factuality-kind"
# In web text the model overrules the rules' hypothetical reading when it is at least this sure
# that the event happened (chosen by cross-validation on the training part).
WEB_OVERRULE = 0.7
# Relations through which a hedging word above the predicate governs it ("is expected to
# retail", "appears to be running", "it is expected that films will retail").
HEDGED_RELATIONS = frozenset({"xcomp", "ccomp", "csubj", "csubjpass", "advcl",
                              "nsubjpass"})
# The parse the features read: the events stage's components.
COMPONENTS = ("tagger", "parser", "lemmatizer")


@dataclass(frozen=True, slots=True)
class Judgment:
    """The factuality of the predicate at ``start:end`` and how sure the model is (0..1)."""

    start: int
    end: int
    text: str
    factuality: Factuality
    confidence: float


def judge(token: Token, rule: Factuality, domain: str = "news",
          hedges: bool = True, variant: str | None = None) -> tuple[Factuality, float]:
    """Return the learned class of the predicate ``token`` and its probability.

    ``rule`` is what the rules said. Where they read it in the grammar, it stands: a negation
    or denial ("did not", "never", "denied that"), a modal, condition or word of possibility
    ("could", "if Boeing is indicted", "threatened to", "at risk of") and an explicit date long
    before publication ("the 1991 agreement"). The training parts hold too few such events (four
    negated, 27 hypothetical in MEANTIME's) for the model to overrule them; it decides whether an
    event the rules call asserted or future happened, and how an unreal one is unreal (a future
    the grammar reads stays future). A hypothetical that rests only on an intention (see
    stages.events.factuality.intended) is read as news annotation reads it: an infinitive
    ("wants to bring", "an agreement to protect") is future, any other word the model decides.

    Web text is read otherwise: its readers take "a dentist you can trust" or "I was able to
    fix it" as things that are so, and there the model overrules a hypothetical reading when it
    is sure (WEB_OVERRULE) that the event happened. A negation stands everywhere. In news, an
    event a word of probability governs ("is expected to", "appears to", "probably") is
    hypothetical, as news annotation marks it (see hedged), unless ``hedges`` is False.
    ``variant`` picks the weights (learned/model.py): None those shipped, trained on every
    development predicate; SPLIT those trained on the training parts only, which the scorer uses.
    """
    fact, confidence = _learned(token, rule, domain, variant)
    if hedges and domain == "news" and fact in ("asserted", "future") and hedged(token):
        return "hypothetical", CONFIDENCE["hypothetical"]
    return fact, confidence


def hedged(token: Token) -> bool:
    """Return True when a word of probability governs the predicate or modifies it.

    News annotation (FactBank, MEANTIME) marks what is expected, believed or appears to be
    so as probable, not certain, and the training part holds too few such events (27
    hypothetical in MEANTIME's) for the model to learn it from them.
    """
    if any(c.dep_ == "advmod" and c.lower_ in HEDGING_ADVERBS for c in token.children):
        return True
    current = token
    for _ in range(3):
        if current.head.i == current.i or current.dep_ not in HEDGED_RELATIONS:
            return False
        current = current.head
        if current.lemma_.lower() in HEDGING_WORDS:
            return True
    return False


def _learned(token: Token, rule: Factuality, domain: str,
             variant: str | None) -> tuple[Factuality, float]:
    # What someone wants, offers or means to do is, in news annotation, mostly yet to come
    # ("want to know", "an agreement to protect"); what hangs under a call or an offer without
    # an infinitive of its own mostly happened ("called for a re-run, citing flaws"): the model
    # decides those.
    intention = domain == "news" and rule == "hypothetical" and intended(token)
    if intention and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
        return "future", CONFIDENCE["future"]
    if not intention and (rule in ("negated", "denied", "historical") or
                          (rule == "hypothetical" and domain != "web")):
        return rule, CONFIDENCE[rule]
    features = in_domain(predicate_features(token, rule), domain)
    happened = load_model(HAPPENED_MODEL, variant).probabilities(features)["happened"]
    if rule == "hypothetical" and not intention:
        return ("asserted", round(happened, 3)) if happened >= WEB_OVERRULE else \
            (rule, CONFIDENCE[rule])
    if happened >= 0.5:
        return "asserted", round(happened, 3)
    if domain == "news" and rule == "future":
        # A future the grammar reads ("would meet", "plans to sell") is not turned into a
        # hypothesis or a negation by a model that saw 31 of those in news.
        return "future", round(1.0 - happened, 3)
    kinds = load_model(KIND_MODEL, variant).probabilities(features)
    kind = max(kinds, key=lambda k: kinds[k])
    confidence = round((1.0 - happened) * kinds[kind], 3)
    return kind, confidence  # type: ignore[return-value]


def predicate_token(parsed: Parse, start: int, end: int) -> Token:
    """Return the syntactic head of the words at ``start:end`` of a spaCy Doc."""
    span = parsed.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        raise InputError(f"No word at characters {start}:{end} of the text "
                         f"({len(parsed.text)} characters). Give spans inside the text.")
    return span.root


def factuality(text: str, spans: Sequence[tuple[int, int] | Span], *,
               published: str | date | datetime | None = None,
               settings: Settings | None = None) -> list[Judgment]:
    """Judge the factuality of each predicate span (character offsets into ``text``).

    ``published`` dates the text: a year written in the predicate's phrase that is after it
    makes an asserted event future, one two or more years before it historical.

        >>> [j.factuality for j in factuality("The bridge will be rebuilt.", [(19, 26)])]
        ['future']
    """
    from dateline.stages.nlp import load_model as load_spacy

    settings = settings or Settings()
    if len(text) > settings.max_chars:
        raise InputError(f"The text has {len(text):,} characters; the limit is "
                         f"{settings.max_chars:,} (setting max_chars).")
    when = parse_published(published)
    parsed = load_spacy(settings.model, COMPONENTS)(text)
    out = []
    for item in spans:
        start, end = (item.start, item.end) if isinstance(item, Span) else item
        token = predicate_token(parsed, start, end)
        rule = rule_factuality(token, None, None, False)
        if settings.learned_factuality:
            fact, confidence = judge(token, rule)
        else:
            fact, confidence = rule, CONFIDENCE[rule]
        if fact == "asserted" and when is not None:
            fact = _dated(token, when.year)
        out.append(Judgment(start, end, text[start:end], fact, confidence))
    return out


def _dated(token: Token, year: int) -> Factuality:
    """Return "future" or "historical" when the predicate's own phrase names a far year."""
    years = [int(t.text) for t in token.subtree
             if t.like_num and len(t.text) == 4 and t.text.isdigit() and 1800 <= int(t.text) <= 2200]
    if any(y > year for y in years):
        return "future"
    if years and max(years) <= year - 2:
        return "historical"
    return "asserted"
