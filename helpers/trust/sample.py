"""The sample sheets an analyst corrects into a gold sample.

`choose_sample` picks the articles (at random, with a fixed seed, so a rerun picks the same
ones); `write_sample_sheets` writes, for each stage, the system's items in those articles
with their sentence and two empty columns, `correct` and `fix`, to `gold-sample/` in the
tables folder, with `articles.csv` and the instructions (`INSTRUCTIONS`, also in
`README.txt` beside the sheets). Sheets are written by `tables.write_table`, so a text that
a spreadsheet would run as a formula is written with a leading apostrophe, which the gold
reader takes off again.

A sheet the analyst edited where it was written is never overwritten: `.written.json` beside
the sheets keeps the SHA-256 of what the workbook last wrote to each, and a sheet whose
content differs (or, written before there was a record, one with something in `correct` or
`fix`) is kept, the new sheet written beside it as `<name>.new.csv` (`shown_files` says so).
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import json
import random
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from .. import corpus as corpus_mod
from .. import paths, tables
from .gold import (
    ARTICLES_FILE,
    ENTITY_TYPES,
    GOLD_FOLDER,
    STAGES,
    columns_of,
    gold_schema,
    read_csv_cells,
)
from .system import SystemItems

SAMPLE_FOLDER = "gold-sample"
"""The sample sheets' folder, in the tables folder."""
SAMPLE_SIZE = 15
SAMPLE_SEED = 14
SHEET_EXTRA: tuple[str, ...] = ("sentence", "correct", "fix")
WRITTEN_RECORD = ".written.json"
"""Beside the sheets: file name -> SHA-256 of the content the workbook last wrote there."""
NEW_SUFFIX = ".new.csv"

INSTRUCTIONS = f"""How to turn these sheets into a gold sample
============================================

Each sheet lists what the workbook found in the sampled articles (articles.csv), one item a
row, with its sentence. Open it in a spreadsheet and check every row against the sentence:

- correct: write yes when the row is right, no when it is wrong (y, ok, ✓ and n, x, ✗ do
  too). Any other mark (?, maybe) is listed as a problem and its row is not used.
- fix: when the item is real but its value is wrong, write the right value here:
  entities.csv the type ({', '.join(ENTITY_TYPES)}); dates.csv the TIMEX3 value
  (2018-09-03, 2018-W35, 2018-06, P7Y, PRESENT_REF); places.csv the country code, optionally
  followed by the place's name (SY, or SY Idlib); quotes.csv the speaker's name (several
  names a reader would accept may be given, separated by " | ").
  A row marked no with nothing in fix is dropped: it is not an entity, date, place or quote.
- Add a row for everything the workbook missed: doc_id, text (exactly as in the article) and
  the value. start and end may be left empty: a new row is put at the first occurrence of
  its text that overlaps no other row, so add missed items in reading order.
- Save each sheet as CSV (UTF-8) with the same name, with articles.csv, in a folder called
  `{GOLD_FOLDER}` at the top of the corpus folder (it is never read as articles), or in
  data/{GOLD_FOLDER}/<corpus folder name>/ to keep the corpus folder as received, or in the
  folder the WORKBOOK_GOLD setting names. Rerun notebook 06: it scores every stage on your
  gold and lists every error. Rows nothing was written in are taken as right, and counted.
- Dates: a spreadsheet may rewrite a value such as 2018-09-03 as 03/09/2018 (or 9/3/2018)
  and 2018-06 as Jun-18 when it saves the CSV. To keep them as written, import the CSV with
  the value and fix columns as Text (or type an apostrophe first: '2018-09-03). A rewritten
  value is read back when the row's text names its month or the day-first setting decides;
  otherwise it is listed as a problem and the row is not used.
- A sheet edited here, in this folder, is kept when the workbook runs again: the new sheet
  is written beside it as <name>.new.csv. Edit a copy in the gold folder to avoid this.

What counts: entities are people, organisations, places and groups (nationalities,
religious and political groups) named in the text; dates are time expressions with their
TIMEX3 value; places are toponyms with the country they are in; quotes are passages in
quotation marks giving someone's words, with the person or body whose words they are.
"""


def choose_sample(doc_ids: Sequence[str], size: int = SAMPLE_SIZE, seed: int = SAMPLE_SEED) -> list[str]:
    """`size` doc_ids chosen at random with `seed` (every one when there are no more), in
    doc_id order; the same ids and seed always give the same sample."""
    ids = sorted(set(doc_ids))
    if len(ids) <= size:
        return ids
    return sorted(random.Random(seed).sample(ids, size))


