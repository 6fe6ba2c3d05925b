import Registry

/// A worker named on the command line by NIK (16 digits) or KPJ card number (11 digits);
/// spaces, dots and hyphens between the digits are ignored.
enum WorkerKey {
    static func worker(_ key: String, in session: RegistrySession) throws -> Worker {
        let digits = key.filter { !$0.isWhitespace && $0 != "." && $0 != "-" }
        let worker: Worker?
        switch digits.count {
        case 16: worker = try session.worker(nik: try NIK(digits))
        case 11: worker = try session.worker(kpj: try KPJ(digits))
        default:
            throw ToolFailure(.usage, "'\(NIK.mask(key))' is neither a NIK (16 digits) nor a KPJ (11 digits)")
        }
        guard let worker else {
            throw RegistryError.notFound(field: digits.count == 16 ? "nik" : "kpj", value: digits.count == 16 ? NIK.mask(digits) : digits)
        }
        return worker
    }
}
