"""Add articles as an analyst gets them: saved web pages (.html/.htm, or folders of them),
http(s) addresses and ``(name, bytes)`` uploads, with ``add_sources(sources, corpus)``.

trafilatura gives text, title, site name and author; htmldate the original publication date
(JSON-LD, ``article:published_time``, ``<time>``; not the date of saving); the lines listed in
``intake_boilerplate.yaml`` ("Baca juga", captions, share prompts…) are dropped. Each article
becomes ``NNN_<slug>.txt`` (title, blank line, paragraphs) and a ``metadata.csv`` row (outlet:
site name else host; url: canonical else the page's address; published; ``published_source`` =
html; title if the text would not give it; note: source, author, the other address). Refused,
one line each, nothing written: an address or text already in the corpus, a page without article
text, a non-HTML file, an unreachable address. Under a file lock, the .txt is hard-linked from a
temporary file (never overwriting) and metadata.csv rewritten via a temporary file and
``os.replace`` with its bytes kept (new columns appended, rows padded); a failed row removes the
.txt. A malformed or non-UTF-8 metadata.csv raises :class:`~helpers.corpus.CorpusError` first.
``intake_panel(corpus)`` is the notebook form (upload, addresses, Add, report).
"""
from __future__ import annotations

import csv
import datetime as _dt
import hashlib
import io
import os
import re
import traceback
import unicodedata
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import htmldate
import ipywidgets as w
import trafilatura
import yaml
from filelock import FileLock

from helpers.corpus import METADATA, CorpusError, decode, infer_title, read_metadata
from helpers.text import normalise

BOILERPLATE_FILE = Path(__file__).with_name("intake_boilerplate.yaml")
FETCH_TIMEOUT = 20  # seconds
MAX_PAGE_BYTES = 20 * 1024 * 1024
MIN_PROSE_WORDS = 50  # words in lines of 10+ words: fewer is an index page or a paywall stub
CAPTION_MAX_WORDS = 40
LOCK_NAME = ".warta-add.lock"
HTML_SUFFIXES = (".html", ".htm")
_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|mc_\w+|_ga|ref|amp)$", re.I)
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->|<!--\s*Page saved with "
                         r"SingleFile\s+url:\s*(\S+)", re.I)
_MARKUP = re.compile(r"<(?:!doctype\s+html|html|head|body|title|p|div|article|h1|meta)\b", re.I)
_PAGE_TWO = re.compile(rb"[?&](?:page|hal|halaman)=2\b|>\s*Halaman\s+2\b", re.I)


Added = NamedTuple("Added", [("file", str), ("source", str), ("url", "str | None"),
                             ("outlet", "str | None"), ("published", "str | None"),  # Y-m-d
                             ("title", "str | None"), ("author", "str | None")])
Refused = NamedTuple("Refused", [("source", str), ("reason", str)])


@dataclass
class AddReport:
    """What ``add_sources`` did: files added, sources refused (and why), warnings."""
    corpus: str
    added: list[Added] = field(default_factory=list)
    refused: list[Refused] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [f"added {a.file}: {a.outlet or 'outlet unknown'}, {a.published or 'no date'}"
                + (f", {a.url}" if a.url else "") for a in self.added] + [
            f"refused {r.source}: {r.reason}" for r in self.refused] + [
            f"warning: {x}" for x in self.warnings]


@lru_cache(maxsize=1)
def _boilerplate() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    data = yaml.safe_load(BOILERPLATE_FILE.read_text(encoding="utf-8"))

    def alt(prefixes):
        parts = [re.escape(p).replace(r"\ ", r"\s+").replace(":", r"\s*:")
                 + (r"(?![^\W\d_])" if p[-1].isalpha() else "") for p in prefixes]
        return re.compile(r"^(?:" + "|".join(parts) + ")", re.I)

    return (alt(data["prefixes"]), alt(data["captions"]),
            re.compile(r"^(?:" + "|".join(data["lines"]) + r")$", re.I))


def clean_lines(text: str, title: str | None) -> list[str]:
    """trafilatura's text -> the article's paragraphs, boilerplate lines and the title dropped."""
    prefixes, captions, whole = _boilerplate()
    kept: list[str] = []
    for raw in text.split("\n"):
        line = " ".join(raw.split())
        bare = line.lstrip("([*-\u2022\u2013\u2014 ")
        if (not bare or prefixes.match(bare) or whole.match(bare)
                or (captions.match(bare) and len(bare.split()) <= CAPTION_MAX_WORDS)
                or (title and not kept and bare == title) or (kept and kept[-1] == line)):
            continue
        kept.append(line)
    return kept


def text_keys(text: str) -> set[str]:
    """Same-text keys (NFC, whitespace collapsed) of the whole text and of it minus a headline."""
    text = normalise(text)
    return {hashlib.sha1(" ".join(t.split()).encode()).hexdigest()
            for t in (text, infer_title(text)[1])}


