import ArgumentParser
import TonghopCore

extension TonghopCommand {
  struct Sign: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Chốt số liệu một kỳ: lưu bản báo cáo đã ký vào outputs/chot/<kỳ>/lan-<N>/, chỉ đọc, không bao giờ bị ghi lại.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var options: PeriodOption
    @Option(name: .customLong("so"), help: ArgumentHelp("Số văn bản của báo cáo, ví dụ \"15/BC-SNV\".", valueName: "số"))
    var number: String
    @Option(
      name: .customLong("ngay"),
      help: ArgumentHelp("Ngày ký báo cáo YYYY-MM-DD (mặc định: ngày chạy).", valueName: "ngày"))
    var date: String?

    func validate() throws {
      try DateOption.check("--ngay", date)
    }

    func run() throws {
      let period = options.period
      try global.withLock("sign --period \(period)") { pipeline, output in
        let signing = try pipeline.sign(period, number: number, date: date.flatMap(CalendarDay.init(iso:)))
        let folder = pipeline.workspace.signed(period, version: signing.version)
        output.sayItem(
          "Đã chốt số liệu kỳ \(period.code) lần \(signing.version), số \(signing.number), ngày \(signing.date.vietnamese): \(folder.path)")
      }
    }
  }
}
