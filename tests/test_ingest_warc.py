"""WARC web archives through read_inputs, the published stage and ``sitrep build``, on archives
written here with warcio's WARCWriter (pages about the invented town of Millbrook and its dam)."""

from __future__ import annotations

import gzip
import json
from io import BytesIO
from pathlib import Path

import pytest
from typer.testing import CliRunner
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from sitrep.cli import app
from sitrep.config import Config
from sitrep.ingest import read_inputs
from sitrep.ingest import warc as warc_module
from sitrep.model import CleanedArticle, RawArticle, Sentence
from sitrep.pipeline import Work
from sitrep.time.extract import extract_timexes
from sitrep.time.pubdate import published_stage
from sitrep.time.timex import sentence_spans

CONFIG = Config()
CRAWLED = "2014-03-05T14:20:11Z"

DATED_BODY = (
    "<p>Engineers opened the spillway of the Millbrook dam after the reservoir rose two metres "
    "in three days, the county water board said in a statement.</p>"
    "<p>About 240 residents of the lower valley were asked to leave their homes, and the school "
    "gym on Orchard Street opened as a shelter for the families.</p>"
    "<p>Route 9 stays closed at the old mill bridge until the water level falls again.</p>"
)
# Monday, March 3 fell on a Monday in 2008, 2014 and 2025: only the crawl date tells which.
UNDATED_BODY = (
    "<p>The Millbrook dam's spillway gates were opened on Monday, March 3, after heavy rain, "
    "the county water board said.</p>"
    "<p>Residents of the lower valley were told to stay away from the river banks while the "
    "water level stays high, and the school gym on Orchard Street opened as a shelter.</p>"
    "<p>Inspectors will walk the east wall of the dam once the rain stops, officials said.</p>"
)


def page(title: str, body: str, *, meta_date: str | None = None) -> bytes:
    meta = f'<meta property="article:published_time" content="{meta_date}">' if meta_date else ""
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title>{meta}</head><body>"
        f"<nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{body}</article>"
        "<footer>Millbrook Gazette</footer></body></html>"
    ).encode()


def http(status: str, content_type: str) -> StatusAndHeaders:
    return StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")


