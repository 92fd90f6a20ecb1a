import Foundation

/// A stage file read back: the header checked, each row as column → value.
public struct StageTable: Sendable {
  public let rows: [[String: String]]

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
    return StageTable(
      rows: records.dropFirst().map { record in
        Dictionary(uniqueKeysWithValues: zip(header, record.fields + Array(repeating: "", count: max(0, header.count - record.fields.count))))
      })
  }
}
