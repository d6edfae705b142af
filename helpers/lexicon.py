"""Indonesian language knowledge, in one place: word lists, not regexes.

Everything the extractors know about the *language* lives here (reporting verbs, hedges,
stance words, number words, month and weekday names, role nouns). Everything they know about
the *story* (who the actors are, their aliases) lives in ``seeds/actors.yaml``. Extractors
compile these lists into patterns once, at import.

Sections are owned by the module that uses them:
  * text / statements: QUOTE_*, reporting verbs, SPEAKER_*, PRONOUNS, CITED_*, STANCE_*
  * numbers / estimates: NUMBER_WORDS, MULTIPLIERS, QUALIFIERS, CATEGORY_*, TROOP_UNITS, ...
  * dates: MONTHS, WEEKDAYS, RELATIVE_*
All entries are lower case; matching is case-insensitive on word boundaries.
"""
from __future__ import annotations

# --------------------------------------------------------------------------- text
# Opening -> closing quotation marks (straight, curly, single, guillemets).
QUOTE_PAIRS = {
    '"': '"',
    "\u201c": "\u201d",  # “ ”
    "\u201e": "\u201d",  # „ ”
    "\u2018": "\u2019",  # ‘ ’
    "'": "'",
    "\u00ab": "\u00bb",  # « »
}
# Abbreviations that end in a full stop but do not end a sentence.
ABBREVIATIONS = [
    "dr", "drs", "ir", "prof", "h", "hj", "kh", "st", "no", "jl", "jln", "tgl", "sdr",
    "bpk", "ny", "nn", "mr", "mrs", "ms", "dll", "dsb", "dkk", "a.n", "u.p", "vol", "hal",
    "kol", "let", "jend", "mayjen", "brigjen", "letjen", "kapt", "serka", "gen", "sen", "rep",
    "rp", "tn", "pt", "tbk", "sdri", "dra", "bp", "jr", "sr", "u.s", "a.s", "laksda", "laksdya",
    "marsda", "marsdya", "irjen", "kombes", "akbp", "kompol", "lt", "col", "adm", "gov",
]

# --------------------------------------------------------------------------- statements
# Cues after a direct quotation: “…,” kata X.  (also with -nya: katanya, ujarnya, tambahnya)
DIRECT_AFTER_VERBS = [
    "kata", "ujar", "ucap", "tutur", "ungkap", "jelas", "tambah", "imbuh", "lanjut",
    "tegas", "sebut", "terang", "papar", "pungkas", "seru", "tanya", "klaim", "tulis", "cuit",
    "jawab", "beber", "kilah",
]
# Verbs that introduce speech: X mengatakan (bahwa) …  /  X mengatakan: “…”
SPEECH_VERBS = [
    "mengatakan", "menyatakan", "menegaskan", "menyebut", "menyebutkan", "memperingatkan",
    "mengklaim", "mengumumkan", "menuduh", "mengutuk", "mengecam", "membantah", "menolak",
    "mengonfirmasi", "mengkonfirmasi", "mengungkapkan", "menginformasikan", "menambahkan",
    "mencatat", "melaporkan", "menilai", "berkata", "menjelaskan", "menyampaikan",
    "menekankan", "menyebutnya", "mengakui", "menyangkal", "memperkirakan", "meyakini",
    "menganggap", "mengingatkan", "menuturkan", "mengungkap", "membenarkan", "menyerukan",
    "mendesak", "meminta", "menduga", "menggambarkan", "menyarankan", "berujar", "bertanya",
    "mengkritik", "mengimbau", "memastikan", "memaparkan", "menulis", "mencuit", "mengaku",
    "berpendapat", "menerangkan", "mengemukakan", "menandaskan", "mengutarakan", "membeberkan",
    "menjawab",
]
# ("mengabaikan" and "menanggapi" are not speech verbs: "ignore", "respond to" take objects.)
# Words that negate the verb after them: "Dia tidak menyebutkan …" reports no statement.
NEGATIONS = ["tidak", "tak", "belum", "bukan", "enggan"]
# Role nouns and title words of a speaker phrase ("juru bicara Pentagon Sabrina Singh",
# "Seorang pejabat tinggi pemerintah"): a phrase with one of these is a possible speaker.
SPEAKER_ROLE_WORDS = [
    "juru bicara", "jubir", "menteri", "pejabat", "kepala", "presiden", "wakil", "sekretaris",
    "jenderal", "direktur", "ketua", "sumber", "analis", "pengamat", "diplomat",
    "duta besar", "dubes", "perdana menteri", "panglima", "komandan", "penasihat", "anggota",
    "pakar", "ahli", "peneliti", "juru runding", "senator", "gubernur", "kanselir",
    "pemimpin", "staf", "kementerian", "badan", "pemerintah", "dewan", "kantor", "kedutaan",
    "otoritas", "militer", "intelijen", "angkatan", "kepolisian", "polisi", "legislator",
    "perwira", "kolonel", "laksamana", "mayor", "kapten", "letnan", "menlu", "menhan",
    "kemlu", "kemenlu", "seorang", "para", "layanan berita", "kantor berita", "media",
    "surat kabar", "harian", "stasiun televisi", "situs berita", "luar", "negeri",
    "pertahanan", "keamanan", "nasional", "utama", "tinggi", "senior", "kabinet",
]
# Heads of a speaker phrase for people who speak for themselves, not for the institution or
# place named in the phrase ("Seorang analis keamanan di Seoul" is not Seoul): unlisted.
INDEPENDENT_SPEAKER_NOUNS = ["sumber", "analis", "pengamat", "pakar", "ahli", "peneliti",
                             "akademisi", "warga", "saksi", "rektor", "dosen", "profesor"]
