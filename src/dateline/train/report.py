"""Write the figures ``make train`` reached into their own section of docs/quality.md.

The section sits between two markers; ``make eval`` rewrites the rest of the file and keeps it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from dateline.train.notes import NOTES

SECONDS = "_seconds"  # the training times, kept in the section's JSON
START = "<!-- make train: start -->"
END = "<!-- make train: end -->"

# (metric, floor) per held-out set, as issue 13 asks.
FLOORS = {"It Happened v2 (held-out part)": (("accuracy", 0.83),),
          "MEANTIME (held-out part)": (("macro_f1", 0.60),),
          "casualties": (("killed_exact_stated", 0.85), ("injured_exact_stated", 0.80)),
          "attribution": (("content_f1_overlap", 0.85), ("speaker_accuracy", 0.90),
                          ("end_to_end_f1", 0.78)),
          "ner": (("f1_no_misc", 0.85), ("PER_f1", 0.80), ("LOC_f1", 0.80), ("ORG_f1", 0.80))}
# The quote figures shown for the attribution tagger (learned against rules, PolNeAR dev).
ATTRIBUTION_SHOWN = ("content_f1_overlap", "speaker_accuracy", "end_to_end_f1",
                     "direct_f1_overlap", "indirect_f1_overlap")




def trigger_rows(figures: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """Return the table rows of the trigger filter and kinds: learned against the lexicon alone
    (trigger precision and recall; CASE 2021 event types)."""
    return [f"| triggers | {dataset} | {key} | {metrics['learned_' + key]:.3f} | "
            f"{metrics['lexicon_' + key]:.3f} | | |"
            for dataset, metrics in figures.items()
            for key in ("precision", "recall", "f1", "macro_f1", "micro_f1")
            if "learned_" + key in metrics]


def _floor(key: str, figure: float, floors: tuple[tuple[str, float], ...]) -> str:
    for name, minimum in floors:
        if name == key:
            return f"≥ {minimum:.2f} {'met' if figure >= minimum else 'NOT met'}"
    return ""


def _attribution_rows(figures: Mapping[str, Any]) -> list[str]:
    # In the tagger's label order: the figures kept in the report's JSON come back sorted.
    aside = figures.get("aside_f1", {})
    order = [label for label in figures.get("labels", ()) if label in aside]
    lines = [f"| attribution | PolNeAR train, articles kept aside | {label} span F1 | "
             f"{aside[label]:.3f} | | | |" for label in order or sorted(aside)]
    for dataset, metrics in figures.items():
        if not isinstance(metrics, Mapping) or "learned_content_f1_overlap" not in metrics:
            continue
        for key in ATTRIBUTION_SHOWN:
            base = metrics.get("baseline_" + key)
            lines.append(f"| attribution | {dataset} | {key} | {metrics['learned_' + key]:.3f} | "
                         f"{metrics['rules_' + key]:.3f} | "
                         f"{'' if base is None else f'{base:.3f} '}| "
                         f"{_floor(key, metrics['learned_' + key], FLOORS['attribution'])} |")
    return lines


def cue_rows(figures: Mapping[str, Any]) -> list[str]:
    """Return the table rows of the cue classifier: rules with the tagger and the classifier
    (learned) against the rules alone, the tagger's figure beside it, and the threshold's
    cross-validated F1 on PolNeAR train."""
    lines = []
    cv = figures.get("cross_validated_f1", {})
    if cv:
        chosen = f"{figures['threshold']:.2f}"
        lines.append(f"| cues | PolNeAR train, 5-fold CV over articles | quote F1 at threshold "
                     f"{chosen} | {cv[chosen]:.3f} | | {cv['pipeline']:.3f} | |")
    for dataset, metrics in figures.items():
        if not isinstance(metrics, Mapping) or "cues_content_f1_overlap" not in metrics:
            continue
        for key in ATTRIBUTION_SHOWN:
            figure = metrics["cues_" + key]
            lines.append(f"| cues | {dataset} | {key} (tagger alone "
                         f"{metrics['learned_' + key]:.3f}) | {figure:.3f} | "
                         f"{metrics['rules_' + key]:.3f} | | "
                         f"{_floor(key, figure, FLOORS['attribution'])} |")
    return lines


def ner_rows(figures: Mapping[str, Any]) -> list[str]:
    """Return the table rows of the tuned NER: learned against the pinned NER (rules), and how
    much of the pinned NER's reading of the types CoNLL lacks it keeps."""
    rows = [f"| ner | PolNeAR train, articles not trained on | {label} F1 against the pinned "
            f"NER | {figure:.3f} | 1.000 | | |"
            for label, figure in sorted(figures.get("pinned_agreement", {}).items())]
    for dataset, metrics in figures.items():
        if not isinstance(metrics, Mapping) or "learned_f1_no_misc" not in metrics:
            continue
        for key in ("f1", "f1_no_misc", "PER_f1", "LOC_f1", "ORG_f1"):
            rows.append(f"| ner | {dataset} (not trained on) | {key} | "
                        f"{metrics.get('learned_' + key, 0):.3f} | "
                        f"{metrics.get('rules_' + key, 0):.3f} | "
                        f"{_fmt(metrics.get('baseline_' + key))} | "
                        f"{_floor(key, metrics.get('learned_' + key, 0), FLOORS['ner'])} |")
    return rows


