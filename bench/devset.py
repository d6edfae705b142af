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
    python -m bench.devset check TEXT_DIR   # every anchor still hashes to its text

The gold JSON format and the annotation rules are in ``bench/devset/GUIDE.md``.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
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


def import_dir(src: Path) -> dict:
    arts = []
    for p in sorted(src.glob("articles_*.csv")):
        arts += list(csv.DictReader(p.open(encoding="utf-8")))
    _split(arts)
    sts, ests = [], []
    for a in arts:
        text = read_text(src, a["id"])
        a["text_sha256"] = sha(text, 64)
        gold = json.loads((src / "gold" / f"{a['id']}.json").read_text(encoding="utf-8"))
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
    for name, rows, cols in (("articles", arts, ART_COLS), ("statements", sts, ST_COLS),
                             ("estimates", ests, EST_COLS)):
        with (HERE / f"{name}.csv").open("w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, fieldnames=cols, extrasaction="ignore")
            w.writeheader()
            w.writerows(rows)
    for story in sorted({a["story"] for a in arts}):
        dst = HERE / "stories" / story
        dst.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src / "stories" / story / "actors.yaml", dst / "actors.yaml")
    guide = src / "GUIDE.md"
    if guide.exists():
        shutil.copyfile(guide, HERE / "GUIDE.md")
    return dict(articles=len(arts), statements=len(sts), estimates=len(ests))


def load(text_dir=None) -> dict:
    """The committed dev set as lists of dicts; with ``text_dir`` each article gets its text
    and every anchor is checked against its hash (ValueError naming the article if not)."""
    def rows(name):
        return list(csv.DictReader((HERE / f"{name}.csv").open(encoding="utf-8")))
    arts, sts, ests = rows("articles"), rows("statements"), rows("estimates")
    if text_dir is not None:
        texts = {}
        for a in arts:
            p = Path(text_dir) / "texts" / f"{a['id']}.txt"
            if not p.exists():
                raise ValueError(f"{p}: missing (rebuild the text cache from articles.csv's urls)")
            texts[a["id"]] = t = p.read_text(encoding="utf-8")
            if sha(t, 64) != a["text_sha256"]:
                raise ValueError(f"{p}: text differs from the annotated one")
            a["text"] = t
        for r in sts + ests:
            t = texts[r["article_id"]]
            pos, n = int(r["pos"]), int(r["length"])
            if sha(t[pos:pos + n]) != r["sha"]:
                raise ValueError(f"{r['article_id']}: anchor at {pos} does not match its hash")
    return dict(articles=arts, statements=sts, estimates=ests)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.devset", description=__doc__.split("\n")[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    sub.add_parser("import").add_argument("src")
    sub.add_parser("check").add_argument("text_dir")
    a = p.parse_args(argv)
    if a.cmd == "import":
        print(import_dir(Path(a.src)))
    else:
        d = load(a.text_dir)
        print(f"ok: {len(d['articles'])} articles, {len(d['statements'])} statements, "
              f"{len(d['estimates'])} estimates")
    return 0


if __name__ == "__main__":
    sys.exit(main())
