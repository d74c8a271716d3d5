"""The entity co-occurrence network: entities that appear in the same sentence.

The chart labels only the most mentioned entities (`LABELLED`), each label placed where its
box (estimated from the text's length and the font size, in data units) overlaps no other
label shown (`place_labels`); the other entities are unlabelled nodes whose name is in their
hover. Everything is deterministic: a fixed layout seed, ties broken by entity id.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

import networkx as nx
import pandas as pd


def cooccurrence_graph(mentions: pd.DataFrame, entities: pd.DataFrame, *, min_mentions: int = 2,
                       max_nodes: int = 60) -> nx.Graph:
    """Entities as nodes, and an edge, weighted by sentences, wherever two share a sentence.

    The nodes are the `max_nodes` most mentioned entities with at least `min_mentions`.
    """
    keep = entities[entities["n_mentions"] >= min_mentions].head(max_nodes)
    ids = set(keep["entity_id"])
    g = nx.Graph()
    for row in keep.itertuples(index=False):
        g.add_node(row.entity_id, label=row.name, type=row.type, n_mentions=int(row.n_mentions),
                   n_docs=int(row.n_docs))
    m = mentions[mentions["entity_id"].isin(ids) & (mentions["sent_id"] >= 0)]
    for (doc_id, sent_id), part in m.groupby(["doc_id", "sent_id"], sort=True):
        for a, b in combinations(sorted(set(part["entity_id"])), 2):
            if g.has_edge(a, b):
                g[a][b]["weight"] += 1
                g[a][b]["sentences"].append(f"{doc_id}#{sent_id}")
            else:
                g.add_edge(a, b, weight=1, sentences=[f"{doc_id}#{sent_id}"])
    return g


def layout(g: nx.Graph, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Spring layout with a fixed seed, rounded so that it is the same on every machine."""
    if g.number_of_nodes() == 0:
        return {}
    pos = nx.spring_layout(g, seed=seed, weight="weight", k=1.6 / max(1, g.number_of_nodes()) ** 0.5)
    return {n: (round(float(x), 2), round(float(y), 2)) for n, (x, y) in sorted(pos.items())}


def export(g: nx.Graph, folder: Path, name: str = "entity_network") -> dict[str, Path]:
    """Write the network as GEXF and GraphML (both open in Gephi)."""
    folder.mkdir(parents=True, exist_ok=True)
    plain = nx.Graph()
    plain.add_nodes_from(g.nodes(data=True))
    for a, b, d in g.edges(data=True):
        plain.add_edge(a, b, weight=d["weight"], sentences=" ".join(d["sentences"]))
    out = {"gexf": folder / f"{name}.gexf", "graphml": folder / f"{name}.graphml"}
    nx.write_gexf(plain, out["gexf"])
    nx.write_graphml(plain, out["graphml"])
    return out


LABELLED = 25
"""How many entities (the most mentioned) the network chart labels; the rest show on hover."""
LABEL_FONT_PX = 10
"""The labels' font size."""
CHAR_WIDTH = 0.62
"""A character's width, as a share of the font size (sans-serif; wide enough for capitals)."""
LINE_HEIGHT = 1.3
"""A label's height, as a share of the font size."""
FIGURE_HEIGHT_PX = 680
"""The network chart's height."""
MARGIN_PX = {"t": 70, "b": 20, "l": 20, "r": 20}
"""The network chart's margins: with the height they fix the plot area's height."""
MIN_PLOT_WIDTH_PX = 700
"""The narrowest plot area assumed (a notebook beside JupyterLab's file browser); on a wider
page plotly gives a data unit more pixels, and the labels only move further apart."""
AXIS_PADDING = 0.08
"""The share of the nodes' spread added on each side of the axes (`axis_range`)."""
POSITIONS = ("top center", "bottom center", "middle right", "middle left",
             "top right", "top left", "bottom right", "bottom left")
"""Where a label may sit around its node, in the order tried (plotly `textposition`s)."""


def node_size(n_mentions: int) -> float:
    """A node's marker diameter in pixels: it grows with the entity's mentions."""
    return 8 + 2.2 * n_mentions ** 0.75


@dataclass(frozen=True)
class Box:
    """A label's box in data units."""

    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: "Box") -> bool:
        """Whether the two boxes share any area (touching edges do not count)."""
        return self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1


@dataclass(frozen=True)
class LabelPlacement:
    """Where one entity's label is drawn: plotly's `textposition` and its estimated box."""

    node: str
    position: str
    box: Box


def axis_range(values: list[float]) -> tuple[float, float]:
    """An axis's range: the nodes' spread with `AXIS_PADDING` on each side (fixed, so that a
    data unit's size in pixels is known when labels are placed)."""
    lo, hi = (min(values), max(values)) if values else (-1.0, 1.0)
    pad = max(hi - lo, 0.2) * AXIS_PADDING
    return round(lo - pad, 4), round(hi + pad, 4)


def pixels_per_unit(pos: dict[str, tuple[float, float]]) -> float:
    """The fewest pixels one data unit may take in the chart (x and y share a scale): the
    smaller of what the plot area's height and its narrowest width allow."""
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    (x0, x1), (y0, y1) = axis_range(xs), axis_range(ys)
    height = FIGURE_HEIGHT_PX - MARGIN_PX["t"] - MARGIN_PX["b"]
    return min(height / (y1 - y0), MIN_PLOT_WIDTH_PX / (x1 - x0))


def label_box(x: float, y: float, text: str, position: str, marker_px: float, scale: float) -> Box:
    """The box of label `text` at `position` around a node at (x, y) of diameter `marker_px`,
    in data units (`scale` pixels a unit): text length x font size, plus the marker's gap."""
    w = (len(text) * CHAR_WIDTH * LABEL_FONT_PX + 4) / scale
    h = LINE_HEIGHT * LABEL_FONT_PX / scale
    r = (marker_px / 2 + 2) / scale
    vertical, horizontal = position.split()
    if horizontal == "center":
        bx0 = x - w / 2
    elif horizontal == "right":
        bx0 = x + (r if vertical == "middle" else 0.7 * r)
    else:
        bx0 = x - w - (r if vertical == "middle" else 0.7 * r)
    if vertical == "top":
        by0 = y + (r if horizontal == "center" else 0.7 * r)
    elif vertical == "bottom":
        by0 = y - h - (r if horizontal == "center" else 0.7 * r)
    else:
        by0 = y - h / 2
    return Box(bx0, by0, bx0 + w, by0 + h)


def labelled_nodes(g: nx.Graph, top: int = LABELLED) -> list[str]:
    """The `top` most mentioned entities, most mentioned first (ties by id)."""
    return sorted(g.nodes, key=lambda n: (-g.nodes[n]["n_mentions"], str(n)))[:top]


def place_labels(g: nx.Graph, pos: dict[str, tuple[float, float]], top: int = LABELLED) -> dict[str, LabelPlacement]:
    """Labels for the `top` most mentioned entities, most mentioned first, each at the first
    of `POSITIONS` whose box overlaps no label placed before it; an entity with no free
    position is left unlabelled (its name stays in its hover)."""
    if not pos:
        return {}
    scale = pixels_per_unit(pos)
    placed: dict[str, LabelPlacement] = {}
    for n in labelled_nodes(g, top):
        x, y = pos[n]
        text, marker = str(g.nodes[n]["label"]), node_size(g.nodes[n]["n_mentions"])
        for position in POSITIONS:
            box = label_box(x, y, text, position, marker, scale)
            if not any(box.overlaps(p.box) for p in placed.values()):
                placed[n] = LabelPlacement(n, position, box)
                break
    return placed
