"""English wire copy in the same tables: language per article, the English lexicon, the same
ids and columns, and an English and an Indonesian report of one claim in one repeat group.
Every text here is written for the test (wire style: datelines, attribution after the quote,
paraphrase chains, "officials said").
"""
from __future__ import annotations

import pandas as pd
import pytest

from helpers import pipeline, schema
from helpers.actors import Gazetteer
from helpers.corpus import detect_language
from helpers.extract import annotate_article

ACTORS = schema.frame([
    dict(actor_id="south_korea_nis", name="National Intelligence Service", kind="organization",
         role="South Korean spy agency", affiliation="South Korea",
         aliases="National Intelligence Service; NIS; South Korea's spy agency; badan intelijen Korea Selatan"),
    dict(actor_id="pentagon", name="Pentagon", kind="organization", role="US defense department",
         affiliation="United States", aliases="Pentagon; Department of Defense"),
    dict(actor_id="pat_ryder", name="Pat Ryder", kind="person", role="Pentagon press secretary",
         affiliation="United States", aliases="Pat Ryder; Ryder"),
    dict(actor_id="lee_min", name="Lee Min-ho", kind="person", role="lawmaker",
         affiliation="South Korea", aliases="Lee Min-ho; Lee Min Ho"),
    dict(actor_id="russia", name="Russia", kind="government", role="country", affiliation="Russia",
         aliases="Russia; Moscow; Kremlin; Rusia"),
], "actors")
GAZ = Gazetteer(ACTORS)
PUB = pd.Timestamp("2025-01-14")  # a Tuesday


def run(text):
    return annotate_article(dict(article_id="w", text=text, published=PUB, language="en"), GAZ)


def said(text):
    return [(r["speaker"], r["kind"]) for r in run(text)["statements"]]


def figures(text):
    return [(r["value"], r["qualifier"], r["measure"]) for r in run(text)["estimates"]]


@pytest.mark.parametrize("text, lang", [
    ("SEOUL, Jan 13 (Reuters) - North Korea has sent more troops to Russia, officials said.", "en"),
    ("Badan intelijen Korea Selatan mengatakan Korea Utara mengirim lebih banyak tentara.", "id"),
])
def test_language_per_article(text, lang):
    assert detect_language(text) == lang


# ----------------------------------------------------------------------------- statements
@pytest.mark.parametrize("text, expected", [
    ("“We are seeing more troops move south,” Ryder said.", [("Pat Ryder", "direct")]),
    ("“We are seeing more troops move south,” said Ryder.", [("Pat Ryder", "direct")]),
    ("“We are seeing more troops move south,” Pat Ryder, the Pentagon press secretary, said on Monday.",
     [("Pat Ryder", "direct")]),
    ("The Pentagon said on Monday that about 12,000 troops had arrived in the region.", [("Pentagon", "indirect")]),
    ("About 12,000 troops had arrived in the region, the Pentagon said.", [("Pentagon", "indirect")]),
    ("About 12,000 troops had arrived, Lee Min-ho told journalists on Friday following a meeting.",
     [("Lee Min-ho", "indirect")]),
    ("Lee Min-ho told reporters that 300 soldiers had been killed.", [("Lee Min-ho", "indirect")]),
    ("According to the NIS, about 300 soldiers have been killed.", [("National Intelligence Service", "indirect")]),
    ("Lee Min-ho, who sits on the intelligence committee, said the figure was rising.",
     [("Lee Min-ho", "indirect")]),
    ("The Kremlin denied the report.", [("Russia", "indirect")]),
    ("Kim Yong-su was quoted as saying the soldiers were well trained.", [("Kim Yong-su", "indirect")]),
    # a pronoun and a surname alone refer back
    ("Lee Min-ho spoke after the briefing. He said the troops were moving.", [("Lee Min-ho", "indirect")]),
    ("Lee Min-ho arrived in Seoul. Lee said the troops were moving.", [("Lee Min-ho", "indirect")]),
    # a dateline is never the speaker
    ("SEOUL, Jan 13 (Reuters) - The NIS said on Monday that 300 soldiers had been killed.",
     [("National Intelligence Service", "indirect")]),
    ("SEOUL: The NIS said 300 soldiers had been killed.", [("National Intelligence Service", "indirect")]),
])
def test_english_statements(text, expected):
    assert said(text) == expected


