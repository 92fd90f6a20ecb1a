import ArgumentParser
import Foundation
import TonghopCore

extension TonghopCommand {
  struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Tình hình nộp báo cáo: đơn vị đã nộp, chưa nộp, các lần chốt số liệu và lần chạy gần nhất.")

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Kỳ báo cáo (mặc định: các kỳ đang mở vào ngày chạy).", valueName: "kỳ"))
    var period: Period?

    func run() throws {
      let workspace = try global.workspace()
      let pipeline = try Pipeline.load(root: workspace.root, today: global.runDate)
      let periods = period.map { [$0] } ?? pipeline.openPeriods
      if periods.isEmpty { print("Không có kỳ nào đang mở vào ngày \(pipeline.today.vietnamese); hãy ghi kỳ sau --period.") }
      let ledger = try workspace.ledgerForReading()
      if ledger == nil, ((try? FileManager.default.contentsOfDirectory(atPath: workspace.archive.path)) ?? []).contains(where: { !$0.hasPrefix(".") }) {
        print(
          "CẢNH BÁO: không có sổ ghi nhận \(workspace.ledgerFile.path) trong khi kho lưu trữ còn tệp: các bảng dưới đây là của lần chạy cuối, không biết các lần chốt và lần chạy. Hãy khôi phục sổ theo HUONG-DAN.md, mục 8.\n")
      }
      for period in periods {
        if access(workspace.staging(period).appendingPathComponent(StageFile.progress).path, F_OK) != 0 {
          print(
            "Kỳ \(period.code) – hạn nộp \(pipeline.config.deadline(of: period).vietnamese): chưa chạy, chưa có số liệu tổng hợp. Hãy chạy `tonghop run --period \(period.code)`.\n")
        } else {
          let status = try PeriodStatus(workspace: workspace, config: pipeline.config, period: period)
          print(Output.printable(StatusText.render(status)))
        }
        if let signings = try ledger?.signings(of: period), !signings.isEmpty {
          print(Output.printable(StatusText.render(signings, workspace: workspace)))
        }
        if let run = try ledger?.latestRun(of: period) {
          print(Output.printable(StatusText.render(run, period: period, config: pipeline.config)) + "\n")
        }
      }
    }
  }
}

/// The status as a terminal table, in the officer's words.
enum StatusText {
  static let columns = ["Phải nộp", "Đã nhận", "Đúng hạn", "Trễ hạn", "Có lỗi", "Chưa nộp"]

  static func render(_ status: PeriodStatus) -> String {
    var lines = ["Kỳ \(status.period.code) – hạn nộp \(status.deadline.vietnamese)", ""]
    lines += table("Loại đơn vị", status.byType.map { ($0.type.label, $0.counts) }, total: status.total)
    lines.append("")
    lines += table("Địa bàn", status.byArea.map { ($0.area, $0.counts) }, total: status.total)
    lines.append("")
    if status.missing.isEmpty {
      lines.append("Mọi đơn vị đã gửi báo cáo hợp lệ.")
    } else {
      lines.append("Đơn vị chưa có báo cáo hợp lệ (\(status.missing.count)):")
      var area = ""
      for unit in status.missing {
        if unit.area != area {
          area = unit.area
          lines.append("  \(StatusText.oneLine(area))")
        }
        let why = unit.status == RollupStage.Status.rejected.rawValue ? "có lỗi, xem phan-hoi/\(unit.code).xlsx" : "chưa nộp"
        lines.append("    \(unit.code)  \(StatusText.oneLine(unit.name)) – \(why)")
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  static func render(_ signings: [Signing], workspace: Workspace) -> String {
    var lines = ["Số liệu đã chốt:"]
    for signing in signings {
      lines.append(
        "  Lần \(signing.version): số \(signing.number), ngày \(signing.date.vietnamese) – outputs/chot/\(signing.period.code)/lan-\(signing.version)")
    }
    if let latest = signings.last {
      lines.append(
        !latest.isIntact(in: workspace)
          ? "  Bản đã chốt lần \(latest.version) (outputs/chot/\(latest.period.code)/lan-\(latest.version)) bị mất hoặc bị sửa: hãy chạy `tonghop verify` để biết tệp nào và khôi phục thư mục từ bản sao lưu của máy chủ."
          : latest.differs(from: workspace)
          ? "  Bản làm việc hiện nay KHÁC bản đã chốt lần \(latest.version): xem outputs/reports/\(latest.period.code)/DoiChieu-\(latest.period.code).xlsx"
          : "  Bản làm việc hiện nay giống bản đã chốt lần \(latest.version).")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// A name from the registry on one line of the table, whatever it holds.
  static func oneLine(_ text: String) -> String { text.replacingOccurrences(of: "\n", with: "\\x0A") }

  /// The period's latest `run`, in the province's time.
  static func render(_ run: RunRecord, period: Period, config: Config) -> String {
    let outcome = run.exitCode.map { $0 == 0 ? "thành công" : "lỗi (mã \($0))" } ?? "đang chạy hoặc bị dừng giữa chừng"
    var lines = ["Lần chạy gần nhất của kỳ \(period.code): \(config.localTime(run.started)) `tonghop \(run.command)` – \(outcome)"]
    lines += run.report.split(separator: "\n").map { "  \($0)" }
    return lines.joined(separator: "\n")
  }

  private static func table(_ title: String, _ rows: [(String, PeriodStatus.Counts)], total: PeriodStatus.Counts) -> [String] {
    let all = rows + [("Tổng", total)]
    let width = max(title.count, all.map(\.0.count).max() ?? 0)
    func pad(_ text: String, _ size: Int, left: Bool = false) -> String {
      let space = String(repeating: " ", count: max(0, size - text.count))
      return left ? text + space : space + text
    }
    func numbers(_ c: PeriodStatus.Counts) -> [Int] { [c.expected, c.received, c.onTime, c.late, c.rejected, c.missing] }
    var lines = [pad(title, width, left: true) + columns.map { "  " + $0 }.joined()]
    for (name, counts) in all {
      lines.append(
        pad(name, width, left: true) + zip(columns, numbers(counts)).map { "  " + pad(String($1), $0.count) }.joined())
    }
    return lines
  }
}

extension TonghopCommand {
  /// Prints the table of validation codes for HUONG-DAN.md (`scripts/update-guide`).
  struct CodeTable: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "bang-ma-loi", abstract: "In bảng mã lỗi của hướng dẫn sử dụng.",
      shouldDisplay: false)

    func run() {
      print(IssueCode.guideTable)
    }
  }
}
