import Foundation
import Testing
import TonghopTestSupport

@testable import TonghopCore

/// What the drop zone may hold besides files: never opened, never copied, each listed (`T10`), and
/// every other file processed as usual.
@Suite struct DropZoneTests {
  static let h1 = Period(year: 2024, kind: .firstHalf)
  static let today = CalendarDay(iso: "2024-07-01")!

  /// The files of the archive, with their bytes.
  static func archive(_ workspace: TestWorkspace) throws -> [(name: String, bytes: Data, mode: Int)] {
    let folder = workspace.url("outputs/archive")
    return try FileManager.default.contentsOfDirectory(atPath: folder.path).map { name in
      let path = folder.appendingPathComponent(name).path
      let mode = (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? 0
      return (name, try Data(contentsOf: URL(fileURLWithPath: path)), mode)
    }
  }

  @Test(.timeLimit(.minutes(10)))
  func entriesThatAreNotFilesOfTheDropZoneAreListedAndNeverRead() throws {
    let workspace = try TestWorkspace()
    try workspace.submitSmallFirstHalf()
    let zone = workspace.url("inputs/submissions").path
    // A report-looking file outside the drop zone, beside it in the workspace.
    try workspace.write("bi-mat.csv", "ma_don_vi,ky_bao_cao,ngay_lap,cuoc_tt\n90201,2024-H1,2024-06-01,99\n")
    var expected: Set<String> = []
    func link(_ target: String, _ name: String) {
      #expect(symlink(target, zone + "/" + name) == 0)
      expected.insert(name)
    }
    link("/etc/passwd", "passwd.csv")
    link("/proc/self/environ", "environ.csv")
    link(workspace.url("bi-mat.csv").path, "ngoai.csv")
    link("../../bi-mat.csv", "ngoai-tuong-doi.csv")
    link(zone + "/khong-co.csv", "treo.csv")
    link(zone + "/vong-b.csv", "vong-a.csv")
    link(zone + "/vong-a.csv", "vong-b.csv")
    #expect(mkdir(zone + "/thu-muc", 0o755) == 0)
    link(zone + "/thu-muc", "lien-ket-thu-muc")
    #expect(mkfifo(zone + "/fifo.csv", 0o644) == 0)
    expected.insert("fifo.csv")
    let listening = BoundSocket(path: zone + "/socket.csv")
    #expect(listening.bound)
    defer { listening.close() }
    expected.insert("socket.csv")
    // A device node needs root; without it the same path is a link to one, which is a link out.
    if mknod(zone + "/thiet-bi.csv", S_IFCHR | 0o644, dev_t(0x103)) != 0 { link("/dev/null", "thiet-bi.csv") }
    expected.insert("thiet-bi.csv")
    // A link to a file inside the drop zone is read like that file.
    #expect(symlink("../xa.csv", zone + "/thu-muc/ban-sao.csv") == 0)

    let pipeline = try workspace.pipeline(today: Self.today)
    let summary = try pipeline.ingest()
    #expect(summary.unreadEntries == expected.count)
    // Nothing from outside reached the archive; what is there is for its owner and group only.
    for file in try Self.archive(workspace) {
      #expect(!file.bytes.contains(Data("root:".utf8)), "\(file.name)")
      #expect(!file.bytes.contains(Data(",99\n".utf8)), "\(file.name)")
      #expect(file.mode & 0o777 == 0o640, "\(file.name)")
    }
    #expect(try Self.archive(workspace).count == 5)
    _ = try pipeline.validate(Self.h1)
    let issues = try workspace.stage("2024-H1", StageFile.issues)
    let listed = issues.filter { $0["ma_loi"] == "T10" }
    #expect(Set(listed.map { $0["tep"]! }) == expected)
    #expect(listed.allSatisfy { $0["muc_do"] == "canh_bao" && $0["noi_dung"]!.contains("không được đọc") })
    #expect(listed.first { $0["tep"] == "passwd.csv" }?["noi_dung"]?.contains("ra ngoài thư mục nhận") == true)
    #expect(listed.first { $0["tep"] == "fifo.csv" }?["noi_dung"]?.contains("FIFO") == true)
    // Every regular file was read as usual: the link inside adds no second copy of xa.csv's rows.
    #expect(try workspace.stage("2024-H1", StageFile.accepted).map { $0["ma_don_vi"]! } == ["90101", "90102", "90300", "901", "BC1", "BCA", "SN1", "TRA"].sorted())
    // (the link comes first in byte order: the ledger names the bytes by it, xa.csv is a known copy)
    #expect(try pipeline.workspace.openLedger().files().map(\.path).sorted() == ["=SUM(1).csv", "huyen.csv", "sn1-b.csv", "sn1_x0041_.csv", "thu-muc/ban-sao.csv"])

    // An entry gone from the drop zone is no longer listed.
    for name in expected { unlink(zone + "/" + name) }
    _ = try pipeline.ingest()
    _ = try pipeline.validate(Self.h1)
    #expect(try workspace.stage("2024-H1", StageFile.issues).filter { $0["ma_loi"] == "T10" }.isEmpty)
  }

  /// A folder whose path is longer than the system allows, and (for an account that is not root,
  /// which reads everything) a file without read permission: listed, the others read.
  @Test func anEntryThatCannotBeReadIsListedAndTheOthersAreRead() throws {
    let workspace = try TestWorkspace()
    try workspace.submitSmallFirstHalf()
    let zone = workspace.url("inputs/submissions").path
    var fd = open(zone, O_RDONLY | O_DIRECTORY)
    let name = String(repeating: "d", count: 250)
    for _ in 0..<20 {
      #expect(mkdirat(fd, name, 0o755) == 0)
      let next = openat(fd, name, O_RDONLY | O_DIRECTORY)
      close(fd)
      fd = next
    }
    let deep = openat(fd, "sau.csv", O_WRONLY | O_CREAT, 0o644)
    #expect(deep >= 0)
    close(deep)
    close(fd)
    try workspace.submit("khoa.csv", "ma_don_vi,ky_bao_cao,ngay_lap\n90201,2024-H1,2024-06-01\n")
    chmod(zone + "/khoa.csv", 0)
    let pipeline = try workspace.pipeline(today: Self.today)
    let summary = try pipeline.ingest()
    _ = try pipeline.validate(Self.h1)
    let listed = try workspace.stage("2024-H1", StageFile.issues).filter { $0["ma_loi"] == "T10" }
    #expect(listed.contains { $0["tep"]!.hasPrefix(name + "/") && $0["noi_dung"]!.contains("quá dài") })
    if geteuid() != 0 {
      #expect(listed.contains { $0["tep"] == "khoa.csv" && $0["noi_dung"]!.contains("quyền") })
      #expect(summary.unreadEntries == 2)
    }
    #expect(try workspace.stage("2024-H1", StageFile.accepted).count == 8)
  }

  /// `cp -p`, `unzip` and `rsync -t` restore a file with its old mtime: the same size and mtime, but
  /// a new ctime. It is read again, and a correction restored that way counts.
  @Test func aCorrectionRestoredWithItsOldMtimeIsRead() throws {
    let workspace = try TestWorkspace()
    let header = "ma_don_vi,ky_bao_cao,ngay_lap,cuoc_tt,luot_nam,luot_nu\n"
    try workspace.submit("sn1.csv", header + "SN1,2024-H1,2024-06-03,5,30,70\n")
    let path = workspace.url("inputs/submissions/sn1.csv").path
    let pipeline = try workspace.pipeline(today: Self.today)
    _ = try pipeline.ingest()
    var before = stat()
    stat(path, &before)
    usleep(20_000)
    // The same number of bytes, another value, and the old mtime put back.
    try workspace.submit("sn1.csv", header + "SN1,2024-H1,2024-06-03,7,30,70\n")
    var times = [before.st_atim, before.st_mtim]
    #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
    var after = stat()
    stat(path, &after)
    #expect(after.st_size == before.st_size && after.st_mtim.tv_sec == before.st_mtim.tv_sec && after.st_mtim.tv_nsec == before.st_mtim.tv_nsec)
    let summary = try pipeline.ingest()
    #expect(summary.newFiles == 1)
    _ = try pipeline.validate(Self.h1)
    #expect(try workspace.stage("2024-H1", StageFile.accepted).first?["cuoc_tt"] == "7")
    // Untouched, it is not read again.
    #expect(try pipeline.ingest().hashedFiles == 0)
  }
}
