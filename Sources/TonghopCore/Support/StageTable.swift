import Foundation

/// One record of a stage file: its cells, read by column name.
public struct StageRow: Sendable {
  /// Column name → position, shared by every row of the file.
  let columns: [String: Int]
  let fields: [String]

  public subscript(_ column: String) -> String? {
    columns[column].map { self[at: $0] }
  }

  /// The cell at a position of the file's header: for loops over many rows, with the positions
  /// looked up once.
  public subscript(at position: Int) -> String { position < fields.count ? fields[position] : "" }
}

/// A stage file read back: the header checked, each row by column name.
public struct StageTable: Sendable {
  public let rows: [StageRow]

  /// The position of a column in a stage file's header, for `StageRow[at:]` in loops over many rows.
  static func position(of column: String, in header: [String]) -> Int {
    guard let position = header.firstIndex(of: column) else {
      preconditionFailure("\(column) is not a column of the stage file")
    }
    return position
  }

  public static func read(_ url: URL, header: [String], writtenBy stage: String) throws(TonghopError) -> StageTable {
    guard let data = FileManager.default.contents(atPath: url.path) else {
      throw TonghopError(.missingStage, "\(url.path) is missing: run `tonghop \(stage)` for this period first")
    }
    let records: [CSVRecord]
    do {
      records = try CSVReader.records(in: Array(data))
    } catch {
      throw TonghopError(.io, "\(url.path) line \(error.line) is damaged (\(error.reason)): run `tonghop \(stage)` again")
    }
    guard let first = records.first, first.fields == header else {
      throw TonghopError(.io, "\(url.path) does not have the expected header: run `tonghop \(stage)` again")
    }
    let columns = Dictionary(uniqueKeysWithValues: header.enumerated().map { ($1, $0) })
    return StageTable(rows: records.dropFirst().map { StageRow(columns: columns, fields: $0.fields) })
  }
}