@pytest.mark.parametrize("text", [
    "About 2,000 soldiers were thought to have died in battle.",  # a passive: nobody's statement
    "The troops were reported missing near the border.",       # a passive
    "He did not say how many troops had arrived.",             # negated
    "Read more: North Korea says troops are in Russia",        # a link line
    "The NIS believes the troops will stay.",                   # belief is not speech
])
def test_no_english_statement(text):
    assert said(text) == []


# ----------------------------------------------------------------------------- figures
@pytest.mark.parametrize("text, expected", [
    ("The NIS said about 10,000 North Korean troops were in Russia.", [(10000, "about", "troops")]),
    ("More than 1,100 soldiers had been killed or injured, the NIS said.", [(1100, "at_least", "killed")]),
    ("Thousands of troops have arrived, officials said.", [(None, "vague", "troops")]),
    ("At least 100 people were killed and 700 injured in the quake.", [(100, "at_least", "killed"), (700, "exact", "injured")]),
    ("The death toll rose to 62, the agency said.", [(62, "exact", "killed")]),
    ("Police arrested 351 people during the protest.", [(351, "exact", "arrested")]),
    ("Some 5,000 people were evacuated to shelters.", [(5000, "about", "displaced")]),
    ("Between 10,000 and 12,000 troops have been sent.", [(11000, "about", "troops")]),
    ("As many as 3,000 soldiers were captured.", [(3000, "up_to", "arrested")]),
    ("The number of confirmed cases rose to 1,111.", [(1111, "exact", "cases")]),
])
def test_english_figures(text, expected):
    got = [(None if pd.isna(v) else v, q, m) for v, q, m in figures(text)]
    assert got == expected


@pytest.mark.parametrize("text", [
    "The quake had a magnitude of 5.6 and a depth of 10 km.",
    "The aid package is worth $2 billion.",
    "The talks lasted three days in October 2024.",
    "About 40 percent of the area was flooded.",
    "North Korea fired 10 missiles on Monday.",
])
def test_english_not_counts(text):
    assert figures(text) == []


def test_english_and_indonesian_reports_of_one_claim_share_a_repeat_group():
    arts = pd.DataFrame([
        dict(article_id="en1", text="The NIS said 300 soldiers had been killed.", language="en"),
        dict(article_id="id1", text="Badan intelijen Korea Selatan mengatakan 300 tentara tewas.", language="id"),
    ]).assign(published=PUB, outlet=None, duplicate_of=pd.NA)
    est = pipeline.annotate(arts, ACTORS, corrections=None).estimates
    assert est["claimant_id"].tolist() == ["south_korea_nis", "south_korea_nis"]
    assert est["measure"].tolist() == ["killed", "killed"]
    assert est["repeat_group"].nunique() == 1


# ----------------------------------------------------------------------------- whole wire stories
WIRE_ACTORS = pd.concat([ACTORS, schema.frame([
    dict(actor_id="bnpb", name="BNPB", kind="organization", role="disaster agency",
         affiliation="Indonesia", aliases="BNPB; national disaster agency"),
    dict(actor_id="budi_santoso", name="Budi Santoso", kind="person", role="BNPB spokesman",
         affiliation="Indonesia", aliases="Budi Santoso; Budi"),
], "actors")], ignore_index=True)
WIRE = {  # file: (statements as (speaker, kind), figures as (value, measure, claimant))
    "wire_a": ([("National Intelligence Service", "indirect"), ("Lee Min-ho", "direct"),
                ("National Intelligence Service", "indirect"), ("Pentagon", "indirect"),
                ("Pat Ryder", "direct"), ("Pat Ryder", "direct"), ("Russia", "denies")],
               [(1100, "killed", "Seoul"), (1100, "killed", "National Intelligence Service"),
                (300, "killed", "National Intelligence Service"), (12000, "troops", "Pentagon")]),
    "wire_b": ([("BNPB", "indirect"), ("Budi Santoso", "indirect"), ("Budi Santoso", "direct"),
                ("Budi Santoso", "direct"), ("Officials", "indirect"), ("Rina Wati", "indirect")],
               [(62, "killed", None), (62, "killed", "BNPB"), (25, "missing", "BNPB"),
                (700, "injured", "Budi Santoso"), (5400, "displaced", "Budi Santoso"),
                (2200, "damaged", "Officials")]),
}


