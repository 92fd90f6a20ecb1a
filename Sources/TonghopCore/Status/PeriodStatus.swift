import Foundation

/// Where a period's reports stand, from the rollup's `tien-do.csv`: counts per unit type and per
/// area, and the units the officer still has to call.
public struct PeriodStatus: Sendable {
  public struct Counts: Sendable, Equatable {
    public var expected = 0
    public var onTime = 0
    public var late = 0
    public var rejected = 0
    public var missing = 0
    public var received: Int { onTime + late + rejected }

    mutating func add(_ status: String) {
      expected += 1
      switch status {
      case RollupStage.Status.onTime.rawValue: onTime += 1
      case RollupStage.Status.late.rawValue: late += 1
      case RollupStage.Status.rejected.rawValue: rejected += 1
      default: missing += 1
      }
    }
  }

  public struct Missing: Sendable, Equatable {
    public var area: String
    public var code: String
    public var name: String
    /// `chua_nop` or `loi`.
    public var status: String
  }

  public let period: Period
  public let deadline: CalendarDay
  public let byType: [(type: UnitType, counts: Counts)]
  /// Areas in code order, then "Cấp tỉnh" for the units directly under the province.
  public let byArea: [(area: String, counts: Counts)]
  public let total: Counts
  public let missing: [Missing]

  public static let provinceLevel = "Cấp tỉnh"

  public init(workspace: Workspace, registry: Registry, config: Config, period: Period) throws(TonghopError) {
    let table = try StageTable.read(
      workspace.staging(period).appendingPathComponent(StageFile.progress), header: RollupStage.progressHeader,
      writtenBy: "run --period \(period.code)")
    let hierarchy = try Hierarchy(registry: registry, date: config.referenceDate(of: period))
    self.init(progress: table.rows, hierarchy: hierarchy, deadline: config.deadline(of: period), period: period)
  }

  /// From the rows of `tien-do.csv` (its header checked).
  init(progress rows: [StageRow], hierarchy: Hierarchy, deadline: CalendarDay, period: Period) {
    let areaNames = Dictionary(uniqueKeysWithValues: hierarchy.areas.map { ($0.code, $0.name) })
    func area(_ code: String) -> String {
      hierarchy.areaOf[code].flatMap { areaNames[$0] } ?? PeriodStatus.provinceLevel
    }
    var types: [UnitType: Counts] = [:]
    var areas: [String: Counts] = [:]
    var total = Counts()
    var missing: [Missing] = []
    let column = { (name: String) in StageTable.position(of: name, in: RollupStage.progressHeader) }
    let (codeCell, nameCell, typeCell, statusCell) = (column("ma_don_vi"), column("ten_don_vi"), column("loai"), column("trang_thai"))
    for row in rows {
      let code = row[at: codeCell]
      let status = row[at: statusCell]
      let areaName = area(code)
      types[UnitType(rawValue: row[at: typeCell]) ?? .xa, default: Counts()].add(status)
      areas[areaName, default: Counts()].add(status)
      total.add(status)
      if status == RollupStage.Status.missing.rawValue || status == RollupStage.Status.rejected.rawValue {
        missing.append(Missing(area: areaName, code: code, name: row[at: nameCell], status: status))
      }
    }
    self.period = period
    self.deadline = deadline
    self.byType = UnitType.reporting.compactMap { type in types[type].map { (type, $0) } }
    let order = hierarchy.areas.map(\.name) + [PeriodStatus.provinceLevel]
    self.byArea = order.compactMap { name in areas[name].map { (name, $0) } }
    self.total = total
    let rank = Dictionary(order.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    self.missing = missing.sorted { (rank[$0.area] ?? 0, $0.code) < (rank[$1.area] ?? 0, $1.code) }
  }
}
