#!/bin/bash
# One ledger month (2026-01 at 100,000 members: the rows the library wrote) inserted by SQL into
# the imported register, every trigger and foreign key on, in one transaction: old indexes (0007)
# against new (0023), alternating, fresh copies each time.
# usage: replay.sh MEMBERS-DIR [ROUNDS]   (a registry-bench size directory kept by --keep,
# holding imported.sqlite and ledger.sqlite); works in the current directory, appends to replay.log
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$1" && pwd)/ledger.sqlite
base=$(cd "$1" && pwd)/imported.sqlite
for i in $(seq 1 ${2:-6}); do
  if [ $((i % 2)) -eq 1 ]; then order="old new"; else order="new old"; fi
  for s in $order; do
    rm -f r-$s.sqlite*; cp $base r-$s.sqlite
    if [ $s = old ]; then sqlite3 r-$s.sqlite < "$here/before-indexes.sql"; fi
    sqlite3 r-$s.sqlite "PRAGMA journal_mode=WAL" > /dev/null
    t0=$(date +%s.%N)
    TIMEFORMAT="%U %S"
    { time sqlite3 -bail r-$s.sqlite > /dev/null <<SQL
PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536;
ATTACH '$src' AS src;
BEGIN;
INSERT INTO audit_context (id, actor) VALUES (1, 'replay') ON CONFLICT DO NOTHING;
INSERT INTO bills SELECT * FROM src.bills WHERE recorded_at >= '2026-01' AND recorded_at < '2026-02' ORDER BY id;
INSERT INTO bill_lines SELECT * FROM src.bill_lines WHERE recorded_at >= '2026-01' AND recorded_at < '2026-02' ORDER BY id;
INSERT INTO payments SELECT * FROM src.payments WHERE recorded_at >= '2026-01' AND recorded_at < '2026-02' ORDER BY id;
INSERT INTO payment_allocations SELECT * FROM src.payment_allocations WHERE recorded_at >= '2026-01' AND recorded_at < '2026-02' ORDER BY id;
COMMIT;
SQL
    } 2> cpu-$s.txt
    t1=$(date +%s.%N)
    echo "$i $s wall $(echo "$t1 - $t0" | bc) cpu $(cat cpu-$s.txt) file $(stat -c %s r-$s.sqlite) wal $(stat -c %s r-$s.sqlite-wal 2>/dev/null)" >> replay.log
  done
done
