"""review: reading, validating, saving and applying the analyst's corrections.csv.

Every test works in tmp_path; the repo's seeds/ is copied, never written.
"""
import csv
import importlib
import shutil
from pathlib import Path

import pandas as pd
import pytest

from helpers import review, review_apply, schema
from helpers.tables import Annotations

from helpers import pipeline as A  # noqa: E402
SEEDS = Path(__file__).resolve().parents[1] / "seeds"

TEXT = ("Menteri Budi Santoso mengatakan 3.000 tentara sudah tiba. "
        "Kirby menyebut sekitar 10.000 pasukan akan dikirim. "
        "Sumber lain menyebut 500 tentara tewas.")
AID = "a1"
S1 = TEXT.index("3.000 tentara sudah tiba")
S1E = S1 + len("3.000 tentara sudah tiba")
S2 = TEXT.index("sekitar 10.000 pasukan akan dikirim")
S2E = S2 + len("sekitar 10.000 pasukan akan dikirim")
N1, N1E = S1, S1 + len("3.000 tentara")
N2, N2E = S2, S2 + len("sekitar 10.000 pasukan")
SENT3 = TEXT.index("Sumber lain")
SENT3E = len(TEXT)
SID1, SID2 = schema.statement_id(AID, S1, S1E), schema.statement_id(AID, S2, S2E)
EID1, EID2 = schema.estimate_id(AID, N1, N1E), schema.estimate_id(AID, N2, N2E)
TS = "2024-10-30T09:00:00+00:00"


def make_ann():
    articles = schema.frame([dict(article_id=AID, text=TEXT, published="2024-10-29")], "articles")
    actors = schema.frame([
        dict(actor_id="kirby", name="John Kirby", kind="person", role="spokesman",
             affiliation="United States", aliases="Kirby; John Kirby"),
        dict(actor_id="us_government", name="United States", kind="government", role="country",
             affiliation="United States", aliases="Amerika Serikat; AS"),
    ], "actors")
    statements = schema.frame([
        dict(statement_id=SID1, article_id=AID, speaker="Budi Santoso", listed=False, kind="indirect",
             verb="mengatakan", text=TEXT[S1:S1E], start=S1, end=S1E, date_source="none", stance="other"),
        dict(statement_id=SID2, article_id=AID, speaker_id="kirby", speaker="John Kirby",
             speaker_kind="person", affiliation="United States", listed=True, kind="indirect",
             verb="menyebut", text=TEXT[S2:S2E], start=S2, end=S2E, date_source="none", stance="other"),
    ], "statements")
    estimates = schema.frame([
        dict(estimate_id=EID1, article_id=AID, value=3000.0, low=3000.0, high=3000.0, qualifier="exact",
             category="deployed", unit="tentara", claimant="Budi Santoso", start=N1, end=N1E,
             date_source="none"),
        dict(estimate_id=EID2, article_id=AID, value=10000.0, qualifier="about", category="planned",
             unit="pasukan", claimant_id="kirby", claimant="John Kirby", affiliation="United States",
             start=N2, end=N2E, date_source="none"),
    ], "estimates")
    mentions = schema.frame([], "mentions")
    return Annotations(articles=articles, actors=actors, mentions=mentions,
                       statements=statements, estimates=estimates)


def write(path, rows, header=review.COLUMNS):
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow([r.get(c, "") for c in header] if isinstance(r, dict) else r)
    return path


def row(**kw):
    base = dict(decided_at=TS, reviewer="ana")
    base.update(kw)
    return base


GOOD = row(table="estimates", target_id=EID1, action="accept", quote=TEXT[N1:N1E])


