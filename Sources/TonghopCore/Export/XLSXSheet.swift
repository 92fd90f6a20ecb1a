import Foundation
import CXLSXWriter

/// One worksheet of an `XLSXWorkbook`; every write is checked. Not copyable: the raw pointer lives
/// as long as its workbook, so one sheet value is handed out per sheet and never duplicated.
public struct XLSXSheet: ~Copyable {
  let sheet: UnsafeMutablePointer<lxw_worksheet>
  public let name: String
  unowned let book: XLSXWorkbook

  /// Text, always as a string cell: a value that looks like a formula stays text.
  public func text(_ row: Int, _ column: Int, _ value: String, _ style: CellStyle = .plain) throws(TonghopError) {
    try check(
      worksheet_write_string(sheet, UInt32(row), UInt16(column), XLSXSheet.safe(value), book.format(style)),
      "trang \(name), dòng \(row + 1)")
  }

  public func number(_ row: Int, _ column: Int, _ value: Double, _ style: CellStyle) throws(TonghopError) {
    try check(worksheet_write_number(sheet, UInt32(row), UInt16(column), value, book.format(style)), "trang \(name), dòng \(row + 1)")
  }

  /// A number, or an empty bordered cell when there is none.
  public func number(_ row: Int, _ column: Int, _ value: Double?, _ style: CellStyle) throws(TonghopError) {
    if let value {
      try number(row, column, value, style)
    } else {
      try blank(row, column, style)
    }
  }

  /// A date cell (shown by the style's format, `dd/mm/yyyy`), or an empty bordered cell.
  public func date(_ row: Int, _ column: Int, _ day: CalendarDay?, _ style: CellStyle = .date) throws(TonghopError) {
    guard let day else { return try blank(row, column, style) }
    var value = lxw_datetime(year: Int32(day.year), month: Int32(day.month), day: Int32(day.day), hour: 0, min: 0, sec: 0)
    try check(worksheet_write_datetime(sheet, UInt32(row), UInt16(column), &value, book.format(style)), "trang \(name), dòng \(row + 1)")
  }

  public func blank(_ row: Int, _ column: Int, _ style: CellStyle) throws(TonghopError) {
    try check(worksheet_write_blank(sheet, UInt32(row), UInt16(column), book.format(style)), "trang \(name), dòng \(row + 1)")
  }

  /// A formula with the value we computed stored beside it, for readers that never recalculate.
  public func formula(_ row: Int, _ column: Int, _ formula: String, cached: Double, _ style: CellStyle) throws(TonghopError) {
    try check(
      worksheet_write_formula_num(sheet, UInt32(row), UInt16(column), formula, book.format(style), cached),
      "trang \(name), dòng \(row + 1)")
  }

  /// Text over several cells of a row: merged, or centred across them in constant-memory mode
  /// (where libxlsxwriter cannot merge).
  public func merge(_ row: Int, _ first: Int, _ last: Int, _ value: String, _ style: CellStyle) throws(TonghopError) {
    guard book.constantMemory else {
      try check(
        worksheet_merge_range(sheet, UInt32(row), UInt16(first), UInt32(row), UInt16(last), XLSXSheet.safe(value), book.format(style)),
        "trang \(name), dòng \(row + 1)")
      return
    }
    var across = style
    across.align = .centerAcross
    try text(row, first, value, across)
    for column in (first + 1)...max(first + 1, last) where column <= last { try blank(row, column, across) }
  }

  /// Columns folded away behind an outline "+" (shown by a click), for the figures behind a formula.
  public func foldColumns(_ columns: ClosedRange<Int>, width: Double) throws(TonghopError) {
    var options = lxw_row_col_options()
    options.hidden = 1
    options.level = 1
    try check(
      worksheet_set_column_opt(sheet, UInt16(columns.lowerBound), UInt16(columns.upperBound), width, nil, &options),
      "trang \(name), cột thu gọn")
  }

