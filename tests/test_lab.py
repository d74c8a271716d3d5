"""Open the workbook in JupyterLab as a reader does: headless Chromium, nothing reachable but
the local Jupyter server.

JupyterLab is started from this environment (its configuration, extensions and kernel), on
127.0.0.1 with a token, on a temporary copy of the committed notebooks and with a fresh trust
database, so the notebooks open untrusted, as they are after a clone, and nothing the test does
(Run All, autosave) touches the committed files. Both layouts are served: the notebooks folder
(`make lab`) and a project folder with `notebooks/` inside. Every chart must draw (maps with
their land, whose topology the server serves from `data/topojson/`), no request may leave the
machine, and no script from article text may run. Screenshots go to tests/artifacts/, and the
one of notebook 04 to docs/jupyterlab-04-maps.png.

The helpers (`start_lab`, `new_lab_page`, `open_notebook`, `run_all`, `chart_states`,
`hover_points`) are meant for more JupyterLab tests.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import plotly.graph_objects as go
import plotly.io as pio
import pytest

from helpers import display, paths, settings
from helpers.display import lab as lab_config

ARTIFACTS = Path(__file__).parent / "artifacts"
DOCS_SCREENSHOT = paths.ROOT / "docs" / "jupyterlab-04-maps.png"
PLOTLY_MIME = "application/vnd.plotly.v1+json"
MAPS = "04-maps.ipynb"
VIEWPORT = {"width": 1280, "height": 900}
START_TIMEOUT_S = 90
RUN_ALL_TIMEOUT_S = 300

LAB_USER_SETTINGS: dict[str, dict[str, Any]] = {
    # No "would you like news?" toast over the notebook, and no update check.
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings":
        {"fetchNews": "false", "checkForUpdates": False},
}
"""JupyterLab user settings of the test's server (a fresh settings folder otherwise)."""


def committed_notebooks() -> list[Path]:
    """The workbook's notebooks, in reading order."""
    return sorted(paths.NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))


def notebook_json(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def expected_charts(path: Path) -> int:
    """How many plotly outputs a notebook file holds."""
    return sum(PLOTLY_MIME in (out.get("data") or {})
               for cell in notebook_json(path)["cells"] for out in cell.get("outputs", []))


def file_digests(folder: Path) -> dict[str, str]:
    """SHA-256 of every file under `folder` (empty when it does not exist)."""
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


# ---------------------------------------------------------------------------- the server


class Lab(NamedTuple):
    """A running JupyterLab: its URL (`http://127.0.0.1:PORT/`), token and process."""

    url: str
    token: str
    proc: subprocess.Popen
    root: Path
    log: Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def lab_environment(home: Path, out: Path, corpus: Path | None = None) -> dict[str, str]:
    """The server's (and so its kernels') environment: no workbook variable but OUT (and
    CORPUS when given), Jupyter's runtime, data, settings and workspaces in `home` (a fresh
    trust database), this environment's configuration, extensions and kernel kept."""
    env = settings.kernel_environment()
    env[settings.ENV_OUT] = str(out)
    if corpus is not None:
        env[settings.ENV_CORPUS] = str(corpus)
    dirs = {"JUPYTER_RUNTIME_DIR": "runtime", "JUPYTER_DATA_DIR": "data", "JUPYTER_CONFIG_DIR": "config",
            "JUPYTERLAB_SETTINGS_DIR": "lab-settings", "JUPYTERLAB_WORKSPACES_DIR": "lab-workspaces"}
    for var, name in dirs.items():
        (home / name).mkdir(parents=True, exist_ok=True)
        env[var] = str(home / name)
    for name, values in LAB_USER_SETTINGS.items():
        target = home / "lab-settings" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(values), encoding="utf-8")
    return env


def start_lab(root: Path, *, home: Path | None = None, out: Path | None = None,
              corpus: Path | None = None) -> Lab:
    """Start JupyterLab on folder `root` (also its working folder), as `make lab` does but on
    a free port with a token and no browser; wait until it answers."""
    home = home or Path(tempfile.mkdtemp(prefix="lab-home-"))
    out = out or home / "out"
    token, port = secrets.token_hex(16), free_port()
    cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1",
           f"--ServerApp.port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
           f"--ServerApp.root_dir={root}", "--LabApp.news_url=None",
           "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate", "--LabApp.extension_manager=readonly"]
    if os.geteuid() == 0:
        cmd.append("--allow-root")
    env = lab_environment(home, out, corpus)
    log = home / "lab.log"
    with log.open("w") as log_file:
        proc = subprocess.Popen(cmd, cwd=root, env=env, stdout=log_file,
                                stderr=subprocess.STDOUT, start_new_session=True)
    lab = Lab(f"http://127.0.0.1:{port}/", token, proc, root, log)
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"JupyterLab exited ({proc.returncode}):\n{log.read_text()[-3000:]}")
        try:
            status, _ = lab_get(lab, "api/status")
            if status == 200:
                return lab
        except OSError:
            pass
        time.sleep(0.3)
    stop_lab(lab)
    pytest.fail(f"JupyterLab did not start in {START_TIMEOUT_S}s:\n{log.read_text()[-3000:]}")


