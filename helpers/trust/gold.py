"""The analyst's gold sample: the CSV files of the gold folder, read and checked.

The gold folder is `cfg.gold_folder` (`helpers.settings`): `WORKBOOK_GOLD` when set, else
`gold/` at the top of the corpus folder (never read as articles), else
`data/gold/<corpus folder name>/` in the checkout, for a corpus kept exactly as received
(the seeds' gold sample is `data/gold/seeds/`).

One file per stage (`STAGE_FILES`); each row is one item a careful reader found in an
article: `doc_id, start, end, text`, then the stage's value (`VALUE_COLUMNS`). `start:end`
are character offsets into the article's text exactly as the workbook loads it
(`helpers.corpus.load_corpus(folder).articles[i].text`), and `text` is that slice.

A sample sheet (`helpers.trust.sample`) saved to `gold/` as it is, after correction, is a
gold file too: its `sentence` column is ignored, `correct` and `fix` are applied
(`apply_marks`; `correct` is read by `mark_of`: yes, y, ok, right, correct, true, 1, ✓ or
no, n, wrong, incorrect, false, 0, x, ✗, whatever the case and the punctuation around it;
any other mark is a problem). A row added by hand may leave `start` and `end` empty: it is
put at the first occurrence of its `text` in the article that overlaps no other row of the
file (add missing items in reading order). Two rows of the same span count once. A date
value a spreadsheet rewrote (`03/09/2018`, `Jun-18`) is read back to ISO when that is sure
(`sheet_date`). Every row that cannot be used is reported as a `GoldProblem`, never
silently dropped.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .. import paths, tables
from ..corpus import read_metadata_date
from ..text.english import MONTHS

GOLD_FOLDER = paths.GOLD_FOLDER
"""The gold sample's folder name, at the top of the corpus folder (or under `data/`)."""
STAGES: tuple[str, ...] = ("entities", "dates", "places", "quotes")
"""The stages scored, in the order of the notebooks."""
STAGE_FILES: dict[str, str] = {stage: f"{stage}.csv" for stage in STAGES}
ARTICLES_FILE = "articles.csv"
"""Optional: the doc_ids checked (an article with no item in any stage is still scored)."""
SPAN_COLUMNS: tuple[str, ...] = ("doc_id", "start", "end", "text")
VALUE_COLUMNS: dict[str, tuple[str, ...]] = dict(
    entities=("type",), dates=("value",), places=("name", "country_code", "lat", "lon"), quotes=("speaker",))
"""Each stage's value columns, after the span columns. Places' `lat` and `lon` may be left
empty or left out."""
OPTIONAL_COLUMNS: dict[str, tuple[str, ...]] = dict(places=("lat", "lon"))
MARK_COLUMNS: tuple[str, ...] = ("correct", "fix")
"""The sample sheet's columns an analyst fills in."""
ENTITY_TYPES: tuple[str, ...] = ("PERSON", "ORG", "PLACE", "GROUP")
"""The entity types of the gold: people, organisations, places (countries, cities, regions,
sites) and groups (nationalities, religious and political groups: `Syrian`, `Shia`)."""
ALTERNATIVES = " | "
"""Separates the names a quote's speaker or a place may rightly be given (`Zarif | Iran's
foreign minister`): any one of them counts as right."""

YES_MARK = re.compile(r"yes|y|ok|okay|right|correct|true|1|✓|✔|☑")
"""What `correct` may say for a right row, once stripped of spaces and punctuation at its
ends and casefolded (`Yes.`, ` OK `, `✓`)."""
NO_MARK = re.compile(r"no|n|wrong|incorrect|false|0|x|✗|✘|☒")
"""What `correct` may say for a wrong row, normalised the same way (`No.`, `incorrect`, `✗`,
`x`). Any other mark (`?`, `maybe`, `-`) is reported and its row not used."""
_SHEET_DAY = re.compile(r"(\d{1,2})([/.\-])(\d{1,2})\2(\d{4})")
"""A day as a spreadsheet rewrites an ISO date when it saves a CSV: `03/09/2018`, `9/3/2018`, `03.09.2018`."""
_SHEET_MONTH = re.compile(r"([A-Za-z]{3,9})[\- ](\d{2}|\d{4})")
"""A month as a spreadsheet rewrites `2018-06`: `Jun-18`, `Jun-2018`."""


