"""charts: builders tested through to_dict(); pure data helpers tested on small frames.

The data helpers live in ``helpers.chartdata``, the theme and palettes in ``helpers.chartstyle``,
the estimates timeline in ``helpers.timeline``; every public name is used here as ``c.<name>``,
which ``helpers.charts`` re-exports."""
import inspect
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from helpers import chartdata, chartstyle, timeline
from helpers import charts as c
from helpers.schema import frame

from builders import est_row


@pytest.fixture
def est():
    return frame([
        est_row(article_id="a", value=3000, qualifier="at_least", as_of="2024-10-23", repeat_group="g1",
                sentence="setidaknya 3.000 <b>pasukan</b>"),
        est_row(article_id="b", value=3000, qualifier="at_least", as_of="2024-10-24", repeat_group="g1"),
        est_row(article_id="c", value=10000, low=8000, high=12000, qualifier="about", as_of="2024-10-28",
                repeat_group="g2", start=40, end=50),
        est_row(article_id="c", value=12000, category="planned", claimant="Ukraine", affiliation="Ukraine",
                as_of="2024-10-20", start=60, end=70),
        est_row(article_id="d", value=1500, claimant="South Korea", affiliation="South Korea",
                as_of="2024-10-18"),
        est_row(article_id="d", value=11000, qualifier="vague", claimant=None, affiliation=None,
                as_of=None, start=80, end=90),
    ], "estimates")


@pytest.fixture
def articles():
    return frame([dict(article_id=a, outlet=o, published=p, title="T", text="x") for a, o, p in
                  [("a", "Suara", "2024-10-23"), ("b", "Kompas", "2024-10-24"),
                   ("c", "Tempo", "2024-10-28"), ("d", "CNN Indonesia", "2024-10-19")]], "articles")


@pytest.fixture
def st():
    rows = [("Lloyd Austin", "United States", True, "direct", "warns", "a", "r1"),
            ("Lloyd Austin", "United States", True, "indirect", "warns", "b", "r1"),
            ("Lloyd Austin", "United States", True, "direct", "confirms", "c", None),
            ("John Kirby", "United States", True, "direct", "confirms", "c", None),
            ("Lin Jian", "China", True, "indirect", "denies", "a", None),
            ("Andrii Sybiha", None, False, "direct", "condemns", "d", None),
            ("Andrii Sybiha", None, False, "indirect", "other", "c", None),
            ("Pejabat X", None, False, "indirect", "other", "c", None)]
    return frame([dict(statement_id=f"{a}:s:{i}-{i + 9}", article_id=a, speaker=s, affiliation=f,
                       listed=l, kind=k, stance=stn, text="t", sentence=f"kalimat {i}", start=i,
                       end=i + 9, stated_on=f"2024-10-2{i}", repeat_group=g)
                  for i, (s, f, l, k, stn, a, g) in enumerate(rows)], "statements")


def walk_encodings(spec):
    """Every encoding channel definition in a (possibly layered) spec."""
    for unit in spec.get("layer", [spec]):
        for ch, enc in unit.get("encoding", {}).items():
            for e in enc if isinstance(enc, list) else [enc]:
                yield ch, e
                if "condition" in e and isinstance(e["condition"], dict):
                    yield ch, e["condition"]


def assert_typed(spec):
    n = 0
    for ch, e in walk_encodings(spec):
        if ("field" in e or "aggregate" in e) and ch not in ("x2", "y2"):  # secondary: no type in VL
            assert "type" in e, (ch, e)
            assert e["type"] in ("quantitative", "nominal", "temporal", "ordinal"), (ch, e)
            n += 1
    assert n > 0


def values(spec):
    if "values" in spec["data"]:
        return spec["data"]["values"]
    return spec["datasets"][spec["data"]["name"]]


def main(spec):
    """The dated, layered part of a timeline (an undated side panel may follow it)."""
    return spec if "layer" in spec else spec["hconcat"][0]


def layer_with(spec, channel):
    return [u for u in main(spec)["layer"] if channel in u.get("encoding", {})]


