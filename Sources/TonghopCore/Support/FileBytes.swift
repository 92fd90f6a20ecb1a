import Foundation

/// The bytes of a file read with `open` and `read`, without Foundation's per-call overhead.
enum FileBytes {
  /// `size`: what `stat` gave, when known.
  static func read(_ path: String, size: Int? = nil) throws(TonghopError) -> [UInt8] {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw TonghopError.io(path, .read, POSIXError.current) }
    defer { close(fd) }
    return try read(fd, path, size: size)
  }

  private static func read(_ fd: Int32, _ path: String, size: Int?) throws(TonghopError) -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: max((size ?? 0) + 1, 4096))
    var filled = 0
    while true {
      if filled == bytes.count { bytes.append(contentsOf: repeatElement(0, count: bytes.count)) }
      let count = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + filled, $0.count - filled) }
      if count == 0 { break }
      guard count > 0 else {
        if errno == EINTR { continue }
        throw TonghopError.io(path, .read, POSIXError.current)
      }
      filled += count
      // Exactly the size `stat` gave, asked for one byte more: the end, without a second call to
      // learn it (a file that grew since has a newer mtime and is read again next run).
      if filled == size, filled < bytes.count { break }
    }
    bytes.removeLast(bytes.count - filled)
    return bytes
  }

  /// A submitted file, opened so that nothing but a regular file is ever read: no link followed
  /// (the drop zone's links are resolved before), a FIFO never waited on. Errors say why in the
  /// officer's words.
  static func readSubmitted(_ path: String, size: Int) throws(SubmittedFileError) -> [UInt8] {
    let fd = try openRegularFile(path)
    defer { close(fd) }
    do {
      return try read(fd, path, size: size)
    } catch {
      throw SubmittedFileError(errno: errno)
    }
  }

  /// A descriptor on a regular file, or the reason there is none.
  static func openRegularFile(_ path: String) throws(SubmittedFileError) -> Int32 {
    let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
    guard fd >= 0 else { throw SubmittedFileError(errno: errno) }
    var info = stat()
    guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
      close(fd)
      throw SubmittedFileError(reason: "không phải tệp thường")
    }
    return fd
  }
}

/// Why a submitted file could not be read: listed with the file (`T10`), never a stop.
struct SubmittedFileError: Error {
  var reason: String

  init(reason: String) { self.reason = reason }

  init(errno code: Int32) {
    reason = code == ELOOP ? "là một liên kết (symlink)" : DropZone.reason(errno: code)
  }
}
