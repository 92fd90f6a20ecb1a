import Foundation

/// `DoiChieu-<P>.xlsx`: what changed since the latest signed version — sheet `Chỉ tiêu` (every node
/// and indicator whose numbers moved, signed and now side by side), `Đơn vị` (every unit whose status
/// or current row changed) and `Tệp` (the submissions received or withdrawn since the signing).
struct ComparisonWorkbook {
  let comparison: Comparison
  let data: ReportData

  /// A cell of a table row.
  private enum Cell {
    case text(String)
    case number(Double?, CellStyle)
    case date(CalendarDay?)
  }

  private struct Column {
    let header: String
    let width: Double
  }

  func write(to url: URL, scratch: URL, properties: DocumentProperties) throws(TonghopError) {
    try XLSXWorkbook.write(to: url, scratch: scratch, properties: properties) { book throws(TonghopError) in
      try table(
        book, "Chỉ tiêu", "SỐ LIỆU THAY ĐỔI SO VỚI BẢN ĐÃ CHỐT",
        [
          Column(header: "STT", width: 5), Column(header: "Mã địa bàn", width: 10), Column(header: "Địa bàn", width: 20),
          Column(header: "Mã chỉ tiêu", width: 13), Column(header: "Chỉ tiêu", width: 36), Column(header: "Đơn vị tính", width: 9),
          Column(header: "Tử số đã chốt", width: 11), Column(header: "Mẫu số đã chốt", width: 11),
          Column(header: "Kết quả đã chốt", width: 11), Column(header: "Tử số hiện nay", width: 11),
          Column(header: "Mẫu số hiện nay", width: 11), Column(header: "Kết quả hiện nay", width: 11),
          Column(header: "Chênh lệch", width: 11),
        ], comparison.indicators.enumerated().map(indicatorRow))
      try table(
        book, "Đơn vị", "ĐƠN VỊ CÓ TÌNH TRẠNG HOẶC BÁO CÁO ĐƯỢC TÍNH THAY ĐỔI",
        [
          Column(header: "STT", width: 5), Column(header: "Mã đơn vị", width: 10), Column(header: "Tên đơn vị", width: 26),
          Column(header: "Tình trạng đã chốt", width: 12), Column(header: "Tệp đã chốt", width: 22), Column(header: "Dòng", width: 6),
          Column(header: "Ngày lập", width: 11), Column(header: "Tình trạng hiện nay", width: 12),
          Column(header: "Tệp hiện nay", width: 22), Column(header: "Dòng", width: 6), Column(header: "Ngày lập", width: 11),
        ], comparison.units.enumerated().map(unitRow))
      try table(
        book, "Tệp", "TỆP NHẬN HOẶC RÚT SAU KHI CHỐT",
        [
          Column(header: "STT", width: 5), Column(header: "Thay đổi", width: 14), Column(header: "Tệp", width: 30),
          Column(header: "Mã SHA-256 (12 ký tự đầu)", width: 15), Column(header: "Nhận lúc", width: 16),
          Column(header: "Rút lúc", width: 16), Column(header: "Lý do rút", width: 24),
          Column(header: "Số dòng của kỳ", width: 9), Column(header: "Số dòng được tính", width: 9),
        ], comparison.files.enumerated().map(fileRow))
    }
  }

  private func indicatorRow(_ index: Int, _ change: Comparison.IndicatorChange) -> [Cell] {
    let definition = Indicators.byCode[change.code]
    let isRatio = definition?.isRatio ?? false
    let style: CellStyle = isRatio ? .percent : .count
    func parts(_ value: IndicatorValue?) -> [Cell] {
      [
        .number(value?.numerator.map(Double.init), .count), .number(value?.denominator.map(Double.init), .count),
        .number(value?.value, style),
      ]
    }
    let difference = change.now?.value.flatMap { now in change.signed?.value.map { now - $0 } }
    return [.number(Double(index + 1), .centered), .text(change.node), .text(change.nodeName), .text(change.code)]
      + [.text(definition?.label ?? ""), .text(definition?.measure ?? "")] + parts(change.signed) + parts(change.now)
      + [.number(difference, style)]
  }

  private func unitRow(_ index: Int, _ change: Comparison.UnitChange) -> [Cell] {
    func state(_ state: Comparison.UnitState?) -> [Cell] {
      [
        .text(state.map { UnitSheet.statusWords[$0.status] ?? $0.status } ?? "Không thuộc diện báo cáo"),
        .text(state?.file ?? ""), .number(state.flatMap { Double($0.line) }, .centered),
        .date(state.flatMap { CalendarDay(iso: $0.date) }),
      ]
    }
    return [.number(Double(index + 1), .centered), .text(change.code), .text(change.name)] + state(change.signed)
      + state(change.now)
  }

  private func fileRow(_ index: Int, _ change: Comparison.FileChange) -> [Cell] {
    [
      .number(Double(index + 1), .centered), .text(change.kind == .received ? "Nhận sau khi chốt" : "Rút sau khi chốt"),
      .text(change.path), .text(String(change.sha256.prefix(12))), .text(data.config.localTime(change.receivedAt)),
      .text(data.config.localTime(change.withdrawnAt)), .text(change.reason), .number(Double(change.rows), .count),
      .number(Double(change.counting), .count),
    ]
  }

  private func table(_ book: XLSXWorkbook, _ name: String, _ title: String, _ columns: [Column], _ rows: [[Cell]]) throws(TonghopError) {
    let sheet = try book.addSheet(name)
    try sheet.widths(columns.map(\.width))
    let last = columns.count - 1
    try sheet.merge(0, 0, last, "\(title) – \(data.period.titleWords)", CellStyle(bold: true, size: 14, align: .center))
    let signing = comparison.signing
    try sheet.merge(
      1, 0, last,
      "Bản đã chốt: lần \(signing.version), số \(signing.number), ngày \(signing.date.vietnamese) (outputs/chot/\(data.period.code)/lan-\(signing.version)); bản hiện nay: outputs/reports/\(data.period.code)",
      CellStyle(italic: true, align: .center, wrap: true))
    try sheet.rowHeight(1, 32)
    let header = 3
    for (index, column) in columns.enumerated() {
      try sheet.text(header, index, column.header, .tableHeader)
    }
    try sheet.rowHeight(header, 48)
    try sheet.autofilter(header, header + max(rows.count, 1), last)
    for (offset, cells) in rows.enumerated() {
      let row = header + 1 + offset
      var lines = 1.0
      for (index, cell) in cells.enumerated() {
        switch cell {
        case .text(let value):
          try sheet.text(row, index, value, .cell)
          lines = max(lines, XLSXSheet.lines(value, width: columns[index].width))
        case .number(let value, let style):
          try sheet.number(row, index, value, style)
        case .date(let day):
          try sheet.date(row, index, day)
        }
      }
      if lines > 1 { try sheet.rowHeight(row, 15.75 * lines) }
    }
    if rows.isEmpty {
      try sheet.merge(header + 1, 0, last, "Không có thay đổi.", CellStyle(italic: true, align: .center, border: true))
    }
    sheet.freeze(rows: header + 1, columns: 0)
    try sheet.printSetup(headerRows: header...header)
  }
}