# ----------------------------------------------------------------------------- malformed
@pytest.mark.parametrize("bad, message", [
    (row(table="estimates", target_id=EID1, action="approve"), "unknown action 'approve'"),
    (row(table="quotes", target_id=EID1, action="accept"), "unknown table 'quotes'"),
    (row(table="estimates", target_id=EID1, action="correct", field="colour", value="x"),
     "unknown field 'colour' for estimates"),
    (row(table="estimates", target_id=EID1, action="correct", field="value", value="abc"),
     "'abc' for value is not a number"),
    (row(table="estimates", target_id=EID1, action="correct", field="value", value="3.000"),
     "'3.000' for value is ambiguous"),
    (row(table="estimates", target_id=EID1, action="correct", field="value", value=""),
     "needs a value"),
    (row(table="estimates", target_id=EID1, action="correct", field="qualifier", value="roughly"),
     "'roughly' for qualifier is not one of"),
    (row(table="estimates", target_id=EID1, action="correct", field="as_of", value="30/10/2024"),
     "'30/10/2024' for as_of is not a date"),
    (row(table="statements", target_id=SID1, action="correct", field="stated_on", value="2024-13-01"),
     "is not a date"),
    (row(table="estimates", target_id=EID1, action="accept", decided_at="yesterday"),
     "decided_at 'yesterday' is not an ISO timestamp"),
    (row(table="estimates", target_id=EID1, action="accept", decided_at=""), "decided_at is empty"),
    (row(table="estimates", target_id="", action="correct", field="value", value="5"),
     "target_id is empty"),
    (row(table="estimates", target_id=SID1, action="reject"), "is not a estimate id"),
    (row(table="statements", target_id="a1-10-20", action="reject"), "is not a statement id"),
    (row(table="estimates", target_id=EID1, action="reject", field="value"),
     "only 'correct' rows name a field"),
    (row(table="statements", action="add", article_id=AID), "needs article_id, start and end"),
    (row(table="statements", action="add", start="0", end="10"), "needs article_id, start and end"),
    (row(table="statements", action="add", article_id=AID, start="10", end="10"), "empty span"),
    (row(table="statements", action="add", article_id=AID, start="x", end="10"),
     "start 'x' is not a whole number"),
    (row(table="statements", action="add", article_id=AID, start="0", end="9",
         target_id=schema.statement_id(AID, 0, 10)), "does not match the span"),
    (row(table="estimates", target_id=EID1, action="accept", article_id="zz"), "differs from"),
])
def test_malformed_row_is_refused_with_its_row_number(tmp_path, bad, message):
    path = write(tmp_path / "corrections.csv", [GOOD, bad])
    with pytest.raises(review.CorrectionsError, match=r"^corrections\.csv row 3: ") as err:
        review.load_corrections(path)
    assert message in str(err.value)


@pytest.mark.parametrize("good", [
    row(table="estimates", target_id=EID1, action="correct", field="value", value="3500"),
    row(table="estimates", target_id=EID1, action="correct", field="value", value="2.5"),
    row(table="estimates", target_id=EID1, action="correct", field="high", value=""),
    row(table="estimates", target_id=EID1, action="correct", field="as_of", value="2024-10-30"),
    row(table="estimates", target_id=EID1, action="accept", decided_at="2024-10-30T09:00:00"),
    row(table="statements", target_id=SID1 + "#2", action="reject"),
    row(table="statements", action="add", article_id=AID, start="0", end="10"),
])
def test_wellformed_rows_load(tmp_path, good):
    df = review.load_corrections(write(tmp_path / "corrections.csv", [GOOD, good]))
    assert list(df["row"]) == [2, 3]


@pytest.mark.parametrize("content, message", [
    ("table,action\nestimates,accept\n", "row 1: missing column(s) target_id, field, value, decided_at"),
    ("\ufefftable,target_id,action,field,value,decided_at\nestimates,x:e:1-2,accept,,,%s,extra\n" % TS,
     "row 2: 7 fields but the header has 6"),
])
def test_malformed_file_structure(tmp_path, content, message):
    path = tmp_path / "corrections.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(review.CorrectionsError, match="corrections.csv " + message.replace("(", r"\(").replace(")", r"\)")):
        review.load_corrections(path)


def test_duplicate_header_column_is_refused(tmp_path):
    path = tmp_path / "corrections.csv"
    path.write_text("table,target_id,action,field,value,value,decided_at\n")
    with pytest.raises(review.CorrectionsError, match="corrections.csv row 1: column 'value' appears twice"):
        review.load_corrections(path)


def test_semicolon_file_from_a_spreadsheet_is_read_and_appended_in_kind(tmp_path):
    path = tmp_path / "corrections.csv"
    path.write_text(";".join(review.COLUMNS) + f"\nestimates;{EID1};correct;value;3500;;;;;ana;{TS};a, b\n")
    review.save_decision(path, dict(table="estimates", target_id=EID2, action="reject", note="x; y"))
    df = review.load_corrections(path)
    assert list(df["action"]) == ["correct", "reject"] and list(df["note"]) == ["a, b", "x; y"]
    assert path.read_text().splitlines()[2].startswith(f"estimates;{EID2};reject;")


def test_not_utf8_is_refused(tmp_path):
    path = tmp_path / "corrections.csv"
    path.write_bytes("table,target_id,action,field,value,decided_at\nestimates,é".encode("latin-1"))
    with pytest.raises(review.CorrectionsError, match="not UTF-8"):
        review.load_corrections(path)


def test_missing_or_empty_file_has_no_decisions(tmp_path):
    assert review.load_corrections(tmp_path / "corrections.csv").empty
    (tmp_path / "c.csv").write_text("")
    assert review.load_corrections(tmp_path / "c.csv").empty
    ann = review_apply.apply_corrections(make_ann(), tmp_path / "corrections.csv")
    assert ann.statements["reviewed"].isna().all() and ann.unmatched_corrections == []


# ----------------------------------------------------------------------------- effects
def apply(tmp_path, rows):
    path = write(tmp_path / "corrections.csv", rows)
    return review_apply.apply_corrections(make_ann(), path)


