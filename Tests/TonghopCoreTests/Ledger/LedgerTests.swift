import Foundation
import GRDB
import Testing
import TonghopTestSupport

@testable import TonghopCore

@Suite struct LedgerTests {
  @Test func storedCellsKeepEveryText() throws {
    let long = String(repeating: "Tuyên truyền bình đẳng giới; ", count: 40)
    let lists: [[String]] = [[], [""], ["", "", ""], ["a,b", "\"q\"", "x\u{0}y", "\r\n"], ["Đ", long, "\u{1F}\u{7F}"]]
    for cells in lists {
      #expect(StoredCells.decode(StoredCells.encode(cells)) == cells)
    }
    #expect(long.utf8.count > 1 << 7)
    let encoded = StoredCells.encode(["abc", long])
    #expect(StoredCells.decode(encoded.prefix(encoded.count - 1)) == nil)
    #expect(StoredCells.decode(Data([0xFF])) == nil)
    // A damaged blob whose length decodes negative is refused, never a trap.
    #expect(StoredCells.decode(Data([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x40, 0x41])) == nil)
  }

  /// A ledger that is missing, empty or of zero bytes while the archive holds what units sent is
  /// never taken for a new one: withdrawn files would count again and rows of files no longer in the
  /// drop zone would vanish.
  @Test(arguments: ["missing", "zero bytes", "no files", "emptied"])
  func aLostLedgerOverAFullArchiveIsRefused(_ how: String) throws {
    let workspace = try TestWorkspace()
    try workspace.submitSmallFirstHalf()
    _ = try workspace.pipeline.ingest()
    let url = workspace.url("outputs/ledger.sqlite")
    try FileManager.default.removeItem(at: url)
    switch how {
    case "zero bytes": try Data().write(to: url)
    case "no files":
      let queue = try DatabaseQueue(path: url.path)
      try Ledger.migrator.migrate(queue)
      try queue.close()
    case "emptied":
      // Its tables emptied by hand after an ingest that had recorded the archive's files.
      let queue = try DatabaseQueue(path: url.path)
      try Ledger.migrator.migrate(queue)
      try queue.write { db in
        try db.execute(
          sql: "INSERT INTO run (started, finished, command, exit_code, report) VALUES (?, ?, 'run 2024-H1', 0, '')",
          arguments: [ISO8601DateFormatter().string(from: Date()), ISO8601DateFormatter().string(from: Date().addingTimeInterval(5))])
      }
      try queue.close()
    default: break
    }
    let error = #expect(throws: TonghopError.self) { try workspace.pipeline.workspace.openLedger() }
    #expect(error?.exitCode == 1)
    #expect(error?.message.contains("outputs/backup") == true)
    #expect(throws: TonghopError.self) { try workspace.pipeline.ingest() }
    #expect(FileManager.default.fileExists(atPath: url.path) == (how != "missing"))
  }

  @Test func aLedgerIsBackedUpAndTheLast14DaysAreKept() throws {
    let workspace = try TestWorkspace()
    try workspace.submitSmallFirstHalf()
    let ledger = try workspace.pipeline.workspace.openLedger()
    _ = try workspace.pipeline.ingest()
    for day in 1...16 {
      try LedgerBackup.save(ledger, in: Workspace(root: workspace.root), on: CalendarDay(year: 2025, month: 1, day: day)!)
    }
    let copies = try FileManager.default.contentsOfDirectory(atPath: workspace.url("outputs/backup").path).sorted()
    #expect(copies.count == 14 && copies.first == "ledger-2025-01-03.sqlite" && copies.last == "ledger-2025-01-16.sqlite")
    // A copy is a whole ledger: restored over a lost one, every file is there again.
    let restored = try Ledger(url: workspace.url("outputs/backup/ledger-2025-01-16.sqlite"), migrate: false)
    #expect(try restored.files().count == 5)
    #expect(try restored.integrityCheck() == "ok")
    // Copies dated in the future (a clock set wrong once) never push out the day's own copy, and
    // files that are not this program's copies are left alone.
    for day in 1...15 { try workspace.write("outputs/backup/ledger-2099-01-\(day < 10 ? "0" : "")\(day).sqlite", "x") }
    try workspace.write("outputs/backup/ledger-cu.sqlite", "x")
    try LedgerBackup.save(ledger, in: Workspace(root: workspace.root), on: CalendarDay(year: 2025, month: 1, day: 17)!)
    let after = try FileManager.default.contentsOfDirectory(atPath: workspace.url("outputs/backup").path)
    #expect(after.contains("ledger-2025-01-17.sqlite") && after.contains("ledger-cu.sqlite"))
    #expect(after.count == 15)
  }

