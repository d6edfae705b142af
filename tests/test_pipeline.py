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
