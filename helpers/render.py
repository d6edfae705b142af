"""Annotated article text as escaped HTML, in two stages (as spaCy's displaCy does).

Stage one builds a spans table (``dict(start, end, label, title)`` per highlight) from the
mentions, statements and estimates of one article; stage two, :func:`spans_to_html`, walks the
text once and wraps each span in a ``<mark>``. Every piece of text -- the article, the titles
(tooltips), labels, the header -- goes through ``html.escape``, so an article containing
``<script>`` is shown, never run. Overlapping spans are split where they cross so the markup
always nests properly (the outer span is closed and reopened around the inner one's end).

Bidirectional embedding, override and isolate controls (U+202A-U+202E, U+2066-U+2069) are kept
in the text and its offsets but dropped from what is rendered: a right-to-left override in an
article must not reorder the words on screen (the "Trojan source" trick).
"""
from __future__ import annotations

import html
import re

import pandas as pd

# label -> (background colour, legend text). Colour-blind-safe tints (Okabe-Ito based).
STYLES = {
    "actor": ("#cfe3f3", "actor mentioned (in actors.yaml)"),
    "quote": ("#fbe3b8", "direct quotation"),
    "indirect": ("#e6e6e6", "indirect speech"),
    "number": ("#bfe7d9", "number claimed"),
}
DEFAULT_BG = "#eeeeee"
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_NO_BIDI = dict.fromkeys(map(ord, BIDI_CONTROLS))


def esc(text, quote: bool = True) -> str:
    """``html.escape`` of ``text`` without bidirectional controls."""
    return html.escape(str(text).translate(_NO_BIDI), quote=quote)
MARK_STYLE = "background:{bg};padding:0 1px;border-radius:2px;"


def _css_label(label) -> str:
    return re.sub(r"[^a-z0-9_-]+", "-", str(label).lower()).strip("-") or "span"


def _clean_spans(text: str, spans) -> list[dict]:
    out = []
    n = len(text)
    for i, sp in enumerate(spans or []):
        try:
            start, end = int(sp["start"]), int(sp["end"])
        except (TypeError, ValueError, KeyError):
            continue  # a span without offsets cannot be drawn
        start, end = max(0, start), min(n, end)
        if start >= end:
            continue
        out.append({"start": start, "end": end, "label": _css_label(sp.get("label", "span")),
                    "title": "" if sp.get("title") is None or sp.get("title") is pd.NA
                    else str(sp.get("title")), "i": i})
    # outermost first: earlier start, then longer span
    return sorted(out, key=lambda s: (s["start"], -s["end"], s["i"]))


def _open(sp) -> str:
    bg = STYLES.get(sp["label"], (DEFAULT_BG, ""))[0]
    title = f' title="{esc(sp["title"], quote=True)}"' if sp["title"] else ""
    return (f'<mark class="warta-{sp["label"]}" data-label="{sp["label"]}"'
            f'{title} style="{MARK_STYLE.format(bg=bg)}">')


def spans_to_html(text: str, spans) -> str:
    """Escaped ``text`` with each span wrapped in ``<mark>`` (title = tooltip, escaped).

    ``spans``: iterable of dict(start, end, label, title); offsets are clipped to the text,
    empty or offset-less spans are ignored, crossing spans are split so tags nest.
    """
    text = "" if text is None or text is pd.NA else str(text)
    spans = _clean_spans(text, spans)
    bounds = sorted({0, len(text)} | {s["start"] for s in spans} | {s["end"] for s in spans})
    starts = {}
    for s in spans:
        starts.setdefault(s["start"], []).append(s)
    parts, stack = [], []
    for a, b in zip(bounds, bounds[1:] + [None]):
        # close spans ending at a: pop down to the deepest one, reopen the others
        ending = [k for k, s in enumerate(stack) if s["end"] <= a]
        if ending:
            cut = ending[0]
            reopen = [s for s in stack[cut:] if s["end"] > a]
            parts.append("</mark>" * (len(stack) - cut))
            stack = stack[:cut]
            for s in reopen:
                parts.append(_open(s))
                stack.append(s)
        for s in starts.get(a, []):
            parts.append(_open(s))
            stack.append(s)
        if b is not None:
            parts.append(esc(text[a:b], quote=False))
    parts.append("</mark>" * len(stack))
    return "".join(parts)


