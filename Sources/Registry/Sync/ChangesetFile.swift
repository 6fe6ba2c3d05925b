import Foundation
import SQLiteDB

/// A changeset carried on a USB stick (`registry sync push --changeset FILE`): a first line
/// naming the format, a second with the extract's marker (tab-separated), then the changeset.
/// The changeset holds the extract's rows as they are (full NIKs): the file is written
/// owner-only and is never printed.
public enum ChangesetFile {
    static let magic = "registry-changeset 1"

    public static func encode(_ changeset: Changeset, from marker: ExtractMarker) -> [UInt8] {
        let fields = [marker.extractID, marker.area.kind, marker.area.code, marker.extractedAt, marker.sourcePath]
        return Array("\(magic)\n\(fields.joined(separator: "\t"))\n".utf8) + changeset.bytes
    }

    public static func decode(_ bytes: [UInt8]) throws -> (marker: ExtractMarker, changeset: Changeset) {
        let lines = bytes.split(separator: UInt8(ascii: "\n"), maxSplits: 2, omittingEmptySubsequences: false)
        guard lines.count >= 2, String(decoding: lines[0], as: UTF8.self) == magic else {
            throw RegistryError.invalid(field: "changeset", value: "file", reason: .notAChangesetFile)
        }
        let fields = String(decoding: lines[1], as: UTF8.self).split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 5 else {
            throw RegistryError.invalid(field: "changeset", value: "file", reason: .markerFieldCount(found: fields.count))
        }
        let marker = ExtractMarker(extractID: fields[0], area: try ExtractArea(kind: fields[1], code: fields[2]),
                                   sourcePath: fields[4], extractedAt: fields[3])
        let changeset = Changeset(bytes: lines.count == 3 ? Array(lines[2]) : [])
        _ = try changeset.changes()
        return (marker, changeset)
    }
}