  /// Printed pages start at these rows.
  public func pageBreaks(before rows: [Int]) throws(TonghopError) {
    var breaks = rows.map { UInt32($0) } + [0]
    try check(worksheet_set_h_pagebreaks(sheet, &breaks), "trang \(name), ngắt trang")
  }

  public func printArea(rows: ClosedRange<Int>, columns: ClosedRange<Int>) throws(TonghopError) {
    try check(
      worksheet_print_area(
        sheet, UInt32(rows.lowerBound), UInt16(columns.lowerBound), UInt32(rows.upperBound), UInt16(columns.upperBound)),
      "trang \(name), vùng in")
  }

  /// `A`, `B`, … `Z`, `AA`, … for a zero-based column, as formulas name it.
  public static func columnName(_ column: Int) -> String {
    var name = ""
    var rest = column + 1
    while rest > 0 {
      let digit = (rest - 1) % 26
      name = String(UnicodeScalar(UInt8(65 + digit))) + name
      rest = (rest - 1) / 26
    }
    return name
  }

  public func widths(_ widths: [Double]) throws(TonghopError) {
    for (column, width) in widths.enumerated() {
      try check(worksheet_set_column(sheet, UInt16(column), UInt16(column), width, nil), "trang \(name), độ rộng cột")
    }
  }

  public func rowHeight(_ row: Int, _ height: Double) throws(TonghopError) {
    try check(worksheet_set_row(sheet, UInt32(row), height, nil), "trang \(name), chiều cao dòng")
  }

  /// Row height for wrapped text: libxlsxwriter cannot measure text, and LibreOffice keeps the
  /// stored height, so the height is set from the number of lines the text needs.
  public func fitHeight(_ row: Int, _ text: String, width: Double) throws(TonghopError) {
    let lines = XLSXSheet.lines(text, width: width)
    if lines > 1 { try rowHeight(row, 15.75 * lines) }
  }

  /// How many lines a text needs in a column of `width` characters, in Times New Roman 12.
  static func lines(_ text: String, width: Double) -> Double {
    max(1, (Double(text.count) / (width * 1.15)).rounded(.up))
  }

  /// A4 landscape, one page wide, header rows repeated, "Trang n/m" in the footer.
  /// `narrow`: side margins of 0.25" instead of 0.4", for the widest tables (the unit sheets).
  public func printSetup(headerRows: ClosedRange<Int>?, narrow: Bool = false) throws(TonghopError) {
    worksheet_set_landscape(sheet)
    worksheet_set_paper(sheet, 9)
    // Narrower side margins than the default 0.7": wide tables print larger.
    worksheet_set_margins(sheet, narrow ? 0.25 : 0.4, narrow ? 0.25 : 0.4, 0.6, 0.6)
    worksheet_fit_to_pages(sheet, 1, 0)
    if let headerRows {
      try check(worksheet_repeat_rows(sheet, UInt32(headerRows.lowerBound), UInt32(headerRows.upperBound)), "trang \(name), dòng lặp lại khi in")
    }
    try check(worksheet_set_footer(sheet, "&CTrang &P/&N"), "trang \(name), chân trang")
  }

  public func freeze(rows: Int, columns: Int) {
    worksheet_freeze_panes(sheet, UInt32(rows), UInt16(columns))
  }

  public func autofilter(_ firstRow: Int, _ lastRow: Int, _ lastColumn: Int) throws(TonghopError) {
    try check(worksheet_autofilter(sheet, UInt32(firstRow), 0, UInt32(lastRow), UInt16(lastColumn)), "trang \(name), bộ lọc")
  }

  /// A column chart, `scale` times libxlsxwriter's default size (480 × 288 pixels).
  public func columnChart(
    at row: Int, _ column: Int, title: String, categories: (column: Int, rows: ClosedRange<Int>),
    series: [(name: String, column: Int)], scale: (x: Double, y: Double) = (1, 1)
  ) throws(TonghopError) {
    let chart = try book.columnChart(title: title, sheet: self, categories: categories, series: series)
    var options = lxw_chart_options()
    options.x_scale = scale.x
    options.y_scale = scale.y
    try check(worksheet_insert_chart_opt(sheet, UInt32(row), UInt16(column), chart, &options), "trang \(name), biểu đồ")
  }

