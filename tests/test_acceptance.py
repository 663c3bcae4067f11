"""Acceptance: every item a careful reader notes in the shared nato-iraq sample is extracted.

The article text is read from ../shared/samples at test time (CI has it) and never copied into
the project. Expected facts follow ../shared/samples/nato-iraq.expected.md.
"""

from __future__ import annotations

import pytest

from dateline import extract

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def out(request):
    samples = request.getfixturevalue("samples")
    text = (samples / "nato-iraq.txt").read_text(encoding="utf-8")
    return extract(text, published="2026-03-20").to_dict()


def by_name(out, name):
    found = [e for e in out["entities"] if e["name"] == name]
    assert found, f"{name!r} not among {[e['name'] for e in out['entities']]}"
    return found[0]


def texts(items, kind=None):
    return [m["text"] for m in items if kind is None or m.get("kind") == kind]


def starts(quote, prefix):
    return any(c["text"].lstrip("“\"").startswith(prefix) for c in quote["contents"])


def quote_with(out, prefix):
    found = [q for q in out["quotes"] if starts(q, prefix)]
    assert found, f"no quote starting {prefix!r}: {[q['contents'] for q in out['quotes']]}"
    return found[0]


def test_acceptance_entities_and_coreference(out):
    nato = by_name(out, "NATO")
    assert nato["label"] == "ORG"
    assert {"the alliance", "Alliance"} <= {t.strip() for t in texts(nato["mentions"])}
    mission = by_name(out, "NATO Mission Iraq")
    assert {"The non-combat mission", "The mission"} <= set(texts(mission["mentions"]))
    assert any("mission in Iraq" in t for t in texts(mission["mentions"]))
    gryn = by_name(out, "Alexus Grynkewich")
    assert texts(gryn["roles"], "title") == ["Gen."]
    assert "Supreme Allied Commander Europe" in texts(gryn["roles"], "role")
    assert gryn["affiliation"] == "NATO"
    assert "He" in texts(gryn["mentions"], "pronoun")
    hart = by_name(out, "Allison Hart")
    assert "spokesperson" in texts(hart["roles"], "role") and hart["affiliation"] == "NATO"
    hintzy = by_name(out, "Christophe Hintzy")
    assert texts(hintzy["roles"], "title") == ["General"] and hintzy["nationality"] == "French"
    assert any("Supreme Leader" in r for r in texts(by_name(out, "Ali Khamenei")["roles"]))
    afp = by_name(out, "Agence France-Presse")
    assert afp["aliases"] == ["AFP"] and texts(afp["mentions"]).count("AFP") == 2
    for name in ("Joint Force Command", "Daesh", "Iraqi security forces"):
        assert by_name(out, name)["label"] == "ORG"


def test_acceptance_times_anchored_on_publication(out):
    values = {t["text"]: t for t in out["times"]}
    friday = next(t for k, t in values.items() if "Friday" in k)
    assert (friday["value"], friday["precision"]) == ("2026-03-20", "day")
    y2018 = next(t for k, t in values.items() if "2018" in k)
    assert (y2018["value"], y2018["precision"]) == ("2018", "year")
    may = next(t for k, t in values.items() if "May 2025" in k)
    assert may["value"].startswith("2025-05") and may["precision"] == "month"
    assert may["kind"] == "interval" and may["value"] != "2025-05"
    feb = next(t for k, t in values.items() if "Feb. 28" in k)
    assert (feb["value"], feb["precision"]) == ("2026-02-28", "day")


def test_acceptance_places_resolved(out):
    places = out["places"]
    naples = next(p for p in places if p["text"] == "Naples")
    assert naples["geonames_id"] == 3172394 and naples["country_code"] == "IT"
    assert abs(naples["lat"] - 40.85) < 0.1 and abs(naples["lon"] - 14.27) < 0.1
    codes = {p["text"]: p["country_code"] for p in places}
    for name, code in [("Iraq", "IQ"), ("Italy", "IT"), ("Austria", "AT"), ("Australia", "AU"),
                       ("Iran", "IR"), ("Israel", "IL"), ("Jordan", "JO"), ("Iraqi", "IQ")]:
        assert codes.get(name) == code, (name, codes.get(name))
    for region in ("Europe", "Middle East", "Gulf"):
        found = [p for p in places if region in p["text"]]
        assert found and all(p["country_code"] is None for p in found), region