@dataclass(frozen=True)
class GoldProblem:
    """A gold row, or a gold file, the scoring could not use as it is."""

    file: str
    row: int
    """The row's line in the file (the header is line 1); 0 for the whole file."""
    problem: str


@dataclass
class GoldSet:
    """The gold sample of one corpus: a frame per stage (span and value columns, offsets as
    integers), the articles it covers, and what could not be used."""

    folder: Path
    frames: dict[str, pd.DataFrame]
    articles: list[str]
    problems: list[GoldProblem] = field(default_factory=list)
    unchecked: dict[str, int] = field(default_factory=dict)
    """Rows of a sample sheet with nothing in `correct`, by stage: taken as right."""

    @property
    def stages(self) -> list[str]:
        """The stages that have a gold file, in notebook order."""
        return [s for s in STAGES if s in self.frames]

    def describe(self) -> str:
        """`3 articles in data/gold/seeds`."""
        n = len(self.articles)
        return f"{n} article{'s' if n != 1 else ''} in {paths.shown(self.folder)}"


def columns_of(stage: str) -> list[str]:
    """A gold file's columns for `stage`, in order."""
    return [*SPAN_COLUMNS, *VALUE_COLUMNS[stage]]


def gold_schema(stage: str) -> tables.Schema:
    """The schema a gold file of `stage` is written with (every column text but the offsets
    and coordinates), so that `tables.write_table` makes it safe in a spreadsheet."""
    kinds = {c: tables.STR for c in columns_of(stage)}
    kinds.update(start=tables.INT, end=tables.INT)
    if stage == "places":
        kinds.update(lat=tables.OPT_FLOAT, lon=tables.OPT_FLOAT)
    return tables.Schema(STAGE_FILES[stage], kinds, doc=f"Gold sample: the {stage} a careful reader found.")


def read_csv_cells(path: Path) -> pd.DataFrame:
    """A CSV as a spreadsheet saves it (BOM, `,` `;` or tab, CRLF) as text cells, apostrophes
    that made a cell safe in a spreadsheet taken off (`tables.restore_cell`)."""
    raw = path.read_text(encoding="utf-8-sig")
    first = raw.split("\n", 1)[0]
    sep = max((",", ";", "\t"), key=first.count)
    frame = pd.read_csv(io.StringIO(raw), sep=sep, dtype=str, keep_default_na=False, quoting=csv.QUOTE_MINIMAL)
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    return frame.apply(lambda col: col.map(tables.restore_cell))


def read_gold(folder: Path, texts: Mapping[str, str], day_first: bool | None = None) -> GoldSet | None:
    """The gold sample in `folder` (`cfg.gold_folder`), checked against the articles' `texts`
    (by doc_id); None when there is no such folder. `day_first` (`cfg.day_first`) reads a
    date value a spreadsheet rewrote as `03/09/2018` when its `text` does not decide
    (`sheet_date`); None reports such a value instead."""
    if not folder.is_dir():
        return None
    gold = GoldSet(folder=folder, frames={}, articles=[])
    for stage in STAGES:
        path = folder / STAGE_FILES[stage]
        if path.is_file():
            frame = _read_stage(path, stage, texts, gold, day_first)
            if frame is not None:
                gold.frames[stage] = frame
    gold.articles = _gold_articles(folder, gold, texts)
    return gold


