import Foundation

/// The four stages over one workspace, as the commands run them.
public struct Pipeline {
  public static let version = "0.4.0"

  /// Files done, files in all, rows read so far.
  public typealias Progress = (Int, Int, Int) -> Void

  public let workspace: Workspace
  public let config: Config
  public let today: CalendarDay
  /// The time recorded in the ledger for files first seen in this run.
  public let now: String

  public init(root: URL, today: CalendarDay?, config: Config = .standard) {
    self.workspace = Workspace(root: root)
    self.config = config
    self.today = today ?? .today(in: config.timeZone)
    self.now = ISO8601DateFormatter().string(from: Date())
  }

  /// The pipeline of a project folder, with the settings of its `inputs/config.toml`.
  public static func load(root: URL, today: CalendarDay?) throws(TonghopError) -> Pipeline {
    Pipeline(root: root, today: today, config: try Workspace(root: root).loadConfig())
  }

  /// The registry is read afresh for every command (once for the three stages of `run`): an edit
  /// between two commands is always seen.
  func context() throws(TonghopError) -> StageContext {
    StageContext(workspace: workspace, registry: try workspace.loadRegistry(), config: config)
  }

  /// `progress(done, total, rows)` is called as files are read.
  public func ingest(progress: Progress? = nil) throws(TonghopError) -> IngestStage.Summary {
    try IngestStage(workspace: workspace, ledger: try workspace.openLedger(), config: config, now: now).run(progress: progress)
  }

  public func validate(_ period: Period, progress: Progress? = nil) throws(TonghopError) -> ValidateStage.Summary {
    let stage = ValidateStage(
      workspace: workspace, ledger: try workspace.openLedger(), registry: try workspace.loadRegistry(), config: config,
      today: today)
    return try stage.run(period, progress: progress)
  }

  public func rollup(_ period: Period, restatedOn: CalendarDay? = nil) throws(TonghopError) -> RollupStage.Summary {
    try RollupStage(try context())
      .run(period, restatedOn: restatedOn)
  }

  public func export(_ period: Period) throws(TonghopError) -> ExportStage.Summary {
    try ExportStage(workspace: workspace, config: config).run(period, signed: try workspace.openLedger().signings(of: period).last)
  }

  /// What `run` did for one period.
  public enum PeriodRun: Sendable {
    case done(ValidateStage.Summary, RollupStage.Summary, ExportStage.Summary)
    /// Nothing it reads changed since the complete run whose fingerprint is saved: outputs kept.
    case upToDate
  }

  /// Validate, rollup and export of one period, or nothing when its outputs are up to date.
  public func run(_ period: Period, progress: Progress? = nil) throws(TonghopError) -> PeriodRun {
    let ledger = try workspace.openLedger()
    let digest = try InputFingerprint.digest(workspace, ledger: ledger, period: period)
    if InputFingerprint.isUpToDate(workspace, digest: digest, period: period, today: today) { return .upToDate }
    let context = try context()
    let validated = try ValidateStage(
      workspace: workspace, ledger: ledger, registry: context.registry, config: config, today: today
    ).run(period, progress: progress)
    let rolledUp = try RollupStage(context).run(period)
    let exported = try ExportStage(workspace: workspace, config: config).run(period, signed: try ledger.signings(of: period).last)
    try InputFingerprint.current(
      workspace, digest: digest, period: period, today: today, datedAfterToday: validated.datedAfterToday
    ).save(in: workspace, period: period)
    return .done(validated, rolledUp, exported)
  }

  /// Signs the period's numbers (`outputs/chot/<P>/lan-<N>/`) when a run now would change nothing,
  /// then brings its working version up to
  /// date (its `Tổng hợp` now says how it compares with the signed one).
  public func sign(_ period: Period, number: String, date: CalendarDay?) throws(TonghopError) -> Signing {
    // A file waiting in the drop zone would change the numbers: recorded first, it makes the
    // outputs out of date and the signing is refused, saying that the file was taken in.
    let ingested = try ingest()
    let signing: Signing
    do {
      signing = try SignStage(self).run(period, number: number, date: date)
    } catch where ingested.newFiles > 0 && error.kind == .usage {
      throw TonghopError(
        .usage,
        "\(error.message) (Lệnh này vừa nhận \(ingested.newFiles) tệp mới từ thư mục nhận vào sổ; lần chạy sau sẽ kiểm tra và tổng hợp chúng, dù không báo là tệp mới nữa.)")
    }
    _ = try run(period)
    return signing
  }

  /// The review workbook of the annual reports of `years`; returns its path.
  public func trend(_ years: ClosedRange<Int>) throws(TonghopError) -> String {
    try TrendWorkbook(try context()).write(years)
  }

  public func templates(_ period: Period, types: [UnitType]) throws(TonghopError) -> [String] {
    try TemplateWriter(try context()).write(period, types: types)
  }

  /// The periods whose reports are being collected on `today`: from the window's start until
  /// `openDaysAfterDeadline` days after the deadline.
  public var openPeriods: [Period] {
    [today.year - 1, today.year].flatMap { year in
      [Period(year: year, kind: .firstHalf), Period(year: year, kind: .year)]
    }.filter { period in
      config.windowStart(of: period) <= today && today <= config.deadline(of: period).adding(days: config.openDaysAfterDeadline)
    }
  }
}
