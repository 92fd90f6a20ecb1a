import Foundation

/// `tonghop sign`: freezes a period's numbers as they stand in its up-to-date outputs into
/// `outputs/chot/<period>/lan-<N>/`, read-only, recorded in the ledger.
///
/// The folder is built in `outputs/.tmp/` and renamed into place inside the ledger transaction that
/// records it. Killed before the rename, nothing is signed (`outputs/.tmp/` is emptied by the next
/// command); killed between the rename and the commit, the folder is complete and the next command
/// records it (`SignedFolder.reconcile`).
public struct SignStage {  /// The stage files a signed folder keeps, beside the workbooks and the issue list.
  static let stageFiles = [
    StageFile.issues, StageFile.accepted, StageFile.earliest, StageFile.submissions, StageFile.indicators,
    StageFile.areas, StageFile.progress,
  ]

  let pipeline: Pipeline

  public init(_ pipeline: Pipeline) {
    self.pipeline = pipeline
  }

  var workspace: Workspace { pipeline.workspace }

  public func run(_ period: Period, number: String, date: CalendarDay?) throws(TonghopError) -> Signing {
    let number = number.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !number.isEmpty, number.count <= 60, !number.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
      throw TonghopError(.usage, "Hãy ghi số văn bản của báo cáo sau --so, ví dụ --so \"15/BC-SNV\" (tối đa 60 ký tự, trên một dòng).")
    }
    let ledger = try workspace.openLedger()
    _ = try SignedFolder.reconcile(workspace, ledger: ledger)
    let earlier = try ledger.signings(of: period)
    guard access(workspace.staging(period).appendingPathComponent(StageFile.indicators).path, F_OK) == 0 else {
      throw TonghopError(
        .usage, "Kỳ \(period.code) chưa có số liệu tổng hợp: hãy chạy `tonghop run --period \(period.code)`, xem lại báo cáo, rồi chốt số liệu.")
    }
    let digest = try InputFingerprint.digest(workspace, ledger: ledger, period: period)
    guard InputFingerprint.isUpToDate(workspace, digest: digest, period: period, today: pipeline.today, strict: true) else {
      throw TonghopError(
        .usage,
        "Báo cáo kỳ \(period.code) chưa cập nhật: từ lần chạy trước đã có tệp mới hoặc tệp bị rút, danh mục, cấu hình hay chương trình đã thay đổi, hoặc tệp kết quả đã bị sửa. Hãy chạy `tonghop run --period \(period.code)`, xem lại báo cáo, rồi chốt số liệu.")
    }
    let date = date ?? pipeline.today
    try checkSense(period, number: number, date: date, earlier: earlier, all: try ledger.allSignings())
    let signing = Signing(
      period: period, version: (earlier.last?.version ?? 0) + 1, number: number, date: date, signedAt: pipeline.now,
      listSHA256: "")
    let target = workspace.signed(period, version: signing.version)
    guard access(target.path, F_OK) != 0 else {
      throw TonghopError(
        .io,
        "Đã có thư mục \(target.path) nhưng sổ ghi nhận không có lần chốt này và thư mục không đầy đủ (có tệp bị mất hoặc bị sửa). Hãy chạy `tonghop verify` để xem tệp nào, khôi phục thư mục từ bản sao lưu của máy chủ hoặc chuyển nó ra chỗ khác, rồi chốt lại.")
    }

