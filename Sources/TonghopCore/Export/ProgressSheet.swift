/// `Tiến độ nộp`: expected, received, on time, late, rejected and missing per unit type and per
/// area; in the province workbook, then every unit without a valid report.
struct ProgressSheet {
  let data: ReportData
  let listUnits: Bool

  static let columns = ["Phải nộp", "Đã nhận", "Đúng hạn", "Trễ hạn", "Có lỗi", "Chưa nộp"]

  func write(into book: XLSXWorkbook) throws(TonghopError) {
    let sheet = try book.addSheet("Tiến độ nộp")
    let status = data.status
    try sheet.widths([34] + ProgressSheet.columns.map { _ in 11 } + [30])
    try sheet.text(0, 0, "TÌNH HÌNH GỬI BÁO CÁO – \(data.period.titleWords)", CellStyle(bold: true, size: 14))
    try sheet.text(1, 0, "Hạn gửi báo cáo: \(status.deadline.vietnamese)", CellStyle(italic: true))
    var row = 3
    func table(_ title: String, _ lines: [(String, PeriodStatus.Counts)]) throws(TonghopError) {
      try sheet.text(row, 0, title, .tableHeader)
      for (index, column) in ProgressSheet.columns.enumerated() {
        try sheet.text(row, index + 1, column, .tableHeader)
      }
      row += 1
      for (name, counts) in lines + [("Tổng", status.total)] {
        let style = name == "Tổng" ? CellStyle.boldCount : .count
        try sheet.text(row, 0, name, name == "Tổng" ? .boldCell : .cell)
        let numbers = [counts.expected, counts.received, counts.onTime, counts.late, counts.rejected, counts.missing]
        for (index, number) in numbers.enumerated() {
          try sheet.number(row, index + 1, Double(number), style)
        }
        row += 1
      }
      row += 1
    }
    try table("Loại đơn vị", status.byType.map { ($0.type.label, $0.counts) })
    try table("Địa bàn", status.byArea.map { ($0.area, $0.counts) })
    if listUnits {
      try sheet.text(row, 0, "ĐƠN VỊ CHƯA CÓ BÁO CÁO HỢP LỆ (\(status.missing.count))", CellStyle(bold: true))
      row += 1
      let listHeader = row
      try sheet.text(row, 0, "Địa bàn", .tableHeader)
      try sheet.text(row, 1, "Mã", .tableHeader)
      try sheet.merge(row, 2, 6, "Tên đơn vị", .tableHeader)
      try sheet.text(row, 7, "Tình trạng", .tableHeader)
      row += 1
      for unit in status.missing {
        try sheet.text(row, 0, unit.area, .cell)
        try sheet.text(row, 1, unit.code, .cell)
        try sheet.merge(row, 2, 6, unit.name, .cell)
        try sheet.text(row, 7, UnitSheet.statusWords[unit.status] ?? unit.status, .cell)
        row += 1
      }
      try sheet.printSetup(headerRows: listHeader...listHeader)
    } else {
      try sheet.printSetup(headerRows: nil)
    }
  }
}
