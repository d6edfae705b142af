"""Rules learnt from real Indonesian articles (issue "Any story"): one sentence each, written
here, with negatives. The gazetteer is a small one of an invented disaster story, so nothing
depends on the seeds.
"""
from __future__ import annotations

import pandas as pd
import pytest

from helpers.actors import Gazetteer
from helpers.extract import annotate_article
from helpers.schema import frame

ACTORS = frame([
    dict(actor_id="bnpb", name="BNPB", kind="organization", role="disaster agency",
         affiliation="Indonesia", aliases="Badan Nasional Penanggulangan Bencana; BNPB"),
    dict(actor_id="budi_santoso", name="Budi Santoso", kind="person", role="BNPB spokesman",
         affiliation="Indonesia", aliases="Budi Santoso; Budi"),
    dict(actor_id="rina_wati", name="Rina Wati", kind="person", role="regent",
         affiliation="Indonesia", aliases="Rina Wati; Bupati Sukamaju Rina Wati"),
    dict(actor_id="polda_jabar", name="Polda Jabar", kind="organization", role="regional police",
         affiliation="Indonesia", aliases="Polda Jabar; Polda Jawa Barat"),
], "actors")
GAZ = Gazetteer(ACTORS)
PUB = pd.Timestamp("2025-03-04")


def run(text, lang="id"):
    return annotate_article(dict(article_id="t", text=text, published=PUB, language=lang), GAZ)


def statements(text, lang="id"):
    return [(r["speaker"], r["kind"]) for r in run(text, lang)["statements"]]


def estimates(text, lang="id"):
    return [(r["value"], r["measure"]) for r in run(text, lang)["estimates"]]


# ----------------------------------------------------------------------------- statements
@pytest.mark.parametrize("text, expected", [
    # passive and agentive attribution
    ("Banjir merendam tiga desa. Hal itu disampaikan oleh Budi Santoso di Jakarta.", [("Budi Santoso", "indirect")]),
    ("Banjir merendam tiga desa. Hal itu diungkapkan Budi Santoso, Selasa.", [("Budi Santoso", "indirect")]),
    ("Jumlah korban yang terus bertambah diungkapkan Bupati Sukamaju Rina Wati.", [("Rina Wati", "indirect")]),
    ("Sementara itu, ditambahkan Budi, kondisi jalan menuju desa itu masih tertutup longsor.",
     [("Budi Santoso", "indirect")]),
    ("Budi Santoso menyebut jalan terputus. Dijelaskannya, alat berat sudah dikirim ke lokasi.",
     [("Budi Santoso", "indirect"), ("Budi Santoso", "indirect")]),
    # "-nya" and "Dirinya"
    ("Budi Santoso tiba di lokasi. Dirinya mengatakan bantuan akan datang besok.",
     [("Budi Santoso", "indirect")]),
    ("Budi Santoso tiba di lokasi. Menurutnya, bantuan akan datang besok.", [("Budi Santoso", "indirect")]),
    ("Budi Santoso tiba di lokasi. Selain itu, menurutnya saat ini ada 40 relawan di lapangan.",
     [("Budi Santoso", "indirect")]),
    # titles: regional, police, military, former
    ("Kapolda Jabar Irjen Pol Agus Salim mengatakan jalur evakuasi sudah dibuka.", [("Agus Salim", "indirect")]),
    ("Pangdam III Siliwangi Mayjen Dedi Kusuma menegaskan pasukan siap membantu.", [("Dedi Kusuma", "indirect")]),
    ("Mantan Kepala BNPB Doni Arif menilai data itu belum lengkap.", [("Doni Arif", "indirect")]),
    ("Bupati Sukamaju Rina Wati mengatakan sekolah diliburkan.", [("Rina Wati", "indirect")]),
    # datelines are never speakers
    ("JAKARTA, KOMPAS.com - Budi Santoso mengatakan hujan masih turun.", [("Budi Santoso", "indirect")]),
    ("Jakarta - BNPB menyatakan status tanggap darurat diperpanjang.", [("BNPB", "indirect")]),
    # institutional data verbs and source nouns
    ("BNPB mencatat 56 orang meninggal dunia akibat gempa itu.", [("BNPB", "indirect")]),
    ("Berdasarkan data BNPB, sebanyak 56 orang meninggal dunia.", [("BNPB", "indirect")]),
    ("Menurut keterangan tertulis dari Polda Jabar, jalan itu ditutup sementara.", [("Polda Jabar", "indirect")]),
    # evaluative verbs
    ("Rina Wati mengeluhkan bantuan yang terlambat datang ke desanya.", [("Rina Wati", "indirect")]),
    ("Budi Santoso memuji kerja relawan di lapangan.", [("Budi Santoso", "indirect")]),
    # social media
    ("“Kami terus berjaga malam ini,” tulis Rina Wati di Instagram.", [("Rina Wati", "direct")]),
])
def test_statements_from_real_prose(text, expected):
    assert statements(text) == expected


