"""Rules found on the sixth collection's dev half (a fuel-depot fire in Indonesian, a tower fire
in English): a "menurut X" frame whose content is a document's finding, corrections as speech,
a pronoun speaking "with" others, treatment as an injury in a fire and as a case in an
outbreak, hospitals that are no houses, money in any currency, clock times, idioms with a
number word, and a fate verb right before a count of any noun. Every sentence is written here.
"""
from __future__ import annotations

import pandas as pd
import pytest

from helpers import schema
from helpers.actors import Gazetteer
from helpers.extract import annotate_article

PUB = pd.Timestamp("2025-11-28")
GAZ = Gazetteer(None)


def run(text, lang, gaz=GAZ):
    return annotate_article(dict(article_id="t", text=text, published=PUB, language=lang), gaz)


def gazetteer(*actors):
    """A gazetteer of (actor_id, name, kind, role, affiliation, aliases) rows."""
    cols = ("actor_id", "name", "kind", "role", "affiliation", "aliases")
    return Gazetteer(schema.frame([dict(zip(cols, a)) for a in actors], "actors"))


def who(rows, field):
    """Each row's listed actor id for ``field`` (speaker, claimant), else its name, else None."""
    return [r[f"{field}_id"] if not pd.isna(r[f"{field}_id"]) else None if pd.isna(r[field]) else r[field]
            for r in rows]


def said(text, lang):
    return [(r["speaker"], r["verb"].lower()) for r in run(text, lang)["statements"]]


def figures(text, lang):
    return [(r["value"], r["measure"]) for r in run(text, lang)["estimates"]]


@pytest.mark.parametrize("text, lang, expected", [
    # "Menurut X, data terbaru menunjukkan bahwa …": X speaks; a person's clause still decides
    ("Menurut Rudi Hartono, data terbaru menunjukkan bahwa jumlah korban tewas adalah 13 orang.", "id",
     [("Rudi Hartono", "menurut")]),
    ("Menurut Rudi Hartono, laporan sementara menunjukkan bahwa api sudah padam.", "id",
     [("Rudi Hartono", "menurut")]),
    ("Menurut Rudi Hartono, Sinta Dewi menyebut api sudah padam sejak pagi.", "id",
     [("Sinta Dewi", "menyebut")]),
    # correcting a figure is saying something
    ("Kepala Dinas Damkar, Rudi Hartono, mengoreksi jumlah korban kebakaran di gudang itu.", "id",
     [("Rudi Hartono", "mengoreksi")]),
    ("Polisi meralat jumlah korban luka menjadi 20 orang.", "id", [("Polisi", "meralat")]),
    # an institution whose name holds "dan", then a place, then the person: one speaker
    ("Kepala Suku Dinas Penanggulangan Kebakaran dan Penyelamatan Jakarta Utara Rudi Hartono "
     "mengatakan api sudah padam.", "id", [("Rudi Hartono", "mengatakan")]),
    # negatives: two titled people are two speakers; studying data is no speech
    ("Kapolres Budi Santoso dan Dandim Joko Susilo mengatakan api sudah padam.", "id",
     [("Budi Santoso", "mengatakan"), ("Joko Susilo", "mengatakan")]),
    ("Tim forensik masih meneliti data korban di rumah sakit.", "id", []),
])
def test_according_frames_and_corrections(text, lang, expected):
    assert said(text, lang) == expected


@pytest.mark.parametrize("text, lang, expected", [
    ("“Api sudah padam,” kata Rudi Hartono.\nDia beserta seluruh jajaran dinas menyampaikan "
     "belasungkawa kepada keluarga korban.", "id", ["Rudi Hartono", "Rudi Hartono"]),
    ("“The fire is out,” said Mary Chan.\nShe, along with her deputies, told reporters that "
     "the search would go on.", "en", ["Mary Chan", "Mary Chan"]),
    # negative: a name, not a pronoun, before "bersama" speaks as named
    ("“Api sudah padam,” kata Rudi Hartono.\nSinta Dewi bersama warga menyebut api muncul dari gudang.",
     "id", ["Rudi Hartono", "Sinta Dewi"]),
])
def test_a_pronoun_with_company_is_its_referent(text, lang, expected):
    assert [s for s, _ in said(text, lang)] == expected


