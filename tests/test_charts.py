"""charts: builders tested through to_dict(); pure data helpers tested on small frames."""
import json

import numpy as np
import pandas as pd
import pytest

from helpers import charts as c
from helpers.schema import frame


def est_row(**kw):
    base = dict(article_id="a", qualifier="exact", category="deployed", unit="pasukan",
                claimant="United States", affiliation="United States", as_of="2024-10-23",
                sentence="kalimat", start=0, end=5)
    base.update(kw)
    base.setdefault("estimate_id", f"{base['article_id']}:e:{base['start']}-{base['end']}")
    return base


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
    assert list(rev.columns) == ["claimant", "category", "from", "to", "from_date", "to_date", "factor", "sources"]


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
