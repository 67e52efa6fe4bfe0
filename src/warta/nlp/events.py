"""The `warta_events` component: PLOVER/CAMEO events coded from the Indonesian sentence.

Triggers come from the reviewed lexicon `lexicons/events.tsv` (surface forms
with their voice). For each trigger in a sentence:

- **actors** follow Indonesian voice: active `meN-` verbs take the source
  before and the target after (`Pyongyang mengerahkan ribuan tentara ke
  Rusia`); passive `di-` verbs the target before and the source after `oleh`
  (`tersangka ditangkap oleh polisi`); reciprocal `ber-` verbs
  (`Putin dan Kim bertemu`, `Putin bertemu dengan Kim`) make both actors
  participants; nominalisations (`pertemuan antara X dan Y`, `kunjungan X ke
  Y`) take theirs from `antara`/`dengan` or the clause subject. Actors are
  people, organisations, states (including a capital standing for its
  state), titles standing in for a person, and military nouns with a state
  (`pasukan khusus Korea Utara` -> PRK MIL). Places after `di`/`ke`/`dari`
  are where things happen, not who does them.
- **actor codes**: the state (ISO3, from the role's qualifier, the
  organisation's country or the place itself) and a sector (the role's or
  organisation's sector; GOV for a state as such, MIL for armed forces).
- **date**: the closest DATE time expression in the sentence, else the
  publication date (`date_source: "published"`).
- **modality**: negated (`tidak`, `belum`, `membantah`), intended (`akan`,
  `berniat`), requested (`meminta ... untuk`), reported (`menurut X`,
  `dilaporkan`), else asserted.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from warta.model import Actor, Event
from warta.nlp import gazetteer
from warta.nlp.entities import entity_id

if not Doc.has_extension("events"):
    Doc.set_extension("events", default=None)

NEGATION = {"tidak", "tak", "belum", "bukan", "tanpa", "gagal", "enggan", "membantah", "batal"}
INTENTION = {"akan", "berniat", "berencana", "hendak", "ingin", "bakal", "siap", "bersedia", "merencanakan"}
REQUEST = {"meminta", "mendesak", "menyerukan", "mengimbau", "menuntut", "memohon"}
#: Entity labels for places and states: `LOC`, and `GPE` for a state named as a
#: political actor where the NER model makes that distinction.
PLACE_LABELS = ("LOC", "GPE")
#: Words before a state that make it a place, not an actor (`di perbatasan Thailand`).
PLACE_PREPOSITIONS = {"di", "dari", "dekat", "sekitar", "wilayah", "kota", "perbatasan", "perairan", "kawasan",
                      "daerah", "pesisir"}
#: Groups of people news names by what they are, not who: actors all the same
#: (`Ribuan buruh berunjuk rasa`), with their CAMEO-style sector.
GROUPS = {"mahasiswa": "EDU", "buruh": "LAB", "pekerja": "LAB", "warga": "CVL", "demonstran": "CVL",
          "pengunjuk rasa": "CVL", "massa": "CVL", "petani": "AGR", "nelayan": "CVL", "guru": "EDU",
          "pengemudi": "LAB", "aktivis": "CVL", "pemuda": "CVL", "penduduk": "CVL", "pengungsi": "REF",
          "kelompok bersenjata": "REB", "pemberontak": "REB", "militan": "REB", "teroris": "REB",
          "separatis": "REB", "polisi": "POL", "serikat buruh": "LAB", "jaksa": "JUD", "hakim": "JUD",
          "kepolisian": "POL", "pemerintah": "GOV", "pedagang": "BUS", "pemukim": "CVL", "nakhoda": "CVL"}
#: First words of the names of institutions (`Kantor Imigrasi Ngurah Rai`, `Pemerintah Kota Surabaya`).
INSTITUTION_HEADS = {"kantor", "badan", "dinas", "kementerian", "lembaga", "komisi", "pemerintah", "kepolisian",
                     "kejaksaan", "pengadilan", "mahkamah", "direktorat", "otoritas", "dewan"}
#: Unqualified institutions that Indonesian news means as Indonesia's own
#: (`diamankan polisi`, `Pemerintah akhirnya memenuhi tuntutan ...`): the
#: organisation alias they stand for, or None for the state itself.
HOME_STATE = "IDN"
HOME_INSTITUTIONS = {"polisi": "Polri", "kepolisian": "Polri", "pemerintah": None}
#: Words before a group noun that make its members suspects, not a group that acts.
SUSPECTED = {"terduga", "tersangka", "diduga"}
#: Words that end a group's description (`pekerja pelabuhan di Rotterdam`).
GROUP_STOPS = {"yang", "di", "ke", "dari", "dan", "itu", "ini", "untuk", "pada", "dalam", "telah", "sudah", "akan",
               "tidak", "juga", "masih", "sedang", "kembali", "mulai", "terus", "asal", "tersebut", "serta", "atau",
               "dengan", "oleh", "bagi", "kepada", "terhadap", "secara", "sejak", "hingga", "sampai", "saat",
               "ketika", "setelah", "karena", "sebanyak", "sekitar", "bahwa", "pun", "lagi", "mereka", "belum",
               "tanpa", "yakni", "yaitu", "seperti", "bersama", "selama", "antara", "sebagai", "lainnya", "lain"}
#: Nouns after a preposition that make it no party to the event (`atas inisiatif X`).
NOT_PARTIES = {"inisiatif", "permintaan", "undangan", "nama", "dasar", "perintah", "izin", "saran", "usul"}
MILITARY = {"pasukan", "tentara", "militer", "prajurit", "angkatan", "serdadu", "milisi", "tni", "marinir"}
POLICE = {"polisi", "kepolisian", "aparat"}
CONDITIONAL = {"jika", "apabila", "bila", "seandainya", "andaikan", "kalau"}
CLAUSE_BREAKS = {";", "bahwa", "mana", "sementara", "sedangkan", "namun", "tetapi", "ketika", "setelah", "sebelum",
                 "sehingga"}
#: Words that may stand between a military noun and its state: `pasukan khusus Korea Utara`.
MILITARY_MODIFIERS = {"khusus", "elite", "bersenjata", "gabungan", "darat", "laut", "udara", "perdamaian", "cadangan",
                      "reguler", "bayaran"}
#: Prepositions that introduce the other party of an event.
PARTY_PREPOSITIONS = {"dengan", "bersama", "kepada", "terhadap", "melawan", "atas", "untuk", "bagi", "ke"}
#: How far after a trigger its target may be found (tokens).
TARGET_WINDOW = 6
#: Types whose coordinated subject acts together: `Indonesia dan Uni Emirat Arab
#: menandatangani perjanjian` is one agreement between the two, not two.
JOINT_TYPES = {"AGREE", "COOPERATE", "CONSULT"}
COORDINATORS = {"dan", "serta", "maupun"}
#: Prepositions that introduce the target (not `antara`, `oleh`, places).
TARGET_PREPOSITIONS = {"dengan", "bersama", "kepada", "terhadap", "melawan", "atas", "untuk", "bagi", "ke"}
#: Prepositions that make a nominalised event a circumstance of the clause,
#: whose subject is then not its agent: `tewas dalam serangan`, `setelah penangkapan`.
NOUN_FRAMES = {"dalam", "dari", "setelah", "sebelum", "selama", "akibat", "karena", "usai", "pasca", "sejak"}
#: Head nouns between a nominalised event and its genitive actor (`serangan kelompok ISWAP`).
GENITIVE_HEADS = MILITARY | POLICE | {"kelompok", "pemerintah", "rezim", "otoritas", "pihak", "delegasi",
                                      "perwakilan", "utusan", "negara", "kubu", "faksi", "gerilyawan"}
QUANTIFIERS = {"seorang", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh",
               "puluhan", "ratusan", "ribuan", "belasan", "sejumlah", "beberapa", "para", "seluruh", "sekitar",
               "sedikitnya", "setidaknya", "orang"}
#: Nouns for people that head a phrase ending in their state (`warga negara Rusia`).
PEOPLE_NOUNS = {"warga", "negara", "orang", "nelayan", "pekerja", "buruh", "migran", "tentara", "pasukan",
                "prajurit", "aktivis", "jurnalis", "wartawan", "turis", "wisatawan", "mahasiswa", "pelajar",
                "sandera", "tahanan", "pengungsi", "diplomat", "pejabat", "asal", "relawan", "anggota", "awak",
                "kapal", "pilot", "tersangka", "terduga", "pelaku", "pemimpin", "komandan", "militan"}
#: Words before an actor that make it no object of the verb before them.
NOT_OBJECT_GOVERNORS = TARGET_PREPOSITIONS | PLACE_PREPOSITIONS | {"oleh", "antara", "yang", "dan", "serta", "atau",
                                                                   "menurut", "kata", "ujar"}
#: Words of the shape di-/ter- that are not passive verbs.
NOT_PASSIVE = {"diplomat", "diplomatik", "dinas", "direktur", "diskusi", "dialog", "distrik", "divisi", "diri",
               "dirinya", "terhadap", "termasuk", "terkait", "terakhir", "terbaru", "tertinggi", "terbesar",
               "terutama", "tersebut", "teroris", "terorisme", "tertentu", "terbuka", "terdekat", "terlama"}
#: Prepositions that end a relative clause's core: a trigger after them is no
#: longer that clause's verb (`Jepang yang baru terpilih melalui sambungan telepon`).
CIRCUMSTANCE = {"melalui", "lewat", "via", "dalam", "di", "pada", "setelah", "saat", "ketika", "sejak", "usai"}
#: Buildings named after the institution they house (`Gedung DPR`).
BUILDINGS = {"gedung", "kantor", "istana", "markas", "kompleks"}
#: Verbs of help after `untuk`: troops sent `untuk membantu X` are sent to X.
HELP_VERBS = {"membantu", "mendukung", "memperkuat", "menopang"}
#: Subordinators after which a clause may leave its subject unsaid (`setelah diancam`).
SUBORDINATORS = {"setelah", "sebelum", "ketika", "saat", "usai", "sesudah", "sejak", "sehingga"}
#: Prepositions of means: `melalui sambungan telepon` is how the clause's parties talked.
INSTRUMENTS = {"melalui", "lewat", "via"}
#: Verbs that state the aim of a protest right after it (`Demonstrasi menentang ...`).
AIM_VERBS = {"menentang", "menolak", "menuntut", "memprotes", "mengecam"}
#: Words before a nominalised event that make it the topic of talk, not an event.
TOPIC_WORDS = {"mengenai", "tentang", "soal", "membahas", "membicarakan", "terkait"}
#: Words between a threat or accusation and the act it speaks of (`mengancam akan
#: melancarkan serangan`): that act is its content, not an event.
CONTENT_LINKS = {"akan", "untuk", "telah", "dugaan", "melancarkan", "melakukan", "adanya", "terjadinya", "kembali"}
#: Verbs before `dalam <event>` whose subject takes part in the event
#: (`berpartisipasi dalam pertempuran`), unlike `tewas dalam serangan`.
PARTICIPATION = {"berpartisipasi", "ikut", "bergabung", "terlibat", "turut", "berperan", "bertempur", "berjuang"}
#: Words that may stand between `untuk`/`agar` and the verb they introduce.
ADVERBS = {"segera", "dapat", "bisa", "ikut", "turut", "kembali", "tidak", "mau", "juga", "lebih", "secepatnya"}


@dataclass(frozen=True)
class Trigger:
    text: str
    type: str
    mode: str | None
    cameo: str | None
    voice: str  # active | passive | reciprocal | noun


@cache
def lexicon() -> dict[str, Trigger]:
    path = resources.files("warta.nlp").joinpath("lexicons", "events.tsv")
    found: dict[str, Trigger] = {}
    if not path.is_file():
        return found
    header = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        columns = line.split("\t")
        if header is None:
            header = columns
            continue
        row = dict(zip(header, columns))
        trigger = row["trigger"].strip().lower()
        found[trigger] = Trigger(trigger, row["type"].strip(), row.get("mode", "").strip() or None,
                                 row.get("cameo", "").strip() or None, row.get("voice", "active").strip() or "active")
    return found


@cache
def not_events() -> tuple[str, ...]:
    """Phrases in which a trigger is not an event (`serangan jantung`, `ditahan imbang`): the
    `#!not-event` lines of the lexicon header."""
    path = resources.files("warta.nlp").joinpath("lexicons", "events.tsv")
    if not path.is_file():
        return ()
    return tuple(line.split("\t", 1)[1].strip().lower() for line in path.read_text(encoding="utf-8").splitlines()
                 if line.startswith("#!not-event\t"))


@cache
def _title_words() -> frozenset[str]:
    """Every word of every title (`menteri`, `luar`, `negeri`, `presiden`...)."""
    words = set()
    for role in gazetteer.roles():
        for form in (role.title, *role.aliases):
            words.update(form.lower().split())
    return frozenset(words - {"dan", "dari", "untuk", "bidang"})


@cache
def _role_sectors() -> dict[str, str]:
    return {role.title.lower(): role.sector for role in gazetteer.roles()}


def _country_of(text: str) -> str | None:
    places = gazetteer.place_index().get(text.lower().strip())
    if places:
        best = places[0]
        if best.kind == "country" or best.capital:
            return best.country
    return None


@dataclass
class _Actor:
    """A candidate actor in a sentence: a span of the text and what it is."""

    start: int  # characters
    end: int
    name: str
    entity_id: str | None
    code: str | None
    token_start: int
    token_end: int
    #: For "mereka" (they): the second of the two people it stands for.
    partner: "_Actor | None" = None
    #: The word that governs the actor's phrase, past any title before it
    #: (`dengan [Menteri Luar Negeri Jepang] Takeshi Iwaya` -> `dengan`), and its index.
    governor: str = ""
    governor_index: int = -1


class EventCoder:
    def __init__(self, nlp: Language):
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        triggers = lexicon()
        for trigger in triggers.values():
            forms = [nlp.make_doc(trigger.text)]
            if trigger.voice == "noun" and " " not in trigger.text:
                # `kunjungannya ke Bangkok`: the suffix -nya names the one who acts
                forms.append(nlp.make_doc(trigger.text + "nya"))
            self.matcher.add(trigger.text, forms)
        self.not_events = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.not_events.add("not-event", [nlp.make_doc(phrase) for phrase in not_events()])

    def __call__(self, doc: Doc) -> Doc:
        triggers = lexicon()
        matches = sorted(((start, end, doc.vocab.strings[match_id]) for match_id, start, end in self.matcher(doc)),
                         key=lambda m: (m[0], -(m[1] - m[0])))
        # A trigger inside a non-event phrase (`serangan jantung`) or inside a name
        # (`Pasukan Dukungan Cepat`) is no event.
        taken = {i for _, start, end in self.not_events(doc) for i in range(start, end)}
        taken.update(i for entity in doc.ents if entity.label_ in ("ORG", "PER") and len(entity) > 1
                     for i in range(entity.start, entity.end) if doc[i].text[:1].isupper())
        chosen = []
        for start, end, key in sorted(matches, key=lambda m: -(m[1] - m[0])):
            if not taken & set(range(start, end)):
                chosen.append((start, end, key))
                taken.update(range(start, end))
        chosen.sort()
        quotes = getattr(doc._, "quotes", None) or []
        times = getattr(doc._, "times", None) or [] if Doc.has_extension("times") else []
        counts = getattr(doc._, "counts", None) or [] if Doc.has_extension("counts") else []
        published = getattr(doc._, "published", None) if Doc.has_extension("published") else None
        events = []
        actors_of: dict[int, list[_Actor]] = {}
        uncoded = set()
        for start, end, key in chosen:
            sentence = doc[start].sent
            if sentence.start not in actors_of:
                actors_of[sentence.start] = self._actors(doc, sentence)
            if _not_coded(doc, sentence, start, triggers[key], chosen, triggers, actors_of[sentence.start]):
                uncoded.add(start)
        for start, end, key in chosen:
            trigger = triggers[key]
            span = doc[start:end]
            sentence = span.sent
            # Inside a direct quotation a trigger is the speaker's wording, and in
            # a conditional clause ("jika terjadi serangan") nothing happened.
            around = [q for q in quotes if q.start <= span.start_char < q.end]
            if any(q.kind in ("direct", "headline") for q in around):
                continue
            quote = around[0] if around else None
            if any(t.lower_ in CONDITIONAL for t in doc[sentence.start:start]):
                continue
            if sentence.start not in actors_of:
                actors_of[sentence.start] = self._actors(doc, sentence)
            actors = actors_of[sentence.start]
            if start in uncoded:
                continue
            # the next verb trigger takes the actors after it as its own
            stop = next((s for s, _, k in chosen if s >= end and s < sentence.end and s not in uncoded
                         and triggers[k].voice != "noun"), sentence.end)
            date, date_source = self._date(times, sentence, span, published)
            place_id, place = self._place(doc, sentence, actors, span)
            modality = self._modality(doc, sentence, start)
            event_counts = tuple(c.start for c in counts if sentence.start_char <= c.start < sentence.end_char
                                 and c.category in ("killed", "wounded", "deployed", "missing", "arrested",
                                                    "displaced"))
            in_reach = [a for a in actors if a.token_start < stop]
            self._sentence_actors = actors
            for source, target in self._assign(doc, sentence, start, end, trigger, in_reach):
                if target is None and place_id:
                    target = _host(trigger, place_id, source)
                if source is None and target is None:
                    continue
                confidence = 0.4 + 0.25 * (source is not None) + 0.25 * (target is not None) \
                    + 0.1 * (date_source == "text")
                events.append(Event(
                    type=trigger.type, mode=trigger.mode, cameo=trigger.cameo, trigger=span.text,
                    trigger_start=span.start_char, trigger_end=span.end_char,
                    sentence_start=sentence.start_char,
                    sentence_end=sentence.start_char + len(sentence.text.rstrip()),
                    source=_public(source), target=_public(target), place_id=place_id, place=place,
                    date=date, date_source=date_source, modality=modality,
                    counts=event_counts, quotes=(quote.start,) if quote else (), confidence=round(confidence, 2)))
        doc._.events = events
        return doc

    # -- actors --------------------------------------------------------------

    def _actors(self, doc: Doc, sentence) -> list[_Actor]:
        found: list[_Actor] = []
        ents = [e for e in doc.ents if sentence.start <= e.start and e.end <= sentence.end]
        roles = [r for r in (doc._.role_mentions or ()) if sentence.start_char <= r.start_char < sentence.end_char]
        for entity in ents:
            before = doc[entity.start - 1].lower_ if entity.start > sentence.start else ""
            if entity.label_ in PLACE_LABELS and not (entity._.attributes or {}).get("kind") and \
                    doc[entity.start].lower_ in INSTITUTION_HEADS and len(entity) > 1:
                # `Kantor Imigrasi Ngurah Rai` taken for a place: an institution, as written
                found.append(_Actor(entity.start_char, entity.end_char, entity.text, entity_id("ORG", entity.text),
                                    None, entity.start, entity.end))
                continue
            if entity.label_ in PLACE_LABELS:
                attributes = entity._.attributes or {}
                state = attributes.get("country") if attributes.get("kind") in ("country", "city") else None
                if attributes.get("kind") == "city" and state and _country_of(entity.text) is None:
                    state = None  # an ordinary city is a place, never an actor
                if state is None:
                    state = _capital_of(entity.text)  # `Jakarta` is a province and the capital
                military = self._military_head(doc, entity, sentence)
                if military is not None:
                    sector, head = military
                    if state and not _named_body(doc, head, entity.start):
                        name, state_id = _state(state)
                    else:
                        # `Kepolisian Diraja Malaysia`, `Tentara Arakan`: a named body, as written
                        name = doc[head:entity.end].text
                        state_id = entity_id("ORG", name)
                    found.append(_Actor(doc[head].idx, entity.end_char, name, state_id,
                                        f"{state} {sector}" if state else sector, head, entity.end))
                    continue
                if state is None or before in PLACE_PREPOSITIONS or _after_place(doc, entity, sentence):
                    continue
                name, state_id = _state(state)
                found.append(_Actor(entity.start_char, entity.end_char, name, state_id, f"{state} GOV",
                                    entity.start, entity.end))
            elif entity.label_ == "ORG":
                attributes = entity._.attributes or {}
                country = attributes.get("country") or None
                sector = attributes.get("type") or None
                last = entity.end
                while last - 1 > entity.start and doc[last - 1].text.islower():
                    last -= 1  # `Badan Keamanan Laut di`, `Pasukan Israel menahan`: a name ends in a name word
                span = doc[entity.start:last]
                described = _described_state(doc, span)
                if described is not None and not sector:
                    # `Pasukan Israel`, `Angkatan Laut Tiongkok`: the state, with the sector
                    iso3, sector = described
                    name, state_id = _state(iso3)
                    found.append(_Actor(span.start_char, span.end_char, name, state_id, f"{iso3} {sector}",
                                        span.start, span.end))
                    continue
                code = " ".join(x for x in (country, sector) if x) or None
                name = entity._.canonical
                if last < entity.end and name == entity.text:
                    name = span.text
                found.append(_Actor(span.start_char, span.end_char, name, entity._.entity_id, code,
                                    span.start, span.end))
            elif entity.label_ == "PER":
                found.append(_Actor(entity.start_char, entity.end_char, entity._.canonical, entity._.entity_id,
                                    self._person_code(entity._.role, entity._.role_title), entity.start, entity.end))
        for role in roles:
            token_start = next((t.i for t in sentence if t.idx >= role.start_char), sentence.start)
            token_end = next((t.i + 1 for t in reversed(sentence) if t.idx < role.end_char), token_start + 1)
            found = [a for a in found if not (role.start_char <= a.start < role.end_char)]
            found.append(_Actor(role.start_char, role.end_char, role.canonical, role.entity_id,
                                self._person_code(role.text, None), token_start, token_end))
        for token in sentence:
            if token.lower_ == "mereka":
                pair = _last_two_people(doc, token.idx)
                if pair:
                    first, second = (_Actor(token.idx, token.idx + len(token.text), p._.canonical, p._.entity_id,
                                            self._person_code(p._.role, p._.role_title), token.i, token.i + 1)
                                     for p in pair)
                    first.partner = second
                    found.append(first)
                continue
            if token.lower_ in ("ia", "dia", "beliau"):
                person = _last_person(doc, token.idx)
                if person is not None:
                    found.append(_Actor(token.idx, token.idx + len(token.text), person._.canonical,
                                        person._.entity_id, self._person_code(person._.role, person._.role_title),
                                        token.i, token.i + 1))
        taken = {i for a in found for i in range(a.token_start, a.token_end)}
        actor_starts = {a.token_start for a in found}
        places = {e.start: e for e in ents if e.label_ in PLACE_LABELS}
        for token in sentence:
            if token.i in taken:
                continue
            two = f"{token.lower_} {doc[token.i + 1].lower_}" if token.i + 1 < sentence.end else ""
            for noun, size in ((two, 2), (token.lower_, 1)):
                if noun not in GROUPS:
                    continue
                last = token.i + size
                if token.i > sentence.start and not token.text.islower() and noun not in HOME_INSTITUTIONS:
                    break  # `Hari Buruh`: part of a name
                # `warga negara Indonesia`, `hakim Mahkamah Pidana Internasional`: the
                # state or body names them
                if any(k in actor_starts for k in range(last, last + 2)):
                    break
                if token.i > sentence.start and doc[token.i - 1].lower_ in SUSPECTED:
                    break  # `dua terduga teroris`: suspects, no group that acts
                if last < sentence.end and doc[last].lower_ in GROUPS:
                    break  # `aktivis mahasiswa`, `serikat buruh`: the second noun says who they are
                link = last + 1 if last < sentence.end and doc[last].lower_ in ("asal", "negara") else last
                place = places.get(link)
                iso3 = (place._.attributes or {}).get("country") if place is not None else None
                if iso3:
                    # `warga Gaza` -> Palestina: people of a place stand for its state
                    name, state_id = _state(iso3)
                    found.append(_Actor(token.idx, place.end_char, name, state_id, f"{iso3} {GROUPS[noun]}",
                                        token.i, place.end))
                    break
                if noun in HOME_INSTITUTIONS:
                    named = last
                    while named < sentence.end and doc[named].text[:1].isupper() and doc[named].is_alpha:
                        named += 1
                    if named > last and token.text[:1].isupper():
                        # `Pemerintah Kota Surabaya`: a named institution, as written
                        words = doc[token.i:named]
                        iso3 = next((c for size in (2, 1) if named - size > last
                                     for c in [_country_of(doc[named - size:named].text)] if c), None)
                        found.append(_Actor(token.idx, words.end_char, words.text, entity_id("ORG", words.text),
                                            f"{iso3} {GROUPS[noun]}" if iso3 else GROUPS[noun], token.i, named))
                        break
                    if token.i > sentence.start and not token.text.islower():
                        break
                    # an unqualified `polisi`, `pemerintah` in Indonesian news is Indonesia's
                    found.append(_home_institution(noun, token.idx, doc[last - 1], token.i, last))
                    break
                while last < sentence.end and last - token.i < size + 2 and _group_modifier(doc[last]):
                    last += 1  # `pekerja pelabuhan`, `pengemudi ojek daring`
                if any(k in actor_starts for k in range(last, last + 2)):
                    break  # `Aktivis lingkungan asal Jerman`, `Aktivis lingkungan Aditya Pranoto`
                words = doc[token.i:last]
                found.append(_Actor(token.idx, words.end_char, words.text.lower(), None, GROUPS[noun],
                                    token.i, last))
                break
        # A military description that covers an organisation the NER found inside it
        # (`Kepala Staf [Angkatan Darat] Singapura`) replaces it.
        found = [a for a in found if not any(b is not a and b.token_start <= a.token_start and a.token_end <= b.token_end
                                             and (b.token_end - b.token_start) > (a.token_end - a.token_start)
                                             for b in found)]
        # `Kepala Dinas Perhubungan Provinsi Sulawesi Tenggara, Teguh Santoso,`: the
        # person in apposition is the actor the description stands for.
        people = {a.token_start: a for a in found if a.entity_id and a.entity_id.startswith("per:")}
        for actor in list(found):
            comma = actor.token_end
            person = people.get(comma + 1)
            if person is not None and person is not actor and comma < sentence.end and doc[comma].text == "," \
                    and (person.token_end >= sentence.end or doc[person.token_end].text in (",", ")")):
                actor.name, actor.entity_id, actor.code = person.name, person.entity_id, person.code or actor.code
                found.remove(person)
        # A state right between a title and a name qualifies the title
        # (`Menteri Luar Negeri [Australia] Penny Wong`): not an actor of its own.
        people_starts = {a.token_start for a in found}
        titles = _title_words()
        found = [a for a in found if not (
            a.token_end in people_starts and a.token_start > sentence.start
            and (doc[a.token_start - 1].lower_ in titles or doc[a.token_start - 1].text.islower()) and any(
                b.token_start == a.token_end and b.entity_id and b.entity_id.startswith("per:") for b in found))]
        for actor in found:
            actor.governor, actor.governor_index = _governor(doc, actor.token_start, sentence.start, titles)
        # "Menurut Korea Selatan, Pyongyang kehilangan ...": the source of the
        # report is not an actor of the event.
        first = next((t for t in sentence if not t.is_space), None)
        if first is not None and first.lower_ == "menurut":
            comma = next((t.i for t in sentence if t.text == ","), None)
            if comma is not None:
                found = [a for a in found if a.token_start > comma]
        found.sort(key=lambda a: a.start)
        return found

    @staticmethod
    def _military_head(doc: Doc, entity, sentence) -> tuple[str, int] | None:
        """`pasukan khusus Korea Utara`, `tentara Rusia`: (sector, first token)."""
        for distance in (1, 2, 3):
            index = entity.start - distance
            if index < sentence.start:
                break
            word = doc[index].lower_
            if word in MILITARY:
                return "MIL", index
            if word in POLICE:
                return "POL", index
            if word not in MILITARY_MODIFIERS and not (doc[index].text[:1].isupper() and doc[index].is_alpha
                                                       and index > sentence.start):
                break  # (capitalised words may be a body's name: `Kepolisian Diraja Malaysia`)
        return None

    @staticmethod
    def _person_code(role: str | None, title: str | None) -> str | None:
        if not role:
            return None
        title = (title or "").lower()
        sectors = _role_sectors()
        sector = sectors.get(title)
        if sector is None:
            for known in sorted(sectors, key=len, reverse=True):
                if role.lower().startswith(known):
                    sector, title = sectors[known], known
                    break
        qualifier = role[len(title):].strip() if title and role.lower().startswith(title) else ""
        country = _country_of(qualifier) if qualifier else None
        parts = [x for x in (country, sector) if x]
        return " ".join(parts) or None

    def _assign(self, doc: Doc, sentence, start: int, end: int, trigger: Trigger,
                actors: list[_Actor]) -> list[tuple[_Actor | None, _Actor | None]]:
        """(source, target) pairs of one trigger: one per actor of a coordination
        (`dikecam oleh Tokyo dan Seoul` is two events), one for a joint act
        (`Indonesia dan Uni Emirat Arab menandatangani ...` is one, X with Y)."""
        # `setelah perundingan`: a nominalised event after a preposition opens no new clause
        framed = trigger.voice == "noun" and start > sentence.start and doc[start - 1].lower_ in NOUN_FRAMES
        before = [a for a in actors if a.token_end <= start and not _broken(doc, a.token_end, start - framed)]
        # An actor may begin inside the trigger: `bantuan [militer Amerika Serikat]`.
        after = [a for a in actors if a.token_start >= end or (start <= a.token_start < end < a.token_end)]

        def near(actor: _Actor, window: int = TARGET_WINDOW) -> bool:
            point = max(_point(actor), end - 1)
            return point - end <= window and not _crosses_comma(doc, end, point) and not _broken(doc, end, point)

        voice, joint = trigger.voice, trigger.voice == "reciprocal" or trigger.type in JOINT_TYPES
        if voice == "passive":
            agent = next((a for a in after if a.governor == "oleh" and near(a, 10)), None)
            if agent is None:
                # `diamankan polisi`, `yang ditahan Israel`: the agent right after the verb
                agent = next((a for a in after if near(a, 3) and a.governor not in PARTY_PREPOSITIONS | {"asal"}), None)
            patient = _subject(doc, before, start)
            if patient is None:
                patient = _carried_subject(doc, sentence, start, actors)
                if patient is not None and agent is None:
                    # `dibebaskan oleh otoritas Iran setelah ditahan`: the same agent held them
                    agent = next((a for a in actors if a.governor == "oleh" and patient.token_end <= a.token_start
                                  < start), None)
            if trigger.type == "MOBILIZE":
                # "Ribuan tentara Korea Utara dikerahkan ke ...": the troops' state deploys them,
                # to a state or to help one (`untuk membantu pasukan Rusia`).
                destination = next((a for a in after if a.governor == "ke" and near(a, 8)), None) or \
                    _helped(doc, end, self._after(self._sentence_actors, end))
                return self._pairs(actors, patient, destination, False)
            if patient is None and joint and agent is not None:
                # `Kesepakatan itu diteken oleh perwakilan Thailand dan Kamboja`
                return self._pairs(actors, agent, None, True)
            return self._pairs(actors, agent, patient, False)
        subject = _controller(doc, start, actors) or _subject(doc, before, start) or \
            _carried_subject(doc, sentence, start, actors)
        if voice == "noun" and doc[end - 1].lower_.endswith("nya") and not trigger.text.endswith("nya"):
            # `selama kunjungannya ke Bangkok`: -nya is the clause subject
            subject = _subject(doc, [a for a in actors if a.token_end <= start], start)
            partner = next((a for a in after if a.governor in TARGET_PREPOSITIONS and near(a, 6)), None)
            return self._pairs(actors, subject, partner, False)
        if voice == "noun":
            between = next((a for a in after if a.governor == "antara" and near(a, 4)), None)
            if between is not None:
                rest = [a for a in after if a.token_start > between.token_end]
                return self._pairs(actors, between, None if _conjuncts(doc, between, actors)[1:] else
                                   (rest[0] if rest else None), True)
            # `oleh X` after a later passive verb is that verb's agent: `Dukungan Jepang ...
            # ditegaskan kembali oleh Duta Besar Jepang`
            agent = next((a for a in after if a.governor == "oleh" and near(a, 10)
                          and not _passive_verb_between(doc, end, a.governor_index)), None)
            genitive = next((a for a in after if a is not agent and _genitive(doc, end, a)), None)
            if agent is not None and genitive is None:
                # `Penculikan seorang pilot asal Selandia Baru oleh TPNPB-OPM`
                genitive = next((a for a in after if a.token_end <= agent.token_start
                                 and a.governor not in NOT_OBJECT_GOVERNORS), None)
            partner = next((a for a in after if a not in (agent, genitive) and a.governor in TARGET_PREPOSITIONS
                            and near(a, 12)), None)
            if genitive is None and agent is None and end < sentence.end and doc[end].lower_ == "dari":
                # `memicu kecaman dari Brasilia`: the one who reacts, against the clause subject
                source = next((a for a in self._place_states(doc, end + 1, sentence)), None)
                if source is not None:
                    return self._pairs(actors, source, subject, False)
            if trigger.type == "PROTEST" and genitive is None and end < sentence.end and doc[end].lower_ in AIM_VERBS:
                # `Demonstrasi menentang kebijakan imigrasi pemerintah Inggris`: what the protest is against
                aim = next((a for a in after if a.token_start - end <= 6), None)
                return self._pairs(actors, subject, aim, False)
            if agent is not None:
                # `Pembebasan sandera asal Thailand oleh Hamas`: the genitive undergoes it
                return self._pairs(actors, agent, genitive if genitive is not None and genitive.token_start <
                                   agent.token_start else partner, False)
            if genitive is not None:
                # `serangan Israel terhadap ...`, `kunjungan Putin ke Pyongyang`; `atas undangan X`:
                # X invites the subject
                if partner is None and start > sentence.start and doc[start - 1].lower_ == "atas":
                    partner = subject
                if partner is not None and partner.entity_id and partner.entity_id == genitive.entity_id:
                    partner = None
                if partner is None:
                    partner = _party_after(doc, end, trigger, self._after(self._sentence_actors, end))
                return self._pairs(actors, genitive, partner, False)
            if start > sentence.start and doc[start - 1].lower_ in INSTRUMENTS and subject is not None:
                # `mengucapkan selamat kepada X melalui sambungan telepon`: the clause's own parties
                party = next((a for a in reversed(before) if a is not subject and a.governor in TARGET_PREPOSITIONS),
                             None)
                return self._pairs(actors, subject, party or partner, False)
            if framed and start - 1 == sentence.start:
                # `Dalam percakapan telepon dengan X pada Rabu malam, Perdana Menteri Jepang ...`:
                # a fronted phrase; its subject is the main clause's, after the comma
                comma = next((t.i for t in doc[end:sentence.end] if t.text == ","), None)
                main = next((a for a in after if comma is not None and a.token_start > comma
                             and a.governor in ("", "yang")), None)
                if main is not None:
                    return self._pairs(actors, main, partner, False)
            if start > sentence.start + 1 and doc[start - 1].lower_ in NOUN_FRAMES and trigger.type not in JOINT_TYPES \
                    and doc[start - 2].lower_ not in PARTICIPATION \
                    and not (partner is not None and partner.governor in ("melawan", "dengan")):
                # `tewas dalam serangan`: the clause subject suffers the act, it does not do it
                # (but `berpartisipasi dalam pertempuran`, `dalam pertempuran melawan Kiev`)
                subject = None
            if subject is None:
                pair = next((a for a in after if near(a, 3) and a.governor not in TARGET_PREPOSITIONS), None)
                if pair is not None:
                    return self._pairs(actors, pair, partner, False)
            target = partner
        elif voice == "reciprocal" and len(_conjuncts(doc, subject, actors)) > 1 if subject else False:
            return self._pairs(actors, subject, None, True)
        else:
            # the direct object first (`meminta Mahkamah Internasional memutuskan ... dengan Thailand`),
            # then the party after a preposition
            target = next((a for a in after if a is not subject and _direct_object(doc, end, a)), None)
            if target is None:
                target = next((a for a in after if a is not subject and a.governor in TARGET_PREPOSITIONS
                               and near(a, 12)), None)
            if target is None:
                # the actor of the object phrase: `menyerang kapal-kapal Amerika Serikat`,
                # `mengapresiasi langkah Arab Saudi`
                target = next((a for a in after if a is not subject and near(a, 3)
                               and a.governor not in NOT_OBJECT_GOVERNORS), None)
        if target is None and subject is not None and subject.partner is not None:
            target = subject.partner  # "mereka menandatangani ...", "pertemuan keempat mereka"
        if target is None and joint and subject is not None and len(_conjuncts(doc, subject, actors)) > 1:
            return self._pairs(actors, subject, None, True)
        if trigger.mode == "deport":
            # deportees go home: `mendeportasi ... pekerja migran ... ke Indonesia`
            home = next((a for a in after if a.governor == "ke" and a.code and a.code.endswith("GOV")), None)
            target = home or target
        if target is not None and subject is not None and target.entity_id and target.entity_id == subject.entity_id:
            target = None  # `Indonesia menuntut pembebasan relawan ... asal Indonesia yang ditahan Israel`
        if target is None:
            target = _party_after(doc, end, trigger, self._after(self._sentence_actors, end))
        if target is None and trigger.type == "MOBILIZE":
            target = _helped(doc, end, self._after(self._sentence_actors, end))
        return self._pairs(actors, subject, target, False)

    @staticmethod
    def _after(actors: list[_Actor], end: int) -> list[_Actor]:
        return [a for a in actors if a.token_start >= end]

    @staticmethod
    def _place_states(doc: Doc, index: int, sentence):
        """States named at token `index` even as a place (`dari Brasilia`)."""
        for entity in doc.ents:
            if entity.start == index and entity.label_ in PLACE_LABELS:
                attributes = entity._.attributes or {}
                iso3 = attributes.get("country") if attributes.get("kind") == "country" else _capital_of(entity.text)
                if iso3:
                    name, state_id = _state(iso3)
                    yield _Actor(entity.start_char, entity.end_char, name, state_id, f"{iso3} GOV",
                                 entity.start, entity.end)

    @staticmethod
    def _pairs(actors: list[_Actor], source: _Actor | None, target: _Actor | None,
               joint: bool) -> list[tuple[_Actor | None, _Actor | None]]:
        """Spread a coordination over events. A joint act pairs its first two
        coordinated actors (`X dan Y bertemu`: X with Y); otherwise each actor of
        a coordinated source or target is an event of its own."""
        doc_actors = actors
        if target is None and source is not None and source.partner is not None:
            target = source.partner  # "mereka menandatangani ...", "pertemuan keempat mereka"
        if joint and source is not None:
            together = _conjuncts(None, source, doc_actors)
            if len(together) > 1:
                return [(together[0], together[1])]
        sources = _conjuncts(None, source, doc_actors) if source is not None else [None]
        targets = _conjuncts(None, target, doc_actors) if target is not None else [None]
        # an actor does nothing to itself: `Australia mengirimkan bantuan senilai 10 juta dolar Australia`
        return [(s, None if s is not None and t is not None and s.entity_id and s.entity_id == t.entity_id else t)
                for s in sources for t in targets]

    # -- time, place, modality ---------------------------------------------------

    @staticmethod
    def _date(times, sentence, span, published) -> tuple[str | None, str]:
        dates = [t for t in times if t.type in ("DATE", "TIME") and sentence.start_char <= t.start < sentence.end_char]
        if dates:
            closest = min(dates, key=lambda t: abs(t.start - span.start_char))
            return closest.value, "text"
        return (published.isoformat() if published else None), "published"

    @staticmethod
    def _place(doc: Doc, sentence, actors: list[_Actor], trigger) -> tuple[str | None, str | None]:
        """Where: the place (after `di`, `ke`, `wilayah`...) nearest the trigger,
        preferring one that follows it."""
        actor_starts = {a.start for a in actors}
        candidates = []
        for entity in doc.ents:
            if not (sentence.start <= entity.start and entity.end <= sentence.end) or entity.label_ not in PLACE_LABELS:
                continue
            if entity.start_char in actor_starts:
                continue
            before = doc[entity.start - 1].lower_ if entity.start > 0 else ""
            if before in ("di", "ke", "dekat", "sekitar", "wilayah", "kota", "perairan") or \
                    entity.text.lower().startswith("wilayah"):
                after_trigger = entity.start >= trigger.end
                distance = entity.start - trigger.end if after_trigger else (trigger.start - entity.end) + 3
                candidates.append((distance, entity))
        if not candidates:
            return None, None
        entity = min(candidates, key=lambda c: c[0])[1]
        return (entity._.attributes or {}).get("place_id"), entity._.canonical

    @staticmethod
    def _modality(doc: Doc, sentence, start: int) -> str:
        window = [t.lower_ for t in doc[max(sentence.start, start - 4):start]]
        if any(w in NEGATION for w in window):
            return "negated"
        if any(w in INTENTION for w in window):
            return "intended"
        if any(t.lower_ in REQUEST for t in doc[sentence.start:start]) and \
                any(t.lower_ == "untuk" or t.lower_ == "agar" for t in doc[sentence.start:start]):
            return "requested"
        words = {t.lower_ for t in sentence}
        if "menurut" in words or "dilaporkan" in words or "kabarnya" in words:
            return "reported"
        return "asserted"


@cache
def _state(iso3: str) -> tuple[str, str]:
    """A state's Indonesian name and entity id: `PRK` -> (`Korea Utara`, `loc:korea-utara`)."""
    place = gazetteer.place_by_id().get(f"iso:{iso3}")
    name = place.name if place else iso3
    return name, entity_id("LOC", name)


