"""The spaCy layer: the pipeline (checked and loaded once) and the on-disk annotation cache
that every later stage reads (tokens, sentences, entity spans), keyed by article text and
pipeline version."""

from .pipeline import (  # noqa: F401
    check_pipeline,
    install_hint,
    load_pipeline,
    model_loads,
    ModelLoad,
    PIP_NAMES,
    PipelineInfo,
    PipelineMissing,
    shared_pipeline,
)
from .cache import (  # noqa: F401
    annotate,
    annotate_text,
    Annotation,
    annotation_from_doc,
    AnnotationCache,
    FORMAT_VERSION,
    Parses,
    RunStats,
    TOKEN_FIELDS,
)
