import Foundation

/// `tonghop explain`: where a node's (or a unit's) numbers come from, read from the period's stage
/// files only. Each unit's contribution is the indicator arithmetic of rollup applied to that unit
/// alone; numerators, denominators and totals are sums over units, so the contributions add up
/// exactly to the node's row of `chi-tieu.csv`.
public struct Explanation {
  public struct Member {
    public let code: String
    public let name: String
    public let type: UnitType
    public let status: RollupStage.Status
    /// The current row: file, line, `ngay_lap`; empty when the unit has none.
    public let file: String
    public let line: String
    public let date: String
    /// Indicator code → this unit's part of it.
    public let contributions: [String: IndicatorValue]
    /// The current row's cells by column.
    let row: StageRow?
  }

  /// A row of the units that does not count: superseded (`D16`) or rejected.
  public struct SetAside {
    public let file: String
    public let line: String
    public let unit: String
    public let codes: [String]
    public let messages: [String]
  }

  public static let csvHeader = ["ma_don_vi", "loai", "trang_thai", "tep", "dong", "ngay_lap", "chi_tieu", "tu_so", "mau_so"]

  public let period: Period
  public let code: String
  public let name: String
  /// The node's own values (`chi-tieu.csv`), or the unit's contribution when `code` is a unit.
  public let values: [String: IndicatorValue]
  public let members: [Member]
  public let setAside: [SetAside]
  /// The indicators explained: one, or all of them.
  public let indicators: [Indicators.Definition]

  public init(workspace: Workspace, config: Config, period: Period, code: String, indicator: String?) throws(TonghopError) {
    let folder = workspace.staging(period)
    func table(_ name: String, _ header: [String], _ stage: String) throws(TonghopError) -> StageTable {
      try StageTable.read(folder.appendingPathComponent(name), header: header, writtenBy: "\(stage) --period \(period.code)")
    }
    if let indicator, Indicators.byCode[indicator] == nil {
      throw TonghopError(
        .usage,
        "Không có chỉ tiêu «\(indicator)». Các mã chỉ tiêu: \(Indicators.all.map(\.code).joined(separator: ", ")).")
    }
    guard access(folder.appendingPathComponent(StageFile.indicators).path, F_OK) == 0 else {
      throw TonghopError(.usage, "Kỳ \(period.code) chưa chạy, chưa có số liệu tổng hợp: hãy chạy `tonghop run --period \(period.code)`.")
    }
    let areas = try StagedAreas.read(workspace, period)
    let accepted = try table(StageFile.accepted, AcceptedRow.header, "validate")
    try accepted.checkElementNumbers()
    let earliest = try table(StageFile.earliest, ValidateStage.earliestHeader, "validate")
    let issues = try table(StageFile.issues, Finding.header, "validate")
    let nodeValues = try IndicatorValue.byNode(try table(StageFile.indicators, IndicatorValue.header, "rollup"))

    let isNode = code == areas.province.code || areas.areas.contains { $0.code == code }
    let units: [StagedAreas.ExpectedUnit] =
      code == areas.province.code ? areas.expected : areas.expected.filter { isNode ? $0.area == code : $0.code == code }
    guard isNode || !units.isEmpty else {
      throw TonghopError(
        .usage,
        "Mã «\(code)» không phải tỉnh, địa bàn hay đơn vị phải báo cáo của kỳ \(period.code). Hãy ghi mã của tỉnh, của một huyện (cột Mã của trang Theo địa bàn) hoặc của một đơn vị.")
    }
    let current = accepted.rowsByUnit()
    let calculator = IndicatorCalculator(
      period: period, deadline: config.deadline(of: period), current: current, earliest: try earliest.daysByUnit("ngay_lap"))
    let explained = indicator.flatMap { Indicators.byCode[$0] }.map { [$0] } ?? Indicators.all
    let wanted = Set(explained.map(\.code))
    members = units.map { unit in
      let parts = calculator.values(node: unit.code, members: [IndicatorCalculator.Member(code: unit.code, type: unit.type)])
      let row = current[unit.code]
      return Member(
        code: unit.code, name: unit.name, type: unit.type, status: unit.status, file: row?["tep"] ?? "", line: row?["dong"] ?? "",
        date: row?["ngay_lap"] ?? "",
        contributions: Dictionary(parts.filter { wanted.contains($0.code) }.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a }),
        row: row)
    }
    self.period = period
    self.code = code
    self.indicators = explained
    if isNode {
      name = code == areas.province.code ? areas.province.name : areas.areas.first { $0.code == code }?.name ?? code
      values = nodeValues[code] ?? [:]
    } else {
      name = units[0].name
      values = members[0].contributions
    }

