"""The `warta_quotes` component: who said what.

Works on character offsets of the Doc, using the entities the
`warta_entities` component found (with their canonical ids and roles):

- **direct**: a quotation followed by a reporting cue (`"...," kata Putin`,
  `"...," ujarnya`, `"...," tambah Presiden`) or preceded by one
  (`Putin mengatakan: "..."`, `seraya menambahkan: "..."`, `Menurut X, "..."`).
  A quotation left open at the end of a paragraph continues into the next
  paragraph when that one opens with a quotation mark.
- **partial**: a quoted phrase inside reported speech (`meminta Kim untuk
  menyampaikan "kata-kata terhangat..."`); its speaker is the speaker of the
  sentence (the attributed quote in it, or its subject). Quoted Title Case
  names (`parade "Hari Kemenangan"`) are names, not quotes.
- **indirect**: `X menyatakan bahwa ...`, `Menurut X, ...`.
- **headline**: a title ending in `: Name`.

Speakers: the entity right after an `after` cue (titles and roles before the
name are skipped: `kata Kepala BPBD Cianjur Asep Suryana`); a pronoun (`ia`,
`dia`, `beliau`) or a `-nya` cue resolves to the last person named outside
quotations; a title alone (`tambah Presiden`) to the person who holds that
role in the article. A person named in apposition after a role phrase speaks (`kata pengacara Rina, Joni`,
`Menurut Kepala Dinas X, Rina Verita, ...`); a name inside a relative clause of the subject (`Partai yang
dipimpin X menyatakan`) or after a pronoun subject or a verb (`Ia mengutip Presiden X`) does not; a pronoun
cue after a quotation that names the salient person goes to the speaker before (`"Kita sepaham dengan
Presiden," katanya`); a bare common noun as subject (`Petugas`, `pihak maskapai`) stands for the body named
with that noun before. When none of these applies the speaker is left empty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from warta import lexicon
from warta.formats.boilerplate import is_boilerplate
from warta.model import Quote
from warta.nlp import extensions, gazetteer

extensions.register("quotes")

PRONOUNS = {"ia", "dia", "beliau"}
OPEN_MARKS = {'"': '"', "“": "”"}
PARTIAL_MAX_WORDS = 25
#: Most words a title's speaker part may have (`Wamendagri Bima Arya`, `Polda Metro Jaya`).
TITLE_SPEAKER_WORDS = 5
#: A quoted phrase this short needs a cue (in its sentence or right before it) to be someone's words.
SCARE_MAX_WORDS = 2
#: Fewest words an unquoted reported clause needs (`kondisi tidak memungkinkan`).
CLAUSE_MIN_WORDS = 3
#: A sentence opening with one of these starts with a subordinate clause.
SUBORDINATE = re.compile(rf"\s*(?:{lexicon.alternation('subordinators')})\b", re.IGNORECASE)
#: Subordinators whose clause has its own subject (`setelah pihak perusahaan mengklaim`).
CLAUSE_SUBORDINATE = re.compile(rf"\s*(?:{lexicon.alternation('clause_subordinators')})\b", re.IGNORECASE)
#: Words that open an adjunct, not a clause, after `kata X` (`..., kata Budi di Jakarta`).
NOT_CLAUSE_START = lexicon.words("not_clause_start")
#: A `before` verb right after one of these is not reporting anything (`untuk memastikan`, `bisa menilai`).
NOT_REPORTING_AFTER = re.compile(rf"\b(?:{lexicon.alternation('not_reporting_after')})\s+$", re.IGNORECASE)
#: What may stand between a `before` verb and its clause: an addressee, a place, a date, a manner.
ADJUNCT = re.compile(rf"(?:\s*,?\s*(?:(?:{lexicon.alternation('adjunct_openers')})\b[^,.;:\"“]{{0,60}}?,"
                     rf"|(?:{lexicon.alternation('weekday_names')})\b[^,.;:]{{0,25}},"
                     rf"|(?:{lexicon.alternation('adjunct_particles')})\b))*\s*[,:]?\s*"
                     rf"(?:(?:{lexicon.alternation('complementizers')})\s+)?", re.IGNORECASE)
#: Connectives before a sentence's subject (`Namun, `, `Sementara itu `), matched at a comma-piece's start.
SUBJECT_LEAD = re.compile(rf"\s*(?:(?:{lexicon.alternation('subject_connectives')})\s*,?\s*)?", re.IGNORECASE)
#: Where the words after a cue stop naming the speaker: punctuation, but not the dot of an abbreviation or an
#: initial (`ungkap Dr. Damar`, `kata R. Soes`) nor one inside a word (`terang Founder Nikah.id Hariawan`).
SPEAKER_STOP = re.compile(r"[,;:!?\"“”\n]|(?<!\b[A-Z])(?<!\b(?:Dr|dr|Ir|Hj|KH|St))(?<!\b(?:Drs|Dra|Sdr|Bpk|Pol|Kol))"
                          r"(?<!\b(?:Prof|Kapt|Purn))\.(?!\w)")
#: Function words that may open a comma-piece before a cue (`..., dengan mengatakan`): no noun for a body.
NOT_NOUNS = lexicon.words("phrase_end_words") | lexicon.words("adjunct_openers") | \
    lexicon.words("adjunct_piece_openers") | lexicon.words("subject_connectives") | \
    lexicon.words("pronoun_connectives") | lexicon.words("same_speaker_links")
#: Initials before a name (`R. Soes Hindharno`, `H. M. Jusuf`).
INITIALS = re.compile(r"(?<=\s)(?:[A-Z]\.\s*)+")
#: A verb before a name: the name is not the sentence's subject (`Ia mengutip pernyataan Presiden X`).
VERB_IN_LEAD = re.compile(rf"\b(?!(?:{lexicon.alternation('not_predicate_verbs')})\b)(?:me|ber|di)[a-z]{{3,}}\b")
#: A sentence opened by the outlet it comes from (`Mengutip Ace Showbiz, ...`, `Dilansir dari Reuters, ...`: the
#: relay cues of reporting_verbs.tsv) or by whom it was said to (`Berbicara pada Liverpool Echo, ...`): the name
#: after them is no subject.
RELAY_LEAD = re.compile(r"\s*(?:(?:seperti\s+)?(?:" + "|".join(
    re.escape(row["cue"]) for row in lexicon.table("reporting_verbs.tsv") if row["position"] == "relay")
    + r")(?:\s+(?:dari|oleh))?|" + lexicon.alternation("addressee_leads") + r")\s*", re.IGNORECASE)
#: What a long title may be made of between a cue and its holder's name: capitalised words, `dan`/`serta`/`untuk`/
#: `dari`, commas, an acronym in parentheses (`Deputi Bidang Protokol, Pers dan Media (PPM) Sekretariat Presiden`).
LONG_TITLE = re.compile(r"(?:\s*(?:[A-Z][\w.'/&-]*|dan|serta|untuk|dari|,|\([A-Z][\w.-]*\)))+\s*")
#: A second reporting verb joined to the cue before it (`..., sebutnya, sembari menambahkan ...`).
SAME_SPEAKER = re.compile(rf",\s*(?:{lexicon.alternation('same_speaker_links')})\s+$", re.IGNORECASE)
#: A subject pronoun or a word that names nobody in particular.
SUBJECT_PRONOUN = re.compile(rf"\s*[\"“]?\s*(?:(?:{lexicon.alternation('subject_connectives')})\s*,?\s*)?"
                             r"(?P<word>\w+)\b", re.IGNORECASE)


#: A dateline before the first sentence of an article (`Jakarta, CNN Indonesia -- `, `Jeddah (ANTARA News) - `).
DATELINE = re.compile(r"\s*[A-Z][^.\n]{0,60}?(?:\s-\s*-|--|—|–|\)\s*-)\s*")
#: A comma-piece that is just a pronoun subject (`dia`, `ia pun`, `Sehingga, dia juga`).
OWN_PRONOUN = re.compile(rf"\s*(?:(?:{lexicon.alternation('pronoun_connectives')})\s+)?(?P<word>ia|dia|beliau)"
                         rf"(?:\s+(?:{lexicon.alternation('pronoun_particles')}))*\s*", re.IGNORECASE)
#: A comma-piece that is an adjunct or a relative clause, not a subject.
ADJUNCT_PIECE = re.compile(rf"\s*(?:{lexicon.alternation('adjunct_piece_openers')}"
                           rf"|{lexicon.alternation('weekday_names')}|\(|\d)\b", re.IGNORECASE)


@cache
def titles_only() -> re.Pattern[str]:
    """Text that is nothing but titles and ranks from lexicons/roles.tsv (` AKBP `, ` Irjen Pol `)."""
    words = sorted({w for role in gazetteer.roles() for w in (role.title, *role.aliases)}, key=lambda w: -len(w))
    alternation = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    return re.compile(rf"(?:\s+(?:{alternation}))+\s+")


@dataclass(frozen=True)
class Cue:
    text: str
    position: str  # after | quoted | before | opener | relay | menurut | headline


@cache
def cues() -> tuple[Cue, ...]:
    """Reporting cues from lexicons/reporting_verbs.tsv, longest first."""
    found = [Cue(row["cue"], row["position"]) for row in lexicon.table("reporting_verbs.tsv")]
    return tuple(sorted(found, key=lambda c: -len(c.text)))


@cache
def not_speech() -> dict[str, set[str]]:
    """Words that make a cue report nothing, by kind (lexicons/not_speech.tsv): `object` heads and `source` nouns."""
    found: dict[str, set[str]] = {"object": set(), "source": set(), "verb": set(), "title": set(), "naming": set(),
                                  "label": set()}
    for row in lexicon.table("not_speech.tsv"):
        found[row["kind"]].add(row["word"].lower())
    return found


@cache
def epithets() -> dict[str, frozenset[str]]:
    """Words of descriptive phrases that stand for a speaker, by kind (lexicons/speaker_epithets.tsv)."""
    found: dict[str, set[str]] = {"person": set(), "anonymous": set(), "demonstrative": set()}
    for row in lexicon.table("speaker_epithets.tsv"):
        found[row["kind"]].add(row["word"].lower())
    return {kind: frozenset(words) for kind, words in found.items()}


#: Words that may stand beside a name in a list of subjects (`baik Sugito, FPI maupun ...`).
LIST_WORDS = lexicon.words("name_coordinators") | {"baik"}
#: Words that only point back at something said (`Hal itu disampaikan ...`).
STATEMENT_ANAPHORS = lexicon.words("statement_anaphors")
#: Words that begin the name of a body: `lembaga itu` is an organisation, not a person described.
BODY_HEADS = lexicon.words("body_heads")


#: Words that make a clause a predication of its own (`hasil uji itu menunjukkan ...`, `... akan ...`).
PREDICATE = re.compile(rf"\b(?:{lexicon.alternation('predicate_words')}|"
                       rf"(?!(?:{lexicon.alternation('not_predicate_verbs')})\b)"
                       r"(?-i:(?:me|di)[a-z]{3,}))\b", re.IGNORECASE)  # a capitalised word is a name: `Melodrama`
#: Where a noun phrase's own words end: a relative clause, a preposition, a subordinate clause.
PHRASE_END = re.compile(rf"[,;:(]|\b(?:{lexicon.alternation('phrase_end_words')})\b", re.IGNORECASE)


def _plain_object(clause: str) -> bool:
    """`tanggapan atas laporan itu`, `hasil seleksi`, `kegembiraannya usai ...`: a cue's object, not its content."""
    first = re.match(rf"\s*(?:(?:{lexicon.alternation('object_determiners')})\s+)?([\w-]+)", clause, re.IGNORECASE)
    if not first:
        return False
    head = first.group(1).lower()
    heads = not_speech()["object"]
    if head not in heads and not (head.endswith("nya") and head[:-3] in heads):
        return False
    if head == "yang":
        return True
    # Only the predicate of the clause's own main part counts, outside relative and adverbial clauses.
    rest = clause[first.end():]
    rest = re.sub(r"\byang\b[^,;]*", " ", rest)
    stop = PHRASE_END.search(rest)
    own = rest[:stop.start()] if stop else rest
    # `pertanyaan peserta diskusi`: a root word (`diskusi`, `memoar`) only looks like a di-/meN- verb
    return not any(m.group().lower() not in lexicon.root_words() for m in PREDICATE.finditer(own))


