"""The SQLite store: a ``sitrep.dossier/1`` dict as documented tables (see docs/store.md).

``write_store`` writes a fresh file atomically (a temporary file in the same folder, then
``os.replace``); ``read_store`` reads it back into a dict equal to the one written.

The tables are declared once, as data (``_TABLES``): every list of the dossier is a table,
nested objects (``source``, ``as_of``, ``published``, ``geo``) are flattened into prefixed
columns, lists inside an item are child tables keyed by ``(parent, position)``. The same spec
builds the DDL, the rows and the dict read back, so the three cannot drift apart.

Round-trip exactness: after encoding an item, the writer decodes it again in memory; any key
whose decoded value differs from the original (an unknown field, a missing key, an empty date
object that would read back as ``null``) is kept verbatim in the item's ``extra`` JSON column and
applied on read. Typical dossiers leave ``extra`` NULL everywhere. Numbers in REAL columns read
back as ``float`` (``200 == 200.0``).

Items with an ``id`` are written with ``INSERT ... ON CONFLICT(id) DO UPDATE`` and their child
rows replaced, so a later ``sitrep add`` can upsert new articles into an existing store with
``upsert_dossier``; tables without ids (controls, timeline, problems) are corpus-level results
and are replaced as a whole.
"""

from __future__ import annotations

import json
import math
import os
import sqlite3
import tempfile
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["STORE_VERSION", "StoreError", "read_store", "upsert_dossier", "write_store"]

STORE_VERSION = "sitrep.store/1"

_MISSING = object()


class StoreError(ValueError):
    """The dossier cannot be stored (e.g. a reference to an id that does not exist)."""


# ---- the table spec ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Col:
    """A scalar field stored in one column. ``ref`` is a foreign key target like ``"documents"``."""

    key: str
    sqltype: str = "TEXT"
    ref: str | None = None


@dataclass(frozen=True, slots=True)
class SpanCol:
    """A ``[start, end)`` pair stored as ``<key>_start`` and ``<key>_end``."""

    key: str


@dataclass(frozen=True, slots=True)
class JsonCol:
    """A field stored as JSON text (free-form objects, lists of plain strings)."""

    key: str


@dataclass(frozen=True, slots=True)
class Obj:
    """A nested object flattened into ``<prefix><field>`` columns; ``null`` when all are NULL.

    The prefix is ``<key>_`` unless given.
    """

    key: str
    fields: tuple[Field, ...]
    prefix: str | None = None

    def column_prefix(self, outer: str) -> str:
        return outer + (self.key + "_" if self.prefix is None else self.prefix)


@dataclass(frozen=True, slots=True)
class Child:
    """A list inside an item: a child table keyed by (parent key..., position).

    ``fields`` is ``None`` for a list of scalars, stored in the column ``value``
    (``value_ref`` makes it a foreign key).
    """

    key: str
    table: str
    fields: tuple[Field, ...] | None = None
    value_type: str = "TEXT"
    value_ref: str | None = None
    value_name: str = "value"
    children: tuple[Child, ...] = ()


Field = Col | SpanCol | JsonCol | Obj


@dataclass(frozen=True, slots=True)
class Table:
    """A top-level list of the dossier. ``id_key`` is ``None`` for lists without ids."""

    key: str  # the dossier key, also the table name
    parent_name: str  # the column name child tables use to point at a row
    id_key: str | None
    fields: tuple[Field, ...]
    children: tuple[Child, ...] = ()


def _date(key: str, prefix: str | None = None) -> Obj:
    return Obj(key, (Col("date"), Col("earliest"), Col("latest")), prefix)


def _source(key: str) -> Obj:
    return Obj(key, (Col("text"), SpanCol("span"), Col("entity", ref="entities"), Col("kind")))


