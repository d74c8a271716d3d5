"""The workbook's own place knowledge, shared by entity typing (`countries.place_kind`) and
geocoding (`store.load_gazetteer`), so the two agree:

- the named regions of `data/named_regions.csv` (the Middle East, the Golan Heights, the
  Persian Gulf ...), each with its other names, country and an approximate point;
- short country names that neither `countryinfo` nor GeoNames spell out (`Britain`,
  `America`, `DRC`), and the rule that reads a country acronym (`U.S.`, `UAE`).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .. import paths
from ..text.names import is_acronym

NAMED_REGIONS_CSV = paths.DATA / "named_regions.csv"
"""The one list of named regions (columns `id, name, alt_names, cc, lat, lon, note`)."""


@dataclass(frozen=True, slots=True)
class NamedRegion:
    """One curated named region (physical or political) that is not a country or province."""

    id: str
    name: str
    alt_names: tuple[str, ...]
    cc: str
    """ISO alpha-2 of the country it lies in, or '' when it spans several."""
    lat: float
    lon: float
    note: str

    @property
    def names(self) -> tuple[str, ...]:
        """The name and every other name."""
        return (self.name, *self.alt_names)


@lru_cache(maxsize=4)
def named_regions(path: Path = NAMED_REGIONS_CSV) -> tuple[NamedRegion, ...]:
    """The named regions of `path`, in file order."""
    with path.open(encoding="utf-8", newline="") as f:
        return tuple(NamedRegion(id=r["id"], name=r["name"],
                                 alt_names=tuple(a for a in r["alt_names"].split("|") if a),
                                 cc=r["cc"], lat=float(r["lat"]), lon=float(r["lon"]), note=r["note"])
                     for r in csv.DictReader(f))


US_STATES = (
    "Alabama Ala. AL|Alaska Alaska AK|Arizona Ariz. AZ|Arkansas Ark. AR|California Calif. CA|Colorado Colo. CO|"
    "Connecticut Conn. CT|Delaware Del. DE|Florida Fla. FL|Georgia Ga. GA|Hawaii Hawaii HI|Idaho Idaho ID|"
    "Illinois Ill. IL|Indiana Ind. IN|Iowa Iowa IA|Kansas Kan. KS|Kentucky Ky. KY|Louisiana La. LA|Maine Maine ME|"
    "Maryland Md. MD|Massachusetts Mass. MA|Michigan Mich. MI|Minnesota Minn. MN|Mississippi Miss. MS|"
    "Missouri Mo. MO|Montana Mont. MT|Nebraska Neb. NE|Nevada Nev. NV|New_Hampshire N.H. NH|New_Jersey N.J. NJ|"
    "New_Mexico N.M. NM|New_York N.Y. NY|North_Carolina N.C. NC|North_Dakota N.D. ND|Ohio Ohio OH|"
    "Oklahoma Okla. OK|Oregon Ore. OR|Pennsylvania Pa. PA|Rhode_Island R.I. RI|South_Carolina S.C. SC|"
    "South_Dakota S.D. SD|Tennessee Tenn. TN|Texas Texas TX|Utah Utah UT|Vermont Vt. VT|Virginia Va. VA|"
    "Washington Wash. WA|West_Virginia W.Va. WV|Wisconsin Wis. WI|Wyoming Wyo. WY")
"""The fifty US states: name (`_` for a space), the AP Stylebook's abbreviation, postal code."""


def _state_abbreviations() -> dict[str, str]:
    out = {}
    for row in US_STATES.split("|"):
        _, ap, postal = row.split()
        if ap.endswith("."):  # the AP writes "Texas", "Ohio" in full: names the gazetteer knows
            out[ap] = postal
        out[postal] = postal
    return out


STATE_ABBREVIATIONS = _state_abbreviations()
"""A US state's AP abbreviation as written, full stop included (`Tenn.`, `N.Y.`, `W.Va.`), or
its postal code in capitals (`TN`) -> the postal code. Read only right after a town and a comma
("Paris, Tenn.", "Nashville, TN", `state_code_of_abbreviation`): alone, "Miss.", "Mass." and
"OK" are words, and without its full stop "La" opens "La Pampa", "Mo" "Mo Salah"."""


def state_code_of_abbreviation(words: str) -> str:
    """The first-level code (`US.TN`) of the US state that `words`, the capitalised words right
    after a town's comma, are (`Tenn.`, `TN`) or open with, when an AP abbreviation with its
    full stop opens them (`Tenn. The`; not `MD Anderson`, `OK Go`); '' for any other words."""
    parts = words.split()
    code = STATE_ABBREVIATIONS.get(words) or (
        STATE_ABBREVIATIONS.get(parts[0], "") if parts and parts[0].endswith(".") else "")
    return f"US.{code}" if code else ""


COUNTRY_SHORT_NAMES: dict[str, str] = {
    "US": "US", "U.S.": "US", "USA": "US", "America": "US",
    "UK": "GB", "U.K.": "GB", "Britain": "GB", "Great Britain": "GB",
    "UAE": "AE", "Holland": "NL", "DRC": "CD", "PRC": "CN", "ROK": "KR", "DPRK": "KP",
}
"""Common short names of countries -> ISO alpha-2, for names the reference packages list only as
codes or long forms. Entity typing takes them all; the gazetteer takes the spelled-out ones as
other names of the country (the acronyms go through `country_code_of_acronym`)."""

ACRONYM_MAX = 4
"""Country acronyms have 2 to 4 capitals (`US`, `UAE`, `DPRK`)."""


def acronym_countries() -> dict[str, str]:
    """The acronyms of `COUNTRY_SHORT_NAMES` (dots removed) that are not the ISO code itself."""
    out = {}
    for short, cc in COUNTRY_SHORT_NAMES.items():
        compact = short.replace(".", "")
        if is_acronym(short, ACRONYM_MAX) and compact != cc:
            out[compact] = cc
    return out


ACRONYM_COUNTRIES = acronym_countries()
"""Country abbreviations that are not the ISO code itself (`UK` -> GB, `DRC` -> CD)."""


def country_code_of_acronym(name: str) -> str:
    """`US`, `U.S.`, `UK`, `UAE` → the ISO code of the country they abbreviate, else ''."""
    if not is_acronym(name, ACRONYM_MAX):
        return ""
    compact = name.replace(".", "").replace(" ", "")
    return ACRONYM_COUNTRIES.get(compact, compact if len(compact) == 2 else "")
