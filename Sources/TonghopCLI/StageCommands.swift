import ArgumentParser
import TonghopCore

extension TonghopCommand {
  struct Ingest: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Archive and record every new or changed file under inputs/submissions (nhận tệp báo cáo).")

    @OptionGroup var global: GlobalOptions

    func run() throws {
      let pipeline = global.pipeline
      let lock = try RunLock(pipeline.workspace)
      defer { withExtendedLifetime(lock) {} }
      let summary = try pipeline.ingest()
      global.say(Report.ingest(summary))
      global.detail(summary.files)
    }
  }

  struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check one period's rows; write the issue list and the accepted rows (kiểm tra).")

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Reporting period, e.g. 2025-H1 (6 tháng) or 2025-Y (cả năm).", valueName: "period"))
    var period: Period

    func run() throws {
      let pipeline = global.pipeline
      let lock = try RunLock(pipeline.workspace)
      defer { withExtendedLifetime(lock) {} }
      global.say(Report.validate(period, try pipeline.validate(period)))
    }
  }

  struct Rollup: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Aggregate one period up the hierarchy: indicators, totals, completeness (tổng hợp chỉ tiêu).")

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Reporting period, e.g. 2025-H1 or 2025-Y.", valueName: "period"))
    var period: Period

    func run() throws {
      let pipeline = global.pipeline
      let lock = try RunLock(pipeline.workspace)
      defer { withExtendedLifetime(lock) {} }
      global.say(Report.rollup(period, try pipeline.rollup(period)))
    }
  }

  struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write one period's workbooks and issue list under outputs/reports (xuất báo cáo).")

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Reporting period, e.g. 2025-H1 or 2025-Y.", valueName: "period"))
    var period: Period

    func run() throws {
      let pipeline = global.pipeline
      let lock = try RunLock(pipeline.workspace)
      defer { withExtendedLifetime(lock) {} }
      global.say(Report.export(period, try pipeline.export(period)))
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
      let pipeline = global.pipeline
      let lock = try RunLock(pipeline.workspace)
      defer { withExtendedLifetime(lock) {} }
      let periods = period.isEmpty ? pipeline.openPeriods : period
      let ingested = try pipeline.ingest()
      global.say(Report.ingest(ingested))
      global.detail(ingested.files)
      if periods.isEmpty { global.say("No period is open on \(pipeline.today); name one with --period.") }
      for period in periods {
        global.say(Report.validate(period, try pipeline.validate(period)))
        global.say(Report.rollup(period, try pipeline.rollup(period)))
        global.say(Report.export(period, try pipeline.export(period)))
      }
    }
  }
}
