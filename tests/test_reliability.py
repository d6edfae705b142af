"""Reliability across modules (issue 14): the Makefile with a corpus folder whose name has
spaces. The other promises of README "Reliability" are tested beside their modules:
test_review (locked concurrent saves, truncated rows, formula cells, the panel's errors),
test_cache (atomic cache entries, shared cache), test_cli (atomic tables + manifest, Ctrl-C,
--jobs cap), test_briefing (escaping, offline page, failed runs), test_corpus (NUL bytes,
UTF-16 without BOM, links out of the corpus, future dates, long articles), test_actors (NFC,
fast reload), test_render (bidi controls), test_pipeline (jobs cap, formula cells in tables).
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FAKE = f"""#!{sys.executable}
import json, os, sys
with open(os.environ["WARTA_FAKE_OUT"], "w") as fh:
    json.dump({{"argv": sys.argv[1:], "WARTA_CORPUS": os.environ.get("WARTA_CORPUS")}}, fh)
"""


@pytest.fixture()
def fake_bin(tmp_path):
    """A stand-in for .venv/bin whose python and jupyter only record how they were called."""
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    bin_dir = tmp_path / "fakebin"  # a make target: no spaces here
    bin_dir.mkdir()
    for name in ("python", "jupyter"):
        (bin_dir / name).write_text(FAKE, encoding="utf-8")
        (bin_dir / name).chmod(0o755)
    installed = bin_dir / ".installed"
    installed.touch()
    t = (ROOT / "requirements.txt").stat().st_mtime + 60  # newer: make installs nothing
    os.utime(installed, (t, t))
    return bin_dir


def _make(target, corpus, fake_bin, tmp_path):
    record = tmp_path / "called.json"
    proc = subprocess.run(["make", "--no-print-directory", "-C", str(ROOT), target, f"BIN={fake_bin}",
                           f"CORPUS={corpus}"], capture_output=True, text=True, timeout=60,
                          env=dict(os.environ, WARTA_FAKE_OUT=str(record)))
    assert proc.returncode == 0, proc.stderr
    return json.loads(record.read_text(encoding="utf-8"))


@pytest.mark.parametrize("target, args", [
    ("annotate", ["-m", "helpers", "annotate", "{corpus}", "--out", "build/tables"]),
    ("briefing", ["-m", "helpers", "briefing", "{corpus}", "--out", "build"]),
])
def test_make_passes_a_corpus_with_spaces_as_one_argument(tmp_path, fake_bin, target, args):
    corpus = tmp_path / "berita banjir Oktober 2024"
    corpus.mkdir()
    called = _make(target, corpus, fake_bin, tmp_path)
    assert called["argv"] == [a.format(corpus=corpus) for a in args]


def test_make_lab_hands_a_corpus_with_spaces_to_the_notebooks(tmp_path, fake_bin):
    corpus = tmp_path / "berita banjir"
    corpus.mkdir()
    called = _make("lab", corpus, fake_bin, tmp_path)
    assert called["WARTA_CORPUS"] == str(corpus.resolve())
    assert called["argv"][:2] == ["lab", "--ip=127.0.0.1"]
