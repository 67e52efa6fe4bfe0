"""Who can act in a sentence: the candidate actors the event coder chooses from.

Each candidate is a span of the sentence with a canonical name, an entity id
and an actor code (`ISO3 SECTOR`), plus the word that governs its phrase,
which is what Indonesian syntax uses to give it a role (`oleh X` is an agent,
`kepada X` a recipient, `di X` a place). Which candidate is source and which
is target for a given trigger is decided in `warta.nlp.events`; this module
only says who is there and what each one is:

- **people** (with their role's state and sector), **organisations** (with
  their country and type), and titles standing for a person;
- **states**, named as such or by their capital (`Pyongyang` -> Korea Utara),
  but not where they are only a place (`di Rusia`, `wilayah Kursk Rusia`, `di
  Istana Negara, Jakarta`);
- **forces and authorities of a state** described without a proper name
  (`pasukan khusus Korea Utara`, `Pasukan Israel`, `Angkatan Laut Tiongkok`)
  stand for the state with a sector (MIL, POL, GOV), while a **named body**
  keeps its name (`Kepolisian Diraja Malaysia`, `Tentara Arakan`);
- **groups** named by what they are (`ribuan buruh`, `pekerja pelabuhan`,
  `pengemudi ojek daring`), or by their state (`warga Gaza` -> Palestina);
- Indonesian news's **own institutions** left unqualified (`diamankan
  polisi`, `Pemerintah akhirnya ...`) -> Indonesia's;
- pronouns for people (`ia`, `mereka`), resolved to the people named before.

Entities may be labelled `LOC` or `GPE` (a state named as a political actor,
where the NER model makes that distinction): both are read as places and
states.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span

from warta import lexicon as language_data
from warta.nlp import extensions, gazetteer
from warta.nlp.entities import PLACE_LABELS, entity_id
from warta.nlp.quotes import epithets

#: Entity labels for places and states: `LOC`, and `GPE` for a state named as a
#: political actor where the NER model makes that distinction.

#: Words before a state that make it a place, not an actor (`di perbatasan Thailand`).
PLACE_PREPOSITIONS = language_data.words("actors_place_prepositions")

#: Prepositions that introduce the other party of an event.
PARTY_PREPOSITIONS = language_data.words("actors_party_prepositions")

#: Nouns for the people of a body that, with -nya, stand for the body of the person named
#: before (`jajarannya`, `pihaknya`): lexicons/words/actors_body_possessives.txt.
BODY_POSSESSIVES = language_data.words("actors_body_possessives")

#: Words that coordinate actors (`Tokyo dan Seoul`).
COORDINATORS = language_data.words("actors_coordinators")

#: Nouns after a preposition that make it no party to the event (`atas inisiatif X`).
NOT_PARTIES = language_data.words("actors_not_parties")

#: Groups of people news names by what they are, not who: actors all the same
#: (`Ribuan buruh berunjuk rasa`), with their CAMEO-style sector.
GROUPS = {"mahasiswa": "EDU", "buruh": "LAB", "pekerja": "LAB", "warga": "CVL", "demonstran": "CVL",
          "pengunjuk rasa": "CVL", "massa": "CVL", "petani": "AGR", "nelayan": "CVL", "guru": "EDU",
          "pengemudi": "LAB", "aktivis": "CVL", "pemuda": "CVL", "penduduk": "CVL", "pengungsi": "REF",
          "kelompok bersenjata": "REB", "pemberontak": "REB", "militan": "REB", "teroris": "REB",
          "separatis": "REB", "polisi": "POL", "serikat buruh": "LAB", "jaksa": "JUD", "hakim": "JUD",
          "kepolisian": "POL", "pemerintah": "GOV", "pedagang": "BUS", "pemukim": "CVL", "nakhoda": "CVL"}
#: Marks after which a reported clause begins with a capital (`mengatakan, Kepolisian telah ...`); unlike the
#: words of lexicons/words/clause_openers.txt (`namun`, `bahwa`), they leave the capital a sentence's.
REPORTED_CLAUSE_MARKS = {",", ":", "\"", "“"}
#: Words by which news names a group or an authority in general (lexicons/generic_actors.tsv), with their sector.
GENERIC_ROWS = language_data.table("generic_actors.tsv")
GROUPS.update({row["word"]: row["sector"] for row in GENERIC_ROWS if row["sector"] != "-"})

#: First words of the names of institutions (`Kantor Imigrasi Ngurah Rai`, `Pemerintah Kota Surabaya`).
INSTITUTION_HEADS = language_data.words("actors_institution_heads")

#: Unqualified institutions that Indonesian news means as Indonesia's own
#: (`diamankan polisi`, `Pemerintah akhirnya memenuhi tuntutan ...`): the
#: organisation alias they stand for, or None for the state itself.
HOME_STATE = "IDN"
HOME_INSTITUTIONS = {row["word"]: row["actor"] for row in GENERIC_ROWS
                     if row["sector"] != "-" and row["actor"][:1].isupper()}
#: Generic nouns that stand for the body the story named with the same noun before
#: (`petugas Panitia Penyelenggara Ibadah Haji (PPIH)` ... `para petugas`, `militer Myanmar` ... `militer`).
NAMED_BEFORE = language_data.words("actors_named_before")
#: First words of a regional or local police unit's name (`lexicons/words/actors_police_units.txt`).
POLICE_UNITS = language_data.words("actors_police_units")

#: Words before a group noun that make its members suspects, not a group that acts.
SUSPECTED = language_data.words("actors_suspected")

#: Words that end a group's description (`pekerja pelabuhan di Rotterdam`).
GROUP_STOPS = language_data.words("actors_group_stops")

#: Nouns for armed forces and for police, heading a description of a state's forces.
MILITARY = language_data.words("actors_military")
POLICE = language_data.words("actors_police")

#: Head nouns of a description of a state's forces or authorities, with the sector.
DESCRIBED_HEADS = {**{w: "MIL" for w in MILITARY}, **{w: "POL" for w in POLICE}, "junta": "MIL",
                   "pemerintah": "GOV", "otoritas": "GOV", "rezim": "GOV", "kedutaan": "GOV", "konsulat": "GOV"}

#: Words that may stand between a military noun and its state: `pasukan khusus Korea Utara`.
MILITARY_MODIFIERS = language_data.words("actors_military_modifiers")

#: Words of the shape di-/ter- that are not passive verbs.
NOT_PASSIVE = language_data.words("actors_not_passive")

#: Buildings named after the institution they house (`Gedung DPR`).
BUILDINGS = language_data.words("actors_buildings")
#: Head words of a department inside a body (`Divisi Humas Polri`): its officers speak for the body.
DEPARTMENTS = language_data.words("actors_departments")


@dataclass
class Candidate:
    """A candidate actor in a sentence: a span of the text and what it is."""

    start: int  # characters
    end: int
    name: str
    entity_id: str | None
    code: str | None
    token_start: int
    token_end: int
    #: For "mereka" (they): the second of the two people it stands for.
    partner: Candidate | None = None
    #: The word that governs the actor's phrase, past any title before it
    #: (`dengan [Menteri Luar Negeri Jepang] Takeshi Iwaya` -> `dengan`), and its index.
    governor: str = ""
    governor_index: int = -1


def find_actors(doc: Doc, sentence) -> list[Candidate]:
    """The candidate actors of a sentence, in text order, each with its governor."""
    found: list[Candidate] = []
    ents = [e for e in doc.ents if sentence.start <= e.start and e.end <= sentence.end]
    roles = [r for r in (doc._.role_mentions or ()) if sentence.start_char <= r.start_char < sentence.end_char]
    for entity in ents:
        before = doc[entity.start - 1].lower_ if entity.start > sentence.start else ""
        if entity.label_ in PLACE_LABELS and not (entity._.attributes or {}).get("kind") and \
                doc[entity.start].lower_ in INSTITUTION_HEADS and len(entity) > 1:
            # `Kantor Imigrasi Ngurah Rai` taken for a place: an institution, as written
            # (`kantor Kementerian Lingkungan Hidup`: the institution the office houses)
            begin = entity.start + 1 if entity[0].text.islower() and entity[1].text[:1].isupper() else entity.start
            institution = doc[begin:entity.end]
            found.append(Candidate(institution.start_char, institution.end_char, institution.text,
                                   entity_id("ORG", institution.text), None, begin, entity.end))
            continue
        name: str
        state_id: str
        sector: str | None
        country: str | None
        if entity.label_ in PLACE_LABELS:
            attributes = entity._.attributes or {}
            state = attributes.get("country") if attributes.get("kind") in ("country", "city") else None
            if attributes.get("kind") == "city" and state and country_of(entity.text) is None:
                state = None  # an ordinary city is a place, never an actor
            if state is None:
                state = capital_of(entity.text)  # `Jakarta` is a province and the capital
            military = _military_head(doc, entity, sentence)
            if military is not None:
                sector, head = military
                if state and not _named_body(doc, head, entity.start):
                    name, state_id = state_name(state)
                else:
                    # `Kepolisian Diraja Malaysia`, `Tentara Arakan`: a named body, as written
                    name = doc[head:entity.end].text
                    state_id = entity_id("ORG", name)
                found.append(Candidate(doc[head].idx, entity.end_char, name, state_id,
                                    f"{state} {sector}" if state else sector, head, entity.end))
                continue
            if state is None or before in PLACE_PREPOSITIONS or _after_place(doc, entity, sentence):
                continue
            name, state_id = state_name(state)
            found.append(Candidate(entity.start_char, entity.end_char, name, state_id, f"{state} GOV",
                                entity.start, entity.end))
        elif entity.label_ == "ORG":
            attributes = entity._.attributes or {}
            country = attributes.get("country") or None
            sector = attributes.get("type") or None
            last = next((t.i for t in entity[1:] if t.like_num or _verb_shaped(t)), entity.end)
            while last - 1 > entity.start and doc[last - 1].text.islower():
                last -= 1  # `Badan Keamanan Laut di`, `Pasukan Israel menahan`: a name ends in a name word
            first = entity.start
            while first < last - 1 and doc[first].text.islower() and doc[first + 1].text[:1].isupper():
                first += 1  # `kantor Kementerian Lingkungan Hidup`: and begins with one
            span = doc[first:last]
            described = _described_state(doc, span)
            if described is not None and not sector:
                # `Pasukan Israel`, `Angkatan Laut Tiongkok`: the state, with the sector
                iso3, sector = described
                name, state_id = state_name(iso3)
                found.append(Candidate(span.start_char, span.end_char, name, state_id, f"{iso3} {sector}",
                                    span.start, span.end))
                continue
            if not sector:
                named = _named_state_force(doc, span)
                if named is not None:  # `Kepolisian Diraja Malaysia`: named, and the state's
                    country, sector = named
            code = " ".join(x for x in (country, sector) if x) or None
            name = entity._.canonical
            if (last < entity.end or first > entity.start) and name == entity.text:
                name = span.text
            found.append(Candidate(span.start_char, span.end_char, name, entity._.entity_id, code,
                                span.start, span.end))
        elif entity.label_ == "PER":
            found.append(Candidate(entity.start_char, entity.end_char, entity._.canonical, entity._.entity_id,
                                _person_code(entity._.role, entity._.role_title), entity.start, entity.end))
    for role in roles:
        token_start = next((t.i for t in sentence if t.idx >= role.start_char), sentence.start)
        token_end = next((t.i + 1 for t in reversed(sentence) if t.idx < role.end_char), token_start + 1)
        if _titles_a_name(doc, token_end, sentence.end):
            continue  # `Menteri Pertahanan (Menhan) AS James Mattis`: the title of the name after it
        found = [a for a in found if not (role.start_char <= a.start < role.end_char)]
        found.append(Candidate(role.start_char, role.end_char, role.canonical, role.entity_id,
                            _person_code(role.text, None), token_start, token_end))
    for token in sentence:
        if token.lower_ == "mereka":
            pair = _last_two_people(doc, token.idx)
            if pair:
                one, other = (Candidate(token.idx, token.idx + len(token.text), p._.canonical, p._.entity_id,
                                        _person_code(p._.role, p._.role_title), token.i, token.i + 1)
                              for p in pair)
                one.partner = other
                found.append(one)
            continue
        if token.lower_ in ("ia", "dia", "beliau"):
            person = _speaker_of_pronoun(doc, token) or \
                (_subject_before(doc, sentence) if token.i == sentence.start else None) or _last_person(doc, token.idx)
            title = _last_title(doc, token.idx, person.end_char if person is not None else -1)
            if title is not None:
                # `Menag juga menyebut ... Ia juga mengapresiasi`: the title named him last
                found.append(Candidate(token.idx, token.idx + len(token.text), title.canonical, title.entity_id,
                                       _person_code(title.text, None), token.i, token.i + 1))
            elif person is not None:
                found.append(Candidate(token.idx, token.idx + len(token.text), person._.canonical,
                                    person._.entity_id, _person_code(person._.role, person._.role_title),
                                    token.i, token.i + 1))
            continue
        if token.lower_.endswith("nya") and token.lower_[:-3] in BODY_POSSESSIVES:
            # `orang yang diamankan oleh jajarannya` (said of KPK's spokesman): his body
            person = _last_person(doc, token.idx)
            body = officer_body(doc, person._.entity_id) if person is not None else None
            if body is not None:
                found.append(Candidate(token.idx, token.idx + len(token.text), body.name, body.entity_id,
                                       body.code, token.i, token.i + 1))
    found += _body_epithets(doc, sentence, {i for a in found for i in range(a.token_start, a.token_end)})
    taken = {i for a in found for i in range(a.token_start, a.token_end)}
    actor_starts = {a.token_start for a in found}
    places = {e.start: e for e in ents if e.label_ in PLACE_LABELS}
    dateline = dateline_end(sentence)
    first_word = story_opening(sentence, dateline)
    for token in sentence:
        if token.i in taken:
            continue
        two = f"{token.lower_} {doc[token.i + 1].lower_}" if token.i + 1 < sentence.end else ""
        for noun, size in ((two, 2), (token.lower_, 1)):
            if noun not in GROUPS:
                continue
            last = token.i + size
            if any(i in taken for i in range(token.i, last)):
                continue  # `pihak [Kepolisian Daerah (Polda) Metro Jaya]`: the named body is the actor
            if token.i > first_word and not token.text.islower() and noun not in HOME_INSTITUTIONS:
                break  # `Hari Buruh`: part of a name
            # `warga negara Indonesia`, `hakim Mahkamah Pidana Internasional`: the
            # state or body names them
            if _named_after(doc, last, actor_starts):
                break
            if token.i > sentence.start and doc[token.i - 1].lower_ in SUSPECTED:
                break  # `dua terduga teroris`: suspects, no group that acts
            if last < sentence.end and doc[last].lower_ in GROUPS:
                break  # `aktivis mahasiswa`, `serikat buruh`: the second noun says who they are
            link = last + 1 if last < sentence.end and doc[last].lower_ in ("asal", "negara") else last
            place = places.get(link)
            home: str | None = (place._.attributes or {}).get("country") if place is not None else None
            if home and place is not None:
                # `warga Gaza` -> Palestina: people of a place stand for its state
                name, state_id = state_name(home)
                found.append(Candidate(token.idx, place.end_char, name, state_id, f"{home} {GROUPS[noun]}",
                                    token.i, place.end))
                break
            if noun in HOME_INSTITUTIONS and last < sentence.end and _group_modifier(doc[last]) \
                    and doc[last].pos_ == "NOUN":
                # `aparat penegak hukum`, `polisi hutan`, `pemerintah daerah`: another body than the
                # home institution, named as written
                while last < sentence.end and last - token.i < size + 2 and _group_modifier(doc[last]):
                    last += 1
                words = doc[token.i:last]
                found.append(Candidate(token.idx, words.end_char, words.text.lower(), None, GROUPS[noun],
                                       token.i, last))
                break
            if noun in HOME_INSTITUTIONS:
                named = last
                while named < sentence.end and doc[named].text[:1].isupper() and doc[named].is_alpha:
                    named += 1
                if named > last and token.text[:1].isupper():
                    # `Pemerintah Kota Surabaya`: a named institution, as written
                    words = doc[token.i:named]
                    named_state = next((c for size in (2, 1) if named - size > last
                                        for c in [country_of(doc[named - size:named].text)] if c), None)
                    found.append(Candidate(token.idx, words.end_char, words.text, entity_id("ORG", words.text),
                                           f"{named_state} {GROUPS[noun]}" if named_state else GROUPS[noun],
                                           token.i, named))
                    break
                if token.i > first_word and not token.text.islower() \
                        and doc[token.i - 1].text not in REPORTED_CLAUSE_MARKS:
                    break  # `Hari Bhayangkara`; but `Rikwanto mengatakan, Kepolisian telah ...` opens a clause
                named_before = _named_with_noun_before(doc, token.i, noun) if noun in NAMED_BEFORE else None
                if named_before is not None:  # `aparat Polres Bogor ... aparat`: that body
                    named_before.start, named_before.token_start = token.idx, token.i
                    named_before.end, named_before.token_end = doc[last - 1].idx + len(doc[last - 1].text), last
                    found.append(named_before)
                    break
                # an unqualified `polisi`, `pemerintah` in Indonesian news is Indonesia's, and
                # `polisi` the police unit the story has named (`Polda Metro Jaya ... Polisi menahan`)
                unit = police_unit_before(doc, token.i) if GROUPS[noun] == "POL" else None
                if unit is not None:
                    foreign = _foreign_police((unit._.canonical or "").lower().split())
                    country = (unit._.attributes or {}).get("country") if foreign else "IDN"
                    found.append(Candidate(token.idx, doc[last - 1].idx + len(doc[last - 1].text), unit._.canonical,
                                           unit._.entity_id, f"{country} POL" if country else "POL", token.i, last))
                    break
                abroad = story_state(doc)
                if abroad != HOME_STATE:
                    # `Polisi menangkap ...` in a story from Pakistan: Pakistan's police
                    found.append(_state_over(doc, token.i, last, abroad, GROUPS[noun]))
                    break
                found.append(_home_institution(noun, token.idx, doc[last - 1], token.i, last))
                break
            while last < sentence.end and last - token.i < size + 2 and _group_modifier(doc[last]):
                last += 1  # `pekerja pelabuhan`, `pengemudi ojek daring`
            if _named_after(doc, last, actor_starts):
                break  # `Aktivis lingkungan asal Jerman`, `Aktivis lingkungan Aditya Pranoto`
            named_before = _named_with_noun_before(doc, token.i, noun) if noun in NAMED_BEFORE else None
            if named_before is not None:
                # `petugas PPIH mengimbau ...` then `para petugas`: the body named with the noun
                named_before.start, named_before.token_start = token.idx, token.i
                named_before.end, named_before.token_end = doc[last - 1].idx + len(doc[last - 1].text), last
                found.append(named_before)
                break
            words = doc[token.i:last]
            found.append(Candidate(token.idx, words.end_char, words.text.lower(), None, GROUPS[noun],
                                token.i, last))
            break
    found = _unnamed_forces(doc, sentence, _suspects(doc, sentence, _investigators(doc, sentence, found)))
    # A military description that covers an organisation the NER found inside it
    # (`Kepala Staf [Angkatan Darat] Singapura`) replaces it.
    found = [a for a in found if not any(b is not a and b.token_start <= a.token_start and a.token_end <= b.token_end
                                         and (b.token_end - b.token_start) > (a.token_end - a.token_start)
                                         for b in found)]
    # `Kepala Dinas Perhubungan Provinsi Sulawesi Tenggara, Teguh Santoso,`: the
    # person in apposition is the actor the description stands for.
    # So is a named body or person the parse sets in apposition to the noun an actor
    # qualifies (`perusahaan Jepang, Sango Corporation`, `Direktur Olah Raga Paris Saint
    # Germain, Patrick Kluivert`).
    people = {a.token_start: a for a in found if a.entity_id and a.entity_id.startswith("per:")}
    with_id = {a.token_start: a for a in found if a.entity_id}
    for actor in list(found):
        comma = actor.token_end
        if actor not in found or comma >= sentence.end or doc[comma].text != ",":
            continue
        person = people.get(comma + 1)
        if person is not None and person is not actor \
                and (person.token_end >= sentence.end or doc[person.token_end].text in (",", ")", ".")):
            actor.name, actor.entity_id, actor.code = person.name, person.entity_id, person.code or actor.code
            found.remove(person)
            continue
        apposed = with_id.get(comma + 1)
        if apposed is not None and apposed is not actor and apposed in found and _apposed(doc, actor, apposed, found):
            actor.name, actor.entity_id, actor.code = apposed.name, apposed.entity_id, apposed.code or actor.code
            found.remove(apposed)
    # A state right between a title and a name qualifies the title
    # (`Menteri Luar Negeri [Australia] Penny Wong`): not an actor of its own.
    # So does a body with its acronym in brackets (`Ketua Dewan Kehormatan Penyelenggara
    # Pemilu (DKPP) Jimly Asshiddiqie`, `Imam Besar Front Pembela Islam (FPI) Rizieq Shihab`):
    # the person is the actor, the body and its acronym only say whose officer he is.
    person_starts = {b.token_start for b in found if b.entity_id and b.entity_id.startswith("per:")}
    titles = title_words()

    def qualifies_title(a: Candidate) -> bool:
        after = _past_brackets(doc, a.token_end, sentence.end)
        if a.token_start > sentence.start and doc[a.token_start - 1].text == "(" and a.token_end < sentence.end \
                and doc[a.token_end].text == ")":
            after = a.token_end + 1  # `Front Pembela Islam (FPI) Habib Rizieq Shihab`, the body's name no entity
        for _ in range(2):  # a title or honorific before the name: `(FPI) Habib Rizieq Shihab`
            if after < sentence.end - 1 and after not in person_starts and (
                    doc[after].lower_ in titles or (doc[after].is_title and not doc[after].ent_type_)):
                after += 1
        if after not in person_starts or a.token_start <= sentence.start or (a.entity_id or "per:").startswith("per:"):
            return False
        before = doc[a.token_start - 1]
        return before.lower_ in titles or before.text.islower() or before.text in ("(", ")") \
            or _in_title_phrase(doc, a.token_start, sentence.start, titles)

    qualifiers = [a for a in found if qualifies_title(a)]
    bracketed = {i for a in qualifiers for i in range(a.token_end, _past_brackets(doc, a.token_end, sentence.end))}
    found = [a for a in found if a not in qualifiers
             and not (a.token_start in bracketed and a.token_end - 1 in bracketed)]
    # `Ketua Umum Partai Golkar itu`: the officer of the body named before, not the body
    found = [officer_described(doc, a, sentence) or a for a in found]
    for actor in found:
        actor.governor, actor.governor_index = _governor(doc, actor.token_start, sentence.start, titles)
    # "Menurut Korea Selatan, Pyongyang kehilangan ...": the source of the
    # report is not an actor of the event.
    opening = next((t for t in sentence if not t.is_space), None)
    if opening is not None and opening.lower_ == "menurut":
        report_end = next((t.i for t in sentence if t.text == ","), None)
        if report_end is not None:
            found = [a for a in found if a.token_start > report_end]
    if dateline is not None:
        found = [a for a in found if a.token_start > dateline]
    found.sort(key=lambda a: a.start)
    return found


#: Dashes that close a dateline (`Jakarta (ANTARA News) -`, `Jakarta, CNN Indonesia --`).
DATELINE_DASHES = {"-", "--", "—", "–"}
#: How many tokens a dateline may take before its dash.
DATELINE_LENGTH = 10


def _in_title_phrase(doc: Doc, index: int, floor: int, titles: frozenset[str]) -> bool:
    """Whether the capitalised words right before token `index` end a title that begins with a title word
    (`Koordinator Divisi Hukum dan Monitoring Peradilan [ICW] Emerson Yuntho`): the body is the person's."""
    i = index - 1
    while i >= floor and index - i <= 6 and (doc[i].is_title or doc[i].lower_ == "dan"):
        if doc[i].lower_ in titles and doc[i].is_title:
            return True
        i -= 1
    return False


