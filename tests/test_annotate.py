"""annotate: repeat groups, duplicates, process pool parity, CSV round trip."""
from pathlib import Path

import pandas as pd
import pytest

import importlib
from helpers import schema

A = importlib.import_module("helpers.annotate")
SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def _st(rows):
    return schema.frame(rows, "statements")


def _est(rows):
    return schema.frame(rows, "estimates")


SAID = "kami melihat bukti bahwa pasukan sudah berada di wilayah timur"


@pytest.mark.parametrize(
    "a, b, same",
    [
        (dict(speaker_id="kirby", text=SAID), dict(speaker_id="kirby", text=SAID), True),
        (dict(speaker_id="kirby", text=SAID), dict(speaker_id="kirby", text=SAID + " kemarin"), True),
        (dict(speaker_id="kirby", text=SAID), dict(speaker_id="singh", text=SAID), False),
        (dict(speaker_id="kirby", text=SAID), dict(speaker_id="kirby", text="harga beras naik lagi pekan ini di pasar"), False),
        (dict(speaker="Budi Santoso", text=SAID), dict(speaker="budi santoso", text=SAID), True),
    ],
)
def test_statement_repeat_groups(a, b, same):
    st = _st([dict(a, statement_id="x:s:0-10"), dict(b, statement_id="y:s:5-15")])
    g = A.statement_repeat_groups(st)
    assert (g[0] == g[1]) is same
    assert g[0] == "g:x:s:0-10"  # labelled by the smallest id in the group


@pytest.mark.parametrize(
    "a, b, same",
    [
        (dict(claimant_id="us", value=3000.0, category="deployed"), dict(claimant_id="us", value=3000.0, category="deployed"), True),
        (dict(claimant_id="us", value=3000.0, category="deployed"), dict(claimant_id="us", value=10000.0, category="deployed"), False),
        (dict(claimant_id="us", value=3000.0, category="deployed"), dict(claimant_id="kr", value=3000.0, category="deployed"), False),
        (dict(claimant_id="us", value=3000.0, category="deployed"), dict(claimant_id="us", value=3000.0, category="planned"), False),
        (dict(value=3000.0, category="deployed", sentence="a"), dict(value=3000.0, category="deployed", sentence="b"), False),
        (dict(value=3000.0, category="deployed", sentence="a"), dict(value=3000.0, category="deployed", sentence="a"), True),
    ],
)
def test_estimate_repeat_groups(a, b, same):
    est = _est([dict(a, estimate_id="x:e:0-5"), dict(b, estimate_id="y:e:0-5")])
    g = A.estimate_repeat_groups(est)
    assert (g[0] == g[1]) is same


def test_a_statement_repeated_by_hundreds_of_articles_is_one_group():
    rows = [dict(speaker_id="nk", speaker="North Korea", text="semua laporan tersebut palsu",
                 statement_id=f"a{i:03d}:s:0-27") for i in range(450)]
    rows.append(dict(speaker_id="nk", speaker="North Korea", text="semua laporan tersebut palsu belaka",
                     statement_id="b:s:0-35"))  # near-identical words: the same statement
    rows.append(dict(speaker_id="ru", speaker="Russia", text="semua laporan tersebut palsu",
                     statement_id="c:s:0-27"))  # another speaker: another statement
    g = A.statement_repeat_groups(_st(rows))
    assert g.iloc[:451].nunique() == 1 and g.iloc[0] == "g:a000:s:0-27"
    assert g.iloc[451] != g.iloc[0]


def test_empty_tables_have_groups_column():
    assert A.statement_repeat_groups(_st([])).empty
    assert A.estimate_repeat_groups(_est([])).empty


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
    back = A.load_annotations(tmp_path)
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
