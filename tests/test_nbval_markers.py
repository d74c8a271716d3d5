"""nbval honours `# NBVAL_IGNORE_OUTPUT` only alone on its line: a marker with anything after
it is silently ignored, and the cell is compared after all."""

from __future__ import annotations

import json
import re

import pytest

from helpers import report


@pytest.mark.parametrize("path", report.notebook_paths(), ids=lambda p: p.name)
def test_nbval_markers_are_exact(path) -> None:
    for cell in json.loads(path.read_text())["cells"]:
        for line in "".join(cell["source"]).splitlines():
            if "NBVAL_" in line:
                assert re.fullmatch(r"\s*#\s*NBVAL_(IGNORE_OUTPUT|SKIP|RAISES_EXCEPTION|CHECK_OUTPUT)\s*", line), line
