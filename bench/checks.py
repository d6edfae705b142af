"""Scale checks of what the analyst sees: chart specs and notebook re-runs on the bench corpus.

``chart_specs(ann)`` builds the main charts of :mod:`helpers.charts` on the annotations and
records build time and the size of each Vega-Lite spec (a chart that embeds every row of a
10,000-article corpus is multi-megabyte and freezes the browser; an error such as Altair's
``MaxRowsError`` is recorded, not raised).

``run_notebooks(corpus, out_dir)`` executes every ``notebooks/0*.ipynb`` top to bottom on a
fresh kernel (nbclient, as ``jupyter nbconvert --execute`` does) against the bench corpus and
records seconds per notebook, the slowest cells and the size of the executed notebook. The
notebooks find their corpus through ``helpers.workbook.default_corpus()``; when that honours
the ``WARTA_CORPUS`` environment variable the notebooks run unchanged, otherwise the bench
runs a copy with one cell that sets ``CORPUS`` (and says so in the result). The parameters
of 04_briefing are set so its PNG/CSV files go under ``out_dir``, not the repo's build/.
"""
from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = REPO / "notebooks"
ENV_VAR = "WARTA_CORPUS"


def chart_specs(ann) -> dict:
    try:
        from helpers import charts
    except ImportError as exc:
        return {"error": f"helpers.charts not importable: {exc}"}
    st = charts.prepare(ann.statements, ann.articles)
    est = charts.prepare(ann.estimates, ann.articles)
    builders = {
        "corpus_overview": lambda: charts.corpus_overview(ann.articles, st, est),
        "estimates_timeline": lambda: charts.estimates_timeline(est),
        "estimates_timeline (every report)": lambda: charts.estimates_timeline(est, mode="reports"),
        "statements_by_actor": lambda: charts.statements_by_actor(st),
        "statements_by_actor (outlet)": lambda: charts.statements_by_actor(st, stack="outlet"),
        "statements_over_time": lambda: charts.statements_over_time(st),
    }
    out = {}
    for name, build in builders.items():
        t = time.perf_counter()
        try:
            spec = build().to_dict()
            text = json.dumps(spec)
            out[name] = {"build_s": round(time.perf_counter() - t, 3),
                         "spec_kb": round(len(text.encode("utf-8")) / 1024, 1),
                         "rows": _rows(spec)}
        except Exception as exc:  # noqa: BLE001 - any failure is a finding to report
            out[name] = {"build_s": round(time.perf_counter() - t, 3),
                         "error": f"{type(exc).__name__}: {str(exc)[:300]}"}
    return out


def _rows(spec) -> int:
    """Inline data rows in a spec (top-level and datasets)."""
    n = 0
    data = spec.get("data") or {}
    if isinstance(data.get("values"), list):
        n += len(data["values"])
    for values in (spec.get("datasets") or {}).values():
        n += len(values)
    return n


def env_honoured(corpus) -> bool:
    """Does helpers.workbook.default_corpus() return $WARTA_CORPUS when it is set?"""
    code = "from helpers import workbook; print(workbook.default_corpus())"
    env = dict(os.environ, **{ENV_VAR: str(Path(corpus).resolve())})
    try:
        res = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                             text=True, cwd=NOTEBOOKS, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return False
    return res.returncode == 0 and Path(res.stdout.strip()).resolve() == Path(corpus).resolve()


def _prepare(nb, corpus: Path, out_dir: Path, inject: bool):
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        if cell.cell_type == "code" and "parameters" in cell.get("metadata", {}).get("tags", []):
            cell.source += f"\nout_dir = {str(out_dir)!r}  # bench"
            if inject:
                cell.source += f"\ncorpus = {str(corpus)!r}  # bench"
            return nb
    if inject:
        from nbformat.v4 import new_code_cell

        for i, cell in enumerate(nb.cells):
            if cell.cell_type == "code" and "CORPUS" in cell.source:
                nb.cells.insert(i + 1, new_code_cell(f"CORPUS = {str(corpus)!r}  # bench"))
                break
    return nb