def _alternation(*positions: str) -> str:
    return "|".join(re.escape(c.text) for c in cues() if c.position in positions) or "(?!x)x"


@cache
def _patterns() -> dict[str, re.Pattern]:
    return {
        # after the closing mark: optional comma, then the cue as a whole word
        "after": re.compile(rf"[\s,]*(?P<cue>{_alternation('after', 'quoted')})\b", re.IGNORECASE),
        # after an unquoted clause: a comma, the cue, then who (`..., kata dia.`, `, lanjutnya, ...`)
        "after_clause": re.compile(rf",\s*(?P<cue>{_alternation('after')})\b(?!-)", re.IGNORECASE),
        # before the opening mark: the cue, then ':' or ','
        "before": re.compile(rf"\b(?P<cue>{_alternation('before')})\s*[:,]\s*$", re.IGNORECASE),
        "menurut": re.compile(r"\bmenurut\s+(?P<who>[^,]{2,80}),\s*$", re.IGNORECASE),
        "clause": re.compile(rf"\b(?P<cue>{_alternation('before')})\b(?!-)", re.IGNORECASE),
        # `Menurut X, ...`; `Menurutnya` needs no comma (`Apalagi, menurutnya besaran dana ...`).
        "menurut_clause": re.compile(r"(?:^|,|\bdan|\bnamun|\btetapi)\s*[\"“]?\s*(?:(?P<cue>menurut)\b"
                                     r"(?:\s+(?P<who>[^,.;\"“]{2,80}))?\s*,|(?P<nya>menurutnya)\b\s*,?)\s*",
                                     re.IGNORECASE),
        # `Ditambahkan, ...` / `Ditambahkan Sugito, ...` (with its agent).
        "opener": re.compile(rf"^\s*(?i:(?:namun|sementara\s+itu|selain\s+itu)\s*,?\s*)?"
                             rf"(?P<cue>(?i:{_alternation('opener')}))"
                             r"(?:\s+(?P<who>[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3}))?\s*,\s*"),
        # the speaker, then a `before` verb, after a quotation ending in a comma: `"...," Anies menambahkan.`
        # (up to six capitalised words: `Menteri Hukum Supratman Andi Agtas`)
        "inverted": re.compile(rf"[^\S\n]*(?P<who>(?i:ia|dia|beliau)|[A-Z][\w.'-]*(?:[^\S\n]+[A-Z][\w.'-]*){{0,5}})"
                               rf"[^\S\n]+(?:(?i:pun|juga|lalu|kemudian|pula)[^\S\n]+)?"
                               rf"(?P<cue>(?i:{_alternation('before')}))\b"
                               rf"(?=[^\S\n]*(?:[.!?]|,[^\S\n]*[\"“]|$|[^\S\n]+(?i:{'|'.join(sorted(NOT_CLAUSE_START))})\b))"),
        "relay": re.compile(rf"\b(?P<cue>{_alternation('relay')})\b(?:\s+(?:oleh|dari))?", re.IGNORECASE),
        # a passive verb and its named agent inside the statement: `Kasus itu disebut Wiranto sudah selesai.`
        "passive": re.compile(rf"\b(?P<cue>{_alternation('passive')})[^\S\n]+"
                              r"(?P<who>[A-Z][\w.'-]*(?:[^\S\n]+[A-Z][\w.'-]*){0,3})\b"),
    }


@dataclass
class _Span:
    start: int  # of the quoted text, marks excluded
    end: int
    open_at: int  # the opening mark
    close_at: int  # the closing mark (or -1 if it never closes)


@dataclass
class _Found:
    """A quote whose speaker may still wait for the passage's salient person."""

    start: int
    end: int
    kind: str
    speaker: Span | None
    cue: str | None
    cue_start: int | None
    via: Span | None
    pronoun_at: int | None = None  # resolve to the salient person before this offset

    @property
    def at(self) -> int:
        return min(self.start, self.cue_start if self.cue_start is not None else self.start)


