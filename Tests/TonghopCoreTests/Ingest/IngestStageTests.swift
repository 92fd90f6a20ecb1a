import Crypto
import Foundation
import Testing
import TonghopTestSupport

@testable import TonghopCore

@Suite struct IngestStageTests {
  @Test func everyFileIsArchivedByItsHashAndRecordedOnce() throws {
    let workspace = try TestWorkspace()
    let text = "ma_don_vi,ky_bao_cao,ngay_lap,cuoc_tt\r\n90101,2024-H1,2024-06-05,3\r\n"
    try workspace.submit("b/xa.csv", text)
    try workspace.submit("a/ghi-chu.docx", "not a report")
    let first = try workspace.pipeline.ingest()
    #expect(first.newFiles == 1 && first.rows == 1 && first.ignoredFiles == 1)

    let sha = SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    let archived = try Data(contentsOf: workspace.url("outputs/archive/\(sha).csv"))
    #expect(archived == Data(text.utf8))

    // The same bytes under another name are not a new submission; a rerun reads nothing again.
    try workspace.submit("c/copy.csv", text)
    let second = try workspace.pipeline.ingest()
    #expect(second.newFiles == 0 && second.knownFiles == 2)
    let ledger = try workspace.pipeline.workspace.openLedger()
    let files = try ledger.files()
    #expect(files.map(\.path) == ["b/xa.csv"])
    #expect(files.map(\.status) == [.parsed])
    #expect(try ledger.rows(ofFile: files[0].id).map(\.line) == [2])
  }

