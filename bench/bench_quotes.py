"""Benchmark the quotes of notebook 05 (direct quotes + speakers) on PolNeAR v1.0.0 (training split).

Usage (from the checkout)::

    .venv/bin/python bench/bench_quotes.py [--data PATH] [--out bench/results/quotes.json]
                                           [--errors N] [--show dev|heldout] [--plain]
                                           [--model NAME]

What is measured
----------------
``helpers.find_quotes(text)``, the public function that runs notebook 05's code on one text:
the workbook's spaCy pipeline (loaded once), the entity stage on that one article, then
``helpers.outlets.compare.quotes_of_article`` (what ``quote_table`` calls for each article)
with the article's PERSON/ORG mentions, sentences and parse. ``--plain`` measures the quote
engine alone (``helpers.outlets.quotes.find_quotes(text)``: no model, no names; the figure the
README gave before the benchmark measured notebook 05).

Data: ``../shared/dev-data/polnear-train/`` relative to the checkout (or ``--data``):
``text/NAME.txt`` and ``attributions/NAME_ANNOTATOR.ann`` (brat standoff). When it is missing
the script says so and exits 0.

Gold
----
* **One annotator per text**: when several ``.ann`` files exist for a text (16 of 840 texts
  have 5-6), the first one in sorted file-name order is used; the others are ignored.
* **Gold direct quotes** = ``Content`` spans whose first fragment begins with a quotation
  mark (``“ " ‘ '`` - the last covers the ASCII ``''`` wire convention). A discontinuous
  Content (``s e;s e``, e.g. a quote split by its attribution or running over paragraphs) is
  one gold quote made of several fragments.
* **Gold source** = the ``Source`` span joined to that Content by an ``E`` line (absent for a
  few attributions; those quotes are left out of speaker accuracy).

Scoring
-------
* Only **attributed system quotes** (records with a cue, i.e. the system claims a direct
  quote by someone) are scored for precision; figures for all records (scare quotes
  included) are given as ``*_all``.
* **Overlap match**: a system record matches a gold quote when it overlaps any fragment.
  Recall = gold quotes matched by >= 1 record / gold; precision = records overlapping some
  gold direct quote / records. A split quote gives two system records and one gold quote:
  both records count as correct, the gold once.
  ``precision_lenient`` also accepts records overlapping any gold ``Content`` (a partial
  quote inside indirect speech, "said that he was “tired”", is a Content not starting with
  a quote mark in PolNeAR).
* **Exact match**: the non-space, non-quotation-mark characters covered by the gold
  fragments equal those covered by the system records overlapping it. Exact P = records
  all of whose overlapped gold quotes are exact / records.
* **Speaker accuracy** over overlap-matched gold quotes that have a Source: the record
  (the first one overlapping the gold) is right when (a) its speaker span overlaps the gold
  Source span, or (b) its ``mention`` span (the subject as written next to the cue, e.g.
  the pronoun "he") overlaps the gold Source span, or (c) its speaker text equals the gold
  Source text case-insensitively after stripping titles (Mr., Sen., President, ...) and
  a possessive. A gold pronoun source ("He") is therefore right when the system found that
  pronoun (b) or resolved to a span overlapping it; PolNeAR has no coreference chains, so
  the antecedent choice itself is not checked. An unattributed record is wrong.
  ``speaker_acc_lenient`` also accepts the same last name (Trump ~ Donald Trump) and the
  visibly swapped gold (a Source span that reads "said"/"told"... while the system speaker
  overlaps the gold Cue span: "...," said Bolton annotated Source=said, Cue=Bolton).

Split: files sorted by name; every fifth text (index 4, 9, ...) is held out.
"""

from __future__ import annotations

import _machine  # noqa: E402 - bench/ is on sys.path when run as a script
import argparse
import json
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from helpers import find_quotes  # noqa: E402
from helpers.annotation import shared_pipeline  # noqa: E402
from helpers.outlets import quotes  # noqa: E402
from helpers.settings import DEFAULT_SPACY_MODEL  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "dev-data" / "polnear-train"
DEFAULT_OUT = ROOT / "bench" / "results" / "quotes.json"
QMARKS = "\"“”‘’'«»„`"
TITLE_RE = re.compile(
    r"^(?:(?:mr|mrs|ms|miss|dr|sen|senator|rep|gov|governor|president|pres|vice|secretary|"
    r"judge|gen|former|the|candidate|speaker|mayor|chairman|prof|rev)\.?\s+)+",
    re.I,
)


