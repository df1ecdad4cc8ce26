import DRMTestSupport
import Foundation

// One server of each kind per test process, started on first use; their watchdogs stop them when the process ends.
let sshServer = SharedResource { try await SSHServer.start() }
let httpServer = SharedResource { try await HTTPTestServer.start() }
let httpsServer = SharedResource { try await HTTPTestServer.start(tls: true) }
let smtpServer = SharedResource { try await SMTPTestServer.start() }
let smtpStartTLSServer = SharedResource { try await SMTPTestServer.start(.starttls) }
let smtpImplicitTLSServer = SharedResource { try await SMTPTestServer.start(.implicit) }

/// A port on 127.0.0.1 where nothing listens (found free, not bound).
func closedPort() throws -> Int { try FreePort.find() }
