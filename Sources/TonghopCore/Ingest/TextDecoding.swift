/// Turns the bytes of a submission into UTF-8 text without a byte order mark (submissions.md):
/// UTF-8 with or without BOM as it is; UTF-16 with a BOM and Windows-1258 converted (`T07`).
enum TextDecoding {
  struct Decoded {
    var utf8: [UInt8]
    /// The encoding the bytes were in, as recorded in the ledger.
    var encoding: Encoding
  }

  enum Encoding: String {
    case utf8 = "UTF-8"
    case utf8BOM = "UTF-8 BOM"
    case utf16LE = "UTF-16LE"
    case utf16BE = "UTF-16BE"
    case windows1258 = "CP1258"

    /// Converted from another encoding: warning `T07`.
    var isConverted: Bool { self != .utf8 && self != .utf8BOM }
  }

  static func decode(_ bytes: [UInt8]) -> Decoded? {
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
      let body = Array(bytes.dropFirst(3))
      // A UTF-8 mark before UTF-16 text (a tool that added one to what Excel saved as Unicode Text):
      // the NULs are valid UTF-8, but the text is UTF-16.
      if let encoding = utf16WithoutBOM(body) {
        return Iconv.toUTF8(body, from: encoding.rawValue).map { Decoded(utf8: $0, encoding: encoding) }
      }
      return String(validating: body, as: UTF8.self) == nil ? nil : Decoded(utf8: body, encoding: .utf8BOM)
    }
    for (bom, encoding) in [([UInt8]([0xFF, 0xFE]), Encoding.utf16LE), ([0xFE, 0xFF], .utf16BE)] where bytes.starts(with: bom) {
      return Iconv.toUTF8(Array(bytes.dropFirst(2)), from: encoding.rawValue).map { Decoded(utf8: $0, encoding: encoding) }
    }
    // UTF-16 saved without a byte order mark: a NUL beside every ASCII character.
    if let encoding = utf16WithoutBOM(bytes) {
      return Iconv.toUTF8(bytes, from: encoding.rawValue).map { Decoded(utf8: $0, encoding: encoding) }
    }
    if String(validating: bytes, as: UTF8.self) != nil {
      return Decoded(utf8: bytes, encoding: .utf8)
    }
    return Iconv.toUTF8(bytes, from: Encoding.windows1258.rawValue).map { Decoded(utf8: $0, encoding: .windows1258) }
  }

  /// Most of the first bytes at odd (LE) or even (BE) positions are NUL: UTF-16 text of a CSV,
  /// whose characters are mostly ASCII.
  static func utf16WithoutBOM(_ bytes: [UInt8]) -> Encoding? {
    let head = Array(bytes.prefix(512))
    guard head.count >= 8, head.count % 2 == 0 else { return nil }
    let even = stride(from: 0, to: head.count, by: 2).filter { head[$0] == 0 }.count
    let odd = stride(from: 1, to: head.count, by: 2).filter { head[$0] == 0 }.count
    let pairs = head.count / 2
    if odd * 10 >= pairs * 9, even == 0 { return .utf16LE }
    if even * 10 >= pairs * 9, odd == 0 { return .utf16BE }
    return nil
  }
}
