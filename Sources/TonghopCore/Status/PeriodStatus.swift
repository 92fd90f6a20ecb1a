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

  /// Read while a run may be writing the stage files (`status` does not take the lock): a run
  /// replaces `dia-ban.csv` and `tien-do.csv` one after the other, so two files that do not fit
  /// together are read again once the run has moved on.
  public init(workspace: Workspace, config: Config, period: Period) throws(TonghopError) {
    var attempt = 0
    while true {
      do {
        self.init(areas: try StagedAreas.read(workspace, period), deadline: config.deadline(of: period), period: period)
        return
      } catch where error.kind == .io && attempt < 5 {
        attempt += 1
        usleep(200_000)
      }
    }
  }

  /// From what rollup wrote of the period's units and areas.
  init(areas: StagedAreas, deadline: CalendarDay, period: Period) {
    var types: [UnitType: Counts] = [:]
    var byArea: [String: Counts] = [:]
    var total = Counts()
    var missing: [Missing] = []
    for unit in areas.expected {
      let status = unit.status.rawValue
      let areaName = areas.areaName(of: unit)
      types[unit.type, default: Counts()].add(status)
      byArea[areaName, default: Counts()].add(status)
      total.add(status)
      if unit.status == .missing || unit.status == .rejected {
        missing.append(Missing(area: areaName, code: unit.code, name: unit.name, status: status))
      }
    }
    self.period = period
    self.deadline = deadline
    self.byType = UnitType.reporting.compactMap { type in types[type].map { (type, $0) } }
    let order = areas.areas.map(\.name) + [PeriodStatus.provinceLevel]
    self.byArea = order.compactMap { name in byArea[name].map { (name, $0) } }
    self.total = total
    let rank = Dictionary(order.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    self.missing = missing.sorted { (rank[$0.area] ?? 0, $0.code) < (rank[$1.area] ?? 0, $1.code) }
  }
}
