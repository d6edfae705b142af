"""The gazetteer: load ``actors.yaml`` and find actor mentions in text.

``load_actors(path)`` reads the file with YAML *safe* loading only (no Python tags, nothing
evaluated), validates it and returns the actors table (columns ``schema.ACTORS``; ``aliases``
is a "; "-joined string of every surface form). Any problem raises :class:`ActorsError` with a
message that names the file and line: ``"actors.yaml line 12: unknown kind 'country' …"``.

File shape (see ``seeds/actors.yaml`` for the conventions)::

    actors:
      - id: us_government          # [a-z0-9_]+, unique
        name: United States        # English display name (also matched as an alias)
        kind: government           # person | organization | government | group
        role: country              # optional
        affiliation: United States  # country or bloc used to group and colour
        aliases: [Amerika Serikat, AS, Washington]   # optional: names, role phrases, metonyms
        note: free text for the analyst             # optional, not loaded

``Gazetteer(actors_df)`` compiles every alias into one regular expression (longest first,
word boundaries, one pass per text). Matching is case-insensitive, except aliases of at most
three characters written in capitals ("AS", "UK", "CNN"), which match only in capitals so the
Indonesian word "as" is never the United States. Spaces and hyphens inside an alias are
interchangeable ("Kim Jong-un" = "Kim Jong Un"), and an enclitic after a name is tolerated
("Rusianya", "NATO-nya": the mention is the name part). An alias may name only one actor.
Aliases and text are compared in Unicode NFC, so "Zelenský" typed with a combining accent
(U+0301) is the same name as with "ý"; offsets and surfaces are always into the text given.

Loading is fast on big gazetteers: YAML is parsed with libyaml's ``CSafeLoader`` when PyYAML
has it (still *safe* loading), and both the validated table (keyed by the file's sha256) and
the compiled Gazetteer (keyed by a hash of the table) are kept in this process, so reloading an
unchanged 100,000-entry file takes a fraction of a second instead of a minute.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import OrderedDict
from pathlib import Path

import pandas as pd
import yaml

from helpers import lexicon
from helpers.schema import frame

KINDS = ("person", "organization", "government", "group")
REQUIRED = ("id", "name", "kind", "affiliation")
OPTIONAL = ("role", "aliases", "note")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_SEP = re.compile(r"[\s\-\u2010\u2011]+")
# Enclitics tolerated after a name ("Rusianya") and words dropped before a phrase ("para pejabat"):
# every language's, since one gazetteer serves the whole corpus (helpers/lexicon/*.yaml).
_ENCLITICS = "(?:" + "|".join(sorted({w for lang in lexicon.LANGUAGES for w in lexicon.get(lang).GAZETTEER_ENCLITICS}, key=len, reverse=True)) + ")"
_PHRASE_LEAD = re.compile(r"^(?:" + lexicon.alt({w for lang in lexicon.LANGUAGES
                                                 for w in lexicon.get(lang).PHRASE_LEAD_WORDS}) + r")\s+", re.IGNORECASE)
# libyaml's parser when PyYAML was built with it: the same safe loading, several times faster
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CACHE_SIZE = 8  # gazetteers kept per process (files, compiled matchers)
_TABLES: OrderedDict = OrderedDict()  # (file name, sha256 of its bytes) -> actors table
_MATCHERS: OrderedDict = OrderedDict()  # hash of an actors table -> compiled Gazetteer state


def nfc(text: str) -> str:
    """``text`` in Unicode normal form C (composed accents)."""
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def _remember(cache: OrderedDict, key, value):
    cache[key] = value
    cache.move_to_end(key)
    while len(cache) > _CACHE_SIZE:
        cache.popitem(last=False)
    return value


class ActorsError(ValueError):
    """actors.yaml is missing, unreadable or invalid; the message names the file and line."""


def alias_key(alias: str) -> str:
    """Lookup key of an alias or matched surface: NFC, case-folded, spaces/hyphens collapsed."""
    return _SEP.sub(" ", nfc(alias).strip()).casefold()


def is_case_sensitive(alias: str) -> bool:
    """Short all-capital aliases ("AS", "UK", "CNN") match only as written."""
    letters = alias.replace(".", "")
    return len(letters) <= 3 and letters.isupper()


# --------------------------------------------------------------------------- loading
def _yaml_error(name: str, exc: yaml.YAMLError) -> ActorsError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    where = f" line {mark.line + 1}" if mark is not None else ""
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    detail = f"{problem} ({context})" if context else problem
    return ActorsError(f"{name}{where}: invalid YAML: {detail}")


def _line(node) -> int:
    return node.start_mark.line + 1


def _pairs(node):
    """(key, key_node, value_node) of a YAML mapping node."""
    return [(k.value, k, v) for k, v in node.value]


def load_actors(path) -> pd.DataFrame:
    """Read and validate an actors.yaml file → actors table. Raises ActorsError.

    An unchanged file (same name and bytes) is not parsed again in this process."""
    path = Path(path)
    name = path.name
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ActorsError(f"{name}: file not found: {path}") from None
    except OSError as exc:
        raise ActorsError(f"{name}: cannot read {path}: {exc.strerror}") from None
    key = (name, hashlib.sha256(data).hexdigest())
    if key in _TABLES:
        _TABLES.move_to_end(key)
        return _TABLES[key].copy()
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ActorsError(f"{name}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    return _remember(_TABLES, key, _parse_actors(name, raw)).copy()


def _parse_actors(name: str, raw: str) -> pd.DataFrame:
    loader = _SAFE_LOADER(raw)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        raise _yaml_error(name, exc) from None
    finally:
        loader.dispose()
    return frame(_validate(name, node, data), "actors")


def _validate(name: str, root, data) -> list[dict]:
    def fail(node, msg):
        where = f"{name} line {_line(node)}" if node is not None else name
        return ActorsError(f"{where}: {msg}")

    def check_unique_keys(node):  # YAML keeps the last of two equal keys: data would be lost
        seen = {}
        for key, knode, _ in _pairs(node):
            if key in seen:
                raise fail(knode, f"key {key!r} appears twice (first at line {seen[key]})")
            seen[key] = _line(knode)

    if not isinstance(data, dict) or "actors" not in data:
        raise fail(root, "expected a top-level mapping with an 'actors:' list")
    check_unique_keys(root)
    for key, knode, _ in _pairs(root):
        if key != "actors":
            raise fail(knode, f"unknown top-level key {key!r} (only 'actors')")
    seq = dict((k, v) for k, _, v in _pairs(root))["actors"]
    entries = data["actors"] or []
    if not isinstance(entries, list):
        raise fail(seq, "'actors' must be a list of mappings")
    rows, ids, owners = [], {}, {}
    for item, entry in zip(seq.value, entries):
        if not isinstance(entry, dict):
            raise fail(item, "each actor must be a mapping with id, name, kind, affiliation")
        check_unique_keys(item)
        nodes = {k: (kn, v) for k, kn, v in _pairs(item)}
        for key in nodes:
            if key not in REQUIRED + OPTIONAL:
                allowed = ", ".join(REQUIRED + OPTIONAL)
                raise fail(nodes[key][0], f"unknown key {key!r} (allowed: {allowed})")
        for key in REQUIRED:
            if key not in entry or entry[key] in (None, ""):
                raise fail(item, f"actor is missing required key {key!r}")
        for key in ("id", "name", "kind", "affiliation", "role"):
            if key in entry and entry[key] is not None and not isinstance(entry[key], str):
                raise fail(nodes[key][1], f"{key} must be text, got {entry[key]!r} (quote it)")
        actor_id = entry["id"]
        if not _ID.match(actor_id):
            raise fail(nodes["id"][1], f"id {actor_id!r} must be lower case letters, digits, _")
        if actor_id in ids:
            raise fail(nodes["id"][1], f"duplicate id {actor_id!r} (first at line {ids[actor_id]})")
        ids[actor_id] = _line(nodes["id"][1])
        if entry["kind"] not in KINDS:
            kinds = ", ".join(KINDS)
            raise fail(nodes["kind"][1], f"unknown kind {entry['kind']!r} (one of {kinds})")
        aliases = entry.get("aliases") or []
        if not isinstance(aliases, list):
            raise fail(nodes["aliases"][1], "aliases must be a list")
        forms = [(entry["name"], nodes["name"][1])]
        forms += list(zip(aliases, nodes["aliases"][1].value)) if aliases else []
        kept = []
        for alias, anode in forms:
            if not isinstance(alias, str) or len(alias.strip()) < 2:
                raise fail(anode, f"alias {alias!r} must be text of 2 or more characters (quote it)")
            key = alias_key(alias)
            if key in owners and owners[key][0] != actor_id:
                other, line = owners[key]
                raise fail(anode, f"alias {alias!r} of {actor_id!r} already names {other!r} "
                                  f"(line {line})")
            if key not in owners:
                owners[key] = (actor_id, _line(anode))
                kept.append(nfc(alias.strip()))
        rows.append({
            "actor_id": actor_id, "name": nfc(entry["name"].strip()), "kind": entry["kind"],
            "role": entry.get("role") or pd.NA, "affiliation": entry["affiliation"],
            "aliases": "; ".join(kept),
        })
    return rows


# --------------------------------------------------------------------------- matching
_SEP_MARK = "\x00"  # stands for "spaces or hyphens" inside the alias trie
_SEP_RE = r"[ \-\u2010\u2011]+"


def _trie_pattern(aliases) -> str:
    """One regex for many aliases: a character trie, so matching does not try every alias
    at every position. Greedy optional tails give the longest alias first."""
    root: dict = {}
    for alias in aliases:
        node = root
        for ch in _SEP_MARK.join(t for t in _SEP.split(alias.strip().lower()) if t):
            node = node.setdefault(ch, {})
        node[""] = {}  # end of an alias

    def build(node: dict) -> str:
        parts = [(_SEP_RE if ch == _SEP_MARK else re.escape(ch)) + build(child)
                 for ch, child in sorted(node.items()) if ch]
        if not parts:
            return ""
        body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(root)


class Gazetteer:
    """Find and resolve actor mentions with one compiled regex (see module docstring)."""

    def __init__(self, actors_df: pd.DataFrame | None = None):
        key = _table_key(actors_df)
        if key is not None and key in _MATCHERS:  # the same gazetteer compiled before
            _MATCHERS.move_to_end(key)
            self.__dict__.update(_MATCHERS[key])
            return
        self._compile(actors_df)
        if key is not None:
            _remember(_MATCHERS, key, dict(self.__dict__))

    def _compile(self, actors_df: pd.DataFrame | None) -> None:
        self._actors: dict[str, dict] = {}
        self._ids: dict[str, str] = {}  # alias key -> actor_id
        aliases: list[str] = []
        rows = [] if actors_df is None else actors_df.to_dict("records")
        for row in rows:
            actor_id = str(row["actor_id"])
            self._actors[actor_id] = {
                k: (None if pd.isna(row.get(k)) else str(row.get(k)))
                for k in ("actor_id", "name", "kind", "role", "affiliation")
            }
            aliases_text = row.get("aliases")
            if aliases_text is None or pd.isna(aliases_text):
                aliases_text = ""
            forms = [row["name"]] + str(aliases_text).split(";")
            for alias in (nfc(a.strip()) for a in forms if isinstance(a, str)):
                if not alias:
                    continue
                key = alias_key(alias)
                if self._ids.setdefault(key, actor_id) != actor_id:
                    raise ActorsError(
                        f"alias {alias!r} names both {self._ids[key]!r} and {actor_id!r}")
                aliases.append(alias)
        # case-sensitive aliases ("AS"): the matched surface must be written exactly so
        self._exact = {alias_key(a): _SEP.sub(" ", a) for a in aliases if is_case_sensitive(a)}
        self._regex = None
        if aliases:
            pattern = _trie_pattern(set(aliases))
            self._regex = re.compile(rf"(?<!\w){pattern}(?={_ENCLITICS}?(?!\w))", re.IGNORECASE)

    @classmethod
    def from_path(cls, path) -> "Gazetteer":
        return cls(load_actors(path))

    def __len__(self) -> int:
        return len(self._actors)

    @property
    def actor_ids(self) -> list[str]:
        return list(self._actors)

    def get(self, actor_id: str) -> dict | None:
        """dict(actor_id, name, kind, role, affiliation) of a known actor, else None."""
        actor = self._actors.get(actor_id)
        return dict(actor) if actor else None

    def _case_ok(self, surface: str) -> bool:
        exact = self._exact.get(alias_key(surface))
        return exact is None or _SEP.sub(" ", surface) == exact

    def find_mentions(self, text: str) -> list[dict]:
        """Non-overlapping mentions, leftmost-longest: dict(actor_id, surface, start, end).

        Text not in NFC (a combining accent typed separately) is matched in NFC; offsets and
        surfaces stay those of ``text`` (``text[start:end] == surface``)."""
        mentions: list[dict] = []
        if self._regex is None or not text:
            return mentions
        if unicodedata.is_normalized("NFC", text):
            search, starts, ends = text, None, None
        else:
            search, starts, ends = _nfc_with_offsets(text)
        pos = 0
        while (m := self._regex.search(search, pos)) is not None:
            found = m.group()
            if not self._case_ok(found):  # "as" is not "AS": look again one char later
                pos = m.start() + 1
                continue
            a, b = (m.start(), m.end()) if starts is None else (starts[m.start()], ends[m.end() - 1])
            mentions.append({"actor_id": self._ids[alias_key(found)], "surface": text[a:b],
                             "start": a, "end": b})
            pos = m.end()
        return mentions

    def completing(self, phrase: str) -> set[str]:
        """Actors with an alias that begins with ``phrase`` ("badan intelijen" -> the actor of
        "badan intelijen Korea Selatan"; an acronym: "BPBD" -> "BPBD Jateng"): a shortened
        reference, for the speaker resolver to take when such an actor is already mentioned."""
        key = alias_key(phrase)
        acronym = phrase.isupper() and len(phrase) >= 3 and " " not in phrase
        if not acronym and (len(key) < 6 or " " not in key):
            return set()
        return {aid for k, aid in self._ids.items() if k.startswith(key + " ")}

    def names_part(self, phrase: str, actor_id: str) -> bool:
        """Whether ``phrase`` is an alias of ``actor_id`` or the start of one ("Siti Nadia" of
        "Siti Nadia Tarmizi")."""
        key = alias_key(phrase)
        return self._ids.get(key) == actor_id or any(
            aid == actor_id and k.startswith(key + " ") for k, aid in self._ids.items())

    def resolve(self, phrase: str) -> str | None:
        """Actor id for a phrase: an alias or role phrase itself, else the best actor named
        inside it (a person before an organisation, then the longest mention); None if none."""
        if not phrase or not self._actors:
            return None
        phrase = nfc(phrase)
        cleaned = _PHRASE_LEAD.sub("", phrase.strip().strip(",.:;\"“”‘’'()").strip())
        for form in (cleaned, re.sub(rf"-?{_ENCLITICS}$", "", cleaned)):
            if self._regex is not None and self._regex.fullmatch(form) and self._case_ok(form):
                return self._ids[alias_key(form)]
        mentions = self.find_mentions(phrase)
        if not mentions:
            return None
        best = min(mentions, key=lambda m: (self._actors[m["actor_id"]]["kind"] != "person",
                                            -(m["end"] - m["start"]), m["start"]))
        return best["actor_id"]


def _table_key(actors_df: pd.DataFrame | None) -> str | None:
    """A hash of what a Gazetteer is compiled from (None: not worth caching)."""
    if actors_df is None or len(actors_df) == 0:
        return None
    cols = ["actor_id", "name", "kind", "role", "affiliation", "aliases"]
    table = actors_df.reindex(columns=cols).astype("string")
    h = hashlib.sha256(str(len(table)).encode())
    h.update(pd.util.hash_pandas_object(table, index=False).to_numpy().tobytes())
    return h.hexdigest()


def _nfc_with_offsets(text: str) -> tuple[str, list[int], list[int]]:
    """``text`` in NFC, and for each of its characters the start and end offset in ``text`` of
    the stretch it came from (a base character with its combining marks)."""
    out, starts, ends = [], [], []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and (unicodedata.combining(text[j]) or "\u1160" <= text[j] <= "\u11ff"):
            j += 1  # combining marks (and Hangul vowel/final jamo) join the character before
        piece = unicodedata.normalize("NFC", text[i:j])
        out.append(piece)
        starts.extend([i] * len(piece))
        ends.extend([j] * len(piece))
        i = j
    return "".join(out), starts, ends
