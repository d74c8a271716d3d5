"""Evidence one click away: from a point in a chart to the sentence and the article behind it.

Every chart point that stands for mentions, dates, places, quotes or figures carries an
evidence key (its `customdata`). The figure carries, in `layout.meta`, the evidence behind
each key: the article's title, outlet and date, the sentence with the sentence before and
after, and the mention's offsets. One script (`evidence.js`) turns a click into a panel
under the chart: inlined once in each HTML report, and output under each chart in
JupyterLab (`show_chart`). A notebook cell can show the same panel for any offsets
(`EvidenceIndex.show`, which notebooks name `show_evidence`).

The panel is built with text nodes only, never from markup, so article text stays text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from functools import cache
from importlib import resources
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from .. import tables
from ..tables import Ref
from ..text.parse import sentence_index
from . import esc

META_KEY = "workbook_evidence"
"""Where a figure keeps its evidence: `fig.layout.meta[META_KEY]`."""

PANEL_MARK = 'data-workbook="evidence-panel"'
"""Marks the JupyterLab panel output; the HTML reports drop it and draw their own panels."""

PER_POINT = 3
"""Evidence items kept per chart point (from different articles first)."""
BUDGET = 1000
"""Evidence items one figure aims at: each point keeps `PER_POINT` items, or fewer (at least
one) when the figure has more points than `BUDGET / PER_POINT`."""
BUDGET_BYTES = 450_000
"""The most a figure's evidence weighs (as JSON): points past it keep none (a click says so;
their rows are in the tables). About 600 items of English news: three charts' evidence, the
4.8 MB of plotly.js and a long table's rows keep a report under 8 MB (issue 11)."""
CONTEXT_CHARS = 400
"""How much of the text around a span the evidence keeps on each side (sentence or not)."""
TITLE_CHARS = 200
"""How much of an article's title (and outlet name) the evidence keeps."""
SPAN_CHARS = 1500
"""How much of a long span (a quote over paragraphs) the evidence keeps; its middle is elided."""


@dataclass(frozen=True)
class Evidence:
    """One span in its sentence and its article: what a reader checks a chart point against."""

    doc_id: str
    title: str
    outlet: str
    published: str
    start: int
    """Offsets of the span (the mention, date, quote ...) in the article's text."""
    end: int
    sentence_start: int
    """Offsets of the sentence holding the span."""
    sentence_end: int
    before: str
    """The sentence before, the sentence itself split around the span, and the sentence after."""
    lead: str
    mention: str
    tail: str
    after: str

    def to_json(self) -> dict[str, Any]:
        """The record as the panel script reads it."""
        return asdict(self)

    def _repr_html_(self) -> str:
        return panel_html([self])


class EvidenceIndex:
    """Look-ups from offsets to evidence, over one corpus's texts, documents and sentences."""

    def __init__(self, texts: Mapping[str, str], documents: pd.DataFrame, sentences: pd.DataFrame) -> None:
        self.texts = texts
        self.sentences = tables.sentence_spans(sentences)
        self.meta = {r.doc_id: (_clip_end(str(r.title or ""), TITLE_CHARS), _clip_end(str(r.outlet or r.doc_id), TITLE_CHARS),
                                str(r.published or "")[:40])
                     for r in documents[["doc_id", "title", "outlet", "published"]].fillna("").itertuples(index=False)}

    @classmethod
    def of(cls, corpus: Any, sentences: pd.DataFrame) -> EvidenceIndex:
        """The index of a loaded corpus (`helpers.corpus.Corpus`) and its sentences table."""
        return cls({a.doc_id: a.text for a in corpus.articles}, corpus.documents, sentences)

    def at(self, doc_id: str, start: int, end: int) -> Evidence:
        """The evidence for the span [start, end) of article `doc_id`."""
        text = self.texts[doc_id]
        start, end = max(0, int(start)), min(len(text), int(end))
        sents = self.sentences.get(doc_id, [])
        i = sentence_index(sents, start)
        j = sentence_index(sents, max(start, end - 1)) if i >= 0 else -1  # a quote may run on
        j = j if j >= i else i
        s0, s1 = sents[i] if i >= 0 else _line_around(text, start)
        s1 = max(sents[j][1] if j >= 0 else s1, min(end, len(text)))
        w = 4 * CONTEXT_CHARS  # raw text read around the span (white space may shrink it)
        before = text[max(sents[i - 1][0], sents[i - 1][1] - w):sents[i - 1][1]] if i > 0 else ""
        after = text[sents[j + 1][0]:min(sents[j + 1][1], sents[j + 1][0] + w)] if 0 <= j < len(sents) - 1 else ""
        lead, tail = text[max(s0, start - w):start], text[end:min(s1, end + w)]
        span = text[start:end] if end - start <= 4 * SPAN_CHARS else text[start:start + w] + " " + text[end - w:end]
        title, outlet, published = self.meta.get(doc_id, ("", doc_id, ""))
        return Evidence(doc_id, title, outlet, published, start, end, s0, s1,
                        _clip_start(_squash(before)), _clip_start(_spaced(lead).lstrip()),
                        _clip_middle(_spaced(span)), _clip_end(_spaced(tail).rstrip()), _clip_end(_squash(after)))

    def ref_within(self, doc_id: str, start: int, end: int, phrase: str) -> Ref:
        """The first `phrase` inside [start, end) of an article (a date said in its sentence),
        or the whole span when the phrase is not found there."""
        i = self.texts[doc_id].find(phrase, int(start), int(end)) if phrase else -1
        return Ref(doc_id, i, i + len(phrase)) if i >= 0 else Ref(doc_id, int(start), int(end))

    def show(self, doc_id: str, start: int, end: int) -> Evidence:
        """Show one span's evidence in a notebook cell: `show_evidence(doc_id, start, end)`."""
        return self.at(doc_id, start, end)


