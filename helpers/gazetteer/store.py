"""The offline gazetteer: places indexed by every spelling, read from the shipped table
(`data/gazetteer.tsv.gz`, see `data/GAZETTEER.md`) with the workbook's own named regions and
short country names (`curated`, which entity typing reads too), and extended by an optional
GeoNames database (`helpers.gazetteer.geonames`)."""

from __future__ import annotations

import csv
import gc
import gzip
import json
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .. import paths
from ..text.names import fold, is_acronym
from .curated import ACRONYM_MAX, COUNTRY_SHORT_NAMES, NAMED_REGIONS_CSV, named_regions
from .supplement import OTHER_NAMES, supplement_places

GAZETTEER = paths.DATA / "gazetteer.tsv.gz"
FAR_KM = 161.0
"""Two candidates further apart than this (100 miles, the usual geoparsing tolerance) are
different places; closer ones are the same place at two granularities."""


@dataclass(frozen=True)
class Place:
    """One gazetteer entry."""

    id: str
    kind: str
    """`country`, `admin1`, `admin2` (a county or district), `populated_place`, `airport` or
    `region`; from the curated supplement also `landmark` (`helpers.gazetteer.supplement`)."""
    name: str
    cc: str
    admin1: str
    lat: float
    lon: float
    population: int = 0
    capital: bool = False


def km(a: Place, b: Place) -> float:
    """Great-circle distance in kilometres."""
    return haversine(a.lat, a.lon, b.lat, b.lon)


def haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two points, in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