# ----------------------------------------------------------------------- data helpers
def test_revision_table_us_3000_to_10000(est):
    rev = c.revision_table(est)
    assert len(rev) == 1
    r = rev.iloc[0]
    assert (r["claimant"], r["from"], r["to"], r["factor"]) == ("United States", 3000, 10000, 3.33)
    assert r["from_date"] == pd.Timestamp("2024-10-23") and r["to_date"] == pd.Timestamp("2024-10-28")
    assert r["sources"] == "c"


def test_revision_table_uses_outlets_and_explicit_revises(est, articles):
    e = c.with_outlet(est, articles)
    e.loc[e["value"] == 12000, "revises"] = 6000  # "raised from 6,000" stated in the text
    rev = c.revision_table(e).set_index("claimant")
    assert rev.loc["United States", "sources"] == "Tempo"
    assert rev.loc["Ukraine", "from"] == 6000 and rev.loc["Ukraine", "factor"] == 2.0
    assert pd.isna(rev.loc["Ukraine", "from_date"])


@pytest.mark.parametrize("vals,expected", [
    ([3000, 3000, 3000], 0),          # repeated figure: no revision
    ([3000, 10000, 10000], 1),
    ([3000, 10000, 5000], 2),         # raised then lowered
])
def test_revision_table_counts_changes(vals, expected):
    e = frame([est_row(article_id=f"x{i}", value=v, as_of=f"2024-10-1{i}") for i, v in enumerate(vals)],
              "estimates")
    assert len(c.revision_table(e)) == expected


def test_revision_table_does_not_mix_categories():
    e = frame([est_row(article_id="x", value=3000, as_of="2024-10-10"),
               est_row(article_id="y", value=10000, category="planned", as_of="2024-10-11")], "estimates")
    assert c.revision_table(e).empty


def test_revision_table_empty_has_columns():
    rev = c.revision_table(frame([], "estimates"))
    assert list(rev.columns) == ["claimant", "measure", "category", "from", "to", "from_date", "to_date",
                                 "factor", "sources"]


def test_latest_by_claimant(est):
    lat = c.latest_by_claimant(est).set_index("claimant")
    assert lat.loc["United States", "value"] == 10000
    assert lat.loc["Ukraine", "category"] == "planned"
    assert len(lat) == 3  # the figure without a claimant is not anyone's latest


def test_dedupe_reports(est, articles):
    d = c.dedupe_reports(c.with_outlet(est, articles))
    assert len(d) == 5
    g1 = d[d["repeat_group"] == "g1"].iloc[0]
    assert g1["n_reports"] == 2 and g1["article_id"] == "a" and g1["outlets"] == "Kompas; Suara"
    assert (d[d["repeat_group"].isna()]["n_reports"] == 1).all()


def test_dedupe_reports_empty():
    d = c.dedupe_reports(frame([], "statements"))
    assert d.empty and "n_reports" in d


@pytest.mark.parametrize("kw,n", [
    ({}, 6),
    ({"category": "all"}, 6),
    ({"category": "planned"}, 1),
    ({"category": ["deployed", "planned"]}, 6),
    ({"claimants": ["United States"]}, 3),
    ({"claimants": []}, 0),
    ({"qualifiers": ["at_least", "about"]}, 3),
    ({"start": "2024-10-23"}, 3),
    ({"start": "2024-10-20", "end": "2024-10-24"}, 3),
    ({"end": pd.Timestamp("2024-10-17")}, 0),
    ({"end": pd.Timestamp("2024-10-17"), "keep_undated": True}, 1),
    ({"keep_undated": True}, 6),
])
def test_filter_estimates(est, kw, n):
    assert len(c.filter_estimates(est, **kw)) == n


def test_unlisted_speakers(st):
    u = c.unlisted_speakers(st)
    assert u["speaker"].tolist() == ["Andrii Sybiha", "Pejabat X"]
    assert u.iloc[0]["n_statements"] == 2 and u.iloc[0]["n_articles"] == 2
    assert c.unlisted_speakers(st[st["listed"] == True]).empty  # noqa: E712


