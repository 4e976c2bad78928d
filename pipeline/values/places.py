"""The country of a place as datelines and bylines write it: "MADRID", "LA PAZ, Bolivia", "Por Ana Gómez | Lima".

A country's own name is read by the country table (`pipeline.nlp.gazetteer`);
cities and regions by ``lang/es/dateline_places.tsv`` (capitals, large cities,
first-level regions; names shared by two countries' cities left out). Used by
the cleaner (the dateline's country, a byline's place) and by the dates
component (a country's holidays).
"""

from __future__ import annotations

from functools import cache

from pipeline.lang import read_table


def _place_key(name: str) -> str:
    from pipeline.nlp.gazetteer import fold_name

    return fold_name(name).strip(" .")


@cache
def _dateline_places() -> dict[str, str]:
    """``dateline_places.tsv``: folded place name → ISO country code."""
    return {_place_key(row["name"]): row["country"] for row in read_table("dateline_places")}


def place_country(name: str | None) -> str | None:
    """The country (ISO alpha-2) of a place: a country's own name ("México", "Bolivia"), or a city or region of
    ``dateline_places.tsv`` ("Buenos Aires", "Jal."); None if unknown."""
    if not name or not name.strip():
        return None
    from pipeline.nlp.gazetteer import lookup_country

    return lookup_country(name.strip(" .")) or _dateline_places().get(_place_key(name))


def city_country(name: str | None) -> str | None:
    """The country of a city or region of ``dateline_places.tsv`` only (not of a country's name)."""
    return _dateline_places().get(_place_key(name)) if name and name.strip() else None


def dateline_country(place: str | None, region: str | None = None) -> str | None:
    """The country of a dateline: its region's ("LA PAZ, Bolivia", "HOTAN, Xinjiang") if known, else its place's."""
    return place_country(region) or place_country(place)
