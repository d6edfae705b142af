"""The story profile: what a story counts (its measures), as data beside the articles.

``load_profile(corpus_dir)`` reads ``story.yaml`` in the corpus folder, or the default profile
``helpers/profiles/default.yaml`` (troops/personnel, killed, injured, missing, displaced,
affected, arrested, crowd, cases, recovered, buildings damaged) when there is none. YAML safe
loading only; a malformed file raises :class:`ProfileError` naming the file and line.

Shape (see the default profile's header for the meaning of each key)::

    story: Cianjur earthquake, November 2022
    extends: default            # optional: start from the default profile's measures
    measures:
      - id: killed              # [a-z_]+, the value of the estimates' `measure` column
        label: Deaths           # chart axis title / briefing heading
        units: {id: [...], en: [...]}   # nouns right after a figure that name the measure
        cues:  {id: [...], en: [...]}   # words next to a figure of people that mark it
        categories: [...]       # optional; else "reported"
        requires_cue: false     # optional
        group: false            # optional: the measure names a kind of people (troops, a crowd)
        final: false            # optional: its units are never re-assigned (a body is a death)

A measure in a story.yaml that ``extends: default`` replaces the default measure of the same
id (and adds to the list otherwise). ``Profile.compiled(lang)`` gives the per-language regular
expressions the estimate extractor uses (``measures``), built once and cached.
"""
from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from helpers import lexicon
from helpers.lexicon import alt

DEFAULT_PATH = Path(__file__).parent / "profiles" / "default.yaml"
FILE_NAME = "story.yaml"
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_KEYS = {"id", "label", "units", "cues", "categories", "requires_cue", "group", "final", "note"}


class ProfileError(ValueError):
    """story.yaml is malformed; the message names the file and line."""


@dataclass(frozen=True)
class Measure:
    id: str
    label: str
    units: dict = field(default_factory=dict)
    cues: dict = field(default_factory=dict)
    categories: tuple = ()
    requires_cue: bool = False
    group: bool = False
    final: bool = False


@dataclass(frozen=True)
class Profile:
    story: str
    measures: tuple
    source: str  # the file it came from (name only)
    digest: str  # sha256 of the measures, for the annotation cache

    @property
    def labels(self) -> dict:
        return {m.id: m.label for m in self.measures}

    def measure(self, measure_id) -> Measure | None:
        return next((m for m in self.measures if m.id == measure_id), None)

    def compiled(self, lang: str):
        lang = lexicon.normalize_lang(lang)
        key = (self.digest, lang)
        if key not in _COMPILED:
            _COMPILED[key] = _compile(self, lang)
        return _COMPILED[key]


def _fail(path: Path, node, msg: str) -> ProfileError:
    where = f" line {node.start_mark.line + 1}" if node is not None else ""
    return ProfileError(f"{path.name}{where}: {msg}")


def _read(path: Path):
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ProfileError(f"{path.name}: cannot read: {exc}") from None
    loader = yaml.SafeLoader(raw)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" line {mark.line + 1}" if mark else ""
        raise ProfileError(f"{path.name}{line}: invalid YAML: {getattr(exc, 'problem', exc)}") from None
    finally:
        loader.dispose()
    return node, data


def _words(path, node, value, what) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(isinstance(v, list) for v in value.values()):
        raise _fail(path, node, f"{what} must map a language code to a list of words")
    for lang, words in value.items():
        if not all(isinstance(w, str) and w.strip() for w in words):
            raise _fail(path, node, f"{what}.{lang}: every entry must be a non-empty word (quote it)")
    return {lang: tuple(w.strip().lower() for w in words) for lang, words in value.items()}


