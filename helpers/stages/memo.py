"""Each article's result of a stage's per-article work, kept on disk: a corpus with ten new
articles reruns that work for those ten only.

A stage's tables are rebuilt whenever one article of the corpus changes (their fingerprint
covers every article: `cache.fingerprint`), because the corpus-wide steps (merging entities,
grouping events, comparing outlets) read them all. The per-article work under them (cleaning
an article's tagger spans, dating it, finding its time expressions, its quotes and claims)
reads only that article and a few rows about it, so its result is kept per article
(`ArticleMemo`) and read back when the same inputs come again: `remembered` runs a stage's
per-article work for the articles it has no result for, in batches across the workers
(`executor`), and keeps what they give (the entity stage, whose per-article work follows the
parse as it streams, reads and keeps its results itself).

An article's result is one JSON file, named by the hash of everything it is made from:

- the code, packages and pipeline of the stage and of the stages it builds on
  (`cache.code_fingerprint`: the folder of the stage's memo, so editing the code starts an
  empty one and the old folders are removed);
- the article's own inputs, as the stage gives them to `article_key`: its text, its metadata
  row, what its work reads of the tables under it (its sentences; the offsets and types of its
  PERSON/ORG mentions, not their corpus-wide entity ids), and any corpus-wide value its result
  depends on (the corpus's publication dates, for an undated article).

An article the work raised on is not kept: it is tried again on the next run. The results are
JSON, never pickle, so a cache folder copied from a colleague cannot run code; a file that is
not a result (cut short, or of another format) counts as missing.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TypeVar

from .. import tables
from ..settings import Settings
from . import executor, record
from .cache import Stage, code_fingerprint

FORMAT_VERSION = 1
"""Bump when a kept result changes shape; older results are then ignored."""
KEPT_VERSIONS = 3
"""How many versions of a stage's memo are kept on disk (the current one and the two used last)."""
MEMO_FOLDER = "articles"
"""The memos' folder in the cache folder (`cfg.cache`), one subfolder per stage."""


def _json_default(value: Any) -> Any:
    """numpy scalars (a frame's cells) as the Python numbers they hold."""
    if hasattr(value, "item"):
        return value.item()
    raise TypeError(f"{type(value).__name__} is not kept in an article's result")


def article_key(*parts: object) -> str:
    """The hash of an article's inputs (JSON-able values: its text, its rows, ...), in order."""
    h = hashlib.sha256()
    for part in parts:
        h.update(json.dumps(part, sort_keys=True, default=_json_default).encode("ascii"))
        h.update(b"\0")
    return h.hexdigest()


@dataclass(frozen=True)
class ArticleMemo:
    """One stage's per-article results for one version of its code, in `folder`."""

    folder: Path

    @classmethod
    def of(cls, stage: Stage, cfg: Settings) -> ArticleMemo:
        """The memo of `stage` for the code, packages and pipeline `cfg` runs now. Of the
        stage's memos for other versions (other code, another pipeline or aliases file), the
        `KEPT_VERSIONS - 1` used last are kept and the older ones removed: they are read again
        only by going back to that version, which then rebuilds them."""
        home = cfg.cache / MEMO_FOLDER / stage.name
        folder = home / f"{code_fingerprint(stage, cfg)[:32]}-v{FORMAT_VERSION}"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            os.utime(folder)  # used now: the last to be removed
            others = sorted((p for p in home.iterdir() if p.is_dir() and p != folder),
                            key=lambda p: p.stat().st_mtime, reverse=True)
        except OSError:
            return cls(folder)
        for old in others[KEPT_VERSIONS - 1:]:
            shutil.rmtree(old, ignore_errors=True)
        return cls(folder)

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str, tables: tuple[str, ...] = ()) -> dict[str, Any] | None:
        """The result kept under `key`, or None (none kept, or not readable as a result with a
        list of rows for each of `tables`)."""
        try:
            data = json.loads(self.path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        result = data.get("result") if isinstance(data, dict) and data.get("v") == FORMAT_VERSION else None
        if not isinstance(result, dict) or not all(isinstance(result.get(t), list) for t in tables):
            return None
        return result

    def get_many(self, keys: Mapping[str, str], tables: tuple[str, ...] = ()) -> dict[str, dict[str, Any]]:
        """The results kept for the articles of `keys` (doc_id → key), by doc_id, each with a list
        of rows for each of `tables`; the articles with none are left out."""
        found = {}
        for doc_id, key in keys.items():
            result = self.get(key, tables)
            if result is not None:
                found[doc_id] = result
        return found

    def put(self, key: str, result: Mapping[str, Any]) -> None:
        """Keep `result` (JSON-able: rows as dicts of str, int, float, bool, None) under `key`,
        atomically: a crash never leaves half a file. A result that cannot be kept (a cache
        folder that cannot be written to, a value JSON cannot hold) is not an error: it is
        simply not kept, and made again on the next run."""
        path = self.path(key)
        tmp = None
        try:
            text = json.dumps({"v": FORMAT_VERSION, "result": result}, default=_json_default, separators=(",", ":"))
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(text)
            os.replace(tmp, path)
            tmp = None
        except (OSError, TypeError, ValueError):
            return
        finally:
            if tmp is not None:
                Path(tmp).unlink(missing_ok=True)


class BatchResult(Protocol):
    """What a stage's per-article function returns for a batch: the articles it left out, and
    each other article's rows (`by_article`)."""

    problems: list[tables.StageProblem]

    def by_article(self) -> Iterator[tuple[str, dict[str, list[dict[str, object]]]]]: ...


B = TypeVar("B")
Rows = dict[str, list[dict[str, object]]]
"""One article's result: its rows, by table."""


def remembered(stage: Stage, cfg: Settings, keys: Mapping[str, str], tables_: tuple[str, ...],
               batch_input: Callable[[list[str]], B], work: Callable[[B], BatchResult],
               problems: tables.ArticleProblems, refresh: bool = False) -> dict[str, Rows]:
    """Each article's result of `stage`'s per-article work, by doc_id: read back from the
    stage's memo for the articles of `keys` (doc_id → `article_key`) kept under their key,
    made for the others batch by batch (`work(batch_input(doc_ids))`, across `cfg`'s workers,
    `executor`) and kept; with `refresh`, made for every article. The articles a batch raised
    on go to `problems` and have no result. The call's counts go to the stage's record."""
    memo = ArticleMemo.of(stage, cfg)
    results: dict[str, Rows] = {} if refresh else memo.get_many(keys, tables_)
    todo = [d for d in sorted(keys) if d not in results]
    record.note_articles(stage.name, len(todo), len(results))
    inputs = (batch_input(batch) for batch in executor.split(todo, cfg))
    for result in executor.map_batches(work, inputs, cfg, len(todo)):
        problems.rows.extend(result.problems)
        for doc_id, rows in result.by_article():
            results[doc_id] = rows
            memo.put(keys[doc_id], rows)
    return results
