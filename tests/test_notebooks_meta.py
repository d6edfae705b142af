"""Checks on the saved notebooks in notebooks/ (the files in git, not a fresh run).

Each saved notebook must be valid nbformat, small (< 1 MB, no ``metadata.widgets`` state:
STACK.md, offline charts store ~0.9 MB of JavaScript each), free of error/stderr outputs, of
this machine's paths and of CDN script URLs (the workbook works offline), and follow the house
style: an H1 in the first (markdown) cell, a closing markdown cell on "Caveats". The briefing
notebook has a cell tagged ``parameters`` for papermill. nbval (pytest.ini) re-runs them.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

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


def test_notebooks_exist():
    names = {p.name for p in NOTEBOOKS}
    for required in ("02_estimate_changes.ipynb", "03_statements_by_actor.ipynb", BRIEFING):
        assert required in names, f"notebooks/{required} is missing"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_valid_nbformat(path):
    nbformat.validate(_read(path))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_small_and_without_widget_state(path):
    nb = _read(path)
    assert "widgets" not in nb.metadata, (
        f"{path.name}: metadata.widgets saved (offline chart JavaScript); strip it before saving")
    size = path.stat().st_size
    assert size < MAX_BYTES, f"{path.name}: {size:,} bytes (limit {MAX_BYTES:,})"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_no_error_outputs(path):
    bad = [f"cell {i}: {out.get('ename') or 'stderr'}: "
           f"{(out.get('evalue') or out.get('text') or '')[:200]!r}"
           for i, out in _outputs(_read(path))
           if out.output_type == "error" or (out.output_type == "stream" and out.name == "stderr")]
    assert not bad, f"{path.name}: " + "; ".join(bad)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_no_machine_paths_in_outputs(path):
    bad = [f"cell {i}: {m.group(0)!r} in {_output_text(out)[max(m.start() - 60, 0):m.end() + 60]!r}"
           for i, out in _outputs(_read(path))
           for m in [MACHINE_PATHS.search(_output_text(out))] if m]
    assert not bad, f"{path.name}: " + "; ".join(bad)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_no_cdn_urls_in_outputs(path):
    bad = [f"cell {i}: {m.group(0)}" for i, out in _outputs(_read(path))
           for m in [CDN_URLS.search(_output_text(out))] if m]
    assert not bad, f"{path.name}: outputs load scripts from a CDN (blank offline): " + "; ".join(bad)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_opens_with_h1_and_closes_with_caveats(path):
    cells = _read(path).cells
    assert cells and cells[0].cell_type == "markdown", f"{path.name}: first cell is not markdown"
    assert re.match(r"#\s+\S", cells[0].source.lstrip()), (
        f"{path.name}: first cell does not start with an H1: {cells[0].source[:80]!r}")
    markdown = [c for c in cells if c.cell_type == "markdown"]
    assert "caveat" in markdown[-1].source.lower(), (
        f"{path.name}: last markdown cell does not mention Caveats: {markdown[-1].source[:80]!r}")


def test_briefing_has_parameters_cell():
    path = NOTEBOOK_DIR / BRIEFING
    if not path.is_file():
        pytest.fail(f"notebooks/{BRIEFING} is missing")
    tagged = [c for c in _read(path).cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1, f"{BRIEFING}: {len(tagged)} cells tagged 'parameters' (want 1)"
    assert tagged[0].cell_type == "code", f"{BRIEFING}: the 'parameters' cell is not code"


# --- the checks themselves must be able to fail --------------------------------------------
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
