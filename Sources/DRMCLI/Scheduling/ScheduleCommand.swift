import ArgumentParser

/// `enabledrm schedule …`: schedules of jobs, and the evaluator behind them.
struct ScheduleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule", abstract: "Work with schedules and their fire times.",
        subcommands: [ScheduleNextCommand.self])
}