def dateline_end(sentence) -> int | None:
    """The index of the dash that ends the dateline opening a story
    (`Merdeka.com -`, `Jayapura (ANTARA News) -`, `DORTMUND, JUARA.net -`):
    the place and the outlet there are who reports, never an actor. A dateline
    is capitalised words, commas and brackets only."""
    for token in sentence[:DATELINE_LENGTH]:
        if token.text in DATELINE_DASHES:
            return token.i if token.i > sentence.start else None
        if not (token.is_punct or token.is_space or token.text[:1].isupper() or token.like_num):
            return None
    return None


def story_opening(sentence, dash: int | None) -> int:
    """The index of the sentence's first word after its dateline's dash (`Rimanews - Polisi menangkap ...`),
    else its first: the word there is capitalised as any sentence's first, not because it opens a name."""
    if dash is None:
        return sentence.start
    return next((t.i for t in sentence if t.i > dash and not (t.is_punct or t.is_space)), sentence.start)


def place_states(doc: Doc, index: int, sentence):
    """States named at token `index` even as a place (`dari Brasilia`)."""
    for entity in doc.ents:
        if entity.start == index and entity.label_ in PLACE_LABELS:
            attributes = entity._.attributes or {}
            iso3 = attributes.get("country") if attributes.get("kind") == "country" else capital_of(entity.text)
            if iso3:
                name, state_id = state_name(iso3)
                yield Candidate(entity.start_char, entity.end_char, name, state_id, f"{iso3} GOV",
                             entity.start, entity.end)


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
    country = country_of(qualifier) if qualifier else None
    parts = [x for x in (country, sector) if x]
    return " ".join(parts) or None


