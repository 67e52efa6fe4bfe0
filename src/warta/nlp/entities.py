"""The `warta_entities` component: from raw NER spans to entities with identity.

It runs after the statistical `ner` and does what a model trained on a few
thousand sentences cannot:

1. **Gazetteers** add places and organisations the model missed, with the
   exact surface forms of `lexicons/` (`Korut`, `RIA Novosti`, `Pyongyang`).
   Where a gazetteer span and a model span overlap, the longer wins; on the
   very same span the gazetteer's label wins for known places and
   organisations.
2. **Stop list**: capitalised sentence openers (`Pernyataan`, `Sebelumnya`)
   are never entities on their own.
3. **Document consistency**: a person named in full once (`Kim Jong-un`) is
   the same person when the text says `Kim` alone, and any other unlabelled
   occurrence of an entity's exact text gets the same label.
4. **Roles**: the title right before a person (`Presiden Rusia Vladimir
   Putin`, `Menteri Luar Negeri Jepang Takeshi Iwaya`) is attached to the
   mention as its role.
5. **Canonical names**: short forms point at the full name (`Putin` ->
   `Vladimir Putin`), aliases at the gazetteer name (`Korut` -> `Korea Utara`);
   each span gets `span._.canonical` and a stable `span._.entity_id`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from warta.nlp import gazetteer

for _name, _default in (("canonical", None), ("entity_id", None), ("source", "model"), ("role", None),
                        ("role_start", None), ("attributes", None)):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=_default)

#: Labels the component emits. The model's labels are mapped onto these.
LABELS = ("PER", "ORG", "LOC")
LABEL_MAP = {"PERSON": "PER", "PPL": "PER", "PLACE": "LOC", "PLC": "LOC", "GPE": "LOC",
             "ORGANISATION": "ORG", "ORGANIZATION": "ORG", "IND": "ORG"}


def entity_id(label: str, name: str) -> str:
    """`PER`, `Vladimir Putin` -> `per:vladimir-putin` (stable across articles)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return f"{label.lower()}:{slug or 'x'}"


@cache
def _root_words() -> frozenset[str]:
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return frozenset(StemmerFactory().get_words())


class EntityResolver:
    def __init__(self, nlp: Language, name: str = "warta_entities"):
        self.name = name
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.surface_info: dict[str, tuple[str, str, dict]] = {}  # surface -> (label, canonical, attributes)
        patterns: dict[str, list[str]] = {"LOC": [], "ORG": []}
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
        tokenizer = nlp.tokenizer
        for label, surfaces in patterns.items():
            unique = sorted(set(surfaces))
            self.matcher.add(label, [tokenizer(s) for s in unique])
        self.stop = gazetteer.stop_entities()
        self.roles = self._role_forms()
        self.max_role_tokens = max((len(r.split()) for r in self.roles), default=1)

    @staticmethod
    def _role_forms() -> dict[str, tuple[str, bool]]:
        forms = {}
        for role in gazetteer.roles():
            for surface in (role.title, *role.aliases):
                forms[surface.lower()] = (role.title, role.takes_country)
        return forms

    # -- the component -----------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        spans = [self._relabel(span) for span in doc.ents]
        spans = [s for s in spans if s is not None]
        gazetteer_spans = self._gazetteer_spans(doc)
        spans = self._merge(spans, gazetteer_spans)
        spans = [s for s in spans if not self._is_stop(s)]
        spans = self._consistency(doc, spans)
        doc.ents = filter_spans(spans)
        self._canonicalize(doc)
        self._roles(doc)
        return doc

    def _relabel(self, span: Span) -> Span | None:
        label = LABEL_MAP.get(span.label_, span.label_)
        if label not in LABELS:
            return None
        if label == span.label_:
            return span
        return Span(span.doc, span.start, span.end, label=label)

    def _gazetteer_spans(self, doc: Doc) -> list[Span]:
        found = []
        roots = _root_words()
        for match_id, start, end in self.matcher(doc):
            span = Span(doc, start, end, label=doc.vocab.strings[match_id])
            if end - start == 1:
                token = doc[start]
                # A single capitalised common word opening a sentence ("Batu", "Bali"
                # are fine mid-sentence) is more likely the word than the place.
                if token.is_sent_start and token.lower_ in roots:
                    continue
            span._.source = "gazetteer"
            found.append(span)
        return found

    @staticmethod
    def _merge(model: list[Span], found: list[Span]) -> list[Span]:
        by_range = {(s.start, s.end): s for s in model}
        merged = list(model)
        for span in found:
            same = by_range.get((span.start, span.end))
            if same is not None:
                merged.remove(same)
            merged.append(span)
        return filter_spans(merged)

    def _is_stop(self, span: Span) -> bool:
        return len(span) == 1 and span.text in self.stop

    def _consistency(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """Label unlabelled repeats of known names, and people's short names."""
        taken = set()
        for span in spans:
            taken.update(range(span.start, span.end))
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
        return spans + added

    def _canonicalize(self, doc: Doc) -> None:
        people = sorted({s.text for s in doc.ents if s.label_ == "PER"}, key=lambda t: -len(t.split()))
        for span in doc.ents:
            canonical, attributes = span.text, None
            info = self.surface_info.get(span.text)
            if info and info[0] == span.label_:
                canonical, attributes = info[1], info[2]
            elif span.label_ == "PER":
                canonical = self._full_name(span.text, people)
            span._.canonical = canonical
            span._.attributes = attributes
            span._.entity_id = entity_id(span.label_, canonical)

    @staticmethod
    def _full_name(name: str, people: list[str]) -> str:
        """The one longer name in the document that contains all of `name`'s words."""
        words = name.split()
        candidates = {p for p in people if len(p.split()) > len(words)
                      and _contains_run(p.split(), words)}
        if len(candidates) == 1:
            return candidates.pop()
        return name

    def _roles(self, doc: Doc) -> None:
        for span in doc.ents:
            if span.label_ != "PER":
                continue
            start = span.start
            # Optional country or organisation between title and name:
            # "Presiden [Rusia] Vladimir Putin", "Menteri Luar Negeri [Jepang] ...".
            middle = start
            for other in doc.ents:
                if other.end == start and other.label_ in ("LOC", "ORG"):
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
                        break
                if span._.role:
                    break


def _contains_run(haystack: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return any(haystack[i:i + n] == needle for i in range(len(haystack) - n + 1))


@Language.factory("warta_entities")
def make_entity_resolver(nlp: Language, name: str) -> EntityResolver:
    return EntityResolver(nlp, name)
