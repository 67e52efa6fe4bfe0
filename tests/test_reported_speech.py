"""Unquoted reported speech and what is not speech, on Indonesian sentences of our own writing."""

from __future__ import annotations

import re
from datetime import date

import pytest

from warta import lexicon
from warta.model import Article
from warta.nlp import load_cached
from warta.nlp.analysis import analyze


def quotes_of(*paragraphs: str, title: str = "Berita uji"):
    article = Article(published=date(2025, 9, 4), title=title, body=list(paragraphs))
    return analyze(article, load_cached()).quotes


def _not_speech_lines():
    return [(row["word"], row["kind"], row["example"]) for row in lexicon.table("not_speech.tsv")]


@pytest.mark.parametrize("word,kind,example", _not_speech_lines())
def test_every_not_speech_example(word, kind, example):
    assert word.lower() in example.lower()
    found = quotes_of(example)
    quoted = re.search(r'"([^"]+)"', example)
    if kind == "title":  # the title or slogan is no quote (the sentence around it may report something)
        assert quoted.group(1) not in [q.text for q in found], (example, found)
    elif kind == "naming":  # a short quotation after a naming verb is someone's words
        assert ("partial", quoted.group(1)) in [(q.kind, q.text) for q in found], (example, found)
    else:
        assert found == [], (example, found)


def test_an_object_head_with_a_predicate_of_its_own_is_still_reported():
    q = quotes_of("Kepala laboratorium Dewi Anggraini menjelaskan hasil uji itu menunjukkan air sumur tercemar.")
    assert [(x.kind, x.cue) for x in q] == [("indirect", "menjelaskan")]
    assert q[0].text.startswith("hasil uji itu menunjukkan")


def test_a_comma_after_the_cue_makes_an_object_head_reported_content():
    q = quotes_of("Ketua panitia Rudi Hartono menyampaikan, hasil lomba akan diumumkan pekan depan.")
    assert [(x.text, x.speaker) for x in q] == [("hasil lomba akan diumumkan pekan depan", "Rudi Hartono")]


def test_a_cue_inside_a_reported_clause_does_not_cut_it():
    q = quotes_of("Juru bicara Polri Agus Santoso mengatakan Polda Jawa Timur meminta sidang itu ditunda "
                  "karena alasan keamanan.")
    assert len(q) == 1
    assert (q[0].cue, q[0].speaker) == ("mengatakan", "Agus Santoso")
    assert q[0].text == "Polda Jawa Timur meminta sidang itu ditunda karena alasan keamanan"


def test_two_reports_joined_by_a_comma_stay_two():
    q = quotes_of("Budi Santoso mengatakan harga cabai akan turun, dan ia menambahkan stok beras masih cukup.")
    assert [x.cue for x in q] == ["mengatakan", "menambahkan"]


def test_menurut_a_named_body_is_a_quote_but_menurut_a_plan_is_not():
    assert [x.kind for x in quotes_of("Menurut BMKG, hujan lebat akan turun di Jakarta pekan depan.")] == ["indirect"]
    assert quotes_of("Menurut rencana, pasar itu akan dibuka kembali pekan depan.") == []


def test_scare_quotes_without_a_cue_are_not_quotes():
    assert quotes_of('Kepala dinas itu menegaskan petugasnya tidak mau "main-main" dengan aturan baru.')[0].kind \
        == "indirect"
    assert quotes_of('Pemain muda Andi Saputra tidak mau "main-main" saat berlatih di Malang.') == []


def test_a_short_quotation_inside_reported_speech_is_partial():
    q = quotes_of('Menteri Luar Negeri Sri Wahyuni menyatakan bahwa ASEAN harus tampil dengan "satu suara" '
                  'di forum itu.')
    assert ("partial", "satu suara", "Sri Wahyuni") in [(x.kind, x.text, x.speaker) for x in q]


def test_a_short_quotation_after_a_cue_is_partial():
    q = quotes_of('Pengamat ekonomi Dian Pertiwi menyebut kenaikan harga itu "tidak wajar" di Jakarta.')
    assert ("partial", "tidak wajar", "Dian Pertiwi") in [(x.kind, x.text, x.speaker) for x in q]


def test_a_title_of_a_work_in_quotes_is_not_a_quote():
    assert quotes_of('Bioskop di Malang memutar film "Surat dari Seberang Lautan yang Jauh" sepanjang pekan.') == []


def test_a_slogan_is_not_a_quote():
    assert quotes_of('Spanduk bertuliskan slogan "Jaga Kebersihan, Jaga Kesehatan Kita Semua." dipasang di pasar.') \
        == []


def test_the_subject_of_the_cues_own_clause_speaks():
    q = one_indirect("Banjir melanda Kuala Lumpur sejak Senin, namun pemerintah Indonesia meminta warganya "
                     "tetap tenang.")
    assert q.speaker == "Indonesia"


def test_a_name_in_apposition_before_the_cue_speaks():
    q = one_indirect("Kuasa hukum Rina Wati, Joni Sitorus mengatakan, kliennya akan hadir dalam sidang pekan depan.")
    assert q.speaker == "Joni Sitorus"


