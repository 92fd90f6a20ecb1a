import Foundation
import GRDB

/// `outputs/ledger.sqlite`: every file ever seen, its hash, its fate, and every parsed row.
public final class Ledger: Sendable {
  let queue: DatabaseQueue

  public let url: URL

  /// Opens the ledger for a command that holds the lock: migrated to the current schema. With
  /// `migrate: false` (`status`, which does not take the lock) it is read as it is. A connection that
  /// may write, even one that never does, rolls back what a killed writer left in its journal; a
  /// read-only one cannot, and fails on such a ledger: read-only only when writing is not allowed.
  init(url: URL, migrate: Bool, readOnly: Bool? = nil) throws(TonghopError) {
    self.url = url
    do {
      var configuration = Configuration()
      // `status` reads while a run writes: wait for the writer's commit instead of failing.
      configuration.busyMode = .timeout(60)
      configuration.readonly =
        readOnly ?? (!migrate && (access(url.path, W_OK) != 0 || access(url.deletingLastPathComponent().path, W_OK) != 0))
      configuration.prepareDatabase { db in
        // Committed means on disk: a power cut never loses a recorded submission.
        if migrate { try db.execute(sql: "PRAGMA synchronous = FULL") }
        // Tens of thousands of files put hashes all over the index: keep its pages in memory (64 MiB
        // at most, against SQLite's 2 MiB).
        try db.execute(sql: "PRAGMA cache_size = -65536")
      }
      queue = try DatabaseQueue(path: url.path, configuration: configuration)
      if migrate { try Ledger.migrator.migrate(queue) }
    } catch {
      throw TonghopError(.io, "Không mở được sổ ghi nhận \(url.path): \(Ledger.explain(error))")
    }
  }

