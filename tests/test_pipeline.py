"""The stage registry: order checks and the declared reads/writes."""

from __future__ import annotations

from typing import Any

import pytest

from sitrep.config import Config
from sitrep.pipeline import Stage, Work, check_order, stages


def _noop(work: Work, config: Config) -> dict[str, Any]:
    return {}


def test_pipeline_check_order_rejects_read_before_write() -> None:
    bad = [
        Stage("figures", _noop, reads=("doc",), writes=("figures",)),
        Stage("parse", _noop, reads=("cleaned",), writes=("doc",)),
    ]
    with pytest.raises(ValueError, match="figures"):
        check_order(bad)


def test_pipeline_registry_is_in_a_valid_order() -> None:
    registry = stages()
    check_order(registry)  # raises if not
    names = [s.name for s in registry]
    assert names.index("clean") < names.index("parse") < names.index("figures")
    assert names.index("published") < names.index("anchor") < names.index("as_of")


def test_pipeline_every_written_field_exists_on_work() -> None:
    fields = set(Work.__slots__)
    for stage in stages():
        assert set(stage.writes) <= fields, stage.name
        assert set(stage.reads) <= fields, stage.name


def test_pipeline_process_pool_gives_the_same_analysis() -> None:
    """Per-article analysis is pure: a process pool returns what one process does."""
    from sitrep.model import RawArticle
    from sitrep.pipeline import analyze_all

    raws = [
        RawArticle(
            id=f"a{n}",
            source=f"a{n}.txt",
            text=(
                f"The county said on Monday that {10 + n} families were moved out of the river "
                "district of Halden after the storm. Officials said the bridge stays closed."
            ),
            meta_date="2026-03-02",
            meta_date_method="metadata",
        )
        for n in range(3)
    ]
    one = [result for _, result in analyze_all(raws, Config(workers=1))]
    pooled = [result for _, result in analyze_all(raws, Config(workers=2))]
    assert not any(isinstance(r, Exception) for r in one + pooled)
    assert one == pooled
    assert [len(r.figures) for r in one if not isinstance(r, Exception)] == [1, 1, 1]
