import Foundation
import GRDB

/// A signed version of a period's numbers (chốt số liệu), as the ledger records it.
public struct Signing: Sendable, Equatable {
  public var period: Period
  /// N of `outputs/chot/<period>/lan-<N>/`: 1 for the report, 2 for its first revision, …
  public var version: Int
  /// The document number written into "Số: …", e.g. "15/BC-SNV".
  public var number: String
  /// The date written into "…, ngày … tháng … năm …".
  public var date: CalendarDay
  /// When it was recorded (ISO 8601).
  public var signedAt: String
  /// The SHA-256 of the folder's `danh-sach.csv`.
  public var listSHA256: String

  /// The title of the signed report: "BÁO CÁO", then "BÁO CÁO ĐIỀU CHỈNH LẦN N−1" for a revision.
  public var title: String { version == 1 ? "BÁO CÁO" : "BÁO CÁO ĐIỀU CHỈNH LẦN \(version - 1)" }

  /// "lần 2 " for a revision, nothing for the first signing: how the officer names it in a sentence.
  var versionWords: String { version == 1 ? "" : "lần \(version) " }
}

extension Signing {
  /// The signed folder is as it was signed: its list hashes as recorded, every listed file is
  /// unchanged and nothing was added.
  public func isIntact(in workspace: Workspace) -> Bool {
    SignedFolder.problems(of: self, in: workspace).problems.isEmpty
  }

  /// Whether the period's working numbers (`staging/<P>/chi-tieu.csv`) differ from this signed
  /// version's; rollup writes the same bytes for the same numbers.
  public func differs(from workspace: Workspace) -> Bool {
    let name = StageFile.indicators
    let signed = FileManager.default.contents(atPath: workspace.signed(period, version: version).appendingPathComponent(name).path)
    return signed == nil || signed != FileManager.default.contents(atPath: workspace.staging(period).appendingPathComponent(name).path)
  }
}

extension Ledger {
  /// The signings of a period, oldest first.
  public func signings(of period: Period) throws(TonghopError) -> [Signing] {
    try read { db in try Ledger.signings(db, sql: "WHERE period = ?", [period.code]) }
  }

  /// Every signing of every period, by period and version.
  public func allSignings() throws(TonghopError) -> [Signing] {
    try read { db in try Ledger.signings(db, sql: "", []) }
  }

  private static func signings(_ db: Database, sql: String, _ arguments: StatementArguments) throws -> [Signing] {
    // A ledger of a version before signings existed (read by `status` without migrating) has none.
    guard try db.tableExists("signing") else { return [] }
    return try Row.fetchAll(
      db, sql: "SELECT period, version, number, date, signed_at, list_sha256 FROM signing \(sql) ORDER BY period, version",
      arguments: arguments
    ).compactMap { row in
      guard let period = Period(code: row[0]), let date = CalendarDay(iso: row[3]) else { return nil }
      return Signing(period: period, version: row[1], number: row[2], date: date, signedAt: row[4], listSHA256: row[5])
    }
  }

  /// Records a signing and, in the same transaction, runs `complete` (which moves the finished folder
  /// into place): a signing is recorded exactly when its folder is complete.
  func recordSigning(_ signing: Signing, _ complete: () throws -> Void) throws(TonghopError) {
    try write { db in
      try db.execute(
        sql: "INSERT INTO signing (period, version, number, date, signed_at, list_sha256) VALUES (?, ?, ?, ?, ?, ?)",
        arguments: [
          signing.period.code, signing.version, signing.number, signing.date.description, signing.signedAt, signing.listSHA256,
        ])
      try complete()
    }
  }
}
