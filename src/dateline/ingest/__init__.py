"""The only input I/O: turn files, pages, feeds and records into validated Articles."""

from dateline.ingest.article import make_article
from dateline.ingest.dates import parse_published

__all__ = ["make_article", "parse_published"]