def _public(actor: _Actor | None) -> Actor | None:
    return Actor(actor.name, actor.entity_id, actor.code) if actor is not None else None


def _word_before(doc: Doc, token: int) -> str:
    return doc[token - 1].lower_ if token > 0 else ""


def _governor(doc: Doc, token: int, floor: int, titles: frozenset[str]) -> tuple[str, int]:
    """The lower-case word before an actor's phrase, skipping its title and
    qualifiers: `dengan Menteri Luar Negeri Jepang Takeshi Iwaya` -> `dengan`."""
    index = token - 1
    while index >= floor and (doc[index].lower_ in titles or (doc[index].text[:1].isupper() and index > floor)):
        index -= 1
    if index < floor or doc[index].is_punct:
        return "", -1
    # `terhadap [diplomasi] Indonesia`, `bagi [warga] Gaza`: a noun or two between
    # the preposition and the actor still leaves the preposition in charge.
    for back in (1, 2):
        earlier = index - back
        if earlier >= floor and doc[earlier].lower_ in PARTY_PREPOSITIONS | {"antara", "oleh"} and \
                all(not t.is_punct and t.text[:1].islower() for t in doc[earlier + 1:index + 1]):
            if any(t.lower_ in NOT_PARTIES for t in doc[earlier + 1:index + 1]):
                return "", -1
            return doc[earlier].lower_, earlier
    return doc[index].lower_, index


