"""story.yaml (helpers/profile.py): a malformed file is refused with one message naming the file
and line; the flags group/final/requires_cue take true or false only."""
from __future__ import annotations

import pytest

from helpers.profile import ProfileError, load_profile

GOOD = """story: Banjir
measures:
  - id: killed
    label: Deaths
    units: {id: [jenazah]}
    cues: {id: [tewas]}
"""


def write(tmp_path, text):
    (tmp_path / "story.yaml").write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("text, message", [
    (GOOD + "    final: yes please\n", r"story\.yaml line 3: final must be true or false, not 'yes please'"),
    (GOOD + "    group: 1\n", r"story\.yaml line 3: group must be true or false, not 1"),
    (GOOD + "    requires_cue: \"no\"\n", r"story\.yaml line 3: requires_cue must be true or false"),
    (GOOD + "    colour: red\n", r"story\.yaml line 3: unknown key 'colour'"),
    (GOOD.replace("id: killed", "id: Killed-2"), r"story\.yaml line 3: measure id 'Killed-2'"),
    ("story: [unclosed\n", r"story\.yaml line \d+: invalid YAML"),
])
def test_a_malformed_story_yaml_names_file_and_line(tmp_path, text, message):
    with pytest.raises(ProfileError, match=message):
        load_profile(write(tmp_path, text))


@pytest.mark.parametrize("flags, group, final", [
    ("", False, False),
    ("    group: true\n", True, False),
    ("    final: true\n", False, True),
])
def test_the_flags_of_a_measure(tmp_path, flags, group, final):
    m = load_profile(write(tmp_path, GOOD + flags)).measure("killed")
    assert (m.group, m.final) == (group, final)
