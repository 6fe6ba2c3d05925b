/// The regions of the demo registry, as data.
///
/// Sources and confidence (see `shared/domain.md` for the marks):
/// - Purwakarta (32.14): the 17 kecamatan, their Kemendagri codes and village counts (192 =
///   183 desa + 9 kelurahan, all kelurahan in Kecamatan Purwakarta) follow the Kemendagri code
///   list as remembered (M). The village *names* outside Kecamatan Purwakarta are partly real,
///   partly plausible Sundanese names (L): use them for display only.
/// - Bantul (34.02): the 17 kapanewon, their codes and the 75 kalurahan with their names (M).
/// - Karawang, Sleman, Kota Yogyakarta and Kota Semarang: a few districts each, for variety;
///   codes and names L. Village codes are numbered in list order: 1001… kelurahan, 2001… desa.
/// - Minimum wages (UMK, 2025, rupiah) and labour force (BPS Sakernas, August, employed +
///   unemployed): Bantul 2023 total 457,718 and Central Java 2021 are domain.md figures (H/M);
///   the employed/unemployed split of Bantul and every other figure are plausible estimates (L).
enum RegionData {
    typealias District = (code: String, name: String, kelurahan: [String], desa: [String])
    typealias Regency = (code: String, name: String, minimumWage: Int64, weight: Double, districts: [District])
    typealias Province = (code: String, name: String, regencies: [Regency])
    /// Labour force of a regency or province for a year: employed and unemployed.
    typealias LabourForce = (area: String, year: Int, employed: Int64, unemployed: Int64, source: String)

    static let provinces: [Province] = [
        ("32", "Jawa Barat", [
            ("32.14", "Purwakarta", 4_792_252, 0.36, purwakarta),
            ("32.15", "Karawang", 5_599_593, 0.09, karawang),
        ]),
        ("33", "Jawa Tengah", [
            ("33.74", "Kota Semarang", 3_454_827, 0.04, semarang),
        ]),
        ("34", "DI Yogyakarta", [
            ("34.02", "Bantul", 2_360_533, 0.35, bantul),
            ("34.04", "Sleman", 2_466_514, 0.09, sleman),
            ("34.71", "Kota Yogyakarta", 2_655_041, 0.07, kotaYogyakarta),
        ]),
    ]

