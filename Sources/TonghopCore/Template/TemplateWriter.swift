import Foundation

/// Blank report templates for the units of one type: a CSV (UTF-8 with BOM) and an Excel
/// workbook with the Vietnamese label of each column as a comment and input rules on the cells.
public struct TemplateWriter: WorksOnContext {
  let context: StageContext

  public init(_ context: StageContext) {
    self.context = context
  }

  /// The columns of a unit type's report in the period, in dictionary order.
  public static func columns(for type: UnitType, in period: Period) -> [String] {
    ["ma_don_vi", "ky_bao_cao", "ngay_lap", "nguoi_lap"]
      + DataDictionary.elements.filter { $0.requirement(for: type, in: period) != .notApplicable }.map(\.code)
      + ["ghi_chu"]
  }

  /// Writes `mau-<loai>.csv` and `mau-<loai>.xlsx` for each type; returns the paths written.
  public func write(_ period: Period, types: [UnitType]) throws(TonghopError) -> [String] {
    let folder = workspace.reports(period).appendingPathComponent("mau")
    let units = registry.units(on: config.referenceDate(of: period))
    var written: [String] = []
    for type in types {
      let expected = units.filter { $0.type == type }
      let columns = TemplateWriter.columns(for: type, in: period)
      var csv = CSVWriter(header: columns, forSpreadsheet: true)
      for unit in expected {
        csv.append([unit.code, period.code] + Array(repeating: "", count: columns.count - 2))
      }
      let csvURL = folder.appendingPathComponent("mau-\(type.rawValue).csv")
      try AtomicFile.write(csv.bytes, to: csvURL)
      let xlsxURL = folder.appendingPathComponent("mau-\(type.rawValue).xlsx")
      try writeWorkbook(xlsxURL, type: type, period: period, columns: columns, units: expected)
      written += [csvURL.path, xlsxURL.path]
    }
    return written
  }

  private func writeWorkbook(
    _ url: URL, type: UnitType, period: Period, columns: [String], units: [Unit]
  ) throws(TonghopError) {
    let bodies = config.bodies(for: period)
    let properties = DocumentProperties(
      title: "Mẫu báo cáo \(type.label.lowercased()) – \(period.code)", author: bodies.issuer,
      created: config.referenceDate(of: period))
    try XLSXWorkbook.write(to: url, scratch: workspace.scratch, properties: properties) { book throws(TonghopError) in
      let sheet = try book.addSheet("Báo cáo")
      try sheet.widths(columns.map { $0 == "nguoi_lap" || $0 == "ghi_chu" ? 24 : 14 })
      let lastRow = max(units.count, 1) + 200
      for (index, column) in columns.enumerated() {
        try sheet.text(0, index, column, .tableHeader)
        if let element = DataDictionary.byCode[column] {
          let requirement = element.requirement(for: type, in: period) == .required ? "bắt buộc" : "không bắt buộc"
          try sheet.comment(0, index, "\(element.label) (\(requirement))")
          switch element.kind {
          case .count, .money:
            try sheet.allowWholeNumbers(rows: 1...lastRow, column: index, message: "Số nguyên không âm")
          case .yesNo:
            try sheet.allowChoices(["1", "0"], rows: 1...lastRow, column: index, message: "1 = có, 0 = không")
          case .mediaLevel:
            try sheet.allowChoices(
              ["khong", "thi_diem", "chinh_thuc"], rows: 1...lastRow, column: index,
              message: "khong, thi_diem (thí điểm) hoặc chinh_thuc (chính thức)")
          }
        } else {
          try sheet.comment(0, index, TemplateWriter.identifierNotes[column] ?? column)
        }
      }
      for (offset, unit) in units.enumerated() {
        try sheet.text(offset + 1, 0, unit.code, .cell)
        try sheet.text(offset + 1, 1, period.code, .cell)
      }
      sheet.freeze(rows: 1, columns: 1)
    }
  }

  static let identifierNotes = [
    "ma_don_vi":
      "Mã đơn vị theo danh mục (giữ nguyên, kể cả số 0 ở đầu). Cách gửi: điền số liệu vào dòng của đơn vị mình, lưu lại rồi gửi lại chính tệp này (.xlsx); không cần lưu thành CSV, không thêm dòng tiêu đề phía trên.",
    "ky_bao_cao": "Kỳ báo cáo, ví dụ 2025-H1 (6 tháng) hoặc 2025-Y (cả năm)",
    "ngay_lap": "Ngày lập báo cáo, dạng ngày/tháng/năm, ví dụ 05/06/2025",
    "nguoi_lap": "Họ tên người lập báo cáo",
    "ghi_chu": "Ghi chú (không bắt buộc)",
  ]
}
