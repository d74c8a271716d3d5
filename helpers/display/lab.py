"""Maps in JupyterLab with nothing fetched: the Jupyter server serves the shipped topology.

plotly.js draws a map's land and borders from a topology file (`world_110m.json`, ...) that
it fetches from `config.topojsonURL` (by default cdn.plot.ly) unless the page already holds
it. A notebook opened in JupyterLab runs none of its own scripts until it is trusted, so the
workbook cannot hand the topology over from a notebook output. Instead:

- `make env` runs this module, which adds `data/topojson/` to the static paths of the
  environment's Jupyter server, in its configuration file `<sys.prefix>/etc/jupyter/
  jupyter_server_config.json` (the `jupyter_server_config.d/` folder only enables
  extensions). Every Jupyter server started from that environment (`jupyter lab`,
  `make lab`, from any folder) then serves `data/topojson/world_110m.json` at
  `{base_url}static/world_110m.json`.
- `setup_notebook()` gives every figure the config `topojsonURL: "/static/"` (see
  `topojson_url`), which JupyterLab's plotly renderer passes to plotly.js.

The URL is absolute on the server, so it needs the server's `base_url`: `/` by default,
JupyterHub's `JUPYTERHUB_SERVICE_PREFIX` when the kernel has it, or
`setup_notebook(base_url="/prefix/")` for a server started with `--ServerApp.base_url=/prefix/`.

Run `python -m helpers.display.lab` from any environment the workbook is installed in
(a conda environment, say) to write that environment's file; `--print` shows it instead.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

from .. import paths

STATIC_PREFIX = "static/"
"""Where the Jupyter server serves its static paths, under its `base_url`."""
SERVER_CONFIG_NAME = "jupyter_server_config.json"
"""The environment's Jupyter server configuration file, in `<prefix>/etc/jupyter/`."""


def topojson_url(base_url: str = "/") -> str:
    """The `topojsonURL` plotly.js is given in JupyterLab: the server's static URL.

    plotly.js fetches `topojsonURL + name + ".json"` (e.g. `/static/world_110m.json`), and
    only for a topology the page does not hold already.
    """
    base = "/" + base_url.strip("/") + "/" if base_url.strip("/") else "/"
    return base + STATIC_PREFIX


def server_config(folder: Path = paths.TOPOJSON, current: dict[str, Any] | None = None) -> dict[str, Any]:
    """The Jupyter server configuration `current` with `folder` (the shipped topology) first
    among its static paths; every other setting and path is kept.

    Only that folder is served (without authentication, like every static file of the
    server: it holds public map data and its licence, nothing from the corpus).
    """
    config = json.loads(json.dumps(current or {}))
    server = config.setdefault("ServerApp", {})
    ours = str(folder.resolve())
    server["extra_static_paths"] = [ours, *(p for p in server.get("extra_static_paths", []) if p != ours)]
    return config


def server_config_path(prefix: Path | str = sys.prefix) -> Path:
    """The configuration file of environment `prefix`'s Jupyter server."""
    return Path(prefix) / "etc" / "jupyter" / SERVER_CONFIG_NAME


def write_server_config(prefix: Path | str = sys.prefix, folder: Path = paths.TOPOJSON) -> Path:
    """Add `folder` to the static paths of environment `prefix`'s Jupyter server; return the
    configuration file (created if absent, other settings kept)."""
    if not (folder / "world_110m.json").exists():
        raise FileNotFoundError(f"No map topology in {paths.shown(folder)}")
    path = server_config_path(prefix)
    current = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(server_config(folder, current), indent=2) + "\n", encoding="utf-8")
    return path


LIVE_MARKUP = re.compile(
    r"<(script|img|iframe|object|embed|svg|math|form|link|meta|base)\b|<[a-z][^<>]*\son\w+\s*="
    r"|(href|src|action)\s*=\s*[\"']?\s*(javascript|data|vbscript):", re.IGNORECASE)
"""Markup that runs, or loads, when a trusted notebook's output is rendered unsanitised."""
ACTIVE_MIMES = ("text/html", "text/markdown", "image/svg+xml", "application/javascript")
"""Output types JupyterLab renders as live markup or code in a trusted notebook."""


def inert_part(text: str) -> str:
    """What of an HTML output must hold no live markup: all of it, but for the workbook's own
    scripts, each accepted only byte for byte: the evidence panel (`EvidencePanel`, no
    article data), the DataTables loader of the installed itables (`table_support`), and the
    constant script under a long table (whose table, note and box must then be inert)."""
    from .evidence import EvidencePanel
    from .long_tables import bundle_loader, split_long_table

    if text == EvidencePanel()._repr_html_() or text == bundle_loader():
        return ""
    table = split_long_table(text)
    return text if table is None else table


def untrusted_outputs(nb: Any) -> list[str]:
    """Why notebook `nb` (an nbformat node) must not be trusted: each output that would run
    or load something when rendered unsanitised, except the workbook's own scripts
    (`inert_part`: the evidence panel, the long tables' bundle and script). Empty: safe to
    trust."""
    found = []
    for n, cell in enumerate(nb.cells, start=1):
        for output in cell.get("outputs", []):
            for mime in ACTIVE_MIMES:
                value = (output.get("data") or {}).get(mime)
                if value is None:
                    continue
                text = "".join(value) if isinstance(value, list) else str(value)
                rest = text if mime != "text/html" else inert_part(text)
                if mime == "application/javascript" or LIVE_MARKUP.search(rest):
                    found.append(f"cell {n}: {mime} {(LIVE_MARKUP.search(rest) or re.match('', rest)).group()!r}")
    return found


def trust_notebooks(notebooks: list[Path]) -> list[Path]:
    """Sign (trust) each notebook whose outputs are all inert but for the evidence panel, so
    its panels work when it is opened; return the ones signed. Any other is left untrusted,
    and says why (JupyterLab then sanitises its outputs, and its charts still draw)."""
    import nbformat
    from nbformat.sign import NotebookNotary

    notary, signed = NotebookNotary(), []
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        reasons = untrusted_outputs(nb)
        if reasons:
            print(f"not trusted: {path} ({'; '.join(reasons[:3])})")
            continue
        notary.sign(nb)
        signed.append(path)
    if signed:
        print(f"trusted (their evidence panels work on open): {', '.join(p.name for p in signed)}")
    return signed


def main(argv: list[str] | None = None) -> int:
    """`python -m helpers.display.lab [--prefix ENV] [--print] [--trust NOTEBOOK ...]`."""
    parser = argparse.ArgumentParser(
        prog="python -m helpers.display.lab",
        description="Let the Jupyter server of an environment serve the workbook's map topology "
                    "(data/topojson/), so maps draw in JupyterLab with nothing fetched.")
    parser.add_argument("--prefix", default=sys.prefix,
                        help="the environment to configure (default: this Python's, %(default)s)")
    parser.add_argument("--print", action="store_true", dest="show",
                        help="print the configuration instead of writing it")
    parser.add_argument("--trust", nargs="+", type=Path, metavar="NOTEBOOK",
                        help="trust these notebooks if every output is inert but the evidence panel")
    args = parser.parse_args(argv)
    if args.trust:
        trust_notebooks(args.trust)
        return 0
    if args.show:
        print(json.dumps(server_config(), indent=2))
        return 0
    path = write_server_config(args.prefix)
    print(f"Jupyter server configured to serve the map topology: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
