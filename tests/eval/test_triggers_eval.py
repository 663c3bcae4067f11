"""The trigger scorer's readers and split, on small files written here."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.errors import ConfigError
from dateline.eval.triggers import held_out, read_gold, score
from dateline.settings import Settings

TML = """<?xml version="1.0" ?>
<TimeML><DOCID>wsj_0001</DOCID><TEXT>
Rebels <EVENT eid="e1" class="OCCURRENCE">attacked</EVENT> the convoy and police
<EVENT eid="e2" class="OCCURRENCE">arrested</EVENT> two men.
The bank approved a loan.
</TEXT></TimeML>
"""


def write_tml(folder: Path) -> Path:
    path = folder / "wsj_0001.tml"
    path.write_text(TML, encoding="utf-8")
    return path


def test_triggers_eval_reads_timeml_events(tmp_path: Path) -> None:
    write_tml(tmp_path)
    [gold] = read_gold(tmp_path)
    assert gold.corpus == "TimeBank"
    assert [gold.text[a:b] for a, b in gold.events] == ["attacked", "arrested"]
    assert gold.sentences == ((0, len(gold.text)),)


def test_triggers_eval_split_is_stable_and_two_sided() -> None:
    groups = [f"timeml:doc{n}" for n in range(40)]
    sides = [held_out(g) for g in groups]
    assert sides == [held_out(g) for g in groups]
    assert 5 < sum(sides) < 35


def test_triggers_eval_without_gold_says_what_it_reads(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("nothing", encoding="utf-8")
    with pytest.raises(ConfigError, match="ECB"):
        read_gold(tmp_path)


@pytest.mark.model
def test_triggers_eval_counts_lexicon_and_learned(tmp_path: Path) -> None:
    write_tml(tmp_path)
    metrics = score(read_gold(tmp_path), Settings())
    assert metrics["gold_events"] == 2
    assert metrics["lexicon_precision"] * metrics["lexicon_triggers"] >= 2  # both found
    # "loan" is proposed by the lexicon (aid) and is no event here: the filter drops it.
    assert metrics["learned_triggers"] < metrics["lexicon_triggers"]
    assert metrics["learned_precision"] > metrics["lexicon_precision"]
