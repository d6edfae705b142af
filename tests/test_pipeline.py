"""pipeline: duplicates, process pool parity, CSV round trip, default gazetteer."""
from pathlib import Path

import pandas as pd
import pytest

from helpers import pipeline as A, schema
from helpers.tables import load_annotations

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture(scope="module")
def seeds_annotations():
    from helpers import load_actors, load_corpus

    return A.annotate(load_corpus(SEEDS), load_actors(SEEDS / "actors.yaml"), corrections=None)


def test_tables_have_exact_columns(seeds_annotations):
    ann = seeds_annotations
    assert list(ann.mentions.columns) == schema.MENTIONS
    assert list(ann.statements.columns)[: len(schema.STATEMENTS)] == schema.STATEMENTS
    assert list(ann.estimates.columns)[: len(schema.ESTIMATES)] == schema.ESTIMATES
    assert ann.statements["statement_id"].is_unique
    assert ann.estimates["estimate_id"].is_unique


def test_offsets_slice_back(seeds_annotations):
    ann = seeds_annotations
    texts = dict(zip(ann.articles.article_id, ann.articles.text))
    for r in ann.statements.itertuples():
        assert texts[r.article_id][r.start:r.end] == r.text
    for r in ann.mentions.itertuples():
        assert texts[r.article_id][r.start:r.end] == r.surface


def test_jobs_two_gives_same_tables(seeds_annotations):
    from helpers import load_actors, load_corpus

    # many copies so the pool really splits the work
    arts = load_corpus(SEEDS)
    many = pd.concat([arts.assign(article_id=arts.article_id + f"_{i}") for i in range(6)], ignore_index=True)
    one = A.annotate(many, load_actors(SEEDS / "actors.yaml"), jobs=1, corrections=None)
    two = A.annotate(many, load_actors(SEEDS / "actors.yaml"), jobs=2, corrections=None)
    pd.testing.assert_frame_equal(one.statements, two.statements)
    pd.testing.assert_frame_equal(one.estimates, two.estimates)


def test_duplicate_articles_not_counted_twice(seeds_annotations):
    from helpers import load_actors

    arts = seeds_annotations.articles
    dup = arts.iloc[[0]].assign(article_id="copy", duplicate_of=arts.article_id.iloc[0])
    ann = A.annotate(pd.concat([arts, dup], ignore_index=True), load_actors(SEEDS / "actors.yaml"), corrections=None)
    assert "copy" not in set(ann.statements.article_id)
    assert len(ann.statements) == len(seeds_annotations.statements)


def test_csv_round_trip(seeds_annotations, tmp_path):
    seeds_annotations.to_csv(tmp_path)
    back = load_annotations(tmp_path)
    for name in ("statements", "estimates", "mentions"):
        a, b = getattr(seeds_annotations, name), getattr(back, name)
        assert list(a.columns)[: len(schema.COLUMNS[name])] == list(b.columns)[: len(schema.COLUMNS[name])]
        assert len(a) == len(b)
    assert back.estimates["as_of"].dtype.kind == "M"


def test_default_gazetteer_is_the_corpus_actors_yaml(seeds_annotations):
    from helpers import load_corpus

    ann = A.annotate(load_corpus(SEEDS), corrections=None)
    assert ann.statements["listed"].sum() == seeds_annotations.statements["listed"].sum() > 0
    bare = load_corpus(SEEDS)
    bare.attrs.pop("corpus")
    assert not A.annotate(bare, corrections=None).statements["listed"].any()


def test_jobs_are_capped_at_the_cpu_count(monkeypatch):
    """jobs=1000 must not start 1,000 processes: no more workers than CPUs, with a warning."""
    from helpers import load_actors, load_corpus

    started = []

    class Pool:  # stands in for ProcessPoolExecutor, in this process
        def __init__(self, max_workers, initializer, initargs):
            started.append(max_workers)
            initializer(*initargs)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def map(self, fn, chunks):
            return map(fn, chunks)

    arts = load_corpus(SEEDS)
    many = pd.concat([arts.assign(article_id=arts.article_id + f"_{i}") for i in range(6)], ignore_index=True)
    monkeypatch.setattr(A, "ProcessPoolExecutor", Pool)
    monkeypatch.setattr(A.os, "cpu_count", lambda: 2)
    with pytest.warns(UserWarning, match="jobs=1000 is more than the 2 CPU"):
        got = A.annotate(many, load_actors(SEEDS / "actors.yaml"), jobs=1000, corrections=None)
    assert started == [2]
    assert len(got.statements) == 6 * len(A.annotate(arts, load_actors(SEEDS / "actors.yaml"),
                                                     corrections=None).statements)


@pytest.mark.parametrize("typed", ['=HYPERLINK("http://x.example","klik")', "+62 812 555", "-Budi",
                                   "@kirby", "\t=1+1", "'=already quoted", "''@two quotes"])
def test_csv_tables_write_formula_like_text_as_text(seeds_annotations, tmp_path, typed):
    """A spreadsheet opening statements.csv must show the speaker, not run it; reading the
    tables back gives the text unchanged."""
    import csv

    ann = seeds_annotations
    st = ann.statements.copy()
    st.loc[0, "speaker"] = typed
    st.loc[0, "cited_source"] = typed
    ann2 = type(ann)(articles=ann.articles, actors=ann.actors, mentions=ann.mentions,
                     statements=st, estimates=ann.estimates)
    ann2.to_csv(tmp_path)
    with open(tmp_path / "statements.csv", encoding="utf-8", newline="") as fh:
        first = next(csv.DictReader(fh))
    assert first["speaker"] == "'" + typed and first["cited_source"] == "'" + typed
    back = load_annotations(tmp_path)
    assert back.statements.loc[0, "speaker"] == typed and back.statements.loc[0, "cited_source"] == typed
    assert back.estimates["value"].tolist() == ann.estimates["value"].tolist()  # numbers untouched
