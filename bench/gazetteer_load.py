"""Load time and memory of the shipped gazetteer (``sitrep.gazetteer``), in a fresh process.

.venv/bin/python bench/gazetteer_load.py
"""

from __future__ import annotations

import json
import resource
import sys
import time
from importlib import resources


def main() -> int:
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    from sitrep import gazetteer

    idx = gazetteer.index()
    load = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    for name in ["Sudzha", "Kyiv", "Springfield", "Nowhere Creek", "Суджа"] * 200:
        gazetteer.lookup(name)
    per_lookup = (time.perf_counter() - start) / 1000
    data = resources.files("sitrep.data")
    size = sum(
        data.joinpath(f).read_bytes().__len__() for f in ("gazetteer.tsv.gz", "gazetteer.keys.gz")
    )
    out = {
        "places": len(idx),
        "names": len(idx.hashes),
        "load_s": round(load, 3),
        "peak_rss_mib": round(peak / 1024, 1),
        "added_rss_mib": round((peak - base) / 1024, 1),
        "lookup_us": round(per_lookup * 1e6, 1),
        "files_mib": round(size / 2**20, 1),
    }
    sys.stdout.write(json.dumps(out) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
