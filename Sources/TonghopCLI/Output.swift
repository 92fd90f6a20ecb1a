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
    if !quiet { print(Output.printable(line)) }
  }

  /// One line about one file or unit: a line break inside a name is shown escaped too, so that a
  /// crafted file name cannot forge a line of the report.
  func sayItem(_ line: String) {
    say(line.replacingOccurrences(of: "\n", with: "\\x0A"))
  }

  /// Text for a terminal: control characters (a file name may carry ANSI escape sequences that
  /// would repaint the screen) shown escaped, `\u{1B}` as `\x1B`; line ends and tabs kept.
  static func printable(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: isControl) else { return text }
    var shown = ""
    for scalar in text.unicodeScalars {
      if isControl(scalar) {
        shown += "\\x" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 2)
      } else {
        shown.unicodeScalars.append(scalar)
      }
    }
    return shown
  }

  private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    (scalar.value < 0x20 && scalar != "\n" && scalar != "\t") || (0x7F...0x9F).contains(scalar.value)
  }

  func detail(_ lines: [String]) {
    if verbose {
      clearProgress()
      lines.forEach { print("  \(Output.printable($0.replacingOccurrences(of: "\n", with: "\\x0A")))") }
    }
  }

  /// `stage: done/total tệp, rows dòng, rate tệp/giây`, at most five times a second.
  func progress(_ stage: String) -> (Int, Int, Int) -> Void {
    progressStarted = Date()
    return { [self] done, total, rows in
      guard showsProgress, Date().timeIntervalSince(lastProgress) > 0.2 || done == total else { return }
      lastProgress = Date()
      let rate = Double(done) / max(Date().timeIntervalSince(progressStarted), 0.001)
      let line = "\(stage): \(done)/\(total) tệp, \(rows) dòng, \(Int(rate)) tệp/giây"
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

extension String {
  fileprivate func leftPadded(to width: Int) -> String {
    count >= width ? self : String(repeating: "0", count: width - count) + self
  }
}
