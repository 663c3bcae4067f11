"""Cost of each learned component: the pipeline with it on and off, same texts, same process.

    python bench/learned.py [--corpus data/demo/articles.jsonl] [--passes 3]

learned_factuality: the full pipeline (it runs inside the events stage), alternating on and off
runs and keeping each one's best pass so that other load on the machine weighs on both alike.
learned_triggers: the time inside the trigger filter and the kind model of the events stage,\nper article.
learned_attribution: the full pipeline with the attribution tagger on and off (it runs inside
the quotes stage), measured the same way, and the time inside the tagger itself.
learned_cues: the time inside the cue classifier's step of the quotes stage (candidates,
features, model), per article and as a share of the whole pipeline's time in the same run
(`--cues-only` measures just this).
learned_casualties: the casualty scorer's choice of killed and injured per article (it runs
after the claims stage, over claims already found), rule against model. learned_ner: the parse
with the pinned NER weights and with the tuned ones (same architecture).
"""

from __future__ import annotations

import argparse
import json
import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

ROOT = Path(__file__).resolve().parents[1]

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc

    from dateline.records import Article


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "data" / "demo" / "articles.jsonl")
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--cues-only", action="store_true",
                        help="Measure only the cue classifier's step.")
    args = parser.parse_args()

    from dateline.eval.casualties import STAGES, Case, article_counts
    from dateline.ingest.article import make_article
    from dateline.pipeline import Pipeline
    from dateline.settings import Settings

    rows = [json.loads(line) for line in args.corpus.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    articles = [make_article(r["text"], published=r.get("published") or r.get("date"),
                             title=r.get("title"), check_language=False) for r in rows]
    cue_cost(articles, args.passes)
    if args.cues_only:
        return
    pipelines = {on: Pipeline.from_settings(Settings(learned_factuality=on)) for on in (False, True)}
    for pipeline in pipelines.values():
        list(pipeline.pipe(articles[:2]))  # load the model and the weights
    best = {False: float("inf"), True: float("inf")}
    for _ in range(args.passes):
        for on in (False, True):
            start = time.perf_counter()
            list(pipelines[on].pipe(articles))
            best[on] = min(best[on], time.perf_counter() - start)
    n = len(articles)
    # The time inside the model itself, which the difference above may hide in the noise of a
    # shared machine: wrap the function the events stage calls.
    from dateline.learned import factuality as trained

    real, spent, calls = trained.judge, [0.0], [0]

    def timed(*a: object, **k: object) -> object:
        start = time.perf_counter()
        try:
            return real(*a, **k)  # type: ignore[arg-type]
        finally:
            spent[0] += time.perf_counter() - start
            calls[0] += 1

    trained.judge = timed  # type: ignore[assignment]
    list(pipelines[True].pipe(articles))
    trained.judge = real
    print(f"learned_factuality ({n} articles, best of {args.passes} passes):")
    for on in (False, True):
        print(f"  {'on ' if on else 'off'}: {1000 * best[on] / n:7.1f} ms per article")
    print(f"  difference: {1000 * (best[True] - best[False]) / n:+.1f} ms per article "
          f"({100 * (best[True] / best[False] - 1):+.1f}%)")
    print(f"  inside the model: {1000 * spent[0] / n:.2f} ms per article "
          f"({calls[0]} events, {1e6 * spent[0] / max(calls[0], 1):.0f} µs each)")

    bench_attribution(articles, args.passes)

    claims = Pipeline.from_settings(replace(Settings(), stages=STAGES))
    docs = list(claims.pipe(articles))
    cases = [Case(a.id, a.text, None, a.title, 0, 0) for a in articles]
    timing = {}
    for learned in (False, True):
        article_counts(cases[0], docs[0], learned)
        start = time.perf_counter()
        for _ in range(args.passes):
            for case, doc in zip(cases, docs, strict=True):
                article_counts(case, doc, learned)
        timing[learned] = (time.perf_counter() - start) / (args.passes * n)
    print("learned_casualties (choice of killed and injured after the claims stage):")
    print(f"  rule: {1e6 * timing[False]:7.0f} µs per article, model: "
          f"{1e6 * timing[True]:7.0f} µs per article")
    trigger_cost(articles)
    bench_ner(articles, args.passes)


def cue_cost(articles: list[Any], passes: int) -> None:
    """Print the time the cue classifier's step takes inside the quotes stage (learned_cues
    on), against the whole pipeline's time in the same passes."""
    from dateline.pipeline import Pipeline
    from dateline.settings import Settings
    from dateline.stages import quotes

    pipeline = Pipeline.from_settings(Settings(learned_cues=True))
    list(pipeline.pipe(articles[:2]))
    real, spent, found = quotes.cue_drafts, [0.0], [0]

    def timed(*args: Any) -> list[Any]:
        start = time.perf_counter()
        try:
            out = real(*args)
            found[0] += len(out)
            return out
        finally:
            spent[0] += time.perf_counter() - start

    quotes.cue_drafts = timed  # type: ignore[assignment]
    start = time.perf_counter()
    for _ in range(passes):
        list(pipeline.pipe(articles))
    total = time.perf_counter() - start
    quotes.cue_drafts = real  # type: ignore[assignment]
    n = len(articles) * passes
    print(f"learned_cues: {1000 * spent[0] / n:.2f} ms per article inside the classifier's step "
          f"({found[0] // passes} quotes added), {100 * spent[0] / total:.1f}% of the pipeline's "
          f"{1000 * total / n:.0f} ms per article")


def trigger_cost(articles: list[Any]) -> None:
    """Print the time the trigger filter and the kind model take inside the events stage
    (learned_triggers on)."""
    from dateline.learned import trigger_kinds, triggers
    from dateline.pipeline import Pipeline
    from dateline.settings import Settings

    pipeline = Pipeline.from_settings(Settings(learned_triggers=True))
    list(pipeline.pipe(articles[:2]))
    steps = ((triggers, "keep_events", "filter"), (trigger_kinds, "decide_kinds", "kind model"))
    reals = [getattr(module, name) for module, name, _ in steps]
    spent, calls = [0.0, 0.0], [0, 0]

    def timer(k: int) -> Any:
        def timed(candidates: list[Any]) -> list[Any]:
            start = time.perf_counter()
            try:
                return reals[k](candidates)  # type: ignore[no-any-return]
            finally:
                spent[k] += time.perf_counter() - start
                calls[k] += len(candidates)
        return timed

    for k, (module, name, _) in enumerate(steps):
        setattr(module, name, timer(k))
    list(pipeline.pipe(articles))
    for (module, name, _), real in zip(steps, reals, strict=True):
        setattr(module, name, real)
    for k, (_, _, what) in enumerate(steps):
        print(f"learned_triggers: {1000 * spent[k] / len(articles):.2f} ms per article inside "
              f"the {what} ({calls[k]} candidates, {1e6 * spent[k] / max(calls[k], 1):.0f} µs "
              "each)")


def bench_attribution(articles: list[Article], passes: int) -> None:
    """Print the full pipeline's time with the attribution tagger on and off."""
    from dateline.learned import attribution as tagger
    from dateline.pipeline import Pipeline
    from dateline.settings import Settings

    pipelines = {on: Pipeline.from_settings(Settings(learned_attribution=on))
                 for on in (False, True)}
    for pipeline in pipelines.values():
        list(pipeline.pipe(articles[:2]))
    best = {False: float("inf"), True: float("inf")}
    for _ in range(passes):
        for on in (False, True):
            start = time.perf_counter()
            list(pipelines[on].pipe(articles))
            best[on] = min(best[on], time.perf_counter() - start)
    real, spent = tagger.tag, [0.0]

    def timed(parse: SpacyDoc, *args: Any) -> list[tagger.TaggedSpan]:
        start = time.perf_counter()
        try:
            return real(parse, *args)
        finally:
            spent[0] += time.perf_counter() - start

    tagger.tag = timed  # type: ignore[assignment]
    list(pipelines[True].pipe(articles))
    tagger.tag = real  # type: ignore[assignment]
    n = len(articles)
    print(f"learned_attribution ({n} articles, best of {passes} passes):")
    for on in (False, True):
        print(f"  {'on ' if on else 'off'}: {1000 * best[on] / n:7.1f} ms per article")
    print(f"  difference: {1000 * (best[True] - best[False]) / n:+.1f} ms per article "
          f"({100 * (best[True] / best[False] - 1):+.1f}%)")
    print(f"  inside the tagger: {1000 * spent[0] / n:.2f} ms per article")


def bench_ner(articles: list[Any], passes: int) -> None:
    """learned_ner: the parse alone (the NER runs inside it) with the pinned and tuned weights,
    and the one-time cost of reading the tuned weights into a loaded model."""
    from dateline.learned.ner import use_learned_ner
    from dateline.pipeline import Pipeline
    from dateline.settings import Settings
    from dateline.stages.nlp import load_model

    parsers = {on: Pipeline.from_settings(Settings(stages=("nlp",), learned_ner=on))
               for on in (False, True)}
    best = {False: float("inf"), True: float("inf")}
    for pipeline in parsers.values():
        list(pipeline.pipe(articles[:2]))
    for _ in range(passes):
        for on in (False, True):
            start = time.perf_counter()
            list(parsers[on].pipe(articles))
            best[on] = min(best[on], time.perf_counter() - start)
    nlp = load_model(Settings().model, ("ner",), False)
    start = time.perf_counter()
    use_learned_ner(nlp)
    loading = time.perf_counter() - start
    load_model.cache_clear()
    n = len(articles)
    print(f"learned_ner (the parse alone, {n} articles, best of {passes} passes):")
    for on in (False, True):
        print(f"  {'tuned ' if on else 'pinned'}: {1000 * best[on] / n:7.1f} ms per article")
    print(f"  reading the tuned weights once: {1000 * loading:.0f} ms")


if __name__ == "__main__":
    main()
