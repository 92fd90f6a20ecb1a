/// `Cấp xã`, `Cấp huyện`, `Trường học`, `Sở ngành - Báo chí`: every expected unit of those types with
/// its status and its current values; units without a valid report are listed too, marked.
struct UnitSheet {
  let name: String
  let types: [UnitType]
  let data: ReportData

  static func all(_ data: ReportData) -> [UnitSheet] {
    [
      UnitSheet(name: "Cấp xã", types: [.xa], data: data),
      UnitSheet(name: "Cấp huyện", types: [.huyen], data: data),
      UnitSheet(name: "Trường học", types: [.truong], data: data),
      UnitSheet(name: "Sở ngành - Báo chí", types: [.soNganh, .baoChi], data: data),
    ]
  }

  static let statusWords = [
    RollupStage.Status.onTime.rawValue: "Đúng hạn", RollupStage.Status.late.rawValue: "Trễ hạn",
    RollupStage.Status.rejected.rawValue: "Có lỗi, chưa hợp lệ", RollupStage.Status.missing.rawValue: "Chưa nộp",
  ]

  static let mediaLevelWords = ["khong": "Không", "thi_diem": "Thí điểm", "chinh_thuc": "Chính thức"]

  var units: [StagedAreas.ExpectedUnit] { data.areas.expected.filter { types.contains($0.type) } }

  /// Column widths that keep the sheet one A4 page wide at a readable size (about 9 pt on paper).
  private static func width(_ element: Element) -> Double {
    switch element.kind {
    case .count: 5.5
    case .money: 9
    case .yesNo: 6
    case .mediaLevel: 9
    }
  }

  func write(into book: XLSXWorkbook) throws(TonghopError) {
    let sheet = try book.addSheet(name)
    let elements = DataDictionary.elements.filter { element in
      types.contains { element.requirement(for: $0, in: data.period) != .notApplicable }
    }
    // The type is a column only where the sheet holds more than one.
    let showsType = types.count > 1
    let fixed = ["Mã", "Tên đơn vị"] + (showsType ? ["Loại"] : []) + ["Địa bàn", "Tình trạng", "Ngày lập"]
    let fixedWidths: [Double] = [6, 17] + (showsType ? [12] : []) + [11.5, 8.5, 9.5]
    let widths = fixedWidths + elements.map(UnitSheet.width)
    try sheet.widths(widths)
    try sheet.text(0, 0, "\(name.uppercased()) – \(data.period.titleWords)", CellStyle(bold: true, size: 14))
    let header = 2
    for (column, title) in fixed.enumerated() {
      try sheet.text(header, column, title, .tableHeader)
    }
    var headerLines = 1.0
    for (offset, element) in elements.enumerated() {
      let unit = element.unit.isEmpty || element.label.contains("(\(element.unit))") ? "" : " (\(element.unit))"
      try sheet.text(header, fixed.count + offset, element.label + unit, .tableHeader)
      headerLines = max(headerLines, XLSXSheet.lines(element.label + unit, width: widths[fixed.count + offset]))
    }
    try sheet.rowHeight(header, 15.75 * min(headerLines, 14))
    let cells = elements.map { StageTable.position(of: $0.code, in: AcceptedRow.header) }
    var row = header + 1
    for unit in units {
      let values = data.current[unit.code]
      let reported = values != nil
      let plain = reported ? CellStyle.cell : CellStyle(wrap: true, border: true, shaded: true)
      var texts = [unit.code, unit.name] + (showsType ? [unit.type.label] : [])
      texts += [data.areas.areaName(of: unit), UnitSheet.statusWords[unit.status.rawValue] ?? ""]
      for (column, text) in texts.enumerated() { try sheet.text(row, column, text, plain) }
      var dateStyle = CellStyle.date
      dateStyle.shaded = !reported
      try sheet.date(row, texts.count, (values?["ngay_lap"]).flatMap(CalendarDay.init(iso:)), dateStyle)
      // Long names wrap: the row is as tall as its longest text needs.
      let lines = zip(texts, fixedWidths).map { XLSXSheet.lines($0, width: $1) }.max() ?? 1
      if lines > 1 { try sheet.rowHeight(row, 15.75 * lines) }
      for (offset, element) in elements.enumerated() {
        let column = fixed.count + offset
        let raw = values?[at: cells[offset]] ?? ""
        switch element.kind {
        case .count, .money:
          try sheet.number(row, column, Double(raw), .count)
        case .yesNo:
          try sheet.text(row, column, raw == "1" ? "Có" : raw == "0" ? "Không" : "", .centered)
        case .mediaLevel:
          try sheet.text(row, column, UnitSheet.mediaLevelWords[raw] ?? "", .centered)
        }
      }
      row += 1
    }
    sheet.freeze(rows: header + 1, columns: 2)
    try sheet.autofilter(header, max(row - 1, header + 1), fixed.count + elements.count - 1)
    try sheet.printSetup(headerRows: header...header, narrow: true)
  }
}
