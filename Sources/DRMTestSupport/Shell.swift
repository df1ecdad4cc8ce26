import Foundation

/// Runs shell commands for test setup.
public enum Shell {
    /// Runs `command` with `/bin/sh -c` and returns its standard output; throws on a non-zero exit.
    @discardableResult
    public static func run(_ command: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw TestSupportError.commandFailed(command, status: process.terminationStatus, output: text)
        }
        return text
    }
}
