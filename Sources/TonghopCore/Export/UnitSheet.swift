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

  func write(into book: XLSXWorkbook) throws(TonghopError) {
    let sheet = try book.addSheet(name)
    let elements = DataDictionary.elements.filter { element in
      types.contains { element.requirement(for: $0, in: data.period) != .notApplicable }
    }
    let fixed = ["Mã", "Tên đơn vị", "Loại", "Địa bàn", "Tình trạng", "Ngày lập"]
    try sheet.widths([10, 34, 14, 22, 16, 11] + elements.map { _ in 12 })
    try sheet.text(0, 0, "\(name.uppercased()) – \(data.period.titleWords)", CellStyle(bold: true, size: 14))
    let header = 2
    for (column, title) in fixed.enumerated() {
      try sheet.text(header, column, title, .tableHeader)
    }
    for (offset, element) in elements.enumerated() {
      let unit = element.unit.isEmpty ? "" : " (\(element.unit))"
      try sheet.text(header, fixed.count + offset, element.label + unit, .tableHeader)
    }
    try sheet.rowHeight(header, 120)
    let cells = elements.map { StageTable.position(of: $0.code, in: AcceptedRow.header) }
    var row = header + 1
    for unit in units {
      let values = data.current[unit.code]
      let reported = values != nil
      let plain = reported ? CellStyle.cell : CellStyle(wrap: true, border: true, shaded: true)
      try sheet.text(row, 0, unit.code, plain)
      try sheet.text(row, 1, unit.name, plain)
      try sheet.text(row, 2, unit.type.label, plain)
      try sheet.text(row, 3, data.areas.areaName(of: unit), plain)
      try sheet.text(row, 4, UnitSheet.statusWords[unit.status.rawValue] ?? "", plain)
      try sheet.text(row, 5, (values?["ngay_lap"]).flatMap(CalendarDay.init(iso:))?.vietnamese ?? "", plain)
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
    try sheet.printSetup(headerRows: header...header)
  }
}
