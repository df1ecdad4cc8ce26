public import DRMCore
import Foundation
public import NIOCore
public import NIOPosix
import Synchronization

/// How far a sweep has got.
public struct SweepProgress: Sendable, Hashable {
    /// Address × port pairs decided (open, closed, or unanswered after the retries).
    public var done: Int
    /// All pairs of the sweep.
    public var total: Int
    /// Open ports found so far.
    public var open: Int
}

/// What a sweep found.
public struct SweepResult: Sendable, Hashable {
    /// Open ports by address (addresses in the order swept), only addresses with at least one.
    public var openPorts: [(address: String, ports: [Int])] {
        order.compactMap { address in open[address].map { (address, $0.sorted()) } }
    }
    /// The host name an address was swept under (from a host-name entry of the range).
    public var names: [String: String]
    /// The smoothed round trip per address with answers, in seconds.
    public var roundTrips: [String: Double]
    /// Connection attempts made, retries among them, and pairs left unanswered.
    public var attempts: Int
    public var retries: Int
    public var unanswered: Int
    /// Whether the sweep was cancelled before the end (the result holds what was found until then).
    public var cancelled: Bool
    var open: [String: [Int]]
    var order: [String]

    public static func == (lhs: SweepResult, rhs: SweepResult) -> Bool {
        lhs.open == rhs.open && lhs.order == rhs.order && lhs.names == rhs.names
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(open) }
}

/// The connect sweep (unprivileged TCP connect, IPv4 and IPv6): a bounded number of attempts in flight, at most
/// `rate` started per second, each with the time-out of its host's round-trip estimate, an unanswered attempt
/// tried again within a per-host retry budget. Pairs are visited port by port across the hosts, so no host
/// takes the whole concurrency. Cancelling the task stops it between attempts.
public struct PortSweeper: Sendable {
    public var plan: SweepPlan
    public var group: any EventLoopGroup

    /// A sweeper for `plan`.
    public init(plan: SweepPlan, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.plan = plan
        self.group = group
    }

    /// Runs the sweep; `progress` is called from time to time (and once at the end).
    public func run(progress: @escaping @Sendable (SweepProgress) -> Void = { _ in }) async -> SweepResult {
        let resolved = await HostResolver.resolve(plan.range)
        let hosts = resolved.addresses
        let ports = plan.ports
        let total = hosts.count * ports.count
        let step = max(1, total / 200)
        #if os(Linux)
            let tally = await sweepWithLoops(hosts: hosts, total: total, step: step, progress: progress)
        #else
            let state = SharedState(Self.initialState(plan: plan, hosts: hosts.count))
            await sweepWithChannels(hosts: hosts, total: total, step: step, state: state, progress: progress)
            let tally = state.withLock { SweepTally($0, hosts: hosts) }
        #endif
        progress(SweepProgress(done: tally.done, total: total, open: tally.open.values.map(\.count).reduce(0, +)))
        return SweepResult(
            names: resolved.names, roundTrips: tally.roundTrips, attempts: tally.attempts, retries: tally.retries,
            unanswered: tally.unanswered, cancelled: tally.done < total, open: tally.open, order: hosts)
    }

    static func initialState(plan: SweepPlan, hosts: Int, rate: Int? = nil) -> SweepState {
        let ceiling = Double(plan.timeoutMS) / 1000
        return SweepState(
            estimates: Array(repeating: RTTEstimate(ceiling: ceiling, floor: min(0.1, ceiling)), count: hosts),
            retryBudget: Array(repeating: max(2, plan.ports.count / 10), count: hosts),
            pacer: (rate ?? plan.rate).map(RatePacer.init(rate:)))
    }

