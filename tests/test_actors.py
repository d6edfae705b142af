"""Tests for helpers.actors and seeds/actors.yaml: loading, validation messages with line
numbers, safe YAML, mention finding (longest match, case-aware abbreviations), resolving."""
from __future__ import annotations

import hashlib
import textwrap
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers.actors import ActorsError, Gazetteer, load_actors
from helpers.schema import ACTORS, frame
from helpers.text import normalise

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
ACTORS_YAML = SEEDS / "actors.yaml"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def actors():
    return load_actors(ACTORS_YAML)


@pytest.fixture(scope="module")
def gaz(actors):
    return Gazetteer(actors)


def _all_aliases():
    df = load_actors(ACTORS_YAML)
    return [(row.actor_id, alias) for row in df.itertuples()
            for alias in [row.name] + row.aliases.split("; ") if alias]


# --------------------------------------------------------------------------- the seed file
def test_seed_table_shape(actors):
    assert list(actors.columns) == ACTORS
    assert actors["actor_id"].is_unique
    assert set(actors["kind"]) <= {"person", "organization", "government", "group"}
    assert actors[["actor_id", "name", "kind", "affiliation"]].notna().all().all()
    assert len(actors) >= 40


@pytest.mark.parametrize("actor_id, kind, affiliation", [
    ("us_government", "government", "United States"),
    ("north_korea", "government", "North Korea"),
    ("us_dod", "organization", "United States"),
    ("nato", "organization", "NATO"),
    ("lloyd_austin", "person", "United States"),
    ("sabrina_singh", "person", "United States"),
    ("yoshimasa_hayashi", "person", "Japan"),
    ("maria_zakharova", "person", "Russia"),
    ("western_countries", "group", "West"),
    ("al_jazeera", "organization", "Media"),
])
def test_seed_actor_conventions(gaz, actor_id, kind, affiliation):
    actor = gaz.get(actor_id)
    assert (actor["kind"], actor["affiliation"]) == (kind, affiliation)


@pytest.mark.parametrize("actor_id, alias", _all_aliases())
def test_every_alias_resolves_and_is_found_whole(gaz, actor_id, alias):
    assert gaz.resolve(alias) == actor_id
    found = gaz.find_mentions(f"Menurut {alias}, pasukan tiba.")
    assert [(m["actor_id"], m["surface"]) for m in found] == [(actor_id, alias)]


def test_every_seed_mention_has_exact_offsets(gaz):
    for path in sorted(SEEDS.glob("*.txt")):
        text = normalise(path.read_text(encoding="utf-8"))
        found = gaz.find_mentions(text)
        assert found, path.name
        prev_end = 0
        for m in found:
            assert prev_end <= m["start"] < m["end"]
            assert text[m["start"]:m["end"]] == m["surface"]
            prev_end = m["end"]


def test_loading_never_modifies_the_seed_file():
    before = _digest(ACTORS_YAML)
    load_actors(ACTORS_YAML)
    Gazetteer.from_path(ACTORS_YAML).find_mentions("AS dan Korut")
    assert _digest(ACTORS_YAML) == before