class QuoteFinder:
    def __init__(self, doc: Doc):
        self.doc = doc
        self.text = doc.text
        # Entities plus titles standing in for people ("Presiden Rusia meminta ...").
        self.ents = sorted([*doc.ents, *(doc._.role_mentions or ())], key=lambda e: e.start_char)
        self.roles = {(e.start_char, e.end_char) for e in (doc._.role_mentions or ())}
        self.quoted: list[_Span] = _quotations(self.text)
        self.sentences = [(s.start_char, s.end_char) for s in doc.sents]
        self.introduced: set[int] = set()  # subjects introduced with their title (`Ketua DKPP Jimly ...`)
        self.salience: list[tuple[int, Span]] = self._sentence_subjects()
        self.speakers: list[tuple[int, Span]] = []  # people quoted so far, in reading order

    # -- helpers -------------------------------------------------------------

    def sentence_of(self, char: int) -> tuple[int, int]:
        for start, end in self.sentences:
            if start <= char < end:
                return start, end
        return 0, len(self.text)

    def inside_quote(self, char: int) -> bool:
        return any(q.start <= char < q.end for q in self.quoted)

    def entity_at(self, start: int, end: int, labels=("PER", "ORG", "LOC", "GPE")) -> Span | None:
        """The first entity in [start, end), people first."""
        inside = [e for e in self.ents if e.start_char >= start and e.end_char <= end and e.label_ in labels]
        people = [e for e in inside if e.label_ == "PER"]
        return (people or inside or [None])[0]

    def mentions(self, entity: Span) -> int:
        return sum(1 for e in self.ents if e._.entity_id == entity._.entity_id)

    def name_in_chain(self, entity: Span) -> Span:
        """Of names in a row the last is the person, the ones before qualify the title: `Ekonom Samuel
        Sekuritas Rangga Cipta`, `Kapolres Dharmasraya AKBP Rudy Yuliato` (a rank between); unless, with
        nothing between, the text goes on naming the earlier one alone (`Boy` of a split `Boy Rafli Amar`)."""
        current = entity
        while current.label_ == "PER":
            # A rank the model tagged as a name of its own (`AKBP`) is a title between, not a name.
            following = next((e for e in self.ents if e.start_char >= current.end_char
                              and not titles_only().fullmatch(f" {e.text} ")), None)
            if following is None or following.label_ != "PER" or \
                    (following.start_char, following.end_char) in self.roles:
                break
            between = self.text[current.end_char:following.start_char]
            if between.strip():
                if not titles_only().fullmatch(between):
                    break
            elif between != " " or self.mentions(current) > self.mentions(following):
                break
            current = following
        return current

    def epithet(self, start: int, end: int, initial: bool = False) -> tuple[str, int] | None:
        """What a descriptive phrase in [start, end) stands for (lexicons/speaker_epithets.tsv): ("anonymous", _)
        for someone the text does not name (`seorang sumber`), ("person", where) for someone already named
        (`pria asal Argentina itu`, `pemain yang pernah membela Persib`), resolved at `where` like a pronoun;
        None for anything else (a name, a title, a body). `initial`: the phrase opens a sentence, so its
        first word may be capitalised."""
        words = re.findall(r"[\w-]+", self.text[start:end])
        if not words or not (words[0][0].islower() or initial):
            return None
        head, kinds = words[0].lower(), epithets()
        if head in kinds["anonymous"]:
            return "anonymous", start
        relative = re.search(r"\byang\b", self.text[start:end])
        own = self.text[start:start + relative.start()] if relative else self.text[start:end]
        own_words = re.findall(r"[\w-]+", own)
        pointing = bool(own_words) and own_words[-1].lower() in kinds["demonstrative"]
        if head in BODY_HEADS or not (head in kinds["person"] or (pointing and words[0][0].islower())):
            return None
        if pointing and len(own_words) >= 2 and own_words[-2].lower() in BODY_HEADS:
            return "anonymous", start  # `ketua umum asosiasi tersebut`: someone of that body, not named
        named = self.entity_at(start, start + len(own), labels=("PER",))
        if named is not None and not pointing and (named.start_char, named.end_char) not in self.roles:
            return None  # `pelatih Persib Robert Alberts`: the name speaks
        return "person", start

    def last_person_before(self, char: int) -> Span | None:
        best = None
        for entity in self.ents:
            if entity.label_ == "PER" and entity.end_char <= char and not self.inside_quote(entity.start_char):
                best = entity
        return best

    def _sentence_subjects(self) -> list[tuple[int, Span]]:
        """The person each sentence is about: its first person, when only a
        title or a few lowercase words come before it (`Sementara itu, Menag ...`)."""
        out = []
        for start, end in self.sentences:
            if self.inside_quote(start) or self.text[start:start + 1] in '"“':
                continue
            for entity in self.ents:
                if entity.start_char < start or entity.start_char >= end:
                    continue
                lead = self.text[start:entity.start_char]
                if len(re.findall(r"\b[a-z]\w*", lead)) > 3 or '"' in lead or "“" in lead:
                    break
                # `Ia mengutip pernyataan Presiden Joko Widodo ...`: after a pronoun subject or a verb the
                # name is an object, and the sentence is about whoever the pronoun means.
                if RELAY_LEAD.fullmatch(lead):
                    continue  # `Mengutip Ace Showbiz, Johansson ...`: the outlet a passage comes from
                opener = SUBJECT_PRONOUN.match(lead)
                if (opener and opener.group("word").lower() in PRONOUNS) or VERB_IN_LEAD.search(lead):
                    break
                if entity.label_ == "PER":
                    out.append((entity.start_char, entity))
                    role = entity._.role or ""
                    titled = any(w[0].isupper() for w in re.findall(r"[\w-]+", lead)[1:])
                    if titled or (role and role.split()[0] in lead):
                        self.introduced.add(entity.start_char)
                    break
        return out

    def salient_before(self, char: int) -> Span | None:
        """Whom a pronoun means: the passage's current speaker (the latest person
        quoted before `char`), unless a sentence of the pronoun's own paragraph
        has since made someone else its subject (`Kapolres X tiba ... "...,"
        katanya`); with no speaker yet, the latest sentence subject, else the last
        person named. A person merely mentioned in a narrative sentence between
        (`Eka Fitra berasal dari ...`) does not take the floor from the speaker."""
        speaker = _last_before(self.speakers, char)
        subject = _last_before(self.salience, char)
        if speaker is None:
            return subject[1] if subject else self.last_person_before(char)
        if subject is not None and subject[0] > speaker[0]:
            between = self.text[subject[0]:char]
            if "\n" not in between or (subject[0] in self.introduced and between.count("\n\n") <= 1):
                return subject[1]
        return speaker[1]

    def named_in(self, person: Span, start: int, end: int) -> bool:
        """Whether a quotation in [start, end) names `person` in the third person (`"Kita sepaham dengan
        Presiden," katanya` after Jokowi spoke: the words are about the president, not his). A speaker
        does not name himself, so the pronoun cue means someone else."""
        key = person._.entity_id
        if any(e._.entity_id == key and start <= e.start_char < end for e in self.ents):
            return True
        titles = {_title_key(e._.role_title) for e in self.ents if e._.entity_id == key and e._.role_title}
        words = re.findall(r"\b[A-Z][\w-]*", self.text[start:end])
        return bool(titles) and any(_title_key(word) in titles for word in words)

    def other_speaker(self, excluded: Span, start: int, end: int, char: int) -> Span | None:
        """The latest speaker (else sentence subject) before `char` whom the quotation in [start, end) does
        not name: the pronoun's reading once the salient person is ruled out."""
        for _, person in sorted([*self.speakers, *self.salience], key=lambda item: -item[0]):
            if _ < char and person._.entity_id != excluded._.entity_id and not self.named_in(person, start, end):
                return person
        return None

    def person_with_role(self, title: str, char: int) -> Span | None:
        """The person the article names with `title` (`kata Menkumham` after `Menteri Hukum dan HAM Yasonna
        Laoly`; `jelas Kapolres` after `Kapolres Jakarta Selatan Kombes Dwiyono`, a rank between): the
        latest before `char`, else the only one."""
        title = title.lower()
        key = _title_key(title)
        holders = [e for e in self.ents if e.label_ == "PER" and (
            (e._.role and (e._.role.lower() == title or e._.role.lower().startswith(title + " ")
                           or _title_key(e._.role_title or "") == key))
            or self._titled_before(e, key))]
        before = [e for e in holders if e.end_char <= char]
        if before:
            return before[-1]
        ids = {e._.entity_id for e in holders}
        return holders[0] if len(ids) == 1 else None

    def _titled_before(self, entity: Span, key: str) -> bool:
        """`Kapolres Jakarta Selatan Kombes Dwiyono`: the title (`key`, see `_title_key`) opens the
        capitalised run that ends in the name."""
        lead = self.text[max(0, entity.start_char - 60):entity.start_char]
        run = re.search(r"(?:\b[A-Z][\w-]*\.?,?[^\S\n]+)+$", lead)  # `Kapolres Jakarta Utara, Kombes X`
        if run is None:
            return False
        words = run.group().replace(",", " ").split()
        return any(_title_key(" ".join(words[:n])) == key for n in range(1, len(words) + 1))

    def speaker_after(self, char: int, limit: int) -> tuple[Span | None, int | None]:
        """Who is named right after a cue, up to the next punctuation mark; a
        pronoun comes back as the offset to resolve it at."""
        owner = re.match(r"\s*([a-z]+)\s+(?=[A-Z])", self.text[char:limit])
        if owner and owner.group(1) in STATEMENT_ANAPHORS and owner.group(1) not in ("itu", "ini", "tersebut"):
            char += owner.end()  # `tulis pernyataan Tulus`: the statement's owner speaks
        window = self.text[char:limit]
        stop = SPEAKER_STOP.search(window)
        end = char + (stop.start() if stop else len(window))
        first_word = re.match(r"\s*(\w+)", self.text[char:end])
        if first_word and first_word.group(1).lower() in PRONOUNS:
            return None, char
        entity = self.entity_at(char, end)
        # `kata kuasa hukum Rina, Joni Sitorus`: a role phrase, then the person in apposition.
        if stop is not None and self.text[end] == "," and (entity is None or entity.label_ != "PER"
                                                           or (first_word and first_word.group(1).islower())):
            apposition = re.match(r",\s*", self.text[end:limit])
            following = self.entity_at(end, limit, labels=("PER",))
            between = INITIALS.sub(" ", " " + self.text[end + apposition.end():following.start_char]) \
                if following is not None and apposition is not None else ""
            if following is not None and apposition is not None and (
                    not between.strip() or  # `, R. Soes Hindharno`: an initial the model left out of the name
                    titles_only().fullmatch(between)):  # `, AKBP Hendra Wijaya`: a rank first
                return following, None
        if entity is None or entity.label_ != "PER":
            holder = self._holder_after_long_title(char, limit)
            if holder is not None:
                return holder, None
        described = self.epithet(char + (first_word.start(1) if first_word else 0), end)
        if described is not None:  # `kata pria asal Argentina itu`, `kata seorang sumber`
            return None, (described[1] if described[0] == "person" else None)
        if entity is not None:
            return self.name_in_chain(entity), None
        words = self.text[char:end].strip()
        if words and words[0].isupper():
            return self.person_with_role(words, char), None
        return None, None

    def _holder_after_long_title(self, char: int, limit: int) -> Span | None:
        """`kata Deputi Bidang Protokol, Pers dan Media (PPM) Sekretariat Presiden Bey Machmudin`: a title
        after the cue that runs on through commas, `dan` and an acronym in parentheses to the person who holds
        it. Only capitalised words, those joiners and punctuation may stand between the cue and the name."""
        opening = re.match(r"\s*([A-Z][\w-]*)", self.text[char:limit])
        if opening is None or opening.group(1).lower() not in gazetteer.title_starts():
            return None
        following = self.entity_at(char, limit, labels=("PER",))
        if following is None:
            return None
        between = self.text[char:following.start_char]
        return following if LONG_TITLE.fullmatch(between) else None

    def subject_before(self, sentence_start: int, char: int) -> tuple[Span | None, int | None]:
        """The subject of a clause: the first person (else organisation or
        place) between the sentence start and `char`, or a pronoun (returned
        as the offset to resolve it at)."""
        segment = self.text[sentence_start:char]
        subordinate = SUBORDINATE.match(segment)
        if subordinate and "," in segment[subordinate.end():]:
            # "Saat mengantar pemimpin Korea Utara ..., Putin memberikan ...": the
            # subject follows the subordinate clause; but in `Sementara Yandi, yang ...,
            # menjelaskan` the part before the comma is a name: the subject itself.
            skip = segment.index(",", subordinate.end()) + 1
            clause = (sentence_start + subordinate.end(), sentence_start + skip - 1)
            named = self.entity_at(*clause, labels=("PER",))
            if named is None or self.text[clause[0]:clause[1]].strip() != named.text:
                sentence_start, segment = sentence_start + skip, segment[skip:]
        dateline = DATELINE.match(segment)
        if dateline:
            sentence_start, segment = sentence_start + dateline.end(), segment[dateline.end():]
        opener = SUBJECT_PRONOUN.match(segment)
        if opener and opener.group("word").lower() in PRONOUNS:
            return None, sentence_start + opener.start("word")
        own = self.own_subject(sentence_start, char)
        if own is not None:
            return own
        candidates = [e for e in self.ents if sentence_start <= e.start_char and e.end_char <= char
                      and not self.inside_quote(e.start_char)]
        people = [e for e in candidates if e.label_ == "PER"]
        if people:
            return self.name_in_chain(people[0]), None
        others = [e for e in candidates if e.label_ in ("ORG", "LOC", "GPE")]
        return (others[0] if others else None), None

    def own_subject(self, start: int, char: int) -> tuple[Span | None, int | None] | None:
        """The subject of the cue's own clause, read back from the cue one comma-piece at a time: `..., namun
        pemerintah Indonesia meminta` (Indonesia), `Kuasa hukum Rina, Joni Sitorus mengatakan` (Joni),
        `Kepada wartawan, dia mengatakan` (the pronoun). Pieces that are adjuncts or relative clauses
        (`dalam jumpa pers ...`, `yang juga ...`) are passed over; None when no piece names anyone."""
        pieces, end = [], char
        for comma in reversed([m.start() for m in re.finditer(r"[,;](?!\d)", self.text[start:char])]):
            pieces.append((start + comma + 1, end))
            end = start + comma
        pieces.append((start, end))
        for index, (piece_start, piece_end) in enumerate(pieces):
            piece = self.text[piece_start:piece_end]
            if not piece.strip():
                continue
            # `..., setelah pihak perusahaan mengklaim`: a subordinate clause has its own subject, inside it
            subordinate = CLAUSE_SUBORDINATE.match(piece) if index == 0 else None
            if subordinate is not None:
                piece_start, piece = piece_start + subordinate.end(), piece[subordinate.end():]
            pronoun = OWN_PRONOUN.fullmatch(piece)
            if pronoun:
                return None, piece_start + pronoun.start("word")
            if index > 0 and ADJUNCT_PIECE.match(piece):
                continue
            opening = piece_start + SUBJECT_LEAD.match(piece).end()  # type: ignore[union-attr]
            described = self.epithet(opening, piece_end, initial=self.text[opening:opening + 1].isupper())
            if described is not None:  # `Pria asal Argentina itu mengatakan`, `Seorang saksi mengatakan`
                return None, (described[1] if described[0] == "person" else None)
            # `Panitia penjemputan yang akan menyambut Rizieq masih meyakini`: a name in a relative clause
            # after the subject's head noun is not the subject.
            relative = re.search(r"\s\byang\b", self.text[opening:piece_end]) \
                if self.text[opening:opening + 1].isalpha() else None
            own_end = opening + relative.start() \
                if relative and self.text[opening:opening + relative.start()].strip() else piece_end
            inside = [e for e in self.ents if piece_start <= e.start_char and e.end_char <= own_end
                      and not self.inside_quote(e.start_char)]
            if not inside and own_end < piece_end:
                body = self._body_named_like(opening, own_end)
                return body, None  # nobody named, rather than the name in the relative clause
            people = [e for e in inside if e.label_ == "PER"]
            named = [e for e in people if (e.start_char, e.end_char) not in self.roles]
            others = [e for e in inside if e.label_ in ("ORG", "LOC", "GPE")]
            if inside:
                apposed = self._apposed_person(piece_start, pieces[index + 1:index + 2])
                if apposed is not None:  # `Budi Santoso, Ketua RT setempat, mengatakan`
                    return apposed, None
            if named:
                return self._first_conjunct(named[0], pieces[index:]), None  # `Wakil Presiden Jusuf Kalla`
            if people:
                # `Menkumham mengatakan`: the person who holds the title in this article, if known.
                return self.person_with_role(people[0].text, piece_start) or people[0], None
            if others:
                return self._first_conjunct(others[0], pieces[index:]), None
            if index == 0 and (unit := self._police_meant(opening, piece_end)) is not None:
                return unit, None  # `Polisi sebelumnya menyatakan ...`: the police unit the story named
            if index == 0 and (body := self._body_by_noun(opening, piece_end)) is not None:
                return body, None  # `Petugas juga mengimbau` after `petugas PPIH`
            if index == 0:
                # `Menag juga menyebut`: a title standing for the person who holds it.
                title = re.match(r"\s*(?:(?:namun|sementara|selain\s+itu|kemudian|lalu)\s+)?([A-Z][\w-]*)\b",
                                 piece)
                holder = self.person_with_role(title.group(1), piece_start) if title else None
                if holder is not None:
                    return holder, None
            if subordinate is not None:
                return None, None  # nobody named in the clause, rather than a name before the subordinator
            return None
        return None

    def _apposed_after(self, start: int, limit: int) -> tuple[Span, int] | None:
        """`Menurut Kepala Dinas ..., Rita Verita, jumlah kasus ...`: the person set off by commas right after
        a role phrase, and where the clause after that apposition starts."""
        person = self.entity_at(start, limit, labels=("PER",))
        if person is None or (person.start_char, person.end_char) in self.roles or not (
                person.start_char == start or self._is_title(self.text[start:person.start_char].strip())):
            return None
        comma = re.match(r"\s*,\s*", self.text[person.end_char:limit])
        return (self.name_in_chain(person), person.end_char + comma.end()) if comma else None

    def _body_by_noun(self, start: int, end: int) -> Span | None:
        """`Petugas juga mengimbau ...` after `petugas PPIH melakukan ...`, `pihak maskapai menyampaikan` after
        `maskapai Emirates`: a bare common noun as subject (after `pihak`) stands for the body the article
        named with that noun before, the latest such. A title (`Hakim menilai`) is someone unnamed."""
        words = re.findall(r"[\w-]+", self.text[start:end])
        if words[:1] and words[0].lower() == "pihak":
            words = words[1:]
        if not words or not words[0].isalpha() or any(w[0].isupper() for w in words[1:]):
            return None
        noun = words[0].lower()
        if noun in NOT_NOUNS or noun in PRONOUNS or noun in STATEMENT_ANAPHORS or noun in not_speech()["source"] \
                or noun in gazetteer.role_forms():
            return None  # `Hakim menilai ...`: a person's title, not a body's member
        starts = {e.start_char: e for e in self.ents if e.label_ in ("ORG", "PER") and e.end_char <= start
                  and (e.start_char, e.end_char) not in self.roles}
        named = None
        for match in re.finditer(rf"\b{re.escape(noun)}[^\S\n]+", self.text[:start], re.IGNORECASE):
            named = starts.get(match.end(), named)
        return named

    def _body_named_like(self, start: int, end: int) -> Span | None:
        """`Panitia penjemputan` for `Panitia Penjemputan Imam Besar (PPIB)` named elsewhere in the article:
        a common-noun subject of two words or more that opens the name of one of the article's bodies."""
        phrase = " ".join(re.findall(r"[\w-]+", self.text[start:end])).lower()
        if len(phrase.split()) < 2:
            return None
        bodies = [e for e in self.ents if e.label_ == "ORG" and e.text.lower().startswith(phrase + " ")]
        return bodies[0] if len({e._.entity_id for e in bodies}) == 1 else None

    def _apposed_person(self, piece_start: int, earlier: list[tuple[int, int]]) -> Span | None:
        """`Budi Santoso, Ketua RT setempat, mengatakan ...`: a role phrase set off by commas after a
        name describes that person; the name, not the body in the role, is the subject."""
        title = re.match(r"\s*([A-Z][\w-]*)(\s+[A-Z][\w-]*)?", self.text[piece_start:])
        if not earlier or title is None or not (self._is_title(title.group(1))
                                                or self._is_title(title.group(1) + (title.group(2) or ""))):
            return None
        start, end = earlier[0]
        inside = [e for e in self.ents if start <= e.start_char and e.end_char <= end and e.label_ == "PER"]
        if len(inside) == 1 and not (self.text[start:inside[0].start_char] + self.text[inside[0].end_char:end]).strip():
            return inside[0]
        return None

    @staticmethod
    def _is_title(words: str) -> bool:
        return bool(titles_only().fullmatch(f" {words} "))

    def _police_meant(self, start: int, end: int) -> Span | None:
        """A bare `polisi` or `pihak kepolisian` as subject speaks for the police unit the story named
        before (`Polda Metro Jaya`), the same reading the event actors give it (warta.nlp.actors)."""
        from warta.nlp.actors import POLICE, police_unit_before

        words = re.findall(r"[\w-]+", self.text[start:end].lower())
        if words[:1] == ["pihak"]:
            words = words[1:]
        if not words or words[0] not in POLICE or words[0] == "aparat":
            return None
        token = self.doc.char_span(start, end, alignment_mode="expand")
        return police_unit_before(self.doc, token.start) if token is not None else None

    def _first_conjunct(self, entity: Span, pieces: list[tuple[int, int]]) -> Span:
        """`Dias Angga, Taufiq dan Yandi mengaku ...`, `baik Sugito, FPI maupun simpatisan mendesak ...`: of
        subjects listed with commas the first speaks for them all. `pieces` are the comma pieces from
        `entity`'s own back to the sentence start; while `entity` opens its piece, each earlier piece that
        is one name and list words (`baik`, `dan`) moves the subject back to that name."""
        current = self.name_in_chain(entity) if entity.label_ == "PER" else entity
        opening = pieces[0][0]
        for piece_start, piece_end in pieces[1:]:
            # Other names may stand before `entity` in its piece (`Dias, Taufiq dan Yandi`, whatever the
            # model made of `Taufiq`); any other word means no list (`..., namun FPI mendesak`).
            if any(word.lower() not in LIST_WORDS for word in self._unnamed(opening, current.start_char).split()):
                break
            inside = [e for e in self.ents if piece_start <= e.start_char and e.end_char <= piece_end
                      and e.label_ in ("PER", "ORG")]
            if len(inside) != 1:
                break
            around = self.text[piece_start:inside[0].start_char] + " " + self.text[inside[0].end_char:piece_end]
            if any(word.lower() not in LIST_WORDS for word in around.split()):
                break
            current, opening = inside[0], piece_start
        return current

    def _unnamed(self, start: int, end: int) -> str:
        """The text in [start, end) with the entities in it blanked out."""
        chars = list(self.text[start:end])
        for e in self.ents:
            if start <= e.start_char and e.end_char <= end:
                chars[e.start_char - start:e.end_char - start] = " " * (e.end_char - e.start_char)
        return "".join(chars)

    def via_after(self, char: int, sentence_end: int) -> Span | None:
        match = _patterns()["relay"].search(self.text, char, sentence_end)
        if not match:
            return None
        return self.entity_at(match.end(), sentence_end, labels=("ORG",))

    # -- the finders ---------------------------------------------------------

    def find(self) -> list[Quote]:
        found: list[_Found] = []
        found += self.headline()
        direct, partial = self.quotations()
        found += direct
        found += self.indirect(found)
        found = self._resolve(found)
        found += self.partials(partial, found)
        # A title is read by `headline` alone (`Ulasan Buku 'Laut Bercerita': ...` reports nothing).
        title_end = self.text.find("\n")
        found = [f for f in found if f.kind in ("headline", "partial") or title_end < 0 or f.start > title_end]
        headlines = [f for f in found if f.kind == "headline"]
        found = [f for f in found if f.kind == "headline" or  # `Puan: "DPR Terbuka"` is one headline quote
                 not any(min(f.end, h.end) - max(f.start, h.start) >= (h.end - h.start) / 2 for h in headlines)]
        quotes = [_quote(self.text, f) for f in found]
        quotes.sort(key=lambda q: (q.start, q.end))
        return _dedupe(quotes)

    def _resolve(self, found: list[_Found]) -> list[_Found]:
        """Pronoun speakers, in reading order: each named speaker becomes the
        passage's salient person for the pronouns after it."""
        found = sorted(found, key=lambda f: f.at)
        for f in found:
            if f.speaker is None and f.pronoun_at is not None:
                f.speaker = self.salient_before(f.pronoun_at)
                if f.speaker is not None and f.kind == "direct" and self.named_in(f.speaker, f.start, f.end):
                    f.speaker = self.other_speaker(f.speaker, f.start, f.end, f.pronoun_at)
            if f.speaker is not None and f.speaker.label_ == "PER" and f.kind != "headline":
                self.speakers.append((f.at, f.speaker))
        return self._carried_on(self._continuations(found))

    def _carried_on(self, found: list[_Found]) -> list[_Found]:
        """A whole quoted sentence with no cue of its own goes on with the speaker of the quote just before it,
        in its own paragraph or the one before (`"...," kata Ani. "..."` / a next paragraph in quotation
        marks)."""
        last: _Found | None = None
        for f in found:
            if f.kind == "direct" and f.cue is None and f.speaker is None and last is not None and \
                    not self._paragraph_between(last.end, f.start):
                f.speaker, f.via = last.speaker, last.via
            if f.speaker is not None and f.kind in ("direct", "indirect"):
                last = f
        return found

    def _paragraph_between(self, start: int, end: int) -> bool:
        """Is there a whole paragraph of the story between `start` and `end`? A link to another story
        (`SIMAK JUGA: ...`) left in the text by a site is none: the quote around it goes on."""
        between = self.text[start:end].split("\n\n")[1:-1]
        return any(p.strip() and not is_boilerplate(p) for p in between)

    def headline(self) -> list[_Found]:
        """Attributions in a title: `X: claim`, `Claim: X`, `Claim, Kata X` and `X Sebut/Minta/Tegaskan claim`.
        A colon after a label (`Live:`, `Jadwal Lengkap:`) attributes nothing."""
        title_end = self.text.find("\n")
        title_end = len(self.text) if title_end < 0 else title_end
        title = self.text[:title_end]
        if not title.strip():
            return []
        found = self._title_colon(title) or self._title_kata(title) or self._title_verb(title)
        if found is None:
            return []
        (claim_start, claim_end), (who_start, who_end), cue = found
        speaker = self.title_speaker(who_start, who_end, title_end)
        if speaker is None and cue is None:
            return []  # a colon with nobody named on either side attributes nothing
        claim_start, claim_end = _strip(self.text, claim_start, claim_end)
        out = [_Found(claim_start, claim_end, "headline", speaker, cue, None, None)]
        for q in _single_quotations(title[claim_start:claim_end]):  # `Tentara 'berani' bergabung ...: Putin`
            out.append(_Found(claim_start + q[0], claim_start + q[1], "partial", speaker, None, None, None))
        return out

    def _title_colon(self, title: str):
        colon = re.search(r":\s+", title)
        if colon is None or self.inside_quote(colon.start()):
            return None
        left, right = (0, colon.start()), (colon.end(), len(title))
        first = re.match(r"\s*([\w-]+)", title)
        if first is None or first.group(1).lower() in not_speech()["label"]:
            return None
        def short(span):
            words = title[span[0]:span[1]].split()
            return 1 <= len(words) <= TITLE_SPEAKER_WORDS and not re.search(r"\d|\bvs\b|['‘\"“]",
                                                                          title[span[0]:span[1]])
        def words(span):
            return len(title[span[0]:span[1]].split())
        if short(right) and (not short(left) or words(right) < words(left)):
            return left, right, None  # `Stok Beras Aman hingga Lebaran: Bulog`
        if short(left):
            return right, left, None  # `Menkeu: Defisit APBN Masih Aman`
        return None

    def _title_kata(self, title: str):
        kata = re.search(r",\s*(?P<cue>kata|ujar|ucap|tutur|menurut)\s+(?=\S)", title, re.IGNORECASE)
        if kata is None:
            return None
        return (0, kata.start()), (kata.end(), len(title)), kata.group("cue").lower()

    def _title_verb(self, title: str):
        verbs = [c.text for c in cues() if c.position == "headline"]
        if not verbs:
            return None
        verb = re.search(rf"\s(?P<cue>{'|'.join(re.escape(v) for v in verbs)})\s+(?=\S)", title)
        if verb is None or len(title[:verb.start()].split()) > TITLE_SPEAKER_WORDS:
            return None
        if not title[:1].isupper():
            return None
        return (verb.end(), len(title)), (0, verb.start()), verb.group("cue").lower()

    def title_speaker(self, start: int, end: int, title_end: int) -> Span | None:
        """Who a title names as its speaker: a name, the person holding a title the body names (`Menkeu`),
        else, for a bare role word (`Analis`, `Ketua KPU`), the person the body's first sentence is about."""
        inside = [e for e in self.ents if start <= e.start_char and e.end_char <= end]
        named = [e for e in inside if (e.start_char, e.end_char) not in self.roles and e.label_ in
                 ("PER", "ORG", "LOC", "GPE")]
        people = [e for e in named if e.label_ == "PER"]
        words = self.text[start:end].strip()
        if people:
            return people[0]
        if named and named[0].start_char > start:
            # `Ketua KPU`: a title before the body's name stands for whoever holds it.
            holder = self.person_with_role(words, title_end + 1)
            if holder is not None:
                return holder
        if named:
            return named[0]
        # A name the model ran on into the verb (`Puan Minta Pemerintah`): the body's entity with that name.
        last = re.findall(r"[A-Z][\w-]*", words)
        if last and any(start <= e.start_char < end < e.end_char for e in self.ents):
            body = [e for e in self.ents if e.start_char > title_end and e.label_ in ("PER", "ORG")
                    and (e.start_char, e.end_char) not in self.roles and last[-1] in e.text.split()]
            if body:
                return body[0]
        if not words or not words[0].isupper():
            return None
        holder = self.person_with_role(words, title_end + 1)
        if holder is None and inside:
            holder = self.person_with_role(inside[0].text, title_end + 1)
        if holder is not None:
            return holder
        body = [entity for position, entity in self.salience if position > title_end]
        if body:
            return body[0]
        return inside[0] if inside and inside[0].label_ == "PER" else None  # `Kapolda`, whoever that is

    def quotations(self) -> tuple[list[_Found], list[_Span]]:
        patterns = _patterns()
        direct, leftovers = [], []
        pronoun_at: int | None
        for q in self.quoted:
            sentence_start, sentence_end = self.sentence_of(q.open_at)
            after_close = q.close_at + 1 if q.close_at >= 0 else q.end
            line_end = self.text.find("\n", after_close)
            line_end = len(self.text) if line_end < 0 else line_end
            after = patterns["after"].match(self.text, after_close, line_end)
            if after:
                cue = after.group("cue")
                cue_start = after.start("cue")
                if cue.lower().endswith("nya") or cue.lower().split()[-1] in PRONOUNS:
                    speaker, pronoun_at = None, q.open_at
                else:
                    speaker, pronoun_at = self.speaker_after(after.end("cue"), line_end)
                via = self.via_after(after.end(), max(sentence_end, line_end))
                direct.append(_Found(q.start, q.end, "direct", speaker, cue, cue_start, via, pronoun_at))
                continue
            inverted = patterns["inverted"].match(self.text, after_close, line_end) \
                if self.text[q.start:q.end].rstrip()[-1:] in ",!?" else None
            if inverted:
                if inverted.group("who").lower() in PRONOUNS:
                    speaker, pronoun_at = None, inverted.start("who")
                else:
                    speaker, pronoun_at = self.entity_at(inverted.start("who"), inverted.end("who")), None
                    speaker = self.name_in_chain(speaker) if speaker is not None else None
                via = self.via_after(inverted.end(), max(sentence_end, line_end))
                direct.append(_Found(q.start, q.end, "direct", speaker, inverted.group("cue"), inverted.start("cue"),
                                     via, pronoun_at))
                continue
            line_start = self.text.rfind("\n", 0, q.open_at) + 1
            before_text = self.text[line_start:q.open_at]
            before = patterns["before"].search(before_text)
            menurut = patterns["menurut"].search(before_text)
            if before:
                cue_start = line_start + before.start("cue")
                speaker, pronoun_at = self.subject_before(max(sentence_start, line_start), cue_start)
                via = self.via_after(q.end, max(sentence_end, line_end))
                direct.append(_Found(q.start, q.end, "direct", speaker, before.group("cue"), cue_start, via,
                                     pronoun_at))
            elif menurut:
                who_start, who_end = line_start + menurut.start("who"), line_start + menurut.end("who")
                described = self.epithet(who_start, who_end)
                speaker = self.entity_at(who_start, who_end) if described is None else None
                direct.append(_Found(q.start, q.end, "direct", speaker, "menurut", line_start + menurut.start(), None,
                                     who_start if described is not None and described[0] == "person" else None))
            elif not self.titled(q) and self.text[q.start:q.end].strip()[:1].isupper() and \
                    len(self.text[q.start:q.end].split()) >= 4 \
                    and self.text[q.start:q.end].rstrip()[-1:] in ".!?,":
                # A whole quoted sentence with no cue: a quote, speaker unknown
                # unless it continues a quotation from the paragraph before.
                direct.append(_Found(q.start, q.end, "direct", None, None, None, None))
            else:
                leftovers.append(q)
        return direct, leftovers

    def _continuations(self, found: list[_Found]) -> list[_Found]:
        """A multi-paragraph quotation takes its speaker from its last paragraph."""
        out = list(found)
        for i in range(len(out) - 2, -1, -1):
            quote, following = out[i], out[i + 1]
            if quote.kind != "direct" or following.kind != "direct":
                continue
            between = self.text[quote.end:following.start]
            if quote.speaker is None and quote.cue is None and "\n" in between and \
                    between.strip(' "“”\n,.') == "" and following.speaker is not None:
                out[i] = _Found(quote.start, quote.end, quote.kind, following.speaker, following.cue,
                                following.cue_start, following.via)
        return out

    def indirect(self, found: list[_Found]) -> list[_Found]:
        """Unquoted reported speech, sentence by sentence: a cue before the
        clause (with or without `bahwa`, a comma or a colon), a cue after it
        (`..., kata dia.`), `Menurut X, ...` and passive openers (`Ditambahkan, ...`)."""
        taken = [(f.start, f.end) for f in found]
        out = []
        for sentence_start, sentence_end in self.sentences:
            if self.inside_quote(sentence_start):
                continue
            for f in self._sentence_indirect(sentence_start, sentence_end):
                if not any(s < f.end and f.start < e for s, e in taken) and \
                        len(self.text[f.start:f.end].split()) >= CLAUSE_MIN_WORDS:
                    out.append(f)
                    taken.append((f.start, f.end))
        return out

    def _sentence_indirect(self, sentence_start: int, sentence_end: int) -> list[_Found]:
        patterns = _patterns()
        text = self.text
        sentence = text[sentence_start:sentence_end]
        out = []
        pronoun_at: int | None
        # Cue after the clause or in the middle of it: `..., kata dia.` / `Dari sisi lain, lanjut dia, ...`
        for match in patterns["after_clause"].finditer(sentence):
            cue_start = sentence_start + match.start("cue")
            cue_end = sentence_start + match.end("cue")
            if self.inside_quote(cue_start) or text[sentence_start + match.start() - 1:
                                                     sentence_start + match.start()] in '"”':
                continue
            cue = match.group("cue")
            if cue.lower().endswith("nya") or cue.lower().split()[-1] in PRONOUNS:
                speaker, pronoun_at, who_end = None, cue_start, cue_end
            else:
                who = re.match(r"\s+(?:(?:(?!(?:di|ke|dari|bagi|untuk|dengan|pada|dalam|oleh|dan|yang|akan|sudah|"
                               r"telah|juga|tidak|ini|itu)\b)[a-z]+\s+){0,3}[A-Z]\w*|ia|dia|beliau)\b",
                               text[cue_end:sentence_end])
                if who is None:
                    continue
                speaker, pronoun_at = self.speaker_after(cue_end, sentence_end)
                who_end = cue_end + who.end()
            before_start = sentence_start
            before = text[before_start:sentence_start + match.start()]
            if speaker is not None and cue_end <= speaker.start_char <= who_end + 60 \
                    and speaker.end_char <= sentence_end:
                who_end = max(who_end, speaker.end_char)
            rest = re.match(r"\s*,\s*", text[who_end:sentence_end])
            # The clause goes on after the cue and its speaker: `Jika ..., kata Atmo, tidak mengganggu ...` /
            # `Indonesia ..., kata Wiranto berusaha menjaga ...`: what was said is what follows.
            goes_on = re.match(r"\s*(?:,\s*)?(?P<word>[a-z][\w-]*)", text[who_end:sentence_end])
            goes_on = goes_on if goes_on and goes_on.group("word") not in NOT_CLAUSE_START and \
                len(text[who_end:sentence_end].split()) >= CLAUSE_MIN_WORDS else None
            if goes_on and (rest is None or SUBORDINATE.match(before) or len(before.split()) < 5):
                start = who_end + goes_on.start("word")
                start, end = start, _clause_end(text, start, sentence_end)
            elif len(before.split()) >= 5 or rest is None:
                start, end = before_start, sentence_start + match.start()
            else:
                start, end = who_end + rest.end(), _clause_end(text, who_end + rest.end(), sentence_end)
            out.append(_Found(start, end, "indirect", speaker, cue, cue_start, None, pronoun_at))
        # Cue before the clause.
        matches = [m for m in patterns["clause"].finditer(sentence)
                   if not self.inside_quote(sentence_start + m.start())
                   and not NOT_REPORTING_AFTER.search(sentence[:m.start()])]
        clauses: list[tuple[re.Match[str], int]] = []  # (match, where its reported clause starts)
        for match in matches:
            start = _matched_end(ADJUNCT, text, sentence_start + match.end())
            if text[start:start + 1] in '"“' or text[start:start + 1] in ".;!?":
                continue  # a direct quote (found above) or nothing reported
            if clauses and _embedded(text, clauses[-1][1], sentence_start + match.start()):
                continue  # `mengatakan Polda meminta sidang ditunda`: the request is part of what was said
            punctuated = re.search(r"[,:]|\bbahwa\b", text[sentence_start + match.end():start], re.IGNORECASE)
            if not punctuated and match.group("cue").lower() in not_speech()["verb"] and \
                    _plain_object(text[start:sentence_end]):
                # `menyampaikan tanggapan atas laporan itu`: an object, not what was said; unless
                # `bahwa` follows the object (`menyampaikan pendapatnya bahwa ...`).
                that = re.match(r"[^,;:.\"“]{0,80}?\bbahwa\s+", text[start:sentence_end], re.IGNORECASE)
                if that is None:
                    continue
                start += that.end()
            clauses.append((match, start))
        for index, (match, start) in enumerate(clauses):
            cue_start = sentence_start + match.start("cue")
            limit = sentence_start + clauses[index + 1][0].start() if index + 1 < len(clauses) else sentence_end
            end = _clause_end(text, start, limit)
            end = start + len(re.sub(r"(?:\s*,|\s+(?:dan|serta|sekaligus))+\s*$", "", text[start:end]))
            speaker, pronoun_at = self.subject_before(sentence_start, cue_start)
            if speaker is None and pronoun_at is None and SAME_SPEAKER.search(text[sentence_start:cue_start]):
                pronoun_at = cue_start  # `"...," sebutnya, sembari menambahkan ...`: the quote's speaker goes on
            out.append(_Found(start, end, "indirect", speaker, match.group("cue"), cue_start,
                              self.via_after(start, sentence_end), pronoun_at))
        # `Menurut X, ...`, `Menurutnya, ...`
        for match in patterns["menurut_clause"].finditer(sentence):
            rest_start = sentence_start + match.end()
            cue_group = "nya" if match.group("nya") else "cue"
            cue_at = sentence_start + match.start(cue_group)
            if self.inside_quote(cue_at) or text[rest_start:rest_start + 1] in '"“':
                continue
            named = match.group("who")
            if named and named.split()[0].lower() in not_speech()["source"]:
                continue  # `Menurut jadwal, ...`: a document or plan, not a speaker
            speaker, pronoun_at = None, None
            described = self.epithet(sentence_start + match.start("who"), sentence_start + match.end("who")) \
                if named else None
            if cue_group == "nya" or (named and named.split()[0].lower() in PRONOUNS):
                pronoun_at = cue_at
            elif described is not None:  # `Menurut ibunda artis itu, ...`
                pronoun_at = cue_at if described[0] == "person" else None
            elif named:
                speaker = self.entity_at(sentence_start + match.start("who"), sentence_start + match.end("who"))
                apposed = self._apposed_after(rest_start, sentence_end) \
                    if speaker is None or speaker.label_ != "PER" else None
                if apposed is not None:  # `Menurut Kepala Dinas Kesehatan Kota Bandung, Rita Verita, ...`
                    speaker, rest_start = apposed
            end = _clause_end(text, rest_start, sentence_end)
            out.append(_Found(rest_start, end, "indirect", speaker, match.group(cue_group), cue_at, None, pronoun_at))
        # Passive openers: `Ditambahkan, ...` speaks for the passage's speaker.
        opener = patterns["opener"].match(sentence)
        if opener:
            rest_start = sentence_start + opener.end()
            agent = self.entity_at(sentence_start + opener.start("who"), sentence_start + opener.end("who")) \
                if opener.group("who") else None
            out.append(_Found(rest_start, _clause_end(text, rest_start, sentence_end), "indirect", agent,
                              opener.group("cue"), sentence_start + opener.start("cue"), None,
                              None if agent is not None else sentence_start + opener.start("cue")))
        return out + self._passive_agents(sentence_start, sentence_end)

    def _passive_agents(self, sentence_start: int, sentence_end: int) -> list[_Found]:
        """`Kasus itu disebut Wiranto sudah selesai.`: a passive reporting verb with its agent inside the
        statement makes the whole sentence the agent's, when the agent is a person or a body the article
        knows (`disebut Kota Hujan` names, it reports nothing)."""
        out = []
        for match in _patterns()["passive"].finditer(self.text, sentence_start, sentence_end):
            framing = re.findall(r"[\w-]+", self.text[sentence_start:match.start("cue")].lower())
            if self.inside_quote(match.start("cue")) or all(word in STATEMENT_ANAPHORS for word in framing):
                continue  # `Hal itu disampaikan Agus ...`: it points back at a statement, makes none
            agent = self.entity_at(match.start("who"), match.end("who"), labels=("PER", "ORG"))
            if agent is None or agent.start_char != match.start("who"):
                agent = self.person_with_role(match.group("who").split()[0], match.start())
            if agent is None:
                continue
            start, end = _strip(self.text, sentence_start, sentence_end)
            out.append(_Found(start, end, "indirect", self.name_in_chain(agent) if agent.label_ == "PER" else agent,
                              match.group("cue"), match.start("cue"), None))
            break
        return out

    def titled(self, q: _Span) -> bool:
        """A title of a work, a slogan or a theme: the quotation follows `film`, `berjudul`, `slogan` ..."""
        before = re.search(r"([\w-]+)\s*$", self.text[max(0, q.open_at - 40):q.open_at])
        return before is not None and before.group(1).lower() in not_speech()["title"]

    def cued(self, q: _Span) -> bool:
        """A short quotation someone is reported to have said: a cue among the few words before it
        (`menyebut kebijakan itu "ngawur"`, `disebut "..."`) or right after it (`"Siap!" kata dia`)."""
        words = re.findall(r"[\w-]+", self.text[max(0, q.open_at - 60):q.open_at])[-4:]
        known = {c.text.lower() for c in cues() if c.position != "headline"} | not_speech()["naming"]
        close = q.close_at + 1 if q.close_at >= 0 else q.end
        after = _patterns()["after"].match(self.text, close)
        return after is not None or any(w.lower() in known for w in words)

    def partials(self, spans: list[_Span], found: list[_Found]) -> list[_Found]:
        out = []
        for q in spans:
            content = self.text[q.start:q.end]
            if len(content.split()) > PARTIAL_MAX_WORDS or _is_name(content) or self.titled(q):
                continue
            sentence_start, sentence_end = self.sentence_of(q.open_at)
            speaker_quote = next((f for f in found if f.kind in ("direct", "indirect") and f.speaker is not None
                                  and (sentence_start <= f.start < sentence_end or f.start <= q.start < f.end)), None)
            if len(content.split()) <= SCARE_MAX_WORDS and speaker_quote is None and not self.cued(q):
                continue  # `tidak mau "main-main"` with no cue in the sentence: scare quotes, not someone's words
            if speaker_quote is not None:
                out.append(_Found(q.start, q.end, "partial", speaker_quote.speaker, speaker_quote.cue,
                                  speaker_quote.cue_start, speaker_quote.via))
                continue
            speaker, pronoun_at = self.subject_before(sentence_start, q.open_at)
            if speaker is None and pronoun_at is not None:
                speaker = self.salient_before(pronoun_at)
            if speaker is not None and speaker.label_ == "PER":
                out.append(_Found(q.start, q.end, "partial", speaker, None, None, None))
        return out


