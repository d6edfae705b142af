"""The DataFrame helpers behind the charts: pure pandas, no Altair, every one tested.

Statements and estimates (the tables of ``helpers.schema``) made ready to chart and to read:

    prepare, with_outlet                        the article's outlet added, missing dates filled
                                                from the publication date
    dedupe_reports                              one row per claim (a repeat_group counted once)
    filter_estimates, filter_statements         the rows a panel's controls select
    revision_table, latest_by_claimant          how each claimant's figure changed; its latest
    unlisted_speakers, actor_statements         speakers to add to actors.yaml; one actor's words
    chart_data                                  the frame a chart built by helpers.charts plots
    measure_order, of_measure, measure_label    what the estimates count (the ``measure``
                                                column) and its label from the story profile

Measures: an estimate counts one thing (its ``measure``: troops, killed, displaced ...; see
``helpers.profile``). Revisions and latest figures are per claimant, measure and category; a
measure's label comes from ``labels`` (the profile's ``Profile.labels`` or the profile itself),
else from the default profile's labels. ``helpers.charts`` re-exports every public name
here.
"""
from __future__ import annotations

import pandas as pd

UNKNOWN = "(unknown)"
GENERIC_LABEL = "Figure claimed"  # the y axis when the figures carry no measure
MAX_TEXT = 220        # characters of a sentence kept for a tooltip


# ----------------------------------------------------------------------------- frames
def _label(s: pd.Series) -> pd.Series:
    """Text column for grouping/colour: NA and empty become '(unknown)'."""
    s = s.astype("string").fillna(UNKNOWN)
    return s.mask(s.str.strip() == "", UNKNOWN).astype(object)


def _iso(s: pd.Series) -> pd.Series:
    """Datetimes to 'YYYY-MM-DD' strings (None for NaT): what Vega parses reliably."""
    d = pd.to_datetime(s, errors="coerce")
    return d.dt.strftime("%Y-%m-%d").astype(object).where(d.notna(), None)



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


# ----------------------------------------------------------------------------- output
def chart_data(chart) -> pd.DataFrame:
    """The DataFrame a chart built by ``helpers.charts`` plots (its top-level data; for charts
    stacked or set side by side without one, such as a timeline per measure, their parts' data
    one after the other)."""
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
