"""Benchmark of the whole workbook at scale (issue 11, item 7): `make report` against bare spaCy.

    .venv/bin/python bench/bench_scale.py [CORPUS] [--sizes 1000,10000] [--quick] [--out DIR]
        [--seed 11] [--json PATH]
    .venv/bin/python bench/bench_scale.py --tables-from bench/results/scale_quick.json

For each size N the source corpus is recombined to exactly N articles (`recombine`), written
to a work folder with a `metadata.csv` (outlet, date and title of every article,
`write_corpus`), and measured on the same texts, through the public entry points only
(`bench_size`):

1. bare spaCy: a fresh process loads `helpers.settings.DEFAULT_SPACY_MODEL` (timed apart) and
   runs `nlp.pipe(texts, n_process=cores)` over the texts `load_corpus` returns;
2. cold: `python -m helpers.report --corpus C --out O` with a fresh O (no cache);
3. the reports (`O/reports/*.html`) after the cold run: size in bytes, and height at 1,280 px
   wide and load time in headless Chromium with every non-file request blocked;
4. warm: the same command again, nothing changed;
5. +10: ten more recombined articles added to C, the same command again;
6. while each report run goes on, the RSS of its whole process tree (the process and every
   child, the notebook kernels included) is sampled every 0.2 s with psutil: the peak of the
   sum, the largest single process and the most processes alive at once.

The per-notebook times are read from what `helpers.report` prints (`[i/n] name: done in Xs`)
and the per-stage times from `stage-runs.jsonl` in the cache folder (`helpers.stages.record`).

The source corpus: CORPUS if given; else the 840 news articles of
`../shared/dev-data/polnear-train/text` (outlet and date read from the file name,
`breitbart_2015-11-11_slug.txt`, when the articles carry none); else, when that folder is
missing (said on stderr), the seed articles of `seeds/` (outlets from `SEED_OUTLETS`),
recombined sentence by sentence. Results go to `bench/results/scale.json`
(`scale_quick.json` with `--quick`, or `--json PATH`), rewritten after each size with
`"complete": false` until the last one is done, with the machine described
(`_machine.machine`); the tables are printed in markdown (`tables`), and `--tables-from`
prints those of an earlier results file without measuring anything. Nothing fails when a
target is missed: this measures, see `SCALE.md`.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from helpers import paths  # noqa: E402

PYTHON = sys.executable
DEV_DATA = ROOT.parent / "shared" / "dev-data" / "polnear-train" / "text"
RESULTS = HERE / "results"
QUICK_SIZES = (50, 200)
FULL_SIZES = (1000, 10000)
DEFAULT_SEED = 11
ADDED = 10
"""How many articles the incremental run adds."""
ADDED_SEED_OFFSET = 1000
"""The added articles are recombined with the corpus's seed plus this, so they differ."""
SAMPLE_SECONDS = 0.2
"""How often the report run's process tree is sampled for its RSS."""
PAGE_TIMEOUT_MS = 30_000
"""How long a report may take to load in Chromium before it is recorded as timed out."""
MIN_PARAGRAPHS = 200
"""Below this many paragraphs in the whole source corpus, articles are made of sentences."""
SEED_OUTLETS = ("outlet-a", "outlet-b", "outlet-c")
"""Outlets given to the seed articles, which name none."""
SEED_FIRST_DATE = dt.date(2018, 9, 1)
"""The seed articles are dated from this day on, one day apart."""
FALLBACK_DATE = dt.date(2018, 9, 3)
"""Date around which an undated source article's recombinations are dated."""
GIB = 2**30
MB = 1_000_000
"""Report sizes are in decimal megabytes, as a browser or a mail limit counts them."""

TARGETS = {
    "cold_over_bare_at_1000": 1.5,
    "warm_over_cold": 0.2,
    "added_over_cold": 0.15,
    "peak_10000_over_1000": 1.3,
    "peak_gib_at_2225": 2.5,
    "report_mb": 8.0,
    "report_height_px": 25_000,
    "report_load_s": 5.0,
}
"""The upper bounds of issue 11, by the name the results file gives them."""


# --------------------------------------------------------------------------- the corpus

@dataclass(frozen=True)
class BenchArticle:
    """One article of a source or benchmark corpus: its body (no header) and its metadata."""

    doc_id: str
    text: str
    source: str
    published: dt.date | None
    title: str


