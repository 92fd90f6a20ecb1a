import Foundation
import Testing
import TonghopCore
import TonghopTestSupport

@testable import TonghopCLI

/// The real program, in its own processes, against what a careless or hostile environment hands it:
/// drop-zone entries that are not files, a broken registry, absurd run dates, a lost ledger, a
/// damaged archive, a `status` beside a working run. Each test leaves a figure for `scripts/reliability`.
@Suite(.serialized) struct HostileInputTests {
  static let run = ["--today", "2025-01-15", "run", "--period", "2024-H1", "2024-Y"]

  private func tonghop(_ workspace: TestWorkspace, _ arguments: [String], environment: [String: String] = [:]) throws -> Finished {
    try Subprocess.run(Subprocess.tonghop, ["--root", workspace.root.path, "--quiet"] + arguments, environment: environment)
  }

  @Test(.timeLimit(.minutes(10)))
  func hostileDropZoneEntriesAreListedNeverReadAndTheNightGoesOn() throws {
    let workspace = try TestWorkspace.sample()
    let zone = workspace.url("inputs/submissions").path
    // What must never reach the archive: a private key and a report-looking file beside the drop zone.
    let secret = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n"
    try workspace.write("khoa-rieng", secret)
    var entries: [String] = []
    func add(_ name: String, _ made: Bool) {
      #expect(made, "\(name)")
      entries.append(name)
    }
    add("passwd.csv", symlink("/etc/passwd", zone + "/passwd.csv") == 0)
    add("environ.csv", symlink("/proc/self/environ", zone + "/environ.csv") == 0)
    add("khoa.csv", symlink(workspace.url("khoa-rieng").path, zone + "/khoa.csv") == 0)
    add("ra-ngoai", symlink("/etc", zone + "/ra-ngoai") == 0)
    add("treo.csv", symlink("khong-co.csv", zone + "/treo.csv") == 0)
    add("vong.csv", symlink("vong.csv", zone + "/vong.csv") == 0)
    add("fifo.csv", mkfifo(zone + "/fifo.csv", 0o644) == 0)
    let listening = BoundSocket(path: zone + "/socket.csv")
    defer { listening.close() }
    add("socket.csv", listening.bound)
    if mknod(zone + "/thiet-bi.csv", S_IFCHR | 0o644, dev_t(0x103)) == 0 {
      add("thiet-bi.csv", true)
    }
    // Unreadable file and folder: effective for an account that is not root (root reads everything).
    if geteuid() != 0 {
      try workspace.submit("khong-doc.csv", "ma_don_vi\n")
      add("khong-doc.csv", chmod(zone + "/khong-doc.csv", 0) == 0)
      try workspace.submit("khoa-thu-muc/a.csv", "ma_don_vi\n")
      add("khoa-thu-muc", chmod(zone + "/khoa-thu-muc", 0) == 0)
    }
    // A folder whose path is beyond the system's limit: unreadable for root too.
    var fd = open(zone, O_RDONLY | O_DIRECTORY)
    let long = String(repeating: "x", count: 250)
    for _ in 0..<20 {
      mkdirat(fd, long, 0o755)
      let next = openat(fd, long, O_RDONLY | O_DIRECTORY)
      close(fd)
      fd = next
    }
    close(openat(fd, "a.csv", O_WRONLY | O_CREAT, 0o644))
    close(fd)

    let started = Date()
    let result = try tonghop(workspace, Self.run)
    let seconds = Date().timeIntervalSince(started)
    #expect(result.status == 0, "\(result.errors)")
    // Not a byte of the outside files in the archive.
    let outside = [Data(secret.utf8), (try? Data(contentsOf: URL(fileURLWithPath: "/etc/passwd"))) ?? Data()]
    var leaked = 0
    let archive = workspace.url("outputs/archive")
    for name in try FileManager.default.contentsOfDirectory(atPath: archive.path) {
      let bytes = try Data(contentsOf: archive.appendingPathComponent(name))
      for text in outside where !text.isEmpty && bytes.range(of: text.prefix(24)) != nil { leaked += text.count }
    }
    #expect(leaked == 0)
    let listed = Set(try workspace.stage("2024-H1", StageFile.issues).filter { $0["ma_loi"] == "T10" }.map { $0["tep"]! })
    let named = entries.filter { listed.contains($0) }
    #expect(named.count == entries.count, "\(Set(entries).subtracting(listed))")
    #expect(listed.contains { $0.hasPrefix(long + "/") })
    // Every regular file of the sample was processed: the province's workbooks are there.
    #expect(FileManager.default.fileExists(atPath: workspace.url("outputs/reports/2024-Y/BaoCao-BDG-2024-Y-Tinh.xlsx").path))
    ReliabilityReport.record(
      "hostile drop-zone entries: \(entries.count + 1) tried (links out, dangling and looping links, FIFO, socket\(geteuid() == 0 ? ", device" : ", unreadable file and folder"), long path), \(result.status == 0 ? 0 : 1) stopped runs, 0 hangs (\(String(format: "%.1f", seconds)) s), \(leaked) bytes of outside files in the archive, \(named.count + 1)/\(entries.count + 1) listed T10")
  }

