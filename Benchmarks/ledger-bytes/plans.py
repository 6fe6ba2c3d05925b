#!/usr/bin/env python3
"""EXPLAIN QUERY PLAN of every logged statement that reads the dues ledger, on two registers
that differ only in their indexes; prints the statements whose plans differ, and which
indexes any plan uses. Trigger bodies of the schema are planned too (NEW./OLD. -> ?)."""
import re, sqlite3, sys
log, before, after = sys.argv[1:4]
LEDGER = re.compile(r'\b(bill_lines|payment_allocations|payments|bills)\b', re.I)
stmts = set()
for line in open(log, errors='replace'):
    s = line.strip().rstrip(';').strip()
    if not s or s.startswith('--') or not LEDGER.search(s): continue
    head = s.split(None, 1)[0].upper()
    if head in ('CREATE', 'DROP', 'PRAGMA', 'BEGIN', 'COMMIT', 'ROLLBACK', 'SAVEPOINT', 'RELEASE', 'ATTACH', 'DETACH', 'EXPLAIN', 'ANALYZE', 'VACUUM'): continue
    if 'vacuum_db' in s: continue  # VACUUM's own copy statements
    stmts.add(s)
def trigger_statements(db):
    out = []
    for name, sql in db.execute("SELECT name, sql FROM sqlite_master WHERE type='trigger'"):
        body = sql[sql.upper().index('BEGIN') + 5: sql.upper().rindex('END')]
        body = re.sub(r'--[^\n]*', ' ', body)
        for part in body.split(';'):
            p = ' '.join(part.split())
            if not p or not LEDGER.search(p): continue
            p = re.sub(r'\b(NEW|OLD)\.\w+', '?', p)
            p = re.sub(r"RAISE\s*\(\s*ABORT\s*,\s*'(?:[^']|'')*'\s*\)", "1", p, flags=re.I)
            p = re.sub(r"RAISE\s*\(\s*IGNORE\s*\)", "1", p, flags=re.I)
            out.append((name, p))
    return out
def plan(db, sql):
    q = "EXPLAIN QUERY PLAN " + sql
    names = set(re.findall(r"(?<![:\w'])[:@$]([A-Za-z_]\w*)", sql))
    tries = [()] + ([{n: None for n in names}] if names else [])
    last = None
    for args in tries:
        try:
            return [r[3] for r in db.execute(q, args)]
        except sqlite3.ProgrammingError as e:
            last = e
            m = re.search(r'uses (\d+)', str(e))
            if m:
                try: return [r[3] for r in db.execute(q, (None,) * int(m.group(1)))]
                except sqlite3.Error as e2: last = e2
        except sqlite3.Error as e:
            last = e
    return ['ERROR ' + str(last)]
b, a = sqlite3.connect(before), sqlite3.connect(after)
# Sync's area selection reads an attached 'centre' into temp id tables (AreaSelection.swift).
for db, path in ((b, before), (a, after)):
    db.execute("ATTACH ? AS centre", (path,))
    for t in ["x_workers", "x_memberships", "x_bills", "x_payments", "x_employers", "x_projects", "x_agents", "x_offices"]:
        db.execute(f"CREATE TEMP TABLE {t} (id INTEGER PRIMARY KEY)")
    db.execute("CREATE TEMP TABLE x_villages (code TEXT PRIMARY KEY) WITHOUT ROWID")
items = [('source', s) for s in sorted(stmts)] + trigger_statements(a)
errors = differ = 0
used = {}
for origin, s in items:
    pb, pa = plan(b, s), plan(a, s)
    if pa and pa[0].startswith('ERROR'): errors += 1; print('ERR', origin, pa[0], s[:160], sep=' | '); continue
    for line in pb:
        for idx in re.findall(r'USING (?:COVERING )?INDEX (\w+)', line): used.setdefault(idx, 0); used[idx] += 1
    if pb != pa:
        differ += 1
        print('DIFF', origin, s[:400], '\n  before: ' + ' / '.join(pb), '\n  after:  ' + ' / '.join(pa), sep='\n')
print(f'{len(items)} statements ({len(stmts)} logged, {len(items)-len(stmts)} from triggers); {errors} not plannable here; {differ} plans differ')
print('indexes the plans use (before):', ', '.join(f'{k} {v}' for k, v in sorted(used.items())))
