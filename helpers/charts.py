"""Altair chart builders and the small data helpers behind them.

Every builder takes DataFrames (the tables of ``helpers.schema``), loads nothing, aggregates
with pandas before charting (so no chart ever hits Altair's 5,000-row limit or grows to MBs),
types every encoding, and returns an ``alt.Chart``/``alt.LayerChart`` whose ``.data`` is the
small frame it plots (``save_chart`` writes that frame as the chart's CSV).

Builders
    estimates_timeline(est, color=, mode=, labels=)  claimed figures over time, one line per
                                                 claimant; one panel per measure (troops,
                                                 killed, ...), never two measures on one axis
    statements_by_actor(st, by=, stack=, ...)    horizontal bars, click selects an actor
    statements_over_time(st)                     statements per day, stacked by affiliation
    corpus_overview(articles, st, est)           statements and estimates per article
Data helpers (pure, tested)
    prepare, with_outlet, dedupe_reports, filter_estimates, filter_statements, revision_table, latest_by_claimant,
    unlisted_speakers, actor_statements, save_chart
    measure_order, of_measure, measure_label     what the estimates count (the ``measure``
                                                 column) and its label from the story profile

Measures: an estimate counts one thing (its ``measure``: troops, killed, displaced ...; see
``helpers.profile``). Revisions and latest figures are per claimant, measure and category, and
the timeline's y axis is titled with the measure's label (``labels``: the profile's
``Profile.labels`` or the profile itself; else the default profile's labels).

The house theme ``warta`` is registered and enabled on import: readable fonts, the
colour-blind-safe palette (Paul Tol muted + Okabe-Ito), and a stable colour per affiliation (``color_for``).
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import altair as alt
import pandas as pd

# Paul Tol's "muted" scheme (colour-blind safe, nine distinct hues) plus Okabe-Ito orange
# and blue; grey is reserved for "unknown".
PALETTE = ["#332288", "#E69F00", "#44AA99", "#CC6677", "#117733", "#88CCEE", "#AA4499",
           "#999933", "#882255", "#0072B2"]
UNKNOWN = "(unknown)"
UNKNOWN_COLOR = "#999999"
FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif"

QUALIFIERS = ["exact", "at_least", "about", "up_to", "vague"]
QUALIFIER_SHAPES = ["circle", "triangle-up", "diamond", "triangle-down", "square"]
# A figure's status: troops are deployed/planned/prepared/other; a measure without categories
# in the story profile (killed, displaced, ...) is "reported". Planned and prepared figures are
# not (yet) real: hollow points and dashed lines; any other category is solid.
CATEGORIES = ["deployed", "planned", "prepared", "reported", "casualties", "other"]
HOLLOW = ["planned", "prepared"]  # drawn as hollow points and dashed lines
HOLLOW_TEST = "indexof(" + repr(HOLLOW) + ", datum.category) >= 0"
CATEGORY_DASHES = {"planned": [6, 3], "prepared": [2, 2]}  # any other category: solid [1, 0]
GENERIC_LABEL = "Figure claimed"  # the y axis when the figures carry no measure
STANCES = ["confirms", "denies", "warns", "condemns", "other"]
STANCE_COLORS = ["#009E73", "#D55E00", "#E69F00", "#CC79A7", "#999999"]

MAX_POINTS = 1000     # distinct figures drawn by estimates_timeline
MAX_TEXT = 220        # characters of a sentence kept for a tooltip
MAX_BARS = 50         # actors drawn by statements_by_actor
MAX_DAYS = 400        # days drawn by statements_over_time
MAX_ARTICLES = 60     # articles drawn by corpus_overview
# Plot width (px) of the charts: with axis labels and legends every chart stays within about
# 780 px, the output area of a notebook in JupyterLab next to an open file browser.
CHART_WIDTH = 560


@alt.theme.register("warta", enable=True)
def warta_theme():
    """The house theme: large readable labels, colour-blind-safe categorical palette."""
    return alt.theme.ThemeConfig({
        "config": {
            "font": FONT,
            "view": {"continuousWidth": 560, "continuousHeight": 320, "stroke": None},
            "title": {"fontSize": 16, "anchor": "start", "subtitleFontSize": 12,
                      "subtitleColor": "#555555"},
            "axis": {"labelFontSize": 12, "titleFontSize": 13, "gridColor": "#e6e6e6",
                     "labelLimit": 260},
            "legend": {"labelFontSize": 12, "titleFontSize": 12, "labelLimit": 170},
            "range": {"category": PALETTE},
        }
    })


# ----------------------------------------------------------------------------- colours
def color_for(name) -> str:
    """Stable colour of one affiliation/claimant name (same in every chart and notebook)."""
    if name is None or name is pd.NA or name == UNKNOWN or (isinstance(name, float) and name != name):
        return UNKNOWN_COLOR
    h = int(hashlib.sha1(str(name).encode("utf-8")).hexdigest(), 16)
    return PALETTE[h % len(PALETTE)]


def _color_scale(values) -> alt.Scale:
    """Explicit domain/range: hash colours, re-assigned in sorted order only on collision."""
    domain = sorted({str(v) for v in values if v is not None})
    used, rng = set(), []
    for v in domain:
        c = color_for(v)
        if c in used and c != UNKNOWN_COLOR:
            free = [p for p in PALETTE if p not in used]
            c = free[0] if free else c
        used.add(c)
        rng.append(c)
    return alt.Scale(domain=domain or [UNKNOWN], range=rng or [UNKNOWN_COLOR])


# ----------------------------------------------------------------------------- frames
def _label(s: pd.Series) -> pd.Series:
    """Text column for grouping/colour: NA and empty become '(unknown)'."""
    s = s.astype("string").fillna(UNKNOWN)
    return s.mask(s.str.strip() == "", UNKNOWN).astype(object)


def _iso(s: pd.Series) -> pd.Series:
    """Datetimes to 'YYYY-MM-DD' strings (None for NaT): what Vega parses reliably."""
    d = pd.to_datetime(s, errors="coerce")
    return d.dt.strftime("%Y-%m-%d").astype(object).where(d.notna(), None)


def _plain(df: pd.DataFrame) -> pd.DataFrame:
    """Nullable pandas dtypes to plain objects/floats, NA to None, for Vega-Lite."""
    out = pd.DataFrame(index=df.index)
    for c in df.columns:
        s = df[c]
        if pd.api.types.is_datetime64_any_dtype(s):
            out[c] = _iso(s)
        elif pd.api.types.is_bool_dtype(s):
            out[c] = pd.Series([None if _missing(v) else bool(v) for v in s], index=s.index, dtype=object)
        elif pd.api.types.is_numeric_dtype(s):
            out[c] = pd.to_numeric(s, errors="coerce").astype("float64")
        else:
            out[c] = pd.Series([None if _missing(v) else str(v) for v in s], index=s.index, dtype=object)
    return out.reset_index(drop=True)


def _inline(df: pd.DataFrame) -> alt.InlineData:
    """The plotted rows as JSON-safe inline values (NA/NaN -> null, numpy -> Python).

    Inline values, not a DataFrame, because Altair's own sanitising turns missing strings
    into NaN under pandas 3, which the notebook widget refuses ("not JSON compliant")."""
    d = _plain(df)
    rows = []
    for rec in d.to_dict("records"):
        rows.append({k: (None if _missing(v) else v.item() if hasattr(v, "item") else v)
                     for k, v in rec.items()})
    return alt.InlineData(values=rows)


def _missing(v) -> bool:
    try:
        return v is None or bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def _short(s: pd.Series, n: int = MAX_TEXT) -> pd.Series:
    s = s.astype("string")
    return s.where(s.str.len() <= n, s.str.slice(0, n - 1) + "…")


def with_outlet(df: pd.DataFrame, articles: pd.DataFrame | None) -> pd.DataFrame:
    """Add the article's ``outlet`` (and ``published``) to statements/estimates rows."""
    df = df.copy()
    if articles is None or "article_id" not in df:
        if "outlet" not in df:
            df["outlet"] = pd.Series(pd.NA, index=df.index, dtype="string")
        return df
    meta = articles[["article_id", "outlet", "published"]].drop_duplicates("article_id")
    drop = [c for c in ("outlet", "published") if c in df]
    return df.drop(columns=drop).merge(meta, on="article_id", how="left")


