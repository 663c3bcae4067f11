"""Link one arriving article as a rebuild would, re-clustering only the stories it touches.

A rebuild ties each article to its ``neighbours`` best matching articles (scoring at least the
threshold) and makes a story of each group the ties connect. At ingest the same graph is kept
one article at a time: the new article is scored against the recent members of its candidate
stories (found through the story index, never a scan), keeps its best matches as its ties, and
enters the remembered best matches of the members it scores well with, which may push out one
of theirs. The stories it matched are then grouped again from their members' ties, with the
scores worked out with today's term weights: a report can join two stories it bridges, and a
story can split where a member's old tie, now displaced by a better match, was all that held
it together. The work is bounded by the size of the stories touched, not of the store.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from dateline.link.features import ArticleFeatures, fingerprint
from dateline.link.index import Member, Story
from dateline.records import content_id

if TYPE_CHECKING:
    from dateline.link.stories import Assignment, StoryLinker, _Profile

# Members of each candidate story scored against a new article: the most recent ones (a long
# story's new reports resemble its recent ones).
RECENT_MEMBERS = 40
# A story with more members than this is not regrouped at ingest (it only grows); `dateline
# link` regroups it. Regrouping costs a score per tie of every member.
MAX_REGROUP = 400


class MemberCache:
    """Members' profiles and keys, reused while the term counts change little.

    A member's profile weighs its terms with today's document frequencies; recomputing it
    for every member at every arrival was most of the work. An entry is used while the model
    has counted at most ``drift`` more documents than when it was made (1%: weights move by
    far less than the scores that decide a tie).
    """

    def __init__(self, size: int = 5_000, drift: float = 0.01) -> None:
        self.size = size
        self.drift = drift
        self._held: dict[str, tuple[int, _Profile, list[str] | None]] = {}

    def _fresh(self, linker: StoryLinker, article_id: str
               ) -> tuple[int, _Profile, list[str] | None] | None:
        held = self._held.get(article_id)
        documents = linker.text_model.documents
        if held is None or documents > held[0] * (1 + self.drift):
            return None
        return held

    def _keep(self, article_id: str, entry: tuple[int, _Profile, list[str] | None]) -> None:
        if len(self._held) >= self.size:
            self._held.pop(next(iter(self._held)))  # the oldest entry first
        self._held[article_id] = entry

    def profile(self, linker: StoryLinker, features: ArticleFeatures) -> _Profile:
        """Return the member's profile."""
        held = self._fresh(linker, features.article_id)
        if held is not None:
            return held[1]
        profile = linker.profile(features)
        self._keep(features.article_id, (linker.text_model.documents, profile, None))
        return profile

    def keys(self, linker: StoryLinker, features: ArticleFeatures) -> list[str]:
        """Return the member's content keys at the rebuild's commonness bar."""
        held = self._fresh(linker, features.article_id)
        if held is not None and held[2] is not None:
            return held[2]
        profile = held[1] if held is not None else linker.profile(features)
        keys = linker.content_keys(features, linker.settings.batch_common_key_share)
        self._keep(features.article_id, (linker.text_model.documents, profile, keys))
        return keys


@dataclass
class _Group:
    """A growing component: its members and the span of their publication times."""

    members: list[str]
    first: float | None
    last: float | None


def _when(features: ArticleFeatures) -> float | None:
    from dateline.link.stories import _sortable, reported_at

    published = reported_at(features)
    return None if published is None else _sortable(published)


def _top(ties: Iterable[tuple[str, float]], limit: int) -> tuple[tuple[str, float], ...]:
    best: dict[str, float] = {}
    for other, score in ties:
        best[other] = max(score, best.get(other, 0.0))
    return tuple(sorted(best.items(), key=lambda t: (-t[1], t[0]))[:limit])


