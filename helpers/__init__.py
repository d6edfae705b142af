"""Warta helpers: load a folder of Indonesian news articles and annotate who said what and
which numbers were claimed. The public API, imported lazily so each module stays independent:

    load_corpus(path)                 -> articles table          (helpers.corpus)
    load_actors(path)                 -> actors table            (helpers.actors)
    annotate(articles, actors)        -> Annotations             (helpers.annotate)
    spans_to_html(text, spans)        -> escaped HTML            (helpers.render)
    charts                            -> Altair chart builders   (helpers.charts)
"""
from __future__ import annotations

import importlib

_API = {
    "load_corpus": "corpus",
    "CorpusError": "corpus",
    "load_actors": "actors",
    "ActorsError": "actors",
    "Gazetteer": "actors",
    "annotate": "annotate",
    "Annotations": "annotate",
    "load_annotations": "annotate",
    "spans_to_html": "render",
    "article_html": "render",
    "charts": None,
    "review": None,
}

__all__ = sorted(_API)

# The function `annotate` shares its name with the module helpers/annotate.py. Import it eagerly
# so `helpers.annotate` is always the function (importing the submodule later does not rebind it).
from .annotate import Annotations, annotate, load_annotations  # noqa: E402


def __getattr__(name):
    if name not in _API:
        raise AttributeError(f"module 'helpers' has no attribute {name!r}")
    module = importlib.import_module(f"helpers.{_API[name] or name}")
    value = module if _API[name] is None else getattr(module, name)
    globals()[name] = value
    return value