def sheet_schema(stage: str) -> tables.Schema:
    """A sample sheet's columns: the gold file's, then `sentence`, `correct`, `fix`."""
    gold = gold_schema(stage)
    return tables.Schema(gold.file, {**gold.columns, **{c: tables.STR for c in SHEET_EXTRA}},
                         doc=f"Sample sheet: the system's {stage}, to be checked.")


def sample_sheet(stage: str, items: SystemItems, doc_ids: Sequence[str]) -> pd.DataFrame:
    """One stage's sheet: the system's items in `doc_ids`, in reading order, each with its
    sentence and empty `correct` and `fix`."""
    frame = items.frames[stage]
    frame = frame[frame["doc_id"].isin(set(doc_ids))].sort_values(["doc_id", "start", "end"], kind="stable")
    sheet = frame[columns_of(stage)].copy()
    sheet["sentence"] = [items.sentence(d, int(s), int(e)) for d, s, e in zip(sheet["doc_id"], sheet["start"], sheet["end"])]
    sheet["correct"] = ""
    sheet["fix"] = ""
    return sheet.reset_index(drop=True)


def articles_sheet(corpus: corpus_mod.Corpus, doc_ids: Sequence[str]) -> pd.DataFrame:
    """`articles.csv` of the sample: doc_id, outlet and title of each article."""
    by_id = corpus.by_id()
    return pd.DataFrame([(d, by_id[d].outlet, by_id[d].title) for d in doc_ids], columns=["doc_id", "outlet", "title"])


def write_sample_sheets(folder: Path, corpus: corpus_mod.Corpus, items: SystemItems,
                        doc_ids: Sequence[str]) -> list[Path]:
    """Write the sheets of every stage, `articles.csv` and `README.txt` to `folder`, a sheet
    the analyst edited there kept and the new one written as `<name>.new.csv` beside it;
    return the paths written."""
    record = _read_record(folder)
    written = []
    for stage in STAGES:
        if stage in items.frames:
            written.append(_write_sheet(sample_sheet(stage, items, doc_ids), folder, sheet_schema(stage), record))
    written.append(_write_sheet(articles_sheet(corpus, doc_ids), folder, tables.Schema(
        ARTICLES_FILE, dict(doc_id=tables.STR, outlet=tables.STR, title=tables.STR), doc="The sampled articles."),
        record))
    readme = folder / "README.txt"
    readme.write_text(INSTRUCTIONS, encoding="utf-8")
    written.append(readme)
    (folder / WRITTEN_RECORD).write_text(json.dumps(record, indent=1, sort_keys=True), encoding="utf-8")
    return written


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _read_record(folder: Path) -> dict[str, str]:
    """`.written.json` of `folder` (empty when there is none or it cannot be read)."""
    try:
        record = json.loads((folder / WRITTEN_RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in record.items()} if isinstance(record, dict) else {}


def edited_by_hand(path: Path, record: dict[str, str]) -> bool:
    """Whether the sheet at `path` was changed since the workbook wrote it: its content
    differs from the recorded digest, or (no digest recorded) it has a mark in `correct` or
    `fix`."""
    if not path.is_file():
        return False
    if path.name in record:
        return _digest(path) != record[path.name]
    try:
        cells = read_csv_cells(path)
    except (OSError, ValueError, csv.Error):
        return True
    marks = [c for c in ("correct", "fix") if c in cells.columns]
    return bool(marks) and bool((cells[marks].apply(lambda col: col.str.strip()) != "").any().any())


def _write_sheet(frame: pd.DataFrame, folder: Path, schema: tables.Schema, record: dict[str, str]) -> Path:
    """Write one sheet, or `<name>.new.csv` when the analyst edited the sheet in place."""
    if edited_by_hand(folder / schema.file, record):
        stem = schema.file.removesuffix(".csv")
        return tables.write_table(frame, folder, dataclasses.replace(schema, file=stem + NEW_SUFFIX), parquet=False)
    path = tables.write_table(frame, folder, schema, parquet=False)
    record[schema.file] = _digest(path)
    return path


def sample_folder(derived: Path) -> Path:
    """Where the sample sheets go in the tables folder `derived`."""
    return derived / SAMPLE_FOLDER


def shown_files(files: Sequence[Path]) -> str:
    """The files' names, and their folder once, as a reader should see them; a
    `<name>.new.csv` says that the sheet edited in place was kept."""
    if not files:
        return ""
    return f"{paths.shown(files[0].parent)}/: " + ", ".join(
        f"{p.name} (the edited {p.name.removesuffix(NEW_SUFFIX)}.csv is kept)" if p.name.endswith(NEW_SUFFIX)
        else p.name for p in files)

