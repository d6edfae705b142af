"""Command line for Warta.

    python -m helpers annotate CORPUS --out DIR [--jobs N] [--no-corrections]
                                [--engine processes|dask [--scheduler ADDRESS]]
        articles.csv (always) and, with helpers.annotate, actors/mentions/statements/
        estimates.csv: UTF-8, the columns of DESIGN.md, dates as YYYY-MM-DD, NA as empty.
    python -m helpers briefing CORPUS --out DIR [--start YYYY-MM-DD] [--end YYYY-MM-DD] [--title T]
        hands the arguments to helpers.briefing.run.
    python -m helpers add SOURCE... --corpus DIR
        saved web pages (.html/.htm), folders of them or addresses -> one NNN_<slug>.txt and one
        metadata.csv row each (helpers.intake); each refused source is one error line, status 1.

Bad input (CorpusError, ActorsError, CorrectionsError) exits with status 1 and ONE line on
stderr, "warta: <file>[ row N]: message" -- for ``briefing`` too, where the error happens inside
the notebook. The corpus folder is read, never written: an --out inside CORPUS is refused
(status 2). Warnings (skipped files, metadata rows naming missing files, unmatched corrections,
a --jobs above the CPU count) are printed as "warta: warning: ..." lines after a success.

A failed run never leaves output that looks complete: ``annotate`` removes ``--out``'s
MANIFEST.json before it starts and writes the tables atomically with a new manifest last
(helpers/tables.py); ``briefing`` removes the previous briefing.html first (and says so) and
moves the new files in only when the notebook succeeded. Ctrl-C prints ``warta: interrupted``
and exits 130 (a SIGTERM: ``warta: terminated``, 143), without a traceback, after removing
what the run had half-written; worker processes leave the interruption to the main process.
"""
from __future__ import annotations

import argparse
import contextlib
import datetime as _dt
import os
import signal
import sys
import threading
import warnings
from pathlib import Path

from helpers.actors import ActorsError
from helpers.corpus import CorpusError, load_actors_for, load_corpus
from helpers.pipeline import annotate
from helpers.review import CorrectionsError

EXIT_BAD_INPUT = 1
EXIT_USAGE = 2
EXIT_PARTIAL = 3
EXIT_INTERRUPTED = 128 + signal.SIGINT  # 130, as shells report Ctrl-C
EXIT_TERMINATED = 128 + signal.SIGTERM  # 143


class _Refused(Exception):
    """A request the command refuses (message already user-facing)."""


class _Failed(Exception):
    """A run that failed with a one-line, user-facing message and an exit status."""

    def __init__(self, message: str, status: int = EXIT_BAD_INPUT):
        super().__init__(message)
        self.status = status


class _Terminated(KeyboardInterrupt):
    """SIGTERM, turned into an exception so that half-written output is cleaned up."""


INPUT_ERRORS = (CorpusError, ActorsError, CorrectionsError)  # "the analyst must fix an input file"


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
    ann.add_argument("--engine", choices=("processes", "dask"), default="processes",
                     help="processes (default: this machine, --jobs processes) or dask "
                          "(dask.distributed; also writes DIR/parquet/)")
    ann.add_argument("--scheduler", default=None, metavar="ADDRESS",
                     help="with --engine dask: a running cluster's scheduler (tcp://host:8786); "
                          "default: a LocalCluster of --jobs processes (default one per CPU)")
    brief = sub.add_parser("briefing", help="render the briefing for a corpus")
    brief.add_argument("corpus", metavar="CORPUS", help="folder of *.txt articles (read only)")
    brief.add_argument("--out", required=True, metavar="DIR", help="output folder (outside CORPUS)")
    brief.add_argument("--start", type=_iso_date, default=None, metavar="YYYY-MM-DD")
    brief.add_argument("--end", type=_iso_date, default=None, metavar="YYYY-MM-DD")
    brief.add_argument("--title", default=None)
    add = sub.add_parser("add", help="add saved web pages or addresses to a corpus folder")
    add.add_argument("sources", nargs="+", metavar="SOURCE",
                     help="a saved page (.html/.htm), a folder of them, or an http(s) address")
    add.add_argument("--corpus", required=True, metavar="DIR", help="the corpus folder")
    return parser


def _check_out(corpus: str, out: str) -> Path:
    c, o = Path(corpus).resolve(), Path(out).resolve()
    if o == c or c in o.parents:
        raise _Refused(f"--out {out} is inside the corpus folder {corpus}; the corpus is never "
                       "written to, choose an output folder outside it")
    return Path(out)


