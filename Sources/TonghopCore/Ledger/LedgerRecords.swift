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
  /// When the officer withdrew it (ISO 8601), and why: its rows no longer count.
  public var withdrawnAt: String? = nil
  public var withdrawnReason: String? = nil
  public var withdrawn: Bool { withdrawnAt != nil }
  /// When ingest first recorded it (ISO 8601).
  public var firstSeen: String = ""
  public var kind: SubmissionKind = .csv
}

/// A non-blank record of a submitted file, as read.
public struct SubmittedRow: Sendable, Equatable {
  public var fileID: Int64
  public var line: Int
  public var cells: [String]
  /// What workbook cells said beyond their text, by cell index.
  public var notes: [Int: CellNote] = [:]
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
  /// By line: the notes of a workbook row's cells, by cell index.
  var notes: [Int: [Int: CellNote]] = [:]
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

  /// Every path seen before with the identity it had then.
  func pathsSeen() throws(TonghopError) -> [String: DropZone.Identity] {
    try read { db in
      var seen: [String: DropZone.Identity] = [:]
      seen.reserveCapacity(try Int.fetchOne(db, sql: "SELECT count(*) FROM path_seen") ?? 0)
      let rows = try Row.fetchCursor(
        db, sql: "SELECT path, size, mtime, ctime, inode FROM path_seen WHERE sha256 IS NOT NULL AND ctime IS NOT NULL")
      while let row = try rows.next() {
        seen[row[0]] = DropZone.Identity(size: row[1], mtime: row[2], ctime: row[3], inode: UInt64(bitPattern: row[4] as Int64))
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
      let rows = try Row.fetchCursor(db, sql: "SELECT file_id, line, cells, notes FROM row ORDER BY file_id, line")
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
      try Row.fetchAll(db, sql: "SELECT file_id, line, cells, notes FROM row WHERE file_id = ? ORDER BY line", arguments: [id])
        .map(Ledger.submittedRow)
    }
  }

  /// A summary that changes whenever what validation reads changes: the exact set of submissions
  /// (their hashes, whether read, whether withdrawn) and the entries of the drop zone not read.
  func submissionState() throws(TonghopError) -> String {
    try read { db in
      var lines: [String] = []
      let files = try Row.fetchCursor(db, sql: "SELECT id, sha256, path, status, withdrawn_at IS NOT NULL FROM file ORDER BY id")
      while let row = try files.next() {
        lines.append("file \(row[0] as Int64) \(row[1] as String) \(row[3] as String) \(row[4] as Bool) \(row[2] as String)")
      }
      for row in try Row.fetchAll(db, sql: "SELECT path, code, reason FROM unread_entry ORDER BY path") {
        lines.append("unread \(row[1] as String) \(row[0] as String) \(row[2] as String)")
      }
      return lines.joined(separator: "\n")
    }
  }

  /// The drop zone's entries that the last ingest did not read (`T09`, `T10`), by path.
  func unreadEntries() throws(TonghopError) -> [DropZone.Unread] {
    try read { db in
      try Row.fetchAll(db, sql: "SELECT path, code, reason FROM unread_entry ORDER BY path").map {
        DropZone.Unread(path: $0[0], code: IssueCode(rawValue: $0[1]) ?? .T10, reason: $0[2])
      }
    }
  }

  private static func files(_ db: Database) throws -> [SubmittedFile] {
    // A cursor reads each row in place (`fetchAll` would copy every row first): one file in a
    // province of one-file units is one row here.
    let rows = try Row.fetchCursor(
      db,
      sql: """
        SELECT id, sha256, path, status, encoding, header_cells, error_code, error_line, error_detail,
          withdrawn_at, first_seen, withdrawn_reason, kind FROM file ORDER BY id
        """)
    var files: [SubmittedFile] = []
    while let row = try rows.next() {
      let header = try row.withUnsafeData(atIndex: 5) { $0.flatMap(StoredCells.decode) }
      files.append(
        SubmittedFile(
          id: row[0], sha256: row[1], path: row[2], status: SubmittedFile.Status(rawValue: row[3]) ?? .received,
          encoding: row[4], header: header ?? [], errorCode: row[6], errorLine: row[7], errorDetail: row[8],
          withdrawnAt: row[9], withdrawnReason: row[11], firstSeen: row[10],
          kind: SubmissionKind(rawValue: row[12]) ?? .csv))
    }
    return files
  }

  private static func submittedRow(_ row: Row) throws -> SubmittedRow {
    guard let cells = try row.withUnsafeData(atIndex: 2, { $0.flatMap(StoredCells.decode) }) else {
      throw TonghopError(.io, "Sổ ghi nhận có một dòng bị hỏng (tệp số \(row[0] as Int64), dòng \(row[1] as Int)); hãy khôi phục sổ từ outputs/backup/ (xem HUONG-DAN.md, mục 8)")
    }
    let notes = try row.withUnsafeData(atIndex: 3) { $0.flatMap(StoredCells.decode) } ?? []
    return SubmittedRow(fileID: row[0], line: row[1], cells: cells, notes: CellNote.decode(notes))
  }
}

/// The statements of ingest, prepared once per transaction.
struct LedgerRecorder {
  /// A path as it was seen, with the hash its bytes had.
  struct PathSeen {
    var path: String
    var identity: DropZone.Identity
    var sha256: String
    var at: String