  /// Workbooks made to hurt (submissions.md, "Excel workbooks"): each is `T01`, the night goes on,
  /// and reading it costs no more memory than reading a legitimate workbook. Peak memory is the
  /// child's own (`ru_maxrss` of the only child of a Python parent).
  @Test(.timeLimit(.minutes(5)))
  func hostileWorkbooksAreRefusedAtTheCostOfALegitimateOne() throws {
    let corpus = TestWorkspace.repository.appendingPathComponent("Tests/TonghopCoreTests/Fixtures/corpus")
    let registry = try String(contentsOf: corpus.appendingPathComponent("don-vi.csv"), encoding: .utf8)
    let python = ProcessInfo.processInfo.environment["TONGHOP_PYTHON"] ?? "/usr/bin/python3"
    func peak(_ name: String) throws -> (megabytes: Int, code: String?, status: Int32) {
      let workspace = try TestWorkspace(registry: registry)
      try workspace.write("inputs/submissions/\(name)", Data(contentsOf: corpus.appendingPathComponent("xlsx/\(name)")))
      let measure = "import resource, subprocess, sys; code = subprocess.run(sys.argv[1:]).returncode; print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
      let result = try Subprocess.run(
        URL(fileURLWithPath: python),
        ["-c", measure, Subprocess.tonghop.path, "--root", workspace.root.path, "--quiet", "--today", "2025-01-15", "run", "--period", "2024-H1"])
      let fields = result.output.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
      let codes = try workspace.stage("2024-H1", StageFile.issues).filter { $0["tep"] == name }.map { $0["ma_loi"]! }
      return ((fields.last ?? 0) / 1024, codes.first, Int32(fields.first ?? -1))
    }
    let legitimate = try peak("openpyxl-district.xlsx")
    #expect(legitimate.status == 0)
    var lines: [String] = []
    for name in ["zip-bomb", "zip-bomb-lying-sizes", "xxe", "billion-laughs", "encrypted", "xls-renamed", "csv-renamed", "truncated", "too-many-rows", "too-many-columns"] {
      let hostile = try peak(name + ".xlsx")
      #expect(hostile.status == 0, "\(name)")
      #expect(hostile.code == "T01", "\(name)")
      #expect(hostile.megabytes < 100, "\(name): \(hostile.megabytes) MB")
      lines.append("\(name) \(hostile.code ?? "-") \(hostile.megabytes) MB")
    }
    ReliabilityReport.record(
      "hostile workbooks: \(lines.count) tried, every one T01 with exit 0; peak memory \(lines.joined(separator: ", ")) (a legitimate 20-row workbook: \(legitimate.megabytes) MB)")
  }

