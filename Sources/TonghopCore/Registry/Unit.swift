/// One version of a unit in the registry: a row of `don-vi.csv`.
public struct Unit: Sendable, Hashable {
  public let code: String
  public let name: String
  public let type: UnitType
  public let parentCode: String?
  /// Both inclusive; nil = open-ended.
  public let from: CalendarDay?
  public let to: CalendarDay?
  /// The row in the registry file (header = 1).
  public let line: Int

  public func isAlive(on day: CalendarDay) -> Bool {
    (from.map { $0 <= day } ?? true) && (to.map { day <= $0 } ?? true)
  }

  /// True when the two versions' validity ranges share a day.
  func overlaps(_ other: Unit) -> Bool {
    (from?.ordinal ?? Int.min) <= (other.to?.ordinal ?? Int.max) && (other.from?.ordinal ?? Int.min) <= (to?.ordinal ?? Int.max)
  }
}
