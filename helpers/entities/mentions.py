"""From the tagger's spans to the mentions canonicalisation works on: cleaned, sifted, unique."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..text.labels import ENTITY_LABELS
from .cleaning import clean_span
from .names import name_key
from .records import Dropped, Mention, RawSpan


@dataclass(slots=True)
class Sifted:
    """The mentions a step kept, and the spans it dropped (with why)."""

    kept: list[Mention]
    dropped: list[Dropped]


def mentions_from_spans(raw: Iterable[RawSpan], texts: dict[str, str]) -> Sifted:
    """Clean every tagger span with an entity label; keep the names, drop the rest with why."""
    kept: list[Mention] = []
    dropped: list[Dropped] = []
    for span in raw:
        if span.label not in ENTITY_LABELS:
            continue
        text = texts[span.doc_id]
        cleaned = clean_span(text, span.start, span.end, span.label)
        if isinstance(cleaned, str):
            dropped.append(Dropped(span.doc_id, span.start, span.end, text[span.start:span.end], span.label,
                                   cleaned))
            continue
        kept.append(Mention(doc_id=span.doc_id, sent_id=span.sent_id, start=cleaned.start, end=cleaned.end,
                            text=text[cleaned.start:cleaned.end], label=span.label,
                            qualifier=cleaned.qualifier, titled=cleaned.titled,
                            hashtag=cleaned.hashtag, role=bool(span.role)))
    return Sifted(kept, dropped)


def drop_stray_hashtags(mentions: list[Mention], texts: dict[str, str]) -> Sifted:
    """Hashtags count only when they repeat a name the articles also use as words."""
    plain_keys = {name_key(m.text) for m in mentions if not m.hashtag}
    kept: list[Mention] = []
    dropped: list[Dropped] = []
    for m in mentions:
        if m.hashtag and name_key(m.text) not in plain_keys:
            dropped.append(Dropped(m.doc_id, m.start - 1, m.end, texts[m.doc_id][m.start - 1:m.end],
                                   m.label, "hashtag or handle naming no entity of the articles"))
        else:
            kept.append(m)
    return Sifted(kept, dropped)


def dedupe(mentions: list[Mention]) -> list[Mention]:
    """One mention per article and offsets, in text order (longest first at one start)."""
    seen: set[tuple[str, int, int]] = set()
    out = []
    for m in sorted(mentions, key=lambda m: (m.doc_id, m.start, -m.end)):
        k = (m.doc_id, m.start, m.end)
        if k not in seen:
            seen.add(k)
            out.append(m)
    return out


def drop_empty_keys(mentions: list[Mention]) -> Sifted:
    """A mention whose name key is empty ("El Al": only Arabic article particles) is dropped."""
    kept: list[Mention] = []
    dropped: list[Dropped] = []
    for m in mentions:
        if name_key(m.text):
            kept.append(m)
        else:
            dropped.append(Dropped(m.doc_id, m.start, m.end, m.text, m.label, "empty after clean-up"))
    return Sifted(kept, dropped)


def sift_mentions(raw: Iterable[RawSpan] | Sifted, texts: dict[str, str]) -> Sifted:
    """The tagger's spans as clean, unique mentions with a name key; the rest dropped with why.

    `raw` is the tagger's spans, or those spans already cleaned (`mentions_from_spans`, which
    the entities stage runs article by article while the parse of the next ones goes on)."""
    spans = raw if isinstance(raw, Sifted) else mentions_from_spans(raw, texts)
    hashtags = drop_stray_hashtags(spans.kept, texts)
    keyed = drop_empty_keys(dedupe(hashtags.kept))
    return Sifted(keyed.kept, spans.dropped + hashtags.dropped + keyed.dropped)
