extension Int {
    /// `self + other`, held at `Int.max` (or `Int.min`) instead of trapping.
    ///
    /// Times and counts summed by the fold and the report come from a log, and a log is
    /// data: import refuses an absurd one (`LogValidation`), but a row that reached a store
    /// another way must still not stop every reader of that store.
    @inlinable
    public func addingSaturated(_ other: Int) -> Int {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? (other > 0 ? .max : .min) : sum
    }
}