_TABLES: tuple[Table, ...] = (
    Table(
        "stories",
        "story",
        "id",
        (Col("label"),),
        (Child("documents", "story_documents", value_ref="documents", value_name="document"),),
    ),
    Table(
        "documents",
        "document",
        "id",
        (
            Col("source"),
            Col("title"),
            Col("outlet"),
            Col("language"),
            Obj(
                "published",
                (
                    Col("date"),
                    Col("earliest"),
                    Col("latest"),
                    Col("method"),
                    Col("confidence", "REAL"),
                    JsonCol("evidence"),
                ),
            ),
            Col("text"),
            Col("story", ref="stories"),
            Col("duplicate_of", ref="documents"),
            Col("duplicate_evidence"),
        ),
        (
            Child("credits", "credits", value_name="credit"),
            Child("removed", "removed", (Col("text"), Col("reason"))),
        ),
    ),
    Table(
        "entities",
        "entity",
        "id",
        (
            Col("name"),
            Col("type"),
            Obj("geo", (Col("lat", "REAL"), Col("lon", "REAL"), Col("country"), Col("region"))),
        ),
        (
            Child("aliases", "entity_aliases", value_name="alias"),
            Child("documents", "entity_documents", value_ref="documents", value_name="document"),
        ),
    ),
    Table(
        "claims",
        "claim",
        "id",
        (
            Col("document", ref="documents"),
            Col("sentence"),
            SpanCol("span"),
            SpanCol("content_span"),
            _source("source"),
            Obj("cue", (Col("text"), SpanCol("span"))),
            Col("polarity"),
            Col("status"),
            _date("as_of"),
            Col("checkworthiness", "REAL"),
        ),
        (
            Child("hedges", "claim_hedges", value_name="hedge"),
            Child(
                "via",
                "claim_via",
                (Col("text"), SpanCol("span"), Col("entity", ref="entities"), Col("kind")),
            ),
        ),
    ),
    Table(
        "figures",
        "figure",
        "id",
        (
            Col("document", ref="documents"),
            Col("claim", ref="claims"),
            Col("text"),
            SpanCol("span"),
            Col("value", "REAL"),
            Col("low", "REAL"),
            Col("high", "REAL"),
            Col("qualifier"),
            Col("unit"),
            Col("counts"),
            Col("change"),
            _date("as_of"),
        ),
    ),
    Table(
        "events",
        "event",
        "id",
        (_date("date", prefix=""), Col("text")),
        (
            Child("documents", "event_documents", value_ref="documents", value_name="document"),
            Child("claims", "event_claims", value_ref="claims", value_name="claim"),
            Child(
                "evidence", "event_evidence", (Col("document", ref="documents"), SpanCol("span"))
            ),
        ),
    ),
    Table(
        "controls",
        "control",
        None,
        (
            Col("place", ref="entities"),
            Col("holder"),
            _date("since"),
            _date("as_of"),
            Col("claim", ref="claims"),
            Col("source"),
            Col("document", ref="documents"),
            SpanCol("span"),
        ),
    ),
    Table(
        "tracks",
        "track",
        "id",
        (Col("measure"), Col("unit")),
        (
            Child("figures", "track_figures", value_ref="figures", value_name="figure"),
            Child(
                "differences",
                "differences",
                (Col("kind"), Col("note")),
                children=(
                    Child(
                        "figures", "difference_figures", value_ref="figures", value_name="figure"
                    ),
                ),
            ),
        ),
    ),
    Table(
        "timeline",
        "timeline_entry",
        None,
        (Col("date"), JsonCol("summary"), JsonCol("sources")),
        (
            Child(
                "evidence", "timeline_evidence", (Col("document", ref="documents"), SpanCol("span"))
            ),
        ),
    ),
    Table("problems", "problem", None, (Col("input"), Col("error"))),
)

_TOP_LISTS = tuple(t.key for t in _TABLES)
_META_OWN = ("store_version", "keys")
_TOP_PREFIX = "dossier."  # meta rows holding top-level dossier values ("schema", new fields)


# ---- columns and DDL --------------------------------------------------------------------------


def _columns(fields: Sequence[Field], prefix: str = "") -> Iterator[tuple[str, str, str | None]]:
    """Yield (column name, SQL type, foreign key table) for flattened fields."""
    for f in fields:
        name = prefix + f.key
        if isinstance(f, Col):
            yield name, f.sqltype, f.ref
        elif isinstance(f, SpanCol):
            yield name + "_start", "INTEGER", None
            yield name + "_end", "INTEGER", None
        elif isinstance(f, JsonCol):
            yield name, "TEXT", None
        else:
            yield from _columns(f.fields, f.column_prefix(prefix))


def _fk(col: str, ref: str) -> str:
    return f"FOREIGN KEY ({col}) REFERENCES {ref}(id)"


