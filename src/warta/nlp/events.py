"""The `warta_events` component: PLOVER/CAMEO events coded from the Indonesian sentence.

Triggers come from the reviewed lexicon `lexicons/events.tsv` (surface forms
with their voice). For each trigger in a sentence:

- **actors** are the candidates of `warta.nlp.actors` (people, organisations,
  states and capitals acting as states, a state's forces, groups), and
  Indonesian syntax gives each its role:
  - voice: active `meN-` verbs take the source before and the object after
    (the direct object first, then a party after `kepada`, `terhadap`,
    `dengan`, `ke`); passive `di-` verbs the target before and the agent after
    `oleh` or right after the verb (`diamankan polisi`); reciprocal `ber-`
    verbs and joint acts pair their actors (`Putin dan Kim bertemu`,
    `Indonesia dan Uni Emirat Arab menandatangani ...`);
  - nominalisations take `antara X dan Y`, their genitive (`serangan Israel
    terhadap ...`, `kunjungan Putin ke Pyongyang`), `oleh X` (`Pembebasan
    sandera asal Thailand oleh Hamas`), `-nya` (`kunjungannya`) or the clause
    subject, except where they are only a circumstance (`tewas dalam
    serangan`);
  - coordination gives one event per actor (`dikecam oleh Tokyo dan Seoul`);
  - subjects reach into relative clauses (`tentara Korea Utara yang
    bertempur`), controlled clauses (`meminta X untuk berkunjung`: X visits)
    and subordinate clauses without a subject (`... setelah diancam Taliban`);
  - a visit is hosted by the state of the place visited, troops are sent to
    the state they go to or help, aid goes to the state of the place helped.
  Some triggers are no event of their own: the content of a threat or an
  accusation, the aim of a protest, the topic of talks, and the non-event
  collocations listed in the lexicon header (`serangan jantung`).
- **actor codes**: the state (ISO3, from the role's qualifier, the
  organisation's country or the place itself) and a sector (the role's or
  organisation's sector; GOV for a state as such, MIL for armed forces).
- **date**: the closest DATE time expression in the sentence (`date_source:
  "text"`), else the date of the sentence before when this one refers back to
  it (`"narrative"`), else none (`"none"`); never the publication date by default.
- **modality**: negated (`tidak`, `belum`, `membantah`), intended (`akan`,
  `berniat`), requested (`meminta ... untuk`), reported (`menurut X`,
  `dilaporkan`), else asserted.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from warta import lexicon as language_data
from warta.model import Actor, Event
from warta.nlp import extensions, gazetteer
from warta.nlp.actors import (
    COORDINATORS,
    GROUP_STOPS,
    MILITARY,
    NOT_PASSIVE,
    PARTY_PREPOSITIONS,
    PLACE_LABELS,
    PLACE_PREPOSITIONS,
    POLICE,
    Candidate,
    building_owner,
    capital_of,
    country_of,
    dateline_end,
    enforcement_body_before,
    find_actors,
    officer_body,
    organisation_code,
    place_states,
    sentence_before,
    span_root,
    state_name,
    state_spoken_for,
    story_opening,
    title_words,
)
from warta.nlp.entities import SPEECH_OPENERS, entity_id, entity_kind
from warta.nlp.story_kind import MARKETS, SPORTS, Story
from warta.nlp.story_kind import words_of as _words

extensions.register("events")

#: The order in which modality words win (`tidak akan menyerang` is negated).
MODALITY_ORDER = ("negated", "hypothetical", "intended", "requested", "reported")
#: Words before an invitation by which its subject is the one invited (`atas undangan X`, `memenuhi undangan X`).
INVITATION_TAKERS = language_data.words("events_invitation_takers")
#: Negators that describe a noun before the trigger and leave the act asserted (`orang tak dikenal`).
DESCRIBING_NEGATIONS = language_data.words("events_describing_negations")
#: Subordinators of the act asked for: `meminta X untuk ...`, `mendesak agar ...`.
REQUESTED_ACT_MARKS = language_data.words("events_requested_act_marks")
CONDITIONAL = language_data.words("events_conditional")
CLAUSE_BREAKS = language_data.words("events_clause_breaks")
#: How far after a trigger its target may be found (tokens).
TARGET_WINDOW = 6
#: Types whose coordinated subject acts together: `Indonesia dan Uni Emirat Arab
#: menandatangani perjanjian` is one agreement between the two, not two.
JOINT_TYPES = {"AGREE", "COOPERATE", "CONSULT"}
#: Words after a refusal that make it a refusal of entry, by the state entered (`ditolak masuk ke AS`).
ENTRY_WORDS = frozenset({"masuk", "memasuki"})
#: Prepositions that make a nominalised event a circumstance of the clause,
#: whose subject is then not its agent: `tewas dalam serangan`, `setelah penangkapan`.
NOUN_FRAMES = language_data.words("events_noun_frames")
#: Head nouns between a nominalised event and its genitive actor (`serangan kelompok ISWAP`).
GENITIVE_HEADS = MILITARY | POLICE | language_data.words("events_genitive_heads")
QUANTIFIERS = language_data.words("events_quantifiers")
#: Nouns for people that head a phrase ending in their state (`warga negara Rusia`).
PEOPLE_NOUNS = language_data.words("events_people_nouns")
#: Words before an actor that make it no object of the verb before them.
NOT_OBJECT_GOVERNORS = PARTY_PREPOSITIONS | PLACE_PREPOSITIONS | language_data.words("events_not_object_governors")
#: Prepositions that end a relative clause's core: a trigger after them is no
#: longer that clause's verb (`Jepang yang baru terpilih melalui sambungan telepon`).
CIRCUMSTANCE = language_data.words("events_circumstance")
#: Verbs of help after `untuk`: troops sent `untuk membantu X` are sent to X.
HELP_VERBS = language_data.words("events_help_verbs")
#: Subordinators after which a clause may leave its subject unsaid (`setelah diancam`).
SUBORDINATORS = language_data.words("events_subordinators")
#: A preposition that may open a sentence before its subordinator (`Pada saat ditangkap, ...`).
OPENING_PREPOSITIONS = frozenset({"pada"})
#: Words after a passive verb before an actor that is not its agent: a party's preposition, a
#: subordinator (`ditangkap setelah dia ...`) or a word naming the patient (`yang ditahan bernama X`,
#: `sandera asal Thailand`).
NOT_AGENT_GOVERNORS = PARTY_PREPOSITIONS | SUBORDINATORS | language_data.words("events_not_agent_governors")
#: Event types that need a target: without one the trigger names a field of work, not an act.
DYADIC_TYPES = {word.upper() for word in language_data.words("events_dyadic_types")}
#: Prepositions of means: `melalui sambungan telepon` is how the clause's parties talked.
INSTRUMENTS = language_data.words("events_instruments")
#: Verbs that state the aim of a protest right after it (`Demonstrasi menentang ...`).
AIM_VERBS = language_data.words("events_aim_verbs")
#: Words before a nominalised event that make it the topic of talk, not an event.
TOPIC_WORDS = language_data.words("events_topic_words")
#: Triggers that are play in a sports story: `membela Persib` is playing for the club.
#: Light verbs whose object is the act (`melakukan penembakan`), and their passives (`OTT yang
#: dilakukan KPK`): lexicons/words/events_light_verbs.txt.
LIGHT_VERBS = frozenset(w for w in language_data.words("events_light_verbs") if w.startswith("me"))
LIGHT_PASSIVES = frozenset(w for w in language_data.words("events_light_verbs") if w.startswith("di"))
#: Nouns that say what a protest right before them is against: `demonstrasi penolakan kedatangan X`.
AIM_NOUNS = language_data.words("events_aim_nouns")
SPORTS_TYPES = {"ASSAULT", "COERCE", "THREATEN", "MOBILIZE"}
SPORTS_TRIGGERS = language_data.words("events_sports_triggers")
#: Diseases and pests that `menyerang` (attack) people and crops.
AFFLICTIONS = language_data.words("events_afflictions")
#: Triggers that are events only with an actor as their direct object (`menerima Anwar Ibrahim`).
PARTY_OBJECTS = language_data.words("events_party_objects")
#: Triggers that are events only with one of their phrases after them (`menetapkan X sebagai
#: tersangka`, `melaporkan X ke polisi`), within COMPLETION_WINDOW words of the same sentence.
COMPLETIONS: dict[str, tuple[tuple[str, ...], ...]] = {}
for _row in language_data.table("event_completions.tsv"):
    COMPLETIONS.setdefault(_row["trigger"], ())
    COMPLETIONS[_row["trigger"]] += (tuple(_row["phrase"].lower().split()),)
#: (25, not 15: a suspect's description may stand between the verb and its phrase, `menetapkan Hilman
#: Mattauch, wartawan ... yang mengemudikan mobil Setya Novanto saat kecelakaan, sebagai tersangka`.)
COMPLETION_WINDOW = 25
#: Reporting words that open an aside between commas (`Tujuh ormas itu, kata Yusri, berunjuk rasa`).
ASIDE_CUES = language_data.words("events_aside_cues")
#: How many tokens an aside may take between its commas, cue included.
ASIDE_LENGTH = 7
#: Tourists and other travellers, whose visits are trips, not diplomacy.
TRAVELLERS = language_data.words("events_travellers")
#: After a visit trigger, a place one visits for leisure or worship (`mengunjungi mal`): an outing.
LEISURE_PLACES = language_data.words("events_leisure_places")
#: After a threat noun, the penalty a law sets (`dengan ancaman hukuman penjara`), like a number does.
PENALTY_WORDS = language_data.words("events_penalty_words")
#: Words between a threat or accusation and the act it speaks of (`mengancam akan
#: melancarkan serangan`): that act is its content, not an event.
CONTENT_LINKS = language_data.words("events_content_links")
#: Verbs before `dalam <event>` whose subject takes part in the event
#: (`berpartisipasi dalam pertempuran`), unlike `tewas dalam serangan`.
PARTICIPATION = language_data.words("events_participation")
#: Nominalised acts whose bare genitive undergoes them (`penangkapan Setya Novanto`).
PATIENT_NOUNS = language_data.words("events_patient_nouns")
#: Nominalised acts done at someone's place, who is then their target (`penggeledahan di kediaman X`).
ACTS_AT_A_PLACE = language_data.words("events_acts_at_a_place")
#: Verbs whose subject undergoes the nominalised act after them (`menjalani pemeriksaan`).
UNDERGO_VERBS = language_data.words("events_undergo_verbs")
#: Words that may stand between `untuk`/`agar` and the verb they introduce.
ADVERBS = language_data.words("events_adverbs")


@cache
def role_table() -> dict[tuple[str, str, str], str]:
    """(voice, relation, preposition) -> source | target, from `lexicons/actor_roles.tsv`."""
    return {(row["voice"], row["relation"], row["preposition"]): row["role"]
            for row in language_data.table("actor_roles.tsv")}


#: Relations inside a noun phrase that still name the same actor (`Presiden [Joko Widodo]`).
NAME_RELATIONS = {"flat", "flat:name", "compound", "appos", "amod", "det", "nummod", "clf"}
#: Relations of a clause whose subject is left unsaid and shared with the clause it hangs on.
SHARED_SUBJECT = {"xcomp", "conj", "advcl", "ccomp"}
#: The relations of a clause's subject, active or passive.
SUBJECTS = ("nsubj", "nsubj:pass")
#: Subordinators of a controlled clause: `meminta X untuk ...`, `mendesak X agar ...`: X acts.
CONTROL_MARKS = language_data.words("events_control_marks")
#: Subordinators of a clause of purpose: `bertandang ke PN untuk menggugat KPK`: the one who goes acts.
PURPOSE_MARKS = frozenset({"untuk", "guna"})
#: Subordinators of the reason an act was done to someone: `menangkap RO karena mencabuli ...`: RO acts.
REASON_MARKS = language_data.words("events_reason_marks")
#: Acts done to someone for what he did (arrest, sanction, blame, praise): his is the act of their reason.
ANSWERING_TYPES = frozenset({"COERCE", "SANCTION", "ACCUSE", "SUPPORT"})


def grammatical_roles(doc: Doc, start: int, end: int, voice: str, actors: list[Candidate]
                      ) -> tuple[Candidate | None, Candidate | None] | None:
    """(source, target) of the trigger doc[start:end] read from the dependency
    parse with the role table; None when the doc is not parsed or the parse
    names neither.

    Besides the table's direct dependents: a clause without a subject takes
    the one it shares (`meminta Kim untuk berkunjung`: Kim, the controlled
    object; `bertemu ... dan membahas`: the first verb's subject); a
    relative clause's missing subject (active) or patient (passive) is the
    noun it qualifies (`pasukan yang menyerang`, `orang yang diamankan
    polisi`); and in a nominalisation with an `oleh` agent the bare genitive
    undergoes the act (`Penangkapan X oleh KPK`).
    """
    if not doc.has_annotation("DEP"):
        return None
    head = span_root(doc, start, end)
    table = role_table()
    found: dict[str, Candidate | None] = {"source": None, "target": None}
    bare_genitive = None
    for child in head.children:
        if start <= child.i < end:
            continue
        case = _case_of(child)
        role = table.get((voice, child.dep_, case))
        if role is None or found[role] is not None:
            continue
        actor = _actor_of(child, actors)
        if actor is not None and actor not in found.values():
            found[role] = actor
            if voice == "noun" and role == "source" and not case:
                bare_genitive = actor
    if voice == "noun" and bare_genitive is not None and found["source"] is not bare_genitive:
        pass
    elif voice == "noun" and bare_genitive is not None:
        agent = next((_actor_of(c, actors) for c in head.children if c.dep_.startswith("nmod")
                      and any(k.lower_ == "oleh" and k.dep_ == "case" for k in c.children)), None)
        if agent is not None and agent is not bare_genitive:
            found["source"], found["target"] = agent, bare_genitive
    if voice == "noun" and found["source"] is None:
        found["source"] = _conveyed_by(head, actors)
    subject_role = "target" if voice == "passive" else "source"
    if found[subject_role] is None and voice != "noun":
        found[subject_role] = _shared_subject(head, actors, voice)
    if found["source"] is None and found["target"] is None:
        return None
    return found["source"], found["target"]


#: Passive verbs by which the act a noun names is put forward by its source (`Permintaan ... disampaikan oleh X`).
CONVEYING_VERBS = language_data.words("events_conveying_verbs")


def _conveyed_by(noun, actors: list[Candidate]) -> Candidate | None:
    """`Dukungan terhadap Joko Widodo disampaikan oleh Setya Novanto`, `Permintaan agar Ruhut mundur
    disampaikan oleh Edhie Baskoro Yudhoyono`: the agent of the passive verb that puts forward the act a
    noun names is its source."""
    verb = noun.head
    if noun.dep_ != "nsubj:pass" or verb.lower_ not in CONVEYING_VERBS:
        return None
    return _passive_agent(verb, actors)


def _passive_agent(verb, actors: list[Candidate]) -> Candidate | None:
    """The actor a passive verb's dependents name as its doer, by the role table (`oleh X`, a bare `X` after
    the verb)."""
    table = role_table()
    return next((actor for c in verb.children
                 if table.get(("passive", c.dep_, _case_of(c))) == "source" and c.i > verb.i
                 and (actor := _actor_of(c, actors)) is not None), None)


def _case_of(token) -> str:
    """The preposition a dependent is marked with (`oleh`, `kepada`), or ""."""
    return next((c.lower_ for c in token.children if c.dep_ == "case"), "")


def _actor_of(token, actors: list[Candidate]) -> Candidate | None:
    """The candidate actor a dependent names: one covering it, else the first
    inside its noun phrase (`Presiden [Joko Widodo]`, `pemerintah [Filipina]`,
    `penyidik [KPK]`). The phrase is the dependent's name parts and, when the
    dependent is a name, a title or a word for a body of people, its genitive;
    never a phrase with its own preposition or a clause (`harapan pemangkasan
    suku bunga Bank Indonesia` names no actor)."""
    phrase = {token.i}
    stack = [token]
    while stack:
        current = stack.pop()
        for child in current.children:
            if any(c.dep_ == "case" for c in child.children):
                continue
            personal = current.i == token.i and (current.pos_ == "PROPN" or current.lower_ in _PERSONAL_HEADS())
            if child.dep_ in NAME_RELATIONS or (child.dep_ == "nmod" and personal):
                phrase.add(child.i)
                stack.append(child)
    covering = [a for a in actors if any(a.token_start <= i < a.token_end for i in phrase)]
    if not covering:
        return _named_in_phrase(token, actors)
    on_head = next((a for a in covering if a.token_start <= token.i < a.token_end), None)
    if on_head is None and token.lower_ in title_words():
        # a title stands for the person it titles, past the body in it (`Anggota DPD RI dari Papua,
        # Charles Simare Mare`: Charles, not the DPD)
        on_head = _titled_person(token, actors)
    return on_head or min(covering, key=lambda a: a.token_start)


#: Words after which a noun phrase gives the name of the one it describes (`temannya berinisial AMR`).
NAMING_WORDS = language_data.words("events_naming_words")


def _named_in_phrase(token, actors: list[Candidate]) -> Candidate | None:
    """`oleh temannya satu barak berinisial AMR`: the one a noun phrase with no actor of its own names
    after a naming word inside it, however the parse hung the name on the phrase."""
    naming = next((t for t in token.subtree if t.i > token.i and t.lower_ in NAMING_WORDS), None)
    if naming is None or any(t.pos_ == "VERB" for t in token.doc[token.i + 1:naming.i]):
        return None
    return next((a for a in actors if a.token_start == naming.i + 1), None)


def _titled_person(title, actors: list[Candidate]) -> Candidate | None:
    """The first person named in a title's phrase, however the parse hung the name on it (on the
    title, or on the place of `dari Papua`), but not inside a clause of the phrase (`Ketua DPR yang
    bertemu Jokowi`)."""
    for actor in actors:  # in text order (find_actors)
        if entity_kind(actor.entity_id) != "per" or actor.token_start <= title.i:
            continue
        token = title.doc[actor.token_start]
        while token.i != title.i and token.head.i != token.i and token.pos_ != "VERB" \
                and not token.dep_.startswith("acl"):
            token = token.head
        if token.i == title.i:
            return actor
    return None


@cache
def _PERSONAL_HEADS() -> frozenset[str]:
    """Nouns whose genitive is the actor they stand for: titles (`Menteri`),
    bodies of people (`pasukan`, `pihak`, `penyidik`)."""
    return frozenset(title_words() | GENITIVE_HEADS | PEOPLE_NOUNS | {"penyidik", "pihak", "jajaran", "tim", "kuasa"})


def _shared_subject(head, actors: list[Candidate], voice: str) -> Candidate | None:
    """The unsaid subject of a clause: a controlled clause's controller, a
    coordinated or subordinate clause's subject, a relative clause's noun."""
    parent = head.head
    if parent.i == head.i:
        return None
    if head.dep_ in ("acl:relcl", "acl"):
        phrase = parent
        while phrase.dep_ in ("flat", "flat:name", "appos") and phrase.head.i != phrase.i:
            phrase = phrase.head
        if head.dep_ == "acl" and {c.lower_ for c in head.children if c.dep_ == "mark"} & PURPOSE_MARKS \
                and any(c.dep_ == "case" for c in phrase.children) and phrase.dep_.startswith("obl"):
            # `bertandang ke Pengadilan Negeri untuk menggugat KPK`: the purpose of the visit, whose
            # subject acts, not the place the parse hung it on
            subject = next((c for c in phrase.head.children if c.dep_ == "nsubj"), None)
            return _actor_of(subject, actors) if subject is not None else None
        return _actor_of(parent, actors)
    if head.dep_ not in SHARED_SUBJECT or voice == "passive":
        return None
    answered = _answered_by(head)
    if answered is not None:
        return _actor_of(answered, actors)
    marks = {c.lower_ for c in head.children if c.dep_ == "mark"}
    if marks & CONTROL_MARKS:
        controller = next((c for c in parent.children if c.dep_ == "obj"), None) or \
            next((c for c in parent.children if c.dep_ == "obl" and any(k.lower_ == "kepada" for k in c.children)),
                 None)
        if controller is not None:
            return _actor_of(controller, actors)
    subject = next((c for c in parent.children if c.dep_ in SUBJECTS), None)
    return _actor_of(subject, actors) if subject is not None else None


def _answered_by(head):
    """The one whose act a reason clause tells (`Polisi menangkap RO karena mencabuli lima gadis`,
    `Pelaku ditangkap karena diduga menganiaya tetangganya`): the one the act it gives the reason
    for was done to, its object or passive subject; None for other clauses."""
    clause = head
    if clause.dep_ == "xcomp" and not any(c.dep_.startswith("nsubj") for c in clause.head.children):
        clause = clause.head  # `karena diduga menganiaya`: the hedge's clause
    if clause.dep_ != "advcl" or not {c.lower_ for c in clause.children if c.dep_ == "mark"} & REASON_MARKS:
        return None
    act = lexicon().get(clause.head.lower_)
    if act is None or act.type not in ANSWERING_TYPES or act.voice not in ("active", "passive"):
        return None
    roles = ("obj",) if act.voice == "active" else ("nsubj:pass", "nsubj")
    return next((c for c in clause.head.children if c.dep_ in roles), None)


@dataclass(frozen=True)
class Trigger:
    text: str
    type: str
    mode: str | None
    cameo: str | None
    voice: str  # active | passive | reciprocal | noun


@cache
def lexicon() -> dict[str, Trigger]:
    """Trigger -> Trigger, from `lexicons/events.tsv`."""
    found: dict[str, Trigger] = {}
    for row in language_data.table("events.tsv"):
        trigger = row["trigger"].lower()
        found[trigger] = Trigger(trigger, row["type"], row.get("mode") or None, row.get("cameo") or None,
                                 row.get("voice") or "active")
    return found


@cache
def not_events() -> tuple[str, ...]:
    """Phrases in which a trigger is not an event (`serangan jantung`, `ditahan imbang`): the
    `#!not-event` lines of the lexicon header."""
    return tuple(line.split("\t", 1)[1].strip().lower() for line in language_data.text("events.tsv").splitlines()
                 if line.startswith("#!not-event\t"))


class EventCoder:
    def __init__(self, nlp: Language):
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        triggers = lexicon()
        for trigger in triggers.values():
            forms = [nlp.make_doc(trigger.text)]
            if trigger.voice == "noun" and " " not in trigger.text:
                # `kunjungannya ke Bangkok`: the suffix -nya names the one who acts
                forms.append(nlp.make_doc(trigger.text + "nya"))
            elif trigger.voice == "active" and " " not in trigger.text and trigger.text.startswith("me"):
                # `menemuinya`, `membubarkannya`: the suffix -nya is the object
                forms.append(nlp.make_doc(trigger.text + "nya"))
            self.matcher.add(trigger.text, forms)
        self.not_events = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.not_events.add("not-event", [nlp.make_doc(phrase) for phrase in not_events()])

    def __call__(self, doc: Doc) -> Doc:
        triggers = lexicon()
        matches = sorted(((start, end, doc.vocab.strings[match_id]) for match_id, start, end in self.matcher(doc)),
                         key=lambda m: (m[0], -(m[1] - m[0])))
        # A trigger inside a non-event phrase (`serangan jantung`, `surat perintah penangkapan`) or
        # inside a name (`Pasukan Dukungan Cepat`) is no event; a longer trigger that holds the
        # phrase whole is (`mengeluarkan surat perintah penangkapan`).
        not_events = [(start, end) for _, start, end in self.not_events(doc)]
        taken = {i for entity in doc.ents if entity.label_ in ("ORG", "PER") and len(entity) > 1
                 for i in range(entity.start, entity.end)
                 if doc[i].text[:1].isupper() and not doc[i].is_sent_start}
        chosen = []
        for start, end, key in sorted(matches, key=lambda m: -(m[1] - m[0])):
            if not taken & set(range(start, end)) and not _in_not_event(start, end, not_events):
                chosen.append((start, end, key))
                taken.update(range(start, end))
        chosen.sort()
        quotes = extensions.items(doc, "quotes")
        times = extensions.items(doc, "times")
        counts = extensions.items(doc, "counts")
        events: list[Event] = []
        story = Story.of(doc)
        published = getattr(doc._, "published", None) if Doc.has_extension("published") else None
        actors_of: dict[int, list[Candidate]] = {}
        uncoded = set()
        for start, end, key in chosen:
            sentence = doc[start].sent
            if sentence.start not in actors_of:
                actors_of[sentence.start] = find_actors(doc, sentence)
            actors_of[sentence.start] = [_past_trigger(doc, a, end) if a.token_start == start and a.token_end > end
                                         else a for a in actors_of[sentence.start]]
            if _not_coded(doc, sentence, start, end, triggers[key], chosen, triggers, actors_of[sentence.start]) \
                    or not _completed(doc, sentence, end, key):
                uncoded.add(start)
        for start, end, key in chosen:
            trigger = triggers[key]
            span = doc[start:end]
            sentence = span.sent
            # Inside a direct quotation a trigger is the speaker's wording, and in
            # a conditional clause ("jika terjadi serangan") nothing happened.
            around = [q for q in quotes if q.start <= span.start_char < q.end]
            if any(q.kind == "headline" or (q.kind == "direct" and not q.speaker_id) for q in around):
                continue
            quote = around[0] if around else None
            if _conditioned(doc, sentence, start, trigger):
                continue
            if story.sports and (trigger.type in SPORTS_TYPES or trigger.text in SPORTS_TRIGGERS):
                continue  # `Persib menjamu Persija`, `membela Persib`
            if story.markets and _words(sentence) & MARKETS:
                continue  # `dolar didukung data inflasi`
            if _play_or_a_feature(doc, sentence, end, trigger, story):
                continue  # `kala bertemu Arsenal`, `mendukung Thunderbolt 3`
            if sentence.start not in actors_of:
                actors_of[sentence.start] = find_actors(doc, sentence)
            actors = actors_of[sentence.start]
            if start in uncoded:
                continue
            if quote is not None and quote.kind == "direct":
                actors = sorted(actors + _first_person(doc, sentence, quote), key=lambda a: a.token_start)
            asides = [(s, e) for s, e in _asides(doc, sentence) if e <= start]
            if asides:
                # `Tujuh ormas itu, kata Yusri, berunjuk rasa ...`: the speaker of an aside is no actor
                actors = [a for a in actors if not any(s < a.token_start < e for s, e in asides)]
            # the next verb trigger takes the actors after it as its own
            stop = next((s for s, _, k in chosen if s >= end and s < sentence.end and s not in uncoded
                         and triggers[k].voice != "noun"), sentence.end)
            date, date_source = self._date(times, sentence, span, published)
            place_id, place = self._place(doc, sentence, actors, span)
            modality = self._modality(doc, sentence, start, end, trigger.type)
            event_counts = tuple(c.start for c in counts if sentence.start_char <= c.start < sentence.end_char
                                 and c.category in ("killed", "wounded", "deployed", "missing", "arrested",
                                                    "displaced"))
            in_reach = [a for a in actors if a.token_start < stop]
            reported = next((q for q in around if q.kind in ("indirect", "partial")), None)
            mentioned = trigger.voice == "noun" and not (start > sentence.start
                                                         and doc[start - 1].lower_ in NOUN_FRAMES)
            if reported is not None and (mentioned or _subject_in_report(doc, start, end, reported)
                                         or any(reported.start <= a.start < span.start_char for a in in_reach)):
                # `Rikwanto menambahkan, polisi juga sudah bekerja sama dengan ...`, `Kusworo mengatakan
                # tiga pelaku ditangkap`: the reported clause has its own subject; the speaker is no
                # actor of what he reports, nor of an act he only names (`Febri menyebut, pemeriksaan
                # ini ...`), though he takes part in the one his words are framed by (`... selama
                # pembicaraan dengan Kim`)
                in_reach = [a for a in in_reach if a.start >= reported.start]
            pairs = self._assign(doc, sentence, start, end, trigger, in_reach, actors)
            parsed = grammatical_roles(doc, start, end, trigger.voice, actors)
            if parsed is not None:
                source_, target_ = parsed
                if target_ is not None and trigger.type == "REQUEST" and _undergoes_request(doc, target_, sentence.end):
                    parsed = (source_, None)  # `meminta Ahok dicopot`: not the one asked
                if target_ is not None and _does_what_is_promised(doc, span, target_, sentence.end):
                    parsed = (source_, None)  # `menjanjikan aparat melanjutkan`: not the one promised
                pairs = self._merge_roles(actors, pairs, parsed, trigger, doc)
            if trigger.type == "PROTEST":
                # `Ribuan awak mobil tangki Pertamina menggelar aksi mogok`: workers protest against their employer
                pairs = [(None, target or source) if source is not None and _employer_of_workers(doc, source)
                         else (source, target) for source, target in pairs]
            if trigger.text in PARTY_OBJECTS and not any(t is not None and _direct_object(doc, end, t)
                                                         for _, t in pairs):
                continue  # `menerima suap`: nobody received
            speaker = _speaker_of_the_time(doc, sentence, start, trigger, quotes, actors)
            if speaker is not None:
                # `kata Suhardi, setelah bertemu dengan Presiden`: the speaker met the president
                pairs = [(speaker, t if t is None or t.entity_id != speaker.entity_id else None)
                         for _, t in pairs] or [(speaker, None)]
            told = _told_before(doc, sentence, start, end, trigger, events)
            for source, target in pairs or ([(None, None)] if told is not None else []):
                if target is None and trigger.type == "REQUEST" and trigger.voice == "active":
                    target = _asked_of(doc, end, sentence, actors)
                if target is None and place_id:
                    target = _host(trigger, place_id, source)
                story_agent = None
                if source is None and target is None and told is None:
                    told = _named_again(sentence, trigger, events)
                if source is None and target is None and told is None:
                    story_agent = _agent_of_unnamed(doc, start, trigger, events) \
                        or _body_of_speaker(doc, trigger, source, quote)
                    if story_agent is None:
                        continue
                if quote is not None and quote.kind == "direct" and not _said_of_oneself(doc, source) \
                        and not _named_in_quote(source, quote):
                    # in a direct quotation only what the speakers say they did, or what someone named did,
                    # or what an officer says was done in his body's case (`"Dia diperiksa sebagai saksi,"
                    # kata Juru Bicara KPK Febri Diansyah`)
                    story_agent = _body_of_speaker(doc, trigger, source, quote)
                    if story_agent is None:
                        continue
                agent = story_agent or _public(source) or _agent_from_story(events, trigger, target) \
                    or _agent_of_same_act(events, trigger, target) or _body_of_the_case(doc, start, trigger, target)
                patient = _public(target)
                if patient is not None and agent is not None and patient.entity_id is not None \
                        and patient.entity_id == agent.entity_id:
                    patient = None  # `"Pelaku sudah kami amankan, dan ... ditahan"`: the body holds no one of its own
                when, when_source = date, date_source
                if told is None and patient is None and agent is not None:
                    patient = (None if _object_unnamed(doc, end, trigger) else
                               _addressed_before(events, trigger, agent, sentence.start_char)) \
                        or _patient_from_story(events, trigger, agent) \
                        or _suspect_of_story(doc, start, end, trigger, events)
                if told is not None:
                    agent, patient = agent or (told.source if told.source != patient else None), \
                        patient or (told.target if told.target != agent else None)
                    if when is None and told.date is not None:
                        when, when_source = told.date, "narrative"
                    if agent is None and patient is None:
                        continue
                if patient is None and trigger.type in DYADIC_TYPES:
                    continue  # `memperkuat kerja sama di bidang pendidikan`: no one to cooperate with
                confidence = 0.4 + 0.25 * (agent is not None) + 0.25 * (patient is not None) \
                    + 0.1 * (when_source == "text")
                kind, cameo = _typed_by_patient(trigger, patient)
                events.append(Event(
                    type=kind, mode=trigger.mode if kind == trigger.type else None, cameo=cameo, trigger=span.text,
                    trigger_start=span.start_char, trigger_end=span.end_char,
                    sentence_start=sentence.start_char,
                    sentence_end=sentence.start_char + len(sentence.text.rstrip()),
                    source=agent, target=patient, place_id=place_id, place=place,
                    date=when, date_source=when_source, modality=modality,
                    counts=event_counts, quotes=(quote.start,) if quote else (), confidence=round(confidence, 2)))
        doc._.events = _one_per_act(doc, _dated_by_speech(doc, events, quotes, times))
        return doc

    # -- actors --------------------------------------------------------------


    def _assign(self, doc: Doc, sentence, start: int, end: int, trigger: Trigger, actors: list[Candidate],
                everyone: list[Candidate]) -> list[tuple[Candidate | None, Candidate | None]]:
        """(source, target) pairs of one trigger: one per actor of a coordination
        (`dikecam oleh Tokyo dan Seoul` is two events), one for a joint act
        (`Indonesia dan Uni Emirat Arab menandatangani ...` is one, X with Y).

        `actors` are those within the trigger's reach (before the next verb
        trigger); `everyone` are all of the sentence's, for relative clauses
        that name a party further on (`... yang ditahan Israel`)."""
        # `setelah perundingan`: a nominalised event after a preposition opens no new clause
        framed = trigger.voice == "noun" and start > sentence.start and doc[start - 1].lower_ in NOUN_FRAMES
        before = [a for a in actors if a.token_end <= start and not _broken(doc, a.token_end, start - framed)]
        # An actor may begin inside the trigger: `bantuan [militer Amerika Serikat]`.
        after = [a for a in actors if a.token_start >= end or (start <= a.token_start < end < a.token_end)]

        def near(actor: Candidate, window: int = TARGET_WINDOW) -> bool:
            point = max(_point(actor), end - 1)
            return point - end <= window and not _crosses_comma(doc, end, point) and not _broken(doc, end, point)

        voice, joint = trigger.voice, trigger.voice == "reciprocal" or trigger.type in JOINT_TYPES
        relative = _relative_clause(doc, sentence, start) if voice != "noun" else None
        if voice == "noun" and start > sentence.start and doc[start - 1].lower_ in LIGHT_VERBS:
            # `kelompok bersenjata yang melakukan penembakan`: the act of the light verb's subject
            relative = _relative_clause(doc, sentence, start - 1)
        if relative is not None and doc[relative - 1].pos_ == "PRON" and \
                not any(a.token_end == relative for a in before):
            relative = None  # `pembebasan mereka yang ditahan`: a pronoun for a noun before, as without `yang`
        if relative is not None:
            # `orang yang diamankan oleh jajarannya`: the noun before `yang` is the verb's subject
            # (its patient, if passive); when that noun is no actor, the clause names none, and
            # the subject of the main clause is not it
            qualified = _qualified_noun(doc, start, end)
            before = [a for a in before if a.token_end == relative or _described_before(doc, a, relative)
                      or _modified_before(doc, a, relative)
                      or (qualified is not None and a.token_start <= qualified < a.token_end)]
        if voice == "passive":
            agent = next((a for a in after if a.governor == "oleh" and near(a, 10)), None)
            if agent is None:
                # `diamankan polisi`, `yang ditahan Israel`: the agent right after the verb
                agent = next((a for a in after if near(a, 3) and a.governor not in NOT_AGENT_GOVERNORS), None)
            if agent is None and trigger.type == "REJECT" and end < sentence.end and doc[end].lower_ in ENTRY_WORDS:
                # `Gatot ditolak masuk ke Amerika Serikat`: the state entered refuses entry
                at = end + 1 + (end + 1 < sentence.end and doc[end + 1].lower_ == "ke")
                agent = next(place_states(doc, at, sentence), None)
            patient = _subject(doc, before, start)
            if patient is None and relative is None:
                patient = _carried_subject(doc, sentence, start, actors, passive=True)
                if patient is not None and agent is None:
                    # `dibebaskan oleh otoritas Iran setelah ditahan`: the same agent held them
                    agent = next((a for a in actors if a.governor == "oleh" and patient.token_end <= a.token_start
                                  < start), None)
            if trigger.type == "MOBILIZE":
                # "Ribuan tentara Korea Utara dikerahkan ke ...": the troops' state deploys them,
                # to a state or to help one (`untuk membantu pasukan Rusia`).
                destination = next((a for a in after if a.governor == "ke" and near(a, 8)), None) or \
                    _helped(doc, end, self._after(everyone, end))
                return self._pairs(actors, patient, destination, False)
            party = patient or agent
            if joint and party is not None and party.governor == "antara":
                # `diteken antara Presiden Salva Kiir dan pemimpin pemberontak Riek Machar`, `Kesepakatan
                # antara Indonesia dan Uruguay ditandatangani`: the two sides of `antara` agree
                partner = _other_side(doc, party, everyone, sentence)
                if partner is not None:
                    return [(party, partner)]
            if patient is None and joint and agent is not None:
                # `Kesepakatan itu diteken oleh perwakilan Thailand dan Kamboja`
                return self._pairs(actors, agent, None, True)
            return self._pairs(actors, agent, patient, False)
        subject = _controller(doc, start, actors) or _subject(doc, before, start) or \
            (_carried_subject(doc, sentence, start, actors) if relative is None else None)
        if voice == "noun" and doc[end - 1].lower_.endswith("nya") and not trigger.text.endswith("nya"):
            # `selama kunjungannya ke Bangkok`: -nya is the clause subject
            subject = _subject(doc, [a for a in actors if a.token_end <= start], start)
            partner = next((a for a in after if a.governor in PARTY_PREPOSITIONS and near(a, 6)), None)
            return self._pairs(actors, subject, partner, False)
        if voice == "noun" and _object_of_an_act(doc, sentence, start, trigger):
            subject = None  # `Amerika Serikat mengecam serangan terhadap Iran`: the critic is no attacker
        if voice == "noun":
            found = self._noun_roles(doc, sentence, start, end, trigger, actors, everyone, before, after, subject,
                                     framed, near, relative is not None)
            if isinstance(found, list):
                return found
            subject, target = found
        elif voice == "reciprocal" and subject is not None and len(_conjuncts(doc, subject, actors)) > 1:
            return self._pairs(actors, subject, None, True)
        else:
            # the direct object first (`meminta Mahkamah Internasional memutuskan ... dengan Thailand`),
            # then the party after a preposition
            target = next((a for a in after if a is not subject and _direct_object(doc, end, a)), None)
            if target is None:
                # (`mundur bersama rekannya X`: unless the act is joint, X acts alongside, not upon)
                target = next((a for a in after if a is not subject and a.governor in PARTY_PREPOSITIONS
                               and (joint or a.governor != "bersama")
                               and not _in_content_clause(doc, end, a.governor_index, trigger)
                               and near(a, 12)), None)
            if target is None:
                # the actor of the object phrase: `menyerang kapal-kapal Amerika Serikat`,
                # `mengapresiasi langkah Arab Saudi`
                target = next((a for a in after if a is not subject and near(a, 3)
                               and a.governor not in NOT_OBJECT_GOVERNORS), None)
            if target is None:
                target = _apposed_person(doc, end, sentence, after)
            if target is not None and _does_what_is_promised(doc, doc[start:end], target, sentence.end):
                return self._pairs(actors, subject, None, False)  # `menjanjikan aparat melanjutkan ...`
            if target is not None and trigger.type == "REQUEST" and _undergoes_request(doc, target, sentence.end):
                # `meminta Ahok dicopot`, `meminta sidang Ahok ditunda`: what is asked is done to him
                # (or his); whom it is asked of is unsaid
                return self._pairs(actors, subject, None, False)
        if target is None and subject is not None and subject.partner is not None:
            target = subject.partner  # "mereka menandatangani ...", "pertemuan keempat mereka"
        if target is None and joint and subject is not None and len(_conjuncts(doc, subject, actors)) > 1:
            return self._pairs(actors, subject, None, True)
        if target is None and joint and subject is not None:
            # `Indonesia bersama Malaysia sepakat ...`: the one it acts together with is its partner
            target = next((a for a in actors if a.governor == "bersama" and a.governor_index == subject.token_end),
                          None)
        if trigger.mode == "deport":
            # deportees go home: `mendeportasi ... pekerja migran ... ke Indonesia`
            home = next((a for a in after if a.governor == "ke" and a.code and a.code.endswith("GOV")), None)
            target = home or target
        if target is not None and subject is not None and target.entity_id and target.entity_id == subject.entity_id:
            target = None  # `Indonesia menuntut pembebasan relawan ... asal Indonesia yang ditahan Israel`
        if target is None:
            target = _party_after(doc, end, trigger, self._after(everyone, end))
        if target is None and trigger.type == "MOBILIZE":
            target = _helped(doc, end, self._after(everyone, end))
        return self._pairs(actors, subject, target, False)

    def _noun_roles(self, doc: Doc, sentence, start: int, end: int, trigger: Trigger, actors: list[Candidate],
                    everyone: list[Candidate], before: list[Candidate], after: list[Candidate],
                    subject: Candidate | None, framed: bool, near, relative: bool = False):
        """Roles around a nominalised event (`serangan`, `kunjungan`, `pertemuan`):
        the final (source, target) pairs, or (subject, target) for the rules
        that all voices share."""
        between = next((a for a in after if a.governor == "antara" and near(a, 4)), None)
        if between is not None:
            rest = [a for a in after if a.token_start > between.token_end]
            return self._pairs(actors, between, None if _conjuncts(doc, between, actors)[1:] else
                               (rest[0] if rest else None), True)
        # `oleh X` after a later passive verb is that verb's agent: `Dukungan Jepang ...
        # ditegaskan kembali oleh Duta Besar Jepang`
        agent = next((a for a in after if a.governor == "oleh" and near(a, 10)
                      and not _passive_verb_between(doc, end, a.governor_index)), None)
        if agent is None and end + 1 < sentence.end and doc[end].lower_ == "yang" \
                and doc[end + 1].lower_ in LIGHT_PASSIVES:
            # `OTT yang dilakukan KPK terhadap ...`: who did the act
            agent = next((a for a in after if a.governor_index == end + 1 or
                          (a.governor == "oleh" and a.governor_index == end + 2)), None)
        genitive = next((a for a in after if a is not agent and _genitive(doc, end, a)
                         and not _in_title_of_next(doc, a, after, end)), None)
        if agent is not None and genitive is None:
            # `Penculikan seorang pilot asal Selandia Baru oleh TPNPB-OPM`
            genitive = next((a for a in after if a.token_end <= agent.token_start
                             and a.governor not in NOT_OBJECT_GOVERNORS), None)
        partner = next((a for a in after if a not in (agent, genitive)
                        and (a.governor in PARTY_PREPOSITIONS or (owner := _owner_after(doc, a)) in PARTY_PREPOSITIONS
                             # `penggeledahan di kediaman X`, `kunjungan kerja di pabrik X`: X's place
                             or (owner == "di" and trigger.text in ACTS_AT_A_PLACE))
                        and not _in_content_clause(doc, end, a.governor_index, trigger)
                        and near(a, 12)), None)
        word = next((t.i for t in doc[end:sentence.end] if not t.is_space), sentence.end)  # (`maaf   dari`)
        if genitive is None and agent is None and word + 1 < sentence.end and doc[word].lower_ == "dari":
            # `memicu kecaman dari Brasilia`: the one who reacts, against the clause subject
            source = next((a for a in place_states(doc, word + 1, sentence)), None)
            if source is not None:
                return self._pairs(actors, source, subject, False)
        dari = next((t.i for t in doc[end:min(end + 2, sentence.end)] if t.lower_ == "dari"), None)
        origin = None if dari is None else next((a for a in after if a.governor_index == dari), None) or \
            next((a for a in after if dari < a.token_start <= dari + 3), None)
        if agent is None and origin is not None and origin is not genitive:
            # `permintaan maaf dari Amerika Serikat`, `OSO mendapatkan mosi tidak percaya dari pengurus
            # Partai Hanura`: the act comes from X, to its genitive or else to the clause subject
            receiver = genitive if genitive is not None else subject
            return self._pairs(actors, origin, receiver if receiver is not origin else None, False)
        undergoes = start > sentence.start and doc[start - 1].lower_ in UNDERGO_VERBS and subject is not None
        if undergoes and agent is None and origin is None and genitive is None:
            # `Ridwan Mukti ... untuk menjalani pemeriksaan`: the subject is questioned, not questioning
            return self._pairs(actors, None, subject, False)
        if trigger.text in PATIENT_NOUNS and genitive is not None and agent is None and (
                partner is None or partner.governor not in ("terhadap", "kepada")):
            # `penolakan Gatot Nurmantyo`, `pemeriksaan Ridwan Mukti`: the genitive undergoes it, unless the
            # subject does (`Siti Masitha terkena operasi tangkap tangan KPK`: the genitive does it to her)
            if undergoes and subject is not genitive:
                return self._pairs(actors, genitive, subject, False)
            return self._pairs(actors, subject if subject is not genitive else None, genitive, False)
        if trigger.type == "PROTEST" and end < sentence.end and doc[end].lower_ in AIM_NOUNS:
            # `aksi demonstrasi penolakan kedatangan Ketua DPR, Fahri Hamzah`: what the protest is against
            aim = next((a for a in after if a.token_start - end <= 6), None)
            return self._pairs(actors, None, aim, False)
        if trigger.type == "PROTEST" and genitive is None and end < sentence.end and doc[end].lower_ in AIM_VERBS:
            # `Demonstrasi menentang kebijakan imigrasi pemerintah Inggris`: what the protest is against
            aim = next((a for a in after if a.token_start - end <= 6), None)
            return self._pairs(actors, subject, aim, False)
        if agent is not None:
            # `Pembebasan sandera asal Thailand oleh Hamas`: the genitive undergoes it
            return self._pairs(actors, agent, genitive if genitive is not None and genitive.token_start <
                               agent.token_start else partner, False)
        if genitive is not None:
            # `serangan Israel terhadap ...`, `kunjungan Putin ke Pyongyang`; `atas undangan X`,
            # `memenuhi undangan X ke Tokyo`: X invites the subject, wherever to
            if start > sentence.start and doc[start - 1].lower_ in INVITATION_TAKERS and subject is not None:
                partner = subject
            if partner is not None and partner.entity_id and partner.entity_id == genitive.entity_id:
                partner = None
            if partner is None:
                partner = _party_after(doc, end, trigger, self._after(everyone, end))
            if partner is None and trigger.type in JOINT_TYPES and len(_conjuncts(doc, genitive, actors)) > 1:
                return self._pairs(actors, genitive, None, True)  # `Pertemuan Korsel dan Korut`: one with the other
            return self._pairs(actors, genitive, partner, False)
        if start > sentence.start and doc[start - 1].lower_ in INSTRUMENTS and subject is not None:
            # `mengucapkan selamat kepada X melalui sambungan telepon`: the clause's own parties
            party = next((a for a in reversed(before) if a is not subject and a.governor in PARTY_PREPOSITIONS),
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
        if subject is None and not relative:
            # the actor right after the act, unless it is the agent of a verb of its own
            # (`Kasus penolakan terhadap Gatot disebut Wiranto selesai`); in a relative clause
            # (`kelompok yang melakukan penembakan`) the noun qualified does it, actor or not
            pair = next((a for a in after if near(a, 3) and a.governor not in PARTY_PREPOSITIONS
                         and a is not partner and not _verb_agent(doc, a)), None)
            if pair is not None:
                return self._pairs(actors, pair, partner, False)
        return subject, partner

    @staticmethod
    def _after(actors: list[Candidate], end: int) -> list[Candidate]:
        return [a for a in actors if a.token_start >= end]


    def _merge_roles(self, actors: list[Candidate], pairs: list[tuple[Candidate | None, Candidate | None]],
                     parsed: tuple[Candidate | None, Candidate | None], trigger: Trigger, doc: Doc):
        """The word-order rules' pairs with the parse's roles: the parse fills a
        role they leave open, and for an active verb its own subject replaces
        theirs (`Menhan AS James Mattis meminta maaf kepada Menhan Indonesia`)."""
        source, target = parsed
        # the parse makes the nearest conjunct the subject: `Edwin dan Lauren menyerang` is Edwin's act
        source, target = _first_conjunct(source, actors), _first_conjunct(target, actors)
        if not pairs:
            return self._pairs(actors, source, target, False) if source is not target else []
        merged = []
        for s, t in pairs:
            if trigger.voice == "noun" and target is not None and s is target and t is None:
                s, t = source, target  # `dukungan pada Jokowi`: the preposition makes him the one backed
            if source is not None and trigger.voice == "active" and len(pairs) == 1 and s is not source \
                    and source is not t and not _speaker_before_clause(doc, source, s):
                s = source
            if s is None and source is not None and source is not t:
                s = source
            if t is None and target is not None and target is not s and \
                    not (s is not None and s.entity_id and s.entity_id == target.entity_id):
                t = target
            merged.append((s, t))
        return merged

    @staticmethod
    def _pairs(actors: list[Candidate], source: Candidate | None, target: Candidate | None,
               joint: bool) -> list[tuple[Candidate | None, Candidate | None]]:
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
        sources = _conjuncts(None, _first_conjunct(source, doc_actors), doc_actors) if source is not None else [None]
        targets = _conjuncts(None, _first_conjunct(target, doc_actors), doc_actors) if target is not None else [None]
        # an actor does nothing to itself: `Australia mengirimkan bantuan senilai 10 juta dolar Australia`
        return [(s, None if s is not None and t is not None and s.entity_id and s.entity_id == t.entity_id else t)
                for s in sources for t in targets]

    # -- time, place, modality ---------------------------------------------------

    @staticmethod
    def _date(times, sentence, span, published) -> tuple[str | None, str]:
        """The date the event's own sentence states, nearest the trigger
        (`date_source: "text"`; a date the text computed from the narrative,
        `sehari kemudian`, is such a date too); else, when the sentence
        refers back (`Dalam pertemuan itu`, `pernyataan tersebut`), the date
        of the sentence before (`"narrative"`); in the title, whose news is
        the day's, the publication date (`"published"`); else undated (`"none"`).
        Never the publication date by default: a story published on Monday
        tells of Friday's arrests. Carrying the last stated date forward to
        sentences without one was measured on the real-text gold (dev) and
        made 4 dates right where leaving them undated made 11."""
        # a reference value (`kini` PRESENT_REF, `nanti` FUTURE_REF) names no date of its own
        in_sentence = [t for t in times if sentence.start_char <= t.start < sentence.end_char]
        dates = [t for t in in_sentence if t.type in ("DATE", "TIME") and t.value[:1].isdigit()]
        if dates:
            closest = min(dates, key=lambda t: abs(t.start - span.start_char))
            return closest.value.split("T")[0], "text"
        title_end = _title_end(sentence.doc)
        if published is not None and 0 <= sentence.start_char < title_end:
            return published.isoformat(), "published"  # a headline tells the news of its day
        if any(t.value == "PAST_REF" for t in in_sentence):
            return None, "none"  # `penggeledahan ... beberapa waktu lalu`: before the story's time, not at it
        previous = sentence_before(sentence)
        if previous is not None and _refers_back(sentence):
            before = [t for t in times if t.type in ("DATE", "TIME")
                      and previous.start_char <= t.start < previous.end_char]
            if before:
                return before[-1].value.split("T")[0], "narrative"
        return None, "none"

    @staticmethod
    def _place(doc: Doc, sentence, actors: list[Candidate], trigger) -> tuple[str | None, str | None]:
        """Where: the place (after `di`, `ke`, `wilayah`...) nearest the trigger,
        preferring one that follows it. A place after such a word is a place
        even where it also stands for a party (`kunjungan ke Pyongyang`, whose
        host is Korea Utara)."""
        actor_starts = {a.start for a in actors}
        candidates = []
        for entity in doc.ents:
            if not (sentence.start <= entity.start and entity.end <= sentence.end) or entity.label_ not in PLACE_LABELS:
                continue
            if entity.start_char in actor_starts and entity.label_ != "LOC":
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
    def _modality(doc: Doc, sentence, start: int, end: int, kind: str = "") -> str:
        """Whether the event happened: the first modality (in MODALITY_ORDER)
        whose word from `lexicons/event_modality.tsv` stands in the four words
        before the trigger, for clause words anywhere before it, for a condition
        (`jika`) in the words after it; a request only where the act asked for
        follows `untuk`/`agar`. A phrase (`tidak bisa`) wins over its words: who
        cannot act neither acted nor refused to."""
        near_text = f" {' '.join(t.lower_ for t in doc[max(sentence.start, start - 4):start] if not t.is_space)} "
        for phrase in DESCRIBING_NEGATIONS:  # `orang tak dikenal membakar`: who did it, not whether
            near_text = near_text.replace(f" {phrase} ", " ")
        near = set(near_text.split())
        clause = {t.lower_ for t in doc[sentence.start:start]}
        # a threat states its condition (`mengancam akan menyerang jika ...`): the threat happened
        after = set() if kind == "THREATEN" else {t.lower_ for t in doc[end:min(sentence.end, end + AFTER_WINDOW)]}
        words = modality_words()
        # a phrase first (`tidak bisa`: not able, no refusal), then single words in MODALITY_ORDER
        for modality in MODALITY_ORDER:
            for word, _where in words.get(modality, ()):
                if " " in word and f" {word} " in near_text:
                    return modality
        for modality in MODALITY_ORDER:
            for word, where in words.get(modality, ()):
                if word in {"before": near, "clause": clause, "after": after}[where]:
                    if modality == "requested" and not clause & REQUESTED_ACT_MARKS:
                        continue
                    return modality
        return "asserted"


#: How many words after a trigger's phrase a modality word of `where: after` may stand (`akan menyerang jika ...`).
AFTER_WINDOW = 8


@cache
def modality_words() -> dict[str, tuple[tuple[str, str], ...]]:
    """modality -> ((word, where), ...) from `lexicons/event_modality.tsv`."""
    found: dict[str, list[tuple[str, str]]] = {}
    for row in language_data.table("event_modality.tsv"):
        found.setdefault(row["modality"], []).append((row["word"], row["where"]))
    return {k: tuple(v) for k, v in found.items()}


#: Subordinators after a quotation's speaker that say when the speaker spoke (`seusai`, `saat`).
SPEAKING_TIME_MARKS = language_data.words("events_speaking_time_marks")
#: Verbs by which the speaker takes part in the act the noun after them names (`usai mengikuti pertemuan`).
SPEAKING_TIME_VERBS = language_data.words("events_speaking_time_verbs")
#: How many words the speaker's name and title may take between the verb of saying and the subordinator.
SPEAKER_PHRASE = 15


def _speaker_of_the_time(doc: Doc, sentence, start: int, trigger: Trigger, quotes, actors: list[Candidate]
                         ) -> Candidate | None:
    """The speaker of a quotation, as the one who does the act of the clause that says when he spoke
    (`kata Ketua Ikahi, Suhardi, setelah bertemu dengan Presiden`, `ujar Abhan seusai pertemuan`):
    a clause with no subject of its own right after the speaker's name. A passive act is done to
    the speaker (`kata NYD usai diperiksa`), and is left to the other rules."""
    if trigger.voice == "passive":
        return None
    mark = start - 1
    if mark > sentence.start and doc[mark].lower_ in SPEAKING_TIME_VERBS and trigger.voice == "noun":
        mark -= 1
    if mark <= sentence.start or doc[mark].lower_ not in SPEAKING_TIME_MARKS:
        return None
    quote = next((q for q in quotes if q.speaker_id and q.cue_start is not None
                  and sentence.start_char <= q.cue_start < doc[mark].idx), None)
    if quote is None:
        return None
    cue = doc.char_span(quote.cue_start, quote.cue_start + 1, alignment_mode="expand")
    if cue is None or mark - cue.end > SPEAKER_PHRASE or any(t.pos_ == "VERB" for t in doc[cue.end:mark]):
        return None
    named = next((a for a in actors if a.entity_id == quote.speaker_id and cue.start <= a.token_start < mark), None)
    return named or Candidate(doc[cue.start].idx, doc[cue.start].idx + len(doc[cue.start].text),
                              quote.speaker or "", quote.speaker_id, None, cue.start, cue.end)


#: Words after a condition's comma that leave the act to come, so still under the condition (`Jika perlu,
#: penyidik akan meminta bantuan`).
STILL_TO_COME = language_data.words("events_still_to_come")


def _subject_in_report(doc: Doc, start: int, end: int, reported) -> bool:
    """The trigger's verb has a subject of its own inside the reported clause, named or not (`Kusworo
    mengatakan tiga pelaku ditangkap`: the speaker is not the one arrested)."""
    if not doc.has_annotation("DEP"):
        return False
    head = span_root(doc, start, end)
    return any(c.dep_ in SUBJECTS and reported.start <= c.idx < doc[start].idx for c in head.children)


def _in_not_event(start: int, end: int, not_events: list[tuple[int, int]]) -> bool:
    """Whether tokens start..end overlap a non-event phrase without holding it whole in a longer trigger
    (`surat perintah penangkapan` is none; `mengeluarkan surat perintah penangkapan` is an arrest)."""
    return any(s < end and start < e and not (start <= s and e <= end and end - start > e - s)
               for s, e in not_events)


def _conditioned(doc: Doc, sentence, start: int, trigger: Trigger) -> bool:
    """The trigger is in a conditional clause (`jika terjadi serangan`): a conditional word before it in its
    sentence; but `kalau`, `jika` after a verb of saying (entities.SPEECH_OPENERS) introduce what is said
    (`Sandiaga menjelaskan kalau dalam pertemuannya ...`). (A condition's comma does not end it: `Jika
    perlu, penyidik akan meminta bantuan` is as conditional as `Kalau mau, kami dukung`.) An act done by
    speaking, told with a meN- verb after the comma, happened, the condition being part of what was said
    (`Jika tetap mangkir, polisi mengancam akan menjemput paksa Yodi`, `Jika ditemukan ..., Amin meminta
    masyarakat melapor`)."""
    last = next((t for t in reversed(doc[sentence.start:start]) if t.lower_ in CONDITIONAL), None)
    if last is None:
        return False
    if trigger.type in SPOKEN_TYPES and trigger.voice == "active" and trigger.text.startswith("me"):
        comma = next((t.i for t in doc[last.i + 1:start] if t.text == ","), None)
        if comma is not None and not any(t.lower_ in STILL_TO_COME for t in doc[comma:start]):
            return False
    return not (last.i > sentence.start and doc[last.i - 1].lower_ in SPEECH_OPENERS)


def _title_end(doc: Doc) -> int:
    """Where the title ends (its first line break), worked out once per document: building
    `doc.text` is a pass over every token."""
    known = doc.user_data.get("warta_title_end")
    if known is None:
        known = doc.user_data["warta_title_end"] = next(
            (t.idx + t.text_with_ws.index("\n") for t in doc if "\n" in t.text_with_ws), -1)
    return known


#: Demonstratives after a noun that point at something the text just told.
_ANAPHORS = {"tersebut", "itu"}


def _refers_back(sentence) -> bool:
    """`Putin menyampaikan pernyataan tersebut ...`, `Dalam pertemuan itu, ...`:
    a noun with a demonstrative in the first half of the sentence."""
    half = sentence.start + max(2, len(sentence) // 2)
    return any(t.lower_ in _ANAPHORS and t.i > sentence.start and t.nbor(-1).is_alpha and t.nbor(-1).is_lower
               for t in sentence if t.i < half)


#: Event types of acts done by speaking: praise, criticism, requests, promises, refusals, threats, apologies.
SPOKEN_TYPES = frozenset({"SUPPORT", "ACCUSE", "REQUEST", "AGREE", "REJECT", "THREATEN", "CONCEDE"})
#: Of those, the ones that speaking does (`akan menggugat` is done later, if ever).
SPOKEN_MODALITIES = frozenset({"asserted", "negated", "reported"})


def _dated_by_speech(doc: Doc, events: list[Event], quotes, times) -> list[Event]:
    """An undated act done by speaking (`Presiden mengapresiasi aparat`, `Dia meminta massa
    kembali`) was done when its source spoke: the one date the article gives to that speaker's
    words (`kata Jokowi pada Sabtu (5/11)`), outside the quotation itself. A speaker quoted on
    two dates gives none, and an act only announced (`akan menggugat`) keeps no date.
    Measured on the real-text gold (dev): 10 dates right, 3 that the gold leaves undated."""
    if not any(e.date is None and e.type in SPOKEN_TYPES and e.source for e in events):
        return events
    said: dict[str, set[str]] = {}
    for quote in quotes:
        if not quote.speaker_id or quote.cue_start is None:
            continue
        cue = doc.char_span(quote.cue_start, quote.cue_start + 1, alignment_mode="expand")
        if cue is None:
            continue
        sentence = cue[0].sent
        said.setdefault(quote.speaker_id, set()).update(
            t.value.split("T")[0] for t in times if t.type in ("DATE", "TIME") and t.value[:1].isdigit()
            and sentence.start_char <= t.start < sentence.end_char and not quote.start <= t.start < quote.end)
    dated = []
    for event in events:
        when = said.get(event.source.entity_id or "", set()) if event.source else set()
        if event.date is None and event.type in SPOKEN_TYPES and event.modality in SPOKEN_MODALITIES \
                and len(when) == 1:
            event = replace(event, date=next(iter(when)), date_source="narrative")
        dated.append(event)
    return dated


def _addressed_before(events: list[Event], trigger: Trigger, agent: Actor, sentence_start: int) -> Actor | None:
    """`Kita akan menggugat`, `surat panggilan sudah dikirimkan`: an act done by speaking or by
    law that names no target is aimed where its source's last such act in the article was (Ratna
    sued KPK; she will sue again). Not for meetings or attacks, whose partners change."""
    if trigger.type not in SPOKEN_TYPES:
        return None
    again = next((e for e in reversed(events) if e.type == trigger.type and e.source == agent
                  and e.sentence_start < sentence_start), None)
    return again.target if again is not None and again.target != agent else None


#: Demonstratives right after a noun trigger that point back at an act told before (`serangan itu`).
TOLD_BEFORE = {"itu", "tersebut", "ini"}


def _told_before(doc: Doc, sentence, start: int, end: int, trigger: Trigger, events: list[Event]) -> Event | None:
    """`Dalam pertemuan itu, ...`, `serangan tersebut`: a noun event with a demonstrative, or alone
    in the phrase that opens its sentence (`Dalam pertemuan, Jokowi ...`), is the act the article
    told before, its last earlier event of the same type, not a new one; it
    takes that event's actors and date where its own sentence names none (the store then merges
    the two tellings as one happening)."""
    if trigger.voice != "noun" or end >= len(doc):
        return None
    opening = start - 1 == sentence.start and doc[start - 1].lower_ in NOUN_FRAMES and doc[end].text == ","
    if doc[end].lower_ not in TOLD_BEFORE and not opening:  # `Dalam pertemuan, Jokowi ...`
        return None
    return _last_told(events, trigger.type, sentence.start_char)


def _last_told(events: list[Event], kind: str, before: int, reach: int | None = None) -> Event | None:
    """The article's last event of type `kind` in a sentence before character `before`, within `reach`
    characters of it when given."""
    return next((e for e in reversed(events) if e.type == kind and e.sentence_start < before
                 and (reach is None or before - e.sentence_start <= reach)), None)


#: How far back (in characters) an act named again without its parties may point.
NAMED_AGAIN_REACH = 600


def _named_again(sentence, trigger: Trigger, events: list[Event]) -> Event | None:
    """`Pertemuan berlangsung tertutup`, `Pertempuran masih berlanjut hingga malam`: a noun event whose
    sentence names no one is the act of that type the article told shortly before, as with a
    demonstrative (`_told_before`); a bare act with no party is never news of its own."""
    if trigger.voice != "noun":
        return None
    return _last_told(events, trigger.type, sentence.start_char, NAMED_AGAIN_REACH)


#: Words that join two triggers naming one act: `mengapresiasi dan berterima kasih`,
#: `Operasi Tangkap Tangan (OTT)`.
ONE_ACT_LINKS = {"dan", "serta", ",", "("}
#: Words by which a verb's act is named again as the operation it was part of (`diciduk dalam OTT`).
SAME_ACT_FRAMES = {"dalam", "melalui", "lewat"}


def _one_per_act(doc: Doc, events: list[Event]) -> list[Event]:
    """Two triggers joined by `dan` for one act between the same actors in one
    sentence (`mengapresiasi dan berterima kasih kepada X`) are one event, and so are a
    verb and the operation right after `dalam` that it was part of (`diciduk dalam OTT`)
    and an act and its short form in brackets (`Operasi Tangkap Tangan (OTT)`)."""
    kept: list[Event] = []
    text: str | None = None  # doc.text, built only when needed (a pass over every token)
    for event in events:
        last = kept[-1] if kept else None
        if last is not None and last.type == event.type and last.sentence_start == event.sentence_start:
            if text is None:
                text = doc.text
            if text[last.trigger_end:event.trigger_start].strip() == "(":
                continue  # `Operasi Tangkap Tangan (OTT) Gubernur ...`: the act's short form, in brackets
        # the first of the two may have no target of its own: the second's object is both's
        same = next((e for e in kept if e.sentence_start == event.sentence_start and e.type == event.type
                     and e.source == event.source and e.target in (event.target, None)), None)
        if same is not None:
            if text is None:
                text = doc.text
            between = text[same.trigger_end:event.trigger_start].split()
            if len(between) <= 2 and all(w.lower() in ONE_ACT_LINKS for w in between):
                if same.target is None and event.target is not None:
                    kept[kept.index(same)] = replace(same, target=event.target)
                continue
        if _said_again(kept, event):
            continue
        framed = next((e for e in kept if e.sentence_start == event.sentence_start and e.type == event.type
                       and event.source in (e.source, None) and event.target in (e.target, None)), None)
        if framed is not None:
            if text is None:
                text = doc.text
            between = text[framed.trigger_end:event.trigger_start].split()
            if len(between) == 1 and between[0].lower() in SAME_ACT_FRAMES:
                continue  # `diciduk dalam OTT yang dilakukan KPK`: the arrest, named again as its operation
        kept.append(event)
    return kept


def _said_again(kept: list[Event], event: Event) -> bool:
    """The same act between the same two parties named twice in one sentence (`dukungan Golkar
    kepada Jokowi ... perolehan dukungan`, `Kunjungan Dalai Lama ke Mongolia ... kunjungan Dalai
    Lama`): one happening, so one event (docs/annotation.md, "One event per happening per
    sentence"). Only where the trigger word is the same, both parties are named and the modality
    is the same: `belum bertemu X, tetapi akan bertemu X` is two, and so are a trip and the meeting
    it was made for (`melakukan perjalanan ke Rusia untuk pertemuan dengan Putin`)."""
    word = event.trigger.lower().removesuffix("nya")
    return event.source is not None and event.target is not None and any(
        e.sentence_start == event.sentence_start and e.type == event.type and e.source == event.source
        and e.target == event.target and e.modality == event.modality
        and e.trigger.lower().removesuffix("nya") == word for e in kept)


#: Pronouns by which speakers name themselves (`Kita akan menggugat`, `Saya minta ...`).
FIRST_PERSON = language_data.words("events_first_person")
#: Of those, the ones by which an officer speaks for the body he is named with (`kami`, `kita`).
SPEAKING_FOR_A_BODY = language_data.words("events_first_person_plural")


def _said_of_oneself(doc: Doc, source: Candidate | None) -> bool:
    """The source is the speaker's own `saya`, `kami`, `kita`."""
    return source is not None and source.token_end - source.token_start == 1 and \
        doc[source.token_start].lower_ in FIRST_PERSON


@cache
def _patient_types() -> dict[tuple[str, str], tuple[str, str]]:
    """(trigger, patient label) -> (type, cameo), from lexicons/patient_types.tsv."""
    return {(row["trigger"], row["patient"]): (row["type"], row["cameo"])
            for row in language_data.table("patient_types.tsv")}


def _typed_by_patient(trigger: Trigger, patient: Actor | None) -> tuple[str, str | None]:
    """The event's type and CAMEO code: the trigger's, unless what it is done to changes the act
    (`membubarkan massa` disperses a crowd, COERCE; `membubarkan HTI` dissolves a body, SANCTION)."""
    label = entity_kind(patient.entity_id).upper() if patient is not None else ""
    return _patient_types().get((trigger.text, label), (trigger.type, trigger.cameo))


def _body_of_speaker(doc: Doc, trigger: Trigger, source: Candidate | None, quote) -> Actor | None:
    """The body a quoted officer speaks for, as the agent of a passive act of investigation, arrest or
    sanction that names none, quoted or reported (`"Tiga tersangka diamankan," papar Kapolsek Tambun
    Kompol Subowo`, `Kapolres Jember mengatakan tiga pelaku ditangkap`): an officer tells what his body
    did without saying `kami`."""
    if quote is None or source is not None or trigger.voice != "passive" \
            or trigger.type not in AGENT_FROM_STORY:
        return None
    return _public(officer_body(doc, quote.speaker_id))


def _named_in_quote(source: Candidate | None, quote) -> bool:
    """The source is named in the quotation itself (`"... yang diamankan Polres Jakarta Utara," ujar X`)."""
    return source is not None and source.entity_id is not None and quote.start <= source.start < quote.end \
        and source.token_end - source.token_start >= 1 and not source.name[:1].islower()


def _first_person(doc: Doc, sentence, quote) -> list[Candidate]:
    """The speaker of a direct quotation where the quotation says `saya`, `kami`, `kita`."""
    found = []
    body = None
    for token in sentence:
        if token.lower_ in FIRST_PERSON and quote.start <= token.idx < quote.end:
            if token.lower_ in SPEAKING_FOR_A_BODY:
                # `"Kami sudah bekerja sama dengan Pertamina," kata Kadiv Humas Polri X`: the body
                body = body or officer_body(doc, quote.speaker_id) or state_spoken_for(doc, quote.speaker_id)
                if body is not None:
                    found.append(Candidate(token.idx, token.idx + len(token.text), body.name, body.entity_id,
                                           body.code, token.i, token.i + 1,
                                           governor=doc[token.i - 1].lower_ if token.i > sentence.start else "",
                                           governor_index=token.i - 1 if token.i > sentence.start else -1))
                    continue
            found.append(Candidate(token.idx, token.idx + len(token.text), quote.speaker or token.text,
                                   quote.speaker_id, None, token.i, token.i + 1,
                                   governor=doc[token.i - 1].lower_ if token.i > sentence.start else "",
                                   governor_index=token.i - 1 if token.i > sentence.start else -1))
    return found


#: Event types whose agent, left unsaid in a passive or a nominalisation (`Novanto dipanggil sebagai
#: saksi`, `menjalani pemeriksaan`), is the body the story has already shown doing such acts (KPK).
AGENT_FROM_STORY = {word.upper() for word in language_data.words("events_agent_from_story")}


