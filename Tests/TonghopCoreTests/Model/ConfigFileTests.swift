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
    for code in ["CT1", "CT2", "CT3A", "CT3B", "CT4", "CT5", "CT6"] {
      let shipped = config.targets[code]?.map { "\($0.year):\($0.target)" }
      let standard = Config.standard.targets[code]?.map { "\($0.year):\($0.target)" }
      #expect(shipped == standard, "\(code)")
    }
  }

  @Test func anEmptyFileKeepsEveryDefault() throws {
    let config = try ConfigFile.parse("# nothing\n")
    #expect(config.bodies.count == 2 && config.firstHalfDeadline == (6, 10) && config.provinceName == nil)
  }

  @Test func calendarHalvesAndOtherDeadlines() throws {
    let config = try ConfigFile.parse("[ky_bao_cao]\nche_do = \"lich\"\nhan_6_thang = \"07-05\"\nhan_ca_nam = \"01-05\"\n")
    let h1 = Period(year: 2025, kind: .firstHalf)
    #expect(config.windowStart(of: h1).description == "2025-01-01")
    #expect(config.referenceDate(of: h1).description == "2025-06-30")
    #expect(config.referenceDate(of: Period(year: 2025, kind: .year)).description == "2025-12-31")
    #expect(config.deadline(of: h1).description == "2025-07-05")
    #expect(config.deadline(of: Period(year: 2025, kind: .year)).description == "2026-01-05")
    #expect(Config.standard.deadline(of: Period(year: 2025, kind: .year)).description == "2025-12-10")
  }

  @Test func mistakesNameTheirLine() {
    #expect(failure("ten_tinh = \"A\"\nso_huyen = 8\n")?.message.contains("line 2: so_huyen: unknown setting") == true)
    #expect(failure("ten_tinh = \n")?.message.contains("line 1") == true)
    #expect(failure("# a\n[ky_bao_cao]\nche_do = \"quy\"\n")?.message.contains("line 3: che_do") == true)
    #expect(failure("[ky_bao_cao]\nhan_6_thang = \"10/06\"\n")?.message.contains("line 2: han_6_thang") == true)
    #expect(failure("gioi_han_tep_mib = \"50\"\n")?.message.contains("line 1: gioi_han_tep_mib") == true)
    let bodies = "[[co_quan]]\ntu_ngay = 2000-01-01\nten = \"A\"\nviet_tat = \"A\"\nbo = \"B\"\n[[co_quan]]\nten = \"C\"\nviet_tat = \"C\"\nbo = \"D\"\n"
    #expect(failure(bodies)?.message.contains("line 6: tu_ngay") == true)
    #expect(failure("[muc_tieu]\nCT1 = { 2025 = 120 }\n")?.message.contains("line 2: CT1") == true)
    #expect(failure("[muc_tieu]\nCT9 = { 2025 = 100 }\n")?.message.contains("line 2: CT9: unknown setting") == true)
    #expect(failure("[muc_tieu]\nCT1 = 100\n")?.exitCode == 2)
  }

  @Test func theConfigOfTheProjectIsTheOneInEffect() throws {
    let workspace = try TestWorkspace()
    try workspace.write(
      "inputs/config.toml",
      "ten_tinh = \"Thử Nghiệm\"\n[[co_quan]]\ntu_ngay = 2000-01-01\nten = \"SỞ THỬ\"\nviet_tat = \"ST\"\nbo = \"Bộ Thử\"\n[muc_tieu]\nCT1 = { 2024 = 40 }\n")
    try workspace.submitSmallFirstHalf()
    let today = CalendarDay(iso: "2024-07-01")!
    try workspace.runThroughRollup(Period(year: 2024, kind: .firstHalf), today: today)
    _ = try workspace.pipeline(today: today).export(Period(year: 2024, kind: .firstHalf))
    let book = try ReadBackWorkbook.read(workspace.url("outputs/reports/2024-H1/BaoCao-BDG-2024-H1-Tinh.xlsx"))
    #expect(book.value("Tổng hợp", "A1") == .text("UBND TỈNH THỬ NGHIỆM"))
    #expect(book.value("Tổng hợp", "A2") == .text("SỞ THỬ"))
    #expect(book.value("Tổng hợp", "H12") == .number(0.4))
    #expect(book.value("Tổng hợp", "I12") == .text("Đạt"))  // 3/7 = 42.9% ≥ 40%
  }
}