def load(data: Path):
    texts = sorted((data / "text").glob("*.txt"))
    anns = defaultdict(list)
    for a in sorted((data / "attributions").glob("*.ann")):
        anns[a.name.rsplit("_", 1)[0]].append(a)
    docs = []
    for t in texts:
        name = t.stem
        if name not in anns:
            continue
        ann = anns[name][0]
        text = t.read_text(encoding="utf-8")
        spans = {}
        for line in ann.read_text(encoding="utf-8").splitlines():
            p = line.split("\t")
            if p[0].startswith("T") and len(p) >= 2:
                typ, offs = p[1].split(" ", 1)
                frags = [tuple(map(int, x.split())) for x in offs.split(";")]
                spans[p[0]] = (typ, frags)
        golds, contents = [], []
        for line in ann.read_text(encoding="utf-8").splitlines():
            p = line.split("\t")
            if not p[0].startswith("E") or len(p) < 2:
                continue
            roles = dict(x.split(":", 1) for x in p[1].split() if ":" in x)
            c = roles.get("Content")
            if c not in spans:
                continue
            frags = spans[c][1]
            contents.append(frags)
            first = text[frags[0][0]:frags[0][1]].lstrip()
            if not first or first[0] not in QMARKS:
                continue
            src = spans.get(roles.get("Source", ""), (None, []))[1]
            cue = spans.get(roles.get("Cue", ""), (None, []))[1]
            golds.append({"frags": frags, "source": src, "cue": cue,
                          "source_text": " ".join(text[s:e] for s, e in src)})
        # dedupe gold (same content referenced twice)
        seen, gl = set(), []
        for g in golds:
            k = tuple(g["frags"])
            if k not in seen:
                seen.add(k)
                gl.append(g)
        docs.append({"name": name, "annotator": ann.stem.rsplit("_", 1)[1], "n_ann": len(anns[name]),
                     "text": text, "gold": gl, "contents": contents})
    return docs


def overlaps(a, b, frags):
    return any(a < e and s < b for s, e in frags)


def chars(text, frags):
    return {i for s, e in frags for i in range(s, e) if not text[i].isspace() and text[i] not in QMARKS}


def norm_name(s: str) -> str:
    s = s.strip().strip(",.").lower()
    s = TITLE_RE.sub("", s)
    s = re.sub(r"[’']s$", "", s)
    return " ".join(s.split())


def score(docs, system):
    c = Counter()
    errors = defaultdict(list)
    for d in docs:
        text = d["text"]
        recs = system[d["name"]]
        att = [q for q in recs if q.cue]
        for pool, suf in ((att, ""), (recs, "_all")):
            c["sys" + suf] += len(pool)
            for q in pool:
                if any(overlaps(q.start, q.end, g["frags"]) for g in d["gold"]):
                    c["sys_match" + suf] += 1
                elif any(overlaps(q.start, q.end, f) for f in d["contents"]):
                    c["sys_match_lenient" + suf] += 1
                elif suf == "":
                    errors["spurious"].append((d["name"], q.quote[:80], q.speaker, q.cue))
        exact_gold = set()
        for gi, g in enumerate(d["gold"]):
            c["gold"] += 1
            ms = [q for q in recs if overlaps(q.start, q.end, g["frags"])]
            ms_att = [q for q in ms if q.cue]
            if not ms:
                errors["missed_quote"].append((d["name"], text[g["frags"][0][0]:g["frags"][-1][1]][:80]))
                continue
            c["gold_match_all"] += 1
            if ms_att:
                c["gold_match"] += 1
            if chars(text, g["frags"]) == chars(text, [(q.start, q.end) for q in ms]):
                c["gold_exact_all"] += 1
                exact_gold.add(gi)
                if ms_att:
                    c["gold_exact"] += 1
            if not g["source"]:
                continue
            c["spk_n"] += 1
            q = ms_att[0] if ms_att else ms[0]
            gs = g["source"]
            ok = (q.speaker_start >= 0 and overlaps(q.speaker_start, q.speaker_end, gs)) or \
                 (q.mention_start >= 0 and overlaps(q.mention_start, q.mention_end, gs)) or \
                 (q.speaker and norm_name(q.speaker) == norm_name(g["source_text"]))
            swapped = bool(q.speaker_start >= 0 and g["cue"] and re.fullmatch(r"(?i)(said|says|told|added|wrote|tweeted|asked)", g["source_text"].strip())
                           and overlaps(q.speaker_start, q.speaker_end, g["cue"]))
            lenient = ok or swapped or (q.speaker and norm_name(q.speaker).split()[-1:] == norm_name(g["source_text"]).split()[-1:])
            c["spk_ok"] += bool(ok)
            c["spk_ok_lenient"] += bool(lenient)
            if not ok:
                if not q.speaker and not q.cue:
                    kind = "no_attribution"
                elif not q.speaker:
                    kind = "cue_but_unresolved"
                elif q.mention_start >= 0 and q.mention.lower() in ("he", "she", "they", "it"):
                    kind = "pronoun_wrong_antecedent"
                elif q.method == "continued":
                    kind = "inherited_wrong"
                else:
                    kind = "wrong_speaker_" + (q.method or "x")
                errors[kind].append((d["name"], q.quote[:70], "sys=" + q.speaker, "mention=" + q.mention,
                                     "gold=" + g["source_text"], q.method))
        for pool, suf in ((att, ""), (recs, "_all")):
            for q in pool:
                gs = [gi for gi, g in enumerate(d["gold"]) if overlaps(q.start, q.end, g["frags"])]
                if gs and all(gi in exact_gold for gi in gs):
                    c["sys_exact" + suf] += 1
    return c, errors


