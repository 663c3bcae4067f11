"""Regenerate the golden digests of tests/golden/ from the demo corpus (make golden).

Review every changed line with `git diff tests/golden` before committing: a golden file records
output a person has checked, item by item (see REVIEW.md).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from tests.golden.digest import GOLDEN_LINES, digest  # noqa: E402

CORPUS = HERE.parents[1] / "data" / "demo" / "articles.jsonl"


def golden_path(line: int) -> Path:
    return HERE / f"line{line:02d}.txt"


def render(line: int, record: dict[str, str]) -> str:
    from dateline import extract

    doc = extract(record["text"], published=record.get("published"), title=record.get("title"),
                  source=record.get("source"), url=record.get("url"))
    return digest(doc, f"{record['title']} ({record.get('published')}), demo corpus line {line}")


def records() -> dict[int, dict[str, str]]:
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    return {n: json.loads(lines[n - 1]) for n in GOLDEN_LINES}


def main() -> None:
    for line, record in records().items():
        golden_path(line).write_text(render(line, record), encoding="utf-8")
        print(f"wrote {golden_path(line).relative_to(HERE.parents[1])}")


if __name__ == "__main__":
    main()
