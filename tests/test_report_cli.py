"""`make report`'s command as a user meets it: its messages, its outputs, what it leaves alone."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import paths, report
from helpers.display.evidence import PANEL_MARK, EvidencePanel

SEED_SHA256 = {
    "000_24b1d2f398d6a64a.txt": "05450197cbd06bd0683726aa213084565ad204d68452f879e308b10a0e611708",
    "001_49f6b359dfe7bb2c.txt": "3dc358b51c62b06de790a2766cba23b2d134a85c9d2538a2e94d915ee232d23c",
    "004_ca72791cc1d0016e.txt": "fa014043d2991b6c0db6609e5235b921fcdb9d75fc606874282ef7d4b9d52f9d",
}


def run_cli(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WORKBOOK_")}
    return subprocess.run([sys.executable, "-m", "helpers.report", *args], cwd=paths.ROOT, env=env,
                          capture_output=True, text=True, timeout=600)


def test_seed_corpus_is_the_shared_seeds_byte_for_byte() -> None:
    found = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(paths.SEEDS.iterdir())}
    assert found == SEED_SHA256


def test_a_missing_pipeline_stops_with_one_clear_message_naming_pip() -> None:
    proc = run_cli("--spacy-model", "en_core_web_nonexistent")
    assert proc.returncode == 2
    assert "en_core_web_nonexistent" in proc.stderr and "pip install" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_a_missing_corpus_folder_stops_with_a_clear_message(tmp_path: Path) -> None:
    proc = run_cli("--corpus", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out"))
    assert proc.returncode == 2 and "Corpus folder not found" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_a_corpus_with_no_valid_article_stops_with_the_problems(tmp_path: Path) -> None:
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "empty.txt").write_bytes(b"")
    proc = run_cli("--corpus", str(tmp_path / "c"), "--out", str(tmp_path / "out"), "notebooks/01-load-corpus.ipynb")
    assert proc.returncode == 1
    assert "No valid article" in proc.stderr and "empty.txt" in proc.stderr


@pytest.mark.slow
def test_an_out_run_leaves_the_seed_run_alone(hostile_run: Path) -> None:
    assert (hostile_run / "seed_run_touched.txt").read_text() == ""
    assert (hostile_run / "derived" / "documents.csv").exists()
    assert (hostile_run / "derived" / "entities.csv").exists()


def test_notebooks_run_two_at_a_time_when_there_are_the_cores() -> None:
    from helpers import settings
    from helpers.report import export

    def cfg(processes: int) -> settings.Settings:
        return settings.Settings(corpus=paths.SEEDS, out=None, spacy_model="x", processes=processes)

    assert export.report_kernels(cfg(1), 6) == 1, "one core: one notebook at a time, in order"
    assert export.report_kernels(cfg(2), 6) == 2 and export.report_kernels(cfg(8), 6) == export.REPORT_KERNELS
    assert export.report_kernels(cfg(8), 1) == 1


@pytest.mark.slow
def test_a_notebook_that_stops_stops_the_run_and_starts_no_other(tmp_path: Path) -> None:
    import nbformat
    from nbclient.exceptions import CellExecutionError

    from helpers import settings
    from helpers.report import export

    folder = tmp_path / "notebooks"
    folder.mkdir()
    sources = {"01-stops.ipynb": "import time; time.sleep(3); raise ValueError('this notebook stopped')",
               "02-slow.ipynb": "import time; time.sleep(120)",
               "03-never.ipynb": "print('ran')"}
    for name, source in sources.items():
        nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)]), folder / name)
    cfg = settings.Settings(corpus=paths.SEEDS, out=tmp_path / "out", spacy_model="x", processes=2)
    said: list[tuple[int, bool]] = []
    with pytest.raises(CellExecutionError, match="this notebook stopped"):
        export.run_side_by_side(sorted(folder.glob("*.ipynb")), 2, cfg, {}, settings.kernel_environment(cfg),
                                "test", lambda i, path, entry: said.append((i, entry is not None)))
    assert said == [(1, False), (2, False)], "the third was never started"
    import psutil

    def spawned(p: psutil.Process) -> bool:  # a pool worker or a kernel, not the resource tracker
        try:
            line = " ".join(p.cmdline())
        except psutil.Error:  # ended meanwhile
            return False
        return "spawn_main" in line or "ipykernel" in line

    left = [p for p in psutil.Process().children(recursive=True) if spawned(p)]
    gone, alive = psutil.wait_procs(left, timeout=5)
    assert alive == [], "the slow notebook's worker and kernel were ended, not left to finish"


@pytest.mark.slow
def test_the_stages_are_built_once_and_each_notebook_starts_once_those_it_reads_are(hostile_run: Path) -> None:
    from helpers import settings, stages
    from helpers.report import export

    lines = (hostile_run / "stdout.txt").read_text().splitlines()
    if settings.available_cores() < 2:
        pytest.skip("one core: the notebooks run one after the other and build the stages themselves")
    built_at = {line.split()[1]: i for i, line in enumerate(lines) if line.startswith("stages: ")}
    assert set(built_at) == {*stages.STAGES, stages.PARSED}, lines
    assert built_at[stages.PARSED] < built_at["entities"] < built_at["timeline"] < built_at["places"] \
        < built_at["sources"]
    for nb in report.notebook_paths():  # each notebook starts once the stages it reads are built
        started = next(i for i, line in enumerate(lines) if line.startswith("[") and f"] {nb.name}: running" in line)
        assert all(built_at[stage] < started for stage in export.stages_read_by(nb)), (nb.name, lines)
    assert export.stages_read_by(paths.NOTEBOOKS / "06-how-far-to-trust.ipynb") == tuple(stages.STAGES)
    assert export.stages_read_by(paths.NOTEBOOKS / "01-load-corpus.ipynb") == (stages.PARSED,)
    log = stages.read_run_log(settings.Settings(corpus=paths.SEEDS, out=hostile_run, spacy_model="x"))
    rebuilt = [r for r in log.runs if r.rebuilt and not r.caller]
    assert sorted(r.stage for r in rebuilt) == sorted(stages.STAGES), "each stage built once, by one process"
    assert len({r.process for r in rebuilt}) == 1
    # Every notebook ran: each wrote its report.
    assert all((hostile_run / "reports" / f"{nb.stem}.html").exists() for nb in report.notebook_paths())


@pytest.mark.slow
def test_the_run_keeps_its_executed_notebooks(hostile_run: Path) -> None:
    names = sorted(p.name for p in (hostile_run / "reports" / "notebooks").glob("*.ipynb"))
    assert names == [p.name for p in report.notebook_paths()]


@pytest.mark.slow
def test_notebook_outputs_never_carry_live_markup_from_articles(hostile_run: Path) -> None:
    """What JupyterLab would render: the raw outputs, before the report's sanitiser."""
    live = re.compile(r"<(script|img|iframe)\b|<[a-z][^<>]*\son\w+\s*=|<a\b[^<>]*href\s*=\s*[\"']?javascript:",
                      re.IGNORECASE)
    for nb_path in sorted((hostile_run / "reports" / "notebooks").glob("*.ipynb")):
        nb = json.loads(nb_path.read_text())
        for cell in nb["cells"]:
            for out in cell.get("outputs", []):
                data = out.get("data", {})
                for mime in ("text/html", "text/markdown"):
                    html = "".join(data.get(mime, ""))
                    if PANEL_MARK in html:
                        # The workbook's own evidence panel: its script, the same in every notebook,
                        # holds nothing from an article (the evidence is in the figure's JSON).
                        assert html == EvidencePanel()._repr_html_()
                        continue
                    assert not live.search(html), f"{nb_path.name}: {live.search(html).group()} in {mime}"
                fig = data.get("application/vnd.plotly.v1+json")
                if fig:
                    # Evidence items hold the article's text as it is: the panel script draws
                    # them as text nodes (test_browser draws every one on a hostile corpus).
                    # Everything plotly renders as markup (hovers, labels, titles) is escaped.
                    layout = dict(fig.get("layout", {}))
                    layout["meta"] = {k: v for k, v in (layout.get("meta") or {}).items() if k != "workbook_evidence"}
                    rendered = {**fig, "layout": layout}
                    assert not live.search(json.dumps(rendered)), f"{nb_path.name}: live markup in a chart"