def figures(c):
    def f1(p, r):
        return round(2 * p * r / (p + r), 4) if p + r else 0.0

    def div(a, b):
        return round(a / b, 4) if b else 0.0
    out = {"gold_direct_quotes": c["gold"], "system_attributed": c["sys"], "system_all": c["sys_all"]}
    for suf in ("", "_all"):
        p = div(c["sys_match" + suf], c["sys" + suf])
        r = div(c["gold_match" + suf], c["gold"])
        out["overlap" + suf] = {"precision": p, "recall": r, "f1": f1(p, r),
                                "precision_lenient": div(c["sys_match" + suf] + c["sys_match_lenient" + suf], c["sys" + suf])}
        pe = div(c["sys_exact" + suf], c["sys" + suf])
        re_ = div(c["gold_exact" + suf], c["gold"])
        out["exact" + suf] = {"precision": pe, "recall": re_, "f1": f1(pe, re_)}
    out["speaker"] = {"n": c["spk_n"], "accuracy": div(c["spk_ok"], c["spk_n"]),
                      "accuracy_lenient": div(c["spk_ok_lenient"], c["spk_n"])}
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--errors", type=int, default=6)
    ap.add_argument("--show", choices=("dev", "heldout"), default="dev")
    ap.add_argument("--plain", action="store_true", help="measure find_quotes(text) alone (no model, no names)")
    ap.add_argument("--model", default=DEFAULT_SPACY_MODEL, help="spaCy pipeline")
    a = ap.parse_args(argv)
    if not (a.data / "text").is_dir() or not (a.data / "attributions").is_dir():
        print(f"PolNeAR data not found at {a.data}; nothing to benchmark.")
        return 0
    docs = load(a.data)
    nlp = None if a.plain else shared_pipeline(a.model)  # loaded once, before the clock
    t0 = time.process_time()
    if a.plain:
        system = {d["name"]: quotes.find_quotes(d["text"]) for d in docs}
    else:
        system = {d["name"]: find_quotes(d["text"], nlp=nlp) for d in docs}
    cpu = time.process_time() - t0
    for d in docs:  # offsets always point at the text
        for q in system[d["name"]]:
            assert d["text"][q.start:q.end] == q.quote
            assert q.speaker_start < 0 or d["text"][q.speaker_start:q.speaker_end] == q.speaker
    splits = {"dev": [d for i, d in enumerate(docs) if i % 5 != 4],
              "heldout": [d for i, d in enumerate(docs) if i % 5 == 4], "all": docs}
    result = {"data": str(a.data), "texts": len(docs),
              "texts_with_several_annotators": sum(d["n_ann"] > 1 for d in docs),
              "annotator_rule": "first .ann in sorted file-name order",
              "measured": "helpers.outlets.quotes.find_quotes(text) (no parse, no names)" if a.plain else
                          "helpers.find_quotes(text): spaCy parse + entity stage + notebook 05's quotes",
              "cpu_seconds": round(cpu, 2),
              "chars": sum(len(d["text"]) for d in docs),
              "machine": _machine.machine(a.model, ("helpers/outlets", "helpers/text")),
              "splits": {}, "errors": {}}
    all_err = {}
    for k, ds in splits.items():
        c, err = score(ds, system)
        types = Counter(q.speaker_type or "(unattributed)" for d in ds for q in system[d["name"]] if q.cue)
        result["splits"][k] = {"texts": len(ds), **figures(c), "speaker_types": dict(types.most_common())}
        all_err[k] = err
    for k in ("dev", "heldout"):
        err = all_err[k]
        result["errors"][k] = {kind: {"count": len(v), "examples": v[:a.errors]}
                               for kind, v in sorted(err.items(), key=lambda kv: -len(kv[1]))}
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    what = "quote engine alone" if a.plain else "helpers.find_quotes"
    print(f"{len(docs)} texts, {what} CPU {cpu:.2f}s")
    print("split     gold  sys   ovP    ovR    ovF1   exP    exR    exF1   spk_n spk_acc (lenient)")
    for k, r in result["splits"].items():
        o, e, s = r["overlap"], r["exact"], r["speaker"]
        print(f"{k:8} {r['gold_direct_quotes']:5} {r['system_attributed']:5} {o['precision']:.3f}  {o['recall']:.3f}  "
              f"{o['f1']:.3f}  {e['precision']:.3f}  {e['recall']:.3f}  {e['f1']:.3f}  {s['n']:5} "
              f"{s['accuracy']:.3f} ({s['accuracy_lenient']:.3f})")
    print(f"\nerrors ({a.show}):")
    for kind, v in result["errors"][a.show].items():
        print(f"  {kind}: {v['count']}")
        for ex in v["examples"]:
            print("     ", ex)
    print(f"\nwrote {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
