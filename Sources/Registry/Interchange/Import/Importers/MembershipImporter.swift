import SQLiteDB

/// `memberships`: the worker by `kpj` (never the NIK), the segment, period and programs.
///
/// `npp` names the employer of a wage earner (PU) or the contractor of a construction
/// project (JAKON, with `project`, the project's name). `jkp_citizen` and `jkp_jkn` (both or
/// neither) give JKP eligibility; empty means unknown, so JKP is neither required nor allowed.
/// An `end_reason` ends the membership on `end_date`; without one, `end_date` is a planned
/// end such as a migrant worker's placement.
struct MembershipImporter: RowImporter {
    static let columns = [
        ImportColumn("kpj", required: true), ImportColumn("segment", required: true),
        ImportColumn("start_date", required: true), ImportColumn("end_date"), ImportColumn("end_reason"),
        ImportColumn("payer"), ImportColumn("programs", required: true), ImportColumn("declared_income", numeric: true),
        ImportColumn("npp"), ImportColumn("project"), ImportColumn("jkp_citizen"), ImportColumn("jkp_jkn"),
    ]
    static let fieldColumns = [
        "worker_id": "kpj", "employer_id": "npp", "construction_project_id": "project", "end_reason_code": "end_reason",
    ]
    static let cachesReferenceData = true

    mutating func importRow(_ row: ImportRow, into session: RegistrySession) throws {
        let kpj = try KPJ(try row.required("kpj"))
        guard let worker = try session.worker(kpj: kpj) else { throw RegistryError.notFound(field: "kpj", value: kpj.digits) }
        guard let segment = try row.segment("segment") else {
            throw RegistryError.invalid(field: "segment", value: "", reason: .requiredColumnEmpty)
        }
        var employer: Employer.ID?, project: ConstructionProject.ID?
        if let npp = row.text("npp") {
            guard let found = try session.employer(npp: try EmployerNumber(npp)) else {
                throw RegistryError.notFound(field: "npp", value: npp)
            }
            if segment == .construction {
                project = try Self.project(named: try row.required("project"), of: found.id, in: session)
            } else {
                employer = found.id
            }
        } else if segment == .construction {
            throw RegistryError.invalid(field: "npp", value: "", reason: .emptyForConstruction)
        }
        let payer = try row.code("payer", as: Payer.self)
            ?? (segment == .wageEarner || segment == .construction ? .employer : .self)
        let endDate = try row.date("end_date")
        let endReason = try row.code("end_reason", as: EndReason.self)
        if endReason != nil, endDate == nil {
            throw RegistryError.invalid(field: "end_date", value: "", reason: .emptyButGiven(other: "end_reason"))
        }
        let membership = try session.enrolReturningID(NewMembership(
            worker: worker.id, segment: segment, startDate: try row.requiredDate("start_date"), endDate: endDate,
            payer: payer, programs: try Self.programs(row), declaredIncome: try row.rupiah("declared_income"),
            employer: employer, project: project, jkp: try Self.jkp(row)), of: worker)
        if let endDate, let endReason {
            try session.endMembership(membership, on: endDate, reason: endReason)
        }
    }

    /// Space-separated program codes, e.g. `JKK JKM JHT`.
    static func programs(_ row: ImportRow) throws(RegistryError) -> Set<Program> {
        let text = try row.required("programs")
        var programs = Set<Program>()
        for code in text.split(whereSeparator: { $0 == " " || $0 == "," }) {
            guard let program = Program(rawValue: code.uppercased()) else {
                throw .invalid(field: "programs", value: text, reason: .unknownProgram(code: String(code)))
            }
            programs.insert(program)
        }
        return programs
    }

    static func jkp(_ row: ImportRow) throws(RegistryError) -> JKPEligibility? {
        switch (try row.boolean("jkp_citizen"), try row.boolean("jkp_jkn")) {
        case (nil, nil): return nil
        case (let citizen?, let jkn?):
            return JKPEligibility(isIndonesianCitizen: citizen, isEnrolledInNationalHealthInsurance: jkn)
        case (nil, _): throw .invalid(field: "jkp_citizen", value: "", reason: .emptyButGivenBothOrNeither(other: "jkp_jkn"))
        case (_, nil): throw .invalid(field: "jkp_jkn", value: "", reason: .emptyButGivenBothOrNeither(other: "jkp_citizen"))
        }
    }

    static func project(named name: String, of contractor: Employer.ID, in session: RegistrySession) throws -> ConstructionProject.ID {
        let ids = try session.connection.fetchValues(
            ConstructionProject.ID.self,
            "SELECT id FROM construction_projects WHERE contractor_employer_id = ? AND name = ? ORDER BY id LIMIT 2",
            contractor, name)
        guard let id = ids.first else { throw RegistryError.notFound(field: "project", value: name) }
        guard ids.count == 1 else {
            throw RegistryError.conflict(field: "project", value: name, reason: .namesSeveralProjects)
        }
        return id
    }
}
