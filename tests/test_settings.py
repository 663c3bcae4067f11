from pathlib import Path

import pytest

from dateline.errors import ConfigError
from dateline.settings import Settings, load_settings, make_settings


def test_settings_toml_env_and_flags_layer_in_order(tmp_path):
    config = tmp_path / "dateline.toml"
    config.write_text('db = "sqlite:///from-file.db"\nworkers = 3\nbatch_size = 4\n'
                      '[stages.quotes]\ncue_verbs = ["say"]\n')
    env = {"DATELINE_WORKERS": "5", "DATELINE_MODEL": "en_core_web_sm", "OTHER": "x"}
    settings = load_settings(config, env=env, batch_size=2, db=None)
    assert settings.db == "sqlite:///from-file.db"  # file beats default
    assert settings.workers == 5  # env beats file
    assert settings.model == "en_core_web_sm"
    assert settings.batch_size == 2  # flag beats file
    assert settings.stage_options == {"quotes": {"cue_verbs": ["say"]}}


def test_settings_unknown_key_lists_valid_names():
    with pytest.raises(ConfigError, match=r"Unknown setting colour\. Valid: model, stages"):
        make_settings({"colour": "red"})


def test_settings_bad_number_and_bool_are_config_errors():
    with pytest.raises(ConfigError, match="workers must be a number"):
        make_settings({"workers": "many"})
    with pytest.raises(ConfigError, match="allow_private must be true or false"):
        make_settings({"allow_private": "perhaps"})
    assert make_settings({"allow_private": "yes", "stages": "nlp, times"}) == Settings(
        allow_private=True, stages=("nlp", "times"))


def test_settings_missing_config_file_is_an_error(tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        load_settings(tmp_path / "nope.toml", env={})


def test_settings_fingerprint_changes_with_what_affects_results():
    base = Settings()
    assert base.fingerprint() == Settings(workers=8).fingerprint()
    assert base.fingerprint() != Settings(model="en_core_web_sm").fingerprint()
    assert base.fingerprint() != Settings(learned_attribution=False).fingerprint()
    assert base.fingerprint() != Settings(learned_ner=not base.learned_ner).fingerprint()


def test_settings_readme_example_loads(tmp_path):
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    example = readme.split("```toml\n", 1)[1].split("```", 1)[0]
    config = tmp_path / "dateline.toml"
    config.write_text(example, encoding="utf-8")
    settings = load_settings(config, env={})
    assert settings.stages[-1] == "incidents"
    assert settings.stage_options == {"entities": {"link_pronouns": True}}
    assert settings.max_sentences == 5000
