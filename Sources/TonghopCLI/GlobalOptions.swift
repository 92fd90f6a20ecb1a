import ArgumentParser
import Foundation
import TonghopCore

/// The options every command takes: `tonghop [--root DIR] [--today DATE] [--quiet|--verbose] <command>`.
public struct GlobalOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Thư mục làm việc chứa inputs/ và outputs/ (mặc định: biến môi trường TONGHOP_ROOT, nếu không có thì thư mục đang đứng).",
      valueName: "thư mục"))
  var root: String?

  @Option(
    help: ArgumentHelp(
      "Ngày chạy YYYY-MM-DD (mặc định: hôm nay theo giờ của tỉnh): để lập lại đúng như ngày đã chạy.", valueName: "ngày"))
  var today: String?

  @Flag(help: "Chỉ in lỗi.")
  var quiet = false

  @Flag(help: "In chi tiết hơn (từng tệp).")
  var verbose = false

  public init() {}

  public mutating func validate() throws {
    try DateOption.check("--today", today)
    if quiet && verbose { throw ValidationError("không dùng --quiet và --verbose cùng lúc") }
  }

  /// The workspace: `--root`, else `TONGHOP_ROOT`, else the current folder. A folder without
  /// `inputs/registry/don-vi.csv` is not one: nothing is ever created outside a workspace.
  func workspace() throws(TonghopError) -> Workspace {
    let environment = ProcessInfo.processInfo.environment["TONGHOP_ROOT"].flatMap { $0.isEmpty ? nil : $0 }
    let (path, source) =
      if let root { (root, "thư mục ghi sau --root") } else if let environment { (environment, "thư mục của biến môi trường TONGHOP_ROOT") } else {
        (FileManager.default.currentDirectoryPath, "thư mục đang đứng")
      }
    let workspace = Workspace(root: URL(fileURLWithPath: path))
    guard access(workspace.registryFile.path, F_OK) == 0 else {
      throw TonghopError(
        .usage,
        "\(workspace.root.path) (\(source)) không phải thư mục làm việc của tonghop: không có tệp inputs/registry/don-vi.csv. Hãy chỉ rõ thư mục làm việc (thư mục có inputs/ và outputs/), ví dụ `tonghop --root <thư mục làm việc> status`, hoặc đặt biến môi trường TONGHOP_ROOT=<thư mục làm việc>, hoặc chuyển vào thư mục đó (cd) rồi chạy lại. Không có gì được tạo ra.")
    }
    return workspace
  }

  /// A word of a command line as a shell takes it back: quoted when it holds anything but plain characters.
  static func shellWord(_ word: String) -> String {
    word.allSatisfy({ $0.isLetter || $0.isNumber || "-_./:=,+@".contains($0) }) && !word.isEmpty
      ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }

  var runDate: CalendarDay? { today.flatMap(CalendarDay.init(iso:)) }

  /// Runs a writing command: holding the lock on `outputs/.lock` (writing commands never overlap),
  /// after clearing what an interrupted run left half-written, and recorded in the ledger with its
  /// outcome for `tonghop status`.
  func withLock(_ command: String, _ body: (Pipeline, Output) throws -> Void) throws {
    let workspace = try workspace()
    try workspace.checkOwner(command: (["tonghop"] + CommandLine.arguments.dropFirst().map(GlobalOptions.shellWord)).joined(separator: " "))
    let lock = try RunLock(workspace)
    try withExtendedLifetime(lock) {
      workspace.sweepTemporaryFiles()
      let output = Output(quiet: quiet, verbose: verbose)
      let pipeline = try Pipeline.load(root: workspace.root, today: runDate)
      let ledger = try workspace.openLedger()
      let run = try ledger.startRun(command, at: pipeline.now)
      // A signed folder the ledger does not know: a signing killed just before its commit, or a
      // ledger restored from a backup older than the signing. Recorded again, never deleted.
      for signing in try SignStage.reconcile(workspace, ledger: ledger) {
        output.sayItem(
          "Đã ghi lại vào sổ lần chốt kỳ \(signing.period.code) lần \(signing.version) (số \(signing.number), ngày \(signing.date.vietnamese)) tìm thấy đầy đủ trong outputs/chot/")
      }
      do {
        let before = ledger.changes
        try body(pipeline, output)
        let recorded = ledger.changes != before
        try ledger.finishRun(run, at: Output.timestamp(), exitCode: 0, report: output.report)
        // A consistent copy of the ledger, one a day, the last 14 kept: taken by the day's first
        // command and by every command that recorded something (not by a night with nothing new).
        let day = CalendarDay.today(in: pipeline.config.timeZone)
        if recorded || !LedgerBackup.exists(in: workspace, on: day) {
          try LedgerBackup.save(ledger, in: workspace, on: day)
        }
      } catch {
        let failure = (error as? TonghopError).map { "\($0.exitCode): \($0.message)" } ?? "\(error)"
        try? ledger.finishRun(
          run, at: Output.timestamp(), exitCode: (error as? TonghopError)?.exitCode ?? 1,
          report: output.report + "\n" + failure)
        throw error
      }
    }
  }
}

/// A date option (`--today`, `--theo-ngay`, `--ngay`): `YYYY-MM-DD` within the run dates.
enum DateOption {
  static func check(_ option: String, _ text: String?) throws {
    guard let text else { return }
    guard let day = CalendarDay(iso: text) else {
      throw ValidationError("\(option) phải là một ngày dạng YYYY-MM-DD, ví dụ 2025-06-20; đã nhận \"\(text)\"")
    }
    guard CalendarDay.runDates.contains(day) else {
      throw ValidationError(
        "\(option) \(text) nằm ngoài khoảng ngày chương trình làm việc (\(CalendarDay.runDates.lowerBound) đến \(CalendarDay.runDates.upperBound))")
    }
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
    FileHandle.standardError.write(Data("tonghop: \(Output.printable(line))\n".utf8))
  }
}
