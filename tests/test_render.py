"""render: spans -> escaped HTML (two-stage), article_html with legend."""
import re

import pandas as pd
import pytest

from helpers.render import article_html, legend_html, spans_to_html
from helpers.schema import frame


def strip_tags(s):
    return re.sub(r"<[^>]+>", "", s)


def balanced(s):
    depth = 0
    for tag in re.findall(r"</?mark\b", s):
        depth += -1 if tag.startswith("</") else 1
        if depth < 0:
            return False
    return depth == 0


@pytest.mark.parametrize("text,spans,expected", [
    ("abc", [], "abc"),
    ("abc", [{"start": 0, "end": 3, "label": "actor", "title": "t"}], '<mark class="warta-actor"'),
    ("a<b>c", [], "a&lt;b&gt;c"),
    ("Tom & Jerry", [{"start": 0, "end": 3, "label": "actor"}], "&amp; Jerry"),
])
def test_spans_to_html_cases(text, spans, expected):
    assert expected in spans_to_html(text, spans)


def test_script_in_text_is_escaped():
    out = spans_to_html("x <script>alert(1)</script> y", [{"start": 2, "end": 10, "label": "quote"}])
    assert "<script>" not in out
    assert "&lt;script&gt;" in out


def test_title_and_label_are_escaped():
    out = spans_to_html("hello", [{"start": 0, "end": 5, "label": 'x" onclick="a',
                                   "title": '"><script>alert(1)</script>'}])
    assert "<script>" not in out and 'onclick="' not in out
    assert "&quot;&gt;&lt;script&gt;" in out


@pytest.mark.parametrize("start,end", [(0, 5), (0, 1), (4, 5), (-3, 2), (3, 99)])
def test_spans_at_edges_keep_text(start, end):
    out = spans_to_html("abcde", [{"start": start, "end": end, "label": "number"}])
    assert strip_tags(out) == "abcde"
    assert out.count("<mark") == 1 and balanced(out)


@pytest.mark.parametrize("spans", [
    [{"start": 3, "end": 3, "label": "x"}],           # empty
    [{"start": 4, "end": 2, "label": "x"}],           # reversed
    [{"start": None, "end": 2, "label": "x"}],        # no offset
    [{"start": 9, "end": 12, "label": "x"}],          # outside the text
])
def test_unusable_spans_are_ignored(spans):
    assert spans_to_html("abcde", spans) == "abcde"


def test_nested_spans_nest():
    out = spans_to_html("kata Lloyd Austin hari ini", [
        {"start": 0, "end": 26, "label": "quote"}, {"start": 5, "end": 17, "label": "actor"}])
    assert strip_tags(out) == "kata Lloyd Austin hari ini"
    assert out.index("warta-quote") < out.index("warta-actor")
    assert out.count("<mark") == 2 and balanced(out)


def test_crossing_spans_are_split_and_balanced():
    out = spans_to_html("0123456789", [{"start": 0, "end": 6, "label": "quote"},
                                       {"start": 4, "end": 9, "label": "number"}])
    assert strip_tags(out) == "0123456789"
    assert balanced(out)
    assert out.count("warta-number") == 2  # split where the quote closes
    assert re.search(r'warta-number[^>]*>45</mark></mark><mark class="warta-number"[^>]*>678</mark>9$', out)


def test_legend_lists_every_label():
    leg = legend_html()
    for lab in ("actor", "quote", "indirect", "number"):
        assert f"warta-{lab}" in leg


def _article(text):
    return frame([{"article_id": "a1", "text": text, "title": "Judul <i>x</i>", "outlet": "Suara",
                   "published": "2024-10-24"}], "articles").iloc[0]


def test_article_html_highlights_and_escapes():
    text = 'AS: "setidaknya 3.000 pasukan," kata <script>Austin</script>.'
    a = _article(text)
    q0 = text.index('"')
    mentions = frame([{"article_id": "a1", "actor_id": "us", "surface": "AS", "start": 0, "end": 2}], "mentions")
    st = frame([{"article_id": "a1", "speaker": "<script>bad</script>", "kind": "direct", "start": q0,
                 "end": text.index(",") + 2, "text": "x", "stance": "confirms"}], "statements")
    n0 = text.index("setidaknya")
    est = frame([{"article_id": "a1", "value": 3000, "qualifier": "at_least", "category": "deployed",
                  "start": n0, "end": n0 + len("setidaknya 3.000 pasukan"), "claimant": "United States"}],
                "estimates")
    other = frame([{"article_id": "zz", "start": 0, "end": 5, "value": 1}], "estimates")
    out = article_html(a, mentions, st, pd.concat([est, other]))
    assert "<script>" not in out and "<i>" not in out
    assert "&lt;script&gt;bad&lt;/script&gt;" in out  # speaker name in the tooltip, escaped
    assert "Judul &lt;i&gt;x&lt;/i&gt;" in out
    for lab in ("warta-actor", "warta-quote", "warta-number", "warta-legend"):
        assert lab in out
    assert out.count('class="warta-number" data-label') == 1  # the other article's span is not drawn
    assert "Suara" in out and "2024-10-24" in out


def test_article_html_without_annotations():
    out = article_html(_article("Teks biasa."))
    assert "Teks biasa." in out and "<mark class=\"warta-actor\" data" not in out


def test_article_options_label_and_order():
    arts = frame([{"article_id": "b", "outlet": "Kompas", "published": "2024-10-25", "title": "Dua"},
                  {"article_id": "a", "outlet": None, "published": None, "title": None},
                  {"article_id": "c", "outlet": "Suara", "published": "2024-10-24", "title": "Satu"}],
                 "articles")
    from helpers.render import article_options
    assert article_options(arts) == [("Suara · 2024-10-24 · Satu", "c"), ("Kompas · 2024-10-25 · Dua", "b"),
                                     ("a", "a")]


# ----------------------------------------------------------------------------- reliability (issue 14)
BIDI = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]


@pytest.mark.parametrize("control", BIDI)
def test_bidi_controls_are_not_rendered(control):
    """A right-to-left override in an article must not reorder the words on screen; the text
    itself (and so every offset) keeps it."""
    text = f"Kata Austin: {control}3.000 tentara{BIDI[2]} tiba."
    start = text.index("3.000")
    spans = [{"start": start, "end": start + len("3.000 tentara"), "label": "number",
              "title": f"claimant: {control}Austin"}]
    out = spans_to_html(text, spans)
    assert not any(c in out for c in BIDI)
    assert "3.000 tentara</mark>" in out and 'title="claimant: Austin"' in out
    a = frame([{"article_id": "a1", "text": text, "title": f"Judul {control}x", "outlet": f"{control}Suara",
                "published": "2024-10-24"}], "articles")
    page = article_html(a.iloc[0])
    assert not any(c in page for c in BIDI) and "Judul x" in page and "Suara" in page
    from helpers.render import article_options
    assert not any(c in article_options(a)[0][0] for c in BIDI)
    assert control in a.iloc[0]["text"]  # the data is unchanged