def prepare(df: pd.DataFrame, articles: pd.DataFrame | None) -> pd.DataFrame:
    """Statements or estimates ready to chart: ``outlet`` added, and a missing date
    (``as_of`` / ``stated_on``) taken from the article's publication date, with
    ``date_source`` set to "published" for those rows."""
    d = with_outlet(df, articles)
    col = "as_of" if "as_of" in d else "stated_on"
    if col in d and "published" in d:
        fill = d[col].isna() & d["published"].notna()
        d[col] = d[col].where(~fill, d["published"])
        if "date_source" in d:
            d["date_source"] = d["date_source"].astype("string").mask(fill, "published")
    return d


def actor_statements(st: pd.DataFrame, actor, by: str = "speaker") -> pd.DataFrame:
    """The statements of one actor (speaker name or affiliation) for a table under a chart."""
    cols = [c for c in ("speaker", "kind", "text", "outlet", "stated_on", "cited_source",
                        "stance", "article_id") if c in st]
    d = st[_label(st[by]).to_numpy() == str(actor)]
    return d.sort_values(["stated_on", "article_id", "start"], kind="stable")[cols].reset_index(drop=True)


def dedupe_reports(df: pd.DataFrame) -> pd.DataFrame:
    """One row per claim: rows sharing a ``repeat_group`` collapse to the earliest report.

    Adds ``n_reports`` (how many rows the group had) and, when an ``outlet`` column is
    present, ``outlets`` ("; "-joined, sorted). Rows without a repeat_group stand alone.
    """
    df = df.reset_index(drop=True)
    if df.empty:
        out = df.copy()
        out["n_reports"] = pd.Series(dtype="Int64")
        if "outlet" in df:
            out["outlets"] = pd.Series(dtype="string")
        return out
    group = df["repeat_group"].astype("string") if "repeat_group" in df else pd.Series(pd.NA, index=df.index)
    key = group.fillna("row:" + pd.Series(df.index.astype(str), index=df.index))
    date_col = next((c for c in ("as_of", "stated_on", "published") if c in df), None)
    order = [c for c in (date_col, "article_id", "start") if c]
    ranked = df.assign(_key=key.values).sort_values(order, kind="stable", na_position="last")
    first = ranked.drop_duplicates("_key", keep="first").set_index("_key")
    first["n_reports"] = ranked.groupby("_key").size().astype("Int64")
    if "outlet" in df:  # "; "-joined distinct outlets of the group, sorted ("" when none)
        o = ranked.loc[ranked["outlet"].notna(), ["_key", "outlet"]].astype({"outlet": str})
        o = o.drop_duplicates().sort_values(["_key", "outlet"], kind="stable")
        first["outlets"] = o.groupby("_key")["outlet"].agg("; ".join).reindex(first.index) \
            .fillna("").astype("string")
    return first.sort_values(order, kind="stable", na_position="last").reset_index(drop=True)


