import ArgumentParser
import TonghopCore

extension TonghopCommand {
  struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Kiểm tra kho lưu trữ: mỗi tệp đã nhận còn đúng nội dung gốc (theo mã SHA-256), mỗi tệp của bản đã chốt còn khớp danh-sach.csv; khôi phục bản lưu bị mất khi tệp gốc còn trong thư mục nhận.")

    @OptionGroup var global: GlobalOptions

    func run() throws {
      try global.withLock("verify") { pipeline, output in
        let report = try ArchiveVerification(workspace: pipeline.workspace, ledger: try pipeline.workspace.openLedger()).run()
        for line in report.restored { output.sayItem("Đã khôi phục: \(line)") }
        for line in report.problems { output.sayItem("Lỗi: \(line)") }
        let summary =
          "verify: đã kiểm tra \(report.checked) tệp trong kho và \(report.signedFilesChecked) tệp của các bản đã chốt; \(report.restored.count) bản lưu được khôi phục, \(report.problems.count) lỗi"
        guard report.isSound else { throw TonghopError(.io, summary) }
        output.say(summary)
      }
    }
  }
}