def _not_coded(doc: Doc, sentence, start: int, trigger: Trigger, chosen, triggers, actors) -> bool:
    """Triggers that name no event of their own here:

    - the content of a threat, accusation or investigation (`mengancam akan
      melancarkan serangan`, `menyelidiki dugaan penganiayaan`);
    - the aim of a protest (`berunjuk rasa ... menolak ...`), which PLOVER codes
      as the protest itself;
    - the topic of talks (`perundingan mengenai pengerahan pasukan`).
    """
    if start > sentence.start and doc[start - 1].lower_ in TOPIC_WORDS:
        return True
    earlier = [(s, e, triggers[k]) for s, e, k in chosen if sentence.start <= s and e <= start]
    if not earlier:
        return False
    s, e, previous = earlier[-1]
    gap = doc[e:start]
    if previous.type in ("THREATEN", "ACCUSE") and 0 < len(gap) <= 3 and all(t.lower_ in CONTENT_LINKS for t in gap):
        return True
    if trigger.type in ("REJECT", "REQUEST") and trigger.voice == "active" and \
            any(p.type == "PROTEST" for _, _, p in earlier):
        protest_end = max(e for _, e, p in earlier if p.type == "PROTEST")
        if not _broken(doc, protest_end, start) and not any(protest_end <= a.token_start < start and
                                                            a.governor in ("", "dan") for a in actors):
            return True
    return False