@pytest.mark.parametrize("text", [
    "Bantuan disampaikan kepada warga yang mengungsi di balai desa.",       # delivered, not said
    "Rumah itu disebut sebagai yang tertua di desa.",                       # no agent
    "Pejabat yang enggan disebutkan namanya tiba kemarin.",                 # negated passive
    "Baca juga: BNPB Sebut Korban Meninggal Bertambah",                     # a link line
    "BNPB: 56 Orang Meninggal akibat Gempa\nHujan masih turun di lokasi.",  # a headline
    "Warga Sukamaju tidak menyebutkan jumlah rumah yang rusak.",            # negated verb
])
def test_no_statement(text):
    assert statements(text) == []


@pytest.mark.parametrize("text, stance", [
    ("Rina Wati mengeluhkan bantuan yang terlambat.", "condemns"),
    ("Polda Jabar menuding kelompok itu memprovokasi warga.", "condemns"),
    ("Budi Santoso membantah data itu.", "denies"),
])
def test_evaluative_verbs_have_their_stance(text, stance):
    assert [r["stance"] for r in run(text)["statements"]] == [stance]


def test_a_nested_statement_does_not_move_dia():
    text = ("Budi Santoso membantah klaim Bupati Sukamaju Rina Wati yang menyebut korban mencapai 500 jiwa. "
            "Dia menekankan angka resmi adalah milik BNPB.")
    speakers = [r["speaker"] for r in run(text)["statements"]]
    assert speakers[0] == "Budi Santoso" and speakers[-1] == "Budi Santoso"


# ----------------------------------------------------------------------------- numbers
@pytest.mark.parametrize("text, expected", [
    ("Sejumlah 120 orang mengungsi ke masjid.", [(120, "displaced")]),
    ("Korban meninggal mencapai 62 orang.", [(62, "killed")]),
    ("Hanya 5 dari 40 orang yang hilang sudah ditemukan.", [(5, "missing"), (40, "missing")]),
    ("Sebanyak 13.400an warga terdampak banjir.", [(13400, "affected")]),
    ("Antara 300 hingga 400 orang mengungsi ke gedung sekolah.", [(350, "displaced")]),
    ("Sebanyak 300–400 orang mengungsi ke gedung sekolah.", [(350, "displaced")]),
    ("Tim SAR menemukan 12 jenazah di bawah reruntuhan.", [(12, "killed")]),
    ("Sebanyak 5.389 pengungsi tersebar di 20 titik.", [(5389, "displaced")]),
    ("Sebanyak 350 personel gabungan dikerahkan ke lokasi.", [(350, "troops")]),
    ("Sebanyak 2.272 rumah rusak berat dan 46 rumah rusak ringan.", [(2272, "damaged"), (46, "damaged")]),
    ("Polisi menangkap 351 orang dalam aksi di depan gedung DPR.", [(351, "arrested")]),
    ("Korban meninggal bertambah dari 46 menjadi 56 orang.", [(46, "killed"), (56, "killed")]),
    ("Data BNPB: 56 korban meninggal dunia, 23 korban masih tertimbun.", [(56, "killed"), (23, "missing")]),
])
def test_numbers_of_real_prose(text, expected):
    assert estimates(text) == expected


