public import DRMCore
public import NIOCore
public import NIOPosix

/// What a discovery reports while it runs.
public enum DiscoveryProgress: Sendable, Hashable {
    /// The connect sweep: pairs decided of all, open ports so far.
    case sweeping(SweepProgress)
    /// Service identification: open ports identified of all.
    case identifying(done: Int, total: Int)
}

/// What a discovery found, with its counters.
public struct DiscoveryReport: Sendable {
    /// Hosts with at least one open port, in the order swept.
    public var hosts: [DiscoveredHost]
    /// Addresses swept (after resolving host names).
    public var addressesSwept: Int
    /// Connection attempts, retries, and pairs that never answered.
    public var attempts: Int
    public var retries: Int
    public var unanswered: Int
    /// Whether the run was cancelled (the report holds what was found until then).
    public var cancelled: Bool
}

/// A whole discovery without storage: the connect sweep, then the identification of every open port (bounded
/// concurrency), then each host's class. Cancelling the task stops both stages.
public struct NetworkScanner: Sendable {
    public var plan: SweepPlan
    public var identifier: ServiceIdentifier
    /// At most this many open ports are identified at once.
    public var identifyConcurrency: Int
    /// Whether addresses without a host name get a reverse lookup.
    public var resolveNames: Bool
    public var group: any EventLoopGroup

    /// A scanner for `plan`.
    public init(
        plan: SweepPlan, identifier: ServiceIdentifier = ServiceIdentifier(), identifyConcurrency: Int = 64,
        resolveNames: Bool = true, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) {
        self.plan = plan
        self.identifier = identifier
        self.identifyConcurrency = identifyConcurrency
        self.resolveNames = resolveNames
        self.group = group
    }

    /// Runs the discovery.
    public func run(progress: @escaping @Sendable (DiscoveryProgress) -> Void = { _ in }) async -> DiscoveryReport {
        let sweep = await PortSweeper(plan: plan, group: group).run { progress(.sweeping($0)) }
        let pairs = sweep.openPorts.flatMap { entry in entry.ports.map { (entry.address, $0) } }
        var observations: [String: [ServiceObservation]] = [:]
        var names: [String: String] = sweep.names
        let identifier = identifier
        let concurrency = identifyConcurrency
        let resolveNames = resolveNames
        await withTaskGroup(of: (String, ServiceObservation?, String?).self) { tasks in
            var next = 0
            var done = 0
            func launch() {
                guard next < pairs.count, !Task.isCancelled else { return }
                let (address, port) = pairs[next]
                next += 1
                let roundTrip = sweep.roundTrips[address]
                tasks.addTask {
                    (address, await identifier.identify(host: address, port: port, roundTrip: roundTrip), nil)
                }
            }
            if resolveNames {
                for entry in sweep.openPorts where names[entry.address] == nil {
                    let address = entry.address
                    tasks.addTask { (address, nil, await HostResolver.reverse(address)) }
                }
            }
            for _ in 0..<concurrency { launch() }
            progress(.identifying(done: 0, total: pairs.count))
            for await (address, observation, name) in tasks {
                if let name { names[address] = name }
                guard let observation else { continue }
                observations[address, default: []].append(observation)
                done += 1
                progress(.identifying(done: done, total: pairs.count))
                launch()
            }
        }
        let hosts = sweep.openPorts.compactMap { entry -> DiscoveredHost? in
            guard let found = observations[entry.address] else { return nil }
            return DiscoveredHost(address: entry.address, hostname: names[entry.address], services: found)
        }
        return DiscoveryReport(
            hosts: hosts, addressesSwept: sweep.order.count, attempts: sweep.attempts, retries: sweep.retries,
            unanswered: sweep.unanswered, cancelled: sweep.cancelled || Task.isCancelled)
    }
}