def test_accept_marks_row_without_changing_it(tmp_path):
    ann = apply(tmp_path, [GOOD])
    est = ann.estimates.set_index("estimate_id")
    assert est.loc[EID1, "reviewed"] == "accepted" and pd.isna(est.loc[EID2, "reviewed"])
    assert est.loc[EID1, "value"] == 3000


def test_reject_drops_row_but_keeps_it_retrievable(tmp_path):
    ann = apply(tmp_path, [row(table="statements", target_id=SID2, action="reject", note="not a claim")])
    assert list(ann.statements["statement_id"]) == [SID1]
    assert list(ann.rejected["target_id"]) == [SID2]
    assert ann.rejected.loc[0, "note"] == "not a claim"


@pytest.mark.parametrize("value, speaker_id, speaker, listed, affiliation", [
    ("kirby", "kirby", "John Kirby", True, "United States"),          # actor id
    ("Amerika Serikat", "us_government", "United States", True, "United States"),  # alias
    ("amerika serikat", "us_government", "United States", True, "United States"),  # alias, any case
    ("Andrii Sybiha", None, "Andrii Sybiha", False, None),           # typed new name
    ("Juru bicara Kirby", None, "Juru bicara Kirby", False, None),   # no guessing inside phrases
])
def test_correct_speaker_uses_gazetteer_else_unlisted(tmp_path, value, speaker_id, speaker, listed, affiliation):
    ann = apply(tmp_path, [row(table="statements", target_id=SID1, action="correct", field="speaker", value=value)])
    st = ann.statements.set_index("statement_id").loc[SID1]
    assert (None if pd.isna(st["speaker_id"]) else st["speaker_id"]) == speaker_id
    assert st["speaker"] == speaker and bool(st["listed"]) is listed
    assert (None if pd.isna(st["affiliation"]) else st["affiliation"]) == affiliation
    assert st["reviewed"] == "corrected"


def test_correct_claimant_value_and_date(tmp_path):
    ann = apply(tmp_path, [
        row(table="estimates", target_id=EID1, action="correct", field="claimant", value="Kirby"),
        row(table="estimates", target_id=EID1, action="correct", field="value", value="5000"),
        row(table="estimates", target_id=EID1, action="correct", field="qualifier", value="at_least"),
        row(table="estimates", target_id=EID1, action="correct", field="as_of", value="2024-10-28"),
    ])
    e = ann.estimates.set_index("estimate_id").loc[EID1]
    assert (e["claimant_id"], e["claimant"], e["value"], e["low"], e["high"]) == ("kirby", "John Kirby", 5000, 5000, 5000)
    assert e["qualifier"] == "at_least" and e["as_of"] == pd.Timestamp("2024-10-28")
    assert e["date_source"] == "analyst" and e["reviewed"] == "corrected"


def test_value_correction_leaves_explicit_bounds(tmp_path):
    ann = apply(tmp_path, [
        row(table="estimates", target_id=EID1, action="correct", field="value", value="4000"),
        row(table="estimates", target_id=EID1, action="correct", field="low", value="3000"),
        row(table="estimates", target_id=EID1, action="correct", field="high", value=""),
    ])
    e = ann.estimates.set_index("estimate_id").loc[EID1]
    assert (e["value"], e["low"]) == (4000, 3000) and pd.isna(e["high"])


def test_add_builds_row_from_span_and_takes_corrections(tmp_path):
    new_id = schema.estimate_id(AID, SENT3, SENT3E)
    ann = apply(tmp_path, [
        row(table="estimates", action="add", article_id=AID, start=SENT3, end=SENT3E, quote=TEXT[SENT3:]),
        row(table="estimates", target_id=new_id, action="correct", field="value", value="500"),
        row(table="estimates", target_id=new_id, action="correct", field="category", value="reported"),
        row(table="estimates", target_id=new_id, action="correct", field="measure", value="killed"),
    ])
    e = ann.estimates.set_index("estimate_id").loc[new_id]
    assert e["sentence"] == TEXT[SENT3:SENT3E] and (e["start"], e["end"]) == (SENT3, SENT3E)
    assert (e["value"], e["category"], e["measure"], e["reviewed"]) == (500, "reported", "killed", "added")
    assert len(ann.estimates) == 3


def test_added_statement_text_is_the_article_span(tmp_path):
    ann = apply(tmp_path, [row(table="statements", action="add", article_id=AID, start=SENT3, end=SENT3E),
                           row(table="statements", target_id=schema.statement_id(AID, SENT3, SENT3E),
                               action="correct", field="speaker", value="kirby")])
    st = ann.statements.iloc[-1]
    assert st["text"] == TEXT[SENT3:SENT3E] and st["speaker_id"] == "kirby" and st["reviewed"] == "added"


