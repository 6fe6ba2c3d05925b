import SQLiteDB

/// A construction project's bill as the rules price it: what billing writes and what
/// `registry check` compares a stored project bill with.
struct PricedProjectBill {
    /// The month the project starts: its rules price the bill.
    var month: ContributionMonth
    var dueDate: CalendarDate
    /// The contractor's JKK and JKM lines (zero lines left out).
    var lines: [DuesLine]

    var total: Rupiah { lines.map(\.amount).sum() }
}

extension RegistrySession {
    /// Prices the bill of `project`: the programs construction requires on its start date, on
    /// its contract value by marginal slices, with the rules of the month it starts; due
    /// `construction_dues_working_days_after_work_order` working days after its work order.
    ///
    /// - Throws: ``RegistryError/noRuleInForce(rule:date:)`` for a slice or the due-date
    ///   parameter not in force.
    func priceProjectBill(_ project: ConstructionProject) throws -> PricedProjectBill {
        let month = ContributionMonth(containing: project.startDate)
        let programs = Set(try programRequirements(for: .construction, on: project.startDate)
            .filter { $0.value == .required }.keys)
        let quote = try rules(for: month).quote(.construction(contractValue: project.contractValue), programs: programs, month: month)
        let code = "construction_dues_working_days_after_work_order"
        guard let days = try parameter(code, on: project.workOrderDate) else {
            throw RegistryError.noRuleInForce(rule: "scheme_parameters \(code)", date: project.workOrderDate.isoString)
        }
        return PricedProjectBill(month: month, dueDate: WorkingDays.adding(Int(days), to: project.workOrderDate),
                                 lines: quote.billable.filter { $0.amount != .zero })
    }
}
