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


# ----------------------------------------------------------------------------- reliability (issue 14)
HOSTILE = ["[klik](javascript:alert(1))", "![x](http://evil.example/a.png)", "<img src=http://evil.example/b.png>",
           "<http://evil.example/c>", "lihat http://evil.example/d dan www.evil.example", "surat a@evil.example",
           "[x]: http://evil.example/ref\n\n[x]", "*tebal* _miring_ `kode` $x$ ~~coret~~ | pipa",
           "\u202eteks terbalik\u202c"]


def _render(md: str) -> str:
    """Markdown as the briefing's exporter (nbconvert, mistune) renders it."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    return markdown2html_mistune(md)


class _Refs:
    """Every tag and its attributes in an HTML page."""

    def __init__(self, text):
        from html.parser import HTMLParser

        self.tags = []
        parser = HTMLParser(convert_charrefs=True)
        parser.handle_starttag = lambda tag, attrs: self.tags.append((tag, dict(attrs)))
        parser.handle_startendtag = parser.handle_starttag
        parser.feed(text)

    def urls(self):
        return [(t, k, v or "") for t, a in self.tags for k, v in a.items()
                if k in ("href", "src", "srcset", "poster", "data", "action", "xlink:href")]


def _assert_inert(html_text, allowed=(), page=True):
    """No tag that runs or embeds, no URL but data: images, in-page anchors and ``allowed``;
    for a whole page (``page``) also no "javascript:" anywhere and no bidi override."""
    if page:
        assert "javascript:" not in html_text.lower() and "\u202e" not in html_text
    refs = _Refs(html_text)
    assert not [t for t, _ in refs.tags if t in ("script", "iframe", "link", "object", "embed", "base")]
    for tag, attr, value in refs.urls():
        if tag == "img" and attr == "src":
            assert value.startswith("data:image/"), value
        elif tag == "a" and attr == "href":
            assert value.startswith("#") or value in allowed, value
        else:
            raise AssertionError(f"<{tag} {attr}={value!r}>")


@pytest.mark.parametrize("text", HOSTILE)
def test_input_text_never_becomes_markup(text):
    md = briefing.md_text(text)
    html = _render(f"# {md}\n\n| a |\n|---|\n| {briefing._esc(text)} |\n\n- **{md}**: “{md}”")
    _assert_inert(html, page=False)
    _assert_inert(briefing._clean_html(html))
    assert "\u202e" not in html
    assert "<em>" not in html and "<code>" not in html and "<del>" not in html
    assert html.count("<td>") == 1  # a pipe in the text is no cell border


@pytest.mark.parametrize("text", HOSTILE)
def test_markdown_builders_escape_markdown(text):
    st = frame([dict(article_id="a", speaker=text, kind="direct", text=f"“{text}”", outlet=text,
                     start=0, end=1)], "statements")
    est = frame([dict(article_id="a", value=3000, qualifier="exact", category="deployed", claimant=text,
                      as_of="2024-10-23", sentence=text, start=0, end=4)], "estimates")
    for md in (briefing.quotes_markdown(st), briefing.latest_markdown(est)):
        _assert_inert(_render(md), page=False)


def test_quotes_link_only_http_article_urls():
    st = frame([dict(article_id=a, speaker=f"S{a}", kind="direct", text="“kutipan”", outlet=f"O{a}",
                     start=0, end=1) for a in ("a", "b", "c")], "statements")
    arts = frame([dict(article_id="a", url="https://news.example/a?x=(1)"),
                  dict(article_id="b", url="javascript:alert(1)"), dict(article_id="c")], "articles")
    html = _render(briefing.quotes_markdown(st, articles=arts))
    hrefs = [a.get("href") for t, a in _Refs(html).tags if t == "a"]
    assert hrefs == ["https://news.example/a?x=%281%29"]


def test_exported_page_is_cleaned_of_anything_that_loads_or_runs():
    page = ('<html><head><link rel="stylesheet" href="https://cdn.example/x.css"><base href="http://e.x/">'
            '<meta http-equiv="refresh" content="0;url=http://e.x"><style>@import url(https://e.x/a.css);'
            'p{background:url(http://e.x/b.png)}</style></head><body>'
            '<a href="javascript:alert(1)">j</a><a href="http://evil.example">e</a>'
            '<a href="https://news.example/a">ok</a><a href="#sec">anchor</a>'
            '<img src="http://evil.example/p.png"><img src="data:image/png;base64,AAAA">'
            '<iframe src="https://e.x"></iframe><script src="https://e.x/s.js"></script>'
            '<div onclick="alert(1)" style="background:url(//e.x/c.png)">t</div>'
            '<svg><image xlink:href="http://e.x/i.png"/></svg><video poster="http://e.x/v.png"></video>'
            '<p>JavaScript:alert(2)</p></body></html>')
    clean = briefing._clean_html(page, {"https://news.example/a"})
    _assert_inert(clean, {"https://news.example/a"})
    assert "http://" not in clean and "//e.x" not in clean and "onclick" not in clean
    assert ">ok</a>" in clean and 'href="#sec"' in clean and "data:image/png;base64,AAAA" in clean
    assert ">e</a>" in clean and ">j</a>" in clean  # the link text stays, the link goes


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """A corpus whose quotation, sentence, outlet and title carry Markdown/HTML links and images."""
    corpus = tmp_path_factory.mktemp("hostile") / "corpus"
    corpus.mkdir()
    (corpus / "actors.yaml").write_bytes((ROOT / "seeds" / "actors.yaml").read_bytes())
    (corpus / "a.txt").write_text(
        "Jakarta, Uji.id — Menteri Pertahanan AS Lloyd Austin mengatakan setidaknya 3.000 tentara "
        "[klik](javascript:alert(1)) Korea Utara telah tiba di Rusia, Senin (28/10/2024).\n\n"
        "“Ini ![x](http://evil.example/a.png) <img src=http://evil.example/b.png> "
        "[klik](javascript:alert(2)) \u202esangat berbahaya,” kata Austin.\n", encoding="utf-8")
    (corpus / "metadata.csv").write_text(
        'file,outlet,url,published\na.txt,"Evil [News](javascript:alert(3)) '
        '![p](http://evil.example/o.png)",https://news.example/a,2024-10-28\n', encoding="utf-8")
    out = corpus.parent / "out"
    html = briefing.run(corpus, out, title="Uji [x](javascript:alert(4)) ![i](https://evil.example/t.png) "
                                           "<img src=http://evil.example/q.png> www.evil.example")
    return Path(html).read_text(encoding="utf-8")


def test_briefing_of_hostile_inputs_has_no_live_links_or_outside_images(hostile):
    _assert_inert(hostile, {"https://news.example/a"})
    assert "sangat berbahaya" in hostile and "Lloyd Austin" in hostile  # the text is still there
    assert "Evil [News]" in hostile and "evil.example/a.png" in hostile  # shown as text
    assert not re.search(r"""<[a-z][^<>]*\s(?:src|href)\s*=\s*["']?(?:https?:)?//""", hostile, re.I)


