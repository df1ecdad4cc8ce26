#if os(Linux)
    import DRMCore
    import Foundation
    import Glibc
    import Synchronization

    /// The engine of the connect sweep on Linux: non-blocking `connect(2)` on many sockets watched with `poll(2)` on
    /// a thread of its own, as `nmap -sT` does. A NIO channel per attempt (pipeline, promises, a task
    /// resumed per attempt) costs about ten times the CPU of the attempt itself, which is what a sweep of closed
    /// ports is made of; NIO still carries every conversation after the sweep (service identification).
    ///
    /// One thread owns all the state, so there is no lock on the hot path: it starts attempts while fewer than the
    /// concurrency are in flight and the rate cap allows, waits for answers or the nearest time-out, and records each
    /// outcome in ``SweepState`` (round-trip estimates, retries).
    final class ConnectLoop: @unchecked Sendable {
        let hosts: [String]
        let ports: [Int]
        let plan: SweepPlan
        let cancelled = Atomic<Bool>(false)
        private var state: SweepState
        private var addresses: [sockaddr_storage?] = []
        private var watched: [pollfd] = []
        private var inFlight: [Int32: (item: SweepState.Item, started: Double, deadline: Double)] = [:]
        private let start = ContinuousClock.now

        init(hosts: [String], ports: [Int], plan: SweepPlan, state: SweepState) {
            self.hosts = hosts
            self.ports = ports
            self.plan = plan
            self.state = state
            self.addresses = hosts.map(Self.socketAddress)
        }

        var now: Double { (ContinuousClock.now - start).seconds }

        /// Runs the sweep to the end (or until ``cancelled``); calls `progress` every `step` decided pairs.
        func run(step: Int, progress: (SweepState) -> Void) -> SweepState {
            let total = hosts.count * ports.count
            let concurrency = min(plan.concurrency, Self.descriptorAllowance())
            var nextStart = 0.0
            var lastReported = 0
            while !cancelled.load(ordering: .relaxed) {
                // Start attempts while there is room and the rate cap allows.
                while inFlight.count < concurrency, now >= nextStart {
                    guard let (item, timeout, delay) = state.next(total: total, hosts: hosts.count, now: now) else {
                        break
                    }
                    if delay > 0 { nextStart = now + delay }
                    begin(item, timeout: timeout)
                }
                if inFlight.isEmpty && state.retryQueue.isEmpty && state.nextIndex >= total { break }
                let nearest = inFlight.values.map(\.deadline).min() ?? (now + 0.05)
                let wakeAt = min(nearest, nextStart > now ? nextStart : nearest)
                let waitMS = Int32(max(0, min(1000, ceil((wakeAt - now) * 1000))))
                let count = poll(&watched, nfds_t(watched.count), inFlight.isEmpty ? min(waitMS, 50) : waitMS)
                let time = now
                if count > 0 {
                    // POLLERR/POLLHUP: refused or unreachable; POLLOUT alone: connected (no SO_ERROR call needed).
                    for entry in watched where entry.revents != 0 {
                        let failed = entry.revents & Int16(POLLERR | POLLHUP) != 0
                        finish(entry.fd, outcome: failed ? .closed : .open, at: time)
                    }
                }
                // Answers are read before anything expires, so a late wake-up does not turn answers into time-outs.
                for (fd, entry) in inFlight where entry.deadline <= time { finish(fd, outcome: .unanswered, at: time) }
                watched.removeAll { inFlight[$0.fd] == nil }
                if state.done - lastReported >= step {
                    lastReported = state.done
                    progress(state)
                }
            }
            for fd in inFlight.keys { close(fd) }
            inFlight.removeAll()
            return state
        }

        private func begin(_ item: SweepState.Item, timeout: Double) {
            let started = now
            guard var address = addresses[item.host] else {
                state.record(
                    item, outcome: .closed, rtt: 0, maxRetries: 0, address: hosts[item.host], port: ports[item.port])
                return
            }
            let family = Int32(address.ss_family)
            let port = UInt16(ports[item.port]).bigEndian
            let length: socklen_t
            if family == AF_INET6 {
                withUnsafeMutableBytes(of: &address) {
                    $0.withMemoryRebound(to: sockaddr_in6.self) { $0[0].sin6_port = port }
                }
                length = socklen_t(MemoryLayout<sockaddr_in6>.size)
            } else {
                withUnsafeMutableBytes(of: &address) {
                    $0.withMemoryRebound(to: sockaddr_in.self) { $0[0].sin_port = port }
                }
                length = socklen_t(MemoryLayout<sockaddr_in>.size)
            }
            let fd = socket(
                family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard fd >= 0 else {
                // Out of descriptors: put the pair back and try again when an attempt ends.
                state.retryQueue.insert(item, at: 0)
                state.attempts -= 1
                return
            }
            let result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, length) }
            }
            let code = result == 0 ? 0 : errno
            if code == EINPROGRESS {
                watched.append(pollfd(fd: fd, events: Int16(POLLOUT), revents: 0))
                inFlight[fd] = (item, started, started + timeout)
                return
            }
            inFlight[fd] = (item, started, started + timeout)
            finish(fd, outcome: code == 0 ? .open : .closed, at: now)
        }

        private func finish(_ fd: Int32, outcome: PortSweeper.Outcome, at time: Double) {
            guard let entry = inFlight.removeValue(forKey: fd) else { return }
            if outcome == .open {
                // Reset rather than close politely: no TIME_WAIT left behind, no half-open session on the server.
                var option = linger(l_onoff: 1, l_linger: 0)
                setsockopt(fd, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size))
            }
            close(fd)
            state.record(
                entry.item, outcome: outcome, rtt: time - entry.started, maxRetries: plan.retries,
                address: hosts[entry.item.host], port: ports[entry.item.port])
        }

        /// Descriptors this process may still open, less a reserve for everything else.
        static func descriptorAllowance() -> Int {
            var limit = rlimit()
            guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 256 }
            return max(16, Int(min(limit.rlim_cur, 1 << 20)) - 128)
        }

        static func socketAddress(_ host: String) -> sockaddr_storage? {
            var storage = sockaddr_storage()
            if host.contains(":") {
                var address = sockaddr_in6()
                address.sin6_family = sa_family_t(AF_INET6)
                guard inet_pton(AF_INET6, host, &address.sin6_addr) == 1 else { return nil }
                withUnsafeMutableBytes(of: &storage) { $0.withMemoryRebound(to: sockaddr_in6.self) { $0[0] = address } }
            } else {
                var address = sockaddr_in()
                address.sin_family = sa_family_t(AF_INET)
                guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else { return nil }
                withUnsafeMutableBytes(of: &storage) { $0.withMemoryRebound(to: sockaddr_in.self) { $0[0] = address } }
            }
            return storage
        }
    }
#endif
