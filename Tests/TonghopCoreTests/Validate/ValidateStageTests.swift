import Foundation
import Testing
import TonghopTestSupport

@testable import TonghopCore

/// Each validation code triggered by a file that a real office could send.
@Suite struct ValidateStageTests {
  static let h1 = Period(year: 2024, kind: .firstHalf)
  static let communeHeader =
    "ma_don_vi,ky_bao_cao,ngay_lap,cuoc_tt,luot_nam,luot_nu,luot_dtts,tin_q1,tin_q2,tin_q3,tin_q4,huong_uoc,huong_uoc_bdg,kh_thang_hd,ghi_chu"

  /// Submits the files, runs ingest and validate for 2024-H1 and returns the issue list.
  private func issues(
    _ files: [(String, String)], period: Period = h1, today: String = "2024-07-01", in workspace: TestWorkspace? = nil
  ) throws -> (issues: [[String: String]], accepted: [[String: String]]) {
    let workspace = try workspace ?? TestWorkspace()
    for (name, text) in files { try workspace.submit(name, text) }
    let pipeline = try workspace.pipeline(today: CalendarDay(iso: today)!)
    _ = try pipeline.ingest()
    _ = try pipeline.validate(period)
    return (try workspace.stage(period.code, StageFile.issues), try workspace.stage(period.code, StageFile.accepted))
  }

  private func codes(_ rows: [[String: String]]) -> [String] { rows.compactMap { $0["ma_loi"] } }

  @Test func aCleanCommuneFileIsAcceptedWithNoIssue() throws {
    let result = try issues([("a.csv", Self.communeHeader + "\n90101,2024-H1,05/06/2024,3,40,52,10,2,3,,,8,8,,\n")])
    #expect(result.issues.isEmpty)
    #expect(result.accepted.count == 1)
    #expect(result.accepted[0]["ngay_lap"] == "2024-06-05")
    #expect(result.accepted[0]["luot_nu"] == "52")
    #expect(result.accepted[0]["tin_q3"] == "")
  }

  @Test func emptyAndBlankOnlyFilesAreT02() throws {
    let result = try issues([("empty.csv", ""), ("blank.csv", "\r\n  \r\n")])
    #expect(codes(result.issues) == ["T02", "T02"])
    #expect(result.issues.allSatisfy { $0["dong"] == "" && $0["muc_do"] == "loi" })
  }

  @Test func missingIdentifierColumnIsT03() throws {
    let result = try issues([("a.csv", "ma_don_vi,ky_bao_cao,cuoc_tt\n90101,2024-H1,3\n")])
    #expect(codes(result.issues) == ["T03"])
    #expect(result.issues[0]["noi_dung"]?.contains("ngay_lap") == true)
  }

  @Test func aColumnTwiceIsT04EvenWhenItsCaseDiffers() throws {
    let result = try issues([("a.csv", "ma_don_vi,ky_bao_cao,ngay_lap,cuoc_tt,Cuoc_TT\n90101,2024-H1,2024-06-05,3,3\n")])
    #expect(codes(result.issues) == ["T04"])
  }

  @Test func unterminatedQuoteIsT05WithItsLine() throws {
    let result = try issues([("a.csv", Self.communeHeader + "\n90101,2024-H1,2024-06-05,3,40,52,,2,3,,,8,8,,\"chưa đóng\n90102,2024-H1,2024-06-05,3,40,52,,2,3,,,8,8,,\n")])
    #expect(codes(result.issues) == ["T05"])
    #expect(result.issues[0]["noi_dung"]?.contains("dòng 2") == true)
    #expect(result.accepted.isEmpty)
  }

  @Test func headerNamesMatchInAnyCaseWithSpacesAndUnknownColumnsWarn() throws {
    let header = " MA_DON_VI ;Ky_Bao_Cao;ngay _lap;Cuoc_TT;luot_nam;luot_nu;tin_q1;tin_q2;huong_uoc;huong_uoc_bdg;Ghi chú thêm;;\n"
    let result = try issues([("a.csv", "\u{FEFF}" + header + "90101;H1/2024;5/6/2024;3;40;52;2;2;8;8;x;;\n")])
    #expect(codes(result.issues) == ["T08"])
    #expect(result.issues[0]["noi_dung"]?.contains("Ghi chú thêm") == true)
    #expect(result.accepted.count == 1)
  }

