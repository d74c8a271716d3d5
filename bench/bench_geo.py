"""Benchmark `helpers.geoparse` on GeoVirus (Gritta et al. 2018): toponyms with coordinates.

Usage (from the checkout)::

    .venv/bin/python bench/bench_geo.py [--data PATH] [--out bench/results/geo.json]
                                        [--errors N] [--show dev|heldout|all|none]
                                        [--no-diagnose]

The data is looked for at ``../shared/dev-data/geovirus/GeoVirus.xml`` relative to the
checkout (or ``--data``, a file or the folder holding it); when it is missing the script
says so and exits 0.

What is measured: ``geoparse(text)``, which runs on one article exactly what notebook 04 runs
on a corpus: the spaCy pipeline (loaded once, outside the timing, and passed in as ``nlp``),
the entity stage on that article (``raw_spans``, ``canonicalize``: cleaning, merging, the
type vote with the gazetteer's evidence, untagged repeats), then the places stage
(``resolve_entities``: one resolution per place entity, with the article's countries as
context), each resolution given back to the entity's mentions. The gazetteer is loaded once
and passed in. Gold toponyms are the ``<location>`` records; their offsets are shifted by one
(the surface is ``text[start-1:end-1]``), which the reader corrects and checks.

Scoring:

- **matching**: a system mention and a gold toponym match when their character spans
  overlap; one-to-one, the largest overlap first (so "Pandi, Bulacan" read as one span
  matches one of the two gold toponyms and the other is a miss).
- **recall** = matched gold / gold (gold toponyms found); **precision** = matched system
  mentions / system mentions (every mention ``geoparse`` returns, resolved or not; the
  figure over the mentions that got a point is given too).
- **acc@161km (matched)**: of the found (matched) gold toponyms, the share whose system point
  lies within 161 km (100 miles) of the gold point (a found mention left unresolved counts as
  wrong); **acc@161km (all gold)**: the same count over every gold toponym (misses wrong).
- **mean / median km**: error distance over the found toponyms that got a point.
- **AUC**: mean of ln(1 + error km) / ln(20039) (Gritta et al. 2018; 0 is perfect, 1 is the
  antipode). Over the found-and-resolved toponyms, and over all gold toponyms with
  misses and unresolved toponyms at the maximum error (20,039 km).
- **containment credit** (supplementary): acc@161km that also counts as right a mention
  resolved to a country (or admin1) containing the gold point, whatever the distance between
  the two representative points (containment approximated by the country / admin1 of the
  gazetteer place nearest the gold point).
- **time per article**: wall-clock seconds of ``geoparse`` per article (parse included),
  mean and median.

Errors are classified (missed / unresolved / wrong country / wrong place in the right country /
right place with a far representative point). A second spaCy pass, outside the timed part and
skipped with ``--no-diagnose``, records every entity label only to say why a gold toponym was
missed (tagged ORG, PERSON, inside an organisation name ...).

Articles are kept in file order and every fifth one (index % 5 == 4) is held out: rules should
be developed looking at the other 80 % ("dev") only; the held-out figures show overfitting.
"""

from __future__ import annotations

