"""Command line for Warta.

    python -m helpers annotate CORPUS --out DIR [--jobs N] [--no-corrections]
        articles.csv (always) and, with helpers.annotate, actors/mentions/statements/
        estimates.csv: UTF-8, the columns of DESIGN.md, dates as YYYY-MM-DD, NA as empty.
    python -m helpers briefing CORPUS --out DIR [--start YYYY-MM-DD] [--end YYYY-MM-DD] [--title T]
        hands the arguments to helpers.briefing.run.

Bad input (CorpusError, ActorsError, CorrectionsError) exits with status 1 and ONE line on
stderr, "warta: <file>[ row N]: message". The corpus folder is read, never written: an --out
inside CORPUS is refused (status 2). Warnings (skipped files, metadata rows naming missing
files, unmatched corrections) are printed as "warta: warning: ..." lines after a success.
"""
from __future__ import annotations

import argparse
import datetime as _dt
import importlib
import os
import sys
import warnings
from pathlib import Path

from helpers.corpus import CorpusError, load_actors_for, load_corpus

EXIT_BAD_INPUT = 1
EXIT_USAGE = 2
EXIT_PARTIAL = 3


class _Refused(Exception):
    """A request the command refuses (message already user-facing)."""


def _input_errors() -> tuple[type, ...]:
    """The exception types that mean "the analyst must fix an input file"."""
    errors: list[type] = [CorpusError]
    for module, name in (("helpers.actors", "ActorsError"), ("helpers.review", "CorrectionsError")):
        try:
            errors.append(getattr(importlib.import_module(module), name))
        except Exception:  # noqa: BLE001 - module absent or mid-edit: its error cannot occur
            pass
    return tuple(errors)


def _iso_date(value: str) -> str:
    try:
        return _dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def _positive_int(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number >= 1: {value!r}")
    return n


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m helpers", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    ann = sub.add_parser("annotate", help="annotate a corpus folder and write the tables as CSV")
    ann.add_argument("corpus", metavar="CORPUS", help="folder of *.txt articles (read only)")
    ann.add_argument("--out", required=True, metavar="DIR", help="output folder (outside CORPUS)")
    ann.add_argument("--jobs", type=_positive_int, default=1, metavar="N",
                     help="worker processes (default 1)")
    ann.add_argument("--no-corrections", action="store_true",
                     help="ignore CORPUS/corrections.csv")
    brief = sub.add_parser("briefing", help="render the briefing for a corpus")
    brief.add_argument("corpus", metavar="CORPUS", help="folder of *.txt articles (read only)")
    brief.add_argument("--out", required=True, metavar="DIR", help="output folder (outside CORPUS)")
    brief.add_argument("--start", type=_iso_date, default=None, metavar="YYYY-MM-DD")
    brief.add_argument("--end", type=_iso_date, default=None, metavar="YYYY-MM-DD")
    brief.add_argument("--title", default=None)
    return parser


def _check_out(corpus: str, out: str) -> Path:
    c, o = Path(corpus).resolve(), Path(out).resolve()
    if o == c or c in o.parents:
        raise _Refused(f"--out {out} is inside the corpus folder {corpus}; the corpus is never "
                       "written to, choose an output folder outside it")
    return Path(out)


def _write_csv(df, path: Path) -> None:
    df = df.copy()
    for col in df.columns:
        if str(df[col].dtype).startswith("datetime64"):
            df[col] = df[col].dt.strftime("%Y-%m-%d")
    tmp = path.with_name(path.name + ".tmp")
    df.to_csv(tmp, index=False, encoding="utf-8")
    os.replace(tmp, path)


def annotate_command(args) -> tuple[int, list[str]]:
    out = _check_out(args.corpus, args.out)
    articles = load_corpus(args.corpus)
    out.mkdir(parents=True, exist_ok=True)
    _write_csv(articles, out / "articles.csv")
    notes = []
    try:  # an extractor module missing (mid-development) must not cost the articles table
        from helpers.annotate import annotate

        actors = load_actors_for(args.corpus)
        ann = annotate(articles, actors, jobs=args.jobs,
                       corrections=None if args.no_corrections else "auto")
    except ImportError as exc:
        return EXIT_PARTIAL, [f"annotation unavailable ({exc}); wrote {out / 'articles.csv'} only"]
    ann.to_csv(out)
    notes += [f"corrections: {m}" for m in (ann.unmatched_corrections or [])]
    print(f"wrote {len(ann.articles)} articles, {len(ann.statements)} statements, "
          f"{len(ann.estimates)} estimates, {len(ann.mentions)} mentions to {out}")
    return 0, notes


def briefing_command(args) -> tuple[int, list[str]]:
    out = _check_out(args.corpus, args.out)
    from helpers.briefing import run

    result = run(corpus=args.corpus, out=str(out), start=args.start, end=args.end,
                 title=args.title)
    if result is not None:
        print(result)
    return 0, []


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def main(argv=None) -> int:
    args = _parser().parse_args(argv)
    command = {"annotate": annotate_command, "briefing": briefing_command}[args.command]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            status, notes = command(args)
        except _Refused as exc:
            print(f"warta: {_one_line(exc)}", file=sys.stderr)
            return EXIT_USAGE
        except _input_errors() as exc:
            print(f"warta: {_one_line(exc)}", file=sys.stderr)
            return EXIT_BAD_INPUT
        except OSError as exc:
            where = exc.filename or args.out
            print(f"warta: {where}: {_one_line(exc.strerror or exc)}", file=sys.stderr)
            return EXIT_BAD_INPUT
    seen = set()
    for w in caught:
        msg = _one_line(w.message)
        if msg not in seen and not issubclass(w.category, (DeprecationWarning, FutureWarning)):
            seen.add(msg)
            print(f"warta: warning: {msg}", file=sys.stderr)
    for note in notes:
        print(f"warta: warning: {_one_line(note)}", file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main())
