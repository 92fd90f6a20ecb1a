import Foundation

/// The exclusive lock on `outputs/.lock` that keeps two runs from working at once.
/// Held until the process ends (the kernel drops a flock when its descriptor closes).
public final class RunLock {
  private let descriptor: Int32

  public init(_ workspace: Workspace) throws(TonghopError) {
    try AtomicFile.makeFolder(workspace.outputs)
    let fd = open(workspace.lockFile.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    guard fd >= 0 else {
      throw TonghopError.io(workspace.lockFile.path, .write, POSIXError.current)
    }
    guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
      close(fd)
      throw TonghopError(.locked, "Một lần chạy tonghop khác đang làm việc trên \(workspace.root.path) (khóa \(workspace.lockFile.path)); hãy chạy lại khi lần đó xong")
    }
    descriptor = fd
  }

  deinit {
    close(descriptor)
  }
}
