import Foundation

/// Stage 2: checks the period's rows and writes `kiem-tra.csv`, `hop-le.csv` and `lan-nop-dau.csv`.
public struct ValidateStage {
  public struct Summary: Sendable, Equatable {
    public var rows = 0
    public var accepted = 0
    public var rejected = 0
    public var issues = 0
    /// Rows dated after the run date (`D05`): the only way the run date changes the outcome.
    public var datedAfterToday = 0
  }

  public struct Outcome: Sendable {
    public var issues: [Finding]
    /// The current row of every unit.
    public var current: [AcceptedRow]
    /// The earliest accepted row of every unit (timeliness).
    public var earliest: [AcceptedRow]
    /// Every accepted row, superseded ones included.
    public var accepted: [AcceptedRow]
    public var summary: Summary
  }

  public static let earliestHeader = ["ma_don_vi", "ky_bao_cao", "ngay_lap", "tep", "dong"]

  let workspace: Workspace
  let ledger: Ledger
  let registry: Registry
  let config: Config
  let today: CalendarDay

  public init(workspace: Workspace, ledger: Ledger, registry: Registry, config: Config, today: CalendarDay) {
    self.workspace = workspace
    self.ledger = ledger
    self.registry = registry
    self.config = config
    self.today = today
  }

  public func run(_ period: Period, progress: Pipeline.Progress? = nil) throws(TonghopError) -> Summary {
    let outcome = try check(period, progress: progress)
    let folder = workspace.staging(period)
    var issues = CSVWriter(header: Finding.header)
    Finding.sortedForOutput(outcome.issues).forEach { issues.append($0.fields) }
    var accepted = CSVWriter(header: AcceptedRow.header)
    outcome.current.forEach { accepted.append($0.fields) }
    var earliest = CSVWriter(header: ValidateStage.earliestHeader)
    outcome.earliest.forEach { earliest.append(Array($0.fields.prefix(5))) }
    try AtomicFile.write(accepted.bytes, to: folder.appendingPathComponent(StageFile.accepted))
    CrashPoint.reached("mid-validate")
    try AtomicFile.write(earliest.bytes, to: folder.appendingPathComponent(StageFile.earliest))
    try AtomicFile.write(issues.bytes, to: folder.appendingPathComponent(StageFile.issues))
    return outcome.summary
  }

  public func check(_ period: Period, progress: Pipeline.Progress? = nil) throws(TonghopError) -> Outcome {
    let validator = RowValidator(registry: registry, config: config, today: today, period: period)
    var issues: [Finding] = []
    var accepted: [AcceptedRow] = []
    var summary = Summary()

    for entry in try ledger.unreadEntries() {
      issues.append(fileIssue(entry.path, entry.code, entry.code == .T09 ? Message.ignoredFile() : Message.notRead(entry.reason)))
    }
    var filesDone = 0
    var headers: [[String]: HeaderCheck] = [:]
    try ledger.forEachFile { file, rows, count in
      progress?(filesDone, count, summary.rows)
      filesDone += 1
      guard file.status != .received, !file.withdrawn else { return }
      if let code = file.errorCode.flatMap(IssueCode.init(rawValue:)) {
        issues.append(fileIssue(file.path, code, fileErrorMessage(code, file)))
        return
      }
      // Files of one template share their header: checked once.
      let header = headers[file.header] ?? HeaderCheck(header: file.header)
      headers[file.header] = header
      if let error = header.error {
        issues.append(fileIssue(file.path, error.code, error.message))
        return
      }
      var results: [RowValidator.Result] = []
      var anyReadablePeriod = false
      for row in rows {
        let input = RowValidator.Input(file: file.path, fileID: file.id, line: row.line, cells: row.cells, header: header)
        let rowPeriod = Period.parse(input.cell("ky_bao_cao"))
        if rowPeriod != nil { anyReadablePeriod = true }
        if let rowPeriod, rowPeriod != period { continue }
        results.append(validator.validate(input))
      }
      markDuplicates(&results, period: period)
      if !results.isEmpty || !anyReadablePeriod {
        if let encoding = file.encoding.flatMap(TextDecoding.Encoding.init(rawValue:)), encoding.isConverted {
          issues.append(fileIssue(file.path, .T07, Message.converted(from: encoding.rawValue)))
        }
        for column in header.unknown {
          issues.append(fileIssue(file.path, .T08, Message.unknownColumn(column)))
        }
      }
      for result in results {
        summary.rows += 1
        if result.datedAfterToday { summary.datedAfterToday += 1 }
        issues += result.issues
        if let row = result.accepted {
          accepted.append(row)
          summary.accepted += 1
        } else {
          summary.rejected += 1
        }
      }
    }

    progress?(filesDone, filesDone, summary.rows)
    if period.kind == .year {
      let firstHalf = try check(Period(year: period.year, kind: .firstHalf))
      issues += cumulativeCheck(accepted, firstHalf: firstHalf.current)
      // The first half's rows dated after the run date change what this check compares with.
      summary.datedAfterToday += firstHalf.summary.datedAfterToday
    }
    let byUnit = Dictionary(grouping: accepted, by: \.unit)
    var current: [AcceptedRow] = []
    var earliest: [AcceptedRow] = []
    // In order of the codes: the codes are sorted, not the rows (moving a row costs more).
    for unit in byUnit.keys.sorted(by: { $0.utf8Precedes($1) }) {
      let rows = byUnit[unit]!
      let winner = rows.reduce(rows[0]) { $1.supersedes($0) ? $1 : $0 }
      current.append(winner)
      earliest.append(rows.reduce(rows[0]) { $0.supersedes($1) ? $1 : $0 })
      for row in rows where row != winner {
        issues.append(
          Finding(
            file: row.file, line: row.line, column: "", unit: row.unit, period: period.code, code: .D16,
            message: Message.superseded(by: winner.file, line: winner.line)))
      }
    }
    summary.issues = issues.count
    return Outcome(issues: issues, current: current, earliest: earliest, accepted: accepted, summary: summary)
  }