def write_warc(path: Path, *, gzipped: bool = False, date: str = CRAWLED) -> Path:
    """A small crawl: warcinfo, two HTML pages (one dated by its meta), their requests, an
    image, a 404 page, a revisit and a metadata record."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzipped)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))

        def response(uri: str, payload: bytes, headers: StatusAndHeaders) -> None:
            request = StatusAndHeaders(
                "GET / HTTP/1.1", [("Host", "gazette.example")], is_http_request=True
            )
            writer.write_record(
                writer.create_warc_record(
                    uri, "request", payload=BytesIO(b""), http_headers=request
                )
            )
            record = writer.create_warc_record(
                uri,
                "response",
                payload=BytesIO(payload),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": date},
            )
            writer.write_record(record)

        html = "text/html; charset=utf-8"
        response(
            "https://gazette.example/news/spillway-opened",
            page("Spillway opened", DATED_BODY, meta_date="2014-03-04T08:00:00Z"),
            http("200 OK", html),
        )
        response(
            "https://gazette.example/img/dam.jpg",
            b"\xff\xd8\xff\xe0JFIF",
            http("200 OK", "image/jpeg"),
        )
        response(
            "https://gazette.example/news/gone",
            page("Gone", DATED_BODY),
            http("404 Not Found", html),
        )
        response(
            "https://gazette.example/news/gates",
            page("Gates opened", UNDATED_BODY),
            http("200 OK", "application/xhtml+xml"),
        )
        writer.write_record(
            writer.create_revisit_record(
                "https://gazette.example/news/gates",
                digest="sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                refers_to_uri="https://gazette.example/news/gates",
                refers_to_date=date,
                http_headers=http("200 OK", html),
            )
        )
        writer.write_record(
            writer.create_warc_record(
                "https://gazette.example/news/gates",
                "metadata",
                payload=BytesIO(b"outlink: https://gazette.example/\r\n"),
                warc_content_type="application/warc-fields",
            )
        )
    return path


def test_ingest_warc_html_responses_become_articles(tmp_path: Path) -> None:
    archive = write_warc(tmp_path / "crawl.warc")
    articles, problems = read_inputs([str(archive)], config=CONFIG)
    assert [a.id for a in articles] == ["crawl#1", "crawl#2"]
    dated, undated = articles
    assert dated.url == "https://gazette.example/news/spillway-opened"
    assert dated.title == "Spillway opened"
    assert "Engineers opened the spillway" in dated.text and "Home" not in dated.text
    assert (dated.meta_date, dated.meta_date_method) == ("2014-03-04", "html_meta")
    assert undated.url == "https://gazette.example/news/gates"
    assert (undated.meta_date, undated.meta_date_method) == (None, None)
    assert {a.crawl_date for a in articles} == {"2014-03-05"}
    assert {a.format for a in articles} == {"warc"}
    # the crawl's other records (requests, images, a 404...) are no articles and no problem
    assert problems == []


def test_ingest_warc_without_pages_says_what_it_skipped(tmp_path: Path) -> None:
    path = tmp_path / "images.warc"
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=False)
        record = writer.create_warc_record(
            "https://gazette.example/dam.jpg",
            "response",
            payload=BytesIO(b"\xff\xd8\xff"),
            http_headers=StatusAndHeaders(
                "200 OK", [("Content-Type", "image/jpeg")], protocol="HTTP/1.1"
            ),
        )
        writer.write_record(record)
    articles, problems = read_inputs([str(path)], config=CONFIG)
    assert articles == []
    (problem,) = problems
    assert problem.error.startswith("no HTML page; skipped 1 record(s) that are not HTML pages")
    assert "1 response (image/jpeg)" in problem.error


def test_ingest_warc_gz_in_a_folder_has_a_clean_stem(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    write_warc(folder / "crawl-b.warc.gz", gzipped=True)
    assert (folder / "crawl-b.warc.gz").read_bytes()[:2] == b"\x1f\x8b"
    (folder / "notes.gz").write_bytes(gzip.compress(b"not an archive"))
    articles, problems = read_inputs([str(folder)], config=CONFIG)
    assert [a.id for a in articles] == ["crawl-b#1", "crawl-b#2"]
    assert [a.url for a in articles] == [
        "https://gazette.example/news/spillway-opened",
        "https://gazette.example/news/gates",
    ]
    errors = sorted((Path(p.input).name, p.error.split(":")[0]) for p in problems)
    assert errors == [("notes.gz", "unsupported format (.gz)")]


def test_ingest_warc_without_its_suffix_is_sniffed(tmp_path: Path) -> None:
    archive = write_warc(tmp_path / "crawl.warc")
    renamed = archive.rename(tmp_path / "crawl.dat")
    articles, _ = read_inputs([str(renamed)], config=CONFIG)
    assert [a.id for a in articles] == ["crawl#1", "crawl#2"]


@pytest.mark.parametrize("gzipped", [False, True])
def test_ingest_warc_truncated_keeps_the_pages_before(tmp_path: Path, gzipped: bool) -> None:
    name = "cut.warc.gz" if gzipped else "cut.warc"
    path = write_warc(tmp_path / name, gzipped=gzipped)
    data = path.read_bytes()
    # cut in the middle of the second HTML page's response: the first page is whole
    with path.open("rb") as handle:
        archive = ArchiveIterator(handle)
        for record in archive:
            uri = record.rec_headers.get_header("WARC-Target-URI")
            if record.rec_type == "response" and uri.endswith("/gates"):
                cut = archive.get_record_offset() + archive.get_record_length() // 2
                break
    (tmp_path / name).write_bytes(data[:cut])
    articles, problems = read_inputs([str(tmp_path / name)], config=CONFIG)
    assert [a.id for a in articles] == ["cut#1"]
    damaged = [p.error for p in problems]
    assert len(damaged) == 1
    assert damaged[0].startswith(("truncated: file ends inside record", "corrupt WARC after"))
    assert "1 page(s) read" in damaged[0]


def test_ingest_warc_garbage_is_a_problem(tmp_path: Path) -> None:
    bad = tmp_path / "bad.warc"
    bad.write_bytes(b"this is not an archive\r\n\r\n" * 3)
    articles, problems = read_inputs([str(bad)], config=CONFIG)
    assert articles == []
    assert len(problems) == 1 and problems[0].input == str(bad)
    assert problems[0].error.startswith(("not a WARC file", "corrupt WARC"))


def test_ingest_warc_big_page_is_cut_with_a_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(warc_module, "PAGE_LIMIT", 500)
    monkeypatch.setattr(warc_module, "_DRAIN", 64)  # many small reads add up to the limit
    archive = write_warc(tmp_path / "crawl.warc")
    articles, problems = read_inputs([str(archive)], config=CONFIG)
    cut = [p for p in problems if "cut to 500 bytes" in p.error]
    assert [p.input for p in cut] == [f"{archive}#1", f"{archive}#2"]
    assert len(articles) == 2
    assert "the rain stops, officials said." not in articles[1].text  # the end of the page


def test_ingest_warc_http_charset_decodes_the_page(tmp_path: Path) -> None:
    archive = tmp_path / "latin.warc"
    body = "<p>" + "Le barrage de Millbrook a tenu, a déclaré l'ingénieure en chef. " * 4 + "</p>"
    payload = (
        f"<html><head><title>Barrage</title></head><body><article>{body}</article></body></html>"
    ).encode("iso-8859-1")
    with archive.open("wb") as out:
        writer = WARCWriter(out, gzip=False)
        writer.write_record(
            writer.create_warc_record(
                "https://courrier.example/barrage",
                "response",
                payload=BytesIO(payload),
                http_headers=http("200 OK", "text/html; charset=ISO-8859-1"),
            )
        )
    (article,), problems = read_inputs([str(archive)], config=CONFIG)
    assert problems == []
    assert "a déclaré l'ingénieure" in article.text


# ---- the crawl date in the published stage --------------------------------------------------


def _work(raw: RawArticle) -> Work:
    text = raw.text
    work = Work(raw=raw, cleaned=CleanedArticle(raw=raw, text=text))
    work.sentences = [Sentence(span=s) for s in sentence_spans(text)]
    work.timexes = extract_timexes(text, sentence_spans(text))
    return work


def test_published_crawl_date_bounds_an_undated_page(tmp_path: Path) -> None:
    archive = write_warc(tmp_path / "2014-03-20-crawl.warc")
    (dated, undated), _ = read_inputs([str(archive)], config=CONFIG)
    p = published_stage(_work(undated), CONFIG)["published"]
    # the crawl picks 2014 (not 2025) for "Monday, March 3" and closes the range
    assert p.method == "content"
    assert (p.earliest, p.latest) == ("2014-03-03", "2014-03-05")
    assert "crawled on 2014-03-05: published then or before" in p.evidence
    # without the crawl date the same text lands in another year
    undated.crawl_date = None
    q = published_stage(_work(undated), CONFIG)["published"]
    assert q.earliest is not None and q.earliest != "2014-03-03"
    # the page's own metadata still wins, and the archive's file name dates nothing
    m = published_stage(_work(dated), CONFIG)["published"]
    assert (m.date, m.method) == ("2014-03-04", "html_meta")
    assert not any("crawled" in e for e in m.evidence)


def test_published_crawl_date_versus_reference_date() -> None:
    text = "Heavy rain fell over Millbrook and the dam's gates stayed shut, the water board said."
    raw = RawArticle(id="c#1", source="c.warc", text=text, crawl_date="2014-03-05", format="warc")
    p = published_stage(_work(raw), CONFIG)["published"]
    # nothing in the text dates it: the crawl is still an upper bound
    assert (p.earliest, p.latest, p.method) == (None, "2014-03-05", "none")
    assert p.evidence == ["crawled on 2014-03-05: published then or before"]
    # an earlier reference date is the tighter bound; a later one yields to the crawl
    early = published_stage(_work(raw), Config(reference_date="2014-01-01"))["published"]
    assert early.latest is None and early.evidence == []
    late = published_stage(_work(raw), Config(reference_date="2020-01-01"))["published"]
    assert late.latest == "2014-03-05"


def test_published_url_date_wins_over_the_crawl() -> None:
    raw = RawArticle(
        id="c#2",
        source="c.warc",
        text="The Millbrook dam held, officials said on Monday, March 3.",
        url="https://gazette.example/2014/02/28/dam-holds",
        crawl_date="2014-03-05",
        format="warc",
    )
    p = published_stage(_work(raw), CONFIG)["published"]
    assert (p.date, p.method) == ("2014-02-28", "url")


# ---- through the CLI -------------------------------------------------------------------------


FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Millbrook Gazette</title>
<item><title>Millbrook dam spillway opened</title>
<link>https://gazette.example/news/spillway</link>
<pubDate>Tue, 04 Mar 2025 09:30:00 +0000</pubDate>
<description>&lt;p&gt;Engineers opened the spillway of the Millbrook dam on Monday after the
reservoir rose two metres in three days, the county water board said.&lt;/p&gt;</description>
</item>
<item><link>https://gazette.example/news/empty</link></item>
</channel></rss>
"""


def test_cli_build_reads_a_warc_and_a_feed(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    write_warc(src / "crawl.warc.gz", gzipped=True)
    (src / "gazette.rss").write_text(FEED, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["build", str(src), "--out", str(out), "--quiet"])
    assert result.exit_code == 1, result.output  # done, with problems listed
    dossier = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
    docs = {d["id"]: d for d in dossier["documents"]}
    assert sorted(docs) == ["crawl#1", "crawl#2", "gazette#1"]
    assert docs["gazette#1"]["published"]["date"] == "2025-03-04"
    assert docs["gazette#1"]["published"]["method"] == "feed"
    assert docs["gazette#1"]["outlet"] == "Millbrook Gazette"
    assert docs["crawl#1"]["published"]["date"] == "2014-03-04"
    assert docs["crawl#2"]["url"] == "https://gazette.example/news/gates"
    gates = docs["crawl#2"]["published"]
    assert gates["latest"] is not None and gates["latest"] <= "2014-03-05"
    assert gates["earliest"] is not None and gates["earliest"].startswith("2014-")
    errors = [p["error"] for p in dossier["problems"]]
    assert not any("not HTML pages" in e for e in errors)  # a crawl's requests: no problem
    assert any("neither text nor title" in e for e in errors)
