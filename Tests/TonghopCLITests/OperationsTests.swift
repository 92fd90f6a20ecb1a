import Foundation
import Testing
import TonghopCore
import TonghopTestSupport

@testable import TonghopCLI

/// The promises of the nightly run, with the real program in its own processes.
@Suite(.serialized) struct OperationsTests {
  static let stageFiles = [StageFile.issues, StageFile.accepted, StageFile.earliest, StageFile.indicators, StageFile.progress, StageFile.areas]

  private func tonghop(_ workspace: TestWorkspace, _ arguments: [String], crashAt: String? = nil) throws -> Finished {
    try Subprocess.run(
      Subprocess.tonghop, ["--root", workspace.root.path, "--quiet"] + arguments,
      environment: crashAt.map { ["TONGHOP_CRASH_AT": $0] } ?? [:])
  }

  static let run = ["--today", "2025-01-15", "run", "--period", "2024-H1", "2024-Y"]

  /// What an uninterrupted run on the sample produces, computed once for all the kill tests.
  static let cleanResults = Result {
    let tests = OperationsTests()
    let clean = try TestWorkspace.sample()
    guard try tests.tonghop(clean, run).status == 0 else { throw TonghopError(.io, "the clean run failed") }
    return try tests.results(clean)
  }

  /// Stage files and workbooks of both periods, byte for byte (workbooks are reproducible).
  private func results(_ workspace: TestWorkspace) throws -> [String] {
    var all: [String] = []
    for period in ["2024-H1", "2024-Y"] {
      all += try Self.stageFiles.map { try workspace.read("outputs/staging/\(period)/\($0)") }
      for book in ["Tinh", "Bo"] {
        all.append(try FileDigest.sha256(of: workspace.url("outputs/reports/\(period)/BaoCao-BDG-\(period)-\(book).xlsx")))
      }
    }
    return all
  }

  @Test func theNightlyRunAndAManualRunNeverWorkTogether() throws {
    let workspace = try TestWorkspace()
    var lock: RunLock? = try RunLock(Workspace(root: workspace.root))
    let nightly = try Subprocess.run(
      TestWorkspace.repository.appendingPathComponent("scripts/nightly"), [],
      environment: ["TONGHOP_ROOT": workspace.root.path, "TONGHOP": Subprocess.tonghop.path])
    #expect(nightly.status == 75)
    let manual = try tonghop(workspace, ["run", "--period", "2024-H1"])
    #expect(manual.status == 75)
    #expect(manual.errors.contains("Một lần chạy tonghop khác"))
    #expect(lock != nil)
    lock = nil  // the other run ends
    let logs = try FileManager.default.contentsOfDirectory(atPath: workspace.url("outputs/logs").path)
    #expect(logs.count == 1)
    #expect(try workspace.read("outputs/logs/\(logs[0])").contains("exit 75"))
    // Once the other run is over, the nightly run works.
    let again = try Subprocess.run(
      TestWorkspace.repository.appendingPathComponent("scripts/nightly"), [],
      environment: ["TONGHOP_ROOT": workspace.root.path, "TONGHOP": Subprocess.tonghop.path])
    #expect(again.status == 0)
  }