  static let registryMistakes: [(String, String)] = [
    ("a commune under a commune", "90102,Xã A2,xa,90101,,"),
    ("a commune under a school", "90102,Xã A2,xa,TRA,,"),
    ("a department under a district", "SN1,Sở Một,so_nganh,901,,"),
    ("a code of 65 characters", String(repeating: "A", count: 65) + ",Xã Dài,xa,901,,"),
    ("a code with a slash", "../x,Xã Lạ,xa,901,,"),
    ("an unknown type", "777,Lạ,quan,99,,"),
    ("a parent that does not exist", "90999,Xã Mồ Côi,xa,909,,"),
    ("two versions alive at once", "90101,Xã A1 mới,xa,901,2024-01-01,"),
  ]

  @Test func registryMistakesStopTheRunWithExit2NamingTheRow() throws {
    var refused = 0
    for (what, row) in Self.registryMistakes {
      var text = TestWorkspace.smallRegistry
      let code = row.split(separator: ",").first.map(String.init) ?? ""
      // The row replaces the unit's own line when the code exists, else it is added.
      let lines = text.split(separator: "\n").filter { !$0.hasPrefix(code + ",") || what == "two versions alive at once" }
      text = (lines + [Substring(row)]).joined(separator: "\n") + "\n"
      let workspace = try TestWorkspace(registry: text)
      try workspace.submitSmallFirstHalf()
      let result = try tonghop(workspace, ["--today", "2024-07-01", "run", "--period", "2024-H1"])
      #expect(result.status == 2, "\(what)")
      #expect(result.errors.contains("don-vi.csv dòng"), "\(what): \(result.errors)")
      #expect(!result.signaled)
      if result.status == 2 { refused += 1 }
    }
    ReliabilityReport.record("registry mistakes: \(Self.registryMistakes.count) tried, \(refused) stopped with exit 2 naming the row")
  }

  @Test func runDatesOutsideThePlanAreUsageErrorsNeverASignal() throws {
    let workspace = try TestWorkspace()
    var signals = 0
    var usage = 0
    let outside = ["0001-01-01", "1999-12-31", "2100-01-01", "9999-12-31"]
    for day in outside {
      for command in [["run"], ["status"], ["validate", "--period", "2024-H1"]] {
        let result = try tonghop(workspace, ["--today", day] + command)
        if result.signaled { signals += 1 }
        if result.status == 2 { usage += 1 }
        #expect(result.status == 2 && !result.signaled, "\(day) \(command)")
        #expect(result.errors.contains("2000-01-01"))
      }
    }
    for day in ["2000-01-01", "2099-12-31"] {
      let result = try tonghop(workspace, ["--today", day, "run"])
      #expect(result.status == 0 && !result.signaled, "\(day): \(result.errors)")
      if result.signaled { signals += 1 }
    }
    ReliabilityReport.record("--today extremes: \(outside.count * 3 + 2) runs, \(signals) signals, \(usage)/\(outside.count * 3) outside 2000–2099 refused with exit 2")
  }

  /// The ledger lost: the run refuses (exit 1) and says how to restore; the day's backup brings it back.
  @Test func aLostLedgerIsRefusedAndRestoredFromTheBackup() throws {
    let workspace = try TestWorkspace()
    try workspace.submitSmallFirstHalf()
    let run = ["--today", "2024-07-01", "run", "--period", "2024-H1"]
    #expect(try tonghop(workspace, run).status == 0)
    #expect(try tonghop(workspace, ["withdraw", "sn1-b.csv", "--ly-do", "gửi nhầm"]).status == 0)
    let backups = try FileManager.default.contentsOfDirectory(atPath: workspace.url("outputs/backup").path)
    #expect(backups.count == 1 && backups[0].hasPrefix("ledger-") && backups[0].hasSuffix(".sqlite"))
    try FileManager.default.removeItem(at: workspace.url("outputs/ledger.sqlite"))
    let refused = try tonghop(workspace, run)
    #expect(refused.status == 1)
    #expect(refused.errors.contains("outputs/backup/ledger-"))
    #expect(!FileManager.default.fileExists(atPath: workspace.url("outputs/ledger.sqlite").path))
    try FileManager.default.copyItem(at: workspace.url("outputs/backup/\(backups[0])"), to: workspace.url("outputs/ledger.sqlite"))
    #expect(try tonghop(workspace, run).status == 0)
    // The withdrawal survived: SN1's current row is its first file.
    #expect(try workspace.stage("2024-H1", StageFile.accepted).first { $0["ma_don_vi"] == "SN1" }?["tep"] == "sn1_x0041_.csv")
  }

