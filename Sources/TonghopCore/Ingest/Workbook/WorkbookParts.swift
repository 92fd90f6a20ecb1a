/// The small parts of a workbook that say how to read its sheet: which part is the first visible
/// worksheet, the date system, which cell styles are dates, and the shared strings.
struct WorkbookParts {
  var sheetPath: String
  var date1904: Bool
  /// Indices into the cell styles (`s` of a cell) whose number format shows a date.
  var dateStyles: Set<Int>
  var sharedStrings: SharedStrings

  init(_ package: inout ZipPackage) throws(WorkbookError) {
    let root = try package.parse("_rels/.rels", Relationships())
    let workbookPath = root.target(ofType: "officeDocument", from: "") ?? "xl/workbook.xml"
    guard package.contains(workbookPath) else { throw .notAWorkbook }
    let workbook = try package.parse(workbookPath, WorkbookSheets())
    // xl/workbook.xml → folder xl/, relationships xl/_rels/workbook.xml.rels
    let name = workbookPath.split(separator: "/").last.map(String.init) ?? workbookPath
    let folder = String(workbookPath.dropLast(name.count))
    let relationsPath = folder + "_rels/" + name + ".rels"
    let relations = package.contains(relationsPath) ? try package.parse(relationsPath, Relationships()) : Relationships()
    // The first sheet in the workbook's order that is shown and is a worksheet (not a chart sheet).
    guard
      let sheet = workbook.sheets.lazy.filter({ $0.visible }).compactMap({ relations.worksheet($0.relation, from: folder) }).first,
      package.contains(sheet)
    else { throw .notAWorkbook }
    sheetPath = sheet
    date1904 = workbook.date1904
    dateStyles = []
    if let styles = relations.target(ofType: "styles", from: folder), package.contains(styles) {
      dateStyles = try package.parse(styles, CellStyles()).dateStyles
    }
    sharedStrings = SharedStrings()
    if let strings = relations.target(ofType: "sharedStrings", from: folder), package.contains(strings) {
      sharedStrings = try package.parse(strings, SharedStrings())
    }
  }
}

extension ZipPackage {
  /// Streams the part at `path` through an XML handler and returns what it gathered.
  mutating func parse<Handler: XMLHandler>(_ path: String, _ handler: Handler) throws(WorkbookError) -> Handler {
    var scanner = XMLScanner(handler)
    try read(path) { piece throws(WorkbookError) in try scanner.feed(piece) }
    try scanner.finish()
    return scanner.handler
  }
}

/// A `.rels` part: relationship id → type and target.
struct Relationships: XMLHandler {
  private var targets: [(id: String, type: String, target: String)] = []

  mutating func start(_ name: String, _ attributes: [XMLAttribute]) throws(WorkbookError) {
    guard name == "Relationship", let id = attributes["Id"], let target = attributes["Target"] else { return }
    if attributes["TargetMode"] == "External" { return }
    targets.append((id, attributes["Type"] ?? "", target))
  }
  mutating func end(_ name: String) throws(WorkbookError) {}
  mutating func text(_ bytes: ArraySlice<UInt8>) throws(WorkbookError) {}

  /// The package path of the first target of a type (`…/officeDocument`), relative to `folder`.
  func target(ofType type: String, from folder: String) -> String? {
    targets.first { $0.type.hasSuffix("/" + type) }.map { Relationships.resolve($0.target, from: folder) }
  }

  func worksheet(_ id: String, from folder: String) -> String? {
    targets.first { $0.id == id && $0.type.hasSuffix("/worksheet") }.map { Relationships.resolve($0.target, from: folder) }
  }

  /// A target as a path inside the package: absolute (`/xl/…`) or relative to the source's folder.
  static func resolve(_ target: String, from folder: String) -> String {
    var parts: [Substring] = target.hasPrefix("/") ? [] : folder.split(separator: "/")
    for part in target.split(separator: "/") {
      if part == ".." {
        _ = parts.popLast()
      } else if part != "." {
        parts.append(part)
      }
    }
    return parts.joined(separator: "/")
  }
}

/// `workbook.xml`: the sheets in order, whether each is shown, and the date system.
struct WorkbookSheets: XMLHandler {
  var sheets: [(relation: String, visible: Bool)] = []
  var date1904 = false

