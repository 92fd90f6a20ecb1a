import Foundation

/// The review workbook of the plan's mid-term and final reviews (`export --xu-huong 2022-Y..2025-Y`):
/// each target indicator year by year against its milestone, for the province and by area, on the
/// areas of the last year; earlier years whose areas differ are restated (`Hierarchy.restated`) and
/// marked so.
public struct TrendWorkbook: WorksOnContext {
  let context: StageContext

  public init(_ context: StageContext) {
    self.context = context
  }

  public static func fileName(_ years: ClosedRange<Int>) -> String {
    "BaoCao-BDG-XuHuong-\(years.lowerBound)-\(years.upperBound).xlsx"
  }

  struct Year {
    let year: Int
    /// Node code → indicator code → value; nil when the year has no validated data.
    let values: [String: [String: IndicatorValue]]?
    let restated: Bool
  }

  /// Writes the workbook; returns its path. Years not yet validated show as empty columns.
  public func write(_ years: ClosedRange<Int>) throws(TonghopError) -> String {
    let last = Period(year: years.upperBound, kind: .year)
    let today = config.referenceDate(of: last)
    let areas = try Hierarchy(registry: registry, date: today)
    let rollup = RollupStage(context)
    var data: [Year] = []
    for year in years {
      let period = Period(year: year, kind: .year)
      let folder = workspace.staging(period)
      // A year never validated, or with no valid report at all, has no data: an empty column,
      // never 0%.
      let accepted = folder.appendingPathComponent(StageFile.accepted)
      guard FileManager.default.fileExists(atPath: accepted.path),
        try StageTable.read(accepted, header: AcceptedRow.header, writtenBy: "validate --period \(period.code)").rows.count > 0
      else {
        data.append(Year(year: year, values: nil, restated: false))
        continue
      }
      let own = try Hierarchy(registry: registry, date: config.referenceDate(of: period))
      let restated = own.areas.map(\.code) != areas.areas.map(\.code) || own.areas.map(\.name) != areas.areas.map(\.name)
      let file: String
      if restated {
        _ = try rollup.run(period, restatedOn: today)
        file = StageFile.restatedIndicators(today)
      } else {
        file = StageFile.indicators
      }
      let table = try StageTable.read(
        folder.appendingPathComponent(file), header: IndicatorValue.header, writtenBy: "rollup --period \(period.code)")
      let values = try IndicatorValue.byNode(table)
      data.append(Year(year: year, values: values, restated: restated))
    }

    let url = workspace.outputs.appendingPathComponent("reports").appendingPathComponent(TrendWorkbook.fileName(years))
    let bodies = config.bodies(for: last)
    let properties = DocumentProperties(
      title: "Xu hướng các chỉ tiêu truyền thông về bình đẳng giới \(years.lowerBound)–\(years.upperBound)",
      author: bodies.issuer, created: today)
    try XLSXWorkbook.write(to: url, scratch: workspace.scratch, properties: properties) { book throws(TonghopError) in
      try writeSummary(book, data, province: areas.province, last: last, today: today)
      try writeAreas(book, data, areas: areas, today: today)
    }
    return url.path
  }

  private func yearTitle(_ year: Year) -> String {
    year.restated ? "Năm \(year.year) (*)" : "Năm \(year.year)"
  }

