import Foundation

/// The folders of outputs.md under one root.
public struct Workspace: Sendable {
  public let root: URL

  public init(root: URL) {
    self.root = root.standardizedFileURL
  }

  public var inputs: URL { root.appendingPathComponent("inputs") }
  public var submissions: URL { inputs.appendingPathComponent("submissions") }
  public var registryFile: URL { inputs.appendingPathComponent("registry/don-vi.csv") }
  public var configFile: URL { inputs.appendingPathComponent("config.toml") }
  /// Old unit → new unit, for restating old periods on today's areas (optional).
  public var crosswalkFile: URL { inputs.appendingPathComponent("registry/chuyen-doi.csv") }
  public var outputs: URL { root.appendingPathComponent("outputs") }
  public var ledgerFile: URL { outputs.appendingPathComponent("ledger.sqlite") }
  public var archive: URL { outputs.appendingPathComponent("archive") }
  public var lockFile: URL { outputs.appendingPathComponent(".lock") }

  public func archived(_ sha256: String) -> URL {
    archive.appendingPathComponent("\(sha256).csv")
  }

  public func staging(_ period: Period) -> URL {
    outputs.appendingPathComponent("staging/\(period.code)")
  }

  public func reports(_ period: Period) -> URL {
    outputs.appendingPathComponent("reports/\(period.code)")
  }

  public func loadRegistry() throws(TonghopError) -> Registry {
    try Registry.load(from: registryFile)
  }

  /// Removes what an interrupted run left behind (`.name.tmp.PID`, `.name.old.PID`) under
  /// `outputs/`. Call it only while holding the lock: then no other run is writing them.
  /// The archive, a file per submission, is left to ingest (`sweepArchive`): every command would
  /// otherwise list it.
  public func sweepTemporaryFiles() {
    sweep(outputs, skipping: archive.lastPathComponent)
  }

  /// The archive's leftovers: copies of files too large to hold in memory, cut short.
  func sweepArchive() {
    sweep(archive, skipping: nil)
  }

  private func sweep(_ root: URL, skipping skipped: String?) {
    var leftovers: [String] = []
    try? FolderWalk.walk(root, stat: false) { entry in
      if entry.isFolder, entry.path == skipped { return false }
      guard entry.name.hasPrefix("."), entry.name.contains(".tmp.") || entry.name.contains(".old.") else { return true }
      leftovers.append(entry.path)
      return false
    }
    for path in leftovers { try? FileManager.default.removeItem(atPath: root.appendingPathComponent(path).path) }
  }

  public func loadConfig() throws(TonghopError) -> Config {
    try ConfigFile.load(configFile)
  }

  public func openLedger() throws(TonghopError) -> Ledger {
    try AtomicFile.makeFolder(outputs)
    return try Ledger(url: ledgerFile)
  }
}
