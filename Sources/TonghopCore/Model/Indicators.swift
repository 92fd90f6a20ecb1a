/// The indicator codes of domain.md, in the order of the stage file and the workbooks.
public enum Indicators {
  public struct Definition: Sendable {
    public let code: String
    public let label: String
    public let measure: String
    public var isRatio: Bool { measure == "%" }
  }

  /// The plan's own indicators, each with a target (CT1 … CT6).
  public static let plan: [Definition] = [
    Definition(code: "CT1", label: "Tỷ lệ cơ quan, đơn vị, địa phương tổ chức ≥ 2 cuộc truyền thông cho CB, CC, VC, NLĐ", measure: "%"),
    Definition(code: "CT2", label: "Tỷ lệ cơ quan, UBND các cấp xây dựng kế hoạch, triển khai Tháng hành động vì BĐG", measure: "%"),
    Definition(code: "CT3A", label: "Tỷ lệ cơ quan truyền thông áp dụng (thí điểm hoặc chính thức) Bộ chỉ số về giới", measure: "%"),
    Definition(code: "CT3B", label: "Tỷ lệ cơ quan truyền thông áp dụng chính thức Bộ chỉ số về giới", measure: "%"),
    Definition(code: "CT4", label: "Tỷ lệ xã, phường, thị trấn có ≥ 2 tin, bài về BĐG mỗi quý", measure: "%"),
    Definition(code: "CT5", label: "Tỷ lệ cơ sở giáo dục tổ chức ≥ 2 cuộc truyền thông cho GV, NV, HS", measure: "%"),
    Definition(code: "CT6", label: "Tỷ lệ hương ước, quy ước không có phân biệt đối xử về giới", measure: "%"),
  ]

  public static let totals: [Definition] =
    DataDictionary.elements.filter(\.kind.isNumber).map {
      Definition(code: "TS_\($0.code)", label: $0.label, measure: $0.unit)
    } + [Definition(code: "TS_ty_le_nu", label: "Tỷ lệ nữ trong lượt người tham dự", measure: "%")]

  public static let completeness: [Definition] =
    (UnitType.reporting.map { Definition(code: "NOP_\($0.rawValue)", label: "Tỷ lệ đã nộp báo cáo – \($0.label)", measure: "%") }
      + [Definition(code: "NOP_tat_ca", label: "Tỷ lệ đã nộp báo cáo – tất cả đơn vị", measure: "%")])
    + UnitType.reporting.map {
      Definition(code: "DUNG_HAN_\($0.rawValue)", label: "Tỷ lệ nộp đúng hạn – \($0.label)", measure: "%")
    } + [Definition(code: "DUNG_HAN_tat_ca", label: "Tỷ lệ nộp đúng hạn – tất cả đơn vị", measure: "%")]

  public static let all: [Definition] = plan + totals + completeness

  /// A column heading on paper: the plan's own indicators begin with their code ("CT4 – …"), which
  /// the plan itself uses; the internal codes of totals and completeness (`TS_cuoc_tt`, `NOP_tat_ca`)
  /// stay in the `Mã` columns and the stage files, the heading is the label with its unit.
  public static func heading(_ definition: Definition) -> String {
    if plan.contains(where: { $0.code == definition.code }) { return "\(definition.code) – \(definition.label)" }
    let shown = definition.measure.isEmpty || definition.isRatio || definition.label.contains("(\(definition.measure))")
    return shown ? definition.label : "\(definition.label) (\(definition.measure))"
  }

  /// The targets the plan sets for every year ("Hằng năm", "mỗi quý"): assessed in every annual
  /// report. The others are reached "by" a milestone year and assessed in that year's report only.
  public static let everyYear: Set<String> = ["CT1", "CT2", "CT4", "CT5"]

  /// `CT2` (the Action Month) is an annual indicator only: empty in the 6-month report.
  public static func applies(_ code: String, to period: Period) -> Bool {
    code != "CT2" || period.kind == .year
  }

  public static let byCode: [String: Definition] = Dictionary(uniqueKeysWithValues: all.map { ($0.code, $0) })
}