import _machine  # noqa: E402 - bench/ is on sys.path when run as a script
import argparse
import json
import math
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from helpers import geoparse  # noqa: E402
from helpers.gazetteer import Gazetteer, Place, haversine, load_gazetteer  # noqa: E402
from helpers.places import candidates, GeoMention, split_admin, split_qualifier  # noqa: E402
from helpers.annotation import shared_pipeline  # noqa: E402
from helpers.settings import DEFAULT_SPACY_MODEL  # noqa: E402
from helpers.text.labels import PLACE_TYPES  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "dev-data" / "geovirus" / "GeoVirus.xml"
DEFAULT_OUT = ROOT / "bench" / "results" / "geo.json"
MODEL = DEFAULT_SPACY_MODEL
TOLERANCE_KM = 161.0
MAX_KM = 20039.0
"""Half the Earth's circumference: the largest possible error."""
BEFORE = {
    "measured": "helpers.geoparse before issue 12 (items 2 and 4: focus, containment, nearness, feature "
                "type, not-a-place rules, curated counties and airports), commit 275f5af, rerun back to back "
                "with the run after on the same machine",
    "dev": {"recall": 0.8924, "precision": 0.9226, "acc161_matched": 0.6333, "mean_km_matched": 417.9,
            "median_km_matched": 72.8, "cpu_seconds_per_article": 0.137,
            "acc161_matched_containment_credit": 0.8607},
    "heldout": {"recall": 0.8750, "precision": 0.8585, "acc161_matched": 0.5934, "mean_km_matched": 527.4,
                "median_km_matched": 85.9, "cpu_seconds_per_article": 0.109,
                "acc161_matched_containment_credit": 0.8059},
}
"""The figures before this change (same data, same split), rerun at commit 275f5af."""
BEFORE_ISSUE9 = {
    "measured": "helpers.geo.geoparse before issue 9 (each mention resolved on its own, with the "
                "other mentions of the article as context; not what notebook 04 ran), commit 92427b2",
    "dev": {"recall": 0.8864, "precision": 0.9196, "acc161_matched": 0.6302, "mean_km_matched": 402.7,
            "median_km_matched": 66.6, "cpu_seconds_per_article": 0.128},
    "heldout": {"recall": 0.8910, "precision": 0.8634, "acc161_matched": 0.5827, "mean_km_matched": 509.3,
                "median_km_matched": 70.1, "cpu_seconds_per_article": 0.128},
}
"""The figures before `geoparse` ran notebook 04's code, rerun at commit 92427b2."""


@dataclass(frozen=True)
class GoldLoc:
    """One gold toponym: its span, name, point and Wikipedia page."""

    start: int
    end: int
    name: str
    lat: float
    lon: float
    page: str


@dataclass
class Article:
    """One GeoVirus article and its gold toponyms."""

    index: int
    source: str
    text: str
    gold: list[GoldLoc]


# ------------------------------------------------------------------ data


def read_geovirus(path: Path) -> tuple[list[Article], int]:
    """The articles (in file order) with their gold toponyms; also how many gold records were
    dropped because their corrected offsets did not give their name."""
    root = ET.parse(path).getroot()
    out: list[Article] = []
    bad = 0
    for i, a in enumerate(root.iter("article")):
        text = a.findtext("text") or ""
        gold: list[GoldLoc] = []
        for loc in a.iter("location"):
            name = (loc.findtext("name") or "").strip()
            s, e = int(loc.findtext("start") or 0) - 1, int(loc.findtext("end") or 0) - 1
            if text[s:e] != name:  # the documented shift-by-one, checked
                bad += 1
                continue
            gold.append(GoldLoc(s, e, name, float(loc.findtext("lat") or "nan"),
                                float(loc.findtext("lon") or "nan"), loc.findtext("page") or ""))
        out.append(Article(i, a.findtext("source") or "", text, sorted(gold, key=lambda g: g.start)))
    return out, bad


# ------------------------------------------------------------------ matching


def match(gold: list[GoldLoc], system: list[GeoMention]) -> list[tuple[int, int]]:
    """One-to-one (gold index, system index) pairs of overlapping spans, largest overlap first."""
    pairs = []
    for gi, g in enumerate(gold):
        for si, s in enumerate(system):
            ov = min(g.end, s.end) - max(g.start, s.start)
            if ov > 0:
                pairs.append((ov, gi, si))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    used_g: set[int] = set()
    used_s: set[int] = set()
    out = []
    for _, gi, si in pairs:
        if gi in used_g or si in used_s:
            continue
        used_g.add(gi)
        used_s.add(si)
        out.append((gi, si))
    return out


