"""The tuned NER replaces the pinned model's NER when learned_ner is on, and only then."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.errors import ConfigError
from dateline.ingest.article import make_article
from dateline.learned import ner as learned
from dateline.pipeline import Pipeline
from dateline.settings import Settings
from dateline.stages.nlp import load_model

MODEL = Settings().model
# Written for this test: a club named after its city, in a results line.
RESULT = "Leeds United beat Chelsea 2-1 at Elland Road on Saturday, said manager Howard Wilkinson."


def test_learned_ner_weights_are_shipped_and_small() -> None:
    folder = learned.ner_weights()
    size = sum((folder / name).stat().st_size for name in learned.COMPONENT_FILES)
    assert size < 15_000_000


def test_learned_ner_missing_weights_name_the_setting(monkeypatch: pytest.MonkeyPatch,
                                                      tmp_path: Path) -> None:
    monkeypatch.setattr(learned, "resources", _Files(tmp_path))
    with pytest.raises(ConfigError, match="learned_ner = false"):
        learned.ner_weights()


class _Files:
    def __init__(self, root: Path) -> None:
        self.root = root

    def files(self, _package: str) -> Path:
        return self.root


@pytest.mark.model
def test_learned_ner_loads_once_and_keeps_the_fine_labels() -> None:
    tuned = load_model(MODEL, ("ner", "parser"), True)
    assert load_model(MODEL, ("ner", "parser"), True) is tuned
    pinned = load_model(MODEL, ("ner", "parser"), False)
    assert pinned is not tuned
    assert set(tuned.get_pipe("ner").labels) == set(pinned.get_pipe("ner").labels)
    labels = {e.text: e.label_ for e in tuned(RESULT).ents}
    assert labels.get("Chelsea") == "ORG"
    assert labels.get("Howard Wilkinson") == "PERSON"
    assert labels.get("Saturday") == "DATE"


@pytest.mark.model
def test_learned_ner_setting_switches_the_pipeline_ner() -> None:
    article = make_article(RESULT, published="2026-03-20", check_language=False)
    labels = {}
    for on in (False, True):
        pipeline = Pipeline.from_settings(Settings(stages=("nlp",), learned_ner=on))
        parse = pipeline.pipe([article], keep_parse=True)
        doc = next(parse)
        labels[on] = [(e.text, e.label_) for e in doc.parse.ents]  # type: ignore[union-attr]
    assert labels[False] != labels[True]


@pytest.mark.model
def test_learned_ner_replaces_the_pinned_ner_in_one_component() -> None:
    tuned = load_model(MODEL, (), True)
    pinned = load_model(MODEL, (), False)
    assert [n for n in tuned.pipe_names if n != "tidy_ents"] == pinned.pipe_names
    assert tuned.pipe_names.count("ner") == 1
    assert tuned.pipe_names.index("tidy_ents") == tuned.pipe_names.index("ner") + 1


# Written for this test: names CoNLL alone taught to cut, join or type wrongly, and the types
# it never annotates, which the rehearsal on other news keeps.
NEWS = ("Members of the Brazilian Landless Workers Movement (MST) were accused of the attack. "
        "MST denied it. Boeing's Launch Systems and Launch Services units may bid again. "
        "Deputies found the bodies of Anna Reyes, Tom Reyes and their three children. "
        "The Democratic Republic of the Congo accused Rwanda. Flights from Changi "
        "International Airport resumed at 18:00 UTC in Everett, Washington. Troops fought the "
        "Daesh terrorist group. Apple opened the iTunes Music Store; the App Store followed. "
        "Boston University and Ataturk Airport reopened.")


@pytest.mark.model
def test_learned_ner_keeps_the_types_and_names_conll_lacks() -> None:
    ents = [(e.text, e.label_) for e in load_model(MODEL, (), True)(NEWS).ents]
    assert ents.count(("MST", "ORG")) == 2
    assert ("Launch Systems", "ORG") in ents and ("Launch Services", "ORG") in ents
    assert ("Anna Reyes", "PERSON") in ents and ("Tom Reyes", "PERSON") in ents
    assert any(t.endswith("Democratic Republic of the Congo") and k == "GPE" for t, k in ents)
    assert ("Changi International Airport", "FAC") in ents
    assert ("18:00 UTC", "TIME") in ents and ("Washington", "GPE") in ents
    assert ("three", "CARDINAL") in ents and ("Daesh", "ORG") in ents
    assert ("App Store", "ORG") in ents and not any(k == "PERSON" and "Store" in t
                                                  for t, k in ents)
    assert ("Boston University", "ORG") in ents and ("Ataturk Airport", "FAC") in ents
