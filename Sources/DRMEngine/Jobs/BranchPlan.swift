import DRMCore
import DRMRemote
import Foundation

/// What one branch needs to run: its row, its target's methods and their log-ins.
struct BranchPlan: Sendable {
    struct SSHAccess: Sendable {
        var config: CommunicationMethodConfig.SSH
        var methodID: Int
        var hostKey: String?
        /// What the method logs in with, or why its stored credential can't be used.
        var login: Result<CredentialLogin, CredentialLoginError>
    }

    struct APIAccess: Sendable {
        var config: CommunicationMethodConfig.RestAPI
        var login: Result<CredentialLogin, CredentialLoginError>
    }

    var id: Int
    var serial: String
    var target: TargetMethods.Entry
    var ssh: SSHAccess?
    var api: APIAccess?

    /// `host:port` of the method the branch uses first.
    var endpoint: String {
        if let ssh { return HostPort.text(ssh.config.host, ssh.config.port) }
        if let api { return api.config.baseURL }
        return "-"
    }

    /// The variables of this branch's templates (job, execution, target and the run's parameters).
    func variables(job: String, jobSerial: String, execution: String, executionID: Int, parameters: [String: JSONValue])
        -> [String: String]
    {
        var values = parameters.mapValues(\.plainText)
        values["job.name"] = job
        values["job.serial"] = jobSerial
        values["execution.serial"] = execution
        values["execution.id"] = String(executionID)
        values["target.name"] = target.name
        values["target.serial"] = target.serial
        values["target.os"] = target.osType
        values["target.environment"] = target.environment
        values["target.host"] = ssh?.config.host ?? api?.config.host ?? ""
        values["target.port"] = ssh.map { String($0.config.port) } ?? ""
        return values
    }
}
