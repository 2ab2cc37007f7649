"""RSS 2.0, RSS 1.0 and Atom feeds through read_inputs, on feeds invented for these tests
(the town of Millbrook and its dam), including broken and hostile XML."""

from __future__ import annotations

import http.server
import io
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from sitrep.config import Config
from sitrep.ingest import read_inputs, read_string, sniff_format
from sitrep.ingest.feed import strip_html

CONFIG = Config()

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Millbrook Gazette</title>
  <link>https://gazette.example/</link>
  <description>News from Millbrook</description>
  <item>
    <title>Millbrook dam spillway opened as the reservoir rises</title>
    <link>https://gazette.example/news/spillway-opened</link>
    <dc:creator>Ruth Calloway</dc:creator>
    <pubDate>Tue, 04 Mar 2025 09:30:00 +0000</pubDate>
    <description>Short teaser that the full text replaces.</description>
    <content:encoded><![CDATA[
      <p>Engineers opened the spillway of the Millbrook dam on Monday after the reservoir rose
      two metres in three days, the county water board said.</p>
      <script>trackReader();</script>
      <p>About 240 residents of the lower valley were asked to leave their homes, and the
      school gym on Orchard Street opened as a shelter.</p>
      <ul><li>Route 9 is closed at the old mill bridge.</li></ul>
    ]]></content:encoded>
  </item>
  <item>
    <title>Water board &amp; county disagree on dam repairs</title>
    <link>https://gazette.example/news/repairs-dispute</link>
    <author>news@gazette.example (Omar Feld)</author>
    <pubDate>Wed, 05 Mar 2025 18:00:00 GMT</pubDate>
    <description>&lt;p&gt;The water board said repairs would cost 3 million dollars;
      the county put the figure at 5 million.&lt;/p&gt;</description>
  </item>
  <item>
    <title>Millbrook schools closed on Thursday</title>
    <guid isPermaLink="true">https://gazette.example/news/schools-closed</guid>
  </item>
  <item>
    <link>https://gazette.example/news/empty</link>
  </item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="text">Valley Wire</title>
  <author><name>Valley Wire desk</name></author>
  <id>urn:uuid:valley-wire</id>
  <updated>2025-03-06T12:00:00Z</updated>
  <link rel="self" href="https://wire.example/feed.atom"/>
  <entry>
    <title>Millbrook dam holds after the night's storm</title>
    <link rel="edit" href="https://wire.example/api/entries/17"/>
    <link rel="alternate" type="text/html" href="https://wire.example/2025/dam-holds"/>
    <id>urn:uuid:entry-17</id>
    <published>2025-03-06T07:15:00-05:00</published>
    <updated>2025-03-06T11:00:00Z</updated>
    <author><name>Lena Okafor</name></author>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">
      <p>The Millbrook dam held through the storm, the water board said on Thursday.</p>
      <p>Inspectors found no new cracks in the east wall.</p>
    </div></content>
  </entry>
  <entry>
    <title>Evacuees begin returning to the lower valley</title>
    <link href="https://wire.example/2025/evacuees-return"/>
    <id>urn:uuid:entry-18</id>
    <updated>2025-03-07T16:45:00Z</updated>
    <content src="https://wire.example/full/18.html" type="text/html"/>
    <summary type="text">Families moved back into 180 homes, the county said on Friday.</summary>
  </entry>
  <entry>
    <title type="html">Dam inspection report &lt;em&gt;published&lt;/em&gt;</title>
    <id>urn:uuid:entry-19</id>
    <published>sometime last week</published>
    <content type="html">&lt;p&gt;The inspection report lists 14 repairs for the
      Millbrook dam.&lt;/p&gt;</content>
  </entry>
