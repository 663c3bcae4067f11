"""The word lists of resources/: each used by the code, each concept under one name."""

import importlib
import itertools
import pkgutil
import re
from pathlib import Path

import pytest

import dateline.resources

SRC = Path(dateline.resources.__file__).resolve().parents[1]


def word_lists():
    """Return {"module.NAME": frozenset} for every public word list defined in resources/."""
    found, seen = {}, set()
    for info in pkgutil.walk_packages(dateline.resources.__path__, "dateline.resources."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if name.isupper() and isinstance(value, frozenset) and id(value) not in seen and \
                    all(isinstance(v, str) for v in value):
                seen.add(id(value))  # a list a package re-exports is the same list
                found[f"{info.name}.{name}"] = value
    return found


LISTS = word_lists()
SOURCES = {path: path.read_text(encoding="utf-8") for path in SRC.rglob("*.py")}


def test_word_lists_are_found():
    assert len(LISTS) > 40
    assert "dateline.resources.cues.REPORTING_VERBS" in LISTS


@pytest.mark.parametrize("qualified", sorted(LISTS))
def test_word_lists_each_is_used(qualified):
    module, name = qualified.rsplit(".", 1)
    home = SRC.joinpath(*module.split(".")[1:]).with_suffix(".py")
    if not home.exists():
        home = home.with_suffix("") / "__init__.py"
    pattern = re.compile(rf"\b{name}\b")
    uses = sum(len(pattern.findall(text)) for path, text in SOURCES.items() if path != home)
    uses += len(pattern.findall(SOURCES[home])) - 1  # beside its definition
    assert uses > 0, f"{qualified} is used nowhere: remove it or use it"


def test_word_lists_one_name_per_list_name():
    names = sorted(q.rsplit(".", 1)[1] for q in LISTS)
    assert [n for n, group in itertools.groupby(names) if len(list(group)) > 1] == [], (
        "two modules of resources/ define lists of the same name: one concept, one name")


def jaccard(a, b):
    return len(a & b) / len(a | b)


def test_word_lists_no_two_hold_the_same_concept():
    """Two lists sharing more than 80% of their words (by Jaccard) are one concept twice.

    A named subset ("addressee verbs" of the verbs of saying) shares all its words with the
    bigger list but is far smaller, so it passes; so do the inflected forms of a lemma list.
    """
    same = [(a, b, round(jaccard(x, y), 2))
            for (a, x), (b, y) in itertools.combinations(sorted(LISTS.items()), 2)
            if x and y and x is not y and jaccard(x, y) > 0.8]
    assert same == [], "merge these lists into one, or make one a derived view of the other"


def test_word_lists_overlap_measure_catches_a_copy():
    say = LISTS["dateline.resources.cues.SAY_VERBS"]
    copy = frozenset(sorted(say)[:-3]) | {"chirp"}
    assert jaccard(say, copy) > 0.8 and jaccard(say, LISTS["dateline.resources.cues.NAMING_VERBS"]) < 0.8


def test_word_lists_reporting_verbs_are_verbs_of_saying_but_indicate():
    from dateline.resources.cues import REPORTING_FORMS, REPORTING_VERBS, SAY_VERBS

    assert {"indicate"} == REPORTING_VERBS - SAY_VERBS
    assert {"said", "told", "admitted", "indicated", "estimates"} <= REPORTING_FORMS
