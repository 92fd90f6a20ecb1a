/// A row of the sheet: Excel's row number and its non-empty cells with their columns (column A = 0),
/// left to right. Kept sparse: one cell in column XFD is one cell, not 16,384.
struct SheetRow {
  var number: Int
  var cells: [(column: Int, cell: SheetCell)]
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
  /// What the rows read may cost, in bytes: a few shared strings repeated in a million cells, or
  /// cells spread over a million rows, inflate little and would cost much. Beyond it: `tooLarge`.
  private var budget: Int
  private(set) var rows: [SheetRow] = []
  /// Merged ranges (`mergeCell`, after the rows): first row and column, last row and column.
  private(set) var merged: [(top: Int, left: Int, bottom: Int, right: Int)] = []

  private var inSheetData = false
  private var row: SheetRow?
  private var lastRow = 0
  private var column = -1
  private var inCell = false
  private var cellType = "n"
  private var cellStyle = 0
  private var hasFormula = false
  private var inValue = false
  private var values = 0
  private var inInline = false
  private var inText = false
  private var phonetic = 0
  private var value: [UInt8] = []

  init(sharedStrings: SharedStrings, dateStyles: Set<Int>, budget: Int) {
    self.sharedStrings = sharedStrings
    self.dateStyles = dateStyles
    self.budget = budget
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
    case "c" where row != nil && !inCell:
      inCell = true
      let next = try attributes["r"].map(SheetReader.column) ?? column + 1
      guard next < SheetReader.columnLimit else { throw .beyondSheetLimits }
      guard next > column else { throw .damaged("ô \(attributes["r"] ?? "") của dòng \(row!.number) lặp lại hoặc sai thứ tự") }
      column = next
      cellType = attributes["t"] ?? "n"
      cellStyle = attributes["s"].flatMap { Int($0) } ?? 0
      hasFormula = false
      values = 0
      value.removeAll(keepingCapacity: true)
    case "f" where inCell:
      hasFormula = true
    case "v" where inCell:
      values += 1
      // Two values in one cell would be read as one number made of both.
      guard values == 1 else { throw .damaged("ô có hai giá trị") }
      inValue = true
    case "is" where inCell:
      inInline = true
    case "mergeCell":
      if let range = attributes["ref"], let parsed = try? SheetReader.range(range) { merged.append(parsed) }
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
      if let row, !row.cells.isEmpty {
        budget -= SheetReader.rowCost
        guard budget >= 0 else { throw .tooLarge }
        rows.append(row)
      }
      row = nil
    case "c" where inCell:
      inCell = false
      let cell = try makeCell()
      if cell != .empty {
        budget -= SheetReader.cellCost + SheetReader.textBytes(cell)
        guard budget >= 0 else { throw .tooLarge }
        row!.cells.append((column, cell))
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
    // A formula whose result is the empty text (=IF(…;"";…)) is stored as t="str" with an empty value:
    // calculated, and blank. Without a type, an empty value is a result never stored.
    if cellType == "str", raw.isEmpty { return .empty }
    if raw.trimmed.isEmpty, cellType != "inlineStr" { return hasFormula ? .formulaWithoutValue : .empty }
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
      switch raw.trimmed.lowercased() {
      case "1", "true": return .boolean(true)
      case "0", "false": return .boolean(false)
      default: throw .damaged("ô đúng/sai chứa \(raw.prefix(40))")
      }
    case "e":
      return .error(raw)
    case "d":
      return .isoDate(raw)
    default:
      // Decimal notation only: Swift would also read 0x10 as 16, which no spreadsheet shows.
      let text = raw.trimmed
      guard text.utf8.allSatisfy({ (0x30...0x39).contains($0) || $0 == 0x2E || $0 == 0x2D || $0 == 0x2B || $0 == 0x45 || $0 == 0x65 }),
        let number = Double(text)
      else { throw .damaged("ô số chứa \(raw.prefix(40))") }
      return .number(number, dateFormat: dateStyles.contains(cellStyle))
    }
  }

  /// About what one cell, and one row (its cells as the header places them, its checks), cost in
  /// memory from here to the ledger, besides the text.
  static let cellCost = 64
  static let rowCost = 512

  private static func textBytes(_ cell: SheetCell) -> Int {
    switch cell {
    case .text(let text), .error(let text), .isoDate(let text): text.utf8.count
    default: 0
    }
  }

  /// The rows with the values inside merged ranges, but in a range's top-left cell, left out: Excel
  /// shows only the top-left value of a merged range, and a value kept under it is one nobody sees.
  var visibleRows: [SheetRow] {
    guard !merged.isEmpty else { return rows }
    return rows.compactMap { row in
      var row = row
      row.cells.removeAll { cell in
        merged.contains { row.number >= $0.top && row.number <= $0.bottom && cell.column >= $0.left && cell.column <= $0.right
          && (row.number != $0.top || cell.column != $0.left) }
      }
      return row.cells.isEmpty ? nil : row
    }
  }

  /// A range such as `A2:C5` as first and last row and column (columns from 0).
  static func range(_ text: String) throws(WorkbookError) -> (top: Int, left: Int, bottom: Int, right: Int) {
    let corners = text.split(separator: ":").map(String.init)
    guard corners.count == 2, let top = Int(corners[0].drop { $0.isLetter }), let bottom = Int(corners[1].drop { $0.isLetter }) else {
      throw .damaged("vùng gộp ô \(text.prefix(40)) không hợp lệ")
    }
    return (top, try column(corners[0]), bottom, try column(corners[1]))
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
