"""Timings and memory of the pipeline on a corpus: load, annotate (jobs 1 and N), per-stage
breakdown, and a reference pass (spaCy blank Indonesian tokenizer + dateparser ``search_dates``).

Every function returns plain dicts of numbers (seconds, articles/s, MB/s, MB) for
``build/bench.json``; none of them asserts a time limit.
"""
from __future__ import annotations

import gc
import importlib.metadata as md
import os
import platform
import resource
import statistics
import time
import tracemalloc
import warnings

PACKAGES = ["pandas", "altair", "vegafusion", "dateparser", "pyyaml", "spacy", "pyinstrument",
            "hypothesis", "papermill", "nbconvert", "jupyterlab"]


def machine() -> dict:
    cpu = platform.processor() or "unknown"
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = {}
    for p in PACKAGES:
        try:
            versions[p] = md.version(p)
        except md.PackageNotFoundError:
            versions[p] = None
    return {"cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(),
            "platform": platform.platform(), "packages": versions}


def maxrss_mb(children: bool = False) -> float:
    """Peak resident memory (MB) of this process (or of its largest finished child)."""
    who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)


def rate(n_articles: int, n_bytes: int, seconds: float) -> dict:
    return {"seconds": round(seconds, 3),
            "articles_per_s": round(n_articles / seconds, 1) if seconds else None,
            "mb_per_s": round(n_bytes / 2**20 / seconds, 3) if seconds else None}


def corpus_bytes(articles) -> int:
    return int(sum(len(t.encode("utf-8")) for t in articles["text"].fillna("")))


def time_load(corpus) -> tuple[object, dict]:
    from helpers.corpus import load_corpus

    gc.collect()
    t = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        articles = load_corpus(corpus)
    sec = time.perf_counter() - t
    n_bytes = corpus_bytes(articles)
    out = {"articles": len(articles), "mb": round(n_bytes / 2**20, 2),
           "duplicates": int(articles["duplicate_of"].notna().sum()),
           **rate(len(articles), n_bytes, sec), "maxrss_mb_after": maxrss_mb()}
    return articles, out


def sample(articles, n: int):
    """``n`` evenly spaced articles (duplicates excluded: they are not annotated)."""
    if "duplicate_of" in articles:
        articles = articles[articles["duplicate_of"].isna()]
    if n >= len(articles):
        return articles
    step = len(articles) / n
    out = articles.iloc[[int(i * step) for i in range(n)]]
    out.attrs = dict(articles.attrs)
    return out


def time_annotate(articles, actors, jobs: int, trace_memory: bool = False, engine: str = "processes",
                  scheduler: str | None = None, cache=None) -> tuple[object, dict]:
    """annotate() wall time (cache off unless ``cache``); with ``trace_memory`` also
    tracemalloc's peak (slower run)."""
    from helpers.pipeline import annotate

    n_bytes = corpus_bytes(articles)
    gc.collect()
    if trace_memory:
        tracemalloc.start()
    t, cpu = time.perf_counter(), time.process_time()
    ann = annotate(articles, actors, jobs=jobs, corrections=None, engine=engine, scheduler=scheduler,
                   cache=cache)
    sec, cpu = time.perf_counter() - t, time.process_time() - cpu
    out = {"jobs": jobs, "engine": engine, "cache": str(cache) if cache else None,
           **rate(len(articles), n_bytes, sec), "ms_per_article": round(sec * 1000 / len(articles), 3),
           "cpu_seconds_main_process": round(cpu, 3), "loadavg_1min_after": os.getloadavg()[0],
           "rows": {"mentions": len(ann.mentions), "statements": len(ann.statements),
                    "estimates": len(ann.estimates)},
           "maxrss_mb_after": maxrss_mb(), "children_maxrss_mb": maxrss_mb(children=True)}
    out["digest"] = digest(ann)
    if trace_memory:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        out["tracemalloc_peak_mb"] = round(peak / 2**20, 1)
        out["note"] = "timed with tracemalloc on (slower than the untraced run)"
    return ann, out