@cache
def state_name(iso3: str) -> tuple[str, str]:
    """A state's Indonesian name and entity id: `PRK` -> (`Korea Utara`, `loc:korea-utara`)."""
    place = gazetteer.place_by_id().get(f"iso:{iso3}")
    name = place.name if place else iso3
    return name, entity_id("LOC", name)


def country_of(text: str) -> str | None:
    places = gazetteer.place_index().get(text.lower().strip())
    if places:
        best = places[0]
        if best.kind == "country" or best.capital:
            return best.country
    return None


def capital_of(text: str) -> str | None:
    """The state whose capital this name is, even where the name also means a
    province (`Jakarta`)."""
    return next((p.capital for p in gazetteer.place_index().get(text.lower().strip(), ()) if p.capital), None)


@cache
def title_words() -> frozenset[str]:
    """Every word of every title (`menteri`, `luar`, `negeri`, `presiden`...)."""
    words = set()
    for role in gazetteer.roles():
        for form in (role.title, *role.aliases):
            words.update(form.lower().split())
    return frozenset(words - {"dan", "dari", "untuk", "bidang"})


@cache
def _role_sectors() -> dict[str, str]:
    return {role.title.lower(): role.sector for role in gazetteer.roles()}


def _governor(doc: Doc, token: int, floor: int, titles: frozenset[str]) -> tuple[str, int]:
    """The lower-case word before an actor's phrase, skipping its title and
    qualifiers: `dengan Menteri Luar Negeri Jepang Takeshi Iwaya` -> `dengan`."""
    index = token - 1
    while index >= floor:
        if doc[index].lower_ in titles or (doc[index].text[:1].isupper() and index > floor):
            index -= 1
        elif _bracket_before(doc, index, floor) == index - 3 > floor and doc[index - 3].text[:1].isupper():
            index -= 3  # `pimpinan Front Pembela Islam (FPI) Habib Rizieq`: a body's short form in the title
        else:
            break
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


