"""Speakers named by their title first, lists of speakers, and a bare role that points back to
its holder: rules found on the third collection's dev half (ferry, landslide, school-meal
poisoning, Texas floods, Hajj heat deaths). Every sentence here is written for the test.
"""
from __future__ import annotations

import pandas as pd
import pytest

from helpers import schema
from helpers.actors import Gazetteer
from helpers.extract import annotate_article

ACTORS = schema.frame([
    dict(actor_id="ana_gubernur", name="Ana Lestari", kind="person", role="Governor of the state",
         affiliation="Indonesia", aliases="Ana Lestari; Lestari"),
    dict(actor_id="bob_deputy", name="Bob Carter", kind="person", role="Lieutenant Governor of the state",
         affiliation="United States", aliases="Bob Carter; Carter"),
    dict(actor_id="cal_sheriff", name="Cal Ruiz", kind="person", role="County Sheriff",
         affiliation="United States", aliases="Cal Ruiz; Ruiz"),
    dict(actor_id="norland", name="Norland", kind="government", role="country", affiliation="Norland",
         aliases="Norland"),
    dict(actor_id="nna", name="NNA", kind="organization", role="Norland's state news agency",
         affiliation="Norland", aliases="NNA"),
    dict(actor_id="bpbd_utara", name="BPBD Utara", kind="organization", role="regional disaster agency",
         affiliation="Norland", aliases="BPBD Utara; BPBD Provinsi Utara; BPBD Jawa Tengah"),
    dict(actor_id="bpbd_selatan", name="BPBD Selatan", kind="organization", role="regional disaster agency",
         affiliation="Norland", aliases="BPBD Selatan"),
    dict(actor_id="iran", name="Iran", kind="government", role="country", affiliation="Iran",
         aliases="Iran"),
    dict(actor_id="senegal", name="Senegal", kind="government", role="country", affiliation="Senegal",
         aliases="Senegal"),
], "actors")
GAZ = Gazetteer(ACTORS)
PUB = pd.Timestamp("2025-07-08")


def run(text, lang, gaz=GAZ):
    return annotate_article(dict(article_id="t", text=text, published=PUB, language=lang), gaz)


def speakers(text, lang, gaz=GAZ):
    return [r["speaker"] for r in run(text, lang, gaz)["statements"]]


