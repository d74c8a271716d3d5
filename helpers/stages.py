"""The workbook's stages as functions any notebook can call, each cached on disk.

A later notebook opened on its own calls the stage it needs; the stage reads its tables
from the tables folder when they were made from the same inputs (articles, pipeline and
version, rules, overrides), and otherwise rebuilds them (the model runs only for articles
missing from the annotation cache).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from . import corpus as corpus_mod
from .annotation import cache as extract
from .annotation.pipeline import check_pipeline
from .corpus import load as corpus_load
from .entities import canonical as entities_mod
from .gazetteer import store as gaz_store
from .places import resolver as geo_mod
from .places import table as places_mod
from .settings import Settings
from .timeline import events as timeline_mod
from .timeline import timex as timex_mod

ENTITY_TABLES = {
    "mentions": "mentions.csv",
    "entities": "entities.csv",
    "merges": "entity_merges.csv",
    "dropped": "mentions_dropped.csv",
    "relations": "entity_relations.csv",
}
SENTENCES = "sentences.csv"


def load_corpus(cfg: Settings) -> corpus_mod.Corpus:
    """The corpus of `cfg` (fast: reads the folder)."""
    return corpus_mod.load_corpus(cfg.corpus)


def _source_hash(*modules: object) -> str:
    h = hashlib.sha256()
    for mod in modules:
        h.update(Path(mod.__file__).read_bytes())  # type: ignore[attr-defined]
    return h.hexdigest()[:16]


def _fingerprint(cfg: Settings, corpus: corpus_mod.Corpus, stage: str) -> str:
    info = check_pipeline(cfg.spacy_model)
    h = hashlib.sha256()
    h.update(f"{stage}\0{cfg.spacy_model}\0{info.version}\0{extract.FORMAT_VERSION}\0".encode())
    h.update(_source_hash(entities_mod, extract, corpus_load, timex_mod, timeline_mod, geo_mod, places_mod).encode())
    import os

    geonames_db = Path(os.environ.get("WORKBOOK_GEONAMES_DB", "") or gaz_store.GAZETTEER)
    for extra in (cfg.places, gaz_store.GAZETTEER, geonames_db):
        if extra.exists():
            h.update(f"{extra.name}\0{extra.stat().st_size}\0{extra.stat().st_mtime_ns if extra == cfg.places else 0}".encode())
    for a in sorted(corpus.articles, key=lambda a: a.doc_id):
        h.update(f"{a.doc_id}\0{a.sha256}\0".encode())
    if cfg.aliases.exists():
        h.update(cfg.aliases.read_bytes())
    return h.hexdigest()


def _read_cached(folder: Path, names: dict[str, str], fingerprint: str, stage: str) -> dict[str, pd.DataFrame] | None:
    stamp = folder / f".{stage}.fingerprint"
    if not stamp.exists() or stamp.read_text().strip() != fingerprint:
        return None
    try:
        return {k: pd.read_csv(folder / f, dtype=str, keep_default_na=False) for k, f in names.items()}
    except (OSError, ValueError):
        return None


def _typed(df: pd.DataFrame, ints: tuple[str, ...]) -> pd.DataFrame:
    for c in ints:
        if c in df.columns:
            df[c] = df[c].astype("int64")
    return df


def entities(cfg: Settings, corpus: corpus_mod.Corpus | None = None, *, refresh: bool = False,
             stats: extract.RunStats | None = None) -> entities_mod.EntityResult:
    """Mentions and canonical entities of the corpus, from the tables folder when up to date."""
    corpus = corpus or load_corpus(cfg)
    fingerprint = _fingerprint(cfg, corpus, "entities")
    names = {**ENTITY_TABLES, "sentences": SENTENCES}
    cached = None if refresh else _read_cached(cfg.derived, names, fingerprint, "entities")
    if cached is not None:
        result = entities_mod.EntityResult(
            mentions=_typed(cached["mentions"], ("sent_id", "start", "end")),
            entities=_typed(cached["entities"], ("n_mentions", "n_docs")),
            merges=_typed(cached["merges"], ("n_mentions",)),
            dropped=_typed(cached["dropped"], ("start", "end")),
            relations=cached["relations"],
        )
        result.sentences = _typed(cached["sentences"], ("sent_id", "start", "end"))  # type: ignore[attr-defined]
        return result

    raw: list[tuple] = []
    sents_by_doc: dict[str, list[tuple[int, int]]] = {}
    for article, ann in extract.annotate(corpus.articles, cfg.spacy_model, cfg.cache,
                                         n_process=cfg.processes, stats=stats):
        sents_by_doc[article.doc_id] = ann.sents
        raw.extend(raw_spans(article.doc_id, ann))
    texts = {a.doc_id: a.text for a in corpus.articles}
    overrides = entities_mod.read_overrides(cfg.aliases)
    result = entities_mod.canonicalize(raw, texts, sents_by_doc=sents_by_doc, overrides=overrides)
    sentences = pd.DataFrame(
        [(d, i, s, e) for d in sorted(sents_by_doc) for i, (s, e) in enumerate(sents_by_doc[d])],
        columns=["doc_id", "sent_id", "start", "end"])
    cfg.derived.mkdir(parents=True, exist_ok=True)
    for key, fname in ENTITY_TABLES.items():
        getattr(result, key).to_csv(cfg.derived / fname, index=False)
    sentences.to_csv(cfg.derived / SENTENCES, index=False)
    (cfg.derived / ".entities.fingerprint").write_text(fingerprint)
    result.sentences = sentences  # type: ignore[attr-defined]
    return result


def raw_spans(doc_id: str, ann: extract.Annotation) -> list[tuple]:
    """The tagger's entity spans of one article, with sentence ids and apposition flags."""
    out = []
    for start, end, label in ann.ents:
        if label not in entities_mod.ENTITY_LABELS:
            continue
        role = label in ("PERSON", "ORG") and bool(ann.tokens) and entities_mod.role_apposition(ann.tokens, start, end)
        out.append((doc_id, ann.sent_of(start), start, end, label, role))
    return out


