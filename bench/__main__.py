"""``python -m bench``: how fast Warta annotates, and how the workbook holds up at scale.

    python -m bench [--n 10000] [--sample 2000] [--out build/bench.json] [--jobs 2]
                    [--full] [--quick] [--profile] [--skip STEP ...]
    python -m bench --scale 100000        # the 100k run (make bench-100k)

Default (``make bench``, a few minutes): generates the synthetic corpus (bench/synth.py;
reused when identical) and loads it, then measures on an evenly spaced ``--sample`` of it,
all with the annotation cache off: annotate on one core, the reference pass (spaCy's blank
Indonesian tokenizer + dateparser's ``search_dates``) on the same articles in the same run
(``ratio_to_reference``), ``--jobs`` processes and a dask LocalCluster of as many workers
(same tables: digest), the milliseconds per article of each stage, memory, length scaling,
the CSV tables and chart specs of the sample; then every notebook on a fresh kernel on the
seeds, and the import time of ``altair`` and ``helpers.workbook``. The per-article speed
steps are linear in the number of articles, so a sample measures them as well as the whole.
Results go to ``--out`` after each step and a table is printed at the end.

``--full`` (``make bench-full``) measures on every article instead, annotates the whole
corpus through the annotation cache (cold, then warm: a notebook's first run and re-run) and
re-runs every notebook on it. ``--scale N`` (``make bench-100k``) is the large-corpus run: an
N-article corpus through the cache (cold, warm), peak memory, chart spec sizes, notebooks
01–03 re-run. ``--quick`` is a smoke run (300 articles). ``--profile`` adds a pyinstrument
profile of annotate (``build/bench_profile.txt``).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import time
import warnings
from pathlib import Path

from bench import checks, measure, synth

TARGET_ARTICLES_PER_S = 1000
TARGET_RATIO = 75
TARGET_NOTEBOOK_S = 30
TARGET_SEEDS_NOTEBOOK_S = 5
TARGET_BENCH_S = 300
TARGET_SPEC_KB = 1024
STEPS = ("jobs", "dask", "memory", "stages", "scaling", "reference", "cache", "tables", "charts",
         "notebooks", "seeds", "imports")
REPO = Path(__file__).resolve().parents[1]


def _args(argv=None):
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    p.add_argument("--n", type=int, default=None, help="articles (default 10000; --quick 300)")
    p.add_argument("--sample", type=int, default=2000,
                   help="articles the speed steps run on (default 2000; --full: all)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--out", default=None, help="default build/bench.json (--scale: build/bench_N.json)")
    p.add_argument("--corpus", default=None, help="default build/bench_corpus (--scale: build/bench_corpus_N)")
    p.add_argument("--jobs", type=int, default=2, help="processes / dask workers for the parallel runs")
    p.add_argument("--full", action="store_true", help="speed steps on every article, every notebook")
    p.add_argument("--scale", type=int, default=None, metavar="N",
                   help="the large-corpus run: N articles through the cache, notebooks 01-03")
    p.add_argument("--quick", action="store_true", help="smoke run: small corpus and samples")
    p.add_argument("--profile", action="store_true", help="pyinstrument profile of annotate")
    p.add_argument("--skip", nargs="*", default=[], choices=STEPS)
    return p.parse_args(argv)


def _saver(res: dict, out: Path, t0: float):
    """save(step): write ``res`` to ``out`` after each step (a killed run keeps what it measured)."""
    def save(step):
        res["last_step"] = step
        res["elapsed_s"] = round(time.perf_counter() - t0, 1)
        out.write_text(json.dumps(res, indent=1, ensure_ascii=False, default=str))
        print(f"  [{time.strftime('%H:%M:%S')}] {step} done ({res['elapsed_s']} s)", flush=True)
    return save


def _corpus(res: dict, save, corpus_dir, n: int, seed: int):
    """Generate (or reuse) the synthetic corpus, load it timed; (articles, actors)."""
    from helpers.corpus import load_actors_for

    t = time.perf_counter()
    res["corpus"] = dict(synth.write_corpus(corpus_dir, n, seed), folder=corpus_dir,
                         generate_s=round(time.perf_counter() - t, 2))
    save("generate")
    articles, res["load"] = measure.time_load(corpus_dir)
    res["corpus"].update(articles=res["load"]["articles"], mb=res["load"]["mb"])
    save("load")
    return articles, load_actors_for(corpus_dir)


def _finish(res: dict, save) -> int:
    """The verdict against the targets, the last save and the printed table."""
    res["verdict"] = verdict(res)
    res["finished"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    save("done")
    print(table(res))
    return 0


def main(argv=None) -> int:
    a = _args(argv)
    if a.scale:
        return scale_run(a)
    n = a.n or (300 if a.quick else 10_000)
    out = Path(a.out or "build/bench.json")
    corpus_dir = a.corpus or "build/bench_corpus"
    out.parent.mkdir(parents=True, exist_ok=True)
    t_start = time.perf_counter()
    res: dict = {"started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                 "machine": measure.machine(), "mode": "full" if a.full else "sampled",
                 "targets": {"articles_per_s_per_core": TARGET_ARTICLES_PER_S,
                             "ratio_to_reference": TARGET_RATIO, "notebook_seconds": TARGET_NOTEBOOK_S,
                             "seeds_notebook_seconds": TARGET_SEEDS_NOTEBOOK_S,
                             "bench_seconds": TARGET_BENCH_S, "spec_kb": TARGET_SPEC_KB}}

    save = _saver(res, out, t_start)
    articles, actors = _corpus(res, save, corpus_dir, n, a.seed)
    size = len(articles) if a.full else min(a.sample if not a.quick else 300, len(articles))
    sub = measure.sample(articles, size)
    res["sample_articles"] = len(sub)
    measure.time_annotate(measure.sample(sub, 20), actors, jobs=1)  # warm-up: patterns compiled
    ann, res["annotate_jobs1"] = measure.time_annotate(sub, actors, jobs=1)
    save("annotate jobs=1")
    if "reference" not in a.skip:
        # the same articles, the same process, right after: the ratio is of one run
        res["reference"] = measure.reference_pass(sub, sample=50 if a.quick else (1000 if a.full else 300))
        ref = res["reference"].get("articles_per_s")
        ours = res["annotate_jobs1"]["articles_per_s"]
        res["ratio_to_reference"] = round(ours / ref, 2) if ref else None
        save("reference")
    if "jobs" not in a.skip:
        _, r = measure.time_annotate(sub, actors, jobs=a.jobs)
        r["same_tables_as_jobs1"] = r["digest"] == res["annotate_jobs1"]["digest"]
        res[f"annotate_jobs{a.jobs}"] = r
        save(f"annotate jobs={a.jobs}")
    if "dask" not in a.skip:
        res["annotate_dask"] = time_dask(sub, actors, a.jobs, res["annotate_jobs1"]["digest"])
        save("annotate dask LocalCluster")
    if "stages" not in a.skip:
        st_sub = measure.sample(sub, 300 if a.quick else (2000 if a.full else 500))
        res["stages"] = measure.stage_breakdown(st_sub, actors, repeats=3 if a.full else 1)
        save("stages")
    if "memory" not in a.skip:
        m_sub = measure.sample(sub, 200 if a.quick or not a.full else 1000)
        _, mem = measure.time_annotate(m_sub, actors, jobs=1, trace_memory=True)
        res["memory"] = {"articles": len(m_sub), "tracemalloc_peak_mb": mem["tracemalloc_peak_mb"],
                         "maxrss_mb": measure.maxrss_mb(),
                         "children_maxrss_mb": measure.maxrss_mb(children=True)}
        save("memory")
    if "scaling" not in a.skip:
        res["length_scaling"] = measure.length_scaling(articles, actors,
                                                       ks=(1, 4, 8) if a.quick else (1, 4, 16))
        save("length scaling")
    cache = out.parent / "bench_cache"
    full_ann = ann  # by default the tables and charts steps use the sample's annotations
    if a.full and "cache" not in a.skip:
        shutil.rmtree(cache, ignore_errors=True)
        full_ann, res["annotate_full_cold_cache"] = measure.time_annotate(
            articles, actors, jobs=a.jobs, cache=cache)
        _, res["annotate_full_warm_cache"] = measure.time_annotate(articles, actors, jobs=a.jobs,
                                                                   cache=cache)
        res["annotate_full_warm_cache"]["same_tables_as_cold"] = (
            res["annotate_full_warm_cache"]["digest"] == res["annotate_full_cold_cache"]["digest"])
        save("annotate whole corpus through the cache (cold, warm)")
    if "tables" not in a.skip:
        res["tables_csv"] = measure.tables_roundtrip(full_ann, out.parent / "bench_tables")
        save("tables")
    if "charts" not in a.skip:
        res["charts"] = checks.chart_specs(full_ann)
        save("charts")
    if a.full and "notebooks" not in a.skip:  # every notebook re-run on the whole bench corpus
        res["notebooks"] = checks.run_notebooks(
            corpus_dir, out.parent / "bench_notebooks", cold_first="cache" in a.skip,
            cache=None if "cache" in a.skip else cache)
        save("notebooks")
    if "seeds" not in a.skip:
        res["seeds_notebooks"] = checks.run_notebooks(REPO / "seeds", out.parent / "bench_seeds_notebooks")
        save("seeds notebooks (fresh kernel)")
    if "imports" not in a.skip:
        res["imports"] = measure.import_times()
        save("imports")
    if a.profile:
        res["profile"] = measure.profile_annotate(articles, actors, out.parent / "bench_profile.txt",
                                                  n=min(2000, len(articles)))
        save("profile")
    res["bench_seconds"] = round(time.perf_counter() - t_start, 1)
    return _finish(res, save)


def time_dask(sub, actors, workers: int, digest: str) -> dict:
    """annotate on a dask LocalCluster of ``workers`` processes: cluster start-up timed apart
    from the annotation (which goes through the cluster's scheduler address, as for a remote
    cluster)."""
    try:
        from distributed import LocalCluster
    except ImportError as exc:
        return {"error": f"dask not run: {exc} (pip install -r requirements-dask.txt)"}
    t = time.perf_counter()
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                           dashboard_address=None)
    startup = time.perf_counter() - t
    try:
        measure.time_annotate(measure.sample(sub, 200), actors, jobs=workers, engine="dask",
                              scheduler=cluster.scheduler_address)  # every worker imports helpers
        _, r = measure.time_annotate(sub, actors, jobs=workers, engine="dask",
                                     scheduler=cluster.scheduler_address)
    finally:
        cluster.close()
    r.update(workers=workers, cluster_startup_s=round(startup, 2),
             same_tables_as_jobs1=r["digest"] == digest)
    return r


def scale_run(a) -> int:
    """--scale N: an N-article corpus through the annotation cache, as a notebook meets it."""
    n = a.scale
    out = Path(a.out or f"build/bench_{n}.json")
    corpus_dir = a.corpus or f"build/bench_corpus_{n}"
    out.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    res: dict = {"started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                 "machine": measure.machine(), "mode": f"scale {n}",
                 "targets": {"notebook_seconds": TARGET_NOTEBOOK_S, "spec_kb": TARGET_SPEC_KB}}

    save = _saver(res, out, t0)
    articles, actors = _corpus(res, save, corpus_dir, n, a.seed)
    cache = out.parent / f"bench_cache_{n}"
    shutil.rmtree(cache, ignore_errors=True)
    ann, res["annotate_cold_cache"] = measure.time_annotate(articles, actors, jobs=a.jobs, cache=cache)
    save("annotate through the cache (cold)")
    _, res["annotate_warm_cache"] = measure.time_annotate(articles, actors, jobs=a.jobs, cache=cache)
    res["annotate_warm_cache"]["same_tables_as_cold"] = (
        res["annotate_warm_cache"]["digest"] == res["annotate_cold_cache"]["digest"])
    save("annotate through the cache (warm)")
    res["charts"] = checks.chart_specs(ann)
    save("charts")
    res["memory"] = {"maxrss_mb": measure.maxrss_mb(),
                     "children_maxrss_mb (pool workers, kernels so far)": measure.maxrss_mb(children=True)}
    del ann
    if "notebooks" not in a.skip:
        res["notebooks"] = checks.run_notebooks(
            corpus_dir, out.parent / f"bench_notebooks_{n}", cold_first=False, cache=cache,
            names=["01_articles", "02_estimate_changes", "03_statements_by_actor"])
        res["memory"]["children_maxrss_mb (incl. notebook kernels)"] = measure.maxrss_mb(children=True)
        save("notebooks 01-03")
    res["bench_seconds"] = round(time.perf_counter() - t0, 1)
    return _finish(res, save)


def verdict(res: dict) -> dict:
    v = {}
    if "annotate_jobs1" in res:
        v["articles_per_s_per_core_met"] = (res["annotate_jobs1"]["articles_per_s"] or 0) >= TARGET_ARTICLES_PER_S
    if res.get("ratio_to_reference") is not None:
        v["ratio_to_reference_met"] = res["ratio_to_reference"] >= TARGET_RATIO
    if "bench_seconds" in res and res.get("mode") == "sampled":
        v["bench_under_5_min"] = res["bench_seconds"] < TARGET_BENCH_S
    for key, target in (("notebooks", TARGET_NOTEBOOK_S), ("seeds_notebooks", TARGET_SEEDS_NOTEBOOK_S)):
        nbs = (res.get(key) or {}).get("notebooks") or {}
        if nbs:
            v[f"{key}_under_{target}s"] = {k: bool(e.get("ok") and e["seconds"] < target)
                                           for k, e in nbs.items()}
    specs = res.get("charts") or {}
    if specs and "error" not in specs:
        v["charts_small"] = {k: ("error" not in e and e["spec_kb"] <= TARGET_SPEC_KB)
                             for k, e in specs.items()}
    return v


def table(res: dict) -> str:
    m, c = res["machine"], res["corpus"]
    lines = [f"Warta bench ({res.get('mode')}) — {m['cpu']}, {m['cores']} cores, Python {m['python']}",
             f"corpus: {c['articles']} articles, {c['mb']} MB ({c['folder']})"
             + (f"; speed steps on {res['sample_articles']} of them" if "sample_articles" in res else ""),
             ""]
    row = "{:<44}{:>10}{:>12}{:>10}"
    lines.append(row.format("step", "seconds", "articles/s", "ms/art"))

    def add(name, r):
        if r and "error" not in r:
            lines.append(row.format(name, r.get("seconds", ""), r.get("articles_per_s", ""),
                                    r.get("ms_per_article", "")))
        elif r:
            lines.append(f"{name}: {r['error'][:100]}")

    add("load (1 core)", res.get("load"))
    add("annotate jobs=1 (cache off)", res.get("annotate_jobs1"))
    ref = res.get("reference") or {}
    if "articles_per_s" in ref:
        add(f"reference spaCy+search_dates (n={ref['sample_articles']})", ref)
        lines.append(f"ratio ours/reference (same run): {res.get('ratio_to_reference')}x")
    for k, r in res.items():
        if k.startswith("annotate_jobs") and k != "annotate_jobs1":
            add(f"annotate jobs={r['jobs']}", r)
    d = res.get("annotate_dask")
    if d:
        add(f"annotate dask LocalCluster ({d.get('workers')} processes)", d)
        if "error" not in d:
            lines.append(f"  (cluster start-up {d['cluster_startup_s']} s, not included; "
                         f"same tables as jobs=1: {d['same_tables_as_jobs1']})")
    for k in ("annotate_full_cold_cache", "annotate_full_warm_cache",
              "annotate_cold_cache", "annotate_warm_cache"):
        r = res.get(k)
        if r:
            add(k.replace("_", " ") + f" (jobs={r['jobs']})", r)
    st = res.get("stages") or {}
    if st:
        lines.append("ms per article per stage (exclusive):")
        for k, r in st.items():
            lines.append(f"  {k:<42}{r['ms_per_article']:>10}")
    ls = res.get("length_scaling")
    if ls:
        lines.append(f"one long article ({ls[list(ls)[-3]]['kb']} KB) vs one article, ms/KB growth: "
                     + ", ".join(f"{k} x{v}" for k, v in ls["growth"].items()))
    mem = res.get("memory")
    if mem:
        lines.append("memory: " + ", ".join(f"{k} {v}" for k, v in mem.items()))
    tc = res.get("tables_csv")
    if tc:
        lines.append(f"tables as CSV: {tc['mb']} MB, write {tc['write_s']} s, read back {tc['read_s']} s")
    for k, e in (res.get("charts") or {}).items():
        if isinstance(e, dict):
            lines.append(f"chart {k}: " + (e["error"][:80] if "error" in e else
                                           f"{e['spec_kb']} KB, {e['rows']} rows, {e['build_s']} s"))
    for key, label in (("notebooks", "notebooks on the bench corpus"),
                       ("seeds_notebooks", "notebooks on seeds/, fresh kernel each")):
        nbs = res.get(key) or {}
        if not nbs:
            continue
        lines.append(f"{label}:")
        for k, e in (nbs.get("first_run_cold_cache") or {}).items():
            lines.append(f"  {k}, first run on an empty annotation cache: {e['seconds']} s"
                         f"{'' if e['ok'] else ' FAILED'}")
        for k, e in nbs["notebooks"].items():
            lines.append(f"  {k}: {e['seconds']} s (cells {e['cells_seconds']} s)"
                         f"{'' if e['ok'] else ' FAILED'}")
    for mod, e in (res.get("imports") or {}).items():
        if "seconds" in e:
            lines.append(f"import {mod}: {e['seconds']} s (jsonschema {e['jsonschema_s']} s, "
                         f"rfc3987_syntax {e['rfc3987_syntax_s']})")
    if "bench_seconds" in res:
        lines.append(f"bench wall time: {res['bench_seconds']} s")
    lines.append(f"verdict: {json.dumps(res.get('verdict'))}")
    return "\n".join(lines)


if __name__ == "__main__":
    warnings.filterwarnings("ignore", module="helpers.corpus")
    raise SystemExit(main())
