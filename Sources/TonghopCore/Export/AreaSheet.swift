/// The `Theo địa bàn` sheet: one row per area below the province, a "Cấp tỉnh" row for the units
/// directly under the province, then the province, whose cells are formulas over the rows above
/// with the computed values stored. One column per target indicator, the main totals and
/// completeness (every indicator of every area is in `chi-tieu.csv`); the numerators and
/// denominators behind each ratio sit in folded columns to the right, so a reader can audit the
/// province's ratios; a chart of CT1, CT4 and CT5 by area.
struct AreaSheet {
  static let columns = Indicators.plan.map(\.code) + [
    "TS_cuoc_tt", "TS_luot_nam", "TS_luot_nu", "TS_ty_le_nu", "NOP_tat_ca", "DUNG_HAN_tat_ca",
  ]

  let data: ReportData

  func write(into book: XLSXWorkbook) throws(TonghopError) {
    let sheet = try book.addSheet("Theo địa bàn")
    let indicators = AreaSheet.columns.compactMap { Indicators.byCode[$0] }
    let ratios = indicators.filter(\.isRatio)
    let first = 2
    // Column of each indicator's value, and of the numerator and denominator behind each ratio.
    let valueColumn = Dictionary(uniqueKeysWithValues: indicators.enumerated().map { ($1.code, first + $0) })
    let helperStart = first + indicators.count + 1
    let partsColumn = Dictionary(uniqueKeysWithValues: ratios.enumerated().map { ($1.code, helperStart + 2 * $0) })

    // Narrow columns under tall wrapped headings: the table prints one page wide at about 9 pt.
    let width = 9.0
    try sheet.widths([7, 20] + indicators.map { _ in width })
    try sheet.text(0, 0, "KẾT QUẢ THEO ĐỊA BÀN – \(data.period.titleWords)", CellStyle(bold: true, size: 14))
    let header = 2
    try sheet.text(header, 0, "Mã", .tableHeader)
    try sheet.text(header, 1, "Địa bàn", .tableHeader)
    for indicator in indicators {
      try sheet.text(header, valueColumn[indicator.code]!, Indicators.heading(indicator), .tableHeader)
    }
    for ratio in ratios {
      let name = Indicators.plan.contains { $0.code == ratio.code } ? ratio.code : ratio.label
      try sheet.text(header, partsColumn[ratio.code]!, "\(name) – Tử số", .tableHeader)
      try sheet.text(header, partsColumn[ratio.code]! + 1, "\(name) – Mẫu số", .tableHeader)
    }
    try sheet.rowHeight(header, 15.75 * (indicators.map { XLSXSheet.lines(Indicators.heading($0), width: width) }.max() ?? 1))

    typealias Line = (code: String, name: String, value: (String) -> IndicatorValue?)
    var lines: [Line] = data.areas.areas.map { area in (area.code, area.name, { data.value(area.code, $0) }) }
    if data.areas.hasProvinceLevelUnits {
      lines.append(("", "Cấp tỉnh (đơn vị trực thuộc tỉnh)", { data.provinceLevel($0) }))
    }
    // Before the rows: in constant-memory mode a range may not end on a row already written.
    try sheet.autofilter(header, header + lines.count, first + indicators.count - 1)
    var row = header + 1
    for line in lines {
      try sheet.text(row, 0, line.code, .cell)
      try sheet.text(row, 1, line.name, .cell)
      for indicator in indicators {
        let value = line.value(indicator.code)
        try sheet.number(row, valueColumn[indicator.code]!, value?.value, indicator.isRatio ? .percent : .count)
        if let parts = partsColumn[indicator.code] {
          try sheet.number(row, parts, Double(value?.numerator ?? 0), .count)
          try sheet.number(row, parts + 1, Double(value?.denominator ?? 0), .count)
        }
      }
      row += 1
    }

    // The province: sums of the rows above, as formulas with our values stored; a province with no
    // unit below it at all has no rows to add, and its values are written as they are.
    let province = data.provinceCode
    let span = lines.isEmpty ? nil : (header + 2)...row  // 1-based rows of the lines above
    func sum(_ column: Int) -> String? {
      let name = XLSXSheet.columnName(column)
      return span.map { "SUM(\(name)\($0.lowerBound):\(name)\($0.upperBound))" }
    }
    func write(_ column: Int, _ formula: String?, _ value: Double?, _ style: CellStyle) throws(TonghopError) {
      if let formula, let value {
        try sheet.formula(row, column, "=" + formula, cached: value, style)
      } else {
        try sheet.number(row, column, value, style)
      }
    }
    try sheet.text(row, 0, province, .boldCell)
    try sheet.text(row, 1, data.areas.province.name, .boldCell)
    for indicator in indicators {
      let value = data.value(province, indicator.code)
      let column = valueColumn[indicator.code]!
      if let parts = partsColumn[indicator.code] {
        try write(parts, sum(parts), Double(value?.numerator ?? 0), .boldCount)
        try write(parts + 1, sum(parts + 1), Double(value?.denominator ?? 0), .boldCount)
        let ratio = sum(parts).flatMap { numerator in sum(parts + 1).map { "\(numerator)/\($0)" } }
        try write(column, ratio, value?.value, .boldPercent)
      } else {
        try write(column, sum(column), value?.value ?? 0, .boldCount)
      }
    }
    try sheet.foldColumns(helperStart...(helperStart + 2 * ratios.count - 1), width: 11)
    sheet.freeze(rows: header + 1, columns: 2)
    let areas = data.areas.areas.count
    // The chart prints on the page after the table: inside the print area, after a page break.
    let chartRow = row + 2
    let chartRows = areas > 0 ? 26 : 0
    try sheet.printArea(rows: 0...(row + chartRows), columns: 0...(first + indicators.count - 1))
    try sheet.printSetup(headerRows: header...header, narrow: true)
    if areas > 0 {
      try sheet.pageBreaks(before: [chartRow])
      try sheet.columnChart(
        at: chartRow, 1, title: "CT1, CT4, CT5 theo địa bàn – \(data.period.titleWords)",
        categories: (column: 1, rows: (header + 1)...(header + areas)),
        series: ["CT1", "CT4", "CT5"].compactMap { code in valueColumn[code].map { (name: code, column: $0) } },
        scale: (2.0, 1.7))
    }
  }
}