# Heads that, after "seorang" (one person), name an individual speaking for themselves
# ("Seorang tentara Korea Utara yang ditawan … mengaku"), not the country in the phrase.
PERSON_NOUNS = ["tentara", "prajurit", "serdadu", "tawanan", "tahanan", "pria", "wanita",
                "perempuan", "pembelot", "relawan", "korban", "penduduk", "ibu", "ayah"]
# Verb prefixes: a word of 3+ letters after one of these reads as a verb ("mengirim",
# "dikerahkan", "bertempur"), not as part of a name or noun phrase.
VERB_PREFIXES = ["me", "mem", "men", "meng", "meny", "ber", "di", "ter", "per"]
# Prepositions after which a capitalised word is a place, not a speaker's name.
NAME_BLOCKING_PREPOSITIONS = ["untuk", "di", "dari", "ke", "bagi", "asal", "wilayah", "kota"]
# Words after a capitalised word that show it is a common noun ("Laporan itu menyebutkan").
NOT_NAME_FOLLOWERS = ["itu", "ini", "tersebut", "tadi", "lain", "baru"]
# Heads of a speaker phrase that name a news outlet ("Layanan berita … Yonhap mengatakan"):
# the outlet is then the cited source, and the speaker is whoever it reports.
OUTLET_NOUNS = ["layanan berita", "kantor berita", "media", "surat kabar", "harian",
                "stasiun televisi", "situs berita", "televisi", "radio"]
# Determiners dropped from the front of a speaker phrase.
SPEAKER_DETERMINERS = ["seorang", "para", "sejumlah", "beberapa", "baik", "sang", "pihak",
                       "banyak", "semua", "sebagian", "kedua", "salah satu", "setiap"]
