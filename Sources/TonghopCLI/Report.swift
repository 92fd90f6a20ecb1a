import TonghopCore

/// The one-line summaries the commands print.
enum Report {
  static func ingest(_ s: IngestStage.Summary) -> String {
    "ingest: \(s.newFiles) new file(s) (\(s.rows) rows, \(s.rejectedFiles) unreadable), \(s.knownFiles) already known, \(s.ignoredFiles) not CSV, \(s.unreadEntries) không đọc được (T10, xem kiem-tra.csv)"
  }

  static func validate(_ period: Period, _ s: ValidateStage.Summary) -> String {
    "validate \(period): \(s.rows) rows, \(s.accepted) accepted, \(s.rejected) rejected, \(s.issues) issue line(s)"
  }

  static func rollup(_ period: Period, _ s: RollupStage.Summary, restatedOn: CalendarDay? = nil) -> String {
    "rollup \(period)\(restatedOn.map { " on the areas of \($0)" } ?? ""): \(s.reported) of \(s.expected) expected units have a valid report; \(s.nodes) areas incl. the province"
  }

  static func export(_ period: Period, _ s: ExportStage.Summary) -> String {
    (["export \(period): \(s.feedback) unit feedback file(s) in phan-hoi/"] + s.files.map { "  \($0)" }).joined(separator: "\n")
  }
}