def _party_after(doc: Doc, end: int, trigger: Trigger, after: list[_Actor]) -> _Actor | None:
    """A target the object phrase names indirectly:

    - the author of what is rejected or backed, in a passive relative clause:
      `menolak usulan ... yang diajukan oleh Mesir dan Qatar`, `dukungan bagi
      proposal ... yang diajukan utusan Amerika Serikat`;
    - the one accused, as subject of the `bahwa` clause: `Tuduhan Washington
      bahwa Beijing melakukan ...`;
    - the institution in front of whose building a protest is held: `di depan
      kantor Kementerian Lingkungan Hidup`.
    """
    window = doc[end:min(end + 8, doc[end - 1].sent.end)]
    for token in window:
        if token.lower_ == "yang" and token.i + 1 < len(doc) and doc[token.i + 1].lower_.startswith("di") \
                and doc[token.i + 1].lower_ not in NOT_PASSIVE and len(doc[token.i + 1]) > 4:
            verb = token.i + 1
            return next((a for a in after if verb < a.token_start <= verb + 4 and a.governor not in
                         TARGET_PREPOSITIONS | PLACE_PREPOSITIONS), None)
        if token.lower_ == "bahwa" and trigger.type == "ACCUSE":
            return next((a for a in after if a.token_start in (token.i + 1, token.i + 2)), None)
        if token.lower_ == "depan" and trigger.type == "PROTEST":
            return next((a for a in after if token.i < a.token_start <= token.i + 3 and
                         not (a.code or "").endswith(" GOV")), None) or _building_owner(doc, token.i + 1)
        if token.lower_ == "milik" and trigger.type == "COERCE":
            # `menyita aset ... milik pengusaha Hendro Wijaya`: the owner undergoes it
            return next((a for a in after if token.i < a.token_start <= token.i + 3), None)
    return None