    var kind: SubmissionKind { SubmissionKind(path: path) ?? .csv }
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
          error_code, error_line, error_detail, rows_read, rows_blank, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """)
    insertRow = try db.cachedStatement(sql: "INSERT INTO row (file_id, line, cells, notes) VALUES (?, ?, ?, ?)")
    updateFile = try db.cachedStatement(
      sql: """
        UPDATE file SET status = ?, encoding = ?, delimiter = ?, header_cells = ?, error_code = ?,
          error_line = ?, error_detail = ?, rows_read = ?, rows_blank = ? WHERE id = ?
        """)
    insertPath = try db.cachedStatement(
      sql: "INSERT OR REPLACE INTO path_seen (path, size, mtime, ctime, inode, sha256, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?)")
  }

  /// A new file and what reading it gave, in the transaction that makes it part of the ledger: its
  /// bytes are already in the archive.
  func file(_ seen: PathSeen, _ outcome: ReadOutcome) throws {
    try insertFile.execute(
      arguments: StatementArguments(
        [seen.sha256, seen.path, seen.identity.size, seen.identity.mtime, seen.at] + LedgerRecorder.columns(outcome)
          + [seen.kind.rawValue]))
    try insertRows(of: db.lastInsertedRowID, outcome)
  }

  /// What reading a file gave when an earlier run recorded it as received and stopped.
  func read(fileID: Int64, _ outcome: ReadOutcome) throws {
    try insertRows(of: fileID, outcome)
    try updateFile.execute(arguments: StatementArguments(LedgerRecorder.columns(outcome) + [fileID]))
  }

  private func insertRows(of fileID: Int64, _ outcome: ReadOutcome) throws {
    for row in outcome.rows {
      let notes = outcome.notes[row.line].map(CellNote.encode)
      try insertRow.execute(arguments: [fileID, row.line, StoredCells.encode(row.cells), notes])
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
    let identity = seen.identity
    try insertPath.execute(
      arguments: [
        seen.path, identity.size, identity.mtime, identity.ctime, Int64(bitPattern: identity.inode), seen.sha256, seen.at,
      ])
  }

  /// The drop zone's entries not read, as this ingest found them: those gone are no longer listed.
  func replaceUnread(_ entries: [DropZone.Unread]) throws {
    try db.execute(sql: "DELETE FROM unread_entry")
    let insert = try db.cachedStatement(sql: "INSERT OR REPLACE INTO unread_entry (path, code, reason) VALUES (?, ?, ?)")
    for entry in entries { try insert.execute(arguments: [entry.path, entry.code.rawValue, entry.reason]) }
  }
}
