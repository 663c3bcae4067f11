"""dateline spark refuses inputs that name nothing before it starts Spark."""

import subprocess
import sys

import pytest

from dateline.errors import InputError
from dateline.runners.spark import check_inputs


def test_spark_inputs_local_paths_globs_and_remote_uris(tmp_path):
    (tmp_path / "a.jsonl").write_text("{}\n", encoding="utf-8")
    check_inputs([str(tmp_path / "a.jsonl"), str(tmp_path / "*.jsonl"), f"file://{tmp_path}",
                  "hdfs://cluster/news/*.jsonl", "s3a://bucket/news/"])
    with pytest.raises(InputError, match=r"missing\.jsonl"):
        check_inputs([str(tmp_path / "a.jsonl"), str(tmp_path / "missing.jsonl")])
    with pytest.raises(InputError, match=r"\*\.csv"):
        check_inputs([f"file://{tmp_path}/*.csv"])


def test_spark_inputs_a_mistyped_path_is_one_line_before_spark_starts(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "dateline", "spark", str(tmp_path / "nope.jsonl"),
                           "--out", str(tmp_path / "out")], capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 1
    [line] = proc.stderr.splitlines()
    assert line.startswith("dateline: error: No file or folder matches") and "nope.jsonl" in line
    assert not (tmp_path / "out").exists()