def _building_owner(doc: Doc, index: int) -> _Actor | None:
    """The institution a building is named after: `Gedung DPR` -> the DPR."""
    entity = next((e for e in doc.ents if e.start in (index, index + 1) and e.label_ in PLACE_LABELS), None)
    if entity is None or len(entity) < 2 or entity[0].lower_ not in BUILDINGS:
        return None
    org = _organization_index().get(entity[1:].text.lower())
    if org is None:
        return None
    return _Actor(entity.start_char, entity.end_char, org.name, entity_id("ORG", org.name),
                  " ".join(x for x in (org.country, org.type) if x) or None, entity.start, entity.end)


@cache
def _organization_index() -> dict:
    index = {}
    for org in gazetteer.organizations():
        for form in (org.name, *org.aliases):
            index.setdefault(form.lower(), org)
    return index


def _carried_subject(doc: Doc, sentence, start: int, actors: list[_Actor]) -> _Actor | None:
    """The subject a subordinate clause without one shares with the clause
    before it: `Farid Ahmadzai yang melarikan diri dari Kabul setelah diancam
    Taliban`, `... itu dibebaskan oleh otoritas Iran setelah ditahan`."""
    index = start - 1
    while index > sentence.start and doc[index].lower_ in ADVERBS | {"sempat", "telah", "sudah", "pernah"}:
        index -= 1
    if index <= sentence.start or doc[index].lower_ not in SUBORDINATORS:
        return None
    earlier = [a for a in actors if a.token_end <= index and not _broken(doc, a.token_end, index)]
    return _subject(doc, earlier, index)