def _agent_from_story(events: list[Event], trigger: Trigger, target: Candidate | None) -> Actor | None:
    """The organisation that was the source of the story's latest earlier event of a type in
    AGENT_FROM_STORY, for a passive or nominalised trigger of such a type with a target and no agent."""
    if target is None or trigger.voice not in ("passive", "noun") or trigger.type not in AGENT_FROM_STORY:
        return None
    return _latest_story_agent(events, target.entity_id)


#: Steps of a case done to a suspect's house or goods (lexicons/case_steps.tsv): what they name is a thing.
ACTS_ON_A_SUSPECTS_THINGS = frozenset(row["trigger"] for row in language_data.table("case_steps.tsv")
                                      if row["step"] in ("search", "seizure"))


def _done_to_a_person(event: Event) -> bool:
    """An act of a case (arrest, examination ...) done to a named person: the case's suspect."""
    return event.type in AGENT_FROM_STORY and event.target is not None and entity_kind(event.target.entity_id) == "per"


def _patient_from_story(events: list[Event], trigger: Trigger, agent: Actor) -> Actor | None:
    """`Polisi juga menyita dua senjata`, `Rumahnya digeledah`: a search or seizure that names no one it is
    done to (only a house or goods) is done to the person the story's latest act of the case by the same
    body was done to: the case's suspect."""
    if trigger.text not in ACTS_ON_A_SUSPECTS_THINGS or agent.entity_id is None:
        return None
    return next((e.target for e in reversed(events) if _done_to_a_person(e) and e.source is not None
                 and e.source.entity_id == agent.entity_id), None)


