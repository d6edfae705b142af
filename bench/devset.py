"""The real-article dev set: import hand annotations without their text, and read them back.

Third-party article text never enters the repository. The texts live in a cache folder outside
it (``TEXT_DIR``: ``texts/<id>.txt``); the repository keeps, in ``bench/devset/``:

* ``articles.csv`` — one row per article: id, story, language, split (``dev``: rules were fixed
  on it; ``test``: scored only at the end), outlet, url, published, truncated, and the sha256
  of the text (so a changed text is noticed);
* ``statements.csv`` / ``estimates.csv`` — the hand annotation, anchored by character offset
  and length into the text plus a short hash of the anchored words (no words of the text);
* ``stories/<story>/actors.yaml`` — the analyst's gazetteer of each story (written before
  annotating; story knowledge, not article text).

    python -m bench.devset import SRC_DIR   # SRC_DIR: articles_*.csv, gold/*.json, stories/
    python -m bench.devset check TEXT_DIR   # every anchor still found in its text

The gold JSON format and the annotation rules are in ``bench/devset/GUIDE.md``.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent / "devset"
ART_COLS = ["id", "story", "language", "split", "outlet", "url", "published", "truncated", "text_sha256"]
ST_COLS = ["article_id", "n", "pos", "length", "sha", "speaker", "listed", "kind", "cue"]
EST_COLS = ["article_id", "n", "pos", "length", "sha", "num_pos", "num_length", "value", "low", "high",
            "qualifier", "measure", "claimant", "in_headline", "revises"]


def sha(text: str, n: int = 10) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:n]


def read_text(text_dir, aid) -> str:
    return (Path(text_dir) / "texts" / f"{aid}.txt").read_text(encoding="utf-8")


def _split(rows: list[dict]) -> None:
    """Alternate dev/test within each story, in id order (dev first)."""
    by_story: dict[str, list[dict]] = {}
    for r in sorted(rows, key=lambda r: r["id"]):
        by_story.setdefault(r["story"], []).append(r)
    for group in by_story.values():
        for i, r in enumerate(group):
            r["split"] = "dev" if i % 2 == 0 else "test"


def _anchor(text, aid, item, what):
    anchor = item["anchor"]
    if text.count(anchor) != 1:
        raise ValueError(f"{aid}: {what} anchor occurs {text.count(anchor)} times: {anchor!r}")
    return text.index(anchor), anchor


def _gold(src: Path, aid: str) -> dict:
    """The hand annotation of one article, or a ValueError naming its file."""
    path = src / "gold" / f"{aid}.json"
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        raise ValueError(f"{path}: {e}") from None
    for what, keys in (("statements", ("anchor", "speaker", "kind")), ("estimates", ("anchor", "number"))):
        for n, item in enumerate(gold.get(what) or []):
            missing = [k for k in keys if k not in item]
            if missing:
                raise ValueError(f"{path}: {what}[{n}] lacks {', '.join(missing)}")
    return gold


def import_dir(src: Path) -> dict:
    """Add the collection in ``src`` to the committed dev set; nothing is written unless every
    article, gold file and anchor of it is sound (a ValueError names the first that is not)."""
    arts = []
    for p in sorted(src.glob("articles_*.csv")):
        arts += list(csv.DictReader(p.open(encoding="utf-8")))
    if not arts:
        raise ValueError(f"{src}: no articles_*.csv with articles in it")
    _split(arts)
    sts, ests = [], []
    for a in arts:
        try:
            text = read_text(src, a["id"])
        except OSError as e:
            raise ValueError(f"{src / 'texts' / (a['id'] + '.txt')}: {e.strerror}") from None
        a["text_sha256"] = sha(text, 64)
        gold = _gold(src, a["id"])
        for n, s in enumerate(gold.get("statements", [])):
            pos, anchor = _anchor(text, a["id"], s, "statement")
            sts.append(dict(article_id=a["id"], n=n, pos=pos, length=len(anchor), sha=sha(anchor),
                            speaker=s["speaker"], listed=bool(s.get("listed")), kind=s["kind"],
                            cue=s.get("cue") or ""))
        for n, e in enumerate(gold.get("estimates", [])):
            pos, anchor = _anchor(text, a["id"], e, "estimate")
            number = str(e["number"])
            k = anchor.find(number)
            if k < 0:
                raise ValueError(f"{a['id']}: number {number!r} not in anchor {anchor!r}")
            ests.append(dict(article_id=a["id"], n=n, pos=pos, length=len(anchor), sha=sha(anchor),
                             num_pos=pos + k, num_length=len(number), value=e.get("value"),
                             low=e.get("low"), high=e.get("high"), qualifier=e.get("qualifier"),
                             measure=e.get("measure"), claimant=e.get("claimant") or "",
                             in_headline=bool(e.get("in_headline")), revises=e.get("revises") or ""))
    HERE.mkdir(exist_ok=True)
    old = load() if (HERE / "articles.csv").exists() else dict(articles=[], statements=[], estimates=[])
    clash = sorted({a["id"] for a in old["articles"]} & {a["id"] for a in arts})
    if clash:
        raise ValueError(f"{src}: ids already in the dev set: {', '.join(clash[:10])}")
    # a new collection is added to the committed one: earlier splits never change
    arts, sts, ests = old["articles"] + arts, old["statements"] + sts, old["estimates"] + ests
    for name, rows, cols in (("articles", arts, ART_COLS), ("statements", sts, ST_COLS),
                             ("estimates", ests, EST_COLS)):
        with (HERE / f"{name}.csv").open("w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, fieldnames=cols, extrasaction="ignore")
            w.writeheader()
            w.writerows(rows)
    for story in sorted({a["story"] for a in arts} - {a["story"] for a in old["articles"]}):
        dst = HERE / "stories" / story
        dst.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src / "stories" / story / "actors.yaml", dst / "actors.yaml")
    return dict(articles=len(arts) - len(old["articles"]), statements=len(sts) - len(old["statements"]),
                estimates=len(ests) - len(old["estimates"]))


def _relocate(text: str, r: dict) -> int | None:
    """Where an anchor of ``r`` (its length and short hash) sits in a rebuilt ``text``: the
    committed offset when it still fits, else the one place where a span of that length hashes
    the same; None when there is no such place."""
    pos, n = int(r["pos"]), int(r["length"])
    if sha(text[pos:pos + n]) == r["sha"]:
        return pos
    hits = [i for i in range(len(text) - n + 1) if sha(text[i:i + n]) == r["sha"]]
    return hits[0] if len(hits) == 1 else None


def load(text_dir=None, strict=False) -> dict:
    """The committed dev set as lists of dicts; with ``text_dir`` each article gets its text.

    The text cache is rebuilt from the stored pages when a machine loses it, and a rebuilt text
    may differ outside the annotated words (a menu line kept or dropped). So an article whose
    text differs is still scored when every anchor is found again by its hash (the rows get the
    new offsets); one that is missing, or whose anchors cannot all be found, is left out with a
    warning naming it (``strict``: a ValueError instead). ``report`` says what happened."""
    def rows(name):
        return list(csv.DictReader((HERE / f"{name}.csv").open(encoding="utf-8")))
    arts, sts, ests = rows("articles"), rows("statements"), rows("estimates")
    report = dict(exact=[], relocated=[], missing=[], broken=[])
    if text_dir is None:
        return dict(articles=arts, statements=sts, estimates=ests, report=report)
    items: dict[str, list[dict]] = {}
    for r in sts + ests:
        items.setdefault(r["article_id"], []).append(r)
    keep = set()
    for a in arts:
        p = Path(text_dir) / "texts" / f"{a['id']}.txt"
        if not p.exists():
            report["missing"].append(a["id"])
            continue
        a["text"] = t = p.read_text(encoding="utf-8")
        if sha(t, 64) == a["text_sha256"]:
            report["exact"].append(a["id"])
            keep.add(a["id"])
            continue
        found = [(r, _relocate(t, r)) for r in items.get(a["id"], [])]
        lost = [r for r, pos in found if pos is None]
        if lost:
            report["broken"].append(f"{a['id']} ({len(lost)} of {len(found)} anchors not found)")
            continue
        for r, pos in found:
            shift = pos - int(r["pos"])
            r["pos"] = str(pos)
            if r.get("num_pos") not in (None, ""):
                r["num_pos"] = str(int(r["num_pos"]) + shift)
        report["relocated"].append(a["id"])
        keep.add(a["id"])
    bad = [f"{i} (missing)" for i in report["missing"]] + report["broken"]
    if bad and strict:
        raise ValueError(f"{text_dir}: texts not usable: " + ", ".join(bad))
    if bad:
        print(f"warning: {len(bad)} of {len(arts)} articles left out: " + ", ".join(bad[:12])
              + (" ..." if len(bad) > 12 else ""), file=sys.stderr)
    return dict(articles=[a for a in arts if a["id"] in keep],
                statements=[r for r in sts if r["article_id"] in keep],
                estimates=[r for r in ests if r["article_id"] in keep], report=report)


def _explain(text_dir, aid) -> None:
    p = Path(text_dir) / "texts" / f"{aid}.txt"
    if not p.exists():
        print(f"{aid}: {p} missing")
        return
    t = p.read_text(encoding="utf-8")
    art = [a for a in load()["articles"] if a["id"] == aid]
    if not art:
        print(f"{aid}: not in articles.csv")
        return
    print(f"{aid}: {len(t)} characters, text sha {'matches' if sha(t, 64) == art[0]['text_sha256'] else 'differs'}")
    d = load()
    for r in d["statements"] + d["estimates"]:
        if r["article_id"] == aid and _relocate(t, r) is None:
            pos, n = int(r["pos"]), int(r["length"])
            print(f"  anchor not found: committed at {pos}, {n} characters; the cache holds there: "
                  f"{t[pos:pos + n]!r}")


_CUT = re.compile(r"[.!?][\"'”’)]*(?= )")


def _rebuilds(raw: str, anchors: list[dict], limit: int = 2000):
    """Every text that can be made from a stored page excerpt the way the annotation guide says
    (keep or drop each line, lines joined by one or two newlines or by the excerpt's own gaps,
    the last kept line maybe cut after a sentence) and that agrees with every anchor wholly
    inside it. A search over line choices, pruned by the anchors' offsets and hashes."""
    # the stored pages put the page's date before some excerpts; the annotated texts may not
    # have kept it
    bare = re.sub(r"^ ?date \d{4}-\d\d-\d\d ", "", raw)
    for source in dict.fromkeys((raw, bare)):
        yield from _rebuilds_of(source, anchors, limit)