@pytest.mark.parametrize("text, lang, expected", [
    # a title, then its holder's name after a comma: the person speaks, not the office or place
    ("Menurut Kepala Kantor SAR Banyuwangi, Wahyu Setyo, kapal mengalami kebocoran pada ruang mesin.",
     "id", ["Wahyu Setyo"]),
    ("Menurut Direktur Operasi dan Kesiapsiagaan SAR, Ribut Santoso, tim sudah dikerahkan ke lokasi.",
     "id", ["Ribut Santoso"]),
    ("Menurut Kepala Dinas Sosial, Rina Wati, bantuan sudah tiba di lokasi pengungsian.",
     "id", ["Rina Wati"]),
    ("“Pengungsi sifatnya fluktuatif,” kata Kepala Bidang Kedaruratan BPBD, Muhammad Salim kepada wartawan.",
     "id", ["Muhammad Salim"]),
    ("According to the county sheriff, Dale Morrow, the search would go on through the night.",
     "en", ["Dale Morrow"]),
    # negatives: a place list after the comma is what was said; a name then a role stays the name
    ("Menurut juru bicara polisi, Jakarta Utara, Bekasi dan Depok sudah aman sejak pagi.",
     "id", ["juru bicara polisi"]),
    ("Menurut Joko Susilo, juru bicara Dewan Keamanan, pasukan itu sudah tiba di perbatasan.",
     "id", ["Joko Susilo"]),
    # a title with "dan" in it, then a rank and the holder's name: one person
    ("Sementara itu, Direktur Operasi dan Kesiapsiagaan SAR, Laksamana Muda TNI Ribut Santoso "
     "mengatakan posko sudah dibuka.", "id", ["Ribut Santoso"]),
    # an abbreviated first name does not end the sentence; a misspelt lead is no speaker
    ("Sekda Agam, Mhd. Lutfi, mengatakan tidak ada pasien yang terlantar.", "id", ["Mhd Lutfi"]),
    ("Disisi lain, BPBD memastikan bahwa logistik sudah tercukupi.", "id", ["BPBD"]),
    # an agency releasing data speaks
    ("BPBD merilis data sementara mengenai dampak longsor.", "id", ["BPBD"]),
    # an acronym in brackets and a rank abbreviation inside the title do not end it
    ("“Kasus naik,” kata Kabid Pencegahan dan Pengendalian Penyakit (P2P) Dinas Kesehatan, Irma Sari.",
     "id", ["Irma Sari"]),
    ("“Kasus naik,” kata Kepala Biro Penerangan Masyarakat (Karopenmas) Polri Brigjen Pol. Tri Wisnu "
     "di Jakarta.", "id", ["Tri Wisnu"]),
    ("“Kami siap,” kata Budi (45), warga setempat.", "id", ["Budi"]),
    # a listed one-word alias ending someone else's name is not that actor; its own full name is
    ("Salah satu orang tua pasien, Muhamad Kholid Lestari mengatakan anaknya demam.", "id",
     ["Muhamad Kholid Lestari"]),
    ("Ana Lestari mengatakan anaknya demam.", "id", ["Ana Lestari"]),
    ("Gubernur Lestari mengatakan anaknya demam.", "id", ["Ana Lestari"]),
    # the words of an institution's name are no person's name; the institution speaks
    ("Dinas Kesehatan mencatat kasus naik.", "id", ["Dinas Kesehatan"]),
    ("Kepala Dinas Kesehatan Budi Santoso mengatakan kasus naik.", "id", ["Budi Santoso"]),
    ("Badan Pusat Statistik mencatat kenaikan harga.", "id", ["Badan Pusat Statistik"]),
    ("Posko Layanan Informasi mencatat 20 orang hilang.", "id", ["Posko Layanan Informasi"]),
    # the acronym in brackets then a place: the listed "BPBD Utara"
    ("Menurut data Badan Penanggulangan Bencana Daerah (BPBD) Jawa Tengah, dua korban ditemukan.", "id",
     ["BPBD Utara"]),
    # a relative clause after "Menurut X," is part of what X said
    ("Menurut Kepala Biro Komunikasi Kementerian, Siti Nadia, angka ini naik dibanding tahun lalu "
     "yang mencatat 20.502 kasus.", "id", ["Siti Nadia"]),
    ("Menurut Budi, Ani mengatakan kasus naik.", "id", ["Ani"]),
    # a weekday after "kata dia," is a date, never part of a name
    ("Ana Lestari tiba di lokasi. “Pencarian kami hentikan,” kata dia, Sabtu (5/10) malam.",
     "id", ["Ana Lestari"]),
])
def test_title_then_name(text, lang, expected):
    assert speakers(text, lang) == expected


@pytest.mark.parametrize("text, lang, expected", [
    # an agent after "confirmed by" speaks for an English passive, every name of a list
    ("Further deaths have been confirmed by Norland, Iran and Senegal, although causes were unclear.",
     "en", ["Norland", "Iran", "Senegal"]),
    ("New fatalities were confirmed by Norland and Iran on Friday.", "en", ["Norland", "Iran"]),
    ("Further deaths have been confirmed by Norland, Iran, Senegal, and the Kurdistan region.",
     "en", ["Norland", "Iran", "Senegal", "Kurdistan region"]),
    ("“Kami siap,” kata Budi, Ani dan Rina.", "id", ["Budi", "Ani", "Rina"]),
    # a date between the participle and "by"; an adverb before it; a determiner after "by"
    ("New fatalities were confirmed yesterday by Norland and Iran.", "en", ["Norland", "Iran"]),
    ("Deaths have also been confirmed by Norland and Senegal.", "en", ["Norland", "Senegal"]),
    ("The toll was confirmed by the health ministry on Sunday.", "en", ["health ministry"]),
    # a participle modifying a noun is no passive clause
    ("That is twice the number of cases reported by Norland last week.", "en", []),
    ("Photos released by Norland showed the site.", "en", []),
    # ... but the figures a source reported are its statement
    ("The latest numbers reported by Norland included 106 killed.", "en", ["Norland"]),
    # negatives: a passive without its agent, a passive of no speech, an active verb
    ("New fatalities were confirmed on Friday.", "en", []),
    ("The deal was signed by Norland and Iran.", "en", []),
    ("Norland confirmed 35 deaths on Friday.", "en", ["Norland"]),
    # "The X, Y and Z agency" is one institution, not three speakers
    ("The Meteorology, Climatology and Geophysics agency said the quake was shallow.",
     "en", ["Meteorology, Climatology and Geophysics agency"]),
])
def test_passive_agents_and_lists(text, lang, expected):
    assert speakers(text, lang) == expected


