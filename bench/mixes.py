"""Request mixes for bench/serve.py --vary: distinct list filters and distinct searches, as
analysts send them, so that no answer can come from a cache (each URL is asked once).

A list URL is drawn from the values the store holds (event types, countries, months, quote
kinds, publishers, read from its summary counts) in one of the shapes in LIST_SHAPES; a search
is one, two or three words of one demo article (so most find something), a word with ``*``, or
a word no article has. Both are drawn from a seeded generator: the same seed gives the same mix.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

# What an analyst filters a list by; the shapes the summary counts answer come first, then
# the ones counted from the rows (a publisher's substring, a word of the evidence).
LIST_SHAPES = ("types+months", "country+type", "country+year+sort", "days", "sort+page size",
               "quotes", "claims/articles", "source", "text", "source alone", "source none",
               "source quotes/claims")
# How often each shape is drawn (the row-counted shapes are rarer: most views narrow by type,
# place and time). The last ones are drawn only when asked for (serve.py --shapes), so the
# default mix of a seed stays what it was.
WEIGHTS = (4, 4, 3, 2, 2, 2, 2, 1, 1, 0, 0, 0)
_WORD = re.compile(r"[A-Za-z]{5,}")


def store_values(db: Path) -> dict[str, list[str]]:
    """The filter values the store holds, from its summary counts (a few thousand rows)."""
    import sqlalchemy as sa

    from dateline.store import open_store

    def column(sql: str) -> list[str]:
        return [str(r[0]) for r in conn.execute(sa.text(sql)) if r[0]]

    with open_store(str(db)) as store, store.engine.connect() as conn:
        return {
            "types": column("SELECT type FROM list_counts WHERE layer = 'events' AND grain = 'm'"
                            " GROUP BY type ORDER BY sum(n) DESC"),
            "countries": column("SELECT country FROM list_counts WHERE layer = 'events' AND "
                                "grain = 'm' GROUP BY country ORDER BY sum(n) DESC LIMIT 30"),
            "months": column("SELECT day FROM list_counts WHERE layer = 'events' AND grain = 'm'"
                             " AND day >= '2015' GROUP BY day ORDER BY day"),
            "kinds": column("SELECT type FROM list_counts WHERE layer = 'quotes' AND grain = 'm'"
                            " GROUP BY type"),
            "publishers": column("SELECT publisher FROM list_counts WHERE layer = 'articles' "
                                 "AND grain = 'm' GROUP BY publisher"),
        }


def corpus_words(corpus: Path) -> list[list[str]]:
    """Each demo article's distinct words of five letters or more (titles and texts)."""
    out = []
    for line in corpus.read_text(encoding="utf-8").splitlines():
        if line.strip():
            article = json.loads(line)
            words = _WORD.findall(f"{article.get('title') or ''} {article.get('text') or ''}")
            out.append(sorted({w.lower() for w in words}))
    return [words for words in out if len(words) >= 3]


def _list_url(shape: str, values: dict[str, list[str]], words: list[list[str]],
              rng: random.Random) -> str:
    types, countries, months = values["types"], values["countries"], values["months"]
    params: list[tuple[str, str]] = []
    if shape == "types+months":
        params += [("type", t) for t in rng.sample(types, rng.choice((1, 1, 2, 3)))]
        first = rng.randrange(len(months))
        last = min(len(months) - 1, first + rng.randrange(1, 24))
        params += [("since", months[first]), ("until", months[last])]
    elif shape == "country+type":
        params += [("country", rng.choice(countries)), ("type", rng.choice(types))]
    elif shape == "country+year+sort":
        params += [("country", c) for c in rng.sample(countries, rng.choice((1, 2)))]
        params += [("since", rng.choice(months)[:4]),
                   ("sort", rng.choice(("type", "-type", "day", "country", "-day")))]
    elif shape == "days":
        month = rng.choice(months)
        first, last = sorted(rng.sample(range(1, 29), 2))
        params += [("since", f"{month}-{first:02d}"), ("until", f"{month}-{last:02d}")]
        if rng.random() < 0.5:
            params.append(("type", rng.choice(types)))
    elif shape == "sort+page size":
        params += [("sort", rng.choice(("type", "-type", "country", "-country", "day"))),
                   ("type", rng.choice(types)), ("limit", str(rng.choice((20, 50, 100))))]
    elif shape == "quotes":
        params += [("type", rng.choice(values["kinds"])), ("since", rng.choice(months))]
        return "/quotes?" + urlencode(params)
    elif shape == "claims/articles":
        first, last = sorted(rng.sample(months, 2))
        table = rng.choice(("claims", "articles"))
        return f"/{table}?" + urlencode([("since", first), ("until", last)])
    elif shape == "source":
        params += [("source", _publisher_part(values, rng)), ("type", rng.choice(types))]
    elif shape == "source alone":
        params.append(("source", _publisher_part(values, rng)))
    elif shape == "source none":  # a publisher's part no source holds
        params.append(("source", _publisher_part(values, rng) + "zq"))
    elif shape == "source quotes/claims":
        table = rng.choice(("quotes", "claims"))
        return f"/{table}?" + urlencode([("source", _publisher_part(values, rng))])
    elif shape == "text":
        params += [("text", rng.choice(rng.choice(words))), ("since", rng.choice(months)[:4])]
    return "/events?" + urlencode(params)


def _publisher_part(values: dict[str, list[str]], rng: random.Random) -> str:
    """Six characters of a publisher's name, as one types a part of it."""
    publisher = rng.choice(values["publishers"])
    start = rng.randrange(max(1, len(publisher) - 6))
    return publisher[start:start + 6].strip() or publisher


def list_mix(db: Path, corpus: Path, count: int, seed: int,
             shapes: Sequence[str] | None = None) -> list[tuple[str, str]]:
    """``count`` distinct (shape, URL) list pages (of ``shapes`` only, each as likely, when
    given)."""
    values = store_values(db)
    words = corpus_words(corpus)
    rng = random.Random(seed)
    weights = [int(s in shapes) for s in LIST_SHAPES] if shapes else list(WEIGHTS)
    seen: dict[str, str] = {}
    while len(seen) < count:
        shape = rng.choices(LIST_SHAPES, weights)[0]
        seen.setdefault(_list_url(shape, values, words, rng), shape)
    return [(shape, url) for url, shape in seen.items()]


def search_mix(corpus: Path, count: int, seed: int) -> list[str]:
    """``count`` distinct searches: words of one article (one to three), a prefix, a miss."""
    words = corpus_words(corpus)
    rng = random.Random(seed)
    seen: dict[str, None] = {}
    while len(seen) < count:
        article = rng.choice(words)
        roll = rng.random()
        if roll < 0.45:
            q = rng.choice(article)
        elif roll < 0.8:
            q = " ".join(rng.sample(article, rng.choice((2, 3))))
        elif roll < 0.9:
            q = rng.choice(article)[:rng.randrange(4, 6)] + "*"
        else:
            q = rng.choice(article) + "zq"
        seen.setdefault(q, None)
    return list(seen)


def by_shape(latencies: list[tuple[str, float]]) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {}
    for shape, ms in latencies:
        out.setdefault(shape, []).append(ms)
    return out


def summary_line(values: list[float], percentile: Any) -> str:
    return (f"{len(values)} requests: p50 {percentile(values, .5):,.0f} ms, p95 "
            f"{percentile(values, .95):,.0f} ms, max {max(values):,.0f} ms")
