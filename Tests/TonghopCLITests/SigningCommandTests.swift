import Foundation
import Testing
import TonghopCore
import TonghopTestSupport

/// `tonghop sign` through the real program: a signed folder is never written again, and a signing
/// killed at any instant is either absent or complete.
@Suite(.serialized) struct SigningCommandTests {
  private func tonghop(_ workspace: TestWorkspace, _ arguments: [String], environment: [String: String] = [:]) throws -> Finished {
    try Subprocess.run(Subprocess.tonghop, ["--root", workspace.root.path, "--today", "2025-01-15"] + arguments, environment: environment)
  }

  static let sign = ["sign", "--period", "2024-H1", "--so", "15/BC-SNV", "--ngay", "2024-07-20"]

  /// Name → SHA-256, mode and modification time of every file of the folder, and the folder's own.
  private func snapshot(_ folder: URL) throws -> [String: String] {
    var state: [String: String] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) + ["."] {
      let path = folder.appendingPathComponent(name).path
      var info = stat()
      stat(path, &info)
      let hash = name == "." ? "" : try FileDigest.sha256(of: URL(fileURLWithPath: path))
      state[name] = "\(hash) \(info.st_mode) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }
    return state
  }

  @Test func noCommandWritesIntoASignedFolder() throws {
    let workspace = try TestWorkspace.sample()
    #expect(try tonghop(workspace, ["run", "--period", "2024-H1"]).status == 0)
    let signed = try tonghop(workspace, Self.sign)
    #expect(signed.status == 0, "\(signed.errors)")
    #expect(signed.output.contains("Đã chốt số liệu kỳ 2024-H1 lần 1, số 15/BC-SNV, ngày 20/07/2024"))
    let folder = workspace.url("outputs/chot/2024-H1/lan-1")
    let before = try snapshot(folder)
    try workspace.submit(
      "2024-H1/muon/14383.csv", "ma_don_vi,ky_bao_cao,ngay_lap,cuoc_tt,luot_nam,luot_nu,tin_q1,tin_q2,huong_uoc,huong_uoc_bdg\n14383,2024-H1,2024-07-01,3,30,31,2,2,5,5\n")
    let commands: [[String]] = [
      ["ingest"], ["validate", "--period", "2024-H1"], ["rollup", "--period", "2024-H1"],
      ["rollup", "--period", "2024-H1", "--theo-ngay", "2025-07-01"], ["export", "--period", "2024-H1"],
      ["run", "--period", "2024-H1"], ["run"], ["status", "--period", "2024-H1"], ["template", "--period", "2024-H1"],
      ["explain", "--period", "2024-H1", "--don-vi", "37", "--csv"], ["verify"],
      ["sign", "--period", "2024-H1", "--so", "20/BC-SNV"], ["withdraw", "2024-H1/muon/14383.csv", "--ly-do", "Gửi nhầm"],
      ["run", "--period", "2024-H1"], ["export", "--xu-huong", "2024-Y..2025-Y"],
    ]
    for command in commands {
      let finished = try tonghop(workspace, command)
      #expect(finished.status == 0, "\(command): \(finished.errors)")
      #expect(try snapshot(folder) == before, "\(command) changed the signed folder")
    }
    #expect(access(workspace.url("outputs/chot/2024-H1/lan-2/danh-sach.csv").path, F_OK) == 0)
    let status = try tonghop(workspace, ["status", "--period", "2024-H1"])
    #expect(status.output.contains("Lần 1: số 15/BC-SNV, ngày 20/07/2024"))
    #expect(status.output.contains("Lần 2: số 20/BC-SNV, ngày 15/01/2025"))
    // The withdrawal came after the second signing: the working version differs from it again.
    #expect(status.output.contains("Bản làm việc hiện nay KHÁC bản đã chốt lần 2"))

    // A signed folder deleted or added to: said by status, verify and the working version, and the
    // nightly run goes on.
    let second = workspace.url("outputs/chot/2024-H1/lan-2")
    chmod(second.path, 0o755)
    try "x".write(to: second.appendingPathComponent("them.txt"), atomically: false, encoding: .utf8)
    let verified = try tonghop(workspace, ["verify"])
    #expect(verified.status == 1)
    #expect(verified.output.contains("them.txt: tệp lạ"))
    #expect(try tonghop(workspace, ["status", "--period", "2024-H1"]).output.contains("Bản đã chốt lần 2 (outputs/chot/2024-H1/lan-2) bị mất hoặc bị sửa"))
    try workspace.submit(
      "2024-H1/muon/14386.csv", "ma_don_vi,ky_bao_cao,ngay_lap,cuoc_tt,luot_nam,luot_nu,tin_q1,tin_q2,huong_uoc,huong_uoc_bdg\n14386,2024-H1,2024-07-01,3,30,31,2,2,5,5\n")
    let night = try tonghop(workspace, ["run", "--period", "2024-H1"])
    #expect(night.status == 0, "\(night.errors)")
    let book = try ReadBackWorkbook.read(workspace.url("outputs/reports/2024-H1/BaoCao-BDG-2024-H1-Tinh.xlsx"))
    #expect(book.value("Tổng hợp", "A9").map { "\($0)" }?.contains("bị mất hoặc bị sửa, không đối chiếu được") == true)
    #expect(try snapshot(folder) == before)
    // Signing again with nothing new is refused only when a run would change something.
    let stale = try tonghop(workspace, ["--quiet", "sign", "--period", "2024-Y", "--so", "1/BC"])
    #expect(stale.status == 2)
    #expect(stale.errors.contains("tonghop run --period 2024-Y"))
  }

