import GRDB
import Testing
@testable import SummitKB

/// ``DirectStatement`` binds and reads through SQLite's C API; they must
/// store and read what GRDB does.
@Suite struct DirectStatementTests {
    static func table() throws -> DatabaseQueue {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER, r REAL, s TEXT NOT NULL, o TEXT, UNIQUE (n))")
        }
        return queue
    }

    @Test func bindsEveryKindOfValue() throws {
        let queue = try Self.table()
        try queue.write { db in
            let insert = try DirectStatement(db, sql: "INSERT INTO t (n, r, s, o) VALUES (?, ?, ?, ?)")
            try insert.execute(.integer(7), .real(0.5), .text("é"), .null)
            try insert.execute(.integer(8), .real(1), .text("Kraków"), .text("x"))
            try insert.execute(.integer(Int?.none), .real(0), .text(""), .text(""))
        }
        let rows = try queue.read { db in try Row.fetchAll(db, sql: "SELECT n, r, s, o, typeof(s), typeof(o) FROM t ORDER BY id") }
        #expect(rows == [
            ["n": 7, "r": 0.5, "s": "é", "o": nil, "typeof(s)": "text", "typeof(o)": "null"],
            ["n": 8, "r": 1.0, "s": "Kraków", "o": "x", "typeof(s)": "text", "typeof(o)": "text"],
            // Empty text stays empty text: SQLite would read a null pointer as NULL.
            ["n": nil, "r": 0.0, "s": "", "o": "", "typeof(s)": "text", "typeof(o)": "text"],
        ])
    }

    @Test func constraintFailuresThrowAndLeaveTheStatementReusable() throws {
        let queue = try Self.table()
        try queue.write { db in
            let insert = try DirectStatement(db, sql: "INSERT INTO t (n, s) VALUES (?, ?)")
            try insert.execute(.integer(1), .text("a"))
            let error = #expect(throws: DatabaseError.self) { try insert.execute(.integer(1), .text("b")) }
            #expect(error?.resultCode == .SQLITE_CONSTRAINT)
            #expect(error?.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE)
            #expect(throws: DatabaseError.self) { try insert.execute(.integer(2), .null) }
            try insert.execute(.integer(3), .text("c"))
        }
        #expect(try queue.read { db in try String.fetchAll(db, sql: "SELECT s FROM t ORDER BY id") } == ["a", "c"])
    }

    /// ``DirectStatement`` reads back what GRDB reads: integers, NULL, text (empty is not NULL).
    @Test func readsEveryKindOfValue() throws {
        let queue = try Self.table()
        try queue.write { db in
            try db.execute(sql: "INSERT INTO t (n, r, s, o) VALUES (7, 0.5, 'Kraków', NULL), (NULL, 1, '', 'x')")
            let query = try DirectStatement(db, sql: "SELECT id, n, s, o FROM t WHERE id >= ? ORDER BY id")
            var rows: [String] = []
            for _ in 0..<2 {  // the statement is reset and reusable
                rows = []
                try query.forEachRow(.integer(1)) { row in
                    rows.append("\(row.integer(0)) \(row.optionalInteger(1).map(String.init) ?? "nil") [\(row.text(2) ?? "nil")] \(row.text(3) ?? "nil") \(row.isNull(3))")
                }
            }
            #expect(rows == ["1 7 [Kraków] nil true", "2 nil [] x false"])
            #expect(throws: DatabaseError.self) {
                try DirectStatement(db, sql: "SELECT abs(?)").forEachRow(.integer(Int64.min)) { _ in }  // integer overflow
            }
        }
    }
}