def _as_list(x):
    if x is None or (isinstance(x, str) and x.lower() in ("", "all")):
        return None
    return [x] if isinstance(x, str) else list(x)


# ----------------------------------------------------------------------------- measures
def _measure_col(est: pd.DataFrame) -> pd.Series:
    """The measure of each row as text, missing as '(unknown)' (all unknown without the column)."""
    if "measure" not in est:
        return pd.Series(UNKNOWN, index=est.index, dtype=object)
    return _label(est["measure"])


def measure_order(est: pd.DataFrame) -> list[str]:
    """The measures in ``est`` (what is counted), most figures first, ties by name; a missing
    measure is '(unknown)'. [] when ``est`` has no ``measure`` column."""
    if "measure" not in est:
        return []
    counts = _measure_col(est).value_counts()
    return sorted(counts.index, key=lambda m: (-counts[m], m))


def of_measure(est: pd.DataFrame, measure) -> pd.DataFrame:
    """The rows of one measure ('(unknown)': those without one); all rows when ``measure`` is
    None or ``est`` has no ``measure`` column."""
    if measure is None or "measure" not in est:
        return est
    return est[(_measure_col(est) == str(measure)).to_numpy()]


def _labels(labels) -> dict:
    """Measure labels from a dict, a story profile (``.labels``) or None."""
    if labels is None:
        return {}
    return dict(getattr(labels, "labels", labels))


def _default_labels() -> dict:
    try:
        from helpers.profile import default_profile

        return default_profile().labels
    except Exception:  # noqa: BLE001 - a label is cosmetic: fall back to the measure id
        return {}


def measure_label(measure, labels=None) -> str:
    """The display name of a measure: from ``labels`` (dict or story profile), else the default
    profile ("killed" -> "Killed", "displaced" -> "Displaced / evacuated"), else the id."""
    if measure is None or measure == UNKNOWN or _missing(measure):
        return GENERIC_LABEL
    m = str(measure)
    return _labels(labels).get(m) or _default_labels().get(m) or m.replace("_", " ").capitalize()


