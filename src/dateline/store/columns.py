"""The columns of each query table, in output order, with their value kinds (for exports).

Kinds: ``str``, ``int``, ``float``, ``list`` (of strings) and ``json`` (nested values, written
as JSON text where a format has no nesting). Exact numbers are ``str`` (decimal text).
"""

from __future__ import annotations

_ARTICLE = (("title", "str"), ("url", "str"), ("publisher", "str"), ("published", "str"))
_EVIDENCE = (("start", "int"), ("end", "int"), ("text", "str"))

COLUMN_KINDS: dict[str, tuple[tuple[str, str], ...]] = {
    "events": (("article_id", "str"), ("n", "int"), ("id", "str"), ("day", "str"),
               ("type", "str"), ("mode", "str"), ("factuality", "str"), ("actors", "list"),
               ("recipients", "list"), ("place", "str"), ("country", "str"), ("admin1", "str"),
               ("lat", "float"), ("lon", "float"), ("time", "str"), ("time_text", "str"),
               ("quantities", "json"), ("context", "list"), ("source", "str"),
               ("confidence", "float"),
               ("trigger", "str"), *_EVIDENCE, *_ARTICLE),
    "quotes": (("article_id", "str"), ("n", "int"), ("day", "str"), ("kind", "str"),
               ("speaker", "str"), ("speaker_text", "str"), ("speaker_descriptor", "str"),
               ("cue", "str"), ("channel", "str"), ("content", "str"), ("confidence", "float"),
               *_EVIDENCE, *_ARTICLE),
    "claims": (("article_id", "str"), ("n", "int"), ("day", "str"), ("value", "str"),
               ("low", "str"), ("high", "str"), ("qualifier", "str"), ("what", "str"),
               ("predicate", "str"), ("unit", "str"), ("source", "str"), ("cue", "str"),
               *_EVIDENCE, *_ARTICLE, ("story_id", "str")),
    "entities": (("name", "str"), ("label", "str"), ("articles", "int"), ("mentions", "int"),
                 ("first_day", "str"), ("last_day", "str")),
    "articles": (("id", "str"), ("day", "str"), ("published", "str"), ("title", "str"),
                 ("source", "str"), ("url", "str"), ("author", "str"), ("dateline", "str"),
                 ("origin", "str"), ("extractor", "str"), ("stored_at", "str"), ("chars", "int"),
                 ("story_id", "str")),
    "places": (("article_id", "str"), ("n", "int"), ("day", "str"), ("name", "str"),
               ("country_code", "str"), ("admin1", "str"), ("lat", "float"), ("lon", "float"),
               ("geonames_id", "int"), ("feature_code", "str"), ("role", "str"),
               ("confidence", "float"), *_EVIDENCE, *_ARTICLE),
    "times": (("article_id", "str"), ("n", "int"), ("day", "str"), ("value", "str"),
              ("precision", "str"), ("kind", "str"), ("mod", "str"), *_EVIDENCE, *_ARTICLE),
    "failures": (("id", "int"), ("created", "str"), ("origin", "str"), ("article_id", "str"),
                 ("stage", "str"), ("error", "str"), ("message", "str"), ("run_id", "str")),
    "stories": (("id", "str"), ("first_day", "str"), ("last_day", "str"), ("title", "str"),
                ("type", "str"), ("country", "str"), ("articles", "int"), ("sources", "list"),
                ("first_published", "str"), ("first_article_id", "str")),
    "incidents": (("id", "str"), ("story_id", "str"), ("day", "str"), ("time_precision", "int"),
                  ("type", "str"), ("mode", "str"), ("sub_event", "str"), ("actors", "list"),
                  ("recipients", "list"), ("location", "str"), ("country", "str"),
                  ("admin1", "str"), ("lat", "float"), ("lon", "float"),
                  ("geo_precision", "int"), ("factuality", "str"), ("fatalities", "int"),
                  ("reports", "int"), ("sources", "list"), ("note", "str"),
                  ("context", "list"), ("story_title", "str"), ("article_id", "str"),
                  ("url", "str")),
}

COLUMNS: dict[str, tuple[str, ...]] = {t: tuple(n for n, _ in cols)
                                       for t, cols in COLUMN_KINDS.items()}
