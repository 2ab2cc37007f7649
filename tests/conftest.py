"""Shared fixtures: one build of the bundled demo corpus and one of the seed articles per session.

Both builds go through the library API (``sitrep.build.build``), never the CLI, and write into
pytest's temporary directories. The seed build skips when ``../shared/data/seeds`` is absent
(the shared evaluation data is never part of the repository).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "demo"
DEMO_CORPUS = DEMO / "corpus"
DEMO_GOLD = DEMO / "gold.json"
SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
SEEDS = SHARED_DATA / "seeds"

# Every file format the demo corpus ships; anything else in demo/corpus would be a mistake.
DEMO_SUFFIXES = {".txt", ".md", ".html", ".json", ".jsonl"}


def demo_inputs() -> list[Path]:
    """The demo corpus files, sorted so that the build order is the same on every machine."""
    return sorted(p for p in DEMO_CORPUS.iterdir() if p.suffix in DEMO_SUFFIXES)


def seed_inputs() -> list[Path]:
    return sorted(p for p in SEEDS.iterdir() if p.is_file()) if SEEDS.is_dir() else []


def _build(inputs: list[Path], out_dir: Path) -> Any:
    from sitrep.build import build

    return build([str(p) for p in inputs], out_dir=out_dir)


@pytest.fixture(scope="session")
def demo_out_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("demo_build")


@pytest.fixture(scope="session")
def demo_build(demo_out_dir: Path) -> Any:
    """The ``BuildResult`` of building the whole demo corpus once."""
    return _build(demo_inputs(), demo_out_dir)


@pytest.fixture(scope="session")
def demo_dossier(demo_build: Any) -> dict[str, Any]:
    return demo_build.dossier


@pytest.fixture(scope="session")
def demo_gold() -> dict[str, Any]:
    return json.loads(DEMO_GOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seeds_dossier(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The dossier of the five real seed articles; skips when ../shared/data is absent."""
    inputs = seed_inputs()
    if not inputs:
        pytest.skip(f"seed articles not found at {SEEDS}")
    return _build(inputs, tmp_path_factory.mktemp("seeds_build")).dossier
