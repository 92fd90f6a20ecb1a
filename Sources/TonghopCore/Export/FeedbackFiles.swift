/// The issue list as the officer sends it out: `KiemTra-<period>.csv` and one file per unit
/// under `phan-hoi/`, both for Excel (byte order mark, no text that Excel would run as a formula).
enum FeedbackFiles {
  static let folder = "phan-hoi"

  static func issueList(_ rows: [StageRow]) -> String {
    var writer = CSVWriter(header: Issue.header, forSpreadsheet: true)
    rows.forEach { row in writer.append(Issue.header.map { row[$0] ?? "" }) }
    return writer.text
  }

  /// `<ma_don_vi>.csv` → content, for every unit of the registry that has an issue. Issues that
  /// name no known unit (file-level issues, unknown codes) are only in the issue list.
  static func perUnit(_ rows: [StageRow], registry: Registry) -> [String: String] {
    let byUnit = Dictionary(grouping: rows.filter { registry.knows($0["ma_don_vi"] ?? "") }) { $0["ma_don_vi"] ?? "" }
    return Dictionary(uniqueKeysWithValues: byUnit.map { unit, rows in ("\(unit).csv", issueList(rows)) })
  }
}
