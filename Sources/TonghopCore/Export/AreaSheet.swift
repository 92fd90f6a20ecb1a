/// The `Theo địa bàn` sheet: one row per area below the province, then the province;
/// one column per indicator; a chart of CT1, CT4 and CT5 by area.
struct AreaSheet {
  let data: ReportData

  func write(into book: XLSXWorkbook) throws(TonghopError) {
    let sheet = try book.addSheet("Theo địa bàn")
    let indicators = Indicators.all
    try sheet.widths([10, 30] + indicators.map { _ in 16 })
    try sheet.text(0, 0, "KẾT QUẢ THEO ĐỊA BÀN – \(data.period.titleWords)", CellStyle(bold: true, size: 14))
    let header = 2
    try sheet.text(header, 0, "Mã", .tableHeader)
    try sheet.text(header, 1, "Địa bàn", .tableHeader)
    for (index, indicator) in indicators.enumerated() {
      try sheet.text(header, index + 2, "\(indicator.code) – \(indicator.label)", .tableHeader)
    }
    try sheet.rowHeight(header, 96)
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