  @Test func verifyRestoresALostArchiveCopyAndReportsAnAlteredOne() throws {
    let workspace = try TestWorkspace()
    try workspace.submitSmallFirstHalf()
    #expect(try tonghop(workspace, ["--today", "2024-07-01", "run", "--period", "2024-H1"]).status == 0)
    #expect(try tonghop(workspace, ["verify"]).status == 0)
    let archive = workspace.url("outputs/archive")
    let xa = try FileDigest.sha256(of: workspace.url("inputs/submissions/xa.csv")) + ".csv"
    let huyen = try FileDigest.sha256(of: workspace.url("inputs/submissions/huyen.csv")) + ".csv"
    // A copy deleted whose bytes are still in the drop zone: restored, exit 0.
    try FileManager.default.removeItem(at: archive.appendingPathComponent(xa))
    let restored = Subprocess.wait(try Subprocess.start(Subprocess.tonghop, ["--root", workspace.root.path, "verify"]))
    #expect(restored.status == 0)
    #expect(restored.output.contains("xa.csv"))
    #expect(try FileDigest.sha256(of: archive.appendingPathComponent(xa)) + ".csv" == xa)
    // A copy altered while the original is still in the drop zone: put back, exit 0.
    try Data("đã sửa".utf8).write(to: archive.appendingPathComponent(huyen))
    let putBack = Subprocess.wait(try Subprocess.start(Subprocess.tonghop, ["--root", workspace.root.path, "verify"]))
    #expect(putBack.status == 0)
    #expect(putBack.output.contains("huyen.csv") && putBack.output.contains("bị thay đổi"))
    #expect(try FileDigest.sha256(of: archive.appendingPathComponent(huyen)) + ".csv" == huyen)
    // Altered, with the original gone from the drop zone: exit 1, naming the submitted file.
    try Data("đã sửa".utf8).write(to: archive.appendingPathComponent(huyen))
    try FileManager.default.removeItem(at: workspace.url("inputs/submissions/huyen.csv"))
    let altered = Subprocess.wait(try Subprocess.start(Subprocess.tonghop, ["--root", workspace.root.path, "verify"]))
    #expect(altered.status == 1)
    #expect(altered.output.contains("huyen.csv") && altered.output.contains("bị thay đổi"))
    // A copy lost whose file has left the drop zone too: exit 1.
    try FileManager.default.removeItem(at: archive.appendingPathComponent(xa))
    try FileManager.default.removeItem(at: workspace.url("inputs/submissions/xa.csv"))
    #expect(try tonghop(workspace, ["verify"]).status == 1)
  }

  /// `status` while a run holds the lock and is in the middle of a ledger transaction: it answers
  /// from a consistent state, never fails on a busy database, never migrates.
  @Test func statusAnswersWhileARunWorks() throws {
    let workspace = try TestWorkspace.sample()
    #expect(try tonghop(workspace, Self.run).status == 0)
    try workspace.submit("2024-Y/moi.csv", "ma_don_vi,ky_bao_cao,ngay_lap\nSYT,2024-Y,2024-12-05\n")
    let running = try Subprocess.start(
      Subprocess.tonghop, ["--root", workspace.root.path, "--quiet"] + Self.run,
      environment: ["TONGHOP_PAUSE_AT": "in-ledger-transaction"])
    usleep(600_000)
    var answers = 0
    for _ in 0..<3 {
      let status = try tonghop(workspace, ["--today", "2025-01-15", "status", "--period", "2024-Y"])
      #expect(status.status == 0, "\(status.errors)")
      #expect(status.output.contains("Kỳ 2024-Y"))
      if status.status == 0 { answers += 1 }
    }
    #expect(Subprocess.wait(running).status == 0)
    ReliabilityReport.record("status during a run: \(answers)/3 answered while the run held a ledger transaction")
  }

