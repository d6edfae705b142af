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
    dict(actor_id="iran", name="Iran", kind="government", role="country", affiliation="Iran",
         aliases="Iran"),
    dict(actor_id="senegal", name="Senegal", kind="government", role="country", affiliation="Senegal",
         aliases="Senegal"),
], "actors")
GAZ = Gazetteer(ACTORS)
PUB = pd.Timestamp("2025-07-08")


def speakers(text, lang):
    rows = annotate_article(dict(article_id="t", text=text, published=PUB, language=lang), GAZ)
    return [r["speaker"] for r in rows["statements"]]


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
])
def test_the_role_is_its_holder(text, expected):
    assert speakers(text, "en") == expected
