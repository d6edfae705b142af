"""workbook: locating the repo and corpus, the notebooks' loader, and the panels of notebooks
01, 02, 03 and 05 driven as an analyst would (set a control, click a bar) without a browser."""
import json
import os
from pathlib import Path

import ipywidgets as widgets
import pandas as pd
import pytest

from helpers import charts, workbook
from helpers.schema import frame

from builders import est_row

ROOT = Path(__file__).resolve().parents[1]


# ----------------------------------------------------------------------------- locate
@pytest.mark.parametrize("start", [ROOT, ROOT / "notebooks", ROOT / "helpers", ROOT / "tests" / "data"])
def test_repo_root_from_inside_the_repo(start):
    assert workbook.repo_root(start) == ROOT


def test_repo_root_outside_falls_back_to_package(tmp_path):
    assert workbook.repo_root(tmp_path) == ROOT


def test_default_corpus_is_seeds(monkeypatch):
    monkeypatch.delenv("WARTA_CORPUS", raising=False)
    monkeypatch.chdir(ROOT / "notebooks")
    assert workbook.default_corpus() == ROOT / "seeds"


def test_default_corpus_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("WARTA_CORPUS", str(tmp_path))
    assert workbook.default_corpus() == tmp_path
    monkeypatch.setenv("WARTA_CORPUS", "  ")
    assert workbook.default_corpus() == ROOT / "seeds"


# ----------------------------------------------------------------------------- load
TEXT = ("Jakarta, Warta Uji — Menteri Pertahanan Budi Santoso mengatakan sekitar 3.000 tentara "
        "telah dikirim ke perbatasan. \"Kami tidak akan mundur,\" kata Budi Santoso, Senin "
        "(28/10/2024). Ini berita dan itu yang untuk dari.")


def _corpus(folder: Path, n: int = 1) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"a{i}.txt").write_text(TEXT, encoding="utf-8")
    (folder / "actors.yaml").write_text(
        "actors:\n  - id: budi\n    name: Budi Santoso\n    kind: person\n"
        "    role: Minister of Defence\n    affiliation: Testland\n    aliases: [Budi Santoso]\n",
        encoding="utf-8")
    return folder


@pytest.mark.parametrize("n, pool_min, jobs", [(1, 200, 1), (3, 2, os.cpu_count() or 1)])
def test_load_passes_corpus_actors_and_options_to_annotate(monkeypatch, tmp_path, n, pool_min, jobs):
    seen = {}

    def fake(articles, actors, **kw):
        seen.update(articles=articles, actors=actors, **kw)
        return "annotations"

    monkeypatch.setattr("helpers.pipeline.annotate", fake)
    monkeypatch.setattr(workbook, "POOL_MIN_ARTICLES", pool_min)
    assert workbook.load(_corpus(tmp_path / "c", n), corrections=None, cache=False) == "annotations"
    assert len(seen["articles"]) == n and seen["actors"]["actor_id"].tolist() == ["budi"]
    assert (seen["corrections"], seen["cache"], seen["jobs"]) == (None, False, jobs)


def test_load_reads_the_environment_corpus_when_none_is_given(monkeypatch, tmp_path):
    monkeypatch.setenv("WARTA_CORPUS", str(_corpus(tmp_path / "c", 2)))
    ann = workbook.load(cache=False)
    assert sorted(ann.articles["article_id"]) == ["a0", "a1"]
    assert "Budi Santoso" in set(ann.statements["speaker"])


def test_load_refuses_a_missing_folder(tmp_path):
    with pytest.raises(Exception, match="nope"):
        workbook.load(tmp_path / "nope", cache=False)


# ----------------------------------------------------------------------------- plumbing
def texts(out: widgets.Output) -> str:
    """Everything an Output shows, as one string."""
    return json.dumps(out.outputs)


def chart_rows(jupyter_chart) -> list[dict]:
    spec = jupyter_chart.chart.to_dict()
    data = spec.get("data", {})
    return data["values"] if "values" in data else spec["datasets"][data["name"]]


def test_show_replaces_what_an_output_shows():
    out = widgets.Output()
    workbook.show(out, "first")
    workbook.show(out, pd.DataFrame({"x": [1]}), "second")
    assert len(out.outputs) == 2 and "first" not in texts(out)
    assert "text/html" in out.outputs[0]["data"] and "second" in texts(out)


def test_guarded_callback_shows_the_exception_and_its_traceback():
    out = widgets.Output()
    workbook.show(out, "before")

    def broken(change):
        raise KeyError("no such claimant")

    workbook.guarded(out, broken)({"new": 1})
    err = out.outputs[-1]
    assert err["output_type"] == "error" and err["ename"] == "KeyError"
    assert "no such claimant" in err["evalue"] and any("broken" in line for line in err["traceback"])
    assert "before" in texts(out)  # added to what was shown, not replacing it