def _helped(doc: Doc, end: int, after: list[_Actor]) -> _Actor | None:
    """The one troops are sent to help: `dikerahkan ke wilayah Kursk untuk
    membantu pasukan Rusia` -> Rusia."""
    sentence_end = doc[end - 1].sent.end
    verb = next((t.i for t in doc[end:min(end + 10, sentence_end)] if t.lower_ in HELP_VERBS
                 and doc[t.i - 1].lower_ in ("untuk", "guna")), None)
    if verb is None:
        return None
    return next((a for a in after if verb < a.token_start <= verb + 2), None)


def _capital_of(text: str) -> str | None:
    """The state whose capital this name is, even where the name also means a
    province (`Jakarta`)."""
    return next((p.capital for p in gazetteer.place_index().get(text.lower().strip(), ()) if p.capital), None)


def _named_body(doc: Doc, head: int, name_start: int) -> bool:
    """`Kepolisian Diraja Malaysia`, `Tentara Arakan`: a capitalised name, not a
    description (`pasukan khusus Korea Utara`, `Angkatan Laut Tiongkok`)."""
    words = doc[head + 1:name_start]
    if not doc[head].text[:1].isupper():
        return False
    return any(t.text[:1].isupper() and t.lower_ not in MILITARY_MODIFIERS for t in words)


