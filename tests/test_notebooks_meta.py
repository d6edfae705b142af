"""Checks on the saved notebooks in notebooks/ (the files in git, not a fresh run).

The notebooks are the source the analyst edits: nothing generates them, and no test writes
into notebooks/ (conftest.py compares a hash of every file there before and after the
session), so an edit saved in JupyterLab survives ``make test``. Each ``.ipynb`` is paired
with a jupytext percent-format ``.py`` (notebooks/jupytext.toml) holding the same cells, for
reviewable diffs; JupyterLab saves both.

Each saved notebook must be valid nbformat, small (< 1 MB, no ``metadata.widgets`` state:
STACK.md, offline charts store ~0.9 MB of JavaScript each), free of error/stderr outputs, of
this machine's paths and of CDN script URLs (the workbook works offline), and follow the house
style: an H1 in the first (markdown) cell, a closing markdown cell on "Caveats". The briefing
notebook has a cell tagged ``parameters`` for papermill. nbval (pytest.ini) re-runs them.
"""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import jupytext
import nbformat
import pytest

NOTEBOOK_DIR = Path(__file__).resolve().parents[1] / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
IDS = [p.name for p in NOTEBOOKS]
MAX_BYTES = 1_000_000
# Absolute paths of a machine (ours or a CI runner's) that must not leak into saved outputs.
MACHINE_PATHS = re.compile(r"(?<![\w.])/(?:work|root|tmp|home/\w+)/")
CDN_URLS = re.compile(r"https?://(?:cdn\.jsdelivr\.net|unpkg\.com|cdnjs\.cloudflare\.com|"
                      r"cdn\.plot\.ly|code\.jquery\.com)", re.I)
BRIEFING = "04_briefing.ipynb"
PAIR_FORMAT = "py:percent"
SYNC = ".venv/bin/jupytext --sync notebooks/{name}"


def _read(path):
    return nbformat.read(path, as_version=4)


def _outputs(nb):
    """(cell number, output) for every output of every code cell."""
    return [(i, out) for i, cell in enumerate(nb.cells) if cell.cell_type == "code"
            for out in cell.get("outputs", [])]


def _output_text(out) -> str:
    """Everything an output shows or carries, as one string (data of all mime types, text)."""
    return json.dumps({k: out.get(k) for k in ("text", "data", "traceback", "ename", "evalue")},
                      default=str)


# --- the conventions, one function each: a list of problems (empty = fine) ---------------------
def widget_state_and_size(path) -> list[str]:
    bad = []
    if "widgets" in _read(path).metadata:
        bad.append(f"{path.name}: metadata.widgets saved (offline chart JavaScript); strip it before saving")
    if path.stat().st_size >= MAX_BYTES:
        bad.append(f"{path.name}: {path.stat().st_size:,} bytes (limit {MAX_BYTES:,})")
    return bad


def error_outputs(path) -> list[str]:
    return [f"{path.name}: cell {i}: {out.get('ename') or 'stderr'}: "
            f"{(out.get('evalue') or out.get('text') or '')[:200]!r}"
            for i, out in _outputs(_read(path))
            if out.output_type == "error" or (out.output_type == "stream" and out.name == "stderr")]


def machine_paths(path) -> list[str]:
    return [f"{path.name}: cell {i}: {m.group(0)!r} in "
            f"{_output_text(out)[max(m.start() - 60, 0):m.end() + 60]!r}"
            for i, out in _outputs(_read(path)) for m in [MACHINE_PATHS.search(_output_text(out))] if m]


def cdn_urls(path) -> list[str]:
    return [f"{path.name}: cell {i}: outputs load scripts from a CDN (blank offline): {m.group(0)}"
            for i, out in _outputs(_read(path)) for m in [CDN_URLS.search(_output_text(out))] if m]