@pytest.mark.parametrize("name", sorted(WIRE))
def test_wire_stories_written_here(name):
    from pathlib import Path

    text = (Path(__file__).parent / "data" / "english" / f"{name}.txt").read_text(encoding="utf-8")
    got = annotate_article(dict(article_id=name, text=text, published=PUB, language=detect_language(text)),
                           Gazetteer(WIRE_ACTORS))
    want_st, want_est = WIRE[name]
    assert [(r["speaker"], r["stance"] if r["stance"] == "denies" else r["kind"]) for r in got["statements"]] == want_st
    assert [(r["value"], r["measure"], None if pd.isna(r["claimant"]) else r["claimant"])
            for r in got["estimates"]] == want_est
    head = [r for r in got["estimates"] if r["in_headline"]]
    assert len(head) == 1 and head[0]["start"] < text.index("\n")


@pytest.mark.parametrize("text, cited", [
    ("SEOUL, Jan 13 (Reuters) - The NIS said on Monday that 300 soldiers had been killed.", "Reuters"),
    ("JAKARTA (AP) — The NIS said 300 soldiers had been killed.", "AP"),
    ("The NIS said on Monday that 300 soldiers had been killed.", None),  # a weekday is no outlet
    ("Lee Min-ho told CNN that 300 soldiers had been killed.", "CNN"),
])
def test_cited_source_of_wire_copy(text, cited):
    rows = run(text)["statements"]
    assert [None if pd.isna(r["cited_source"]) else r["cited_source"] for r in rows] == [cited]


@pytest.mark.parametrize("text, speaker", [
    ("“The toll rose again,” the agency's deputy chief of data, Budi Santoso, said on Monday.", "Budi Santoso"),
    ("“The toll rose again,” Budi Santoso, the agency's deputy chief of data, said.", "Budi Santoso"),
    ("“The toll rose again,” said Pat Ryder.", "Pat Ryder"),
])
def test_a_name_in_apposition_speaks(text, speaker):
    assert [r["speaker"] for r in run(text)["statements"]] == [speaker]


def test_a_hundred_is_a_number():
    assert figures("At least 125 people were killed, and a hundred more were injured.") == \
        [(125, "at_least", "killed"), (100, "exact", "injured")]


@pytest.mark.parametrize("text, expected", [
    ("At least 162 people were killed, Lee Min-ho told reporters.",
     [("Lee Min-ho", "At least 162 people were killed")]),
    ("At least 162 people were killed, Lee Min-ho said.", [("Lee Min-ho", "At least 162 people were killed")]),
    ("A Pentagon spokesman, Pat Ryder, said 350 officers had been deployed.",
     [("Pat Ryder", "350 officers had been deployed")]),
])
def test_content_before_the_attribution(text, expected):
    assert [(r["speaker"], r["text"]) for r in run(text)["statements"]] == expected


def test_disputed_crowd_counts_keep_their_own_claimants():
    got = run("Police estimated the crowd at around 5,000, while organisers put it at 20,000.")
    assert [(r["value"], r["measure"], r["claimant"]) for r in got["estimates"]] == \
        [(5000, "crowd", "Police"), (20000, "crowd", "organisers")]


