"""review_stats: the annotator's precision measured by the analyst's own review decisions."""
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from helpers import review_stats as rs

ROOT = Path(__file__).resolve().parents[1]


def table(reviewed):
    return pd.DataFrame({"reviewed": pd.array(reviewed, dtype="string")})


def ann_of(st, est, rejected=(), unmatched=(), path=None):
    rej = pd.DataFrame({"table": list(rejected), "target_id": [f"r{i}" for i in range(len(rejected))]})
    return SimpleNamespace(statements=table(st), estimates=table(est), rejected=rej,
                           unmatched_corrections=list(unmatched), corrections_path=path)


def decisions(*rows):
    """(table, target_id, action, field) rows in the order they were decided."""
    return pd.DataFrame([dict(table=t, target_id=i, action=a, field=f, _ts=pd.Timestamp("2024-11-01") +
                              pd.Timedelta(minutes=n), row=n + 2) for n, (t, i, a, f) in enumerate(rows)])


def test_precision_is_the_share_of_reviewed_rows_accepted_unchanged():
    ann = ann_of(st=["accepted"] * 8 + ["corrected"] + [None] * 5 + ["added"],
                 est=["accepted", "corrected", "corrected", None], rejected=["statements", "estimates"])
    s = rs.review_stats(ann).set_index("table")
    st, est = s.loc["statements"], s.loc["estimates"]
    assert (st["reviewed"], st["accepted"], st["corrected"], st["rejected"], st["added"], st["not_reviewed"]) == \
        (10, 8, 1, 1, 1, 5)
    assert st["precision"] == 0.8 and st["precision_low"] < 0.8 < st["precision_high"]
    assert (est["reviewed"], est["precision"]) == (4, 0.25)
    assert st["rows"] == 15  # added rows are in the table, rejected ones are not


def test_nothing_reviewed_gives_no_precision_and_says_so():
    ann = ann_of(st=[None, None], est=[None], rejected=[])
    s = rs.review_stats(ann)
    assert s["reviewed"].tolist() == [0, 0] and s["precision"].isna().all()
    text = rs.report(ann).data
    assert "none of the 2 reviewed yet" in text and "precision" not in text


def test_rows_without_a_reviewed_column_count_as_not_reviewed():
    ann = SimpleNamespace(statements=pd.DataFrame({"x": [1, 2]}), estimates=pd.DataFrame({"x": [1]}),
                          rejected=None)
    assert rs.review_stats(ann)["not_reviewed"].tolist() == [2, 1]


@pytest.mark.parametrize("k, n, low, high", [(8, 10, 0.490, 0.943), (0, 2, 0.0, 0.658), (30, 30, 0.886, 1.0)])
def test_wilson_interval(k, n, low, high):
    lo, hi = rs.wilson(k, n)
    assert lo == pytest.approx(low, abs=1e-3) and hi == pytest.approx(high, abs=1e-3)


def test_fields_corrected_most_leaves_out_rejected_added_and_unmatched_rows():
    dec = decisions(("estimates", "a:e:1-5", "correct", "value"),
                    ("estimates", "a:e:1-5", "correct", "claimant"),
                    ("estimates", "b:e:1-5", "correct", "value"),
                    ("estimates", "b:e:1-5", "correct", "value"),       # the same field twice: one row
                    ("estimates", "c:e:1-5", "correct", "value"),
                    ("estimates", "c:e:1-5", "reject", None),           # rejected in the end
                    ("estimates", "d:e:1-5", "add", None),
                    ("estimates", "d:e:1-5", "correct", "value"),       # the analyst's own row
                    ("statements", "a:s:9-20", "correct", "speaker"),
                    ("statements", "z:s:1-4", "correct", "speaker"),    # matches no row any more
                    ("statements", "a:s:30-40", "accept", None))
    ann = ann_of([], [], unmatched=["corrections.csv row 11: statement z:s:1-4 no longer matches any row "
                                    "(quote: 'x')"])
    f = rs.corrected_fields(ann, dec)
    assert list(zip(f["table"], f["field"], f["rows"])) == [
        ("estimates", "value", 2), ("estimates", "claimant", 1), ("statements", "speaker", 1)]
    assert f["share"].tolist() == [1.0, 0.5, 1.0]
    assert "estimates `value` (2 rows, 100% of corrected estimates)" in rs.report(ann, dec).data


def test_no_corrections_file_means_no_corrected_fields():
    f = rs.corrected_fields(ann_of([], []))
    assert f.empty and list(f.columns) == ["table", "field", "rows", "share"]


def test_report_from_decisions_saved_and_applied_on_the_seeds(tmp_path):
    """The whole path: decisions saved as the review panel saves them, applied, measured."""
    from helpers import review, review_apply, review_ui, workbook

    base = workbook.load(ROOT / "seeds", corrections=None, cache=False)
    text = dict(zip(base.articles["article_id"], base.articles["text"]))
    ids = base.estimates["estimate_id"].tolist()
    first, second, third = (review_ui.get_row(base, "estimates", i) for i in ids[:3])
    form = dict(review_ui.form_values(second, "estimates"), value=str(int(second["value"]) + 500))
    path = review.corrections_path(tmp_path)
    review.save_decisions(path, review_ui.decision_from_form("estimates", first, "reject",
                                                             article_text=text[first["article_id"]])
                          + review_ui.decision_from_form("estimates", second, "correct", form,
                                                         article_text=text[second["article_id"]])
                          + review_ui.decision_from_form("estimates", third, "accept",
                                                         article_text=text[third["article_id"]]))
    ann = review_apply.apply_corrections(base, path)
    est = rs.review_stats(ann).set_index("table").loc["estimates"]
    assert (est["reviewed"], est["accepted"], est["corrected"], est["rejected"]) == (3, 1, 1, 1)
    assert est["precision"] == pytest.approx(1 / 3, abs=1e-3)
    f = rs.corrected_fields(ann)
    assert list(zip(f["table"], f["field"], f["rows"])) == [("estimates", "value", 1)]
    md = rs.report(ann).data
    assert "1 of 3 reviewed rows accepted unchanged: precision 0.33" in md
    assert "Fewer than 30 rows" in md
