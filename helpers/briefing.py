"""Render the briefing: the text blocks of ``notebooks/04_briefing.ipynb`` and its export.

The notebook loads its corpus like every notebook, through ``helpers.workbook.load``;
``repo_root`` and ``default_corpus`` come from there too. ``run(corpus, out)`` executes
``notebooks/04_briefing.ipynb`` with papermill and exports it to ``out/briefing.html``
without code cells. The HTML is self-contained and works offline: its charts are PNG images
embedded as data URIs (no widget state, no JavaScript from a CDN), and each chart is also
written as ``<name>.png`` with the plotted data as ``<name>.csv`` (``charts.save_chart``).

Text from the inputs (quotations, outlet and actor names, the title) is escaped for Markdown
and HTML (:func:`md_text`), so it can never become a link, an image or markup; the exported
page is then cleaned (:func:`_clean_html`): no script, no frame, nothing loaded from outside,
no link but in-page anchors and the articles' own urls from metadata.csv. ``run`` is atomic
as a whole and a failed run leaves no ``briefing.html`` (see :func:`run`).
"""
from __future__ import annotations

import re
from pathlib import Path

from helpers.workbook import default_corpus, repo_root

NOTEBOOK = "04_briefing.ipynb"


# ----------------------------------------------------------------------------- text blocks
# Markdown (and HTML) syntax in text from the inputs -- quotations, outlet names, actor names,
# the --title -- must stay text: each such character becomes a character reference, so no
# link, image, emphasis, table cell, autolink ("http://…", "a@b") or raw HTML can form.
# Bidirectional embedding/override/isolate controls (U+202A-U+202E, U+2066-U+2069) are
# dropped: they would reorder the briefing's text on screen ("Trojan source").
_BIDI = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
_MD_TEXT = {**_BIDI, **{ord(c): f"&#{ord(c)};" for c in "\\`*_{}[]()#!|~$:@"},
            ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;", ord('"'): "&quot;",
            ord("'"): "&#x27;"}


_WWW = re.compile(r"(?i)\bwww\.")


def md_text(text) -> str:
    """``text`` as Markdown that renders as exactly that text (whitespace collapsed)."""
    text = " ".join(str(text).split()).translate(_MD_TEXT)
    return _WWW.sub(lambda m: m.group(0)[:-1] + "&#46;", text)  # no "www.x.org" autolink


def _esc(v) -> str:
    """Cell text safe inside Markdown: every Markdown and HTML character escaped (see
    :func:`md_text`), table pipes and newlines neutralised; numbers and dates formatted."""
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
    return md_text(v)


def _http_url(url) -> str | None:
    """``url`` when it is an absolute http(s) address, else None."""
    from urllib.parse import urlsplit

    if not isinstance(url, str):
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def _link(text_md: str, url) -> str:
    """A Markdown link the briefing makes to an article's url (http(s) only, else plain text)."""
    from urllib.parse import quote

    url = _http_url(url)
    if url is None:
        return text_md
    return f"[{text_md}](<{quote(url, safe=':/?#@!$&*+,;=%~._-')}>)"


def _table(df, cols, heads) -> str:
    lines = ["| " + " | ".join(heads) + " |", "|" + "---|" * len(heads)]
    lines += ["| " + " | ".join(_esc(r[c]) for c in cols) + " |" for r in df.to_dict("records")]
    return "\n".join(lines)


def summary_markdown(title, ann, st, est, start=None, end=None, labels=None) -> str:
    """Heading and scope: corpus size, outlets, date range, figures per measure (``labels``: the
    story profile or a dict of measure labels, see :func:`helpers.charts.measure_label`)."""
    outlets = sorted(ann.articles["outlet"].dropna().unique())
    rng = f"from {start or 'the first'} to {end or 'the latest'} date" if (start or end) else "all dates"
    return (f"# {_esc(title)}\n\n{len(ann.articles)} articles ({_esc(', '.join(outlets)) or 'no outlet named'}); "
            f"{rng}: {figures_phrase(est, labels)} and {len(st)} statements.")


