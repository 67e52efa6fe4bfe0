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
PLACE_PREPOSITIONS = {"di", "dari", "dekat", "sekitar", "wilayah", "kota"}
#: Groups of people news names by what they are, not who: actors all the same
#: (`Ribuan buruh berunjuk rasa`), with their CAMEO-style sector.
GROUPS = {"mahasiswa": "EDU", "buruh": "LAB", "pekerja": "LAB", "warga": "CVL", "demonstran": "CVL",
          "pengunjuk rasa": "CVL", "massa": "CVL", "petani": "AGR", "nelayan": "CVL", "guru": "EDU",
          "pengemudi": "LAB", "aktivis": "CVL", "pemuda": "CVL", "penduduk": "CVL", "pengungsi": "REF",
          "kelompok bersenjata": "REB", "pemberontak": "REB", "militan": "REB", "teroris": "REB",
          "separatis": "REB", "polisi": "POL", "serikat buruh": "LAB", "jaksa": "JUD", "hakim": "JUD"}
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
        for trigger in triggers:
            self.matcher.add(trigger, [nlp.make_doc(trigger)])

    def __call__(self, doc: Doc) -> Doc:
        triggers = lexicon()
        matches = sorted(((start, end, doc.vocab.strings[match_id]) for match_id, start, end in self.matcher(doc)),
                         key=lambda m: (m[0], -(m[1] - m[0])))
        chosen, taken = [], set()
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
        for start, end, key in chosen:
            trigger = triggers[key]
            span = doc[start:end]
            sentence = span.sent
            actors = self._actors(doc, sentence)
            source, target = self._assign(doc, sentence, start, end, trigger, actors)
            # Inside a direct quotation a trigger is the speaker's wording, and in
            # a conditional clause ("jika terjadi serangan") nothing happened.
            around = [q for q in quotes if q.start <= span.start_char < q.end]
            if any(q.kind in ("direct", "headline") for q in around):
                continue
            quote = around[0] if around else None
            if any(t.lower_ in CONDITIONAL for t in doc[sentence.start:start]):
                continue
            date, date_source = self._date(times, sentence, span, published)
            place_id, place = self._place(doc, sentence, actors, span)
            if target is None and trigger.type in ("AID", "MOBILIZE", "CONSULT") and place_id:
                # "mengerahkan ribuan tentara ke Rusia", "berkunjung ke Jakarta": the
                # state the troops, the aid or the visitor go to
                target = _destination(place_id)
                if target is not None and source is not None and target.entity_id == source.entity_id:
                    target = None
            if source is None and target is None:
                continue
            event_counts = tuple(c.start for c in counts if sentence.start_char <= c.start < sentence.end_char
                                 and c.category in ("killed", "wounded", "deployed", "missing", "arrested",
                                                    "displaced"))
            confidence = 0.4 + 0.25 * (source is not None) + 0.25 * (target is not None) + 0.1 * (date_source == "text")
            events.append(Event(
                type=trigger.type, mode=trigger.mode, cameo=trigger.cameo, trigger=span.text,
                trigger_start=span.start_char, trigger_end=span.end_char,
                sentence_start=sentence.start_char, sentence_end=sentence.start_char + len(sentence.text.rstrip()),
                source=_public(source), target=_public(target), place_id=place_id, place=place,
                date=date, date_source=date_source, modality=self._modality(doc, sentence, start),
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
            if entity.label_ == "LOC":
                attributes = entity._.attributes or {}
                state = attributes.get("country") if attributes.get("kind") in ("country", "city") else None
                if attributes.get("kind") == "city" and state and _country_of(entity.text) is None:
                    state = None  # an ordinary city is a place, never an actor
                military = self._military_head(doc, entity, sentence)
                if military is not None:
                    sector, head = military
                    name, state_id = _state(state) if state else (entity._.canonical, entity._.entity_id)
                    found.append(_Actor(doc[head].idx, entity.end_char, name, state_id,
                                        f"{state} {sector}" if state else None, head, entity.end))
                    continue
                if state is None or before in PLACE_PREPOSITIONS:
                    continue
                name, state_id = _state(state)
                found.append(_Actor(entity.start_char, entity.end_char, name, state_id, f"{state} GOV",
                                    entity.start, entity.end))
            elif entity.label_ == "ORG":
                attributes = entity._.attributes or {}
                country = attributes.get("country") or None
                sector = attributes.get("type") or None
                code = " ".join(x for x in (country, sector) if x) or None
                found.append(_Actor(entity.start_char, entity.end_char, entity._.canonical, entity._.entity_id, code,
                                    entity.start, entity.end))
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
        state_starts = {a.token_start for a in found if a.code and a.code.endswith(" GOV")}
        for token in sentence:
            if token.i in taken:
                continue
            # `warga negara Indonesia`, `buruh Indonesia`: the state names them
            if any(k in state_starts for k in range(token.i + 1, token.i + 4)):
                continue
            two = f"{token.lower_} {doc[token.i + 1].lower_}" if token.i + 1 < sentence.end else ""
            for noun, size in ((two, 2), (token.lower_, 1)):
                if noun in GROUPS:
                    found.append(_Actor(token.idx, doc[token.i + size - 1].idx + len(doc[token.i + size - 1].text),
                                        noun, None, GROUPS[noun], token.i, token.i + size))
                    break
        # A state right between a title and a name qualifies the title
        # (`Menteri Luar Negeri [Australia] Penny Wong`): not an actor of its own.
        people_starts = {a.token_start for a in found}
        titles = _title_words()
        found = [a for a in found if not (
            a.token_end in people_starts and a.token_start > sentence.start
            and doc[a.token_start - 1].lower_ in titles and any(
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
            if word not in MILITARY_MODIFIERS:
                break
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
                actors: list[_Actor]) -> tuple[_Actor | None, _Actor | None]:
        before = [a for a in actors if a.token_end <= start and not _broken(doc, a.token_end, start)]
        after = [a for a in actors if a.token_start >= end]

        def near(actor: _Actor, window: int = TARGET_WINDOW) -> bool:
            return (actor.governor_index if actor.governor_index >= 0 else actor.token_start) - end <= window \
                and not _crosses_comma(doc, end, actor.governor_index if actor.governor_index >= 0 else actor.token_start)

        voice = trigger.voice
        if voice == "passive" and trigger.type == "MOBILIZE":
            # "Ribuan tentara Korea Utara dikerahkan ke ...": the troops' state deploys them.
            troops = _subject(doc, before)
            destination = next((a for a in after if a.governor == "ke" and near(a, 8)), None)
            return troops, destination
        if voice == "passive":
            agent = next((a for a in after if a.governor == "oleh" and near(a, 10)), None)
            patient = _subject(doc, before)
            if agent is None and patient is not None:
                agent = next((a for a in after if near(a, 3) and a.governor not in PARTY_PREPOSITIONS), None)
            return agent, patient
        subject = _subject(doc, before)
        if voice == "noun":
            # `serangan Israel terhadap ...`, `Pujian Presiden Prancis Emmanuel Macron`:
            # an actor right after the noun is the one who acts.
            genitive = next((a for a in after if a.governor_index in (-1, end - 1) and a.token_start - end <= 4
                             and not _crosses_comma(doc, end, a.token_start)), None)
            if genitive is not None:
                subject = genitive
                after = [a for a in after if a is not genitive]
        if voice == "reciprocal" or (voice == "noun" and subject is None):
            pair = _pair(doc, before) if voice == "reciprocal" else None
            if pair:
                return pair
            between = next((a for a in after if a.governor == "antara"), None)
            if between is not None:
                rest = [a for a in after if a.token_start > between.token_end]
                return between, (rest[0] if rest else None)
        if voice == "noun" and subject is None:
            subject = next((a for a in after if near(a, 3) and a.governor not in PARTY_PREPOSITIONS), None) \
                or (after[0] if after else None)
        partner = next((a for a in after if a is not subject and a.governor in PARTY_PREPOSITIONS | {"antara"}
                        and near(a, 12)), None)
        if voice == "active" and partner is None:
            partner = next((a for a in after if a is not subject and a.governor not in ("oleh",) and near(a, 2)), None)
        if partner is None and subject is not None and subject.partner is not None:
            partner = subject.partner  # "mereka menandatangani ...", "pertemuan keempat mereka"
        return subject, partner

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
            if not (sentence.start <= entity.start and entity.end <= sentence.end) or entity.label_ != "LOC":
                continue
            if entity.start_char in actor_starts:
                continue
            before = doc[entity.start - 1].lower_ if entity.start > 0 else ""
            if before in ("di", "ke", "dekat", "wilayah", "kota") or entity.text.lower().startswith("wilayah"):
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
        if earlier >= floor and doc[earlier].lower_ in PARTY_PREPOSITIONS and \
                all(not t.is_punct and t.text[:1].islower() for t in doc[earlier + 1:index + 1]):
            if any(t.lower_ in NOT_PARTIES for t in doc[earlier + 1:index + 1]):
                return "", -1
            return doc[earlier].lower_, earlier
    return doc[index].lower_, index


def _pair(doc: Doc, before: list[_Actor]) -> tuple[_Actor, _Actor] | None:
    """`X dan Y bertemu` (titles allowed around both): the first actor and the
    one after `dan`."""
    if len(before) < 2:
        return None
    first = before[0]
    second = next((a for a in before[1:] if a.governor in ("dan", "serta", "bersama", "dengan")), None)
    return (first, second) if second is not None else None


def _crosses_comma(doc: Doc, start: int, end: int) -> bool:
    return any(t.text in (",", ";", ":") for t in doc[start:end])


def _military_or_title_before(doc: Doc, actor: "_Actor") -> bool:
    """The actor's own span starts with a military noun (`pasukan Ukraina`)."""
    return doc[actor.token_start].lower_ in MILITARY | POLICE


def _broken(doc: Doc, start: int, end: int) -> bool:
    """A clause break between two tokens: the actor belongs to another clause."""
    return any(t.lower_ in CLAUSE_BREAKS for t in doc[start:end])


def _joined(doc: Doc, first: _Actor, second: _Actor) -> bool:
    between = doc[first.token_end:second.token_start]
    return len(between) == 1 and between[0].lower_ in ("dan", "serta", "&")


def _destination(place_id: str) -> _Actor | None:
    place = gazetteer.place_by_id().get(place_id)
    if place is None or not (place.kind == "country" or place.capital):
        return None
    name, state_id = _state(place.country)
    return _Actor(0, 0, name, state_id, f"{place.country} GOV", 0, 0)


def _subject(doc: Doc, before: list[_Actor]) -> _Actor | None:
    """The clause subject among the actors before a verb: the first one, unless
    the verb sits in a relative clause on a later one (`... memuji tentara
    Korea Utara yang telah bertempur`)."""
    if not before:
        return None
    last = before[-1]
    following = [t for t in doc[last.token_end:last.token_end + 2] if t.text != ","]
    if following and following[0].lower_ == "yang":
        return last
    return before[0]


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


