/// A sheet that lists rows of a stage file as they are: `Kiểm tra`.
struct ListSheet {
  struct Column {
    var header: String
    var key: String
    var width: Double
    var numeric = false
    /// The words printed for the stage file's values (`loi` → "Lỗi").
    var words: [String: String] = [:]
  }

  let name: String
  let title: String
  let columns: [Column]
  let rows: [StageRow]
  /// Rows beyond what the sheet shows, and where they all are.
  var overflow: (count: Int, note: String)?

  func write(into book: XLSXWorkbook) throws(TonghopError) {
    let sheet = try book.addSheet(name)
    try sheet.widths(columns.map(\.width))
    try sheet.text(0, 0, title, CellStyle(bold: true, size: 14))
    let header = 2
    for (index, column) in columns.enumerated() {
      try sheet.text(header, index, column.header, .tableHeader)
    }
    // Before the rows: in constant-memory mode a range may not end on a row already written (the
    // note under the last row would be).
    try sheet.autofilter(header, header + max(rows.count, 1), columns.count - 1)
    for (offset, row) in rows.enumerated() {
      let line = header + 1 + offset
      var lines = 1.0
      for (index, column) in columns.enumerated() {
        let raw = row[column.key] ?? ""
        let value = column.words[raw] ?? raw
        if column.numeric, let number = Double(value) {
          try sheet.number(line, index, number, .centered)
        } else {
          try sheet.text(line, index, value, .cell)
          lines = max(lines, XLSXSheet.lines(value, width: column.width))
        }
      }
      if lines > 1 { try sheet.rowHeight(line, 15.75 * lines) }
    }
    if let overflow {
      try sheet.text(header + 1 + rows.count, 0, overflow.note, CellStyle(bold: true))
    }
    sheet.freeze(rows: header + 1, columns: 0)
    try sheet.printSetup(headerRows: header...header)
  }

  /// Excel holds 1,048,576 rows; a sheet of issues keeps far fewer so that it stays usable, and
  /// says where the rest is.
  static let issueRowLimit = 100_000

  static func issues(_ data: ReportData, limit: Int = issueRowLimit) -> ListSheet {
    issues(data.issues, period: data.period, name: "Kiểm tra", title: "DANH SÁCH LỖI VÀ CẢNH BÁO – \(data.period.titleWords)", limit: limit)
  }

  /// Issue lines as a sheet: the `Kiểm tra` sheet, `KiemTra-<period>.xlsx`, a unit's feedback workbook.
  static func issues(_ rows: [StageRow], period: Period, name: String, title: String, limit: Int = issueRowLimit) -> ListSheet {
    let shown = Array(rows.prefix(limit))
    let rest = rows.count - shown.count
    return ListSheet(
      name: name, title: title,
      columns: [
        Column(header: "Tệp", key: "tep", width: 36), Column(header: "Dòng", key: "dong", width: 7, numeric: true),
        Column(header: "Cột", key: "cot", width: 14), Column(header: "Mã đơn vị", key: "ma_don_vi", width: 11),
        Column(header: "Kỳ", key: "ky_bao_cao", width: 9),
        Column(header: "Mức độ", key: "muc_do", width: 10, words: Finding.Severity.words),
        Column(header: "Mã lỗi", key: "ma_loi", width: 8), Column(header: "Nội dung", key: "noi_dung", width: 80),
      ], rows: shown,
      overflow: rest > 0
        ? (
          rest,
          "Còn \(Int64(rest).grouped) dòng nữa không hiện ở đây (trang này chỉ hiện \(Int64(limit).grouped) dòng đầu); danh sách đầy đủ ở tệp \(ExportStage.issueList(period))."
        ) : nil)
  }
}