# Words that start a leading adverbial ("Sementara itu, …", "Ketika ditanya …, X mengatakan").
LEAD_WORDS = [
    "menanggapi", "sementara", "namun", "tetapi", "pada", "di", "ketika", "saat", "lebih",
    "sebelumnya", "menurut", "dalam", "sejak", "selain", "terkait", "mengenai", "tentu",
    "awalnya", "kemudian", "sebagai", "setelah", "sesudah", "usai", "seusai", "akhirnya",
    "meski", "meskipun", "walaupun", "jika", "bahkan", "oleh", "karena", "untuk", "dari",
    "adapun", "secara", "selanjutnya", "sebelum", "berbicara", "dengan", "sebelumnya",
    "kini", "sekarang", "senada", "lalu", "selagi", "tak", "hingga", "sampai",
    "dikutip", "dilansir", "seperti", "sebagaimana", "mengutip", "kepada", "melansir",
    "beberapa", "sehari", "sepekan", "seminggu", "sebulan", "belakangan", "baru-baru",
]
# Words that open a new clause: the speaker of a verb is after the last of these.
CLAUSE_BREAKS = ["setelah", "sesudah", "sebelum", "ketika", "karena", "sehingga", "namun",
                 "tetapi", "sementara", "meskipun", "walaupun", "sedangkan", "agar", "yang",
                 "bahwa", "saat", "seraya", "sambil"]
# Conjunctions after a comma that open a second, contrasting clause with a speaker of its own
# ("AS menuduh …, sementara Moskow membantah …"): the first statement ends at the comma.
CONTRAST_BREAKS = ["sementara", "sedangkan", "sementara itu", "adapun", "namun", "tetapi", "tapi"]
# Adverbs between a speaker and the verb ("Austin juga menegaskan", "telah berulang kali").
SPEAKER_SKIP_WORDS = [
    "juga", "telah", "sudah", "pun", "hanya", "kemudian", "sebelumnya", "awalnya", "lalu",
    "berulang kali", "kali", "keduanya", "pernah", "sempat", "secara terbuka", "secara resmi",
    "akhirnya", "kembali", "sendiri", "baru-baru ini", "bahkan", "lagi", "pula", "terus",
    "selama ini", "sekali lagi", "langsung", "masih", "turut", "segera", "tegas",
]
# Coordinators before a second verb of the same speaker ("… dan mengatakan bahwa …").
COORDINATORS = ["dan", "serta", "namun", "tetapi", "tapi", "lalu", "kemudian", "sekaligus"]
# Prepositions of a frame phrase between speaker/verb and what was said
# ("mengatakan kepada CNN bahwa", "Austin, dalam kunjungannya ke Roma, mengatakan").
FRAME_PREPOSITIONS = ["kepada", "pada", "di", "dalam", "melalui", "lewat", "saat", "ketika",
                      "usai", "seusai", "dengan", "dari", "kepada para"]
# Words that end a speaker phrase after a post-quote cue ("… ,” kata Singh kepada wartawan").
ATTRIBUTION_STOPS = ["kepada", "di", "dalam", "pada", "dikutip", "seperti", "sebagaimana",
                     "yang", "setelah", "saat", "ketika", "menggunakan", "dilansir", "melalui",
                     "lewat", "usai", "seusai", "dan", "sambil", "seraya", "ketika", "dari",
                     "dengan", "menurut", "sebelum", "sesudah", "kemarin", "hari"]
# Phrases after "menurut" that name a source, not a speaker ("Menurut laporan dari Politico").
ACCORDING_TO_NOT_SPEAKER = ["laporan", "data", "informasi", "penilaian", "catatan", "hasil",
                            "survei", "analisis", "perkiraan", "dokumen"]
# Prepositional attribution: menurut X, …
ACCORDING_TO = ["menurut", "sebagaimana dikatakan", "seperti dikatakan"]
# Pronouns that refer back to an earlier speaker.
PRONOUNS = ["dia", "ia", "beliau", "mereka", "-nya"]
# A definite description as speaker refers back: "<noun> [..] itu/tersebut" ("Lembaga kajian itu
# mencatat" -> the last organisation speaker; "Pejabat tersebut menambahkan" -> the last person).
DEFINITE_MARKERS = ["itu", "tersebut"]
ORGANIZATION_NOUNS = ["lembaga", "badan", "kementerian", "institut", "organisasi", "aliansi",
                      "pusat", "dewan", "komite", "kantor", "pemerintah", "negara", "pihak",
                      "universitas", "kelompok", "perusahaan", "partai", "militer", "angkatan"]
