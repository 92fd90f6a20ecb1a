/// Files that are not text at all, recognised by their first bytes: an office saved the report in
/// another format and renamed it `.csv`. They are refused (`T01`) with a message saying how to save.
enum FileKind: String {
  case xlsx, xls, pdf, html

  static func sniff(_ bytes: [UInt8]) -> FileKind? {
    if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return .xlsx }
    if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .xls }
    if bytes.starts(with: Array("%PDF".utf8)) { return .pdf }
    let start = bytes.prefix(512).drop { $0 == 0xEF || $0 == 0xBB || $0 == 0xBF || $0 == 0x20 || $0 == 0x0D || $0 == 0x0A || $0 == 0x09 }
    let head = String(decoding: start.prefix(16), as: UTF8.self).lowercased()
    if head.hasPrefix("<!doctype html") || head.hasPrefix("<html") || head.hasPrefix("<table") || head.hasPrefix("<?xml") {
      return .html
    }
    return nil
  }
}

/// What a submitted file is, by its name's extension: what reads it, and its name in the archive.
public enum SubmissionKind: String, Sendable {
  case csv, xlsx

  public init?(path: String) {
    let lower = path.lowercased()
    if lower.hasSuffix(".csv") {
      self = .csv
    } else if lower.hasSuffix(".xlsx") {
      self = .xlsx
    } else {
      return nil
    }
  }
}
