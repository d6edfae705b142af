"""``python -m bench``: how Warta holds up on a 10,000-article synthetic corpus.

    python -m bench [--n 10000] [--out build/bench.json] [--corpus build/bench_corpus]
                    [--jobs 2] [--quick] [--profile] [--skip notebooks ...]

Generates the corpus (bench/synth.py; reused when identical), then measures load, annotate
with one process and with ``--jobs``, peak memory, a per-stage breakdown, a reference pass
(spaCy's blank Indonesian tokenizer + dateparser's ``search_dates``), chart spec sizes and
notebook re-run times; writes everything to ``--out`` after each step and prints a table.
``--quick`` is a smoke run (300 articles, small samples). ``--profile`` adds a pyinstrument
profile of annotate over 2,000 articles (``build/bench_profile.txt``).
"""
from __future__ import annotations

import argparse
import json
import time
import warnings
from pathlib import Path

from bench import checks, measure, synth

TARGET_ARTICLES_PER_S = 1000
TARGET_NOTEBOOK_S = 30
TARGET_SPEC_KB = 1024
STEPS = ("jobs", "memory", "stages", "scaling", "reference", "tables", "charts", "notebooks")


def _args(argv=None):
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    p.add_argument("--n", type=int, default=None, help="articles (default 10000; --quick 300)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--out", default="build/bench.json")
    p.add_argument("--corpus", default="build/bench_corpus")
    p.add_argument("--jobs", type=int, default=2, help="processes for the parallel run")
    p.add_argument("--quick", action="store_true", help="smoke run: small corpus and samples")
    p.add_argument("--profile", action="store_true", help="pyinstrument profile of annotate")
    p.add_argument("--skip", nargs="*", default=[], choices=STEPS)
    return p.parse_args(argv)


