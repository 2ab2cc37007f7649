"""read_inputs: formats, ids, titles, metadata and dates, on texts written for these tests."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from sitrep.config import Config
from sitrep.ingest import read_inputs, sniff_format

CONFIG = Config()

STORY = (
    "Flood waters rose overnight in the river town of Marlow Bend, officials said on Monday.\n"
    "The county emergency office said 120 homes were evacuated before dawn.\n"
)
PAGE = """<!DOCTYPE html>
<html><head>
<title>River floods Marlow Bend | Valley Courier</title>
<meta property="og:site_name" content="Valley Courier">
<meta name="author" content="Dana Whitfield">
<meta property="article:published_time" content="2024-03-11T08:15:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article>
<h1>River floods Marlow Bend</h1>
<p>Flood waters rose overnight in the river town of Marlow Bend, officials said on Monday,
after three days of heavy rain across the upper valley.</p>
<p>The county emergency office said 120 homes were evacuated before dawn and that two
shelters had opened at the high school and the fire station.</p>
<p>Forecasters expect the river to crest on Tuesday afternoon, about a metre above the
flood stage, before the water slowly recedes later in the week.</p>
</article>
<footer>Contact us</footer>
</body></html>
"""


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_ingest_txt_title_is_first_short_line(tmp_path: Path) -> None:
    write(tmp_path / "flood.txt", "River floods Marlow Bend\n\n" + STORY)
    articles, problems = read_inputs([str(tmp_path / "flood.txt")], config=CONFIG)
    assert problems == []
    (article,) = articles
    assert article.id == "flood"
    assert article.title == "River floods Marlow Bend"
    assert article.text.startswith("Flood waters rose")
    assert "River floods" not in article.text
    assert article.format == "txt"


def test_ingest_txt_sentence_first_line_is_not_a_title(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", STORY)
    (article,), _ = read_inputs([str(tmp_path / "a.txt")], config=CONFIG)
    assert article.title is None
    assert article.text == STORY.strip("\n")


def test_ingest_txt_lone_line_is_not_a_title(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "Only a headline here\n")
    (article,), _ = read_inputs([str(tmp_path / "a.txt")], config=CONFIG)
    assert article.title is None
    assert article.text == "Only a headline here"


def test_ingest_markdown_strips_marks_keeps_images(tmp_path: Path) -> None:
    text = (
        "# River floods Marlow Bend\n\n"
        "![](https://example.org/img/flood.jpg)\n\n"
        "## What we know\n\n"
        "Flood waters rose **overnight**, the [county](https://example.org/county) said.\n"
    )
    write(tmp_path / "m.md", text)
    (article,), _ = read_inputs([str(tmp_path / "m.md")], config=CONFIG)
    assert article.title == "River floods Marlow Bend"
    assert article.format == "md"
    assert "#" not in article.text
    assert "![](https://example.org/img/flood.jpg)" in article.text
    assert "What we know" in article.text
    assert "Flood waters rose overnight, the county said." in article.text


def test_ingest_markdown_front_matter(tmp_path: Path) -> None:
    text = "---\ntitle: Floods\ndate: 2024-03-11\noutlet: Valley Courier\n---\n" + STORY
    write(tmp_path / "m.md", text)
    (article,), _ = read_inputs([str(tmp_path / "m.md")], config=CONFIG)
    assert (article.title, article.outlet) == ("Floods", "Valley Courier")
    assert (article.meta_date, article.meta_date_method) == ("2024-03-11", "metadata")


def test_ingest_html_text_and_metadata(tmp_path: Path) -> None:
    write(tmp_path / "page.html", PAGE)
    (article,), problems = read_inputs([str(tmp_path / "page.html")], config=CONFIG)
    assert problems == []
    assert article.format == "html"
    assert "120 homes were evacuated" in article.text
    assert "Contact us" not in article.text
    # paragraphs stay on their own lines
    lines = [line for line in article.text.split("\n") if line.strip()]
    assert any(line.startswith("The county emergency office") for line in lines)
    assert article.outlet == "Valley Courier"
    assert article.author == "Dana Whitfield"
    assert (article.meta_date, article.meta_date_method) == ("2024-03-11", "html_meta")


def test_ingest_jsonl_ids_fields_and_date(tmp_path: Path) -> None:
    records = [
        {"text": STORY, "title": "Floods", "published": "2024-03-11T10:00:00+01:00"},
        {"text": STORY, "source": "Valley Courier", "date": "March 12, 2024"},
        {"html": PAGE, "url": "https://courier.example/2024/03/13/floods"},
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    articles, problems = read_inputs([str(path)], config=CONFIG)
    assert problems == []
    assert [a.id for a in articles] == ["feed#1", "feed#2", "feed#3"]
    assert articles[0].title == "Floods"
    assert (articles[0].meta_date, articles[0].meta_date_method) == ("2024-03-11", "metadata")
    assert articles[1].outlet == "Valley Courier"
    assert articles[1].meta_date == "2024-03-12"
    assert "120 homes" in articles[2].text
    assert articles[2].url == "https://courier.example/2024/03/13/floods"
    assert articles[2].meta_date_method == "html_meta"  # the page's meta wins over the URL


def test_ingest_json_object_and_list(tmp_path: Path) -> None:
    write(tmp_path / "one.json", json.dumps({"text": STORY}))
    write(tmp_path / "many.json", json.dumps([{"text": STORY}, {"text": STORY}]))
    articles, problems = read_inputs([str(tmp_path)], config=CONFIG)
    assert problems == []
    assert [a.id for a in articles] == ["many#1", "many#2", "one"]


def test_ingest_url_date_when_nothing_better(tmp_path: Path) -> None:
    record = {"text": STORY, "url": "https://news.example/world/2025/02/06/story-slug"}
    write(tmp_path / "r.json", json.dumps(record))
    (article,), _ = read_inputs([str(tmp_path / "r.json")], config=CONFIG)
    assert (article.meta_date, article.meta_date_method) == ("2025-02-06", "url")


def test_ingest_folder_walk_sorted_hidden_skipped_unknown_reported(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / ".git").mkdir()
    write(tmp_path / "b.txt", STORY)
    write(tmp_path / "sub" / "a.txt", STORY)
    write(tmp_path / ".hidden.txt", STORY)
    write(tmp_path / ".git" / "c.txt", STORY)
    write(tmp_path / "notes.docx", "not supported")
    articles, problems = read_inputs([str(tmp_path)], config=CONFIG)
    assert [a.id for a in articles] == ["b", "a"]
    assert len(problems) == 1
    assert problems[0].input.endswith("notes.docx")
    assert "unsupported format" in problems[0].error


def test_ingest_same_stem_twice_gets_unique_ids(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    write(tmp_path / "x" / "story.txt", STORY)
    write(tmp_path / "y" / "story.txt", STORY)
    articles, _ = read_inputs([str(tmp_path)], config=CONFIG)
    assert len({a.id for a in articles}) == 2


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        ('{"text": "a"}\n{"text": "b"}\n', "jsonl"),
        ('[{"text": "a"}]', "json"),
        ("<!doctype html><html><body><p>x</p></body></html>", "html"),
        ("Just words.\nMore words.", "txt"),
    ],
)
def test_ingest_sniff_format(text: str, fmt: str) -> None:
    assert sniff_format(text) == fmt


def test_ingest_stdin_jsonl_ids() -> None:
    stdin = io.StringIO(json.dumps({"text": STORY}) + "\n" + json.dumps({"text": STORY}) + "\n")
    articles, problems = read_inputs(["-"], config=CONFIG, stdin=stdin)
    assert problems == []
    assert [a.id for a in articles] == ["stdin#1", "stdin#2"]


def test_ingest_stdin_text() -> None:
    articles, _ = read_inputs(["-"], config=CONFIG, stdin=io.StringIO(STORY))
    assert [a.id for a in articles] == ["stdin"]
    assert articles[0].format == "txt"


def test_ingest_html_takes_the_structured_body_when_the_markup_has_none(tmp_path: Path) -> None:
    # the markup holds two captions only (the text is written by scripts); the JSON-LD the
    # page gives search engines holds the article
    body = " ".join(
        f"The Harlow ferry resumed crossings on day {n} after the storm, the port said."
        for n in range(1, 25)
    )
    ld = json.dumps({"@context": "https://schema.org", "@graph": [
        {"@type": "NewsArticle", "headline": "Ferry resumes", "articleBody": body}
    ]})  # fmt: skip
    caption = (
        "The ferry MV Lindau leaves the harbour at Harlow on {}, the first crossing since the "
        "storm closed the port last week. Photo: Kessel Wire"
    )
    page = (
        "<html><head><title>Ferry resumes</title>"
        f'<script type="application/ld+json">{ld}</script></head><body><article>'
        f"<h1>Ferry resumes</h1><p>{caption.format('Tuesday')}</p>"
        f"<p>{caption.format('Wednesday')}</p></article></body></html>"
    )
    write(tmp_path / "page.html", page)
    (article,), problems = read_inputs([str(tmp_path / "page.html")], config=CONFIG)
    assert problems == []
    assert "resumed crossings on day 24" in article.text
