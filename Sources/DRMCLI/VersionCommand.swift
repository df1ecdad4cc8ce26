public import ArgumentParser
import DRMCore

/// `enabledrm version`: prints the version.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "version", abstract: "Print the version of EnableDRM.")

    func run() {
        print("enabledrm \(EnableDRM.version)")
    }
}