@pytest.mark.parametrize("text", [
    "Gempa bermagnitudo 5,6 mengguncang Sukamaju.",          # a magnitude
    "Gempa susulan tercatat sebanyak 118 kali.",             # a count of quakes
    "Posko itu melayani warga 24 jam sehari.",               # hours
    "Hari ke-3 pencarian dimulai pukul 07.00 WIB.",          # ordinal, time
    "Tim SAR mencari korban hingga H+10 pencarian.",         # a day count
    "Siswa kelas 3 dipulangkan lebih awal.",                 # a class
    "Bantuan senilai Rp 2 miliar disalurkan kemarin.",       # money
])
def test_not_counts(text):
    assert estimates(text) == []


def test_headline_and_body_figures_join_one_claim():
    from helpers import pipeline
    arts = pd.DataFrame([dict(article_id="t", text="BNPB: 62 Orang Meninggal akibat Gempa\n"
                              "BNPB mencatat 62 orang meninggal dunia akibat gempa itu.",
                              published=PUB, outlet=None, language="id", duplicate_of=pd.NA)])
    est = pipeline.annotate(arts, ACTORS, corrections=None).estimates
    assert est["in_headline"].tolist() == [True, False]
    assert est["repeat_group"].nunique() == 1


@pytest.mark.parametrize("text, expected", [
    ("Menurut Budi, respons aparat telah mengekang kebebasan berpendapat warga.", [("Budi Santoso", "indirect")]),
    ("- Polda Jabar mengimbau warga menjauhi lereng yang retak.", [("Polda Jabar", "indirect")]),
])
def test_noun_phrases_and_bullets(text, expected):
    assert statements(text) == expected


def test_a_shortened_name_refers_to_the_actor_mentioned_before():
    text = ("Badan Nasional Penanggulangan Bencana merilis data baru. "
            "Menurut badan nasional itu, hujan masih turun. Badan nasional juga menyebut jalan terputus.")
    assert [r["speaker"] for r in run(text)["statements"]][-1] == "BNPB"


def test_a_shortened_name_needs_the_actor_mentioned_first():
    assert statements("Badan nasional menyebut jalan terputus.") == [("Badan nasional", "indirect")]  # unlisted


def test_disputed_crowd_counts_keep_their_own_claimants():
    got = run("Polisi memperkirakan jumlah massa sekitar 5.000 orang, sementara panitia mengklaim "
              "20.000 orang hadir.")
    assert [(r["value"], r["measure"], r["claimant"]) for r in got["estimates"]] == \
        [(5000, "crowd", "Polisi"), (20000, "crowd", "panitia")]


def test_an_acronym_before_a_name_is_not_part_of_it():
    assert statements("Sebanyak 40 orang terluka, kata Ketua LBHJ Sri Wahyuni.") == [("Sri Wahyuni", "indirect")]


@pytest.mark.parametrize("text, speaker", [
    # a place between the title and the name is not part of the name
    ("Gubernur Jawa Tengah Ahmad Lutfi mengatakan 20 rumah rusak.", "Ahmad Lutfi"),
    ("Kepala BPBD Garut Satria Wibowo mengatakan 20 rumah rusak.", "Satria Wibowo"),
    ("Menteri Luar Negeri Jepang Kenji Sato mengatakan jalan terputus.", "Kenji Sato"),
    # title and place alone: the office speaks, never the place
    ("Kapolres Garut mengatakan jalan terputus.", "Kapolres Garut"),
    ("Jalan terputus, kata Bupati Garut.", "Bupati Garut"),
    ("Menurut Kapolda Metro Jaya, jalan terputus.", "Kapolda Metro Jaya"),
    # negatives: a name that is no place stays whole; a title with a name only keeps the name
    ("Gubernur Khofifah mengatakan 20 rumah rusak.", "Khofifah"),
    ("Camat Sukamaju Dedi Kurnia mengatakan jalan terputus.", "Sukamaju Dedi Kurnia"),
    ("Central Java Governor Ahmad Lutfi said 20 houses were damaged.", "Ahmad Lutfi"),
])
def test_a_place_after_a_title_is_not_the_speaker(text, speaker):
    lang = "en" if " said " in text else "id"
    assert [s for s, _ in statements(text, lang)] == [speaker]


