"""Runners take the one pipeline to many articles: ``local`` runs worker processes on this machine."""

from dateline.runners.local import IngestResult, Progress, ingest

__all__ = ["IngestResult", "Progress", "ingest"]
