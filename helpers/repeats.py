"""Repeat groups: the same statement or claim reported by several articles.

``statement_repeat_groups`` joins statements of one speaker with near-identical words;
``estimate_repeat_groups`` joins figures of one claimant, measure and value. Labels are
``g:<smallest id in the group>`` (stable across runs and row orders). Used by the pipeline and
again after the analyst's corrections (``review_apply``).
"""
from __future__ import annotations

import re
from collections import defaultdict

import pandas as pd


_WORD = re.compile(r"\w+", re.UNICODE)


def _words(text) -> frozenset:
    return frozenset(w for w in _WORD.findall(str(text).lower()) if len(w) > 2)


class _UnionFind:
    def __init__(self, n):
        self.parent = list(range(n))

    def find(self, i):
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _group_labels(ids: list[str], uf: _UnionFind) -> list[str]:
    # Label each group by the smallest id in it: stable across runs and row orders.
    best: dict[int, str] = {}
    for i, sid in enumerate(ids):
        root = uf.find(i)
        if root not in best or sid < best[root]:
            best[root] = sid
    return ["g:" + best[uf.find(i)] for i in range(len(ids))]


def statement_repeat_groups(st: pd.DataFrame, threshold: float = 0.6,
                            max_postings: int = 200) -> pd.Series:
    """Same speaker and near-identical words (Jaccard >= threshold) -> one repeat group.

    Candidate pairs come from an inverted index of word 3-grams within each speaker, so the
    cost grows with the number of similar statements, not with the square of the corpus.
    """
    n = len(st)
    if n == 0:
        return pd.Series([], dtype="string", index=st.index)
    ids = st["statement_id"].astype(str).tolist()
    speakers = st["speaker_id"].fillna(st["speaker"].str.lower()).fillna("?").astype(str).tolist()
    texts = st["text"].fillna("").astype(str).tolist()
    words = [_words(t) for t in texts]
    uf = _UnionFind(n)
    # identical word sets of one speaker are one statement (Jaccard 1): joined at once, and only
    # one of them is compared with the rest (wire copy repeated verbatim costs nothing)
    first: dict[tuple, int] = {}
    reps = []
    for i in range(n):
        key = (speakers[i], words[i])
        if words[i] and key in first:
            uf.union(first[key], i)
        else:
            first[key] = i
            reps.append(i)
    postings: dict[tuple, list[int]] = defaultdict(list)
    for i in reps:
        t = texts[i]
        toks = [w for w in _WORD.findall(t.lower())]
        grams = {tuple(toks[k:k + 3]) for k in range(max(1, len(toks) - 2))}
        for g in grams:
            postings[(speakers[i], g)].append(i)
    failed = set()  # pairs compared and found different
    sizes = [len(w) for w in words]
    # statements that share one 3-gram usually share many: each distinct list is walked once
    for members in {tuple(m) for m in postings.values() if 2 <= len(m) <= max_postings}:
        for a_pos, a in enumerate(members):
            for b in members[a_pos + 1:]:
                la, lb = sizes[a], sizes[b]
                if not la or not lb or min(la, lb) < threshold * max(la, lb):
                    continue  # Jaccard <= min/max: too different in length
                if (a, b) in failed or uf.find(a) == uf.find(b):
                    continue  # already compared, or already one group (same components)
                wa, wb = words[a], words[b]
                if len(wa & wb) / len(wa | wb) >= threshold:
                    uf.union(a, b)
                else:
                    failed.add((a, b))
    return pd.Series(_group_labels(ids, uf), index=st.index, dtype="string")


def estimate_repeat_groups(est: pd.DataFrame) -> pd.Series:
    """Same claimant, measure, category and value -> one claim (reported once or many times).

    Figures without a claimant are grouped only when their sentences are word-for-word equal.
    """
    n = len(est)
    if n == 0:
        return pd.Series([], dtype="string", index=est.index)
    ids = est["estimate_id"].astype(str).tolist()
    uf = _UnionFind(n)
    first: dict[tuple, int] = {}
    claimant = est["claimant_id"].fillna(est["claimant"].str.lower())
    kind = est["measure"].fillna("") + "/" + est["category"].fillna("") if "measure" in est else est["category"]
    cols = zip(claimant, est["value"], kind, est["sentence"])
    for i, (c, v, cat, sent) in enumerate(cols):
        c, v, cat, sent = (None if pd.isna(x) else x for x in (c, v, cat, sent))
        vkey = None if v is None else float(v)
        key = (c, vkey, cat) if c is not None else ("?", vkey, cat, sent)
        if key in first:
            uf.union(first[key], i)
        else:
            first[key] = i
    return pd.Series(_group_labels(ids, uf), index=est.index, dtype="string")