# Phrases naming the outlet or channel a statement is quoted from; the name follows.
CITED_CUES = [
    "dikutip oleh", "seperti dikutip", "sebagaimana dikutip", "dikutip dari", "dikutip",
    "kepada", "menurut laporan dari", "menurut laporan", "melaporkan", "dilansir",
    "dilansir dari", "seperti dilansir", "di platform media sosial", "di media sosial",
    "lewat", "melalui", "disiarkan oleh", "disiarkan", "dimuat", "dilansir oleh",
    "mengutip", "melansir",
]
# Stance: words in the verb or the quoted text that mark the act of saying.
STANCE_WORDS = {
    "denies": ["membantah", "bantah", "menyangkal", "menolak", "tidak mengkonfirmasi",
               "tidak mengonfirmasi", "berita palsu", "tidak benar"],
    "condemns": ["mengutuk", "mengecam", "kecaman", "mengkritik", "ilegal", "provokasi",
                 "pelanggaran"],
    "warns": ["memperingatkan", "mengingatkan", "khawatir", "kekhawatiran",
              "mengkhawatirkan", "ancaman", "mengancam", "serius", "eskalasi", "berbahaya",
              "konsekuensi", "prihatin", "keprihatinan"],
    "confirms": ["mengonfirmasi", "mengkonfirmasi", "membenarkan", "bukti", "memastikan",
                 "mengklaim", "mengumumkan", "menuduh"],
}
STANCE_WORDS["denies"] += [
    "tidak berkomentar", "menolak berkomentar", "enggan berkomentar", "tidak mengomentari",
    "tidak punya informasi", "tidak memiliki informasi", "tidak ada yang bisa kami tambahkan",
    "tidak bisa mengatakan", "tidak dapat mengatakan", "tidak ada bukti", "tidak berdasar",
    "omong kosong", "kebohongan", "fitnah", "tuduhan palsu", "propaganda", "menepis",
]
STANCE_WORDS["warns"] += [
    "risiko", "berisiko", "terancam", "membahayakan", "bahaya", "sasaran yang sah",
    "target militer yang sah", "target yang sah", "memperburuk", "tidak menutup kemungkinan",
    "waspada", "mewaspadai",
]
STANCE_WORDS["condemns"] += ["melanggar", "tidak dapat diterima", "tidak bisa diterima",
                             "kejahatan", "biadab", "tidak boleh diam"]
# When no stance word matches: a statement that asserts that something happened confirms it
# ("Korea Utara telah mengirim …", "sedikitnya 100 tentara tewas"). Not after a negation.
ASSERTION_WORDS = ["telah", "sudah", "tewas", "terluka", "terbunuh", "ditangkap",
                   "tertangkap", "kini berada", "sedang berada", "tiba di", "dikerahkan ke"]
# Order in which stances win when several match.
STANCE_ORDER = ["denies", "condemns", "warns", "confirms"]

# --------------------------------------------------------------------------- numbers
NUMBER_WORDS = {
    "nol": 0, "satu": 1, "se": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6,
    "tujuh": 7, "delapan": 8, "sembilan": 9, "sepuluh": 10, "sebelas": 11, "seratus": 100,
    "seribu": 1000, "sejuta": 1_000_000,
}
MULTIPLIERS = {"belas": 10, "puluh": 10, "ratus": 100, "ribu": 1000, "rb": 1000,
               "juta": 1_000_000, "jt": 1_000_000, "miliar": 1_000_000_000}
