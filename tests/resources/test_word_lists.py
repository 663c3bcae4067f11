"""The word lists of resources/: each used by the code, each concept under one name."""

import ast
import importlib
import itertools
import pkgutil
import re
from pathlib import Path

import pytest

import dateline.resources

SRC = Path(dateline.resources.__file__).resolve().parents[1]


def word_lists():
    """Return {"module.NAME": frozenset} for every public word list defined in resources/."""
    found, seen = {}, set()
    for info in pkgutil.walk_packages(dateline.resources.__path__, "dateline.resources."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if name.isupper() and isinstance(value, frozenset) and id(value) not in seen and \
                    all(isinstance(v, str) for v in value):
                seen.add(id(value))  # a list a package re-exports is the same list
                found[f"{info.name}.{name}"] = value
    return found


LISTS = word_lists()
SOURCES = {path: path.read_text(encoding="utf-8") for path in SRC.rglob("*.py")}


def test_word_lists_are_found():
    assert len(LISTS) > 40
    assert "dateline.resources.cues.REPORTING_VERBS" in LISTS


@pytest.mark.parametrize("qualified", sorted(LISTS))
def test_word_lists_each_is_used(qualified):
    module, name = qualified.rsplit(".", 1)
    home = SRC.joinpath(*module.split(".")[1:]).with_suffix(".py")
    if not home.exists():
        home = home.with_suffix("") / "__init__.py"
    pattern = re.compile(rf"\b{name}\b")
    uses = sum(len(pattern.findall(text)) for path, text in SOURCES.items() if path != home)
    uses += len(pattern.findall(SOURCES[home])) - 1  # beside its definition
    assert uses > 0, f"{qualified} is used nowhere: remove it or use it"


def test_word_lists_one_name_per_list_name():
    names = sorted(q.rsplit(".", 1)[1] for q in LISTS)
    assert [n for n, group in itertools.groupby(names) if len(list(group)) > 1] == [], (
        "two modules of resources/ define lists of the same name: one concept, one name")


def jaccard(a, b):
    return len(a & b) / len(a | b)


def test_word_lists_no_two_hold_the_same_concept():
    """Two lists sharing more than 80% of their words (by Jaccard) are one concept twice.

    A named subset ("addressee verbs" of the verbs of saying) shares all its words with the
    bigger list but is far smaller, so it passes; so do the inflected forms of a lemma list.
    """
    same = [(a, b, round(jaccard(x, y), 2))
            for (a, x), (b, y) in itertools.combinations(sorted(LISTS.items()), 2)
            if x and y and x is not y and jaccard(x, y) > 0.8]
    assert same == [], "merge these lists into one, or make one a derived view of the other"


def test_word_lists_overlap_measure_catches_a_copy():
    say = LISTS["dateline.resources.cues.SAY_VERBS"]
    copy = frozenset(sorted(say)[:-3]) | {"chirp"}
    assert jaccard(say, copy) > 0.8 and jaccard(say, LISTS["dateline.resources.cues.NAMING_VERBS"]) < 0.8


def test_word_lists_reporting_verbs_are_verbs_of_saying_but_indicate():
    from dateline.resources.cues import REPORTING_FORMS, REPORTING_VERBS, SAY_VERBS

    assert {"indicate"} == REPORTING_VERBS - SAY_VERBS
    assert {"said", "told", "admitted", "indicated", "estimates"} <= REPORTING_FORMS


# ---- no word lists inside the stages, the learned features or the story linker ----------------

CODE = (SRC / "stages", SRC / "learned", SRC / "link")
WORD = re.compile(r"^[a-z][a-z'’.-]*$")


def _dependency_labels():
    from spacy.glossary import GLOSSARY

    return frozenset(GLOSSARY)


# Sets of lowercase words a stage may keep beside its code: each is a switch on the parse or on
# the records, not English vocabulary. Sets made only of spaCy's labels (dependency relations,
# part-of-speech tags, in spacy.glossary) are structural too and need no entry here.
STRUCTURAL = {
    "stages/timex/calendar.py:GRAINS": "the granularities of a TIMEX3 value, finest first, compared by "
                                "position; the Grain type of the records",
}


def _strings(node):
    """Return the strings of a literal set, list or tuple (or frozenset/set/tuple of one, or
    of a "...".split()), or None when the node is something else."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and \
            node.func.id in ("frozenset", "set", "tuple") and len(node.args) == 1:
        return _strings(node.args[0])
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
            node.func.attr == "split" and isinstance(node.func.value, ast.Constant) and \
            isinstance(node.func.value.value, str) and not node.args:
        return node.func.value.value.split()
    if isinstance(node, (ast.Set, ast.List, ast.Tuple)) and node.elts and all(
            isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts):
        return [e.value for e in node.elts]
    if isinstance(node, ast.BinOp):  # LIST | frozenset({...})
        return _strings(node.right) or _strings(node.left)
    return None


def word_lists_in(tree):
    """Yield (name, words) for every literal list of lowercase words the module assigns, at any
    depth, and for every such list that is the value of a dict (a table of word lists)."""
    for node in ast.walk(tree):
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
            target = node.targets[0] if isinstance(node, ast.Assign) else node.target
            name = target.id if isinstance(target, ast.Name) else ast.unparse(target)
            values = [node.value]
            if isinstance(node.value, ast.Dict):
                values = [v for v in node.value.values if v is not None]
            for value in values:
                words = _strings(value)
                if words and len(words) >= 5 and all(WORD.match(w) for w in words):
                    yield name, frozenset(words)


def stage_word_lists():
    labels = _dependency_labels()
    found = []
    for path in sorted(p for folder in CODE for p in folder.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for name, words in word_lists_in(tree):
            key = f"{path.relative_to(SRC).as_posix()}:{name}"
            if not words <= labels:
                found.append((key, sorted(words)[:6]))
    return found


def test_word_lists_none_inside_the_stages():
    """A list of English words belongs in resources/, under one name, with its source (the
    stages, the learned features and the story linker alike)."""
    found = [(key, sample) for key, sample in stage_word_lists() if key not in STRUCTURAL]
    assert found == [], "move these word lists to resources/ (or list a structural one, with why)"


def test_word_lists_structural_allow_list_is_current():
    assert set(STRUCTURAL) <= {key for key, _ in stage_word_lists()}, (
        "an allowed structural list is gone: take it off STRUCTURAL")


def library_word_list_imports():
    """Return "path: module" for every import of a library's word list (spaCy's stop words)
    outside resources/: such a list is a word list too and is read through resources/."""
    found = []
    for path in sorted(p for folder in CODE for p in folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            modules = [node.module or ""] if isinstance(node, ast.ImportFrom) else \
                [a.name for a in node.names] if isinstance(node, ast.Import) else []
            found += [f"{path.relative_to(SRC).as_posix()}: {m}" for m in modules
                      if m.startswith("spacy.lang.")]
    return found


def test_word_lists_none_imported_from_a_library_outside_resources():
    assert library_word_list_imports() == [], "import the list from resources/, which names its source"


def test_word_lists_stop_words_are_spacys_in_resources():
    from spacy.lang.en.stop_words import STOP_WORDS as spacy_stop_words

    from dateline.link.text import term_counts
    from dateline.resources.linking import STOP_WORDS

    assert frozenset(spacy_stop_words) == STOP_WORDS
    assert "dateline.resources.linking.STOP_WORDS" in LISTS
    assert set(term_counts("However the floods would have reached the harbour")) == {
        "flood", "reach", "harbour"}


def test_word_lists_inside_a_stage_are_found():
    source = '''
X = frozenset({"NOUN", "VERB"})
DEPS = frozenset({"nsubj", "dobj", "attr", "pobj", "conj"})
VERBS = frozenset("""
attack strike bomb shell raid
""".split())
TABLE = {"with": frozenset({"charge", "indict", "book", "try", "fine"})}
def f():
    near = ("near", "outside", "inside", "across", "around")
'''
    labels = _dependency_labels()
    found = {name for name, words in word_lists_in(ast.parse(source)) if not words <= labels}
    assert found == {"VERBS", "TABLE", "near"}