TIMELINE_TABLES = {"dates": "document_dates.csv", "timexes": "timexes.csv", "events": "timeline.csv"}


class TimelineResult:
    """Publication dates (given or inferred), time expressions, and timeline events."""

    def __init__(self, dates: pd.DataFrame, timexes: pd.DataFrame, events: pd.DataFrame) -> None:
        self.dates, self.timexes, self.events = dates, timexes, events

    @property
    def disagreements(self) -> pd.DataFrame:
        """Events told by several outlets with different dates."""
        return timeline_mod.disagreements(self.events)


def timeline(cfg: Settings, corpus: corpus_mod.Corpus | None = None, *, refresh: bool = False) -> TimelineResult:
    """Dates, time expressions and events of the corpus, from the tables folder when up to date."""
    corpus = corpus or load_corpus(cfg)
    fingerprint = _fingerprint(cfg, corpus, "timeline")
    cached = None if refresh else _read_cached(cfg.derived, TIMELINE_TABLES, fingerprint, "timeline")
    if cached is not None:
        cached["dates"]["confidence"] = cached["dates"]["confidence"].astype(float)
        return TimelineResult(cached["dates"], _typed(cached["timexes"], ("sent_id", "start", "end")),
                              _typed(cached["events"], ("sent_id", "n_sources", "start", "end")))
    ents = entities(cfg, corpus)
    texts = {a.doc_id: a.text for a in corpus.articles}
    sents = {d: [(int(r.start), int(r.end)) for r in g.itertuples()]
             for d, g in ents.sentences.groupby("doc_id")}  # type: ignore[attr-defined]
    dates = timeline_mod.reference_dates(corpus.documents, texts, sents)
    timexes = timeline_mod.timex_table(dates, texts, sents, {a.doc_id: a.body_start for a in corpus.articles})
    names = dict(zip(ents.entities["entity_id"], ents.entities["name"]))
    outlets = {a.doc_id: a.outlet for a in corpus.articles}
    events = timeline_mod.build_events(timexes, ents.mentions, ents.sentences, texts, outlets, names)  # type: ignore[attr-defined]
    cfg.derived.mkdir(parents=True, exist_ok=True)
    dates.to_csv(cfg.derived / TIMELINE_TABLES["dates"], index=False)
    timexes.to_csv(cfg.derived / TIMELINE_TABLES["timexes"], index=False)
    events.to_csv(cfg.derived / TIMELINE_TABLES["events"], index=False)
    (cfg.derived / ".timeline.fingerprint").write_text(fingerprint)
    return TimelineResult(dates, timexes, events)


def gazetteer(cfg: Settings) -> gaz_store.Gazetteer:
    """The shipped gazetteer (pickled in the cache folder after the first load), plus the
    places of a GeoNames database when WORKBOOK_GEONAMES_DB names one (helpers.geonames)."""
    import copy
    import os

    gaz = gaz_store.load_gazetteer(gaz_store.GAZETTEER, cfg.cache)
    db = os.environ.get("WORKBOOK_GEONAMES_DB", "")
    if db and Path(db).exists():
        from .gazetteer import geonames

        gaz = copy.deepcopy(gaz)
        gaz.add(*geonames.places_from_db(Path(db)))
    return gaz


