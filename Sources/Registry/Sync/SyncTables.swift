/// Which tables travel in a changeset, and which do not.
///
/// Only facts travel: what a clerk or agent typed (workers, memberships, the ledger). What
/// triggers derive from them (audit_log, the standing tables, payment_allocation_totals,
/// dues_received) is left out: the centre's own triggers make it again when the facts are
/// applied, and a copy made on the device would conflict with the centre's. Rules, regions and
/// offices are the centre's to change and come to the device by pull.
enum SyncTables {
    /// Parents before children, so that triggers checking a parent find it on apply.
    static let facts = [
        "employers", "construction_projects", "agents", "agent_villages",
        "workers", "memberships", "membership_programs",
        "bills", "bill_adjustments", "payments", "payment_allocations",
        "project_bills", "project_bill_lines", "project_payment_allocations",
    ]

    /// The fact tables keyed by an integer `id` that a device allocates: rows made offline get
    /// a new central id on push (see ``SyncPush``). The other three are keyed by their parents
    /// (payment_allocations by bill, payment and reversal since 0027), which the push renumbers.
    static let renumbered: Set<String> = Set(facts).subtracting(["agent_villages", "membership_programs", "payment_allocations"])

    /// The last migration that changed the columns of a fact table. A changeset is a list of
    /// rows by column position: one made on an older layout cannot be applied to this one (SQLite
    /// would skip a table whose column count differs, silently, and STRICT refuses a value of
    /// the old type: 0029's integer `paid_at`), so push refuses an extract extracted before it.
    /// 0028 dropped `bills.due_date`; 0029 is the later of the two.
    static let layoutMigration = "0029_payment_instants.sql"

}