  /// `D15`: an annual count smaller than the unit's accepted 6-month value (annual figures are cumulative).
  private func cumulativeCheck(_ rows: [AcceptedRow], firstHalf: [AcceptedRow]) -> [Finding] {
    let earlier = Dictionary(firstHalf.map { ($0.unit, $0.values) }, uniquingKeysWith: { a, _ in a })
    var issues: [Finding] = []
    for row in rows {
      guard let before = earlier[row.unit] else { continue }
      for (position, element) in DataDictionary.elements.enumerated() where element.kind == .count && !element.isState {
        guard let year = Int64(row.values[position]), let half = Int64(before[position]), year < half
        else { continue }
        issues.append(
          Finding(
            file: row.file, line: row.line, column: element.code, unit: row.unit, period: row.period.code, code: .D15,
            message: Message.smallerThanFirstHalf(element.code, year: year, firstHalf: half)))
      }
    }
    return issues
  }

  /// `D12`: every row of a unit that appears twice for the period in one file is rejected.
  private func markDuplicates(_ results: inout [RowValidator.Result], period: Period) {
    guard results.count > 1 else { return }
    let keyed = results.indices.filter { results[$0].rowPeriod != nil && !results[$0].unit.isEmpty }
    let groups = Dictionary(grouping: keyed) { results[$0].unit }
    for (unit, indices) in groups where indices.count > 1 {
      let lines = indices.map { results[$0].line }.sorted()
      for index in indices {
        results[index].accepted = nil
        results[index].issues.append(
          Finding(
            file: results[index].file, line: results[index].line, column: "ma_don_vi", unit: unit,
            period: period.code, code: .D12, message: Message.duplicateInFile(unit, period.code, lines: lines)))
      }
    }
  }

  private func fileIssue(_ path: String, _ code: IssueCode, _ message: String) -> Finding {
    Finding(file: path, line: nil, column: "", unit: "", period: "", code: code, message: message)
  }

  private func fileErrorMessage(_ code: IssueCode, _ file: SubmittedFile) -> String {
    switch code {
    case .T01: Message.undecodable(file.errorDetail)
    case .T06: Message.tooLarge(limit: Int(file.errorDetail ?? "") ?? config.maxFileBytes)
    case .T05: Message.malformed(line: file.errorLine ?? 1)
    default: Message.empty()
    }
  }
}

/// The names of the stage files in `outputs/staging/<period>/`.
public enum StageFile {
  public static let issues = "kiem-tra.csv"
  public static let accepted = "hop-le.csv"
  /// Not in outputs.md: the earliest accepted row of every unit, which timeliness needs.
  public static let earliest = "lan-nop-dau.csv"
  public static let indicators = "chi-tieu.csv"
  public static let progress = "tien-do.csv"
  /// Not in outputs.md: the nodes rollup aggregated with their names (the province, then the areas),
  /// so that export and `status` never read the registry.
  public static let areas = "dia-ban.csv"
  /// The indicators restated on the areas of a later date (`rollup --theo-ngay`).
  public static func restatedIndicators(_ date: CalendarDay) -> String { "chi-tieu-theo-\(date).csv" }
}