def lab_get(lab: Lab, path: str, *, token: bool = True) -> tuple[int, bytes]:
    """GET a path of the server (with the token unless `token=False`): status and body."""
    headers = {"Authorization": f"token {lab.token}"} if token else {}
    try:
        with urllib.request.urlopen(urllib.request.Request(lab.url + path, headers=headers), timeout=10) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, b""


def stop_lab(lab: Lab) -> None:
    """Shut the server and its kernels down (the API first, then the process itself)."""
    if lab.proc.poll() is None:
        try:
            urllib.request.urlopen(urllib.request.Request(
                lab.url + "api/shutdown", method="POST", headers={"Authorization": f"token {lab.token}"}), timeout=10)
        except OSError:
            pass
        try:
            lab.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            lab.proc.terminate()
            try:
                lab.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                lab.proc.kill()
                lab.proc.wait(timeout=15)


# ---------------------------------------------------------------------------- the browser


@dataclass
class Seen:
    """What a JupyterLab page did besides talking to its server."""

    outside: list[str] = field(default_factory=list)
    """Requests (and websockets) to anywhere but the server: aborted."""
    topology: list[str] = field(default_factory=list)
    """Map topology files fetched from the server."""
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@dataclass
class LabPage:
    """One browser page on a running JupyterLab, every request outside it blocked."""

    lab: Lab
    page: Any
    seen: Seen

    def close(self) -> None:
        self.page.context.close()


def new_lab_page(browser, lab: Lab) -> LabPage:
    """A fresh browser context and page (1280x900) that may reach only `lab`'s server."""
    ctx = browser.new_context(viewport=VIEWPORT, service_workers="block")
    seen = Seen()

    def route(r) -> None:
        url = r.request.url
        if url.startswith(lab.url) or url.startswith(("data:", "blob:")):
            if url.startswith(lab.url + "static/") and url.split("?")[0].endswith(".json"):
                seen.topology.append(url)
            r.continue_()
        else:
            seen.outside.append(url)
            r.abort()

    def dialog(d) -> None:
        if d.type == "beforeunload":  # leaving a notebook with unsaved changes: leave
            d.accept()
            return
        seen.dialogs.append(f"{d.type}: {d.message}")
        d.dismiss()

    ctx.route("**/*", route)
    page = ctx.new_page()
    page.on("websocket", lambda ws: None if ws.url.startswith(lab.url.replace("http:", "ws:"))
            else seen.outside.append(ws.url))
    page.on("dialog", dialog)
    page.on("pageerror", lambda e: seen.errors.append(str(e)))
    return LabPage(lab, page, seen)


ACTIVE = ".jp-NotebookPanel:not(.lm-mod-hidden)"
"""The notebook shown in the main area."""

CHART_STATES_JS = """(active) => Array.from(document.querySelectorAll(active + ' .jp-OutputArea-output'))
  .filter(out => out.querySelector('.js-plotly-plot') || out.classList.contains('jp-RenderedPlotly'))
  .map(out => {
    const div = out.matches('.js-plotly-plot') ? out : out.querySelector('.js-plotly-plot');
    const q = (s) => div ? div.querySelectorAll(s) : [];
    return {
      svg: q('svg.main-svg').length,
      points: q('.point, .scatterlayer .trace path.js-line, .barlayer .bars path, .heatmaplayer image, '
                + '.choroplethlayer path, .nodes .node, g.slice').length,
      geo: q('.geo').length,
      land: Array.from(q('.geo .layer.land path')).reduce((n, p) => n + (p.getAttribute('d') || '').length, 0),
    };
  })"""


