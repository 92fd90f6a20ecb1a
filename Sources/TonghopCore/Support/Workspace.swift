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
  /// Where workbooks are made before they are moved into place; emptied by every command that writes.
  public var scratch: URL { outputs.appendingPathComponent(".tmp") }

  /// The archived copy of a submission: `<sha256>.csv` or `<sha256>.xlsx`.
  public func archived(_ sha256: String, _ kind: SubmissionKind) -> URL {
    archive.appendingPathComponent("\(sha256).\(kind.rawValue)")
  }

  /// `outputs/chot/`: the signed versions of every period, never written again once signed.
  public var signed: URL { outputs.appendingPathComponent("chot") }

  /// `outputs/chot/<period>/lan-<version>/`.
  public func signed(_ period: Period, version: Int) -> URL {
    signed.appendingPathComponent(period.code).appendingPathComponent("lan-\(version)")
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
    try? FileManager.default.removeItem(at: scratch)
    sweep(outputs, skipping: [archive.lastPathComponent, signed.lastPathComponent])
  }

  /// The archive's leftovers: copies of files too large to hold in memory, cut short.
  func sweepArchive() {
    sweep(archive, skipping: [])
  }

  private func sweep(_ root: URL, skipping skipped: Set<String>) {
    var leftovers: [String] = []
    try? FolderWalk.walk(root, stat: false) { entry in
      if entry.isFolder, skipped.contains(entry.path) { return false }
      guard entry.name.hasPrefix("."), entry.name.contains(".tmp.") || entry.name.contains(".old.") else { return true }
      leftovers.append(entry.path)
      return false
    }
    for path in leftovers { try? FileManager.default.removeItem(atPath: root.appendingPathComponent(path).path) }
  }

  public func loadConfig() throws(TonghopError) -> Config {
    try ConfigFile.load(configFile)
  }

  public var backups: URL { outputs.appendingPathComponent("backup") }

  /// The paths under the drop zone that an officer's reference may mean: as written (relative to the
  /// drop zone), relative to the current folder, or absolute inside the drop zone.
  public func dropZonePaths(for reference: String, currentFolder: String = FileManager.default.currentDirectoryPath) -> [String] {
    var paths = [reference]
    let absolute = reference.hasPrefix("/") ? reference : currentFolder + "/" + reference
    let standardized = URL(fileURLWithPath: absolute).standardizedFileURL.path
    var roots = [submissions.path]
    if let real = realpath(submissions.path, nil) {
      roots.append(String(cString: real))
      free(real)
    }
    for root in roots where standardized.hasPrefix(root + "/") {
      paths.append(String(standardized.dropFirst(root.count + 1)))
    }
    var seen = Set<String>()
    return paths.filter { seen.insert($0).inserted }
  }

  /// The ledger for a command that holds the lock, migrated to the current schema; one connection
  /// per process. Never started empty over an archive that holds files: that would forget what
  /// units sent, let withdrawn files count again and lose the rows of files no longer in the drop zone.
  public func openLedger() throws(TonghopError) -> Ledger {
    try AtomicFile.makeFolder(outputs)
    return try LedgerConnections.shared.open(ledgerFile) { () throws(TonghopError) in
      if try !LedgerConnections.accountsForArchive(ledgerFile, oldestArchived: oldestArchived) {
        throw TonghopError(
          .io,
          """
          Sổ ghi nhận \(ledgerFile.path) bị mất, rỗng hoặc hỏng, trong khi kho lưu trữ \(archive.path) còn các tệp báo cáo đã nhận. \
          Chương trình dừng để không bắt đầu một sổ trống (sẽ làm mất lịch sử nộp và các lần rút báo cáo). \
          Hãy khôi phục sổ từ bản sao mới nhất trong \(backups.path): cp \(backups.path)/ledger-<ngày>.sqlite \(ledgerFile.path), \
          rồi chạy `tonghop verify` và chạy lại (xem HUONG-DAN.md, mục 8, «Sổ ghi bị mất hoặc rỗng»).
          """)
      }
    }
  }

  /// Refuses root a workspace that belongs to another account: root would leave files (the lock, the
  /// ledger, outputs) that the nightly run, under that account, cannot write.
  /// `command` is the command line to suggest, as the officer typed it.
  public func checkOwner(command: String = "tonghop …") throws(TonghopError) {
    guard geteuid() == 0 else { return }
    for folder in [outputs, root] {
      var info = stat()
      guard stat(folder.path, &info) == 0 else { continue }
      guard info.st_uid != 0 else { return }
      let owner = getpwuid(info.st_uid).map { String(cString: $0.pointee.pw_name) } ?? String(info.st_uid)
      throw TonghopError(
        .usage,
        "Thư mục \(folder.path) thuộc tài khoản «\(owner)». Chạy bằng root sẽ để lại các tệp mà lần chạy hằng đêm (bằng tài khoản «\(owner)») không ghi được. Hãy chạy lệnh bằng tài khoản đó: runuser -u \(owner) -- \(command) (hoặc sudo -u \(owner) \(command) nếu máy có sudo)")
    }
  }

  /// The ledger as it is, for reading without the lock (`status`); nil when there is none yet.
  public func ledgerForReading() throws(TonghopError) -> Ledger? {
    guard access(ledgerFile.path, F_OK) == 0 else { return nil }
    return try LedgerConnections.shared.open(ledgerFile, migrate: false)
  }

  /// The modification time of the archive's oldest file; nil when the archive holds none.
  private func oldestArchived() throws(TonghopError) -> Double? {
    guard access(archive.path, F_OK) == 0 else { return nil }
    var oldest: Double?
    try FolderWalk.walk(archive, stat: true) { entry in
      if !entry.name.hasPrefix("."), entry.isRegularFile { oldest = min(oldest ?? entry.mtime, entry.mtime) }
      return false
    }
    return oldest
  }
}

