"""Places news names that the shipped table lacks: second-level divisions and airports.

The shipped table (`data/gazetteer.tsv.gz`) has countries, first-level regions and towns of at
least 1,000 people. British news names counties ("Kent County Council") and airports
("flights from Heathrow") that it does not have, so those names fell on American towns. This
small curated list fills that gap until the bigger gazetteer of issue 12, item 1 (GeoNames
feature classes A and S from a pinned source) replaces it:

- `admin2`: the ceremonial counties of England and a few Welsh, Scottish and Northern Irish
  ones, with the names people use ("Co Durham", "Yorkshire");
- `airport`: the world's airports that news names most, by their usual names;
- `landmark`: seats of government whose name stands for it ("Downing Street", "Holyrood").

Coordinates are approximate representative points (within about 10 km of the county's centre;
an airport's or a landmark's own point), written by this project; they are added at load time
(`store.add_curated`), so no rebuild of the table is needed.
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


_ROWS = """
admin2|Bedfordshire||GB|GB.ENG|52.08|-0.45
admin2|Berkshire||GB|GB.ENG|51.45|-1.05
admin2|Buckinghamshire|Bucks|GB|GB.ENG|51.80|-0.80
admin2|Cambridgeshire|Cambs|GB|GB.ENG|52.35|0.05
admin2|Cheshire||GB|GB.ENG|53.20|-2.55
admin2|Cornwall||GB|GB.ENG|50.40|-4.90
admin2|Cumbria||GB|GB.ENG|54.55|-3.00
admin2|Derbyshire||GB|GB.ENG|53.05|-1.60
admin2|Devon||GB|GB.ENG|50.75|-3.75
admin2|Dorset||GB|GB.ENG|50.80|-2.35
admin2|County Durham|Co Durham;Co. Durham|GB|GB.ENG|54.70|-1.80
admin2|East Sussex||GB|GB.ENG|50.95|0.30
admin2|Essex||GB|GB.ENG|51.80|0.55
admin2|Gloucestershire|Glos|GB|GB.ENG|51.85|-2.20
admin2|Hampshire|Hants|GB|GB.ENG|51.05|-1.30
admin2|Herefordshire||GB|GB.ENG|52.10|-2.75
admin2|Hertfordshire|Herts|GB|GB.ENG|51.80|-0.25
admin2|Isle of Wight||GB|GB.ENG|50.68|-1.30
admin2|Kent||GB|GB.ENG|51.20|0.75
admin2|Lancashire|Lancs|GB|GB.ENG|53.80|-2.60
admin2|Leicestershire||GB|GB.ENG|52.70|-1.10
admin2|Lincolnshire|Lincs|GB|GB.ENG|53.10|-0.25
admin2|Norfolk||GB|GB.ENG|52.65|1.00
admin2|Northamptonshire|Northants|GB|GB.ENG|52.30|-0.85
admin2|Northumberland||GB|GB.ENG|55.20|-2.05
admin2|North Yorkshire||GB|GB.ENG|54.20|-1.35
admin2|Nottinghamshire|Notts|GB|GB.ENG|53.15|-1.00
admin2|Oxfordshire|Oxon|GB|GB.ENG|51.80|-1.30
admin2|Rutland||GB|GB.ENG|52.65|-0.65
admin2|Shropshire||GB|GB.ENG|52.65|-2.75
admin2|Somerset||GB|GB.ENG|51.10|-3.00
admin2|Staffordshire|Staffs|GB|GB.ENG|52.85|-2.00
admin2|Suffolk||GB|GB.ENG|52.20|1.00
admin2|Surrey||GB|GB.ENG|51.25|-0.40
admin2|Warwickshire||GB|GB.ENG|52.30|-1.55
admin2|West Sussex||GB|GB.ENG|50.95|-0.45
admin2|Wiltshire|Wilts|GB|GB.ENG|51.30|-1.95
admin2|Worcestershire||GB|GB.ENG|52.20|-2.20
admin2|Yorkshire||GB|GB.ENG|53.95|-1.30
admin2|Greater Manchester||GB|GB.ENG|53.50|-2.30
admin2|Merseyside||GB|GB.ENG|53.45|-2.95
admin2|Tyne and Wear||GB|GB.ENG|54.95|-1.55
admin2|South Yorkshire||GB|GB.ENG|53.50|-1.30
admin2|West Yorkshire||GB|GB.ENG|53.75|-1.70
admin2|East Riding of Yorkshire||GB|GB.ENG|53.85|-0.60
admin2|Greater London||GB|GB.ENG|51.50|-0.12
admin2|Pembrokeshire||GB|GB.WLS|51.85|-4.90
admin2|Gwynedd||GB|GB.WLS|52.90|-3.90
admin2|Powys||GB|GB.WLS|52.30|-3.40
admin2|Fife||GB|GB.SCT|56.25|-3.10
admin2|Aberdeenshire||GB|GB.SCT|57.25|-2.60
admin2|County Antrim|Co Antrim;Antrim|GB|GB.NIR|54.85|-6.25
admin2|County Down|Co Down|GB|GB.NIR|54.35|-5.90
admin2|County Tyrone|Co Tyrone;Tyrone|GB|GB.NIR|54.60|-7.30
airport|London Heathrow Airport|Heathrow;Heathrow Airport;London Heathrow|GB|GB.ENG|51.470|-0.454
airport|London Gatwick Airport|Gatwick;Gatwick Airport;London Gatwick|GB|GB.ENG|51.153|-0.182
airport|London Stansted Airport|Stansted;Stansted Airport|GB|GB.ENG|51.885|0.235
airport|London Luton Airport|Luton Airport|GB|GB.ENG|51.875|-0.368
airport|Manchester Airport||GB|GB.ENG|53.354|-2.275
airport|Birmingham Airport||GB|GB.ENG|52.454|-1.748
airport|Edinburgh Airport||GB|GB.SCT|55.950|-3.372
airport|Glasgow Airport||GB|GB.SCT|55.872|-4.433
airport|John F. Kennedy International Airport|JFK;JFK Airport;Kennedy Airport|US|US.NY|40.641|-73.778
airport|LaGuardia Airport|LaGuardia|US|US.NY|40.777|-73.874
airport|O'Hare International Airport|O'Hare;O'Hare Airport|US|US.IL|41.974|-87.907
airport|Los Angeles International Airport|LAX|US|US.CA|33.942|-118.408
airport|Washington Dulles International Airport|Dulles;Dulles Airport|US|US.VA|38.953|-77.456
airport|Charles de Gaulle Airport|Roissy|FR|FR.11|49.010|2.548
airport|Amsterdam Airport Schiphol|Schiphol|NL|NL.07|52.310|4.768
airport|Frankfurt Airport||DE|DE.05|50.038|8.562
airport|Dubai International Airport||AE|AE.03|25.253|55.364
airport|Singapore Changi Airport|Changi|SG||1.364|103.991
airport|Hong Kong International Airport|Chek Lap Kok|HK||22.308|113.918
airport|Narita International Airport|Narita Airport|JP|JP.04|35.772|140.393
landmark|Downing Street|Number 10;No 10|GB|GB.ENG|51.5034|-0.1276
landmark|Whitehall||GB|GB.ENG|51.5040|-0.1260
landmark|Palace of Westminster|Houses of Parliament|GB|GB.ENG|51.4995|-0.1248
landmark|Holyrood|Holyrood Palace|GB|GB.SCT|55.9520|-3.1750
landmark|Stormont||GB|GB.NIR|54.6050|-5.8320
"""
"""kind | name | other names (`;`) | country | first-level code | lat | lon."""


def supplement_places() -> Iterator[SupplementPlace]:
    """The curated second-level divisions, airports and landmarks, in table order."""
    for line in _ROWS.strip().splitlines():
        kind, name, alts, cc, admin1, lat, lon = line.split("|")
        slug = name.lower().replace(" ", "-").replace("'", "").replace(".", "")
        yield SupplementPlace(id=f"sup:{kind}:{slug}", kind=kind, name=name,
                              alt_names=tuple(a for a in alts.split(";") if a), cc=cc, admin1=admin1,
                              lat=float(lat), lon=float(lon))
