"""Every path the workbook uses comes from here."""

from __future__ import annotations

from pathlib import Path

ROOT: Path = Path(__file__).resolve().parents[1]
"""The workbook's checkout (the folder holding `notebooks/`, `seeds/`, `data/`)."""

NOTEBOOKS: Path = ROOT / "notebooks"
SEEDS: Path = ROOT / "seeds"
DATA: Path = ROOT / "data"
DERIVED: Path = DATA / "derived"
REPORTS: Path = ROOT / "reports"
RUNS: Path = ROOT / "runs"
"""Default output folder for corpora other than the seeds (`runs/<corpus folder name>/`)."""
TEMPLATES: Path = Path(__file__).resolve().parent / "report" / "templates"
TOPOJSON: Path = DATA / "topojson"
GOLD_FOLDER = "gold"
"""The name of the folder of the analyst's gold sample (`helpers.trust`): in a corpus folder,
where it is never read as articles, or under `data/` for a corpus kept as received."""


def shown(path: Path | str) -> str:
    """Return `path` as it should be shown to a reader: relative to the checkout when inside it.

    Notebook outputs and tables never carry this machine's absolute paths when they can be
    avoided, so that committed outputs are the same on every machine.
    """
    p = Path(path)
    try:
        return p.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return p.as_posix()
