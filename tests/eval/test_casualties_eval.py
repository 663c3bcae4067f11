"""Casualties scorer: GVA reader and join, the counting rule, the stated subset, the CLI."""

import json
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from dateline.cli import cli
from dateline.errors import FormatError
from dateline.eval.casualties import (
    baseline_near,
    counts_from_claims,
    counts_people,
    find_sets,
    read_cases,
    states_figure,
)
from dateline.records import Claim, Span

FIXTURE = Path(__file__).parents[1] / "fixtures" / "gva"


def test_casualties_reader_joins_articles_to_incidents_and_skips_the_rest():
    cases = list(read_cases(FIXTURE))
    assert [c.article_id for c in cases] == ["a1", "a2", "a3", "a4", "a5"]
    first = cases[0]
    assert (first.killed, first.injured, first.published) == (2, 3, "2021-03-03")
    assert first.text.startswith("Two people were killed")
    # a6 names an incident the gold file lacks; a7 has only whitespace.
    assert {"a6", "a7"}.isdisjoint(c.article_id for c in cases)


def test_casualties_finds_the_folder_from_either_file_or_below(tmp_path):
    assert find_sets(FIXTURE) == [FIXTURE]
    assert find_sets(FIXTURE / "articles.jsonl") == [FIXTURE]
    assert FIXTURE in find_sets(FIXTURE.parent)
    with pytest.raises(FormatError, match=r"incidents\.jsonl"):
        find_sets(tmp_path)


def test_casualties_reader_names_the_bad_line(tmp_path):
    (tmp_path / "incidents.jsonl").write_text('{"incident_id": "1"}\nnot json\n')
    (tmp_path / "articles.jsonl").write_text("")
    with pytest.raises(FormatError, match=r"incidents\.jsonl line 2"):
        list(read_cases(tmp_path))


@pytest.mark.parametrize(("text", "figure", "expected"), [
    ("Three people were shot.", 3, True),
    ("Police said 3 were hurt.", 3, True),
    ("No one else was hurt.", 1, True),
    ("Police found 13 shell casings.", 3, False),
    ("It cost $1,300 to repair.", 300, False),
    ("A 1.5 magnitude quake.", 1, False),
    ("Two men were arrested.", 3, False),
    ("The toll rose to 50.", 50, True),
])
def test_casualties_stated_subset_needs_the_figure_as_a_whole_number(text, figure, expected):
    assert states_figure(text, figure) is expected


def claim(start, value, predicate, *, what=None, unit=None, low=None, high=None, at=None,
          text=None):
    end = start + len(text) if text else start + 3
    span = Span(*at, "x" * (at[1] - at[0])) if at else None
    return Claim(start, end, text or "x" * (end - start),
                 value=None if value is None else Decimal(value),
                 low=low, high=high, what=what, predicate=predicate, unit=unit, predicate_span=span)


SENTENCES = (Span(0, 100, ""), Span(100, 200, ""), Span(200, 300, ""), Span(300, 400, ""))


@pytest.mark.parametrize(("claims", "expected"), [
    # "Two people were killed and three others were wounded."
    ([claim(0, 2, "killed"), claim(30, 3, "wounded")], (2, 3)),
    # "Four people were shot, one fatally." -> three injured
    ([claim(0, 4, "shot"), claim(20, 1, "fatally shot")], (1, 3)),
    # Figures sharing one predicate word add up: "killing 12 soldiers and one civilian".
    ([claim(10, 12, "killing", at=(0, 7)), claim(30, 1, "killing", at=(0, 7))], (13, 0)),
    # The largest total in the first two sentences stating one; later ones are other events.
    ([claim(5, 1, "killed"), claim(150, 2, "died"), claim(250, 13, "killed")], (2, 0)),
    # Not people, not a tally, negated, vague or money: nothing counted.
    ([claim(0, 3, "killed", what="shots"), claim(10, 5, "arrested"), claim(20, 2, "not injured"),
      claim(30, None, "killed", low=Decimal(24)), claim(40, 9, "killed", unit="$")], (0, 0)),
    # A killer's own death adds to the toll of its sentence: "killed three before killing
    # himself" is four; alone it is one.
    ([claim(0, 3, "killed", at=(0, 6)), claim(40, 1, "killing", at=(30, 37), text="himself")],
     (4, 0)),
    ([claim(0, 3, "killed", at=(0, 6)), claim(40, 1, "taking life", at=(30, 36), text="his")],
     (4, 0)),
    ([claim(0, 1, "killing", text="himself"), claim(150, 2, "wounded")], (1, 2)),
    # "lost his life" is a victim's death, not the killer's: the larger toll stands.
    ([claim(0, 3, "killed", at=(0, 6)), claim(40, 1, "lost life", at=(30, 34), text="his")],
     (3, 0)),
    # A range counts its upper end.
    ([claim(0, None, "wounded", low=Decimal(10), high=Decimal(15))], (0, 15)),
    ([], (0, 0)),
])
def test_casualties_counts_from_claims_follow_the_documented_rule(claims, expected):
    assert counts_from_claims(claims, SENTENCES) == expected


