import DRMTestSupport
import Foundation

// One server of each kind per test process, started on first use; their watchdogs stop them when the process ends.
let sshServer = SharedResource { try SSHServer.start() }
let httpServer = SharedResource { try HTTPTestServer.start() }
let httpsServer = SharedResource { try HTTPTestServer.start(tls: true) }
let smtpServer = SharedResource { try SMTPTestServer.start() }
let smtpStartTLSServer = SharedResource { try SMTPTestServer.start(.starttls) }
let smtpImplicitTLSServer = SharedResource { try SMTPTestServer.start(.implicit) }

/// A port on 127.0.0.1 where nothing listens (found free, not bound).
func closedPort() throws -> Int { try FreePort.find() }

/// How late a finished wait may resume when every test suite runs at once on a 2-core machine (other suites block
/// cooperative threads). Time-out tests allow this much beyond the time-out: still far from "hangs" or "waited
/// for the 30 s command".
let schedulingSlack: Duration = .seconds(12)
