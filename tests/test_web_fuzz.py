"""Fuzzing the REST API from its own OpenAPI schema: no input may produce a 5xx.

Schemathesis generates requests for every operation in /api/openapi.json
(valid and invalid parameters, odd strings, boundary numbers, bodies for
POST /api/articles with the right token) against a live server over a copy of
the sample corpus, and checks each response: no server error, the status code
and content type are documented, the body matches the response schema.

The check that every schema-valid request is accepted is left out on
purpose: a search query can match the schema (any string up to 1,000
characters) and still be malformed (`"unclosed`), which is a documented 400.

The default run keeps to a few examples per operation (well under a
minute); `pytest -m slow tests/test_web_fuzz.py` runs the long version.
"""

from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis.specs.openapi.checks import positive_data_acceptance  # noqa: E402

from conftest import analysed_corpus  # noqa: E402
from warta.web.testing import LiveServer  # noqa: E402

TOKEN = "fuzz-token-9876543210"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
EXCLUDED = [positive_data_acceptance]
FUZZ_SETTINGS = dict(deadline=None, suppress_health_check=list(HealthCheck), derandomize=True, database=None,
                     print_blob=True)


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def fuzz_server(request, tmp_path_factory):
    """The API over the analysed corpus in a SQLite file or a PostgreSQL database (fuzzed on both)."""
    db = analysed_corpus(request, tmp_path_factory, "fuzz")
    with LiveServer(db, token=TOKEN) as server:
        yield server
        log = server.log()
    assert "Traceback" not in log, f"the server logged an error while fuzzed:\n{log[-5000:]}"


@pytest.fixture(scope="module")
def api_schema(fuzz_server):
    return schemathesis.openapi.from_url(fuzz_server.url + "/api/openapi.json")


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=25, **FUZZ_SETTINGS)
def test_no_server_errors(case):
    case.call_and_validate(headers=AUTH, excluded_checks=EXCLUDED, timeout=60)


@pytest.mark.slow
@schema.parametrize()
@settings(max_examples=400, **FUZZ_SETTINGS)
def test_no_server_errors_long(case):
    case.call_and_validate(headers=AUTH, excluded_checks=EXCLUDED, timeout=60)
