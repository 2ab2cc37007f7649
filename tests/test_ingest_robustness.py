"""read_inputs on untrusted input: encodings, bad files, limits; the batch always goes on."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.config import Config
from sitrep.ingest import read_inputs
from sitrep.ingest.dates import normalize_date, url_date
from sitrep.ingest.encoding import decode_bytes

CONFIG = Config()
RUSSIAN = (
    "Курская область\n\nВ Курской области продолжаются бои, сообщили в министерстве обороны.\n"
)
FRENCH = "Le café est fermé à cause de la grève, a déclaré le maire de la commune mercredi.\n"
GERMAN = (
    "Die Straße nach Zürich ist gesperrt, weil ein Lastwagen umgekippt ist, sagte die Polizei.\n"
)


def test_ingest_cp1251_file_reads_right(tmp_path: Path) -> None:
    (tmp_path / "ru.txt").write_bytes(RUSSIAN.encode("cp1251"))
    (article,), problems = read_inputs([str(tmp_path / "ru.txt")], config=CONFIG)
    assert problems == []
    assert article.title == "Курская область"
    assert "министерстве обороны" in article.text


def test_ingest_latin1_files_read_right(tmp_path: Path) -> None:
    (tmp_path / "fr.txt").write_bytes(FRENCH.encode("latin-1"))
    (tmp_path / "de.txt").write_bytes(GERMAN.encode("latin-1"))
    articles, _ = read_inputs([str(tmp_path / "fr.txt"), str(tmp_path / "de.txt")], config=CONFIG)
    assert articles[0].text == FRENCH.strip()
    assert articles[1].text == GERMAN.strip()


def test_ingest_bom_stripped_and_newlines_normalised(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes("\ufeffFirst line here.\r\nSecond line.\rThird.".encode())
    (tmp_path / "b.txt").write_bytes("Line one is here.\r\nLine two.".encode("utf-16"))
    articles, _ = read_inputs([str(tmp_path)], config=CONFIG)
    assert articles[0].text == "First line here.\nSecond line.\nThird."
    assert articles[1].text == "Line one is here.\nLine two."


def test_ingest_bad_json_is_one_problem_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text('{"text": "one"\n,\n"title" "x"}', encoding="utf-8")
    (tmp_path / "b.txt").write_text("A fine story.\n", encoding="utf-8")
    articles, problems = read_inputs([str(tmp_path)], config=CONFIG)
    assert [a.id for a in articles] == ["b"]
    assert len(problems) == 1
    assert problems[0].error == "invalid JSON on line 3: Expecting ':' delimiter"


def test_ingest_jsonl_bad_line_and_empty_record(tmp_path: Path) -> None:
    lines = [json.dumps({"text": "good one"}), "{broken", json.dumps({"title": "no body"})]
    (tmp_path / "f.jsonl").write_text("\n".join(lines), encoding="utf-8")
    articles, problems = read_inputs([str(tmp_path / "f.jsonl")], config=CONFIG)
    assert [a.id for a in articles] == ["f#1"]
    errors = sorted(p.error for p in problems)
    assert errors[0].startswith("invalid JSON on line 2:")
    assert errors[1] == "record has neither 'text' nor 'html'"
    assert any(p.input.endswith("f.jsonl#3") for p in problems)


def test_ingest_binary_file_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    articles, problems = read_inputs([str(tmp_path / "x.txt")], config=CONFIG)
    assert articles == []
    assert problems[0].error == "binary file, not text"


def test_ingest_missing_path_is_a_problem() -> None:
    articles, problems = read_inputs(["/no/such/place.txt"], config=CONFIG)
    assert articles == []
    assert problems[0].error == "no such file or directory"


def test_ingest_file_over_byte_limit_refused(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_text("word " * 100, encoding="utf-8")
    articles, problems = read_inputs([str(tmp_path / "big.txt")], config=Config(max_file_bytes=100))
    assert articles == []
    assert problems[0].error.startswith("file too large")


def test_ingest_text_over_char_limit_cut_and_reported(tmp_path: Path) -> None:
    text = "\n".join(f"Sentence number {i} of a long story." for i in range(50))
    (tmp_path / "long.txt").write_text(text, encoding="utf-8")
    (article,), problems = read_inputs([str(tmp_path / "long.txt")], config=Config(max_chars=300))
    assert len(article.text) <= 300
    assert article.text.endswith("story.")  # cut at a line break
    assert "cut to" in problems[0].error


def test_ingest_html_without_text_is_a_problem(tmp_path: Path) -> None:
    page = "<html><head><script>var x = 1;</script></head><body><img src='a.png'></body></html>"
    (tmp_path / "empty.html").write_text(page)
    articles, problems = read_inputs([str(tmp_path / "empty.html")], config=CONFIG)
    assert articles == []
    assert "no article text" in problems[0].error


def test_ingest_dates_normalised() -> None:
    assert normalize_date("2025-02-06T18:30:00Z") == "2025-02-06"
    assert normalize_date("06.02.2025") == "2025-02-06"
    assert normalize_date("Thu, 06 Feb 2025 10:00:00 GMT") == "2025-02-06"
    assert normalize_date("February 6th, 2025") == "2025-02-06"
    assert normalize_date("2025-02") == "2025-02"
    assert normalize_date("2025-02-30") is None
    assert normalize_date("soon") is None
    assert url_date("https://x.example/2025/02/06/a-story") == "2025-02-06"
    assert url_date("https://x.example/news/20250206-story") == "2025-02-06"
    assert url_date("https://x.example/id/123456") is None


TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\ufeff")
    | st.sampled_from(["\n", "\r", "\t"]),
    max_size=300,
)


@settings(max_examples=80, deadline=None)
@given(TEXT)
def test_ingest_decode_roundtrips_utf8(text: str) -> None:
    decoded = decode_bytes(text.encode("utf-8"))
    assert "\r" not in decoded
    expected = text.replace("\r\n", "\n").replace("\r", "\n")
    assert decoded == expected.replace("\u2028", "\n").replace("\u2029", "\n")