class ReverseIndex:
    """Nearest gazetteer populated place / country to a point, on a 1-degree grid (to say in
    which country a gold point lies, approximately)."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.grid: dict[tuple[int, int], list[Place]] = defaultdict(list)
        for p in gaz.places:
            if p.kind in ("populated_place", "country") and p.cc:
                self.grid[(math.floor(p.lat), math.floor(p.lon))].append(p)

    def nearest(self, lat: float, lon: float) -> Place | None:
        """The indexed place nearest the point (searching rings of cells up to 5 degrees out)."""
        cy, cx = math.floor(lat), math.floor(lon)
        for r in range(0, 6):
            best: tuple[float, Place] | None = None
            for dy in range(-r, r + 1):
                for dx in range(-r, r + 1):
                    if max(abs(dy), abs(dx)) != r:
                        continue
                    for p in self.grid.get((cy + dy, (cx + dx + 180) % 360 - 180), ()):
                        d = haversine(lat, lon, p.lat, p.lon)
                        if best is None or d < best[0]:
                            best = (d, p)
            if best is not None:
                return best[1]
        return None


def lookup_candidates(name: str, gaz: Gazetteer) -> list[Place]:
    """The candidates `resolve` would consider for `name` (the same splitting steps)."""
    base, _ = split_qualifier(name.strip(), gaz)
    base, _ = split_admin(base)
    return candidates(base, gaz)[1]


# ------------------------------------------------------------------ evaluation


@dataclass
class Tally:
    """The counts of one split, filled article by article."""

    n_gold: int = 0
    n_sys: int = 0
    n_sys_resolved: int = 0
    n_match: int = 0
    n_match_resolved: int = 0
    n_ok: int = 0
    n_ok_credit: int = 0
    """Within 161 km, or a country / admin1 resolution that contains the gold point."""
    errors_km: list[float] = field(default_factory=list)
    """Found and resolved toponyms."""
    auc_all: list[float] = field(default_factory=list)
    """Every gold toponym."""
    classes: Counter = field(default_factory=Counter)
    statuses: Counter = field(default_factory=Counter)
    wrong: Counter = field(default_factory=Counter)
    wrong_example: dict = field(default_factory=dict)
    missed: Counter = field(default_factory=Counter)
    missed_example: dict = field(default_factory=dict)
    unresolved: Counter = field(default_factory=Counter)
    spurious: Counter = field(default_factory=Counter)
    per_kind: dict = field(default_factory=lambda: defaultdict(Counter))


def _admin1_of(m: GeoMention, gaz: Gazetteer) -> str:
    """The admin1 code of the admin1 entry a mention resolved to (found by its point)."""
    for p in gaz.candidates(split_admin(m.text)[0]) or lookup_candidates(m.text, gaz):
        if p.kind == "admin1" and p.lat == m.lat and p.lon == m.lon:
            return p.admin1
    return ""


def _r(x: float | None, nd: int = 4) -> float | None:
    return None if x is None else round(x, nd)


def miss_class(g: GoldLoc, art: Article, system: list[GeoMention], gaz: Gazetteer,
               ents: list[tuple[int, int, str]], diagnosed: bool) -> str:
    """Why a gold toponym was missed, from what spaCy made of it."""
    if any(min(g.end, s.end) > max(g.start, s.start) for s in system):
        cls = "missed: span merged with another gold toponym"
    elif any(e[2] in PLACE_TYPES for e in ents):
        cls = "missed: tagged GPE/LOC/FAC but dropped or retyped by the entity stage"
    elif ents:
        lab = ents[0][2]
        inside = ents[0][1] - ents[0][0] > g.end - g.start + 1
        cls = f"missed: {'inside a' if inside else 'tagged'} {lab}" + (" span" if inside else "")
    elif not diagnosed:
        cls = "missed: not a place mention"
    else:
        cls = "missed: not tagged at all"
    return cls + (" (name in the gazetteer)" if lookup_candidates(g.name, gaz) else " (name not in the gazetteer)")


def wrong_class(g: GoldLoc, s: GeoMention, gaz: Gazetteer, rev: ReverseIndex) -> tuple[str, bool, str]:
    """A found toponym placed more than 161 km away: its class, whether the system's country /
    admin1 contains the gold point, and the gold point's (approximate) country."""
    near = rev.nearest(g.lat, g.lon)
    gold_cc = near.cc if near else "?"
    contains = (s.feature_kind == "country" and s.country_code == gold_cc) or \
        (s.feature_kind == "admin1" and near is not None and _admin1_of(s, gaz) == near.admin1)
    right_available = any(haversine(g.lat, g.lon, c.lat, c.lon) <= TOLERANCE_KM
                          for c in lookup_candidates(s.text, gaz))
    better = "a better candidate existed" if right_available else "no candidate within 161 km"
    if contains:
        cls = f"wrong >161 km: {s.feature_kind} point vs a gold point inside that {s.feature_kind}"
    elif s.country_code == gold_cc:
        cls = f"wrong >161 km: same country, {better}"
    else:
        cls = f"wrong >161 km: other country, {better}"
    return cls, contains, gold_cc