@dataclass(frozen=True)
class ChartState:
    """One plotly output of the shown notebook, as drawn."""

    svg: int
    points: int
    geo: int
    land: int
    """Length of the land outline's path data (a map without its topology has none)."""

    @property
    def drew(self) -> bool:
        """An SVG with data in it: a map with its land, any other chart with points or bars."""
        return self.svg >= 1 and (self.land > 100 if self.geo else self.points >= 1)


def chart_states(page) -> list[ChartState]:
    """Every plotly output of the notebook shown, in order, as drawn right now."""
    return [ChartState(**s) for s in page.evaluate(CHART_STATES_JS, ACTIVE)]


def lab_url(lab: Lab, notebook: str) -> str:
    """The URL that opens `notebook` (a path under the server's root) in a fresh workspace."""
    return f"{lab.url}lab/tree/{notebook}?reset&token={lab.token}"


def open_notebook(lp: LabPage, notebook: str, n_cells: int | None = None) -> None:
    """Open `notebook` (a path under the server's root) and wait until all its `n_cells`
    cells are in the page (JupyterLab attaches them while idle)."""
    lp.page.goto(lab_url(lp.lab, notebook))
    lp.page.wait_for_selector(f"{ACTIVE} .jp-Cell", timeout=60_000)
    if n_cells is not None:
        lp.page.wait_for_function(f"n => document.querySelectorAll('{ACTIVE} .jp-Cell').length >= n",
                                  arg=n_cells, timeout=60_000)


def scroll_through(page, pause_ms: int = 250) -> None:
    """Scroll the shown notebook from top to bottom, as a reader does, then back to the top
    (outputs out of view may wait to be laid out until then)."""
    scroller = f"document.querySelector('{ACTIVE} .jp-WindowedPanel-outer')"
    for _ in range(200):
        at_end = page.evaluate(f"() => {{ const s = {scroller}; s.scrollTop += s.clientHeight * 0.8;"
                               " return s.scrollTop + s.clientHeight >= s.scrollHeight - 2; }")
        page.wait_for_timeout(pause_ms)
        if at_end:
            break
    page.evaluate(f"() => {{ {scroller}.scrollTop = 0; }}")


def wait_for_charts(page, expected: int, timeout_s: float = 60) -> list[ChartState]:
    """Wait until `expected` charts of the shown notebook have drawn (or time is up), scrolling
    through it as a reader would when they do not draw in place; return their states."""
    deadline = time.monotonic() + timeout_s
    scroll_after = time.monotonic() + 5
    while True:
        states = chart_states(page)
        if (len(states) >= expected and all(s.drew for s in states)) or time.monotonic() > deadline:
            return states
        if time.monotonic() > scroll_after:
            scroll_through(page)
        else:
            page.wait_for_timeout(250)


def click_every_chart(page) -> list[dict[str, Any] | None]:
    """Click a point of every chart shown that carries evidence; return each evidence panel as
    it is after the click (None: no panel was bound under that chart)."""
    from clicks import click_for_evidence, has_evidence

    shown = []
    for chart in page.query_selector_all(f"{ACTIVE} .js-plotly-plot"):
        if has_evidence(chart):
            shown.append(click_for_evidence(page, chart))
    return shown


def assert_evidence_opens(page, name: str, expected: int) -> None:
    """A click on every chart opens its evidence panel under it: items, the span marked."""
    deadline = time.monotonic() + 30  # the panel binds once its chart has drawn
    while True:
        shown = click_every_chart(page)
        if (len(shown) >= expected and all(p and p["items"] for p in shown)) or time.monotonic() > deadline:
            break
        page.wait_for_timeout(500)
    assert len(shown) == expected, f"{name}: {len(shown)} of {expected} charts lead to evidence"
    for n, panel in enumerate(shown, start=1):
        assert panel and panel["items"] >= 1, f"{name}: chart {n}: no evidence panel after a click ({panel})"
        assert panel["marks"] and all(m.strip() for m in panel["marks"]), f"{name}: chart {n}: {panel}"


def hover_points(page, limit: int = 40) -> int:
    """Move the mouse over the data points of every chart shown (hover labels show article
    text); return how many points were hovered."""
    hovered = 0
    for el in page.query_selector_all(f"{ACTIVE} .js-plotly-plot :is(.point, .choroplethlayer path)")[:limit]:
        try:
            el.scroll_into_view_if_needed(timeout=1000)
            box = el.bounding_box()
            if box and box["width"] * box["height"] > 0:
                page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
                page.wait_for_timeout(60)
                hovered += 1
        except Exception:  # a point hidden by the map's frame: not hoverable
            continue
    return hovered