def _read_stage(path: Path, stage: str, texts: Mapping[str, str], gold: GoldSet,
                day_first: bool | None = None) -> pd.DataFrame | None:
    """One stage's gold file as a clean frame, its problems added to `gold`."""
    name = path.name
    try:
        frame = read_csv_cells(path)
    except (OSError, ValueError, csv.Error) as exc:
        gold.problems.append(GoldProblem(name, 0, f"could not be read: {exc}"))
        return None
    missing = [c for c in columns_of(stage) if c not in frame.columns and c not in OPTIONAL_COLUMNS.get(stage, ())]
    if missing:
        gold.problems.append(GoldProblem(name, 0, f"no column {', '.join(missing)} (columns: "
                                         f"{', '.join(columns_of(stage))})"))
        return None
    for c in OPTIONAL_COLUMNS.get(stage, ()):
        if c not in frame.columns:
            frame[c] = ""
    frame["_line"] = range(2, len(frame) + 2)
    marked = apply_marks(frame, stage)
    frame = marked.frame
    gold.problems += [GoldProblem(name, line, f"correct says {mark!r}, neither yes nor no (yes, y, ok, right, "
                                  "correct, true, 1, ✓ / no, n, wrong, incorrect, false, 0, x, ✗): row not used")
                      for line, mark in marked.unreadable]
    if marked.unchecked:
        gold.unchecked[stage] = marked.unchecked
    rows = [r for r in (_checked_row(row, name, stage, texts, gold, day_first) for row in frame.to_dict("records"))
            if r]
    rows = _place_unplaced(rows, name, texts, gold)
    out = pd.DataFrame(rows, columns=[*columns_of(stage), "_line"]).drop(columns="_line")
    out[["start", "end"]] = out[["start", "end"]].astype("int64")
    if stage == "places":
        out[["lat", "lon"]] = out[["lat", "lon"]].apply(pd.to_numeric, errors="coerce")
    return out.sort_values(["doc_id", "start", "end"], kind="stable").reset_index(drop=True)


@dataclass
class MarkedRows:
    """A sheet's rows once its `correct` and `fix` are applied."""

    frame: pd.DataFrame
    unchecked: int
    """System rows (with offsets) with nothing in `correct` or `fix`: kept, taken as right."""
    unreadable: list[tuple[int, str]] = field(default_factory=list)
    """(line, mark) of the rows whose `correct` is neither yes nor no: not used."""


def mark_of(cell: object) -> str | None:
    """`yes`, `no`, `` (nothing written) or None (a mark that is neither) for a `correct`
    cell: spaces and punctuation at its ends are taken off and case is ignored (`YES_MARK`,
    `NO_MARK`)."""
    raw = str(cell or "").strip()
    if not raw:
        return ""
    word = raw
    while word and (word[0].isspace() or unicodedata.category(word[0]).startswith("P")):
        word = word[1:]
    while word and (word[-1].isspace() or unicodedata.category(word[-1]).startswith("P")):
        word = word[:-1]
    word = word.casefold()
    if YES_MARK.fullmatch(word):
        return "yes"
    if NO_MARK.fullmatch(word):
        return "no"
    return None


def apply_marks(frame: pd.DataFrame, stage: str) -> MarkedRows:
    """A sample sheet's rows as gold (`mark_of` reads `correct`): a row marked no with an
    empty `fix` is dropped (the system's item is not one); a `fix` replaces the row's value
    (places: `SY` or `SY Idlib`, the country code and optionally the name); a row whose
    `correct` is neither yes nor no is left out and listed in `unreadable`; a system row
    with nothing in `correct` or `fix` is kept as it is, and counted as unchecked (a row
    the analyst added, without offsets, is theirs, so checked). A frame without the
    columns is returned unchanged."""
    if "correct" not in frame.columns:
        return MarkedRows(frame, 0)
    fix = (frame["fix"] if "fix" in frame.columns else pd.Series("", index=frame.index)).fillna("").str.strip()
    marks = frame["correct"].fillna("").map(mark_of)
    unreadable = marks.isna()
    lines = frame["_line"] if "_line" in frame.columns else pd.Series(frame.index + 2, index=frame.index)
    bad = [(int(lines[i]), str(frame.at[i, "correct"]).strip()) for i in frame.index[unreadable]]
    starts = frame["start"] if "start" in frame.columns else pd.Series("", index=frame.index)
    from_system = starts.fillna("").astype(str).str.strip() != ""
    unchecked = int(((marks == "") & (fix == "") & from_system).sum())
    keep = ~unreadable & ~((marks == "no") & (fix == ""))
    out = frame[keep].copy()
    for i, value in fix[keep].items():
        if value:
            _apply_fix(out, i, stage, value)
    return MarkedRows(out, unchecked, bad)