def title_and_caveats(path) -> list[str]:
    cells = _read(path).cells
    if not cells or cells[0].cell_type != "markdown":
        return [f"{path.name}: first cell is not markdown"]
    bad = []
    if not re.match(r"#\s+\S", cells[0].source.lstrip()):
        bad.append(f"{path.name}: first cell does not start with an H1: {cells[0].source[:80]!r}")
    last = [c for c in cells if c.cell_type == "markdown"][-1]
    if "caveat" not in last.source.lower():
        bad.append(f"{path.name}: last markdown cell does not mention Caveats: {last.source[:80]!r}")
    return bad


def _cells(nb) -> list[tuple]:
    return [(c.cell_type, c.source.strip(), tuple(c.get("metadata", {}).get("tags", [])))
            for c in nb.cells]


def pair_in_sync(path) -> list[str]:
    """The paired .py holds the notebook's cells (type, source, tags), in the same order."""
    pair = path.with_suffix(".py")
    if not pair.is_file():
        return [f"{path.name}: no paired {pair.name}: run {SYNC.format(name=path.name)}"]
    ipynb, text = _cells(_read(path)), _cells(jupytext.read(pair, fmt=PAIR_FORMAT))
    if ipynb == text:
        return []
    first = next((i for i, (a, b) in enumerate(zip(ipynb, text)) if a != b), min(len(ipynb), len(text)))
    return [f"{path.name} and {pair.name} differ from cell {first} on ({len(ipynb)} vs {len(text)} "
            f"cells): save the notebook in JupyterLab, or run {SYNC.format(name=path.name)}"]


CONVENTIONS = [widget_state_and_size, error_outputs, machine_paths, cdn_urls, title_and_caveats,
               pair_in_sync]


def problems(path) -> list[str]:
    """Every convention a saved notebook breaks."""
    return [msg for check in CONVENTIONS for msg in check(path)]


# --- the saved notebooks ----------------------------------------------------------------------
def test_notebooks_exist():
    names = {p.name for p in NOTEBOOKS}
    for required in ("01_articles.ipynb", "02_estimate_changes.ipynb",
                     "03_statements_by_actor.ipynb", BRIEFING, "05_review.ipynb"):
        assert required in names, f"notebooks/{required} is missing"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_valid_nbformat(path):
    nbformat.validate(_read(path))


@pytest.mark.parametrize("check", CONVENTIONS, ids=[c.__name__ for c in CONVENTIONS])
@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_convention(path, check):
    bad = check(path)
    assert not bad, "; ".join(bad)