def digest(ann) -> str:
    """Content hash of the mentions/statements/estimates tables (jobs=1 vs jobs=N must agree)."""
    import hashlib

    import pandas as pd

    h = hashlib.sha256()
    for name in ("mentions", "statements", "estimates"):
        df = getattr(ann, name)
        h.update(name.encode())
        h.update(pd.util.hash_pandas_object(df.astype("string"), index=False).values.tobytes())
    return h.hexdigest()[:16]


def _timed(fn, items, repeats: int, cheap_s: float = 3.0) -> dict:
    """Run ``fn`` over ``items``; repeat (median) when one pass is cheaper than ``cheap_s``."""
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        for it in items:
            fn(it)
        times.append(time.perf_counter() - t)
        if times[0] > cheap_s:
            break
    return {"seconds": round(statistics.median(times), 3), "repeats": len(times)}


def stage_breakdown(articles, actors, repeats: int = 1) -> dict:
    """Milliseconds per article of each stage of ``extract.annotate_article`` and of the
    corpus-wide steps, each stage timed on its own (exclusive: statements and estimates are
    given the article's context, as in the pipeline). ``statements (every sentence)`` is the
    statement step without the pre-filter (``ctx.candidate_sentences``), for comparison.
    The stages add up to about the per-article cost of annotate (plus call overhead)."""
    from helpers import context as C
    from helpers import schema
    from helpers.dates import find_dates
    from helpers.estimates import extract_estimates
    from helpers.pipeline import _article_dicts, _gazetteer
    from helpers.profile import load_profile
    from helpers.repeats import estimate_repeat_groups, statement_repeat_groups
    from helpers.statements import extract_statements
    from helpers.text import find_quotes, split_sentences

    gaz = _gazetteer(actors)
    profile = load_profile(articles.attrs.get("corpus"))
    arts = _article_dicts(articles)
    ctxs = [C.ArticleContext(a, gaz) for a in arts]
    n_bytes = sum(len(a["text"].encode("utf-8")) for a in arts)
    pairs = list(zip(arts, ctxs))
    stages = {
        "context: quotes": _timed(lambda c: find_quotes(c.text), ctxs, repeats),
        "context: sentences": _timed(lambda c: split_sentences(c.text, c.quotes), ctxs, repeats),
        "context: mentions": _timed(lambda c: gaz.find_mentions(c.text), ctxs, repeats),
        "context: dates": _timed(lambda c: find_dates(c.text, c.published, c.lang), ctxs, repeats),
        "context: link lines, headline": _timed(
            lambda c: (C.link_lines(c.text, c.lang), C.headline_span(c.text)), ctxs, repeats),
    }
    if hasattr(C, "candidate_sentences"):
        stages["context: pre-filter (cue scan)"] = _timed(
            lambda c: C.candidate_sentences(c.text, c.sentences, c.quotes, c.lang), ctxs, repeats)
    st_rows: dict = {}

    def run_statements(pair):
        a, c = pair
        st_rows[a["article_id"]] = extract_statements(a, gaz, c)

    if hasattr(C, "candidate_sentences"):
        kept = [c.candidate_sentences for c in ctxs]
        for c in ctxs:
            c.candidate_sentences = c.sentences
        stages["statements (every sentence)"] = _timed(run_statements, pairs, repeats)
        for c, k in zip(ctxs, kept):
            c.candidate_sentences = k
        stages["statements (candidate sentences)"] = _timed(run_statements, pairs, repeats)
    else:
        stages["statements"] = _timed(run_statements, pairs, repeats)
    est_rows: dict = {}

    def run_estimates(pair):
        a, c = pair
        est_rows[a["article_id"]] = extract_estimates(a, gaz, st_rows[a["article_id"]], c, profile)

    stages["estimates"] = _timed(run_estimates, pairs, repeats)
    t = time.perf_counter()
    st_df = schema.frame([r for a in arts for r in st_rows[a["article_id"]]], "statements")
    est_df = schema.frame([r for a in arts for r in est_rows[a["article_id"]]], "estimates")
    schema.frame([dict(m, article_id=a["article_id"]) for a, c in pairs for m in c.mentions], "mentions")
    stages["tables (schema.frame)"] = {"seconds": round(time.perf_counter() - t, 3), "repeats": 1}
    t = time.perf_counter()
    statement_repeat_groups(st_df)
    estimate_repeat_groups(est_df)
    stages["repeat grouping (corpus-wide)"] = {"seconds": round(time.perf_counter() - t, 3), "repeats": 1}
    for v in stages.values():
        v["ms_per_article"] = round(v["seconds"] * 1000 / len(arts), 3)
        v["articles_per_s"] = round(len(arts) / v["seconds"], 1) if v["seconds"] else None
        v["mb_per_s"] = round(n_bytes / 2**20 / v["seconds"], 2) if v["seconds"] else None
    per_article = [k for k in stages if not k.startswith(("repeat", "statements (every"))]
    stages["total per article (sum)"] = {
        "ms_per_article": round(sum(stages[k]["ms_per_article"] for k in per_article), 3),
        "articles": len(arts)}
    return stages