def test_add_for_unknown_article_is_reported(tmp_path):
    ann = apply(tmp_path, [row(table="statements", action="add", article_id="zz", start=0, end=5)])
    assert len(ann.statements) == 2
    assert ann.unmatched_corrections == [
        "corrections.csv row 2: added statement zz:s:0-5: article 'zz' is not in the corpus"]


def test_input_is_not_mutated(tmp_path):
    ann = make_ann()
    before = ann.estimates.copy()
    path = write(tmp_path / "corrections.csv", [
        row(table="estimates", target_id=EID1, action="correct", field="value", value="1"),
        row(table="estimates", target_id=EID2, action="reject")])
    out = review_apply.apply_corrections(ann, path)
    pd.testing.assert_frame_equal(ann.estimates, before)
    assert "reviewed" not in ann.estimates and len(out.estimates) == 1


# ----------------------------------------------------------------------------- stale, re-anchor
def test_stale_correction_is_reported_not_dropped(tmp_path):
    stale = schema.statement_id(AID, 1, 9)
    path = write(tmp_path / "corrections.csv", [
        GOOD, row(table="statements", target_id=stale, action="correct", field="speaker", value="kirby",
                  quote="kalimat yang sudah tidak ada")])
    before = path.read_bytes()
    ann = review_apply.apply_corrections(make_ann(), path)
    assert ann.unmatched_corrections == [
        f"corrections.csv row 3: statement {stale} no longer matches any row "
        "(quote: 'kalimat yang sudah tidak ada')"]
    assert path.read_bytes() == before
    assert len(review.load_corrections(path)) == 2
    assert ann.statements["speaker_id"].isna().sum() == 1  # nothing applied elsewhere


def test_shifted_span_is_reanchored_by_quote(tmp_path):
    old = schema.estimate_id(AID, N2 + 7, N2E + 7)  # an older annotator cut the span elsewhere
    ann = apply(tmp_path, [row(table="estimates", target_id=old, action="correct", field="value",
                               value="12000", quote=TEXT[N2:N2E])])
    e = ann.estimates.set_index("estimate_id").loc[EID2]
    assert e["value"] == 12000 and e["reviewed"] == "corrected"
    assert ann.unmatched_corrections == []
    assert any(f"{old} re-anchored to {EID2} (same quote)" in n for n in ann.correction_notes)


def test_slightly_different_span_is_reanchored_by_overlap(tmp_path):
    old = schema.statement_id(AID, S1, S1E - 5)  # the annotator now takes five more characters
    ann = apply(tmp_path, [row(table="statements", target_id=old, action="reject",
                               quote=TEXT[S1:S1E - 5])])
    assert list(ann.rejected["target_id"]) == [SID1]
    assert any("overlapping span" in n for n in ann.correction_notes)


def test_same_id_reading_differently_is_not_applied(tmp_path):
    ann = apply(tmp_path, [row(table="estimates", target_id=EID1, action="reject", quote="500 orang")])
    assert len(ann.estimates) == 2 and len(ann.unmatched_corrections) == 1


# ----------------------------------------------------------------------------- conflicts
def test_conflicting_values_latest_wins_and_is_reported(tmp_path):
    ann = apply(tmp_path, [
        row(table="estimates", target_id=EID1, action="correct", field="value", value="5000",
            decided_at="2024-10-30T10:00:00+00:00"),
        row(table="estimates", target_id=EID1, action="correct", field="value", value="4000",
            decided_at="2024-10-30T09:00:00+00:00"),  # older, though later in the file
    ])
    assert ann.estimates.set_index("estimate_id").loc[EID1, "value"] == 5000
    assert ann.correction_notes == [
        f"corrections.csv rows 2, 3: conflicting values for value of estimate {EID1}; "
        "the latest (row 2, 2024-10-30T10:00:00+00:00: '5000') wins"]


@pytest.mark.parametrize("first, second, kept", [
    ("reject", "accept", True),
    ("accept", "reject", False),
    ("reject", "correct", True),
    ("correct", "reject", False),
])
def test_reject_versus_keep_latest_wins(tmp_path, first, second, kept):
    def dec(action, t):
        extra = dict(field="unit", value="orang") if action == "correct" else {}
        return row(table="estimates", target_id=EID1, action=action, decided_at=t, **extra)

    ann = apply(tmp_path, [dec(first, "2024-10-30T09:00:00+00:00"), dec(second, "2024-10-30T09:05:00+00:00")])
    assert (EID1 in set(ann.estimates["estimate_id"])) is kept
    assert any("both rejected and kept" in n for n in ann.correction_notes)


def test_same_value_twice_is_not_a_conflict(tmp_path):
    ann = apply(tmp_path, [row(table="estimates", target_id=EID1, action="correct", field="value", value="5000")] * 2)
    assert ann.correction_notes == []