def test_a_date_after_the_verb_is_not_what_was_said():
    assert [r["text"] for r in run("The NIS said on Wednesday the soldiers had moved.")["statements"]] == \
        ["the soldiers had moved"]


# ----------------------------------------------------------------------------- wire copy (session 17)
@pytest.mark.parametrize("text, expected", [
    # a capitalised cue inside a name is no verb
    ("The United States Geological Survey said the quake was shallow.",
     [("United States Geological Survey", "indirect")]),
    # a place or group named before a common noun describes the speaker; it does not speak
    ("“We all ran out,” a Harbourtown resident told reporters.", [("Harbourtown resident", "direct")]),
    ("The Meteorology, Climatology and Geophysics agency warned that a storm had formed.",
     [("Meteorology, Climatology and Geophysics agency", "indirect")]),
    ("Crew members died in the Thai capital, rescue agencies said.", [("rescue agencies", "indirect")]),
    # negatives: a name after its title still speaks; "the Jakarta Globe" keeps its place word
    ("Harbourtown police chief Doni Hermawan said the road was closed.", [("Doni Hermawan", "indirect")]),
    ("The road was closed, according to the Jakarta Globe.", [("Jakarta Globe", "indirect")]),
])
def test_wire_copy_speakers(text, expected):
    assert said(text) == expected


@pytest.mark.parametrize("text, speakers, verbs", [
    # ", adding that …" is one more statement of the same speaker
    ("The agency said 19 people died, adding that 40 were missing.",
     ["agency", "agency"], ["said", "adding"]),
    # the content before "X said [date]," when a trailing clause follows
    ("The toll rose to 19, a rescue official said Thursday, with dozens still missing.",
     ["rescue official"], ["said"]),
    ("About 300 soldiers were killed, a lawmaker said on Monday (Jan 13), citing the spy agency.",
     ["lawmaker"], ["said"]),
    ("About 100 are under treatment, said Shekhar Bista, a hospital director.", ["Shekhar Bista"], ["said"]),
    # negative: "saying" inside what was quoted is not a new statement
    ("“They kept saying, go home,” a resident said.", ["resident"], ["said"]),
])
def test_wire_copy_attribution(text, speakers, verbs):
    rows = run(text)["statements"]
    assert [r["speaker"] for r in rows] == speakers
    assert [r["verb"] for r in rows] == verbs


@pytest.mark.parametrize("text, value, qualifier, measure", [
    ("The number of dead is expected to exceed 3,000.", 3000, "at_least", "killed"),
    ("The number killed may be as high as 1,000.", 1000, "up_to", "killed"),
    ("Floods prompted the evacuation of nearly 1,500 people.", 1500, "about", "displaced"),
    ("About 100 are under treatment in two hospitals.", 100, "about", "injured"),
])
def test_wire_copy_figures(text, value, qualifier, measure):
    assert figures(text) == [(value, qualifier, measure)]


def test_on_a_month_and_day_is_a_date_not_a_count():
    assert [v for v, _, _ in figures("CNN reported on July 2 that 30,000 soldiers would be sent.")] == [30000]


def test_a_quote_with_a_long_frame_is_still_attributed_and_the_sentence_read_on():
    rows = run('"We have recorded 116 fatalities," Ryder said at a media briefing streamed on the '
               'agency\'s channel, according to the Jakarta Globe, which also reported that thousands '
               'are displaced.')["statements"]
    assert [(r["speaker"], r["kind"], r["verb"]) for r in rows] == [
        ("Pat Ryder", "direct", "said"), ("Jakarta Globe", "indirect", "according to"),
        ("Jakarta Globe", "indirect", "reported")]


def test_he_is_never_a_newspaper():
    text = ('"We found 12 bodies," Ryder said, according to the Jakarta Globe.\n'
            '"More are missing," he warned.')
    assert [r["speaker"] for r in run(text)["statements"]][-1] == "Pat Ryder"