    #if os(Linux)
        /// Runs two ``ConnectLoop``s per processor (a loop spends much of its time in the kernel), each on its own thread with its share of the hosts (or, for fewer
        /// hosts than loops, of the ports), of the concurrency and of the rate cap.
        func sweepWithLoops(
            hosts: [String], total: Int, step: Int, progress: @escaping @Sendable (SweepProgress) -> Void
        ) async -> SweepTally {
            let wanted = min(
                2 * max(2, ProcessInfo.processInfo.activeProcessorCount), 8, plan.concurrency, max(1, total))
            let byHost = hosts.count >= wanted
            let count = byHost ? wanted : min(wanted, plan.ports.count)
            let loops = (0..<count).map { shard in
                var shardPlan = plan
                shardPlan.concurrency = max(1, plan.concurrency / count)
                shardPlan.rate = plan.rate.map { max(1, $0 / count) }
                let shardHosts =
                    byHost ? hosts.enumerated().filter { $0.offset % count == shard }.map(\.element) : hosts
                shardPlan.ports =
                    byHost ? plan.ports : plan.ports.enumerated().filter { $0.offset % count == shard }.map(\.element)
                return ConnectLoop(
                    hosts: shardHosts, ports: shardPlan.ports, plan: shardPlan,
                    state: Self.initialState(plan: shardPlan, hosts: shardHosts.count))
            }
            let done = SharedState([Int](repeating: 0, count: count))
            let opened = SharedState([Int](repeating: 0, count: count))
            let states = await withTaskCancellationHandler {
                await withTaskGroup(of: (Int, SweepState).self) { group in
                    for (index, loop) in loops.enumerated() {
                        group.addTask {
                            await withCheckedContinuation { continuation in
                                Thread.detachNewThread {
                                    let result = loop.run(step: max(1, step / count)) { state in
                                        let (sum, open) = (
                                            done.withLock {
                                                $0[index] = state.done; return $0.reduce(0, +)
                                            },
                                            opened.withLock {
                                                $0[index] = state.openCount; return $0.reduce(0, +)
                                            }
                                        )
                                        progress(SweepProgress(done: sum, total: total, open: open))
                                    }
                                    continuation.resume(returning: (index, result))
                                }
                            }
                        }
                    }
                    var states: [(Int, SweepState)] = []
                    for await state in group { states.append(state) }
                    return states
                }
            } onCancel: {
                for loop in loops { loop.cancelled.store(true, ordering: .relaxed) }
            }
            var tally = SweepTally()
            for (index, state) in states { tally.add(SweepTally(state, hosts: loops[index].hosts)) }
            return tally
        }
    #endif

    /// The sweep on NIO channels (platforms without epoll).
    func sweepWithChannels(
        hosts: [String], total: Int, step: Int, state: SharedState<SweepState>,
        progress: @escaping @Sendable (SweepProgress) -> Void
    ) async {
        let ports = plan.ports
        let plan = plan
        let group = group
        let clock = ContinuousClock()
        let start = clock.now
        await withTaskGroup(of: Void.self) { tasks in
            for _ in 0..<min(plan.concurrency, max(total, 1)) {
                tasks.addTask {
                    while !Task.isCancelled {
                        let now = (clock.now - start).seconds
                        guard
                            let (item, timeout, delay) = state.withLock({
                                $0.next(total: total, hosts: hosts.count, now: now)
                            })
                        else { return }
                        if delay > 0 { try? await Task.sleep(for: .seconds(delay)) }
                        let address = hosts[item.host]
                        let port = ports[item.port]
                        let began = clock.now
                        let outcome = await Self.connect(address, port, timeout: timeout, group: group)
                        let rtt = (clock.now - began).seconds
                        let report = state.withLock { state in
                            state.record(
                                item, outcome: outcome, rtt: rtt, maxRetries: plan.retries, address: address, port: port
                            )
                            return state.done % step == 0 || state.done == total
                                ? SweepProgress(done: state.done, total: total, open: state.openCount) : nil
                        }
                        if let report { progress(report) }
                    }
                }
            }
        }
    }

    enum Outcome { case open, closed, unanswered }

