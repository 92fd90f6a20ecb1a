import Testing
import TonghopTestSupport

@testable import TonghopCore

/// Every indicator on the small hierarchy of `TestWorkspace.smallRegistry`, computed by hand.
@Suite struct RollupStageTests {
  static let h1 = Period(year: 2024, kind: .firstHalf)

  private func workspace() throws -> TestWorkspace {
    let workspace = try TestWorkspace()
    try workspace.submitSmallFirstHalf()
    try workspace.runThroughRollup(Self.h1, today: CalendarDay(iso: "2024-07-01")!)
    return workspace
  }

  private func indicators(_ workspace: TestWorkspace) throws -> [String: [String]] {
    var result: [String: [String]] = [:]
    for row in try workspace.stage("2024-H1", StageFile.indicators) {
      result["\(row["ma_don_vi"]!)/\(row["chi_tieu"]!)"] = [row["tu_so"]!, row["mau_so"]!, row["gia_tri"]!]
    }
    return result
  }

  @Test func provinceIndicatorsAreRatiosOfSumsOverExpectedUnits() throws {
    let values = try indicators(try workspace())
    #expect(values["99/CT1"] == ["3", "7", "0.428571"])
    #expect(values["99/CT2"] == ["", "", ""])  // the Action Month is assessed in the annual report only
    #expect(values["99/CT3A"] == ["2", "2", "1.000000"])
    #expect(values["99/CT3B"] == ["1", "2", "0.500000"])
    #expect(values["99/CT4"] == ["2", "4", "0.500000"])
    #expect(values["99/CT5"] == ["1", "1", "1.000000"])
    #expect(values["99/CT6"] == ["21", "22", "0.954545"])
    #expect(values["99/TS_cuoc_tt"] == ["11", "", "11"])
    #expect(values["99/TS_luot_nam"] == ["105", "", "105"])
    #expect(values["99/TS_ty_le_nu"] == ["185", "290", "0.637931"])
    #expect(values["99/TS_tin_q3"] == ["0", "", "0"])
    #expect(values["99/TS_tin_bai_bc"] == ["25", "", "25"])
    #expect(values["99/NOP_xa"] == ["3", "4", "0.750000"])
    #expect(values["99/NOP_huyen"] == ["1", "2", "0.500000"])
    #expect(values["99/NOP_tat_ca"] == ["8", "10", "0.800000"])
    #expect(values["99/DUNG_HAN_xa"] == ["2", "4", "0.500000"])
    #expect(values["99/DUNG_HAN_so_nganh"] == ["1", "1", "1.000000"])
    #expect(values["99/DUNG_HAN_tat_ca"] == ["7", "10", "0.700000"])
  }

  @Test func areasCountTheirOwnUnitsAndEmptyDenominatorsGiveNoValue() throws {
    let values = try indicators(try workspace())
    #expect(values["901/CT1"] == ["2", "3", "0.666667"])
    #expect(values["901/CT3B"] == ["0", "1", "0.000000"])
    #expect(values["901/CT6"] == ["11", "12", "0.916667"])
    #expect(values["902/CT1"] == ["0", "2", "0.000000"])
    #expect(values["902/CT3A"] == ["", "", ""])
    #expect(values["902/CT6"] == ["", "", ""])
    #expect(values["902/TS_cuoc_tt"] == ["0", "", "0"])
    // A commune directly under the province is an area of its own.
    #expect(values["90300/CT4"] == ["1", "1", "1.000000"])
    // Units directly under the province count only there.
    #expect(values["SN1/CT1"] == nil)
  }

  @Test func everyNodeHasEveryIndicatorInOrder() throws {
    let rows = try workspace().stage("2024-H1", StageFile.indicators)
    #expect(rows.count == 4 * Indicators.all.count)
    #expect(Set(rows.map { $0["ma_don_vi"]! }) == ["99", "901", "902", "90300"])
    #expect(rows.prefix(Indicators.all.count).map { $0["chi_tieu"]! } == Indicators.all.map(\.code))
  }

  @Test func progressNamesEveryExpectedUnitWithItsStatus() throws {
    let rows = try workspace().stage("2024-H1", StageFile.progress)
    let status = Dictionary(uniqueKeysWithValues: rows.map { ($0["ma_don_vi"]!, $0["trang_thai"]!) })
    #expect(status.count == 10)
    #expect(status["90101"] == "dung_han")
    #expect(status["90102"] == "tre_han")
    #expect(status["90201"] == "chua_nop")
    #expect(status["902"] == "loi")
    #expect(status["SN1"] == "dung_han")
    #expect(rows.first { $0["ma_don_vi"] == "SN1" }?["ngay_lap"] == "2024-06-03")
  }

  @Test func ratiosRoundHalfAwayFromZeroToSixPlaces() {
    #expect(IndicatorValue.ratio("x", "CT1", 1, 3).formatted == "0.333333")
    #expect(IndicatorValue.ratio("x", "CT1", 2, 3).formatted == "0.666667")
    #expect(IndicatorValue.ratio("x", "CT1", 1, 8_000_000).formatted == "0.000000")
    #expect(IndicatorValue.ratio("x", "CT1", 1, 2_000_000).formatted == "0.000001")  // exactly half
    #expect(IndicatorValue.ratio("x", "CT1", 0, 0).formatted == "")
  }
}
