import Foundation
import Testing
import TonghopCore
import TonghopTestSupport

/// HUONG-DAN.md followed from its first `tonghop` command to its last, as written, in a workspace
/// made from the shipped sample: each command is run by a shell standing in the workspace (the
/// program found on PATH, as after installation), and must do what the guide says it does. A
/// command the guide adds without a check here fails the test: the check is written with the guide.
@Suite(.serialized) struct GuideWalkthroughTests {
  /// The commands of the guide's shell blocks, in order, without comments. A signing shown twice
  /// (in the steps of a period, then in the section on signing) is the same act, done once; any other
  /// command is run as often as the guide says.
  static func commands(_ guide: String) -> [String] {
    var commands: [String] = []
    func add(_ command: String) {
      if !(command.hasPrefix("tonghop sign") && commands.contains(command)) { commands.append(command) }
    }
    var inBlock = false
    for raw in guide.split(separator: "\n", omittingEmptySubsequences: false) {
      let line = raw.trimmingCharacters(in: .whitespaces)
      if line.hasPrefix("```") {
        inBlock.toggle()
        continue
      }
      if inBlock {
        let command = line.components(separatedBy: "  #").first!.trimmingCharacters(in: .whitespaces)
        if command.hasPrefix("tonghop ") || command.hasPrefix("cp outputs/backup/") || command.hasPrefix("ls outputs/") { add(command) }
      } else {
        // Commands named in the text; `tonghop explain` alone is the name of a section, not a command.
        for match in line.matches(of: /`(tonghop [^`]+)`/) where match.output.1 != "tonghop explain" {
          add(String(match.output.1))
        }
      }
    }
    return commands
  }

  /// What one command must do: its exit code, and what must then be true.
  struct Check {
    var prefix: String
    var before: (TestWorkspace) throws -> Void = { _ in }
    var status: Int32 = 0
    var after: (TestWorkspace, Finished) throws -> [String] = { _, _ in [] }
  }

  static func exists(_ workspace: TestWorkspace, _ paths: String...) -> [String] {
    paths.filter { access(workspace.url($0).path, F_OK) != 0 }.map { "\($0) không có" }
  }

  nonisolated(unsafe) static let checks: [Check] = [
    Check(prefix: "tonghop template --period 2025-H1", after: { workspace, _ in
      exists(workspace, "outputs/reports/2025-H1/mau/mau-xa.csv", "outputs/reports/2025-H1/mau/mau-xa.xlsx", "outputs/reports/2025-H1/mau/mau-bao_chi.xlsx")
    }),
    Check(prefix: "tonghop status --period 2025-H1", after: { _, finished in
      finished.output.contains("Phải nộp") || finished.output.contains("chưa chạy") ? [] : ["không có bảng tình hình nộp"]
    }),
    Check(prefix: "tonghop run --period 2025-H1", after: { workspace, _ in
      exists(workspace, "outputs/reports/2025-H1/BaoCao-BDG-2025-H1-Tinh.xlsx", "outputs/reports/2025-H1/BaoCao-BDG-2025-H1-Bo.xlsx",
        "outputs/reports/2025-H1/KiemTra-2025-H1.xlsx")
    }),
    Check(
      prefix: "tonghop withdraw 2025-H1/ten-tep-gui-nham.csv",
      before: { workspace in
        // The file the guide's example withdraws: a commune's report sent by mistake, then a run.
        try workspace.submit(
          "2025-H1/ten-tep-gui-nham.csv",
          "ma_don_vi,ky_bao_cao,ngay_lap,cuoc_tt,luot_nam,luot_nu,tin_q1,tin_q2,huong_uoc,huong_uoc_bdg\n14386,2025-H1,2025-06-08,9,9,9,2,2,9,9\n")
        #expect(try Subprocess.run(Subprocess.tonghop, ["--root", workspace.root.path, "--quiet", "run", "--period", "2025-H1"]).status == 0)
      },
      after: { workspace, finished in
        let file = try Workspace(root: workspace.root).openLedger().files().first { $0.path == "2025-H1/ten-tep-gui-nham.csv" }
        return finished.output.contains("Đã rút báo cáo") && file?.withdrawn == true ? [] : ["tệp không được rút"]
      }),
    Check(prefix: "tonghop sign --period 2025-H1 --so \"15/BC-SNV\" --ngay 2025-06-20", after: { workspace, _ in
      exists(workspace, "outputs/chot/2025-H1/lan-1/danh-sach.csv", "outputs/chot/2025-H1/lan-1/BaoCao-BDG-2025-H1-Tinh.xlsx")
    }),
    Check(prefix: "tonghop export --xu-huong 2022-Y..2025-Y", after: { workspace, _ in
      exists(workspace, "outputs/reports/BaoCao-BDG-XuHuong-2022-2025.xlsx")
    }),
    Check(prefix: "tonghop explain --period 2025-H1 --don-vi 372 --chi-tieu CT1", after: { _, finished in
      finished.output.contains("Huyện Nho Quan (372)") && finished.output.contains("Chỉ tiêu CT1") && finished.output.contains("Cộng")
        ? [] : ["không có bảng giải thích"]
    }),
    Check(prefix: "ls outputs/backup/", after: { _, finished in
      finished.output.contains("ledger-") ? [] : ["không có bản sao sổ ghi"]
    }),
    Check(prefix: "cp outputs/backup/ledger-"),
    Check(
      prefix: "tonghop init /tmp/thu-nghiem --mau",
      before: { _ in try? FileManager.default.removeItem(atPath: "/tmp/thu-nghiem") },
      after: { _, _ in
        ["inputs/config.toml", "inputs/registry/don-vi.csv", "outputs", "inputs/submissions/2025-Y"]
          .filter { access("/tmp/thu-nghiem/" + $0, F_OK) != 0 }.map { "/tmp/thu-nghiem/\($0) không có" }
      }),
    Check(prefix: "tonghop --root /tmp/thu-nghiem run --period 2025-Y", after: { _, _ in
      // The guide says to delete the try-out folder when done.
      defer { try? FileManager.default.removeItem(atPath: "/tmp/thu-nghiem") }
      return access("/tmp/thu-nghiem/outputs/reports/2025-Y/BaoCao-BDG-2025-Y-Tinh.xlsx", F_OK) == 0 ? [] : ["không có báo cáo thử"]
    }),
    Check(prefix: "tonghop --help", after: { _, finished in
      finished.output.contains("CÁC LỆNH:") && finished.output.contains("sign") ? [] : ["không có danh sách lệnh"]
    }),
    Check(prefix: "tonghop withdraw --liet-ke", after: { _, finished in
      finished.output.contains("nhận lúc") || finished.output.contains("Không có tệp") ? [] : ["không liệt kê"]
    }),
    Check(prefix: "tonghop --today 2025-06-20 run --period 2025-H1"),
    Check(
      prefix: "tonghop sign --period 2025-H1 --so \"20/BC-SNV\"",
      before: { workspace in
        // "Khi các thay đổi cần báo cáo lại": a late correction, then a run.
        try workspace.submit(
          "2025-H1/sua-sau-chot.csv",
          "ma_don_vi,ky_bao_cao,ngay_lap,cuoc_tt,luot_nam,luot_nu,tin_q1,tin_q2,huong_uoc,huong_uoc_bdg\n14386,2025-H1,2025-07-02,4,60,70,2,2,14,14\n")
        #expect(try Subprocess.run(Subprocess.tonghop, ["--root", workspace.root.path, "--quiet", "run", "--period", "2025-H1"]).status == 0)
      },
      after: { workspace, _ in
        let book = try ReadBackWorkbook.read(workspace.url("outputs/chot/2025-H1/lan-2/BaoCao-BDG-2025-H1-Tinh.xlsx"))
        return book.value("Tổng hợp", "A5") == .text("BÁO CÁO ĐIỀU CHỈNH LẦN 1") ? [] : ["lan-2 không có tiêu đề điều chỉnh"]
      }),
    Check(
      prefix: "tonghop rollup --period 2024-Y --theo-ngay 2025-06-30",
      before: { workspace in
        // The crosswalk of the guide's example, and the year 2024 run in its time.
        try workspace.write("inputs/registry/chuyen-doi.csv", "ma_cu,ma_moi,tu_ngay\n14326,14320,2025-01-01\n")
        #expect(try Subprocess.run(Subprocess.tonghop, ["--root", workspace.root.path, "--quiet", "run", "--period", "2024-Y"]).status == 0)
      },
      after: { workspace, finished in
        let path = "outputs/staging/2024-Y/chi-tieu-theo-2025-06-30.csv"
        return exists(workspace, path) + (finished.output.contains(path) ? [] : ["đường dẫn không được in"])
      }),
    Check(prefix: "tonghop status"),
    Check(prefix: "tonghop verify", after: { _, finished in
      finished.output.contains("0 lỗi") ? [] : ["verify báo lỗi"]
    }),
    Check(prefix: "tonghop run"),
  ]

  @Test func everyCommandOfTheGuideDoesWhatTheGuideSays() throws {
    let guide = try String(contentsOf: TestWorkspace.repository.appendingPathComponent("HUONG-DAN.md"), encoding: .utf8)
    let commands = Self.commands(guide)
    #expect(commands.count >= 10)
    let workspace = try TestWorkspace.sample()
    let bin = workspace.url("bin")
    try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(at: bin.appendingPathComponent("tonghop"), withDestinationURL: Subprocess.tonghop)
    let environment = ["PATH": "\(bin.path):/usr/bin:/bin", "TONGHOP_ROOT": ""]
    var ran: [String] = []
    for command in commands {
      guard let check = Self.checks.first(where: { command.hasPrefix($0.prefix) }) else {
        Issue.record("HUONG-DAN.md: «\(command)» has no check in GuideWalkthroughTests")
        continue
      }
      try check.before(workspace)
      var line = command
      if line.hasPrefix("cp outputs/backup/ledger-") {
        // "thay bằng tên tệp mới nhất trong danh sách trên": the newest copy.
        let newest = try FileManager.default.contentsOfDirectory(atPath: workspace.url("outputs/backup").path).sorted().last ?? ""
        line = "cp outputs/backup/\(newest) outputs/ledger.sqlite"
      }
      let finished = try Subprocess.run(URL(fileURLWithPath: "/bin/sh"), ["-c", "cd '\(workspace.root.path)' && \(line)"], environment: environment)
      #expect(finished.status == check.status, "«\(command)»: exit \(finished.status)\n\(finished.output)\n\(finished.errors)")
      let problems = try check.after(workspace, finished)
      #expect(problems.isEmpty, "«\(command)»: \(problems)\n\(finished.output)\n\(finished.errors)")
      ran.append(command)
    }
    ReliabilityReport.record("guide walkthrough: \(ran.count) commands of HUONG-DAN.md run as written, each checked")
  }
}
