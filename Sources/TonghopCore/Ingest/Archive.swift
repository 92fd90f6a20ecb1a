import CPlatform
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
  func store(_ bytes: [UInt8], sha256: String) throws(TonghopError) {
    let path = folder + "/" + sha256 + ".csv"
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw TonghopError.io(path, "cannot write", POSIXError.current) }
    var written = 0
    while written < bytes.count {
      let count = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + written, $0.count - written) }
      guard count > 0 else {
        if count < 0, errno == EINTR { continue }
        let error = POSIXError.current
        close(fd)
        throw TonghopError.io(path, "cannot write", error)
      }
      written += count
    }
    guard close(fd) == 0 else { throw TonghopError.io(path, "cannot write", POSIXError.current) }
  }

  /// A file too large to hold in memory, copied in pieces (and synced on its own).
  func storeCopy(of source: URL, sha256: String) throws(TonghopError) {
    try AtomicFile.copy(source, to: workspace.archived(sha256))
  }

  /// Everything written so far reaches the disk: file contents and the folder's entries.
  func sync() throws(TonghopError) {
    let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard fd >= 0 else { throw TonghopError.io(folder, "cannot sync", POSIXError.current) }
    defer { close(fd) }
    // After a failed sync the kernel may have dropped the data: the run fails, never retries.
    guard tonghop_syncfs(fd) == 0, fsync(fd) == 0 else {
      throw TonghopError.io(folder, "cannot sync", POSIXError.current)
    }
  }
}
