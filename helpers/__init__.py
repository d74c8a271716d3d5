"""Helpers shared by the workbook's notebooks.

The notebooks tell the story; the logic lives here, typed, documented and unit-tested, in
one subpackage per stage over a shared text layer (see the README's "Architecture").

The public API::

    from helpers import load_corpus, find_timexes, find_quotes, geoparse
    from helpers import settings, stages        # the cached stages the notebooks call

`load_corpus(folder)` reads a folder of articles (notebook 01); `find_timexes`, `find_quotes`
and `geoparse` run notebooks 03, 05 and 04's code on one text (`helpers.api`); the stages
(`stages.entities(cfg)`, `.timeline`, `.places`, `.sources`) run a whole corpus, cached.
Names are imported on first use, so `import helpers` stays light.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_PUBLIC: dict[str, str] = {
    "load_corpus": "helpers.corpus",
    "find_timexes": "helpers.api",
    "find_quotes": "helpers.api",
    "geoparse": "helpers.api",
}
"""Public name -> the module that defines (or re-exports) it."""

__all__ = sorted(_PUBLIC)


def __getattr__(name: str) -> Any:
    """Import a public name on first use (PEP 562)."""
    if name in _PUBLIC:
        return getattr(import_module(_PUBLIC[name]), name)
    raise AttributeError(f"module 'helpers' has no attribute {name!r}")
