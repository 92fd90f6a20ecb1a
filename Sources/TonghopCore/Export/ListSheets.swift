/// Sheets that list rows of the stage files as they are: `Tiến độ nộp` and `Kiểm tra`.
struct ListSheet {
  let name: String
  let title: String
  let columns: [(header: String, key: String, width: Double)]
  let rows: [[String: String]]

  func write(into book: XLSXWorkbook) throws(TonghopError) {
    let sheet = try book.addSheet(name)
    try sheet.widths(columns.map(\.width))
    try sheet.text(0, 0, title, CellStyle(bold: true, size: 14))
    let header = 2
    for (index, column) in columns.enumerated() {
      try sheet.text(header, index, column.header, .tableHeader)
    }
    for (offset, row) in rows.enumerated() {
      for (index, column) in columns.enumerated() {
        try sheet.text(header + 1 + offset, index, row[column.key] ?? "", .cell)
      }
    }
    try sheet.freeze(rows: header + 1, columns: 0)
    try sheet.autofilter(header, header + max(rows.count, 1), columns.count - 1)
    try sheet.printSetup(headerRows: header...header)
  }

  static func progress(_ data: ReportData) -> ListSheet {
    let words = ["dung_han": "Đúng hạn", "tre_han": "Trễ hạn", "loi": "Có lỗi, chưa hợp lệ", "chua_nop": "Chưa nộp"]
    let rows = data.progress.map { row in
      row.merging(
        ["trang_thai": words[row["trang_thai"] ?? ""] ?? "", "loai": UnitType(rawValue: row["loai"] ?? "")?.label ?? ""],
        uniquingKeysWith: { $1 })
    }
    return ListSheet(
      name: "Tiến độ nộp", title: "TÌNH HÌNH GỬI BÁO CÁO – \(data.period.titleWords)",
      columns: [
        ("Mã", "ma_don_vi", 10), ("Đơn vị", "ten_don_vi", 40), ("Loại", "loai", 24), ("Cấp trên", "ma_cap_tren", 10),
        ("Trạng thái", "trang_thai", 20), ("Ngày lập", "ngay_lap", 12), ("Tệp", "tep", 40),
      ], rows: rows)
  }

  static func issues(_ data: ReportData) -> ListSheet {
    ListSheet(
      name: "Kiểm tra", title: "DANH SÁCH LỖI VÀ CẢNH BÁO – \(data.period.titleWords)",
      columns: [
        ("Tệp", "tep", 36), ("Dòng", "dong", 7), ("Cột", "cot", 14), ("Mã đơn vị", "ma_don_vi", 11),
        ("Kỳ", "ky_bao_cao", 9), ("Mức độ", "muc_do", 10), ("Mã lỗi", "ma_loi", 8), ("Nội dung", "noi_dung", 80),
      ], rows: data.issues)
  }
}
