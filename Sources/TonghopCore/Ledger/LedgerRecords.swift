import Foundation
import GRDB

/// A submitted file as the ledger knows it.
public struct SubmittedFile: Sendable, Equatable {
  public enum Status: String, Sendable { case received, parsed, rejected }

  public var id: Int64
  public var sha256: String
  public var path: String
  public var status: Status
  public var encoding: String?
  public var header: [String]
  /// The file-level error found while reading it (T01, T02, T05, T06).
  public var errorCode: String?
  public var errorLine: Int?
  public var errorDetail: String?
  /// Withdrawn by the officer: its rows no longer count.
  public var withdrawn: Bool = false
}

/// A non-blank record of a submitted file, as read.
public struct SubmittedRow: Sendable, Equatable {
  public var fileID: Int64
  public var line: Int
  public var cells: [String]
}

/// What reading a new file produced, recorded in one transaction.
struct ReadOutcome {
  var encoding: String?
  var delimiter: String?
  var header: [String]
  var errorCode: String?
  var errorLine: Int?
  var errorDetail: String?
  var rows: [(line: Int, cells: [String])]
  var rowsRead: Int
  var rowsBlank: Int

  /// `T06`: the file is larger than the limit and was not read.
  static func tooLarge(limit: Int) -> ReadOutcome {
    ReadOutcome(header: [], errorCode: "T06", errorDetail: String(limit), rows: [], rowsRead: 0, rowsBlank: 0)
  }
}

extension Ledger {
  /// The SHA-256 of every file ever recorded.
  func knownHashes() throws(TonghopError) -> Set<String> {
    try read { db in try Set(String.fetchAll(db, sql: "SELECT sha256 FROM file")) }
  }

  /// Records in one transaction: a run's ingest writes a whole batch of files with one commit.
  func record<T>(_ body: (LedgerRecorder) throws -> T) throws(TonghopError) -> T {
    try write { db in try body(try LedgerRecorder(db)) }
  }

  /// Every path seen before with the size, mtime and hash it had then.
  func pathsSeen() throws(TonghopError) -> [String: (size: Int, mtime: Double, sha256: String)] {
    try read { db in
      var seen: [String: (size: Int, mtime: Double, sha256: String)] = [:]
      seen.reserveCapacity(try Int.fetchOne(db, sql: "SELECT count(*) FROM path_seen") ?? 0)
      let rows = try Row.fetchCursor(db, sql: "SELECT path, size, mtime, sha256 FROM path_seen WHERE sha256 IS NOT NULL")
      while let row = try rows.next() {
        seen[row[0]] = (row[1], row[2], row[3])
      }
      return seen
    }
  }

  /// Files received but never read (a run stopped in between): read them again.
  func unreadFiles() throws(TonghopError) -> [(id: Int64, sha256: String, path: String)] {
    try read { db in
      try Row.fetchAll(db, sql: "SELECT id, sha256, path FROM file WHERE status = 'received' ORDER BY id").map {
        (id: $0["id"], sha256: $0["sha256"], path: $0["path"])
      }
    }
  }

  /// Every file in ingest order.
  public func files() throws(TonghopError) -> [SubmittedFile] {
    try read { db in try Ledger.files(db) }
  }

  /// Every file in ingest order with its rows in line order, read in one transaction and handed
  /// over one file at a time, with the number of files.
  func forEachFile(_ body: (SubmittedFile, [SubmittedRow], Int) throws -> Void) throws(TonghopError) {
    try read { db in
      let files = try Ledger.files(db)
      let rows = try Row.fetchCursor(db, sql: "SELECT file_id, line, cells FROM row ORDER BY file_id, line")
      var next = try rows.next().map(Ledger.submittedRow)
      for file in files {
        var own: [SubmittedRow] = []
        while let row = next, row.fileID <= file.id {
          if row.fileID == file.id { own.append(row) }
          next = try rows.next().map(Ledger.submittedRow)
        }
        try body(file, own, files.count)
      }
    }
  }

  /// The stored rows of one file in line order.
  public func rows(ofFile id: Int64) throws(TonghopError) -> [SubmittedRow] {
    try read { db in
      try Row.fetchAll(db, sql: "SELECT file_id, line, cells FROM row WHERE file_id = ? ORDER BY line", arguments: [id])
        .map(Ledger.submittedRow)
    }
  }

  /// A summary that changes whenever what validation reads changes: files added, read, withdrawn,
  /// and files ignored.
  func submissionState() throws(TonghopError) -> String {
    try read { db in
      let files = try Row.fetchOne(
        db,
        sql: """
          SELECT count(*), coalesce(max(id), 0), coalesce(sum(status = 'received'), 0),
            coalesce(group_concat(CASE WHEN withdrawn_at IS NOT NULL THEN id END), '')
          FROM file
          """)!
      let ignored = try Int.fetchOne(db, sql: "SELECT count(*) FROM ignored_file") ?? 0
      return "files \(files[0] as Int) \(files[1] as Int64) received \(files[2] as Int) withdrawn \(files[3] as String) ignored \(ignored)"
    }
  }

