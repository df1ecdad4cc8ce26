import Foundation

/// A value made once per test process, on first use (blocking work is run off the cooperative pool).
public final class SharedResource<Value: Sendable>: Sendable {
    private let task: Task<Value, any Error>

    public init(_ make: @escaping @Sendable () throws -> Value) {
        task = Task { try await Blocking.run(make) }
    }

    /// For a value made without blocking (a server started on NIO).
    public init(_ make: @escaping @Sendable () async throws -> Value) {
        task = Task { try await make() }
    }

    public func get() async throws -> Value { try await task.value }
}
