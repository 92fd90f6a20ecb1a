import Foundation

/// Stage 1: archive and record every new or changed file under `inputs/submissions/`.
public struct IngestStage {
  public struct Summary: Sendable, Equatable {
    public var newFiles = 0
    /// Files whose bytes were hashed in this run (new paths, or a changed size or mtime).
    public var hashedFiles = 0
    public var knownFiles = 0
    public var rejectedFiles = 0
    public var ignoredFiles = 0
    public var rows = 0
    /// One line per file read in this run: its path and what became of it.
    public var files: [String] = []
  }

  let workspace: Workspace
  let ledger: Ledger
  let config: Config
  let now: String

  public init(workspace: Workspace, ledger: Ledger, config: Config, now: String) {
    self.workspace = workspace
    self.ledger = ledger
    self.config = config
    self.now = now
  }

  public func run(progress: Pipeline.Progress? = nil) throws(TonghopError) -> Summary {
    var summary = Summary()
    for pending in try ledger.unreadFiles() {
      let archived = workspace.archived(pending.sha256)
      let bytes = try attributes(archived).size > config.maxFileBytes ? nil : try readBytes(archived)
      try record(fileID: pending.id, path: pending.path, bytes: bytes, into: &summary)
    }
    let seen = try ledger.pathsSeen()
    let ignored = Set(try ledger.ignoredFiles())
    let paths = try submittedPaths()
    for (done, path) in paths.enumerated() {
      progress?(done, paths.count, summary.rows)
      let url = workspace.submissions.appendingPathComponent(path)
      guard path.lowercased().hasSuffix(".csv") else {
        if !ignored.contains(path) { try ledger.recordIgnored(path, size: try attributes(url).size, at: now) }
        summary.ignoredFiles += 1
        continue
      }
      let (size, mtime) = try attributes(url)
      // Same path, size and mtime as a file already recorded: not even read again.
      if let before = seen[path], before.size == size, before.mtime == mtime {
        summary.knownFiles += 1
        continue
      }
      summary.hashedFiles += 1
      // A file over the limit is never read into memory: hashed and archived in pieces, then T06.
      let bytes = size > config.maxFileBytes ? nil : try readBytes(url)
      let sha256 = if let bytes { FileDigest.sha256(bytes) } else { try FileDigest.sha256(of: url) }
      let pathSeen = Ledger.PathSeen(path: path, size: size, mtime: mtime, sha256: sha256, at: now)
      if try ledger.knows(sha256: sha256) {
        summary.knownFiles += 1
        try ledger.recordPath(pathSeen)
      } else {
        let archived = workspace.archived(sha256)
        if !FileManager.default.fileExists(atPath: archived.path) {
          if let bytes {
            try AtomicFile.write(Data(bytes), to: archived)
          } else {
            try AtomicFile.copy(url, to: archived)
          }
        }
        CrashPoint.reached("after-archive")
        let id = try ledger.recordReceived(sha256: sha256, path: path, size: size, mtime: mtime, at: now)
        try record(fileID: id, path: path, bytes: bytes, seen: pathSeen, into: &summary)
      }
    }
    progress?(paths.count, paths.count, summary.rows)
    CrashPoint.reached("after-ingest")
    return summary
  }

  private func record(
    fileID: Int64, path: String, bytes: [UInt8]?, seen: Ledger.PathSeen? = nil, into summary: inout Summary
  ) throws(TonghopError) {
    let outcome = bytes.map(SubmissionReader.read) ?? ReadOutcome.tooLarge(limit: config.maxFileBytes)
    try ledger.recordRead(fileID: fileID, outcome, seen: seen)
    summary.newFiles += 1
    summary.rows += outcome.rows.count
    if let code = outcome.errorCode {
      summary.rejectedFiles += 1
      summary.files.append("\(path): unreadable (\(code)\(outcome.errorLine.map { ", line \($0)" } ?? ""))")
    } else {
      summary.files.append("\(path): \(outcome.rows.count) row(s), \(outcome.encoding ?? "?"), delimiter \(outcome.delimiter == "\t" ? "tab" : outcome.delimiter ?? "?")")
    }
  }

  /// Regular files under the drop zone, as paths relative to it, in byte order.
  func submittedPaths() throws(TonghopError) -> [String] {
    let base = workspace.submissions
    guard FileManager.default.fileExists(atPath: base.path) else { return [] }
    guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey])
    else { throw TonghopError(.io, "cannot list \(base.path)") }
    var paths: [String] = []
    let prefix = base.path.hasSuffix("/") ? base.path : base.path + "/"
    for case let url as URL in walker {
      guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
      let full = url.standardizedFileURL.path
      guard full.hasPrefix(prefix) else { continue }
      paths.append(String(full.dropFirst(prefix.count)))
    }
    return paths.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
  }

  private func readBytes(_ url: URL) throws(TonghopError) -> [UInt8] {
    do {
      return Array(try Data(contentsOf: url))
    } catch {
      throw TonghopError(.io, "cannot read \(url.path): \(error.localizedDescription)")
    }
  }

  private func attributes(_ url: URL) throws(TonghopError) -> (size: Int, mtime: Double) {
    do {
      let values = try FileManager.default.attributesOfItem(atPath: url.path)
      let size = (values[.size] as? NSNumber)?.intValue ?? 0
      let mtime = (values[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
      return (size, mtime)
    } catch {
      throw TonghopError(.io, "cannot read \(url.path): \(error.localizedDescription)")
    }
  }
}
