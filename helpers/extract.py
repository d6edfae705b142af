"""The pure per-article step: one article in, its rows out.

``annotate_article(article, gaz)`` builds the article's shared analyses once
(:class:`~helpers.context.ArticleContext`: sentences, quotations, mentions, dates, language)
and runs the extractors over them. No I/O and no shared state, so the same function runs in a
process pool, on Dask workers or alone in a test. The annotation cache (``helpers.cache``)
fingerprints this module and everything it imports.
"""
from __future__ import annotations

from helpers.context import ArticleContext
from helpers.estimates import extract_estimates
from helpers.statements import extract_statements


def annotate_article(article: dict, gaz, profile=None) -> dict:
    """Annotate one article (dict with article_id, text, published, outlet, language) with the
    gazetteer ``gaz`` and the story ``profile`` (default: the default profile). Pure."""
    aid = article["article_id"]
    try:
        ctx = ArticleContext(article, gaz)  # sentences, quotes, mentions, dates: computed once
        mentions = [dict(m, article_id=aid) for m in ctx.mentions]
        statements = extract_statements(article, gaz, ctx)
        estimates = extract_estimates(article, gaz, statements, ctx, profile)
    except Exception as exc:  # noqa: BLE001 - one article the rules trip on must not stop a corpus
        return {"mentions": [], "statements": [], "estimates": [],
                "_article": aid, "_error": f"{type(exc).__name__}: {exc}"}
    return {"mentions": mentions, "statements": statements, "estimates": estimates}