@pytest.mark.parametrize("text, lang, expected", [
    # being treated: injured in a fire …
    ("Ada 35 korban yang saat ini dirawat, di RS Koja ada tiga orang dan Rumah Sakit Tugu dua orang.",
     "id", [(35.0, "injured"), (3.0, "injured"), (2.0, "injured")]),
    ("As of noon, 66 people remained in hospital, with 15 in critical condition.", "en",
     [(66.0, "injured"), (15.0, "injured")]),
    # … cases in an outbreak or a poisoning, where the article counts cases
    ("Sebanyak 120 siswa mengalami keracunan. Dari jumlah itu, 16 orang dirawat di puskesmas.", "id",
     [(120.0, "cases"), (16.0, "cases")]),
    ("Some 40 new cases were confirmed, and 12 patients were hospitalized on Monday.", "en",
     [(40.0, "cases"), (12.0, "cases")]),
    # negative: a hospital is no damaged house; nothing here counts people
    ("Rumah Sakit Koja menyiapkan dua ruang isolasi.", "id", []),
])
def test_treatment_and_hospitals(text, lang, expected):
    assert figures(text, lang) == expected


@pytest.mark.parametrize("text, lang, expected", [
    ("The government will pay HK$10,000 to each of the 300 displaced families.", "en", [(300.0, "displaced")]),
    ("Pemerintah memberi santunan SGD 5.000 kepada keluarga korban.", "id", []),
    ("Officials will pay S$2,000 in aid, and 200 people were evacuated.", "en", [(200.0, "displaced")]),
    ("He lost contact with his team at around 3.30pm, and 12 people were killed.", "en", [(12.0, "killed")]),
    ("By 11:45 a.m. on Friday, four people had died.", "en", [(4.0, "killed")]),
    ("Residents watched the towers catch fire one by one, and 44 people died.", "en", [(44.0, "killed")]),
    ("Jenazah dievakuasi satu per satu dari lokasi; 17 orang tewas.", "id", [(17.0, "killed")]),
    # negatives the other way: a count right after the time and a real "one" stay counts
    ("One person was killed in the blaze.", "en", [(1.0, "killed")]),
])
def test_money_times_and_idioms_count_nothing(text, lang, expected):
    assert figures(text, lang) == expected


@pytest.mark.parametrize("text, lang, expected", [
    ("Police arrested two male directors of the contractor.", "en", [(2.0, "arrested")]),
    ("Polisi menangkap tiga pengurus yayasan itu.", "id", [(3.0, "arrested")]),
    ("The explosion killed two firefighters.", "en", [(2.0, "killed")]),
    # negatives: a formation, weapons, a group cue or a damage cue before a noun
    ("Pasukan itu kehilangan satu batalion dalam pertempuran.", "id", []),
    ("Police recovered more than 100 guns looted from the station.", "en", []),
    ("The army sent two letters to the mayor.", "en", []),
    ("The storm destroyed two bridges.", "en", []),
])
def test_a_fate_verb_right_before_a_count(text, lang, expected):
    assert figures(text, lang) == expected


@pytest.mark.parametrize("text, lang, expected", [
    # "<lead>, kata X, <content>": the cue between an opening adverbial and what was said
    ("Pada pekan sebelumnya, kata Sinta Dewi, tercatat sebanyak 455 kematian akibat penyakit itu.", "id",
     [("Sinta Dewi", "tercatat sebanyak 455 kematian akibat penyakit itu")]),
    ("“Kami siap,” kata Sinta Dewi. Pada Senin, ujarnya, jumlah pengungsi mencapai 300 orang.", "id",
     [("Sinta Dewi", "Kami siap"), ("Sinta Dewi", "jumlah pengungsi mencapai 300 orang")]),
    ("“We are ready,” Mary Chan said. Last week, she said, 455 people died.", "en",
     [("Mary Chan", "We are ready"), ("Mary Chan", "455 people died")]),
    # negatives: a lead and a cue with no content after it; a pronoun with nobody before it
    ("Pada Senin, kata dia.", "id", []),
    ("Last week, she said, 455 people died.", "en", []),
])
def test_a_cue_inside_the_sentence_after_its_lead(text, lang, expected):
    assert [(r["speaker"], r["text"]) for r in run(text, lang)["statements"]] == expected


