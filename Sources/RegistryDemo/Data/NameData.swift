import Registry

/// Small lists of Indonesian (Sundanese and Javanese) names and words, from which the demo
/// composes people, employers and projects. Invented combinations; any likeness is chance.
enum NameData {
    static let maleFirstNames = [
        "Asep", "Ujang", "Dede", "Agus", "Budi", "Dadang", "Cecep", "Yusuf", "Rudi", "Wahyu", "Bambang", "Slamet",
        "Joko", "Sutrisno", "Eko", "Hendra", "Iwan", "Teguh", "Rizki", "Fajar", "Dimas", "Arief", "Heru", "Yanto",
        "Suparman", "Aris", "Bayu", "Gilang", "Ilham", "Rahmat", "Deden", "Engkus", "Nandang", "Wawan", "Sigit",
        "Tri", "Hadi", "Kusnadi", "Yayan", "Jajang",
    ]

    static let femaleFirstNames = [
        "Siti", "Dewi", "Sri", "Wati", "Euis", "Neneng", "Yuli", "Rina", "Nur", "Lestari", "Ani", "Tuti", "Endang",
        "Ratna", "Wulan", "Ayu", "Fitri", "Indah", "Rini", "Sari", "Nining", "Yanti", "Dian", "Putri", "Mega",
        "Rohmah", "Nurul", "Lilis", "Iis", "Eti", "Kartini", "Sumarni", "Tri", "Yati", "Imas", "Cucu", "Enok",
        "Winarsih", "Suharti", "Ningsih",
    ]

    static let familyNames = [
        "Saepudin", "Hidayat", "Rahayu", "Setiawan", "Permana", "Gunawan", "Kurniawan", "Susanti", "Suryani",
        "Wijaya", "Nugroho", "Santoso", "Purnomo", "Handayani", "Wibowo", "Prasetyo", "Maulana", "Ramdani",
        "Sudrajat", "Sutisna", "Hermawan", "Firmansyah", "Nurhayati", "Kartika", "Suhendar", "Mulyadi",
        "Supriatna", "Pratama", "Utami", "Wahyuni", "Sugiarto", "Hartono", "Sulistyo", "Kusumawati", "Rosadi",
    ]

    /// Informal (BPU) occupations named in the press.
    static let informalOccupations = [
        "Pedagang pasar", "Petani", "Nelayan", "Sopir angkot", "Tukang becak", "Pekerja rumah tangga", "Pemulung",
        "Pedagang kaki lima", "Seniman", "Perajin", "Kepala desa", "Perangkat desa", "Ketua RT", "Ketua RW",
        "Pengemudi ojek daring", "Peternak", "Buruh tani", "Penjahit", "Tukang cukur", "Pedagang keliling",
    ]

    static let wageOccupations = [
        "Operator produksi", "Staf administrasi", "Pengemudi", "Teknisi", "Satpam", "Kasir", "Penjahit garmen",
        "Staf gudang", "Mandor", "Staf penjualan", "Juru masak", "Perawat", "Akuntan", "Mekanik", "Petugas kebersihan",
    ]

    static let constructionOccupations = [
        "Tukang batu", "Tukang kayu", "Tukang besi", "Kenek", "Mandor proyek", "Operator alat berat", "Tukang las",
    ]

    /// Placement countries of migrant workers (PMI), with the usual occupation there.
    static let placements = [
        ("Hong Kong", "Pekerja rumah tangga"), ("Taiwan", "Perawat lansia"), ("Malaysia", "Pekerja perkebunan"),
        ("Korea Selatan", "Operator pabrik"), ("Jepang", "Pekerja magang"), ("Arab Saudi", "Pekerja rumah tangga"),
        ("Singapura", "Pekerja rumah tangga"),
    ]

    static let companyWords = [
        "Sinar", "Maju", "Jaya", "Abadi", "Sentosa", "Mandiri", "Karya", "Makmur", "Sejahtera", "Mitra", "Putra",
        "Nusantara", "Indah", "Bersama", "Lestari", "Agung", "Prima", "Cahaya", "Berkah", "Tunggal", "Sakti",
        "Perkasa", "Utama", "Gemilang", "Mulia", "Kencana", "Pasundan", "Mataram", "Parahyangan", "Bumi",
    ]

    /// Industries: a name word, the JKK risk group of the workplace and whether the industry is
    /// labour-intensive (padat karya, eligible for the 2025 JKK relief). Every risk group appears.
    typealias Industry = (word: String, riskGroup: RiskGroup, labourIntensive: Bool, weight: Double)
    static let industries: [Industry] = [
        ("Garmen", .low, true, 12), ("Tekstil", .medium, true, 7), ("Alas Kaki", .low, true, 5),
        ("Furnitur", .medium, true, 5), ("Keramik", .medium, false, 4), ("Makanan", .low, false, 10),
        ("Ritel", .veryLow, false, 14), ("Jasa Keuangan", .veryLow, false, 5), ("Percetakan", .low, false, 4),
        ("Logistik", .high, false, 7), ("Transportasi", .high, false, 6), ("Kimia", .high, false, 3),
        ("Perkebunan", .medium, false, 5), ("Konstruksi", .veryHigh, false, 9), ("Tambang Pasir", .veryHigh, false, 2),
    ]

    /// The index of the construction industry in ``industries``: its employers are the contractors.
    static let constructionIndustry = industries.firstIndex { $0.word == "Konstruksi" } ?? 0

    static let projectKinds = [
        "Pembangunan Jalan", "Rehabilitasi Jembatan", "Pembangunan Gedung Sekolah", "Irigasi", "Pembangunan Pasar",
        "Perumahan", "Drainase", "Pembangunan Puskesmas", "Pelebaran Jalan", "Gudang Industri",
    ]
}
