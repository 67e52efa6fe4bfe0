"""Articles written for the copy and story tests: one flood reported by a wire
agency, republished by two outlets with light edits and followed up by a third
in its own words; a court session told by two outlets; an unrelated match."""

from __future__ import annotations

from datetime import date

from warta.model import Article

FLOOD_WIRE = [
    "Banjir merendam sekitar 1.200 rumah di Kabupaten Cianjur, Jawa Barat, pada Rabu malam setelah hujan deras "
    "mengguyur wilayah itu selama dua setengah jam tanpa henti.",
    "\"Kami sudah mengerahkan 150 personel dan empat perahu karet untuk mengevakuasi warga,\" kata Kepala BPBD "
    "Cianjur Asep Suryana kepada wartawan di Cianjur, Kamis.",
    "Ia menambahkan bahwa para pengungsi ditampung di gedung sekolah dan masjid terdekat, sementara dapur umum "
    "didirikan di halaman kantor kecamatan.",
    "Menurut Asep, ketinggian air di Desa Sukamaju sempat mencapai satu meter dan jalan provinsi yang menghubungkan "
    "Cianjur dengan Sukabumi tidak bisa dilalui kendaraan.",
    "Badan Meteorologi, Klimatologi, dan Geofisika memperkirakan hujan dengan intensitas sedang hingga lebat masih "
    "akan turun di wilayah Cianjur selatan hingga akhir pekan.",
]


def flood_wire() -> Article:
    return Article(date(2024, 3, 7), "Banjir rendam 1.200 rumah di Cianjur", FLOOD_WIRE, section="NASIONAL",
                   source="ANTARA", dateline="Cianjur (ANTARA)")


def flood_copy_one() -> Article:
    """The wire story as one outlet runs it: its own headline, the last paragraph cut, a word changed."""
    body = [p.replace("kata Kepala", "ujar Kepala") for p in FLOOD_WIRE[:4]]
    return Article(date(2024, 3, 7), "Ribuan rumah di Cianjur terendam banjir", body, section="NASIONAL",
                   source="Suara")


def flood_copy_two() -> Article:
    """Another outlet a day later: a sentence of its own added, the wire text kept."""
    body = [*FLOOD_WIRE, "Hingga Jumat pagi, petugas masih mendata kerugian akibat banjir tersebut."]
    return Article(date(2024, 3, 8), "BPBD Cianjur evakuasi warga korban banjir", body, section="DAERAH",
                   source="Pikiran Rakyat")


def flood_follow_up() -> Article:
    """The same flood told in another outlet's own words the next day."""
    return Article(date(2024, 3, 8), "Pengungsi banjir Cianjur mulai kembali ke rumah", [
        "Sebagian warga Desa Sukamaju yang mengungsi akibat banjir di Kabupaten Cianjur mulai kembali ke rumah "
        "mereka pada Jumat setelah air surut.",
        "Kepala BPBD Cianjur Asep Suryana mengatakan ketinggian air di permukiman warga kini tinggal sekitar "
        "sepuluh sentimeter, namun lumpur tebal masih menutupi lantai rumah.",
        "\"Kami minta warga tetap waspada karena hujan lebat diperkirakan masih turun hingga akhir pekan,\" kata "
        "Asep di posko pengungsian.",
        "Jalan provinsi yang menghubungkan Cianjur dengan Sukabumi sudah kembali bisa dilalui kendaraan roda empat, "
        "meski petugas masih membersihkan material lumpur di beberapa titik.",
        "Dapur umum di halaman kantor kecamatan tetap dibuka untuk melayani warga yang rumahnya rusak dan pengungsi "
        "yang belum bisa pulang.",
    ], section="DAERAH", source="Kompas")


def court_first() -> Article:
    return Article(date(2024, 5, 14), "Sidang perdana kasus korupsi dana desa Lebak digelar", [
        "Pengadilan Tindak Pidana Korupsi Serang menggelar sidang perdana kasus dugaan korupsi dana desa dengan "
        "terdakwa mantan Kepala Desa Cibadak, Rudi Hartono, pada Selasa.",
        "Jaksa penuntut umum Kejaksaan Negeri Lebak mendakwa Rudi menyelewengkan dana desa sebesar Rp1,2 miliar "
        "selama tahun anggaran 2021 hingga 2022.",
        "\"Terdakwa menggunakan dana tersebut untuk kepentingan pribadi, termasuk membeli mobil dan tanah,\" kata "
        "jaksa Dewi Lestari saat membacakan surat dakwaan.",
        "Kuasa hukum terdakwa menyatakan akan mengajukan eksepsi pada sidang berikutnya pekan depan.",
    ], section="HUKUM", source="Kompas")


def court_second() -> Article:
    return Article(date(2024, 5, 15), "Mantan Kades Cibadak didakwa korupsi dana desa Rp1,2 miliar", [
        "Mantan Kepala Desa Cibadak, Kabupaten Lebak, Rudi Hartono, didakwa menyelewengkan dana desa sebesar Rp1,2 "
        "miliar dalam sidang di Pengadilan Tindak Pidana Korupsi Serang.",
        "Dalam dakwaan yang dibacakan jaksa Dewi Lestari dari Kejaksaan Negeri Lebak, dana desa tahun anggaran 2021 "
        "hingga 2022 disebut dipakai terdakwa untuk membeli mobil dan tanah.",
        "\"Kami akan menyampaikan eksepsi pada sidang pekan depan,\" ujar kuasa hukum terdakwa seusai sidang.",
        "Majelis hakim menunda sidang hingga Selasa pekan depan dengan agenda pembacaan eksepsi.",
    ], section="HUKUM", source="Detik")


def match_report() -> Article:
    return Article(date(2024, 3, 9), "Persib tundukkan Persija 2-1 di Bandung", [
        "Persib Bandung mengalahkan Persija Jakarta 2-1 dalam lanjutan Liga 1 di Stadion Gelora Bandung Lautan Api, "
        "Sabtu malam.",
        "Dua gol Persib dicetak oleh David da Silva pada babak pertama, sedangkan Persija membalas lewat tendangan "
        "bebas Marko Simic menjelang akhir laga.",
        "\"Anak-anak bermain disiplin dan menjalankan instruksi dengan baik,\" kata pelatih Persib Bojan Hodak.",
    ], section="OLAHRAGA", source="Bola")


def all_articles() -> list[Article]:
    return [flood_wire(), flood_copy_one(), flood_copy_two(), flood_follow_up(), court_first(), court_second(),
            match_report()]
