/// A lazy walk over a query's rows: each ``next()`` steps the statement once.
///
/// Memory stays flat however many rows there are. The cursor resets its statement
/// when the rows run out, when a step fails, and when the cursor is released early,
/// so an abandoned cursor never keeps a read transaction open.
public final class RowCursor {
    public let statement: Statement
    private var isDone = false

    init(statement: Statement) {
        self.statement = statement
    }

    deinit {
        if !isDone { statement.reset() }
    }

    /// The next row, or nil when there are no more. The row is valid until the next call.
    public func next() throws -> CursorRow? {
        guard !isDone else { return nil }
        do {
            if try statement.step() { return statement.currentRow }
        } catch {
            isDone = true
            throw error
        }
        isDone = true
        statement.reset()
        return nil
    }

    /// Copies every remaining row.
    public func collect() throws -> [Row] {
        var rows: [Row] = []
        while let row = try next() { rows.append(row.copy()) }
        return rows
    }
}
