"""The `warta_places` component: every location resolved to a gazetteer entry.

For each LOC or GPE entity the candidates are the gazetteer places with that
surface form (exact, case-insensitive: no substring search, which is how
`Moskow` would find Novomoskovsk). Among them, a place in a country the
article itself mentions wins (context), else the best-ranked one (countries
first, then population). A country or a capital used as an actor — followed
by a verb (`Pyongyang mengerahkan ...`, `Rusia menolak ...`) or introduced as
a source (`Menurut Korea Selatan, ...`) — is marked as a metonym for its state.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from warta import lexicon
from warta.model import Place, PlaceMention
from warta.nlp import extensions, gazetteer

extensions.register("places")

#: Words that, right after a place name, make it the subject of an action.
AUXILIARIES = lexicon.words("subject_auxiliaries")
_VERB = re.compile(r"^(?:(?:me|ber|mem|men|meng|meny|ter)[a-z]{3,}|ke[a-z]{3,}an)$")
_SOURCE_BEFORE = lexicon.words("source_before")
#: A place opens a clause (and so can be its subject) after these.
_CLAUSE_OPENERS = lexicon.words("clause_openers")


def _candidates(surface: str) -> list[gazetteer.Place]:
    return gazetteer.place_index().get(surface.lower(), [])


def acts_as_subject(doc: Doc, span: Span) -> bool:
    """`Pyongyang mengerahkan ...`, `Menurut Korea Selatan, ...`: the place acts."""
    previous = [t for t in doc[max(0, span.start - 2):span.start] if not t.is_space]
    before = previous[-1] if previous else None
    if before is not None and before.lower_ in _SOURCE_BEFORE:
        return True
    # `Presiden Rusia meminta`, `pasukan Korea Utara telah`: the place only
    # qualifies the real subject.
    opens_clause = before is None or span[0].is_sent_start or before.is_punct or before.lower_ in _CLAUSE_OPENERS
    following = [t for t in doc[span.end:span.end + 3] if not t.is_space]
    if not opens_clause or not following:
        return False
    word = following[0].text.lower()
    return word in AUXILIARIES or bool(_VERB.match(word))


@Language.component("warta_places", requires=["doc.ents", "span._.canonical", "span._.entity_id"],
                    assigns=["doc._.places", "span._.attributes"])
def resolve_places(doc: Doc) -> Doc:
    locations = [e for e in doc.ents if e.label_ in ("LOC", "GPE")]
    options = {span.text: _candidates(span.text) or _candidates(span._.canonical or "") for span in locations}
    mentioned_countries = {c[0].country for c in options.values() if c and c[0].kind == "country"}
    places: dict[str, Place] = {}
    for span in locations:
        candidates = options.get(span.text) or []
        if not candidates:
            continue
        in_context = [p for p in candidates if p.country in mentioned_countries and p.kind != "country"]
        best = in_context[0] if in_context and candidates[0].kind != "country" else candidates[0]
        span._.attributes = {"place_id": best.id, "kind": best.kind, "country": best.country,
                             "lat": best.lat, "lon": best.lon}
        state = best.country if best.kind == "country" or best.capital else None
        # A state read as GPE acts or qualifies (`militer Rusia`); a capital
        # stands for its state only as a subject (`Gubernur DKI Jakarta` does not)
        as_state = (span.label_ == "GPE" and best.kind == "country") or acts_as_subject(doc, span)
        metonym = state if state and as_state else None
        place = places.get(best.id)
        if place is None:
            place = places[best.id] = Place(best.id, span._.entity_id, best.name, best.kind, best.country,
                                            best.lat, best.lon)
        place.mentions.append(PlaceMention(span.start_char, span.end_char, span.text, metonym))
    doc._.places = list(places.values())
    return doc
