/// Writing the changeset format of SQLite's session extension, so that a changeset read with
/// ``Changeset/changes()`` can be edited (ids renumbered, rows left out) and written back:
/// SQLite 3.40 has no API that builds a changeset from changes.
///
/// Format (sqlite3session.c, "CHANGESET FORMAT"): per table a header `'T'`, the column count
/// (varint), one primary-key byte per column, the table name and a NUL; then per change the
/// operation (SQLITE_INSERT, _UPDATE, _DELETE), the indirect flag and the record(s): old for a
/// delete, new for an insert, old then new for an update. A value is a type byte (0 absent,
/// 1 integer, 2 real, 3 text, 4 blob, 5 NULL) and, for integer and real, 8 big-endian bytes;
/// for text and blob, a varint length and the bytes.
enum ChangesetEncoding {
    static func encode(_ changes: [ChangesetChange]) -> [UInt8] {
        var bytes: [UInt8] = []
        var currentTable: (name: String, flags: [UInt8])?
        for change in changes {
            if currentTable?.name != change.table || currentTable?.flags != change.primaryKeyFlags {
                bytes.append(UInt8(ascii: "T"))
                appendVarint(UInt64(change.columnCount), to: &bytes)
                bytes += change.primaryKeyFlags
                bytes += Array(change.table.utf8)
                bytes.append(0)
                currentTable = (change.table, change.primaryKeyFlags)
            }
            switch change.operation {
            case .insert:
                bytes += [18, change.isIndirect ? 1 : 0]
                appendRecord(change.new, to: &bytes)
            case .delete:
                bytes += [9, change.isIndirect ? 1 : 0]
                appendRecord(change.old, to: &bytes)
            case .update:
                bytes += [23, change.isIndirect ? 1 : 0]
                appendRecord(change.old, to: &bytes)
                appendRecord(change.new, to: &bytes)
            }
        }
        return bytes
    }

    private static func appendRecord(_ values: [DatabaseValue?], to bytes: inout [UInt8]) {
        for value in values {
            switch value {
            case nil:
                bytes.append(0)
            case .integer(let integer)?:
                bytes.append(1)
                appendBigEndian(UInt64(bitPattern: integer), to: &bytes)
            case .real(let real)?:
                bytes.append(2)
                appendBigEndian(real.bitPattern, to: &bytes)
            case .text(let text)?:
                bytes.append(3)
                let utf8 = Array(text.utf8)
                appendVarint(UInt64(utf8.count), to: &bytes)
                bytes += utf8
            case .blob(let data)?:
                bytes.append(4)
                appendVarint(UInt64(data.count), to: &bytes)
                bytes += data
            case .null?:
                bytes.append(5)
            }
        }
    }

    private static func appendBigEndian(_ value: UInt64, to bytes: inout [UInt8]) {
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    /// SQLite's varint (sqlite3PutVarint): big-endian groups of 7 bits, the high bit set on
    /// all but the last byte; a ninth byte carries 8 bits.
    static func appendVarint(_ value: UInt64, to bytes: inout [UInt8]) {
        if value & (UInt64(0xff00_0000) << 32) != 0 {
            var nine = [UInt8](repeating: 0, count: 9)
            var rest = value
            nine[8] = UInt8(truncatingIfNeeded: rest)
            rest >>= 8
            for index in stride(from: 7, through: 0, by: -1) {
                nine[index] = UInt8(truncatingIfNeeded: (rest & 0x7f) | 0x80)
                rest >>= 7
            }
            bytes += nine
            return
        }
        var groups: [UInt8] = []
        var rest = value
        repeat {
            groups.append(UInt8(truncatingIfNeeded: (rest & 0x7f) | 0x80))
            rest >>= 7
        } while rest != 0
        groups[0] &= 0x7f
        bytes += groups.reversed()
    }
}
