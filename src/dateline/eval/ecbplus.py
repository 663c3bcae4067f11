"""Read ECB+ documents: text rebuilt from tokens, the gold story and the gold event chains.

ECB+ (Cybulska and Vossen, 2014) pairs, for each topic, news about one real event (the ``ecb``
half) with news about another event of the same kind (the ``ecbplus`` half). The gold story of
a document is its topic and its half. Event mentions are ACTION_* and NEG_* markables; their
chains come from CROSS_DOC_COREF (instance ids shared across documents) and INTRA_DOC_COREF.
Annotators chained events only in selected sentences (ECBplus_coreference_sentences.csv),
so coreference is scored on those sentences only.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from dateline.errors import ConfigError, FormatError
from dateline.eval.meantime import detokenize, read_cat

Span = tuple[int, int]
_NAME = re.compile(r"^(\d+)_(\d+)(ecbplus|ecb)\.xml$")
_URLISH = re.compile(r"^(?:https?\W|www\W)|\.(?:com|org|net|co\.uk|html?)\b|/", re.IGNORECASE)


@dataclass
class EcbDoc:
    """One ECB+ document as text, with its gold story and gold event mentions."""

    name: str
    topic: str
    half: str
    text: str
    # Gold event mentions in selected sentences: (start, end) -> chain id.
    events: dict[Span, str] = field(default_factory=dict)

    @property
    def story(self) -> str:
        """Return the gold story: the topic and its half ("3_ecbplus")."""
        return f"{self.topic}_{self.half}"


def find_files(data: Path) -> list[Path]:
    """Return the ECB+ XML documents under ``data``, in topic and document order."""
    files = [p for p in data.rglob("*.xml") if _NAME.match(p.name)] if data.is_dir() else \
        ([data] if _NAME.match(data.name) else [])
    if not files:
        raise ConfigError(f"No ECB+ documents (<topic>_<n>ecb.xml, <topic>_<n>ecbplus.xml) "
                          f"under {data}. Point --data at the ECB+ folder.")

    def order(path: Path) -> tuple[int, str, int]:
        match = _NAME.match(path.name)
        assert match is not None
        return int(match.group(1)), match.group(3), int(match.group(2))

    return sorted(files, key=order)


def selected_sentences(data: Path) -> dict[str, set[int]] | None:
    """Return document stem -> sentence numbers chosen for coreference, if the csv is there."""
    root = data if data.is_dir() else data.parent
    found = sorted(root.rglob("ECBplus_coreference_sentences.csv")) or \
        sorted(root.parent.rglob("ECBplus_coreference_sentences.csv"))
    if not found:
        return None
    chosen: dict[str, set[int]] = {}
    with found[0].open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            chosen.setdefault(f"{row['Topic']}_{row['File']}", set()).add(int(row["Sentence Number"]))
    return chosen


def _is_url_line(words: Sequence[str]) -> bool:
    joined = "".join(words)
    return bool(_URLISH.search(joined)) and " " not in joined and len(words) > 3


def read_document(path: Path, chosen: dict[str, set[int]] | None = None) -> EcbDoc:
    """Rebuild one document's text and map its gold event mentions onto it.

    The first sentence of an ``ecbplus`` document is dropped when it is the source URL: the
    ``ecb`` half has none, and the URL's slug would give the story away.
    """
    match = _NAME.match(path.name)
    if match is None:
        raise FormatError(f"{path}: not an ECB+ document name (<topic>_<n>ecb[plus].xml).")
    root, tokens = read_cat(path, "an ECB+ file")
    first = [word for _, sentence, word in tokens if sentence == tokens[0][1]]
    if match.group(3) == "ecbplus" and _is_url_line(first):
        tokens = [t for t in tokens if t[1] != tokens[0][1]]
    text, spans = detokenize(tokens)
    sentence_of = {tid: sentence for tid, sentence, _ in tokens}
    stem = path.stem
    keep = (chosen or {}).get(stem)
    doc = EcbDoc(stem, match.group(1), match.group(3), text)
    mentions: dict[str, Span] = {}
    markables = root.find("Markables")
    for element in markables if markables is not None else ():
        if not (element.tag.startswith("ACTION") or element.tag.startswith("NEG")):
            continue
        ids = [a.get("t_id") for a in element.findall("token_anchor") if a.get("t_id") in spans]
        if not ids or (keep is not None and not any(sentence_of[i] in keep for i in ids)):
            continue
        mentions[element.get("m_id", "")] = (min(spans[i][0] for i in ids),
                                             max(spans[i][1] for i in ids))
    chain_of: dict[str, str] = {}
    relations = root.find("Relations")
    for relation in relations if relations is not None else ():
        if relation.tag == "CROSS_DOC_COREF":
            chain = relation.get("note") or f"{stem}:{relation.get('r_id')}"
        elif relation.tag == "INTRA_DOC_COREF":
            chain = f"{stem}:{relation.get('r_id')}"
        else:
            continue
        for source in relation.findall("source"):
            chain_of.setdefault(source.get("m_id", ""), chain)
    for m_id, span in mentions.items():
        doc.events[span] = chain_of.get(m_id, f"{stem}:m{m_id}")
    return doc