def tally_found(t: Tally, art: Article, g: GoldLoc, s: GeoMention, gaz: Gazetteer, rev: ReverseIndex) -> None:
    """Count one found gold toponym: unresolved, within 161 km, or wrong (classified)."""
    if s.lat is None or s.lon is None:
        t.unresolved[s.text] += 1
        t.classes["matched: unresolved (no gazetteer entry)"] += 1
        t.auc_all.append(1.0)
        return
    t.n_match_resolved += 1
    d = haversine(g.lat, g.lon, s.lat, s.lon)
    t.errors_km.append(d)
    t.auc_all.append(math.log1p(d) / math.log(MAX_KM))
    pk = t.per_kind[s.feature_kind]
    pk["resolved"] += 1
    if d <= TOLERANCE_KM:
        t.n_ok += 1
        t.n_ok_credit += 1
        pk["within_161km"] += 1
        t.classes["matched: within 161 km"] += 1
        return
    cls, contains, gold_cc = wrong_class(g, s, gaz, rev)
    if contains:
        t.n_ok_credit += 1
        pk["containing_gold_point"] += 1
    t.classes[cls] += 1
    key = (g.name, s.text, f"{s.country_code} {s.feature_kind}", cls)
    t.wrong[key] += 1
    t.wrong_example.setdefault(key, {
        "system_point": [round(s.lat, 3), round(s.lon, 3)], "gold_point": [g.lat, g.lon],
        "gold_country_approx": gold_cc, "km": round(d), "gold_page": g.page, "status": s.status,
        "reason": s.reason[:160], "article": art.index})


def tally_article(t: Tally, art: Article, system: list[GeoMention], gaz: Gazetteer, rev: ReverseIndex,
                  ner: dict[int, list[tuple[int, int, str]]] | None) -> None:
    """Count one article's gold toponyms and system mentions."""
    t.n_gold += len(art.gold)
    t.n_sys += len(system)
    t.n_sys_resolved += sum(1 for s in system if s.lat is not None)
    t.statuses.update(s.status for s in system)
    pairs = match(art.gold, system)
    t.n_match += len(pairs)
    by_gold = dict(pairs)
    matched_sys = {si for _, si in pairs}
    for si, s in enumerate(system):
        if si not in matched_sys:
            t.spurious[f"{s.text}  [{s.country_code or '-'} {s.feature_kind or s.status}]"] += 1
    for gi, g in enumerate(art.gold):
        si = by_gold.get(gi)
        if si is not None:
            tally_found(t, art, g, system[si], gaz, rev)
            continue
        t.missed[g.name] += 1
        ents = [e for e in (ner or {}).get(art.index, []) if min(g.end, e[1]) > max(g.start, e[0])]
        cls = miss_class(g, art, system, gaz, ents, ner is not None)
        t.missed_example.setdefault(cls, []).append(
            f"{g.name}" + (f" <{ents[0][2]}: {art.text[ents[0][0]:ents[0][1]]}>" if ents else ""))
        t.classes[cls] += 1
        t.auc_all.append(1.0)