def _ddl() -> list[str]:
    stmts = [
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        "CREATE TABLE provenance (key TEXT PRIMARY KEY, value TEXT)",
        "CREATE TABLE brief (position INTEGER PRIMARY KEY, sentence TEXT)",
    ]
    for t in _TABLES:
        cols = list(_columns(t.fields))
        lines = ["id TEXT PRIMARY KEY", "position INTEGER NOT NULL"] if t.id_key else []
        if not t.id_key:
            lines.append("position INTEGER PRIMARY KEY")
        lines += [f"{c} {typ}" for c, typ, _ in cols]
        lines.append("extra TEXT")
        lines += [_fk(c, ref) for c, _, ref in cols if ref]
        stmts.append(f"CREATE TABLE {t.key} (\n  " + ",\n  ".join(lines) + "\n)")
        stmts += [f"CREATE INDEX {t.key}_{c} ON {t.key}({c})" for c, _, ref in cols if ref]
        parent_cols = [
            (t.parent_name, "TEXT" if t.id_key else "INTEGER", t.key, t.id_key or "position")
        ]
        for ch in t.children:
            stmts += _child_ddl(ch, parent_cols)
    return stmts


def _child_ddl(ch: Child, parents: list[tuple[str, str, str, str]]) -> list[str]:
    """DDL for a child table; ``parents`` = [(column, type, parent table, parent column)]."""
    pnames = [p[0] for p in parents]
    lines = [f"{name} {typ} NOT NULL" for name, typ, _, _ in parents]
    lines.append("position INTEGER NOT NULL")
    if ch.fields is None:
        cols: list[tuple[str, str, str | None]] = [(ch.value_name, ch.value_type, ch.value_ref)]
    else:
        cols = list(_columns(ch.fields))
    lines += [f"{c} {typ}" for c, typ, _ in cols]
    lines.append(f"PRIMARY KEY ({', '.join([*pnames, 'position'])})")
    ptable, pcols = parents[-1][2], [p[3] for p in parents]
    lines.append(
        f"FOREIGN KEY ({', '.join(pnames)}) REFERENCES {ptable}({', '.join(pcols)})"
        " ON DELETE CASCADE"
    )
    lines += [_fk(c, ref) for c, _, ref in cols if ref]
    stmts = [f"CREATE TABLE {ch.table} (\n  " + ",\n  ".join(lines) + "\n)"]
    stmts += [f"CREATE INDEX {ch.table}_{c} ON {ch.table}({c})" for c, _, ref in cols if ref]
    # A nested child points at (parents..., position) of this table.
    me = [(p[0], p[1], ch.table, p[0]) for p in parents]
    sub_parent = (_singular(ch.table), "INTEGER", ch.table, "position")
    for sub in ch.children:
        stmts += _child_ddl(sub, [*me, sub_parent])
    return stmts


def _singular(table: str) -> str:
    return table[:-1] if table.endswith("s") else table


# ---- encoding ---------------------------------------------------------------------------------


