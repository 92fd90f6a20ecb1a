import Foundation

/// Stage 4: the workbooks and the issue list under `outputs/reports/<period>/`.
public struct ExportStage {
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

  public func run(_ period: Period) throws(TonghopError) -> Summary {
    let data = try ReportData(workspace: workspace, config: config, period: period)
    let folder = workspace.reports(period)
    let title = "Báo cáo kết quả thực hiện Kế hoạch truyền thông về bình đẳng giới – \(period.code)"
    let properties = DocumentProperties(title: title, author: data.bodies.issuer, created: config.referenceDate(of: period))

    let province = folder.appendingPathComponent(ExportStage.provinceWorkbook(period))
    let ministry = folder.appendingPathComponent(ExportStage.ministryWorkbook(period))
    let issues = folder.appendingPathComponent(ExportStage.issueList(period))
    let constantMemoryRows = constantMemoryRows
    let issueRowLimit = issueRowLimit
    let scratch = workspace.scratch
    // The workbooks and the issue files share nothing but the data: written side by side.
    let feedback = try Parallel.map(2) { part throws(TonghopError) -> Int in
      guard part == 0 else {
        try AtomicFile.write(FeedbackFiles.issueList(data.issues), to: issues, scratch: scratch)
        let files = FeedbackFiles.perUnit(data.issues)
        try AtomicFile.replaceFolder(folder.appendingPathComponent(FeedbackFiles.folder), with: files, scratch: scratch)
        return files.count
      }
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
      return 0
    }[1]
    return Summary(
      files: [province.path, ministry.path, issues.path],
      feedback: feedback)
  }
}
