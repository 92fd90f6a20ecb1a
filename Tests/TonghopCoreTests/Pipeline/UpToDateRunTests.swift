import Foundation
import Testing
import TonghopTestSupport

@testable import TonghopCore

/// `run` leaves a period alone only when nothing it reads changed and its outputs are as it left them.
@Suite struct UpToDateRunTests {
  let period = Period(year: 2024, kind: .firstHalf)
  let header = "ma_don_vi,ky_bao_cao,ngay_lap,cuoc_tt\n"

  func run(_ workspace: TestWorkspace, on day: String) throws -> Bool {
    let pipeline = try workspace.pipeline(today: CalendarDay(iso: day)!)
    _ = try pipeline.ingest()
    if case .done = try pipeline.run(period) { return true }
    return false
  }

  func started() throws -> TestWorkspace {
    let workspace = try TestWorkspace()
    try workspace.submit("a1.csv", header + "90101,2024-H1,2024-06-05,3\n")
    #expect(try run(workspace, on: "2024-07-01"))
    return workspace
  }

  @Test func aSecondRunOnTheSameOrALaterDayDoesNothing() throws {
    let workspace = try started()
    let workbook = workspace.url("outputs/reports/2024-H1/\(ExportStage.provinceWorkbook(period))")
    let before = try FileManager.default.attributesOfItem(atPath: workbook.path)[.modificationDate] as? Date
    #expect(try !run(workspace, on: "2024-07-01"))
    #expect(try !run(workspace, on: "2024-09-30"))
    #expect(try FileManager.default.attributesOfItem(atPath: workbook.path)[.modificationDate] as? Date == before)
    // An earlier run date could turn a report into one dated after the run date: done again.
    #expect(try run(workspace, on: "2024-06-30"))
  }

  @Test func aNewFileAWithdrawalOrAnIgnoredFileMeansWork() throws {
    let workspace = try started()
    try workspace.submit("a2.csv", header + "90102,2024-H1,2024-06-06,4\n")
    #expect(try run(workspace, on: "2024-07-01"))
    #expect(try !run(workspace, on: "2024-07-01"))
    _ = try workspace.pipeline.workspace.openLedger().withdraw("a2.csv", paths: ["a2.csv"], reason: "gửi nhầm", at: "t")
    #expect(try run(workspace, on: "2024-07-01"))
    try workspace.submit("ghi-chu.docx", "x")
    #expect(try run(workspace, on: "2024-07-01"))
    #expect(try !run(workspace, on: "2024-07-01"))
  }

  @Test func anEditedRegistryOrConfigMeansWork() throws {
    let workspace = try started()
    try workspace.write("inputs/registry/don-vi.csv", TestWorkspace.smallRegistry + "90202,Xã B2,xa,902,,\n")
    #expect(try run(workspace, on: "2024-07-01"))
    try workspace.write("inputs/config.toml", "ten_tinh = \"Tỉnh Thử\"\n")
    #expect(try run(workspace, on: "2024-07-01"))
    #expect(try !run(workspace, on: "2024-07-01"))
  }

  @Test func aDeletedOrChangedOutputIsWrittenAgain() throws {
    let workspace = try started()
    let workbook = workspace.url("outputs/reports/2024-H1/\(ExportStage.ministryWorkbook(period))")
    let bytes = try Data(contentsOf: workbook)
    try FileManager.default.removeItem(at: workbook)
    #expect(try run(workspace, on: "2024-07-01"))
    #expect(try Data(contentsOf: workbook) == bytes)
    // A stage run on its own rewrites its file: the next run does the whole period again.
    try workspace.write("outputs/staging/2024-H1/hop-le.csv", "edited by hand\n")
    #expect(try run(workspace, on: "2024-07-01"))
    #expect(try !run(workspace, on: "2024-07-01"))
  }

  @Test func aReportDatedAfterTheRunDateTiesTheOutputsToThatDay() throws {
    let workspace = try started()
    try workspace.submit("a2.csv", header + "90102,2024-H1,2024-07-05,4\n")
    #expect(try run(workspace, on: "2024-07-01"))
    #expect(try workspace.stage("2024-H1", StageFile.issues).contains { $0["ma_loi"] == "D05" && $0["tep"] == "a2.csv" })
    #expect(try !run(workspace, on: "2024-07-01"))
    // The next day the message names another date, and on 5 July the row is no longer in the future.
    #expect(try run(workspace, on: "2024-07-02"))
    #expect(try run(workspace, on: "2024-07-05"))
    #expect(try !workspace.stage("2024-H1", StageFile.issues).contains { $0["ma_loi"] == "D05" })
    #expect(try !run(workspace, on: "2024-07-06"))
  }

  /// "Nothing changed" depends on the exact set of submissions, not on their count: a ledger started
  /// again (with its archive) from a drop zone where one file was deleted and another added has as
  /// many files and the same last id as before, and the period is still done again.
  @Test func theSameCountOfOtherSubmissionsMeansWork() throws {
    let workspace = try started()
    try workspace.submit("a2.csv", header + "90102,2024-H1,2024-06-06,4\n")
    #expect(try run(workspace, on: "2024-07-01"))
    for folder in ["outputs/ledger.sqlite", "outputs/archive"] { try FileManager.default.removeItem(at: workspace.url(folder)) }
    try FileManager.default.removeItem(at: workspace.url("inputs/submissions/a2.csv"))
    try workspace.submit("a3.csv", header + "90201,2024-H1,2024-06-07,5\n")
    #expect(try run(workspace, on: "2024-07-01"))
    let files = Set(try workspace.stage("2024-H1", StageFile.issues).map { $0["tep"]! })
    #expect(files == ["a1.csv", "a3.csv"])
  }
}