/// One connection to each ledger per process while anything uses it (a command holds its ledger
/// from start to end), opened again when the file was replaced or removed. Held weakly: a ledger
/// nobody uses is closed, its statements finalised.
final class LedgerConnections: @unchecked Sendable {
  static let shared = LedgerConnections()
  private let lock = NSLock()

  private final class Entry {
    weak var ledger: Ledger?
    let migrated: Bool
    let file: (dev_t, ino_t)

    init(_ ledger: Ledger, migrated: Bool, file: (dev_t, ino_t)) {
      self.ledger = ledger
      self.migrated = migrated
      self.file = file
    }
  }

  private var open: [String: Entry] = [:]

  func open(
    _ url: URL, migrate: Bool = true, check: () throws(TonghopError) -> Void = {}
  ) throws(TonghopError) -> Ledger {
    lock.lock()
    defer { lock.unlock() }
    var info = stat()
    let exists = stat(url.path, &info) == 0
    if exists, let cached = open[url.path], cached.migrated || !migrate, cached.file == (info.st_dev, info.st_ino),
      let ledger = cached.ledger
    {
      return ledger
    }
    if migrate { try check() }
    let ledger = try Ledger(url: url, migrate: migrate)
    guard stat(url.path, &info) == 0 else { return ledger }
    open[url.path] = Entry(ledger, migrated: migrate, file: (info.st_dev, info.st_ino))
    return ledger
  }

  /// True when the ledger accounts for the archive: it records a submitted file (the usual case: the
  /// archive is not even listed); or the archive is empty; or the ledger records runs, none of which
  /// finished an ingest after the archive's oldest file was written (a run killed during its very
  /// first ingest leaves archived files and a ledger with only its run in it). A missing, zero-byte or
  /// unreadable ledger, or one emptied after an ingest, over a full archive: false.
  static func accountsForArchive(
    _ url: URL, oldestArchived: () throws(TonghopError) -> Double?
  ) throws(TonghopError) -> Bool {
    var info = stat()
    guard stat(url.path, &info) == 0, info.st_size > 0, let ledger = try? Ledger(url: url, migrate: false) else {
      return try oldestArchived() == nil
    }
    let state = try? ledger.read { db in
      (
        files: try Int.fetchOne(db, sql: "SELECT count(*) FROM file") ?? 0,
        runs: try Int.fetchOne(db, sql: "SELECT count(*) FROM run") ?? 0,
        ingested: try String.fetchOne(
          db, sql: "SELECT max(finished) FROM run WHERE exit_code = 0 AND (command = 'ingest' OR command LIKE 'run%')")
      )
    }
    if let state, state.files > 0 { return true }
    guard let oldest = try oldestArchived() else { return true }
    guard let state, state.runs > 0 else { return false }
    guard let ingested = state.ingested.flatMap({ ISO8601DateFormatter().date(from: $0) }) else { return true }
    return oldest >= ingested.timeIntervalSince1970
  }
}