def _apply_fix(frame: pd.DataFrame, index: object, stage: str, value: str) -> None:
    """Write an analyst's `fix` into the value column(s) of one row."""
    if stage == "places":
        code, _, name = value.partition(" ")
        frame.at[index, "country_code"] = code.upper() if code != "-" else ""
        if name.strip():
            frame.at[index, "name"] = name.strip()
        frame.at[index, "lat"] = frame.at[index, "lon"] = ""
    else:
        frame.at[index, VALUE_COLUMNS[stage][0]] = value.upper() if stage == "entities" else value


def _checked_row(row: dict, file: str, stage: str, texts: Mapping[str, str], gold: GoldSet,
                 day_first: bool | None = None) -> dict | None:
    """The row with integer offsets (and a date value a spreadsheet rewrote read back to
    ISO) when it fits its article, else None and a problem."""
    line = int(row["_line"])
    doc_id, text = str(row["doc_id"]).strip(), str(row["text"])
    if doc_id not in texts:
        gold.problems.append(GoldProblem(file, line, f"no article {doc_id!r} in the corpus"))
        return None
    if stage == "entities" and str(row["type"]).strip().upper() not in ENTITY_TYPES:
        gold.problems.append(GoldProblem(file, line, f"type {row['type']!r} is not one of {', '.join(ENTITY_TYPES)}"))
        return None
    row = {**row, "doc_id": doc_id}
    if stage == "dates":
        value, problem = sheet_date(str(row["value"]).strip(), text, day_first)
        if problem:
            gold.problems.append(GoldProblem(file, line, problem))
            return None
        row["value"] = value
    if stage == "entities":
        row["type"] = str(row["type"]).strip().upper()
    start, end = str(row["start"]).strip(), str(row["end"]).strip()
    if not start:
        row["start"] = row["end"] = None  # placed later, at the text's first free occurrence
        return row
    try:
        row["start"] = int(float(start))
        row["end"] = int(float(end)) if end else row["start"] + len(text)
    except ValueError:
        gold.problems.append(GoldProblem(file, line, f"offsets {start!r}, {end!r} are not numbers"))
        return None
    found = texts[doc_id][row["start"]:row["end"]]
    if found != text:
        gold.problems.append(GoldProblem(file, line, f"the article has {found!r} at {row['start']}:{row['end']}, "
                                         f"not {text!r}"))
        return None
    return row


def _place_unplaced(rows: list[dict], file: str, texts: Mapping[str, str], gold: GoldSet) -> list[dict]:
    """The rows with offsets, each span once (a duplicate is reported), then the rows
    without offsets, each put at the first occurrence of its text that overlaps no other
    row of the file (in file order)."""
    out: list[dict] = []
    seen: dict[tuple[str, int, int], int] = {}
    held: dict[str, list[tuple[int, int]]] = {}
    for row in (r for r in rows if r["start"] is not None):
        key = (row["doc_id"], row["start"], row["end"])
        if key in seen:
            gold.problems.append(GoldProblem(file, int(row["_line"]), f"the same span as line {seen[key]} "
                                             f"({row['text']!r} at {row['start']}:{row['end']}): used once"))
            continue
        seen[key] = int(row["_line"])
        held.setdefault(row["doc_id"], []).append((row["start"], row["end"]))
        out.append(row)
    for row in (r for r in rows if r["start"] is None):
        spans = held.setdefault(row["doc_id"], [])
        span = _free_occurrence(texts[row["doc_id"]], row["text"], spans)
        if span is None:
            gold.problems.append(GoldProblem(file, int(row["_line"]), f"{row['text']!r} is not in the article "
                                             "(or every occurrence overlaps another row)"))
            continue
        spans.append(span)
        out.append({**row, "start": span[0], "end": span[1]})
    return out