    let folder = workspace.scratch.appendingPathComponent("chot-\(period.code)-lan-\(signing.version)")
    try? FileManager.default.removeItem(at: folder)
    try AtomicFile.makeFolder(folder)
    var data = try ReportData(workspace: workspace, config: pipeline.config, period: period, stamp: signing)
    data.revises = earlier.last
    try ExportStage(workspace: workspace, config: pipeline.config).writeWorkbooks(
      data, province: folder.appendingPathComponent(ExportStage.provinceWorkbook(period)),
      ministry: folder.appendingPathComponent(ExportStage.ministryWorkbook(period)))
    try AtomicFile.write(FeedbackFiles.issueList(data.issues), to: folder.appendingPathComponent(ExportStage.issueList(period)))
    for name in SignStage.stageFiles {
      try AtomicFile.copy(workspace.staging(period).appendingPathComponent(name), to: folder.appendingPathComponent(name), mode: 0o644)
    }
    try AtomicFile.write(SignedFolder.recordText(signing), to: folder.appendingPathComponent(SignedFolder.record))
    CrashPoint.reached("mid-sign")
    let list = try listing(folder, period: period)
    try AtomicFile.write(list, to: folder.appendingPathComponent(SignedFolder.list))
    var recorded = signing
    recorded.listSHA256 = FileDigest.sha256(Array(list.utf8))
    try SignStage.makeReadOnly(folder)
    try AtomicFile.makeFolder(target.deletingLastPathComponent())
    try ledger.recordSigning(recorded) {
      do {
        try AtomicFile.publish(folder, as: target)
      } catch {
        throw TonghopError.io(target.path, .publish, error)
      }
      CrashPoint.reached("signed-uncommitted")
      guard chmod(target.path, 0o555) == 0 else { throw TonghopError.io(target.path, .write, POSIXError.current) }
    }
    return recorded
  }

  /// A signing date within the period's life and in order, a number not used before, and a revision
  /// only when the numbers moved.
  private func checkSense(_ period: Period, number: String, date: CalendarDay, earlier: [Signing], all: [Signing]) throws(TonghopError) {
    let start = pipeline.config.windowStart(of: period)
    guard date <= pipeline.today else {
      throw TonghopError(
        .usage, "Ngày ký \(date.vietnamese) sau ngày hôm nay (\(pipeline.today.vietnamese)); hãy ghi ngày ký thật sau --ngay.")
    }
    guard date >= start else {
      throw TonghopError(.usage, "Ngày ký \(date.vietnamese) trước ngày bắt đầu kỳ \(period.code) (\(start.vietnamese)); hãy ghi ngày ký thật sau --ngay.")
    }
    if let last = earlier.last {
      guard date >= last.date else {
        throw TonghopError(
          .usage,
          "Ngày ký \(date.vietnamese) trước ngày chốt lần \(last.version) (\(last.date.vietnamese), số \(last.number)); báo cáo điều chỉnh phải ký sau báo cáo trước.")
      }
      guard last.differs(from: workspace) else {
        throw TonghopError(
          .usage,
          "Số liệu kỳ \(period.code) không thay đổi so với bản đã chốt lần \(last.version) (số \(last.number), ngày \(last.date.vietnamese)): không cần chốt lại.")
      }
    }
    if let used = all.first(where: { $0.number == number }) {
      throw TonghopError(
        .usage,
        "Số văn bản «\(number)» đã dùng cho lần chốt kỳ \(used.period.code) lần \(used.version) ngày \(used.date.vietnamese); mỗi báo cáo có một số riêng.")
    }
  }

  /// `danh-sach.csv`: every file of the folder, then the archive copy of every submission whose rows
  /// count in these numbers (its path is in the folder's `tep-nop.csv`).
  private func listing(_ folder: URL, period: Period) throws(TonghopError) -> String {
    var writer = CSVWriter(header: SignedFolder.listHeader)
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted { $0.utf8Precedes($1) }
    } catch {
      throw TonghopError.io(folder.path, .list, error)
    }
    for name in names {
      let path = folder.appendingPathComponent(name).path
      writer.append([name, try FileDigest.sha256(of: URL(fileURLWithPath: path)), String(try SignStage.size(path))])
    }
    let submissions = try StageTable.read(
      folder.appendingPathComponent(StageFile.submissions), header: Submission.header, writtenBy: "validate --period \(period.code)")
    for row in submissions.rows where (try submissions.number(row, "dong_tinh") ?? 0) > 0 {
      let archived = workspace.archived(row["sha256"] ?? "", SubmissionKind(path: row["tep"] ?? "") ?? .csv)
      writer.append([archived.lastPathComponent, row["sha256"] ?? "", String(try SignStage.size(archived.path))])
    }
    return writer.text
  }

  private static func size(_ path: String) throws(TonghopError) -> Int {
    var info = stat()
    guard stat(path, &info) == 0 else { throw TonghopError.io(path, .read, POSIXError.current) }
    return Int(info.st_size)
  }

  /// Every file of the folder read-only (the folder itself becomes read-only once in place).
  private static func makeReadOnly(_ folder: URL) throws(TonghopError) {
    for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] {
      let path = folder.appendingPathComponent(name).path
      guard chmod(path, 0o444) == 0 else { throw TonghopError.io(path, .write, POSIXError.current) }
    }
    try AtomicFile.syncFileSystem(of: folder.path)
  }

  /// Records again the complete signed folders the ledger does not know (`SignedFolder.reconcile`).
  public static func reconcile(_ workspace: Workspace, ledger: Ledger) throws(TonghopError) -> [Signing] {
    try SignedFolder.reconcile(workspace, ledger: ledger)
  }
}
