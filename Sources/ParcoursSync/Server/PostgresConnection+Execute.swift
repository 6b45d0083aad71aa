import PostgresNIO

extension PostgresConnection {
    /// Runs a statement to its end: rows are read and dropped, so an error the server
    /// raises while producing them (a function's checks) is thrown here, not lost.
    func execute(_ query: PostgresQuery) async throws {
        for try await _ in try await self.query(query, logger: PostgresServer.logger) {}
    }
}
