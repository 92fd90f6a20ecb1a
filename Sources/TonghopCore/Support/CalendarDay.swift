import Foundation

/// A day of the proleptic Gregorian calendar, without time or time zone.
public struct CalendarDay: Hashable, Comparable, Sendable, CustomStringConvertible {
  public let year: Int
  public let month: Int
  public let day: Int

  public init?(year: Int, month: Int, day: Int) {
    guard (1...9999).contains(year), (1...12).contains(month),
      (1...CalendarDay.daysIn(month: month, year: year)).contains(day)
    else { return nil }
    self.year = year
    self.month = month
    self.day = day
  }

  /// `YYYY-MM-DD` only.
  public init?(iso text: String) {
    let utf8 = text.utf8
    guard utf8.count == 10 else { return nil }
    var fields = (0, 0, 0)
    for (index, byte) in utf8.enumerated() {
      if index == 4 || index == 7 {
        guard byte == UInt8(ascii: "-") else { return nil }
        continue
      }
      guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
      let digit = Int(byte - UInt8(ascii: "0"))
      switch index {
      case ..<4: fields.0 = fields.0 * 10 + digit
      case ..<7: fields.1 = fields.1 * 10 + digit
      default: fields.2 = fields.2 * 10 + digit
      }
    }
    self.init(year: fields.0, month: fields.1, day: fields.2)
  }

  /// The forms a unit may write in `ngay_lap`: `YYYY-MM-DD`, or day first
  /// `DD/MM/YYYY`, `D/M/YYYY`, `DD-MM-YYYY`, `DD.MM.YYYY`. Never month first.
  public init?(submitted raw: String) {
    if let iso = CalendarDay(iso: raw) {
      self = iso
      return
    }
    let text = raw.trimmingCharacters(in: .whitespaces)
    if let iso = CalendarDay(iso: text) {
      self = iso
      return
    }
    for separator in ["/", "-", "."] where text.contains(separator) {
      let parts = text.split(separator: Character(separator), omittingEmptySubsequences: false)
      guard parts.count == 3, (1...2).contains(parts[0].count), (1...2).contains(parts[1].count),
        parts[2].count == 4, parts.allSatisfy({ $0.allSatisfy(\.isASCII) }),
        let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2])
      else { return nil }
      self.init(year: y, month: m, day: d)
      return
    }
    return nil
  }

  public static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  /// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
  public var ordinal: Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146097 + doe - 719468
  }

  public init(ordinal z0: Int) {
    let z = z0 + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let doe = z - era * 146097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
    self.month = m
    self.day = d
  }

  public func adding(days: Int) -> CalendarDay { CalendarDay(ordinal: ordinal + days) }

  public static func < (a: CalendarDay, b: CalendarDay) -> Bool {
    (a.year, a.month, a.day) < (b.year, b.month, b.day)
  }

  public var description: String {
    CalendarDay.format([(year, 4), (month, 2), (day, 2)], separator: "-")
  }

  /// `DD/MM/YYYY`, the form Vietnamese readers expect.
  public var vietnamese: String {
    CalendarDay.format([(day, 2), (month, 2), (year, 4)], separator: "/")
  }

  /// Zero-padded fields written straight into the string's storage (`String(format:)` costs a
  /// Foundation round trip per call, and these are written for every row of a stage file).
  private static func format(_ fields: [(value: Int, width: Int)], separator: Unicode.Scalar) -> String {
    String(unsafeUninitializedCapacity: 10) { buffer in
      var end = 0
      for (index, field) in fields.enumerated() {
        if index > 0 {
          buffer[end] = UInt8(separator.value)
          end += 1
        }
        var value = field.value
        for position in stride(from: end + field.width - 1, through: end, by: -1) {
          buffer[position] = UInt8(ascii: "0") + UInt8(value % 10)
          value /= 10
        }
        end += field.width
      }
      return end
    }
  }

  /// Today in a time zone (the province's, not the server's); the machine's own when the name is unknown.
  public static func today(in zone: String) -> CalendarDay {
    day(of: Date(), in: zone)
  }

  /// The Gregorian calendar of a time zone by name; the machine's own when the name is unknown.
  static func calendar(in zone: String) -> Calendar {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: zone) ?? .current
    return calendar
  }

  static func day(of instant: Date, in zone: String) -> CalendarDay {
    let parts = calendar(in: zone).dateComponents([.year, .month, .day], from: instant)
    return CalendarDay(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
      ?? CalendarDay(ordinal: 0)
  }

  /// The run dates the program works with (`--today`): the plan's years, with room on both sides.
  public static let runDates = CalendarDay(year: 2000, month: 1, day: 1)!...CalendarDay(year: 2099, month: 12, day: 31)!
}