def test_acceptance_quotes_with_speakers_cues_and_channels(out):
    q = quote_with(out, "NATO Mission Iraq has adjusted")
    assert q["kind"] == "direct" and q["speaker"]["name"] == "NATO"
    assert q["cue"]["text"] == "said" and "statement" in q["channel"]["text"]
    q = quote_with(out, "the relocation was temporary")
    assert q["kind"] == "indirect" and "French military source" in q["speaker_descriptor"]
    q = quote_with(out, "Given the current threat environment")
    assert q["kind"] == "direct" and "source" in (q["speaker_descriptor"] or q["speaker"]["text"])
    assert "Agence France-Presse" in q["channel"]["text"] or "AFP" in q["channel"]["text"]
    q = quote_with(out, "NATO Mission Iraq will continue")
    assert q["kind"] == "indirect" and q["speaker"]["name"] == "NATO"
    q = quote_with(out, "I would like to thank")
    assert q["kind"] == "direct" and q["speaker"]["name"] == "Alexus Grynkewich"
    q = quote_with(out, "NATO’s political dialogue")
    assert q["kind"] == "indirect" and q["speaker"]["name"] == "Allison Hart"
    q = next(q for q in out["quotes"] if any("no disagreement" in c["text"] for c in q["contents"]))
    assert q["kind"] in ("partial", "mixed") and "Iraqi security official" in q["speaker_descriptor"]
    assert "AFP" in q["channel"]["text"]
    q = quote_with(out, "the mission includes personnel")
    assert q["cue"]["text"].lower() == "according to" and q["speaker"]["name"] == "NATO"
    q = next(q for q in out["quotes"]
             if q["speaker"] and q["speaker"]["text"] == "Iranian authorities")
    assert q["cue"]["text"].lower() == "according to"
    assert any("1,300" in c["text"] for c in q["contents"])


def test_acceptance_claims_keep_hedges_and_sources(out):
    toll = next(c for c in out["claims"] if c["value"] == 1300)
    assert toll["qualifier"] == "around" and toll["predicate"] == "killed"
    assert toll["what"] == "people" and toll["source"]["text"] == "Iranian authorities"
    assert toll["cue"]["text"].lower() == "according to"
    staff = next(c for c in out["claims"] if "several hundred" in c["text"])
    assert staff["what"] == "personnel" and "several" in staff["qualifier"]
    assert staff["value"] is None or staff["low"] is not None


def event_of(out, type_, trigger_words):
    found = [e for e in out["events"] if e["type"] in type_ and
             any(w in e["trigger"]["text"].lower() for w in trigger_words)]
    seen = [(e["type"], e["trigger"]["text"]) for e in out["events"]]
    assert found, f"no {type_} event on {trigger_words}: {seen}"
    return found


def names(refs):
    return {r["name"] or r["text"] for r in refs}


def test_acceptance_events_typed_with_participants_and_factuality(out):
    retreat = event_of(out, ("RETREAT",), ("relocat", "withdraw", "redeploy"))
    assert any(names(e["actors"]) & {"NATO", "NATO Mission Iraq"} for e in retreat)
    attacks = event_of(out, ("ASSAULT",), ("attack",))
    attack = attacks[0]
    assert {"Iran"} <= names(attack["recipients"])
    assert any("U.S" in n or "United States" in n for n in names(attack["actors"]))
    assert any("Israel" in n for n in names(attack["actors"]))
    assert any(q["kind"] == "dead" and q["value"] == 1300 for q in attack["quantities"])
    assert attack["source"]["text"] == "Iranian authorities"
    strikes = event_of(out, ("ASSAULT",), ("strike", "retaliat"))
    assert any("Iran" in names(e["actors"]) and {"Israel", "Jordan"} <= names(e["recipients"])
               for e in strikes)
    aid = event_of(out, ("AID", "SUPPORT"), ("advice", "assistance", "training"))
    assert any("Iraqi security forces" in names(e["recipients"]) for e in aid)
    future = event_of(out, ("CONSULT", "COOPERATE"), ("dialogue", "cooperation", "continue"))
    assert any(e["factuality"] == "future" for e in future)
    denial = [e for e in out["events"] if "disagreement" in e["trigger"]["text"]]
    assert denial and denial[0]["factuality"] in ("negated", "denied")


def test_acceptance_the_relocation_is_one_incident_with_its_mentions(out):
    relocations = [i for i in out["incidents"] if i["type"] == "RETREAT"]
    assert len(relocations) == 1
    relocation = relocations[0]
    merged = [e for e in out["events"] if e["id"] in relocation["mentions"]]
    assert len(merged) >= 4
    assert {"relocated", "relocation"} <= {e["trigger"]["text"] for e in merged}
    assert relocation["date"]["value"] == "2026-03-20"
    assert relocation["date"]["time_precision"] == 1
    attacks = [i for i in out["incidents"] if i["type"] == "ASSAULT"
               and any(f["predicate"] == "killed" and f["value"] == 1300 for f in i["figures"])]
    assert len(attacks) == 1 and attacks[0]["date"]["value"] == "2026-02-28"
