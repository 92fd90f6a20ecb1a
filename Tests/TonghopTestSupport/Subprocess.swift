import Foundation

/// A program run to its end (or to its death), with what it printed.
public struct Finished {
  public let status: Int32
  /// Killed by a signal (`status` is then the signal).
  public let signaled: Bool
  public let output: String
  public let errors: String
}

public enum Subprocess {
  /// The `tonghop` that `swift test` built beside the tests.
  public static let tonghop: URL = {
    if let path = ProcessInfo.processInfo.environment["TONGHOP_BINARY"] { return URL(fileURLWithPath: path) }
    return TestWorkspace.repository.appendingPathComponent(".build/debug/tonghop")
  }()

  public static func start(_ program: URL, _ arguments: [String], environment: [String: String] = [:]) throws -> Process {
    let process = Process()
    process.executableURL = program
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    process.standardOutput = Pipe()
    process.standardError = Pipe()
    try process.run()
    return process
  }

  public static func wait(_ process: Process) -> Finished {
    let output = (process.standardOutput as? Pipe)?.fileHandleForReading.readDataToEndOfFile() ?? Data()
    let errors = (process.standardError as? Pipe)?.fileHandleForReading.readDataToEndOfFile() ?? Data()
    process.waitUntilExit()
    return Finished(
      status: process.terminationStatus, signaled: process.terminationReason == .uncaughtSignal,
      output: String(decoding: output, as: UTF8.self), errors: String(decoding: errors, as: UTF8.self))
  }

  public static func run(_ program: URL, _ arguments: [String], environment: [String: String] = [:]) throws -> Finished {
    wait(try start(program, arguments, environment: environment))
  }
}
