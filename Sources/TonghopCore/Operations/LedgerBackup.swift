import Foundation
import GRDB

/// `outputs/backup/ledger-<YYYY-MM-DD>.sqlite`: a consistent copy of the ledger made with SQLite's
/// online backup after every command that wrote, one per day (a later run of the day replaces it),
/// the last `kept` days kept. Restoring is copying one back over `outputs/ledger.sqlite`.
public enum LedgerBackup {
  public static let kept = 14

  public static func fileName(_ day: CalendarDay) -> String { "ledger-\(day).sqlite" }

  /// True when the day already has its copy.
  public static func exists(in workspace: Workspace, on day: CalendarDay) -> Bool {
    access(workspace.backups.appendingPathComponent(fileName(day)).path, F_OK) == 0
  }

  /// Writes the day's copy through a temporary file (a crash never leaves half a backup under the
  /// final name) and removes the oldest beyond `kept`. Returns the copy's path.
  @discardableResult
  public static func save(_ ledger: Ledger, in workspace: Workspace, on day: CalendarDay) throws(TonghopError) -> URL {
    let folder = workspace.backups
    try AtomicFile.makeFolder(folder)
    let target = folder.appendingPathComponent(fileName(day))
    let temporary = folder.appendingPathComponent(".\(fileName(day)).tmp.\(getpid())")
    do {
      try? FileManager.default.removeItem(at: temporary)
      let copy = try DatabaseQueue(path: temporary.path)
      try ledger.queue.backup(to: copy)
      try copy.close()
      try AtomicFile.sync(temporary.path, isFolder: false)
      try AtomicFile.publish(temporary, as: target)
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      throw TonghopError(.io, "Không sao lưu được sổ ghi nhận vào \(target.path): \(Ledger.explain(error))")
    }
    // Only this program's copies count (`ledger-<day>.sqlite` with a real day), oldest first; the
    // day's own copy is never removed, whatever other days the folder holds.
    let copies = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
      .compactMap { name -> (CalendarDay, String)? in
        guard name.hasPrefix("ledger-"), name.hasSuffix(".sqlite"),
          let copyDay = CalendarDay(iso: String(name.dropFirst(7).dropLast(7)))
        else { return nil }
        return (copyDay, name)
      }
      .sorted { $0.0 < $1.0 }
    var extra = copies.count - kept
    for (copyDay, name) in copies where extra > 0 && copyDay != day {
      try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
      extra -= 1
    }
    return target
  }
}
