"""Who is speaking: pronouns, role phrases and continuations, on Indonesian sentences of our own writing."""

from __future__ import annotations

from datetime import date

import pytest

from warta.model import Article
from warta.nlp import load_cached
from warta.nlp.analysis import analyze


def quotes_of(*paragraphs: str, title: str = "Berita uji"):
    article = Article(published=date(2025, 9, 4), title=title, body=list(paragraphs))
    return analyze(article, load_cached()).quotes


def speakers(*paragraphs: str) -> list[tuple[str, str | None]]:
    return [(q.kind, q.speaker) for q in quotes_of(*paragraphs)]


# -- pronouns: the passage's current speaker ------------------------------------------------

def test_a_person_mentioned_in_a_narrative_paragraph_does_not_take_the_floor():
    found = speakers('"Pelakunya dua orang dan keduanya sudah kami tangkap," kata Kapolda Jawa Barat Irjen '
                     'Darmawan Saputra di Bandung.',
                     "Budi Hartono berasal dari Garut, sedangkan rekannya dari Tasikmalaya.",
                     '"Keduanya akan kami periksa pekan ini," kata dia.')
    assert found == [("direct", "Darmawan Saputra"), ("direct", "Darmawan Saputra")]


def test_a_pronoun_right_after_a_narrative_sentence_keeps_the_speaker():
    found = speakers("Juru bicara Kejaksaan Agung Hendra Wijaya menyatakan pihaknya menghormati proses hukum itu.",
                     "Sedianya Maria Lopez dieksekusi tahun lalu, tetapi eksekusinya ditunda.",
                     "Ia mengaku pihaknya belum menerima kabar terbaru dari Manila.")
    assert found == [("indirect", "Hendra Wijaya"), ("indirect", "Hendra Wijaya")]


def test_a_subject_in_the_pronouns_own_paragraph_takes_the_floor():
    found = speakers('"Stok beras cukup sampai Lebaran," kata Direktur Bulog Rahmat Sudrajat.',
                     'Menteri Pertanian Rudi Hartono meninjau gudang di Karawang. "Kami tetap siaga," ujarnya.')
    assert found == [("direct", "Rahmat Sudrajat"), ("direct", "Rudi Hartono")]


def test_a_newsmaker_introduced_with_a_title_takes_the_floor():
    found = speakers('"Sidang ditunda demi keamanan," kata Kepala Humas Polri Irjen Darmawan Saputra.',
                     "Sementara itu, Ketua Komisi Yudisial Hendra Wijaya mendukung penundaan itu.",
                     '"Saya setuju dengan usul itu," ujar dia di Jakarta.')
    assert found[0] == ("direct", "Darmawan Saputra")
    assert found[-1] == ("direct", "Hendra Wijaya")


# -- names in a row: the last is the person ---------------------------------------------------

def test_an_organisation_before_the_name_is_part_of_the_title():
    found = speakers("Analis Samuel Sekuritas Budi Santoso mengatakan rupiah akan menguat pekan ini.",
                     '"Sentimen positif masih menguasai pasar," katanya.')
    assert found == [("indirect", "Budi Santoso"), ("direct", "Budi Santoso")]


def test_a_rank_between_the_title_and_the_name():
    found = speakers("Kapolres Bungo AKBP Hendra Wijaya memastikan pelayanan masyarakat tetap berjalan.",
                     '"Kami sudah menyiapkan ruangan sementara," kata dia.')
    assert found == [("indirect", "Hendra Wijaya"), ("direct", "Hendra Wijaya")]


def test_a_ranked_name_in_apposition_after_the_cue():
    found = speakers('"Pelaku sudah kami tangkap," ucap Kasat Reskrim Polres Jakarta Utara, AKBP Hendra Wijaya '
                     'kepada wartawan.')
    assert found == [("direct", "Hendra Wijaya")]


# -- an unknown name after a cue is a person ---------------------------------------------------

def test_an_unknown_name_after_a_cue_is_the_speaker():
    found = speakers('"Harga pupuk naik terus sejak awal tahun," keluh Sarip, petani di Indramayu.')
    assert found == [("direct", "Sarip")]


def test_a_title_after_a_cue_is_not_made_a_name():
    found = speakers('"Pelaku sudah kami tangkap," kata Kasat Reskrim Polres Jakarta Utara kepada wartawan.')
    assert found[0][1] != "Kasat Reskrim Polres"