def test_a_pronoun_after_a_fronted_adjunct_is_the_passage_subject():
    quotes = quotes_of("Menteri Pertanian Rudi Hartono meninjau sawah di Karawang pada Senin.",
                       "Kepada wartawan di Karawang, dia mengatakan stok beras aman hingga akhir tahun.")
    assert [(q.kind, q.speaker) for q in quotes] == [("indirect", "Rudi Hartono")]


def test_a_dateline_place_is_not_the_speaker():
    q = one_indirect("Jakarta, CNN Indonesia -- KPK meminta para saksi memenuhi panggilan penyidik pekan depan.")
    assert q.speaker == "Komisi Pemberantasan Korupsi"


def one_indirect(*paragraphs):
    found = [q for q in quotes_of(*paragraphs) if q.kind == "indirect"]
    assert len(found) == 1, found
    return found[0]


def test_a_relay_or_role_piece_before_the_cue_is_not_the_speaker():
    q = one_indirect("Menteri Luar Negeri Sri Wahyuni, seperti dilansir Antara, mengatakan bahwa Indonesia siap "
                     "menjadi tuan rumah perundingan itu.")
    assert q.speaker == "Sri Wahyuni"
    q = one_indirect("Presiden Filipina Maria Santos, selaku ketua ASEAN tahun ini, menyatakan bahwa pertemuan "
                     "berikutnya digelar di Manila.")
    assert q.speaker == "Maria Santos"


def headline_of(title, *body):
    return [(q.text, q.speaker) for q in quotes_of(*body, title=title) if q.kind == "headline"]


def test_headline_speaker_before_the_colon():
    assert headline_of("Menkeu: Defisit Anggaran Masih Terkendali",
                       "Menteri Keuangan Bambang Suryaatmadja mengatakan defisit masih terkendali.") == \
        [("Defisit Anggaran Masih Terkendali", "Bambang Suryaatmadja")]


def test_headline_speaker_after_the_colon():
    assert headline_of("Harga Cabai Turun Pekan Depan: Bulog", "Bulog memperkirakan harga cabai turun.") == \
        [("Harga Cabai Turun Pekan Depan", "Badan Urusan Logistik")]


def test_headline_quoted_claim_after_the_colon_is_one_headline_quote():
    quotes = quotes_of("Ketua DPRD Sleman Budi Santosa meminta warga tenang.",
                       title='Budi Santosa: "Warga Harus Tenang"')
    assert [(q.kind, q.text) for q in quotes if q.end <= 40] == [("headline", "Warga Harus Tenang")]


def test_headline_with_a_reporting_verb():
    assert headline_of("BMKG Imbau Warga Jauhi Bantaran Sungai",
                       "Badan Meteorologi, Klimatologi, dan Geofisika (BMKG) mengimbau warga menjauhi sungai.") == \
        [("Warga Jauhi Bantaran Sungai", "Badan Meteorologi, Klimatologi, dan Geofisika")]


def test_headline_claim_then_kata():
    assert headline_of("Stok Gula Aman, Kata Mendag Budi Santoso",
                       "Menteri Perdagangan Budi Santoso memastikan stok gula aman.") == \
        [("Stok Gula Aman", "Budi Santoso")]


@pytest.mark.parametrize("title", ["Live: Persib Bandung vs Arema FC di Si Jalak Harupat",
                                   "Jadwal Lengkap: Kereta Tambahan Mulai Jumat",
                                   "Ramalan Cuaca Besok: Hujan Ringan di Bogor",
                                   "Ulasan Buku 'Rumah Bercerita': Kisah yang Menghangatkan"])
def test_a_label_before_a_colon_attributes_nothing(title):
    assert [q for q in quotes_of("Isi berita hari ini.", title=title) if q.end <= len(title)] == []


def test_menurutnya_without_a_comma():
    quotes = quotes_of("Ekonom Dian Pertiwi hadir dalam diskusi itu. Apalagi, menurutnya harga pangan akan naik "
                       "menjelang Lebaran.")
    assert [(q.text, q.speaker) for q in quotes] == [("harga pangan akan naik menjelang Lebaran", "Dian Pertiwi")]


def test_a_passive_opener_with_its_agent():
    quotes = quotes_of("Ketua panitia Rudi Hartono dan Bupati Sri Wahyuni membuka pameran itu. "
                       "Ditambahkan Sri Wahyuni, pameran berlangsung hingga Minggu.")
    assert [(q.text, q.speaker, q.cue) for q in quotes] == \
        [("pameran berlangsung hingga Minggu", "Sri Wahyuni", "ditambahkan")]


@pytest.mark.parametrize("sentence, speaker", [
    ("Kasus penolakan itu disebut Wiranto sudah selesai setelah pihak maskapai meminta maaf.", "Wiranto"),
    ("Tawaran bantuan dari Filipina, ditambahkan Wiranto, patut dihargai.", "Wiranto"),
    ("Foto-foto itu diakui Novel beredar di berbagai grup percakapan.", "Novel"),
])
def test_a_passive_cue_with_its_agent_makes_the_sentence_the_agents(sentence, speaker):
    found = [(q.kind, q.speaker) for q in quotes_of(sentence)]
    assert found == [("indirect", speaker)]