def test_a_failed_briefing_leaves_no_briefing_html(tmp_path):
    """Bad input: one line (the loader's message, not a papermill traceback), status 1, and the
    previous briefing.html is gone (said so on stdout); the executed notebook is kept."""
    import subprocess
    import sys

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Menteri itu mengatakan bahwa pasukan telah tiba.", encoding="utf-8")
    (corpus / "metadata.csv").write_text("file,published\na.txt,32/13/2024\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "briefing.html").write_text("<p>last week's briefing</p>", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "helpers", "briefing", str(corpus), "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.splitlines() == [
        f"warta: {corpus / 'metadata.csv'} row 2: cannot read published date '32/13/2024' (write a "
        "full date: YYYY-MM-DD, DD/MM/YYYY or '24 Oktober 2024')"], proc.stderr
    assert not (out / "briefing.html").exists()
    assert "removed the previous" in proc.stdout and "briefing.html" in proc.stdout
    assert (out / "briefing.FAILED.ipynb").exists()
    assert not [p for p in out.iterdir() if p.name.startswith(".briefing-")]


# ----------------------------------------------------------------------------- figures by measure
# A disaster story, written here: the briefing groups its figures by what they count.
QUAKE = [  # measure, value, claimant, as_of, sentence
    ("killed", 56, "BNPB", "2022-11-21", "BNPB mencatat 56 orang meninggal dunia akibat gempa."),
    ("killed", 268, "BNPB", "2022-11-23", "BNPB memperbarui jumlah korban meninggal menjadi 268 orang."),
    ("killed", 310, "Gubernur Jawa Barat", "2022-11-23", "Gubernur menyebut 310 warga tewas."),
    ("injured", 700, "BNPB", "2022-11-21", "Sebanyak 700 orang luka-luka dirawat di rumah sakit."),
    ("displaced", 5389, "BNPB", "2022-11-21", "Sebanyak 5.389 pengungsi tersebar di 14 titik."),
    ("displaced", 58362, "BNPB", "2022-11-23", "Jumlah pengungsi naik menjadi 58.362 jiwa."),
]
QUAKE_LABELS = {"killed": "Killed", "injured": "Injured", "displaced": "Displaced / evacuated"}


