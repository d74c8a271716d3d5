"""Run the spaCy pipeline over a corpus in batches, streaming, with an on-disk cache.

Each article's annotations (sentences, named-entity spans, and a compact token table for
later stages: tense, quotes) are cached in one JSON file keyed by the article's text, the
pipeline's name and version, and this module's format version. Rerunning a notebook, or
opening a later notebook on its own, reads the cache and never loads the model; an edited
article, another pipeline or another pipeline version is parsed afresh.

Memory stays flat as the corpus grows: articles are streamed through `nlp.pipe`, each
parsed `Doc` is reduced to its annotations and written out at once, and no `Doc` is kept.

An article longer than `CHUNK_CHARS` (or than the pipeline's `nlp.max_length`, if smaller) is
parsed in pieces cut at paragraph breaks (`helpers.text.pieces`), one piece at a time, and the
pieces' annotations are joined into one whose offsets all refer to the whole text: a long
article never meets spaCy's length limit (E088), and the memory its parse needs is that of one
piece. Shorter articles are parsed whole, as before.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from .. import tables
from ..corpus import Article
from ..settings import DEFAULT_SPACY_MODEL, processes_for
from ..text.parse import TOKEN_FIELDS, Parse  # noqa: F401  (TOKEN_FIELDS: the cached columns)
from ..text.pieces import piece_spans
from .pipeline import check_pipeline, load_pipeline, shared_pipeline

FORMAT_VERSION = 1
"""Bump when the cached record changes shape; old entries are then ignored."""

CHUNK_CHARS = 100_000
"""The longest text parsed in one go; a longer article is parsed in pieces of at most this many
characters, cut at paragraph breaks. spaCy's own limit (`nlp.max_length`, 1,000,000) is ten
times more, but the parse of a text needs memory in proportion to its length (about 300 MB
per 100,000 characters with the small English pipeline): a piece this size needs no more than
a batch of news articles does. News articles are far shorter, and are parsed whole."""


@dataclass
class Annotation:
    """What the pipeline found in one article; every offset is into the article's text."""

    sents: list[tuple[int, int]]
    """Sentence spans (start, end), in order; `sent_id` is the index into this list."""
    ents: list[tuple[int, int, str]]
    """Named-entity spans (start, end, label) as the pipeline tagged them."""
    tokens: dict[str, list[Any]] = field(default_factory=dict)
    """Column-wise token table: idx, len, tag, pos, dep, head (token index), lemma, ent_iob."""

    @cached_property
    def parse(self) -> Parse:
        """Sentence and token look-ups over this annotation (`helpers.text.parse.Parse`)."""
        return Parse(self.sents, self.tokens)

    def sent_of(self, offset: int) -> int:
        """The `sent_id` of the sentence holding character `offset` (-1 if none)."""
        return self.parse.sentence_index(offset)

    def to_json(self) -> dict[str, Any]:
        return {"v": FORMAT_VERSION, "sents": self.sents, "ents": self.ents, "tokens": self.tokens}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Annotation":
        return cls(sents=[tuple(s) for s in data["sents"]],  # type: ignore[misc]
                   ents=[tuple(e) for e in data["ents"]],  # type: ignore[misc]
                   tokens=data.get("tokens", {}))


def annotation_from_doc(doc: Any) -> Annotation:
    """Reduce a spaCy Doc to its Annotation (no reference to the Doc is kept)."""
    sents = [(s.start_char, s.end_char) for s in doc.sents]
    ents = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
    tokens: dict[str, list[Any]] = {
        "idx": [t.idx for t in doc],
        "len": [len(t.text) for t in doc],
        "tag": [t.tag_ for t in doc],
        "pos": [t.pos_ for t in doc],
        "dep": [t.dep_ for t in doc],
        "head": [t.head.i for t in doc],
        "lemma": [t.lemma_ for t in doc],
        "ent_iob": [t.ent_iob_ for t in doc],
    }
    return Annotation(sents=sents, ents=ents, tokens=tokens)


