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