# ----------------------------------------------------------------------------- saving
def test_save_creates_readable_file_and_keeps_every_version(tmp_path):
    path = tmp_path / "corrections.csv"
    review.save_decision(path, dict(table="estimates", target_id=EID1, action="accept", quote=TEXT[N1:N1E]))
    first = path.read_bytes()
    assert review.history(path) == []
    review.save_decision(path, dict(table="estimates", target_id=EID2, action="reject"))
    hist = review.history(path)
    assert len(hist) == 1 and hist[0].read_bytes() == first
    assert path.read_bytes().startswith(first)
    review.save_decision(path, dict(table="estimates", target_id=EID2, action="accept"))
    assert len(review.history(path)) == 2
    df = review.load_corrections(path)
    assert list(df["action"]) == ["accept", "reject", "accept"]
    assert df.loc[0, "article_id"] == AID and df.loc[0, "start"] == N1  # spelled out for a reader
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_save_keeps_hand_edited_lines_byte_for_byte(tmp_path):
    path = tmp_path / "corrections.csv"
    head = ",".join(review.COLUMNS)
    hand = f"{head}\r\nestimates,{EID1},accept,,,,,,,ana,{TS},\"ok, checked\"\r\n"
    path.write_bytes(hand.encode())
    review.save_decision(path, dict(table="estimates", target_id=EID2, action="reject"))
    assert path.read_bytes().startswith(hand.encode()) and path.read_bytes().endswith(b"\r\n")
    assert list(review.load_corrections(path)["note"]) == ["ok, checked", ""]


def test_save_completes_a_short_hand_written_header_without_losing_values(tmp_path):
    path = tmp_path / "corrections.csv"
    path.write_text(f"table,target_id,action,field,value,decided_at,note\nestimates,{EID1},accept,,,{TS},ok\n")
    review.save_decision(path, dict(table="estimates", target_id=EID2, action="reject", quote="q"))
    df = review.load_corrections(path)
    assert list(df["note"]) == ["ok", ""] and list(df["quote"]) == ["", "q"]
    assert list(df["target_id"]) == [EID1, EID2]
    assert len(review.history(path)) == 1


@pytest.mark.parametrize("bad", [
    dict(table="estimates", target_id=EID1, action="correct", field="value", value="banyak"),
    dict(table="estimates", action="add", article_id=AID),
])
def test_save_refuses_malformed_decision_and_writes_nothing(tmp_path, bad):
    path = tmp_path / "corrections.csv"
    review.save_decision(path, dict(table="estimates", target_id=EID1, action="accept"))
    before = path.read_bytes()
    with pytest.raises(review.CorrectionsError, match="corrections.csv row 3"):
        review.save_decisions(path, [bad])
    assert path.read_bytes() == before and review.history(path) == []


# ----------------------------------------------------------------------------- with annotate
@pytest.fixture
def corpus(tmp_path):
    dst = tmp_path / "seeds"
    shutil.copytree(SEEDS, dst, ignore=shutil.ignore_patterns("corrections.csv", ".corrections_history"))
    for p in dst.iterdir():
        p.chmod(0o644)
    return dst


def _load(corpus_dir, **kw):
    from helpers.corpus import load_corpus

    return A.annotate(load_corpus(corpus_dir), **kw)


def test_annotate_applies_corrections_by_default_and_again_after_reannotation(corpus):
    base = _load(corpus, corrections=None)
    e = base.estimates.iloc[0]
    s = base.statements.iloc[0]
    text = base.articles.set_index("article_id").loc[e["article_id"], "text"]
    path = review.corrections_path(corpus)
    review.save_decisions(path, [
        dict(table="estimates", target_id=e["estimate_id"], action="correct", field="value",
             value=str(int(e["value"]) + 1), quote=text[e["start"]:e["end"]]),
        dict(table="statements", target_id=s["statement_id"], action="reject", quote=s["text"]),
    ])
    first, second = _load(corpus), _load(corpus)
    for ann in (first, second):
        row_ = ann.estimates.set_index("estimate_id").loc[e["estimate_id"]]
        assert row_["value"] == e["value"] + 1 and row_["reviewed"] == "corrected"
        assert s["statement_id"] not in set(ann.statements["statement_id"])
        assert ann.unmatched_corrections == []
    pd.testing.assert_frame_equal(first.estimates, second.estimates)
    explicit = _load(corpus, corrections=path)
    pd.testing.assert_frame_equal(first.statements, explicit.statements)
    untouched = _load(corpus, corrections=None)
    assert "reviewed" not in untouched.estimates or untouched.estimates["reviewed"].isna().all()


def test_annotate_with_malformed_corrections_names_the_row(corpus):
    write(review.corrections_path(corpus), [GOOD, row(table="estimates", target_id=EID1, action="maybe")])
    with pytest.raises(review.CorrectionsError, match="corrections.csv row 3: unknown action 'maybe'"):
        _load(corpus)


