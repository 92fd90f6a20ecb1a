import CPlatform
import Foundation

/// Writes a file so that readers see either the old content or the new, never a part:
/// temporary file beside the target, fsync, rename, fsync of the folder. A file whose content
/// would not change is left alone, mtime included: a rerun with nothing new rewrites nothing.
public enum AtomicFile {
  /// With `scratch` (a folder on the same disk) the temporary file is made there, so that nothing
  /// unfinished ever appears beside the target (`outputs/reports/`).
  public static func write(_ data: Data, to url: URL, scratch: URL? = nil) throws(TonghopError) {
    if FileManager.default.contents(atPath: url.path) == data { return }
    let folder = url.deletingLastPathComponent()
    try makeFolder(folder)
    if let scratch { try makeFolder(scratch) }
    let temporary = (scratch ?? folder).appendingPathComponent(".\(url.lastPathComponent).tmp.\(getpid())")
    do {
      try data.write(to: temporary)
      try sync(temporary.path, isFolder: false)
      try publish(temporary, as: url)
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      throw TonghopError.io(url.path, .write, error)
    }
  }

  /// Copies a file in pieces (for files too large to hold in memory), with the same guarantees.
  public static func copy(_ source: URL, to url: URL, mode: mode_t = 0o644) throws(TonghopError) {
    let folder = url.deletingLastPathComponent()
    try makeFolder(folder)
    let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).tmp.\(getpid())")
    do {
      _ = FileManager.default.createFile(atPath: temporary.path, contents: nil, attributes: [.posixPermissions: Int(mode)])
      let input = try FileHandle(forReadingFrom: source)
      defer { try? input.close() }
      let output = try FileHandle(forWritingTo: temporary)
      while let piece = try input.read(upToCount: 1 << 20), !piece.isEmpty {
        try output.write(contentsOf: piece)
      }
      try output.synchronize()
      try output.close()
      try publish(temporary, as: url)
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      throw TonghopError.io(url.path, .write, error)
    }
  }

  /// Replaces a whole folder of files: the new folder is written beside it and swapped in,
  /// so files of an earlier run that are no longer wanted disappear with it.
  public static func replaceFolder(_ folder: URL, with files: [String: Data], scratch: URL? = nil) throws(TonghopError) {
    let manager = FileManager.default
    if let present = try? manager.contentsOfDirectory(atPath: folder.path), Set(present) == Set(files.keys),
      files.allSatisfy({ manager.contents(atPath: folder.appendingPathComponent($0.key).path) == $0.value })
    {
      return
    }
    let parent = scratch ?? folder.deletingLastPathComponent()
    try makeFolder(parent)
    let fresh = parent.appendingPathComponent(".\(folder.lastPathComponent).tmp.\(getpid())")
    let old = parent.appendingPathComponent(".\(folder.lastPathComponent).old.\(getpid())")
    try? manager.removeItem(at: fresh)
    try makeFolder(fresh)
    // One sync for the whole folder: thousands of feedback files cost one flush, not one each.
    for (name, bytes) in files {
      try writeUnsynced(Array(bytes), to: fresh.path + "/" + name)
    }
    try syncFileSystem(of: fresh.path)
    do {
      if manager.fileExists(atPath: folder.path) { try manager.moveItem(at: folder, to: old) }
      try publish(fresh, as: folder)
      try? manager.removeItem(at: old)
    } catch {
      throw TonghopError.io(folder.path, .replaceFolder, error)
    }
  }

  /// Writes a file straight under its name, without a sync: for files made durable together by
  /// `syncFileSystem` before anything refers to them.
  static func writeUnsynced(_ bytes: [UInt8], to path: String, mode: mode_t = 0o644) throws(TonghopError) {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
    guard fd >= 0 else { throw TonghopError.io(path, .write, POSIXError.current) }
    var written = 0
    while written < bytes.count {
      let count = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + written, $0.count - written) }
      guard count > 0 else {
        if count < 0, errno == EINTR { continue }
        let error = POSIXError.current
        close(fd)
        throw TonghopError.io(path, .write, error)
      }
      written += count
    }
    guard close(fd) == 0 else { throw TonghopError.io(path, .write, POSIXError.current) }
  }

  /// Everything written so far on the file system holding `folder` reaches the disk (`syncfs`),
  /// the folder's own entries included.
  static func syncFileSystem(of folder: String) throws(TonghopError) {
    let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard fd >= 0 else { throw TonghopError.io(folder, .sync, POSIXError.current) }
    defer { close(fd) }
    // After a failed sync the kernel may have dropped the data: the run fails, never retries.
    guard tonghop_syncfs(fd) == 0, fsync(fd) == 0 else {
      throw TonghopError.io(folder, .sync, POSIXError.current)
    }
  }

  public static func write(_ text: String, to url: URL, scratch: URL? = nil) throws(TonghopError) {
    try write(Data(text.utf8), to: url, scratch: scratch)
  }

  public static func write(_ bytes: [UInt8], to url: URL) throws(TonghopError) {
    try write(Data(bytes), to: url)
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
      throw TonghopError.io(folder.path, .createFolder, error)
    }
  }

  static func sync(_ path: String, isFolder: Bool) throws {
    let fd = open(path, isFolder ? O_RDONLY | O_DIRECTORY : O_RDONLY)
    guard fd >= 0 else { throw POSIXError.current }
    // After a failed fsync the kernel may have dropped the data: the run fails, never retries.
    guard fsync(fd) == 0 else {
      let error = POSIXError.current
      close(fd)
      throw error
    }
    guard close(fd) == 0 else { throw POSIXError.current }
  }
}

extension POSIXError {
  static var current: POSIXError { POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
}
