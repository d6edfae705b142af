"""Render the briefing: the text blocks of ``notebooks/04_briefing.ipynb`` and its export.

The notebook loads its corpus like every notebook, through ``helpers.workbook.load``;
``repo_root`` and ``default_corpus`` come from there too. ``run(corpus, out)`` executes
``notebooks/04_briefing.ipynb`` with papermill and exports it to ``out/briefing.html``
without code cells. The HTML is self-contained and works offline: its charts are PNG images
embedded as data URIs (no widget state, no JavaScript from a CDN), and each chart is also
written as ``<name>.png`` with the plotted data as ``<name>.csv`` (``charts.save_chart``).
"""
from __future__ import annotations

import re
from pathlib import Path

from helpers.workbook import default_corpus, repo_root

NOTEBOOK = "04_briefing.ipynb"


# ----------------------------------------------------------------------------- text blocks
def _esc(v) -> str:
    """Cell text safe inside Markdown: HTML escaped, table pipes and newlines neutralised."""
    import html

    import pandas as pd

    try:
        if v is None or pd.isna(v):
            return "–"
    except (TypeError, ValueError):
        pass
    if isinstance(v, pd.Timestamp):
        return v.strftime("%d %b %Y")
    if isinstance(v, float):
        return f"{v:,.0f}"
    return html.escape(" ".join(str(v).split())).replace("|", "&#124;").replace("*", "&#42;")


def _table(df, cols, heads) -> str:
    lines = ["| " + " | ".join(heads) + " |", "|" + "---|" * len(heads)]
    lines += ["| " + " | ".join(_esc(r[c]) for c in cols) + " |" for r in df.to_dict("records")]
    return "\n".join(lines)


def summary_markdown(title, ann, st, est, start=None, end=None) -> str:
    """Heading and scope: corpus size, outlets, date range."""
    outlets = sorted(ann.articles["outlet"].dropna().unique())
    rng = f"from {start or 'the first'} to {end or 'the latest'} date" if (start or end) else "all dates"
    return (f"# {_esc(title)}\n\n{len(ann.articles)} articles ({_esc(', '.join(outlets)) or 'no outlet named'}); "
            f"{rng}: {len(est)} troop figures and {len(st)} statements.")


def latest_markdown(est) -> str:
    from helpers import charts

    lat = charts.latest_by_claimant(est)
    lat["sentence"] = charts._short(lat["sentence"], 200)
    if lat.empty:
        return "_No figure with a named claimant in this range._"
    return _table(lat, ["claimant", "category", "value", "qualifier", "as_of", "n_reports", "sentence"],
                  ["Claimant", "Category", "Figure", "Qualifier", "As of", "Reports", "Sentence"])


def revisions_markdown(est) -> str:
    from helpers import charts

    rev = charts.revision_table(est)
    if rev.empty:
        return "_No claimant changed a figure in this range._"
    rev = rev.assign(factor=rev["factor"].map(lambda f: f"×{f:.2f}"))
    return _table(rev, ["claimant", "category", "from", "to", "from_date", "to_date", "factor", "sources"],
                  ["Claimant", "Category", "From", "To", "Since", "Changed on", "Factor", "Sources"])


def quotes_markdown(st, top_n: int = 5) -> str:
    """The most-quoted speakers and, for each, their longest direct quotation."""
    if st.empty:
        return "_No statements in this range._"
    counts = st.groupby("speaker").size().sort_values(ascending=False, kind="stable").head(top_n)
    lines = ["**Most-quoted actors:** " + "; ".join(f"{_esc(k)} ({v})" for k, v in counts.items()), ""]
    for speaker in counts.index:
        d = st[(st["speaker"] == speaker) & (st["kind"] == "direct")]
        if d.empty:
            continue
        q = d.loc[d["text"].str.len().idxmax()]
        src = ", ".join(_esc(x) for x in (q.get("outlet"), q.get("stated_on")) if x is not None)
        lines.append(f"- **{_esc(speaker)}**: “{_esc(q['text']).strip(chr(34) + '“”')}” ({src})")
    return "\n".join(lines)


def _clean_html(body: str) -> str:
    """Drop every script: the briefing is static (charts are SVG/PNG), and the exporter's
    scripts (MathJax, mermaid) would load from CDNs."""
    return re.sub(r"<script\b[^>]*>.*?</script>\s*", "", body, flags=re.S | re.I)


def to_html(nb_path, html_path) -> Path:
    """Export an executed notebook to HTML without input cells or prompts."""
    import nbformat
    from nbconvert import HTMLExporter

    nb = nbformat.read(str(nb_path), as_version=4)
    nb.metadata.pop("widgets", None)
    from nbconvert.preprocessors import TagRemovePreprocessor

    exporter = HTMLExporter(exclude_input=True, exclude_input_prompt=True,
                            exclude_output_prompt=True, mathjax_url="")
    exporter.register_preprocessor(TagRemovePreprocessor(remove_cell_tags={"remove_cell"}), enabled=True)
    body, _ = exporter.from_notebook_node(nb)
    html_path = Path(html_path)
    html_path.write_text(_clean_html(body), encoding="utf-8")
    return html_path


def run(corpus=None, out=None, start=None, end=None, title=None, timeout: int = 600) -> Path:
    """Execute the briefing notebook for ``corpus`` into ``out`` and export briefing.html.

    ``start``/``end``: ISO dates (inclusive) limiting the figures and statements; ``title``:
    the briefing's heading. Returns the path of the HTML file.
    """
    import papermill as pm

    root = repo_root(Path(__file__).parent)
    corpus = Path(corpus).resolve() if corpus else default_corpus()
    out = Path(out).resolve() if out else root / "build"
    out.mkdir(parents=True, exist_ok=True)
    params = {"corpus": str(corpus), "out_dir": str(out),
              "start": None if start is None else str(start),
              "end": None if end is None else str(end)}
    if title:
        params["title"] = str(title)
    executed = out / "briefing.ipynb"
    pm.execute_notebook(str(root / "notebooks" / NOTEBOOK), str(executed), parameters=params,
                        cwd=str(root / "notebooks"), kernel_name="python3", progress_bar=False,
                        execution_timeout=timeout)
    return to_html(executed, out / "briefing.html")
