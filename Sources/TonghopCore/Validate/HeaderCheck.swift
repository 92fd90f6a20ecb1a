/// The header rules: duplicate columns (`T04`), missing identifiers (`T03`), unknown columns (`T08`).
struct HeaderCheck {
  /// Canonical column name → index of its cell.
  var columns: [String: Int] = [:]
  var error: (code: IssueCode, message: String)?
  var unknown: [String] = []

  /// The number of header cells (trailing empty ones dropped at ingest).
  var width = 0
  /// The cell index of each element of `DataDictionary.elements`, and of each text column; nil when absent.
  var elementCells: [Int?] = []
  var textCells: [Int?] = []

  init(header: [String]) {
    width = header.count
    var seen: [String: Int] = [:]
    var duplicate: String?
    for (index, cell) in header.enumerated() {
      let key = cell.headerKey
      if DataDictionary.knownColumns.contains(key) {
        if seen[key] != nil, duplicate == nil { duplicate = key }
        if seen[key] == nil { seen[key] = index }
      } else {
        unknown.append(cell.trimmed)
      }
    }
    columns = seen
    elementCells = DataDictionary.elements.map { seen[$0.code] }
    textCells = DataDictionary.textColumns.map { seen[$0] }
    if let duplicate {
      error = (.T04, Message.duplicateColumn(duplicate))
    } else if let missing = DataDictionary.identifierColumns.first(where: { seen[$0] == nil }) {
      error = (.T03, Message.missingColumn(missing))
    }
  }

  /// A template row left unfilled (submissions.md): `ma_don_vi` and `ky_bao_cao` as the template
  /// pre-fills them, but no `ngay_lap`, no value in any data-element column and nothing beyond the
  /// header. Not a report: skipped like a blank row.
  func isUnfilledTemplateRow(_ row: [String]) -> Bool {
    guard let date = columns["ngay_lap"], date >= row.count || row[date].trimmed.isEmpty else { return false }
    return elementCells.allSatisfy { cell in cell.map { $0 >= row.count || row[$0].trimmed.isEmpty } ?? true }
      && extraCells(of: row) == 0
  }

  /// Non-empty cells beyond the header's last column (a shifted row, often an unquoted `1,234`).
  func extraCells(of row: [String]) -> Int {
    row.dropFirst(width).filter { !$0.trimmed.isEmpty }.count
  }

  /// The first non-empty cell beyond the header's last column.
  func firstExtraCell(of row: [String]) -> String {
    row.dropFirst(width).first { !$0.trimmed.isEmpty }?.trimmed ?? ""
  }
}
