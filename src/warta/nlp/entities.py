"""The `warta_entities` component: from raw NER spans to entities with identity.

It runs after the statistical `ner` and does what a model trained on a few
thousand sentences cannot:

1. **Gazetteers** add places and organisations the model missed, with the
   exact surface forms of `lexicons/` (`Korut`, `RIA Novosti`, `Pyongyang`).
   Where a gazetteer span and a model span overlap, the longer wins; on the
   very same span the gazetteer's label wins for known places and
   organisations. A place is `LOC` where the text names it as a place (`di
   Rusia`) and `GPE` where the state acts or qualifies (`Rusia menolak`,
   `Presiden Rusia`); both are mentions of one entity.
2. **Stop list**: capitalised sentence openers (`Pernyataan`, `Sebelumnya`)
   are never entities on their own.
3. **Document consistency**: a person named in full once (`Kim Jong-un`) is
   the same person when the text says `Kim` alone, and any other unlabelled
   occurrence of an entity's exact text gets the same label.
4. **Roles**: the title right before a person (`Presiden Rusia Vladimir
   Putin`, `Menteri Luar Negeri Jepang Takeshi Iwaya`) is attached to the
   mention as its role.
5. **Canonical names**: short forms point at the full name (`Putin` ->
   `Vladimir Putin`), a public figure's nickname at the full name
   (`Jokowi` -> `Joko Widodo`, `lexicons/people.tsv`), aliases at the
   gazetteer name (`Korut` -> `Korea Utara`);
   each span gets `span._.canonical` and a stable `span._.entity_id`.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import cache
from itertools import product
from types import SimpleNamespace

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from warta import lexicon
from warta.nlp import extensions, gazetteer
from warta.nlp.company_forms import form_end, without_forms
from warta.nlp.story_kind import Story
from warta.nlp.tokenizer import abbreviations as tokenizer_abbreviations
from warta.nlp.unit_areas import areas_before_ranks
from warta.vocabulary import ENTITY_LABELS

for _name, _default in (("canonical", None), ("entity_id", None), ("source", "model"), ("role", None),
                        ("role_start", None), ("attributes", None), ("role_title", None)):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=_default)
extensions.register("role_mentions")


@dataclass(frozen=True)
class RoleMention:
    """A title standing in for a person named elsewhere in the article
    (`Presiden Rusia meminta Kim ...` after `Presiden Rusia Vladimir Putin`).
    It overlaps place or organisation entities (`Rusia`), so it lives beside
    `doc.ents` rather than in it. Attribute names mirror a PER span's."""

    start_char: int
    end_char: int
    text: str
    entity_id: str
    canonical: str
    label_: str = "PER"

    @property
    def _(self):  # the same access path as spaCy extension attributes
        return SimpleNamespace(entity_id=self.entity_id, canonical=self.canonical, role=self.text,
                               role_title=None, source="role")

#: Labels the component emits. The model's labels are mapped onto these.
#: `LOC` is a place (`di Rusia`); `GPE` is a state named as a political actor
#: or attribute (`Rusia menolak`, `militer Israel`, `Presiden Rusia`), what
#: ACE calls a GPE mention in its organisation or population role.
LABELS = ENTITY_LABELS
LABEL_MAP = {"PERSON": "PER", "PPL": "PER", "PLACE": "LOC", "PLC": "LOC",
             "ORGANISATION": "ORG", "ORGANIZATION": "ORG", "IND": "ORG"}
#: Labels of mentions that name a place or a state: one entity either way.
PLACE_LABELS = ("LOC", "GPE")