# -- quotations without a cue of their own, and the speaker before the verb --------------------

def test_a_quoted_sentence_without_a_cue_goes_on_with_the_speaker_before():
    found = speakers('"Kami akan menemui tim pengacara," tutur Ketua Umum PSSI Bambang Sutrisno kepada wartawan. '
                     '"Kami akan menanyakan perbedaan kedua kasus itu."',
                     '“ Saya berharap memang ada perbedaan yang jelas di antara keduanya. ”')
    assert found == [("direct", "Bambang Sutrisno")] * 3


def test_a_quoted_sentence_after_a_narrative_paragraph_gap_has_no_speaker_carried():
    found = speakers('"Stok beras cukup," kata Direktur Bulog Rahmat Sudrajat.',
                     "Harga beras di pasar induk turun sejak pekan lalu.",
                     "Pedagang di Cipinang juga menyambut baik penurunan harga itu.",
                     '"Semoga harga tetap stabil sampai akhir tahun ini."')
    assert found[-1] == ("direct", None)


def test_the_speaker_named_before_the_verb_after_a_quotation():
    found = speakers('"Saya siap menemui siapa pun yang terkait banjir," Rudi Santoso menambahkan.')
    assert [(q.speaker, q.cue) for q in quotes_of('"Kami tetap berjaga sampai pagi," ia melanjutkan.')] == \
        [(None, "melanjutkan")]
    assert found == [("direct", "Rudi Santoso")]


@pytest.mark.parametrize("paragraph,speaker", [
    # a name the model does not know, first met between the quotation and the cue, is a person
    ('"Kami akan mengajukan banding," Joni Sitorus menambahkan.', "Joni Sitorus"),
    ('"Air datang tengah malam dan kami tidak sempat menyelamatkan apa-apa," Yatinem menuturkan.', "Yatinem"),
    # a title and a three-word name before the cue
    ('"Revisi itu kami ajukan pekan depan," Menteri Hukum Supratman Andi Agtas menambahkan.',
     "Supratman Andi Agtas"),
    # a common word is no name
    ('"Kami tidak sempat mengungsi," Warga menambahkan.', None),
])
def test_the_speaker_first_named_between_a_quotation_and_its_cue(paragraph, speaker):
    assert speakers(paragraph) == [("direct", speaker)]


# -- descriptive phrases for a speaker (lexicons/speaker_epithets.tsv) ----------------------------

def _epithet_rows():
    from warta import lexicon

    return [(row["word"], row["kind"], row["example"]) for row in lexicon.table("speaker_epithets.tsv")]


@pytest.mark.parametrize("word,kind,example", [
    pytest.param(*row, marks=pytest.mark.xfail(strict=True, reason="with NER 0.4.0 the epithet `artis asal Depok "
                                                "itu` no longer finds its holder (docs/models/ner.md)"))
    if row[0] == "artis" else row for row in _epithet_rows()])
def test_every_speaker_epithet_example(word, kind, example):
    found = quotes_of(example)
    assert found, example
    last = found[-1]
    if kind == "anonymous":
        assert last.speaker is None, (word, example, found)
    else:  # the person the example's first sentence names
        assert last.speaker is not None and last.speaker in example.split(".")[0], (word, example, found)


def test_someone_of_a_body_pointed_back_to_is_not_named():
    found = speakers("Menteri Keuangan Bambang Suryaatmadja menyebut defisit masih aman.",
                     'Asosiasi Pertekstilan Indonesia memperingatkan dampak tarif itu. "Pembeli akan mengalihkan '
                     'pesanan," ungkap ketua umum asosiasi tersebut.')
    assert found[-1] == ("direct", None)


def test_a_name_before_a_relative_clause_after_a_subordinator_is_the_subject():
    found = speakers("Sementara Yandi Sofyan, yang jarang bermain ketika membela Persib, menjelaskan bahwa "
                     "komunikasi dengan Bali United sudah berlangsung lama.")
    assert found == [("indirect", "Yandi Sofyan")]


def test_a_title_run_after_a_cue_is_not_made_a_person():
    found = speakers('"Sudah ada 15 orang yang diamankan," ujar Wakapolda Metro Jaya Brigjen Suntana, Sabtu.')
    assert found == [("direct", "Suntana")]


# -- a title standing for the person who holds it ----------------------------------------------