#: Relations by which an actor qualifies the noun it is the genitive or part of (`perusahaan [Jepang]`).
QUALIFYING = ("nmod", "flat", "flat:name", "compound")


def span_root(doc: Doc, start: int, end: int):
    """The token of doc[start:end] whose head lies outside it (a trigger's head word)."""
    return next((t for t in doc[start:end] if not (start <= t.head.i < end) or t.head.i == t.i), doc[start])


def _apposed(doc: Doc, actor: Candidate, other: Candidate, found: list[Candidate]) -> bool:
    """Whether the parse sets `other` in apposition to a descriptive noun `actor` qualifies
    (`perusahaan Jepang, Sango Corporation`): `other` names what the noun describes. Not a
    list (`Jepang, Korea Selatan`), where the noun is the first actor itself."""
    if not doc.has_annotation("DEP") or not (other.entity_id or "").startswith(("org:", "per:")):
        return False
    after = other.token_end
    listed = after + 1 < len(doc) and doc[after].text == "," and doc[after + 1].lower_ in COORDINATORS
    if after < len(doc) and (doc[after].lower_ in COORDINATORS or listed):
        return False  # `Jepang, Korea Selatan dan Tiongkok`: a list
    apposition = span_root(doc, other.token_start, other.token_end)
    if apposition.dep_ != "appos":
        return False
    described = apposition.head
    if any(a.token_start <= described.i < a.token_end for a in found) or \
            not (described.pos_ == "NOUN" or described.lower_ in title_words()):
        return False  # the description is a noun (`perusahaan`) or a title (`Direktur`)
    token = span_root(doc, actor.token_start, actor.token_end)
    for _ in range(3):
        if token.dep_ not in QUALIFYING or token.head.i == token.i:
            return False
        token = token.head
        if token.i == described.i:
            return True
    return False


#: How many tokens (brackets, an acronym, a state) may stand between a title and the name it titles.
TITLE_NAME_GAP = 4


def _titles_a_name(doc: Doc, index: int, end: int) -> bool:
    """Whether a person's name follows a title ending before token `index`, past a bracketed
    short form and the state the title is of (`Menteri Pertahanan (Menhan) AS James Mattis`): the
    title is that person's, not a reference to whoever last held it."""
    for i in range(index, min(end, index + TITLE_NAME_GAP + 1)):
        token = doc[i]
        if token.ent_type_ == "PER":
            return token.ent_iob_ == "B"
        if token.text in "()" or (token.ent_type_ in PLACE_LABELS and token.text[:1].isupper()):
            continue
        if i > index and doc[i - 1].text == "(" and token.text[:1].isupper():
            continue  # the short form inside the brackets
        return False
    return False


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
    return attributes.get("kind") not in (None, "country") and capital_of(previous.text) is None


def _named_state_force(doc: Doc, span) -> tuple[str, str] | None:
    """(state, sector) of a named force that ends in its state's name: `Kepolisian
    Diraja Malaysia` -> (MYS, POL), `Tentara Nasional Filipina` -> (PHL, MIL)."""
    head = doc[span.start].lower_
    sector = "MIL" if head in MILITARY else "POL" if head in POLICE else None
    found = _state_at_end(doc, span.start, span.end) if sector else None
    return (found[0], sector) if found and sector else None