# ----------------------------------------------------------------------- timeline
@pytest.mark.parametrize("color", ["claimant", "affiliation"])
@pytest.mark.parametrize("mode", ["claims", "reports"])
def test_timeline_typed_and_tooltip(est, articles, color, mode):
    spec = c.estimates_timeline(est, color=color, mode=mode, articles=articles).to_dict()
    for part in spec["hconcat"]:
        for layer in part["layer"]:
            assert_typed(layer)
    spec = main(spec)
    tips = [t["field"] for u in spec["layer"] for t in u.get("encoding", {}).get("tooltip", [])]
    for f in ("claimant", "qualifier", "category", "as_of", "outlets", "sentence"):
        assert f in tips
    assert all(u["encoding"]["color"]["field"] == color for u in spec["layer"])
    json.dumps(spec)


def test_timeline_shapes_lines_and_ranges(est, articles):
    spec = c.estimates_timeline(est, articles=articles).to_dict()
    shape = layer_with(spec, "shape")[0]["encoding"]["shape"]
    assert shape["field"] == "qualifier" and "at_least" in shape["scale"]["domain"]
    assert len(set(shape["scale"]["range"])) == len(shape["scale"]["range"])
    line = [u for u in main(spec)["layer"] if u["mark"]["type"] == "line"][0]
    assert line["encoding"]["detail"]["field"] == "series"
    assert line["encoding"]["order"]["field"] == "as_of"
    rule = [u for u in main(spec)["layer"] if u["mark"]["type"] == "rule"][0]
    assert rule["encoding"]["y2"]["field"] == "high"
    fill = layer_with(spec, "fillOpacity")[0]["encoding"]["fillOpacity"]
    assert "planned" in fill["condition"]["test"] and fill["value"] == 1.0
    rows = values(spec)
    assert {r["series"] for r in rows} == {"United States · deployed", "Ukraine · planned",
                                           "South Korea · deployed", "(unknown) · deployed"}
    assert sorted(r["as_of"] or "" for r in rows)[1:] == ["2024-10-18", "2024-10-20", "2024-10-23", "2024-10-28"]
    assert "<b>pasukan</b>" in " ".join(r["sentence"] for r in rows)  # Vega escapes tooltips itself
    side = json.dumps(spec["hconcat"][1])
    assert '"filter": "!isValid(datum.as_of)"' in side and '"filter": "isValid(datum.as_of)"' in json.dumps(main(spec))
    assert "without a date" in " ".join(spec["title"]["subtitle"])


def test_timeline_without_undated_figures_is_one_layered_chart(est):
    spec = c.estimates_timeline(est[est["as_of"].notna()]).to_dict()
    assert "layer" in spec and "hconcat" not in spec
    assert "without a date" not in " ".join(spec["title"]["subtitle"])


def test_timeline_claims_vs_reports(est):
    claims = values(c.estimates_timeline(est, mode="claims").to_dict())
    reports = values(c.estimates_timeline(est, mode="reports").to_dict())
    assert len(claims) == 5 and len(reports) == 6   # g1 reported twice on different days
    assert max(r["n_reports"] for r in claims) == 2


def test_timeline_rejects_bad_arguments(est):
    with pytest.raises(ValueError, match="color"):
        c.estimates_timeline(est, color="outlet")
    with pytest.raises(ValueError, match="mode"):
        c.estimates_timeline(est, mode="all")


def test_big_frames_stay_small():
    rng = np.random.default_rng(0)
    n = 50_000
    big = frame([{} for _ in range(0)], "estimates")
    big = pd.DataFrame({
        "estimate_id": [f"a{i}:e:0-5" for i in range(n)], "article_id": [f"a{i}" for i in range(n)],
        "value": rng.integers(100, 20000, n).astype(float), "qualifier": rng.choice(c.QUALIFIERS, n),
        "category": rng.choice(c.CATEGORIES, n), "claimant": rng.choice([f"C{i}" for i in range(30)], n),
        "affiliation": rng.choice(["A", "B", "C"], n), "start": 0, "end": 5,
        "as_of": pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 300, n), unit="D"),
        "sentence": ["kalimat yang cukup panjang " * 20] * n, "repeat_group": [f"g{i % 20000}" for i in range(n)],
    })
    big = frame(big.to_dict("records"), "estimates")
    for mode in ("claims", "reports"):
        spec = c.estimates_timeline(big, mode=mode).to_dict()
        assert len(json.dumps(spec)) < 1_000_000
        assert len(values(spec)) <= c.MAX_POINTS
        assert "most-reported" in " ".join(spec["title"]["subtitle"])
    st = frame([{"statement_id": f"s{i}", "article_id": f"a{i % 9000}", "speaker": f"P{i % 700}",
                 "affiliation": f"A{i % 7}", "stance": "other", "kind": "direct", "listed": True,
                 "stated_on": pd.Timestamp("2024-01-01") + pd.Timedelta(days=i % 500)} for i in range(n)],
               "statements")
    for ch in (c.statements_by_actor(st, top_n=10), c.statements_over_time(st)):
        assert len(json.dumps(ch.to_dict())) < 1_000_000