class Gazetteer:
    """Places indexed by folded name (main and alternate names)."""

    def __init__(self, places: Iterable[Place] = ()) -> None:
        self.places: list[Place] = []
        self.index: dict[str, list[int]] = defaultdict(list)
        self.by_id: dict[str, int] = {}
        self.country: dict[str, Place] = {}
        self.add(places)

    def add(self, places: Iterable[Place], names: Iterable[Sequence[str]] | None = None) -> None:
        """Add places (with their alternate names, when given) to the index."""
        names_iter = iter(names) if names is not None else None
        for p in places:
            alts = next(names_iter) if names_iter is not None else ()
            if p.id in self.by_id:  # known place: only its new spellings are added
                i = self.by_id[p.id]
                for n in {fold(p.name), *(fold(a) for a in alts)}:
                    if n and i not in self.index.get(n, ()):
                        self.index[n].append(i)
                continue
            i = len(self.places)
            self.places.append(p)
            self.by_id[p.id] = i
            if p.kind == "country":
                self.country.setdefault(p.cc, p)
            for n in {fold(p.name), *(fold(a) for a in alts)}:
                if n:
                    self.index[n].append(i)

    def candidates(self, name: str) -> list[Place]:
        """Every place called `name` (any spelling the gazetteer knows)."""
        return [self.places[i] for i in self.index.get(fold(name), [])]

    def get(self, place_id: str) -> Place | None:
        """The place with id `place_id`, or None."""
        i = self.by_id.get(place_id)
        return self.places[i] if i is not None else None

    @classmethod
    def from_tsv(cls, path: Path) -> "Gazetteer":
        """Read the shipped table (see `data/GAZETTEER.md`), without its snapshot of the named
        regions: those come from `data/named_regions.csv` (`add_curated`)."""
        places, names = [], []
        with gzip.open(path, "rt", encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                if row["kind"] == "region":
                    continue
                places.append(Place(
                    id=row["id"], kind=row["kind"], name=row["name"], cc=row["cc"], admin1=row["admin1_code"],
                    lat=float(row["lat"]), lon=float(row["lon"]), population=int(row["population"] or 0),
                    capital=row.get("capital") == "1"))
                names.append([a for a in row["alt_names"].split("|") if a])
        g = cls()
        g.add(places, names)
        return g


def add_curated(gaz: Gazetteer, regions: Path = NAMED_REGIONS_CSV) -> Gazetteer:
    """Add the named regions of `regions`, the spelled-out short country names (`Britain`,
    `America`), the same ones entity typing knows, the curated counties and landmarks and the
    other names of shipped places (`supplement`) to `gaz`."""
    rs = sorted(named_regions(regions), key=lambda r: (r.cc, r.id))  # the table's order
    gaz.add((Place(id=r.id, kind="region", name=r.name, cc=r.cc, admin1="", lat=r.lat, lon=r.lon) for r in rs),
            (r.alt_names for r in rs))
    for short, cc in COUNTRY_SHORT_NAMES.items():
        if cc in gaz.country and not is_acronym(short, ACRONYM_MAX):
            gaz.add([gaz.country[cc]], [[short]])
    for place_id, names in OTHER_NAMES.items():
        place = gaz.get(place_id)
        if place is not None:
            gaz.add([place], [list(names)])
    sup = list(supplement_places())
    gaz.add((Place(id=s.id, kind=s.kind, name=s.name, cc=s.cc, admin1=s.admin1, lat=s.lat, lon=s.lon,
                   population=s.population) for s in sup),
            (s.alt_names for s in sup))
    return gaz


@lru_cache(maxsize=4)
def load_gazetteer(path: Path = GAZETTEER, cache_dir: Path | None = None,
                   regions: Path = NAMED_REGIONS_CSV) -> Gazetteer:
    """The shipped gazetteer with the curated places (`add_curated`), read once per process.

    With `cache_dir`, the table is copied there (JSON) to load fast next time (keyed by the file's
    size and modification time); the curated places are added after reading it, so an edit to
    `named_regions.csv` never needs a rebuild.
    """
    return add_curated(_read_table(path, cache_dir), regions)


CACHE_VERSION = 3
"""The format of the table's copy in a cache folder (`_read_table`); bump it when it changes."""
PLACE_FIELDS = tuple(Place.__dataclass_fields__)


def _read_table(path: Path, cache_dir: Path | None) -> Gazetteer:
    """The shipped table, read from its copy in `cache_dir` when there is one for this file
    (keyed by its size and modification time), else parsed and copied there. The copy is JSON,
    never pickle: a cache folder copied from a colleague cannot run code."""
    if cache_dir is None:
        return Gazetteer.from_tsv(path)
    st = path.stat()
    copy = cache_dir / f"gazetteer-v{CACHE_VERSION}-{st.st_size}-{int(st.st_mtime)}.json"
    if copy.exists():
        g = _from_json(copy)
        if g is not None:
            return g
    g = Gazetteer.from_tsv(path)
    cache_dir.mkdir(parents=True, exist_ok=True)
    for old in cache_dir.glob("gazetteer-v*"):  # an older format's copy, or another version of the table
        old.unlink(missing_ok=True)
    tmp = copy.with_suffix(".tmp")
    columns = {f: [getattr(q, f) for q in g.places] for f in PLACE_FIELDS}
    tmp.write_text(json.dumps({"v": CACHE_VERSION, "places": columns, "index": g.index}, separators=(",", ":")),
                   encoding="utf-8")
    tmp.replace(copy)
    return g


def _from_json(copy: Path) -> Gazetteer | None:
    """The gazetteer in a cache folder's copy, or None when it is not one (cut short, another
    format): it is then parsed from the shipped table again."""
    collecting = gc.isenabled()
    gc.disable()  # the collector would walk the half-built table again and again: three times the time
    try:
        data = json.loads(copy.read_text(encoding="utf-8"))
        columns, index = data["places"], data["index"]
        if data.get("v") != CACHE_VERSION or not isinstance(index, dict):
            return None
        g = Gazetteer()
        new = object.__new__
        for values in zip(*(columns[f] for f in PLACE_FIELDS), strict=True):
            place = new(Place)
            place.__dict__.update(zip(PLACE_FIELDS, values))  # a frozen dataclass, filled as pickle would
            g.by_id[place.id] = len(g.places)
            g.places.append(place)
            if place.kind == "country":
                g.country.setdefault(place.cc, place)
        g.index.update(index)
        return g
    except (OSError, ValueError, KeyError, TypeError):
        return None
    finally:
        if collecting:
            gc.enable()