@pytest.mark.parametrize("text, value, qualifier", [
    ("Jumlah personel pengamanan sekitar 10 ribuan orang.", 10000, "about"),
    ("Sebanyak 5 ribuan warga mengungsi.", 5000, "about"),
    ("Sebanyak 5 ribu warga mengungsi.", 5000, "exact"),  # negative: no suffix, no hedge
])
def test_a_multiplier_with_the_an_suffix_is_about_that_many(text, value, qualifier):
    got = run(text)["estimates"]
    assert [(r["value"], r["qualifier"]) for r in got] == [(value, qualifier)]


@pytest.mark.parametrize("text, expected", [
    # an institution whose name holds "dan" is one speaker, not two
    ("Kepala Dinas Kesehatan, Pengendalian Penduduk dan Keluarga Berencana (Dinkes P2KB) Garut "
     "Ani Lestari mengatakan 20 anak dirawat.", [("Ani Lestari", "indirect")]),
    # negative: two office holders are two speakers
    ("Menteri Luar Negeri Sugiono dan Menteri Pertahanan Sjafrie mengatakan jalan terputus.",
     [("Sugiono", "indirect"), ("Sjafrie", "indirect")]),
    # data showing something is its source's statement
    ("Sementara itu, data dari BNPB menunjukkan bahwa 63 orang meninggal.", [("BNPB", "indirect")]),
    # a negation with a modal is no statement
    ("Kepala Dinas Kesehatan Garut belum bisa memprediksi kapan status KLB dicabut.", []),
    ("Budi Santoso tidak dapat memastikan jumlah korban.", []),
    # more post-quote cues
    ("Budi Santoso tiba di lokasi.\n\n“Kami anggap ada 61 korban,” sambungnya.", [("Budi Santoso", "direct")]),
])
def test_institutions_data_and_modals(text, expected):
    assert statements(text) == expected


def test_sejak_after_a_count_is_no_unit():
    assert estimates("Kasus campak di Garut mencapai 1.548 sejak Januari.") == [(1548, "cases")]


@pytest.mark.parametrize("text, expected", [
    # a fate after the unit's names still re-assigns it
    ("BNPB mengungkap setidaknya 100 tentara Korea Utara (Korut) tewas.", [(100, "killed")]),
    ("Polda: 600 Tentara Korut Tewas, 410 Terluka", [(600, "killed"), (410, "injured")]),
    # a kind of people (troops, a crowd) never re-assigns another's unit
    ("Polda Jabar menyiapkan 4.531 personel gabungan untuk mengamankan aksi unjuk rasa.", [(4531, "troops")]),
    ("Sebanyak 1.000 massa dikerahkan ke DPR.", [(1000, "crowd")]),
    # negative: a fate cue still does
    ("Sebanyak 300 demonstran ditangkap polisi.", [(300, "arrested")]),
])
def test_a_kind_of_people_never_re_assigns_a_unit(text, expected):
    assert estimates(text) == expected


BMKG = Gazetteer(frame([
    dict(actor_id="bmkg", name="BMKG", kind="organization", role="weather agency", affiliation="Indonesia",
         aliases="Badan Meteorologi, Klimatologi, dan Geofisika; BMKG"),
    dict(actor_id="bnpb", name="BNPB", kind="organization", role="disaster agency", affiliation="Indonesia",
         aliases="BNPB"),
], "actors"))


@pytest.mark.parametrize("text, expected", [
    # a listed name holding ", dan" is one speaker; its content starts after the acronym
    ("Berdasarkan laporan dari Badan Meteorologi, Klimatologi, dan Geofisika (BMKG), gempa "
     "berpusat di darat.", [("BMKG", "gempa berpusat di darat")]),
    ("Badan Meteorologi, Klimatologi, dan Geofisika (BMKG) mengatakan gempa berpusat di darat.",
     [("BMKG", "gempa berpusat di darat")]),
    # the listed actor after a lead clause speaks, not the capitalised word opening it
    ("Bukan hanya itu saja, BNPB juga menyampaikan bahwa jalan terputus.", [("BNPB", "jalan terputus")]),
    # negative: two listed actors coordinated are two speakers
    ("BNPB dan BMKG mengatakan jalan terputus.", [("BNPB", "jalan terputus"), ("BMKG", "jalan terputus")]),
])
def test_listed_institution_names(text, expected):
    rows = annotate_article(dict(article_id="t", text=text, published=PUB, language="id"), BMKG)["statements"]
    assert [(r["speaker"], r["text"]) for r in rows] == expected