def kernel_status(page) -> str:
    """The shown notebook's kernel status (`idle`, `busy`, ...), from its toolbar."""
    return page.evaluate(f"() => (document.querySelector('{ACTIVE} .jp-Notebook-ExecutionIndicator') || {{}})"
                         ".getAttribute?.('data-status') || ''")


def prompts(page) -> list[str]:
    """The execution prompts (`[3]:`, `[*]:`, `[ ]:`) of the shown notebook's code cells."""
    return page.evaluate(f"""() => Array.from(document.querySelectorAll('{ACTIVE} .jp-CodeCell .jp-InputArea-prompt'))
        .map(p => p.textContent.trim())""")


def run_all(page, timeout_s: float = RUN_ALL_TIMEOUT_S) -> None:
    """Run → Run All Cells from JupyterLab's menu, once the kernel is idle; wait until the
    kernel is idle again and every code cell has run. A run the kernel's connection was not
    ready for (the prompts back to `[ ]` and the kernel idle) is asked for again, twice at most."""
    page.wait_for_function(f"() => document.querySelector('{ACTIVE} .jp-Notebook-ExecutionIndicator')"
                           "?.getAttribute('data-status') === 'idle'", timeout=60_000)

    def click_run_all() -> None:
        page.get_by_role("menuitem", name="Run", exact=True).click()
        page.locator(".lm-Menu-item:visible .lm-Menu-itemLabel").get_by_text("Run All Cells", exact=True).click()

    click_run_all()
    asked, idle_unrun_since = 1, None
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        marks = prompts(page)
        idle = kernel_status(page) == "idle"
        if idle and marks and all(m[1:-2].isdigit() for m in marks):
            return
        unrun = idle and marks and not any("*" in m for m in marks) and any(m == "[ ]:" for m in marks)
        idle_unrun_since = (idle_unrun_since or time.monotonic()) if unrun else None
        if idle_unrun_since and time.monotonic() - idle_unrun_since > 10 and asked < 3:
            click_run_all()
            asked, idle_unrun_since = asked + 1, None
        page.wait_for_timeout(500)
    pytest.fail(f"Run All did not finish in {timeout_s}s: prompts {prompts(page)}, kernel {kernel_status(page)}")


def error_outputs(page) -> list[str]:
    """Tracebacks shown in the notebook (a cell that failed)."""
    return page.evaluate(f"""() => Array.from(document.querySelectorAll('{ACTIVE} .jp-OutputArea-output'))
        .map(o => o.innerText).filter(t => t.includes('Traceback'))""")


FIRST_MAP = ".js-plotly-plot:has(.geo)"
FIRST_CHART = ".js-plotly-plot"


def screenshot(page, name: str, scroll_to: str | None = None) -> Path:
    """A screenshot of the window in tests/artifacts/; with `scroll_to` (a selector, e.g.
    `.js-plotly-plot:has(.geo)` for the first map), scrolled to that output's section (the
    cell before the output's cell at the top)."""
    page.mouse.move(2, VIEWPORT["height"] - 2)  # no hover label left open
    target = page.locator(f"{ACTIVE} {scroll_to}").first if scroll_to else None
    if target is not None and target.count():
        target.evaluate("el => { const cell = el.closest('.jp-Cell');"
                        " (cell.previousElementSibling || cell).scrollIntoView({block: 'start'}); }")
        page.wait_for_timeout(800)
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path))
    return path


def docs_screenshot(page, path: Path = DOCS_SCREENSHOT) -> Path:
    """The README's picture: the shown notebook at its first map, the side bar folded away
    (its file list shows times that change from run to run). Kept in tests/artifacts/, and
    copied over the README's file only with WORKBOOK_UPDATE_DOCS=1 (a test run leaves the
    checkout as it was)."""
    page.keyboard.press("Control+b")  # View > Show Left Sidebar, off
    page.wait_for_timeout(500)
    shot = screenshot(page, path.name, FIRST_MAP)
    page.keyboard.press("Control+b")
    if os.environ.get("WORKBOOK_UPDATE_DOCS") == "1":
        shutil.copyfile(shot, path)
    return shot


def assert_offline_and_clean(lp: LabPage, name: str) -> None:
    """Nothing left the machine, no dialog opened, no injected script ran."""
    seen = lp.seen
    assert seen.outside == [], f"{name}: requests left the machine (cdn.plot.ly: a map's topology): {seen.outside[:5]}"
    assert seen.dialogs == [], f"{name}: dialogs opened: {seen.dialogs}"
    assert seen.errors == [], f"{name}: errors in the page: {seen.errors[:5]}"
    assert lp.page.evaluate("() => window.__pwned === undefined"), f"{name}: an injected script ran"
    assert lp.page.locator(".jp-Dialog").count() == 0, f"{name}: JupyterLab shows a dialog"


