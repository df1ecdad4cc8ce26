/// The migration chain of EnableDRM, oldest first. Append only: never edit or reorder a shipped migration.
extension MigrationChain {
    /// Every migration, in order.
    public static let enableDRM: MigrationChain = {
        do {
            return try MigrationChain([
                .baseline,
            ])
        } catch {
            fatalError("invalid migration chain: \(error)")
        }
    }()
}