# ----------------------------------------------------------------------------- figures by measure
# A story counts several things (troops, killed, displaced, ...: the estimates' ``measure``);
# the briefing never mixes them: one table per measure, headed by the story profile's label.
def default_title(ann, corpus=None) -> str:
    """The briefing's heading when none is given: "Briefing: " and the story's name from the
    corpus's story.yaml, else the corpus folder's name (never a troop title for a flood)."""
    profile = getattr(ann, "profile", None)
    if profile is not None and getattr(profile, "source", None) == "story.yaml":
        return f"Briefing: {profile.story}"
    name = Path(corpus).name if corpus else ""
    return f"Briefing: {name}" if name else "Briefing"


def figures_phrase(est, labels=None) -> str:
    """ "12 figures (Killed 8, Displaced / evacuated 4)": how many figures, per measure."""
    from helpers import charts

    counts = charts._measure_col(est).value_counts()
    parts = [f"{md_text(charts.measure_label(m, labels))} {counts[m]}"
             for m in charts.measure_order(est) if m != charts.UNKNOWN]
    if charts.UNKNOWN in counts and parts:
        parts.append(f"measure not recorded {counts[charts.UNKNOWN]}")
    return f"{len(est)} figures" + (f" ({', '.join(parts)})" if parts else "")


def _per_measure(df, est, labels):
    """(heading, rows of one measure) in the order of ``charts.measure_order(est)``; a single
    group without a known measure has no heading."""
    from helpers import charts

    order = [m for m in charts.measure_order(est) if (charts._measure_col(df) == m).any()]
    order += [m for m in charts.measure_order(df) if m not in order]
    if not order or order == [charts.UNKNOWN]:
        return [(None, df)]
    return [(f"### {md_text(charts.measure_label(m, labels))}", charts.of_measure(df, m)) for m in order]


def _measure_tables(df, est, labels, cols, heads) -> str:
    """One Markdown table per measure; the Category column only where it says something (a
    measure whose figures are all "reported" has no categories)."""
    blocks = []
    for heading, sub in _per_measure(df, est, labels):
        keep = [(c, h) for c, h in zip(cols, heads)
                if c != "category" or not sub["category"].astype("string").fillna("").isin(["reported", ""]).all()]
        table = _table(sub, [c for c, _ in keep], [h for _, h in keep])
        blocks.append(table if heading is None else f"{heading}\n\n{table}")
    return "\n\n".join(blocks)


def latest_markdown(est, labels=None) -> str:
    """The latest figure of each claimant, one table per measure headed by its label."""
    from helpers import charts

    lat = charts.latest_by_claimant(est)
    lat["sentence"] = charts._short(lat["sentence"], 200)
    if lat.empty:
        return "_No figure with a named claimant in this range._"
    return _measure_tables(lat, est, labels,
                           ["claimant", "category", "value", "qualifier", "as_of", "n_reports", "sentence"],
                           ["Claimant", "Category", "Figure", "Qualifier", "As of", "Reports", "Sentence"])


def revisions_markdown(est, labels=None) -> str:
    """Each change of a claimant's figure, one table per measure headed by its label."""
    from helpers import charts

    rev = charts.revision_table(est)
    if rev.empty:
        return "_No claimant changed a figure in this range._"
    rev = rev.assign(factor=rev["factor"].map(lambda f: f"×{f:.2f}"))
    return _measure_tables(rev, est, labels,
                           ["claimant", "category", "from", "to", "from_date", "to_date", "factor", "sources"],
                           ["Claimant", "Category", "From", "To", "Since", "Changed on", "Factor", "Sources"])


def quotes_markdown(st, top_n: int = 5, articles=None) -> str:
    """The most-quoted speakers and, for each, their longest direct quotation.

    With ``articles`` (the articles table), the outlet of each quotation links to the
    article's ``url`` from metadata.csv (http(s) addresses only)."""
    if st.empty:
        return "_No statements in this range._"
    urls = {} if articles is None else dict(zip(articles["article_id"], articles["url"]))
    counts = st.groupby("speaker").size().sort_values(ascending=False, kind="stable").head(top_n)
    lines = ["**Most-quoted actors:** " + "; ".join(f"{_esc(k)} ({v})" for k, v in counts.items()), ""]
    for speaker in counts.index:
        d = st[(st["speaker"] == speaker) & (st["kind"] == "direct")]
        if d.empty:
            continue
        q = d.loc[d["text"].str.len().idxmax()]
        bits = [_esc(x) for x in (q.get("outlet"), q.get("stated_on")) if x is not None]
        if bits and q.get("outlet") is not None:
            bits[0] = _link(bits[0], urls.get(q.get("article_id")))
        quote = " ".join(str(q["text"]).split()).strip('"“”')
        lines.append(f"- **{_esc(speaker)}**: “{_esc(quote)}” ({', '.join(bits)})")
    return "\n".join(lines)


