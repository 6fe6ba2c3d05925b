import Registry
import SQLiteDB

/// Registering the plan's employers, agents, projects and workers, and enrolling each worker
/// in the segment the plan gives them.
extension HistoryWriter {
    func branch(forVillage village: Int, on date: CalendarDate) throws -> Office.ID {
        let offset = options.firstMonth.months(until: ContributionMonth(containing: date))
        let code = regions.branch(serving: regions.villages[village].regency, inMonth: offset)
        guard let id = offices[code] else { throw DemoError.invalidOption(name: "office data", reason: "has no branch \(code)") }
        return id
    }

    func registerEmployer(_ index: Int, in session: RegistrySession) throws {
        let employer = plan.employers[index]
        employerIDs[index] = try session.registerEmployer(NewEmployer(
            npp: try EmployerNumber(employer.npp), name: employer.name, sizeClass: employer.sizeClass,
            riskGroup: employer.riskGroup, isLabourIntensive: employer.isLabourIntensive,
            village: regions.villages[employer.village].code,
            branchOffice: try branch(forVillage: employer.village, on: session.today))).id
    }

    func registerAgent(_ index: Int, in session: RegistrySession) throws {
        let agent = plan.agents[index]
        let home = regions.regencies[agent.regency].villages[0]
        agentIDs[index] = try session.registerAgent(NewAgent(
            fullName: agent.name, phone: agent.phone, branchOffice: try branch(forVillage: home, on: session.today),
            activeFrom: agent.activeFrom, villages: agent.villages.map { regions.villages[$0].code })).id
    }

    func registerProject(_ index: Int, in session: RegistrySession) throws {
        let project = plan.projects[index]
        guard let contractor = employerIDs[project.contractor] else { return }
        projectIDs[index] = try session.registerProject(NewConstructionProject(
            contractor: contractor, name: project.name, contractValue: Rupiah(project.contractValue),
            workOrderDate: project.workOrder, startDate: project.start, endDate: project.end,
            site: regions.villages[project.site].code)).id
        // The contractor registers the project and is billed its dues for the whole project.
        try session.issueProjectBill(for: projectIDs[index]!)
    }

    func registerWorker(_ index: Int, month offset: Int, in session: RegistrySession) throws {
        let plan = self.plan.workers[index]
        var agent: Agent.ID?
        if case .informal(_, _, _, let recruiter?, _, _, _) = plan.role { agent = agentIDs[recruiter] }
        let worker = try session.register(NewWorker(
            nik: plan.nik, fullName: plan.name, birthDate: plan.birthDate, sex: plan.sex,
            village: regions.villages[plan.village].code, occupation: plan.occupation, phone: plan.phone,
            branchOffice: try branch(forVillage: plan.village, on: session.today), registeredBy: agent))
        switch plan.role {
        case .wageEarner(let employer, let wage, let optional, let inJKN, _):
            guard let employerID = employerIDs[employer] else { return }
            let sizeClass = self.plan.employers[employer].sizeClass
            let requirements = try session.programRequirements(for: .wageEarner, sizeClass: sizeClass, on: plan.startDate)
            var programs = Set<Program>()
            for (program, requirement) in requirements {
                switch requirement {
                case .required: programs.insert(program)
                case .optional where optional.contains(program): programs.insert(program)
                case .conditional where inJKN && JakartaCalendar.age(bornOn: plan.birthDate, on: plan.startDate) < 54:
                    programs.insert(program)
                default: break
                }
            }
            let jkp = JKPEligibility(isIndonesianCitizen: true, isEnrolledInNationalHealthInsurance: inJKN)
            membershipIDs[index] = try session.enrol(.wageEarner(
                worker: worker.id, employer: employerID, wage: Rupiah(wage), startDate: plan.startDate,
                programs: programs, jkp: jkp)).id
        case .informal(let income, let withJHT, let payer, _, let perPayment, _, _):
            let membership = try session.enrol(.informal(
                worker: worker.id, declaredIncome: Rupiah(income), startDate: plan.startDate, payer: payer, withJHT: withJHT))
            membershipIDs[index] = membership.id
            paidThrough[index] = offset - 1
            if plan.registeredOn != goLive {
                // A new informal member pays the first months when signing up.
                try payInformal(index, months: perPayment, in: session)
            }
        case .construction(let project):
            guard let projectID = projectIDs[project] else { return }
            let requirements = try session.programRequirements(for: .construction, on: plan.startDate)
            membershipIDs[index] = try session.enrol(NewMembership(
                worker: worker.id, segment: .construction, startDate: plan.startDate, payer: .employer,
                programs: Set(requirements.filter { $0.value == .required }.keys), project: projectID)).id
        case .migrant(_, let months, _, let payer):
            // The required programs only. The plan still draws who would like JHT (so a seed
            // builds the same population), but the library refuses migrant JHT: its amount is
            // the member's choice, which the rule tables do not hold, so it cannot be priced.
            let requirements = try session.programRequirements(for: .migrant, on: plan.startDate)
            let programs = Set(requirements.filter { $0.value == .required }.keys)
            let membership = try session.enrol(NewMembership(
                worker: worker.id, segment: .migrant, startDate: plan.startDate,
                endDate: Self.placementEnd(start: plan.startDate, months: months), payer: payer, programs: programs))
            membershipIDs[index] = membership.id
            // The placement is billed and paid on the day the worker signs up, by the member or the sponsor.
            let bill = try session.issueBill(for: membership.id, month: ContributionMonth(containing: plan.startDate))
            try session.payMigrantDues(for: membership.id, amount: bill.outstanding, receipt: nextReceipt("PMI"),
                                       channel: .bankTransfer)
        }
    }
}
