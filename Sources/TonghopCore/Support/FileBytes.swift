import Foundation

/// The bytes of a file read with `open` and `read`, without Foundation's per-call overhead.
enum FileBytes {
  /// `size`: what `stat` gave, when known.
  static func read(_ path: String, size: Int? = nil) throws(TonghopError) -> [UInt8] {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw TonghopError.io(path, .read, POSIXError.current) }
    defer { close(fd) }
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
}