# ----------------------------------------------------------------------- statements charts
def test_statements_by_actor_counts_sorted_and_selectable(st):
    spec = c.statements_by_actor(st).to_dict()
    assert_typed(spec)
    y = spec["encoding"]["y"]
    assert y["sort"][:2] == ["Lloyd Austin", "Andrii Sybiha"]
    assert spec["params"][0]["name"] == "actor"
    assert spec["params"][0]["select"]["fields"] == ["actor"]
    assert spec["encoding"]["opacity"]["condition"]["param"] == "actor"
    rows = values(spec)
    assert sum(r["n"] for r in rows if r["actor"] == "Lloyd Austin") == 3


@pytest.mark.parametrize("kw,actor,n", [
    ({"direct_only": True}, "Lloyd Austin", 2),
    ({"unique_claims": True}, "Lloyd Austin", 2),
    ({"direct_only": True, "unique_claims": True}, "Lloyd Austin", 2),
    ({"by": "affiliation"}, "United States", 4),
    ({"by": "affiliation"}, "(unknown)", 3),
    ({"top_n": 1}, "Lloyd Austin", 3),
])
def test_statements_by_actor_options(st, kw, actor, n):
    rows = values(c.statements_by_actor(st, **kw).to_dict())
    assert sum(r["n"] for r in rows if r["actor"] == actor) == n


def test_statements_by_actor_top_n_and_stack(st, articles):
    rows = values(c.statements_by_actor(st, top_n=2).to_dict())
    assert {r["actor"] for r in rows} == {"Lloyd Austin", "Andrii Sybiha"}
    spec = c.statements_by_actor(st, stack="outlet", articles=articles).to_dict()
    assert {r["part"] for r in values(spec)} >= {"Suara", "Tempo"}
    with pytest.raises(ValueError):
        c.statements_by_actor(st, by="outlet")


def test_statements_over_time(st):
    spec = c.statements_over_time(st).to_dict()
    assert_typed(spec)
    assert spec["encoding"]["x"]["type"] == "temporal"
    assert sum(r["n"] for r in values(spec)) == len(st)


def test_corpus_overview(articles, st, est):
    spec = c.corpus_overview(articles, st, est).to_dict()
    assert_typed(spec)
    rows = values(spec)
    assert len(rows) == 2 * len(articles)
    got = {(r["article_id"], r["measure"]): r["n"] for r in rows}
    assert got[("c", "statements")] == 4 and got[("d", "estimates")] == 2


def test_specs_are_strict_json_without_nan(est, articles, st):
    arts = articles.copy()
    arts.loc[0, "title"] = pd.NA
    arts.loc[1, "outlet"] = pd.NA
    for ch in (c.estimates_timeline(est, articles=arts), c.statements_by_actor(st),
               c.statements_over_time(st), c.corpus_overview(arts, st, est)):
        json.dumps(ch.to_dict(), allow_nan=False)  # the widget refuses NaN


def test_empty_frames_give_valid_charts(articles):
    e0, s0 = frame([], "estimates"), frame([], "statements")
    empty = {"timeline": c.estimates_timeline(e0), "by_actor": c.statements_by_actor(s0),
             "over_time": c.statements_over_time(s0),
             "overview": c.corpus_overview(frame([], "articles"), s0, e0)}
    for name, ch in empty.items():
        spec = ch.to_dict()
        json.dumps(spec, allow_nan=False)  # what the widget accepts
        assert values(spec) == [], name
        assert_typed(main(spec) if name == "timeline" else spec)
    subtitle = lambda ch: " ".join(ch.to_dict()["title"]["subtitle"])  # noqa: E731
    assert "no figures match" in subtitle(empty["timeline"])
    assert "no statements match" in subtitle(empty["by_actor"])
    assert subtitle(empty["overview"]).startswith("0 article(s), 0 statement(s), 0 estimate(s)")
    rows = values(c.corpus_overview(articles, s0, e0).to_dict())  # articles, nothing found in them
    assert len(rows) == 2 * len(articles) and {r["n"] for r in rows} == {0}


