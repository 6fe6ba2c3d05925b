import SQLiteDB

/// Enrolment, changes of declared income, and ending memberships.
extension RegistrySession {
    /// Opens a membership with its programs, in one savepoint.
    ///
    /// Refused with the reason when: the worker, employer or project is unknown; the segment
    /// needs an employer, project or declared income that is missing; the payer does not fit the
    /// segment; a program is not allowed by the segment × program matrix (or by JKP
    /// eligibility) or a required one is missing; an informal worker's income is under the
    /// floor; or the period overlaps another membership of the worker in the segment.
    @discardableResult
    public func enrol(_ membership: NewMembership) throws -> Membership {
        guard let worker = try worker(membership.worker) else {
            throw RegistryError.notFound(field: "worker_id", value: membership.worker.description)
        }
        return try self.membership(try enrolReturningID(membership, of: worker))!
    }

    /// ``enrol(_:)`` for a worker the caller has just read (an import finds them by KPJ), without
    /// reading the stored membership back: decoding both cost as much as the checks.
    @discardableResult
    func enrolReturningID(_ membership: NewMembership, of worker: Worker) throws -> Membership.ID {
        precondition(worker.id == membership.worker, "the membership is for another worker")
        if let end = membership.endDate, end < membership.startDate {
            throw RegistryError.invalid(field: "end_date", value: end.isoString, reason: .beforeStartDate(start: membership.startDate))
        }
        // A start years ahead is a mistyped year, and would sit unbilled and unseen until then.
        let today = JakartaCalendar.date(at: clock())
        if ContributionMonth(containing: membership.startDate) > ContributionMonth(containing: today).adding(months: 12) {
            throw RegistryError.invalid(field: "start_date", value: membership.startDate.isoString,
                                        reason: .tooFarAhead(today: today))
        }
        let sizeClass = try checkParties(of: membership)
        let requirements = try checkPrograms(of: membership, worker: worker, sizeClass: sizeClass)
        if membership.segment == .migrant {
            try checkPlacementPricing(of: membership, requirements: requirements)
        }
        if membership.segment == .informal, let income = membership.declaredIncome {
            // Pricing the first month applies the floor in force, and names the dues in its error.
            _ = try quote(.informal(declaredIncome: income), programs: [.jkk, .jkm],
                          month: ContributionMonth(containing: membership.startDate))
        }
        try checkNoOverlap(worker: worker.id, segment: membership.segment, start: membership.startDate,
                           end: membership.endDate, excluding: nil)
        return try db.savepoint {
            try db.execute("""
                INSERT INTO memberships (worker_id, segment_code, employer_id, construction_project_id, payer_code,
                                         declared_income, start_date, end_date, registered_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, membership.worker, membership.segment, membership.employer, membership.project, membership.payer,
                membership.declaredIncome, membership.startDate, membership.endDate, clock())
            let id = Membership.ID(db.lastInsertedRowID)
            for program in membership.programs.sorted() {
                try db.execute("INSERT INTO membership_programs (membership_id, program_code) VALUES (?, ?)", id, program)
            }
            return id
        }
    }

    public func membership(_ id: Membership.ID) throws -> Membership? {
        try loadMemberships(where: "m.id = ?", id).first
    }

    /// A worker's memberships, oldest first.
    public func memberships(of worker: Worker.ID) throws -> [Membership] {
        try loadMemberships(where: "m.worker_id = ?", worker)
    }

    /// Memberships with their programs (a comma list, split here) in one query.
    private func loadMemberships(where condition: String, _ key: some DatabaseValueConvertible) throws -> [Membership] {
        try db.fetchAll("""
            SELECT \(Membership.columns),
                   (SELECT group_concat(program_code) FROM membership_programs WHERE membership_id = m.id) AS programs
            FROM memberships m WHERE \(condition) ORDER BY m.start_date, m.id
            """, key).map { row in
            try Membership(row: row, programs: Program.set(commaSeparated: try row["programs"]))
        }
    }

    /// Records a new declared income (BPU) or wage (PU). Bills already issued keep their
    /// amounts; bills issued from now on are priced on the new figure.
    public func changeDeclaredIncome(of id: Membership.ID, to income: Rupiah) throws {
        let membership = try requireMembership(id)
        guard membership.segment == .informal || membership.segment == .wageEarner else {
            throw RegistryError.conflict(field: "declared_income", value: income.description,
                                         reason: .incomeNotForSegment(segment: membership.segment))
        }
        guard membership.endDate == nil else {
            throw RegistryError.conflict(field: "membership_id", value: id.description,
                                         reason: .endedIncomeFixed(end: membership.endDate!))
        }
        try Validation.amount(income, field: "declared_income", atMost: Validation.maximumMonthlyIncome)
        if membership.segment == .informal {
            _ = try quote(.informal(declaredIncome: income), programs: [.jkk, .jkm], month: ContributionMonth(containing: today))
        }
        try db.execute("UPDATE memberships SET declared_income = ? WHERE id = ?", income, id)
    }

    /// Ends a membership on `date` (its last covered day). Refused while bills remain for
    /// months after that one: cancel them first, so no bill lies outside the period.
    public func endMembership(_ id: Membership.ID, on date: CalendarDate, reason: EndReason) throws {
        let membership = try requireMembership(id)
        guard date >= membership.startDate else {
            throw RegistryError.invalid(field: "end_date", value: date.isoString, reason: .beforeStartDate(start: membership.startDate))
        }
        if let end = membership.endDate, end < date {
            throw RegistryError.conflict(field: "end_date", value: date.isoString,
                                         reason: .afterMembershipEnded(end: end))
        }
        let month = ContributionMonth(containing: date)
        if let later = try db.fetchValue(String?.self, """
            SELECT min(b.contribution_month) FROM bills b
            WHERE b.membership_id = ? AND b.contribution_month > ?
              AND \(DuesColumn.amountDueSQL) <> 0
            """, id, month) ?? nil {
            throw RegistryError.conflict(field: "end_date", value: date.isoString,
                                         reason: .wouldLeaveBillOutside(month: later))
        }
        try db.execute("UPDATE memberships SET end_date = ?, end_reason_code = ? WHERE id = ?", date, reason, id)
    }

    func requireMembership(_ id: Membership.ID) throws -> Membership {
        guard let membership = try membership(id) else { throw RegistryError.notFound(field: "membership_id", value: id.description) }
        return membership
    }

    // MARK: Checks

    /// Employer, project, income and payer as the segment needs them; returns the employer's size class.
    private func checkParties(of membership: NewMembership) throws -> EmployerSizeClass? {
        let segment = membership.segment
        var sizeClass: EmployerSizeClass?
        switch segment {
        case .wageEarner:
            guard let id = membership.employer else {
                throw RegistryError.invalid(field: "employer_id", value: "", reason: .employerMissing)
            }
            guard let employer = try employer(id) else { throw RegistryError.notFound(field: "employer_id", value: id.description) }
            sizeClass = employer.sizeClass
        case .construction:
            guard let id = membership.project else {
                throw RegistryError.invalid(field: "construction_project_id", value: "", reason: .projectMissing)
            }
            guard let project = try project(id) else {
                throw RegistryError.notFound(field: "construction_project_id", value: id.description)
            }
            guard membership.startDate >= project.startDate, membership.startDate <= project.endDate else {
                throw RegistryError.conflict(field: "start_date", value: membership.startDate.isoString,
                                             reason: .outsideProjectPeriod(start: project.startDate, end: project.endDate))
            }
        case .informal, .migrant:
            break
        }
        if segment != .wageEarner, let employer = membership.employer {
            throw RegistryError.invalid(field: "employer_id", value: employer.description, reason: .onlyForSegment(.wageEarner))
        }
        if segment != .construction, let project = membership.project {
            throw RegistryError.invalid(field: "construction_project_id", value: project.description, reason: .onlyForSegment(.construction))
        }
        if segment == .wageEarner || segment == .informal {
            guard let income = membership.declaredIncome else {
                throw RegistryError.invalid(field: "declared_income", value: "", reason: .incomeMissing(segment: segment))
            }
            try Validation.amount(income, field: "declared_income", atMost: Validation.maximumMonthlyIncome)
            if segment == .wageEarner, income == .zero {
                throw RegistryError.invalid(field: "declared_income", value: income.description, reason: .zeroWage)
            }
        }
        let employerPays = segment == .wageEarner || segment == .construction
        if employerPays != (membership.payer == .employer) || membership.payer == .centralGovernment {
            throw RegistryError.invalid(
                field: "payer", value: membership.payer.rawValue,
                reason: employerPays ? "must be the employer for \(segment)"
                    : "cannot pay for \(segment): the worker or a sponsor pays")
        }
        return sizeClass
    }

    /// The segment × program matrix in force at the start, and JKP eligibility; returns the matrix.
    private func checkPrograms(
        of membership: NewMembership, worker: Worker, sizeClass: EmployerSizeClass?
    ) throws -> [Program: ProgramRequirement] {
        let segment = membership.segment
        let rules = try programRequirements(for: segment, sizeClass: sizeClass, on: membership.startDate)
        let employerSize = segment == .wageEarner ? sizeClass : nil
        for program in membership.programs.sorted() {
            switch rules[program] {
            case nil, .notAllowed?:
                throw RegistryError.programNotAllowed(program: program, segment: segment,
                                                      reason: .programNotInMatrix(segment: segment, employerSize: employerSize, start: membership.startDate))
            case .conditional?:
                if let reason = try jkpIneligibility(membership.jkp, worker: worker, start: membership.startDate) {
                    throw RegistryError.programNotAllowed(program: program, segment: segment, reason: reason)
                }
            case .required?, .optional?:
                break
            }
        }
        for (program, requirement) in rules.sorted(by: { $0.key < $1.key }) where !membership.programs.contains(program) {
            if requirement == .required {
                throw RegistryError.programMissing(program: program, segment: segment, reason: .programRequired(segment: segment, employerSize: employerSize))
            }
            if requirement == .conditional, membership.jkp != nil,
               try jkpIneligibility(membership.jkp, worker: worker, start: membership.startDate) == nil {
                throw RegistryError.programMissing(program: program, segment: segment,
                                                   reason: .memberQualifiesForJKP)
            }
        }
        return rules
    }

    /// A migrant worker's programs as the placement's bill will price them, with the rules of
    /// its first month. An optional program that no rule prices is refused here, by name:
    /// accepted, it would never be billed (JHT, whose amount the member chooses and the rule
    /// tables do not hold). A required program without a rule stays a `noRuleInForce`: a gap
    /// in the rule tables, not in the request.
    private func checkPlacementPricing(of membership: NewMembership, requirements: [Program: ProgramRequirement]) throws {
        let month = ContributionMonth(containing: membership.startDate)
        let rules = try rules(for: month)
        let basis = DuesBasis.migrant(.of(start: membership.startDate, end: membership.endDate))
        for program in membership.programs.sorted() {
            do {
                _ = try rules.quote(basis, programs: [program], month: month)
            } catch {
                guard case .noRuleInForce(let rule, let date) = error, requirements[program] != .required else { throw error }
                throw RegistryError.programNotAllowed(
                    program: program, segment: .migrant,
                    reason: .noRulePrices(rule: rule, date: date))
            }
        }
    }

    /// Why the worker cannot join JKP, or nil when they qualify.
    private func jkpIneligibility(_ eligibility: JKPEligibility?, worker: Worker, start: CalendarDate) throws -> RegistryError.Reason? {
        guard let eligibility else { return .jkpEligibilityNotGiven }
        guard eligibility.isIndonesianCitizen else { return .jkpCitizensOnly }
        guard eligibility.isEnrolledInNationalHealthInsurance else { return .jkpNeedsJKN }
        guard let limit = try parameter("jkp_max_age_at_registration", on: start) else {
            return .jkpNoAgeLimit(on: start)
        }
        let age = JakartaCalendar.age(bornOn: worker.birthDate, on: start)
        return age < limit ? nil : .jkpAgeLimit(age: age, limit: Int(limit))
    }

    func checkNoOverlap(worker: Worker.ID, segment: Segment, start: CalendarDate, end: CalendarDate?,
                        excluding: Membership.ID?) throws {
        if let other = try db.fetchOne("""
            SELECT id, start_date, end_date FROM memberships
            WHERE worker_id = ? AND segment_code = ? AND id IS NOT ?
              AND start_date <= coalesce(?, '9999-12-31') AND coalesce(end_date, '9999-12-31') >= ?
            ORDER BY start_date LIMIT 1
            """, worker, segment, excluding, end, start) {
            let otherEnd: CalendarDate? = try other["end_date"]
            let otherStart: CalendarDate = try other["start_date"]
            let otherID: Int64 = try other["id"]
            throw RegistryError.conflict(
                field: "start_date", value: start.isoString,
                reason: .overlaps(membership: otherID, start: otherStart, end: otherEnd))
        }
    }
}