def _free_occurrence(text: str, needle: str, held: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The first occurrence of `needle` in `text` that overlaps none of the `held` spans."""
    if not needle:
        return None
    at = text.find(needle)
    while at >= 0:
        end = at + len(needle)
        if not any(s < end and at < e for s, e in held):
            return at, end
        at = text.find(needle, at + 1)
    return None


def _months_named(text: str) -> set[int]:
    """The months a date's text names (`3 September`, `Sept. 3`: {9}); a capital is needed."""
    return {MONTHS[w.lower()] for w in re.findall(r"[A-Za-z]+", text) if w[0].isupper() and w.lower() in MONTHS}


def sheet_date(value: str, text: str, day_first: bool | None) -> tuple[str, str]:
    """A date value as a spreadsheet may have saved it, read back: `(value, "")`, or `("",
    problem)` when it cannot be read back surely. `Jun-18` is `2018-06`; `03/09/2018` is
    2018-09-03 or 2018-03-09: the only real date of the two, else the one whose month the
    row's `text` names, else day-first or month-first as `day_first` says (None: a problem).
    Any other value (`2018-09-03`, `2018-W35`, `P7Y`) is returned as it is."""
    month = _SHEET_MONTH.fullmatch(value)
    if month and month[1].lower() in MONTHS:
        year = int(month[2]) if len(month[2]) == 4 else 2000 + int(month[2]) if int(month[2]) < 30 \
            else 1900 + int(month[2])
        return f"{year:04d}-{MONTHS[month[1].lower()]:02d}", ""
    day = _SHEET_DAY.fullmatch(value)
    if not day:
        return value, ""
    first = read_metadata_date(value, day_first=True)  # and the month-first reading, when it differs
    real = {d for d in (first.value, first.other) if d is not None}
    months = _months_named(text)
    named = {d for d in real if d.month in months}
    if len(real) == 1 or len(named) == 1:
        return (real if len(real) == 1 else named).pop().isoformat(), ""
    if real and not months and day_first is not None:
        return str(read_metadata_date(value, day_first=day_first).value), ""
    why = ("it is no date" if not real else f"the text {text!r} names neither month" if months
           else "day and month could be either way round and no day-first setting is given")
    return "", (f"value {value!r} looks like a date a spreadsheet rewrote, but {why}: write it as ISO "
                "(2018-09-03), keeping the column as text")


def _gold_articles(folder: Path, gold: GoldSet, texts: Mapping[str, str]) -> list[str]:
    """The articles the gold covers: `articles.csv`'s doc_ids, else every doc_id with a row."""
    path = folder / ARTICLES_FILE
    if path.is_file():
        try:
            listed = read_csv_cells(path)
        except (OSError, ValueError, csv.Error) as exc:
            gold.problems.append(GoldProblem(ARTICLES_FILE, 0, f"could not be read: {exc}"))
            listed = pd.DataFrame()
        if "doc_id" in listed.columns:
            ids = [d.strip() for d in listed["doc_id"] if d.strip()]
            for d in ids:
                if d not in texts:
                    gold.problems.append(GoldProblem(ARTICLES_FILE, 0, f"no article {d!r} in the corpus"))
            return sorted({d for d in ids if d in texts} | _with_rows(gold))
    return sorted(_with_rows(gold))


def _with_rows(gold: GoldSet) -> set[str]:
    return {d for frame in gold.frames.values() for d in frame["doc_id"]}
