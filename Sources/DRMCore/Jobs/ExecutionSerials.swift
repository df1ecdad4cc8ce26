/// The serials below a job's (spec/domain.md §6): an execution is `<job serial>.<number>`, a branch
/// `<execution serial>.<ordinal>` and an action result `<branch serial>.<action order>`, each part four digits or more,
/// e.g. `J20250000001.0001.0002.0003`.
public enum ExecutionSerials {
    /// `J20250000001.0001` for the first execution of job `J20250000001`.
    public static func execution(job: String, number: Int) -> String { job + "." + fourDigits(number) }

    /// `J20250000001.0001.0002` for the second branch of that execution.
    public static func branch(execution: String, ordinal: Int) -> String { execution + "." + fourDigits(ordinal) }

    /// `J20250000001.0001.0002.0003` for the third action of that branch.
    public static func action(branch: String, order: Int) -> String { branch + "." + fourDigits(order) }

    /// A branch's short id within its execution (`branch_id`): `001`, `002`, … (more digits past 999).
    public static func branchID(ordinal: Int) -> String { padded(ordinal, to: 3) }

    static func fourDigits(_ number: Int) -> String { padded(number, to: 4) }

    static func padded(_ number: Int, to width: Int) -> String {
        let text = String(number)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
