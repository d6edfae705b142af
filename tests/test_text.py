"""Tests for helpers.text: sentence splitting, quotation spans, sentence_at, normalise."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.text import find_quotes, normalise, sentence_at, split_sentences


def sentences(text):
    return [text[s:e] for s, e in split_sentences(text)]


def quotes(text):
    return [text[s:e] for s, e in find_quotes(text)]


# --------------------------------------------------------------------------- sentences
@pytest.mark.parametrize("text", [
    "Korea Utara mengirim 3.000 tentara ke Rusia.",                 # thousands separator
    "Angkanya naik 1,5 kali lipat dari perkiraan awal.",            # decimal comma
    "Kata Singh kepada wartawan, Senin (28/10), di Washington.",    # dd/mm date in brackets
    "Kamis (24/10/2024) Kirby berbicara.",
    "Sekutu AS. dan mitranya menolak.",                             # AS. then lower case
    "Tentara AS... lalu mundur dari garis depan.",                  # dots then lower case
    "Mereka menunggu… dan tidak ada jawaban.",                      # ellipsis, lower case
    "Dr. Budi dan Prof. Ani hadir di Jl. Sudirman.",                # lexicon abbreviations
    "Menurut Ir. Joko, hal itu benar.",
    "Bantuan senilai Rp. 5.000 triliun dikirim.",
    "Pejabat U.S. Army menolak berkomentar.",
    "Novel J.K. Rowling laris.",
    "1. Pasukan tiba di Rusia.",
    "b. Tentara tiba di Rusia.",
    "Susilo B. Yudhoyono hadir kemarin.",                           # capital initial in a name
    "Berita dari Suara.com dikutip luas.",                          # dot inside a word
    "Pukul 10.30 WIB pasukan tiba.",
    '"Ini eskalasi." kata Rutte.',                                  # quote ends, verb follows
    "“Kami melihat bukti. Apa yang mereka lakukan masih harus diamati,” kata Austin.",
    "Dia berkata: “Satu. Dua. Tiga.” lalu pergi.",
    "NATO dan Amerika Serikat Konfirmasi Korea Utara Telah Mengirim Pasukan",  # headline
    "Mengapa mereka diam? kata dia.",                               # ? then lower case
])
def test_one_sentence(text):
    assert sentences(text) == [text]


@pytest.mark.parametrize("text, expected", [
    ("Austin tiba di Roma. Dia bicara.", ["Austin tiba di Roma.", "Dia bicara."]),
    ("Sekutu AS. Namun Rusia membantah.", ["Sekutu AS.", "Namun Rusia membantah."]),
    ("Apa benar? Rusia membantah!", ["Apa benar?", "Rusia membantah!"]),
    ("di Rusia…. Kami belum yakin.", ["di Rusia….", "Kami belum yakin."]),
    ("Mereka menunggu… Tidak ada jawaban.", ["Mereka menunggu…", "Tidak ada jawaban."]),
    ("Pada 2022. 10 orang tewas.", ["Pada 2022.", "10 orang tewas."]),
    ("Jumlahnya 12. Lalu naik.", ["Jumlahnya 12.", "Lalu naik."]),   # a number, not a list marker
    ("Ia menyebutnya “berita palsu.” Namun Putin diam.",
     ["Ia menyebutnya “berita palsu.”", "Namun Putin diam."]),
    ("Ia tiba. “Kami siap,” katanya.", ["Ia tiba.", "“Kami siap,” katanya."]),
    ("di media sosial X. Kirby menambahkan.", ["di media sosial X.", "Kirby menambahkan."]),
    ("Judul Tanpa Titik\nIsi berita.", ["Judul Tanpa Titik", "Isi berita."]),
    ("Baris satu\n\n\nBaris dua", ["Baris satu", "Baris dua"]),
    # a quotation with a missing closing mark ends at the end of its line
    ("Dia berkata, “Dan kami khawatir. Sangat khawatir.\nKekhawatiran meningkat. Ya.",
     ["Dia berkata, “Dan kami khawatir. Sangat khawatir.", "Kekhawatiran meningkat.", "Ya."]),
])
def test_several_sentences(text, expected):
    assert sentences(text) == expected


def test_offsets_are_trimmed_and_exact():
    text = "  Austin tiba.   Dia bicara.  \n\n  Judul  "
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == ["Austin tiba.", "Dia bicara.", "Judul"]
    assert spans[0] == (2, 14)


@pytest.mark.parametrize("text", ["", "   ", "\n\n", " \n \n "])
def test_no_sentences_in_blank_text(text):
    assert split_sentences(text) == []


# --------------------------------------------------------------------------- quotations
@pytest.mark.parametrize("text, expected", [
    ('Dia berkata "langkah selanjutnya" kemarin.', ['"langkah selanjutnya"']),
    ("“Kami melihat bukti,” kata Austin, “Apa yang terjadi?”",
     ["“Kami melihat bukti,”", "“Apa yang terjadi?”"]),
    ("Moskow menyebut ‘berita palsu’ itu.", ["‘berita palsu’"]),
    ("Moskow menyebut 'berita palsu' itu.", ["'berita palsu'"]),
    ("Ia berkata ”kami siap” kemarin.", ["”kami siap”"]),            # ”…” house style
    ("Kata «Ini perang» begitu.", ["«Ini perang»"]),
    ("“Sekutu yakin. Ini eskalasi. Kami berdiskusi.”", ["“Sekutu yakin. Ini eskalasi. Kami berdiskusi.”"]),
    # nested quotation: only the outer one
    ("“Dia bilang ‘tidak’ kepada kami,” kata Kirby.", ["“Dia bilang ‘tidak’ kepada kami,”"]),
    # missing closing mark: up to the end of the line, trimmed
    ("Dia berkata, “Dan kami khawatir.  \nBaris baru.", ["“Dan kami khawatir."]),
    ('Dia berkata, "Dan kami khawatir.\nBaris "baru".', ['"Dan kami khawatir.', '"baru"']),
    ("Lalu ‘tanpa penutup\nBaris baru.", ["‘tanpa penutup"]),
    ('Layar 12" dan "kata kunci" itu.', ['"kata kunci"']),
])
def test_find_quotes(text, expected):
    assert quotes(text) == expected


@pytest.mark.parametrize("text", [
    "Pada hari Jum'at pasukan tiba.",       # apostrophe inside a word
    "Pada hari Jum’at pasukan tiba.",       # curly apostrophe inside a word
    "Tahun '90-an sudah lewat.",            # leading apostrophe, never closed
    "Para prajurit' senjata tertinggal.",   # trailing apostrophe
    "Tidak ada kutipan di sini.",
    "Tanda ” sendirian bukan kutipan.",     # ” after a space but followed by a space
    "Tahun ‘90-an sudah lewat.",            # curly leading apostrophe before a digit
    'Layar 12" itu besar.',                 # inch mark
])
def test_no_quotes(text):
    assert find_quotes(text) == []


def test_apostrophes_inside_a_quotation_do_not_close_it():
    text = "‘Hari Jum’at kami tiba’ katanya."
    assert quotes(text) == ["‘Hari Jum’at kami tiba’"]
    text = "'Hari Jum'at kami tiba' katanya."
    assert quotes(text) == ["'Hari Jum'at kami tiba'"]


def test_quotes_never_cross_lines():
    text = '"Satu\n"Dua"'
    assert quotes(text) == ['"Satu', '"Dua"']


# --------------------------------------------------------------------------- sentence_at
def test_sentence_at():
    text = "Austin tiba. Dia bicara.\nJudul"
    spans = split_sentences(text)
    assert sentence_at(spans, 0) == spans[0]
    assert sentence_at(spans, text.index("bicara")) == spans[1]
    assert sentence_at(spans, text.index("Judul") + 4) == spans[2]
    assert sentence_at(spans, text.index(" Dia")) is None  # whitespace between sentences
    assert sentence_at(spans, len(text)) is None
    assert sentence_at([], 3) is None


# --------------------------------------------------------------------------- normalise
def test_normalise_keeps_quotes_and_cleans_layout():
    assert normalise("\ufeffA\u00a0b\u200b “c”\r\nd  \r\n") == "A b “c”\nd"


# --------------------------------------------------------------------------- properties
_ALPHABET = st.sampled_from(list("aA .,!?…\"“”‘’'()\n0123456789") + ["AS.", "Dr.", " Jum'at"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=80).map("".join))
def test_spans_are_ordered_trimmed_and_in_range(text):
    for spans in (split_sentences(text), find_quotes(text)):
        prev_end = 0
        for s, e in spans:
            assert prev_end <= s < e <= len(text)
            prev_end = e
    for s, e in split_sentences(text):
        assert text[s:e] == text[s:e].strip()
        assert "\n" not in text[s:e]
    for s, e in find_quotes(text):
        assert "\n" not in text[s:e]


@settings(max_examples=200, deadline=None)
@given(st.lists(_ALPHABET, max_size=80).map("".join))
def test_sentences_cover_every_visible_character(text):
    covered = set()
    for s, e in split_sentences(text):
        covered.update(range(s, e))
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())