def place(linker: StoryLinker, features: ArticleFeatures) -> Assignment | None:
    """Link ``features`` (counted already) through the members' ties; None when it cannot.

    It cannot when a candidate story has members the index does not remember (a store
    linked before members were kept): the caller then links by story centroids.
    """
    from dateline.link.stories import Assignment

    s = linker.settings
    index = linker.index
    keep = 2 * s.neighbours
    profile = linker.profile(features)
    stories: dict[str, Story] = {}
    keys = linker.article_keys(features, s.batch_common_key_share)
    for story_id in index.candidates(keys, limit=s.candidates):
        story = index.get(story_id)
        if story is not None:
            stories[story_id] = story
    recent = [a for st in stories.values() for a in _recent(st)]
    known = index.members(recent)
    if len(known) < len(recent):
        return None
    profiles: dict[str, _Profile] = {}

    def profile_of(article_id: str) -> _Profile:
        held = profiles.get(article_id)
        if held is None:
            held = profiles[article_id] = linker.members.profile(linker,
                                                                 known[article_id].features)
        return held

    scored = sorted(((linker._score(profile, profile_of(a)), a) for a in known
                     if known[a].copy_of is None), key=lambda t: (-t[0], t[1]))
    matched = [(score, a) for score, a in scored if score >= s.threshold]
    # Only an identical text scores 1 on every signal: compare digests for those alone.
    digest = fingerprint(features) if matched and matched[0][0] > 0.999 else None
    copy_of = next((a for score, a in matched if score > 0.999
                    and fingerprint(known[a].features) == digest), None)
    if copy_of is not None:
        # A word-for-word copy joins its original's story and ties to nothing of its own
        # (many undated copies would otherwise tie to each other's matches and chain events).
        matched = [(1.0, copy_of)]
    member = Member(features, tuple((a, round(sc, 6)) for sc, a in matched[:keep]), copy_of)
    if not matched:
        story = linker._new_story(features, profile)
        index.put_members([member])
        linker._save(story, _keys(linker, [features]))
        return Assignment(features.article_id, story.id, round(scored[0][0], 4) if scored
                          else 0.0, True)
    changed: list[Member] = [member]
    displaced = False
    if copy_of is None:
        for score, a in matched:
            ties = _top([*known[a].ties, (features.article_id, round(score, 6))], keep)
            if ties != known[a].ties:
                # An article that was among its best ``neighbours`` no longer is: the tie
                # that held it may have been all that joined two parts of its story.
                before = {o for o, _ in known[a].ties[:s.neighbours]}
                displaced = displaced or not before <= {o for o, _ in ties[:s.neighbours]}
                known[a] = replace(known[a], ties=ties)
                changed.append(known[a])
    touched = sorted({st.id for st in stories.values()
                      if any(a in st.articles for _, a in matched)})
    index.put_members(changed)
    known[features.article_id] = member
    profiles[features.article_id] = profile
    if len(touched) == 1 and not displaced:
        # It joins one story and takes no tie away: the story only grows.
        regrouped = _grow(linker, [stories[touched[0]]], member, known, profile_of)
    else:
        regrouped = _regroup(linker, [stories[t] for t in touched], member, known, profile_of)
    story_id = index.story_of(features.article_id) or ""
    gone = tuple(t for t in touched if index.get(t) is None)
    return Assignment(features.article_id, story_id, round(matched[0][0], 4), False, gone,
                      tuple(sorted(regrouped)))


def _recent(story: Story) -> list[str]:
    """Return the ids of a story's most recent members (its first report always)."""
    if len(story.articles) <= RECENT_MEMBERS:
        return list(story.articles)
    return list(dict.fromkeys([story.first_article, *story.articles[-RECENT_MEMBERS + 1:]]))