  /// Killed at the named places and at random moments, a signing is absent (no record, no folder once
  /// the next command has swept `outputs/.tmp/`) or complete (recorded, at the latest by the next
  /// command, with every file as listed).
  @Test func aSigningKilledAtAnyInstantIsAbsentOrComplete() throws {
    let period = Period(code: "2024-H1")!
    func signings() throws -> [Signing] { try Workspace(root: workspace.root).openLedger().signings(of: period) }
    let workspace = try TestWorkspace.sample()
    #expect(try tonghop(workspace, ["run", "--period", "2024-H1"]).status == 0)
    let folder = workspace.url("outputs/chot/2024-H1/lan-1")

    let beforeRename = try tonghop(workspace, Self.sign, environment: ["TONGHOP_CRASH_AT": "mid-sign"])
    #expect(beforeRename.signaled && beforeRename.status == SIGKILL)
    #expect(try signings().isEmpty)
    #expect(!(try tonghop(workspace, ["status", "--period", "2024-H1"])).output.contains("Số liệu đã chốt"))
    #expect(try tonghop(workspace, ["verify"]).status == 0)
    #expect(access(folder.path, F_OK) != 0)
    #expect(((try? FileManager.default.contentsOfDirectory(atPath: workspace.url("outputs/.tmp").path)) ?? []).isEmpty)

    let beforeCommit = try tonghop(workspace, Self.sign, environment: ["TONGHOP_CRASH_AT": "signed-uncommitted"])
    #expect(beforeCommit.signaled && beforeCommit.status == SIGKILL)
    #expect(try signings().isEmpty)
    let next = try tonghop(workspace, ["verify"])
    #expect(next.status == 0, "\(next.errors)")
    #expect(next.output.contains("Đã ghi lại vào sổ lần chốt kỳ 2024-H1 lần 1 (số 15/BC-SNV, ngày 20/07/2024)"))
    #expect(try signings().map(\.version) == [1])
    #expect(try tonghop(workspace, ["status", "--period", "2024-H1"]).output.contains("Lần 1: số 15/BC-SNV, ngày 20/07/2024"))

    // Random moments, each on a fresh copy of the period as run (a second signing would be refused:
    // nothing changed).
    var random = SystemRandomNumberGenerator()
    var outcomes: [String] = []
    let base = try TestWorkspace.sample()
    #expect(try tonghop(base, ["run", "--period", "2024-H1"]).status == 0)
    for _ in 0..<8 {
      let copy = try TestWorkspace.sample()
      // cp -a keeps the mtimes the run's fingerprint recorded.
      #expect(try Subprocess.run(URL(fileURLWithPath: "/bin/cp"), ["-a", base.url("outputs").path, copy.url("outputs").path]).status == 0)
      let process = try Subprocess.start(
        Subprocess.tonghop, ["--root", copy.root.path, "--today", "2025-01-15", "--quiet"] + Self.sign)
      usleep(UInt32.random(in: 30_000...900_000, using: &random))  // a signing takes about 0.5 s here
      kill(process.processIdentifier, SIGKILL)
      let finished = Subprocess.wait(process)
      let recorded = try Workspace(root: copy.root).openLedger().signings(of: period).count
      let verified = try tonghop(copy, ["verify"])
      #expect(verified.status == 0, "\(verified.errors)")
      let versions = try Workspace(root: copy.root).openLedger().signings(of: period).map(\.version)
      #expect(versions == [] || versions == [1])
      let folders = (try? FileManager.default.contentsOfDirectory(atPath: copy.url("outputs/chot/2024-H1").path)) ?? []
      #expect(Set(folders) == Set(versions.map { "lan-\($0)" }), "\(folders) \(versions)")
      #expect(finished.signaled || finished.status == 0, "\(finished.errors)")
      outcomes.append(
        !finished.signaled ? "finished" : versions.isEmpty ? "none" : recorded == 0 ? "recorded by the next command" : "complete")
    }
    ReliabilityReport.record(
      "kill -9 during sign: before the rename (nothing signed), before the commit (recorded by the next command), then 8 random kills (\(outcomes.joined(separator: ", "))): no half signing")
  }

  /// A ledger restored from a backup older than a signing: the signed folder is recorded again, never lost.
  @Test func aSigningOutlivesALedgerRestoredFromAnOlderBackup() throws {
    let workspace = try TestWorkspace.sample()
    #expect(try tonghop(workspace, ["run", "--period", "2024-H1"]).status == 0)
    let old = workspace.url("ledger-before.sqlite")
    try FileManager.default.copyItem(at: workspace.url("outputs/ledger.sqlite"), to: old)
    #expect(try tonghop(workspace, Self.sign).status == 0)
    let folder = workspace.url("outputs/chot/2024-H1/lan-1")
    let before = try snapshot(folder)
    try FileManager.default.removeItem(at: workspace.url("outputs/ledger.sqlite"))
    try FileManager.default.copyItem(at: old, to: workspace.url("outputs/ledger.sqlite"))
    let run = try tonghop(workspace, ["run", "--period", "2024-H1"])
    #expect(run.status == 0, "\(run.errors)")
    #expect(run.output.contains("Đã ghi lại vào sổ lần chốt kỳ 2024-H1 lần 1"))
    #expect(try snapshot(folder) == before)
    #expect(try tonghop(workspace, ["verify"]).status == 0)
    #expect(try tonghop(workspace, ["status", "--period", "2024-H1"]).output.contains("Bản làm việc hiện nay giống bản đã chốt lần 1."))
  }
}