  @Test func aWithdrawalIsForGoodWithAReasonAndFoundByAnyFormOfItsPath() throws {
    let workspace = try TestWorkspace()
    let header = "ma_don_vi,ky_bao_cao,ngay_lap\n"
    try workspace.submit("Huyen A/xa.csv", header + "90101,2024-H1,2024-06-01\n")
    _ = try workspace.pipeline.ingest()
    try workspace.submit("Huyen A/xa.csv", header + "90101,2024-H1,2024-06-02\n")
    _ = try workspace.pipeline.ingest()
    let space = Workspace(root: workspace.root)
    let ledger = try space.openLedger()
    func withdraw(_ reference: String, from folder: String, reason: String = "gửi nhầm") throws -> String {
      try ledger.withdraw(reference, paths: space.dropZonePaths(for: reference, currentFolder: folder), reason: reason, at: "t")
    }
    // The same path sent twice: ambiguous, and the message lists both hashes.
    let files = try ledger.files()
    let ambiguous = #expect(throws: TonghopError.self) { try withdraw("Huyen A/xa.csv", from: "/") }
    #expect(ambiguous?.exitCode == 2)
    #expect(files.allSatisfy { ambiguous?.message.contains($0.sha256) == true })
    // An empty reason is refused.
    #expect(throws: TonghopError.self) { try withdraw(String(files[0].sha256.prefix(10)), from: "/", reason: "  ") }
    // By hash; then relative to the current folder and absolute: found, and refused as already withdrawn.
    #expect(try withdraw(String(files[0].sha256.prefix(10)), from: "/") == "Huyen A/xa.csv")
    let again = #expect(throws: TonghopError.self) { try withdraw(files[0].sha256, from: "/", reason: "lần hai") }
    #expect(again?.message.contains("gửi nhầm") == true && again?.exitCode == 2)
    #expect(try ledger.files().filter(\.withdrawn).count == 1)
    let submissions = workspace.url("inputs/submissions").path
    #expect(space.dropZonePaths(for: "xa.csv", currentFolder: submissions + "/Huyen A").contains("Huyen A/xa.csv"))
    #expect(space.dropZonePaths(for: submissions + "/Huyen A/xa.csv", currentFolder: "/").contains("Huyen A/xa.csv"))
    #expect(space.dropZonePaths(for: "inputs/submissions/Huyen A/xa.csv", currentFolder: workspace.root.path).contains("Huyen A/xa.csv"))
  }

  /// A ledger written before rows were stored as StoredCells (JSON text) opens with every header and
  /// row as it was.
  @Test func aLedgerOfTheJSONVersionIsConverted() throws {
    let workspace = try TestWorkspace()
    let url = workspace.url("outputs/ledger.sqlite")
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    let queue = try DatabaseQueue(path: url.path)
    try Ledger.migrator.migrate(queue, upTo: "v2")
    try queue.write { db in
      try db.execute(
        sql: """
          INSERT INTO file (id, sha256, path, size, mtime, first_seen, status, header)
          VALUES (7, 'abc', 'xa.csv', 10, 1.5, '2024-07-01', 'parsed', '["ma_don_vi","ghi_chú"]');
          INSERT INTO file (id, sha256, path, size, mtime, first_seen, status) VALUES (8, 'def', 'x.pdf', 1, 1, '2024-07-01', 'rejected');
          INSERT INTO row (file_id, line, cells) VALUES (7, 2, '["90101","Nhà văn hóa, \\"thôn 3\\""]');
          INSERT INTO row (file_id, line, cells) VALUES (7, 4, '["90102",""]');
          """)
    }
    try queue.close()

    let ledger = try Ledger(url: url, migrate: true)
    let files = try ledger.files()
    #expect(files.map(\.header) == [["ma_don_vi", "ghi_chú"], []])
    #expect(try ledger.rows(ofFile: 7).map(\.cells) == [["90101", "Nhà văn hóa, \"thôn 3\""], ["90102", ""]])
    #expect(try ledger.rows(ofFile: 7).map(\.line) == [2, 4])
    #expect(try ledger.integrityCheck() == "ok")
  }

