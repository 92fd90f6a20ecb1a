import Foundation
import GRDB

/// `outputs/ledger.sqlite`: every file ever seen, its hash, its fate, and every parsed row.
public final class Ledger {
  let queue: DatabaseQueue

  public init(url: URL) throws(TonghopError) {
    do {
      var configuration = Configuration()
      configuration.prepareDatabase { db in
        // Committed means on disk: a power cut never loses a recorded submission.
        try db.execute(sql: "PRAGMA synchronous = FULL")
      }
      queue = try DatabaseQueue(path: url.path, configuration: configuration)
      try Ledger.migrator.migrate(queue)
    } catch {
      throw TonghopError(.io, "cannot open the ledger \(url.path): \(error)")
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
    return migrator
  }

  /// SQLite's own check of the database file: "ok" when it is sound.
  public func integrityCheck() throws(TonghopError) -> String {
    try read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ") }
  }

  func write<T>(_ body: (Database) throws -> T) throws(TonghopError) -> T {
    do {
      return try queue.write(body)
    } catch {
      throw TonghopError(.io, "the ledger could not be updated: \(error)")
    }
  }

  func read<T>(_ body: (Database) throws -> T) throws(TonghopError) -> T {
    do {
      return try queue.read(body)
    } catch {
      throw TonghopError(.io, "the ledger could not be read: \(error)")
    }
  }
}
