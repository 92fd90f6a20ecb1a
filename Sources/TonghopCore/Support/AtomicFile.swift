import Foundation

/// Writes a file so that readers see either the old content or the new, never a part:
/// temporary file beside the target, fsync, rename, fsync of the folder.
public enum AtomicFile {
  public static func write(_ data: Data, to url: URL) throws(TonghopError) {
    let folder = url.deletingLastPathComponent()
    try makeFolder(folder)
    let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).tmp.\(getpid())")
    do {
      try data.write(to: temporary)
      try sync(temporary.path, isFolder: false)
      try publish(temporary, as: url)
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      throw TonghopError.io(url.path, "cannot write", error)
    }
  }

  public static func write(_ text: String, to url: URL) throws(TonghopError) {
    try write(Data(text.utf8), to: url)
  }

  /// Renames a finished temporary file over its target and makes the rename durable.
  public static func publish(_ temporary: URL, as url: URL) throws {
    guard rename(temporary.path, url.path) == 0 else { throw POSIXError.current }
    try sync(url.deletingLastPathComponent().path, isFolder: true)
  }

  public static func makeFolder(_ folder: URL) throws(TonghopError) {
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    } catch {
      throw TonghopError.io(folder.path, "cannot create the folder", error)
    }
  }

  static func sync(_ path: String, isFolder: Bool) throws {
    let fd = open(path, isFolder ? O_RDONLY | O_DIRECTORY : O_RDONLY)
    guard fd >= 0 else { throw POSIXError.current }
    defer { close(fd) }
    guard fsync(fd) == 0 else { throw POSIXError.current }
  }
}

extension POSIXError {
  static var current: POSIXError { POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
}
