import ArgumentParser
import DRMCore
import DRMEngine
import DRMStore
import Foundation
import Logging

/// How a listing is printed.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