def test_each_shipped_notebook_reads_no_stage_it_does_not_wait_for() -> None:
    """A notebook starts as soon as the stages `NOTEBOOK_STAGES` lists for it are built: the
    stages its code calls must be among them (else it would build one itself, beside the stage
    process), and one that reads them all through `trust` waits for every stage."""
    import nbformat

    from helpers import stages
    from helpers.report import export

    for nb_path in report.notebook_paths():
        code = "\n".join(c.source for c in nbformat.read(nb_path, as_version=4).cells if c.cell_type == "code")
        called = set(re.findall(r"\bstages\.(\w+)\(", code)) & set(stages.STAGES)
        read = set(export.stages_read_by(nb_path)) - {stages.PARSED}
        assert called <= read, (nb_path.name, called - read)
        if re.search(r"\btrust\.\w+\(", code):
            assert read == set(stages.STAGES), nb_path.name


class _Building:
    """A stand-in for the stage process, on a script: entities built after `entities_s`, the
    rest (or a stage stopping, with `stops`) after `end_s`."""

    def __init__(self, entities_s: float, end_s: float, stops: bool = False) -> None:
        import concurrent.futures
        import time

        self.t0, self.entities_s, self.end_s, self.stops = time.monotonic(), entities_s, end_s, stops
        self.future: concurrent.futures.Future = concurrent.futures.Future()
        self.built: set[str] = set()
        self.finished = self.stopped = False
        self.ended = False

    def poll(self) -> None:
        import time

        from helpers import stages

        now = time.monotonic() - self.t0
        self.built.add(stages.PARSED)  # at once: the corpus notebook may start
        if now >= self.entities_s:
            self.built.add("entities")
        if now >= self.end_s and not self.finished:
            self.finished = True
            if self.stops:
                self.stopped = True
                self.future.set_exception(RuntimeError("the timeline stopped"))
            else:
                self.built |= set(stages.STAGES)
                self.future.set_result([])

    def ready_for(self, nb_path: Path) -> bool:
        from helpers.report import export

        return self.stopped or set(export.stages_read_by(nb_path)) <= self.built

    def end(self) -> None:
        self.ended = True


