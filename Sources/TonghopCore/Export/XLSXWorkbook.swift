import CXLSXWriter
import Foundation

/// Document properties written into the workbook.
public struct DocumentProperties: Sendable {
  public var title: String
  public var author: String
  /// A date of the data, not of the run, so that reruns give the same file.
  public var created: CalendarDay
}

/// Owns one libxlsxwriter workbook. It exists only inside `XLSXWorkbook.write`, which closes it
/// exactly once and publishes the file only when it is complete.
public final class XLSXWorkbook {
  private let handle: UnsafeMutablePointer<lxw_workbook>
  /// Rows go straight to disk, in order: for sheets too large to hold in memory.
  let constantMemory: Bool
  private var formats: [CellStyle: UnsafeMutablePointer<lxw_format>] = [:]
  private var last: (style: CellStyle, format: UnsafeMutablePointer<lxw_format>)?
  private var sheetNames: Set<String> = []
  /// C strings that must outlive the calls that reference them (properties, chart names).
  private var retained: [UnsafeMutablePointer<CChar>] = []

  private init(handle: UnsafeMutablePointer<lxw_workbook>, constantMemory: Bool) {
    self.handle = handle
    self.constantMemory = constantMemory
  }

  deinit {
    retained.forEach { free($0) }
  }

  /// With `constantMemory`, every sheet must be written row after row (libxlsxwriter refuses a row
  /// above one already written) and merged cells become text centred across. The workbook and
  /// libxlsxwriter's own temporary files are made in `scratch` (`outputs/.tmp/`, emptied by every
  /// run, on the same disk): nothing but the finished file ever appears beside `url`.
  public static func write(
    to url: URL, scratch: URL, properties: DocumentProperties, constantMemory: Bool = false,
    _ body: (XLSXWorkbook) throws(TonghopError) -> Void
  ) throws(TonghopError) {
    try AtomicFile.makeFolder(url.deletingLastPathComponent())
    let temporary = scratch.appendingPathComponent("\(url.lastPathComponent).\(getpid()).\(UUID().uuidString)")
    try build(temporary, scratch: scratch, properties: properties, constantMemory: constantMemory, named: url.path, body)
    let manager = FileManager.default
    if let old = manager.contents(atPath: url.path), manager.contents(atPath: temporary.path) == old {
      try? manager.removeItem(at: temporary)  // the same workbook: leave the published one untouched
      return
    }
    CrashPoint.reached("after-temporary-workbook")
    do {
      try AtomicFile.sync(temporary.path, isFolder: false)
      try AtomicFile.publish(temporary, as: url)
      CrashPoint.reached("after-workbook-rename")
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      throw TonghopError.io(url.path, .publish, error)
    }
  }

  /// A small workbook's bytes (a unit's feedback file), made in `scratch` and read back: the caller
  /// writes many of them together.
  static func data(
    named name: String, scratch: URL, properties: DocumentProperties, _ body: (XLSXWorkbook) throws(TonghopError) -> Void
  ) throws(TonghopError) -> Data {
    let temporary = scratch.appendingPathComponent("\(name).\(getpid()).\(UUID().uuidString)")
    try build(temporary, scratch: scratch, properties: properties, constantMemory: false, named: name, body)
    defer { try? FileManager.default.removeItem(at: temporary) }
    guard let bytes = FileManager.default.contents(atPath: temporary.path) else {
      throw TonghopError.io(temporary.path, .read, POSIXError.current)
    }
    return bytes
  }

  /// Writes a workbook at `temporary` (libxlsxwriter's own temporary files in `scratch`).
  private static func build(
    _ temporary: URL, scratch: URL, properties: DocumentProperties, constantMemory: Bool, named name: String,
    _ body: (XLSXWorkbook) throws(TonghopError) -> Void
  ) throws(TonghopError) {
    try AtomicFile.makeFolder(scratch)
    var options = lxw_workbook_options()
    options.constant_memory = constantMemory ? 1 : 0
    let scratch = strdup(scratch.path)
    defer { free(scratch) }
    options.tmpdir = scratch
    guard let handle = workbook_new_opt(temporary.path, &options) else {
      throw TonghopError(.io, "Không tạo được bảng tính \(temporary.path): \(SystemError.explain(errno: errno))")
    }
    let book = XLSXWorkbook(handle: handle, constantMemory: constantMemory)
    var failure: TonghopError?
    do {
      try book.setProperties(properties)
      try body(book)
    } catch {
      failure = error
    }
    // > workbook_close … frees all the memory used by the workbook (also on error): call it once.
    let closed = workbook_close(handle)
    if failure == nil, closed != LXW_NO_ERROR {
      failure = TonghopError(
        .io, "Không ghi được bảng tính \(name) (libxlsxwriter: \(String(cString: lxw_strerror(closed)))); hãy kiểm tra chỗ trống trên ổ đĩa rồi chạy lại")
    }
    if let failure {
      try? FileManager.default.removeItem(at: temporary)
      throw failure
    }
  }

  private func keep(_ text: String) -> UnsafeMutablePointer<CChar> {
    let copy = strdup(text)!
    retained.append(copy)
    return copy
  }

  private func setProperties(_ properties: DocumentProperties) throws(TonghopError) {
    var props = lxw_doc_properties()
    props.title = keep(properties.title)
    props.author = keep(properties.author)
    props.company = keep(properties.author)
    props.created = time_t(properties.created.ordinal * 86_400)
    try check(workbook_set_properties(handle, &props), "thuộc tính tài liệu")
  }