# --------------------------------------------------------------------------- finding mentions
@pytest.mark.parametrize("text, expected", [
    ("Amerika Serikat (AS) mengklaim punya bukti.", [("Amerika Serikat", "us_government"), ("AS", "us_government")]),
    ("Sekutu AS menolak.", [("AS", "us_government")]),
    ("Rodanya berputar pada as roda.", []),               # Indonesian "as" (axle)
    ("As roda itu patah.", []),                          # capitalised at sentence start
    ("Kasus ini dan ASEAN tidak terkait.", []),          # inside words
    ("Juru bicara Pentagon Sabrina Singh berkata.", [("Juru bicara Pentagon", "sabrina_singh"),
                                                    ("Sabrina Singh", "sabrina_singh")]),
    ("Kementerian Pertahanan AS atau Pentagon.", [("Kementerian Pertahanan AS", "us_dod"),
                                                  ("Pentagon", "us_dod")]),
    ("Presiden Yoon mengecam.", [("Presiden Yoon", "yoon_suk_yeol")]),
    ("Kim Jong Un dan Kim Jong-un", [("Kim Jong Un", "kim_jong_un"), ("Kim Jong-un", "kim_jong_un")]),
    ("Amerika Serikat dan sekutu NATO-nya", [("Amerika Serikat", "us_government"), ("NATO", "nato")]),
    ("sikap Rusianya berubah", [("Rusia", "russia")]),
    ("Putinisme dan Singhal bukan nama.", []),
    ("KORUT DAN KORSEL", [("KORUT", "north_korea"), ("KORSEL", "south_korea")]),
    ("Zelensky, Zelenskiy dan Zelenskyy", [("Zelensky", "volodymyr_zelenskyy"),
                                           ("Zelenskiy", "volodymyr_zelenskyy"),
                                           ("Zelenskyy", "volodymyr_zelenskyy")]),
    ("pejabat intelijen Korea Selatan mengatakan", [("pejabat intelijen Korea Selatan", "south_korea_nis")]),
    ("ke arah barat Rusia", [("Rusia", "russia")]),      # "barat" (west) is no actor
])
def test_find_mentions(gaz, text, expected):
    got = [(m["surface"], m["actor_id"]) for m in gaz.find_mentions(text)]
    assert got == expected


def test_yoon_variants(gaz):
    got = [(m["surface"], m["actor_id"]) for m in gaz.find_mentions("Yoon Suk-yeol atau Yoon Suk Yeol")]
    assert got == [("Yoon Suk-yeol", "yoon_suk_yeol"), ("Yoon Suk Yeol", "yoon_suk_yeol")]


# --------------------------------------------------------------------------- resolving
@pytest.mark.parametrize("phrase, actor_id", [
    ("juru bicara Pentagon Sabrina Singh", "sabrina_singh"),
    ("Juru bicara keamanan nasional Gedung Putih, John Kirby,", "john_kirby"),
    ("Kepala intelijen utama Korea Selatan", "cho_tae_yong"),
    ("pejabat intelijen Korea Selatan", "south_korea_nis"),
    ("Menteri Pertahanan AS, Lloyd Austin", "lloyd_austin"),
    ("Presiden Korea Selatan Yoon Suk Yeol", "yoon_suk_yeol"),
    ("Yoshimasa", "yoshimasa_hayashi"),
    ("Kementerian Luar Negeri Jerman", "germany_foreign_office"),
    ("Badan Intelijen Nasional Korea Selatan", "south_korea_nis"),
    ("seorang pejabat Kementerian Luar Negeri Korea Utara", "north_korea_mfa"),
    ("Kirby dari Gedung Putih", "john_kirby"),        # a person before a longer organisation
    ("pejabat Gedung Putih dan Pentagon", "us_white_house"),  # else the longest mention
    ("Gedung Putih", "us_white_house"),
    ("Moskow", "russia"),
    ("Kyiv", "ukraine"),
    ("Rusianya", "russia"),
    ("AS", "us_government"),
    ("as", None),
    ("dia", None),
    ("Andrii Sybiha's office", "andrii_sybiha"),
    ("seorang pejabat tinggi pemerintah", None),
    ("", None),
])
def test_resolve(gaz, phrase, actor_id):
    assert gaz.resolve(phrase) == actor_id


def test_get(gaz):
    assert gaz.get("sabrina_singh") == {
        "actor_id": "sabrina_singh", "name": "Sabrina Singh", "kind": "person",
        "role": "Pentagon deputy press secretary", "affiliation": "United States"}
    assert gaz.get("nobody") is None


@pytest.mark.parametrize("table", [None, frame([], "actors")])
def test_empty_gazetteer(table):
    gaz = Gazetteer(table)
    assert gaz.find_mentions("Amerika Serikat (AS) dan Rusia") == []
    assert gaz.resolve("AS") is None
    assert gaz.get("us_government") is None
    assert len(gaz) == 0