def test_an_abbreviated_title_is_the_person_named_with_the_full_one():
    found = speakers("Menteri Hukum dan HAM Rudi Santoso menerima pengurus partai di kantornya.",
                     '"Kita tunggu putusan pengadilan dulu," kata Menkumham.')
    assert found == [("direct", "Rudi Santoso")]


def test_a_title_is_the_person_named_with_it_even_with_a_rank_between():
    found = speakers("Kapolres Jakarta Selatan Kombes Budi Hartono tiba di lokasi pukul 10.00 WIB.",
                     '"Situasi sudah kondusif," jelas Kapolres.')
    assert found == [("direct", "Budi Hartono")]


# -- several subjects, and a role set off by commas --------------------------------------------

@pytest.mark.parametrize("sentence, speaker", [
    ("Dias Angga, Taufiq Febriyanto dan Yandi Sofyan mengaku senang bisa bergabung dengan klub itu.", "Dias Angga"),
    ("Sejak kasus ini bergulir, baik Sugito, FPI maupun simpatisan lainnya terus mendesak polisi agar "
     "menghentikan penyelidikan.", "Sugito"),
])
def test_of_subjects_listed_with_commas_the_first_speaks(sentence, speaker):
    assert [s for _, s in speakers(sentence)] == [speaker]


def test_a_role_set_off_by_commas_describes_the_name_before_it():
    found = speakers("Menurut laporan, Budi Santoso, Ketua RT setempat, mengatakan warga sudah dievakuasi "
                     "ke balai desa.")
    assert found == [("indirect", "Budi Santoso")]


def test_a_title_is_the_person_named_with_it_in_apposition():
    found = speakers("Kapolres Jakarta Utara, Kombes Budi Hartono, memimpin penggerebekan itu.",
                     '"Semua pengunjung kami periksa," jelas Kapolres.')
    assert found == [("direct", "Budi Hartono")]


def test_a_bare_polisi_speaks_for_the_police_unit_the_story_named():
    found = speakers("Polda Metro Jaya menerbitkan surat penangkapan terhadap Rizieq.",
                     "Meski demikian, polisi tak bergeming dan meminta Rizieq untuk membuktikan "
                     "ketidakterlibatannya dengan pulang ke Indonesia.")
    assert found == [("indirect", "Kepolisian Daerah Metro Jaya")]


# -- a pronoun cue after a quotation that names the salient person: someone else speaks ----------------

def test_a_quote_that_names_the_salient_person_by_title_is_someone_elses():
    found = speakers("Presiden Joko Widodo menerima Sekjen NasDem Johnny Gerard Plate di Istana. Johnny mengatakan "
                     "NasDem mendukung dua Perppu itu.",
                     "Dalam pertemuan, Jokowi juga menyampaikan pendapatnya bahwa kedua Perppu itu sangat penting. "
                     '"Kita sepaham dengan Presiden," katanya.')
    assert found[-1] == ("direct", "Johnny Gerard Plate")


def test_a_quote_that_names_the_salient_person_is_someone_elses():
    found = speakers('"Klien kami kooperatif," kata kuasa hukum Rina Wulandari, Joni Sitorus.',
                     "Rina Wulandari menilai pemeriksaan itu janggal. \"Kami sudah menjelaskan semuanya, Rina Wulandari "
                     'tidak pernah menerima uang itu," ujarnya.')
    assert found[-1] == ("direct", "Joni Sitorus")


# -- a name after a pronoun or a verb is an object, not the sentence's subject ---------------------------

def test_a_name_the_pronoun_subject_quotes_does_not_take_the_floor():
    found = speakers('Wakil Ketua DPR Fadli Zon mengkritik rencana itu. "Kebijakan ini terburu-buru," kata Fadli. '
                     "Ia mengutip pernyataan Presiden Joko Widodo yang meminta kajian lebih dulu. "
                     '"Semua harus dikaji," kata dia.')
    assert found == [("direct", "Fadli Zon"), ("direct", "Fadli Zon")]


# -- relative clauses, bodies named by their first words ---------------------------------------------------

def test_a_name_in_a_relative_clause_after_the_subject_is_not_the_speaker():
    assert speakers("Partai yang dipimpin Prabowo Subianto itu menyatakan siap mendukung program pemerintah.") == \
        [("indirect", None)]


