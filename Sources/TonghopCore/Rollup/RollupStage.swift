import Foundation

/// Stage 3: aggregates the accepted rows up the hierarchy into `chi-tieu.csv` and `tien-do.csv`.
public struct RollupStage: WorksOnContext {
  public struct Summary: Sendable, Equatable {
    public var nodes = 0
    public var expected = 0
    public var reported = 0
  }

  public enum Status: String, Sendable {
    case onTime = "dung_han"
    case late = "tre_han"
    case rejected = "loi"
    case missing = "chua_nop"
  }

  public static let progressHeader = [
    "ky_bao_cao", "ma_don_vi", "ten_don_vi", "loai", "ma_cap_tren", "trang_thai", "ngay_lap", "tep", "ma_dia_ban",
  ]

  let context: StageContext

  public init(_ context: StageContext) {
    self.context = context
  }

  /// With `restatedOn`, the period's units are aggregated along the areas of that later date
  /// (`Hierarchy.restated`) into `chi-tieu-theo-<date>.csv`; `tien-do.csv` is left as it is.
  public func run(_ period: Period, restatedOn: CalendarDay? = nil) throws(TonghopError) -> Summary {
    let folder = workspace.staging(period)
    func table(_ name: String, _ header: [String]) throws(TonghopError) -> StageTable {
      try StageTable.read(folder.appendingPathComponent(name), header: header, writtenBy: "validate --period \(period.code)")
    }
    let accepted = try table(StageFile.accepted, AcceptedRow.header)
    let first = try table(StageFile.earliest, ValidateStage.earliestHeader)
    let issues = try table(StageFile.issues, Finding.header)

    let reference = config.referenceDate(of: period)
    let hierarchy =
      if let restatedOn {
        try Hierarchy.restated(
          registry: registry, crosswalk: try Crosswalk.load(from: workspace.crosswalkFile, registry: registry),
          expectedOn: reference, areasOn: restatedOn)
      } else {
        try Hierarchy(registry: registry, date: reference)
      }
    try accepted.checkElementNumbers()
    let current = accepted.rowsByUnit()
    let earliestRows = first.rowsByUnit()
    let earliestDates = try first.daysByUnit("ngay_lap")
    let rejectedUnits = Set(
      issues.rows.filter { $0["muc_do"] == Finding.Severity.error.rawValue && $0["ky_bao_cao"] == period.code }
        .compactMap { $0["ma_don_vi"] })
    let deadline = config.deadline(of: period)
    let calculator = IndicatorCalculator(
      period: period, deadline: deadline, current: current,
      earliest: earliestDates)

    var indicators: [IndicatorValue] = []
    for node in hierarchy.nodes {
      let members = hierarchy.members(of: node.code).map { IndicatorCalculator.Member(code: $0.code, type: $0.type) }
      indicators += calculator.values(node: node.code, members: members)
    }
    var chiTieu = CSVWriter(header: IndicatorValue.header)
    let order = Dictionary(uniqueKeysWithValues: Indicators.all.enumerated().map { ($1.code, $0) })
    indicators.sorted {
      $0.node != $1.node ? $0.node.utf8Precedes($1.node) : order[$0.code, default: 0] < order[$1.code, default: 0]
    }.forEach { chiTieu.append($0.fields(period)) }
    let summary = Summary(nodes: hierarchy.nodes.count, expected: hierarchy.expected.count, reported: current.count)
    if let restatedOn {
      try AtomicFile.write(chiTieu.bytes, to: folder.appendingPathComponent(StageFile.restatedIndicators(restatedOn)))
      return summary
    }

    var tienDo = CSVWriter(header: RollupStage.progressHeader)
    for unit in hierarchy.expected {
      let earliest = earliestRows[unit.code]
      let status: Status
      if current[unit.code] != nil, let day = earliestDates[unit.code] {
        status = day <= deadline ? .onTime : .late
      } else {
        status = rejectedUnits.contains(unit.code) ? .rejected : .missing
      }
      tienDo.append([
        period.code, unit.code, unit.name, unit.type.rawValue, unit.parentCode ?? "", status.rawValue,
        earliest?["ngay_lap"] ?? "", earliest?["tep"] ?? "", hierarchy.areaOf[unit.code] ?? "",
      ])
    }
    var areas = CSVWriter(header: StagedAreas.header)
    StagedAreas.rows(of: hierarchy).forEach { areas.append($0) }
    try AtomicFile.write(chiTieu.bytes, to: folder.appendingPathComponent(StageFile.indicators))
    try AtomicFile.write(areas.bytes, to: folder.appendingPathComponent(StageFile.areas))
    try AtomicFile.write(tienDo.bytes, to: folder.appendingPathComponent(StageFile.progress))
    return summary
  }
}
