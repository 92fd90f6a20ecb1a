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
    /// The files carrying rows of the period, withdrawn ones included.
    public var submissions: [Submission]
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
    var submissions = CSVWriter(header: Submission.header)
    Submission.sorted(outcome.submissions).forEach { submissions.append($0.fields) }
    try AtomicFile.write(submissions.bytes, to: folder.appendingPathComponent(StageFile.submissions))
    return outcome.summary
  }

  public func check(_ period: Period, progress: Pipeline.Progress? = nil) throws(TonghopError) -> Outcome {
    // One pass over the ledger reads the period and the periods its checks compare with: the first
    // half of the same year (`D15`) and the same kind of report a year earlier (`D20`).
    let firstHalf = period.kind == .year ? Period(year: period.year, kind: .firstHalf) : nil
    let yearBefore = Period(year: period.year - 1, kind: period.kind)
    let passes = try read([period, yearBefore] + (firstHalf.map { [$0] } ?? []), progress: progress)
    var main = passes[0]
    let (current, earliest, superseded) = ValidateStage.currentRows(main.accepted, period: period)
    main.issues += superseded
    // Rows dated after the run date in the other periods change what these checks compare with.
    for other in passes.dropFirst() { main.summary.datedAfterToday += other.summary.datedAfterToday }
    if let firstHalf, let pass = passes.last {
      main.issues += cumulativeCheck(main.accepted, firstHalf: ValidateStage.currentRows(pass.accepted, period: firstHalf).current)
    }
    let reference = config.referenceDate(of: period)
    main.issues += UnusualValues(
      current: current, yearBefore: ValidateStage.currentRows(passes[1].accepted, period: yearBefore).current,
      yearBeforePeriod: yearBefore, typeOf: { registry.unit($0, on: reference)?.type }
    ).findings(main.accepted, current: current)
    main.summary.issues = main.issues.count
    let counting = Dictionary(grouping: current, by: \.fileID).mapValues(\.count)
    let submissions = main.submissions.map { entry in
      var entry = entry
      entry.counting = counting[entry.file.id] ?? 0
      return entry
    }
    return Outcome(
      issues: main.issues, current: current, earliest: earliest, accepted: main.accepted, submissions: submissions,
      summary: main.summary)
  }

  /// What one pass over the ledger found for one period.
  private struct Pass {
    var issues: [Finding] = []
    var accepted: [AcceptedRow] = []
    var summary = Summary()
    /// The files carrying rows of the period (first period only).
    var submissions: [Submission] = []
  }

  /// Validates the rows of `periods` in one pass over the ledger. The first period is the one being
  /// validated: it alone gets the file-level issues and the rows whose period cannot be read.
  private func read(_ periods: [Period], progress: Pipeline.Progress?) throws(TonghopError) -> [Pass] {
    let validators = periods.map { RowValidator(registry: registry, config: config, today: today, period: $0) }
    let slot = Dictionary(periods.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    var passes = [Pass](repeating: Pass(), count: periods.count)

    for entry in try ledger.unreadEntries() {
      passes[0].issues.append(
        fileIssue(entry.path, entry.code, entry.code == .T09 ? Message.ignoredFile() : Message.notRead(entry.reason)))
    }
    var filesDone = 0
    var headers: [[String]: HeaderCheck] = [:]
    try ledger.forEachFile { file, rows, count in
      progress?(filesDone, count, passes[0].summary.rows)
      filesDone += 1
      guard file.status != .received else { return }
      if let code = file.errorCode.flatMap(IssueCode.init(rawValue:)) {
        if !file.withdrawn { passes[0].issues.append(fileIssue(file.path, code, fileErrorMessage(code, file))) }
        return
      }
      // Files of one template share their header: checked once.
      let header = headers[file.header] ?? HeaderCheck(header: file.header)
      headers[file.header] = header
      if let error = header.error {
        if !file.withdrawn { passes[0].issues.append(fileIssue(file.path, error.code, error.message)) }
        return
      }
      func input(_ row: SubmittedRow) -> RowValidator.Input {
        RowValidator.Input(
          file: file.path, fileID: file.id, line: row.line, cells: row.cells, header: header, notes: row.notes,
          workbook: file.encoding == SubmissionReader.workbookEncoding)
      }
      // A withdrawn file's rows count nowhere; it is only listed among the files of its periods.
      guard !file.withdrawn else {
        let ofPeriod = rows.count { Period.parse(input($0).cell("ky_bao_cao")) == periods[0] }
        if ofPeriod > 0 { passes[0].submissions.append(Submission(file: file, rows: ofPeriod)) }
        return
      }
      var results = [[RowValidator.Result]](repeating: [], count: periods.count)
      var anyReadablePeriod = false
      for row in rows {
        let input = input(row)
        let rowPeriod = Period.parse(input.cell("ky_bao_cao"))
        if rowPeriod != nil { anyReadablePeriod = true }
        guard let index = rowPeriod.map({ slot[$0] }) ?? 0 else { continue }
        results[index].append(validators[index].validate(input))
      }
      if !results[0].isEmpty { passes[0].submissions.append(Submission(file: file, rows: results[0].count)) }
      for index in periods.indices { markDuplicates(&results[index], period: periods[index]) }
      if !results[0].isEmpty || !anyReadablePeriod {
        if let encoding = file.encoding.flatMap(TextDecoding.Encoding.init(rawValue:)), encoding.isConverted {
          passes[0].issues.append(fileIssue(file.path, .T07, Message.converted(from: encoding.rawValue)))
        }
        for column in header.unknown {
          passes[0].issues.append(fileIssue(file.path, .T08, Message.unknownColumn(column)))
        }
      }
      for index in periods.indices {
        for result in results[index] {
          passes[index].summary.rows += 1
          if result.datedAfterToday { passes[index].summary.datedAfterToday += 1 }
          passes[index].issues += result.issues
          if let row = result.accepted {
            passes[index].accepted.append(row)
            passes[index].summary.accepted += 1
          } else {
            passes[index].summary.rejected += 1
          }
        }
      }
    }
    progress?(filesDone, filesDone, passes[0].summary.rows)
    return passes
  }

  /// The current (superseding) and the earliest accepted row of every unit, in order of the codes,
  /// and a `D16` for every other row.
  static func currentRows(_ accepted: [AcceptedRow], period: Period) -> (current: [AcceptedRow], earliest: [AcceptedRow], superseded: [Finding]) {
    let byUnit = Dictionary(grouping: accepted, by: \.unit)
    var current: [AcceptedRow] = []
    var earliest: [AcceptedRow] = []
    var superseded: [Finding] = []
    // In order of the codes: the codes are sorted, not the rows (moving a row costs more).
    for unit in byUnit.keys.sorted(by: { $0.utf8Precedes($1) }) {
      let rows = byUnit[unit]!
      let winner = rows.reduce(rows[0]) { $1.supersedes($0) ? $1 : $0 }
      current.append(winner)
      earliest.append(rows.reduce(rows[0]) { $0.supersedes($1) ? $1 : $0 })
      for row in rows where row != winner {
        superseded.append(
          Finding(
            file: row.file, line: row.line, column: "", unit: row.unit, period: period.code, code: .D16,
            message: Message.superseded(by: winner.file, line: winner.line)))
      }
    }
    return (current, earliest, superseded)
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
  /// Not in outputs.md: the files carrying rows of the period, withdrawn ones included, with their
  /// hash and how many of their rows count (what a signing lists and a comparison reports).
  public static let submissions = "tep-nop.csv"
  /// The indicators restated on the areas of a later date (`rollup --theo-ngay`).
  public static func restatedIndicators(_ date: CalendarDay) -> String { "chi-tieu-theo-\(date).csv" }
}