#: Nouns by which a crime story names its suspect (`Pelaku sudah kami amankan`).
SUSPECT_NOUNS = language_data.words("events_suspect_nouns")
#: Acts done to the one a story described before (`Pengusaha konveksi itu sudah ditahan`): arrests and
#: verdicts hold people; what is condemned or examined `tersebut` is as often an act or a thing.
DONE_TO_THE_ONE_TOLD_OF = frozenset({"COERCE"})
#: Acts whose doer a crime story goes on to call `pelaku`.
OFFENCE_TYPES = {"ASSAULT", "THREATEN"}


def _suspect_of_story(doc: Doc, start: int, end: int, trigger: Trigger, events: list[Event]) -> Actor | None:
    """`Pelaku sudah kami amankan`, `polisi mengamankan tersangka`: an act of the case done to the
    suspect, named only by a noun for one, is done to the person the story's latest act of the case was
    done to or the one its latest attack or threat was done by, whichever the story told last."""
    if trigger.type not in AGENT_FROM_STORY or not doc.has_annotation("DEP"):
        return None
    head = span_root(doc, start, end)
    if not _done_to_suspect(head, trigger.voice, trigger.type in DONE_TO_THE_ONE_TOLD_OF):
        return None
    for event in reversed(events):
        if _done_to_a_person(event):
            return event.target
        if event.type in OFFENCE_TYPES and event.source is not None and entity_kind(event.source.entity_id) == "per":
            return event.source
    return None


