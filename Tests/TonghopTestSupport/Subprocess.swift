import Foundation
import Synchronization

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

  /// Output goes to files, not pipes: a child that fills one pipe while the parent drains the
  /// other would wait forever.
  public static func start(
    _ program: URL, _ arguments: [String], environment: [String: String] = [:], directory: URL? = nil
  ) throws -> Process {
    let process = Process()
    process.executableURL = program
    if let directory { process.currentDirectoryURL = directory }
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tonghop-output-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for name in ["out", "err"] { FileManager.default.createFile(atPath: folder.appendingPathComponent(name).path, contents: nil) }
    process.standardOutput = try FileHandle(forWritingTo: folder.appendingPathComponent("out"))
    process.standardError = try FileHandle(forWritingTo: folder.appendingPathComponent("err"))
    try process.run()
    outputs.withLock { $0[process.processIdentifier] = folder }
    return process
  }

  private static let outputs = Mutex<[Int32: URL]>([:])

  public static func wait(_ process: Process) -> Finished {
    process.waitUntilExit()
    try? (process.standardOutput as? FileHandle)?.close()
    try? (process.standardError as? FileHandle)?.close()
    let folder = outputs.withLock { $0.removeValue(forKey: process.processIdentifier) }
    defer { folder.map { try? FileManager.default.removeItem(at: $0) } }
    func read(_ name: String) -> String {
      folder.flatMap { FileManager.default.contents(atPath: $0.appendingPathComponent(name).path) }.map { String(decoding: $0, as: UTF8.self) } ?? ""
    }
    return Finished(
      status: process.terminationStatus, signaled: process.terminationReason == .uncaughtSignal,
      output: read("out"), errors: read("err"))
  }

  public static func run(
    _ program: URL, _ arguments: [String], environment: [String: String] = [:], directory: URL? = nil
  ) throws -> Finished {
    wait(try start(program, arguments, environment: environment, directory: directory))
  }
}

/// Figures for `scripts/reliability`: a test appends its line to the file named by
/// `TONGHOP_REPORT` when the script runs it; in a normal test run nothing is written.
public enum ReliabilityReport {
  public static func record(_ line: String) {
    guard let path = ProcessInfo.processInfo.environment["TONGHOP_REPORT"] else { return }
    let url = URL(fileURLWithPath: path)
    if let handle = try? FileHandle(forWritingTo: url) {
      handle.seekToEndOfFile()
      handle.write(Data((line + "\n").utf8))
      try? handle.close()
    } else {
      try? Data((line + "\n").utf8).write(to: url)
    }
  }
}