    /// One connect attempt: open (accepted), closed (refused or unreachable: an answer), or unanswered (time-out).
    static func connect(_ address: String, _ port: Int, timeout: Double, group: any EventLoopGroup) async -> Outcome {
        guard let socketAddress = try? SocketAddress(ipAddress: address, port: port) else { return .closed }
        do {
            let channel = try await ClientBootstrap(group: group)
                .connectTimeout(.milliseconds(Int64(timeout * 1000)))
                .channelInitializer { $0.eventLoop.makeSucceededVoidFuture() }
                .connect(to: socketAddress).get()
            try? await channel.close()
            return .open
        } catch ChannelError.connectTimeout {
            return .unanswered
        } catch let error as NIOConnectionError {
            return error.connectionErrors.isEmpty ? .unanswered : .closed
        } catch {
            return .closed
        }
    }
}

/// The merged outcome of one or more sweep states.
struct SweepTally: Sendable {
    var open: [String: [Int]] = [:]
    var roundTrips: [String: Double] = [:]
    var attempts = 0
    var retries = 0
    var unanswered = 0
    var done = 0

    init() {}

    init(_ state: SweepState, hosts: [String]) {
        open = state.open
        for (index, estimate) in state.estimates.enumerated() {
            if let smoothed = estimate.smoothed { roundTrips[hosts[index]] = smoothed }
        }
        (attempts, retries, unanswered, done) = (state.attempts, state.retries, state.unanswered, state.done)
    }

    mutating func add(_ other: SweepTally) {
        open.merge(other.open) { $0 + $1 }
        roundTrips.merge(other.roundTrips) { min($0, $1) }
        attempts += other.attempts
        retries += other.retries
        unanswered += other.unanswered
        done += other.done
    }
}

/// A lock around a value that many tasks share.
final class SharedState<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>
    init(_ value: Value) { mutex = Mutex(value) }
    func withLock<T: Sendable>(_ body: (inout sending Value) throws -> sending T) rethrows -> T {
        try mutex.withLock(body)
    }
}

/// The shared state of a sweep's workers (behind one lock).
struct SweepState: Sendable {
    struct Item: Sendable { var host: Int, port: Int, attempt: Int }

    var estimates: [RTTEstimate]
    var retryBudget: [Int]
    var pacer: RatePacer?
    var nextIndex = 0
    var retryQueue: [Item] = []
    var done = 0
    var attempts = 0
    var retries = 0
    var unanswered = 0
    var openCount = 0
    var open: [String: [Int]] = [:]

    /// The next pair to try, its time-out and how long to wait for the rate cap; nil when all are handed out.
    mutating func next(total: Int, hosts: Int, now: Double) -> (Item, Double, Double)? {
        let item: Item
        if !retryQueue.isEmpty {
            item = retryQueue.removeFirst()
        } else if nextIndex < total {
            item = Item(host: nextIndex % hosts, port: nextIndex / hosts, attempt: 0)
            nextIndex += 1
        } else {
            return nil
        }
        attempts += 1
        // A retry waits longer than the estimate that timed out (doubling, up to the ceiling).
        let base = estimates[item.host].timeout
        let timeout = min(estimates[item.host].ceiling, base * Double(1 << item.attempt))
        let delay = pacer?.reserve(now: now) ?? 0
        return (item, timeout, delay)
    }

    mutating func record(
        _ item: Item, outcome: PortSweeper.Outcome, rtt: Double, maxRetries: Int, address: String, port: Int
    ) {
        switch outcome {
        case .open, .closed:
            estimates[item.host].record(rtt)
            if outcome == .open {
                open[address, default: []].append(port)
                openCount += 1
            }
            done += 1
        case .unanswered:
            if item.attempt < maxRetries, retryBudget[item.host] > 0 {
                retryBudget[item.host] -= 1
                retries += 1
                retryQueue.append(Item(host: item.host, port: item.port, attempt: item.attempt + 1))
            } else {
                unanswered += 1
                done += 1
            }
        }
    }
}

extension Duration {
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
