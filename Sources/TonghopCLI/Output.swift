import Foundation
import TonghopCore

/// What a command prints: summaries on standard output (kept for the ledger's run record), detail
/// with `--verbose`, and on a terminal a progress line on standard error that cron logs never see.
final class Output {
  let quiet: Bool
  let verbose: Bool
  private var lines: [String] = []
  private let showsProgress: Bool
  private var lastProgress = Date.distantPast
  private var progressStarted = Date()
  private var progressShown = false

  init(quiet: Bool, verbose: Bool) {
    self.quiet = quiet
    self.verbose = verbose
    self.showsProgress = !quiet && isatty(STDERR_FILENO) == 1
  }

  var report: String { lines.joined(separator: "\n") }

  func say(_ line: String) {
    clearProgress()
    lines.append(line)
    if !quiet { print(line) }
  }

  func detail(_ lines: [String]) {
    if verbose {
      clearProgress()
      lines.forEach { print("  \($0)") }
    }
  }

  /// `stage: done/total files, rows rows, rate files/s`, at most five times a second.
  func progress(_ stage: String) -> (Int, Int, Int) -> Void {
    progressStarted = Date()
    return { [self] done, total, rows in
      guard showsProgress, Date().timeIntervalSince(lastProgress) > 0.2 || done == total else { return }
      lastProgress = Date()
      let rate = Double(done) / max(Date().timeIntervalSince(progressStarted), 0.001)
      let line = "\(stage): \(done)/\(total) files, \(rows) rows, \(Int(rate)) files/s"
      FileHandle.standardError.write(Data("\r\(line)\u{1B}[K".utf8))
      progressShown = true
    }
  }

  private func clearProgress() {
    if progressShown {
      FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
      progressShown = false
    }
  }

  static func timestamp() -> String { ISO8601DateFormatter().string(from: Date()) }
}