def _rebuilds_of(raw: str, anchors: list[dict], limit: int):
    pieces = [(len(gap.replace("\r", "")), line.rstrip("\r")) for gap, line in
              re.findall(r"(\n*)([^\n]+)", raw)]
    ends = sorted((int(r["pos"]) + int(r["length"]), int(r["pos"]), r["sha"]) for r in anchors)

    def fits(t: str) -> bool:
        return all(sha(t[p:e]) == h for e, p, h in ends if e <= len(t))

    for strip in (False, True):
        for mode in ("excerpt", "\n", "\n\n", "either"):
            states = {("", -1)}
            for gap, line in pieces:
                line = line.strip() if strip else line
                if not line:
                    continue
                seps = {"excerpt": ["\n" * max(gap, 1)], "either": ["\n", "\n" * max(gap, 1)]}.get(mode, [mode])
                grown = set()
                for text, _ in states:
                    for sep in dict.fromkeys(seps):
                        t = text + (sep if text else "") + line
                        if fits(t):
                            grown.add((t, len(t) - len(line)))
                states |= grown
                if len(states) > limit:     # keep a few texts of each length (menus before
                    by_len: dict[int, list] = {}     # the first anchor multiply the choices)
                    for st in sorted(states):
                        by_len.setdefault(len(st[0]), []).append(st)
                    states = {st for group in by_len.values() for st in group[:4]}
            for text, start in states:
                cuts = [text] + [text[:m.end()] for m in _CUT.finditer(text, max(start, 0))]
                for t in cuts:
                    for end in ("", "\n"):
                        if fits(t + end):
                            yield t + end


