"""The estimates timeline: claimed figures over time, one line per claimant, one chart per
measure (troops, killed, ...), never two measures on one axis.

``estimates_timeline`` is the builder (re-exported by ``helpers.charts``); the functions below
it make one measure's chart: its rows aggregated to one point per distinct figure, the
subtitle saying what is drawn and what is left out, the shared encodings, the dated layers
(lines, ranges, points) and, when some figures have no date, a narrow panel of them beside.
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from helpers.chartdata import (GENERIC_LABEL, UNKNOWN, _iso, _label, _short, dedupe_reports,
                               measure_label, measure_order, of_measure, with_outlet)
from helpers.chartstyle import (CATEGORIES, CATEGORY_DASHES, CHART_WIDTH, HOLLOW, HOLLOW_TEST,
                                QUALIFIER_SHAPES, QUALIFIERS, _color_scale, _count_axis, _inline,
                                _plain, date_format, ordered_categories)

MAX_POINTS = 1000     # distinct figures drawn by estimates_timeline


def estimates_timeline(est: pd.DataFrame, color: str = "claimant", mode: str = "claims",
                       articles: pd.DataFrame | None = None, title: str | None = None,
                       labels=None):
    """Claimed figures over time: x = as_of, y = value, colour = claimant or affiliation.

    Shape = qualifier (exact, at least, about, up to, vague); hollow points and dashed lines =
    planned/prepared figures, filled = deployed, reported and the rest; rules from low to high
    for ranges; one line per claimant and category joining successive figures. ``mode="claims"``
    draws each repeat_group once (size = number of reports); ``mode="reports"`` draws every
    report (identical ones stacked into one point).

    Two measures never share an axis: figures of one measure (the ``measure`` column) give one
    chart whose y axis and title carry the measure's label (``labels``: a dict or the story
    profile, see :func:`measure_label`); figures of several measures give one such chart per
    measure, stacked (most figures first), each with its own y axis and legends.
    """
    if color not in ("claimant", "affiliation"):
        raise ValueError(f"color must be 'claimant' or 'affiliation', not {color!r}")
    if mode not in ("claims", "reports"):
        raise ValueError(f"mode must be 'claims' or 'reports', not {mode!r}")
    d = est if "outlet" in est or articles is None else with_outlet(est, articles)
    if "outlet" not in d:
        d = with_outlet(d, None)
    ms = measure_order(d)
    if len(ms) <= 1:
        return _timeline(d, color, mode, ms[0] if ms else None, labels, title)
    parts = [_timeline(of_measure(d, m), color, mode, m, labels, None) for m in ms]
    heading = alt.TitleParams(title or "Claimed figures over time, one chart per measure",
                              subtitle=[f"{len(ms)} measures: " + ", ".join(measure_label(m, labels) for m in ms)
                                        + " (never on one axis)"])
    return alt.vconcat(*parts, title=heading, spacing=28).resolve_scale(
        y="independent", color="independent", shape="independent", size="independent",
        strokeDash="independent")


def _timeline(d: pd.DataFrame, color: str, mode: str, measure, labels, title):
    """The timeline of one measure (``d``: its rows, with ``outlet``): the dated figures and,
    when some have no date, a narrow panel of those at the right."""
    label = measure_label(measure, labels)
    n_vague = int(d["value"].isna().sum())
    data, n_all = _points_data(d[d["value"].notna()], mode, measure)
    categories = ordered_categories(data["category"] if len(data) else [])
    n_undated = int(data["as_of"].isna().sum()) if len(data) else 0
    subtitle = _subtitle(data, mode, categories, n_all, n_undated, n_vague)
    x, y, top = _axes(data, label)
    marks, tooltip = _marks(data, color), _tooltip(label)
    if not title:
        title = ("Claimed figures over time" if label == GENERIC_LABEL
                 else f"{label}: claimed figures over time")
    heading = alt.TitleParams(title, subtitle=subtitle)
    width = CHART_WIDTH - (100 if not n_undated else 210)  # legends (and the undated panel) beside
    main = _dated(x, y, marks, tooltip, categories).properties(width=width, height=340)
    if not n_undated:
        return main.properties(data=_inline(data), title=heading)
    side = _undated(color, top, marks, tooltip)
    return alt.hconcat(main, side, data=_inline(data), title=heading).resolve_scale(y="shared")


def _points_data(d: pd.DataFrame, mode: str, measure) -> tuple[pd.DataFrame, int]:
    """One row per distinct figure (claimant, category, qualifier, value, range, date) with its
    reports summed, at most ``MAX_POINTS`` (the most reported), as plain values; and how many
    distinct figures there were. ``d``: rows with a value."""
    if mode == "claims":
        d = dedupe_reports(d)
    else:
        d = d.assign(n_reports=1, outlets=d["outlet"])
    d = d.assign(claimant=_label(d["claimant"]), affiliation=_label(d["affiliation"]),
                 category=_label(d["category"]), qualifier=_label(d["qualifier"]),
                 outlets=_label(d["outlets"]) if "outlets" in d else UNKNOWN,
                 cited_source=_label(d["cited_source"]), sentence=_short(d["sentence"]),
                 as_of=_iso(d["as_of"]))
    keys = ["claimant", "affiliation", "category", "qualifier", "value", "low", "high", "as_of"]
    if len(d):
        agg = d.groupby(keys, dropna=False, sort=False).agg(
            n_reports=("n_reports", "sum"), sentence=("sentence", "first"),
            cited_source=("cited_source", "first"),
            outlets=("outlets", lambda s: "; ".join(sorted(set("; ".join(s).split("; "))))),
        ).reset_index()
    else:
        agg = pd.DataFrame(columns=keys + ["n_reports", "sentence", "cited_source", "outlets"])
    n_all = len(agg)
    if n_all > MAX_POINTS:
        agg = agg.sort_values(["n_reports", "as_of"], ascending=[False, False]).head(MAX_POINTS)
    agg = agg.sort_values(["claimant", "category", "as_of", "value"], kind="stable")
    agg["series"] = agg["claimant"].astype(str) + " · " + agg["category"].astype(str)
    agg["measure"] = None if measure in (None, UNKNOWN) else str(measure)
    return _plain(agg), n_all


def _subtitle(data: pd.DataFrame, mode: str, categories: list[str], n_all: int, n_undated: int,
              n_vague: int) -> list[str]:
    """What the chart draws and what it leaves out, one line each."""
    subtitle = ["each claim once (size = number of reports)" if mode == "claims" else "every report"]
    if set(categories) & set(HOLLOW):
        subtitle.append("hollow points, dashed lines: " + "/".join(c for c in HOLLOW if c in categories)
                        + " figures")
    if n_all > MAX_POINTS:
        subtitle.append(f"showing the {MAX_POINTS:,} most-reported of {n_all:,} distinct figures")
    if n_undated:
        subtitle.append(f"{n_undated} figure(s) without a date: drawn at the right, not joined")
    if n_vague:
        subtitle.append(f"{n_vague} vague figure(s) without a number (\"thousands\") not drawn")
    if data.empty:
        subtitle.append("no figures match the filters")
    return subtitle


def _axes(data: pd.DataFrame, label: str):
    """x: the date claimed (one tick a day over two weeks or less); y: the figure, titled with
    the measure's label; and the highest value drawn (the undated panel's axis shares it)."""
    days = pd.to_datetime(data["as_of"]).dropna() if len(data) else pd.Series(dtype="datetime64[ns]")
    daily = (days.max() - days.min()).days <= 14 if len(days) else False  # else "21 Nov" ×4
    x = alt.X("as_of:T", title="Date the figure was claimed",
              axis=alt.Axis(format=date_format(days), labelOverlap=True,
                            **({"tickCount": {"interval": "day", "step": 1}} if daily else {})),
              scale=alt.Scale(padding=24))
    top = pd.concat([data["value"], data["high"]]).max() if len(data) else 0
    y = alt.Y("value:Q", title=label, axis=_count_axis(top))  # counts: no "0.5" ticks
    return x, y, top


def _marks(data: pd.DataFrame, color: str) -> dict:
    """The points' colour (claimant or affiliation), shape (qualifier) and size (reports)."""
    sizes = sorted({int(v) for v in data["n_reports"].dropna()}) if len(data) else []
    sizes = sizes if len(sizes) <= 4 else [sizes[0], sizes[len(sizes) // 2], sizes[-1]]
    scale = _color_scale(data[color].dropna().tolist() if len(data) else [])
    return {
        "color": alt.Color(f"{color}:N", scale=scale, title=color.capitalize()),
        "shape": alt.Shape("qualifier:N", title="Qualifier",
                           scale=alt.Scale(domain=QUALIFIERS, range=QUALIFIER_SHAPES)),
        "size": alt.Size("n_reports:Q", title="Reports", scale=alt.Scale(range=[90, 400], zero=False),
                         legend=alt.Legend(values=sizes, format="d") if sizes else None),
    }


def _tooltip(label: str) -> list:
    """A point's tooltip: who claimed what, how sure, when, reported by whom, the sentence."""
    return [
        alt.Tooltip("claimant:N", title="Claimant"), alt.Tooltip("affiliation:N", title="Affiliation"),
        alt.Tooltip("value:Q", title=label, format=","),
        alt.Tooltip("low:Q", title="Low", format=","), alt.Tooltip("high:Q", title="High", format=","),
        alt.Tooltip("qualifier:N", title="Qualifier"), alt.Tooltip("category:N", title="Category"),
        alt.Tooltip("as_of:T", title="As of", format="%d %b %Y"),
        alt.Tooltip("outlets:N", title="Outlet(s)"), alt.Tooltip("cited_source:N", title="Cited source"),
        alt.Tooltip("n_reports:Q", title="Reports"), alt.Tooltip("sentence:N", title="Sentence"),
    ]


def _points(base: alt.Chart, marks: dict, tooltip: list) -> tuple:
    """Each figure drawn twice: an outline, and a fill that is transparent for planned and
    prepared figures (hollow)."""
    outline = base.mark_point(strokeWidth=2, filled=False, opacity=1).encode(**marks)
    fill = base.mark_point(filled=True, opacity=1).encode(
        **marks, tooltip=tooltip,
        fillOpacity=alt.condition(HOLLOW_TEST, alt.value(0.0), alt.value(1.0)))
    return outline, fill


def _dated(x, y, marks: dict, tooltip: list, categories: list[str]) -> alt.LayerChart:
    """The dated figures: a line per claimant and category (dashed for planned/prepared), a
    rule from low to high for ranges, and the points."""
    base = alt.Chart().encode(x=x, y=y).transform_filter("isValid(datum.as_of)")
    dash_domain = categories or list(CATEGORIES)
    lines = base.mark_line(strokeWidth=2, opacity=0.7).encode(
        color=marks["color"], detail=alt.Detail("series:N"), order=alt.Order("as_of:T"),
        strokeDash=alt.StrokeDash("category:N", title="Category",
                                  scale=alt.Scale(domain=dash_domain,
                                                  range=[CATEGORY_DASHES.get(c, [1, 0]) for c in dash_domain]),
                                  legend=alt.Legend() if len(categories) > 1 else None))
    ranges = base.mark_rule(strokeWidth=2, opacity=0.6).encode(
        y="low:Q", y2="high:Q", color=marks["color"]).transform_filter("isValid(datum.low) && isValid(datum.high)")
    return alt.layer(lines, ranges, *_points(base, marks, tooltip))


def _undated(color: str, top, marks: dict, tooltip: list) -> alt.LayerChart:
    """The figures without a date, in a narrow panel at the right, claimants side by side."""
    side = alt.Chart().encode(
        x=alt.X("when:N", title=None, axis=alt.Axis(labelAngle=0)),
        xOffset=alt.XOffset(f"{color}:N"),  # claimants side by side, not on top of each other
        y=alt.Y("value:Q", axis=_count_axis(top, title=None)),
    ).transform_filter("!isValid(datum.as_of)").transform_calculate(when="'undated'")
    return alt.layer(*_points(side, marks, tooltip)).properties(width=70, height=340)
