import ArgumentParser
import TonghopCore

/// `--period P` of the single-period stages.
struct PeriodOption: ParsableArguments {
  @Option(help: ArgumentHelp("Reporting period, e.g. 2025-H1 (6 tháng) or 2025-Y (cả năm).", valueName: "period"))
  var period: Period
}

extension TonghopCommand {
  struct Ingest: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Archive and record every new or changed file under inputs/submissions (nhận tệp báo cáo).")

    @OptionGroup var global: GlobalOptions

    func run() throws {
      try global.withLock("ingest") { pipeline, output in
        let summary = try pipeline.ingest(progress: output.progress("ingest"))
        output.say(Report.ingest(summary))
        output.detail(summary.files)
      }
    }
  }

  struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check one period's rows; write the issue list and the accepted rows (kiểm tra).")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var options: PeriodOption

    func run() throws {
      let period = options.period
      try global.withLock("validate \(period)") { pipeline, output in
        output.say(Report.validate(period, try pipeline.validate(period, progress: output.progress("validate \(period)"))))
      }
    }
  }

  struct Rollup: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Aggregate one period up the hierarchy: indicators, totals, completeness (tổng hợp chỉ tiêu).")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var options: PeriodOption
    @Option(
      name: .customLong("theo-ngay"),
      help: ArgumentHelp(
        "Restate the period on the areas of this later date YYYY-MM-DD (theo địa bàn ngày), into chi-tieu-theo-<date>.csv.",
        valueName: "date"))
    var restatedOn: String?

    func validate() throws {
      if let restatedOn, CalendarDay(iso: restatedOn).map(CalendarDay.runDates.contains) != true {
        throw ValidationError("--theo-ngay phải là một ngày dạng YYYY-MM-DD từ 2000-01-01 đến 2099-12-31; đã nhận \"\(restatedOn)\"")
      }
    }

    func run() throws {
      let period = options.period
      let date = restatedOn.flatMap(CalendarDay.init(iso:))
      try global.withLock("rollup \(period)") { pipeline, output in
        output.say(Report.rollup(period, try pipeline.rollup(period, restatedOn: date), restatedOn: date))
      }
    }
  }

  struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write one period's workbooks, issue list and feedback files under outputs/reports (xuất báo cáo), or the review workbook of several years.")

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Reporting period, e.g. 2025-H1 (6 tháng) or 2025-Y (cả năm).", valueName: "period"))
    var period: Period?
    @Option(
      name: .customLong("xu-huong"),
      help: ArgumentHelp(
        "Review workbook (xu hướng) of the annual reports from one year to another, e.g. 2022-Y..2025-Y.", valueName: "range"))
    var trend: String?

    static func years(_ text: String) -> ClosedRange<Int>? {
      let ends = text.components(separatedBy: "..").compactMap { Period(code: $0) }
      guard ends.count == 2, ends.allSatisfy({ $0.kind == .year }), ends[0].year <= ends[1].year else { return nil }
      return ends[0].year...ends[1].year
    }

    func validate() throws {
      guard (period == nil) != (trend == nil) else {
        throw ValidationError("give either --period P or --xu-huong FIRST-Y..LAST-Y")
      }
      if let trend, Export.years(trend) == nil {
        throw ValidationError("--xu-huong must be two annual periods, e.g. 2022-Y..2025-Y; got \"\(trend)\"")
      }
    }

    func run() throws {
      if let period {
        try global.withLock("export \(period)") { pipeline, output in
          output.say(Report.export(period, try pipeline.export(period)))
        }
      } else if let trend, let years = Export.years(trend) {
        try global.withLock("export --xu-huong \(trend)") { pipeline, output in
          output.say("export \(trend):\n  \(try pipeline.trend(years))")
        }
      }
    }
  }

  struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Run all four stages for each period (default: the periods open today).")

    @OptionGroup var global: GlobalOptions
    @Option(
      parsing: .upToNextOption,
      help: ArgumentHelp("Reporting periods, e.g. 2024-H1 2024-Y (default: the periods open on the run date).", valueName: "period"))
    var period: [Period] = []

    func run() throws {
      try global.withLock((["run"] + period.map(\.code)).joined(separator: " ")) { pipeline, output in
        let ingested = try pipeline.ingest(progress: output.progress("ingest"))
        output.say(Report.ingest(ingested))
        output.detail(ingested.files)
        let periods = period.isEmpty ? pipeline.openPeriods : period
        if periods.isEmpty { output.say("No period is open on \(pipeline.today); name one with --period.") }
        for period in periods {
          switch try pipeline.run(period, progress: output.progress("validate \(period)")) {
          case .done(let validated, let rolledUp, let exported):
            output.say(Report.validate(period, validated))
            output.say(Report.rollup(period, rolledUp))
            output.say(Report.export(period, exported))
          case .upToDate:
            output.say("\(period): nothing changed since the last run; its outputs are kept as they are")
          }
        }
      }
    }
  }

  struct Template: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write blank report templates (mẫu báo cáo) per unit type, as CSV and Excel, under outputs/reports/<period>/mau.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var options: PeriodOption
    @Option(help: ArgumentHelp("Only this unit type: xa, huyen, truong, so_nganh or bao_chi.", valueName: "loai"))
    var loai: String?

    func validate() throws {
      if let loai, UnitType(rawValue: loai)?.reports != true {
        throw ValidationError("--loai must be one of xa, huyen, truong, so_nganh, bao_chi; got \"\(loai)\"")
      }
    }

    func run() throws {
      let types = loai.flatMap(UnitType.init(rawValue:)).map { [$0] } ?? UnitType.reporting
      let period = options.period
      try global.withLock("template \(period)") { pipeline, output in
        let files = try pipeline.templates(period, types: types)
        output.say((["template \(period):"] + files.map { "  \($0)" }).joined(separator: "\n"))
      }
    }
  }

  struct Withdraw: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Withdraw a submitted file (rút báo cáo): its rows stop counting from the next run; nothing is deleted.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The file's path under inputs/submissions, or the start of its SHA-256 (8 characters at least).", valueName: "file"))
    var file: String
    @Option(name: .customLong("ly-do"), help: ArgumentHelp("Why it is withdrawn (lý do), kept in the ledger.", valueName: "text"))
    var reason: String

    func run() throws {
      try global.withLock("withdraw \(file)") { pipeline, output in
        let workspace = pipeline.workspace
        let path = try workspace.openLedger().withdraw(
          file, paths: workspace.dropZonePaths(for: file), reason: reason, at: pipeline.now)
        output.sayItem("Đã rút báo cáo \(path) (lý do: \(reason.trimmingCharacters(in: .whitespacesAndNewlines))); hãy chạy lại các kỳ có trong tệp này để cập nhật báo cáo.")
      }
    }
  }
}
