"""briefing: escaped text blocks, and a full run on the seeds (slow-ish:
executes notebooks/04_briefing.ipynb with papermill, ~10 s)."""
import re
from pathlib import Path

import pandas as pd
import pytest

from helpers import briefing
from helpers.schema import frame

ROOT = Path(__file__).resolve().parents[1]
PNG = b"\x89PNG\r\n\x1a\n"


def test_markdown_blocks_escape_html_and_pipes():
    est = frame([dict(article_id="a", value=3000, qualifier="exact", category="deployed",
                      claimant="<script>x</script>", as_of="2024-10-23", sentence="d", start=0, end=4),
                 dict(article_id="b", value=10000, qualifier="about", category="deployed",
                      claimant="<script>x</script>", as_of="2024-10-28", sentence="a | b <i>c</i>", start=0, end=4)], "estimates")
    latest = briefing.latest_markdown(est)
    assert "<script>" not in latest and "&lt;script&gt;" in latest
    assert "a &#124; b &lt;i&gt;c&lt;/i&gt;" in latest
    rev = briefing.revisions_markdown(est)
    assert "×3.33" in rev and "<script>" not in rev
    assert "No claimant changed" in briefing.revisions_markdown(est.iloc[:1])


def test_quotes_markdown_picks_direct_quotes():
    st = frame([dict(article_id="a", speaker="A <b>", kind="direct", text="“pendek”", start=0, end=1),
                dict(article_id="a", speaker="A <b>", kind="direct", text="“jauh lebih panjang”", start=2, end=3),
                dict(article_id="a", speaker="B", kind="indirect", text="x", start=4, end=5)], "statements")
    md = briefing.quotes_markdown(st)
    assert "A &lt;b&gt; (2); B (1)" in md
    assert "jauh lebih panjang" in md and "pendek" not in md
    assert briefing.quotes_markdown(st.iloc[0:0]).startswith("_No statements")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("briefing")
    html = briefing.run(ROOT / "seeds", out, start="2024-10-01", end="2024-12-31", title="Uji <b>briefing</b>")
    return out, Path(html)


def test_briefing_html_is_static_and_has_no_code(built):
    out, html = built
    assert html == out / "briefing.html"
    text = html.read_text(encoding="utf-8")
    assert "<script" not in text.lower()                     # nothing runs, nothing loads
    assert not re.search(r"cdn|jsdelivr|unpkg|cdnjs", text, re.I)
    assert 'class="jp-Cell jp-CodeCell' in text               # outputs of code cells are there
    assert "hl-ipython3" not in text and "jp-CodeMirrorEditor jp-Editor" not in text.split("</style>")[-1]
    assert "workbook.load(" not in text and "save_chart" not in text
    assert "Uji &lt;b&gt;briefing&lt;/b&gt;" in text          # the title parameter, escaped
    assert text.count('src="data:image/svg+xml;base64') == 3  # the three charts, embedded
    assert "Latest figure per claimant" in text


@pytest.mark.parametrize("name", ["estimates_timeline", "statements_by_actor", "statements_over_time"])
def test_briefing_writes_png_and_csv_per_chart(built, name):
    out, _ = built
    assert (out / f"{name}.png").read_bytes()[:8] == PNG
    data = pd.read_csv(out / f"{name}.csv")
    assert len(data.columns) >= 3


def test_briefing_rejects_missing_corpus(tmp_path):
    with pytest.raises(Exception):
        briefing.run(tmp_path / "nope", tmp_path / "out")