def import_times(modules=("altair", "helpers.workbook")) -> dict:
    """Seconds to import each module in a fresh interpreter (``python -X importtime``), with
    the slowest imports below it: what a fresh kernel pays before its first cell's work."""
    import subprocess
    import sys

    out = {}
    for mod in modules:
        try:
            res = subprocess.run([sys.executable, "-X", "importtime", "-c", f"import {mod}"],
                                 capture_output=True, text=True, timeout=120)
        except (OSError, subprocess.SubprocessError) as exc:
            out[mod] = {"error": str(exc)}
            continue
        rows = []
        for line in res.stderr.splitlines():
            parts = line.split("|")
            if line.startswith("import time:") and len(parts) == 3 and parts[1].strip().isdigit():
                rows.append((parts[2].strip(), int(parts[1])))
        if res.returncode != 0 or not rows:
            out[mod] = {"error": res.stderr.strip().splitlines()[-1:] or "failed"}
            continue
        total = next((us for name, us in rows if name == mod), max(us for _, us in rows))
        top = sorted({n: us for n, us in rows if n != mod}.items(), key=lambda kv: -kv[1])[:6]
        out[mod] = {"seconds": round(total / 1e6, 3),
                    "slowest": {n: round(us / 1e6, 3) for n, us in top}}
        for name in ("jsonschema", "rfc3987_syntax"):
            us = next((u for n, u in rows if n == name), None)
            out[mod][f"{name}_s"] = round(us / 1e6, 3) if us is not None else None
    return out


def tables_roundtrip(ann, out_dir) -> dict:
    """Write the annotation tables as CSV (what ``python -m helpers annotate`` does) and read
    them back with ``load_annotations``: the cost of caching annotations between runs."""
    from helpers.tables import load_annotations

    t = time.perf_counter()
    paths = ann.to_csv(out_dir)
    write = time.perf_counter() - t
    t = time.perf_counter()
    load_annotations(out_dir)
    read = time.perf_counter() - t
    return {"write_s": round(write, 2), "read_s": round(read, 2),
            "mb": round(sum(p.stat().st_size for p in paths) / 2**20, 1), "folder": str(out_dir)}


def length_scaling(articles, actors, ks=(1, 4, 16, 32)) -> dict:
    """Per-stage cost per KB on one long article made of ``k`` articles joined by newlines.

    A linear stage keeps the same ms/KB as ``k`` grows; ``growth`` (ms/KB at the largest k
    over ms/KB at k=1) well above 1 means a superlinear (e.g. quadratic) hot spot, which a
    single long file (a transcript, a live blog, a scraped page) turns into minutes.
    """
    from helpers import estimates, numbers, statements, text
    from helpers.pipeline import _gazetteer

    gaz = _gazetteer(actors)
    texts = [t for t in articles["text"].fillna("").tolist()[: max(ks)]]
    out: dict = {}
    for k in ks:
        t = "\n".join(texts[:k])
        kb = len(t.encode("utf-8")) / 1024
        art = {"article_id": "long", "text": t, "published": None, "outlet": None}
        row = {"kb": round(kb, 1)}
        for name, fn in (("sentences", lambda: text.split_sentences(t)),
                         ("mentions", lambda: gaz.find_mentions(t)),
                         ("numbers", lambda: numbers.find_numbers(t)),
                         ("statements", lambda: statements.extract_statements(art, gaz))):
            c = time.process_time()
            fn()
            row[name] = round((time.process_time() - c) * 1000 / kb, 3)
        st = statements.extract_statements(art, gaz)
        c = time.process_time()
        estimates.extract_estimates(art, gaz, st)
        row["estimates"] = round((time.process_time() - c) * 1000 / kb, 3)
        out[f"k={k}"] = row
    first, last = out[f"k={ks[0]}"], out[f"k={ks[-1]}"]
    out["growth"] = {s: round(last[s] / first[s], 1) if first[s] else None
                     for s in ("sentences", "mentions", "numbers", "statements", "estimates")}
    out["unit"] = "CPU ms per KB of article text"
    return out