def summary(t: Tally, n_errors: int) -> dict[str, object]:
    """Every figure of one split, and its most frequent errors."""
    p = t.n_match / t.n_sys if t.n_sys else 0.0
    r = t.n_match / t.n_gold if t.n_gold else 0.0
    km = t.errors_km
    return {
        "gold_toponyms": t.n_gold, "system_mentions": t.n_sys, "system_mentions_with_point": t.n_sys_resolved,
        "system_status": dict(t.statuses.most_common()), "matched": t.n_match,
        "recall": _r(r), "precision": _r(p), "f1": _r(2 * p * r / (p + r) if p + r else 0.0),
        "precision_resolved_only": _r(t.n_match_resolved / t.n_sys_resolved if t.n_sys_resolved else 0.0),
        "acc161_matched": _r(t.n_ok / t.n_match if t.n_match else 0.0),
        "acc161_all_gold": _r(t.n_ok / t.n_gold if t.n_gold else 0.0),
        "within_161km": t.n_ok,
        "acc161_matched_containment_credit": _r(t.n_ok_credit / t.n_match if t.n_match else 0.0),
        "acc161_all_gold_containment_credit": _r(t.n_ok_credit / t.n_gold if t.n_gold else 0.0),
        "by_system_kind": {k: {"resolved": c["resolved"], "within_161km": c["within_161km"],
                               "acc161": _r(c["within_161km"] / c["resolved"]),
                               "beyond_161km_but_containing_gold_point": c["containing_gold_point"]}
                           for k, c in sorted(t.per_kind.items(), key=lambda kv: -kv[1]["resolved"])},
        "median_km_matched": _r(statistics.median(km), 1) if km else None,
        "mean_km_matched": _r(statistics.fmean(km), 1) if km else None,
        "auc_matched": _r(statistics.fmean(math.log1p(d) / math.log(MAX_KM) for d in km)) if km else None,
        "auc_all_gold": _r(statistics.fmean(t.auc_all)) if t.auc_all else None,
        "error_classes": dict(t.classes.most_common()),
        "top_wrong_resolutions": [
            {"gold_name": gn, "system_text": st, "system": sk, "class": c, "count": n, **t.wrong_example[(gn, st, sk, c)]}
            for (gn, st, sk, c), n in t.wrong.most_common(n_errors)],
        "missed_examples": {k: Counter(v).most_common(8) for k, v in t.missed_example.items()},
        "top_missed": [{"gold_name": k, "count": n} for k, n in t.missed.most_common(n_errors)],
        "top_unresolved": [{"system_text": k, "count": n} for k, n in t.unresolved.most_common(n_errors)],
        "top_spurious": [{"system": k, "count": n} for k, n in t.spurious.most_common(n_errors)],
    }


def evaluate(arts: list[Article], timed: Timed, gaz: Gazetteer, rev: ReverseIndex, n_errors: int,
             ner: dict[int, list[tuple[int, int, str]]] | None = None) -> dict[str, object]:
    """All figures for one split; `ner` (every spaCy entity of each article, any label) only
    serves to say why a gold toponym was missed."""
    t = Tally()
    for art in arts:
        tally_article(t, art, timed.parsed[art.index], gaz, rev, ner)
    wall = [timed.seconds[a.index] for a in arts]
    cpu = [timed.cpu_seconds[a.index] for a in arts]
    return {"articles": len(arts), **summary(t, n_errors),
            "seconds_per_article": _r(statistics.fmean(wall), 3) if wall else None,
            "seconds_per_article_median": _r(statistics.median(wall), 3) if wall else None,
            "cpu_seconds_per_article": _r(statistics.fmean(cpu), 3) if cpu else None}


# ------------------------------------------------------------------ running


def machine() -> dict[str, object]:
    """The machine and code measured (see bench/_machine.py)."""
    return _machine.machine(MODEL, ("helpers/places", "helpers/gazetteer", "helpers/entities",
                                    "data/gazetteer.tsv.gz", "data/named_regions.csv"))


@dataclass(frozen=True)
class Timed:
    """`geoparse` on every article: the mentions, and the wall-clock and CPU seconds of each."""

    parsed: dict[int, list[GeoMention]]
    seconds: dict[int, float]
    cpu_seconds: dict[int, float]


def run_geoparse(arts: list[Article], gaz: Gazetteer, nlp: object) -> Timed:
    """`geoparse` on every article, timed one by one."""
    out = Timed({}, {}, {})
    for a in arts:
        t, c = time.perf_counter(), time.process_time()
        out.parsed[a.index] = geoparse(a.text, nlp=nlp, gaz=gaz)
        out.seconds[a.index] = time.perf_counter() - t
        out.cpu_seconds[a.index] = time.process_time() - c
    return out


