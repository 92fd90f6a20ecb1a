import Foundation
import Testing
import TonghopTestSupport

@testable import TonghopCore

/// `D20`: a warning naming what the value was compared with; the row is accepted, its number kept.
@Suite struct UnusualValuesTests {
  /// A province of 14 communes: enough peers (at least 10) to compare with.
  static let registry =
    "ma_don_vi,ten_don_vi,loai,ma_cap_tren,hieu_luc_tu,hieu_luc_den\n99,Tỉnh Thử,tinh,,,\n901,Huyện A,huyen,99,,\n"
    + (1...14).map { "901\(String(format: "%02d", $0)),Xã \($0),xa,901,,\n" }.joined()

  /// Commune reports of 2024-H1 with `luot_nu` near 100, and the changes given.
  private func reports(_ period: String = "2024-H1", women: [Int: String] = [:]) -> String {
    "ma_don_vi,ky_bao_cao,ngay_lap,cuoc_tt,luot_nam,luot_nu,tin_q1,tin_q2,huong_uoc,huong_uoc_bdg\n"
      + (1...14).map { i in
        let date = period == "2024-H1" ? "2024-06-05" : "2023-06-05"
        return "901\(String(format: "%02d", i)),\(period),\(date),2,\(80 + i),\(women[i] ?? String(90 + 3 * i)),2,2,5,5\n"
      }.joined()
  }

  private func issues(_ files: [String: String]) throws -> (issues: [[String: String]], accepted: [[String: String]]) {
    let workspace = try TestWorkspace(registry: Self.registry)
    for (name, text) in files { try workspace.submit(name, text) }
    let pipeline = try workspace.pipeline(today: CalendarDay(iso: "2024-12-31")!)
    _ = try pipeline.ingest()
    _ = try pipeline.validate(Period(year: 2024, kind: .firstHalf))
    return (try workspace.stage("2024-H1", StageFile.issues), try workspace.stage("2024-H1", StageFile.accepted))
  }

  @Test func ordinaryReportsRaiseNothing() throws {
    let (issues, accepted) = try issues(["a.csv": reports(), "truoc.csv": reports("2023-H1")])
    #expect(issues.isEmpty, "\(issues)")
    #expect(accepted.count == 14)
  }

  @Test func anOutlierAmongItsPeersIsAWarningAndKeepsItsNumber() throws {
    let (issues, accepted) = try issues(["a.csv": reports(women: [7: "250000"])])
    #expect(issues.map { $0["ma_loi"]! } == ["D20"])
    let issue = try #require(issues.first)
    #expect(issue["ma_don_vi"] == "90107" && issue["cot"] == "luot_nu" && issue["muc_do"] == "canh_bao")
    #expect(issue["noi_dung"]?.hasPrefix("Cột luot_nu = 250.000: cao bất thường so với 14 xã (trung vị 115,5). Hãy kiểm tra lại") == true, "\(issue["noi_dung"] ?? "")")
    #expect(accepted.count == 14)
    #expect(accepted.first { $0["ma_don_vi"] == "90107" }?["luot_nu"] == "250000")

    // Corrected by a later report: the outlier's warning says its row no longer counts.
    let corrected = "ma_don_vi,ky_bao_cao,ngay_lap,cuoc_tt,luot_nam,luot_nu,tin_q1,tin_q2,huong_uoc,huong_uoc_bdg\n90107,2024-H1,2024-06-09,2,87,111,2,2,5,5\n"
    let (after, _) = try self.issues(["a.csv": reports(women: [7: "250000"]), "b.csv": corrected])
    let warning = try #require(after.first { $0["ma_loi"] == "D20" })
    #expect(warning["tep"] == "a.csv")
    #expect(warning["noi_dung"]?.hasSuffix("Dòng này đã được thay thế bởi báo cáo nộp sau, số liệu này không còn được tính.") == true)
    #expect(after.map { $0["ma_loi"]! }.sorted() == ["D16", "D20"])
  }

  @Test func aTenfoldJumpOrFallAgainstTheYearBeforeIsAWarning() throws {
    // 90101: 93 → 1,200 (12 times); 90102: 960 in 2023 → 12 (a twelfth); 90103: 0 → 150.
    var before = reports("2023-H1")
    before = before.replacingOccurrences(of: "90102,2023-H1,2023-06-05,2,82,96,", with: "90102,2023-H1,2023-06-05,2,82,960,")
    before = before.replacingOccurrences(of: "90103,2023-H1,2023-06-05,2,83,99,", with: "90103,2023-H1,2023-06-05,2,83,0,")
    before = before.replacingOccurrences(of: "90104,2023-H1,2023-06-05,2,84,102,", with: "90104,2023-H1,2023-06-05,2,84,300,")
    let (issues, _) = try issues(["a.csv": reports(women: [1: "1200", 2: "12", 3: "150", 4: "0"]), "truoc.csv": before])
    let messages = Dictionary(uniqueKeysWithValues: issues.map { ($0["ma_don_vi"]!, $0["noi_dung"]!) })
    #expect(issues.allSatisfy { $0["ma_loi"] == "D20" && $0["cot"] == "luot_nu" })
    #expect(messages["90101"]?.contains("gấp 13 lần báo cáo 6 tháng 2023 (93)") == true, "\(messages)")
    #expect(messages["90101"]?.contains("cao bất thường so với 14 xã") == true, "\(messages)")
    #expect(messages["90102"]?.contains("chỉ bằng 1/80 báo cáo 6 tháng 2023 (960)") == true, "\(messages)")
    #expect(messages["90103"]?.contains("Cột luot_nu = 150: tăng từ 0 ở báo cáo 6 tháng 2023") == true, "\(messages)")
    #expect(messages["90104"]?.hasPrefix("Cột luot_nu = 0: giảm về 0 từ 300 ở báo cáo 6 tháng 2023.") == true, "\(messages)")
    #expect(issues.count == 4)
  }
}