def test_briefing_has_parameters_cell():
    path = NOTEBOOK_DIR / BRIEFING
    if not path.is_file():
        pytest.fail(f"notebooks/{BRIEFING} is missing")
    tagged = [c for c in _read(path).cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1, f"{BRIEFING}: {len(tagged)} cells tagged 'parameters' (want 1)"
    assert tagged[0].cell_type == "code", f"{BRIEFING}: the 'parameters' cell is not code"


def test_notebooks_folder_holds_only_notebooks_and_their_pairs():
    """No generator script beside the notebooks (one would overwrite the analyst's edits)."""
    stems = {p.stem for p in NOTEBOOKS}
    extra = [p.name for p in NOTEBOOK_DIR.iterdir() if not p.name.startswith(".")
             and p.name != "jupytext.toml" and not (p.suffix in (".ipynb", ".py") and p.stem in stems)]
    assert not extra, f"notebooks/ holds files that are neither notebooks nor their pairs: {extra}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_interactive_cells_are_one_call(path):
    """Widget callbacks live in helpers.workbook (tested), not in notebook cells."""
    src = "\n".join(c.source for c in _read(path).cells if c.cell_type == "code")
    found = re.findall(r"^\s*def \w+|widgets\.interact|\.observe\(|\.on_click\(", src, re.M)
    assert not found, f"{path.name}: callbacks in the notebook ({found}); move them to a helper"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_loads_through_the_workbook_loader(path):
    src = "\n".join(c.source for c in _read(path).cells if c.cell_type == "code")
    assert "workbook.load(" in src, f"{path.name}: does not load its corpus with workbook.load"
    assert not re.search(r"helpers\.annotate\(|load_corpus\(|briefing\.load\(", src), (
        f"{path.name}: loads the corpus by hand; use workbook.load(CORPUS, ...)")


# --- an analyst's edit, saved as JupyterLab saves it ------------------------------------------
@pytest.fixture
def edited(tmp_path):
    """A copy of notebooks/ in which 02 was opened, given a note and saved through jupytext's
    contents manager: what JupyterLab (with jupytext, requirements.txt) does on Save."""
    from jupytext import TextFileContentsManager

    folder = tmp_path / "notebooks"
    shutil.copytree(NOTEBOOK_DIR, folder, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    cm = TextFileContentsManager(root_dir=str(folder))
    name = "02_estimate_changes.ipynb"
    model = cm.get(name)
    nb = model["content"]
    nb.cells.insert(len(nb.cells) - 1, nbformat.v4.new_markdown_cell("Analyst's note: Kirby said 3,000 first."))
    nb.cells.insert(len(nb.cells) - 1, nbformat.v4.new_code_cell("len(est)"))
    cm.save({"type": "notebook", "format": "json", "content": nb}, name)
    return folder / name


def test_an_edit_saved_in_jupyterlab_keeps_the_conventions(edited):
    assert problems(edited) == []
    assert "Kirby said 3,000 first" in edited.with_suffix(".py").read_text(encoding="utf-8")
    assert "Kirby said 3,000 first" in _read(edited).cells[-3].source


def test_an_edit_made_outside_jupytext_is_reported(edited):
    nb = _read(edited)
    nb.cells[-3].source = "Changed in another editor."
    nbformat.write(nb, edited)
    assert "differ from cell" in " ".join(pair_in_sync(edited))


def test_the_checks_catch_broken_conventions(edited):
    nb = _read(edited)
    nb.cells.append(nbformat.v4.new_markdown_cell("A note at the very end."))
    nb.cells[0].source = "Intro without a title"
    nb.metadata["widgets"] = {"state": {}}
    nbformat.write(nb, edited)
    found = " ".join(problems(edited))
    for msg in ("does not start with an H1", "does not mention Caveats", "metadata.widgets", "differ"):
        assert msg in found


# --- the checks themselves must be able to fail --------------------------------------------
def test_notebooks_digest_sees_a_rewrite(tmp_path):
    from conftest import notebooks_digest  # the session check of conftest.py

    (tmp_path / "a.ipynb").write_text("{}")
    before = notebooks_digest(tmp_path)
    assert notebooks_digest(tmp_path) == before
    (tmp_path / "a.ipynb").write_text('{"cells": []}')
    assert notebooks_digest(tmp_path) != before


@pytest.mark.parametrize("text, bad", [
    ('{"text": "saved in /work/main/build/x.png"}', True),
    ('{"text": "/root/.cache/x"}', True),
    ('{"text": "/tmp/warta-lab-1/notebooks"}', True),
    ('{"text": "/home/runner/work"}', True),
    ('{"text": "see build/briefing.html"}', False),
    ('{"text": "https://example.org/tmp/x"}', False),
    ('{"text": "2024/10/28"}', False),
])
def test_machine_path_pattern(text, bad):
    assert bool(MACHINE_PATHS.search(text)) is bad


@pytest.mark.parametrize("text, bad", [
    ('<script src="https://cdn.jsdelivr.net/npm/vega@6"></script>', True),
    ("require.config({paths: {vega: 'https://cdn.jsdelivr.net/npm/vega@5?noext'}})", True),
    ('<script src="https://unpkg.com/x"></script>', True),
    ('<a href="https://www.kompas.com/x">Kompas</a>', False),
])
def test_cdn_pattern(text, bad):
    assert bool(CDN_URLS.search(text)) is bad
