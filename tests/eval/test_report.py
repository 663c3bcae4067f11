from dateline.eval import EvalResult
from dateline.eval.report import PLANS, render


def plan(task):
    return next(p for p in PLANS if p.task == task)


def test_report_marks_floors_met_and_not_met_against_numbers_and_baselines():
    times = {"strict_f1": 0.8, "relaxed_f1": 0.9, "value_f1": 0.74, "baseline_value_f1": 0.4}
    ner = {"f1": 0.7, "f1_no_misc": 0.84, "baseline_f1_no_misc": 0.65,
           "rules_f1_no_misc": 0.69, "ORG_f1": 0.81}
    places = {"acc_161km": 0.8, "baseline_acc_161km": 0.7}
    runs = [
        (plan("times"), [EvalResult("times", "TimeBank", 3, times)], 1.0),
        (plan("ner"), [EvalResult("ner", "eng.testa", 2, ner)], 1.0),
        (plan("places"), [EvalResult("places", "LGL", 2, places)], 1.0),
        (plan("quotes"), "not measured: folder missing", 0.0),
    ]
    text = render(runs, limit=None)
    assert "| times | TimeBank |" in text
    assert "| value_f1 | 0.740 | 0.400 | ≥ 0.75 NOT met |" in text
    assert "| f1_no_misc | 0.840 | 0.650 | ≥ 0.85 NOT met |" in text
    assert "| ORG_f1 | 0.810 |  | ≥ 0.80 met |" in text
    assert "| acc_161km | 0.800 | 0.700 | ≥ baseline met |" in text
    assert "not measured: folder missing" in text
    assert "**times**: TempEval-3 definitions" in text
    assert '"value_f1": 0.74' in text


def test_eval_task_without_its_data_under_the_path_is_a_clear_error(tmp_path):
    import pytest

    from dateline.errors import ConfigError
    from dateline.eval import run_task

    (tmp_path / "notes.txt").write_text("nothing to score here")
    for task in ("ner", "places", "quotes"):
        with pytest.raises(ConfigError, match=f"No gold data for '{task}' found under"):
            run_task(task, tmp_path)


def test_report_checks_each_floor_of_a_task_and_shows_its_baselines():
    figures = {"loc_acc_25km": 0.82, "loc_acc_161km": 0.9, "loc_median_km": 3.0, "located": 0.9,
               "date_exact": 0.6, "date_within1": 0.8, "dated": 0.95,
               "baseline_loc_acc_25km": 0.67, "baseline_date_exact": 0.36}
    text = render([(plan("incidents"), [EvalResult("incidents", "GVA", 3, figures)], 1.0)],
                  limit=None)
    assert "| loc_acc_25km | 0.820 | 0.670 | ≥ 0.80 met |" in text
    assert "| date_exact | 0.600 | 0.360 | ≥ 0.70 NOT met |" in text
