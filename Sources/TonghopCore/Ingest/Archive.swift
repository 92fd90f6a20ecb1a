import Foundation

/// `outputs/archive/`: the original bytes of every submitted file, named by their SHA-256.
/// New files are written without a sync each; `sync` then makes a whole batch durable with one
/// `syncfs`, and only after it does the ledger record them. An archive file whose hash the ledger
/// does not record is not part of the archive.
struct Archive {
  let workspace: Workspace
  private let folder: String

  init(workspace: Workspace) {
    self.workspace = workspace
    folder = workspace.archive.path
  }

  /// Written straight under its final name: creating a temporary file and renaming it costs ten
  /// times more on ext4, and the name is only trusted once the ledger records the hash, after `sync`.
  /// A file cut short by a crash is rewritten whole by the next run, which finds the hash unrecorded.
  func store(_ bytes: [UInt8], sha256: String, _ kind: SubmissionKind) throws(TonghopError) {
    try AtomicFile.writeUnsynced(bytes, to: workspace.archived(sha256, kind).path, mode: Archive.mode)
  }

  /// What a unit sent is not for every account on the server: owner and group only.
  static let mode: mode_t = 0o640

  /// Removes what a failed store left under the hash's name.
  func discard(_ sha256: String, _ kind: SubmissionKind) {
    unlink(workspace.archived(sha256, kind).path)
  }

  /// A file too large to hold in memory, copied in pieces (and synced on its own).
  func storeCopy(of source: URL, sha256: String, _ kind: SubmissionKind) throws(TonghopError) {
    try AtomicFile.copy(source, to: workspace.archived(sha256, kind), mode: Archive.mode)
  }

  /// Everything written so far reaches the disk: file contents and the folder's entries.
  func sync() throws(TonghopError) {
    try AtomicFile.syncFileSystem(of: folder)
  }
}
