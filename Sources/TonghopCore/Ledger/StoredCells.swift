import Foundation

/// How the ledger stores a list of texts (a header, the cells of a row): each text as its UTF-8
/// length (LEB128) followed by its bytes. Any text round-trips, separators and NUL included, and
/// encoding or decoding costs one pass over the bytes.
enum StoredCells {
  static func encode(_ cells: [String]) -> Data {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(cells.reduce(cells.count) { $0 + $1.utf8.count })
    for cell in cells {
      var length = cell.utf8.count
      while length >= 0x80 {
        bytes.append(UInt8(length & 0x7F) | 0x80)
        length >>= 7
      }
      bytes.append(UInt8(length))
      bytes.append(contentsOf: cell.utf8)
    }
    return Data(bytes)
  }

  /// The texts of `data`, or nil when the bytes are not an encoding made by `encode`.
  static func decode(_ data: Data) -> [String]? {
    data.withUnsafeBytes { raw -> [String]? in
      let bytes = raw.bindMemory(to: UInt8.self)
      var cells: [String] = []
      var at = 0
      while at < bytes.count {
        var length = 0
        var shift = 0
        while true {
          guard at < bytes.count, shift < 63 else { return nil }
          let byte = bytes[at]
          at += 1
          length |= Int(byte & 0x7F) << shift
          if byte < 0x80 { break }
          shift += 7
        }
        // A damaged blob may decode to a negative or oversized length: refused, never a trap.
        guard length >= 0, length <= bytes.count - at else { return nil }
        cells.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[at..<at + length]), as: UTF8.self))
        at += length
      }
      return cells
    }
  }
}