    let codes = Set(units.map(\.code))
    var grouped: [String: (file: String, line: String, unit: String, codes: [String], messages: [String])] = [:]
    for row in issues.rows where row["ky_bao_cao"] == period.code && codes.contains(row["ma_don_vi"] ?? "") {
      guard row["ma_loi"] == IssueCode.D16.rawValue || row["muc_do"] == Finding.Severity.error.rawValue else { continue }
      let key = "\(row["tep"] ?? "")\n\(row["dong"] ?? "")"
      var entry = grouped[key] ?? (row["tep"] ?? "", row["dong"] ?? "", row["ma_don_vi"] ?? "", [], [])
      entry.codes.append(row["ma_loi"] ?? "")
      entry.messages.append(row["noi_dung"] ?? "")
      grouped[key] = entry
    }
    setAside = grouped.values.sorted { ($0.unit, $0.file, Int($0.line) ?? 0) < ($1.unit, $1.file, Int($1.line) ?? 0) }.map {
      SetAside(file: $0.file, line: $0.line, unit: $0.unit, codes: $0.codes, messages: $0.messages)
    }
  }

  /// One row per unit and indicator: each unit's part, adding up to the node's `tu_so` and `mau_so`.
  public var csv: String {
    var writer = CSVWriter(header: Explanation.csvHeader)
    for member in members {
      for indicator in indicators {
        let part = member.contributions[indicator.code]
        writer.append([
          member.code, member.type.rawValue, member.status.rawValue, member.file, member.line, member.date, indicator.code,
          part?.numerator.map(String.init) ?? "", part?.denominator.map(String.init) ?? "",
        ])
      }
    }
    return writer.text
  }

  /// The explanation as the officer reads it on a terminal.
  public var text: String {
    var lines = ["Kỳ \(period.code) – \(name) (\(code)): \(members.count) đơn vị được tính"]
    let single = indicators.count == 1 ? indicators[0] : nil
    if let single {
      let value = values[single.code]
      lines.append("Chỉ tiêu \(single.code) – \(single.label) (\(single.measure))")
      lines.append(
        "  Tử số \(Explanation.number(value?.numerator)), mẫu số \(Explanation.number(value?.denominator)), kết quả \(Explanation.result(value))")
    }
    lines.append("")
    let used = single.map { IndicatorCalculator.elementsUsed(by: $0.code) } ?? []
    var header = ["Mã", "Tên đơn vị", "Tình trạng", "Tệp, dòng", "Ngày lập"] + used
    if single != nil { header += ["Tử số", "Mẫu số"] }
    var rows: [[String]] = []
    for member in members {
      var cells = [
        member.code, member.name, UnitSheet.statusWords[member.status.rawValue] ?? "",
        member.file.isEmpty ? "" : "\(member.file), dòng \(member.line)",
        CalendarDay(iso: member.date)?.vietnamese ?? "",
      ]
      cells += used.map { member.row?[$0] ?? "" }
      if let single {
        let part = member.contributions[single.code]
        cells += [Explanation.number(part?.numerator), Explanation.number(part?.denominator)]
      }
      rows.append(cells)
    }
    if let single {
      // The node's own figures: empty ("–") where no unit counts, as in the report.
      rows.append(
        ["Cộng", "", "", "", ""] + used.map { _ in "" } + [Explanation.number(values[single.code]?.numerator), Explanation.number(values[single.code]?.denominator)])
    }
    lines += Explanation.table(header, rows)
    if setAside.isEmpty {
      lines.append("")
      lines.append("Không có dòng nào bị thay thế hay bị loại.")
    } else {
      lines.append("")
      lines.append("Dòng không được tính (bị thay thế bởi báo cáo sau, hoặc bị loại vì có lỗi):")
      for row in setAside {
        lines.append("  \(row.unit)  \(row.file), dòng \(row.line): \(row.codes.joined(separator: ", "))")
        for message in row.messages { lines.append("      \(message)") }
      }
    }
    if single == nil {
      lines.append("")
      lines.append("Thêm --chi-tieu <mã> (ví dụ --chi-tieu CT1) để xem tử số, mẫu số của một chỉ tiêu; --csv để có bảng cộng lại đúng bằng chi-tieu.csv.")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  private static func number(_ value: Int64?) -> String { value.map(\.grouped) ?? "–" }

  private static func result(_ value: IndicatorValue?) -> String {
    guard let value, let number = value.value else { return "–" }
    guard value.isRatio else { return Int64(number).grouped }
    return String(format: "%.1f%%", number * 100).replacingOccurrences(of: ".", with: ",")
  }

  private static func table(_ header: [String], _ rows: [[String]]) -> [String] {
    let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
    func line(_ cells: [String]) -> String {
      zip(cells, widths).map { $0 + String(repeating: " ", count: $1 - $0.count) }.joined(separator: "  ")
        .replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
    }
    return [line(header)] + rows.map(line)
  }
}
