"""helpers.dates: Indonesian date phrases resolved against the publication date."""
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from helpers.dates import find_dates, parse_date

PUB = pd.Timestamp("2024-10-29")  # a Tuesday
NaT = pd.NaT


def _one(text, published=PUB):
    found = find_dates(text, published)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text, surface, expected", [
    # explicit dates
    ("kata Singh kepada awak media, Senin (28/10), dikutip Al Jazeera.", "Senin (28/10)", "2024-10-28"),
    ("ujar Kirby, Kamis (24/10/2024).", "Kamis (24/10/2024)", "2024-10-24"),
    ("Pada hari Rabu (23 Oktober), menteri itu berkata.", "Pada hari Rabu (23 Oktober)", "2024-10-23"),
    ("Hal itu disampaikan Jumat (25/10) malam.", "Jumat (25/10)", "2024-10-25"),
    ("kata Blinken, Rabu, (23/10), di Seoul.", "Rabu, (23/10)", "2024-10-23"),
    ("kata Blinken pada Rabu 23 Oktober di Seoul.", "pada Rabu 23 Oktober", "2024-10-23"),
    ("Rapat digelar pada 12 September 2023 di Jakarta.", "12 September 2023", "2023-09-12"),
    ("Rapat digelar 7 Okt lalu.", "7 Okt", "2024-10-07"),
    ("Dokumen tertanggal 2024-10-21 itu bocor.", "2024-10-21", "2024-10-21"),
    ("Surat bertanggal 21/10/2024 beredar.", "21/10/2024", "2024-10-21"),
    ("Sabtu, 19 Oktober 2024, pasukan tiba.", "Sabtu, 19 Oktober 2024", "2024-10-19"),
    ("Menurut Yonhap (27/10), rapat berlangsung.", "(27/10)", "2024-10-27"),
    # no year, day after publication -> previous year
    ("Perjanjian diteken pada 15 Desember.", "15 Desember", "2023-12-15"),
    # weekday alone: most recent on/before publication
    ("kata Singh pada hari Selasa.", "pada hari Selasa", "2024-10-29"),
    ("Rutte mengatakan pada hari Senin bahwa", "pada hari Senin", "2024-10-28"),
    ("dalam pernyataan pada Rabu sore mengatakan", "pada Rabu sore", "2024-10-23"),
    ("Kim tiba Jumat pagi di Moskow.", "Jumat pagi", "2024-10-25"),
    ("Selasa lalu dia berbicara.", "Selasa lalu", "2024-10-22"),
    ("Mereka akan bertemu Kamis depan.", "Kamis depan", "2024-10-31"),
    ("Dia tiba pada hari Minggu.", "pada hari Minggu", "2024-10-27"),
    ("Dia tiba pada Minggu sore.", "pada Minggu sore", "2024-10-27"),
    ("Dia tiba Minggu (27/10).", "Minggu (27/10)", "2024-10-27"),
    # relative days and weeks
    ("Kementerian itu kemarin membantah laporan.", "kemarin", "2024-10-28"),
    ("Serangan terjadi 3 hari yang lalu.", "3 hari yang lalu", "2024-10-26"),
    ("Serangan terjadi tiga hari lalu.", "tiga hari lalu", "2024-10-26"),
    ("menjadi sorotan sejak pekan lalu.", "pekan lalu", "2024-10-22"),
    ("Pekan lalu, badan intelijen melaporkan", "Pekan lalu", "2024-10-22"),
    ("badan intelijen minggu lalu menyatakan", "minggu lalu", "2024-10-22"),
    ("Minggu lalu, badan intelijen menyatakan", "Minggu lalu", "2024-10-22"),
    ("laporan itu muncul dua pekan lalu", "dua pekan lalu", "2024-10-15"),
    ("laporan itu muncul seminggu lalu", "seminggu lalu", "2024-10-22"),
])
def test_day_dates(text, surface, expected):
    d = _one(text)
    assert d["surface"] == surface
    assert text[d["start"]:d["end"]] == surface
    assert d["date"] == pd.Timestamp(expected)


@pytest.mark.parametrize("text", [
    "berperang melawan Ukraina dalam “minggu-minggu mendatang,” kata Pentagon.",
    "Kiev telah memperingatkan selama berminggu-minggu.",
    "kerja sama meningkat dalam dua tahun terakhir",
    "konflik yang sudah berlangsung sejak awal 2022.",
    "setidaknya 3.000 tentara dikirim ke Rusia",
    "sekitar 3.000-5.000 tentara",
    "layanan 24/7 tersedia",
    "pelatihan selama satu minggu",
    "Pada tahun 2022 Rusia menginvasi.",
    "Ia akan menyerahkan laporan minggu ini.",
    "Rapat akhir pekan ini di Washington.",
    "Rasio 45/60 tidak berubah.",
])
def test_not_day_dates(text):
    assert [d for d in find_dates(text, PUB) if d["granularity"] != "month"] == []


