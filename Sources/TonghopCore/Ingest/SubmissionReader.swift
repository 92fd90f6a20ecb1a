/// Reads the bytes of one submitted file into a header and rows, or a file-level error.
/// No business rule is applied here (that is the validate stage's work) beyond what is not a report
/// at all: blank rows and template rows left unfilled.
enum SubmissionReader {
  /// The bytes of a file within the size limit (larger files are never read: `ReadOutcome.tooLarge`).
  static func read(_ bytes: [UInt8]) -> ReadOutcome {
    var outcome = ReadOutcome(header: [], rows: [], rowsRead: 0, rowsBlank: 0)
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
    var header: HeaderCheck?
    for record in records {
      let cells = record.fields.map(\.nfc)
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
      if cells.allSatisfy({ $0.trimmed.isEmpty }) || check.isUnfilledTemplateRow(cells) {
        outcome.rowsBlank += 1
      } else {
        outcome.rows.append((record.line, cells))
      }
    }
    if header == nil { outcome.errorCode = "T02" }
    return outcome
  }
}
