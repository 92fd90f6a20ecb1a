import Foundation

/// The exclusive lock on `outputs/.lock` that keeps two runs from working at once.
/// Held until the process ends (the kernel drops a flock when its descriptor closes).
public final class RunLock {
  private let descriptor: Int32

  public init(_ workspace: Workspace) throws(TonghopError) {
    try AtomicFile.makeFolder(workspace.outputs)
    let fd = open(workspace.lockFile.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    guard fd >= 0 else {
      throw TonghopError(.io, "cannot open the lock file \(workspace.lockFile.path): \(String(cString: strerror(errno)))")
    }
    guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
      close(fd)
      throw TonghopError(.locked, "another tonghop run is working on \(workspace.root.path) (lock \(workspace.lockFile.path)); try again when it has finished")
    }
    descriptor = fd
  }

  deinit {
    close(descriptor)
  }
}