  /// SQLite's and GRDB's errors in the officer's words.
  static func explain(_ error: any Error) -> String {
    guard let error = error as? DatabaseError else { return SystemError.explain(error) }
    switch error.resultCode {
    case .SQLITE_BUSY, .SQLITE_LOCKED: return "sổ đang được một lần chạy khác ghi; hãy thử lại sau"
    case .SQLITE_FULL: return "ổ đĩa đã đầy; hãy giải phóng dung lượng rồi chạy lại (kết quả cũ vẫn được giữ nguyên)"
    case .SQLITE_CORRUPT, .SQLITE_NOTADB:
      return "tệp sổ bị hỏng; hãy khôi phục từ bản sao trong outputs/backup/ (xem HUONG-DAN.md, mục sao lưu sổ ghi nhận)"
    case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_AUTH, .SQLITE_CANTOPEN:
      return "không có quyền ghi hoặc không mở được tệp; hãy chạy bằng tài khoản sở hữu thư mục làm việc"
    case .SQLITE_IOERR: return "lỗi đọc/ghi của ổ đĩa"
    default: return "lỗi cơ sở dữ liệu SQLite (mã \(error.resultCode.rawValue))"
    }
  }

  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1") { db in
      try db.execute(
        sql: """
          CREATE TABLE file (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            sha256 TEXT NOT NULL UNIQUE,
            path TEXT NOT NULL,
            size INTEGER NOT NULL,
            mtime REAL NOT NULL,
            first_seen TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('received', 'parsed', 'rejected')),
            encoding TEXT,
            delimiter TEXT,
            header TEXT,
            error_code TEXT,
            error_line INTEGER,
            error_detail TEXT,
            rows_read INTEGER,
            rows_blank INTEGER
          );
          CREATE TABLE row (
            file_id INTEGER NOT NULL REFERENCES file(id),
            line INTEGER NOT NULL,
            cells TEXT NOT NULL,
            PRIMARY KEY (file_id, line)
          ) WITHOUT ROWID;
          CREATE TABLE path_seen (
            path TEXT PRIMARY KEY,
            size INTEGER NOT NULL,
            mtime REAL NOT NULL,
            sha256 TEXT,
            last_seen TEXT NOT NULL
          ) WITHOUT ROWID;
          CREATE TABLE ignored_file (
            path TEXT PRIMARY KEY,
            size INTEGER NOT NULL,
            first_seen TEXT NOT NULL
          ) WITHOUT ROWID;
          """)
    }
    migrator.registerMigration("v2") { db in
      try db.execute(
        sql: """
          ALTER TABLE file ADD COLUMN withdrawn_at TEXT;
          ALTER TABLE file ADD COLUMN withdrawn_reason TEXT;
          CREATE TABLE run (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            started TEXT NOT NULL,
            finished TEXT,
            command TEXT NOT NULL,
            exit_code INTEGER,
            report TEXT
          );
          """)
    }
    migrator.registerMigration("v3") { db in
      // Rows and headers as StoredCells instead of JSON text: a tenth of the cost to write and read.
      try db.execute(
        sql: """
          CREATE TABLE row_v3 (
            file_id INTEGER NOT NULL REFERENCES file(id),
            line INTEGER NOT NULL,
            cells BLOB NOT NULL,
            PRIMARY KEY (file_id, line)
          ) WITHOUT ROWID;
          ALTER TABLE file ADD COLUMN header_cells BLOB;
          """)
      let insert = try db.makeStatement(sql: "INSERT INTO row_v3 (file_id, line, cells) VALUES (?, ?, ?)")
      let rows = try Row.fetchCursor(db, sql: "SELECT file_id, line, cells FROM row")
      while let row = try rows.next() {
        let json: String = row["cells"]
        try insert.execute(arguments: [row["file_id"], row["line"], StoredCells.encode(try decodeJSON(json))])
      }
      let update = try db.makeStatement(sql: "UPDATE file SET header_cells = ? WHERE id = ?")
      for row in try Row.fetchAll(db, sql: "SELECT id, header FROM file WHERE header IS NOT NULL") {
        let json: String = row["header"]
        try update.execute(arguments: [StoredCells.encode(try decodeJSON(json)), row["id"]])
      }
      try db.execute(
        sql: """
          DROP TABLE row;
          ALTER TABLE row_v3 RENAME TO row;
          ALTER TABLE file DROP COLUMN header;
          """)
    }
    migrator.registerMigration("v4") { db in
      // The identity git's index compares (a file restored with its old mtime has a new ctime), and
      // the drop zone's entries that were not read, as the last ingest found them.
      try db.execute(
        sql: """
          ALTER TABLE path_seen ADD COLUMN ctime REAL;
          ALTER TABLE path_seen ADD COLUMN inode INTEGER;
          DROP TABLE ignored_file;
          CREATE TABLE unread_entry (
            path TEXT PRIMARY KEY,
            code TEXT NOT NULL,
            reason TEXT NOT NULL
          ) WITHOUT ROWID;
          """)
    }
    migrator.registerMigration("v5") { db in
      // Signed versions of a period (chốt số liệu): the folder chot/<period>/lan-<version> exists
      // for each row, and its danh-sach.csv hashes to list_sha256.
      try db.execute(
        sql: """
          CREATE TABLE signing (
            period TEXT NOT NULL,
            version INTEGER NOT NULL,
            number TEXT NOT NULL,
            date TEXT NOT NULL,
            signed_at TEXT NOT NULL,
            list_sha256 TEXT NOT NULL,
            PRIMARY KEY (period, version)
          ) WITHOUT ROWID;
          """)
    }
    migrator.registerMigration("v6") { db in
      // Template rows left unfilled are no longer reports but blank rows (submissions.md): the rows
      // recorded before are set aside as ingest now sets them aside.
      let files = try Row.fetchAll(db, sql: "SELECT id, header_cells FROM file WHERE header_cells IS NOT NULL")
      let delete = try db.makeStatement(sql: "DELETE FROM row WHERE file_id = ? AND line = ?")
      let count = try db.makeStatement(sql: "UPDATE file SET rows_blank = coalesce(rows_blank, 0) + ? WHERE id = ?")
      for file in files {
        let id: Int64 = file["id"]
        guard let header = try file.withUnsafeData(atIndex: 1, { $0.flatMap(StoredCells.decode) }) else { continue }
        let check = HeaderCheck(header: header)
        var unfilled: [Int] = []
        for row in try Row.fetchAll(db, sql: "SELECT line, cells FROM row WHERE file_id = ?", arguments: [id]) {
          let cells = try row.withUnsafeData(atIndex: 1) { $0.flatMap(StoredCells.decode) } ?? []
          if check.isUnfilledTemplateRow(cells) { unfilled.append(row["line"]) }
        }
        for line in unfilled { try delete.execute(arguments: [id, line]) }
        if !unfilled.isEmpty { try count.execute(arguments: [unfilled.count, id]) }
      }
    }
    migrator.registerMigration("v7") { db in
      // Excel workbooks are submissions too: what kind each file is (its archive name's extension),
      // and what a workbook cell said beyond its text (a fraction, a formula without its result).
      try db.execute(
        sql: """
          ALTER TABLE file ADD COLUMN kind TEXT NOT NULL DEFAULT 'csv';
          ALTER TABLE row ADD COLUMN notes BLOB;
          """)
    }
    return migrator
  }

  private static func decodeJSON(_ text: String) throws -> [String] {
    try JSONDecoder().decode([String].self, from: Data(text.utf8))
  }

  /// Rows this process has inserted, updated or deleted so far: the same number before and after a
  /// command means it recorded nothing.
  public var changes: Int { queue.inDatabase { $0.totalChangesCount } }

  /// SQLite's own check of the database file: "ok" when it is sound.
  public func integrityCheck() throws(TonghopError) -> String {
    try read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ") }
  }

  func write<T>(_ body: (Database) throws -> T) throws(TonghopError) -> T {
    do {
      return try queue.write(body)
    } catch let error as TonghopError {
      throw error
    } catch {
      throw TonghopError(.io, "Không ghi được vào sổ ghi nhận \(url.path): \(Ledger.explain(error))")
    }
  }

  func read<T>(_ body: (Database) throws -> T) throws(TonghopError) -> T {
    do {
      return try queue.read(body)
    } catch let error as TonghopError {
      throw error
    } catch {
      throw TonghopError(.io, "Không đọc được sổ ghi nhận \(url.path): \(Ledger.explain(error))")
    }
  }
}
