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
    /// Entries of the drop zone not read (`T10`): links out, FIFOs, unreadable files.
    public var unreadEntries = 0
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
    if access(workspace.archive.path, F_OK) != 0 {
      try AtomicFile.makeFolder(workspace.archive)
      // Whatever the umask: what units sent is for the owner and the group only.
      chmod(workspace.archive.path, 0o750)
    }
    let seen = try ledger.pathsSeen()
    let zone = DropZone.list(workspace.submissions)
    var unread = zone.unread
    var candidates: [DropZone.File] = []
    for file in zone.files {
      // Same path, size, mtime, ctime and inode as a file already recorded: not even read again.
      if seen[file.path] == file.identity {
        summary.knownFiles += 1
      } else {
        candidates.append(file)
      }
    }
    // Files are read, and get their ids in the ledger, in byte order of their paths: only those
    // to be read are sorted, not the whole listing of a night with nothing new.
    candidates.sort { $0.path.utf8Precedes($1.path) }
    let total = zone.files.count + zone.unread.count
    var done = total - candidates.count
    progress?(done, total, summary.rows)
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
      unread += waiting?.unread ?? []
      if let recorded { tally(recorded, into: &summary) }
      done += end - start
      progress?(done, total, summary.rows)
      start = end
    }
    if let last = waiting {
      try IngestStage.record(last, in: ledger)
      tally(last, into: &summary)
    }
    // The entries not read are those of the drop zone now: one that was removed is no longer listed.
    unread.sort { $0.path.utf8Precedes($1.path) }
    try ledger.record { recorder in try recorder.replaceUnread(unread) }
    summary.ignoredFiles = unread.filter { $0.code == .T09 }.count
    summary.unreadEntries = unread.filter { $0.code != .T09 }.count
    summary.files += unread.filter { $0.code != .T09 }.map { "\($0.path): không đọc (\($0.code.rawValue)): \($0.reason)" }
    CrashPoint.reached("after-ingest")
    return summary
  }

  /// A batch archived, made durable and parsed, waiting for the transaction that records it.
  private struct Archived: Sendable {
    /// Every file of the batch, new or not: its path is recorded as seen.
    var seen: [LedgerRecorder.PathSeen]
    var new: [LedgerRecorder.PathSeen]
    var outcomes: [ReadOutcome]
    /// Files that could not be read or archived: listed (`T10`), tried again by the next run.
    var unread: [DropZone.Unread]
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
    _ batch: [DropZone.File], known: inout Set<String>, recording previous: Archived?, into summary: inout Summary
  ) throws(TonghopError) -> Archived {
    let limit = config.maxFileBytes
    let now = now
    let ledger = ledger
    // One file that cannot be read is listed and the others go on: never a stop for everyone.
    let loaded = try Parallel.map(batch.count) { index throws(TonghopError) -> Loaded in
      let file = batch[index]
      do throws(SubmittedFileError) {
        // A file over the limit is never read into memory: hashed and archived in pieces, then T06.
        let bytes = file.size > limit ? nil : try FileBytes.readSubmitted(file.openPath, size: file.size)
        let sha256 = if let bytes { FileDigest.sha256(bytes) } else { try FileDigest.sha256(ofRegularFile: file.openPath) }
        return .read(LedgerRecorder.PathSeen(path: file.path, identity: file.identity, sha256: sha256, at: now), bytes, file.openPath)
      } catch {
        return .failed(DropZone.Unread(path: file.path, code: .T10, reason: error.reason))
      }
    }
    var unread: [DropZone.Unread] = []
    var read: [(seen: LedgerRecorder.PathSeen, bytes: [UInt8]?, openPath: String)] = []
    for item in loaded {
      switch item {
      case .read(let seen, let bytes, let openPath): read.append((seen, bytes, openPath))
      case .failed(let entry): unread.append(entry)
      }
    }
    summary.hashedFiles += read.count
    var new = read.filter { known.insert($0.seen.sha256).inserted }
    summary.knownFiles += read.count - new.count
    let archive = Archive(workspace: workspace)
    // Large files are copied through a temporary file in the archive: clear what a stopped copy left.
    if new.contains(where: { $0.bytes == nil }) { workspace.sweepArchive() }
    let candidates = new
    let work = try Parallel.map(2) { job throws(TonghopError) -> Work in
      guard job == 0 else {
        let outcomes = candidates.map { file in
          file.bytes.map { SubmissionReader.read($0, as: file.seen.kind) } ?? ReadOutcome.tooLarge(limit: limit)
        }
        if let previous { try IngestStage.record(previous, in: ledger) }
        return .outcomes(outcomes)
      }
      // Creating files in one folder takes the folder's lock: one after another. A file the disk
      // has no room for is left out, listed, and tried again by the next run.
      var failed: [Int: String] = [:]
      for (index, file) in candidates.enumerated() {
        do throws(TonghopError) {
          if let bytes = file.bytes {
            try archive.store(bytes, sha256: file.seen.sha256, file.seen.kind)
          } else {
            try archive.storeCopy(of: URL(fileURLWithPath: file.openPath), sha256: file.seen.sha256, file.seen.kind)
          }
        } catch {
          archive.discard(file.seen.sha256, file.seen.kind)
          failed[index] = error.message
        }
      }
      if !candidates.isEmpty { try archive.sync() }
      return .archived(failed: failed)
    }
    guard case .archived(let failed) = work[0], case .outcomes(var outcomes) = work[1] else { preconditionFailure("each job returns its own kind") }
    if !failed.isEmpty {
      let lost = Set(failed.keys.map { new[$0].seen.sha256 })
      for index in failed.keys.sorted(by: >) {
        unread.append(DropZone.Unread(path: new[index].seen.path, code: .T10, reason: "không lưu được bản gốc: \(failed[index]!)"))
        new.remove(at: index)
        outcomes.remove(at: index)
      }
      // Unrecorded, so that the next run reads them again (another path with the same bytes too).
      known.subtract(lost)
      read.removeAll { lost.contains($0.seen.sha256) }
    }
    CrashPoint.reached("after-archive")
    return Archived(seen: read.map(\.seen), new: new.map(\.seen), outcomes: outcomes, unread: unread)
  }

  private enum Loaded {
    case read(LedgerRecorder.PathSeen, [UInt8]?, String)
    case failed(DropZone.Unread)
  }

  private enum Work {
    case outcomes([ReadOutcome])
    case archived(failed: [Int: String])
  }

  /// Files a stopped run recorded as received but did not read: read from the archive now.
  private func readUnreadFiles(into summary: inout Summary) throws(TonghopError) {
    let unread = try ledger.unreadFiles()
    guard !unread.isEmpty else { return }
    let limit = config.maxFileBytes
    let workspace = workspace
    try ledger.record { recorder in
      for pending in unread {
        let kind = SubmissionKind(path: pending.path) ?? .csv
        let archived = workspace.archived(pending.sha256, kind).path
        var info = stat()
        guard stat(archived, &info) == 0 else { throw IngestStage.archiveCopyMissing(pending.path, archived) }
        let bytes: [UInt8]?
        do {
          bytes = Int(info.st_size) > limit ? nil : try FileBytes.read(archived, size: Int(info.st_size))
        } catch {
          throw IngestStage.archiveCopyMissing(pending.path, archived)
        }
        let outcome = bytes.map { SubmissionReader.read($0, as: kind) } ?? ReadOutcome.tooLarge(limit: limit)
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
      summary.files.append("\(path): không đọc được (\(code)\(outcome.errorLine.map { ", dòng \($0)" } ?? ""))")
    } else {
      summary.files.append(
        outcome.encoding == SubmissionReader.workbookEncoding ? "\(path): \(outcome.rows.count) dòng, bảng tính Excel" : "\(path): \(outcome.rows.count) dòng, bảng mã \(outcome.encoding ?? "?"), dấu phân cách \(outcome.delimiter == "\t" ? "tab" : outcome.delimiter ?? "?")")
    }
  }

  /// A file recorded as received whose archived copy cannot be read: named by the path it was sent
  /// under, with what to do.
  static func archiveCopyMissing(_ path: String, _ archived: String) -> TonghopError {
    TonghopError(
      .io,
      "Không đọc được bản lưu trong kho của tệp \(path) (\(archived)). Hãy chạy `tonghop verify` để kiểm tra và khôi phục kho lưu trữ.")
  }
}
