import Foundation
import Postgres
import Testing
import TestSupport

@Suite("Decoding values")
struct DecodingTests {
    @Test("integers at their limits decode exactly")
    func integers() async throws {
        try await TestDatabase.with(migrated: false) { db in
            try await db.run { c in
                let row = try #require(try c.query("SELECT (-32768)::int2, 32767::int2, (-2147483648)::int4, 2147483647::int4, (-9223372036854775808)::int8, 9223372036854775807::int8").first)
                #expect(try row.decode(Int16.self, at: 0) == Int16.min)
                #expect(try row.decode(Int16.self, at: 1) == Int16.max)
                #expect(try row.decode(Int32.self, at: 2) == Int32.min)
                #expect(try row.decode(Int32.self, at: 3) == Int32.max)
                #expect(try row.decode(Int64.self, at: 4) == Int64.min)
                #expect(try row.decode(Int.self, at: 5) == Int.max)
            }
        }
    }

    @Test("text keeps unicode exactly", arguments: [
        "plain", "", "Ünïcödé", "中国进出口银行", "emoji 🏗️🚜", "e\u{301} combining", "tab\tand\nnewline",
        "quote ' and \" and \\ backslash", "'; DROP TABLE projects; --",
    ])
    func unicodeText(_ value: String) async throws {
        try await TestDatabase.with(migrated: false) { db in
            let back = try await db.run { c in try c.query("SELECT $1::text", value).scalar(String.self) }
            #expect(back == value)
            let length = try await db.run { c in try c.query("SELECT length($1)", value).scalar(Int.self) }
            #expect(length == value.unicodeScalars.count)
        }
    }

    @Test("numeric stays exact at the edges", arguments: [
        "0", "-0.000000000000000001", "99999999999999999999999999999.999999999999999999",
        "8000000000.00", "0.1", "-12345678901234567890.5", "NaN",
    ])
    func numericEdges(_ text: String) async throws {
        try await TestDatabase.with(migrated: false) { db in
            let value = try #require(PostgresNumeric(text))
            let back = try await db.run { c in try c.query("SELECT $1::numeric", value).scalar(PostgresNumeric.self) }
            #expect(back.text == text)
        }
    }

    @Test("numeric converts to minor units only when exact")
    func numericMinorUnits() {
        #expect(PostgresNumeric("8000000000.00")?.minorUnits(scale: 2) == 800_000_000_000)
        #expect(PostgresNumeric("1.5")?.minorUnits(scale: 2) == 150)
        #expect(PostgresNumeric("1.505")?.minorUnits(scale: 2) == nil)
        #expect(PostgresNumeric("1.500")?.minorUnits(scale: 2) == 150)
        #expect(PostgresNumeric("-92233720368547758.08")?.minorUnits(scale: 2) == Int64.min)
        #expect(PostgresNumeric("92233720368547758.08")?.minorUnits(scale: 2) == nil)
        #expect(PostgresNumeric(minorUnits: 5, scale: 2).text == "0.05")
        #expect(PostgresNumeric(minorUnits: -150, scale: 2).text == "-1.50")
        #expect(PostgresNumeric(minorUnits: 7, scale: 0).text == "7")
        #expect(PostgresNumeric("1e5") == nil)
        #expect(PostgresNumeric("") == nil)
        #expect(PostgresNumeric("1.2.3") == nil)
    }

