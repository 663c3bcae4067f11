"""Score story linking and cross-document event coreference on ECB+.

Every ECB+ document of the folder is mixed into one corpus and linked, one article at a time,
by ``StoryLinker`` in a shuffled order (seeded). The gold story of a document is its topic and
its half: ``ecb`` and ``ecbplus`` documents of one topic report two different real events of
the same kind. ECB+ has no publication dates, so articles are linked undated (no time window
helps). Metrics: B-cubed precision, recall and F1 over documents, pairwise F1, the number of
stories, and ``bcubed_f1_min_order``, the lowest B-cubed F1 over three more arrival orders.
``rebuild_*`` are the same figures for ``StoryLinker.rebuild``, which links every document at
once (a nearest-neighbour graph, as ``dateline link`` may rebuild a store).

The baseline in the same run clusters the same documents by TF-IDF cosine with average link,
its threshold chosen on this folder (the best cut of its dendrogram): an upper bound for it.

Cross-document event coreference is scored over the events dateline extracts, matched to gold
event mentions (ACTION and NEG markables of the selected sentences) by span overlap; a chain is
the events of one incident of one story (or, without incidents, the events of one type in one
story). ``coref_*`` are end to end (unmatched mentions count as singletons on their side),
``coref_*_found`` over the gold mentions we found only.
"""

from __future__ import annotations

import random
from collections.abc import Hashable, Sequence
from pathlib import Path

import numpy as np

from dateline.errors import InputError
from dateline.eval import EvalResult
from dateline.eval.clusters import bcubed, ceaf_e, conll_f1, muc, pairwise
from dateline.eval.doc_cache import run_cached
from dateline.eval.ecbplus import EcbDoc, find_files, read_document, selected_sentences
from dateline.eval.meantime import match_spans
from dateline.ingest.article import make_article
from dateline.link import (
    IncidentReport,
    InMemoryStoryIndex,
    StoryLinker,
    article_features,
    merge_incidents,
    stories_of,
    term_counts,
)
from dateline.records import Article, Doc
from dateline.settings import Settings

SEED = 13
MORE_ORDERS = (1, 2, 3)


def link(docs: Sequence[Doc], seed: int, *, rebuild: bool = False) -> dict[str, str]:
    """Return article id -> story id after linking ``docs`` in an order shuffled by ``seed``.

    One at a time with ``add`` (as ingest does), or all at once with ``rebuild``.
    """
    order = list(docs)
    random.Random(seed).shuffle(order)
    linker = StoryLinker(InMemoryStoryIndex())
    features = [article_features(doc) for doc in order]
    if rebuild:
        return stories_of(linker.rebuild(features))
    for f in features:
        linker.add(f)
    # Read from the index: regrouping may since have moved an article linked early.
    return {f.article_id: linker.index.story_of(f.article_id) or "" for f in features}


def _dendrogram(vectors: np.ndarray) -> list[tuple[float, int, int]]:
    """Average-link agglomeration: the merges (similarity, a, b) from the most similar down."""
    n = len(vectors)
    similarity = vectors @ vectors.T
    np.fill_diagonal(similarity, -np.inf)
    sizes = np.ones(n)
    alive = np.ones(n, dtype=bool)
    merges = []
    for _ in range(n - 1):
        masked = np.where(alive[:, None] & alive[None, :], similarity, -np.inf)
        flat = int(np.argmax(masked))
        a, b = divmod(flat, n)
        merges.append((float(masked[a, b]), a, b))
        # The average similarity of the union to every other cluster, weighted by sizes.
        merged = (similarity[a] * sizes[a] + similarity[b] * sizes[b]) / (sizes[a] + sizes[b])
        similarity[a, :], similarity[:, a] = merged, merged
        similarity[a, a] = -np.inf
        sizes[a] += sizes[b]
        alive[b] = False
        similarity[b, :], similarity[:, b] = -np.inf, -np.inf
    return merges


def _cut(merges: list[tuple[float, int, int]], n: int, threshold: float) -> list[int]:
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for score, a, b in merges:
        if score >= threshold:
            parent[root(b)] = root(a)
    return [root(i) for i in range(n)]


def baseline(texts: Sequence[str], gold: dict[Hashable, Hashable]) -> tuple[float, float]:
    """Return the TF-IDF average-link B-cubed F1 at its best threshold, and that threshold."""
    counts = [term_counts(t, limit=10_000, name_weight=1) for t in texts]
    vocabulary = {term: i for i, term in enumerate(sorted({t for c in counts for t in c}))}
    df = np.zeros(len(vocabulary))
    for c in counts:
        for term in c:
            df[vocabulary[term]] += 1
    idf = np.log((len(texts) + 1) / (df + 1)) + 1
    vectors = np.zeros((len(texts), len(vocabulary)))
    for row, c in enumerate(counts):
        for term, tf in c.items():
            vectors[row, vocabulary[term]] = tf * idf[vocabulary[term]]
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-12
    merges = _dendrogram(vectors)
    best = (0.0, 0.0)
    for threshold in np.arange(0.02, 0.6, 0.01):
        labels = _cut(merges, len(texts), float(threshold))
        score = bcubed(gold, dict(enumerate(labels)))[2]
        if score > best[0]:
            best = (score, float(threshold))
    return best


def _event_chains(doc: Doc, story: str, story_incident_of: dict[str, str]) -> dict[str, str]:
    """Return event id -> predicted chain for one linked document."""
    if doc.incidents:
        chains = {}
        for incident in doc.incidents:
            chain = story_incident_of.get(incident.id, incident.id)
            chains.update({event_id: chain for event_id in incident.mentions})
        return chains
    return {event.id: f"{story}:{event.type}" for event in doc.events}