def test_guarded_callback_returns_the_result():
    assert workbook.guarded(widgets.Output(), lambda x: x + 1)(1) == 2


def test_table_escapes_and_formats_every_cell():
    df = pd.DataFrame({"text": ["<b>x</b>", None], "value": [3000.0, 3.33],
                       "as_of": [pd.Timestamp("2024-10-28"), pd.NaT]})
    html = workbook.table(df).to_html()
    for shown in ("&lt;b&gt;x&lt;/b&gt;", "3,000", "3.33", "28 Oct 2024", "–"):
        assert shown in html
    assert "<b>x</b>" not in html and "NaT" not in html and "3000.0" not in html


@pytest.mark.parametrize("values, order, expected", [
    (["b", None, "a", "b"], (), ["a", "b"]),
    (["other", "deployed", pd.NA], ["deployed", "planned"], ["deployed", "other"]),
    ([], ["x"], []),
])
def test_ordered(values, order, expected):
    assert workbook.ordered(values, order) == expected


# ----------------------------------------------------------------------------- estimates
@pytest.fixture
def est():
    return frame([
        est_row(article_id="a", value=3000, qualifier="at_least", as_of="2024-10-23"),
        est_row(article_id="c", value=10000, qualifier="about", as_of="2024-10-28", start=40, end=50),
        est_row(article_id="c", value=12000, category="planned", claimant="Ukraine",
                affiliation="Ukraine", as_of="2024-10-20", start=60, end=70),
        est_row(article_id="d", value=1500, claimant="South Korea", affiliation="South Korea",
                as_of="2024-10-18"),
    ], "estimates")


@pytest.fixture
def two_measures(est):
    killed = frame([est_row(article_id="k", value=v, category="reported", claimant="Ministry",
                            affiliation="Testland", as_of=d, start=i, end=i + 3, measure="killed")
                    for i, (v, d) in enumerate([(5, "2024-10-21"), (7, "2024-10-22")])], "estimates")
    return pd.concat([est.assign(measure="troops"), killed], ignore_index=True)


def test_estimates_panel_offers_what_the_data_holds(est):
    p = workbook.estimates_panel(est)
    c = p.controls
    assert "measure" not in c and "reviewed" not in c
    assert c["category"].options == ("all", "deployed", "planned")
    assert c["claimants"].options == ("South Korea", "Ukraine", "United States")
    assert c["qualifiers"].options == ("exact", "at_least", "about")
    assert [label for label, _ in c["dates"].options] == ["18 Oct 2024", "20 Oct 2024", "23 Oct 2024",
                                                          "28 Oct 2024"]
    assert list(p.children[-2:]) == [p.chart, p.output]
    dates = [w for w in p.children if isinstance(w, widgets.HBox)][0]
    assert dates.children[0] is c["dates"] and dates.children[1].value == "18 Oct 2024 – 28 Oct 2024"
    assert sorted(r["value"] for r in chart_rows(p.chart)) == [1500, 3000, 10000, 12000]
    assert "Revisions" in texts(p.output) and "3,000" in texts(p.output) and "10,000" in texts(p.output)


@pytest.mark.parametrize("control, value, drawn", [
    ("category", "planned", [12000]),
    ("claimants", ("United States",), [3000, 10000]),
    ("qualifiers", ("about", "at_least"), [3000, 10000]),
])
def test_estimates_panel_redraws_when_a_control_changes(est, control, value, drawn):
    p = workbook.estimates_panel(est)
    p.controls[control].value = value
    assert sorted(r["value"] for r in chart_rows(p.chart)) == drawn
    assert not [o for o in p.output.outputs if o["output_type"] == "error"]


def test_estimates_panel_date_range_and_revision_table(est):
    p = workbook.estimates_panel(est)
    p.controls["dates"].index = (2, 3)  # 23-28 Oct: the United States' two figures
    assert sorted(r["value"] for r in chart_rows(p.chart)) == [3000, 10000]
    assert p.children[-4].children[1].value == "23 Oct 2024 – 28 Oct 2024"  # before "undated"
    p.controls["dates"].index = (0, 1)
    assert "No claimant changed a figure" in texts(p.output)  # the revision left the range


def test_estimates_panel_shows_the_latest_revisions_when_there_are_many(est, monkeypatch):
    est = pd.concat([est, est.assign(claimant=est["claimant"] + " (second)")], ignore_index=True)
    every = len(charts.revision_table(est))
    assert every >= 2
    monkeypatch.setattr(workbook, "REVISIONS_SHOWN", 1)
    out = texts(workbook.estimates_panel(est).output)
    assert f"The latest 1 of {every} revisions" in out
    monkeypatch.setattr(workbook, "REVISIONS_SHOWN", every)
    assert "The latest" not in texts(workbook.estimates_panel(est).output)


