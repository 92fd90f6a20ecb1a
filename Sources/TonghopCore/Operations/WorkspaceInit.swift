import Foundation

/// `tonghop init DIR [--mau]`: a new workspace made of the shipped province's files: the config, the
/// registry, an empty drop zone and `outputs/`; with `--mau`, the sample submissions too.
public enum WorkspaceInit {
  public struct Result: Sendable {
    public var root: URL
    public var samples: Int
  }

  /// The folder that holds the shipped `inputs/`: `TONGHOP_SHARE`, else `share/tonghop` beside the
  /// program's `bin/` (`/usr/share/tonghop` for the Debian package), else the checkout the program was
  /// built in (the folder above `.build/` holding `Package.swift` and `inputs/`).
  public static func shippedFiles(executable: URL) -> URL? {
    func holdsInputs(_ folder: URL) -> Bool {
      access(folder.appendingPathComponent("inputs/registry/don-vi.csv").path, R_OK) == 0
        && access(folder.appendingPathComponent("inputs/config.toml").path, R_OK) == 0
    }
    if let share = ProcessInfo.processInfo.environment["TONGHOP_SHARE"], !share.isEmpty {
      return URL(fileURLWithPath: share)
    }
    let program = executable.resolvingSymlinksInPath()
    let beside = program.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("share/tonghop")
    if holdsInputs(beside) { return beside }
    var folder = program.deletingLastPathComponent()
    while folder.path != "/" {
      if folder.lastPathComponent == ".build" {
        let checkout = folder.deletingLastPathComponent()
        if holdsInputs(checkout), access(checkout.appendingPathComponent("Package.swift").path, F_OK) == 0 { return checkout }
      }
      folder.deleteLastPathComponent()
    }
    return nil
  }

  public static func create(at root: URL, from shipped: URL, withSamples: Bool) throws(TonghopError) -> Result {
    for name in ["inputs", "outputs"] where access(root.appendingPathComponent(name).path, F_OK) == 0 {
      throw TonghopError(
        .usage,
        "\(root.path) đã có thư mục \(name)/: đây đã là (hoặc đang chứa) một thư mục làm việc, không tạo đè lên. Hãy chọn một thư mục khác, trống, cho thư mục làm việc mới.")
    }
    let source = shipped.appendingPathComponent("inputs")
    guard access(source.appendingPathComponent("registry/don-vi.csv").path, R_OK) == 0 else {
      throw TonghopError(
        .usage,
        "Không tìm thấy danh mục và cấu hình mẫu đi kèm chương trình trong \(source.path). Hãy cài lại gói tonghop, hoặc đặt biến môi trường TONGHOP_SHARE là thư mục chứa inputs/ mẫu.")
    }
    let inputs = root.appendingPathComponent("inputs")
    var samples = 0
    try AtomicFile.makeFolder(inputs.appendingPathComponent("registry"))
    try AtomicFile.makeFolder(inputs.appendingPathComponent("submissions"))
    try AtomicFile.makeFolder(root.appendingPathComponent("outputs"))
    var paths = ["config.toml"]
    paths += files(under: source.appendingPathComponent("registry")).map { "registry/" + $0 }
    if withSamples {
      let submissions = files(under: source.appendingPathComponent("submissions"))
      paths += submissions.map { "submissions/" + $0 }
      samples = submissions.filter { SubmissionKind(path: $0) != nil }.count
    }
    for path in paths where access(source.appendingPathComponent(path).path, R_OK) == 0 {
      // Writable by their new owner whatever the shipped copy's mode (the package's are read-only).
      try AtomicFile.copy(source.appendingPathComponent(path), to: inputs.appendingPathComponent(path), mode: 0o644)
    }
    return Result(root: root, samples: samples)
  }

  /// Regular files below `folder`, as paths relative to it, in byte order.
  private static func files(under folder: URL) -> [String] {
    var found: [String] = []
    guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return [] }
    while let path = walker.nextObject() as? String {
      var info = stat()
      if stat(folder.appendingPathComponent(path).path, &info) == 0, info.st_mode & S_IFMT == S_IFREG { found.append(path) }
    }
    return found.sorted { $0.utf8Precedes($1) }
  }
}
