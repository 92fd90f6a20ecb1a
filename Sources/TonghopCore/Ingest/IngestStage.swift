import Foundation

/// Stage 1: archive and record every new or changed file under `inputs/submissions/`.
///
/// Changed files go in batches: they are read and hashed on every core, the new ones archived on one
/// core and made durable with one `syncfs`, while the other core parses them and records the
/// previous batch; one transaction records a batch's files with what parsing them gave.
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

  /// A batch ends at this many changed files or bytes, whichever comes first: one sync and two
  /// commits per batch, and no more than this many bytes (and what reading them gives) in memory.
  var batchLimit = (files: 10_000, bytes: 16 << 20)

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
    try readUnreadFiles(into: &summary)
    try AtomicFile.makeFolder(workspace.archive)
    let seen = try ledger.pathsSeen()
    let ignored = Set(try ledger.ignoredFiles())
    let dropped = try submittedFiles()
    var candidates: [FolderWalk.Entry] = []
    var newlyIgnored: [FolderWalk.Entry] = []
    for file in dropped {
      // A name that is not UTF-8 (file or folder) cannot be opened by its path: listed as not read
      // (T09), to be renamed.
      guard file.hasUTF8Name, file.path.lowercased().hasSuffix(".csv") else {
        if !ignored.contains(file.path) { newlyIgnored.append(file) }
        summary.ignoredFiles += 1
        continue
      }
      // Same path, size and mtime as a file already recorded: not even read again.
      if let before = seen[file.path], before.size == file.size, before.mtime == file.mtime {
        summary.knownFiles += 1
      } else {
        candidates.append(file)
      }
    }
    // Files are read, and get their ids in the ledger, in byte order of their paths: only those
    // to be read are sorted, not the whole listing of a night with nothing new.
    let byPath: (FolderWalk.Entry, FolderWalk.Entry) -> Bool = { $0.path.utf8Precedes($1.path) }
    candidates.sort(by: byPath)
    newlyIgnored.sort(by: byPath)
    if !newlyIgnored.isEmpty {
      try ledger.record { recorder in
        for file in newlyIgnored { try recorder.ignored(file.path, size: file.size, at: now) }
      }
    }
    var done = dropped.count - candidates.count
    progress?(done, dropped.count, summary.rows)
    // Read only when there is something to compare with: a night with nothing new skips it.
    var known: Set<String> = candidates.isEmpty ? [] : try ledger.knownHashes()
    var start = 0
    var waiting: Archived?
    while start < candidates.count {
      var end = start
      var bytes = 0
      while end < candidates.count, end - start < batchLimit.files, bytes < batchLimit.bytes {
        bytes += min(candidates[end].size, config.maxFileBytes + 1)
        end += 1
      }
      let recorded = waiting
      waiting = try ingest(Array(candidates[start..<end]), known: &known, recording: recorded, into: &summary)
      if let recorded { tally(recorded, into: &summary) }
      done += end - start
      progress?(done, dropped.count, summary.rows)
      start = end
    }
    if let last = waiting {
      try IngestStage.record(last, in: ledger)
      tally(last, into: &summary)
    }
    CrashPoint.reached("after-ingest")
    return summary
  }

  /// A batch archived, made durable and parsed, waiting for the transaction that records it.
  private struct Archived: Sendable {
    /// Every file of the batch, new or not: its path is recorded as seen.
    var seen: [LedgerRecorder.PathSeen]
    var new: [LedgerRecorder.PathSeen]
    var outcomes: [ReadOutcome]
  }

  /// One transaction: the new files with what parsing them gave, and the paths seen.
  private static func record(_ batch: Archived, in ledger: Ledger) throws(TonghopError) {
    try ledger.record { recorder in
      for (file, outcome) in zip(batch.new, batch.outcomes) { try recorder.file(file, outcome) }
      for file in batch.seen { try recorder.pathSeen(file) }
    }
  }

  private func tally(_ batch: Archived, into summary: inout Summary) {
    for (file, outcome) in zip(batch.new, batch.outcomes) { tally(file.path, outcome, into: &summary) }
  }

  /// One batch: read and hash on every core; then, side by side, the new files archived and made
  /// durable with one sync (the kernel's work, on one core), and on the other core the new files
  /// parsed and the previous batch recorded. Every batch is recorded after its own sync, in order.
  private func ingest(
    _ batch: [FolderWalk.Entry], known: inout Set<String>, recording previous: Archived?, into summary: inout Summary
  ) throws(TonghopError) -> Archived {
    let submissions = workspace.submissions.path
    let limit = config.maxFileBytes
    let now = now
    let ledger = ledger
    let loaded = try Parallel.map(batch.count) { index throws(TonghopError) in
      let file = batch[index]
      let path = submissions + "/" + file.path
      // A file over the limit is never read into memory: hashed and archived in pieces, then T06.
      let bytes = file.size > limit ? nil : try FileBytes.read(path, size: file.size)
      let sha256 = if let bytes { FileDigest.sha256(bytes) } else { try FileDigest.sha256(of: URL(fileURLWithPath: path)) }
      return (seen: LedgerRecorder.PathSeen(path: file.path, size: file.size, mtime: file.mtime, sha256: sha256, at: now), bytes: bytes)
    }
    summary.hashedFiles += loaded.count
    let new = loaded.filter { known.insert($0.seen.sha256).inserted }
    summary.knownFiles += loaded.count - new.count
    let archive = Archive(workspace: workspace)
    // Large files are copied through a temporary file in the archive: clear what a stopped copy left.
    if new.contains(where: { $0.bytes == nil }) { workspace.sweepArchive() }
    let work = try Parallel.map(2) { job throws(TonghopError) -> [ReadOutcome] in
      guard job == 0 else {
        let outcomes = new.map { $0.bytes.map(SubmissionReader.read) ?? ReadOutcome.tooLarge(limit: limit) }
        if let previous { try IngestStage.record(previous, in: ledger) }
        return outcomes
      }
      // Creating files in one folder takes the folder's lock: one after another.
      for file in new {
        if let bytes = file.bytes {
          try archive.store(bytes, sha256: file.seen.sha256)
        } else {
          try archive.storeCopy(of: URL(fileURLWithPath: submissions + "/" + file.seen.path), sha256: file.seen.sha256)
        }
      }
      if !new.isEmpty { try archive.sync() }
      return []
    }
    CrashPoint.reached("after-archive")
    return Archived(seen: loaded.map(\.seen), new: new.map(\.seen), outcomes: work[1])
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
        guard stat(archived, &info) == 0 else { throw TonghopError.io(archived, .read, POSIXError.current) }
        let bytes = Int(info.st_size) > limit ? nil : try FileBytes.read(archived, size: Int(info.st_size))
        let outcome = bytes.map(SubmissionReader.read) ?? ReadOutcome.tooLarge(limit: limit)
        try recorder.read(fileID: pending.id, outcome)
        tally(pending.path, outcome, into: &summary)
      }
    }
  }

  private func tally(_ path: String, _ outcome: ReadOutcome, into summary: inout Summary) {
    summary.newFiles += 1
    summary.rows += outcome.rows.count
    if let code = outcome.errorCode {
      summary.rejectedFiles += 1
      summary.files.append("\(path): unreadable (\(code)\(outcome.errorLine.map { ", line \($0)" } ?? ""))")
    } else {
      summary.files.append("\(path): \(outcome.rows.count) row(s), \(outcome.encoding ?? "?"), delimiter \(outcome.delimiter == "\t" ? "tab" : outcome.delimiter ?? "?")")
    }
  }

  /// Regular files under the drop zone, as paths relative to it, in the order of the folder.
  func submittedFiles() throws(TonghopError) -> [FolderWalk.Entry] {
    guard access(workspace.submissions.path, F_OK) == 0 else { return [] }
    var files: [FolderWalk.Entry] = []
    try FolderWalk.walk(workspace.submissions, stat: true) { entry in
      if entry.isRegularFile || (entry.isFolder && !entry.hasUTF8Name) { files.append(entry) }
      return true
    }
    return files
  }
}
