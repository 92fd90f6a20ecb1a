/// A row of the sheet: Excel's row number and its cells by column (column A = 0).
struct SheetRow {
  var number: Int
  var cells: [SheetCell]
}

/// The worksheet part, streamed: rows as Excel numbers them, cells placed by their reference
/// (or after the previous one when a writer leaves the reference out).
struct SheetReader: XMLHandler {
  static let rowLimit = 1_048_576
  static let columnLimit = 16_384
  /// More than a cell's 32,767 characters can take in UTF-8: the text rules still see, and report,
  /// a cell that is too long, but a hostile cell costs no more than this.
  static let cellByteLimit = 32_767 * 4 + 4

  let sharedStrings: SharedStrings
  let dateStyles: Set<Int>
  private(set) var rows: [SheetRow] = []

  private var inSheetData = false
  private var row: SheetRow?
  private var lastRow = 0
  private var column = -1
  private var cellType = "n"
  private var cellStyle = 0
  private var hasFormula = false
  private var inValue = false
  private var inInline = false
  private var inText = false
  private var phonetic = 0
  private var value: [UInt8] = []

  init(sharedStrings: SharedStrings, dateStyles: Set<Int>) {
    self.sharedStrings = sharedStrings
    self.dateStyles = dateStyles
  }

  mutating func start(_ name: String, _ attributes: [XMLAttribute]) throws(WorkbookError) {
    switch name {
    case "sheetData":
      inSheetData = true
    case "row" where inSheetData:
      let number = try attributes["r"].map { text throws(WorkbookError) -> Int in
        guard let number = Int(text), number >= 1 else { throw .damaged("số thứ tự dòng \(text) không hợp lệ") }
        return number
      } ?? lastRow + 1
      guard number <= SheetReader.rowLimit else { throw .beyondSheetLimits }
      // Excel writes rows in order, each once: a row out of order would have to replace or be
      // replaced, and no row is dropped without a word.
      guard number > lastRow else { throw .damaged("dòng \(number) đứng sau dòng \(lastRow)") }
      lastRow = number
      row = SheetRow(number: number, cells: [])
      column = -1
    case "c" where row != nil:
      let next = try attributes["r"].map(SheetReader.column) ?? column + 1
      guard next < SheetReader.columnLimit else { throw .beyondSheetLimits }
      guard next > column else { throw .damaged("ô \(attributes["r"] ?? "") của dòng \(row!.number) lặp lại hoặc sai thứ tự") }
      column = next
      cellType = attributes["t"] ?? "n"
      cellStyle = attributes["s"].flatMap { Int($0) } ?? 0
      hasFormula = false
      value.removeAll(keepingCapacity: true)
    case "f" where row != nil:
      hasFormula = true
    case "v" where row != nil:
      inValue = true
    case "is" where row != nil:
      inInline = true
    case "rPh":
      phonetic += 1
    case "t" where inInline:
      inText = phonetic == 0
    default:
      break
    }
  }

  mutating func end(_ name: String) throws(WorkbookError) {
    switch name {
    case "sheetData":
      inSheetData = false
    case "row" where row != nil:
      if let row, row.cells.contains(where: { $0 != .empty }) { rows.append(row) }
      row = nil
    case "c" where row != nil:
      let cell = try makeCell()
      if cell != .empty {
        if row!.cells.count <= column { row!.cells += Array(repeating: .empty, count: column + 1 - row!.cells.count) }
        row!.cells[column] = cell
      }
    case "v":
      inValue = false
    case "is":
      inInline = false
    case "rPh":
      phonetic -= 1
    case "t":
      inText = false
    default:
      break
    }
  }

  mutating func text(_ bytes: ArraySlice<UInt8>) throws(WorkbookError) {
    guard inValue || inText, value.count < SheetReader.cellByteLimit else { return }
    value.append(contentsOf: bytes.prefix(SheetReader.cellByteLimit - value.count))
  }

  private func makeCell() throws(WorkbookError) -> SheetCell {
    let raw = String(decoding: value, as: UTF8.self)
    if raw.isEmpty, cellType != "inlineStr" { return hasFormula ? .formulaWithoutValue : .empty }
    switch cellType {
    case "s":
      guard let index = Int(raw), let text = sharedStrings[index] else { throw .damaged("ô chữ trỏ tới chuỗi \(raw) không có") }
      return text.isEmpty ? .empty : .text(text)
    case "inlineStr":
      let text = SheetText.unescape(raw)
      return text.isEmpty ? (hasFormula ? .formulaWithoutValue : .empty) : .text(text)
    case "str":
      return .text(SheetText.unescape(raw))
    case "b":
      return .boolean(raw == "1" || raw.lowercased() == "true")
    case "e":
      return .error(raw)
    case "d":
      return .isoDate(raw)
    default:
      guard let number = Double(raw.trimmed) else { throw .damaged("ô số chứa \(raw.prefix(40))") }
      return .number(number, dateFormat: dateStyles.contains(cellStyle))
    }
  }

  /// The column of a reference such as `AB12`: A = 0.
  static func column(_ reference: String) throws(WorkbookError) -> Int {
    var column = 0
    var letters = 0
    for byte in reference.utf8 {
      let upper = byte & 0xDF
      guard (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(upper) else { break }
      letters += 1
      guard letters <= 3 else { throw .beyondSheetLimits }
      column = column * 26 + Int(upper - UInt8(ascii: "A")) + 1
    }
    guard letters > 0 else { throw .damaged("địa chỉ ô \(reference) không hợp lệ") }
    return column - 1
  }
}