def test_affiliation_colours_are_stable(est):
    a = c.estimates_timeline(est, color="affiliation").to_dict()
    b = c.estimates_timeline(est[est["claimant"] == "United States"], color="affiliation").to_dict()

    def colour(spec, name):
        sc = main(spec)["layer"][0]["encoding"]["color"]["scale"]
        return sc["range"][sc["domain"].index(name)]
    assert colour(a, "United States") == colour(b, "United States") == c.color_for("United States")
    assert c.color_for(None) == c.UNKNOWN_COLOR


def test_save_chart_writes_png_and_csv(tmp_path, est):
    ch = c.estimates_timeline(est)
    png, csv = c.save_chart(ch, None, tmp_path, "timeline")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    data = pd.read_csv(csv)
    assert len(data) == 5 and "sentence" in data


def test_prepare_fills_missing_dates_from_published(est, articles):
    e = est.copy()
    e.loc[0, "as_of"] = pd.NaT
    p = c.prepare(e, articles)
    assert p.loc[0, "as_of"] == pd.Timestamp("2024-10-23") and p.loc[0, "date_source"] == "published"
    assert p.loc[2, "as_of"] == pd.Timestamp("2024-10-28") and pd.isna(p.loc[2, "date_source"])
    assert p["outlet"].tolist()[:3] == ["Suara", "Kompas", "Tempo"]


@pytest.mark.parametrize("actor,by,n", [("Lloyd Austin", "speaker", 3), ("(unknown)", "affiliation", 3),
                                        ("Nobody", "speaker", 0)])
def test_actor_statements(st, actor, by, n):
    assert len(c.actor_statements(st, actor, by)) == n


@pytest.mark.parametrize("start,end,n", [(None, None, 8), ("2024-10-23", None, 5), (None, "2024-10-21", 2),
                                         ("2024-10-22", "2024-10-22", 1), ("2025-01-01", None, 0)])
def test_filter_statements(st, start, end, n):
    assert len(c.filter_statements(st, start, end)) == n


def test_revision_table_skips_undated_order_but_keeps_stated_revisions():
    e = frame([est_row(article_id="x", value=10000, as_of=None, revises=3000),
               est_row(article_id="y", value=3000, as_of=None)], "estimates")
    rev = c.revision_table(e)
    assert rev[["from", "to"]].values.tolist() == [[3000, 10000]]


def test_static_svg_has_no_script(est):
    svg = c.static(c.estimates_timeline(est)).data
    assert svg.lstrip().startswith("<svg") and "<script" not in svg


# ----------------------------------------------------------------------- measures (any story)
# An earthquake, written here: what a disaster story counts is not troops.
QUAKE = [  # measure, value, claimant, as_of, sentence
    ("killed", 56, "BNPB", "2022-11-21", "BNPB mencatat 56 orang meninggal dunia akibat gempa."),
    ("killed", 162, "BNPB", "2022-11-22", "Korban meninggal bertambah menjadi 162 orang, kata BNPB."),
    ("killed", 268, "BNPB", "2022-11-23", "BNPB memperbarui jumlah korban meninggal menjadi 268 orang."),
    ("killed", 310, "Gubernur Jawa Barat", "2022-11-23", "Gubernur menyebut 310 warga tewas."),
    ("injured", 700, "BNPB", "2022-11-21", "Sebanyak 700 orang luka-luka dirawat di rumah sakit."),
    ("missing", 151, "Basarnas", "2022-11-22", "Basarnas masih mencari 151 korban hilang."),
    ("displaced", 5389, "BNPB", "2022-11-21", "Sebanyak 5.389 pengungsi tersebar di 14 titik."),
    ("displaced", 58362, "BNPB", "2022-11-23", "Jumlah pengungsi naik menjadi 58.362 jiwa."),
    ("damaged", 2272, "BNPB", "2022-11-21", "Sebanyak 2.272 rumah rusak berat."),
]
QUAKE_LABELS = {"killed": "Killed", "injured": "Injured", "missing": "Missing",
                "displaced": "Displaced / evacuated", "damaged": "Houses damaged"}