def assert_charts_drew(states: list[ChartState], expected: int, name: str) -> None:
    assert len(states) == expected, f"{name}: {len(states)} charts shown, {expected} in the notebook"
    undrawn = [(i, s) for i, s in enumerate(states, start=1) if not s.drew]
    assert not undrawn, f"{name}: charts that did not draw: {undrawn}"


# ---------------------------------------------------------------------------- fixtures


@dataclass
class Served:
    """A JupyterLab on a copy of the committed notebooks."""

    lab: Lab
    prefix: str
    """Where the notebooks are under the server's root (`""` or `"notebooks/"`)."""
    folder: Path
    """The copy of the notebooks the server serves."""
    out: Path
    """WORKBOOK_OUT of its kernels."""


@pytest.fixture(scope="module")
def committed_digests():
    """The committed notebooks and the checkout's tables before the test, and after it."""
    before = file_digests(paths.NOTEBOOKS), file_digests(paths.DERIVED)
    yield before
    assert file_digests(paths.NOTEBOOKS) == before[0], "a committed notebook was changed"
    assert file_digests(paths.DERIVED) == before[1], "the checkout's data/derived was written"


def serve_copy(tmp: Path, layout: str, corpus: Path | None = None):
    """Copy the committed notebooks into a fresh folder and start JupyterLab on it."""
    root = tmp / "root"
    folder = root / "notebooks" if layout == "project" else root
    folder.mkdir(parents=True)
    for nb in committed_notebooks():
        shutil.copy2(nb, folder / nb.name)
    lab = start_lab(root, home=tmp / "home", out=tmp / "out", corpus=corpus)
    served = Served(lab, "notebooks/" if layout == "project" else "", folder, tmp / "out")
    try:
        yield served
    finally:
        stop_lab(lab)


@pytest.fixture(scope="module")
def lab_on_notebooks(tmp_path_factory, committed_digests):
    """`make lab`'s layout: the server's root is the notebooks folder."""
    yield from serve_copy(tmp_path_factory.mktemp("lab-notebooks"), "notebooks")


@pytest.fixture(scope="module")
def lab_on_project(tmp_path_factory, committed_digests, hostile_corpus: Path):
    """`jupyter lab` started in a project folder holding `notebooks/`; its kernels read the
    hostile corpus (the seeds plus an article full of markup) when a notebook is run."""
    yield from serve_copy(tmp_path_factory.mktemp("lab-project"), "project", corpus=hostile_corpus)


# ---------------------------------------------------------------------------- tests


def test_figures_shown_in_a_notebook_point_maps_at_the_servers_topology() -> None:
    renderer = pio.renderers["plotly_mimetype"]
    saved = pio.renderers.default, renderer.config
    fig = go.Figure(go.Scattergeo(lat=[35.9], lon=[36.6]))
    try:
        display.setup_notebook()
        config = fig._repr_mimebundle_()[PLOTLY_MIME]["config"]
        assert config == {"displaylogo": False, "responsive": True, "topojsonURL": "/static/"}
        display.setup_notebook(base_url="/user/ana/")  # a server under another base_url
        assert fig._repr_mimebundle_()[PLOTLY_MIME]["config"]["topojsonURL"] == "/user/ana/static/"
        os.environ[settings.ENV_JUPYTER_BASE_URL] = "/user/bo/"  # JupyterHub tells the kernel
        try:
            display.setup_notebook()
        finally:
            del os.environ[settings.ENV_JUPYTER_BASE_URL]
        assert fig._repr_mimebundle_()[PLOTLY_MIME]["config"]["topojsonURL"] == "/user/bo/static/"
    finally:
        pio.renderers.default, renderer.config = saved
    assert (paths.TOPOJSON / "world_110m.json").exists()  # what /static/world_110m.json serves