# Vague quantities: word -> (low, high)
VAGUE_QUANTITIES = {
    "ratusan": (200, 999), "ribuan": (2000, 9999), "puluhan ribu": (20000, 99999),
    "belasan ribu": (11000, 19999), "jutaan": (2_000_000, 9_999_999),
    "puluhan": (20, 99), "belasan": (11, 19),
}
# Hedges and qualifiers before a number -> qualifier.
QUALIFIERS = {
    "at_least": ["setidaknya", "sedikitnya", "paling sedikit", "minimal", "lebih dari",
                 "lebih dari sekitar"],
    "about": ["sekitar", "kira-kira", "diperkirakan", "hampir", "kurang lebih", "lebih kurang",
              "sekira", "mendekati", "perkiraan"],
    "up_to": ["hingga", "sampai", "maksimal", "paling banyak", "mencapai", "kurang dari"],
    "exact": ["sebanyak", "total", "sejumlah", "berjumlah"],
}
# Nouns after a number that make it a troop figure.
TROOP_UNITS = ["tentara", "pasukan", "personel", "prajurit", "serdadu", "militer",
               "anggota pasukan", "orang tentara", "tentara korea utara", "pekerja"]
TROOP_UNITS += ["personil", "marinir", "tentaranya", "pasukannya", "prajuritnya"]
# Nouns after a number that make it NOT a troop estimate (ships, days, years, money…).
NON_ESTIMATE_UNITS = [
    "kapal", "hari", "minggu", "pekan", "bulan", "tahun", "jam", "menit", "detik", "persen",
    "%", "km", "kilometer", "meter", "dolar", "rupiah", "won", "rubel", "euro", "usd", "kali",
    "rudal", "drone", "tank", "pesawat", "negara", "artikel", "halaman", "kg", "ton",
]
# Category cues in the sentence around a figure.
CATEGORY_CUES = {
    "casualties": ["tewas", "terluka", "korban", "terbunuh", "meninggal", "luka-luka",
                   "gugur", "cedera", "ditawan"],
    "planned": ["berencana", "akan", "rencana", "menjelang", "direncanakan", "hendak",
                "bakal", "berniat"],
    "prepared": ["persiapan", "dipersiapkan", "disiapkan", "mempersiapkan", "menyiapkan",
                 "siaga"],
    "deployed": ["dikirim", "mengirim", "mengirimkan", "dikerahkan", "mengerahkan", "tiba",
                 "berada", "ditempatkan", "penempatan", "pengerahan", "dipindahkan",
                 "bergerak", "menjalani", "dikirimkan", "menempatkan", "diterjunkan",
                 "menerjunkan", "diberangkatkan", "memberangkatkan", "pengiriman",
                 "kehadiran", "hadir", "berlatih", "dilatih", "bertempur", "berperang",
                 "bergabung", "memindahkan", "telah mengirim", "diturunkan"],
}
# Words that say a figure was revised from an earlier one ("naik dari …").
REVISION_CUES = ["naik dari", "turun dari", "meningkat dari", "bertambah dari",
                 "dari perkiraan awal", "direvisi dari", "menambah perkiraan"]
# More vague quantities (same shape as VAGUE_QUANTITIES; a vague base word followed by
# "ribu"/"juta" not listed here scales its (low, high) by the multiplier).
VAGUE_EXTRA = {"beberapa ribu": (2000, 9999), "beberapa ratus": (200, 999),
               "beberapa puluh": (20, 99), "ratusan ribu": (200_000, 999_999),
               "beribu-ribu": (2000, 99_999)}
# Qualifiers AFTER a number: "3.000 lebih tentara" (more than), "10.000-an" (about).
QUALIFIERS_AFTER = {"at_least": ["lebih"], "about": ["-an", "an"]}
# Words joining the two ends of a range: "3.000 hingga 5.000", "3-5 ribu", "antara 3 dan 5".
RANGE_CONNECTORS = ["hingga", "sampai", "sampai dengan", "s/d", "s.d.", "-", "–", "—", "atau"]
RANGE_OPENERS = ["antara"]  # "antara 3.000 dan 5.000"
# Two-word units kept whole ("1.500 pasukan khusus"); otherwise the unit is the next word.
UNIT_PHRASES = ["pasukan khusus", "pasukan elite", "pasukan elit", "pasukan tambahan",
                "pasukan cadangan", "tentara bayaran", "tentara tambahan", "orang tentara",
                "orang prajurit", "orang personel", "anggota pasukan", "anggota militer",
                "personel militer", "personel tambahan", "awak kapal"]