  /// A writer killed inside a transaction leaves a hot journal: the next reader (`status`, without
  /// the lock) and the next command roll it back instead of calling the ledger lost.
  @Test func aHotJournalLeftByAKilledWriterIsRolledBack() throws {
    let workspace = try TestWorkspace()
    try workspace.submitSmallFirstHalf()
    let pipeline = try workspace.pipeline
    _ = try pipeline.ingest()
    let url = workspace.url("outputs/ledger.sqlite")
    let files = try Workspace(root: workspace.root).openLedger().files().count
    let python = ProcessInfo.processInfo.environment["TONGHOP_PYTHON"] ?? "/usr/bin/python3"
    let killed = try Subprocess.run(
      URL(fileURLWithPath: python),
      [
        "-c",
        // A small page cache spills the transaction into the database file before the commit: the
        // journal is synced and the database half written, as when a commit is killed.
        """
        import sqlite3, os
        c = sqlite3.connect('\(url.path)', isolation_level=None)
        c.execute('PRAGMA cache_size=10')
        c.execute('BEGIN IMMEDIATE')
        c.execute("UPDATE file SET path = path || '-x'")
        c.execute('CREATE TABLE junk(x)')
        c.executemany('INSERT INTO junk VALUES (?)', [('y' * 200,) for _ in range(20000)])
        os._exit(0)
        """,
      ])
    #expect(killed.status == 0, "\(killed.errors)")
    #expect(access(url.path + "-journal", F_OK) == 0)
    // Another process: this one's connection is cached.
    let status = try Subprocess.run(Subprocess.tonghop, ["--root", workspace.root.path, "status", "--period", "2024-H1"])
    #expect(status.status == 0, "\(status.errors)")
    let verify = try Subprocess.run(Subprocess.tonghop, ["--root", workspace.root.path, "verify"])
    #expect(verify.status == 0, "\(verify.errors)")
    let ledger = try Ledger(url: url, migrate: false)
    #expect(try ledger.files().count == files)
    #expect(try ledger.files().allSatisfy { !$0.path.hasSuffix("-x") })
  }

  /// Template rows left unfilled that an older version recorded as rows are set aside as blank rows.
  @Test func unfilledTemplateRowsRecordedBeforeAreSetAside() throws {
    let workspace = try TestWorkspace()
    let url = workspace.url("outputs/ledger.sqlite")
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    let queue = try DatabaseQueue(path: url.path)
    try Ledger.migrator.migrate(queue, upTo: "v5")
    let header = ["ma_don_vi", "ky_bao_cao", "ngay_lap", "nguoi_lap", "cuoc_tt", "luot_nam", "ghi_chu"]
    try queue.write { db in
      try db.execute(
        sql: """
          INSERT INTO file (id, sha256, path, size, mtime, first_seen, status, header_cells, rows_read, rows_blank)
          VALUES (3, 'abc', 'mau-xa.csv', 10, 1.5, '2024-07-01', 'parsed', ?, 3, 0)
          """, arguments: [StoredCells.encode(header)])
      for (line, cells) in [
        (2, ["90101", "2024-H1", "05/06/2024", "", "2", "10", ""]), (3, ["90102", "2024-H1", "", "Lan", "", "", "chưa làm"]),
        (4, ["90201", "2024-H1", "", "", "0", "", ""]),
      ] {
        try db.execute(sql: "INSERT INTO row (file_id, line, cells) VALUES (3, ?, ?)", arguments: [line, StoredCells.encode(cells)])
      }
    }
    try queue.close()
    let ledger = try Ledger(url: url, migrate: true)
    // Line 3 names its author and a note but carries no date and no value: not a report. Line 4 has a 0.
    #expect(try ledger.rows(ofFile: 3).map(\.line) == [2, 4])
    #expect(try ledger.read { db in try Int.fetchOne(db, sql: "SELECT rows_blank FROM file WHERE id = 3") } == 1)
  }

  /// Batches end at the limit; files split over several batches (each recorded while the next is
  /// archived), and copies inside a batch and across batches, are recorded and reported exactly as
  /// by one batch.
  @Test func batchesGiveTheSameLedgerAsOneBatch() throws {
    func ingest(limit: (files: Int, bytes: Int)) throws -> (files: [String], rows: [[String]], paths: Int, report: [String]) {
      let workspace = try TestWorkspace()
      for n in 0..<23 {
        let code = n == 9 ? 3 : n  // file 9 repeats the bytes of file 3
        try workspace.submit(
          String(format: "d%02d/xa.csv", n), "ma_don_vi,ky_bao_cao,ngay_lap,cuoc_tt\n901\(code),2024-H1,2024-06-05,\(code)\n")
      }
      let ledger = try workspace.pipeline.workspace.openLedger()
      var stage = IngestStage(workspace: try workspace.pipeline.workspace, ledger: ledger, config: .standard, now: "t")
      stage.batchLimit = limit
      let summary = try stage.run()
      #expect(summary.newFiles == 22 && summary.knownFiles == 1 && summary.hashedFiles == 23)
      let files = try ledger.files()
      #expect(files.allSatisfy { $0.status == .parsed })
      let rows = try files.flatMap { try ledger.rows(ofFile: $0.id).map(\.cells) }
      let paths = try ledger.pathsSeen().count
      #expect(try stage.run().hashedFiles == 0)
      return (files.map(\.path), rows, paths, summary.files)
    }
    let whole = try ingest(limit: (files: 10_000, bytes: 1 << 20))
    #expect(whole.files.count == 22 && whole.paths == 23 && whole.report.count == 22)
    #expect(try ingest(limit: (files: 4, bytes: 1 << 20)) == whole)
    #expect(try ingest(limit: (files: 10_000, bytes: 100)) == whole)
  }
}
