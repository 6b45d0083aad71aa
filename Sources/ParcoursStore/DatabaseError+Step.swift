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