SOURCES = gazetteer(
    ('bpbd', 'BPBD Kota', 'organization',
     'disaster agency', 'Indonesia', 'BPBD Kota; Badan Penanggulangan Bencana Daerah Kota'),
    ('moh', 'Health Ministry', 'organization', 'ministry', 'Norland', 'Health Ministry; the health ministry'),
)


@pytest.mark.parametrize("text, lang, expected", [
    ("Informasi yang dihimpun dari BPBD Kota, tercatat ada 17 korban meninggal dunia.", "id", ["bpbd"]),
    ("Lokasi pengungsian berdasarkan data sementara BPBD Kota yakni Masjid Raya (132 jiwa).", "id", ["bpbd"]),
    ("Jumlah pengungsi yang terdata di BPBD Kota sebanyak 1.403 orang.", "id", ["bpbd"]),
    ("Some 40 people were hospitalized, according to figures from the health ministry.", "en", ["moh"]),
    # negatives: a record of nobody listed, and a document alone, name no claimant
    ("Jumlah pengungsi yang terdata di posko sebanyak 1.403 orang.", "id", [None]),
    ("Berdasarkan data sementara, 17 orang meninggal dunia.", "id", [None]),
])
def test_the_source_of_a_figure_named_after_a_document(text, lang, expected):
    rows = run(text, lang, SOURCES)["estimates"]
    assert who(rows, "claimant") == expected


NAMED = gazetteer(
    ('kenya', 'Kenya', 'government', 'country', 'Kenya', 'Kenya'),
    ('murk', 'Kip Murk', 'person',
     'Interior Cabinet Secretary (interior minister)', 'Kenya', 'Kip Murk; Murk'),
    ('norland', 'Norland', 'government', 'country', 'Norland', 'Norland'),
    ('moko', 'Gil Moko', 'person', 'Norland health minister', 'Norland', 'Gil Moko; Moko'),
    ('lee', 'John Lee', 'person',
     'Chief Executive of the territory', 'Norland', 'John Lee; John Lee Ka-chiu'),
)


@pytest.mark.parametrize("text, expected", [
    ("Kenya’s interior minister accused protesters of trying to topple the government.", ["murk"]),
    ("Twenty-one cases were recorded in Norland, the country’s health minister told state television.", ["moko"]),
    ("John Lee Ka-chiu, chief executive of the Harbour Special Administrative Region, announced a relief fund.",
     ["lee"]),
    ("Two died at the hospital, according to doctors there who spoke on condition of anonymity.",
     ["doctors there"]),
    # negatives: a country's office nobody listed holds; a spokesman named after his boss speaks
    ("Norland’s finance minister said the fund was ready.", ["norland"]),
    ("Lee spokesman Andy Wong said the fund was open.", ["Andy Wong"]),
])
def test_offices_and_appositions_name_their_holder(text, expected):
    rows = run(text, "en", NAMED)["statements"]
    assert who(rows, "speaker") == expected


@pytest.mark.parametrize("text, lang, expected", [
    # a speech verb as an adjective after a preposition says nothing
    ("Police have arrested 21 people so far, including 15 for alleged manslaughter.", "en", []),
    ("Smith said the toll rose and alleged that the police lied.", "en", [("Smith", "said"), ("Smith", "alleged")]),
    # "…, X said and added …": the speaker after the comma speaks twice
    ("The toll rose to 40, the police said and added that three were missing.", "en",
     [("police", "said"), ("police", "added")]),
    ("Jumlah korban naik menjadi 40 orang, kata polisi dan menambahkan tiga orang hilang.", "id",
     [("polisi", "kata"), ("polisi", "menambahkan")]),
    # negative: a subject before both verbs stays the speaker of both
    ("Kepala BPBD Budi Santoso mengatakan banjir surut dan menambahkan tiga orang hilang.", "id",
     [("Budi Santoso", "mengatakan"), ("Budi Santoso", "menambahkan")]),
])
def test_second_verbs_and_adjectival_verbs(text, lang, expected):
    assert said(text, lang) == expected


