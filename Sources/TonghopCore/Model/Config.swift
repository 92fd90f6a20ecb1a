import Foundation

/// Settings a province may change: bodies, targets, period windows, deadlines, limits.
/// `Config.standard` holds the values of the spec; reading them from `inputs/config.*`
/// replaces it field by field.
public struct Config: Sendable {
  /// The body that issues the report and the ministry it goes to, from a date on.
  public struct Bodies: Sendable {
    public var from: CalendarDay
    public var issuer: String
    public var issuerShort: String
    public var ministry: String
    public var signerTitle: String
    /// `noi_nhan`: the other recipients the report lists under "Nơi nhận:" besides "Như trên" and the
    /// archive copy; nil: the ministry (or, in the ministry's copy, the Provincial People's Committee).
    public var recipients: [String]? = nil
  }

  public struct Milestone: Sendable {
    public var year: Int
    public var target: Double
  }

  public enum WindowRegime: String, Sendable {
    /// Decree 09/2019: 15 Dec of the year before to 14 Jun / 14 Dec.
    case decree09 = "nd09"
    /// Calendar halves: 1 Jan to 30 Jun / 31 Dec.
    case calendar = "lich"
  }

  public var provinceName: String?
  public var bodies: [Bodies]
  /// Indicator code → its milestones (year, target share).
  public var milestones: [String: [Milestone]]
  public var windowRegime: WindowRegime
  /// Deadline (month, day) of the 6-month and the annual report.
  public var firstHalfDeadline: (month: Int, day: Int)
  public var yearDeadline: (month: Int, day: Int)
  public var maxFileBytes: Int
  /// Days after its deadline that a period stays open for the nightly run.
  public var openDaysAfterDeadline: Int
  /// The province's time zone (`mui_gio`): the run date is today there, whatever the server's zone.
  public var timeZone = "Asia/Ho_Chi_Minh"

  /// A time the ledger recorded (ISO 8601, UTC) as the officer reads it: "20/01/2025 14:05" in the
  /// province's time; empty when there is none.
  public func localTime(_ iso: String) -> String {
    guard !iso.isEmpty, let instant = ISO8601DateFormatter().date(from: iso) else { return iso }
    let parts = CalendarDay.calendar(in: timeZone).dateComponents([.hour, .minute], from: instant)
    let day = CalendarDay.day(of: instant, in: timeZone).vietnamese
    let (hour, minute) = (parts.hour ?? 0, parts.minute ?? 0)
    return "\(day) \(hour < 10 ? "0" : "")\(hour):\(minute < 10 ? "0" : "")\(minute)"
  }

  public static let standard = Config(
    provinceName: nil,
    bodies: [
      Bodies(
        from: CalendarDay(year: 2000, month: 1, day: 1)!,
        issuer: "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", issuerShort: "SLĐTBXH",
        ministry: "Bộ Lao động - Thương binh và Xã hội", signerTitle: "GIÁM ĐỐC"),
      Bodies(
        from: CalendarDay(year: 2025, month: 3, day: 1)!,
        issuer: "SỞ NỘI VỤ", issuerShort: "SNV", ministry: "Bộ Nội vụ", signerTitle: "GIÁM ĐỐC"),
    ],
    milestones: [
      "CT1": [Milestone(year: 2025, target: 1), Milestone(year: 2030, target: 1)],
      "CT2": [Milestone(year: 2025, target: 1), Milestone(year: 2030, target: 1)],
      "CT3A": [Milestone(year: 2025, target: 0.7)],
      "CT3B": [Milestone(year: 2030, target: 0.9)],
      "CT4": [Milestone(year: 2025, target: 1), Milestone(year: 2030, target: 1)],
      "CT5": [Milestone(year: 2025, target: 1), Milestone(year: 2030, target: 1)],
      "CT6": [Milestone(year: 2025, target: 0.95), Milestone(year: 2030, target: 1)],
    ],
    windowRegime: .decree09,
    firstHalfDeadline: (6, 10),
    yearDeadline: (12, 10),
    maxFileBytes: 50 * 1024 * 1024,
    openDaysAfterDeadline: 31)

  public func windowStart(of period: Period) -> CalendarDay {
    switch windowRegime {
    case .decree09: CalendarDay(year: period.year - 1, month: 12, day: 15)!
    case .calendar: CalendarDay(year: period.year, month: 1, day: 1)!
    }
  }

  /// The last day of the data window: the hierarchy of this day is the one used.
  public func referenceDate(of period: Period) -> CalendarDay {
    switch (windowRegime, period.kind) {
    case (.decree09, .firstHalf): CalendarDay(year: period.year, month: 6, day: 14)!
    case (.decree09, .year): CalendarDay(year: period.year, month: 12, day: 14)!
    case (.calendar, .firstHalf): CalendarDay(year: period.year, month: 6, day: 30)!
    case (.calendar, .year): CalendarDay(year: period.year, month: 12, day: 31)!
    }
  }

  /// The deadline's day and month in the half year either side of the reference date: 10 June
  /// for a window ending 14 June, and 15 January of the next year for an annual window ending in December.
  public func deadline(of period: Period) -> CalendarDay {
    let (month, day) = period.kind == .firstHalf ? firstHalfDeadline : yearDeadline
    let reference = referenceDate(of: period)
    for year in [reference.year, reference.year + 1, reference.year - 1] {
      if let date = CalendarDay(year: year, month: month, day: min(day, CalendarDay.daysIn(month: month, year: year))),
        abs(date.ordinal - reference.ordinal) <= 183
      {
        return date
      }
    }
    return reference
  }

  /// The bodies in office on the period's reference date.
  public func bodies(for period: Period) -> Bodies {
    let date = referenceDate(of: period)
    return bodies.last(where: { $0.from <= date }) ?? bodies[0]
  }

  /// `Đạt` when the value reaches the period's milestone target, `Chưa đạt` below it, nil when
  /// there is no value or no target.
  /// The assessment of domain.md: `Đạt`/`Chưa đạt` only where the target is due (an "every year"
  /// target in every annual report, a "by 2025"/"by 2030" target in the annual report of that year);
  /// elsewhere the progress is only followed. Nil for an indicator without a target.
  public func assessment(of indicator: String, value: Double?, in period: Period) -> String? {
    guard let target = target(of: indicator, in: period), Indicators.applies(indicator, to: period) else { return nil }
    guard let value else { return "Chưa có số liệu" }
    guard period.kind == .year else { return "Báo cáo 6 tháng: theo dõi tiến độ" }
    guard Indicators.everyYear.contains(indicator) || target.year == period.year else {
      return "Chưa đến kỳ đánh giá (mốc \(target.year))"
    }
    return value >= target.target ? "Đạt" : "Chưa đạt"
  }

  /// The first milestone at or after the report year (domain.md).
  public func target(of indicator: String, in period: Period) -> Milestone? {
    milestones[indicator]?.sorted { $0.year < $1.year }.first { $0.year >= period.year }
  }
}