DEFINITIONS = {
    "measured": "helpers.geoparse(text, nlp=..., gaz=...): notebook 04's code on one article "
                "(spaCy, the entity stage, resolve_entities), resolutions given back to the mentions",
    "match": "character-span overlap, one-to-one, largest overlap first",
    "recall": "matched gold / gold (gold toponyms found)", "precision": "matched system mentions / system mentions",
    "acc161_matched": "found gold whose system point is within 161 km / found gold "
                      "(found but unresolved counts as wrong)",
    "acc161_all_gold": "the same count / all gold toponyms (misses count as wrong)",
    "mean_km_matched": "mean error over found gold whose system mention has a point (median_km_matched: median)",
    "auc": "mean ln(1 + km) / ln(20039); auc_all_gold puts misses and unresolved at 20039 km",
    "seconds_per_article": "wall-clock seconds of geoparse per article, spaCy parse included "
                           "(cpu_seconds_per_article: CPU seconds, steadier on a shared machine)",
    "gold_country_approx": "country of the gazetteer place nearest the gold point (1-degree grid)",
    "containment_credit": "supplementary: also counts as right a mention resolved to a country "
                          "(or admin1) that contains the gold point (approximated by the country / "
                          "admin1 of the gazetteer place nearest the gold point), whatever the "
                          "distance between the two representative points",
}


def measure(data: Path, n_errors: int, diagnose: bool) -> dict[str, object]:
    """Read the data, geoparse every article, and evaluate each split."""
    info = machine()
    timing: dict[str, float] = {}
    t0 = time.perf_counter()
    arts, bad = read_geovirus(data)
    timing["read_data_s"] = time.perf_counter() - t0
    t = time.perf_counter()
    gaz = load_gazetteer()
    timing["load_gazetteer_s"] = time.perf_counter() - t
    t = time.perf_counter()
    nlp = shared_pipeline(MODEL)  # loaded once, outside the timed geoparsing
    timing["load_spacy_s"] = time.perf_counter() - t
    timed = run_geoparse(arts, gaz, nlp)
    timing["geoparse_s"] = sum(timed.seconds.values())
    timing["geoparse_cpu_s"] = sum(timed.cpu_seconds.values())
    timing["geoparse_chars_per_s"] = sum(len(a.text) for a in arts) / timing["geoparse_s"]
    ner = None
    if diagnose:
        t = time.perf_counter()
        ner = {a.index: [(e.start_char, e.end_char, e.label_) for e in nlp(a.text).ents] for a in arts}
        timing["diagnosis_ner_s"] = time.perf_counter() - t
    rev = ReverseIndex(gaz)
    splits = {"dev": [a for a in arts if a.index % 5 != 4], "heldout": [a for a in arts if a.index % 5 == 4],
              "all": arts}
    results: dict[str, object] = {
        "data": f"GeoVirus (Gritta et al. 2018), {data.name}: {len(arts)} articles, "
                f"{sum(len(a.gold) for a in arts)} gold toponyms ({bad} dropped: offsets did not give the name)",
        "split": "articles in file order; every 5th (index % 5 == 4) held out",
        "definitions": DEFINITIONS, "model": MODEL,
        "country_points": "the shipped gazetteer's: countryinfo's conventional centres, the United States at its "
                          "geographic centre (data/GAZETTEER.md)",
        "gazetteer_places": len(gaz.places),
        **{k: evaluate(v, timed, gaz, rev, n_errors, ner) for k, v in splits.items()},
        "before": BEFORE, "before_issue9": BEFORE_ISSUE9, "machine": info,
    }
    timing["total_s"] = time.perf_counter() - t0
    results["timing"] = {k: round(v, 2) for k, v in timing.items()}
    return results


# ------------------------------------------------------------------ printing


def print_figures(results: dict[str, object]) -> None:
    """The headline table (with the figures from before), and the containment-credit line."""
    print(f"{'split':8} {'arts':>4} {'gold':>5} {'sys':>5} {'recall':>7} {'prec':>7} {'acc161m':>8} "
          f"{'acc161all':>9} {'meankm':>7} {'medkm':>7} {'AUCm':>6} {'cpu s/art':>9}")
    for split in ("dev", "heldout", "all"):
        r = results[split]
        assert isinstance(r, dict)
        print(f"{split:8} {r['articles']:>4} {r['gold_toponyms']:>5} {r['system_mentions']:>5} "
              f"{r['recall']:>7.4f} {r['precision']:>7.4f} {r['acc161_matched']:>8.4f} "
              f"{r['acc161_all_gold']:>9.4f} {r['mean_km_matched'] or float('nan'):>7.1f} "
              f"{r['median_km_matched'] or float('nan'):>7.1f} {r['auc_matched'] or float('nan'):>6.3f} "
              f"{r['cpu_seconds_per_article']:>9.3f}")
    for split in ("dev", "heldout"):
        b = BEFORE[split]
        assert isinstance(b, dict)
        print(f"{split + ' before':16} {'':>8} {b['recall']:>7.4f} {b['precision']:>7.4f} {b['acc161_matched']:>8.4f} "
              f"{'':>9} {b['mean_km_matched']:>7.1f} {b['median_km_matched']:>7.1f} {'':>6} "
              f"{b['cpu_seconds_per_article']:>9.3f}")
    print("\nacc@161km counting a country/admin1 that contains the gold point as right "
          "(supplementary; matched / all gold):")
    for split in ("dev", "heldout", "all"):
        r = results[split]
        assert isinstance(r, dict)
        print(f"  {split:8} {r['acc161_matched_containment_credit']:.4f} / {r['acc161_all_gold_containment_credit']:.4f}")