def _after_place(doc: Doc, entity, sentence) -> bool:
    """A state or capital right after a smaller place qualifies it (`wilayah
    Kursk Rusia`, `di Istana Negara, Jakarta`): a place, not an actor."""
    index = entity.start - 1
    if index >= sentence.start and doc[index].text == ",":
        index -= 1
    if index < sentence.start or doc[index].ent_type_ not in PLACE_LABELS + ("ORG",):
        return False
    previous = next((e for e in doc.ents if e.start <= index < e.end), None)
    if previous is None:
        return False
    if previous.label_ == "ORG":
        # `kantor Kementerian Lingkungan Hidup, Jakarta`, unless a list goes on
        return doc[index + 1].text == "," and (entity.end >= sentence.end or doc[entity.end].text in (",", ".", ")")) \
            and not (entity.end + 1 < sentence.end and doc[entity.end + 1].lower_ in COORDINATORS)
    attributes = previous._.attributes or {}
    return attributes.get("kind") not in (None, "country") and _capital_of(previous.text) is None


def _described_state(doc: Doc, entity) -> tuple[str, str] | None:
    """(state, sector) of an organisation name that only describes a state's
    forces or authorities: `Pasukan Israel`, `Angkatan Laut Tiongkok`, `Junta
    Myanmar`, `otoritas imigrasi Australia`."""
    head = doc[entity.start].lower_
    sector = "MIL" if head in MILITARY or head == "junta" else "POL" if head in POLICE else \
        "GOV" if head in ("pemerintah", "otoritas", "rezim") else None
    if sector is None:
        return None
    for size in (1, 2, 3):
        if entity.end - size <= entity.start:
            break
        iso3 = _country_of(doc[entity.end - size:entity.end].text)
        if iso3:
            middle = doc[entity.start + 1:entity.end - size]
            if all(t.lower_ in MILITARY_MODIFIERS or t.text.islower() for t in middle):
                return iso3, sector
            return None
    return None


def _home_institution(noun: str, start_char: int, last, token_start: int, token_end: int) -> "_Actor":
    alias = HOME_INSTITUTIONS[noun]
    end_char = last.idx + len(last.text)
    if alias is None:
        name, state_id = _state(HOME_STATE)
        return _Actor(start_char, end_char, name, state_id, f"{HOME_STATE} GOV", token_start, token_end)
    org = next((o for o in gazetteer.organizations() if alias in o.aliases), None)
    name = org.name if org else alias
    return _Actor(start_char, end_char, name, entity_id("ORG", name),
                  " ".join(x for x in ((org.country, org.type) if org else (HOME_STATE, GROUPS[noun])) if x),
                  token_start, token_end)