def _state_at_end(doc: Doc, first: int, end: int) -> tuple[str, int] | None:
    """(ISO3, its first token) of a state named by the last one to three
    tokens of doc[first:end], never taking `first` itself: `... Malaysia`."""
    for size in (1, 2, 3):
        if end - size <= first:
            break
        iso3 = country_of(doc[end - size:end].text)
        if iso3:
            return iso3, end - size
    return None


def _described_state(doc: Doc, entity) -> tuple[str, str] | None:
    """(state, sector) of an organisation name that only describes a state's
    forces or authorities: `Pasukan Israel`, `Angkatan Laut Tiongkok`, `Junta
    Myanmar`, `otoritas imigrasi Australia`, `Kedutaan Besar Tiongkok`, also
    after a title the NER left in (`Staf Angkatan Darat Singapura`)."""
    titles = title_words()
    first = entity.start
    while first < entity.end - 1 and doc[first].lower_ in titles and doc[first].lower_ not in DESCRIBED_HEADS:
        first += 1
    sector = DESCRIBED_HEADS.get(doc[first].lower_)
    found = _state_at_end(doc, first, entity.end) if sector else None
    if found is None:
        return None
    iso3, state_start = found
    middle = doc[first + 1:state_start]
    if sector and all(t.lower_ in MILITARY_MODIFIERS | {"besar", "jenderal"} or t.text.islower() for t in middle):
        return iso3, sector
    return None


#: How many more mentions than Indonesia a foreign state needs to be the state a story without a dateline is about.
STORY_STATE_LEAD = 2
#: How many sentences from the start of a story its dateline may open (the title and its lines come first).
DATELINE_SENTENCES = 3


def story_state(doc: Doc) -> str:
    """The state a story is about (ISO3): the country of its dateline's place when abroad (`Washington (ANTARA
    News) -`), else the country its places name most often when Indonesia's are STORY_STATE_LEAD fewer, else
    Indonesia.
    An unqualified `polisi` or `pemerintah` is that state's (docs/annotation.md: the state or organisation
    the text makes clear)."""
    known = doc.user_data.get("warta_story_state")
    if known is not None:
        return known
    counts: dict[str, int] = {}
    dateline: str | None = None
    # the dateline opens the body, after the title
    dash = next((d for sentence, _ in zip(doc.sents, range(DATELINE_SENTENCES))
                 if (d := dateline_end(sentence)) is not None), None)
    for entity in doc.ents:
        if entity.label_ not in PLACE_LABELS:
            continue
        country = (entity._.attributes or {}).get("country")
        if not country:
            continue
        counts[country] = counts.get(country, 0) + 1
        if dash is not None and entity.end <= dash and dateline is None:
            dateline = country
    # (Indonesian outlets date foreign news from Jakarta: a dateline at home decides nothing)
    state = dateline if dateline != HOME_STATE else None
    if state is None and counts:
        top = max(counts, key=lambda c: counts[c])
        state = top if counts[top] >= counts.get(HOME_STATE, 0) + STORY_STATE_LEAD else HOME_STATE
    doc.user_data["warta_story_state"] = state = state or HOME_STATE
    return state


def _state_over(doc: Doc, start: int, end: int, iso3: str, sector: str) -> Candidate:
    """The state `iso3` as the actor the words from token `start` to `end` name, with its sector."""
    name, state_id = state_name(iso3)
    return Candidate(doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text), name, state_id,
                     f"{iso3} {sector}", start, end)


def _home_institution(noun: str, start_char: int, last, token_start: int, token_end: int) -> Candidate:
    actor = HOME_INSTITUTIONS[noun]
    end_char = last.idx + len(last.text)
    org = _organization_index().get(actor.lower())
    if org is None:  # the state itself (`pemerintah` -> Indonesia)
        name, state_id = state_name(HOME_STATE)
        return Candidate(start_char, end_char, name, state_id, f"{HOME_STATE} {GROUPS[noun]}", token_start, token_end)
    return Candidate(start_char, end_char, org.name, entity_id("ORG", org.name),
                     " ".join(x for x in (org.country or HOME_STATE, org.type or GROUPS[noun]) if x),
                     token_start, token_end)


def organisation_code(entity) -> str | None:
    """An organisation entity's actor code from its gazetteer facts: country and sector (`IDN POL`)."""
    attributes = entity._.attributes or {}
    return " ".join(x for x in (attributes.get("country"), attributes.get("type")) if x) or None


def _named_with_noun_before(doc: Doc, index: int, noun: str) -> Candidate | None:
    """The body or state the story named right after the same generic noun before token `index`
    (`petugas Panitia Penyelenggara Ibadah Haji (PPIH)`, `militer Myanmar`), the latest one, else None.
    News names the body once and then says `para petugas`, `militer` for it."""
    words = noun.split()
    found = None
    for entity in doc.ents:
        if entity.start >= index:
            break
        before = entity.start - len(words)
        if before < 0 or [t.lower_ for t in doc[before:entity.start]] != words:
            continue
        if entity.label_ == "ORG":
            found = Candidate(entity.start_char, entity.end_char, entity._.canonical, entity._.entity_id,
                              organisation_code(entity), entity.start, entity.end)
        elif entity.label_ in PLACE_LABELS and (entity._.attributes or {}).get("kind") == "country":
            iso3 = (entity._.attributes or {})["country"]
            name, state_id = state_name(iso3)
            found = Candidate(entity.start_char, entity.end_char, name, state_id, f"{iso3} {GROUPS.get(noun, 'GOV')}",
                              entity.start, entity.end)
    return found


def _verb_shaped(token) -> bool:
    """A lower-case word with a verb prefix (`menahan`, `ditahan`, `bertemu`):
    no part of a name, however the NER drew the span."""
    word = token.lower_
    return token.text.islower() and len(word) > 5 and word.startswith(("me", "ber", "di", "ter")) \
        and word not in NOT_PASSIVE


def _group_modifier(token) -> bool:
    """A word that goes on describing a group (`pekerja pelabuhan`, `pengemudi
    ojek daring`), not a verb or a function word that ends it."""
    word = token.lower_
    if not token.is_alpha or not token.text.islower() or word in GROUP_STOPS or word in GROUPS:
        return False
    if word.startswith(("me", "ber", "ter")) or (word.startswith("di") and word not in NOT_PASSIVE):
        return False
    return True


def building_owner(doc: Doc, index: int) -> Candidate | None:
    """The institution a building is named after: `Gedung DPR` -> the DPR."""
    entity = next((e for e in doc.ents if e.start in (index, index + 1) and e.label_ in PLACE_LABELS), None)
    if entity is None or len(entity) < 2 or entity[0].lower_ not in BUILDINGS:
        return None
    org = _organization_index().get(entity[1:].text.lower())
    if org is None:
        return None
    return Candidate(entity.start_char, entity.end_char, org.name, entity_id("ORG", org.name),
                  " ".join(x for x in (org.country, org.type) if x) or None, entity.start, entity.end)


@cache
def _organization_index() -> dict:
    index: dict = {}
    for org in gazetteer.organizations():
        for form in (org.name, *org.aliases):
            index.setdefault(form.lower(), org)
    return index


def _last_two_people(doc: Doc, char: int):
    seen: dict[str, object] = {}
    for entity in doc.ents:
        if entity.label_ == "PER" and entity.end_char <= char:
            seen.pop(entity._.entity_id, None)
            seen[entity._.entity_id] = entity
    people = list(seen.values())
    return people[-2:] if len(people) >= 2 else None


def _last_title(doc: Doc, char: int, after: int):
    """The last title standing for a person (`Menag`) between character `after` and `char`, else None;
    a title is capitalised when it names someone (not `untuk jadi gubernur`)."""
    return next((r for r in reversed(doc._.role_mentions or ()) if after <= r.start_char and r.end_char <= char
                 and r.entity_id.startswith("per:") and r.text[:1].isupper()), None)


