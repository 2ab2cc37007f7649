"""The report as a person sees it, in headless Chromium (Debian's /usr/bin/chromium).

Skips when Chromium or the Playwright package is absent (``scripts/setup --test`` installs both).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sitrep.report import anchor_id, render_report

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
FIXTURE = Path(__file__).parent / "fixtures" / "dossier_small.json"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed"),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is absent")


def load_fixture() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


class Opened:
    """A page on a report file, with what the console and dialogs said."""

    def __init__(self, browser: Any, html: str, path: Path) -> None:
        path.write_text(html, encoding="utf-8")
        self.console: list[str] = []
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.page = browser.new_page(viewport={"width": 1366, "height": 768})
        self.page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}"))
        self.page.on("pageerror", lambda e: self.console.append(f"pageerror: {e}"))
        self.page.on("request", lambda r: self.requests.append(r.url))

        def on_dialog(d: Any) -> None:
            self.dialogs.append(d.message)
            d.dismiss()

        self.page.on("dialog", on_dialog)
        self.url = path.as_uri()
        self.page.goto(self.url)

    def errors(self) -> list[str]:
        return [m for m in self.console if m.startswith(("error", "pageerror"))]


@pytest.fixture
def opened(browser: Any, tmp_path: Path) -> Iterator[Opened]:
    o = Opened(browser, render_report(load_fixture()), tmp_path / "report.html")
    yield o
    o.page.close()


def test_browser_shows_brief_timeline_and_figures(opened: Opened) -> None:
    d = load_fixture()
    page = opened.page
    assert page.locator("#brief li").all_inner_texts() == d["brief"]
    assert page.locator("#brief li").first.is_visible()
    dates = page.locator("#timeline td.date").all_inner_texts()
    assert dates == [t["date"] for t in d["timeline"]]
    row = page.locator(f"[id='fig-{d['figures'][1]['id']}']")
    row.scroll_into_view_if_needed()
    assert row.is_visible()
    text = row.inner_text()
    assert "About 1,200 residents" in text
    assert "Governor Mara Osk" in text
    assert "official" in text  # the kind of source
    assert page.title() == "sitrep: Fighting around Dunmark"
    assert opened.errors() == []
    assert [u for u in opened.requests if not u.startswith("file:")] == []


def test_browser_shows_a_disagreement_side_by_side(opened: Opened) -> None:
    sides = opened.page.locator(".disagreement td.side")
    assert sides.count() == 2
    sides.first.scroll_into_view_if_needed()
    left, right = sides.nth(0).bounding_box(), sides.nth(1).bounding_box()
    assert left is not None and right is not None
    assert abs(left["y"] - right["y"]) < 2  # same row
    assert left["x"] + left["width"] <= right["x"]  # next to each other, not overlapping
    assert "2.5 km" in sides.nth(0).inner_text()
    assert "up to 5 km" in sides.nth(1).inner_text()
    assert "The Free Hollin Militia" in sides.nth(1).inner_text()


def test_browser_evidence_link_opens_the_article_at_the_sentence(opened: Opened) -> None:
    d = load_fixture()
    fig = d["figures"][5]  # "up to 5 km", in the second article
    claim = next(c for c in d["claims"] if c["id"] == fig["claim"])
    target = anchor_id(fig["document"], claim["span"][0])
    page = opened.page
    article = page.locator(f"[id='article-{fig['document']}']")
    assert article.get_attribute("open") is None  # articles start collapsed
    sentence = page.locator(f"[id='{target}']")
    assert not sentence.is_visible()
    page.locator(f"[id='fig-{fig['id']}'] a.ev-link").click()
    page.wait_for_function("h => location.hash === h", arg=f"#{target}")
    sentence.wait_for(state="visible", timeout=3000)
    assert article.get_attribute("open") is not None
    assert sentence.inner_text() == claim["sentence"]
    box = sentence.bounding_box()
    assert box is not None
    assert box["y"] >= 0 and box["y"] + box["height"] <= 768  # scrolled into view
    assert sentence.locator("mark.fig").inner_text() == fig["text"]
    assert opened.errors() == []


def test_browser_screenshot_is_not_blank(opened: Opened, tmp_path: Path) -> None:
    shot = tmp_path / "report.png"
    png = opened.page.screenshot(path=str(shot))
    assert shot.stat().st_size > 20_000  # a blank 1366x768 PNG is a few kB
    opened.page.goto(opened.url + "#figures")
    assert opened.page.screenshot() != png


# ---- script injection ------------------------------------------------------------------------

PAYLOADS = (
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=1">',
    '"><svg onload=window.__pwned=1>',
)


def hostile_dossier() -> dict[str, Any]:
    d = load_fixture()
    payload = " ".join(PAYLOADS)
    doc = d["documents"][0]
    doc["title"] = payload
    doc["outlet"] = payload
    doc["removed"].append({"text": payload, "reason": "boilerplate"})
    doc["source"] = "javascript:window.__pwned=1"
    start = len(doc["text"]) + 1
    doc["text"] += "\n" + payload
    d["claims"].append(
        {**d["claims"][1], "id": "hostile:c1", "sentence": payload, "span": [start, start + 10]}
    )
    d["claims"][0]["sentence"] = payload
    d["entities"][0]["name"] = payload
    d["brief"] = [payload]
    return d


@pytest.mark.parametrize("with_csp", [True, False], ids=["csp", "escaping-only"])
def test_browser_runs_no_injected_script(browser: Any, tmp_path: Path, with_csp: bool) -> None:
    html = render_report(hostile_dossier())
    if not with_csp:
        # Without the CSP only escaping stands between the payload and the page.
        start = html.index('<meta http-equiv="Content-Security-Policy"')
        html = html[:start] + html[html.index(">", start) + 1 :]
    o = Opened(browser, html, tmp_path / "hostile.html")
    page = o.page
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    page.wait_for_timeout(200)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert o.dialogs == []
    # No injected <svg>/<img>: the only svg elements are the report's map and legend swatches.
    assert page.locator("svg:not(.map-svg):not(.swatch), img").count() == 0
    assert page.locator("svg.map-svg").count() == 1
    payload = " ".join(PAYLOADS)
    assert page.locator("#brief li").first.inner_text() == payload
    doc_id = hostile_dossier()["documents"][0]["id"]
    article = page.locator(f"[id='article-{doc_id}']")
    assert payload in article.locator("summary").first.inner_text()
    assert payload in article.locator("td.removed-text").last.inner_text()
    assert page.locator("#entities tbody tr").first.locator("td").first.inner_text() == payload
    assert page.locator("#claims td.sentence").first.inner_text() == payload
    # The text payload is visible as text inside the article, at its anchor.
    sentence = page.locator(
        f"[id='{anchor_id(doc_id, len(load_fixture()['documents'][0]['text']) + 1)}']"
    )
    assert sentence.inner_text() == payload[:10]
    assert sentence.is_visible()
    assert page.locator("a[href^='javascript:']").count() == 0
    csp_errors = [m for m in o.errors() if "Content Security Policy" in m]
    assert csp_errors == []  # our own style and script are allowed; nothing else tried to run
    page.close()


def test_browser_wide_figures_fit_a_laptop_screen(browser: Any, tmp_path: Path) -> None:
    # money in billions with a range, a range of dates and claims beside them: at 1366 px
    # the page does not scroll sideways
    d = load_fixture()
    fig = d["figures"][0]
    fig.update(
        value=3_000_000_000, low=3_000_000_000, high=60_000_000_000, qualifier="range",
        unit="USD", counts="compensation claims and clean-up costs",
        as_of={"date": None, "earliest": "2031-04-11", "latest": "2031-05-30"},
    )  # fmt: skip
    for c in d["claims"]:
        c["as_of"] = {"date": None, "earliest": "2031-04-11", "latest": "2031-05-30"}
    o = Opened(browser, render_report(d), tmp_path / "wide.html")
    try:
        row = o.page.locator(f"[id='fig-{fig['id']}']")
        assert "60,000,000,000" in row.inner_text()
        width = o.page.evaluate("document.documentElement.scrollWidth")
        assert width <= 1366
    finally:
        o.page.close()
