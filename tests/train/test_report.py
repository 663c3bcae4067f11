"""make train's section of docs/quality.md is replaced in place and survives make eval."""

from __future__ import annotations

from pathlib import Path

from dateline.train.report import (
    END,
    SECONDS,
    START,
    kept_figures,
    kept_section,
    replace_section,
    trigger_rows,
    write_section,
)

FIGURES = {"factuality": {"MEANTIME (held-out part)": {
    "accuracy": 0.9, "macro_f1": 0.55, "rules_macro_f1": 0.5, "baseline_macro_f1": 0.2}},
    "casualties": {"GVA, held-out incidents": {
        "learned": {"killed_exact_stated": 0.86}, "rules": {"killed_exact_stated": 0.78},
        "docs": 10}}}


def test_report_section_is_replaced_not_repeated(tmp_path: Path) -> None:
    path = tmp_path / "quality.md"
    path.write_text("# Quality\n\nfigures\n", encoding="utf-8")
    write_section(path, FIGURES, {"factuality": 12.0})
    write_section(path, FIGURES, {"factuality": 13.0})
    text = path.read_text(encoding="utf-8")
    assert text.count(START) == text.count(END) == 1
    assert text.startswith("# Quality\n\nfigures\n")
    assert "| factuality | MEANTIME (held-out part) | macro_f1 | 0.550 | 0.500 | 0.200 | " \
           "≥ 0.60 NOT met |" in text
    assert "| casualties | GVA, held-out incidents | killed_exact_stated | 0.860 | 0.780 | | " \
           "≥ 0.85 met |" in text


def test_report_kept_section_survives_a_rewrite(tmp_path: Path) -> None:
    path = tmp_path / "quality.md"
    write_section(path, FIGURES, {"factuality": 12.0})
    kept = kept_section(path)
    assert kept.startswith(START) and kept.rstrip().endswith(END)
    assert replace_section("# New report\n", kept).count(START) == 1
    assert kept_section(tmp_path / "absent.md") == ""


ATTRIBUTION = {"aside_f1": {"SOURCE": 0.7, "CUE": 0.75, "CONTENT": 0.6},
               "PolNeAR dev": {
                   **{f"{who}_{key}": figure for who, figure in (("learned", 0.86),
                                                                 ("rules", 0.78))
                      for key in ("content_f1_overlap", "speaker_accuracy", "end_to_end_f1",
                                  "direct_f1_overlap", "indirect_f1_overlap")}}}


def test_report_attribution_rows_show_learned_beside_rules(tmp_path: Path) -> None:
    path = tmp_path / "quality.md"
    write_section(path, {**FIGURES, "attribution": ATTRIBUTION}, {"attribution": 3600.0})
    text = path.read_text(encoding="utf-8")
    assert "| attribution | PolNeAR dev | content_f1_overlap | 0.860 | 0.780 | | " \
           "≥ 0.85 met |" in text
    assert "| attribution | PolNeAR dev | speaker_accuracy | 0.860 | 0.780 | | " \
           "≥ 0.90 NOT met |" in text
    assert "CUE span F1 | 0.750" in text


def test_report_figures_and_times_are_read_back_for_a_partial_run(tmp_path: Path) -> None:
    path = tmp_path / "quality.md"
    write_section(path, {**FIGURES, "attribution": ATTRIBUTION}, {"attribution": 3600.0})
    kept = kept_figures(path)
    assert kept.pop(SECONDS) == {"attribution": 3600.0}
    assert kept == {**FIGURES, "attribution": ATTRIBUTION}
    assert kept_figures(tmp_path / "absent.md") == {}


def test_report_attribution_rows_keep_the_tagger_label_order_when_read_back(
        tmp_path: Path) -> None:
    path = tmp_path / "quality.md"
    figures = {**FIGURES, "attribution": {**ATTRIBUTION, "labels": ["SOURCE", "CUE", "CONTENT"]}}
    write_section(path, figures, {"attribution": 3600.0})
    first = path.read_text(encoding="utf-8")
    kept = kept_figures(path)
    seconds = kept.pop(SECONDS)
    write_section(path, kept, seconds)
    again = path.read_text(encoding="utf-8")
    assert again == first
    assert again.index("SOURCE span F1") < again.index("CUE span F1") < again.index(
        "CONTENT span F1")


def test_report_trigger_rows_hold_filter_and_event_type_figures() -> None:
    rows = trigger_rows({
        "ECB+ (held-out part)": {"learned_precision": 0.99, "lexicon_precision": 0.98,
                                 "learned_recall": 0.08, "lexicon_recall": 0.08,
                                 "learned_f1": 0.15, "lexicon_f1": 0.15},
        "CASE 2021 dev, second half (held-out)": {"learned_macro_f1": 0.575,
                                                  "lexicon_macro_f1": 0.567,
                                                  "learned_micro_f1": 0.609,
                                                  "lexicon_micro_f1": 0.605, "snippets": 248}})
    assert len(rows) == 5
    assert "| triggers | CASE 2021 dev, second half (held-out) | macro_f1 | 0.575 | 0.567 | | |" \
        in rows
    assert not any("CASE" in r and "precision" in r for r in rows)
