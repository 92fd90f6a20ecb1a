/// The `Theo địa bàn` sheet: one row per area below the province, then the province;
/// one column per target indicator, the main totals and completeness (every indicator of every
/// area is in `chi-tieu.csv`); a chart of CT1, CT4 and CT5 by area.
struct AreaSheet {
  static let columns = Indicators.targets.map(\.code) + [
    "TS_cuoc_tt", "TS_luot_nam", "TS_luot_nu", "TS_ty_le_nu", "NOP_tat_ca", "DUNG_HAN_tat_ca",
  ]

  let data: ReportData

  func write(into book: XLSXWorkbook) throws(TonghopError) {
    let sheet = try book.addSheet("Theo địa bàn")
    let indicators = AreaSheet.columns.compactMap { Indicators.byCode[$0] }
    try sheet.widths([10, 26] + indicators.map { _ in 13 })
    try sheet.text(0, 0, "KẾT QUẢ THEO ĐỊA BÀN – \(data.period.titleWords)", CellStyle(bold: true, size: 14))
    let header = 2
    try sheet.text(header, 0, "Mã", .tableHeader)
    try sheet.text(header, 1, "Địa bàn", .tableHeader)
    for (index, indicator) in indicators.enumerated() {
      try sheet.text(header, index + 2, "\(indicator.code) – \(indicator.label)", .tableHeader)
    }
    try sheet.rowHeight(header, 150)
    var row = header + 1
    let areas = data.hierarchy.areas
    for area in areas + [data.hierarchy.province] {
      let isProvince = area.code == data.provinceCode
      try sheet.text(row, 0, area.code, isProvince ? .boldCell : .cell)
      try sheet.text(row, 1, area.name, isProvince ? .boldCell : .cell)
      for (index, indicator) in indicators.enumerated() {
        let value = data.value(area.code, indicator.code)?.value
        let style: CellStyle = indicator.isRatio ? (isProvince ? .boldPercent : .percent) : (isProvince ? .boldCount : .count)
        try sheet.number(row, index + 2, value, style)
      }
      row += 1
    }
    try sheet.freeze(rows: header + 1, columns: 2)
    try sheet.autofilter(header, row - 1, indicators.count + 1)
    try sheet.printSetup(headerRows: header...header)
    if !areas.isEmpty {
      let columnOf = Dictionary(uniqueKeysWithValues: indicators.enumerated().map { ($1.code, $0 + 2) })
      try sheet.columnChart(
        at: row + 2, 1, title: "CT1, CT4, CT5 theo địa bàn – \(data.period.titleWords)",
        categories: (column: 1, rows: (header + 1)...(header + areas.count)),
        series: ["CT1", "CT4", "CT5"].compactMap { code in columnOf[code].map { (name: code, column: $0) } })
    }
  }
}
