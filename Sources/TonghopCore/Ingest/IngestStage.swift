import Foundation

/// Stage 1: archive and record every new or changed file under `inputs/submissions/`.
///
/// New files go in batches: their bytes are archived, one `syncfs` makes the batch durable, one
/// transaction records the files as received, and a second one records what reading them gave.
/// A run killed anywhere leaves every file either unrecorded (the next run takes it again) or
/// recorded with its archived bytes.
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

  /// A batch ends at this many new files or bytes, whichever comes first: one sync and two commits
  /// per batch, and no more than this many bytes held in memory.
  var batchLimit = (files: 10_000, bytes: 64 << 20)

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

  private struct NewFile {
    var seen: LedgerRecorder.PathSeen
    /// Nil for a file over the size limit, which is never read.
    var bytes: [UInt8]?
  }

  private struct Batch {
    var new: [NewFile] = []
    var bytes = 0
    var knownPaths: [LedgerRecorder.PathSeen] = []
    var ignored: [FolderWalk.Entry] = []

    var isEmpty: Bool { new.isEmpty && knownPaths.isEmpty && ignored.isEmpty }
  }

  public func run(progress: Pipeline.Progress? = nil) throws(TonghopError) -> Summary {
    var summary = Summary()
    try readUnreadFiles(into: &summary)
    try AtomicFile.makeFolder(workspace.archive)
    let archive = Archive(workspace: workspace)
    let seen = try ledger.pathsSeen()
    let ignored = Set(try ledger.ignoredFiles())
    var known = try ledger.knownHashes()
    let dropped = try submittedFiles()
    let submissions = workspace.submissions.path
    var batch = Batch()
    for (done, file) in dropped.enumerated() {
      progress?(done, dropped.count, summary.rows)
      guard file.path.lowercased().hasSuffix(".csv") else {
        if !ignored.contains(file.path) { batch.ignored.append(file) }
        summary.ignoredFiles += 1
        continue
      }
      // Same path, size and mtime as a file already recorded: not even read again.
      if let before = seen[file.path], before.size == file.size, before.mtime == file.mtime {
        summary.knownFiles += 1
        continue
      }
      summary.hashedFiles += 1
      let path = submissions + "/" + file.path
      // A file over the limit is never read into memory: hashed and archived in pieces, then T06.
      let bytes = file.size > config.maxFileBytes ? nil : try FileBytes.read(path, expectedSize: file.size + 1)
      let sha256 = if let bytes { FileDigest.sha256(bytes) } else { try FileDigest.sha256(of: URL(fileURLWithPath: path)) }
      let pathSeen = LedgerRecorder.PathSeen(path: file.path, size: file.size, mtime: file.mtime, sha256: sha256, at: now)
      if known.contains(sha256) {
        summary.knownFiles += 1
        batch.knownPaths.append(pathSeen)
      } else {
        known.insert(sha256)
        if let bytes { try archive.store(bytes, sha256: sha256) } else { try archive.storeCopy(of: URL(fileURLWithPath: path), sha256: sha256) }
        batch.new.append(NewFile(seen: pathSeen, bytes: bytes))
        batch.bytes += bytes?.count ?? 0
      }
      if batch.new.count >= batchLimit.files || batch.bytes >= batchLimit.bytes { try commit(&batch, archive: archive, into: &summary) }
    }
    try commit(&batch, archive: archive, into: &summary)
    progress?(dropped.count, dropped.count, summary.rows)
    CrashPoint.reached("after-ingest")
    return summary
  }

  private func commit(_ batch: inout Batch, archive: Archive, into summary: inout Summary) throws(TonghopError) {
    guard !batch.isEmpty else { return }
    if !batch.new.isEmpty { try archive.sync() }
    CrashPoint.reached("after-archive")
    let new = batch.new
    let ignored = batch.ignored
    let ids = try ledger.record { recorder in
      for file in ignored { try recorder.ignored(file.path, size: file.size, at: now) }
      return try new.map { file in
        try recorder.received(
          sha256: file.seen.sha256, path: file.seen.path, size: file.seen.size, mtime: file.seen.mtime, at: now)
      }
    }
    let knownPaths = batch.knownPaths
    try ledger.record { recorder in
      for (id, file) in zip(ids, new) {
        try read(fileID: id, path: file.seen.path, bytes: file.bytes, recorder: recorder, into: &summary)
        try recorder.pathSeen(file.seen)
      }
      for path in knownPaths { try recorder.pathSeen(path) }
    }
    batch = Batch()
  }

  /// Files a stopped run recorded as received but did not read: read from the archive now.
  private func readUnreadFiles(into summary: inout Summary) throws(TonghopError) {
    let unread = try ledger.unreadFiles()
    guard !unread.isEmpty else { return }
    let limit = config.maxFileBytes
    let workspace = workspace
    try ledger.record { recorder in
      for pending in unread {
        let archived = workspace.archived(pending.sha256).path
        var info = stat()
        guard stat(archived, &info) == 0 else { throw TonghopError.io(archived, "cannot read", POSIXError.current) }
        let bytes = Int(info.st_size) > limit ? nil : try FileBytes.read(archived, expectedSize: Int(info.st_size) + 1)
        try read(fileID: pending.id, path: pending.path, bytes: bytes, recorder: recorder, into: &summary)
      }
    }
  }

  private func read(
    fileID: Int64, path: String, bytes: [UInt8]?, recorder: LedgerRecorder, into summary: inout Summary
  ) throws {
    let outcome = bytes.map(SubmissionReader.read) ?? ReadOutcome.tooLarge(limit: config.maxFileBytes)
    try recorder.read(fileID: fileID, outcome)
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
  func submittedFiles() throws(TonghopError) -> [FolderWalk.Entry] {
    guard access(workspace.submissions.path, F_OK) == 0 else { return [] }
    var files: [FolderWalk.Entry] = []
    try FolderWalk.walk(workspace.submissions, stat: true) { entry in
      if entry.isRegularFile { files.append(entry) }
      return true
    }
    return files.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
  }
}
