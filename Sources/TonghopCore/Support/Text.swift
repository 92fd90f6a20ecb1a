import Foundation

extension String {
  /// Unicode NFC. Text that is NFC by the quick check is returned as it is without the cost of
  /// normalising: every scalar below U+0300 (Latin, Latin-1, Latin Extended-A/B) or in Latin Extended
  /// Additional (U+1E00–U+1EFF, the precomposed Vietnamese letters) is NFC_Quick_Check=Yes with
  /// combining class 0, and a string of such scalars is in NFC.
  public var nfc: String {
    if utf8.allSatisfy({ $0 < 0x80 }) { return self }
    let quick = unicodeScalars.allSatisfy { $0.value < 0x300 || (0x1E00...0x1EFF).contains($0.value) }
    return quick ? self : precomposedStringWithCanonicalMapping
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

  /// The order of the UTF-8 bytes (that of the code points, as C's `strcmp` gives): the order of
  /// file names and codes in every output, whatever the normalisation of the text.
  public func utf8Precedes(_ other: String) -> Bool {
    let compared = utf8.withContiguousStorageIfAvailable { a in
      other.utf8.withContiguousStorageIfAvailable { b -> Bool in
        let common = min(a.count, b.count)
        if common > 0, let x = a.baseAddress, let y = b.baseAddress {
          let order = memcmp(x, y, common)
          if order != 0 { return order < 0 }
        }
        return a.count < b.count
      }
    }
    return compared.flatMap { $0 } ?? utf8.lexicographicallyPrecedes(other.utf8)
  }
}

extension Int64 {
  /// The number with a dot between thousands, as Vietnamese writes it: 250.000.
  public var grouped: String {
    let digits = String(magnitude)
    var text = ""
    for (index, digit) in digits.enumerated() {
      if index > 0, (digits.count - index) % 3 == 0 { text.append(".") }
      text.append(digit)
    }
    return self < 0 ? "-" + text : text
  }
}