@pytest.mark.parametrize("text, lang, expected", [
    # under treatment: cases where the article counts cases, else the injured
    ("Sebanyak 57 pasien tercatat, 28 di antaranya meninggal dunia, 22 dalam proses pengobatan.", "id",
     [(57.0, "cases"), (28.0, "killed"), (22.0, "cases")]),
    # stages, ranks and offices count nobody
    ("Pasien itu sudah masuk stadium 3 saat dirujuk, dan 12 pasien lain meninggal.", "id", [(12.0, "killed")]),
    ("Jenderal bintang dua itu menyebut kasus ditangani empat direktorat.", "id", []),
    # a cue after "dan" with a new subject belongs to another clause …
    ("Korban meninggal bertambah dari 14 orang menjadi 16 orang dan semua sudah dievakuasi.", "id",
     [(14.0, "killed"), (16.0, "killed")]),
    # … not when "and" joins two nouns of one subject
    ("Over 500 civilians and police officers were wounded.", "en", [(500.0, "injured")]),
])
def test_treatment_stages_and_clauses(text, lang, expected):
    assert figures(text, lang) == expected


@pytest.mark.parametrize("text, lang, expected", [
    # a list of people after a counted figure goes on counting the same
    ("Officials said 245 bodies, including 176 Indians, 49 Britons, one Canadian and 12 non-passengers, "
     "were handed over.", "en",
     [(245.0, "killed"), (176.0, "killed"), (49.0, "killed"), (1.0, "killed"), (12.0, "killed")]),
    ("The crash killed 270 people. Authorities have identified 251 of the 270 victims.", "en",
     [(270.0, "killed"), (251.0, "killed"), (270.0, "killed")]),
    # negatives: survivors end the list; a list of personnel is no list of the dead
    ("Dari warga terdampak, dua meninggal, 23 selamat, dan 21 masih dirawat.", "id",
     [(2.0, "killed"), (21.0, "injured")]),
    ("Polisi memeriksa 26 personel Polri, 3 panitia, dan 6 saksi.", "id", [(26.0, "troops")]),
    # the date in the attribution is no content: the person after the cue speaks
    ("At least 42 police officers were killed, said newly appointed Inspector General of Police (IGP) "
     "Md Mainul Islam yesterday.", "en", [(42.0, "killed")]),
    # an idiom with "one of the" counts nothing
    ("The crash was one of the world's worst air disasters, and 260 people died.", "en", [(260.0, "killed")]),
])
def test_lists_totals_and_idioms(text, lang, expected):
    assert figures(text, lang) == expected


def test_the_attributed_person_after_a_dated_cue_speaks():
    rows = run("At least 42 police officers were killed, said newly appointed Inspector General of Police "
               "(IGP) Md Mainul Islam yesterday.", "en")["statements"]
    assert [r["speaker"] for r in rows] == ["Md Mainul Islam"]


@pytest.mark.parametrize("text, expected", [
    # a closing mark typed as an opening one still closes the quotation
    ("“My brother was the breadwinner,“ said Rinal Christian, whose brother was on board. "
     "“So what happens next?”", [("Rinal Christian", "direct"), ("Rinal Christian", "direct")]),
    # a surname shaped like a nationality is a name after a first name …
    ("“We have no answer,” said Rinal Christian.", [("Rinal Christian", "direct")]),
    # … a nationality before a noun is not
    ("“We have no answer,” a South Korean official said.", [("South Korean official", "direct")]),
    ("“We have no answer,” an Indonesian official said.", [("Indonesian official", "direct")]),
])
def test_quotes_and_names_shaped_like_nationalities(text, expected):
    assert [(r["speaker"], r["kind"]) for r in run(text, "en")["statements"]] == expected


HEADS = gazetteer(
    ('india', 'India', 'government', 'country', 'India', 'India; New Delhi'),
    ('bnpb', 'BNPB', 'organization',
     'national disaster agency', 'Indonesia', 'BNPB; Badan Nasional Penanggulangan Bencana'),
)


@pytest.mark.parametrize("text, lang, expected", [
    # an institution whose name holds a country speaks as itself
    ("Seven people were killed, the Federation of All India Medical Association (FAIMA) said.", "en",
     ["Federation of All India Medical Association"]),
    # negative: the country alone speaks as the country
    ("India said 20 doctors were hurt.", "en", ["india"]),
])
def test_an_institution_named_after_a_country(text, lang, expected):
    rows = run(text, lang, HEADS)["statements"]
    assert who(rows, "speaker") == expected