</feed>
"""

RDF = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://ledger.example/rss">
    <title>Millbrook Ledger</title>
    <link>https://ledger.example/</link>
    <description>Local news</description>
  </channel>
  <item rdf:about="https://ledger.example/dam-meeting">
    <title>Council meets on dam safety</title>
    <link>https://ledger.example/dam-meeting</link>
    <description>The town council met on Friday to discuss the dam's safety plan.</description>
    <dc:date>2025-03-07</dc:date>
    <dc:creator>Ines Marr</dc:creator>
  </item>
</rdf:RDF>
"""


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_ingest_feed_rss2_items_become_articles(tmp_path: Path) -> None:
    feed = write(tmp_path / "gazette.rss", RSS)
    articles, problems = read_inputs([str(feed)], config=CONFIG)
    assert [a.id for a in articles] == ["gazette#1", "gazette#2", "gazette#3"]
    first, second, third = articles
    assert first.title == "Millbrook dam spillway opened as the reservoir rises"
    assert first.url == "https://gazette.example/news/spillway-opened"
    assert (first.outlet, first.author) == ("Millbrook Gazette", "Ruth Calloway")
    assert (first.meta_date, first.meta_date_method) == ("2025-03-04", "feed")
    assert first.format == "rss"
    # content:encoded wins over the teaser; HTML became text, one paragraph per line
    assert "teaser" not in first.text
    assert "Engineers opened the spillway" in first.text
    assert "About 240 residents" in first.text
    assert "trackReader" not in first.text and "<p>" not in first.text
    assert len(first.text.split("\n")) >= 2
    # escaped HTML in <description>, entity in the title, "email (name)" author
    assert second.title == "Water board & county disagree on dam repairs"
    assert second.text.startswith("The water board said repairs would cost 3 million dollars")
    assert "&lt;" not in second.text and "<p>" not in second.text
    assert second.author == "Omar Feld"
    assert second.meta_date == "2025-03-05"
    # a headline alone is kept as the text; the guid is a permalink
    assert third.text == third.title == "Millbrook schools closed on Thursday"
    assert third.url == "https://gazette.example/news/schools-closed"
    assert third.meta_date is None
    # the item with neither text nor title is a problem, not silently dropped
    assert [(p.input, "neither text nor title" in p.error) for p in problems] == [
        (f"{feed}#4", True)
    ]


def test_ingest_feed_atom_entries(tmp_path: Path) -> None:
    feed = write(tmp_path / "wire.atom", ATOM)
    articles, problems = read_inputs([str(feed)], config=CONFIG)
    assert [a.id for a in articles] == ["wire#1", "wire#2", "wire#3"]
    held, back, report = articles
    assert held.url == "https://wire.example/2025/dam-holds"  # rel=alternate, not rel=edit
    assert (held.meta_date, held.meta_date_method) == ("2025-03-06", "feed")
    assert (held.outlet, held.author, held.format) == ("Valley Wire", "Lena Okafor", "atom")
    assert held.text.split("\n") == [
        "The Millbrook dam held through the storm, the water board said on Thursday.",
        "Inspectors found no new cracks in the east wall.",
    ]
    # a link without rel is the alternate; out-of-line content is never fetched: the
    # summary stands in; only <updated>: an upper bound, named as such
    assert back.url == "https://wire.example/2025/evacuees-return"
    assert back.text == "Families moved back into 180 homes, the county said on Friday."
    assert (back.meta_date, back.meta_date_method) == ("2025-03-07", "feed_updated")
    assert back.author == "Valley Wire desk"  # the feed's author
    # html title and content; an unreadable date is reported and left out
    assert report.title == "Dam inspection report published"
    assert report.text == "The inspection report lists 14 repairs for the Millbrook dam."
    assert report.url is None and report.meta_date is None
    assert len(problems) == 1
    assert problems[0].input == f"{feed}#3"
    assert "unrecognised date 'sometime last week'" in problems[0].error


def test_ingest_feed_rss1_rdf_and_xml_suffix(tmp_path: Path) -> None:
    feed = write(tmp_path / "ledger.xml", RDF)
    (article,), problems = read_inputs([str(feed)], config=CONFIG)
    assert problems == []
    assert article.id == "ledger#1"
    assert (article.title, article.outlet, article.author) == (
        "Council meets on dam safety",
        "Millbrook Ledger",
        "Ines Marr",
    )
    assert article.url == "https://ledger.example/dam-meeting"
    assert (article.meta_date, article.meta_date_method) == ("2025-03-07", "feed")
    assert article.text == "The town council met on Friday to discuss the dam's safety plan."


def test_ingest_feed_xml_that_is_no_feed_is_a_problem(tmp_path: Path) -> None:
    other = write(
        tmp_path / "sitemap.xml", "<urlset><url><loc>https://x.example/</loc></url></urlset>"
    )
    articles, problems = read_inputs([str(other)], config=CONFIG)
    assert articles == []
    assert [p.error for p in problems] == ["XML root <urlset> is not an RSS or Atom feed"]


