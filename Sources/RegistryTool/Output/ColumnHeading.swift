import Registry

/// The headings of the tool's tables in Bahasa Indonesia. In English a heading is the column's
/// name (`unpaid_months`), as CSV and JSON write it; in Indonesian it is the name's
/// translation, written the same way (`bulan_tunggakan`), so a heading stays one word and the
/// columns stay aligned.
enum ColumnHeading {
    static func text(for name: String, in language: Language) -> String {
        switch language {
        case .english: name
        case .indonesian: indonesian[name] ?? name
        }
    }

    /// Every column name a table of the tool uses; a new column without a translation here shows
    /// its English name (the tests list the names the tables use and find each one here).
    static let indonesian: [String: String] = [
        "achievement_pct": "capaian_pct", "active": "aktif", "active_pct": "aktif_pct", "actual": "realisasi",
        "agent": "agen", "amount": "jumlah", "amount_owed": "jumlah_terutang", "area": "wilayah", "branch": "cabang",
        "channel": "kanal", "code": "kode", "coverage_pct": "cakupan_pct", "date": "tanggal", "detail": "rincian",
        "due": "tagihan", "due_date": "jatuh_tempo", "dues_paid": "iuran_dibayar", "ended": "berakhir", "fee": "imbalan",
        "fee_month": "bulan_imbalan", "first_unpaid": "tunggakan_pertama", "in_arrears": "menunggak", "kind": "jenis",
        "kpj": "kpj", "labour_force": "angkatan_kerja", "lapsed": "nonaktif", "last_recruit": "rekrutan_terakhir",
        "last_unpaid": "tunggakan_terakhir", "memberships": "kepesertaan", "month": "bulan", "months": "jumlah_bulan",
        "name": "nama", "nik": "nik", "not_started": "belum_mulai", "outcome": "hasil", "outstanding": "sisa_tagihan",
        "paid": "dibayar", "paid_at": "dibayar_pada", "participants": "peserta", "participating": "berpartisipasi",
        "period": "periode", "receipt": "kuitansi", "recruits": "rekrutan", "rule": "aturan", "segment": "segmen",
        "state": "keadaan", "status": "status", "target": "target", "target_pct": "target_pct", "target_value": "nilai_target",
        "unpaid_months": "bulan_tunggakan", "unbilled_months": "bulan_belum_ditagih",
    ]
}
