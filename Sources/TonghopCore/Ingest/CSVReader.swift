import CLibCSV

/// One record of a CSV file: its fields and the physical line where it starts (first line = 1).
public struct CSVRecord: Equatable, Sendable {
  public var line: Int
  public var fields: [String]
}

/// A CSV file that libcsv refused, with the physical line of the fault.
public struct CSVSyntaxError: Error, Equatable, Sendable {
  public var line: Int
  public var reason: String
}

/// Owns one libcsv parser. Bytes go in with `feed`, as many chunks as the caller likes;
/// records come out of the returned array. libcsv's callbacks only collect: copies of the
/// fields are taken inside the callback, and Swift code handles them after `csv_parse` returns.
///
/// The input is cut at line ends before it reaches libcsv so that the physical line where each
/// record starts is known (libcsv itself reports only byte counts and skips blank lines).
public final class CSVReader {
  public enum Delimiter: UInt8, Sendable, CaseIterable {
    case comma = 0x2C
    case semicolon = 0x3B
    case tab = 0x09
  }

  private let parser = UnsafeMutablePointer<csv_parser>.allocate(capacity: 1)
  private let collector = Collector()
  private var line = 1
  private var afterCR = false
  private var failed: CSVSyntaxError?

  public init(delimiter: Delimiter = .comma) {
    // > csv_init returns 0 on success and -1 if memory could not be allocated for the
    // > initial buffer. (csv(3)); libcsv 3 allocates lazily, so this only fails on bad options.
    let status = csv_init(parser, UInt8(CSV_STRICT | CSV_STRICT_FINI))
    precondition(status == 0, "csv_init rejected constant options")
    csv_set_delim(parser, delimiter.rawValue)
    // Only the ASCII space is trimmed by libcsv; with the default, a tab would be taken
    // for a space even where it is the delimiter.
    csv_set_space_func(parser, { $0 == 0x20 ? 1 : 0 })
  }

  deinit {
    csv_free(parser)
    parser.deallocate()
  }

  /// Parses one chunk; returns the records completed in it.
  public func feed(_ bytes: UnsafeRawBufferPointer) throws(CSVSyntaxError) -> [CSVRecord] {
    if let failed { throw failed }
    var start = 0
    for index in 0..<bytes.count {
      let byte = bytes[index]
      if byte == 0x0A && afterCR {
        afterCR = false  // the LF of a CRLF: the line was counted at the CR
        try parse(bytes, start, index + 1, lineEnded: false)
        start = index + 1
      } else if byte == 0x0A || byte == 0x0D {
        try parse(bytes, start, index + 1, lineEnded: true)
        afterCR = byte == 0x0D
        start = index + 1
      } else {
        afterCR = false
      }
    }
    try parse(bytes, start, bytes.count, lineEnded: false)
    return collector.drain()
  }

  /// Ends the input: a last record without a line end is returned; an unterminated quote throws.
  public func finish() throws(CSVSyntaxError) -> [CSVRecord] {
    if let failed { throw failed }
    let context = Unmanaged.passUnretained(collector).toOpaque()
    guard csv_fini(parser, onField, onRecord, context) == 0 else {
      let error = CSVSyntaxError(
        line: collector.recordStart ?? line, reason: "unterminated quoted field")
      failed = error
      throw error
    }
    return collector.drain()
  }

  /// Reads a whole buffer: all records, or the first syntax error.
  public static func records(
    in bytes: [UInt8], delimiter: Delimiter = .comma
  ) throws(CSVSyntaxError) -> [CSVRecord] {
    let reader = CSVReader(delimiter: delimiter)
    let chunk = 64 * 1024
    var result: [CSVRecord] = []
    var offset = 0
    while offset < bytes.count {
      let end = min(offset + chunk, bytes.count)
      let part = bytes.withUnsafeBytes { raw in
        Result { () throws(CSVSyntaxError) in
          try reader.feed(UnsafeRawBufferPointer(rebasing: raw[offset..<end]))
        }
      }
      result += try part.get()
      offset = end
    }
    result += try reader.finish()
    return result
  }

  private func parse(
    _ bytes: UnsafeRawBufferPointer, _ from: Int, _ to: Int, lineEnded: Bool
  ) throws(CSVSyntaxError) {
    guard from < to else { return }
    let piece = UnsafeRawBufferPointer(rebasing: bytes[from..<to])
    if collector.recordStart == nil, piece.contains(where: { $0 != 0x0A && $0 != 0x0D && $0 != 0x20 }) {
      collector.recordStart = line
    }
    let context = Unmanaged.passUnretained(collector).toOpaque()
    let used = csv_parse(parser, piece.baseAddress, piece.count, onField, onRecord, context)
    if used != piece.count {
      let code = csv_error(parser)
      let error = CSVSyntaxError(line: line, reason: String(cString: csv_strerror(code)))
      failed = error
      throw error
    }
    if lineEnded { line += 1 }
  }
}

/// What the callbacks collect. The arrays live behind pointers: a class's stored array would be
/// checked for exclusive access on every append, once per field.
private final class Collector {
  let fields = UnsafeMutablePointer<[String]>.allocate(capacity: 1)
  let records = UnsafeMutablePointer<[CSVRecord]>.allocate(capacity: 1)
  var recordStart: Int?

  init() {
    fields.initialize(to: [])
    records.initialize(to: [])
  }

  deinit {
    fields.deinitialize(count: 1).deallocate()
    records.deinitialize(count: 1).deallocate()
  }

  func drain() -> [CSVRecord] {
    defer { records.pointee.removeAll(keepingCapacity: true) }
    return records.pointee
  }
}

private func onField(_ data: UnsafeMutableRawPointer?, _ length: Int, _ context: UnsafeMutableRawPointer?) {
  guard let context else { return }
  let collector = Unmanaged<Collector>.fromOpaque(context).takeUnretainedValue()
  guard let data, length > 0 else {
    collector.fields.pointee.append("")
    return
  }
  // The pointer is into libcsv's own buffer, valid only during this call: copy now.
  let bytes = UnsafeRawBufferPointer(start: data, count: length)
  collector.fields.pointee.append(String(decoding: bytes, as: UTF8.self))
}

private func onRecord(_ terminator: Int32, _ context: UnsafeMutableRawPointer?) {
  guard let context else { return }
  let collector = Unmanaged<Collector>.fromOpaque(context).takeUnretainedValue()
  collector.records.pointee.append(CSVRecord(line: collector.recordStart ?? 0, fields: collector.fields.pointee))
  collector.fields.pointee.removeAll(keepingCapacity: true)
  collector.recordStart = nil
}
