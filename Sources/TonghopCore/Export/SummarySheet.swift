/// The `Tổng hợp` sheet: the official header block, the indicators against their targets,
/// the totals, completeness and the signature block.
struct SummarySheet {
  let data: ReportData
  /// "Ủy ban nhân dân tỉnh …" or the ministry.
  let recipient: String

  func write(into book: XLSXWorkbook) throws(TonghopError) {
    let sheet = try book.addSheet("Tổng hợp")
    try sheet.widths([6, 18, 56, 12, 12, 12, 13, 12, 17])
    let province = data.provinceName
    let center = CellStyle(align: .center)
    let centerBold = CellStyle(bold: true, align: .center)
    try sheet.merge(0, 0, 2, "UBND TỈNH \(province.uppercased())", center)
    try sheet.merge(0, 3, 8, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", centerBold)
    try sheet.merge(1, 0, 2, data.bodies.issuer, centerBold)
    try sheet.merge(1, 3, 8, "Độc lập - Tự do - Hạnh phúc", centerBold)
    // The short rules under the issuing body and under the motto (Decree 30/2020/NĐ-CP).
    try sheet.merge(2, 0, 2, String(repeating: "\u{2500}", count: 10), CellStyle(size: 8, align: .center))
    try sheet.merge(2, 3, 8, String(repeating: "\u{2500}", count: 22), CellStyle(size: 8, align: .center))
    try sheet.rowHeight(2, 9)
    let number = data.stamp.map { "Số: \($0.number)" } ?? "Số: …/BC-\(data.bodies.issuerShort)"
    let date = data.stamp.map { SummarySheet.dateLine(province, $0.date) } ?? "\(province), ngày … tháng … năm …"
    try sheet.merge(3, 0, 2, number, center)
    try sheet.merge(3, 3, 8, date, CellStyle(italic: true, align: .center))
    try sheet.merge(4, 0, 8, data.stamp?.title ?? "BÁO CÁO", CellStyle(bold: true, size: 14, align: .center))
    try sheet.merge(
      5, 0, 8, "Kết quả thực hiện Kế hoạch truyền thông về bình đẳng giới trên địa bàn tỉnh \(province)",
      CellStyle(bold: true, align: .center, wrap: true))
    try sheet.merge(6, 0, 8, data.period.titleWords, centerBold)
    try sheet.merge(7, 0, 8, "Kính gửi: \(recipient)", center)
    if let revised = data.revises {
      try sheet.merge(
        8, 0, 8, "(Điều chỉnh Báo cáo số \(revised.number) ngày \(revised.date.vietnamese))", CellStyle(italic: true, align: .center))
    }
    if let note = data.signedNote {
      try sheet.merge(8, 0, 8, note, CellStyle(italic: true, align: .center, wrap: true))
      try sheet.rowHeight(8, 32)
    }

    var row = 9
    try sheet.text(row, 0, "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU", CellStyle(bold: true))
    row += 1
    let headerRow = row
    for (column, title) in ["STT", "Mã", "Chỉ tiêu", "Đơn vị tính", "Tử số", "Mẫu số", "Kết quả (%)", "Mục tiêu", "Đánh giá"].enumerated() {
      try sheet.text(row, column, title, .tableHeader)
    }
    row += 1
    let node = data.provinceCode
    for (index, indicator) in Indicators.plan.enumerated() {
      let value = data.value(node, indicator.code)
      let target = data.config.target(of: indicator.code, in: data.period)
      try sheet.number(row, 0, Double(index + 1), .centered)
      try sheet.text(row, 1, indicator.code, .centered)
      try sheet.text(row, 2, indicator.label, .cell)

      try sheet.text(row, 3, "%", .centered)
      try sheet.number(row, 4, value?.numerator.map(Double.init), .count)
      try sheet.number(row, 5, value?.denominator.map(Double.init), .count)
      try sheet.number(row, 6, value?.value, .percent)
      try sheet.number(row, 7, target?.target, .percent)
      let assessment = data.config.assessment(of: indicator.code, value: value?.value, in: data.period) ?? ""
      try sheet.text(row, 8, assessment, CellStyle(align: .center, wrap: true, border: true))
      try sheet.rowHeight(row, 15.75 * max(XLSXSheet.lines(indicator.label, width: 56), XLSXSheet.lines(assessment, width: 17)))
      row += 1
    }
    if data.period.kind == .firstHalf {
      try sheet.merge(
        row, 0, 8,
        "Ghi chú: trong báo cáo 6 tháng, mục tiêu là mục tiêu cả năm; kết quả thể hiện tiến độ thực hiện, chưa phải kết quả cả năm, nên chưa đánh giá đạt hay chưa đạt. Chỉ tiêu CT2 (Tháng hành động) chỉ có trong báo cáo năm.",
        CellStyle(italic: true, wrap: true))
      try sheet.rowHeight(row, 32)
      row += 1
    }
    sheet.freeze(rows: headerRow + 1, columns: 0)

    row += 1
    // Three printed pages whatever the length of section I: the indicators, the totals, then the
    // last table with the signature.
    try sheet.pageBreaks(before: [row, row + 3 + Indicators.totals.count])
    try sheet.text(row, 0, "II. SỐ LIỆU TỔNG HỢP", CellStyle(bold: true))
    row += 1
    for (column, title) in ["STT", "Mã", "Nội dung", "Đơn vị tính", "Số liệu"].enumerated() {
      try sheet.text(row, column, title, .tableHeader)
    }
    row += 1
    for (index, total) in Indicators.totals.enumerated() {
      let value = data.value(node, total.code)
      try sheet.number(row, 0, Double(index + 1), .centered)
      try sheet.text(row, 1, total.code, .centered)
      try sheet.text(row, 2, total.label, .cell)
      try sheet.fitHeight(row, total.label, width: 60)
      try sheet.text(row, 3, total.measure, .centered)
      try sheet.number(row, 4, value?.value, total.isRatio ? .percent : .count)
      row += 1
    }

    row += 1
    try sheet.text(row, 0, "III. TÌNH HÌNH GỬI BÁO CÁO", CellStyle(bold: true))
    row += 1
    for (column, title) in ["STT", "Loại đơn vị", "", "Phải nộp", "Đã nộp", "Tỷ lệ nộp", "Đúng hạn", "Tỷ lệ đúng hạn"].enumerated() {
      try sheet.text(row, column, title, .tableHeader)
    }
    row += 1
    let kinds = UnitType.reporting.map { ($0.rawValue, $0.label) } + [("tat_ca", "Tất cả đơn vị")]
    for (index, kind) in kinds.enumerated() {
      let sent = data.value(node, "NOP_\(kind.0)")
      let onTime = data.value(node, "DUNG_HAN_\(kind.0)")
      try sheet.number(row, 0, Double(index + 1), .centered)
      try sheet.merge(row, 1, 2, kind.1, .cell)
      try sheet.number(row, 3, sent?.denominator.map(Double.init) ?? 0, .count)
      try sheet.number(row, 4, sent?.numerator.map(Double.init) ?? 0, .count)
      try sheet.number(row, 5, sent?.value, .percent)
      try sheet.number(row, 6, onTime?.numerator.map(Double.init) ?? 0, .count)
      try sheet.number(row, 7, onTime?.value, .percent)
      row += 1
    }

    row += 2
    // "Nơi nhận:" at the bottom left, the head of the issuing body at the right.
    let others =
      data.bodies.recipients
      ?? [recipient == data.bodies.ministry ? "UBND tỉnh \(province) (để báo cáo)" : "\(data.bodies.ministry) (để báo cáo)"]
    let recipients = ["Như trên;"] + others.map { "\($0);" } + ["Lưu: VT, \(data.bodies.issuerShort)."]
    try sheet.merge(row, 0, 2, "Nơi nhận:", CellStyle(bold: true, italic: true))
    try sheet.merge(row, 5, 8, data.bodies.signerTitle, centerBold)
    // Row after row: a large workbook is written in constant memory.
    for (offset, line) in recipients.enumerated() {
      try sheet.merge(row + 1 + offset, 0, 2, "- \(line)", CellStyle(size: 11))
      if offset == 0 { try sheet.merge(row + 1, 5, 8, "(Ký, ghi rõ họ tên, đóng dấu)", CellStyle(italic: true, align: .center)) }
    }
    try sheet.printSetup(headerRows: nil)
  }

  /// "Ninh Bình, ngày 20 tháng 01 năm 2025".
  static func dateLine(_ province: String, _ day: CalendarDay) -> String {
    let (dd, mm) = (day.day < 10 ? "0\(day.day)" : "\(day.day)", day.month < 10 ? "0\(day.month)" : "\(day.month)")
    return "\(province), ngày \(dd) tháng \(mm) năm \(day.year)"
  }
}