@pytest.fixture
def quake():
    return frame([dict(article_id=f"q{i}", measure=m, value=v, qualifier="exact", category="reported",
                       claimant=who, as_of=d, sentence=s, start=0, end=4)
                  for i, (m, v, who, d, s) in enumerate(QUAKE)], "estimates")


def _sections(md):
    """{heading: the text under it} of the '### ' sections of a Markdown block."""
    parts = re.split(r"^### (.+)$", md, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2]))


def test_latest_figures_one_table_per_measure_with_the_profile_labels(quake):
    md = briefing.latest_markdown(quake, labels=QUAKE_LABELS)
    sec = _sections(md)
    assert list(sec) == ["Killed", "Displaced / evacuated", "Injured"]  # most figures first
    assert "268" in sec["Killed"] and "310" in sec["Killed"] and "58,362" not in sec["Killed"]
    assert "58,362" in sec["Displaced / evacuated"] and "5,389" not in sec["Displaced / evacuated"]
    assert "troop" not in md.lower()
    assert "| Category |" not in md  # every figure is "reported": the column says nothing


def test_revisions_one_table_per_measure(quake):
    md = briefing.revisions_markdown(quake, labels=QUAKE_LABELS)
    sec = _sections(md)
    assert list(sec) == ["Killed", "Displaced / evacuated"]  # nobody revised "Injured"
    assert "| 56 | 268 |" in sec["Killed"] and "×4.79" in sec["Killed"]
    assert "| 5,389 | 58,362 |" in sec["Displaced / evacuated"]
    assert "troop" not in md.lower()


def test_troop_figures_keep_their_categories_under_the_profile_label():
    est = frame([dict(article_id="a", measure="troops", value=3000, qualifier="exact", category="deployed",
                      claimant="Pentagon", as_of="2024-10-23", sentence="3.000 tentara", start=0, end=4),
                 dict(article_id="b", measure="troops", value=10000, qualifier="exact", category="planned",
                      claimant="Pentagon", as_of="2024-10-28", sentence="10.000 tentara", start=0, end=4)],
                "estimates")
    md = briefing.latest_markdown(est, labels={"troops": "Troops"})
    assert list(_sections(md)) == ["Troops"] and "| Category |" in md and "planned" in md


@pytest.mark.parametrize("labels, expected", [
    (QUAKE_LABELS, "6 figures (Killed 3, Displaced / evacuated 2, Injured 1)"),
    ({"killed": "Deaths"}, "6 figures (Deaths 3, Displaced / evacuated 2, Injured 1)"),  # default's labels
])
def test_summary_counts_figures_per_measure(quake, labels, expected):
    ann = type("Ann", (), {"articles": pd.DataFrame({"outlet": ["Kabar"]})})()
    md = briefing.summary_markdown("Gempa", ann, quake.iloc[0:0].assign(), quake, labels=labels)
    assert expected in md and "troop" not in md.lower()


def test_default_title_names_the_story_never_troops(tmp_path):
    from helpers.profile import default_profile, load_profile

    (tmp_path / "story.yaml").write_text("story: Gempa Cianjur 2022\nextends: default\nmeasures:\n"
                                         "  - id: killed\n    label: Killed\n", encoding="utf-8")
    ann = type("Ann", (), {"profile": load_profile(tmp_path)})()
    assert briefing.default_title(ann, tmp_path) == "Briefing: Gempa Cianjur 2022"
    ann.profile = default_profile()
    assert briefing.default_title(ann, tmp_path / "banjir") == "Briefing: banjir"
