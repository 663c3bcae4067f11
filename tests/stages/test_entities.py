"""Entities: one entity per referent, with roles, affiliations and coreference."""

import pytest

from dateline.stages.entities.names import country_code, initials, is_acronym, person_matches

pytestmark = pytest.mark.model
STAGES = ("nlp", "entities")


def entity(doc, name):
    found = [e for e in doc.entities if e.name == name]
    assert found, f"no entity named {name!r} in {[e.name for e in doc.entities]}"
    return found[0]


def mention_texts(ent, kind=None):
    return [m.text for m in ent.mentions if kind is None or m.kind == kind]


def roles(ent, kind):
    return [r.text for r in ent.roles if r.kind == kind]


def test_entities_acronym_in_brackets_joins_its_expansion(run):
    doc = run("The report was published by the International Monetary Fund (IMF) on Monday. "
              "The IMF said growth would slow.", STAGES)
    imf = entity(doc, "International Monetary Fund")
    assert imf.label == "ORG"
    assert mention_texts(imf) == ["International Monetary Fund", "IMF", "IMF"]
    assert imf.aliases == ("IMF",)
    assert len([e for e in doc.entities if "IMF" in e.name]) == 0


def test_entities_surname_joins_the_full_name_and_reads_the_office(run):
    doc = run("Prime Minister Jane Holloway visited the port on Tuesday. Holloway said the strike "
              "must end.", STAGES)
    person = entity(doc, "Jane Holloway")
    assert mention_texts(person, "name") == ["Jane Holloway", "Holloway"]
    assert roles(person, "role") == ["Prime Minister"]
    assert sum(1 for e in doc.entities if e.label == "PERSON") == 1


def test_entities_different_people_with_different_surnames_stay_apart(run):
    doc = run("Jane Holloway met Peter Grant in Leeds. Grant said the talks went well.", STAGES)
    assert mention_texts(entity(doc, "Peter Grant"), "name") == ["Peter Grant", "Grant"]
    assert mention_texts(entity(doc, "Jane Holloway"), "name") == ["Jane Holloway"]


def test_entities_country_names_and_short_forms_are_one_place(run):
    doc = run("Talks between the Republic of Iraq and its neighbours resumed. Iraq said the "
              "border would reopen.", STAGES)
    iraq = entity(doc, "Iraq")
    assert mention_texts(iraq, "name") == ["Republic of Iraq", "Iraq"]
    assert country_code("the Republic of Iraq") == "IQ"


def test_entities_the_alliance_refers_back_to_nato(run):
    doc = run("NATO said its members would meet in Brussels. The alliance has 32 members.", STAGES)
    nato = entity(doc, "NATO")
    assert "The alliance" in mention_texts(nato, "nominal")


def test_entities_description_without_a_matching_body_stays_unlinked(run):
    doc = run("Heavy rain flooded the valley on Sunday. The company said its trucks could not "
              "reach the farms.", STAGES)
    assert all("company" not in m.text for e in doc.entities for m in e.mentions)


def test_entities_description_matching_a_word_of_the_name(run):
    doc = run("The Church of Scientology opened a new centre. The church said it cost millions.",
              STAGES)
    church = entity(doc, "Church of Scientology")
    assert "The church" in mention_texts(church, "nominal")


@pytest.mark.parametrize(("text", "name", "pronoun"), [
    ("Maria Lopez met the mayor on Monday. She said the plan was ready.", "Maria Lopez", "She"),
    ("Tom Reed thanked the volunteers. He also praised the police.", "Tom Reed", "He"),
    ("Acme Corp said it would cut 300 jobs.", "Acme Corp", "it"),
])
def test_entities_pronoun_links_to_the_nearby_subject(run, text, name, pronoun):
    doc = run(text, STAGES)
    assert pronoun in mention_texts(entity(doc, name), "pronoun")


@pytest.mark.parametrize("text", [
    "The ship sank near the coast. He was not aboard.",
    "Acme Corp said it is hard to predict demand.",
    "Mr. Tom Reed met Ms. Ann Kolb. She said nothing.",
])
def test_entities_pronoun_without_a_clear_antecedent_stays_unlinked(run, text):
    doc = run(text, STAGES)
    pronouns = [m.text for e in doc.entities for m in e.mentions if m.kind == "pronoun"]
    if text.startswith("Mr."):
        # Only the woman can be "she": the honorific rules out Mr. Reed.
        assert pronouns == ["She"]
        assert "She" in mention_texts(entity(doc, "Ann Kolb"), "pronoun")
    else:
        assert pronouns == []


def test_entities_apposition_gives_role_and_affiliation(run):
    doc = run("“We are ready,” said Gen. Mark Tull, NATO’s top commander in Europe.", STAGES)
    tull = entity(doc, "Mark Tull")
    assert roles(tull, "title") == ["Gen."]
    assert roles(tull, "role") == ["top commander in Europe"]
    assert tull.affiliation == "NATO"
    assert tull.affiliation_id == entity(doc, "NATO").id