def _gated_run(tmp_path: Path, building: _Building) -> list[tuple[float, int, bool]]:
    """Three notebooks through `run_side_by_side` with `building`: the corpus notebook, the
    entities notebook and one that reads every stage; (seconds, notebook, finished) as said."""
    import time

    import nbformat

    from helpers import settings
    from helpers.report import export

    folder = tmp_path / "notebooks"
    folder.mkdir()
    for name in ("01-load-corpus.ipynb", "02-extract-entities.ipynb", "07-reads-every-stage.ipynb"):
        nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print('ran')")]), folder / name)
    cfg = settings.Settings(corpus=paths.SEEDS, out=tmp_path / "out", spacy_model="x", processes=2)
    said: list[tuple[float, int, bool]] = []
    export.run_side_by_side(sorted(folder.glob("*.ipynb")), 2, cfg, {}, settings.kernel_environment(cfg), "test",
                            lambda i, path, entry: said.append((time.monotonic() - building.t0, i, entry is not None)),
                            building)  # type: ignore[arg-type]
    return said


@pytest.mark.slow
def test_a_notebook_waits_for_the_stages_it_reads_and_one_kernel_is_left_to_them(tmp_path: Path) -> None:
    building = _Building(entities_s=4.0, end_s=8.0)
    said = _gated_run(tmp_path, building)
    start = {i: t for t, i, done in said if not done}
    assert start[1] < building.entities_s, "the corpus notebook reads no stage: it starts at once"
    assert start[2] >= building.entities_s and start[3] >= building.end_s, said
    running = 0
    for t, _, done in sorted(said):
        running += -1 if done else 1
        assert running <= (1 if t < building.end_s else 2), "one kernel at a time beside the stages"
    assert sum(done for _, _, done in said) == 3 and not building.ended


@pytest.mark.slow
def test_when_a_stage_stops_the_notebooks_left_run_one_at_a_time(tmp_path: Path) -> None:
    building = _Building(entities_s=60.0, end_s=1.0, stops=True)
    said = _gated_run(tmp_path, building)
    running = 0
    for _, _, done in said:
        running += -1 if done else 1
        assert running <= 1
    assert [i for _, i, done in said if done] == [1, 2, 3], "every notebook ran, in order"


def test_ending_a_pool_that_has_ended_is_nothing_to_do() -> None:
    """A notebook that stops after the stages' process has ended (its pool shut down) ends the
    run with the notebook's error, not one of the clean-up's."""
    import concurrent.futures

    from helpers.report import export

    pool = concurrent.futures.ProcessPoolExecutor(max_workers=1)
    pool.shutdown(wait=True)
    export.end_pool(pool)  # raised AttributeError: the shut-down pool's _processes is None
