"""The committed notebooks are clean, small, executed top to bottom, and tell their story."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from helpers import paths, report

NOTEBOOKS = report.notebook_paths()


def test_there_are_notebooks_in_reading_order() -> None:
    names = [p.name for p in NOTEBOOKS]
    assert names and names[0].startswith("01-")
    assert [n[:2] for n in names] == [f"{i:02d}" for i in range(1, len(names) + 1)]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
class TestCommittedNotebook:
    def nb(self, path: Path) -> dict:
        return json.loads(path.read_text(encoding="utf-8"))

    def test_executed_top_to_bottom_in_one_run(self, path: Path) -> None:
        counts = [c.get("execution_count") for c in self.nb(path)["cells"] if c["cell_type"] == "code"]
        assert counts == list(range(1, len(counts) + 1)), f"{path.name}: rerun it with `make notebooks`"

    def test_one_kernelspec_and_clean_metadata(self, path: Path) -> None:
        nb = self.nb(path)
        assert nb["metadata"]["kernelspec"] == report.KERNELSPEC
        assert set(nb["metadata"]) == {"kernelspec", "language_info"}
        for cell in nb["cells"]:
            assert set(cell.get("metadata", {})) <= {"tags"}, cell.get("metadata")

    def test_small_and_without_a_plotlyjs_bundle(self, path: Path) -> None:
        raw = path.read_text(encoding="utf-8")
        assert path.stat().st_size < 1_500_000
        assert not re.search(r"plotly\.js (\(\w+ - minified\) )?v\d", raw) and "window.PlotlyConfig" not in raw

    def test_no_machine_paths_in_outputs(self, path: Path) -> None:
        raw = path.read_text(encoding="utf-8")
        assert not re.search(r"/(root|home|tmp|work|Users)/[\w.-]+", raw)
        assert str(paths.ROOT) not in raw

    def test_opens_with_a_title_and_has_parameters_and_summary_cells(self, path: Path) -> None:
        cells = self.nb(path)["cells"]
        assert cells[0]["cell_type"] == "markdown" and "".join(cells[0]["source"]).startswith("# ")
        tags = [t for c in cells for t in c.get("metadata", {}).get("tags", [])]
        assert tags.count("parameters") == 1
        assert tags.count("summary") == 1

    def test_no_cell_ends_in_an_error(self, path: Path) -> None:
        for cell in self.nb(path)["cells"]:
            for out in cell.get("outputs", []):
                assert out["output_type"] != "error", out.get("ename")
