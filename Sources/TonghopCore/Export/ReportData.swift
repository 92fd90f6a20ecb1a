import Foundation

/// What the workbooks show for one period, read back from the rollup's and validate's stage files
/// only (never the registry: the reports are those of the rollup they come from).
struct ReportData: Sendable {
  let period: Period
  let provinceName: String
  let bodies: Config.Bodies
  let areas: StagedAreas
  /// Node code → indicator code → value.
  let indicators: [String: [String: IndicatorValue]]
  /// `kiem-tra.csv` rows.
  let issues: [StageRow]
  /// `hop-le.csv`: unit code → its current values.
  let current: [String: StageRow]
  let status: PeriodStatus
  let config: Config
  /// A signed copy's number, date and title; nil for the working version.
  let stamp: Signing?
  /// For a revision (lần N ≥ 2), the signing it adjusts.
  var revises: Signing?
  /// The working version's line under its title, once the period has been signed.
  var signedNote: String?

  init(workspace: Workspace, config: Config, period: Period, stamp: Signing? = nil) throws(TonghopError) {
    let folder = workspace.staging(period)
    let rollup = "rollup --period \(period.code)"
    let validate = "validate --period \(period.code)"
    // The largest first: two cores read two files at a time.
    let files = [
      (StageFile.accepted, AcceptedRow.header, validate), (StageFile.progress, RollupStage.progressHeader, rollup),
      (StageFile.indicators, IndicatorValue.header, rollup), (StageFile.issues, Finding.header, validate),
      (StageFile.areas, StagedAreas.header, rollup),
    ]
    let tables = try Parallel.map(files.count) { index throws(TonghopError) in
      try StageTable.read(folder.appendingPathComponent(files[index].0), header: files[index].1, writtenBy: files[index].2)
    }
    let (hopLe, tienDo, chiTieu, kiemTra, diaBan) = (tables[0], tables[1], tables[2], tables[3], tables[4])
    self.period = period
    self.config = config
    self.stamp = stamp
    self.areas = try StagedAreas(nodes: diaBan, progress: tienDo)
    self.bodies = config.bodies(for: period)
    self.provinceName =
      config.provinceName
      ?? areas.province.name.replacingOccurrences(of: "Tỉnh ", with: "").replacingOccurrences(of: "Thành phố ", with: "")
    let indicators = try IndicatorValue.byNode(chiTieu)
    self.indicators = indicators
    // Every node of dia-ban.csv has every indicator, and no other node is there.
    let areas = self.areas
    let nodes = [areas.province] + areas.areas
    for node in nodes {
      if let missing = Indicators.all.first(where: { indicators[node.code]?[$0.code] == nil }) {
        throw TonghopError(
          .io,
          "\(folder.appendingPathComponent(StageFile.indicators).path): thiếu dòng \(missing.code) của \(node.code) (tệp bị hỏng hoặc bị sửa tay): hãy chạy lại `tonghop \(rollup)`")
      }
    }
    if let stray = Set(indicators.keys).subtracting(nodes.map(\.code)).sorted().first {
      throw TonghopError(
        .io,
        "\(folder.appendingPathComponent(StageFile.indicators).path): \(stray) không phải địa bàn của kỳ (không có trong \(StageFile.areas)): hãy chạy lại `tonghop \(rollup)`")
    }
    try hopLe.checkElementNumbers()
    let expected = Set(areas.expected.map(\.code))
    if let stray = hopLe.rows.first(where: { !expected.contains($0["ma_don_vi"] ?? "") }) {
      throw hopLe.damaged(stray, "ma_don_vi")
    }
    self.current = hopLe.rowsByUnit()
    self.status = PeriodStatus(areas: areas, deadline: config.deadline(of: period), period: period)
    self.issues = kiemTra.rows
  }

  func value(_ node: String, _ code: String) -> IndicatorValue? { indicators[node]?[code] }

  /// The units directly under the province ("Cấp tỉnh"): the province less its areas. Numerators,
  /// denominators and totals add up over the disjoint member sets, so the difference is exact.
  func provinceLevel(_ code: String) -> IndicatorValue? {
    guard let whole = value(provinceCode, code), let definition = Indicators.byCode[code] else { return nil }
    let areas = self.areas.areas.compactMap { value($0.code, code) }
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

  var provinceCode: String { areas.province.code }
}
