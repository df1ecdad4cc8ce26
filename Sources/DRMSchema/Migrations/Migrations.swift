/// The migration chain of EnableDRM, oldest first. Append only: never edit or reorder a shipped migration.
/// `enabledrm db revision` adds new ones to this list.
extension MigrationChain {
    /// Every migration, in order.
    public static let enableDRM: MigrationChain = {
        do {
            return try MigrationChain([
                .m0001,
                .m0002,
                .m0003,
                .m0004,
                .m0005,
                .m0006,
                .m0007,
                .m0008,
                .m0009,
                .m0010,
                .m0011,
                .m0012,
                .m0014,
                .m0016,
                .m0017,
            ])
        } catch {
            fatalError("invalid migration chain: \(error)")
        }
    }()
}
