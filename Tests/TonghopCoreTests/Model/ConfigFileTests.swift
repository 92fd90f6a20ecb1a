import Foundation
import Testing
import TonghopTestSupport

@testable import TonghopCore

@Suite struct ConfigFileTests {
  private func failure(_ text: String) -> TonghopError? {
    #expect(throws: TonghopError.self) { try ConfigFile.parse(text) }
  }

  @Test func theShippedConfigHoldsTheValuesOfTheSpec() throws {
    let config = try ConfigFile.load(TestWorkspace.repository.appendingPathComponent("inputs/config.toml"))
    #expect(config.provinceName == "Ninh Bình")
    #expect(config.maxFileBytes == 50 * 1024 * 1024)
    #expect(config.windowRegime == .decree09)
    #expect(config.bodies.map(\.issuer) == ["SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "SỞ NỘI VỤ"])
    #expect(config.bodies[1].from == CalendarDay(iso: "2025-03-01"))
    // The numbers of domain.md and the seed, written out here: comparing with the program's own
    // defaults would pass whatever they were.
    let spec: [String: [String]] = [
      "CT1": ["2025:100", "2030:100"], "CT2": ["2025:100", "2030:100"], "CT3A": ["2025:70"], "CT3B": ["2030:90"],
      "CT4": ["2025:100", "2030:100"], "CT5": ["2025:100", "2030:100"], "CT6": ["2025:95", "2030:100"],
    ]
    for config in [config, Config.standard] {
      for (code, milestones) in spec {
        #expect(config.milestones[code]?.map { "\($0.year):\(Int(($0.target * 100).rounded()))" } == milestones, "\(code)")
      }
      #expect(config.firstHalfDeadline == (6, 10) && config.yearDeadline == (12, 10))
      #expect(config.timeZone == "Asia/Ho_Chi_Minh")
      #expect(config.maxFileBytes == 50 * 1024 * 1024)
    }
  }

  @Test func theProvinceTimeZoneDecidesTheRunDate() throws {
    #expect(try ConfigFile.parse("mui_gio = \"Asia/Tokyo\"\n").timeZone == "Asia/Tokyo")
    #expect(failure("mui_gio = \"Sao Hoả\"\n")?.message.contains("dòng 1: mui_gio") == true)
    // 20:00 UTC on 9 June is already the deadline day, 10 June, in Hà Nội (UTC+7).
    let evening = ISO8601DateFormatter().date(from: "2025-06-09T20:00:00Z")!
    #expect(CalendarDay.day(of: evening, in: "UTC").description == "2025-06-09")
    #expect(CalendarDay.day(of: evening, in: Config.standard.timeZone).description == "2025-06-10")
    #expect(CalendarDay.day(of: evening, in: "Asia/Tokyo").description == "2025-06-10")
  }

  @Test func anEmptyFileKeepsEveryDefault() throws {
    let config = try ConfigFile.parse("# nothing\n")
    #expect(config.bodies.count == 2 && config.firstHalfDeadline == (6, 10) && config.provinceName == nil)
  }

  @Test func calendarHalvesAndOtherDeadlines() throws {
    let config = try ConfigFile.parse("[ky_bao_cao]\nche_do = \"lich\"\nhan_6_thang = \"05/07\"\nhan_ca_nam = 2000-01-05\n")
    let h1 = Period(year: 2025, kind: .firstHalf)
    #expect(config.windowStart(of: h1).description == "2025-01-01")
    #expect(config.referenceDate(of: h1).description == "2025-06-30")
    #expect(config.referenceDate(of: Period(year: 2025, kind: .year)).description == "2025-12-31")
    #expect(config.deadline(of: h1).description == "2025-07-05")
    #expect(config.deadline(of: Period(year: 2025, kind: .year)).description == "2026-01-05")
    #expect(Config.standard.deadline(of: Period(year: 2025, kind: .year)).description == "2025-12-10")
  }

  @Test func mistakesNameTheirLine() {
    #expect(failure("ten_tinh = \"A\"\nso_huyen = 8\n")?.message.contains("dòng 2: so_huyen: mục cấu hình không có") == true)
    #expect(failure("ten_tinh = \n")?.message.contains("dòng 1") == true)
    #expect(failure("# a\n[ky_bao_cao]\nche_do = \"quy\"\n")?.message.contains("dòng 3: che_do") == true)
    #expect(failure("gioi_han_tep_mib = \"50\"\n")?.message.contains("dòng 1: gioi_han_tep_mib") == true)
    let bodies = "[[co_quan]]\ntu_ngay = 2000-01-01\nten = \"A\"\nviet_tat = \"A\"\nbo = \"B\"\n[[co_quan]]\nten = \"C\"\nviet_tat = \"C\"\nbo = \"D\"\n"
    #expect(failure(bodies)?.message.contains("dòng 6: tu_ngay") == true)
    #expect(failure("[muc_tieu]\nCT1 = { 2025 = 120 }\n")?.message.contains("dòng 2: CT1") == true)
    #expect(failure("[muc_tieu]\nCT9 = { 2025 = 100 }\n")?.message.contains("dòng 2: CT9: mục cấu hình không có") == true)
    #expect(failure("[muc_tieu]\nCT1 = 100\n")?.exitCode == 2)
  }