def slugify(title: str) -> str:
    s = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    s = s[:61].rsplit("-", 1)[0] if len(s) > 60 and "-" in s[:61] else s[:60]
    return s.strip("-") or "artikel"


def clean_url(url: str | None, key: bool = False) -> str | None:
    """The address without fragment and tracking parameters (utm_*, fbclid…); with ``key``,
    the form compared for duplicates (no scheme, no "www.", no trailing slash)."""
    if not url or not re.match(r"https?://", url.strip(), re.I):
        return None
    p = urllib.parse.urlsplit(url.strip())
    query = urllib.parse.urlencode([(k, v) for k, v in urllib.parse.parse_qsl(
        p.query, keep_blank_values=True) if not _TRACKING.match(k)])
    if key:
        return p.netloc.lower().removeprefix("www.") + p.path.rstrip("/") + "?" + query
    return urllib.parse.urlunsplit((p.scheme.lower(), p.netloc.lower(), p.path or "/", query, ""))


def _page(label: str, raw: bytes, address: str | None = None):
    """(label, raw, address: fetched or recorded by the saved page), or a Refused."""
    head = raw[:100000].decode("utf-8", "ignore")
    if b"\x00" in raw[:65536] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return Refused(label, "not HTML (binary content); nothing added")
    if len(raw) > MAX_PAGE_BYTES or not _MARKUP.search(head):
        return Refused(label, "not HTML (no markup found); nothing added")
    saved = _SAVED_FROM.search(head[:4096])
    return label, raw, address or (saved and (saved.group(1) or saved.group(2)))


def _fetch(url: str):
    req = urllib.request.Request(url, headers={"User-Agent": "Mozilla/5.0 (warta intake)"})
    try:
        with urllib.request.urlopen(req, timeout=FETCH_TIMEOUT) as resp:
            return _page(url, resp.read(MAX_PAGE_BYTES + 1), url)
    except urllib.error.HTTPError as exc:
        return Refused(url, f"the server answered HTTP {exc.code} {exc.reason}; nothing added")
    except Exception as exc:  # noqa: BLE001 - any failure: one line suggesting a saved page
        return Refused(url, f"cannot reach the address ({getattr(exc, 'reason', exc)}): no "
                       "network? Save the page in the browser as .html and add the file")


def _expand(source, fetch: bool) -> list:
    """One source (file, folder, address or (name, bytes)) -> its pages (or Refused)."""
    if isinstance(source, tuple):  # an upload
        if not str(source[0]).lower().endswith(HTML_SUFFIXES):
            return [Refused(str(source[0]), "not an HTML file (.html/.htm); nothing added")]
        return [_page(str(source[0]), bytes(source[1]))]
    label, path = str(source), Path(source)
    if re.match(r"^[a-z][a-z0-9+.-]*://", label, re.I):
        if re.match(r"^https?://", label, re.I) and fetch:
            return [_fetch(label)]
        return [Refused(label, "only http(s) addresses are fetched, and only when fetching "
                        "is on: save the page as .html and add the file")]
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.is_file()
                       and p.suffix.lower() in HTML_SUFFIXES and not p.name.startswith("."))
        return [page for p in files for page in _expand(p, fetch)] or [
            Refused(label, "no .html/.htm files in this folder")]
    if not path.is_file():
        return [Refused(label, "no such file or folder")]
    if path.suffix.lower() not in HTML_SUFFIXES:
        return [Refused(label, "not an HTML file (.html/.htm); nothing added")]
    try:
        return [_page(label, path.read_bytes())]
    except OSError as exc:
        return [Refused(label, f"cannot read ({exc.strerror})")]


def _extract(raw: bytes, address: str | None) -> dict | str:
    """A page -> the article's facts, or a refusal message."""
    try:
        date = htmldate.find_date(raw, original_date=True, url=address, max_date="2099-12-31")
        doc = trafilatura.bare_extraction(raw, url=address, with_metadata=True,
                                          include_comments=False)
    except Exception as exc:  # noqa: BLE001 - a parser failing on odd markup is a refusal
        return f"cannot read the page ({type(exc).__name__}: {exc}); nothing added"
    meta = doc.as_dict() if doc is not None else {}
    title = " ".join((meta.get("title") or "").split()) or None
    lines = clean_lines(meta.get("text") or "", title)
    if sum(len(ln.split()) for ln in lines if len(ln.split()) >= 10) < MIN_PROSE_WORDS:
        return "no article text on the page (an index page or a paywall stub?); nothing added"
    url = clean_url(meta.get("url")) or clean_url(address)
    host = url and urllib.parse.urlsplit(url).netloc.removeprefix("www.")
    return {"title": title, "lines": lines, "author": meta.get("author"), "url": url,
            "outlet": meta.get("sitename") or host or None, "address": address,
            "published": date, "paged": bool(_PAGE_TWO.search(raw))}


