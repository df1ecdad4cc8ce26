/// Runs `write` until it succeeds, waiting `first` after the first failure and twice as long after each further
/// one (up to 5 s between tries), for at most `patience`: how the engine rides out a database outage when what it
/// writes must not be lost. Throws the last error once `patience` has passed, or when the calling task is
/// cancelled (the process is stopping; a lease that runs out then hands the work to another worker).
func persistently<T>(
    startingEvery first: Duration = .milliseconds(100), for patience: Duration = .seconds(600),
    _ write: () async throws -> T
) async throws -> T {
    let deadline = ContinuousClock.now + patience
    var wait = first
    while true {
        do {
            return try await write()
        } catch {
            guard ContinuousClock.now < deadline else { throw error }
            try await Task.sleep(for: wait)
            wait = min(wait * 2, .seconds(5))
        }
    }
}