def _regroup(linker: StoryLinker, touched: Sequence[Story], member: Member,
             known: dict[str, Member], profile_of: Callable[[str], _Profile]) -> set[str]:
    """Group the members of ``touched`` and the new ``member`` again; return the stories written.

    Too large a story only grows: the new article joins it by its best tie.
    """
    index = linker.index
    ids = [a for st in touched for a in st.articles]
    if len(ids) > MAX_REGROUP:
        return _grow(linker, touched, member, known, profile_of)
    missing = [a for a in ids if a not in known]
    if missing:
        known.update(index.members(missing))
    nodes = {member.article_id: member}
    nodes.update({a: known[a] for a in ids if a in known})
    if len(nodes) <= len(ids):  # members the index forgot: keep the stories, grow the best
        return _grow(linker, touched, member, known, profile_of)
    groups = _components(linker, nodes, profile_of)
    for story in touched:
        index.delete(story.id)
    written: set[str] = set()
    for group in groups:
        story = _story_of_group(linker, [nodes[a].features for a in group], profile_of)
        linker._save(story, _keys(linker, [nodes[a].features for a in _recent(story)]))
        written.add(story.id)
    return written


def _grow(linker: StoryLinker, touched: Sequence[Story], member: Member,
          known: Mapping[str, Member], profile_of: Callable[[str], _Profile]) -> set[str]:
    """Join the new member to the story of its best tie the rebuild's guards allow.

    Return the stories written (none when no tie may join: it then starts its own story).
    """
    from dateline.link.stories import _sortable

    when = _when(member.features)
    story = None
    for other, _ in member.ties:
        story = next((st for st in touched if other in st.articles), None)
        if story is not None and _may_join(linker, story, when, known[other].features
                                           if other in known else None):
            break
        story = None
    alone = linker._new_story(member.features, profile_of(member.article_id))
    if story is None:
        linker._save(alone, _keys(linker, [member.features]))
        return {alone.id}
    grown = linker._merge(story, alone)
    published, first = member.features.published, story.first_published
    if published is not None and (first is None or _sortable(published) < _sortable(first)):
        # An earlier report than its first: the story is named after it, as a rebuild names it.
        linker.index.delete(story.id)
        grown = replace(grown, id=_story_id(member.article_id))
    recent = _recent(grown)
    held = linker.index.members(recent)
    keys = _keys(linker, [m.features for m in held.values()]) if len(held) == len(recent) \
        else None
    linker._save(grown, keys)
    return {grown.id}


def _may_join(linker: StoryLinker, story: Story, when: float | None,
              other: ArticleFeatures | None) -> bool:
    """Tell whether a tie to ``other`` (a member of ``story``) may join an article to it.

    As in a rebuild: never across more than the time window, and never through an undated
    report into a story holding dated reports when the article is dated.
    """
    from dateline.link.stories import _sortable

    first, last = story.first_published, story.last_published
    if when is None or first is None or last is None:
        return True
    if max(_sortable(first) - when, when - _sortable(last)) > linker.settings.window_days * 86400:
        return False
    return other is not None and other.published is not None


def _story_id(article_id: str) -> str:
    return content_id("story", article_id, prefix="sto_", length=16)


def _keys(linker: StoryLinker, members: Iterable[ArticleFeatures]) -> list[str]:
    """Return the content keys of a story's (recent) members, those most share first.

    A story is posted under them, so that an article finds it through any one member it
    matches, as a rebuild finds that member.
    """
    tally: Counter[str] = Counter()
    for features in members:
        tally.update(linker.members.keys(linker, features))
    return [k for k, _ in sorted(tally.items(), key=lambda item: (-item[1], item[0]))]