  @Test func aNightWithNothingNewReadsNothingAndRewritesNothing() throws {
    let workspace = try TestWorkspace.sample()
    #expect(try tonghop(workspace, Self.run).status == 0)
    let outputs = try FileManager.default.subpathsOfDirectory(atPath: workspace.url("outputs/reports").path)
      .map { "outputs/reports/\($0)" }.filter { $0.hasSuffix(".xlsx") || $0.hasSuffix(".csv") }
      + ["2024-H1", "2024-Y"].flatMap { period in Self.stageFiles.map { "outputs/staging/\(period)/\($0)" } }
    #expect(outputs.count > 20)
    let past = Date(timeIntervalSince1970: 1_600_000_000)
    for path in outputs {
      try FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: workspace.url(path).path)
    }
    let before = try outputs.map { try Data(contentsOf: workspace.url($0)) }
    #expect(try tonghop(workspace, Self.run).status == 0)
    for (path, bytes) in zip(outputs, before) {
      let attributes = try FileManager.default.attributesOfItem(atPath: workspace.url(path).path)
      #expect(attributes[.modificationDate] as? Date == past, "\(path) was rewritten")
      #expect(try Data(contentsOf: workspace.url(path)) == bytes)
    }
    // The ledger proves nothing was read: no file hashed, no row parsed.
    let ingest = try workspace.pipeline(today: CalendarDay(iso: "2025-01-15")!).ingest()
    #expect(ingest.hashedFiles == 0 && ingest.newFiles == 0 && ingest.rows == 0)
    #expect(ingest.knownFiles > 100)
  }

  @Test(arguments: [
    "after-archive", "in-ledger-transaction", "after-ingest", "mid-validate", "after-temporary-workbook",
    "after-workbook-rename", "mid-export",
  ])
  func aRunKilledAtAnyPointIsCompletedByTheNextRun(_ point: String) throws {
    let expected = try Self.cleanResults.get()

    let workspace = try TestWorkspace.sample()
    let killed = try tonghop(workspace, Self.run, crashAt: point)
    #expect(killed.signaled && killed.status == SIGKILL)
    // Even right after the kill, the reports folder holds only finished files: libxlsxwriter's
    // temporary files and unfinished workbooks are in outputs/.tmp/.
    let reports = (try? FileManager.default.subpathsOfDirectory(atPath: workspace.url("outputs/reports").path)) ?? []
    #expect(reports.allSatisfy { !($0 as NSString).lastPathComponent.hasPrefix(".") && !$0.contains("tmp") }, "\(reports)")
    let rerun = try tonghop(workspace, Self.run)
    #expect(rerun.status == 0, "\(rerun.errors)")
    let identical = try results(workspace) == expected
    #expect(identical)
    let leftovers = try FileManager.default.subpathsOfDirectory(atPath: workspace.url("outputs").path)
      .filter { ($0 as NSString).lastPathComponent.contains(".tmp.") }
    #expect(leftovers.isEmpty)
    let (lost, duplicated) = try expectNothingLostOrDuplicated(workspace)
    ReliabilityReport.record(
      "kill -9 at \(point): killed \(killed.signaled ? "yes" : "no"), \(lost) lost, \(duplicated) duplicated, \(leftovers.count) temporary files left, identical after rerun: \(identical ? "yes" : "no")")
  }

  /// The ledger is sound, holds each distinct submitted file once, and the archive holds each of them.
  @discardableResult
  private func expectNothingLostOrDuplicated(_ workspace: TestWorkspace) throws -> (lost: Int, duplicated: Int) {
    let ledger = try Workspace(root: workspace.root).openLedger()
    #expect(try ledger.integrityCheck() == "ok")
    let submitted = try FileManager.default.subpathsOfDirectory(atPath: workspace.url("inputs/submissions").path)
      .filter { $0.lowercased().hasSuffix(".csv") }
      .map { try FileDigest.sha256(of: workspace.url("inputs/submissions/\($0)")) }
    let recorded = try ledger.files().map(\.sha256)
    #expect(Set(recorded) == Set(submitted))
    #expect(recorded.count == Set(recorded).count)
    let archived = try FileManager.default.contentsOfDirectory(atPath: workspace.url("outputs/archive").path)
    #expect(Set(archived) == Set(recorded.map { "\($0).csv" }))
    return (Set(submitted).subtracting(recorded).count + Set(submitted).subtracting(archived.map { String($0.dropLast(4)) }).count,
      recorded.count - Set(recorded).count)
  }

  @Test func runsKilledAtRandomMomentsLoseNothing() throws {
    let clean = try TestWorkspace.sample()
    #expect(try tonghop(clean, Self.run).status == 0)
    let expected = try results(clean)
    let workspace = try TestWorkspace.sample()
    var random = SystemRandomNumberGenerator()
    let kills = 6
    for _ in 0..<kills {
      let process = try Subprocess.start(Subprocess.tonghop, ["--root", workspace.root.path, "--quiet"] + Self.run)
      usleep(UInt32.random(in: 20_000...400_000, using: &random))
      kill(process.processIdentifier, SIGKILL)
      _ = Subprocess.wait(process)
    }
    let rerun = try tonghop(workspace, Self.run)
    #expect(rerun.status == 0, "\(rerun.errors)")
    let identical = try results(workspace) == expected
    #expect(identical)
    let (lost, duplicated) = try expectNothingLostOrDuplicated(workspace)
    ReliabilityReport.record(
      "kill -9 at random moments: \(kills) kills then a rerun, \(lost) lost, \(duplicated) duplicated, identical after rerun: \(identical ? "yes" : "no")")
    // Every archived file still has the hash it is named by.
    let archive = workspace.url("outputs/archive")
    for name in try FileManager.default.contentsOfDirectory(atPath: archive.path) where name.hasSuffix(".csv") {
      #expect(try FileDigest.sha256(of: archive.appendingPathComponent(name)) + ".csv" == name)
    }
  }

  /// A fresh tmpfs of `size` mounted on the workspace's `outputs/`; unmount with the returned closure.
  private func mountOutputs(_ workspace: TestWorkspace, size: String) throws -> () -> Void {
    let outputs = workspace.url("outputs").path
    try FileManager.default.createDirectory(atPath: outputs, withIntermediateDirectories: true)
    #expect(try Subprocess.run(URL(fileURLWithPath: "/bin/mount"), ["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", outputs]).status == 0)
    return { _ = try? Subprocess.run(URL(fileURLWithPath: "/bin/umount"), ["-l", outputs]) }
  }

  @Test(.enabled(if: getuid() == 0, "mounting a read-only file system needs root"))
  func aReadOnlyOutputsFolderFailsWithExit1AndLeavesItIntact() throws {
    let workspace = try TestWorkspace.sample()
    let outputs = workspace.url("outputs").path
    let unmount = try mountOutputs(workspace, size: "16m")
    defer { unmount() }
    #expect(try tonghop(workspace, Self.run).status == 0)
    let before = try results(workspace)
    #expect(try Subprocess.run(URL(fileURLWithPath: "/bin/mount"), ["-o", "remount,ro", outputs]).status == 0)
    try workspace.submit("2024-H1/moi.csv", "ma_don_vi,ky_bao_cao,ngay_lap\nSYT,2024-H1,2024-06-05\n")
    let failed = try tonghop(workspace, Self.run)
    #expect(failed.status == 1)
    #expect(failed.errors.contains(outputs))
    #expect(try results(workspace) == before)
  }

  @Test(.enabled(if: getuid() == 0, "mounting a small file system needs root"))
  func aFullDiskFailsWithExit1AndLeavesNothingHalfWritten() throws {
    let workspace = try TestWorkspace.sample()
    let outputs = workspace.url("outputs").path
    let unmount = try mountOutputs(workspace, size: "600k")
    defer { unmount() }
    let failed = try tonghop(workspace, Self.run)
    #expect(failed.status == 1)
    #expect(!failed.errors.isEmpty)
    let leftovers = try FileManager.default.subpathsOfDirectory(atPath: outputs).filter { $0.contains(".tmp.") }
    #expect(leftovers.isEmpty)
  }

  @Test func theCrontabLineIsValid() throws {
    let text = try String(contentsOf: TestWorkspace.repository.appendingPathComponent("cron/tonghop.cron"), encoding: .utf8)
    let jobs = text.split(separator: "\n").filter { line in
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      return !trimmed.isEmpty && !trimmed.hasPrefix("#") && !trimmed.contains("=")
    }
    #expect(jobs.count == 1)
    let fields = jobs[0].split(separator: " ", omittingEmptySubsequences: true).map(String.init)
    #expect(fields.count >= 7)
    let (minute, hour) = (Int(fields[0]), Int(fields[1]))
    #expect(minute == 15 && hour == 2)
    #expect(fields[2...4] == ["*", "*", "*"])
    #expect(fields[5] == "tonghop")  // the user of /etc/cron.d lines, never root
    #expect(fields[6].hasPrefix("/") && fields[6].hasSuffix("scripts/nightly"))
    // No redirection into a file of outputs/: its folder does not exist on a fresh install.
    #expect(!jobs[0].contains(">>") && !jobs[0].contains("outputs/"))
    #expect(jobs[0].hasSuffix("2>&1 | /usr/bin/logger -t tonghop"))

    // The line itself, on a fresh workspace (no outputs/ yet), as cron's shell runs it.
    let workspace = try TestWorkspace.sample()
    let command = fields[6...].joined(separator: " ")
      .replacingOccurrences(of: "/srv/tonghop/scripts/nightly", with: TestWorkspace.repository.appendingPathComponent("scripts/nightly").path)
    let finished = try Subprocess.run(
      URL(fileURLWithPath: "/bin/bash"), ["-c", "set -o pipefail; " + command],
      environment: ["TONGHOP_ROOT": workspace.root.path, "TONGHOP": Subprocess.tonghop.path])
    #expect(finished.status == 0, "\(finished.output) \(finished.errors)")
    let logs = try FileManager.default.contentsOfDirectory(atPath: workspace.url("outputs/logs").path)
    #expect(logs.count == 1 && logs[0].hasSuffix(".log"))
    // Pointed at a folder that is not a workspace, it creates nothing there and says so.
    let stranger = workspace.url("elsewhere")
    try FileManager.default.createDirectory(at: stranger, withIntermediateDirectories: true)
    let refused = try Subprocess.run(
      URL(fileURLWithPath: TestWorkspace.repository.appendingPathComponent("scripts/nightly").path), [],
      environment: ["TONGHOP_ROOT": stranger.path, "TONGHOP": Subprocess.tonghop.path])
    #expect(refused.status == 2)
    #expect(try FileManager.default.contentsOfDirectory(atPath: stranger.path).isEmpty)
  }

  @Test func statusShowsWhoIsMissingAndTheLatestRun() throws {
    let workspace = try TestWorkspace()
    try workspace.submitSmallFirstHalf()
    #expect(TonghopCommand.execute(["--root", workspace.root.path, "--quiet", "--today", "2024-07-01", "run", "--period", "2024-H1"]) == 0)
    let status = try tonghop(workspace, ["--today", "2024-07-01", "status", "--period", "2024-H1"])
    #expect(status.status == 0)
    #expect(status.output.contains("Kỳ 2024-H1 – hạn nộp 10/06/2024"))
    #expect(status.output.contains("90201  Xã B1 – chưa nộp"))
    #expect(status.output.contains("902  Huyện B – có lỗi, xem phan-hoi/902.xlsx"))
    #expect(status.output.contains("`tonghop run --period 2024-H1` – thành công"))
    // The latest run of the period, not the latest command, in the province's time.
    #expect(TonghopCommand.execute(["--root", workspace.root.path, "--quiet", "template", "--period", "2024-H1"]) == 0)
    let after = try tonghop(workspace, ["--today", "2024-07-01", "status", "--period", "2024-H1"])
    let last = after.output.split(separator: "\n").first { $0.hasPrefix("Lần chạy gần nhất của kỳ 2024-H1: ") }.map(String.init) ?? ""
    #expect(last.contains("`tonghop run --period 2024-H1` – thành công"), "\(after.output)")
    #expect(last.wholeMatch(of: /Lần chạy gần nhất của kỳ 2024-H1: \d\d\/\d\d\/\d{4} \d\d:\d\d `tonghop run --period 2024-H1` – thành công/) != nil, "\(last)")
    #expect(!after.output.contains("template"))
    // A period never run: said, not an error.
    let never = try tonghop(workspace, ["--today", "2024-07-01", "status", "--period", "2023-Y"])
    #expect(never.status == 0)
    #expect(never.output.contains("Kỳ 2023-Y – hạn nộp 10/12/2023: chưa chạy"))
    // A lost ledger is said, not passed over.
    try FileManager.default.removeItem(at: workspace.url("outputs/ledger.sqlite"))
    let lost = try tonghop(workspace, ["--today", "2024-07-01", "status", "--period", "2024-H1"])
    #expect(lost.output.hasPrefix("CẢNH BÁO: không có sổ ghi nhận"))
    let total = status.output.split(separator: "\n").first { $0.hasPrefix("Tổng") }
    #expect(total?.split(separator: " ").map(String.init) == ["Tổng", "10", "9", "7", "1", "1", "1"])
  }

  @Test func aWithdrawnFileStopsCounting() throws {
    let workspace = try TestWorkspace()
    try workspace.submitSmallFirstHalf()
    let base = ["--root", workspace.root.path, "--quiet", "--today", "2024-07-01"]
    #expect(TonghopCommand.execute(base + ["run", "--period", "2024-H1"]) == 0)
    #expect(TonghopCommand.execute(base + ["withdraw", "sn1-b.csv", "--ly-do", "gửi nhầm"]) == 0)
    #expect(TonghopCommand.execute(base + ["withdraw", "khong-co.csv", "--ly-do", "x"]) == 2)
    #expect(TonghopCommand.execute(base + ["run", "--period", "2024-H1"]) == 0)
    let current = try workspace.stage("2024-H1", StageFile.accepted).first { $0["ma_don_vi"] == "SN1" }
    #expect(current?["tep"] == "sn1_x0041_.csv")
    #expect(try workspace.stage("2024-H1", StageFile.issues).allSatisfy { $0["ma_loi"] != "D16" })
    #expect(FileManager.default.fileExists(atPath: workspace.url("inputs/submissions/sn1-b.csv").path))
  }
}