  /// Deadlines day first, as officers write them; `10-06` could be 10 June or 6 October: refused.
  @Test func deadlinesAreWrittenDayFirst() throws {
    let config = try ConfigFile.parse("[ky_bao_cao]\nhan_6_thang = \"15/6\"\nhan_ca_nam = \"05/12\"\n")
    #expect(config.firstHalfDeadline == (6, 15) && config.yearDeadline == (12, 5))
    #expect(try ConfigFile.parse("[ky_bao_cao]\nhan_6_thang = 2025-06-10\n").firstHalfDeadline == (6, 10))
    for wrong in ["\"10-06\"", "\"06-10\"", "\"10.06\"", "\"31/06\"", "\"6/15\"", "\"10/06/2025\"", "\"ngày 10\""] {
      let error = failure("# hạn\n[ky_bao_cao]\nhan_6_thang = \(wrong)\n")
      #expect(error?.message.contains("dòng 3: han_6_thang: phải là ngày/tháng, ngày viết trước") == true, "\(wrong): \(error?.message ?? "")")
      #expect(error?.exitCode == 2)
    }
    #expect(failure("[ky_bao_cao]\nhan_6_thang = \"10-06\"\n")?.message.contains("đọc được hai cách") == true)
  }

  @Test func theConfigOfTheProjectIsTheOneInEffect() throws {
    let workspace = try TestWorkspace()
    try workspace.write(
      "inputs/config.toml",
      "ten_tinh = \"Thử Nghiệm\"\n[[co_quan]]\ntu_ngay = 2000-01-01\nten = \"SỞ THỬ\"\nviet_tat = \"ST\"\nbo = \"Bộ Thử\"\nnoi_nhan = [\"Bộ Thử (để báo cáo)\", \"Sở Tài chính\"]\n[muc_tieu]\nCT1 = { 2024 = 40 }\n")
    try workspace.submitSmallFirstHalf()
    let today = CalendarDay(iso: "2024-07-01")!
    try workspace.runThroughRollup(Period(year: 2024, kind: .firstHalf), today: today)
    _ = try workspace.pipeline(today: today).export(Period(year: 2024, kind: .firstHalf))
    let book = try ReadBackWorkbook.read(workspace.url("outputs/reports/2024-H1/BaoCao-BDG-2024-H1-Tinh.xlsx"))
    #expect(book.value("Tổng hợp", "A1") == .text("UBND TỈNH THỬ NGHIỆM"))
    #expect(book.value("Tổng hợp", "A2") == .text("SỞ THỬ"))
    #expect(book.value("Tổng hợp", "H12") == .number(0.4))
    #expect(book.value("Tổng hợp", "I12") == .text("Báo cáo 6 tháng: theo dõi tiến độ"))  // 3/7 = 42.9%, against 40%
    // The recipients the config lists, between "Như trên" and the archive copy.
    let texts = (book.cells["Tổng hợp"] ?? [:]).values.compactMap { if case .text(let text) = $0[0] { text } else { nil } }
    #expect(texts.contains("- Bộ Thử (để báo cáo);") && texts.contains("- Sở Tài chính;") && texts.contains("- Lưu: VT, ST."))
    #expect(failure("[[co_quan]]\ntu_ngay = 2000-01-01\nten = \"A\"\nviet_tat = \"A\"\nbo = \"B\"\nnoi_nhan = \"C\"\n")?.message.contains("dòng 6: noi_nhan") == true)
  }
}

/// When a target is assessed (domain.md): every-year targets in every annual report, milestone
/// targets in their year's annual report; 6-month reports follow the progress; no data is said.
@Suite struct AssessmentTests {
  let config = Config.standard

  @Test(arguments: [
    ("CT1", 0.5, "2024-Y", "Chưa đạt"), ("CT1", 1.0, "2024-Y", "Đạt"), ("CT4", 1.0, "2026-Y", "Đạt"),
    ("CT1", 0.5, "2025-H1", "Báo cáo 6 tháng: theo dõi tiến độ"),
    ("CT6", 0.5, "2024-Y", "Chưa đến kỳ đánh giá (mốc 2025)"), ("CT6", 0.96, "2025-Y", "Đạt"), ("CT6", 0.9, "2025-Y", "Chưa đạt"),
    ("CT6", 0.9, "2026-Y", "Chưa đến kỳ đánh giá (mốc 2030)"), ("CT3A", 0.5, "2025-Y", "Chưa đạt"),
    ("CT3B", 0.2, "2025-Y", "Chưa đến kỳ đánh giá (mốc 2030)"), ("CT3B", 0.95, "2030-Y", "Đạt"),
    ("CT3B", 0.2, "2025-H1", "Báo cáo 6 tháng: theo dõi tiến độ"),
  ])
  func aTargetIsAssessedOnlyWhereItIsDue(_ code: String, _ value: Double, _ period: String, _ expected: String) {
    #expect(config.assessment(of: code, value: value, in: Period(code: period)!) == expected)
  }

  @Test func noDataIsSaidAndAnIndicatorThatDoesNotApplyIsLeftEmpty() {
    #expect(config.assessment(of: "CT1", value: nil, in: Period(code: "2025-Y")!) == "Chưa có số liệu")
    #expect(config.assessment(of: "CT2", value: nil, in: Period(code: "2025-H1")!) == nil)
    #expect(config.assessment(of: "CT3A", value: 0.5, in: Period(code: "2026-Y")!) == nil)  // no milestone after 2025
  }
}
