extension RowReading {
    /// Decodes the row into a `Decodable` type whose coding keys name the columns (any ASCII case).
    ///
    /// Standard types and ``DatabaseValueConvertible`` properties read their column directly;
    /// other `Decodable` properties (e.g. enums with a raw value) decode from the column's
    /// single value. Nested keyed containers are not supported: a row is flat.
    public func decode<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        try T(from: RowDecoder(row: self))
    }
}

/// A `Decoder` over one row. Kept small: everything funnels into ``RowReading/get(_:as:)-(Int,_)``.
struct RowDecoder<R: RowReading>: Decoder {
    let row: R
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(KeyedContainer<Key>(row: row))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw DecodingError.typeMismatch(
            [Any].self, .init(codingPath: codingPath, debugDescription: "a row decodes as a keyed container"))
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        guard row.count == 1 else {
            throw DecodingError.typeMismatch(
                Any.self, .init(codingPath: codingPath, debugDescription: "a single value needs a one-column row"))
        }
        return ColumnValueDecoder(row: row, index: 0, codingPath: codingPath)
    }

    struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let row: R
        var codingPath: [any CodingKey] { [] }
        var allKeys: [Key] { row.columnNames.compactMap { Key(stringValue: $0) } }

        func contains(_ key: Key) -> Bool { row.hasColumn(key.stringValue) }

        func index(_ key: Key) throws -> Int {
            guard let index = row.columnNames.index(of: key.stringValue) else {
                throw RowDecodingError(
                    column: key.stringValue, index: nil, expectedType: "a value", problem: .noSuchColumn, sql: row.sql)
            }
            return index
        }

        func decodeNil(forKey key: Key) throws -> Bool {
            row.columnSlot(uncheckedIndex: try index(key)).isNull
        }

        /// The index comes from the column names, so it is in range: read the slot directly,
        /// with a concrete type, instead of going through the generic `get`.
        @inline(__always)
        private func read<C: DatabaseValueConvertible>(_ type: C.Type, _ key: Key) throws -> C {
            let column = try index(key)
            let slot = row.columnSlot(uncheckedIndex: column)
            if let value = C.decode(from: slot) { return value }
            throw row.decodingFailure(index: column, type: C.self, found: slot.storageClass)
        }

        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try read(Bool.self, key) }
        func decode(_ type: String.Type, forKey key: Key) throws -> String { try read(String.self, key) }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try read(Double.self, key) }
        func decode(_ type: Float.Type, forKey key: Key) throws -> Float { Float(try read(Double.self, key)) }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try read(Int.self, key) }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try read(Int32.self, key) }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try read(Int64.self, key) }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            let column = try index(key)
            if let convertible = T.self as? any DatabaseValueConvertible.Type {
                return try decodeConvertible(convertible, at: column) as! T
            }
            return try T(from: ColumnValueDecoder(row: row, index: column, codingPath: [key]))
        }

        private func decodeConvertible<C: DatabaseValueConvertible>(_ type: C.Type, at column: Int) throws -> C {
            try row.get(column, as: C.self)
        }

        func nestedContainer<NestedKey: CodingKey>(
            keyedBy type: NestedKey.Type, forKey key: Key
        ) throws -> KeyedDecodingContainer<NestedKey> {
            throw DecodingError.typeMismatch(
                type, .init(codingPath: [key], debugDescription: "a row has no nested containers"))
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            throw DecodingError.typeMismatch(
                [Any].self, .init(codingPath: [key], debugDescription: "a row has no nested containers"))
        }

        func superDecoder() throws -> any Decoder { RowDecoder(row: row) }
        func superDecoder(forKey key: Key) throws -> any Decoder { RowDecoder(row: row) }
    }
}

/// Decodes one column as a single value: how `enum Segment: String, Decodable` reads its column.
struct ColumnValueDecoder<R: RowReading>: Decoder, SingleValueDecodingContainer {
    let row: R
    let index: Int
    var codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        throw DecodingError.typeMismatch(
            type, .init(codingPath: codingPath, debugDescription: "a column holds a single value"))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw DecodingError.typeMismatch(
            [Any].self, .init(codingPath: codingPath, debugDescription: "a column holds a single value"))
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    func decodeNil() -> Bool { row.columnSlot(uncheckedIndex: index).isNull }
    func decode(_ type: Bool.Type) throws -> Bool { try row.get(index) }
    func decode(_ type: String.Type) throws -> String { try row.get(index) }
    func decode(_ type: Double.Type) throws -> Double { try row.get(index) }
    func decode(_ type: Float.Type) throws -> Float { Float(try row.get(index) as Double) }
    func decode(_ type: Int.Type) throws -> Int { try row.get(index) }
    func decode(_ type: Int8.Type) throws -> Int8 { try narrow(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try narrow(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try row.get(index) }
    func decode(_ type: Int64.Type) throws -> Int64 { try row.get(index) }
    func decode(_ type: UInt.Type) throws -> UInt { try narrow(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try narrow(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try narrow(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try narrow(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try narrow(type) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try T(from: self)
    }

    private func narrow<I: FixedWidthInteger>(_ type: I.Type) throws -> I {
        let wide: Int64 = try row.get(index)
        guard let value = I(exactly: wide) else {
            throw RowDecodingError(
                column: row.columnNames[index], index: index, expectedType: "\(I.self)",
                problem: .mismatch(found: .integer), sql: row.sql)
        }
        return value
    }
}