def _line_around(text: str, offset: int) -> tuple[int, int]:
    """The line holding `offset`: the sentence stand-in when an article has no sentences."""
    s = text.rfind("\n", 0, offset) + 1
    e = text.find("\n", offset)
    return s, (len(text) if e < 0 else e)


def _spaced(text: str) -> str:
    """White space runs as single spaces, kept at the ends (a piece of a sentence)."""
    return re.sub(r"\s+", " ", text)


def _clip_start(text: str, n: int = CONTEXT_CHARS) -> str:
    """The last `n` characters of the text before a span (an article with no sentence
    boundaries must not put megabytes in a chart)."""
    return text if len(text) <= n else "…" + text[-n:]


def _clip_end(text: str, n: int = CONTEXT_CHARS) -> str:
    """The first `n` characters of the text after a span."""
    return text if len(text) <= n else text[:n] + "…"


def _clip_middle(text: str, n: int = SPAN_CHARS) -> str:
    """A long span's start and end, its middle elided."""
    return text if len(text) <= n else text[: n // 2] + " … " + text[-(n // 2):]


def _squash(text: str) -> str:
    """White space runs as single spaces (line breaks inside a sentence read as spaces)."""
    return " ".join(text.split()) if text.strip() else ""


def pick(refs: Iterable[Ref], limit: int = PER_POINT) -> list[Ref]:
    """Up to `limit` refs, the first of each article before a second from any, in text order."""
    ordered = sorted(set(refs), key=lambda r: (r.doc_id, r.start, r.end))
    firsts, rest, seen = [], [], set()
    for r in ordered:
        (rest if r.doc_id in seen else firsts).append(r)
        seen.add(r.doc_id)
    return (firsts + rest)[:limit]


class EvidenceBook:
    """The evidence of one figure's points, collected while the chart is built.

    `key(refs)` registers a point's refs and returns the key to put in its `customdata`;
    `attach(fig)` builds the evidence and stores it in the figure: every point gets the same
    share of the budget (so the traces drawn last are not the ones left out), and each
    article's title, outlet and date are stored once. With no index, keys are empty and
    nothing is attached (the chart then draws as before, without click-through).
    """

    def __init__(self, index: EvidenceIndex | None, what: str = "mention", limit: int = PER_POINT) -> None:
        self.index, self.what, self.limit = index, what, limit
        self._refs: dict[str, list[Ref]] = {}
        self.unshown = 0
        """Points left without evidence because the figure's byte budget was spent."""

    def key(self, refs: Iterable[Ref]) -> str:
        """The evidence key of one chart point standing for `refs` (empty: no evidence)."""
        refs = list(refs)
        if self.index is None or not refs:
            return ""
        key = f"e{len(self._refs)}"
        self._refs[key] = refs
        return key

    def column(self, refs_per_point: Iterable[Iterable[Ref]]) -> list[str] | None:
        """The `customdata` of a trace: one key per point (None without an index: no column)."""
        if self.index is None:
            return None
        return [self.key(refs) for refs in refs_per_point]

    def build(self) -> dict[str, Any]:
        """The figure's evidence: items, the items of each point, totals, and the articles."""
        assert self.index is not None
        limit = max(1, min(self.limit, BUDGET // max(1, len(self._refs))))
        items: list[dict[str, Any]] = []
        item_ids: dict[Ref, int] = {}
        points: dict[str, list[int]] = {}
        articles: dict[str, dict[str, str]] = {}
        size, self.unshown = 0, 0
        for key, refs in self._refs.items():
            if size >= BUDGET_BYTES:
                self.unshown += 1
                continue
            ids = []
            for r in pick(refs, limit):
                if r not in item_ids:
                    record = self.index.at(r.doc_id, r.start, r.end).to_json()
                    meta = {k: record.pop(k) for k in ("title", "outlet", "published")}
                    if r.doc_id not in articles:
                        articles[r.doc_id] = meta
                        size += len(json.dumps(meta))
                    item_ids[r] = len(items)
                    items.append(record)
                    size += len(json.dumps(record))
                ids.append(item_ids[r])
            points[key] = ids
        totals = {k: len(set(self._refs[k])) for k in points}
        return {"what": self.what, "items": items, "points": points, "totals": totals,
                "articles": articles, "unshown": self.unshown}

    def attach(self, fig: go.Figure) -> go.Figure:
        """Store the evidence in `fig.layout.meta` and return `fig`."""
        if self.index is not None and self._refs:
            meta = dict(fig.layout.meta or {}) if isinstance(fig.layout.meta, dict) else {}
            meta[META_KEY] = self.build()
            fig.update_layout(meta=meta, clickmode="event")
        return fig


def phrase_refs(frame: pd.DataFrame, evidence: EvidenceIndex | None, key: str = "event_id",
                phrase: str = "expression") -> dict[str, list[Ref]]:
    """Rows' phrases (an event's date as said) inside their spans, grouped by `key`: an event
    told by several outlets gets the sentence of each."""
    if evidence is None:
        return {}
    out: dict[str, list[Ref]] = {}
    for k, d, s, e, p in frame[[key, "doc_id", "start", "end", phrase]].itertuples(index=False, name=None):
        out.setdefault(str(k), []).append(evidence.ref_within(str(d), s, e, str(p)))
    return out


# ---------------------------------------------------------------------------- the panel


@cache
def panel_script() -> str:
    """The panel script (`evidence.js`), shared by the reports and JupyterLab."""
    return resources.files(__package__).joinpath("evidence.js").read_text(encoding="utf-8")


def panel_html(items: Sequence[Evidence], what: str = "mention") -> str:
    """The evidence panel for `items`, escaped; the same layout the script draws on a click."""
    blocks = []
    for ev in items:
        head = " · ".join(esc(v) for v in (ev.outlet, ev.published) if v)
        blocks.append(
            '<div class="workbook-evidence-item" style="margin:0.4em 0; padding:0.4em 0.6em; '
            'border-left:3px solid #1f77b4; background:#fafafa">'
            f'<div><b>{esc(ev.title or ev.doc_id)}</b> <small>{head}</small></div>'
            f'<div style="color:#666">{esc(ev.before)} '
            f'<span style="background:#fff3b0; color:#111">{esc(ev.lead)}'
            f'<mark style="background:#f9a825; color:#111">{esc(ev.mention)}</mark>{esc(ev.tail)}</span> '
            f'{esc(ev.after)}</div>'
            f'<div><small><code>{esc(ev.doc_id)}</code> characters {ev.start}–{ev.end} '
            f'(sentence {ev.sentence_start}–{ev.sentence_end})</small></div></div>')
    return f'<div class="workbook-evidence"><div><small>Evidence ({esc(what)})</small></div>{"".join(blocks)}</div>'


class EvidencePanel:
    """The JupyterLab output under a chart: a click on a point shows its evidence here.

    It holds the panel script; JupyterLab runs it in a notebook you have run (or trusted).
    The HTML reports drop this output and give every chart its own panel.
    """

    def _repr_html_(self) -> str:
        return (f'<div class="workbook-evidence" {PANEL_MARK}><small>Click a point in the chart above '
                'to see the sentence and the article it comes from.</small></div>'
                f'<script type="text/javascript">{panel_script()}\n'
                'window.WorkbookEvidence.attachNear(document.currentScript);</script>')

    def __repr__(self) -> str:
        return "EvidencePanel()"


def show_chart(fig: go.Figure) -> None:
    """Display a chart in a notebook, with its evidence panel under it when it has evidence."""
    from IPython.display import display

    display(fig)
    meta = fig.layout.meta
    if isinstance(meta, dict) and META_KEY in meta:
        display(EvidencePanel())