def _measures(path: Path, node, data) -> list[Measure]:
    seq = data.get("measures")
    if not isinstance(seq, list) or not seq:
        raise _fail(path, node, "expected a non-empty 'measures:' list")
    nodes = dict((k.value, v) for k, v in node.value).get("measures").value
    out, seen = [], {}
    for item, m in zip(nodes, seq):
        if not isinstance(m, dict) or "id" not in m or "label" not in m:
            raise _fail(path, item, "each measure needs an id and a label")
        unknown = set(m) - _KEYS
        if unknown:
            raise _fail(path, item, f"unknown key {sorted(unknown)[0]!r} (allowed: {', '.join(sorted(_KEYS))})")
        if not isinstance(m["id"], str) or not _ID.match(m["id"]):
            raise _fail(path, item, f"measure id {m['id']!r} must be lower case letters, digits, _")
        if m["id"] in seen:
            raise _fail(path, item, f"measure {m['id']!r} appears twice (first at line {seen[m['id']]})")
        seen[m["id"]] = item.start_mark.line + 1
        cats = m.get("categories") or []
        if not isinstance(cats, list) or not all(isinstance(c, str) for c in cats):
            raise _fail(path, item, "categories must be a list of words")
        for flag in ("requires_cue", "group", "final"):
            if not isinstance(m.get(flag, False), bool):
                raise _fail(path, item, f"{flag} must be true or false, not {m[flag]!r}")
        out.append(Measure(id=m["id"], label=str(m["label"]), units=_words(path, item, m.get("units"), "units"),
                           cues=_words(path, item, m.get("cues"), "cues"), categories=tuple(cats),
                           requires_cue=bool(m.get("requires_cue", False)),
                           group=bool(m.get("group", False)), final=bool(m.get("final", False))))
    return out


@functools.lru_cache(maxsize=16)
def _load(path_str: str, mtime_ns: int) -> Profile:
    path = Path(path_str)
    node, data = _read(path)
    if not isinstance(data, dict):
        raise _fail(path, node, "expected a mapping with 'story:' and 'measures:'")
    measures = _measures(path, node, data)
    if data.get("extends") == "default" and path != DEFAULT_PATH:
        own = {m.id for m in measures}
        measures = [m for m in default_profile().measures if m.id not in own] + measures
    elif data.get("extends") not in (None, "default"):
        raise _fail(path, node, f"extends: only 'default' is known, not {data.get('extends')!r}")
    digest = hashlib.sha256(repr(measures).encode("utf-8")).hexdigest()[:16]
    return Profile(story=str(data.get("story") or path.parent.name), measures=tuple(measures),
                   source=path.name, digest=digest)


def load_file(path) -> Profile:
    path = Path(path)
    try:
        mtime = path.stat().st_mtime_ns
    except OSError as exc:
        raise ProfileError(f"{path.name}: cannot read: {exc.strerror}") from None
    return _load(str(path.resolve()), mtime)


def default_profile() -> Profile:
    return load_file(DEFAULT_PATH)


def load_profile(corpus_dir=None) -> Profile:
    """The corpus's story.yaml, or the default profile when the corpus has none."""
    if corpus_dir is not None and (Path(corpus_dir) / FILE_NAME).exists():
        return load_file(Path(corpus_dir) / FILE_NAME)
    return default_profile()


_COMPILED: dict = {}  # (profile digest, language) -> compiled patterns, once per process


def _compile(profile: Profile, lang: str):
    """Per-language patterns: unit phrases -> measure, cue regex per measure."""
    from types import SimpleNamespace

    units, cues = {}, {}
    for m in profile.measures:
        for u in m.units.get(lang, ()):
            units.setdefault(re.sub(r"\s+", " ", u), m.id)
        ws = m.cues.get(lang, ())
        if ws:
            cues[m.id] = re.compile(r"(?<![\w-])(?:" + alt(ws) + r")(?![\w])", re.I)
    unit_re = re.compile(r"(?:" + alt(units) + r")(?![\w-])", re.I) if units else None
    cue_of = {}  # every cue word -> its measure (the first measure listing it wins)
    for m in profile.measures:
        for w in m.cues.get(lang, ()):
            cue_of.setdefault(re.sub(r"\s+", " ", w), m.id)
    cue_re = re.compile(r"(?<![\w-])(?:" + alt(cue_of) + r")(?![\w])", re.I) if cue_of else re.compile(r"(?!)")
    return SimpleNamespace(units=units, unit_re=unit_re, cues=cues, cue_of=cue_of, cue_re=cue_re,
                           weak_off=frozenset(),
                           requires_cue={m.id for m in profile.measures if m.requires_cue},
                           groups={m.id for m in profile.measures if m.group},
                           final={m.id for m in profile.measures if m.final},
                           categories={m.id: m.categories for m in profile.measures})
