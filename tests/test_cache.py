"""Tests for helpers.cache through ``annotate(..., cache=DIR)``: the cached result equals an
uncached run; only new or changed articles are annotated again; removed articles leave the
cache; a new gazetteer starts a new generation; a damaged cache is ignored with a warning; the
cache never goes inside the corpus folder."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import helpers
from helpers import cache as cache_mod

from helpers import pipeline as annotate_mod
SEEDS = Path(__file__).resolve().parents[1] / "seeds"
TABLES = ("mentions", "statements", "estimates")


@pytest.fixture()
def corpus():
    return helpers.load_corpus(SEEDS), helpers.load_actors(SEEDS / "actors.yaml")


@pytest.fixture()
def counted(monkeypatch):
    """Count the articles handed to the extractors."""
    seen = []
    real = annotate_mod._run

    def run(articles, actors, jobs, *rest, **kwargs):
        seen.extend(a["article_id"] for a in articles)
        return real(articles, actors, jobs, *rest, **kwargs)

    monkeypatch.setattr(annotate_mod, "_run", run)
    return seen


def _store(root) -> cache_mod.Store:
    """The Store of the one cache generation under ``root``."""
    gens = [p for p in Path(root).iterdir() if p.is_dir()]
    assert len(gens) == 1, gens
    store = cache_mod.Store.__new__(cache_mod.Store)
    store.dir = gens[0]
    return store


def _same(a, b):
    for t in TABLES:
        pd.testing.assert_frame_equal(getattr(a, t), getattr(b, t))


def test_cached_equals_uncached_and_second_run_annotates_nothing(corpus, tmp_path, counted):
    arts, actors = corpus
    ref = helpers.annotate(arts, actors, corrections=None)
    counted.clear()
    cold = helpers.annotate(arts, actors, corrections=None, cache=tmp_path)
    assert len(counted) == len(arts)
    counted.clear()
    warm = helpers.annotate(arts, actors, corrections=None, cache=tmp_path)
    assert counted == []
    _same(ref, cold)
    _same(ref, warm)


def test_changed_and_new_articles_only_are_annotated(corpus, tmp_path, counted):
    arts, actors = corpus
    helpers.annotate(arts, actors, corrections=None, cache=tmp_path)
    changed = arts.copy()
    changed.loc[1, "text"] = changed.loc[1, "text"] + "\nJohn Kirby mengatakan bahwa 5.000 tentara tiba."
    extra = changed.iloc[[0]].assign(article_id="new_article", file="new_article.txt")
    changed = pd.concat([changed, extra], ignore_index=True)
    counted.clear()
    got = helpers.annotate(changed, actors, corrections=None, cache=tmp_path)
    assert sorted(counted) == sorted([arts.loc[1, "article_id"], "new_article"])
    _same(helpers.annotate(changed, actors, corrections=None), got)
    assert 5000 in set(got.estimates["value"].dropna())


def test_removed_article_leaves_the_cache(corpus, tmp_path):
    arts, actors = corpus
    helpers.annotate(arts, actors, corrections=None, cache=tmp_path)
    fewer = arts.iloc[1:].reset_index(drop=True)
    got = helpers.annotate(fewer, actors, corrections=None, cache=tmp_path)
    assert arts.loc[0, "article_id"] not in set(got.statements["article_id"])
    stored = _store(tmp_path).read()
    assert len(stored["keys"]) == len(fewer)
    assert arts.loc[0, "article_id"] not in set(stored["statements"]["article_id"])


def test_new_gazetteer_is_a_new_generation(corpus, tmp_path, counted):
    arts, actors = corpus
    helpers.annotate(arts, actors, corrections=None, cache=tmp_path)
    fewer_actors = actors[actors["actor_id"] != "john_kirby"].reset_index(drop=True)
    counted.clear()
    got = helpers.annotate(arts, fewer_actors, corrections=None, cache=tmp_path)
    assert len(counted) == len(arts)
    assert "john_kirby" not in set(got.statements["speaker_id"].dropna())
    assert len([p for p in tmp_path.iterdir() if p.is_dir()]) == 2


def test_damaged_cache_is_ignored_with_a_warning(corpus, tmp_path):
    arts, actors = corpus
    ref = helpers.annotate(arts, actors, corrections=None, cache=tmp_path)
    store = _store(tmp_path)
    (store.current() / "statements.parquet").write_bytes(b"not parquet")
    with pytest.warns(UserWarning, match="ignoring the annotation cache"):
        got = helpers.annotate(arts, actors, corrections=None, cache=tmp_path)
    _same(ref, got)
    assert _store(tmp_path).read() is not None  # rebuilt


def test_default_cache_is_outside_the_corpus(monkeypatch, tmp_path):
    monkeypatch.delenv("WARTA_CACHE", raising=False)
    d = cache_mod.default_dir().resolve()
    assert SEEDS.resolve() not in (d, *d.parents)
    monkeypatch.setenv("WARTA_CACHE", str(tmp_path))
    assert cache_mod.default_dir() == tmp_path


def test_article_key_changes_with_what_the_extractors_read():
    base = dict(article_id="a", text="x", published=pd.Timestamp("2024-10-24"), outlet="O")
    k = cache_mod.article_key(base)
    assert k == cache_mod.article_key(dict(base))
    for field, value in (("text", "y"), ("published", pd.NaT), ("outlet", None), ("article_id", "b")):
        assert cache_mod.article_key(dict(base, **{field: value})) != k


def test_repeat_groups_are_reused_only_for_the_same_rows(corpus, tmp_path, monkeypatch):
    arts, actors = corpus
    helpers.annotate(arts, actors, corrections=None, cache=tmp_path)
    changed = arts.copy()
    changed.loc[0, "text"] = changed.loc[0, "text"] + "\nJohn Kirby mengatakan bahwa pasukan tiba."
    ref, ref_changed = (helpers.annotate(a, actors, corrections=None) for a in (arts, changed))
    calls = []
    real = annotate_mod.statement_repeat_groups
    monkeypatch.setattr(annotate_mod, "statement_repeat_groups", lambda st: calls.append(1) or real(st))
    again = helpers.annotate(arts, actors, corrections=None, cache=tmp_path)
    assert calls == []  # same rows: read back
    _same(ref, again)
    got = helpers.annotate(changed, actors, corrections=None, cache=tmp_path)
    assert calls == [1]  # other rows: computed again
    _same(ref_changed, got)


def test_fingerprint_covers_every_module_the_extractors_import():
    """Every helpers module that running annotate_article loads (seen in a fresh interpreter's
    sys.modules, not by reading the code) and every lexicon file is fingerprinted."""
    import subprocess
    import sys

    code = ("import sys, helpers.extract as e, helpers.actors as a, pandas as pd\n"
            "e.annotate_article({'article_id': 'x', 'text': 'Kata Budi, 3.000 tentara tiba.', "
            "'published': pd.Timestamp('2024-10-24'), 'language': 'id'}, a.Gazetteer())\n"
            "print(' '.join(sorted(m for m in sys.modules if m.startswith('helpers.'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(cache_mod.__file__).parents[1]).stdout.split()
    loaded = {m.split(".")[1] for m in out} - {"actors"}  # the gazetteer is fingerprinted as data
    files = {p.stem if p.name != "__init__.py" else p.parent.name for p in cache_mod.extractor_files()}
    assert loaded and loaded <= files, sorted(loaded - files)
    lexicons = {p.name for p in (Path(cache_mod.__file__).parent / "lexicon").glob("*.yaml")}
    assert lexicons and lexicons <= {p.name for p in cache_mod.extractor_files()}


def test_fingerprint_changes_with_a_lexicon_file(tmp_path, monkeypatch):
    """Editing a lexicon file must give a new cache generation (stale rows otherwise)."""
    before = cache_mod._code_fingerprint()
    lex = Path(cache_mod.__file__).parent / "lexicon" / "id.yaml"
    original = lex.read_bytes()
    try:
        lex.write_bytes(original + b"\n# a comment changes the bytes\n")
        assert cache_mod._code_fingerprint() != before
    finally:
        lex.write_bytes(original)
    assert cache_mod._code_fingerprint() == before


def test_unwritable_cache_warns_and_annotates_anyway(corpus, tmp_path):
    arts, actors = corpus
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.warns(UserWarning, match="cannot write the annotation cache"):
        got = helpers.annotate(arts, actors, corrections=None, cache=blocker / "cache")
    _same(helpers.annotate(arts, actors, corrections=None), got)


# ----------------------------------------------------------------------------- reliability (issue 14)
def _changed(arts):
    changed = arts.copy()
    changed.loc[1, "text"] = changed.loc[1, "text"] + "\nJohn Kirby mengatakan bahwa 5.000 tentara tiba."
    return changed


@pytest.mark.parametrize("failure", [OSError(28, "No space left on device"), KeyboardInterrupt()],
                         ids=["disk full", "interrupted"])
def test_an_interrupted_cache_write_leaves_the_previous_entry(corpus, tmp_path, monkeypatch, failure):
    """The cache write stops between two table files: the next run is still right."""
    arts, actors = corpus
    helpers.annotate(arts, actors, corrections=None, cache=tmp_path)
    changed = _changed(arts)
    real, calls = pd.DataFrame.to_parquet, []

    def stops_after_one_file(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise failure
        return real(self, *args, **kwargs)

    monkeypatch.setattr(pd.DataFrame, "to_parquet", stops_after_one_file)
    if isinstance(failure, KeyboardInterrupt):
        with pytest.raises(KeyboardInterrupt):
            helpers.annotate(changed, actors, corrections=None, cache=tmp_path)
    else:
        with pytest.warns(UserWarning, match="cannot write the annotation cache"):
            helpers.annotate(changed, actors, corrections=None, cache=tmp_path)
    monkeypatch.undo()
    assert len(calls) >= 2
    got = helpers.annotate(changed, actors, corrections=None, cache=tmp_path)
    _same(helpers.annotate(changed, actors, corrections=None), got)
    _same(helpers.annotate(arts, actors, corrections=None),
          helpers.annotate(arts, actors, corrections=None, cache=tmp_path))
    left = [p.name for p in _store(tmp_path).dir.iterdir()]
    assert not [n for n in left if n.startswith(".new-") or n.endswith((".partial", ".tmp"))], left
    assert len([n for n in left if n.startswith("entry-")]) == 1, left


SHARED_CACHE_RUN = """
import sys, time
from pathlib import Path
import pandas as pd
import helpers
seeds, cache, variant, go = Path(sys.argv[1]), sys.argv[2], sys.argv[3], Path(sys.argv[4])
arts, actors = helpers.load_corpus(seeds), helpers.load_actors(seeds / "actors.yaml")
if variant == "b":
    arts.loc[1, "text"] = arts.loc[1, "text"] + "\\nJohn Kirby mengatakan bahwa 5.000 tentara tiba."
    arts = arts.iloc[1:].reset_index(drop=True)
ref = helpers.annotate(arts, actors, corrections=None)
real = pd.DataFrame.to_parquet
def slow(self, *a, **k):  # widen the window between two table files
    out = real(self, *a, **k)
    time.sleep(0.03)
    return out
pd.DataFrame.to_parquet = slow
while not go.exists():
    time.sleep(0.005)
for i in range(8):
    got = helpers.annotate(arts, actors, corrections=None, cache=cache)
    for t in ("mentions", "statements", "estimates"):
        pd.testing.assert_frame_equal(getattr(ref, t), getattr(got, t), obj=f"run {i} {t}")
"""


def test_two_runs_sharing_a_cache_do_not_mix_their_tables(tmp_path):
    import subprocess
    import sys

    go = tmp_path / "go"
    root = Path(__file__).resolve().parents[1]
    procs = [subprocess.Popen([sys.executable, "-c", SHARED_CACHE_RUN, str(SEEDS), str(tmp_path / "cache"),
                               v, str(go)], cwd=root, stderr=subprocess.PIPE, text=True) for v in "ab"]
    go.touch()
    for p in procs:
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, err[-3000:]