def _encode(fields: Sequence[Field], item: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """Flatten an item into {column: value}; values that do not fit become NULL (see extra)."""
    out: dict[str, Any] = {}
    for f in fields:
        name = prefix + f.key
        value = item.get(f.key) if isinstance(item, Mapping) else None
        if isinstance(f, Col):
            out[name] = value if _fits(value, f.sqltype) else None
        elif isinstance(f, SpanCol):
            ok = (
                isinstance(value, list | tuple)
                and len(value) == 2
                and all(_fits(v, "INTEGER") and v is not None for v in value)
            )
            pair: Sequence[Any] = value if ok and value is not None else (None, None)
            out[name + "_start"], out[name + "_end"] = pair[0], pair[1]
        elif isinstance(f, JsonCol):
            out[name] = None if value is None else json.dumps(value, ensure_ascii=False)
        else:
            sub = value if isinstance(value, Mapping) else {}
            out.update(_encode(f.fields, sub, f.column_prefix(prefix)))
    return out


def _fits(value: Any, sqltype: str) -> bool:
    if value is None:
        return True
    if sqltype == "TEXT":
        return isinstance(value, str)
    if isinstance(value, bool):
        return False
    if sqltype == "INTEGER":
        return isinstance(value, int)
    return isinstance(value, int | float) and not math.isnan(value)  # NaN reads back as NULL


def _decode(fields: Sequence[Field], row: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in fields:
        name = prefix + f.key
        if isinstance(f, Col):
            out[f.key] = row[name]
        elif isinstance(f, SpanCol):
            s, e = row[name + "_start"], row[name + "_end"]
            out[f.key] = None if s is None and e is None else [s, e]
        elif isinstance(f, JsonCol):
            out[f.key] = None if row[name] is None else json.loads(row[name])
        else:
            sub = _decode(f.fields, row, f.column_prefix(prefix))
            out[f.key] = None if all(v is None for v in sub.values()) else sub
    return out


def _child_items(ch: Child, item: Mapping[str, Any]) -> list[Any]:
    value = item.get(ch.key)
    return list(value) if isinstance(value, list) else []


def _decode_child_item(ch: Child, row: Mapping[str, Any], sub: Mapping[str, Any]) -> Any:
    if ch.fields is None:
        return row[ch.value_name]
    out = _decode(ch.fields, row)
    for s in ch.children:
        out[s.key] = list(sub.get(s.key, []))
    return out


def _child_fits(ch: Child, value: Any) -> bool:
    if ch.fields is None:
        return _fits(value, ch.value_type)
    return isinstance(value, Mapping)


def _extra(original: Mapping[str, Any], decoded: Mapping[str, Any]) -> str | None:
    """What ``decoded`` gets wrong about ``original``, as JSON (``None`` when nothing)."""
    set_: dict[str, Any] = {}
    for k, v in original.items():
        if k not in decoded or not _same(decoded[k], v):
            set_[k] = v
    absent = [k for k in decoded if k not in original]
    if not set_ and not absent:
        return None
    doc: dict[str, Any] = {}
    if set_:
        doc["set"] = set_
    if absent:
        doc["absent"] = absent
    return json.dumps(doc, ensure_ascii=False)


def _same(a: Any, b: Any) -> bool:
    """Equality as JSON sees it (bool is not a number; tuples are lists)."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, Mapping) and isinstance(b, Mapping):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list | tuple) and isinstance(b, list | tuple):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, int | float) and isinstance(b, int | float):
        return a == b
    return type(a) is type(b) and bool(a == b)


def _apply_extra(item: dict[str, Any], extra: str | None) -> dict[str, Any]:
    if extra:
        doc = json.loads(extra)
        for k in doc.get("absent", []):
            item.pop(k, None)
        item.update(doc.get("set", {}))
    return item


def _derived_disagreements(track: Mapping[str, Any]) -> list[dict[str, Any]]:
    diffs = track.get("differences")
    if not isinstance(diffs, list):
        return []
    return [
        {"figures": d.get("figures"), "note": d.get("note")}
        for d in diffs
        if isinstance(d, Mapping) and d.get("kind") == "disagreement"
    ]


# ---- writing ----------------------------------------------------------------------------------


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def write_store(dossier: Mapping[str, Any], path: Path) -> None:
    """Write ``dossier`` to a new SQLite file at ``path``, replacing any file there atomically.

    Raises:
        StoreError: when an item refers to an id that the dossier does not contain.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        tmp.unlink()  # sqlite3 creates the file itself
        with closing(_connect(tmp)) as conn:
            conn.execute("PRAGMA journal_mode = MEMORY")
            conn.execute("BEGIN")
            for stmt in _ddl():
                conn.execute(stmt)
            upsert_dossier(conn, dossier, _in_transaction=True)
            conn.execute("COMMIT")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def upsert_dossier(
    conn: sqlite3.Connection, dossier: Mapping[str, Any], *, _in_transaction: bool = False
) -> None:
    """Insert or update every item of ``dossier`` in an open store, in one transaction.

    Items with ids replace the stored item with the same id (and its child rows); lists without
    ids (controls, timeline, problems), the brief and the provenance replace what was stored.
    Raises ``StoreError`` (and rolls back) when a reference points at no stored item.
    """
    if not _in_transaction:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("BEGIN")
    try:
        conn.execute("PRAGMA defer_foreign_keys = ON")  # items refer to each other in any order
        _write_top(conn, dossier)
        for t in _TABLES:
            if t.key in dossier:  # a partial dossier leaves the other lists alone
                items = dossier[t.key]
                _write_table(conn, t, items if isinstance(items, list) else [])
        bad = conn.execute("PRAGMA foreign_key_check").fetchall()
        if bad:
            detail = "; ".join(f"{r[0]} row {r[1]} -> {r[2]}" for r in bad[:10])
            raise StoreError(f"{len(bad)} dangling reference(s) in the dossier: {detail}")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    if not _in_transaction:
        conn.execute("COMMIT")


def _write_top(conn: sqlite3.Connection, dossier: Mapping[str, Any]) -> None:
    stored = conn.execute("SELECT value FROM meta WHERE key = 'keys'").fetchone()
    keys = json.loads(stored[0]) if stored else []
    own = {"store_version": STORE_VERSION, "keys": keys + [k for k in dossier if k not in keys]}
    meta: dict[str, Any] = {}
    prov = dossier.get("provenance")
    if isinstance(prov, Mapping):
        conn.execute("DELETE FROM provenance")
        conn.executemany(
            "INSERT INTO provenance (key, value) VALUES (?, ?)",
            [(k, json.dumps(v, ensure_ascii=False)) for k, v in prov.items()],
        )
    elif "provenance" in dossier:
        meta["provenance"] = prov
    brief = dossier.get("brief")
    if isinstance(brief, list) and all(isinstance(s, str) for s in brief):
        conn.execute("DELETE FROM brief")
        conn.executemany("INSERT INTO brief VALUES (?, ?)", list(enumerate(brief)))
    elif "brief" in dossier:
        meta["brief"] = brief
    for k, v in dossier.items():
        if k in _TOP_LISTS and not isinstance(v, list):
            meta[k] = v  # not a list: kept as is
        elif k not in _TOP_LISTS and k not in ("provenance", "brief"):
            meta[k] = v  # "schema" and any field added later
    conn.executemany(
        "DELETE FROM meta WHERE key = ?", [(k,) for k in own] + [(_TOP_PREFIX + k,) for k in meta]
    )
    conn.executemany(
        "INSERT INTO meta (key, value) VALUES (?, ?)",
        [(k, json.dumps(v, ensure_ascii=False)) for k, v in own.items()]
        + [(_TOP_PREFIX + k, json.dumps(v, ensure_ascii=False)) for k, v in meta.items()],
    )


def _write_table(conn: sqlite3.Connection, t: Table, items: list[Any]) -> None:
    cols = [c for c, _, _ in _columns(t.fields)]
    if t.id_key is None:
        conn.execute(f"DELETE FROM {t.key}")
    names = ["id", "position", *cols, "extra"] if t.id_key else ["position", *cols, "extra"]
    if t.id_key:
        update = ", ".join(f"{c} = excluded.{c}" for c in names[1:])
        sql = (
            f"INSERT INTO {t.key} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
            f" ON CONFLICT(id) DO UPDATE SET {update}"
        )
    else:
        sql = f"INSERT INTO {t.key} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
    rows = []
    child_rows: dict[str, list[list[Any]]] = defaultdict(list)
    parents: list[Any] = []
    seen: set[str] = set()
    # An upserted item keeps its place; new items go after everything stored.
    stored: dict[Any, int] = {}
    if t.id_key:
        stored = dict(conn.execute(f"SELECT id, position FROM {t.key}").fetchall())
    next_pos = max(stored.values(), default=-1) + 1
    for i, item in enumerate(items):
        if not isinstance(item, Mapping):
            raise StoreError(f"{t.key}[{i}] is not an object")
        key: Any = i
        pos = i
        if t.id_key:
            key = item.get(t.id_key)
            if not isinstance(key, str):
                raise StoreError(f"{t.key}[{i}] has no string id")
            if key in seen:
                raise StoreError(f"{t.key}[{i}]: id {key!r} appears twice")
            seen.add(key)
            if key in stored:
                pos = stored[key]
            else:
                pos, next_pos = next_pos, next_pos + 1
        flat = _encode(t.fields, item)
        decoded = _decode(t.fields, flat)
        if t.id_key:
            decoded = {t.id_key: key, **decoded}
        for ch in t.children:
            decoded[ch.key] = _collect_child(ch, item, [key], child_rows)
        if t.key == "tracks":
            decoded["disagreements"] = _derived_disagreements(decoded)
        extra = _extra(item, decoded)
        rows.append([key, pos, *flat.values(), extra] if t.id_key else [pos, *flat.values(), extra])
        parents.append(key)
    if t.id_key and parents:
        # Replacing an item replaces its child rows (nested ones cascade).
        for ch in t.children:
            conn.executemany(
                f"DELETE FROM {ch.table} WHERE {t.parent_name} = ?", [(p,) for p in parents]
            )
    conn.executemany(sql, rows)
    _insert_children(conn, t.children, [t.parent_name], child_rows)


def _collect_child(
    ch: Child, item: Mapping[str, Any], pkey: list[Any], out: dict[str, list[list[Any]]]
) -> list[Any]:
    """Queue the child rows of ``item`` under ``ch.table``; return the list as it will read back."""
    back: list[Any] = []
    for pos, value in enumerate(_child_items(ch, item)):
        if not _child_fits(ch, value):
            back.append(_MISSING)  # forces the whole list into extra
            continue
        if ch.fields is None:
            out[ch.table].append([*pkey, pos, value])
            back.append(value)
            continue
        flat = _encode(ch.fields, value)
        out[ch.table].append([*pkey, pos, *flat.values()])
        dec = _decode(ch.fields, flat)
        for sub in ch.children:
            dec[sub.key] = _collect_child(sub, value, [*pkey, pos], out)
        back.append(dec)
    return back


def _insert_children(
    conn: sqlite3.Connection,
    children: Sequence[Child],
    pnames: list[str],
    rows: Mapping[str, list[list[Any]]],
) -> None:
    for ch in children:
        cols = [ch.value_name] if ch.fields is None else [c for c, _, _ in _columns(ch.fields)]
        names = [*pnames, "position", *cols]
        if rows.get(ch.table):
            conn.executemany(
                f"INSERT INTO {ch.table} ({', '.join(names)}) VALUES"
                f" ({', '.join('?' * len(names))})",
                rows[ch.table],
            )
        _insert_children(conn, ch.children, [*pnames, _singular(ch.table)], rows)


# ---- reading ----------------------------------------------------------------------------------


def read_store(path: Path) -> dict[str, Any]:
    """Read a store written by ``write_store`` back into a ``sitrep.dossier/1`` dict."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(path)
    with closing(sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)) as conn:
        conn.row_factory = sqlite3.Row
        try:
            meta = {r["key"]: json.loads(r["value"]) for r in conn.execute("SELECT * FROM meta")}
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path} is not a sitrep store: {exc}") from exc
        if meta.get("store_version") != STORE_VERSION:
            raise StoreError(f"{path} is not a {STORE_VERSION} store")
        parts: dict[str, Any] = {
            "provenance": {
                r["key"]: json.loads(r["value"])
                for r in conn.execute("SELECT key, value FROM provenance ORDER BY rowid")
            },
            "brief": [r[0] for r in conn.execute("SELECT sentence FROM brief ORDER BY position")],
        }
        for t in _TABLES:
            parts[t.key] = _read_table(conn, t)
    out: dict[str, Any] = {}
    for k in meta["keys"]:
        out[k] = meta[_TOP_PREFIX + k] if _TOP_PREFIX + k in meta else parts[k]
    return out


def _read_table(conn: sqlite3.Connection, t: Table) -> list[dict[str, Any]]:
    order = "position, id" if t.id_key else "position"
    rows = conn.execute(f"SELECT * FROM {t.key} ORDER BY {order}").fetchall()
    keycol = "id" if t.id_key else "position"
    kids = {ch.key: _read_child(conn, ch, [t.parent_name]) for ch in t.children}
    items = []
    for r in rows:
        item: dict[str, Any] = {t.id_key: r["id"]} if t.id_key else {}
        item.update(_decode(t.fields, r))
        for ch in t.children:
            item[ch.key] = kids[ch.key].get((r[keycol],), [])
        if t.key == "tracks":
            item["disagreements"] = _derived_disagreements(item)
        items.append(_apply_extra(item, r["extra"]))
    return items


def _read_child(
    conn: sqlite3.Connection, ch: Child, pnames: list[str]
) -> dict[tuple[Any, ...], list[Any]]:
    """{parent key tuple: [decoded items in order]} for one child table."""
    subs = {sub.key: _read_child(conn, sub, [*pnames, _singular(ch.table)]) for sub in ch.children}
    out: dict[tuple[Any, ...], list[Any]] = defaultdict(list)
    order = ", ".join([*pnames, "position"])
    for r in conn.execute(f"SELECT * FROM {ch.table} ORDER BY {order}"):
        pkey = tuple(r[p] for p in pnames)
        sub = {k: v.get((*pkey, r["position"]), []) for k, v in subs.items()}
        out[pkey].append(_decode_child_item(ch, r, sub))
    return out
