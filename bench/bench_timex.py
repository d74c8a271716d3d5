"""Benchmark `find_timexes` on the TempEval-3 training data (TimeBank + AQUAINT, TBAQ-cleaned).

Usage (from the checkout)::

    .venv/bin/python bench/bench_timex.py [--data PATH] [--out bench/results/timex.json]
                                          [--errors N] [--show dev|heldout|all]
                                          [--model NAME] [--without-parse]

The data is looked for at ``../shared/dev-data/tempeval3-train/`` relative to the checkout
(or ``--data``); when it is missing the script says so and exits 0.

Each ``.tml`` file's ``<TEXT>`` content is stripped of its inline tags (EVENT, SIGNAL,
TIMEX3 ...; XML entities decoded) to give the plain text and the gold TIMEX3 spans as
offsets into it; the DCT is the ``CREATION_TIME`` TIMEX3's value (date part).
Every document goes through ``helpers.find_timexes(text, dct)``, the public function that
runs notebook 03's code on one text: the workbook's spaCy pipeline
(``helpers.settings.DEFAULT_SPACY_MODEL``, loaded once) parses it, and sentences and tense
come from that parse exactly as in the notebook. ``--without-parse`` measures the fallback
that `helpers.timeline.find_timexes` uses for text given without a parse. Scoring as in TempEval-3 (UzZaman et al. 2013):

- extraction, strict: a system span equal to a gold span; relaxed: spans overlap
  (one-to-one matching, the largest overlap first). P = matched / system, R = matched /
  gold, F1 their harmonic mean.
- type accuracy and value accuracy: over the relaxed matches.
- attribute F1 (the official definition): P = correct attribute / system timexes,
  R = correct attribute / gold timexes (equivalently accuracy × relaxed P and R).
  Values are compared as exact strings.

Files are sorted by name and every fifth one (index 4, 9, ...) is held out: rules were
developed looking at the other 80 % ("dev"); the held-out figures show overfitting.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from helpers import find_timexes  # noqa: E402
from helpers import timeline  # noqa: E402
from helpers.annotation import check_pipeline, shared_pipeline  # noqa: E402
from helpers.settings import DEFAULT_SPACY_MODEL  # noqa: E402
from helpers.timeline import Timex  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "dev-data" / "tempeval3-train"
DEFAULT_OUT = ROOT / "bench" / "results" / "timex.json"


@dataclass(frozen=True)
class Gold:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass
class Doc:
    name: str
    dct: dt.date
    text: str
    gold: list[Gold]


_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>|&[#\w]+;")


def parse_tml(path: Path) -> Doc:
    """Plain text of <TEXT> with the gold TIMEX3 spans as offsets into it."""
    raw = path.read_text(encoding="utf-8")
    dct_m = re.search(r'<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*>', raw)
    if dct_m is None:
        raise ValueError(f"{path.name}: no CREATION_TIME")
    dct_value = re.search(r'value="([^"]+)"', dct_m.group()).group(1)  # type: ignore[union-attr]
    dct = dt.date.fromisoformat(dct_value[:10])
    body_m = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S)
    if body_m is None:
        raise ValueError(f"{path.name}: no TEXT")
    body = body_m.group(1)
    out: list[str] = []
    pos = 0
    length = 0
    open_timex: list[tuple[int, dict[str, str]]] = []
    gold: list[Gold] = []
    for m in _TAG.finditer(body):
        chunk = body[pos:m.start()]
        out.append(chunk)
        length += len(chunk)
        pos = m.end()
        tok = m.group()
        if tok.startswith("&"):
            ch = html.unescape(tok)
            out.append(ch)
            length += len(ch)
            continue
        closing, name, attrs, selfclosing = m.group(1), m.group(2), m.group(3), m.group(4)
        if name != "TIMEX3" or selfclosing:
            continue
        if not closing:
            open_timex.append((length, dict(re.findall(r'(\w+)="([^"]*)"', attrs))))
        else:
            start, a = open_timex.pop()
            gold.append(Gold(start, length, "", a.get("type", ""), a.get("value", "")))
    out.append(body[pos:])
    text = "".join(out)
    gold = [Gold(g.start, g.end, text[g.start:g.end], g.type, g.value) for g in gold]
    return Doc(path.stem, dct, text, sorted(gold, key=lambda g: g.start))


def system_timexes(docs: list[Doc], model: str, without_parse: bool) -> dict[str, list[Timex]]:
    """Each document's time expressions: `helpers.find_timexes` (notebook 03's code), or the
    no-parse fallback."""
    if without_parse:
        return {d.name: timeline.find_timexes(d.text, d.dct) for d in docs}
    nlp = shared_pipeline(model)
    return {d.name: find_timexes(d.text, d.dct, nlp=nlp) for d in docs}


def match(gold: list[Gold], system: list[Timex]) -> tuple[int, list[tuple[Gold, Timex]]]:
    """Strict match count and the one-to-one relaxed (overlap) pairs."""
    strict = len({(g.start, g.end) for g in gold} & {(s.start, s.end) for s in system})
    pairs: list[tuple[int, int, int]] = []
    for gi, g in enumerate(gold):
        for si, s in enumerate(system):
            ov = min(g.end, s.end) - max(g.start, s.start)
            if ov > 0:
                pairs.append((ov, gi, si))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    used_g: set[int] = set()
    used_s: set[int] = set()
    out: list[tuple[Gold, Timex]] = []
    for _, gi, si in pairs:
        if gi in used_g or si in used_s:
            continue
        used_g.add(gi)
        used_s.add(si)
        out.append((gold[gi], system[si]))
    return strict, out


def prf(correct: int, n_sys: int, n_gold: int) -> dict[str, float]:
    p = correct / n_sys if n_sys else 0.0
    r = correct / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def evaluate(docs: list[Doc], n_errors: int, outputs: dict[str, list[Timex]]) -> dict[str, object]:
    n_gold = n_sys = n_strict = n_relaxed = n_type = n_value = 0
    per_type: dict[str, Counter[str]] = {}
    value_errors: Counter[tuple[str, str, str, str]] = Counter()
    missed: Counter[str] = Counter()
    spurious: Counter[str] = Counter()
    rules: Counter[str] = Counter()
    rules_ok: Counter[str] = Counter()
    for doc in docs:
        system = outputs[doc.name]
        n_gold += len(doc.gold)
        n_sys += len(system)
        strict, pairs = match(doc.gold, system)
        n_strict += strict
        n_relaxed += len(pairs)
        matched_g = {(g.start, g.end) for g, _ in pairs}
        matched_s = {(s.start, s.end) for _, s in pairs}
        for g in doc.gold:
            c = per_type.setdefault(g.type, Counter())
            c["gold"] += 1
            if (g.start, g.end) not in matched_g:
                missed[f"{g.text.lower()}  [{g.type} {g.value}]"] += 1
        for s in system:
            per_type.setdefault(s.type, Counter())["system"] += 1
            rules[s.rule] += 1
            if (s.start, s.end) not in matched_s:
                spurious[f"{s.text.lower()}  [{s.rule}]"] += 1
        for g, s in pairs:
            c = per_type[g.type]
            c["matched"] += 1
            if g.type == s.type:
                n_type += 1
                c["type_ok"] += 1
            if g.value == s.value:
                n_value += 1
                c["value_ok"] += 1
                rules_ok[s.rule] += 1
                per_type[s.type]["sys_value_ok"] += 1
            else:
                value_errors[(g.text.lower(), g.value, s.value, s.rule)] += 1
    breakdown = {}
    for t, c in sorted(per_type.items()):
        breakdown[t] = {
            "gold": c["gold"], "system": c["system"], "relaxed_matched": c["matched"],
            "relaxed_recall": round(c["matched"] / c["gold"], 4) if c["gold"] else None,
            "type_accuracy": round(c["type_ok"] / c["matched"], 4) if c["matched"] else None,
            "value_accuracy": round(c["value_ok"] / c["matched"], 4) if c["matched"] else None,
        }
    return {
        "documents": len(docs),
        "gold_timexes": n_gold,
        "system_timexes": n_sys,
        "strict": prf(n_strict, n_sys, n_gold),
        "relaxed": prf(n_relaxed, n_sys, n_gold),
        "type_accuracy": round(n_type / n_relaxed, 4) if n_relaxed else 0.0,
        "type": prf(n_type, n_sys, n_gold),
        "value_accuracy": round(n_value / n_relaxed, 4) if n_relaxed else 0.0,
        "value": prf(n_value, n_sys, n_gold),
        "per_gold_type": breakdown,
        "rules": {r: {"produced": n, "value_correct_when_matched": rules_ok[r]}
                  for r, n in rules.most_common()},
        "top_value_errors": [
            {"text": t, "gold": g, "system": s, "rule": r, "count": n}
            for (t, g, s, r), n in value_errors.most_common(n_errors)],
        "top_missed": [{"gold": k, "count": n} for k, n in missed.most_common(n_errors)],
        "top_spurious": [{"system": k, "count": n} for k, n in spurious.most_common(n_errors)],
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--errors", type=int, default=40, help="how many errors to list")
    ap.add_argument("--show", choices=["dev", "heldout", "all", "none"], default="none",
                    help="print the error lists of this split")
    ap.add_argument("--model", default=DEFAULT_SPACY_MODEL, help="spaCy pipeline (default: the workbook's)")
    ap.add_argument("--without-parse", action="store_true",
                    help="measure the fallback for text given without a parse (rule sentences, cue-word tense)")
    args = ap.parse_args(argv)
    if not args.data.is_dir():
        print(f"TempEval-3 data not found at {args.data}; nothing to measure (skipped).")
        return 0
    files = sorted(args.data.rglob("*.tml"), key=lambda p: p.name)
    if not files:
        print(f"No .tml files under {args.data}; nothing to measure (skipped).")
        return 0
    t0 = time.perf_counter()
    docs = [parse_tml(p) for p in files]
    outputs = system_timexes(docs, args.model, args.without_parse)
    dev = [d for i, d in enumerate(docs) if i % 5 != 4]
    held = [d for i, d in enumerate(docs) if i % 5 == 4]
    results = {
        "data": "TempEval-3 training data (TBAQ-cleaned: TimeBank 1.2 + AQUAINT)",
        "split": "files sorted by name; every 5th (index % 5 == 4) held out",
        "parse": "none (rule sentences, cue-word tense)" if args.without_parse else
                 f"{args.model} {check_pipeline(args.model).version} (sentences and tense from the parse)",
        "value_f1_definition": "P = correct values / system timexes, R = correct values / "
                               "gold timexes, over one-to-one relaxed (overlap) matches; "
                               "exact string comparison",
        "dev": evaluate(dev, args.errors, outputs),
        "heldout": evaluate(held, args.errors, outputs),
        "all": evaluate(docs, args.errors, outputs),
    }
    results["seconds"] = round(time.perf_counter() - t0, 2)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n",
                        encoding="utf-8")
    print(f"parse: {results['parse']}")
    print(f"{'split':8} {'docs':>4} {'gold':>5} {'sys':>5} {'strictF1':>8} {'relaxP':>7} "
          f"{'relaxR':>7} {'relaxF1':>7} {'typeAcc':>7} {'valAcc':>7} {'valueF1':>7}")
    for split in ("dev", "heldout", "all"):
        r = results[split]
        assert isinstance(r, dict)
        print(f"{split:8} {r['documents']:>4} {r['gold_timexes']:>5} {r['system_timexes']:>5} "
              f"{r['strict']['f1']:>8.4f} {r['relaxed']['precision']:>7.4f} "
              f"{r['relaxed']['recall']:>7.4f} {r['relaxed']['f1']:>7.4f} "
              f"{r['type_accuracy']:>7.4f} {r['value_accuracy']:>7.4f} {r['value']['f1']:>7.4f}")
    if args.show != "none":
        r = results[args.show]
        assert isinstance(r, dict)
        print("\n-- value errors (text | gold | system | rule | n)")
        for e in r["top_value_errors"]:
            print(f"  {e['text']!r:40} {e['gold']:14} {e['system']:14} {e['rule']:18} {e['count']}")
        print("\n-- missed")
        for e in r["top_missed"]:
            print(f"  {e['gold']:60} {e['count']}")
        print("\n-- spurious")
        for e in r["top_spurious"]:
            print(f"  {e['system']:60} {e['count']}")
    print(f"\nwrote {args.out} ({results['seconds']} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