def _quote(text: str, found: _Found) -> Quote:
    start, end = _strip(text, found.start, found.end)
    speaker, via = found.speaker, found.via
    return Quote(start, end, text[start:end], found.kind,
                 speaker._.entity_id if speaker is not None else None,
                 speaker._.canonical if speaker is not None else None,
                 found.cue.lower() if found.cue else None, found.cue_start,
                 via._.entity_id if via is not None else None,
                 via._.canonical if via is not None else None)


def _title_key(title: str) -> str:
    """One spelling for every way of writing a title (lexicons/roles.tsv): `Menkumham` and `Menteri Hukum
    dan HAM` both give `menteri hukum dan hak asasi manusia`; text that is no title gives itself, lower case."""
    role = gazetteer.role_forms().get(title.lower())
    return role.title.lower() if role is not None else title.lower()


def _last_before(found: list[tuple[int, Span]], char: int) -> tuple[int, Span] | None:
    """The latest (position, entity) before `char`."""
    before = [item for item in found if item[0] < char]
    return max(before, key=lambda item: item[0]) if before else None


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \n\"“”":
        start += 1
    while end > start and text[end - 1] in " \n,\"“”":
        end -= 1
    return start, end


def _clause_end(text: str, start: int, sentence_end: int) -> int:
    """End of a reported clause: before the sentence's final punctuation or a
    following relay (`, seperti dikutip ...`)."""
    segment = text[start:sentence_end]
    relay = re.search(r",\s*(?:(?:seperti\s+)?(?:dikutip|dilansir|dilaporkan|mengutip)|seraya|sambil)\b|:\s*[\"“]",
                      segment, re.IGNORECASE)
    if relay:
        segment = segment[:relay.start()]
    segment = segment.rstrip()
    while segment and segment[-1] in ".!?,;":
        segment = segment[:-1]
    return start + len(segment)


