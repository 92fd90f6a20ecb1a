import Foundation

/// Stage 4: the workbooks and the issue list under `outputs/reports/<period>/`.
public struct ExportStage: Sendable {
  public struct Summary: Sendable, Equatable {
    public var files: [String] = []
    /// Units that get a feedback file.
    public var feedback = 0
  }

  let workspace: Workspace
  let config: Config

  /// Export reads the staging files and the config, never the registry.
  public init(workspace: Workspace, config: Config) {
    self.workspace = workspace
    self.config = config
  }

  /// Above this many rows in a detail sheet, the province workbook is written in constant memory.
  var constantMemoryRows = 10_000
  /// The most rows the `Kiểm tra` sheet shows (`KiemTra-<period>.csv` holds them all).
  var issueRowLimit = ListSheet.issueRowLimit

  public static func provinceWorkbook(_ period: Period) -> String { "BaoCao-BDG-\(period.code)-Tinh.xlsx" }
  public static func ministryWorkbook(_ period: Period) -> String { "BaoCao-BDG-\(period.code)-Bo.xlsx" }
  public static func issueList(_ period: Period) -> String { "KiemTra-\(period.code).csv" }
  public static func issueWorkbook(_ period: Period) -> String { "KiemTra-\(period.code).xlsx" }

  /// With `signed`, the period's latest signing: the working `Tổng hợp` says how it compares, and
  /// `DoiChieu-<P>.xlsx` shows the differences (removed when there are none).
  public func run(_ period: Period, signed: Signing? = nil) throws(TonghopError) -> Summary {
    var data = try ReportData(workspace: workspace, config: config, period: period)
    // A damaged signed folder is reported, never compared with, and never stops the working version.
    var compared: Comparison?
    if let signed {
      if signed.isIntact(in: workspace) {
        compared = try Comparison(workspace: workspace, signing: signed, working: data)
        data.signedNote = compared?.note
      } else {
        data.signedNote =
          "Số liệu đã chốt \(signed.versionWords)ngày \(signed.date.vietnamese) (số \(signed.number)); thư mục bản đã chốt outputs/chot/\(period.code)/lan-\(signed.version) bị mất hoặc bị sửa, không đối chiếu được: hãy chạy `tonghop verify`."
      }
    }
    let comparison = compared
    let folder = workspace.reports(period)
    let province = folder.appendingPathComponent(ExportStage.provinceWorkbook(period))
    let ministry = folder.appendingPathComponent(ExportStage.ministryWorkbook(period))
    let issues = folder.appendingPathComponent(ExportStage.issueList(period))
    let differences = folder.appendingPathComponent(Comparison.fileName(period))
    let scratch = workspace.scratch
    let report = data
    // The workbooks and the issue files share nothing but the data: written side by side.
    let issueBook = folder.appendingPathComponent(ExportStage.issueWorkbook(period))
    let feedback = try Parallel.map(2) { part throws(TonghopError) -> Int in
      guard part == 0 else {
        try AtomicFile.write(FeedbackFiles.issueList(report.issues), to: issues, scratch: scratch)
        return 0
      }
      try writeWorkbooks(report, province: province, ministry: ministry)
      // libxlsxwriter stays on this thread: the issue workbook and the units' workbooks come next.
      try XLSXWorkbook.write(to: issueBook, scratch: scratch, properties: properties(report)) { book throws(TonghopError) in
        try ListSheet.issues(report, limit: issueRowLimit).write(into: book)
      }
      let units = FeedbackFiles.perUnit(report.issues)
      var files: [String: Data] = [:]
      for (unit, rows) in units {
        files["\(unit).csv"] = Data(FeedbackFiles.issueList(rows).utf8)
        files["\(unit).xlsx"] = try FeedbackFiles.workbook(rows, unit: unit, report: report, scratch: scratch)
      }
      try AtomicFile.replaceFolder(folder.appendingPathComponent(FeedbackFiles.folder), with: files, scratch: scratch)
      if let comparison, !comparison.indicators.isEmpty {
        try ComparisonWorkbook(comparison: comparison, data: report).write(
          to: differences, scratch: scratch, properties: properties(report))
      } else if unlink(differences.path) == 0 {
        try? AtomicFile.sync(folder.path, isFolder: true)
      }
      return units.count
    }[0]
    let written = access(differences.path, F_OK) == 0 ? [differences.path] : []
    return Summary(files: [province.path, ministry.path, issues.path, issueBook.path] + written, feedback: feedback)
  }

  private func properties(_ data: ReportData) -> DocumentProperties {
    let title = "Báo cáo kết quả thực hiện Kế hoạch truyền thông về bình đẳng giới – \(data.period.code)"
    return DocumentProperties(title: title, author: data.bodies.issuer, created: config.referenceDate(of: data.period))
  }

  /// The province's and the ministry's workbooks of `data` (the working version, or a signed copy
  /// when `data` carries a stamp).
  func writeWorkbooks(_ data: ReportData, province: URL, ministry: URL) throws(TonghopError) {
    let properties = properties(data)
    let scratch = workspace.scratch
    let details = UnitSheet.all(data)
    // The issue sheet counts too: a 50 MiB file of junk rows gives as many issue rows.
    let large = max(details.map(\.units.count).max() ?? 0, min(data.issues.count, issueRowLimit)) > constantMemoryRows
    try XLSXWorkbook.write(to: province, scratch: scratch, properties: properties, constantMemory: large) { book throws(TonghopError) in
      try SummarySheet(data: data, recipient: "Ủy ban nhân dân tỉnh \(data.provinceName)").write(into: book)
      try AreaSheet(data: data).write(into: book)
      for sheet in details { try sheet.write(into: book) }
      try ProgressSheet(data: data, listUnits: true).write(into: book)
      try ListSheet.issues(data, limit: issueRowLimit).write(into: book)
    }
    CrashPoint.reached("mid-export")
    try XLSXWorkbook.write(to: ministry, scratch: scratch, properties: properties) { book throws(TonghopError) in
      try SummarySheet(data: data, recipient: data.bodies.ministry).write(into: book)
      try AreaSheet(data: data).write(into: book)
      try ProgressSheet(data: data, listUnits: false).write(into: book)
    }
  }
}
