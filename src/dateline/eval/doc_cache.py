"""Run the pipeline over gold documents, keeping each Doc in a cache folder between runs.

Scorers that only read the pipeline's output (stories, coreference) rerun in seconds. A cached
Doc is keyed by its article and a digest of the code and settings that produced it, so editing
a stage or a resource table recomputes it.
"""

from __future__ import annotations

import hashlib
import pickle
import tempfile
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import dateline
from dateline.pipeline import Pipeline
from dateline.records import Article, Doc
from dateline.settings import Settings

CACHE_FOLDER = "dateline-eval-docs"
# What decides a Doc: the stages, the resources they read, the records and the pipeline.
_CODE = ("stages", "resources", "ingest", "pipeline.py", "records.py", "registry.py",
         "learned/factuality.py", "learned/features.py", "learned/model.py",
         "learned/triggers.py", "learned/trigger_kinds.py", "learned/attribution.py")
# Weight files no stage reads (the casualties scorer's chooser runs on the Docs afterwards;
# the split weights only the scorers read).
_NOT_READ_BY_STAGES = frozenset({"resources/models/casualties.json",
                                 "resources/models/casualties.split.json",
                                 "resources/models/factuality-happened.split.json",
                                 "resources/models/factuality-kind.split.json"})


@lru_cache(maxsize=1)
def code_digest() -> str:
    """Return a digest of the source files that decide what the pipeline extracts."""
    root = Path(dateline.__file__).parent
    digest = hashlib.sha256(dateline.__version__.encode())
    for part in _CODE:
        path = root / part
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for file in files:
            # The attribution tagger's weights are files named "model", without a suffix.
            if file.is_file() and (file.suffix in (".py", ".tsv", ".txt", ".json", ".csv")
                                   or file.name == "model") \
                    and file.relative_to(root).as_posix() not in _NOT_READ_BY_STAGES:
                digest.update(file.relative_to(root).as_posix().encode())
                digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def default_folder() -> Path:
    """Return the cache folder in the system's temporary directory."""
    return Path(tempfile.gettempdir()) / CACHE_FOLDER


def run_cached(articles: Sequence[Article], settings: Settings, *,
               folder: Path | None = None) -> list[Doc | None]:
    """Return a Doc per article (None where the pipeline failed), computing only what is missing."""
    folder = folder or default_folder()
    folder.mkdir(parents=True, exist_ok=True)
    salt = hashlib.sha256(f"{code_digest()}|{settings.fingerprint()}".encode()).hexdigest()[:16]
    paths = [folder / f"{a.id}-{salt}.pickle" for a in articles]
    docs: list[Doc | None] = [None] * len(articles)
    missing: list[int] = []
    for i, path in enumerate(paths):
        try:
            docs[i] = pickle.loads(path.read_bytes())  # our own files, written below
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
            missing.append(i)
    if missing:
        pipeline = Pipeline.from_settings(settings)
        outs = pipeline.pipe([articles[i] for i in missing], on_error="record")
        for i, out in zip(missing, outs, strict=True):
            if isinstance(out, Doc):
                docs[i] = replace(out, parse=None)
                paths[i].write_bytes(pickle.dumps(docs[i]))
    return docs
