"""The dossier timeline as news-tls JSON Lines: one line, ``[[date, [sentences]], ...]``.

That is the shape of news-tls's ``timelines.jsonl`` (one timeline per line; dates ISO days in
order; sentences PTB-tokenized like tilse's). Month-only entries are left out, as in
``to_tilse``.
"""

from __future__ import annotations

import json
from typing import Any

from sitrep.export.tilse import day_entries, ptb_tokenize

__all__ = ["to_newstls"]


def to_newstls(dossier: dict[str, Any]) -> str:
    """One JSON line (with its newline) holding the dossier's timeline."""
    timeline = [[day, [ptb_tokenize(s) for s in sents]] for day, sents in day_entries(dossier)]
    return json.dumps(timeline, ensure_ascii=False) + "\n"
