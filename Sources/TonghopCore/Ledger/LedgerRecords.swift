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
  public func knows(sha256: String) throws(TonghopError) -> Bool {
    try read { db in
      try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM file WHERE sha256 = ?)", arguments: [sha256]) ?? false
    }
  }

  /// Records a new file before it is read: its bytes are already in the archive.
  func recordReceived(sha256: String, path: String, size: Int, mtime: Double, at: String) throws(TonghopError) -> Int64 {
    try write { db in
      try db.execute(
        sql: "INSERT INTO file (sha256, path, size, mtime, first_seen, status) VALUES (?, ?, ?, ?, ?, 'received')",
        arguments: [sha256, path, size, mtime, at])
      return db.lastInsertedRowID
    }
  }

  /// The path it was read from, recorded in the same transaction (one commit per new file).
  struct PathSeen {
    var path: String
    var size: Int
    var mtime: Double
    var sha256: String
    var at: String
  }

  func recordRead(fileID: Int64, _ outcome: ReadOutcome, seen: PathSeen? = nil) throws(TonghopError) {
    let header = String(decoding: (try? JSONEncoder().encode(outcome.header)) ?? Data("[]".utf8), as: UTF8.self)
    try write { db in
      if let seen { try Ledger.insertPath(db, seen) }
      let encoder = JSONEncoder()
      for row in outcome.rows {
        try db.execute(
          sql: "INSERT INTO row (file_id, line, cells) VALUES (?, ?, ?)",
          arguments: [fileID, row.line, String(decoding: try encoder.encode(row.cells), as: UTF8.self)])
      }
      CrashPoint.reached("in-ledger-transaction")
      try db.execute(
        sql: """
          UPDATE file SET status = ?, encoding = ?, delimiter = ?, header = ?, error_code = ?,
            error_line = ?, error_detail = ?, rows_read = ?, rows_blank = ? WHERE id = ?
          """,
        arguments: [
          outcome.errorCode == nil ? "parsed" : "rejected", outcome.encoding, outcome.delimiter, header,
          outcome.errorCode, outcome.errorLine, outcome.errorDetail, outcome.rowsRead, outcome.rowsBlank, fileID,
        ])
    }
  }

  func recordPath(_ seen: PathSeen) throws(TonghopError) {
    try write { db in try Ledger.insertPath(db, seen) }
  }

  private static func insertPath(_ db: Database, _ seen: PathSeen) throws {
    try db.execute(
      sql: "INSERT OR REPLACE INTO path_seen (path, size, mtime, sha256, last_seen) VALUES (?, ?, ?, ?, ?)",
      arguments: [seen.path, seen.size, seen.mtime, seen.sha256, seen.at])
  }

  /// Every path seen before with the size, mtime and hash it had then.
  func pathsSeen() throws(TonghopError) -> [String: (size: Int, mtime: Double, sha256: String)] {
    try read { db in
      var seen: [String: (size: Int, mtime: Double, sha256: String)] = [:]
      for row in try Row.fetchAll(db, sql: "SELECT path, size, mtime, sha256 FROM path_seen WHERE sha256 IS NOT NULL") {
        seen[row["path"]] = (row["size"], row["mtime"], row["sha256"])
      }
      return seen
    }
  }

  func recordIgnored(_ path: String, size: Int, at: String) throws(TonghopError) {
    try write { db in
      try db.execute(
        sql: "INSERT OR IGNORE INTO ignored_file (path, size, first_seen) VALUES (?, ?, ?)",
        arguments: [path, size, at])
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
    try read { db in
      try Row.fetchAll(db, sql: "SELECT * FROM file ORDER BY id").map { row in
        let headerText: String? = row["header"]
        let header = headerText.flatMap { try? JSONDecoder().decode([String].self, from: Data($0.utf8)) } ?? []
        return SubmittedFile(
          id: row["id"], sha256: row["sha256"], path: row["path"],
          status: SubmittedFile.Status(rawValue: row["status"]) ?? .received, encoding: row["encoding"],
          header: header, errorCode: row["error_code"], errorLine: row["error_line"],
          errorDetail: row["error_detail"], withdrawn: (row["withdrawn_at"] as String?) != nil)
      }
    }
  }

  /// The stored rows of one file in line order.
  public func rows(ofFile id: Int64) throws(TonghopError) -> [SubmittedRow] {
    try read { db in
      let decoder = JSONDecoder()
      return try Row.fetchAll(db, sql: "SELECT line, cells FROM row WHERE file_id = ? ORDER BY line", arguments: [id])
        .map { row in
          let text: String = row["cells"]
          return SubmittedRow(fileID: id, line: row["line"], cells: try decoder.decode([String].self, from: Data(text.utf8)))
        }
    }
  }

  public func ignoredFiles() throws(TonghopError) -> [String] {
    try read { db in try String.fetchAll(db, sql: "SELECT path FROM ignored_file ORDER BY path") }
  }
}
