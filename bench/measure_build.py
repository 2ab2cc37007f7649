"""Wall time and peak memory of `sitrep build` on a corpus, plus the dossier's counts.

    .venv/bin/python bench/measure_build.py ../shared/data/seeds demo/corpus

Each corpus is built in a fresh process (so the figure includes loading spaCy and the
gazetteer); peak memory is the child's maximum resident set size.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SITREP = Path(sys.executable).with_name("sitrep")


def measure(corpus: Path) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as out:
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        start = time.perf_counter()
        proc = subprocess.run(
            [str(SITREP), "build", str(corpus), "--out", out, "--quiet"],
            capture_output=True,
            text=True,
            check=False,
        )
        wall = time.perf_counter() - start
        peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        dossier = json.loads((Path(out) / "dossier.json").read_text())
    words = sum(len(d["text"].split()) for d in dossier["documents"])
    return {
        "corpus": str(corpus),
        "exit": proc.returncode,
        "wall_s": round(wall, 2),
        "peak_rss_mib": round(max(peak_kib, before) / 1024, 1),
        "words": words,
        "articles": len(dossier["documents"]),
        "figures": len(dossier["figures"]),
        "claims": len(dossier["claims"]),
        "claims_with_source": sum(1 for c in dossier["claims"] if c["source"]),
        "entities": len(dossier["entities"]),
        "events": len(dossier["events"]),
        "tracks": len(dossier["tracks"]),
        "disagreements": sum(len(t["disagreements"]) for t in dossier["tracks"]),
        "controls": len(dossier["controls"]),
        "timeline": len(dossier["timeline"]),
        "stories": len(dossier["stories"]),
        "problems": len(dossier["problems"]),
    }


def main() -> None:
    for arg in sys.argv[1:]:
        print(json.dumps(measure(Path(arg))))


if __name__ == "__main__":
    main()
