import TonghopCore

/// The one-line summaries the commands print.
enum Report {
  static func ingest(_ s: IngestStage.Summary) -> String {
    "Nhận tệp: \(s.newFiles) tệp mới (\(s.rows) dòng, \(s.rejectedFiles) tệp không đọc được), \(s.knownFiles) tệp đã có, \(s.ignoredFiles) tệp không phải CSV hay Excel (T09), \(s.unreadEntries) mục không đọc được (T10); chi tiết ở danh sách lỗi KiemTra của từng kỳ"
  }

  static func validate(_ period: Period, _ s: ValidateStage.Summary) -> String {
    "Kiểm tra kỳ \(period): \(s.rows) dòng, \(s.accepted) dòng hợp lệ, \(s.rejected) dòng bị loại, \(s.issues) dòng trong danh sách lỗi"
  }

  static func rollup(_ period: Period, _ s: RollupStage.Summary, restatedOn: CalendarDay? = nil) -> String {
    "Tổng hợp kỳ \(period)\(restatedOn.map { " theo địa bàn ngày \($0.vietnamese)" } ?? ""): \(s.reported)/\(s.expected) đơn vị phải nộp có báo cáo hợp lệ; \(s.nodes) địa bàn kể cả toàn tỉnh"
  }

  static func export(_ period: Period, _ s: ExportStage.Summary) -> String {
    (["Xuất báo cáo kỳ \(period): \(s.feedback) đơn vị có tệp phản hồi (.xlsx và .csv) trong phan-hoi/"] + s.files.map { "  \($0)" }).joined(separator: "\n")
  }
}