def test_the_server_configuration_adds_the_topology_and_keeps_everything_else(tmp_path: Path) -> None:
    prefix = tmp_path / "env"
    config_file = lab_config.server_config_path(prefix)
    config_file.parent.mkdir(parents=True)
    config_file.write_text(json.dumps({"ServerApp": {"extra_static_paths": ["/srv/other"], "ip": "0.0.0.0"},
                                       "LabApp": {"collaborative": False}}))
    for _ in range(2):  # `make env` run twice: the same file
        assert lab_config.write_server_config(prefix) == config_file
    written = json.loads(config_file.read_text())
    assert written["ServerApp"]["extra_static_paths"] == [str(paths.TOPOJSON.resolve()), "/srv/other"]
    assert written["ServerApp"]["ip"] == "0.0.0.0" and written["LabApp"] == {"collaborative": False}
    assert lab_config.main(["--prefix", str(tmp_path / "fresh")]) == 0
    fresh = json.loads(lab_config.server_config_path(tmp_path / "fresh").read_text())
    assert fresh == {"ServerApp": {"extra_static_paths": [str(paths.TOPOJSON.resolve())]}}


def test_this_environment_serves_the_map_topology() -> None:
    config = lab_config.server_config_path(sys.prefix)
    assert config.exists(), f"{config} is missing: run `make env` (or `python -m helpers.display.lab`)"
    static = json.loads(config.read_text())["ServerApp"]["extra_static_paths"]
    assert str(paths.TOPOJSON.resolve()) in static, f"{config} does not serve {paths.TOPOJSON}"


@pytest.mark.slow
@pytest.mark.parametrize("layout", ["notebooks", "project"])
def test_the_server_serves_the_topology_and_nothing_else_of_data(request, layout: str) -> None:
    served: Served = request.getfixturevalue(f"lab_on_{layout}")
    status, body = lab_get(served.lab, "static/world_110m.json", token=False)
    assert status == 200 and json.loads(body)["type"] == "Topology"
    for other in ("static/gazetteer.tsv.gz", "static/places.csv", "static/derived/documents.csv",
                  "static/topojson/world_110m.json"):
        assert lab_get(served.lab, other)[0] == 404, other


@pytest.mark.browser
@pytest.mark.slow
def test_every_committed_notebook_opens_untrusted_and_draws_its_charts_offline(browser, lab_on_notebooks: Served) -> None:
    lp = new_lab_page(browser, lab_on_notebooks.lab)
    try:
        for nb in committed_notebooks():
            open_notebook(lp, lab_on_notebooks.prefix + nb.name, len(notebook_json(nb)["cells"]))
            expected = expected_charts(nb)
            states = wait_for_charts(lp.page, expected)
            screenshot(lp.page, f"lab-{nb.stem}.png", FIRST_MAP if any(s.geo for s in states) else FIRST_CHART)
            assert_offline_and_clean(lp, nb.name)
            assert_charts_drew(states, expected, nb.name)
            if nb.name == MAPS:  # the README's picture of JupyterLab, once it shows what it should
                docs_screenshot(lp.page)
        # The land came from the server, not from a script of the (untrusted) notebook.
        assert [u for u in lp.seen.topology if u.split("?")[0].endswith("/static/world_110m.json")], lp.seen.topology
    finally:
        lp.close()


@pytest.mark.browser
@pytest.mark.slow
def test_the_maps_notebook_draws_offline_from_a_project_folder_too(browser, lab_on_project: Served) -> None:
    lp = new_lab_page(browser, lab_on_project.lab)
    try:
        nb = paths.NOTEBOOKS / MAPS
        open_notebook(lp, lab_on_project.prefix + MAPS, len(notebook_json(nb)["cells"]))
        states = wait_for_charts(lp.page, expected_charts(nb))
        screenshot(lp.page, "lab-project-04-maps.png", FIRST_MAP)
        assert_offline_and_clean(lp, MAPS)
        assert_charts_drew(states, expected_charts(nb), MAPS)
        assert sum(s.geo for s in states) == expected_charts(nb)
    finally:
        lp.close()


