#!/bin/bash
# The first ledger month a `registry-bench --keep` run wrote, inserted by SQL into fresh copies
# of its imported register (every trigger and foreign key on, one transaction): the register as
# built against a copy changed by VARIANT.sql (an index dropped or narrowed, say), alternating,
# so that what a schema change costs the ledger's own write is measured without the library.
# The standing refresh does not run: the triggers only list the memberships as stale.
# usage: replay.sh MEMBERS-DIR VARIANT.sql [ROUNDS]   (MEMBERS-DIR holds imported.sqlite and
# ledger.sqlite); works in the current directory, appends to replay.log
set -e
src=$(cd "$1" && pwd)/ledger.sqlite
base=$(cd "$1" && pwd)/imported.sqlite
variant=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
# The ledger stamps rows in milliseconds since 1970 (0026, 0027): the first month's rows are
# those recorded on its Jakarta days (the base register's own history is recorded before).
month="recorded_at >= CAST((julianday('2025-12-31 17:00:00') - 2440587.5) * 86400000 AS INTEGER)
       AND recorded_at < CAST((julianday('2026-01-31 17:00:00') - 2440587.5) * 86400000 AS INTEGER)"
for i in $(seq 1 ${3:-6}); do
  if [ $((i % 2)) -eq 1 ]; then order="built variant"; else order="variant built"; fi
  for s in $order; do
    rm -f r-$s.sqlite*; cp "$base" r-$s.sqlite
    if [ $s = variant ]; then sqlite3 -bail r-$s.sqlite < "$variant"; fi
    sqlite3 r-$s.sqlite "PRAGMA journal_mode=WAL" > /dev/null
    t0=$(date +%s.%N)
    TIMEFORMAT="%U %S"
    { time sqlite3 -bail r-$s.sqlite > /dev/null <<SQL
PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536;
ATTACH '$src' AS src;
BEGIN;
INSERT INTO audit_context (id, actor) VALUES (1, 'replay') ON CONFLICT DO NOTHING;
INSERT INTO bills SELECT * FROM src.bills WHERE $month ORDER BY id;
INSERT INTO bill_adjustments SELECT * FROM src.bill_adjustments WHERE $month ORDER BY id;
INSERT INTO payments SELECT * FROM src.payments WHERE $month ORDER BY id;
INSERT INTO payment_allocations SELECT * FROM src.payment_allocations WHERE $month;
COMMIT;
SQL
    } 2> cpu-$s.txt
    t1=$(date +%s.%N)
    echo "$i $s wall $(echo "$t1 - $t0" | bc) cpu $(cat cpu-$s.txt) file $(stat -c %s r-$s.sqlite) wal $(stat -c %s r-$s.sqlite-wal 2>/dev/null)" >> replay.log
  done
done
