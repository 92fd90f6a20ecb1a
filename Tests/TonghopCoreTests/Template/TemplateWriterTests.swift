import Foundation
import Testing
import TonghopTestSupport

@testable import TonghopCore

@Suite struct TemplateWriterTests {
  static let h1 = Period(year: 2024, kind: .firstHalf)
  static let year = Period(year: 2024, kind: .year)

  @Test func columnsAreThoseThatApplyInDictionaryOrder() {
    #expect(
      TemplateWriter.columns(for: .xa, in: Self.h1) == [
        "ma_don_vi", "ky_bao_cao", "ngay_lap", "nguoi_lap", "cuoc_tt", "luot_nam", "luot_nu", "luot_dtts", "clb",
        "tin_q1", "tin_q2", "huong_uoc", "huong_uoc_bdg", "kh_thang_hd", "san_pham_tt", "kp_nsnn", "kp_xhh",
        "kp_tai_tro", "ghi_chu",
      ])
    #expect(TemplateWriter.columns(for: .xa, in: Self.year).contains("tin_q4"))
    #expect(!TemplateWriter.columns(for: .truong, in: Self.h1).contains("luot_nam"))
  }

  @Test func theCSVTemplateFilledInIsAcceptedWithoutIssues() throws {
    let workspace = try TestWorkspace()
    _ = try workspace.pipeline.templates(Self.year, types: UnitType.reporting)
    for type in UnitType.reporting {
      let template = try Data(contentsOf: workspace.url("outputs/reports/2024-Y/mau/mau-\(type.rawValue).csv"))
      #expect(template.starts(with: [0xEF, 0xBB, 0xBF]))
      let records = try CSVReader.records(in: Array(template.dropFirst(3)))
      let header = records[0].fields
      var filled = CSVWriter(header: header)
      for record in records.dropFirst() {
        filled.append(
          zip(header, record.fields).map { column, value in
            switch DataDictionary.byCode[column]?.kind {
            case .count?, .money?: "3"
            case .yesNo?: "có"
            case .mediaLevel?: "chính thức"
            case nil: column == "ngay_lap" ? "05/12/2024" : value
            }
          })
      }
      try workspace.submit("\(type.rawValue).csv", filled.text)
    }
    _ = try workspace.pipeline.ingest()
    _ = try workspace.pipeline.validate(Self.year)
    #expect(try workspace.stage("2024-Y", StageFile.issues).map { $0["noi_dung"]! } == [])
    // Every expected unit of every type has its row accepted.
    #expect(try workspace.stage("2024-Y", StageFile.accepted).count == 10)
  }

  /// One commune fills its own row of the template and sends the whole file back: the other units'
  /// rows are not reports — no issue, no feedback file, status unchanged.
  @Test func aTemplateSentBackWithOneRowFilledIsOneReport() throws {
    let workspace = try TestWorkspace()
    let pipeline = try workspace.pipeline
    _ = try pipeline.templates(Self.h1, types: [.xa])
    let template = try Data(contentsOf: workspace.url("outputs/reports/2024-H1/mau/mau-xa.csv"))
    let records = try CSVReader.records(in: Array(template.dropFirst(3)))
    let header = records[0].fields
    var sent = CSVWriter(header: header)
    for record in records.dropFirst() {
      guard record.fields[0] == "90102" else {
        sent.append(record.fields)
        continue
      }
      sent.append(
        zip(header, record.fields).map { column, value in
          DataDictionary.byCode[column].map { $0.kind == .count || $0.kind == .money ? "4" : "" } ?? (column == "ngay_lap" ? "05/06/2024" : value)
        })
    }
    #expect(records.count - 1 == 4)
    try workspace.submit("mau-xa-90102.csv", sent.text)
    _ = try pipeline.ingest()
    _ = try pipeline.run(Self.h1)
    #expect(try workspace.stage("2024-H1", StageFile.issues).map { $0["noi_dung"]! } == [])
    #expect(try workspace.stage("2024-H1", StageFile.accepted).map { $0["ma_don_vi"]! } == ["90102"])
    let statuses = Dictionary(uniqueKeysWithValues: try workspace.stage("2024-H1", StageFile.progress).map { ($0["ma_don_vi"]!, $0["trang_thai"]!) })
    #expect(statuses["90102"] == "dung_han")
    #expect(["90101", "90201", "90300"].allSatisfy { statuses[$0] == "chua_nop" })
    #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.url("outputs/reports/2024-H1/phan-hoi").path).isEmpty)
    let file = try #require(try Workspace(root: workspace.root).openLedger().files().first)
    #expect(try Workspace(root: workspace.root).openLedger().rows(ofFile: file.id).count == 1)
  }

  @Test func theExcelTemplateHasLabelsRulesAndSavesToAnAcceptedCSV() throws {
    let workspace = try TestWorkspace()
    _ = try workspace.pipeline.templates(Self.h1, types: [.xa, .baoChi])
    for type in ["xa", "bao_chi"] {
      let csv = workspace.url("inputs/submissions/\(type).csv")
      let python = ProcessInfo.processInfo.environment["TONGHOP_PYTHON"] ?? "/usr/bin/python3"
      let process = Process()
      process.executableURL = URL(fileURLWithPath: python)
      process.arguments = [
        TestWorkspace.repository.appendingPathComponent("Tests/Readback/fill_template.py").path,
        workspace.url("outputs/reports/2024-H1/mau/mau-\(type).xlsx").path, csv.path, "05/06/2024",
      ]
      let output = Pipe()
      process.standardOutput = output
      try process.run()
      let data = output.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      #expect(process.terminationStatus == 0)
      let read = try JSONSerialization.jsonObject(with: data) as? [String: [String: Any]]
      let rules = read?["rules"] as? [String: [String]]
      let comments = read?["comments"] as? [String: String]
      if type == "xa" {
        #expect(rules?["cuoc_tt"]?.first == "whole")
        #expect(rules?["kh_thang_hd"] == ["list", "\"1,0\""])
        #expect(comments?["huong_uoc"] == "Số hương ước, quy ước đã được thông qua, còn hiệu lực (cuối kỳ) (bắt buộc)")
        // The note on the first header cell tells the unit to send this very workbook back.
        #expect(comments?["ma_don_vi"]?.contains("gửi lại chính tệp này (.xlsx)") == true)
      } else {
        #expect(rules?["bo_chi_so"] == ["list", "\"khong,thi_diem,chinh_thuc\""])
      }
    }
    _ = try workspace.pipeline.ingest()
    _ = try workspace.pipeline.validate(Self.h1)
    #expect(try workspace.stage("2024-H1", StageFile.issues).map { $0["noi_dung"]! } == [])
    #expect(try workspace.stage("2024-H1", StageFile.accepted).count == 6)  // 4 communes, 2 media agencies
  }
}