def entity_id(label: str, name: str) -> str:
    """`PER`, `Vladimir Putin` -> `per:vladimir-putin` (stable across articles).

    A state named as a place and as an actor is one entity: `GPE` and `LOC`
    mentions of `Rusia` share `loc:rusia`.
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    kind = "loc" if label in PLACE_LABELS else label.lower()
    return f"{kind}:{slug or 'x'}"


def entity_kind(identifier: str | None) -> str:
    """`per:vladimir-putin` -> `per`: the kind `entity_id` put first (`per`, `org`, `loc`), or `` for none."""
    return identifier.split(":", 1)[0] if identifier and ":" in identifier else ""


class EntityResolver:
    def __init__(self, nlp: Language, name: str = "warta_entities"):
        self.name = name
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.surface_info: dict[str, tuple[str, str, dict]] = {}  # surface -> (label, canonical, attributes)
        patterns: dict[str, list[str]] = {"LOC": [], "ORG": [], "PER": []}
        for place in reversed(gazetteer.places()):  # best place last, so it wins the dict
            for surface in (place.name, *place.aliases):
                patterns["LOC"].append(surface)
                self.surface_info[surface] = ("LOC", place.name, {
                    "place_id": place.id, "kind": place.kind, "country": place.country,
                    "lat": place.lat, "lon": place.lon})
        for organization in gazetteer.organizations():
            for surface in (organization.name, *organization.aliases):
                patterns["ORG"].append(surface)
                self.surface_info[surface] = ("ORG", organization.name, {
                    "type": organization.type, "country": organization.country})
        #: A person's alias -> full name (`Jokowi` -> `Joko Widodo`).
        self.person_aliases = {alias: person.name for person in gazetteer.people() for alias in person.aliases}
        self.person_names = {person.name for person in gazetteer.people()}
        for person in gazetteer.people():  # the model misses nicknames and initials (`Setnov`, `AHY`)
            patterns["PER"].extend((person.name, *person.aliases))
        tokenizer = nlp.tokenizer
        for label, surfaces in patterns.items():
            unique = sorted(set(surfaces))
            self.matcher.add(label, [tokenizer(s) for s in unique])
        self.stop = gazetteer.stop_entities()
        #: First word -> (unit words, "parent" | "area"), longest first: `Dewan Kehormatan` before `Dewan`.
        self.units_by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for words, of in sorted(((tuple(row["unit"].split()), row["of"]) for row in lexicon.table("org_units.tsv")),
                                key=lambda unit: -len(unit[0])):
            self.units_by_first.setdefault(words[0], []).append((words, of))
        #: A city's name -> the one club named after it (`Barcelona` -> `FC Barcelona`), for a city that
        #: acts in a sports story (`_clubs`); a city with two clubs (`Manchester`) has none.
        clubs: dict[str, set[str]] = {}
        for organization in gazetteer.organizations():
            if organization.type != "NGO":
                continue
            for surface in (organization.name, *organization.aliases):
                for word in surface.split():
                    if self.surface_info.get(word, ("", "", {}))[2].get("kind") == "city":
                        clubs.setdefault(word, set()).add(organization.name)
        self.club_of_city = {city: next(iter(names)) for city, names in clubs.items() if len(names) == 1}
        #: First word -> (unit words, the unit spelled out): `Pemkab` -> `Pemerintah Kabupaten`.
        self.unit_full_forms: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for row in lexicon.table("org_units.tsv"):
            if row["full"]:
                self.unit_full_forms.setdefault(row["unit"].split()[0], []).append((tuple(row["unit"].split()),
                                                                                   row["full"]))
        self.roles = self._role_forms()
        #: Every word of every title, for cutting titles off person names.
        self.role_words = {word for form in self.roles for word in form.split()} - {"dan", "dari", "untuk", "bidang"}
        self.max_role_tokens = max((len(r.split()) for r in self.roles), default=1)
        self.title_starts = gazetteer.title_starts()

    @staticmethod
    def _role_forms() -> dict[str, tuple[str, bool]]:
        return {surface: (role.title, role.takes_country) for surface, role in gazetteer.role_forms().items()}

    # -- the component -----------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        spans = [self._without_title(doc, _without_opening_noun(doc, s))
                 for s in (self._relabel(span) for span in doc.ents) if s is not None]
        # `Pilkada DKI`, `UU RI`, `Premier League`: no entity (the gazetteer finds the place in it)
        spans = [s for s in spans if s[0].lower_ not in _ELECTION_WORDS and s[0].lower_ not in _NOT_ENTITY_HEADS
                 and not _opening_verb(s)]
        gazetteer_spans = self._gazetteer_spans(doc)
        # Organisations, states and regions found by the gazetteer; a city name
        # inside a person's span is more likely a first name (Vladimir Putin).
        known = {i for g in gazetteer_spans
                 if g.label_ == "ORG"
                 or self.surface_info.get(g.text, ("", "", {}))[2].get("kind") in ("country", "region")
                 for i in range(g.start, g.end)}
        cities = {i for g in gazetteer_spans if g.label_ != "PER" for i in range(g.start, g.end)} - known
        organisations = {i for g in gazetteer_spans if g.label_ == "ORG" for i in range(g.start, g.end)}
        spans = [t for s in spans for t in self._trim_person(doc, s, known, cities, organisations)]
        occupied = {i for g in [*gazetteer_spans, *spans] if g.label_ != "PER" for i in range(g.start, g.end)}
        spans = [self._extend_person(doc, s, occupied) for s in spans]
        model_labels = {i: m.label_ for m in spans for i in range(m.start, m.end)}  # token -> the model's label
        known_names = gazetteer_spans
        gazetteer_spans = [g for g in gazetteer_spans if not self._inside_other_name(doc, g, model_labels)]
        spans = self._merge(spans, self._state_use(doc, gazetteer_spans, spans))
        spans = _with_company_forms(doc, spans)
        spans = _acronyms_inside_names(doc, spans)
        spans = _bodies_with_their_area(doc, spans)
        spans = self._bodies_named_with_and(doc, spans)
        spans = self._bodies_of_another_state(doc, spans)
        spans = self._organisation_units(doc, spans)
        spans = [s for s in spans if not self._is_stop(s)]
        spans = _outlets_after_cues(doc, spans)
        spans = self._companies_closed_by_their_word(doc, spans)
        spans = self._first_names_cut_off(doc, spans)
        spans = self._names_after_titles(doc, spans)
        spans = self._holders_apposed_late(doc, spans)
        spans = self._holders_after_bodies(doc, spans)
        spans = self._holders_glued_to_bodies(doc, spans)
        spans = _areas_before_ranks(doc, spans)
        spans = self._places_run_into_people(doc, spans)
        spans = _companies_read_as_people(doc, spans)
        spans = self._names_after_cues(doc, spans)
        spans = _headline_names(doc, spans, known_names)
        spans = [self._speaker_not_place(doc, _labelled_by_head(span)) for span in _heads_left_out(doc, spans)]
        spans = [piece for span in spans for piece in self._places_run_together(doc, span)]
        common = _common_noun_abbreviations(doc)
        spans = _place_nouns_joined(doc, _hyphenated_given_names(doc, _places_named_with_their_noun(doc, spans)))
        spans = self._people_by_initials(doc, spans)
        spans = [s for s in self._consistency(doc, spans) if not _named_in_a_law_or_competition(doc, s)
                 and not (s._.source != "gazetteer" and s.text.strip("()") in common)]
        spans = _people_listed_with_people(doc, _works_and_products(doc, spans))
        spans = self._clubs(doc, [self._shouted_dateline_place(span) for span in spans])
        spans = [s for s in (_balanced(self._without_trailing_title(doc, s)) for s in spans) if s is not None]
        spans = _generations_joined(doc, spans)
        doc.ents = filter_spans([s for s in spans if not self._title_alone(doc, s)])
        self._canonicalize(doc)
        self._roles(doc)
        doc._.role_mentions = self._role_references(doc)
        return doc

    def _relabel(self, span: Span) -> Span | None:
        label = LABEL_MAP.get(span.label_, span.label_)
        if label not in LABELS:
            return None
        start, end = span.start, span.end
        # The model never saw line breaks in training and may run a name into one.
        while start < end and span.doc[start].is_space:
            start += 1
        while end > start and span.doc[end - 1].is_space:
            end -= 1
        # `kota Cirebon`, `kawasan Megamendung`, `tol Kanci`: a name starts with a capital
        while start < end and span.doc[start].is_lower and span.doc[start].is_alpha:
            start += 1
        # `The Fed memangkas`, `PT Freeport ditembak`: nor does it end with a word in lower case,
        # except a compass point written small after a place (`Sumatera selatan`, `Afrika timur`);
        # after a person or a body it is a word of the sentence (`Sandiaga Uno tengah berada`)
        while end > start and span.doc[end - 1].is_lower and span.doc[end - 1].is_alpha \
                and not (span.doc[end - 1].lower_ in _COMPASS_POINTS and self._compass_of_place(span, end - 1)):
            end -= 1
        # `PT Astra International (Tbk` + `)`, `Badan Urusan Logistik (` + `Perum)`: the model may stop inside the
        # parentheses of a legal form, which the name takes whole (`_with_company_forms`); an opening one it left
        # empty is no part of the name (an acronym in them is a mention of its own: `_balanced` cuts the rest)
        while end > start and span.doc[end - 1].text == "(":
            end -= 1
        opening = next((k for k in range(end - 1, start, -1) if span.doc[k].text == "("), None)
        if opening is not None and ")" not in {t.text for t in span.doc[opening:end]}:
            end = max(end, form_end(span.doc, opening))
        if start == end:
            return None
        if label == "PER" and self._acronym_not_person(span.doc, start, end):
            label = "ORG"
        if label == "PER" and end - start >= 2 and span.doc[end - 1].text in _COMPANY_NAME_WORDS:
            label = "ORG"  # `Adira Finance`, `SoftBank Ventures`: a company's word closes no person's name
        inside = next((k for k in range(end - 2, start, -1) if span.doc[k].text in _COMPANY_NAME_WORDS),
                      None) if label == "PER" else None
        if inside is not None:
            # `[Adira Finance] Hafid`: the company the holder heads, run into the holder's first name; the
            # holder is found again after the title (`_names_after_titles`)
            label, end = "ORG", inside + 1
        if (label, start, end) == (span.label_, span.start, span.end):
            return span
        return Span(span.doc, start, end, label=label)

    @staticmethod
    def _compass_of_place(span: Span, at: int) -> bool:
        """Is the compass point at `at` part of a place's name: after a place's word (`Jawa tengah`, `Sumatera
        selatan`) in a span the model did not read as a person?"""
        label = LABEL_MAP.get(span.label_, span.label_)
        return label != "PER" and at > span.start and span.doc[at - 1].lower_ in gazetteer.place_index()

    def _bodies_named_with_and(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """`Dinas Pekerjaan Umum dan Penataan Ruang Kota Bekasi`, `Satuan Reserse dan Kriminal`: the
        name of a body (opened by a word of `body_heads`) often joins two fields with `dan`; the
        capitalised words after `dan` continue it when no other name starts there (`Kementerian
        Keuangan dan Bank Indonesia` are two) and none opens a body of its own. The body then takes
        the area that follows it (`Kota Bekasi`)."""
        covered = {i: s for s in spans for i in range(s.start, s.end)}
        out, absorbed = [], set()
        for span in sorted(spans, key=lambda s: s.start):
            if (span.start, span.end) in absorbed:
                continue
            end = span.end
            if span.label_ in ("ORG", "LOC") and span[0].lower_ in _BODY_HEADS and end + 1 < len(doc) \
                    and doc[end].lower_ == "dan":
                stop = end + 1
                while stop < len(doc) and stop not in covered and doc[stop].is_alpha and doc[stop].is_title \
                        and doc[stop].lower_ not in _BODY_HEADS and doc[stop].lower_ not in self.title_starts \
                        and doc[stop].text not in self.stop and doc[stop].text not in self.surface_info:
                    stop += 1
                if stop > end + 1:
                    end = stop
                    place = covered.get(end)
                    if place is not None and place.start == end and place.label_ in PLACE_LABELS \
                            and place[0].lower_ in _AREA_WORDS:
                        absorbed.add((place.start, place.end))
                        end = place.end
            out.append(_respan(span, end=end, label="ORG") if end != span.end else span)
        return out

    def _without_title(self, doc: Doc, span: Span) -> Span:
        """`[Kabid Humas Polda] Papua`, `[Ketua DPR]`: the model may open an organisation with the
        title of the person who speaks for it; the title is no part of the name (docs/annotation.md),
        so the organisation starts after the longest title that opens the span."""
        if span.label_ != "ORG":
            return span
        lowers = _lowers(doc)
        for size in range(min(self.max_role_tokens, len(span) - 1), 0, -1):
            if " ".join(lowers[span.start:span.start + size]) in self.roles \
                    and doc[span.start + size].text[:1].isupper():
                return _respan(span, start=span.start + size)
        return span

    def _acronym_not_person(self, doc: Doc, start: int, end: int) -> bool:
        """A lone acronym the model read as a person (`RIAA`, `ACONDIP`, `SNSD`) names an organisation:
        people go by initials only when known for it (`SBY`, `AHY`, `OSO` in `lexicons/people.tsv`).
        Not in a line shouted in capitals, where every word is upper case (`INDRA SJAFRI OGAH`)."""
        text = doc[start].text
        if end - start != 1 or not _acronym(text) or not text.isalpha() or text in self.person_aliases \
                or text in self.person_names:
            return False
        neighbours = [doc[i] for i in (start - 1, start + 1) if 0 <= i < len(doc) and doc[i].is_alpha]
        return not any(token.is_upper and len(token) > 1 for token in neighbours)

    def _trim_person(self, doc: Doc, span: Span, known: set[int], cities: AbstractSet[int] = frozenset(),
                     organisations: AbstractSet[int] = frozenset()) -> list[Span]:
        """`Menlu Ratna Kusumawardani`, `NATO Mark Rutte`, `Perum Bulog Irwan
        Setiadi` -> the name alone (the organisation stays an entity of its own).

        The model often takes a title or an organisation before a name into the
        entity, and then may call the whole thing ORG. Everything up to the last
        title word or known organisation/place (`known` token indices) is cut
        off; what remains is a person if the span was one, or if at least two
        capitalised words remain. A span that is all title (`Menkeu`) is no
        entity: the title is resolved to its holder later.

        Only a whole title cuts (`Jaksa Agung` is one, `Agung` in `Agung
        Laksono` is a name), and a city only where it qualifies a title or an
        organisation before it (`BPBD Cianjur Asep Suryana`, but not `Mary
        Jane Fiesta Veloso` or `Hassan Dahir Aweys`).
        """
        cut = span.start
        for index in range(span.start, span.end - 1):  # the last word is the name's, whatever it is
            token = doc[index]
            if token.text in _NAME_JOINERS or token.lower_ in _NAME_PARTICLES:
                continue  # Ramos-Horta, Stephen R. Covey, Georg von Trapp, Abdurrachman bin Ali
            if index in known or not token.text[:1].isupper() or (
                    token.lower_ in self.role_words and self._title_before(doc, index + 1)):
                cut = index + 1
            elif index in cities and span.end - (index + 1) >= 2 and (
                    index - 1 in known or self._title_before(doc, index)):
                cut = index + 1  # `Cianjur Asep Suryana`, but `Vladimir Putin` stays whole
        if span.label_ == "PER" and (span.text.lower() in self.roles or all(t.lower_ in self.roles for t in span)):
            return []  # "Menkeu", "Presiden": a title alone, resolved to its holder later (not `Agung`)
        if cut == span.start:
            return [span]
        rest = doc[cut:span.end]
        if span.label_ == "PER" and all(t.lower_ in self.role_words for t in rest) and any(
                " ".join(_lowers(doc)[begin:span.end]) in self.roles
                for begin in range(max(0, cut - self.max_role_tokens), cut)):
            return []  # `[Kapolda Jateng Irjen Pol] Condro Kirono`: the last word is a title's (`Irjen Pol`)
        if span.label_ == "ORG" and cut - span.start >= 2 and doc[cut - 1].lower_ in ("dan", "serta") and \
                all(i in organisations for i in range(span.start, cut - 1)) and len(rest) >= 2 and \
                rest[0].text[:1].isupper() and span.text not in self.surface_info:
            # `[TNI Angkatan Laut] dan [Angkatan Laut Australia]`: two bodies, one of them known
            return [Span(doc, span.start, cut - 1, label="ORG"), Span(doc, cut, span.end, label="ORG")]
        if span.label_ != "PER":
            # `Menlu Ratna Kusumawardani` (ORG) is a person after a whole title (it
            # may begin before the span: `Menteri Komunikasi dan [Digital Nadia ...]`)
            # or a known organisation (`NATO Mark Rutte`); not after a place
            # (`Jakarta Convention Center`, `Kabinet Indonesia Bersatu II`), nor
            # `Desa Long Lunuk`, whatever `desa` is in titles.
            titled = self._title_before(doc, cut) or any(i in organisations for i in range(span.start, cut))
            named = rest[0].lower_ not in _BODY_HEADS and rest.end - 1 not in known  # not `Angkatan Laut Australia`
            if not (titled and named and len(rest) >= 2 and all(t.text[:1].isupper() for t in rest)):
                return [span]
        return [Span(doc, cut, span.end, label="PER")]

    def _name_word(self, token) -> bool:
        """Could this token be part of a person's name?"""
        text = token.text
        return (text[:1].isupper() and len(text) > 1 and text.replace("-", "").replace("'", "").isalpha()
                and text not in self.stop and token.lower_ not in self.role_words and text not in self.surface_info)

    def _extend_person(self, doc: Doc, span: Span, occupied: AbstractSet[int] = frozenset()) -> Span:
        """`Xanana` + `Gusmão`, `Kim` + `Jong-un`: the model stops at name words
        unlike those it was trained on; a person runs on over adjacent
        capitalised words that are accented or hyphenated."""
        if span.label_ != "PER":
            return span
        start, end = span.start, span.end
        while end < len(doc) and end - start < 5 and self._name_word(doc[end]) and not doc[end].is_sent_start \
                and end not in occupied and _unusual_name(doc[end].text):
            end += 1
        while start > 0 and end - start < 5 and self._name_word(doc[start - 1]) and not doc[start].is_sent_start \
                and not doc[start - 1].is_sent_start and start - 1 not in occupied \
                and _unusual_name(doc[start - 1].text):
            start -= 1
        if start > 0 and doc[start - 1].text in ("I", "Ni") and doc[start].lower_ in _BALINESE_BIRTH_NAMES \
                and start - 1 not in occupied:
            start -= 1  # `I Made Kadek Wardhana`, `Ni Luh Putu Ariani`: the article opens a Balinese name
        if (start, end) == (span.start, span.end):
            return span
        extended = _respan(span, start=start, end=end, label="PER")
        return extended

    def _names_after_titles(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """`Menteri Luar Negeri Ratna Kusumawardani`: capitalised words right after a
        title (and its country or organisation) are a person, even where the
        model saw none."""
        taken = {i for s in spans for i in range(s.start, s.end)}
        by_start = {s.start: s for s in spans}
        added = []
        relabelled: dict[int, list[Span]] = {}
        i = 0
        while i < len(doc):
            hit = self._title_at(doc, i) if doc[i].text[:1].isupper() or doc[i].lower_ in self.roles else None
            if not hit:
                i += 1
                continue
            end = hit[0]
            one_word_title = end - i == 1  # `Menpora`, `Kapolri`: the portfolio is inside the title
            if 0 < i and doc[i - 1].text == "(" and end < len(doc) and doc[end].text == ")":
                end += 1  # `Menteri Pemuda dan Olahraga (Menpora) Galih Pratama Putra`
            qualifier = by_start.get(end)
            key = end
            if qualifier is None:  # `Wali [Kota Bandung]`: a place found across the title's last word
                qualifier = next((sp for sp in spans if sp.start < end < sp.end and sp.label_ in ("LOC", "GPE")
                                  and sp._.source == "gazetteer"), None)
                if qualifier is not None:
                    # the title's word is no part of its area: `Wali Kota Bogor` is the mayor of `Bogor`
                    # (docs/annotation.md; `Kota Bogor` alone is the city's full name)
                    key, qualifier = qualifier.start, _respan(qualifier, start=end)
                    relabelled[key] = [qualifier]
            if qualifier is not None and qualifier.label_ in ("LOC", "GPE", "ORG"):
                place = self._known_prefix(qualifier)
                if self._person_after_title(qualifier, skip=place):
                    # `Bupati Poso Darmin Sigilipu` read as one place: the known place, then the holder
                    parts = [] if place == 0 else [_respan(qualifier, end=qualifier.start + place, label="GPE")]
                    person = Span(doc, qualifier.start + place, qualifier.end, label="PER")
                    person._.source = "title"
                    relabelled[key] = [*parts, person]
                    i = qualifier.end
                    continue
                end = qualifier.end
            apposed = by_start.get(end + 1) if end + 1 < len(doc) and doc[end].text == "," else None
            if apposed is not None and apposed.label_ in ("LOC", "GPE", "ORG") and self._person_after_title(apposed):
                # `Menteri Dalam Negeri Pakistan, Sarfraz Bugti`: the holder in apposition
                person = Span(doc, apposed.start, apposed.end, label="PER")
                person._.source = "title"
                relabelled[apposed.start] = [person]
                i = apposed.end
                continue
            name_end = self._name_run(doc, end, taken)
            # `Direktur Utama Adira Finance Hafid Hadeli`: a company's word ends the company the holder
            # heads; the name, if any, starts after it
            company_end = next((k + 1 for k in range(name_end - 1, end, -1) if doc[k].text in _COMPANY_NAME_WORDS),
                               None)
            if company_end is not None:
                company = Span(doc, end, company_end, label="ORG")
                company._.source = "title"
                added.append(company)
                taken.update(range(end, company_end))
                end = company_end
                name_end = self._name_run(doc, end, taken)
            # `Menteri Perumahan`, `Menteri Tenaga Kerja`, `Direktur Pemasaran`: a
            # portfolio, not a name. A name has a word no dictionary knows, and
            # does not start with a derived Indonesian word.
            words = [doc[k].lower_ for k in range(end, name_end)]
            late = by_start.get(name_end) if name_end > end else None
            if late is not None and late.label_ == "PER" and late.start not in relabelled \
                    and not _derived_word(words[0]) and (not all(_common_word(w) for w in words) or (
                        one_word_title and qualifier is None)):
                # `Menpora Galih [Pratama Putra]`, `Wali Kota Bandung Oded [M Danial]`: the model started the
                # holder's name a word or two late; it starts right after the title. A dictionary word there
                # is a name only after a title that holds its portfolio: in `Direktur Jenderal Imigrasi` and
                # `Panglima Angkatan Bersenjata Amerika Serikat` it is the title's or its body's
                relabelled[late.start] = [_respan(late, start=end)]
                i = late.end
                continue
            if words and (all(_common_word(w) for w in words) or _derived_word(words[0])):
                name_end = end
            if name_end > end and not (name_end < len(doc) and doc[name_end].i in taken and
                                       by_start.get(name_end) is not None and by_start[name_end].label_ == "PER"):
                span = Span(doc, end, name_end, label="PER")
                span._.source = "title"
                added.append(span)
                taken.update(range(end, name_end))
            i = max(name_end, i + 1)
        if relabelled:
            spans = [part for s in spans for part in (relabelled[s.start] if s.start in relabelled else [s])]
        return filter_spans(spans + added) if added else spans

    def _companies_closed_by_their_word(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """`North Ridge Partners ikut menanamkan modal`: capitalised words closed by words that end
        organisations' names (name_heads.tsv rows `at` last, label ORG) name an organisation even where the
        model saw none; not a title before them (`CEO`), and a single word before them is not enough at a
        sentence's start (`Semua Partners`)."""
        taken = {i for s in spans for i in range(s.start, s.end)}

        def head(i: int) -> bool:
            return i < len(doc) and i not in taken and doc[i].text[:1].isupper() \
                and _NAME_HEADS.get(((doc[i].lower_,), "last")) == "ORG"

        added = []
        i = 0
        while i < len(doc):
            if not head(i):
                i += 1
                continue
            end = i + 1
            while head(end) or (end < len(doc) and end not in taken and doc[end].text in _COMPANY_NAME_WORDS):
                end += 1  # `Creative Media Works`
            start = i
            while start > 0 and i - start < 3 and start - 1 not in taken and doc[start - 1].text[:1].isupper() \
                    and doc[start - 1].is_alpha and doc[start - 1].lower_ not in self.role_words:
                start -= 1
            if i - start >= (2 if doc[start].is_sent_start else 1):
                span = Span(doc, start, end, label="ORG")
                span._.source = "head"
                added.append(span)
                taken.update(range(start, end))
            i = end
        return filter_spans(spans + added) if added else spans

    def _holders_apposed_late(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """`Kasubdit Imunisasi Kementerian Kesehatan, Prima [Yosephine] mengatakan`: a holder set off by a
        comma after the body they serve, whose name the model started a word late; the name word between
        the comma and the person is the name's first."""
        taken = {i for s in spans for i in range(s.start, s.end)}
        bodies_end = {s.end for s in spans if s.label_ == "ORG"}
        out = []
        for span in spans:
            at = span.start - 1
            if span.label_ == "PER" and at >= 2 and at not in taken and doc[at - 1].text == "," \
                    and at - 1 in bodies_end and self._name_word(doc[at]) and not _derived_word(doc[at].lower_):
                span = _respan(span, start=at)
            out.append(span)
        return out

    def _name_run(self, doc: Doc, end: int, taken: AbstractSet[int]) -> int:
        """Where the name words from `end` stop (at most four): `Ketua DPP`, `Direktur SMK`: an acronym
        after a title is a unit, not a name; an initial inside a name is (`Oded M Danial`, `Ramli H. S.`).
        A word that opens an organisation's name (`Bos PT RDS`, name_heads.tsv) opens no holder's name."""
        if end < len(doc) and _NAME_HEADS.get(((doc[end].lower_,), "first")) == "ORG":
            return end
        name_end = end
        while name_end < len(doc) and name_end - end < 4 and name_end not in taken and (
                (self._name_word(doc[name_end]) and not _acronym(doc[name_end].text))
                or (name_end > end and _initial(doc[name_end].text) and name_end + 1 < len(doc)
                    and self._name_word(doc[name_end + 1]))):
            name_end += 1
        return name_end

    def _holders_after_bodies(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """`Kepala Pusat Data Informasi dan Humas Badan Nasional Penanggulangan Bencana (BNPB) Sutopo Purwo
        Nugroho`: after a title and the bodies it heads, the name that closes the chain is the holder's, even
        where the model reads an organisation. Only right after a known body or its acronym in parentheses,
        with a title's first word within the sixteen words before, and only for words that read as a name.
        The holder may stand in apposition after a comma (`Kasubdit Imunisasi Kementerian Kesehatan, Prima
        Yosephine, mengatakan`), closed by another comma or a verb as `_person_after_title` asks."""
        ends = {s.end: s for s in spans if s.label_ in ("ORG", "LOC", "GPE") and s._.source == "gazetteer"}
        out = []
        for span in spans:
            if span.label_ in ("ORG", "LOC") and span._.source == "model" and span.start > 0 \
                    and (span.start in ends or (doc[span.start - 1].text in (")", ",") and span.start - 1 in ends)) \
                    and any(doc[k].lower_ in self.title_starts for k in range(max(0, span.start - 16), span.start)) \
                    and self._person_after_title(span):
                span = _respan(span, label="PER")
                span._.source = "title"
            out.append(span)
        return out

    def _holders_glued_to_bodies(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """`Ketua Umum [Presidium Alumni 212 Ansufri Sambo]`, `Direktur [PT HPM Jonfis Fandy]`: after a
        title the model often runs the body a holder heads into the holder's name, as one organisation or
        one person. The span splits where a body's name surely ends (an acronym, a number, `Tbk`, a body
        the gazetteer or the article names on its own) and two to four name words follow, or where the
        words after are a person the article names on their own elsewhere (`Jonfis menegaskan`). Only with
        a title within the eight words before, or a body the article names on its own (`Operator Teleskop
        [Subaru Mike Lemmen]`)."""
        people = {s.text for s in spans if s.label_ == "PER"}
        alone = {s.text for s in spans if s.label_ != "PER"} - people
        out = []
        for span in spans:
            if span._.source != "model" or len(span) < 3 or span.label_ not in ("ORG", "LOC", "PER"):
                out.append(span)
                continue
            before = range(max(0, span.start - 8), span.start)
            titled = any(doc[k].lower_ in self.title_starts or self._title_before(doc, k + 1) for k in before) \
                and not any(doc[k].is_sent_start for k in range(before.start + 1, span.start + 1)
                            if not any(doc[j].lower_ in self.title_starts for j in range(k, span.start)))
            # `Indonesia Investment Promotion Center (IIPC)`: a body spelled out before its acronym
            spelled_out = span.end + 1 < len(doc) and doc[span.end].text == "(" and _acronym(doc[span.end + 1].text)
            parts = None
            for cut in range(span.start + 1, span.end - 1):
                rest = doc[cut:span.end]
                if len(rest) > 4 or not self._holder_name(rest):
                    continue
                body, last = doc[span.start:cut], doc[cut - 1].text
                known = body.text in self.surface_info or body.text in alone
                # a person the article names on their own; not inside a span the model read as one person
                named = span.label_ != "PER" and (rest[0].text in people
                                                  or (rest[-1].text in people and body.text not in people))
                ends = _acronym(last) or last.isdigit() or last in _COMPANY_NAME_WORDS or named \
                    or (known and self._title_before(doc, span.start))
                if ends and (titled or known) and not spelled_out:
                    parts = (body, rest)
                    break
            if parts is None:
                out.append(span)
                continue
            body, rest = parts
            out.append(_respan(span, end=body.end, label="ORG" if span.label_ == "PER" else span.label_))
            person = Span(doc, rest.start, rest.end, label="PER")
            person._.source = "title"
            out.append(person)
        return out

    def _first_names_cut_off(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """`Menkomdigi [Nadia] [Safitri Harahap]`, `Menteri Komunikasi dan [Digital Nadia] [Safitri Harahap]`: the
        model may read a holder's first name as a body or a place of its own, or run the title's last word into
        it. Right after a title, a name-shaped word the gazetteer does not know, closing a span of the model
        and followed at once by a person, opens that person's name; the title's word goes with the title."""
        people = {s.start: s for s in spans if s.label_ == "PER"}
        replaced: dict[tuple[int, int], list[Span]] = {}
        for span in spans:
            person = people.get(span.end)
            first = span.end - 1
            if person is None or span.label_ == "PER" or span._.source != "model" \
                    or not self._name_shaped(doc[first]) or doc[first].text in self.surface_info:
                continue
            if not any((hit := self._title_at(doc, begin)) is not None and hit[0] == first
                       for begin in range(max(0, first - self.max_role_tokens), first)):
                continue
            name = Span(doc, first, person.end, label="PER")
            name._.source = person._.source
            replaced[span.start, span.end] = [_respan(span, end=first)] if first > span.start + 1 else []
            replaced[person.start, person.end] = [name]
        if not replaced:
            return spans
        return [part for s in spans for part in replaced.get((s.start, s.end), [s])]

    def _places_run_into_people(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """`asal [Pakistan Malala] [Yousafzai]`: the model may run a known place into the first name of the
        person right after it and read the rest alone as the person. Where a place the model found opens with a
        place the gazetteer knows, goes on with name words only and a person's span follows at once, the place
        is what the gazetteer knows and the rest opens the person's name."""
        people = {s.start: s for s in spans if s.label_ == "PER"}
        replaced: dict[tuple[int, int], list[Span]] = {}
        for span in spans:
            person = people.get(span.end)
            if person is None or span.label_ not in PLACE_LABELS or span._.source != "model" or len(span) < 2:
                continue
            size = next((k for k in (2, 1) if len(span) > k and self.surface_info.get(span[:k].text, ("",))[0]
                         == "LOC"), 0)
            if size and all(self._name_word(t) for t in span[size:]):
                name = Span(doc, span.start + size, person.end, label="PER")
                name._.source = person._.source
                replaced[span.start, span.end] = [_respan(span, end=span.start + size), name]
                replaced[person.start, person.end] = []
        if not replaced:
            return spans
        return [part for s in spans for part in replaced.get((s.start, s.end), [s])]

    def _name_shaped(self, token) -> bool:
        """A capitalised word that may stand in a person's name after a title: no stop word, body head, place
        noun, company's word or title of its own (`Irjen` in `Irjen Karyoto`)."""
        return (token.text[:1].isupper() and token.text.replace("-", "").isalpha() and token.text not in self.stop
                and token.lower_ not in _BODY_HEADS and token.lower_ not in _PLACE_NOUNS
                and token.text not in _COMPANY_NAME_WORDS and self._title_at(token.doc, token.i) is None)

    def _holder_name(self, words: Span) -> bool:
        """Two to four words that read as a person's name: capitalised, none known to the gazetteer, an
        acronym, a body head, a title, a company's word or an English word (`Investment Promotion Center`),
        and not all of them dictionary words."""
        def name_word(t) -> bool:
            return (self._name_shaped(t) and not t.is_upper and t.text not in self.surface_info
                    and t.lower_ not in _AREA_WORDS and t.lower_ not in _ENGLISH_COMMON_WORDS)
        return len(words) >= 2 and all(name_word(t) for t in words) and not all(_common_word(t.lower_) for t in words)

    def _title_alone(self, doc: Doc, span: Span) -> bool:
        """`Inspektur Jenderal` before `M Iriawan`, `Kabid` of `Kabid Humas`: a person span that is a title,
        or the first words of one, names nobody; the holder's name is its own span."""
        if span._.source not in ("model", "consistency"):
            return False
        if span.text.lower() in self.roles:
            return True  # `Kasubaghumas` read as a place
        if span.label_ != "PER":
            return False
        hit = self._title_at(doc, span.start)
        return hit is not None and hit[0] >= span.end

    def _without_trailing_title(self, doc: Doc, span: Span) -> Span:
        """`Kapolrestabes [Bandung Kombes] Pol Hendro Pandowo`: a rank or title that opens the holder's name is
        no part of the place or body before it; in a person's span, what comes before the rank is not his name
        (`Kapolsek [Metro Tanah Abang AKBP] Suwarno`)."""
        if span._.source != "model" or len(span) < 2:
            return span
        for k in range(span.start + 1, span.end):
            hit = self._title_at(doc, k) if doc[k].text[:1].isupper() and doc[k].lower_ not in _BODY_HEADS else None
            if hit is None or (span.label_ != "PER" and (doc[k - 1].lower_, doc[k].lower_) in _BODY_TITLE_WORDS):
                continue
            if span.label_ != "PER":
                return _respan(span, end=k)
            if hit[0] < span.end:  # `Kapolsek [Metro Tanah Abang AKBP Suwarno]`: the holder is after the rank
                return _respan(span, start=hit[0])
            return span
        return span

    def _known_prefix(self, span: Span) -> int:
        """How many leading tokens of `span` (at most two, leaving two) are a place or body the gazetteer knows
        (`Poso` in `Poso Darmin Sigilipu`); 0 when none."""
        for size in (2, 1):
            if len(span) - size >= 2 and span[:size].text in self.surface_info:
                return size
        return 0

    def _person_after_title(self, span: Span, skip: int = 0) -> bool:
        """`Menpora Galih Pratama Putra`: the model may read the name after a
        title as an organisation or place, which would then pass for the
        title's qualifier (`Presiden [Rusia]`) and leave the title without its
        holder. A qualifier is a known place or body; two or more capitalised
        name words that no gazetteer knows, with no acronym, body head or company's
        word (`Adira Finance`) among them, are the holder's name; `skip` leading tokens are a known place
        before it."""
        if span._.source != "model" or len(span) - skip < 2 or span[skip:].text in self.surface_info:
            return False
        name = span[skip:]
        words = [t for t in name if self._name_shaped(t) and not (len(t.text) >= 2 and t.text.isupper())]
        # a title word may be a name word too (`Putra`), but no title may start inside (`Irjen Karyoto`)
        return len(words) == len(name) and _clause_goes_on(span.doc, span.end)

    def _names_after_cues(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """`"...," ketus Darmin`, `"...," kisah Sarah Lestari`: capitalised words right after a reporting
        verb that follows a quotation (`after` and `quoted` rows of lexicons/reporting_verbs.tsv) name who
        spoke, a person even where the model saw none. Titles, known places and organisations, acronyms
        and stop words are not names (`kata Kapolres`, `kata KPK`, `ujar Senin`)."""
        taken = {i for s in spans for i in range(s.start, s.end)}
        added = []
        for match in _after_cue_name().finditer(doc.text):
            first = doc.char_span(match.start("name"), match.start("name") + len(match.group("name").split()[0]))
            if first is None or first.start in taken:
                continue
            end = first.start
            while end < len(doc) and end - first.start < 4 and self._name_word(doc[end]) and end not in taken \
                    and not _acronym(doc[end].text) and doc[end].idx < match.end("name") \
                    and (end == first.start or not doc[end].is_sent_start):
                end += 1
            # Not `Kasat Reskrim Polres [Jakarta Utara]` nor `Wakapolda Metro Jaya Brigjen Suntana`: a title.
            if end > first.start and end not in taken and not (end < len(doc) and doc[end].text[:1].isupper()):
                span = Span(doc, first.start, end, label="PER")
                span._.source = "cue"
                added.append(span)
                taken.update(range(first.start, end))
        added += self._names_before_cues(doc, taken)
        return filter_spans(spans + added) if added else spans

    def _people_by_initials(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """`perampok berinisial MA`, `tersangka NYD`: news names suspects, victims and detainees by their
        initials, and such initials are a person, every time the article uses them, though the gazetteer
        may know them as a body's short form (MA, Mahkamah Agung) or the model take three capitals for an
        organisation. The cue words are lexicons/initials_cues.tsv; a place's short form stays a place."""
        names = set()
        for token in doc:
            if token.i == 0 or not _initials_shaped(token.text) or token.text in self.person_aliases:
                continue
            cue = _INITIALS_CUES.get(doc[token.i - 1].lower_)
            known = self.surface_info.get(token.text, ("",))[0]
            if cue is not None and known != "LOC" and (cue or not known):
                names.add(token.text)
        if not names:
            return spans
        initials = {t.i for t in doc if t.text in names}
        kept = [s for s in spans if not (len(s) <= 2 and any(s.start <= i < s.end for i in initials))]
        taken = {i for s in kept for i in range(s.start, s.end)}
        for i in sorted(initials - taken):
            person = Span(doc, i, i + 1, label="PER")
            person._.source = "cue"
            kept.append(person)
        return sorted(kept, key=lambda s: s.start)

    def _names_before_cues(self, doc: Doc, taken: set[int]) -> list[Span]:
        """`Yatinem mengatakan rumahnya terendam ...`, `"...," Yatinem menambahkan.`: one or two
        capitalised words opening a sentence, or right after a quotation, right before a reporting verb
        (`before` rows of lexicons/reporting_verbs.tsv) name the speaker, a person even where the model
        saw none. Words of the language (`Warga`, `Pemerintah`, whose stem is a root word), titles, known
        bodies and places are not names."""
        from warta.search.stemmer import default_stemmer

        roots, stem = lexicon.root_words(), default_stemmer().stem
        added = []
        for match in _before_cue_name().finditer(doc.text):
            span = doc.char_span(match.start("name"), match.end("name"))
            if span is None or any(i in taken for i in range(span.start, span.end)) or not (
                    span[0].is_sent_start or match.group("quoted") is not None):
                continue
            if all(self._name_word(token) and not _acronym(token.text) and token.lower_ not in roots
                   and stem(token.lower_) not in roots for token in span):
                span = Span(doc, span.start, span.end, label="PER")
                span._.source = "cue"
                added.append(span)
                taken.update(range(span.start, span.end))
        return added

    def _gazetteer_spans(self, doc: Doc) -> list[Span]:
        found = []
        roots = lexicon.root_words()
        seen = set()
        for match_id, start, end in self.matcher(doc):
            if (start, end) in seen:
                continue
            seen.add((start, end))
            # One label per surface form: an organisation beats a place of the
            # same name (TASS the agency, not a village called Tass).
            info = self.surface_info.get(doc[start:end].text)
            span = Span(doc, start, end, label=info[0] if info else doc.vocab.strings[match_id])
            if end - start == 1:
                token = doc[start]
                # A single capitalised common word opening a sentence ("Batu", "Bali"
                # are fine mid-sentence) is more likely the word than the place.
                if token.is_sent_start and token.lower_ in roots and not self._prominent(token.text) \
                        and token.text == token.text.capitalize():  # `KontraS`, `BIN` are written as names
                    continue
            span._.source = "gazetteer"
            found.append(span)
        return self._names_across_spaces(doc, found)

    def _names_across_spaces(self, doc: Doc, found: list[Span]) -> list[Span]:
        """`Gubernur DKI   Jakarta`: scraped text has runs of spaces inside names, which the tokenizer keeps as
        a token of their own; two names found on either side of such a run are one where, written with one
        space, they are a name the gazetteer knows (`DKI Jakarta`)."""
        by_start = {s.start: s for s in found}
        joined = []
        for span in found:
            after = by_start.get(span.end + 1)
            if after is None or span.end >= len(doc) or not doc[span.end].is_space or "\n" in doc[span.end].text:
                continue
            info = self.surface_info.get(f"{span.text} {after.text}")
            if info is not None:
                whole = Span(doc, span.start, after.end, label=info[0])
                whole._.source = "gazetteer"
                joined.append(whole)
        if not joined:
            return found
        inside = {i for s in joined for i in range(s.start, s.end)}
        return [s for s in found if s.start not in inside] + joined

    def _state_use(self, doc: Doc, found: list[Span], model: list[Span]) -> list[Span]:
        """Label each place the gazetteer found LOC (a place) or GPE (a polity).

        A state, region or city right after a title qualifies it (`Presiden
        Rusia`, `Gubernur DKI Jakarta`): GPE. Otherwise, where the model tagged
        the very same span a place or a state, its reading stands. The model knows places
        in place contexts; one it left alone is a place only right after a
        place cue (`di`, `ke`, `wilayah`) or listed after a place (`di Kuala
        Lumpur, Malaysia`), else it acts or qualifies (`warga Gaza`, `dibantah
        Beijing`, `Jawa Barat menjadi`): GPE.
        """
        model_labels = {(s.start, s.end): s.label_ for s in model if s.label_ in PLACE_LABELS}
        cues = gazetteer.place_cues()
        out = []
        for span in found:
            info = self.surface_info.get(span.text)
            kind = info[2].get("kind") if info and info[0] == "LOC" else None
            if span.label_ != "LOC" or kind not in ("country", "region", "city"):
                out.append(span)
                continue
            label = model_labels.get((span.start, span.end))
            if self._title_before(doc, span.start):
                label = "GPE"
            elif label is None:
                before = doc[span.start - 1].lower_ if span.start else ""
                after_place = span.start >= 2 and before in gazetteer.COORDINATORS and any(
                    o.end == span.start - 1 and o.label_ == "LOC" for o in [*model, *out])
                label = "LOC" if before in cues or after_place else "GPE"
            if label != span.label_:
                relabelled = _respan(span, label=label)
                span = relabelled
            out.append(span)
        return out

    def _inside_other_name(self, doc: Doc, span: Span, model_labels: dict[int, str]) -> bool:
        """A place name that is only part of something else the model did not tag.

        `Bursa Efek Jakarta`, `Konvensi Jenewa`, `Afrika Bersatu`: a capitalised
        word right before (mid-sentence) or after the place continues a name,
        unless it is a title or a place noun (`Presiden Rusia`, `Kota Medan`).
        `48 juta KL`: a short form after a number is a unit (kilolitre). The same holds for a one-word
        alias of a club (`di Caesars Palace` is no Crystal Palace).
        """
        # `Caesars Palace`: a one-word alias of a club (`Palace`, Crystal Palace) is no safer; a company's or an
        # agency's is (`Bus TransJakarta`)
        info = self.surface_info.get(span.text)
        alias = span.label_ == "ORG" and len(span) == 1 and info is not None and info[1] != span.text \
            and info[2].get("type") == "NGO"
        if (span.label_ != "LOC" and not alias) or any(i in model_labels for i in range(span.start, span.end)):
            return False
        before = doc[span.start - 1] if span.start else None
        if before is not None and (before.like_num or before.lower_ in _MAGNITUDES) and span.text.isupper():
            return True
        after = doc[span.end] if span.end < len(doc) else None
        for token in (before, after):
            if token is None or not token.text[:1].isupper() or token.is_punct or token.text in self.stop:
                continue
            if model_labels.get(token.i) == "PER":  # `Menteri Luar Negeri Jepang Takeshi Iwaya`
                continue
            if token is before and (token.is_sent_start or self._title_before(doc, span.start)):
                continue
            if token.lower_ in self.role_words or token.lower_ in _PLACE_NOUNS or token.text in self.surface_info \
                    or token.lower_ in _ELECTION_WORDS:
                continue
            return True
        return False

    def _title_before(self, doc: Doc, end: int) -> bool:
        """Does a role title (`Presiden`, `Gubernur`, `Menteri Luar Negeri`) end at token `end`?"""
        lowers = _lowers(doc)
        return any(" ".join(lowers[begin:end]) in self.roles
                   for begin in range(max(0, end - self.max_role_tokens), end))

    def _prominent(self, surface: str) -> bool:
        """A country, a capital or a big city: never the common word it spells."""
        info = self.surface_info.get(surface)
        if not info or info[0] != "LOC":
            return False
        places = gazetteer.place_index().get(surface.lower(), [])
        return any(p.kind == "country" or p.capital or p.population >= 1_000_000 for p in places)

    def _merge(self, model: list[Span], found: list[Span]) -> list[Span]:
        """Model and gazetteer spans together; on the very same span the
        gazetteer wins (first gazetteer match for that range), except over a
        person the model read where the gazetteer knows only a city: `gagasan
        Darwin`, `kata Agung`."""
        by_range: dict[tuple[int, int], Span] = {(s.start, s.end): s for s in model}
        for span in found:  # one gazetteer span per range
            mine = by_range.get((span.start, span.end))
            if mine is not None and mine.label_ == "PER" and mine._.source == "model" and \
                    self.surface_info.get(span.text, ("", "", {}))[2].get("kind") == "city":
                continue
            by_range[(span.start, span.end)] = span
        return filter_spans(list(by_range.values()))

    def _places_run_together(self, doc: Doc, span: Span) -> list[Span]:
        """`Jalan Cipendawa Kecamatan Rawalumbu`, `Rumah Sakit Yakkum di Purwodadi`, `Gedung KPK Jakarta`: the
        model runs a street, building or village on into the next place, which the guidelines keep apart. A
        place word or a preposition inside the name (lexicons/words/place_breaks.txt) opens the next place;
        after a facility word (facilities_before_city.txt) a city, region or state the gazetteer knows closes
        the facility's name, unless a word like `Raya` or the facility word itself makes it part of it
        (`Masjid Raya Bandung`, `Plaza Hotel Quito`)."""
        if span.label_ not in PLACE_LABELS or len(span) < 2:
            return [span]
        if span[-1].text in _PLACE_BREAKS:  # the model stopped after the place word, before its place
            return self._places_run_together(doc, _respan(span, end=span.end - 1))
        for k in range(span.start + 1, span.end - 1):
            if doc[k].text in _PLACE_BREAKS and doc[k + 1].is_title:
                right = _respan(span, start=k + 1 if doc[k].is_lower else k)
                return [_respan(span, end=k), *self._places_run_together(doc, right)]
        head = next((n for n in (2, 1) if " ".join(t.lower_ for t in span[:n]) in _FACILITIES_BEFORE_CITY), 0)
        for k in range(span.start + head + 1, span.end) if head else ():
            label, _, attributes = self.surface_info.get(doc[k:span.end].text, ("", "", {}))
            if label == "LOC" and attributes.get("kind") in ("city", "region", "country") \
                    and doc[k - 1].lower_ not in _FACILITY_NAME_ADJECTIVES | _FACILITIES_BEFORE_CITY:
                return [_respan(span, end=k), _respan(span, start=k, label="LOC")]
        return [span]

    def _organisation_units(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """A unit word and what it belongs to are one organisation (`lexicons/org_units.tsv`):
        `Fraksi` + `Golkar`, `Komisi III` + `DPR` (parent), `Polres` + `Jakarta Utara`,
        `Polda` + `Metro Jaya` (area). The unit word may stand alone or be a span of
        its own (the model's `Dewan Kehormatan` before `PAN`)."""
        by_start = {s.start: s for s in spans}
        covering = {i: s for s in spans for i in range(s.start, s.end)}
        merged: list[Span] = []
        i = 0
        while i < len(doc):
            for words, of in self.units_by_first.get(doc[i].text, ()):
                end = i + len(words)
                if tuple(t.text for t in doc[i:end]) != words:
                    continue
                close = self._unit_close(doc, i, end, of, spans, by_start, covering)
                if close is not None:
                    while close > end + 1 and doc[close - 1].lower_ in self.title_starts:
                        close -= 1  # `Polda Metro Jaya Komisaris Besar ...`: the title is the person's
                    span = Span(doc, i, close, label="ORG")
                    span._.source = "unit"
                    merged.append(span)
                    i = close - 1
                break
            i += 1
        if not merged:
            return spans
        inside = {k for m in merged for k in range(m.start, m.end)}
        return [s for s in spans if not inside & set(range(s.start, s.end))] + merged

    def _unit_close(self, doc: Doc, start: int, end: int, of: str, spans: list[Span], by_start: dict[int, Span],
                    covering: dict[int, Span]) -> int | None:
        """Where the organisation opened by the unit words doc[start:end] ends, or None."""
        first = covering.get(start)
        if first is not None and first.start == start and first.end > end:
            # the model read the unit and more as one name (`Kodam Jaya` PER, `Pemkab Bogor` LOC)
            rest = {k: s for k, s in covering.items() if s is not first}
            close = self._unit_end(doc, end, of, {s.start: s for s in spans if s is not first}, rest)
            # the unit rule may take more than the model did, never less (`Pengadilan Negeri Jakarta Pusat`)
            return max(close, first.end) if close is not None else first.end
        inside = [covering[k] for k in range(start, end) if k in covering]
        if of == "area":  # `Pemerintah [Kota Bekasi]`: the place may take the area word
            place = next((s for s in inside if s.label_ in PLACE_LABELS and s.start > start and s.end > end), None)
            if place is not None:
                return place.end
        exactly = len({(s.start, s.end) for s in inside}) == 1 and (inside[0].start, inside[0].end) == (start, end)
        if not exactly and any(s.label_ != "ORG" or s.start < start or s.end > end for s in inside):
            return None  # the unit words are part of another name (not just the unit, whatever the model called it)
        return self._unit_end(doc, end, of, by_start, covering)

    def _unit_end(self, doc: Doc, after: int, of: str, by_start: dict[int, Span],
                  covering: dict[int, Span]) -> int | None:
        """Where what follows a unit word ends: its parent organisation, or its area."""
        if of == "parent":
            if after < len(doc) and _UNIT_NUMBER.fullmatch(doc[after].text):
                after += 1  # Komisi III DPR
            parent = by_start.get(after)
            return parent.end if parent is not None and parent.label_ == "ORG" else None
        while after < len(doc) and doc[after].is_space and "\n" not in doc[after].text:
            after += 1  # `Pengadilan Negeri   Jakarta Selatan`: scraped text with runs of spaces
        if after + 2 < len(doc) and doc[after].text == "(" and doc[after + 2].text == ")" \
                and doc[after + 1].text[:1].isupper() and doc[after + 1].is_alpha and " " not in doc[after + 1].text:
            after += 3  # `Pengadilan Negeri (PN) Jakarta Pusat`, `Kepolisian Daerah (Polda) Metro Jaya`
            while after < len(doc) and doc[after].is_space and "\n" not in doc[after].text:
                after += 1
        place = by_start.get(after)
        if place is not None:
            # the model may call an area it does not know an organisation (`Polda [Metro Jaya]`)
            unknown = place.label_ == "ORG" and place._.source == "model" and len(place) <= 2 \
                and place.text not in self.surface_info
            # `DPRD [Kota Surabaya]`: an area opened by an area word is a place whatever the model called it
            area = len(place) >= 2 and place[0].lower_ in _AREA_WORDS and place[0].text[:1].isupper()
            return place.end if place.label_ in PLACE_LABELS or unknown or area else None
        end = after
        while end < len(doc) and end - after < 2 and end not in covering and doc[end].text[:1].isupper() \
                and doc[end].is_alpha and doc[end].lower_ not in self.role_words and doc[end].text not in self.stop:
            end += 1
        return end if end > after else None

    def _speaker_not_place(self, doc: Doc, span: Span) -> Span:
        """`Ratna meyakini ...`, `Taufiq mengatakan ...`: a name the model read as a place but the gazetteer
        does not know as one, followed by a verb that opens reported speech (`before` rows of
        lexicons/reporting_verbs.tsv), is a person who speaks: a person reading beats a place reading."""
        if span.label_ not in PLACE_LABELS or span._.source == "gazetteer" or span.text in self.surface_info \
                or span.text.lower() in self.roles or span.end >= len(doc) \
                or doc[span.end].lower_ not in SPEECH_OPENERS:  # `Menag menjelaskan`: a title speaks
            return span
        return _respan(span, label="PER")

    def _shouted_dateline_place(self, span: Span) -> Span:
        """`LIVERPOOL, JUARA.net -`, `CIREBON (Pos Kota) -`: the dateline's place in capitals, which the
        model may read as an organisation, is the gazetteer's place written as a name."""
        if span.label_ in PLACE_LABELS or not span.text.isupper() or not _in_dateline(span):
            return span
        info = self.surface_info.get(span.text.title())
        return _respan(span, label="LOC") if info is not None and info[0] == "LOC" else span

    def _clubs(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """In a sports story a city that acts is its club: `Liverpool meraih kemenangan`,
        `keinginan Paris untuk memboyong ...`, `kalah dari Barcelona`. After a place word
        (`di Madrid`, `ke Paris`) and in the dateline (`LIVERPOOL, JUARA.net -`) it stays a place."""
        if not Story.of(doc).sports:
            return spans
        cues = gazetteer.place_cues()
        # `Stadion Maguwoharjo, Sleman`, `GOR Dimyati, Tangerang`, `Stadion 17 Mei Banjarmasin`: the city after a
        # venue (a place the gazetteer does not know; not `Dari Spanyol, Barcelona akan ...`), with or without a
        # comma, is where the venue is
        venues = [s for s in spans if s.label_ in PLACE_LABELS and s._.source != "gazetteer"]
        after_place = {s.end for s in venues} | {s.end + 1 for s in venues
                                                 if s.end < len(doc) and doc[s.end].text == ","}
        out = []
        for span in spans:
            info = self.surface_info.get(span.text)
            kind = info[2].get("kind") if info and info[0] == "LOC" else None
            before = doc[span.start - 1].lower_ if span.start > 0 else ""
            if span.label_ in PLACE_LABELS and kind == "city" and before not in cues and not span.text.isupper() \
                    and not _in_dateline(span) and span.start not in after_place:
                club = _respan(span, label="ORG")
                span = club
            out.append(span)
        return out

    def _is_stop(self, span: Span) -> bool:
        """A stop word alone (`Namun`); what the model takes for a person but no name can be: a lower-case
        word (`bayi-bayi`) or a word with a digit (`76d`, from `pasal 80 ... junto 76d`); a name with a model
        number in it, which is a product's (`Galaxy C9 Pro`)."""
        if span.label_ == "PER" and span._.source == "model" and (
                span[0].is_lower or any(ch.isdigit() for ch in span.text)):
            return True
        if span._.source == "model" and any(t.text in _PRODUCT_UNITS and t.i > 0 and t.doc[t.i - 1].like_num
                                              for t in span):
            return True  # `RAM 6 GB`, `2,2 GHz Cortex`: a specification (not `TB Hasanuddin`)
        if span._.source == "model" and len(span) > 1 and any(_model_number(t.text) for t in span):
            return True  # `Galaxy C9 Pro`, `Android v6.0.1`: a product and its model number, not a body or place
        return span.text in self.stop  # the whole span (`Undang-Undang` is three tokens, `El Nino` two)

    def _consistency(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """Label unlabelled repeats of known names, and people's short names."""
        taken: set[int] = set()
        for span in spans:
            taken.update(range(span.start, span.end))
        spans = _one_label_per_name(doc, spans)
        forms: dict[tuple[str, ...], str] = {}
        for span in spans:
            words = tuple(t.text for t in span)
            forms.setdefault(words, span.label_)
            if span.label_ == "PER" and len(span) >= 2:
                for token in (span[0], span[-1]):
                    if token.text[:1].isupper() and len(token.text) > 1 and token.text not in self.stop:
                        forms.setdefault((token.text,), "PER")
        if not forms:
            return spans
        # A lone first or last name of a person named in full is that person,
        # whatever the model called it ("Ratna menambahkan ...").
        # So is a one-word town the gazetteer knows (`Mary` in Turkmenistan, for Mary Jane Veloso), though
        # not a country or region (`Jordan`, `Aceh`), which the article may well name beside the person.
        spans = [Span(doc, s.start, s.end, label="PER") if s.label_ != "PER" and (
                     s._.source == "model" or (s._.source == "gazetteer" and len(s) == 1 and self._town(s.text)))
                 and forms.get(tuple(t.text for t in s)) == "PER" else s for s in spans]
        longest = max(len(f) for f in forms)
        added = []
        i = 0
        while i < len(doc):
            if i in taken or not doc[i].text[:1].isupper():
                i += 1
                continue
            for size in range(min(longest, len(doc) - i), 0, -1):
                words = tuple(t.text for t in doc[i:i + size])
                label = forms.get(words)
                if label and not any(k in taken for k in range(i, i + size)):
                    span = Span(doc, i, i + size, label=label)
                    span._.source = "consistency"
                    added.append(span)
                    taken.update(range(i, i + size))
                    i += size - 1
                    break
            i += 1
        return self._names_run_together(doc, spans + added, taken)

    def _names_run_together(self, doc: Doc, spans: list[Span], taken: AbstractSet[int]) -> list[Span]:
        """`Boy` + `Rafli Amar`, `Ratna` + `Sarumpaet`: a short name labelled as a repeat (`Boy`, known from
        `Boy mengatakan`) where the model missed the full name is the start of that name, not a person of its
        own: it runs on over a person's span right after it (`Eka` + `Fitra` too, the repeat second), and
        over name words no other name holds where a word in lower case or a mark closes them: in a line in
        title case (`Olly Dondokambey Bantu Evakuasi`) every word is capitalised, and in a headline names stand
        side by side (`Jokowi Prabowo`), so nothing runs on there. A person the model cut short
        (`Lili` in `istrinya Lili Madari diciduk`, `I Gede` in `I Gede Pasek segera`) runs on the same way, but
        not over an Indonesian word with a verb's prefix (`Mendur Bersaudara` stays `Mendur`)."""
        by_start = {s.start: s for s in spans if s.label_ == "PER"}
        headlines = _headline_lines(doc.text)
        merged: set[int] = set()
        out = []
        for span in sorted(spans, key=lambda s: s.start):
            if span.start in merged:
                continue
            if span.label_ == "PER" and not any(a <= span.start_char < b for a, b in headlines):
                end = span.end
                after = by_start.get(end)
                if after is not None and not doc[end].is_sent_start and "consistency" in (span._.source,
                                                                                          after._.source):
                    merged.add(after.start)
                    end = after.end
                elif span._.source in ("consistency", "model"):
                    # the model's own span not over a prefixed Indonesian word (`Mendur Bersaudara`)
                    while end < len(doc) and end - span.start < 3 and end not in taken \
                            and not doc[end].is_sent_start and self._name_word(doc[end]) \
                            and (span._.source == "consistency" or not _prefixed_word(doc[end].lower_)):
                        end += 1
                    if end < len(doc) and doc[end].is_alpha and doc[end].text[:1].isupper():
                        end = span.end
                if end != span.end:
                    span = _respan(span, end=end)
            out.append(span)
        return out

    def _town(self, surface: str) -> bool:
        """Is `surface` a place the gazetteer knows that is no country or region?"""
        info = self.surface_info.get(surface)
        return info is not None and info[0] == "LOC" and info[2].get("kind") not in ("country", "region")

    def _canonicalize(self, doc: Doc) -> None:
        people = sorted({s.text for s in doc.ents if s.label_ == "PER"}, key=lambda t: -len(t.split()))
        for span in doc.ents:
            canonical, attributes = span.text, None
            info = self.surface_info.get(span.text) or self.surface_info.get(" ".join(span.text.split()))
            if info is None and not span[0].text[:1].isupper():
                # "kota Vladivostok": a generic word before the name the gazetteer knows
                info = self.surface_info.get(span.text.split(" ", 1)[-1])
            if info is None and span.text.isupper() and len(span.text) > 4:
                info = self.surface_info.get(span.text.title())  # a dateline's `SPANYOL`, a shouted `JAKARTA`
            if span.label_ == "ORG" and without_forms(canonical) != canonical:
                canonical = without_forms(canonical)  # `PT Bank Mandiri (Persero) Tbk`: one company, one name
                info = info or self.surface_info.get(canonical)
            if info is None and span.label_ == "ORG":
                info = self._body_of_state(span.text) or self._unit_in_full(span.text)
            if info and info[0] == "LOC" and span.label_ == "ORG" and span.text in self.club_of_city:
                info = self.surface_info[self.club_of_city[span.text]]  # `Barcelona` the club: FC Barcelona
            body = _BODY_EPITHETS.get(" ".join(span.text.lower().split())) if span.label_ == "ORG" else None
            if info is None and body is not None:
                # `Korps Bhayangkara` written as a name: the body it describes (body_epithets.tsv)
                info = self.surface_info.get(body) or ("ORG", body, {})
            if info and (info[0] == span.label_ or (info[0] == "LOC" and span.label_ == "GPE")):
                canonical, attributes = info[1], info[2]
            elif span.label_ == "PER":
                canonical = self.person_aliases.get(span.text) or self._full_name(span.text, people)
                # `Valentino ROSSI`: a name word in capitals is written as a name
                canonical = " ".join(w.capitalize() if w.isupper() and len(w) > 3 else w for w in canonical.split())
            elif "(" in canonical:  # `Pengadilan Negeri (PN) Jakarta Pusat`: the acronym is no part of the name
                canonical = _PARENTHESES.sub("", canonical)
            canonical = " ".join(canonical.split())  # runs of spaces in scraped text
            span._.canonical = canonical
            span._.attributes = attributes
            span._.entity_id = entity_id(span.label_, canonical)

    def _unit_in_full(self, surface: str) -> tuple[str, str, dict] | None:
        """("ORG", the name with its unit word spelled out, {}) for `Pemkab Bogor` (`Pemerintah Kabupaten
        Bogor`), `Polda Metro Jaya` (`Kepolisian Daerah Metro Jaya`): one entity however it is written."""
        words = surface.split()
        for unit, full in self.unit_full_forms.get(words[0], ()):
            if tuple(words[:len(unit)]) == unit and len(words) > len(unit):
                return "ORG", " ".join((full, *words[len(unit):])), {}
        return None

    def _bodies_of_another_state(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """`[Kemenlu] [Cina]` is China's foreign ministry, not Indonesia's: an Indonesian body's
        name followed right away by another state names that state's body, one organisation."""
        by_start = {s.start: s for s in spans}
        out, absorbed = [], set()
        for span in sorted(spans, key=lambda s: s.start):
            if (span.start, span.end) in absorbed:
                continue
            state = by_start.get(span.end)
            if span.label_ == "ORG" and state is not None and self._body_of_state(f"{span.text} {state.text}"):
                merged = _respan(span, end=state.end, label="ORG")
                out.append(merged)
                absorbed.add((state.start, state.end))
                continue
            if span.label_ != "ORG" and self._body_of_state(span.text):  # the model's `[Kemenlu Cina]` LOC
                relabelled = _respan(span, label="ORG")
                span = relabelled
            out.append(span)
        return out

    def _body_of_state(self, surface: str) -> tuple[str, str, dict] | None:
        """("ORG", canonical, attributes) for an Indonesian body's name plus another state's
        (`Kemenlu Cina`, `Kementerian Luar Negeri Cina` -> `Kementerian Luar Negeri Tiongkok`); the body
        itself when the state is Indonesia (`KPK Indonesia`); else None."""
        words = surface.split()
        for cut in range(len(words) - 1, 0, -1):
            body = self.surface_info.get(" ".join(words[:cut]))
            state = self.surface_info.get(" ".join(words[cut:]))
            if body is None or state is None or body[0] != "ORG" or body[2].get("country") != "IDN":
                continue
            if state[0] != "LOC" or state[2].get("kind") != "country":
                continue
            if state[2].get("country") == "IDN":
                return body
            return "ORG", f"{body[1]} {state[1]}", {"type": body[2].get("type"), "country": state[2]["country"]}
        return None

    @staticmethod
    def _full_name(name: str, people: list[str]) -> str:
        """The fullest name in the document that has all of `name`'s words in
        order (`Dewi`, `Dewi Lubis` -> `Dewi Anggraini Lubis`); unchanged when
        two different people could be meant."""
        words = name.split()
        candidates = [p.split() for p in people if len(p.split()) > len(words) and _in_order(words, p.split())]
        fullest = [c for c in candidates if not any(len(o) > len(c) and _in_order(c, o) for o in candidates)]
        if len({" ".join(c) for c in fullest}) == 1:
            return " ".join(fullest[0])
        return name

    def _title_at(self, doc: Doc, begin: int) -> tuple[int, str, bool] | None:
        """The longest role title starting at token `begin`: (end, title, takes_country)."""
        lowers = _lowers(doc)
        if lowers[begin] not in self.title_starts:
            return None
        for size in range(min(self.max_role_tokens, len(lowers) - begin), 0, -1):
            found = self.roles.get(" ".join(lowers[begin:begin + size]))
            if found:
                return begin + size, found[0], found[1]
        return None

    def _roles(self, doc: Doc) -> None:
        for span in doc.ents:
            if span.label_ != "PER":
                continue
            self._role_before(doc, span, span.start)
            if not span._.role and span.start >= 2 and doc[span.start - 1].text == ",":
                self._appositive_role(doc, span)

    def _appositive_role(self, doc: Doc, span: Span) -> None:
        """`pemimpin mereka, Kim Jong-un` / `Menteri Luar Negeri Jepang, Takeshi Iwaya`."""
        comma = span.start - 1
        for begin in range(comma - 1, max(-1, comma - 1 - self.max_role_tokens - 3), -1):
            found = self._title_at(doc, begin)
            if not found:
                continue
            end, title, _ = found
            between = doc[end:comma]
            if len(between) <= 3 and all(not t.is_punct and not t.is_space for t in between):
                span._.role = doc[begin:comma].text[0].upper() + doc[begin:comma].text[1:]
                span._.role_start = doc[begin].idx
                span._.role_title = title
            return

    def _role_before(self, doc: Doc, span: Span, start: int) -> None:
        # Optional country or organisation between title and name:
        # "Presiden [Rusia] Vladimir Putin", "Menteri Luar Negeri [Jepang] ...".
        middle = start
        for other in doc.ents:
            if other.end == start and other.label_ in ("LOC", "GPE", "ORG"):
                middle = other.start
        for candidate_end in sorted({start, middle}):
            for size in range(self.max_role_tokens, 0, -1):
                begin = candidate_end - size
                if begin < 0 or any(t.is_space or t.is_punct for t in doc[begin:candidate_end]):
                    continue
                surface = doc[begin:candidate_end].text.lower()
                if surface in self.roles:
                    title, takes_country = self.roles[surface]
                    role_end = start if (candidate_end == middle and takes_country) else candidate_end
                    role_text = doc[begin:role_end].text
                    span._.role = role_text[0].upper() + role_text[1:]
                    span._.role_start = doc[begin].idx
                    span._.role_title = title
                    break
            if span._.role:
                break

    def _role_references(self, doc: Doc) -> list[RoleMention]:
        """Titles used alone for a person the article names with that title."""
        holders: dict[tuple[str, str], set[str]] = {}
        by_title: dict[str, set[str]] = {}
        canonical: dict[str, str] = {}
        for span in doc.ents:
            if span.label_ == "PER" and span._.role_title:
                title = span._.role_title.lower()
                qualifier = span._.role[len(span._.role_title):].strip().lower() if span._.role else ""
                holders.setdefault((title, qualifier), set()).add(span._.entity_id)
                by_title.setdefault(title, set()).add(span._.entity_id)
                canonical[span._.entity_id] = span._.canonical
        if not holders:
            return []
        starts_of = {e.start: e for e in doc.ents}
        found = []
        i = 0
        while i < len(doc):
            hit = self._title_at(doc, i)
            if not hit:
                i += 1
                continue
            end, title, takes_country = hit
            qualifier_span = starts_of.get(end) if takes_country else None
            if qualifier_span is not None and qualifier_span.label_ == "PER":
                i = end  # a title right before a name: a role, not a reference
                continue
            if end in starts_of and starts_of[end].label_ == "PER":
                i = end
                continue
            ref_end = end
            if qualifier_span is not None and qualifier_span.label_ in ("LOC", "GPE", "ORG"):
                ref_end = qualifier_span.end
            if ref_end < len(doc) and ref_end in starts_of and starts_of[ref_end].label_ == "PER":
                i = ref_end
                continue
            qualifier = doc[end:ref_end].text.lower()
            ids = holders.get((title.lower(), qualifier)) or by_title.get(title.lower(), set())
            if len(ids) == 1 and not any(e.start <= i < e.end and e.label_ == "PER" for e in doc.ents):
                entity = next(iter(ids))
                found.append(RoleMention(doc[i].idx, doc[ref_end - 1].idx + len(doc[ref_end - 1].text),
                                         doc[i:ref_end].text, entity, canonical[entity]))
            i = ref_end
        return found


#: Words before a place name that belong to it (`Kota Medan`, `Provinsi Jawa Timur`).
_PLACE_NOUNS = lexicon.words("place_nouns")
_MAGNITUDES = lexicon.words("magnitudes")
_COMPASS_POINTS = lexicon.words("compass_points")
#: Verbs that open reported speech after the speaker's name (`Ratna meyakini`, `Budi mengatakan`).
SPEECH_OPENERS = frozenset(row["cue"] for row in lexicon.table("reporting_verbs.tsv")
                            if row["position"] == "before" and len(row["cue"].split()) == 1)


#: First words of the name of a body, never of a person's name.
_BODY_HEADS = lexicon.words("body_heads")
#: Words that may follow a clause's subject (`Galih Pratama Putra juga ...`, `... yang ...`).
_AFTER_SUBJECT = lexicon.words("after_subject")
#: `Melansir`, `Mengutip`: a verb citing the outlet, opening a sentence (`Melansir AFP, ...`).
_CITATION_OPENERS = lexicon.words("citation_openers")
#: `GB`, `GHz`: units of a device's specification (`RAM 6 GB` is no organisation).
_PRODUCT_UNITS = lexicon.words("product_units")
#: A rank's word that is the body's own after its head: `Direktorat Jenderal Pajak`, `Sekretariat Jenderal DPR`.
_BODY_TITLE_WORDS = frozenset(tuple(phrase.split()) for phrase in lexicon.words("body_title_words"))
#: A body named after the area it serves: `Dinas Perhubungan Provinsi` + `Sulawesi Tenggara`.
_AREA_WORDS = lexicon.words("area_words")
#: First words of an election's name (`Pilkada DKI`), which is no entity: the place in it is one.
_ELECTION_WORDS = lexicon.words("election_words")
#: First words of laws and competitions, which are no entities (`UU RI`, `Piala Presiden`).
_NOT_ENTITY_HEADS = lexicon.words("not_entity_heads")
#: The number of a numbered unit: `Komisi III DPR`, `Komisi 1 DPR`.
_UNIT_NUMBER = re.compile(r"[IVXL]+|\d{1,2}")

#: Inside a person's name without being a title or a separate name.
_NAME_JOINERS = frozenset({"-", ".", "'", "’"})
_NAME_PARTICLES = lexicon.words("name_particles")
_BALINESE_BIRTH_NAMES = lexicon.words("balinese_birth_names")


@cache
def _after_cue_name() -> re.Pattern[str]:
    """A closing quotation mark, a reporting verb and the capitalised words after it; or a passive reporting
    verb that only reports (`diakui Novel`, `ditambahkan Wiranto`; not `disebut`, which also names) and the
    capitalised words of its agent, the statement going on in lower case."""
    rows = lexicon.table("reporting_verbs.tsv")
    verbs = sorted({row["cue"] for row in rows
                    if row["position"] in ("after", "quoted") and not row["cue"].endswith("nya")
                    and len(row["cue"].split()) == 1}, key=lambda v: -len(v))
    passives = sorted({row["cue"] for row in rows if row["position"] == "passive"} - NAMING_PASSIVES,
                      key=lambda v: -len(v))
    alternation = "|".join(re.escape(v) for v in verbs)
    honorifics = "|".join(re.escape(a) for a in tokenizer_abbreviations() if re.fullmatch(r"[A-Z]\w{0,3}\.", a))
    return re.compile(rf"(?:[\"\u201d][^\S\n]*,?[^\S\n]*(?i:{alternation})"
                      rf"|\b(?:{'|'.join(re.escape(v) for v in passives)}))[^\S\n]+"
                      rf"(?:(?:{honorifics})[^\S\n]*)*"  # `ungkap Dr. Damar`: the honorific is no name
                      r"(?P<name>[A-Z][\w'-]+(?:[^\S\n]+[A-Z][\w'-]+){0,3})")


@cache
def _before_cue_name() -> re.Pattern[str]:
    """One or two capitalised words at a line's or sentence's start, or right after a quotation's closing
    mark (`"...," Joni Sitorus menambahkan.`), then (`pun`, `juga`) a `before` verb."""
    verbs = sorted({row["cue"] for row in lexicon.table("reporting_verbs.tsv") if row["position"] == "before"
                    and len(row["cue"].split()) == 1}, key=lambda v: -len(v))
    return re.compile(r"(?:^|(?<=[.!?][^\S\n])|(?<=\n)|(?P<quoted>(?<=[,!?][\"”][^\S\n])))"
                      r"(?P<name>[A-Z][a-z'-]+(?:[^\S\n]+[A-Z][a-z'-]+)?)"
                      rf"[^\S\n]+(?:(?:pun|juga)[^\S\n]+)?(?:{'|'.join(re.escape(v) for v in verbs)})\b", re.MULTILINE)


#: Passive reporting verbs that also name (`disebut Kota Hujan`, `dinilai Layak`): no person after them.
NAMING_PASSIVES = frozenset({"disebut", "dinilai"})


@cache
def _event_nouns() -> frozenset[str]:
    from warta.nlp.events import lexicon

    return frozenset(t for t, trigger in lexicon().items() if trigger.voice == "noun" and " " not in t)


def _bodies_with_their_area(doc: Doc, spans: list[Span]) -> list[Span]:
    """`[Dinas Perhubungan Provinsi] [Sulawesi Tenggara]` is one organisation:
    a body whose name ends in an area word takes the place that follows it; so does a body
    opened by a body head before an area opened by an area word (`[Dinas Kesehatan] [Kabupaten
    Bogor]`), whatever the model called the area (`Kabupaten Bogor` is never a person)."""
    by_start = {s.start: s for s in spans}
    out, absorbed = [], set()
    for span in sorted(spans, key=lambda s: s.start):
        if (span.start, span.end) in absorbed:
            continue
        place = by_start.get(span.end)
        area = place is not None and len(place) >= 2 and place.label_ != "ORG" and span[0].lower_ in _BODY_HEADS \
            and place[0].lower_ in _AREA_WORDS and place[0].text[:1].isupper()
        if span.label_ == "ORG" and place is not None and (area or (span[-1].lower_ in _AREA_WORDS
                                                                    and place.label_ in PLACE_LABELS)):
            merged = _respan(span, end=place.end, label="ORG")
            out.append(merged)
            absorbed.add((place.start, place.end))
            continue
        out.append(span)
    return out


def _common_noun_abbreviations(doc: Doc) -> set[str]:
    """Short forms the text defines as common nouns: `standar operasional prosedur (SOP)`,
    `calon presiden (capres)`. The words before the brackets are in lower case and the short
    form is spelled by their beginnings, in order; it names nothing, here or later in the text."""
    found = set()
    for i in range(1, len(doc) - 2):
        if doc[i].text != "(" or doc[i + 2].text != ")" or not doc[i + 1].is_alpha:
            continue
        short = doc[i + 1].text
        words: list[str] = []
        j = i - 1
        while j >= 0 and len(words) < len(short) and doc[j].is_lower and doc[j].is_alpha:
            words.insert(0, doc[j].lower_)
            j -= 1
        if any(_spelled_by_beginnings(short.lower(), words[-n:]) for n in range(2, len(words) + 1)):
            found.add(short)
    return found


def _spelled_by_beginnings(short: str, words: list[str]) -> bool:
    """Is `short` the beginnings of `words` run together, each word giving at least one letter?"""
    if not words:
        return not short
    first, rest = words[0], words[1:]
    return any(short[:k] == first[:k] and _spelled_by_beginnings(short[k:], rest)
               for k in range(1, min(len(first), len(short) - len(rest)) + 1))


def _named_in_a_law_or_competition(doc: Doc, span: Span) -> bool:
    """`UU KPK`, `revisi UU Polri`, `Piala FA`: an organisation right after the first word of a law or a
    competition names the law or the competition, which is no entity (docs/annotation.md)."""
    if span.label_ != "ORG" or span.start == 0:
        return False
    before = doc[span.start - 1]  # written as a name (`UU`, `Piala`), not the common noun (`bantuan Interpol`)
    return before.lower_ in _NOT_ENTITY_HEADS and before.text[:1].isupper()


def _without_opening_noun(doc: Doc, span: Span) -> Span:
    """`[Usulan Indonesia]`, `[Seruan Uni] Afrika`, `[Pujian Presiden] Prancis`: the
    model takes the capitalised noun that opens a sentence into the organisation
    or place after it. An event noun of the event lexicon (usulan, seruan,
    kunjungan) is no name word; `Kementerian`, `Ikatan` are, and stay. Nor is a verb citing the outlet
    (`Melansir AFP, ...`), nor any derived verb opening the sentence (`Diduga Ridwan menerima`)."""
    first = span[0]
    if len(span) >= 2 and first.is_sent_start and first.lower_ in _CITATION_OPENERS and span[1].text[:1].isupper():
        return _respan(span, start=span.start + 1)  # `[Melansir AFP]`: the outlet, whatever its label
    if len(span) >= 2 and span[1].text[:1].isupper() and _opening_verb(span[:1]):
        return _respan(span, start=span.start + 1)  # `[Diduga Ridwan] menerima uang`: a verb opens the sentence
    if span.label_ == "PER" or len(span) < 2 or not first.is_sent_start or not span[1].text[:1].isupper():
        return span
    if first.lower_ not in _event_nouns():
        return span
    trimmed = _respan(span, start=span.start + 1)
    return trimmed


#: A headline is in title case when at least this share of its words of four
#: letters or more start with a capital (`Bahlil Tinjau Smelter Morowali`),
#: not counting the short words title case leaves in lower case.
TITLE_CASE_SHARE = 0.9
_TITLE_CASE_LOWER = lexicon.words("title_case_lowercase")


#: Products and apps (`Android 8.1 Oreo`, `Play Store`), English common words (`Stories`, `Full`) and the cues
#: before a work's title (`lagu`, `film`, `bertajuk`): none of these is an entity (docs/annotation.md).
_PRODUCT_NAMES = tuple(tuple(name.split()) for name in lexicon.words("product_names"))
_ENGLISH_COMMON_WORDS = lexicon.words("english_common_words")
_WORK_CUES = lexicon.words("work_cues")
_PRODUCT_CUES = lexicon.words("product_cues")
#: Cues after which a name is a title whatever the model called it (`bertajuk Susah Sinyal`).
_TITLE_CUES = frozenset({"bertajuk", "berjudul"})
_QUOTE_MARKS = frozenset('"“”\'‘’')


def _works_and_products(doc: Doc, spans: list[Span]) -> list[Span]:
    """Names that are no entities although the model reads them as ones (docs/annotation.md), with every
    repeat of the same text: a product or app from `words/product_names` and whatever starts with one
    (`Gmail Go`, `iPhone X`); the title of a work after `lagu`, `film`, `album` (`film Susah Sinyal`,
    `lagu "Perfect"`), though a person right after `lagu` without a quotation mark is more likely the singer
    (`lagu Raisa`), so that one stays unless the cue is `bertajuk`/`berjudul`; and a lone English common word
    (`fitur Stories`, `Full HD`'s `Full`) that is not part of a longer name kept in the article. Gazetteer
    names are never dropped: the company behind a product (`Google`) is an organisation."""
    dropped: set[str] = set()
    for span in spans:
        if span._.source not in ("model", "consistency"):
            continue
        words = tuple(t.text for t in span)
        if any(words[:len(name)] == name for name in _PRODUCT_NAMES):
            dropped.add(span.text)
            continue
        model = _model_of_a_company(span)
        if model is not None:
            dropped.update((span.text, model))
            continue
        i = span.start - 1
        quoted = i >= 0 and doc[i].text in _QUOTE_MARKS
        if quoted:
            i -= 1
        if i >= 0 and doc[i].lower_ in _WORK_CUES and (quoted or span.label_ != "PER" or doc[i].lower_ in _TITLE_CUES):
            dropped.add(span.text)
        elif span.start > 0 and doc[span.start - 1].lower_ in _PRODUCT_CUES:
            dropped.add(span.text)  # `indeks Hang Seng`, `kartu OK Otrip`: whatever the model read
    in_longer = {t.text for s in spans if len(s) > 1 and s.text not in dropped for t in s}
    return [s for s in spans if s._.source not in ("model", "consistency")
            or not (s.text in dropped or (len(s) == 1 and s.text in _ENGLISH_COMMON_WORDS and s.text not in in_longer))]


def _areas_before_ranks(doc: Doc, spans: list[Span]) -> list[Span]:
    """`Kapolres Kotim AKBP Abdul Aziz`: the area between a regional title and a rank (warta.nlp.unit_areas)
    is a place, where the model or the title's holder rule read a person (`Kotim`, `Dharmasraya AKBP`); the
    rank that a person's span took along goes with it. A place or body found there stays as it is."""
    areas = areas_before_ranks(doc)
    if not areas:
        return spans
    out, placed = [], set()
    for span in spans:
        area = next(((start, end) for start, end in areas if start <= span.start < end), None)
        if area is None or span.label_ != "PER":
            out.append(span)
        elif area not in placed:
            placed.add(area)
            place = Span(doc, *area, label="LOC")
            place._.source = span._.source
            out.append(place)
    return out


def _with_company_forms(doc: Doc, spans: list[Span]) -> list[Span]:
    """`PT Krakatau Steel (Persero) Tbk`: an organisation takes the legal forms written after its name
    (warta.nlp.company_forms); a name read inside them (`Persero`) goes, one that runs on past them is cut
    to what follows (`Tbk Kartika Wirjoatmodjo` -> `Kartika Wirjoatmodjo`)."""
    grown = {}
    for span in spans:
        if span.label_ == "ORG":
            end = form_end(doc, span.end)
            if end > span.end:
                grown[span.start, span.end] = end
    if not grown:
        return spans
    forms = [(end, stop) for (_, end), stop in grown.items()]
    out = []
    for span in spans:
        if (span.start, span.end) in grown:
            out.append(_respan(span, end=grown[span.start, span.end]))
            continue
        inside = next(((end, stop) for end, stop in forms if end <= span.start < stop), None)
        if inside is None:
            out.append(span)
        elif span.end > inside[1]:
            out.append(_respan(span, start=inside[1]))
    return out


_COMPANY_NAME_WORDS = lexicon.words("company_name_words")
_COMPANY_CUES = frozenset(row["cue"] for row in lexicon.table("company_cues.tsv"))


def _companies_read_as_people(doc: Doc, spans: list[Span]) -> list[Span]:
    """`startup UnionSpace`, `perusahaan Didi Chuxing`: in technology and business news the model reads many a
    company as a person. A person-read name right after a company cue (lexicons/company_cues.tsv) or closed
    by a company's word (`Adira Finance`, relabelled in `_relabel`) is an organisation, and so is every repeat
    of it the model read as a person, and its first word standing alone (`Adira`) unless that word also opens
    or closes a person's name in the article."""
    def cued(span: Span) -> bool:
        if span.start == 0:
            return False
        before = doc[span.start - 1]
        return before.text in _COMPANY_CUES or before.lower_ in _COMPANY_CUES  # `PT` as written, `pt` is none
    companies = {s.text for s in spans if s._.source == "model" and len(s) >= 2 and (
        (s.label_ == "PER" and cued(s)) or (s.label_ == "ORG" and s[-1].text in _COMPANY_NAME_WORDS))}
    companies |= {s.text for s in spans if s._.source == "model" and s.label_ == "PER" and len(s) == 1
                  and cued(s) and s[0].text[:1].isupper() and len(s.text) > 1}
    if not companies:
        return spans
    people = {s.text for s in spans if s.label_ == "PER" and len(s) >= 2 and s.text not in companies}
    names_of_people = {word for person in people for word in (person.split()[0], person.split()[-1])}
    first_words = {c.split()[0] for c in companies if " " in c} - names_of_people
    return [_respan(s, label="ORG") if s._.source in ("model", "consistency") and s.label_ == "PER"
            and (s.text in companies or s.text in first_words) else s for s in spans]


@cache
def _company_names() -> dict[tuple[str, ...], str]:
    """The words of every company's name and alias in the gazetteer (`Hyundai`, `Toyota`)."""
    return {tuple(surface.split()): organization.name for organization in gazetteer.organizations()
            if organization.type == "BUS" for surface in (organization.name, *organization.aliases)}


def _model_of_a_company(span: Span) -> str | None:
    """`Hyundai Kona`, `Toyota C - HR`: a company's name followed by words that are neither a place nor a
    word of company names (`Hyundai Motor Group`, `Google Indonesia`) is a model the company makes, which is
    no entity; returns the model's own name (`Kona`), which is dropped where it stands alone too."""
    words = [t.text for t in span]
    for size in range(len(words) - 1, 0, -1):
        if tuple(words[:size]) in _company_names():
            tail = span[size:]
            if any(t.text in _COMPANY_NAME_WORDS or t.lower_ in gazetteer.place_index() for t in tail) \
                    or not tail[0].text[:1].isalnum():
                return None
            return tail.text
    return None


def _people_listed_with_people(doc: Doc, spans: list[Span]) -> list[Span]:
    """`Matip, Klavan, Robertson`; `11 - Wilfred Zaha; 17 - Christian Benteke`: a line-up or a list of
    players names people, so a name the model read as a body or a place between two people, with nothing but
    punctuation and numbers (shirt numbers, minutes) around it, is a person too, and so is the last name of
    the list at the end of its line; so are the name's other mentions. Gazetteer names keep their label: a list
    may well mix people and the clubs or countries they come from."""
    ordered = sorted(spans, key=lambda s: s.start)

    def only_marks(start: int, end: int) -> bool:
        return start < end and all(t.is_punct or t.like_num or t.text in "’'" for t in doc[start:end]) \
            and any(t.text in (",", ";") for t in doc[start:end])

    def list_ends(end: int) -> bool:  # the last of a line-up: `17 - Christian Benteke` at the end of its line
        return end == len(doc) or "\n" in doc[end].text or (doc[end].text == "." and bool(doc[end].is_sent_end))

    people: set[str] = set()
    for k, span in enumerate(ordered):
        before = ordered[k - 1] if k else None
        after = ordered[k + 1] if k + 1 < len(ordered) else None
        if span.label_ != "PER" and span._.source in ("model", "consistency") and before is not None \
                and before.label_ == "PER" and only_marks(before.end, span.start) \
                and ((after is not None and after.label_ == "PER" and only_marks(span.end, after.start))
                     or list_ends(span.end)):
            people.add(span.text)
    return [_respan(s, label="PER") if s.text in people and s._.source in ("model", "consistency") else s
            for s in ordered]


def _in_dateline(span: Span) -> bool:
    """The span is the place of the dateline opening its sentence (`Jakarta, CNN Indonesia - -`),
    as warta.nlp.actors reads datelines."""
    from warta.nlp.actors import dateline_end

    end = dateline_end(span.sent)
    return end is not None and span.end <= end


def _headline_names(doc: Doc, spans: list[Span], known: list[Span]) -> list[Span]:
    """In a title-case headline the capitals say nothing: the model reads `Bahlil Tinjau Smelter Morowali`
    or `AHY Sebut Proyek Tanggul Laut Dimulai` as one name. There a name the model found stands only if the
    body names it with the same words (then with the body's label); otherwise the gazetteer's names inside
    it take its place (`AHY`), and the words the body does name come back through `_consistency`
    (`Kampung Bayam`, `Anies`). The speaker part of `Kemenlu Cina: ...` is a name, not prose: it stands.
    The headlines of other stories that sites leave in the body (`Baca juga: Djarot Minta Satpol PP Bongkar
    Bedeng`) are read the same way."""
    headlines = _headline_lines(doc.text)
    if not headlines:
        return spans
    title_end = doc.text.find("\n\n")
    colon = doc.text.find(":", 0, title_end) if headlines[0][0] == 0 else -1

    def headline_of(span: Span) -> tuple[int, int] | None:
        return next(((a, b) for a, b in headlines if a <= span.start_char and span.end_char <= b), None)

    body = {tuple(t.text for t in s): s.label_ for s in spans if headline_of(s) is None}
    kept: list[Span] = []
    for span in spans:
        if span._.source != "model" or headline_of(span) is None or span.end_char <= colon:
            kept.append(span)
            continue
        label = body.get(tuple(t.text for t in span))
        if label is None:
            kept += [k for k in known if span.start <= k.start and k.end <= span.end]
        elif label != span.label_:
            kept.append(Span(doc, span.start, span.end, label=label))
        else:
            kept.append(span)
    return kept


def _headline_lines(text: str) -> list[tuple[int, int]]:
    """Where the text has title-case headlines: its own title, and lines of the body that are another story's
    headline (a short title-case line without a full stop, after `Baca juga:` or alone)."""
    found = []
    title_end = text.find("\n\n")
    if title_end > 0 and is_title_case(text[:title_end]):
        found.append((0, title_end))
    start = max(title_end, 0)
    for line in re.finditer(r"[^\n]+", text[start:]):
        headline = line.group().split(": ", 1)[-1]  # `Baca juga: ...`
        words = headline.split()
        # a line-up (`Ter Stegen, Kimmich, Rudiger, Mustafi`) is names, not a headline
        if 3 <= len(words) <= 16 and not headline.rstrip().endswith((".", "\"", "”")) \
                and headline.count(",") <= 1 and is_title_case(headline):
            found.append((start + line.end() - len(headline), start + line.end()))
    return found


def is_title_case(title: str) -> bool:
    words = [w for w in re.findall(r"[^\W\d_]{4,}", title) if w not in _TITLE_CASE_LOWER]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) >= TITLE_CASE_SHARE * len(words)


#: (words, first | last) -> label, from lexicons/name_heads.tsv.
_NAME_HEADS = {(tuple(row["words"].split()), row["at"]): row["label"] for row in lexicon.table("name_heads.tsv")}


def _labelled_by_head(span: Span) -> Span:
    """`Istana Kepresidenan`, `RS Sumber Waras` are places; `Universitas Oxford`, `Sango Corporation`
    organisations (lexicons/name_heads.tsv), whatever the model called them. Gazetteer names keep theirs."""
    if span._.source not in ("model", "consistency") or len(span) < 2:
        return span
    words = [t.lower_ for t in span]
    label = next((label for (heads, at), label in _NAME_HEADS.items()
                  if (words[:len(heads)] if at == "first" else words[-len(heads):]) == list(heads)), None)
    if label is None or label == span.label_ or (label == "LOC" and span.label_ == "GPE"):
        return span
    relabelled = _respan(span, label=label)
    return relabelled


#: Heads of an embassy's name, which take the state after them (`Kedutaan Besar Thailand`).
_EMBASSY_HEADS = frozenset(tuple(phrase.split()) for phrase in lexicon.words("embassy_heads"))


def _first_org_heads() -> dict[int, frozenset[tuple[str, ...]]]:
    by_length: dict[int, set[tuple[str, ...]]] = {}
    for (words, at), label in _NAME_HEADS.items():
        if at == "first" and label == "ORG":
            by_length.setdefault(len(words), set()).add(words)
    return {length: frozenset(by_length[length]) for length in sorted(by_length, reverse=True)}


#: First words of organisations' names (name_heads.tsv, `at` first, label ORG), by length, longest first:
#: a head is looked up by the words before a span, not tried one by one.
_FIRST_ORG_HEADS = _first_org_heads()


def _heads_left_out(doc: Doc, spans: list[Span]) -> list[Span]:
    """`Komisi [Nasional Perlindungan Anak]`, `Direktorat Jenderal [Pembangunan Kawasan Perdesaan]`: the model
    may leave out the capitalised head of an organisation's name (lexicons/name_heads.tsv, first ORG) and read
    the rest as a person; the head and the rest are one organisation. An embassy's head takes the state after
    it (`Kedutaan Besar [Thailand]`); no other head takes a place."""
    covered = {i for s in spans for i in range(s.start, s.end)}
    lowers = _lowers(doc)
    out = []
    for span in spans:
        if span._.source in ("model", "consistency", "gazetteer"):
            # `Fakultas Kedokteran [Universitas Udayana]`: before an organisation, the head may open a word
            # or two of its own
            gaps = (0, 1, 2) if span.label_ == "ORG" else (0,)
            for gap, (length, heads) in product(gaps, _FIRST_ORG_HEADS.items()):
                start = span.start - length - gap
                words = tuple(lowers[max(start, 0):start + length])
                if start < 0 or words not in heads or any(i in covered for i in range(start, span.start)):
                    continue
                if not all(t.text[:1].isupper() and t.is_alpha for t in doc[start:span.start]):
                    continue
                place = span.label_ in PLACE_LABELS
                if (place and words in _EMBASSY_HEADS) or (not place and span._.source != "gazetteer"):
                    span = _respan(span, start=start, label="ORG")
                    span._.source = "model" if span._.source == "gazetteer" else span._.source
                break
        out.append(span)
    return out


_PARENTHESES = re.compile(r"\s*\([^()]*\)")


def _generations_joined(doc: Doc, spans: list[Span]) -> list[Span]:
    """`Joseph F Dunford, Jr.`: the generation after a person's name (and a comma) is part of the name,
    not a person of its own."""
    joined = []
    for span in spans:
        suffix = span.end + (1 if span.end < len(doc) and doc[span.end].text == "," else 0)
        if span.label_ == "PER" and suffix < len(doc) and doc[suffix].lower_ in _GENERATION_SUFFIXES:
            dot = suffix + 1 < len(doc) and doc[suffix + 1].text == "." and not doc[suffix].whitespace_
            span = _respan(span, end=suffix + (2 if dot else 1), label="PER")
        joined.append(span)
    return [s for s in joined if not (s.label_ == "PER" and s.text.lower() in _GENERATION_SUFFIXES)]


def _balanced(span: Span) -> Span | None:
    """`[Pusat Penerangan Hukum (Kapuspenkum] ) Kejagung`: a name never holds half of a pair of parentheses;
    the span ends before an opening one it does not close (and starts after a closing one it did not open),
    and is none where nothing is left."""
    depth, cut = 0, None
    for token in span:
        if token.text == "(":
            depth += 1
            cut = token.i if depth == 1 else cut
        elif token.text == ")":
            depth -= 1
            if depth < 0:
                return _balanced(_respan(span, start=token.i + 1)) if token.i + 1 < span.end else None
            cut = None if depth == 0 else cut
    if depth == 0:
        return span
    return _respan(span, end=cut) if cut is not None and cut > span.start else None


def _respan(span: Span, *, start: int | None = None, end: int | None = None, label: str | None = None) -> Span:
    """`span` with other bounds or another label, keeping where it came from (`_.source`)."""
    changed = Span(span.doc, span.start if start is None else start, span.end if end is None else end,
                   label=span.label_ if label is None else label)
    changed._.source = span._.source
    return changed


def _one_label_per_name(doc: Doc, spans: list[Span]) -> list[Span]:
    """One name, one kind of thing within an article: the model reads each mention from its own few
    words, so a company named a dozen times (`First Travel`) comes out a place after `dari`, a person
    after `dengan` and an organisation once. A mention the text itself labels (`_label_the_text_gives`)
    takes that label, and so does every other mention of its name the model read; where no mention is
    labelled by the text and the model's mentions of a name disagree (a place used as a state, LOC or
    GPE, is one kind), the name takes the label most of them have; a tie changes nothing. Names found
    another way (gazetteer, titles, cues) are left as they are."""
    kind = {"GPE": "LOC"}
    by_name: dict[tuple[str, ...], list[Span]] = {}
    for span in spans:
        if span._.source == "model":
            by_name.setdefault(tuple(t.text for t in span), []).append(span)
    organisation_ends = {s.end for s in spans if s.label_ == "ORG"}
    person_words = {t.text for s in spans if s.label_ == "PER" and len(s) >= 2 for t in (s[0], s[-1])}
    relabel: dict[int, str] = {}
    for name, mentions in by_name.items():
        given = Counter(label for s in mentions
                        if (label := _label_the_text_gives(doc, s, organisation_ends)) is not None
                        and not (label == "ORG" and len(name) == 1 and name[0] in person_words))
        votes = given or Counter(kind.get(s.label_, s.label_) for s in mentions)
        if len(votes) == 1 and not given:
            continue
        ranked = votes.most_common(2)
        if len(ranked) == 2 and ranked[0][1] == ranked[1][1]:
            continue
        label = ranked[0][0]
        relabel.update({s.start: label for s in mentions if kind.get(s.label_, s.label_) != label})
    if not relabel:
        return spans
    return [_respan(s, label=relabel[s.start]) if s._.source == "model" and s.start in relabel else s for s in spans]


def _label_the_text_gives(doc: Doc, span: Span, organisation_ends: AbstractSet[int]) -> str | None:
    """The label the words around a name give it, whatever the model read: a short form in parentheses
    right after an organisation's full name (`PT First Anugerah Karya Wisata (First Travel)`) and a name
    right after an outlet cue (`dilansir Huffington Post`, lexicons/outlet_cues.tsv) are organisations; a
    name read as a person right after a place noun in lower case (`kota Raqqa`) is a place."""
    at = span.start
    if at >= 2 and doc[at - 1].text == "(" and at - 1 in organisation_ends \
            and span.end < len(doc) and doc[span.end].text == ")":
        return "ORG"
    if _after_outlet_cue(doc, at):
        return "ORG"
    if span.label_ == "PER" and at > 0 and doc[at - 1].lower_ in _PLACE_NOUNS and doc[at - 1].is_lower:
        return "LOC"
    return None


_OUTLET_CUES = frozenset(row["cue"] for row in lexicon.table("outlet_cues.tsv"))


def _after_outlet_cue(doc: Doc, at: int) -> bool:
    """Whether token `at` comes right after an outlet cue of one or two words (`dilansir`, `dikutip dari`)."""
    return at > 0 and (doc[at - 1].lower_ in _OUTLET_CUES
                       or (at > 1 and f"{doc[at - 2].lower_} {doc[at - 1].lower_}" in _OUTLET_CUES))
#: Descriptions by which the news names a body (`korps bhayangkara`), as written -> the body's name.
_BODY_EPITHETS = {row["phrase"]: row["organization"] for row in lexicon.table("body_epithets.tsv")}


def _outlets_after_cues(doc: Doc, spans: list[Span]) -> list[Span]:
    """`Melansir Daily Kinabalu, ...`: capitalised words right after an outlet cue name the outlet, an
    organisation even where the model saw no name (one to four words; `Detik.com` counts as one)."""
    taken = {i for s in spans for i in range(s.start, s.end)}
    added = []
    for at in range(1, len(doc)):
        if at in taken or not doc[at].text[:1].isupper() or not _after_outlet_cue(doc, at):
            continue
        end = at
        while end < len(doc) and end - at < 4 and end not in taken and doc[end].text[:1].isupper() \
                and doc[end].text.replace(".", "").replace("-", "").isalnum():
            end += 1
        span = Span(doc, at, end, label="ORG")
        span._.source = "cue"
        added.append(span)
        taken.update(range(at, end))
    return filter_spans(spans + added) if added else spans


def _acronyms_inside_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """`Komisi Pemilihan Umum (KPU) DKI Jakarta`, `Badan Reserse Kriminal (Bareskrim) Polri`: an acronym in
    parentheses inside a body's name, with the name going on right after it with a place or a parent body
    written in one word, is one organisation (docs/annotation.md), not the body, its acronym and a place.
    A longer name after the parentheses is more often the holder of a title the model misread
    (`Kepala ... Badan Nasional Penanggulangan Bencana (BNPB) Sutopo Purwo Nugroho`)."""
    by_start = {s.start: s for s in spans}
    out: list[Span] = []
    inside: set[int] = set()
    for span in sorted(spans, key=lambda s: s.start):
        if span.start in inside:
            continue
        end = span.end
        after = by_start.get(end + 3)
        if span.label_ == "ORG" and end + 3 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")" \
                and any(c.isupper() for c in doc[end + 1].text) and after is not None \
                and (after.label_ in PLACE_LABELS or (after.label_ == "ORG" and len(after) == 1)):
            inside.update(s.start for s in spans if span.end <= s.start < after.end)
            span = _respan(span, end=after.end, label="ORG")
        out.append(span)
    return out


def _place_nouns_joined(doc: Doc, spans: list[Span]) -> list[Span]:
    """`merendam Kabupaten Dompu`, `Pemerintah Republik Jerman`: a place noun written with a capital
    (lexicons/words/place_nouns.txt) right before a place the model found is part of the place's name,
    as the guidelines take it, except where it opens a sentence (`Wilayah Karoo ...`) or belongs to a
    title (`Wali Kota Bogor`: `Bogor` alone)."""
    taken = {i for s in spans for i in range(s.start, s.end)}
    out = []
    for span in spans:
        at = span.start - 1
        if span.label_ in PLACE_LABELS and at >= 1 and at not in taken and doc[at].is_title \
                and doc[at].lower_ in _PLACE_NOUNS and not doc[at].is_sent_start \
                and doc[at - 1].lower_ not in _TITLE_BEFORE_PLACE_NOUN:
            span = _respan(span, start=at, label="LOC")
        out.append(span)
    return out


_PLACE_BREAKS = lexicon.words("place_breaks")
_FACILITIES_BEFORE_CITY = lexicon.words("facilities_before_city")
_FACILITY_NAME_ADJECTIVES = lexicon.words("facility_name_adjectives")

#: `Wali Kota`, `Wakil Wali Kota`: the place noun is the title's word.
_TITLE_BEFORE_PLACE_NOUN = lexicon.words("place_noun_titles")


def _hyphenated_given_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """`Kim Jong - un`, `Moon Jae - in`: the model stops a Korean name at the hyphen of its given name,
    whose second syllable is written in lower case."""
    taken = {i for s in spans for i in range(s.start, s.end)}
    out = []
    for span in spans:
        if span.label_ == "PER" and len(span) > 2 and span[-1].text == "-":
            span = _respan(span, end=span.end - 1)  # `Kim Jong -`: the syllable after it decides
        end = span.end
        if span.label_ == "PER" and end + 1 < len(doc) and doc[end].text == "-" and end + 1 not in taken \
                and doc[end + 1].is_lower and doc[end + 1].is_alpha and len(doc[end + 1].text) <= 4 \
                and doc[end + 1].lower_ not in _SUFFIXES_AFTER_HYPHEN and len(span[-1].text) <= 5:
            span = _respan(span, end=end + 2)
        out.append(span)
    return out


#: Words after a name (and a comma) that tell one generation of a family from another: part of the name.
_GENERATION_SUFFIXES = frozenset({"jr", "sr"})
#: `Jokowi - nya`, `tahun 90 - an`: Indonesian suffixes after a hyphen are no syllable of a name.
_SUFFIXES_AFTER_HYPHEN = lexicon.words("hyphen_suffixes")


def _places_named_with_their_noun(doc: Doc, spans: list[Span]) -> list[Span]:
    """`di Desa Sidoa, Alitupu, Wuasa dan Dodolo`; `Desa Alitupu` ... `Alitupu`: names listed after a place
    noun and its place, or named elsewhere in the article with that noun, are places, even where the model
    reads unknown village names as people. Only the model's own readings change."""
    named = {tuple(t.text for t in s[1:]) for s in spans
             if s.label_ == "LOC" and len(s) >= 2 and s[0].lower_ in _PLACE_NOUNS}
    by_start = {s.start: s for s in spans}
    listed: set[int] = set()
    for span in spans:
        if span.label_ != "LOC" or len(span) < 2 or span[0].lower_ not in _PLACE_NOUNS:
            continue
        at = span.end
        while at + 1 < len(doc) and doc[at].text in (",", "dan", "serta"):
            at += 2 if at + 2 < len(doc) and doc[at].text == "," and doc[at + 1].lower_ in ("dan", "serta") else 1
            item = by_start.get(at)
            if item is None or item._.source != "model" or len(item) > 2:
                break
            listed.add(item.start)
            at = item.end
    out = []
    for span in spans:
        if span.label_ in ("PER", "ORG") and span._.source == "model" and (
                span.start in listed or tuple(t.text for t in span) in named):
            span = _respan(span, label="LOC")
        out.append(span)
    return out


def _clause_goes_on(doc: Doc, at: int) -> bool:
    """Does what follows token `at` read as the rest of a clause whose subject ends there (`... Galih Pratama
    Putra menyerahkan`, `..., Sarfraz Bugti.`), rather than more of a body's name (`Observatorium Suriah untuk
    Hak Asasi Manusia`, `... di London`)?"""
    if at >= len(doc) or doc[at].is_punct:
        return True
    word = doc[at].lower_
    return doc[at].is_lower and (word in _AFTER_SUBJECT or bool(_VERB_PREFIX.fullmatch(word)))


def _initial(text: str) -> bool:
    """`M`, `M.`: one capital letter, with or without its dot."""
    return len(text.rstrip(".")) == 1 and text[:1].isupper()


def _model_number(text: str) -> bool:
    """`C9`, `S8`, `v6.0.1`, `X1`: letters and digits in one word, as products are numbered (not `G20` alone)."""
    return any(ch.isdigit() for ch in text) and any(ch.isalpha() for ch in text)


#: Words right before a short name in capitals that make it a person's initials (lexicons/initials_cues.tsv).
#: Each cue says whether a body's short form the gazetteer knows is a person after it (`berinisial MA`).
_INITIALS_CUES = {row["cue"]: row["known"] == "yes" for row in lexicon.table("initials_cues.tsv")}


def _initials_shaped(text: str) -> bool:
    """One to four capitals, as news writes a suspect's or a minor's initials (`IY`, `NYD`)."""
    return 1 <= len(text) <= 4 and text.isalpha() and text.isupper()


def _acronym(text: str) -> bool:
    return len(text) >= 3 and text.isupper()


def _is_capital(surface: str) -> bool:
    return any(p.capital for p in gazetteer.place_index().get(surface.lower(), ()))


def _unusual_name(text: str) -> bool:
    """Name words the model tends to stop at: accented (Gusmão, José) or
    hyphenated (Jong-un), but not reduplications (Kata-kata)."""
    if not text.isascii():
        return True
    left, _, right = text.partition("-")
    return bool(right) and right.lower() != left.lower()


#: Prefixes of Indonesian verbs: a capitalised word opening a sentence with one is a verb, not a name.
_VERB_PREFIX = re.compile(r"(?:me|be|di|ter)[a-z]{4,}")


def _opening_verb(span: Span) -> bool:
    """`Memanfaatkan fitur story, Taeyeon ...`, `Berdasarkan data ...`: the model reads the capitalised verb
    opening a sentence as a name. A one-word span there that is a derived dictionary word is none."""
    token = span[0]
    return len(span) == 1 and bool(token.is_sent_start) and bool(_VERB_PREFIX.fullmatch(token.lower_)) \
        and _derived_word(token.lower_)


def _prefixed_word(word: str) -> bool:
    """A dictionary word with a verb's prefix (`bersaudara`, `menyerahkan`): no word of a name."""
    return bool(_VERB_PREFIX.fullmatch(word)) and _derived_word(word)


def _common_word(word: str) -> bool:
    """An Indonesian dictionary word (Sastrawi's root list) or a derivation of one."""
    return word in lexicon.root_words() or _derived_word(word)


def _derived_word(word: str) -> bool:
    from warta.search.stemmer import default_stemmer

    if not word.isalpha():
        return False
    stem = default_stemmer().stem(word)
    return stem != word and stem in lexicon.root_words()


def _lowers(doc: Doc) -> list[str]:
    """Lower-cased token texts, computed once per Doc (title lookups are hot).
    Whitespace and punctuation become "" so no title spans them."""
    cached = doc.user_data.get("warta_lowers")
    if cached is None or len(cached) != len(doc):
        cached = ["" if t.is_space or t.is_punct else t.lower_ for t in doc]
        doc.user_data["warta_lowers"] = cached
    return cached


def _in_order(needle: list[str], haystack: list[str]) -> bool:
    """All of `needle`'s words appear in `haystack` in the same order."""
    remaining = iter(haystack)
    return all(word in remaining for word in needle)


@Language.factory(
    "warta_entities",
    requires=["doc.sents"],
    assigns=["doc.ents", "span._.role", "span._.role_title", "span._.role_start", "span._.canonical",
             "span._.entity_id", "span._.attributes", "span._.source", "doc._.role_mentions"],
)
def make_entity_resolver(nlp: Language, name: str) -> EntityResolver:
    return EntityResolver(nlp, name)
