import ArgumentParser
import Foundation
import TonghopCore

extension TonghopCommand {
  struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "init",
      abstract: "Tạo thư mục làm việc mới: inputs/ (cấu hình, danh mục đơn vị của tỉnh, thư mục nhận báo cáo trống) và outputs/.")

    @Argument(help: ArgumentHelp("Thư mục làm việc mới (được tạo nếu chưa có; không được có sẵn inputs/ hay outputs/).", valueName: "thư mục"))
    var folder: String

    @Flag(name: .customLong("mau"), help: "Chép thêm các báo cáo mẫu của tỉnh vào inputs/submissions/ để chạy thử.")
    var samples = false

    @OptionGroup var global: GlobalOptions

    func run() throws {
      let executable = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0])
      guard let shipped = WorkspaceInit.shippedFiles(executable: executable) else {
        throw TonghopError(
          .usage,
          "Không tìm thấy danh mục và cấu hình mẫu đi kèm chương trình (\(executable.path)). Hãy cài lại gói tonghop, hoặc đặt biến môi trường TONGHOP_SHARE là thư mục chứa inputs/ mẫu.")
      }
      let root = URL(fileURLWithPath: folder, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL
      let result = try WorkspaceInit.create(at: root, from: shipped, withSamples: samples)
      let output = Output(quiet: global.quiet, verbose: global.verbose)
      let next =
        samples
        ? "Tiếp theo: tonghop --root \(result.root.path) run --period 2025-Y (báo cáo mẫu có các kỳ 2024-H1, 2024-Y, 2025-H1, 2025-Y)"
        : "Tiếp theo: chép các tệp báo cáo nhận được vào \(result.root.path)/inputs/submissions/ rồi chạy tonghop --root \(result.root.path) run --period <kỳ>"
      output.say(
        "Đã tạo thư mục làm việc \(result.root.path): inputs/config.toml, inputs/registry/don-vi.csv, inputs/submissions/\(samples ? " (\(result.samples) tệp báo cáo mẫu)" : " (trống)"), outputs/. \(next)")
    }
  }
}
