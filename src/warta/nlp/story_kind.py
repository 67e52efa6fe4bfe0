"""What kind of story a document is: a sports report or a market report.

Both the entity resolver (a city that plays in a sports story is its club)
and the event coder (in a sports story attacks and holds are play; in a
market report prices move and nobody acts) ask; the answer is worked out
once per document and kept on it.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from warta import lexicon

#: Words of sports reports (`lexicons/words/events_sports.txt`).
SPORTS = lexicon.words("events_sports")
#: Words of market reports (`lexicons/words/events_markets.txt`).
MARKETS = lexicon.words("events_markets")


def words_of(span) -> set[str]:
    """The lower-case words and word pairs of a span (for lexicons with `suku bunga`)."""
    tokens = [t.lower_ for t in span]
    return set(tokens) | {f"{a} {b}" for a, b in zip(tokens, tokens[1:])}


@dataclass(frozen=True)
class Story:
    """Two or more sports words make a sports story, three market words a market report."""

    sports: bool
    markets: bool

    @classmethod
    def of(cls, doc: Doc) -> Story:
        # kept as plain values: user_data crosses processes with the Doc (nlp.pipe(n_process=2))
        known = doc.user_data.get("warta_story_kind")
        if known is None:
            words = words_of(doc)
            known = doc.user_data["warta_story_kind"] = (len(words & SPORTS) >= 2, len(words & MARKETS) >= 3)
        return cls(sports=known[0], markets=known[1])