def _subject_before(doc: Doc, sentence):
    """The person who is the subject of the previous sentence's main verb (`..., Fredrich tiba-tiba mundur sebagai
    kuasa hukum Setnov. Dia mundur bersama ...`: Fredrich, not Setnov named last), else None."""
    if sentence.start == 0:
        return None
    previous = doc[sentence.start - 1].sent
    for entity in doc.ents:
        if entity.label_ != "PER" or entity.start < previous.start or entity.end >= previous.end:
            continue
        following = list(doc[entity.end:min(entity.end + 2, previous.end)])
        if following and following[0].pos_ in ("ADV", "PART", "AUX"):
            following = following[1:]  # `Fredrich tiba-tiba mundur`
        clause = next((t.i + 1 for t in reversed(doc[previous.start:entity.start]) if t.text == ","), previous.start)
        if following and following[0].pos_ == "VERB" and \
                not any(t.pos_ == "SCONJ" for t in doc[clause:entity.start]):
            return entity  # the main verb's, not `ketika perkara Setnov masuk ke pengadilan`'s
    return None


def sentence_before(sentence):
    """The sentence before, skipping blank lines between paragraphs; None at the start."""
    doc = sentence.doc
    index = sentence.start - 1
    while index >= 0 and doc[index].is_space:
        index -= 1
    return doc[index].sent if index >= 0 else None


def _last_person(doc: Doc, char: int):
    best = None
    for entity in doc.ents:
        if entity.label_ == "PER" and entity.end_char <= char:
            best = entity
    return best


def _past_brackets(doc: Doc, index: int, end: int) -> int:
    """The token after a short bracketed acronym starting at `index` (`(DKPP)`), else `index`."""
    if index < end and doc[index].text == "(":
        close = next((t.i for t in doc[index + 1:min(end, index + 5)] if t.text == ")"), None)
        if close is not None:
            return close + 1
    return index


#: How many words after a pronoun a reporting cue may stand for the pronoun to be its subject (`Dia pun mengimbau`).
PRONOUN_CUE_WINDOW = 3


def _speaker_of_pronoun(doc: Doc, token):
    """The person a pronoun subject stands for, as the quote layer resolved it: the
    speaker of the quote whose cue the pronoun is the subject of (`Dia mengimbau ...`).
    (Taking the speaker of the last quote before the pronoun instead of the last name
    was measured on the real-text gold's dev part and lost one event.)"""
    quotes = [q for q in extensions.items(doc, "quotes") if q.speaker_id and q.speaker_id.startswith("per:")
              and q.kind != "headline"]
    if not quotes:
        return None
    limit = doc[min(len(doc) - 1, token.i + PRONOUN_CUE_WINDOW)].idx
    own = next((q for q in quotes if q.cue_start is not None and token.idx < q.cue_start <= limit), None)
    if own is None:
        return None
    return next((e for e in doc.ents if e.label_ == "PER" and e._.entity_id == own.speaker_id
                 and e.end_char <= max(token.idx, own.start)), None)


#: Prepositions before a police unit's name that make it a place (`dibawa ke Polda Metro Jaya`).
UNIT_AS_PLACE = PLACE_PREPOSITIONS | {"ke"}


def last_entity_before(doc: Doc, index: int, accepts) -> Span | None:
    """The last entity that ends at or before token `index` and that `accepts`, or None: what a story's
    later generic word (`polisi`, `penyidik`, `tersangka`) refers back to."""
    return next((e for e in reversed([e for e in doc.ents if e.end <= index]) if accepts(e)), None)


def _after_place_word(doc: Doc, entity) -> bool:
    """`diamankan ke Polda Metro Jaya`: a unit after `ke`, `di` ... is where someone was taken, not who acted."""
    return entity.start > 0 and doc[entity.start - 1].lower_ in UNIT_AS_PLACE


def police_unit_before(doc: Doc, index: int):
    """The last regional or local police unit named before token `index` (`Polda Metro Jaya`,
    `Kepolisian Resor Bogor`), or None."""
    def police_unit(entity) -> bool:
        words = entity.text.lower().split()
        canonical = (entity._.canonical or "").lower().split() if entity.label_ == "ORG" else []
        # (not `"... diamankan Polres Jakarta Utara," ujar Wakapolda`: the speaker's wording)
        return entity.label_ in ("ORG", "LOC") and bool(words) and not _after_place_word(doc, entity) \
            and (words[0] in POLICE_UNITS or " ".join(words[:2]) in POLICE_UNITS or _foreign_police(canonical)) \
            and not _inside_quotation(doc, entity)

    return last_entity_before(doc, index, police_unit)


#: Nouns that go on naming the body that investigates once the story has named it (lexicons/investigators.tsv).
INVESTIGATORS = frozenset(row["noun"] for row in language_data.table("investigators.tsv"))
#: Canonical-name starts of the bodies that investigate besides police, courts and prosecutors.
ENFORCEMENT_BODIES = tuple(language_data.words("actors_enforcement_bodies"))
ENFORCEMENT_TYPES = {"POL", "JUD"}


def enforcement_body_before(doc: Doc, index: int):
    """The last body that investigates, arrests or prosecutes named before token `index` (a police unit or
    force, a court or prosecutor, KPK, BNN ...), or None."""
    def enforcement_body(entity) -> bool:
        if entity.label_ != "ORG" or _after_place_word(doc, entity):
            return False
        words = entity.text.lower().split()
        return (entity._.attributes or {}).get("type") in ENFORCEMENT_TYPES \
            or (entity._.canonical or entity.text).lower().startswith(ENFORCEMENT_BODIES) \
            or words[0] in POLICE_UNITS or " ".join(words[:2]) in POLICE_UNITS

    return last_entity_before(doc, index, enforcement_body)


def _investigators(doc: Doc, sentence, found: list[Candidate]) -> list[Candidate]:
    """`Penyidik menahan ...`, `Petugas juga menyita ...`: an unqualified investigator noun stands for the
    body of that kind the story named last (lexicons/investigators.tsv); it replaces the noun's reading as a
    group of its own. Qualified, it is not that body: `penyidik KPK` names its own, `anggota keluarga`,
    `anggota DPR` are others."""
    for token in sentence:
        if token.lower_ not in INVESTIGATORS:
            continue
        after = doc[token.i + 1] if token.i + 1 < sentence.end else None
        if after is not None and (after.pos_ in ("NOUN", "PROPN") or after.text[:1].isupper()):
            continue
        if any(a.token_start <= token.i < a.token_end and (a.entity_id or a.token_end - a.token_start > 1)
               for a in found):
            continue  # named with a body before (`petugas PPIH` ... `petugas`), or part of a longer actor
        body = enforcement_body_before(doc, token.i)
        if body is None:
            continue
        found = [a for a in found if not a.token_start <= token.i < a.token_end]
        found.append(Candidate(token.idx, token.idx + len(token.text), body._.canonical or body.text,
                               body._.entity_id, organisation_code(body), token.i, token.i + 1))
    return found


#: Nouns that go on naming the story's suspect once it has named them (lexicons/suspects.tsv).
SUSPECT_NOUNS = frozenset(row["noun"] for row in language_data.table("suspects.tsv"))
#: Words right before a name, or right after it and a comma, that make the person a suspect.
SUSPECT_CUES = language_data.words("actors_suspect_cues")
#: Words after `pelaku` that make it no suspect (`pelaku usaha`).
NOT_SUSPECTS = language_data.words("actors_not_suspects")


def suspect_before(doc: Doc, index: int):
    """The last person the article named as a suspect before token `index` (`tersangka Charles Jones
    Mesang`, `pelaku berinisial MA`, `Zunaidi Abdillah, pelaku pelecehan`), or None."""
    def suspect(entity) -> bool:
        before = doc[entity.start - 1].lower_ if entity.start > 0 else ""
        described = entity.end + 1 < len(doc) and doc[entity.end].text == "," \
            and doc[entity.end + 1].lower_ in SUSPECT_CUES
        return entity.label_ == "PER" and (before in SUSPECT_CUES or described)

    return last_entity_before(doc, index, suspect)


