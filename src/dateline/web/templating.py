"""The Jinja2 environment of the pages: autoescaping always on, undefined names an error."""

from __future__ import annotations

from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

import jinja2
from fastapi.templating import Jinja2Templates

from dateline.store import sources
from dateline.web.charts import figure_label
from dateline.web.marks import format_number


def entity_url(name: str | None, label: str | None) -> str | None:
    """The URL of an entity's page (names may hold any character, "/" included)."""
    if not name or not label:
        return None
    return f"/entities/{quote(label.upper(), safe='')}/{quote(name, safe='')}"


WEB_SCHEMES = frozenset({"http", "https"})


def web_url(url: str | None) -> str | None:
    """Return ``url`` if a page may link to it (an absolute http or https URL), else None.

    Article URLs come from the articles' senders: ``javascript:``, ``data:`` or ``vbscript:``
    in a link would run or show their content on a click. Escaping does not help there, so
    pages write a sender's URL only through this. Browsers drop tabs and newlines inside URLs
    and skip leading control characters, so a URL holding any is refused too.
    """
    if not url:
        return None
    text = url.strip()
    if any(ord(c) < 0x21 or ord(c) == 0x7F for c in text):
        return None
    try:
        parts = urlsplit(text)
    except ValueError:  # e.g. an unbalanced "[" in the host
        return None
    return text if parts.scheme.lower() in WEB_SCHEMES and parts.netloc else None


def with_params(params: dict[str, Any], **changes: Any) -> str:
    """Return a query string from ``params`` with ``changes`` applied (None removes a key); a
    source filter of several values is written repeated (``source=AFP&source=Reuters``)."""
    merged = {**params, **changes}
    return urlencode([(k, part) for k, v in merged.items() if v not in (None, "")
                      for part in (sources.values_of(v) if k == "source" else [v])])


def figure(row: dict[str, Any]) -> str:
    """Write a claim's or a count's figure with its range and hedge: "at least 1,300"."""
    return figure_label(row)


def published(value: datetime | None) -> str:
    """Write a publication time as given: a plain date when no time of day was known."""
    if value is None:
        return ""
    if value.tzinfo is None and (value.hour, value.minute, value.second) == (0, 0, 0):
        return value.date().isoformat()
    return value.isoformat()


def make_templates() -> Jinja2Templates:
    """Return the page templates, autoescaping everything (article text is untrusted)."""
    folder = Path(str(resources.files("dateline.web").joinpath("templates")))
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(folder), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True,
                             lstrip_blocks=True)
    env.globals.update(entity_url=entity_url, with_params=with_params, figure=figure,
                       web_url=web_url)
    from dateline.store.query import FACTUALITIES
    from dateline.web import listing  # the list pages' link helpers

    env.globals.update(chosen=listing.chosen, narrowed=listing.narrowed,
                       widened=listing.widened, dropped=listing.dropped,
                       sort_link=listing.sort_link, factualities=FACTUALITIES)
    env.filters["number"] = format_number
    env.filters["published"] = published
    return Jinja2Templates(env=env)
