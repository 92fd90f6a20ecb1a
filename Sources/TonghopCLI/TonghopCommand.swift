import ArgumentParser
import Foundation
import TonghopCore

/// `tonghop`: the root command is only a table of subcommands.
public struct TonghopCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "tonghop",
    abstract: "Tổng hợp báo cáo kết quả thực hiện Kế hoạch truyền thông về bình đẳng giới.",
    discussion: """
      Các bước: ingest (nhận tệp) → validate (kiểm tra) → rollup (tổng hợp) → export (xuất báo cáo); `run` chạy cả bốn.
      Thư mục làm việc: --root, nếu không có thì biến môi trường TONGHOP_ROOT, nếu không có thì thư mục đang đứng.
      Mã kết thúc: 0 xong (dòng bị loại là việc bình thường, có trong danh sách lỗi), 1 lần chạy thất bại \
      (kết quả cũ được giữ nguyên), 2 sai lệnh, sai cấu hình hoặc danh mục, 75 một lần chạy khác đang giữ khóa.
      """,
    version: Pipeline.version,
    subcommands: [
      Ingest.self, Validate.self, Rollup.self, Export.self, Run.self, Status.self, Template.self, Withdraw.self, Sign.self, Explain.self, Verify.self, Init.self, CodeTable.self,
    ])

  @OptionGroup public var global: GlobalOptions

  public init() {}

  /// Parses and runs a command line; returns the exit code of outputs.md.
  public static func execute(_ arguments: [String]) -> Int32 {
    do {
      var command = try parseAsRoot(arguments)
      try command.run()
      return 0
    } catch let error as TonghopError {
      Console.error(error.message)
      return error.exitCode
    } catch let exit as ExitCode {
      return exit.rawValue
    } catch {
      let code = exitCode(for: error)
      if code == .success {
        print(ParserText.vietnamese(fullMessage(for: error)))
        return 0
      }
      Console.error(ParserText.vietnamese(fullMessage(for: error)))
      return 2
    }
  }
}
