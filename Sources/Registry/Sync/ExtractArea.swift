/// The area an extract holds (wilayah kerja): a branch or regional office's workers, a
/// region's residents, or the workers of one Perisai agent.
public enum ExtractArea: Sendable, Hashable, CustomStringConvertible {
    /// The office with this code and, for a regional office, its branches.
    case office(code: String)
    /// Workers living in a province, regency, district or village (`32.14`).
    case region(code: String)
    /// Workers a Perisai agent registered or who live in the agent's villages.
    case agent(id: Int64)

    public var kind: String {
        switch self {
        case .office: "office"
        case .region: "region"
        case .agent: "agent"
        }
    }

    public var code: String {
        switch self {
        case .office(let code), .region(let code): code
        case .agent(let id): String(id)
        }
    }

    public var description: String { "\(kind) \(code)" }

    /// The area recorded in an extract's marker.
    init(kind: String, code: String) throws {
        switch kind {
        case "office": self = .office(code: code)
        case "region": self = .region(code: code)
        case "agent":
            guard let id = Int64(code) else { throw RegistryError.invalid(field: "area_code", value: code, reason: .agentAreaNeedsID) }
            self = .agent(id: id)
        default: throw RegistryError.invalid(field: "area_kind", value: kind, reason: .notAnExtractAreaKind)
        }
    }
}