def filter_estimates(est: pd.DataFrame, category=None, claimants=None, qualifiers=None,
                     start=None, end=None, keep_undated: bool = False, measure=None) -> pd.DataFrame:
    """Rows matching every given filter (None or "all" = no filter; start/end inclusive on
    as_of). A date range drops figures without a date unless ``keep_undated``. ``measure``:
    one measure id or a list (see :func:`of_measure`)."""
    keep = pd.Series(True, index=est.index)
    want = _as_list(measure)
    if want is not None:
        keep &= _measure_col(est).isin([str(w) for w in want]).to_numpy()
    for col, want in (("category", category), ("claimant", claimants), ("qualifier", qualifiers)):
        want = _as_list(want)
        if want is not None:
            keep &= _label(est[col]).isin([str(w) for w in want]).to_numpy()
    in_range = _in_range(est["as_of"], start, end)
    if keep_undated:
        in_range |= est["as_of"].isna()
    keep &= in_range
    return est[keep.astype(bool)].reset_index(drop=True)


def _in_range(dates: pd.Series, start, end) -> pd.Series:
    d = pd.to_datetime(dates, errors="coerce")
    keep = pd.Series(True, index=dates.index)
    if start is not None and not pd.isna(start):
        keep &= (d >= pd.Timestamp(start)).fillna(False)
    if end is not None and not pd.isna(end):
        keep &= (d <= pd.Timestamp(end)).fillna(False)
    return keep


def filter_statements(st: pd.DataFrame, start=None, end=None) -> pd.DataFrame:
    """Statements with ``stated_on`` within [start, end] (no bound given: all, undated too)."""
    return st[_in_range(st["stated_on"], start, end).astype(bool)].reset_index(drop=True)


def revision_table(est: pd.DataFrame) -> pd.DataFrame:
    """Each change of a claimant's figure: claimant, measure, category, from, to, dates, factor,
    sources.

    Successive distinct figures of one claimant, measure and category (dated claims ordered by
    ``as_of``; undated ones cannot be ordered and are skipped), plus explicit revisions stated
    in the text (``revises``: "raised from 3,000"). A death toll and a troop figure of the same
    claimant are never compared. ``sources`` lists the outlets (or article ids) that reported
    the new figure; ``measure`` is NA for figures without one.
    """
    cols = ["claimant", "measure", "category", "from", "to", "from_date", "to_date", "factor", "sources"]
    d = est[est["claimant"].notna() & est["value"].notna()].copy()
    if d.empty:
        return _typed_revisions(pd.DataFrame(columns=cols))
    src = d["outlet"] if "outlet" in d else d["article_id"]
    d["_src"] = _label(src)
    d["_cat"] = _label(d["category"])
    d["_measure"] = _measure_col(d)
    d = d.sort_values(["as_of", "article_id", "start"], kind="stable", na_position="last")
    rows = []
    for (claimant, measure, cat), g in d.groupby(["claimant", "_measure", "_cat"], sort=True):
        firsts = g.drop_duplicates("value", keep="first")  # the date each figure first appeared
        first_date = dict(zip(firsts["value"], firsts["as_of"]))
        prev, since = None, pd.NaT  # since: when the current figure was first claimed
        dated = g[g["as_of"].notna()]
        for value, as_of in zip(dated["value"], dated["as_of"]):  # undated figures have no order
            if prev is None or value != prev:
                if prev is not None:
                    rows.append((claimant, measure, cat, prev, value, since, as_of))
                since = as_of
            prev = value
        if "revises" in g:
            rv = g[g["revises"].notna()]
            for earlier, value, as_of in zip(rv["revises"], rv["value"], rv["as_of"]):
                if earlier != value:
                    rows.append((claimant, measure, cat, earlier, value, first_date.get(earlier, pd.NaT), as_of))
    out = pd.DataFrame(rows, columns=cols[:7])
    if out.empty:
        return _typed_revisions(pd.DataFrame(columns=cols))
    out = out.drop_duplicates(["claimant", "measure", "category", "from", "to"], keep="first")
    srcs = d.groupby(["claimant", "_measure", "_cat", "value"])["_src"].agg(
        lambda s: "; ".join(sorted(set(s)))).to_dict()
    out["sources"] = [srcs.get((r.claimant, r.measure, r.category, r.to), "") for r in out.itertuples()]
    out["factor"] = (out["to"].astype(float) / out["from"].astype(float)).round(2)
    out["measure"] = out["measure"].mask(out["measure"] == UNKNOWN)
    return _typed_revisions(out[cols].sort_values(["to_date", "claimant"], kind="stable"))


def _typed_revisions(df: pd.DataFrame) -> pd.DataFrame:
    df = df.copy()
    for c in ("from", "to", "factor"):
        df[c] = pd.array(pd.to_numeric(df[c]), dtype="Float64")
    for c in ("from_date", "to_date"):
        df[c] = pd.to_datetime(df[c], errors="coerce").astype("datetime64[ns]")
    for c in ("claimant", "measure", "category", "sources"):
        df[c] = df[c].astype("string")
    return df.reset_index(drop=True)


