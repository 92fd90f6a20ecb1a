import Foundation
import GRDB

/// `tonghop verify`: every file the ledger records has its original bytes in the archive under
/// their hash, every archive file still holds the bytes its name promises, and every signed file
/// still matches its `danh-sach.csv`. A missing archive copy whose bytes are still in the drop zone
/// is restored from there.
public struct ArchiveVerification {
  public struct Report: Sendable {
    public var checked = 0
    public var restored: [String] = []
    /// One line per problem, in the officer's words.
    public var problems: [String] = []
    public var signedFilesChecked = 0

    public var isSound: Bool { problems.isEmpty }
  }

  let workspace: Workspace
  let ledger: Ledger

  public init(workspace: Workspace, ledger: Ledger) {
    self.workspace = workspace
    self.ledger = ledger
  }

  public func run() throws(TonghopError) -> Report {
    var report = Report()
    let files = try ledger.files()
    let seenAt = try ledger.pathsBySHA256()
    let sizes = try ledger.sizesBySHA256()
    var dropZone: [DropZone.File]?
    var recorded = Set<String>()
    for file in files {
      recorded.insert(file.sha256)
      report.checked += 1
      let archived = workspace.archived(file.sha256, file.kind)
      var info = stat()
      let missing = lstat(archived.path, &info) != 0
      // Opened as a regular file only: a FIFO or a link put in its place is reported, never waited on.
      if !missing, (try? FileDigest.sha256(ofRegularFile: archived.path)) == file.sha256 { continue }
      let what = missing ? "bị mất" : "bị thay đổi (nội dung không còn khớp mã SHA-256, hoặc không còn là tệp thường)"
      // Where the same bytes may still be: the paths they were seen under, then any file of the drop
      // zone of the same size (a file moved to another folder).
      let zone = dropZone ?? DropZone.list(workspace.submissions).files
      dropZone = zone
      let sameSize = zone.filter { $0.size == sizes[file.sha256] }.map(\.openPath)
      let known = ([file.path] + (seenAt[file.sha256] ?? [])).map { workspace.submissions.appendingPathComponent($0).path }
      let version = "bản nhận lúc \(file.firstSeen), mã \(file.sha256.prefix(12))…"
      if let source = restorable(file.sha256, paths: known + sameSize) {
        if !missing { unlink(archived.path) }
        try AtomicFile.copy(URL(fileURLWithPath: source), to: archived, mode: Archive.mode)
        report.restored.append("\(file.path) (\(version)): bản lưu \(what) đã được chép lại từ \(source)")
      } else {
        report.problems.append(
          "\(file.path) (\(version)): bản lưu \(archived.lastPathComponent) \(what), và không còn tệp cùng nội dung trong thư mục nhận; hãy lấy lại tệp từ bản sao lưu của máy chủ hoặc xin đơn vị gửi lại")
      }
    }
    // Archive files that the ledger does not record are left by a run stopped before its commit:
    // the next ingest writes them again. Anything not named like an archive file is reported.
    if let names = try? FileManager.default.contentsOfDirectory(atPath: workspace.archive.path) {
      for name in names.sorted() where !name.hasPrefix(".") {
        let hash = String(name.prefix { $0 != "." })
        let isArchiveName = (name == hash + ".csv" || name == hash + ".xlsx") && hash.utf8.count == 64 && hash.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
        if !isArchiveName {
          report.problems.append("\(workspace.archive.path)/\(name): tệp lạ trong kho lưu trữ (tên không phải <mã SHA-256>.csv hay <mã SHA-256>.xlsx)")
        }
      }
    }
    try verifySigned(into: &report)
    return report
  }

  /// A file whose bytes are exactly those of `sha256`.
  private func restorable(_ sha256: String, paths: [String]) -> String? {
    paths.first { (try? FileDigest.sha256(ofRegularFile: $0)) == sha256 }
  }

  /// Every signing the ledger records: its folder `outputs/chot/<P>/lan-<N>/` is there, its
  /// `danh-sach.csv` hashes as recorded, and each listed file, in the folder or in the archive, still
  /// has its hash and size. A folder the ledger does not record is reported too.
  private func verifySigned(into report: inout Report) throws(TonghopError) {
    for signing in try ledger.allSignings() {
      let (checked, problems) = SignedFolder.problems(of: signing, in: workspace)
      report.signedFilesChecked += checked
      report.problems += problems
    }
    for folder in try SignedFolder.unrecorded(workspace, ledger: ledger) {
      report.problems.append(
        "\(folder.path): thư mục bản chốt không có trong sổ ghi nhận và không đầy đủ (thiếu chot.csv hoặc danh-sach.csv, hoặc có tệp bị mất, bị sửa); đây không phải một lần chốt: hãy chuyển nó ra khỏi outputs/chot/ rồi chốt lại nếu cần")
    }
  }
}

extension Ledger {
  /// The size of every recorded file.
  func sizesBySHA256() throws(TonghopError) -> [String: Int] {
    try read { db in
      Dictionary(
        try Row.fetchAll(db, sql: "SELECT sha256, size FROM file").map { ($0[0] as String, $0[1] as Int) },
        uniquingKeysWith: { first, _ in first })
    }
  }

  /// Every path each hash was last seen under.
  func pathsBySHA256() throws(TonghopError) -> [String: [String]] {
    try read { db in
      var paths: [String: [String]] = [:]
      for row in try Row.fetchAll(db, sql: "SELECT sha256, path FROM path_seen WHERE sha256 IS NOT NULL ORDER BY path") {
        paths[row[0], default: []].append(row[1])
      }
      return paths
    }
  }
}
