/// A row that passed validation: its identity and its values in canonical form.
public struct AcceptedRow: Sendable, Equatable {
  public var unit: String
  public var period: Period
  public var date: CalendarDay
  public var file: String
  public var fileID: Int64
  public var line: Int
  /// The canonical value (`1234`, `1`/`0`, `thi_diem`) of each element of `DataDictionary.elements`,
  /// in that order; empty = not reported.
  public var values: [String]

  public static let header = ["ma_don_vi", "ky_bao_cao", "ngay_lap", "tep", "dong"] + DataDictionary.elements.map(\.code)

  public var fields: [String] {
    [unit, period.code, date.description, file, String(line)] + values
  }

  /// Later `ngay_lap` wins; on a tie, the file ingested later.
  func supersedes(_ other: AcceptedRow) -> Bool {
    (date, fileID) > (other.date, other.fileID)
  }
}
