import Foundation

/// Builds the text of a stage file: UTF-8, comma-separated, LF line ends, fields quoted
/// only when they hold a comma, a quote or a line break.
public struct CSVWriter {
  public private(set) var text = ""
  /// For files people open in Excel: a byte order mark, and text that Excel would take for a
  /// formula (`=`, `+`, `-`, `@`, tab, carriage return first) prefixed with `'` (OWASP CSV injection).
  let forSpreadsheet: Bool

  public init(header: [String], forSpreadsheet: Bool = false) {
    self.forSpreadsheet = forSpreadsheet
    if forSpreadsheet { text = "\u{FEFF}" }
    append(header)
  }

  public mutating func append(_ fields: [String]) {
    // A record of one empty field would be an empty line, which readers skip.
    if fields == [""] {
      text.append("\"\"\n")
      return
    }
    var first = true
    for field in fields {
      if !first { text.append(",") }
      first = false
      text.append(CSVWriter.quoted(forSpreadsheet ? CSVWriter.inert(field) : field))
    }
    text.append("\n")
  }

  static func inert(_ field: String) -> String {
    guard let first = field.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return field }
    return "'" + field
  }

  /// Quoted when it holds a comma, a quote or a line break, or begins or ends with a space (which
  /// libcsv trims from unquoted fields).
  public static func quoted(_ field: String) -> String {
    let scalars = field.unicodeScalars
    guard scalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || scalars.first == " " || scalars.last == " "
    else {
      return field
    }
    return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
