"""Score quotes and their speakers on PolNeAR folders (``text/``, ``attributions/``).

Which gold attributions are quotes. PolNeAR annotates every attribution: speech, but also
thoughts, feelings, intentions and findings ("voters believe ...", "the poll shows ...").
dateline extracts reported speech, so a gold attribution counts as a quote when any of these
holds: its content holds quotation marks (words given verbatim); its cue is "according to";
its cue is only punctuation (a transcript's or headline's colon, an epigraph's dash); or no
word of its cue is a verb or adjective of thinking, feeling, wanting, perceiving or finding
(``NOT_SPEECH`` below: believe, hope, want, plan, see, show, find, worried ...). Cues outside
that list, known to dateline or not, count as speech, so this choice does not follow the
stage's own verb table. The other attributions, and PolNeAR's Discuss and Discard
annotations, are set aside: a predicted quote with at least half its content words inside
them is neither right nor wrong. ``content_f1_overlap_all`` scores against every attribution,
with nothing set aside.

How spans are compared. Content is compared as sets of word tokens (``\\w+``), so quotation
marks, punctuation and spacing at the edges do not matter, a leading complementizer "that"
(which PolNeAR puts in the content and dateline leaves out) is dropped from each range of
both, and a range that cuts a word is widened to the whole word.

- ``content_f1_exact``: a predicted quote matches a gold one when their word sets are equal.
- ``content_f1_overlap``: when they share at least one word; pairs are matched one to one,
  greatest word overlap (Jaccard) first.
- ``direct_f1_overlap`` / ``indirect_f1_overlap``: the same within each kind. A gold quote
  is direct when every word of its content lies inside quotation marks (marks paired over the
  whole text as news copy pairs them, a quote running over paragraphs included), or when
  every content range, trimmed of spaces and ``.,;:``, opens and closes with a mark; every
  other gold quote (paraphrase, or paraphrase with quoted words) is indirect. Predicted
  ``direct`` is direct; ``indirect``, ``mixed`` and ``partial`` are indirect.
- ``speaker_accuracy``: over overlap-matched pairs whose gold attribution names a source, the
  share where the predicted speaker span shares a word with the gold source span (a quote
  with no speaker is wrong). PolNeAR marks the source as written ("He", "the source"), so the
  span is scored, not the entity it resolves to.
- ``end_to_end_f1``: a predicted quote is right when it overlap-matches a gold quote and its
  speaker is right (for a gold quote without a source: when it has no speaker either).
- ``content_token_f1``: precision and recall of content words over all quotes of the corpus,
  which is strict about boundaries where the matched-quote figures are not.
- ``baseline_content_f1_overlap``: every stretch between paired double quotation marks
  (straight or curly, within a paragraph) taken as a quote, scored the same way in the same
  run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from dateline.eval import EvalResult
from dateline.eval.polnear import GoldAttribution, PolnearDoc, Ranges, find_folders, read_folder
from dateline.eval.scoring import PRF
from dateline.ingest.article import make_article
from dateline.pipeline import Pipeline
from dateline.records import Doc, Quote
from dateline.resources.cues import STATE_VERBS, STATE_WORDS
from dateline.settings import Settings
from dateline.stages.quotes import Quotes
from dateline.stages.quotes.marks import find_quotations

# Verbs and adjectives of thinking, feeling, wanting, perceiving and finding (resources/cues.py).
NOT_SPEECH_VERBS = STATE_VERBS
NOT_SPEECH_WORDS = STATE_WORDS
QUOTE_CHARS = "\"“”„«»"
_EDGE = " \t\n.,;:\u00a0"
_WORD = re.compile(r"\w+")
# The figures shown for the rules alone and for the rules with the tagger.
COMPARED = ("content_f1_overlap", "speaker_accuracy", "end_to_end_f1", "direct_f1_overlap",
            "indirect_f1_overlap", "content_precision_overlap", "content_recall_overlap")
_BASELINE = re.compile(r"“[^”“\n]+”|\"[^\"\n]+\"")


@dataclass(frozen=True)
class GoldQuote:
    """A gold attribution as scored: word positions of content and source, and its kind."""

    words: frozenset[int]
    source: frozenset[int]
    has_source: bool
    direct: bool


@dataclass(frozen=True)
class Predicted:
    """A predicted quote as scored."""

    words: frozenset[int]
    speaker: frozenset[int]
    has_speaker: bool
    direct: bool


def word_starts(text: str, ranges: Iterable[tuple[int, int]]) -> frozenset[int]:
    """Return the start offsets of the words inside the ranges, each range without a leading "that".

    A range that cuts a word (a slip of an annotator's or a tokenizer's offsets) is widened to
    the whole word, so "eports" and "reports" count as the same word.
    """
    starts: set[int] = set()
    for a, b in ranges:
        while 0 < a < len(text) and text[a - 1].isalnum() and text[a].isalnum():
            a -= 1
        while 0 < b < len(text) and text[b - 1].isalnum() and text[b].isalnum():
            b += 1
        found = [m.start() + a for m in _WORD.finditer(text[a:b])]
        if found and text[found[0]:found[0] + 5].lower() == "that ":
            found = found[1:]
        starts.update(found)
    return frozenset(starts)


def is_speech(text: str, gold: GoldAttribution) -> bool:
    """Return True when a gold attribution reports speech (see the module docstring)."""
    content = " ".join(text[a:b] for a, b in gold.content)
    cue = " ".join(text[a:b] for a, b in gold.cue).lower()
    if any(c in content for c in QUOTE_CHARS) or "according to" in cue:
        return True
    words = _WORD.findall(cue)
    if not words:
        return True
    return not any(w in NOT_SPEECH_WORDS for w in words)


def is_direct(text: str, ranges: Ranges, quoted: frozenset[int] = frozenset()) -> bool:
    """Return True when the content is verbatim: every word inside quotation marks.

    ``quoted`` holds the word positions that lie inside the text's quotation marks; failing
    that, each range must open and close with a mark.
    """
    words = word_starts(text, ranges)
    if words and words <= quoted:
        return True
    pieces = [text[a:b].strip(_EDGE) for a, b in ranges]
    return bool(pieces) and all(len(p) > 1 and p[0] in QUOTE_CHARS + "‘'" and
                                p[-1] in QUOTE_CHARS + "’'" for p in pieces)


def quoted_words(text: str) -> frozenset[int]:
    """Return the positions of the words inside quotation marks, paired the news way."""
    return word_starts(text, [piece for q in find_quotations(text) for piece in q.pieces])


def gold_quotes(doc: PolnearDoc) -> tuple[list[GoldQuote], list[GoldQuote], frozenset[int]]:
    """Return the speech quotes, all attributions, and the word positions set aside."""
    speech, everything, aside = [], [], set(word_starts(doc.text, doc.set_aside))
    quoted = quoted_words(doc.text)
    for attribution in doc.attributions:
        quote = GoldQuote(word_starts(doc.text, attribution.content),
                          word_starts(doc.text, attribution.source), bool(attribution.source),
                          is_direct(doc.text, attribution.content, quoted))
        if not quote.words:
            continue
        everything.append(quote)
        if is_speech(doc.text, attribution):
            speech.append(quote)
        else:
            aside |= quote.words
    return speech, everything, frozenset(aside)


def predicted_quotes(text: str, quotes: Sequence[Quote]) -> list[Predicted]:
    """Turn the stage's quotes into word sets."""
    out = []
    for quote in quotes:
        words = word_starts(text, [(c.start, c.end) for c in quote.contents])
        speaker = word_starts(text, [(quote.speaker.start, quote.speaker.end)]) \
            if quote.speaker else frozenset()
        if words:
            out.append(Predicted(words, speaker, quote.speaker is not None, quote.kind == "direct"))
    return out


