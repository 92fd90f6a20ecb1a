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
      try global.withLock { pipeline in
        let summary = try pipeline.ingest()
        global.say(Report.ingest(summary))
        global.detail(summary.files)
      }
    }
  }

  struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check one period's rows; write the issue list and the accepted rows (kiểm tra).")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var options: PeriodOption

    func run() throws {
      try global.withLock { global.say(Report.validate(options.period, try $0.validate(options.period))) }
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
      if let restatedOn, CalendarDay(iso: restatedOn) == nil {
        throw ValidationError("--theo-ngay must be a date YYYY-MM-DD, got \"\(restatedOn)\"")
      }
    }

    func run() throws {
      let date = restatedOn.flatMap(CalendarDay.init(iso:))
      try global.withLock { pipeline in
        global.say(Report.rollup(options.period, try pipeline.rollup(options.period, restatedOn: date), restatedOn: date))
      }
    }
  }

  struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write one period's workbooks and issue list under outputs/reports (xuất báo cáo).")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var options: PeriodOption

    func run() throws {
      try global.withLock { global.say(Report.export(options.period, try $0.export(options.period))) }
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
      try global.withLock { pipeline in
        let ingested = try pipeline.ingest()
        global.say(Report.ingest(ingested))
        global.detail(ingested.files)
        let periods = period.isEmpty ? pipeline.openPeriods : period
        if periods.isEmpty { global.say("No period is open on \(pipeline.today); name one with --period.") }
        for period in periods {
          global.say(Report.validate(period, try pipeline.validate(period)))
          global.say(Report.rollup(period, try pipeline.rollup(period)))
          global.say(Report.export(period, try pipeline.export(period)))
        }
      }
    }
  }
}

extension TonghopCommand {
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
      try global.withLock { pipeline in
        let files = try pipeline.templates(options.period, types: types)
        global.say((["template \(options.period):"] + files.map { "  \($0)" }).joined(separator: "\n"))
      }
    }
  }
}