def _done_to_suspect(head, voice: str, described: bool) -> bool:
    """The verb's patient is a noun for a suspect (with `described`, also a common noun with a
    demonstrative: `Pengusaha konveksi itu`): its object, its passive subject, the noun its relative
    clause qualifies (`Pelaku [yang] sudah kami amankan`), or the first verb's of a coordination
    (`... kami amankan dan kini masih ditahan`)."""
    # the subject of a passive, and of a bare verb after its agent (`Tersangka sudah kami amankan`)
    roles = {"obj", "nsubj:pass"} | ({"nsubj"} if voice == "passive" or not head.lower_.startswith("me") else set())
    while True:
        if any(c.dep_ in roles and _names_suspect(c, described) for c in head.children):
            return True
        if head.dep_ in ("acl", "acl:relcl") and _names_suspect(head.head, described):
            return True
        if head.dep_ != "conj" or head.head.i == head.i:
            return False
        head = head.head


def _names_suspect(token, described: bool) -> bool:
    """A noun for a suspect (`pelaku`, `tersangka`), or, when `described` counts, a common noun with a
    demonstrative for one the story told of (`Pengusaha konveksi itu sudah ditahan`)."""
    common = token.pos_ == "NOUN" or (token.pos_ == "PROPN" and not token.ent_type_)  # `Sopir angkot itu`
    return token.lower_ in SUSPECT_NOUNS or (described and common and any(
        c.dep_ == "det" and c.lower_ in _ANAPHORS for c in token.children))