def baseline_quotes(text: str) -> list[Predicted]:
    """Every stretch between paired double quotation marks, with no speaker."""
    return [Predicted(words, frozenset(), False, True) for m in _BASELINE.finditer(text)
            if (words := word_starts(text, [(m.start() + 1, m.end() - 1)]))]


def match(gold: Sequence[GoldQuote], predicted: Sequence[Predicted]) -> list[tuple[int, int]]:
    """Pair gold and predicted quotes one to one, greatest word overlap (Jaccard) first."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            shared = len(g.words & p.words)
            if shared:
                pairs.append((shared / len(g.words | p.words), gi, pi))
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    out = []
    for _, gi, pi in sorted(pairs, reverse=True):
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            out.append((gi, pi))
    return out


def speaker_right(gold: GoldQuote, predicted: Predicted) -> bool:
    """Return True when the predicted speaker span shares a word with the gold source span."""
    if not gold.has_source:
        return not predicted.has_speaker
    return bool(gold.source & predicted.speaker)


@dataclass
class QuoteScore:
    """Running counts over a corpus."""

    exact: PRF
    overlap: PRF
    direct: PRF
    indirect: PRF
    end_to_end: PRF
    tokens: PRF
    overlap_all: PRF
    speaker_right: int = 0
    speaker_total: int = 0

    @classmethod
    def empty(cls) -> QuoteScore:
        return cls(PRF(), PRF(), PRF(), PRF(), PRF(), PRF(), PRF())

    def add(self, gold: list[GoldQuote], everything: list[GoldQuote], aside: frozenset[int],
            predicted: list[Predicted]) -> None:
        """Count one document."""
        matched = match(gold, predicted)
        matched_pred = {pi for _, pi in matched}
        counted = [p for i, p in enumerate(predicted)
                   if i in matched_pred or len(p.words & aside) * 2 < len(p.words)]
        kept = {id(p) for p in counted}
        _count(self.overlap, len(matched), len(counted), len(gold))
        exact = sum(1 for gi, pi in matched if gold[gi].words == predicted[pi].words)
        _count(self.exact, exact, len(counted), len(gold))
        right = 0
        for gi, pi in matched:
            ok = speaker_right(gold[gi], predicted[pi])
            right += ok
            if gold[gi].has_source:
                self.speaker_total += 1
                self.speaker_right += ok
        _count(self.end_to_end, right, len(counted), len(gold))
        for direct, prf in ((True, self.direct), (False, self.indirect)):
            g = [q for q in gold if q.direct == direct]
            p = [q for q in predicted if q.direct == direct and id(q) in kept]
            _count(prf, len(match(g, p)), len(p), len(g))
        gold_words = frozenset().union(*(q.words for q in gold))
        pred_words = frozenset().union(*(q.words for q in counted)) - (aside - gold_words)
        _count(self.tokens, len(gold_words & pred_words), len(pred_words), len(gold_words))
        _count(self.overlap_all, len(match(everything, predicted)), len(predicted), len(everything))

    def metrics(self) -> dict[str, float | int]:
        return {
            "content_f1_exact": round(self.exact.f1, 4),
            "content_f1_overlap": round(self.overlap.f1, 4),
            "content_precision_overlap": round(self.overlap.precision, 4),
            "content_recall_overlap": round(self.overlap.recall, 4),
            "direct_f1_overlap": round(self.direct.f1, 4),
            "indirect_f1_overlap": round(self.indirect.f1, 4),
            "speaker_accuracy": round(self.speaker_right / self.speaker_total, 4)
            if self.speaker_total else 0.0,
            "end_to_end_f1": round(self.end_to_end.f1, 4),
            "content_token_f1": round(self.tokens.f1, 4),
            "content_f1_overlap_all": round(self.overlap_all.f1, 4),
            "gold_quotes": self.overlap.tp + self.overlap.fn,
            "predicted_quotes": self.overlap.tp + self.overlap.fp,
        }


def _count(prf: PRF, hits: int, predicted: int, gold: int) -> None:
    prf.tp += hits
    prf.fp += predicted - hits
    prf.fn += gold - hits


def run(data: Path, *, limit: int | None, settings: Settings) -> list[EvalResult]:
    """Score every PolNeAR folder found under ``data``; one result per folder.

    The headline figures follow the ``learned_attribution`` and ``learned_cues`` settings;
    ``rules_*`` are the rules alone, ``learned_*`` the rules with the attribution tagger and
    ``cues_*`` those with the cue classifier too, on the same parses.
    """
    # The pipeline's own quotes are the rules'; the learned ones run again over the same parse.
    pipeline = Pipeline.from_settings(replace(settings, stages=("nlp", "entities", "quotes"),
                                              learned_attribution=False, learned_cues=False))
    options = dict(settings.stage_options.get("quotes", {}))
    readings = {"learned": (True, False), "cues": (True, True)}
    shown_as = {(False, False): "rules", **{v: k for k, v in readings.items()}}
    chosen = (settings.learned_attribution, settings.learned_cues)
    if chosen not in shown_as:
        readings["chosen"] = chosen
        shown_as[chosen] = "chosen"
    stages = {name: Quotes(**{**options, "learned_attribution": tagger, "learned_cues": cues})
              for name, (tagger, cues) in readings.items()}
    results = []
    for folder in find_folders(data):
        docs = list(read_folder(folder))[:limit]
        scores = {name: QuoteScore.empty() for name in ("rules", *readings)}
        base = QuoteScore.empty()
        articles = [make_article(d.text, published=d.published, check_language=False, name=d.name)
                    for d in docs]
        for gold_doc, doc in zip(docs, pipeline.pipe(articles, keep_parse=True), strict=True):
            assert isinstance(doc, Doc)  # on_error="raise": a failure raises instead
            gold, everything, aside = gold_quotes(gold_doc)
            found = {"rules": doc.quotes} | {name: stage(doc).quotes
                                              for name, stage in stages.items()}
            for name, quotes in found.items():
                scores[name].add(gold, everything, aside, predicted_quotes(gold_doc.text, quotes))
            base.add(gold, everything, aside, baseline_quotes(gold_doc.text))
        metrics = scores[shown_as[chosen]].metrics()
        for name in ("rules", "learned", "cues"):
            shown = scores[name].metrics()
            metrics |= {f"{name}_{key}": shown[key] for key in COMPARED}
        metrics["baseline_content_f1_overlap"] = base.metrics()["content_f1_overlap"]
        results.append(EvalResult("quotes", f"PolNeAR {folder.name}", len(docs), metrics))
    return results
