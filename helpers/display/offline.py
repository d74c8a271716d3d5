"""Map topology for plotly, read from the shipped files (`data/topojson/`), so that maps draw
with nothing fetched: inlined in the HTML reports. In JupyterLab the Jupyter server serves the
same files and every figure's `topojsonURL` points at them (`helpers.display.lab`)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
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
