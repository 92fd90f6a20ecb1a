/// Reads the bytes of one submitted file into a header and rows, or a file-level error.
/// No business rule is applied here (that is the validate stage's work) beyond what is not a report
/// at all: blank rows and template rows left unfilled.
enum SubmissionReader {
  /// What the ledger's `encoding` says of a file read as an Excel workbook.
  static let workbookEncoding = "XLSX"

  /// The bytes of a file within the size limit (larger files are never read: `ReadOutcome.tooLarge`).
  static func read(_ bytes: [UInt8], as kind: SubmissionKind = .csv) -> ReadOutcome {
    switch kind {
    case .csv: readText(bytes)
    case .xlsx: readWorkbook(bytes)
    }
  }

  private static func readText(_ bytes: [UInt8]) -> ReadOutcome {
    var outcome = ReadOutcome(header: [], rows: [], rowsRead: 0, rowsBlank: 0)
    // A workbook named .csv is read as the workbook it is: renaming it (the same bytes) would make
    // it a file already received, and saving it again is work the unit need not do.
    if FileKind.sniff(bytes) == .xlsx { return readWorkbook(bytes) }
    if let kind = FileKind.sniff(bytes) {
      outcome.errorCode = "T01"
      outcome.errorDetail = kind.rawValue
      return outcome
    }
    guard let decoded = TextDecoding.decode(bytes) else {
      outcome.errorCode = "T01"
      return outcome
    }
    outcome.encoding = decoded.encoding.rawValue
    guard let headerLine = DelimiterDetection.firstLine(of: decoded.utf8) else {
      outcome.errorCode = "T02"
      return outcome
    }
    let delimiter = DelimiterDetection.detect(headerLine: headerLine, known: DataDictionary.knownColumns)
    outcome.delimiter = String(UnicodeScalar(delimiter.rawValue))
    let records: [CSVRecord]
    do {
      records = try CSVReader.records(in: decoded.utf8, delimiter: delimiter)
    } catch {
      outcome.errorCode = "T05"
      outcome.errorLine = error.line
      outcome.errorDetail = error.reason
      return outcome
    }
    gather(records.count, into: &outcome) { index, _ in (records[index].line, records[index].fields.map(\.nfc), [:]) }
    return outcome
  }

  /// A workbook's first visible sheet, each cell as the CSV file with the same cells would hold it;
  /// what a CSV cell cannot say (a fraction, a formula without its result) goes with the row as notes.
  private static func readWorkbook(_ bytes: [UInt8]) -> ReadOutcome {
    var outcome = ReadOutcome(header: [], rows: [], rowsRead: 0, rowsBlank: 0)
    outcome.encoding = SubmissionReader.workbookEncoding
    let sheet: XLSXReader.Sheet
    do {
      sheet = try XLSXReader.sheet(bytes)
    } catch {
      outcome.errorCode = "T01"
      outcome.errorDetail = error.detail
      return outcome
    }
    gather(sheet.rows.count, into: &outcome) { index, header in
      let row = sheet.rows[index]
      let dateColumn = header?.columns["ngay_lap"]
      // Notes only for the columns the header knows: a helper column of the unit's own is never read.
      let known = Set(header?.columns.values.map { $0 } ?? [])
      // The header's columns in place; cells beyond the header one after another, without the empty
      // columns between them (they are only counted and named: D19).
      let width = header?.width ?? (row.cells.last.map { $0.column + 1 } ?? 0)
      var cells = [String](repeating: "", count: width)
      var notes: [Int: CellNote] = [:]
      for (column, cell) in row.cells {
        let read = cell.read(as: column == dateColumn ? .date : .other, date1904: sheet.date1904)
        if column < width {
          cells[column] = read.text.nfc
          if known.contains(column), let note = read.note { notes[column] = note }
        } else {
          cells.append(read.text.nfc)
        }
      }
      return (row.number, cells, notes)
    }
    return outcome
  }

  /// The header is the first record with a non-blank cell; blank records and unfilled template rows
  /// after it are counted and set aside. `record` gives a record's line, cells and notes, read as the
  /// header (when there is none yet) says.
  private static func gather(
    _ count: Int, into outcome: inout ReadOutcome,
    _ record: (Int, HeaderCheck?) -> (line: Int, cells: [String], notes: [Int: CellNote])
  ) {
    var header: HeaderCheck?
    for index in 0..<count {
      let (line, cells, notes) = record(index, header)
      guard let check = header else {
        if cells.contains(where: { !$0.trimmed.isEmpty }) {
          var named = cells
          while let last = named.last, last.trimmed.isEmpty { named.removeLast() }
          outcome.header = named
          header = HeaderCheck(header: named)
        }
        continue
      }
      outcome.rowsRead += 1
      // A blank row, or a row of the template that the unit did not fill in: not a report.
      if notes.isEmpty, cells.allSatisfy({ $0.trimmed.isEmpty }) || check.isUnfilledTemplateRow(cells) {
        outcome.rowsBlank += 1
      } else {
        outcome.rows.append((line, cells))
        if !notes.isEmpty { outcome.notes[line] = notes }
      }
    }
    if header == nil { outcome.errorCode = "T02" }
  }
}
