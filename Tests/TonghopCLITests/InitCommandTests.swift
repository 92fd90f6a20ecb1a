import Foundation
import Testing
import TonghopTestSupport

/// `tonghop init DIR [--mau]`: a new workspace of the shipped province, never over an existing one.
@Suite struct InitCommandTests {
  static let repository = TestWorkspace.repository

  private func folder() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("tonghop-init-\(UUID().uuidString)")
  }

  @Test func aNewWorkspaceHasTheShippedProvinceAndAnEmptyDropZone() throws {
    let root = folder()
    defer { try? FileManager.default.removeItem(at: root) }
    let made = try Subprocess.run(Subprocess.tonghop, ["init", root.path])
    #expect(made.status == 0, "\(made.errors)")
    #expect(made.output.contains("Đã tạo thư mục làm việc"))
    for (path, shipped) in [("inputs/config.toml", "inputs/config.toml"), ("inputs/registry/don-vi.csv", "inputs/registry/don-vi.csv")] {
      #expect(FileManager.default.contents(atPath: root.appendingPathComponent(path).path) == FileManager.default.contents(atPath: Self.repository.appendingPathComponent(shipped).path))
      #expect(access(root.appendingPathComponent(path).path, W_OK) == 0)
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("inputs/submissions").path).isEmpty)
    #expect(access(root.appendingPathComponent("outputs").path, F_OK) == 0)
    // A workspace at once: status runs in it.
    #expect(try Subprocess.run(Subprocess.tonghop, ["--root", root.path, "status"]).status == 0)
  }

  @Test func withTheSampleItRunsToTheProvincesWorkbooks() throws {
    let root = folder()
    defer { try? FileManager.default.removeItem(at: root) }
    #expect(try Subprocess.run(Subprocess.tonghop, ["--quiet", "init", root.path, "--mau"]).status == 0)
    let shipped = try FileManager.default.subpathsOfDirectory(atPath: Self.repository.appendingPathComponent("inputs/submissions").path).filter { $0.hasSuffix(".csv") }.count
    let copied = try FileManager.default.subpathsOfDirectory(atPath: root.appendingPathComponent("inputs/submissions").path).filter { $0.hasSuffix(".csv") }.count
    #expect(copied == shipped && copied > 50)
    let run = try Subprocess.run(Subprocess.tonghop, ["--root", root.path, "--quiet", "--today", "2026-01-15", "run", "--period", "2025-Y"])
    #expect(run.status == 0, "\(run.errors)")
    #expect(access(root.appendingPathComponent("outputs/reports/2025-Y/BaoCao-BDG-2025-Y-Tinh.xlsx").path, F_OK) == 0)
  }

  /// A folder that already holds inputs/ or outputs/ is left exactly as it was: exit 2, nothing written.
  @Test func anExistingWorkspaceIsNeverOverwritten() throws {
    for existing in ["inputs", "outputs"] {
      let root = folder()
      defer { try? FileManager.default.removeItem(at: root) }
      try FileManager.default.createDirectory(at: root.appendingPathComponent(existing), withIntermediateDirectories: true)
      try Data("giữ nguyên".utf8).write(to: root.appendingPathComponent("\(existing)/ghi-chu.txt"))
      let refused = try Subprocess.run(Subprocess.tonghop, ["init", root.path, "--mau"])
      #expect(refused.status == 2)
      #expect(refused.errors.contains("không tạo đè"))
      #expect(try FileManager.default.subpathsOfDirectory(atPath: root.path).sorted() == [existing, "\(existing)/ghi-chu.txt"])
    }
  }

  @Test func withoutTheShippedFilesItSaysWhereToFindThem() throws {
    let root = folder()
    defer { try? FileManager.default.removeItem(at: root) }
    let missing = try Subprocess.run(Subprocess.tonghop, ["init", root.path], environment: ["TONGHOP_SHARE": "/nonexistent"])
    #expect(missing.status == 2)
    #expect(missing.errors.contains("TONGHOP_SHARE"))
    #expect(access(root.path, F_OK) != 0)
  }
}
