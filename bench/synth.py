"""Deterministic synthetic corpus of Indonesian news articles for ``make bench``.

``write_corpus(folder, n, seed=0)`` writes ``n`` articles in the style of the seed articles
(North Korean troops in Russia, autumn 2024 onwards) as ``syn_NNNNN.txt`` plus ``metadata.csv``
and ``actors.yaml`` (a copy of ``seeds/actors.yaml`` extended with :data:`SYNTH_ACTORS`) into
``folder`` (``build/bench_corpus`` by default; ``seeds/`` is only read). Articles recombine
sentence templates with slots: speakers (actors of the seed gazetteer, invented or
real-but-unseen actors added to the bench gazetteer, and unlisted speakers), reporting verbs
from :mod:`helpers.lexicon`, numbers in Indonesian formats ("3.000", "10 ribu", "1,5 juta",
"ribuan", ranges), qualifiers, dates consistent with the publication day ("Senin (28/10)",
"Kamis (24/10/2024)", "pekan lalu"), cited outlets, headlines, datelines and footers; 10 to 60
sentences each; about 1% are syndicated copies (exact duplicates of an earlier article).

Everything comes from one ``random.Random(seed)``: the same seed and ``n`` give byte-identical
files. Nothing here is read by the helpers; this is test data, generated, never committed.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import random
from pathlib import Path

import yaml

from helpers import lexicon

lx = lexicon.get("id")

REPO = Path(__file__).resolve().parents[1]
SEED_ACTORS = REPO / "seeds" / "actors.yaml"
MANIFEST = "bench_manifest.json"

# ----------------------------------------------------------------------------- the cast
# Speakers: (full name, surname used later, Indonesian role phrase, where they are known).
# "seed": in seeds/actors.yaml; "synthetic": added to the bench actors.yaml; "unlisted": in no
# gazetteer (the extractor must still report them, as unlisted speakers).
SPEAKERS = [
    ("Lloyd Austin", "Austin", "Menteri Pertahanan AS", "seed"),
    ("John Kirby", "Kirby", "juru bicara Dewan Keamanan Nasional AS", "seed"),
    ("Sabrina Singh", "Singh", "juru bicara Pentagon", "seed"),
    ("Antony Blinken", "Blinken", "Menteri Luar Negeri AS", "seed"),
    ("Mark Rutte", "Rutte", "Sekretaris Jenderal NATO", "seed"),
    ("Yoon Suk Yeol", "Yoon", "Presiden Korea Selatan", "seed"),
    ("Volodymyr Zelensky", "Zelensky", "Presiden Ukraina", "seed"),
    ("Maria Zakharova", "Zakharova", "juru bicara Kementerian Luar Negeri Rusia", "seed"),
    ("Dmitry Peskov", "Peskov", "juru bicara Kremlin", "seed"),
    ("Lin Jian", "Lin", "juru bicara Kementerian Luar Negeri China", "seed"),
    ("Kim Yong-hyun", "Kim", "Menteri Pertahanan Korea Selatan", "seed"),
    ("Kyrylo Budanov", "Budanov", "kepala intelijen militer Ukraina", "seed"),
    ("Andrii Sybiha", "Sybiha", "Menteri Luar Negeri Ukraina", "seed"),
    ("Penny Wong", "Wong", "Menteri Luar Negeri Australia", "synthetic"),
    ("Jean-Noël Barrot", "Barrot", "Menteri Luar Negeri Prancis", "synthetic"),
    ("Kaja Kallas", "Kallas", "Kepala Kebijakan Luar Negeri Uni Eropa", "synthetic"),
    ("Radosław Sikorski", "Sikorski", "Menteri Luar Negeri Polandia", "synthetic"),
    ("Stéphane Dujarric", "Dujarric", "juru bicara Sekretaris Jenderal PBB", "synthetic"),
    ("Abbas Araghchi", "Araghchi", "Menteri Luar Negeri Iran", "synthetic"),
    ("Park Min-jae", "Park", "anggota parlemen Korea Selatan", "synthetic"),
    ("Oleksandr Hrytsenko", "Hrytsenko", "juru bicara Staf Umum Ukraina", "synthetic"),
    ("Igor Vasiliev", "Vasiliev", "Wakil Menteri Pertahanan Rusia", "synthetic"),
    ("Hendra Wijaya", "Hendra", "pengamat hubungan internasional Universitas Nusantara", "unlisted"),
    ("Ratna Kusumawati", "Ratna", "analis pertahanan Lembaga Kajian Strategis", "unlisted"),
    ("Lee Sang-woo", "Lee", "peneliti Institut Studi Semenanjung Korea", "unlisted"),
    ("Kim Chol-su", "Kim Chol-su", "diplomat senior Korea Utara", "unlisted"),
    ("Dewi Anggraini", "Dewi", "peneliti senior Pusat Studi Asia Timur", "unlisted"),
]

# Entries appended to the bench copy of actors.yaml (same keys as seeds/actors.yaml).
SYNTH_ACTORS = [
    dict(id="australia", name="Australia", kind="government", role="country",
         affiliation="Australia", aliases=["Canberra", "Pemerintah Australia"]),
    dict(id="france", name="France", kind="government", role="country", affiliation="France",
         aliases=["Prancis", "Perancis", "Paris", "Pemerintah Prancis"]),
    dict(id="poland", name="Poland", kind="government", role="country", affiliation="Poland",
         aliases=["Polandia", "Warsawa", "Pemerintah Polandia"]),
    dict(id="iran", name="Iran", kind="government", role="country", affiliation="Iran",
         aliases=["Teheran", "Pemerintah Iran"]),
    dict(id="belarus", name="Belarus", kind="government", role="country",
         affiliation="Belarus", aliases=["Minsk", "Pemerintah Belarus"]),
    dict(id="european_union", name="European Union", kind="organization", role="bloc",
         affiliation="European Union", aliases=["Uni Eropa", "UE"]),
    dict(id="penny_wong", name="Penny Wong", kind="person", role="Australian foreign minister",
         affiliation="Australia", aliases=["Wong", "Menteri Luar Negeri Australia"]),
    dict(id="jean_noel_barrot", name="Jean-Noël Barrot", kind="person",
         role="French foreign minister", affiliation="France",
         aliases=["Barrot", "Menteri Luar Negeri Prancis"]),
    dict(id="kaja_kallas", name="Kaja Kallas", kind="person", role="EU foreign policy chief",
         affiliation="European Union",
         aliases=["Kallas", "Kepala Kebijakan Luar Negeri Uni Eropa"]),
    dict(id="radoslaw_sikorski", name="Radosław Sikorski", kind="person",
         role="Polish foreign minister", affiliation="Poland",
         aliases=["Sikorski", "Radoslaw Sikorski", "Menteri Luar Negeri Polandia"]),
    dict(id="stephane_dujarric", name="Stéphane Dujarric", kind="person",
         role="UN Secretary-General's spokesperson", affiliation="United Nations",
         aliases=["Dujarric", "Stephane Dujarric", "juru bicara Sekretaris Jenderal PBB"]),
    dict(id="abbas_araghchi", name="Abbas Araghchi", kind="person",
         role="Iranian foreign minister", affiliation="Iran",
         aliases=["Araghchi", "Menteri Luar Negeri Iran"]),
    dict(id="park_min_jae", name="Park Min-jae", kind="person",
         role="South Korean lawmaker (invented)", affiliation="South Korea",
         aliases=["Park Min Jae", "anggota parlemen Korea Selatan"]),
    dict(id="oleksandr_hrytsenko", name="Oleksandr Hrytsenko", kind="person",
         role="Ukrainian General Staff spokesperson (invented)", affiliation="Ukraine",
         aliases=["Hrytsenko", "juru bicara Staf Umum Ukraina"]),
    dict(id="igor_vasiliev", name="Igor Vasiliev", kind="person",
         role="Russian deputy defence minister (invented)", affiliation="Russia",
         aliases=["Vasiliev", "Wakil Menteri Pertahanan Rusia"]),
    dict(id="kyodo", name="Kyodo", kind="organization", role="Japanese news agency",
         affiliation="Media", aliases=["kantor berita Kyodo"]),
    dict(id="tass", name="TASS", kind="organization", role="Russian state news agency",
         affiliation="Media", aliases=["kantor berita TASS"]),
    dict(id="ukrinform", name="Ukrinform", kind="organization", role="Ukrainian news agency",
         affiliation="Media", aliases=[]),
]

OUTLETS = ["Kompas.com", "Detik.com", "Tempo.co", "CNN Indonesia", "Antara", "Republika",
           "Liputan6.com", "Kumparan", "Okezone", "Sindonews", "Tribunnews", "Merdeka.com",
           "Media Indonesia", "Jawa Pos", "Bisnis.com", "Katadata", "VOA Indonesia",
           "BBC News Indonesia", "iNews.id", "Suara.com"]
CITED = ["Al Jazeera", "CNN", "AFP", "Reuters", "Yonhap", "CNA", "Politico", "Kyodo", "TASS",
         "Ukrinform"]
CITIES = ["Jakarta", "Seoul", "Kyiv", "Moskow", "Washington", "Brussel", "Tokyo"]
SENDERS = ["Korea Utara", "Korut", "Pyongyang", "Iran", "Belarus"]
RECEIVERS = ["Rusia", "Moskow"]
PLACES = ["Kursk", "Vladivostok", "Donetsk", "Belgorod", "Zaporizhzhia", "Rusia timur",
          "perbatasan Ukraina", "Kharkiv"]
COUNTRIES = ["Amerika Serikat", "Korea Selatan", "Jepang", "Ukraina", "Uni Eropa", "Prancis",
             "Polandia", "Australia", "Inggris", "Jerman", "China", "NATO"]
TROOPS = ["tentara", "pasukan", "personel militer", "prajurit", "pasukan khusus", "anggota pasukan"]
OTHER_UNITS = ["peluru artileri", "rudal balistik", "drone", "kontainer amunisi"]
CONCERNS = ["eskalasi yang berbahaya", "ancaman serius bagi keamanan global",
            "pelanggaran terhadap resolusi Dewan Keamanan PBB", "provokasi yang tidak dapat diterima",
            "langkah yang sangat mengkhawatirkan", "berita palsu yang disebarkan Barat"]
FOOTERS = ["({a}/{b})", "Baca juga: {h}", "Jangan lupa ikuti update berita lainnya di {o}.",
           "Editor: {n}"]
EDITORS = ["Yohanes Liestyo", "Agus Triyono", "Sri Wahyuni", "Rizki Ramadhan", "Novi Lestari"]

_WEEKDAY_NAMES = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
_MONTH_NAMES = {m: name.capitalize() for m, name in enumerate(
    ["januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september",
     "oktober", "november", "desember"], start=1)}
assert all(lx.MONTHS[name.lower()] == m for m, name in _MONTH_NAMES.items())


def _id_fmt(n: int) -> str:
    """3000 -> '3.000' (Indonesian thousands separator)."""
    return f"{n:,}".replace(",", ".")


class _Article:
    """Builds one article; every choice comes from the shared random generator."""

    def __init__(self, rng: random.Random, published: dt.date):
        self.r = rng
        self.pub = published
        self.cast = rng.sample(SPEAKERS, rng.randint(2, 5))
        self.introduced: set[str] = set()
        self.last = None

    # -- slots
    def pick(self, seq):
        return seq[self.r.randrange(len(seq))]

    def number(self, troops: bool = True, qualify: bool = True) -> str:
        r = self.r
        kind = r.random()
        if kind < 0.45:
            s = _id_fmt(self.pick([1500, 2000, 3000, 4500, 5000, 8000, 10000, 11000, 12000,
                                   15000, 100000, r.randrange(1, 40) * 500]))
        elif kind < 0.6:
            s = f"{self.pick([2, 3, 5, 8, 10, 11, 12, 15])} ribu"
        elif kind < 0.68:
            s = self.pick(["1,5 juta", "1,2 juta"] if not troops else ["2,5 ribu", "7,5 ribu"])
        elif kind < 0.8:
            s = self.pick(["ribuan", "puluhan ribu", "ratusan", "beberapa ribu", "belasan ribu"])
        elif kind < 0.9:
            a = self.pick([2000, 3000, 5000, 8000, 10000])
            b = a + self.pick([1000, 2000, 5000])
            s = self.pick([f"{_id_fmt(a)} hingga {_id_fmt(b)}", f"antara {_id_fmt(a)} dan {_id_fmt(b)}",
                           f"{a // 1000}-{b // 1000} ribu"])
        else:
            s = self.pick(["tiga ribu", "dua belas ribu", "sepuluh ribu", "seribu lima ratus"])
        if qualify and r.random() < 0.55 and not s.startswith(("antara", "ribuan", "ratusan", "puluhan",
                                                      "beberapa", "belasan")):
            s = f"{self.pick(self.pick(list(lx.QUALIFIERS.values())))} {s}"
        unit = self.pick(TROOPS) if troops else self.pick(OTHER_UNITS)
        return f"{s} {unit}"

    def date(self, explicit_ok: bool = True) -> str:
        r = self.r
        back = r.randrange(0, 7)
        d = self.pub - dt.timedelta(days=back)
        wd = _WEEKDAY_NAMES[d.weekday()]
        forms = [f"{wd} ({d.day}/{d.month})", f"{wd} ({d.day}/{d.month}/{d.year})",
                 f"{wd} ({d.day} {_MONTH_NAMES[d.month]})", f"pada hari {wd}", "pekan lalu",
                 "kemarin", f"{d.day} {_MONTH_NAMES[d.month]} {d.year}"]
        return self.pick(forms if explicit_ok else forms[3:6])

    def speaker(self, sp=None) -> str:
        """First mention: role + name (several orders); later: surname or a pronoun."""
        sp = sp or self.pick(self.cast)
        name, surname, role, _ = sp
        self.last = sp
        if name not in self.introduced:
            self.introduced.add(name)
            role = role[0].upper() + role[1:]
            return self.pick([f"{role} {name}", f"{role}, {name},", f"{name}, {role},"])
        return surname if self.r.random() < 0.8 else self.pick(["Dia", "Ia"])

    # -- clauses
    def claim(self) -> str:
        """A claim; about a third carry a figure (the seeds have ~3 figures per article)."""
        p = self.pick
        snd, rcv, place = p(SENDERS), p(RECEIVERS), p(PLACES)
        if self.r.random() < 0.65:
            return p([
                f"{snd} telah mengirim pasukan ke {rcv}",
                f"pasukan {snd} sedang menjalani pelatihan di {place}",
                f"{snd} berencana memperluas kerja sama militer dengan {rcv}",
                f"tentara {snd} mungkin akan diterjunkan ke medan perang di {place}",
                f"{rcv} memberikan teknologi rudal kepada {snd} sebagai imbalan",
                f"kehadiran pasukan asing di {place} memperumit konflik",
                f"{snd} membantah semua laporan tersebut",
            ])
        return p([
            f"{snd} telah mengirim {self.number()} ke {rcv}",
            f"{snd} berencana mengerahkan {self.number()} ke {place} menjelang {p(list(_MONTH_NAMES.values()))}",
            f"{self.number()} dari {snd} sedang menjalani pelatihan di {place}",
            f"{self.number()} telah dikerahkan ke wilayah {place}",
            f"{snd} memasok {self.number(troops=False)} kepada {rcv}",
            f"{self.number()} {snd} dilaporkan tewas atau terluka dalam pertempuran di {place}",
            f"sekitar {_id_fmt(p([3000, 5000, 10000]))} tentara {snd} kini berada di {place}",
        ])

    def quote(self) -> str:
        p = self.pick
        return p([
            f"Kami melihat bukti bahwa {self.claim()}",
            f"Ini adalah {p(CONCERNS)}",
            f"Kami sangat khawatir dengan kehadiran pasukan asing di {p(PLACES)}",
            f"Kami belum dapat memastikan apakah {self.claim()}",
            f"Dunia tidak boleh diam ketika {self.claim()}. Ini adalah {p(CONCERNS)}",
            f"Tanyakan saja kepada {p(SENDERS)}",
        ])

    def sentence(self) -> str:
        r, p = self.r, self.pick
        kind = r.random()
        verb = p(lx.SPEECH_VERBS[:30])
        if kind < 0.22:  # indirect speech with a claim
            return f"{self.speaker()} {verb} bahwa {self.claim()}."
        if kind < 0.40:  # direct quote, cue after
            open_, close = p([("\u201c", "\u201d"), ('"', '"')])
            cue = p(lx.DIRECT_AFTER_VERBS[:12])
            sp = self.speaker()
            sp = sp.lower() if sp in ("Dia", "Ia") else sp
            tail = p(["", f" kepada wartawan, {self.date()}", f", dikutip {p(CITED)}",
                      f" seperti dilansir {p(CITED)}, {self.date()}"])
            return f"{open_}{self.quote()},{close} {cue} {sp.rstrip(',')}{tail}."
        if kind < 0.50:  # direct quote, speaker first
            return f"{self.speaker()} {verb}, \u201c{self.quote()}.\u201d"
        if kind < 0.58:  # according to ("Menurut Dia" is "Menurutnya")
            sp = self.speaker().rstrip(",")
            lead = "Menurutnya" if sp in ("Dia", "Ia") else f"Menurut {sp}"
            return f"{lead}, {self.claim()}."
        if kind < 0.64:  # cited outlet lead
            return f"Seperti dilansir {p(CITED)}, {self.claim()} {self.date(False)}."
        if kind < 0.69:  # revision
            a, b = sorted(r.sample([3000, 5000, 8000, 10000, 11000, 12000], 2))
            return (f"{self.speaker()} menaikkan perkiraan menjadi {_id_fmt(b)} tentara, "
                    f"naik dari {_id_fmt(a)} tentara {p(['sebelumnya', 'pekan lalu'])}.")
        if kind < 0.76:  # reported fact with a date
            when = self.date()
            return f"{when[0].upper()}{when[1:]}, {self.claim()}."
        if kind < 0.84:  # background, no speech, no quantities (years, percentages, times)
            a, b = r.sample(COUNTRIES, 2)
            return p([
                f"{a} dan {b} menggelar pertemuan darurat pukul {r.randrange(8, 20)}.00 WIB.",
                f"Anggaran pertahanan {a} naik {r.randrange(2, 15)} persen sejak tahun {r.randrange(2019, 2025)}.",
                f"Hubungan antara {p(SENDERS)} dan {p(RECEIVERS)} semakin erat sejak awal 2022.",
                f"Seorang tentara berusia {r.randrange(19, 40)} tahun ditangkap di {p(PLACES)}.",
                f"Konflik ini telah berlangsung selama lebih dari {r.randrange(2, 4)} tahun.",
            ])
        if kind < 0.92:  # reaction of a country
            return f"{p(COUNTRIES)} {p(['mengecam', 'mengutuk', 'memperingatkan'])} {p(CONCERNS[:5])} tersebut."
        return f"Sebanyak {self.number(qualify=False)} dilaporkan berada di {p(PLACES)} untuk menjalani pelatihan."

    def headline(self) -> str:
        p = self.pick
        n = self.number().split(" ")
        figure = " ".join(w.capitalize() for w in n)
        return p([f"{p(COUNTRIES)} {p(lx.HEADLINE_CLAIM_VERBS[:6]).capitalize()} {figure} di {p(PLACES)}",
                  f"{p(SENDERS)} Disebut Kirim {figure} ke {p(RECEIVERS)}",
                  f"Kekhawatiran Meningkat atas Pasukan Asing di {p(PLACES)}"])

    def text(self, outlet: str) -> str:
        r = self.r
        n_sent = r.randint(10, 60)
        sentences = [self.sentence() for _ in range(n_sent)]
        paras, i = [], 0
        while i < len(sentences):
            k = r.randint(1, 3)
            paras.append(" ".join(sentences[i:i + k]))
            i += k
        style = r.random()
        if style < 0.4:
            paras[0] = f"{self.pick(CITIES)}, {outlet} \u2014 {paras[0]}"
        elif style < 0.7:
            paras[0] = f"{outlet} - {paras[0]}"
        head = self.headline()
        body = "\n".join(paras)
        if r.random() < 0.5:
            foot = self.pick(FOOTERS).format(a=r.choice("abcdefghij") * 3, b="dna", h=head,
                                             o=outlet, n=self.pick(EDITORS))
            body += "\n" + foot
        return f"{head}\n\n{body}\n"


def generate(n: int, seed: int = 0):
    """Yield ``n`` (file name, text, metadata row) triples; same seed, same output."""
    rng = random.Random(seed)
    start = dt.date(2024, 10, 1)
    texts: list[str] = []
    for i in range(n):
        published = start + dt.timedelta(days=rng.randrange(0, 270))
        outlet = OUTLETS[rng.randrange(len(OUTLETS))]
        if texts and rng.random() < 0.01:  # syndicated copy of an earlier article
            text = texts[rng.randrange(len(texts))]
        else:
            text = _Article(rng, published).text(outlet)
            texts.append(text)
        pub = rng.random()
        meta = {
            "file": f"syn_{i:05d}.txt",
            "outlet": outlet if rng.random() < 0.9 else "",
            "url": f"https://{outlet.lower().replace(' ', '')}.example/berita/{i:05d}",
            "published": (published.isoformat() if pub < 0.85
                          else published.strftime("%d/%m/%Y") if pub < 0.9 else ""),
            "note": "synthetic (bench)",
        }
        yield meta["file"], text, meta


def bench_actors() -> dict:
    """seeds/actors.yaml extended with the :data:`SYNTH_ACTORS` it lacks (aliases checked for
    clashes; an actor the seed gazetteer already has keeps its seed entry)."""
    doc = yaml.safe_load(SEED_ACTORS.read_text(encoding="utf-8"))
    seen = {}
    for a in doc["actors"]:
        for alias in [a["name"], *(a.get("aliases") or [])]:
            seen[alias.lower()] = a["id"]
    seed_ids = {a["id"] for a in doc["actors"]}
    extra = [a for a in SYNTH_ACTORS if a["id"] not in seed_ids]  # the seed entry wins
    for a in extra:
        for alias in [a["name"], *a["aliases"]]:
            if alias.lower() in seen and seen[alias.lower()] != a["id"]:
                raise ValueError(f"bench actor {a['id']}: alias {alias!r} already names {seen[alias.lower()]}")
    doc["actors"] = doc["actors"] + [dict(a) for a in extra]
    return doc


def fingerprint(n: int, seed: int) -> str:
    """Identifies a generated corpus: generator source + n + seed + seed gazetteer."""
    h = hashlib.sha256(Path(__file__).read_bytes())
    h.update(SEED_ACTORS.read_bytes())
    h.update(f"{n}:{seed}".encode())
    return h.hexdigest()[:16]


def write_corpus(folder, n: int = 10_000, seed: int = 0, force: bool = False) -> dict:
    """Write the corpus into ``folder`` unless an identical one is already there.

    Refuses a folder that holds ``.txt`` files but no bench manifest (never overwrites an
    analyst's corpus). Returns the manifest (n, seed, fingerprint, bytes, reused).
    """
    folder = Path(folder)
    if folder.resolve() == (REPO / "seeds").resolve():
        raise ValueError("refusing to write the bench corpus into seeds/")
    manifest_path = folder / MANIFEST
    fp = fingerprint(n, seed)
    if manifest_path.is_file() and not force:
        old = json.loads(manifest_path.read_text())
        if old.get("fingerprint") == fp and len(list(folder.glob("syn_*.txt"))) == n:
            return dict(old, reused=True)
    if folder.is_dir() and any(folder.glob("*.txt")) and not manifest_path.is_file():
        raise ValueError(f"{folder}: holds .txt files that the bench did not write; choose another folder")
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("syn_*.txt"):
        old.unlink()
    total = 0
    rows = []
    for name, text, meta in generate(n, seed):
        data = text.encode("utf-8")
        (folder / name).write_bytes(data)
        total += len(data)
        rows.append(meta)
    with open(folder / "metadata.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=["file", "outlet", "url", "published", "note"])
        w.writeheader()
        w.writerows(rows)
    header = ("# Bench copy of seeds/actors.yaml extended with synthetic actors (bench/synth.py).\n"
              "# Generated by `python -m bench`; never edit, never commit.\n")
    (folder / "actors.yaml").write_text(
        header + yaml.safe_dump(bench_actors(), allow_unicode=True, sort_keys=False, width=100),
        encoding="utf-8")
    manifest = {"n": n, "seed": seed, "fingerprint": fp, "bytes": total}
    manifest_path.write_text(json.dumps(manifest, indent=1))
    return dict(manifest, reused=False)