def test_corrections_path_is_beside_the_corpus(tmp_path):
    assert review.corrections_path(tmp_path) == tmp_path / "corrections.csv"


# ----------------------------------------------------------------------------- the panel's logic
from helpers import review_ui as ui  # noqa: E402


def test_decision_from_form_writes_only_changed_fields():
    ann = make_ann()
    r = ui.get_row(ann, "estimates", EID1)
    form = ui.form_values(r, "estimates")
    assert form["value"] == "3000" and form["claimant"] == "Budi Santoso"
    assert ui.decision_from_form("estimates", r, "correct", form) == []
    form.update(value="3500", claimant="Kirby")
    rows = ui.decision_from_form("estimates", r, "correct", form, article_text=TEXT, note="misread")
    assert [(d["field"], d["value"]) for d in rows] == [("claimant", "Kirby"), ("value", "3500")]
    assert all(d["quote"] == TEXT[N1:N1E] and d["target_id"] == EID1 and d["note"] == "misread" for d in rows)


@pytest.mark.parametrize("action", ["accept", "reject"])
def test_decision_from_form_accept_reject(action):
    r = ui.get_row(make_ann(), "statements", SID1)
    (d,) = ui.decision_from_form("statements", r, action, {"speaker": "ignored"})
    assert (d["action"], d["target_id"], d["quote"]) == (action, SID1, TEXT[S1:S1E])
    assert "field" not in d


def test_add_decisions_from_selected_sentence(tmp_path):
    rows = ui.add_decisions("statements", AID, SENT3, SENT3E, TEXT, {"speaker": "Kirby", "stated_on": ""})
    assert [d["action"] for d in rows] == ["add", "correct"]
    assert rows[0]["target_id"] == schema.statement_id(AID, SENT3, SENT3E) == rows[1]["target_id"]
    path = review.save_decisions(tmp_path / "corrections.csv", rows)
    ann = review_apply.apply_corrections(make_ann(), path)
    assert ann.statements.iloc[-1]["speaker_id"] == "kirby"


def test_item_html_highlights_span_and_escapes():
    ann = make_ann()
    ann.articles = ann.articles.assign(text=TEXT.replace("Menteri", "<script>x</script>", 1))
    # offsets shift by the replacement; build the row to match
    delta = len("<script>x</script>") - len("Menteri")
    ann.statements = ann.statements.assign(start=ann.statements["start"] + delta, end=ann.statements["end"] + delta)
    out = ui.item_html(ann, "statements", SID1)
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert ">3.000 tentara sudah tiba</mark>" in out


def test_queue_puts_unreviewed_first(tmp_path):
    ann = apply(tmp_path, [row(table="statements", target_id=SID1, action="accept")])
    q = ui.queue(ann)
    assert q["reviewed"].isna().tolist() == [True, True, True, False]
    assert q.iloc[-1]["target_id"] == SID1
    c = ui.counts(ann).set_index("table")
    assert (c.loc["statements", "accepted"], c.loc["statements", "not_reviewed"]) == (1, 1)


def test_sentence_options_cover_the_article():
    opts = ui.sentence_options(TEXT)
    assert [v for _, v in opts][-1] == (SENT3, SENT3E) and opts[0][0].startswith("  1. Menteri")


def test_panel_buttons_save_only_when_pressed(tmp_path):
    path = tmp_path / "corrections.csv"
    box = ui.review_panel(make_ann(), tmp_path, reviewer="ana")
    c = box.controls
    assert not path.exists()  # building the panel writes nothing
    c["item"].value = ("statements", SID1)
    visible = [w for w in (c["item"], c["note"], c["article"], c["sentence"]) if w.layout.display != "none"]
    assert len(visible) == 4 and c["fields"]["speaker"].layout.display != "none"
    assert c["fields"]["claimant"].layout.display == "none" and c["fields"]["speaker"].value == "Budi Santoso"
    c["item"].value = ("estimates", EID1)
    c["fields"]["value"].value = "abc"
    c["buttons"]["correct"].click()
    assert "Not saved" in c["status"].value and "not a number" in c["status"].value and not path.exists()
    c["fields"]["value"].value = "3500"
    c["buttons"]["correct"].click()
    assert "Saved 1 decision" in c["status"].value
    c["buttons"]["reject"].click()
    df = review.load_corrections(path)
    assert list(zip(df["action"], df["field"])) == [("correct", "value"), ("reject", "")]
    assert set(df["reviewer"]) == {"ana"}
    assert any(lab.startswith("✎ saved reject") for lab, _ in c["item"].options)
    c["sentence"].value = (SENT3, SENT3E)
    c["add_kind"].value = "estimates"
    c["add_fields"]["value"].value = "500"
    c["add"].click()
    ann = review_apply.apply_corrections(make_ann(), path)
    assert EID1 not in set(ann.estimates["estimate_id"])  # the later reject wins
    assert ann.estimates.iloc[-1]["value"] == 500 and ann.estimates.iloc[-1]["reviewed"] == "added"