def test_entities_nationality_and_rank_before_the_name(run):
    doc = run("The unit has been led since 2024 by Kenyan General Paul Kibet.", STAGES)
    kibet = entity(doc, "Paul Kibet")
    assert kibet.nationality == "Kenyan"
    assert roles(kibet, "title") == ["General"]


def test_entities_group_actor_with_a_nationality(run):
    doc = run("Iraqi security forces arrested five men near the border.", STAGES)
    forces = entity(doc, "Iraqi security forces")
    assert forces.label == "ORG" and forces.nationality == "Iraqi"
    assert mention_texts(forces, "nominal") == ["Iraqi security forces"]


def test_entities_ids_are_stable_and_spans_point_into_the_text(run):
    text = "Jane Holloway visited Leeds. Holloway said the strike must end."
    first, second = run(text, STAGES), run(text, STAGES)
    assert [e.id for e in first.entities] == [e.id for e in second.entities]
    for ent in first.entities:
        for m in ent.mentions:
            assert text[m.start:m.end] == m.text


@pytest.mark.parametrize(("text", "expected"), [
    ("AFP", True), ("U.S.", True), ("AT&T", True), ("Nato", False), ("A", False), ("NATIONAL", False),
])
def test_names_is_acronym(text, expected):
    assert is_acronym(text) is expected


def test_names_initials_and_person_matching():
    assert "afp" in initials("Agence France-Presse")
    assert "idb" in initials("Inter-American Development Bank")
    assert person_matches(["lula"], ["luiz", "inácio", "lula", "silva"])
    assert person_matches(["luiz", "silva"], ["luiz", "inácio", "lula", "silva"])
    assert not person_matches(["silva", "luiz"], ["luiz", "silva"])
    assert not person_matches(["smith"], ["john", "smyth"])


def test_entities_bracketed_acronym_joins_even_when_its_letters_differ(run):
    doc = run("Members of the Brazilian Landless Workers Movement (MST) were accused of the "
              "attack. MST denied it on Friday.", STAGES)
    movement = entity(doc, "Brazilian Landless Workers Movement")
    assert mention_texts(movement, "acronym") == ["MST", "MST"]
    assert not [e for e in doc.entities if e.name == "MST"]


def test_entities_names_sharing_initials_stay_apart(run):
    doc = run("Boeing's Launch Systems and Launch Services units may bid again, officials said.",
              STAGES)
    names = {e.name for e in doc.entities}
    assert {"Launch Systems", "Launch Services"} <= names


def test_entities_office_before_the_name_and_definite_office_later(run):
    doc = run("The plane was greeted by 400 guests, including the Prime Minister of Singapore, "
              "Mr. Lee Hsien Loong, at the terminal. In his speech, the Prime Minister praised "
              "the airline.", STAGES)
    lee = entity(doc, "Lee Hsien Loong")
    assert roles(lee, "role") == ["Prime Minister of Singapore"]
    assert roles(lee, "title") == ["Mr."] and lee.affiliation == "Singapore"
    assert "the Prime Minister" in mention_texts(lee, "nominal")


def test_entities_office_without_a_holder_stays_unlinked(run):
    doc = run("Anna Berg, the finance minister, spoke first. The spokesperson declined to "
              "comment.", STAGES)
    assert "The spokesperson" not in [m.text for e in doc.entities for m in e.mentions]
    assert roles(entity(doc, "Anna Berg"), "role") == ["finance minister"]


def test_entities_modifier_nationality_and_office_read_as_one_role(run):
    doc = run("Former Chilean dictator Augusto Pinochet was placed under house arrest.", STAGES)
    pinochet = entity(doc, "Augusto Pinochet")
    assert roles(pinochet, "role") == ["Former Chilean dictator"]
    assert pinochet.nationality == "Chilean"


def test_entities_office_coordinated_with_another_person_is_not_their_role(run):
    doc = run("The President and John Smith met reporters on Monday.", STAGES)
    assert roles(entity(doc, "John Smith"), "role") == []


def test_entities_office_followed_by_a_name_is_not_a_back_reference(run):
    doc = run("President Ana Lima met with the President of the Republic of Korea Mr. Roh "
              "Moo-hyun on Monday.", STAGES)
    lima = entity(doc, "Ana Lima")
    assert mention_texts(lima, "nominal") == []


def test_entities_name_never_keeps_half_a_bracket(run):
    doc = run("The World Health Organization (WHO) regional director Peter Holm said the outbreak "
              "was over. WHO staff left.", STAGES)
    who = entity(doc, "World Health Organization")
    assert "WHO" in who.aliases
    assert all(")" in e.name or "(" not in e.name for e in doc.entities)


def test_entities_office_right_before_the_name_even_when_misparsed(run):
    doc = run("The United Nations (UN) emergency relief coordinator Jan Egeland has said that "
              "he is optimistic.", STAGES)
    assert roles(entity(doc, "Jan Egeland"), "role") == ["emergency relief coordinator"]


