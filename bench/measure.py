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


def time_annotate(articles, actors, jobs: int, trace_memory: bool = False) -> tuple[object, dict]:
    """annotate() wall time; with ``trace_memory`` also tracemalloc's peak (slower run)."""
    from helpers.pipeline import annotate

    n_bytes = corpus_bytes(articles)
    gc.collect()
    if trace_memory:
        tracemalloc.start()
    t, cpu = time.perf_counter(), time.process_time()
    ann = annotate(articles, actors, jobs=jobs, corrections=None)
    sec, cpu = time.perf_counter() - t, time.process_time() - cpu
    out = {"jobs": jobs, **rate(len(articles), n_bytes, sec),
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


def stage_breakdown(articles, actors, repeats: int = 3) -> dict:
    """Seconds per stage over the corpus, each stage function called per article.

    Stages are timed separately; statements and estimates call the sentence splitter and the
    gazetteer themselves, so those times are inclusive ("self" subtracts what they re-use
    only where that is exact, which it is not in general: read them as upper bounds).
    """
    from helpers import dates, estimates, numbers, schema, statements, text
    from helpers.pipeline import _article_dicts, _gazetteer
    from helpers.repeats import estimate_repeat_groups, statement_repeat_groups

    gaz = _gazetteer(actors)
    arts = _article_dicts(articles)
    texts = [a["text"] for a in arts]
    n_bytes = sum(len(t.encode("utf-8")) for t in texts)
    st_rows: dict[str, list] = {}
    stages = {
        "sentences": _timed(text.split_sentences, texts, repeats),
        "quotes": _timed(text.find_quotes, texts, repeats),
        "mentions": _timed(gaz.find_mentions, texts, repeats),
        "dates": _timed(lambda a: dates.find_dates(a["text"], a["published"]), arts, repeats),
        "numbers": _timed(numbers.find_numbers, texts, repeats),
    }

    def run_statements(a):
        st_rows[a["article_id"]] = statements.extract_statements(a, gaz)

    est_rows: list = []

    def run_estimates(a):
        est_rows.extend(estimates.extract_estimates(a, gaz, st_rows[a["article_id"]]))

    stages["statements"] = _timed(run_statements, arts, 1)
    stages["estimates"] = _timed(run_estimates, arts, 1)
    t = time.perf_counter()
    st_df = schema.frame([r for a in arts for r in st_rows[a["article_id"]]], "statements")
    est_df = schema.frame(est_rows, "estimates")
    stages["tables (schema.frame)"] = {"seconds": round(time.perf_counter() - t, 3), "repeats": 1}
    t = time.perf_counter()
    statement_repeat_groups(st_df)
    estimate_repeat_groups(est_df)
    stages["repeat grouping"] = {"seconds": round(time.perf_counter() - t, 3), "repeats": 1}
    for v in stages.values():
        v["articles_per_s"] = round(len(arts) / v["seconds"], 1) if v["seconds"] else None
        v["mb_per_s"] = round(n_bytes / 2**20 / v["seconds"], 2) if v["seconds"] else None
    return stages


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