def _suspects(doc: Doc, sentence, found: list[Candidate]) -> list[Candidate]:
    """`Pelaku sudah kami amankan`, `menahan tersangka`, `menahan yang bersangkutan`: a suspect noun with
    no name after it stands for the person the story named as its suspect last (lexicons/suspects.tsv)."""
    taken = {i for a in found for i in range(a.token_start, a.token_end)}
    names = {e.start for e in doc.ents if e.label_ == "PER"}
    for token in sentence:
        if token.lower_ not in SUSPECT_NOUNS or token.i in taken:
            continue
        if token.lower_ == "bersangkutan" and not (token.i > 0 and doc[token.i - 1].lower_ == "yang"):
            continue
        if token.i + 1 < len(doc) and doc[token.i + 1].lower_ in NOT_SUSPECTS:
            continue  # `pelaku usaha`
        if any(i in names for i in range(token.i + 1, token.i + 4)):
            continue  # `tersangka Charles`, `pelaku lainnya berinisial PR`: the name is the actor
        person = suspect_before(doc, token.i)
        if person is None:
            continue
        first = doc[token.i - 1] if token.lower_ == "bersangkutan" else token  # `yang bersangkutan` as one
        found.append(Candidate(first.idx, token.idx + len(token.text), person._.canonical, person._.entity_id,
                               _person_code(person._.role, person._.role_title), first.i, token.i + 1))
    return found


#: Nouns for armed forces a story leaves unqualified: the state's it is about (lexicons/unnamed_forces.tsv).
UNNAMED_FORCES = frozenset(row["noun"] for row in language_data.table("unnamed_forces.tsv"))
#: Nouns after a force noun that still describe the state's own forces (`pasukan pemerintah`).
OWN_FORCES = frozenset({"pemerintah", "keamanan"})
#: Descriptions of forces that serve no state of their own (`pasukan perdamaian`, `pasukan bayaran`).
OTHERS_FORCES = frozenset({"perdamaian", "bayaran"})
#: Words before a force noun that count its members (`ribuan tentara`): troops sent, not a state that acts.
COUNTED = language_data.words("events_quantifiers") - {"para", "seluruh"}
HOME_FORCES = "tentara nasional indonesia"


def _unnamed_forces(doc: Doc, sentence, found: list[Candidate]) -> list[Candidate]:
    """`Tentara menembak mati ...`, `Pasukan pemerintah menyerbu ...`: an armed force with no name or place
    after it is that of the state the story is about (`story_state`): the TNI at home."""
    taken = {i for a in found for i in range(a.token_start, a.token_end)}
    for token in sentence:
        if token.lower_ not in UNNAMED_FORCES or token.i in taken:
            continue
        before = doc[token.i - 1] if token.i > sentence.start else None
        if before is not None and (before.like_num or before.lower_ in COUNTED):
            continue  # `mengerahkan ribuan tentara`: troops counted, whoever's they are
        last = token.i + 1
        while last < sentence.end and (doc[last].lower_ in MILITARY_MODIFIERS or doc[last].lower_ in OWN_FORCES):
            last += 1
        after = doc[last] if last < sentence.end else None
        if any(doc[i].lower_ in OTHERS_FORCES for i in range(token.i + 1, last)):
            continue  # `pasukan perdamaian`, `pasukan bayaran`: no state's own army
        if last in taken or (after is not None and (after.text[:1].isupper() or (
                after.pos_ in ("NOUN", "PROPN", "ADJ") and after.lower_ not in GROUP_STOPS))):
            continue  # `tentara Israel`, `pasukan pemberontak`, `pasukan asing`: someone named or described
        state = story_state(doc)
        end_char = doc[last - 1].idx + len(doc[last - 1].text)
        home = _organization_index().get(HOME_FORCES) if state == HOME_STATE else None
        if home is not None:
            found.append(Candidate(token.idx, end_char, home.name, entity_id("ORG", home.name),
                                   f"{HOME_STATE} MIL", token.i, last))
        else:
            found.append(_state_over(doc, token.i, last, state, "MIL"))
        taken.update(range(token.i, last))
    return found


def _foreign_police(canonical: list[str]) -> bool:
    """Whether an organisation's canonical name is a police force other than Indonesia's
    (`Kepolisian Manchester`, `Kepolisian Diraja Malaysia`): the story's `polisi` is that force."""
    return len(canonical) > 1 and canonical[0] == "kepolisian" and canonical[1] not in ("negara", "republik") \
        and " ".join(canonical[:2]) not in POLICE_UNITS


def _inside_quotation(doc: Doc, span) -> bool:
    """Whether a span stands inside quotation marks opened earlier in its sentence."""
    before = doc.text[span.sent.start_char:span.start_char]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _named_after(doc: Doc, index: int, actor_starts: set[int]) -> bool:
    """A named actor right after a group noun, or one word on, says who the group is
    (`warga negara Indonesia`, `aktivis lingkungan asal Jerman`); not when that word is
    the verb the group is the subject of (`polisi menahan Rizieq Shihab`)."""
    if index in actor_starts:
        return True
    if index < len(doc) and doc[index].lower_ in COORDINATORS:
        return False  # `aparat polisi dan TNI`: a second actor, not who the group is
    return index + 1 in actor_starts and index < len(doc) and not (
        _verb_shaped(doc[index]) and doc[index].lower_.startswith(("me", "di")))  # not `berbendera Panama`


def _bracket_before(doc: Doc, index: int, floor: int) -> int:
    """The token before a short bracketed acronym ending at `index` (`(KPK)`), else `index`."""
    if index > floor and doc[index].text == ")":
        opening = next((t.i for t in reversed(doc[max(floor, index - 4):index]) if t.text == "("), None)
        if opening is not None and opening > floor:
            return opening - 1
    return index


def officer_body(doc: Doc, person_id: str | None) -> Candidate | None:
    """The body a person is named as an officer of (`Juru Bicara KPK Febri Diansyah`, `Kepala Divisi
    Humas Polri Irjen Setyo Wasisto`, `Ketua Komisi Pemberantasan Korupsi (KPK) Agus Rahardjo`): the
    organisation between the title and the name at one of the person's mentions, else None. A speaker
    who says `kami` or `kita` in a quotation speaks for this body."""
    if not person_id:
        return None
    for person in doc.ents:
        if person.label_ != "PER" or person._.entity_id != person_id:
            continue
        body = _body_named_with(doc, person)
        if body is not None:
            parent = _parent_body(body._.canonical) or _parent_body(body.text)
            if parent is not None:
                return Candidate(body.start_char, body.end_char, parent.name, entity_id("ORG", parent.name),
                                 " ".join(x for x in (parent.country, parent.type) if x) or None,
                                 body.start, body.end)
            return Candidate(body.start_char, body.end_char, body._.canonical, body._.entity_id,
                             " ".join(x for x in ((body._.attributes or {}).get("country"),
                                                  (body._.attributes or {}).get("type")) if x) or None,
                             body.start, body.end)
    for person in doc.ents:
        if person.label_ == "PER" and person._.entity_id == person_id:
            unit = _unit_headed_by(doc, person)
            if unit is not None:
                return unit
    return None


#: Titles whose holder, saying `kita` or `kami` in a quotation, speaks for the state (`"Jangan sampai ada isu
#: kita sudah mengirimkan pasukan," kata Menkopolhukam Wiranto`): lexicons/words/actors_state_speakers.txt.
STATE_SPEAKERS = language_data.words("actors_state_speakers")