def _group_modifier(token) -> bool:
    """A word that goes on describing a group (`pekerja pelabuhan`, `pengemudi
    ojek daring`), not a verb or a function word that ends it."""
    word = token.lower_
    if not token.is_alpha or not token.text.islower() or word in GROUP_STOPS or word in GROUPS:
        return False
    if word.startswith(("me", "ber", "ter")) or (word.startswith("di") and word not in NOT_PASSIVE):
        return False
    return True


def _point(actor: _Actor) -> int:
    """Where an actor's phrase begins, counting the word that governs it."""
    return actor.governor_index if actor.governor_index >= 0 else actor.token_start


def _conjuncts(doc: Doc | None, actor: _Actor | None, actors: list[_Actor]) -> list[_Actor]:
    """The actor and those coordinated after it: `Tokyo dan Seoul`, `Malaysia,
    Filipina, dan Thailand`, `Presiden X dan Perdana Menteri Y`."""
    if actor is None:
        return []
    chain = [actor]
    for other in actors:
        if other.token_start < chain[-1].token_end or other in chain:
            continue
        if other.governor in COORDINATORS and other.governor_index == chain[-1].token_end:
            chain.append(other)
        elif other.governor_index == -1 and other.token_start == chain[-1].token_end + 1 and other.partner is None \
                and chain[-1].governor != "":
            chain.append(other)  # `Malaysia, Filipina`
        elif other.token_start > chain[-1].token_end:
            break
    # `Malaysia, Filipina` without a final `dan ...` is no coordination
    if len(chain) > 1 and chain[-1].governor not in COORDINATORS:
        chain = chain[:1]
    return chain


def _passive_verb_between(doc: Doc, start: int, end: int) -> bool:
    """A passive verb (`dikecam`, `ditegaskan`, `terpilih`) stands between two tokens."""
    return any(len(t.text) > 5 and t.text[:2] in ("di", "te") and t.text.islower()
               and (t.text.startswith("di") or t.text.startswith("ter")) and t.lower_ not in NOT_PASSIVE
               for t in doc[start:end])


def _genitive(doc: Doc, end: int, actor: _Actor) -> bool:
    """The actor is the genitive of a noun trigger ending at `end`: right after
    it (`serangan Israel`, `undangan Perdana Menteri India Narendra Modi`), or
    after a head noun for a group (`serangan kelompok ISWAP`, `serangan pasukan
    Rusia`)."""
    first = max(actor.token_start, end)
    titles = _title_words()
    while first > end and doc[first - 1].text[:1].isupper() and (
            doc[first - 1].lower_ in titles or doc[first - 1].ent_type_ in PLACE_LABELS):
        first -= 1  # `Perdana Menteri India` before `Narendra Modi`
    if first - end > 2:
        return False
    return all(t.lower_ in GENITIVE_HEADS for t in doc[end:first])


def _direct_object(doc: Doc, end: int, actor: _Actor) -> bool:
    """The actor is the object of the verb ending at `end`: right after it,
    after its title (`meminta Menteri Luar Negeri X`), or after a number and
    a noun for people (`menahan 15 warga Palestina`, `mendeportasi dua warga
    negara Rusia`)."""
    if actor.governor_index == end - 1 or actor.token_start == end:
        return True
    first = max(_point(actor), end)
    gap = doc[end:first + (0 if actor.governor_index < 0 else 1)]
    return len(gap) <= 4 and all(
        t.like_num or t.lower_ in QUANTIFIERS or t.lower_ in PEOPLE_NOUNS for t in gap)


def _controller(doc: Doc, start: int, actors: list[_Actor]) -> _Actor | None:
    """The subject of an act someone is asked or invited to do: `meminta
    Menteri Luar Negeri X untuk segera berkunjung`, `mengundang X untuk
    berkunjung`, `mendesak Israel agar menghentikan ...` -> X."""
    index = start - 1
    while index > 0 and doc[index].lower_ in ADVERBS:
        index -= 1
    if index <= 0 or doc[index].lower_ not in ("untuk", "agar", "supaya"):
        return None
    if doc[index - 1].text == ".":
        index -= 1  # `... Ferdinand Marcos Jr. untuk`
    actor = next((a for a in actors if a.token_end == index), None)
    if actor is None or not (actor.governor.startswith("me") or actor.governor == "kepada"):
        return None
    return actor


def _crosses_comma(doc: Doc, start: int, end: int) -> bool:
    return any(t.text in (",", ";", ":") for t in doc[start:end])


def _broken(doc: Doc, start: int, end: int) -> bool:
    """A clause break between two tokens: the actor belongs to another clause."""
    return any(t.lower_ in CLAUSE_BREAKS for t in doc[start:end])


def _host(trigger: Trigger, place_id: str, source: _Actor | None) -> _Actor | None:
    """The state an event is directed at through its place, when no actor is named.

    Troops sent `ke Rusia` and aid sent `ke Gaza` go to a state only when the
    place is a state or its capital (`ke wilayah Kharkiv` is only a place). A
    visit (`berkunjung ke Jakarta`, `melakukan perjalanan ke kota Vladivostok`)
    is hosted by the state of whatever place is visited. Never the source's own
    state: a minister touring his own country visits no one.
    """
    visit = trigger.type == "CONSULT" and trigger.mode == "visit"
    if not (visit or trigger.type in ("AID", "MOBILIZE", "ASSAULT")):
        return None
    place = gazetteer.place_by_id().get(place_id)
    if place is None or not place.country:
        return None
    aid = trigger.type == "AID"  # aid for flood victims in Sumatera Barat goes to Indonesia
    if not (visit or aid or place.kind == "country" or (place.capital and trigger.type != "ASSAULT")):
        return None  # an attack on a capital city is an attack there, not on the state
    name, state_id = _state(place.country)
    if source is not None and (source.entity_id == state_id or (source.code or "").split(" ")[0] == place.country):
        return None
    return _Actor(0, 0, name, state_id, f"{place.country} GOV", 0, 0)


def _subject(doc: Doc, before: list[_Actor], start: int | None = None) -> _Actor | None:
    """The clause subject among the actors before a verb: the first one, unless
    the verb is the verb of a relative clause on a later one (`... memuji
    tentara Korea Utara yang telah bertempur`, but not `kepada Perdana Menteri
    Jepang yang baru terpilih melalui sambungan telepon`)."""
    if not before:
        return None
    last = before[-1]
    following = [t for t in doc[last.token_end:last.token_end + 2] if t.text != ","]
    if following and following[0].lower_ == "yang":
        between = doc[following[0].i + 1:start] if start is not None else ()
        if not any(t.lower_ in CIRCUMSTANCE for t in between):
            return last
    subject = next((a for a in before if a.governor not in NOT_OBJECT_GOVERNORS - {"dan", "serta", "yang"}), None)
    return subject or before[0]


def _last_two_people(doc: Doc, char: int):
    seen: dict[str, object] = {}
    for entity in doc.ents:
        if entity.label_ == "PER" and entity.end_char <= char:
            seen.pop(entity._.entity_id, None)
            seen[entity._.entity_id] = entity
    people = list(seen.values())
    return people[-2:] if len(people) >= 2 else None


def _last_person(doc: Doc, char: int):
    best = None
    for entity in doc.ents:
        if entity.label_ == "PER" and entity.end_char <= char:
            best = entity
    return best


@Language.factory("warta_events", requires=["doc.ents", "doc.sents"])
def make_event_coder(nlp: Language, name: str) -> EventCoder:
    return EventCoder(nlp)


