import Foundation

/// Builds the text of a stage file: UTF-8, comma-separated, LF line ends, fields quoted
/// only when they hold a comma, a quote or a line break.
public struct CSVWriter {
  public private(set) var text = ""

  public init(header: [String]) {
    append(header)
  }

  public mutating func append(_ fields: [String]) {
    var first = true
    for field in fields {
      if !first { text.append(",") }
      first = false
      text.append(CSVWriter.quoted(field))
    }
    text.append("\n")
  }

  public static func quoted(_ field: String) -> String {
    guard field.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
    else {
      return field
    }
    return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
