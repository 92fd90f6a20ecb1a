import ArgumentParser
import Foundation
import TonghopCore

extension TonghopCommand {
  struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Giải thích một số liệu: các đơn vị được tính vào một địa bàn (hoặc một đơn vị), báo cáo và dòng được tính, các dòng bị thay thế hay bị loại.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var options: PeriodOption
    @Option(name: .customLong("don-vi"), help: ArgumentHelp("Mã của tỉnh, của một địa bàn hoặc của một đơn vị.", valueName: "mã"))
    var unit: String
    @Option(name: .customLong("chi-tieu"), help: ArgumentHelp("Chỉ một chỉ tiêu, ví dụ CT1 hoặc TS_luot_nu.", valueName: "mã"))
    var indicator: String?
    @Flag(help: "In bảng CSV: mỗi đơn vị (và chỉ tiêu) một dòng, cột tu_so, mau_so cộng lại đúng bằng chi-tieu.csv.")
    var csv = false

    func run() throws {
      let workspace = try global.workspace()
      let pipeline = try Pipeline.load(root: workspace.root, today: global.runDate)
      let explanation = try Explanation(
        workspace: workspace, config: pipeline.config, period: options.period, code: unit, indicator: indicator)
      if csv {
        FileHandle.standardOutput.write(Data(explanation.csv.utf8))
      } else {
        print(Output.printable(explanation.text), terminator: "")
      }
    }
  }
}