def _latest_story_agent(events: list[Event], patient_id: str | None) -> Actor | None:
    return next((e.source for e in reversed(events) if e.type in AGENT_FROM_STORY and e.source is not None
                 and entity_kind(e.source.entity_id) == "org" and e.source.entity_id != patient_id), None)


#: Event types whose unsaid agent is the one already named doing the same act to the same target.
AGENT_OF_SAME_ACT = {word.upper() for word in language_data.words("events_agent_of_same_act")}


def _agent_of_same_act(events: list[Event], trigger: Trigger, target: Candidate | None) -> Actor | None:
    """For a passive or nominalised trigger with a target and no agent (`Gatot ditolak masuk`,
    `penolakan Gatot`), the source of the story's latest earlier event of the same type done to the
    same target: the act told again, by the one already named doing it (the first of a coordination
    spread over events: `Edwin dan Lauren mengeroyok X`, then `Pengeroyokan terhadap X` is Edwin's)."""
    if target is None or not target.entity_id or trigger.voice not in ("passive", "noun") \
            or trigger.type not in AGENT_OF_SAME_ACT:
        return None
    same = [e for e in events if e.type == trigger.type and e.source is not None and e.target is not None
            and e.target.entity_id == target.entity_id and e.source.entity_id != target.entity_id]
    if not same:
        return None
    return next(e.source for e in same if e.trigger_start == same[-1].trigger_start)