  /// A note on a cell (Excel shows it when the pointer rests on the cell).
  public func comment(_ row: Int, _ column: Int, _ text: String) throws(TonghopError) {
    try check(worksheet_write_comment(sheet, UInt32(row), UInt16(column), XLSXSheet.safe(text)), "trang \(name), chú thích")
  }

  /// Only whole numbers from 0 to 10¹² may be typed in the cells.
  public func allowWholeNumbers(rows: ClosedRange<Int>, column: Int, message: String) throws(TonghopError) {
    var rule = lxw_data_validation()
    rule.validate = UInt8(LXW_VALIDATION_TYPE_INTEGER.rawValue)
    rule.criteria = UInt8(LXW_VALIDATION_CRITERIA_BETWEEN.rawValue)
    rule.minimum_number = 0
    rule.maximum_number = 1e12
    try validate(&rule, rows: rows, column: column, message: message)
  }

  /// Only one of `choices` may be typed in the cells; Excel offers them in a drop-down.
  public func allowChoices(_ choices: [String], rows: ClosedRange<Int>, column: Int, message: String) throws(TonghopError) {
    var rule = lxw_data_validation()
    rule.validate = UInt8(LXW_VALIDATION_TYPE_LIST.rawValue)
    let list = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: choices.count + 1)
    defer {
      for index in 0..<choices.count { free(list[index]) }
      list.deallocate()
    }
    for (index, choice) in choices.enumerated() { list[index] = strdup(choice) }
    list[choices.count] = nil
    rule.value_list = list
    try validate(&rule, rows: rows, column: column, message: message)
  }

  private func validate(
    _ rule: inout lxw_data_validation, rows: ClosedRange<Int>, column: Int, message: String
  ) throws(TonghopError) {
    let text = strdup(String(message.prefix(250)))
    defer { free(text) }
    rule.input_message = text
    // libxlsxwriter copies the rule and its strings into a validation object of its own.
    try check(
      worksheet_data_validation_range(
        sheet, UInt32(rows.lowerBound), UInt16(column), UInt32(rows.upperBound), UInt16(column), &rule),
      "trang \(name), kiểm tra dữ liệu nhập")
  }

  /// A line chart with one series per row: categories from a header row of the same sheet.
  public func lineChart(
    at row: Int, _ column: Int, title: String, categories: (row: Int, columns: ClosedRange<Int>),
    series: [(name: String, row: Int)]
  ) throws(TonghopError) {
    let chart = try book.lineChart(title: title, sheet: self, categories: categories, series: series)
    try check(worksheet_insert_chart(sheet, UInt32(row), UInt16(column), chart), "trang \(name), biểu đồ")
  }

  /// Text as libxlsxwriter must receive it: no NUL (C strings end there), at most 32,767
  /// characters, and a literal `_xHHHH_` escaped so that readers do not decode it.
  static func safe(_ value: String) -> String {
    // Most texts need nothing: short, no NUL, no "_x".
    var previous: UInt8 = 0
    let plain = value.utf8.count <= 32_767 && value.utf8.allSatisfy { byte in
      defer { previous = byte }
      return byte != 0 && !(previous == UInt8(ascii: "_") && byte == UInt8(ascii: "x"))
    }
    if plain { return value }
    var text = value.replacingOccurrences(of: "\0", with: "")
    if text.contains("_x") {
      text = text.replacingOccurrences(of: #"_(x[0-9A-Fa-f]{4}_)"#, with: "_x005F_$1", options: .regularExpression)
    }
    if text.unicodeScalars.count > 32_767 {
      text = String(String.UnicodeScalarView(text.unicodeScalars.prefix(32_767)))
    }
    return text
  }
}