@pytest.mark.parametrize("text, expected", [
    ("BNPB soal Korban Banjir Lahar Gunung Marapi: 61 Orang Tewas, 14 Hilang\nHujan turun sejak pagi.",
     ["bnpb", "bnpb"]),
    # negative: a headline that opens with no listed actor names no claimant
    ("Soal Korban Banjir Lahar Gunung Marapi: 61 Orang Tewas, 14 Hilang\nHujan turun sejak pagi.",
     [None, None]),
])
def test_a_long_headline_opening_with_an_actor(text, expected):
    rows = run(text, "id", HEADS)["estimates"]
    assert who(rows, "claimant") == expected


@pytest.mark.parametrize("text, lang, expected", [
    # hyphenated number words are one number, not a range
    ("Twenty-one cases of mpox have been recorded.", "en", [(21.0, "cases")]),
    ("Forty-two people died in the fire.", "en", [(42.0, "killed")]),
    ("Between 20-30 people were injured.", "en", [(25.0, "injured")]),
    # "N of the M places": places, so nothing
    ("There were 455 deaths and 14,479 infections in 25 of the 26 provinces.", "en",
     [(455.0, "killed"), (14479.0, "cases")]),
    # people on board are no toll by themselves
    ("The airline confirmed 241 fatalities among the 242 people on board.", "en", [(241.0, "killed")]),
    # damage in a fire: towers, kiosks, police stations
    ("Protesters torched two police stations on Tuesday.", "en", [(2.0, "damaged")]),
    ("Di Denpasar terdapat 474 kios dan ruko rusak akibat banjir.", "id", [(474.0, "damaged")]),
    # negatives: a neighbourhood number, and buildings with no damage word
    ("Puluhan rumah warga di RW 01 terendam banjir.", "id", []),
    ("The estate has eight towers and 2,000 flats.", "en", []),
])
def test_compound_numbers_totals_and_damage(text, lang, expected):
    assert [(v, m) for v, m in figures(text, lang)] == expected


@pytest.mark.parametrize("text, lang, expected", [
    # the victims of a deadly story are its dead, also in a paragraph of their own
    ("The crash killed 270 people.\nEfforts continue to identify the remaining 19 victims.", "en",
     [(270.0, "killed"), (19.0, "killed")]),
    ("Longsor itu menewaskan 20 warga.\nTim SAR menemukan satu korban di lokasi kedua.", "id",
     [(20.0, "killed"), (1.0, "killed")]),
    # … the victims of a poisoning are its cases
    ("Sebanyak 120 siswa mengalami keracunan.\nDi Jawa Tengah tercatat 347 korban.", "id",
     [(120.0, "cases"), (347.0, "cases")]),
    # negative: victims alone, with no other word of any measure, count nothing
    ("Relawan mendampingi 30 korban di posko.", "id", []),
])
def test_victims_count_what_the_story_counts(text, lang, expected):
    assert figures(text, lang) == expected


@pytest.mark.parametrize("text, expected", [
    # an acronym spelled like a relative pronoun is a name
    ("The World Health Organization (WHO) said on Saturday that nearly 4,000 victims were identified.",
     ["World Health Organization (WHO)"]),
    ("The WHO said on Saturday that 4,000 victims were identified.", ["WHO"]),
    ("The official, who spoke on condition of anonymity, said 20 people died.", ["official"]),
    # "…, said X" with an affiliation or a participle after the name
    ("The last rescue was made on Friday, said Jonathan Lamb with the weather service.", ["Jonathan Lamb"]),
    ("The toll rose, said Mary Chan, adding that 40 were missing.", ["Mary Chan", "Mary Chan"]),
    # negative: what follows the name is what was said
    ("The agency said Mary Chan would lead the search.", ["agency"]),
])
def test_acronyms_and_post_verb_names(text, expected):
    assert [s for s, _ in said(text, "en")] == expected


@pytest.mark.parametrize("text, expected", [
    # a pronoun claims a figure for whom it refers to, else for nobody (never for "Dia")
    ("Dia menambahkan, sedikitnya 500 personel dikerahkan untuk membantu evakuasi.", [None]),
    ("“Kami siap,” kata Budi Santoso. Dia menambahkan, sedikitnya 500 personel dikerahkan.", ["Budi Santoso"]),
])
def test_a_pronoun_claimant_is_resolved_or_nobody(text, expected):
    rows = run(text, "id")["estimates"]
    assert [None if pd.isna(r["claimant"]) else r["claimant"] for r in rows] == expected


