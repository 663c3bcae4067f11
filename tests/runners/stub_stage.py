"""A tiny registered stage for fast runner and CLI tests (no spaCy): it marks the first word of
each article as an entity, and fails on articles that contain the word EXPLODE."""

from __future__ import annotations

from dataclasses import dataclass, replace

from dateline.records import Doc, Entity, Mention
from dateline.registry import stage
from dateline.settings import Settings


@stage("test_first_word", produces=("entities",))
@dataclass(frozen=True)
class FirstWord:
    label: str = "MISC"

    def __call__(self, doc: Doc) -> Doc:
        text = doc.article.text
        if "EXPLODE" in text:
            raise ValueError("the stub stage was told to fail")
        body = doc.article.body_start
        word = text[body:].split()[0]
        start = text.index(word, body)
        mention = Mention(start, start + len(word), word, label=self.label)
        entity = Entity(start, start + len(word), word, id=f"first-{doc.article.id}", name=word,
                        label=self.label, mentions=(mention,))
        return replace(doc, entities=(entity,))


STUB = Settings(stages=("test_first_word",))
