"""Row builders shared by test modules (tables written here, not read from any article)."""
from __future__ import annotations


def est_row(**kw):
    """One estimates row: a deployed exact figure of the United States unless ``kw`` says else."""
    base = dict(article_id="a", qualifier="exact", category="deployed", unit="pasukan",
                claimant="United States", affiliation="United States", as_of="2024-10-23",
                sentence="kalimat", start=0, end=5)
    base.update(kw)
    base.setdefault("estimate_id", f"{base['article_id']}:e:{base['start']}-{base['end']}")
    return base
