import GRDB
import GRDBSQLite

/// A value bound to a ``WriteStatement`` parameter.
enum SQLiteValue {
    case integer(Int64)
    case real(Double)
    case text(String)
    /// UTF-8 bytes `range` of `bytes`, bound as text without building a `String`.
    case utf8([UInt8], Range<Int>)
    case null

    static func integer(_ value: Int64?) -> Self { value.map { .integer($0) } ?? .null }
    static func integer(_ value: Int?) -> Self { value.map { .integer(Int64($0)) } ?? .null }
    static func text(_ value: String?) -> Self { value.map { .text($0) } ?? .null }
}

/// An `INSERT` or `UPDATE` the writer runs many times per document, bound and stepped
/// through SQLite's C API.
///
/// ```swift
/// let insert = try WriteStatement(db, sql: "INSERT INTO t (a, b) VALUES (?, ?)")
/// try insert.execute(.integer(1), .text("x"))
/// ```
///
/// GRDB's `execute(arguments:)` boxes every argument in a `DatabaseValue`, validates the
/// count and looks the statement up by its SQL text: for the tens of evidence, role and
/// count rows of each article that was a quarter of the writer's time. The statement
/// comes from GRDB's cache, so GRDB and this type can share it: each run resets it and
/// clears its bindings.
struct WriteStatement {
    private let db: Database
    private let statement: Statement

    init(_ db: Database, sql: String) throws {
        self.db = db
        statement = try db.cachedStatement(sql: sql)
    }

    /// Binds `values` to the parameters in order and runs the statement to completion.
    ///
    /// - Throws: `DatabaseError` with SQLite's code and message, e.g. `SQLITE_CONSTRAINT`.
    func execute(_ values: SQLiteValue...) throws {
        let handle = statement.sqliteStatement
        precondition(values.count == Int(sqlite3_bind_parameter_count(handle)), "wrong argument count for \(statement.sql)")
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            switch value {
            case .integer(let number): sqlite3_bind_int64(handle, index, number)
            case .real(let number): sqlite3_bind_double(handle, index, number)
            case .null: sqlite3_bind_null(handle, index)
            case .text(var string):
                string.withUTF8 { Self.bindText($0, to: handle, at: index) }
            case .utf8(let bytes, let range):
                bytes.withUnsafeBufferPointer { Self.bindText(UnsafeBufferPointer(rebasing: $0[range]), to: handle, at: index) }
            }
        }
        var code = sqlite3_step(handle)
        while code == SQLITE_ROW { code = sqlite3_step(handle) }
        guard code == SQLITE_DONE else {
            // The extended code: `DatabaseError.resultCode` gives its primary code (`SQLITE_CONSTRAINT`).
            let extended = sqlite3_extended_errcode(db.sqliteConnection)
            throw DatabaseError(resultCode: ResultCode(rawValue: extended),
                                message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: statement.sql)
        }
    }

    /// Binds UTF-8 text, which SQLite copies (`SQLITE_TRANSIENT`). Empty text is bound
    /// from a non-null pointer: SQLite reads a null pointer as SQL `NULL`.
    private static func bindText(_ utf8: UnsafeBufferPointer<UInt8>, to handle: OpaquePointer, at index: Int32) {
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        guard let start = utf8.baseAddress, !utf8.isEmpty else {
            sqlite3_bind_text(handle, index, "", 0, transient)
            return
        }
        start.withMemoryRebound(to: CChar.self, capacity: utf8.count) {
            _ = sqlite3_bind_text(handle, index, $0, Int32(utf8.count), transient)
        }
    }
}