def reference_pass(articles, sample: int = 300) -> dict:
    """spaCy blank('id') tokenizer + dateparser search_dates(languages=['id']) per article,
    on an evenly spaced sample of ``sample`` articles; reported as articles/s."""
    try:
        import spacy
        from dateparser.search import search_dates
    except ImportError as exc:
        return {"error": f"reference not run: {exc} (pip install -r requirements-bench.txt)"}
    texts = articles["text"].fillna("").tolist()
    step = max(1, len(texts) // sample)
    picked = texts[::step][:sample]
    nlp = spacy.blank("id")
    search_dates("Kamis (24/10/2024)", languages=["id"])  # warm-up (loads language data)
    nlp.make_doc("Kamis (24/10/2024)")
    n_bytes = sum(len(t.encode("utf-8")) for t in picked)
    t = time.perf_counter()
    for tx in picked:
        nlp.make_doc(tx)
    tok = time.perf_counter() - t
    t = time.perf_counter()
    for tx in picked:
        search_dates(tx, languages=["id"])
    dat = time.perf_counter() - t
    out = {"sample_articles": len(picked), "sample_mb": round(n_bytes / 2**20, 3),
           "tokenizer": rate(len(picked), n_bytes, tok),
           "search_dates": rate(len(picked), n_bytes, dat),
           **rate(len(picked), n_bytes, tok + dat)}
    out["extrapolated_seconds_full_corpus"] = round((tok + dat) * len(texts) / len(picked), 1)
    return out


def profile_annotate(articles, actors, out_txt, n: int = 2000, top: int = 25) -> dict:
    """pyinstrument over annotate() of the first ``n`` articles; text report to ``out_txt``."""
    try:
        from pyinstrument import Profiler
    except ImportError as exc:
        return {"error": f"profile not run: {exc}"}
    from helpers.pipeline import annotate

    sub = articles.iloc[:n]
    prof = Profiler(interval=0.001)
    prof.start()
    annotate(sub, actors, jobs=1, corrections=None)
    prof.stop()
    with open(out_txt, "w", encoding="utf-8") as fh:
        fh.write(prof.output_text(unicode=True, color=False, show_all=False))
    # self time per function, from the frame tree
    session = prof.last_session
    selfs: dict[str, float] = {}

    def walk(frame, parent_key):
        # pyinstrument puts a function's own time in a synthetic "[self]" child frame
        if frame.function.startswith("[self]") or not frame.file_path:
            if parent_key:
                selfs[parent_key] = selfs.get(parent_key, 0.0) + frame.time
            return
        if frame.file_path.startswith("<"):  # a built-in: name it with its caller
            key = f"{frame.function} in {parent_key}"
        else:
            key = f"{frame.function} ({os.path.relpath(frame.file_path)}:{frame.line_no})"
        own = frame.time - sum(c.time for c in frame.children)
        selfs[key] = selfs.get(key, 0.0) + max(own, 0.0)
        for c in frame.children:
            walk(c, key)

    root = session.root_frame()
    if root is not None:
        for c in root.children:
            walk(c, None)
    total = session.duration
    hot = sorted(selfs.items(), key=lambda kv: kv[1], reverse=True)[:top]
    return {"articles": len(sub), "seconds": round(total, 2), "report": str(out_txt),
            "hot_self_time": [{"function": k, "seconds": round(v, 3),
                               "share": round(v / total, 3) if total else None} for k, v in hot]}