@pytest.mark.parametrize("text, expected", [
    ("Gov. Ana Lestari arrived in the county. The governor said the search would go on.",
     ["Ana Lestari"]),
    # the nearest holder of exactly that role: the lieutenant governor is not the governor
    ("Lt. Gov. Bob Carter spoke first. Gov. Ana Lestari arrived later. The governor said 97 people "
     "were missing.", ["Ana Lestari"]),
    ("Lt. Gov. Bob Carter spoke first. Gov. Ana Lestari arrived later. The lieutenant governor said "
     "the search would go on.", ["Bob Carter"]),
    ("Sheriff Cal Ruiz arrived at the camp. The sheriff said 27 people had died.", ["Cal Ruiz"]),
    # negatives: an indefinite "a governor", and a role nobody in the article holds
    ("Gov. Ana Lestari arrived. A governor said the search would go on.", ["governor"]),
    ("The mayor said the search would go on.", ["mayor"]),
    # a speech verb after a determiner is an adjective: "the updated number" reports nothing
    ("Gov. Ana Lestari arrived. The governor shared the updated number on Monday.", []),
    ("Ana Lestari said the updated number was 97.", ["Ana Lestari"]),
])
def test_the_role_is_its_holder(text, expected):
    assert speakers(text, "en") == expected


def figures(text, lang):
    rows = run(text, lang)
    return [(r["value"], r["measure"]) for r in rows["estimates"]]


@pytest.mark.parametrize("text, lang, expected", [
    # a person's age after their name is no count; a count after a place and a comma is
    ("Korban yang teridentifikasi adalah Anang Suryo (59), Eko Sastro (51), dan Cahya (45).", "id", []),
    ("Korban meninggal antara lain Julia Sari, 20; Maya Dewi, 15; serta Kasih, 47. Total 5 orang meninggal.",
     "id", [(5.0, "killed")]),
    ("Di Cilacap, 20 orang meninggal dunia.", "id", [(20.0, "killed")]),
    ("In Kerr County, 84 people died, and in Travis County, 7 died.", "en", [(84.0, "killed"), (7.0, "killed")]),
    # survivors and households are none of the measures; the dead beside them are
    ("Awalnya, tercatat 29 orang korban selamat, dengan 6 orang meninggal.", "id", [(6.0, "killed")]),
    ("Rinciannya, 30 korban selamat dan 6 orang meninggal dunia.", "id", [(6.0, "killed")]),
    ("Longsor menimpa 17 KK di dusun itu.", "id", []),
    ("Officials said 850 people were rescued and 27 people died.", "en", [(27.0, "killed")]),
    # poisoning victims are cases
    ("Sebanyak 86 siswa mengalami keracunan usai makan siang.", "id", [(86.0, "cases")]),
    ("Dinas mencatat 651 korban keracunan sejak Januari.", "id", [(651.0, "cases")]),
    # English: nationality before the noun, a people's name, dozens, "confirmed dead"
    ("The agency said at least 35 Norlandic pilgrims had died.", "en", [(35.0, "killed")]),
    ("Among the dead were 323 Egyptians and 60 Jordanians, a diplomat said.", "en",
     [(323.0, "killed"), (60.0, "killed")]),
    ("The toll included more than two dozen campers who died.", "en", [(24.0, "killed")]),
    ("More than 100 people are confirmed dead.", "en", [(100.0, "killed")]),
    ("To date, 132 people were confirmed to have died.", "en", [(132.0, "killed")]),
    ("The virus infected 1,300 people.", "en", [(1300.0, "cases")]),
    # a small number after "the death toll at" is a count, not a time; lives are the dead
    ("A report from NNA placed the death toll at 16, crediting officials.", "en", [(16.0, "killed")]),
    ("They met at 16 on Monday.", "en", []),
    ("The fires have claimed 10 lives so far.", "en", [(10.0, "killed")]),
    # an ordinal day of the search, places affected: no counts of people
    ("Tim SAR melaporkan hingga hari ke 12 pencarian, 3 orang masih hilang.", "id", [(3.0, "missing")]),
    ("Pada hari ke-4, 20 orang meninggal.", "id", [(20.0, "killed")]),
    ("The money went to the response in 14 affected nations and 300 affected people.", "en",
     [(300.0, "affected")]),
    # police stations are no police
    ("Protesters attacked nine police stations, and 300 police officers were deployed.", "en",
     [(300.0, "troops")]),
    # victims found in a search are the dead; cases found are cases; not yet found is missing
    ("Hingga siang, dua korban kembali ditemukan di sektor A.", "id", [(2.0, "killed")]),
    ("Enam korban yang ditemukan tersebut sudah dievakuasi.", "id", [(6.0, "killed")]),
    ("Ada 69 kasus yang ditemukan di kota itu.", "id", [(69.0, "cases")]),
    # "korban" counts the dead only where the article speaks of death; among poisoning victims
    # it counts cases, and with no other cue at all nothing
    ("JPPI mencatat 8.649 anak menjadi korban keracunan. Jumlah korban mencapai 3.289 orang.", "id",
     [(8649.0, "cases"), (3289.0, "cases")]),
    ("BPBD mencatat korban mencapai 56 orang. Sebanyak 20 orang meninggal dunia.", "id",
     [(56.0, "killed"), (20.0, "killed")]),
    ("Sebanyak 56 korban dirawat di puskesmas.", "id", [(56.0, "injured")]),  # treated: injured (cases where the article counts cases)
    ("Sebanyak 51 warga lainnya belum ditemukan.", "id", [(51.0, "missing")]),
    ("Sementara 3 orang lainnya masih belum diketahui keberadaannya.", "id", [(3.0, "missing")]),
    ("Di lokasi ini masih tersisa tiga orang yang belum tertemukan.", "id", [(3.0, "missing")]),
])
def test_counts_of_people(text, lang, expected):
    assert figures(text, lang) == expected