@pytest.mark.parametrize(("text", "person", "stray"), [
    ("Former Chilean dictator Augusto Pinochet was arrested. Pinochet's regime fell.",
     "Augusto Pinochet", "Pinochet"),
])
def test_entities_lone_surname_labelled_a_place_joins_a_confirmed_person(run, text, person, stray):
    doc = run(text, STAGES)
    assert mention_texts(entity(doc, person), "name").count(stray) == 1
    assert stray not in [e.name for e in doc.entities]


def test_entities_place_named_like_a_doubtful_person_stays_a_place(run):
    doc = run("The BBC's Rachel Harvey, stationed in provincial capital Banda Aceh, reports. "
              "Aid reached Aceh.", STAGES)
    assert "Aceh" in [e.name for e in doc.entities]


def _with_ner_labels(text, labelled):
    """The entities stage over ``text`` with the NER's reading set by hand: each (name, label)
    labels the next occurrence of the name."""
    import re

    from dateline.ingest.article import make_article
    from dateline.pipeline import Pipeline
    from dateline.settings import Settings
    from dateline.stages.entities import Entities

    nlp = Pipeline.from_settings(Settings(stages=("nlp",)))
    doc = next(iter(nlp.pipe([make_article(text, check_language=False)], keep_parse=True)))
    parse = doc.parse
    spans, start = [], 0
    for name, label in labelled:
        found = re.compile(re.escape(name)).search(text, start)
        spans.append(parse.char_span(found.start(), found.end(), label=label))
        start = found.end()
    parse.set_ents(spans, default="outside")
    return Entities()(doc)


def test_entities_a_person_the_article_also_names_as_a_company_is_the_company():
    text = ("Northrop Grumman won the contract. The deal was signed by Northrop Grumman on "
            "Monday. Analysts said Northrop Grumman would hire staff.")
    doc = _with_ner_labels(text, [("Northrop Grumman", "ORG"),
                                       ("Northrop Grumman", "PERSON"),
                                       ("Northrop Grumman", "PERSON")])
    assert [(e.name, e.label) for e in doc.entities] == [("Northrop Grumman", "ORG")]
    assert [m.label for m in doc.entities[0].mentions] == ["ORG", "ORG", "ORG"]


def test_entities_a_person_with_an_office_stays_a_person_beside_a_company_of_that_name():
    text = ("Ford Motor said sales fell. Mr. Ford said the plan would work. Ford spoke in "
            "Detroit.")
    doc = _with_ner_labels(text, [("Ford Motor", "ORG"), ("Ford", "PERSON"),
                                       ("Ford", "PERSON")])
    assert ("Ford", "PERSON") in [(e.name, e.label) for e in doc.entities]


def test_entities_a_lone_word_the_ner_mostly_calls_an_organisation_is_one():
    text = ("Wikinews reported the news. Later Wikinews spoke with fans. Wikinews observed the "
            "crowd.")
    doc = _with_ner_labels(text, [("Wikinews", "PERSON"), ("Wikinews", "ORG"),
                                       ("Wikinews", "ORG")])
    assert [(e.name, e.label) for e in doc.entities] == [("Wikinews", "ORG")]


def test_entities_a_lone_word_the_ner_mostly_calls_a_person_stays_one():
    text = "Agassi won in Paris. Agassi said he was tired. Later Agassi left."
    doc = _with_ner_labels(text, [("Agassi", "PERSON"), ("Agassi", "ORG"),
                                       ("Agassi", "PERSON")])
    assert ("Agassi", "PERSON") in [(e.name, e.label) for e in doc.entities]


def test_entities_a_one_word_person_written_with_an_article_is_a_product():
    text = "Boeing delayed the Dreamliner again. Dreamliner flights begin in May."
    doc = _with_ner_labels(text, [("Boeing", "ORG"), ("Dreamliner", "PERSON"),
                                       ("Dreamliner", "PERSON")])
    assert ("Dreamliner", "PRODUCT") in [(e.name, e.label) for e in doc.entities]


def test_entities_a_one_word_person_with_a_possessor_is_a_product():
    text = "Apple's Safari opened pages faster than before."
    doc = _with_ner_labels(text, [("Apple", "ORG"), ("Safari", "PERSON")])
    assert ("Safari", "PRODUCT") in [(e.name, e.label) for e in doc.entities]


@pytest.mark.parametrize("text, name", [
    ("The Clintons arrived in Iowa on Monday.", "Clintons"),
    ("Officials said the Obama administration would act.", "Obama"),
    ("Results: Hyundai 6 Lotte 5, Samsung 10 Haitai 2.", "Lotte"),
])
def test_entities_plural_names_compounds_and_scores_stay_people(text, name):
    doc = _with_ner_labels(text, [(name, "PERSON")])
    assert (name, "PERSON") in [(e.name, e.label) for e in doc.entities]
