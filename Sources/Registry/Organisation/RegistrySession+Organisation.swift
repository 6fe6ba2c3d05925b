import SQLiteDB

/// Regions, offices, employers and construction projects: the structure workers belong to.
extension RegistrySession {
    // MARK: Regions

    /// Adds a province, regency, district or village, chosen by the code's level. Its parent
    /// must exist already (a village's district, and so on).
    @discardableResult
    public func addRegion(_ code: RegionCode, name: String) throws -> Region {
        let name = try Validation.name(name, field: "name")
        if try region(code) != nil {
            throw RegistryError.duplicate(field: "region_code", value: code.code, existing: .existingRegion)
        }
        if let parent = code.parent, try region(parent) == nil {
            throw RegistryError.notFound(field: "parent region", value: parent.code)
        }
        switch code.level {
        case .province:
            try db.execute("INSERT INTO provinces (code, name) VALUES (?, ?)", code, name)
        case .regency:
            try db.execute("INSERT INTO regencies (code, province_code, name) VALUES (?, ?, ?)", code, code.parent!, name)
        case .district:
            try db.execute("INSERT INTO districts (code, regency_code, name) VALUES (?, ?, ?)", code, code.parent!, name)
        case .village:
            try db.execute("INSERT INTO villages (code, district_code, name) VALUES (?, ?, ?)", code, code.parent!, name)
        }
        return Region(code: code, name: name)
    }

    /// The region with this code, at any level.
    public func region(_ code: RegionCode) throws -> Region? {
        try remembered(\.regions, code) {
            let table = ["provinces", "regencies", "districts", "villages"][code.level.rawValue - 1]
            return try db.fetchValue(String?.self, "SELECT name FROM \(table) WHERE code = ?", code)
                .flatMap { $0 }
                .map { Region(code: code, name: $0) }
        }
    }

    /// The regions one level below `parent` (the regencies of a province, …), by code.
    public func regions(in parent: RegionCode) throws -> [Region] {
        let (table, parentColumn) = [
            ("regencies", "province_code"), ("districts", "regency_code"), ("villages", "district_code"),
        ][min(parent.level.rawValue, 3) - 1]
        guard parent.level != .village else { return [] }
        return try db.fetchAll("SELECT code, name FROM \(table) WHERE \(parentColumn) = ? ORDER BY code", parent)
            .map { Region(code: try $0["code"], name: try $0["name"]) }
    }

    // MARK: Offices

    /// Adds an office. A regional office's parent must be the head office, a branch's a regional office.
    @discardableResult
    public func addOffice(_ office: NewOffice) throws -> Office {
        let code = try Validation.name(office.code, field: "office_code", maximumLength: 40)
        let name = try Validation.name(office.name, field: "name")
        if let existing = try self.office(code: code) {
            throw RegistryError.duplicate(field: "office_code", value: code, existing: .record(existing.name))
        }
        let parentKind = try office.parent.map { id in
            guard let parent = try self.office(id) else {
                throw RegistryError.notFound(field: "parent_office_id", value: id.description)
            }
            return parent.kind
        }
        let expected: OfficeKind? = switch office.kind {
        case .headOffice: nil
        case .regionalOffice: .headOffice
        case .branch, .pioneerBranch: .regionalOffice
        }
        guard parentKind == expected else {
            throw RegistryError.conflict(
                field: "parent_office_id", value: office.parent?.description ?? "none",
                reason: .notAValidParent(kind: office.kind.rawValue, parent: expected?.rawValue))
        }
        if office.kind == .headOffice, try exists("SELECT 1 FROM offices WHERE kind = ?", OfficeKind.headOffice) {
            throw RegistryError.conflict(field: "kind", value: "head_office", reason: .headOfficeExists)
        }
        if let village = office.village { try requireRegion(village, field: "village_code") }
        try db.execute(
            "INSERT INTO offices (code, name, kind, parent_office_id, village_code) VALUES (?, ?, ?, ?, ?)",
            code, name, office.kind, office.parent, office.village)
        return try self.office(Office.ID(db.lastInsertedRowID))!
    }

    public func office(_ id: Office.ID) throws -> Office? {
        try remembered(\.offices, id) {
            try db.fetchOne("SELECT id, code, name, kind, parent_office_id FROM offices WHERE id = ?", id).map(Office.init(row:))
        }
    }

    public func office(code: String) throws -> Office? {
        try db.fetchOne("SELECT id, code, name, kind, parent_office_id FROM offices WHERE code = ?", code).map(Office.init(row:))
    }

    /// Makes `branch` serve `regency` from `date`, closing the previous assignment the day before.
    public func assign(regency: RegionCode, to branch: Office.ID, from date: CalendarDate) throws {
        guard regency.level == .regency else {
            throw RegistryError.invalid(field: "regency_code", value: regency.code, reason: .wrongRegionLevel(expected: .regency))
        }
        try requireRegion(regency, field: "regency_code")
        _ = try requireBranch(branch, field: "branch_office_id")
        try db.savepoint {
            if let later = try db.fetchValue(
                String?.self, "SELECT max(effective_from) FROM branch_regencies WHERE regency_code = ?", regency) ?? nil,
               later >= date.isoString {
                throw RegistryError.conflict(field: "effective_from", value: date.isoString,
                                             reason: .notAfterLatestAssignment(latest: later))
            }
            try db.execute(
                "UPDATE branch_regencies SET effective_to = ? WHERE regency_code = ? AND effective_to IS NULL",
                date.adding(days: -1), regency)
            try db.execute(
                "INSERT INTO branch_regencies (branch_office_id, regency_code, effective_from) VALUES (?, ?, ?)",
                branch, regency, date)
        }
    }