@pytest.mark.parametrize("text, lang, speaker, claimant", [
    # a tally is no claimant; the agency a country owns speaks, not the country
    ("Data sementara mencatat 86 orang terindikasi keracunan.", "id", None, None),
    ("Norland's state news agency NNA reported that 35 people had died.", "en", "NNA", "NNA"),
    # ", said X, who …": X said the sentence before the relative clause
    ("Five campers remain unaccounted for, said Sheriff Cal Ruiz, who updated the toll on Friday.",
     "en", "Cal Ruiz", "Cal Ruiz"),
])
def test_who_claims_a_count(text, lang, speaker, claimant):
    rows = run(text, lang)
    said = [r["speaker"] for r in rows["statements"]]
    assert said[:1] == ([speaker] if speaker else [])
    assert [None if pd.isna(r["claimant"]) else r["claimant"] for r in rows["estimates"]][:1] == [claimant]


def test_a_quotation_glued_to_the_full_stop_opens_a_sentence():
    from helpers.text import split_sentences

    text = 'Ia membuka posko untuk laporan masyarakat."Bagi keluarga yang hilang, lapor," kata Ribut.'
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "Ia membuka posko untuk laporan masyarakat.", '"Bagi keluarga yang hilang, lapor," kata Ribut.']
    closing = '"Kami siap."Namun dia pergi.'  # a closing mark glued to the next word splits nothing
    assert [closing[a:b] for a, b in split_sentences(closing)] == [closing]


@pytest.mark.parametrize("text, expected", [
    # a bare acronym after a listed actor whose alias it opens was mentioned: the nearest one
    ("BPBD Utara tiba di lokasi. BPBD mencatat 20 warga mengungsi.", ["BPBD Utara"]),
    ("BPBD Utara dan BPBD Selatan tiba. BPBD mencatat 20 warga mengungsi.", ["BPBD Selatan"]),
    # with no such actor mentioned, the acronym stays as written
    ("BPBD mencatat 20 warga mengungsi.", ["BPBD"]),
])
def test_a_bare_acronym_is_the_actor_mentioned(text, expected):
    assert speakers(text, "id") == expected


