import GRDB
import GRDBSQLite

extension DatabaseError {
    /// The error GRDB would throw for a statement that `sqlite3_step` refused, for the hot
    /// paths (the append, the cohort scan) that step GRDB's statements through the C API.
    init(failedStep statement: Statement, in db: Database) {
        let connection = db.sqliteConnection
        self.init(
            resultCode: ResultCode(rawValue: sqlite3_extended_errcode(connection)),
            message: connection.map { String(cString: sqlite3_errmsg($0)) }, sql: statement.sql)
    }
}

extension Statement {
    /// Moves to the next row through the C API: true on a row, false at the end; a refusal
    /// is thrown as GRDB would throw it. For the reads of thousands of rows (the cohort
    /// scan, the enrollments and participants before it).
    func stepRow(in db: Database) throws -> Bool {
        let code = sqlite3_step(sqliteStatement)
        if code == SQLITE_ROW { return true }
        if code == SQLITE_DONE { return false }
        throw DatabaseError(failedStep: self, in: db)
    }
}