def test_before_after_lists_each_change(tmp_path):
    base = make_ann()
    ann = review_apply.apply_corrections(base, write(tmp_path / "corrections.csv", [
        row(table="estimates", target_id=EID1, action="correct", field="value", value="3500"),
        row(table="estimates", target_id=EID2, action="reject"),
        row(table="statements", target_id=SID1, action="accept"),
    ]))
    t = ui.before_after(base, ann)
    got = set(map(tuple, t[["target_id", "reviewed", "field", "before", "after"]].values.tolist()))
    assert (EID1, "corrected", "value", "3000", "3500") in got
    assert (EID1, "corrected", "low", "3000", "3500") in got
    assert (SID1, "accepted", "", "", "") in got
    assert (EID2, "rejected", "", TEXT[N2:N2E], "") in got
    assert len(t) == 5  # value, low, high moved together


def test_decisions_change_the_charts(corpus):
    from helpers import charts

    base = _load(corpus, corrections=None)
    e1, e2 = base.estimates.iloc[0], base.estimates.iloc[1]
    review.save_decisions(review.corrections_path(corpus), [
        dict(table="estimates", target_id=e1["estimate_id"], action="reject"),
        dict(table="estimates", target_id=e2["estimate_id"], action="correct", field="value", value="987654"),
    ])

    def plotted(ann):
        data = charts.chart_data(charts.estimates_timeline(charts.prepare(ann.estimates, ann.articles), mode="reports"))
        return sorted(data["value"].dropna().astype(float))

    before, after = plotted(base), plotted(_load(corpus))
    assert 987654.0 not in before and 987654.0 in after
    assert len(after) == len(before) - 1


def test_reanchoring_keeps_the_second_speaker_of_a_clause(tmp_path):
    ann = make_ann()
    second = dict(ann.statements.iloc[1].to_dict(), statement_id=SID2 + "#2", speaker_id="us_government",
                  speaker="United States")
    ann.statements = schema.frame(ann.statements.to_dict("records") + [second], "statements")
    old = schema.statement_id(AID, S2 + 3, S2E + 3, 2)  # shifted span, second speaker
    path = write(tmp_path / "corrections.csv", [row(table="statements", target_id=old, action="reject",
                                                    quote=TEXT[S2:S2E])])
    out = review_apply.apply_corrections(ann, path)
    assert list(out.rejected["target_id"]) == [SID2 + "#2"]
    assert SID2 in set(out.statements["statement_id"])


def test_rejected_row_is_listed_and_can_be_accepted_again(tmp_path):
    path = write(tmp_path / "corrections.csv", [row(table="estimates", target_id=EID2, action="reject",
                                                    decided_at="2024-10-30T08:00:00+00:00")])
    ann = review_apply.apply_corrections(make_ann(), path)
    q = ui.queue(ann)
    assert q.iloc[-1][["target_id", "reviewed"]].tolist() == [EID2, "rejected"]
    assert "reviewed: rejected" in ui.item_html(ann, "estimates", EID2)
    (d,) = ui.decision_from_form("estimates", ui.get_row(ann, "estimates", EID2), "accept", article_text=TEXT)
    assert d["quote"] == TEXT[N2:N2E]
    review.save_decision(path, d)
    again = review_apply.apply_corrections(make_ann(), path)
    assert again.estimates.set_index("estimate_id").loc[EID2, "reviewed"] == "accepted"


# ----------------------------------------------------------------------------- reliability (issue 14)
SAVER = """
import sys, time
from pathlib import Path
from helpers import review
path, who, go = sys.argv[1], sys.argv[2], Path(sys.argv[3])
while not go.exists():
    time.sleep(0.005)
for i in range(50):
    review.save_decision(path, dict(table="statements", target_id=f"{who}:s:{i}-{i + 5}",
                                    action="accept", reviewer=who))
"""


