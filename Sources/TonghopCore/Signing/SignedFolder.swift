import Foundation

/// A signed version as it lies on disk, `outputs/chot/<P>/lan-<N>/`: its files, `danh-sach.csv`
/// (each file's SHA-256 and size, then the archive copies of the submissions that count) and
/// `chot.csv` (the signing itself: period, version, number, date, time), so that a folder whose
/// ledger record is missing can be recognised and recorded again, never mistaken or deleted.
struct SignedFolder {
  static let list = "danh-sach.csv"
  static let listHeader = ["tep", "sha256", "byte"]
  static let record = "chot.csv"
  static let recordHeader = ["ky_bao_cao", "lan", "so", "ngay", "thoi_diem"]

  let url: URL
  let workspace: Workspace

  /// `chot.csv` of a signing.
  static func recordText(_ signing: Signing) -> String {
    var writer = CSVWriter(header: recordHeader)
    writer.append([signing.period.code, String(signing.version), signing.number, signing.date.description, signing.signedAt])
    return writer.text
  }

  /// The signing `chot.csv` describes, with the hash of the folder's `danh-sach.csv`.
  func signing() -> Signing? {
    guard let table = try? StageTable.read(url.appendingPathComponent(SignedFolder.record), header: SignedFolder.recordHeader, writtenBy: "sign"),
      table.rows.count == 1, let row = table.rows.first,
      let period = Period(code: row["ky_bao_cao"] ?? ""), let version = Int(row["lan"] ?? ""),
      let date = CalendarDay(iso: row["ngay"] ?? ""),
      let list = try? FileDigest.sha256(ofRegularFile: url.appendingPathComponent(SignedFolder.list).path)
    else { return nil }
    return Signing(
      period: period, version: version, number: row["so"] ?? "", date: date, signedAt: row["thoi_diem"] ?? "", listSHA256: list)
  }

  /// Every file `danh-sach.csv` lists, in the folder or in the archive, against its hash and size:
  /// how many were checked, and one line per problem in the officer's words.
  func check(named name: String) -> (checked: Int, problems: [String]) {
    let list = url.appendingPathComponent(SignedFolder.list)
    let table: StageTable
    do {
      table = try StageTable.read(list, header: SignedFolder.listHeader, writtenBy: "sign")
    } catch {
      return (0, ["\(list.path): không đọc được danh sách tệp của \(name) (\(error.message))"])
    }
    var problems: [String] = []
    let listed = Set(table.rows.compactMap { $0["tep"] })
    for extra in ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted()
    where extra != SignedFolder.list && !listed.contains(extra) {
      problems.append("\(url.appendingPathComponent(extra).path): tệp lạ trong \(name), không có trong danh-sach.csv")
    }
    for row in table.rows {
      let file = row["tep"] ?? ""
      let inFolder = url.appendingPathComponent(file)
      let path = access(inFolder.path, F_OK) == 0 ? inFolder : workspace.archive.appendingPathComponent(file)
      var info = stat()
      guard !file.isEmpty, !file.contains("/"), stat(path.path, &info) == 0 else {
        problems.append("\(url.path): tệp \(file) của \(name) không còn")
        continue
      }
      let digest = try? FileDigest.sha256(ofRegularFile: path.path)
      if digest != row["sha256"] || String(info.st_size) != row["byte"] {
        problems.append("\(path.path): tệp của \(name) đã bị thay đổi so với danh-sach.csv")
      }
    }
    return (table.rows.count, problems)
  }

  /// Everything wrong with a recorded signing's folder: its list no longer hashes as recorded, or a
  /// listed file is missing or altered, or a file was added. Empty when the folder is intact.
  static func problems(of signing: Signing, in workspace: Workspace) -> (checked: Int, problems: [String]) {
    let folder = SignedFolder(url: workspace.signed(signing.period, version: signing.version), workspace: workspace)
    let list = folder.url.appendingPathComponent(SignedFolder.list)
    let name = "bản chốt kỳ \(signing.period.code) lần \(signing.version) (số \(signing.number))"
    guard (try? FileDigest.sha256(ofRegularFile: list.path)) == signing.listSHA256 else {
      return (
        0,
        [
          "\(list.path): danh sách tệp của \(name) bị mất hoặc đã bị thay đổi so với sổ ghi nhận; hãy khôi phục thư mục \(folder.url.path) từ bản sao lưu của máy chủ"
        ]
      )
    }
    return folder.check(named: name)
  }

  /// Records again every complete signed folder the ledger does not know, in order of version: a
  /// signing killed between moving its folder into place and its commit, or signings made after the
  /// backup a lost ledger was restored from. A folder that is not complete is left as it is (`verify`
  /// reports it). Call it only while holding the lock. Returns the signings recorded.
  static func reconcile(_ workspace: Workspace, ledger: Ledger) throws(TonghopError) -> [Signing] {
    let manager = FileManager.default
    guard let periods = try? manager.contentsOfDirectory(atPath: workspace.signed.path) else { return [] }
    var recorded: [Signing] = []
    for code in periods.sorted() {
      guard let period = Period(code: code) else { continue }
      var last = try ledger.signings(of: period).last?.version ?? 0
      while true {
        let folder = SignedFolder(url: workspace.signed(period, version: last + 1), workspace: workspace)
        guard access(folder.url.path, F_OK) == 0, let signing = folder.signing(), signing.period == period,
          signing.version == last + 1, folder.check(named: "").problems.isEmpty
        else { break }
        try ledger.recordSigning(signing) {}
        recorded.append(signing)
        last += 1
      }
    }
    return recorded
  }

  /// Every `lan-<N>` folder on disk that the ledger does not record.
  static func unrecorded(_ workspace: Workspace, ledger: Ledger) throws(TonghopError) -> [URL] {
    let manager = FileManager.default
    guard let periods = try? manager.contentsOfDirectory(atPath: workspace.signed.path) else { return [] }
    let known = Set(try ledger.allSignings().map { "\($0.period.code)/lan-\($0.version)" })
    return periods.sorted().flatMap { period in
      ((try? manager.contentsOfDirectory(atPath: workspace.signed.appendingPathComponent(period).path)) ?? []).sorted()
        .filter { !known.contains("\(period)/\($0)") }
        .map { workspace.signed.appendingPathComponent(period).appendingPathComponent($0) }
    }
  }
}
