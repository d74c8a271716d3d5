"""Packaging: `pyproject.toml` declares every third-party import of helpers, and a wheel (a
non-editable install) carries every module of every subpackage and the report templates."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from importlib import metadata
from pathlib import Path

import pytest

from helpers import paths

HELPERS = paths.ROOT / "helpers"


def third_party_imports() -> set[str]:
    """Top-level names of the modules helpers imports from outside itself and the standard library."""
    found: set[str] = set()
    for path in HELPERS.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                found.add(node.module.split(".")[0])
    return found - set(sys.stdlib_module_names) - {"helpers", "__future__"}


def declared_distributions() -> set[str]:
    """The distribution names of `[project] dependencies`, normalised."""
    project = tomllib.loads((paths.ROOT / "pyproject.toml").read_text())["project"]
    return {normalise(re.split(r"[<>=!~;\[ ]", d, maxsplit=1)[0]) for d in project["dependencies"]}


def normalise(name: str) -> str:
    """A distribution name as PEP 503 compares them."""
    return re.sub(r"[-_.]+", "-", name).lower()


def test_every_third_party_import_is_declared() -> None:
    dists = metadata.packages_distributions()
    declared = declared_distributions()
    missing = sorted(m for m in third_party_imports() if not {normalise(d) for d in dists.get(m, [m])} & declared)
    assert not missing, f"imported by helpers but not in pyproject.toml dependencies: {missing}"


def test_the_declared_dependencies_are_pinned_in_the_lock() -> None:
    lock = (paths.ROOT / "requirements.lock").read_text()
    pinned = {normalise(m) for m in re.findall(r"^([A-Za-z0-9_.-]+)==", lock, flags=re.MULTILINE)}
    assert declared_distributions() <= pinned


def test_a_wheel_carries_every_module_and_template(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(paths.ROOT / name, src / name)
    shutil.copytree(HELPERS, src / "helpers", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet",
         "--disable-pip-version-check", ".", "-w", str(tmp_path / "wheel")],
        cwd=src, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    (wheel,) = (tmp_path / "wheel").glob("*.whl")
    inside = set(zipfile.ZipFile(wheel).namelist())
    wanted = {p.relative_to(src).as_posix() for p in (src / "helpers").rglob("*")
              if p.is_file() and (p.suffix == ".py" or "templates" in p.parts or p.name == "py.typed")}
    assert any("/templates/" in w for w in wanted) and "helpers/report/templates/reports_index.html.j2" in wanted
    assert wanted - inside == set(), f"missing from the wheel: {sorted(wanted - inside)}"


@pytest.mark.parametrize("folder", sorted({p.parent for p in HELPERS.rglob("*.py")} - {HELPERS}),
                         ids=lambda p: p.relative_to(HELPERS).as_posix())
def test_every_subfolder_of_helpers_is_a_package(folder: Path) -> None:
    assert (folder / "__init__.py").is_file(), "package discovery would leave it out of a wheel"
