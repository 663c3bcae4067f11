"""The worked example of docs/extending.md: a stage in its own package, found by the registry.

The example package is made importable the way an installer would, without a network: its
source folder on the path and a ``.dist-info`` folder holding the entry points its
pyproject.toml declares (importlib.metadata reads both from the path).
"""

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "dateline-stage-example"
TEXT = "Shares of Acme Holdings fell on Monday, and Acme Holdings said it would appeal.\n"


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """Return the environment in which the example package is installed."""
    project = tomllib.loads((EXAMPLE / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    site = tmp_path_factory.mktemp("site")
    info = site / f"{project['name'].replace('-', '_')}-{project['version']}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {project['name']}\nVersion: {project['version']}\n")
    lines = [f"[{group}]\n" + "".join(f"{k} = {v}\n" for k, v in points.items())
             for group, points in project["entry-points"].items()]
    (info / "entry_points.txt").write_text("\n".join(lines))
    path = os.pathsep.join([str(site), str(EXAMPLE / "src"), os.environ.get("PYTHONPATH", "")])
    return {**os.environ, "PYTHONPATH": path}


def _dateline(env, *args, stdin=""):
    return subprocess.run([sys.executable, "-m", "dateline", *args], input=stdin, env=env,
                          capture_output=True, text=True, timeout=120, check=False)


def test_extending_example_stage_is_listed_with_its_options(installed):
    result = _dateline(installed, "stages", "--format", "json")
    assert result.returncode == 0, result.stderr
    entry = next(e for e in json.loads(result.stdout) if e["name"] == "watchlist")
    assert entry["factory"] == "dateline_watchlist:Watchlist"
    assert (entry["requires"], entry["produces"]) == ([], ["entities"])
    assert entry["options"] == [
        {"name": "names", "type": "a list of strings", "default": []},
        {"name": "label", "type": "one of 'ORG', 'PERSON', 'GPE', 'NORP', 'FAC'", "default": "ORG"}]


def test_extending_example_stage_runs_through_extract(installed, tmp_path):
    config = tmp_path / "dateline.toml"
    config.write_text('[dateline]\nstages = ["watchlist"]\n\n'
                      '[stages.watchlist]\nnames = ["Acme Holdings", "Harbour Trust"]\n')
    result = _dateline(installed, "--config", str(config), "extract", "--published",
                       "2026-03-02", "-", stdin=TEXT)
    assert result.returncode == 0, result.stderr
    [entity] = json.loads(result.stdout)["entities"]
    assert (entity["name"], entity["label"]) == ("Acme Holdings", "ORG")
    assert [(m["start"], m["end"]) for m in entity["mentions"]] == [(10, 23), (44, 57)]
    assert all(TEXT[m["start"]:m["end"]] == "Acme Holdings" for m in entity["mentions"])


def test_extending_example_stage_option_is_checked(installed, tmp_path):
    config = tmp_path / "dateline.toml"
    config.write_text('[dateline]\nstages = ["watchlist"]\n\n[stages.watchlist]\nlabel = "BANK"\n')
    result = _dateline(installed, "--config", str(config), "extract", "-", stdin=TEXT)
    assert result.returncode == 1
    assert ("Option 'label' of stage 'watchlist' must be one of 'ORG', 'PERSON', 'GPE', 'NORP', "
            "'FAC', not 'BANK'") in result.stderr
