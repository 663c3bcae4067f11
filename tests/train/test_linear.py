"""Training is deterministic and its export scores like the fitted model (on a toy set)."""

from __future__ import annotations

from pathlib import Path

from dateline.learned.model import model_from_dict
from dateline.train.linear import fit_linear, write_model

# A toy set written for this test: two cues decide the class, one word is noise.
TOY_ROWS = ([["neg", "tag=VBD"]] * 6 + [["aux=will", "tag=VB"]] * 6 + [["tag=VBD"]] * 8
            + [["tag=VBD", "noise"]] * 2 + [["neg", "tag=VB", "noise"]] * 2)
TOY_LABELS = (["negated"] * 6 + ["future"] * 6 + ["asserted"] * 8 + ["asserted"] * 2
              + ["negated"] * 2)


def test_linear_training_writes_identical_files_twice(tmp_path: Path) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    write_model(fit_linear(TOY_ROWS, TOY_LABELS), first, {"examples": len(TOY_ROWS)})
    write_model(fit_linear(TOY_ROWS, TOY_LABELS), second, {"examples": len(TOY_ROWS)})
    assert first.read_bytes() == second.read_bytes()


def test_linear_export_predicts_the_toy_classes() -> None:
    model = model_from_dict(fit_linear(TOY_ROWS, TOY_LABELS))
    for row, label in (({"neg", "tag=VBD"}, "negated"), ({"aux=will", "tag=VB"}, "future"),
                       ({"tag=VBD"}, "asserted")):
        probs = model.probabilities(row)
        assert max(probs, key=lambda k: probs[k]) == label


def test_linear_binary_export_keeps_the_positive_class_second() -> None:
    rows = [["neg"]] * 5 + [["past"]] * 5
    labels = ["not_happened"] * 5 + ["happened"] * 5
    model = model_from_dict(fit_linear(rows, labels, min_count=1))
    assert model.classes == ("happened", "not_happened")
    assert model.probabilities(["neg"])["not_happened"] > 0.5 > \
        model.probabilities(["past"])["not_happened"]
