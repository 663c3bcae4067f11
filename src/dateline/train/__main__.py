"""Rebuild every shipped weight file and write the figures reached into docs/quality.md.

    python -m dateline.train --eval ../shared/eval --train ../shared/train --quality docs/quality.md
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

from dateline.settings import Settings
from dateline.train.attribution import train_and_score as train_attribution
from dateline.train.casualties import train_casualties
from dateline.train.cues import train_cues
from dateline.train.factuality import train_factuality
from dateline.train.ner import train_ner
from dateline.train.report import SECONDS, kept_figures, write_section
from dateline.train.triggers import train_triggers

# The cue classifier last: it is trained on the parse and the quotes of the pipeline as shipped.
COMPONENTS = ("factuality", "casualties", "triggers", "attribution", "ner", "cues")
MODELS = Path(__file__).resolve().parent.parent / "resources" / "models"


def main() -> None:
    parser = argparse.ArgumentParser(description="Train dateline's learned components.")
    parser.add_argument("--eval", type=Path, default=Path("../shared/eval"),
                        help="Gold folder; models train on its development parts only.")
    parser.add_argument("--train", type=Path, default=Path("../shared/train"),
                        help="Training corpora (CoNLL-2003, PolNeAR train) for the taggers.")
    parser.add_argument("--models", type=Path, default=MODELS, help="Where weight files go.")
    parser.add_argument("--quality", type=Path, default=Path("docs/quality.md"))
    parser.add_argument("--only", action="append", choices=COMPONENTS,
                        help="Train only this component (repeatable); the others keep their "
                             "weights and their figures in the report.")
    args = parser.parse_args()
    if not args.eval.is_dir():
        parser.error(f"{args.eval} is not a folder of gold data")
    settings = Settings()
    figures: dict[str, dict[str, Any]] = {}
    seconds: dict[str, float] = {}
    trainers = {"factuality": lambda: train_factuality(args.eval, args.models, settings),
                "casualties": lambda: train_casualties(args.eval, args.models, settings),
                "attribution": lambda: train_attribution(args.eval, args.train, args.models,
                                                         settings),
                "cues": lambda: train_cues(args.eval, args.train, args.models, settings),
                "triggers": lambda: train_triggers(args.eval, args.models, settings),
                "ner": lambda: train_ner(args.eval, args.train, args.models, settings)}
    kept = kept_figures(args.quality)
    seconds.update(kept.pop(SECONDS, {}))
    figures.update(kept)
    for name in args.only or COMPONENTS:
        started = time.perf_counter()
        figures[name] = trainers[name]()
        seconds[name] = time.perf_counter() - started
        print(json.dumps(figures[name], indent=1), flush=True)
    write_section(args.quality, figures, seconds)
    print(f"wrote {args.models} and {args.quality}")


if __name__ == "__main__":
    main()
