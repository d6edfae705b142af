"""Warta helpers: load a folder of news articles and annotate who said what and which numbers
were claimed. The public API, imported lazily (importing ``helpers`` loads nothing else):

    load_corpus(path)                 -> articles table          (helpers.corpus)
    load_actors(path)                 -> actors table            (helpers.actors)
    annotate(articles, actors)        -> Annotations             (helpers.pipeline)
    load_annotations(folder)          -> Annotations             (helpers.tables)
    spans_to_html(text, spans)        -> escaped HTML            (helpers.render)
    charts, review, workbook          -> modules
"""
from __future__ import annotations

import importlib

_API = {
    "load_corpus": "corpus",
    "CorpusError": "corpus",
    "load_actors": "actors",
    "ActorsError": "actors",
    "Gazetteer": "actors",
    "annotate": "pipeline",
    "Annotations": "tables",
    "load_annotations": "tables",
    "spans_to_html": "render",
    "article_html": "render",
    "charts": None,
    "review": None,
    "workbook": None,
}

__all__ = sorted(_API)


def __getattr__(name):
    if name not in _API:
        raise AttributeError(f"module 'helpers' has no attribute {name!r}")
    module = importlib.import_module(f"helpers.{_API[name] or name}")
    value = module if _API[name] is None else getattr(module, name)
    globals()[name] = value
    return value