  /// A file larger than the free disk is listed (T10) and every other file is processed.
  @Test(.enabled(if: getuid() == 0, "mounting a small file system needs root"))
  func aFileLargerThanTheFreeDiskIsListedAndTheOthersProcessed() throws {
    let workspace = try TestWorkspace()
    try workspace.submitSmallFirstHalf()
    try workspace.submit("lon.csv", "ma_don_vi,ky_bao_cao,ngay_lap,ghi_chu\n90201,2024-H1,2024-06-01," + String(repeating: "x", count: 12 << 20) + "\n")
    let outputs = workspace.url("outputs").path
    try FileManager.default.createDirectory(atPath: outputs, withIntermediateDirectories: true)
    #expect(try Subprocess.run(URL(fileURLWithPath: "/bin/mount"), ["-t", "tmpfs", "-o", "size=8m", "tmpfs", outputs]).status == 0)
    defer { _ = try? Subprocess.run(URL(fileURLWithPath: "/bin/umount"), ["-l", outputs]) }
    let result = try tonghop(workspace, ["--today", "2024-07-01", "run", "--period", "2024-H1"])
    #expect(result.status == 0, "\(result.errors)")
    let issues = try workspace.stage("2024-H1", StageFile.issues)
    #expect(issues.contains { $0["tep"] == "lon.csv" && $0["ma_loi"] == "T10" && $0["noi_dung"]!.contains("đầy") })
    #expect(try workspace.stage("2024-H1", StageFile.accepted).count == 8)
  }

  /// A FIFO or a link put in place of an archive copy is never waited on or followed; the copy is put
  /// back from the drop zone.
  @Test(.timeLimit(.minutes(10)))
  func verifyNeverWaitsOnAFIFOInTheArchive() throws {
    let workspace = try TestWorkspace()
    try workspace.submitSmallFirstHalf()
    #expect(try tonghop(workspace, ["--today", "2024-07-01", "ingest"]).status == 0)
    let archive = workspace.url("outputs/archive").path
    let names = try FileManager.default.contentsOfDirectory(atPath: archive).sorted()
    unlink(archive + "/" + names[0])
    #expect(mkfifo(archive + "/" + names[0], 0o644) == 0)
    unlink(archive + "/" + names[1])
    #expect(symlink("/dev/zero", archive + "/" + names[1]) == 0)
    // The originals are still in the drop zone: both copies are put back as regular files.
    let result = try tonghop(workspace, ["verify"])
    #expect(result.status == 0 && !result.signaled, "\(result.errors)")
    for name in names.prefix(2) {
      var info = stat()
      #expect(lstat(archive + "/" + name, &info) == 0 && info.st_mode & S_IFMT == S_IFREG)
      guard info.st_mode & S_IFMT == S_IFREG else { continue }
      #expect(try FileDigest.sha256(of: URL(fileURLWithPath: archive + "/" + name)) + ".csv" == name)
    }
  }

  /// Root on a workspace that belongs to the nightly account refuses to write there (exit 2) and
  /// says which account to use.
  @Test(.enabled(if: geteuid() == 0, "only root can be refused"))
  func rootRefusesAWorkspaceOfAnotherAccount() throws {
    let workspace = try TestWorkspace()
    try workspace.submitSmallFirstHalf()
    #expect(chown(workspace.root.path, 65534, 65534) == 0)
    let result = try tonghop(workspace, ["--today", "2024-07-01", "run", "--period", "2024-H1"])
    #expect(result.status == 2)
    #expect(result.errors.contains("sudo -u"))
    #expect(!FileManager.default.fileExists(atPath: workspace.url("outputs").path))
    // Reading is still allowed.
    #expect(try tonghop(workspace, ["--today", "2024-07-01", "status"]).status == 0)
    chown(workspace.root.path, 0, 0)
  }
}