def _body_of_the_case(doc: Doc, start: int, trigger: Trigger, target: Candidate | None) -> Actor | None:
    """For a passive or nominalised trigger of a type in AGENT_FROM_STORY with a target and no agent, and no
    earlier event to take it from (`Sri diamankan karena ...`), the body that investigates the story named
    last before it (a police unit, court or prosecutor, KPK, BNN)."""
    if target is None or trigger.voice not in ("passive", "noun") or trigger.type not in AGENT_FROM_STORY:
        return None
    return _investigating_body(doc, start, target.entity_id)


def _investigating_body(doc: Doc, start: int, patient_id: str | None) -> Actor | None:
    body = enforcement_body_before(doc, start)
    if body is None or body._.entity_id == patient_id:
        return None
    return Actor(body._.canonical or body.text, body._.entity_id, organisation_code(body))


def _agent_of_unnamed(doc: Doc, start: int, trigger: Trigger, events: list[Event]) -> Actor | None:
    """For a passive trigger of a type in AGENT_FROM_STORY that names no one (`Pengusaha konveksi itu sudah
    ditahan di Rumah Tahanan KPK`), the agent the story gives it: the source of its latest earlier such
    event, else the body that investigates named last. The act is told, though not to whom; a passive
    after `yang` (`orang yang diperiksa`) describes people, it tells no act."""
    if trigger.voice != "passive" or trigger.type not in AGENT_FROM_STORY or \
            (start > 0 and doc[start - 1].lower_ == "yang"):
        return None
    return _latest_story_agent(events, None) or _investigating_body(doc, start, None)


#: Nouns for people who work for a body: the body after them is their employer.
WORKERS = language_data.words("events_workers")
#: Words a worker noun and the employer's name may have between them (`awak [mobil tangki (AMT)] Pertamina`).
EMPLOYER_WORDS = 5


def _employer_of_workers(doc: Doc, actor: Candidate) -> bool:
    """The actor is the employer of the workers named right before it: `awak mobil tangki (AMT) Pertamina`,
    `karyawan PT Freeport Indonesia`, with nothing but nouns and a bracketed short form between."""
    for index in range(actor.token_start - 1, max(-1, actor.token_start - 2 - EMPLOYER_WORDS), -1):
        word = doc[index]
        if word.lower_ in WORKERS:
            return True
        if not (word.text in ("(", ")") or (word.pos_ in ("NOUN", "PROPN") and word.is_alpha)):
            return False
    return False


def _public(actor: Candidate | None) -> Actor | None:
    return Actor(actor.name, actor.entity_id, actor.code) if actor is not None else None


def _past_trigger(doc: Doc, actor: Candidate, end: int) -> Candidate:
    """An entity the NER drew over a sentence-initial trigger (`[Tuduhan
    Washington] bahwa ...`): the actor is what follows the trigger, a state
    when it names one."""
    rest = doc[end:actor.token_end]
    iso3 = capital_of(rest.text) or country_of(rest.text)
    if iso3:
        name, state_id = state_name(iso3)
        return Candidate(rest.start_char, rest.end_char, name, state_id, f"{iso3} GOV", rest.start, rest.end,
                         governor=doc[end - 1].lower_, governor_index=end - 1)
    label = (actor.entity_id or "org:").split(":", 1)[0].upper()
    return Candidate(rest.start_char, rest.end_char, rest.text, entity_id(label, rest.text), actor.code, rest.start,
                     rest.end, governor=doc[end - 1].lower_, governor_index=end - 1)


def _object_of_an_act(doc: Doc, sentence, start: int, trigger: Trigger) -> bool:
    """A noun event that is the object of an active verb of another event (`mengecam serangan
    terhadap Iran`, `menolak kunjungan Fahri`): the verb's subject does the verb's act, not the
    noun's; the noun keeps only the parties it names itself (`terhadap Iran` is its target)."""
    if start <= sentence.start:
        return False
    verb = lexicon().get(doc[start - 1].lower_)
    return verb is not None and verb.voice == "active" and verb.type != trigger.type


#: Words of a match, which make a meeting in a sports story a game (lexicons/words/events_match_words.txt).
MATCH_WORDS = language_data.words("events_match_words")
#: What devices and programs support (lexicons/words/events_features.txt).
FEATURES = language_data.words("events_features")


def _play_or_a_feature(doc: Doc, sentence, end: int, trigger: Trigger, story: Story) -> bool:
    """A meeting that is a game (in a sports story, a sentence with words of a match: `Kemenangan
    ini memperbaiki catatan Crystal Palace kala bertemu Arsenal`), or support that is what a device
    or a program can do (`mendukung Thunderbolt 3`, `dukungan bahasa baru`, `didukung oleh RAM
    DDR4`). Found on IndoSum sports and technology articles outside the gold: neither is an act
    between parties. A player meeting a club about a transfer (no match word) stays a CONSULT."""
    if trigger.type == "CONSULT" and story.sports and {t.lower_ for t in sentence} & MATCH_WORDS:
        return True
    if trigger.type != "SUPPORT":
        return False
    following = [t.lower_ for t in doc[end:min(sentence.end, end + 3)] if t.lower_ not in ("oleh", "penuh", "dengan")]
    return bool(following) and following[0] in FEATURES