  /// A new sheet. Names follow Excel's rules: at most 31 characters, none of `[]:*?/\`, unique.
  public func addSheet(_ name: String) throws(TonghopError) -> XLSXSheet {
    let forbidden: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]
    let clean = String(name.filter { !forbidden.contains($0) }.prefix(31))
    guard !clean.isEmpty, !clean.hasPrefix("'"), !clean.hasSuffix("'"),
      sheetNames.insert(clean.lowercased()).inserted,
      let sheet = workbook_add_worksheet(handle, clean)
    else {
      throw TonghopError(.io, "Không thêm được trang «\(name)» vào bảng tính")
    }
    return XLSXSheet(sheet: sheet, name: clean, book: self)
  }

  func format(_ style: CellStyle) -> UnsafeMutablePointer<lxw_format> {
    // Neighbouring cells mostly share a style: one comparison instead of a hash per cell.
    if let last, last.style == style { return last.format }
    let format = lookUpFormat(style)
    last = (style, format)
    return format
  }

  private func lookUpFormat(_ style: CellStyle) -> UnsafeMutablePointer<lxw_format> {
    if let format = formats[style] { return format }
    let format = workbook_add_format(handle)!
    format_set_font_name(format, "Times New Roman")
    format_set_font_size(format, style.size)
    if style.bold { format_set_bold(format) }
    if style.italic { format_set_italic(format) }
    if style.wrap { format_set_text_wrap(format) }
    if style.border { format_set_border(format, UInt8(LXW_BORDER_THIN.rawValue)) }
    if style.shaded { format_set_bg_color(format, 0xDDEBF7) }
    switch style.align {
    case .general: break
    case .left: format_set_align(format, UInt8(LXW_ALIGN_LEFT.rawValue))
    case .center: format_set_align(format, UInt8(LXW_ALIGN_CENTER.rawValue))
    case .right: format_set_align(format, UInt8(LXW_ALIGN_RIGHT.rawValue))
    case .centerAcross: format_set_align(format, UInt8(LXW_ALIGN_CENTER_ACROSS.rawValue))
    }
    format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue))
    if let number = style.number.format { format_set_num_format(format, number) }
    formats[style] = format
    return format
  }

  /// A column chart of percentages: one series per value column, categories from a column.
  func columnChart(
    title: String, sheet: borrowing XLSXSheet, categories: (column: Int, rows: ClosedRange<Int>),
    series: [(name: String, column: Int)]
  ) throws(TonghopError) -> UnsafeMutablePointer<lxw_chart> {
    let chart = try percentChart(LXW_CHART_COLUMN, title: title)
    let sheetName = keep(sheet.name)
    let rows = (UInt32(categories.rows.lowerBound), UInt32(categories.rows.upperBound))
    for item in series {
      let s = try addSeries(chart, item.name)
      chart_series_set_categories(s, sheetName, rows.0, UInt16(categories.column), rows.1, UInt16(categories.column))
      chart_series_set_values(s, sheetName, rows.0, UInt16(item.column), rows.1, UInt16(item.column))
    }
    return chart
  }

  /// A line chart of percentages: one series per value row, categories from a header row.
  func lineChart(
    title: String, sheet: borrowing XLSXSheet, categories: (row: Int, columns: ClosedRange<Int>),
    series: [(name: String, row: Int)]
  ) throws(TonghopError) -> UnsafeMutablePointer<lxw_chart> {
    let chart = try percentChart(LXW_CHART_LINE, title: title)
    let sheetName = keep(sheet.name)
    let columns = (UInt16(categories.columns.lowerBound), UInt16(categories.columns.upperBound))
    for item in series {
      let s = try addSeries(chart, item.name)
      chart_series_set_categories(s, sheetName, UInt32(categories.row), columns.0, UInt32(categories.row), columns.1)
      chart_series_set_values(s, sheetName, UInt32(item.row), columns.0, UInt32(item.row), columns.1)
    }
    return chart
  }

  private func percentChart(_ type: lxw_chart_type, title: String) throws(TonghopError) -> UnsafeMutablePointer<lxw_chart> {
    guard let chart = workbook_add_chart(handle, UInt8(type.rawValue)) else {
      throw TonghopError(.io, "Không thêm được biểu đồ «\(title)» vào bảng tính")
    }
    chart_title_set_name(chart, keep(title))
    chart_axis_set_num_format(chart.pointee.y_axis, "0%")
    chart_axis_set_min(chart.pointee.y_axis, 0)
    return chart
  }

  private func addSeries(_ chart: UnsafeMutablePointer<lxw_chart>, _ name: String) throws(TonghopError) -> UnsafeMutablePointer<lxw_chart_series> {
    guard let series = chart_add_series(chart, nil, nil) else {
      throw TonghopError(.io, "Không thêm được dãy số «\(name)» vào biểu đồ")
    }
    chart_series_set_name(series, keep(name))
    return series
  }
}

func check(_ status: lxw_error, _ what: @autoclosure () -> String) throws(TonghopError) {
  guard status == LXW_NO_ERROR else {
    throw TonghopError(.io, "Không ghi được bảng tính (\(what())): libxlsxwriter báo «\(String(cString: lxw_strerror(status)))»")
  }
}
