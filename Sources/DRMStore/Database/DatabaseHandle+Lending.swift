public import FluentKit

extension DatabaseHandle {
    /// A Fluent configuration that lends this handle's connection pools to another `Databases` (a Vapor
    /// application's), so the web application and the engine share one pool and one shutdown: the borrower's
    /// shutdown leaves the pools open, and the handle's owner closes them.
    public var lent: any DatabaseConfiguration { LentDatabase(handle: self) }
}

struct LentDatabase: DatabaseConfiguration {
    let handle: DatabaseHandle
    var middleware: [any AnyModelMiddleware] = []

    func makeDriver(for databases: Databases) -> any DatabaseDriver { Driver(handle: handle) }

    struct Driver: DatabaseDriver {
        let handle: DatabaseHandle

        func makeDatabase(with context: DatabaseContext) -> any Database {
            handle.databases.database(
                .main, logger: context.logger, on: context.eventLoop, history: context.history,
                pageSizeLimit: context.pageSizeLimit)!
        }

        func shutdown() {}

        func shutdownAsync() async {}
    }
}