# Words after a number that are not its unit (the unit is then NA).
NOT_UNITS = [
    "di", "ke", "dari", "yang", "dan", "atau", "pada", "untuk", "dengan", "hingga", "sampai",
    "dalam", "itu", "ini", "tersebut", "lebih", "kurang", "sekitar", "telah", "sudah", "akan",
    "juga", "per", "adalah", "merupakan", "sebagai", "oleh", "bahwa", "lagi", "saja", "pun",
    "menjadi", "sebelumnya", "kini", "saat", "namun", "tetapi", "tapi", "serta", "kata",
    "ujar", "menurut", "antara", "diantaranya", "di antaranya", "lainnya", "masih", "baru",
]
# A number right after these words is not a quantity: ages, times, ordinals, article numbers.
AGE_CUES = ["berusia", "usia", "umur", "berumur"]
TIME_CUES = ["pukul", "jam"]                       # "pukul 10.00"
TIME_ZONES = ["wib", "wita", "wit", "gmt", "utc"]  # "10.00 WIB"
NOT_QUANTITY_BEFORE = ["salah", "pasal", "nomor", "no", "resolusi", "ayat", "nomer"]
# A four-digit 1900-2100 after these words is a year ("tahun 2022", "sejak 2022").
YEAR_CUES = ["tahun", "sejak", "awal", "akhir", "pertengahan", "medio", "pada", "hingga",
             "sampai", "periode", "era", "musim", "anggaran", "th", "thn"]
# estimates: units that make a figure a casualty count when a casualty cue is in its clause
# ("500 orang tewas"), and markers that an action already happened ("telah mengirim").
CASUALTY_UNITS = ["orang", "jiwa", "korban"]
PERFECTIVE = ["telah", "sudah", "baru saja", "kini", "sekarang", "sedang"]
# Phrases after "menurut" that name a document or estimate, not a claimant ("menurut laporan
# dari Politico" -> cited source; "menurut penilaian kami" -> the quoted speaker).
ACCORDING_NOT_CLAIMANT = ["laporan", "penilaian", "perkiraan", "data", "informasi", "berita",
                          "catatan", "analisis"]
# More hedges ("melampaui 3.000" = more than), verbs that gather troops, revision cues.
QUALIFIERS["at_least"] += ["melampaui", "melebihi"]
QUALIFIERS["up_to"] += ["capai"]
QUALIFIERS["about"] += ["nyaris"]
CATEGORY_CUES["deployed"] += ["mengumpulkan", "dikumpulkan", "menghimpun", "ditempatkan"]
REVISION_CUES += ["menaikkan perkiraan", "menurunkan perkiraan", "merevisi perkiraan",
                  "perkiraan sebelumnya", "menaikkan estimasi", "menurunkan estimasi"]
# After a number: "8.000 di antaranya" (of them) refers back to the troops just counted.
PARTITIVES = ["di antaranya", "diantaranya", "dari jumlah itu", "dari jumlah tersebut"]
# Partitives with a pronoun: "200 dari mereka tewas" counts the troops named earlier.
PRONOUN_PARTITIVES = ["dari mereka", "di antara mereka", "di antaranya"]
# Phrases in which a category cue word is not that cue ("musim gugur" = autumn, not "killed").
NOT_CUES = {"casualties": ["musim gugur"]}
# Nouns that name a count of casualties ("total korban itu … 3.000").
CASUALTY_NOUNS = ["korban"]
CATEGORY_CUES["casualties"] += ["menangkap", "menawan", "dieksekusi"]
CATEGORY_CUES["prepared"] += ["menyiagakan", "disiagakan", "bersiaga"]
# A sentence opening with these reports an EARLIER figure: no as-of date unless one is given
# ("Awalnya, AS mengumumkan … 3.000 tentara" is not a figure of the publication day).
ANTERIOR = ["awalnya", "sebelumnya", "semula", "mulanya", "pada awalnya", "sejak awal"]
# Headlines use bare verbs: "Ukraina Klaim Ratusan Tentara …", "AS Sebut 10.000 …".
HEADLINE_CLAIM_VERBS = ["klaim", "sebut", "tuduh", "konfirmasi", "ungkap", "umumkan", "akui",
                        "perkirakan", "nilai", "kata", "laporkan", "ungkapkan"]