  @Test func aGroupedNumberThatSplitRejectsTheRowAsD19WithoutElementChecks() throws {
    // `1,234` unquoted in a comma file: luot_nam reads 1 and every later value moves one column.
    let result = try issues([
      ("a.csv", Self.communeHeader + "\n90101,2024-H1,05/06/2024,3,1,234,52,,2,3,,,8,8,,Đã họp\n"
        + "90102,2024-H1,05/06/2024,3,40,52,,2,3,,,8,8,,,,\n")
    ])
    #expect(codes(result.issues) == ["D19"])
    #expect(result.issues[0]["dong"] == "2")
    #expect(result.issues[0]["muc_do"] == "loi")
    #expect(result.issues[0]["noi_dung"]?.contains("ngoặc kép") == true)
    #expect(result.issues[0]["noi_dung"]?.contains("«Đã họp»") == true)
    // The second row's extra cells are empty: ignored, and the row counts.
    #expect(result.accepted.map { $0["ma_don_vi"] } == ["90102"])
  }

  /// Several issues of one file that differ only by their message (two unknown columns) come out in
  /// one order whatever order they were found in.
  @Test func theIssueOrderIsTotal() {
    let a = Finding(file: "a.csv", line: nil, column: "", unit: "", period: "", code: .T08, message: "Cột «x»")
    let b = Finding(file: "a.csv", line: nil, column: "", unit: "", period: "", code: .T08, message: "Cột «y»")
    #expect(Finding.sortedForOutput([a, b]) == Finding.sortedForOutput([b, a]))
    #expect(Finding.sortedForOutput([b, a]) == [a, b])
  }

  @Test func notCSVIsListedAsT09() throws {
    let result = try issues([("bao-cao.docx", "PK\u{03}\u{04}")])
    #expect(codes(result.issues) == ["T09"])
    #expect(result.issues[0]["muc_do"] == "thong_tin")
  }

  @Test func bytesThatAreNeitherUTF8NorWindows1258AreT01() throws {
    let workspace = try TestWorkspace()
    try workspace.write("inputs/submissions/a.csv", Data([0x6D, 0x61, 0x81, 0x8D, 0x0A]))
    let result = try issues([], in: workspace)
    #expect(codes(result.issues) == ["T01"])
  }

  @Test func unknownCodeIsD01AndExcelStrippedZerosAreRestoredWithD18() throws {
    let registry = TestWorkspace.smallRegistry + "00777,Xã Số Không,xa,902,,\n"
    let workspace = try TestWorkspace(registry: registry)
    let result = try issues(
      [("a.csv", Self.communeHeader + "\n90999,2024-H1,2024-06-05,3,40,52,,2,3,,,8,8,,\n777,2024-H1,2024-06-05,3,40,52,,2,3,,,8,8,,\n")],
      in: workspace)
    #expect(codes(result.issues) == ["D01", "D18"])
    #expect(result.issues[1]["ma_don_vi"] == "00777")
    #expect(result.accepted.map { $0["ma_don_vi"] } == ["00777"])
  }

  @Test func unitNotAliveOnTheReferenceDateOrTheProvinceItselfIsD02() throws {
    let result = try issues(
      [("a.csv", Self.communeHeader + "\n90300,2023-H1,2023-06-05,3,40,52,,2,3,,,8,8,,\n99,2023-H1,2023-06-05,3,40,52,,2,3,,,8,8,,\n")],
      period: Period(year: 2023, kind: .firstHalf))
    #expect(codes(result.issues) == ["D02", "D02"])
    #expect(result.issues[0]["noi_dung"]?.contains("14/06/2023") == true)
  }

  @Test func unreadablePeriodIsD03AndListedWithEveryPeriod() throws {
    let workspace = try TestWorkspace()
    let file = Self.communeHeader + "\n90101,quý 2/2024,2024-06-05,3,40,52,,2,3,,,8,8,,\n"
    let h1 = try issues([("a.csv", file)], in: workspace)
    #expect(codes(h1.issues) == ["D03"])
    #expect(h1.issues[0]["ky_bao_cao"] == "")
    _ = try workspace.pipeline.validate(Period(year: 2024, kind: .year))
    #expect(codes(try workspace.stage("2024-Y", StageFile.issues)) == ["D03"])
  }

  @Test func badDatesAreD04AndDatesOutsideTheWindowAreD05() throws {
    let rows = [
      "90101,2024-H1,31/06/2024,3,40,52,,2,3,,,8,8,,",  // no such day
      "90102,2024-H1,06/13/2024,3,40,52,,2,3,,,8,8,,",  // month first
      "90201,2024-H1,2023-12-14,3,40,52,,2,3,,,8,8,,",  // before the window opens on 15 Dec
      "90300,2024-H1,2024-07-02,3,40,52,,2,3,,,8,8,,",  // after the run date
    ]
    let result = try issues([("a.csv", Self.communeHeader + "\n" + rows.joined(separator: "\n") + "\n")])
    #expect(codes(result.issues) == ["D04", "D04", "D05", "D05"])
    #expect(result.accepted.isEmpty)
  }