    /// The offices below `office`: a regional office's branches, the head office's every office.
    public func offices(under office: Office.ID) throws -> [Office] {
        try db.fetchAll("""
            WITH RECURSIVE below(id) AS (
                SELECT id FROM offices WHERE parent_office_id = ?
                UNION SELECT o.id FROM offices o JOIN below b ON o.parent_office_id = b.id)
            SELECT id, code, name, kind, parent_office_id FROM offices WHERE id IN below ORDER BY code
            """, office).map(Office.init(row:))
    }

    /// The regencies an office covers on `date`: a branch, those it serves; a regional office,
    /// those its branches serve; the head office, every regency.
    public func regencies(servedBy office: Office.ID, on date: CalendarDate) throws -> [RegionCode] {
        try db.fetchValues(RegionCode.self, """
            WITH RECURSIVE covered(id) AS (
                SELECT ?1 UNION SELECT o.id FROM offices o JOIN covered c ON o.parent_office_id = c.id)
            SELECT regency_code FROM branch_regencies
            WHERE branch_office_id IN covered
              AND effective_from <= ?2 AND coalesce(effective_to, '9999-12-31') >= ?2
            UNION
            SELECT code FROM regencies WHERE (SELECT kind FROM offices WHERE id = ?1) = 'head_office'
            ORDER BY 1
            """, office, date)
    }

    // MARK: Employers and projects

    /// Registers an employer under its NPP.
    @discardableResult
    public func registerEmployer(_ employer: NewEmployer) throws -> Employer {
        let name = try Validation.name(employer.name, field: "name")
        if let existing = try self.employer(npp: employer.npp) {
            throw RegistryError.duplicate(field: "npp", value: employer.npp.value, existing: .record(existing.name))
        }
        try requireRegion(employer.village, field: "village_code", level: .village)
        _ = try requireBranch(employer.branchOffice, field: "branch_office_id")
        try db.execute("""
            INSERT INTO employers (npp, name, size_class, jkk_risk_group, labour_intensive, village_code, branch_office_id, registered_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, employer.npp, name, employer.sizeClass, employer.riskGroup, employer.isLabourIntensive,
            employer.village, employer.branchOffice, clock())
        return try self.employer(Employer.ID(db.lastInsertedRowID))!
    }

    public func employer(_ id: Employer.ID) throws -> Employer? {
        try remembered(\.employers, id) {
            try db.fetchOne("SELECT \(Employer.columns) FROM employers WHERE id = ?", id).map(Employer.init(row:))
        }
    }

    public func employer(npp: EmployerNumber) throws -> Employer? {
        try remembered(\.employersByNumber, npp) {
            try db.fetchOne("SELECT \(Employer.columns) FROM employers WHERE npp = ?", npp).map(Employer.init(row:))
        }
    }

    /// Registers a construction project of a contractor (an employer).
    @discardableResult
    public func registerProject(_ project: NewConstructionProject) throws -> ConstructionProject {
        let name = try Validation.name(project.name, field: "name")
        try Validation.amount(project.contractValue, field: "contract_value", atMost: Validation.maximumContractValue)
        guard try employer(project.contractor) != nil else {
            throw RegistryError.notFound(field: "contractor_employer_id", value: project.contractor.description)
        }
        guard project.endDate >= project.startDate else {
            throw RegistryError.invalid(field: "end_date", value: project.endDate.isoString,
                                        reason: .beforeStartDate(start: project.startDate))
        }
        if let site = project.site { try requireRegion(site, field: "village_code", level: .village) }
        try db.execute("""
            INSERT INTO construction_projects
                (contractor_employer_id, name, contract_value, work_order_date, start_date, end_date, village_code, registered_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, project.contractor, name, project.contractValue, project.workOrderDate, project.startDate,
            project.endDate, project.site, clock())
        return try self.project(ConstructionProject.ID(db.lastInsertedRowID))!
    }

    public func project(_ id: ConstructionProject.ID) throws -> ConstructionProject? {
        try db.fetchOne("SELECT \(ConstructionProject.columns) FROM construction_projects WHERE id = ?", id)
            .map(ConstructionProject.init(row:))
    }

    // MARK: Shared checks

    func requireRegion(_ code: RegionCode, field: String, level: RegionCode.Level? = nil) throws {
        if let level, code.level != level {
            throw RegistryError.invalid(field: field, value: code.code, reason: .wrongRegionLevel(expected: level))
        }
        guard try region(code) != nil else { throw RegistryError.notFound(field: field, value: code.code) }
    }

    func requireBranch(_ id: Office.ID, field: String) throws -> Office {
        guard let office = try office(id) else { throw RegistryError.notFound(field: field, value: id.description) }
        guard office.kind.isBranch else {
            throw RegistryError.conflict(field: field, value: id.description,
                                         reason: .notABranch(kind: office.kind.rawValue))
        }
        return office
    }
}
