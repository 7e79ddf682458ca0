import GRDB
import GRDBSQLite

/// A value bound to a ``DirectStatement`` parameter.
enum SQLiteValue {
    case integer(Int64)
    case real(Double)
    case text(String)
    case null

    static func integer(_ value: Int64?) -> Self { value.map { .integer($0) } ?? .null }
    static func integer(_ value: Int?) -> Self { value.map { .integer(Int64($0)) } ?? .null }
    static func text(_ value: String?) -> Self { value.map { .text($0) } ?? .null }
}

/// A statement the writer runs many times per document (the `INSERT`s and `UPDATE`s of
/// evidence, roles and counts, the merge reads), bound, stepped and read directly through
/// SQLite's C API.
///
/// ```swift
/// let insert = try DirectStatement(db, sql: "INSERT INTO t (a, b) VALUES (?, ?)")
/// try insert.execute(.integer(1), .text("x"))
/// let query = try DirectStatement(db, sql: "SELECT id, name FROM participants WHERE kind = ?")
/// try query.forEachRow(.text("country")) { row in print(row.integer(0), row.text(1) ?? "") }
/// ```
///
/// GRDB's `execute(arguments:)` boxes every argument in a `DatabaseValue`, validates the
/// count and looks the statement up by its SQL text, and its cursors decode each column
/// through generic conversions: for the tens of rows each article writes and reads, that
/// was a quarter of the writer's time. The statement comes from GRDB's cache, so GRDB and
/// this type can share it: each run resets it and clears its bindings.
struct DirectStatement {
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
        try execute(values)
    }

    /// Binds `values` to the parameters in order and runs the statement to completion.
    func execute(_ values: [SQLiteValue]) throws {
        try forEachRow(values) { _ in }
    }

    /// Binds `values` to the parameters in order and calls `body` with each result row.
    func forEachRow(_ values: SQLiteValue..., body: (SQLiteRow) throws -> Void) throws {
        try forEachRow(values, body: body)
    }

    /// Binds `values` to the parameters in order and calls `body` with each result row.
    ///
    /// - Throws: `DatabaseError` with SQLite's code and message, or what `body` throws.
    func forEachRow(_ values: [SQLiteValue], body: (SQLiteRow) throws -> Void) throws {
        let handle = statement.sqliteStatement
        SQLiteValue.bind(values, to: statement)
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        var code = sqlite3_step(handle)
        while code == SQLITE_ROW {
            try body(SQLiteRow(handle: handle))
            code = sqlite3_step(handle)
        }
        guard code == SQLITE_DONE else { throw SQLiteValue.error(db, statement) }
    }
}

/// The current row of a ``DirectStatement``, read by column position; valid only inside the
/// `body` it is given to.
struct SQLiteRow {
    fileprivate let handle: OpaquePointer

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

    /// The column as an integer; NULL reads as 0, as in SQLite. For `NOT NULL` columns.
    func integer(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    /// The column as an integer, nil for NULL.
    func optionalInteger(_ column: Int32) -> Int64? { isNull(column) ? nil : sqlite3_column_int64(handle, column) }

    /// The column as UTF-8 text (SQLite converts numbers), nil for NULL.
    func text(_ column: Int32) -> String? {
        guard let start = sqlite3_column_text(handle, column) else { return nil }
        return String(decoding: UnsafeBufferPointer(start: start, count: Int(sqlite3_column_bytes(handle, column))), as: UTF8.self)
    }
}

extension SQLiteValue {
    /// Binds `values` to the parameters of `statement` in order.
    fileprivate static func bind(_ values: [SQLiteValue], to statement: Statement) {
        let handle = statement.sqliteStatement
        precondition(values.count == Int(sqlite3_bind_parameter_count(handle)), "wrong argument count for \(statement.sql)")
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            switch value {
            case .integer(let number): sqlite3_bind_int64(handle, index, number)
            case .real(let number): sqlite3_bind_double(handle, index, number)
            case .null: sqlite3_bind_null(handle, index)
            case .text(var string):
                string.withUTF8 { bindText($0, to: handle, at: index) }
            }
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

    /// The error of the last step of `statement`, with SQLite's extended code:
    /// `DatabaseError.resultCode` gives its primary code (`SQLITE_CONSTRAINT`).
    fileprivate static func error(_ db: Database, _ statement: Statement) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: sqlite3_extended_errcode(db.sqliteConnection)),
                      message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: statement.sql)
    }
}