  @Test func numbersThatAreNotNonNegativeIntegersAreD06() throws {
    let result = try issues([("a.csv", Self.communeHeader + "\n90101,2024-H1,2024-06-05,\"1,5\",-3,52,,2,3,,,8,8,,\n")])
    #expect(codes(result.issues) == ["D06", "D06"])
    #expect(result.issues.map { $0["cot"] } == ["cuoc_tt", "luot_nam"])
    #expect(result.issues[0]["noi_dung"]?.hasPrefix("Cột cuoc_tt: giá trị «1,5» không phải số nguyên không âm. Hãy ghi một số nguyên") == true)
  }

  @Test func blankRequiredElementIsD07ButBlankOptionalIsNot() throws {
    let result = try issues([("a.csv", Self.communeHeader + "\n90101,2024-H1,2024-06-05,3,40,52,,2,,,,8,8,,\n")])
    #expect(codes(result.issues) == ["D07"])
    #expect(result.issues[0]["cot"] == "tin_q2")
  }

  @Test func partsGreaterThanWholesAreD08() throws {
    let result = try issues([("a.csv", Self.communeHeader + "\n90101,2024-H1,2024-06-05,3,40,52,93,2,3,,,8,9,,\n")])
    #expect(codes(result.issues).sorted() == ["D08", "D08"])
  }

  @Test func participantsWithZeroSessionsAreD09() throws {
    let result = try issues([("a.csv", Self.communeHeader + "\n90101,2024-H1,2024-06-05,0,0,12,,2,3,,,8,8,,\n")])
    #expect(codes(result.issues) == ["D09"])
    #expect(result.issues[0]["cot"] == "luot_nu")
    #expect(result.issues[0]["noi_dung"]?.hasPrefix("Cột luot_nu: có 12 lượt người tham dự nhưng cột cuoc_tt ghi 0 cuộc truyền thông.") == true)
  }

  @Test func yesNoAndMediaLevelOutsideTheWordsAreD10() throws {
    let result = try issues([
      ("a.csv", Self.communeHeader + "\n90101,2024-H1,2024-06-05,3,40,52,,2,3,,,8,8,chưa,\n"),
      ("b.csv", "ma_don_vi,ky_bao_cao,ngay_lap,bo_chi_so,tin_bai_bc\nBC1,2024-H1,2024-06-05,một phần,12\n"),
    ])
    #expect(codes(result.issues) == ["D10", "D10"])
  }

  @Test func laterQuartersInACommuneFirstHalfAreD11() throws {
    let result = try issues([("a.csv", Self.communeHeader + "\n90101,2024-H1,2024-06-05,3,40,52,,2,3,1,,8,8,,\n")])
    #expect(codes(result.issues) == ["D11"])
  }

  @Test func everyDuplicateRowInOneFileIsD12() throws {
    let row = "90101,2024-H1,2024-06-05,3,40,52,,2,3,,,8,8,,"
    let result = try issues([("a.csv", Self.communeHeader + "\n\(row)\n90102,2024-H1,2024-06-05,3,40,52,,2,3,,,8,8,,\n\(row)\n")])
    #expect(codes(result.issues) == ["D12", "D12"])
    #expect(result.issues.map { $0["dong"] } == ["2", "4"])
    #expect(result.accepted.map { $0["ma_don_vi"] } == ["90102"])
  }

  @Test func valuesInColumnsThatDoNotApplyAreD13AndIgnored() throws {
    let result = try issues([("a.csv", "ma_don_vi,ky_bao_cao,ngay_lap,cuoc_tt,luot_gv_nv,luot_hs_nam,luot_hs_nu,huong_uoc\nTRA,2024-H1,2024-06-05,2,30,100,110,7\n")])
    #expect(codes(result.issues) == ["D13"])
    #expect(result.issues[0]["muc_do"] == "canh_bao")
    #expect(result.accepted.first?["huong_uoc"] == "")
  }

  @Test func groupedThousandsAreReadWithD14() throws {
    let result = try issues([("a.csv", Self.communeHeader + "\n90101,2024-H1,2024-06-05,3,1.234,\"2,345\",,2,3,,,8,8,,\n")])
    #expect(codes(result.issues) == ["D14", "D14"])
    #expect(result.accepted.first?["luot_nam"] == "1234")
    #expect(result.accepted.first?["luot_nu"] == "2345")
  }

