import Foundation

/// The issue list as the officer sends it out: `KiemTra-<period>.csv` and `.xlsx`, and one pair of
/// files per unit under `phan-hoi/`. The CSV files are for Excel (byte order mark, no text that Excel
/// would run as a formula); the workbooks are what a unit opens (Excel with Vietnamese regional
/// settings splits CSV on `;` and shows it in one column).
enum FeedbackFiles {
  static let folder = "phan-hoi"

  /// A unit's feedback workbook: its lines under a title with its name and the period, printable.
  static func workbook(_ rows: [StageRow], unit: String, report: ReportData, scratch: URL) throws(TonghopError) -> Data {
    let name = report.areas.expected.first { $0.code == unit }.map { "\($0.name) (\(unit))" } ?? unit
    let title = "PHẢN HỒI KẾT QUẢ KIỂM TRA BÁO CÁO – \(name) – \(report.period.titleWords)"
    let properties = DocumentProperties(
      title: "Phản hồi kết quả kiểm tra báo cáo \(report.period.code) – \(unit)", author: report.bodies.issuer,
      created: report.config.referenceDate(of: report.period))
    return try XLSXWorkbook.data(named: "\(unit).xlsx", scratch: scratch, properties: properties) { book throws(TonghopError) in
      try ListSheet.issues(rows, period: report.period, name: "Phản hồi", title: title).write(into: book)
    }
  }

  static func issueList(_ rows: [StageRow]) -> String {
    var writer = CSVWriter(header: Finding.header, forSpreadsheet: true)
    rows.forEach { row in writer.append(Finding.header.map { row[$0] ?? "" }) }
    return writer.text
  }

  /// Unit code → its lines, for every unit with an error or a warning on a row that still stands (a
  /// unit whose only lines are information, or warnings on a row its later report replaced, has
  /// nothing to do and gets no file). Issues that name no
  /// known unit (file-level issues, codes not in the registry: `D01`) are only in the issue list.
  /// Read from the issue list alone: a code that validate found unknown carries a `D01`.
  static func perUnit(_ rows: [StageRow]) -> [String: [StageRow]] {
    let unknown = Set(rows.filter { $0["ma_loi"] == IssueCode.D01.rawValue }.compactMap { $0["ma_don_vi"] })
    let known = rows.filter { row in
      let code = row["ma_don_vi"] ?? ""
      return !code.isEmpty && !unknown.contains(code) && code.utf8.count <= 64 && code.utf8.allSatisfy(RegistryChecks.isCodeByte)
    }
    // A warning on a row that a later report replaced asks nothing of the unit any more.
    let superseded = Set(rows.filter { $0["ma_loi"] == IssueCode.D16.rawValue }.map { "\($0["tep"] ?? "")\n\($0["dong"] ?? "")" })
    return Dictionary(grouping: known) { $0["ma_don_vi"] ?? "" }.filter { _, rows in
      rows.contains {
        $0["muc_do"] != Finding.Severity.information.rawValue && !superseded.contains("\($0["tep"] ?? "")\n\($0["dong"] ?? "")")
      }
    }
  }
}
