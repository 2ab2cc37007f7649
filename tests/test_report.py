"""The single-file HTML report: structure, links to evidence, offline-ness, escaping."""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitrep.report import anchor_id, render_report
from sitrep.report.view import fmt_date, fmt_num, segments

FIXTURE = Path(__file__).parent / "fixtures" / "dossier_small.json"
SECTIONS = (
    "brief",
    "timeline",
    "figures",
    "claims",
    "events",
    "entities",
    "controls",
    "problems",
    "articles",
)


def load_fixture() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return data


class Page(HTMLParser):
    """Collects ids, links (and the row they sit in), attributes, element texts and inline code."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.row_links: dict[str, list[str]] = {}
        self.text_of: dict[str, str] = {}
        self.marks: list[str] = []
        self.raw: dict[str, list[str]] = {"script": [], "style": []}
        self._row: str | None = None
        self._capture: list[tuple[str, str, int]] = []  # (id, tag, depth)
        self._depth = 0
        self._mark: list[str] | None = None
        self._raw_tag: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag in ("script", "style"):
            self._raw_tag = tag
            self.raw[tag].append("")
        if tag in ("meta", "link", "br", "img", "input"):
            return  # void elements
        self._depth += 1
        if a.get("id"):
            self.ids.append(a["id"] or "")
            self._capture.append((a["id"] or "", tag, self._depth))
            self.text_of[a["id"] or ""] = ""
        if tag == "tr" and a.get("id"):
            self._row = a["id"]
            self.row_links[self._row or ""] = []
        if tag == "a" and self._row is not None:
            self.row_links[self._row].append(a.get("href") or "")
        if tag == "mark":
            self._mark = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._raw_tag = None
        if tag == "tr":
            self._row = None
        if tag == "mark" and self._mark is not None:
            self.marks.append("".join(self._mark))
            self._mark = None
        while self._capture and self._capture[-1][2] >= self._depth:
            self._capture.pop()
        self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._raw_tag:
            self.raw[self._raw_tag][-1] += data
            return
        for ident, _, _ in self._capture:
            self.text_of[ident] += data
        if self._mark is not None:
            self._mark.append(data)


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


@pytest.fixture(scope="module")
def dossier() -> dict[str, Any]:
    return load_fixture()


@pytest.fixture(scope="module")
def html(dossier: dict[str, Any]) -> str:
    return render_report(dossier)


@pytest.fixture(scope="module")
def page(html: str) -> Page:
    return parse(html)


def test_report_has_every_section(page: Page) -> None:
    for section in SECTIONS:
        assert section in page.ids, section


def test_report_ids_are_unique(page: Page) -> None:
    dupes = {i for i in page.ids if page.ids.count(i) > 1}
    assert not dupes


def test_report_every_internal_link_has_a_target(page: Page) -> None:
    hrefs = [a.get("href") or "" for tag, a in page.tags if tag == "a"]
    internal = [h[1:] for h in hrefs if h.startswith("#")]
    assert len(internal) > 20
    missing = [h for h in internal if h not in page.ids]
    assert not missing


def test_report_every_claim_links_to_its_sentence(dossier: dict[str, Any], page: Page) -> None:
    for claim in dossier["claims"]:
        target = anchor_id(claim["document"], claim["span"][0])
        assert f"#{target}" in page.row_links[f"claim-{claim['id']}"]
        # The anchored element holds exactly the claim's sentence.
        assert page.text_of[target] == claim["sentence"]


def test_report_every_figure_links_to_its_claim_sentence(
    dossier: dict[str, Any], page: Page
) -> None:
    claims = {c["id"]: c for c in dossier["claims"]}
    for fig in dossier["figures"]:
        claim = claims[fig["claim"]]
        target = anchor_id(fig["document"], claim["span"][0])
        assert f"#{target}" in page.row_links[f"fig-{fig['id']}"]
        assert fig["text"] in page.text_of[target]


def test_report_timeline_events_controls_link_to_evidence(
    dossier: dict[str, Any], html: str, page: Page
) -> None:
    for entry in dossier["timeline"]:
        assert f">{entry['date']}<" in html
        for ev in entry["evidence"]:
            assert anchor_id(ev["document"], ev["span"][0]) in page.ids
    for ctl in dossier["controls"]:
        claim = next(c for c in dossier["claims"] if c["id"] == ctl["claim"])
        assert f'href="#{anchor_id(claim["document"], claim["span"][0])}"' in html
    for event in dossier["events"]:
        assert page.row_links[f"event-{event['id']}"]


def test_report_highlights_every_figure_span(dossier: dict[str, Any], page: Page) -> None:
    assert sorted(page.marks) == sorted(f["text"] for f in dossier["figures"])


def test_report_article_text_is_complete(dossier: dict[str, Any], page: Page) -> None:
    for doc in dossier["documents"]:
        assert page.text_of[f"article-{doc['id']}"].count(doc["text"]) == 1


def test_report_shows_brief_disagreement_entities_removed(
    dossier: dict[str, Any], html: str
) -> None:
    for sentence in dossier["brief"]:
        assert sentence.replace("'", "&#39;") in html
    assert 'class="disagreement"' in html
    assert html.count('class="side"') == 2
    for ent in dossier["entities"]:
        assert ent["name"] in html
        for alias in ent["aliases"]:
            assert alias.replace("'", "&#39;") in html
    assert "47.125, 23.5" in html
    for doc in dossier["documents"]:
        for removed in doc["removed"]:
            assert removed["text"].replace("'", "&#39;") in html
    assert "could not decode the file" in html  # the problems section


def test_report_loads_nothing_from_the_network(html: str, page: Page) -> None:
    for tag, attrs in page.tags:
        assert tag not in ("iframe", "object", "embed", "img", "base", "form")
        for name in ("src", "srcset", "data", "poster", "action"):
            assert name not in attrs, (tag, name)
        if tag == "link":
            assert attrs.get("href", "").startswith("data:")  # type: ignore[union-attr]
        if tag == "a" and re.match(r"https?:", attrs.get("href") or ""):
            assert attrs.get("rel") == "noopener noreferrer nofollow"
    style = "".join(page.raw["style"])
    assert "url(" not in style
    assert "@import" not in style
    assert "//" not in "".join(page.raw["script"]).replace("// ", "")  # no URL in the script


def test_report_csp_allows_exactly_the_inline_assets(page: Page) -> None:
    metas = [a for t, a in page.tags if t == "meta" and a.get("http-equiv")]
    assert len(metas) == 1
    assert metas[0]["http-equiv"] == "Content-Security-Policy"
    csp = metas[0]["content"] or ""
    assert "default-src 'none'" in csp
    assert "unsafe-inline" not in csp
    assert len(page.raw["script"]) == 1
    assert len(page.raw["style"]) == 1
    for kind in ("script", "style"):
        digest = hashlib.sha256(page.raw[kind][0].encode()).digest()
        assert f"{kind}-src 'sha256-{base64.b64encode(digest).decode()}'" in csp
    # The CSP comes before the first style or script.
    order = [t for t, a in page.tags if t in ("style", "script") or a.get("http-equiv")]
    assert order[0] == "meta"


PAYLOADS = (
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=1">',
    '"><svg onload=window.__pwned=1>',
)


def hostile_dossier() -> dict[str, Any]:
    """The fixture with script-injection payloads in every field a person writes."""
    d = copy.deepcopy(load_fixture())
    payload = " ".join(PAYLOADS)
    doc = d["documents"][0]
    doc["title"] = payload
    doc["outlet"] = payload
    doc["removed"].append({"text": payload, "reason": payload})
    doc["source"] = "javascript:window.__pwned=1"
    doc["credits"] = [payload]
    # Text: appended, so that the existing spans stay valid; one more claim points at it.
    start = len(doc["text"]) + 1
    doc["text"] += "\n" + payload
    d["claims"][0]["sentence"] = payload
    d["claims"].append(
        {
            **d["claims"][1],
            "id": "hostile:c1",
            "sentence": payload,
            "span": [start, len(doc["text"])],
            "hedges": [payload],
        }
    )
    d["entities"][0]["name"] = payload
    d["entities"][0]["aliases"] = [payload]
    d["brief"] = [payload]
    d["timeline"][0]["summary"] = [payload]
    d["stories"][0]["label"] = payload
    d["problems"][0]["error"] = payload
    return d


def test_report_escapes_everything_from_the_dossier() -> None:
    html = render_report(hostile_dossier())
    page = parse(html)
    assert len(page.raw["script"]) == 1  # only our own
    assert "__pwned" not in "".join(page.raw["script"])
    for tag, attrs in page.tags:
        assert tag != "img"
        # The only <svg> elements are the report's own map and its legend swatches.
        assert tag != "svg" or attrs.get("class") in ("map-svg", "swatch"), attrs
        assert not [k for k in attrs if k.startswith("on")], (tag, attrs)
        assert "javascript:" not in (attrs.get("href") or "")
    assert sum(1 for tag, attrs in page.tags if attrs.get("class") == "map-svg") == 1
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=&#34;window.__pwned=1&#34;&gt;" in html


def test_report_survives_a_sparse_or_broken_dossier() -> None:
    html = render_report({"schema": "sitrep.dossier/1", "documents": []})
    assert "No brief in this dossier." in html
    broken = load_fixture()
    broken["claims"][0]["span"] = [5, 10_000]  # past the end of the text
    broken["claims"][1]["document"] = "no-such-document"
    broken["figures"][0]["claim"] = None
    broken["figures"][0]["span"] = None
    broken["tracks"][0]["figures"].append("no-such-figure")
    broken["documents"][1]["published"] = None
    page = parse(render_report(broken))
    assert page.row_links[f"claim-{broken['claims'][0]['id']}"] == []
    assert page.row_links[f"claim-{broken['claims'][1]['id']}"] == []
    internal = [a.get("href") or "" for t, a in page.tags if t == "a"]
    assert all(h[1:] in page.ids for h in internal if h.startswith("#"))


def test_report_anchor_ids_are_safe_for_any_document_id() -> None:
    assert anchor_id("000_ba2ac43760806526", 1320) == "doc-000_ba2ac43760806526-1320"
    assert anchor_id("feed#3", 0) == "doc-feed#3-0"
    odd = anchor_id('a b"<c>%', 7)
    assert not re.search(r"[\s\"<>]", odd)
    assert odd != anchor_id("a b<c>%", 7)


def test_report_formats_numbers_and_dates() -> None:
    assert fmt_num(1200.0) == "1,200"
    assert fmt_num(2.5) == "2.5"
    assert fmt_num(None) == ""
    assert fmt_date({"date": None, "earliest": "2031-04-14", "latest": "2031-04-16"}) == (
        "2031-04-14 … 2031-04-16"
    )
    assert fmt_date({"date": "2031-04", "earliest": "2031-04-01", "latest": "2031-04-30"}) == (
        "2031-04"
    )
    assert fmt_date({"date": None, "earliest": None, "latest": None}) == "unknown"


spans = st.tuples(st.integers(0, 60), st.integers(0, 60)).map(lambda p: (min(p), max(p)))


@given(
    text=st.text(alphabet="ab <>&\"'\n.", max_size=60),
    evidence=st.lists(spans, max_size=8),
    figures=st.lists(spans, max_size=5),
)
def test_report_segments_keep_text_and_nest(
    text: str, evidence: list[tuple[int, int]], figures: list[tuple[int, int]]
) -> None:
    n = len(text)
    evidence = [(s, e) for s, e in evidence if e <= n]
    figs = [((s, e), "fig") for s, e in figures if e <= n and s < e]
    segs = segments(text, "d", evidence, figs)
    assert "".join(s["text"] for s in segs if s["kind"] == "text") == text
    depth = 0
    for s in segs:
        depth += {"open": 1, "close": -1}.get(s["kind"], 0)
        assert depth >= 0
    assert depth == 0
    ids = [s["id"] for s in segs if s.get("id")]
    assert len(ids) == len(set(ids))
    assert set(ids) == {f"doc-d-{s}" for s, _ in evidence}
    # Every character inside a figure span is marked, and nothing else.
    pos = 0
    for s in segs:
        if s["kind"] != "text":
            continue
        inside = any(a <= pos and pos + len(s["text"]) <= b for (a, b), _ in figs)
        assert bool(s["figure"]) == (inside and bool(s["text"]))
        pos += len(s["text"])


def test_report_a_busy_timeline_row_shows_named_sources_first_and_folds_the_rest() -> None:
    from sitrep.report.view import SHOWN

    d = copy.deepcopy(load_fixture())
    entry = d["timeline"][0]
    doc = d["documents"][0]
    # a date many documents report: ids stand in for unnamed sources, named ones come later
    entry["sources"] = [f"{doc['id']}"] + [f"Agency {n}" for n in range(SHOWN + 3)]
    entry["evidence"] = [{"document": doc["id"], "span": [0, k + 5]} for k in range(SHOWN + 4)]
    html = render_report(d)
    row = re.search(r"<tr>\s*<td class=\"date\">.*?</tr>", html, re.S)
    assert row is not None
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row.group(0), re.S)
    sources, links = cells[2], cells[3]
    shown = sources.split("<details")[0]
    assert "Agency 0" in shown and doc["id"] not in shown  # named first, the id folded
    assert "and 4 more" in sources and doc["id"] in sources
    assert "and 4 more" in links and links.count("href=") == SHOWN + 4  # every link kept