def restore(text_dir, aid: str, raw_file) -> str:
    """Rebuild ``texts/<aid>.txt`` from a page excerpt saved in ``raw_file``: the text whose
    sha256 is the annotated one if a rebuild gives it, else a rebuild in which every anchor is
    found. Says which; writes nothing when neither."""
    d = load()
    art = next((a for a in d["articles"] if a["id"] == aid), None)
    if art is None:
        return f"{aid}: not in articles.csv"
    anchors = [r for r in d["statements"] + d["estimates"] if r["article_id"] == aid]
    out = Path(text_dir) / "texts" / f"{aid}.txt"
    if out.exists():  # a cached text is never overwritten: move it aside first to rebuild it
        return f"{aid}: {out} exists; nothing written"
    if not Path(raw_file).is_file():
        return f"{aid}: {raw_file}: no such file"
    raw = Path(raw_file).read_text(encoding="utf-8")
    best = None
    for t in _rebuilds(raw, anchors):
        if sha(t, 64) == art["text_sha256"]:
            best = ("exact", t)
            break
        if best is None and all(_relocate(t, r) is not None for r in anchors):
            best = ("every anchor found", t)
    if best is None:
        found = sum(_relocate(raw, r) is not None for r in anchors)
        return (f"{aid}: no rebuild fits; {found} of {len(anchors)} anchors occur in the excerpt "
                f"(a different excerpt of {art['url']} may hold the rest)")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(best[1], encoding="utf-8")
    return f"{aid}: {best[0]} ({len(anchors)} anchors) -> {out}"


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.devset", description=__doc__.split("\n")[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    sub.add_parser("import").add_argument("src")
    c = sub.add_parser("check")
    c.add_argument("text_dir")
    c.add_argument("ids", nargs="*", help="articles to explain: each anchor not found, with the "
                   "committed offset and length and what the cached text holds there")
    r = sub.add_parser("restore", help="rebuild a lost cached text from a stored page excerpt")
    r.add_argument("text_dir")
    r.add_argument("id")
    r.add_argument("raw_file")
    a = p.parse_args(argv)
    try:
        return _run(a)
    except (ValueError, OSError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2


def _run(a) -> int:
    if a.cmd == "restore":
        msg = restore(a.text_dir, a.id, a.raw_file)
        print(msg)
        return 0 if "->" in msg else 1
    if a.cmd == "import":
        print(import_dir(Path(a.src)))
    else:
        d = load(a.text_dir)
        r = d["report"]
        print(f"{len(d['articles'])} articles usable ({len(r['exact'])} exact, {len(r['relocated'])} "
              f"rebuilt with every anchor found), {len(d['statements'])} statements, "
              f"{len(d['estimates'])} estimates; {len(r['missing'])} missing, {len(r['broken'])} broken")
        for line in r["broken"]:
            print("  broken:", line)
        for aid in a.ids:
            _explain(a.text_dir, aid)
        return 0 if not (r["missing"] or r["broken"]) else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