def test_a_passive_agent_keeps_the_floor_for_a_nya_cue():
    found = speakers("Kasus penolakan terhadap Gatot Nurmantyo disebut Wiranto selesai setelah pihak Amerika Serikat "
                     "meminta maaf dan memberikan penjelasan atas insiden itu.",
                     "Selain itu, lanjutnya, pemerintah Amerika Serikat juga sudah memastikan Panglima TNI bisa ke "
                     "negara itu kapan saja.")
    assert found == [("indirect", "Wiranto"), ("indirect", "Wiranto")]


def test_a_verb_joined_with_sembari_to_a_cue_has_the_same_speaker():
    found = speakers("Kepala Biro Penerangan Masyarakat Polri Brigjen Rikwanto mengatakan jalur tol sudah siap.",
                     '"Kami atur semua jalur. Kalau mogok, kita siapkan derek," sebutnya, sembari menambahkan '
                     "terdapat 22 ribu personel kepolisian yang diterjunkan.")
    assert found == [("indirect", "Rikwanto"), ("direct", "Rikwanto"), ("indirect", "Rikwanto")]


# -- role phrases and the named holder -----------------------------------------------------------------

@pytest.mark.parametrize("paragraphs, expected", [
    (["Menurut Kepala Dinas Kesehatan Kota Bandung, Rita Verita, jumlah kasus demam berdarah naik dua kali lipat."],
     [("indirect", "Rita Verita", "jumlah kasus demam berdarah naik dua kali lipat")]),
    (["Menurut Kapolres Sleman, AKBP Yuswanto Ardi, pelaku sudah ditangkap di rumahnya."],
     [("indirect", "Yuswanto Ardi", "pelaku sudah ditangkap di rumahnya")]),
    (["Menurut Badan Pusat Statistik, inflasi bulan ini mencapai 0,5 persen."],
     [("indirect", "Badan Pusat Statistik", "inflasi bulan ini mencapai 0,5 persen")]),
])
def test_menurut_a_role_phrase_then_the_person_in_apposition(paragraphs, expected):
    assert [(q.kind, q.speaker, q.text) for q in quotes_of(*paragraphs)] == expected


def test_an_unknown_name_before_a_cue_is_the_speaker():
    assert speakers("Yatinem mengatakan rumahnya terendam sejak Minggu malam.") == [("indirect", "Yatinem")]


def test_words_of_the_language_before_a_cue_are_not_made_names():
    found = speakers("Warga mengatakan air naik sejak subuh. Pemerintah menyatakan bantuan segera dikirim. "
                     "Petugas menjelaskan evakuasi berjalan lancar.")
    assert found == [("indirect", None)] * 3


# -- news shapes, each a passage of our own writing: (paragraphs, [(kind, speaker), ...]) --------------