def _matched_end(pattern: re.Pattern[str], text: str, pos: int) -> int:
    """Where `pattern`, which can match the empty string, ends when matched at `pos`."""
    match = pattern.match(text, pos)
    return match.end() if match is not None else pos


def _embedded(text: str, clause_start: int, cue_start: int) -> bool:
    """Whether a cue at `cue_start` stands inside the clause reported from `clause_start` (no comma, semicolon
    or colon between them, and no `dan`/`serta` joining a second report: `Budi mengatakan Ani meminta ...`)."""
    between = text[clause_start:cue_start]
    return cue_start > clause_start and not re.search(r"[,;:]", between) and \
        not re.search(r"\b(?:dan|serta|sekaligus|seraya|sambil|lalu|kemudian|namun|tetapi|tapi)\s+$", between,
                      re.IGNORECASE)


def _quotations(text: str) -> list[_Span]:
    """Double-quoted stretches, paragraph by paragraph, joining a quotation
    left open at a paragraph's end to the next paragraph that opens one."""
    spans: list[_Span] = []
    pending: int | None = None  # opening mark of a quotation continued from an earlier paragraph
    offset = 0
    for paragraph in text.split("\n\n"):
        marks = [(i, ch) for i, ch in enumerate(paragraph) if ch in '"“”']
        opened: int | None = None
        for index, (i, ch) in enumerate(marks):
            position = offset + i
            if opened is None:
                if ch == "”" and pending is None:
                    continue
                if pending is not None and index == 0 and i == 0:
                    opened = pending  # the continuation's opening mark repeats the quote
                    pending = None
                    continue
                opened = position
            else:
                if ch == "“":
                    continue  # stray nested opener
                spans.append(_Span(opened + 1, position, opened, position))
                opened = None
        pending = opened
        offset += len(paragraph) + 2
    return spans


def _single_quotations(text: str) -> list[tuple[int, int]]:
    return [(m.start(1), m.end(1)) for m in re.finditer(r"(?<!\w)['‘]([^'’\n]{1,80})['’](?!\w)", text)]


def _is_name(content: str) -> bool:
    """`Hari Kemenangan`, `Operasi Lilin`: a quoted proper name, not speech."""
    words = re.findall(r"[\w'-]+", content)
    return bool(words) and len(words) <= 5 and all(w[0].isupper() or w.isdigit() for w in words)


def _dedupe(quotes: list[Quote]) -> list[Quote]:
    seen, out = set(), []
    for quote in quotes:
        key = (quote.start, quote.end, quote.kind)
        if key not in seen and quote.end > quote.start:
            seen.add(key)
            out.append(quote)
    return out


@Language.component("warta_quotes", requires=["doc.ents", "doc.sents", "doc._.role_mentions"],
                    assigns=["doc._.quotes"])
def find_quotes(doc: Doc) -> Doc:
    doc._.quotes = QuoteFinder(doc).find()
    return doc