def test_estimates_panel_draws_one_measure_at_a_time(two_measures):
    p = workbook.estimates_panel(two_measures, labels={"killed": "People killed"})
    c = p.controls
    assert list(c)[0] == "measure" and p.children[0] is c["measure"]
    # the labels given, else the default profile's
    assert c["measure"].options == (("Troops / personnel", "troops"), ("People killed", "killed"))
    assert sorted(r["value"] for r in chart_rows(p.chart)) == [1500, 3000, 10000, 12000]
    c["measure"].value = "killed"
    assert sorted(r["value"] for r in chart_rows(p.chart)) == [5, 7]
    assert c["category"].options == ("all", "reported") and c["claimants"].options == ("Ministry",)
    c["category"].value = "reported"
    assert sorted(r["value"] for r in chart_rows(p.chart)) == [5, 7]


def test_estimates_panel_one_measure_needs_no_dropdown(est):
    p = workbook.estimates_panel(est.assign(measure="troops"))
    assert "measure" not in p.controls and len(chart_rows(p.chart)) == 4


def test_measures_most_figures_first_and_missing_as_unknown(two_measures):
    d = two_measures.copy()
    d.loc[d["measure"] == "killed", "measure"] = pd.NA
    assert workbook.measures(d) == ["troops", charts.UNKNOWN]
    assert len(workbook.of_measure(d, charts.UNKNOWN)) == 2
    assert workbook.measures(d.drop(columns="measure")) == []


def test_estimates_panel_reviewed_only(est):
    p = workbook.estimates_panel(est.assign(reviewed=["accepted", None, None, "corrected"]))
    p.controls["reviewed"].value = True
    assert sorted(r["value"] for r in chart_rows(p.chart)) == [1500, 3000]


def test_estimates_panel_of_no_figures_draws_an_empty_chart():
    p = workbook.estimates_panel(frame([], "estimates"))
    assert p.controls["category"].options == ("all",) and chart_rows(p.chart) == []


def test_estimates_panel_shows_a_callback_error_instead_of_losing_it(est, monkeypatch):
    p = workbook.estimates_panel(est)

    def broken(*a, **kw):
        raise RuntimeError("timeline failed")

    monkeypatch.setattr(charts, "estimates_timeline", broken)
    p.controls["category"].value = "planned"  # must not raise into ipywidgets
    errors = [o for o in p.output.outputs if o["output_type"] == "error"]
    assert errors and errors[0]["evalue"] == "timeline failed"


