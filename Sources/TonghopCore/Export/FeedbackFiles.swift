/// The issue list as the officer sends it out: `KiemTra-<period>.csv` and one file per unit
/// under `phan-hoi/`, both for Excel (byte order mark, no text that Excel would run as a formula).
enum FeedbackFiles {
  static let folder = "phan-hoi"

  static func issueList(_ rows: [StageRow]) -> String {
    var writer = CSVWriter(header: Finding.header, forSpreadsheet: true)
    rows.forEach { row in writer.append(Finding.header.map { row[$0] ?? "" }) }
    return writer.text
  }

  /// `<ma_don_vi>.csv` → content, for every unit with an error or a warning (a unit whose only lines
  /// are information, such as a superseded row, has nothing to do and gets no file). Issues that
  /// name no known unit (file-level issues, codes not in the registry: `D01`) are only in the issue
  /// list. Read from the issue list alone: a code that validate found unknown carries a `D01`.
  static func perUnit(_ rows: [StageRow]) -> [String: String] {
    let unknown = Set(rows.filter { $0["ma_loi"] == IssueCode.D01.rawValue }.compactMap { $0["ma_don_vi"] })
    let known = rows.filter { row in
      let code = row["ma_don_vi"] ?? ""
      return !code.isEmpty && !unknown.contains(code) && code.utf8.count <= 64 && code.utf8.allSatisfy(RegistryChecks.isCodeByte)
    }
    let byUnit = Dictionary(grouping: known) { $0["ma_don_vi"] ?? "" }.filter { _, rows in
      rows.contains { $0["muc_do"] != Finding.Severity.information.rawValue }
    }
    return Dictionary(uniqueKeysWithValues: byUnit.map { unit, rows in ("\(unit).csv", issueList(rows)) })
  }
}
