import Crypto
import Foundation

/// SHA-256 of a file's bytes, as lowercase hex.
public enum FileDigest {
  public static func sha256(_ bytes: [UInt8]) -> String {
    hex(SHA256.hash(data: bytes))
  }

  /// Reads the file in 1 MiB pieces: a file of any size costs no more memory than that.
  public static func sha256(of url: URL) throws(TonghopError) -> String {
    do {
      let handle = try FileHandle(forReadingFrom: url)
      defer { try? handle.close() }
      var hasher = SHA256()
      while let piece = try handle.read(upToCount: 1 << 20), !piece.isEmpty {
        hasher.update(data: piece)
      }
      return hex(hasher.finalize())
    } catch {
      throw TonghopError.io(url.path, .read, error)
    }
  }

  /// A file hashed in pieces, opened as `FileBytes.openRegularFile` opens: never a link, a FIFO or a
  /// device (a submitted file too large for memory, an archive copy `verify` checks).
  static func sha256(ofRegularFile path: String) throws(SubmittedFileError) -> String {
    let fd = try FileBytes.openRegularFile(path)
    let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    var hasher = SHA256()
    do {
      while let piece = try handle.read(upToCount: 1 << 20), !piece.isEmpty {
        hasher.update(data: piece)
      }
    } catch {
      throw SubmittedFileError(errno: Int32((error as NSError).code))
    }
    return hex(hasher.finalize())
  }

  static func hex(_ digest: SHA256.Digest) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var text: [UInt8] = []
    text.reserveCapacity(64)
    for byte in digest {
      text.append(digits[Int(byte >> 4)])
      text.append(digits[Int(byte & 0xF)])
    }
    return String(decoding: text, as: UTF8.self)
  }
}
