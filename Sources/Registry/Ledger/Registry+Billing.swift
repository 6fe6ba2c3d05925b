/// The monthly billing run as a batch job: a page of memberships per write transaction.
extension Registry {
    /// Issues the `month` bill of every PU and BPU membership that covers part of the month and
    /// has none yet, `pageSize` memberships per write transaction, and returns what it issued.
    ///
    /// ``RegistrySession/issueBills(for:)`` bills the whole register in one savepoint, all or
    /// none, and SQLite keeps a copy of every page such a savepoint changes until it ends: at
    /// 5M members a month's billing and payments in one transaction kept about a gigabyte of
    /// them in a temporary file, beside a write-ahead log of gigabytes that no checkpoint can
    /// fold back before the commit. Here each page commits on its own. A run stopped by an
    /// error, a crash or a power cut leaves the pages before it billed and nothing of the page
    /// that failed; running it again bills the rest, because a membership that has its bill
    /// for the month is skipped. `progress` is called after each page with the totals so far.
    @discardableResult
    public func issueBills(
        for month: ContributionMonth, pageSize: Int = 10_000, actor: String? = nil,
        progress: (BillingRun) -> Void = { _ in }
    ) throws -> BillingRun {
        guard pageSize > 0 else {
            throw RegistryError.invalid(field: "page_size", value: String(pageSize), reason: .mustBeAtLeastOne)
        }
        var bills = 0
        var total = Rupiah.zero
        var after: Int64? = .min
        while let start = after {
            let (page, next) = try write(actor: actor) { session in
                try session.issueBills(for: month, employer: nil, pageSize: pageSize, after: start, pages: 1)
            }
            bills += page.bills
            total += page.total
            after = next
            progress(BillingRun(month: month, bills: bills, total: total))
        }
        return BillingRun(month: month, bills: bills, total: total)
    }
}