# ----------------------------------------------------------------------------- export
# The exported page must load nothing and run nothing: elements that run or embed content are
# removed with what they hold, every URL attribute is dropped unless it is an in-page anchor
# ("#…"), an embedded image (data:image/…, img only) or a link to an article url from
# metadata.csv (a only); event-handler attributes and remote CSS imports go too.
_REMOVE_ELEMENTS = ("script", "iframe", "object", "embed", "applet", "frame", "frameset", "noscript",
                    "audio", "video")
_REMOVE_TAGS = ("base", "link", "source", "track", "portal")
_URL_ATTRS = {"href", "src", "srcset", "poster", "action", "formaction", "data", "background",
              "cite", "xlink:href", "ping", "longdesc", "manifest", "codebase", "archive", "lowsrc",
              "dynsrc", "imagesrcset"}
_TAG = re.compile(r"<([a-zA-Z][\w:-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*)\s*(/?)>")
_ATTR = re.compile(r"([^\s=>/]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+))?")


def _safe_tag(m: re.Match, allowed: frozenset) -> str:
    import html

    name = m.group(1).lower()
    if name in _REMOVE_TAGS or (name == "meta" and "http-equiv" in m.group(2).lower()):
        return ""
    kept = []
    for am in _ATTR.finditer(m.group(2)):
        attr, raw = am.group(1).lower(), am.group(2)
        value = html.unescape(raw.strip("\"'")) if raw is not None else ""
        if attr.startswith("on"):
            continue
        if attr == "style" and re.search(r"url\s*\(|expression\s*\(|@import", value, re.I):
            continue
        if attr in _URL_ATTRS:
            v = value.strip()
            ok = (v.startswith("#") and attr == "href"
                  or (name == "img" and attr == "src" and v.lower().startswith("data:image/"))
                  or (name == "a" and attr == "href" and _http_url(v) is not None and v in allowed))
            if not ok:
                continue
        kept.append(am.group(0))
    extra = ' rel="noopener noreferrer"' if name == "a" and any(
        a.lower().startswith("href") for a in kept) else ""
    return f"<{m.group(1)}{''.join(' ' + a for a in kept)}{extra}{' /' if m.group(3) else ''}>"


def _clean_html(body: str, allowed_urls=()) -> str:
    """The exported page made static and offline (see the comment above): no script, frame or
    remote resource, no link but in-page anchors and ``allowed_urls`` (the articles' urls)."""
    allowed = frozenset(u for u in allowed_urls if isinstance(u, str))
    for el in _REMOVE_ELEMENTS:
        body = re.sub(rf"<{el}\b[^>]*>.*?</{el}\s*>\s*", "", body, flags=re.S | re.I)
        body = re.sub(rf"</?{el}\b[^>]*>", "", body, flags=re.I)
    body = re.sub(r"@import\s+(?:url\()?\s*['\"]?(?:https?:)?//[^;]*;", "", body, flags=re.I)
    body = re.sub(r"url\(\s*['\"]?(?:https?:)?//[^)]*\)", "url()", body, flags=re.I)
    body = _TAG.sub(lambda m: _safe_tag(m, allowed), body)
    return re.sub(r"(?i)\b(java|vb)script:", r"\1script&#58;", body)  # text only now


def to_html(nb_path, html_path, allowed_urls=()) -> Path:
    """Export an executed notebook to HTML without input cells or prompts, static and offline
    (:func:`_clean_html`; ``allowed_urls``: the article urls it may link to)."""
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
    html_path.write_text(_clean_html(body, allowed_urls), encoding="utf-8")
    return html_path