def test_ingest_feed_broken_file_is_a_problem_and_the_batch_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    write(folder / "a_broken.rss", RSS[: RSS.index("</item>")])  # cut inside the first item
    write(folder / "b_wire.atom", ATOM)
    write(folder / "c_empty.rss", '<rss version="2.0"><channel><title>X</title></channel></rss>')
    articles, problems = read_inputs([str(folder)], config=CONFIG)
    assert [a.id for a in articles] == ["b_wire#1", "b_wire#2", "b_wire#3"]
    by_file = {Path(p.input.split("#")[0]).name: p.error for p in problems}
    assert by_file["a_broken.rss"].startswith("not well-formed XML: ")
    assert by_file["c_empty.rss"] == "feed has no items"


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []  # noqa: RUF012 -- shared with the test on purpose

    def do_GET(self) -> None:
        _Recorder.requests.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"FETCHED-FROM-THE-NETWORK")

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def local_server() -> Iterator[str]:
    """An HTTP server on localhost that records every request it gets."""
    _Recorder.requests = []
    server = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_ingest_feed_external_entities_are_neither_read_nor_fetched(
    tmp_path: Path, local_server: str
) -> None:
    secret = write(tmp_path / "secret.txt", "SECRET-MILLBROOK-TOKEN")
    hostile = f"""<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY file SYSTEM "file://{secret}">
  <!ENTITY web SYSTEM "{local_server}/entity">
  <!ENTITY % remote SYSTEM "{local_server}/dtd">
  %remote;
]>
<rss version="2.0"><channel><title>Feed &file;</title>
<item><title>Dam news &web;</title>
<description>The reservoir level is &file; falling, the water board said.</description>
</item></channel></rss>
"""
    feed = write(tmp_path / "hostile.rss", hostile)
    (article,), problems = read_inputs([str(feed)], config=CONFIG)
    seen = " ".join(str(v) for v in (article.text, article.title, article.outlet))
    assert "SECRET" not in seen and "FETCHED" not in seen
    assert article.text == "The reservoir level is falling, the water board said."
    assert article.title == "Dam news"
    assert _Recorder.requests == []
    assert len(problems) == 1
    assert "left unexpanded" in problems[0].error and "&file;" in problems[0].error


def test_ingest_feed_entity_bomb_is_a_problem_not_a_hang(tmp_path: Path) -> None:
    levels = "".join(
        f'<!ENTITY l{n} "{"".join(f"&l{n - 1};" for _ in range(10))}">' for n in range(1, 10)
    )
    bomb = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY l0 "dam">{levels}]>'
        '<rss version="2.0"><channel><title>T</title>'
        "<item><title>&l9;</title><description>Body.</description></item></channel></rss>"
    )
    feed = write(tmp_path / "bomb.rss", bomb)
    started = time.perf_counter()
    articles, problems = read_inputs([str(feed)], config=CONFIG)
    assert time.perf_counter() - started < 5
    assert all("damdam" not in (a.title or "") + a.text for a in articles)
    assert len(problems) == 1 and str(feed) == problems[0].input


def test_ingest_feed_declared_encoding_is_honoured(tmp_path: Path) -> None:
    text = RDF.replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="iso-8859-1"?>')
    text = text.replace("Council meets", "Café council meets")
    feed = write(tmp_path / "ledger.rss", text, encoding="iso-8859-1")
    (article,), _ = read_inputs([str(feed)], config=CONFIG)
    assert article.title == "Café council meets on dam safety"


def test_ingest_feed_sniffed_on_stdin_and_in_strings() -> None:
    assert sniff_format(RSS) == "feed"
    assert sniff_format(ATOM) == "feed"
    assert sniff_format("<!-- feed -->\n" + RDF) == "feed"
    assert sniff_format("<html><body><p>Not a feed</p></body></html>") == "html"
    # a decoded string keeps its (now wrong) encoding declaration: it must not matter
    declared = RDF.replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="latin-1"?>')
    articles, problems = read_inputs(["-"], config=CONFIG, stdin=io.StringIO(declared))
    assert problems == [] and [a.id for a in articles] == ["stdin#1"]
    found, _ = read_string(ATOM, stem="wire", source="form", config=CONFIG)
    assert [a.id for a in found] == ["wire#1", "wire#2", "wire#3"]


def test_strip_html_keeps_blocks_on_lines_and_drops_scripts() -> None:
    html = "<div><h2>Dam</h2><p>Gates &amp; spillway</p><script>x()</script>open<br>now</div>"
    assert strip_html(html) == "Dam\nGates & spillway\nopen\nnow"
    assert strip_html("   ") == ""
