import Foundation

/// One record of a stage file: its cells, read by column name.
public struct StageRow: Sendable {
  /// Column name → position, shared by every row of the file.
  let columns: [String: Int]
  let fields: [String]
  /// The physical line in the stage file (header = 1), for the message when a cell is damaged.
  let line: Int

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
  let path: String
  /// The command that writes this file, named when it is missing or damaged.
  let stage: String

  /// The position of a column in a stage file's header, for `StageRow[at:]` in loops over many rows.
  static func position(of column: String, in header: [String]) -> Int {
    guard let position = header.firstIndex(of: column) else {
      preconditionFailure("\(column) is not a column of the stage file")
    }
    return position
  }

  public static func read(_ url: URL, header: [String], writtenBy stage: String) throws(TonghopError) -> StageTable {
    let bytes: [UInt8]
    do {
      bytes = try FileBytes.read(url.path)
    } catch {
      guard access(url.path, F_OK) != 0 else { throw error }
      throw TonghopError(.missingStage, "Chưa có \(url.path): hãy chạy `tonghop \(stage)` cho kỳ này trước")
    }
    let records: [CSVRecord]
    do {
      records = try CSVReader.records(in: bytes)
    } catch {
      throw TonghopError(.io, "\(url.path) dòng \(error.line) bị hỏng (\(error.reason)): hãy chạy lại `tonghop \(stage)`")
    }
    guard let first = records.first, first.fields == header else {
      throw TonghopError(.io, "\(url.path) không có dòng tiêu đề như mong đợi: hãy chạy lại `tonghop \(stage)`")
    }
    // Every record of a stage file has one cell per column: a cell more or less is an edit.
    if let short = records.dropFirst().first(where: { $0.fields.count != header.count }) {
      throw TonghopError(
        .io,
        "\(url.path) dòng \(short.line) có \(short.fields.count) ô thay vì \(header.count) (tệp bị hỏng hoặc bị sửa tay): hãy chạy lại `tonghop \(stage)`")
    }
    let columns = Dictionary(uniqueKeysWithValues: header.enumerated().map { ($1, $0) })
    return StageTable(
      rows: records.dropFirst().map { StageRow(columns: columns, fields: $0.fields, line: $0.line) }, path: url.path, stage: stage)
  }

  /// The rows by their `ma_don_vi` (a stage file has one row per unit; the first wins).
  func rowsByUnit() -> [String: StageRow] {
    guard let unit = rows.first?.columns["ma_don_vi"] else { return [:] }
    return Dictionary(rows.map { ($0[at: unit], $0) }, uniquingKeysWith: { first, _ in first })
  }

  /// `ma_don_vi` → the day of `column` (`lan-nop-dau.csv`'s `ngay_lap`); a cell that is not a day is
  /// damage.
  func daysByUnit(_ column: String) throws(TonghopError) -> [String: CalendarDay] {
    var days: [String: CalendarDay] = [:]
    for row in rows {
      guard let day = CalendarDay(iso: row[column] ?? "") else { throw damaged(row, column) }
      days[row["ma_don_vi"] ?? ""] = day
    }
    return days
  }

  /// A cell that the stage that wrote the file cannot have written: the file was damaged or edited.
  func damaged(_ row: StageRow, _ column: String) -> TonghopError {
    TonghopError(
      .io,
      "\(path) dòng \(row.line), cột \(column): giá trị «\(row[column] ?? "")» không hợp lệ (tệp bị hỏng hoặc bị sửa tay): hãy chạy lại `tonghop \(stage)`")
  }

  /// A whole number not below zero (no stage writes another), or nil for an empty cell; anything
  /// else is damage.
  func number(_ row: StageRow, _ column: String) throws(TonghopError) -> Int64? {
    try number(row, at: row.columns[column] ?? row.fields.count, column)
  }

  private func number(_ row: StageRow, at position: Int, _ column: String) throws(TonghopError) -> Int64? {
    let text = row[at: position]
    if text.isEmpty { return nil }
    guard let value = Int64(text), value >= 0 else { throw damaged(row, column) }
    return value
  }

  /// Every count and money cell of `hop-le.csv` is empty or such a number: a damaged cell is an
  /// error naming its line, never a zero. Columns are looked up once, not once per row.
  func checkElementNumbers() throws(TonghopError) {
    guard let columns = rows.first?.columns else { return }
    let cells = DataDictionary.elements.filter { $0.kind == .count || $0.kind == .money }
      .compactMap { element in columns[element.code].map { (element.code, $0) } }
    for row in rows {
      for (column, position) in cells { _ = try number(row, at: position, column) }
    }
  }
}
