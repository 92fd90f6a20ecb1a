import Foundation

/// What the workbooks show for one period, read back from the rollup's and validate's stage files.
struct ReportData: Sendable {
  let period: Period
  let provinceName: String
  let bodies: Config.Bodies
  let hierarchy: Hierarchy
  /// Node code → indicator code → value.
  let indicators: [String: [String: IndicatorValue]]
  /// `tien-do.csv`: unit code → its `trang_thai`.
  let progress: [String: String]
  /// `kiem-tra.csv` rows.
  let issues: [StageRow]
  /// `hop-le.csv`: unit code → its current values.
  let accepted: [String: StageRow]
  let status: PeriodStatus
  let config: Config

  init(workspace: Workspace, registry: Registry, config: Config, period: Period) throws(TonghopError) {
    let folder = workspace.staging(period)
    let rollup = "rollup --period \(period.code)"
    let validate = "validate --period \(period.code)"
    // The largest first: two cores read two files at a time.
    let files = [
      (StageFile.accepted, AcceptedRow.header, validate), (StageFile.progress, RollupStage.progressHeader, rollup),
      (StageFile.indicators, IndicatorValue.header, rollup), (StageFile.issues, Issue.header, validate),
    ]
    let tables = try Parallel.map(files.count) { index throws(TonghopError) in
      try StageTable.read(folder.appendingPathComponent(files[index].0), header: files[index].1, writtenBy: files[index].2)
    }
    let (hopLe, tienDo, chiTieu, kiemTra) = (tables[0], tables[1], tables[2], tables[3])
    self.period = period
    self.config = config
    self.hierarchy = try Hierarchy(registry: registry, date: config.referenceDate(of: period))
    self.bodies = config.bodies(for: period)
    self.provinceName =
      config.provinceName
      ?? hierarchy.province.name.replacingOccurrences(of: "Tỉnh ", with: "").replacingOccurrences(of: "Thành phố ", with: "")
    var indicators: [String: [String: IndicatorValue]] = [:]
    for row in chiTieu.rows {
      let code = row["chi_tieu"] ?? ""
      let value = IndicatorValue(
        node: row["ma_don_vi"] ?? "", code: code, numerator: Int64(row["tu_so"] ?? ""),
        denominator: Int64(row["mau_so"] ?? ""), isRatio: Indicators.byCode[code]?.isRatio ?? false)
      indicators[value.node, default: [:]][code] = value
    }
    self.indicators = indicators
    let progressCells = (
      StageTable.position(of: "ma_don_vi", in: RollupStage.progressHeader),
      StageTable.position(of: "trang_thai", in: RollupStage.progressHeader)
    )
    self.progress = Dictionary(
      tienDo.rows.map { ($0[at: progressCells.0], $0[at: progressCells.1]) }, uniquingKeysWith: { a, _ in a })
    let unitCell = StageTable.position(of: "ma_don_vi", in: AcceptedRow.header)
    self.accepted = Dictionary(hopLe.rows.map { ($0[at: unitCell], $0) }, uniquingKeysWith: { a, _ in a })
    self.status = PeriodStatus(progress: tienDo.rows, hierarchy: hierarchy, deadline: config.deadline(of: period), period: period)
    self.issues = kiemTra.rows
  }

  func value(_ node: String, _ code: String) -> IndicatorValue? { indicators[node]?[code] }

  /// The units directly under the province ("Cấp tỉnh"): the province less its areas. Numerators,
  /// denominators and totals add up over the disjoint member sets, so the difference is exact.
  func provinceLevel(_ code: String) -> IndicatorValue? {
    guard let whole = value(provinceCode, code), let definition = Indicators.byCode[code] else { return nil }
    let areas = hierarchy.areas.compactMap { value($0.code, code) }
    guard definition.isRatio else {
      return IndicatorValue(
        node: "", code: code, numerator: (whole.numerator ?? 0) - areas.reduce(0) { $0 + ($1.numerator ?? 0) },
        denominator: nil, isRatio: false)
    }
    guard whole.denominator != nil || areas.contains(where: { $0.denominator != nil }) else {
      return IndicatorValue(node: "", code: code, numerator: nil, denominator: nil, isRatio: true)
    }
    return .ratio(
      "", code, (whole.numerator ?? 0) - areas.reduce(0) { $0 + ($1.numerator ?? 0) },
      (whole.denominator ?? 0) - areas.reduce(0) { $0 + ($1.denominator ?? 0) })
  }

  /// Units of the province directly under it (counted in no area).
  var hasProvinceLevelUnits: Bool { hierarchy.expected.contains { hierarchy.areaOf[$0.code] == nil } }

  var provinceCode: String { hierarchy.province.code }
}