@pytest.mark.parametrize("text, lang, expected", [
    # "Menurut X, <someone nobody can name> menyebut …": X speaks
    ("Menurut Abdul Muhari, tim petugas di lapangan menyebut kondisi banjir mulai surut.", "id",
     [("Abdul Muhari", "menurut")]),
    ("Kementerian Kesehatan memberikan keterangan terkini terkait jumlah kasus.", "id",
     [("Kementerian Kesehatan", "memberikan keterangan")]),
    # negative: a named person's own clause decides
    ("Menurut Abdul Muhari, Budi Santoso menyebut kondisi banjir mulai surut.", "id",
     [("Budi Santoso", "menyebut")]),
])
def test_according_frames_with_unnamed_clauses(text, lang, expected):
    assert said(text, lang) == expected


@pytest.mark.parametrize("text, expected", [
    # a long relative clause between the name and the verb does not hide the speaker
    ("\"Our protest will continue,\" Sarwar Tushar, who joined a march in the capital and was hurt when "
     "police dispersed it, told AFP.", ["Sarwar Tushar"]),
    ("“We will rebuild,” the mayor, who lost her own home in the fire and has slept in a shelter since "
     "Tuesday, said.", ["mayor"]),
])
def test_quote_attribution_with_a_relative_clause(text, expected):
    assert [s for s, _ in said(text, "en")] == expected


@pytest.mark.parametrize("text, expected", [
    # "the <role>" after an unlisted person was introduced with that role in apposition
    ("Zunaid Ahmed Palak, State Minister for telecommunications, made the announcement.\n"
     "“We have decided to restore the network,” the state minister said.", ["Zunaid Ahmed Palak"]),
    # negative: nobody introduced with the role: the role speaks
    ("“We will rebuild,” the state minister said.", ["state minister"]),
])
def test_a_role_points_back_to_the_unlisted_person_it_introduced(text, expected):
    assert [s for s, _ in said(text, "en")] == expected


CARRIER = gazetteer(
    ('air_x', 'Air Norland', 'organization', 'airline operating flight NX1', 'Norland', 'Air Norland'),
    ('maker', 'Planeco', 'organization', 'aircraft maker', 'Norland', 'Planeco'),
)


@pytest.mark.parametrize("text, expected", [
    # "the airline" after the airline was named: its gazetteer role says what it is
    ("Air Norland said the plane carried 242 people. The airline had earlier confirmed 241 deaths.",
     ["air_x", "air_x"]),
    # negative: a noun the role of no one mentioned holds stays a description
    ("Planeco said it would help. The airline said nothing more.", ["maker", "airline"]),
])
def test_an_organisation_noun_points_back_by_role(text, expected):
    rows = run(text, "en", CARRIER)["statements"]
    assert who(rows, "speaker") == expected


@pytest.mark.parametrize("text, lang, expected", [
    # the institution whose figures or record a figure comes from claims it
    ("The health ministry's figures showed 320 people had been hospitalised.", "en", ["health ministry"]),
    ("The toll, provided by the civil defence agency, stood at 82.", "en", ["civil defence agency"]),
    # negatives: residents are no institution; a shelter is no source
    ("The toll, provided by residents, stood at 82.", "en", [None]),
    ("Jumlah pengungsi yang terdata di posko sebanyak 1.403 orang.", "id", [None]),
])
def test_an_unlisted_institution_as_the_source_of_a_figure(text, lang, expected):
    rows = run(text, lang)["estimates"]
    assert [None if pd.isna(r["claimant"]) else r["claimant"] for r in rows] == expected


@pytest.mark.parametrize("text, expected", [
    # an office abbreviation and its agency speak as that office
    ("“Korban meninggal 13 orang,” ungkap Kapusdatinkom BNPB.", ["Kapusdatinkom BNPB"]),
    ("“Korban meninggal 13 orang,” ungkap Kapusdatinkom BNPB Abdul Muhari.", ["Abdul Muhari"]),
    # negative: a lone capitalised word is nobody
    ("“Korban meninggal 13 orang,” ungkap Kemarin.", []),
])
def test_an_office_abbreviation_with_its_agency(text, expected):
    assert [s for s, _ in said(text, "id")] == expected