def piece_limit(nlp: Any, chunk_chars: int = CHUNK_CHARS) -> int:
    """The longest text pipeline `nlp` parses whole: `chunk_chars`, or its `max_length` if smaller."""
    return min(chunk_chars, getattr(nlp, "max_length", chunk_chars))


def shift_annotation(part: Annotation, char_offset: int, token_offset: int) -> Annotation:
    """`part`, the annotation of a piece that begins at character `char_offset` of the whole
    text and after `token_offset` tokens of it, with its offsets moved into the whole text."""
    tokens = dict(part.tokens)
    if "idx" in tokens:
        tokens["idx"] = [i + char_offset for i in tokens["idx"]]
    if "head" in tokens:
        tokens["head"] = [h + token_offset for h in tokens["head"]]
    return Annotation(sents=[(s + char_offset, e + char_offset) for s, e in part.sents],
                      ents=[(s + char_offset, e + char_offset, label) for s, e, label in part.ents],
                      tokens=tokens)


def annotate_in_pieces(text: str, nlp: Any, max_chars: int, *, n_process: int = 1) -> Annotation:
    """The annotation of `text`, parsed by `nlp` in pieces of at most `max_chars` characters
    (`helpers.text.pieces.piece_spans`), each reduced to its annotation as soon as it is parsed
    (one `Doc` at a time per process), and joined: every offset refers to `text`."""
    spans = piece_spans(text, max_chars)
    whole = Annotation(sents=[], ents=[], tokens={})
    pieces = ((text[start:end], start) for start, end in spans)
    for doc, start in nlp.pipe(pieces, as_tuples=True, batch_size=1, n_process=n_process):
        n_before = len(whole.tokens.get("idx", ()))
        part = shift_annotation(annotation_from_doc(doc), start, n_before)
        del doc
        whole.sents.extend(part.sents)
        whole.ents.extend(part.ents)
        for name, column in part.tokens.items():
            whole.tokens.setdefault(name, []).extend(column)
    return whole


def _parse(nlp: Any, articles: list[Article], *, chunk_chars: int, batch_size: int,
           n_process: int) -> Iterator[tuple[Article, Annotation, int]]:
    """`(article, annotation, n_tokens)` for each article, in order: runs of articles short
    enough to parse whole stream through one `nlp.pipe`, as they always did; a longer one is
    parsed in pieces (`annotate_in_pieces`)."""
    limit = piece_limit(nlp, chunk_chars)
    for is_long, run in itertools.groupby(articles, key=lambda a: len(a.text) > limit):
        if is_long:
            for article in run:
                annotation = annotate_in_pieces(article.text, nlp, limit, n_process=n_process)
                yield article, annotation, len(annotation.tokens.get("idx", ()))
            continue
        stream = nlp.pipe(((a.text, a) for a in list(run)), as_tuples=True, batch_size=batch_size,
                          n_process=n_process)
        for doc, article in stream:
            yield article, annotation_from_doc(doc), len(doc)


class AnnotationCache:
    """Annotations on disk, one JSON file per (text, pipeline, pipeline version, format)."""

    def __init__(self, folder: Path, model: str, model_version: str) -> None:
        self.model = model
        self.model_version = model_version
        self.folder = folder / f"{model}-{model_version}-v{FORMAT_VERSION}"

    def key(self, text: str) -> str:
        """Cache key of one article text for this pipeline and version."""
        h = hashlib.sha256()
        h.update(f"{self.model}\0{self.model_version}\0{FORMAT_VERSION}\0".encode())
        h.update(text.encode("utf-8", "surrogatepass"))
        return h.hexdigest()

    def path(self, text: str) -> Path:
        key = self.key(text)
        return self.folder / key[:2] / f"{key}.json"

    def get(self, text: str) -> Annotation | None:
        """The cached annotation of `text`, or None."""
        path = self.path(text)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if data.get("v") != FORMAT_VERSION:
            return None
        return Annotation.from_json(data)

    def put(self, text: str, annotation: Annotation) -> None:
        """Store an annotation atomically (a crash never leaves half a file)."""
        path = self.path(text)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(annotation.to_json(), f, separators=(",", ":"))
        os.replace(tmp, path)