def print_errors(r: dict[str, object], label: str) -> None:
    """One split's accuracy by kind and its error lists."""
    print(f"\n== {label}: acc@161km by the kind of place the system chose")
    for k, c in r["by_system_kind"].items():  # type: ignore[union-attr]
        print(f"  {k or '?':16} {c['resolved']:5} resolved  acc161 {c['acc161']:.3f}  "
              f"(+{c['beyond_161km_but_containing_gold_point']} beyond 161 km but containing the gold point)")
    print(f"\n== {label}: error classes")
    for k, n in r["error_classes"].items():  # type: ignore[union-attr]
        print(f"  {n:5}  {k}")
    print(f"\n== {label}: most frequent wrong resolutions (>161 km)")
    print(f"  {'n':>3}  {'gold name':24} {'system':26} {'gold point':18} {'km':>6}  class")
    for e in r["top_wrong_resolutions"]:  # type: ignore[union-attr]
        gp = f"{e['gold_point'][0]:.2f},{e['gold_point'][1]:.2f} {e['gold_country_approx']}"
        print(f"  {e['count']:>3}  {e['gold_name'][:24]:24} {(e['system_text'] + ' ' + e['system'])[:26]:26} "
              f"{gp:18} {e['km']:>6}  {e['class'].split(': ', 1)[1]}")
    print(f"\n== {label}: missed gold toponyms, with what spaCy made of them")
    for k, ex in r["missed_examples"].items():  # type: ignore[union-attr]
        print(f"  {r['error_classes'][k]:4}  {k}: " + "; ".join(f"{e} ({n})" for e, n in ex[:5]))  # type: ignore[index]
    print(f"\n== {label}: most frequent missed gold toponyms")
    print("  " + "; ".join(f"{e['gold_name']} ({e['count']})" for e in r["top_missed"]))  # type: ignore[union-attr]
    print(f"\n== {label}: matched but unresolved")
    print("  " + "; ".join(f"{e['system_text']} ({e['count']})" for e in r["top_unresolved"]))  # type: ignore[union-attr]
    print(f"\n== {label}: most frequent spurious system mentions")
    print("  " + "; ".join(f"{e['system']} ({e['count']})" for e in r["top_spurious"]))  # type: ignore[union-attr]


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark, write the JSON, print the figures and one split's errors."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="GeoVirus.xml or its folder")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--errors", type=int, default=25, help="how many errors of each kind to list")
    ap.add_argument("--show", choices=["dev", "heldout", "all", "none"], default="dev",
                    help="print the error lists of this split (default: dev)")
    ap.add_argument("--no-diagnose", action="store_true",
                    help="skip the second spaCy pass that says which label a missed toponym got")
    args = ap.parse_args(argv)
    data = args.data / "GeoVirus.xml" if args.data.is_dir() else args.data
    if not data.is_file():
        print(f"GeoVirus data not found at {data}; nothing to measure (skipped).")
        return 0
    results = measure(data, args.errors, not args.no_diagnose)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print_figures(results)
    if args.show != "none":
        r = results[args.show]
        assert isinstance(r, dict)
        print_errors(r, args.show)
    timing = results["timing"]
    assert isinstance(timing, dict)
    print(f"\nwrote {args.out} (geoparse {timing['geoparse_s']:.1f} s for {results['all']['articles']} articles; "  # type: ignore[index]
          f"total {timing['total_s']:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