  /// Names in an old archiver's encoding: listed (T10, with U+FFFD in the name) instead of stopping
  /// the run or vanishing; the other files are read.
  @Test func aFileOrFolderWhoseNameIsNotUTF8IsListedNotRead() throws {
    let workspace = try TestWorkspace()
    try workspace.submit("xa.csv", "ma_don_vi,ky_bao_cao,ngay_lap,cuoc_tt\n90101,2024-H1,2024-06-05,3\n")
    let drop = workspace.url("inputs/submissions").path
    let file = Array(drop.utf8) + Array("/B\u{E1}o c\u{E1}o ".utf8) + [0xE1, 0x2E, 0x63, 0x73, 0x76, 0]  // Latin-1 "á.csv"
    let fd = file.withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) } }
    #expect(fd >= 0)
    close(fd)
    let folder = Array(drop.utf8) + [0x2F, 0x58, 0xE3, 0]  // "/X" and a Latin-1 "ã"
    #expect(folder.withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { mkdir($0.baseAddress!, 0o755) } } == 0)
    let summary = try workspace.pipeline.ingest()
    #expect(summary.newFiles == 1 && summary.unreadEntries == 2)
    _ = try workspace.pipeline.validate(Period(year: 2024, kind: .firstHalf))
    let listed = try workspace.stage("2024-H1", StageFile.issues).filter { $0["ma_loi"] == "T10" }
    #expect(listed.compactMap { $0["tep"] }.sorted() == ["Báo cáo \u{FFFD}.csv", "X\u{FFFD}"])
    #expect(listed.allSatisfy { $0["noi_dung"]!.contains("đổi tên") })
  }

  @Test func aChangedFileIsANewSubmissionIngestedAfterTheFirst() throws {
    let workspace = try TestWorkspace()
    try workspace.submit("xa.csv", "ma_don_vi,ky_bao_cao,ngay_lap,cuoc_tt\n90101,2024-H1,2024-06-05,3\n")
    _ = try workspace.pipeline.ingest()
    try workspace.submit("xa.csv", "ma_don_vi,ky_bao_cao,ngay_lap,cuoc_tt\n90101,2024-H1,2024-06-05,4\n")
    _ = try workspace.pipeline.ingest()
    let files = try workspace.pipeline.workspace.openLedger().files()
    #expect(files.count == 2)
    #expect(files[0].id < files[1].id)
  }

  @Test func newFilesAreIngestedInByteOrderOfTheirPaths() throws {
    let workspace = try TestWorkspace()
    for name in ["b.csv", "A/z.csv", "a.csv", "Đ.csv"] {
      try workspace.submit(name, "ma_don_vi,ky_bao_cao,ngay_lap\n\(name),2024-H1,2024-06-01\n")
    }
    _ = try workspace.pipeline.ingest()
    #expect(try workspace.pipeline.workspace.openLedger().files().map(\.path) == ["A/z.csv", "a.csv", "b.csv", "Đ.csv"])
  }

  @Test func aFileLargerThanTheLimitIsT06() throws {
    let workspace = try TestWorkspace()
    var config = Config.standard
    config.maxFileBytes = 64
    let pipeline = Pipeline(root: workspace.root, today: CalendarDay(iso: "2024-07-01")!, config: config)
    try workspace.submit("big.csv", "ma_don_vi,ky_bao_cao,ngay_lap,cuoc_tt\n" + String(repeating: "90101,2024-H1,2024-06-05,3\n", count: 3))
    _ = try pipeline.ingest()
    _ = try pipeline.validate(Period(year: 2024, kind: .firstHalf))
    let issues = try workspace.stage("2024-H1", StageFile.issues)
    #expect(issues.map { $0["ma_loi"] } == ["T06"])
    #expect(try workspace.stage("2024-H1", StageFile.accepted).isEmpty)
    // Hashed and archived in pieces, never read whole: the archive still holds the exact bytes.
    let file = try #require(try pipeline.workspace.openLedger().files().first)
    #expect(try FileDigest.sha256(of: workspace.url("outputs/archive/\(file.sha256).csv")) == file.sha256)
    #expect(try Data(contentsOf: workspace.url("outputs/archive/\(file.sha256).csv")) == Data(contentsOf: workspace.url("inputs/submissions/big.csv")))
  }

  /// The archive is not listed by every command: what a stopped copy of a large file left there is
  /// cleared by the next ingest that copies one.
  @Test func aLargeCopyCutShortIsClearedByTheNextLargeCopy() throws {
    let workspace = try TestWorkspace()
    var config = Config.standard
    config.maxFileBytes = 64
    let pipeline = Pipeline(root: workspace.root, today: CalendarDay(iso: "2024-07-01")!, config: config)
    try workspace.submit("a.csv", "ma_don_vi,ky_bao_cao,ngay_lap\n90101,2024-H1,2024-06-05\n")
    _ = try pipeline.ingest()
    let leftover = workspace.url("outputs/archive/.\(String(repeating: "0", count: 64)).csv.tmp.99999")
    try Data("cut short".utf8).write(to: leftover)
    pipeline.workspace.sweepTemporaryFiles()
    try workspace.submit("b.csv", "ma_don_vi,ky_bao_cao,ngay_lap\n90102,2024-H1,2024-06-05\n")
    _ = try pipeline.ingest()
    #expect(FileManager.default.fileExists(atPath: leftover.path))
    try workspace.submit("big.csv", "ma_don_vi,ky_bao_cao,ngay_lap,cuoc_tt\n" + String(repeating: "90101,2024-H1,2024-06-05,3\n", count: 3))
    _ = try pipeline.ingest()
    #expect(!FileManager.default.fileExists(atPath: leftover.path))
  }

  @Test func aTenMegabyteCellIsCutToExcelsLimitAndTheRowKept() throws {
    let workspace = try TestWorkspace()
    let note = String(repeating: "Ghi chú rất dài. ", count: 10 * 1024 * 1024 / 20)
    try workspace.submit(
      "xa.csv",
      "ma_don_vi,ky_bao_cao,ngay_lap,cuoc_tt,luot_nam,luot_nu,tin_q1,tin_q2,huong_uoc,huong_uoc_bdg,ghi_chu\n90101,2024-H1,2024-06-05,3,4,5,2,2,1,1,\"\(note)\"\n")
    _ = try workspace.pipeline.ingest()
    _ = try workspace.pipeline.validate(Period(year: 2024, kind: .firstHalf))
    #expect(try workspace.stage("2024-H1", StageFile.issues).map { $0["ma_loi"] } == ["D17"])
    #expect(try workspace.stage("2024-H1", StageFile.accepted).count == 1)
  }

  @Test func aFileReceivedButNeverReadIsReadFromTheArchiveNextTime() throws {
    let workspace = try TestWorkspace()
    let text = "ma_don_vi,ky_bao_cao,ngay_lap,cuoc_tt\n90101,2024-H1,2024-06-05,3\n"
    try workspace.submit("xa.csv", text)
    _ = try workspace.pipeline.ingest()
    // Simulate a run stopped between recording the file and reading it.
    let ledger = try workspace.pipeline.workspace.openLedger()
    try ledger.write { db in
      try db.execute(sql: "DELETE FROM row")
      try db.execute(sql: "UPDATE file SET status = 'received'")
    }
    try FileManager.default.removeItem(at: workspace.url("inputs/submissions/xa.csv"))
    let summary = try workspace.pipeline.ingest()
    #expect(summary.newFiles == 1 && summary.rows == 1)
    #expect(try ledger.files().map(\.status) == [.parsed])
  }

  /// File names are never used as paths: the archive is by hash, feedback files by unit code.
  @Test func hostileFileNamesAreRecordedAndShownAsTheyAre() throws {
    let workspace = try TestWorkspace()
    let bad = "ma_don_vi,ky_bao_cao,ngay_lap\nSN1,2024-H1,2024-06-05\n"
    let names = [
      "a\nb.csv", "-rf.csv", ".csv", "CON.csv", "H\u{00E0}.csv", "Ha\u{0300}.csv", String(repeating: "dài", count: 60) + ".csv",
      "../thoat.csv".replacingOccurrences(of: "/", with: "∕"),
    ]
    for (index, name) in names.enumerated() {
      try workspace.submit(name, bad.replacingOccurrences(of: "SN1", with: "X\(index)"))
    }
    let ingested = try workspace.pipeline.ingest()
    #expect(ingested.newFiles == names.count)
    _ = try workspace.pipeline.validate(Period(year: 2024, kind: .firstHalf))
    let issues = try workspace.stage("2024-H1", StageFile.issues)
    // Every file has its D01 line under its own name, byte for byte (NFC and NFD twins apart).
    #expect(Set(issues.map { $0["tep"]! }) == Set(names))
    #expect(issues.allSatisfy { $0["ma_loi"] == "D01" })
    let archived = try FileManager.default.contentsOfDirectory(atPath: workspace.url("outputs/archive").path)
    #expect(archived.count == names.count && archived.allSatisfy { $0.count == 68 && $0.hasSuffix(".csv") })
  }
}
