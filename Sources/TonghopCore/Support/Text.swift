import Foundation

extension String {
  /// Unicode NFC; ASCII text is returned as it is without the cost of normalising.
  public var nfc: String {
    utf8.allSatisfy({ $0 < 0x80 }) ? self : precomposedStringWithCanonicalMapping
  }

  /// Spaces, tabs and no-break spaces removed at both ends.
  public var trimmed: String {
    let scalars = unicodeScalars
    var start = scalars.startIndex
    var end = scalars.endIndex
    while start < end, String.trimmable(scalars[start]) { start = scalars.index(after: start) }
    while end > start, String.trimmable(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
    return start == scalars.startIndex && end == scalars.endIndex ? self : String(scalars[start..<end])
  }

  private static func trimmable(_ scalar: Unicode.Scalar) -> Bool {
    scalar == " " || scalar == "\t" || scalar == "\u{00A0}" || scalar == "\u{FEFF}"
  }

  /// Header matching: case-insensitive, every space removed.
  public var headerKey: String {
    if utf8.allSatisfy({ $0 < 0x80 }) {
      // The common case, without Unicode tables: ASCII lowercase, ASCII white space removed.
      let bytes = utf8.compactMap { byte -> UInt8? in
        switch byte {
        case 0x09...0x0D, 0x20: nil
        case 0x41...0x5A: byte + 0x20
        default: byte
        }
      }
      return String(decoding: bytes, as: UTF8.self)
    }
    return nfc.lowercased().filter { !$0.isWhitespace && $0 != "\u{00A0}" && $0 != "\u{FEFF}" }
  }
}
