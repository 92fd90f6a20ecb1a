/// Reads the bytes of one submitted file into a header and rows, or a file-level error.
/// No business rule is applied here: that is the validate stage's work.
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
    var header: [String]?
    for record in records {
      let cells = record.fields.map(\.nfc)
      guard header != nil else {
        if cells.contains(where: { !$0.trimmed.isEmpty }) { header = cells }
        continue
      }
      outcome.rowsRead += 1
      if cells.allSatisfy({ $0.trimmed.isEmpty }) {
        outcome.rowsBlank += 1
      } else {
        outcome.rows.append((record.line, cells))
      }
    }
    guard var header else {
      outcome.errorCode = "T02"
      return outcome
    }
    while let last = header.last, last.trimmed.isEmpty { header.removeLast() }
    outcome.header = header
    return outcome
  }
}