@pytest.mark.parametrize("text, expected", [
    # a title-case institution with "dan" after a post-quote cue is one phrase
    ("“Jalan terputus,” ujar Kepala Pusat Data Informasi dan Komunikasi Kebencanaan BNPB, Budi Santoso.",
     [("Budi Santoso", "direct")]),
    ("Kepala Pusat Data, Informasi, dan Komunikasi Kebencanaan BNPB Budi Santoso mengatakan 20 orang tewas.",
     [("Budi Santoso", "indirect")]),
    # a place after a preposition is never the name; a known place ends it
    ("Kim Byung-kee dari Partai Demokrat mengatakan hal itu.", [("Kim Byung-kee", "indirect")]),
    ("Duta Besar Rusia untuk Indonesia Sergei Tolchenov mengatakan hal itu.", [("Sergei Tolchenov", "indirect")]),
    # negative: "dan" between a speaker and a second verb still ends the phrase
    ("“Jalan terputus,” kata Budi Santoso dan menambahkan bahwa 20 orang tewas.",
     [("Budi Santoso", "direct"), ("Budi Santoso", "indirect")]),
])
def test_institution_titles_and_places_in_speaker_phrases(text, expected):
    assert statements(text) == expected


def test_a_body_stays_a_death_whatever_is_done_with_it():
    assert estimates("Sebanyak 50 jenazah dievakuasi ke rumah sakit.") == [(50, "killed")]
    assert estimates("Sebanyak 12 tahanan tewas dalam kebakaran.") == [(12, "killed")]  # a fate still applies


def test_list_items_after_a_colon_keep_the_source_of_their_intro():
    text = ("Banjir di Sumatra\n\n"
            "Data BNPB menyebut total warga terdampak adalah 3,3 juta jiwa, terdiri dari:\n\n"
            "Aceh: 1,5 juta terdampak\n\nSumatera Barat: 141.800 terdampak\n\n"
            "Jalan di Padang masih terputus sejak pagi tadi dan sedikitnya 20 rumah warga rusak berat.")
    got = [(r["value"], r["claimant"]) for r in run(text)["estimates"]]
    assert got[:3] == [(3_300_000, "BNPB"), (1_500_000, "BNPB"), (141_800, "BNPB")]
    assert pd.isna(got[3][1])  # negative: a long paragraph after the list is no item of it


@pytest.mark.parametrize("text, claimant", [
    ("BNPB Pastikan Korban Tewas Gempa 335 Orang\n\nJakarta - Gempa terjadi pada Senin.", "BNPB"),
    ("335 Orang Tewas Akibat Gempa: BNPB\n\nJakarta - Gempa terjadi pada Senin.", "BNPB"),
])
def test_headline_claimants(text, claimant):
    assert [r["claimant"] for r in run(text)["estimates"]] == [claimant]


@pytest.mark.parametrize("text, expected", [
    # a speech verb with a plain object is an act, not a statement; its doer is "ia" next
    ("Bupati Rina Wati menyampaikan belasungkawa mendalam. Ia menyebut 20 rumah rusak.",
     [("Rina Wati", "20 rumah rusak")]),
    ("Menkes Budi Santoso meminta penanganan cepat.", []),
    # negatives: a clause after the verb is what was said
    ("Menkes Budi Santoso meminta agar warga tetap tenang.", [("Budi Santoso", "agar warga tetap tenang")]),
    ("BNPB menyampaikan bahwa jalan terputus.", [("BNPB", "jalan terputus")]),
])
def test_a_plain_object_is_no_statement(text, expected):
    assert [(r["speaker"], r["text"]) for r in run(text)["statements"]] == expected


@pytest.mark.parametrize("text", ["Data dari BNPB menyebut 20 orang tewas.",
                                  "Data resmi dari BNPB menyebut 20 orang tewas."])
def test_data_from_a_source_is_its_statement(text):
    assert statements(text) == [("BNPB", "indirect")]
