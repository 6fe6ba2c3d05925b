import Registry

/// ``RegionData`` flattened for drawing: every village with its regency, and each regency's
/// villages and serving branches, so the planner picks places by index.
struct RegionIndex {
    struct Village {
        let code: RegionCode
        let name: String
        let regency: Int
        let isUrban: Bool
    }

    struct Regency {
        let code: RegionCode
        let name: String
        let minimumWage: Int64
        let weight: Double
        /// Indices into ``RegionIndex/villages``.
        var villages: [Int]
        var districts: [RegionCode]
    }

    private(set) var villages: [Village] = []
    private(set) var regencies: [Regency] = []
    /// Branch code serving each regency, by month offset from the start of the history.
    private var service: [[(from: Int, branch: String)]] = []

    init() throws {
        for province in RegionData.provinces {
            for regency in province.regencies {
                let index = regencies.count
                var entry = Regency(code: try RegionCode(regency.code), name: regency.name,
                                    minimumWage: regency.minimumWage, weight: regency.weight, villages: [], districts: [])
                for district in regency.districts {
                    entry.districts.append(try RegionCode(district.code))
                    for (number, name) in district.kelurahan.enumerated() {
                        entry.villages.append(villages.count)
                        villages.append(Village(code: try RegionCode("\(district.code).\(1001 + number)"), name: name,
                                                regency: index, isUrban: true))
                    }
                    for (number, name) in district.desa.enumerated() {
                        entry.villages.append(villages.count)
                        villages.append(Village(code: try RegionCode("\(district.code).\(2001 + number)"), name: name,
                                                regency: index, isUrban: false))
                    }
                }
                regencies.append(entry)
            }
        }
        service = regencies.map { regency in
            OfficeData.assignments.filter { $0.regency == regency.code.code }
                .map { (from: $0.fromMonthOffset ?? Int.min, branch: $0.branch) }
        }
    }

    func regencyIndex(of code: String) -> Int? { regencies.firstIndex { $0.code.code == code } }

    /// The branch serving `regency` in month `offset` of the history (negative: before it).
    func branch(serving regency: Int, inMonth offset: Int) -> String {
        service[regency].last { $0.from <= offset }?.branch ?? service[regency][0].branch
    }

    /// Every district, in code order: the places a NIK may have been issued.
    var allDistricts: [RegionCode] { regencies.flatMap(\.districts) }
}