def places(cfg: Settings, corpus: corpus_mod.Corpus | None = None, *, refresh: bool = False) -> pd.DataFrame:
    """`places.csv` (and `places.geojson`): the corpus's places on the map."""
    corpus = corpus or load_corpus(cfg)
    fingerprint = _fingerprint(cfg, corpus, "places")
    cached = None if refresh else _read_cached(cfg.derived, {"places": "places.csv"}, fingerprint, "places")
    if cached is not None:
        df = cached["places"]
        for c in ("lat", "lon"):
            df[c] = pd.to_numeric(df[c].replace("", None))
        df["n_mentions"] = df["n_mentions"].astype("int64")
        df["metonymy"] = df["metonymy"] == "True"
        return df
    ents = entities(cfg, corpus)
    gaz = gazetteer(cfg)
    texts = {a.doc_id: a.text for a in corpus.articles}
    overrides = geo_mod.read_overrides(cfg.places, gaz)
    df = places_mod.resolve_entities(ents.entities, ents.mentions, ents.relations, texts, gaz, overrides)
    cfg.derived.mkdir(parents=True, exist_ok=True)
    df.to_csv(cfg.derived / "places.csv", index=False)
    places_mod.write_geojson(df, cfg.derived / "places.geojson")
    (cfg.derived / ".places.fingerprint").write_text(fingerprint)
    return df


SOURCES_TABLES = {"quotes": "quotes.csv", "claims": "claims.csv", "reuse": "reuse.csv",
                  "framing": "framing.csv", "coverage": "coverage.csv", "same_quotes": "quotes_compared.csv",
                  "claim_comparison": "claims_compared.csv"}


class SourcesResult:
    """Quotes, claims, reuse, framing and coverage of the corpus's outlets."""

    def __init__(self, tables: dict[str, pd.DataFrame]) -> None:
        for k, v in tables.items():
            setattr(self, k, v)


def sources(cfg: Settings, corpus: corpus_mod.Corpus | None = None, *, refresh: bool = False) -> SourcesResult:
    """Outlets compared (notebook 05), from the tables folder when up to date."""
    from .outlets import claims as claims_mod, framing as framing_mod, quotes as quotes_mod, reuse as reuse_mod
    from .outlets import compare as sources_mod

    corpus = corpus or load_corpus(cfg)
    fingerprint = _fingerprint(cfg, corpus, "sources") + _source_hash(
        claims_mod, framing_mod, quotes_mod, reuse_mod, sources_mod)
    cached = None if refresh else _read_cached(cfg.derived, SOURCES_TABLES, fingerprint, "sources")
    if cached is not None:
        for k, ints in (("quotes", ("start", "end")), ("claims", ("start", "end")),
                        ("claim_comparison", ("start", "end")),
                        ("reuse", ("start_a", "end_a", "start_b", "end_b"))):
            _typed(cached[k], ints)
        for c in ("value_low", "value_high"):
            for table in ("claims", "claim_comparison"):
                cached[table][c] = pd.to_numeric(cached[table][c].replace("", None))
        if "consistent" in cached["claim_comparison"]:
            cached["claim_comparison"]["consistent"] = cached["claim_comparison"]["consistent"] == "True"
        cov = cached["coverage"]
        for c in cov.columns[2:]:
            cov[c] = cov[c].astype("int64")
        sq = cached["same_quotes"]
        if "identical" in sq:
            sq["identical"] = sq["identical"] == "True"
            sq["similarity"] = pd.to_numeric(sq["similarity"])
        fr = cached["framing"]
        for c in fr.columns:
            if c not in ("outlet", "family"):
                fr[c] = pd.to_numeric(fr[c])
        return SourcesResult(cached)
    ents = entities(cfg, corpus)
    tl = timeline(cfg, corpus)
    texts = {a.doc_id: a.text for a in corpus.articles}
    outlets = {a.doc_id: a.outlet for a in corpus.articles}
    quotes = sources_mod.quote_table(texts, ents.mentions, ents.sentences, outlets)  # type: ignore[attr-defined]
    claims_by_doc = sources_mod.find_all_claims(texts, ents.mentions, ents.sentences)  # type: ignore[attr-defined]
    claims = sources_mod.claim_table(claims_by_doc, outlets)
    tables = {
        "quotes": quotes, "claims": claims, "reuse": sources_mod.reuse_table(texts),
        "framing": sources_mod.framing_table(texts, outlets),
        "coverage": sources_mod.coverage_matrix(ents.entities, ents.mentions, quotes, claims, tl.events, outlets),
        "same_quotes": sources_mod.same_quote_different_wording(quotes),
        "claim_comparison": sources_mod.compare_claims_table(claims_by_doc, outlets),
    }
    cfg.derived.mkdir(parents=True, exist_ok=True)
    for k, fname in SOURCES_TABLES.items():
        tables[k].to_csv(cfg.derived / fname, index=False)
    (cfg.derived / ".sources.fingerprint").write_text(fingerprint)
    return SourcesResult(tables)