@pytest.fixture
def quake():
    return frame([est_row(article_id=f"q{i}", measure=m, value=v, category="reported", unit="orang",
                          claimant=who, affiliation="Indonesia", as_of=d, sentence=s, start=10 * i,
                          end=10 * i + 5)
                  for i, (m, v, who, d, s) in enumerate(QUAKE)], "estimates")


def parts(spec):
    """The per-measure charts of a timeline (the chart itself when it has one measure)."""
    return spec["vconcat"] if "vconcat" in spec else [spec]


def part_values(part, spec):
    """The rows one part of a stacked chart plots (Altair moves them into ``datasets``)."""
    data = part.get("data") or {}
    return data["values"] if "values" in data else spec["datasets"][data["name"]]


def test_timeline_of_one_measure_takes_its_label_and_never_says_troops(quake):
    spec = c.estimates_timeline(c.of_measure(quake, "killed"), labels=QUAKE_LABELS).to_dict()
    assert "vconcat" not in spec
    assert main(spec)["layer"][0]["encoding"]["y"]["title"] == "Killed"
    assert spec["title"]["text"] == "Killed: claimed figures over time"
    assert "troop" not in json.dumps(spec).lower()
    assert {r["measure"] for r in values(spec)} == {"killed"}


def test_timeline_never_puts_two_measures_on_one_axis(quake):
    spec = c.estimates_timeline(quake, labels=QUAKE_LABELS).to_dict()
    charts_ = parts(spec)
    assert len(charts_) == 5  # killed, displaced, damaged, injured, missing: one chart each
    seen = []
    for part in charts_:
        rows = part_values(part, spec)
        assert len({r["measure"] for r in rows}) == 1          # one measure per chart ...
        seen.append(rows[0]["measure"])
        assert main(part)["layer"][0]["encoding"]["y"]["title"] == QUAKE_LABELS[rows[0]["measure"]]
    assert seen == ["killed", "displaced", "damaged", "injured", "missing"]  # most figures first
    assert spec["resolve"]["scale"]["y"] == "independent"       # ... each on its own axis
    assert "troop" not in json.dumps(spec).lower()
    assert_typed(main(charts_[0]))
    json.dumps(spec, allow_nan=False)


def test_timeline_labels_from_the_story_profile(tmp_path, quake):
    from helpers.profile import load_profile

    (tmp_path / "story.yaml").write_text(
        "story: Gempa Cianjur\nextends: default\nmeasures:\n"
        "  - id: damaged\n    label: Houses damaged\n    requires_cue: true\n"
        "    units: {id: [rumah]}\n    cues: {id: [rusak]}\n", encoding="utf-8")
    profile = load_profile(tmp_path)
    spec = c.estimates_timeline(c.of_measure(quake, "damaged"), labels=profile).to_dict()
    assert main(spec)["layer"][0]["encoding"]["y"]["title"] == "Houses damaged"
    assert c.measure_label("killed", profile) == "Killed"  # from the default profile it extends


@pytest.mark.parametrize("measure, labels, expected", [
    ("killed", {"killed": "Deaths"}, "Deaths"),
    ("displaced", None, "Displaced / evacuated"),  # the default profile's label
    ("ships_sunk", None, "Ships sunk"),            # unknown to every profile: the id, readable
    (None, None, c.GENERIC_LABEL),
    (c.UNKNOWN, {"killed": "Deaths"}, c.GENERIC_LABEL),
])
def test_measure_label(measure, labels, expected):
    assert c.measure_label(measure, labels) == expected


def test_reported_figures_are_solid_and_planned_stay_hollow(quake, est):
    spec = c.estimates_timeline(c.of_measure(quake, "displaced"), labels=QUAKE_LABELS).to_dict()
    dash = [u for u in main(spec)["layer"] if u["mark"]["type"] == "line"][0]["encoding"]["strokeDash"]
    assert dash["scale"] == {"domain": ["reported"], "range": [[1, 0]]} and dash["legend"] is None
    assert "hollow" not in " ".join(spec["title"]["subtitle"])
    fill = layer_with(spec, "fillOpacity")[0]["encoding"]["fillOpacity"]
    assert "reported" not in fill["condition"]["test"]          # filled
    troops = c.estimates_timeline(est.assign(measure="troops")).to_dict()
    dash = [u for u in main(troops)["layer"] if u["mark"]["type"] == "line"][0]["encoding"]["strokeDash"]
    assert dict(zip(dash["scale"]["domain"], map(tuple, dash["scale"]["range"]))) == {
        "deployed": (1, 0), "planned": (6, 3)}
    assert "hollow points, dashed lines: planned figures" in troops["title"]["subtitle"]
    assert main(troops)["layer"][0]["encoding"]["y"]["title"] == "Troops / personnel"


