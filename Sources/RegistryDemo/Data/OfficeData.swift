/// The office tree of the demo: head office → regional offices (Kantor Wilayah) → branches
/// (Kantor Cabang) and pioneer branches (Kantor Cabang Perintis), with the regencies each branch
/// serves. Office names follow the scheme's usage; which branch is a pioneer branch is plausible (L).
enum OfficeData {
    static let headOffice = (code: "KP", name: "Kantor Pusat")

    static let regionalOffices = [
        (code: "KW-JABAR", name: "Kanwil Jawa Barat"),
        (code: "KW-JATENG-DIY", name: "Kanwil Jawa Tengah & DI Yogyakarta"),
    ]

    /// Branches: code, name, pioneer or full, regional office code.
    static let branches: [(code: String, name: String, isPioneer: Bool, region: String)] = [
        ("KC-PWK", "Kantor Cabang Purwakarta", false, "KW-JABAR"),
        ("KC-KRW", "Kantor Cabang Karawang", false, "KW-JABAR"),
        ("KC-SMG", "Kantor Cabang Semarang Pemuda", false, "KW-JATENG-DIY"),
        ("KC-YK", "Kantor Cabang Yogyakarta", false, "KW-JATENG-DIY"),
        ("KCP-BTL", "Kantor Cabang Perintis Bantul", true, "KW-JATENG-DIY"),
        ("KCP-SLM", "Kantor Cabang Perintis Sleman", true, "KW-JATENG-DIY"),
    ]

    /// Which branch serves a regency from when: the month offset is from the first month of the
    /// history (nil: since 2015). Sleman moves from Yogyakarta to its new pioneer branch mid-history.
    static let assignments: [(regency: String, branch: String, fromMonthOffset: Int?)] = [
        ("32.14", "KC-PWK", nil),
        ("32.15", "KC-KRW", nil),
        ("33.74", "KC-SMG", nil),
        ("34.02", "KCP-BTL", nil),
        ("34.04", "KC-YK", nil),
        ("34.71", "KC-YK", nil),
        ("34.04", "KCP-SLM", 9),
    ]
}