def _story_incidents(docs: Sequence[Doc], story_of: dict[str, str]) -> dict[str, str]:
    """Return incident id -> story incident id over every story."""
    by_story: dict[str, list[IncidentReport]] = {}
    for doc in docs:
        for incident in doc.incidents:
            by_story.setdefault(story_of[doc.article.id], []).append(
                IncidentReport(doc.article.id, incident, doc.article.published,
                               doc.article.source))
    out: dict[str, str] = {}
    for story_id, reports in by_story.items():
        for merged in merge_incidents(story_id, reports):
            out.update({r.incident.id: merged.id for r in merged.reports})
    return out


def r(value: float) -> float:
    """Round a figure for the report."""
    return round(value, 4)


def coreference(golds: Sequence[EcbDoc], docs: Sequence[Doc | None],
                story_of: dict[str, str]) -> dict[str, float | int]:
    """Score predicted event chains against gold chains on matched spans."""
    gold: dict[Hashable, Hashable] = {}
    predicted: dict[Hashable, Hashable] = {}
    found: set[Hashable] = set()
    live = [d for d in docs if d is not None]
    story_incident_of = _story_incidents(live, story_of)
    for ecb, doc in zip(golds, docs, strict=True):
        spans = list(ecb.events)
        gold.update({(ecb.name, span): chain for span, chain in ecb.events.items()})
        if doc is None:
            continue
        chains = _event_chains(doc, story_of[doc.article.id], story_incident_of)
        events = [e for e in doc.events if e.trigger is not None and e.id in chains]
        triggers = [(e.trigger.start, e.trigger.end) for e in events if e.trigger is not None]
        pairs = match_spans(spans, triggers)
        for p, event in enumerate(events):
            item = (ecb.name, spans[pairs[p]]) if p in pairs else (ecb.name, triggers[p], "p")
            predicted[item] = chains[event.id]
            if p in pairs:
                found.add(item)
    gold_found = {k: v for k, v in gold.items() if k in found}
    predicted_found = {k: v for k, v in predicted.items() if k in found}
    return {
        "coref_bcubed_f1": r(bcubed(gold, predicted)[2]),
        "coref_muc_f1": r(muc(gold, predicted)[2]),
        "coref_ceafe_f1": r(ceaf_e(gold, predicted)[2]),
        "coref_conll_f1": r(conll_f1(gold, predicted)),
        "coref_bcubed_f1_found": r(bcubed(gold_found, predicted_found)[2]),
        "coref_conll_f1_found": r(conll_f1(gold_found, predicted_found)),
        "gold_event_mentions": len(gold),
        "event_mentions_found": len(found),
    }


def _as_clustering(story_of: dict[str, str]) -> dict[Hashable, Hashable]:
    return {article: story for article, story in story_of.items()}


def run(data: Path, *, limit: int | None, settings: Settings) -> list[EvalResult]:
    """Link every ECB+ document under ``data`` and score the stories and the event chains."""
    chosen = selected_sentences(data)
    golds = [read_document(p, chosen) for p in find_files(data)][:limit]
    articles: list[Article | None] = []
    for gold in golds:
        try:
            articles.append(make_article(gold.text, check_language=False, name=gold.name))
        except InputError:
            articles.append(None)
    outputs = run_cached([a for a in articles if a is not None], settings)
    it = iter(outputs)
    docs: list[Doc | None] = [next(it) if a is not None else None for a in articles]
    live = [d for d in docs if d is not None]
    gold_story: dict[Hashable, Hashable] = {d.article.id: g.story
                                            for g, d in zip(golds, docs, strict=True) if d}
    story_of = link(live, SEED)
    predicted = _as_clustering(story_of)
    bp, br, bf = bcubed(gold_story, predicted)
    pf = pairwise(gold_story, predicted)[2]
    other_orders = [bcubed(gold_story, _as_clustering(link(live, seed)))[2]
                    for seed in MORE_ORDERS]
    rebuilt = _as_clustering(link(live, SEED, rebuild=True))
    rp, rr, rf = bcubed(gold_story, rebuilt)
    rebuilt_orders = [bcubed(gold_story, _as_clustering(link(live, seed, rebuild=True)))[2]
                      for seed in MORE_ORDERS]
    base_f1, base_threshold = baseline([d.article.text for d in live],
                                       {i: gold_story[d.article.id] for i, d in enumerate(live)})
    metrics: dict[str, float | int] = {
        "bcubed_precision": round(bp, 4), "bcubed_recall": round(br, 4),
        "bcubed_f1": round(bf, 4), "pairwise_f1": round(pf, 4),
        "stories": len(set(story_of.values())), "gold_stories": len(set(gold_story.values())),
        "bcubed_f1_min_order": round(min(other_orders), 4),
        "rebuild_bcubed_precision": round(rp, 4), "rebuild_bcubed_recall": round(rr, 4),
        "rebuild_bcubed_f1": round(rf, 4), "rebuild_stories": len(set(rebuilt.values())),
        "rebuild_bcubed_f1_min_order": round(min(rebuilt_orders), 4),
        "baseline_bcubed_f1": round(base_f1, 4), "baseline_threshold": round(base_threshold, 2),
        "failed": len(golds) - len(live),
    }
    metrics |= coreference(golds, docs, story_of)
    return [EvalResult("stories", f"ECB+ {data.name}", len(golds), metrics)]