def test_estimates_panel_first_draw_error_is_raised(est, monkeypatch):
    monkeypatch.setattr(charts, "estimates_timeline", lambda *a, **kw: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        workbook.estimates_panel(est)


# ----------------------------------------------------------------------------- statements
@pytest.fixture
def st():
    rows = [("Lloyd Austin", "United States", "direct", "warns", "a", "Kami <b>siap</b>"),
            ("Lloyd Austin", "United States", "indirect", "confirms", "b", "pasukan tiba"),
            ("John Kirby", "United States", "direct", "confirms", "c", "benar"),
            ("Lin Jian", "China", "indirect", "denies", "a", "tidak tahu")]
    return frame([dict(statement_id=f"{a}:s:{i}-{i + 9}", article_id=a, speaker=s, affiliation=f,
                       listed=True, kind=k, stance=stn, text=t, sentence=t, start=i, end=i + 9,
                       stated_on=f"2024-10-2{i}", outlet="Uji")
                  for i, (s, f, k, stn, a, t) in enumerate(rows)], "statements")


def click(panel, *actors):
    """What the browser sends when the analyst clicks a bar (shift-click: several)."""
    value = {"vlPoint": {"or": [{"actor": a} for a in actors]}} if actors else None
    panel.chart._vl_selections = {workbook.ACTOR_SELECTION: {"value": value, "store": []}}


def test_statements_panel_controls_from_the_data(st):
    p = workbook.statements_panel(st)
    c = p.controls
    assert c["by"].options == ("speaker", "affiliation") and c["stack"].options == ("stance", "outlet")
    assert (c["top_n"].value, c["top_n"].max) == (3, 3)  # three speakers
    assert {r["actor"] for r in chart_rows(p.chart)} == {"Lloyd Austin", "John Kirby", "Lin Jian"}
    assert "Click a bar" in texts(p.output)


def test_statements_panel_without_optional_columns(st):
    p = workbook.statements_panel(st.drop(columns=["outlet", "repeat_group"]))
    assert p.controls["stack"].options == ("stance",) and "unique_claims" not in p.controls


def test_statements_panel_click_lists_the_actors_statements_escaped(st):
    p = workbook.statements_panel(st)
    click(p, "Lloyd Austin")
    shown = texts(p.output)
    assert "Lloyd Austin" in shown and "pasukan tiba" in shown and "benar" not in shown
    assert "&lt;b&gt;siap&lt;/b&gt;" in shown and "<b>siap</b>" not in shown
    assert "Click a bar" not in shown
    click(p)  # double-click clears the selection
    assert "Click a bar" in texts(p.output) and "pasukan tiba" not in texts(p.output)


def test_statements_panel_redraw_keeps_clicks_working(st):
    p = workbook.statements_panel(st)
    p.controls["by"].value = "affiliation"
    assert {r["actor"] for r in chart_rows(p.chart)} == {"United States", "China"}
    click(p, "China")  # the selection of the new chart is watched
    assert "tidak tahu" in texts(p.output) and "benar" not in texts(p.output)
    p.controls["direct_only"].value = True
    assert {r["actor"] for r in chart_rows(p.chart)} == {"United States"}
    assert "Click a bar" in texts(p.output)


def test_statements_panel_shows_a_click_error(st, monkeypatch):
    p = workbook.statements_panel(st)
    monkeypatch.setattr(charts, "actor_statements", lambda *a, **kw: {}["boom"])
    click(p, "Lin Jian")
    errors = [o for o in p.output.outputs if o["output_type"] == "error"]
    assert errors and errors[0]["ename"] == "KeyError"


# ----------------------------------------------------------------------------- reader
def test_article_reader_shows_the_chosen_article_escaped(st, est):
    articles = frame([dict(article_id="a", title="Satu", text="Teks <i>pertama</i>.", outlet="Uji",
                           published="2024-10-23"),
                      dict(article_id="b", title="Dua", text="Teks kedua.", outlet="Uji",
                           published="2024-10-24")], "articles")
    ann = type("Ann", (), {"articles": articles, "mentions": frame([], "mentions")})()
    p = workbook.article_reader(ann, st.iloc[0:0], est.iloc[0:0])
    assert "&lt;i&gt;pertama&lt;/i&gt;" in texts(p.output)
    p.controls["article"].value = "b"
    assert "Teks kedua" in texts(p.output) and "pertama" not in texts(p.output)


# ----------------------------------------------------------------------------- 01: add articles
PAGES = ROOT / "tests" / "data" / "pages"


def _upload(form, *paths):
    form.upload.value = tuple({"name": p.name, "type": "text/html", "size": p.stat().st_size,
                               "content": memoryview(p.read_bytes()),
                               "last_modified": pd.Timestamp("2024-10-24").to_pydatetime()} for p in paths)


def _form_text(form) -> str:
    return "".join(o.get("text", "") for o in form.output.outputs)


@pytest.fixture
def corpus_copy(tmp_path):
    import shutil

    folder = tmp_path / "corpus"
    shutil.copytree(ROOT / "seeds", folder)
    return folder


def test_add_articles_panel_adds_a_page_and_redraws_the_overview(corpus_copy):
    loads = []

    def loader(corpus):
        loads.append(corpus)
        return workbook.load(corpus, cache=False)

    p = workbook.add_articles_panel(corpus_copy, loader=loader)
    assert list(p.children) == [p.form, p.output] and p.output.outputs == () and loads == []
    _upload(p.form, PAGES / "kabar_jsonld.html")
    p.form.button.click()
    assert "added 005_" in _form_text(p.form)
    assert len(list(corpus_copy.glob("*.txt"))) == 6 and loads == [corpus_copy]
    assert "The corpus now holds 6 articles (1 new)" in texts(p.output)
    rows = chart_rows(p.chart)
    assert len({r["article_id"] for r in rows}) == 6
    assert not [o for o in p.output.outputs if o["output_type"] == "error"]


def test_add_articles_panel_refused_page_leaves_the_overview_alone(corpus_copy):
    p = workbook.add_articles_panel(corpus_copy, loader=lambda c: 1 / 0)
    _upload(p.form, PAGES / "paywall_stub.html")
    p.form.button.click()
    assert "refused paywall_stub.html" in _form_text(p.form)
    assert p.output.outputs == ()  # nothing added: no reload


def test_add_articles_panel_shows_a_refresh_error(corpus_copy):
    def broken(corpus):
        raise RuntimeError("overview failed")

    p = workbook.add_articles_panel(corpus_copy, loader=broken)
    _upload(p.form, PAGES / "kabar_jsonld.html")
    p.form.button.click()
    assert "added 005_" in _form_text(p.form)
    errors = [o for o in p.output.outputs if o["output_type"] == "error"]
    assert errors and errors[0]["evalue"] == "overview failed"
