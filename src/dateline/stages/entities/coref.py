"""Find the non-name mentions that refer to an entity: "the alliance", "its mission", "he".

Hand-written and deliberately cautious: a descriptive noun links only to an organisation whose
name or known kind matches it, and a pronoun only to a nearby person (or, for "it"/"its", a
nearby organisation or country that is the subject), because a wrong link is worse for an
evidence record than no link. spaCy's English pipelines ship no coreference component.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dateline.resources.grammar import (
    IMPERSONAL_PRONOUNS,
    PLEONASTIC_IT_HEADS,
    PRONOUN_GENDER,
    REFERRING_DETERMINERS,
)
from dateline.resources.people import (
    COLLECTIVES,
    FEMALE_TITLES,
    KNOWN_ORG_KINDS,
    MALE_TITLES,
    OFFICES,
    ORG_KIND_NOUNS,
    ORG_SUFFIX_KINDS,
)
from dateline.stages.entities.names import normalize

if TYPE_CHECKING:
    from spacy.tokens import Doc as Parse
    from spacy.tokens import Token


@dataclass
class Candidate:
    """What coreference needs to know of an entity being built."""

    group: str  # person | org | place | norp | other
    words: frozenset[str]
    kinds: frozenset[str]
    positions: list[tuple[int, int, bool]]  # (start_char, sentence index, is_subject)
    gender: str | None = None
    offices: frozenset[str] = frozenset()  # a person's roles and titles, lower-case


def org_kinds(keys: Iterable[str], name: str) -> frozenset[str]:
    """Return the kind nouns an organisation may be called by ("alliance" for NATO)."""
    kinds: set[str] = set()
    for key in keys:
        kinds.update(KNOWN_ORG_KINDS.get(key, ()))
    words = normalize(name).split()
    if words:
        kinds.update(ORG_SUFFIX_KINDS.get(words[-1], ()))
    kinds.update(w for w in words if w in ORG_KIND_NOUNS)
    return frozenset(kinds)


def title_gender(titles: Iterable[str]) -> str | None:
    """Return "m" or "f" when an honorific says so, else None."""
    for title in titles:
        word = title.casefold()
        if word in MALE_TITLES:
            return "m"
        if word in FEMALE_TITLES:
            return "f"
    return None


def nominal_mentions(parse: Parse, taken: set[int],
                     candidates: Sequence[Candidate]) -> list[tuple[int, int, int]]:
    """Return (start_char, end_char, candidate index) for descriptions such as "the alliance"."""
    found: list[tuple[int, int, int]] = []
    for tok in parse:
        if tok.i in taken or tok.tag_ not in ("NN", "NNP") or tok.lower_ not in ORG_KIND_NOUNS:
            continue
        dets = [c for c in tok.children if c.dep_ in ("det", "poss") and c.i < tok.i]
        determined = bool(dets) and dets[0].lower_ in REFERRING_DETERMINERS
        name_like = tok.text[0].isupper() and tok.dep_ == "compound" and tok.head.pos_ == "NOUN"
        if not (determined or name_like):
            continue
        matches = [i for i, c in enumerate(candidates) if c.group == "org" and tok.lower_ in c.kinds]
        target = _nearest(matches, candidates, tok.idx)
        if target is None:
            continue
        lo = min([tok.i] + [c.i for c in tok.children if c.i < tok.i and
                            c.dep_ in ("det", "poss", "amod", "compound")])
        hi = tok.i + 1
        for child in tok.children:
            # "its mission in Iraq": keep the place when it is part of the organisation's name.
            if child.dep_ == "prep" and child.i == hi and child.lower_ == "in":
                objs = [g for g in child.children if g.dep_ == "pobj"]
                if objs and objs[0].lower_ in candidates[target].words:
                    hi = objs[0].i + 1
        if any(i in taken for i in range(lo, tok.i)):
            lo = tok.i
        span = parse[lo:hi]
        found.append((span.start_char, span.end_char, target))
        taken.update(range(lo, hi))
    return found


def office_mentions(parse: Parse, taken: set[int],
                    candidates: Sequence[Candidate]) -> list[tuple[int, int, int]]:
    """Return (start_char, end_char, candidate index) for "the Prime Minister" and the like.

    A definite office noun refers to the person the article gave that office to ("the Prime
    Minister of Singapore, Mr. Lee ... the Prime Minister applauded").
    """
    found: list[tuple[int, int, int]] = []
    for tok in parse:
        if tok.i in taken or tok.lower_.rstrip(".") not in OFFICES or tok.tag_ not in ("NN", "NNP"):
            continue
        if any(c.ent_type_ == "PERSON" for c in tok.children) or tok.head.ent_type_ == "PERSON" \
                or _name_follows(parse, tok.right_edge.i + 1):
            continue  # "the Prime Minister, Mr. Lee": the name itself is the mention
        dets = [c for c in tok.children if c.dep_ == "det" and c.i < tok.i]
        if not dets or dets[0].lower_ != "the":
            continue
        mods = [c for c in tok.children if c.dep_ in ("compound", "amod") and c.i < tok.i]
        lo = min([dets[0].i] + [c.i for c in mods])
        if any(i in taken for i in range(lo, tok.i + 1)):
            continue
        office = " ".join(t.lower_ for t in parse[dets[0].i + 1: tok.i + 1])
        matches = [i for i, c in enumerate(candidates) if c.group == "person" and any(
            role == office or role.startswith(office + " ") or role.endswith(" " + office)
            for role in c.offices)]
        target = _nearest(matches, candidates, tok.idx)
        if target is None or not any(s < tok.idx for s, _, _ in candidates[target].positions):
            continue
        span = parse[lo: tok.i + 1]
        found.append((span.start_char, span.end_char, target))
        taken.update(range(lo, tok.i + 1))
    return found


def _name_follows(parse: Parse, i: int) -> bool:
    """Return True when a person's name starts at token i, after a comma or honorifics."""
    while i < len(parse) and (parse[i].text == "," or parse[i].lower_.rstrip(".") in
                              ("mr", "mrs", "ms", "dr", "sir", "gen")):
        i += 1
    return i < len(parse) and parse[i].ent_type_ == "PERSON"


def _nearest(matches: list[int], candidates: Sequence[Candidate], at: int) -> int | None:
    """Prefer the closest earlier mention; fall back on the closest later one (cataphora)."""
    before = [(at - s, i) for i in matches for s, _, _ in candidates[i].positions if s < at]
    if before:
        return min(before)[1]
    after = [(s - at, i) for i in matches for s, _, _ in candidates[i].positions if s > at]
    return min(after)[1] if after else None


def pronoun_mentions(parse: Parse, sentence_of: dict[int, int],
                     candidates: Sequence[Candidate]) -> list[tuple[int, int, int]]:
    """Return (start_char, end_char, candidate index) for "he", "she", "it" with a clear antecedent."""
    found: list[tuple[int, int, int]] = []
    for tok in parse:
        low = tok.lower_
        if tok.pos_ != "PRON" and tok.tag_ not in ("PRP", "PRP$"):
            continue
        groups: tuple[str, ...]
        if low in PRONOUN_GENDER:
            groups, gender = ("person",), PRONOUN_GENDER[low]
        elif low in IMPERSONAL_PRONOUNS and tok.dep_ in ("nsubj", "nsubjpass", "poss") and \
                not _pleonastic(tok):
            groups, gender = ("org", "place"), None
        else:
            continue
        sent = sentence_of.get(tok.i, 0)
        target = _antecedent(candidates, groups, gender, tok.idx, sent,
                             same_sentence_only=low in IMPERSONAL_PRONOUNS)
        if target is not None:
            found.append((tok.idx, tok.idx + len(tok.text), target))
    return found


def _pleonastic(tok: Token) -> bool:
    """Return True for the empty "it" of "it is less relevant to keep them"."""
    head = tok.head
    if tok.dep_ != "nsubj" or head.lemma_ not in PLEONASTIC_IT_HEADS:
        return False
    return any(c.dep_ in ("acomp", "attr", "xcomp", "ccomp", "advcl") for c in head.children)


def _antecedent(candidates: Sequence[Candidate], groups: tuple[str, ...], gender: str | None,
                at: int, sent: int, same_sentence_only: bool) -> int | None:
    window = (sent,) if same_sentence_only else (sent, sent - 1, sent - 2)
    for s in window:
        pool = [(start, subj, i) for i, c in enumerate(candidates) if c.group in groups
                and (gender is None or c.gender in (None, gender))
                for start, cs, subj in c.positions if cs == s and start < at]
        if not pool:
            continue
        subjects = [p for p in pool if p[1]]
        if same_sentence_only and not subjects:
            return None
        chosen = max(subjects or pool)
        # Two different people in the sentence and no subject among them: too unclear to link.
        if not subjects and len({p[2] for p in pool}) > 1:
            return None
        return chosen[2]
    return None


def group_phrases(parse: Parse, taken: set[int]) -> list[tuple[int, int, str]]:
    """Return (first token, end token, nationality text) for "Iraqi security forces"-like groups."""
    found: list[tuple[int, int, str]] = []
    for tok in parse:
        if tok.tag_ != "NNS" or tok.lower_ not in COLLECTIVES or tok.i in taken:
            continue
        mods = [c for c in tok.children if c.i < tok.i and c.dep_ in ("amod", "compound", "nmod")]
        origin = [c for c in mods if c.ent_type_ in ("NORP", "GPE")]
        if not origin:
            continue
        lo = min(c.i for c in mods if c.i >= origin[0].i)
        lo = min(lo, origin[0].i)
        # Take the whole name of the origin ("South Korean"), not just its head token.
        while lo > 0 and parse[lo - 1].ent_type_ == origin[0].ent_type_ and parse[lo].ent_iob_ == "I":
            lo -= 1
        found.append((lo, tok.i + 1, origin[0].text))
    return found