def legend_html(labels=None) -> str:
    """A row of swatches explaining the highlight colours."""
    labels = list(STYLES) if labels is None else labels
    items = []
    for lab in labels:
        bg, text = STYLES.get(lab, (DEFAULT_BG, lab))
        items.append(f'<mark class="warta-{_css_label(lab)}" style="{MARK_STYLE.format(bg=bg)}">'
                     f'{esc(text)}</mark>')
    return '<div class="warta-legend" style="margin:4px 0 8px 0;">Legend: ' + " ".join(items) + "</div>"


def _fmt(v, spec="{:,.0f}") -> str:
    try:
        if v is None or pd.isna(v):
            return ""
    except (TypeError, ValueError):  # not a scalar
        pass
    if isinstance(v, pd.Timestamp):
        return "" if pd.isna(v) else v.strftime("%Y-%m-%d")
    try:
        return spec.format(v)
    except (ValueError, TypeError):
        return str(v)


def article_spans(article_id, mentions, statements, estimates) -> list[dict]:
    """The spans table of one article: actor mentions, statements, numbers."""
    spans = []

    def rows(df):
        if df is None or len(df) == 0:
            return []
        return df[df["article_id"] == article_id].to_dict("records")

    for m in rows(mentions):
        spans.append({"start": m["start"], "end": m["end"], "label": "actor",
                      "title": f"actor: {m.get('actor_id')}"})
    for s in rows(statements):
        label = "quote" if s.get("kind") == "direct" else "indirect"
        bits = [f"speaker: {s.get('speaker')}", f"kind: {s.get('kind')}", f"verb: {s.get('verb')}",
                f"stance: {s.get('stance')}", f"stated on: {_fmt(s.get('stated_on'))}"]
        if not pd.isna(s.get("cited_source")):
            bits.append(f"cited source: {s.get('cited_source')}")
        spans.append({"start": s["start"], "end": s["end"], "label": label, "title": "; ".join(bits)})
    for e in rows(estimates):
        rng = f" ({_fmt(e.get('low'))}–{_fmt(e.get('high'))})" if not pd.isna(e.get("low")) else ""
        title = (f"{_fmt(e.get('value'))}{rng}; {e.get('qualifier')}; {e.get('category')}; "
                 f"claimant: {e.get('claimant')}; as of: {_fmt(e.get('as_of'))}")
        spans.append({"start": e["start"], "end": e["end"], "label": "number", "title": title})
    return spans


def article_html(article_row, mentions=None, statements=None, estimates=None) -> str:
    """One article as HTML: escaped header (title, outlet, date), legend, highlighted text."""
    a = dict(article_row)
    aid = a.get("article_id")
    text = a.get("text") or ""
    spans = article_spans(aid, mentions, statements, estimates)
    head = " · ".join(esc(x) for x in (a.get("outlet"), _fmt(a.get("published")), aid)
                      if x is not None and x is not pd.NA and str(x))
    title = a.get("title")
    title = "" if title is None or title is pd.NA else esc(title)
    body = spans_to_html(text, spans).replace("\n", "<br>\n")
    return ('<div class="warta-article" style="font-family:sans-serif;line-height:1.55;max-width:52em;">'
            + (f"<h3 style='margin-bottom:2px;'>{title}</h3>" if title else "")
            + f"<div style='color:#555;'>{head}</div>"
            + f"{legend_html()}<div class='warta-text'>{body}</div></div>")


def article_options(articles) -> list[tuple[str, str]]:
    """(label, article_id) pairs for a dropdown: outlet · date · title (or id)."""
    opts = []
    for a in articles.sort_values(["published", "article_id"], na_position="last").to_dict("records"):
        bits = [a.get("outlet"), _fmt(a.get("published")), a.get("title") or a.get("article_id")]
        label = " · ".join(str(b) for b in bits if b is not None and b is not pd.NA and str(b))
        label = label.translate(_NO_BIDI)
        opts.append((label[:90], a["article_id"]))
    return opts