def _not_coded(doc: Doc, sentence, start: int, end: int, trigger: Trigger, chosen, triggers, actors) -> bool:
    """Triggers that name no event of their own here:

    - the content of a threat, accusation or investigation (`mengancam akan
      melancarkan serangan`, `menyelidiki dugaan penganiayaan`);
    - the aim of a protest (`berunjuk rasa ... menolak ...`), which PLOVER codes
      as the protest itself;
    - the topic of talks (`perundingan mengenai pengerahan pasukan`);
    - a visit by tourists (`wisatawan mengunjungi Bali`, `dikunjungi wisatawan`) or to a place of
      leisure or worship (`mengunjungi mal`);
    - the penalty a law sets (`dengan ancaman lima tahun penjara`).
    """
    if start > sentence.start and doc[start - 1].lower_ in TOPIC_WORDS:
        return True
    if trigger.mode == "visit":
        before = {t.lower_ for t in doc[max(sentence.start, start - 5):start]}
        after = [t.lower_ for t in doc[end:min(sentence.end, end + 3)]]
        if before & TRAVELLERS or (trigger.voice == "passive" and TRAVELLERS.intersection(after)):
            return True  # `wisatawan ... berkunjung ke Indonesia`, `dikunjungi wisatawan`: a trip, no state visit
        if LEISURE_PLACES.intersection(after[:2]):
            return True  # `mengunjungi Klenteng Cin Tek Yen`: an outing, no visit to an actor
    if trigger.type == "THREATEN" and trigger.voice == "noun" and end < sentence.end \
            and (doc[end].like_num or doc[end].lower_ in PENALTY_WORDS):
        return True  # `dengan ancaman 7 tahun penjara`: the penalty the law sets, no threat
    if trigger.type in ("ASSAULT", "COERCE", "THREATEN", "MOBILIZE"):
        words = {t.lower_ for t in sentence}
        if words & SPORTS:
            return True  # `Timnas Indonesia terus menyerang sepanjang babak kedua`
        if {t.lower_ for t in doc[max(sentence.start, start - 4):start]} & AFFLICTIONS:
            return True  # `Demam berdarah dengue menyerang ...`, `hama wereng menyerang`
    earlier = [(s, e, triggers[k]) for s, e, k in chosen if sentence.start <= s and e <= start]
    if not earlier:
        return False
    s, e, previous = earlier[-1]
    gap = doc[e:start]
    if previous.type in ("THREATEN", "ACCUSE") and 0 < len(gap) <= 3 and all(t.lower_ in CONTENT_LINKS for t in gap):
        return True
    if previous.type == "PROTEST" and not gap and trigger.text in AIM_NOUNS:
        return True  # `demonstrasi penolakan kedatangan X`: the protest's aim, no rejection of its own
    requests = [(s_, e_) for s_, e_, p in earlier if p.type == "REQUEST" and p.voice != "noun"]
    if trigger.voice != "noun" and trigger.type != "REQUEST" and requests \
            and not _broken(doc, requests[-1][1], start) \
            and not any(t.lower_ in ONE_ACT_LINKS for t in doc[requests[-1][1]:start]):
        # `meminta KPK menunda memeriksa Setnov`, `meminta Setnov memenuhi panggilan untuk diperiksa`:
        # the act under another verb of what is asked for is only part of the request (a verb
        # after `dan` or a comma is the speaker's next act: `meminta massa pulang dan menjanjikan`)
        inside = {i for s_, e_, _ in chosen for i in range(s_, e_)}
        if any(t.pos_ == "VERB" and t.i not in inside and t.lower_ not in LIGHT_VERBS
               for t in doc[requests[-1][1]:start]):
            return True
    if trigger.type in ("REJECT", "REQUEST") and trigger.voice == "active" and \
            any(p.type == "PROTEST" for _, _, p in earlier):
        protest_end = max(e for _, e, p in earlier if p.type == "PROTEST")
        if not _broken(doc, protest_end, start) and not any(protest_end <= a.token_start < start and
                                                            a.governor in ("", "dan") for a in actors):
            return True
    return False


def _asides(doc: Doc, sentence) -> list[tuple[int, int]]:
    """The asides of a sentence that name who says it, as (opening comma, closing comma) token
    indices: `, kata Yusri,` and `, lanjut Kombes Argo Yuwono,`; the words between the cue and
    the closing comma are a name or a pronoun (capitalised, or `dia`/`ia`)."""
    found = []
    for token in sentence[:-2]:
        if token.text != "," or doc[token.i + 1].lower_ not in ASIDE_CUES:
            continue
        for closing in doc[token.i + 3:min(sentence.end, token.i + 2 + ASIDE_LENGTH)]:
            if closing.text == ",":
                words = doc[token.i + 2:closing.i]
                if all(w.text[:1].isupper() or w.lower_ in ("dia", "ia") or w.is_punct for w in words):
                    found.append((token.i, closing.i))
                break
    return found


def _completed(doc: Doc, sentence, end: int, key: str) -> bool:
    """Whether a trigger that needs a phrase after it (`menetapkan ... tersangka`) has one."""
    phrases = COMPLETIONS.get(key)
    if not phrases:
        return True
    words = [t.lower_ for t in doc[end:min(sentence.end, end + COMPLETION_WINDOW)]]
    return any(words[i:i + len(p)] == list(p) for p in phrases for i in range(len(words) - len(p) + 1))


def _party_after(doc: Doc, end: int, trigger: Trigger, after: list[Candidate]) -> Candidate | None:
    """A target the object phrase names indirectly:

    - the author of what is rejected or backed, in a passive relative clause:
      `menolak usulan ... yang diajukan oleh Mesir dan Qatar`, `dukungan bagi
      proposal ... yang diajukan utusan Amerika Serikat`;
    - the one accused, as subject of the `bahwa` clause: `Tuduhan Washington
      bahwa Beijing melakukan ...`; the one asked, as subject of the `agar`
      clause: `Seruan Uni Afrika agar Sudan kembali ...`;
    - the institution in front of whose building a protest is held: `di depan
      kantor Kementerian Lingkungan Hidup`.
    """
    window = doc[end:min(end + 8, doc[end - 1].sent.end)]
    for token in window:
        if token.lower_ == "yang" and token.i + 1 < len(doc) and doc[token.i + 1].lower_.startswith("di") \
                and doc[token.i + 1].lower_ not in NOT_PASSIVE and len(doc[token.i + 1]) > 4:
            verb = token.i + 1
            return next((a for a in after if verb < a.token_start <= verb + 4 and a.governor not in
                         PARTY_PREPOSITIONS | PLACE_PREPOSITIONS), None)
        if token.lower_ == "bahwa" and trigger.type == "ACCUSE":
            return next((a for a in after if a.token_start in (token.i + 1, token.i + 2)), None)
        if token.lower_ in ("agar", "supaya") and trigger.type == "REQUEST":
            # `Seruan Uni Afrika agar Sudan kembali ...`: the one asked is the subject of `agar`
            # when `agar` opens the request's own complement, not a purpose further on
            # (`mengimbau warganya untuk menjaga kerukunan agar NKRI tetap terjaga`)
            covered = {i for a in after for i in range(a.token_start, a.token_end)}
            if any(t.i not in covered and not t.is_punct and t.lower_ not in ADVERBS for t in doc[end:token.i]):
                return None
            return next((a for a in after if a.token_start in (token.i + 1, token.i + 2)), None)
        if token.lower_ == "depan" and trigger.type == "PROTEST":
            return next((a for a in after if token.i < a.token_start <= token.i + 3 and
                         not (a.code or "").endswith(" GOV")), None) or building_owner(doc, token.i + 1)
        if token.lower_ == "milik" and trigger.type == "COERCE":
            # `menyita aset ... milik pengusaha Hendro Wijaya`: the owner undergoes it
            return next((a for a in after if token.i < a.token_start <= token.i + 3), None)
    return None


#: Words between a subordinator and the verb it leaves without a subject (`setelah sempat ditahan`).
CARRIED_ADVERBS = ADVERBS | {"sempat", "telah", "sudah", "pernah"}


def _carried_subject(doc: Doc, sentence, start: int, actors: list[Candidate], passive: bool = False
                     ) -> Candidate | None:
    """The subject a subordinate clause without one shares with the clause
    before it: `Farid Ahmadzai yang melarikan diri dari Kabul setelah diancam
    Taliban`, `... itu dibebaskan oleh otoritas Iran setelah ditahan`; or, opening the
    sentence (after its dateline, or `pada`), with the main clause after it (`Setelah bertemu X,
    Presiden ...`, `Pada saat ditangkap, Miryam ...`), as does a passive verb that opens the sentence
    with no subordinator (`Diminta mundur dari Partai Demokrat, Ruhut Sitompul ...`: Ruhut was asked)."""
    index = start - 1
    while index > sentence.start and doc[index].lower_ in CARRIED_ADVERBS:
        index -= 1
    subordinated = doc[index].lower_ in SUBORDINATORS and index >= sentence.start
    if not (subordinated or passive):
        return None
    opening = story_opening(sentence, dateline_end(sentence))
    if opening < sentence.end and doc[opening].lower_ in OPENING_PREPOSITIONS:
        opening += 1  # `Pada saat ditangkap, Miryam ...`
    if start == opening and passive:
        index = opening  # `Diminta mundur dari Partai Demokrat, Ruhut Sitompul ...`: the subject after the comma
    elif not subordinated:
        return None
    if index == opening:
        # `Setelah bertemu Anwar Ibrahim, Presiden Joko Widodo kembali ...`: a clause that opens the
        # sentence shares the subject of the main clause right after its comma
        comma = next((t.i for t in doc[start:sentence.end] if t.text == ","), None)
        return None if comma is None else next((a for a in actors if comma < a.token_start <= comma + 4
                                                and a.governor == ""), None)
    earlier = [a for a in actors if a.token_end <= index and not _broken(doc, a.token_end, index)]
    return _subject(doc, earlier, index)


def _helped(doc: Doc, end: int, after: list[Candidate]) -> Candidate | None:
    """The one troops are sent to help: `dikerahkan ke wilayah Kursk untuk
    membantu pasukan Rusia` -> Rusia."""
    sentence_end = doc[end - 1].sent.end
    verb = next((t.i for t in doc[end:min(end + 10, sentence_end)] if t.lower_ in HELP_VERBS
                 and doc[t.i - 1].lower_ in ("untuk", "guna")), None)
    if verb is None:
        return None
    return next((a for a in after if verb < a.token_start <= verb + 2), None)


def _point(actor: Candidate) -> int:
    """Where an actor's phrase begins, counting the word that governs it."""
    return actor.governor_index if actor.governor_index >= 0 else actor.token_start


#: How many words may stand between `dan` and the other side of `antara X dan Y` (a title, a description).
OTHER_SIDE_REACH = 6


def _other_side(doc: Doc, actor: Candidate, actors: list[Candidate], sentence) -> Candidate | None:
    """Y of `antara X dan Y`: the first actor within reach after the `dan` that follows X (past an
    apposition of X's, `antara Presiden Sudan, Salva Kiir, dan ...`)."""
    limit = min(sentence.end, actor.token_end + OTHER_SIDE_REACH)
    link = next((t.i for t in doc[actor.token_end:limit] if t.lower_ == "dan"), None)
    if link is None:
        return None
    return next((a for a in actors if link < a.token_start <= link + OTHER_SIDE_REACH
                 and a.entity_id != actor.entity_id), None)


def _conjuncts(doc: Doc | None, actor: Candidate | None, actors: list[Candidate]) -> list[Candidate]:
    """The actor and those coordinated after it: `Tokyo dan Seoul`, `Malaysia,
    Filipina, dan Thailand`, `Presiden X dan Perdana Menteri Y`."""
    if actor is None:
        return []
    chain = [actor]
    for other in actors:
        if other.token_start < chain[-1].token_end or other in chain:
            continue
        if other.governor in COORDINATORS and (other.governor_index == chain[-1].token_end or (
                other.governor_index == chain[-1].token_end + 1 and len(chain) > 1)):
            chain.append(other)  # `Tokyo dan Seoul`, `Malaysia, Filipina, dan Thailand`
        elif other.governor_index == -1 and other.token_start == chain[-1].token_end + 1 and other.partner is None:
            chain.append(other)  # `Malaysia, Filipina`
        elif other.token_start > chain[-1].token_end:
            break
    # `Malaysia, Filipina` without a final `dan ...` is no coordination
    if len(chain) > 1 and chain[-1].governor not in COORDINATORS:
        chain = chain[:1]
    return chain


def _speaker_before_clause(doc: Doc, parsed: Candidate, found: Candidate | None) -> bool:
    """Whether the parse's subject stands before a comma that the word-order subject follows
    (`Refa mengatakan, tindakan KPK menetapkan Fredrich`: the speaker is not KPK's act's agent)."""
    if found is None or found.token_start <= parsed.token_end:
        return False
    return any(t.text == "," for t in doc[parsed.token_end:found.token_start])


def _first_conjunct(actor: Candidate | None, actors: list[Candidate]) -> Candidate | None:
    """The first actor of the coordination an actor ends (`Edwin dan Lauren menyerang`: Edwin, not the
    nearest, Lauren), or the actor itself."""
    if actor is None:
        return None
    return next((a for a in actors if a.token_start < actor.token_start and actor in _conjuncts(None, a, actors)),
                actor)


def _passive_verb_between(doc: Doc, start: int, end: int) -> bool:
    """A passive verb (`dikecam`, `ditegaskan`, `terpilih`) stands between two tokens."""
    return any(len(t.text) > 5 and t.text[:2] in ("di", "te") and t.text.islower()
               and (t.text.startswith("di") or t.text.startswith("ter")) and t.lower_ not in NOT_PASSIVE
               for t in doc[start:end])


def _title_start(doc: Doc, start: int, floor: int) -> int:
    """Where the title before the name starting at `start` begins (not before `floor`): its words in
    any case (`mantan Bupati`), the places in it (`Perdana Menteri India` before `Narendra Modi`) and
    the body it is a title of (`anggota Komisi IX DPR` before `Charles Jones Mesang`)."""
    titles = title_words()
    while start > floor:
        before = doc[start - 1]
        if before.lower_ in titles or (before.text[:1].isupper() and before.ent_type_ in PLACE_LABELS):
            start -= 1
            continue
        if before.ent_type_ != "ORG":
            break
        body = start - 1
        while body > floor and doc[body].ent_iob_ == "I":
            body -= 1
        if body <= floor or doc[body - 1].lower_ not in titles:
            break
        start = body
    return start


