#!/usr/bin/env python3
"""Bytes per table and index of a register (dbstat: pages in use), and per member-year
(bills / 12: one bill per member and month). usage: stat.py FILE"""
import os, sqlite3, sys

path = sys.argv[1]
db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
owner = dict(db.execute("SELECT name, tbl_name FROM sqlite_schema WHERE type IN ('table', 'index')"))
sizes = db.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name").fetchall()
member_years = db.execute("SELECT count(*) FROM bills").fetchone()[0] / 12
ledger = ("bills", "bill_lines", "bill_adjustments", "payments", "payment_allocations", "payment_allocation_totals")
total = sum(b for _, b in sizes)
print(f"file {os.path.getsize(path):,} bytes; {member_years:,.0f} member-years")
print("| object | table | bytes | bytes / member-year |\n|---|---|---:|---:|")
by_table = {}
for name, b in sorted(sizes, key=lambda r: -r[1]):
    table = owner.get(name, name)
    by_table[table] = by_table.get(table, 0) + b
    if table in ledger or b > total * 0.01:
        print(f"| {name} | {table} | {b:,} | {b / member_years:,.0f} |")
in_ledger = sum(v for k, v in by_table.items() if k in ledger)
print(f"| **ledger tables with their indexes** | | {in_ledger:,} | {in_ledger / member_years:,.0f} |")
print(f"| **whole file (pages in use)** | | {total:,} | {total / member_years:,.0f} |")