def cap_jobs(jobs: int) -> int:
    """``jobs`` limited to the CPU count (more processes only cost memory), with a warning."""
    cpus = os.cpu_count() or 1
    if jobs > cpus:
        warnings.warn(f"--jobs {jobs} is more than the {cpus} CPU(s) of this machine: using {cpus}")
        return cpus
    return jobs


def annotate_command(args) -> tuple[int, list[str]]:
    from helpers.tables import invalidate

    if args.scheduler and args.engine != "dask":
        raise _Refused("--scheduler needs --engine dask")
    out = _check_out(args.corpus, args.out)
    invalidate(out)  # the old tables must not pass for this run's if it fails
    jobs = cap_jobs(args.jobs) if args.engine == "processes" or not args.scheduler else args.jobs
    articles = load_corpus(args.corpus)
    actors = load_actors_for(args.corpus)
    if args.engine == "dask":
        from helpers.distributed import DaskError, write_parquet
    else:
        DaskError = ()  # noqa: N806 - catches nothing
    try:
        ann = annotate(articles, actors, jobs=jobs, engine=args.engine, scheduler=args.scheduler,
                       corrections=None if args.no_corrections else "auto")
    except DaskError as exc:
        raise _Failed(str(exc)) from None
    if args.engine == "dask":
        write_parquet(ann, out)  # before the CSV tables, whose MANIFEST.json seals the folder
    ann.to_csv(out)
    notes = [f"corrections: {m}" for m in (ann.unmatched_corrections or [])]
    print(f"wrote {len(ann.articles)} articles, {len(ann.statements)} statements, "
          f"{len(ann.estimates)} estimates, {len(ann.mentions)} mentions to {out}")
    return 0, notes


def briefing_command(args) -> tuple[int, list[str]]:
    out = _check_out(args.corpus, args.out)
    import importlib

    briefing = importlib.import_module("helpers.briefing")  # sys.modules' entry (tests stand one in)
    failed = getattr(briefing, "BriefingError", ())  # () catches nothing
    try:
        result = briefing.run(corpus=args.corpus, out=str(out), start=args.start, end=args.end,
                              title=args.title)
    except failed as exc:
        raise _Failed(str(exc)) from None
    if result is not None:
        print(result)
    return 0, []


def add_command(args) -> tuple[int, list[str]]:
    from helpers.intake import add_sources

    try:
        report = add_sources(args.sources, args.corpus)
    except OSError as exc:  # main() reports OSError against --out, which add has not
        raise CorpusError(exc.filename or args.corpus, exc.strerror or str(exc)) from None
    for a in report.added:
        print(f"added {a.file}: {a.outlet or 'outlet unknown'}, {a.published or 'no date'}")
    for r in report.refused:
        print(f"warta: {_one_line(r.source)}: {_one_line(r.reason)}", file=sys.stderr)
    return (EXIT_BAD_INPUT if report.refused else 0), report.warnings


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


@contextlib.contextmanager
def _interruptible():
    """Ctrl-C and SIGTERM raise in this process (KeyboardInterrupt, _Terminated), so the
    ``finally`` clauses remove half-written files. Forked worker processes inherit the handler:
    they ignore Ctrl-C (the main process stops the pool) and die of SIGTERM as usual."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    main_pid = os.getpid()

    def handler(signum, frame):
        if os.getpid() != main_pid:  # a worker of the process pool
            if signum == signal.SIGTERM:
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
                os.kill(os.getpid(), signal.SIGTERM)
            return
        raise _Terminated() if signum == signal.SIGTERM else KeyboardInterrupt()

    previous = {s: signal.signal(s, handler) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for s, h in previous.items():
            signal.signal(s, h)


def main(argv=None) -> int:
    args = _parser().parse_args(argv)
    command = {"annotate": annotate_command, "briefing": briefing_command,
               "add": add_command}[args.command]
    with warnings.catch_warnings(record=True) as caught, _interruptible():
        warnings.simplefilter("always")
        try:
            status, notes = command(args)
        except KeyboardInterrupt as exc:
            terminated = isinstance(exc, _Terminated)
            print("warta: terminated" if terminated else "warta: interrupted", file=sys.stderr)
            return EXIT_TERMINATED if terminated else EXIT_INTERRUPTED
        except _Failed as exc:
            print(f"warta: {_one_line(exc)}", file=sys.stderr)
            return exc.status
        except _Refused as exc:
            print(f"warta: {_one_line(exc)}", file=sys.stderr)
            return EXIT_USAGE
        except INPUT_ERRORS as exc:
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