NAME_PATTERN = re.compile(r"^(?P<outlet>[a-z][a-z0-9-]*)_(?P<date>\d{4}-\d{2}-\d{2})_")


def outlet_and_date_from_name(doc_id: str) -> tuple[str, dt.date | None]:
    """The outlet and date a file name such as `breitbart_2015-11-11_slug` carries ("" and None
    when it carries none; the outlet alone when the date is not a real day): how the polnear
    articles name their outlet."""
    match = NAME_PATTERN.match(Path(doc_id).name)
    if not match:
        return "", None
    try:
        return match["outlet"], dt.date.fromisoformat(match["date"])
    except ValueError:
        return match["outlet"], None


def file_safe(doc_id: str) -> str:
    """A doc_id usable as a file name under the corpus folder (an export row's `#` replaced)."""
    return doc_id.replace("#", "-row")


def read_base(folder: Path, use_seed_metadata: bool = False) -> list[BenchArticle]:
    """The articles of `folder` as `load_corpus` reads them (their own metadata first, the
    file name's outlet and date where it gives none); the body only, without a header.
    `use_seed_metadata` gives the articles still without an outlet or date one of
    `SEED_OUTLETS` and a day from `SEED_FIRST_DATE` (the seeds carry neither)."""
    from helpers.corpus import load_corpus, make_title

    made = []
    for i, article in enumerate(load_corpus(folder).articles):
        outlet, day = outlet_and_date_from_name(article.doc_id)
        source, published = article.source or outlet, article.published or day
        if use_seed_metadata:
            source = source or SEED_OUTLETS[i % len(SEED_OUTLETS)]
            published = published or SEED_FIRST_DATE + dt.timedelta(days=i)
        body = article.text[article.body_start:].strip()
        if body:
            made.append(BenchArticle(file_safe(article.doc_id), body, source, published,
                                     article.title or make_title(body)))
    return made


def default_base() -> tuple[list[BenchArticle], str]:
    """The dev-data articles, or the seeds when dev-data is missing (said on stderr), with
    where they came from."""
    if DEV_DATA.is_dir():
        return read_base(DEV_DATA), f"dev-data: {DEV_DATA}"
    print(f"bench_scale: {DEV_DATA} is missing: generating articles from the seeds' sentences",
          file=sys.stderr)
    return read_base(paths.SEEDS, use_seed_metadata=True), f"seeds: {paths.SEEDS}"


SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’)]))\s+(?=[A-Z\"“‘(])")


def paragraphs_of(text: str) -> list[str]:
    """The paragraphs of `text`: blank-line or line separated, stripped, none empty."""
    return [p.strip() for p in re.split(r"\n\s*\n|\n", text) if p.strip()]


def units_of(article: BenchArticle, by_sentence: bool) -> list[str]:
    """The paragraphs of the article's text, or its sentences: what recombining draws from."""
    paragraphs = paragraphs_of(article.text)
    if not by_sentence:
        return paragraphs
    return [s.strip() for p in paragraphs for s in SENTENCE_END.split(p) if s.strip()]


def normalised(text: str) -> str:
    """The text with its whitespace collapsed: two texts equal this way are one article to
    `load_corpus` (its duplicate check), and one key to the annotation cache."""
    return " ".join(text.split())


def words(text: str) -> int:
    """A rough word count (runs between spaces), to size a new article like its base."""
    return len(text.split())


def by_sentence_for(base: Sequence[BenchArticle]) -> bool:
    """Whether `base` has too few paragraphs in all (`MIN_PARAGRAPHS`) to recombine by paragraph."""
    return sum(len(paragraphs_of(a.text)) for a in base) < MIN_PARAGRAPHS


def plausible_date(day: dt.date | None, rng: random.Random) -> dt.date:
    """A date within three days of `day` (of `FALLBACK_DATE` when undated)."""
    return (day or FALLBACK_DATE) + dt.timedelta(days=rng.randint(-3, 3))


def recombine(base: Sequence[BenchArticle], size: int, seed: int = DEFAULT_SEED, *,
              taken: Sequence[str] = (), id_prefix: str = "", copy_first: bool = True) -> list[BenchArticle]:
    """A benchmark corpus of `size` articles made from `base`, the same for the same seed.

    With `copy_first`, the base articles come first, unchanged, in an order shuffled by the
    seed (so a smaller size still mixes the outlets). Past them (or from the first one without
    `copy_first`), article k is a new one based on base article k (cycling), see
    `new_article`; its doc_id is `{id_prefix}-{base doc_id}-r{k}` (no prefix part when
    `id_prefix` is empty). No text equals, whitespace aside, another one or one of `taken`."""
    if not base:
        raise ValueError("no base articles to recombine")
    order = list(base)
    random.Random(seed).shuffle(order)
    made = order[:size] if copy_first else []
    by_sentence = by_sentence_for(base)
    units = {a.doc_id: units_of(a, by_sentence) for a in base}
    seen = {normalised(t) for t in taken} | {normalised(a.text) for a in made}
    for k in range(len(made), size):
        article = new_article(order, units, k, seed, by_sentence, seen, id_prefix)
        seen.add(normalised(article.text))
        made.append(article)
    return made


def new_article(order: Sequence[BenchArticle], units: dict[str, list[str]], k: int, seed: int,
                by_sentence: bool, seen: set[str], id_prefix: str) -> BenchArticle:
    """New article k, based on `order[k % len(order)]`: its outlet, a date within three days
    of its date, and a text of about its length in words, half of its own units and the rest
    from two or three other articles, shuffled (sentences regrouped into paragraphs of two
    to four). Redrawn until its text is not in `seen`."""
    based_on = order[k % len(order)]
    others = [a for a in order if a.doc_id != based_on.doc_id]
    rng = random.Random(f"{seed}/{id_prefix}/{k}")
    for _ in range(1000):
        own = units[based_on.doc_id]
        picked = [(based_on.doc_id, u) for u in rng.sample(own, max(1, len(own) // 2))]
        target = words(based_on.text)
        helpers_ = rng.sample(others, min(len(others), rng.randint(2, 3)))
        pool = [(a.doc_id, u) for a in helpers_ for u in units[a.doc_id]]
        rng.shuffle(pool)
        for unit in pool:
            if sum(words(u) for _, u in picked) >= target and len(picked) > len(own) // 2:
                break
            picked.append(unit)
        rng.shuffle(picked)
        paragraphs = group_units(picked, by_sentence, rng)
        text = "\n\n".join(" ".join(u for _, u in p) for p in paragraphs)
        if normalised(text) not in seen:
            prefix = f"{id_prefix}-" if id_prefix else ""
            return BenchArticle(f"{prefix}{based_on.doc_id}-r{k}", text, based_on.source,
                                plausible_date(based_on.published, rng),
                                f"{based_on.title or based_on.doc_id} (recombined {k})")
    raise RuntimeError(f"could not make article {k} distinct from the others")


def group_units(picked: list[tuple[str, str]], by_sentence: bool,
                rng: random.Random) -> list[list[tuple[str, str]]]:
    """The picked (article, unit) pairs as paragraphs: one unit each by paragraph, two to
    four sentences each by sentence; at least two paragraphs when there are two units, the
    first two opening with units of different articles (`mixed_opening`)."""
    if not by_sentence:
        paragraphs = [[u] for u in picked]
    else:
        paragraphs, rest = [], list(picked)
        while rest:
            n = rng.randint(2, 4)
            paragraphs.append(rest[:n])
            rest = rest[n:]
        if len(paragraphs) == 1 and len(paragraphs[0]) > 1:
            paragraphs = [paragraphs[0][:1], paragraphs[0][1:]]
    return mixed_opening(paragraphs)


def mixed_opening(paragraphs: list[list[tuple[str, str]]]) -> list[list[tuple[str, str]]]:
    """The paragraphs with the second one moved, if need be, so that the first two open with
    units of different articles: a reader sees a mixed article from its start."""
    if len(paragraphs) < 3 or paragraphs[0][0][0] != paragraphs[1][0][0]:
        return paragraphs
    for i in range(2, len(paragraphs)):
        if paragraphs[i][0][0] != paragraphs[0][0][0]:
            paragraphs[1], paragraphs[i] = paragraphs[i], paragraphs[1]
            break
    return paragraphs


METADATA_COLUMNS = ("doc_id", "source", "published", "title")


def write_corpus(articles: Sequence[BenchArticle], folder: Path, append: bool = False) -> None:
    """Write `articles` as UTF-8 `.txt` files into `folder` with their rows of `metadata.csv`
    (`METADATA_COLUMNS`): a new table, or, with `append`, rows added to the existing one."""
    folder.mkdir(parents=True, exist_ok=True)
    for article in articles:
        path = folder / f"{article.doc_id}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(article.text + "\n", encoding="utf-8")
    sidecar = folder / "metadata.csv"
    header = not (append and sidecar.exists())
    with sidecar.open("a" if append else "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        if header:
            writer.writerow(METADATA_COLUMNS)
        for article in articles:
            writer.writerow([article.doc_id, article.source,
                             article.published.isoformat() if article.published else "", article.title])


def parse_sizes(text: str) -> list[int]:
    """`--sizes`: comma-separated positive article counts (`1000,10000`)."""
    try:
        sizes = [int(s) for s in text.split(",") if s.strip()]
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"sizes must be whole numbers: {text!r}") from exc
    if not sizes or any(n <= 0 for n in sizes):
        raise argparse.ArgumentTypeError(f"sizes must be positive article counts: {text!r}")
    return sizes


# --------------------------------------------------------------------------- measuring

def cores() -> int:
    """The cores this process may run on (its CPU affinity)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


@dataclass
class ReportRun:
    """One `python -m helpers.report` run, as the results file records it."""

    label: str
    seconds: float
    returncode: int
    peak_tree_rss: int
    """Bytes: the largest sum of the RSS of the run's process and all its descendants."""
    peak_single_rss: int
    """Bytes: the largest RSS of any one of them."""
    peak_processes: int
    """The most processes of the tree alive at one sample."""
    notebook_seconds: dict[str, float] = field(default_factory=dict)
    """Seconds per notebook, from what `helpers.report` printed."""
    stage_runs: list[dict[str, object]] = field(default_factory=list)
    """The stage calls the run recorded (`stage_times`)."""
    tail: str = ""
    """The last lines the run printed, when it failed."""


@dataclass
class TreePeaks:
    """What `watch_tree` keeps of a process tree's samples."""

    tree: int = 0
    single: int = 0
    processes: int = 0


def watch_tree(pid: int, stop: threading.Event, peaks: TreePeaks) -> None:
    """Sample the RSS of process `pid` and all its descendants every `SAMPLE_SECONDS` until
    `stop` is set; keep the peak of their sum, of the largest one and of their count."""
    import psutil

    try:
        root = psutil.Process(pid)
    except psutil.NoSuchProcess:
        return
    while not stop.is_set():
        total = single = alive = 0
        try:
            procs = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            break
        for proc in procs:
            try:
                rss = proc.memory_info().rss
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue
            total, single, alive = total + rss, max(single, rss), alive + 1
        peaks.tree, peaks.single = max(peaks.tree, total), max(peaks.single, single)
        peaks.processes = max(peaks.processes, alive)
        stop.wait(SAMPLE_SECONDS)


DONE_LINE = re.compile(r"^\[\d+/\d+\] (?P<name>\S+): done in (?P<seconds>[\d.]+)s")


def notebook_seconds(lines: Sequence[str]) -> dict[str, float]:
    """Seconds per notebook from the `[i/n] name: done in Xs` lines `helpers.report` prints."""
    found: dict[str, float] = {}
    for line in lines:
        if match := DONE_LINE.match(line):
            name = match["name"]
            found[name if name not in found else f"{name} (again)"] = float(match["seconds"])
    return found


def run_report(label: str, corpus: Path, out: Path, log: Path) -> ReportRun:
    """Run `python -m helpers.report --corpus corpus --out out`, timed and watched; its output
    goes to `log`, its stage calls are those `out`'s record gained during the run."""
    command = [PYTHON, "-m", "helpers.report", "--corpus", str(corpus), "--out", str(out)]
    peaks = TreePeaks()
    stop = threading.Event()
    before = len(stage_lines(out))
    t0 = time.perf_counter()
    with log.open("w", encoding="utf-8") as handle:
        proc = subprocess.Popen(command, cwd=ROOT, stdout=handle, stderr=subprocess.STDOUT)
        watcher = threading.Thread(target=watch_tree, args=(proc.pid, stop, peaks), daemon=True)
        watcher.start()
        returncode = proc.wait()
    seconds = time.perf_counter() - t0
    stop.set()
    watcher.join()
    lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    return ReportRun(label, round(seconds, 2), returncode, peaks.tree, peaks.single, peaks.processes,
                     notebook_seconds(lines), stage_times(stage_lines(out)[before:]),
                     "\n".join(lines[-8:]) if returncode else "")


def stage_lines(out: Path) -> list[str]:
    """The lines of `out`'s `stage-runs.jsonl` (`helpers.stages.record`), none when absent."""
    from helpers import settings

    path = settings.resolve(corpus=str(out), out=str(out)).cache / "stage-runs.jsonl"
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


def stage_times(lines: Sequence[str]) -> list[dict[str, object]]:
    """Each recorded stage call: stage, outcome (rebuilt, from cache), seconds, model loads, and
    the articles whose per-article work ran or was read back from the stage's memo."""
    calls = []
    for line in lines:
        record = json.loads(line)
        calls.append({"stage": record.get("stage"), "outcome": record.get("outcome"),
                      "seconds": round(float(record.get("seconds", 0)), 2),
                      "model_loads": len(record.get("model_loads") or []),
                      "articles_run": int(record.get("articles_run", 0)),
                      "articles_reused": int(record.get("articles_reused", 0))})
    return calls


BARE_SCRIPT = """
import json, sys, time
t0 = time.perf_counter()
from helpers.corpus import load_corpus
from helpers.settings import DEFAULT_SPACY_MODEL
texts = [a.text for a in load_corpus(sys.argv[1]).articles]
import spacy
corpus_s = time.perf_counter() - t0
t0 = time.perf_counter()
nlp = spacy.load(DEFAULT_SPACY_MODEL)
load = time.perf_counter() - t0
t0 = time.perf_counter()
tokens = sum(len(doc) for doc in nlp.pipe(texts, n_process=int(sys.argv[2])))
print(json.dumps({"texts": len(texts), "tokens": tokens, "import_and_load_corpus_s": corpus_s,
                  "model_load_s": load, "pipe_s": time.perf_counter() - t0}))
"""
"""Bare spaCy, in a fresh process: argv[1] the corpus, argv[2] n_process; one JSON line."""


def bare_spacy(corpus: Path, n_process: int) -> dict[str, object]:
    """Time the model load and `nlp.pipe(texts, n_process=n_process)` on the corpus's texts."""
    done = subprocess.run([PYTHON, "-c", BARE_SCRIPT, str(corpus), str(n_process)], cwd=ROOT,
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


@dataclass(frozen=True)
class PageFigure:
    """One HTML report as a reader gets it."""

    name: str
    bytes: int
    load_s: float | None
    """Until the page's load event; None when it was not measured or did not load."""
    height_px: int | None
    blocked_requests: int
    """Requests to anything but a local file, blocked."""
    errors: int
    """Script errors the page raised while loading."""
    timed_out: bool = False
    """Whether it did not load within `PAGE_TIMEOUT_MS` (not: the browser could not start)."""
    note: str = ""
    """Why it was not measured, when it was not."""


def measure_pages(reports: Path) -> list[PageFigure]:
    """Size of every `reports/*.html`, and its load time and height at 1,280 px wide in headless
    Chromium with the network blocked (sizes only, with the reason, when Chromium cannot start)."""
    pages = sorted(reports.glob("*.html"))
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        return [PageFigure(p.name, p.stat().st_size, None, None, 0, 0, note=f"playwright: {exc}") for p in pages]
    measured: list[PageFigure] = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium_path(), headless=True,
                                         args=["--no-sandbox", "--disable-dev-shm-usage"])
            for page_path in pages:
                measured.append(open_page(browser, page_path))
            browser.close()
    except Exception as exc:  # noqa: BLE001 - reported in the results, not fatal
        done = {m.name for m in measured}
        measured += [PageFigure(p.name, p.stat().st_size, None, None, 0, 0,
                                note=f"chromium: {str(exc).splitlines()[0]}")
                     for p in pages if p.name not in done]
    return measured


def chromium_path() -> str | None:
    """The system Chromium when there is one (else playwright's own)."""
    for path in ("/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if Path(path).exists():
            return path
    return None


def open_page(browser: object, page_path: Path) -> PageFigure:
    """Open one report from disk at 1,280 x 900, every non-file request blocked; measure it."""
    from playwright.sync_api import TimeoutError as PageTimeout

    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    blocked: list[str] = []
    errors: list[str] = []

    def route(request_route: object) -> None:
        url = request_route.request.url  # type: ignore[attr-defined]
        if url.startswith(("file:", "data:", "blob:")):
            request_route.continue_()  # type: ignore[attr-defined]
        else:
            blocked.append(url)
            request_route.abort()  # type: ignore[attr-defined]

    context.route("**/*", route)
    page = context.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    size = page_path.stat().st_size
    try:
        t0 = time.perf_counter()
        page.goto(page_path.resolve().as_uri(), wait_until="load", timeout=PAGE_TIMEOUT_MS)
        seconds = time.perf_counter() - t0
        page.wait_for_timeout(500)
        height = page.evaluate("() => document.documentElement.scrollHeight")
        result = PageFigure(page_path.name, size, round(seconds, 2), int(height), len(blocked), len(errors))
    except PageTimeout:
        result = PageFigure(page_path.name, size, None, None, len(blocked), len(errors), timed_out=True)
    except Exception as exc:  # noqa: BLE001 - a report that does not open is a result
        result = PageFigure(page_path.name, size, None, None, len(blocked), len(errors),
                            note=str(exc).splitlines()[0])
    context.close()
    return result


# --------------------------------------------------------------------------- one size

def ratio(a: float | None, b: float | None) -> float | None:
    """a / b rounded, or None when either is missing or b is 0."""
    return round(a / b, 3) if a is not None and b else None


def ratios(bare: dict[str, object], cold: ReportRun, warm: ReportRun, added: ReportRun) -> dict[str, float | None]:
    """Cold over bare spaCy's pipe (and over pipe plus model load), warm and +10 over cold."""
    pipe = float(bare["pipe_s"])  # type: ignore[arg-type]
    return {"cold_over_bare": ratio(cold.seconds, pipe),
            "cold_over_bare_with_load": ratio(cold.seconds, pipe + float(bare["model_load_s"])),  # type: ignore[arg-type]
            "warm_over_cold": ratio(warm.seconds, cold.seconds),
            "added_over_cold": ratio(added.seconds, cold.seconds)}


def bench_size(base: Sequence[BenchArticle], size: int, seed: int, work: Path,
               say: Callable[[str], None]) -> dict[str, object]:
    """Every figure of one corpus size (see the module docstring); the corpus, the report
    output and the log of each run are left in `work`."""
    corpus, out = work / f"corpus-{size}", work / f"out-{size}"
    shutil.rmtree(corpus, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    articles = recombine(base, size, seed)
    write_corpus(articles, corpus)
    result: dict[str, object] = {"articles": size, "words": sum(words(a.text) for a in articles),
                                 "outlets": len({a.source for a in articles}), "n_process": cores(),
                                 "workbook_processes_env": os.environ.get("WORKBOOK_PROCESSES", "")}
    say(f"[{size}] bare spaCy, n_process={cores()} ...")
    bare = bare_spacy(corpus, cores())
    result["bare_spacy"] = bare
    runs: list[ReportRun] = []
    for label in ("cold", "warm", f"+{ADDED}"):
        if label.startswith("+"):
            extra = recombine(base, ADDED, seed + ADDED_SEED_OFFSET, taken=[a.text for a in articles],
                              id_prefix="new", copy_first=False)
            write_corpus(extra, corpus, append=True)
        say(f"[{size}] report run: {label} ...")
        runs.append(run_report(label, corpus, out, work / f"report-{size}-{label}.log"))
        say(f"[{size}] {label}: {runs[-1].seconds:.1f}s, exit {runs[-1].returncode}")
        if label == "cold":
            say(f"[{size}] reports in Chromium ...")
            result["pages"] = [asdict(p) for p in measure_pages(out / "reports")]
    result["runs"] = [asdict(r) for r in runs]
    result["ratios"] = ratios(bare, *runs)
    return result


# --------------------------------------------------------------------------- the tables

def fixed(value: object, digits: int = 2) -> str:
    """A number with `digits` decimals, "n/a" when missing."""
    return "n/a" if value is None else f"{float(value):.{digits}f}"  # type: ignore[arg-type]


def run_of(result: dict, label: str) -> dict:
    """The run of `result` with that label (`cold`, `warm`, `+10`)."""
    return next(r for r in result["runs"] if r["label"] == label)


def largest(pages: Sequence[dict]) -> str:
    """The largest report in MB."""
    return fixed(max(p["bytes"] for p in pages) / MB) if pages else "n/a"


def tallest(pages: Sequence[dict]) -> str:
    """The tallest report's height in px, "n/a" when none was measured."""
    heights = [p["height_px"] for p in pages if p.get("height_px") is not None]
    return f"{max(heights):,}" if heights else "n/a"


def slowest(pages: Sequence[dict]) -> str:
    """The slowest report load in s; a report that timed out is named instead of any time,
    and "n/a" when no page was measured (no browser): never a timeout that did not happen."""
    late = [p["name"] for p in pages if p.get("timed_out")]
    if late:
        return f"> {PAGE_TIMEOUT_MS // 1000} s ({', '.join(late)})"
    times = [p["load_s"] for p in pages if p.get("load_s") is not None]
    return fixed(max(times)) if times else "n/a"


ROWS: tuple[tuple[str, Callable[[dict], str], str], ...] = (
    ("spaCy model load (s)", lambda r: fixed(r["bare_spacy"]["model_load_s"]), ""),
    ("bare `nlp.pipe(n_process=cores)` (s)", lambda r: fixed(r["bare_spacy"]["pipe_s"]), ""),
    ("cold `helpers.report` (s)", lambda r: fixed(run_of(r, "cold")["seconds"]), ""),
    ("cold / bare spaCy", lambda r: fixed(r["ratios"]["cold_over_bare"]),
     f"<= {TARGETS['cold_over_bare_at_1000']} at 1,000"),
    ("warm rerun (s)", lambda r: fixed(run_of(r, "warm")["seconds"]), ""),
    ("warm / cold", lambda r: fixed(r["ratios"]["warm_over_cold"]), f"<= {TARGETS['warm_over_cold']}"),
    (f"+{ADDED} articles (s)", lambda r: fixed(run_of(r, f"+{ADDED}")["seconds"]), ""),
    (f"+{ADDED} / cold", lambda r: fixed(r["ratios"]["added_over_cold"]), f"<= {TARGETS['added_over_cold']}"),
    ("peak RSS, process tree, cold (GiB)", lambda r: fixed(run_of(r, "cold")["peak_tree_rss"] / GIB),
     f"< {TARGETS['peak_gib_at_2225']} at 2,225; 10k/1k <= {TARGETS['peak_10000_over_1000']}"),
    ("peak RSS, largest process, cold (GiB)", lambda r: fixed(run_of(r, "cold")["peak_single_rss"] / GIB), ""),
    ("largest report (MB)", lambda r: largest(r.get("pages", [])), f"<= {TARGETS['report_mb']:g} at 2,225"),
    ("tallest report at 1,280 px (px)", lambda r: tallest(r.get("pages", [])), f"<= {TARGETS['report_height_px']:,}"),
    ("slowest report load (s)", lambda r: slowest(r.get("pages", [])), f"< {TARGETS['report_load_s']:g}"),
)
"""The summary table's rows: label, the cell of one size's result, the target."""


def cell(get: Callable[[dict], str], result: dict) -> str:
    """One cell of the summary table, "n/a" when the result lacks the figure (a failed run)."""
    try:
        return get(result)
    except (KeyError, TypeError, ValueError, StopIteration, ZeroDivisionError):
        return "n/a"


def table(results: Sequence[dict]) -> str:
    """The summary table in markdown: one row per figure (`ROWS`), one column per size, the
    targets of issue 11 last."""
    lines = ["| measure | " + " | ".join(f"{r['articles']:,} articles" for r in results) + " | target |",
             "| --- | " + "--- | " * len(results) + "--- |"]
    for label, get, target in ROWS:
        lines.append(f"| {label} | " + " | ".join(cell(get, r) for r in results) + f" | {target} |")
    return "\n".join(lines)


def notebook_table(results: Sequence[dict]) -> str:
    """Seconds per notebook, one column per size and run."""
    columns = [(r, run) for r in results for run in r["runs"]]
    names = sorted({nb for _, run in columns for nb in run.get("notebook_seconds", {})})
    lines = ["| notebook | " + " | ".join(f"{r['articles']:,} {run['label']} (s)" for r, run in columns) + " |",
             "| --- |" + " --- |" * len(columns)]
    for nb in names:
        lines.append(f"| {nb} | " + " | ".join(fixed(run.get("notebook_seconds", {}).get(nb), 1)
                                                for _, run in columns) + " |")
    return "\n".join(lines)


def stage_table(results: Sequence[dict]) -> str:
    """Per size and run, each stage: how many calls were rebuilt and served from the cache,
    their seconds in all, and the model loads."""
    lines = ["| size | run | stage | rebuilt | from cache | seconds | model loads |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    for r in results:
        for run in r["runs"]:
            calls = run.get("stage_runs", [])
            for stage in dict.fromkeys(c["stage"] for c in calls):
                mine = [c for c in calls if c["stage"] == stage]
                lines.append(f"| {r['articles']:,} | {run['label']} | {stage} | "
                             f"{sum(c['outcome'] == 'rebuilt' for c in mine)} | "
                             f"{sum(c['outcome'] == 'from cache' for c in mine)} | "
                             f"{fixed(sum(float(c['seconds']) for c in mine))} | "
                             f"{sum(int(c['model_loads']) for c in mine)} |")
    return "\n".join(lines)


def tables(output: dict) -> str:
    """Everything printed about a results file: the machine, the corpus, the three tables."""
    info = output.get("machine", {})
    head = (f"Machine: {info.get('cores')} cores, {info.get('mem_total_gib')} GiB, {info.get('cpu_model')}, "
            f"Python {info.get('python')}, spaCy {info.get('spacy')}, {info.get('pipeline')}; "
            f"{info.get('git')}; {info.get('date')}.\n"
            f"Load average at start {info.get('loadavg_at_start')}, at end {output.get('loadavg_at_end')}. "
            f"Corpus: {output.get('corpus', {}).get('chosen')} ({output.get('corpus', {}).get('base_articles')} "
            f"articles). Wall time {output.get('wall_s')} s."
            + ("" if output.get("complete", True) else " INCOMPLETE: not every size was measured."))
    results = output.get("results", [])
    return "\n\n".join([head, table(results), "Seconds per notebook:", notebook_table(results),
                        "Stage calls per run:", stage_table(results)])


# --------------------------------------------------------------------------- the command

def write_results(path: Path, output: dict) -> None:
    """Write the results file (whole, so a reader never sees half of one)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(path.name + ".part")
    part.write_text(json.dumps(output, indent=2, default=str) + "\n", encoding="utf-8")
    part.replace(path)


def arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line (see SCALE.md for each option)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, help="folder of articles (default: dev-data, else seeds)")
    parser.add_argument("--sizes", type=parse_sizes, default=list(FULL_SIZES),
                        help="article counts, comma-separated (default 1000,10000)")
    parser.add_argument("--quick", action="store_true", help="sizes 50,200 (development)")
    parser.add_argument("--out", type=Path,
                        help="work folder for the corpora, report outputs and logs; kept (default: a new temp folder)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"recombination seed (default {DEFAULT_SEED})")
    parser.add_argument("--json", type=Path, help="results file (default bench/results/scale.json, "
                        "scale_quick.json with --quick)")
    parser.add_argument("--tables-from", type=Path, metavar="JSON",
                        help="only print the tables of an earlier results file")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Build the corpora, measure every size, write the results after each and print the tables."""
    args = arguments(argv)
    if args.tables_from:
        print(tables(json.loads(args.tables_from.read_text(encoding="utf-8"))))
        return 0
    from _machine import machine

    from helpers.settings import DEFAULT_SPACY_MODEL

    sizes = list(QUICK_SIZES) if args.quick else args.sizes
    if args.corpus:
        base, origin = read_base(args.corpus), f"given: {args.corpus}"
    else:
        base, origin = default_base()

    def say(message: str) -> None:
        print(f"{dt.datetime.now():%H:%M:%S} {message}", file=sys.stderr, flush=True)

    say(f"{len(base)} base articles from {origin}; sizes {', '.join(map(str, sizes))}")
    path = args.json or RESULTS / ("scale_quick.json" if args.quick else "scale.json")
    work = args.out or Path(tempfile.mkdtemp(prefix="bench_scale_"))
    work.mkdir(parents=True, exist_ok=True)
    say(f"work folder (corpora, outputs, logs): {work}")
    t0 = time.perf_counter()
    output: dict[str, object] = {"machine": machine(DEFAULT_SPACY_MODEL),
                                 "corpus": {"chosen": origin, "base_articles": len(base)},
                                 "model": DEFAULT_SPACY_MODEL, "sizes": sizes, "seed": args.seed,
                                 "targets": TARGETS, "complete": False, "results": []}
    results: list[dict[str, object]] = output["results"]  # type: ignore[assignment]
    for size in sizes:
        results.append(bench_size(base, size, args.seed, work, say))
        output["wall_s"] = round(time.perf_counter() - t0, 1)
        output["loadavg_at_end"] = Path("/proc/loadavg").read_text().split()[:3]
        output["complete"] = len(results) == len(sizes)
        write_results(path, output)
    print(tables(output))
    print(f"\nWritten: {path}; corpora, outputs and logs kept in {work}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
