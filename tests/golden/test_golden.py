"""Golden files: whole-article output of the demo corpus, reviewed by hand (see REVIEW.md)."""

import pytest
from tests.golden.regenerate import golden_path, records, render

pytestmark = pytest.mark.model


@pytest.mark.parametrize(("line", "record"), sorted(records().items()), ids=lambda v: str(v)[:8])
def test_golden_article_output_is_unchanged(line, record):
    expected = golden_path(line).read_text(encoding="utf-8")
    actual = render(line, record)
    assert actual == expected, f"output changed for {golden_path(line).name}: run make golden and review"