  @Test func controlCharactersInNotesAreD17() throws {
    let result = try issues([("a.csv", Self.communeHeader + "\n90101,2024-H1,2024-06-05,3,40,52,,2,3,,,8,8,,Ghi\u{07}chú\n")])
    #expect(codes(result.issues) == ["D17"])
    #expect(result.accepted.count == 1)
  }

  @Test func latestDateWinsThenLaterIngestAndTheLoserIsD16() throws {
    let workspace = try TestWorkspace()
    // b.csv is ingested after a.csv (byte order); c.csv has the earliest date.
    let result = try issues(
      [
        ("a.csv", Self.communeHeader + "\n90101,2024-H1,2024-06-08,3,40,52,,2,3,,,8,8,,\n"),
        ("b.csv", Self.communeHeader + "\n90101,2024-H1,2024-06-08,4,40,52,,2,3,,,8,8,,\n"),
        ("c.csv", Self.communeHeader + "\n90101,2024-H1,2024-06-01,5,40,52,,2,3,,,8,8,,\n"),
      ], in: workspace)
    #expect(result.accepted.map { $0["cuoc_tt"] } == ["4"])
    #expect(result.accepted.first?["tep"] == "b.csv")
    #expect(codes(result.issues) == ["D16", "D16"])
    #expect(result.issues.map { $0["tep"] } == ["a.csv", "c.csv"])
    #expect(result.issues[0]["noi_dung"]?.contains("b.csv") == true)
    let earliest = try workspace.stage("2024-H1", StageFile.earliest)
    #expect(earliest.map { $0["tep"] } == ["c.csv"])
  }

  @Test func aRejectedCorrectionNeverDisplacesTheAcceptedRow() throws {
    let result = try issues([
      ("a.csv", Self.communeHeader + "\n90101,2024-H1,2024-06-05,3,40,52,,2,3,,,8,8,,\n"),
      ("b.csv", Self.communeHeader + "\n90101,2024-H1,2024-06-09,abc,40,52,,2,3,,,8,8,,\n"),
    ])
    #expect(result.accepted.map { $0["tep"] } == ["a.csv"])
    #expect(codes(result.issues) == ["D06"])
  }

  @Test func rowsOfOtherPeriodsAreLeftToTheirOwnPeriod() throws {
    let result = try issues([
      ("a.csv", Self.communeHeader + "\n90101,2024-H1,2024-06-05,3,40,52,,2,3,,,8,8,,\n90101,2024-Y,2024-12-05,abc,40,52,,2,3,2,2,8,8,1,\n")
    ])
    #expect(result.issues.isEmpty)
    #expect(result.accepted.count == 1)
  }

  @Test func stageFilesHaveTheExactHeadersOfTheSpec() throws {
    let workspace = try TestWorkspace()
    _ = try issues([("a.csv", Self.communeHeader + "\n90101,2024-H1,2024-06-05,3,40,52,,2,3,,,8,8,,\n")], in: workspace)
    let issuesHeader = try workspace.read("outputs/staging/2024-H1/kiem-tra.csv").split(separator: "\n").first
    #expect(issuesHeader == "tep,dong,cot,ma_don_vi,ky_bao_cao,muc_do,ma_loi,noi_dung")
    let acceptedHeader = try workspace.read("outputs/staging/2024-H1/hop-le.csv").split(separator: "\n").first
    #expect(
      acceptedHeader
        == "ma_don_vi,ky_bao_cao,ngay_lap,tep,dong,cuoc_tt,luot_nam,luot_nu,luot_dtts,luot_gv_nv,luot_hs_nam,luot_hs_nu,hd_ngoai_khoa,clb,tin_q1,tin_q2,tin_q3,tin_q4,huong_uoc,huong_uoc_bdg,kh_thang_hd,san_pham_tt,lop_boi_duong,luot_boi_duong,kiem_tra,bo_chi_so,tin_bai_bc,kp_nsnn,kp_xhh,kp_tai_tro"
    )
    _ = try workspace.pipeline.rollup(Self.h1)
    let indicatorsHeader = try workspace.read("outputs/staging/2024-H1/chi-tieu.csv").split(separator: "\n").first
    #expect(indicatorsHeader == "ky_bao_cao,ma_don_vi,chi_tieu,tu_so,mau_so,gia_tri")
    let progressHeader = try workspace.read("outputs/staging/2024-H1/tien-do.csv").split(separator: "\n").first
    #expect(progressHeader == "ky_bao_cao,ma_don_vi,ten_don_vi,loai,ma_cap_tren,trang_thai,ngay_lap,tep,ma_dia_ban")
  }
}
