import ArgumentParser
import Foundation
import TonghopCore

/// The options every command takes: `tonghop [--root DIR] [--today DATE] [--quiet|--verbose] <command>`.
public struct GlobalOptions: ParsableArguments {
  @Option(help: ArgumentHelp("Project folder holding inputs/ and outputs/ (default: the current folder).", valueName: "dir"))
  var root: String?

  @Option(help: ArgumentHelp("Run date YYYY-MM-DD (ngày chạy), for late-date checks and reproducible reruns.", valueName: "date"))
  var today: String?

  @Flag(help: "Print nothing but errors.")
  var quiet = false

  @Flag(help: "Print more detail.")
  var verbose = false

  public init() {}

  public mutating func validate() throws {
    if let today, CalendarDay(iso: today) == nil {
      throw ValidationError("--today must be a date YYYY-MM-DD, got \"\(today)\"")
    }
    if quiet && verbose { throw ValidationError("--quiet and --verbose cannot be used together") }
  }

  var workspace: Workspace {
    Workspace(root: URL(fileURLWithPath: root ?? FileManager.default.currentDirectoryPath))
  }

  /// Runs `body` holding the lock on `outputs/.lock`: writing commands never overlap.
  func withLock(_ body: (Pipeline) throws -> Void) throws {
    let lock = try RunLock(workspace)
    let pipeline = try Pipeline.load(root: workspace.root, today: today.flatMap(CalendarDay.init(iso:)))
    try withExtendedLifetime(lock) { try body(pipeline) }
  }

  func say(_ line: String) {
    if !quiet { print(line) }
  }

  func detail(_ lines: [String]) {
    if verbose { lines.forEach { print("  \($0)") } }
  }
}

/// A canonical period code on the command line: `2025-H1` or `2025-Y`.
extension Period: ExpressibleByArgument {
  public init?(argument: String) {
    self.init(code: argument)
  }
}

enum Console {
  static func error(_ line: String) {
    FileHandle.standardError.write(Data("tonghop: \(line)\n".utf8))
  }
}
