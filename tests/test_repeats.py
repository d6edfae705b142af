"""repeats: statements and claims reported several times join one repeat group."""
import pytest

from helpers import repeats as A, schema


def _st(rows):
    return schema.frame(rows, "statements")


def _est(rows):
    return schema.frame(rows, "estimates")


SAID = "kami melihat bukti bahwa pasukan sudah berada di wilayah timur"


@pytest.mark.parametrize(
    "a, b, same",
    [
        (dict(speaker_id="kirby", text=SAID), dict(speaker_id="kirby", text=SAID), True),
        (dict(speaker_id="kirby", text=SAID), dict(speaker_id="kirby", text=SAID + " kemarin"), True),
        (dict(speaker_id="kirby", text=SAID), dict(speaker_id="singh", text=SAID), False),
        (dict(speaker_id="kirby", text=SAID), dict(speaker_id="kirby", text="harga beras naik lagi pekan ini di pasar"), False),
        (dict(speaker="Budi Santoso", text=SAID), dict(speaker="budi santoso", text=SAID), True),
    ],
)
def test_statement_repeat_groups(a, b, same):
    st = _st([dict(a, statement_id="x:s:0-10"), dict(b, statement_id="y:s:5-15")])
    g = A.statement_repeat_groups(st)
    assert (g[0] == g[1]) is same
    assert g[0] == "g:x:s:0-10"  # labelled by the smallest id in the group


@pytest.mark.parametrize(
    "a, b, same",
    [
        (dict(claimant_id="us", value=3000.0, category="deployed"), dict(claimant_id="us", value=3000.0, category="deployed"), True),
        (dict(claimant_id="us", value=3000.0, category="deployed"), dict(claimant_id="us", value=10000.0, category="deployed"), False),
        (dict(claimant_id="us", value=3000.0, category="deployed"), dict(claimant_id="kr", value=3000.0, category="deployed"), False),
        (dict(claimant_id="us", value=3000.0, category="deployed"), dict(claimant_id="us", value=3000.0, category="planned"), False),
        (dict(value=3000.0, category="deployed", sentence="a"), dict(value=3000.0, category="deployed", sentence="b"), False),
        (dict(value=3000.0, category="deployed", sentence="a"), dict(value=3000.0, category="deployed", sentence="a"), True),
    ],
)
def test_estimate_repeat_groups(a, b, same):
    est = _est([dict(a, estimate_id="x:e:0-5"), dict(b, estimate_id="y:e:0-5")])
    g = A.estimate_repeat_groups(est)
    assert (g[0] == g[1]) is same


def test_a_statement_repeated_by_hundreds_of_articles_is_one_group():
    rows = [dict(speaker_id="nk", speaker="North Korea", text="semua laporan tersebut palsu",
                 statement_id=f"a{i:03d}:s:0-27") for i in range(450)]
    rows.append(dict(speaker_id="nk", speaker="North Korea", text="semua laporan tersebut palsu belaka",
                     statement_id="b:s:0-35"))  # near-identical words: the same statement
    rows.append(dict(speaker_id="ru", speaker="Russia", text="semua laporan tersebut palsu",
                     statement_id="c:s:0-27"))  # another speaker: another statement
    g = A.statement_repeat_groups(_st(rows))
    assert g.iloc[:451].nunique() == 1 and g.iloc[0] == "g:a000:s:0-27"
    assert g.iloc[451] != g.iloc[0]


def test_empty_tables_have_groups_column():
    assert A.statement_repeat_groups(_st([])).empty
    assert A.estimate_repeat_groups(_est([])).empty


