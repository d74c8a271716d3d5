"""What each stage call did: rebuilt its tables or read them back, in how many seconds, and
whether the spaCy model was loaded for it.

Every call of a stage function (`stages.entities(cfg)`, `stages.places(cfg)`, ...) leaves one
`StageRun`, kept in three places:

- this process's log, `run_log()`;
- every `recording()` block open during the call (`with stages.recording() as log: ...`,
  then `print(log.summary())`: one line for a notebook);
- one JSON line in `stage-runs.jsonl` in the cache folder (`cfg.cache`), so a run in a
  notebook kernel can be read from outside it (`read_run_log(cfg)`). The file only grows;
  deleting it loses nothing but the record.

A stage that reads another's tables calls it (the places stage calls `entities(cfg)`): that
call is recorded too, with `caller` naming the stage that made it. Each model load is counted
in the innermost stage call during which it happened, so the loads of a log add up to the
loads of the run. A stage is `rebuilt` when it wrote its tables (`cache.write_cached`),
`from cache` when it read them back. The state here (the calls under way, the open logs)
belongs to the one thread that runs the stages, as in a notebook kernel.
"""

from __future__ import annotations

import functools
import json
import os
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from ..annotation.pipeline import MODEL_LOADS, ModelLoad
from ..settings import Settings

REBUILT = "rebuilt"
"""Outcome of a stage call that built its tables and wrote them to the tables folder."""
FROM_CACHE = "from cache"
"""Outcome of a stage call that read its tables back from the tables folder."""
RUN_LOG_FILE = "stage-runs.jsonl"
"""The file, in the cache folder (`cfg.cache`), with one line per stage call."""

PROCESS = f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
"""This process's name in the records (its pid and a random suffix): the lines one notebook
kernel wrote are those with its `process`."""