def latest_by_claimant(est: pd.DataFrame) -> pd.DataFrame:
    """The most recent figure of each claimant per measure and category (ties: the later report
    wins), sorted by measure, category, then latest first."""
    cols = ["claimant", "affiliation", "measure", "category", "value", "low", "high", "qualifier",
            "as_of", "n_reports", "sentence", "article_id"]
    d = est[est["claimant"].notna() & est["value"].notna()]
    if "measure" not in d:
        d = d.assign(measure=pd.Series(pd.NA, index=d.index, dtype="string"))
    if d.empty:
        return d.iloc[0:0].assign(n_reports=pd.Series(dtype="Int64"))[cols].reset_index(drop=True)
    keys = ["claimant", "measure", "category"]
    d = d.sort_values(["as_of", "article_id", "start"], kind="stable", na_position="first")
    n = d.groupby(keys + ["value"], dropna=False).size().rename("n_reports")
    last = d.drop_duplicates(keys, keep="last")
    last = last.join(n, on=keys + ["value"])
    last["n_reports"] = last["n_reports"].astype("Int64")
    return last.sort_values(["measure", "category", "as_of", "claimant"], ascending=[True, True, False, True],
                            kind="stable", na_position="last")[cols].reset_index(drop=True)


def unlisted_speakers(st: pd.DataFrame) -> pd.DataFrame:
    """Speakers not in actors.yaml: name as written, statements, articles, an example."""
    cols = ["speaker", "n_statements", "n_articles", "example"]
    d = st[(st["listed"] == False).fillna(False).astype(bool) & st["speaker"].notna()]  # noqa: E712
    if d.empty:
        return pd.DataFrame({c: pd.Series(dtype="Int64" if c.startswith("n_") else "string")
                             for c in cols})
    g = d.groupby("speaker")
    out = pd.DataFrame({
        "n_statements": g.size(),
        "n_articles": g["article_id"].nunique(),
        "example": g["sentence"].first(),
    }).reset_index()
    out = out.sort_values(["n_statements", "speaker"], ascending=[False, True], kind="stable")
    return out.astype({"n_statements": "Int64", "n_articles": "Int64",
                       "speaker": "string", "example": "string"})[cols].reset_index(drop=True)


