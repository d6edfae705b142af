"""What every chart of Warta shares: the house theme, palettes, colours, count axes, and the
plotted rows as inline values Vega-Lite accepts.

The house theme ``warta`` is registered and enabled on import: readable fonts, the
colour-blind-safe palette (Paul Tol muted + Okabe-Ito), and a stable colour per affiliation
(``color_for``). Qualifiers have their shapes, categories their order and dash patterns
(planned and prepared figures are hollow and dashed), stances their colours.
``helpers.charts`` re-exports every public name here.
"""
from __future__ import annotations

import hashlib

import altair as alt
import pandas as pd

from helpers.chartdata import UNKNOWN, _iso, _missing

# Paul Tol's "muted" scheme (colour-blind safe, nine distinct hues) plus Okabe-Ito orange
# and blue; grey is reserved for "unknown".
PALETTE = ["#332288", "#E69F00", "#44AA99", "#CC6677", "#117733", "#88CCEE", "#AA4499",
           "#999933", "#882255", "#0072B2"]
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
STANCES = ["confirms", "denies", "warns", "condemns", "other"]
STANCE_COLORS = ["#009E73", "#D55E00", "#E69F00", "#CC79A7", "#999999"]

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


# ----------------------------------------------------------------------------- axes
def _count_axis(max_count, **kw) -> alt.Axis:
    """Axis for counts: integer ticks only (explicit values when counts are small)."""
    m = int(max_count) if max_count == max_count and max_count else 0
    if m <= 12:
        return alt.Axis(values=list(range(0, m + 1)), format="d", **kw)
    return alt.Axis(format=",d", tickMinStep=1, **kw)


def date_format(days) -> str:
    """The date axis's label format: day and month, with the year when the dates span more
    than one calendar year (else a decade of dates all reads "01 Jan")."""
    days = pd.to_datetime(pd.Series(days)).dropna()
    return "%d %b %Y" if len(days) and days.min().year != days.max().year else "%d %b"


def ordered_categories(values) -> list[str]:
    """Distinct categories present, in the order of ``CATEGORIES``, then any others sorted."""
    present = {str(v) for v in pd.Series(values, dtype="object").dropna()}
    return [c for c in CATEGORIES if c in present] + sorted(present - set(CATEGORIES))


# ----------------------------------------------------------------------------- inline data
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
