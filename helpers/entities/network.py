"""The entity co-occurrence network: entities that appear in the same sentence."""

from __future__ import annotations

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
