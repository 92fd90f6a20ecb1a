import Foundation

/// What the workbooks show for one period, read back from the rollup's and validate's stage files.
struct ReportData {
  let period: Period
  let provinceName: String
  let bodies: Config.Bodies
  let hierarchy: Hierarchy
  /// Node code → indicator code → value.
  let indicators: [String: [String: IndicatorValue]]
  /// `tien-do.csv` rows.
  let progress: [[String: String]]
  /// `kiem-tra.csv` rows.
  let issues: [[String: String]]
  let config: Config

  init(workspace: Workspace, registry: Registry, config: Config, period: Period) throws(TonghopError) {
    let folder = workspace.staging(period)
    let rollup = "rollup --period \(period.code)"
    let chiTieu = try StageTable.read(folder.appendingPathComponent(StageFile.indicators), header: IndicatorValue.header, writtenBy: rollup)
    let tienDo = try StageTable.read(folder.appendingPathComponent(StageFile.progress), header: RollupStage.progressHeader, writtenBy: rollup)
    let kiemTra = try StageTable.read(
      folder.appendingPathComponent(StageFile.issues), header: Issue.header, writtenBy: "validate --period \(period.code)")
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
    self.progress = tienDo.rows
    self.issues = kiemTra.rows
  }

  func value(_ node: String, _ code: String) -> IndicatorValue? { indicators[node]?[code] }

  var provinceCode: String { hierarchy.province.code }
}