@pytest.mark.browser
@pytest.mark.slow
def test_run_all_on_the_maps_notebook_draws_again_offline_and_writes_only_to_out(
        browser, lab_on_project: Served) -> None:
    nb = paths.NOTEBOOKS / MAPS
    lp = new_lab_page(browser, lab_on_project.lab)
    try:
        open_notebook(lp, lab_on_project.prefix + MAPS, len(notebook_json(nb)["cells"]))
        run_all(lp.page)
        assert error_outputs(lp.page) == []
        states = wait_for_charts(lp.page, expected_charts(nb))
        hovered = hover_points(lp.page)
        screenshot(lp.page, "lab-run-all-04-maps.png", FIRST_MAP)
        assert_offline_and_clean(lp, f"{MAPS} after Run All")
        assert_charts_drew(states, expected_charts(nb), f"{MAPS} after Run All")
        assert hovered > 0
        assert "Evil Daily" in lp.page.inner_text(ACTIVE)  # it ran on the hostile corpus; its markup is text
        assert_evidence_opens(lp.page, f"{MAPS} after Run All", expected_charts(nb))
        screenshot(lp.page, "lab-evidence-04-maps.png")
        assert_offline_and_clean(lp, f"{MAPS} after Run All and the clicks")
    finally:
        lp.close()
    derived = lab_on_project.out / "derived"  # the tables went to OUT (the checkout's: see committed_digests)
    assert (derived / "places.csv").exists() and (derived / "places.geojson").exists()
    assert "zz_hostile" in (derived / "mentions.csv").read_text(encoding="utf-8")


@pytest.mark.browser
@pytest.mark.slow
def test_a_trusted_committed_notebook_shows_evidence_under_its_charts_on_open(browser, lab_on_notebooks: Served) -> None:
    """`make lab` trusts the committed notebooks (its check passes them): a click on any chart
    of 05 shows a quote, a figure or a descriptor in its sentence, with nothing run first."""
    name = "05-outlets-compared.ipynb"
    env = lab_environment(lab_on_notebooks.lab.root.parent / "home", lab_on_notebooks.out)
    subprocess.run([sys.executable, "-m", "helpers.display.lab", "--trust", str(lab_on_notebooks.folder / name)],
                   env=env, check=True, capture_output=True, timeout=60)
    nb = paths.NOTEBOOKS / name
    lp = new_lab_page(browser, lab_on_notebooks.lab)
    try:
        open_notebook(lp, lab_on_notebooks.prefix + name, len(notebook_json(nb)["cells"]))
        assert_charts_drew(wait_for_charts(lp.page, expected_charts(nb)), expected_charts(nb), name)
        assert_evidence_opens(lp.page, f"{name} trusted, as committed", expected_charts(nb))
        screenshot(lp.page, "lab-evidence-05-outlets-compared.png")
        assert_offline_and_clean(lp, f"{name} trusted")
    finally:
        lp.close()


def test_only_a_notebook_whose_outputs_are_inert_is_trusted(tmp_path: Path) -> None:
    import nbformat
    from nbformat.sign import NotebookNotary
    from nbformat.v4 import new_code_cell, new_notebook, new_output

    from helpers.display.evidence import EvidencePanel

    def notebook(name: str, html: str) -> Path:
        nb = new_notebook(cells=[new_code_cell("x", outputs=[
            new_output("display_data", data={"text/html": EvidencePanel()._repr_html_()}),
            new_output("display_data", data={"text/html": html})])])
        path = tmp_path / name
        nbformat.write(nb, path)
        return path

    home = tmp_path / "home"
    env = lab_environment(home, tmp_path / "out")
    good = notebook("good.ipynb", "<table><tr><td>&lt;script&gt; as text</td></tr></table>")
    bad = [notebook("script.ipynb", "<p>ok</p><script>window.__pwned = 1</script>"),
           notebook("img.ipynb", '<img src=x onerror="window.__pwned = 1">'),
           notebook("link.ipynb", '<a href="javascript:alert(1)">x</a>')]
    proc = subprocess.run([sys.executable, "-m", "helpers.display.lab", "--trust", str(good), *map(str, bad)],
                          env=env, capture_output=True, text=True, timeout=60, check=True)
    for path in bad:
        assert f"not trusted: {path}" in proc.stdout
    data_dir = env["JUPYTER_DATA_DIR"]
    notary = NotebookNotary(data_dir=data_dir)
    assert notary.check_signature(nbformat.read(good, as_version=4))
    assert not any(notary.check_signature(nbformat.read(p, as_version=4)) for p in bad)
    committed = [nbformat.read(p, as_version=4) for p in committed_notebooks()]
    assert all(lab_config.untrusted_outputs(nb) == [] for nb in committed)  # make lab trusts them all


LONG_TABLE_CELL = """import pandas as pd
from helpers import display
evil = ['<img src=x onerror="window.__pwned = 1">', '<script>window.__pwned = 2</script>']
rows = pd.DataFrame({'entity': [f'name {i:04d}' for i in range(1500)],
                     'mentions': [(i * 37) % 101 for i in range(1500)],
                     'text': [evil[i % 2] for i in range(1500)]})
display.table(rows, export='entities.csv')"""
"""A notebook cell showing a table of 1,500 rows whose text cells hold markup that would run."""

