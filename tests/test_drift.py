"""One definition of each record: what is derived from warta.model stays equal to it.

The JSON Schema file, the SQLite tables after all migrations and the API's
response models are each compared with the data classes, so a forgotten
regeneration, migration or field fails here instead of in a user's hands.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from importlib import resources

import jsonschema
import pytest
from fastapi.testclient import TestClient

from conftest import EXAMPLES
from warta.gold.annotations import MODALITIES as GOLD_MODALITIES
from warta.model import (
    MODALITIES,
    PLACE_KINDS,
    Actor,
    Analysis,
    Article,
    Count,
    Entity,
    Event,
    Mention,
    Place,
    PlaceMention,
    Quote,
    Sentence,
    TimeExpression,
    field_names,
    to_json,
)
from warta.nlp.gazetteer import KINDS as GAZETTEER_KINDS
from warta.schema import analysis_schema
from warta.store import open_store
from warta.store.base import SearchHit, StoredArticle
from warta.store.sqlite import SQLiteStore
from warta.store.tables import ENTITIES, PLACES, TABLES
from warta.web import schemas
from warta.web.app import create_app
from warta.web.testing import corpus_copy


def shipped_schema() -> str:
    return resources.files("warta.data").joinpath("analysis.schema.json").read_text(encoding="utf-8")


# -- the JSON Schema -------------------------------------------------------------


def test_the_shipped_schema_is_what_the_records_generate():
    """Regenerate with: PYTHONPATH=src python -m warta.schema > src/warta/data/analysis.schema.json"""
    assert shipped_schema() == json.dumps(analysis_schema(), indent=2, ensure_ascii=False) + "\n"


def test_the_schema_is_a_valid_draft_2020_12_schema():
    jsonschema.Draft202012Validator.check_schema(analysis_schema())


def test_the_schema_rejects_what_the_records_forbid():
    schema = analysis_schema()
    mention = to_json(Mention(0, 5, "Putin"))
    entity = to_json(Entity("per:vladimir-putin", "PER", "Vladimir Putin", [Mention(0, 5, "Putin")]))
    validator = jsonschema.Draft202012Validator({"$defs": schema["$defs"], "$ref": "#/$defs/Entity"})
    assert validator.is_valid(entity)
    assert not validator.is_valid({**entity, "label": "GPE"})  # a state is a LOC entity; its mentions say GPE
    assert not validator.is_valid({**entity, "mentions": []})
    assert not validator.is_valid({**entity, "mentions": [{**mention, "source": "guess"}]})
    assert not validator.is_valid({**entity, "mentions": [{**mention, "start": -1}]})
    assert not validator.is_valid({k: v for k, v in entity.items() if k != "name"})


def test_closed_sets_of_the_records_agree_with_the_pipeline_and_the_gold_data():
    assert PLACE_KINDS == GAZETTEER_KINDS
    # The annotation guidelines leave hypothetical acts out of the gold (docs/annotation.md);
    # warta marks them so that a user can filter them out. Every other modality is shared.
    assert set(MODALITIES) - GOLD_MODALITIES == {"hypothetical"}
    assert GOLD_MODALITIES <= set(MODALITIES)


# -- the store ---------------------------------------------------------------------


def test_every_table_has_exactly_the_columns_its_record_gives_after_all_migrations(db_url):
    with open_store(db_url) as store:
        for table in TABLES:
            if isinstance(store, SQLiteStore):
                actual = [row[1] for row in store.db.execute(f"PRAGMA table_info({table.name})")]
            else:
                actual = [row[0] for row in store.db.execute(  # type: ignore[attr-defined]
                    "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
                    "ORDER BY ordinal_position", (table.name,))]
            assert actual, f"no table {table.name}"
            assert sorted(actual) == sorted(table.columns), (
                f"{table.name}: columns {sorted(set(actual) - set(table.columns))} have no field, "
                f"fields {sorted(set(table.columns) - set(actual))} have no column: add a migration, "
                "or list the difference in warta.store.tables")


def every_field_set() -> Analysis:
    """An analysis in which every optional field of every record holds a value."""
    article = Article(published=date(2025, 9, 3), title="Putin bertemu Kim di Vladivostok",
                      body=["Presiden Rusia Vladimir Putin bertemu Kim Jong-un di Vladivostok, Rabu (3/9).",
                            "\"Kami sepakat,\" kata Putin, seperti dikutip RIA Novosti. Sekitar 2.000 tentara tewas."],
                      section="DUNIA", subtitle="Pertemuan kedua", caption="Putin dan Kim", caption_credit="AFP",
                      dateline="MOSKOW", source="ANTARA", external_id="antara-1", path="a.txt",
                      url="https://example.org/a", format="jsonl")
    text = article.text

    def at(words: str) -> tuple[int, int]:
        start = text.index(words)
        return start, start + len(words)

    putin, kim, city = at("Vladimir Putin"), at("Kim Jong-un"), at("Vladivostok, Rabu")
    quote, count, wednesday = at("\"Kami sepakat,\""), at("Sekitar 2.000 tentara"), at("Rabu (3/9)")
    return Analysis(
        article, [Sentence(0, len(text))],
        [Entity("per:vladimir-putin", "PER", "Vladimir Putin",
                [Mention(*putin, "Vladimir Putin", "gazetteer", "Presiden Rusia", at("Presiden Rusia")[0], "PER")],
                ["Presiden Rusia"], {}),
         Entity("per:kim-jong-un", "PER", "Kim Jong-un", [Mention(*kim, "Kim Jong-un")]),
         Entity("loc:vladivostok", "LOC", "Vladivostok",
                [Mention(city[0], city[0] + 11, "Vladivostok", label="GPE")], [],
                {"place_id": "geo:2013348", "lat": 43.1})],
        {"warta": "test", "components": ["ner"]},
        quotes=[Quote(*quote, text[quote[0]:quote[1]], "direct", "per:vladimir-putin", "Vladimir Putin", "kata",
                      at("kata")[0], "org:ria-novosti", "RIA Novosti")],
        times=[TimeExpression(*wednesday, "Rabu (3/9)", "DATE", "2025-09-03", "published", "START", "WIB")],
        counts=[Count(*count, "Sekitar 2.000 tentara", 2000.0, "tentara", "killed", True, True, "IDR", "Rusia",
                      "loc:rusia")],
        places=[Place("geo:2013348", "loc:vladivostok", "Vladivostok", "city", "RUS", 43.1, 131.9,
                      [PlaceMention(city[0], city[0] + 11, "Vladivostok", "RUS")])],
        events=[Event("CONSULT", "bertemu", *at("bertemu"), 0, len(text), Actor("Vladimir Putin", "per:vladimir-putin",
                      "RUS GOV"), Actor("Kim Jong-un", None, "PRK GOV"), "visit", "042", "geo:2013348", "Vladivostok",
                      "2025-09-03", "text", "reported", (count[0],), (quote[0],), 0.75)])


def test_an_analysis_with_every_field_set_comes_back_from_the_store_unchanged(db_url):
    analysis = every_field_set()
    with open_store(db_url) as store:
        store.ingest([analysis.article])
        store.save_analyses([analysis])
        stored = store.analysis(analysis.article.id)
        assert store.get(analysis.article.id).article == analysis.article
    assert stored is not None
    assert stored.to_dict() == analysis.to_dict()


def test_an_analysis_with_every_field_set_follows_the_schema():
    jsonschema.validate(every_field_set().to_dict(), analysis_schema())


# -- the API -----------------------------------------------------------------------

#: API models built from one record by record_model, what the API adds and what it leaves out.
RECORD_MODELS = [
    (schemas.MentionOut, Mention, set(), set()), (schemas.SpanOut, Sentence, set(), set()),
    (schemas.TimeOut, TimeExpression, set(), set()), (schemas.QuoteOut, Quote, set(), set()),
    (schemas.CountOut, Count, set(), set()), (schemas.PlaceOut, Place, set(), set()),
    (schemas.PlaceMentionOut, PlaceMention, set(), set()), (schemas.ActorOut, Actor, set(), set()),
    (schemas.EventOut, Event, {"sentence"}, set()), (schemas.EntityOut, Entity, {"url"}, set()),
    (schemas.AnalysisOut, Analysis, {"schema_version"}, {"article"}),
    (schemas.QuoteItem, Quote, {"article_id", "title", "published", "copies", "url", "speaker_url"}, set()),
]


@pytest.mark.parametrize(("model", "record", "added", "omitted"), RECORD_MODELS,
                         ids=lambda v: getattr(v, "__name__", ""))
def test_api_models_of_records_have_every_field_of_the_record(model, record, added, omitted):
    assert set(model.model_fields) == (set(field_names(record)) - omitted) | added


def test_the_article_detail_has_every_field_of_the_article_and_its_version():
    stored = {f.name for f in dataclasses.fields(StoredArticle)} - {"article", "seq"}
    assert set(schemas.ArticleDetail.model_fields) == set(field_names(Article)) | stored | {"analysis"}


#: API models of rows the store aggregates, and the table or record each must
#: cover (every column / field declared, so the OpenAPI document lists it).
AGGREGATE_MODELS = [
    (schemas.PlaceItem, set(PLACES.columns)),
    (schemas.EntitySummary, set(ENTITIES.columns) - {"attributes"}),
    (schemas.EntityDetail, set(ENTITIES.columns)),
    (schemas.SearchHit, set(field_names(SearchHit))),
]


@pytest.mark.parametrize(("model", "columns"), AGGREGATE_MODELS, ids=lambda v: getattr(v, "__name__", ""))
def test_api_models_of_aggregates_declare_every_column_they_come_from(model, columns):
    assert columns <= set(model.model_fields), sorted(columns - set(model.model_fields))


def test_the_event_listing_declares_every_column_of_a_happening(tmp_path):
    with SQLiteStore(str(tmp_path / "warta.db")) as store:
        columns = {row[1] for row in store.db.execute("PRAGMA table_info(event_clusters)")}
    columns -= {"date_day"}  # internal: the day number the ±1 day match uses, never returned
    assert columns <= set(schemas.EventItem.model_fields), sorted(columns - set(schemas.EventItem.model_fields))


def test_the_article_summary_is_a_part_of_the_article():
    assert set(schemas.ArticleSummary.model_fields) - {"url", "api_url"} <= set(field_names(Article))


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory):
    """The analysed sample corpus (examples/corpus)."""
    return corpus_copy(tmp_path_factory.mktemp("drift"), corpus=EXAMPLES / "corpus")


def test_every_stored_analysis_of_the_sample_corpus_follows_the_schema(corpus_db):
    validator = jsonschema.Draft202012Validator(analysis_schema())
    with SQLiteStore(str(corpus_db), create=False) as store:
        analyses = [store.analysis(stored.id) for stored in store.articles()]
    assert len(analyses) > 20 and all(analyses)
    for analysis in analyses:
        validator.validate(analysis.to_dict())


def conforms(spec: dict, model: str, data: dict) -> None:
    jsonschema.validate(data, {"$ref": f"#/components/schemas/{model}", "components": spec["components"]})


def test_every_article_of_the_sample_corpus_is_served_as_its_openapi_model_says(corpus_db):
    app = create_app(corpus_db, hosts=["testserver"])
    spec = app.openapi()
    with TestClient(app) as client:
        items = client.get("/api/articles", params={"limit": 100}).json()["items"]
        assert len(items) > 20
        for item in items:
            detail = client.get(f"/api/articles/{item['id']}").json()
            conforms(spec, "ArticleDetail", detail)
            assert detail["analysis"]["entities"] and detail["analysis"]["times"]
        for path, model in (("/api/quotes", "QuoteList"), ("/api/events", "EventList"), ("/api/places", "PlaceList")):
            listing = client.get(path, params={"limit": 100}).json()
            assert listing["items"]
            conforms(spec, model, listing)
