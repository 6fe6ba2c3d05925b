import SQLiteDB

/// The cross-check of a NIK against the record it comes with: the date part against the
/// birth date, the +40 on the day against the sex, the district prefix against the region
/// table. The schema accepts mismatches (legacy data has them, listed by the view
/// `worker_identity_issues`); the library refuses them at registration.
enum IdentityCheck {
    static func verify(_ worker: NewWorker, today: CalendarDate, in session: RegistrySession) throws {
        let nik = worker.nik
        guard worker.birthDate <= today else {
            throw RegistryError.invalid(field: "birth_date", value: worker.birthDate.isoString, reason: .inTheFuture)
        }
        guard worker.birthDate.year >= 1900 else {
            throw RegistryError.invalid(field: "birth_date", value: worker.birthDate.isoString, reason: .beforeYear1900)
        }
        if !nik.encodes(birthDate: worker.birthDate) {
            let encoded = "\(pad(nik.birthDay))-\(pad(nik.birthMonth))-\(pad(nik.birthYearInCentury))"
            throw RegistryError.identityMismatch(
                field: "birth_date", nikSays: "\(encoded) (DD-MM-YY)",
                recorded: "\(worker.birthDate.isoString) (\(pad(worker.birthDate.day))-\(pad(worker.birthDate.month))-\(pad(worker.birthDate.year % 100)))")
        }
        if nik.sex != worker.sex {
            throw RegistryError.identityMismatch(
                field: "sex", nikSays: "\(nik.sex.rawValue) (birth day written as \(pad(nik.birthDay + (nik.sex == .female ? 40 : 0))))",
                recorded: worker.sex.rawValue)
        }
        if try session.region(nik.districtCode) == nil {
            throw RegistryError.identityMismatch(
                field: "nik", nikSays: "district of first registration \(nik.districtCode.code)",
                recorded: "no such district in the region table")
        }
    }

    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