def test_casualties_counts_people_not_things_or_amounts():
    assert counts_people(claim(0, 2, "killed", what="police officers"))
    assert counts_people(claim(0, 3, "homicide", what="homicide", text="triple"))
    assert not counts_people(claim(0, 3, "homicides", what="homicides"))
    assert counts_people(claim(0, 2, "killed"))
    assert not counts_people(claim(0, 2, "fired", what="rounds"))
    assert not counts_people(claim(0, 2, "killed", unit="%"))


@pytest.mark.parametrize(("text", "expected"), [
    ("Two people were killed and three others were wounded.", (2, 3)),
    ("A man was killed. Police said 4 were hurt.", (0, 4)),
    # Naive on purpose: a year before the verb is taken for the toll.
    ("The 2019 shooting killed one and injured twelve.", (2019, 1)),
    ("Nobody was hurt.", (0, 0)),
])
def test_casualties_baseline_takes_the_number_just_before_the_word(text, expected):
    assert baseline_near(text) == expected


@pytest.mark.model
def test_casualties_eval_cli_scores_the_fixture_as_json():
    result = CliRunner().invoke(cli, ["eval", "casualties", "--data", str(FIXTURE), "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output.strip().splitlines()[0])
    assert out["task"] == "casualties" and out["docs"] == 5
    m = out["metrics"]
    # Every article's killed count is read right; the vigil story (a2) states no injured, and
    # in the farmhouse story (a5), which tells of no injury, the trained chooser takes one of
    # the victims for a wounded person (injured 1 against 0): a known miss of the trees, whose
    # held-out injured figures are higher than the linear model's (docs/quality.md).
    assert (m["killed_exact"], m["killed_mae"]) == (1.0, 0.0)
    assert (m["injured_exact"], m["injured_mae"]) == (0.6, 0.8)
    assert (m["docs_killed_stated"], m["killed_exact_stated"]) == (2, 1.0)
    assert (m["docs_injured_stated"], m["injured_exact_stated"]) == (2, 1.0)
    assert m["baseline_zero_killed_exact"] == 0.2
    assert m["baseline_near_killed_exact_stated"] == m["baseline_killed_exact_stated"] == 0.5
    assert m["failed"] == 0


@pytest.mark.model
def test_casualties_eval_limit_scores_only_the_first_articles():
    result = CliRunner().invoke(cli, ["eval", "casualties", "--data", str(FIXTURE), "--json",
                                      "--limit", "2"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output.strip().splitlines()[0])["docs"] == 2


def _prefers(value: int) -> dict[str, object]:
    """A tree file whose only trees make ``value`` the likeliest killed and injured figure."""
    trees = [{"feature": [f"{kind}:value={value}", "", ""], "left": [1, 0, 0],
              "right": [2, 0, 0], "value": [0.0, -5.0, 5.0]} for kind in ("killed", "injured")]
    return {"kind": "trees", "classes": ["no", "yes"], "baseline": 0.0, "trees": trees}


@pytest.fixture
def chooser_weights(monkeypatch):
    """Shipped weights that always choose 0, split weights that always choose 1."""
    from dateline.learned import trees
    from dateline.learned.model import SPLIT

    def read(name, variant=None):
        assert name == "casualties"
        return _prefers(1 if variant == SPLIT else 0)

    monkeypatch.setattr(trees, "read_model_file", read)
    trees.load_trees.cache_clear()
    yield
    trees.load_trees.cache_clear()


@pytest.mark.model
@pytest.mark.usefixtures("chooser_weights")
def test_casualties_eval_scores_held_out_incidents_with_the_split_weights():
    from dateline.eval.casualties import run
    from dateline.settings import Settings

    (result,) = run(FIXTURE, limit=None, settings=Settings())
    m = result.metrics
    # Only incident 4 (a5: 4 killed, 0 injured) is held out. The split weights choose 1 there;
    # the headline, over every article, is the shipped weights' choice of 0, as the pipeline's.
    assert m["heldout_docs"] == 1
    assert (m["learned_killed_mae"], m["learned_injured_mae"]) == (3.0, 1.0)
    assert m["killed_mae"] == m["baseline_zero_killed_mae"]
    assert m["injured_mae"] == m["baseline_zero_injured_mae"]
