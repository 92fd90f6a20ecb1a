import Crypto
import Foundation

/// What a period's outputs were made from: the program, the registry, config and crosswalk files,
/// and the submissions in the ledger (new files, files read, withdrawals, ignored files).
/// A complete `run` of a period saves it in `staging/<P>/van-tay.txt` with the size and mtime of
/// every output; a later `run` finding the same fingerprint and every output as it left it has
/// nothing to do for that period.
///
/// The run date counts only through `D05` (a report dated after the run date): when the saved run
/// found none, every report was dated on or before that date, so any later date gives the same
/// outputs; when it found some, only the same date does.
struct InputFingerprint: Equatable {
  static let fileName = "van-tay.txt"

  var digest: String
  var today: CalendarDay
  var datedAfterToday: Int
  /// Output path (relative to `outputs/`) → "size mtime".
  var outputs: [String: String]
  /// Stage file path (relative to `outputs/`) → SHA-256: what `sign` checks before it copies them,
  /// since a hand edit can keep a file's size and mtime.
  var hashes: [String: String] = [:]

  /// The digest of the inputs as they are now.
  static func digest(_ workspace: Workspace, ledger: Ledger, period: Period) throws(TonghopError) -> String {
    var hasher = SHA256()
    func add(_ text: String) { hasher.update(data: Data((text + "\n").utf8)) }
    add("tonghop \(Pipeline.version) \(period.code)")
    add(fileState(URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path))
    for url in [workspace.registryFile, workspace.configFile, workspace.crosswalkFile] {
      add(url.lastPathComponent)
      hasher.update(data: FileManager.default.contents(atPath: url.path) ?? Data())
    }
    add(try ledger.submissionState())
    // A signing changes the working version's line under its title and its comparison.
    for signing in try ledger.signings(of: period) { add("signed \(signing.version) \(signing.listSHA256)") }
    return FileDigest.hex(hasher.finalize())
  }

  /// The outputs a complete run of `period` leaves, relative to `outputs/`.
  static func outputPaths(_ period: Period) -> [String] {
    let staging = "staging/\(period.code)/"
    let reports = "reports/\(period.code)/"
    return [StageFile.issues, StageFile.accepted, StageFile.earliest, StageFile.submissions, StageFile.indicators, StageFile.areas, StageFile.progress].map { staging + $0 }
      + [ExportStage.provinceWorkbook(period), ExportStage.ministryWorkbook(period), ExportStage.issueList(period), ExportStage.issueWorkbook(period), FeedbackFiles.folder, Comparison.fileName(period)]
      .map { reports + $0 }
  }

  /// The fingerprint of a complete run made from the inputs whose digest is `digest`, taken before
  /// the run read them: an input edited during the run makes the next run work again.
  static func current(
    _ workspace: Workspace, digest: String, period: Period, today: CalendarDay, datedAfterToday: Int
  ) -> InputFingerprint {
    let outputs = Dictionary(uniqueKeysWithValues: outputPaths(period).map { ($0, fileState(workspace.outputs.path + "/" + $0)) })
    let hashes = Dictionary(
      uniqueKeysWithValues: outputPaths(period).filter { $0.hasPrefix("staging/") }.map { ($0, contentHash(workspace, $0)) })
    return InputFingerprint(digest: digest, today: today, datedAfterToday: datedAfterToday, outputs: outputs, hashes: hashes)
  }

  /// True when the outputs saved for `period` are those a run on `today` from inputs of `digest` would
  /// write. `strict` also compares the content of every stage file with its hash.
  static func isUpToDate(_ workspace: Workspace, digest: String, period: Period, today: CalendarDay, strict: Bool = false) -> Bool {
    guard let saved = load(workspace.staging(period).appendingPathComponent(fileName)) else { return false }
    let sameDay = saved.datedAfterToday == 0 ? saved.today <= today : saved.today == today
    guard sameDay && saved.digest == digest && Set(saved.outputs.keys) == Set(outputPaths(period))
      && saved.outputs.allSatisfy({ $0.value == fileState(workspace.outputs.path + "/" + $0.key) })
    else { return false }
    let stages = outputPaths(period).filter { $0.hasPrefix("staging/") }
    return !strict || stages.allSatisfy { saved.hashes[$0] != nil && saved.hashes[$0] == contentHash(workspace, $0) }
  }

  private static func contentHash(_ workspace: Workspace, _ path: String) -> String {
    (try? FileDigest.sha256(of: workspace.outputs.appendingPathComponent(path))) ?? "missing"
  }

  func save(in workspace: Workspace, period: Period) throws(TonghopError) {
    var lines = ["digest \(digest)", "today \(today)", "dated-after-today \(datedAfterToday)"]
    lines += outputs.keys.sorted().map { "output \($0)\t\(outputs[$0]!)" }
    lines += hashes.keys.sorted().map { "hash \($0)\t\(hashes[$0]!)" }
    try AtomicFile.write(lines.joined(separator: "\n") + "\n", to: workspace.staging(period).appendingPathComponent(Self.fileName))
  }

  static func load(_ url: URL) -> InputFingerprint? {
    guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
    var fields: [String: String] = [:]
    var outputs: [String: String] = [:]
    var hashes: [String: String] = [:]
    for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
      let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
      guard parts.count == 2 else { return nil }
      if parts[0] == "output" || parts[0] == "hash" {
        let output = parts[1].split(separator: "\t", maxSplits: 1).map(String.init)
        guard output.count == 2 else { return nil }
        if parts[0] == "output" { outputs[output[0]] = output[1] } else { hashes[output[0]] = output[1] }
      } else {
        fields[parts[0]] = parts[1]
      }
    }
    guard let digest = fields["digest"], let today = fields["today"].flatMap(CalendarDay.init(iso:)),
      let dated = fields["dated-after-today"].flatMap({ Int($0) })
    else { return nil }
    return InputFingerprint(digest: digest, today: today, datedAfterToday: dated, outputs: outputs, hashes: hashes)
  }

  /// "size mtime" of a file or folder, or "missing".
  private static func fileState(_ path: String) -> String {
    var info = stat()
    guard stat(path, &info) == 0 else { return "missing" }
    return "\(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
  }
}
