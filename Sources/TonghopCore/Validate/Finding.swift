/// One line of the issue list (`kiem-tra.csv`).
public struct Finding: Sendable, Hashable {
  public enum Severity: String, Sendable {
    case error = "loi"
    case warning = "canh_bao"
    case information = "thong_tin"

    /// As a report prints them.
    public static let words = [error.rawValue: "Lỗi", warning.rawValue: "Cảnh báo", information.rawValue: "Thông tin"]
  }

  /// Path relative to `inputs/submissions/`.
  public var file: String
  /// Physical line; nil for file-level issues.
  public var line: Int?
  public var column: String
  public var unit: String
  public var period: String
  public var code: IssueCode
  public var message: String

  public var severity: Severity { code.severity }

  public static let header = ["tep", "dong", "cot", "ma_don_vi", "ky_bao_cao", "muc_do", "ma_loi", "noi_dung"]

  public var fields: [String] {
    [file, line.map(String.init) ?? "", column, unit, period, severity.rawValue, code.rawValue, message]
  }

  /// The order of the stage file: by file, line (file-level first), column, code, message.
  static func sortedForOutput(_ issues: [Finding]) -> [Finding] {
    issues.sorted { a, b in
      if a.file != b.file { return a.file.utf8Precedes(b.file) }
      if a.line != b.line { return (a.line ?? 0) < (b.line ?? 0) }
      if a.column != b.column { return a.column.utf8Precedes(b.column) }
      if a.code != b.code { return a.code.rawValue < b.code.rawValue }
      // Several T08 of one file, say, differ only by their message: a total order.
      return a.message.utf8Precedes(b.message)
    }
  }
}