@pytest.mark.parametrize("paragraphs, expected", [
    # a rank between the title and the name after the cue
    (['"Pelaku kami jerat dengan pasal pembunuhan berencana," ujar Kapolres Bogor AKBP Hendra Wijaya di '
      'Cibinong, Selasa.'],
     [("direct", "Hendra Wijaya")]),
    # a title phrase after the cue for the person named with it earlier
    (["Ketua Umum Partai Demokrat Agus Harimurti Yudhoyono menghadiri deklarasi di Surabaya.",
      '"Kami siap memenangkan pasangan ini," kata Ketua Umum Partai Demokrat itu.'],
     [("direct", "Agus Harimurti Yudhoyono")]),
    # `kata dia` after another person's quote: the subject of its own sentence
    (['"Proyek ini harus selesai akhir tahun," kata Gubernur DKI Jakarta Anies Baswedan. Menteri Pekerjaan Umum '
      'Basuki Hadimuljono menyatakan anggaran sudah siap. "Kami hanya menunggu lelang," kata dia.'],
     [("direct", "Anies Rasyid Baswedan"), ("indirect", "Basuki Hadimuljono"), ("direct", "Basuki Hadimuljono")]),
    # `imbuhnya` after a narrative `pihaknya` sentence
    (["Kepala Pelaksana BPBD Garut Dadi Djakaria menjelaskan banjir merendam enam desa.",
      "Pihaknya sudah mendirikan tiga posko pengungsian di kantor kecamatan.",
      '"Logistik cukup untuk seminggu," imbuhnya.'],
     [("indirect", "Dadi Djakaria"), ("direct", "Dadi Djakaria")]),
    # the speaker across paragraph breaks, and a quoted paragraph with no cue going on
    (["Direktur Jenderal Imigrasi Silmy Karim memastikan layanan paspor tetap buka saat libur.",
      '"Antrean daring kami tambah menjadi dua kali lipat," ujarnya.',
      '"Petugas juga bekerja dalam dua sif."'],
     [("indirect", "Silmy Karim"), ("direct", "Silmy Karim"), ("direct", "Silmy Karim")]),
    # a role phrase set off by commas before the name
    (["Kuasa hukum terdakwa, Maqdir Ismail, mengatakan kliennya akan mengajukan banding."],
     [("indirect", "Maqdir Ismail")]),
    # a role phrase naming another person, then the speaker in apposition
    (['"Kami menolak semua tuduhan itu," kata pengacara Setya Novanto, Fredrich Yunadi.'],
     [("direct", "Fredrich Yunadi")]),
    # `Menurut dia` after the person's own indirect statement
    (["Sekretaris Jenderal PBB Antonio Guterres mendesak kedua pihak menahan diri. Menurut dia, dialog adalah "
      "satu-satunya jalan."],
     [("indirect", "Antonio Guterres"), ("indirect", "Antonio Guterres")]),
    (["Sementara itu, Juru Bicara Kementerian Kesehatan Mohammad Syahril mengatakan stok vaksin masih mencukupi "
      "hingga akhir tahun."],
     [("indirect", "Mohammad Syahril")]),
    # two officers in one passage: `tambahnya` goes to the one who spoke last
    (["Kapolda Metro Jaya Irjen Karyoto menyampaikan bahwa pengamanan malam tahun baru melibatkan 5.000 personel.",
      '"Kami juga menyiapkan pengalihan arus," kata Karyoto. Kasat Lantas Polres Jakarta Pusat AKBP Purwanta '
      'mengatakan jalan Thamrin akan ditutup pukul 22.00. "Kendaraan dialihkan ke Jalan Sudirman," tambahnya.'],
     [("indirect", "Karyoto"), ("direct", "Karyoto"), ("indirect", "Purwanta"), ("direct", "Purwanta")]),
    (["Menurut Ketua KPU Hasyim Asy'ari, tahapan pemilu tetap berjalan sesuai jadwal."],
     [("indirect", "Hasyim Asy'ari")]),
    # an initial the model leaves out of the name after a role phrase and its body's acronym
    (['"Tim reaksi cepat dibentuk atas instruksi menteri," kata Direktur Perlindungan Pekerja Migran (PPM) '
      'Kemnaker, R. Budi Hartono, di Jakarta.'],
     [("direct", "Budi Hartono")]),
    # of subjects listed with commas the first speaks, whatever the model made of the names between
    (["Bali United memperkenalkan rekrutan baru. Mereka adalah Dias Angga, Taufiq, Yandi Sofyan serta kiper I Made "
      "Kadek Wardhana.",
      "Dias, Taufiq dan Yandi mengaku senang bisa menjadi bagian dari skuat arahan Indra Sjafri tersebut."],
     [("indirect", "Dias Angga")]),
    # the dot of an honorific does not end the speaker's name
    (['"Kandungan mineral itu bisa berpengaruh pada kesuburan," ungkap Dr. Damar Prasetyo.'],
     [("direct", "Damar Prasetyo")]),
    # a bare common noun as subject: the body named with that noun before
    (["Untuk mencegah jemaah kelelahan, petugas PPIH melakukan sosialisasi tentang jadwal lontar jumroh. Petugas "
      "juga mengimbau agar jemaah lanjut usia mewakilkan lontar jumroh kepada pendampingnya."],
     [("indirect", "Panitia Penyelenggara Ibadah Haji")]),
    # a preposition opening the piece before the cue is no noun for a body (`..., dengan mengatakan`)
    (["Dalam pertemuan itu Budi Santoso berbicara dengan Hendra Wijaya.",
      'Saat mengantar tamunya ke mobil, Budi Santoso memberikan undangan kepada Hendra Wijaya untuk datang lagi, '
      'dengan mengatakan: "Kami menunggu Anda di Bandung."'],
     [("direct", "Budi Santoso")]),
    # a bare title as subject is someone unnamed, not a body
    (["Majelis hakim Pengadilan Tipikor Jakarta menjatuhkan vonis enam tahun penjara. Hakim menilai hal yang "
      "meringankan adalah terdakwa bersikap sopan selama persidangan."],
     [("indirect", None)]),
])
def test_speakers_in_news_shapes(paragraphs, expected):
    assert speakers(*paragraphs) == expected