def main(argv=None) -> int:
    a = _args(argv)
    n = a.n or (300 if a.quick else 10_000)
    out = Path(a.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    res: dict = {"started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                 "machine": measure.machine(), "targets": {
                     "articles_per_s_per_core": TARGET_ARTICLES_PER_S,
                     "notebook_seconds": TARGET_NOTEBOOK_S, "spec_kb": TARGET_SPEC_KB}}

    def save(step):
        res["last_step"] = step
        out.write_text(json.dumps(res, indent=1, ensure_ascii=False, default=str))
        print(f"  [{time.strftime('%H:%M:%S')}] {step} done", flush=True)

    t = time.perf_counter()
    res["corpus"] = dict(synth.write_corpus(a.corpus, n, a.seed), folder=a.corpus,
                         generate_s=round(time.perf_counter() - t, 2))
    save("generate")
    articles, res["load"] = measure.time_load(a.corpus)
    res["corpus"].update(articles=res["load"]["articles"], mb=res["load"]["mb"])
    save("load")
    from helpers.corpus import load_actors_for

    actors = load_actors_for(a.corpus)
    ann, res["annotate_jobs1"] = measure.time_annotate(articles, actors, jobs=1)
    save("annotate jobs=1")
    if "jobs" not in a.skip:
        _, res[f"annotate_jobs{a.jobs}"] = measure.time_annotate(articles, actors, jobs=a.jobs)
        res[f"annotate_jobs{a.jobs}"]["same_tables_as_jobs1"] = (
            res[f"annotate_jobs{a.jobs}"]["digest"] == res["annotate_jobs1"]["digest"])
        save(f"annotate jobs={a.jobs}")
    if "memory" not in a.skip:
        sub = articles if (a.quick or res["annotate_jobs1"]["seconds"] < 120) else articles.iloc[:2000]
        _, mem = measure.time_annotate(sub, actors, jobs=1, trace_memory=True)
        res["memory"] = {"articles": len(sub), "tracemalloc_peak_mb": mem["tracemalloc_peak_mb"],
                         "maxrss_mb": measure.maxrss_mb(),
                         "children_maxrss_mb": measure.maxrss_mb(children=True)}
        save("memory")
    if "stages" not in a.skip:
        res["stages"] = measure.stage_breakdown(articles, actors, repeats=1 if a.quick else 3)
        save("stages")
    if "scaling" not in a.skip:
        res["length_scaling"] = measure.length_scaling(articles, actors,
                                                       ks=(1, 4, 8) if a.quick else (1, 4, 16, 32))
        save("length scaling")
    if "reference" not in a.skip:
        res["reference"] = measure.reference_pass(articles, sample=50 if a.quick else 300)
        ref = res["reference"].get("articles_per_s")
        ours = res["annotate_jobs1"]["articles_per_s"]
        res["ratio_to_reference"] = round(ours / ref, 2) if ref else None
        save("reference")
    if "tables" not in a.skip:
        res["tables_csv"] = measure.tables_roundtrip(ann, out.parent / "bench_tables")
        save("tables")
    if "charts" not in a.skip:
        res["charts"] = checks.chart_specs(ann)
        save("charts")
    if "notebooks" not in a.skip:
        res["notebooks"] = checks.run_notebooks(a.corpus, out.parent / "bench_notebooks")
        save("notebooks")
    if a.profile:
        res["profile"] = measure.profile_annotate(articles, actors, out.parent / "bench_profile.txt",
                                                  n=min(2000, len(articles)))
        save("profile")
    res["verdict"] = verdict(res)
    res["finished"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    save("done")
    print(table(res))
    return 0


def verdict(res: dict) -> dict:
    v = {"articles_per_s_per_core_met":
         (res["annotate_jobs1"]["articles_per_s"] or 0) >= TARGET_ARTICLES_PER_S}
    nbs = (res.get("notebooks") or {}).get("notebooks") or {}
    if nbs:
        v["notebooks_under_30s"] = {k: bool(e.get("ok") and e["seconds"] < TARGET_NOTEBOOK_S)
                                    for k, e in nbs.items()}
    specs = res.get("charts") or {}
    if specs:
        v["charts_small"] = {k: ("error" not in e and e["spec_kb"] <= TARGET_SPEC_KB)
                             for k, e in specs.items()}
    return v


def table(res: dict) -> str:
    m, c = res["machine"], res["corpus"]
    lines = [f"Warta bench — {m['cpu']}, {m['cores']} cores, Python {m['python']}",
             f"corpus: {c['articles']} articles, {c['mb']} MB ({c['folder']})", ""]
    row = "{:<34}{:>10}{:>12}{:>10}"
    lines.append(row.format("step", "seconds", "articles/s", "MB/s"))

    def add(name, r):
        if r:
            lines.append(row.format(name, r.get("seconds", ""), r.get("articles_per_s", ""),
                                    r.get("mb_per_s", "")))

    add("load (1 core)", res.get("load"))
    add("annotate jobs=1", res.get("annotate_jobs1"))
    for k, r in res.items():
        if k.startswith("annotate_jobs") and k != "annotate_jobs1":
            add(f"annotate jobs={r['jobs']}", r)
    for k, r in (res.get("stages") or {}).items():
        add(f"  stage: {k}", r)
    ref = res.get("reference") or {}
    if "articles_per_s" in ref:
        add(f"reference spaCy+search_dates (n={ref['sample_articles']})", ref)
        lines.append(f"ratio ours/reference: {res.get('ratio_to_reference')}x")
    ls = res.get("length_scaling")
    if ls:
        lines.append(f"one long article ({ls[list(ls)[-3]]['kb']} KB) vs one article, ms/KB growth: "
                     + ", ".join(f"{k} x{v}" for k, v in ls["growth"].items()))
    mem = res.get("memory")
    if mem:
        lines.append(f"memory: maxrss {mem['maxrss_mb']} MB, tracemalloc peak (annotate "
                     f"{mem['articles']} articles) {mem['tracemalloc_peak_mb']} MB")
    tc = res.get("tables_csv")
    if tc:
        lines.append(f"tables as CSV: {tc['mb']} MB, write {tc['write_s']} s, read back {tc['read_s']} s")
    for k, e in (res.get("charts") or {}).items():
        lines.append(f"chart {k}: " + (e["error"][:80] if "error" in e else
                                       f"{e['spec_kb']} KB, {e['rows']} rows, {e['build_s']} s"))
    nbs = res.get("notebooks") or {}
    if nbs:
        lines.append(f"notebooks ({nbs['method']}):")
        for k, e in (nbs.get("first_run_cold_cache") or {}).items():
            lines.append(f"  {k}, first run on an empty annotation cache: {e['seconds']} s"
                         f"{'' if e['ok'] else ' FAILED'}")
        lines.append("  re-run top to bottom (annotation cache filled):")
        for k, e in nbs["notebooks"].items():
            lines.append(f"  {k}: {e['seconds']} s{'' if e['ok'] else ' FAILED'}, "
                         f"{e['executed_notebook_mb']} MB executed")
    lines.append(f"verdict: {json.dumps(res.get('verdict'))}")
    return "\n".join(lines)


if __name__ == "__main__":
    warnings.filterwarnings("ignore", module="helpers.corpus")
    raise SystemExit(main())