@dataclass
class RunStats:
    """What one run of the entity stage read: how many articles came from the annotation cache
    or the model, and how many needed neither (their cleaned spans read back)."""

    cached: int = 0
    parsed: int = 0
    words_parsed: int = 0
    remembered: int = 0
    """Articles whose cleaned spans the entity stage read back from its memo, reading neither
    the annotation cache nor the model (`stages.entities`)."""


def annotate(articles: Iterable[Article], model: str, cache_folder: Path, *, n_process: int = 1,
             batch_size: int = 32, stats: RunStats | None = None, chunk_chars: int = CHUNK_CHARS,
             problems: tables.ArticleProblems | None = None) -> Iterator[tuple[Article, Annotation]]:
    """Yield `(article, annotation)` for every article: cached ones first, then parsed ones.

    Parsing streams through `nlp.pipe(..., n_process=...)`, with no more processes than the
    missing articles are worth (`settings.processes_for`: 3 articles start none); the model is
    loaded only when an article is missing from the cache. An article longer than `chunk_chars` is parsed in
    paragraph-aligned pieces (`annotate_in_pieces`); its cache key is still its text.

    With `problems`, an article the pipeline raises on is recorded there and not yielded (nor
    cached, so the next run tries it again), and the others are: after the error, the articles
    not yet parsed are parsed one at a time. Without it, the error is raised.
    """
    info = check_pipeline(model)
    cache = AnnotationCache(cache_folder, model, info.version)
    stats = stats if stats is not None else RunStats()
    missing: list[Article] = []
    for article in articles:
        hit = cache.get(article.text)
        if hit is None:
            missing.append(article)
        else:
            stats.cached += 1
            yield article, hit
    if not missing:
        return
    nlp = load_pipeline(model)
    done: set[str] = set()
    n_process = processes_for(len(missing), n_process)
    try:
        for article, annotation, n_tokens in _parse(nlp, missing, chunk_chars=chunk_chars,
                                                    batch_size=batch_size, n_process=n_process):
            _keep(cache, stats, article, annotation, n_tokens)
            done.add(article.doc_id)
            yield article, annotation
    except Exception:
        if problems is None:
            raise
        for article in (a for a in missing if a.doc_id not in done):
            parsed = tables.isolated(problems, article.doc_id, lambda a=article: list(
                _parse(nlp, [a], chunk_chars=chunk_chars, batch_size=1, n_process=1)))
            for one, annotation, n_tokens in parsed or ():
                _keep(cache, stats, one, annotation, n_tokens)
                yield one, annotation


def _keep(cache: AnnotationCache, stats: RunStats, article: Article, annotation: Annotation,
          n_tokens: int) -> None:
    """Cache a parsed article's annotation and count it."""
    cache.put(article.text, annotation)
    stats.parsed += 1
    stats.words_parsed += n_tokens


@dataclass(frozen=True)
class ArticleText:
    """An article's name and text: all the annotation cache needs of it (what a worker gets)."""

    doc_id: str
    text: str


@dataclass(frozen=True)
class ParseBatch:
    """The input of `parse_batch`: the texts of a batch of articles and the pipeline's name."""

    model: str
    articles: list[ArticleText]
    stage: str
    """The stage whose problems the errors are (`entities`)."""
    chunk_chars: int = CHUNK_CHARS


@dataclass
class ParsedBatch:
    """What `parse_batch` returns: each parsed article's annotation and token count, by doc_id
    (in the batch's order), and the articles the pipeline raised on."""

    annotations: dict[str, Annotation]
    n_tokens: dict[str, int]
    problems: list[tables.StageProblem]