class BriefingError(RuntimeError):
    """The briefing could not be made; str() is one line (``bad_input``: the analyst must fix an
    input file, and the line is the loader's "<file>[ row N]: message")."""

    def __init__(self, message: str, bad_input: bool = False):
        super().__init__(" ".join(str(message).split()))
        self.bad_input = bad_input


# The kernel's own log (e.g. ipykernel's warning about its local TCP sockets) would break the
# command line's one-line messages; errors inside the notebook arrive through papermill.
KERNEL_ARGS = ["--IPKernelApp.log_level=CRITICAL"]
INPUT_ERRORS = ("CorpusError", "ActorsError", "CorrectionsError", "TablesError")


def _article_urls(corpus: Path) -> set[str]:
    from helpers.corpus import read_metadata

    try:
        meta, _ = read_metadata(Path(corpus))
    except Exception:  # noqa: BLE001 - no links then; the notebook has read the corpus already
        return set()
    return {u for u in (e.get("url") for e in meta.values()) if _http_url(u)}


def run(corpus=None, out=None, start=None, end=None, title=None, timeout: int = 600,
        say=print) -> Path:
    """Execute the briefing notebook for ``corpus`` into ``out`` and export briefing.html.

    ``start``/``end``: ISO dates (inclusive) limiting the figures and statements; ``title``:
    the briefing's heading. Returns the path of the HTML file.

    Nothing half-done looks current: a previous ``out/briefing.html`` is removed first (and
    ``say`` says so); the notebook runs into a hidden folder inside ``out`` and its files (the
    charts' PNG and CSV, ``briefing.ipynb``) are moved in only when it succeeded, the HTML last.
    A failure raises :class:`BriefingError` with one line -- the loader's message for bad input
    -- and keeps the executed notebook as ``out/briefing.FAILED.ipynb`` to look into.
    """
    import os
    import shutil
    import tempfile

    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    root = repo_root(Path(__file__).parent)
    corpus = Path(corpus).resolve() if corpus else default_corpus()
    out = Path(out).resolve() if out else root / "build"
    out.mkdir(parents=True, exist_ok=True)
    html_path, failed_nb = out / "briefing.html", out / "briefing.FAILED.ipynb"
    if html_path.exists():
        html_path.unlink()
        say(f"removed the previous {html_path}: a new one is written only if this run succeeds")
    failed_nb.unlink(missing_ok=True)
    for stale in out.glob(".briefing-*"):  # left by a killed run
        shutil.rmtree(stale, ignore_errors=True)
    work = Path(tempfile.mkdtemp(prefix=".briefing-", dir=out))
    params = {"corpus": str(corpus), "out_dir": str(work),
              "start": None if start is None else str(start),
              "end": None if end is None else str(end)}
    if title:
        params["title"] = str(title)
    executed = work / "briefing.ipynb"
    try:
        try:
            pm.execute_notebook(str(root / "notebooks" / NOTEBOOK), str(executed), parameters=params,
                                cwd=str(root / "notebooks"), kernel_name="python3", progress_bar=False,
                                execution_timeout=timeout, extra_arguments=KERNEL_ARGS)
        except PapermillExecutionError as exc:
            if executed.exists():
                os.replace(executed, failed_nb)
            if exc.ename == "KeyboardInterrupt":
                raise KeyboardInterrupt from None
            if exc.ename in INPUT_ERRORS:
                raise BriefingError(exc.evalue, bad_input=True) from None
            raise BriefingError(f"the briefing notebook failed: {exc.ename}: {exc.evalue} "
                                f"(the executed notebook: {failed_nb})") from None
        except Exception as exc:  # kernel died, timeout, ...
            if executed.exists():
                os.replace(executed, failed_nb)
            raise BriefingError(f"the briefing notebook could not run: {type(exc).__name__}: {exc}") from None
        to_html(executed, work / "briefing.html", allowed_urls=_article_urls(corpus))
        for p in sorted(work.iterdir()):  # charts, their data, the executed notebook; HTML last
            if p.name != "briefing.html":
                os.replace(p, out / p.name)
        os.replace(work / "briefing.html", html_path)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return html_path
