"""What plotly needs offline, read from the shipped files: the map topology (`data/topojson/`),
so that maps draw with nothing fetched, inlined in the HTML reports (in JupyterLab the Jupyter
server serves the same files and every figure's `topojsonURL` points at them,
`helpers.display.lab`); and the plotly.js a report inlines (`plotlyjs_for`): a partial bundle
(`data/plotlyjs/`) when its charts need only the trace types of one, else plotly's full one."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import paths


def topojson_name(layout_geo: dict[str, Any]) -> str:
    """The topology file plotly.js needs for one geo subplot (`world_110m`, `europe_50m`, ...)."""
    scope = str(layout_geo.get("scope") or "world").replace(" ", "-")
    resolution = layout_geo.get("resolution") or 110
    return f"{scope}_{int(resolution)}m"


def figure_topojson_names(figure: dict[str, Any]) -> set[str]:
    """Topology files a plotly figure (as JSON) draws: one per geo subplot it uses."""
    layout = figure.get("layout") or {}
    geo_keys = {k for k in layout if re.fullmatch(r"geo\d*", k)}
    for trace in figure.get("data") or []:
        if trace.get("type") in ("scattergeo", "choropleth"):
            geo_keys.add(trace.get("geo") or "geo")
    return {topojson_name(layout.get(k) or {}) for k in geo_keys}


def geo_assets_script(names: Iterable[str], folder: Path = paths.TOPOJSON) -> str:
    """JSON for `window.PlotlyGeoAssets`, holding the named topology files read from disk."""
    topo: dict[str, Any] = {}
    for name in sorted(set(names)):
        path = folder / f"{name}.json"
        if not path.exists():
            raise FileNotFoundError(f"No map topology {name!r} in {paths.shown(folder)}")
        topo[name] = json.loads(path.read_text(encoding="utf-8"))
    return script_safe(json.dumps({"topojson": topo}, separators=(",", ":")))


def script_safe(js: str) -> str:
    """Make JSON safe to place inside a <script> element (no `</script>` can close it)."""
    return js.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


# ---------------------------------------------------------------------------- plotly.js

PLOTLYJS = paths.DATA / "plotlyjs"
"""The partial plotly.js bundles, their manifest and licence (`make plotlyjs` fetches them)."""
BUNDLES_FILE = "bundles.json"
"""The manifest of the partial plotly.js bundles in `data/plotlyjs/`."""


@dataclass(frozen=True)
class PlotlyBundle:
    """A partial plotly.js bundle shipped in `data/plotlyjs/`: the trace types it draws."""

    name: str
    path: Path
    sha256: str
    version: str
    traces: frozenset[str]


def plotly_bundles(folder: Path = PLOTLYJS) -> list[PlotlyBundle]:
    """The shipped partial bundles (`bundles.json`), smallest first; none when the manifest is missing."""
    manifest = folder / BUNDLES_FILE
    if not manifest.exists():
        return []
    data = json.loads(manifest.read_text(encoding="utf-8"))
    found = [PlotlyBundle(name, folder / b["file"], b["sha256"], data["plotly.js"], frozenset(b["traces"]))
             for name, b in data["bundles"].items()]
    return sorted(found, key=lambda b: (b.path.stat().st_size if b.path.exists() else float("inf"), b.name))


def figure_trace_types(figure: dict[str, Any]) -> set[str]:
    """The trace types a plotly figure (as JSON) draws, its animation frames included."""
    traces = list(figure.get("data") or [])
    for frame in figure.get("frames") or []:
        traces.extend(frame.get("data") or [])
    return {str(t.get("type") or "scatter") for t in traces}


def plotlyjs_for(trace_types: Iterable[str], folder: Path = PLOTLYJS) -> tuple[str, str]:
    """The plotly.js a report inlines to draw traces of `trace_types`, and its name: the smallest
    shipped partial bundle that draws them all (`cartesian`: bars, lines, heatmaps; `geo`: maps),
    a third of the full bundle's 4.8 MB; else plotly's own full bundle (`full`). A bundle is
    used only when it is of the plotly.js version plotly's figures are written for."""
    from plotly.offline import get_plotlyjs, get_plotlyjs_version

    wanted = set(trace_types) or {"scatter"}
    version = get_plotlyjs_version()
    for bundle in plotly_bundles(folder):
        if bundle.version == version and wanted <= bundle.traces and bundle.path.exists():
            return bundle.path.read_text(encoding="utf-8"), bundle.name
    return get_plotlyjs(), "full"
