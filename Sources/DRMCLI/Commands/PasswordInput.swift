public import ArgumentParser
import DRMCore
import DRMEngine
import DRMStore
import DRMWeb
import Foundation

/// Where a new password comes from. Passwords never go on the command line, where other users can see them.
struct PasswordInput: ParsableArguments {
    @Flag(help: "Read the password from the first line of standard input (otherwise one is generated and shown once).")
    var passwordStdin = false

    /// The first line of standard input with `--password-stdin`, else a generated password (to print once).
    func read() -> (password: String, generated: Bool) {
        if passwordStdin, let line = readLine(strippingNewline: true) { return (line, false) }
        return (UserAccounts.generatePassword(), true)
    }
}