def metadata_with_row(raw: bytes | None, row: dict[str, str]) -> bytes:
    """UTF-8 metadata.csv bytes + one row (column -> value), every existing byte kept: columns
    the header lacks are appended, rows padded with empty cells; same delimiter and line ends."""
    text = (raw or b"").decode("utf-8") or ",".join(c for c, v in row.items() if v) + "\n"
    header_line = text.lstrip("\ufeff").split("\n", 1)[0]
    delim = next((d for d in ",;\t" if d in header_line), ",")  # the loader's rule
    newline = "\r\n" if header_line.endswith("\r") else "\n"
    physical = re.findall(r"[^\r\n]*(?:\r\n|\n|\r)|[^\r\n]+$", text)
    reader = csv.reader(iter(physical), delimiter=delim)
    header = [c.replace("\ufeff", "").strip().lower() for c in next(reader)]
    new_cols = [c for c, v in row.items() if v and c not in header]
    if new_cols:  # append to the header, pad each record on its last physical line
        for i in [0] + [reader.line_num - 1 for cells in reader if cells]:
            stripped = physical[i].rstrip("\r\n")
            added = delim + delim.join(new_cols) if i == 0 else delim * len(new_cols)
            physical[i] = stripped + added + physical[i][len(stripped):]
    body = "".join(physical)
    body += newline if body and not body.endswith(("\n", "\r")) else ""
    out = io.StringIO()
    csv.writer(out, delimiter=delim, lineterminator=newline).writerow(
        [row.get(c, "") for c in header + new_cols])
    return (body + out.getvalue()).encode("utf-8")


def _temp_write(folder: Path, name: str, data: bytes) -> Path:
    tmp = folder / f".{name}.{os.getpid()}.tmp"
    with open(tmp, "wb") as fh:
        fh.write(data), fh.flush(), os.fsync(fh.fileno())
    return tmp


def _link_new(folder: Path, name: str, data: bytes) -> bool:
    """Create ``name`` whole from a temporary file; False if it exists (never overwritten)."""
    target = folder / name
    tmp = _temp_write(folder, name, data)
    try:
        os.link(tmp, target)  # fails if the name was taken meanwhile
    except FileExistsError:
        return False
    except OSError:  # no hard links on this file system: check, then rename
        if target.exists():
            return False
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return True


def _replace_metadata(folder: Path, row: dict) -> None:
    path = folder / METADATA
    before = path.read_bytes() if path.is_file() else None
    tmp = _temp_write(folder, METADATA, metadata_with_row(before, row))
    try:
        if (path.read_bytes() if path.is_file() else None) != before:
            raise CorpusError(path, "changed while an article was being added; add it again")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


class _Corpus:
    """What the folder holds (read under the lock): text keys, addresses, the last number."""

    def __init__(self, folder: Path):
        self.folder, self.keys, self.urls = folder, {}, {}
        facts, _ = read_metadata(folder)  # CorpusError on a malformed file: nothing written
        meta = folder / METADATA
        if meta.is_file() and decode(meta.read_bytes())[1]:
            raise CorpusError(meta, "not UTF-8: save it as UTF-8 to add articles (nothing added)")
        names = [p.name for p in folder.iterdir()] + list(facts)
        self.number = max((int(m.group(1)) for n in names if (m := re.match(r"(\d+)_", n))),
                          default=-1)
        for p in sorted(folder.iterdir()):
            if p.suffix.lower() == ".txt" and p.is_file() and not p.name.startswith("."):
                self._remember(p.name, decode(p.read_bytes())[0], [])
        for name, entry in facts.items():
            notes = re.findall(r"address: (\S+)", entry.get("note") or "")
            self._remember(name, None, [entry.get("url"), *notes])

    def _remember(self, name: str, text: str | None, addresses) -> None:
        self.keys.update(dict.fromkeys(text_keys(text) if text else (), name))
        for key in filter(None, (clean_url(a, key=True) for a in addresses)):
            self.urls.setdefault(key, name)

    def duplicate(self, art: dict, text: str) -> str | None:
        same = [f"address as {self.urls[k]}" for a in (art["url"], art["address"])
                if (k := clean_url(a, key=True)) in self.urls]
        same += [f"text as {self.keys[k]}" for k in text_keys(text) if k in self.keys]
        return f"same {same[0]}, already in the corpus" if same else None

    def write(self, art: dict, text: str, row: dict) -> str:
        """Write the .txt and its metadata row, both or neither; returns the file name."""
        stem = slugify(art["title"] or " ".join(text.split()[:8]))
        while True:
            self.number += 1
            name = f"{self.number:03d}_{stem}.txt"
            if _link_new(self.folder, name, text.encode("utf-8")):
                break
        try:
            _replace_metadata(self.folder, {"file": name, **row})
        except BaseException:
            (self.folder / name).unlink(missing_ok=True)
            raise
        self._remember(name, text, [art["url"], art["address"]])
        return name