KE = schema.frame([
    dict(actor_id="rights_commission", name="Norland Commission on Human Rights", kind="organization",
         role="state rights watchdog", affiliation="Norland",
         aliases="Norland Commission on Human Rights; NCHR"),
    dict(actor_id="norland", name="Norland", kind="government", role="country", affiliation="Norland",
         aliases="Norland"),
    dict(actor_id="interior_minister", name="Kip Marto", kind="person",
         role="Interior Cabinet Secretary (interior minister)", affiliation="Norland",
         aliases="Kip Marto; Marto"),
    dict(actor_id="president", name="Will Rota", kind="person", role="President of Norland",
         affiliation="Norland", aliases="Will Rota; Rota"),
], "actors")


@pytest.mark.parametrize("text, expected", [
    # "<content>, <unlisted group> said/say" at the end, a trailing participle after it
    ("At least 38 people died last week, rights groups said.", ["rights groups"]),
    ("At least 38 people died last week, activists said.", ["activists"]),
    ("At least 38 people died last week, rights groups say, marking the deadliest day.", ["rights groups"]),
    # an organisation named in full, "on" inside its name; then "the commission" is it
    ("The Norland Commission on Human Rights on Monday said 16 people died.",
     ["Norland Commission on Human Rights"]),
    ("The Norland Commission on Human Rights raised the toll. The commission said 16 people had died.",
     ["Norland Commission on Human Rights", "Norland Commission on Human Rights"]),
    # a country's office: its listed holder, not the country
    ("Norland's Interior Minister has fiercely defended the police.", ["Kip Marto"]),
    ("Norland's president said the protests were a coup attempt.", ["Will Rota"]),
    # "X, Y, said <content>": the content is not a speaker after an inverted "said"
    ("Amnesty's director, Ina Oduya, said the president's comments were \"unlawful\".", ["Ina Oduya"]),
    # a listed actor after a clause break ("after") speaks, not the capitalised word opening the
    # sentence; a frame between the speaker and the verb stays a frame
    ("Confusion emerged after the Norland Commission on Human Rights over the weekend announced "
     "11,300 dead.", ["Norland Commission on Human Rights"]),
    ("The Norland Commission on Human Rights, after a meeting with the minister, said 30 were dead.",
     ["Norland Commission on Human Rights"]),
    # a state after the participle: "reported missing" reports nothing
    ("Twenty people reported missing remain unaccounted for, the commission added.", ["commission"]),
    # a participle after "said Thursday," says more; the speaker is before the verb
    ("Deaths in the region have surpassed 1,000, the head of the agency said Thursday, warning of "
     "a shortage of test kits.", ["head of the agency", "head of the agency"]),
    ("The police praised officers for their restraint, stating that 11 people had died.",
     ["police", "police"]),
])
def test_wire_speakers_of_a_protest(text, expected):
    assert speakers(text, "en", Gazetteer(KE)) == expected


def test_an_article_the_rules_trip_on_is_left_out_with_a_warning(monkeypatch):
    from helpers import extract, pipeline

    def broken(*args, **kwargs):
        raise IndexError("list index out of range")

    monkeypatch.setattr(extract, "extract_estimates", broken)
    arts = pd.DataFrame([dict(article_id="a1", text="Menurut BPBD, 20 orang meninggal.", published=PUB,
                              outlet="x", language="id")])
    with pytest.warns(UserWarning, match=r"article 'a1': the annotator failed on it \(IndexError"):
        ann = pipeline.annotate(arts, ACTORS, corrections=None)
    assert ann.statements.empty and ann.estimates.empty


@pytest.mark.parametrize("text, lang, expected", [
    # an unattributed quotation after an indirect statement continues its speaker
    ("Ana Lestari mengatakan tim sudah tiba di lokasi.\n“Kami bekerja siang dan malam.”", "id",
     [("Ana Lestari", "indirect"), ("Ana Lestari", "direct")]),
    ("Cal Ruiz said the search would go on. “We will not stop until everyone is found.”", "en",
     [("Cal Ruiz", "indirect"), ("Cal Ruiz", "direct")]),
    ("An Indian diplomat mentioned that some pilgrims were missing.", "en", [("Indian diplomat", "indirect")]),
    # a quotation with its own attribution keeps its own speaker
    ("Ana Lestari mengatakan tim sudah tiba.\n“Kami lelah,” kata Cal Ruiz.", "id",
     [("Ana Lestari", "indirect"), ("Cal Ruiz", "direct")]),
])
def test_a_quotation_continues_the_last_speaker(text, lang, expected):
    assert [(r["speaker"], r["kind"]) for r in run(text, lang)["statements"]] == expected
