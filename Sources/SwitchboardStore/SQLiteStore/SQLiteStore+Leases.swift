public import SwitchboardCore

extension SQLiteStore {
    /// Makes every pending outbox row due now. Called once at start-up: no send of this process is
    /// in flight yet, so rows leased by a process that died mid-send are taken up at once instead of
    /// when their lease runs out (a row whose send did reach the channel may then be sent again:
    /// the window is the instant between the channel's answer and the commit of "sent").
    /// Returns how many rows were made due.
    @discardableResult
    public func releaseLeases(now: Instant) async throws -> Int {
        try await write { db in
            try db.run(
                "UPDATE outbox SET next_attempt_at = ?1 WHERE status = 'pending' AND next_attempt_at > ?1",
                [now.milliseconds])
        }
    }
}