def _fmt(figure: Any) -> str:
    return f"{figure:.3f}" if isinstance(figure, float) else ""


def render_section(figures: Mapping[str, Mapping[str, Any]], seconds: Mapping[str, float]) -> str:
    """Return the Markdown of the learned components' section."""
    lines = [START, "## Learned components (`make train`)", "",
             f"Trained with `make train` on {date.today().isoformat()} "
             f"({', '.join(f'{k}: {v:.0f} s' for k, v in seconds.items())} on shared CPU "
             "cores). Each model trains on one part of a development set, split by document "
             "(It Happened: blocks of 25 sentences; GVA: incidents), and is scored here on the "
             "other part only; the attribution tagger trains on PolNeAR train and is scored on "
             "PolNeAR dev. `rules` is the rules alone on the same items; `baseline` always "
             "says happened / asserted (factuality) or takes the text between quotation marks "
             "(attribution).", "",
             "| component | held-out set | metric | learned | rules | baseline | floor |",
             "|---|---|---|---|---|---|---|"]
    for dataset, metrics in figures.get("factuality", {}).items():
        for key in ("accuracy", "f1_not_happened", "macro_f1"):
            if key in metrics:
                lines.append(f"| factuality | {dataset} | {key} | {metrics[key]:.3f} | "
                             f"{metrics.get('rules_' + key, 0):.3f} | "
                             f"{metrics.get('baseline_' + key, 0):.3f} | "
                             f"{_floor(key, metrics[key], FLOORS.get(dataset, ()))} |")
    for dataset, pair in figures.get("casualties", {}).items():
        for key, figure in pair["learned"].items():
            lines.append(f"| casualties | {dataset} | {key} | {figure:.3f} | "
                         f"{pair['rules'][key]:.3f} | | "
                         f"{_floor(key, figure, FLOORS['casualties'])} |")
        for key, figure in pair.get("reachable", {}).items():
            lines.append(f"| casualties | {dataset} | reachable {key} | {figure:.3f} | | | |")
    lines += trigger_rows(figures.get("triggers", {}))
    lines += _attribution_rows(figures.get("attribution", {}))
    lines += cue_rows(figures.get("cues", {}))
    lines += ner_rows(figures.get("ner", {}))
    kept = {**figures, SECONDS: {k: round(v) for k, v in seconds.items()}}
    lines += ["", *NOTES, "", "```json", json.dumps(kept, indent=1, sort_keys=True), "```", END]
    return "\n".join(lines) + "\n"


def write_section(path: Path, figures: Mapping[str, Mapping[str, Any]],
                  seconds: Mapping[str, float]) -> None:
    """Replace (or append) the section in ``path``."""
    text = path.read_text(encoding="utf-8") if path.is_file() else "# Quality\n"
    section = render_section(figures, seconds)
    path.write_text(replace_section(text, section), encoding="utf-8")


def replace_section(text: str, section: str) -> str:
    """Return ``text`` with the marked section replaced, or the section appended."""
    if START in text and END in text:
        head, rest = text.split(START, 1)
        tail = rest.split(END, 1)[1].lstrip("\n")
        return head + section + ("\n" + tail if tail else "")
    return text.rstrip("\n") + "\n\n" + section


def kept_figures(path: Path) -> dict[str, Any]:
    """Return the figures (and, under ``_seconds``, the training times) of an existing report."""
    section = kept_section(path)
    if "```json" not in section:
        return {}
    try:
        data = json.loads(section.split("```json", 1)[1].split("```", 1)[0])
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def kept_section(path: Path) -> str:
    """Return the marked section of an existing report, or ""."""
    if not path.is_file():
        return ""
    text = path.read_text(encoding="utf-8")
    if START not in text or END not in text:
        return ""
    return START + text.split(START, 1)[1].split(END, 1)[0] + END + "\n"