# "N tentara … di/ke <Place>": a figure of troops somewhere is a deployment when no other cue.
LOCATIVES = ["di", "ke", "menuju"]
# Planned cues that govern a figure from anywhere after it in its clause ("… menjelang Desember").
PLANNED_AFTER_ANYWHERE = ["menjelang", "direncanakan", "rencananya"]
TROOP_UNITS += ["perwira", "jenderal", "tentara bayaran", "relawan militer"]
CATEGORY_CUES["casualties"] += ["ditangkap", "tertangkap", "hilang", "menewaskan", "kehilangan",
                                "tawanan", "tewas atau terluka"]
CATEGORY_CUES["planned"] += ["bisa", "dapat", "berpotensi", "ingin", "rencananya"]
QUALIFIERS["at_least"] += ["setidak-tidaknya", "sekurang-kurangnya", "paling tidak",
                           "tidak kurang dari"]
QUALIFIERS["up_to"] += ["tidak lebih dari"]
# Qualifiers that give way to any other one before the same number ("diperkirakan mencapai
# 10.000" is about, not up_to).
WEAK_QUALIFIERS = ["mencapai", "capai", "sebanyak", "total", "sejumlah", "berjumlah"]
# Currency before a number: money, not a quantity of anything we count ("US$ 2 miliar").
CURRENCY_PREFIXES = ["rp", "rp.", "us$", "$", "usd", "€", "£", "eur"]
# Troop words that, BEFORE a number, are adjectives ("bantuan militer senilai 2 miliar").
NOT_TROOP_BEFORE = ["militer"]

# --------------------------------------------------------------------------- dates
MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "pebruari": 2, "maret": 3, "mar": 3,
    "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7,
    "agustus": 8, "agu": 8, "agt": 8, "ags": 8, "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "november": 11, "nov": 11, "nopember": 11,
    "desember": 12, "des": 12,
}
WEEKDAYS = {"senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "jum'at": 4,
            "sabtu": 5, "minggu": 6, "ahad": 6}
# Relative day expressions -> days before the publication date.
RELATIVE_DAYS = {"hari ini": 0, "kemarin": 1, "kemarin lusa": 2, "semalam": 1,
                 "tadi malam": 1, "tadi pagi": 0}
# Relative week expressions -> (weeks before publication)
RELATIVE_WEEKS = {"pekan lalu": 1, "minggu lalu": 1, "seminggu lalu": 1,
                  "dua pekan lalu": 2, "dua minggu lalu": 2}

# --------------------------------------------------------------------------- corpus
# Common Indonesian function words: a text is labelled language "id" when enough of its
# words are among these (a cheap check, not a language identifier; Malay also passes).
ID_FUNCTION_WORDS = [
    "yang", "dan", "di", "ke", "dari", "ini", "itu", "dengan", "untuk", "pada", "tidak",
    "bahwa", "akan", "dalam", "adalah", "juga", "telah", "oleh", "atau", "karena", "sebagai",
    "mereka", "kami", "kata", "sudah", "belum", "tersebut", "para", "namun", "saat",
]
# Web-address endings that mark a dateline word as an outlet name ("Suara.com", "TEMPO.CO").
OUTLET_DOMAIN_SUFFIXES = ["com", "co", "id", "net", "org", "tv", "news", "co.id", "or.id"]
