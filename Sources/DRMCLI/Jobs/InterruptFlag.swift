import ArgumentParser
import DRMCore
import DRMEngine
import DRMStore
import Dispatch
import Foundation
import Synchronization

/// Whether Ctrl-C was pressed once already.
final class InterruptFlag: Sendable {
    let value = Mutex(false)
}
