"""Story linking core: add synthetic articles to StoryLinker over InMemoryStoryIndex.

    python bench/link_core.py [--articles 100000] [--seed 7] [--rebuild]

Articles come from synthetic events spread over a year: each event has its own names, place
and words drawn from large pools (the common words from a small one, as in news), and one to
eight reports within a few days, published in time order. Prints the total time, the mean
time per add over the first and the last 10,000 articles (flat when the work per article does
not grow with the store), the peak resident memory, and how well the stories match the events
(B-cubed F1). Times are CPU time of this process, so other work on the machine does not skew
the comparison; the total is also given as wall time. With ``--rebuild`` the same articles are
linked at once by ``StoryLinker.rebuild`` (what ``dateline link`` may use) instead.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from dateline.eval.clusters import bcubed
from dateline.link import ArticleFeatures, InMemoryStoryIndex, StoryLinker, stories_of

START = datetime(2026, 1, 1)
COMMON_WORDS = [f"common{i}" for i in range(300)]
WINDOW = 10_000


def synthetic(count: int, seed: int) -> Iterator[tuple[ArticleFeatures, int]]:
    """Yield (features, event number) in publication order."""
    rng = random.Random(seed)
    pending: list[tuple[datetime, int, int]] = []
    event = made = 0
    events: dict[int, tuple[list[str], list[str], list[str]]] = {}
    while made < count:
        day = START + timedelta(minutes=made * 525_600 // count)
        while len(pending) < 64:
            event += 1
            words = [f"w{rng.randrange(200_000)}" for _ in range(25)]
            names = [f"person:p{rng.randrange(400_000)}" for _ in range(3)] + \
                [f"org:o{rng.randrange(50_000)}"]
            places = [f"geo:{rng.randrange(20_000)}", f"country:C{rng.randrange(200)}"]
            events[event] = (words, names, places)
            for report in range(rng.randint(1, 8)):
                pending.append((day + timedelta(hours=rng.randrange(96)), event, report))
        pending.sort()
        when, number, report = pending.pop(0)
        words, names, places = events[number]
        terms = rng.sample(words, 15) + rng.sample(COMMON_WORDS, 25)
        weights = {t: 1 / len(terms) for t in terms}
        made += 1
        yield ArticleFeatures(
            article_id=f"a{made}", published=when, source=f"outlet{rng.randrange(300)}",
            title=f"event {number} report {report}", terms=tuple(weights.items()),
            entities=tuple((n, rng.randint(1, 4)) for n in rng.sample(names, 3)),
            places=tuple(places), incident_types=("ASSAULT",), dates=()), number


def rebuild(count: int, seed: int) -> None:
    """Time one ``rebuild`` over ``count`` synthetic articles."""
    made = list(synthetic(count, seed))
    truth = {features.article_id: event for features, event in made}
    linker = StoryLinker(InMemoryStoryIndex())
    t0 = time.process_time()
    linked = stories_of(linker.rebuild([features for features, _ in made]))
    cpu = time.process_time() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    f1 = bcubed(truth, linked)[2]  # type: ignore[arg-type]
    print(f"rebuild: articles {count}  CPU {cpu:.1f} s ({cpu / count * 1e3:.3f} ms per article); "
          f"peak memory (max RSS) {peak_mb:.0f} MiB; stories {len(set(linked.values()))} for "
          f"{len(set(truth.values()))} events; B-cubed F1 {f1:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--rebuild", action="store_true", help="time StoryLinker.rebuild")
    args = parser.parse_args()
    if args.rebuild:
        rebuild(args.articles, args.seed)
        return
    linker = StoryLinker(InMemoryStoryIndex())
    truth: dict[str, int] = {}
    assignments = []
    per_add: list[float] = []
    started = time.perf_counter()
    for n, (features, event) in enumerate(synthetic(args.articles, args.seed), 1):
        t0 = time.process_time()
        assignments.append(linker.add(features))
        per_add.append(time.process_time() - t0)
        truth[features.article_id] = event
        if n % WINDOW == 0:
            print(f"{n:>7} articles  {sum(per_add[-WINDOW:]) / WINDOW * 1e3:.3f} ms per add  "
                  f"{len(linker.index.stories):>6} stories", flush=True)  # type: ignore[attr-defined]
    total = time.perf_counter() - started
    cpu = sum(per_add)
    first = sum(per_add[:WINDOW]) / min(WINDOW, len(per_add))
    last = sum(per_add[-WINDOW:]) / min(WINDOW, len(per_add))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # From the index: regrouping may have moved an article after its own assignment.
    linked = {a: linker.index.story_of(a) or "" for a in truth}
    f1 = bcubed(truth, linked)[2]  # type: ignore[arg-type]
    print(f"articles {args.articles}  linking CPU {cpu:.1f} s ({args.articles / cpu:.0f}/s); "
          f"wall {total:.1f} s, generation included")
    print(f"mean add: first {WINDOW}: {first * 1e3:.3f} ms, last {WINDOW}: {last * 1e3:.3f} ms "
          f"(ratio {last / first:.2f})")
    print(f"peak memory (max RSS) {peak_mb:.0f} MiB; stories {len(set(linked.values()))} for "
          f"{len(set(truth.values()))} events; B-cubed F1 {f1:.3f}")


if __name__ == "__main__":
    main()