def _components(linker: StoryLinker, nodes: Mapping[str, Member],
                profile_of: Callable[[str], _Profile]) -> list[list[str]]:
    """Return the groups the members' best ties connect, as a rebuild groups them.

    Each member's remembered ties are scored again with today's term weights and its
    ``neighbours`` best that still reach the threshold count; the strongest ties join first.
    As in a rebuild, a tie never joins groups whose reports lie further apart than the time
    window, and a tie through an undated report never joins two groups holding dated reports.
    """
    from dateline.link.stories import spans_apart

    s = linker.settings
    edges: list[tuple[float, str, str]] = []
    for a, node in nodes.items():
        if node.copy_of is not None:
            if node.copy_of in nodes:
                edges.append((1.0, a, node.copy_of))
            continue
        rescored = sorted(((linker._score(profile_of(a), profile_of(o)), o)
                           for o, _ in node.ties if o in nodes and nodes[o].copy_of is None),
                          key=lambda t: (-t[0], t[1]))
        edges.extend((score, a, o) for score, o in rescored[:s.neighbours]
                     if score >= s.threshold)
    edges.sort(key=lambda e: (-e[0], min(e[1], e[2]), max(e[1], e[2])))
    parent = {a: a for a in nodes}
    groups = {a: _Group([a], _when(n.features), _when(n.features)) for a, n in nodes.items()}

    def root(a: str) -> str:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for _, a, o in edges:
        ra, ro = root(a), root(o)
        if ra == ro:
            continue
        ga, go = groups[ra], groups[ro]
        dated = ga.first is not None and go.first is not None
        if dated and spans_apart((ga.first, ga.last), (go.first, go.last),  # type: ignore[arg-type]
                                 s.window_days):
            continue
        bridge = _when(nodes[a].features) is None or _when(nodes[o].features) is None
        if bridge and dated and nodes[a].copy_of is None and nodes[o].copy_of is None:
            continue
        parent[ro] = ra
        firsts = [t for t in (ga.first, go.first) if t is not None]
        lasts = [t for t in (ga.last, go.last) if t is not None]
        groups[ra] = _Group(ga.members + go.members, min(firsts) if firsts else None,
                            max(lasts) if lasts else None)
        del groups[ro]
    return [sorted(g.members) for g in groups.values()]


def _story_of_group(linker: StoryLinker, members: Sequence[ArticleFeatures],
                    profile_of: Callable[[str], _Profile]) -> Story:
    """Return the story of a group, named after its first report as a rebuild names it.

    The sums are taken once over the members (folding ``_merge`` member by member re-sorted
    the centroid at every step).
    """
    from dateline.link.stories import (
        _EPOCH,
        CENTROID_KEYS,
        STORY_DATES,
        _sortable,
        _story_terms,
        _top,
        reported_at,
    )

    ordered = sorted(members, key=lambda f: (
        reported_at(f) is None, _sortable(reported_at(f) or _EPOCH),
        _story_id(f.article_id)))
    first = ordered[0]
    terms: Counter[str] = Counter()
    marks: Counter[str] = Counter()
    entities: Counter[str] = Counter()
    places: Counter[str] = Counter()
    types: Counter[str] = Counter()
    dates: Counter[str] = Counter()
    for features in ordered:
        profile = profile_of(features.article_id)
        terms.update(profile.terms)
        marks.update(profile.marks)
        entities.update(profile.entities)
        places.update(profile.places)
        types.update(features.incident_types)
        dates.update(features.dates[:STORY_DATES])
    times = [_sortable(t) for f in ordered if (t := reported_at(f)) is not None]
    dated = [reported_at(f) for f in ordered if reported_at(f) is not None]
    return Story(
        id=_story_id(first.article_id), title=first.title, first_article=first.article_id,
        first_published=dated[times.index(min(times))] if dated else None,
        last_published=dated[times.index(max(times))] if dated else None,
        articles=tuple(f.article_id for f in ordered),
        sources=tuple(dict.fromkeys(f.source for f in ordered if f.source)),
        terms=_story_terms(terms, marks), entities=_top(entities, CENTROID_KEYS),
        places=_top(places, CENTROID_KEYS), incident_types=tuple(sorted(types.items())),
        dates=tuple(d for d, _ in sorted(dates.items(), key=lambda i: (-i[1], i[0])))[
            :STORY_DATES])
