"""The pipeline is what config.cfg says: components declare their contracts and can be disabled or swapped."""

from functools import cache

import pytest
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import load_config

import warta.nlp
from warta.nlp import extensions

TEXT = ("Presiden Joko Widodo bertemu Perdana Menteri Anthony Albanese di Jakarta pada 5 Juli 2024. "
        "\"Kami sepakat memperkuat kerja sama,\" kata Jokowi. Serangan itu menewaskan 12 orang dan melukai 30 warga.")


@cache
def shipped():
    return warta.nlp.load()


def _layers(doc: Doc) -> dict:
    return {
        "ents": [(e.start_char, e.end_char, e.label_, e._.canonical) for e in doc.ents],
        "sents": [(s.start_char, s.end_char) for s in doc.sents],
        "quotes": extensions.items(doc, "quotes"),
        "times": extensions.items(doc, "times"),
        "events": [(e.type, e.sentence_start) for e in extensions.items(doc, "events")],
    }


def _components_of(name: str, block: dict) -> list[str]:
    """A `source` entry stands for every trained component of its folder, in the folder's order."""
    if "source" not in block:
        return [name]
    folder = warta.nlp.PACKAGE_DIR / block["source"]
    return list(load_config(folder / "config.cfg")["nlp"]["pipeline"])


def test_shipped_pipeline_follows_config_and_every_requirement_is_met():
    nlp = shipped()
    config = warta.nlp.pipeline_config()
    expected = [component for name in config["nlp"]["pipeline"]
                for component in _components_of(name, config["components"][name])]
    assert nlp.pipe_names == expected
    # the `syntax` entry (models/parser), seeing the Doc without whitespace tokens
    assert expected[1:6] == ["warta_skip_spaces", "tok2vec", "morphologizer", "parser", "warta_restore_spaces"]
    problems = nlp.analyze_pipes()["problems"]
    assert all(not missing for missing in problems.values()), problems


def test_disabling_counts_leaves_no_counts_and_everything_else_unchanged():
    full = shipped()(TEXT)
    assert extensions.items(full, "counts")
    nlp = warta.nlp.load(config={"nlp": {"disabled": ["warta_counts"]}})
    assert "warta_counts" in nlp.disabled
    without = nlp(TEXT)
    assert extensions.items(without, "counts") == []
    assert _layers(without) == _layers(full)


def test_excluded_component_is_not_built():
    nlp = warta.nlp.load(exclude=["warta_counts"])
    assert "warta_counts" not in nlp.pipe_names
    assert extensions.items(nlp(TEXT), "counts") == []


@Language.component("test_no_counts", assigns=["doc._.counts"])
def no_counts(doc: Doc) -> Doc:
    """A counter that finds nothing and says it ran."""
    doc._.counts = []
    doc.user_data["counted_by"] = "test_no_counts"
    return doc


def test_a_registered_component_swaps_in_through_config():
    nlp = warta.nlp.load(config={"components": {"warta_counts": {"factory": "test_no_counts"}}})
    assert nlp.pipe_names == shipped().pipe_names
    doc = nlp(TEXT)
    assert doc.user_data["counted_by"] == "test_no_counts"
    assert doc._.counts == []


def test_a_config_file_replaces_the_shipped_one(tmp_path, monkeypatch):
    text = warta.nlp.CONFIG.read_text(encoding="utf-8")
    custom = tmp_path / "config.cfg"
    custom.write_text(text.replace('"warta_counts", ', ""), encoding="utf-8")
    assert "warta_counts" not in warta.nlp.load(config=custom).pipe_names
    monkeypatch.setenv("WARTA_CONFIG", str(custom))
    assert "warta_counts" not in warta.nlp.load(ner=False).pipe_names


def test_component_without_factory_or_source_is_named():
    with pytest.raises(ValueError, match="warta_unknown"):
        warta.nlp.load(config={"nlp": {"pipeline": ["warta_sentences", "warta_unknown"]}})


def test_trained_components_multiply_with_numpy_and_analyse_as_with_blis(monkeypatch):
    # thinc's bundled BLIS is three times slower than numpy's matrix product on the AMD boxes we benchmark on
    # (the transition models' output layer, rebuilt by spaCy on its own ops, is scored in Cython either way)
    def layers(nlp: Language) -> list:
        return [node for _, pipe in nlp.pipeline if hasattr(pipe, "model") for node in pipe.model.walk()
                if not (pipe.model.has_ref("upper") and node is pipe.model.get_ref("upper"))]

    assert {"tok2vec", "parser", "ner"} <= set(shipped().pipe_names)
    assert all(node.ops.use_blis is False for node in layers(shipped()))
    monkeypatch.setattr(warta.nlp, "USE_BLIS", True)
    with_blis = warta.nlp.load()
    assert all(node.ops.use_blis for node in layers(with_blis))
    assert _layers(with_blis(TEXT)) == _layers(shipped()(TEXT))