def _metadata_row(art: dict, text: str, label: str) -> dict:
    address = clean_url(art["address"])
    source = label if clean_url(label) else Path(label).name
    note = [f"added from {source}"] + [f"author: {art['author']}"] * bool(art["author"]) + [
        f"address: {address}"] * bool(address and address != art["url"])
    return {k: " ".join(str(v or "").split()).lstrip("=+@") for k, v in {  # no formulas
        "outlet": art["outlet"], "url": art["url"], "published": art["published"],
        "published_source": "html" if art["published"] else "",
        "title": art["title"] if infer_title(text)[0] != art["title"] else "",
        "note": "; ".join(note)}.items()}


def add_sources(sources, corpus, *, fetch: bool = True) -> AddReport:
    """Add saved pages, folders of them, addresses or (name, bytes) uploads to ``corpus``:
    an :class:`AddReport`. :class:`CorpusError` (nothing written) when the folder cannot be
    used or its metadata.csv is malformed."""
    folder = Path(corpus)
    if not folder.exists() and folder.parent.is_dir():
        folder.mkdir()
    if not folder.is_dir():
        raise CorpusError(folder, "not a folder (give the corpus folder to add articles to)")
    if isinstance(sources, (str, os.PathLike)):
        sources = [sources]
    report, found = AddReport(str(folder)), []
    for page in (p for s in sources for p in _expand(s, fetch)):
        art = page if isinstance(page, Refused) else _extract(*page[1:])
        if isinstance(art, dict):
            found.append((page[0], art))
        else:
            report.refused.append(page if isinstance(page, Refused) else Refused(page[0], art))
    if found:
        with FileLock(str(folder / LOCK_NAME), timeout=120):
            state = _Corpus(folder)
            for label, art in found:
                _add_one(state, label, art, report)
    return report


def _add_one(state: _Corpus, label: str, art: dict, report: AddReport) -> None:
    text = normalise("\n\n".join([art["title"]] * bool(art["title"]) + art["lines"])) + "\n"
    if why := state.duplicate(art, text):
        return report.refused.append(Refused(label, why + "; nothing added"))
    name = state.write(art, text, _metadata_row(art, text, label))
    report.added.append(Added(name, label, art["url"], art["outlet"], art["published"],
                              art["title"], art["author"]))
    if art["published"] and art["published"] > _dt.date.today().isoformat():
        report.warnings.append(f"{name}: publication date {art['published']} is in the future "
                               "(kept as the page gives it; check it)")
    if art["paged"]:
        report.warnings.append(f"{name}: the page links to a page 2 (\"Halaman 2\"); only this "
                               "page's text was added: save the single-page view to get it all")


def intake_panel(corpus, on_added=None):
    """The "Add articles" form: a VBox (attributes ``upload``, ``addresses``, ``button``,
    ``output``, ``add`` = the click handler). ``on_added(report)`` runs after an add; every
    exception in the callback is shown in the output, never swallowed."""
    upload = w.FileUpload(accept=".html,.htm", multiple=True, description="Saved pages")
    addresses = w.Textarea(placeholder="https://… one address per line",
                           layout=w.Layout(width="100%", height="5em"))
    button, output = w.Button(description="Add", button_style="primary", icon="plus"), w.Output()

    def add(_button=None):
        output.outputs = ()
        button.disabled = True
        try:
            sources = [(f["name"], bytes(f["content"])) for f in upload.value]
            sources += [ln.strip() for ln in addresses.value.splitlines() if ln.strip()]
            report = add_sources(sources, corpus)
            output.append_stdout("\n".join(report.lines() or [
                "Choose saved pages (.html) or type addresses first."]) + "\n")
            upload.value = ()
            refused = {r.source for r in report.refused}
            addresses.value = "\n".join(s for s in sources if isinstance(s, str) and s in refused)
            if report.added and on_added is not None:
                on_added(report)
        except Exception as exc:  # noqa: BLE001 - shown to the analyst, not swallowed
            output.append_stderr(f"error: {type(exc).__name__}: {exc}\n"
                                 + "".join(traceback.format_exc(limit=-3)))
        finally:
            button.disabled = False

    button.on_click(add)
    panel = w.VBox([w.HTML("<b>Add articles</b>: saved web pages (.html) or addresses"),
                    upload, addresses, button, output])
    panel.upload, panel.addresses, panel.button, panel.output = upload, addresses, button, output
    panel.add = add
    return panel
