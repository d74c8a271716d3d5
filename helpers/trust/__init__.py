"""How far to trust the workbook (notebook 06): its accuracy measured on the analyst's own
articles, and on public gold data.

**The gold sample.** An analyst checks a sample of their corpus and saves it to a folder
`gold/` at the top of the corpus folder (the corpus loader leaves it out of the articles), or
to `data/gold/<corpus folder name>/` in the checkout to keep the corpus folder as received,
or anywhere `WORKBOOK_GOLD` names (`cfg.gold_folder`):

| file | columns | value |
|---|---|---|
| `entities.csv` | `doc_id, start, end, text, type` | PERSON, ORG, PLACE (countries, cities, regions, sites) or GROUP (nationalities, religious and political groups) |
| `dates.csv` | `doc_id, start, end, text, value` | the TIMEX3 value, as in `timexes.csv` (`2018-09-03`, `2018-W35`, `2018-06`, `P7Y`, `PRESENT_REF`, `XXXX-09-07`) |
| `places.csv` | `doc_id, start, end, text, name, country_code, lat, lon` | the place's name (alternatives joined by ` | `), its ISO country code (empty for a region in no one country), optionally its point |
| `quotes.csv` | `doc_id, start, end, text, speaker` | whose words they are (alternatives a reader would accept joined by ` | `; empty when nobody can be named) |
| `articles.csv` (optional) | `doc_id` | the articles checked, so an article with no item still counts |

`start:end` are offsets into the article's text exactly as loaded
(`helpers.corpus.load_corpus(folder).articles[i].text`) and `text` is that slice; a row whose
text does not fit is reported, not used. Files are UTF-8 CSV as a spreadsheet saves them.
`data/gold/seeds/` is the seeds' gold, written by reading the three articles (its
`README.md` says what was counted and the judgement calls).

**The sample sheets** (`sample`): 10-20 articles chosen at random with a fixed seed (every
article of a smaller corpus), and per stage the system's items in them with the sentence
and empty `correct` and `fix` columns, written to `<tables>/gold-sample/` with the
instructions. A corrected sheet saved to `gold/` is a gold file: `correct` and `fix` are
applied (a `correct` mark neither yes nor no is reported, its row not used), a row added
without offsets is put at its text's first occurrence that overlaps no other row, and a
sheet edited in place in `gold-sample/` is kept (the new one is written as `<name>.new.csv`).

**The scoring** (`score`): per stage, one-to-one matching of overlapping spans, agreeing
pairs first; precision, recall and F1 where a match counts only when its value is right
(entity type, date value, place country and name, quote speaker), and a second figure per
stage (exact-span F1, extraction F1, toponyms found, quote span F1 and speaker accuracy).
Every error is listed with its sentence: `wrong type` / `wrong value` / `wrong place` /
`wrong speaker` / `no speaker`, `missed`, `spurious`.

**What it writes** to the tables folder: `accuracy.csv` (`stage, metric, value, n, source`),
the gold's figures (`source` `gold: ...`) and the public ones (`bench: ...`, from
`bench/results/*.json` in the checkout, with their anchors: `published`), and per stage the
sheet rows nobody marked, scored as right (metric `unchecked_rows`, only when there are any,
and `(N rows unchecked)` on the index line); and
`accuracy_errors.csv` (every error: `stage, doc_id, start, end, text, error, gold, system,
sentence`; no row without gold). `index_summary(cfg)` gives one `StageTrust` line per stage
for the reports' index page, from `accuracy.csv` (or the public figures before notebook 06 ran).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .. import corpus as corpus_mod
from .. import tables
from ..settings import Settings
from .gold import ENTITY_TYPES, GOLD_FOLDER, STAGES, GoldProblem, GoldSet, read_gold  # noqa: F401
from .published import PublishedFigure, published_figures, published_frame  # noqa: F401
from .sample import (  # noqa: F401
    INSTRUCTIONS,
    SAMPLE_SEED,
    SAMPLE_SIZE,
    choose_sample,
    sample_folder,
    shown_files,
    write_sample_sheets,
)
from .score import (  # noqa: F401
    ERRORS,
    StageScore,
    all_errors,
    metrics_frame,
    score_gold,
    score_stage,
)
from .summary import (  # noqa: F401
    StageTrust,
    accuracy_frame,
    cautions,
    index_summary,
    read_accuracy,
    write_accuracy,
)
from .system import SystemItems, items_from_frames, system_items  # noqa: F401


@dataclass
class Assessment:
    """Everything notebook 06 shows: the sample, the gold and its scores, the public figures."""

    sample: list[str]
    sample_files: list[Path]
    gold: GoldSet | None
    scores: dict[str, StageScore]
    figures: list[PublishedFigure]
    accuracy: pd.DataFrame
    accuracy_file: Path
    errors: pd.DataFrame
    """Every error of every stage scored (`accuracy_errors.csv`), stage by stage."""

    def problems(self) -> pd.DataFrame:
        """The gold rows that could not be used, and why."""
        rows = [(p.file, p.row, p.problem) for p in (self.gold.problems if self.gold else [])]
        return pd.DataFrame(rows, columns=["file", "line", "problem"])

    def scores_table(self) -> pd.DataFrame:
        """The gold's figures, one row per stage: items, precision, recall, F1 and the second figures."""
        frame = metrics_frame(self.scores)
        if frame.empty:
            return frame
        wide = frame.pivot(index="stage", columns="metric", values="value").reindex(
            [s for s in STAGES if s in self.scores])
        wide.insert(0, "system items", [self.scores[s].n_system for s in wide.index])
        wide.insert(0, "gold items", [self.scores[s].n_gold for s in wide.index])
        first = ["gold items", "system items", "precision", "recall", "f1"]
        wide = wide[first + [c for c in wide.columns if c not in first]]
        return wide.round(3).reset_index()


def assess(cfg: Settings, corpus: corpus_mod.Corpus, size: int = SAMPLE_SIZE, seed: int = SAMPLE_SEED) -> Assessment:
    """Run notebook 06's work: the system's items (from the cached stages), the sample sheets
    for `size` articles chosen with `seed`, the gold sample of `cfg.gold_folder` scored (when
    there is one), the public figures, and `accuracy.csv` and `accuracy_errors.csv` written."""
    items = system_items(cfg, corpus)
    texts = {a.doc_id: a.text for a in corpus.articles}
    sample = choose_sample(sorted(texts), size, seed)
    files = write_sample_sheets(sample_folder(cfg.derived), corpus, items, sample)
    gold = read_gold(cfg.gold_folder, texts, cfg.day_first)
    scores = score_gold(gold, items) if gold is not None else {}
    figures = published_figures()
    accuracy = accuracy_frame(scores, gold, figures)
    errors = all_errors(scores)
    tables.write_table(errors, cfg.derived, ERRORS)
    return Assessment(sample, files, gold, scores, figures, accuracy, write_accuracy(cfg.derived, accuracy), errors)
