/// Payments in the order they were recorded, so reversals follow what they reverse. An
/// informal payment names the worker and membership through the first bill it paid (all its
/// bills are one membership's); an employer's payment names the employer and the month it paid
/// (all its bills are that month's).
enum PaymentExporter: RecordExporter {
    static let sql = """
        WITH first_allocation AS (
            SELECT a.payment_id, min(a.bill_id) AS bill_id FROM payment_allocations a
            WHERE a.reversal = 0 GROUP BY a.payment_id)
        SELECT p.receipt_number, strftime('%Y-%m-%dT%H:%M:%fZ', p.paid_at / 1000.0, 'unixepoch'), p.channel_code, CAST(p.amount AS TEXT),
               CASE WHEN p.reverses_id IS NULL AND p.employer_id IS NULL THEN w.kpj END,
               CASE WHEN p.reverses_id IS NULL AND p.employer_id IS NULL THEN m.start_date END,
               CASE WHEN p.reverses_id IS NULL THEN CAST(p.months_covered AS TEXT) END,
               CASE WHEN p.reverses_id IS NULL THEN e.npp END,
               CASE WHEN p.reverses_id IS NULL AND p.employer_id IS NOT NULL THEN b.contribution_month END,
               r.receipt_number
        FROM payments p
        LEFT JOIN employers e ON e.id = p.employer_id
        LEFT JOIN payments r ON r.id = p.reverses_id
        LEFT JOIN first_allocation f ON f.payment_id = p.id
        LEFT JOIN bills b ON b.id = f.bill_id
        LEFT JOIN memberships m ON m.id = b.membership_id
        LEFT JOIN workers w ON w.id = m.worker_id
        ORDER BY p.id
        """
}