  private func writeSummary(
    _ book: XLSXWorkbook, _ data: [Year], province: Unit, last: Period, today: CalendarDay
  ) throws(TonghopError) {
    let sheet = try book.addSheet("Xu hướng")
    let indicators = Indicators.plan
    try sheet.widths([8, 56] + data.map { _ in 13 } + [14, 13])
    try sheet.text(0, 0, "XU HƯỚNG CÁC CHỈ TIÊU \(data.first!.year)–\(data.last!.year) – \(province.name.uppercased())", CellStyle(bold: true, size: 14))
    let header = 2
    try sheet.text(header, 0, "Mã", .tableHeader)
    try sheet.text(header, 1, "Chỉ tiêu", .tableHeader)
    for (offset, year) in data.enumerated() { try sheet.text(header, 2 + offset, yearTitle(year), .tableHeader) }
    let target = 2 + data.count
    try sheet.text(header, target, "Mục tiêu (năm mốc)", .tableHeader)
    try sheet.text(header, target + 1, "Đánh giá năm \(last.year)", .tableHeader)
    try sheet.rowHeight(header, 32)
    for (index, indicator) in indicators.enumerated() {
      let row = header + 1 + index
      try sheet.text(row, 0, indicator.code, .centered)
      try sheet.text(row, 1, indicator.label, .cell)
      try sheet.fitHeight(row, indicator.label, width: 56)
      for (offset, year) in data.enumerated() {
        try sheet.number(row, 2 + offset, year.values?[province.code]?[indicator.code]?.value, .percent)
      }
      let milestone = config.target(of: indicator.code, in: last)
      try sheet.text(row, target, milestone.map { "\(Int(($0.target * 100).rounded()))% (\($0.year))" } ?? "", .centered)
      let latest = data.last?.values?[province.code]?[indicator.code]?.value
      try sheet.text(row, target + 1, config.assessment(of: indicator.code, value: latest, in: last) ?? "", .centered)
    }
    var row = header + 1 + indicators.count + 1
    for note in notes(data, today: today) {
      try sheet.text(row, 0, note, CellStyle(italic: true))
      row += 1
    }
    sheet.freeze(rows: header + 1, columns: 2)
    try sheet.printSetup(headerRows: header...header)
    try sheet.lineChart(
      at: row + 1, 1, title: "Các chỉ tiêu theo năm", categories: (row: header, columns: 2...(1 + data.count)),
      series: indicators.enumerated().map { (name: $1.code, row: header + 1 + $0) })
  }

  private func writeAreas(_ book: XLSXWorkbook, _ data: [Year], areas: Hierarchy, today: CalendarDay) throws(TonghopError) {
    let sheet = try book.addSheet("Theo địa bàn")
    try sheet.widths([10, 30] + data.map { _ in 13 })
    try sheet.text(0, 0, "CÁC CHỈ TIÊU THEO ĐỊA BÀN VÀ THEO NĂM (địa bàn ngày \(today.vietnamese))", CellStyle(bold: true, size: 14))
    var row = 2
    for indicator in Indicators.plan {
      try sheet.merge(row, 0, 1 + data.count, "\(indicator.code) – \(indicator.label)", CellStyle(bold: true, wrap: true))
      try sheet.fitHeight(row, indicator.label, width: 40 + 13 * Double(data.count))
      row += 1
      try sheet.text(row, 0, "Mã", .tableHeader)
      try sheet.text(row, 1, "Địa bàn", .tableHeader)
      for (offset, year) in data.enumerated() { try sheet.text(row, 2 + offset, yearTitle(year), .tableHeader) }
      row += 1
      for node in areas.areas + [areas.province] {
        let style: CellStyle = node.code == areas.province.code ? .boldCell : .cell
        try sheet.text(row, 0, node.code, style)
        try sheet.text(row, 1, node.name, style)
        for (offset, year) in data.enumerated() {
          try sheet.number(row, 2 + offset, year.values?[node.code]?[indicator.code]?.value, node.code == areas.province.code ? .boldPercent : .percent)
        }
        row += 1
      }
      row += 1
    }
    for note in notes(data, today: today) {
      try sheet.text(row, 0, note, CellStyle(italic: true))
      row += 1
    }
    try sheet.printSetup(headerRows: nil)
  }

  private func notes(_ data: [Year], today: CalendarDay) -> [String] {
    var notes: [String] = []
    if data.contains(where: \.restated) {
      notes.append(
        "(*) Số liệu năm này được quy đổi theo địa bàn hành chính ngày \(today.vietnamese): mỗi đơn vị được tính vào đơn vị mới giữ mã của nó hoặc theo bảng chuyển đổi (chuyen-doi.csv); đơn vị không có đơn vị kế thừa chỉ được tính ở cấp tỉnh.")
    }
    let missing = data.filter { $0.values == nil }.map { String($0.year) }
    if !missing.isEmpty {
      notes.append("Chưa có số liệu đã kiểm tra cho năm \(missing.joined(separator: ", ")).")
    }
    return notes
  }
}
