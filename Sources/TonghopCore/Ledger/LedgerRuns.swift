import Foundation
import GRDB

/// One command run, as `tonghop status` shows the latest.
public struct RunRecord: Sendable, Equatable {
  public var started: String
  public var finished: String?
  public var command: String
  public var exitCode: Int?
  public var report: String
}

extension Ledger {
  public func startRun(_ command: String, at time: String) throws(TonghopError) -> Int64 {
    try write { db in
      try db.execute(sql: "INSERT INTO run (started, command, report) VALUES (?, ?, '')", arguments: [time, command])
      return db.lastInsertedRowID
    }
  }

  public func finishRun(_ id: Int64, at time: String, exitCode: Int32, report: String) throws(TonghopError) {
    try write { db in
      try db.execute(
        sql: "UPDATE run SET finished = ?, exit_code = ?, report = ? WHERE id = ?",
        arguments: [time, Int(exitCode), report, id])
    }
  }

  public func latestRun() throws(TonghopError) -> RunRecord? {
    try read { db in
      try Row.fetchOne(db, sql: "SELECT * FROM run ORDER BY id DESC LIMIT 1").map {
        RunRecord(started: $0["started"], finished: $0["finished"], command: $0["command"], exitCode: $0["exit_code"], report: $0["report"])
      }
    }
  }

  /// Marks a submitted file withdrawn (by its path or the start of its SHA-256): its rows stop
  /// counting from the next validation; nothing is deleted. Returns the file's path.
  public func withdraw(_ reference: String, reason: String, at time: String) throws(TonghopError) -> String {
    let matches = try read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT id, path, withdrawn_at FROM file
          WHERE path = ? OR (length(?) >= 8 AND sha256 LIKE ? || '%')
             OR sha256 IN (SELECT sha256 FROM path_seen WHERE path = ?)
          """,
        arguments: [reference, reference, reference.lowercased(), reference])
    }
    guard matches.count == 1, let match = matches.first else {
      throw TonghopError(
        .usage,
        matches.isEmpty
          ? "no submitted file is \(reference): give its path under inputs/submissions or at least 8 characters of its SHA-256"
          : "\(reference) names \(matches.count) files: give more of the SHA-256")
    }
    let id: Int64 = match["id"]
    try write { db in
      try db.execute(
        sql: "UPDATE file SET withdrawn_at = ?, withdrawn_reason = ? WHERE id = ?", arguments: [time, reason, id])
    }
    return match["path"]
  }
}