def _cell_seconds(cell) -> float | None:
    ex = cell.get("metadata", {}).get("execution", {})
    a, b = ex.get("iopub.execute_input"), ex.get("shell.execute_reply")
    if not a or not b:
        return None
    parse = lambda s: datetime.fromisoformat(s.replace("Z", "+00:00"))  # noqa: E731
    return (parse(b) - parse(a)).total_seconds()


def run_notebooks(corpus, out_dir, timeout: int = 600, names=None, cold_first: bool = True,
                  cache=None) -> dict:
    """Each notebook (``names``: stems such as ``01_articles``; default all) top to bottom on a
    fresh kernel. ``cold_first``: first run the first of them on an empty annotation cache.
    ``cache``: the annotation cache folder to use as it is (default: a new one under
    ``out_dir``)."""
    import nbformat
    from nbclient import NotebookClient

    corpus, out_dir = Path(corpus).resolve(), Path(out_dir).resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    honoured = env_honoured(corpus)
    result = {"corpus": str(corpus), "env_var_honoured": honoured,
              "method": ("WARTA_CORPUS environment variable" if honoured else
                         "copy with an injected CORPUS cell (default_corpus() ignores WARTA_CORPUS)"),
              "notebooks": {}}
    old = {v: os.environ.get(v) for v in (ENV_VAR, "WARTA_CACHE")}
    os.environ[ENV_VAR] = str(corpus)  # inherited by the kernel
    if cache is None:
        cache = out_dir / "annotation_cache"  # the notebooks' annotation cache (helpers/cache.py)
        shutil.rmtree(cache, ignore_errors=True)
    cache = Path(cache).resolve()  # the kernels run in notebooks/: a relative path would differ
    os.environ["WARTA_CACHE"] = str(cache)
    paths = sorted(p for p in NOTEBOOKS.glob("0*.ipynb") if names is None or p.stem in names)
    # First the first notebook on an empty cache (what an analyst waits for once), then every
    # notebook re-run top to bottom (the cache holds the annotations of unchanged articles).
    result["first_run_cold_cache"] = {}
    runs = ([(paths[0], True)] if cold_first else []) + [(p, False) for p in paths]
    try:
        for path, first in runs:
            nb = nbformat.read(path, as_version=4)
            reads_env = any(ENV_VAR in c.source for c in nb.cells if c.cell_type == "code")
            nb = _prepare(nb, corpus, out_dir / path.stem, inject=not (honoured or reads_env))
            client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                                    resources={"metadata": {"path": str(NOTEBOOKS)}},
                                    record_timing=True)
            t = time.perf_counter()
            entry: dict = {"corpus_from": "WARTA_CORPUS" if (honoured or reads_env) else "injected cell"}
            try:
                client.execute()
                entry["ok"] = True
            except Exception as exc:  # noqa: BLE001 - a failing notebook is a result
                entry["ok"] = False
                entry["error"] = f"{type(exc).__name__}: {str(exc)[-400:]}"
            entry["seconds"] = round(time.perf_counter() - t, 2)
            cells = [(i, _cell_seconds(c), c.source.split("\n", 1)[0][:60])
                     for i, c in enumerate(nb.cells) if c.cell_type == "code"]
            timed = [c for c in cells if c[1] is not None]
            entry["cells_seconds"] = round(sum(c[1] for c in timed), 2)
            entry["slowest_cells"] = [{"cell": i, "seconds": round(s, 2), "first_line": src}
                                      for i, s, src in sorted(timed, key=lambda c: -c[1])[:3]]
            outputs = [len(json.dumps(o)) for c in nb.cells if c.cell_type == "code"
                       for o in c.get("outputs", [])]
            entry["largest_output_kb"] = round(max(outputs, default=0) / 1024, 1)
            target = out_dir / path.name
            nbformat.write(nb, target)
            entry["executed_notebook_mb"] = round(target.stat().st_size / 2**20, 2)
            result["first_run_cold_cache" if first else "notebooks"][path.stem] = entry
    finally:
        for var, value in old.items():
            if value is None:
                os.environ.pop(var, None)
            else:
                os.environ[var] = value
    return result