def _in_title_of_next(doc: Doc, actor: Candidate, actors: list[Candidate], floor: int) -> bool:
    """The actor is the body in the title of the person named next (`anggota [Komisi IX DPR] Charles`)."""
    person = next((a for a in actors if a.token_start >= actor.token_end), None)
    return person is not None and (person.entity_id or "").startswith("per:") \
        and _title_start(doc, person.token_start, floor) <= actor.token_start


def _genitive(doc: Doc, end: int, actor: Candidate) -> bool:
    """The actor is the genitive of a noun trigger ending at `end`: right after
    it (`serangan Israel`, `undangan Perdana Menteri India Narendra Modi`, a
    title's lower-case word too: `penahanan mantan Bupati Klaten Sri Hartini`),
    or after a head noun for a group (`serangan kelompok ISWAP`, `serangan
    pasukan Rusia`)."""
    if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")":
        end += 3  # `Operasi Tangkap Tangan (OTT) Gubernur Bengkulu ...`: the act's short form between
    first = _title_start(doc, max(actor.token_start, end), end)
    if first - end > 2:
        return False
    return all(t.lower_ in GENITIVE_HEADS for t in doc[end:first])


def _object_unnamed(doc: Doc, end: int, trigger: Trigger) -> bool:
    """An active verb followed by an object phrase that names no actor (`memeriksa beberapa saksi`,
    `akan memanggil 30 hingga 40 saksi`): the act is aimed at someone, just no one named."""
    return trigger.voice == "active" and end < len(doc) and not doc[end].is_sent_start and (
        doc[end].pos_ in ("NOUN", "NUM", "DET") or doc[end].like_num or doc[end].lower_ in QUANTIFIERS)


#: Words before a place that describes a person (`asal China`, `di Cikini`).
DESCRIBING_PLACE = PLACE_PREPOSITIONS | {"asal", "dari"}
#: How many words a description may have before the comma that names the person it describes.
APPOSED_DESCRIPTION = 10


def _apposed_person(doc: Doc, end: int, sentence, after: list[Candidate]) -> Candidate | None:
    """The person an object phrase describes, named after its comma: `menangkap pemilik toko emas di Cikini,
    Budi Santoso, pada Senin`, `bertemu dengan pendiri e-commerce asal China, Jack Ma`. The description
    is words with no verb and no party of its own (a place it names is where the person is from: find_actors
    already reads `asal China, Jack Ma` as Jack Ma); the name closes with a comma or the sentence."""
    index = end + (end < sentence.end and doc[end].lower_ in PARTY_PREPOSITIONS)
    comma = next((t.i for t in doc[index:min(sentence.end, index + APPOSED_DESCRIPTION + 1)] if t.text == ","), None)
    if comma is None or comma == index or any(t.pos_ in ("VERB", "AUX") or t.is_punct and t.text != "-"
                                              for t in doc[index:comma]):
        return None
    inside = [a for a in after if index <= a.token_start < comma]
    if any(a.governor not in DESCRIBING_PLACE for a in inside):
        return None  # the description names a party of its own
    named = next((t.i for t in doc[comma + 1:sentence.end] if t.text in (",", ".")), sentence.end)
    person = next((a for a in after if a.token_start == comma + 1 and a.token_end == named), None) or \
        next((a for a in inside if entity_kind(a.entity_id) == "per"), None)
    return person if person is not None and entity_kind(person.entity_id) == "per" else None


def _direct_object(doc: Doc, end: int, actor: Candidate) -> bool:
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


def _controller(doc: Doc, start: int, actors: list[Candidate]) -> Candidate | None:
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


#: Words that may stand between `yang` and the verb of a relative clause (`yang sebelumnya melempari`).
RELATIVE_ADVERBS = language_data.words("events_relative_adverbs")


def _relative_clause(doc: Doc, sentence, start: int) -> int | None:
    """For a verb that opens a relative clause (`orang yang diamankan`, `massa yang sebelumnya
    melempari`): the token index where the noun it qualifies ends, past a bracket or a comma
    (`Basuki Tjahaja Purnama (Ahok) yang`); else None."""
    index = start - 1
    while index > sentence.start and (doc[index].is_space or doc[index].lower_ in RELATIVE_ADVERBS | ADVERBS):
        index -= 1
    if index <= sentence.start or doc[index].lower_ != "yang":
        return None
    end = index
    while end > sentence.start and (doc[end - 1].is_space or doc[end - 1].text == ","):
        end -= 1
    if end > sentence.start and doc[end - 1].text == ")":
        opening = next((t.i for t in reversed(doc[max(sentence.start, end - 6):end - 1]) if t.text == "("), None)
        if opening is not None:
            end = opening
    return end


#: How many words a description in apposition to a name may have (`Hermansyah, ahli telematika`).
APPOSITION_WORDS = 4


def _described_before(doc: Doc, actor: Candidate, index: int) -> bool:
    """Whether doc[actor.token_end:index] is a comma and a lower-case description of the actor
    (`Hermansyah, ahli telematika` before `yang dikeroyok`): the relative clause is about him."""
    words = doc[actor.token_end + 1:index]
    return actor.token_end < len(doc) and doc[actor.token_end].text == "," and 0 < len(words) <= APPOSITION_WORDS \
        and all(t.is_alpha and t.text.islower() and t.pos_ in ("NOUN", "ADJ", "PROPN") for t in words)


#: How many lower-case words may name what a request asks for before `dari` and the one asked.
ASKED_FOR_WORDS = 4


def _asked_of(doc: Doc, end: int, sentence, actors: list[Candidate]) -> Candidate | None:
    """The one asked, named after what is asked for: `meminta pengampunan pajak dari pemerintah`,
    `meminta restu dari Presiden Joko Widodo`; else None."""
    index = end
    while index < sentence.end and index - end < ASKED_FOR_WORDS and doc[index].is_alpha \
            and doc[index].text.islower() and doc[index].lower_ != "dari":
        index += 1
    if index == end or index >= sentence.end or doc[index].lower_ != "dari":
        return None
    return next((a for a in actors if a.governor_index == index), None)


#: How many words may stand between a preposition and the owner of what it governs
#: (`terhadap [dua kendaraan operasional] PT Freeport Indonesia`).
OWNED_WORDS = 4


def _owner_after(doc: Doc, actor: Candidate) -> str:
    """The preposition before a phrase the actor owns (`penembakan terhadap dua kendaraan operasional
    PT Freeport Indonesia` -> `terhadap`, `penggeledahan di kediaman mantan Bupati Klaten Sri Hartini`
    -> `di`): the actor is the party the act reaches through what is his; else ''. Only numbers and
    lower-case nouns may stand between, besides the actor's title."""
    sentence_start = doc[actor.token_start].sent.start
    named = _title_start(doc, actor.token_start, sentence_start)
    index = named - 1
    floor = max(sentence_start, named - OWNED_WORDS - 1)
    while index > floor and (doc[index].like_num or (doc[index].is_alpha and doc[index].text.islower()
                                                     and doc[index].pos_ in ("NOUN", "ADJ", "NUM")
                                                     and doc[index].lower_ not in GROUP_STOPS)):
        index -= 1
    if index == named - 1:
        return ""
    return doc[index].lower_


#: How many lower-case words may go on describing a noun before `yang` (`separatis bersenjata`).
MODIFIER_WORDS = 2


def _modified_before(doc: Doc, actor: Candidate, index: int) -> bool:
    """Whether doc[actor.token_end:index] only goes on describing the actor (`kelompok separatis
    [bersenjata] yang ...`): one or two lower-case words, no function word, no comma."""
    words = [t for t in doc[actor.token_end:index] if not t.is_space]
    return 0 < len(words) <= MODIFIER_WORDS and all(
        t.is_alpha and t.text.islower() and t.pos_ in ("ADJ", "NOUN", "VERB") and t.lower_ not in GROUP_STOPS
        for t in words)


def _qualified_noun(doc: Doc, start: int, end: int) -> int | None:
    """The token a relative clause's verb qualifies in the parse, past a description in
    apposition to a name (`Hermansyah, ahli telematika yang dikeroyok` -> Hermansyah); else None."""
    if not doc.has_annotation("DEP"):
        return None
    verb = next((t for t in doc[start:end] if not (start <= t.head.i < end)), None)
    if verb is None or verb.dep_ != "acl:relcl":
        return None
    noun = verb.head
    return noun.head.i if noun.dep_ == "appos" and noun.head.i < noun.i else noun.i


def _undergoes_request(doc: Doc, actor: Candidate, end: int) -> bool:
    """Whether the object of a request is followed by a passive verb (`meminta Ahok dicopot`,
    `meminta sidang Ahok untuk ditunda`): the one the requested act is done to, not the one asked."""
    index = actor.token_end
    if index < end and doc[index].text == "(":  # `Basuki Tjahaja Purnama (Ahok) dicopot`
        index = next((t.i + 1 for t in doc[index:min(end, index + 5)] if t.text == ")"), index)
    while index < end and (doc[index].lower_ in CONTROL_MARKS | ADVERBS or doc[index].is_space):
        index += 1
    if index >= end:
        return False
    word = doc[index]
    return word.pos_ == "VERB" and word.lower_.startswith("di") and word.lower_ not in NOT_PASSIVE


#: Verbs of promising whose object may be the doer of what is promised (`menjanjikan aparat melanjutkan`).
PROMISES = language_data.words("events_promises")


def _does_what_is_promised(doc: Doc, span, actor: Candidate, end: int) -> bool:
    """Whether the object of a promise is followed by an active verb (`Presiden menjanjikan aparat
    melanjutkan proses hukum`): the one who will do what is promised, not the one it is promised to."""
    if span.text.lower() not in PROMISES or actor.token_start < span.end:
        return False
    index = actor.token_end
    while index < end and (doc[index].lower_ in ADVERBS or doc[index].is_space):
        index += 1
    if index >= end:
        return False
    word = doc[index]
    return word.pos_ == "VERB" and word.lower_.startswith(("me", "ber"))


def _verb_agent(doc: Doc, actor: Candidate) -> bool:
    """Whether the actor is the agent right after a passive verb (`disebut Wiranto`), which is
    that verb's, not a nominalised act's before it."""
    index = actor.governor_index
    return index >= 0 and doc[index].pos_ == "VERB" and doc[index].lower_.startswith("di") \
        and doc[index].lower_ not in NOT_PASSIVE


def _in_content_clause(doc: Doc, end: int, index: int, trigger: Trigger) -> bool:
    """Whether a preposition at `index` lies in the clause of another verb, with its own subject,
    that follows the trigger (`menjanjikan aparat melanjutkan proses hukum terhadap kasus yang
    terkait dengan Basuki`): the party of what is promised, not of the promise. A relative
    clause on the trigger's own object still names its party (`memboikot produk yang
    terafiliasi dengan Israel`), and so does the act a threat threatens (`ancaman ... untuk
    mengenakan tarif terhadap produk Brasil`)."""
    if trigger.type == "THREATEN":
        return False
    for token in doc[end:index]:
        if token.lower_ == "yang":
            return False
        if token.pos_ == "VERB" and token.dep_ in ("xcomp", "ccomp", "advcl", "conj", "acl") and \
                any(t.pos_ in ("NOUN", "PROPN", "PRON") for t in doc[end:token.i]):
            return True  # a verb with a subject of its own: `aparat melanjutkan`, not `akan melancarkan`
    return False


def _crosses_comma(doc: Doc, start: int, end: int) -> bool:
    return any(t.text in (",", ";", ":") for t in doc[start:end])


def _broken(doc: Doc, start: int, end: int) -> bool:
    """A clause break between two tokens: the actor belongs to another clause."""
    return any(t.lower_ in CLAUSE_BREAKS for t in doc[start:end])


def _host(trigger: Trigger, place_id: str, source: Candidate | None) -> Candidate | None:
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
    name, state_id = state_name(place.country)
    if source is not None and (source.entity_id == state_id or (source.code or "").split(" ")[0] == place.country):
        return None
    return Candidate(0, 0, name, state_id, f"{place.country} GOV", 0, 0)


#: Words that may stand between a subordinate clause's subject and its verb (`saat Fahri [telah melakukan]`).
SUBORDINATE_VERB_WORDS = 3


def _subject(doc: Doc, before: list[Candidate], start: int | None = None) -> Candidate | None:
    """The clause subject among the actors before a verb: the first one, unless
    the verb is the verb of a relative clause on a later one (`... memuji
    tentara Korea Utara yang telah bertempur`, but not `kepada Perdana Menteri
    Jepang yang baru terpilih melalui sambungan telepon`) or of a subordinate
    clause with its own subject (`saat Fahri melakukan kunjungan`)."""
    if not before:
        return None
    last = before[-1]
    following = [t for t in doc[last.token_end:last.token_end + 2] if t.text != ","]
    if following and following[0].lower_ == "yang":
        between = doc[following[0].i + 1:start] if start is not None else ()
        if not any(t.lower_ in CIRCUMSTANCE for t in between):
            return last
    own = last if last.governor in SUBORDINATORS and last is not before[0] else None
    if own is not None and start is not None and 0 <= start - own.token_end <= SUBORDINATE_VERB_WORDS \
            and all(t.is_alpha and t.text.islower() for t in doc[own.token_end:start]):
        return own  # `Olly memaklumi penolakan saat Fahri melakukan kunjungan kerja`: the clause's own subject
    subject = next((a for a in before if a.governor not in NOT_OBJECT_GOVERNORS - {"dan", "serta", "yang"}), None)
    subject = subject or before[0]
    person = next((a for a in before if a.token_start == subject.token_end
                   or (a.token_start == subject.token_end + 1 and doc[subject.token_end].text == ",")), None)
    if entity_kind(subject.entity_id) == "org" and person is not None and entity_kind(person.entity_id) == "per":
        # `Penyidik KPK(,) Novel Baswedan disiram air keras`: the body right before a name is his
        return person
    return subject


@Language.factory("warta_events", requires=["doc.ents", "doc.sents"])
def make_event_coder(nlp: Language, name: str) -> EventCoder:
    return EventCoder(nlp)


