import Foundation
import Testing
import TonghopTestSupport

@testable import TonghopCore

@Suite struct HierarchyTests {
  static let shipped = Result { try Registry.load(from: TestWorkspace.repository.appendingPathComponent("inputs/registry/don-vi.csv")) }

  private func areas(_ period: String) throws -> [String] {
    let period = try #require(Period(code: period))
    return try Hierarchy(registry: Self.shipped.get(), date: Config.standard.referenceDate(of: period)).areas.map(\.name)
  }

  @Test func ninhBinhAreasFollowTheReorganisations() throws {
    #expect(
      try areas("2024-Y") == [
        "Thành phố Ninh Bình", "Thành phố Tam Điệp", "Huyện Nho Quan", "Huyện Gia Viễn", "Huyện Hoa Lư",
        "Huyện Yên Khánh", "Huyện Kim Sơn", "Huyện Yên Mô",
      ])
    // From 1 January 2025 Thành phố Hoa Lư replaces Thành phố Ninh Bình and Huyện Hoa Lư.
    #expect(
      try areas("2025-H1") == [
        "Thành phố Tam Điệp", "Huyện Nho Quan", "Huyện Gia Viễn", "Thành phố Hoa Lư", "Huyện Yên Khánh",
        "Huyện Kim Sơn", "Huyện Yên Mô",
      ])
    // From 1 July 2025: no districts, the 129 communes of the merged province.
    let merged = try areas("2025-Y")
    #expect(merged.count == 129)
    #expect(merged.allSatisfy { $0.hasPrefix("Xã ") || $0.hasPrefix("Phường ") })
  }

  @Test func aSchoolCountsInTheAreaOfItsParentOnTheReferenceDate() throws {
    let registry = try Self.shipped.get()
    let before = try Hierarchy(registry: registry, date: CalendarDay(iso: "2024-12-14")!)
    let after = try Hierarchy(registry: registry, date: CalendarDay(iso: "2025-06-14")!)
    #expect(before.areaOf["TH369"] == "369")
    #expect(after.areaOf["TH369"] == "374")
    #expect(before.areaOf["SYT"] == nil)  // a provincial department counts only in the province
  }

  /// A unit that ends inside the data window is not expected; one that starts inside it is.
  @Test func unitsAreExpectedWhenTheyExistOnTheReferenceDate() throws {
    let registry = try Registry(
      units: [
        Unit(code: "1", name: "P", type: .tinh, parentCode: nil, from: nil, to: nil, line: 2),
        Unit(code: "10", name: "Old", type: .xa, parentCode: "1", from: nil, to: CalendarDay(iso: "2024-03-31"), line: 3),
        Unit(code: "11", name: "New", type: .xa, parentCode: "1", from: CalendarDay(iso: "2024-04-01"), to: nil, line: 4),
      ])
    let h1 = try Hierarchy(registry: registry, date: CalendarDay(iso: "2024-06-14")!)
    #expect(h1.expected.map(\.code) == ["11"])
    #expect(h1.areas.map(\.code) == ["11"])
  }

  @Test func aReportFromAUnitClosedBeforeTheReferenceDateIsD02() throws {
    let workspace = try TestWorkspace(registry: TestWorkspace.smallRegistry + "90199,Xã Đã Nhập,xa,901,,2024-03-31\n")
    try workspace.submit(
      "a.csv",
      "ma_don_vi,ky_bao_cao,ngay_lap,cuoc_tt,luot_nam,luot_nu,tin_q1,tin_q2,huong_uoc,huong_uoc_bdg\n90199,2024-H1,2024-03-20,2,1,1,2,2,1,1\n")
    try workspace.runThroughRollup(Period(year: 2024, kind: .firstHalf), today: CalendarDay(iso: "2024-07-01")!)
    #expect(try workspace.stage("2024-H1", StageFile.issues).map { $0["ma_loi"] } == ["D02"])
    #expect(!(try workspace.stage("2024-H1", StageFile.progress)).contains { $0["ma_don_vi"] == "90199" })
  }

  /// A province that merged its districts away on 2025-07-01: 90101 absorbs 90102, 90201 stays.
  static let reformedRegistry = """
    ma_don_vi,ten_don_vi,loai,ma_cap_tren,hieu_luc_tu,hieu_luc_den
    99,Tỉnh Thử,tinh,,,
    901,Huyện A,huyen,99,,2025-06-30
    902,Huyện B,huyen,99,,2025-06-30
    90101,Xã A1,xa,901,,2025-06-30
    90101,Xã A mới,xa,99,2025-07-01,
    90102,Xã A2,xa,901,,2025-06-30
    90201,Xã B1,xa,902,,2025-06-30
    90201,Xã B mới,xa,99,2025-07-01,
    90300,Xã C,xa,99,2024-01-01,
    TRA,Trường Tiểu học A,truong,901,,2025-06-30
    TRA,Trường Tiểu học A,truong,90101,2025-07-01,
    BCA,Trung tâm Truyền thanh A,bao_chi,901,,2025-06-30
    SN1,Sở Một,so_nganh,99,,
    BC1,Báo Thử,bao_chi,99,,

    """

  @Test func restatingOnTheNewAreasFollowsCodesThenTheCrosswalk() throws {
    let workspace = try TestWorkspace(registry: Self.reformedRegistry)
    try workspace.write("inputs/registry/chuyen-doi.csv", "ma_cu,ma_moi,tu_ngay\n90102,90101,2025-07-01\n901,90101,2025-07-01\n")
    try workspace.submitSmallFirstHalf()
    let h1 = Period(year: 2024, kind: .firstHalf)
    try workspace.runThroughRollup(h1, today: CalendarDay(iso: "2024-07-01")!)
    _ = try workspace.pipeline(today: CalendarDay(iso: "2024-07-01")!).rollup(h1, restatedOn: CalendarDay(iso: "2025-12-14")!)
    var restated: [String: [String]] = [:]
    for row in try workspace.stage("2024-H1", StageFile.restatedIndicators(CalendarDay(iso: "2025-12-14")!)) {
      restated["\(row["ma_don_vi"]!)/\(row["chi_tieu"]!)"] = [row["tu_so"]!, row["mau_so"]!, row["gia_tri"]!]
    }
    let original = try workspace.stage("2024-H1", StageFile.indicators)
    // The areas are those of 2025; the province is unchanged, whatever the areas.
    #expect(Set(restated.keys.map { String($0.split(separator: "/")[0]) }) == ["99", "90101", "90201", "90300"])
    for row in original where row["ma_don_vi"] == "99" {
      #expect(restated["99/\(row["chi_tieu"]!)"] == [row["tu_so"]!, row["mau_so"]!, row["gia_tri"]!])
    }
    // 90101 now holds 901's own report and 90102 (crosswalk), itself and the school that moved into
    // it; Huyện A's media centre closed with no successor and, like 902, counts only in the province.
    #expect(restated["90101/CT1"] == ["2", "3", "0.666667"])
    #expect(restated["90101/CT6"] == ["11", "12", "0.916667"])
    #expect(restated["90101/CT5"] == ["1", "1", "1.000000"])
    #expect(restated["90101/NOP_tat_ca"] == ["4", "4", "1.000000"])
    #expect(restated["90101/CT3A"] == ["", "", ""])
    #expect(restated["90201/CT1"] == ["0", "1", "0.000000"])
    #expect(restated["90201/TS_cuoc_tt"] == ["0", "", "0"])
  }

  /// Two reorganisations: 90102 went to 90103 in January, 90103 to 90101 in July. Restated on
  /// December's areas, 90102 follows both lines and lands where a direct line would take it.
  @Test func theCrosswalkIsFollowedThroughSeveralReorganisations() throws {
    func restated(_ crosswalk: String) throws -> [String: String] {
      let registry = Self.reformedRegistry.replacingOccurrences(
        of: "90102,Xã A2,xa,901,,2025-06-30\n", with: "90102,Xã A2,xa,901,,2024-12-31\n90103,Xã A3,xa,901,2025-01-01,2025-06-30\n")
      let workspace = try TestWorkspace(registry: registry)
      try workspace.write("inputs/registry/chuyen-doi.csv", "ma_cu,ma_moi,tu_ngay\n" + crosswalk)
      try workspace.submitSmallFirstHalf()
      let h1 = Period(year: 2024, kind: .firstHalf)
      try workspace.runThroughRollup(h1, today: CalendarDay(iso: "2024-07-01")!)
      let day = CalendarDay(iso: "2025-12-14")!
      _ = try workspace.pipeline(today: CalendarDay(iso: "2024-07-01")!).rollup(h1, restatedOn: day)
      return Dictionary(
        uniqueKeysWithValues: try workspace.stage("2024-H1", StageFile.restatedIndicators(day)).map {
          ("\($0["ma_don_vi"]!)/\($0["chi_tieu"]!)", "\($0["tu_so"]!) \($0["mau_so"]!)")
        })
    }
    let chained = try restated("90102,90103,2025-01-01\n90103,90101,2025-07-01\n901,90101,2025-07-01\n")
    let direct = try restated("90102,90101,2025-07-01\n901,90101,2025-07-01\n")
    let lost = try restated("90102,90103,2025-01-01\n901,90101,2025-07-01\n")
    #expect(chained == direct)
    #expect(chained["90101/NOP_tat_ca"] == "4 4")
    // Without the July line, 90102 has nowhere to go on December's areas: the province only.
    #expect(lost["90101/NOP_tat_ca"] == "3 3")
  }

  @Test func aCrosswalkThatNamesAnUnknownUnitNamesItsLine() throws {
    let registry = try Registry(units: [Unit(code: "1", name: "P", type: .tinh, parentCode: nil, from: nil, to: nil, line: 2)])
    let workspace = try TestWorkspace()
    try workspace.write("inputs/registry/chuyen-doi.csv", "ma_cu,ma_moi,tu_ngay\n1,1,2025-07-01\n1,7,2025-07-01\n")
    let error = #expect(throws: TonghopError.self) {
      try Crosswalk.load(from: workspace.url("inputs/registry/chuyen-doi.csv"), registry: registry)
    }
    #expect(error?.message.contains("dòng 3") == true)
  }
}
