"""warta's Indonesian NLP pipeline: a spaCy `Language` described by `config.cfg`.

    import warta.nlp
    nlp = warta.nlp.load()
    doc = nlp("Presiden Rusia Vladimir Putin bertemu Kim Jong-un di Beijing.")
    [(e.text, e.label_, e._.role) for e in doc.ents]

The pipeline is the one in the shipped `warta/nlp/config.cfg` (spaCy's config
format): the tokenizer (`warta.Tokenizer.v1`), then `warta_sentences`
(sentence boundaries, the one segmentation every component uses), `syntax`
(the tagger and dependency parser shipped in `models/parser`, see
`warta.nlp.syntax`), `ner` (the statistical model shipped in `models/ner`), `warta_entities` (gazetteers,
roles, stop list, document consistency, canonical names), `warta_places`
(places resolved to the gazetteer), `warta_quotes` (quotes and speakers),
`warta_times` (time expressions normalised against the publication date),
`warta_counts` (numbers and what they count) and `warta_events` (PLOVER
events). Each component is a registered spaCy factory that declares what it
reads and writes (`requires`/`assigns`), so `nlp.analyze_pipes()` checks the
order.

Changing the pipeline is a matter of configuration, not code:

    load(exclude=["warta_counts"])                          # not built at all
    load(config={"nlp": {"disabled": ["warta_counts"]}})    # built, not run
    load(config={"components": {"warta_counts": {"factory": "my_counts"}}})  # swapped
    load(config="/path/to/my.cfg")                          # a whole other config file

`config=` as a dict is merged over the shipped config; as a path it replaces
it, and so does the environment variable `WARTA_CONFIG=/path/to/my.cfg` when
no `config=` is given. A component block with a `factory` is built by that
registered factory (its other keys are the factory's settings); a block with
only a `source` adds the trained components of that spaCy pipeline folder
(relative paths are read from this package, e.g. `models/ner`), so a new
trained component (a tagger, a parser) is a config entry. `WARTA_NER_MODEL`
names another folder for `ner`, `WARTA_PARSER_MODEL` for `syntax`. See docs/pipeline.md.

`warta.nlp.analyze()` turns an Article into an Analysis.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any, cast

import spacy
from spacy.language import Language
from spacy.pipeline import Tok2Vec, TrainablePipe
from spacy.util import load_config
from thinc.api import Config, use_ops

from warta.nlp import counts as _counts  # noqa: F401  (registers warta_counts)
from warta.nlp import entities as _entities  # noqa: F401  (registers warta_entities)
from warta.nlp import events as _events  # noqa: F401  (registers warta_events)
from warta.nlp import places as _places  # noqa: F401  (registers warta_places)
from warta.nlp import quotes as _quotes  # noqa: F401  (registers warta_quotes)
from warta.nlp import sentences as _sentences  # noqa: F401  (registers warta_sentences)
from warta.nlp import serialization as _serialization  # noqa: F401  (Docs with warta objects cross processes)
from warta.nlp import syntax as _syntax  # noqa: F401  (documents models/parser)
from warta.nlp import timex as _timex  # noqa: F401  (registers warta_times and Doc._.published)
from warta.nlp import tokenizer as _tokenizer  # noqa: F401  (registers warta.Tokenizer.v1)

PACKAGE_DIR = Path(__file__).parent
CONFIG = PACKAGE_DIR / "config.cfg"
NER_MODEL = PACKAGE_DIR / "models" / "ner"

__all__ = ["load", "load_cached", "pipeline_config", "CONFIG", "NER_MODEL"]


def ner_model_path() -> Path:
    """The shipped model, or another one named by WARTA_NER_MODEL (a spaCy pipeline folder)."""
    return _source_path("ner", str(NER_MODEL))


def pipeline_config(config: str | Path | dict[str, Any] | None = None) -> Config:
    """The pipeline description `load` builds from.

    A path (or `WARTA_CONFIG` when `config` is None) names a config file used
    instead of the shipped one; a dict is merged over the shipped config.
    """
    if config is None:
        config = os.environ.get("WARTA_CONFIG") or None
    if isinstance(config, dict):
        return load_config(CONFIG).merge(Config(config))
    return load_config(Path(config) if config is not None else CONFIG)


def load(ner: bool = True, *, config: str | Path | dict[str, Any] | None = None,
         exclude: Iterable[str] = ()) -> Language:
    """A fresh pipeline built from `config.cfg` (see the module docstring).

    `exclude` names components not to build; `ner=False` is `exclude=["ner"]`.
    """
    settings = pipeline_config(config)
    excluded = set(exclude) | (set() if ner else {"ner"})
    nlp = spacy.blank(settings["nlp"].get("lang", "id"),
                      config={"nlp": {"tokenizer": dict(settings["nlp"]["tokenizer"])}})
    components = settings.get("components", {})
    for name in settings["nlp"]["pipeline"]:
        if name in excluded:
            continue
        block = dict(components.get(name) or {})
        if "factory" in block:
            factory = block.pop("factory")
            block.pop("source", None)
            nlp.add_pipe(factory, name=name, config=block)
        elif "source" in block:
            model = _source_path(name, block["source"])
            if (model / "meta.json").exists():
                _add_trained(nlp, model)
        else:
            raise ValueError(f"pipeline component {name!r} has no [components.{name}] block with a factory or source")
    for name in settings["nlp"].get("disabled", []):
        if name in nlp.pipe_names:
            nlp.disable_pipe(name)
    return nlp


#: Environment variables that name another folder for a trained component.
SOURCE_OVERRIDES = {"ner": "WARTA_NER_MODEL", "syntax": "WARTA_PARSER_MODEL"}


def _source_path(name: str, source: str) -> Path:
    override = os.environ.get(SOURCE_OVERRIDES.get(name, ""))
    path = Path(override or source)
    return path if path.is_absolute() or override else PACKAGE_DIR / path


#: Whether the trained components multiply matrices with thinc's bundled BLIS (thinc's default) rather than
#: numpy's (OpenBLAS). On the AMD EPYC boxes warta is benchmarked on BLIS is three times slower (16 ms against
#: 5 ms for a 2,000 x 288 by 288 x 384 product, one thread), and the results are the same: entities and
#: parses of 200 IndoSum articles identical either way (BENCHMARKS.md, fifteenth round).
USE_BLIS = False


def _add_trained(nlp: Language, model: Path) -> None:
    """Add the trained components of the spaCy pipeline folder `model`, in its order.

    Each component is built from the folder's config and its weights read
    straight into `nlp`. Going through `spacy.load` would first build a
    second Indonesian tokenizer with its 32,000 exception entries, which took
    3 of the 4.5 seconds `warta analyze` needed to start. Components that
    listen to a shared `tok2vec` in the folder (the tagger and parser in
    `models/parser`) are wired to it, so it runs once per document.
    """
    config = load_config(model / "config.cfg", interpolate=True)
    names = list(config["nlp"]["pipeline"])
    with use_ops("numpy", use_blis=USE_BLIS):  # reading the weights builds the parser's output layer too
        for name in names:
            block = config["components"][name]
            settings = {k: v for k, v in block.items() if k != "factory"}
            component = nlp.add_pipe(block["factory"], name=name, config=settings)
            cast(TrainablePipe, component).from_disk(model / name, exclude=["vocab"])
    if "tok2vec" in names:
        tok2vec = cast(Tok2Vec, nlp.get_pipe("tok2vec"))
        for name in names:
            if name != "tok2vec":
                tok2vec.find_listeners(nlp.get_pipe(name))


@cache
def load_cached() -> Language:
    """One shared pipeline per process (loading takes a second)."""
    return load()