  public func ignoredFiles() throws(TonghopError) -> [String] {
    try read { db in try String.fetchAll(db, sql: "SELECT path FROM ignored_file ORDER BY path") }
  }

  private static func files(_ db: Database) throws -> [SubmittedFile] {
    // A cursor reads each row in place (`fetchAll` would copy every row first): one file in a
    // province of one-file units is one row here.
    let rows = try Row.fetchCursor(
      db,
      sql: """
        SELECT id, sha256, path, status, encoding, header_cells, error_code, error_line, error_detail,
          withdrawn_at IS NOT NULL FROM file ORDER BY id
        """)
    var files: [SubmittedFile] = []
    while let row = try rows.next() {
      let header = try row.withUnsafeData(atIndex: 5) { $0.flatMap(StoredCells.decode) }
      files.append(
        SubmittedFile(
          id: row[0], sha256: row[1], path: row[2], status: SubmittedFile.Status(rawValue: row[3]) ?? .received,
          encoding: row[4], header: header ?? [], errorCode: row[6], errorLine: row[7], errorDetail: row[8],
          withdrawn: row[9]))
    }
    return files
  }

  private static func submittedRow(_ row: Row) throws -> SubmittedRow {
    guard let cells = try row.withUnsafeData(atIndex: 2, { $0.flatMap(StoredCells.decode) }) else {
      throw TonghopError(.io, "the ledger holds a damaged row (file \(row[0] as Int64), line \(row[1] as Int))")
    }
    return SubmittedRow(fileID: row[0], line: row[1], cells: cells)
  }
}

/// The statements of ingest, prepared once per transaction.
struct LedgerRecorder {
  /// A path as it was seen, with the hash its bytes had.
  struct PathSeen {
    var path: String
    var size: Int
    var mtime: Double
    var sha256: String
    var at: String
  }

  private let db: Database
  private let insertFile: Statement
  private let insertRow: Statement
  private let updateFile: Statement
  private let insertPath: Statement

  init(_ db: Database) throws {
    self.db = db
    insertFile = try db.cachedStatement(
      sql: """
        INSERT INTO file (sha256, path, size, mtime, first_seen, status, encoding, delimiter, header_cells,
          error_code, error_line, error_detail, rows_read, rows_blank) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """)
    insertRow = try db.cachedStatement(sql: "INSERT INTO row (file_id, line, cells) VALUES (?, ?, ?)")
    updateFile = try db.cachedStatement(
      sql: """
        UPDATE file SET status = ?, encoding = ?, delimiter = ?, header_cells = ?, error_code = ?,
          error_line = ?, error_detail = ?, rows_read = ?, rows_blank = ? WHERE id = ?
        """)
    insertPath = try db.cachedStatement(
      sql: "INSERT OR REPLACE INTO path_seen (path, size, mtime, sha256, last_seen) VALUES (?, ?, ?, ?, ?)")
  }

  /// A new file and what reading it gave, in the transaction that makes it part of the ledger: its
  /// bytes are already in the archive.
  func file(_ seen: PathSeen, _ outcome: ReadOutcome) throws {
    try insertFile.execute(
      arguments: StatementArguments([seen.sha256, seen.path, seen.size, seen.mtime, seen.at] + LedgerRecorder.columns(outcome)))
    try insertRows(of: db.lastInsertedRowID, outcome)
  }

  /// What reading a file gave when an earlier run recorded it as received and stopped.
  func read(fileID: Int64, _ outcome: ReadOutcome) throws {
    try insertRows(of: fileID, outcome)
    try updateFile.execute(arguments: StatementArguments(LedgerRecorder.columns(outcome) + [fileID]))
  }

  private func insertRows(of fileID: Int64, _ outcome: ReadOutcome) throws {
    for row in outcome.rows {
      try insertRow.execute(arguments: [fileID, row.line, StoredCells.encode(row.cells)])
    }
    CrashPoint.reached("in-ledger-transaction")
  }

  /// Status, encoding, delimiter, header, file-level error and row counts, as `file` stores them.
  private static func columns(_ outcome: ReadOutcome) -> [(any DatabaseValueConvertible)?] {
    [
      outcome.errorCode == nil ? "parsed" : "rejected", outcome.encoding, outcome.delimiter,
      StoredCells.encode(outcome.header), outcome.errorCode, outcome.errorLine, outcome.errorDetail,
      outcome.rowsRead, outcome.rowsBlank,
    ]
  }

  func pathSeen(_ seen: PathSeen) throws {
    try insertPath.execute(arguments: [seen.path, seen.size, seen.mtime, seen.sha256, seen.at])
  }

  func ignored(_ path: String, size: Int, at: String) throws {
    try db.execute(
      sql: "INSERT OR IGNORE INTO ignored_file (path, size, first_seen) VALUES (?, ?, ?)", arguments: [path, size, at])
  }
}
