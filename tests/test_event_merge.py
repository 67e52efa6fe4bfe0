"""Event merging (warta.event_merge): the rule on hand-made mentions, the generic-actor table
(every row's example analysed), the store's clusters with their merge evidence (both backends,
ingest order does not matter), `warta events`, /api/events over real HTTP and the events page,
and the production rule's figures on the dev part of the event-pair gold (needs ../shared)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import httpx
import pytest

from conftest import SHARED, requires_shared
from warta import lexicon as language_data
from warta.event_merge import Mention, generic_actors, is_generic, same_happening, same_person
from warta.ingest import prepare
from warta.model import Actor, Article, Event
from warta.nlp.analysis import analyze
from warta.nlp.events import lexicon
from warta.store import open_store
from warta.web.testing import LiveServer

KPK = Actor("Komisi Pemberantasan Korupsi", "org:komisi-pemberantasan-korupsi")
POLRI = Actor("Kepolisian Negara Republik Indonesia", "org:kepolisian-negara-republik-indonesia")
BUDI = Actor("Budi Santoso", "per:budi-santoso")
ANI = Actor("Ani Lestari", "per:ani-lestari")


def mention(source=KPK, target=BUDI, type_="COERCE", day: str | None = "2025-09-03", published=date(2025, 9, 4),
            place: str | None = None, modality="asserted") -> Mention:
    event = Event(type_, "menangkap", 0, 9, 0, 40, source=source, target=target, date=day,
                  date_source="text" if day else "none", place_id=place and f"loc:{place.lower()}", place=place,
                  modality=modality)
    return Mention(event, published)


# -- the rule ------------------------------------------------------------------------------------


def test_same_type_actors_and_day_are_one_happening_with_reasons():
    verdict = same_happening(mention(place="Jakarta"), mention(day="2025-09-04", place="Jakarta"))
    assert verdict and verdict.evidence == (
        "same type COERCE, same source id org:komisi-pemberantasan-korupsi (Komisi Pemberantasan Korupsi), "
        "same target id per:budi-santoso (Budi Santoso), same place Jakarta, dates 1 day apart")


@pytest.mark.parametrize(("other", "why"), [
    (mention(type_="ACCUSE"), "types differ"),
    (mention(target=ANI), "actors differ"),
    (mention(day="2025-09-06"), "dates 3 days apart"),
    (mention(place="Bekasi"), "places differ"),
    (mention(modality="negated"), "modalities differ"),
    (mention(day=None, published=date(2025, 10, 30)), "days between the dates and the reports"),
])
def test_one_disagreement_keeps_two_happenings(other, why):
    verdict = same_happening(mention(place="Jakarta"), other)
    assert not verdict and why in verdict.evidence
    assert not same_happening(other, mention(place="Jakarta"))  # symmetric


def test_a_generic_or_missing_actor_or_an_agent_alone_never_suffices():
    massa = Actor("massa", None, "CVL")
    assert not same_happening(mention(source=POLRI, target=None), mention(source=POLRI, target=None))
    assert not same_happening(mention(source=massa, target=None), mention(source=massa, target=None))
    assert not same_happening(mention(target=None), mention(target=None))  # KPK alone
    # ... but a missing agent on one side does not contradict a specific target in common
    assert same_happening(mention(source=None), mention(source=massa))
    assert same_happening(mention(source=None, target=BUDI), mention(source=KPK, target=BUDI))
    # ... nor does a generic target the same specific agent acts on (a wire text and its copies)
    warga = Actor("warga", None, "CVL")
    assert same_happening(mention(source=BUDI, target=warga), mention(source=BUDI, target=warga))
    assert not same_happening(mention(source=BUDI, target=warga), mention(source=BUDI, target=None))


def test_an_undated_report_tells_of_the_days_before_its_publication():
    dated = mention(day="2025-09-03")
    assert same_happening(dated, mention(day=None, published=date(2025, 9, 10)))
    assert not same_happening(dated, mention(day=None, published=date(2025, 9, 2)))  # published before it happened
    assert same_happening(mention(day="2025-09"), dated)  # a month contains the day
    assert same_happening(mention(day="2025-W36"), mention(day="2025-W36"))  # a week only fits itself
    assert not same_happening(mention(day="2025-W36"), dated)
    assert not same_happening(mention(day="PAST_REF"), mention(day=None))


def test_naming_a_suspect_is_done_once_so_a_later_report_recalls_it_however_late():
    """`KPK menetapkan Budi Santoso sebagai tersangka` in March; in May an undated `Budi, yang ditetapkan
    sebagai tersangka oleh KPK, ...` recalls that act, not a second one. An arrest may be repeated."""
    def named(trigger: str, day: str | None, published: date, target: Actor | None = BUDI) -> Mention:
        event = mention(day=day, published=published, target=target).event
        return Mention(replace(event, trigger=trigger), published)
    march = named("menetapkan", "2025-03-03", date(2025, 3, 4))
    may = named("ditetapkan sebagai tersangka", None, date(2025, 5, 20))
    verdict = same_happening(march, may)
    assert verdict and "act done once" in verdict.evidence
    assert same_happening(named("penetapan tersangka", None, date(2025, 3, 4)), may)  # both undated
    assert not same_happening(march, named("menangkap", None, date(2025, 5, 20)))  # an arrest is not once only
    assert not same_happening(march, named("menetapkan", "2025-05-19", date(2025, 5, 20)))  # dates given differ
    assert not same_happening(named("menetapkan", "2025-03-03", date(2025, 3, 4), None),
                              named("menetapkan", None, date(2025, 5, 20), None))  # no one named


CASE_STEPS = language_data.table("case_steps.tsv")


@pytest.mark.parametrize("trigger", [row["trigger"] for row in CASE_STEPS if row["once"] == "yes"])
def test_every_act_done_once_is_recalled_by_a_later_undated_report(trigger):
    def named(day: str | None, published: date) -> Mention:
        return Mention(replace(mention(day=day, published=published).event, trigger=trigger), published)
    assert same_happening(named("2025-03-03", date(2025, 3, 4)), named(None, date(2025, 6, 2)))


def test_the_national_police_and_its_unit_are_one_force_as_agents_but_never_enough_alone():
    polda = Actor("Kepolisian Daerah Metro Jaya", "org:kepolisian-daerah-metro-jaya", "IDN POL")
    polri = Actor(POLRI.name, POLRI.entity_id, "IDN POL")
    verdict = same_happening(mention(source=polri), mention(source=polda))  # `Polisi menangkap Budi`, `Polda ...`
    assert verdict and "one force IDN POL" in verdict.evidence
    assert not same_happening(mention(source=polri, target=None), mention(source=polda, target=None))
    assert not same_happening(mention(source=polri), mention(source=polda, target=ANI))
    kpk = Actor(KPK.name, KPK.entity_id, "IDN JUD")
    assert not same_happening(mention(source=polri), mention(source=kpk))  # two bodies, two arrests


@pytest.mark.parametrize("row", CASE_STEPS, ids=lambda row: row["trigger"])
def test_every_step_of_a_case_is_its_own_happening_and_a_lexicon_row(row):
    """`Siti Fadilah didakwa ...` and `Siti Fadilah dituntut enam tahun penjara`: the same prosecutor and
    defendant, an indictment and a demand, two happenings; told again in the same step, one."""
    assert row["trigger"] in lexicon()
    def told(trigger: str) -> Mention:
        return Mention(replace(mention(day=None).event, trigger=trigger), date(2025, 9, 4))
    other = next(r["trigger"] for r in CASE_STEPS if r["step"] != row["step"])
    same_step = next(r["trigger"] for r in CASE_STEPS if r["step"] == row["step"])
    assert same_happening(told(row["trigger"]), told(same_step))
    verdict = same_happening(told(row["trigger"]), told(other))
    assert not verdict and "steps of a case differ" in verdict.evidence


def test_symmetric_types_match_either_way_round():
    assert same_happening(mention(BUDI, ANI, "CONSULT"), mention(ANI, BUDI, "CONSULT"))
    assert not same_happening(mention(BUDI, ANI, "ACCUSE"), mention(ANI, BUDI, "ACCUSE"))


def test_within_one_article_an_agent_alone_or_a_missing_side_is_enough_without_contradiction():
    def in_article(article_id="a1", **kwargs) -> Mention:
        return Mention(mention(**kwargs).event, date(2025, 9, 4), article_id)
    # `KPK menangkap ...`, later `KPK kembali menangkap ...`: one arrest told twice in one story
    verdict = same_happening(in_article(target=None), in_article(target=None, day=None))
    assert verdict and "same article" in verdict.evidence
    assert same_happening(in_article(source=None), in_article())  # `penangkapan Budi` and `KPK menangkap Budi`
    assert not same_happening(in_article(target=None), in_article("a2", target=None))  # across articles: no
    assert not same_happening(in_article(), in_article(target=ANI))  # two people arrested: two events
    assert not same_happening(in_article(source=None), in_article(target=None))  # nothing shared
    assert not same_happening(in_article(source=Actor("massa", None), target=None),
                              in_article(source=Actor("massa", None), target=None))  # generic alone


@pytest.mark.parametrize("row", language_data.table("generic_actors.tsv"), ids=lambda row: row["word"])
def test_every_generic_actor_row_is_what_its_example_yields(row):
    assert row["word"] in row["example"].lower()
    events = analyze(Article(published=date(2025, 9, 4), title="Berita uji", body=[row["example"]])).events
    assert events, row["example"]
    sources = [e.source for e in events]
    if row["actor"] == "-":
        assert None in sources
    else:
        assert row["actor"] in [s.name for s in sources if s]
        assert row["actor"].casefold() in generic_actors()
    assert any(is_generic(source) for source in sources)


@pytest.mark.parametrize(("one", "other", "same"), [
    ("Miryam S Haryani", "Miryam H S Haryani", True),  # initials added by another outlet
    ("Miryam S. Haryani", "Miryam Haryani", True),
    ("Siti Masitha Soeparno", "Siti Mashita Soeparno", True),  # a slip in a long word
    ("Muhammaf Rizieq Shihab", "Muhammad Rizieq Shihab", True),
    ("Budi Santoso", "Budi Susanto", False),  # two names, not two spellings
    ("Ahmad Yani", "Ahmad Yanis", False),  # short words must agree
    ("Hasan Basri", "Husin Basri", False),
    ("Miryam S Haryani", "Miryam Sari Lestari Haryani", False),  # a middle name is no initial
    ("Rizieq", "Rizieq Shihab", False),  # one word says too little
])
def test_two_spellings_of_one_persons_name_are_one_person(one, other, same):
    first, second = Actor(one, "per:" + one.lower().replace(" ", "-")), Actor(other, "per:" + other.lower().replace(" ", "-"))
    assert same_person(first, second) is same
    assert same_person(second, first) is same


def test_one_arrest_reported_with_two_spellings_of_the_name_is_one_happening():
    one = mention(target=Actor("Miryam S Haryani", "per:miryam-s-haryani"))
    other = mention(target=Actor("Miryam H S Haryani", "per:miryam-h-s-haryani"), day="2025-09-03")
    assert same_happening(one, other)


# -- the store -----------------------------------------------------------------------------------

ARREST = Article(published=date(2025, 9, 4), title="Penangkapan di Jakarta", source="Satu",
                 body=["Komisi Pemberantasan Korupsi menangkap Setya Novanto di Jakarta, Rabu (3/9/2025)."])
ARREST_AGAIN = Article(published=date(2025, 9, 5), title="Operasi tangkap tangan", source="Dua",
                       body=["Dalam operasi tangkap tangan, KPK menangkap Setya Novanto pada Rabu (3/9/2025) malam."])
ARREST_RECALLED = Article(published=date(2025, 9, 8), title="Golkar siapkan pengganti", source="Tiga",
                          body=["Partai Golkar menyiapkan pengganti setelah Setya Novanto ditangkap KPK."])
EARLIER_ARREST = Article(published=date(2025, 8, 5), title="Penangkapan bulan lalu", source="Satu",
                         body=["KPK menangkap Setya Novanto di Jakarta pada Senin (4/8/2025)."])
POLICE_ONE = Article(published=date(2025, 9, 4), title="Dua orang ditangkap", source="Satu",
                     body=["Polisi menangkap dua orang di Bekasi pada Rabu (3/9/2025)."])
POLICE_TWO = Article(published=date(2025, 9, 4), title="Pencuri ditangkap", source="Dua",
                     body=["Polisi menangkap dua orang di Bekasi, Rabu (3/9/2025), setelah pencurian motor."])
TOLD_TWICE = Article(published=date(2025, 9, 4), title="OTT di Klaten", source="Satu",
                    body=["Komisi Pemberantasan Korupsi menangkap sejumlah pejabat di Klaten, Rabu (3/9/2025).",
                          "Juru bicara KPK mengatakan, KPK menangkap mereka dalam operasi tangkap tangan."])
ARTICLES = [ARREST, ARREST_AGAIN, ARREST_RECALLED, EARLIER_ARREST, POLICE_ONE, POLICE_TWO]


def clusters(url: str, articles: list[Article]) -> set[frozenset]:
    with open_store(url) as store:
        for article in articles:  # one batch each: every article meets the clusters of those before it
            store.ingest(prepare([article], analyze=True))
        rows = store.db.execute("SELECT cluster_id, article_id, type, trigger_start FROM events").fetchall()
    groups: dict[int, set] = {}
    for row in rows:
        groups.setdefault(row[0], set()).add((row[1], row[2], row[3]))
    return {frozenset(group) for group in groups.values()}


def test_clusters_do_not_depend_on_the_ingest_order(new_db):
    forward = clusters(new_db("forward"), ARTICLES)
    backward = clusters(new_db("backward"), ARTICLES[::-1])
    shuffled = clusters(new_db("shuffled"), [ARTICLES[i] for i in (2, 4, 0, 5, 3, 1)])
    assert forward == backward == shuffled
    arrest = [c for c in forward if any(article == ARREST.id for article, _, _ in c)]
    assert len(arrest) == 1 and {a for a, _, _ in arrest[0]} == {ARREST.id, ARREST_AGAIN.id, ARREST_RECALLED.id}
    police = [c for c in forward if any(article in (POLICE_ONE.id, POLICE_TWO.id) for article, _, _ in c)]
    assert len(police) == 2  # "polisi" and no named suspect: two arrests, not one


SPELT_ONE_WAY = Article(published=date(2025, 9, 4), title="Miryam ditahan", source="Satu",
                       body=["Komisi Pemberantasan Korupsi menahan Miryam S Haryani di Jakarta, Rabu (3/9/2025)."])
SPELT_ANOTHER = Article(published=date(2025, 9, 4), title="KPK tahan Miryam", source="Dua",
                        body=["KPK menahan Miryam H S Haryani pada Rabu (3/9/2025) malam."])


def test_the_store_merges_one_happening_told_with_two_spellings_of_a_name(new_db):
    [detention] = [c for c in clusters(new_db("spellings"), [SPELT_ONE_WAY, SPELT_ANOTHER])
                   if any(kind == "COERCE" for _, kind, _ in c)]
    assert {article for article, _, _ in detention} == {SPELT_ONE_WAY.id, SPELT_ANOTHER.id}


@pytest.fixture(scope="module")
def merged_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("event-merge") / "w.db"
    with open_store(path) as store:
        store.ingest(prepare(ARTICLES, analyze=True))
    return path


def the_arrest(events: list[dict]) -> dict:
    return next(e for e in events if e["type"] == "COERCE" and e["target_name"] == "Setya Novanto" and e["date"] == "2025-09-03")


def test_one_happening_told_twice_in_one_article_is_one_event_with_both_sentences(db_path):
    with open_store(db_path) as store:
        store.ingest(prepare([TOLD_TWICE], analyze=True))
        arrests = store.events(type="COERCE")
    assert len(arrests) == 1
    assert len({e["sentence_start"] for e in arrests[0]["evidence"]}) == 2


def test_the_store_keeps_why_mentions_were_merged(merged_db):
    with open_store(merged_db) as store:
        event = the_arrest(store.events(type="COERCE"))
    assert event["articles"] >= 2
    assert event["merge_evidence"] and all(len(link["articles"]) == 2 for link in event["merge_evidence"])
    why = event["merge_evidence"][0]["why"]
    assert why.startswith("same type COERCE") and "same target id per:setya-novanto (Setya Novanto)" in why


def test_warta_events_shows_the_merge_evidence(run_warta, merged_db):
    env = {"WARTA_DB": str(merged_db)}
    listed = json.loads(run_warta("events", "--type", "COERCE", "--json", env=env).stdout)
    assert the_arrest(listed)["merge_evidence"]
    assert "merged: same type COERCE" in run_warta("events", "--type", "COERCE", env=env).stdout


def test_the_api_and_the_events_page_show_the_merge_evidence(merged_db):
    with LiveServer(merged_db) as server, httpx.Client(base_url=server.url, timeout=30) as http:
        items = http.get("/api/events", params={"type": "COERCE"}).raise_for_status().json()["items"]
        why = the_arrest(items)["merge_evidence"][0]["why"]
        assert "same target id per:setya-novanto" in why
        page = http.get("/events", params={"type": "COERCE"}).raise_for_status().text
        assert 'class="merge-evidence' in page and "same target id per:setya-novanto" in page


# -- the gold ------------------------------------------------------------------------------------

CORPUS = SHARED / "data" / "corpus" / "indosum-dev" / "articles.jsonl"


@pytest.mark.shared_data
@requires_shared(CORPUS)
def test_the_production_rule_on_the_dev_event_pairs_holds_its_figures():
    from warta.gold.event_pairs import score_merges

    result = score_merges(same_happening, "dev", corpus=CORPUS)
    # Measured with training/event_pairs/score.py (docs/stories.md): dev precision 0.947, recall 0.353.
    # Many `same` pairs are lost before any merge rule runs: warta finds no event of the gold type
    # in one of the two sentences for 19 of the 51.
    assert result["pairs"] >= 100
    assert result["precision"] >= 0.90 and result["recall"] >= 0.30, result
