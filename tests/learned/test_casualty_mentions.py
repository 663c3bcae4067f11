"""The counts an article writes, found without a parse, and the words read around them."""

from __future__ import annotations

from dateline.learned.casualty_mentions import mentions


def values(text: str) -> list[int]:
    return [m.value for m in mentions(text, [0])]


def test_casualty_mentions_reads_digits_number_words_and_hyphenated_tens() -> None:
    assert values("Two men were killed and 14 wounded; twenty-one rounds were fired.") == [2, 14, 21]


def test_casualty_mentions_reads_zero_one_and_multiples_written_as_words() -> None:
    text = "No one else was hurt in the double shooting, and a teenager was killed."
    assert values(text) == [0, 2, 1]
    assert values("The 24-year-old victim died; a young woman was hurt.") == [1, 24, 1]
    assert values("Nobody was injured.") == [0]


def test_casualty_mentions_counts_a_third_victim() -> None:
    found = mentions("Two men were wounded. A third man was shot in the leg.", [0, 22])
    assert [(m.value, m.sentence) for m in found] == [(2, 1), (3, 2)]


def test_casualty_mentions_describes_the_words_around_a_count() -> None:
    toll, age = mentions("Police said 3 people were killed, including a 19-year-old.", [0])
    assert toll.value == 3 and "kill_after=3" in toll.features
    assert "next1=people" in toll.features and "prev1=said" in toll.features
    assert age.value == 19 and "hyphen=year" in age.features


def test_casualty_mentions_keeps_cues_inside_the_sentence() -> None:
    first = mentions("He was 2 years old. Five were killed.", [0, 20])[0]
    assert not any(f.startswith("kill_") for f in first.features)
    assert "next1=TIME" in first.features


def test_casualty_mentions_leaves_out_years_and_large_numbers() -> None:
    assert values("In 2016 the city counted 1,200 shootings.") == []


def test_casualty_mentions_counts_a_headlines_bare_word_for_one_person() -> None:
    found = mentions("Man killed, boy injured in drive-by shooting", [0])
    assert [m.value for m in found] == [1, 1]
    assert all("form=bare_person" in m.features for m in found)
    assert values("Police say the young man was shot.") == [1]  # "the ... man", not "man"