def test_gazetteer_from_a_table_without_aliases():
    df = frame([{"actor_id": "a", "name": "Alpha Beta", "kind": "person", "affiliation": "X"}], "actors")
    gaz = Gazetteer(df)
    assert [m["surface"] for m in gaz.find_mentions("Alpha-Beta dan alpha beta")] == ["Alpha-Beta", "alpha beta"]
    assert gaz.get("a")["role"] is None


def test_gazetteer_refuses_an_alias_naming_two_actors():
    df = frame([
        {"actor_id": "a", "name": "Alpha", "kind": "person", "affiliation": "X", "aliases": "Al"},
        {"actor_id": "b", "name": "Beta", "kind": "person", "affiliation": "X", "aliases": "al"},
    ], "actors")
    with pytest.raises(ActorsError, match="'al'.*'a'.*'b'|names both"):
        Gazetteer(df)


# --------------------------------------------------------------------------- malformed files
GOOD = """\
actors:
  - id: us_government
    name: United States
    kind: government
    affiliation: United States
    aliases: [AS, Amerika Serikat]
"""


def _write(tmp_path, body, name="actors.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def test_minimal_file_loads(tmp_path):
    df = load_actors(_write(tmp_path, GOOD))
    assert df.loc[0, "aliases"] == "United States; AS; Amerika Serikat"
    assert pd.isna(df.loc[0, "role"])


def test_empty_actor_list_loads(tmp_path):
    df = load_actors(_write(tmp_path, "actors: []\n"))
    assert list(df.columns) == ACTORS and df.empty
    assert Gazetteer(df).find_mentions("AS") == []


@pytest.mark.parametrize("body, message", [
    ("actors:\n  - id: a\n    name: [unclosed\n    kind: person\n", r"actors\.yaml line \d+: invalid YAML"),
    (GOOD + "  - name: Russia\n    kind: government\n    affiliation: Russia\n",
     r"actors\.yaml line 7: actor is missing required key 'id'"),
    (GOOD + "  - id: russia\n    name: Russia\n    kind: country\n    affiliation: Russia\n",
     r"actors\.yaml line 9: unknown kind 'country'"),
    (GOOD + "  - id: us_government\n    name: USA\n    kind: government\n    affiliation: US\n",
     r"actors\.yaml line 7: duplicate id 'us_government' \(first at line 2\)"),
    (GOOD + "  - id: austin\n    name: Lloyd Austin\n    kind: person\n    affiliation: US\n"
            "    aliases:\n      - Austin\n      - amerika serikat\n",
     r"actors\.yaml line 13: alias 'amerika serikat' of 'austin' already names 'us_government' \(line 6\)"),
    (GOOD + "  - id: x\n    name: X Corp\n    kind: organization\n    affiliation: US\n"
            "    aliases: [NO]\n",
     r"actors\.yaml line 11: alias False must be text .*quote it"),
    (GOOD + "  - id: x\n    name: X Corp\n    kind: organization\n    affiliation: US\n"
            "    alias: [X Co]\n",
     r"actors\.yaml line 11: unknown key 'alias'"),
    (GOOD + "  - id: Bad-Id\n    name: X\n    kind: person\n    affiliation: US\n",
     r"actors\.yaml line 7: id 'Bad-Id' must be lower case"),
    (GOOD + "roles: []\n", r"actors\.yaml line 7: unknown top-level key 'roles'"),
    (GOOD + "actors: []\n", r"actors\.yaml line 7: key 'actors' appears twice \(first at line 1\)"),
    (GOOD + "    aliases: [USA]\n", r"actors\.yaml line 7: key 'aliases' appears twice \(first at line 6\)"),
    (GOOD + "  - [not, a, mapping]\n", r"actors\.yaml line 7: each actor must be a mapping"),
    (GOOD + "  - id: x\n    name: X\n    kind: person\n    affiliation: US\n    aliases: Xavier\n",
     r"actors\.yaml line 11: aliases must be a list"),
    ("- id: a\n", r"actors\.yaml line 1: expected a top-level mapping with an 'actors:' list"),
    ("", r"actors\.yaml: expected a top-level mapping"),
    ("actors:\n  - !!python/object/apply:os.getcwd []\n", r"actors\.yaml line 2: invalid YAML: .*python/object"),
    ("actors: !!python/object:collections.OrderedDict {}\n", r"actors\.yaml line 1: invalid YAML"),
])
def test_malformed_files_name_the_line(tmp_path, body, message):
    path = _write(tmp_path, body)
    before = _digest(path)
    with pytest.raises(ActorsError, match=message):
        load_actors(path)
    assert _digest(path) == before  # never modified


def test_missing_file(tmp_path):
    with pytest.raises(ActorsError, match=r"actors\.yaml: file not found"):
        load_actors(tmp_path / "actors.yaml")


def test_not_utf8(tmp_path):
    path = tmp_path / "actors.yaml"
    path.write_bytes(GOOD.encode("utf-8") + b"  # caf\xe9\n")
    with pytest.raises(ActorsError, match=r"actors\.yaml: not UTF-8"):
        load_actors(path)


def test_message_uses_the_file_name(tmp_path):
    path = _write(tmp_path, "actors: 3\n", name="my_actors.yaml")
    with pytest.raises(ActorsError, match=r"^my_actors\.yaml line 1: 'actors' must be a list"):
        load_actors(path)


def test_gazetteer_survives_pickling(gaz):
    import pickle  # annotate(jobs>1) ships the gazetteer to worker processes

    text = "Juru bicara Pentagon Sabrina Singh dan AS, bukan as roda."
    assert pickle.loads(pickle.dumps(gaz)).find_mentions(text) == gaz.find_mentions(text)


_PIECES = ["AS", "as", " ", "-", "nya", "Korea", "Utara", "Selatan", "Pentagon", "juru bicara",
           "Kim", "Jong", "un", ",", ".", "Rusia", "\n", "“", "Yoon", "Suk", "Yeol", "x"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_mentions_are_ordered_exact_and_case_aware(gaz, text):
    prev_end = 0
    for m in gaz.find_mentions(text):
        assert prev_end <= m["start"] < m["end"] <= len(text)
        assert text[m["start"]:m["end"]] == m["surface"]
        assert gaz.resolve(m["surface"]) == m["actor_id"]
        assert m["surface"].lower() != "as" or m["surface"] == "AS"
        prev_end = m["end"]


@pytest.mark.parametrize("prefix, expected", [
    ("000", {"lin_jian", "lloyd_austin", "john_kirby", "south_korea_nis", "volodymyr_zelenskyy",
             "united_kingdom", "mark_rutte", "yoon_suk_yeol", "germany", "north_korea"}),
    ("001", {"kim_jong_un", "farah_dakhlallah", "cnn", "politico", "north_atlantic_council",
             "germany_foreign_office", "vladimir_putin", "ukraine_intelligence", "cho_tae_yong",
             "us_white_house", "south_korea_nis", "western_countries"}),
    ("002", {"us_dod", "sabrina_singh", "al_jazeera", "yoon_suk_yeol", "yoshimasa_hayashi",
             "afp", "japan"}),
    ("003", {"north_korea_mfa", "sergey_lavrov", "antony_blinken", "yonhap", "andrii_sybiha",
             "ukraine", "russia"}),
    ("004", {"cna", "north_korea_state_media", "maria_zakharova", "south_korea"}),
])
def test_seed_articles_name_their_actors(gaz, prefix, expected):
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    found = {m["actor_id"] for m in gaz.find_mentions(normalise(path.read_text(encoding="utf-8")))}
    assert expected <= found, expected - found


# --------------------------------------------------------------------------- reliability (issue 14)
import unicodedata  # noqa: E402

import yaml  # noqa: E402

from helpers import actors as actors_mod  # noqa: E402

ZEL = [dict(actor_id="zelensky", name="Volodymyr Zelenský", kind="person", affiliation="Ukraine",
            aliases="Zelenský; Presiden Zelenský")]


@pytest.mark.parametrize("alias_form, text_form", [("NFC", "NFD"), ("NFD", "NFC"), ("NFD", "NFD")])
def test_a_combining_accent_does_not_stop_an_alias_match(alias_form, text_form):
    table = frame([{k: (unicodedata.normalize(alias_form, v) if isinstance(v, str) else v)
                    for k, v in r.items()} for r in ZEL], "actors")
    text = unicodedata.normalize(text_form, "Kata Presiden Zelenský di Kyiv, lalu Zelenský pergi.")
    assert text_form == "NFC" or "y\u0301" in text  # the accent is a separate character
    found = Gazetteer(table).find_mentions(text)
    assert [m["actor_id"] for m in found] == ["zelensky", "zelensky"]
    for m in found:  # offsets and surfaces are into the text as given
        assert text[m["start"]:m["end"]] == m["surface"]
    assert unicodedata.normalize("NFC", found[1]["surface"]) == "Zelenský"
    assert Gazetteer(table).resolve(unicodedata.normalize(text_form, "Presiden Zelenský")) == "zelensky"


def test_a_decomposed_alias_in_actors_yaml_is_stored_composed(tmp_path):
    body = GOOD + ("  - id: zelensky\n    name: Volodymyr Zelensky\u0301\n    kind: person\n"
                   "    affiliation: Ukraine\n    aliases: [Zelensky\u0301]\n")
    df = load_actors(_write(tmp_path, body))
    assert df.set_index("actor_id").loc["zelensky", "aliases"] == "Volodymyr Zelenský; Zelenský"


def test_an_unchanged_actors_yaml_is_parsed_once(tmp_path, monkeypatch):
    path = _write(tmp_path, GOOD + f"# {tmp_path.name}\n")  # bytes no other test loaded
    calls = []
    real = actors_mod._parse_actors
    monkeypatch.setattr(actors_mod, "_parse_actors", lambda *a: calls.append(a) or real(*a))
    first = load_actors(path)
    first.loc[0, "name"] = "changed by a caller"  # a caller's edit must not reach the cache
    second = load_actors(path)
    assert len(calls) == 1 and second.loc[0, "name"] == "United States"
    path.write_text(GOOD.replace("Amerika Serikat", "Amrik") + f"# {tmp_path.name}\n", encoding="utf-8")
    assert "Amrik" in load_actors(path).loc[0, "aliases"] and len(calls) == 2  # edited: read again


def test_a_gazetteer_is_compiled_once_per_table(actors, monkeypatch):
    calls = []
    real = actors_mod.Gazetteer._compile
    monkeypatch.setattr(actors_mod.Gazetteer, "_compile", lambda self, df: calls.append(1) or real(self, df))
    table = actors.copy()
    table.loc[0, "aliases"] = table.loc[0, "aliases"] + "; Alias Baru Sekali"
    g1, g2 = Gazetteer(table), Gazetteer(table.copy())
    assert len(calls) == 1
    assert g1.find_mentions("kata Alias Baru Sekali") == g2.find_mentions("kata Alias Baru Sekali") != []
    Gazetteer(actors.iloc[1:])
    assert len(calls) == 2


def test_yaml_is_parsed_with_libyaml_and_still_safely(tmp_path):
    if getattr(yaml, "__with_libyaml__", False):
        assert actors_mod._SAFE_LOADER is yaml.CSafeLoader
    assert issubclass(actors_mod._SAFE_LOADER, yaml.constructor.SafeConstructor)
    path = _write(tmp_path, "actors:\n  - !!python/object/apply:os.system ['echo unsafe']\n")
    with pytest.raises(ActorsError, match="invalid YAML"):
        load_actors(path)