def test_timeline_of_several_measures_saves_one_png_and_all_its_data(tmp_path, quake):
    ch = c.estimates_timeline(quake, labels=QUAKE_LABELS)
    data = c.chart_data(ch)
    assert len(data) == len(QUAKE) and set(data["measure"]) == set(QUAKE_LABELS)
    png, csv = c.save_chart(ch, None, tmp_path, "timeline")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(pd.read_csv(csv)) == len(QUAKE)


def test_revisions_are_per_claimant_and_measure(quake):
    # BNPB's killed 56 -> 162 -> 268 and displaced 5,389 -> 58,362; never killed -> injured
    d = pd.concat([quake, frame([est_row(article_id="z", measure="injured", value=300, category="reported",
                                         claimant="BNPB", as_of="2022-11-24")], "estimates")],
                  ignore_index=True)
    rev = c.revision_table(d)
    got = sorted(zip(rev["measure"], rev["from"], rev["to"]))
    assert got == [("displaced", 5389, 58362), ("injured", 700, 300), ("killed", 56, 162), ("killed", 162, 268)]
    assert rev["category"].unique().tolist() == ["reported"]


def test_a_claimant_with_two_measures_on_one_day_is_not_a_revision():
    e = frame([est_row(article_id="x", measure="killed", value=56, category="reported", as_of="2022-11-21"),
               est_row(article_id="y", measure="injured", value=700, category="reported", as_of="2022-11-22")],
              "estimates")
    assert c.revision_table(e).empty


def test_latest_figure_per_claimant_and_measure(quake):
    lat = c.latest_by_claimant(quake)
    got = {(r.claimant, r.measure): r.value for r in lat.itertuples()}
    assert got == {("BNPB", "killed"): 268, ("Gubernur Jawa Barat", "killed"): 310, ("BNPB", "injured"): 700,
                   ("Basarnas", "missing"): 151, ("BNPB", "displaced"): 58362, ("BNPB", "damaged"): 2272}


@pytest.mark.parametrize("measure, n", [("killed", 4), (["killed", "injured"], 5), ("all", 9), (None, 9),
                                        ("troops", 0)])
def test_filter_estimates_by_measure(quake, measure, n):
    assert len(c.filter_estimates(quake, measure=measure)) == n


def test_measure_order_and_of_measure(quake):
    assert c.measure_order(quake) == ["killed", "displaced", "damaged", "injured", "missing"]
    assert len(c.of_measure(quake, "displaced")) == 2 and len(c.of_measure(quake, None)) == len(quake)
    assert c.measure_order(quake.drop(columns="measure")) == []


@pytest.mark.parametrize("module", [chartdata, chartstyle, timeline])
def test_charts_re_exports_every_public_name_of_the_chart_modules(module):
    public = [n for n, v in vars(module).items()
              if not n.startswith("_") and not inspect.ismodule(v) and n != "annotations"]
    assert len(public) > 2 and [n for n in public if getattr(c, n, None) is not getattr(module, n)] == []


def test_the_data_helpers_load_no_altair():
    code = "import sys, helpers.chartdata; print('altair' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[1]).stdout.strip()
    assert out == "False"


@pytest.mark.parametrize("days, fmt", [
    (["2025-11-26", "2025-12-18"], "%d %b"),
    (["2023-03-04", "2033-03-16"], "%d %b %Y"),   # a typo'd year in one article: the axis says so
    (["2024-12-30", "2025-01-02"], "%d %b %Y"),   # across new year
    ([], "%d %b"),
])
def test_date_axis_shows_the_year_when_the_dates_cross_one(days, fmt):
    assert chartstyle.date_format(days) == fmt