@pytest.mark.parametrize("text, n_russia", [
    ("The Moscow Times reported that 3,000 troops had arrived.", 0),  # a newspaper, not the Kremlin
    ("Moscow said that 3,000 troops had arrived.", 1),
])
def test_a_place_opening_a_newspaper_name_is_no_mention(text, n_russia):
    assert sum(m["actor_id"] == "russia" for m in run(text)["mentions"]) == n_russia


@pytest.mark.parametrize("text, expected", [
    # "<content>, he said." after a speaker: the pronoun speaks
    ("Road access was cut, Ryder said. The agency is still counting the dead, he said.",
     [("Pat Ryder", "indirect"), ("Pat Ryder", "indirect")]),
    ("Road access was cut, Ryder said.\n\nCrews are clearing debris, he added.",
     [("Pat Ryder", "indirect"), ("Pat Ryder", "indirect")]),
    # "<content>, X said Friday." — a weekday after the verb is no content
    ("Floods have killed at least 116 people, the Pentagon said Friday.", [("Pentagon", "indirect")]),
    ("Floods have killed 116 people, the National Disaster Management Agency said on Friday.",
     [("National Disaster Management Agency", "indirect")]),
    # negative: a pronoun with nobody before it names no one
    ("Crews are clearing debris, he added.", []),
])
def test_trailing_attribution(text, expected):
    assert said(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Russia said North Korea would send 1,000 sappers and 5,000 military engineers.",
     [(1000, "exact", "troops"), (5000, "exact", "troops")]),
    ("Pyongyang sent around 1,000 engineer troops to Kursk.", [(1000, "about", "troops")]),
    ("Scores have been apprehended at the border.", [(None, "vague", "arrested")]),
])
def test_engineers_and_apprehensions(text, expected):
    got = [(None if pd.isna(v) else v, q, m) for v, q, m in figures(text)]
    assert got == expected


def test_a_lead_participle_phrase_is_not_the_speaker():
    rows = run("Following his visit to Moscow in June, Pat Ryder also announced that 3,000 troops "
               "would be sent.")["statements"]
    assert [r["speaker"] for r in rows] == ["Pat Ryder"]


@pytest.mark.parametrize("text, speakers", [
    # a wire lede's "a rescue official" is the official named a few paragraphs down
    ("The toll rose to 19, a rescue official said Thursday.\n\n“Nineteen people died,” national "
     "rescue agency official Emy Freezer told AFP.", ["Emy Freezer", "Emy Freezer"]),
    ("About 300 soldiers were killed, a South Korean lawmaker said.\n\n\"The toll is higher,\" "
     "lawmaker Lee Min-ho told reporters.", ["Lee Min-ho", "Lee Min-ho"]),
    # negative: a person named with another role is someone else
    ("About 300 soldiers were killed, a police officer said.\n\n\"We are investigating,\" "
     "lawmaker Lee Min-ho told reporters.", ["police officer", "Lee Min-ho"]),
])
def test_a_described_source_named_later_is_that_person(text, speakers):
    assert [s for s, _ in said(text)] == speakers


@pytest.mark.parametrize("text, expected", [
    ("Officials in a county in North Texas confirmed a case on Wednesday.", [("Officials", "indirect")]),
    ("“The loss is a tragedy,” Ryder spokesman Andrew Mahaleris said.", [("Andrew Mahaleris", "direct")]),
    ("Indonesia's disaster agency BNPB said the toll had risen to 303.", [("BNPB", "indirect")]),
    ("KUALA LUMPUR, Nov 28 (Bernama) -- Some 1,200 people have been evacuated, said state police chief "
     "Rusdi Isa.", [("Rusdi Isa", "indirect")]),
])
def test_more_wire_speakers(text, expected):
    assert said(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Rescuers have recovered 50 bodies so far.", [(50, "exact", "killed")]),
    ("Some 1,200 patients have recovered.", [(1200, "about", "recovered")]),
    ("The UN said 2,000 people were displaced, while the Red Cross put the number at 5,000.",
     [(2000, "exact", "displaced"), (5000, "exact", "displaced")]),
    ("The rally began at 5 and ended at 9.", []),  # clock times are no counts
])
def test_more_wire_figures(text, expected):
    assert figures(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("At least 100,000 people have descended on Belgrade for a mass rally.", [(100000, "at_least", "crowd")]),
    ("Police estimated the numbers attending at 36,000 people.", [(36000, "exact", "crowd")]),
    ("The outbreak sickened 762 people.", [(762, "exact", "cases")]),
    ("About 140,000 people attended a 16-minute vigil.", [(140000, "about", "crowd")]),  # no "16"
    ("A 10-year-old girl was among 12 people killed.", [(12, "exact", "killed")]),
])
def test_crowds_outbreaks_and_hyphenated_lengths(text, expected):
    got = [(v, q, None if pd.isna(m) else m) for v, q, m in figures(text)]
    assert got[:len(expected)] == expected and len(got) == len(expected)


