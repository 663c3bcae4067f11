import json

import pytest

from dateline.errors import (
    BinaryInputError,
    DateError,
    EmptyInputError,
    EncodingError,
    FormatError,
    LanguageError,
    TooLargeError,
)
from dateline.ingest.article import make_article
from dateline.ingest.datelines import parse_dateline
from dateline.ingest.dates import parse_published
from dateline.ingest.documents import read_document, sniff_format
from dateline.ingest.language import guess_language
from dateline.ingest.text import decode_text

ENGLISH = ("The minister said on Tuesday that the talks with the union would continue next "
           "week, after the strike closed three ports.")


@pytest.mark.parametrize(("text", "place", "date", "agency"), [
    ("NAPLES, Italy (AP) — The mission moved.", "NAPLES, Italy", None, "AP"),
    ("BRUSSELS, March 20 /TASS/. NATO has left.", "BRUSSELS", "March 20", "TASS"),
    ("Milan, 20 March (LaPresse) – The mayor spoke.", "Milan", "20 March", "LaPresse"),
    ("LONDON (Reuters) - Britain said.", "LONDON", None, "Reuters"),
    ("WASHINGTON — The president said.", "WASHINGTON", None, None),
])
def test_datelines_parse_place_date_and_agency(text, place, date, agency):
    found = parse_dateline(text)
    assert found is not None
    assert (found.place, found.date, found.agency) == (place, date, agency)
    assert text[found.start:found.end] == found.text
    assert not text[found.end].isspace()


@pytest.mark.parametrize("text", [
    "NATO said Friday it has relocated its mission.",
    "UPDATE: the story was changed.",
    "Milan is a big city - really.",
    "The U.S. - China talks ended.",
])
def test_datelines_absent_from_ordinary_openings(text):
    assert parse_dateline(text) is None


@pytest.mark.parametrize(("text", "place", "agency"), [
    ("Portsmouth, Va. – Two boys were hurt.", "Portsmouth, Va.", None),
    ("Norfolk, Va,-Norfolk police were called.", "Norfolk, Va", None),
    ("Las Vegas, NV (KTNV) -- A man was shot.", "Las Vegas, NV", "KTNV"),
    ("Mobile, AL (WKRG)  Mobile Police said.", "Mobile, AL", "WKRG"),
    ("× Boy shot in park\n\nPUYALLUP, Wash. — No charges were filed.", "PUYALLUP, Wash.", None),
    ("Boy shot in park\nBy Jane Roe\nMEMPHIS (WREG) – Police said.", "MEMPHIS", "WREG"),
])
def test_datelines_wire_and_station_styles_below_a_headline(text, place, agency):
    found = parse_dateline(text)
    assert found is not None
    assert (found.place, found.agency) == (place, agency)
    assert text[found.start:found.end] == found.text
    assert not text[found.end].isspace()


@pytest.mark.parametrize("text", [
    "Boy shot in park\nWATCH — the video of the scene.",
    "Boy shot in park\nPOLICE - A man was hurt.",
    "Milan, Italy - really a big city.",
    "UN-Backed forces took the town.",
    "Hopkinsville, KY (42240)  Today: storms.",
    "Jane Roe (left) and John Roe spoke.",
])
def test_datelines_not_read_from_headings_or_plain_sentences(text):
    assert parse_dateline(text) is None


def test_article_id_is_a_content_hash_and_dateline_is_kept_in_text():
    a = make_article("LONDON (Reuters) - " + ENGLISH, published="2026-03-20")
    b = make_article("LONDON (Reuters) - " + ENGLISH, published="2026-03-21", source="other")
    assert a.id == b.id and len(a.id) == 16
    assert a.text.startswith("LONDON") and a.body_start == len("LONDON (Reuters) - ")
    assert a.published.isoformat() == "2026-03-20T00:00:00"


@pytest.mark.parametrize(("data", "error"), [
    (b"", EmptyInputError),
    (b"   \n\t ", EmptyInputError),
    (b"%PDF-1.7 binary", BinaryInputError),
    (b"abc\x00\x01\x02def", BinaryInputError),
    (b"caf\xe9 au lait", EncodingError),
])
def test_decode_rejects_bad_bytes_with_clear_errors(data, error):
    with pytest.raises(error) as info:
        decode_text(data, max_bytes=1000, name="story.txt")
    assert "story.txt" in str(info.value) and "\n" not in str(info.value)


def test_decode_limits_size_and_accepts_utf8_bom_and_utf16():
    with pytest.raises(TooLargeError, match="2,000 bytes; the limit is 1,000"):
        decode_text(b"a" * 2000, max_bytes=1000)
    assert decode_text("\ufeffhello".encode(), max_bytes=100) == "hello"
    assert decode_text("héllo".encode("utf-16"), max_bytes=100) == "héllo"


@pytest.mark.parametrize(("text", "lang"), [
    (ENGLISH, "en"),
    ("Le ministre a déclaré mardi que les négociations avec le syndicat se poursuivraient la "
     "semaine prochaine, après la grève qui a fermé trois ports.", "other"),
    ("Der Minister sagte am Dienstag, die Gespräche mit der Gewerkschaft würden nächste Woche "
     "fortgesetzt, nachdem der Streik drei Häfen geschlossen hatte.", "other"),
    ("Министр заявил во вторник, что переговоры с профсоюзом продолжатся на следующей неделе.",
     "other"),
])
def test_language_guess_tells_english_from_others(text, lang):
    assert guess_language(text) == lang


def test_make_article_rejects_other_languages_and_bad_dates():
    with pytest.raises(LanguageError, match="does not look like English"):
        make_article("El ministro dijo el martes que las negociaciones con el sindicato "
                     "continuarán la próxima semana, después de la huelga en tres puertos.")
    with pytest.raises(DateError, match="Cannot read the date 'yesterday-ish'"):
        make_article(ENGLISH, published="yesterday-ish")


def test_published_accepts_iso_and_rfc2822():
    assert parse_published("2026-03-20T10:00:00Z").isoformat() == "2026-03-20T10:00:00+00:00"
    assert parse_published("Fri, 20 Mar 2026 10:00:00 GMT").day == 20
    assert parse_published(None) is None


def test_read_document_json_html_and_text():
    assert sniff_format('{"text": "x"}') == "json"
    assert sniff_format("<!DOCTYPE html><html><body>x</body></html>") == "html"
    assert sniff_format("Plain < text") == "text"
    record = {"text": ENGLISH, "title": "Talks", "date": "2026-03-20"}
    art = read_document(json.dumps(record).encode())
    assert art.title == "Talks" and art.published.year == 2026
    html = ("<html><head><title>Ports strike</title></head><body><nav>Home | News</nav><article>"
            f"<h1>Ports strike</h1><p>{ENGLISH}</p><p>{ENGLISH}</p></article></body></html>")
    art = read_document(html.encode(), published="2026-03-20")
    assert "talks with the union" in art.text and "Home | News" not in art.text
    with pytest.raises(FormatError, match=r"not valid JSON: Expecting .* line 1"):
        read_document(b'{"text": ')
    with pytest.raises(FormatError, match="no article text"):
        read_document(b'{"headline": "x"}')


def test_language_guess_keeps_short_name_heavy_english():
    text = ("Former Chilean dictator Augusto Pinochet was arrested. Pinochet's regime fell. "
            "The BBC's Rachel Harvey, stationed in provincial capital Banda Aceh, reports. "
            "Aid reached Aceh.")
    assert guess_language(text) == "en"
