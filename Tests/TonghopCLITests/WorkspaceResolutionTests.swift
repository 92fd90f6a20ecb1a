import Foundation
import Testing
import TonghopCore
import TonghopTestSupport

/// The workspace is `--root`, else `TONGHOP_ROOT`, else the current folder; a folder without
/// `inputs/registry/don-vi.csv` is refused and nothing is created in it.
@Suite struct WorkspaceResolutionTests {
  private func everything(in folder: URL) throws -> [String] {
    try FileManager.default.subpathsOfDirectory(atPath: folder.path).sorted()
  }

  @Test func aFolderThatIsNotAWorkspaceIsRefusedAndLeftAsItWas() throws {
    let workspace = try TestWorkspace.sample()
    let submissions = workspace.url("inputs/submissions")
    let before = try everything(in: submissions)
    let stranger = workspace.url("elsewhere")
    try FileManager.default.createDirectory(at: stranger, withIntermediateDirectories: true)
    for command in [["run"], ["ingest"], ["status"], ["withdraw", "x.csv", "--ly-do", "nhầm"], ["verify"], ["explain", "--period", "2024-H1", "--don-vi", "37"]] {
      // From inside the drop zone, and from another folder, with no TONGHOP_ROOT.
      for folder in [submissions, stranger] {
        let finished = try Subprocess.run(Subprocess.tonghop, command, environment: ["TONGHOP_ROOT": ""], directory: folder)
        #expect(finished.status == 2, "\(command) in \(folder.path)")
        #expect(finished.errors.contains("\(folder.path) (thư mục đang đứng) không phải thư mục làm việc của tonghop"), "\(finished.errors)")
      }
      let named = try Subprocess.run(Subprocess.tonghop, ["--root", stranger.path] + command)
      #expect(named.status == 2)
      #expect(named.errors.contains("(thư mục ghi sau --root)"))
    }
    #expect(try everything(in: submissions) == before)
    #expect(try everything(in: stranger).isEmpty)
    #expect(access(workspace.url("outputs").path, F_OK) != 0)
  }

  @Test func theEnvironmentNamesTheWorkspaceAndRootOverridesIt() throws {
    let workspace = try TestWorkspace.sample()
    let stranger = workspace.url("elsewhere")
    try FileManager.default.createDirectory(at: stranger, withIntermediateDirectories: true)
    let byEnvironment = try Subprocess.run(
      Subprocess.tonghop, ["--quiet", "--today", "2025-01-15", "run", "--period", "2024-H1"],
      environment: ["TONGHOP_ROOT": workspace.root.path], directory: stranger)
    #expect(byEnvironment.status == 0, "\(byEnvironment.errors)")
    #expect(access(workspace.url("outputs/reports/2024-H1/BaoCao-BDG-2024-H1-Tinh.xlsx").path, F_OK) == 0)
    #expect(try everything(in: stranger).isEmpty)
    let overridden = try Subprocess.run(
      Subprocess.tonghop, ["--root", stranger.path, "status"], environment: ["TONGHOP_ROOT": workspace.root.path])
    #expect(overridden.status == 2)
    let wrongEnvironment = try Subprocess.run(Subprocess.tonghop, ["status"], environment: ["TONGHOP_ROOT": stranger.path])
    #expect(wrongEnvironment.status == 2)
    #expect(wrongEnvironment.errors.contains("(thư mục của biến môi trường TONGHOP_ROOT)"))
  }
}