@pytest.mark.parametrize("frame", [
    "Hal itu disampaikan Agus ketika dikonfirmasi awak media.",
    "Pengumuman itu disampaikan Agus seusai rapat koordinasi di Jakarta.",
    "Keputusan tersebut diungkapkan Agus dalam jumpa pers di Mabes Polri.",
])
def test_a_passive_sentence_that_points_back_makes_no_statement(frame):
    found = quotes_of('"Kami belum menerima laporannya," kata Agus Rahardjo.', frame)
    assert [q.kind for q in found] == ["direct"]


def test_a_quoted_paragraph_goes_on_with_its_speaker_across_a_link_to_another_story():
    found = quotes_of('"Saya belum membutuhkan kontrak baru," kata pelatih Manchester United Jose Mourinho.',
                      "SIMAK JUGA: Mou: United Kerja Cerdas Hindari Efek Neymar",
                      '"Sejak dulu, saya ingin melatih di berbagai tempat. Tidak pernah berubah."')
    assert [(q.kind, q.speaker) for q in found] == [("direct", "Jose Mourinho"), ("direct", "Jose Mourinho")]


def test_the_outlet_a_passage_is_taken_from_is_not_its_subject():
    found = quotes_of("Mengutip Ace Showbiz, Johansson saat itu ditanya peran apa yang ia inginkan. "
                      'Ia menjawab, "Putri saya masih muda. Kami berdua bermimpi," katanya.')
    assert [(q.kind, q.speaker) for q in found] == [("direct", "Johansson")]


def test_a_capitalised_title_is_no_predicate_that_makes_an_object_a_report():
    # `Melodrama` starts like a meN- verb; a capitalised word is a name
    assert quotes_of("Penyanyi itu merilis album baru bertajuk Melodrama pada Jumat (16/6).") == []


@pytest.mark.parametrize("sentence", [
    "Lebih lanjut ia mengatakan setidaknya ada tiga langkah yang bisa dilakukan.",
    "Di sisi lain, dia menilai ekonomi Indonesia cukup kuat menghadapi gejolak.",
    "Berbicara pada Harian Pagi, ia menyebut kebijakan itu sudah tepat.",
])
def test_a_pronoun_after_a_connective_or_an_addressee_is_the_passages_speaker(sentence):
    found = quotes_of("Direktur Pelaksana IMF Christine Lagarde mengingatkan pemerintah untuk menyusun kebijakan.",
                      sentence)
    assert [q.speaker for q in found] == ["Christine Lagarde", "Christine Lagarde"]


def test_a_subordinate_clause_before_the_cue_has_its_own_subject():
    found = quotes_of("Pemutusan hubungan kerja dilakukan lewat SMS, setelah pihak perusahaan mengklaim "
                      "telah melakukan evaluasi selama tiga bulan.")
    assert [(q.cue, q.speaker) for q in found] == [("mengklaim", None)]
    # a pronoun in that clause is still resolved
    found = quotes_of("Presiden Joko Widodo tiba di Bandung, setelah ia mengatakan akan meninjau proyek kereta cepat.")
    assert [q.speaker for q in found] == ["Joko Widodo"]


@pytest.mark.xfail(strict=True, reason="NER 0.4.0 reads `Bidang Protokol` inside the title as a person, who is "
                   "then the speaker (docs/models/ner.md)")
def test_a_long_title_after_the_cue_runs_on_to_its_holder():
    found = quotes_of('"Bukan rombongan kepresidenan," kata Deputi Bidang Protokol, Pers dan Media (PPM) '
                      "Sekretariat Presiden Bey Machmudin seperti dikutip dari laman Setkab.")
    assert [(q.kind, q.speaker) for q in found] == [("direct", "Bey Machmudin")]


def test_a_pronoun_with_a_verb_of_stance_before_the_cue_is_still_the_subject():
    found = quotes_of("Presiden Afrika Selatan Jacob Zuma mengundurkan diri. Dengan bahasa Zulu, dia mengaku yakin "
                      "telah melaksanakan tugas dengan baik.")
    assert [q.speaker for q in found] == ["Jacob Zuma"]


def test_a_determiner_before_an_objects_head_keeps_it_an_object():
    assert quotes_of("Lembaga riset itu merilis sebuah laporan yang mencengangkan pekan lalu.") == []


@pytest.mark.parametrize("sentence,speaker", [
    ('"Video ini tentang keberanian anak-anak," tulis pernyataan Raisa Andriana.', "Raisa Andriana"),
    ('"Kami kalah karena kurang fokus," aku pelatih Persib Robert Alberts.', "Robert Alberts"),
])
def test_the_owner_of_a_statement_after_the_cue_speaks(sentence, speaker):
    assert [q.speaker for q in quotes_of(sentence)] == [speaker]