    static let purwakarta: [District] = [
        ("32.14.01", "Purwakarta",
         ["Nagri Kaler", "Nagri Tengah", "Nagri Kidul", "Cipaisan", "Sindangkasih", "Ciseureuh", "Tegalmunjul",
          "Munjuljaya", "Purwamekar"],
         ["Citalang"]),
        ("32.14.02", "Campaka", [],
         ["Campaka", "Campakasari", "Cikumpay", "Cijaya", "Cimahi", "Cirende", "Cisaat", "Benteng", "Kertamukti",
          "Cijunti"]),
        ("32.14.03", "Jatiluhur", [],
         ["Jatiluhur", "Jatimekar", "Cibinong", "Cikaobandung", "Parakanlima", "Bunder", "Kembangkuning", "Cilegong",
          "Mekargalih", "Cisalada"]),
        ("32.14.04", "Plered", [],
         ["Plered", "Anjun", "Babakansari", "Balingbing", "Citeko", "Citeko Kaler", "Cibogohilir", "Cibogogirang",
          "Gandasoli", "Liunggunung", "Linggarsari", "Pamoyanan", "Rawasari", "Sempur", "Sindangsari", "Gandamekar"]),
        ("32.14.05", "Sukatani", [],
         ["Sukatani", "Cibodas", "Cianting", "Cianting Utara", "Cipicung", "Cilalawi", "Malangnengah", "Panyindangan",
          "Pasirmunjul", "Sukajaya", "Sukamaju", "Tajursindang", "Cijantung", "Sindanglaya"]),
        ("32.14.06", "Darangdan", [],
         ["Darangdan", "Cilingga", "Depok", "Gununghejo", "Linggamukti", "Linggasari", "Mekarsari", "Neglasari",
          "Nagrak", "Pasirangin", "Sadarkarya", "Sawit", "Sirnamanah", "Legoksari", "Nangewer"]),
        ("32.14.07", "Maniis", [],
         ["Maniis", "Cijati", "Citamiang", "Ciramahilir", "Ciramagirang", "Gunungkarung", "Pasirjambu", "Sinargalih"]),
        ("32.14.08", "Tegalwaru", [],
         ["Tegalwaru", "Batutumpang", "Cadassari", "Cadasmekar", "Cisarua", "Galumpit", "Karoya", "Pasanggrahan",
          "Sukahaji", "Sukamulya", "Tegalsari", "Warungjeruk", "Citalang Tengah"]),
        ("32.14.09", "Wanayasa", [],
         ["Wanayasa", "Babakan", "Cibuntu", "Ciawi", "Legokhuni", "Nagrog", "Nangerang", "Raharja", "Sakambang",
          "Simpang", "Sumurugul", "Sukadami", "Taringgul Tengah", "Taringgul Tonggoh", "Wanasari"]),
        ("32.14.10", "Pasawahan", [],
         ["Pasawahan", "Cidahu", "Ciherang", "Cihuni", "Kertajaya", "Lebakanyar", "Margasari", "Pasawahan Anyar",
          "Pasawahan Kidul", "Sawah Kulon", "Selaawi", "Warungkadu"]),
        ("32.14.11", "Bojong", [],
         ["Bojong Barat", "Bojong Timur", "Cibingbin", "Cihanjawar", "Cileuweung", "Cipeundeuy", "Kertasari",
          "Pangkalan", "Pasanggrahan", "Sindangpanon", "Sindangsari", "Sukamanah", "Cikeris", "Sukamaju"]),
        ("32.14.12", "Babakancikao", [],
         ["Babakancikao", "Cicadas", "Cigelam", "Ciwareng", "Hegarmanah", "Kadumekar", "Maracang", "Mulyamekar",
          "Cilangkap"]),
        ("32.14.13", "Bungursari", [],
         ["Bungursari", "Cibening", "Cibodas", "Cibungur", "Cikopo", "Cinangka", "Karangmukti", "Dangdeur",
          "Wanakerta", "Bunderjaya"]),
        ("32.14.14", "Cibatu", [],
         ["Cibatu", "Cibukamanah", "Cikadu", "Cilandak", "Cipinang", "Karyamekar", "Ciparungsari", "Cirangkong",
          "Wanawali", "Karyamukti"]),
        ("32.14.15", "Sukasari", [],
         ["Sukasari", "Ciririp", "Kertamanah", "Parungbanteng", "Sukamaju"]),
        ("32.14.16", "Pondoksalam", [],
         ["Pondokbungur", "Galudra", "Gurudug", "Salamjaya", "Salammulya", "Salem", "Sukajadi", "Situ",
          "Bungurjaya", "Parakansalam", "Tanjungsari"]),
        ("32.14.17", "Kiarapedes", [],
         ["Kiarapedes", "Cibeber", "Ciracas", "Gardu", "Margaluyu", "Mekarjaya", "Parakan Garokgek", "Pusakamulya",
          "Sumbersari", "Taringgul Landeuh"]),
    ]

    static let bantul: [District] = [
        ("34.02.01", "Srandakan", [], ["Poncosari", "Trimurti"]),
        ("34.02.02", "Sanden", [], ["Gadingsari", "Gadingharjo", "Srigading", "Murtigading"]),
        ("34.02.03", "Kretek", [], ["Tirtomulyo", "Parangtritis", "Donotirto", "Tirtosari", "Tirtohargo"]),
        ("34.02.04", "Pundong", [], ["Seloharjo", "Panjangrejo", "Srihardono"]),
        ("34.02.05", "Bambanglipuro", [], ["Sidomulyo", "Mulyodadi", "Sumbermulyo"]),
        ("34.02.06", "Pandak", [], ["Caturharjo", "Triharjo", "Gilangharjo", "Wijirejo"]),
        ("34.02.07", "Pajangan", [], ["Sendangsari", "Guwosari", "Triwidadi"]),
        ("34.02.08", "Bantul", [], ["Ringinharjo", "Bantul", "Trirenggo", "Sabdodadi", "Palbapang"]),
        ("34.02.09", "Jetis", [], ["Patalan", "Canden", "Sumberagung", "Trimulyo"]),
        ("34.02.10", "Imogiri", [],
         ["Selopamioro", "Sriharjo", "Kebonagung", "Karangtengah", "Girirejo", "Karangtalun", "Imogiri", "Wukirsari"]),
        ("34.02.11", "Dlingo", [], ["Mangunan", "Muntuk", "Dlingo", "Temuwuh", "Jatimulyo", "Terong"]),
        ("34.02.12", "Banguntapan", [],
         ["Baturetno", "Banguntapan", "Jagalan", "Singosaren", "Jambidan", "Potorono", "Tamanan", "Wirokerten"]),
        ("34.02.13", "Pleret", [], ["Wonokromo", "Pleret", "Segoroyoso", "Bawuran", "Wonolelo"]),
        ("34.02.14", "Piyungan", [], ["Sitimulyo", "Srimulyo", "Srimartani"]),
        ("34.02.15", "Sewon", [], ["Pendowoharjo", "Timbulharjo", "Bangunharjo", "Panggungharjo"]),
        ("34.02.16", "Kasihan", [], ["Bangunjiwo", "Tirtonirmolo", "Ngestiharjo", "Tamantirto"]),
        ("34.02.17", "Sedayu", [], ["Argomulyo", "Argorejo", "Argosari", "Argodadi"]),
    ]