def parse_batch(batch: ParseBatch) -> ParsedBatch:
    """Parse a batch of articles with the pipeline loaded once in this process (a Dask worker:
    `shared_pipeline`), each on its own (`tables.isolated`): one bad article costs only itself.
    Nothing is cached here: the caller writes the annotations to its own annotation cache."""
    nlp = shared_pipeline(batch.model)
    problems = tables.ArticleProblems(batch.stage)
    out = ParsedBatch({}, {}, [])
    for article in batch.articles:
        annotation = tables.isolated(problems, article.doc_id, annotate_text, article.text, nlp,
                                     chunk_chars=batch.chunk_chars)
        if annotation is not None:
            out.annotations[article.doc_id] = annotation
            out.n_tokens[article.doc_id] = len(annotation.tokens.get("idx", ()))
    out.problems = problems.rows
    return out


def keep_parsed(articles: Iterable[Article], parsed: ParsedBatch, model: str, cache_folder: Path,
                stats: RunStats | None = None) -> None:
    """Write the annotations a worker parsed (`parse_batch`) to the annotation cache here."""
    cache = AnnotationCache(cache_folder, model, check_pipeline(model).version)
    stats = stats if stats is not None else RunStats()
    for article in articles:
        if article.doc_id in parsed.annotations:
            _keep(cache, stats, article, parsed.annotations[article.doc_id], parsed.n_tokens[article.doc_id])


def missing_from_cache(articles: Iterable[Article], model: str, cache_folder: Path) -> list[Article]:
    """The articles whose annotation is not in the cache yet (those a run must parse)."""
    cache = AnnotationCache(cache_folder, model, check_pipeline(model).version)
    return [a for a in articles if not cache.path(a.text).exists()]


def cached_annotations(articles: Iterable[Article | ArticleText], model: str,
                       cache_folder: Path) -> dict[str, Annotation]:
    """The cached annotation of each article that has one, by doc_id (to send to a remote worker)."""
    cache = AnnotationCache(cache_folder, model, check_pipeline(model).version)
    found = {a.doc_id: cache.get(a.text) for a in articles}
    return {d: a for d, a in found.items() if a is not None}


class Parses(Mapping[str, Parse]):
    """Each article's cached parse, by `doc_id`, read from the annotation cache only when asked
    for (one article at a time, so memory stays flat); an article missing from the cache is
    parsed then, and cached. Later stages read the parse the entity stage made this way."""

    def __init__(self, articles: Iterable[Article | ArticleText], model: str, cache_folder: Path) -> None:
        self._articles = {a.doc_id: a for a in articles}
        self._model, self._folder = model, cache_folder
        self._cache: AnnotationCache | None = None

    def __getitem__(self, doc_id: str) -> Parse:
        article = self._articles[doc_id]
        if self._cache is None:
            self._cache = AnnotationCache(self._folder, self._model, check_pipeline(self._model).version)
        hit = self._cache.get(article.text)
        if hit is None:
            ((_, hit),) = annotate([article], self._model, self._folder)
        return hit.parse

    def __iter__(self) -> Iterator[str]:
        return iter(self._articles)

    def __len__(self) -> int:
        return len(self._articles)


def annotate_text(text: str, nlp: Any = None, *, model: str = "",
                  chunk_chars: int = CHUNK_CHARS) -> Annotation:
    """One text's annotation, as the cache would hold it: parsed by `nlp`, or by pipeline
    `model` loaded once per process (no cache is read or written); in pieces when it is
    longer than `chunk_chars` (see `annotate_in_pieces`)."""
    if nlp is None:
        nlp = shared_pipeline(model or DEFAULT_SPACY_MODEL)
    limit = piece_limit(nlp, chunk_chars)
    if len(text) > limit:
        return annotate_in_pieces(text, nlp, limit)
    return annotation_from_doc(nlp(text))
