"""Find named entities and gather every mention of one referent into one entity.

Name mentions come from spaCy's NER; they are merged by name (a surname joins the full name, an
acronym its expansion, "the Republic of Iraq" joins "Iraq"), then descriptions ("the alliance",
"the non-combat mission"), group actors ("Iraqi security forces") and pronouns ("He") are
linked, and the titles, roles, nationality and affiliation written around each person are read.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Literal

from dateline.records import Doc, Entity, Mention, Role, content_id
from dateline.registry import stage
from dateline.resources.people import NAME_TRIM, OFFICES
from dateline.stages import parse_of
from dateline.stages.entities.coref import (
    Candidate,
    group_phrases,
    nominal_mentions,
    office_mentions,
    org_kinds,
    pronoun_mentions,
    title_gender,
)
from dateline.stages.entities.names import (
    acronym_key,
    country_code,
    initials,
    is_acronym,
    name_tokens,
    normalize,
    person_matches,
)
from dateline.stages.entities.roles import Kind, is_honorific, read_roles

if TYPE_CHECKING:
    from spacy.tokens import Doc as Parse
    from spacy.tokens import Token

ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT",
                           "WORK_OF_ART", "LAW"})
_GROUPS = {"PERSON": "person", "ORG": "org", "FAC": "org", "GPE": "place", "LOC": "place",
           "NORP": "norp"}
# The kind of phrase a role reading stops at: a cluster's group, else the token's NER label.
_GROUP_KINDS: dict[str, Kind] = {"org": "org", "place": "place", "norp": "norp"}
_LABEL_KINDS: dict[str, Kind] = {"NORP": "norp", "ORG": "org", "GPE": "place"}
MentionKind = Literal["name", "alias", "acronym", "nominal", "pronoun"]
# A finder of nominal mentions (descriptions, offices): (start, end, candidate index) each.
_NominalFinder = Callable[["Parse", set[int], Sequence[Candidate]], list[tuple[int, int, int]]]
NamedSpan = tuple[int, int, str, MentionKind, int | None]
_NO_DIGIT_START = frozenset({"PERSON", "GPE", "LOC", "NORP"})
_SURNAME_MISLABELS = frozenset({"ORG", "PRODUCT", "WORK_OF_ART", "NORP"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "agent"})


@dataclass
class _Cluster:
    """An entity under construction (mutable inside one stage call only)."""

    label: str
    group: str
    keys: set[str]
    mentions: list[Mention] = field(default_factory=list)
    subjects: dict[int, bool] = field(default_factory=dict)  # mention start -> is a subject
    roles: list[Role] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    affiliation: _Cluster | None = None
    nationality: str | None = None
    spans: set[tuple[int, int]] = field(default_factory=set)  # (start, end) of the mentions
    # Honorifics written right before a person's name ("Mrs.", "Sir"): the pronouns' gender.
    titles: list[Token] = field(default_factory=list)

    def add(self, mention: Mention, subject: bool) -> None:
        if (mention.start, mention.end) not in self.spans:
            self.spans.add((mention.start, mention.end))
            self.mentions.append(mention)
            self.subjects[mention.start] = subject

    @property
    def best(self) -> Mention:
        names = [m for m in self.mentions if m.kind in ("name", "alias", "acronym")] or self.mentions
        if self.group == "place":
            return min(names, key=lambda m: (m.text.lower().startswith(("the ", "republic")),
                                             len(m.text), m.start))
        return max(names, key=lambda m: (not is_acronym(m.text), len(m.text.split()),
                                         len(m.text), -m.start))


@stage("entities", requires=("parse",), produces=("entities",),
       components=("tagger", "parser", "attribute_ruler", "ner"))
@dataclass(frozen=True)
class Entities:
    """Find named entities, merge their mentions, and read roles and affiliations."""

    labels: frozenset[str] = ENTITY_LABELS
    link_descriptions: bool = True
    link_pronouns: bool = True

    def __call__(self, doc: Doc) -> Doc:
        parse = parse_of(doc, "entities")
        sentence_of = {t.i: si for si, s in enumerate(parse.sents) for t in s}
        clusters: list[_Cluster] = []
        taken: set[int] = set()
        owners: dict[int, _Cluster] = {}  # first token of a name -> its cluster
        for start, end, label, kind, expansion in self._named_spans(parse):
            span = parse[start:end]
            taken.update(range(start, end))
            subject = any(t.dep_ in _SUBJECT_DEPS for t in span)
            mention = Mention(span.start_char, span.end_char, span.text, label=label, kind=kind)
            if expansion is not None and expansion in owners:
                cluster = owners[expansion]  # "Agence France-Presse (AFP)": written as one body
                cluster.keys.add("acr:" + acronym_key(span.text))
            else:
                cluster = _join(clusters, mention, label)
            owners[start] = cluster
            cluster.add(mention, subject)
            if label == "PERSON":
                cluster.titles.extend(t for t in parse[max(0, start - 2):start] if is_honorific(t))
        # The passes, and why in that order: _PASSES below.
        reading = _Reading(parse, sentence_of)
        grown = _Grown(tuple(clusters), frozenset(taken))
        for grow, enabled in _PASSES:
            if enabled(self):
                grown = grow(reading, grown)
        entities = [_finish(doc, c) for c in grown.clusters if c.mentions]
        entities.sort(key=lambda e: min(m.start for m in e.mentions))
        return replace(doc, entities=tuple(entities))

    def _named_spans(self, parse: Parse) -> list[NamedSpan]:
        """Return name mentions trimmed of "the", "'s" and titles, in text order.

        Each is (start, end, label, kind, expansion): ``expansion`` is the first token of the
        name a bracketed acronym stands for ("Agence France-Presse (AFP)"), else None.
        """
        spans: list[NamedSpan] = []
        bracketed: dict[int, tuple[int, str]] = {}  # acronym token -> (expansion start, label)
        for ent in parse.ents:
            if ent.label_ not in self.labels:
                continue
            start, end = ent.start, ent.end
            # spaCy may swallow half a bracket: "The World Health Organization (WHO" + ")".
            opened = [t.i for t in ent if t.text == "("]
            if opened and not any(t.text == ")" for t in parse[opened[-1]:end]):
                end = opened[-1]
            while start < end and (parse[start].lower_ in NAME_TRIM or
                                   (ent.label_ == "PERSON" and is_honorific(parse[start]))):
                start += 1
            while end > start and parse[end - 1].lower_ in NAME_TRIM:
                end -= 1
            text = parse[start:end].text
            if end <= start or not any(c.isalpha() for c in text):
                continue
            # People and places are not named with a leading figure ("140bn" is spaCy's slip).
            if text[0].isdigit() and ent.label_ in _NO_DIGIT_START:
                continue
            expansion = bracketed.get(start, (None, ""))[0] if end == start + 1 else None
            kind: MentionKind = "acronym" if is_acronym(text) else "name"
            spans.append((start, end, ent.label_, kind, expansion))
            if end + 2 < len(parse) and parse[end].text == "(" and parse[end + 2].text == ")" \
                    and is_acronym(parse[end + 1].text):
                if parse[end + 1].ent_type_ and end + 1 >= ent.end:
                    bracketed[end + 1] = (start, ent.label_)
                else:
                    spans.append((end + 1, end + 2, ent.label_, "acronym", start))
        return spans

@dataclass(frozen=True)
class _Reading:
    """What every pass reads about one article."""

    parse: Parse
    sentence_of: dict[int, int]  # token index -> sentence index


@dataclass(frozen=True)
class _Grown:
    """The clusters grown so far and the tokens a mention covers.

    A pass may grow the clusters it is given (they are built within one stage call) and returns
    the clusters and tokens the next pass reads.
    """

    clusters: tuple[_Cluster, ...]
    taken: frozenset[int]


def _propagate_names(reading: _Reading, grown: _Grown) -> _Grown:
    """Tag later repeats of a known name that NER missed ("Grant said" after "Peter Grant")."""
    parse, clusters, taken = reading.parse, grown.clusters, set(grown.taken)
    keys: dict[tuple[str, ...], _Cluster | None] = {}
    for cluster in clusters:
        for mention in cluster.mentions:
            forms = [tuple(mention.text.split())]
            if cluster.group == "person" and len(forms[0]) > 1:
                forms.append(forms[0][-1:])
            for form in forms:
                if len("".join(form)) < 3 or not all(w[:1].isupper() for w in form):
                    continue
                # A surname two people share names neither of them.
                keys[form] = cluster if keys.get(form, cluster) is cluster else None
    # One pass over the tokens indexes where each proper noun starts, so each name is looked
    # up where its first word occurs rather than matched at every token.
    words = [t.text for t in parse]
    starts: dict[str, list[int]] = {}
    for token in parse:
        if token.pos_ == "PROPN":
            starts.setdefault(token.text, []).append(token.i)
    for form, owner in keys.items():
        if owner is None:
            continue
        n = len(form)
        for i in starts.get(form[0], ()):
            if i + n > len(words) or any(j in taken for j in range(i, i + n)):
                continue
            if tuple(words[i:i + n]) != form:
                continue
            span = parse[i:i + n]
            owner.add(Mention(span.start_char, span.end_char, span.text,
                              label=owner.label, kind="name"),
                      any(t.dep_ in _SUBJECT_DEPS for t in span))
            taken.update(range(i, i + n))
    for cluster in clusters:
        cluster.mentions.sort(key=lambda m: m.start)
    return _Grown(clusters, frozenset(taken))


def _link_descriptions(reading: _Reading, grown: _Grown) -> _Grown:
    """Add descriptions ("the alliance") as mentions of the body they describe."""
    return _add_nominals(reading, grown, nominal_mentions)


def _link_offices(reading: _Reading, grown: _Grown) -> _Grown:
    """Add offices ("the Prime Minister") as mentions of the person who holds them."""
    return _add_nominals(reading, grown, office_mentions)


def _add_nominals(reading: _Reading, grown: _Grown, find: _NominalFinder) -> _Grown:
    """Add each nominal mention ``find`` ties to a cluster, as a mention of that cluster."""
    parse, clusters, taken = reading.parse, grown.clusters, set(grown.taken)
    candidates = _candidates(parse, clusters, reading.sentence_of)
    for start, end, index in find(parse, taken, candidates):
        cluster = clusters[index]
        cluster.add(Mention(start, end, parse.text[start:end], label=cluster.label,
                            kind="nominal"), False)
    return _Grown(clusters, frozenset(taken))


def _read_roles(reading: _Reading, grown: _Grown) -> _Grown:
    """Give each person the roles, nationality and affiliation written around their name."""
    parse, clusters = reading.parse, grown.clusters
    by_char = {(m.start, m.end): c for c in clusters for m in c.mentions}

    def kind_of(token: Token) -> Kind | None:
        owner = _owner(by_char, token.idx, token.idx + len(token.text))
        if owner is not None and owner.group in _GROUP_KINDS:
            return _GROUP_KINDS[owner.group]
        return _LABEL_KINDS.get(token.ent_type_)

    for cluster in clusters:
        if cluster.group != "person":
            continue
        for mention in [m for m in cluster.mentions if m.kind == "name"]:
            span = parse.char_span(mention.start, mention.end)
            if span is None:
                continue
            roles = read_roles(parse, span.start, span.end, kind_of)
            for role in roles.roles:
                if all((r.text, r.kind) != (role.text, role.kind) for r in cluster.roles):
                    cluster.roles.append(role)
            cluster.nationality = cluster.nationality or roles.nationality
            for start, end in roles.affiliations:
                owner = _owner(by_char, start, end)
                # An organisation outranks a country ("U.S. Senator" of a party is the party's).
                if owner is not None and owner.group in ("org", "place") and (
                        cluster.affiliation is None or
                        (cluster.affiliation.group == "place" and owner.group == "org")):
                    cluster.affiliation = owner
    return grown


def _add_groups(reading: _Reading, grown: _Grown) -> _Grown:
    """Add groups ("Iraqi security forces") over words no mention took, one cluster a group."""
    parse, clusters, taken = reading.parse, list(grown.clusters), set(grown.taken)
    for lo, hi, origin in group_phrases(parse, taken):
        span = parse[lo:hi]
        mention = Mention(span.start_char, span.end_char, span.text, label="ORG",
                          kind="nominal")
        key = "group:" + normalize(span.text)
        cluster = next((c for c in clusters if key in c.keys), None)
        if cluster is None:
            cluster = _Cluster("ORG", "org", {key}, nationality=origin)
            clusters.append(cluster)
        cluster.add(mention, any(t.dep_ in _SUBJECT_DEPS for t in span))
        taken.update(range(lo, hi))
    return _Grown(tuple(clusters), frozenset(taken))


def _link_pronouns(reading: _Reading, grown: _Grown) -> _Grown:
    """Add "he", "she", "it" as mentions of the cluster they clearly refer back to."""
    parse, clusters = reading.parse, grown.clusters
    candidates = _candidates(parse, clusters, reading.sentence_of)
    for cand, cluster in zip(candidates, clusters, strict=True):
        cand.gender = title_gender(t.lower_ for t in cluster.titles)
    for start, end, index in pronoun_mentions(parse, reading.sentence_of, candidates):
        cluster = clusters[index]
        cluster.add(Mention(start, end, parse.text[start:end], label=cluster.label,
                            kind="pronoun"), False)
    return grown


def _fold_stray_surnames(reading: _Reading, grown: _Grown) -> _Grown:
    """Fold a lone place or organisation into the confirmed person whose surname it is."""
    return replace(grown, clusters=tuple(_merge_stray_surnames(list(grown.clusters))))


def _fold_named_as_bodies(reading: _Reading, grown: _Grown) -> _Grown:
    """Fold a person that is only ever a name the article also gives a body, place or thing.

    The NER reads one string differently from sentence to sentence: a company or a product
    becomes a person where it stands as a subject ("said Northrop Grumman"), and the article
    names it as the company elsewhere. One name in one article names one thing, so a person
    cluster with no title or office beside it, all of whose names are the name of one
    organisation, place or thing of the article, is that thing: its mentions join it and take
    its label.
    """
    clusters = list(grown.clusters)
    bodies: dict[str, list[_Cluster]] = {}
    for cluster in clusters:
        if cluster.group != "person":
            for key in cluster.keys:
                bodies.setdefault(key, []).append(cluster)
    ner_labels = {token.idx: ent.label_ for ent in reading.parse.ents for token in ent}
    kept: list[_Cluster] = []
    for cluster in clusters:
        names = {normalize(m.text) for m in cluster.mentions if m.kind == "name"}
        owners = {id(o): o for name in names for o in bodies.get(name, [])}
        owner = next(iter(owners.values())) if len(owners) == 1 else None
        if cluster.group == "person" and not _has_office(cluster) and owner is None:
            _relabel_lone_word(cluster, ner_labels)
            _relabel_named_as_thing(cluster, reading.parse)
        if cluster.group == "person" and owner is not None and names <= owner.keys and \
                not _has_office(cluster):
            for mention in cluster.mentions:
                owner.add(replace(mention, label=owner.label),
                          cluster.subjects.get(mention.start, False))
            owner.mentions.sort(key=lambda m: m.start)
        else:
            kept.append(cluster)
    return replace(grown, clusters=tuple(kept))


# The passes grow the clusters in this order, each reading what the ones before added (the
# order is the meaning): repeats of a name first ("Grant said" after "Peter Grant"), so that
# every later pass sees all of a name's mentions; descriptions ("the alliance") next; then
# roles, since a stray one-word place or organisation merges into a person only once a title
# or an office confirms the person, and a person that nothing confirms becomes the body of its
# name; offices ("the Prime Minister") after that, as they go to
# whoever the roles gave the office; groups ("Iraqi security forces") only over words nothing
# else took; pronouns last, as they refer back to any mention before them. Each pass comes
# with the stage option that turns it on.
_PASSES: tuple[tuple[Callable[[_Reading, _Grown], _Grown], Callable[[Entities], bool]], ...] = (
    (_propagate_names, lambda options: True),
    (_link_descriptions, lambda options: options.link_descriptions),
    (_read_roles, lambda options: True),
    (_fold_stray_surnames, lambda options: True),
    (_fold_named_as_bodies, lambda options: True),
    (_link_offices, lambda options: options.link_descriptions),
    (_add_groups, lambda options: True),
    (_link_pronouns, lambda options: options.link_pronouns),
)


def _join(clusters: list[_Cluster], mention: Mention, label: str) -> _Cluster:
    """Return the cluster this name mention belongs to, creating one when it is new."""
    group = _GROUPS.get(label, "other")
    key = normalize(mention.text)
    keys = {key}
    if group == "place" and (code := country_code(mention.text)):
        keys.add("country:" + code)
    if is_acronym(mention.text):
        keys.add("acr:" + acronym_key(mention.text))
    single = len(mention.text.split()) == 1 and mention.text[:1].isupper()
    for cluster in reversed(clusters):
        # spaCy sometimes labels a lone surname as an organisation or a work ("Jobs said").
        # Not from places: "Aceh" after "Banda Aceh" (taken for a person) is still a province.
        if cluster.group == "person" and label in _SURNAME_MISLABELS and single and \
                cluster.words and normalize(mention.text) == cluster.words[-1]:
            return cluster
        if cluster.group != group and not (group in ("org", "other") and cluster.group in ("org", "other")):
            continue
        if keys & cluster.keys:
            cluster.keys |= keys
            return cluster
        if group in ("org", "place", "other") and _acronym_of(mention.text, cluster):
            cluster.keys |= keys
            return cluster
        if group == "person":
            words = name_tokens(mention.text)
            if person_matches(words, cluster.words):
                return cluster
            if person_matches(cluster.words, words):
                cluster.words = words
                cluster.keys |= keys
                return cluster
    cluster = _Cluster(label, group, keys)
    if group == "person":
        cluster.words = name_tokens(mention.text)
    if group in ("org", "place", "other") and not is_acronym(mention.text):
        cluster.keys |= {"init:" + i for i in initials(mention.text)}
    clusters.append(cluster)
    return cluster


def _merge_stray_surnames(clusters: list[_Cluster]) -> list[_Cluster]:
    """Fold a lone one-word place or organisation into the person whose surname it is.

    spaCy labels some repeats of a surname as a place ("Pinochet's regime"); it also takes some
    places for people ("Banda Aceh"). Only a person the text confirms (a title, an office, or
    the name written more than once) takes the stray word, and never a country's name.
    """
    people: dict[str, list[_Cluster]] = {}
    for cluster in clusters:
        if cluster.group == "person" and cluster.words and _confirmed_person(cluster):
            people.setdefault(cluster.words[-1], []).append(cluster)
    kept: list[_Cluster] = []
    for cluster in clusters:
        texts = {normalize(m.text) for m in cluster.mentions}
        owners = people.get(next(iter(texts)), []) if len(texts) == 1 else []
        stray = cluster.group in ("place", "org", "other") and len(owners) == 1 and \
            all(m.kind == "name" and " " not in m.text for m in cluster.mentions) and \
            not any(k.startswith("country:") for k in cluster.keys)
        if stray:
            for mention in cluster.mentions:
                owners[0].add(mention, cluster.subjects.get(mention.start, False))
            owners[0].mentions.sort(key=lambda m: m.start)
        else:
            kept.append(cluster)
    return kept


def _relabel_lone_word(cluster: _Cluster, ner_labels: dict[int, str]) -> None:
    """Give a one-word "person" the label the NER gave it elsewhere in the article.

    A lone word labelled an organisation joins the person whose surname it is ("Jobs said"
    after "Steve Jobs", _join); where the article never writes a full name ("Wikinews
    reported", "Wikinews reporters"), the person is the NER's misreading and its other label
    is the thing's own: the most frequent one among its mentions wins, a person's only when
    most mentions say so.
    """
    names = [m for m in cluster.mentions if m.kind == "name"]
    if not names or any(" " in m.text for m in names):
        return
    # Only what the NER itself said votes: repeats the name pass found carry the cluster's label.
    votes = [ner_labels[m.start] for m in names if m.start in ner_labels]
    others = [label for label in votes if label != "PERSON"]
    if not others or len(others) * 2 < len(votes):
        return
    label = max(dict.fromkeys(others), key=others.count)
    cluster.mentions = [replace(m, label=label) if m.kind == "name" else m
                        for m in cluster.mentions]
    cluster.label = label
    cluster.group = _GROUPS.get(label, "other")


# Words that, hanging before a one-word name, say it names a thing and not a person: an article
# ("the Dreamliner") or a possessor ("Apple's Safari"). Not a number after it: in results
# tables that is a score ("Hyundai 6 Lotte 5"), and in prose a person's age.
_THING_DEPS = frozenset({"det", "poss"})


def _relabel_named_as_thing(cluster: _Cluster, parse: Parse) -> None:
    """Make a one-word "person" a product where the article writes it as a thing.

    The NER tuned on CoNLL-2003, which has no product label, reads a lone capitalised word as a
    person ("Safari", "Dreamliner") even where every mention of it says otherwise. People's
    names take no article and no possessor of their own ("the Dreamliner", "Apple's Safari";
    in "the Obama administration" the article hangs on "administration"). Plural names are left
    alone: "the Clintons" are people.
    """
    names = [m for m in cluster.mentions if m.kind == "name"]
    if not names or any(" " in m.text or m.text.endswith("s") for m in names):
        return
    spans = [parse.char_span(m.start, m.end) for m in names]
    if not any(span is not None and any(c.dep_ in _THING_DEPS and c.i < span.start
                                        for c in span.root.children) for span in spans):
        return
    cluster.mentions = [replace(m, label="PRODUCT") if m.kind == "name" else m
                        for m in cluster.mentions]
    cluster.label = "PRODUCT"
    cluster.group = _GROUPS.get("PRODUCT", "other")


def _confirmed_person(cluster: _Cluster) -> bool:
    names = [m for m in cluster.mentions if m.kind == "name"]
    return _has_office(cluster) or len(names) > 1


def _has_office(cluster: _Cluster) -> bool:
    """Does a title or a word of office stand beside the cluster's name ("Mr.", "CEO")?"""
    return any(r.kind == "title" or any(w.strip(".,").lower() in OFFICES for w in r.text.split())
               for r in cluster.roles)


def _acronym_of(text: str, cluster: _Cluster) -> bool:
    """Return True when ``text`` is the acronym of the cluster's name, or its expansion.

    A cluster keeps ``init:`` keys for the initials of its own names and ``acr:`` keys for
    acronyms actually written, so two names with the same initials ("Launch Systems", "Launch
    Services") never merge; only a written acronym meets a name.
    """
    if is_acronym(text):
        return "init:" + acronym_key(text) in cluster.keys
    return any("acr:" + i in cluster.keys for i in initials(text))


def _candidates(parse: Parse, clusters: Sequence[_Cluster], sentence_of: dict[int, int]) -> list[Candidate]:
    out = []
    for cluster in clusters:
        positions = []
        for mention in cluster.mentions:
            subject = cluster.subjects.get(mention.start, False)
            span = parse.char_span(mention.start, mention.end, alignment_mode="expand")
            sent = sentence_of.get(span.start, 0) if span is not None else 0
            positions.append((mention.start, sent, subject))
        name = cluster.best.text if cluster.mentions else ""
        words = frozenset(normalize(name).split()) | frozenset(cluster.words)
        kinds = org_kinds({k for k in cluster.keys if ":" not in k}, name) \
            if cluster.group == "org" else frozenset()
        offices = frozenset(" ".join(r.text.lower().split()) for r in cluster.roles
                            if r.kind in ("role", "title"))
        out.append(Candidate(cluster.group, words, kinds, positions, offices=offices))
    return out


def _owner(by_char: dict[tuple[int, int], _Cluster], start: int, end: int) -> _Cluster | None:
    for (s, e), cluster in by_char.items():
        if (s <= start and end <= e) or (start <= s and e <= end):
            return cluster
    return None


def _finish(doc: Doc, cluster: _Cluster) -> Entity:
    best = cluster.best
    name = _canonical(best.text)
    mentions = tuple(sorted(cluster.mentions, key=lambda m: m.start))
    # A person's surname is a short form, not another name; other bodies' second names are aliases.
    aliases = tuple(dict.fromkeys(_canonical(m.text) for m in mentions
                                  if m.kind in ("name", "alias", "acronym")
                                  and _canonical(m.text) != name and
                                  (cluster.group != "person" or m.text not in name)))
    affiliation = cluster.affiliation
    affiliation_name = _canonical(affiliation.best.text) if affiliation else None
    label = best.label or cluster.label
    return Entity(best.start, best.end, best.text,
                  id=content_id(doc.article.id, label, name, prefix="ent_", length=12),
                  name=name, label=label, mentions=mentions,
                  roles=tuple(sorted(cluster.roles, key=lambda r: r.start)), aliases=aliases,
                  affiliation=affiliation_name,
                  affiliation_id=content_id(doc.article.id, affiliation.best.label or affiliation.label,
                                            affiliation_name, prefix="ent_", length=12)
                  if affiliation and affiliation_name else None,
                  nationality=cluster.nationality)


def _canonical(text: str) -> str:
    text = " ".join(text.split())
    return text[4:] if text.lower().startswith("the ") else text