    static let karawang: [District] = [
        ("32.15.01", "Karawang Barat",
         ["Karawang Kulon", "Nagasari", "Tanjungmekar", "Tanjungpura", "Adiarsa Barat"],
         ["Mekarjati", "Tunggakjati", "Karangpawitan"]),
        ("32.15.05", "Klari", [], ["Klari", "Duren", "Gintungkerta", "Cibalongsari", "Kiarapayung", "Anggadita"]),
    ]

    static let sleman: [District] = [
        ("34.04.01", "Gamping", [], ["Balecatur", "Ambarketawang", "Banyuraden", "Nogotirto", "Trihanggo"]),
        ("34.04.07", "Depok", [], ["Caturtunggal", "Maguwoharjo", "Condongcatur"]),
    ]

    static let kotaYogyakarta: [District] = [
        ("34.71.01", "Mantrijeron", ["Gedongkiwo", "Suryodiningratan", "Mantrijeron"], []),
        ("34.71.02", "Kraton", ["Patehan", "Panembahan", "Kadipaten"], []),
        ("34.71.04", "Umbulharjo", ["Semaki", "Muja Muju", "Tahunan", "Warungboto", "Pandeyan", "Sorosutan", "Giwangan"], []),
    ]

    static let semarang: [District] = [
        ("33.74.07", "Tembalang", ["Tembalang", "Bulusan", "Meteseh", "Sendangmulyo", "Kramas"], []),
        ("33.74.13", "Semarang Tengah", ["Sekayu", "Miroto", "Brumbungan", "Pekunden", "Kauman"], []),
    ]

    /// Labour force, by year; the years before the history count too (coverage takes each
    /// area's latest figure not after the report date).
    static let labourForce: [LabourForce] = [
        ("32.14", 2023, 461_870, 38_950, "BPS Sakernas Agustus 2023 (estimate)"),
        ("32.14", 2024, 470_120, 36_210, "BPS Sakernas Agustus 2024 (estimate)"),
        ("32.14", 2025, 476_480, 35_390, "BPS Sakernas Agustus 2025 (estimate)"),
        ("32.15", 2023, 1_121_400, 98_300, "BPS Sakernas Agustus 2023 (estimate)"),
        ("32.15", 2024, 1_139_800, 95_100, "BPS Sakernas Agustus 2024 (estimate)"),
        ("32.15", 2025, 1_152_300, 92_700, "BPS Sakernas Agustus 2025 (estimate)"),
        ("33.74", 2023, 948_600, 55_200, "BPS Sakernas Agustus 2023 (estimate)"),
        ("33.74", 2024, 957_900, 52_800, "BPS Sakernas Agustus 2024 (estimate)"),
        ("33.74", 2025, 966_100, 50_900, "BPS Sakernas Agustus 2025 (estimate)"),
        ("34.02", 2023, 445_131, 12_587, "press, Feb 2023: labour force 457,718 (split estimated)"),
        ("34.02", 2024, 451_460, 12_110, "BPS Sakernas Agustus 2024 (estimate)"),
        ("34.02", 2025, 456_020, 11_870, "BPS Sakernas Agustus 2025 (estimate)"),
        ("34.04", 2023, 641_300, 22_400, "BPS Sakernas Agustus 2023 (estimate)"),
        ("34.04", 2024, 649_800, 21_700, "BPS Sakernas Agustus 2024 (estimate)"),
        ("34.04", 2025, 656_200, 21_100, "BPS Sakernas Agustus 2025 (estimate)"),
        ("34.71", 2023, 224_900, 11_600, "BPS Sakernas Agustus 2023 (estimate)"),
        ("34.71", 2024, 226_300, 11_200, "BPS Sakernas Agustus 2024 (estimate)"),
        ("34.71", 2025, 227_400, 10_900, "BPS Sakernas Agustus 2025 (estimate)"),
        ("32", 2023, 23_813_000, 1_963_000, "BPS Sakernas Agustus 2023 (estimate)"),
        ("32", 2024, 24_280_000, 1_891_000, "BPS Sakernas Agustus 2024 (estimate)"),
        ("33", 2021, 17_835_770, 1_128_223, "press, Nov 2021: 18,963,993 workers"),
        ("33", 2024, 18_990_000, 1_020_000, "BPS Sakernas Agustus 2024 (estimate)"),
        ("34", 2023, 2_236_000, 79_000, "BPS Sakernas Agustus 2023 (estimate)"),
        ("34", 2024, 2_262_000, 76_000, "BPS Sakernas Agustus 2024 (estimate)"),
    ]
}