@dataclass(frozen=True)
class StageRun:
    """One call of a stage function."""

    stage: str
    """The stage's name (`entities`, `timeline`, `places`, `sources`)."""
    outcome: str
    """`REBUILT` or `FROM_CACHE`."""
    seconds: float
    """Wall-clock time of the call, the stages it called included."""
    model_loads: tuple[ModelLoad, ...] = ()
    """The spaCy pipeline loads during the call, outside the stages it called."""
    caller: str = ""
    """The stage that made this call, or "" when it was called directly (from a notebook)."""
    process: str = PROCESS
    finished: str = ""
    """When the call returned (ISO 8601, UTC)."""
    articles_run: int = 0
    """Articles whose per-article work ran in the call (new or changed since they were kept)."""
    articles_reused: int = 0
    """Articles whose per-article result was read back from the stage's memo (`memo`)."""

    @property
    def rebuilt(self) -> bool:
        """Whether the stage built its tables (rather than reading them back)."""
        return self.outcome == REBUILT

    def to_json(self) -> dict[str, Any]:
        """The record as one JSON object (a line of `stage-runs.jsonl`)."""
        return {**asdict(self), "model_loads": [asdict(m) for m in self.model_loads]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> StageRun:
        """The record of one line of `stage-runs.jsonl` (fields it does not know are left out)."""
        known = {f.name for f in fields(cls)}
        loads = tuple(ModelLoad(name=m["name"], version=m["version"], seconds=m["seconds"])
                      for m in data.get("model_loads", ()))
        return cls(**{k: v for k, v in data.items() if k in known and k != "model_loads"}, model_loads=loads)

    def line(self) -> str:
        """`timeline rebuilt in 0.09 s (1 article run, 200 reused)`, for a person."""
        line = f"{self.stage} {self.outcome} in {self.seconds:.2f} s"
        if self.articles_reused:
            run = f"{self.articles_run} article{'s' if self.articles_run != 1 else ''} run"
            line += f" ({run}, {self.articles_reused} reused)"
        return line


@dataclass
class RunLog:
    """Stage calls, in the order they returned (a called stage before its caller)."""

    runs: list[StageRun] = field(default_factory=list)

    def rebuilt(self) -> set[str]:
        """The stages that built their tables at least once."""
        return {r.stage for r in self.runs if r.rebuilt}

    def from_cache(self) -> set[str]:
        """The stages whose tables were read back at least once."""
        return {r.stage for r in self.runs if not r.rebuilt}

    def model_loads(self) -> list[ModelLoad]:
        """Every spaCy pipeline load during these calls."""
        return [m for r in self.runs for m in r.model_loads]

    def of_process(self, process: str) -> RunLog:
        """The calls one process made (one notebook kernel, one `make report` step)."""
        return RunLog([r for r in self.runs if r.process == process])

    def summary(self) -> str:
        """One line: each stage called directly and what it did, and the model loads."""
        direct = [r.line() for r in self.runs if not r.caller] or ["no stage was called"]
        loads = self.model_loads()
        if not loads:
            model = "the spaCy model was not loaded"
        else:
            times = "once" if len(loads) == 1 else f"{len(loads)} times"
            model = f"the spaCy model was loaded {times} ({sum(m.seconds for m in loads):.1f} s)"
        return "; ".join([", ".join(direct), model])


@dataclass
class _Call:
    """A stage call under way."""

    stage: str
    caller: str
    first_load: int
    """`len(MODEL_LOADS)` when the call began."""
    start: float = field(default_factory=time.perf_counter)
    rebuilt: bool = False
    nested_loads: set[int] = field(default_factory=set)
    """Indices into `MODEL_LOADS` of the loads the stages it called have counted."""
    articles_run: int = 0
    articles_reused: int = 0


_PROCESS_LOG = RunLog()
"""Every stage call of this process (`run_log()`)."""
_OPEN_LOGS: list[RunLog] = []
"""The logs of the `recording()` blocks open now, innermost last."""
_CALLS: list[_Call] = []
"""The stage calls under way, innermost last."""

P = ParamSpec("P")
R = TypeVar("R")


def run_log() -> RunLog:
    """Every stage call this process has made, so far (a copy)."""
    return RunLog(list(_PROCESS_LOG.runs))


@contextmanager
def recording() -> Iterator[RunLog]:
    """A log that receives the stage calls made inside the `with` block."""
    log = RunLog()
    _OPEN_LOGS.append(log)
    try:
        yield log
    finally:
        _OPEN_LOGS.remove(log)


def run_log_path(cfg: Settings) -> Path:
    """Where the stage calls on `cfg`'s tables folder are recorded."""
    return cfg.cache / RUN_LOG_FILE


def read_run_log(cfg: Settings) -> RunLog:
    """Every stage call recorded in `cfg`'s cache folder, by every process (empty when none);
    a line that is not a record (cut short by a crash) is skipped."""
    path = run_log_path(cfg)
    if not path.exists():
        return RunLog()
    runs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            runs.append(StageRun.from_json(json.loads(line)))
        except (ValueError, KeyError, TypeError):
            continue
    return RunLog(runs)


def note_rebuilt(stage: str) -> None:
    """Say that the innermost call under way of `stage` built its tables (by `write_cached`)."""
    for call in reversed(_CALLS):
        if call.stage == stage:
            call.rebuilt = True
            return


def note_articles(stage: str, run: int, reused: int) -> None:
    """Say that the innermost call under way of `stage` ran its per-article work on `run`
    articles and read back the results of `reused` (from its memo)."""
    for call in reversed(_CALLS):
        if call.stage == stage:
            call.articles_run += run
            call.articles_reused += reused
            return


def recorded(stage: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Decorate the function of stage `stage` (whose first argument is the `Settings`) so that
    each call is recorded."""
    def decorate(fn: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(fn)
        def call(*args: P.args, **kwargs: P.kwargs) -> R:
            cfg = args[0] if args else kwargs["cfg"]
            under_way = _Call(stage, caller=_CALLS[-1].stage if _CALLS else "", first_load=len(MODEL_LOADS))
            _CALLS.append(under_way)
            try:
                result = fn(*args, **kwargs)
            finally:
                _CALLS.pop()
            _finish(under_way, cfg)
            return result
        return call
    return decorate


def _finish(call: _Call, cfg: Settings) -> None:
    """Record a call that returned: in this process's log, the open logs, and the cache folder."""
    indices = range(call.first_load, len(MODEL_LOADS))
    if _CALLS:
        _CALLS[-1].nested_loads.update(indices)
    run = StageRun(
        stage=call.stage, outcome=REBUILT if call.rebuilt else FROM_CACHE,
        seconds=round(time.perf_counter() - call.start, 4),
        model_loads=tuple(MODEL_LOADS[i] for i in indices if i not in call.nested_loads),
        caller=call.caller, finished=datetime.now(timezone.utc).isoformat(timespec="milliseconds"),
        articles_run=call.articles_run, articles_reused=call.articles_reused)
    for log in (_PROCESS_LOG, *_OPEN_LOGS):
        log.runs.append(run)
    try:
        path = run_log_path(cfg)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as f:
            f.write(json.dumps(run.to_json()) + "\n")
    except OSError:
        pass  # a read-only tables folder: the run is still in this process's log
