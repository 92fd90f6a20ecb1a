import Testing

@testable import TonghopCore

@Suite struct PeriodTests {
  @Test(arguments: [
    "2025-H1", "H1/2025", "h1-2025", "6T/2025", "6t-2025", "2025-6T", "2025S1", "6 tháng 2025",
    "6 tháng đầu năm 2025", " 6 THÁNG ĐẦU NĂM 2025 ",
  ])
  func firstHalfAliases(_ text: String) {
    #expect(Period.parse(text) == Period(year: 2025, kind: .firstHalf))
  }

  @Test(arguments: ["2025-Y", "2025", "Y/2025", "N/2025", "CN/2025", "2025-CN", "năm 2025", "Cả năm 2025"])
  func yearAliases(_ text: String) {
    #expect(Period.parse(text) == Period(year: 2025, kind: .year))
  }

  @Test(arguments: ["", "2025-H2", "H3/2025", "25", "2025/2026", "Q1/2025", "năm nay"])
  func notPeriods(_ text: String) {
    #expect(Period.parse(text) == nil)
  }

  @Test func commandLineTakesOnlyTheCanonicalCode() {
    #expect(Period(code: "2024-Y") == Period(year: 2024, kind: .year))
    #expect(Period(code: "H1/2024") == nil)
  }

  @Test func decree09WindowsAndDeadlines() {
    let config = Config.standard
    let h1 = Period(year: 2025, kind: .firstHalf)
    #expect(config.windowStart(of: h1).description == "2024-12-15")
    #expect(config.referenceDate(of: h1).description == "2025-06-14")
    #expect(config.deadline(of: h1).description == "2025-06-10")
    #expect(config.referenceDate(of: Period(year: 2025, kind: .year)).description == "2025-12-14")
  }

  @Test func bodiesChangeOnTheFirstOfMarch2025() {
    #expect(Config.standard.bodies(for: Period(year: 2024, kind: .year)).issuer == "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI")
    #expect(Config.standard.bodies(for: Period(year: 2025, kind: .firstHalf)).ministry == "Bộ Nội vụ")
  }

  @Test func milestoneIsTheFirstAtOrAfterTheReportYear() {
    #expect(Config.standard.target(of: "CT6", in: Period(year: 2024, kind: .year))?.target == 0.95)
    #expect(Config.standard.target(of: "CT6", in: Period(year: 2026, kind: .year))?.target == 1)
    #expect(Config.standard.target(of: "CT3A", in: Period(year: 2027, kind: .year)) == nil)
  }

  @Test func daysRoundTripAndRejectImpossibleDates() {
    #expect(CalendarDay(submitted: "29/02/2024")?.description == "2024-02-29")
    #expect(CalendarDay(submitted: "29/02/2025") == nil)
    #expect(CalendarDay(submitted: "5/6/2025")?.description == "2025-06-05")
    #expect(CalendarDay(submitted: "05.06.2025")?.description == "2025-06-05")
    #expect(CalendarDay(submitted: "06-13-2025") == nil)  // month first is never read
    #expect(CalendarDay(iso: "2024-12-31")!.adding(days: 1).description == "2025-01-01")
  }
}