def test_of_joins_an_institution_name():
    assert said("The Archive of Public Gatherings estimated that 140,000 people were present.") == [
        ("Archive of Public Gatherings", "indirect")]


@pytest.mark.parametrize("text, expected", [
    ("“We want elections!” the crowd chanted.", [("crowd", "direct")]),
    ("Health officials cautioned that the threat remains.", [("Health officials", "indirect")]),
    # "according to" a short description: its statement; never a document
    ("Five people died, according to the rescue operation.", [("rescue operation", "indirect")]),
    ("Five people died, according to the latest figures.", []),
    # a quotation standing as its own paragraph after a speaker's quotation is theirs again
    ("“We will not stop,” student Stefan Ivakovic told AFP.\n\n“We will rally until the demands are met.”",
     [("Stefan Ivakovic", "direct"), ("Stefan Ivakovic", "direct")]),
])
def test_chants_cautions_descriptions_and_quote_paragraphs(text, expected):
    assert said(text) == expected


def test_a_document_is_never_a_claimant():
    assert [c for c in (r["claimant"] for r in run("Five people died, according to the latest figures.")
                        ["estimates"]) if not pd.isna(c)] == []


@pytest.mark.parametrize("text, expected", [
    ("The U.S. has reported more than 1,300 measles cases this year.", [(1300, "at_least", "cases")]),
    ("Police deployed 5,000 riot police.", [(5000, "exact", "troops")]),
    ("The death toll from the 5.6-magnitude earthquake in Cianjur district, West Java, on Monday "
     "has increased to 62, the agency said.", [(62, "exact", "killed")]),
    ("Many were stuck hundreds of feet away from the exit.", []),  # a length, not a count
])
def test_modifiers_far_subjects_and_lengths(text, expected):
    assert figures(text) == expected


def test_a_country_alone_speaks_by_metonymy():
    assert said("The U.S. has reported more than 1,300 measles cases this year.") == [("U.S.", "indirect")]


@pytest.mark.parametrize("text, expected", [
    ("The junta is struggling to put down insurgents.", []),
    ("Police put the toll at 30.", [("Police", "indirect")]),
])
def test_put_reports_only_a_figure(text, expected):
    assert said(text) == expected


@pytest.mark.parametrize("text, expected", [
    # "X, who …, said": the head of the relative clause speaks
    ("The official, who spoke on condition of anonymity because he was not authorized to speak, "
     "said 12 soldiers had died.", [("official", "indirect")]),
    ("The official said 12 soldiers had died.", [("official", "indirect")]),  # no antecedent needed
    # a participle after the attribution ends its frame
    ("“We are doing everything we can,” the governor told reporters, adding that teams worked all night.",
     [("governor", "direct"), ("governor", "indirect")]),
    ("The toll may rise, said Ahmad Riza, the ministry's spokesman, adding that 40 were missing.",
     [("Ahmad Riza", "indirect"), ("Ahmad Riza", "indirect")]),
])
def test_relative_clauses_and_participles_after_attribution(text, expected):
    assert said(text) == expected