@pytest.mark.parametrize("text, surface", [
    ("tiba pada awal hingga pertengahan Oktober lalu.", "pada awal hingga pertengahan Oktober lalu"),
    ("menandatangani pakta pada bulan Juni lalu.", "pada bulan Juni lalu"),
    ("Pada bulan Februari 2022, Rusia mulai menginvasi.", "Pada bulan Februari 2022"),
    ("mengirim 3.000 tentara ke Rusia timur pada bulan ini.", "bulan ini"),
    ("sejak Maret 2023 kerja sama meningkat", "Maret 2023"),
])
def test_month_level_phrases_are_found_but_not_days(text, surface):
    d = _one(text)
    assert d["surface"] == surface
    assert d["granularity"] == "month"
    assert pd.isna(d["date"])


@pytest.mark.parametrize("text", [
    "pada hari Selasa", "Selasa lalu", "kemarin", "pekan lalu", "(28/10)", "23 Oktober",
])
def test_relative_dates_without_publication_are_nat(text):
    d = _one(text, NaT)
    assert pd.isna(d["date"])


@pytest.mark.parametrize("d, m, wd, today, expected", [
    (28, 10, 0, "2026-11-22", "2024-10-28"),   # Senin (28/10): a Monday in 2024
    (23, 10, 2, "2026-11-22", "2024-10-23"),   # Rabu (23 Oktober)
    (23, 10, 2, "2024-10-22", "2019-10-23"),   # never in the future
    (23, 10, 1, "2026-11-22", "2018-10-23"),   # Selasa (23 Oktober)
    (30, 2, 0, "2026-11-22", None),            # no such day
])
def test_weekday_pins_the_year_without_publication(d, m, wd, today, expected):
    from helpers.dates import _year_from_weekday

    got = _year_from_weekday(d, m, wd, today=today)
    assert (pd.isna(got) if expected is None else got == pd.Timestamp(expected))


@pytest.mark.parametrize("text, expected", [
    ("kata Singh, Senin (28/10), dikutip", "2024-10-28"),
    ("Pada hari Rabu (23 Oktober), Menteri", "2024-10-23"),
])
def test_weekday_with_date_resolves_without_publication(text, expected):
    assert _one(text, NaT)["date"] == pd.Timestamp(expected)


def test_explicit_full_date_without_publication():
    assert _one("Kamis (24/10/2024)", NaT)["date"] == pd.Timestamp("2024-10-24")


def test_publication_with_time_and_timezone_is_normalised():
    d = _one("pada hari Senin", pd.Timestamp("2024-10-29 15:30", tz="Asia/Jakarta"))
    assert d["date"] == pd.Timestamp("2024-10-28")


def test_weekday_on_publication_day_is_that_day():
    assert _one("pada hari Selasa", PUB)["date"] == PUB
    assert _one("Selasa lalu", PUB)["date"] == PUB - pd.Timedelta(days=7)


def test_several_dates_in_order():
    text = "Senin (28/10) dan Jumat (25/10) serta pekan lalu"
    got = [d["date"] for d in find_dates(text, PUB)]
    assert got == [pd.Timestamp("2024-10-28"), pd.Timestamp("2024-10-25"), pd.Timestamp("2024-10-22")]


@pytest.mark.parametrize("value, expected", [
    ("2024-10-24", "2024-10-24"),
    ("24/10/2024", "2024-10-24"),
    ("24 Oktober 2024", "2024-10-24"),
    ("Kamis, 24 Okt 2024 10:00 WIB", "2024-10-24"),
    ("2024-10-24T10:00:00+07:00", "2024-10-24"),
    (" 1 Nopember 2024 ", "2024-11-01"),
    ("Oct 24, 2024", "2024-10-24"),
    (pd.Timestamp("2024-10-24 13:00"), "2024-10-24"),
])
def test_parse_date(value, expected):
    assert parse_date(value) == pd.Timestamp(expected)


@pytest.mark.parametrize("value", ["", None, float("nan"), "rubbish", "2024-13-45", "   "])
def test_parse_date_unreadable_is_nat(value):
    assert pd.isna(parse_date(value))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(list("0123456789/()-. ,abcdeikmnprstuwSRKJ") +
                                ["Senin", "Minggu", "lalu", "pekan", "Oktober", "hari ",
                                 "pada ", "2024", "(28/10)", " bulan "])).map("".join))
def test_find_dates_never_crashes_and_spans_are_valid(text):
    for d in find_dates(text, PUB):
        assert text[d["start"]:d["end"]] == d["surface"]
        assert pd.isna(d["date"]) or d["date"] == d["date"].normalize()