    @Test("bool, uuid, jsonb and dates decode")
    func otherTypes() async throws {
        try await TestDatabase.with(migrated: false) { db in
            try await db.run { c in
                let id = UUID()
                let row = try #require(try c.query(
                    "SELECT true, false, $1::uuid, '{\"b\": [1, 2], \"a\": \"x\"}'::jsonb, '2024-02-29'::date, '0001-01-01'::date, '9999-12-31'::date",
                    id).first)
                #expect(try row.decode(Bool.self, at: 0) == true)
                #expect(try row.decode(Bool.self, at: 1) == false)
                #expect(try row.decode(UUID.self, at: 2) == id)
                struct Doc: Decodable, Equatable { let a: String; let b: [Int] }
                #expect(try row.decode(PostgresJSON.self, at: 3).decode(Doc.self) == Doc(a: "x", b: [1, 2]))
                #expect(try row.decode(PostgresDate.self, at: 4) == PostgresDate(year: 2024, month: 2, day: 29))
                #expect(try row.decode(PostgresDate.self, at: 5).description == "0001-01-01")
                #expect(try row.decode(PostgresDate.self, at: 6).description == "9999-12-31")
            }
        }
    }

    @Test("timestamptz round-trips with microseconds, before and after 1970")
    func timestamps() async throws {
        try await TestDatabase.with(migrated: false) { db in
            try await db.run { c in
                for seconds in [0.0, 1_764_379_434.123456, -1_000_000.5, 253_402_300_799.5, 32_503_680_000.25, -62_135_596_800.0] {
                    let date = Date(timeIntervalSince1970: seconds)
                    let back = try c.query("SELECT $1::timestamptz", date).scalar(Date.self)
                    #expect(abs(back.timeIntervalSince1970 - seconds) < 0.000002, "\(seconds)")
                    let epoch = try c.query("SELECT extract(epoch FROM $1::timestamptz)::text", date).scalar(String.self)
                    #expect(abs((Double(epoch) ?? .nan) - seconds) < 0.000002, "\(seconds) \(epoch)")
                }
                let offset = try c.query("SELECT '2026-11-29 12:00:00+05:30'::timestamptz").scalar(Date.self)
                #expect(offset.timeIntervalSince1970 == 1_795_933_800)
            }
        }
    }

    @Test("arrays decode, with quoting and NULL elements")
    func arrays() async throws {
        try await TestDatabase.with(migrated: false) { db in
            try await db.run { (c: Connection) throws in
                let texts = ["a", "b c", "quote\"d", "back\\slash", "comma,here", "NULL", "", "{brace}"]
                #expect(try c.query("SELECT $1::text[]", texts).scalar([String].self) == texts)
                #expect(try c.query("SELECT ARRAY[1, 2, 3]::int8[]").scalar([Int].self) == [1, 2, 3])
                #expect(try c.query("SELECT '{}'::int4[]").scalar([Int32].self) == [])
                #expect(try c.query("SELECT ARRAY['x', NULL]::text[]").scalar([String?].self) == ["x", nil])
                #expect(throws: PostgresError.self) { try c.query("SELECT ARRAY['x', NULL]::text[]").scalar([String].self) }
                #expect(try c.query("SELECT $1::int8[]", [Int.min, 0, Int.max]).scalar([Int].self) == [Int.min, 0, Int.max])
            }
        }
    }

    @Test("NULL decodes as an optional and is an error otherwise, naming the column")
    func nulls() async throws {
        try await TestDatabase.with(migrated: false) { db in
            try await db.run { c in
                let row = try #require(try c.query("SELECT NULL::int8 AS missing, NULL::text AS nothing").first)
                #expect(try row.decode(Int?.self, "missing") == nil)
                #expect(try row.decode(String?.self, at: 1) == nil)
                let error = try #require(throws: PostgresError.self) { try row.decode(Int.self, "missing") }
                #expect(error.kind == .decoding)
                #expect(error.description.contains("\"missing\""))
                #expect(try c.query("SELECT $1::int8", Int?.none).scalar(Int?.self) == nil)
            }
        }
    }

    @Test("a type mismatch names the column and both types")
    func mismatch() async throws {
        try await TestDatabase.with(migrated: false) { db in
            try await db.run { c in
                let row = try #require(try c.query("SELECT 'abc'::text AS label, 1.5::numeric AS amount").first)
                let textAsInt = try #require(throws: PostgresError.self) { try row.decode(Int.self, "label") }
                #expect(textAsInt.description.contains("\"label\""))
                #expect(textAsInt.description.contains("text"))
                #expect(textAsInt.description.contains("Int"))
                let numericAsBool = try #require(throws: PostgresError.self) { try row.decode(Bool.self, "amount") }
                #expect(numericAsBool.column == "amount")
                #expect(throws: PostgresError.self) { try row.decode(Int.self, "no_such_column") }
                #expect(throws: PostgresError.self) { try row.decode(Int.self, at: 9) }
            }
        }
    }

    @Test("a value with a NUL character is refused before it is sent")
    func nulRefused() async throws {
        try await TestDatabase.with(migrated: false) { db in
            let error = try await #require(throws: PostgresError.self) {
                try await db.run { c in try c.query("SELECT $1::text", "a\u{0}b") }
            }
            #expect(error.kind == .usage)
        }
    }
    @Test("a column or row out of range throws instead of trapping")
    func outOfRange() async throws {
        try await TestDatabase.with(migrated: false) { db in
            let rows = try await db.run { c in try c.query("SELECT 1 AS a, NULL::text AS b UNION ALL SELECT 2, 'x'") }
            #expect(rows.count == 2)
            let row = rows[0]
            #expect(try row.rawText(at: 0) == "1")
            #expect(try row.rawText(at: 1) == nil)
            #expect(try rows[1].rawText(at: 1) == "x")
            for column in [2, -1, Int.max] {
                let error = #expect(throws: PostgresError.self) { try row.rawText(at: column) }
                #expect(error?.kind == .decoding)
                #expect(row.text(at: column) == nil)
                #expect(throws: PostgresError.self) { try row.decode(Int.self, at: column) }
            }
            for position in [2, -1] {
                let outside = rows[position]
                let error = #expect(throws: PostgresError.self) { try outside.rawText(at: 0) }
                #expect(error?.description.contains("row \(position) is out of range") == true)
                #expect(outside.text(at: 0) == nil)
                #expect(throws: PostgresError.self) { try outside.decode(Int.self, at: 0) }
                #expect(throws: PostgresError.self) { try outside.decode(Int.self, "a") }
                #expect(throws: PostgresError.self) { try outside.decode(Int.self, String?.self) }
            }
            let empty = try await db.run { c in try c.query("SELECT 1 WHERE false") }
            #expect(throws: PostgresError.self) { try empty[0].rawText(at: 0) }
        }
    }
}