def state_spoken_for(doc: Doc, person_id: str | None) -> Candidate | None:
    """The state a head of state or government or a minister speaks for (his title's state, else
    Indonesia), at one of the person's mentions with such a title; else None."""
    if not person_id:
        return None
    for person in doc.ents:
        if person.label_ != "PER" or person._.entity_id != person_id:
            continue
        title = (person._.role_title or "").lower()
        if not title or not any(title == w or title.startswith(w + " ") for w in STATE_SPEAKERS):
            continue
        code = _person_code(person._.role, person._.role_title) or ""
        iso3 = code.split()[0] if len(code.split()) == 2 else HOME_STATE
        name, state_id = state_name(iso3)
        return Candidate(person.start_char, person.end_char, name, state_id, f"{iso3} GOV",
                         person.start, person.end)
    return None


@cache
def unit_heads() -> dict[str, tuple[str, bool, str]]:
    """Title -> (the unit's full form or the body's name, whether the unit's area follows the title,
    sector) from lexicons/unit_heads.tsv and lexicons/org_units.tsv: `kapolda` -> (`Kepolisian
    Daerah`, True, `POL`)."""
    full = {row["unit"]: row["full"] for row in language_data.table("org_units.tsv") if row["full"]}
    found: dict[str, tuple[str, bool, str]] = {}
    for row in language_data.table("unit_heads.tsv"):
        if row["unit"] in full:
            found[row["title"]] = (full[row["unit"]], True, row["sector"])
        else:
            org = _organization_index().get(row["unit"].lower())
            found[row["title"]] = (org.name if org else row["unit"], False, row["sector"])
    return found


def _unit_headed_by(doc: Doc, person) -> Candidate | None:
    """The unit a person heads by a title before its area (`Kapolda Sumbar Irjen Fakhrizal`,
    `Kapolres Jakarta Utara, Kombes Dwiyono`): `Kepolisian Daerah Sumatera Barat`, else None."""
    titles = title_words()
    heads = unit_heads()
    floor = person.sent.start
    i = person.start - 1
    while i >= floor and (doc[i].lower_ in titles or doc[i].text == ",") and doc[i].lower_ not in heads:
        i -= 1  # a rank between (`Irjen`, `Kombes`), a comma
    if i < floor:
        return None
    if doc[i].lower_ in heads and not heads[doc[i].lower_][1]:  # `Kapolri Jenderal Tito`
        head = doc[i]
        name = heads[head.lower_][0]
    else:
        first = i
        while first > floor and doc[first].ent_iob_ == "I":
            first -= 1  # (by the tokens first: the entities are looked at only after a unit's head)
        if doc[first].ent_iob_ != "B" or first <= floor or doc[first - 1].lower_ not in heads:
            return None
        area = next((e for e in doc.ents if e.end - 1 == i and (e.label_ in PLACE_LABELS or e.label_ == "ORG")), None)
        if area is None or area.start <= floor or doc[area.start - 1].lower_ not in heads:
            return None
        head = doc[area.start - 1]
        form, takes_area, _ = heads[head.lower_]
        if not takes_area:
            return None
        name = f"{form} {area._.canonical or area.text}"
    org = _organization_index().get(name.lower())
    if org is not None:
        name = org.name
    code = f"{org.country or HOME_STATE} {org.type}" if org and org.type else f"{HOME_STATE} {heads[head.lower_][2]}"
    return Candidate(head.idx, head.idx + len(head.text), name, entity_id("ORG", name), code,
                     head.i, head.i + 1)


def _parent_body(name: str) -> gazetteer.Organization | None:
    """The longest known organisation inside a department's name (`Divisi Humas Polri` -> Polri, also
    with a rank the NER drew into the name: `Biro Humas Polda Metro Jaya Komisaris`), else None."""
    words = name.split()
    if not words or words[0].lower() not in DEPARTMENTS:
        return None
    index = _organization_index()
    spans = sorted(((i, j) for i in range(1, len(words)) for j in range(i + 1, len(words) + 1)),
                   key=lambda s: (s[0] - s[1], s[0]))
    return next((index[part] for i, j in spans for part in [" ".join(words[i:j]).lower()] if part in index), None)


def _body_named_with(doc: Doc, person):
    """The organisation entity between a title and this mention of a person (`Juru Bicara [KPK] Febri`,
    `Ketua [Komisi Pemberantasan Korupsi] (KPK) Agus Rahardjo`, a rank between), else None."""
    titles = title_words()
    floor = person.sent.start
    i = person.start - 1
    while i > floor and doc[i].lower_ in titles and doc[i].ent_type_ != "ORG":
        i -= 1  # a rank between (`Irjen`, `Kombes`)
    i = _bracket_before(doc, i, floor)
    if i <= floor or doc[i].ent_type_ != "ORG":
        return None
    body = next((e for e in doc.ents if e.label_ == "ORG" and e.end - 1 == i), None)
    if body is None or body.start <= floor or doc[body.start - 1].lower_ not in titles:
        return None  # a title before the body: its officer, not a name in a list
    return body


def officer_described(doc: Doc, candidate: Candidate, sentence) -> Candidate | None:
    """The person a title with a body and a demonstrative stands for (`Ketua Umum Partai Golkar itu`,
    `Ketua Yayasan Solidaritas Sahabat Cendana itu` after `Ketua Umum Partai Golkar Setya Novanto`): the
    latest person named before as an officer of that body, else None."""
    if not (candidate.entity_id or "").startswith("org:") or candidate.token_start <= sentence.start \
            or candidate.token_end >= sentence.end:
        return None
    if doc[candidate.token_start - 1].lower_ not in title_words() or \
            doc[candidate.token_end].lower_ not in epithets()["demonstrative"]:
        return None
    people = [e for e in reversed(doc.ents) if e.label_ == "PER" and e.end_char <= candidate.start]
    officer = next((p for p in people if (body := _body_named_with(doc, p)) is not None
                    and body._.entity_id == candidate.entity_id), None)
    if officer is None and people:
        # named without the body (`KPK akan memanggil Setnov ... Ketua Umum Partai Golkar itu`): the person
        # the story named last, if in this sentence or the one before
        before = sentence_before(sentence)
        officer = people[0] if people[0].start_char >= (before or sentence).start_char else None
    if officer is None:
        return None
    return Candidate(candidate.start, doc[candidate.token_end].idx + len(doc[candidate.token_end].text),
                     officer._.canonical, officer._.entity_id, _person_code(officer._.role, officer._.role_title),
                     candidate.token_start, candidate.token_end + 1)


@cache
def body_epithets() -> dict[tuple[str, ...], gazetteer.Organization]:
    """Lower-case descriptions that stand for a body (lexicons/body_epithets.tsv), by their words."""
    index = _organization_index()
    return {tuple(row["phrase"].lower().split()): index[row["organization"].lower()]
            for row in language_data.table("body_epithets.tsv")}


@cache
def _epithet_first_words() -> frozenset[str]:
    return frozenset(phrase[0] for phrase in body_epithets())


def _body_epithets(doc: Doc, sentence, taken: set[int]) -> list[Candidate]:
    """`lembaga antirasuah itu` -> the KPK: the bodies a sentence names by a description."""
    found = []
    epithets_ = body_epithets()
    firsts = _epithet_first_words()
    for token in sentence:
        if token.lower_ not in firsts or token.i in taken:
            continue
        for phrase, org in epithets_.items():
            last = token.i + len(phrase)
            if last > sentence.end or tuple(t.lower_ for t in doc[token.i:last]) != phrase:
                continue
            if last < sentence.end and doc[last].lower_ in epithets()["demonstrative"]:
                last += 1
            found.append(Candidate(token.idx, doc[last - 1].idx + len(doc[last - 1].text), org.name,
                                   entity_id("ORG", org.name),
                                   " ".join(x for x in (org.country, org.type) if x) or None, token.i, last))
    return found
