/// Turns the bytes of a submission into UTF-8 text without a byte order mark.
enum TextDecoding {
  struct Decoded {
    var utf8: [UInt8]
    /// The encoding the bytes were in.
    var encoding: String
  }

  static func decode(_ bytes: [UInt8]) -> Decoded? {
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
      let body = Array(bytes.dropFirst(3))
      return String(validating: body, as: UTF8.self) == nil ? nil : Decoded(utf8: body, encoding: "UTF-8 BOM")
    }
    return String(validating: bytes, as: UTF8.self) == nil ? nil : Decoded(utf8: bytes, encoding: "UTF-8")
  }
}
