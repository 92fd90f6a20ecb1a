import Foundation

/// Builds the text of a stage file: UTF-8, comma-separated, LF line ends, fields quoted
/// only when they hold a comma, a quote or a line break.
public struct CSVWriter {
  public private(set) var bytes: [UInt8] = []
  /// For files people open in Excel: a byte order mark, and text that Excel would take for a
  /// formula (`=`, `+`, `-`, `@`, tab, carriage return first) prefixed with `'` (OWASP CSV injection).
  let forSpreadsheet: Bool

  public init(header: [String], forSpreadsheet: Bool = false) {
    self.forSpreadsheet = forSpreadsheet
    if forSpreadsheet { bytes = [0xEF, 0xBB, 0xBF] }
    append(header)
  }

  public var text: String { String(decoding: bytes, as: UTF8.self) }

  public mutating func append(_ fields: [String]) {
    // A record of one empty field would be an empty line, which readers skip.
    if fields == [""] {
      bytes.append(contentsOf: "\"\"\n".utf8)
      return
    }
    var first = true
    for field in fields {
      if !first { bytes.append(UInt8(ascii: ",")) }
      first = false
      append(field: forSpreadsheet ? CSVWriter.inert(CSVWriter.withoutNUL(field)) : field)
    }
    bytes.append(UInt8(ascii: "\n"))
  }

  /// Quoted when it holds a comma, a quote or a line break, or begins or ends with a space (which
  /// libcsv trims from unquoted fields); quotes inside are doubled.
  private mutating func append(field: String) {
    var field = field
    field.withUTF8 { utf8 in
      let quote = UInt8(ascii: "\"")
      let plain =
        !utf8.contains { $0 == UInt8(ascii: ",") || $0 == quote || $0 == 0x0A || $0 == 0x0D }
        && utf8.first != 0x20 && utf8.last != 0x20
      guard !plain else {
        bytes.append(contentsOf: utf8)
        return
      }
      bytes.append(quote)
      for byte in utf8 {
        if byte == quote { bytes.append(quote) }
        bytes.append(byte)
      }
      bytes.append(quote)
    }
  }

  /// Excel reads `   =1+1` as a formula too: the first character after leading spaces decides.
  static func inert(_ field: String) -> String {
    guard let first = field.unicodeScalars.first(where: { $0 != " " && $0 != "\u{A0}" }) ?? field.unicodeScalars.first,
      "=+-@\t\r".unicodeScalars.contains(first)
    else { return field }
    return "'" + field
  }

  /// NUL ends a text for many programs that read CSV: dropped from files meant for people.
  static func withoutNUL(_ field: String) -> String {
    field.utf8.contains(0) ? String(field.unicodeScalars.filter { $0 != "\0" }.map(Character.init)) : field
  }
}
