"""make train's section of docs/quality.md is replaced in place and survives make eval."""

from __future__ import annotations

from pathlib import Path

from dateline.train.report import END, START, kept_section, replace_section, write_section

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
