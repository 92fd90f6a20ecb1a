import ArgumentParser
import TonghopCore

/// `--period P` of the single-period stages.
struct PeriodOption: ParsableArguments {
  @Option(help: ArgumentHelp("Kỳ báo cáo, ví dụ 2025-H1 (6 tháng) hoặc 2025-Y (cả năm).", valueName: "kỳ"))
  var period: Period
}

extension TonghopCommand {
  struct Ingest: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Nhận tệp báo cáo: lưu bản gốc và ghi vào sổ mọi tệp mới hoặc đã sửa trong inputs/submissions.")

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
      abstract: "Kiểm tra số liệu một kỳ: lập danh sách lỗi và các dòng hợp lệ.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var options: PeriodOption

    func run() throws {
      let period = options.period
      try global.withLock("validate --period \(period)") { pipeline, output in
        output.say(Report.validate(period, try pipeline.validate(period, progress: output.progress("validate \(period)"))))
      }
    }
  }

  struct Rollup: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Tổng hợp một kỳ theo địa bàn: các chỉ tiêu, số tổng, tình hình nộp.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var options: PeriodOption
    @Option(
      name: .customLong("theo-ngay"),
      help: ArgumentHelp(
        "Tổng hợp lại theo địa bàn của một ngày sau YYYY-MM-DD (khi địa giới thay đổi), vào chi-tieu-theo-<ngày>.csv.",
        valueName: "ngày"))
    var restatedOn: String?

    func validate() throws {
      try DateOption.check("--theo-ngay", restatedOn)
    }

    func run() throws {
      let period = options.period
      let date = restatedOn.flatMap(CalendarDay.init(iso:))
      try global.withLock("rollup --period \(period)") { pipeline, output in
        output.say(Report.rollup(period, try pipeline.rollup(period, restatedOn: date), restatedOn: date))
        if let date {
          output.say("  \(pipeline.workspace.staging(period).appendingPathComponent(StageFile.restatedIndicators(date)).path)")
        }
      }
    }
  }

  struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Xuất báo cáo một kỳ (bảng tính, danh sách lỗi, phản hồi cho đơn vị) vào outputs/reports, hoặc báo cáo xu hướng nhiều năm.")

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Kỳ báo cáo, ví dụ 2025-H1 (6 tháng) hoặc 2025-Y (cả năm).", valueName: "kỳ"))
    var period: Period?
    @Option(
      name: .customLong("xu-huong"),
      help: ArgumentHelp(
        "Báo cáo xu hướng các báo cáo năm từ năm này đến năm kia, ví dụ 2022-Y..2025-Y.", valueName: "khoảng"))
    var trend: String?

    static func years(_ text: String) -> ClosedRange<Int>? {
      let ends = text.components(separatedBy: "..").compactMap { Period(code: $0) }
      guard ends.count == 2, ends.allSatisfy({ $0.kind == .year }), ends[0].year <= ends[1].year else { return nil }
      return ends[0].year...ends[1].year
    }

    func validate() throws {
      guard (period == nil) != (trend == nil) else {
        throw ValidationError("hãy ghi --period <kỳ> hoặc --xu-huong <năm đầu>-Y..<năm cuối>-Y (chỉ một trong hai)")
      }
      if let trend, Export.years(trend) == nil {
        throw ValidationError("--xu-huong phải là hai kỳ báo cáo năm, ví dụ 2022-Y..2025-Y; đã nhận \"\(trend)\"")
      }
    }

    func run() throws {
      if let period {
        try global.withLock("export --period \(period)") { pipeline, output in
          output.say(Report.export(period, try pipeline.export(period)))
        }
      } else if let trend, let years = Export.years(trend) {
        try global.withLock("export --xu-huong \(trend)") { pipeline, output in
          output.say("Báo cáo xu hướng \(trend):\n  \(try pipeline.trend(years))")
        }
      }
    }
  }

  struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Chạy cả bốn bước (nhận tệp, kiểm tra, tổng hợp, xuất báo cáo) cho từng kỳ (mặc định: các kỳ đang mở).")

    @OptionGroup var global: GlobalOptions
    @Option(
      parsing: .upToNextOption,
      help: ArgumentHelp("Các kỳ báo cáo, ví dụ 2024-H1 2024-Y (mặc định: các kỳ đang mở vào ngày chạy).", valueName: "kỳ"))
    var period: [Period] = []

    func run() throws {
      try global.withLock((["run"] + (period.isEmpty ? [] : ["--period"]) + period.map(\.code)).joined(separator: " ")) { pipeline, output in
        let ingested = try pipeline.ingest(progress: output.progress("ingest"))
        output.say(Report.ingest(ingested))
        output.detail(ingested.files)
        let periods = period.isEmpty ? pipeline.openPeriods : period
        if periods.isEmpty { output.say("Không có kỳ nào đang mở vào ngày \(pipeline.today.vietnamese); hãy ghi kỳ sau --period.") }
        for period in periods {
          switch try pipeline.run(period, progress: output.progress("validate \(period)")) {
          case .done(let validated, let rolledUp, let exported):
            output.say(Report.validate(period, validated))
            output.say(Report.rollup(period, rolledUp))
            output.say(Report.export(period, exported))
          case .upToDate:
            output.say("Kỳ \(period): không có gì thay đổi từ lần chạy trước; giữ nguyên các tệp kết quả")
          }
        }
      }
    }
  }

  struct Template: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Lập mẫu báo cáo cho từng loại đơn vị, dạng CSV và Excel, trong outputs/reports/<kỳ>/mau.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var options: PeriodOption
    @Option(help: ArgumentHelp("Chỉ một loại đơn vị: xa, huyen, truong, so_nganh hoặc bao_chi.", valueName: "loại"))
    var loai: String?

    func validate() throws {
      if let loai, UnitType(rawValue: loai)?.reports != true {
        throw ValidationError("--loai phải là một trong xa, huyen, truong, so_nganh, bao_chi; đã nhận \"\(loai)\"")
      }
    }

    func run() throws {
      let types = loai.flatMap(UnitType.init(rawValue:)).map { [$0] } ?? UnitType.reporting
      let period = options.period
      try global.withLock("template --period \(period)") { pipeline, output in
        let files = try pipeline.templates(period, types: types)
        output.say((["Mẫu báo cáo kỳ \(period):"] + files.map { "  \($0)" }).joined(separator: "\n"))
      }
    }
  }

  struct Withdraw: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Rút một tệp đã nhận: số liệu của tệp không được tính từ lần chạy sau; không xóa gì.")

    @OptionGroup var global: GlobalOptions
    @Argument(
      help: ArgumentHelp(
        "Đường dẫn của tệp trong inputs/submissions, hoặc ít nhất 8 ký tự đầu của mã SHA-256 (với --liet-ke: một phần tên tệp để tìm).",
        valueName: "tệp"))
    var file: String?
    @Option(name: .customLong("ly-do"), help: ArgumentHelp("Lý do rút, được lưu trong sổ ghi nhận.", valueName: "lý do"))
    var reason: String?
    @Flag(name: .customLong("liet-ke"), help: "Liệt kê các tệp đã nhận (mã SHA-256, đường dẫn, thời điểm nhận, đã rút chưa) để tìm tệp cần rút; không rút gì.")
    var list = false

    func validate() throws {
      guard !list else { return }
      guard file != nil else { throw ValidationError("hãy ghi tệp cần rút, hoặc dùng --liet-ke để tìm tệp") }
      guard reason != nil else { throw ValidationError("hãy ghi lý do rút sau --ly-do, ví dụ --ly-do \"Đơn vị gửi nhầm tệp\"") }
    }

    func run() throws {
      if list {
        try global.withLock("withdraw --liet-ke") { pipeline, output in
          let files = try pipeline.workspace.openLedger().files(containing: file ?? "")
          if files.isEmpty { output.say("Không có tệp đã nhận nào có tên chứa «\(file ?? "")».") }
          for found in files {
            let withdrawn =
              found.withdrawnAt.map { ", đã rút lúc \(pipeline.config.localTime($0)) (lý do: \(found.withdrawnReason ?? ""))" } ?? ""
            output.sayItem("\(found.sha256.prefix(12))  \(found.path) – nhận lúc \(pipeline.config.localTime(found.firstSeen))\(withdrawn)")
          }
        }
        return
      }
      guard let file, let reason else { return }
      try global.withLock("withdraw \(file)") { pipeline, output in
        let workspace = pipeline.workspace
        let path = try workspace.openLedger().withdraw(
          file, paths: workspace.dropZonePaths(for: file), reason: reason, at: pipeline.now)
        output.sayItem("Đã rút báo cáo \(path) (lý do: \(reason.trimmingCharacters(in: .whitespacesAndNewlines))); hãy chạy lại các kỳ có trong tệp này để cập nhật báo cáo.")
      }
    }
  }
}
