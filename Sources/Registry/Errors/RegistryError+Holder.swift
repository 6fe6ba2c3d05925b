extension RegistryError {
    /// Who already holds a key (``RegistryError/duplicate(field:value:existing:)``): a record
    /// the message quotes as it is stored, or a kind of record said in the message's language.
    public enum Holder: Sendable, Hashable, CaseIterable, CustomStringConvertible {
        /// A record quoted as stored: a worker's KPJ and name (never a NIK), an office's or employer's name.
        case record(String)
        /// A payment recorded earlier under the same receipt number.
        case earlierPayment
        /// A region already in the register under the same code.
        case existingRegion
        /// Another field agent registered with the same NIK.
        case anotherAgent
        /// The labour force already recorded for the year of the province or regency `area`.
        case labourForce(area: String)

        /// One of each, for the catalogue tests.
        public static var allCases: [Holder] {
            [.record("KPJ 12345678901, Budi"), .earlierPayment, .existingRegion, .anotherAgent, .labourForce(area: "32.14")]
        }

        /// English, like ``RegistryError/description``.
        public var description: String { text(in: .english) }

        func text(in language: Language) -> String {
            switch self {
            case .record(let quoted): quoted
            case .earlierPayment: Localized(en: "an earlier payment", id: "pembayaran sebelumnya").text(in: language)
            case .existingRegion: Localized(en: "an existing region", id: "wilayah yang sudah ada").text(in: language)
            case .anotherAgent: Localized(en: "another agent", id: "agen lain").text(in: language)
            case .labourForce(let area):
                Localized(en: "the labour force of {area}", id: "angkatan kerja {area}").text(in: language, ["area": area])
            }
        }
    }
}