def test_concurrent_saves_from_two_processes_lose_nothing(tmp_path):
    """Two processes each save 50 decisions, one at a time, to the same file: all 100 are kept."""
    import subprocess
    import sys

    path, go = tmp_path / "corrections.csv", tmp_path / "go"
    root = Path(__file__).resolve().parents[1]
    procs = [subprocess.Popen([sys.executable, "-c", SAVER, str(path), who, str(go)], cwd=root,
                              stderr=subprocess.PIPE, text=True) for who in ("p1", "p2")]
    go.touch()  # both start together
    for p in procs:
        _, err = p.communicate(timeout=240)
        assert p.returncode == 0, err
    df = review.load_corrections(path)
    assert len(df) == 100
    assert sorted(df["target_id"]) == sorted(f"{w}:s:{i}-{i + 5}" for w in ("p1", "p2") for i in range(50))
    assert len(review.history(path)) == 99  # every earlier version kept, none overwritten
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.parametrize("cut", [2, 3, 5])
def test_truncated_row_is_reported_as_cut_off(tmp_path, cut):
    full = [GOOD.get(c, "") for c in review.COLUMNS]
    path = write(tmp_path / "corrections.csv", [GOOD, full[:cut]])
    with pytest.raises(review.CorrectionsError, match=r"^corrections\.csv row 3: the row is cut off "
                       rf"after {cut} of {len(review.COLUMNS)} fields") as err:
        review.load_corrections(path)
    assert "unknown action" not in str(err.value)


def test_a_short_row_with_every_required_field_still_loads(tmp_path):
    full = [GOOD.get(c, "") for c in review.COLUMNS]
    path = write(tmp_path / "corrections.csv", [full[:review.COLUMNS.index("decided_at") + 1]])
    assert list(review.load_corrections(path)["action"]) == ["accept"]


@pytest.mark.parametrize("typed", ['=HYPERLINK("http://x.example","klik")', "+62 812 555", "-Budi",
                                   "@kirby", "'=already quoted"])
def test_a_formula_like_correction_is_saved_as_text(tmp_path, typed):
    path = tmp_path / "corrections.csv"
    review.save_decision(path, dict(table="statements", target_id=SID1, action="correct",
                                    field="speaker", value=typed, note=typed))
    cells = list(csv.DictReader(path.open(encoding="utf-8", newline="")))[0]
    assert cells["value"] == "'" + typed and cells["note"] == "'" + typed  # a spreadsheet shows text
    df = review.load_corrections(path)
    assert df.loc[0, "value"] == typed and df.loc[0, "note"] == typed  # read back unchanged
    ann = review_apply.apply_corrections(make_ann(), path)
    assert ann.statements.set_index("statement_id").loc[SID1, "speaker"] == typed


def test_plain_negative_numbers_are_not_quoted(tmp_path):
    path = tmp_path / "corrections.csv"
    review.save_decision(path, dict(table="estimates", target_id=EID1, action="correct", field="value",
                                    value="-5"))
    assert list(csv.DictReader(path.open(encoding="utf-8", newline="")))[0]["value"] == "-5"


def _read_only_folder(tmp_path, monkeypatch):
    """A corpus folder the process cannot write (as root, where permissions do not bind, the
    write fails as it would for anyone else)."""
    import os

    folder = tmp_path / "read-only corpus"
    folder.mkdir()
    folder.chmod(0o555)
    if os.geteuid() == 0:
        def refuse(path):
            raise PermissionError(13, "Permission denied", str(path.parent / f".{path.name}.lock"))

        monkeypatch.setattr(review, "_lock", refuse)
    return folder


def test_panel_shows_a_save_that_failed_in_a_read_only_folder(tmp_path, monkeypatch):
    folder = _read_only_folder(tmp_path, monkeypatch)
    try:
        box = ui.review_panel(make_ann(), folder, reviewer="ana")
        c = box.controls
        c["item"].value = ("estimates", EID1)
        c["buttons"]["accept"].click()
        status = c["status"].value
        assert "Not saved" in status and "Permission denied" in status and "Saved" not in status
        assert any("PermissionError" in o.get("text", "") for o in c["errors"].outputs)
        assert not (folder / "corrections.csv").exists()
        assert not any(lab.startswith("✎ saved") for lab, _ in c["item"].options)
    finally:
        folder.chmod(0o755)


def test_every_callback_error_reaches_the_panel(tmp_path, monkeypatch):
    box = ui.review_panel(make_ann(), tmp_path, reviewer="ana")
    c = box.controls

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(review, "save_decisions", broken)
    c["item"].value = ("estimates", EID1)
    c["buttons"]["reject"].click()
    assert "Not saved" in c["status"].value and "RuntimeError: disk on fire" in c["status"].value
    monkeypatch.setattr(ui, "item_html", broken)  # an error while showing a row, not saving
    c["item"].value = ("statements", SID1)
    assert "disk on fire" in c["status"].value
    assert "disk on fire" in c["errors"].outputs[-1]["text"]
    monkeypatch.undo()
    c["sentence"].value = (SENT3, SENT3E)
    c["add"].click()  # a good save afterwards clears the error
    assert c["status"].value.startswith("Saved") and c["errors"].outputs == ()


@pytest.mark.parametrize("field, value, message", [
    ("category", "casualties", "not one of"),
    ("measure", "Killed People", "not a measure id"),
])
def test_corrections_refuse_unknown_categories_and_measures(field, value, message):
    from helpers.corrections import parse_value
    with pytest.raises(ValueError, match=message):
        parse_value("estimates", field, value)
