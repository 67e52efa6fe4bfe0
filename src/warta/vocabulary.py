"""The closed sets of values warta's filters take, importable without spaCy.

`warta entities --label`, `warta quotes --kind` and `warta events --type`
check their value against these, so a typo (`--label PERSON`) is an error
that names the valid values instead of an empty result that looks like "no
data". tests/test_cli_tables.py keeps them equal to what the pipeline emits.
"""

from __future__ import annotations

#: Entity labels (warta.nlp.entities.LABELS).
ENTITY_LABELS = ("PER", "ORG", "LOC", "GPE")

#: Quote kinds (warta.model.Quote).
QUOTE_KINDS = ("direct", "partial", "indirect", "headline")

#: PLOVER event types (the `type` column of lexicons/events.tsv).
EVENT_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
               "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")

#: Event types with no direction: `Indonesia dan Malaysia bekerja sama` is the same
#: cooperation whichever party is named first, so scoring and the actor network
#: count either order.
SYMMETRIC_EVENT_TYPES = frozenset({"CONSULT", "COOPERATE", "ASSAULT", "AGREE"})