# ----------------------------------------------------------------------------- charts
def _count_axis(max_count, **kw) -> alt.Axis:
    """Axis for counts: integer ticks only (explicit values when counts are small)."""
    m = int(max_count) if max_count == max_count and max_count else 0
    if m <= 12:
        return alt.Axis(values=list(range(0, m + 1)), format="d", **kw)
    return alt.Axis(format=",d", tickMinStep=1, **kw)


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
    """The timeline of one measure (``d``: its rows, with ``outlet``)."""
    label = measure_label(measure, labels)
    n_vague = int(d["value"].isna().sum())
    d = d[d["value"].notna()]
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
    data = _plain(agg)

    categories = ordered_categories(data["category"] if len(data) else [])
    subtitle = ["each claim once (size = number of reports)" if mode == "claims" else "every report"]
    if set(categories) & set(HOLLOW):
        subtitle.append("hollow points, dashed lines: " + "/".join(c for c in HOLLOW if c in categories)
                        + " figures")
    if n_all > MAX_POINTS:
        subtitle.append(f"showing the {MAX_POINTS:,} most-reported of {n_all:,} distinct figures")
    n_undated = int(data["as_of"].isna().sum()) if len(data) else 0
    if n_undated:
        subtitle.append(f"{n_undated} figure(s) without a date: drawn at the right, not joined")
    if n_vague:
        subtitle.append(f"{n_vague} vague figure(s) without a number (\"thousands\") not drawn")
    if data.empty:
        subtitle.append("no figures match the filters")

    sizes = sorted({int(v) for v in data["n_reports"].dropna()}) if len(data) else []
    sizes = sizes if len(sizes) <= 4 else [sizes[0], sizes[len(sizes) // 2], sizes[-1]]
    scale = _color_scale(data[color].dropna().tolist() if len(data) else [])
    col = alt.Color(f"{color}:N", scale=scale, title=color.capitalize())
    days = pd.to_datetime(data["as_of"]).dropna() if len(data) else pd.Series(dtype="datetime64[ns]")
    daily = (days.max() - days.min()).days <= 14 if len(days) else False  # else "21 Nov" ×4
    x = alt.X("as_of:T", title="Date the figure was claimed",
              axis=alt.Axis(format="%d %b", labelOverlap=True,
                            **({"tickCount": {"interval": "day", "step": 1}} if daily else {})),
              scale=alt.Scale(padding=24))
    top = pd.concat([data["value"], data["high"]]).max() if len(data) else 0
    y = alt.Y("value:Q", title=label, axis=_count_axis(top))  # counts: no "0.5" ticks
    tooltip = [
        alt.Tooltip("claimant:N", title="Claimant"), alt.Tooltip("affiliation:N", title="Affiliation"),
        alt.Tooltip("value:Q", title=label, format=","),
        alt.Tooltip("low:Q", title="Low", format=","), alt.Tooltip("high:Q", title="High", format=","),
        alt.Tooltip("qualifier:N", title="Qualifier"), alt.Tooltip("category:N", title="Category"),
        alt.Tooltip("as_of:T", title="As of", format="%d %b %Y"),
        alt.Tooltip("outlets:N", title="Outlet(s)"), alt.Tooltip("cited_source:N", title="Cited source"),
        alt.Tooltip("n_reports:Q", title="Reports"), alt.Tooltip("sentence:N", title="Sentence"),
    ]
    base = alt.Chart().encode(x=x, y=y).transform_filter("isValid(datum.as_of)")
    dash_domain = categories or list(CATEGORIES)
    lines = base.mark_line(strokeWidth=2, opacity=0.7).encode(
        color=col, detail=alt.Detail("series:N"), order=alt.Order("as_of:T"),
        strokeDash=alt.StrokeDash("category:N", title="Category",
                                  scale=alt.Scale(domain=dash_domain,
                                                  range=[CATEGORY_DASHES.get(c, [1, 0]) for c in dash_domain]),
                                  legend=alt.Legend() if len(categories) > 1 else None))
    ranges = base.mark_rule(strokeWidth=2, opacity=0.6).encode(
        y="low:Q", y2="high:Q", color=col).transform_filter("isValid(datum.low) && isValid(datum.high)")
    shape = alt.Shape("qualifier:N", title="Qualifier",
                      scale=alt.Scale(domain=QUALIFIERS, range=QUALIFIER_SHAPES))
    size = alt.Size("n_reports:Q", title="Reports", scale=alt.Scale(range=[90, 400], zero=False),
                    legend=alt.Legend(values=sizes, format="d") if sizes else None)
    outline = base.mark_point(strokeWidth=2, filled=False, opacity=1).encode(
        color=col, shape=shape, size=size)
    points = base.mark_point(filled=True, opacity=1).encode(
        color=col, shape=shape, size=size,
        fillOpacity=alt.condition(HOLLOW_TEST, alt.value(0.0), alt.value(1.0)),
        tooltip=tooltip,
    )
    if not title:
        title = ("Claimed figures over time" if label == GENERIC_LABEL
                 else f"{label}: claimed figures over time")
    heading = alt.TitleParams(title, subtitle=subtitle)
    width = CHART_WIDTH - (100 if not n_undated else 210)  # legends (and the undated panel) beside
    main = alt.layer(lines, ranges, outline, points).properties(width=width, height=340)
    if not n_undated:
        return main.properties(data=_inline(data), title=heading)
    side = alt.Chart().encode(
        x=alt.X("when:N", title=None, axis=alt.Axis(labelAngle=0)),
        xOffset=alt.XOffset(f"{color}:N"),  # claimants side by side, not on top of each other
        y=alt.Y("value:Q", axis=_count_axis(top, title=None)),
    ).transform_filter("!isValid(datum.as_of)").transform_calculate(when="'undated'")
    side = alt.layer(
        side.mark_point(strokeWidth=2, filled=False, opacity=1).encode(color=col, shape=shape, size=size),
        side.mark_point(filled=True, opacity=1).encode(
            color=col, shape=shape, size=size, tooltip=tooltip,
            fillOpacity=alt.condition(HOLLOW_TEST, alt.value(0.0), alt.value(1.0))),
    ).properties(width=70, height=340)
    return alt.hconcat(main, side, data=_inline(data), title=heading).resolve_scale(y="shared")


def ordered_categories(values) -> list[str]:
    """Distinct categories present, in the order of ``CATEGORIES``, then any others sorted."""
    present = {str(v) for v in pd.Series(values, dtype="object").dropna()}
    return [c for c in CATEGORIES if c in present] + sorted(present - set(CATEGORIES))


def statements_by_actor(st: pd.DataFrame, by: str = "speaker", stack: str = "stance",
                        top_n: int = 10, direct_only: bool = False, unique_claims: bool = False,
                        articles: pd.DataFrame | None = None, title: str | None = None):
    """How often each actor spoke: horizontal bars sorted by count, stacked by stance or outlet.

    Counts are computed with pandas (the chart holds one row per actor x stack value).
    Clicking a bar selects the actor (selection param ``actor``, field ``actor``);
    double-click clears it.
    """
    if by not in ("speaker", "affiliation"):
        raise ValueError(f"by must be 'speaker' or 'affiliation', not {by!r}")
    if stack not in ("stance", "outlet"):
        raise ValueError(f"stack must be 'stance' or 'outlet', not {stack!r}")
    d = st
    if stack == "outlet" and "outlet" not in d:
        d = with_outlet(d, articles)
    if direct_only:
        d = d[(d["kind"] == "direct").fillna(False).astype(bool)]
    if unique_claims:
        d = dedupe_reports(d)
    d = pd.DataFrame({"actor": _label(d[by]), "part": _label(d[stack])})
    counts = d.groupby(["actor", "part"]).size().rename("n").reset_index()
    totals = counts.groupby("actor")["n"].sum().sort_values(ascending=False, kind="stable")
    totals = totals.sort_index().sort_values(ascending=False, kind="stable")
    top_n = max(1, min(int(top_n), MAX_BARS))
    order = totals.index[:top_n].tolist()
    counts = counts[counts["actor"].isin(order)].copy()
    counts["total"] = counts["actor"].map(totals)
    data = _plain(counts)

    note = ("each repeated statement counted once" if unique_claims else "every report counted")
    note += "; direct quotations only" if direct_only else "; direct and indirect speech"
    subtitle = [note]
    if len(totals) > top_n:
        subtitle.append(f"top {top_n} of {len(totals)} {'speakers' if by == 'speaker' else 'affiliations'}")
    if data.empty:
        subtitle.append("no statements match")
    if stack == "stance":
        parts = sorted(set(data["part"].dropna()) - set(STANCES))
        pscale = alt.Scale(domain=STANCES + parts,
                           range=STANCE_COLORS + [color_for(p) for p in parts])
    else:
        pscale = _color_scale(data["part"].dropna().tolist() if len(data) else [])
    rank = {p: i for i, p in enumerate(pscale.domain)}
    data["rank"] = [float(rank.get(p, len(rank))) for p in data["part"]] if len(data) else []
    select = alt.selection_point(name="actor", fields=["actor"], on="click", clear="dblclick")
    return alt.Chart(_inline(data)).mark_bar().encode(
        y=alt.Y("actor:N", sort=order, title=None),
        x=alt.X("sum(n):Q", title="Statements", axis=_count_axis(totals.max() if len(totals) else 0)),
        color=alt.Color("part:N", title=stack.capitalize(), scale=pscale),
        order=alt.Order("rank:Q"),
        opacity=alt.condition(select, alt.value(1.0), alt.value(0.35)),
        tooltip=[alt.Tooltip("actor:N", title="Actor"), alt.Tooltip("part:N", title=stack.capitalize()),
                 alt.Tooltip("n:Q", title="Statements"), alt.Tooltip("total:Q", title="Total")],
    ).add_params(select).properties(
        title=alt.TitleParams(title or "Statements per " + ("speaker" if by == "speaker" else "affiliation"),
                              subtitle=subtitle),
        width=CHART_WIDTH - 160, height=alt.Step(24),
    )


def statements_over_time(st: pd.DataFrame, by: str = "affiliation", title: str | None = None):
    """Statements per day (``stated_on``), stacked by affiliation (or speaker)."""
    d = st[st["stated_on"].notna()]
    undated = len(st) - len(d)
    d = pd.DataFrame({"day": pd.to_datetime(d["stated_on"]).dt.normalize(), "group": _label(d[by])})
    counts = d.groupby(["day", "group"]).size().rename("n").reset_index()
    days = sorted(counts["day"].unique())[-MAX_DAYS:]
    counts = counts[counts["day"].isin(days)]
    data = _plain(counts)
    subtitle = ["date the statement was made (from the text, else publication date)"]
    if undated:
        subtitle.append(f"{undated} statement(s) without a date not drawn")
    return alt.Chart(_inline(data)).mark_bar(width={"band": 0.8}).encode(
        x=alt.X("day:T", title="Date", timeUnit="yearmonthdate", axis=alt.Axis(format="%d %b")),
        y=alt.Y("sum(n):Q", title="Statements",
                axis=_count_axis(counts.groupby("day")["n"].sum().max() if len(counts) else 0)),
        color=alt.Color("group:N", title=by.capitalize(),
                        scale=_color_scale(data["group"].dropna().tolist() if len(data) else [])),
        tooltip=[alt.Tooltip("day:T", title="Date", format="%d %b %Y"),
                 alt.Tooltip("group:N", title=by.capitalize()), alt.Tooltip("n:Q", title="Statements")],
    ).properties(title=alt.TitleParams(title or "Statements over time", subtitle=subtitle),
                 width=CHART_WIDTH - 20, height=260)


def corpus_overview(articles: pd.DataFrame, st: pd.DataFrame, est: pd.DataFrame,
                    title: str | None = None):
    """The corpus at a glance: one row per article (outlet, date), statements and estimates."""
    a = articles.sort_values(["published", "article_id"], kind="stable", na_position="last")
    a = a.head(MAX_ARTICLES)
    n_st = st.groupby("article_id").size()
    n_est = est.groupby("article_id").size()
    date = _iso(a["published"]).fillna("no date")
    label = (_label(a["outlet"]) + " · " + date.astype(str) + " · " + a["article_id"].astype(str))
    rows = []
    for lab, aid, ttl, out in zip(label, a["article_id"], _short(a["title"], 120), _label(a["outlet"])):
        for what, n in (("statements", n_st), ("estimates", n_est)):
            rows.append({"article": lab, "article_id": aid, "title": ttl, "outlet": out,
                         "measure": what, "n": int(n.get(aid, 0))})
    data = _plain(pd.DataFrame(rows, columns=["article", "article_id", "title", "outlet", "measure", "n"]))
    subtitle = [f"{len(articles)} article(s), {len(st)} statement(s), {len(est)} estimate(s)"]
    if len(articles) > MAX_ARTICLES:
        subtitle.append(f"first {MAX_ARTICLES} articles by date shown")
    order = label.tolist()
    bars = alt.Chart().mark_bar().encode(
        y=alt.Y("article:N", sort=order, title=None),
        yOffset=alt.YOffset("measure:N", sort=["statements", "estimates"]),
        x=alt.X("n:Q", title="Count", axis=_count_axis(data["n"].max() if len(data) else 0)),
        color=alt.Color("measure:N", title="Per article", sort=["statements", "estimates"],
                        scale=alt.Scale(domain=["statements", "estimates"], range=["#0072B2", "#E69F00"])),
        tooltip=[alt.Tooltip("outlet:N", title="Outlet"), alt.Tooltip("title:N", title="Title"),
                 alt.Tooltip("article_id:N", title="Article"), alt.Tooltip("measure:N", title="What"),
                 alt.Tooltip("n:Q", title="Count")],
    )
    text = bars.mark_text(align="left", dx=3, fontSize=11).encode(text=alt.Text("n:Q", format="d"),
                                                                   color=alt.value("#333333"))
    return alt.layer(bars, text, data=_inline(data)).properties(
        title=alt.TitleParams(title or "The corpus at a glance", subtitle=subtitle),
        width=CHART_WIDTH - 200, height=alt.Step(16))


# ----------------------------------------------------------------------------- output
def chart_data(chart) -> pd.DataFrame:
    """The DataFrame a chart built here plots (its top-level data; for charts stacked or set
    side by side without one, such as a timeline per measure, their parts' data one after the
    other)."""
    data = getattr(chart, "data", None)
    if isinstance(data, pd.DataFrame):
        return data
    values = getattr(data, "values", None)
    if isinstance(values, list):
        return pd.DataFrame(values)
    parts = [chart_data(p) for key in ("vconcat", "hconcat", "concat")
             for p in (getattr(chart, key, None) if isinstance(getattr(chart, key, None), list) else [])]
    parts = [p for p in parts if len(p.columns)]
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()


def save_chart(chart, data: pd.DataFrame | None, out_dir, name: str, scale: float = 2.0):
    """Write ``<name>.png`` (vl-convert, offline) and ``<name>.csv`` (the plotted data)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    png, csv = out / f"{name}.png", out / f"{name}.csv"
    chart.save(str(png), scale_factor=scale)
    (chart_data(chart) if data is None else data).to_csv(csv, index=False)
    return png, csv


def static(chart):
    """The chart as an inline SVG display object (offline, no JavaScript: for briefings)."""
    import vl_convert as vlc
    from IPython.display import SVG

    return SVG(vlc.vegalite_to_svg(chart.to_dict()))