LONG_TABLE = f"{ACTIVE} table.workbook-long-table"


def check_long_table_interactive(page) -> None:
    """The shown notebook's long table: one page of rows of the first 1,000, searchable and
    sortable, its cells' markup shown as text."""
    from helpers.display import long_tables

    page.wait_for_selector(f"{LONG_TABLE}.dataTable", timeout=30_000)
    rows = page.locator(f"{LONG_TABLE} tbody tr")
    assert rows.count() == long_tables.PAGE_ROWS  # one page, not 1,000 rows
    text = page.inner_text(ACTIVE)
    assert "Showing 1 to 25 of 1,000 entries" in text
    assert "first 1,000 of 1,500 rows; the whole table is entities.csv" in text
    assert '<img src=x onerror="window.__pwned = 1">' in rows.first.inner_text()  # shown as typed
    assert "<script>window.__pwned = 2</script>" in rows.nth(1).inner_text()
    search = page.locator(f"{ACTIVE} .dt-container input[type=search]")
    search.fill("name 0777")
    page.wait_for_timeout(300)
    assert rows.count() == 1 and "name 0777" in rows.first.inner_text()
    search.fill("")
    header = page.locator(f"{LONG_TABLE} thead th", has_text="entity")
    header.click()  # ascending, then descending
    header.click()
    page.wait_for_timeout(300)
    assert "name 0999" in rows.first.inner_text()


@pytest.mark.browser
@pytest.mark.slow
def test_a_long_table_run_in_jupyterlab_is_interactive_offline_and_stays_so_when_reopened(
        browser, lab_on_notebooks: Served) -> None:
    """Issue 11, item 5, live: a table of 1,500 rows shown by a kernel in JupyterLab is
    paginated, searchable and sortable with nothing fetched; saved and opened again it is
    interactive with nothing run; a copy whose trust is lost shows its first rows as a plain
    table and runs nothing either."""
    import nbformat
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

    name = "zz-long-table.ipynb"
    path = lab_on_notebooks.folder / name
    kernel = notebook_json(paths.NOTEBOOKS / MAPS)["metadata"]["kernelspec"]  # no "select a kernel" dialog
    nbformat.write(new_notebook(cells=[new_markdown_cell("# A long table"), new_code_cell(LONG_TABLE_CELL)],
                                metadata={"kernelspec": kernel}), path)
    lp = new_lab_page(browser, lab_on_notebooks.lab)
    try:
        open_notebook(lp, lab_on_notebooks.prefix + name, 2)
        run_all(lp.page)
        assert error_outputs(lp.page) == []
        check_long_table_interactive(lp.page)
        screenshot(lp.page, "lab-long-table.png", "table.workbook-long-table")
        assert_offline_and_clean(lp, f"{name} after Run All")
        lp.page.keyboard.press("Control+s")
        deadline = time.monotonic() + 30
        while "workbook-long-table" not in path.read_text(encoding="utf-8") and time.monotonic() < deadline:
            lp.page.wait_for_timeout(300)
    finally:
        lp.close()
    saved = nbformat.read(path, as_version=4)
    assert any("workbook-long-table" in str(o) for o in saved.cells[1].outputs), "the notebook was not saved"
    lp = new_lab_page(browser, lab_on_notebooks.lab)
    try:  # opened again, no cell run: the kernel's own outputs are trusted
        open_notebook(lp, lab_on_notebooks.prefix + name, 2)
        check_long_table_interactive(lp.page)
        assert prompts(lp.page) == ["[1]:"]
        assert_offline_and_clean(lp, f"{name} reopened")
    finally:
        lp.close()
    saved.cells[0].source = "# A long table, edited outside JupyterLab"  # its signature no longer matches
    copy = lab_on_notebooks.folder / "zz-long-table-untrusted.ipynb"
    nbformat.write(saved, copy)
    lp = new_lab_page(browser, lab_on_notebooks.lab)
    try:
        open_notebook(lp, lab_on_notebooks.prefix + copy.name, 2)
        lp.page.wait_for_selector(LONG_TABLE, timeout=30_000)
        lp.page.wait_for_timeout(1000)
        assert lp.page.locator(f"{LONG_TABLE}.dataTable").count() == 0  # no script ran ...
        assert "name 0000" in lp.page.inner_text(LONG_TABLE)  # ... and the rows are there to read
        assert_offline_and_clean(lp, f"{copy.name} untrusted")
    finally:
        lp.close()