  mutating func start(_ name: String, _ attributes: [XMLAttribute]) throws(WorkbookError) {
    switch name {
    case "workbookPr":
      date1904 = ["1", "true"].contains(attributes["date1904"]?.lowercased() ?? "")
    case "sheet":
      let state = attributes["state"] ?? "visible"
      sheets.append((attributes["id"] ?? "", state == "visible"))
    default:
      break
    }
  }
  mutating func end(_ name: String) throws(WorkbookError) {}
  mutating func text(_ bytes: ArraySlice<UInt8>) throws(WorkbookError) {}
}

/// `styles.xml`: the cell styles (`cellXfs`) whose number format is a date.
struct CellStyles: XMLHandler {
  private var customFormats: [Int: String] = [:]
  private var styleFormats: [Int] = []
  private var inCellStyles = false

  var dateStyles: Set<Int> {
    Set(styleFormats.indices.filter { CellStyles.isDate(styleFormats[$0], custom: customFormats) })
  }

  mutating func start(_ name: String, _ attributes: [XMLAttribute]) throws(WorkbookError) {
    switch name {
    case "numFmt":
      if let id = attributes["numFmtId"].flatMap({ Int($0) }) { customFormats[id] = attributes["formatCode"] ?? "" }
    case "cellXfs":
      inCellStyles = true
    case "xf" where inCellStyles:
      styleFormats.append(attributes["numFmtId"].flatMap { Int($0) } ?? 0)
    default:
      break
    }
  }
  mutating func end(_ name: String) throws(WorkbookError) {
    if name == "cellXfs" { inCellStyles = false }
  }
  mutating func text(_ bytes: ArraySlice<UInt8>) throws(WorkbookError) {}

  /// Excel's built-in date formats are 14–22; a custom format is a date when its first section,
  /// without literal text, escapes and brackets, has a day or year, or a month without hours or seconds.
  static func isDate(_ id: Int, custom: [Int: String]) -> Bool {
    if (14...22).contains(id) { return true }
    guard let code = custom[id] else { return false }
    var tokens = Set<Character>()
    var quoted = false
    var bracket = false
    var skip = false
    for character in code.lowercased() {
      if skip { skip = false; continue }
      if quoted { quoted = character != "\""; continue }
      if bracket {
        // [h], [mm], [ss]: elapsed time, which is not a date.
        if "hms".contains(character) { tokens.insert(character == "m" ? "h" : character) }
        bracket = character != "]"
        continue
      }
      switch character {
      case "\"": quoted = true
      case "[": bracket = true
      case "\\", "_", "*": skip = true
      case ";": return tokens.contains("d") || tokens.contains("y") || (tokens.contains("m") && !tokens.contains("h") && !tokens.contains("s"))
      default: tokens.insert(character)
      }
    }
    return tokens.contains("d") || tokens.contains("y") || (tokens.contains("m") && !tokens.contains("h") && !tokens.contains("s"))
  }
}

/// `sharedStrings.xml`: every string of the table, rich-text runs joined, phonetic runs left out,
/// kept in one buffer (a table of many short strings costs no more than its text).
struct SharedStrings: XMLHandler {
  private var text: [UInt8] = []
  private var ends: [Int] = []
  private var inItem = false
  private var inText = false
  private var phonetic = 0

  var count: Int { ends.count }

  subscript(_ index: Int) -> String? {
    guard index >= 0, index < ends.count else { return nil }
    let start = index == 0 ? 0 : ends[index - 1]
    return SheetText.unescape(String(decoding: text[start..<ends[index]], as: UTF8.self))
  }

  mutating func start(_ name: String, _ attributes: [XMLAttribute]) throws(WorkbookError) {
    switch name {
    case "si": inItem = true
    case "rPh": phonetic += 1
    case "t": inText = inItem && phonetic == 0
    default: break
    }
  }
  mutating func end(_ name: String) throws(WorkbookError) {
    switch name {
    case "si":
      inItem = false
      ends.append(text.count)
    case "rPh": phonetic -= 1
    case "t": inText = false
    default: break
    }
  }
  mutating func text(_ bytes: ArraySlice<UInt8>) throws(WorkbookError) {
    guard inText else { return }
    // As in the sheet: a string longer than any cell can hold is kept to the cell's limit, and the
    // table to what the cells of a workbook may cost.
    let start = ends.last ?? 0
    text.append(contentsOf: bytes.prefix(max(0, SheetReader.cellByteLimit - (text.count - start))))
    guard text.count <= ZipPackage.readingLimit else { throw .tooLarge }
  }
}
