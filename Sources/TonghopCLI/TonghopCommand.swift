import ArgumentParser
import Foundation
import TonghopCore

/// `tonghop`: the root command is only a table of subcommands.
public struct TonghopCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "tonghop",
    abstract: "Compile the gender-equality communication reports (tổng hợp báo cáo bình đẳng giới).",
    discussion: """
      Stages: ingest → validate → rollup → export. `run` does all four.
      Exit codes: 0 done (rejected rows are normal business), 1 the run failed, \
      2 usage, config or registry error, 75 another run holds the lock.
      """,
    version: Pipeline.version,
    subcommands: [
      Ingest.self, Validate.self, Rollup.self, Export.self, Run.self, Status.self, Template.self, Withdraw.self, Sign.self, Explain.self, Verify.self, CodeTable.self,
    ])

  @OptionGroup public var global: GlobalOptions

  public init() {}

  /// Parses and runs a command line; returns the exit code of outputs.md.
  public static func execute(_ arguments: [String]) -> Int32 {
    do {
      var command = try parseAsRoot(arguments)
      try command.run()
      return 0
    } catch let error as TonghopError {
      Console.error(error.message)
      return error.exitCode
    } catch let exit as ExitCode {
      return exit.rawValue
    } catch {
      let code = exitCode(for: error)
      if code == .success {
        print(fullMessage(for: error))
        return 0
      }
      Console.error(fullMessage(for: error))
      return 2
    }
  }
}
