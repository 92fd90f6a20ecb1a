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

  /// The latest `run` that worked on `period`: named on its command line, or (a `run` of the open
  /// periods) named in its report.
  /// Every file the ledger knows whose path contains `text` (after NFC, ignoring case), in the
  /// order received: how the officer finds a file's hash.
  public func files(containing text: String) throws(TonghopError) -> [SubmittedFile] {
    let needle = text.nfc.lowercased()
    return try files().filter { needle.isEmpty || $0.path.nfc.lowercased().contains(needle) }
  }

  public func latestRun(of period: Period) throws(TonghopError) -> RunRecord? {
    try read { db in
      try Row.fetchOne(
        db,
        sql: """
          SELECT * FROM run WHERE (command = 'run' OR command LIKE 'run %')
            AND (instr(command || ' ', ' ' || ? || ' ') > 0 OR instr(report, ?) > 0)
          ORDER BY id DESC LIMIT 1
          """, arguments: [period.code, "kỳ \(period.code)"]
      ).map {
        RunRecord(started: $0["started"], finished: $0["finished"], command: $0["command"], exitCode: $0["exit_code"], report: $0["report"])
      }
    }
  }

  /// Marks a submitted file withdrawn: its rows stop counting from the next validation; nothing is
  /// deleted. `paths` are the ways the officer's reference may name a path under the drop zone;
  /// `reference` may also be the start of a SHA-256 (8 characters at least). Returns the file's path.
  /// A withdrawal is for good: a second one is refused, so that its time and reason stay as recorded.
  public func withdraw(_ reference: String, paths: [String], reason: String, at time: String) throws(TonghopError) -> String {
    let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !reason.isEmpty else {
      throw TonghopError(.usage, "Hãy ghi lý do rút báo cáo sau --ly-do, ví dụ --ly-do \"Đơn vị gửi nhầm tệp\"; lý do được lưu trong sổ.")
    }
    let hash = reference.lowercased()
    let isHash = hash.utf8.count >= 8 && hash.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    // Names compared after NFC: a name from a Mac or a zip (decomposed) is found by typing it.
    let wanted = Set(paths.map(\.nfc))
    let matches = try read { db in
      let seen = Set(
        try Row.fetchAll(db, sql: "SELECT path, sha256 FROM path_seen WHERE sha256 IS NOT NULL").compactMap { row in
          wanted.contains((row[0] as String).nfc) ? row[1] as String : nil
        })
      return try Row.fetchAll(db, sql: "SELECT id, sha256, path, first_seen, withdrawn_at, withdrawn_reason FROM file ORDER BY id")
        .filter { row in
          let sha: String = row["sha256"]
          return wanted.contains((row["path"] as String).nfc) || seen.contains(sha) || (isHash && sha.hasPrefix(hash))
        }
    }
    guard let match = matches.first else {
      throw TonghopError(
        .usage,
        "Không có báo cáo nào đã nhận ứng với «\(reference)». Hãy ghi đường dẫn của tệp trong inputs/submissions (ví dụ 2025-H1/xa-a1.csv, như cột «tep» của danh sách lỗi) hoặc ít nhất 8 ký tự đầu của mã SHA-256 (tên tệp bản lưu trong outputs/archive/).")
    }
    guard matches.count == 1 else {
      let list = matches.map { row in
        let withdrawn = (row["withdrawn_at"] as String?).map { ", đã rút lúc \($0)" } ?? ""
        return "  \(row["sha256"] as String)  \(row["path"] as String) (nhận lúc \(row["first_seen"] as String)\(withdrawn))"
      }
      throw TonghopError(
        .usage,
        (["«\(reference)» ứng với \(matches.count) tệp đã nhận (cùng một đường dẫn được gửi nhiều lần). Hãy ghi mã SHA-256 của tệp cần rút (ít nhất 8 ký tự đầu):"]
          + list).joined(separator: "\n"))
    }
    if let when = match["withdrawn_at"] as String? {
      throw TonghopError(
        .usage,
        "Tệp \(match["path"] as String) đã được rút lúc \(when) với lý do «\(match["withdrawn_reason"] as String? ?? "")»; một báo cáo chỉ rút một lần, lần rút đó được giữ nguyên.")
    }
    let id: Int64 = match["id"]
    try write { db in
      try db.execute(
        sql: "UPDATE file SET withdrawn_at = ?, withdrawn_reason = ? WHERE id = ? AND withdrawn_at IS NULL",
        arguments: [time, reason, id])
    }
    return match["path"]
  }
}
